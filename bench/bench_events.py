#!/usr/bin/env python3
"""Speed of event loading, merging and cached refreshes.

    .venv/bin/python bench/bench_events.py [--events DIR] [--repeat N]

1. `load_events` over a folder of TheSportsDB-shaped day files (default: the shared bench events).
2. `merge_events` of every event against an "ESPN" copy of itself (shifted 10 minutes, names kept),
   which is the worst case: every event finds its partner.
3. `TheSportsDBClient.events_day` against a local HTTP server: the first (network) request and a
   cached refresh of the same day, from an on-disk hishel cache.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from epgoat_assets.lib.sports.events import load_events_batch  # noqa: E402
from epgoat_assets.lib.sports.merge import merge_events  # noqa: E402
from epgoat_resources.sports_data import TheSportsDBClient  # noqa: E402

DEFAULT_EVENTS = Path("/work/shared/bench/events")


def timed(fn, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--events", type=Path, default=DEFAULT_EVENTS
                    if DEFAULT_EVENTS.is_dir() else ROOT / "epgoat_assets" / "data" / "snapshot")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    files = sorted(args.events.glob("*.json"))
    size = sum(f.stat().st_size for f in files)
    secs, batch = timed(lambda: load_events_batch(args.events), args.repeat)
    n = len(batch.events)
    print(f"load_events: {n} events from {len(files)} files ({size / 1e6:.1f} MB) in {secs * 1000:.0f} ms "
          f"= {n / secs:,.0f} events/s; skipped {batch.skipped_total}")

    espn = [replace(e, event_id=f"e{e.event_id}", espn_id=f"e{e.event_id}", source="espn",
                    start_utc=e.start_utc + timedelta(minutes=10) if e.start_utc else None)
            for e in batch.events]
    secs, merged = timed(lambda: merge_events(batch.events, espn), args.repeat)
    paired = sum(e.espn_id is not None for e in merged)
    print(f"merge_events: {n} + {n} events in {secs * 1000:.0f} ms; {paired} paired, {len(merged)} stored")

    from support.fake_sports_api import FakeSportsAPI, Reply

    biggest = max(files, key=lambda f: f.stat().st_size)
    payload = json.loads(biggest.read_text(encoding="utf-8"))
    with FakeSportsAPI() as api, tempfile.TemporaryDirectory() as cache:
        api.serve(api.tsdb_path("eventsday.php"), Reply(json=payload))
        with TheSportsDBClient(api.tsdb_base_url, "123", cache_dir=cache, rate_limit_per_second=0) as client:
            t0 = time.perf_counter()
            client.events_day(date(2025, 1, 1))
            first = time.perf_counter() - t0
            secs, _ = timed(lambda: client.events_day(date(2025, 1, 1)), max(args.repeat, 5))
        print(f"events_day ({len(payload['events'])} events, {biggest.stat().st_size / 1e3:.0f} kB): "
              f"network {first * 1000:.1f} ms, cached refresh {secs * 1000:.1f} ms, "
              f"requests seen by the server: {api.count()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
