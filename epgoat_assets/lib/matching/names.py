"""Read an event channel's display name: family and slot, the two sides, league hint, time and date.

Providers write the same facts in many shapes (see docs/field-notes.md). The parser masks the parts
it understands (stamps, dates, times, zones, decorations) before it splits the rest into two sides,
because a date after `@` or a time between the teams would otherwise be read as a team separator.
Nothing here knows any team: it only cuts text. Team knowledge lives in `teams.py`.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from functools import lru_cache
from typing import Literal
from zoneinfo import ZoneInfo

from epgoat_assets.lib.text import COMPACT_PAIR, MONTH_NAMES, VERSUS_WORDS, fix_text

DateOrder = Literal["mdy", "dmy", "auto"]


class NameParseError(ValueError):
    """A parser argument is invalid (bad zone name, bad date order)."""


@dataclass(frozen=True, slots=True)
class ParsedName:
    raw: str
    family: str | None = None
    slot: int | None = None
    side_a: str | None = None
    side_b: str | None = None
    separator: str | None = None
    start_utc: datetime | None = None  # aware UTC; None when the name states no time
    time_trusted: bool = False  # True only when the name itself states the zone (or a UTC stamp)
    date: date | None = None  # the calendar date the name states, if any
    date_explicit: bool = False
    league_hint: str | None = None  # free text that looked like a league label (`Dutch Eredivisie`)
    replay: bool = False
    highlights: bool = False
    placeholder: bool = False
    studio: bool = False  # press conferences, pre/post-game and countdown shows: not the game
    local_hour: int | None = None  # hour of the start in the provider's zone (small-hours rule)
    rest: str = ""  # the cleaned remainder the sides were cut from
    # Other readings of the sides when the text allows several (`EFL Championship – Derby County –
    # Queens Park Rangers – Sat 25 Oct`: the league, not the first dash part, may lead).
    alt_sides: tuple[tuple[str, str], ...] = ()
    # The other reading of a stated time without a date (see `_extract_when`), or None.
    alt_start_utc: datetime | None = None
    stop_utc: datetime | None = None  # a `stop:` stamp's instant (read as UTC, like `start:`)
    flags: tuple[str, ...] = field(default=())

    @property
    def sides(self) -> tuple[str, ...]:
        return tuple(s for s in (self.side_a, self.side_b) if s)


# --- zones -------------------------------------------------------------------------------------

_ZONES: dict[str, str | int] = {
    # US zones follow daylight saving: a provider writing "ET" in July means EDT.
    "ET": "America/New_York", "EST": "America/New_York", "EDT": "America/New_York",
    "EASTERN": "America/New_York",
    "CT": "America/Chicago", "CST": "America/Chicago", "CDT": "America/Chicago",
    "MT": "America/Denver", "MST": "America/Denver", "MDT": "America/Denver",
    "PT": "America/Los_Angeles", "PST": "America/Los_Angeles", "PDT": "America/Los_Angeles",
    "UK": "Europe/London", "BST": "Europe/London", "GMT": 0, "UTC": 0, "Z": 0,
    "CET": "Europe/Paris", "CEST": "Europe/Paris", "WET": "Europe/Lisbon", "WEST": "Europe/Lisbon",
    "EET": "Europe/Athens", "EEST": "Europe/Athens", "AEST": "Australia/Sydney",
    "AEDT": "Australia/Sydney", "AWST": "Australia/Perth", "MEZ": "Europe/Berlin",
    "MESZ": "Europe/Berlin", "BRT": "America/Sao_Paulo", "HST": "Pacific/Honolulu",
    "AKST": "America/Anchorage", "AKDT": "America/Anchorage", "NZST": "Pacific/Auckland",
    "NZDT": "Pacific/Auckland", "SAST": "Africa/Johannesburg", "JST": "Asia/Tokyo",
    "KST": "Asia/Seoul", "MSK": "Europe/Moscow",
    # Zones written as words or as the city whose clock they follow (`12:00 PM Central`,
    # `18:00 New York`, `20:00 London`).
    "EASTERN TIME": "America/New_York", "CENTRAL": "America/Chicago",
    "CENTRAL TIME": "America/Chicago", "MOUNTAIN": "America/Denver",
    "MOUNTAIN TIME": "America/Denver", "PACIFIC": "America/Los_Angeles",
    "PACIFIC TIME": "America/Los_Angeles", "UK TIME": "Europe/London",
    "NEW YORK": "America/New_York", "NY": "America/New_York", "TORONTO": "America/Toronto",
    "CHICAGO": "America/Chicago", "DENVER": "America/Denver", "LOS ANGELES": "America/Los_Angeles",
    "LONDON": "Europe/London", "DUBLIN": "Europe/Dublin", "LISBON": "Europe/Lisbon",
    "LISBOA": "Europe/Lisbon",
    "PARIS": "Europe/Paris", "MADRID": "Europe/Madrid", "BERLIN": "Europe/Berlin",
    "ROME": "Europe/Rome", "AMSTERDAM": "Europe/Amsterdam", "SYDNEY": "Australia/Sydney",
    "MELBOURNE": "Australia/Melbourne", "MEXICO CITY": "America/Mexico_City",
}
# Zones that are also English words or team cities (`12:30 West Bromwich`, `7:00 PM New York
# Rangers`): a zone only when no word follows.
_WORD_ZONES = ("EASTERN", "WEST", "WET", "CENTRAL", "MOUNTAIN", "PACIFIC", "NEW YORK", "NY",
               "TORONTO", "CHICAGO", "DENVER", "LOS ANGELES", "LONDON", "DUBLIN", "LISBON", "LISBOA", "PARIS",
               "MADRID", "BERLIN", "ROME", "AMSTERDAM", "SYDNEY", "MELBOURNE", "MEXICO CITY")
_ZONE_ALT = "|".join(
    z.replace(" ", r"\s+") + ("" if z not in _WORD_ZONES else r"(?=\s*(?:$|[^\w\s]))")
    for z in sorted(_ZONES, key=len, reverse=True))
_OFFSET = r"(?:UTC|GMT)?\s?[+-]\d{1,2}(?::?\d{2})?"


def _zone(token: str | None) -> tzinfo | None:
    if not token:
        return None
    token = " ".join(token.split()).upper()
    m = re.fullmatch(r"(?:UTC|GMT)?\s?([+-])(\d{1,2})(?::?(\d{2}))?", token)
    if m:
        sign = -1 if m.group(1) == "-" else 1
        return timezone(sign * timedelta(hours=int(m.group(2)), minutes=int(m.group(3) or 0)))
    val = _ZONES.get(token)
    if val is None:
        return None
    if isinstance(val, int):
        return UTC
    return ZoneInfo(val)


def zone_info(name: str) -> tzinfo:
    """An IANA zone name or a short zone (`ET`, `UK`) as tzinfo, or a one-line error."""
    z = _zone(name)
    if z is not None:
        return z
    try:
        return ZoneInfo(name)
    except (KeyError, ValueError) as exc:
        raise NameParseError(f"unknown time zone {name!r}") from exc


# --- text clean-up -------------------------------------------------------------------------------

_JUNK_PARENS = re.compile(
    r"[\[(][^\])]*?(?:backup|english|spanish|french|german|portuguese|espa[nñ]ol|alt(?:ernate)?|"
    r"feed|in-arena|available|region|blackout|multi|audio|commentary|\d{3,4}p|[fu]?hd|sd|4k|uhd|"
    r"home|away|national|local|mobile|raw|no commentary)[^\])]*[\])]",
    re.I,
)
_JUNK_WORDS = re.compile(
    r"(?<![\w'])(?:f?hd|uhd|sd|4k|8k|hevc|h\.?265|\d{3,4}p|50fps|60fps|hdr|raw|backup|live|"
    r"en vivo|en direct|"
    # a kick-off not yet fixed (`Chiefs vs Broncos TBD`) and German `15.30 Uhr` (o'clock)
    r"tbd|tba|tbc|uhr)(?![\w'])",
    re.I,
)
_CODE_PARENS = re.compile(r"\(\s*[A-Z]{2,4}\s*\)")
# A scraper's source tag closing the name (`(EMBEDHD)`, `(STRMCNTR)`, `(LTVSX)`).
_SOURCE_TAG = re.compile(r"\(\s*[A-Z][A-Z0-9+]{1,11}\s*\)\s*$")
# A label in brackets in front with no slot number (`[Football - USA. MLS] LAFC – Real Salt Lake`).
_BRACKET_LABEL = re.compile(r"^\s*\[\s*([^\[\]\d]{2,60}?)\s*\]\s*(?=\S)")
# Other remarks in brackets (`(Boxing Day)`, `(Christmas Day)`, `(Rockets In-Arena)`): two or more
# words, no digit and no team separator inside. A side is never written in brackets of its own.
_REMARK_PARENS = re.compile(r"\((?![^()]*\b(?:vs?|at|x)\b)[^()\d@]*[^\W\d_][^()\d@]*\s+[^()\d@]*[^\W\d_][^()\d@]*\)",
                            re.I)  # `76ers (PHI)`: the nickname already says it
_RANK = re.compile(r"(?<![\w#])#\s?\d{1,2}\b|\(\s*\d{1,2}\s*\)|\bNo\.\s?\d{1,2}\b")
# A national-broadcast marker written in capitals after a side (`Cleveland Guardians NATIONAL @ 3 Oct`).
# A side that is nothing but a word `_JUNK_WORDS` would drop: `SD @ CWS` is San Diego at the White
# Sox, not a standard-definition feed of one team.
_SEP_AFTER = re.compile(r"(?:@|(?:vs?|at|x)\b\.?)\s*[^\W_]", re.I)
_SEP_BEFORE = re.compile(r"(?:@|(?<![\w'])(?:vs?\.?|at|x))$", re.I)


def _junk_or_side(text: str, m: re.Match[str]) -> str:
    before, after = text[: m.start()].rstrip(), text[m.end():].lstrip()
    edge_before = not before or before[-1] in "|:-–—([" or before.endswith(MARK)
    edge_after = not after or after[0] in "|)]-–—" or after.startswith(MARK)
    if (edge_before and _SEP_AFTER.match(after)) or (edge_after and _SEP_BEFORE.search(before)):
        return m.group(0)
    return " "


_FEED_WORD = re.compile(r"\b(?:NATIONAL|REGIONAL|LOCAL|ALT(?:ERNATE)?)\b")
# A family and slot in brackets in front (`[PPV-4] ALVAREZ VS SEALS`, `[NHL-10] SABRES @ PREDATORS`).
_BRACKET_FAMILY = re.compile(r"^\s*\[\s*(?P<family>[^\W\d_][\w+&' ]{0,20}?)[\s\-#]*(?P<slot>\d{1,3})\s*\]\s*")
# "Classic" stays out: the Winter Classic and Heritage Classic are live games.
_REPLAY = re.compile(r"\b(?:replay|re-?air|encore|rebroadcast|full game|condensed|rewind)\b",
                     re.I)
# "Classic" alone stays a live game (the Winter Classic); with a past season's year it is an old one.
_CLASSIC = re.compile(r"\b(?:classics?|throwback|vintage|retro|legendary games?|rewind)\b", re.I)
_YEAR = re.compile(r"(?<![\d-])(19[4-9]\d|20[0-4]\d)(?![\d-])")


def _old_game(text: str, on_date: date) -> bool:
    """`NFL Classic: Cowboys vs Eagles 1995`: a classic game of a past season, not today's."""
    if not _CLASSIC.search(text):
        return False
    return any(int(y) < on_date.year - 1 for y in _YEAR.findall(text))


