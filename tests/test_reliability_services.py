"""Failing services, injected against the real local servers: the object store (moto in server mode
behind a fault-injecting proxy), PostgreSQL (backends terminated mid-write) and the sports API (the
fake TheSportsDB server) inside a Dagster partition.

TheSportsDB/ESPN client faults (429 + Retry-After, 500, timeouts, resets, malformed JSON) are covered
in tests/test_sports_data.py and Claude faults (rate limit, overload, timeout, invalid or off-topic
answers) in tests/test_llm.py; docs/reliability.md lists them next to these.
"""

from __future__ import annotations

import gzip
import threading
import time
import uuid
from datetime import date
from pathlib import Path

import dagster as dg
import pytest
from support.fake_sports_api import FakeSportsAPI, Reply
from support.fault_proxy import FaultProxy
from support.s3_server import ACCESS_KEY_ID, SECRET_ACCESS_KEY, S3Server

from epgoat_assets.lib.config import PROJECT_ROOT
from epgoat_assets.lib.models import ChannelInfo, MatchResult, PlaylistEntry
from epgoat_assets.lib.warehouse import store
from epgoat_assets.lib.warehouse.db import Database, DatabaseError
from epgoat_resources.object_store import ObjectStoreError, R2Store

pytest_plugins = ["reliability_plugin"]

DAY = date(2025, 11, 22)
NEXT = date(2025, 11, 23)
KEY = "demo.xml.gz"


# --- R2 (moto server behind a fault proxy) ----------------------------------------------------------


@pytest.fixture(scope="module")
def s3():
    with S3Server() as server:
        yield server


@pytest.fixture
def proxy(s3):
    with FaultProxy(s3.endpoint_url) as p:
        yield p


@pytest.fixture
def r2(s3, proxy) -> R2Store:
    bucket = f"epgoat-{uuid.uuid4().hex[:12]}"
    s3.create_bucket(bucket)
    return R2Store(endpoint_url=proxy.url, bucket=bucket, access_key_id=ACCESS_KEY_ID,
                   secret_access_key=SECRET_ACCESS_KEY, region="us-east-1", max_attempts=2,
                   connect_timeout_s=2, read_timeout_s=5)


def guide(tmp_path: Path, text: str) -> Path:
    path = tmp_path / f"{uuid.uuid4().hex}.xml.gz"
    path.write_bytes(gzip.compress(text.encode() * 2000, mtime=0))
    return path


def objects(s3: S3Server, bucket: str) -> dict[str, bytes]:
    client = s3.client()
    keys = [o["Key"] for o in client.list_objects_v2(Bucket=bucket).get("Contents", [])]
    return {k: client.get_object(Bucket=bucket, Key=k)["Body"].read() for k in keys}


@pytest.fixture
def published(r2, tmp_path) -> bytes:
    """Yesterday's guide, published through the proxy without faults: what players have now."""
    src = guide(tmp_path, "<tv>yesterday</tv>")
    r2.publish(src, KEY, "application/gzip", on_date=DAY)
    return src.read_bytes()


R2_FAULTS = [
    ("upload of the dated copy cut off half-way (partial body, then connection reset)", "is_upload", "truncate"),
    ("connection reset on the dated-copy upload, every attempt", "is_upload", "reset"),
    ("upload body corrupted in transit (one byte flipped; Content-MD5 no longer matches)", "is_upload", "corrupt"),
    ("500 InternalError on the promotion (server-side copy to the stable key), every attempt", "is_copy", "status"),
    ("connection reset on the promotion, every attempt", "is_copy", "reset"),
]


@pytest.mark.parametrize(("what", "match", "kind"), R2_FAULTS)
def test_a_failed_publish_leaves_the_stable_guide_unchanged(fault, s3, r2, proxy, published, tmp_path,
                                                          what, match, kind) -> None:
    fault(f"R2: {what}", "one-line ObjectStoreError after the client's retries; the stable key keeps the last good "
                         "guide; no partial object under any key")
    proxy.fail(lambda seen: getattr(seen, match), kind, times=100)  # every attempt fails
    with pytest.raises(ObjectStoreError) as err:
        r2.publish(guide(tmp_path, "<tv>today</tv>"), KEY, "application/gzip", on_date=NEXT)
    assert "\n" not in str(err.value) and SECRET_ACCESS_KEY not in str(err.value)
    assert proxy.faults  # the fault was hit (a failed verification is not retried, the others are)
    stored = objects(s3, r2.bucket)
    assert stored[KEY] == published
    assert stored[f"archive/{DAY}/{KEY}"] == published
    today = stored.get(f"archive/{NEXT}/{KEY}")
    assert today is None or gzip.decompress(today).startswith(b"<tv>today</tv>")  # complete, or absent
    assert set(stored) <= {KEY, f"archive/{DAY}/{KEY}", f"archive/{NEXT}/{KEY}"}


