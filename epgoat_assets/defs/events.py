"""The `sports_events` asset: one day's events, fetched through the sports-data resource and stored."""


from collections import Counter
from datetime import UTC, date, datetime, timedelta

import dagster as dg

from epgoat_assets.defs.partitions import event_days
from epgoat_assets.lib.matching.aliases import config_alias_rows
from epgoat_assets.lib.warehouse import store
from epgoat_assets.lib.warehouse.db import Database
from epgoat_resources.sports_data import SportsDataResource
from epgoat_resources.warehouse import WarehouseResource


@dg.asset(
    partitions_def=event_days,
    group_name="events",
    kinds={"python", "duckdb"},
    pool="warehouse",
    retry_policy=dg.RetryPolicy(max_retries=3, delay=10, backoff=dg.Backoff.EXPONENTIAL),
    check_specs=[dg.AssetCheckSpec(
        "every_league_fetched", asset="sports_events",
        description="Every (source, league) fetch of the day succeeded (WARN names the leagues that failed;"
                    " the next run asks for them again).")],
    description="Sports events of one UTC day, normalised and upserted into the warehouse.",
)
def sports_events(
    context: dg.AssetExecutionContext, sports_data: SportsDataResource, warehouse: WarehouseResource
) -> dg.MaterializeResult:
    day = date.fromisoformat(context.partition_key)
    # Raises only when every league failed; then the retry policy asks again. A partial day is
    # stored, and the failed leagues are named below instead of failing the step: a retry of the
    # whole day would repeat every request to wait on one broken league.
    batch = sports_data.fetch_day(day)
    counts = store.upsert_events(warehouse.database(), batch.events)
    by_league = Counter(e.league for e in batch.events)
    failed = batch.failed_leagues
    context.log.info(
        "events %s: %d stored (%d new, %d updated, %d unchanged)",
        day, counts.stored, counts.new, counts.updated, counts.unchanged,
    )
    for league in failed:
        context.log.warning(next(f for f in batch.failures if f.league == league).line())
    for note in batch.truncated:
        context.log.warning("events %s: %s", day, note)
    check = dg.AssetCheckResult(
        check_name="every_league_fetched",
        passed=not failed,
        severity=dg.AssetCheckSeverity.WARN,
        metadata={
            "failed_leagues": ", ".join(failed) or "none",
            "fetches_ok": len(batch.fetched),
            "fetches_failed": len(batch.failures),
            "errors": dg.MetadataValue.json([
                {"source": f.source, "league": f.league, "error": f.error} for f in batch.failures]),
        },
    )
    return dg.MaterializeResult(
        check_results=[check],
        metadata={
            "failed_leagues": ", ".join(failed) or "none",
            "truncated": "; ".join(batch.truncated) or "none",
            "fetched_leagues": len(batch.fetched),
            "events": counts.stored,
            "new": counts.new,
            "updated": counts.updated,
            "unchanged": counts.unchanged,
            "skipped_records": batch.skipped_total,
            "source": batch.source,
            "by_league": dg.MetadataValue.md(
                "| league | events |\n|---|---|\n"
                + "".join(f"| {lg} | {n} |\n" for lg, n in sorted(by_league.items(), key=lambda x: (-x[1], x[0])))
            ),
        }
    )


@dg.asset(
    group_name="events",
    kinds={"python", "duckdb"},
    pool="warehouse",
    description="Team aliases from config/teams (real team lists + curated short forms) seeded into the warehouse.",
)
def team_aliases(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    rows = list(config_alias_rows())
    with warehouse.session() as db:
        inserted = store.save_team_aliases(db, rows)
        learned = [r for r in store.load_team_aliases(db) if not r[3].startswith("config:")]
    return dg.MaterializeResult(metadata={"configured_aliases": len(rows), "rows_upserted": inserted,
                                          "learned_aliases": len(learned),
                                          "leagues": len({r[1] for r in rows})})


FRESHNESS_DAYS = 3  # today and the next two days: what the guide for today and tomorrow reads


def coming_days_event_counts(db: Database, today: date, days: int = FRESHNESS_DAYS) -> dict[str, int]:
    """Active events stored per UTC day, from `today` on, for the freshness check."""
    return {str(today + timedelta(days=i)): store.count_events_by_day(db, today + timedelta(days=i)) for i in range(days)}


@dg.asset_check(asset=sports_events,
                description="Today and the next two UTC days each have events stored (WARN when a day is empty).")
def events_freshness(context: dg.AssetCheckExecutionContext, warehouse: WarehouseResource) -> dg.AssetCheckResult:
    # Unpartitioned on purpose (partitioned checks are preview in 1.13): it looks at the days the
    # daily events schedule keeps fresh, whichever partition ran last.
    counts = coming_days_event_counts(warehouse.database(), datetime.now(UTC).date())
    empty = [d for d, n in counts.items() if n == 0]
    return dg.AssetCheckResult(
        passed=not empty,
        severity=dg.AssetCheckSeverity.WARN,
        metadata={"events_by_day": dg.MetadataValue.json(counts), "empty_days": ", ".join(empty) or "none",
                  "events_today": next(iter(counts.values()))},
    )
