"""Turn match decisions into guide blocks: pre-game, game, post-game and filler, per channel.

Every channel in the guide covers the whole window without overlaps, because players show an empty
guide row as "No information" and some drop channels whose guide has holes.

Three tiers per event channel (`Guide.sources`): `event` = matched, scheduled from the event; `name` =
not matched, but the name states a time, so the programme is built from the name (`from_name.py`)
and says so; `filler` = no time in the name (or a placeholder or decoy), titled with the cleaned name.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from epgoat_assets.lib.guide.channel_ids import assign_channel_ids
from epgoat_assets.lib.guide.from_name import (
    GuideSource,
    NamePlan,
    NameReader,
    learn_stamp_offset,
    stamp_zone,
)
from epgoat_assets.lib.models import Event, MatchResult, Programme
from epgoat_assets.lib.playlists.providers import ProviderConfig
from epgoat_assets.lib.records import record_builder
from epgoat_assets.lib.sports.settings import SportsConfig
from epgoat_assets.lib.text import single_spaced

# `Event.source` of a programme built from a channel's name rather than a listed event.
NAME_SOURCE = "channel-name"

ChannelKind = Literal["event", "live"]


class ScheduleError(ValueError):
    """Bad guide parameters (unknown time zone, empty window)."""


@dataclass(frozen=True, slots=True)
class GuideChannel:
    channel_id: str
    display_names: tuple[str, ...]  # most useful first; at least one
    icon: str | None = None
    kind: ChannelKind = "live"  # event = an event-family slot, live = an ordinary live channel
    family: str | None = None
    matched: bool = False  # at least one event scheduled on it
    entry_indexes: tuple[int, ...] = ()  # playlist entries that carry this stream


_make_guide_channel = record_builder(GuideChannel)


@dataclass(frozen=True, slots=True)
class Guide:
    channels: list[GuideChannel]
    programmes: list[Programme]  # sorted by channel order, then start
    provider: str = ""
    tz: str = "UTC"  # the provider's zone; the XMLTV writer writes times with its offset
    window_start: datetime | None = None
    window_end: datetime | None = None
    skipped: dict[str, int] = field(default_factory=dict)  # counted reasons for dropped inputs
    sources: dict[int, GuideSource] = field(default_factory=dict)  # event-channel entry index -> tier

    def channel_ids(self) -> dict[int, str]:
        """Playlist entry index -> guide channel id, the mapping `write_m3u` needs."""
        return {idx: ch.channel_id for ch in self.channels for idx in ch.entry_indexes}


def zone(tz: str) -> ZoneInfo:
    try:
        return ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ScheduleError(f"unknown time zone {tz!r} (use an IANA name such as America/New_York)") from exc


def guide_window(on_date: date, tz: str, window_hours: int = 24) -> tuple[datetime, datetime]:
    """[start, end) in UTC: local midnight of `on_date` in the provider's zone, plus `window_hours`."""
    if window_hours <= 0:
        raise ScheduleError(f"window_hours must be positive, got {window_hours}")
    start = datetime.combine(on_date, time(0, 0), tzinfo=zone(tz)).astimezone(UTC)
    return start, start + timedelta(hours=window_hours)


# The texts below are pure functions of an event (or instant) and the zone; a guide asks for the same
# few hundred games on thousands of channels, so each is formatted once.
_memo = lru_cache(maxsize=8192)


@_memo
def clock(dt: datetime, tz: ZoneInfo) -> str:
    """`7:30 PM` in the provider's zone (players show titles verbatim, so keep them short)."""
    return dt.astimezone(tz).strftime("%I:%M %p").lstrip("0")


@_memo
def _when(event_start: datetime, since: datetime, tz: ZoneInfo) -> str:
    local, ref = event_start.astimezone(tz), since.astimezone(tz)
    days = (local.date() - ref.date()).days
    if days == 0:
        return f"at {clock(event_start, tz)}"
    if 0 < days < 7:
        return f"on {local:%a} at {clock(event_start, tz)}"
    return f"on {local:%b} {local.day} at {clock(event_start, tz)}"


