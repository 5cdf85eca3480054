#!/usr/bin/env python3
"""Regenerate the realworld5 measurement set (playlists, labels, expect files).

Standard library only; fixed seed; byte-identical output between runs.
Events come from /work/shared/bench/events/*.json (TheSportsDB shape).
Shapes are documented in SHAPES.md next to this file.
"""

from __future__ import annotations

import csv
import datetime as dt
import glob
import io
import json
import random
import re
from collections import defaultdict
from pathlib import Path
from zoneinfo import ZoneInfo

SEED = 20260705
HERE = Path(__file__).resolve().parent
EVENTS_DIR = Path("/work/shared/bench/events")
UTC = dt.UTC
ET = ZoneInfo("America/New_York")
PT = ZoneInfo("America/Los_Angeles")
LON = ZoneInfo("Europe/London")
SYD = ZoneInfo("Australia/Sydney")

US_LEAGUES = {"NBA", "NHL", "NFL", "MLB"}
MULTI_NICK = {"Red Sox", "White Sox", "Blue Jays", "Maple Leafs", "Red Wings", "Golden Knights",
              "Trail Blazers", "Blue Jackets"}
MLS_CITY = {"Austin": "Austin", "Chicago Fire": "Chicago", "Colorado Rapids": "Colorado",
            "Columbus Crew": "Columbus", "Dallas": "Dallas", "Houston Dynamo": "Houston",
            "LA Galaxy": "LA Galaxy", "Los Angeles": "LAFC", "Minnesota United": "Minnesota",
            "Nashville SC": "Nashville", "Portland Timbers": "Portland", "Real Salt Lake": "Salt Lake",
            "San Diego": "San Diego", "San Jose Earthquakes": "San Jose", "Seattle Sounders": "Seattle",
            "Sporting Kansas City": "Kansas City", "St. Louis City SC": "St. Louis",
            "Vancouver Whitecaps": "Vancouver"}
SOCCER_COMP = {"English Premier League": "Premier League", "English League Championship": "Championship",
               "Spanish La Liga": "LaLiga", "Italian Serie A": "Serie A", "German Bundesliga": "Bundesliga",
               "French Ligue 1": "Ligue 1", "Dutch Eredivisie": "Eredivisie",
               "Portuguese Primeira Liga": "Liga Portugal", "Scottish Premiership": "SPFL",
               "American Major League Soccer": "MLS"}
LANGS = ["English", "Spanish", "French"]
AMBIGUOUS_CITY = {"New York", "Los Angeles", "Chicago", "LA"}


# ---------------------------------------------------------------- events
def load_events():
    seen: dict[str, list[dict]] = defaultdict(list)
    for f in sorted(glob.glob(str(EVENTS_DIR / "*.json"))):
        for e in json.loads(Path(f).read_text(encoding="utf-8"))["events"]:
            seen[e["idEvent"]].append(e)
    out = {}
    for i, lst in seen.items():
        if len({x["strTimestamp"] for x in lst}) != 1:
            continue  # ambiguous ids (same id, different kick-offs) are never used
        e = lst[0]
        if e.get("strPostponed", "no") != "no" or not e.get("strTimestamp"):
            continue
        if not e.get("strHomeTeam") or not e.get("strAwayTeam"):
            continue
        e = dict(e)
        e["start"] = dt.datetime.fromisoformat(e["strTimestamp"]).replace(tzinfo=UTC)
        out[i] = e
    return out


def nick(full: str) -> str:
    for m in MULTI_NICK:
        if full.endswith(m):
            return m
    return full.split()[-1] if " " in full else full


def city(full: str) -> str:
    n = nick(full)
    c = full[: -len(n)].strip()
    return c or full


def is_us(e):
    return e["strLeague"] in US_LEAGUES


def side(e, which, form):
    full = e["strHomeTeam"] if which == "home" else e["strAwayTeam"]
    if form == "nick" and is_us(e):
        return nick(full)
    if form == "city":
        if e["strLeague"] == "American Major League Soccer":
            return MLS_CITY.get(full, full)
        if is_us(e):  # city-only only where the city names one club in the league
            return full if city(full) in AMBIGUOUS_CITY else city(full)
    return full


