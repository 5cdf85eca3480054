"""Write a `Guide` as XMLTV: streamed with lxml's incremental writer, valid against the XMLTV DTD.

Element order inside <programme> follows the DTD's content model exactly (title, sub-title, desc,
category, keyword, icon, episode-num, new), because strict consumers and `tv_validate_file` reject
anything else. Every string from a provider or an event source is cleaned of characters XML 1.0 cannot
carry and of C1 controls, which validators flag as mis-encoded Windows-1252.
"""

from __future__ import annotations

import gzip as gzip_mod
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import IO, Any
from zoneinfo import ZoneInfo

from lxml import etree

from epgoat_assets.lib.atomic import atomic_output
from epgoat_assets.lib.guide.blocks import Guide, GuideChannel
from epgoat_assets.lib.models import Programme
from epgoat_assets.lib.text import single_spaced

DTD_PATH = Path(__file__).resolve().parents[2] / "data" / "xmltv" / "xmltv.dtd"
GENERATOR_NAME = "epgoat"
GENERATOR_URL = "https://github.com/epgoat/epgoat"

# XML 1.0 forbids most C0 controls, surrogates and U+FFFE/U+FFFF; C1 controls are legal but always
# a sign of mis-decoded Windows-1252 in provider names, and tv_validate_file reports them.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_XMLTV_NS = re.compile(r"^\s*(\d*)(\s*/\s*\d+)?\s*\.\s*(\d*)(\s*/\s*\d+)?\s*\.\s*(\d*)(\s*/\s*\d+)?\s*$")


class XmltvError(ValueError):
    """A guide that cannot be written as valid XMLTV."""


@dataclass(frozen=True, slots=True)
class XmltvStats:
    channels: int
    programmes: int
    bytes: int


def clean_text(value: str | None, *, single_line: bool = True) -> str:
    """Drop XML-illegal characters; collapse whitespace for one-line fields (titles, names)."""
    if not value:
        return ""
    if single_line and single_spaced(value):
        # The common name or title: nothing to drop (C0/C1 controls, lone surrogates and line or
        # paragraph separators are all unprintable) and no run of spaces to collapse.
        return value
    text = _ILLEGAL.sub("", value)
    return " ".join(text.split()) if single_line else text.strip()


def xmltv_time(dt: datetime, tz: ZoneInfo) -> str:
    """`20251123193000 -0500`: the instant in the provider's zone with its real offset (DST aware)."""
    if dt.tzinfo is None:
        raise XmltvError(f"programme time {dt.isoformat()} has no time zone")
    return dt.astimezone(tz).strftime("%Y%m%d%H%M%S %z")


def _channel(xf: Any, ch: GuideChannel) -> None:
    names = [n for n in (clean_text(n) for n in ch.display_names) if n] or [ch.channel_id]
    with xf.element("channel", id=ch.channel_id):
        for name in names:
            xf.write("\n  ")
            with xf.element("display-name"):
                xf.write(name)
        icon = clean_text(ch.icon)
        if icon:
            xf.write("\n  ")
            xf.write(etree.Element("icon", src=icon))  # an empty element, written `<icon .../>`
        xf.write("\n")
    xf.write("\n")


def _episode_nums(value: str | None) -> list[tuple[str, str]]:
    value = clean_text(value)
    if not value:
        return []
    m = _XMLTV_NS.match(value)
    if not m:
        return [("onscreen", value)]
    out = [("xmltv_ns", value)]
    season, episode = m.group(1), m.group(3)
    if season and episode:
        # Players that ignore xmltv_ns (or show it raw) get the familiar one-based S/E form too.
        out.append(("onscreen", f"S{int(season) + 1}E{int(episode) + 1}"))
    return out


