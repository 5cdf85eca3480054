"""The stages glued together, shared by the `epgoat` command line and the Dagster assets."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from epgoat_assets.lib.models import Candidate, ChannelInfo, Event, MatchResult
from epgoat_assets.lib.playlists.channels import ClassifyResult, classify_channels
from epgoat_assets.lib.playlists.families import DiscoveredFamily, load_family_config
from epgoat_assets.lib.playlists.m3u import Divert, ParsedPlaylist, parse_m3u
from epgoat_assets.lib.playlists.providers import ProviderConfig, settle_timezone
from epgoat_assets.lib.playlists.vod_filter import VodRules, load_vod_rules
from epgoat_assets.lib.records import gc_paused, record_builder

if TYPE_CHECKING:
    from epgoat_assets.lib.guide.blocks import Guide

log = logging.getLogger(__name__)
# 300K filtered VOD entries each get a decision: built without the frozen dataclass' __init__.
_make_result = record_builder(MatchResult)



@dataclass
class ClassifiedPlaylist:
    parsed: ParsedPlaylist
    classified: ClassifyResult


def classify_playlist(
    source: str | Path | bytes,
    provider: ProviderConfig,
    *,
    known_families: Sequence[DiscoveredFamily] | None = None,
    extra_vod_rules: Sequence[Mapping[str, Any]] = (),
    divert_vod: bool = False,
) -> ClassifiedPlaylist:
    """Parse a playlist and classify every entry (VOD filter, event-channel families).

    `extra_vod_rules`: operator-added rules (the `vod_filter_patterns` table). They go first: an
    operator's rule is more specific than the configured ones (which keep `/live/` streams early).

    `divert_vod`: entries the leading hard VOD rules drop are settled while the playlist is read
    and kept only as `parsed.diverted` rows (no entry, channel or decision records): for callers
    that report them and nothing more. Counts and `matches.csv` read the same either way.
    """
    parsed, rules = read_playlist(source, provider, extra_vod_rules=extra_vod_rules, divert_vod=divert_vod)
    return classify_parsed(parsed, provider, rules, known_families=known_families)


def read_playlist(
    source: str | Path | bytes,
    provider: ProviderConfig,
    *,
    extra_vod_rules: Sequence[Mapping[str, Any]] = (),
    divert_vod: bool = False,
) -> tuple[ParsedPlaylist, VodRules]:
    """`classify_playlist`'s first half: the parsed playlist and the VOD rules to classify it with."""
    rules = load_vod_rules(provider=provider.key)
    if extra_vod_rules:
        rules = VodRules([*VodRules.from_records(extra_vod_rules).rules, *rules.rules], provider=provider.key)
    tests = rules.leading_hard_tests() if divert_vod else ()
    return parse_m3u(source, divert=Divert(tests) if tests else None), rules


def classify_parsed(
    parsed: ParsedPlaylist,
    provider: ProviderConfig,
    rules: VodRules,
    *,
    known_families: Sequence[DiscoveredFamily] | None = None,
) -> ClassifiedPlaylist:
    """`classify_playlist`'s second half."""
    classified = classify_channels(
        parsed.entries,
        vod_rules=rules,
        families=load_family_config(),
        discovered=known_families,
        provider=provider.key,
        diverted=Counter(row[3] for row in parsed.diverted),
    )
    return ClassifiedPlaylist(parsed, classified)


@dataclass
class ChainLinks:
    """What the chain's storage- and service-backed links need; all optional (offline and deterministic).

    A link whose entry here is None is left out of `Matcher.chain`.
    """

    overrides: Mapping[str, str | None] = field(default_factory=dict)
    match_cache: Any = None
    event_cache: Any = None
    cross_provider_cache: Any = None
    live_lookup: Any = None
    llm: Any = None
    learned_aliases: list[tuple[str, str, str, str]] = field(default_factory=list)
    # team_resolution_cache rows (text_norm, league, team, method, score): imported before matching,
    # and after matching replaced by what the resolver knows then, for the caller to store.
    team_resolutions: list[tuple[str, str, str | None, str, float]] = field(default_factory=list)


