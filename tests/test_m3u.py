"""The extended-M3U parser: every attribute, directives, encodings, sources and malformed input."""

from __future__ import annotations

import gzip
import http.server
import io
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from epgoat_assets.lib.models import PlaylistEntry
from epgoat_assets.lib.playlists.m3u import (
    M3UFormatError,
    PlaylistFetchError,
    fetch_playlist,
    format_m3u,
    iter_m3u,
    parse_m3u,
    survey_m3u,
)

DATA = Path(__file__).parent / "data" / "playlists"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"

NBA_LINE = (
    '#EXTINF:-1 tvg-id="" tvg-name="NBA 01: Lakers vs Celtics 7:00 PM ET" '
    'tvg-logo="http://logos.example-iptv.net/nba.png" group-title="NBA League Pass EVENTS",'
    "NBA 01: Lakers vs Celtics 7:00 PM ET"
)
NBA_URL = "http://line.example-iptv.net:8080/live/u20/20251122/101060.ts"


def playlist(*lines: str, newline: str = "\n") -> bytes:
    return newline.join(lines).encode("utf-8") + newline.encode()


# --- well-formed input ----------------------------------------------------------------------


def test_entry_carries_name_url_duration_and_every_attribute():
    pl = parse_m3u(playlist("#EXTM3U", NBA_LINE, NBA_URL))
    (e,) = pl.entries
    assert e.name == "NBA 01: Lakers vs Celtics 7:00 PM ET"
    assert e.url == NBA_URL
    assert e.duration == -1
    assert e.attrs == {
        "tvg-id": "",
        "tvg-name": "NBA 01: Lakers vs Celtics 7:00 PM ET",
        "tvg-logo": "http://logos.example-iptv.net/nba.png",
        "group-title": "NBA League Pass EVENTS",
    }
    assert (e.index, e.line_no) == (0, 2)


def test_header_attributes_url_tvg_and_x_tvg_url_are_kept():
    pl = parse_m3u(DATA / "base.m3u")
    assert pl.header == {"x-tvg-url": "http://195.154.221.171/epg/guidealbania.xml.gz"}
    both = parse_m3u(playlist('#EXTM3U url-tvg="http://a/g.xml" x-tvg-url="http://b/g.xml.gz"', NBA_LINE, NBA_URL))
    assert both.header == {"url-tvg": "http://a/g.xml", "x-tvg-url": "http://b/g.xml.gz"}


def test_catchup_and_unknown_attributes_are_kept():
    e = parse_m3u(DATA / "base.m3u").entries[3]
    assert e.name == "TRT 1 HD"
    assert e.attrs["catchup"] == "shift"
    assert e.attrs["catchup-days"] == "3"
    assert e.attrs["catchup-source"].startswith("https://m3u-server/hls-apple-s4-c494-abcdef.m3u8?utc=")
    assert e.attrs["tvg-shift"] == "-4.5"
    assert e.attrs["lang"] == "tur"  # not a tvg-* key, kept anyway


def test_name_starts_after_first_comma_outside_quotes():
    entries = parse_m3u(DATA / "base.m3u").entries
    assert entries[0].attrs["tvg-logo"].endswith("xshow_08.png,Mic_.2KNN9OHw1p.png.pagespeed.ce.2KNN9OHw1p.png")
    assert entries[0].name == "Channel 1 (Tested)"
    assert entries[4].name == "name,with comma"
    assert entries[5].attrs["tvg-name"] == "The Good, the Bad and the Ugly"
    assert entries[5].name == "The Good, the Bad and the Ugly"


def test_attribute_keys_are_lower_cased():
    e = parse_m3u(DATA / "base.m3u").entries[0]
    assert e.tvg_id == "CH1"  # written `tvg-ID="CH1"`


