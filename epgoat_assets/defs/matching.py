"""`channel_event_matches`: every event channel decided, stored for analysts, checked against a floor."""


from datetime import date

import dagster as dg

from epgoat_assets.defs.events import sports_events
from epgoat_assets.defs.partitions import date_x_playlist, split_key
from epgoat_assets.defs.playlists import filtered_channels
from epgoat_assets.defs.staging import CHANNELS, RESULTS, read_staged, staging_key
from epgoat_assets.lib import pipeline
from epgoat_assets.lib.guide.blocks import build_provider_guide, guide_context_window
from epgoat_assets.lib.guide.from_name import guide_coverage
from epgoat_assets.lib.matching.caches import WarehouseCrossProviderCache, WarehouseMatchCache
from epgoat_assets.lib.matching.chain import InMemoryEventDetailsCache
from epgoat_assets.lib.models import Candidate
from epgoat_assets.lib.playlists.registry import playlist_settings
from epgoat_assets.lib.serialize import channel_from_dict, dump_jsonl_gz, load_jsonl_gz, result_to_dict
from epgoat_assets.lib.sports.settings import load_sports_config
from epgoat_assets.lib.warehouse import store
from epgoat_resources.llm import LLMResource
from epgoat_resources.object_store import ObjectStoreResource
from epgoat_resources.sports_data import SportsDataResource
from epgoat_resources.warehouse import WarehouseResource

MATCH_RATE_FLOOR = "match_rate_floor"


def _event_days_mapping() -> dg.PartitionMapping:
    # Lineage links a date's matches to that day's events; the asset also reads the day before and
    # the day after from the warehouse, since games near midnight UTC belong to the provider's local
    # day (the daily events schedule keeps the neighbouring days materialised).
    return dg.MultiToSingleDimensionPartitionMapping(partition_dimension_name="date")


@dg.asset(
    partitions_def=date_x_playlist,
    deps=[filtered_channels, dg.AssetDep(sports_events, partition_mapping=_event_days_mapping())],
    group_name="matching",
    kinds={"python"},
    pool="warehouse",
    # A warehouse restart mid-run rolls the transaction back; a retry then stores every row once.
    retry_policy=dg.RetryPolicy(max_retries=2, delay=5, backoff=dg.Backoff.EXPONENTIAL),
    check_specs=[dg.AssetCheckSpec(MATCH_RATE_FLOOR, asset="channel_event_matches",
                                   description="Match rate of event channels is at or above the provider's floor.")],
    description="For every event channel, the event it carries (with handler and confidence) or why none.",
)
def channel_event_matches(
    context: dg.AssetExecutionContext,
    warehouse: WarehouseResource,
    object_store: ObjectStoreResource,
    llm: LLMResource,
    sports_data: SportsDataResource,
) -> dg.MaterializeResult:
    day_s, playlist_key = split_key(context)
    day = date.fromisoformat(day_s)
    db = warehouse.database()
    settings = playlist_settings(db, playlist_key)
    channels = [channel_from_dict(d) for d in load_jsonl_gz(read_staged(object_store, playlist_key, day_s, CHANNELS))]
    start, end = store.day_window(day)
    events = store.load_events(db, start, end)
    if not events:
        context.log.warning("no events stored between %s and %s: materialise sports_events for those days", start, end)

    match_cache = WarehouseMatchCache(db, playlist_key, day)
    cross = WarehouseCrossProviderCache(db, playlist_key, day)
    resolver = llm.resolver(events, run_label=f"{playlist_key}/{day_s}")
    plugins = pipeline.MatchPlugins(
        overrides=store.overrides_for(db, playlist_key, day),
        match_cache=match_cache,
        cross_provider_cache=cross,
        llm=pipeline.CandidateEventsLLM(resolver, events) if resolver is not None else None,
        learned_aliases=store.load_team_aliases(db),
        team_resolutions=store.load_team_resolutions(db),
        # Only a live source can know events the stored days lack; the snapshot holds nothing more.
        live_lookup=pipeline.DayEventsLookup(sports_data.fetch_day, {e.event_id for e in events})
        if sports_data.is_live else None,
        # Events the live lookup finds serve the run's later channels (link 2), then are stored.
        event_cache=InMemoryEventDetailsCache() if sports_data.is_live else None,
    )
    results = pipeline.match_channels(channels, events, on_date=day, provider=settings, plugins=plugins)
    if plugins.event_cache is not None and plugins.event_cache.by_id:
        store.upsert_events(db, list(plugins.event_cache.by_id.values()))

    object_store.put_bytes(staging_key(playlist_key, day_s, RESULTS), dump_jsonl_gz(result_to_dict(r) for r in results),
                           "application/gzip")
    # The guide's tier per event channel (event | name | filler) is stored with the decisions, so the
    # warehouse and dbt can report guide coverage next to the match rate; epg_xml builds the same guide.
    guide = build_provider_guide(results, provider=settings, on_date=day, sports_cfg=load_sports_config(),
                                 known_events=store.load_events(db, *guide_context_window(day)))
    coverage = guide_coverage(guide.sources, results)
    store.save_match_results(db, playlist_key, day, results, guide_sources=guide.sources)
    match_cache.flush()
    cross.flush()
    resolutions_stored = store.save_team_resolutions(db, plugins.team_resolutions)
    family_leagues: dict[str, dict[str, int]] = {}
    for r in results:
        if r.status == "matched" and r.event is not None and r.channel.family:
            counts = family_leagues.setdefault(r.channel.family, {})
            counts[r.event.league] = counts.get(r.event.league, 0) + 1
    learned_families = store.learn_family_leagues(db, playlist_key, family_leagues)
    summary = pipeline.summarise(results)
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

    floor = settings.match_rate_floor
    passed = summary["event_channels"] == 0 or summary["match_rate"] >= floor
    by_id = {e.event_id: e for e in events}

    def _near(c: Candidate) -> str:
        # Name the event an operator would look for: title, kick-off (UTC) and the score it got.
        e = by_id.get(c.event_id)
        if e is None:
            return f"event {c.event_id} (score {c.score:.2f})"
        when = e.start_utc.strftime("%Y-%m-%d %H:%M UTC") if e.start_utc else "time unknown"
        title = e.title or f"{e.home} vs {e.away}"
        return f"{title} ({e.league}, {when}, score {c.score:.2f})"

    unmatched_rows = [
        (r.channel.family or "", r.entry.name, r.reason or "", "; ".join(_near(c) for c in r.candidates[:3]))
        for r in results if r.channel.is_event_channel and not r.channel.placeholder and r.status != "matched"
    ]
    return dg.MaterializeResult(
        metadata={
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
            "team_resolutions_stored": resolutions_stored,
            "families_given_a_league": dg.MetadataValue.json(learned_families),
            "handler_mix": dg.MetadataValue.json(summary["handler_mix"]),
            "unmatched_reasons": dg.MetadataValue.json(summary["unmatched_reasons"]),
            "top_unmatched_families": dg.MetadataValue.md(
                pipeline.markdown_table(summary["top_unmatched_families"], ["family", "unmatched channels"])),
            "near_misses": dg.MetadataValue.md(pipeline.markdown_table(unmatched_rows[:50],
                                                                       ["family", "name", "reason", "nearest candidates"])),
        },
        check_results=[dg.AssetCheckResult(
            check_name=MATCH_RATE_FLOOR,
            passed=passed,
            severity=dg.AssetCheckSeverity.ERROR,
            metadata={"match_rate": float(summary["match_rate"]), "floor": floor},
        )],
    )

