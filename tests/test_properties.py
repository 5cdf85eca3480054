"""Property-based tests: the M3U parser and the channel-name parser never crash on any input (only the
documented ValueError subclasses), and what epgoat writes as M3U reads back the same.

tests/test_m3u.py already throws arbitrary bytes at `parse_m3u` and round-trips names without quotes
or commas; these properties add structured hostile text (quotes, commas, `=`, `#EXTINF` inside names,
controls, RTL and emoji), both writers (`format_m3u` and the tvg-id copy `write_m3u`) and the name parser.
"""

from __future__ import annotations

from datetime import date, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from epgoat_assets.lib.guide.m3u_writer import write_m3u
from epgoat_assets.lib.matching.names import NameParseError, parse_channel_name
from epgoat_assets.lib.models import ChannelInfo, MatchResult, PlaylistEntry
from epgoat_assets.lib.playlists.m3u import M3UFormatError, format_m3u, parse_m3u

pytest_plugins = ["reliability_plugin"]

# `fault` and `tmp_path_factory` hold no per-example state, so sharing them across examples is safe.
FAST = settings(max_examples=150, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

# Text as providers write it: letters of several scripts, digits, punctuation that matters to M3U.
hostile_chars = st.one_of(
    st.characters(blacklist_categories=("Cs",)),
    st.sampled_from(list(',"=#:|@&<>\'\u200f\u202e\u200d🏀🇺🇸 \t')),
)
hostile_text = st.text(hostile_chars, max_size=40)
line_text = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), max_size=40)
m3u_lines = st.lists(st.one_of(
    st.just("#EXTM3U"),
    st.builds(lambda a, n: f'#EXTINF:-1 tvg-name="{a}" group-title="{n}",{n}', hostile_text, hostile_text),
    st.builds(lambda n: f"#EXTINF:{n}", hostile_text),
    st.builds(lambda p: f"http://line.example-iptv.net:8080/live/u/{p}.ts", st.from_regex(r"[A-Za-z0-9]{1,8}", fullmatch=True)),
    st.sampled_from(["#EXTGRP:News", "#EXTVLCOPT:http-user-agent=VLC", "", "   ", "#", "junk line"]),
    hostile_text,
), max_size=30)


@FAST
@given(m3u_lines, st.sampled_from(["\n", "\r\n", "\r"]))
def test_m3u_parser_never_crashes_on_hostile_lines(fault, lines, newline) -> None:
    fault("property: playlists assembled from hostile lines (quotes, commas, controls, RTL, emoji; LF/CRLF/CR)",
          "parse_m3u returns entries (every one with a URL, indexes in order) or raises M3UFormatError; "
          "nothing else", lost="nothing")
    data = newline.join(lines).encode("utf-8", "surrogatepass")
    try:
        pl = parse_m3u(data)
    except M3UFormatError as exc:
        assert "\n" not in str(exc)
        return
    assert [e.index for e in pl.entries] == list(range(len(pl.entries)))
    assert all(e.url and "\n" not in e.name and "\n" not in e.url for e in pl.entries)
    assert pl.stats.entries == len(pl.entries)


attr_value = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters='"'),
                     max_size=30).map(str.strip)
name_text = line_text.map(lambda s: " ".join(s.split())).filter(lambda s: not s.startswith("#"))


@st.composite
def entries(draw) -> list[PlaylistEntry]:
    out = []
    for i in range(draw(st.integers(0, 6))):
        attrs = draw(st.dictionaries(st.from_regex(r"[a-z][a-z0-9-]{0,10}", fullmatch=True), attr_value, max_size=4))
        url = "http://line.example-iptv.net:8080/live/u/p/" + draw(st.from_regex(r"[A-Za-z0-9_.-]{1,12}", fullmatch=True))
        out.append(PlaylistEntry(i, 0, draw(name_text), url, -1.0, attrs, ()))
    return out


