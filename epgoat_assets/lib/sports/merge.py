"""Store each real event once when two sources (TheSportsDB, ESPN) both list it.

Two events are the same when they are in the same league, the same two teams play (home/away may be
swapped: neutral-site games are labelled differently by the sources) and the kick-offs are within a
tolerance (the sources round and correct times differently). Team names are compared after
normalisation because the sources spell them differently ("LA Clippers" / "Los Angeles Clippers",
"AFC Bournemouth" / "Bournemouth").
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime, timedelta
from functools import lru_cache

from rapidfuzz import fuzz

from epgoat_assets.lib.models import Event
from epgoat_assets.lib.text import fold

DEFAULT_TOLERANCE = timedelta(minutes=90)

# Club-form words that one source writes and the other drops.
_NOISE = {"fc", "afc", "cf", "sc", "ac", "cd", "fk", "sk", "the", "club", "de", "calcio", "ssc", "as"}
# Nicknames that do not identify a club on their own ("Manchester United" vs "Newcastle United").
_GENERIC_LAST = {"united", "city", "town", "county", "athletic", "rovers", "wanderers", "albion",
                 "hotspur", "fc", "sporting", "real", "club", "rangers", "fire"}


@lru_cache(maxsize=8192)
def normalise_team(name: str) -> str:
    """Lower-case, accents and punctuation removed, club-form words dropped: 'Atlético Madrid' ->
    'atletico madrid', 'AFC Bournemouth' -> 'bournemouth'."""
    return " ".join(w for w in fold(name).split() if w not in _NOISE)


def normalise_league(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", name.lower()).strip()


@lru_cache(maxsize=65536)
def same_team(a: str, b: str) -> bool:
    """True when two spellings name the same team."""
    na, nb = normalise_team(a), normalise_team(b)
    if not na or not nb:
        return False
    if na == nb:
        return True
    wa, wb = na.split(), nb.split()
    # City shortened or dropped ("LA Clippers", "Clippers"): the distinctive nickname decides.
    if wa[-1] == wb[-1] and wa[-1] not in _GENERIC_LAST and len(wa[-1]) > 2:
        return True
    return fuzz.token_set_ratio(na, nb) >= 90


def same_event(a: Event, b: Event, tolerance: timedelta = DEFAULT_TOLERANCE) -> bool:
    """League, teams and kick-off (within `tolerance`) agree."""
    if a.league_id and b.league_id:
        if a.league_id != b.league_id:
            return False
    elif normalise_league(a.league) != normalise_league(b.league):
        return False
    if a.start_utc is None or b.start_utc is None or abs(a.start_utc - b.start_utc) > tolerance:
        return False
    if a.is_title_event and b.is_title_event:
        # A fight card or race weekend: the two sources' titles agree after normalisation
        # ("UFC 323: Dvalishvili vs. Yan 2" in both; "Abu Dhabi Grand Prix" / "Formula 1 Abu Dhabi
        # Grand Prix").
        ta, tb = normalise_team(a.title), normalise_team(b.title)
        return bool(ta and tb) and fuzz.token_set_ratio(ta, tb) >= 90
    if not (a.home and a.away and b.home and b.away):
        return False
    straight = same_team(a.home, b.home) and same_team(a.away, b.away)
    return straight or (same_team(a.home, b.away) and same_team(a.away, b.home))


def _combine(primary: Event, other: Event) -> Event:
    """The primary record, with what only the other source knows filled in."""
    return replace(
        primary,
        espn_id=primary.espn_id or other.espn_id,
        venue=primary.venue or other.venue,
        status=primary.status or other.status,
        season=primary.season or other.season,
        thumb=primary.thumb or other.thumb,
        league_id=primary.league_id or other.league_id,
        parts=primary.parts or other.parts,
        participants=primary.participants or other.participants,
    )


def _league_key(e: Event) -> str:
    return normalise_league(e.league)


def merge_events(
    a: Iterable[Event], b: Iterable[Event], tolerance: timedelta = DEFAULT_TOLERANCE
) -> list[Event]:
    """Events of `a` (the primary source, whose ids are kept), then events of `b` not already in `a`.

    An event of `b` that matches one of `a` is folded into it (ESPN id, and venue/status/season/thumb
    where `a` has none). Each event of `a` absorbs at most one event of `b`, the closest in time.
    Events without a kick-off time are never merged (nothing says they are the same game).
    """
    merged = list(a)
    # Per league, the timed events of `a` sorted by kick-off, so each event of `b` only looks at
    # the few within the tolerance window.
    starts: dict[str, list[datetime]] = defaultdict(list)
    slots: dict[str, list[int]] = defaultdict(list)
    for i in sorted((i for i, e in enumerate(merged) if e.start_utc is not None),
                    key=lambda i: merged[i].start_utc):  # type: ignore[arg-type,return-value]
        key = _league_key(merged[i])
        starts[key].append(merged[i].start_utc)  # type: ignore[arg-type]
        slots[key].append(i)
    taken: set[int] = set()
    extra: list[Event] = []
    for other in b:
        best: int | None = None
        best_gap: timedelta | None = None
        key = _league_key(other)
        if other.start_utc is not None and key in starts:
            lo = bisect.bisect_left(starts[key], other.start_utc - tolerance)
            hi = bisect.bisect_right(starts[key], other.start_utc + tolerance)
            for i in slots[key][lo:hi]:
                if i in taken or not same_event(merged[i], other, tolerance):
                    continue
                gap = abs(merged[i].start_utc - other.start_utc)  # type: ignore[operator]
                if best_gap is None or gap < best_gap:
                    best, best_gap = i, gap
        if best is None:
            extra.append(other)
        else:
            merged[best] = _combine(merged[best], other)
            taken.add(best)
    return merged + extra
