"""The analysts' dbt project (`dbt/`) as Dagster assets, downstream of the Python assets.

dbt sources carry `meta.dagster.asset_key`, so every staging model hangs off the Python asset that
writes its table (`sports_events`, `filtered_channels`, `channel_event_matches`, `published_guide`).
The models are not partitioned: one `dbt build` refreshes them all, run by the automation sensor
after any upstream materialisation (`MARTS_AUTOMATION`) or by `analytics_job`.
"""

import os
import shutil
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import dagster as dg
from dagster import AssetExecutionContext
from dagster_dbt import (
    DagsterDbtTranslator,
    DagsterDbtTranslatorSettings,
    DbtCliResource,
    DbtProject,
    dbt_assets,
)
from dagster_dbt.dbt_project import using_dagster_dev

# dbt_target and dbt_env live with the rest of the environment; imported here for the dbt assets.
from epgoat_resources.env import dbt_env, dbt_target

DBT_PROJECT_DIR = Path(__file__).resolve().parents[2] / "dbt"
ANALYTICS_GROUP = "analytics"


@contextmanager
def _dbt_environment() -> Iterator[None]:
    """Set dbt_env() for the dbt subprocess launch, then restore os.environ.

    Only around `dbt.cli()` inside a run, never at import: dagster-dbt's `cli()` takes no env
    argument and copies os.environ into the subprocess, so this is the one way to hand dbt the
    settings derived from the warehouse's.
    """
    added = {k: v for k, v in dbt_env().items() if k not in os.environ}
    os.environ.update(added)
    try:
        yield
    finally:
        for key in added:
            os.environ.pop(key, None)


def dbt_executable() -> str:
    """The dbt installed next to this interpreter.

    `make dev` and the code server it spawns run `.venv/bin/python` without the venv on PATH, so a
    bare `dbt` (dagster-dbt's default) is not found there; the venv's own dbt always is.
    """
    beside = Path(sys.executable).with_name("dbt")
    return os.fspath(beside) if beside.exists() else (shutil.which("dbt") or "dbt")


dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR, target=dbt_target())


def prepare_if_dev(project: DbtProject = dbt_project) -> None:
    """`dbt parse` when loaded by `dagster dev`, with the venv's dbt (not DbtProject.prepare_if_dev,
    whose DbtCliResource looks for `dbt` on PATH only)."""
    if not using_dagster_dev():
        return
    DbtCliResource(project_dir=project, profiles_dir=os.fspath(project.profiles_dir), target=project.target,
                   dbt_executable=dbt_executable()).cli(["parse", "--quiet"], target_path=project.target_path).wait()
    if not project.manifest_path.exists():
        raise FileNotFoundError(f"dbt parse wrote no manifest at {project.manifest_path}")


prepare_if_dev()

# The marts are rebuilt by the automation sensor once any upstream Python asset (a guide or an
# events partition) has landed. Plain eager() would wait forever: with a date x playlist upstream,
# some partition is always missing for these unpartitioned models.
# A model also waits while one of its own dbt parents has never been built and is not in the same
# request (`event_coverage` after a guide run on a warehouse whose events never landed would read a
# `stg_events` that does not exist yet): it follows once the parent is built.
_DBT_PARENT_MISSING = dg.AutomationCondition.any_deps_match(
    dg.AutomationCondition.missing() & ~dg.AutomationCondition.will_be_requested()
).allow(dg.AssetSelection.groups(ANALYTICS_GROUP))
MARTS_AUTOMATION = (
    dg.AutomationCondition.any_deps_updated().since_last_handled()
    & ~_DBT_PARENT_MISSING
    & ~dg.AutomationCondition.any_deps_in_progress()
    & ~dg.AutomationCondition.in_progress()
).with_label("after any upstream materialisation")


class EpgoatDbtTranslator(DagsterDbtTranslator):
    """Default dagster-dbt specs (keys, lineage, metadata), regrouped under `analytics`."""

    def get_asset_spec(self, manifest: Mapping[str, Any], unique_id: str, project: DbtProject | None) -> dg.AssetSpec:
        # Built on the default spec: a fresh AssetSpec would drop the deps on sources and refs.
        spec = super().get_asset_spec(manifest, unique_id, project)
        if unique_id.startswith("source."):
            return spec
        return spec.replace_attributes(group_name=ANALYTICS_GROUP, automation_condition=MARTS_AUTOMATION)


def translator() -> EpgoatDbtTranslator:
    # Several source tables are written by one Python asset (events, leagues and sports all come
    # from sports_events), so several sources share an asset key on purpose.
    return EpgoatDbtTranslator(settings=DagsterDbtTranslatorSettings(enable_duplicate_source_asset_keys=True))


def dbt_resource() -> DbtCliResource:
    """The `dbt` resource for Definitions: the project above, with its env-selected target."""
    return DbtCliResource(
        project_dir=dbt_project,
        profiles_dir=os.fspath(DBT_PROJECT_DIR),
        target=dbt_project.target,
        dbt_executable=dbt_executable(),
    )


@dbt_assets(
    manifest=dbt_project.manifest_path,
    project=dbt_project,
    dagster_dbt_translator=translator(),
    # One pool with the DuckDB-writing assets: DuckDB takes a single writer at a time.
    pool="warehouse",
)
def epgoat_dbt_models(context: AssetExecutionContext, dbt: DbtCliResource) -> Iterator[Any]:
    """Staging views and marts over the match tables (`dbt build`: models and their tests)."""
    with _dbt_environment():
        # The dbt subprocess copies os.environ when it starts, inside cli().
        invocation = dbt.cli(["build"], context=context)
    yield from invocation.stream()
