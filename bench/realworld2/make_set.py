#!/usr/bin/env python3
"""Build the realworld2 measurement set: 8 labelled playlists of event channels.

Standard library only, fixed seed, deterministic.  Usage:
    python3 bench/realworld2/make_set.py [EVENTS_DIR]
EVENTS_DIR defaults to /work/shared/bench/events (TheSportsDB eventsday files, one per UTC day).

For each (date D, key k, provider profile) below it writes, next to this script:
    D-k.m3u          the playlist
    D-k.labels.csv   url,kind,event_id,style,name            (for score_matches.py)
    D-k.expect.csv   url,kind,start_utc,tolerance_min,title_keys,event_id,style,name  (for score_guide.py)

A US-style provider (profile "us") lists the games whose kick-off in America/New_York falls on D;
a European-style provider (profile "eu") lists the games whose kick-off in Europe/London falls on D.
Every naming shape is documented in SHAPES.md with the real name it is modelled on.
"""
from __future__ import annotations

import csv
import datetime as dt
import json
import random
import sys
import unicodedata
from pathlib import Path
from zoneinfo import ZoneInfo

SEED = 20260502
HERE = Path(__file__).resolve().parent
EVENTS_DIR = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/work/shared/bench/events")
UTC = dt.UTC
NY, LON = ZoneInfo("America/New_York"), ZoneInfo("Europe/London")
CHI, DEN, LA = ZoneInfo("America/Chicago"), ZoneInfo("America/Denver"), ZoneInfo("America/Los_Angeles")
PAR, SAO, BUE = ZoneInfo("Europe/Paris"), ZoneInfo("America/Sao_Paulo"), ZoneInfo("America/Argentina/Buenos_Aires")

PLAYLISTS = [  # (date, key, profile)
    ("2025-09-20", "p1", "us"),
    ("2025-10-25", "p2", "eu"),   # UK still on BST (ends 26 Oct), US on EDT
    ("2025-11-09", "p1", "us"),   # US just back on EST (2 Nov)
    ("2025-12-20", "p2", "eu"),
    ("2026-01-24", "p2", "eu"),
    ("2026-02-28", "p1", "us"),
    ("2026-03-21", "p2", "eu"),   # US on EDT since 8 Mar, UK still on GMT until 29 Mar
    ("2026-04-11", "p1", "us"),
]
MAX_EVENTS = 46
BASE = "http://prov2.example:8080"

US_LEAGUES = {"NBA", "NHL", "NFL", "MLB"}
FAM = {"NBA": "NBA", "NHL": "NHL", "NFL": "NFL", "MLB": "MLB", "American Major League Soccer": "MLS",
       "English Premier League": "EPL", "English League Championship": "EFL", "Spanish La Liga": "LaLiga",
       "Italian Serie A": "Serie A", "German Bundesliga": "Bundesliga", "French Ligue 1": "Ligue 1",
       "Dutch Eredivisie": "Eredivisie", "Portuguese Primeira Liga": "Liga Portugal",
       "Scottish Premiership": "SPFL"}
COMP = {"English Premier League": "Premier League", "English League Championship": "EFL Championship",
        "Spanish La Liga": "LaLiga", "Italian Serie A": "Serie A", "German Bundesliga": "Bundesliga",
        "French Ligue 1": "Ligue 1", "Dutch Eredivisie": "Eredivisie", "Portuguese Primeira Liga": "Liga Portugal",
        "Scottish Premiership": "Scottish Premiership", "American Major League Soccer": "MLS"}
SLUG = {"English Premier League": "english_premier_league", "English League Championship": "efl_championship",
        "Spanish La Liga": "laliga", "Italian Serie A": "serie_a", "German Bundesliga": "bundesliga",
        "French Ligue 1": "ligue_1", "Dutch Eredivisie": "eredivisie", "Portuguese Primeira Liga": "liga_portugal",
        "Scottish Premiership": "spfl", "American Major League Soccer": "mls"}
CC = {"English Premier League": "UK", "English League Championship": "UK", "Spanish La Liga": "ES",
      "Italian Serie A": "IT", "German Bundesliga": "DE", "French Ligue 1": "FR", "Dutch Eredivisie": "NL",
      "Portuguese Primeira Liga": "PT", "Scottish Premiership": "UK", "American Major League Soccer": "US"}
NATIVE_COMP = {"German Bundesliga": "Bundesliga", "Spanish La Liga": "LaLiga EA Sports", "Italian Serie A": "Serie A",
               "French Ligue 1": "Ligue 1 McDonald's", "Portuguese Primeira Liga": "Liga Portugal Betclic",
               "Dutch Eredivisie": "Eredivisie"}

