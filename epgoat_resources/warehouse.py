"""The warehouse: epgoat's tables in a DuckDB file (embedded) or Supabase PostgreSQL (production)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import dagster as dg
from pydantic import PrivateAttr

from epgoat_assets.lib.warehouse.db import Database

if TYPE_CHECKING:
    import pandas as pd


class WarehouseResource(dg.ConfigurableResource):
    """Base: hands out a migrated `Database`; subclasses only say where it lives."""

    _db: Database | None = PrivateAttr(default=None)
    _migrated: bool = PrivateAttr(default=False)

    def url(self) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    def _handle(self) -> Database:
        if self._db is None:
            self._db = Database(self.url())
        return self._db

    def database(self) -> Database:
        """The migrated warehouse; each unit of work opens its own connection."""
        db = self._handle()
        if not self._migrated:
            db.migrate()
            self._migrated = True
        return db

    @contextmanager
    def session(self) -> Iterator[Database]:
        """The migrated warehouse with one connection for every unit of work in the block.

        An asset step holds one session for its reads and writes, each still its own transaction.
        The scope is the step on purpose, not the run or the process: a step holds the `warehouse`
        pool slot, and on the embedded store the open connection holds the DuckDB file's
        single-writer lock, so a connection kept across steps would lock out the other runs' steps
        the pool lets in between.
        """
        with self._handle().session() as db:
            if not self._migrated:
                db.migrate()
                self._migrated = True
            yield db

    def read_frame(self, sql: str, params: Sequence[Any] = ()) -> pd.DataFrame:
        """A query's rows as a pandas DataFrame, for notebooks and analytics assets (`?` placeholders)."""
        return self.database().read_frame(sql, params)

    def write_frame(self, table: str, frame: pd.DataFrame, key: Sequence[str],
                    update: Sequence[str] | None = None) -> int:
        """Upsert a DataFrame into a warehouse table on its natural key, in one bulk statement."""
        return self.database().write_frame(table, frame, key, update)


class DuckDBWarehouse(WarehouseResource):
    """Embedded default: one DuckDB file that the assets and dbt-duckdb both read."""

    path: str = ".epgoat/warehouse.duckdb"

    def url(self) -> str:
        return f"duckdb://{Path(self.path).resolve()}"


class PostgresWarehouse(WarehouseResource):
    """Production: Supabase (or any) PostgreSQL; the URL comes from the environment.

    Works through Supabase's transaction pooler (port 6543) as well as the session pooler (5432):
    `Database` opens psycopg connections with `prepare_threshold=None`, so no prepared statement has
    to outlive a transaction.
    """

    database_url: str

    def url(self) -> str:
        return self.database_url