def title_keys(e):
    if is_us(e):
        return f"{nick(e['strHomeTeam'])}|{nick(e['strAwayTeam'])}"
    return f"{e['strHomeTeam']}|{e['strAwayTeam']}"


# ---------------------------------------------------------------- time helpers
def h12(t: dt.datetime, pad=True, space=True):
    s = t.strftime("%I:%M %p") if space else t.strftime("%I:%M%p")
    return s if pad else s.lstrip("0")


def stamp(t: dt.datetime, sec="00"):
    return t.strftime("%Y-%m-%d %H:%M:") + sec


STOP = {"university", "college", "state", "st", "saint", "of", "the", "fc", "sc", "cf", "club", "athletic"}


def team_code(name: str) -> str:
    """DeepLinks compact_matchup team code (verbatim algorithm: acronym or first 4 letters)."""
    s = re.sub(r"[^A-Za-z0-9\s]", " ", name)
    words = [w for w in s.split() if w.lower() not in STOP] or s.split()
    for w in words:
        if 2 <= len(w) <= 4 and w.isupper():
            return w[:4].upper()
    acro = "".join(w[0] for w in words[:3]).upper()
    if 2 <= len(acro) <= 4:
        return acro
    return words[0][:4].upper()


# ---------------------------------------------------------------- event styles
# each returns (name, group_title); s = per-entry slot number
def st_uk_dazn_stamp(e, s, rng):
    lon = e["start"].astimezone(LON)
    a, h = side(e, "away", "nick"), side(e, "home", "nick")
    body = f"{a} @ {h}" if is_us(e) else f"{h} vs {a}"
    return f"(UK) (Dazn {s:03d}) | {body} ({stamp(lon, '05')})", "UK | DAZN EVENTS"


def st_uk_skyplus_date(e, s, rng):
    lon = e["start"].astimezone(LON)
    if is_us(e):
        body = f"{e['strLeague']}: {e['strAwayTeam']} @ {e['strHomeTeam']}"
    else:
        body = f"{SOCCER_COMP.get(e['strLeague'], e['strLeague'])}: {e['strHomeTeam']} v {e['strAwayTeam']}"
    return f"(UK) (Sky+ {s:02d}) | {body} ({lon:%Y-%m-%d})", "UK | Sky Sports+"


def st_us_peacock_nick_stamp(e, s, rng):
    et = e["start"].astimezone(ET)
    a, h = side(e, "away", "nick"), side(e, "home", "nick")
    body = f"{a} vs. {h}" if is_us(e) else f"{h} vs. {a}"
    return f"US (Peacock {s:03d}) | {body} ({stamp(et, '05')})", "US | PEACOCK"


def st_ca_tsnplus_on_tsn(e, s, rng):
    et = e["start"].astimezone(ET)
    lg = e["strLeague"] if is_us(e) else SOCCER_COMP.get(e["strLeague"], e["strLeague"])
    a, h = side(e, "away", "nick"), side(e, "home", "nick")
    body = f"{a} vs. {h}" if is_us(e) else f"{h} vs. {a}"
    return f"CA (TSN+ {s:03d}) | {lg} on TSN+: {body} ({et:%Y-%m-%d %H:%M})", "CA | TSN+"


def st_md_dash_time_tz_pipe(e, s, rng):
    et = e["start"].astimezone(ET)
    t = h12(et, pad=False)
    return (f"{et.month}/{et.day:02d} - {t} {et.strftime('%Z')} | {e['strAwayTeam']} at {e['strHomeTeam']}",
            f"USA | {e['strLeague']} Backup")


def st_dblspace_vs_at_time(e, s, rng):
    et = e["start"].astimezone(ET)
    fam = "NFL Game Pass" if e["strLeague"] == "NFL" else e["strLeague"]
    return (f"{fam} {s:02d}: {e['strAwayTeam']}  vs  {e['strHomeTeam']} @ {h12(et)} ET",
            f"{fam} \U0001F3C8" if e["strLeague"] == "NFL" else f"{fam} Games")


def st_pipe_dash_glued_time(e, s, rng):
    et = e["start"].astimezone(ET)
    return (f"{e['strLeague']}  | {s:02d} -{h12(et, pad=False, space=False)} "
            f"{side(e, 'away', 'nick')} at {side(e, 'home', 'nick')}", f"Sports | {e['strLeague']} (L)")


