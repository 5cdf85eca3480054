#!/usr/bin/env python3
"""How well the Claude fallback's answer verification separates right picks from wrong ones.

No API is called: the verification is what stands between any answer and the guide, so it is
measured against the labelled dev playlists with scripted answers:

- right: the labelled event (kind=event) -> should be accepted
- wrong-same-league: the same-league event of the window nearest in kick-off -> should be rejected
- decoy-halfpair: the event of the window that best resembles either side -> should be rejected
- decoy-foreign: the same as above (its league is not in the events) -> should be rejected

It also prints the cached prompt size per day against Haiku 4.5's 4096-token cache floor.

    .venv/bin/python bench/bench_llm_verify.py [--dev DIR] [--events DIR]
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from epgoat_assets.lib.matching.llm import (  # noqa: E402
    ANSWER_TOOL,
    Answer,
    build_system,
    cache_floor,
    side_score,
    sides_of,
    sorted_events,
    verify,
)
from epgoat_assets.lib.matching.names import parse_channel_name  # noqa: E402
from epgoat_assets.lib.models import ChannelInfo, Event, PlaylistEntry  # noqa: E402
from epgoat_assets.lib.sports.events import load_events  # noqa: E402

SHARED = Path("/work/shared/bench")


def nearest_same_league(truth: Event, window: list[Event]) -> Event | None:
    others = [e for e in window if e.league == truth.league and e.event_id != truth.event_id
              and e.start_utc is not None and truth.start_utc is not None]
    return min(others, key=lambda e: abs((e.start_utc - truth.start_utc).total_seconds()), default=None)


def most_resembling(sides: list[str], window: list[Event]) -> Event | None:
    def score(e: Event) -> float:
        return max((side_score(s, t) for s in sides for t in (e.home, e.away)), default=0.0)
    return max(window, key=score, default=None)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dev", type=Path, default=SHARED / "dev")
    ap.add_argument("--events", type=Path, default=SHARED / "events")
    args = ap.parse_args()

    tally: dict[str, Counter[str]] = {k: Counter() for k in ("right", "wrong-same-league", "decoy-halfpair",
                                                             "decoy-foreign")}
    misses: list[str] = []
    t0 = time.perf_counter()
    checks = 0
    for labels in sorted(args.dev.glob("*.labels.csv")):
        day = date.fromisoformat(labels.name[:10])
        window = load_events(args.events, days=[day + timedelta(days=k) for k in (-1, 0, 1)])
        by_id = {e.event_id: e for e in window}
        day_events = sorted_events(e for e in window if e.start_utc and e.start_utc.date() == day)
        prefix = (len(str(ANSWER_TOOL)) + len(build_system(day_events)[0]["text"])) // 4
        print(f"{labels.name[:13]}: {len(day_events)} events of the day, cached prefix ~{prefix} tokens "
              f"(Haiku 4.5 caches from {cache_floor('claude-haiku-4-5')}); window of 3 days: {len(window)} events")
        with labels.open(newline="", encoding="utf-8") as f:
            rows = [r for r in csv.DictReader(f) if r["kind"] in ("event", "decoy")]
        for i, row in enumerate(rows):
            name = row["name"]
            parsed = parse_channel_name(name, on_date=day)
            ch = ChannelInfo(entry=PlaylistEntry(index=i, line_no=i + 1, name=name, url=row["url"]),
                             family=parsed.family or "event", slot=parsed.slot)
            sides = sides_of(ch, parsed)
            cases: list[tuple[str, Event | None, bool]] = []
            if row["kind"] == "event":
                truth = by_id.get(row["event_id"])
                if truth is None:
                    continue
                cases.append(("right", truth, True))
                cases.append(("wrong-same-league", nearest_same_league(truth, window), False))
            elif row["style"] in ("decoy-halfpair", "decoy-foreign"):
                cases.append((row["style"], most_resembling(sides, window), False))
            for kind, pick, should_accept in cases:
                if pick is None:
                    continue
                checks += 1
                verdict = verify(Answer(event_id=pick.event_id, confidence=0.9, reason=""), ch, parsed,
                                 [pick], window)
                tally[kind][verdict.kind] += 1
                if verdict.ok != should_accept:
                    misses.append(f"  {kind:18} {verdict.kind:15} {name!r} -> {pick.display_title} | {verdict.detail}")
    elapsed = time.perf_counter() - t0

    print()
    for kind, c in tally.items():
        total = sum(c.values())
        ok = c["accepted"] if kind == "right" else total - c["accepted"]
        print(f"{kind:18} {ok}/{total} as intended   {dict(c)}")
    print(f"\n{checks} verifications in {elapsed:.2f}s (including parsing and event loading)")
    if misses:
        print("\nnot as intended:")
        print("\n".join(misses))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
