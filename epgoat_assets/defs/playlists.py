"""A date x playlist's playlist and its classified channels, read and classified in one step.

`provider_playlists` is the raw playlist of the day (staged as served, with its statistics);
`filtered_channels` is every entry classified. One step, not two: the playlist is parsed once, with
the VOD the leading URL rules drop settled while it is read, instead of parsed for its statistics,
staged, read back and parsed again.
"""


import gzip
import hashlib
import json
from collections.abc import Iterator
from datetime import date

import dagster as dg

from epgoat_assets.defs.partitions import date_x_playlist, split_key
from epgoat_assets.defs.staging import CHANNELS, HEADER, RAW_PLAYLIST, staging_key
from epgoat_assets.lib import pipeline
from epgoat_assets.lib.config import ConfigError
from epgoat_assets.lib.playlists.families import DiscoveredFamily
from epgoat_assets.lib.playlists.m3u import M3UFormatError, PlaylistSurvey, survey_m3u
from epgoat_assets.lib.playlists.netguard import UnsafeURLError, guarded_fetch
from epgoat_assets.lib.playlists.providers import PlaylistKey, ProviderConfig
from epgoat_assets.lib.playlists.registry import UnknownPlaylistError, playlist_settings
from epgoat_assets.lib.serialize import STAGING_GZIP_LEVEL, channel_to_dict, dump_jsonl_gz
from epgoat_assets.lib.warehouse import store
from epgoat_resources.object_store import ObjectStoreResource
from epgoat_resources.warehouse import WarehouseResource

PROVIDER_PLAYLISTS = "provider_playlists"
FILTERED_CHANNELS = "filtered_channels"


def _read_source(source: str, *, byo: bool) -> bytes:
    if source.startswith(("http://", "https://")):
        # BYO URLs come from users: every hop is checked against private and metadata addresses.
        return guarded_fetch(source) if byo else guarded_fetch(source, allow_private=True)
    with open(source, "rb") as fh:
        return fh.read()


def _fetch(settings: ProviderConfig, playlist_key: str, key: PlaylistKey) -> bytes:
    """The playlist's bytes; what no retry can change fails the step at once, in one line."""
    try:
        return _read_source(settings.playlist_source(), byo=key.is_byo)
    except FileNotFoundError:
        raise dg.Failure(f"{playlist_key}: playlist file not found: {settings.source_label()}",
                         allow_retries=False) from None
    except UnsafeURLError as exc:
        # Refused addresses stay refused; network failures (timeouts, 5xx) are worth a retry.
        if str(exc).startswith("refused URL"):
            raise dg.Failure(f"{playlist_key}: {exc}", allow_retries=False) from None
        raise


def _not_a_playlist(exc: M3UFormatError, playlist_key: str, settings: ProviderConfig) -> dg.Failure:
    # The parser only saw bytes; name the playlist the operator knows.
    detail = str(exc).removeprefix("<bytes>: ")
    return dg.Failure(f"{playlist_key} ({settings.source_label()}): {detail}", allow_retries=False)


@dg.multi_asset(
    name="playlist_and_channels",
    specs=[
        dg.AssetSpec(PROVIDER_PLAYLISTS, group_name="playlists", kinds={"python", "m3u"},
                     description="The provider's raw M3U playlist for the day, staged as served, with its "
                                 "statistics (entries, skips, repairs)."),
        # Skippable: a broken VOD rule fails the step after the playlist is recorded.
        dg.AssetSpec(FILTERED_CHANNELS, deps=[PROVIDER_PLAYLISTS], group_name="playlists", kinds={"python"},
                     skippable=True,
                     description="Every entry classified: VOD dropped (with the rule), event-channel families "
                                 "and slots recognised."),
    ],
    partitions_def=date_x_playlist,
    pool="warehouse",
    # For the fetch: network failures are worth a retry; everything permanent fails at once.
    retry_policy=dg.RetryPolicy(max_retries=2, delay=15, backoff=dg.Backoff.EXPONENTIAL),
    description="Reads the day's playlist (a file or URL), records it, and classifies every entry.",
)
def playlist_and_channels(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource, object_store: ObjectStoreResource
) -> Iterator[dg.MaterializeResult]:
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
        operator_rules = store.vod_rule_records(db, playlist_key)
        known = [DiscoveredFamily(**f) for f in store.approved_families(db, playlist_key)]
    # No warehouse connection while the playlist is fetched: a slow provider must not keep the
    # embedded DuckDB file from the sensors and the other processes meanwhile.
    raw = _fetch(settings, playlist_key, key)
    try:
        # Only live entries become records: those a leading URL rule drops are settled as read.
        parsed, rules = pipeline.read_playlist(raw, settings, extra_vod_rules=operator_rules, divert_vod=True)
    except ConfigError as exc:
        # A broken VOD rule is a deploy to fix, not a playlist to give up on: the playlist is
        # recorded, and the step fails on the classification, without retries.
        try:
            survey = survey_m3u(raw)
        except M3UFormatError as bad:
            raise _not_a_playlist(bad, playlist_key, settings) from None
        yield _playlist_result(object_store, playlist_key, day, raw, survey, settings)
        raise dg.Failure(f"{playlist_key}: cannot classify the playlist: {exc}", allow_retries=False) from None
    except M3UFormatError as exc:
        raise _not_a_playlist(exc, playlist_key, settings) from None
    yield _playlist_result(object_store, playlist_key, day, raw, parsed.survey(), settings)

    cls = pipeline.classify_parsed(parsed, settings, rules, known_families=known).classified
    object_store.put_bytes(
        staging_key(playlist_key, day, CHANNELS),
        dump_jsonl_gz(channel_to_dict(c) for c in cls.channels if c.filtered_by is None),
        "application/gzip",
    )
    with warehouse.session() as db:
        if cls.discovered:
            store.save_provider_patterns(db, playlist_key, [d.as_record() for d in cls.discovered])
        store.save_daily_stats(db, date.fromisoformat(day), playlist_key, {
            "entries": cls.entries, "vod_filtered": cls.filtered, "live": cls.kept,
            "event_channels": cls.event_channels, "placeholders": cls.placeholders,
        })
    meta = cls.as_metadata()
    yield dg.MaterializeResult(
        asset_key=FILTERED_CHANNELS,
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


def _playlist_result(object_store: ObjectStoreResource, playlist_key: str, day: str, raw: bytes,
                     survey: PlaylistSurvey, settings: ProviderConfig) -> dg.MaterializeResult:
    """Stages the playlist as served (and its header, for the M3U copy) and reports it."""
    survey.stats.log_skips(playlist_key)
    payload = raw if raw[:2] == b"\x1f\x8b" else gzip.compress(raw, compresslevel=STAGING_GZIP_LEVEL, mtime=0)
    object_store.put_bytes(staging_key(playlist_key, day, RAW_PLAYLIST), payload, "application/gzip")
    object_store.put_bytes(staging_key(playlist_key, day, HEADER), json.dumps(survey.header).encode(), "application/json")
    sha256 = hashlib.sha256(raw).hexdigest()
    return dg.MaterializeResult(
        asset_key=PROVIDER_PLAYLISTS,
        metadata={
            "entries": survey.entries,
            "bytes": len(raw),
            "sha256": sha256,
            "parse_stats": dg.MetadataValue.json(survey.stats.as_metadata()),
            "source": settings.source_label(),
        },
        data_version=dg.DataVersion(sha256[:16]),
    )