# ... and in the languages providers list them in (es/pt/it/de/nl/fr/ar).
_HIGHLIGHTS = re.compile(r"\b(?:highlights?|hlts?|hls|recap|extended highlights|resumen|resumo|melhores momentos|"
                         r"sintesi|zusammenfassung|samenvatting|r[ée]sum[ée])\b|ملخص", re.I)
_STUDIO = re.compile(
    r"\b(?:press conference|presser|pre-?game|post-?game|pregame show|countdown|wrap-?up|"
    r"studio|preview show|halftime show|draft|awards|media day|magazine|show|podcast|"
    r"24/7|loop|marathon|documentary|reaction)\b",
    re.I,
)
_PLACEHOLDER = re.compile(
    r"^\W*(?:no events?(?: scheduled| today| on)?|no games?(?: scheduled| today)?|off ?air|"
    r"coming soon|event starts soon|starts soon|stream starts soon|tbd|tba|to be announced|"
    r"no stream|offline|not live|event not started|nothing scheduled|stand ?by|off|empty|"
    r"next event.*|upcoming.*|check back.*)\W*$",
    re.I,
)


# --- dates and times -------------------------------------------------------------------------------

_MONTHS = {m: i + 1 for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])}
_MONTH_ALT = MONTH_NAMES
_WEEKDAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday)?\.?,?"

