"""Event channels recognised from what their name says, wherever (or whether) a family sits.

Providers write the family and slot first (`NBA 01: ...`), last (`A vs B 7:30 PM ET | MLS Season
Pass 01`), in brackets (`US (NFL 001) | A vs. B`), only in the group-title, or not at all
(`Seahawks @ Titans (Available outside Tennessee Region)`). The fixture itself is the signal: two
sides around a team separator. Because ordinary live channels sometimes read like one (`Fox News at
Night`), a fixture alone is not enough: the name or its group must also state a time or date, or
name a league or sport, or the group must be an events group. The matcher still has to find both
sides in one real event before anything is matched, so this only decides who gets looked at.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from epgoat_assets.lib.sports.leagues import LeagueCatalog
from epgoat_assets.lib.text import COMPACT_PAIR, MONTH_NAMES, VERSUS_WORDS

# Two sides around a separator word or symbol; the right side starts like a team (a letter, a
# ranking `#3 Texas`, `49ers`), not like a time or a date (`@ 07:00 PM ET`, `@ Oct 08`).
FIXTURE = re.compile(
    rf"""[^\W_][.)]?\s*(?:\s(?:vs?\.?|x|@|at|{VERSUS_WORDS})\s|@|\s*(?:🆚|⚔️?|➜|➔|➡️?|→|⟶|×)\s*)\s*"""
    r"""(?!\d{1,2}(?:[:_.]\d{2})?\s*[ap]\.?m\b|\d{1,2}[:_.]\d{2}
           |""" + MONTH_NAMES + r"""\.?\s*\d)
        (?:\#\d+\s*)?(?:\d+\.\s*)?\d*[^\W\d_]""",
    re.IGNORECASE | re.VERBOSE,
)
# `Union Berlin - St. Pauli 20:30`: a dash fixture counts only with a time and a league named.
_DASH_FIXTURE = re.compile(r"[^\W\d_]{2,}\.?\s+[-–—/]\s+[^\W\d_]{2,}|[^\W\d_]{3}[-–/][^\W\d_]{3}")
# The kick-off between the sides (`Hamburger SV 14:30 Wolfsburg 25/10`, a real shape: Teamarr
# #206 `Napoli 20:00 Chelsea`): read as a fixture only once the matcher finds both teams.
_TIME_BETWEEN = re.compile(r"(?P<a>[^\W\d_]{2,})\s+\d{1,2}[:.h]\d{2}\s+(?P<b>[^\W\d_]{2,})")
# ... but not a date's month or weekday before a clock and its zone after it (`Sun 14 Jun 15:50
# GMT`), which every dated name has.
_CALENDAR_WORD = re.compile(
    r"(?:" + MONTH_NAMES + r"|mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:rs?(?:day)?)?|fri(?:day)?|"
    r"sat(?:urday)?|sun(?:day)?)\.?$", re.I)
_ZONE_WORD = re.compile(
    r"(?:gmt|utc|bst|cet|cest|eet|eest|wet|west|et|est|edt|ct|cst|cdt|mt|mst|mdt|pt|pst|pdt|uk|hrs?|"
    r"uhr|local|time|brt|art|ist|aest|aedt|msk|sast|london|eastern|central|pacific|mountain)", re.I)


def time_between(text: str, pattern: re.Pattern[str] = _TIME_BETWEEN) -> bool:
    """Whether a clock time stands between two names (`Napoli 20:00 Chelsea`); `pattern` names
    the two words around it `a` and `b`."""
    return any(not _CALENDAR_WORD.match(m["a"]) and not _ZONE_WORD.fullmatch(m["b"])
               and not _CALENDAR_WORD.match(m["b"])
               for m in pattern.finditer(text))
_WHEN = re.compile(
    r"(?<![\d.])\d{1,2}(?:[:.h]\d{2})?\s*(?:[ap]\.?m?\b)|(?<![\d.])\d{1,2}[:h]\d{2}(?!\d)|(?<![\d.:])\d{1,2}h(?!\w)"
    r"|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}[/.]\d{1,2}\b|\bstart\s*:"
    r"|\b" + MONTH_NAMES + r"\.?\s+\d{1,2}\b"
    r"|\b\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)",
    re.IGNORECASE,
)
_STRONG_SEP = re.compile(rf"[^\W_][.)]?\s+(?:vs\.?|v\.?|{VERSUS_WORDS})\s+[^\W\d_]|[^\W_](?:\s@\s*|@\s)[^\W\d_]", re.I)
_CLOCK = re.compile(r"(?<![\d.])\d{1,2}[:h.]\d{2}(?!\d)|(?<![\d.])\d{1,2}(?:[:.]\d{2})?\s*[ap]\.?m\b", re.I)
_EVENT_GROUP = re.compile(r"\b(?:events?|ppv|pay.per.view|live sports?|fixtures?|matches|games)\b", re.I)
# A family and slot written somewhere other than the front: `(NFL 001)`, `| NHL 07`, `[NBA] 04`.
_FAMILY_ANYWHERE = re.compile(
    r"(?:^|[(\[|]\s*)(?P<family>[^\W\d_][\w+&'. ]{1,30}?)\s*[\])]?\s*#?\s*(?P<slot>\d{1,3})\s*(?:[)\]|]|$)")


