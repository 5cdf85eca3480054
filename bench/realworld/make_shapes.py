#!/usr/bin/env python3
"""Generate labelled provider-style playlists from the real naming shapes in SHAPES.md.

Standard library only, deterministic (fixed seed).  Every event-channel style below is
modelled on a real channel name quoted in SHAPES.md / names.tsv (the `MODEL` table); it
knows nothing of epgoat's own parser, rules or generators.

Input : /work/shared/bench/events/YYYY-MM-DD.json (TheSportsDB eventsday snapshot, UTC)
Output: bench/realworld/gen/<date>-<k>.m3u, .labels.csv, .expect.csv

    python3 bench/realworld/make_shapes.py

A playlist for date D is what a US-centred provider would list on D: every snapshot
event whose start, in US Eastern time, falls on D (so an 8 PM ET game that starts at
01:00 UTC on D+1 is included).  Score with `epgoat match ... --date D`.
"""
from __future__ import annotations

import csv
import datetime as dt
import json
import os
import random
from pathlib import Path
from zoneinfo import ZoneInfo

HERE = Path(__file__).resolve().parent
EVENTS = Path(os.environ.get("BENCH_EVENTS", "/work/shared/bench/events"))
OUT = HERE / "gen"
SEED = 20260310
# Not 2025-11-22 / 2025-11-23 (the dev set).  (date, number of playlists)
DATES = [("2025-10-26", 2), ("2025-11-06", 1), ("2025-12-07", 2), ("2025-12-15", 1),
         ("2026-01-10", 2), ("2026-02-01", 2), ("2026-03-07", 2), ("2026-03-14", 2)]

UTC = dt.UTC
ET = ZoneInfo("America/New_York")
UK = ZoneInfo("Europe/London")
LOCAL = {  # league -> local zone (for European local-time shapes)
    "Dutch Eredivisie": ZoneInfo("Europe/Amsterdam"), "German Bundesliga": ZoneInfo("Europe/Berlin"),
    "Italian Serie A": ZoneInfo("Europe/Rome"), "Spanish La Liga": ZoneInfo("Europe/Madrid"),
    "French Ligue 1": ZoneInfo("Europe/Paris"), "Portuguese Primeira Liga": ZoneInfo("Europe/Lisbon"),
    "English Premier League": UK, "English League Championship": UK, "Scottish Premiership": UK,
}
US_LEAGUES = {"NBA", "NHL", "NFL", "MLB"}
SOCCER = set(LOCAL)
UK_SOCCER = {"English Premier League", "English League Championship", "Scottish Premiership"}
MON = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
DOW = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

# --------------------------------------------------------------------------- team names
MULTI = {"Red Wings", "Blue Jackets", "Maple Leafs", "Golden Knights", "Trail Blazers", "Red Sox",
         "White Sox", "Blue Jays"}
ABBR = {
    # NBA
    "Atlanta Hawks": "ATL", "Boston Celtics": "BOS", "Brooklyn Nets": "BKN", "Charlotte Hornets": "CHA",
    "Chicago Bulls": "CHI", "Cleveland Cavaliers": "CLE", "Dallas Mavericks": "DAL", "Denver Nuggets": "DEN",
    "Detroit Pistons": "DET", "Golden State Warriors": "GSW", "Houston Rockets": "HOU", "Indiana Pacers": "IND",
    "Los Angeles Clippers": "LAC", "Los Angeles Lakers": "LAL", "Memphis Grizzlies": "MEM", "Miami Heat": "MIA",
    "Milwaukee Bucks": "MIL", "Minnesota Timberwolves": "MIN", "New Orleans Pelicans": "NOP",
    "New York Knicks": "NYK", "Oklahoma City Thunder": "OKC", "Orlando Magic": "ORL",
    "Philadelphia 76ers": "PHI", "Phoenix Suns": "PHX", "Portland Trail Blazers": "POR",
    "Sacramento Kings": "SAC", "San Antonio Spurs": "SAS", "Toronto Raptors": "TOR", "Utah Jazz": "UTA",
    "Washington Wizards": "WAS",
    # NHL
    "Anaheim Ducks": "ANA", "Boston Bruins": "BOS", "Buffalo Sabres": "BUF", "Calgary Flames": "CGY",
    "Carolina Hurricanes": "CAR", "Chicago Blackhawks": "CHI", "Colorado Avalanche": "COL",
    "Columbus Blue Jackets": "CBJ", "Dallas Stars": "DAL", "Detroit Red Wings": "DET", "Edmonton Oilers": "EDM",
    "Florida Panthers": "FLA", "Los Angeles Kings": "LAK", "Minnesota Wild": "MIN",
    "Montreal Canadiens": "MTL", "Nashville Predators": "NSH", "New Jersey Devils": "NJD",
    "New York Islanders": "NYI", "New York Rangers": "NYR", "Ottawa Senators": "OTT",
    "Philadelphia Flyers": "PHI", "Pittsburgh Penguins": "PIT", "San Jose Sharks": "SJS", "Seattle Kraken": "SEA",
    "St. Louis Blues": "STL", "Tampa Bay Lightning": "TBL", "Toronto Maple Leafs": "TOR", "Utah Mammoth": "UTA",
    "Vancouver Canucks": "VAN", "Vegas Golden Knights": "VGK", "Washington Capitals": "WSH",
    "Winnipeg Jets": "WPG",
    # NFL
    "Arizona Cardinals": "ARI", "Atlanta Falcons": "ATL", "Baltimore Ravens": "BAL", "Buffalo Bills": "BUF",
    "Carolina Panthers": "CAR", "Chicago Bears": "CHI", "Cincinnati Bengals": "CIN", "Cleveland Browns": "CLE",
    "Dallas Cowboys": "DAL", "Denver Broncos": "DEN", "Detroit Lions": "DET", "Green Bay Packers": "GB",
    "Houston Texans": "HOU", "Indianapolis Colts": "IND", "Jacksonville Jaguars": "JAX",
    "Kansas City Chiefs": "KC", "Las Vegas Raiders": "LV", "Los Angeles Chargers": "LAC",
    "Los Angeles Rams": "LAR", "Miami Dolphins": "MIA", "Minnesota Vikings": "MIN",
    "New England Patriots": "NE", "New Orleans Saints": "NO", "New York Giants": "NYG", "New York Jets": "NYJ",
    "Philadelphia Eagles": "PHI", "Pittsburgh Steelers": "PIT", "San Francisco 49ers": "SF",
    "Seattle Seahawks": "SEA", "Tampa Bay Buccaneers": "TB", "Tennessee Titans": "TEN",
    "Washington Commanders": "WAS",
}
CANADIAN = {"Ottawa Senators": "Ottawa", "Toronto Maple Leafs": "Toronto", "Montreal Canadiens": "Montreal",
            "Winnipeg Jets": "Winnipeg", "Calgary Flames": "Calgary", "Edmonton Oilers": "Edmonton",
            "Vancouver Canucks": "Vancouver"}
