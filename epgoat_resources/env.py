"""The one owner of epgoat's environment: Dagster's resource set, the command line and dbt read it here.

`EPGOAT_ENV=embedded` (default) runs offline on local files; `production` reads every secret from
the environment through `dagster.EnvVar`, so no secret is ever written into code, config or run
metadata. Every function takes an optional `environ` mapping (the process environment when left
out) and none of them writes `os.environ`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, unquote, urlsplit

import dagster as dg

from epgoat_assets.lib.config import PROJECT_ROOT

if TYPE_CHECKING:
    from epgoat_resources.sports_data import SportsDataResource

Environ = Mapping[str, str]

# What `epgoat events refresh --source` accepts, and the sources each name fetches.
EVENT_SOURCES = {"thesportsdb": ["thesportsdb"], "espn": ["espn"], "live": ["thesportsdb", "espn"]}
# Environment variable -> LiveSportsData field; a premium TheSportsDB key allows 100 requests a minute.
_RATE_VARS = (("THESPORTSDB_REQUESTS_PER_SECOND", "thesportsdb_requests_per_second"),
              ("ESPN_REQUESTS_PER_SECOND", "espn_requests_per_second"))


def _env(environ: Environ | None) -> Environ:
    return os.environ if environ is None else environ


def epgoat_home(environ: Environ | None = None) -> Path:
    """Where the embedded default keeps its warehouse file, output folder and logs."""
    return Path(_env(environ).get("EPGOAT_HOME") or PROJECT_ROOT / ".epgoat").resolve()


def dagster_home(environ: Environ | None = None) -> Path:
    """The Dagster instance folder: `DAGSTER_HOME`, else the project's `.dagster_home` (as `make dev`)."""
    return Path(_env(environ).get("DAGSTER_HOME") or PROJECT_ROOT / ".dagster_home").expanduser().resolve()


def http_cache_dir(environ: Environ | None = None) -> Path:
    """The sports sources' HTTP cache and rate-limit lock, one per machine for every run and command.

    Not under EPGOAT_HOME on purpose: the rate limit holds for the API key, whichever home a run uses.
    """
    from epgoat_resources.sports_data import DEFAULT_CACHE_DIR

    raw = _env(environ).get("EPGOAT_HTTP_CACHE_DIR")
    return Path(raw) if raw else DEFAULT_CACHE_DIR


def environment(environ: Environ | None = None) -> str:
    env = _env(environ).get("EPGOAT_ENV", "embedded").strip().lower()
    if env not in ("embedded", "production"):
        raise ValueError(f"EPGOAT_ENV must be 'embedded' or 'production', not {env!r}")
    return env


def _on_postgres(environ: Environ) -> bool:
    return environ.get("EPGOAT_DATABASE_URL", "").startswith(("postgres:", "postgresql:"))


def database_url(environ: Environ | None = None) -> str:
    """The warehouse URL for command-line use (the assets get it through the warehouse resource)."""
    env = _env(environ)
    if env.get("EPGOAT_DATABASE_URL"):
        return env["EPGOAT_DATABASE_URL"]
    return f"duckdb://{epgoat_home(env) / 'warehouse.duckdb'}"


def _env_list(environ: Environ, name: str) -> list[str] | None:
    raw = environ.get(name)
    if raw is None:
        return None
    return [part.strip() for part in raw.split(",") if part.strip()]


def sports_data_from_env(source: str = "live", environ: Environ | None = None, *,
                         secrets_as_envvars: bool = False) -> SportsDataResource:
    """The events source for `epgoat events refresh --source snapshot|thesportsdb|espn|live` and for Dagster.

    Environment: THESPORTSDB_BASE_URL, THESPORTSDB_API_KEY, ESPN_BASE_URL, EPGOAT_SNAPSHOT_DIR,
    EPGOAT_HTTP_CACHE_DIR, EPGOAT_LEAGUES (comma-separated catalogue names or keywords; unset = every
    league with a source; `EPGOAT_TSDB_LEAGUES` is its older name), EPGOAT_ESPN_LEAGUES (ESPN paths),
    THESPORTSDB_REQUESTS_PER_SECOND and ESPN_REQUESTS_PER_SECOND.

    `secrets_as_envvars`: the API key as a `dagster.EnvVar` (resolved at run time, for Definitions);
    the command line uses the resource directly and needs the value itself.
    """
    from epgoat_resources.sports_data import (
        BUNDLED_SNAPSHOT,
        DEFAULT_ESPN_BASE_URL,
        DEFAULT_THESPORTSDB_API_KEY,
        DEFAULT_THESPORTSDB_BASE_URL,
        LiveSportsData,
        SnapshotSportsData,
        SportsDataError,
    )

    env = _env(environ)
    if source == "snapshot":
        return SnapshotSportsData(folder=env.get("EPGOAT_SNAPSHOT_DIR") or str(BUNDLED_SNAPSHOT))
    if source not in EVENT_SOURCES:
        raise SportsDataError(f"unknown events source {source!r}: use snapshot, thesportsdb, espn or live")
    leagues = _env_list(env, "EPGOAT_LEAGUES")
    if leagues is None:
        leagues = _env_list(env, "EPGOAT_TSDB_LEAGUES")
    rates = {}
    for var, field_name in _RATE_VARS:
        raw = env.get(var)
        if raw:
            try:
                rates[field_name] = float(raw)
            except ValueError:
                raise SportsDataError(f"{var} must be a number of requests per second, got {raw!r}") from None
    api_key: Any = (dg.EnvVar("THESPORTSDB_API_KEY") if secrets_as_envvars
                    else env.get("THESPORTSDB_API_KEY") or DEFAULT_THESPORTSDB_API_KEY)
    return LiveSportsData(
        thesportsdb_base_url=env.get("THESPORTSDB_BASE_URL") or DEFAULT_THESPORTSDB_BASE_URL,
        thesportsdb_api_key=api_key,
        espn_base_url=env.get("ESPN_BASE_URL") or DEFAULT_ESPN_BASE_URL,
        sources=EVENT_SOURCES[source],
        # An empty EPGOAT_LEAGUES means the whole catalogue, not one unfiltered request.
        leagues=leagues or None,
        espn_leagues=_env_list(env, "EPGOAT_ESPN_LEAGUES") or [],
        cache_dir=str(http_cache_dir(env)),
        **rates,
    )