@pytest.mark.parametrize(("match", "kind"), [("is_upload", "reset"), ("is_copy", "status"), ("is_upload", "truncate")])
def test_one_failed_attempt_is_retried_and_the_publish_succeeds(fault, s3, r2, proxy, published, tmp_path,
                                                                match, kind) -> None:
    fault(f"R2: one {kind} on the {'upload' if match == 'is_upload' else 'promotion'}, then the server recovers",
          "boto3 retries; the new guide is published and verified")
    proxy.fail(lambda seen: getattr(seen, match), kind, times=1)
    src = guide(tmp_path, "<tv>today</tv>")
    pub = r2.publish(src, KEY, "application/gzip", on_date=NEXT)
    assert proxy.faults and pub.size == src.stat().st_size
    stored = objects(s3, r2.bucket)
    assert stored[KEY] == stored[f"archive/{NEXT}/{KEY}"] == src.read_bytes()


def test_wrong_r2_secret_is_a_clear_error_and_publishes_nothing(fault, s3, tmp_path, monkeypatch) -> None:
    fault("R2: a wrong secret access key for a real key id (server enforcing signatures)",
          "one-line ObjectStoreError 'rejected the credentials ... (SignatureDoesNotMatch)' without the secret; "
          "nothing stored")
    import moto.settings

    iam = __import__("boto3").client("iam", endpoint_url=s3.endpoint_url, region_name="us-east-1",
                                      aws_access_key_id=ACCESS_KEY_ID, aws_secret_access_key=SECRET_ACCESS_KEY)
    user = f"epgoat-{uuid.uuid4().hex[:8]}"
    iam.create_user(UserName=user)
    key = iam.create_access_key(UserName=user)["AccessKey"]
    bucket = f"epgoat-{uuid.uuid4().hex[:12]}"
    s3.create_bucket(bucket)
    monkeypatch.setattr(moto.settings, "INITIAL_NO_AUTH_ACTION_COUNT", 0)
    wrong = "Wr0ng-Secret-" + key["SecretAccessKey"][:20]
    store_ = R2Store(endpoint_url=s3.endpoint_url, bucket=bucket, access_key_id=key["AccessKeyId"],
                     secret_access_key=wrong, region="us-east-1", max_attempts=1)
    with pytest.raises(ObjectStoreError) as err:
        store_.publish(guide(tmp_path, "<tv>x</tv>"), KEY, "application/gzip", on_date=DAY)
    msg = str(err.value)
    assert "rejected the credentials" in msg and "SignatureDoesNotMatch" in msg
    assert wrong not in msg and key["SecretAccessKey"] not in msg and "\n" not in msg
    monkeypatch.setattr(moto.settings, "INITIAL_NO_AUTH_ACTION_COUNT", float("inf"))
    assert objects(s3, bucket) == {}


# --- PostgreSQL: backends terminated in the middle of a large write ------------------------------------

ROWS = 60_000


def _results(n: int, tag: str) -> list[MatchResult]:
    out = []
    for i in range(n):
        entry = PlaylistEntry(i, 2 * i + 2, f"NBA {i % 100:02d}: {tag} Team{i} vs Other{i} 7:00 PM ET",
                              f"http://line.example-iptv.net:8080/live/u/p/{i}.ts", attrs={"group-title": "NBA Events"})
        out.append(MatchResult(ChannelInfo(entry, family="NBA", slot=i % 100), "unmatched",
                               reason="no_candidate_in_window"))
    return out


def _terminate_when_inserting(admin_url: str, dbname: str, killed: list[int], stop: threading.Event) -> None:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as admin:
        while not stop.is_set():
            busy = admin.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = %s AND state = 'active'"
                " AND query LIKE 'INSERT INTO channel_event_matches%%'", (dbname,)).fetchall()
            if busy:
                time.sleep(0.2)  # well inside the batch: some rows are written, most are not
                rows = admin.execute("SELECT pid, pg_terminate_backend(pid) FROM pg_stat_activity"
                                     " WHERE datname = %s AND pid <> pg_backend_pid()", (dbname,)).fetchall()
                killed.extend(pid for pid, ok in rows if ok)
                return
            time.sleep(0.005)


def _counts(db: Database) -> tuple[int, int, int]:
    with db.connect() as conn:
        row = conn.fetchone("SELECT COUNT(*), COUNT(DISTINCT entry_index), COUNT(DISTINCT channel_name)"
                            " FROM channel_event_matches WHERE record_status = 'active'")
    return int(row[0]), int(row[1]), int(row[2])