CODES = {
 "NBA": dict(zip(
  ["Atlanta Hawks", "Boston Celtics", "Brooklyn Nets", "Charlotte Hornets", "Chicago Bulls", "Cleveland Cavaliers",
   "Dallas Mavericks", "Denver Nuggets", "Detroit Pistons", "Golden State Warriors", "Houston Rockets",
   "Indiana Pacers", "Los Angeles Clippers", "Los Angeles Lakers", "Memphis Grizzlies", "Miami Heat",
   "Milwaukee Bucks", "Minnesota Timberwolves", "New Orleans Pelicans", "New York Knicks", "Oklahoma City Thunder",
   "Orlando Magic", "Philadelphia 76ers", "Phoenix Suns", "Portland Trail Blazers", "Sacramento Kings",
   "San Antonio Spurs", "Toronto Raptors", "Utah Jazz", "Washington Wizards"],
  ["ATL", "BOS", "BKN", "CHA", "CHI", "CLE", "DAL", "DEN", "DET", "GSW", "HOU", "IND", "LAC", "LAL", "MEM", "MIA", "MIL", "MIN", "NOP", "NYK", "OKC", "ORL", "PHI", "PHX", "POR", "SAC", "SAS", "TOR", "UTA", "WAS"], strict=True)),
 "NHL": dict(zip(
  ["Anaheim Ducks", "Boston Bruins", "Buffalo Sabres", "Calgary Flames", "Carolina Hurricanes", "Chicago Blackhawks",
   "Colorado Avalanche", "Columbus Blue Jackets", "Dallas Stars", "Detroit Red Wings", "Edmonton Oilers",
   "Florida Panthers", "Los Angeles Kings", "Minnesota Wild", "Montreal Canadiens", "Nashville Predators",
   "New Jersey Devils", "New York Islanders", "New York Rangers", "Ottawa Senators", "Philadelphia Flyers",
   "Pittsburgh Penguins", "San Jose Sharks", "Seattle Kraken", "St. Louis Blues", "Tampa Bay Lightning",
   "Toronto Maple Leafs", "Utah Mammoth", "Vancouver Canucks", "Vegas Golden Knights", "Washington Capitals",
   "Winnipeg Jets"],
  ["ANA", "BOS", "BUF", "CGY", "CAR", "CHI", "COL", "CBJ", "DAL", "DET", "EDM", "FLA", "LAK", "MIN", "MTL", "NSH", "NJD", "NYI", "NYR", "OTT", "PHI", "PIT", "SJS", "SEA", "STL", "TBL", "TOR", "UTA", "VAN", "VGK", "WSH", "WPG"], strict=True)),
 "NFL": dict(zip(
  ["Arizona Cardinals", "Atlanta Falcons", "Baltimore Ravens", "Buffalo Bills", "Carolina Panthers", "Chicago Bears",
   "Cincinnati Bengals", "Cleveland Browns", "Dallas Cowboys", "Denver Broncos", "Detroit Lions",
   "Green Bay Packers", "Houston Texans", "Indianapolis Colts", "Jacksonville Jaguars", "Kansas City Chiefs",
   "Las Vegas Raiders", "Los Angeles Chargers", "Los Angeles Rams", "Miami Dolphins", "Minnesota Vikings",
   "New England Patriots", "New Orleans Saints", "New York Giants", "New York Jets", "Philadelphia Eagles",
   "Pittsburgh Steelers", "San Francisco 49ers", "Seattle Seahawks", "Tampa Bay Buccaneers", "Tennessee Titans",
   "Washington Commanders"],
  ["ARI", "ATL", "BAL", "BUF", "CAR", "CHI", "CIN", "CLE", "DAL", "DEN", "DET", "GB", "HOU", "IND", "JAX", "KC", "LV", "LAC", "LAR", "MIA", "MIN", "NE", "NO", "NYG", "NYJ", "PHI", "PIT", "SF", "SEA", "TB", "TEN", "WAS"], strict=True)),
 "MLB": dict(zip(
  ["Arizona Diamondbacks", "Athletics", "Atlanta Braves", "Baltimore Orioles", "Boston Red Sox", "Chicago Cubs",
   "Chicago White Sox", "Cincinnati Reds", "Cleveland Guardians", "Colorado Rockies", "Detroit Tigers",
   "Houston Astros", "Kansas City Royals", "Los Angeles Angels", "Los Angeles Dodgers", "Miami Marlins",
   "Milwaukee Brewers", "Minnesota Twins", "New York Mets", "New York Yankees", "Philadelphia Phillies",
   "Pittsburgh Pirates", "San Diego Padres", "San Francisco Giants", "Seattle Mariners", "St. Louis Cardinals",
   "Tampa Bay Rays", "Texas Rangers", "Toronto Blue Jays", "Washington Nationals"],
  ["ARI", "ATH", "ATL", "BAL", "BOS", "CHC", "CWS", "CIN", "CLE", "COL", "DET", "HOU", "KC", "LAA", "LAD", "MIA", "MIL", "MIN", "NYM", "NYY", "PHI", "PIT", "SD", "SF", "SEA", "STL", "TB", "TEX", "TOR", "WSH"], strict=True)),
}
TWO_WORD_NICK = {"Red Wings", "Maple Leafs", "Blue Jackets", "Golden Knights", "Trail Blazers", "Red Sox",
                 "White Sox", "Blue Jays"}
# how providers write snapshot names that are bare city words (MLS, Ligue 1)
DISPLAY = {"Paris": "Paris FC", "Los Angeles": "LAFC", "Dallas": "FC Dallas", "Cincinnati": "FC Cincinnati",
           "Austin": "Austin FC", "Charlotte": "Charlotte FC", "Toronto": "Toronto FC", "San Diego": "San Diego FC",
           "New York City": "New York City FC", "Sport Lisboa e Benfica": "Benfica",
           "Sporting Clube de Portugal": "Sporting CP", "Sporting Clube de Braga": "SC Braga",
           "Feyenoord Rotterdam": "Feyenoord"}
SHORT = {"Manchester City": "Man City", "Manchester United": "Man Utd", "Wolverhampton Wanderers": "Wolves",
         "Tottenham Hotspur": "Spurs", "Brighton and Hove Albion": "Brighton", "Newcastle United": "Newcastle",
         "West Ham United": "West Ham", "Nottingham Forest": "Nott'm Forest", "Leeds United": "Leeds",
         "Aston Villa": "Villa", "Barcelona": "Barça", "Atletico Madrid": "Atleti", "Inter Milan": "Inter",
         "Paris Saint-Germain": "PSG", "AC Milan": "Milan", "Juventus": "Juve", "Bayern Munich": "Bayern",
         "Borussia Dortmund": "BVB", "Borussia Monchengladbach": "Gladbach", "Bayer Leverkusen": "Leverkusen",
         "Eintracht Frankfurt": "Frankfurt", "Sport Lisboa e Benfica": "Benfica",
         "Sporting Clube de Portugal": "Sporting", "Sporting Clube de Braga": "Braga",
         "Feyenoord Rotterdam": "Feyenoord", "Heart of Midlothian": "Hearts", "Queens Park Rangers": "QPR",
         "West Bromwich Albion": "West Brom", "Sheffield Wednesday": "Sheff Wed", "Sheffield United": "Sheff Utd",
         "Athletic Bilbao": "Athletic", "Real Betis": "Betis", "Preston North End": "Preston",
         "Vitória Guimarães": "Vitória SC", "Rayo Vallecano": "Rayo", "Celta Vigo": "Celta",
         "Blackburn Rovers": "Blackburn", "Birmingham City": "Birmingham", "Wrexham": "Wrexham AFC",
         "Hamburger SV": "HSV", "VfB Stuttgart": "Stuttgart", "Werder Bremen": "Bremen", "RB Leipzig": "Leipzig",
         "New York Red Bulls": "NY Red Bulls", "Inter Miami": "Inter Miami CF", "Los Angeles": "LAFC",
         "GD Estoril Praia": "Estoril", "Casa Pia AC": "Casa Pia", "CD Santa Clara": "Santa Clara",
         "Olympique Lyonnais": "OL"}