# Soccer short forms as UK / US providers print them
SHORT = {
    "Manchester United": "Man Utd", "Manchester City": "Man City", "Tottenham Hotspur": "Spurs",
    "Wolverhampton Wanderers": "Wolves", "Brighton and Hove Albion": "Brighton", "Newcastle United": "Newcastle",
    "Nottingham Forest": "Nott'm Forest", "West Ham United": "West Ham", "Leeds United": "Leeds",
    "West Bromwich Albion": "West Brom", "Queens Park Rangers": "QPR", "Sheffield Wednesday": "Sheff Wed",
    "Sheffield United": "Sheff Utd", "Preston North End": "Preston", "Birmingham City": "Birmingham",
    "Blackburn Rovers": "Blackburn", "Bristol City": "Bristol City", "Charlton Athletic": "Charlton",
    "Coventry City": "Coventry", "Derby County": "Derby", "Hull City": "Hull", "Ipswich Town": "Ipswich",
    "Leicester City": "Leicester", "Norwich City": "Norwich", "Oxford United": "Oxford Utd",
    "Stoke City": "Stoke", "Swansea City": "Swansea", "Heart of Midlothian": "Hearts",
    "Dundee United": "Dundee Utd", "St. Mirren": "St Mirren",
    "Bayern Munich": "Bayern", "Borussia Dortmund": "Dortmund", "Bayer Leverkusen": "Leverkusen",
    "Borussia Monchengladbach": "Gladbach", "Eintracht Frankfurt": "Frankfurt", "VfB Stuttgart": "Stuttgart",
    "Werder Bremen": "Bremen", "Union Berlin": "Union Berlin", "Hamburger SV": "Hamburg",
    "Inter Milan": "Inter", "AC Milan": "Milan", "Paris Saint-Germain": "PSG", "Atletico Madrid": "Atletico",
    "Athletic Bilbao": "Athletic Club", "Celta Vigo": "Celta", "Rayo Vallecano": "Rayo", "Real Betis": "Betis",
    "Feyenoord Rotterdam": "Feyenoord", "SC Heerenveen": "Heerenveen", "Heracles Almelo": "Heracles",
    "Sparta Rotterdam": "Sparta", "SBV Excelsior": "Excelsior", "Twente '65": "Twente",
    "Telstar 1963": "Telstar", "Sport Lisboa e Benfica": "Benfica", "Sporting Clube de Portugal": "Sporting CP",
    "Sporting Clube de Braga": "Braga", "GD Estoril Praia": "Estoril", "CD Santa Clara": "Santa Clara",
    "CD Nacional": "Nacional", "CD Tondela": "Tondela", "Casa Pia AC": "Casa Pia",
    "Vitória Guimarães": "Guimaraes", "Estrela da Amadora": "Estrela",
}
# distinctive words a guide title built from the event's own names must contain
KEY = {
    "Sport Lisboa e Benfica": "Benfica", "Sporting Clube de Portugal": "Sporting Clube de Portugal",
    "Sporting Clube de Braga": "Braga", "Brighton and Hove Albion": "Brighton",
    "Wolverhampton Wanderers": "Wolverhampton", "Borussia Monchengladbach": "Monchengladbach",
    "Heart of Midlothian": "Midlothian", "Feyenoord Rotterdam": "Feyenoord", "GD Estoril Praia": "Estoril",
    "CD Santa Clara": "Santa Clara", "Casa Pia AC": "Casa Pia", "Estrela da Amadora": "Amadora",
    "Vitória Guimarães": "Guimaraes", "Preston North End": "Preston", "Twente '65": "Twente",
    "Telstar 1963": "Telstar", "SBV Excelsior": "Excelsior", "CD Nacional": "Nacional", "CD Tondela": "Tondela",
    "Heracles Almelo": "Heracles", "Paris Saint-Germain": "Saint-Germain",
}


def nick(name: str) -> str:
    w = name.split()
    if len(w) >= 3 and " ".join(w[-2:]) in MULTI:
        return " ".join(w[-2:])
    return w[-1]


def city(name: str) -> str:
    c = name[: -len(nick(name))].strip()
    return c or name


def short(name: str) -> str:
    return SHORT.get(name, name)


def key(ev: dict, side: str) -> str:
    name = ev["strHomeTeam"] if side == "home" else ev["strAwayTeam"]
    if ev["strLeague"] in US_LEAGUES:
        return nick(name)
    return KEY.get(name, name)


# --------------------------------------------------------------------------- time helpers
def start(ev: dict) -> dt.datetime:
    return dt.datetime.fromisoformat(ev["strTimestamp"]).replace(tzinfo=UTC)


def h12(t: dt.datetime, pad=True, space=True, lower=False, drop00=False) -> str:
    h = t.hour % 12 or 12
    ap = "AM" if t.hour < 12 else "PM"
    if lower:
        ap = ap.lower()
    hs = f"{h:02d}" if pad else str(h)
    s = hs if (drop00 and t.minute == 0) else f"{hs}:{t.minute:02d}"
    return f"{s}{' ' if space else ''}{ap}"


def bare(t: dt.datetime) -> str:  # "7p"-less forms seen: 6PM, 615PM, 7pm, 7:45pm
    h = t.hour % 12 or 12
    return f"{h}" if t.minute == 0 else f"{h}{t.minute:02d}"


def mon_d(t, zero=False):
    return f"{MON[t.month - 1]} {t.day:02d}" if zero else f"{MON[t.month - 1]} {t.day}"


def d_mon(t, zero=False):
    return f"{t.day:02d} {MON[t.month - 1]}" if zero else f"{t.day} {MON[t.month - 1]}"


# --------------------------------------------------------------------------- styles
# Each style: (id, leagues, function(ev, slot, rng) -> (name, group)).  MODEL[id] = real name.
MODEL: dict[str, str] = {}
STYLES: dict[str, tuple] = {}


def style(sid, leagues, model):
    def deco(fn):
        STYLES[sid] = (leagues, fn)
        MODEL[sid] = model
        return fn
    return deco


FAM = {"NBA": "NBA", "NHL": "NHL", "NFL": "NFL", "MLB": "MLB", "English Premier League": "EPL",
       "English League Championship": "EFL", "Scottish Premiership": "SPFL", "German Bundesliga": "Bundesliga",
       "Spanish La Liga": "LaLiga", "Italian Serie A": "Serie A", "French Ligue 1": "Ligue 1",
       "Dutch Eredivisie": "Eredivisie", "Portuguese Primeira Liga": "Liga Portugal"}
COMP = {"English Premier League": "Premier League", "English League Championship": "EFL Championship",
        "Scottish Premiership": "Scottish Premiership", "German Bundesliga": "Bundesliga",
        "Spanish La Liga": "LALIGA", "Italian Serie A": "Serie A", "French Ligue 1": "Ligue 1",
        "Dutch Eredivisie": "Eredivisie", "Portuguese Primeira Liga": "Liga Portugal"}
SNAKE = {"Italian Serie A": "serie_a", "Spanish La Liga": "laliga", "German Bundesliga": "bundesliga",
         "English Premier League": "premier_league", "English League Championship": "english_football_league",
         "Scottish Premiership": "scottish", "French Ligue 1": "ligue_1", "Dutch Eredivisie": "eredivisie",
         "Portuguese Primeira Liga": "liga_portugal"}
SPORT = {"NBA": "Basketball", "NHL": "Hockey", "NFL": "Football", "MLB": "Baseball"}
USL = ("NBA", "NHL", "NFL")
ALL = tuple(US_LEAGUES | SOCCER)
SOC = tuple(SOCCER)
H, A = "strHomeTeam", "strAwayTeam"