def test_directives_stay_with_their_entry_in_order():
    e = parse_m3u(DATA / "base.m3u").entries[0]
    assert e.directives == (
        "#EXTGRP:Только Android",
        "#EXTVLCOPT:http-referrer=http://player.livesports.pw/la2/",
        "#EXTVLCOPT:http-user-agent=Mozilla/5.0 (Macintosh; Intel Mac OS X 10_14_5) AppleWebKit/537.36 "
        "(KHTML, like Gecko) Chrome/76.0.3809.25 Safari/537.36",
    )
    kodi = parse_m3u(DATA / "kodi.m3u").entries[0]
    assert kodi.directives == (
        "#KODIPROP:inputstream=inputstream.adaptive",
        "#KODIPROP:inputstream.adaptive.manifest_type=hls",
    )
    assert kodi.url.endswith("|user-agent=RTP Play/2.0.26 (Linux;Android 11) ExoPlayerLib/2.11.8")


def test_extgrp_directive_is_kept_next_to_group_title():
    e = parse_m3u(DATA / "vlcopt.m3u").entries[0]
    assert e.group == "Entertainment"
    assert e.directives[0] == "#EXTGRP:News"


def test_duration_and_relative_urls():
    entries = parse_m3u(DATA / "base.m3u").entries
    assert entries[1].duration == 16
    assert entries[1].url == "stream/chunklist.m3u8"
    pipe = parse_m3u(DATA / "pipe.m3u").entries
    assert [e.duration for e in pipe] == [17, 555]


def test_indented_lines_parse_like_flush_ones():
    entries = parse_m3u(DATA / "base.m3u").entries
    assert entries[0].url == "http://livestream.htp.tv/hls-live/livepkgr/_definst_/H1/H1_HQ.m3u8"


def test_duplicate_header_and_mixed_crlf_lf_lines():
    pl = parse_m3u(DATA / "iptv-org-categories_sports.m3u")
    assert pl.stats.header_lines == 2
    assert len(pl.entries) == 283
    assert pl.stats.skips == {}
    assert all("\r" not in e.name and "\r" not in e.url for e in pl.entries)
    assert pl.entries[0].name == "30A Golf Kingdom"
    assert pl.entries[0].url == "https://30a-tv.com/feeds/vidaa/golf.m3u8"


def test_crlf_everywhere():
    pl = parse_m3u(playlist("#EXTM3U", NBA_LINE, NBA_URL, newline="\r\n"))
    assert pl.entries[0].url == NBA_URL
    assert pl.entries[0].name.endswith("7:00 PM ET")


def test_utf8_bom_is_dropped():
    pl = parse_m3u(b"\xef\xbb\xbf" + playlist("#EXTM3U", NBA_LINE, NBA_URL))
    assert len(pl.entries) == 1
    assert pl.stats.encoding == "utf-8-sig"


def test_latin1_lines_fall_back_without_losing_entries():
    data = playlist("#EXTM3U", NBA_LINE, NBA_URL).replace(b"\n", b"\n", 1) + (
        '#EXTINF:-1 group-title="Sports",Montréal Canadiens vs Bruins\n'.encode("latin-1")
        + b"http://line.example-iptv.net:8080/live/u20/1.ts\n"
    )
    pl = parse_m3u(data)
    assert [e.name for e in pl.entries][1] == "Montréal Canadiens vs Bruins"
    assert pl.stats.latin1_lines == 1
    assert pl.stats.encoding == "utf-8+latin-1"


def test_gzip_input_is_detected_by_magic_bytes(tmp_path):
    gz = tmp_path / "playlist.m3u.gz"
    gz.write_bytes(gzip.compress((DATA / "dev-2025-11-22-p2-slice.m3u").read_bytes()))
    assert len(parse_m3u(gz).entries) == len(parse_m3u(DATA / "dev-2025-11-22-p2-slice.m3u").entries)
    assert parse_m3u(gz).stats.compressed


def test_sources_path_str_bytes_text_and_stream_agree():
    path = DATA / "vlcopt.m3u"
    raw = path.read_bytes()
    variants = [path, str(path), raw, raw.decode(), io.BytesIO(raw)]
    results = [parse_m3u(v).entries for v in variants]
    assert all(r == results[0] for r in results)


