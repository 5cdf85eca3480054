"""Secrets come from the environment and never show up in logs, run metadata, errors or stored rows.

One materialisation with the production resource classes, every secret given through `dagster.EnvVar`,
and every service a real local server: PostgreSQL (trust auth, so a URL with a password works), moto
for R2, the fake TheSportsDB API and the fake Anthropic API. Then everything observable is searched
for the secret strings: Python log records (all loggers, DEBUG and up), stdout/stderr, the Dagster
event log of every run (messages, metadata, errors), and the warehouse tables a UI would show.
"""

from __future__ import annotations

import json
import uuid

import dagster as dg
import pytest
from support.fake_anthropic import FakeAnthropic
from support.fake_anthropic import Reply as ClaudeReply
from support.fake_sports_api import FakeSportsAPI, Reply
from support.s3_server import S3Server

from epgoat_assets.lib.config import PROJECT_ROOT
from epgoat_assets.lib.warehouse.db import Database

pytest_plugins = ["reliability_plugin"]

TSDB_KEY = "tsdb-S3CRET-key-7781"
ANTHROPIC_KEY = "sk-ant-api03-S3CRET-anthropic-0042"
R2_KEY_ID = "AKIAS3CRETKEYID00042"
R2_SECRET = "r2-S3CRET-access-key-0000000000000042"
PG_PASSWORD = "pg-S3CRET-pw-0042"
SECRETS = [TSDB_KEY, ANTHROPIC_KEY, R2_SECRET, PG_PASSWORD]
SNAPSHOT = PROJECT_ROOT / "epgoat_assets" / "data" / "snapshot"
GUIDE = ["provider_playlists", "filtered_channels", "channel_event_matches", "epg_xml", "rewritten_m3u",
         "published_guide"]


