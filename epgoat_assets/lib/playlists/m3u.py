"""Streaming extended-M3U parser for provider playlists of several hundred thousand entries.

The parser reads the source in large byte blocks, splits them into lines and keeps only the state of
the entry being assembled, so a 350K-entry playlist never exists as one big list of raw lines.
Everything that cannot be parsed is skipped, counted per kind and logged once per kind with sample
line numbers; only input that is not an M3U playlist at all raises (`M3UFormatError`, one line).
UTF-16 and UTF-32 playlists (a BOM, or `#EXTM3U` with the NUL pattern of those encodings) are
transcoded to UTF-8 block by block on the way in; `ParseStats.encoding` says which was read.
"""

from __future__ import annotations

import codecs
import io
import logging
import re
import sys
import zlib
from collections.abc import Callable, Container, Iterator
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path
from typing import Any, BinaryIO

from epgoat_assets.lib.models import PlaylistEntry, entry_group  # noqa: F401 - entry_group re-exported
from epgoat_assets.lib.playlists.netguard import UnsafeURLError, guarded_fetch
from epgoat_assets.lib.records import gc_paused, record_builder

log = logging.getLogger(__name__)

DEFAULT_MAX_LINE_BYTES = 1 << 20  # 1 MiB: no sane EXTINF or URL is longer
DEFAULT_MAX_BYTES = 2 << 30  # 2 GiB of (decompressed) playlist
DEFAULT_FETCH_MAX_BYTES = 512 << 20
DEFAULT_FETCH_TIMEOUT = 120.0
SAMPLE_LINES = 10  # line numbers remembered per skip kind
_BLOCK = 1 << 20  # bytes read at a time
_SPAN = 96 << 10  # bytes decoded and split at a time: below glibc's 128 KiB mmap threshold

# Quoted attributes are the overwhelming case; the generic pattern also takes single-quoted and
# unquoted values and only runs when the fast one cannot account for every `=` in the line.
_ATTR_FAST = re.compile(r'([A-Za-z0-9_.:-]+)="([^"]*)"')
_ATTR_ANY = re.compile(r"""([A-Za-z0-9_.:-]+)=(?:"([^"]*)"|'([^']*)'|([^\s"',]+))""")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_NON_CONTROL_BYTES = bytes(b for b in range(256) if not (b <= 0x08 or 0x0E <= b <= 0x1F or b == 0x7F))
_DIRECTIVE = re.compile(r"#[A-Z][A-Z0-9_-]*:")
_intern = sys.intern
_KEY_CACHE: dict[str, tuple[str, ...]] = {}


_make_entry = record_builder(PlaylistEntry)


class M3UFormatError(ValueError):
    """The input is not an M3U playlist (or could not be read as one)."""


class PlaylistFetchError(ValueError):
    """Downloading a playlist failed; the message says which URL and why, on one line."""


@dataclass(slots=True)
class ParseStats:
    """What the parser saw: counts, skips per kind with sample line numbers, the encoding used."""

    total_lines: int = 0
    entries: int = 0
    bytes_read: int = 0
    encoding: str = "utf-8"
    compressed: bool = False
    header_lines: int = 0  # #EXTM3U lines seen (duplicates are tolerated)
    latin1_lines: int = 0  # lines that were not valid UTF-8 and were read as Latin-1
    skips: dict[str, int] = field(default_factory=dict)  # lines/entries dropped, per kind
    skip_lines: dict[str, list[int]] = field(default_factory=dict)
    repairs: dict[str, int] = field(default_factory=dict)  # entries kept after a recoverable defect
    repair_lines: dict[str, list[int]] = field(default_factory=dict)

    def skip(self, kind: str, line_no: int) -> None:
        self.skips[kind] = self.skips.get(kind, 0) + 1
        sample = self.skip_lines.setdefault(kind, [])
        if len(sample) < SAMPLE_LINES:
            sample.append(line_no)

    def repair(self, kind: str, line_no: int) -> None:
        self.repairs[kind] = self.repairs.get(kind, 0) + 1
        sample = self.repair_lines.setdefault(kind, [])
        if len(sample) < SAMPLE_LINES:
            sample.append(line_no)

    @property
    def skipped(self) -> int:
        return sum(self.skips.values())

    def as_metadata(self) -> dict[str, object]:
        """Plain JSON-able values, ready for Dagster metadata or a log line."""
        return {
            "total_lines": self.total_lines,
            "entries": self.entries,
            "bytes_read": self.bytes_read,
            "encoding": self.encoding,
            "compressed": self.compressed,
            "header_lines": self.header_lines,
            "latin1_lines": self.latin1_lines,
            "skipped": self.skipped,
            "skips": dict(self.skips),
            "skip_sample_lines": {k: list(v) for k, v in self.skip_lines.items()},
            "repairs": dict(self.repairs),
            "repair_sample_lines": {k: list(v) for k, v in self.repair_lines.items()},
        }

    def log_skips(self, source_label: str) -> None:
        for kind, count in sorted(self.skips.items()):
            lines = ", ".join(str(n) for n in self.skip_lines.get(kind, []))
            more = " ..." if count > len(self.skip_lines.get(kind, [])) else ""
            log.warning("%s: skipped %d %s (lines %s%s)", source_label, count, kind, lines, more)
        for kind, count in sorted(self.repairs.items()):
            lines = ", ".join(str(n) for n in self.repair_lines.get(kind, []))
            more = " ..." if count > len(self.repair_lines.get(kind, [])) else ""
            log.info("%s: kept %d entries despite %s (lines %s%s)", source_label, count, kind, lines, more)