@dataclass(frozen=True, slots=True)
class _Block:
    start: datetime
    stop: datetime
    kind: Literal["pregame", "game", "postgame"]
    event: Event


def _event_blocks(event: Event, cfg: SportsConfig, stops: dict[str, datetime] | None = None) -> list[_Block]:
    assert event.start_utc is not None
    start = event.start_utc.astimezone(UTC)
    stop = (stops or {}).get(event.event_id)
    end = stop or start + timedelta(minutes=cfg.game_minutes(event.sport, event.league))
    blocks = [_Block(start, end, "game", event)]
    # A name-built programme of an unknown sport gets no pre/post blocks: we would be guessing.
    wrappers = not isinstance(event, NameEvent) or bool(event.sport)
    if cfg.pregame_minutes and wrappers:
        blocks.insert(0, _Block(start - timedelta(minutes=cfg.pregame_minutes), start, "pregame", event))
    if cfg.postgame_minutes and wrappers:
        blocks.append(_Block(end, end + timedelta(minutes=cfg.postgame_minutes), "postgame", event))
    return blocks


def _title(event: Event, cfg: SportsConfig, emoji_titles: bool, prefix: str = "") -> str:
    text = f"{prefix}{event.display_title}"
    mark = cfg.emoji(event.sport, event.league) if emoji_titles else ""
    return f"{mark} {text}" if mark else text


@_memo
def _game_desc(event: Event, tz: ZoneInfo) -> str:
    assert event.start_utc is not None
    local = event.start_utc.astimezone(tz)
    if isinstance(event, NameEvent):
        return (f"{event.display_title}. From the channel name ({event.channel_name}): it states the start, "
                f"{local:%a %b} {local.day} at {clock(event.start_utc, tz)} {local.tzname()}; "
                "not matched to a listed event.")
    parts = [f"{event.league}: {event.display_title}." if event.league else f"{event.display_title}."]
    if event.venue:
        parts.append(f"{event.venue}.")
    parts.append(f"Starts {local:%a %b} {local.day} at {clock(event.start_utc, tz)} {local.tzname()}.")
    return " ".join(parts)


@_memo
def _episode_num(event: Event, tz: ZoneInfo) -> str:
    # xmltv_ns is zero-based: season = the game's year, episode = its local day of the year. DVR
    # "new episodes" rules then record every game once, and a rematch on another day is a new episode.
    assert event.start_utc is not None
    local = event.start_utc.astimezone(tz)
    return f"{local.year - 1} . {local.timetuple().tm_yday - 1} . "


def _block_programme(
    b: _Block, channel_id: str, cfg: SportsConfig, emoji_titles: bool, tz: ZoneInfo, start: datetime
) -> Programme:
    ev = b.event
    cats = cfg.categories(ev.sport, ev.league) if ev.sport or ev.league else cfg.default_categories
    common = dict(channel_id=channel_id, start=start, stop=b.stop, categories=cats, icon=ev.thumb)
    if b.kind == "game" and isinstance(ev, NameEvent):
        # No episode number, live or new flag: the name is all we know, and DVR rules act on those.
        sub = ": ".join(x for x in (ev.league, ev.full_title) if x) or None
        return Programme(title=_title(ev, cfg, emoji_titles), kind="game", sub_title=sub,
                         desc=_game_desc(ev, tz), **common)
    if b.kind == "game":
        return Programme(
            title=_title(ev, cfg, emoji_titles),
            kind="game",
            sub_title=ev.league or None,
            desc=_game_desc(ev, tz),
            live=True,
            new=True,
            episode_num=_episode_num(ev, tz),
            **common,
        )
    if b.kind == "pregame":
        return Programme(
            title=_title(ev, cfg, emoji_titles, "Pre-game: "),
            kind="pregame",
            sub_title=ev.league or None,
            desc=f"Coming up {_when(ev.start_utc, start, tz)}: {ev.display_title}.",  # type: ignore[arg-type]
            **common,
        )
    return Programme(
        title=_title(ev, cfg, emoji_titles, "Post-game: "),
        kind="postgame",
        sub_title=ev.league or None,
        desc=f"Reaction and highlights after {ev.display_title}.",
        **common,
    )