def st_comma_language(e, s, rng, lang=None):
    a, h = side(e, "away", "nick"), side(e, "home", "nick")
    lang = lang or rng.choice(LANGS)
    return f"{e['strLeague']} {s:02d}: {a} vs {h}, {lang}", e["strLeague"]


def st_fam_pipe_feedword_dayfirst(e, s, rng, feed=None):
    et = e["start"].astimezone(ET)
    feed = feed or rng.choice(["AWAY", "HOME"])
    return (f"{e['strLeague']} {s:02d} | {e['strAwayTeam']} at {e['strHomeTeam']} {feed} "
            f"{et:%d %b} {h12(et)} ET", f"{e['strLeague']} | Team Feeds")


def st_snplus_full_at(e, s, rng):
    et = e["start"].astimezone(ET)
    return (f"Sportsnet+ {s:02d}: {e['strAwayTeam']} @ {e['strHomeTeam']} "
            f"{et:%b} {et.day} {h12(et, pad=False, space=False)} ET", "CA | Sportsnet+")


def st_snplus_city_at(e, s, rng):
    et = e["start"].astimezone(ET)
    return (f"Sportsnet+ {s:02d}: {side(e, 'away', 'city')} @ {side(e, 'home', 'city')} "
            f"{et:%b} {et.day} {h12(et, pad=False, space=False)} ET", "CA | Sportsnet+")


def st_tsnplus_league_on_tsn_city(e, s, rng):
    et = e["start"].astimezone(ET)
    lg = e["strLeague"] if is_us(e) else SOCCER_COMP.get(e["strLeague"], e["strLeague"])
    if is_us(e):
        body = f"{side(e, 'away', 'city')} vs. {side(e, 'home', 'city')}"
    else:
        body = f"{side(e, 'home', 'city')} vs. {side(e, 'away', 'city')}"
    return f"TSN+ {s:02d}: {lg} on TSN+: {body} @ {et.day} {et:%b} {h12(et)} ET", "CA | TSN+"


def st_espn_unltd_date_only(e, s, rng):
    et = e["start"].astimezone(ET)
    body = (f"{e['strAwayTeam']} at {e['strHomeTeam']}" if is_us(e)
            else f"{e['strHomeTeam']} vs. {e['strAwayTeam']}")
    return f"ESPN UNLTD {s:03d}: {body} ({et:%m.%d})", "US | ESPN Unlimited"


def st_espn_unltd_sport_dot(e, s, rng):
    et = e["start"].astimezone(ET)
    sport = {"Ice Hockey": "Hockey", "American Football": "Football"}.get(e["strSport"], e["strSport"])
    body = (f"{e['strAwayTeam']} vs. {e['strHomeTeam']}" if is_us(e)
            else f"{e['strHomeTeam']} vs. {e['strAwayTeam']}")
    return f"ESPN UNLTD {s:03d}: {sport}: {body} ({et:%m.%d} {h12(et)} ET)", "US | ESPN Unlimited"


def st_apple_mls_paren(e, s, rng):
    et = e["start"].astimezone(ET) - dt.timedelta(minutes=5)
    return (f"(Apple) (MLS) {s:03d} |  {side(e, 'home', 'city')} vs. {side(e, 'away', 'city')}  "
            f"({stamp(et)})", "MLS Season Pass")


def st_nhl_pipe_noslot_iso(e, s, rng):
    et = e["start"].astimezone(ET)
    return f"{e['strLeague']} | {e['strAwayTeam']} @ {e['strHomeTeam']} ({stamp(et)})", e["strLeague"]


def st_paren_fam_slot_iso(e, s, rng):
    et = e["start"].astimezone(ET)
    grp = "MLB / MiLB" if e["strLeague"] == "MLB" else e["strLeague"]
    return f"({e['strLeague']} {s:02d}) | {e['strAwayTeam']} @ {e['strHomeTeam']} ({stamp(et)})", grp


def st_compact_codes(e, s, rng):
    if is_us(e):
        n = f"{team_code(e['strAwayTeam'])}@{team_code(e['strHomeTeam'])}"
    else:
        n = f"{team_code(e['strHomeTeam'])}-{team_code(e['strAwayTeam'])}"
    return n[:8], "ESPN+"


