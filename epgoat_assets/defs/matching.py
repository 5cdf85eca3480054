"""The matches of a date x playlist and the guide files built from them, in one step.

`channel_event_matches` decides every event channel (stored for analysts, checked against a floor);
the guide built from those decisions is then written as `epg_xml` and `rewritten_m3u`
(`defs/guide_files.py`). One step, not three: the guide is built once, from the decisions in
memory, instead of staging them, decoding them twice and building the guide again.
"""


from collections.abc import Iterator
from datetime import date
from typing import Any

import dagster as dg

from epgoat_assets.defs.events import sports_events
from epgoat_assets.defs.guide_files import (
    GUIDE_CHECK_SPECS,
    MATCH_RATE_FLOOR,
    guide_file_specs,
    write_epg_xml,
    write_rewritten_m3u,
)
from epgoat_assets.defs.partitions import date_x_playlist, split_key
from epgoat_assets.defs.playlists import FILTERED_CHANNELS
from epgoat_assets.defs.staging import CHANNELS, read_staged
from epgoat_assets.lib import pipeline
from epgoat_assets.lib.guide.blocks import guide_context_window
from epgoat_assets.lib.matching.caches import WarehouseCrossProviderCache, WarehouseMatchCache
from epgoat_assets.lib.matching.chain import InMemoryEventDetailsCache
from epgoat_assets.lib.models import Event
from epgoat_assets.lib.playlists.registry import playlist_settings
from epgoat_assets.lib.serialize import channel_from_dict, load_jsonl_gz
from epgoat_assets.lib.warehouse import store
from epgoat_assets.lib.warehouse.db import Database
from epgoat_resources.llm import LLMResource
from epgoat_resources.object_store import ObjectStoreResource
from epgoat_resources.sports_data import SportsDataResource
from epgoat_resources.warehouse import WarehouseResource

CHANNEL_EVENT_MATCHES = "channel_event_matches"


def floor_description(passed: bool, rate: float, matched: int, event_channels: int, floor: float,
                      partition: str) -> str:
    """The check result's one line as the UI shows it: partition, rate, floor and verdict."""
    if event_channels == 0:
        return f"{partition}: no event channels to match (floor {floor:.0%})"
    verdict = "at or above" if passed else "below"
    return (f"{partition}: match rate {rate:.1%} ({matched} of {event_channels} event channels) "
            f"is {verdict} the floor {floor:.0%}")


def _event_days_mapping() -> dg.PartitionMapping:
    # Lineage links a date's matches to that day's events; the asset also reads the day before and
    # the day after from the warehouse, since games near midnight UTC belong to the provider's local
    # day (the daily events schedule keeps the neighbouring days materialised).
    return dg.MultiToSingleDimensionPartitionMapping(partition_dimension_name="date")


@dg.multi_asset(
    name="matches_and_guide_files",
    specs=[
        dg.AssetSpec(CHANNEL_EVENT_MATCHES, group_name="matching", kinds={"python"},
                     deps=[FILTERED_CHANNELS, dg.AssetDep(sports_events, partition_mapping=_event_days_mapping())],
                     description="For every event channel, the event it carries (with handler and confidence) "
                                 "or why none."),
        *guide_file_specs(CHANNEL_EVENT_MATCHES),
    ],
    partitions_def=date_x_playlist,
    pool="warehouse",
    # A warehouse restart mid-run rolls the transaction back; a retry then stores every row once
    # and writes the guide files again.
    retry_policy=dg.RetryPolicy(max_retries=2, delay=5, backoff=dg.Backoff.EXPONENTIAL),
    check_specs=[
        # Not blocking, on purpose: a day below the floor still gets its guide built and archived
        # (names carry their own times), and published_guide already keeps the stable keys off it.
        dg.AssetCheckSpec(MATCH_RATE_FLOOR, asset=CHANNEL_EVENT_MATCHES, blocking=False,
                          description="Match rate of event channels is at or above the provider's floor; "
                                      "each result names its date x playlist partition."),
        *GUIDE_CHECK_SPECS,
    ],
    description="Matches every event channel of a date x playlist, then writes the guide built from the "
                "decisions: the XMLTV guide (checked) and the M3U copy carrying its channel ids.",
)
def matches_and_guide_files(
    context: dg.AssetExecutionContext,
    warehouse: WarehouseResource,
    object_store: ObjectStoreResource,
    llm: LLMResource,
    sports_data: SportsDataResource,
) -> Iterator[dg.MaterializeResult]:
    # Fetch: the partition's staged channels and the stored events around its day.
    day_s, playlist_key = split_key(context)
    day = date.fromisoformat(day_s)
    with warehouse.session() as db:
        settings = playlist_settings(db, playlist_key)
        channels = [channel_from_dict(d) for d in load_jsonl_gz(read_staged(object_store, playlist_key, day_s, CHANNELS))]
        start, end = store.day_window(day)
        window = guide_context_window(day)
        known_events = store.load_events(db, *window)
        events = store.events_between(db, known_events, window, start, end)
        if not events:
            context.log.warning("no events stored between %s and %s: materialise sports_events for those days", start, end)

        # Call the domain: the chain (with its warehouse- and service-backed links), the guide, the counts.
        resolver = llm.resolver(events, run_label=f"{playlist_key}/{day_s}")
        links = _chain_links(db, playlist_key, day, events, resolver, sports_data)
        run = pipeline.run_matching(channels, events, on_date=day, provider=settings, links=links,
                                    known_events=known_events)
        stored = _store(db, playlist_key, day, run, links, resolver)

    floor = settings.match_rate_floor
    passed = pipeline.meets_floor(run.summary, floor)
    yield dg.MaterializeResult(
        asset_key=CHANNEL_EVENT_MATCHES,
        metadata=match_metadata(run, events, stored),
        check_results=[dg.AssetCheckResult(
            asset_key=CHANNEL_EVENT_MATCHES,
            check_name=MATCH_RATE_FLOOR,
            passed=passed,
            severity=dg.AssetCheckSeverity.ERROR,
            # The spec has no partitions_def (preview in 1.13), so the UI shows no partition column:
            # the result names its partition itself, in the description and as metadata.
            description=floor_description(passed, float(run.summary["match_rate"]), run.summary["matched"],
                                          run.summary["event_channels"], floor, f"{day_s}|{playlist_key}"),
            metadata={"match_rate": float(run.summary["match_rate"]), "floor": floor,
                      "partition": f"{day_s}|{playlist_key}", "date": day_s, "playlist": playlist_key},
        )],
    )

    # The guide files, from the guide built with the decisions.
    xml = write_epg_xml(object_store, playlist_key, day_s, run.guide, run.coverage, floor_passed=passed)
    yield xml
    if not all(c.passed for c in xml.check_results):
        return  # a failed blocking check: Dagster fails the step, and the M3U copy is not written
    yield write_rewritten_m3u(object_store, playlist_key, day_s, settings, run.results, run.guide.channel_ids())


