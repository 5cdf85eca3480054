"""Runs the Dagster assets in-process for `epgoat demo` and `epgoat backfill`.

Both use the persistent instance in `$DAGSTER_HOME` (the project's `.dagster_home` by default), so
the runs, their metadata and the dynamic `playlist` partitions show up in `make dev`'s UI afterwards.
"""

from __future__ import annotations

import os
import shutil
from datetime import date, timedelta
from pathlib import Path

import dagster as dg

from epgoat_assets.lib.config import PROJECT_ROOT


def instance() -> dg.DagsterInstance:
    home = os.environ.get("DAGSTER_HOME")
    if not home:
        home = str(PROJECT_ROOT / ".dagster_home")
        os.environ["DAGSTER_HOME"] = home
    Path(home).mkdir(parents=True, exist_ok=True)
    cfg = Path(home) / "dagster.yaml"
    if not cfg.exists():
        shutil.copyfile(PROJECT_ROOT / "config" / "dagster.local.yaml", cfg)
    return dg.DagsterInstance.get()


def _defs() -> dg.Definitions:
    from epgoat_assets.definitions import defs

    return defs() if callable(defs) else defs


def _assets(defs: dg.Definitions, keys: list[str]) -> list[dg.AssetsDefinition]:
    wanted = {dg.AssetKey(k) for k in keys}
    return [a for a in defs.assets or [] if isinstance(a, dg.AssetsDefinition) and wanted & set(a.keys)]


# The runs' own progress lines go to the run log in the instance (and the UI); the terminal only
# shows warnings and the summary.
QUIET = {"loggers": {"console": {"config": {"log_level": "WARNING"}}}}

GUIDE_ASSET_KEYS = ["provider_playlists", "filtered_channels", "channel_event_matches", "epg_xml",
                    "rewritten_m3u", "published_guide"]


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


def materialize_events(inst: dg.DagsterInstance, defs: dg.Definitions, days: list[date]) -> None:
    seed = dg.materialize(_assets(defs, ["team_aliases"]), instance=inst, resources=defs.resources,
                          raise_on_error=False, run_config=QUIET)
    if not seed.success:
        raise RunFailedError("team_aliases failed: see the run in the Dagster UI")
    events = _assets(defs, ["sports_events"])
    for day in days:
        res = dg.materialize(events, instance=inst, resources=defs.resources, partition_key=day.isoformat(),
                             raise_on_error=False, run_config=QUIET, tags={"epgoat/kind": "events"})
        if not res.success:
            raise RunFailedError(f"sports_events {day} failed: see the run in the Dagster UI")


def materialize_guide(inst: dg.DagsterInstance, defs: dg.Definitions, playlist_key: str, day: date,
                      tags: dict[str, str] | None = None) -> dg.ExecuteInProcessResult:
    from epgoat_assets.defs.partitions import add_playlist_keys

    add_playlist_keys(inst, [playlist_key])
    return dg.materialize(
        _assets(defs, GUIDE_ASSET_KEYS), instance=inst, resources=defs.resources,
        partition_key=dg.MultiPartitionKey({"date": day.isoformat(), "playlist": playlist_key}),
        raise_on_error=False, tags=tags or {}, run_config=QUIET,
    )


def _metadata(result: dg.ExecuteInProcessResult, asset: str) -> dict:
    for ev in result.get_asset_materialization_events():
        mat = ev.event_specific_data.materialization  # type: ignore[union-attr]
        if mat.asset_key == dg.AssetKey(asset):
            return {k: v.value for k, v in mat.metadata.items()}
    return {}


def run_demo(provider: str = "demo", on_date: date = date(2025, 11, 22)) -> int:
    from epgoat_assets.lib.playlists.providers import provider_playlist_key

    inst = instance()
    defs = _defs()
    key = provider_playlist_key(provider)
    print(f"epgoat demo: provider {provider}, date {on_date}, DAGSTER_HOME={os.environ['DAGSTER_HOME']}")
    materialize_events(inst, defs, [on_date + timedelta(days=d) for d in (-1, 0, 1)])
    result = materialize_guide(inst, defs, key, on_date, tags={"epgoat/kind": "demo"})
    if not result.success:
        print("epgoat demo: the guide run failed; open `make dev` to see the run's logs")
        return 1
    dbt_assets = [a for a in defs.assets or [] if isinstance(a, dg.AssetsDefinition) and a.op.tags.get("kind") == "dbt"
                  or (isinstance(a, dg.AssetsDefinition) and "dbt" in a.op.name)]
    if dbt_assets:
        dbt_result = dg.materialize(dbt_assets, instance=inst, resources=defs.resources, raise_on_error=False,
                                    run_config=QUIET)
        print(f"analytics (dbt build): {'ok' if dbt_result.success else 'FAILED'}")
    matches = _metadata(result, "channel_event_matches")
    published = _metadata(result, "published_guide")
    print("\n== epgoat demo: summary ==")
    print(f"events: {matches.get('events_in_window')} in the window around {on_date}")
    print(f"event channels: {matches.get('event_channels')}, matched: {matches.get('matched')}, "
          f"match rate: {float(matches.get('match_rate', 0.0)):.1%}")
    if matches.get("guide_coverage") is not None:
        print(f"guide coverage: {matches.get('guide_timed_channels')}/{matches.get('event_channels')} event channels "
              f"have a timed programme ({float(matches['guide_coverage']):.1%})")
    reasons = matches.get("unmatched_reasons") or {}
    if reasons:
        # Unmatched is often right: decoys, foreign leagues the snapshot lacks, studio shows.
        print("unmatched, by reason: " + ", ".join(f"{k} {v}" for k, v in reasons.items()))
    for name in ("url_guide_xml", "url_guide_xml_gz", "url_playlist_m3u"):
        if published.get(name):
            print(f"{name.removeprefix('url_').replace('_', '.', 1)}: {published[name]}")
    from epgoat_resources.env import database_url

    print(f"warehouse: {database_url()}")
    return 0


def backfill(playlist_key: str, start: date, end: date) -> int:
    """Materialise events and guides for every date in [start, end]; each partition is idempotent."""
    from epgoat_assets.lib.playlists.registry import playlist_settings

    if playlist_key.startswith("prov-"):
        playlist_settings(None, playlist_key)  # an unknown provider is a one-line error before any run
    inst = instance()
    defs = _defs()
    days = [start + timedelta(days=i) for i in range((end - start).days + 1)]
    neighbours = servable_days(defs, [start - timedelta(days=1), end + timedelta(days=1)])
    materialize_events(inst, defs, sorted([*days, *neighbours]))
    failed = []
    for day in days:
        res = materialize_guide(inst, defs, playlist_key, day, tags={"epgoat/kind": "backfill"})
        m = _metadata(res, "channel_event_matches")
        status = "ok" if res.success else "FAILED"
        print(f"{playlist_key} {day}: {status}, match rate {float(m.get('match_rate', 0.0)):.1%}")
        if not res.success:
            failed.append(day)
    return 1 if failed else 0
