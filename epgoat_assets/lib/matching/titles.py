"""Match a channel name to a title event: a fight card, a race weekend, a golf round.

Title events have no two teams, so the team chain cannot place them. A name points at one by its
numbered title (`UFC 323`), by the distinctive words of its title (`Tsarukyan vs. Hooker`,
`Abu Dhabi Grand Prix`) and by time; it may also name a part (`PRELIMS`, `Main Card`, `Race`).

    match_title("UFC 07: UFC 323: PRELIMS start:2025-12-07 01:55:00 stop:2025-12-07 04:00:00",
                None, day_events)
    -> TitleMatch(event=<UFC 323: Dvalishvili vs. Yan 2>, part="prelims", part_start=01:00 UTC, ...)

A wrong match is worse than none: every word the name adds must be in the event's title or its
participants, a series the name states (UFC, F1, NASCAR...) must be the event's league, a stated time
must fall in the event's window, and when two different events remain the answer is None.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from rapidfuzz import fuzz

from epgoat_assets.lib.models import Event
from epgoat_assets.lib.sports.leagues import LeagueCatalog
from epgoat_assets.lib.sports.merge import same_event
from epgoat_assets.lib.text import fix_text

# A stated time this far before the first part (streams open early) or after the last part start
# (a channel named at the main event) still belongs to the event.
BEFORE_EVENT = timedelta(hours=3)
AFTER_LAST_PART = timedelta(hours=4)
# A named part's stated time: streams open up to ~1 h early; a late part can start up to 2 h late.
PART_BEFORE = timedelta(hours=2)
PART_AFTER = timedelta(hours=3)


@dataclass(frozen=True, slots=True)
class TitleMatch:
    event: Event
    part: str | None  # "early prelims" | "prelims" | "main card" | "qualifying" | "race" | "round 2" ...
    part_start: datetime | None  # the part's start when the event lists it
    why: str


# Provider slot prefixes: "UFC 07:", "PPV 12 |", "ESPN+ 045 :". One or two digits, or zero-padded:
# a three-digit number after UFC is an event number ("UFC 323:"), not a slot.
_SLOT = re.compile(r"^\s*[A-Za-z][\w+.]*(?:\s+[A-Za-z][\w+.]*)?\s+(?:\d{1,2}|0\d{2})\s*[:|\-]\s*(?=\S)")
_STAMP = re.compile(r"\b(start|stop)\s*:\s*(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2})?)", re.I)
_TIMES = re.compile(
    r"\b\d{1,2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)|\b\d{1,2}:\d{2}(?::\d{2})?\b|\b\d{4}-\d{2}-\d{2}\b"
    r"|\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b|\b(?:et|est|edt|ct|cst|cdt|pt|pst|pdt|gmt|utc|bst|cet|cest|uk)\b", re.I)
# Numbered cards: "UFC 323", "PFL 9", "Bellator 300" (not "Formula One 2025": no "one" here).
_NUMBERED = re.compile(r"\b(ufc|pfl|bellator|bkfc|lfa)\s*(\d{1,3})\b")

# Part names as providers and sources write them, longest first; value = canonical part.
_PARTS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"\b{p}\b"), name) for p, name in [
        (r"early\s+prelim(?:s|inary|inaries)?(?:\s+card)?", "early prelims"),
        (r"prelim(?:s|inary|inaries)?(?:\s+card)?", "prelims"),
        (r"main\s+(?:card|event)", "main card"),
        (r"sprint\s+(?:qualifying|shootout|quali)", "sprint qualifying"),
        (r"(?:qualifying|quali|qualy)", "qualifying"),
        (r"sprint(?:\s+race)?", "sprint"),
        (r"(?:free\s+)?practice\s*([123])|fp([123])", "practice"),
        (r"final\s+round", "final round"),
        (r"round\s*([1-4])|r([1-4])", "round"),
        (r"race(?:\s+day)?", "race"),
    ]
]

# Words that say which kind of event, not which event: they never count as evidence.
_GENERIC_WORDS = """
ufc fight night fights fighting mma boxing noche on espn abc espn+ ppv pay per view live en vivo vs v x at
the and of a de la el los grand prix gp f1 formula one nascar cup series indycar indy car motogp pga lpga
tour golf tournament championship championships open classic invitational atp wta tennis card main event
prelims prelim early race qualifying practice sprint round final hd fhd uhd sd 4k english spanish
espanol replay stream channel tv network week day weekend
"""
_GENERIC = frozenset(_GENERIC_WORDS.split())


def _ascii(text: str) -> str:
    text = unicodedata.normalize("NFKD", fix_text(text)).encode("ascii", "ignore").decode("ascii")
    return text.lower()


def _stated_from_stamp(text: str) -> datetime | None:
    # `start:YYYY-MM-DD HH:MM:SS` stamps are UTC written without a zone (the providers' convention).
    for m in _STAMP.finditer(text):
        if m.group(1).lower() == "start":
            clock = m.group(3) if m.group(3).count(":") == 2 else m.group(3) + ":00"
            try:
                return datetime.fromisoformat(f"{m.group(2)}T{clock}").replace(tzinfo=UTC)
            except ValueError:
                return None
    return None


def _part(text: str) -> tuple[str | None, str]:
    """The part a name states (canonical) and the text without it."""
    for rx, name in _PARTS:
        m = rx.search(text)
        if m:
            digit = next((g for g in m.groups() if g), None)
            label = f"{name} {digit}" if digit and name in ("practice", "round") else name
            return label, (text[:m.start()] + " " + text[m.end():])
    return None, text


def _keys(text: str) -> set[tuple[str, int]]:
    return {(m.group(1), int(m.group(2))) for m in _NUMBERED.finditer(text)}


def _words(text: str) -> set[str]:
    text = _NUMBERED.sub(" ", text)
    return {w for w in re.split(r"[^a-z0-9]+", text) if len(w) >= 2 and not w.isdigit() and w not in _GENERIC}


def _same_word(a: str, b: str) -> bool:
    # Spelling slips in long names (Dvalishvili / Dvalishvilli); short words must be exact.
    return a == b or (min(len(a), len(b)) >= 5 and fuzz.ratio(a, b) >= 85)


def _covered(words: set[str], pool: set[str]) -> bool:
    return all(any(_same_word(w, p) for p in pool) for w in words)


@dataclass(frozen=True, slots=True)
class _Name:
    text: str
    part: str | None
    keys: set[tuple[str, int]]
    words: set[str]


def _read(name: str) -> _Name:
    text = _STAMP.sub(" ", fix_text(name))
    text = _SLOT.sub("", text, count=1)
    text = _ascii(text)
    text = _TIMES.sub(" ", text)
    part, rest = _part(text)
    return _Name(text=rest, part=part, keys=_keys(rest), words=_words(rest))


def _event_words(ev: Event) -> tuple[set[tuple[str, int]], set[str]]:
    title = _ascii(ev.title)
    people: set[str] = set()
    for who in ev.participants:
        people |= _words(_ascii(who))
    return _keys(title), _words(title) | people


def _window_ok(ev: Event, part: str | None, stated: datetime) -> tuple[bool, datetime | None]:
    part_start = next((p.start_utc for p in ev.parts if p.name == part and p.start_utc), None)
    if part_start is not None:
        return part_start - PART_BEFORE <= stated <= part_start + PART_AFTER, part_start
    starts = [t for t in (ev.start_utc, *(p.start_utc for p in ev.parts)) if t is not None]
    if not starts:
        return False, None
    return min(starts) - BEFORE_EVENT <= stated <= max(starts) + AFTER_LAST_PART, None


def match_title(
    name: str,
    stated_start: datetime | None,
    events: Iterable[Event],
    *,
    catalog: LeagueCatalog | None = None,
) -> TitleMatch | None:
    """The single title event (and part) `name` points at, or None.

    `stated_start` is the channel's stated start as an aware UTC datetime (None when the name states
    none; a `start:YYYY-MM-DD HH:MM:SS` stamp in the name, UTC by convention, is used then).
    `events` are the candidates (a day or two around the stated date); team events among them are
    ignored. Never guesses: two different events that fit equally give None.
    """
    if stated_start is not None and stated_start.tzinfo is None:
        raise ValueError("stated_start must be timezone-aware (UTC)")
    stated = stated_start or _stated_from_stamp(name)
    read = _read(name)
    catalog = catalog or LeagueCatalog.from_config()
    hint = catalog.hint(_ascii(name))
    fits: list[tuple[Event, datetime | None, str]] = []
    for ev in events:
        if not ev.is_title_event or not ev.title:
            continue
        if hint is not None and not hint.allows(ev.league, ev.sport, ev.league_id):
            continue
        ev_keys, ev_words = _event_words(ev)
        if read.keys:
            if not read.keys & ev_keys:
                continue  # "UFC 323" is never "UFC 324" nor a Fight Night
            why = "numbered title " + ", ".join(f"{k} {n}" for k, n in sorted(read.keys & ev_keys))
        elif read.words:
            why = "title words " + ", ".join(sorted(read.words))
        elif hint is not None and hint.league is not None and stated is not None:
            why = f"only {hint.league} event at the stated time"
        else:
            continue  # nothing in the name points at one event
        # Every distinctive word of the name must be the event's: "Smith vs Jones" is another card.
        if read.words and not _covered(read.words, ev_words):
            continue
        part_start = next((p.start_utc for p in ev.parts if p.name == read.part), None)
        if stated is not None:
            ok, _ = _window_ok(ev, read.part, stated)
            if not ok:
                continue
        fits.append((ev, part_start, why))
    distinct: list[tuple[Event, datetime | None, str]] = []
    for fit in fits:
        if not any(fit[0] is d[0] or same_event(fit[0], d[0]) for d in distinct):
            distinct.append(fit)
    if len(distinct) != 1:
        return None
    ev, part_start, why = distinct[0]
    return TitleMatch(event=ev, part=read.part, part_start=part_start, why=why)