# An entry a `Divert` test settled while it was parsed: (index, url, #EXTINF line, the test's
# label). `extinf_identity` reads the line's tvg-id, name and group when they are needed.
DivertedRow = tuple[int, str, str, str]


@dataclass(frozen=True, slots=True)
class Divert:
    """Tests that settle an entry while it is parsed, so that it never becomes a `PlaylistEntry`.

    Most of a provider's playlist is VOD that a URL rule drops at once; a caller that needs
    nothing of such an entry but a report line (the `epgoat match` CSV) keeps it as a small
    `DivertedRow` instead of an entry, its attributes, its classification and its decision.

    `tests` are (label, field, search) in order, the first search that finds something settling
    the entry. Fields are those of the VOD rules (url, name, group, tvg_name, attr:<key>) and an
    empty field never matches, as in `VodRules.classify`. Only entries on the parser's fast path
    (no directives, a URL line it accepts) are diverted; every other entry is parsed as usual, so
    the caller must treat an entry these tests match exactly as it treats a diverted row.

    The leading URL tests are tried on the URL line before the `#EXTINF` line is even split: a
    diverted entry costs a search or two and its row, and its line is read only if it is reported.
    """

    tests: tuple[tuple[str, str, Callable[[str], object]], ...]

    @property
    def url_lead(self) -> int:
        """How many tests, from the first, look at the URL."""
        n = 0
        while n < len(self.tests) and self.tests[n][1] == "url":
            n += 1
        return n


def extinf_identity(line: str) -> tuple[str, str, str]:
    """(tvg-id, name, group-title) of an `#EXTINF` line, read as the line-by-line parser reads it.

    Diverted rows are read again only for their report line, hundreds of thousands of them: the
    usual `k1="v1" k2="v2",Name` shape is looked up by its text outside the quotes, as `split_extinf`
    reads it; anything else goes through `split_extinf` itself.
    """
    if line[-1:] == "\r" or line[-1:] == " ":
        line = line.rstrip()
    rest = line[8:] if line[7:8] == ":" else line[7:]
    parts = rest.split('"')
    if len(parts) & 1 and len(parts) > 1:
        last = parts[-1]
        c = last.find(",")
        if c >= 0:
            skeleton = tuple(parts[0:-1:2])
            where = _IDENTITY_SHAPES.get(skeleton, _UNSEEN)
            if where is _UNSEEN:
                where = _identity_shape(parts)
                if len(_IDENTITY_SHAPES) < 4096:
                    _IDENTITY_SHAPES[skeleton] = where
            if where is not None:
                tvg, group = where
                return (parts[tvg] if tvg else "", last[c + 1 :].strip(), parts[group] if group else "")
    _, attrs, name, _ = split_extinf(rest)
    return attrs.get("tvg-id", ""), name, attrs.get("group-title", "")


_UNSEEN: Any = object()
# Text outside the quotes -> positions in the split line of the tvg-id and group-title values
# (0: absent), or None for a shape `split_extinf` reads otherwise.
_IDENTITY_SHAPES: dict[tuple[str, ...], tuple[int, int] | None] = {}


def _identity_shape(parts: list[str]) -> tuple[int, int] | None:
    shape = _plain_shape(parts)
    if shape is None:
        return None
    # As `dict(zip(keys, values))` in `split_extinf`: a repeated key keeps its last value.
    at = {key: 2 * j + 1 for j, key in enumerate(shape[1])}
    return at.get("tvg-id", 0), at.get("group-title", 0)


@dataclass(frozen=True, slots=True)
class PlaylistSurvey:
    """What `parse_m3u` would report about a playlist, without its entries."""

    header: dict[str, str]
    entries: int
    stats: ParseStats


@dataclass(slots=True)
class ParsedPlaylist:
    header: dict[str, str]
    entries: list[PlaylistEntry]  # without the diverted ones; indexes count every entry
    stats: ParseStats
    diverted: list[DivertedRow] = field(default_factory=list)  # in playlist order

    def __len__(self) -> int:
        return len(self.entries)

    def survey(self) -> PlaylistSurvey:
        """Its header, statistics and number of entries, the diverted ones included."""
        return PlaylistSurvey(header=self.header, entries=len(self.entries) + len(self.diverted), stats=self.stats)


# ---------------------------------------------------------------------------------------------
# Fetching and opening sources


def fetch_playlist(
    url: str, *, max_bytes: int = DEFAULT_FETCH_MAX_BYTES, timeout: float = DEFAULT_FETCH_TIMEOUT
) -> bytes:
    """Download `url` with a streamed GET, refusing bodies over `max_bytes` or slower than `timeout`.

    The one downloader is `netguard.guarded_fetch`; this is it for operator-given sources (a path
    or URL on the command line), which may live on a private host. BYO URLs from users go through
    `guarded_fetch` without `allow_private`.
    """
    try:
        return guarded_fetch(url, max_bytes=max_bytes, timeout=timeout, allow_private=True)
    except UnsafeURLError as exc:
        raise PlaylistFetchError(str(exc)) from exc