def test_iter_m3u_streams_entries_and_fills_stats():
    from epgoat_assets.lib.playlists.m3u import ParseStats

    stats = ParseStats()
    it = iter_m3u(DATA / "dev-2025-11-22-p2-slice.m3u", stats=stats)
    first = next(it)
    assert first.index == 0
    rest = list(it)
    assert stats.entries == 1 + len(rest) == 600
    assert [e.index for e in rest] == list(range(1, 600))


def test_entries_split_across_read_blocks_are_intact(monkeypatch):
    import epgoat_assets.lib.playlists.m3u as m3u

    monkeypatch.setattr(m3u, "_BLOCK", 97)  # blocks cut lines and entries everywhere
    small = parse_m3u(DATA / "dev-2025-11-22-p2-slice.m3u").entries
    monkeypatch.undo()
    assert small == parse_m3u(DATA / "dev-2025-11-22-p2-slice.m3u").entries


def test_stats_as_metadata_is_plain_data():
    meta = parse_m3u(DATA / "base.m3u").stats.as_metadata()
    assert meta["entries"] == 6
    assert meta["skips"] == {"url_without_extinf": 1}
    assert meta["skip_sample_lines"] == {"url_without_extinf": [10]}
    assert meta["encoding"] == "utf-8"


# --- malformed input ------------------------------------------------------------------------


def test_entry_without_url_is_skipped_with_its_line_number():
    pl = parse_m3u(playlist("#EXTM3U", NBA_LINE, NBA_LINE.replace("01", "02"), NBA_URL))
    assert [e.name for e in pl.entries] == ["NBA 02: Lakers vs Celtics 7:00 PM ET"]
    assert pl.stats.skips == {"extinf_without_url": 1}
    assert pl.stats.skip_lines["extinf_without_url"] == [2]


def test_trailing_entry_without_url_is_skipped():
    pl = parse_m3u(playlist("#EXTM3U", NBA_LINE, NBA_URL, NBA_LINE))
    assert len(pl.entries) == 1
    assert pl.stats.skip_lines == {"extinf_without_url": [4]}


def test_url_without_extinf_is_skipped():
    pl = parse_m3u(playlist("#EXTM3U", NBA_URL, NBA_LINE, NBA_URL))
    assert len(pl.entries) == 1
    assert pl.stats.skip_lines == {"url_without_extinf": [2]}


def test_junk_separator_line_does_not_become_a_url():
    # free-tv's `[NO PUBLIC STREAM]` placeholder lines: the entry has no stream.
    pl = parse_m3u(playlist("#EXTM3U", NBA_LINE, "[NO PUBLIC STREAM]", NBA_LINE, NBA_URL))
    assert len(pl.entries) == 1
    assert pl.stats.skips == {"junk_line": 1, "extinf_without_url": 1}


def test_unterminated_quote_keeps_the_entry_and_counts_a_repair():
    # Real line from iptv-org-derived/mega.m3u: the user-agent value never closes its quote.
    line = (
        '#EXTINF:-1 tvg-id="24TV.tr@SD" tvg-logo="https://i.imgur.com/8FO41es.png" '
        'http-user-agent="Mozilla/5.0 Macintosh; Intel Mac OS X 10_14_5 AppleWebKit/537.36 KHTML '
        'group-title="News",24 TV (1080p)'
    )
    pl = parse_m3u(playlist("#EXTM3U", line, "https://example.org/24tv.m3u8"))
    (e,) = pl.entries
    assert e.name == "24 TV (1080p)"
    assert e.tvg_id == "24TV.tr@SD"
    assert pl.stats.repairs == {"unterminated_quote": 1}
    assert pl.stats.skips == {}


def test_line_of_megabytes_is_skipped_and_parsing_continues():
    huge = "#EXTINF:-1 tvg-name=\"" + "x" * 3_000_000 + '",Huge'
    pl = parse_m3u(playlist("#EXTM3U", huge, "http://a/huge.ts", NBA_LINE, NBA_URL), max_line_bytes=1 << 20)
    assert [e.url for e in pl.entries] == [NBA_URL]
    assert pl.stats.skips["line_too_long"] == 1
    assert pl.stats.skips["url_without_extinf"] == 1
    assert pl.stats.skip_lines["line_too_long"] == [2]


