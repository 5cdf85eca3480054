"""Benchmark: a 369K-entry provider playlist end to end, as ratios measured side by side in one run.

`epgoat match` (parse, VOD filter, families, matching, then CSV, and with `--xmltv --m3u` the guide
and the M3U copy) runs as the command line does, in its own process, with its wall time (interpreter
start included) and peak RSS taken from the process. Every figure is divided by the bare read of
the same file (read, decode, split into lines) measured in the same run, interleaved with the
other measurements so a burst of load on the shared machine hits them alike; m3u-parser's parse
alone is the outside yardstick.

    .venv/bin/python bench/bench_end_to_end.py [--entries 369000] [--repeat 3] [--skip-m3u-parser] [--json]

Targets (issue 15): end to end with CSV, XMLTV and M3U within 10x of the bare read; peak <= 400 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

TARGET_RATIO = 10.0
TARGET_MB = 400.0
SNAPSHOT = ROOT / "epgoat_assets" / "data" / "snapshot"
DAY = "2025-11-22"
EPGOAT = ROOT / ".venv" / "bin" / "epgoat"


def _run(cmd: list[str]) -> dict[str, float | str]:
    """Wall time and peak RSS of one child process (its own rusage, not all children's)."""
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t
    out = proc.stdout.read().decode() if proc.stdout else ""
    err = proc.stderr.read().decode() if proc.stderr else ""
    if status != 0:
        return {"error": (err.strip().splitlines() or ["failed"])[-1]}
    return {"wall_s": wall, "peak_mb": usage.ru_maxrss / 1024, "stdout": out}


def bare_read(path: Path) -> dict[str, float | str]:
    """In its own process; the clock covers the read only, as the floor of any M3U reader."""
    code = ("import time,sys,json,resource;t=time.perf_counter();"
            "l=open(sys.argv[1],'rb').read().decode('utf-8').splitlines();"
            "print(json.dumps({'wall_s':time.perf_counter()-t,'lines':len(l)}))")
    res = _run([sys.executable, "-c", code, str(path)])
    if "error" in res:
        return res
    return {**json.loads(str(res["stdout"])), "peak_mb": res["peak_mb"]}


def m3u_parser(path: Path) -> dict[str, float | str]:
    code = ("import logging,time,sys,json;logging.disable(logging.CRITICAL);from m3u_parser import M3uParser;"
            "p=M3uParser();t=time.perf_counter();p.parse_m3u(sys.argv[1],check_live=False);"
            "print(json.dumps({'wall_s':time.perf_counter()-t,'entries':len(p.get_list())}))")
    res = _run([sys.executable, "-c", code, str(path)])
    if "error" in res:
        return res
    return {**json.loads(str(res["stdout"]).strip().splitlines()[-1]), "peak_mb": res["peak_mb"]}


def epgoat_match(path: Path, out: Path, guide: bool) -> dict[str, float | str]:
    cmd = [str(EPGOAT), "match", "--playlist", str(path), "--events", str(SNAPSHOT), "--date", DAY,
           "--out", str(out / "matches.csv")]
    if guide:
        cmd += ["--xmltv", str(out / "guide.xml"), "--m3u", str(out / "playlist.m3u")]
    return _run(cmd)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--entries", type=int, default=369_000)
    ap.add_argument("--playlist", type=Path, help="measure this file instead of generating one")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--skip-m3u-parser", action="store_true", help="skip m3u-parser (about 30 s)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)

    from bench_playlist import generate_playlist

    kinds = ["bare_read", "match_csv", "match_all"] + ([] if args.skip_m3u_parser else ["m3u_parser"])
    runs: dict[str, list[dict]] = {k: [] for k in kinds}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / "out"
        work.mkdir()
        path = args.playlist or Path(tmp) / "provider.m3u"
        counts = {} if args.playlist else generate_playlist(path, args.entries)
        for i in range(max(1, args.repeat)):
            for kind in kinds:
                if kind == "m3u_parser" and i:
                    continue
                res = {"bare_read": lambda: bare_read(path),
                       "match_csv": lambda: epgoat_match(path, work, guide=False),
                       "match_all": lambda: epgoat_match(path, work, guide=True),
                       "m3u_parser": lambda: m3u_parser(path)}[kind]()
                runs[kind].append(res)
        size_mb = path.stat().st_size / 1e6
    best: dict[str, dict] = {}
    for kind, rs in runs.items():
        ok = [r for r in rs if "error" not in r]
        if not ok:
            best[kind] = rs[0]
            continue
        walls = [float(r["wall_s"]) for r in ok]
        best[kind] = {"wall_s": min(walls), "wall_median_s": statistics.median(walls),
                      "peak_mb": max(float(r["peak_mb"]) for r in ok), "runs": len(ok)}
    floor = float(best["bare_read"].get("wall_s", 0.0)) or float("nan")
    for r in best.values():
        if "wall_s" in r:
            r["x_bare_read"] = r["wall_s"] / floor
    full = best.get("match_all", {})
    met_ratio = "x_bare_read" in full and full["x_bare_read"] <= TARGET_RATIO
    met_mem = "peak_mb" in full and full["peak_mb"] <= TARGET_MB
    summary = {"playlist": {"size_mb": size_mb, **counts}, "results": best,
               "targets": {"ratio": TARGET_RATIO, "peak_mb": TARGET_MB, "met_ratio": met_ratio, "met_memory": met_mem}}
    if "wall_s" in best.get("m3u_parser", {}) and "wall_s" in full:
        summary["m3u_parser_over_end_to_end"] = best["m3u_parser"]["wall_s"] / full["wall_s"]
    if args.json:
        print(json.dumps(summary, indent=2))
        return 0 if "error" not in full else 1
    labels = {"bare_read": "bare read (floor)", "match_csv": "epgoat match, CSV only",
              "match_all": "epgoat match, CSV+XMLTV+M3U", "m3u_parser": "m3u-parser parse alone"}
    print(f"playlist: {size_mb:.1f} MB" + "".join(f", {k} {v:,}" for k, v in counts.items()))
    print(f"{'measurement':<32}{'wall s':>9}{'median s':>10}{'x bare read':>13}{'peak MB':>9}{'runs':>6}")
    for kind in kinds:
        r = best[kind]
        if "error" in r:
            print(f"{labels[kind]:<32} error: {r['error']}")
            continue
        print(f"{labels[kind]:<32}{r['wall_s']:>9.2f}{r['wall_median_s']:>10.2f}{r['x_bare_read']:>13.1f}"
              f"{r['peak_mb']:>9.0f}{r['runs']:>6}")
    print("(epgoat match: whole process incl. interpreter start; bare read and m3u-parser: the work alone)")
    if "m3u_parser_over_end_to_end" in summary:
        print(f"m3u-parser's parse alone takes {summary['m3u_parser_over_end_to_end']:.1f}x epgoat's whole run")
    print(f"target end to end <= {TARGET_RATIO:.0f}x bare read: {'PASS' if met_ratio else 'MISS'}"
          + (f" ({full['x_bare_read']:.1f}x)" if "x_bare_read" in full else ""))
    print(f"target peak <= {TARGET_MB:.0f} MB: {'PASS' if met_mem else 'MISS'}"
          + (f" ({full['peak_mb']:.0f} MB)" if "peak_mb" in full else ""))
    return 0 if "error" not in full else 1


if __name__ == "__main__":
    raise SystemExit(main())