def match_channels(
    channels: Sequence[ChannelInfo],
    events: Sequence[Event],
    *,
    on_date: date,
    provider: ProviderConfig,
    links: ChainLinks | None = None,
) -> list[MatchResult]:
    """One decision per playlist entry, in playlist order."""
    from epgoat_assets.lib.matching.aliases import apply_learned_aliases
    from epgoat_assets.lib.matching.chain import Matcher, MatchSettings
    from epgoat_assets.lib.matching.teams import TeamResolver

    links = links or ChainLinks()
    provider = settle_timezone(provider, channels)
    resolver = TeamResolver.from_config()
    apply_learned_aliases(resolver, links.learned_aliases)
    matcher = Matcher(
        list(events),
        resolver=resolver,
        settings=MatchSettings(min_confidence=provider.min_confidence, other_day_tz=provider.other_day_zone),
        overrides=dict(links.overrides),
        match_cache=links.match_cache,
        event_details=links.event_cache,
        cross_provider=links.cross_provider_cache,
        api_lookup=links.live_lookup,
        llm=links.llm,
    )
    if links.team_resolutions:
        # After the Matcher has added the events' teams: a later catalogue change would drop these.
        resolver.import_cache(links.team_resolutions)
    # Most of a provider's entries are VOD the filter already dropped: their decision is fixed, so
    # only the rest go through the matcher (a filtered entry a fixture spoke for still does).
    to_match = [ch for ch in channels if ch.filtered_by is None or ch.recognised_by == "fixture"]
    decided = iter(matcher.match(
        to_match,
        on_date=on_date,
        provider=provider.key,
        default_tz=provider.timezone,
        date_order=provider.date_order,
    ))
    # One reason string per rule, shared by the hundreds of thousands of entries it dropped.
    reasons = {rule: f"filtered:{rule}" for rule in {ch.filtered_by for ch in channels}}
    make = _make_result
    results = [
        next(decided) if ch.filtered_by is None or ch.recognised_by == "fixture"
        else make(ch, "filtered", None, None, 0.0, reasons[ch.filtered_by], ())
        for ch in channels
    ]
    settled = settle_day(provider, results, on_date)
    if settled is not provider:
        # The games it matched say whose day the list keeps: the names that were ambiguous between
        # the two days are read again on that one.
        matcher.settings = replace(matcher.settings, other_day_tz=None)
        again = [i for i, r in enumerate(results) if r.reason == "ambiguous"]
        for i, res in zip(again, matcher.match([results[i].channel for i in again], on_date=on_date,
                                               provider=provider.key, default_tz=settled.timezone,
                                               date_order=provider.date_order), strict=True):
            results[i] = res
    links.team_resolutions = resolver.export_cache()
    return results


def settle_day(provider: ProviderConfig, results: Sequence[MatchResult], on_date: date) -> ProviderConfig:
    """The provider with the day its list keeps, when the zone read off the playlist left two days
    open and the matched games settle it; else the provider as it is."""
    if provider.other_day_zone is None:
        return provider
    from epgoat_assets.lib.playlists.list_zone import day_zone_from_matches

    zone = day_zone_from_matches(results, on_date, provider.timezone, provider.other_day_zone)
    if zone is None:
        return provider
    return provider.model_copy(update={"timezone": zone, "other_day_zone": None})


@dataclass
class MatchRun:
    """One playlist's day matched: the decisions and what the caller stores and reports about them."""

    results: list[MatchResult]
    guide: Guide  # built here so its tier per event channel and channel ids go with the decisions
    summary: dict[str, Any]
    coverage: dict[str, Any]
    # Events the live lookup found during the run; the caller stores them.
    found_events: list[Event]
    # Event family -> league -> matched channels, for the family-league memory.
    family_leagues: dict[str, dict[str, int]]

    def channel_ids_by_url(self) -> dict[str, str]:
        """Stream URL -> the guide's channel id (the warehouse keys match rows by stream)."""
        ids = self.guide.channel_ids()
        return {r.entry.url: ids[r.entry.index] for r in self.results if r.entry.index in ids}

    def near_misses(self, events: Sequence[Event], limit: int = 50) -> list[tuple[str, str, str, str]]:
        """(family, name, reason, nearest candidates) of each unmatched event channel, first `limit`."""
        by_id = {e.event_id: e for e in events}

        def near(c: Candidate) -> str:
            # Name the event an operator would look for: title, kick-off (UTC) and the score it got.
            e = by_id.get(c.event_id)
            if e is None:
                return f"event {c.event_id} (score {c.score:.2f})"
            when = e.start_utc.strftime("%Y-%m-%d %H:%M UTC") if e.start_utc else "time unknown"
            return f"{e.title or f'{e.home} vs {e.away}'} ({e.league}, {when}, score {c.score:.2f})"

        rows = [(r.channel.family or "", r.entry.name, r.reason or "", "; ".join(near(c) for c in r.candidates[:3]))
                for r in self.results
                if r.channel.is_event_channel and not r.channel.placeholder and r.status != "matched"]
        return rows[:limit]