def test_binary_junk_between_entries_is_skipped():
    data = playlist("#EXTM3U", NBA_LINE, NBA_URL) + b"\x00\x01\x02\xff\xfe garbage \x07\n" + playlist(
        NBA_LINE.replace("01", "02"), NBA_URL.replace("101060", "101061")
    )
    pl = parse_m3u(data)
    assert len(pl.entries) == 2
    assert pl.stats.skips == {"binary_junk": 1}


@pytest.mark.parametrize(
    ("data", "why"),
    [
        (b"", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "binary"),
        (b"<html><body>Access denied</body></html>\n", "no #EXTM3U header"),
        (b'{"error": "invalid credentials"}', "no #EXTM3U header"),
    ],
)
def test_not_an_m3u_is_a_one_line_error(data, why):
    with pytest.raises(M3UFormatError) as exc:
        parse_m3u(data)
    assert why in str(exc.value)
    assert "\n" not in str(exc.value)


def test_missing_file_is_a_one_line_error(tmp_path):
    with pytest.raises(M3UFormatError, match="file not found"):
        parse_m3u(tmp_path / "nope.m3u")


def test_corrupt_gzip_is_a_one_line_error():
    data = gzip.compress(playlist("#EXTM3U", NBA_LINE, NBA_URL))
    with pytest.raises(M3UFormatError, match="corrupt gzip"):
        parse_m3u(data[:12] + b"\x00" * 40)


def test_playlist_without_header_but_with_entries_is_accepted():
    pl = parse_m3u(playlist(NBA_LINE, NBA_URL))
    assert len(pl.entries) == 1
    assert pl.stats.header_lines == 0


# --- http(s) sources ------------------------------------------------------------------------


class _Handler(http.server.BaseHTTPRequestHandler):
    routes: dict[str, tuple[int, bytes]] = {}

    def do_GET(self):  # noqa: N802 - http.server API
        status, body = self.routes.get(self.path, (404, b"not found"))
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):  # keep test output quiet
        pass


@pytest.fixture
def http_server() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_parse_from_http_url(http_server):
    body = (DATA / "dev-2025-11-22-p2-slice.m3u").read_bytes()
    _Handler.routes = {"/get.php": (200, body), "/gz": (200, gzip.compress(body))}
    assert len(parse_m3u(f"{http_server}/get.php").entries) == 600
    assert len(parse_m3u(f"{http_server}/gz").entries) == 600


def test_fetch_refuses_oversized_bodies(http_server):
    _Handler.routes = {"/big": (200, b"#EXTM3U\n" + b"x" * 5000)}
    with pytest.raises(PlaylistFetchError, match="exceeds the 1000 limit"):
        fetch_playlist(f"{http_server}/big", max_bytes=1000)


def test_fetch_http_error_status_is_one_line(http_server):
    _Handler.routes = {}
    with pytest.raises(PlaylistFetchError, match=r"HTTP 404$"):
        fetch_playlist(f"{http_server}/missing.m3u")


def test_fetch_connection_refused_is_one_line():
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(PlaylistFetchError) as exc:
        fetch_playlist(f"http://127.0.0.1:{port}/x.m3u", timeout=5)
    assert "\n" not in str(exc.value)


# --- real playlists -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "entries"),
    [
        ("free-tv-playlist_zz_vod_it.m3u8", 155),
        ("iptv-org-categories_sports.m3u", 283),
        ("comment.m3u", 1),
        ("pipe.m3u", 2),
    ],
)
def test_real_playlists_parse_completely(name, entries):
    pl = parse_m3u(DATA / name)
    assert len(pl.entries) == entries
    assert all(e.url and e.name for e in pl.entries)