def _open_source(source: str | Path | bytes | BinaryIO) -> tuple[BinaryIO, str, bool]:
    """A binary stream for `source`, a label for messages, and whether we own (must close) it.

    A `str` is a URL when it starts with http(s)://, M3U text when it starts with `#EXT` or holds a
    newline, and a file path otherwise.
    """
    if isinstance(source, bytes | bytearray | memoryview):
        return io.BytesIO(bytes(source)), "<bytes>", True
    if isinstance(source, str):
        head = source.lstrip("\ufeff \t\r\n")[:8].upper()
        if head.startswith(("HTTP://", "HTTPS://")) and "\n" not in source:
            return io.BytesIO(fetch_playlist(source)), source, True
        if head.startswith("#EXT") or "\n" in source:
            return io.BytesIO(source.encode("utf-8")), "<text>", True
        source = Path(source)
    if isinstance(source, Path):
        try:
            return open(source, "rb"), str(source), True  # noqa: SIM115 - closed by the caller
        except FileNotFoundError as exc:
            raise M3UFormatError(f"{source}: file not found") from exc
        except IsADirectoryError as exc:
            raise M3UFormatError(f"{source}: is a directory, not a playlist") from exc
        except OSError as exc:
            raise M3UFormatError(f"{source}: cannot read: {exc.strerror or exc}") from exc
    if hasattr(source, "read"):
        return source, getattr(source, "name", "<stream>"), False
    raise M3UFormatError(f"unsupported playlist source type {type(source).__name__}")


def _byte_blocks(stream: BinaryIO, stats: ParseStats, label: str, max_bytes: int) -> Iterator[bytes]:
    """Raw blocks of the (gunzipped, if needed) playlist."""
    first = stream.read(_BLOCK)
    if first[:2] == b"\x1f\x8b":
        stats.compressed = True
        # wbits 47 = auto-detect gzip/zlib header; streamed, so a gzip bomb is stopped by max_bytes.
        dec = zlib.decompressobj(47)
        block = first
        while block:
            try:
                out = dec.decompress(block, _BLOCK)
                while True:
                    if out:
                        stats.bytes_read += len(out)
                        if stats.bytes_read > max_bytes:
                            raise M3UFormatError(f"{label}: decompressed size exceeds {max_bytes} bytes")
                        yield out
                    if not dec.unconsumed_tail:
                        break
                    out = dec.decompress(dec.unconsumed_tail, _BLOCK)
            except zlib.error as exc:
                raise M3UFormatError(f"{label}: corrupt gzip data: {exc}") from exc
            block = stream.read(_BLOCK)
        tail = dec.flush()
        if tail:
            stats.bytes_read += len(tail)
            yield tail
        return
    block = first
    while block:
        stats.bytes_read += len(block)
        if stats.bytes_read > max_bytes:
            raise M3UFormatError(f"{label}: playlist exceeds {max_bytes} bytes")
        yield block
        block = stream.read(_BLOCK)


# Wide encodings Windows editors save as "Unicode": BOM -> codec. UTF-32 before UTF-16, whose LE
# BOM is a prefix of UTF-32's.
_WIDE_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_WIDE_PROBE = 64  # bytes needed to tell a wide encoding: `#EXTM3U` in UTF-32 plus some whitespace


def _wide_encoding(head: bytes) -> str | None:
    """The codec of a UTF-16/UTF-32 playlist from its first bytes, or None for anything else.

    A BOM settles it. Without one, the text must start (after whitespace) with `#EXTM3U` or
    `#EXTINF` in that codec: ASCII in UTF-16 has a NUL beside every character, which no UTF-8 or
    Latin-1 playlist has, so a match cannot be a coincidence, and other NUL-laden input (images,
    archives) still goes to the binary-data check.
    """
    for bom, codec in _WIDE_BOMS:
        if head.startswith(bom):
            return codec
    if b"\x00" not in head[:_WIDE_PROBE]:
        return None
    for codec in ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"):
        text = codecs.getincrementaldecoder(codec)("replace").decode(head[:_WIDE_PROBE])
        if text.lstrip(" \t\r\n").upper().startswith(("#EXTM3U", "#EXTINF")):
            return codec
    return None


def _transcoded(blocks: Iterator[bytes], codec: str) -> Iterator[bytes]:
    """`blocks` of `codec` text as UTF-8 blocks, one in, one out, so memory stays at one block.

    The incremental decoder carries a code unit or surrogate pair cut by a block edge over to the
    next block; invalid units (a lone surrogate, an odd trailing byte) become U+FFFD, which keeps
    the output valid UTF-8 and the entry readable. A BOM becomes U+FEFF, i.e. the UTF-8 BOM the
    line splitter already drops.
    """
    dec = codecs.getincrementaldecoder(codec)("replace")
    for block in blocks:
        out = dec.decode(block)
        if out:
            yield out.encode("utf-8")
    tail = dec.decode(b"", final=True)
    if tail:
        yield tail.encode("utf-8")


def _looks_binary(head: bytes) -> bool:
    sample = head[:4096]
    if not sample:
        return False
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return controls > len(sample) // 20


# ---------------------------------------------------------------------------------------------
# Line-level parsing


def split_extinf(rest: str) -> tuple[float, dict[str, str], str, bool]:
    """Parse the text after `#EXTINF:` into (duration, attributes, display name, quote_ok).

    The display name starts after the first comma outside double quotes. `quote_ok` is False when
    a quote is left open; the name is then taken after the first comma following the last
    complete attribute, so one bad quote costs at most that entry's attributes.
    """
    parts = rest.split('"')
    n = len(parts)
    if n & 1 and n > 1:
        last = parts[-1]
        c = last.find(",")
        if c >= 0:
            shape = _plain_shape(parts)
            if shape is not None:
                duration, keys = shape
                attrs = dict(zip(keys, parts[1::2]))  # noqa: B905 - equal lengths by construction
                return duration, attrs, last[c + 1 :].strip(), True
    elif n == 1:
        c = rest.find(",")
        head, name = (rest, "") if c < 0 else (rest[:c], rest[c + 1 :])
        if "=" not in head:
            try:
                duration = float(head) if head.strip() else -1.0
            except ValueError:
                duration = -1.0
            return duration, {}, name.strip(), True
    return _split_extinf_slow(rest)