def build_resources(env: str | None = None, environ: Environ | None = None) -> dict[str, Any]:
    """The resource set for Definitions: embedded (offline, local files) or production (EnvVar secrets)."""
    from epgoat_resources.llm import ClaudeLLM, LLMOff
    from epgoat_resources.object_store import LocalFolderStore, R2Store
    from epgoat_resources.warehouse import DuckDBWarehouse, PostgresWarehouse

    environ = _env(environ)
    env = env or environment(environ)
    home = epgoat_home(environ)
    # The Claude fallback is optional in production too: without a key the chain stops at the API lookup.
    llm = ClaudeLLM(api_key=dg.EnvVar("ANTHROPIC_API_KEY")) if environ.get("ANTHROPIC_API_KEY") else LLMOff()
    if env == "embedded":
        return {
            "warehouse": PostgresWarehouse(database_url=dg.EnvVar("EPGOAT_DATABASE_URL")) if _on_postgres(environ)
            else DuckDBWarehouse(path=str(home / "warehouse.duckdb")),
            "sports_data": sports_data_from_env("snapshot", environ),
            "llm": llm,
            "object_store": LocalFolderStore(root=str(home / "objects"),
                                             public_base_url=environ.get("EPGOAT_PUBLIC_BASE_URL", "")),
        }
    return {
        "warehouse": PostgresWarehouse(database_url=dg.EnvVar("EPGOAT_DATABASE_URL")),
        "sports_data": sports_data_from_env("live", environ, secrets_as_envvars=True),
        "llm": llm,
        "object_store": R2Store(
            endpoint_url=dg.EnvVar("R2_ENDPOINT_URL"),
            bucket=dg.EnvVar("R2_BUCKET"),
            access_key_id=dg.EnvVar("R2_ACCESS_KEY_ID"),
            secret_access_key=dg.EnvVar("R2_SECRET_ACCESS_KEY"),
            public_base_url=environ.get("R2_PUBLIC_BASE_URL", ""),
        ),
    }


def dbt_target(environ: Environ | None = None) -> str:
    """The profiles.yml target: `DBT_TARGET` when set, else the one matching the warehouse.

    Without DBT_TARGET a production deployment (EPGOAT_ENV=production, or a postgres
    EPGOAT_DATABASE_URL) would otherwise build the marts into an empty local DuckDB file.
    """
    env = _env(environ)
    if env.get("DBT_TARGET"):
        return env["DBT_TARGET"]
    production = env.get("EPGOAT_ENV", "").strip().lower() == "production"
    return "prod" if production or _on_postgres(env) else "local"


def dbt_env(environ: Environ | None = None) -> dict[str, str]:
    """Variables profiles.yml reads, derived from the pipeline's own settings where not set.

    The warehouse resource finds its DuckDB file under EPGOAT_HOME and PostgreSQL through
    EPGOAT_DATABASE_URL; dbt must read the very same store, so those settings fill in the
    EPGOAT_DUCKDB_PATH / EPGOAT_PG_* variables unless the operator set them explicitly.
    """
    env = _env(environ)
    out: dict[str, str] = {}
    if not env.get("EPGOAT_DUCKDB_PATH"):
        out["EPGOAT_DUCKDB_PATH"] = str(epgoat_home(env) / "warehouse.duckdb")
    if _on_postgres(env) and not env.get("EPGOAT_PG_HOST"):
        parts = urlsplit(env["EPGOAT_DATABASE_URL"])
        derived = {
            "EPGOAT_PG_HOST": parts.hostname or "",
            "EPGOAT_PG_PORT": str(parts.port) if parts.port else "",
            "EPGOAT_PG_USER": unquote(parts.username) if parts.username else "",
            "EPGOAT_PG_PASSWORD": unquote(parts.password) if parts.password else "",
            "EPGOAT_PG_DBNAME": parts.path.lstrip("/"),
            "EPGOAT_PG_SSLMODE": parse_qs(parts.query).get("sslmode", [""])[0],
        }
        out.update({k: v for k, v in derived.items() if v and not env.get(k)})
    return out
