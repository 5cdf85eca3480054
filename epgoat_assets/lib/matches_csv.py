"""`matches.csv`: one row per playlist entry, in playlist order, with its decision and guide tier.

Rows are joined by hand rather than through `csv.writer` (a 369K-entry playlist is mostly VOD rows
that need no quoting), with RFC 4180 quoting wherever a field needs it. The VOD rows of entries
settled while the playlist was read (`m3u.Divert`) can also be written ahead, by another process,
into a rows file (`write_vod_rows`) that the final write splices in (`write_matches_csv(vod_rows=)`).
"""

from __future__ import annotations

import io
import mmap
import re
from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from epgoat_assets.lib.atomic import atomic_output
from epgoat_assets.lib.models import MatchResult
from epgoat_assets.lib.playlists.m3u import DivertedRow, extinf_identity

MATCHES_CSV_COLUMNS = (
    "url", "tvg_id", "name", "group", "status", "event_id", "league", "handler", "confidence",
    "family", "slot", "filtered_by", "reason", "event_title", "event_start_utc", "guide_source",
)
_FLUSH_LINES = 4096


class MatchesCsvError(ValueError):
    """Rows written ahead that do not belong to the decisions being written."""


def matches_csv(
    results: Sequence[MatchResult],
    channel_ids: Mapping[int, str] | None = None,
    guide_sources: Mapping[int, str] | None = None,
    diverted: Sequence[DivertedRow] = (),
) -> str:
    """`matches.csv` as text.

    `guide_sources`: entry index -> what the guide shows for an event channel (event | name | filler).
    `diverted`: entries settled as VOD while the playlist was read; each gets the row its
    decision would have given.
    """
    buf = io.StringIO()
    _write_matches(buf, results, channel_ids, guide_sources, diverted)
    return buf.getvalue()


@dataclass(frozen=True, slots=True)
class VodRows:
    """The CSV lines of a playlist's diverted entries, written ahead (`write_vod_rows`).

    `rows` holds the lines in playlist order; `cuts` holds, for every entry that was not diverted
    (in playlist order), its index and the byte offset in `rows` where its own line goes, then the
    length of `rows`.
    """

    rows: Path
    cuts: Path

    @classmethod
    def beside(cls, base: str | Path) -> VodRows:
        return cls(Path(f"{base}.rows"), Path(f"{base}.cuts"))


def write_vod_rows(target: VodRows, diverted: Sequence[DivertedRow], kept_indexes: Sequence[int]) -> None:
    """Write the lines of `diverted` and where the lines of the `kept_indexes` entries go."""
    cuts = array("q")
    offset = 0
    lines: list[str] = []
    append = lines.append
    kept = iter(kept_indexes)
    nxt = next(kept, -1)
    with open(target.rows, "wb") as fh:

        def flush() -> None:
            nonlocal offset
            data = "".join(lines).encode("utf-8")
            fh.write(data)
            offset += len(data)
            lines.clear()

        for index, text in _vod_lines(diverted):
            if 0 <= nxt < index:
                flush()
                while 0 <= nxt < index:
                    cuts.extend((nxt, offset))
                    nxt = next(kept, -1)
            append(text)
            if len(lines) >= _FLUSH_LINES:
                flush()
        flush()
    while nxt >= 0:
        cuts.extend((nxt, offset))
        nxt = next(kept, -1)
    cuts.append(offset)
    with open(target.cuts, "wb") as fh:
        cuts.tofile(fh)


