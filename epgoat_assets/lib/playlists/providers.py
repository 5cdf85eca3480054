"""Provider packs from `config/providers.yaml`, and the playlist keys used as partition keys."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, field_validator

from epgoat_assets.lib.config import PROJECT_ROOT, StrictModel, config_dir, load_yaml_model
from epgoat_assets.lib.models import ChannelInfo

# Dagster does not validate dynamic partition keys, and a bad key ("a|b") only fails later inside
# the multi-partition key, so every key is checked here before it is added.
PLAYLIST_KEY = re.compile(r"^(prov|user)-[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$")
NAME = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$")


class InvalidKeyError(ValueError):
    """A provider, user or playlist name that is not safe to use in keys and paths."""


def validate_name(name: str, what: str = "name") -> str:
    if not NAME.fullmatch(name or ""):  # fullmatch: `$` alone accepts a trailing newline
        raise InvalidKeyError(
            f"invalid {what} {name!r}: use 1-48 lower-case letters, digits and inner dashes"
        )
    return name


def provider_playlist_key(provider: str) -> str:
    return f"prov-{validate_name(provider, 'provider name')}"


def byo_playlist_key(name: str) -> str:
    return f"user-{validate_name(name, 'playlist name')}"


def validate_playlist_key(key: str) -> str:
    if not PLAYLIST_KEY.fullmatch(key or ""):
        raise InvalidKeyError(f"invalid playlist key {key!r}: expected prov-<name> or user-<name>")
    return key


@dataclass(frozen=True)
class PlaylistKey:
    """A parsed playlist key: `prov-<provider>` (a configured pack) or `user-<name>` (a BYO playlist).

    The one reader of the key grammar; everything that branches on the kind asks this object.
    """

    kind: Literal["prov", "user"]
    name: str

    @classmethod
    def parse(cls, key: str) -> PlaylistKey:
        kind, name = validate_playlist_key(key).split("-", 1)
        return cls("prov" if kind == "prov" else "user", name)

    @classmethod
    def try_parse(cls, key: str) -> PlaylistKey | None:
        """The parsed key, or None for a key that breaks the grammar (e.g. one added by hand in the UI)."""
        try:
            return cls.parse(key)
        except InvalidKeyError:
            return None

    @property
    def is_provider(self) -> bool:
        return self.kind == "prov"

    @property
    def is_byo(self) -> bool:
        return self.kind == "user"

    def __str__(self) -> str:
        return f"{self.kind}-{self.name}"


class ProviderConfig(StrictModel):
    key: str
    name: str
    playlist: str
    # The zone of the provider's dates and of clock times its names write without one; `auto`:
    # read off each playlist (`list_zone.infer_list_zone`), as a new user's playlist is.
    timezone: str = "America/New_York"
    # Another zone whose calendar day the list may follow (set when an `auto` zone is read off a
    # playlist that does not settle it): a dateless game is then only taken when both days agree.
    other_day_zone: str | None = None
    date_order: Literal["mdy", "dmy", "auto"] = "mdy"
    match_rate_floor: float = Field(default=0.9, ge=0.0, le=1.0)
    # Matches below this confidence are not emitted (the channel stays unmatched, reason low_confidence).
    min_confidence: float = Field(default=0.6, ge=0.0, le=1.0)
    emoji_titles: bool = False
    m3u_scope: Literal["live", "events"] = "live"
    # Days of guide from the partition date: players read 24-48 h ahead, so the date and the next day.
    guide_window_days: int = Field(default=2, ge=1, le=7)
    # Zone of `start:`/`stop:` stamps in names: hours east of UTC (0 = UTC, 1) or an IANA zone
    # (`Europe/London` for providers writing UK time). `learn_stamp_offset` lets the provider's
    # matched channels overrule it on a day they clearly agree on another whole-hour offset.
    stamp_utc_offset: float | str = 0.0
    learn_stamp_offset: bool = True

    @field_validator("key")
    @classmethod
    def _key(cls, v: str) -> str:
        return validate_name(v, "provider key")

    @field_validator("other_day_zone")
    @classmethod
    def _other_tz(cls, v: str | None) -> str | None:
        return None if v is None else cls._tz(v)

    @field_validator("timezone")
    @classmethod
    def _tz(cls, v: str) -> str:
        if v == "auto":
            return v
        try:
            ZoneInfo(v)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {v!r}") from exc
        return v

    @field_validator("stamp_utc_offset")
    @classmethod
    def _stamp_zone(cls, v: float | str) -> float | str:
        if isinstance(v, str):
            try:
                return float(v)
            except ValueError:
                pass
            try:
                ZoneInfo(v)
            except (ZoneInfoNotFoundError, ValueError) as exc:
                raise ValueError(f"stamp_utc_offset {v!r}: use hours (0, 1, -5) or an IANA zone") from exc
        elif not -14 <= v <= 14:
            raise ValueError(f"stamp_utc_offset {v} is not between -14 and 14 hours")
        return v

    @property
    def playlist_key(self) -> str:
        return provider_playlist_key(self.key)

    def source_label(self) -> str:
        """The source without credentials (Xtream URLs carry them), for logs and metadata."""
        if self.playlist.startswith(("http://", "https://")):
            from epgoat_assets.lib.playlists.netguard import safe_url_label

            return safe_url_label(self.playlist)
        return self.playlist

    def playlist_source(self) -> str:
        """An http(s) URL as is; a relative path resolved against the project root."""
        if self.playlist.startswith(("http://", "https://")):
            return self.playlist
        p = Path(self.playlist)
        return str(p if p.is_absolute() else PROJECT_ROOT / p)


class ProvidersFile(StrictModel):
    providers: list[ProviderConfig] = Field(default_factory=list)

    @field_validator("providers")
    @classmethod
    def _unique(cls, v: list[ProviderConfig]) -> list[ProviderConfig]:
        seen: set[str] = set()
        for p in v:
            if p.key in seen:
                raise ValueError(f"duplicate provider key {p.key!r}")
            seen.add(p.key)
        return v


def load_providers(path: str | Path | None = None) -> dict[str, ProviderConfig]:
    cfg = load_yaml_model(path or config_dir() / "providers.yaml", ProvidersFile)
    return {p.key: p for p in cfg.providers}


def byo_provider(name: str, url: str, timezone: str = "auto") -> ProviderConfig:
    """Settings for a user's own playlist (BYO): defaults, with the user's source."""
    return ProviderConfig(key=name, name=f"BYO {name}", playlist=url, timezone=timezone, date_order="auto",
                          match_rate_floor=0.0, emoji_titles=False, m3u_scope="live")


def settle_timezone(provider: ProviderConfig, channels: Sequence[ChannelInfo]) -> ProviderConfig:
    """The provider with a concrete zone: an `auto` zone is read off this playlist."""
    if provider.timezone != "auto":
        return provider
    from epgoat_assets.lib.playlists.list_zone import infer_list_zone

    zone, other = infer_list_zone(channels)
    return provider.model_copy(update={"timezone": zone, "other_day_zone": other})
