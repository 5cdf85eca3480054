"""Structural checks of a built guide, run before anything is published."""

from __future__ import annotations

from collections import defaultdict

from epgoat_assets.lib.guide.blocks import Guide
from epgoat_assets.lib.models import Programme


def _by_channel(guide: Guide) -> dict[str, list[Programme]]:
    rows: dict[str, list[Programme]] = defaultdict(list)
    for p in guide.programmes:
        rows[p.channel_id].append(p)
    for lst in rows.values():
        lst.sort(key=lambda p: p.start)
    return rows


def overlaps(guide: Guide) -> list[str]:
    """Channel ids with two programmes that overlap in time."""
    bad = []
    for cid, progs in _by_channel(guide).items():
        if any(b.start < a.stop for a, b in zip(progs, progs[1:], strict=False)):
            bad.append(cid)
    return sorted(bad)


def coverage_gaps(guide: Guide) -> list[str]:
    """Channel ids whose programmes leave part of the guide window empty."""
    rows = _by_channel(guide)
    bad = []
    for ch in guide.channels:
        progs = rows.get(ch.channel_id, [])
        if not progs:
            bad.append(ch.channel_id)
            continue
        cursor = guide.window_start
        for p in progs:
            if cursor is not None and p.start > cursor:
                bad.append(ch.channel_id)
                break
            cursor = max(cursor, p.stop) if cursor is not None else p.stop
        else:
            if guide.window_end is not None and cursor is not None and cursor < guide.window_end:
                bad.append(ch.channel_id)
    return sorted(set(bad))