def st_maxusa_spaced_dayfirst(e, s, rng):
    et = e["start"].astimezone(ET)
    body = (f"{e['strAwayTeam']} vs. {e['strHomeTeam']}" if is_us(e)
            else f"{e['strHomeTeam']} vs. {e['strAwayTeam']}")
    return f"MAX USA {s:02d} : {body} @ {et:%d %b} {h12(et)} ET", "US | HBO MAX"


def st_espn_dot_et_slash_pt(e, s, rng):
    et, pt = e["start"].astimezone(ET), e["start"].astimezone(PT)

    def hr(t):
        return t.strftime("%I%p").lstrip("0") if t.minute == 0 else t.strftime("%I:%M%p").lstrip("0")
    a, h = side(e, "away", "nick"), side(e, "home", "nick")
    body = f"{a} vs. {h}" if is_us(e) else f"{e['strHomeTeam']} vs. {e['strAwayTeam']}"
    return f"ESPN+ {s:02d}: {body} ({et:%m.%d} {hr(et)} ET/{hr(pt)} PT)", "US | ESPN+"


def st_fam_colon_nick_at_dayfirst(e, s, rng):
    et = e["start"].astimezone(ET)
    return (f"{e['strLeague']} {s:02d}: {side(e, 'away', 'nick')} at {side(e, 'home', 'nick')} "
            f"{et:%d %b} {h12(et)} ET", f"{e['strLeague']} | Games")


def st_au_stan_stamp(e, s, rng):
    syd = e["start"].astimezone(SYD)
    body = (f"{e['strAwayTeam']} @ {e['strHomeTeam']}" if is_us(e)
            else f"{e['strHomeTeam']} v {e['strAwayTeam']}")
    return f"AU (STAN {s:02d}) | {body} ({stamp(syd)})", "AU | Stan Sport"


def st_kayo_au_dayfirst(e, s, rng):
    syd = e["start"].astimezone(SYD)
    a, h = side(e, "away", "nick"), side(e, "home", "nick")
    body = f"{a} @ {h}" if is_us(e) else f"{e['strHomeTeam']} v {e['strAwayTeam']}"
    return f"Kayo AU {s:02d}: {body} @ {syd.day} {syd:%b} {h12(syd)} {syd.strftime('%Z')}", "AU | Kayo"


STYLES = {f.__name__[3:]: f for f in [
    st_uk_dazn_stamp, st_uk_skyplus_date, st_us_peacock_nick_stamp, st_ca_tsnplus_on_tsn,
    st_md_dash_time_tz_pipe, st_dblspace_vs_at_time, st_pipe_dash_glued_time, st_comma_language,
    st_fam_pipe_feedword_dayfirst, st_snplus_full_at, st_snplus_city_at, st_tsnplus_league_on_tsn_city,
    st_espn_unltd_date_only, st_espn_unltd_sport_dot, st_apple_mls_paren, st_nhl_pipe_noslot_iso,
    st_paren_fam_slot_iso, st_compact_codes, st_maxusa_spaced_dayfirst, st_espn_dot_et_slash_pt,
    st_fam_colon_nick_at_dayfirst, st_au_stan_stamp, st_kayo_au_dayfirst]}

# which styles fit which leagues (None = any)
FITS = {
    "dblspace_vs_at_time": US_LEAGUES, "pipe_dash_glued_time": US_LEAGUES, "comma_language": US_LEAGUES,
    "fam_pipe_feedword_dayfirst": US_LEAGUES, "snplus_full_at": US_LEAGUES, "snplus_city_at": {"MLB", "NHL"},
    "md_dash_time_tz_pipe": US_LEAGUES, "apple_mls_paren": {"American Major League Soccer"},
    "nhl_pipe_noslot_iso": {"NHL", "NBA", "MLB"}, "paren_fam_slot_iso": {"NHL", "NBA", "MLB"},
    "fam_colon_nick_at_dayfirst": US_LEAGUES,
}

