"""Provider playlists and their classified channels, per date x playlist partition."""


import gzip
import hashlib
import json
from datetime import date

import dagster as dg

from epgoat_assets.defs.partitions import date_x_playlist, split_key
from epgoat_assets.defs.staging import CHANNELS, HEADER, RAW_PLAYLIST, read_staged, staging_key
from epgoat_assets.lib import pipeline
from epgoat_assets.lib.playlists.families import DiscoveredFamily
from epgoat_assets.lib.playlists.m3u import M3UFormatError, survey_m3u
from epgoat_assets.lib.playlists.netguard import UnsafeURLError, guarded_fetch
from epgoat_assets.lib.playlists.providers import PlaylistKey
from epgoat_assets.lib.playlists.registry import UnknownPlaylistError, playlist_settings
from epgoat_assets.lib.serialize import STAGING_GZIP_LEVEL, channel_to_dict, dump_jsonl_gz
from epgoat_assets.lib.warehouse import store
from epgoat_resources.object_store import ObjectStoreResource
from epgoat_resources.warehouse import WarehouseResource


def _read_source(source: str, *, byo: bool) -> bytes:
    if source.startswith(("http://", "https://")):
        # BYO URLs come from users: every hop is checked against private and metadata addresses.
        return guarded_fetch(source) if byo else guarded_fetch(source, allow_private=True)
    with open(source, "rb") as fh:
        return fh.read()


@dg.asset(
    partitions_def=date_x_playlist,
    group_name="playlists",
    kinds={"python", "m3u"},
    pool="warehouse",
    retry_policy=dg.RetryPolicy(max_retries=2, delay=15, backoff=dg.Backoff.EXPONENTIAL),
    description="The provider's raw M3U playlist for the day, surveyed once for its statistics (entries, skips, repairs).",
)
def provider_playlists(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource, object_store: ObjectStoreResource
) -> dg.MaterializeResult:
    day, playlist_key = split_key(context)
    key = PlaylistKey.parse(playlist_key)
    with warehouse.session() as db:
        try:
            settings = playlist_settings(db, playlist_key)
        except UnknownPlaylistError as exc:
            # Retrying cannot make an unknown playlist known.
            raise dg.Failure(str(exc), allow_retries=False) from None
        if key.is_provider:
            store.upsert_provider(db, playlist_key, kind="provider", name=settings.name,
                                  source=settings.source_label(), timezone=settings.timezone)
    try:
        raw = _read_source(settings.playlist_source(), byo=key.is_byo)
    except FileNotFoundError:
        raise dg.Failure(f"{playlist_key}: playlist file not found: {settings.source_label()}",
                         allow_retries=False) from None
    except UnsafeURLError as exc:
        # Refused addresses stay refused; network failures (timeouts, 5xx) are worth a retry.
        if str(exc).startswith("refused URL"):
            raise dg.Failure(f"{playlist_key}: {exc}", allow_retries=False) from None
        raise
    try:
        # Read for its statistics only: filtered_channels parses it for its entries.
        survey = survey_m3u(raw)
    except M3UFormatError as exc:
        # The parser only saw bytes; name the playlist the operator knows.
        detail = str(exc).removeprefix("<bytes>: ")
        raise dg.Failure(f"{playlist_key} ({settings.source_label()}): {detail}", allow_retries=False) from None
    survey.stats.log_skips(playlist_key)
    payload = raw if raw[:2] == b"\x1f\x8b" else gzip.compress(raw, compresslevel=STAGING_GZIP_LEVEL, mtime=0)
    object_store.put_bytes(staging_key(playlist_key, day, RAW_PLAYLIST), payload, "application/gzip")
    object_store.put_bytes(staging_key(playlist_key, day, HEADER), json.dumps(survey.header).encode(), "application/json")
    sha256 = hashlib.sha256(raw).hexdigest()
    return dg.MaterializeResult(
        metadata={
            "entries": survey.entries,
            "bytes": len(raw),
            "sha256": sha256,
            "parse_stats": dg.MetadataValue.json(survey.stats.as_metadata()),
            "source": settings.source_label(),
        },
        data_version=dg.DataVersion(sha256[:16]),
    )


@dg.asset(
    partitions_def=date_x_playlist,
    deps=[provider_playlists],
    group_name="playlists",
    kinds={"python"},
    pool="warehouse",
    description="Every entry classified: VOD dropped (with the rule), event-channel families and slots recognised.",
)
def filtered_channels(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource, object_store: ObjectStoreResource
) -> dg.MaterializeResult:
    day, playlist_key = split_key(context)
    with warehouse.session() as db:
        settings = playlist_settings(db, playlist_key)
        raw = read_staged(object_store, playlist_key, day, RAW_PLAYLIST)
        known = [DiscoveredFamily(**f) for f in store.approved_families(db, playlist_key)]
        # Only live entries are staged: those a URL rule drops are settled while the playlist is read.
        run = pipeline.classify_playlist(raw, settings, known_families=known,
                                         extra_vod_rules=store.vod_rule_records(db, playlist_key), divert_vod=True)
        cls = run.classified
        object_store.put_bytes(
            staging_key(playlist_key, day, CHANNELS),
            dump_jsonl_gz(channel_to_dict(c) for c in cls.channels if c.filtered_by is None),
            "application/gzip",
        )
        if cls.discovered:
            store.save_provider_patterns(db, playlist_key, [d.as_record() for d in cls.discovered])
        store.save_daily_stats(db, date.fromisoformat(day), playlist_key, {
            "entries": cls.entries, "vod_filtered": cls.filtered, "live": cls.kept,
            "event_channels": cls.event_channels, "placeholders": cls.placeholders,
        })
    meta = cls.as_metadata()
    return dg.MaterializeResult(
        metadata={
            "entries": meta["entries"],
            "kept": meta["kept"],
            "filtered": meta["filtered"],
            "filtered_share": meta["filtered_share"],
            "event_channels": meta["event_channels"],
            "placeholders": meta["placeholders"],
            "counts_by_rule": dg.MetadataValue.md(pipeline.markdown_table(
                sorted(cls.counts_by_rule.items(), key=lambda kv: -kv[1]), ["rule", "entries"])),
            "families": dg.MetadataValue.md(pipeline.markdown_table(
                sorted(cls.families.items(), key=lambda kv: -kv[1]), ["family", "channels"])),
            "discovered_families": dg.MetadataValue.json(meta["discovered_families"]),
        }
    )

