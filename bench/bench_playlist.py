"""Benchmark: parse / parse+filter+families on a realistic 350K-entry provider playlist.

The playlist is generated from the styles of the bundled demo playlist and, when present, the
labelled dev playlists (`../shared/bench/dev`): every VOD, live and event entry is replicated with
perturbed names and a distinct URL, keeping about 92% VOD. Each measurement runs in a fresh
subprocess so wall time and peak RSS are not polluted by the others.

    .venv/bin/python bench/bench_playlist.py                 # table
    .venv/bin/python bench/bench_playlist.py --json          # machine-readable
    .venv/bin/python bench/bench_playlist.py --entries 100000 --skip-m3u-parser

Targets (issue 3): parse+filter+families of 350K entries < 1.5 s on one core, >= 15x faster than
m3u-parser's parse alone, peak memory < 400 MB.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TARGET_SECONDS = 1.5
TARGET_SPEEDUP = 15.0
TARGET_MB = 400.0

_WORDS = ["Night", "River", "Summer", "Blue", "Road", "Legend", "King", "Game", "Ghost", "House", "Lost", "Day", "Dark", "Red", "City", "Silent", "Iron", "Last", "Storm", "Match", "Final", "Champions", "Golden", "Empire", "Shadow", "Winter", "Crown", "Echo", "Harbor", "Wild", "Stone", "Paper"]


def _template_sources() -> list[Path]:
    sources = [ROOT / "epgoat_assets" / "data" / "demo" / "demo-provider.m3u"]
    dev = ROOT.parent / "shared" / "bench" / "dev"
    if dev.is_dir():
        sources.extend(sorted(dev.glob("*.m3u")))
    return [p for p in sources if p.is_file()]


def generate_playlist(path: Path, entries: int, vod_share: float = 0.92, seed: int = 7) -> dict[str, int]:
    """Write a playlist of `entries` entries built from the template playlists' styles."""
    from epgoat_assets.lib.playlists.m3u import format_entry, parse_m3u

    vod, live = [], []
    for src in _template_sources():
        for e in parse_m3u(src).entries:
            (vod if ("/movie/" in e.url or "/series/" in e.url) else live).append(e)
    if not vod or not live:
        raise SystemExit("bench: no template playlists found (demo playlist missing?)")
    rng = random.Random(seed)
    n_vod = round(entries * vod_share)
    counts = {"vod": 0, "live": 0}
    id_re = re.compile(r"/(\d+)\.(\w+)$")
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        out.write('#EXTM3U url-tvg="http://epg.example-iptv.net/guide.xml.gz"\n')
        # VOD first then live, as Xtream Codes exports usually group them; interleave a little.
        for i in range(entries):
            is_vod = i < n_vod
            tpl = rng.choice(vod if is_vod else live)
            name = tpl.name
            if is_vod:
                # Perturb titles so names are not all identical copies.
                words = rng.sample(_WORDS, rng.randint(1, 3))
                if "(" in name and name.rstrip().endswith(")") and "Replay" not in name:
                    name = f"{' '.join(words)} ({rng.randint(1950, 2025)})"
                elif re.search(r"S\d\d E\d\d", name):
                    name = f"{' '.join(words)} S{rng.randint(1, 12):02d} E{rng.randint(1, 24):02d}"
            url = id_re.sub(lambda m, i=i: f"/{1_000_000 + i}.{m.group(2)}", tpl.url)
            attrs = dict(tpl.attrs)
            if "tvg-name" in attrs:
                attrs["tvg-name"] = name
            entry = type(tpl)(i, 0, name, url, tpl.duration, attrs, tpl.directives)
            out.write(format_entry(entry))
            counts["vod" if is_vod else "live"] += 1
    return counts


# ---------------------------------------------------------------------------------------------
# Measurements, each in its own process

LABELS = {
    "parse": "parse",
    "parse_filter_families": "parse+filter+families",
    "read_lines": "bare read",
    "m3u_parser": "m3u-parser parse",
}


