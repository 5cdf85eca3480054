"""Write the provider's playlist back out with `tvg-id`s that point at epgoat's guide.

Players join a playlist to a guide by `tvg-id`, and find the guide through `url-tvg` in the
`#EXTM3U` header, so the copy keeps every attribute and directive of the provider's entries and only
rewrites those two things.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from epgoat_assets.lib.atomic import atomic_output
from epgoat_assets.lib.models import MatchResult, PlaylistEntry

M3uScope = Literal["live", "events"]
# Header keys some players read instead of `url-tvg`; a provider's own guide URL under one of them
# would pull players back to the empty guide, so they are pointed at ours when present.
_GUIDE_URL_ALIASES = ("x-tvg-url", "tvg-url")


class M3uWriteError(ValueError):
    """Bad arguments for the M3U copy (unknown scope, unusable guide URL)."""


@dataclass(frozen=True, slots=True)
class M3uStats:
    entries: int  # entries written
    with_guide_id: int  # entries whose tvg-id now points at the guide
    bytes: int


def _attr_value(value: str) -> str:
    # M3U has no escape for quotes inside a quoted value; a single quote reads the same to a viewer.
    return " ".join(value.replace('"', "'").split())


def _attrs(attrs: Mapping[str, str]) -> str:
    return "".join(f' {key}="{_attr_value(val)}"' for key, val in attrs.items() if key and " " not in key)


def _duration(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def header_line(header: Mapping[str, str] | None, guide_url: str) -> str:
    attrs = dict(header or {})
    if guide_url:
        attrs["url-tvg"] = guide_url
        for key in _GUIDE_URL_ALIASES:
            if key in attrs:
                attrs[key] = guide_url
    return "#EXTM3U" + _attrs(attrs)


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
    (event-family channels only). Entries keep playlist order, attributes and directives.
    """
    if scope not in ("live", "events"):
        raise M3uWriteError(f"m3u scope must be 'live' or 'events', got {scope!r}")
    if any(c in guide_url for c in '"\r\n'):
        raise M3uWriteError("guide URL must not contain quotes or line breaks")
    path = Path(path)
    chosen = sorted((r for r in results if in_scope(r, scope)), key=lambda r: r.entry.index)
    with_id = 0
    with atomic_output(path) as fh:
        fh.write((header_line(header, guide_url) + "\n").encode("utf-8"))
        for r in chosen:
            cid = channel_ids.get(r.entry.index)
            with_id += cid is not None
            fh.write(("\n".join(entry_lines(r.entry, cid)) + "\n").encode("utf-8"))
    return M3uStats(entries=len(chosen), with_guide_id=with_id, bytes=path.stat().st_size)