_RE_STAMP = re.compile(
    r"\bstart\s*:\s*(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?"
    r"(?:\s*stop\s*:\s*[\d\-: T]*)?", re.I)
_RE_STOP = re.compile(r"\bstop\s*:\s*[\d\-: T]*", re.I)
_RE_STOP_STAMP = re.compile(r"\bstop\s*:\s*(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})", re.I)
_RE_PAREN_STAMP = re.compile(r"\((\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})(?::(\d{2}))?\)")
_RE_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
# Not before a meridiem: `8.15pm` is a time, not 15 August.
_RE_NUMDATE = re.compile(
    r"(?<![\d:./])(\d{1,2})[/.](\d{1,2})(?:[/.](\d{2,4}))?(?![\d:]|\.\d|\s?[ap]\.?m\b)", re.I)
_RE_MONTH_DAY = re.compile(rf"(?:{_WEEKDAY}\s*)?\b({_MONTH_ALT})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?"
                           rf"\b(?![:.]\d)(?:,?\s*(\d{{4}}))?", re.I)
_RE_DAY_MONTH = re.compile(rf"(?:{_WEEKDAY}\s*)?\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH_ALT})\b"
                           rf"\.?(?:\s*(\d{{4}}))?", re.I)
_RE_WEEKDAY = re.compile(rf"\b{_WEEKDAY}(?=\s|$)", re.I)
_ZONE_TAIL = rf"(?:\s*\(?\s*(?P<zone>{_OFFSET}|(?:{_ZONE_ALT})(?![A-Za-z]))\s*\)?)?"
_RE_TIME12 = re.compile(
    rf"(?<![\d:])(?<![^\W\d_])(?P<h>\d{{1,2}})(?:[:.]?(?P<m>[0-5]\d))?\s*(?P<ap>[ap])\.?\s?m?\.?"
    # `1:10pmET`: a zone glued to the meridiem is still a zone, not the start of a word
    rf"(?:(?![a-z])|(?=(?:{_ZONE_ALT})(?![a-z]))){_ZONE_TAIL}",
    re.I)
_RE_TIME24 = re.compile(
    rf"(?<![\d:.])(?P<h>[01]?\d|2[0-3])[:h.](?P<m>[0-5]\d)(?![\d])(?::\d{{2}})?{_ZONE_TAIL}", re.I)
# French and Portuguese hours without minutes (`à 20h`, `20h GMT`)
_RE_TIME_H = re.compile(rf"(?<![\d:.])(?P<h>[01]?\d|2[0-3])h(?P<m>)(?![\w]){_ZONE_TAIL}", re.I)
# The word before a time in other languages (`à 20h45`, `ore 20:45`, `às 16h`, `a las 21:00`).
_TIME_WORD = re.compile(r"(?<![\w'])(?:à|às|a las|a les|ore|alle|um|at)\s*(?=" + "\x00" + r")", re.I)
# Only abbreviations are blanked on their own: a city word away from a time is a team's city.
_ABBR_ZONE_ALT = "|".join(z.replace(" ", r"\s+") for z in sorted(_ZONES, key=len, reverse=True)
                          if z not in _WORD_ZONES)
