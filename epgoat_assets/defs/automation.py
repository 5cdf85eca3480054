"""Jobs, schedules and sensors: what runs every day without an operator.

Schedules start STOPPED (an operator turns them on in the UI, or `dagster schedule start`); the
playlist registry sensor and the run-failure audit sensor start RUNNING because they only register
partitions and record failures, they never launch work on their own.
"""

from __future__ import annotations

import hashlib
import json
import logging
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import dagster as dg

from epgoat_assets.defs.dbt import ANALYTICS_GROUP
from epgoat_assets.defs.jobs import epg_housekeeping_job, events_job, guide_job
from epgoat_assets.defs.partitions import START_DATE, add_playlist_keys, event_days, playlists
from epgoat_assets.lib.config import ConfigError
from epgoat_assets.lib.playlists.providers import InvalidKeyError, PlaylistKey, validate_playlist_key
from epgoat_assets.lib.playlists.registry import active_playlist_keys, playlist_settings
from epgoat_assets.lib.warehouse import store
from epgoat_assets.lib.warehouse.db import Database, DatabaseError
from epgoat_resources.warehouse import WarehouseResource

log = logging.getLogger(__name__)

# Evaluates the dbt models' automation condition (defs/dbt.py): the marts, the operator overview among
# them, are rebuilt after guide and events runs without an operator. RUNNING, because it only ever
# requests the analytics models, never a guide.
analytics_automation_sensor = dg.AutomationConditionSensorDefinition(
    "analytics_automation_sensor",
    target=dg.AssetSelection.groups(ANALYTICS_GROUP),
    default_status=dg.DefaultSensorStatus.RUNNING,
    minimum_interval_seconds=60,
    description="Rebuilds the dbt marts (operator overview included) after any upstream materialisation.",
)

# Days around the tick that the schedules refresh (offsets from the tick's UTC date).
DAILY_EVENT_OFFSETS = range(-1, 4)      # yesterday (late results), today and the next three days
WEEKLY_EVENT_OFFSETS = range(-14, 7)    # the past two weeks and the coming week


def _utc_day(execution_time: datetime) -> date:
    # Partitions are UTC days; a tick time in another zone must not shift the date.
    if execution_time.tzinfo is not None:
        execution_time = execution_time.astimezone(UTC)
    return execution_time.date()


def event_days_for(tick_day: date, offsets: range) -> list[date]:
    """The tick's days that exist as `sports_events` partitions (start date .. tick + end_offset - 1)."""
    first = date.fromisoformat(START_DATE)
    last = tick_day + timedelta(days=event_days.end_offset - 1)
    days = [tick_day + timedelta(days=d) for d in offsets]
    return [d for d in days if first <= d <= last]


@dg.schedule(job=guide_job, cron_schedule="15 6 * * *", execution_timezone="UTC",
             default_status=dg.DefaultScheduleStatus.STOPPED,
             description="The seed's generate-epg: today's guide for every registered playlist.")
def daily_guide_schedule(context: dg.ScheduleEvaluationContext):
    day = _utc_day(context.scheduled_execution_time).isoformat()
    keys = sorted(context.instance.get_dynamic_partitions(playlists.name))
    if not keys:
        return dg.SkipReason("no playlists registered yet (the playlist registry sensor adds them)")
    return [dg.RunRequest(run_key=f"guide-{day}-{k}", partition_key=dg.MultiPartitionKey({"date": day, "playlist": k}),
                          tags={"epgoat/kind": "daily"})
            for k in keys]


@dg.schedule(job=events_job, cron_schedule="0 5 * * *", execution_timezone="UTC",
             default_status=dg.DefaultScheduleStatus.STOPPED,
             description="Daily events refresh for yesterday, today and the next three days.")
def daily_events_schedule(context: dg.ScheduleEvaluationContext):
    today = _utc_day(context.scheduled_execution_time)
    return [dg.RunRequest(run_key=f"events-{today}-{d}", partition_key=d.isoformat(), tags={"epgoat/kind": "events"})
            for d in event_days_for(today, DAILY_EVENT_OFFSETS)]