# ---------------------------------------------------------------- providers
PLAYLISTS = [
    # date, k, zone, styles (weighted list), n_events target
    ("2025-11-30", 1, "America/New_York",
     ["us_peacock_nick_stamp", "ca_tsnplus_on_tsn", "md_dash_time_tz_pipe", "dblspace_vs_at_time",
      "pipe_dash_glued_time", "comma_language", "espn_unltd_sport_dot"]),
    ("2025-12-14", 2, "Europe/London",
     ["uk_dazn_stamp", "uk_skyplus_date", "espn_unltd_sport_dot", "compact_codes", "maxusa_spaced_dayfirst"]),
    ("2026-02-22", 3, "Australia/Sydney",
     ["au_stan_stamp", "kayo_au_dayfirst", "espn_dot_et_slash_pt", "compact_codes", "uk_dazn_stamp"]),
    ("2025-09-27", 4, "America/Toronto",
     ["snplus_full_at", "snplus_city_at", "tsnplus_league_on_tsn_city", "fam_pipe_feedword_dayfirst",
      "espn_unltd_date_only", "apple_mls_paren", "dblspace_vs_at_time"]),
    ("2026-03-01", 5, "Europe/London",
     ["uk_dazn_stamp", "uk_skyplus_date", "paren_fam_slot_iso", "nhl_pipe_noslot_iso",
      "maxusa_spaced_dayfirst"]),
    ("2025-12-28", 6, "America/New_York",
     ["fam_colon_nick_at_dayfirst", "paren_fam_slot_iso", "nhl_pipe_noslot_iso", "us_peacock_nick_stamp",
      "md_dash_time_tz_pipe", "comma_language", "espn_dot_et_slash_pt"]),
]

PLACEHOLDERS = ["TSN+ {s:02d}: NO EVENT", "(PDC {s}) |  (2098-12-31 08:00:17)", "NFL {s:02d}: 1PM",
                "TSN+ {s:02d} :", "AFL TV 00", "(Fanatiz {s:03d})", "NFL | {s:02d} - TBD",
                "(UK) (Dazn {s:03d}) |  (2098-12-31 08:00:05)", "AU (STAN {s:02d}) |", "Sportsnet+ {s:02d}:"]
LIVE = ["US-S: NBC SPORTS PHILLY", "F1-TV FHD", "MLB Network HD", "YES Network FHD", "UK - TNT SPORTS",
        "UK - HUB PREMIER", "AU: FOX FOOTY HD", "AU: KAYO SPORTS 1", "CA: TSN 1 HD", "CA: SPORTSNET ONE",
        "SE: V SPORT PREMIUM", "SE: TV4 FOTBOLL", "TR: S SPORT", "beIN SPORTS 1 AU", "Optus Sport 1",
        "NZ: SKY SPORT 1", "DAZN 1 UK", "ESPN2 USA", "NHL Network HD", "NBA TV FHD"]
OFFSNAP = [
    ("NCAAB {s:02d}: Maryland vs 8 Alabama @ {mon} {d} 11:59 PM ET", "NCAAB"),
    ("ESPN UNLTD {s:03d}: Volleyball: Alabama vs. #8 Texas ({mm}.{dd} 01:00 PM ET)", "US | ESPN Unlimited"),
    ("US (MiLB {s:03d}) | Lehigh Valley IronPigs @ Norfolk Tides ({y}-{mm}-{dd} 13:05:00)", "MLB / MiLB"),
    ("(UK) (Dazn {s:03d}) | Chess.com Open ({y}-{mm}-{dd} 16:00:00)", "UK | DAZN EVENTS"),
    ("Dirtvision {s:02d}: {m}.{dd}.{yy} | BAPS Motor Speedway", "RACING"),
    ("PPV {s}: UFC 300, Pereira vs Hill", "PPV"),
    ("EVENT {s:02d}: PRE SHOW UFC Freedom 250 ({m}.{dd} 6:00 PM ET)", "PPV"),
    ("Kayo AU {s:02d}: Brisbane Broncos v Melbourne Storm @ {d} {mon} 07:50 PM AEDT", "AU | Kayo"),
    ("AU (STAN {s:02d}) | Wallabies v All Blacks ({y}-{mm}-{dd} 19:45:00)", "AU | Stan Sport"),
    ("TSN+ {s:02d}: CFL on TSN+: Calgary vs. Saskatchewan @ {d} {mon} 09:00 PM ET", "CA | TSN+"),
    ("Sportsnet+ {s:02d}: Team Canada vs. Team USA {mon} {d} 7:00PM ET", "CA | Sportsnet+"),
    ("NCAAF {s:02d}: Ohio State at Michigan @ {d} {mon} 12:00 PM ET", "NCAAF"),
]
VOD_MOVIES = ["Miracle (2004)", "Moneyball (2011)", "Goon (2011)", "Slap Shot (1977)", "The Blind Side (2009)",
              "Ford v Ferrari (2019)", "Creed III (2023)", "Remember the Titans (2000)", "Concussion (2015)",
              "Rush (2013)", "Invictus (2009)", "The Damned United (2009)"]
