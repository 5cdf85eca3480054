"""Benchmark: the control plane at 1,000 BYO playlists, on a throwaway instance and warehouse.

Measures what grows with the number of playlists rather than with their size:

- registering 1,000 BYO playlists in the warehouse (one bulk upsert);
- one tick of `playlist_registry_sensor` that finds them all new, and applying its request
  (1,000 dynamic partitions added to the instance);
- a second tick with nothing to do (what every later minute costs);
- the `date x playlist` partition set: counting it and listing one date's 1,000 keys.

    .venv/bin/python bench/bench_scale.py [--playlists 1000] [--json]

The per-run figures (a guide partition's wall time and overhead) come from
`bench_dagster_day.py`; `docs/operations.md` (Scale) combines the two.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import logging
import os
import shutil
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def measure(n: int, work: Path) -> dict[str, float | int]:
    os.environ.update({"EPGOAT_HOME": str(work / "home"), "DAGSTER_HOME": str(work / "dagster"),
                       "EPGOAT_ENV": "embedded", "DO_NOT_TRACK": "1"})
    os.environ.pop("EPGOAT_DATABASE_URL", None)
    import dagster as dg

    from epgoat_assets import runner
    from epgoat_assets.defs.automation import playlist_registry_sensor
    from epgoat_assets.defs.partitions import date_x_playlist, playlists
    from epgoat_assets.lib.warehouse.db import frame
    from epgoat_resources.warehouse import DuckDBWarehouse

    # The sensor logs every key it adds: 1,000 of them are not worth a terminal.
    logging.getLogger("dagster").setLevel(logging.WARNING)
    inst = runner.instance()
    warehouse = DuckDBWarehouse(path=str(work / "home" / "warehouse.duckdb"))
    now = datetime.now(UTC)
    rows = [(f"user-bench{i:04d}", "byo", f"Bench {i}", f"https://playlists.example.net/{i}.m3u",
             "America/New_York", now, now) for i in range(n)]
    out: dict[str, float | int] = {"playlists": n}
    t = time.perf_counter()
    warehouse.write_frame("providers", frame(rows, ("playlist_key", "kind", "name", "playlist_source", "timezone",
                                                    "created_at", "updated_at")), ["playlist_key"])
    out["register_s"] = time.perf_counter() - t

    def tick() -> tuple[float, object]:
        ctx = dg.build_sensor_context(instance=inst, resources={"warehouse": warehouse})
        t0 = time.perf_counter()
        with contextlib.redirect_stderr(io.StringIO()):
            res = playlist_registry_sensor(ctx)
        return time.perf_counter() - t0, res

    out["first_tick_s"], res = tick()
    t = time.perf_counter()
    for req in getattr(res, "dynamic_partitions_requests", None) or []:
        inst.add_dynamic_partitions(playlists.name, list(req.partition_keys))
    out["apply_s"] = time.perf_counter() - t
    out["registered"] = len(inst.get_dynamic_partitions(playlists.name))
    out["idle_tick_s"], _ = tick()
    t = time.perf_counter()
    with dg.partition_loading_context(dynamic_partitions_store=inst):
        out["partition_count"] = date_x_playlist.get_num_partitions()
    out["count_s"] = time.perf_counter() - t
    t = time.perf_counter()
    day = dg.DailyPartitionsDefinition(start_date="2025-01-01").get_last_partition_key()
    keys = [dg.MultiPartitionKey({"date": day, "playlist": k}) for k in inst.get_dynamic_partitions(playlists.name)]
    out["one_date_keys"] = len(keys)
    out["one_date_keys_s"] = time.perf_counter() - t
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--playlists", type=int, default=1000)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="epgoat-scale-"))
    try:
        (work / "dagster").mkdir()
        shutil.copyfile(ROOT / "config" / "dagster.local.yaml", work / "dagster" / "dagster.yaml")
        out = measure(args.playlists, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if args.json:
        print(json.dumps(out, indent=2))
        return 0
    n = out["playlists"]
    print(f"control plane at {n:,} BYO playlists (embedded store, SQLite instance)")
    print(f"register {n:,} playlists in the warehouse (bulk upsert)   {out['register_s']:.2f} s")
    print(f"registry sensor tick, all new                             {out['first_tick_s']:.2f} s")
    print(f"apply its request ({out['registered']:,} dynamic partitions)        {out['apply_s']:.2f} s")
    print(f"registry sensor tick, nothing new                         {out['idle_tick_s']:.2f} s")
    print(f"count the date x playlist set ({out['partition_count']:,} keys)       {out['count_s']:.2f} s")
    print(f"one date's keys ({out['one_date_keys']:,})                               {out['one_date_keys_s']:.3f} s")
    return 0 if out["registered"] >= n else 1


if __name__ == "__main__":
    raise SystemExit(main())