@dg.schedule(job=events_job, cron_schedule="30 3 * * 1", execution_timezone="UTC",
             default_status=dg.DefaultScheduleStatus.STOPPED,
             description="The seed's refresh-events-db: weekly full refresh of the past two weeks and the coming week.")
def weekly_events_schedule(context: dg.ScheduleEvaluationContext):
    today = _utc_day(context.scheduled_execution_time)
    return [dg.RunRequest(run_key=f"events-weekly-{today}-{d}", partition_key=d.isoformat(),
                          tags={"epgoat/kind": "events"})
            for d in event_days_for(today, WEEKLY_EVENT_OFFSETS)]


@dg.schedule(job=epg_housekeeping_job, cron_schedule="0 4 * * *", execution_timezone="UTC",
             default_status=dg.DefaultScheduleStatus.STOPPED,
             description="Removes dated guide copies past their age; the stable files stay.")
def housekeeping_schedule(context: dg.ScheduleEvaluationContext):
    return dg.RunRequest(run_key=f"housekeeping-{_utc_day(context.scheduled_execution_time)}")


def _embedded_warehouse_busy(context: dg.SensorEvaluationContext, warehouse: WarehouseResource) -> bool:
    """True when a run is in progress and the warehouse is the single-writer DuckDB file.

    DuckDB lets one process open the file at a time; a sensor tick opening it mid-run would make the
    run's next step fail with "could not set lock". On PostgreSQL this never applies.
    """
    if not warehouse.url().startswith("duckdb:"):
        return False
    running = context.instance.get_run_records(
        filters=dg.RunsFilter(statuses=[dg.DagsterRunStatus.STARTING, dg.DagsterRunStatus.STARTED,
                                        dg.DagsterRunStatus.CANCELING]),
        limit=1,
    )
    return bool(running)


def registry_changes(db: Database | None, registered: set[str]) -> tuple[list[str], list[str], list[str]]:
    """(keys to add, keys to delete, invalid keys) for the `playlists` dimension.

    Adds every configured provider and active BYO playlist; deletes only BYO keys whose warehouse row
    is archived (an operator's manual partitions and unconfigured providers are left alone, and the
    archived playlist's history stays in the warehouse and the event log).
    """
    wanted, invalid = [], []
    for key in active_playlist_keys(db):
        try:
            wanted.append(validate_playlist_key(key))
        except InvalidKeyError:
            invalid.append(key)
    archived: list[str] = []
    if db is not None:
        archived = [r["playlist_key"] for r in store.list_providers(db, kind="byo", include_archived=True)
                    if r["record_status"] != "active"]
    add = [k for k in wanted if k not in registered]
    delete = sorted(k for k in set(archived) & registered if k not in wanted)
    return add, delete, invalid


@dg.sensor(minimum_interval_seconds=60, default_status=dg.DefaultSensorStatus.RUNNING,
           description="Registers configured providers and active BYO playlists as `playlist` partitions; "
                       "archived BYO playlists are removed from the dimension.")
def playlist_registry_sensor(context: dg.SensorEvaluationContext, warehouse: WarehouseResource):
    if _embedded_warehouse_busy(context, warehouse):
        return dg.SkipReason("a run holds the embedded warehouse; registering on a later tick")
    try:
        add, delete, invalid = registry_changes(warehouse.database(),
                                                set(context.instance.get_dynamic_partitions(playlists.name)))
    except DatabaseError as exc:
        return dg.SkipReason(f"warehouse busy or unreachable: {exc}")
    except ConfigError as exc:
        return dg.SkipReason(f"providers configuration is invalid, nothing registered: {exc}")
    for key in invalid:
        context.log.warning("skipped invalid playlist key %r (expected prov-<name> or user-<name>)", key)
    requests: list[dg.AddDynamicPartitionsRequest | dg.DeleteDynamicPartitionsRequest] = []
    if add:
        requests.append(playlists.build_add_request(add))
    if delete:
        requests.append(playlists.build_delete_request(delete))
    if not requests:
        return dg.SkipReason(f"every active playlist is registered ({len(invalid)} invalid keys skipped)")
    context.log.info("playlists: adding %s, removing %s", add, delete)
    return dg.SensorResult(dynamic_partitions_requests=requests)