_RE_ZONE_ONLY = re.compile(rf"(?<![A-Za-z])(?:{_ABBR_ZONE_ALT})(?![A-Za-z])")


@dataclass
class _Found:
    start_utc: datetime | None = None
    trusted: bool = False
    day: date | None = None
    local: time | None = None
    zone: tzinfo | None = None
    alt_start: datetime | None = None
    stop_utc: datetime | None = None


def _year_for(month: int, day: int, on_date: date) -> int:
    """The year that puts month/day closest to the partition date (names omit the year)."""
    best = on_date.year
    best_gap = None
    for y in (on_date.year - 1, on_date.year, on_date.year + 1):
        try:
            gap = abs((date(y, month, day) - on_date).days)
        except ValueError:
            continue
        if best_gap is None or gap < best_gap:
            best, best_gap = y, gap
    return best


def _mk_date(y: int | None, mo: int, d: int, on_date: date) -> date | None:
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    if y is None:
        y = _year_for(mo, d, on_date)
    elif y < 100:
        y += 2000
    try:
        return date(y, mo, d)
    except ValueError:
        return None


def infer_date_order(names: list[str]) -> Literal["mdy", "dmy"] | None:
    """Learn a provider's numeric date order from a whole playlist: any part above 12 settles it."""
    mdy = dmy = 0
    for name in names:
        for m in _RE_NUMDATE.finditer(name):
            a, b = int(m.group(1)), int(m.group(2))
            if a > 12 >= b >= 1:
                dmy += 1
            elif b > 12 >= a >= 1:
                mdy += 1
    if mdy == dmy:
        return None
    return "mdy" if mdy > dmy else "dmy"


MARK = "\x00"  # stands in for a masked time/date, so a time between the teams can split them
# A weekday abbreviation left in front of a masked date by non-English providers (`So 08.02.`,
# `Sam 22/11`, `Dom 23/11`); English weekdays are read with the date itself.
_WEEKDAY_BEFORE_DATE = re.compile(
    r"(?<![\w'])(?:mo|di|mi|do|fr|sa|so|lun|mar|mer|mié|jeu|ven|sam|sáb|sab|dim|dom|gio|"
    r"lu|ma|ju|vi|mer)\.?\s*(?=\(?\s*" + MARK + ")", re.I)


def _mask(text: str, m: re.Match[str]) -> str:
    return text[: m.start()] + f" {MARK} " + text[m.end():]


# Two start times for one stream (`5:30/8pm Pacheco v Aleem`, `10:30am/2pm Eubank v Papot`):
# the stream starts at the first; it borrows the second's meridiem when it has none.
_TIME_PAIR = re.compile(r"(?<![\d/:.])(\d{1,2}(?::[0-5]\d)?)\s*([ap]\.?m\.?)?\s*/\s*"
                        r"\d{1,2}(?::[0-5]\d)?\s*([ap]\.?m\.?)", re.I)


def _first_of_pair(m: re.Match[str]) -> str:
    return f"{m.group(1)}{m.group(2) or m.group(3)}"


def _zoned_times(rx: re.Pattern[str], text: str) -> list[tuple[re.Match[str], tzinfo]]:
    """Every clock time `rx` finds in `text` that names its zone, in order."""
    return [(m, z) for m in rx.finditer(text) if (z := _zone(m.group("zone"))) is not None]


def _same_zone(a: tzinfo, b: tzinfo, on_date: date) -> bool:
    noon = datetime.combine(on_date, time(12))
    return noon.replace(tzinfo=a).utcoffset() == noon.replace(tzinfo=b).utcoffset()