@style("fam_colon_at_time", USL, "NBA 03: Dallas Mavericks vs San Antonio Spurs @ 06:00 PM ET")
def _s(ev, n, r):
    t = start(ev).astimezone(ET)
    return f"{FAM[ev['strLeague']]} {n:02d}: {ev[A]} vs {ev[H]} @ {h12(t)} ET", f"US| {FAM[ev['strLeague']]} EVENTS"


@style("usa_fam_edt", USL, "USA NBA 01: Oklahoma City Thunder vs San Antonio Spurs @ 08:00 PM EDT")
def _s(ev, n, r):
    t = start(ev).astimezone(ET)
    return f"USA {FAM[ev['strLeague']]} {n:02d}: {ev[A]} vs {ev[H]} @ {h12(t)} {t.tzname()}", "USA SPORTS EVENTS"


@style("espn_spaced_mon_d", ("NHL",) + SOC, "ESPN+ 34 : Marist vs. Sacred Heart @ Jan 19 02:00 PM ET")
def _s(ev, n, r):
    t = start(ev).astimezone(ET)
    a, h = (city(ev[A]), city(ev[H])) if ev["strLeague"] == "NHL" else (ev[A], ev[H])
    return f"ESPN+ {n} : {a} vs. {h} @ {mon_d(t)} {h12(t)} ET", "US| ESPN+ PPV"


@style("fam_colon_d_mon", ("NHL", "NBA"), "NHL 02: Colorado Avalanche vs. Winnipeg Jets @ 7 Oct 07:00 PM ET")
def _s(ev, n, r):
    t = start(ev).astimezone(ET)
    return f"{FAM[ev['strLeague']]} {n:02d}: {ev[A]} vs. {ev[H]} @ {d_mon(t)} {h12(t)} ET", f"{FAM[ev['strLeague']]} EVENTS"


@style("pipe_at_national", USL, "MLB 01 | Chicago White Sox at Cleveland Guardians NATIONAL @ 3 Oct 01:00 PM ET")
def _s(ev, n, r):
    t = start(ev).astimezone(ET)
    return (f"{FAM[ev['strLeague']]} {n:02d} | {ev[A]} at {ev[H]} NATIONAL @ {d_mon(t)} {h12(t)} ET",
            f"{FAM[ev['strLeague']]} PACKAGE")


@style("in_arena", ("NBA",), "NBA 01: Pacers vs Timberwolves (Pacers In-Arena) @ 7 Oct 07:00 PM ET")
def _s(ev, n, r):
    t = start(ev).astimezone(ET)
    feed = nick(r.choice([ev[H], ev[A]]))
    return f"NBA {n:02d}: {nick(ev[A])} vs {nick(ev[H])} ({feed} In-Arena) @ {d_mon(t)} {h12(t)} ET", "NBA LEAGUE PASS"


@style("gamepass_at_at", ("NHL", "NBA"), "NHL Game Pass 03: Predators @ Maple Leafs @ 6 Oct 07:00 PM ET")
def _s(ev, n, r):
    t = start(ev).astimezone(ET)
    fam = "NHL Game Pass" if ev["strLeague"] == "NHL" else "NBA League Pass"
    return f"{fam} {n:02d}: {nick(ev[A])} @ {nick(ev[H])} @ {d_mon(t)} {h12(t)} ET", fam.upper()


@style("nfl_gamepass_mon_dd", ("NFL",), "NFL Game Pass 05: Green Bay Packers vs Tampa Bay Buccaneers @ Oct 04 01:00 PM ET")
def _s(ev, n, r):
    t = start(ev).astimezone(ET)
    return f"NFL Game Pass {n:02d}: {ev[A]} vs {ev[H]} @ {mon_d(t, zero=True)} {h12(t)} ET", "NFL GAME PASS"


@style("x_startstop_utc", USL, "NBA 01: 76ers (PHI) x Wizards (WAS) start:2025-12-02 23:50:00 stop:2025-12-03 03:50:00")
def _s(ev, n, r):
    s = start(ev) - dt.timedelta(minutes=10)
    e = s + dt.timedelta(hours=4)
    hh, aa = ev[H], ev[A]
    return (f"{FAM[ev['strLeague']]} {n:02d}: {nick(hh)} ({ABBR[hh]}) x {nick(aa)} ({ABBR[aa]}) "
            f"start:{s:%Y-%m-%d %H:%M:%S} stop:{e:%Y-%m-%d %H:%M:%S}"), f"{FAM[ev['strLeague']]} | EVENTS"


@style("pipe_x_startstop", ALL, "MLB 02 | Dodgers x Yankees start:2026-07-19 17:35:00 stop:20[...]")
def _s(ev, n, r):
    s = start(ev) - dt.timedelta(minutes=5)
    e = s + dt.timedelta(hours=3)
    lg = ev["strLeague"]
    f = (lambda x: nick(x)) if lg in US_LEAGUES else short
    a, b = (ev[H], ev[A]) if r.random() < 0.5 else (ev[A], ev[H])
    return (f"{FAM[lg]} {n:02d} | {f(a)} x {f(b)} start:{s:%Y-%m-%d %H:%M:%S} stop:{e:%Y-%m-%d %H:%M:%S}",
            f"{FAM[lg]} x EVENTS")


@style("us_paren_pipe_iso", ("NBA", "NHL", "NFL"), "US (ESPN+ 021) | Milwaukee Brewers vs. Colorado Rockies Jun 05 8:00PM ET (2026-06-05 20:00:05)")
def _s(ev, n, r):
    t = start(ev).astimezone(ET)
    return (f"US (ESPN+ {n:03d}) | {ev[A]} vs. {ev[H]} {mon_d(t, zero=True)} {h12(t, pad=False, space=False)} ET "
            f"({t:%Y-%m-%d %H:%M}:05)"), "US| ESPN+ PPV"


@style("us_paren_league_iso", SOC, "US (Paramount 050) | uefa_europa_league: Fenerbahce vs. Aston Villa (2026-01-22 13:00:05)")
def _s(ev, n, r):
    t = start(ev).astimezone(ET)
    net = "Paramount" if ev["strLeague"] in ("Italian Serie A", "Scottish Premiership") else "Peacock" if ev["strLeague"] == "English Premier League" else "ESPN+"
    return f"US ({net} {n:03d}) | {SNAKE[ev['strLeague']]}: {ev[H]} vs. {ev[A]} ({t:%Y-%m-%d %H:%M}:05)", f"US| {net.upper()} PPV"


@style("sn_city_iso", ("NHL",), "CA (SN+ 013) | Vegas @ Carolina _ Game 2 (2026-06-04 19:30:00)")
def _s(ev, n, r):
    t = start(ev).astimezone(ET)
    return f"CA (SN+ {n:03d}) | {city(ev[A])} @ {city(ev[H])} ({t:%Y-%m-%d %H:%M:%S})", "CA| SPORTSNET+ PPV"


