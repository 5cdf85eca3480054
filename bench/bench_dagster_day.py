"""Benchmark: one date for ten 33K-entry providers through Dagster, on the embedded store.

Ten providers (generated playlists in the style of `bench_playlist.py`, 92% VOD) are written to a
throwaway config, warehouse and Dagster instance. One process then materialises what a daily run
does: `sports_events` for the date and the days either side, then every guide asset
(`guide_job`) per provider. Beside it, in the same run:

- the bare read of one playlist (the floor every figure is divided by);
- the same work without Dagster (`epgoat match` with CSV, XMLTV and M3U on the partition's
  playlist, called in one process as a partition's steps run, not as the two-core command), run
  right after each partition: a partition's overhead is its Dagster time minus the domain work
  measured next to it, so both see the same load on a shared machine;
- the warehouse write of one partition's decisions (`store.save_match_results`).

    .venv/bin/python bench/bench_dagster_day.py [--providers 10] [--entries 33000] [--json]

Targets (issue 15): the day in <= 60 s; a partition's overhead beyond its domain work <= 2 s.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

DAY = date(2025, 11, 22)
TARGET_DAY_S = 60.0
TARGET_OVERHEAD_S = 2.0
PROVIDER_SETTINGS = (
    "    timezone: America/New_York\n    date_order: mdy\n    match_rate_floor: 0.0\n"
    "    m3u_scope: live\n    min_confidence: 0.6\n"
)


def _peak_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def prepare(work: Path, providers: int, entries: int) -> dict[str, Path]:
    """Playlists, a config folder naming them, and the environment of the measured process."""
    from bench_playlist import generate_playlist

    config = work / "config"
    shutil.copytree(ROOT / "config", config)
    lines = ["providers:\n"]
    for i in range(1, providers + 1):
        path = work / f"bench{i:02d}.m3u"
        generate_playlist(path, entries, seed=100 + i)
        lines.append(f"  - key: bench{i:02d}\n    name: Bench {i:02d}\n    playlist: {path}\n{PROVIDER_SETTINGS}")
    (config / "providers.yaml").write_text("".join(lines), encoding="utf-8")
    return {"config": config, "home": work / "home", "dagster": work / "dagster", "playlist": work / "bench01.m3u"}


def child_env(paths: dict[str, Path]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("EPGOAT_", "DAGSTER_"))}
    env.update({"EPGOAT_CONFIG_DIR": str(paths["config"]), "EPGOAT_HOME": str(paths["home"]),
                "DAGSTER_HOME": str(paths["dagster"]), "EPGOAT_ENV": "embedded", "DO_NOT_TRACK": "1"})
    return env


# --- measured in child processes ---------------------------------------------------------------

def measure_day(providers: int, domain_dir: str) -> dict[str, object]:
    from epgoat_assets import runner

    t0 = time.perf_counter()
    inst = runner.instance()
    defs = runner._defs()
    t_load = time.perf_counter() - t0
    days = runner.servable_days(defs, [DAY - timedelta(days=1), DAY, DAY + timedelta(days=1)])
    t1 = time.perf_counter()
    runner.materialize_events(inst, defs, days)
    t_events = time.perf_counter() - t1
    partitions = []
    beside = 0.0  # time spent on the paired domain runs, not part of the day
    for i in range(1, providers + 1):
        key = f"prov-bench{i:02d}"
        t = time.perf_counter()
        res = runner.materialize_guide(inst, defs, key, DAY)
        wall = time.perf_counter() - t
        m = runner._metadata(res, "channel_event_matches")
        t = time.perf_counter()
        domain = domain_work(Path(domain_dir) / f"bench{i:02d}.m3u", Path(domain_dir) / "cli", dict(os.environ))
        beside += time.perf_counter() - t
        partitions.append({"playlist": key, "ok": res.success, "wall_s": wall, "domain": domain,
                           "match_rate": float(m.get("match_rate", 0.0)),
                           "error": None if res.success else runner._failure_line(res)})
    return {"load_s": t_load, "events_s": t_events, "event_days": len(days), "partitions": partitions,
            "total_s": time.perf_counter() - t0 - beside, "peak_mb": _peak_mb()}


def measure_write(playlist: str) -> dict[str, object]:
    """One partition's decisions written to a fresh DuckDB warehouse, and the rewrite of a rerun."""
    from epgoat_assets.lib import pipeline
    from epgoat_assets.lib.playlists.providers import ProviderConfig
    from epgoat_assets.lib.sports.events import load_events
    from epgoat_assets.lib.warehouse import store
    from epgoat_assets.lib.warehouse.db import Database

    provider = ProviderConfig(key="bench", name="bench", playlist=playlist, date_order="mdy")
    events = load_events(ROOT / "epgoat_assets" / "data" / "snapshot", days=[DAY + timedelta(days=d) for d in (-1, 0, 1)])
    run = pipeline.classify_playlist(playlist, provider)
    results = pipeline.match_channels(run.classified.channels, events, on_date=DAY, provider=provider)
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(f"duckdb://{Path(tmp) / 'w.duckdb'}")
        db.migrate()
        t = time.perf_counter()
        store.save_match_results(db, "prov-bench", DAY, results)
        first = time.perf_counter() - t
        t = time.perf_counter()
        store.save_match_results(db, "prov-bench", DAY, results)
        rerun = time.perf_counter() - t
    return {"rows": len(results), "first_s": first, "rerun_s": rerun}


def measure_read(playlist: str) -> dict[str, object]:
    t = time.perf_counter()
    with open(playlist, "rb") as fh:
        lines = fh.read().decode("utf-8").splitlines()
    return {"lines": len(lines), "wall_s": time.perf_counter() - t}


