"""Runs the Dagster assets in-process for `epgoat demo` and `epgoat backfill`.

Both use the persistent instance in `$DAGSTER_HOME` (the project's `.dagster_home` by default), so
the runs, their metadata and the dynamic `playlist` partitions show up in `make dev`'s UI afterwards.
"""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from pathlib import Path

import dagster as dg

from epgoat_assets.lib.config import PROJECT_ROOT
from epgoat_resources.env import dagster_home


def instance() -> dg.DagsterInstance:
    """The persistent instance in `dagster_home()`, opened by path: no DAGSTER_HOME is written."""
    home = dagster_home()
    home.mkdir(parents=True, exist_ok=True)
    cfg = home / "dagster.yaml"
    if not cfg.exists():
        shutil.copyfile(PROJECT_ROOT / "config" / "dagster.local.yaml", cfg)
    return dg.DagsterInstance.from_config(str(home))


def _defs() -> dg.Definitions:
    from epgoat_assets.definitions import defs

    return defs() if callable(defs) else defs


def _assets(defs: dg.Definitions, keys: list[str]) -> list[dg.AssetsDefinition]:
    wanted = {dg.AssetKey(k) for k in keys}
    return [a for a in defs.assets or [] if isinstance(a, dg.AssetsDefinition) and wanted & set(a.keys)]


# The runs' own progress lines go to the run log in the instance (and the UI); the terminal only
# shows warnings and the summary.
QUIET = {"loggers": {"console": {"config": {"log_level": "WARNING"}}}}


class RunFailedError(ValueError):
    """A run the command line launched failed; one line for the terminal, the details are in the run."""


def servable_days(defs: dg.Definitions, days: list[date]) -> list[date]:
    """The days the sports-data resource can serve, when it knows (the offline snapshot does).

    A backfill also stores the day before and after its range, because games near midnight UTC
    belong to the provider's local day; a snapshot without those days must not fail the backfill
    (nor wait out the asset's retry policy on an error that cannot go away).
    """
    available = getattr((defs.resources or {}).get("sports_data"), "available_days", None)
    if not callable(available):
        return days
    known = set(available())
    return [d for d in days if d in known]


def _job(defs: dg.Definitions, name: str) -> dg.JobDefinition:
    return defs.resolve_job_def(name)


def materialize_events(inst: dg.DagsterInstance, defs: dg.Definitions, days: list[date]) -> None:
    seed = dg.materialize(_assets(defs, ["team_aliases"]), instance=inst, resources=defs.resources,
                          raise_on_error=False, run_config=QUIET)
    if not seed.success:
        raise RunFailedError("team_aliases failed: see the run in the Dagster UI")
    events_job = _job(defs, "events_job")
    for day in days:
        res = events_job.execute_in_process(instance=inst, partition_key=day.isoformat(), raise_on_error=False,
                                            run_config=QUIET, tags={"epgoat/kind": "events"})
        if not res.success:
            raise RunFailedError(f"sports_events {day} failed: see the run in the Dagster UI")


def materialize_guide(inst: dg.DagsterInstance, defs: dg.Definitions, playlist_key: str, day: date,
                      tags: dict[str, str] | None = None) -> dg.ExecuteInProcessResult:
    """One `guide_job` run for date x playlist (named in the UI, not `__ephemeral_asset_job__`)."""
    from epgoat_assets.defs.partitions import add_playlist_keys

    add_playlist_keys(inst, [playlist_key])
    return _job(defs, "guide_job").execute_in_process(
        instance=inst, partition_key=dg.MultiPartitionKey({"date": day.isoformat(), "playlist": playlist_key}),
        raise_on_error=False, tags=tags or {}, run_config=QUIET,
    )


def _metadata(result: dg.ExecuteInProcessResult, asset: str) -> dict:
    for ev in result.get_asset_materialization_events():
        mat = ev.event_specific_data.materialization  # type: ignore[union-attr]
        if mat.asset_key == dg.AssetKey(asset):
            return {k: v.value for k, v in mat.metadata.items()}
    return {}


def _failure_line(result: dg.ExecuteInProcessResult) -> str:
    """The first step failure's message, as one line (e.g. which upstream to materialise first)."""
    for ev in result.all_events:
        if ev.is_step_failure and ev.step_failure_data and ev.step_failure_data.error:
            text = (ev.step_failure_data.user_failure_data.description
                    if ev.step_failure_data.user_failure_data and ev.step_failure_data.user_failure_data.description
                    else ev.step_failure_data.error.message)
            return f"{ev.step_key}: {' '.join(str(text).split())[:300]}"
    return "see the run in the Dagster UI"