def write_matches_csv(
    path: str | Path,
    results: Sequence[MatchResult],
    channel_ids: Mapping[int, str] | None = None,
    guide_sources: Mapping[int, str] | None = None,
    diverted: Sequence[DivertedRow] = (),
    *,
    vod_rows: VodRows | None = None,
) -> Path:
    """`matches_csv` streamed into `path` atomically: a 369K-entry playlist's CSV is never held
    in memory as one string.

    `vod_rows`: the diverted entries' lines written ahead, spliced in between the decisions'
    lines (instead of `diverted`). They must have been written for exactly these decisions.
    """
    with atomic_output(path) as raw:
        if vod_rows is None:
            fh = io.TextIOWrapper(raw, encoding="utf-8", newline="")
            _write_matches(fh, results, channel_ids, guide_sources, diverted)
            fh.flush()
            fh.detach()  # atomic_output syncs, closes and renames the file itself
        else:
            _splice_matches(raw, results, channel_ids or {}, guide_sources or {}, vod_rows)
    return Path(path)


def _splice_matches(
    raw: IO[bytes],
    results: Sequence[MatchResult],
    channel_ids: Mapping[int, str],
    guide_sources: Mapping[int, str],
    vod_rows: VodRows,
) -> None:
    cuts = array("q")
    with open(vod_rows.cuts, "rb") as fh:
        cuts.frombytes(fh.read())
    ordered = _ordered(results)
    if len(cuts) != 2 * len(ordered) + 1 or any(
            r.channel.entry.index != cuts[2 * k] for k, r in enumerate(ordered)):
        raise MatchesCsvError(f"{vod_rows.rows}: the VOD rows written ahead belong to another set of entries")
    row = _result_rows(channel_ids, guide_sources)
    raw.write(_csv_line(MATCHES_CSV_COLUMNS).encode("utf-8"))
    size = cuts[-1]
    with open(vod_rows.rows, "rb") as fh:
        if fh.seek(0, io.SEEK_END) != size:
            raise MatchesCsvError(f"{vod_rows.rows}: the VOD rows written ahead are incomplete")
        if size == 0:
            raw.write("".join(map(row, ordered)).encode("utf-8"))
            return
        with mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as mm, memoryview(mm) as view:
            done = 0
            lines: list[str] = []
            for k, r in enumerate(ordered):
                cut = cuts[2 * k + 1]
                if cut > done:
                    if lines:
                        raw.write("".join(lines).encode("utf-8"))
                        lines.clear()
                    raw.write(view[done:cut])
                    done = cut
                lines.append(row(r))
            if lines:
                raw.write("".join(lines).encode("utf-8"))
            raw.write(view[done:size])


_NEEDS_QUOTES = re.compile(r'[,"\r\n]')
_QUOTE_OR_BREAK = re.compile(r'["\r\n]')


def _csv_field(value: str) -> str:
    # RFC 4180 quoting; unlike csv.writer with a "\n" line end, a lone "\r" (left inside a name by
    # a Classic Mac line end) is quoted too, so a reader never takes it for the end of the row.
    return '"' + value.replace('"', '""') + '"' if _NEEDS_QUOTES.search(value) else value


def _csv_line(fields: Sequence[str]) -> str:
    return ",".join(map(_csv_field, fields)) + "\n"


def _unquoted(joined: str, separators: int) -> bool:
    """Fields joined with commas need no quoting: no field held a comma, a quote or a line break."""
    return joined.count(",") == separators and _QUOTE_OR_BREAK.search(joined) is None


def _filtered_tail(rule: str, reason: str) -> str:
    """What follows the first four fields in the row of a VOD entry (filtered, no family, id or tier)."""
    return _csv_line(("", "filtered", "", "", "", "", "", "", rule, reason, "", "", ""))


def _filtered_line(url: str, tvg_id: str, name: str, group: str, tail: str) -> str:
    head = f"{url},{tvg_id},{name},{group}"
    if not _unquoted(head, 3):
        head = ",".join(map(_csv_field, (url, tvg_id, name, group)))
    return head + tail