def _extract_when(text: str, on_date: date, default_tz: tzinfo, date_order: str
                  ) -> tuple[str, _Found]:
    found = _Found()
    text = _TIME_PAIR.sub(_first_of_pair, text)
    m = _RE_STOP_STAMP.search(text)
    if m:
        with contextlib.suppress(ValueError):
            found.stop_utc = datetime(*(int(g) for g in m.groups()), tzinfo=UTC)
    m = _RE_STAMP.search(text)
    if m:
        y, mo, d, hh, mm = (int(m.group(i)) for i in range(1, 6))
        try:
            found.start_utc = datetime(y, mo, d, hh, mm, tzinfo=UTC)
            found.trusted = True
            found.day = found.start_utc.date()
        except ValueError:
            pass
        text = _mask(text, m)
    text = _RE_STOP.sub(" ", text)
    m = _RE_PAREN_STAMP.search(text)
    if m and found.start_utc is None:
        y, mo, d, hh, mm = (int(m.group(i)) for i in range(1, 6))
        # Parenthesised stamps are the provider's wall clock (US Eastern for the US providers
        # the field notes saw; a provider's own zone in general).
        try:
            found.day = date(y, mo, d)
            found.local = time(hh, mm)
            found.zone = default_tz
            found.trusted = True
        except ValueError:
            pass
        text = _mask(text, m)
    # dates
    for rx in (_RE_ISO,):
        m = rx.search(text)
        if m:
            dd = _mk_date(int(m.group(1)), int(m.group(2)), int(m.group(3)), on_date)
            if dd and found.day is None:
                found.day = dd
            text = _mask(text, m)
    for rx, order in ((_RE_MONTH_DAY, "md"), (_RE_DAY_MONTH, "dm")):
        m = rx.search(text)
        if m:
            if order == "md":
                mo, d = _MONTHS[m.group(1)[:3].lower()], int(m.group(2))
            else:
                d, mo = int(m.group(1)), _MONTHS[m.group(2)[:3].lower()]
            yr = int(m.group(3)) if m.group(3) else None
            dd = _mk_date(yr, mo, d, on_date)
            if dd and found.day is None:
                found.day = dd
            text = _mask(text, m)
    m = _RE_NUMDATE.search(text)
    if m:
        a, b = int(m.group(1)), int(m.group(2))
        yr = int(m.group(3)) if m.group(3) else None
        order = date_order
        if order == "auto" or order not in ("mdy", "dmy"):
            order = "dmy" if a > 12 else "mdy"
        mo, d = (a, b) if order == "mdy" else (b, a)
        dd = _mk_date(yr, mo, d, on_date)
        other = _mk_date(yr, d, mo, on_date) if a != b else None
        if dd is None:  # 23/11 in an mdy playlist: the only reading that is a date wins
            dd = other
        elif other is not None and abs((dd - on_date).days) > 3 >= abs((other - on_date).days):
            # a guide lists the days around its own date: 05/10 on 2025-10-05 is 5 October
            dd = other
        if dd is not None:
            if found.day is None:
                found.day = dd
            text = _mask(text, m)
    # times
    if found.start_utc is not None or found.local is not None:
        # A stamp gave the time; a time also written out (`7:00PM ET (2025-12-02 19:00:05)`) is
        # the same start and must not stay in a side.
        for rx in (_RE_TIME12, _RE_TIME24, _RE_TIME_H):
            m = rx.search(text)
            if m:
                text = _mask(text, m)
    else:
        clocks = list(_RE_TIME24.finditer(text))
        if len(clocks) > 1 and clocks[0].group("h") in ("0", "00") and clocks[0].group("m") == "00":
            # `00:00:00 Primeira Liga - ... 14:30`: an agenda's empty time field before the real one
            text = _mask(text, clocks[0])
        for rx in (_RE_TIME12, _RE_TIME24, _RE_TIME_H):
            m = rx.search(text)
            if not m:
                continue
            zoned = _zoned_times(rx, text)
            if len(zoned) > 1:
                # `Nov 16 : 12AM UK / 7PM ET / 4PM PT`: one kick-off in several zones, and the date
                # is the provider's own, so its own zone's clock is the one the date goes with.
                m = next((x for x, z in zoned if _same_zone(z, default_tz, on_date)), zoned[0][0])
            h, mi = int(m.group("h")), int(m.group("m") or 0)
            if rx is _RE_TIME12:
                if not 1 <= h <= 12:
                    continue
                h = h % 12 + (12 if m.group("ap").lower() == "p" else 0)
            if mi > 59:
                continue
            found.local = time(h, mi)
            z = _zone(m.group("zone"))
            if z is not None:
                found.zone, found.trusted = z, True
            for x, _ in reversed(zoned) if len(zoned) > 1 else ((m, None),):
                text = _mask(text, x)
            break
    text = _RE_WEEKDAY.sub(" ", text)
    if found.local is not None and found.start_utc is None:
        zone = found.zone or default_tz
        if found.day is not None:
            found.start_utc = datetime.combine(found.day, found.local, tzinfo=zone).astimezone(UTC)
            if found.trusted and found.local.hour < 6:
                # A schedule keeps its day's date after midnight (`03/08/26 - 00:00 (CET)` for
                # the game at midnight that night): the next day's small hours, tried second.
                found.alt_start = found.start_utc + timedelta(days=1)
        else:
            # The partition date is the provider's local day: "12:40 AM CET" on a US slate is the
            # night after it, so pick the wall-clock day whose instant falls on that local day.
            found.start_utc = datetime.combine(on_date, found.local, tzinfo=zone).astimezone(UTC)
            for k in (0, 1, -1):
                inst = datetime.combine(on_date + timedelta(days=k), found.local, tzinfo=zone)
                if inst.astimezone(default_tz).date() == on_date:
                    found.start_utc = inst.astimezone(UTC)
                    break
            # A provider listing by its own zone's date (a UK list: `Celtics @ Knicks | 00:30 UK`
            # on the UK day) means that day's wall clock: the other reading, tried second.
            same_day = datetime.combine(on_date, found.local, tzinfo=zone).astimezone(UTC)
            if found.trusted and same_day != found.start_utc:
                found.alt_start = same_day
    return text, found


# --- family / slot / sides --------------------------------------------------------------------------

_COUNTRIES = (r"(?:US|USA|UK|GB|CA|CAN|AU|AUS|NZ|IE|IR|ES|SP|FR|DE|GER|IT|ITA|PT|NL|BE|MX|BR|AR|"
              r"LAT|LATAM|EN|ENG|EU|INT|AR|IN|ZA|AF|ARAB|AR)")
# The clock a country's providers write (the zone of most of its viewers).
_COUNTRY_ZONES = {
    "UK": "Europe/London", "GB": "Europe/London", "IE": "Europe/Dublin", "US": "America/New_York",
    "USA": "America/New_York", "CA": "America/Toronto", "CAN": "America/Toronto",
    "AU": "Australia/Sydney", "AUS": "Australia/Sydney", "NZ": "Pacific/Auckland",
    "DE": "Europe/Berlin", "GER": "Europe/Berlin", "FR": "Europe/Paris", "ES": "Europe/Madrid",
    "SP": "Europe/Madrid", "IT": "Europe/Rome", "ITA": "Europe/Rome", "PT": "Europe/Lisbon",
    "NL": "Europe/Amsterdam", "BE": "Europe/Brussels", "BR": "America/Sao_Paulo",
    "MX": "America/Mexico_City", "AR": "America/Argentina/Buenos_Aires", "ZA": "Africa/Johannesburg",
}