@style("peacock_feed_codes", ("NBA", "NHL", "NFL"), "US (Peacock 057): Home Feed: NYY at AZ (2026-09-19 20:00:00)")
def _s(ev, n, r):
    t = start(ev).astimezone(ET)
    feed = r.choice(["Home Feed", "Away Feed"])
    return f"US (Peacock {n:03d}): {feed}: {ABBR[ev[A]]} at {ABBR[ev[H]]} ({t:%Y-%m-%d %H:%M:%S})", "US| PEACOCK PPV"


@style("bracket_caps", USL, "[NHL-10] SABRES @ PREDATORS 8PM ET")
def _s(ev, n, r):
    t = start(ev).astimezone(ET)
    ap = "AM" if t.hour < 12 else "PM"
    return f"[{FAM[ev['strLeague']]}-{n}] {nick(ev[A]).upper()} @ {nick(ev[H]).upper()} {bare(t)}{ap} ET", "PPV / EVENTS"


@style("time_first_fam_last", USL, "1pm Browns at Buccaneers NFL 7")
def _s(ev, n, r):
    t = start(ev).astimezone(ET)
    return f"{h12(t, pad=False, space=False, lower=True, drop00=True)} {nick(ev[A])} at {nick(ev[H])} {FAM[ev['strLeague']]} {n}", f"{FAM[ev['strLeague']]} GAMES"


@style("bare_slot_md", USL, "07 - 8/14 7pm Broncos at Falcons")
def _s(ev, n, r):
    t = start(ev).astimezone(ET)
    return f"{n:02d} - {t.month}/{t.day} {h12(t, pad=False, space=False, lower=True, drop00=True)} {nick(ev[A])} at {nick(ev[H])}", f"{FAM[ev['strLeague']]} LIVE"


@style("nfl_sched", ("NFL",), "NFL | 02 - TNF 8:35pm 49ers at Rams")
def _s(ev, n, r):
    t = start(ev).astimezone(ET)
    tag = {3: "TNF ", 0: "MNF "}.get(t.weekday(), "SNF " if t.weekday() == 6 and t.hour >= 19 else "")
    return f"NFL | {n:02d} - {tag}{h12(t, pad=False, space=False, lower=True)} {nick(ev[A])} at {nick(ev[H])}", "US| NFL SUNDAY TICKET"


@style("avail_outside", ("NHL",), "Carolina @ Ottawa (Available outside Ottawa Region)")
def _s(ev, n, r):
    region = CANADIAN.get(ev[H]) or CANADIAN.get(ev[A])
    return f"{city(ev[A])} @ {city(ev[H])} (Available outside {region} Region)", "CA| SPORTSNET+ NHL"


@style("dazn_pipes_gmt", ALL, "Next | Cheng Fung vs. Shao Jiang | Primeira Divisão - Macau | 2026-07-18 | 11:00 (GMT) | 8K EXCLUSIVE | US: DAZN PPV 18")
def _s(ev, n, r):
    t = start(ev)
    lg = ev["strLeague"]
    comp = lg if lg in US_LEAGUES else COMP[lg]
    return (f"Next | {ev[H]} vs. {ev[A]} | {comp} | {t:%Y-%m-%d} | {t:%H:%M} (GMT) | 8K EXCLUSIVE | US: DAZN PPV {n}",
            "DAZN PPV US")


@style("live_pipe_dash_gmt", SOC, "LIVE | DALVÍK/REYNIR - HAUKAR | Sun 14 Jun 15:50 GMT (IS) | ")
def _s(ev, n, r):
    t = start(ev)
    cc = {"English Premier League": "UK", "English League Championship": "UK", "Scottish Premiership": "SCO",
          "German Bundesliga": "DE", "Spanish La Liga": "ES", "Italian Serie A": "IT", "French Ligue 1": "FR",
          "Dutch Eredivisie": "NL", "Portuguese Primeira Liga": "PT"}[ev["strLeague"]]
    return (f"LIVE | {ev[H].upper()} - {ev[A].upper()} | {DOW[t.weekday()]} {t.day} {MON[t.month - 1]} "
            f"{t:%H:%M} GMT ({cc}) | "), f"{cc}| LIVEY PPV"


@style("sky_plus_london", tuple(UK_SOCCER), "Sky Sports + 01: EFL Championship Derby v West Brom @ 9 Sep 07:30 PM London")
def _s(ev, n, r):
    t = start(ev).astimezone(UK)
    return (f"Sky Sports + {n:02d}: {COMP[ev['strLeague']]} {short(ev[H])} v {short(ev[A])} @ {d_mon(t)} {h12(t)} London",
            "UK| SKY SPORTS+")


@style("uefa_caps_dash_weekday", SOC, "UEFA | 32 - ARSENAL - ATHLETIC CLUB BILBAO | Sat 09 Aug 15:45")
def _s(ev, n, r):
    t = start(ev).astimezone(UK)
    return (f"{FAM[ev['strLeague']].upper()} | {n:02d} - {ev[H].upper()} - {ev[A].upper()} | "
            f"{DOW[t.weekday()]} {t.day:02d} {MON[t.month - 1]} {t:%H:%M}"), f"UK| {FAM[ev['strLeague']].upper()}"


@style("pipe_caps_dotdate", USL, "NCAAF 002: ROBERT MORRIS AT WAGNER | 8.29 12:00PM | NEC FRONT ROW")
def _s(ev, n, r):
    t = start(ev).astimezone(ET)
    return (f"{FAM[ev['strLeague']]} {n:03d}: {ev[A].upper()} AT {ev[H].upper()} | {t.month}.{t.day} "
            f"{h12(t, pad=False, space=False)} | ESPN+"), f"USA: {FAM[ev['strLeague']]} PACKAGE"


@style("ppv_event_dotdate", ALL, "PPV EVENT 18: ACA 205 Magomedov vs. Gasanov (7.17 8:15 AM ET)")
def _s(ev, n, r):
    t = start(ev).astimezone(ET)
    return f"PPV EVENT {n:02d}: {ev[A]} vs. {ev[H]} ({t.month}.{t.day} {h12(t, pad=False)} ET)", "PPV EVENT"


@style("live_event_dash", ALL, "LIVE EVENT 01 - 5pm UFC Fight Night Du Plessis v Usman")
def _s(ev, n, r):
    t = start(ev).astimezone(ET)
    lg = ev["strLeague"]
    a, h = (nick(ev[A]), nick(ev[H])) if lg in US_LEAGUES else (short(ev[A]), short(ev[H]))
    return f"LIVE EVENT {n:02d} - {h12(t, pad=False, space=False, lower=True, drop00=True)} {FAM[lg]} {a} v {h}", "LIVE EVENTS"


@style("caps_double_space", USL, "Boxing 1 :  FURY vs HALL  6PM")
def _s(ev, n, r):
    t = start(ev).astimezone(ET)
    ap = "AM" if t.hour < 12 else "PM"
    return f"{FAM[ev['strLeague']]} {n} :  {nick(ev[A]).upper()} vs {nick(ev[H]).upper()}  {bare(t)}{ap}", f"{FAM[ev['strLeague']]} PPV"