def _measure(kind: str, path: str) -> dict[str, float | int | str]:
    # Imports and configuration loading happen once per process, not per playlist: the clock
    # starts after them.
    extra: dict[str, int | str] = {}
    if kind == "read_lines":
        t0, cpu0 = time.perf_counter(), time.process_time()
        # The floor: read, decode and split into lines, nothing else.
        with open(path, "rb") as fh:
            lines = fh.read().decode("utf-8").splitlines()
        n = sum(1 for ln in lines if ln.startswith("#EXTINF"))
    elif kind == "parse":
        from epgoat_assets.lib.playlists.m3u import parse_m3u

        t0, cpu0 = time.perf_counter(), time.process_time()
        n = len(parse_m3u(path).entries)
    elif kind == "parse_filter_families":
        from epgoat_assets.lib.playlists.channels import classify_channels
        from epgoat_assets.lib.playlists.families import load_family_config
        from epgoat_assets.lib.playlists.m3u import parse_m3u
        from epgoat_assets.lib.playlists.vod_filter import load_vod_rules

        rules, fams = load_vod_rules(), load_family_config()
        t0, cpu0 = time.perf_counter(), time.process_time()
        pl = parse_m3u(path)
        res = classify_channels(pl.entries, vod_rules=rules, families=fams)
        n = len(res.channels)
        extra = {"kept": res.kept, "event_channels": res.event_channels, "discovered": len(res.discovered)}
    elif kind == "m3u_parser":
        import logging

        from m3u_parser import M3uParser

        logging.disable(logging.CRITICAL)
        parser = M3uParser()
        t0, cpu0 = time.perf_counter(), time.process_time()
        parser.parse_m3u(path, check_live=False)
        n = len(parser.get_list())
    else:
        raise SystemExit(f"unknown measurement {kind}")
    wall = time.perf_counter() - t0
    cpu = time.process_time() - cpu0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB
    return {"kind": kind, "entries": n, "wall_s": wall, "cpu_s": cpu, "peak_mb": peak_mb, **extra}


def _run_child(kind: str, path: Path) -> dict[str, object]:
    # The code under test is single-threaded, so it runs on one core; cpu_s is that core's time
    # (on a busy shared machine wall time can exceed it). No pinning: a pinned core may be busy.
    cmd = [sys.executable, __file__, "--_measure", kind, str(path)]
    out = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if out.returncode != 0:
        tail = (out.stderr.strip().splitlines() or ["failed"])[-1]
        return {"kind": kind, "error": tail}
    return json.loads(out.stdout.strip().splitlines()[-1])


def _summarise(kind: str, runs: list[dict[str, object]]) -> dict[str, object]:
    """Best and median over the repeats: CPU time is the figure that survives a busy machine."""
    ok = [r for r in runs if "error" not in r]
    if not ok:
        return runs[0]
    cpus = sorted(float(r["cpu_s"]) for r in ok)
    walls = sorted(float(r["wall_s"]) for r in ok)
    best = min(ok, key=lambda r: float(r["cpu_s"]))
    return {
        **best,
        "runs": len(ok),
        "cpu_s": cpus[0],
        "cpu_median_s": statistics.median(cpus),
        "wall_s": walls[0],
        "wall_median_s": statistics.median(walls),
        "peak_mb": max(float(r["peak_mb"]) for r in ok),
        "entries_per_s": float(best["entries"]) / cpus[0] if cpus[0] else 0.0,
    }


