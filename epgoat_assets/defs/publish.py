"""The guide files: XMLTV and the tvg-id M3U copy, checked, then published (R2 or a local folder).

Publishing is monotonic: every run archives its files under its date, but the stable keys players
fetch move only forward, to the newest date whose gating checks passed (the blocking XMLTV checks and
the provider's match-rate floor). A backfill of an older date, or a day below the floor, is archived
only, and the run's metadata says which (`outcome`: `published` or `archived only`).
"""


import dataclasses
import gzip
import json
import tempfile
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import dagster as dg

from epgoat_assets.defs.matching import channel_event_matches
from epgoat_assets.defs.partitions import date_x_playlist, split_key
from epgoat_assets.defs.staging import (
    GUIDE_CHECKS,
    GUIDE_M3U,
    GUIDE_M3U_EVENTS,
    GUIDE_XML,
    HEADER,
    RESULTS,
    read_staged,
    staging_key,
)
from epgoat_assets.lib import pipeline
from epgoat_assets.lib.guide.blocks import Guide, build_provider_guide, guide_context_window
from epgoat_assets.lib.guide.checks import coverage_gaps, overlaps
from epgoat_assets.lib.guide.from_name import guide_coverage
from epgoat_assets.lib.guide.m3u_writer import write_m3u
from epgoat_assets.lib.guide.xmltv import validate_xmltv, write_xmltv
from epgoat_assets.lib.models import MatchResult
from epgoat_assets.lib.playlists.providers import PlaylistKey, ProviderConfig
from epgoat_assets.lib.playlists.registry import playlist_settings
from epgoat_assets.lib.serialize import load_jsonl_gz, result_from_dict
from epgoat_assets.lib.sports.settings import load_sports_config
from epgoat_assets.lib.warehouse import store
from epgoat_resources.object_store import ObjectStoreError, ObjectStoreResource
from epgoat_resources.warehouse import WarehouseResource

DTD_VALID = "xmltv_dtd_valid"
COVERS_WINDOW = "channels_cover_window"
NO_OVERLAPS = "no_overlapping_programmes"
MATCH_RATE_FLOOR = "match_rate_floor"  # evaluated on channel_event_matches; gates publishing here
PUBLISHED = "published"
ARCHIVED_ONLY = "archived only"


def published_keys(playlist_key: str) -> dict[str, str]:
    """Stable object keys: `{provider}.xml` for packs, `users/{name}.xml` for BYO playlists."""
    key = PlaylistKey.parse(playlist_key)
    base = key.name if key.is_provider else f"users/{key.name}"
    return {"xml": f"{base}.xml", "xml_gz": f"{base}.xml.gz", "m3u": f"{base}.m3u",
            "events_m3u": f"{base}.events.m3u"}


def _staged_results(object_store: ObjectStoreResource, playlist_key: str, day_s: str) -> list[MatchResult]:
    """The match decisions `channel_event_matches` staged for this partition."""
    data = read_staged(object_store, playlist_key, day_s, RESULTS)
    return [result_from_dict(d) for d in load_jsonl_gz(data)]


def match_rate_floor_passed(results: list[MatchResult], floor: float) -> bool:
    """The same rule as the `match_rate_floor` check: no event channels, or a rate at the floor."""
    return pipeline.meets_floor(pipeline.summarise(results), floor)


def _guide_url(object_store: ObjectStoreResource, key: str) -> str:
    url = object_store.url_for(key)
    if url:
        return url
    root = getattr(object_store, "root", None)
    return (Path(root) / key).resolve().as_uri() if root else ""


EPG_XML = "epg_xml"
REWRITTEN_M3U = "rewritten_m3u"