VOD_SERIES = ["Drive to Survive S07E03", "Quarterback S02E05", "Hard Knocks S20E04", "Sunderland 'Til I Die S03E02",
              "All or Nothing: Arsenal S01E06", "Welcome to Wrexham S04E07", "Full Swing S03E01",
              "Starting 5 S02E04"]
SHOWS = ["ESPN+ {s:02d}: {dow}, {m}/{d} - The Rich Eisen Show", "ESPN+ {s:02d}: {dow}, {m}/{d} - NHL Tonight",
         "(UK) (Sky+ {s:02d}) | Soccer Saturday ({y}-{mm}-{dd})", "TSN+ {s:02d}: That's Hockey @ {d} {mon} 06:00 PM ET",
         "AU (STAN {s:02d}) | Stan Sport Football Show ({y}-{mm}-{dd} 18:00:00)",
         "Sportsnet+ {s:02d}: Hockey Central {mon} {d} 6:00PM ET"]


# ---------------------------------------------------------------- helpers
def local_date(e, tz):
    return e["start"].astimezone(tz).date()


def fmt_date_fields(day: dt.date):
    return dict(mon=day.strftime("%b"), d=day.day, mm=f"{day.month:02d}", dd=f"{day.day:02d}", m=day.month,
                y=day.year, yy=day.strftime("%y"), dow=day.strftime("%a"))