def test_free_tv_full_playlist_counts_its_streamless_entries():
    path = SHARED / "data" / "playlists" / "free-tv" / "playlist.m3u8"
    if not path.exists():
        pytest.skip(f"shared data not available at {path}")
    pl = parse_m3u(path)
    # 2,059 EXTINF lines; 9 of them are followed by `[NO PUBLIC STREAM]` instead of a URL.
    assert len(pl.entries) + pl.stats.skips["extinf_without_url"] == 2059
    assert pl.stats.skips["junk_line"] == 9
    assert len(pl.header["x-tvg-url"].split(",")) > 50


# --- properties -----------------------------------------------------------------------------


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_never_crash(data):
    try:
        pl = parse_m3u(b"#EXTM3U\n" + data)
    except M3UFormatError:
        return
    for i, e in enumerate(pl.entries):
        assert e.index == i
        assert e.url


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=500))
def test_arbitrary_bytes_without_header_raise_only_format_errors(data):
    try:
        parse_m3u(data)
    except M3UFormatError as exc:
        assert "\n" not in str(exc)


_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"), blacklist_characters='"'),
    max_size=30,
)
_key = st.from_regex(r"[a-z][a-z0-9-]{0,12}", fullmatch=True)


@st.composite
def entries(draw) -> list[PlaylistEntry]:
    out = []
    for i in range(draw(st.integers(0, 8))):
        name = draw(_text).strip()
        attrs = draw(st.dictionaries(_key, _text.map(str.strip), max_size=5))
        url = "http://line.example-iptv.net:8080/live/u/" + draw(st.from_regex(r"[A-Za-z0-9_./-]{1,20}", fullmatch=True))
        directives = tuple(draw(st.lists(st.sampled_from(
            ["#EXTVLCOPT:http-user-agent=Mozilla/5.0", "#EXTGRP:News", "#KODIPROP:inputstream=adaptive"]
        ), max_size=2)))
        duration = draw(st.sampled_from([-1.0, 0.0, 16.0, 555.0]))
        out.append(PlaylistEntry(i, 0, name, url, duration, attrs, directives))
    return out


@settings(max_examples=200, deadline=None)
@given(entries())
def test_entries_round_trip_through_m3u_text(items):
    text = format_m3u(items, {"url-tvg": "http://epg.example.org/guide.xml.gz"})
    pl = parse_m3u(text.encode())
    assert pl.header == {"url-tvg": "http://epg.example.org/guide.xml.gz"}
    got = [(e.name, e.url, e.duration, e.attrs, e.directives) for e in pl.entries]
    assert got == [(e.name, e.url, e.duration, e.attrs, e.directives) for e in items]


# --- the fast path (learned EXTINF layouts) parses exactly like the line-by-line path ----------

CORPUS = Path(__file__).parent / "corpus" / "playlists"


def _parse_both(source, **kw) -> tuple[object, object]:
    """(entries, stats) from the default parser and from its line-by-line reference path."""
    from epgoat_assets.lib.playlists.m3u import DEFAULT_MAX_BYTES, DEFAULT_MAX_LINE_BYTES, ParseStats, _iter_batches

    results = []
    for fast in (True, False):
        stats, header = ParseStats(), {}
        try:
            entries = [e for batch in _iter_batches(
                source, kw.get("max_line_bytes", DEFAULT_MAX_LINE_BYTES), DEFAULT_MAX_BYTES, stats, header, fast
            ) for e in batch]
        except M3UFormatError as exc:
            results.append(("error", str(exc)))
            continue
        results.append((entries, header, stats.as_metadata()))
    return results[0], results[1]


def _real_playlists() -> list[Path]:
    paths = sorted(DATA.glob("*.m3u*")) + sorted(CORPUS.glob("*.m3u*"))
    shared = SHARED / "data" / "playlists"
    if shared.is_dir():
        paths += sorted(shared.glob("*/*.m3u*"))
    dev = SHARED / "bench" / "dev"
    if dev.is_dir():
        paths += sorted(dev.glob("*.m3u"))
    return paths