def _chain_links(db: Database, playlist_key: str, day: date, events: list[Event], resolver: Any,
                 sports_data: SportsDataResource) -> pipeline.ChainLinks:
    """The chain's links that need the warehouse or a service, for this partition."""
    return pipeline.ChainLinks(
        overrides=store.overrides_for(db, playlist_key, day),
        match_cache=WarehouseMatchCache(db, playlist_key, day),
        cross_provider_cache=WarehouseCrossProviderCache(db, playlist_key, day),
        llm=pipeline.CandidateEventsLLM(resolver, events) if resolver is not None else None,
        learned_aliases=store.load_team_aliases(db),
        team_resolutions=store.load_team_resolutions(db),
        # Only a live source can know events the stored days lack; the snapshot holds nothing more.
        live_lookup=pipeline.DayEventsLookup(sports_data.fetch_day, {e.event_id for e in events})
        if sports_data.is_live else None,
        # Events the live lookup finds serve the run's later channels (event-details link), then are stored.
        event_cache=InMemoryEventDetailsCache() if sports_data.is_live else None,
    )


def _store(db: Database, playlist_key: str, day: date, run: pipeline.MatchRun, links: pipeline.ChainLinks,
           resolver: Any) -> dict[str, Any]:
    """Every table the run feeds; returns what the metadata reports about the writes."""
    if run.found_events:
        store.upsert_events(db, run.found_events)
    # The guide's tier and channel id per entry are stored with the decisions, so the warehouse and
    # dbt report guide coverage next to the match rate; epg_xml is this guide.
    store.save_match_results(db, playlist_key, day, run.results, channel_ids=run.channel_ids_by_url(),
                             guide_sources=run.guide.sources)
    links.match_cache.flush()
    links.cross_provider_cache.flush()
    resolutions_stored = store.save_team_resolutions(db, links.team_resolutions)
    learned_families = store.learn_family_leagues(db, playlist_key, run.family_leagues)
    summary, coverage = run.summary, run.coverage
    store.save_daily_stats(db, day, playlist_key, {
        "match_rate": summary["match_rate"], "matched": summary["matched"], "unmatched": summary["unmatched"],
        "event_channels_matchable": summary["event_channels"],
        "guide_coverage": coverage["guide_coverage"], "guide_timed_channels": coverage["timed"],
    })
    if resolver is not None:
        u = resolver.usage
        store.save_llm_usage(db, day, playlist_key, u.model, u.calls, u.input_tokens, u.output_tokens,
                             u.cache_read_tokens, u.cache_write_tokens)
        learned = [(alias, league, team, "llm") for alias, team, league in getattr(resolver, "learned", [])]
        if learned:
            store.save_team_aliases(db, learned)
    return {"team_resolutions_stored": resolutions_stored, "families_given_a_league": learned_families}


def match_metadata(run: pipeline.MatchRun, events: list[Event], stored: dict[str, Any]) -> dict[str, Any]:
    """The asset's metadata, in one place: counts, rates (plotted per partition) and the near misses."""
    summary, coverage = run.summary, run.coverage
    return {
        "match_rate": dg.MetadataValue.float(float(summary["match_rate"])),
        "event_channels": summary["event_channels"],
        "matched": summary["matched"],
        "unmatched": summary["unmatched"],
        "placeholders": summary["placeholders"],
        # Event channels with a timed programme, from a matched event or from the name's own time.
        "guide_coverage": dg.MetadataValue.float(float(coverage["guide_coverage"])),
        "guide_timed_channels": coverage["timed"],
        "guide_from_name": coverage["from_name"],
        "events_in_window": len(events),
        "team_resolutions_stored": stored["team_resolutions_stored"],
        "families_given_a_league": dg.MetadataValue.json(stored["families_given_a_league"]),
        "handler_mix": dg.MetadataValue.json(summary["handler_mix"]),
        "unmatched_reasons": dg.MetadataValue.json(summary["unmatched_reasons"]),
        "top_unmatched_families": dg.MetadataValue.md(
            pipeline.markdown_table(summary["top_unmatched_families"], ["family", "unmatched channels"])),
        "near_misses": dg.MetadataValue.md(pipeline.markdown_table(run.near_misses(events),
                                                                   ["family", "name", "reason", "nearest candidates"])),
    }