def _plain_shape(parts: list[str]) -> tuple[float, tuple[str, ...]] | None:
    """(duration, lower-cased keys) when an EXTINF remainder split on `"` reads `<dur> k1="v1" k2="v2"`.

    `parts` has an odd length; the parts outside quotes except the last (which holds `,Name`),
    joined, must read `<dur> k1= k2= ...`: one space and one `=` per key, no comma. The answer
    depends only on those outside parts, which is what lets the parser reuse it for every line
    with the same text outside the quotes.
    """
    joined = "".join(parts[0:-1:2])
    k = len(parts) >> 1
    sp = joined.find(" ")
    if not (
        sp > 0
        and joined[-1] == "="
        and joined.count("=") == k
        and joined.count(" ") == k
        and joined.count("= ") == k - 1
        and "," not in joined
    ):
        return None
    dur_txt = joined[:sp]
    if dur_txt == "-1":
        duration = -1.0
    else:
        try:
            duration = float(dur_txt)
        except ValueError:
            duration = -1.0
    keys = joined[sp + 1 : -1]
    # Providers repeat one attribute layout on every line: cache its interned keys.
    key_tuple = _KEY_CACHE.get(keys)
    if key_tuple is None:
        key_tuple = tuple(map(_intern, keys.lower().split("= ")))
        if len(_KEY_CACHE) < 4096:
            _KEY_CACHE[keys] = key_tuple
    return duration, key_tuple


def _split_extinf_slow(rest: str) -> tuple[float, dict[str, str], str, bool]:
    quote_ok = True
    comma = rest.find(",")
    if comma < 0:
        head, name = rest, ""
    elif rest.count('"', 0, comma) % 2 == 0:
        head, name = rest[:comma], rest[comma + 1 :]
    else:
        # The first comma sits inside a quoted value: walk on to the next comma outside quotes.
        pos = comma
        while True:
            pos = rest.find(",", pos + 1)
            if pos < 0 or rest.count('"', 0, pos) % 2 == 0:
                break
        if pos >= 0:
            head, name = rest[:pos], rest[pos + 1 :]
        else:
            quote_ok = False
            last_end = 0
            for m in _ATTR_FAST.finditer(rest):
                last_end = m.end()
            cut = rest.find(",", last_end)
            head, name = (rest[:cut], rest[cut + 1 :]) if cut >= 0 else (rest, "")
    head = head.strip()
    # Duration is the first token; attributes follow after whitespace.
    sp = -1
    for i, ch in enumerate(head):
        if ch.isspace():
            sp = i
            break
    dur_txt = head if sp < 0 else head[:sp]
    if "=" in dur_txt:
        dur_txt, sp = "", 0
    try:
        duration = float(dur_txt) if dur_txt else -1.0
    except ValueError:
        duration = -1.0
    attrs: dict[str, str] = {}
    if sp >= 0:
        for key, dq, sq, bare in _ATTR_ANY.findall(head):
            attrs[_intern(key.lower())] = dq or sq or bare
    return duration, attrs, name.strip(), quote_ok


# A learned EXTINF line layout (its text outside double quotes, minus the `,Name` tail) maps to a
# function that parses a run of entries in that layout; see `_compile_run`.
_Run = Callable[..., tuple[int, int]]
MAX_LAYOUTS = 256  # distinct layouts remembered per parse (durations are part of a layout)


def _learn_layout(
    line: str,
    known: Container[tuple[str, ...]] = (),
    divert: Divert | None = None,
    diverted: list[DivertedRow] | None = None,
) -> tuple[tuple[str, ...], _Run] | None:
    """The fast-path layout of a well-formed `#EXTINF:` line, or None when it has an unusual shape.

    Any other line with the same text outside its quotes, the same number of quotes and a name
    part starting with a comma is parsed by `split_extinf` into the same keys and duration, with
    the quoted texts as values and the text after the comma as the name; the fast path relies
    on exactly that and on nothing else.
    """
    if not line.startswith("#EXTINF:"):
        return None
    parts = line[8:].split('"')
    n = len(parts)
    if not (n & 1 and n > 1 and parts[-1][:1] == ","):
        return None
    if ("#EXTINF:" + parts[0], *parts[2:-1:2]) in known:
        # Already compiled: the fast path broke off for another reason (a span's last entry, an
        # odd URL line); compiling it again cost ~0.1 ms every time.
        return None
    shape = _plain_shape(parts)
    if shape is None:
        return None
    duration, keys = shape
    if len(set(keys)) != len(keys):
        return None  # a repeated key: the last value wins, which the fast path does not model
    skeleton = ("#EXTINF:" + parts[0], *parts[2:-1:2])
    return skeleton, _compile_run(skeleton, keys, duration, divert, diverted)


