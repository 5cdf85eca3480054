"""One small database layer over DuckDB (embedded) and PostgreSQL (production).

The SQL is written once, with `?` placeholders and the subset both engines share (ON CONFLICT
upserts, TIMESTAMPTZ, TEXT keys). Each unit of work (`Database.connect`) is one transaction. Its
connection is opened for it and closed afterwards, unless the caller holds a `Database.session`: then
the units inside the session share one connection, closed when the session ends. DuckDB allows a
single writer process, so a connection held open for longer than a session would lock out other
runs; opening one costs DuckDB ~25 ms (a remote PostgreSQL more), which a step's ~15 units paid.

Big writes go in bulk as pandas DataFrames (`Connection.upsert_frame`): DuckDB scans the frame in
place and PostgreSQL receives it by `COPY` into a staging table; either way one `INSERT ... SELECT
... ON CONFLICT` merges it inside the caller's transaction. Row-by-row `executemany` cost DuckDB about
25 s per 33K-entry partition.
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
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

if TYPE_CHECKING:
    import pandas as pd

log = logging.getLogger(__name__)

_LOCK_ATTEMPTS = 8
_MIGRATION_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")
_IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_]*$")


class DatabaseError(RuntimeError):
    """A database could not be reached or used; the message is one line and holds no password."""


def redact_url(url: str) -> str:
    """The URL with any password replaced, safe for logs and error messages."""
    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        return parts._replace(netloc=netloc).geturl()
    return url


class _Session:
    """The connection a session's units of work share, opened by the first of them."""

    def __init__(self) -> None:
        self.raw: Any = None
        self.busy = False

    def close(self) -> None:
        raw, self.raw = self.raw, None
        if raw is not None:
            with contextlib.suppress(Exception):
                raw.close()


