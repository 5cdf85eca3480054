#!/usr/bin/env python3
"""Match quality and speed of the matcher on the labelled dev playlists.

Scores exactly like /work/shared/bench/score_matches.py (kind=event must match event_id; every other
kind must stay unmatched), then prints recall, precision, the handler mix, channels/s, a per-style
breakdown and every miss and false match with the matcher's reason and nearest candidates.

    .venv/bin/python bench/bench_matching.py [--dev DIR] [--events DIR] [--quiet] [--speed N]

Channels come from lib/m3u + lib/channels when they load; otherwise from a small local family regex
(bench only). Events come from lib/events.load_events.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import time
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from epgoat_assets.lib.matching.chain import Matcher  # noqa: E402
from epgoat_assets.lib.matching.teams import TeamResolver  # noqa: E402
from epgoat_assets.lib.models import ChannelInfo, Event, PlaylistEntry  # noqa: E402

SHARED = Path("/work/shared/bench")


def load_events_dir(folder: Path, day: date) -> list[Event]:
    from epgoat_assets.lib.sports.events import load_events

    days = [day + timedelta(days=k) for k in (-1, 0, 1)]
    return load_events(folder, days=days)


_SLOT = re.compile(r"^\s*(?:\(?[A-Z]{2,3}\)?\s*[|:]\s*)?(?P<fam>[^\W\d][\w+&' .-]*?)\s*(?:\|\s*)?"
                   r"(?P<slot>\d{1,4})(?:\s*[:|-]|\s*$)")
_EMPTY = re.compile(r"^\W*(no event.*|off air|coming soon|event starts soon|)\W*$", re.I)


def local_channels(path: Path) -> list[ChannelInfo]:
    """Fallback classifier: VOD by URL path, families by `<Family> <number>` names."""
    out: list[ChannelInfo] = []
    lines = path.read_text(encoding="utf-8").splitlines()
    idx = 0
    for i, line in enumerate(lines):
        if not line.startswith("#EXTINF") or i + 1 >= len(lines):
            continue
        name = line.split(",", 1)[1] if "," in line else ""
        url = lines[i + 1].strip()
        entry = PlaylistEntry(index=idx, line_no=i + 1, name=name, url=url)
        idx += 1
        if "/movie/" in url or "/series/" in url:
            out.append(ChannelInfo(entry, filtered_by="url_path"))
            continue
        m = _SLOT.match(name)
        if m and not re.search(r"\bS\d+E\d+\b", name):
            rest = name[m.end():]
            out.append(ChannelInfo(entry, family=m.group("fam").strip(), slot=int(m.group("slot")),
                                   placeholder=bool(_EMPTY.match(rest))))
        else:
            out.append(ChannelInfo(entry))
    return out


def project_channels(path: Path, provider: str) -> list[ChannelInfo] | None:
    try:
        from epgoat_assets.lib.playlists.channels import classify_channels
        from epgoat_assets.lib.playlists.families import load_family_config
        from epgoat_assets.lib.playlists.m3u import parse_m3u
        from epgoat_assets.lib.playlists.vod_filter import load_vod_rules

        pl = parse_m3u(path)
        return classify_channels(pl.entries, vod_rules=load_vod_rules(provider=provider),
                                 families=load_family_config(), provider=provider).channels
    except Exception as exc:  # noqa: BLE001 - the bench must run while the others' code lands
        print(f"(lib/channels unavailable: {type(exc).__name__}: {exc}; using local regex)")
        return None


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dev", type=Path, default=SHARED / "dev")
    ap.add_argument("--events", type=Path, default=SHARED / "events")
    ap.add_argument("--quiet", action="store_true")
    ap.add_argument("--local-channels", action="store_true", help="skip lib/channels")
    ap.add_argument("--speed", type=int, default=5000, help="channels for the speed run (0: off)")
    args = ap.parse_args()

    resolver_base = TeamResolver.from_config()
    tp = wrong = fn = fp = 0
    styles: Counter[str] = Counter()
    styles_ok: Counter[str] = Counter()
    handlers: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    problems: list[str] = []
    n_channels = 0
    t_match = 0.0
    for labels_path in sorted(args.dev.glob("*.labels.csv")):
        base = labels_path.name[: -len(".labels.csv")]
        day = date.fromisoformat(base[:10])
        labels = {r["url"]: r for r in csv.DictReader(labels_path.open(encoding="utf-8"))}
        m3u = args.dev / f"{base}.m3u"
        chans = None if args.local_channels else project_channels(m3u, "demo")
        if chans is None:
            chans = local_channels(m3u)
        events = load_events_dir(args.events, day)
        resolver = TeamResolver.from_config()
        t0 = time.perf_counter()
        matcher = Matcher(events, resolver=resolver)
        results = matcher.match(chans, on_date=day, provider=base, default_tz="America/New_York",
                                date_order="mdy")
        t_match += time.perf_counter() - t0
        n_channels += len(chans)
        for r in results:
            lab = labels.get(r.entry.url)
            if lab is None:
                continue
            got = r.event.event_id if (r.status == "matched" and r.event) else None
            if got:
                handlers[r.handler or "?"] += 1
            if lab["kind"] == "event":
                styles[lab["style"]] += 1
                if got == lab["event_id"]:
                    tp += 1
                    styles_ok[lab["style"]] += 1
                elif got:
                    wrong += 1
                    problems.append(f"WRONG  {base} {lab['name']!r} -> {got} ({r.event.display_title})"
                                    f" want {lab['event_id']} [{r.handler} {r.confidence}]")
                else:
                    fn += 1
                    reasons[r.reason] += 1
                    cands = ", ".join(f"{c.event_id}:{c.score}:{c.why}" for c in r.candidates)
                    problems.append(f"MISS   {base} {lab['name']!r} want {lab['event_id']} "
                                    f"[{r.status} {r.reason}] {cands}")
            elif got:
                fp += 1
                problems.append(f"FALSE  {base} {lab['kind']}/{lab['style']} {lab['name']!r} -> "
                                f"{got} ({r.event.display_title}) [{r.handler} {r.confidence} "
                                f"{r.reason}]")
    _ = resolver_base
    n_event = tp + wrong + fn
    n_pred = tp + wrong + fp
    recall = tp / n_event if n_event else 0.0
    precision = tp / n_pred if n_pred else 0.0
    if not args.quiet:
        for p in problems:
            print(p)
    print(f"event channels: {n_event} correct: {tp} wrong: {wrong} missed: {fn} "
          f"false positives: {fp}")
    for st in sorted(styles):
        print(f"  style {st:<20} {styles_ok[st]}/{styles[st]}")
    print(f"handlers: {dict(handlers)}  miss reasons: {dict(reasons)}")
    print(f"match: {n_channels} channels in {t_match:.2f}s = {n_channels / t_match:.0f} channels/s")
    if args.speed:
        speed_run(args, args.speed)
    print(f"recall={recall:.4f} precision={precision:.4f}")
    return 0


def speed_run(args: argparse.Namespace, n: int) -> None:
    """n event channels built from real dev names against a day's events: the < 1 s target."""
    names: list[str] = []
    for labels_path in sorted(args.dev.glob("*.labels.csv")):
        for r in csv.DictReader(labels_path.open(encoding="utf-8")):
            if r["kind"] in ("event", "decoy", "placeholder"):
                names.append(r["name"])
    day = date(2025, 11, 23)
    events = load_events_dir(args.events, day)
    chans = []
    for i in range(n):
        name = names[i % len(names)]
        entry = PlaylistEntry(index=i, line_no=i, name=name, url=f"http://x/{i}")
        chans.append(ChannelInfo(entry, family="Speed", slot=i))
    resolver = TeamResolver.from_config()  # config loading is start-up, not matching
    t0 = time.perf_counter()
    Matcher(events, resolver=resolver).match(chans, on_date=day, provider="s")
    dt = time.perf_counter() - t0
    print(f"speed: {n} event channels x {len(events)} events in {dt:.2f}s (target < 1 s)")


if __name__ == "__main__":
    sys.exit(main())