def _compile_run(
    skeleton: tuple[str, ...],
    keys: tuple[str, ...],
    duration: float,
    divert: Divert | None = None,
    diverted: list[DivertedRow] | None = None,
) -> _Run:
    """A loop specialised to one layout: parses `#EXTINF` + URL line pairs until one differs.

    Generated code, because with the layout's strings and keys as constants each entry costs a
    split on quotes, a few comparisons and a dict display; the generic equivalent (tuple key
    lookup, `dict(zip(...))`) costs 0.5 us more per entry, a third of the whole parse. It stops,
    leaving the line to the line-by-line path, at anything that path could treat differently:
    another layout, a name part not starting with a comma, a URL line that is blank, indented, a
    directive or comment, not URL-like, or (in a block holding control bytes) has control
    characters. All constants enter the code through `repr` of `str` values or the namespace.

    With `divert`, an entry one of its tests settles goes to `diverted` as a row instead.
    """
    n = 2 * len(keys) + 1
    checks = " or ".join(f"p[{2 * j}] != {s!r}" for j, s in enumerate(skeleton))
    values: list[str] = []
    shared = []
    for j, key in enumerate(keys):
        v = f"p[{2 * j + 1}]"
        if key == "group-title":
            # Share repeated strings: every entry's group, and the name with tvg-name (usually
            # equal); saves ~100 bytes per entry at 350K entries.
            shared.append(f"        g = {v}\n        g = groups_setdefault(g, g)\n")
            v = "g"
        elif key == "tvg-name":
            shared.append(f"        tn = {v}\n        if tn == name:\n            name = tn\n")
            v = "tn"
        values.append(f"{key!r}: {v}")
    make_entry = f"append(make(index, ln, name, url, duration, {{{', '.join(values)}}}, ()))\n"
    ns: dict[str, Any] = {"make": _make_entry, "duration": duration}
    keep = "        " + make_entry
    url_first = ""
    if divert is not None and diverted is not None:
        ns["divert_append"] = diverted.append
        url_first = _url_first_code(divert, ns)
        keep = _divert_code(keys, divert, make_entry, ns)
    src = (
        "def run(lines, i, stop, index, base, append, groups_setdefault, ctl_free):\n"
        "    first = index\n"
        "    ln = base + i - 1\n"
        "    pairs = iter(islice(lines, i, stop + 1))\n"
        "    for ext, url in zip(pairs, pairs):\n"
        + _URL_CHECKS
        + "        ln += 2\n"
        + url_first
        + "        p = ext.split('\"')\n"
        f"        if len(p) != {n} or {checks}:\n"
        "            break\n"
        f"        last = p[{n - 1}]\n"
        "        if last[:1] != ',':\n"
        "            break\n"
        "        name = last[1:].strip()\n"
        + "".join(shared)
        + keep
        + "        index += 1\n"
        "    return i + 2 * (index - first), index\n"
    )
    return _generated(src, ns)


def _generated(src: str, ns: dict[str, Any]) -> _Run:
    """The `run` function `src` defines, with `ns` and the names every generated loop uses.

    It is taken out of the namespace it runs in: left there, the function and its globals would
    form a cycle that only a full collection frees, and with it the diverted rows the namespace
    holds (a long-running process, Dagster parsing a playlist per partition, kept every parse's
    rows until then).
    """
    ns.update(looks_like_url=_looks_like_url, control_search=_CONTROL.search, islice=islice)
    exec(src, ns)  # noqa: S102 - built from repr() of str constants only
    return ns.pop("run")


def _divert_code(keys: tuple[str, ...], divert: Divert, make_entry: str, ns: dict[str, Any]) -> str:
    """The tests of `divert` for one layout: each becomes an `if` on the variable holding its field.

    A field the layout lacks is empty and never matches, so its test is left out.
    """

    def var(key: str) -> str:
        if key not in keys:
            return ""
        return {"group-title": "g", "tvg-name": "tn"}.get(key, f"p[{2 * keys.index(key) + 1}]")

    fields = {"url": "url", "name": "name", "group": var("group-title"), "tvg_name": var("tvg-name")}
    code = []
    # The URL tests that lead were tried before the split (`_url_first_code`).
    for j, (label, field_name, search) in enumerate(divert.tests):
        if j < divert.url_lead:
            continue
        text = fields[field_name] if field_name in fields else var(field_name.removeprefix("attr:"))
        if not text:
            continue
        ns[f"search_{j}"] = search
        code.append(f"        {'elif' if code else 'if'} {text} and search_{j}({text}) is not None:\n"
                    f"            divert_append((index, url, ext, {label!r}))\n")
    if not code:
        return "        " + make_entry
    return "".join(code) + "        else:\n            " + make_entry


# The URL line of a pair the fast path takes: anything else goes line by line.
_URL_CHECKS = (
    "        if not url or url[0] in '# \\t':\n"
    "            break\n"
    "        if url[-1] in ' \\t\\r':\n"
    "            url = url.rstrip()\n"
    "        if '://' not in url and not looks_like_url(url):\n"
    "            break\n"
    "        if not ctl_free and not url.isprintable() and control_search(url):\n"
    "            break\n"
)


def _url_first_code(divert: Divert, ns: dict[str, Any]) -> str:
    """The leading URL tests of `divert`, tried on a pair's URL before its `#EXTINF` line is split.

    A pair is diverted only when the line-by-line path would read the `#EXTINF` line as an entry
    without a repair (balanced quotes, a comma after the last one), so its row is what that path
    would give; the loop then goes on to the next pair.
    """
    if not divert.url_lead:
        return ""
    code = []
    for j, (label, _, search) in enumerate(divert.tests[: divert.url_lead]):
        ns[f"url_search_{j}"] = search
        code.append(f"        {'elif' if code else 'if'} url_search_{j}(url) is not None:\n"
                    f"            label = {label!r}\n")
    return (
        "".join(code)
        + "        else:\n            label = None\n"
        "        if label is not None and ext[:7] == '#EXTINF' and not ext.count('\"') & 1 "
        "and ext.rfind(',') > ext.rfind('\"'):\n"
        "            divert_append((index, url, ext, label))\n"
        "            index += 1\n"
        "            continue\n"
    )