def _country_zone(tag: str) -> tzinfo | None:
    name = _COUNTRY_ZONES.get(re.sub(r"[^A-Z]", "", tag.upper()))
    return ZoneInfo(name) if name else None


_RE_COUNTRY = re.compile(rf"^\s*(?:\(?{_COUNTRIES}\)?\s*[|:]\s*|\({_COUNTRIES}\)\s+|{_COUNTRIES}\s+(?=\())(?!\d)")
_RE_FAMILY = re.compile(
    r"^\s*(?P<family>[^\W\d_][\w+&'./ -]*?)\s*(?:\|\s*)?(?:#\s*)?(?P<slot>\d{1,4})(?:\s*\([A-Za-z]{1,3}\))?"
    r"(?:\s*(?::(?!\d{2})|\||-\s|–\s)\s*|\s-(?=[^\W\d_])|\s*$)")
_SEPARATORS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("vs", re.compile(rf"\s+vs\.?\s+|\s+vs\.\s*|\s*\bvs\.?\s+|\s+(?:{VERSUS_WORDS})\s+", re.I)),
    ("v", re.compile(r"\s+v\.?\s+", re.I)),
    ("@", re.compile(r"\s*@\s*")),
    ("at", re.compile(r"\s+at\s+", re.I)),
    ("x", re.compile(r"\s+x\s+", re.I)),
    ("-", re.compile(r"\s+[-–—]\s+")),
    ("/", re.compile(r"\s+/\s+")),
)


_ROUND_LABEL = re.compile(
    r"^(?:(?:week|wk|game|round|rd|matchday|md|leg|day|jornada|giornata|spieltag)\s*\d+|"
    r"(?:wild ?card|divisional|conference|semi-?finals?|quarter-?finals?|finals?|playoffs?|"
    r"preseason|pre-season|spring training|friendly|opening day|opener)\b)\s*[:\-|,]?\s*", re.I)


def _side(s: str | None, *, first: bool) -> str | None:
    """A side without a leading round label (`Week 12 Giants` -> `Giants`), and without what a
    colon adds: a label before the first side (`Home Feed: CHA`), a remark after the second
    (`Watford: Kick-off 3.00pm`)."""
    if s is None:
        return None
    parts = [p for p in re.split(r"\s*:\s+", s) if re.search(r"[^\W\d_]", p)]
    if len(parts) > 1:
        s = parts[-1] if first else parts[0]
    # the same with a spaced dash (`Football - UTEP`, `Cleveland Browns - Special Feed`); only called
    # when the sides were cut at another separator
    parts = [p for p in re.split(r"\s+[-–—]\s+", s) if re.search(r"[^\W\d_]", p)]
    if len(parts) > 1:
        s = parts[-1] if first else parts[0]
    out = _ROUND_LABEL.sub("", s).strip()
    return out or s


def _side_plain(s: str | None) -> str | None:
    """A side of a dash-cut fixture: only the round label comes off."""
    if s is None:
        return None
    return _ROUND_LABEL.sub("", s).strip() or s


def _tidy(s: str) -> str:
    s = s.replace(MARK, " ")
    s = re.sub(r"\(\s*\)|\[\s*\]", " ", s)
    s = re.sub(r"\s+", " ", s)
    return s.strip(" -–—|:,;/@.")


def _split_sides(text: str) -> tuple[str | None, str | None, str | None]:
    for sep, rx in _SEPARATORS:
        parts = [p for p in rx.split(text)]
        if len(parts) >= 2:
            a, b = _tidy(parts[0]), _tidy(" ".join(parts[1:]) if sep != "-" else parts[1])
            if a and b:
                return a, b, sep
    # a dash without spaces, once, between two words (`Milan–Roma`, `Roma-Milan`); a hyphenated
    # club (`Saint-Etienne`) splits too, but then neither half names a team and nothing matches
    glued = re.split(r"(?<=[^\W\d_]{3})[-–/](?=[^\W\d_]{3})", text)
    if len(glued) == 2 and MARK not in glued[0]:
        a, b = _tidy(glued[0]), _tidy(glued[1])
        if a and b:
            return a, b, "-"
    # a masked time between two names is the separator (`Celtic FC 17:45 Sporting Braga`)
    if MARK in text:
        pieces = [_tidy(p) for p in text.split(MARK)]
        pieces = [p for p in pieces if p]
        if len(pieces) >= 2:
            return pieces[0], pieces[1], "time"
    one = _tidy(text)
    return (one or None), None, None


_US_TIME = re.compile(r"(?<![\d_])(\d{1,2})_([0-5]\d)(?![\d_])(?=\s*(?:[ap]\.?m\b|[a-z]{2,4}\b|$))",
                      re.I)
_US_DATE = re.compile(r"(?<![\d_])(\d{1,2})_(\d{1,2})(?:_(\d{2,4}))?(?![\d_])")


