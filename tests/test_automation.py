"""Schedules, sensors and the BYO command line: what runs without an operator, evaluated directly.

Schedules are evaluated through `evaluate_tick` on a real test instance; sensors are called directly
(dagster-style.md 3.8) and the tests apply their dynamic-partition requests the way the daemon does.
Providers come from a temporary config folder (`EPGOAT_CONFIG_DIR`) whose playlist is a local file
or a local HTTP server; the warehouse is a real DuckDB file.
"""

from __future__ import annotations

import http.server
import json
import shutil
import threading
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import dagster as dg
import pytest

from epgoat_assets.cli import main as epgoat
from epgoat_assets.defs import automation as auto
from epgoat_assets.defs.partitions import (
    START_DATE,
    add_playlist_keys,
    date_x_playlist,
    event_days,
    load_partitions_config,
    playlists,
)
from epgoat_assets.lib.config import ConfigError
from epgoat_assets.lib.warehouse import store
from epgoat_resources.warehouse import DuckDBWarehouse

REPO = Path(__file__).resolve().parents[1]
DEMO_M3U = REPO / "epgoat_assets" / "data" / "demo" / "demo-provider.m3u"
TICK = datetime(2025, 11, 22, 6, 15, tzinfo=UTC)


def write_providers(config: Path, playlist: str) -> None:
    (config / "providers.yaml").write_text(
        "providers:\n"
        "  - key: demo\n"
        "    name: Demo Provider\n"
        f"    playlist: {json.dumps(playlist)}\n"
        "    timezone: America/New_York\n"
        "    match_rate_floor: 0.70\n",
        encoding="utf-8",
    )


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """A config folder with its own providers.yaml (playlist: a local copy of the demo list) and an EPGOAT_HOME."""
    config = tmp_path / "config"
    shutil.copytree(REPO / "config", config)
    playlist = tmp_path / "demo.m3u"
    shutil.copyfile(DEMO_M3U, playlist)
    write_providers(config, str(playlist))
    home = tmp_path / "home"
    monkeypatch.setenv("EPGOAT_CONFIG_DIR", str(config))
    monkeypatch.setenv("EPGOAT_HOME", str(home))
    monkeypatch.setenv("EPGOAT_ENV", "embedded")
    monkeypatch.delenv("EPGOAT_DATABASE_URL", raising=False)
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    return {"config": config, "playlist": playlist, "home": home}


@pytest.fixture
def warehouse(env: dict[str, Path]) -> DuckDBWarehouse:
    # The same file the CLI uses (EPGOAT_HOME/warehouse.duckdb), so `epgoat byo` rows are visible.
    return DuckDBWarehouse(path=str(env["home"] / "warehouse.duckdb"))


@pytest.fixture
def instance() -> Iterator[dg.DagsterInstance]:
    with dg.instance_for_test() as inst:
        yield inst


@pytest.fixture(scope="module")
def defs() -> dg.Definitions:
    from epgoat_assets.definitions import defs as build

    return build()


def apply(instance: dg.DagsterInstance, result: dg.SensorResult) -> None:
    """What the sensor daemon does with a result's dynamic-partition requests."""
    for req in result.dynamic_partitions_requests or []:
        if isinstance(req, dg.AddDynamicPartitionsRequest):
            instance.add_dynamic_partitions(req.partitions_def_name, list(req.partition_keys))
        else:
            for key in req.partition_keys:
                instance.delete_dynamic_partition(req.partitions_def_name, key)


def registry_tick(instance: dg.DagsterInstance, warehouse: DuckDBWarehouse):
    return auto.playlist_registry_sensor(dg.build_sensor_context(instance=instance, resources={"warehouse": warehouse}))


def change_tick(instance: dg.DagsterInstance, warehouse: DuckDBWarehouse, cursor: str | None) -> dg.SensorResult:
    ctx = dg.build_sensor_context(instance=instance, cursor=cursor, resources={"warehouse": warehouse})
    return auto.playlist_change_sensor(ctx)


def schedule_tick(defs: dg.Definitions, schedule: dg.ScheduleDefinition, instance: dg.DagsterInstance,
                  when: datetime = TICK):
    ctx = dg.build_schedule_context(instance=instance, scheduled_execution_time=when,
                                    repository_def=defs.get_repository_def())
    return schedule.evaluate_tick(ctx)