@dg.multi_asset(
    name="guide_files",
    specs=[
        dg.AssetSpec(EPG_XML, deps=[channel_event_matches], group_name="publish", kinds={"python", "xml"},
                     description="The XMLTV guide for the playlist and day: pre-game, game, post-game and "
                                 "filler blocks."),
        # Skippable: a failed blocking check on the guide leaves the M3U copy unwritten, as it
        # leaves published_guide unrun.
        dg.AssetSpec(REWRITTEN_M3U, deps=[EPG_XML], group_name="publish", kinds={"python", "m3u"}, skippable=True,
                     description="The provider's live entries with tvg-id set to the guide's channel ids and "
                                 "url-tvg in the header."),
    ],
    partitions_def=date_x_playlist,
    pool="warehouse",
    check_specs=[
        dg.AssetCheckSpec(DTD_VALID, asset=EPG_XML, blocking=True, description="Valid against the XMLTV DTD."),
        dg.AssetCheckSpec(COVERS_WINDOW, asset=EPG_XML, blocking=True,
                          description="Every channel has programmes covering the whole guide window."),
        dg.AssetCheckSpec(NO_OVERLAPS, asset=EPG_XML, blocking=True,
                          description="No channel has overlapping programmes."),
    ],
    # One step for both files: the M3U copy carries the guide's channel ids, and both read the same
    # staged decisions, so a second step would only decode them again (and cost Dagster a step).
    description="The guide files of a date x playlist: the XMLTV guide, then the M3U copy carrying its channel ids.",
)
def guide_files(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource, object_store: ObjectStoreResource
) -> Iterator[dg.MaterializeResult]:
    day_s, playlist_key = split_key(context)
    day = date.fromisoformat(day_s)
    with warehouse.session() as db:
        settings = playlist_settings(db, playlist_key)
        known_events = store.load_events(db, *guide_context_window(day))
    results = _staged_results(object_store, playlist_key, day_s)
    guide = build_provider_guide(results, provider=settings, on_date=day, sports_cfg=load_sports_config(),
                                 known_events=known_events)
    xml = _epg_xml(object_store, playlist_key, day_s, settings, results, guide)
    yield xml
    if any(not c.passed for c in xml.check_results):
        return
    yield _rewritten_m3u(object_store, playlist_key, day_s, settings, results, guide.channel_ids())


def _epg_xml(object_store: ObjectStoreResource, playlist_key: str, day_s: str, settings: ProviderConfig,
             results: list[MatchResult], guide: Guide) -> dg.MaterializeResult:
    """Writes and checks the XMLTV guide; what published_guide gates on is staged beside it."""
    coverage = guide_coverage(guide.sources, results)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "guide.xml.gz"
        stats = write_xmltv(path, guide, gzip=True)
        errors = validate_xmltv(path)
        object_store.put_bytes(staging_key(playlist_key, day_s, GUIDE_XML), path.read_bytes(), "application/gzip")
    gaps = coverage_gaps(guide)
    overlapping = overlaps(guide)
    # What published_guide gates on, also when it runs in a later run than this one.
    gate = {DTD_VALID: not errors, COVERS_WINDOW: not gaps, NO_OVERLAPS: not overlapping,
            MATCH_RATE_FLOOR: match_rate_floor_passed(results, settings.match_rate_floor)}
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
            dg.AssetCheckResult(check_name=DTD_VALID, passed=not errors, metadata={"errors": len(errors),
                                "first_errors": "\n".join(errors[:5])}),
            dg.AssetCheckResult(check_name=COVERS_WINDOW, passed=not gaps,
                                metadata={"channels_with_gaps": len(gaps), "examples": ", ".join(gaps[:5])}),
            dg.AssetCheckResult(check_name=NO_OVERLAPS, passed=not overlapping,
                                metadata={"channels_with_overlaps": len(overlapping), "examples": ", ".join(overlapping[:5])}),
        ],
    )