def _compile_divert_run(divert: Divert, diverted: list[DivertedRow]) -> _Run | None:
    """A loop that diverts pairs by their URL whatever their `#EXTINF` layout, until one is kept."""
    ns: dict[str, Any] = {"divert_append": diverted.append}
    url_first = _url_first_code(divert, ns)
    if not url_first:
        return None
    src = (
        "def run(lines, i, stop, index, ctl_free):\n"
        "    first = index\n"
        "    pairs = iter(islice(lines, i, stop + 1))\n"
        "    for ext, url in zip(pairs, pairs):\n"
        + _URL_CHECKS
        + url_first
        + "        break\n"
        "    return i + 2 * (index - first), index\n"
    )
    return _generated(src, ns)


def _parse_header(line: str, header: dict[str, str]) -> None:
    for key, dq, sq, bare in _ATTR_ANY.findall(line[7:]):
        header.setdefault(key.lower(), dq or sq or bare)


def _looks_like_url(line: str) -> bool:
    if "://" in line:
        return True
    # Relative references and local paths have no spaces and contain a dot or a slash.
    return " " not in line and ("/" in line or "." in line) and not line.startswith("=")


def iter_m3u(
    source: str | Path | bytes | BinaryIO,
    *,
    max_line_bytes: int = DEFAULT_MAX_LINE_BYTES,
    max_bytes: int = DEFAULT_MAX_BYTES,
    stats: ParseStats | None = None,
    header: dict[str, str] | None = None,
) -> Iterator[PlaylistEntry]:
    """Yield the entries of an M3U playlist as they are read.

    `stats` and `header`, when given, are filled in as the stream is consumed (the header is
    complete once the first entry is out).
    """
    for batch in _iter_batches(source, max_line_bytes, max_bytes, stats, header):
        yield from batch


def _iter_batches(
    source: str | Path | bytes | BinaryIO,
    max_line_bytes: int,
    max_bytes: int,
    stats: ParseStats | None,
    header: dict[str, str] | None,
    fast: bool = True,
    divert: Divert | None = None,
    diverted: list[DivertedRow] | None = None,
) -> Iterator[list[PlaylistEntry]]:
    """The entries, one list per read block (a few thousand), so callers pay no per-entry yield.

    With `divert`, the entries it settles go to `diverted` instead (see `Divert`).
    """
    stats = stats if stats is not None else ParseStats()
    header = header if header is not None else {}
    stream, label, owned = _open_source(source)
    try:
        yield from _iter_stream(stream, label, stats, header, max_line_bytes, max_bytes, fast, divert, diverted)
    finally:
        if owned:
            stream.close()
    stats.log_skips(label)