def build(date_s, k, zone, styles, events):
    rng = random.Random(f"{SEED}-{date_s}-p{k}")
    tz = ZoneInfo(zone)
    day = dt.date.fromisoformat(date_s)
    todays = sorted([e for e in events.values() if local_date(e, tz) == day],
                    key=lambda e: (e["start"], e["idEvent"]))
    playing = defaultdict(set)  # team -> local dates
    for e in events.values():
        ld = local_date(e, tz)
        playing[e["strHomeTeam"]].add(ld)
        playing[e["strAwayTeam"]].add(ld)

    def idle(team, days):
        return not any(day + dt.timedelta(days=x) in playing[team] for x in days)

    def fits(style, e):
        f = FITS.get(style)
        return f is None or e["strLeague"] in f

    entries = []  # dicts: name, group, kind, event_id, style, start, keys
    slot = defaultdict(int)

    def next_slot(style):
        slot[style] += 1
        return slot[style] + (10 if style.startswith(("uk_", "us_", "ca_", "espn")) else 0)

    rng.shuffle(todays)
    must = []
    for st in styles:
        if st in FITS and FITS[st] != US_LEAGUES:
            must += [e for e in todays if fits(st, e) and e not in must][:3]
    chosen = must + [e for e in todays if e not in must][: 34 - len(must)]
    chosen.sort(key=lambda e: (e["start"], e["idEvent"]))
    n_event_entries = 0
    style_use: dict[str, int] = defaultdict(int)
    for i, e in enumerate(chosen):
        ok = [s for s in styles if fits(s, e)]
        if not ok:
            continue
        copies = 2 if i % 3 == 0 and len(ok) > 1 else 1
        keyed = sorted((style_use[s], rng.random(), s) for s in ok)
        for _, _, st in keyed[:copies]:
            style_use[st] += 1
            name, grp = STYLES[st](e, next_slot(st), rng)
            entries.append(dict(name=name, group=grp, kind="event", event_id=e["idEvent"], style=st,
                                start=e["start"], keys=title_keys(e)))
            n_event_entries += 1
        if e["strLeague"] == "NBA" and "comma_language" in ok and i % 4 == 1:
            # language pair: the same game in a second language on the next slot
            name, grp = st_comma_language(e, next_slot("comma_language"), rng, lang="Spanish")
            entries.append(dict(name=name, group=grp, kind="event", event_id=e["idEvent"],
                                style="comma_language", start=e["start"], keys=title_keys(e)))
            n_event_entries += 1
        if n_event_entries >= 52:
            break
    for e in chosen:  # small slates: a second copy in another shape, as providers do
        if n_event_entries >= 46:
            break
        have = {x["style"] for x in entries if x["event_id"] == e["idEvent"]}
        ok = [s for s in styles if fits(s, e) and s not in have]
        if ok:
            st = rng.choice(ok)
            name, grp = STYLES[st](e, next_slot(st), rng)
            entries.append(dict(name=name, group=grp, kind="event", event_id=e["idEvent"], style=st,
                                start=e["start"], keys=title_keys(e)))
            n_event_entries += 1

    # other-day fixtures in the same shapes (teams idle D-1..D+1)
    other = []
    for window in ((-1, 0, 1), (0,)):
        other = [e for e in events.values()
                 if 3 <= abs((local_date(e, tz) - day).days) <= 9
                 and idle(e["strHomeTeam"], window) and idle(e["strAwayTeam"], window)
                 and any(fits(s, e) for s in styles)]
        if len(other) >= 8:
            break
    other.sort(key=lambda e: (e["start"], e["idEvent"]))
    for e in rng.sample(other, min(8, len(other))):
        st = rng.choice([s for s in styles if fits(s, e)])
        name, grp = STYLES[st](e, next_slot(st), rng)
        entries.append(dict(name=name, group=grp, kind="decoy-otherday", event_id="", style=st,
                            start=None, keys=""))
    # highlights / replays of yesterday's games whose teams are idle today
    prev = [e for e in events.values() if local_date(e, tz) == day - dt.timedelta(days=1)
            and idle(e["strHomeTeam"], (0,)) and idle(e["strAwayTeam"], (0,))]
    prev.sort(key=lambda e: (e["start"], e["idEvent"]))
    for e in rng.sample(prev, min(5, len(prev))):
        a, h = side(e, "away", "nick"), side(e, "home", "nick")
        body = f"{a} @ {h}" if is_us(e) else f"{e['strHomeTeam']} v {e['strAwayTeam']}"
        tmpl = rng.choice(["(UK) (Dazn {s:03d}) | Highlights: {b} ({ts})", "ESPN+ {s:02d}: Replay - {b}",
                           "AU (STAN {s:02d}) | Extended Highlights: {b} ({ts})"])
        ts = stamp(dt.datetime.combine(day, dt.time(9, 0)), "00")
        entries.append(dict(name=tmpl.format(s=next_slot("hl"), b=body, ts=ts), group="Replays & Highlights",
                            kind="decoy-highlights", event_id="", style="highlights", start=None, keys=""))
    # shows: studio, pre-game and press conference of today's games
    f = fmt_date_fields(day)
    for tmpl in rng.sample(SHOWS, 3):
        entries.append(dict(name=tmpl.format(s=next_slot("show"), **f), group="Studio Shows", kind="decoy-show",
                            event_id="", style="show", start=None, keys=""))
    for e in [x for x in chosen if is_us(x)][:2]:
        a, h = side(e, "away", "nick"), side(e, "home", "nick")
        entries.append(dict(name=f"Pre-Game: {a} at {h}", group="Pre/Post Game", kind="decoy-show",
                            event_id="", style="pregame", start=None, keys=""))
        end = e["start"].astimezone(ET) + dt.timedelta(hours=3, minutes=10)
        entries.append(dict(name=f"(US) (BTN+ {next_slot('pc'):03d}) | {e['strAwayTeam']} at {e['strHomeTeam']} "
                                 f"Postgame Press Conference ({stamp(end, '05')})", group="Pre/Post Game",
                            kind="decoy-show", event_id="", style="presser", start=None, keys=""))
    # team-only channels of teams idle today
    teams = sorted({t for e in events.values() if is_us(e) for t in (e["strHomeTeam"], e["strAwayTeam"])
                    if idle(t, (0,))})
    for t in rng.sample(teams, min(5, len(teams))):
        lg = next(e["strLeague"] for e in events.values() if t in (e["strHomeTeam"], e["strAwayTeam"]))
        entries.append(dict(name=rng.choice([f"{lg} {t}", f"{lg} | {t}"]), group=f"{lg} Team Channels",
                            kind="decoy-onesided", event_id="", style="team_channel", start=None, keys=""))
    for tmpl in rng.sample(PLACEHOLDERS, 6):
        entries.append(dict(name=tmpl.format(s=next_slot("ph")), group="Events (Offline)", kind="placeholder",
                            event_id="", style="placeholder", start=None, keys=""))
    for tmpl, grp in rng.sample(OFFSNAP, 6):
        entries.append(dict(name=tmpl.format(s=next_slot("off"), **f), group=grp, kind="decoy-offsnapshot",
                            event_id="", style="offsnapshot", start=None, keys=""))
    for nm in rng.sample(LIVE, 8):
        entries.append(dict(name=nm, group="24/7 Sports", kind="live", event_id="", style="live", start=None,
                            keys=""))
    # VOD up to ~100 entries
    vod_n = max(4, 100 - len(entries))
    pool = [("movie", m) for m in VOD_MOVIES] + [("series", s) for s in VOD_SERIES]
    for kind, nm in rng.sample(pool, min(vod_n, len(pool))):
        entries.append(dict(name=nm, group="VOD | Sports Movies" if kind == "movie" else "VOD | Sports Series",
                            kind="vod", event_id="", style=f"vod-{kind}", start=None, keys="", vod=kind))
    # order: events in kick-off order with negatives interleaved deterministically
    ev = [x for x in entries if x["kind"] == "event"]
    rest = [x for x in entries if x["kind"] != "event"]
    rng.shuffle(rest)
    out = []
    while ev or rest:
        if ev and (not rest or rng.random() < len(ev) / (len(ev) + len(rest))):
            out.append(ev.pop(0))
        else:
            out.append(rest.pop(0))
    base = int(date_s.replace("-", "")) * 1000
    for n, x in enumerate(out, 1):
        if x.get("vod") == "movie":
            x["url"] = f"http://prov5.example/movie/u/p/{base + n}.mp4"
        elif x.get("vod") == "series":
            x["url"] = f"http://prov5.example/series/u/p/{base + n}.mkv"
        else:
            x["url"] = f"http://prov5.example/live/u/p/{base + n}.ts"
    return out