def _rewritten_m3u(object_store: ObjectStoreResource, playlist_key: str, day_s: str, settings: ProviderConfig,
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


@dg.asset(
    partitions_def=date_x_playlist,
    deps=[EPG_XML, REWRITTEN_M3U],
    group_name="publish",
    kinds={"python", "s3"},
    pool="warehouse",
    retry_policy=dg.RetryPolicy(max_retries=3, delay=10, backoff=dg.Backoff.EXPONENTIAL),
    description="Archives the guide and the M3U copies under their date; moves the stable keys forward only "
                "to the newest date whose checks passed (metadata `outcome`: published or archived only).",
)
def published_guide(context: dg.AssetExecutionContext, object_store: ObjectStoreResource,
                    warehouse: WarehouseResource) -> dg.MaterializeResult:
    day_s, playlist_key = split_key(context)
    keys = published_keys(playlist_key)
    day = date.fromisoformat(day_s)
    xml_gz = read_staged(object_store, playlist_key, day_s, GUIDE_XML)
    m3u = read_staged(object_store, playlist_key, day_s, GUIDE_M3U)
    events_m3u = read_staged(object_store, playlist_key, day_s, GUIDE_M3U_EVENTS)
    checks: dict[str, bool] = json.loads(read_staged(object_store, playlist_key, day_s, GUIDE_CHECKS))
    failed = sorted(name for name, ok in checks.items() if not ok)
    try:
        current = object_store.stable_date(keys["xml"])
        newest = current is None or day >= current
        promote = newest and not failed
        published = {}
        with tempfile.TemporaryDirectory() as tmp:
            for name, data, key, ctype in (
                ("guide.xml", gzip.decompress(xml_gz), keys["xml"], "application/xml; charset=utf-8"),
                ("guide.xml.gz", xml_gz, keys["xml_gz"], "application/gzip"),
                ("playlist.m3u", m3u, keys["m3u"], "audio/x-mpegurl; charset=utf-8"),
                ("events.m3u", events_m3u, keys["events_m3u"], "audio/x-mpegurl; charset=utf-8"),
            ):
                path = Path(tmp) / name
                path.write_bytes(data)
                published[name] = object_store.publish(path, key, ctype, on_date=day, promote=promote)
    except ObjectStoreError as exc:
        if exc.permanent:
            raise dg.Failure(str(exc), allow_retries=False) from None
        raise
    outcome = PUBLISHED if promote and all(p.promoted for p in published.values()) else ARCHIVED_ONLY
    if failed:
        why = f"checks failed: {', '.join(failed)}"
    elif not newest:
        why = f"the stable guide holds {current}, newer than {day_s}"
    else:
        why = "newest date with passing checks"
    context.log.info("%s %s: %s (%s)", playlist_key, day_s, outcome, why)
    url = published["guide.xml"].url
    store.audit(warehouse.database(), "dagster", "guide.publish", playlist_key,
                {"date": day_s, "outcome": outcome, "url": url, "failed_checks": ", ".join(failed), "why": why})
    return dg.MaterializeResult(metadata={
        "outcome": outcome,
        "why": why,
        "stable_guide_date": (day_s if outcome == PUBLISHED else (current.isoformat() if current else "")),
        "failed_checks": ", ".join(failed),
        **{f"url_{n.replace('.', '_')}": dg.MetadataValue.url(p.url) if p.url else "" for n, p in published.items()},
        **{f"bytes_{n.replace('.', '_')}": p.size for n, p in published.items()},
        "dated_keys": dg.MetadataValue.json([p.dated_key for p in published.values()]),
        "published_at": datetime.now().astimezone().isoformat(timespec="seconds"),
    })


class HousekeepingConfig(dg.Config):
    keep_days: int = 14


@dg.op(description="Removes dated guide copies older than the configured age; stable files are never removed.")
def remove_old_dated_guides(context: dg.OpExecutionContext, config: HousekeepingConfig,
                            object_store: ObjectStoreResource) -> list[str]:
    removed = object_store.cleanup(config.keep_days)
    context.log.info("removed %d dated copies older than %d days", len(removed), config.keep_days)
    return removed
