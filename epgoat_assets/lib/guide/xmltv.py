"""Write a `Guide` as XMLTV: streamed with lxml's incremental writer, valid against the XMLTV DTD.

Element order inside <programme> follows the DTD's content model exactly (title, sub-title, desc,
category, keyword, icon, episode-num, new), because strict consumers and `tv_validate_file` reject
anything else. Every string from a provider or an event source is cleaned of characters XML 1.0 cannot
carry and of C1 controls, which validators flag as mis-encoded Windows-1252.
"""

from __future__ import annotations

import gzip as gzip_mod
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO
from zoneinfo import ZoneInfo

from lxml import etree

from epgoat_assets.lib.atomic import atomic_output
from epgoat_assets.lib.guide.blocks import Guide, GuideChannel
from epgoat_assets.lib.models import Programme

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
    text = _ILLEGAL.sub("", value)
    return " ".join(text.split()) if single_line else text.strip()


def xmltv_time(dt: datetime, tz: ZoneInfo) -> str:
    """`20251123193000 -0500`: the instant in the provider's zone with its real offset (DST aware)."""
    if dt.tzinfo is None:
        raise XmltvError(f"programme time {dt.isoformat()} has no time zone")
    return dt.astimezone(tz).strftime("%Y%m%d%H%M%S %z")


def _text_el(tag: str, text: str, **attrs: str) -> etree._Element:
    el = etree.Element(tag, attrs)
    el.text = text
    return el


def _channel_element(ch: GuideChannel) -> etree._Element:
    el = etree.Element("channel", id=ch.channel_id)
    names = [n for n in (clean_text(n) for n in ch.display_names) if n] or [ch.channel_id]
    for name in names:
        el.append(_text_el("display-name", name))
    icon = clean_text(ch.icon)
    if icon:
        etree.SubElement(el, "icon", src=icon)
    return el


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


def _programme_element(p: Programme, tz: ZoneInfo, live_element: bool) -> etree._Element:
    el = etree.Element("programme", start=xmltv_time(p.start, tz), stop=xmltv_time(p.stop, tz))
    el.set("channel", p.channel_id)
    el.append(_text_el("title", clean_text(p.title) or "Untitled"))
    sub = clean_text(p.sub_title)
    if sub:
        el.append(_text_el("sub-title", sub))
    desc = clean_text(p.desc, single_line=False)
    if desc:
        el.append(_text_el("desc", desc))
    seen: set[str] = set()
    for cat in p.categories:
        cat = clean_text(cat)
        if cat and cat.casefold() not in seen:
            seen.add(cat.casefold())
            el.append(_text_el("category", cat))
    if p.live:
        # The DTD has no <live/>; <keyword> is its standard place for such tags.
        el.append(_text_el("keyword", "live"))
    icon = clean_text(p.icon)
    if icon:
        etree.SubElement(el, "icon", src=icon)
    for system, value in _episode_nums(p.episode_num):
        el.append(_text_el("episode-num", value, system=system))
    if p.new:
        etree.SubElement(el, "new")
    if p.live and live_element:
        etree.SubElement(el, "live")
    return el


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
    attrs = {"generator-info-name": GENERATOR_NAME, "generator-info-url": GENERATOR_URL}
    if guide.provider:
        attrs["source-info-name"] = clean_text(guide.provider)
    if generated_at is not None:
        attrs = {"date": xmltv_time(generated_at, tz), **attrs}
    with etree.xmlfile(out, encoding="UTF-8") as xf:
        xf.write_declaration()
        xf.write_doctype('<!DOCTYPE tv SYSTEM "xmltv.dtd">')
        with xf.element("tv", attrs):
            xf.write("\n")
            for ch in guide.channels:
                xf.write(_channel_element(ch), pretty_print=True)
            for p in guide.programmes:
                xf.write(_programme_element(p, tz, live), pretty_print=True)


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