def _verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else ("PASS" if ok else "MISS")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--entries", type=int, default=350_000)
    ap.add_argument("--vod-share", type=float, default=0.92)
    ap.add_argument("--playlist", type=Path, help="benchmark this file instead of generating one")
    ap.add_argument("--keep", type=Path, help="also write the generated playlist here")
    ap.add_argument("--skip-m3u-parser", action="store_true", help="skip the (slow, ~30 s) m3u-parser run")
    ap.add_argument("--repeat", type=int, default=5, help="runs per measurement (m3u-parser: once)")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--_measure", nargs=2, metavar=("KIND", "PATH"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args._measure:
        print(json.dumps(_measure(*args._measure)))
        return 0

    with tempfile.TemporaryDirectory() as tmp:
        if args.playlist:
            path, counts = args.playlist, {}
        else:
            path = args.keep or Path(tmp) / "bench-playlist.m3u"
            counts = generate_playlist(path, args.entries, args.vod_share)
        size_mb = path.stat().st_size / 1e6
        kinds = ["parse", "parse_filter_families", "read_lines"]
        if not args.skip_m3u_parser:
            kinds.append("m3u_parser")
        results: dict[str, dict[str, object]] = {}
        # Interleave the repeats, so a burst of load on the shared machine hits every kind alike.
        runs: dict[str, list[dict[str, object]]] = {k: [] for k in kinds}
        for i in range(max(1, args.repeat)):
            for kind in kinds:
                if kind == "m3u_parser" and i:
                    continue
                runs[kind].append(_run_child(kind, path))
        for kind in kinds:
            results[kind] = _summarise(kind, runs[kind])

    pff = results.get("parse_filter_families", {})
    m3up = results.get("m3u_parser", {})
    speedup_cpu = (
        float(m3up["cpu_s"]) / float(pff["cpu_s"]) if "cpu_s" in m3up and "cpu_s" in pff and pff["cpu_s"] else None
    )
    speedup_wall = (
        float(m3up["wall_s"]) / float(pff["wall_s"])
        if "wall_s" in m3up and "wall_s" in pff and pff["wall_s"] else None
    )
    met = {
        # Judged on CPU time (best of the repeats): wall time on a shared 2-core machine measures
        # the neighbours as much as the code. Wall figures are printed alongside.
        "time": None if "cpu_s" not in pff else float(pff["cpu_s"]) < TARGET_SECONDS,
        "memory": None if "peak_mb" not in pff else float(pff["peak_mb"]) < TARGET_MB,
        "speedup": None if speedup_cpu is None else speedup_cpu >= TARGET_SPEEDUP,
    }
    summary = {
        "playlist": {"path": str(args.playlist) if args.playlist else "generated", "size_mb": size_mb, **counts},
        "results": results,
        "speedup_vs_m3u_parser_cpu": speedup_cpu,
        "speedup_vs_m3u_parser_wall": speedup_wall,
        "targets": {
            "parse_filter_families_cpu_s": TARGET_SECONDS,
            "speedup": TARGET_SPEEDUP,
            "peak_mb": TARGET_MB,
            "met_time": met["time"],
            "met_memory": met["memory"],
            "met_speedup": met["speedup"],
        },
    }
    failed = [k for k in ("parse", "parse_filter_families") if "error" in results.get(k, {})]
    if args.json:
        print(json.dumps(summary, indent=2))
        return 1 if failed else 0

    print(f"playlist: {summary['playlist']['path']}, {size_mb:.1f} MB, "
          + (", ".join(f"{k} {v:,}" for k, v in counts.items()) or "as given"))
    print(f"{'measurement':<24}{'entries':>9}{'wall s':>9}{'cpu s':>8}{'cpu med':>9}{'entries/s':>12}"
          f"{'peak MB':>9}{'runs':>6}")
    for kind in kinds:
        r = results[kind]
        if "error" in r:
            print(f"{LABELS[kind]:<24} error: {r['error']}")
            continue
        print(
            f"{LABELS[kind]:<24}{r['entries']:>9}{r['wall_s']:>9.3f}{r['cpu_s']:>8.3f}{r['cpu_median_s']:>9.3f}"
            f"{r['entries_per_s']:>12,.0f}{r['peak_mb']:>9.0f}{r['runs']:>6}"
        )
    print("(wall and cpu: best of the runs; cpu med: median; entries/s on the best cpu time)")
    if speedup_cpu is not None:
        print(f"speed-up of parse+filter+families over m3u-parser's parse alone: {speedup_cpu:.1f}x (cpu), "
              f"{speedup_wall or 0:.1f}x (wall)")
    print(f"target parse+filter+families < {TARGET_SECONDS} s cpu: {_verdict(met['time'])}"
          + (f" ({float(pff['cpu_s']):.3f} s)" if "cpu_s" in pff else ""))
    print(f"target peak memory < {TARGET_MB:.0f} MB: {_verdict(met['memory'])}"
          + (f" ({float(pff['peak_mb']):.0f} MB)" if "peak_mb" in pff else ""))
    print(f"target >= {TARGET_SPEEDUP:.0f}x faster than m3u-parser: {_verdict(met['speedup'])}"
          + (f" ({speedup_cpu:.1f}x)" if speedup_cpu is not None else " (m3u-parser not run)"))
    # A miss is reported, not fatal: on a loaded shared machine a target can miss for reasons
    # outside the code. Only a crash of our own parser fails the make target.
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
