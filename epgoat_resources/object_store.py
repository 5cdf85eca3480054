"""Publishing guide files: a local folder (embedded default) or Cloudflare R2 over the S3 API.

Both stores use one key layout. A file is first written to a dated archive key
(`archive/YYYY-MM-DD/<key>`), checked, and only then promoted to the stable key that players fetch, so
a reader never sees a partial file and a failed run leaves yesterday's guide in place. S3 puts and
server-side copies are atomic per object; the folder store writes a temp file and renames it.
Housekeeping removes old archive copies and never touches stable keys.

Publishing is monotonic per stable key: the store remembers the guide date each stable key holds
(object metadata `guide-date` on R2, a hidden `.published/<key>.date` file in the folder), and a run for
an older date only writes its archive copy, so a backfill never replaces today's guide.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from dagster import ConfigurableResource
from pydantic import Field

from epgoat_assets.lib.atomic import atomic_write_bytes

ARCHIVE_PREFIX = "archive"
ARCHIVE_CACHE_CONTROL = "public, max-age=31536000, immutable"  # a dated copy never changes
DEFAULT_CACHE_CONTROL = "public, max-age=300"
GUIDE_DATE_META = "guide-date"  # S3 user metadata on a stable key: the guide date it holds
_SEGMENT = r"[A-Za-z0-9][A-Za-z0-9._+-]*"
_KEY = re.compile(rf"^{_SEGMENT}(?:/{_SEGMENT})*$")
_DATED = re.compile(rf"^{ARCHIVE_PREFIX}/(\d{{4}}-\d{{2}}-\d{{2}})/(.+)$")
_CREDENTIAL_CODES = frozenset(
    {"InvalidAccessKeyId", "SignatureDoesNotMatch", "AccessDenied", "InvalidToken", "ExpiredToken",
     "Unauthorized", "InvalidClientTokenId", "403", "401"}
)


class ObjectStoreError(ValueError):
    """A publish/list/cleanup failure, as one line that never contains a secret.

    `permanent` marks failures a retry cannot fix (rejected credentials, a missing bucket or object),
    so assets fail at once instead of waiting out their retry policy.
    """

    def __init__(self, message: str, *, permanent: bool = False) -> None:
        super().__init__(message)
        self.permanent = permanent


class ObjectNotFoundError(ObjectStoreError):
    """The object does not exist (an upstream asset has not written it yet)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, permanent=True)


@dataclass(frozen=True, slots=True)
class PublishedFile:
    key: str  # the stable key players fetch
    dated_key: str  # the archive copy of this run
    url: str  # public URL of the stable key ("" when no public base URL is configured)
    size: int
    sha256: str
    promoted: bool = True  # False: archived only, the stable key still holds a newer date


def validate_key(key: str) -> str:
    """Return `key` if it is a safe object key, else raise `ObjectStoreError` (a ValueError)."""
    if not isinstance(key, str) or not key:
        raise ObjectStoreError("object key is empty")
    if ".." in key:
        raise ObjectStoreError(f"object key {key[:80]!r} contains '..'")
    if key.startswith("/"):
        raise ObjectStoreError(f"object key {key[:80]!r} starts with '/'")
    if len(key) > 512:
        raise ObjectStoreError(f"object key {key[:40]!r}... is longer than 512 characters")
    if not _KEY.match(key):
        raise ObjectStoreError(
            f"object key {key[:80]!r} has unsafe characters (use letters, digits, '.', '_', '-', '+' and '/')"
        )
    return key


def _stable_key(key: str) -> str:
    validate_key(key)
    if key == ARCHIVE_PREFIX or key.startswith(f"{ARCHIVE_PREFIX}/"):
        raise ObjectStoreError(f"object key {key[:80]!r} is inside the reserved '{ARCHIVE_PREFIX}/' prefix")
    return key


def dated_key(key: str, on_date: date) -> str:
    return f"{ARCHIVE_PREFIX}/{on_date.isoformat()}/{_stable_key(key)}"