def _vod_lines(diverted: Iterable[DivertedRow]) -> Iterator[tuple[int, str]]:
    """(entry index, CSV line) of each diverted row: the line its decision would have given."""
    tails: dict[str, str] = {}
    identity = extinf_identity
    for index, url, line, rule in diverted:
        tail = tails.get(rule)
        if tail is None:
            tail = tails[rule] = _filtered_tail(rule, f"filtered:{rule}")
        tvg_id, name, group = identity(line)
        yield index, _filtered_line(url, tvg_id, name, group, tail)


def _ordered(results: Sequence[MatchResult]) -> Sequence[MatchResult]:
    indexes = [r.channel.entry.index for r in results]
    if all(a < b for a, b in zip(indexes, indexes[1:])):  # noqa: B905 - offset pairs
        return results
    return sorted(results, key=lambda r: r.entry.index)


def _write_matches(
    fh: IO[str],
    results: Sequence[MatchResult],
    channel_ids: Mapping[int, str] | None,
    guide_sources: Mapping[int, str] | None,
    diverted: Sequence[DivertedRow] = (),
) -> None:
    ordered = _ordered(results)
    lines: list[str] = [_csv_line(MATCHES_CSV_COLUMNS)]
    append = lines.append
    row = _result_rows(channel_ids or {}, guide_sources or {})
    pending = iter(ordered)
    nxt = next(pending, None)
    nxt_index = nxt.channel.entry.index if nxt is not None else -1
    # The decisions and the diverted rows (most of a provider's playlist), merged by entry index.
    for index, text in _vod_lines(diverted):
        while 0 <= nxt_index < index:
            append(row(nxt))
            nxt = next(pending, None)
            nxt_index = nxt.channel.entry.index if nxt is not None else -1
        append(text)
        if len(lines) >= _FLUSH_LINES:
            fh.write("".join(lines))
            lines.clear()
    while nxt is not None:
        append(row(nxt))
        if len(lines) >= _FLUSH_LINES:
            fh.write("".join(lines))
            lines.clear()
        nxt = next(pending, None)
    fh.write("".join(lines))


def _result_rows(channel_ids: Mapping[int, str], guide_sources: Mapping[int, str]) -> Callable[[MatchResult], str]:
    """The CSV line of one decision."""
    ids_get, sources_get = channel_ids.get, guide_sources.get
    n_commas = len(MATCHES_CSV_COLUMNS) - 1
    tails: dict[str, str] = {}

    def row(r: MatchResult) -> str:
        e, ch, ev = r.entry, r.channel, r.event
        if ev is None and r.status == "filtered" and ch.family is None and ch.slot is None:
            i = e.index
            if i not in channel_ids and i not in guide_sources:
                attrs = e.attrs
                tail = tails.get(r.reason)
                if tail is None:
                    tail = tails[r.reason] = _filtered_tail(ch.filtered_by or "", r.reason)
                return _filtered_line(e.url, attrs.get("tvg-id", ""), e.name, attrs.get("group-title", ""), tail)
        slot = "" if ch.slot is None else str(ch.slot)
        if ev is None and r.status == "filtered":
            fields = (e.url, ids_get(e.index, e.tvg_id), e.name, e.group, "filtered", "", "", "", "",
                      ch.family or "", slot, ch.filtered_by or "", r.reason, "", "", sources_get(e.index, ""))
        else:
            fields = (
                e.url, ids_get(e.index, e.tvg_id), e.name, e.group, r.status,
                ev.event_id if ev and r.status == "matched" else "", ev.league if ev else "", r.handler or "",
                f"{r.confidence:.3f}" if r.status == "matched" else "", ch.family or "",
                slot, ch.filtered_by or "", r.reason,
                ev.display_title if ev else "", ev.start_utc.isoformat() if ev and ev.start_utc else "",
                sources_get(e.index, ""),
            )
        line = ",".join(fields)
        # A row needs no quoting when no field holds a comma, a quote or a line break: then it is
        # exactly the joined fields, at a fraction of the cost of quoting field by field.
        return line + "\n" if _unquoted(line, n_commas) else _csv_line(fields)

    return row
