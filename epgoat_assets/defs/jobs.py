"""The jobs operators launch by name (Jobs in the UI, schedules, `epgoat backfill`), each tagged.

Runs of a named job carry its name in the UI instead of `__ephemeral_asset_job__`, and the
`epgoat/job` tag lets operators filter runs (and production queues limit them) by what they do.
"""

from __future__ import annotations

import dagster as dg

from epgoat_assets.defs.events import sports_events
from epgoat_assets.defs.matching import matches_and_guide_files
from epgoat_assets.defs.playlists import playlist_and_channels
from epgoat_assets.defs.publish import published_guide, remove_old_dated_guides

# The one list of a date x playlist's assets, in run order: guide_job, `epgoat backfill` and the
# demo all take it from here.
GUIDE_ASSETS = [playlist_and_channels, matches_and_guide_files, published_guide]
GUIDE_ASSET_KEYS = [spec.key.to_user_string() for asset in GUIDE_ASSETS for spec in asset.specs]
JOB_TAG = "epgoat/job"

guide_job = dg.define_asset_job(
    "guide_job",
    selection=dg.AssetSelection.assets(*GUIDE_ASSETS),
    tags={JOB_TAG: "guide"},
    # The guide is one chain (each asset reads the one before), so steps never run side by side:
    # the multiprocess default only added a process and a definitions load per step, ~50 s of a
    # daemon-launched run whose steps took ~3 s (bench/bench_daemon_queue.py). Runs still go in
    # parallel.
    executor_def=dg.in_process_executor,
    description="One date x playlist: playlist -> classified channels -> matches -> XMLTV + M3U -> published "
                "(the stable keys move only forward; an older date is archived only).",
)

events_job = dg.define_asset_job(
    "events_job",
    selection=dg.AssetSelection.assets(sports_events),
    tags={JOB_TAG: "events"},
    description="Events refresh: fetch and store one day's sports events (the guide reads that day and both neighbours).",
)

analytics_job = dg.define_asset_job(
    "analytics_job",
    selection=dg.AssetSelection.groups("analytics"),
    tags={JOB_TAG: "analytics"},
    description="dbt build of the staging views and marts, including the operator overview "
                "(the automation sensor also runs it after guide runs).",
)


@dg.job(tags={JOB_TAG: "housekeeping"},
        description="Housekeeping: removes dated guide copies older than keep_days; stable files are never removed.")
def epg_housekeeping_job() -> None:
    remove_old_dated_guides()