def _digests(path: Path) -> tuple[int, str, str]:
    """(size, sha256 hex, md5 hex) of a local file, read once in chunks."""
    sha, md5, size = hashlib.sha256(), hashlib.md5(usedforsecurity=False), 0
    try:
        with path.open("rb") as fh:
            while chunk := fh.read(1 << 20):
                sha.update(chunk)
                md5.update(chunk)
                size += len(chunk)
    except FileNotFoundError as exc:
        raise ObjectStoreError(f"{path}: file to publish not found") from exc
    except IsADirectoryError as exc:
        raise ObjectStoreError(f"{path}: is a folder, not a file to publish") from exc
    return size, sha.hexdigest(), md5.hexdigest()


def _cutoff(older_than_days: int, now: datetime | None) -> date:
    if older_than_days < 0:
        raise ObjectStoreError(f"older_than_days must be >= 0, got {older_than_days}")
    now = now or datetime.now(UTC)
    return now.astimezone(UTC).date() - timedelta(days=older_than_days)


def _old_dated(keys: list[str], cutoff: date) -> list[str]:
    out = []
    for key in keys:
        m = _DATED.match(key)
        if m and date.fromisoformat(m.group(1)) < cutoff:
            out.append(key)
    return sorted(out)


class ObjectStoreResource(ConfigurableResource):
    """Where published guides go; subclasses implement the storage, this class the key layout."""

    public_base_url: str = Field(default="", description="Public URL prefix of the stable keys.")

    def url_for(self, key: str) -> str:
        validate_key(key)
        base = self.public_base_url.rstrip("/")
        return f"{base}/{quote(key)}" if base else ""

    def publish(
        self,
        local_path: str | Path,
        key: str,
        content_type: str,
        cache_control: str = DEFAULT_CACHE_CONTROL,
        *,
        on_date: date | None = None,
        promote: bool = True,
    ) -> PublishedFile:
        """Upload to `archive/<on_date>/<key>`, verify, then promote to `key` unless it holds a newer date.

        `promote=False` archives only (the run's checks failed); the stable key is left as it is.
        """
        raise NotImplementedError

    def stable_date(self, key: str) -> date | None:
        """The guide date the stable `key` holds, or None when it was never published with a date."""
        raise NotImplementedError

    def promotes(self, key: str, on_date: date) -> bool:
        """True when a file for `on_date` may replace the stable `key`: publishing never goes back."""
        current = self.stable_date(key)
        return current is None or on_date >= current

    def list_dated(self, prefix: str = "") -> list[str]:
        """Archive keys (sorted) whose stable part starts with `prefix`."""
        raise NotImplementedError

    def cleanup(self, older_than_days: int, now: datetime | None = None) -> list[str]:
        """Delete archive copies dated before `now - older_than_days`; return the removed keys."""
        raise NotImplementedError

    def read_bytes(self, key: str) -> bytes:
        raise NotImplementedError

    def put_bytes(self, key: str, data: bytes, content_type: str = "application/octet-stream") -> None:
        """Store an internal object (pipeline staging) at `key`; no dated copy, never half-written."""
        raise NotImplementedError

    @staticmethod
    def _filter_dated(keys: list[str], prefix: str) -> list[str]:
        return sorted(k for k in keys if (m := _DATED.match(k)) and m.group(2).startswith(prefix))


