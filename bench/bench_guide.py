"""Benchmark: build and write a large provider guide (XMLTV plain + gzip, M3U copy).

Shape: 40,000 kept live entries (what ~10% of a 400K-entry playlist leaves after VOD filtering), of
which 4,000 are event-family slots and 2,500 carry a matched game. Targets (2-core CI box):
build_guide < 5 s, write_xmltv (gzip) < 10 s, write_m3u < 3 s. Exits non-zero when a target is missed.
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from epgoat_assets.lib.guide.blocks import build_guide
from epgoat_assets.lib.guide.m3u_writer import write_m3u
from epgoat_assets.lib.guide.xmltv import validate_xmltv, write_xmltv
from epgoat_assets.lib.models import ChannelInfo, Event, MatchResult, PlaylistEntry
from epgoat_assets.lib.sports.settings import load_sports_config

LIVE, EVENT_SLOTS, MATCHED = 40_000, 4_000, 2_500
TARGETS = {"build_guide": 5.0, "write_xmltv_gz": 10.0, "write_m3u": 3.0}
SPORTS = [("Basketball", "NBA"), ("Ice Hockey", "NHL"), ("American Football", "NFL"), ("Soccer", "Serie A")]


def make_results() -> list[MatchResult]:
    base = datetime(2025, 11, 23, 12, tzinfo=UTC)
    out: list[MatchResult] = []
    for i in range(LIVE):
        url = f"http://line.example-iptv.net:8080/live/u10/20251122/{200000 + i}.ts"
        if i < EVENT_SLOTS:
            family = SPORTS[i % 4][1]
            name = f"{family} {i % 100:02d}: Home {i} vs Away {i} 7:00 PM ET"
            attrs = {"tvg-id": "", "tvg-name": name, "tvg-logo": f"http://logos.example/{i}.png",
                     "group-title": f"{family} Events"}
            entry = PlaylistEntry(index=i, line_no=2 * i + 2, name=name, url=url, attrs=attrs)
            ch = ChannelInfo(entry=entry, family=family, slot=i % 100)
            if i < MATCHED:
                sport, league = SPORTS[i % 4]
                ev = Event(event_id=str(i), sport=sport, league=league, home=f"Home {i}", away=f"Away {i}",
                           start_utc=base + timedelta(minutes=15 * (i % 48)))
                out.append(MatchResult(channel=ch, status="matched", event=ev))
            else:
                out.append(MatchResult(channel=ch, status="unmatched"))
        else:
            name = f"US| Channel {i} HD"
            attrs = {"tvg-id": f"ch{i}.us", "tvg-name": name, "group-title": "US| ENTERTAINMENT"}
            entry = PlaylistEntry(index=i, line_no=2 * i + 2, name=name, url=url, attrs=attrs)
            out.append(MatchResult(channel=ChannelInfo(entry=entry), status="unmatched"))
    return out


def main() -> int:
    results = make_results()
    timings: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        guide = build_guide(results, provider="demo", on_date=date(2025, 11, 23), tz="America/New_York",
                            sports_cfg=load_sports_config(), emoji_titles=True)
        timings["build_guide"] = time.perf_counter() - t
        t = time.perf_counter()
        plain = write_xmltv(Path(tmp) / "guide.xml", guide)
        timings["write_xmltv"] = time.perf_counter() - t
        t = time.perf_counter()
        gz = write_xmltv(Path(tmp) / "guide.xml.gz", guide)
        timings["write_xmltv_gz"] = time.perf_counter() - t
        t = time.perf_counter()
        m3u = write_m3u(Path(tmp) / "playlist.m3u", {}, results, channel_ids=guide.channel_ids(),
                        guide_url="https://epg.example.org/demo/guide.xml.gz", scope="live")
        timings["write_m3u"] = time.perf_counter() - t
        t = time.perf_counter()
        errors = validate_xmltv(Path(tmp) / "guide.xml.gz")
        timings["validate_dtd"] = time.perf_counter() - t
    print(f"channels={plain.channels} programmes={plain.programmes} xml={plain.bytes / 1e6:.1f} MB "
          f"gz={gz.bytes / 1e6:.1f} MB m3u={m3u.bytes / 1e6:.1f} MB dtd_errors={len(errors)}")
    for name, secs in timings.items():
        target = TARGETS.get(name)
        print(f"{name:16s} {secs:7.2f} s" + (f"  (target < {target:.0f} s)" if target else ""))
    missed = [n for n, limit in TARGETS.items() if timings[n] > limit]
    if errors or missed:
        print(f"FAILED: {'DTD errors' if errors else ''} {' '.join(missed)}".strip())
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
