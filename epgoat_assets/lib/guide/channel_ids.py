"""Stable guide ids for playlist channels, derived from the stream URL instead of the channel name.

Providers rotate event names on the same stream ("NBA 01: Lakers vs Celtics" today, "NBA 01: Off
Air" tomorrow) and re-issue credentials, so a player's channel->guide mapping only survives when the
id comes from the part of the URL that names the stream. Ids match the pattern `tv_validate_file`
accepts (`^[-a-zA-Z0-9]+(\\.[-a-zA-Z0-9]+)+$`), so they are also safe in M3U attributes and file names.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from urllib.parse import urlsplit

_XTREAM_KINDS = ("live", "movie", "series", "timeshift")
# `/live/user/pass/12345.ts`, `/movie/user/pass/12345.mkv`; the kind prefix is optional on many panels
# (`/user/pass/12345`), and the extension varies (.ts, .m3u8, none).
_XTREAM = re.compile(
    r"^/(?:(?P<kind>" + "|".join(_XTREAM_KINDS) + r")/)?[^/]+/[^/]+/(?P<sid>\d{1,12})(?:\.[A-Za-z0-9]{1,5})?/?$"
)
_ID_PART = re.compile(r"[^a-z0-9-]+")
_PLAIN_URL = re.compile(r"https?://([^/?#]*)([^?#]*)")


class ChannelIdError(ValueError):
    """A provider key or URL from which no guide id can be derived."""


def _provider_part(provider: str) -> str:
    part = _ID_PART.sub("-", provider.strip().lower()).strip("-")
    if not part:
        raise ChannelIdError(f"provider key {provider!r} has no letters or digits to build a channel id from")
    return part


def _split(url: str) -> tuple[str, str]:
    """(host, path) of a stream URL with credentials, port, query, fragment and pipe headers dropped."""
    raw = url.strip().split("|", 1)[0]  # Kodi-style `url|User-Agent=...` headers are not part of the stream
    if raw.isascii() and raw.isprintable() and "[" not in raw:
        plain = _PLAIN_URL.match(raw)
        if plain is not None:
            # The usual `http://user@host:port/path?query` read as urlsplit reads it, in one regex
            # match: tens of thousands of stream URLs per playlist made urlsplit a third of the
            # guide's time.
            return plain[1].rpartition("@")[2].partition(":")[0].lower(), plain[2]
    parts = urlsplit(raw)
    host = (parts.hostname or "").lower()
    return host, parts.path


def _short_hash(text: str, length: int = 10) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:length]


def stream_key(url: str) -> str:
    """The stable part of a stream URL: Xtream stream id, else host and path (never credentials)."""
    return _stream_key(url, *_split(url))


def _stream_key(url: str, host: str, path: str) -> str:
    m = _XTREAM.match(path)
    if m:
        kind = m.group("kind") or "live"
        return f"{kind}:{int(m.group('sid'))}"
    if not host and not path:
        raise ChannelIdError(f"stream URL {url[:80]!r} has no host or path to build a channel id from")
    return f"url:{host}{path}"


def channel_id(provider: str, url: str) -> str:
    """Deterministic guide id for one stream: `demo.12345` for Xtream live streams, else a short hash.

    Credentials, ports, query tokens and pipe headers never influence the id, so re-issued logins and
    rotated tokens keep the player's mapping. Non-live Xtream kinds keep their kind (`demo.movie-7`)
    so a movie and a live stream with the same number never share an id.
    """
    return _channel_id(_provider_part(provider), stream_key(url))


def _channel_id(prov: str, key: str) -> str:
    kind, _, rest = key.partition(":")
    if kind == "live":
        return f"{prov}.{rest}"
    if kind in _XTREAM_KINDS:
        return f"{prov}.{kind}-{rest}"
    return f"{prov}.u-{_short_hash(rest)}"


def assign_channel_ids(provider: str, urls: Iterable[str]) -> dict[str, str]:
    """Ids for many URLs; different hosts that reuse one Xtream number get a host suffix.

    Two panels of one provider can hand out the same stream number for different streams; the
    first-seen host keeps the short id so adding a backup host never renames existing channels.
    """
    out: dict[str, str] = {}
    owner: dict[str, str] = {}  # id -> host that claimed it
    prov = _provider_part(provider)
    for url in urls:
        if url in out:
            continue
        host, path = _split(url)
        cid = _channel_id(prov, _stream_key(url, host, path))
        claimed = owner.setdefault(cid, host)
        if claimed != host and not cid.split(".", 1)[1].startswith("u-"):
            cid = f"{cid}.h{_short_hash(host, 6)}"
            owner.setdefault(cid, host)
        out[url] = cid
    return out