# --- schedules ---------------------------------------------------------------------------------

def test_daily_guide_schedule_requests_todays_partition_for_every_playlist(defs, instance) -> None:
    add_playlist_keys(instance, ["prov-demo", "user-alice"])
    data = schedule_tick(defs, auto.daily_guide_schedule, instance)
    assert [r.partition_key for r in data.run_requests] == ["2025-11-22|prov-demo", "2025-11-22|user-alice"]
    assert [r.run_key for r in data.run_requests] == ["guide-2025-11-22-prov-demo", "guide-2025-11-22-user-alice"]
    assert {r.job_name for r in data.run_requests} <= {None, "guide_job"}


def test_daily_guide_schedule_skips_until_a_playlist_is_registered(defs, instance) -> None:
    data = schedule_tick(defs, auto.daily_guide_schedule, instance)
    assert not data.run_requests
    assert "no playlists registered" in (data.skip_message or "")


def test_daily_guide_schedule_uses_the_utc_date_of_the_tick(defs, instance) -> None:
    add_playlist_keys(instance, ["prov-demo"])
    # 21:00 in New York on the 21st is 02:00 UTC on the 22nd: partitions are UTC days.
    evening = datetime(2025, 11, 21, 21, 0, tzinfo=timezone(timedelta(hours=-5)))
    data = schedule_tick(defs, auto.daily_guide_schedule, instance, when=evening)
    assert [r.partition_key for r in data.run_requests] == ["2025-11-22|prov-demo"]


def test_daily_events_schedule_refreshes_yesterday_and_the_coming_days(defs, instance) -> None:
    data = schedule_tick(defs, auto.daily_events_schedule, instance)
    assert [r.partition_key for r in data.run_requests] == [
        "2025-11-21", "2025-11-22", "2025-11-23", "2025-11-24", "2025-11-25"]
    assert len({r.run_key for r in data.run_requests}) == 5


def test_weekly_refresh_covers_two_weeks_back_and_the_coming_week(defs, instance) -> None:
    data = schedule_tick(defs, auto.weekly_events_schedule, instance, when=datetime(2025, 11, 24, 3, 30, tzinfo=UTC))
    keys = [r.partition_key for r in data.run_requests]
    assert keys[0] == "2025-11-10" and keys[-1] == "2025-11-30" and len(keys) == 21
    # The last day is the last `sports_events` partition that exists at the tick (end_offset=7).
    assert keys[-1] == str(date(2025, 11, 24) + timedelta(days=6))


def test_events_schedule_never_requests_days_before_the_first_partition(defs, instance) -> None:
    first = date.fromisoformat(START_DATE)
    tick = datetime.combine(first + timedelta(days=5), datetime.min.time(), tzinfo=UTC).replace(hour=3, minute=30)
    data = schedule_tick(defs, auto.weekly_events_schedule, instance, when=tick)
    assert [r.partition_key for r in data.run_requests][0] == START_DATE


def test_date_partitions_start_at_the_configured_date() -> None:
    configured = load_partitions_config().start_date.isoformat()
    assert configured == START_DATE
    assert event_days.get_first_partition_window().start.date().isoformat() == configured
    assert date_x_playlist.get_partitions_def_for_dimension("date").start.date().isoformat() == configured


def test_a_bad_start_date_is_a_one_line_config_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "partitions.yaml").write_text("start_date: 2025-13-45\n", encoding="utf-8")
    monkeypatch.setenv("EPGOAT_CONFIG_DIR", str(tmp_path))
    with pytest.raises(ConfigError, match="partitions.yaml: start_date"):
        load_partitions_config()


# --- named jobs and the analytics automation ------------------------------------------------------


def test_operator_jobs_are_named_and_tagged(defs) -> None:
    tags = {name: defs.resolve_job_def(name).tags.get("epgoat/job")
            for name in ("guide_job", "events_job", "epg_housekeeping_job", "analytics_job")}
    assert tags == {"guide_job": "guide", "events_job": "events", "epg_housekeeping_job": "housekeeping",
                    "analytics_job": "analytics"}