def _child(kind: str, arg: str, env: dict[str, str]) -> dict[str, object]:
    out = subprocess.run([sys.executable, __file__, "--_measure", kind, arg], env=env, capture_output=True,
                         text=True, check=False, cwd=ROOT)
    if out.returncode != 0:
        return {"error": (out.stderr.strip().splitlines() or ["failed"])[-1]}
    return json.loads(out.stdout.strip().splitlines()[-1])


# `epgoat match` called in-process (as a library caller does), not as the command: it then does
# everything in one process, one step after another, as a partition's steps do. The command
# would write the VOD rows and the guide files on a second core meanwhile, and its wall time
# would understate the work a partition has to do.
_IN_ONE_PROCESS = "import sys; from epgoat_assets.cli import main; sys.exit(main(sys.argv[1:]))"


def domain_work(playlist: Path, out: Path, env: dict[str, str]) -> dict[str, object]:
    """`epgoat match` with every output on one playlist, in one process: the domain work of one partition."""
    out.mkdir(exist_ok=True)
    cmd = [sys.executable, "-c", _IN_ONE_PROCESS, "match", "--playlist", str(playlist), "--events",
           str(ROOT / "epgoat_assets" / "data" / "snapshot"), "--date", DAY.isoformat(),
           "--out", str(out / "m.csv"), "--xmltv", str(out / "g.xml"), "--m3u", str(out / "o.m3u")]
    t = time.perf_counter()
    proc = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False,
                          cwd=ROOT)
    wall = time.perf_counter() - t
    if proc.returncode != 0:
        return {"error": f"epgoat match exited {proc.returncode}: {(proc.stderr.strip().splitlines() or [''])[-1]}"}
    return {"wall_s": wall}


def _day_args(arg: str) -> tuple[int, str]:
    providers, folder = arg.split(":", 1)
    return int(providers), folder


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--providers", type=int, default=10)
    ap.add_argument("--entries", type=int, default=33_000)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--_measure", nargs=2, metavar=("KIND", "ARG"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args._measure:
        kind, arg = args._measure
        fn = {"day": lambda: measure_day(*_day_args(arg)), "write": lambda: measure_write(arg),
              "read": lambda: measure_read(arg)}[kind]
        print(json.dumps(fn()))
        return 0

    with tempfile.TemporaryDirectory() as tmp:
        paths = prepare(Path(tmp), args.providers, args.entries)
        env = child_env(paths)
        read = _child("read", str(paths["playlist"]), env)
        write = _child("write", str(paths["playlist"]), env)
        day = _child("day", f"{args.providers}:{paths['playlist'].parent}", env)
    if "error" in day:
        print(f"dagster day: error: {day['error']}")
        return 1
    parts = day["partitions"]
    if any("error" in p["domain"] for p in parts):
        print(f"dagster day: domain work: error: {next(p['domain']['error'] for p in parts if 'error' in p['domain'])}")
        return 1
    domains = sorted(float(p["domain"]["wall_s"]) for p in parts)
    overhead = [float(p["wall_s"]) - float(p["domain"]["wall_s"]) for p in parts]
    summary = {"providers": args.providers, "entries": args.entries, "bare_read": read,
               "warehouse_write": write, "day": day,
               "met_day": day["total_s"] <= TARGET_DAY_S, "met_overhead": max(overhead) <= TARGET_OVERHEAD_S}
    if args.json:
        print(json.dumps(summary, indent=2))
        return 0 if all(p["ok"] for p in parts) else 1
    floor = float(read["wall_s"])
    print(f"{args.providers} providers x {args.entries:,} entries, one date ({DAY}), embedded DuckDB store")
    print(f"{'measurement':<48}{'wall s':>9}{'x bare read':>13}{'peak MB':>9}")
    rows = [("bare read of one playlist", floor, None),
            # No peak here: a child forked from the day's process reports that process's pages as
            # its own; bench_end_to_end.py measures the command's memory.
            ("epgoat match + CSV/XMLTV/M3U, 1 process, median", domains[len(domains) // 2], None),
            (f"warehouse write, {write.get('rows', 0):,} decisions", write.get("first_s", 0.0), None),
            ("warehouse rewrite (rerun)", write.get("rerun_s", 0.0), None),
            ("load definitions + instance", day["load_s"], None),
            (f"sports_events, {day['event_days']} days", day["events_s"], None)]
    rows += [(f"guide_job {p['playlist']}" + ("" if p["ok"] else " FAILED")
              + f" (domain {float(p['domain']['wall_s']):.2f})", p["wall_s"], None) for p in parts]
    rows.append(("whole day (one process)", day["total_s"], day["peak_mb"]))
    for label, wall, peak in rows:
        print(f"{label:<48}{float(wall):>9.2f}{float(wall) / floor:>13.1f}{'' if peak is None else f'{peak:.0f}':>9}")
    print(f"domain work (median of the {len(domains)} runs beside the partitions): "
          f"{domains[len(domains) // 2]:.2f} s, {domains[0]:.2f}-{domains[-1]:.2f} s")
    print(f"partition overhead beyond the domain work beside it: median {sorted(overhead)[len(overhead) // 2]:.2f} s, "
          f"max {max(overhead):.2f} s")
    print(f"target day <= {TARGET_DAY_S:.0f} s: {'PASS' if summary['met_day'] else 'MISS'} ({day['total_s']:.1f} s)")
    print(f"target overhead <= {TARGET_OVERHEAD_S:.0f} s: {'PASS' if summary['met_overhead'] else 'MISS'}")
    for p in parts:
        if not p["ok"]:
            print(f"{p['playlist']}: {p['error']}")
    return 0 if all(p["ok"] for p in parts) else 1


if __name__ == "__main__":
    raise SystemExit(main())