@pytest.mark.postgres
def test_a_production_materialisation_never_shows_a_secret(fault, pg_server, pg_db, tmp_path, monkeypatch,
                                                           caplog, capfd) -> None:
    fault("secrets (TheSportsDB key, Anthropic key, R2 secret key, PostgreSQL password) set in the environment for "
          "a production-resource materialisation, including a failing events day",
          "no secret string in log records, stdout/stderr, Dagster event log, metadata, errors or warehouse rows",
          lost="n/a")
    caplog.set_level("DEBUG")
    db_url = pg_db.replace("postgresql://postgres@", f"postgresql://postgres:{PG_PASSWORD}@")
    bucket = f"epgoat-{uuid.uuid4().hex[:12]}"
    from epgoat_assets.definitions import defs as build_defs
    from epgoat_assets.defs.events import sports_events
    from epgoat_assets.defs.partitions import add_playlist_keys
    from epgoat_resources.llm import ClaudeLLM
    from epgoat_resources.object_store import R2Store
    from epgoat_resources.sports_data import LiveSportsData
    from epgoat_resources.warehouse import PostgresWarehouse

    monkeypatch.setattr(sports_events.op, "_retry_policy", dg.RetryPolicy(max_retries=1, delay=0))
    with S3Server() as s3, FakeSportsAPI() as api, FakeAnthropic(ANTHROPIC_KEY) as claude:
        s3.create_bucket(bucket)
        for name, value in {"EPGOAT_DATABASE_URL": db_url, "THESPORTSDB_API_KEY": TSDB_KEY,
                            "ANTHROPIC_API_KEY": ANTHROPIC_KEY, "R2_ENDPOINT_URL": s3.endpoint_url,
                            "R2_BUCKET": bucket, "R2_ACCESS_KEY_ID": R2_KEY_ID, "R2_SECRET_ACCESS_KEY": R2_SECRET,
                            "EPGOAT_HOME": str(tmp_path / "home")}.items():
            monkeypatch.setenv(name, value)
        path = api.tsdb_path("eventsday.php", TSDB_KEY)
        for day in ("2025-11-21", "2025-11-22", "2025-11-23"):
            api.serve(path, Reply(json=json.loads((SNAPSHOT / f"{day}.json").read_text(encoding="utf-8"))), {"d": day})
        api.serve(path, Reply(status=500, json={"error": "boom"}), {"d": "2025-11-24"})
        claude.default = ClaudeReply(answer={"event_id": None, "confidence": 0.0, "reason": "not sure"})
        resources = {
            "warehouse": PostgresWarehouse(database_url=dg.EnvVar("EPGOAT_DATABASE_URL")),
            "sports_data": LiveSportsData(thesportsdb_base_url=api.tsdb_base_url,
                                          thesportsdb_api_key=dg.EnvVar("THESPORTSDB_API_KEY"),
                                          sources=["thesportsdb"], leagues=[], cache_dir=str(tmp_path / "cache"),
                                          timeout_seconds=2, max_retries=1, backoff_seconds=0.01,
                                          thesportsdb_requests_per_second=0),
            "llm": ClaudeLLM(api_key=dg.EnvVar("ANTHROPIC_API_KEY"), base_url=claude.base_url, max_calls=5,
                             max_retries=0),
            "object_store": R2Store(endpoint_url=dg.EnvVar("R2_ENDPOINT_URL"), bucket=dg.EnvVar("R2_BUCKET"),
                                    access_key_id=dg.EnvVar("R2_ACCESS_KEY_ID"),
                                    secret_access_key=dg.EnvVar("R2_SECRET_ACCESS_KEY"), region="us-east-1",
                                    public_base_url="https://epg.example.org", max_attempts=1),
        }
        defs = build_defs()
        assets = {k.to_user_string(): a for a in defs.assets or [] if isinstance(a, dg.AssetsDefinition) for k in a.keys}
        results = []
        with dg.instance_for_test() as instance:
            for day in ("2025-11-21", "2025-11-22", "2025-11-23", "2025-11-24"):
                results.append(dg.materialize([assets["sports_events"]], instance=instance, resources=resources,
                                              partition_key=day, raise_on_error=False))
            add_playlist_keys(instance, ["prov-demo"])
            chosen = list({id(assets[k]): assets[k] for k in GUIDE}.values())
            results.append(dg.materialize(chosen, instance=instance, resources=resources, raise_on_error=False,
                                          partition_key=dg.MultiPartitionKey({"date": "2025-11-22",
                                                                              "playlist": "prov-demo"})))
            event_log = [instance.all_logs(r.run_id) for r in results]
        assert [r.success for r in results] == [True, True, True, False, True]
        assert api.count(path) > 0 and s3.client().get_object(Bucket=bucket, Key="demo.xml")["Body"].read()

    observed = []
    for records in event_log:
        for record in records:
            observed.append(record.user_message or "")
            observed.append(repr(record.dagster_event))  # metadata, errors with their causes, step data
    dagster_text = "\n".join(observed)
    observed += [r.getMessage() for r in caplog.records]
    observed += [str(r.exc_info[1]) for r in caplog.records if r.exc_info]
    out, err = capfd.readouterr()
    observed += [out, err]
    db = Database(db_url)
    with db.connect() as conn:
        for table in ("providers", "audit_log", "daily_stats", "llm_usage", "channel_event_matches"):
            observed.append(repr(conn.fetchall(f"SELECT * FROM {table}")))  # noqa: S608 - fixed table names
    text = "\n".join(observed)
    assert "SportsDataError" in dagster_text and "HTTP 500" in dagster_text  # the failing day's error is there
    leaked = [s for s in SECRETS if s in text]
    assert leaked == [], f"secrets leaked: {leaked}"
    # The access key id is not secret to boto3 (its DEBUG log prints the Authorization header), but
    # Dagster's events and metadata must not carry it either.
    assert R2_KEY_ID not in dagster_text


def test_production_resources_read_every_secret_from_envvars(fault, monkeypatch) -> None:
    fault("production resource set built from the environment", "every secret field is a dagster EnvVar "
          "(resolved at run time, never stored in definitions or run config)", lost="n/a")
    from epgoat_resources.env import build_resources

    for name in ("EPGOAT_DATABASE_URL", "THESPORTSDB_API_KEY", "ANTHROPIC_API_KEY", "R2_ENDPOINT_URL", "R2_BUCKET",
                 "R2_ACCESS_KEY_ID", "R2_SECRET_ACCESS_KEY"):
        monkeypatch.setenv(name, f"value-of-{name}")
    resources = build_resources("production")
    secret_fields = {
        "warehouse": ["database_url"], "sports_data": ["thesportsdb_api_key"], "llm": ["api_key"],
        "object_store": ["access_key_id", "secret_access_key", "endpoint_url"],
    }
    for resource, fields in secret_fields.items():
        for f in fields:
            value = resources[resource]._partial_resource.__dict__.get(f) if hasattr(resources[resource], "_partial_resource") \
                else getattr(resources[resource], f)
            assert isinstance(value, dg.EnvVar), f"{resource}.{f} is not an EnvVar"