def _iter_stream(
    stream: BinaryIO,
    label: str,
    stats: ParseStats,
    header: dict[str, str],
    max_line_bytes: int,
    max_bytes: int,
    fast: bool = True,
    divert: Divert | None = None,
    diverted: list[DivertedRow] | None = None,
) -> Iterator[list[PlaylistEntry]]:
    """Parse block by block; `fast=False` forces the line-by-line path (the tests' reference)."""
    skip = stats.skip
    repair = stats.repair
    make = _make_entry
    groups: dict[str, str] = {}
    groups_setdefault = groups.setdefault
    layouts: dict[tuple[str, ...], _Run] = {}
    layouts_get = layouts.get
    divert_run = _compile_divert_run(divert, diverted) if divert is not None and diverted is not None else None
    control_search = _CONTROL.search
    looks_like_url = _looks_like_url
    line_no = 0
    index = 0
    # The entry being assembled: its #EXTINF line number and parsed parts, plus directives.
    pend_line = 0
    pend: tuple[float, dict[str, str], str] | None = None
    directives: list[str] = []
    # Bytes read but not yet split into lines (the unfinished last line, then the next block) are
    # buf[:have]. One buffer for the whole stream, written in place: fresh megabyte buffers per
    # block (concatenation, slicing, resizing) made the allocator map and unmap pages, ~0.2 s
    # of page faults at 75 MB.
    buf = bytearray(2 * _BLOCK)
    have = 0
    prev_clean = True
    carry_dropping = False  # inside a line that already exceeded max_line_bytes
    checked = False
    first_bom = True
    encoding_seen: set[str] = set()
    cr_only = False

    blocks: Iterator[bytes] = _byte_blocks(stream, stats, label, max_bytes)
    # Peek at the first bytes (a short read may hold fewer than needed) for a wide encoding.
    first_blocks: list[bytes] = []
    head = b""
    for block in blocks:
        first_blocks.append(block)
        head += block[:_WIDE_PROBE]
        if len(head) >= _WIDE_PROBE:
            break
    wide = _wide_encoding(head)
    blocks = chain(first_blocks, blocks)
    del first_blocks
    if wide is not None:
        blocks = _transcoded(blocks, wide)

    for block in blocks:
        if not checked:
            checked = True
            probe = block[:65536].lstrip(b"\xef\xbb\xbf \t\r\n")
            is_m3u = probe[:7].upper() == b"#EXTM3U"
            if not is_m3u and _looks_binary(probe[:4096]):
                raise M3UFormatError(f"{label}: not an M3U playlist (binary data)")
            if not is_m3u and b"#EXTINF" not in probe.upper():
                first = probe.split(b"\n", 1)[0][:60].decode("utf-8", "replace").strip()
                read_as = f"read as {wide.upper()}, " if wide else ""
                raise M3UFormatError(
                    f"{label}: not an M3U playlist (no #EXTM3U header or #EXTINF line; {read_as}starts with {first!r})"
                )
            # Classic Mac line ends: a block with CRs and no LF at all.
            cr_only = b"\n" not in block and b"\r" in block
        if cr_only:
            block = block.replace(b"\r", b"\n")
        # One C pass (0.4 ms/MB) instead of a printability check on every URL line; UTF-8 never
        # encodes a character with bytes below 0x80, so clean bytes decode to clean text. The
        # lines now split may have started in the previous block, so both must be clean.
        clean = not block.translate(None, _NON_CONTROL_BYTES)
        ctl_free = clean and prev_clean
        prev_clean = clean
        n = len(block)
        if have + n > len(buf):
            buf.extend(bytes(have + n - len(buf)))  # a line longer than a block (rare)
        buf[have : have + n] = block
        have += n
        del block
        if carry_dropping:
            # The rest of an over-long line ends at the first newline.
            nl = buf.find(b"\n", 0, have)
            if nl < 0:
                have = 0
                continue
            line_no += 1
            skip("line_too_long", line_no)
            rest = have - nl - 1
            buf[:rest] = buf[nl + 1 : have]
            have = rest
            carry_dropping = False
        cut = buf.rfind(b"\n", 0, have)
        if cut < 0:
            if have > max_line_bytes:
                have = 0
                carry_dropping = True
            continue
        start = 0
        if first_bom:
            first_bom = False
            if buf.startswith(b"\xef\xbb\xbf", 0, have):
                start = 3
                encoding_seen.add("utf-8-sig")
        batch: list[PlaylistEntry] = []
        append = batch.append
        with memoryview(buf) as view:
            s = start
            while True:
                # Decode and split at most _SPAN bytes at a time: buffers of a megabyte and more,
                # allocated and freed per block, made the allocator map and unmap fresh pages
                # (a third of all page faults); smaller ones are reused.
                if cut - s <= _SPAN:
                    e = cut
                else:
                    e = buf.rfind(b"\n", s, s + _SPAN)
                    if e < 0:
                        e = buf.find(b"\n", s + _SPAN, cut)
                        if e < 0:
                            e = cut
                body = view[s:e]
                try:
                    text = str(body, "utf-8")
                    encoding_seen.add("utf-8")
                except UnicodeDecodeError:
                    decoded = []
                    for raw in bytes(body).split(b"\n"):
                        try:
                            decoded.append(raw.decode("utf-8"))
                        except UnicodeDecodeError:
                            decoded.append(raw.decode("latin-1"))
                            stats.latin1_lines += 1
                    text = "\n".join(decoded)
                    del decoded
                    encoding_seen.add("latin-1")
                body.release()
                # One span's lines at a time: the streaming bound, split in one C call.
                lines = text.split("\n")
                # The fast path trusts every line to be within max_line_bytes; a span that holds a
                # longer one goes line by line.
                fast_ok = fast and (len(text) <= max_line_bytes or max(map(len, lines)) <= max_line_bytes)
                del text
                base = line_no  # lines[i] is line base + i + 1
                n_lines = len(lines)
                line_no = base + n_lines
                last_pair = n_lines - 1
                i = 0
                while i < n_lines:
                    if fast_ok and pend is None and not directives:
                        # The usual entry: an EXTINF line in a layout seen before, then its URL line.
                        # Any doubt (new layout, directive, blank or odd URL line, a quote in the name)
                        # breaks out to the line-by-line path below, which gives the same result.
                        while i < last_pair:
                            if divert_run is not None:
                                i, index = divert_run(lines, i, last_pair, index, ctl_free)
                                if i >= last_pair:
                                    break
                            parts = lines[i].split('"')
                            run = layouts_get(tuple(parts[0:-1:2]))
                            if run is None:
                                break
                            j = i
                            i, index = run(lines, i, last_pair, index, base, append, groups_setdefault, ctl_free)
                            if i == j:
                                break
                        if i >= n_lines:
                            break
                    line = lines[i]
                    i += 1
                    ln = base + i
                    if not line:
                        continue
                    if len(line) > max_line_bytes:
                        skip("line_too_long", ln)
                        continue
                    c0 = line[0]
                    if c0 == " " or c0 == "\t":
                        line = line.lstrip()
                        if not line:
                            continue
                        c0 = line[0]
                    if c0 == "#":
                        if line.startswith("#EXTINF"):
                            if line[-1] == "\r" or line[-1] == " ":
                                line = line.rstrip()
                            if pend is not None:
                                skip("extinf_without_url", pend_line)
                                directives = []
                            rest = line[8:] if line[7:8] == ":" else line[7:]
                            duration, attrs, name, quote_ok = split_extinf(rest)
                            if not quote_ok:
                                repair("unterminated_quote", ln)
                            elif attrs and fast and len(layouts) < MAX_LAYOUTS:
                                learned = _learn_layout(line, layouts, divert, diverted)
                                if learned is not None:
                                    layouts[learned[0]] = learned[1]
                            if attrs:
                                g = attrs.get("group-title")
                                if g is not None:
                                    attrs["group-title"] = groups_setdefault(g, g)
                                tn = attrs.get("tvg-name")
                                if tn == name:
                                    name = tn
                            pend = (duration, attrs, name)
                            pend_line = ln
                            continue
                        line = line.rstrip()
                        if line.startswith("#EXTM3U"):
                            stats.header_lines += 1
                            if len(line) > 7:
                                _parse_header(line, header)
                        elif _DIRECTIVE.match(line):
                            directives.append(line)
                        else:
                            skip("comment", ln)
                        continue
                    if line[-1] == "\r" or line[-1] == " " or line[-1] == "\t":
                        line = line.rstrip()
                        if not line:
                            continue
                    if not line.isprintable() and control_search(line):
                        skip("binary_junk", ln)
                        continue
                    if pend is None:
                        skip("url_without_extinf", ln)
                        directives = []
                        continue
                    if "://" not in line and not looks_like_url(line):
                        skip("junk_line", ln)
                        continue
                    duration, attrs, name = pend
                    append(make(index, pend_line, name, line, duration, attrs, tuple(directives) if directives else ()))
                    index += 1
                    pend = None
                    if directives:
                        directives = []
                del lines
                if e == cut:
                    break
                s = e + 1
        rest = have - cut - 1  # the unfinished last line (usually short): to the front
        buf[:rest] = buf[cut + 1 : have]
        have = rest
        if have > max_line_bytes:
            have = 0
            carry_dropping = True
        if batch:
            yield batch

    tail: list[PlaylistEntry] = []
    if carry_dropping:
        line_no += 1
        skip("line_too_long", line_no)
    elif have:
        # Last line without a trailing newline.
        text = buf[:have].decode("utf-8", "replace").strip()
        line_no += 1
        if text.startswith("#EXTINF"):
            if pend is not None:
                skip("extinf_without_url", pend_line)
            pend, pend_line = None, line_no
            skip("extinf_without_url", line_no)
        elif text.startswith("#EXTM3U"):
            stats.header_lines += 1
            _parse_header(text, header)
        elif text.startswith("#"):
            pass
        elif _CONTROL.search(text):
            skip("binary_junk", line_no)
        elif pend is None:
            skip("url_without_extinf", line_no)
        elif _looks_like_url(text):
            duration, attrs, name = pend
            tail.append(make(index, pend_line, name, text, duration, attrs, tuple(directives)))
            index += 1
            pend = None
        else:
            skip("junk_line", line_no)
    if pend is not None:
        skip("extinf_without_url", pend_line)

    stats.total_lines = line_no
    stats.entries = index
    if "latin-1" in encoding_seen:
        stats.encoding = "utf-8+latin-1" if stats.latin1_lines < line_no else "latin-1"
    elif "utf-8-sig" in encoding_seen:
        stats.encoding = "utf-8-sig"
    else:
        stats.encoding = "utf-8"
    if wide is not None:
        stats.encoding = wide  # the transcoded text is always valid UTF-8: nothing else to say
    if not checked:
        raise M3UFormatError(f"{label}: empty file, not an M3U playlist")
    if index == 0 and stats.header_lines == 0:
        raise M3UFormatError(f"{label}: not an M3U playlist (no #EXTM3U header and no entries)")
    if tail:
        yield tail


