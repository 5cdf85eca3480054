#!/usr/bin/env python3
"""Match quality on the HELD-OUT playlists (bench/heldout, made by bench/make_heldout.py).

Runs the real CLI path, `epgoat match --playlist X --events /work/shared/bench/events --date D
--tz Z --date-order O --out Y`, with each playlist's provider settings from manifest.json, then
scores like /work/shared/bench/score_matches.py (kind=event must carry its event_id; every other
kind must stay unmatched) and prints recall/precision per style and pooled, plus every miss and
false match with the matcher's reason.

    .venv/bin/python bench/bench_heldout.py [--dir bench/heldout] [--quiet] [--subprocess]

In-process by default (one interpreter start-up); `--subprocess` calls .venv/bin/epgoat per file.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HELDOUT = ROOT / "bench" / "heldout"
EVENTS = Path("/work/shared/bench/events")


@dataclass
class Score:
    tp: int = 0
    wrong: int = 0
    fn: int = 0
    fp: int = 0
    by_style: dict[str, list[int]] = field(default_factory=dict)  # style -> [ok, n, false]
    event_styles: set[str] = field(default_factory=set)
    problems: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        n = self.tp + self.wrong + self.fn
        return self.tp / n if n else 0.0

    @property
    def precision(self) -> float:
        n = self.tp + self.wrong + self.fp
        return self.tp / n if n else 1.0


def run_match(playlist: Path, opts: dict[str, str], out: Path, *, use_subprocess: bool) -> None:
    argv = ["match", "--playlist", str(playlist), "--events", str(EVENTS), "--date", opts["date"],
            "--out", str(out)]
    # A set without provider settings runs on the CLI's defaults, as a new user would.
    for flag, key in (("--tz", "tz"), ("--date-order", "date_order")):
        if key in opts:
            argv += [flag, opts[key]]
    if use_subprocess:
        subprocess.run([str(ROOT / ".venv" / "bin" / "epgoat"), *argv], check=True,
                       capture_output=True, text=True)
        return
    from epgoat_assets import cli

    with contextlib.redirect_stdout(io.StringIO()):
        rc = cli.main(argv)
    if rc != 0:
        raise RuntimeError(f"epgoat match failed on {playlist.name} (exit {rc})")


def score(labels_path: Path, matches_path: Path, sc: Score) -> None:
    labels = list(csv.DictReader(labels_path.open(encoding="utf-8")))
    preds = {r["url"]: r for r in csv.DictReader(matches_path.open(encoding="utf-8"))}
    base = labels_path.name.split(".")[0]
    for lab in labels:
        p = preds[lab["url"]]
        got = p["event_id"] if p["status"] == "matched" and p["event_id"] else ""
        st = sc.by_style.setdefault(lab["style"], [0, 0, 0])
        st[1] += 1
        if lab["kind"] == "event":
            sc.event_styles.add(lab["style"])
            if got == lab["event_id"]:
                sc.tp += 1
                st[0] += 1
            elif got:
                sc.wrong += 1
                st[2] += 1
                sc.problems.append(f"WRONG {base} {lab['name']!r} -> {got} {p['event_title']!r} "
                                   f"want {lab['event_id']} [{p['handler']} {p['confidence']}]")
            else:
                sc.fn += 1
                sc.problems.append(f"MISS  {base} {lab['name']!r} want {lab['event_id']} "
                                   f"[{p['status']} fam={p['family']} {p['reason']}]")
        elif got:
            sc.fp += 1
            st[2] += 1
            sc.problems.append(f"FALSE {base} {lab['kind']}/{lab['style']} {lab['name']!r} -> "
                               f"{got} {p['event_title']!r} [{p['handler']} {p['confidence']}]")
        else:
            st[0] += 1


def evaluate(folder: Path = HELDOUT, *, use_subprocess: bool = False) -> Score:
    if (folder / "manifest.json").exists():
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    else:  # playlists named <YYYY-MM-DD>-<anything>.m3u, each beside its labels
        manifest = {p.name.removesuffix(".labels.csv"): {"date": p.name[:10]}
                    for p in folder.glob("*.labels.csv")}
    sc = Score()
    with tempfile.TemporaryDirectory() as tmp:
        for key, opts in sorted(manifest.items()):
            out = Path(tmp) / f"{key}.csv"
            run_match(folder / f"{key}.m3u", opts, out, use_subprocess=use_subprocess)
            score(folder / f"{key}.labels.csv", out, sc)
    return sc


def report(sc: Score, *, quiet: bool = False) -> None:
    """Every miss and false match (unless quiet), one line per naming style, then the pooled score."""
    if not quiet:
        for p in sc.problems:
            print(p)
    for style, (ok, n, false) in sorted(sc.by_style.items()):
        what = "recall" if style in sc.event_styles else "kept unmatched"
        print(f"  {style:<28} {ok:>3}/{n:<3} {what}" + (f"  FALSE/WRONG {false}" if false else ""))
    print(f"event channels: {sc.tp + sc.wrong + sc.fn}  correct: {sc.tp}  wrong event: {sc.wrong}  "
          f"missed: {sc.fn}  non-event matched: {sc.fp}")
    print(f"recall={sc.recall:.4f} precision={sc.precision:.4f}")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", type=Path, default=HELDOUT)
    ap.add_argument("--quiet", action="store_true")
    ap.add_argument("--subprocess", action="store_true")
    args = ap.parse_args()
    report(evaluate(args.dir, use_subprocess=args.subprocess), quiet=args.quiet)
    return 0


if __name__ == "__main__":
    sys.exit(main())