def write(date_s, k, entries):
    stem = HERE / f"{date_s}-p{k}"
    lines = ["#EXTM3U"]
    for x in entries:
        nm = x["name"].replace('"', "'")
        lines.append(f'#EXTINF:-1 tvg-id="" tvg-name="{nm}" tvg-logo="" group-title="{x["group"]}",{x["name"]}')
        lines.append(x["url"])
    Path(f"{stem}.m3u").write_text("\n".join(lines) + "\n", encoding="utf-8")

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["url", "kind", "event_id", "style", "name"])
    for x in entries:
        w.writerow([x["url"], x["kind"], x["event_id"], x["style"], x["name"]])
    Path(f"{stem}.labels.csv").write_text(buf.getvalue(), encoding="utf-8")

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["url", "kind", "start_utc", "tolerance_min", "title_keys", "event_id", "style", "name"])
    for x in entries:
        if x["kind"] == "decoy-offsnapshot":
            continue
        if x["kind"] == "event":
            w.writerow([x["url"], "event", x["start"].strftime("%Y-%m-%dT%H:%M:%SZ"), 20, x["keys"],
                        x["event_id"], x["style"], x["name"]])
        else:
            w.writerow([x["url"], "negative", "", 20, "", "", x["style"], x["name"]])
    Path(f"{stem}.expect.csv").write_text(buf.getvalue(), encoding="utf-8")


def main():
    events = load_events()
    used_styles = set()
    urls = set()
    for date_s, k, zone, styles in PLAYLISTS:
        entries = build(date_s, k, zone, styles, events)
        for x in entries:
            assert x["url"] not in urls, x["url"]
            urls.add(x["url"])
            if x["kind"] == "event":
                used_styles.add(x["style"])
                e = events[x["event_id"]]
                assert local_date(e, ZoneInfo(zone)).isoformat() == date_s
        write(date_s, k, entries)
        kinds = defaultdict(int)
        for x in entries:
            kinds[x["kind"]] += 1
        print(f"{date_s}-p{k} ({zone}): {len(entries)} entries, "
              f"{len({x['event_id'] for x in entries if x['event_id']})} events, {dict(sorted(kinds.items()))}")
    missing = set(STYLES) - used_styles
    assert not missing, missing


if __name__ == "__main__":
    main()