def fingerprint(source: str, *, allow_private: bool) -> str | None:
    """A change marker for a playlist source, or None when it cannot be read right now.

    Local files: a content hash (a touch without a change is not a change). URLs: the ETag, else
    Last-Modified, from a HEAD request; servers that send neither are never reported as changed.
    """
    if source.startswith(("http://", "https://")):
        import httpx

        from epgoat_assets.lib.playlists.netguard import check_public_url

        try:
            check_public_url(source, allow_private=allow_private)
            resp = httpx.head(source, timeout=15, follow_redirects=False)
        except (ValueError, httpx.HTTPError):
            return None
        if resp.status_code >= 400:
            return None
        tag = resp.headers.get("etag") or resp.headers.get("last-modified")
        return f"http:{tag}" if tag else None
    path = Path(source)
    if not path.is_file():
        return None
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return f"file:{digest.hexdigest()[:16]}"


@dg.sensor(job=guide_job, minimum_interval_seconds=300, default_status=dg.DefaultSensorStatus.STOPPED,
           description="A playlist that changed (ETag or content hash) re-materialises today's guide for it.")
def playlist_change_sensor(context: dg.SensorEvaluationContext, warehouse: WarehouseResource):
    cursor: dict[str, str] = json.loads(context.cursor) if context.cursor else {}
    today = datetime.now(UTC).date().isoformat()
    keys = sorted(context.instance.get_dynamic_partitions(playlists.name))
    db: Database | None = None
    if any((pk := PlaylistKey.try_parse(k)) is not None and pk.is_byo for k in keys):
        if _embedded_warehouse_busy(context, warehouse):
            return dg.SkipReason("a run holds the embedded warehouse; checking on a later tick")
        try:
            db = warehouse.database()
        except DatabaseError as exc:
            return dg.SkipReason(f"warehouse busy or unreachable: {exc}")
    requests = []
    for key in keys:
        try:
            source = playlist_settings(db, key).playlist_source()
        except (ValueError, DatabaseError) as exc:
            context.log.warning("playlist %s: no source to watch: %s", key, exc)
            continue
        # Provider packs are configured by the operator and may live on a private host; BYO URLs
        # come from users and must stay on public addresses.
        mark = fingerprint(source, allow_private=PlaylistKey.parse(key).is_provider)
        if mark is None or cursor.get(key) == mark:
            continue
        if key in cursor:  # the first sighting only records the marker
            requests.append(dg.RunRequest(run_key=f"changed-{key}-{mark}",
                                          partition_key=dg.MultiPartitionKey({"date": today, "playlist": key}),
                                          tags={"epgoat/kind": "changed"}))
        cursor[key] = mark
    return dg.SensorResult(run_requests=requests, cursor=json.dumps(cursor, sort_keys=True))


@dg.run_failure_sensor(default_status=dg.DefaultSensorStatus.RUNNING,
                       description="Writes every failed run to audit_log for operators and analysts.")
def run_failure_audit_sensor(context: dg.RunFailureSensorContext, warehouse: WarehouseResource) -> None:
    run = context.dagster_run
    message = (context.failure_event.message or "")[:500]
    store.audit(warehouse.database(), "dagster", "run.failed", run.job_name,
                {"run_id": run.run_id, "partition": run.tags.get("dagster/partition"), "message": message})


def register_playlists(instance: dg.DagsterInstance, warehouse: WarehouseResource) -> list[str]:
    """What the registry sensor adds, callable from the CLI and tests; returns the new keys."""
    add, _, _ = registry_changes(warehouse.database(), set(instance.get_dynamic_partitions(playlists.name)))
    return add_playlist_keys(instance, add)
