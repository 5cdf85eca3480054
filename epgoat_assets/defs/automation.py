"""Jobs, schedules and sensors: what runs every day without an operator."""


import hashlib
import json
from datetime import date, datetime, timedelta
from pathlib import Path

import dagster as dg

from epgoat_assets.defs.events import sports_events
from epgoat_assets.defs.matching import channel_event_matches
from epgoat_assets.defs.partitions import add_playlist_keys, playlists
from epgoat_assets.defs.playlists import filtered_channels, provider_playlists
from epgoat_assets.defs.publish import epg_housekeeping_job, epg_xml, published_guide, rewritten_m3u
from epgoat_assets.lib import store
from epgoat_assets.lib.db import DatabaseError
from epgoat_assets.lib.playlist_registry import active_playlist_keys, playlist_settings
from epgoat_resources.warehouse import WarehouseResource

GUIDE_ASSETS = [provider_playlists, filtered_channels, channel_event_matches, epg_xml, rewritten_m3u, published_guide]

guide_job = dg.define_asset_job(
    "guide_job",
    selection=dg.AssetSelection.assets(*GUIDE_ASSETS),
    description="Playlist -> classified channels -> matches -> XMLTV + M3U -> published, for one date x playlist.",
)
events_job = dg.define_asset_job("events_job", selection=dg.AssetSelection.assets(sports_events),
                                 description="Fetch and store one day's sports events.")


def _local_day(execution_time: datetime) -> date:
    return execution_time.date()


@dg.schedule(job=guide_job, cron_schedule="15 6 * * *", execution_timezone="UTC",
             default_status=dg.DefaultScheduleStatus.STOPPED,
             description="The seed's generate-epg: today's guide for every active playlist.")
def daily_guide_schedule(context: dg.ScheduleEvaluationContext):
    day = _local_day(context.scheduled_execution_time).isoformat()
    keys = sorted(context.instance.get_dynamic_partitions(playlists.name))
    if not keys:
        return dg.SkipReason("no playlists registered yet (the playlist registry sensor adds them)")
    return [dg.RunRequest(run_key=f"guide-{day}-{k}", partition_key=dg.MultiPartitionKey({"date": day, "playlist": k}))
            for k in keys]


@dg.schedule(job=events_job, cron_schedule="0 5 * * *", execution_timezone="UTC",
             default_status=dg.DefaultScheduleStatus.STOPPED,
             description="Daily events refresh for yesterday, today and the next three days.")
def daily_events_schedule(context: dg.ScheduleEvaluationContext):
    today = _local_day(context.scheduled_execution_time)
    days = [today + timedelta(days=d) for d in range(-1, 4)]
    return [dg.RunRequest(run_key=f"events-{today}-{d}", partition_key=d.isoformat()) for d in days]


@dg.schedule(job=events_job, cron_schedule="30 3 * * 1", execution_timezone="UTC",
             default_status=dg.DefaultScheduleStatus.STOPPED,
             description="The seed's refresh-events-db: weekly full refresh of the past and coming two weeks.")
def weekly_events_schedule(context: dg.ScheduleEvaluationContext):
    today = _local_day(context.scheduled_execution_time)
    days = [today + timedelta(days=d) for d in range(-14, 15)]
    return [dg.RunRequest(run_key=f"events-weekly-{today}-{d}", partition_key=d.isoformat()) for d in days]


@dg.schedule(job=epg_housekeeping_job, cron_schedule="0 4 * * *", execution_timezone="UTC",
             default_status=dg.DefaultScheduleStatus.STOPPED,
             description="Removes dated guide copies past their age; the stable files stay.")
def housekeeping_schedule(context: dg.ScheduleEvaluationContext):
    return dg.RunRequest(run_key=f"housekeeping-{context.scheduled_execution_time.date()}")


@dg.sensor(minimum_interval_seconds=60, default_status=dg.DefaultSensorStatus.RUNNING,
           description="Registers configured providers and active BYO playlists as `playlist` partitions.")
def playlist_registry_sensor(context: dg.SensorEvaluationContext, warehouse: WarehouseResource):
    try:
        wanted = active_playlist_keys(warehouse.database())
    except DatabaseError as exc:
        return dg.SkipReason(f"warehouse busy or unreachable: {exc}")
    existing = set(context.instance.get_dynamic_partitions(playlists.name))
    new = [k for k in wanted if k not in existing]
    if not new:
        return dg.SkipReason("every active playlist is registered")
    return dg.SensorResult(dynamic_partitions_requests=[playlists.build_add_request(new)])


def _fingerprint(source: str) -> str | None:
    """A cheap change marker: file size+mtime+hash locally; ETag/Last-Modified for URLs."""
    if source.startswith(("http://", "https://")):
        import httpx

        from epgoat_assets.lib.netguard import check_public_url

        try:
            check_public_url(source)
            resp = httpx.head(source, timeout=15, follow_redirects=False)
        except (ValueError, httpx.HTTPError):
            return None
        tag = resp.headers.get("etag") or resp.headers.get("last-modified")
        return f"http:{tag}" if tag else None
    path = Path(source)
    if not path.is_file():
        return None
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    return f"file:{digest}"


@dg.sensor(job=guide_job, minimum_interval_seconds=300, default_status=dg.DefaultSensorStatus.STOPPED,
           description="A provider playlist that changed (ETag or content hash) re-materialises today's guide.")
def playlist_change_sensor(context: dg.SensorEvaluationContext, warehouse: WarehouseResource):
    cursor = json.loads(context.cursor) if context.cursor else {}
    today = datetime.now().date().isoformat()
    requests = []
    try:
        db = warehouse.database()
    except DatabaseError as exc:
        return dg.SkipReason(f"warehouse busy or unreachable: {exc}")
    for key in sorted(context.instance.get_dynamic_partitions(playlists.name)):
        try:
            source = playlist_settings(db, key).playlist_source()
        except (ValueError, DatabaseError):
            continue
        mark = _fingerprint(source)
        if mark is None or cursor.get(key) == mark:
            continue
        if key in cursor:  # the first sighting only records the marker
            requests.append(dg.RunRequest(run_key=f"changed-{key}-{mark}",
                                          partition_key=dg.MultiPartitionKey({"date": today, "playlist": key})))
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
    """What the registry sensor does, callable from the CLI and tests."""
    return add_playlist_keys(instance, active_playlist_keys(warehouse.database()))
