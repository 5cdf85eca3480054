"""The warehouse: epgoat's tables in a DuckDB file (embedded) or Supabase PostgreSQL (production)."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

import dagster as dg
from pydantic import PrivateAttr

from epgoat_assets.lib.warehouse.db import Database


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

    @cached_property
    def engine(self) -> str:
        return Database(self.url()).dialect


class DuckDBWarehouse(WarehouseResource):
    """Embedded default: one DuckDB file that the assets and dbt-duckdb both read."""

    path: str = ".epgoat/warehouse.duckdb"

    def url(self) -> str:
        return f"duckdb://{Path(self.path).resolve()}"


class PostgresWarehouse(WarehouseResource):
    """Production: Supabase (or any) PostgreSQL; the URL comes from the environment."""

    database_url: str

    def url(self) -> str:
        return self.database_url
