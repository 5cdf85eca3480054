"""`epgoat backfill` on the embedded default: real CLI, real Dagster instance in DAGSTER_HOME.

The backfill runs as a subprocess exactly as an operator types it, with DAGSTER_HOME and
EPGOAT_HOME in temporary folders; the tests then read the instance (SQLite) and the warehouse
(DuckDB) it left behind. Re-running one day must not duplicate anything.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import dagster as dg
import pytest

from epgoat_assets.lib.warehouse.db import Database

# The checkout under test; the subprocess imports this code (PYTHONPATH), whatever the venv's
# editable install points at.
REPO = Path(__file__).resolve().parents[1]

EPGOAT = str(Path(sys.executable).with_name("epgoat"))
DAYS = ["2025-11-21", "2025-11-22", "2025-11-23"]


@dataclass
class Backfill:
    dagster_home: Path
    epgoat_home: Path
    first: subprocess.CompletedProcess[str]
    rows_before_rerun: tuple[int, int]
    events_before_rerun: int
    rerun: subprocess.CompletedProcess[str]


def run_cli(args: list[str], dagster_home: Path, epgoat_home: Path, timeout: int = 420,
            config_dir: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("EPGOAT_DATABASE_URL", "ANTHROPIC_API_KEY", "EPGOAT_CONFIG_DIR", "EPGOAT_ENV")}
    env.update(DAGSTER_HOME=str(dagster_home), EPGOAT_HOME=str(epgoat_home), DO_NOT_TRACK="1",
               PYTHONPATH=os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH", "")) if p))
    if config_dir is not None:
        env["EPGOAT_CONFIG_DIR"] = str(config_dir)
    return subprocess.run([EPGOAT, *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=timeout)


def warehouse(home: Path) -> Database:
    return Database(f"duckdb://{home / 'warehouse.duckdb'}")


def match_rows(db: Database, day: str) -> tuple[int, int]:
    with db.connect() as conn:
        row = conn.fetchone("SELECT COUNT(*), COUNT(*) FILTER (WHERE status = 'matched') FROM channel_event_matches"
                            " WHERE playlist_key = 'prov-demo' AND match_date = ?", (day,))
    return (int(row[0]), int(row[1])) if row else (0, 0)


def event_rows(db: Database) -> int:
    with db.connect() as conn:
        row = conn.fetchone("SELECT COUNT(*) FROM events")
    return int(row[0]) if row else 0


@pytest.fixture(scope="module")
def backfill(tmp_path_factory: pytest.TempPathFactory) -> Backfill:
    dagster_home = tmp_path_factory.mktemp("dagster-home")
    epgoat_home = tmp_path_factory.mktemp("epgoat-home")
    first = run_cli(["backfill", "--provider", "demo", "--from", DAYS[0], "--to", DAYS[-1]], dagster_home, epgoat_home)
    assert first.returncode == 0, f"backfill failed ({first.returncode}):\n{first.stdout}\n{first.stderr[-3000:]}"
    db = warehouse(epgoat_home)
    before, events = match_rows(db, "2025-11-22"), event_rows(db)
    rerun = run_cli(["backfill", "--provider", "demo", "--from", "2025-11-22", "--to", "2025-11-22"],
                    dagster_home, epgoat_home)
    return Backfill(dagster_home, epgoat_home, first, before, events, rerun)


@pytest.fixture(scope="module")
def instance(backfill: Backfill):
    inst = dg.DagsterInstance.from_config(str(backfill.dagster_home))
    yield inst
    inst.dispose()


def materializations(instance: dg.DagsterInstance, asset: str) -> list[dg.AssetMaterialization]:
    records = instance.fetch_materializations(dg.AssetKey(asset), limit=1000).records
    return [r.asset_materialization for r in records if r.asset_materialization is not None]


def test_backfill_reports_every_day_of_the_range(backfill: Backfill) -> None:
    lines = [ln for ln in backfill.first.stdout.splitlines() if ln.startswith("prov-demo ")]
    assert [ln.split(":")[0] for ln in lines] == [f"prov-demo {d}" for d in DAYS]
    assert all(": ok, match rate " in ln for ln in lines)


def test_backfill_uses_the_instance_in_dagster_home(backfill: Backfill, instance: dg.DagsterInstance) -> None:
    # The embedded default's instance config is copied in on first use, SQLite storage beside it.
    assert (backfill.dagster_home / "dagster.yaml").read_text() == (REPO / "config" / "dagster.local.yaml").read_text()
    assert instance.get_dynamic_partitions("playlists") == ["prov-demo"]
    parts = {m.partition for m in materializations(instance, "published_guide")}
    assert parts == {f"{d}|prov-demo" for d in DAYS}


def test_backfill_stores_the_neighbouring_event_days_the_snapshot_has(instance: dg.DagsterInstance) -> None:
    # 2025-11-24 is in the bundled snapshot (games after midnight UTC); 2025-11-20 is not and is skipped.
    parts = {m.partition for m in materializations(instance, "sports_events")}
    assert parts == {*DAYS, "2025-11-24"}


def test_match_rate_is_float_metadata_the_ui_plots_per_partition(instance: dg.DagsterInstance) -> None:
    by_partition = {m.partition: m.metadata["match_rate"] for m in materializations(instance, "channel_event_matches")}
    assert set(by_partition) == {f"{d}|prov-demo" for d in DAYS}
    assert all(isinstance(v, dg.FloatMetadataValue) for v in by_partition.values())
    assert by_partition["2025-11-22|prov-demo"].value > 0.5  # the demo playlist's own day


def test_rerunning_a_partition_is_idempotent(backfill: Backfill, instance: dg.DagsterInstance) -> None:
    assert backfill.rerun.returncode == 0, backfill.rerun.stderr[-3000:]
    db = warehouse(backfill.epgoat_home)
    assert backfill.rows_before_rerun[0] > 0
    assert match_rows(db, "2025-11-22") == backfill.rows_before_rerun
    assert event_rows(db) == backfill.events_before_rerun
    # Dagster keeps both runs as history: two materialisations of the re-run partition.
    parts = [m.partition for m in materializations(instance, "channel_event_matches")]
    assert parts.count("2025-11-22|prov-demo") == 2 and parts.count("2025-11-21|prov-demo") == 1


def test_backfill_runs_are_tagged_for_the_production_run_queue(instance: dg.DagsterInstance) -> None:
    # dagster.prod.yaml limits runs tagged epgoat/kind=backfill to 4 at once.
    runs = instance.get_runs(filters=dg.RunsFilter(tags={"epgoat/kind": "backfill"}))
    assert len(runs) == 4 and all(r.status == dg.DagsterRunStatus.SUCCESS for r in runs)


def test_backfill_runs_are_named_jobs(instance: dg.DagsterInstance) -> None:
    names = {r.job_name for r in instance.get_runs(filters=dg.RunsFilter(tags={"epgoat/kind": "backfill"}))}
    assert names == {"guide_job"}
    assert {r.job_name for r in instance.get_runs(filters=dg.RunsFilter(tags={"epgoat/kind": "events"}))} == {"events_job"}


# --- publishing never goes backwards ----------------------------------------------------------------


@dataclass
class Monotonic:
    epgoat_home: Path
    published: subprocess.CompletedProcess[str]
    older: subprocess.CompletedProcess[str]


@pytest.fixture(scope="module")
def monotonic(tmp_path_factory: pytest.TempPathFactory) -> Monotonic:
    """2025-11-22 published first, then a backfill of the older 2025-11-21, as the issue reports.

    The demo provider's match-rate floor is set to 0 here, so 2025-11-21 passes every check and only
    its date keeps it from the stable keys.
    """
    dagster_home = tmp_path_factory.mktemp("dh-mono")
    epgoat_home = tmp_path_factory.mktemp("eh-mono")
    config = tmp_path_factory.mktemp("cfg-mono") / "config"
    shutil.copytree(REPO / "config", config)
    providers = config / "providers.yaml"
    text = providers.read_text(encoding="utf-8")
    assert "match_rate_floor: 0.70" in text
    providers.write_text(text.replace("match_rate_floor: 0.70", "match_rate_floor: 0.0", 1), encoding="utf-8")
    published = run_cli(["backfill", "--provider", "demo", "--from", "2025-11-22", "--to", "2025-11-22"],
                        dagster_home, epgoat_home, config_dir=config)
    assert published.returncode == 0, published.stdout + published.stderr[-3000:]
    older = run_cli(["backfill", "--provider", "demo", "--from", "2025-11-21", "--to", "2025-11-21"],
                    dagster_home, epgoat_home, config_dir=config)
    assert older.returncode == 0, older.stdout + older.stderr[-3000:]
    return Monotonic(epgoat_home, published, older)


def test_backfilling_an_older_date_keeps_the_newest_guide_public(monotonic: Monotonic) -> None:
    objects = monotonic.epgoat_home / "objects"
    for name in ("demo.xml", "demo.xml.gz", "demo.m3u", "demo.events.m3u"):
        assert (objects / name).read_bytes() == (objects / "archive" / "2025-11-22" / name).read_bytes(), name
        assert (objects / "archive" / "2025-11-21" / name).is_file(), f"2025-11-21 {name} is archived"
    guide = (objects / "demo.xml").read_text(encoding="utf-8")
    assert 'start="20251122' in guide and 'start="20251121' not in guide


def test_the_cli_says_whether_a_date_was_published_or_archived_only(monotonic: Monotonic) -> None:
    assert "prov-demo 2025-11-22: ok" in monotonic.published.stdout and ", published (" in monotonic.published.stdout
    (line,) = [ln for ln in monotonic.older.stdout.splitlines() if ln.startswith("prov-demo 2025-11-21")]
    assert "archived only (the stable guide holds 2025-11-22, newer than 2025-11-21)" in line


def test_a_day_below_the_match_rate_floor_is_archived_only(backfill: Backfill) -> None:
    # With the configured floor (0.70) the demo list's 2025-11-21 (7% matched) must not go public.
    (line,) = [ln for ln in backfill.first.stdout.splitlines() if ln.startswith("prov-demo 2025-11-21")]
    assert "archived only (checks failed: match_rate_floor)" in line


# --- a missing upstream fails at once -------------------------------------------------------------


def test_a_missing_upstream_fails_at_once_naming_what_to_materialise(tmp_path: Path, monkeypatch) -> None:
    from epgoat_assets.defs.matching import matches_and_guide_files
    from epgoat_assets.defs.partitions import add_playlist_keys
    from epgoat_resources.env import build_resources

    monkeypatch.setenv("EPGOAT_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("EPGOAT_ENV", "embedded")
    monkeypatch.delenv("EPGOAT_DATABASE_URL", raising=False)
    with dg.instance_for_test() as inst:
        add_playlist_keys(inst, ["prov-demo"])
        res = dg.materialize([matches_and_guide_files], instance=inst, resources=build_resources(),
                             partition_key="2025-11-22|prov-demo", raise_on_error=False)
        assert not res.success
        failures = [e for e in res.all_events if e.is_step_failure]
        restarts = [e for e in res.all_events if e.event_type == dg.DagsterEventType.STEP_RESTARTED]
        assert len(failures) == 1 and not restarts  # the asset's retry policy is not used up on it
        message = failures[0].step_failure_data.user_failure_data.description
        assert message == "missing upstream: materialise filtered_channels for partition 2025-11-22|prov-demo first"


@pytest.mark.parametrize("args, message", [
    (["--provider", "demo", "--from", "2025-11-23", "--to", "2025-11-21"], "--to is before --from"),
    (["--provider", "nosuch", "--from", "2025-11-21", "--to", "2025-11-21"], "no provider 'nosuch'"),
    (["--provider", "Bad|Name", "--from", "2025-11-21", "--to", "2025-11-21"], "invalid provider name"),
])
def test_bad_backfill_requests_are_one_line_errors(tmp_path: Path, args: list[str], message: str) -> None:
    res = run_cli(["backfill", *args], tmp_path / "dh", tmp_path / "eh", timeout=120)
    assert res.returncode == 2
    assert message in res.stderr and res.stderr.count("\n") == 1 and "Traceback" not in res.stderr
