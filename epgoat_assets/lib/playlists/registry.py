"""Settings for a playlist key: provider packs from `config/`, BYO playlists from the warehouse."""

from __future__ import annotations

from epgoat_assets.lib.playlists.providers import PlaylistKey, ProviderConfig, byo_provider, load_providers
from epgoat_assets.lib.warehouse import store
from epgoat_assets.lib.warehouse.db import Database


class UnknownPlaylistError(ValueError):
    """A playlist key that names no configured provider and no active BYO playlist."""


def playlist_settings(db: Database | None, playlist_key: str) -> ProviderConfig:
    key = PlaylistKey.parse(playlist_key)
    if key.is_provider:
        providers = load_providers()
        if key.name not in providers:
            raise UnknownPlaylistError(f"no provider {key.name!r} in config/providers.yaml")
        return providers[key.name]
    if db is None:
        raise UnknownPlaylistError(f"BYO playlist {playlist_key} needs the warehouse")
    rows = [r for r in store.list_providers(db, kind="byo") if r["playlist_key"] == playlist_key]
    if not rows:
        raise UnknownPlaylistError(f"no active BYO playlist {playlist_key}")
    return byo_provider(key.name, rows[0]["playlist_source"], rows[0]["timezone"])


def active_playlist_keys(db: Database | None) -> list[str]:
    """Every playlist that should have partitions: configured providers plus active BYO playlists."""
    keys = [p.playlist_key for p in load_providers().values()]
    if db is not None:
        keys += [r["playlist_key"] for r in store.list_providers(db, kind="byo")]
    return sorted(set(keys))
