"""Where the date x playlist assets hand data to each other: keys in the object store.

The assets keep no IO manager (multi-partitions with a dynamic dimension are fragile there); they
write compact JSON-lines files under `staging/` through the object-store resource, so the same runs
work on a laptop folder and on R2 across machines.
"""

from __future__ import annotations

from epgoat_assets.lib.providers import validate_playlist_key


def staging_key(playlist_key: str, day: str, name: str) -> str:
    validate_playlist_key(playlist_key)
    return f"staging/{playlist_key}/{day}/{name}"


RAW_PLAYLIST = "playlist.m3u.gz"
CHANNELS = "channels.jsonl.gz"
RESULTS = "results.jsonl.gz"
GUIDE_XML = "guide.xml.gz"
GUIDE_M3U = "playlist-tvg.m3u"
HEADER = "header.json"
