"""The resource set, picked by configuration: `EPGOAT_ENV=embedded` (default) or `production`.

Embedded runs offline on local files; production reads every secret from the environment through
`dagster.EnvVar`, so no secret is ever written into code, config or run metadata.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import dagster as dg

from epgoat_assets.lib.config import PROJECT_ROOT

BUNDLED_SNAPSHOT = PROJECT_ROOT / "epgoat_assets" / "data" / "snapshot"


def epgoat_home() -> Path:
    """Where the embedded default keeps its warehouse file and output folder."""
    return Path(os.environ.get("EPGOAT_HOME") or PROJECT_ROOT / ".epgoat").resolve()


def environment() -> str:
    env = os.environ.get("EPGOAT_ENV", "embedded").strip().lower()
    if env not in ("embedded", "production"):
        raise ValueError(f"EPGOAT_ENV must be 'embedded' or 'production', not {env!r}")
    return env


def database_url() -> str:
    """The warehouse URL for command-line use (the assets get it through the warehouse resource)."""
    if os.environ.get("EPGOAT_DATABASE_URL"):
        return os.environ["EPGOAT_DATABASE_URL"]
    return f"duckdb://{epgoat_home() / 'warehouse.duckdb'}"


def build_resources(env: str | None = None) -> dict[str, Any]:
    from epgoat_resources.llm import ClaudeLLM, LLMOff
    from epgoat_resources.object_store import LocalFolderStore, R2Store
    from epgoat_resources.sports_data import LiveSportsData, SnapshotSportsData
    from epgoat_resources.warehouse import DuckDBWarehouse, PostgresWarehouse

    env = env or environment()
    home = epgoat_home()
    if env == "embedded":
        db_url = os.environ.get("EPGOAT_DATABASE_URL", "")
        warehouse = (
            PostgresWarehouse(database_url=dg.EnvVar("EPGOAT_DATABASE_URL"))
            if db_url.startswith("postgres")
            else DuckDBWarehouse(path=str(home / "warehouse.duckdb"))
        )
        return {
            "warehouse": warehouse,
            "sports_data": SnapshotSportsData(folder=os.environ.get("EPGOAT_SNAPSHOT_DIR", str(BUNDLED_SNAPSHOT))),
            "llm": ClaudeLLM(api_key=dg.EnvVar("ANTHROPIC_API_KEY")) if os.environ.get("ANTHROPIC_API_KEY") else LLMOff(),
            "object_store": LocalFolderStore(root=str(home / "objects"),
                                             public_base_url=os.environ.get("EPGOAT_PUBLIC_BASE_URL", "")),
        }
    return {
        "warehouse": PostgresWarehouse(database_url=dg.EnvVar("EPGOAT_DATABASE_URL")),
        "sports_data": LiveSportsData(
            thesportsdb_base_url=os.environ.get("THESPORTSDB_BASE_URL", "https://www.thesportsdb.com/api/v1/json"),
            thesportsdb_api_key=dg.EnvVar("THESPORTSDB_API_KEY"),
            espn_base_url=os.environ.get("ESPN_BASE_URL", "https://site.api.espn.com"),
            cache_dir=str(home / "http-cache"),
        ),
        # The Claude fallback is optional in production too: without a key the chain stops at the API lookup.
        "llm": ClaudeLLM(api_key=dg.EnvVar("ANTHROPIC_API_KEY")) if os.environ.get("ANTHROPIC_API_KEY") else LLMOff(),
        "object_store": R2Store(
            endpoint_url=dg.EnvVar("R2_ENDPOINT_URL"),
            bucket=dg.EnvVar("R2_BUCKET"),
            access_key_id=dg.EnvVar("R2_ACCESS_KEY_ID"),
            secret_access_key=dg.EnvVar("R2_SECRET_ACCESS_KEY"),
            public_base_url=os.environ.get("R2_PUBLIC_BASE_URL", ""),
        ),
    }