@style("eplus_league_feed", ("NHL", "NBA"), "NHL: Boston Bruins vs Toronto Maple Leafs (Toronto Maple Leafs Feed) @ Mar 27 07:00 PM ET (NHL.tv)")
def _s(ev, n, r):
    t = start(ev).astimezone(ET)
    feed = r.choice([ev[H], ev[A]])
    net = "ESPN+" if ev["strLeague"] == "NHL" else "NBA League Pass"
    return f"{ev['strLeague']}: {ev[A]} vs {ev[H]} ({feed} Feed) @ {mon_d(t)} {h12(t)} ET ({net})", "E+TV EVENTS"


@style("time_first_tag", ("NHL", "NBA"), "OHL  01 : 6:00 PM Kitchener Rangers @ Barrie Colts [1080p]")
def _s(ev, n, r):
    t = start(ev).astimezone(ET)
    return f"{FAM[ev['strLeague']]}  {n:02d} : {h12(t, pad=False)} {ev[A]} @ {ev[H]} [1080p]", f"{FAM[ev['strLeague']]} [1080p]"


@style("weekday_glued", USL + SOC, "BIG10+ 02: Field Hockey La Salle at Rutgers Sun @ Sep 27 12:00PM ET")
def _s(ev, n, r):
    t = start(ev).astimezone(ET)
    lg = ev["strLeague"]
    sport = SPORT.get(lg, "Soccer")
    a, h = (city(ev[A]), city(ev[H])) if lg in US_LEAGUES else (ev[A], ev[H])
    return f"ESPN+ {n:02d}: {sport} {a} at {h} {DOW[t.weekday()]} @ {mon_d(t)} {h12(t, space=False)} ET", "US| ESPN+"


@style("en_espanol", ("Spanish La Liga",), "ESPN+ 20: En Español-Burgos vs. Eldense @ Sep 27 12:20PM ET")
def _s(ev, n, r):
    t = start(ev).astimezone(ET)
    return f"ESPN+ {n:02d}: En Español-{ev[H]} vs. {ev[A]} @ {mon_d(t)} {h12(t, space=False)} ET", "US| ESPN+ DEPORTES"


@style("kickoff_uk", tuple(UK_SOCCER), "Live UEFA Nations League|England v Spain: Kick-off 7.45pm")
def _s(ev, n, r):
    t = start(ev).astimezone(UK)
    hh = t.hour % 12 or 12
    ko = f"{hh}.{t.minute:02d}{'am' if t.hour < 12 else 'pm'}"
    return f"Live {COMP[ev['strLeague']]}|{short(ev[H])} v {short(ev[A])}: Kick-off {ko}", "UK| FOOTBALL LIVE"


@style("group_only_codes", ("NBA", "NHL", "NFL"), "SF vs SEA")
def _s(ev, n, r):
    if r.random() < 0.5:
        return f"{ABBR[ev[H]]} vs {ABBR[ev[A]]}", FAM[ev["strLeague"]]
    return f"{ABBR[ev[A]]} at {ABBR[ev[H]]}", FAM[ev["strLeague"]]


@style("group_only_cities", ("NBA", "NHL", "NFL"), "Kansas City @ Toronto")
def _s(ev, n, r):
    return f"{city(ev[A])} @ {city(ev[H])}", FAM[ev["strLeague"]]


@style("local_tv_suffix", SOC, "Vålerenga vs Frisk Asker @ Mar 24 6:40 PM Hockey :Tv2Play NO")
def _s(ev, n, r):
    lg = ev["strLeague"]
    t = start(ev).astimezone(LOCAL[lg])
    net, cc = {"Dutch Eredivisie": ("ESPN", "NL"), "German Bundesliga": ("Sky", "DE"),
               "Italian Serie A": ("DAZN", "IT"), "Spanish La Liga": ("Movistar", "ES"),
               "French Ligue 1": ("Ligue1+", "FR"), "Portuguese Primeira Liga": ("Sport TV", "PT"),
               "English Premier League": ("Sky", "UK"), "English League Championship": ("Sky", "UK"),
               "Scottish Premiership": ("Sky", "SCO")}[lg]
    return f"{ev[H]} vs {ev[A]} @ {mon_d(t)} {h12(t, pad=False)} Football :{net} {cc}", f"{cc}| EVENTS"


@style("eu_ddmm_24h", SOC, "22/10 19:00  (date/time fragment quoted in a PPV filter test doc)")
def _s(ev, n, r):
    lg = ev["strLeague"]
    t = start(ev).astimezone(LOCAL[lg])
    return f"{FAM[lg]} {n:02d} | {short(ev[H])} vs {short(ev[A])} {t.day:02d}/{t.month:02d} {t:%H:%M}", f"EU| {FAM[lg].upper()}"


@style("dazn_ca_dayfirst", SOC, "DAZN CA 16: MLTT - Week 1, Day 1 @ 11 Sep 03:00 PM ET")
def _s(ev, n, r):
    t = start(ev).astimezone(ET)
    return f"DAZN CA {n:02d}: {COMP[ev['strLeague']]} - {ev[H]} vs {ev[A]} @ {d_mon(t)} {h12(t)} ET", "CA| DAZN"


# --------------------------------------------------------------------------- negatives
LINEAR = ["NBA TV HD", "USA - ESPN2 HD", "SP - NHL NETWORK HD", "US: YES Network HD", "US| NESN HD",
          "SP - BEIN SPORTS LA LIGA HD", "US: BOX OFFICE HD", "USA - FOX 47 ROCHESTER MN (KXLT)", "US: MASN HD",
          "US: TNT SPORTS BOX OFFICE HD", "NCAAF 09: BIG TEN NETWORK", "UK: Sky Sports Main Event HD",
          "CA: TSN 1 HD", "US: ESPN HD", "UK: TNT Sports 1 HD", "CA: Sportsnet Ontario HD"]
MOVIES = ["The Long Season", "Overtime", "Cold Harbor", "Night Shift", "Paper Kings", "Glass Rivers", "The Last Lap",
          "Dust and Gold", "North Shore Story", "A Quiet Winter", "Field of Echoes", "Counterpunch"]
SERIES = ["Harbour Police", "The Clubhouse", "Kitchen Wars", "Fast Lane", "Mountain Rescue", "The Locker Room"]


def placeholder(fam_slots, r, date):
    fam, n = r.choice(fam_slots)
    forms = [f"{fam} {n:02d} :", f"{fam} {n:02d}:", f"[{fam}-{n}]", f"LIVE EVENT {n} -", f"PPV EVENT {n}",
             f"PPV EVENT {n}:", f"US (ESPN+ {n:03d}) |  (2098-12-31 08:00:01)", f"CA (SN+ {n:03d}) |  (2098-12-31 08:00:01)",
             f"NO EVENT STREAMING NOW - | 8K EXCLUSIVE | US: DAZN PPV {n}"]
    return r.choice(forms)


def load(d: dt.date) -> list:
    p = EVENTS / f"{d.isoformat()}.json"
    if not p.exists():
        return []
    return [e for e in (json.loads(p.read_text())["events"] or []) if e.get("strHomeTeam") and e.get("strAwayTeam")]


def day_events(D: dt.date) -> list:
    evs = load(D) + load(D + dt.timedelta(days=1))
    return [e for e in evs if start(e).astimezone(ET).date() == D]


ESPN_FAMILY = {"espn_spaced_mon_d", "weekday_glued", "en_espanol", "us_paren_pipe_iso"}