def test_analytics_sensor_runs_by_default_and_targets_only_the_dbt_models(defs) -> None:
    sensor = next(s for s in defs.sensors if s.name == "analytics_automation_sensor")
    assert sensor.default_status == dg.DefaultSensorStatus.RUNNING
    targeted = sensor.asset_selection.resolve(defs.resolve_asset_graph())
    assert targeted and all(k.path[0] in ("staging", "marts") for k in targeted)


def test_a_guide_run_makes_the_marts_due_for_a_rebuild(defs, instance) -> None:
    add_playlist_keys(instance, ["prov-demo"])
    marts = dg.AssetSelection.groups("analytics")
    first = dg.evaluate_automation_conditions(defs=defs, instance=instance, asset_selection=marts)
    assert first.total_requested == 0  # nothing upstream has landed: no dbt run against an empty warehouse
    for key in _python_assets_upstream_of(defs, marts):
        instance.report_runless_asset_event(dg.AssetMaterialization(key, partition=_a_partition(defs, key)))
    second = dg.evaluate_automation_conditions(defs=defs, instance=instance, asset_selection=marts,
                                               cursor=first.cursor)
    assert second.get_num_requested(dg.AssetKey(["marts", "operator_overview"])) == 1
    assert second.get_num_requested(dg.AssetKey(["staging", "stg_channel_event_matches"])) == 1


def test_a_mart_waits_while_a_dbt_parent_was_never_built(defs, instance) -> None:
    # A guide run on a warehouse whose events never landed: the matches' staging model is built,
    # but event_coverage (which reads stg_events) waits instead of failing on a missing view.
    add_playlist_keys(instance, ["prov-demo"])
    marts = dg.AssetSelection.groups("analytics")
    first = dg.evaluate_automation_conditions(defs=defs, instance=instance, asset_selection=marts)
    instance.report_runless_asset_event(dg.AssetMaterialization(
        "channel_event_matches", partition="2025-11-22|prov-demo"))
    second = dg.evaluate_automation_conditions(defs=defs, instance=instance, asset_selection=marts,
                                               cursor=first.cursor)
    assert second.get_num_requested(dg.AssetKey(["staging", "stg_channel_event_matches"])) == 1
    assert second.get_num_requested(dg.AssetKey(["marts", "event_coverage"])) == 0


def _python_assets_upstream_of(defs, selection: dg.AssetSelection) -> list[dg.AssetKey]:
    graph = defs.resolve_asset_graph()
    upstream = (selection.upstream() - selection).resolve(graph)
    return sorted((k for k in upstream if graph.get(k).is_materializable), key=lambda k: k.to_user_string())


def _a_partition(defs, key: dg.AssetKey) -> str | None:
    pdef = defs.resolve_asset_graph().get(key).partitions_def
    if pdef is None:
        return None
    return "2025-11-22|prov-demo" if isinstance(pdef, dg.MultiPartitionsDefinition) else "2025-11-22"


def test_housekeeping_schedule_runs_once_a_day(defs, instance) -> None:
    data = schedule_tick(defs, auto.housekeeping_schedule, instance)
    assert [r.run_key for r in data.run_requests] == ["housekeeping-2025-11-22"]
    assert auto.housekeeping_schedule.job_name == "epg_housekeeping_job"


def test_schedules_start_stopped_and_registry_sensor_running(defs) -> None:
    assert {s.name: s.default_status for s in defs.schedules} == {
        n: dg.DefaultScheduleStatus.STOPPED
        for n in ("daily_guide_schedule", "daily_events_schedule", "weekly_events_schedule", "housekeeping_schedule")}
    sensors = {s.name: s.default_status for s in defs.sensors}
    assert sensors["playlist_registry_sensor"] == dg.DefaultSensorStatus.RUNNING
    assert sensors["run_failure_audit_sensor"] == dg.DefaultSensorStatus.RUNNING
    assert sensors["playlist_change_sensor"] == dg.DefaultSensorStatus.STOPPED


# --- playlist registry sensor ------------------------------------------------------------------