@pytest.mark.postgres
def test_postgres_backend_killed_mid_write_rolls_back_and_a_retry_stores_exactly_once(fault, pg_server, pg_db) -> None:
    fault(f"PostgreSQL: pg_terminate_backend on the session while save_match_results writes {ROWS:,} rows "
          "over an earlier run's rows",
          "one-line DatabaseError (no password), transaction rolled back: the earlier rows are intact, none of "
          "the new ones; the retry stores exactly one row per entry")
    db = Database(pg_db)
    db.migrate()
    earlier = _results(1000, "Earlier")
    store.save_match_results(db, "prov-demo", DAY, earlier)
    assert _counts(db) == (1000, 1000, 1000)

    killed: list[int] = []
    stop = threading.Event()
    killer = threading.Thread(target=_terminate_when_inserting, args=(pg_server, pg_db.rsplit("/", 1)[1], killed, stop))
    killer.start()
    batch = _results(ROWS, "Today")
    try:
        with pytest.raises(DatabaseError) as err:
            store.save_match_results(db, "prov-demo", DAY, batch)
    finally:
        stop.set()
        killer.join(10)
    assert killed, "the writer was never seen inserting"
    msg = str(err.value)
    assert msg.startswith("lost the connection to postgresql://") and "the transaction was rolled back" in msg
    assert "\n" not in msg
    with db.connect() as conn:
        names = conn.fetchall("SELECT DISTINCT split_part(channel_name, ' ', 3) FROM channel_event_matches")
    assert _counts(db) == (1000, 1000, 1000) and names == [("Earlier",)]

    store.save_match_results(db, "prov-demo", DAY, batch)  # the retry (Dagster re-runs the partition)
    assert _counts(db) == (ROWS, ROWS, ROWS)
    with db.connect() as conn:
        unmatched = conn.fetchone("SELECT COUNT(*), COUNT(DISTINCT stream_url) FROM unmatched_channels"
                                  " WHERE record_status = 'active'")
    assert tuple(unmatched) == (ROWS, ROWS)


@pytest.mark.postgres
def test_a_password_in_an_unreachable_postgres_url_never_reaches_the_error(fault) -> None:
    fault("PostgreSQL: the server is down (nothing listens on the port), URL carries a password",
          "one-line DatabaseError naming the redacted URL", area="failing service")
    db = Database("postgresql://epgoat:Sup3r-S3cret-PW@127.0.0.1:9/epgoat")
    with pytest.raises(DatabaseError) as err:
        db.migrate()
    assert "Sup3r-S3cret-PW" not in str(err.value) and "***" in str(err.value) and "\n" not in str(err.value)


# --- the sports API inside a Dagster partition ---------------------------------------------------------

SNAPSHOT = PROJECT_ROOT / "epgoat_assets" / "data" / "snapshot"


def test_a_failing_sports_api_fails_only_its_day_with_a_clear_message(fault, tmp_path, monkeypatch) -> None:
    fault("TheSportsDB answering 503 for one day (every attempt) and 429 + Retry-After then 200 for another, "
          "inside Dagster sports_events partitions",
          "the 503 day fails with a one-line SportsDataError after the retries and stores nothing; the 429 day "
          "succeeds after waiting; its events are stored once")
    import json

    from epgoat_assets.defs.events import sports_events
    from epgoat_resources.sports_data import LiveSportsData
    from epgoat_resources.warehouse import DuckDBWarehouse

    # Keep the retry count of the asset's policy, drop its 10 s waits.
    policy = sports_events.op.retry_policy
    monkeypatch.setattr(sports_events.op, "_retry_policy", dg.RetryPolicy(max_retries=policy.max_retries, delay=0))
    payload = json.loads((SNAPSHOT / "2025-11-22.json").read_text(encoding="utf-8"))
    with FakeSportsAPI() as api:
        path = api.tsdb_path("eventsday.php", "k3y")
        api.serve(path, Reply(status=503, json={"error": "maintenance"}), {"d": "2025-11-21"})
        api.script(path, Reply(status=429, headers={"Retry-After": "0.2"}), query={"d": "2025-11-22"})
        api.serve(path, Reply(json=payload), {"d": "2025-11-22"})
        warehouse = DuckDBWarehouse(path=str(tmp_path / "warehouse.duckdb"))
        resources = {
            "warehouse": warehouse,
            "sports_data": LiveSportsData(thesportsdb_base_url=api.tsdb_base_url, thesportsdb_api_key="k3y",
                                          sources=["thesportsdb"], leagues=[], cache_dir=str(tmp_path / "cache"),
                                          timeout_seconds=2, max_retries=2, backoff_seconds=0.01,
                                          thesportsdb_requests_per_second=0),
        }
        with dg.instance_for_test() as instance:
            bad = dg.materialize([sports_events], instance=instance, resources=resources, partition_key="2025-11-21",
                                 raise_on_error=False)
            good = dg.materialize([sports_events], instance=instance, resources=resources, partition_key="2025-11-22")
        failures = [e for e in bad.all_events if e.event_type_value == "STEP_FAILURE"]
    assert not bad.success and len(failures) == 1
    error = failures[0].event_specific_data.error
    while error.cause is not None and (error.cls_name.startswith("Dagster") or "max_retries" in error.message):
        error = error.cause
    assert error.cls_name == "SportsDataError" and "503" in error.message and "\n" not in error.message.strip()
    assert "k3y" not in error.message
    assert api.count(path, d="2025-11-21") == 3 * (policy.max_retries + 1)  # 3 client attempts per run attempt
    assert good.success
    db = warehouse.database()
    assert store.count_events_by_day(db, date(2025, 11, 21)) == 0
    with db.connect() as conn:
        total, distinct = conn.fetchone("SELECT COUNT(*), COUNT(DISTINCT event_id) FROM events")
    assert total == distinct == len(payload["events"])