def run_analytics(inst: dg.DagsterInstance, defs: dg.Definitions, log_path: Path) -> bool:
    """`analytics_job` (dbt build) with dbt's own console output in `log_path`, not on the terminal."""
    import contextlib
    import logging

    log_path.parent.mkdir(parents=True, exist_ok=True)
    root = logging.getLogger()
    saved = root.handlers[:]
    with log_path.open("w", encoding="utf-8") as fh, contextlib.redirect_stdout(fh), contextlib.redirect_stderr(fh):
        # dagster-dbt echoes every dbt line to stdout and logs through the root logger's handlers
        # (which hold the terminal's stderr): for this run both go to the file.
        file_handler = logging.StreamHandler(fh)
        root.handlers = [file_handler]
        try:
            res = _job(defs, "analytics_job").execute_in_process(instance=inst, raise_on_error=False,
                                                                 run_config=QUIET, tags={"epgoat/kind": "demo"})
        finally:
            root.handlers = saved
    return res.success


def summary_lines(matches: dict, published: dict, on_date: date) -> list[str]:
    """The demo's summary: what was matched, over which denominator, and where the files are."""
    rate = float(matches.get("match_rate", 0.0))
    event_channels = matches.get("event_channels")
    lines = [
        f"events: {matches.get('events_in_window')} in the window around {on_date}",
        f"match rate: {rate:.1%} = {matches.get('matched')} matched / {event_channels} event channels "
        f"(every recognised event-channel slot with a name, decoys and leagues without events that day included; "
        f"empty slots, VOD and ordinary channels are not counted)",
    ]
    if matches.get("guide_coverage") is not None:
        # The guide-coverage line (owned with the guide work): timed programmes over the same denominator.
        lines.append(f"guide coverage: {matches.get('guide_timed_channels')}/{event_channels} event channels have "
                     f"a timed programme ({float(matches['guide_coverage']):.1%})")
    reasons = matches.get("unmatched_reasons") or {}
    if reasons:
        # Unmatched is often right: decoys, foreign leagues the snapshot lacks, studio shows (README: reason codes).
        lines.append("unmatched, by reason: " + ", ".join(f"{k} {v}" for k, v in reasons.items()))
    if published.get("outcome"):
        lines.append(f"publish: {published['outcome']} ({published.get('why', '')})")
    for name in ("url_guide_xml", "url_guide_xml_gz", "url_playlist_m3u", "url_events_m3u"):
        if published.get(name):
            lines.append(f"{name.removeprefix('url_').replace('_', '.', 1)}: {published[name]}")
    return lines


def run_demo(provider: str = "demo", on_date: date = date(2025, 11, 22)) -> int:
    from epgoat_assets.lib.playlists.providers import provider_playlist_key
    from epgoat_resources.env import database_url, epgoat_home

    inst = instance()
    defs = _defs()
    key = provider_playlist_key(provider)
    print(f"epgoat demo: provider {provider}, date {on_date}, DAGSTER_HOME={dagster_home()}")
    materialize_events(inst, defs, [on_date + timedelta(days=d) for d in (-1, 0, 1)])
    result = materialize_guide(inst, defs, key, on_date, tags={"epgoat/kind": "demo"})
    if not result.success:
        print(f"epgoat demo: the guide run failed: {_failure_line(result)}")
        return 1
    log_path = epgoat_home() / "logs" / "dbt-demo.log"
    ok = run_analytics(inst, defs, log_path)
    matches = _metadata(result, "channel_event_matches")
    published = _metadata(result, "published_guide")
    print("\n== epgoat demo: summary ==")
    for line in summary_lines(matches, published, on_date):
        print(line)
    print(f"analytics (dbt build, marts incl. operator_overview): {'ok' if ok else 'FAILED'}; full log: {log_path}")
    print(f"warehouse: {database_url()}")
    return 0 if ok else 1


# A daemon that wrote a heartbeat this recently is taken to be running.
DAEMON_FRESH_S = 120.0