PROFILES = {
    1: ["fam_colon_at_time", "usa_fam_edt", "espn_spaced_mon_d", "fam_colon_d_mon", "pipe_at_national", "in_arena",
        "gamepass_at_at", "nfl_gamepass_mon_dd", "x_startstop_utc", "us_paren_pipe_iso", "us_paren_league_iso",
        "sn_city_iso", "peacock_feed_codes", "bracket_caps", "time_first_fam_last", "bare_slot_md", "nfl_sched",
        "avail_outside", "pipe_caps_dotdate", "ppv_event_dotdate", "live_event_dash", "caps_double_space",
        "eplus_league_feed", "time_first_tag", "weekday_glued", "en_espanol", "group_only_codes",
        "group_only_cities", "dazn_ca_dayfirst"],
    2: ["pipe_x_startstop", "x_startstop_utc", "dazn_pipes_gmt", "live_pipe_dash_gmt", "sky_plus_london",
        "uefa_caps_dash_weekday", "kickoff_uk", "local_tv_suffix", "eu_ddmm_24h", "us_paren_league_iso",
        "pipe_at_national", "espn_spaced_mon_d", "group_only_codes", "live_event_dash", "ppv_event_dotdate",
        "dazn_ca_dayfirst"],
}


def applicable(sid, ev, day):
    leagues, _ = STYLES[sid]
    lg = ev["strLeague"]
    if lg not in leagues:
        return False
    if sid == "avail_outside" and not (CANADIAN.get(ev[H]) or CANADIAN.get(ev[A])):
        return False
    uses_city = sid in ("group_only_cities", "sn_city_iso", "avail_outside") or (
        sid in ("espn_spaced_mon_d", "weekday_glued") and lg in US_LEAGUES)
    if uses_city:  # only when the city is unambiguous among that day's league teams
        same = [t for e in day if e["strLeague"] == lg for t in (e[H], e[A])]
        cities = [city(t) for t in same]
        if cities.count(city(ev[H])) > 1 or cities.count(city(ev[A])) > 1:
            return False
    codes_only = sid in ("x_startstop_utc", "peacock_feed_codes", "group_only_codes")
    return not (codes_only and (ev[H] not in ABBR or ev[A] not in ABBR))