class Database:
    """A handle on epgoat's warehouse: `duckdb:///path/file.duckdb` or `postgresql://...`."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._session: _Session | None = None
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
    def session(self) -> Iterator[Database]:
        """This warehouse with one connection for every unit of work inside the block.

        Each `connect()` on the yielded handle is still its own transaction (committed or rolled
        back as it ends); only the connection is shared, opened by the first unit and closed when
        the block ends. A unit opened while another is in progress (nested) gets a connection of
        its own, as outside a session; after a failed unit the next one reconnects.
        """
        bound = Database(self.url)
        bound._session = _Session()
        try:
            yield bound
        finally:
            bound._session.close()

    def _open(self) -> Any:
        """A new raw connection: a DuckDB file connection or a psycopg one."""
        if self.dialect == "duckdb":
            import duckdb

            assert self.path is not None
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # Another process (a sensor tick, dbt, a second run) may hold the file's single-writer
            # lock for a moment: wait for it rather than fail the run.
            attempt = 0
            while True:
                try:
                    return duckdb.connect(str(self.path))
                except duckdb.IOException as exc:
                    if "lock" not in str(exc).lower() or attempt == _LOCK_ATTEMPTS - 1:
                        raise DatabaseError(f"cannot open {self.path}: {str(exc).splitlines()[0]}") from exc
                    time.sleep(min(0.2 * 2**attempt, 3.0))
                    attempt += 1
        import psycopg

        try:
            # No server-side prepared statements: behind Supabase's transaction pooler (port 6543)
            # each transaction may run on another backend, where a statement psycopg prepared
            # earlier does not exist. The session pooler (5432) works the same way.
            return psycopg.connect(self.url, connect_timeout=10, prepare_threshold=None)
        except psycopg.OperationalError as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise DatabaseError(f"cannot connect to {redact_url(self.url)}: {first}") from exc

    @contextmanager
    def connect(self) -> Iterator[Connection]:
        """A connection inside one transaction: committed on success, rolled back on error."""
        session = self._session if self._session is not None and not self._session.busy else None
        if session is not None:
            if session.raw is None:
                session.raw = self._open()
            raw = session.raw
            session.busy = True
        else:
            raw = self._open()
        conn = Connection(raw, self.dialect)
        committing = False
        try:
            if self.dialect == "duckdb":
                raw.execute("BEGIN TRANSACTION")
            yield conn
            committing = True
            raw.commit()
        except BaseException as exc:
            # On a lost connection the rollback itself fails; the server has rolled back already,
            # and the original error is the one worth reporting.
            with contextlib.suppress(Exception):
                raw.rollback()
            if session is not None:
                # Whatever broke the unit may have broken the connection: the next one reconnects.
                session.close()
            lost = _lost_connection(exc, self.dialect)
            if lost:
                state = "the commit was not confirmed" if committing else "the transaction was rolled back"
                raise DatabaseError(f"lost the connection to {redact_url(self.url)} ({lost}); {state}") from exc
            raise
        finally:
            if session is not None:
                session.busy = False
            else:
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

    def read_frame(self, sql: str, params: Sequence[Any] = ()) -> pd.DataFrame:
        """The rows of one query as a pandas DataFrame, for analysis at the edge of the pipeline."""
        with self.connect() as conn:
            return conn.read_frame(sql, params)

    def write_frame(self, table: str, frame: pd.DataFrame, key: Sequence[str],
                    update: Sequence[str] | None = None, *, reactivate: bool = True) -> int:
        """Upsert a DataFrame into `table` in one transaction; see `Connection.upsert_frame`."""
        with self.connect() as conn:
            return conn.upsert_frame(table, frame, key, update, reactivate=reactivate)


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

    def upsert_frame(self, table: str, frame: pd.DataFrame, key: Sequence[str],
                     update: Sequence[str] | None = None, *, reactivate: bool = True) -> int:
        """Merge a DataFrame into `table` on its natural `key`, as one statement; returns the rows given.

        `update`: the columns a conflicting row takes from the frame (default: every non-key column
        but `created_at`); an empty sequence keeps existing rows as they are (DO NOTHING). With
        `reactivate` (for tables with `record_status`, as all of epgoat's are), an updated row becomes
        active again.
        Duplicate keys within the frame resolve like a row-by-row upsert would: the last row wins,
        or the first one when nothing is updated.
        """
        if frame.empty:
            return 0
        columns = [str(c) for c in frame.columns]
        for name in (table, *columns, *key):
            if not _IDENTIFIER.match(name):
                raise ValueError(f"not a plain SQL identifier: {name!r}")
        if update is None:
            update = [c for c in columns if c not in key and c != "created_at"]
        given = len(frame)
        frame = frame.drop_duplicates(subset=list(key), keep="last" if update else "first")
        cols = ", ".join(columns)
        if update:
            sets = [f"{c} = excluded.{c}" for c in update]
            if reactivate and "record_status" not in columns:
                sets.append("record_status = 'active'")
            action = "DO UPDATE SET " + ", ".join(sets)
        else:
            action = "DO NOTHING"
        stage = f"_stage_{table}"
        if self.dialect == "duckdb":
            # DuckDB reads the frame's columns in place: no per-row Python work at all.
            self.raw.register(stage, frame)
            try:
                self.raw.execute(
                    f"INSERT INTO {table} ({cols}) SELECT {cols} FROM {stage} ON CONFLICT ({', '.join(key)}) {action}"
                )
            finally:
                self.raw.unregister(stage)
            return given
        with self.raw.cursor() as cur:
            # A column-typed staging copy of the target without its constraints, so COPY parses
            # every value into the target's type and the merge below is one set-based statement.
            cur.execute(f"CREATE TEMP TABLE {stage} AS SELECT {cols} FROM {table} WITH NO DATA")
            with cur.copy(f"COPY {stage} ({cols}) FROM STDIN") as copy:
                for row in _frame_rows(frame):
                    copy.write_row(row)
            cur.execute(
                f"INSERT INTO {table} ({cols}) SELECT {cols} FROM {stage} ON CONFLICT ({', '.join(key)}) {action}"
            )
            cur.execute(f"DROP TABLE {stage}")
        return given

    def read_frame(self, sql: str, params: Sequence[Any] = ()) -> pd.DataFrame:
        """The rows of one query as a DataFrame; column names as the query gives them."""
        import pandas as pd

        if self.dialect == "duckdb":
            return self.raw.execute(sql, list(params)).df()
        with self.raw.cursor() as cur:
            cur.execute(self._sql(sql), tuple(params) if params else None)
            cols = [d.name for d in cur.description]
            return pd.DataFrame.from_records(cur.fetchall(), columns=cols)

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


def frame(rows: Iterable[Sequence[Any]], columns: Sequence[str]) -> pd.DataFrame:
    """Rows (tuples in `columns` order) as a DataFrame for `Connection.upsert_frame`."""
    import pandas as pd

    return pd.DataFrame.from_records(list(rows), columns=list(columns))


def _frame_rows(frame: pd.DataFrame) -> Iterator[tuple[Any, ...]]:
    """A frame's rows as plain Python values, missing ones (NaN, NaT, NA) as None, for COPY."""
    import pandas as pd

    for row in frame.astype(object).itertuples(index=False, name=None):
        yield tuple(_plain(v, pd.isna) for v in row)


def _plain(value: Any, isna: Any) -> Any:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, float):
        # An integer column with a gap arrives as float64; COPY would refuse "3.0" for INTEGER.
        return None if value != value else int(value) if value.is_integer() else value
    return None if isna(value) else value


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
