"""The warehouse: epgoat's tables in a DuckDB file (embedded) or Supabase PostgreSQL (production)."""

from __future__ import annotations

from collections.abc import Sequence
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

    def url(self) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    def database(self) -> Database:
        if self._db is None:
            db = Database(self.url())
            db.migrate()
            self._db = db
        return self._db

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
