"""Write the provider's playlist back out so players find epgoat's guide for its event channels.

Players join a playlist to a guide by `tvg-id`, and find guides through `url-tvg` / `x-tvg-url` in
the `#EXTM3U` header (a comma-separated list). The copy keeps every attribute and directive of the
provider's entries. Event channels get epgoat's channel ids; an ordinary live channel keeps its own
`tvg-id` (its real guide is in the provider's listed guides), and only one without an id gets
epgoat's (filler) id. The header lists epgoat's guide first, then every guide URL the playlist
already named, so linear channels keep their listings.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from epgoat_assets.lib.atomic import atomic_output
from epgoat_assets.lib.models import MatchResult, PlaylistEntry
from epgoat_assets.lib.text import single_spaced

M3uScope = Literal["live", "events"]
# Header keys players read guide URLs from; `url-tvg` is always written, the others when present.
GUIDE_URL_KEYS = ("url-tvg", "x-tvg-url", "tvg-url")


class M3uWriteError(ValueError):
    """Bad arguments for the M3U copy (unknown scope, unusable guide URL)."""


@dataclass(frozen=True, slots=True)
class M3uStats:
    entries: int  # entries written
    with_guide_id: int  # entries whose tvg-id now points at epgoat's guide
    bytes: int
    kept_own_id: int = 0  # ordinary channels that kept the provider's own tvg-id
    own_guide_urls: int = 0  # the playlist's own guide URLs kept in the header


def _attr_value(value: str) -> str:
    if '"' not in value and single_spaced(value):  # the usual value: nothing to rewrite
        return value
    # M3U has no escape for quotes inside a quoted value; a single quote reads the same to a viewer.
    return " ".join(value.replace('"', "'").split())


def _attrs(attrs: Mapping[str, str]) -> str:
    return "".join(f' {key}="{_attr_value(val)}"' for key, val in attrs.items() if key and " " not in key)


def _duration(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def own_guide_urls(header: Mapping[str, str] | None) -> list[str]:
    """The guide URLs the playlist's header names, in order, each once (`url-tvg`, `x-tvg-url`, ...)."""
    urls: list[str] = []
    for key in GUIDE_URL_KEYS:
        for url in (header or {}).get(key, "").split(","):
            url = url.strip()
            if url and url not in urls:
                urls.append(url)
    return urls


def header_line(header: Mapping[str, str] | None, guide_url: str, *, keep_own_guides: bool = True) -> str:
    attrs = dict(header or {})
    if guide_url:
        own = [u for u in own_guide_urls(header) if u != guide_url] if keep_own_guides else []
        urls = ",".join([guide_url, *own])
        attrs["url-tvg"] = urls
        for key in GUIDE_URL_KEYS[1:]:
            if key in attrs:
                attrs[key] = urls
    return "#EXTM3U" + _attrs(attrs)


def own_tvg_id(entry: PlaylistEntry) -> str:
    return entry.attrs.get("tvg-id", "").strip()


def guide_id_for(result: MatchResult, channel_ids: Mapping[int, str]) -> str | None:
    """The tvg-id to write, or None to keep the entry's own: event channels always take epgoat's id."""
    if not result.channel.is_event_channel and own_tvg_id(result.entry):
        return None
    return channel_ids.get(result.entry.index)


def entry_lines(entry: PlaylistEntry, tvg_id: str | None) -> list[str]:
    attrs = dict(entry.attrs)
    if tvg_id:
        if "tvg-id" in attrs:
            attrs["tvg-id"] = tvg_id
        else:
            attrs = {"tvg-id": tvg_id, **attrs}
    name = " ".join(entry.name.split())
    lines = [f"#EXTINF:{_duration(entry.duration)}{_attrs(attrs)},{name}"]
    lines.extend(d.rstrip("\r\n") for d in entry.directives)
    lines.append(entry.url.strip())
    return lines


def in_scope(result: MatchResult, scope: M3uScope) -> bool:
    if result.status == "filtered" or result.channel.filtered_by is not None:
        return False
    return scope == "live" or result.channel.is_event_channel


def write_m3u(
    path: str | Path,
    header: Mapping[str, str] | None,
    results: Iterable[MatchResult],
    *,
    channel_ids: Mapping[int, str],
    guide_url: str,
    scope: M3uScope = "live",
) -> M3uStats:
    """Write the playlist copy atomically.

    `header` is the parsed `#EXTM3U` attributes; `channel_ids` maps a playlist entry index to its
    guide channel id (`Guide.channel_ids()`); `scope` is `live` (every kept live entry) or `events`
    (event-family channels only, whose header names only epgoat's guide). Entries keep playlist order,
    attributes and directives; ordinary channels keep their own tvg-id.
    """
    if scope not in ("live", "events"):
        raise M3uWriteError(f"m3u scope must be 'live' or 'events', got {scope!r}")
    if any(c in guide_url for c in '"\r\n'):
        raise M3uWriteError("guide URL must not contain quotes or line breaks")
    path = Path(path)
    chosen = sorted((r for r in results if in_scope(r, scope)), key=lambda r: r.entry.index)
    with_id = kept_own = 0
    keep_guides = scope == "live"
    with atomic_output(path) as fh:
        chunk = [header_line(header, guide_url, keep_own_guides=keep_guides)]
        for r in chosen:
            cid = guide_id_for(r, channel_ids)
            with_id += cid is not None
            kept_own += cid is None and bool(own_tvg_id(r.entry))
            chunk.extend(entry_lines(r.entry, cid))
            if len(chunk) >= 8192:  # a few thousand entries per write, not one write per line
                chunk.append("")
                fh.write("\n".join(chunk).encode("utf-8"))
                chunk = []
        chunk.append("")
        fh.write("\n".join(chunk).encode("utf-8"))
    own_urls = len([u for u in own_guide_urls(header) if u != guide_url]) if keep_guides and guide_url else 0
    return M3uStats(entries=len(chosen), with_guide_id=with_id, bytes=path.stat().st_size, kept_own_id=kept_own,
                    own_guide_urls=own_urls)