class LocalFolderStore(ObjectStoreResource):
    """The embedded default: the same key layout as R2, under a local folder."""

    root: str = Field(description="Folder that stands in for the bucket.")

    def _path(self, key: str) -> Path:
        return Path(self.root) / validate_key(key)

    def _copy_atomic(self, src: Path, key: str, size: int, sha256: str) -> None:
        dest = self._path(key)
        dest.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=dest.parent, prefix=f".{dest.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as out, src.open("rb") as inp:
                shutil.copyfileobj(inp, out, 1 << 20)
                out.flush()
                os.fsync(out.fileno())
            got_size, got_sha, _ = _digests(Path(tmp))
            if (got_size, got_sha) != (size, sha256):
                raise ObjectStoreError(f"copy of {src.name} to {key} changed while publishing; not promoted")
            os.chmod(tmp, 0o644)
            os.replace(tmp, dest)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def _date_marker(self, key: str) -> Path:
        # Hidden, outside the key space (keys cannot start with '.'), so players never fetch it.
        return Path(self.root) / ".published" / f"{_stable_key(key)}.date"

    def stable_date(self, key: str) -> date | None:
        marker = self._date_marker(key)
        try:
            return date.fromisoformat(marker.read_text(encoding="utf-8").strip())
        except FileNotFoundError:
            return None
        except ValueError:
            return None  # a damaged marker must not block publishing forever

    def publish(
        self,
        local_path: str | Path,
        key: str,
        content_type: str,
        cache_control: str = DEFAULT_CACHE_CONTROL,
        *,
        on_date: date | None = None,
        promote: bool = True,
    ) -> PublishedFile:
        src = Path(local_path)
        day = on_date or datetime.now(UTC).date()
        dkey = dated_key(key, day)
        size, sha256, _ = _digests(src)
        promote = promote and self.promotes(key, day)
        try:
            self._copy_atomic(src, dkey, size, sha256)
            if promote:
                # Promote from the verified archive copy, so the stable file equals what was archived.
                self._copy_atomic(self._path(dkey), key, size, sha256)
                atomic_write_bytes(self._date_marker(key), day.isoformat().encode())
        except OSError as exc:
            raise ObjectStoreError(f"cannot publish {key} under {self.root}: {exc.strerror or exc}") from exc
        url = self.url_for(key) or self._path(key).resolve().as_uri()
        return PublishedFile(key=key, dated_key=dkey, url=url, size=size, sha256=sha256, promoted=promote)

    def _all_archive_keys(self) -> list[str]:
        base = Path(self.root) / ARCHIVE_PREFIX
        if not base.is_dir():
            return []
        root = Path(self.root)
        return [p.relative_to(root).as_posix() for p in base.rglob("*") if p.is_file() and not p.name.startswith(".")]

    def list_dated(self, prefix: str = "") -> list[str]:
        return self._filter_dated(self._all_archive_keys(), prefix)

    def cleanup(self, older_than_days: int, now: datetime | None = None) -> list[str]:
        removed = _old_dated(self._all_archive_keys(), _cutoff(older_than_days, now))
        for key in removed:
            self._path(key).unlink(missing_ok=True)
        # Drop emptied day folders so the archive does not fill with empty directories.
        base = Path(self.root) / ARCHIVE_PREFIX
        for folder in sorted((p for p in base.rglob("*") if p.is_dir()), key=lambda p: -len(p.parts)):
            if not any(folder.iterdir()):
                folder.rmdir()
        return removed

    def put_bytes(self, key: str, data: bytes, content_type: str = "application/octet-stream") -> None:
        try:
            atomic_write_bytes(self._path(key), data)
        except OSError as exc:
            raise ObjectStoreError(f"cannot write {key} under {self.root}: {exc.strerror or exc}") from exc

    def read_bytes(self, key: str) -> bytes:
        try:
            return self._path(key).read_bytes()
        except FileNotFoundError as exc:
            raise ObjectNotFoundError(f"object {key} not found under {self.root}") from exc