NATIVE = {"Bayern Munich": "FC Bayern München", "Borussia Monchengladbach": "Borussia Mönchengladbach",
          "FC Koln": "1. FC Köln", "Atletico Madrid": "Atlético de Madrid", "Alaves": "Deportivo Alavés",
          "Inter Milan": "Internazionale", "Marseille": "Olympique de Marseille", "Lyon": "Olympique Lyonnais",
          "Sevilla": "Sevilla FC", "Porto": "FC Porto", "Celta Vigo": "RC Celta", "Athletic Bilbao": "Athletic Club",
          "Paris Saint-Germain": "Paris SG", "Mainz": "1. FSV Mainz 05", "Freiburg": "SC Freiburg",
          "Hoffenheim": "TSG Hoffenheim", "Augsburg": "FC Augsburg", "Union Berlin": "1. FC Union Berlin",
          "St. Pauli": "FC St. Pauli", "Heidenheim": "1. FC Heidenheim", "Wolfsburg": "VfL Wolfsburg",
          "Werder Bremen": "SV Werder Bremen", "Eintracht Frankfurt": "Eintracht Frankfurt",
          "Bayer Leverkusen": "Bayer 04 Leverkusen", "Borussia Dortmund": "Borussia Dortmund",
          "Real Betis": "Real Betis Balompié", "Mallorca": "RCD Mallorca", "Espanyol": "RCD Espanyol",
          "Girona": "Girona FC", "Villarreal": "Villarreal CF", "Valencia": "Valencia CF", "Getafe": "Getafe CF",
          "Elche": "Elche CF", "Levante": "Levante UD", "Osasuna": "CA Osasuna", "Barcelona": "FC Barcelona",
          "Real Madrid": "Real Madrid CF", "Napoli": "SSC Napoli", "Roma": "AS Roma", "Lazio": "SS Lazio",
          "Fiorentina": "ACF Fiorentina", "Verona": "Hellas Verona", "Genoa": "Genoa CFC", "Torino": "Torino FC",
          "Monaco": "AS Monaco", "Nice": "OGC Nice", "Lens": "RC Lens", "Lille": "LOSC Lille",
          "Strasbourg": "RC Strasbourg Alsace", "Rennes": "Stade Rennais", "Brest": "Stade Brestois",
          "Nantes": "FC Nantes", "Toulouse": "Toulouse FC", "Lorient": "FC Lorient", "Metz": "FC Metz",
          "Auxerre": "AJ Auxerre", "Angers": "Angers SCO", "Le Havre": "Le Havre AC"}

VOD_MOVIES = ["Alien vs. Predator (2004)", "Freddy vs. Jason (2003)", "Batman v Superman: Dawn of Justice (2016)",
              "Kramer vs. Kramer (1979)", "Godzilla vs. Kong (2021)", "Ford v Ferrari (2019)",
              "Borg vs McEnroe (2017)", "Frost/Nixon (2008)", "Rush (2013)", "Moneyball (2011)",
              "Invictus (2009)", "Warrior (2011)", "Creed III (2023)", "Goal! The Dream Begins (2005)",
              "The Blind Side (2009)", "Remember the Titans (2000)", "Miracle (2004)", "Senna (2010)",
              "Coach Carter (2005)", "Any Given Sunday (1999)", "He Got Game (1998)", "Slap Shot (1977)"]
VOD_SERIES = ["The Last Dance S01E05", "Formula 1: Drive to Survive S07E03", "All or Nothing: Manchester City S01E02",
              "Sunderland 'Til I Die S03E01", "Welcome to Wrexham S04E06", "Hard Knocks S20E02",
              "Quarterback S01E04", "Starting 5 S02E01", "Break Point S02E05", "Full Swing S03E02",
              "Ted Lasso S03E12", "Juventus: First Team S01E03"]
LINEAR_US = ["US| ESPN HD", "US| ESPN2 HD", "USA - ESPNU", "US: NBA TV HD", "US| NHL NETWORK", "US: MLB Network",
             "US| NFL NETWORK HD", "US: FOX SPORTS 1", "US| CBS Sports Network", "CA| TSN 1", "CA| TSN 4",
             "CA| SPORTSNET ONTARIO", "US| beIN Sports 1", "US: Fox Deportes", "US| ESPN Deportes",
             "US: YES Network HD", "US| NESN HD", "US| TUDN"]
LINEAR_EU = ["UK: Sky Sports Main Event", "UK: Sky Sports Premier League FHD", "UK: Sky Sports Football",
             "UK: TNT Sports 1 HD", "UK: TNT Sports 2", "DE: Sky Sport Bundesliga 1", "DE: DAZN 1 ᴴᴰ",
             "ES: Movistar LaLiga", "ES: DAZN LaLiga", "IT: Sky Sport Calcio", "IT: DAZN 1",
             "FR: Canal+ Sport", "FR: beIN Sports 1", "PT: Sport TV 1 HD", "NL: ESPN 1 NL", "NL: Ziggo Sport",
             "AR: beIN Sports 1 ᴴᴰ", "UK: Premier Sports 1"]
SHOWS_US = ["ESPN+ {n:02d} : The Pat McAfee Show", "NBA TV {n:02d}: Inside the NBA (Studio)",
            "NFL {n:02d}: NFL GameDay Morning", "NHL {n:02d}: NHL Tonight", "MLB {n:02d}: MLB Tonight",
            "ESPN+ {n:02d} : College GameDay Built by The Home Depot", "UFC {n:02d}: UFC Fight Night Pre-Show",
            "ESPN+ {n:02d} : SportsCenter", "PPV EVENT {n:02d}: Weigh-In Show", "NFL {n:02d}: NFL RedZone Pregame"]
SHOWS_EU = ["Sky Sports + {n:02d}: Soccer Saturday", "UK: Match of the Day ({n})", "Sky Sports + {n:02d}: The Football Show",
            "LIVE EVENT {n:02d} - Premier League Countdown", "DAZN {n:02d}: DAZN Matchday Live (Studio)",
            "UK: Monday Night Football Preview", "Sky Sports + {n:02d}: Gillette Soccer Special",
            "LIVE EVENT {n:02d} - Boxing Press Conference", "UFC {n:02d}: Post-Fight Press Conference"]
OFFSNAP_US = ["NCAAF {n:02d}: Robert Morris vs Wagner @ 12:00 PM ET", "NCAAB {n:02d}: Army vs UMBC @ 06:00 PM ET",
              "ESPN+ {n:02d} : Youngstown State vs. Akron", "BIG10+ {n:02d}: Soccer (W) UCLA at Maryland",
              "UFC {n:02d}: UFC FIGHT NIGHT MAIN CARD", "Boxing {n} :  FURY vs HALL  6PM",
              "PPV EVENT {n:02d}: CARS Tour at North Wilkesboro", "LIVE EVENT {n:02d} - 7:45pm NARC Kaeding Classic",
              "NCAAF {n:02d}: Holy Cross vs. William & Mary", "ESPN+ {n:02d} : Saskatchewan Rush vs. Ottawa Black Bears"]
OFFSNAP_EU = ["LIVE | DALVÍK/REYNIR - HAUKAR | 15:50 GMT (IS) | ", "NEXT | FC STOCKHOLM VS VASALUND IF | 18:55 CEST",
              "2. BL | 1. FC Nürnberg - Hannover 96", "DAZN {n:02d}: Fury vs. Usyk",
              "Next | Delfi Rally Estonia: Stage 8 | WRC | 06:56 (GMT) | 8K EXCLUSIVE",
              "RÖGLE - FÄRJESTAD SM-SLUTSPEL KVARTSFINAL", "Sky Sports + {n:02d}: National League Boreham Wood v Yeovil",
              "LIVE EVENT {n:02d} - BKFC 91: Hunt vs. Pugliesi"]
