"""Publishing to the object store: dated copy first, verified, then the stable key; housekeeping."""

from __future__ import annotations

import gzip
import hashlib
import uuid
from datetime import UTC, date, datetime
from pathlib import Path

import dagster as dg
import moto.settings
import pytest
from support.s3_server import ACCESS_KEY_ID, SECRET_ACCESS_KEY, S3Server

from epgoat_resources.object_store import (
    ARCHIVE_CACHE_CONTROL,
    LocalFolderStore,
    ObjectNotFoundError,
    ObjectStoreError,
    ObjectStoreResource,
    R2Store,
)

GUIDE_TYPE = "application/xml"
DAY = date(2025, 11, 23)


@pytest.fixture(scope="module")
def s3():
    with S3Server() as server:
        yield server


@pytest.fixture()
def bucket(s3) -> str:
    name = f"epgoat-{uuid.uuid4().hex[:16]}"  # a fresh bucket per test keeps tests independent
    s3.create_bucket(name)
    return name


@pytest.fixture()
def r2(s3, bucket) -> R2Store:
    return R2Store(
        endpoint_url=s3.endpoint_url, bucket=bucket, access_key_id=ACCESS_KEY_ID,
        secret_access_key=SECRET_ACCESS_KEY, region="us-east-1", public_base_url="https://epg.example.org/",
        max_attempts=1,
    )


@pytest.fixture(params=["folder", "r2"])
def store(request, tmp_path) -> ObjectStoreResource:
    if request.param == "folder":
        return LocalFolderStore(root=str(tmp_path / "objects"), public_base_url="https://epg.example.org")
    return request.getfixturevalue("r2")


def guide_file(tmp_path: Path, text: str = "<tv>v1</tv>", name: str = "guide.xml.gz") -> Path:
    path = tmp_path / name
    path.write_bytes(gzip.compress(text.encode(), mtime=0))
    return path


# --- R2 (S3 API, real moto server) ----------------------------------------------------------------


def test_publish_writes_the_exact_bytes_to_the_stable_and_dated_keys(r2, s3, tmp_path):
    src = guide_file(tmp_path)
    pub = r2.publish(src, "demo/guide.xml.gz", GUIDE_TYPE, "public, max-age=600", on_date=DAY)
    client = s3.client()
    for key in ("demo/guide.xml.gz", "archive/2025-11-23/demo/guide.xml.gz"):
        assert client.get_object(Bucket=r2.bucket, Key=key)["Body"].read() == src.read_bytes()
    assert (pub.key, pub.dated_key) == ("demo/guide.xml.gz", "archive/2025-11-23/demo/guide.xml.gz")
    assert pub.size == src.stat().st_size
    assert pub.url == "https://epg.example.org/demo/guide.xml.gz"


def test_stable_key_carries_content_type_and_cache_headers(r2, s3, tmp_path):
    r2.publish(guide_file(tmp_path), "demo/guide.xml.gz", GUIDE_TYPE, "public, max-age=600", on_date=DAY)
    got = s3.client().get_object(Bucket=r2.bucket, Key="demo/guide.xml.gz")
    assert got["ContentType"] == GUIDE_TYPE
    assert got["CacheControl"] == "public, max-age=600"


def test_dated_copy_is_cached_as_immutable(r2, s3, tmp_path):
    r2.publish(guide_file(tmp_path), "demo/guide.xml.gz", GUIDE_TYPE, on_date=DAY)
    head = s3.client().head_object(Bucket=r2.bucket, Key="archive/2025-11-23/demo/guide.xml.gz")
    assert head["CacheControl"] == ARCHIVE_CACHE_CONTROL and head["ContentType"] == GUIDE_TYPE


def test_republishing_replaces_the_stable_file_and_keeps_each_days_copy(r2, tmp_path):
    r2.publish(guide_file(tmp_path, "<tv>day1</tv>", "a.gz"), "demo/guide.xml.gz", GUIDE_TYPE, on_date=DAY)
    second = guide_file(tmp_path, "<tv>day2</tv>", "b.gz")
    r2.publish(second, "demo/guide.xml.gz", GUIDE_TYPE, on_date=date(2025, 11, 24))
    assert r2.read_bytes("demo/guide.xml.gz") == second.read_bytes()
    assert r2.list_dated("demo/") == [
        "archive/2025-11-23/demo/guide.xml.gz", "archive/2025-11-24/demo/guide.xml.gz",
    ]


def test_failed_upload_leaves_the_published_stable_file_intact(r2, tmp_path):
    first = guide_file(tmp_path)
    r2.publish(first, "demo/guide.xml.gz", GUIDE_TYPE, on_date=DAY)
    with pytest.raises(ObjectStoreError, match="file to publish not found"):
        r2.publish(tmp_path / "vanished.xml.gz", "demo/guide.xml.gz", GUIDE_TYPE, on_date=date(2025, 11, 24))
    assert r2.read_bytes("demo/guide.xml.gz") == first.read_bytes()
    assert r2.list_dated() == ["archive/2025-11-23/demo/guide.xml.gz"]