def test_registry_sensor_adds_configured_providers_and_active_byo(env, warehouse, instance) -> None:
    store.upsert_provider(warehouse.database(), "user-alice", kind="byo", name="alice",
                          source="http://93.184.216.34/list.m3u", timezone="Europe/London")
    result = registry_tick(instance, warehouse)
    [req] = result.dynamic_partitions_requests
    assert isinstance(req, dg.AddDynamicPartitionsRequest)
    assert req.partitions_def_name == "playlists" and sorted(req.partition_keys) == ["prov-demo", "user-alice"]


def test_registry_sensor_skips_when_everything_is_registered(env, warehouse, instance) -> None:
    apply(instance, registry_tick(instance, warehouse))
    again = registry_tick(instance, warehouse)
    assert isinstance(again, dg.SkipReason) and "registered" in again.skip_message


def test_registry_sensor_refuses_keys_that_would_break_the_multi_partition(env, warehouse, instance) -> None:
    # A row written around the CLI (the CLI validates names): `|` would split the date|playlist key.
    store.upsert_provider(warehouse.database(), "user-bad|key", kind="byo", name="bad", source="http://93.184.216.34/a",
                          timezone="UTC")
    result = registry_tick(instance, warehouse)
    [req] = result.dynamic_partitions_requests
    assert list(req.partition_keys) == ["prov-demo"]


def test_registry_sensor_waits_while_a_run_holds_the_embedded_warehouse(env, warehouse, instance) -> None:
    instance.add_run(dg.DagsterRun(job_name="guide_job", run_id="0" * 32, status=dg.DagsterRunStatus.STARTED))
    result = registry_tick(instance, warehouse)
    assert isinstance(result, dg.SkipReason) and "holds the embedded warehouse" in result.skip_message
    assert not (env["home"] / "warehouse.duckdb").exists()  # the sensor never touched the file


# --- BYO through the command line --------------------------------------------------------------

def test_byo_add_then_the_registry_sensor_registers_it(env, warehouse, instance, capsys) -> None:
    # A literal public address needs no DNS (there is no network here) and passes the URL guard.
    assert epgoat(["byo", "add", "alice", "--url", "http://93.184.216.34/list.m3u", "--tz", "Europe/London"]) == 0
    assert "user-alice" in capsys.readouterr().out
    [row] = store.list_providers(warehouse.database(), kind="byo")
    assert (row["playlist_key"], row["playlist_source"], row["timezone"]) == (
        "user-alice", "http://93.184.216.34/list.m3u", "Europe/London")
    apply(instance, registry_tick(instance, warehouse))
    assert sorted(instance.get_dynamic_partitions(playlists.name)) == ["prov-demo", "user-alice"]


def test_byo_remove_archives_keeps_history_and_unregisters(env, warehouse, instance, capsys) -> None:
    assert epgoat(["byo", "add", "alice", "--url", "http://93.184.216.34/list.m3u"]) == 0
    apply(instance, registry_tick(instance, warehouse))
    assert epgoat(["byo", "remove", "alice"]) == 0
    db = warehouse.database()
    assert store.list_providers(db, kind="byo") == []
    [kept] = store.list_providers(db, kind="byo", include_archived=True)
    assert kept["record_status"] == "archived" and kept["playlist_source"] == "http://93.184.216.34/list.m3u"
    with db.connect() as conn:
        actions = [r[0] for r in conn.fetchall("SELECT action FROM audit_log WHERE subject = 'user-alice' ORDER BY occurred_at")]
    assert actions == ["byo.add", "byo.remove"]
    result = registry_tick(instance, warehouse)
    [req] = result.dynamic_partitions_requests
    assert isinstance(req, dg.DeleteDynamicPartitionsRequest) and list(req.partition_keys) == ["user-alice"]
    apply(instance, result)
    assert instance.get_dynamic_partitions(playlists.name) == ["prov-demo"]


@pytest.mark.parametrize("url, why", [
    ("http://127.0.0.1:8080/list.m3u", "loopback"),
    ("http://169.254.169.254/latest/meta-data", "link-local"),
    ("file:///etc/passwd", "only http and https"),
])
def test_byo_add_refuses_private_and_non_http_urls_in_one_line(env, warehouse, capsys, url, why) -> None:
    assert epgoat(["byo", "add", "mallory", "--url", url]) == 2
    err = capsys.readouterr().err
    assert why in err and err.count("\n") == 1 and "Traceback" not in err
    assert store.list_providers(warehouse.database(), kind="byo", include_archived=True) == []


