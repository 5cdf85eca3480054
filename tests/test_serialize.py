"""Staging between Dagster steps (`lib/serialize.py`) is transparent: what a step reads back is what
the step before it decided, field for field, so the matcher and the guide see the same channels
and events as the `epgoat match` command that does everything in one process.
"""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta
from pathlib import Path

import pytest

from epgoat_assets.lib import pipeline
from epgoat_assets.lib.models import ChannelInfo
from epgoat_assets.lib.playlists.providers import ProviderConfig
from epgoat_assets.lib.serialize import (
    channel_from_dict,
    channel_to_dict,
    dump_jsonl_gz,
    load_jsonl_gz,
)
from epgoat_assets.lib.sports.events import load_events

DATA = Path(__file__).parent / "data"
# Real name shapes, each copied from a real provider name (bench/realworld2/names.tsv, SHAPES.md):
# channels recognised by a family slot, by their content and by a bare fixture.
MIXED = Path(__file__).resolve().parents[1] / "bench" / "realworld2" / "2025-10-25-p2.m3u"
MIXED_DAY = date(2025, 10, 25)
EVENTS = Path("/work/shared/bench/events")
PROVIDER = ProviderConfig(key="p2", name="p2", playlist="-")


def _staged(records: list[dict]) -> list[dict]:
    return list(load_jsonl_gz(dump_jsonl_gz(records)))


def test_every_field_of_a_classified_channel_survives_staging() -> None:
    channels = pipeline.classify_playlist(MIXED, PROVIDER).classified.channels
    assert {c.recognised_by for c in channels} >= {"family", "content", "fixture"}
    back = [channel_from_dict(d) for d in _staged([channel_to_dict(c) for c in channels])]
    assert back == channels


def test_a_channel_staged_before_recognised_by_was_kept_reads_as_a_family_one() -> None:
    ch = next(c for c in pipeline.classify_playlist(MIXED, PROVIDER).classified.channels if c.recognised_by == "fixture")
    old = channel_to_dict(ch)
    del old["recognised_by"]
    assert channel_from_dict(old) == dataclasses.replace(ch, recognised_by="family")


@pytest.mark.skipif(not EVENTS.is_dir(), reason="shared bench events not mounted")
def test_matching_staged_channels_decides_as_matching_the_classified_ones() -> None:
    # Staged without how they were recognised, the bare fixtures were never matched and content
    # channels were allowed one-sided matches: Dagster decided otherwise than the command.
    events = load_events([EVENTS], days=[MIXED_DAY + timedelta(days=d) for d in (-1, 0, 1)])
    channels = pipeline.classify_playlist(MIXED, PROVIDER).classified.channels
    staged: list[ChannelInfo] = [channel_from_dict(d) for d in _staged([channel_to_dict(c) for c in channels])]
    direct = pipeline.match_channels(channels, events, on_date=MIXED_DAY, provider=PROVIDER)
    via_staging = pipeline.match_channels(staged, events, on_date=MIXED_DAY, provider=PROVIDER)
    assert any(r.status == "matched" and r.channel.recognised_by == "fixture" for r in direct)
    assert [(r.status, r.event.event_id if r.event else None) for r in via_staging] == [
        (r.status, r.event.event_id if r.event else None) for r in direct]
