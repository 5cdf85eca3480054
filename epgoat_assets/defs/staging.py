"""Where the date x playlist assets hand data to each other: keys in the object store.

The assets keep no IO manager (multi-partitions with a dynamic dimension are fragile there); they
write compact JSON-lines files under `staging/` through the object-store resource, so the same runs
work on a laptop folder and on R2 across machines.
"""

from __future__ import annotations

import dagster as dg

from epgoat_assets.lib.playlists.providers import validate_playlist_key
from epgoat_resources.object_store import ObjectNotFoundError, ObjectStoreResource


def staging_key(playlist_key: str, day: str, name: str) -> str:
    validate_playlist_key(playlist_key)
    return f"staging/{playlist_key}/{day}/{name}"


RAW_PLAYLIST = "playlist.m3u.gz"
CHANNELS = "channels.jsonl.gz"
GUIDE_XML = "guide.xml.gz"
GUIDE_M3U = "playlist-tvg.m3u"
HEADER = "header.json"
GUIDE_M3U_EVENTS = "playlist-tvg-events.m3u"
GUIDE_CHECKS = "guide_checks.json"

# Which asset writes each staged file, so a missing one names what to materialise first.
WRITTEN_BY = {RAW_PLAYLIST: "provider_playlists", HEADER: "provider_playlists", CHANNELS: "filtered_channels",
              GUIDE_XML: "epg_xml", GUIDE_CHECKS: "epg_xml",
              GUIDE_M3U: "rewritten_m3u", GUIDE_M3U_EVENTS: "rewritten_m3u"}


def read_staged(object_store: ObjectStoreResource, playlist_key: str, day: str, name: str) -> bytes:
    """A staged file of this partition; a missing one fails the step at once, without retries.

    Retrying cannot produce an upstream output, so the failure is one line naming the asset and the
    partition to materialise first.
    """
    try:
        return object_store.read_bytes(staging_key(playlist_key, day, name))
    except ObjectNotFoundError:
        upstream = WRITTEN_BY.get(name, "the upstream asset")
        raise dg.Failure(f"missing upstream: materialise {upstream} for partition {day}|{playlist_key} first",
                         allow_retries=False) from None
