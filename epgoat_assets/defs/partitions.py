"""Partitions: events by day; playlist assets by date x playlist.

Dagster allows two dimensions in a multi-partition, so provider packs and BYO playlists share one
dynamic `playlist` dimension with namespaced keys (`prov-<name>`, `user-<name>`).
"""

from __future__ import annotations

from datetime import date

import dagster as dg

from epgoat_assets.lib.config import ConfigError, StrictModel, config_dir, load_yaml_model
from epgoat_assets.lib.playlists.providers import validate_playlist_key


class PartitionsConfig(StrictModel):
    """`config/partitions.yaml`: where the date partitions begin."""

    start_date: date


def load_partitions_config() -> PartitionsConfig:
    path = config_dir() / "partitions.yaml"
    try:
        return load_yaml_model(path, PartitionsConfig)
    except ConfigError:
        raise
    except ValueError as exc:
        # PyYAML itself builds dates and raises a bare ValueError for an impossible one (2025-13-45).
        raise ConfigError(f"{path}: start_date: {exc}") from exc


# The first day epgoat keeps history for; backfills reach back to here.
START_DATE = load_partitions_config().start_date.isoformat()

event_days = dg.DailyPartitionsDefinition(start_date=START_DATE, end_offset=7)
playlists = dg.DynamicPartitionsDefinition(name="playlists")
date_x_playlist = dg.MultiPartitionsDefinition({"date": dg.DailyPartitionsDefinition(start_date=START_DATE, end_offset=1),
                                                "playlist": playlists})


def add_playlist_keys(instance: dg.DagsterInstance, keys: list[str]) -> list[str]:
    """Validate and register playlist keys that the instance does not have yet; returns the new ones."""
    for key in keys:
        validate_playlist_key(key)
    existing = set(instance.get_dynamic_partitions(playlists.name))
    new = [k for k in keys if k not in existing]
    if new:
        instance.add_dynamic_partitions(playlists.name, new)
    return new


def split_key(context: dg.AssetExecutionContext) -> tuple[str, str]:
    """(date, playlist) of a date x playlist run (dimension names sort `date` first)."""
    key = context.partition_key
    if isinstance(key, dg.MultiPartitionKey):
        dims = key.keys_by_dimension
        return dims["date"], dims["playlist"]
    day, playlist = str(key).split("|", 1)
    return day, playlist