def parse_m3u(
    source: str | Path | bytes | BinaryIO,
    *,
    max_line_bytes: int = DEFAULT_MAX_LINE_BYTES,
    max_bytes: int = DEFAULT_MAX_BYTES,
    divert: Divert | None = None,
) -> ParsedPlaylist:
    """Parse a whole playlist: a path, an http(s) URL, raw bytes (plain or gzip), M3U text or a stream.

    `divert`: tests that settle entries while they are read; those become `.diverted` rows.
    """
    stats = ParseStats()
    header: dict[str, str] = {}
    entries: list[PlaylistEntry] = []
    diverted: list[DivertedRow] = []
    with gc_paused():
        for batch in _iter_batches(source, max_line_bytes, max_bytes, stats, header, True, divert, diverted):
            entries += batch
    return ParsedPlaylist(header=header, entries=entries, stats=stats, diverted=diverted)


# A test every entry passes on its URL line: a survey diverts every entry on the fast path, so it
# never splits an `#EXTINF` line that parses without a repair. Entries off that path (directives,
# open quotes, odd URL lines) are parsed in full, so every skip and repair is counted as usual.
_EVERY_ENTRY = Divert(tests=(("entry", "url", lambda _url: True),))


def survey_m3u(
    source: str | Path | bytes | BinaryIO,
    *,
    max_line_bytes: int = DEFAULT_MAX_LINE_BYTES,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> PlaylistSurvey:
    """The header, the number of entries and the statistics `parse_m3u` gives, in about half its time.

    For a caller that reports on a playlist it does not classify (Dagster's `provider_playlists`
    when the VOD rules cannot be loaded): the same limits apply and the same `M3UFormatError`s are
    raised.
    """
    return parse_m3u(source, max_line_bytes=max_line_bytes, max_bytes=max_bytes, divert=_EVERY_ENTRY).survey()


# ---------------------------------------------------------------------------------------------
# Writing


def _quote_attr(value: str) -> str:
    # M3U has no escape for a double quote inside a value; a typographic one keeps it readable.
    return value.replace('"', "\u201d").replace("\n", " ").replace("\r", " ")


def format_entry(entry: PlaylistEntry) -> str:
    """The entry as M3U text (EXTINF line, directives, URL), ending in a newline."""
    dur = entry.duration
    dur_txt = str(int(dur)) if dur == int(dur) else repr(dur)
    attrs = "".join(f' {k}="{_quote_attr(v)}"' for k, v in entry.attrs.items())
    name = entry.name.replace("\n", " ").replace("\r", " ")
    parts = [f"#EXTINF:{dur_txt}{attrs},{name}"]
    parts.extend(entry.directives)
    parts.append(entry.url)
    return "\n".join(parts) + "\n"


def format_m3u(entries: list[PlaylistEntry] | Iterator[PlaylistEntry], header: dict[str, str] | None = None) -> str:
    head = "#EXTM3U" + "".join(f' {k}="{_quote_attr(v)}"' for k, v in (header or {}).items())
    return head + "\n" + "".join(format_entry(e) for e in entries)