CLASSICS = [("NBA", "NBA Classic: Bulls vs Jazz (1998 Finals Game 6)", ("Chicago Bulls", "Utah Jazz")),
            ("NHL", "NHL Classics: Oilers @ Islanders 1984 Cup Final G5", ("Edmonton Oilers", "New York Islanders")),
            ("EPL", "EPL Classic: Man Utd v Arsenal 1999 FA Cup Semi Replay", ("Manchester United", "Arsenal")),
            ("LaLiga", "Clásico Classic: Barcelona vs Real Madrid 2-6 (2009)", ("Barcelona", "Real Madrid")),
            ("NFL", "NFL Films: Giants vs Patriots Super Bowl XLII (Full Game)", ("New York Giants", "New England Patriots")),
            ("Serie A", "Calcio Classico: Milan - Juventus 2003 (Replica)", ("AC Milan", "Juventus"))]


# ----------------------------------------------------------------------------- helpers
def fold(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def ts(e) -> dt.datetime:
    return dt.datetime.fromisoformat(e["strTimestamp"].replace("Z", "")).replace(tzinfo=UTC)


def nick(team: str) -> str:
    w = team.split()
    if len(w) >= 2 and " ".join(w[-2:]) in TWO_WORD_NICK:
        return " ".join(w[-2:])
    return w[-1]


def is_us(e) -> bool:
    return e["strLeague"] in US_LEAGUES


def disp(t: str) -> str:
    return DISPLAY.get(t, t)


def short(t: str) -> str:
    return SHORT.get(t, disp(t))


def native(t: str) -> str:
    return NATIVE.get(t, disp(t))


def h12(t: dt.datetime, pad=True, space=True, lower=False, mins="always", sep=":") -> str:
    h = t.hour % 12 or 12
    ap = "AM" if t.hour < 12 else "PM"
    if lower:
        ap = ap.lower()
    hs = f"{h:02d}" if pad else str(h)
    if mins == "always" or t.minute:
        hs += f"{sep}{t.minute:02d}"
    return hs + (" " if space else "") + ap


def compact(t: dt.datetime) -> str:  # 7p / 7:30p
    h = t.hour % 12 or 12
    return f"{h}{f':{t.minute:02d}' if t.minute else ''}{'a' if t.hour < 12 else 'p'}"


def ordinal(d: int) -> str:
    return f"{d}{'th' if 11 <= d % 100 <= 13 else {1: 'st', 2: 'nd', 3: 'rd'}.get(d % 10, 'th')}"


def mon(t):
    return t.strftime("%b")


def et_abbr_quirk(t) -> str:  # writes the true EDT/EST abbreviation
    return t.tzname()


# ----------------------------------------------------------------------------- shapes
# Each shape: (id, profile(s), kinds, fn). kinds: "us" = NBA/NHL/NFL/MLB, "soc" = soccer, "any".
# fn(e, ctx) returns (name, group) or None (shape not applicable); ctx gives slot numbers and rng.
class Ctx:
    def __init__(self, rng):
        self.rng = rng
        self.slots = {}

    def slot(self, fam: str) -> int:
        self.slots[fam] = self.slots.get(fam, 0) + 1
        return self.slots[fam]


def teams(e, home_first=False):
    a, h = e["strAwayTeam"], e["strHomeTeam"]
    return (h, a) if home_first else (a, h)


def us_city(e, team):
    """City form if it is unique for that league in CODES, else None."""
    n = nick(team)
    city = team[: -len(n)].strip()
    if not city:
        return None
    same = [t for t in CODES[e["strLeague"]] if t != team and t.startswith(city + " ")]
    return None if same else city


def S_us_slot_vs_at(e, c):
    t = ts(e).astimezone(NY)
    a, h = teams(e)
    fam = FAM[e["strLeague"]]
    a, h = (disp(a), disp(h))
    deco = c.rng.choice(["", "", " [FHD]", " (Backup)"])
    return f"{fam} {c.slot(fam):02d}: {a} vs {h} @ {h12(t)} ET{deco}", f"USA | {fam} EVENTS"


def S_us_pipe_dash_nick(e, c):
    t = ts(e).astimezone(NY)
    a, h = teams(e)
    fam = FAM[e["strLeague"]]
    return (f"US| {fam} | {c.slot(fam):02d} - {h12(t, pad=False, space=False, lower=True, mins='nonzero')} "
            f"{nick(a)} at {nick(h)}", f"US| {fam} LIVE")


def S_caps_bracket_slot(e, c):
    t = ts(e).astimezone(NY)
    a, h = teams(e)
    fam = FAM[e["strLeague"]]
    return (f"[{fam}-{c.slot(fam)}] {nick(a).upper()} @ {nick(h).upper()} "
            f"{h12(t, pad=False, space=False, mins='nonzero')} ET", "PPV & LIVE EVENTS")


def S_start_stop_x(e, c):
    lg = e["strLeague"]
    h, a = e["strHomeTeam"], e["strAwayTeam"]
    st = ts(e) - dt.timedelta(minutes=10)
    sp = st + dt.timedelta(hours=4)
    fam = FAM[lg]
    return (f"{fam} {c.slot(fam):02d}: {nick(h)} ({CODES[lg][h]}) x {nick(a)} ({CODES[lg][a]}) "
            f"start:{st:%Y-%m-%d %H:%M:%S} stop:{sp:%Y-%m-%d %H:%M:%S}", f"{fam} PASS")


def S_paren_et_stamp(e, c):
    t = ts(e).astimezone(NY)
    a, h = teams(e, home_first=not is_us(e))
    net = "ESPN+" if is_us(e) else c.rng.choice(["Paramount", "Peacock", "ESPN+"])
    lead = "" if is_us(e) else f"{SLUG[e['strLeague']]}: "
    sec = c.rng.choice(["00", "05"])
    return (f"US ({net} {c.slot(net):03d}) | {lead}{disp(a)} vs. {disp(h)} ({t:%Y-%m-%d %H:%M}:{sec})",
            f"US| {net} PPV")


def S_time_first_fam_last(e, c):
    t = ts(e).astimezone(NY)
    a, h = teams(e)
    fam = FAM[e["strLeague"]]
    return f"{h12(t, pad=False, space=False, lower=True, mins='nonzero')} {nick(a)} at {nick(h)} {fam} {c.slot(fam)}", f"{fam} GAMES"


def S_bare_slot_md(e, c):
    t = ts(e).astimezone(NY)
    a, h = teams(e)
    fam = FAM[e["strLeague"]]
    grp = {"NFL": "NFL SUNDAY TICKET", "NBA": "NBA LEAGUE PASS", "NHL": "NHL CENTER ICE", "MLB": "MLB EXTRA INNINGS"}[fam]
    return (f"{c.slot(grp):02d} - {t.month}/{t.day} {h12(t, pad=False, space=False, lower=True, mins='nonzero')} "
            f"{nick(a)} at {nick(h)}", grp)


def S_city_only(e, c):
    a, h = teams(e)
    ca, ch = us_city(e, a), us_city(e, h)
    if not ca or not ch:
        return None
    tail = c.rng.choice([f" (Available outside {ch} Region)", "", f" (Available outside {ch} Region)"])
    return f"(CA) {ca} @ {ch}{tail}", "CA| SPORTSNET+"


def S_codes_only(e, c):
    lg = e["strLeague"]
    a, h = teams(e)
    return f"{CODES[lg][a]} @ {CODES[lg][h]}", f"US| {FAM[lg]} GAMES"


def S_espn_plus_soccer(e, c):
    t = ts(e).astimezone(NY) - dt.timedelta(minutes=5)
    h, a = teams(e, home_first=True)
    n = c.slot("ESPN+")
    name = f"ESPN+ {n:02d} : {disp(h)} vs. {disp(a)} @ {mon(t)} {t.day:02d} {h12(t)} ET"
    return name, "US| ESPN+ PPV"


def S_en_espanol_pair(e, c):
    """Two channels for one game: English, and a Spanish feed with 'En Español-' glued to the home team."""
    t = ts(e).astimezone(NY)
    h, a = teams(e, home_first=True)
    n = c.slot("ESPN+")
    m = c.slot("ESPN+")
    base = f"{disp(h)} vs. {disp(a)} @ {mon(t)} {t.day:02d} {h12(t)} ET"
    return [(f"ESPN+ {n:02d} : {base}", "US| ESPN+ PPV"), (f"ESPN+ {m:02d} : En Español-{base}", "US| ESPN+ PPV")]


def S_peacock_dayfirst_lang(e, c):
    t = ts(e).astimezone(NY)
    h, a = teams(e, home_first=True)
    lang = c.rng.choice(["(Español)", "(English)", "(Spanish)"])
    return f"Peacock {c.slot('Peacock'):02d}: {disp(h)} vs. {disp(a)} {lang} @ {t.day} {mon(t)} {h12(t)} ET", "US| PEACOCK EVENTS"


def S_feed_tag(e, c):
    t = ts(e).astimezone(NY)
    a, h = teams(e)
    fam = FAM[e["strLeague"]]
    feed = c.rng.choice([h, a])
    tag = c.rng.choice(["In-Arena", "Broadcast", "Feed"])
    return f"{fam} {c.slot(fam):02d}: {nick(a)} vs {nick(h)} ({nick(feed)} {tag}) @ {t.day} {mon(t)} {h12(t)} ET", f"{fam} GAME PASS"


def S_country_prefix_true_abbr(e, c):
    t = ts(e).astimezone(NY)
    a, h = teams(e)
    fam = FAM[e["strLeague"]]
    return f"USA {fam} {c.slot(fam):02d}: {disp(a)} vs {disp(h)} @ {h12(t)} {t.tzname()}", f"USA {fam}"


def S_live_event_dash_v(e, c):
    t = ts(e).astimezone(NY)
    a, h = teams(e, home_first=not is_us(e))
    fam = FAM[e["strLeague"]]
    an, hn = (nick(a), nick(h)) if is_us(e) else (short(a), short(h))
    return (f"LIVE EVENT {c.slot('LIVE EVENT'):02d} - {h12(t, pad=False, space=False, lower=True, mins='nonzero')} "
            f"{fam} {an} v {hn}", "LIVE EVENTS")


def S_other_us_zone(e, c):
    zone, word = c.rng.choice([(CHI, "CT"), (LA, "PT"), (DEN, "MT"), (NY, "New York")])
    t = ts(e).astimezone(zone)
    a, h = teams(e)
    fam = FAM[e["strLeague"]]
    return f"{fam} {c.slot(fam):02d}: {nick(a)} VS {nick(h)} @ {h12(t, space=False)} {word}", f"{fam} EVENTS"


def S_versus_lower(e, c):
    t = ts(e).astimezone(NY)
    a, h = teams(e, home_first=not is_us(e))
    fam = FAM[e["strLeague"]].lower()
    an, hn = (nick(a), nick(h)) if is_us(e) else (short(a), short(h))
    return f"{fam} pass {c.slot(fam)} | {an.lower()} versus {hn.lower()} {compact(t)}", "SPORTS PASS"


def S_time_before_quality(e, c):
    t = ts(e).astimezone(NY)
    a, h = teams(e)
    fam = FAM[e["strLeague"]]
    return f"{fam}  {c.slot(fam):02d} : {h12(t, pad=False)} {disp(a)} @ {disp(h)} [1080p]", f"USA: {fam} PACKAGE [1080p]"


def S_dot_date_pipe_caps(e, c):
    t = ts(e).astimezone(NY)
    a, h = teams(e)
    fam = FAM[e["strLeague"]]
    net = {"NBA": "NBA LEAGUE PASS", "NHL": "ESPN+", "NFL": "CBS", "MLB": "MLB.TV"}.get(fam, "PEACOCK")
    return (f"{fam} {c.slot(fam):03d}: {fold(disp(a)).upper()} AT {fold(disp(h)).upper()} | {t.month}.{t.day} "
            f"{h12(t, pad=False, space=False)} | {net}", f"USA: {fam} PACKAGE")


def S_truncated(e, c):
    t = ts(e).astimezone(NY)
    a, h = teams(e, home_first=not is_us(e))
    n = c.slot("ESPN+")
    full = f"ESPN+ {n} (D): {disp(a)} vs. {disp(h)} @ {mon(t)} {t.day:02d} {h12(t)} ET"
    cut = full[:40]
    start2 = full.find(" vs. ") + 5
    if not (start2 + 4 <= 40 < start2 + len(disp(h))):
        return None
    return cut, "US| ESPN+ PPV"


# ---- European-style provider
def S_sky_plus_london(e, c):
    t = ts(e).astimezone(LON)
    h, a = teams(e, home_first=True)
    return (f"Sky Sports + {c.slot('Sky+'):02d}: {COMP[e['strLeague']]} {short(h)} v {short(a)} @ {t.day} {mon(t)} "
            f"{h12(t)} London", "UK| SKY SPORTS+ EVENTS")


def S_uk_pipe_caps_weekday(e, c):
    t = ts(e).astimezone(LON)
    h, a = teams(e, home_first=True)
    fam = FAM[e["strLeague"]].upper()
    return (f"UK: {fam} | {c.slot(fam):02d} - {fold(disp(h)).upper()} - {fold(disp(a)).upper()} | "
            f"{t:%a} {t.day:02d} {mon(t)} {t:%H:%M}", f"UK| {fam}")


def S_next_pipe_fields(e, c):
    t = ts(e)
    h, a = teams(e, home_first=not is_us(e))
    comp = COMP.get(e["strLeague"], e["strLeague"])
    state = c.rng.choice(["Next", "Next", "Live"])
    return (f"{state} | {disp(h)} vs. {disp(a)} | {comp} | {t:%Y-%m-%d} | {t:%H:%M} (GMT) | 8K EXCLUSIVE | "
            f"UK: DAZN PPV {c.slot('DAZN PPV')}", "UK| DAZN PPV 8K")


def S_live_caps_country(e, c):
    t = ts(e)
    h, a = teams(e, home_first=True)
    cc = CC[e["strLeague"]]
    return (f"LIVE | {disp(h).upper()} - {disp(a).upper()} | {t:%a} {t.day:02d} {mon(t)} {t:%H:%M} GMT ({cc}) | ",
            f"{cc}| LIVE PPV")


def S_native_dash_cet(e, c):
    t = ts(e).astimezone(PAR)
    h, a = teams(e, home_first=True)
    comp = NATIVE_COMP.get(e["strLeague"], COMP[e["strLeague"]])
    cc = CC[e["strLeague"]]
    return f"{cc}: {comp}: {native(h)} - {native(a)} {t:%H:%M} {t.tzname()}", f"{cc}| SPORT EVENTS"


def S_french_h(e, c):
    t = ts(e).astimezone(PAR)
    h, a = teams(e, home_first=True)
    comp = NATIVE_COMP.get(e["strLeague"], COMP[e["strLeague"]])
    return f"FR| {comp} : {native(h)} - {native(a)} ({t.hour}h{t.minute:02d})", "FR| EVENEMENTS"


def S_italian_dot(e, c):
    t = ts(e).astimezone(ZoneInfo("Europe/Rome"))
    h, a = teams(e, home_first=True)
    comp = NATIVE_COMP.get(e["strLeague"], COMP[e["strLeague"]])
    return f"IT: {comp} | {native(h)} - {native(a)} ore {t.hour}.{t.minute:02d}", "IT| EVENTI LIVE"


def S_latam_x_brt(e, c):
    zone, word, cc = c.rng.choice([(SAO, "BRT", "BR"), (BUE, "ART", "AR")])
    t = ts(e).astimezone(zone)
    h, a = teams(e, home_first=True)
    sep = " x " if cc == "BR" else " vs "
    return f"{cc}: {fold(short(h)) if cc == 'BR' else short(h)}{sep}{short(a)} | {COMP[e['strLeague']]} | {t:%H:%M} {word}", f"{cc}| FUTEBOL AO VIVO" if cc == "BR" else f"{cc}| FUTBOL EN VIVO"


def S_time_between(e, c):
    t = ts(e).astimezone(LON)
    h, a = teams(e, home_first=True)
    return f"{disp(h)} {t:%H:%M} {disp(a)} {t.day:02d}/{t.month:02d}", "SOCCER LIVE"


def S_fam_end_brackets(e, c):
    h, a = teams(e, home_first=not is_us(e))
    fam = FAM[e["strLeague"]]
    hn, an = (nick(h), nick(a)) if is_us(e) else (short(h), short(a))
    sep = " @ " if is_us(e) else " v "
    return f"{hn}{sep}{an} [{fam} {c.slot(fam)}] ᴴᴰ", f"{fam} ᴴᴰ"


def S_group_only_dot_pm(e, c):
    t = ts(e).astimezone(LON)
    h, a = teams(e, home_first=True)
    h12s = h12(t, pad=False, space=False, lower=True, mins="nonzero", sep=".")
    return f"{short(h)} v {short(a)} {h12s}", f"UK| {COMP[e['strLeague']].upper()} 3PM"


def S_us_on_uk_time(e, c):
    t = ts(e).astimezone(LON)
    a, h = teams(e)
    fam = FAM[e["strLeague"]]
    return f"{fam} {c.slot(fam):02d} | {nick(a)} @ {nick(h)} | {t:%H:%M} UK", f"UK| {fam}"


def S_kickoff_bst(e, c):
    t = ts(e).astimezone(LON)
    h, a = teams(e, home_first=True)
    return f"{disp(h)} v {disp(a)} - Kickoff {t:%H:%M} {t.tzname()}", "UK| FOOTBALL LIVE"


def S_dmy_pipe_cet(e, c):
    t = ts(e).astimezone(PAR)
    h, a = teams(e, home_first=True)
    return f"{COMP[e['strLeague']]} | {disp(h)} vs {disp(a)} | {t:%d-%m-%Y} | {t:%H:%M} CET", "EU| FOOTBALL"


def S_slash_city_zone(e, c):
    zone, word = {"Spanish La Liga": (ZoneInfo("Europe/Madrid"), "Madrid"),
                  "Portuguese Primeira Liga": (ZoneInfo("Europe/Lisbon"), "Lisboa")}.get(
        e["strLeague"], (LON, "London"))
    t = ts(e).astimezone(zone)
    h, a = teams(e, home_first=True)
    return f"{CC[e['strLeague']]}| {COMP[e['strLeague']]}: {short(h)} / {short(a)} {t:%H:%M} {word}", "EU| LIVE EVENTS"


def S_en_dash_weekday(e, c):
    t = ts(e).astimezone(LON)
    h, a = teams(e, home_first=True)
    return f"{COMP[e['strLeague']]} – {fold(disp(h))} – {fold(disp(a))} – {t:%a} {t.day} {mon(t)} {t:%H:%M}", "FOOTBALL – LIVE"


def S_lang_backup_pair(e, c):
    t = ts(e).astimezone(LON)
    h, a = teams(e, home_first=not is_us(e))
    fam = FAM[e["strLeague"]]
    n = c.slot(fam)
    base = f"{fam} {n:02d}: {short(h) if not is_us(e) else disp(h)} v {short(a) if not is_us(e) else disp(a)} {t:%H:%M}"
    return [(f"{base} (English)", f"UK| {fam} EVENTS"), (f"{base} (Backup)", f"UK| {fam} EVENTS")]


def S_long_date(e, c):
    t = ts(e).astimezone(LON)
    h, a = teams(e, home_first=True)
    return (f"{short(h)} v. {short(a)} - {t:%A}, {t:%B} {ordinal(t.day)} - "
            f"{h12(t, pad=False, space=False, lower=True, mins='nonzero')} UK", "UK| FOOTBALL")


def S_pipe_8k(e, c):
    t = ts(e).astimezone(LON)
    h, a = teams(e, home_first=not is_us(e))
    hn, an = (nick(h), nick(a)) if is_us(e) else (short(h), short(a))
    return f"{hn} v. {an} | {t:%H:%M} | 8K", "8K EVENTS"


SHAPES = [
    # id, profile, kinds, fn
    ("us_slot_vs_at", "us", "any", S_us_slot_vs_at),
    ("us_pipe_dash_nick", "us", "us", S_us_pipe_dash_nick),
    ("caps_bracket_slot", "us", "us", S_caps_bracket_slot),
    ("start_stop_x_home", "us eu", "us", S_start_stop_x),
    ("paren_et_stamp", "us", "any", S_paren_et_stamp),
    ("time_first_fam_last", "us", "us", S_time_first_fam_last),
    ("bare_slot_md_group", "us", "us", S_bare_slot_md),
    ("city_only_sportsnet", "us", "us", S_city_only),
    ("codes_only", "us", "us", S_codes_only),
    ("espn_plus_soccer", "us", "soc", S_espn_plus_soccer),
    ("en_espanol_pair", "us", "soc", S_en_espanol_pair),
    ("peacock_dayfirst_lang", "us", "soc", S_peacock_dayfirst_lang),
    ("feed_tag_dayfirst", "us", "us", S_feed_tag),
    ("country_prefix_true_abbr", "us", "any", S_country_prefix_true_abbr),
    ("live_event_dash_v", "us", "any", S_live_event_dash_v),
    ("other_us_zone", "us", "us", S_other_us_zone),
    ("versus_lower_compact", "us eu", "any", S_versus_lower),
    ("time_before_quality", "us", "any", S_time_before_quality),
    ("dot_date_pipe_caps", "us", "any", S_dot_date_pipe_caps),
    ("truncated", "us", "any", S_truncated),
    ("sky_plus_london", "eu", "soc", S_sky_plus_london),
    ("uk_pipe_caps_weekday", "eu", "soc", S_uk_pipe_caps_weekday),
    ("next_pipe_fields_gmt", "eu", "any", S_next_pipe_fields),
    ("live_caps_country_gmt", "eu", "soc", S_live_caps_country),
    ("native_dash_cet", "eu", "soc", S_native_dash_cet),
    ("french_19h30", "eu", "soc", S_french_h),
    ("italian_ore_dot", "eu", "soc", S_italian_dot),
    ("latam_x_brt_art", "eu", "soc", S_latam_x_brt),
    ("time_between_teams", "eu", "soc", S_time_between),
    ("fam_end_brackets_hd", "eu", "any", S_fam_end_brackets),
    ("group_only_dot_pm", "eu", "soc", S_group_only_dot_pm),
    ("us_sport_uk_time", "eu", "us", S_us_on_uk_time),
    ("kickoff_gmt_bst", "eu", "soc", S_kickoff_bst),
    ("dmy_pipe_cet", "eu", "soc", S_dmy_pipe_cet),
    ("slash_city_zone", "eu", "soc", S_slash_city_zone),
    ("en_dash_weekday", "eu", "soc", S_en_dash_weekday),
    ("lang_backup_pair", "eu", "any", S_lang_backup_pair),
    ("long_date_ordinal", "eu", "soc", S_long_date),
    ("pipe_8k_vdot", "eu", "any", S_pipe_8k),
]


# ----------------------------------------------------------------------------- events
def load_day(day: dt.date) -> list[dict]:
    p = EVENTS_DIR / f"{day.isoformat()}.json"
    if not p.exists():
        return []
    return json.loads(p.read_text(encoding="utf-8")).get("events") or []


def events_for(day: dt.date, zone) -> list[dict]:
    seen, out = set(), []
    for k in (-1, 0, 1):
        for e in load_day(day + dt.timedelta(days=k)):
            if e["idEvent"] in seen or not e.get("strTimestamp"):
                continue
            if ts(e).astimezone(zone).date() == day:
                seen.add(e["idEvent"])
                out.append(e)
    return sorted(out, key=lambda e: (e["strTimestamp"], e["idEvent"]))


def busy_teams(day: dt.date, span: int) -> set[str]:
    s = set()
    for k in range(-span, span + 1):
        for e in load_day(day + dt.timedelta(days=k)):
            s.add(e["strHomeTeam"])
            s.add(e["strAwayTeam"])
    return s


def key_for(e, team: str) -> str:
    return nick(team) if is_us(e) else team


# ----------------------------------------------------------------------------- build
def build(date_s: str, key: str, profile: str, rng: random.Random, usage: dict, url_base: int):
    day = dt.date.fromisoformat(date_s)
    zone = NY if profile == "us" else LON
    evs = events_for(day, zone)
    if len(evs) > MAX_EVENTS:
        evs = sorted(rng.sample(evs, MAX_EVENTS), key=lambda e: (e["strTimestamp"], e["idEvent"]))
    c = Ctx(rng)
    entries = []  # dicts: name, group, kind, event_id, style, url_kind, expect
    for e in evs:
        kind = "us" if is_us(e) else "soc"
        cands = [s for s in SHAPES if profile in s[1].split() and s[2] in (kind, "any")]
        rng.shuffle(cands)
        cands.sort(key=lambda s: usage.get(s[0], 0))
        for sid, _, _, fn in cands:
            got = fn(e, c)
            if got is None:
                continue
            items = got if isinstance(got, list) else [got]
            for name, group in items:
                entries.append(dict(name=name, group=group, kind="event", event_id=e["idEvent"], style=sid,
                                    start=ts(e), keys=f"{key_for(e, e['strHomeTeam'])}|{key_for(e, e['strAwayTeam'])}"))
            usage[sid] = usage.get(sid, 0) + 1
            break
    n_ev = len(entries)

    # ---- negatives
    neg = []
    busy = busy_teams(day, 2)
    on_day = {t for e in evs for t in (e["strHomeTeam"], e["strAwayTeam"])}
    # real fixtures of another day, teams idle on D-2..D+2, written without date/time
    pool = []
    for k in list(range(-21, -3)) + list(range(4, 22)):
        for e in load_day(day + dt.timedelta(days=k)):
            if e["strHomeTeam"] not in busy and e["strAwayTeam"] not in busy:
                pool.append(e)
    rng.shuffle(pool)
    seen_pairs = set()
    for e in pool:
        pair = frozenset((e["strHomeTeam"], e["strAwayTeam"]))
        if pair in seen_pairs:
            continue
        seen_pairs.add(pair)
        fam = FAM[e["strLeague"]]
        if profile == "us":
            a, h = e["strAwayTeam"], e["strHomeTeam"]
            nm = rng.choice([f"{fam} {c.slot(fam):02d}: {disp(a)} vs {disp(h)}",
                             f"US| {fam} | {c.slot(fam):02d} - {nick(a) if is_us(e) else short(a)} at {nick(h) if is_us(e) else short(h)}"])
        else:
            h, a = e["strHomeTeam"], e["strAwayTeam"]
            nm = rng.choice([f"Sky Sports + {c.slot('Sky+'):02d}: {COMP.get(e['strLeague'], fam)} {short(h)} v {short(a)}",
                             f"{fam} {c.slot(fam):02d}: {short(h) if not is_us(e) else nick(h)} v {short(a) if not is_us(e) else nick(a)}"])
        neg.append(dict(name=nm, group="EVENTS", kind="decoy", style="decoy-otherday"))
        if len([x for x in neg if x["style"] == "decoy-otherday"]) >= 6:
            break
    # one-sided team channels for teams idle on D-2..D+2
    idle = sorted({t for k in (-5, 5, 8) for e in load_day(day + dt.timedelta(days=k))
                   for t in (e["strHomeTeam"], e["strAwayTeam"])} - busy)
    rng.shuffle(idle)
    for t in idle[:3]:
        nm = rng.choice([f"NHL | {t}" if t in CODES["NHL"] else f"{t} TV", f"SPFL: {t.upper()} TV" if profile == "eu" else f"US: {t} Channel",
                         f"{t.upper()} (Team Feed)"])
        neg.append(dict(name=nm, group="TEAM CHANNELS", kind="decoy", style="decoy-onesided"))
    # highlights / replays of D and D-1 fixtures
    prev = events_for(day - dt.timedelta(days=1), zone)
    hl_src = rng.sample(evs, min(3, len(evs))) + rng.sample(prev, min(2, len(prev)))
    for e in hl_src:
        h, a = e["strHomeTeam"], e["strAwayTeam"]
        fam = FAM[e["strLeague"]]
        hn, an = (nick(h), nick(a)) if is_us(e) else (short(h), short(a))
        nm = rng.choice([f"{fam}: {hn} v {an} Hlts", f"{fam} {c.slot(fam):02d}: {an} vs {hn} (Replay)",
                         f"{hn} v {an} - Extended Highlights", f"Full Match Replay: {hn} vs {an}",
                         f"{fam} Condensed: {an} @ {hn}"])
        neg.append(dict(name=nm, group="REPLAYS & HIGHLIGHTS", kind="decoy", style="decoy-highlights"))
    # classic games (pair not playing on D)
    for _fam, nm, pair in rng.sample(CLASSICS, 2):
        if not (pair[0] in on_day and pair[1] in on_day):
            neg.append(dict(name=nm, group="CLASSICS", kind="decoy", style="decoy-classic"))
    # studio shows and press conferences
    for tpl in rng.sample(SHOWS_US if profile == "us" else SHOWS_EU, 4):
        neg.append(dict(name=tpl.format(n=rng.randint(1, 40)), group="EVENTS", kind="decoy", style="decoy-show"))
    # events that are real but absent from the snapshot (college, fight cards, motorsport, other leagues)
    for tpl in rng.sample(OFFSNAP_US if profile == "us" else OFFSNAP_EU, 5):
        neg.append(dict(name=tpl.format(n=rng.randint(1, 30)), group="EVENTS", kind="decoy", style="decoy-offsnapshot"))
    # placeholders: empty slots, sentinel years
    ph_us = ["NBA 07 :", "[NHL-13]", "LIVE EVENT 33 -", "PPV EVENT 30", "UFC 09:", "NCAAB 01", "ESPN+ 77 : NO EVENT",
             "CA (SN+ 026) |  (2098-12-31 08:00:01)", "US (ESPN+ 114) |  (2098-12-31 08:00:01)", "MLB 12 |",
             "NFL | 14 -", "Fubo Sports Network 07 : NO EVENT"]
    ph_eu = ["DAZN 09: NO EVENT", "EPL 06 | ", "UK: SKY SPORTS+ 22", "NO EVENT STREAMING NOW - | 8K EXCLUSIVE | UK: DAZN PPV 60",
             "LIVE EVENT 12", "LALIGA 05:", "Bundesliga 03 -", "CRICKET EVENTS-01", "PPV EVENT 53:",
             "Serie A 07 | (2098-12-31 08:00:01)", "UK: EFL 14 ᴴᴰ", "PT| SPORT TV EVENTO 4"]
    for nm in rng.sample(ph_us if profile == "us" else ph_eu, 7):
        neg.append(dict(name=nm, group="EVENTS", kind="placeholder", style="placeholder"))
    # linear channels
    for nm in rng.sample(LINEAR_US if profile == "us" else LINEAR_EU, 10):
        neg.append(dict(name=nm, group="SPORTS", kind="live", style="live"))
    # VOD
    n_vod = 12
    for nm in rng.sample(VOD_MOVIES, 8):
        neg.append(dict(name=nm, group="VOD | MOVIES", kind="vod", style="vod", path="movie", ext="mkv"))
    for nm in rng.sample(VOD_SERIES, n_vod - 8):
        neg.append(dict(name=nm, group="VOD | SERIES", kind="vod", style="vod", path="series", ext="mp4"))

    # balance: events 40-60% of all entries
    while len(neg) > n_ev * 1.45 and any(x["kind"] in ("live", "vod") for x in neg):
        for kk in ("live", "vod"):
            idx = [i for i, x in enumerate(neg) if x["kind"] == kk]
            if idx and len(neg) > n_ev * 1.45:
                neg.pop(idx[-1])
    allx = entries + neg
    # stable, realistic ordering: linear first, then event groups (shuffled), VOD last
    order = {"live": 0, "vod": 2}
    rng.shuffle(allx)
    allx.sort(key=lambda x: order.get(x["kind"], 1))
    m3u = ["#EXTM3U"]
    labels, expects = [], []
    for i, x in enumerate(allx):
        n = url_base + i
        url = f"{BASE}/{x['path']}/u/p/{n}.{x['ext']}" if x["kind"] == "vod" else f"{BASE}/live/u/p/{n}.ts"
        name = x["name"]
        m3u.append(f'#EXTINF:-1 tvg-id="" tvg-name="{name}" tvg-logo="" group-title="{x["group"]}",{name}')
        m3u.append(url)
        labels.append([url, x["kind"], x.get("event_id", ""), x["style"], name])
        if x["kind"] == "event":
            expects.append([url, "event", x["start"].strftime("%Y-%m-%dT%H:%M:%SZ"), "20", x["keys"],
                            x["event_id"], x["style"], name])
        elif x["style"] != "decoy-offsnapshot":
            expects.append([url, "negative", "", "", "", "", x["style"], name])
    stem = HERE / f"{date_s}-{key}"
    Path(f"{stem}.m3u").write_text("\n".join(m3u) + "\n", encoding="utf-8")
    with open(f"{stem}.labels.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["url", "kind", "event_id", "style", "name"])
        w.writerows(labels)
    with open(f"{stem}.expect.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["url", "kind", "start_utc", "tolerance_min", "title_keys", "event_id", "style", "name"])
        w.writerows(expects)
    return len(allx), n_ev


def main():
    rng = random.Random(SEED)
    usage: dict = {}
    tot = tot_ev = 0
    for i, (d, k, prof) in enumerate(PLAYLISTS):
        n, ne = build(d, k, prof, rng, usage, 200000 + i * 1000)
        tot += n
        tot_ev += ne
        print(f"{d}-{k} ({prof}): {n} entries, {ne} event channels ({ne / n:.0%})")
    print(f"total {tot} entries, {tot_ev} event channels; shapes used: {len(usage)}")
    for s, n in sorted(usage.items()):
        print(f"  {s:<26} {n}")


if __name__ == "__main__":
    main()