def test_unreachable_store_fails_before_touching_anything(tmp_path):
    dead = R2Store(endpoint_url="http://127.0.0.1:9", bucket="b", access_key_id="k", secret_access_key="s",
                   max_attempts=1, connect_timeout_s=1)
    with pytest.raises(ObjectStoreError, match=r"^cannot reach object store http://127.0.0.1:9 to publish"):
        dead.publish(guide_file(tmp_path), "demo/guide.xml.gz", GUIDE_TYPE, on_date=DAY)


def test_missing_bucket_is_a_one_line_error(s3, tmp_path):
    missing = R2Store(endpoint_url=s3.endpoint_url, bucket="no-such-bucket", access_key_id=ACCESS_KEY_ID,
                      secret_access_key=SECRET_ACCESS_KEY, region="us-east-1", max_attempts=1)
    with pytest.raises(ObjectStoreError, match="bucket 'no-such-bucket' does not exist"):
        missing.publish(guide_file(tmp_path), "demo/guide.xml.gz", GUIDE_TYPE, on_date=DAY)


def test_wrong_credentials_give_a_clear_error_without_the_secret(s3, tmp_path, monkeypatch):
    # Switch the real server to enforcing IAM signatures, as R2 always does.
    monkeypatch.setattr(moto.settings, "INITIAL_NO_AUTH_ACTION_COUNT", 0)
    wrong = R2Store(endpoint_url=s3.endpoint_url, bucket="epgoat-any", access_key_id="AKIAWRONGWRONGWRONG1",
                    secret_access_key="very-secret-value-123", region="us-east-1", max_attempts=1)
    with pytest.raises(ObjectStoreError) as err:
        wrong.publish(guide_file(tmp_path), "demo/guide.xml.gz", GUIDE_TYPE, on_date=DAY)
    msg = str(err.value)
    assert "rejected the credentials for bucket 'epgoat-any'" in msg and "InvalidAccessKeyId" in msg
    assert "very-secret-value-123" not in msg and "\n" not in msg


def test_cleanup_removes_only_old_dated_copies(r2, tmp_path):
    src = guide_file(tmp_path)
    for day in (date(2025, 11, 1), date(2025, 11, 16), date(2025, 11, 23)):
        r2.publish(src, "demo/guide.xml.gz", GUIDE_TYPE, on_date=day)
        r2.publish(src, "demo/playlist.m3u", "audio/x-mpegurl", on_date=day)
    removed = r2.cleanup(older_than_days=7, now=datetime(2025, 11, 23, 12, tzinfo=UTC))
    assert removed == ["archive/2025-11-01/demo/guide.xml.gz", "archive/2025-11-01/demo/playlist.m3u"]
    assert r2.list_dated("demo/guide") == [
        "archive/2025-11-16/demo/guide.xml.gz", "archive/2025-11-23/demo/guide.xml.gz",
    ]
    assert r2.read_bytes("demo/guide.xml.gz") == src.read_bytes()


# --- behaviour shared by both stores --------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "why"),
    [
        ("../etc/passwd", "contains '..'"),
        ("demo/../../x", "contains '..'"),
        ("/demo/guide.xml", "starts with '/'"),
        ("demo/guide xml", "unsafe characters"),
        ("demo//guide.xml", "unsafe characters"),
        ("demo/gu\nide.xml", "unsafe characters"),
        ("", "empty"),
        ("archive/2025-11-23/x.xml", "reserved 'archive/' prefix"),
    ],
)
def test_unsafe_keys_are_rejected_with_one_line(store, tmp_path, key, why):
    with pytest.raises(ObjectStoreError, match=why) as err:
        store.publish(guide_file(tmp_path), key, GUIDE_TYPE, on_date=DAY)
    assert "\n" not in str(err.value)


def test_round_trip_on_both_stores(store, tmp_path):
    src = guide_file(tmp_path, "<tv>both</tv>")
    pub = store.publish(src, "demo/guide.xml.gz", GUIDE_TYPE, on_date=DAY)
    assert store.read_bytes(pub.key) == store.read_bytes(pub.dated_key) == src.read_bytes()
    assert store.list_dated() == ["archive/2025-11-23/demo/guide.xml.gz"]
    assert pub.sha256 == hashlib.sha256(src.read_bytes()).hexdigest()


# --- local folder store ---------------------------------------------------------------------------


# --- monotonic publishing (both stores) -------------------------------------------------------------


def test_an_older_date_is_archived_only_and_the_stable_key_keeps_the_newer_guide(store, tmp_path):
    newer = guide_file(tmp_path, "<tv>2025-11-22</tv>", "new.xml.gz")
    older = guide_file(tmp_path, "<tv>2025-11-21</tv>", "old.xml.gz")
    first = store.publish(newer, "demo.xml.gz", GUIDE_TYPE, on_date=date(2025, 11, 22))
    second = store.publish(older, "demo.xml.gz", GUIDE_TYPE, on_date=date(2025, 11, 21))
    assert first.promoted and not second.promoted
    assert store.read_bytes("demo.xml.gz") == newer.read_bytes()
    assert store.read_bytes("archive/2025-11-21/demo.xml.gz") == older.read_bytes()
    assert store.stable_date("demo.xml.gz") == date(2025, 11, 22)


