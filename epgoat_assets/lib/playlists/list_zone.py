"""Whose clock and calendar a playlist is kept by, when its provider's settings do not say.

A provider's date and its clock times without a zone mean its own zone: a UK list's Saturday runs
from midnight in London, so the NBA game at 01:00 UK (8 PM ET on Friday) is one of Saturday's, and
`Kings vs Tigers` on a UK Saturday is the game that starts in the UK that Saturday, not the one
that starts Saturday evening in New York. The playlist tells which side of the Atlantic it is kept
on by the zones its names state (`3pm UK`, `20:00 CET` against `7:00 PM ET`), its numeric dates
(`30/08` against `08/30`) and its country tags (`UK|`, `DE:` against `US|`). Every one is only a
vote: the list is European only when those votes clearly outnumber the American ones.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from zoneinfo import ZoneInfo

from epgoat_assets.lib.models import ChannelInfo, MatchResult, entry_group

AUTO = "auto"
AMERICA = "America/New_York"
EUROPE = "Europe/London"
OCEANIA = "Australia/Sydney"

# A zone counts where it follows a clock (`3pm UK`, `20:45 CET`, `00:00 (CET)`): a city or a
# country in a club's or a broadcaster's name (`Union Berlin`, `Sky Sports Main Event UK`) is no vote.
_CLOCK = r"(?<![\d:.])\d{1,2}(?:[:.h]\d{2})?(?::\d{2})?\s*(?:[ap]\.?m?\.?)?\s*[(\[]?\s*"
_EU_WORDS = "GMT|BST|UK|CET|CEST|WET|WEST|EET|EEST|MEZ|MESZ|London|Lisbon|Madrid|Paris|Berlin|Rome|Amsterdam"
_US_WORDS = "ET|EST|EDT|CT|CST|CDT|PT|PST|PDT|MT|MST|MDT|Eastern|Pacific|Central"
_AU_WORDS = "AEDT|AEST|ACDT|ACST|AWST|NZDT|NZST|Sydney|Melbourne"
_ZONE = re.compile(rf"{_CLOCK}(?:(?P<eu>{_EU_WORDS})|(?P<us>{_US_WORDS})|(?P<au>{_AU_WORDS}))(?![^\W\d_])", re.I)
_EU_TAG = re.compile(r"^\s*(?:\((?:UK|GB|IE|DE|FR|ES|IT|PT|NL|BE|CH|AT|SE|NO|DK|FI|PL)\)|"
                     r"(?:UK|GB|IE|DE|FR|ES|IT|PT|NL|BE|CH|AT|SE|NO|DK|FI|PL)\s*[|:])", re.I)
_US_TAG = re.compile(r"^\s*(?:\((?:US|USA|CA)\)|(?:US|USA|CA)\s*[|:])", re.I)
_AU_TAG = re.compile(r"^\s*(?:\((?:AU|AUS|NZ)\)|(?:AU|AUS|NZ)\s*[|:(])", re.I)
_AU_FAMILY = re.compile(r"\b(?:AU|AUS)\s+\d", re.I)  # `Kayo AU 01: ...`
_DIGIT = re.compile(r"\d")
_NUMDATE = re.compile(r"(?<![\d:.])(\d{1,2})[/.](\d{1,2})(?:[/.]\d{2,4})?(?![\d:])")

# A list is European only with this many votes, and this many times the American ones.
MIN_VOTES = 5
MAJORITY = 3
# A matched game on one day and not the other is stronger evidence than a zone word: fewer settle it.
MIN_MATCH_VOTES = 2


def region_votes(names_and_groups: Iterable[tuple[str, str, bool]]) -> tuple[int, int, int]:
    """(European, American, Australian) votes of a playlist's live entries: (name, group, whether
    the name is an event channel's, whose clocks and dates are read; every entry's tags are)."""
    eu = us = au = 0
    group_votes: dict[str, tuple[bool, bool, bool]] = {}  # groups repeat across a playlist
    has_digit = _DIGIT.search
    for name, group, event in names_and_groups:
        g = group_votes.get(group)
        if g is None:
            g = group_votes[group] = (bool(_EU_TAG.match(group)), bool(_US_TAG.match(group)),
                                      bool(_AU_TAG.match(group)))
        eu += bool(g[0] or _EU_TAG.match(name))
        us += bool(g[1] or _US_TAG.match(name))
        au_tag = g[2] or _AU_TAG.match(name)
        if not event or not has_digit(name):  # a clock or a date has digits
            au += bool(au_tag)
            continue
        au += bool(au_tag or _AU_FAMILY.search(name))
        for m in _ZONE.finditer(name):
            eu += m.lastgroup == "eu"
            us += m.lastgroup == "us"
            au += m.lastgroup == "au"
        for m in _NUMDATE.finditer(name):
            x, y = int(m.group(1)), int(m.group(2))
            if x > 12 >= y:
                eu += 1
            elif y > 12 >= x:
                us += 1
    return eu, us, au


def zone_votes(names_and_groups: Iterable[tuple[str, str]]) -> tuple[int, int]:
    """(European, American) votes of a playlist's live entries."""
    eu, us, _ = region_votes((name, group, True) for name, group in names_and_groups)
    return eu, us


def infer_list_zone(channels: Iterable[ChannelInfo]) -> tuple[str, str | None]:
    """The zone a playlist is kept by, and the other zone whose day it may follow when the votes do
    not settle it: Sydney time for a clearly Australian list, UK time for a clearly European one, US
    Eastern for a clearly American one, else US Eastern with UK days still possible."""
    eu, us, au = region_votes((ch.entry.name, entry_group(ch.entry), ch.is_event_channel or ch.recognised_by == "fixture")
                              for ch in channels if ch.filtered_by is None)
    if au >= MIN_VOTES and au >= MAJORITY * max(eu, us):
        return OCEANIA, None
    if eu >= MIN_VOTES and eu >= MAJORITY * us:
        return EUROPE, None
    if us >= MIN_VOTES and us >= MAJORITY * eu:
        return AMERICA, None
    return AMERICA, EUROPE


def day_zone_from_matches(results: Iterable[MatchResult], on_date: date, zone: str, other: str) -> str | None:
    """Whose day an unsettled list keeps, read off the games it was matched to: a US list carries
    that evening's games (the UK's next day), a UK list the evening before's (the UK's small hours).
    None while its matches do not clearly say."""
    here, there = ZoneInfo(zone), ZoneInfo(other)
    votes = {zone: 0, other: 0}
    for r in results:
        if r.status != "matched" or r.event is None or r.event.start_utc is None:
            continue
        a, b = r.event.start_utc.astimezone(here).date(), r.event.start_utc.astimezone(there).date()
        if a == on_date and b != on_date:
            votes[zone] += 1
        elif b == on_date and a != on_date:
            votes[other] += 1
    for z, o in ((zone, other), (other, zone)):
        if votes[z] >= MIN_MATCH_VOTES and votes[z] >= MAJORITY * votes[o]:
            return z
    return None
