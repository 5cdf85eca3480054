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


class _Shapes:
    """One reusable element per shape of `<channel>` / `<programme>`, filled in and written per record.

    A shape is the sequence of children (how many display names; which optional programme parts).
    Filling the texts and attributes of a ready element and writing it costs half of opening an
    element context per element. The whitespace between children is the element's text and the
    children's tails, so the layout is the one the contexts wrote.
    """

    def __init__(self, live_element: bool) -> None:
        self.live_element = live_element
        self._channels: dict[tuple[int, bool], tuple[Any, list[Any], Any]] = {}
        self._programmes: dict[tuple, tuple[Any, list[Any]]] = {}
        self._title_only = self._element("programme", ["title"])
        for attr in ("start", "stop", "channel"):
            self._title_only[0].set(attr, "")

    @staticmethod
    def _element(tag: str, children: list[str]) -> tuple[Any, list[Any]]:
        el = etree.Element(tag)
        el.text = "\n  " if children else "\n"
        el.tail = "\n"
        subs = [etree.SubElement(el, child) for child in children]
        for sub in subs:
            sub.tail = "\n  "
        if subs:
            subs[-1].tail = "\n"
        return el, subs

    def channel(self, ch: GuideChannel) -> Any:
        names = [n for n in map(clean_text, ch.display_names) if n] or [ch.channel_id]
        icon = clean_text(ch.icon)
        key = (len(names), bool(icon))
        shape = self._channels.get(key)
        if shape is None:
            el, subs = self._element("channel", ["display-name"] * len(names) + (["icon"] if icon else []))
            el.set("id", "")
            shape = self._channels[key] = (el, subs[: len(names)], subs[-1] if icon else None)
        el, name_els, icon_el = shape
        el.set("id", ch.channel_id)
        for name_el, name in zip(name_els, names, strict=True):
            name_el.text = name
        if icon_el is not None:
            icon_el.set("src", icon)
        return el

    def programme(self, p: Programme, start: str, stop: str) -> Any:
        if not (p.sub_title or p.desc or p.categories or p.live or p.icon or p.episode_num or p.new):
            # A title alone (the idle row of every ordinary channel: most of a guide).
            el, subs = self._title_only
            el.set("start", start)
            el.set("stop", stop)
            el.set("channel", p.channel_id)
            subs[0].text = clean_text(p.title) or "Untitled"
            return el
        # The DTD's order: title, sub-title, desc, category, keyword, icon, episode-num, new (live).
        texts: list[str] = [clean_text(p.title) or "Untitled"]
        tags = ["title"]
        sub = clean_text(p.sub_title)
        if sub:
            tags.append("sub-title")
            texts.append(sub)
        desc = clean_text(p.desc, single_line=False)
        if desc:
            tags.append("desc")
            texts.append(desc)
        seen: set[str] = set()
        for cat in p.categories:
            cat = clean_text(cat)
            if cat and cat.casefold() not in seen:
                seen.add(cat.casefold())
                tags.append("category")
                texts.append(cat)
        if p.live:
            tags.append("keyword")
            texts.append("live")
        icon = clean_text(p.icon)
        episodes = _episode_nums(p.episode_num)
        live = p.live and self.live_element
        key = (*tags, bool(icon), *(system for system, _ in episodes), p.new, live)
        shape = self._programmes.get(key)
        if shape is None:
            children = [*tags, *(["icon"] if icon else []), *(["episode-num"] * len(episodes)),
                        *(["new"] if p.new else []), *(["live"] if live else [])]
            el, subs = self._element("programme", children)
            for attr in ("start", "stop", "channel"):
                el.set(attr, "")
            for sub_el, (system, _) in zip(subs[len(tags) + bool(icon):], episodes, strict=False):
                sub_el.set("system", system)
            shape = self._programmes[key] = (el, subs)
        el, subs = shape
        el.set("start", start)
        el.set("stop", stop)
        el.set("channel", p.channel_id)
        for sub_el, text in zip(subs, texts, strict=False):
            sub_el.text = text
        n = len(texts)
        if icon:
            subs[n].set("src", icon)
            n += 1
        for sub_el, (_, value) in zip(subs[n:], episodes, strict=False):
            sub_el.text = value
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
    """The document through lxml's incremental writer, one reused element per record shape.

    lxml escapes every text and attribute. Building an element tree per programme cost ~25 us, an
    element context per element about half; filling a ready element of the record's shape about
    half again. The whitespace in the elements gives the layout `pretty_print` gave.
    """
    attrs = {"generator-info-name": GENERATOR_NAME, "generator-info-url": GENERATOR_URL}
    if guide.provider:
        attrs["source-info-name"] = clean_text(guide.provider)
    if generated_at is not None:
        attrs = {"date": xmltv_time(generated_at, tz), **attrs}
    # Most programmes share their start and stop (every idle row spans the window): format each once.
    times = lru_cache(maxsize=4096)(lambda dt: xmltv_time(dt, tz))
    shapes = _Shapes(live)
    with etree.xmlfile(out, encoding="UTF-8", buffered=True) as xf:
        xf.write_declaration()
        xf.write_doctype('<!DOCTYPE tv SYSTEM "xmltv.dtd">')
        with xf.element("tv", attrs):
            xf.write("\n")
            write, channel, programme = xf.write, shapes.channel, shapes.programme
            for ch in guide.channels:
                write(channel(ch))
            for p in guide.programmes:
                write(programme(p, times(p.start), times(p.stop)))


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
            # mtime=0 and no file name keep the compressed bytes deterministic. Level 6 (gzip's
            # own default) instead of 9: a third of the time for 5% more bytes on a guide.
            with gzip_mod.GzipFile(filename="", mode="wb", fileobj=fh, mtime=0, compresslevel=6) as gz:
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