@pytest.mark.parametrize("path", _real_playlists(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_fast_path_matches_line_by_line_path_on_real_playlists(path, monkeypatch):
    fast, reference = _parse_both(path)
    assert fast == reference
    # Block and span edges anywhere (entries split across reads and decodes) change nothing either.
    import epgoat_assets.lib.playlists.m3u as m3u

    monkeypatch.setattr(m3u, "_BLOCK", 4093)
    monkeypatch.setattr(m3u, "_SPAN", 1021)
    small_fast, _ = _parse_both(path)
    assert small_fast == reference


_plain = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters='"\n'), max_size=12)
_odd_bits = st.sampled_from(['"', '"', "\r", " ", "\t", ",", "\x01", "=", "#", "é", "", "", "", ""])


@st.composite
def messy_playlists(draw) -> bytes:
    """Mostly provider-shaped entries in a few layouts, with every kind of defect sprinkled in."""
    layouts = [
        ("tvg-id", "tvg-name", "tvg-logo", "group-title"),
        ("tvg-name", "tvg-logo", "group-title"),
        ("tvg-ID", "group-title"),
    ]
    out = ["#EXTM3U"]
    main = draw(st.sampled_from(layouts))
    for i in range(draw(st.integers(0, 30))):
        # Long runs of one layout, as providers write them, so defects land inside fast runs.
        keys = main if draw(st.integers(0, 4)) else draw(st.sampled_from(layouts))
        dur = draw(st.sampled_from(["-1", "-1", "0", "120.5", " -1", "x"]))
        values = [draw(_plain) for _ in keys]
        name = draw(_plain) + draw(_odd_bits) + draw(_plain)
        attrs = " ".join(f'{k}="{v}"' for k, v in zip(keys, values, strict=True))
        comma = draw(st.sampled_from([",", ",", ",", " ,", "x,", ""]))
        line = f"#EXTINF:{dur} {attrs}{comma}{name}"
        if draw(st.integers(0, 9)) == 0:
            line = draw(st.sampled_from(["  ", "\t", ""])) + line + draw(_odd_bits)
        out.append(line)
        for _ in range(draw(st.integers(0, 1)) * draw(st.integers(0, 2))):
            out.append(draw(st.sampled_from(["#EXTGRP:News", "#EXTVLCOPT:a=b", "", "# note", "junk"])))
        url = f"http://line.example-iptv.net:8080/movie/u/p/{i}.mkv"
        if draw(st.integers(0, 5)) == 0:
            url = draw(st.sampled_from(["", " " + url, url + " ", url + "\r", url + "\x01", "stream.m3u8",
                                        "[NO STREAM]", "#" + url, url.replace("http://", "")]))
        out.append(url)
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    return newline.join(out).encode("utf-8", "surrogatepass") + draw(st.sampled_from([b"\n", b""]))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(messy_playlists())
def test_fast_path_matches_line_by_line_path_on_messy_input(data):
    fast, reference = _parse_both(data)
    assert fast == reference


def test_quote_in_a_display_name_inside_a_run_of_regular_entries():
    lines = ["#EXTM3U"]
    for i, name in enumerate(["Night River (2001)", "Blue Road (1999)", 'The "Best" Of (2004)', "Storm (2011)"]):
        lines += [f'#EXTINF:-1 tvg-name="{name}" group-title="FILMS",{name}', f"http://h/movie/u/p/{i}.mkv"]
    pl = parse_m3u(playlist(*lines))
    assert [e.name for e in pl.entries] == ["Night River (2001)", "Blue Road (1999)", 'The "Best" Of (2004)',
                                             "Storm (2011)"]


def test_parsed_entries_are_ordinary_frozen_playlist_entries():
    import dataclasses
    import pickle

    (e,) = parse_m3u(playlist("#EXTM3U", NBA_LINE, NBA_URL)).entries
    assert type(e) is PlaylistEntry
    assert e == PlaylistEntry(0, 2, e.name, NBA_URL, -1.0, dict(e.attrs), ())
    assert pickle.loads(pickle.dumps(e)) == e
    with pytest.raises(dataclasses.FrozenInstanceError):
        e.name = "other"  # type: ignore[misc]