def test_byo_remove_of_an_unknown_name_is_a_one_line_error(env, capsys) -> None:
    assert epgoat(["byo", "remove", "nobody"]) == 2
    assert "no BYO playlist named 'nobody'" in capsys.readouterr().err


# --- playlist change sensor --------------------------------------------------------------------

def test_change_sensor_records_first_sighting_then_requests_todays_partition_on_change(env, warehouse, instance) -> None:
    add_playlist_keys(instance, ["prov-demo"])
    first = change_tick(instance, warehouse, None)
    assert first.run_requests == [] and "prov-demo" in json.loads(first.cursor)
    assert change_tick(instance, warehouse, first.cursor).run_requests == []

    playlist: Path = env["playlist"]
    playlist.write_text(playlist.read_text(encoding="utf-8") + "#EXTINF:-1,NBA 99: Late game\nhttp://x/99\n",
                        encoding="utf-8")
    changed = change_tick(instance, warehouse, first.cursor)
    today = datetime.now(UTC).date().isoformat()
    [req] = changed.run_requests
    assert req.partition_key == f"{today}|prov-demo"
    assert req.run_key == f"changed-prov-demo-{json.loads(changed.cursor)['prov-demo']}"
    assert change_tick(instance, warehouse, changed.cursor).run_requests == []


def test_change_sensor_ignores_a_touch_without_a_content_change(env, warehouse, instance) -> None:
    add_playlist_keys(instance, ["prov-demo"])
    first = change_tick(instance, warehouse, None)
    env["playlist"].touch()
    assert change_tick(instance, warehouse, first.cursor).run_requests == []


