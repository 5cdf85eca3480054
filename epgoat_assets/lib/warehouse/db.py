"""One small database layer over DuckDB (embedded) and PostgreSQL (production).

The SQL is written once, with `?` placeholders and the subset both engines share (ON CONFLICT
upserts, TIMESTAMPTZ, TEXT keys). Connections are opened per unit of work and closed afterwards:
DuckDB allows a single writer process, so holding a connection open would lock out other runs.
"""

from __future__ import annotations

import contextlib
import logging
import re
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

log = logging.getLogger(__name__)

_LOCK_ATTEMPTS = 8
_MIGRATION_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")


class DatabaseError(RuntimeError):
    """A database could not be reached or used; the message is one line and holds no password."""


def redact_url(url: str) -> str:
    """The URL with any password replaced, safe for logs and error messages."""
    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        return parts._replace(netloc=netloc).geturl()
    return url


class Database:
    """A handle on epgoat's warehouse: `duckdb:///path/file.duckdb` or `postgresql://...`."""

    def __init__(self, url: str) -> None:
        self.url = url
        if url.startswith("duckdb:"):
            self.dialect = "duckdb"
            self.path = Path(url.removeprefix("duckdb://").removeprefix("duckdb:"))
        elif url.startswith(("postgresql:", "postgres:")):
            self.dialect = "postgres"
            self.path = None
        else:
            raise DatabaseError(f"unsupported database URL {redact_url(url)!r}: use duckdb:///file or postgresql://")

    def __repr__(self) -> str:
        return f"Database({redact_url(self.url)!r})"

    @contextmanager
    def connect(self) -> Iterator[Connection]:
        """A connection inside one transaction: committed on success, rolled back on error."""
        if self.dialect == "duckdb":
            import duckdb

            assert self.path is not None
            self.path.parent.mkdir(parents=True, exist_ok=True)
            raw = None
            # Another process (a sensor tick, dbt, a second run) may hold the file's single-writer
            # lock for a moment: wait for it rather than fail the run.
            for attempt in range(_LOCK_ATTEMPTS):
                try:
                    raw = duckdb.connect(str(self.path))
                    break
                except duckdb.IOException as exc:
                    if "lock" not in str(exc).lower() or attempt == _LOCK_ATTEMPTS - 1:
                        raise DatabaseError(f"cannot open {self.path}: {str(exc).splitlines()[0]}") from exc
                    time.sleep(min(0.2 * 2**attempt, 3.0))
            conn = Connection(raw, "duckdb")
            raw.execute("BEGIN TRANSACTION")
        else:
            import psycopg

            try:
                raw = psycopg.connect(self.url, connect_timeout=10)
            except psycopg.OperationalError as exc:
                first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
                raise DatabaseError(f"cannot connect to {redact_url(self.url)}: {first}") from exc
            conn = Connection(raw, "postgres")
        committing = False
        try:
            yield conn
            committing = True
            raw.commit()
        except BaseException as exc:
            # On a lost connection the rollback itself fails; the server has rolled back already,
            # and the original error is the one worth reporting.
            with contextlib.suppress(Exception):
                raw.rollback()
            lost = _lost_connection(exc, self.dialect)
            if lost:
                state = "the commit was not confirmed" if committing else "the transaction was rolled back"
                raise DatabaseError(f"lost the connection to {redact_url(self.url)} ({lost}); {state}") from exc
            raise
        finally:
            with contextlib.suppress(Exception):
                raw.close()

    def migrate(self) -> list[str]:
        """Apply pending migrations in order; returns the versions applied now."""
        applied_now: list[str] = []
        with self.connect() as conn:
            conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations ("
                " version TEXT PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL)"
            )
            done = {row[0] for row in conn.fetchall("SELECT version FROM schema_migrations")}
            for version, name, sql in iter_migrations():
                if version in done:
                    continue
                for statement in split_sql(sql):
                    conn.execute(statement)
                conn.execute(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                    (version, name, utcnow()),
                )
                applied_now.append(version)
        if applied_now:
            log.info("applied migrations %s to %r", ", ".join(applied_now), self)
        return applied_now


class Connection:
    """A thin wrapper giving both engines the same `?`-placeholder API."""

    def __init__(self, raw: Any, dialect: str) -> None:
        self.raw = raw
        self.dialect = dialect

    def _sql(self, sql: str) -> str:
        # psycopg uses %s; literal percent signs must be doubled there.
        if self.dialect == "postgres":
            return sql.replace("%", "%%").replace("?", "%s")
        return sql

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        if self.dialect == "postgres":
            with self.raw.cursor() as cur:
                cur.execute(self._sql(sql), tuple(params) if params else None)
        else:
            self.raw.execute(sql, list(params))

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> int:
        rows = [tuple(r) for r in rows]
        if not rows:
            return 0
        if self.dialect == "postgres":
            with self.raw.cursor() as cur:
                cur.executemany(self._sql(sql), rows)
        else:
            self.raw.executemany(sql, [list(r) for r in rows])
        return len(rows)

    def fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        if self.dialect == "postgres":
            with self.raw.cursor() as cur:
                cur.execute(self._sql(sql), tuple(params) if params else None)
                return [tuple(r) for r in cur.fetchall()]
        return [tuple(r) for r in self.raw.execute(sql, list(params)).fetchall()]

    def fetchone(self, sql: str, params: Sequence[Any] = ()) -> tuple[Any, ...] | None:
        rows = self.fetchall(sql, params)
        return rows[0] if rows else None

    def fetchdicts(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        if self.dialect == "postgres":
            with self.raw.cursor() as cur:
                cur.execute(self._sql(sql), tuple(params) if params else None)
                cols = [d.name for d in cur.description]
                return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]
        rel = self.raw.execute(sql, list(params))
        cols = [d[0] for d in rel.description]
        return [dict(zip(cols, r, strict=True)) for r in rel.fetchall()]


def _lost_connection(exc: BaseException, dialect: str) -> str | None:
    """A one-line reason when `exc` means the server went away mid-transaction, else None."""
    if dialect != "postgres":
        return None
    import psycopg

    if isinstance(exc, psycopg.OperationalError) and not isinstance(exc, psycopg.errors.QueryCanceled):
        text = str(exc).strip()
        return text.splitlines()[0] if text else type(exc).__name__
    return None


def utcnow() -> datetime:
    return datetime.now(UTC)


def iter_migrations() -> Iterator[tuple[str, str, str]]:
    """(version, name, sql) for every file in `lib/migrations/`, in version order."""
    folder = resources.files("epgoat_assets.lib.warehouse") / "migrations"
    found = []
    for item in folder.iterdir():
        m = _MIGRATION_NAME.match(item.name)
        if m:
            found.append((m.group(1), m.group(2), item.read_text(encoding="utf-8")))
    yield from sorted(found)


def split_sql(sql: str) -> list[str]:
    """Split a migration into statements (the migrations keep `;` out of string literals)."""
    lines = [ln for ln in sql.splitlines() if not ln.strip().startswith("--")]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]
