"""The production Dagster instance: `config/dagster.prod.yaml` on the real PostgreSQL.

The instance config is the production file itself, its `{env: ...}` fields pointed at a throwaway
database; a materialisation through that instance must leave its run, event log and dynamic
partitions in PostgreSQL's `runs`, `event_logs` and `dynamic_partitions` tables.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import dagster as dg
import psycopg
import pytest

pytestmark = pytest.mark.postgres

REPO = Path(__file__).resolve().parents[1]
DAY = "2025-11-22"


@pytest.fixture
def prod_instance(pg_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[dg.DagsterInstance]:
    home = tmp_path / "dagster_home"
    home.mkdir()
    shutil.copyfile(REPO / "config" / "dagster.prod.yaml", home / "dagster.yaml")
    # As documented in dagster.prod.yaml: the psycopg2 driver named in the scheme (SQLAlchemy 2.1
    # would pick psycopg 3, on which dagster-postgres' NOTIFY fails), and Supabase's
    # ?sslmode=require replaced by disable because the local server has no TLS.
    monkeypatch.setenv("DAGSTER_PG_URL", pg_db.replace("postgresql://", "postgresql+psycopg2://", 1) + "?sslmode=disable")
    monkeypatch.setenv("EPGOAT_HOME", str(tmp_path / "epgoat_home"))
    monkeypatch.setenv("EPGOAT_ENV", "embedded")
    monkeypatch.delenv("EPGOAT_DATABASE_URL", raising=False)
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    monkeypatch.delenv("EPGOAT_CONFIG_DIR", raising=False)
    instance = dg.DagsterInstance.from_config(str(home))
    try:
        yield instance
    finally:
        instance.dispose()


def test_prod_instance_stores_everything_in_postgres(prod_instance: dg.DagsterInstance, pg_db: str) -> None:
    from epgoat_assets.definitions import defs as build
    from epgoat_assets.defs.jobs import GUIDE_ASSET_KEYS
    from epgoat_assets.defs.partitions import add_playlist_keys

    assert type(prod_instance.run_storage).__name__ == "PostgresRunStorage"
    assert type(prod_instance.event_log_storage).__name__ == "PostgresEventLogStorage"
    defs = build()
    by_key = {k.to_user_string(): a for a in defs.assets or [] if isinstance(a, dg.AssetsDefinition) for k in a.keys}
    quiet = {"loggers": {"console": {"config": {"log_level": "WARNING"}}}}
    add_playlist_keys(prod_instance, ["prov-demo"])
    for day in ("2025-11-21", DAY, "2025-11-23"):
        assert dg.materialize([by_key["sports_events"]], instance=prod_instance, resources=defs.resources,
                              partition_key=day, run_config=quiet).success
    guide = list({id(by_key[k]): by_key[k] for k in GUIDE_ASSET_KEYS}.values())
    result = dg.materialize(guide, instance=prod_instance, resources=defs.resources, run_config=quiet,
                            partition_key=dg.MultiPartitionKey({"date": DAY, "playlist": "prov-demo"}),
                            tags={"epgoat/kind": "backfill"})
    assert result.success

    with psycopg.connect(pg_db) as conn:
        status, partition = conn.execute(
            "SELECT status, partition FROM runs WHERE run_id = %s", (result.run_id,)).fetchone()
        kinds = {r[0] for r in conn.execute(
            "SELECT dagster_event_type FROM event_logs WHERE run_id = %s", (result.run_id,)).fetchall()}
        materialised = {r[0] for r in conn.execute(
            "SELECT asset_key FROM event_logs WHERE run_id = %s AND dagster_event_type = 'ASSET_MATERIALIZATION'",
            (result.run_id,)).fetchall()}
        runs = conn.execute("SELECT COUNT(*) FROM runs").fetchone()[0]
        playlists = [r[0] for r in conn.execute(
            "SELECT partition FROM dynamic_partitions WHERE partitions_def_name = 'playlists'").fetchall()]
        tags = dict(conn.execute("SELECT key, value FROM run_tags WHERE run_id = %s", (result.run_id,)).fetchall())
    assert status == "SUCCESS" and partition == f"{DAY}|prov-demo"
    assert {dg.DagsterEventType.RUN_START.value, dg.DagsterEventType.RUN_SUCCESS.value,
            "ASSET_MATERIALIZATION", "ASSET_CHECK_EVALUATION"} <= kinds
    assert {f'["{k}"]' for k in GUIDE_ASSET_KEYS} == materialised
    assert runs == 4  # three event days and the guide
    assert playlists == ["prov-demo"]
    assert tags["epgoat/kind"] == "backfill"  # the tag the production run queue limits


def test_prod_instance_config_runs_partitions_in_parallel(prod_instance: dg.DagsterInstance) -> None:
    # What the production file promises: a run queue with room for parallel partitions, and pools
    # wider than the embedded default's single DuckDB writer.
    settings = prod_instance.get_concurrency_config()
    assert settings.run_queue_config.max_concurrent_runs == 8
    assert settings.pool_config.default_pool_limit == 8
    assert {"key": "epgoat/kind", "value": "backfill", "limit": 4} in settings.run_queue_config.tag_concurrency_limits