@dataclass(frozen=True, slots=True)
class ContentEvent:
    label: str  # the family written in the name, else the league keyword, else "EVENT"
    slot: int | None
    league: str | None
    weak: bool = False  # only the fixture speaks for it: an event channel only once matched


# Nothing but two club names around ` - ` or ` x ` (`Rennes - Lyon`, `Torino x Napoli`, real
# names): a candidate the matcher must confirm with both clubs in one real event of the day.
_BARE_PAIR = re.compile(r"^\s*[^\W\d_][^\W\d_.'&]*(?:[ .'&]+[^\W\d_]+){0,3}\s+(?:[-–—]|x)\s+"
                        r"[^\W\d_][^\W\d_.'&]*(?:[ .'&]+[^\W\d_]+){0,3}\s*$")


# ... but a country tag before the dash or a picture-quality word at the end is a linear channel.
_NOT_A_PAIR = re.compile(r"^\s*(?:USA?|UK|CA|CAN|AU|AUS|NZ|IE|DE|FR|ES|IT|PT|NL|BE|MX|BR|AR|LATAM|EU|INT)\s+[-–—]"
                         r"|\b(?:F?HD|SD|UHD|4K|8K|ᴴᴰ|HEVC|EAST|WEST|PLUS|TV)\s*$", re.I)


def content_event(name: str, group: str, catalog: LeagueCatalog) -> ContentEvent | None:
    """Whether a live entry is an event channel by its content, and what labels it carries."""
    if COMPACT_PAIR.fullmatch(name.strip()):  # `EO@TML`, `FREI-BD`: only the matcher can say
        return ContentEvent("EVENT", None, None, weak=True)
    word = FIXTURE.search(name)
    between = word is None and time_between(name)
    if word is None and not between and _DASH_FIXTURE.search(name) is None:
        return None
    if _BARE_PAIR.match(name):
        if _NOT_A_PAIR.search(name):  # `USA - Discovery FHD`: a country's linear channel
            return None
        return ContentEvent("EVENT", None, None, weak=True)
    # The league labelling the fixture comes before it: `MLB : Arizona Diamondbacks vs Cincinnati
    # Reds - NBA TV USA` is a baseball game on a basketball channel.
    hint = (word is not None and catalog.hint(name[:word.start() + 1])) or catalog.hint(name) or catalog.hint(group)
    stated = _WHEN.search(name) is not None
    if word is None and not between and not (stated and (hint is not None or _CLOCK.search(name))):
        # `[MLB] Detroit Tigers - Kansas City Royals (EMBEDHD)`: a dash fixture under a league
        # label but without a time is a candidate the matcher must confirm.
        return ContentEvent(hint.keyword, None, hint.league, weak=True) if hint is not None else None
    # `vs` and `@` between two names are what event channels are made of; `at` and `x` also
    # occur in programme names (`News at Ten`), so those need a time, a league or an events group.
    # Without a time, a league or an events group, a `vs`/`@` name is only a candidate: FAST
    # channels are named that way too (`Chef vs Chef`, `Pluto TV Mario vs Sonic`), so it counts
    # as an event channel only if the matcher finds its two teams in one real event.
    weak = between or not (stated or hint is not None or _EVENT_GROUP.search(group))
    if weak and not between and (word is None or _STRONG_SEP.search(name) is None):
        return None
    fam = None
    for m in _FAMILY_ANYWHERE.finditer(name):
        if catalog.hint(m.group("family")) is not None or m.group("slot").startswith("0"):
            fam = m
            break
    league = hint.league if hint is not None else None
    if fam is not None:
        return ContentEvent(fam.group("family").strip(), int(fam.group("slot")), league, weak)
    label = hint.keyword if hint is not None else "EVENT"
    return ContentEvent(label, None, league, weak)
