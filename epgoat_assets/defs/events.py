"""The `sports_events` asset: one day's events, fetched through the sports-data resource and stored."""


from collections import Counter
from datetime import date

import dagster as dg

from epgoat_assets.defs.partitions import event_days
from epgoat_assets.lib import store
from epgoat_resources.sports_data import SportsDataResource
from epgoat_resources.warehouse import WarehouseResource


@dg.asset(
    partitions_def=event_days,
    group_name="events",
    kinds={"python", "duckdb"},
    pool="warehouse",
    retry_policy=dg.RetryPolicy(max_retries=3, delay=10, backoff=dg.Backoff.EXPONENTIAL),
    description="Sports events of one UTC day, normalised and upserted into the warehouse.",
)
def sports_events(
    context: dg.AssetExecutionContext, sports_data: SportsDataResource, warehouse: WarehouseResource
) -> dg.MaterializeResult:
    day = date.fromisoformat(context.partition_key)
    batch = sports_data.fetch_day(day)
    counts = store.upsert_events(warehouse.database(), batch.events)
    by_league = Counter(e.league for e in batch.events)
    context.log.info(
        "events %s: %d stored (%d new, %d updated, %d unchanged)",
        day, counts.stored, counts.new, counts.updated, counts.unchanged,
    )
    return dg.MaterializeResult(
        metadata={
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


@dg.asset_check(asset=sports_events, description="The day has events stored (a gap in the source is a failure of its own).")
def events_freshness(context: dg.AssetCheckExecutionContext, warehouse: WarehouseResource) -> dg.AssetCheckResult:
    # Unpartitioned check: looks at today and the next two days, which the daily refresh covers.
    today = date.today()
    counts = {str(d): store.count_events_by_day(warehouse.database(), d) for d in (today,)}
    total = sum(counts.values())
    return dg.AssetCheckResult(
        passed=total > 0,
        severity=dg.AssetCheckSeverity.WARN,
        metadata={"events_today": total},
    )
