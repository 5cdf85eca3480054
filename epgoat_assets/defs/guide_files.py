"""The guide files of a date x playlist: the XMLTV guide, checked, and the M3U copy carrying its ids.

Written in the step that matched the channels (`defs/matching.py`), from the guide built there, and
staged for `published_guide` with what it gates on. No asset is defined here: the specs and the
writers are shared by that step.
"""

import dataclasses
import json
import tempfile
from pathlib import Path

import dagster as dg

from epgoat_assets.defs.staging import (
    GUIDE_CHECKS,
    GUIDE_M3U,
    GUIDE_M3U_EVENTS,
    GUIDE_XML,
    HEADER,
    read_staged,
    staging_key,
)
from epgoat_assets.lib.guide.blocks import Guide
from epgoat_assets.lib.guide.checks import coverage_gaps, overlaps
from epgoat_assets.lib.guide.m3u_writer import write_m3u
from epgoat_assets.lib.guide.xmltv import validate_xmltv, write_xmltv
from epgoat_assets.lib.models import MatchResult
from epgoat_assets.lib.playlists.providers import PlaylistKey, ProviderConfig
from epgoat_resources.object_store import ObjectStoreResource

EPG_XML = "epg_xml"
REWRITTEN_M3U = "rewritten_m3u"
DTD_VALID = "xmltv_dtd_valid"
COVERS_WINDOW = "channels_cover_window"
NO_OVERLAPS = "no_overlapping_programmes"
MATCH_RATE_FLOOR = "match_rate_floor"  # evaluated on channel_event_matches; gates publishing too


def guide_file_specs(matches_key: str) -> list[dg.AssetSpec]:
    """The two guide files, downstream of the matches they are built from."""
    return [
        dg.AssetSpec(EPG_XML, deps=[matches_key], group_name="publish", kinds={"python", "xml"},
                     description="The XMLTV guide for the playlist and day: pre-game, game, post-game and "
                                 "filler blocks."),
        # Skippable: a failed blocking check on the guide leaves the M3U copy unwritten, as it
        # leaves published_guide unrun.
        dg.AssetSpec(REWRITTEN_M3U, deps=[EPG_XML], group_name="publish", kinds={"python", "m3u"}, skippable=True,
                     description="The provider's live entries with tvg-id set to the guide's channel ids and "
                                 "url-tvg in the header."),
    ]


GUIDE_CHECK_SPECS = [
    dg.AssetCheckSpec(DTD_VALID, asset=EPG_XML, blocking=True, description="Valid against the XMLTV DTD."),
    dg.AssetCheckSpec(COVERS_WINDOW, asset=EPG_XML, blocking=True,
                      description="Every channel has programmes covering the whole guide window."),
    dg.AssetCheckSpec(NO_OVERLAPS, asset=EPG_XML, blocking=True, description="No channel has overlapping programmes."),
]


def published_keys(playlist_key: str) -> dict[str, str]:
    """Stable object keys: `{provider}.xml` for packs, `users/{name}.xml` for BYO playlists."""
    key = PlaylistKey.parse(playlist_key)
    base = key.name if key.is_provider else f"users/{key.name}"
    return {"xml": f"{base}.xml", "xml_gz": f"{base}.xml.gz", "m3u": f"{base}.m3u",
            "events_m3u": f"{base}.events.m3u"}


def _guide_url(object_store: ObjectStoreResource, key: str) -> str:
    url = object_store.url_for(key)
    if url:
        return url
    root = getattr(object_store, "root", None)
    return (Path(root) / key).resolve().as_uri() if root else ""


def write_epg_xml(object_store: ObjectStoreResource, playlist_key: str, day_s: str, guide: Guide,
                  coverage: dict[str, float | int], floor_passed: bool) -> dg.MaterializeResult:
    """Writes and checks the XMLTV guide; what published_guide gates on is staged beside it."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "guide.xml.gz"
        stats = write_xmltv(path, guide, gzip=True)
        errors = validate_xmltv(path)
        object_store.put_bytes(staging_key(playlist_key, day_s, GUIDE_XML), path.read_bytes(), "application/gzip")
    gaps = coverage_gaps(guide)
    overlapping = overlaps(guide)
    # What published_guide gates on, also when it runs in a later run than this one.
    gate = {DTD_VALID: not errors, COVERS_WINDOW: not gaps, NO_OVERLAPS: not overlapping, MATCH_RATE_FLOOR: floor_passed}
    object_store.put_bytes(staging_key(playlist_key, day_s, GUIDE_CHECKS), json.dumps(gate, sort_keys=True).encode(),
                           "application/json")
    matched = sum(1 for p in guide.programmes if p.kind == "game")
    return dg.MaterializeResult(
        asset_key=EPG_XML,
        metadata={
            "channels": stats.channels,
            "programmes": stats.programmes,
            "game_blocks": matched,
            "guide_coverage": dg.MetadataValue.float(float(coverage["guide_coverage"])),
            "guide_from_name": coverage["from_name"],
            "bytes_gzip": stats.bytes,
            "window": f"{guide.window_start.isoformat() if guide.window_start else ''} .. "
                      f"{guide.window_end.isoformat() if guide.window_end else ''}",
        },
        check_results=[
            dg.AssetCheckResult(asset_key=EPG_XML, check_name=DTD_VALID, passed=not errors, metadata={"errors": len(errors),
                                "first_errors": "\n".join(errors[:5])}),
            dg.AssetCheckResult(asset_key=EPG_XML, check_name=COVERS_WINDOW, passed=not gaps,
                                metadata={"channels_with_gaps": len(gaps), "examples": ", ".join(gaps[:5])}),
            dg.AssetCheckResult(asset_key=EPG_XML, check_name=NO_OVERLAPS, passed=not overlapping,
                                metadata={"channels_with_overlaps": len(overlapping), "examples": ", ".join(overlapping[:5])}),
        ],
    )


def write_rewritten_m3u(object_store: ObjectStoreResource, playlist_key: str, day_s: str, settings: ProviderConfig,
                        results: list[MatchResult], ids: dict[int, str]) -> dg.MaterializeResult:
    """Writes the M3U copy in the provider's scope, and the events-only copy beside it."""
    header = json.loads(read_staged(object_store, playlist_key, day_s, HEADER))
    guide_url = _guide_url(object_store, published_keys(playlist_key)["xml"])
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "playlist.m3u"
        stats = write_m3u(path, header, results, channel_ids=ids, guide_url=guide_url, scope=settings.m3u_scope)
        object_store.put_bytes(staging_key(playlist_key, day_s, GUIDE_M3U), path.read_bytes(), "audio/x-mpegurl")
        # The events-only copy stays available next to the full one, whatever the provider's scope.
        events_path = Path(tmp) / "events.m3u"
        events_stats = write_m3u(events_path, header, results, channel_ids=ids, guide_url=guide_url, scope="events")
        object_store.put_bytes(staging_key(playlist_key, day_s, GUIDE_M3U_EVENTS), events_path.read_bytes(),
                               "audio/x-mpegurl")
    kept = stats.entries - stats.with_guide_id
    return dg.MaterializeResult(asset_key=REWRITTEN_M3U, metadata={
        **dataclasses.asdict(stats), "url_tvg": guide_url, "scope": settings.m3u_scope,
        "events_only_entries": events_stats.entries,
        "own_tvg_id_share": dg.MetadataValue.float(round(stats.kept_own_id / kept, 4) if kept else 1.0),
    })
