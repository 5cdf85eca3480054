"""Properties of the outputs written by hand for speed: whatever a provider puts in a name, group,
URL or title, `matches.csv` reads back field for field with `csv.reader`, the XMLTV reads back with
lxml and stays DTD-valid, and a stream URL's host and path are the ones `urllib.parse.urlsplit` reads.
"""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from epgoat_assets.lib.guide.blocks import Guide, GuideChannel
from epgoat_assets.lib.guide.channel_ids import _split
from epgoat_assets.lib.guide.xmltv import clean_text, validate_xmltv, write_xmltv
from epgoat_assets.lib.matches_csv import MATCHES_CSV_COLUMNS, matches_csv
from epgoat_assets.lib.models import ChannelInfo, MatchResult, PlaylistEntry, Programme

MANY = settings(max_examples=300, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
# What CSV and XML must escape, beside ordinary letters, other scripts and emoji.
risky = st.text(st.one_of(st.characters(blacklist_categories=("Cs",)),
                          st.sampled_from(list(',"\n\r\t &<>\'|;\u00a0\u2028🏀'))), max_size=24)


def _result(i: int, name: str, group: str, url: str, filtered_by: str | None) -> MatchResult:
    entry = PlaylistEntry(index=i, line_no=2 * i + 2, name=name, url=url,
                          attrs={"tvg-id": "", "group-title": group})
    ch = ChannelInfo(entry, filtered_by=filtered_by)
    if filtered_by:
        return MatchResult(ch, "filtered", reason=f"filtered:{filtered_by}")
    return MatchResult(ch, "unmatched", reason="not_event_channel")


@MANY
@given(st.lists(st.tuples(risky, risky, risky, st.sampled_from([None, "vod_url", "odd,rule"])), max_size=8))
def test_matches_csv_reads_back_field_for_field(rows) -> None:
    results = [_result(i, n, g, u or "http://x/1", f) for i, (n, g, u, f) in enumerate(rows)]
    read = list(csv.reader(io.StringIO(matches_csv(results), newline="")))
    assert read[0] == list(MATCHES_CSV_COLUMNS)
    assert len(read) == len(results) + 1
    for r, row in zip(results, read[1:], strict=True):
        assert row[:5] == [r.entry.url, "", r.entry.name, r.entry.group, r.status]
        assert row[11:13] == [r.channel.filtered_by or "", r.reason]


@MANY
@given(title=risky, desc=risky, name=risky, icon=risky)
def test_xmltv_reads_back_what_was_written(tmp_path_factory, title, desc, name, icon) -> None:
    start = datetime(2025, 11, 22, 19, tzinfo=UTC)
    guide = Guide(
        channels=[GuideChannel(channel_id="demo.1", display_names=(name,), icon=icon, kind="live", family=None,
                               matched=False, entry_indexes=(0,))],
        programmes=[Programme("demo.1", start, start + timedelta(hours=3), title, desc=desc)],
        provider="demo", tz="America/New_York")
    path = Path(tmp_path_factory.mktemp("xmltv")) / "guide.xml"
    write_xmltv(path, guide)
    assert validate_xmltv(path) == []
    doc = etree.parse(str(path))
    assert doc.findtext("programme/title") == (clean_text(title) or "Untitled")
    assert (doc.findtext("programme/desc") or "") == clean_text(desc, single_line=False)
    assert doc.findtext("channel/display-name") == (clean_text(name) or "demo.1")
    assert (doc.find("channel/icon").get("src") if doc.find("channel/icon") is not None else "") == clean_text(icon)


_programme = st.builds(
    lambda title, sub, desc, cats, icon, live, new, ep: (title, sub, desc, cats, icon, live, new, ep),
    st.sampled_from(["Lakers vs Celtics", "", "NBA 01"]), st.sampled_from([None, "", "Game 3"]),
    st.sampled_from([None, "", "Lakers at Celtics.\nTD Garden."]),
    st.lists(st.sampled_from(["Sports", "Basketball", "sports", "NBA", ""]), max_size=4).map(tuple),
    st.sampled_from([None, "", "https://img.example/a.png"]), st.booleans(), st.booleans(),
    st.sampled_from([None, "", "2024 . 325 . ", "Finals"]))


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(progs=st.lists(_programme, min_size=1, max_size=12),
       names=st.lists(st.lists(st.sampled_from(["ESPN", "", "NBA 01", "ESPN 2"]), min_size=1, max_size=3),
                      min_size=1, max_size=4),
       live_element=st.booleans())
def test_every_record_reads_back_whatever_shape_came_before(tmp_path_factory, progs, names, live_element) -> None:
    # The writer reuses one element per record shape: no text, attribute or child may carry over
    # from the record written before it.
    start = datetime(2025, 11, 22, 19, tzinfo=UTC)
    channels = [GuideChannel(channel_id=f"c{i}", display_names=tuple(n), icon="https://i.example/l.png" if i % 2 else None,
                             kind="live", family=None, matched=False, entry_indexes=(i,)) for i, n in enumerate(names)]
    programmes = [Programme("c0", start + timedelta(hours=i), start + timedelta(hours=i + 1), t, sub_title=sub, desc=d,
                            categories=cats, icon=icon, live=live, new=new, episode_num=ep)
                  for i, (t, sub, d, cats, icon, live, new, ep) in enumerate(progs)]
    path = Path(tmp_path_factory.mktemp("xmltv")) / "guide.xml"
    write_xmltv(path, Guide(channels=channels, programmes=programmes, provider="demo", tz="UTC"),
                live_element=live_element)
    doc = etree.parse(str(path))
    for ch, el in zip(channels, doc.findall("channel"), strict=True):
        assert el.get("id") == ch.channel_id
        assert [d.text for d in el.findall("display-name")] == ([n for n in ch.display_names if n] or [ch.channel_id])
        assert (el.find("icon").get("src") if el.find("icon") is not None else None) == ch.icon
    for p, el in zip(programmes, doc.findall("programme"), strict=True):
        cats = list(dict.fromkeys(c for c in p.categories if c))  # first spelling of each, case-insensitively
        cats = [c for i, c in enumerate(cats) if c.casefold() not in {x.casefold() for x in cats[:i]}]
        ep = clean_text(p.episode_num)
        episodes = [] if not ep else [("xmltv_ns", ep), ("onscreen", "S2025E326")] if "." in ep else [("onscreen", ep)]
        expected = [("title", p.title or "Untitled", {})]
        expected += [("sub-title", p.sub_title, {})] if p.sub_title else []
        expected += [("desc", p.desc, {})] if p.desc else []
        expected += [("category", c, {}) for c in cats] + ([("keyword", "live", {})] if p.live else [])
        expected += [("icon", None, {"src": p.icon})] if p.icon else []
        expected += [("episode-num", v, {"system": s}) for s, v in episodes]
        expected += [("new", None, {})] if p.new else []
        expected += [("live", None, {})] if p.live and live_element else []
        assert [(c.tag, c.text, dict(c.attrib)) for c in el] == expected
        assert (el.get("start"), el.get("stop"), el.get("channel")) == (
            p.start.strftime("%Y%m%d%H%M%S +0000"), p.stop.strftime("%Y%m%d%H%M%S +0000"), "c0")


url_parts = st.sampled_from(["http://", "https://", "HTTP://", "u:p@", "@", "line.example.net", ":8080", "/",
                             "?token=1", "#frag", "live", "12345.ts", "[", "]", "|User-Agent=x", " ", "é", "//"])


@settings(max_examples=3000, deadline=None)
@given(st.lists(url_parts, max_size=10).map("".join))
def test_stream_url_host_and_path_are_urlsplits(url) -> None:
    raw = url.strip().split("|", 1)[0]
    try:
        parts = urlsplit(raw)
        expected = ((parts.hostname or "").lower(), parts.path)
    except ValueError:  # an unbalanced IPv6 bracket: urlsplit's own error, raised on both paths
        return
    assert _split(url) == expected


def test_a_name_holding_a_lone_carriage_return_stays_one_csv_row() -> None:
    # The parser keeps a CR inside a line (only line ends are split on); csv.writer with a "\n"
    # line end left it unquoted, and readers then split the row in two.
    from epgoat_assets.lib.playlists.m3u import parse_m3u

    pl = parse_m3u(b'#EXTM3U\n#EXTINF:-1 group-title="Movies",Foo\rBar (2020)\nhttp://x.example/movie/u/p/1.mkv\n')
    ch = ChannelInfo(pl.entries[0], filtered_by="vod_url")
    read = list(csv.reader(io.StringIO(matches_csv([MatchResult(ch, "filtered", reason="filtered:vod_url")]),
                                       newline="")))
    assert len(read) == 2
    assert read[1][2] == "Foo\rBar (2020)"


@settings(max_examples=3000, deadline=None)
@given(st.text(st.one_of(st.characters(), st.sampled_from(list(" \t\n\r\u00a0\u2028\u3000\x85")))))
def test_single_spaced_text_is_what_whitespace_collapsing_gives_back(text) -> None:
    # The writers skip `" ".join(text.split())` (and their control-character scrub) on such text.
    from epgoat_assets.lib.text import single_spaced

    if single_spaced(text):
        assert " ".join(text.split()) == text
        assert clean_text(text) == text