def _underscores(text: str) -> str:
    """Providers write `_` for `:`, `/` and `-`: `7_30 PM`, `11_23`, `NFL 02_ ...`."""
    if "_" not in text:
        return text
    text = _US_TIME.sub(r"\1:\2", text)
    text = _US_DATE.sub(lambda m: "/".join(g for g in m.groups() if g), text)
    text = re.sub(r"\s_+|_+\s", " - ", text)  # next to a space it was a separator
    return text.replace("_", " ")


# Symbols providers put between the sides (`EAGLES ➜ COWBOYS`, `Falcons 🆚 Saints`); `fix_text`
# blanks symbols, so they become a word separator first, unless the name already has one.
_SYMBOL_SEP = re.compile(
    "\\s*(?:\U0001F19A|\u2694\ufe0f?|[\u2192\u21d2\u27a1\u279c\u2794\u27f6\u2799\u279d\u27a4]\ufe0f?"
    "|\u00d7|<>|<->)\\s*")
_WORD_SEP = re.compile(rf"[^\W_]\.?\s+(?:vs?\.?|@|at|x|{VERSUS_WORDS})\s+\S|@", re.I)
# The fixture written a second time in brackets (`Buccaneers at Rams 8:20 PM ET (Buccaneers at Rams)`).
_PAREN_FIXTURE = re.compile(r"\s*[(\[][^()\[\]]*?[^\W_]\s+(?:vs?\.?|@|at|x)\s+[^()\[\]]*[)\]]", re.I)
# Strong delimiters between the parts of a name: the fixture is one part, the others are labels.
_SEGMENT_SPLIT = re.compile(r"\s*(?:\||•|·|‖|¦|::)\s*")
_SEG_WORD_SEP = re.compile(rf"[^\W_]\.?\s+(?:vs?\.?|@|at|x|{VERSUS_WORDS})\s+[^\W_#]"
                           r"|[^\W_]\s*@\s*[^\W_]", re.I)
_SEG_DASH_SEP = re.compile(r"[^\W_]\.?\s+[-–—]\s+[^\W\d_]")
_SEG_TIME_SEP = re.compile(r"[^\W\d_]\S*\s+" + MARK + r"\s+[^\W\d_]")


def _fixture_segment(body: str) -> tuple[str, tuple[str, ...]]:
    """The part of a `|`-delimited name that holds the fixture, and the other parts as labels.

    Providers put the family, league, date and channel brand in any order around the fixture
    (`Live | A vs. B | League | 2025-11-02 | 16:30 (GMT) | Sky`, `A vs B 7:30 PM ET | NHL 07`),
    so the fixture is found by what it looks like, not by where it sits.
    """
    parts = [p for p in _SEGMENT_SPLIT.split(body)]
    if len(parts) < 2:
        return body, ()

    def rank(seg: str) -> int:
        if _SEG_WORD_SEP.search(seg):
            return 0
        if _SEG_DASH_SEP.search(seg):
            return 1
        if _SEG_TIME_SEP.search(seg):
            return 2
        return 3

    ranks = [rank(p) for p in parts]
    best = min(ranks)
    if best == 3:
        return body, ()
    i = ranks.index(best)
    labels = tuple(t for j, p in enumerate(parts) if j != i
                   if (t := _tidy(p)) and re.search(r"[^\W\d_]", t))
    return parts[i], labels


_QUALITY_TAG = re.compile(r"[\[(]?(?<![\w:.])(?:240|288|360|480|540|576|720|1080|1440|2160|4320)[pi](?:25|30|50|60)?"
                          r"(?!\w|\.\s?m\b)[\])]?", re.I)


def parse_channel_name(name: str, *, on_date: date, default_tz: str = "America/New_York",
                       date_order: str = "mdy") -> ParsedName:
    """Cut a channel name into family/slot, two sides, league hint, start time and flags."""
    if date_order not in ("mdy", "dmy", "auto"):
        raise NameParseError(f"date_order must be mdy, dmy or auto, not {date_order!r}")
    # The matcher and the guide both read every event channel's name, and providers repeat names
    # (backup and language feeds): a ParsedName is immutable, so each is read once.
    return _parse_cached(name, on_date, default_tz, date_order)


@lru_cache(maxsize=1 << 16)
def _parse_cached(name: str, on_date: date, default_tz: str, date_order: str) -> ParsedName:
    return _parse(name, on_date=on_date, default_tz=default_tz, date_order=date_order)