def _filler(
    channel_id: str,
    start: datetime,
    stop: datetime,
    *,
    idle_title: str,
    idle_desc: str | None,
    next_event: Event | None,
    last_event: Event | None,
    tz: ZoneInfo,
) -> Programme:
    if next_event is not None and next_event.start_utc is not None:
        title = f"Next: {next_event.display_title} {_when(next_event.start_utc, start, tz)}"
        desc = _game_desc(next_event, tz)
    elif last_event is not None:
        title = "Ended"
        desc = f"{last_event.display_title} has ended."
    else:
        title, desc = idle_title, idle_desc
    return Programme(channel_id=channel_id, start=start, stop=stop, title=title, kind="filler", desc=desc)


_LOOKBACK = timedelta(hours=12)
# Tens of thousands of channels and programmes per guide, built without the frozen __init__.
_make_programme = record_builder(Programme)


def _channel_programmes(
    channel_id: str,
    events: Sequence[Event],
    *,
    window: tuple[datetime, datetime],
    cfg: SportsConfig,
    emoji_titles: bool,
    tz: ZoneInfo,
    idle_title: str,
    idle_desc: str | None,
    stops: dict[str, datetime] | None = None,
) -> list[Programme]:
    w_start, w_end = window
    timed = sorted((e for e in events if e.start_utc is not None), key=lambda e: (e.start_utc, e.event_id))
    in_window: list[_Block] = []
    before: list[Event] = []
    after: list[Event] = []
    for ev in timed:
        blocks = _event_blocks(ev, cfg, stops)
        # A channel's own event that started the evening before the window (a UK list's 00:30 game
        # on a provider zone whose day starts at 05:00 UTC) is still shown: the row starts earlier.
        if blocks[-1].stop <= w_start - _LOOKBACK:
            before.append(ev)
        elif blocks[0].start >= w_end:
            after.append(ev)
        else:
            in_window.extend(blocks)

    out: list[Programme] = []
    cursor = min(w_start, in_window[0].start) if in_window else w_start
    last_event: Event | None = before[-1] if before else None

    def fill(until: datetime, next_event: Event | None) -> None:
        nonlocal cursor
        if until > cursor:
            out.append(
                _filler(
                    channel_id,
                    cursor,
                    until,
                    idle_title=idle_title,
                    idle_desc=idle_desc,
                    next_event=next_event,
                    last_event=last_event,
                    tz=tz,
                )
            )
            cursor = until

    for b in in_window:
        # Overlapping events on one slot (a provider reusing it early): the earlier event keeps its
        # blocks and the later one's blocks start where the earlier end, so the row never overlaps.
        start = max(b.start, cursor)
        if start >= b.stop:
            continue
        fill(start, b.event)
        out.append(_block_programme(b, channel_id, cfg, emoji_titles, tz, start))
        cursor = b.stop
        last_event = b.event
    fill(w_end, after[0] if after else None)
    return out


def _display_names(result: MatchResult) -> tuple[str, ...]:
    ch, entry = result.channel, result.entry
    names: list[str] = []
    for name in (entry.name, entry.tvg_name):
        if not single_spaced(name):
            name = " ".join(name.split())
        if name and name not in names:
            names.append(name)
    if ch.family:
        slot_name = f"{ch.family} {ch.slot:02d}" if ch.slot is not None else ch.family
        if slot_name not in names:
            names.append(slot_name)
    return tuple(names) or (entry.url,)