def test_parse_leaves_the_garbage_collector_as_it_found_it():
    import gc

    assert gc.isenabled()
    parse_m3u(DATA / "dev-2025-11-22-p2-slice.m3u")
    assert gc.isenabled() and gc.get_freeze_count() == 0
    # Objects someone else froze (a pre-fork server, say) stay frozen.
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        parse_m3u(DATA / "dev-2025-11-22-p2-slice.m3u")
        assert gc.get_freeze_count() >= frozen
    finally:
        gc.unfreeze()


# --- UTF-16 / UTF-32 playlists (Windows Notepad "Unicode" saves) -------------------------------

UTF16_NOTEPAD = CORPUS / "utf16_le_bom.m3u"  # the playlist that was rejected as "binary data"
UTF16_NAMES = ["NBA 01: Pacers vs Cavaliers 7:00 PM ET", "NHL 02: Blackhawks @ Sabres 7:00 PM ET"]


def _as_utf8_text() -> str:
    return UTF16_NOTEPAD.read_bytes().decode("utf-16")


def test_utf16_le_with_bom_is_read_and_the_encoding_recorded():
    pl = parse_m3u(UTF16_NOTEPAD)
    assert [e.name for e in pl.entries] == UTF16_NAMES
    assert pl.stats.encoding == "utf-16-le"
    assert pl.entries == parse_m3u(_as_utf8_text().encode("utf-8")).entries


@pytest.mark.parametrize(
    ("codec", "bom", "encoding"),
    [
        ("utf-16-be", b"\xfe\xff", "utf-16-be"),
        ("utf-16-le", b"", "utf-16-le"),
        ("utf-16-be", b"", "utf-16-be"),
        ("utf-32-le", b"\xff\xfe\x00\x00", "utf-32-le"),
    ],
    ids=["be-bom", "le-no-bom", "be-no-bom", "utf32-le-bom"],
)
def test_other_wide_encodings_are_read_too(codec, bom, encoding):
    pl = parse_m3u(bom + _as_utf8_text().encode(codec))
    assert [e.name for e in pl.entries] == UTF16_NAMES
    assert pl.stats.encoding == encoding


def test_utf16_without_bom_is_detected_after_leading_blank_lines():
    pl = parse_m3u(("\r\n  " + _as_utf8_text()).encode("utf-16-le"))
    assert [e.name for e in pl.entries] == UTF16_NAMES


def test_utf16_crlf_playlist_with_non_ascii_names_survives_any_block_edge(monkeypatch):
    # Notepad writes CRLF; emoji are surrogate pairs in UTF-16, and odd block sizes cut code units
    # and pairs in half: the transcoded entries must still equal the UTF-8 original's.
    import epgoat_assets.lib.playlists.m3u as m3u

    text = (CORPUS / "emoji_and_rtl.m3u").read_text(encoding="utf-8").replace("\n", "\r\n")
    reference = parse_m3u(text.encode("utf-8")).entries
    data = text.encode("utf-16")
    assert parse_m3u(data).entries == reference
    for block in (97, 101, 103):
        monkeypatch.setattr(m3u, "_BLOCK", block)
        assert parse_m3u(data).entries == reference


def test_gzipped_utf16_playlist_is_read(tmp_path):
    gz = tmp_path / "playlist.m3u.gz"
    gz.write_bytes(gzip.compress(UTF16_NOTEPAD.read_bytes()))
    pl = parse_m3u(gz)
    assert [e.name for e in pl.entries] == UTF16_NAMES
    assert pl.stats.compressed and pl.stats.encoding == "utf-16-le"