def daemon_running(inst: dg.DagsterInstance, now: float | None = None) -> bool:
    """True when the instance's backfill daemon has a fresh heartbeat (`make dev`, `dagster-daemon run`)."""
    import time

    beat = inst.get_daemon_heartbeats().get("BACKFILL")
    return beat is not None and (now or time.time()) - beat.timestamp < DAEMON_FRESH_S


def submit_backfill(inst: dg.DagsterInstance, defs: dg.Definitions, playlist_key: str, days: list[date],
                    event_days: list[date]) -> str:
    """An asset backfill for the daemon: events for `event_days`, then the guide assets per date.

    It is the same object the UI's "Launch backfill" creates, so it is listed under Overview ->
    Backfills; the daemon orders the guide runs after the events they read.
    """
    import time

    from dagster._core.definitions.assets.graph.asset_graph_subset import AssetGraphSubset
    from dagster._core.definitions.events import AssetKeyPartitionKey
    from dagster._core.execution.backfill import PartitionBackfill
    from dagster._core.utils import make_new_backfill_id

    from epgoat_assets.defs.jobs import GUIDE_ASSET_KEYS
    from epgoat_assets.defs.partitions import add_playlist_keys

    add_playlist_keys(inst, [playlist_key])
    graph = defs.resolve_asset_graph()
    wanted = {AssetKeyPartitionKey(dg.AssetKey("sports_events"), d.isoformat()) for d in event_days}
    wanted |= {AssetKeyPartitionKey(dg.AssetKey(a), f"{d.isoformat()}|{playlist_key}")
               for a in GUIDE_ASSET_KEYS for d in days}
    backfill_id = make_new_backfill_id()
    inst.add_backfill(PartitionBackfill.from_asset_graph_subset(
        backfill_id=backfill_id, backfill_timestamp=time.time(),
        tags={"epgoat/kind": "backfill", "epgoat/job": "guide"}, dynamic_partitions_store=inst,
        asset_graph_subset=AssetGraphSubset.from_asset_partition_set(wanted, graph),
        title=f"epgoat backfill {playlist_key} {days[0]}..{days[-1]}",
        description="submitted by `epgoat backfill`", run_config=None,
    ))
    return backfill_id


def backfill(playlist_key: str, start: date, end: date, *, in_process: bool | None = None) -> int:
    """Events and guides for every date in [start, end]; each partition is idempotent.

    With a daemon running on the instance the work is submitted as a Dagster backfill (listed in the
    UI, run by the daemon); otherwise it runs here, one named `guide_job` run per date. Publishing
    is monotonic either way: dates older than the live guide are archived only.
    """
    from epgoat_assets.lib.playlists.providers import PlaylistKey
    from epgoat_assets.lib.playlists.registry import playlist_settings

    if PlaylistKey.parse(playlist_key).is_provider:
        playlist_settings(None, playlist_key)  # an unknown provider is a one-line error before any run
    inst = instance()
    defs = _defs()
    days = [start + timedelta(days=i) for i in range((end - start).days + 1)]
    neighbours = servable_days(defs, [start - timedelta(days=1), end + timedelta(days=1)])
    if in_process is None:
        in_process = not daemon_running(inst)
    if not in_process:
        seed = dg.materialize(_assets(defs, ["team_aliases"]), instance=inst, resources=defs.resources,
                              raise_on_error=False, run_config=QUIET)
        if not seed.success:
            raise RunFailedError("team_aliases failed: see the run in the Dagster UI")
        backfill_id = submit_backfill(inst, defs, playlist_key, days, sorted([*days, *neighbours]))
        print(f"submitted backfill {backfill_id}: {playlist_key} {start}..{end} ({len(days)} dates); "
              f"the daemon runs it, follow it in the UI under Overview -> Backfills")
        return 0
    materialize_events(inst, defs, sorted([*days, *neighbours]))
    failed = []
    for day in days:
        res = materialize_guide(inst, defs, playlist_key, day, tags={"epgoat/kind": "backfill"})
        m = _metadata(res, "channel_event_matches")
        pub = _metadata(res, "published_guide")
        if res.success:
            print(f"{playlist_key} {day}: ok, match rate {float(m.get('match_rate', 0.0)):.1%}, "
                  f"{pub.get('outcome', 'not published')} ({pub.get('why', '')})")
        else:
            print(f"{playlist_key} {day}: FAILED: {_failure_line(res)}")
            failed.append(day)
    return 1 if failed else 0
