"""The one Dagster entry point: every asset, check, job, schedule and sensor, plus the resource set.

The embedded or production resource set is picked by configuration (`EPGOAT_ENV`), never by
branches inside assets.
"""

from __future__ import annotations

from pathlib import Path

import dagster as dg

from epgoat_resources.env import build_resources


@dg.definitions
def defs() -> dg.Definitions:
    from epgoat_assets.defs.dbt import dbt_resource

    return dg.Definitions.merge(
        dg.load_from_defs_folder(path_within_project=Path(__file__).parent),
        dg.Definitions(resources={**build_resources(), "dbt": dbt_resource()}),
    )