def test_the_same_or_a_newer_date_moves_the_stable_key_forward(store, tmp_path):
    store.publish(guide_file(tmp_path, "<tv>a</tv>", "a.gz"), "demo.xml.gz", GUIDE_TYPE, on_date=date(2025, 11, 22))
    again = guide_file(tmp_path, "<tv>b</tv>", "b.gz")
    assert store.publish(again, "demo.xml.gz", GUIDE_TYPE, on_date=date(2025, 11, 22)).promoted
    newer = guide_file(tmp_path, "<tv>c</tv>", "c.gz")
    assert store.publish(newer, "demo.xml.gz", GUIDE_TYPE, on_date=date(2025, 11, 23)).promoted
    assert store.read_bytes("demo.xml.gz") == newer.read_bytes()
    assert store.stable_date("demo.xml.gz") == date(2025, 11, 23)


def test_publish_without_promotion_leaves_an_unpublished_key_absent(store, tmp_path):
    pub = store.publish(guide_file(tmp_path), "demo.xml.gz", GUIDE_TYPE, on_date=DAY, promote=False)
    assert not pub.promoted and store.stable_date("demo.xml.gz") is None
    assert store.read_bytes(f"archive/{DAY}/demo.xml.gz") == guide_file(tmp_path).read_bytes()
    with pytest.raises(ObjectNotFoundError):
        store.read_bytes("demo.xml.gz")


def test_missing_objects_are_permanent_errors(store):
    with pytest.raises(ObjectNotFoundError) as info:
        store.read_bytes("staging/prov-demo/2025-11-22/results.jsonl.gz")
    assert info.value.permanent and "\n" not in str(info.value)


def test_folder_store_uses_the_same_key_layout(tmp_path):
    root = tmp_path / "objects"
    store = LocalFolderStore(root=str(root))
    pub = store.publish(guide_file(tmp_path), "demo/guide.xml.gz", GUIDE_TYPE, on_date=DAY)
    assert (root / "demo" / "guide.xml.gz").is_file()
    assert (root / "archive" / "2025-11-23" / "demo" / "guide.xml.gz").is_file()
    assert pub.url == (root / "demo" / "guide.xml.gz").resolve().as_uri()
    assert sorted(p.name for p in (root / "demo").iterdir()) == ["guide.xml.gz"]  # no temp files left


def test_folder_store_failed_publish_keeps_the_stable_file(tmp_path):
    store = LocalFolderStore(root=str(tmp_path / "objects"))
    first = guide_file(tmp_path)
    store.publish(first, "demo/guide.xml.gz", GUIDE_TYPE, on_date=DAY)
    with pytest.raises(ObjectStoreError, match="is a folder"):
        store.publish(tmp_path, "demo/guide.xml.gz", GUIDE_TYPE, on_date=date(2025, 11, 24))
    assert store.read_bytes("demo/guide.xml.gz") == first.read_bytes()


def test_folder_store_cleanup_never_removes_stable_files(tmp_path):
    store = LocalFolderStore(root=str(tmp_path / "objects"))
    src = guide_file(tmp_path)
    store.publish(src, "demo/guide.xml.gz", GUIDE_TYPE, on_date=date(2025, 10, 1))
    removed = store.cleanup(older_than_days=0, now=datetime(2025, 11, 23, tzinfo=UTC))
    assert removed == ["archive/2025-10-01/demo/guide.xml.gz"]
    assert store.read_bytes("demo/guide.xml.gz") == src.read_bytes()
    assert not (tmp_path / "objects" / "archive" / "2025-10-01").exists()


# --- as a Dagster resource ------------------------------------------------------------------------


def test_r2_store_reads_its_secrets_from_env_vars_inside_a_run(s3, bucket, tmp_path, monkeypatch):
    monkeypatch.setenv("TEST_R2_ACCESS_KEY_ID", ACCESS_KEY_ID)
    monkeypatch.setenv("TEST_R2_SECRET_ACCESS_KEY", SECRET_ACCESS_KEY)
    src = guide_file(tmp_path, "<tv>from a run</tv>")

    @dg.asset
    def published_guide(object_store: ObjectStoreResource) -> dg.MaterializeResult:
        pub = object_store.publish(src, "demo/guide.xml.gz", GUIDE_TYPE, on_date=DAY)
        return dg.MaterializeResult(metadata={"url": pub.url, "sha256": pub.sha256})

    store = R2Store(
        endpoint_url=s3.endpoint_url, bucket=bucket, region="us-east-1",
        access_key_id=dg.EnvVar("TEST_R2_ACCESS_KEY_ID"), secret_access_key=dg.EnvVar("TEST_R2_SECRET_ACCESS_KEY"),
        public_base_url="https://epg.example.org",
    )
    result = dg.materialize([published_guide], resources={"object_store": store})
    assert result.success
    assert s3.client().get_object(Bucket=bucket, Key="demo/guide.xml.gz")["Body"].read() == src.read_bytes()