def run_matching(
    channels: Sequence[ChannelInfo],
    events: Sequence[Event],
    *,
    on_date: date,
    provider: ProviderConfig,
    links: ChainLinks | None = None,
    known_events: Sequence[Event] = (),
    diverted: int = 0,
) -> MatchRun:
    """Match every entry, build the provider's guide from the decisions, and count what happened.

    `known_events`: the wider window the guide doubts a name's own time against (a stale name from
    another day must not become a game programme). `diverted`: entries settled as VOD while the
    playlist was read (no channel), counted as filtered.
    """
    from epgoat_assets.lib.guide.blocks import build_provider_guide
    from epgoat_assets.lib.guide.from_name import guide_coverage
    from epgoat_assets.lib.sports.settings import load_sports_config

    links = links or ChainLinks()
    provider = settle_timezone(provider, channels)
    # Decisions, guide channels and programmes are acyclic records, tens of thousands of them: a
    # paused collector stops re-walking the playlist's entries every few hundred allocations.
    with gc_paused():
        results = match_channels(channels, events, on_date=on_date, provider=provider, links=links)
        provider = settle_day(provider, results, on_date)
        found = list(links.event_cache.by_id.values()) if links.event_cache is not None else []
        # What the live lookup found is context for the guide as much as what was stored before.
        context = {e.event_id: e for e in known_events} | {e.event_id: e for e in found}
        guide = build_provider_guide(results, provider=provider, on_date=on_date,
                                     sports_cfg=load_sports_config(), known_events=list(context.values()))
    family_leagues: dict[str, dict[str, int]] = {}
    for r in results:
        if r.status == "matched" and r.event is not None and r.channel.family:
            counts = family_leagues.setdefault(r.channel.family, {})
            counts[r.event.league] = counts.get(r.event.league, 0) + 1
    return MatchRun(results=results, guide=guide, summary=summarise(results, diverted=diverted),
                    coverage=guide_coverage(guide.sources, results), found_events=found,
                    family_leagues=family_leagues)


def summarise(results: Iterable[MatchResult], *, diverted: int = 0) -> dict[str, Any]:
    """Counts an operator reads first: match rate over event channels, handler mix, top unmatched families.

    `diverted`: entries filtered while the playlist was read, which have no decision record.
    """
    results = list(results)
    status = Counter(r.status for r in results)
    status["filtered"] += diverted
    # Event channels are never filtered: one pass over the whole playlist, the rest over its family members.
    members = [r for r in results if r.channel.is_event_channel]
    event_channels = [r for r in members if not r.channel.placeholder]
    matched = [r for r in event_channels if r.status == "matched"]
    unmatched_families = Counter(r.channel.family for r in event_channels if r.status != "matched")
    reasons = Counter(r.reason.split(":")[0] for r in event_channels if r.status != "matched" and r.reason)
    return {
        "entries": len(results) + diverted,
        "filtered": status.get("filtered", 0),
        "live": len(results) + diverted - status.get("filtered", 0),
        "event_channels": len(event_channels),
        "placeholders": len(members) - len(event_channels),
        "matched": len(matched),
        "unmatched": len(event_channels) - len(matched),
        "match_rate": round(len(matched) / len(event_channels), 4) if event_channels else 0.0,
        "handler_mix": dict(Counter(r.handler or "?" for r in matched).most_common()),
        "unmatched_reasons": dict(reasons.most_common()),
        "top_unmatched_families": unmatched_families.most_common(10),
    }


def meets_floor(summary: Mapping[str, Any], floor: float) -> bool:
    """The `match_rate_floor` rule: no event channels to match, or a match rate at the floor."""
    return summary["event_channels"] == 0 or float(summary["match_rate"]) >= floor


def markdown_table(rows: Iterable[Sequence[Any]], headers: Sequence[str]) -> str:
    def cell(v: Any) -> str:
        return str(v).replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


class CandidateEventsLLM:
    """Adapts an LLM resolver that judges `Event`s to the matcher, which hands it `Candidate`s."""

    def __init__(self, inner: Any, events: Sequence[Event]) -> None:
        self.inner = inner
        self.by_id = {e.event_id: e for e in events}

    def resolve(self, channel: Any, parsed: Any, candidates: Sequence[Any]) -> str | None:
        events = [self.by_id[c.event_id] for c in candidates if c.event_id in self.by_id]
        if not events or getattr(self.inner, "budget_exhausted", False):
            return None
        return self.inner.resolve(channel, parsed, events)


class DayEventsLookup:
    """Handler 6 (live API lookup): the source's events of the days around a name's date.

    `fetch_day` is the sports-data source (HTTP-cached, rate-limited); each day is fetched at most
    once per run and a failing day simply yields no candidates, never a failed run.
    """

    def __init__(self, fetch_day: Any, known_ids: set[str] | None = None) -> None:
        self.fetch_day = fetch_day
        self.known_ids = known_ids or set()
        self._days: dict[date, list[Event]] = {}
        self.failures = 0

    def _day(self, day: date) -> list[Event]:
        if day not in self._days:
            try:
                self._days[day] = list(self.fetch_day(day).events)
            except ValueError as exc:
                log.warning("live lookup of %s failed: %s", day, exc)
                self.failures += 1
                self._days[day] = []
        return self._days[day]

    def search(self, side_a: str, side_b: str | None, day: date) -> list[Event]:
        from datetime import timedelta

        found = [e for d in (day - timedelta(days=1), day, day + timedelta(days=1)) for e in self._day(d)]
        return [e for e in found if e.event_id not in self.known_ids]