class _ETagHandler(http.server.BaseHTTPRequestHandler):
    etag = '"v1"'
    body = DEMO_M3U.read_bytes()[:4096]

    def _head(self) -> None:
        self.send_response(200)
        self.send_header("ETag", type(self).etag)
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()

    def do_HEAD(self) -> None:  # noqa: N802 - http.server's naming
        self._head()

    def do_GET(self) -> None:  # noqa: N802
        self._head()
        self.wfile.write(self.body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def etag_server() -> Iterator[tuple[str, type[_ETagHandler]]]:
    handler = type("Handler", (_ETagHandler,), {"etag": '"v1"'})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/list.m3u", handler
    finally:
        server.shutdown()
        server.server_close()


def test_change_sensor_follows_the_etag_of_a_provider_url(env, warehouse, instance, etag_server) -> None:
    url, handler = etag_server
    write_providers(env["config"], url)  # operator-configured providers may sit on a private host
    add_playlist_keys(instance, ["prov-demo"])
    first = change_tick(instance, warehouse, None)
    assert json.loads(first.cursor) == {"prov-demo": 'http:"v1"'} and first.run_requests == []
    assert change_tick(instance, warehouse, first.cursor).run_requests == []
    handler.etag = '"v2"'
    [req] = change_tick(instance, warehouse, first.cursor).run_requests
    assert req.partition_key.endswith("|prov-demo") and req.run_key == 'changed-prov-demo-http:"v2"'


def test_change_sensor_never_contacts_a_byo_url_on_a_private_address(env, warehouse, instance, etag_server) -> None:
    url, _ = etag_server
    store.upsert_provider(warehouse.database(), "user-eve", kind="byo", name="eve", source=url, timezone="UTC")
    add_playlist_keys(instance, ["user-eve"])
    result = change_tick(instance, warehouse, None)
    assert result.run_requests == [] and json.loads(result.cursor) == {}


# --- run failure sensor ------------------------------------------------------------------------

def test_run_failure_sensor_writes_the_failed_run_to_audit_log(env, warehouse, instance) -> None:
    from epgoat_assets.defs.matching import matches_and_guide_files
    from epgoat_resources.env import build_resources

    # The matches launched before their upstream ever staged the channels: a permanent failure
    # (one that no retry can fix, so the run fails at once).
    add_playlist_keys(instance, ["prov-demo"])
    result = dg.materialize([matches_and_guide_files], instance=instance, resources=build_resources(),
                            partition_key=dg.MultiPartitionKey({"date": "2025-11-22", "playlist": "prov-demo"}),
                            raise_on_error=False,
                            run_config={"loggers": {"console": {"config": {"log_level": "ERROR"}}}})
    assert not result.success
    ctx = dg.build_run_status_sensor_context(
        sensor_name="run_failure_audit_sensor", dagster_instance=instance, dagster_run=result.dagster_run,
        dagster_event=result.get_run_failure_event(), resources={"warehouse": warehouse},
    ).for_run_failure()
    auto.run_failure_audit_sensor(ctx)
    with warehouse.database().connect() as conn:
        rows = conn.fetchdicts("SELECT actor, action, subject, detail FROM audit_log WHERE action = 'run.failed'")
    [row] = rows
    detail = json.loads(row["detail"])
    assert (row["actor"], row["subject"]) == ("dagster", result.dagster_run.job_name)
    assert detail["run_id"] == result.dagster_run.run_id and detail["partition"] == "2025-11-22|prov-demo"
    assert detail["message"]


# --- what operators see ------------------------------------------------------------------------

def test_operator_checks_exist_on_the_assets_they_guard(defs) -> None:
    graph = defs.resolve_asset_graph()
    checks = {(k.asset_key.to_user_string(), k.name) for k in graph.asset_check_keys}
    assert {("channel_event_matches", "match_rate_floor"), ("epg_xml", "xmltv_dtd_valid"),
            ("sports_events", "events_freshness")} <= checks


def _materialise_events_with_freshness(instance: dg.DagsterInstance, warehouse: DuckDBWarehouse, snapshot: Path,
                                       days: list[date]) -> list[dg.AssetCheckEvaluation]:
    from epgoat_assets.defs.events import events_freshness, sports_events
    from epgoat_resources.sports_data import SnapshotSportsData

    resources = {"warehouse": warehouse, "sports_data": SnapshotSportsData(folder=str(snapshot))}
    evaluations = []
    for day in days:
        res = dg.materialize([sports_events, events_freshness], instance=instance, resources=resources,
                             partition_key=day.isoformat(),
                             run_config={"loggers": {"console": {"config": {"log_level": "ERROR"}}}})
        assert res.success
        # sports_events also reports its own every_league_fetched check; these tests are about freshness.
        evaluations += [e for e in res.get_asset_check_evaluations() if e.check_name == "events_freshness"]
    return evaluations


def test_events_freshness_warns_when_the_coming_days_have_no_events(env, warehouse, instance) -> None:
    # Only November 2025 is stored; the check looks at today and the next two UTC days.
    [evaluation] = _materialise_events_with_freshness(instance, warehouse, REPO / "epgoat_assets" / "data" / "snapshot",
                                                      [date(2025, 11, 22)])
    today = datetime.now(UTC).date()
    assert not evaluation.passed and evaluation.severity == dg.AssetCheckSeverity.WARN
    assert evaluation.metadata["empty_days"].value == ", ".join(str(today + timedelta(days=i)) for i in range(3))


def test_events_freshness_passes_once_today_and_the_next_two_days_are_stored(env, warehouse, instance, tmp_path) -> None:
    # The bundled snapshot days, re-dated to today and the next two days (the same real fixtures).
    today = datetime.now(UTC).date()
    snapshot = tmp_path / "snapshot"
    snapshot.mkdir()
    source = REPO / "epgoat_assets" / "data" / "snapshot"
    days = [today + timedelta(days=i) for i in range(3)]
    for offset, day in enumerate(days):
        old = date(2025, 11, 21) + timedelta(days=offset)
        text = (source / f"{old}.json").read_text(encoding="utf-8")
        (snapshot / f"{day}.json").write_text(text.replace(str(old), str(day)), encoding="utf-8")
    evaluations = _materialise_events_with_freshness(instance, warehouse, snapshot, days)
    assert [e.passed for e in evaluations] == [False, False, True]  # green once all three days are in
    counts = evaluations[-1].metadata["events_by_day"].value
    assert list(counts) == [str(d) for d in days] and all(n > 0 for n in counts.values())
