"""Shared domain records passed between the pipeline stages.

Every stage is a pure function over these records, so the CLI, the Dagster assets and the tests all
exercise the same code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

EntryStatus = Literal["filtered", "unmatched", "matched"]


@dataclass(frozen=True, slots=True)
class PlaylistEntry:
    """One `#EXTINF` entry of an extended M3U playlist, as the provider wrote it."""

    index: int  # 0-based position among the parsed entries (playlist order)
    line_no: int  # 1-based line of the #EXTINF line in the source file
    name: str  # display name after the first comma outside quotes
    url: str
    duration: float = -1
    attrs: dict[str, str] = field(default_factory=dict)  # every attribute, unknown keys kept
    directives: tuple[str, ...] = ()  # #EXTGRP, #EXTVLCOPT, #KODIPROP ... lines, verbatim, in order

    @property
    def tvg_id(self) -> str:
        return self.attrs.get("tvg-id", "")

    @property
    def tvg_name(self) -> str:
        return self.attrs.get("tvg-name", "")

    @property
    def group(self) -> str:
        return self.attrs.get("group-title", "")

    @property
    def logo(self) -> str:
        return self.attrs.get("tvg-logo", "")


def entry_group(entry: PlaylistEntry) -> str:
    """The entry's group: `group-title`, else the first `#EXTGRP` directive."""
    group = entry.attrs.get("group-title")
    if group:
        return group
    for d in entry.directives:
        if d.startswith("#EXTGRP:"):
            return d[8:].strip()
    return ""


@dataclass(frozen=True, slots=True)
class EventPart:
    """One scheduled part of a title event: a fight card's early prelims / prelims / main card, a race
    weekend's qualifying or race, a golf round."""

    name: str  # canonical, lower case: "early prelims", "prelims", "main card", "qualifying", "race"
    start_utc: datetime | None = None  # timezone-aware UTC


@dataclass(frozen=True, slots=True)
class Event:
    """A real sports event, normalised from TheSportsDB, ESPN or a snapshot.

    Team events have `home` and `away`; title events (fight cards, races, golf rounds) leave both
    empty and carry a `title`, their `parts` and the `participants` (fighters, drivers) instead.
    """

    event_id: str  # the source's event id (TheSportsDB `idEvent`); what matches.csv reports
    sport: str  # e.g. "Basketball", "Soccer", "Ice Hockey"
    league: str  # e.g. "NBA", "English Premier League"
    home: str
    away: str
    start_utc: datetime | None  # timezone-aware UTC; None when the source has no time
    league_id: str | None = None
    title: str = ""  # e.g. "Boston Celtics vs Orlando Magic"
    venue: str | None = None
    status: str | None = None
    season: str | None = None
    source: str = "snapshot"  # snapshot | thesportsdb | espn
    espn_id: str | None = None
    thumb: str | None = None  # event or league art, when known
    parts: tuple[EventPart, ...] = ()  # title events: the card's or weekend's parts, in start order
    participants: tuple[str, ...] = ()  # title events: fighters / drivers named by the source

    @property
    def is_title_event(self) -> bool:
        """No two teams: matched by title and time, not by sides."""
        return not (self.home and self.away)

    @property
    def display_title(self) -> str:
        return self.title or f"{self.home} vs {self.away}"


@dataclass(frozen=True, slots=True)
class ChannelInfo:
    """A playlist entry after VOD filtering and family recognition."""

    entry: PlaylistEntry
    filtered_by: str | None = None  # name of the VOD rule that dropped it; None = kept (live)
    family: str | None = None  # e.g. "NBA", "ESPN+", "Premier League"; None = not an event family
    slot: int | None = None  # running number within the family
    placeholder: bool = False  # an empty slot ("NBA 14", "NBA 14: No Event")
    league_hint: str | None = None  # league/sport the family is known to carry
    # How it was recognised: "family" (slot numbering / label), "content" (a fixture with a time,
    # league or events group) or "fixture" (only a `vs`/`@` fixture: an event channel only if matched).
    recognised_by: str = "family"
    # The name its event is read from when that is not the display name: a linear channel's name
    # shown for a game its `tvg-name` states (`Sky Sport Uno IT` / `21:00 ... : PSG vs Inter - 31/05/25`).
    event_name: str | None = None

    @property
    def name(self) -> str:
        """The name the event is read from: the display name, or the `tvg-name` that states it."""
        return self.event_name or self.entry.name

    @property
    def is_event_channel(self) -> bool:
        return self.filtered_by is None and self.family is not None


@dataclass(frozen=True, slots=True)
class Candidate:
    event_id: str
    score: float
    why: str = ""


@dataclass(frozen=True, slots=True)
class MatchResult:
    """The decision for one playlist entry."""

    channel: ChannelInfo
    status: EntryStatus
    event: Event | None = None
    handler: str | None = None  # which link of the chain settled it
    confidence: float = 0.0
    reason: str = ""  # why unmatched (near-miss diagnostics) or how matched
    candidates: tuple[Candidate, ...] = ()

    @property
    def entry(self) -> PlaylistEntry:
        return self.channel.entry


@dataclass(frozen=True, slots=True)
class Programme:
    """One guide block on one channel."""

    channel_id: str
    start: datetime  # timezone-aware
    stop: datetime
    title: str
    kind: Literal["pregame", "game", "postgame", "filler"] = "filler"
    sub_title: str | None = None
    desc: str | None = None
    categories: tuple[str, ...] = ()
    icon: str | None = None
    live: bool = False
    new: bool = False
    episode_num: str | None = None  # xmltv_ns or onscreen style value