@dataclass(frozen=True, slots=True)
class NameEvent(Event):
    """What a channel's own name states, scheduled like an event: it is not a listed event, so it
    keeps the name it came from and the sides spelled out apart from the event fields."""

    channel_name: str = ""
    full_title: str = ""  # the sides with codes spelled out (`New York Yankees at Arizona Diamondbacks`)


def _name_event(cid: str, plan: NamePlan, raw_name: str) -> NameEvent:
    """A programme built from a name, in the shape the block builder schedules."""
    return NameEvent(event_id=f"name:{cid}", sport=plan.sport or "", league=plan.league or "", home="", away="",
                     start_utc=plan.start_utc, title=plan.title, source=NAME_SOURCE, channel_name=raw_name,
                     full_title=plan.full_title)


def _in_window(plan: NamePlan, window: tuple[datetime, datetime], cfg: SportsConfig) -> bool:
    assert plan.start_utc is not None
    end = plan.stop_utc or plan.start_utc + timedelta(minutes=cfg.game_minutes(plan.sport, plan.league))
    return plan.start_utc < window[1] and end > window[0]


def build_guide(
    results: Iterable[MatchResult],
    *,
    provider: str,
    on_date: date,
    tz: str,
    sports_cfg: SportsConfig,
    emoji_titles: bool,
    window_hours: int = 24,
    names: NameReader | None = None,
) -> Guide:
    """One guide for a provider's playlist: every kept (non-filtered) entry becomes a channel.

    Entries that carry the same stream (same guide id) share one guide channel. Matched events are
    scheduled; an unmatched event channel whose name states a time inside the window gets a programme
    from its name (`names` reads them; the provider's defaults when None); filler covers the rest so
    each row spans the whole window.
    """
    zi = zone(tz)
    window = guide_window(on_date, tz, window_hours)
    names = names or NameReader(on_date=on_date, tz=tz)
    kept = [r for r in results if r.status != "filtered" and r.channel.filtered_by is None]
    ids = assign_channel_ids(provider, (r.entry.url for r in kept))

    groups: dict[str, list[MatchResult]] = {}
    for r in kept:
        groups.setdefault(ids[r.entry.url], []).append(r)

    skipped: dict[str, int] = {}
    sources: dict[int, GuideSource] = {}
    channels: list[GuideChannel] = []
    programmes: list[Programme] = []
    make_channel, make_programme = _make_guide_channel, _make_programme
    for cid, members in groups.items():
        first = members[0]
        if len(members) == 1 and first.status != "matched" and first.channel.family is None:
            # Most kept entries are ordinary live channels: one idle programme over the window,
            # titled with the channel's name (what `_channel_programmes` gives a row without events).
            names_shown = _display_names(first)
            entry = first.channel.entry
            programmes.append(make_programme(cid, window[0], window[1], names_shown[0], "filler", None, None, (),
                                             None, False, False, None))
            channels.append(make_channel(cid, names_shown, entry.attrs.get("tvg-logo") or None, "live", None,
                                         False, (entry.index,)))
            continue
        events: dict[str, Event] = {}
        for r in members:
            if r.status != "matched" or r.event is None:
                continue
            if r.event.start_utc is None:
                # A match without a start time cannot be placed; filler keeps the row honest.
                skipped["matched_without_start_time"] = skipped.get("matched_without_start_time", 0) + 1
                continue
            events.setdefault(r.event.event_id, r.event)
        family = next((r.channel.family for r in members if r.channel.family), None)
        names_shown = _display_names(first)
        stops: dict[str, datetime] = {}
        source: GuideSource = "event" if events else "filler"
        idle_title, idle_desc = names_shown[0], None
        # A row with events never shows its idle texts (every gap before an event says what comes
        # next, every gap after one that it ended): only a row without any reads its names.
        if family and not events:
            for r in members:
                for game in names.series_games(r):
                    events.setdefault(game.event_id, game)
            if events:
                source = "name"
        if family and not events:
            plans = [names.plan(r.channel) for r in members if r.channel.is_event_channel]
            placeholder = all(r.channel.placeholder for r in members)
            idle_desc = "No event scheduled on this channel." if placeholder else (
                f"No guide information for: {names_shown[0]}")
            idle_title = plans[0].title if plans else family
            timed = next((p for p in plans if p.timed and _in_window(p, window, sports_cfg)), None)
            if timed is None and any(p.conflict for p in plans):
                skipped["name_contradicted_by_events"] = skipped.get("name_contradicted_by_events", 0) + 1
            if timed is not None:
                ev = _name_event(cid, timed, names_shown[0])
                events[ev.event_id] = ev
                if timed.stop_utc is not None:
                    stops[ev.event_id] = timed.stop_utc
                source = "name"
            elif (later := next((p for p in plans if p.timed), None)) is not None:
                assert later.start_utc is not None
                local = later.start_utc.astimezone(zi)
                idle_desc = (f"{later.title}: the channel name gives {local:%a %b} {local.day} at "
                             f"{clock(later.start_utc, zi)} {local.tzname()}, outside this guide's days.")
                skipped["name_time_outside_window"] = skipped.get("name_time_outside_window", 0) + 1
        programmes.extend(
            _channel_programmes(
                cid,
                list(events.values()),
                window=window,
                cfg=sports_cfg,
                emoji_titles=emoji_titles,
                tz=zi,
                idle_title=idle_title,
                idle_desc=idle_desc,
                stops=stops,
            )
        )
        for r in members:
            if r.channel.is_event_channel or r.status == "matched":
                sources[r.entry.index] = source
        channels.append(
            GuideChannel(
                channel_id=cid,
                display_names=names_shown,
                icon=next((r.entry.logo for r in members if r.entry.logo), None),
                kind="event" if family else "live",
                family=family,
                matched=source == "event",
                entry_indexes=tuple(r.entry.index for r in members),
            )
        )
    return Guide(
        channels=channels,
        programmes=programmes,
        provider=provider,
        tz=tz,
        window_start=window[0],
        window_end=window[1],
        skipped=skipped,
        sources=sources,
    )