def test_utf16_playlist_is_transcoded_while_streaming(monkeypatch):
    # The first entries come out after a few blocks have been read, not after the whole file.
    import epgoat_assets.lib.playlists.m3u as m3u

    text = (DATA / "dev-2025-11-22-p2-slice.m3u").read_text(encoding="utf-8")
    stream = io.BytesIO(text.encode("utf-16"))
    monkeypatch.setattr(m3u, "_BLOCK", 4096)
    it = iter_m3u(stream)
    first = next(it)
    assert first.index == 0
    assert stream.tell() <= 3 * 4096 < len(stream.getvalue()) // 10
    assert [first, *it] == parse_m3u(text).entries


def test_broken_utf16_units_become_replacement_characters_not_errors():
    # A lone high surrogate in a name, and a file cut one byte into a code unit: the entries are
    # kept, the damaged character shows as U+FFFD and the cut last line is counted.
    data = _as_utf8_text().replace("Pacers", "Pacers\ud800").encode("utf-16-le", "surrogatepass") + b"\x00"
    pl = parse_m3u(b"\xff\xfe" + data)
    assert [e.name for e in pl.entries] == ["NBA 01: Pacers\ufffd vs Cavaliers 7:00 PM ET", UTF16_NAMES[1]]
    assert pl.stats.skips == {"url_without_extinf": 1}


def test_utf16_text_that_is_not_a_playlist_names_the_encoding():
    with pytest.raises(M3UFormatError, match=r"read as UTF-16-LE, starts with '<!DOCTYPE html>'"):
        parse_m3u("<!DOCTYPE html>\r\n<html><body>Login</body></html>\r\n".encode("utf-16"))


def test_nul_bytes_that_do_not_spell_a_playlist_are_still_binary_data():
    with pytest.raises(M3UFormatError, match="binary data"):
        parse_m3u(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))


def test_fast_path_matches_line_by_line_path_on_utf16():
    data = (DATA / "dev-2025-11-22-p2-slice.m3u").read_text(encoding="utf-8").encode("utf-16")
    fast, reference = _parse_both(data)
    assert fast == reference
    assert fast[2]["encoding"] == "utf-16-le" and len(fast[0]) == 600


# --- survey: what parse_m3u reports, without the entries --------------------------------------

SURVEYED = sorted([*DATA.glob("*.m3u"), *DATA.glob("*.m3u8")])


@pytest.mark.parametrize("path", SURVEYED, ids=lambda p: p.name)
def test_a_survey_reports_what_a_full_parse_reports(path: Path) -> None:
    # provider_playlists reports these statistics from a survey when the playlist cannot be
    # classified: they must be what the classifying parse reports, every entry, skip and repair.
    parsed, survey = parse_m3u(path), survey_m3u(path)
    assert survey.stats.as_metadata() == parsed.stats.as_metadata()
    assert (survey.header, survey.entries) == (parsed.header, len(parsed.entries))


def test_a_survey_counts_entries_a_full_parse_repairs_or_skips() -> None:
    # Directives, an open quote and an entry without its URL: entries off the fast path.
    raw = playlist(
        "#EXTM3U",
        '#EXTINF:-1 tvg-id="a" group-title="Sports,Baseball",MLB 01: Yankees vs Red Sox',
        "#EXTVLCOPT:http-user-agent=VLC",
        NBA_URL,
        '#EXTINF:-1 tvg-name="open quote,NBA 02: Knicks @ Nets',
        NBA_URL.replace("101060", "101061"),
        NBA_LINE,
        NBA_LINE,
        NBA_URL.replace("101060", "101062"),
    )
    parsed, survey = parse_m3u(raw), survey_m3u(raw)
    assert survey.entries == len(parsed.entries) == 3
    assert survey.stats.as_metadata() == parsed.stats.as_metadata()
    assert parsed.stats.skipped and parsed.stats.repairs


def test_a_survey_refuses_what_a_parse_refuses() -> None:
    with pytest.raises(M3UFormatError) as parsed:
        parse_m3u(b"<html><body>502 Bad Gateway</body></html>\n")
    with pytest.raises(M3UFormatError) as surveyed:
        survey_m3u(b"<html><body>502 Bad Gateway</body></html>\n")
    assert str(surveyed.value) == str(parsed.value)