def _programme(xf: Any, p: Programme, times: Callable[[datetime], str], live_element: bool) -> None:
    def child(tag: str, text: str, **attrs: str) -> None:
        xf.write("\n  ")
        with xf.element(tag, attrs):
            xf.write(text)

    with xf.element("programme", {"start": times(p.start), "stop": times(p.stop), "channel": p.channel_id}):
        child("title", clean_text(p.title) or "Untitled")
        sub = clean_text(p.sub_title)
        if sub:
            child("sub-title", sub)
        desc = clean_text(p.desc, single_line=False)
        if desc:
            child("desc", desc)
        seen: set[str] = set()
        for cat in p.categories:
            cat = clean_text(cat)
            if cat and cat.casefold() not in seen:
                seen.add(cat.casefold())
                child("category", cat)
        if p.live:
            # The DTD has no <live/>; <keyword> is its standard place for such tags.
            child("keyword", "live")
        icon = clean_text(p.icon)
        if icon:
            xf.write("\n  ")
            xf.write(etree.Element("icon", src=icon))
        for system, value in _episode_nums(p.episode_num):
            child("episode-num", value, system=system)
        if p.new:
            xf.write("\n  ")
            xf.write(etree.Element("new"))
        if p.live and live_element:
            xf.write("\n  ")
            xf.write(etree.Element("live"))
        xf.write("\n")
    xf.write("\n")


def _check(guide: Guide) -> None:
    ids = {ch.channel_id for ch in guide.channels}
    if len(ids) != len(guide.channels):
        raise XmltvError("guide has duplicate channel ids")
    for p in guide.programmes:
        if p.channel_id not in ids:
            raise XmltvError(f"programme {p.title[:40]!r} refers to unknown channel {p.channel_id!r}")
        if p.stop <= p.start:
            raise XmltvError(f"programme {p.title[:40]!r} on {p.channel_id} stops before it starts")


def _stream(out: IO[bytes], guide: Guide, tz: ZoneInfo, generated_at: datetime | None, live: bool) -> None:
    """The document through lxml's incremental writer, one element context per element.

    lxml escapes every text and attribute; the element contexts cost a fraction of building an
    element tree per programme (~25 us each, most of the write for tens of thousands of them), and
    the whitespace written between them gives the layout `pretty_print` gave.
    """
    attrs = {"generator-info-name": GENERATOR_NAME, "generator-info-url": GENERATOR_URL}
    if guide.provider:
        attrs["source-info-name"] = clean_text(guide.provider)
    if generated_at is not None:
        attrs = {"date": xmltv_time(generated_at, tz), **attrs}
    # Most programmes share their start and stop (every idle row spans the window): format each once.
    times = lru_cache(maxsize=4096)(lambda dt: xmltv_time(dt, tz))
    with etree.xmlfile(out, encoding="UTF-8", buffered=True) as xf:
        xf.write_declaration()
        xf.write_doctype('<!DOCTYPE tv SYSTEM "xmltv.dtd">')
        with xf.element("tv", attrs):
            xf.write("\n")
            for ch in guide.channels:
                _channel(xf, ch)
            for p in guide.programmes:
                _programme(xf, p, times, live)


def write_xmltv(
    path: str | Path,
    guide: Guide,
    *,
    gzip: bool | None = None,
    generated_at: datetime | None = None,
    live_element: bool = False,
) -> XmltvStats:
    """Write `guide` to `path` atomically; gzip when asked or when the name ends in `.gz`.

    `generated_at` fills `<tv date>`; leaving it out keeps the bytes identical for identical guides.
    `live_element=True` adds the non-standard `<live/>` some players read; that output no longer
    validates against the XMLTV DTD, so it is off by default.
    """
    path = Path(path)
    _check(guide)
    tz = ZoneInfo(guide.tz)
    use_gzip = path.suffix == ".gz" if gzip is None else gzip
    with atomic_output(path) as fh:
        if use_gzip:
            # mtime=0 and no file name keep the compressed bytes deterministic.
            with gzip_mod.GzipFile(filename="", mode="wb", fileobj=fh, mtime=0) as gz:
                _stream(gz, guide, tz, generated_at, live_element)
        else:
            _stream(fh, guide, tz, generated_at, live_element)
    return XmltvStats(channels=len(guide.channels), programmes=len(guide.programmes), bytes=path.stat().st_size)


def _read_bytes(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip_mod.decompress(data) if data[:2] == b"\x1f\x8b" else data


def validate_xmltv(path: str | Path, dtd_path: str | Path = DTD_PATH) -> list[str]:
    """DTD errors of an XMLTV file (plain or gzip); an empty list means valid."""
    dtd = etree.DTD(str(dtd_path))
    try:
        doc = etree.fromstring(_read_bytes(Path(path)), etree.XMLParser(resolve_entities=False))
    except etree.XMLSyntaxError as exc:
        return [f"not well-formed: {exc}"]
    if dtd.validate(doc):
        return []
    return [f"line {e.line}: {e.message}" for e in dtd.error_log.filter_from_errors()]