def build(date: str, k: int, r: random.Random):
    D = dt.date.fromisoformat(date)
    day = day_events(D)
    playing = {t for e in day for t in (e[H], e[A])}
    around = []
    for off in (-9, -8, -7, -6, -5, -4, -3, 3, 4, 5, 6, 7, 8, 9):
        around += load(D + dt.timedelta(days=off))
    prof = PROFILES[1 if k == 1 else 2]
    entries = []  # (group, sortkey, name, kind, event_id, style, url_kind, start_utc, keys)
    slots: dict[str, int] = {}

    def slot(skey):
        slots[skey] = slots.get(skey, 0) + 1
        return slots[skey]

    def skey(sid, ev):  # one slot sequence per channel family, as providers number them
        if sid in ESPN_FAMILY:
            return "espn+"
        return f"{sid}/{ev['strLeague']}"

    def pick(cands, m):
        # league-specific shapes weigh more, so the all-league shapes do not crowd them out
        pool, out = list(cands), []
        while pool and len(out) < m:
            w = [3.0 if len(STYLES[s][0]) <= 3 else 1.0 for s in pool]
            c = r.choices(pool, weights=w)[0]
            out.append(c)
            pool.remove(c)
        return out

    evs = list(day)
    r.shuffle(evs)
    # how many copies (main + backup slots on other families) so small slates still fill a playlist
    reps = 1 if len(evs) >= 30 else 2 if len(evs) >= 18 else 3
    for ev in evs[:75]:
        cands = [s for s in prof if applicable(s, ev, day)]
        if not cands:
            continue
        for sid in pick(cands, reps):
            name, group = STYLES[sid][1](ev, slot(skey(sid, ev)), r)
            entries.append(dict(group=group, name=name, kind="event", event_id=ev["idEvent"], style=sid,
                                start=start(ev), keys=f"{key(ev, 'away')}|{key(ev, 'home')}"))
    n_ev = len(entries)
    n_neg = max(int(n_ev * r.uniform(0.75, 1.2)), 60 - n_ev, 0)
    fam_slots = [(FAM.get(e["strLeague"], "PPV"), 20 + i) for i, e in enumerate(evs)] or [("NBA", 20)]
    negs = []
    # decoys: a real fixture on the wrong day, rendered in one of this provider's event styles
    wrong = [e for e in around if e[H] not in playing and e[A] not in playing]
    r.shuffle(wrong)
    for ev in wrong[: max(3, n_neg // 8)]:
        cands = [s for s in prof if applicable(s, ev, around)]
        if cands:
            sid = pick(cands, 1)[0]
            name, group = STYLES[sid][1](ev, slot(skey(sid, ev)), r)
            negs.append(dict(group=group, name=name, kind="decoy", style="decoy-wrongday"))
    # highlights of an earlier game (soccer, teams not playing today)
    prev = [e for off in (1, 2, 3) for e in load(D - dt.timedelta(days=off))
            if e["strLeague"] in SOCCER and e[H] not in playing and e[A] not in playing]
    r.shuffle(prev)
    for ev in prev[:3]:
        pre = {"English Premier League": "PL", "English League Championship": "EFL"}.get(ev["strLeague"], FAM[ev["strLeague"]])
        negs.append(dict(group="HIGHLIGHTS", name=f"{pre}: {short(ev[H])} v {short(ev[A])} Hlts", kind="decoy",
                         style="decoy-highlights"))
    # highlight show / studio / press conference about today's teams (not a game)
    t0 = dt.datetime.combine(D, dt.time(12, 0), ET)
    negs.append(dict(group="US| ESPN+ PPV", kind="decoy", style="decoy-studio",
                     name=f"US (ESPN+ {slot('espn+'):03d}) | The Pat McAfee Show {mon_d(t0, True)} 12:00PM ET ({t0:%Y-%m-%d} 12:00:05)"))
    soc = [e for e in day if e["strLeague"] in SOCCER]
    if soc:
        lgname = COMP[r.choice(soc)["strLeague"]].upper()
        negs.append(dict(group="US| ESPN+ PPV", kind="decoy", style="decoy-studio",
                         name=f"US (ESPN+ {slot('espn+'):03d}) | Soccer: {DOW[D.weekday()]}_ {D.month}/{D.day} _ {lgname} Highlight Show"))
    for ev in r.sample(evs, min(2, len(evs))):
        team = r.choice([ev[H], ev[A]])
        fam = FAM[ev["strLeague"]]
        s = start(ev) + dt.timedelta(hours=3, minutes=25)
        negs.append(dict(group=f"{fam} PPV", kind="decoy", style="decoy-presser",
                         name=f"{fam} {slot('presser'):02d} : {team.upper()}: POST-GAME PRESS CONFERENCE "
                              f"start:{s:%Y-%m-%d %H:%M:%S} stop:{s + dt.timedelta(hours=2):%Y-%m-%d %H:%M:%S}"))
    # one-sided team channels for teams with no game today
    idle = sorted({t for e in around for t in (e[H], e[A]) if e["strLeague"] in ("NHL", "NBA")} - playing)
    for t in r.sample(idle, min(2, len(idle))):
        lg = "NHL" if any(e["strLeague"] == "NHL" and t in (e[H], e[A]) for e in around) else "NBA"
        negs.append(dict(group=lg, kind="decoy", style="decoy-onesided",
                         name=r.choice([f"{lg} | {t}", f"{lg} {t.upper()}"])))
    # placeholders, linear, vod fill the rest
    while len(negs) < n_neg:
        x = r.random()
        if x < 0.40:
            negs.append(dict(group="PPV / EVENTS", kind="placeholder", style="placeholder",
                             name=placeholder(fam_slots, r, D)))
        elif x < 0.70:
            negs.append(dict(group=r.choice(["US| SPORTS", "UK| SPORTS", "CA| SPORTS"]), kind="live", style="live",
                             name=r.choice(LINEAR)))
        elif x < 0.88:
            negs.append(dict(group="MOVIES", kind="vod", style="vod",
                             name=f"{r.choice(MOVIES)} ({r.randint(1975, 2024)})"))
        else:
            negs.append(dict(group="SERIES", kind="vod", style="vod-series",
                             name=f"{r.choice(SERIES)} S{r.randint(1, 6):02d}E{r.randint(1, 12):02d}"))
    allx = entries + negs
    r.shuffle(allx)
    allx.sort(key=lambda e: e["group"])  # providers list channels group by group
    return allx


def write(date: str, k: int, allx: list):
    OUT.mkdir(exist_ok=True)
    base = OUT / f"{date}-{k}"
    ymd = date.replace("-", "")
    m3u = ["#EXTM3U"]
    lab, exp = [], []
    for i, e in enumerate(allx, 1):
        nid = f"{ymd}{k}{i:04d}"
        if e["style"] == "vod":
            url = f"http://prov.example:8080/movie/u{k}/p{k}/{nid}.mkv"
        elif e["style"] == "vod-series":
            url = f"http://prov.example:8080/series/u{k}/p{k}/{nid}.mkv"
        else:
            url = f"http://prov.example:8080/live/u{k}/p{k}/{nid}.ts"
        nm = e["name"]
        tvg = nm.replace('"', "'")
        m3u.append(f'#EXTINF:-1 tvg-id="" tvg-name="{tvg}" tvg-logo="" group-title="{e["group"]}",{nm}')
        m3u.append(url)
        lab.append([url, e["kind"], e.get("event_id", ""), e["style"], nm])
        if e["kind"] == "event":
            exp.append([url, "event", e["start"].strftime("%Y-%m-%dT%H:%M:%SZ"), 20, e["keys"], e["event_id"],
                        e["style"], nm])
        else:
            exp.append([url, "negative", "", "", "", "", e["style"], nm])
    base.with_suffix(".m3u").write_text("\n".join(m3u) + "\n", encoding="utf-8")
    with open(f"{base}.labels.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["url", "kind", "event_id", "style", "name"])
        w.writerows(lab)
    with open(f"{base}.expect.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["url", "kind", "start_utc", "tolerance_min", "title_keys", "event_id", "style", "name"])
        w.writerows(exp)
    n_ev = sum(1 for e in allx if e["kind"] == "event")
    return len(allx), n_ev


# --------------------------------------------------------------------------- real names
# Real names (names.tsv, verbatim) whose event can be pinned.  Pinned to a snapshot event:
PINNED = {
    # stated start stamp 2025-12-02 23:50 (UTC, 10 min before tip) -> WAS @ PHI 2025-12-03T00:00Z
    "NBA 01: 76ers (PHI) x Wizards (WAS) start:2025-12-02 23:50:00 stop:2025-12-03 03:50:00": ("1948976", "Wizards|76ers"),
    # issue #141 filed 2026-02-08; 06:00 PM ET = the DAL @ SAS game of 2026-02-07T23:00Z
    "NBA 03: Dallas Mavericks vs San Antonio Spurs @ 06:00 PM ET": ("3558826", "Mavericks|Spurs"),
}
# Not in the snapshot but the name states date, time and zone (year inferred where the name
# has none: from the source's date / weekday consistency).  start_utc = the name's own time.
STATED = {
    "ESPN+ 34 : Marist vs. Sacred Heart @ Jan 19 02:00 PM ET": ("2026-01-19T19:00:00Z", "Marist|Sacred Heart"),
    "ESPN+ 41 : Sacred Heart vs. Rider @ Jan 19 02:00 PM ET": ("2026-01-19T19:00:00Z", "Sacred Heart|Rider"),
    "ESPN+ 86 : William Jessup vs. Sacred Heart @ Jan 19 08:00 PM ET": ("2026-01-20T01:00:00Z", "Jessup|Sacred Heart"),
    "William Jessup vs. Sacred Heart @ Jan 19 08:00 PM ET": ("2026-01-20T01:00:00Z", "Jessup|Sacred Heart"),
    "US (Paramount 050) | uefa_europa_league: Fenerbahce vs. Aston Villa (2026-01-22 13:00:05)": ("2026-01-22T18:00:05Z", "Fenerbahce|Aston Villa"),
    "US (ESPN+ 021) | Milwaukee Brewers vs. Colorado Rockies Jun 05 8:00PM ET (2026-06-05 20:00:05)": ("2026-06-06T00:00:00Z", "Brewers|Rockies"),
    "CA (SN+ 013) | Vegas @ Carolina _ Game 2 (2026-06-04 19:30:00)": ("2026-06-04T23:30:00Z", "Vegas|Carolina"),
    "US (ESPN+ 072) | American Conference: Dayton vs. South Florida (2026-09-11 20:00:00)": ("2026-09-12T00:00:00Z", "Dayton|South Florida"),
    "US (Peacock 057): Home Feed: NYY at AZ (2026-09-19 20:00:00)": ("2026-09-20T00:00:00Z", "NYY|AZ"),
    "(US) (BTN+ 006) | Ice Hockey (W): Boston U at #1 Wisconsin (2026-10-01 19:50:00)": ("2026-10-01T23:50:00Z", "Boston|Wisconsin"),
    "NCAAF 01: #7 Alabama vs. #16 Mississippi State @ 3 Oct 12:00 PM ET": ("2026-10-03T16:00:00Z", "Alabama|Mississippi State"),
    "NFL Game Pass 01: Pittsburgh Steelers vs Cleveland Browns @ Oct 01 08:15 PM ET": ("2026-10-02T00:15:00Z", "Steelers|Browns"),
    "NHL Game Pass 03: Predators @ Maple Leafs @ 6 Oct 07:00 PM ET": ("2026-10-06T23:00:00Z", "Predators|Maple Leafs"),
    "NBA 10: Lakers vs Kings (Lakers In-Arena) @ 8 Oct 10:30 PM ET": ("2026-10-09T02:30:00Z", "Lakers|Kings"),
    "MLB 01 | Chicago White Sox at Cleveland Guardians NATIONAL @ 3 Oct 01:00 PM ET": ("2026-10-03T17:00:00Z", "White Sox|Guardians"),
    "NHL 04: Western Kentucky vs. Jacksonville State @ 9 Oct 07:00 PM ET": ("2026-10-09T23:00:00Z", "Western Kentucky|Jacksonville State"),
    "Peacock 04: USA vs. Chile (Español) @ 29 Sep 07:30 PM ET": ("2026-09-29T23:30:00Z", "USA|Chile"),
    "Sky Sports + 01: EFL Championship Derby v West Brom @ 9 Sep 07:30 PM London": ("2026-09-09T18:30:00Z", "Derby|West Brom"),
    "Sky Sports + 02: EFL Championship Norwich v Birmingham @ 9 Sep 07:30 PM London": ("2026-09-09T18:30:00Z", "Norwich|Birmingham"),
    "LIVE | DALVÍK/REYNIR - HAUKAR | Sun 14 Jun 15:50 GMT (IS) | ": ("2026-06-14T15:50:00Z", "Dalvik|Haukar"),
    "End | Nomads United FC vs. Dunedin City Royals FC | National League - New Zealand | 2026-07-18 | 00:00 (GMT) | 8K EXCLUSIVE | US: DAZN PPV 3": ("2026-07-18T00:00:00Z", "Nomads|Dunedin"),
    "End | Real Estelí FC vs. UNAN Managua | Primera Division - Nicaragua | 2026-07-18 | 01:00 (GMT) | 8K EXCLUSIVE | US: DAZN PPV 5": ("2026-07-18T01:00:00Z", "Esteli|Managua"),
    "Next | Cheng Fung vs. Shao Jiang | Primeira Divisão - Macau | 2026-07-18 | 11:00 (GMT) | 8K EXCLUSIVE | US: DAZN PPV 18": ("2026-07-18T11:00:00Z", "Cheng Fung|Shao Jiang"),
    "Next | Civil Service United vs. Mighty Wanderers | FDH Bank Premiership - Malawi | 2026-07-18 | 12:30 (GMT) | 8K EXCLUSIVE | US: DAZN PPV 25": ("2026-07-18T12:30:00Z", "Civil Service|Wanderers"),
    "Next | FK Minija vs. FK Jonava | 1 Lyga - Lithuania | 2026-07-18 | 15:00 (GMT) | 8K EXCLUSIVE | US: DAZN PPV 33": ("2026-07-18T15:00:00Z", "Minija|Jonava"),
    "Next | BKFC 91: Hunt vs. Pugliesi | Hunt v Pugliesi | 2026-07-18 | 17:00 (GMT) | 8K EXCLUSIVE | US: DAZN PPV 42": ("2026-07-18T17:00:00Z", "Hunt|Pugliesi"),
    "Next | QPR SC vs St. David's FC | Premier League - Grenada | 2026-07-18 | 23:00 (GMT) | 8K EXCLUSIVE | US: DAZN PPV 48": ("2026-07-18T23:00:00Z", "QPR|David"),
    "PPV EVENT 18: ACA 205 Magomedov vs. Gasanov (7.17 8:15 AM ET)": ("2026-07-17T12:15:00Z", "Magomedov|Gasanov"),
    "PPV EVENT 19: ONE Fight Night 45 Lessei vs. Rabah (7.17 9:00 PM ET)": ("2026-07-18T01:00:00Z", "Lessei|Rabah"),
}
DECOY_WORDS = ("Hlts", "Highlight Show", "Pat McAfee", "Fairways of Life", "PRESS CONFERENCE", "Press Conference",
               "PRE-SHOW", "La Dazoneta")
LIVE_NAMES = {"US: BOX OFFICE HD", "US: TNT SPORTS BOX OFFICE 4K", "[CA-S] SPORTSNET PPV", "NBA TV HD",
              "USA - ESPN2 HD", "SP - NHL NETWORK HD", "SP - BEIN SPORTS LA LIGA HD", "US: YES Network HD",
              "US| NESN HD", "US: MASN HD", "Padres.TV HD", "USA - FOX 47 ROCHESTER MN (KXLT)",
              "NCAAF 09: BIG TEN NETWORK", "NHL | Toronto Maple Leafs", "NHL BUFFALO SABRES", "SPFL: DUNDEE",
              "SPFL: CELTIC TV", "SPFL: ABERDEEN FC (REDS TV)"}


def real_kind(name: str) -> str:
    import re
    if name in PINNED:
        return "event"
    if any(w in name for w in DECOY_WORDS):
        return "decoy"
    if name in LIVE_NAMES:
        return "live"
    if (re.fullmatch(r"(?:[A-Z+]+(?: [A-Z]+)? ?\d+ ?[:\-]?|\[[A-Z]+-\d+\]|PPV EVENT \d+:?|LIVE EVENT \d+ -?)\s*", name)
            or name.startswith(("NO EVENT STREAMING NOW", "#")) or "(2098-" in name):
        return "placeholder"
    return ""  # a real event (or unknown) not in the snapshot: not labelled for the match scorer


def write_real():
    with open(HERE / "names.tsv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    m3u, lab, exp = ["#EXTM3U"], [], []
    for i, row in enumerate(rows, 1):
        name = row["name"]
        if "EPG programme" in row["note"]:
            continue  # programme titles, not channel names
        url = f"http://real.example:8080/live/u/p/{900000 + i}.ts"
        grp = row["group_title"] or "REAL"
        m3u += [f'#EXTINF:-1 tvg-id="" tvg-name="{name.replace(chr(34), chr(39))}" group-title="{grp}",{name}', url]
        kind = real_kind(name)
        if kind == "event":
            eid, keys = PINNED[name]
            ev = next(e for d in EVENTS.glob("*.json") for e in (json.loads(d.read_text())["events"] or [])
                      if e["idEvent"] == eid)
            lab.append([url, "event", eid, "real", name])
            exp.append([url, "event", start(ev).strftime("%Y-%m-%dT%H:%M:%SZ"), 20, keys, eid, "real", name])
        elif kind:
            lab.append([url, kind, "", f"real-{kind}", name])
            exp.append([url, "negative", "", "", "", "", f"real-{kind}", name])
        elif name in STATED:
            st, keys = STATED[name]
            exp.append([url, "event", st, 20, keys, "", "real-stated", name])
    (HERE / "real.m3u").write_text("\n".join(m3u) + "\n", encoding="utf-8")
    with open(HERE / "real.labels.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["url", "kind", "event_id", "style", "name"])
        w.writerows(lab)
    with open(HERE / "real.expect.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["url", "kind", "start_utc", "tolerance_min", "title_keys", "event_id", "style", "name"])
        w.writerows(exp)
    missing = [n for n in list(PINNED) + list(STATED) if n not in {r["name"] for r in rows}]
    assert not missing, missing
    print(f"real: {len(m3u) // 2} names, {len(lab)} labelled, {len(exp)} expected "
          f"({sum(1 for e in exp if e[1] == 'event')} events)")


def main():
    r = random.Random(SEED)
    tot = tot_ev = 0
    used = {}
    for date, n in DATES:
        for k in range(1, n + 1):
            allx = build(date, k, r)
            a, b = write(date, k, allx)
            tot += a
            tot_ev += b
            for e in allx:
                used[e["style"]] = used.get(e["style"], 0) + 1
            print(f"{date}-{k}: {a} entries, {b} event channels ({b / a:.0%})")
    write_real()
    print(f"total {tot} entries, {tot_ev} event channels; styles used: {len(used)}")
    for s, c in sorted(used.items()):
        print(f"  {s:<24} {c}")


if __name__ == "__main__":
    main()