class R2Store(ObjectStoreResource):
    """Cloudflare R2 (or any S3 API) through boto3. Secrets are meant to come from `dagster.EnvVar`."""

    endpoint_url: str = Field(description="S3 API endpoint, e.g. https://<account>.r2.cloudflarestorage.com")
    bucket: str
    access_key_id: str
    secret_access_key: str
    region: str = "auto"
    connect_timeout_s: float = 10.0
    read_timeout_s: float = 60.0
    max_attempts: int = 5

    def _where(self) -> str:
        # The endpoint may carry userinfo in odd setups; it is never echoed back.
        parts = urlsplit(self.endpoint_url)
        return f"{parts.scheme}://{parts.hostname or ''}{f':{parts.port}' if parts.port else ''}"

    def _client(self) -> Any:
        import boto3
        from botocore.config import Config

        config = Config(
            signature_version="s3v4",
            s3={"addressing_style": "path"},
            connect_timeout=self.connect_timeout_s,
            read_timeout=self.read_timeout_s,
            retries={"max_attempts": self.max_attempts, "mode": "standard"},
            # R2 rejected the CRC checksums newer botocore sends by default; Content-MD5 is checked instead.
            request_checksum_calculation="when_required",
            response_checksum_validation="when_required",
        )
        return boto3.client(
            "s3",
            endpoint_url=self.endpoint_url,
            region_name=self.region,
            aws_access_key_id=self.access_key_id,
            aws_secret_access_key=self.secret_access_key,
            config=config,
        )

    def _error(self, exc: Exception, action: str) -> ObjectStoreError:
        from botocore.exceptions import BotoCoreError, ClientError, EndpointConnectionError

        if isinstance(exc, ClientError):
            err = exc.response.get("Error", {})
            code = str(err.get("Code") or exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode", "?"))
            if code in _CREDENTIAL_CODES:
                return ObjectStoreError(
                    f"object store {self._where()} rejected the credentials for bucket {self.bucket!r} "
                    f"while trying to {action} ({code}); check the access key id and secret", permanent=True
                )
            if code == "NoSuchBucket":
                return ObjectStoreError(f"bucket {self.bucket!r} does not exist at {self._where()}", permanent=True)
            if code in ("NoSuchKey", "404"):
                return ObjectNotFoundError(f"object store {self._where()}: cannot {action}: not found")
            message = " ".join(str(err.get("Message", "")).split())[:200]
            return ObjectStoreError(f"object store {self._where()} failed to {action}: {code} {message}".rstrip())
        if isinstance(exc, EndpointConnectionError):
            return ObjectStoreError(f"cannot reach object store {self._where()} to {action}")
        if isinstance(exc, BotoCoreError):
            return ObjectStoreError(f"object store {self._where()} failed to {action}: {type(exc).__name__}")
        return ObjectStoreError(f"object store {self._where()} failed to {action}: {exc}")

    def _check(self, client: Any, key: str, size: int, md5: str, sha256: str) -> None:
        head = client.head_object(Bucket=self.bucket, Key=key)
        etag = str(head.get("ETag", "")).strip('"')
        stored_sha = head.get("Metadata", {}).get("sha256", "")
        # A single-part upload's ETag is the MD5 of the bytes; multipart ETags ("...-N") are not.
        etag_ok = etag == md5 or ("-" in etag and stored_sha == sha256)
        if head.get("ContentLength") != size or not etag_ok:
            raise ObjectStoreError(
                f"upload of {key} to {self._where()} could not be verified "
                f"(size {head.get('ContentLength')} vs {size}); stable key left unchanged"
            )

    def publish(
        self,
        local_path: str | Path,
        key: str,
        content_type: str,
        cache_control: str = DEFAULT_CACHE_CONTROL,
        *,
        on_date: date | None = None,
        promote: bool = True,
    ) -> PublishedFile:
        src = Path(local_path)
        day = on_date or datetime.now(UTC).date()
        dkey = dated_key(key, day)
        size, sha256, md5 = _digests(src)
        client = self._client()
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            with src.open("rb") as body:
                client.put_object(
                    Bucket=self.bucket,
                    Key=dkey,
                    Body=body,
                    ContentLength=size,
                    ContentMD5=base64.b64encode(bytes.fromhex(md5)).decode(),
                    ContentType=content_type,
                    CacheControl=ARCHIVE_CACHE_CONTROL,
                    Metadata={"sha256": sha256},
                )
            try:
                self._check(client, dkey, size, md5, sha256)
            except ObjectStoreError:
                # A dated copy that differs from the file must not stay readable under the archive prefix.
                with contextlib.suppress(ClientError, BotoCoreError):
                    client.delete_object(Bucket=self.bucket, Key=dkey)
                raise
            # Asked after the upload, whose PUT reports a rejected key by name (a HEAD has no error body).
            promote = promote and self._promotes(client, key, day)
            if promote:
                # A server-side copy is atomic: players see the old stable object until it completes.
                client.copy_object(
                    Bucket=self.bucket,
                    Key=key,
                    CopySource={"Bucket": self.bucket, "Key": dkey},
                    MetadataDirective="REPLACE",
                    ContentType=content_type,
                    CacheControl=cache_control,
                    Metadata={"sha256": sha256, GUIDE_DATE_META: day.isoformat()},
                )
                self._check(client, key, size, md5, sha256)
        except (ClientError, BotoCoreError) as exc:
            raise self._error(exc, f"publish {key}") from None
        except OSError as exc:
            raise ObjectStoreError(f"{src}: cannot read file to publish: {exc.strerror or exc}") from None
        return PublishedFile(key=key, dated_key=dkey, url=self.url_for(key), size=size, sha256=sha256,
                             promoted=promote)

    def _stable_date(self, client: Any, key: str) -> date | None:
        from botocore.exceptions import ClientError

        try:
            head = client.head_object(Bucket=self.bucket, Key=_stable_key(key))
        except ClientError as exc:
            code = str(exc.response.get("Error", {}).get("Code", ""))
            if code in ("404", "NoSuchKey", "NotFound"):
                return None
            raise
        try:
            return date.fromisoformat(head.get("Metadata", {}).get(GUIDE_DATE_META, ""))
        except ValueError:
            return None  # published before dates were recorded: the next run takes over

    def _promotes(self, client: Any, key: str, day: date) -> bool:
        current = self._stable_date(client, key)
        return current is None or day >= current

    def stable_date(self, key: str) -> date | None:
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            return self._stable_date(self._client(), key)
        except (ClientError, BotoCoreError) as exc:
            raise self._error(exc, f"read the date of {key}") from None

    def _list(self, client: Any, prefix: str) -> list[str]:
        keys: list[str] = []
        for page in client.get_paginator("list_objects_v2").paginate(Bucket=self.bucket, Prefix=prefix):
            keys.extend(obj["Key"] for obj in page.get("Contents", []))
        return keys

    def list_dated(self, prefix: str = "") -> list[str]:
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            keys = self._list(self._client(), f"{ARCHIVE_PREFIX}/")
        except (ClientError, BotoCoreError) as exc:
            raise self._error(exc, "list archive keys") from None
        return self._filter_dated(keys, prefix)

    def cleanup(self, older_than_days: int, now: datetime | None = None) -> list[str]:
        from botocore.exceptions import BotoCoreError, ClientError

        cutoff = _cutoff(older_than_days, now)
        client = self._client()
        try:
            removed = _old_dated(self._list(client, f"{ARCHIVE_PREFIX}/"), cutoff)
            for i in range(0, len(removed), 1000):  # DeleteObjects takes at most 1000 keys
                batch = removed[i : i + 1000]
                resp = client.delete_objects(
                    Bucket=self.bucket, Delete={"Objects": [{"Key": k} for k in batch], "Quiet": True}
                )
                if resp.get("Errors"):
                    first = resp["Errors"][0]
                    raise ObjectStoreError(
                        f"object store {self._where()} refused to delete {len(resp['Errors'])} archive keys "
                        f"(first: {first.get('Key')}: {first.get('Code')})"
                    )
        except (ClientError, BotoCoreError) as exc:
            raise self._error(exc, "clean up archive keys") from None
        return removed

    def read_bytes(self, key: str) -> bytes:
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            return self._client().get_object(Bucket=self.bucket, Key=validate_key(key))["Body"].read()
        except (ClientError, BotoCoreError) as exc:
            raise self._error(exc, f"read {key}") from None

    def put_bytes(self, key: str, data: bytes, content_type: str = "application/octet-stream") -> None:
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            # One PUT is atomic on S3/R2: readers see the old object or the new one, never a part.
            self._client().put_object(Bucket=self.bucket, Key=validate_key(key), Body=data, ContentType=content_type)
        except (ClientError, BotoCoreError) as exc:
            raise self._error(exc, f"write {key}") from None