@FAST
@given(entries())
def test_format_m3u_then_parse_m3u_gives_back_every_entry(fault, items) -> None:
    fault("property: format_m3u then parse_m3u with commas, '=', ':' and RTL/emoji in names and attribute values",
          "the same names, URLs and attributes come back, in order", lost="nothing")
    pl = parse_m3u(format_m3u(items, {"url-tvg": "https://epg.example.org/demo.xml.gz"}).encode("utf-8"))
    assert [(e.name, e.url, e.attrs) for e in pl.entries] == [(e.name, e.url, e.attrs) for e in items]


@FAST
@given(entries(), st.data())
def test_the_tvg_id_copy_reads_back_with_the_guide_ids(fault, tmp_path_factory, items, data) -> None:
    fault("property: the tvg-id M3U copy (write_m3u) of hostile entries read back with parse_m3u",
          "every entry back in order with its URL, name and the guide's tvg-id", lost="nothing")
    results = [MatchResult(ChannelInfo(e), "unmatched") for e in items]
    ids = {e.index: f"demo.{e.index}" for e in items if data.draw(st.booleans())}
    path = tmp_path_factory.mktemp("m3u") / "copy.m3u"
    write_m3u(path, {"x-tvg-url": "http://old.example/epg.xml"}, results, channel_ids=ids,
              guide_url="https://epg.example.org/demo.xml.gz")
    pl = parse_m3u(path)
    # epgoat's guide first, then the playlist's own, so linear channels keep their real guide
    urls = "https://epg.example.org/demo.xml.gz,http://old.example/epg.xml"
    assert pl.header["url-tvg"] == pl.header["x-tvg-url"] == urls
    assert [(e.url, e.name) for e in pl.entries] == [(e.url, " ".join(e.name.split())) for e in items]
    for got, want in zip(pl.entries, items, strict=True):
        own = want.attrs.get("tvg-id", "")
        # an ordinary channel keeps its own tvg-id; one without gets the guide's, if any
        assert got.tvg_id == (own if own.strip() else ids.get(want.index, own))


@FAST
@given(hostile_text, st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)),
       st.sampled_from(["America/New_York", "Europe/London", "Asia/Tokyo", "UTC", "Australia/Lord_Howe"]),
       st.sampled_from(["mdy", "dmy", "auto"]))
def test_name_parser_never_crashes(fault, name, on_date, tz, order) -> None:
    fault("property: parse_channel_name on arbitrary text, dates 2000-2099, five zones, three date orders",
          "a ParsedName (aware UTC start or none) for every input; no exception", lost="nothing")
    parsed = parse_channel_name(name, on_date=on_date, default_tz=tz, date_order=order)
    assert parsed.raw == name
    assert parsed.start_utc is None or (isinstance(parsed.start_utc, datetime) and parsed.start_utc.utcoffset().total_seconds() == 0)
    assert all(isinstance(s, str) and s for s in parsed.sides)


@FAST
@given(st.builds(lambda fam, slot, a, b, h, m, ap, z: f"{fam} {slot:02d}: {a} vs {b} {h}:{m:02d} {ap} {z}",
                 st.sampled_from(["NBA", "NHL", "US| ESPN+", "EPL", "NFL Sunday Ticket"]), st.integers(0, 999),
                 line_text, line_text, st.integers(0, 99), st.integers(0, 99), st.sampled_from(["AM", "PM", "", "pm"]),
                 st.sampled_from(["ET", "PT", "UK", "CET", "GMT+2", "UTC-05:00", "XYZ", ""])))
def test_name_parser_never_crashes_on_event_shaped_names(fault, name) -> None:
    fault("property: event-shaped names with impossible times (25:99), odd zones and hostile team text",
          "a ParsedName for every input; no exception", lost="nothing")
    parsed = parse_channel_name(name, on_date=date(2025, 11, 22))
    assert parsed.raw == name


@given(st.text(max_size=20).filter(lambda s: s not in ("mdy", "dmy", "auto")))
@settings(max_examples=50, deadline=None)
def test_name_parser_rejects_bad_arguments_with_its_own_error(order) -> None:
    try:
        parse_channel_name("NBA 01: A vs B", on_date=date(2025, 11, 22), date_order=order)
    except NameParseError as exc:
        assert "\n" not in str(exc)
    else:
        raise AssertionError(f"date_order {order!r} was accepted")