def guide_context_window(on_date: date, days: int = 10) -> tuple[datetime, datetime]:
    """UTC span of the events a guide doubts names against: stale names are days, not hours, old."""
    return (datetime.combine(on_date - timedelta(days=days), time(0, 0), tzinfo=UTC),
            datetime.combine(on_date + timedelta(days=days + 1), time(0, 0), tzinfo=UTC))


def name_reader(provider: ProviderConfig, on_date: date, results: Sequence[MatchResult],
                known_events: Sequence[Event] = ()) -> NameReader:
    """The provider's name settings; a stamp zone its matched channels agree on beats the configured one.

    `known_events`: the events of the days around `on_date` (wider than the matcher's window), used
    to refuse a name that contradicts them (a fixture of another day, a team that plays someone else).
    """
    learned = learn_stamp_offset(results) if provider.learn_stamp_offset else None
    setting = learned if learned is not None else provider.stamp_utc_offset
    return NameReader(on_date=on_date, tz=provider.timezone, date_order=provider.date_order,
                      stamp_tz=stamp_zone(setting), known_events=known_events)


def build_provider_guide(
    results: Sequence[MatchResult], *, provider: ProviderConfig, on_date: date, sports_cfg: SportsConfig,
    known_events: Sequence[Event] = (),
) -> Guide:
    """`build_guide` with everything a provider's settings decide: zone, window, titles, stamps."""
    return build_guide(results, provider=provider.key, on_date=on_date, tz=provider.timezone,
                       sports_cfg=sports_cfg, emoji_titles=provider.emoji_titles,
                       window_hours=24 * provider.guide_window_days,
                       names=name_reader(provider, on_date, results, known_events))