def _parse(name: str, *, on_date: date, default_tz: str, date_order: str) -> ParsedName:
    if date_order not in ("mdy", "dmy", "auto"):
        raise NameParseError(f"date_order must be mdy, dmy or auto, not {date_order!r}")
    tz = zone_info(default_tz)
    raw = name
    if COMPACT_PAIR.fullmatch(name.strip()):  # `LYON-LH`: two abbreviations around a bare dash
        name = name.strip().replace("-", " - ")
    if _SYMBOL_SEP.search(name) and not _WORD_SEP.search(name):
        name = _SYMBOL_SEP.sub(" vs ", name)
    text = _underscores(fix_text(name))
    if _PAREN_FIXTURE.search(text):
        outside = _PAREN_FIXTURE.sub(" ", text)
        if _WORD_SEP.search(outside):
            text = outside
    # A stream quality tag (`[720p]`, `(1080i)`, `2160p60`) is decoration; `720p` would read as 7:20 PM.
    text = _QUALITY_TAG.sub(" ", text)
    text = re.sub(r"\s+", " ", text).strip()
    flags: list[str] = []

    family = None
    slot = None
    country = _RE_COUNTRY.match(text)
    body = text[country.end():] if country else text
    # A country tag in front says whose clock the name's stamps and zoneless times are on
    # (`(UK) (Dazn 011) | Canadiens @ Rangers (2025-12-14 00:00:05)` is UK time).
    clock_tz = _country_zone(country.group(0)) if country else None
    m = _BRACKET_FAMILY.match(body) or _RE_FAMILY.match(body)
    # A fixture is never a family: `Sparta Rotterdam v. Telstar 1963 - ...` ends in a club's year.
    if m and _SEG_WORD_SEP.search(m.group("family") + " x"):
        m = None
    if m:
        family = m.group("family").strip(" -|:")
        slot = int(m.group("slot"))
        body = body[m.end():]
    bracket_label = None
    if family is None and (bm := _BRACKET_LABEL.match(body)):
        bracket_label = _tidy(bm.group(1))
        body = body[bm.end():]
    body = _SOURCE_TAG.sub(" ", body).strip()

    # The whole name: `Highlights France - Ligue 1 : Lens vs Brest` reads as a family and slot.
    replay = bool(_REPLAY.search(text)) or _old_game(body, on_date)
    highlights = bool(_HIGHLIGHTS.search(text))
    studio = bool(_STUDIO.search(body))

    body, when = _extract_when(body, on_date, clock_tz or tz, date_order)
    body = _JUNK_PARENS.sub(" ", body)
    body = _CODE_PARENS.sub(" ", body)
    body = _REMARK_PARENS.sub(" ", body)
    body = _WEEKDAY_BEFORE_DATE.sub(" ", body)
    body = _TIME_WORD.sub(" ", body)
    body = _RANK.sub(" ", body)
    body = _FEED_WORD.sub(" ", body)
    body = _REPLAY.sub(" ", body)
    body = _HIGHLIGHTS.sub(" ", body)
    body = _JUNK_WORDS.sub(lambda m: _junk_or_side(body, m), body)
    body = _RE_ZONE_ONLY.sub(" ", body) if when.local is not None or when.start_utc else body
    body = re.sub(r"[\[\](){}]", " ", body)
    body = re.sub(r"\s*@\s*(?=" + MARK + r"|$)", " ", body)  # `@ Oct 08 10:00 PM ET`: not a side

    body, labels = _fixture_segment(body)
    league_hint = None
    # `Dutch Eredivisie: Fortuna Sittard vs. ...` / `NFL | 02 - TNF ...`: a label before a colon
    lm = re.match(r"^\s*([^:|]{2,40}?)\s*[:|]\s+(?=\S)", body)
    # A label needs a fixture after it: `LOS ANGELES - DALLAS | Sun 13 Jul 02:30 GMT |` has only
    # a masked date behind the pipe, so the part before it is the fixture, not a league label.
    while lm and not re.search(r"\s(?:vs?\.?|@|at|x)\s", lm.group(1), re.I) and \
            re.search(r"[^\W\d_]", body[lm.end():]):
        league_hint = league_hint or lm.group(1).strip()
        body = body[lm.end():]
        lm = re.match(r"^\s*([^:|]{2,40}?)\s*[:|]\s+(?=\S)", body)
        if lm and not re.search(r"\s(?:vs?\.?|@|at|x)\s", body[lm.end():], re.I):
            break  # the fixture itself holds the colon (`Stoke v Watford: Kick-off 3pm`)
    # a slot number left in front of the fixture (`LIGUE 1 | 01 - ANGERS - LORIENT`)
    body = re.sub(r"^\s*\d{1,3}\s*[-–—:|.]\s+(?=[^\W\d_])", "", body)

    if labels or bracket_label:
        league_hint = " ".join(x for x in (bracket_label, league_hint, *labels) if x)
    placeholder = not _tidy(body) or bool(_PLACEHOLDER.match(_tidy(body)))
    side_a, side_b, sep = (None, None, None) if placeholder else _split_sides(body)
    if sep != "-":
        side_a, side_b = _side(side_a, first=True), _side(side_b, first=False)
    else:
        side_a, side_b = _side_plain(side_a), _side_plain(side_b)
    alt_sides: tuple[tuple[str, str], ...] = ()
    if sep == "-":
        parts = [t for t in (_tidy(x) for x in re.split(r"\s+[-–—]\s+", body)) if re.search(r"[^\W\d_]", t)]
        alt_sides = tuple((parts[i], parts[i + 1]) for i in range(1, len(parts) - 1))
    if placeholder:
        flags.append("placeholder")
    if replay:
        flags.append("replay")
    if highlights:
        flags.append("highlights")
    if studio:
        flags.append("studio")
    if when.start_utc is not None and not when.trusted:
        flags.append("zone_assumed")
    return ParsedName(
        raw=raw, family=family, slot=slot, side_a=side_a, side_b=side_b, separator=sep,
        start_utc=when.start_utc, time_trusted=when.trusted and when.start_utc is not None,
        date=when.day, date_explicit=when.day is not None, league_hint=league_hint,
        replay=replay, highlights=highlights, placeholder=placeholder, studio=studio,
        local_hour=when.start_utc.astimezone(tz).hour if when.start_utc is not None else None,
        rest=_tidy(body), flags=tuple(flags), alt_sides=alt_sides, alt_start_utc=when.alt_start,
        stop_utc=when.stop_utc,
    )
