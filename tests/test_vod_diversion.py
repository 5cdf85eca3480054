"""Entries a leading hard VOD rule drops, settled while the playlist is read (`m3u.Divert`).

`epgoat match` keeps such an entry only as a row (index, url, tvg-id, name, group, rule) instead of
an entry, a channel and a decision. The specification is equivalence: with or without the
diversion, every count and every byte of `matches.csv` is the same.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from epgoat_assets.lib import pipeline
from epgoat_assets.lib.matches_csv import MatchesCsvError, VodRows, matches_csv, write_matches_csv, write_vod_rows
from epgoat_assets.lib.playlists.m3u import Divert, extinf_identity, parse_m3u, split_extinf
from epgoat_assets.lib.playlists.providers import ProviderConfig
from epgoat_assets.lib.playlists.vod_filter import VodRules, load_vod_rules
from epgoat_assets.lib.sports.events import load_events

DATA = Path(__file__).parent / "data" / "playlists"
SNAPSHOT = Path(__file__).resolve().parents[1] / "epgoat_assets" / "data" / "snapshot"
DEMO = Path(__file__).resolve().parents[1] / "epgoat_assets" / "data" / "demo" / "demo-provider.m3u"
DAY = date(2025, 11, 22)
PROVIDER = ProviderConfig(key="test", name="Test", playlist="-", timezone="America/New_York")

# Real playlists (see tests/data/PROVENANCE.md) and the bundled demo provider.
REAL = [DATA / "dev-2025-11-22-p2-slice.m3u", DATA / "free-tv-playlist_zz_vod_it.m3u8",
        DATA / "iptv-org-categories_sports.m3u", DATA / "vlcopt.m3u", DATA / "kodi.m3u", DEMO]


def _csv_both_ways(source: str | Path | bytes) -> tuple[tuple[str, dict, dict], tuple[str, dict, dict], int]:
    """(csv, summary, counts by rule) without and with diversion, and how many rows were diverted."""
    events = load_events([SNAPSHOT], days=[DAY])
    out = []
    diverted = 0
    for divert in (False, True):
        run = pipeline.classify_playlist(source, PROVIDER, divert_vod=divert)
        matched = pipeline.run_matching(run.classified.channels, events, on_date=DAY, provider=PROVIDER,
                                        diverted=run.classified.diverted)
        ids = matched.guide.channel_ids()
        text = matches_csv(matched.results, ids, matched.guide.sources, run.parsed.diverted)
        out.append((text, matched.summary, run.classified.as_metadata()))
        diverted = len(run.parsed.diverted)
    return out[0], out[1], diverted


@pytest.mark.parametrize("playlist", REAL, ids=lambda p: p.name)
def test_matches_csv_and_counts_are_the_same_with_the_vod_diverted(playlist: Path) -> None:
    plain, diverted, _ = _csv_both_ways(playlist)
    assert diverted == plain


def test_the_dev_slice_diverts_its_vod_rows() -> None:
    # The slice holds 25 entries of each VOD group under /movie/ and /series/ paths: the
    # equivalence above is only worth something if they really took the diverted way.
    _, _, n = _csv_both_ways(DATA / "dev-2025-11-22-p2-slice.m3u")
    assert n > 100


def test_a_diverted_row_carries_what_the_entry_would() -> None:
    rules = load_vod_rules()
    full = parse_m3u(DATA / "dev-2025-11-22-p2-slice.m3u")
    split = parse_m3u(DATA / "dev-2025-11-22-p2-slice.m3u", divert=Divert(rules.leading_hard_tests()))
    by_index = {e.index: e for e in full.entries}
    assert split.diverted
    for index, url, line, rule in split.diverted:
        e = by_index[index]
        assert (url, *extinf_identity(line)) == (e.url, e.tvg_id, e.name, e.group)
        assert rule == rules.classify(e)
    # The rest are the very entries the plain parse gives, with their playlist indexes.
    kept = {e.index for e in split.entries}
    assert kept.isdisjoint(row[0] for row in split.diverted)
    assert [e for e in full.entries if e.index in kept] == split.entries
    assert split.stats.entries == full.stats.entries


def test_an_entry_with_a_directive_is_parsed_as_an_entry_and_filtered_the_same() -> None:
    # Off the parser's fast path (an #EXTVLCOPT line between EXTINF and URL), an entry is never
    # diverted; the VOD filter still drops it by the same rule.
    text = ("#EXTM3U\n"
            '#EXTINF:-1 tvg-id="" group-title="Movies",Heat (1995)\nhttp://h.example/movie/u/p/1.mkv\n'
            '#EXTINF:-1 tvg-id="" group-title="Movies",Alien (1979)\nhttp://h.example/movie/u/p/2.mkv\n'
            '#EXTINF:-1 tvg-id="" group-title="Movies",Ronin (1998)\n#EXTVLCOPT:http-user-agent=VLC\n'
            "http://h.example/movie/u/p/3.mkv\n")
    split = parse_m3u(text, divert=Divert(load_vod_rules().leading_hard_tests()))
    assert "Alien (1979)" in [extinf_identity(row[2])[1] for row in split.diverted]
    assert "Ronin (1998)" in [e.name for e in split.entries]
    plain, diverted, _ = _csv_both_ways(text)
    assert diverted == plain


def test_only_the_hard_filter_rules_before_any_other_rule_settle_entries_early() -> None:
    rules = VodRules.from_records([
        {"name": "movie-path", "field": "url", "pattern": "/movie/", "strength": "hard"},
        {"name": "mp4", "field": "url", "pattern": r"\.mp4$", "strength": "hard", "providers": "other"},
        {"name": "replay", "field": "name", "pattern": "(?i)replay"},
        {"name": "series-path", "field": "url", "pattern": "/series/", "strength": "hard"},
    ])
    assert [t[0] for t in rules.leading_hard_tests()] == ["movie-path"]
    assert [t[0] for t in rules.for_provider("other").leading_hard_tests()] == ["movie-path", "mp4"]


def test_an_operator_rule_that_keeps_streams_first_stops_all_diversion() -> None:
    keep_first = VodRules.from_records([
        {"name": "keep-ppv", "field": "name", "pattern": "PPV", "action": "keep"},
        *[r.model_dump() for r in load_vod_rules().rules],
    ])
    assert keep_first.leading_hard_tests() == ()


def test_a_hard_name_rule_diverts_by_name_and_a_missing_group_never_matches() -> None:
    tests = VodRules.from_records([
        {"name": "no-group", "field": "group", "pattern": "^$", "strength": "hard"},
        {"name": "trailer", "field": "name", "pattern": "(?i)trailer", "strength": "hard"},
    ]).leading_hard_tests()
    # The first entry of a layout is read line by line (the layout is learned from it).
    text = ("#EXTM3U\n"
            '#EXTINF:-1 tvg-id="x.0",CNN\nhttp://h.example/live/0.ts\n'
            '#EXTINF:-1 tvg-id="x.1",Dune Trailer\nhttp://h.example/live/1.ts\n'
            '#EXTINF:-1 tvg-id="x.2",ESPN\nhttp://h.example/live/2.ts\n')
    split = parse_m3u(text, divert=Divert(tests))
    assert split.diverted == [(1, "http://h.example/live/1.ts", '#EXTINF:-1 tvg-id="x.1",Dune Trailer', "trailer")]
    assert [e.name for e in split.entries] == ["CNN", "ESPN"]


# Entries in the shapes providers write, with the characters CSV must quote.
_names = st.sampled_from(["Heat (1995)", "NBA 01: Lakers vs Celtics 7:00 PM ET", "ESPN", 'The "Best" Of',
                          "Law & Order, S01E02", "US| ESPN+ 045 : Knicks @ Nets", "Movie\u00a0Night", "🏀 NBA TV"])
_groups = st.sampled_from([None, "", "Movies", "VOD | Action", "USA Sports", "Series, Drama", "NBA"])
_urls = st.sampled_from(["http://h.example/movie/u/p/{i}.mkv", "http://h.example/series/u/p/{i}.mp4",
                         "http://h.example/u/p/{i}.avi", "http://h.example/live/u/p/{i}.ts",
                         "http://h.example/u/p/{i}", "http://h.example/vod/{i}.m3u8?a=1,b"])
_entry = st.tuples(_names, _groups, _urls, st.booleans(), st.booleans())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_entry, min_size=1, max_size=30))
def test_any_mix_of_vod_and_live_entries_gives_the_same_csv(entries: list) -> None:
    lines = ["#EXTM3U"]
    for i, (name, group, url, with_id, directive) in enumerate(entries):
        attrs = (f' tvg-id="c{i}.x"' if with_id else "") + ("" if group is None else f' group-title="{group}"')
        lines.append(f"#EXTINF:-1{attrs},{name}")
        if directive:
            lines.append("#EXTVLCOPT:http-user-agent=VLC")
        lines.append(url.format(i=i))
    plain, diverted, _ = _csv_both_ways(("\n".join(lines) + "\n").encode())
    assert diverted == plain
    assert Counter(plain[2]["counts_by_rule"]) == Counter(diverted[2]["counts_by_rule"])


def _matched(source: Path):
    run = pipeline.classify_playlist(source, PROVIDER, divert_vod=True)
    matched = pipeline.run_matching(run.classified.channels, load_events([SNAPSHOT], days=[DAY]), on_date=DAY,
                                    provider=PROVIDER, diverted=run.classified.diverted)
    return run, matched


@pytest.mark.parametrize("playlist", REAL, ids=lambda p: p.name)
def test_vod_rows_written_ahead_splice_into_the_same_csv(playlist: Path, tmp_path: Path) -> None:
    # `epgoat match` writes the VOD rows on a second core while it matches, then splices them in.
    run, matched = _matched(playlist)
    ids, sources = matched.guide.channel_ids(), matched.guide.sources
    ahead = VodRows.beside(tmp_path / "vod")
    write_vod_rows(ahead, run.parsed.diverted, [e.index for e in run.parsed.entries])
    write_matches_csv(tmp_path / "spliced.csv", matched.results, ids, sources, vod_rows=ahead)
    assert (tmp_path / "spliced.csv").read_text(encoding="utf-8") == matches_csv(
        matched.results, ids, sources, run.parsed.diverted)


def test_vod_rows_written_for_other_entries_are_refused(tmp_path: Path) -> None:
    run, matched = _matched(DATA / "dev-2025-11-22-p2-slice.m3u")
    ahead = VodRows.beside(tmp_path / "vod")
    write_vod_rows(ahead, run.parsed.diverted, [e.index for e in run.parsed.entries][1:])
    with pytest.raises(MatchesCsvError, match="another set of entries"):
        write_matches_csv(tmp_path / "m.csv", matched.results, vod_rows=ahead)
    assert not (tmp_path / "m.csv").exists()


def test_vod_rows_cut_short_are_refused(tmp_path: Path) -> None:
    run, matched = _matched(DATA / "dev-2025-11-22-p2-slice.m3u")
    ahead = VodRows.beside(tmp_path / "vod")
    write_vod_rows(ahead, run.parsed.diverted, [e.index for e in run.parsed.entries])
    ahead.rows.write_bytes(ahead.rows.read_bytes()[:-10])
    with pytest.raises(MatchesCsvError, match="incomplete"):
        write_matches_csv(tmp_path / "m.csv", matched.results, vod_rows=ahead)
    assert not (tmp_path / "m.csv").exists()


def test_a_vod_line_with_an_open_quote_is_parsed_and_its_repair_counted_as_without_diversion() -> None:
    # The line-by-line parser keeps such an entry after a repair it counts; a diverted row would
    # lose that count, so the URL alone never diverts it.
    text = ("#EXTM3U\n"
            '#EXTINF:-1 tvg-id="" group-title="Movies",Heat (1995)\nhttp://h.example/movie/u/p/1.mkv\n'
            '#EXTINF:-1 tvg-id="" group-title="Movies",Alien (1979)\nhttp://h.example/movie/u/p/2.mkv\n'
            '#EXTINF:-1 tvg-id="" group-title="Movies,Ronin (1998)\nhttp://h.example/movie/u/p/3.mkv\n')
    plain = parse_m3u(text)
    split = parse_m3u(text, divert=Divert(load_vod_rules().leading_hard_tests()))
    assert split.stats.repairs == plain.stats.repairs == {"unterminated_quote": 1}
    assert [e.index for e in split.entries if e.index == 2] == [2]


# EXTINF remainders in the shapes providers write, and broken ones.
_attr = st.sampled_from(['tvg-id="x.1"', 'tvg-id=""', 'group-title="Movies"', 'group-title="A, B"', 'tvg-name="N"',
                         'tvg-logo="http://l.example/1.png"', "tvg-id=bare", "group-title='single'", 'TVG-ID="UP"',
                         'group-title="dup"', '"', "x=\"a,b\""])
_tail = st.sampled_from([",Heat (1995)", ", Heat ", ",A, B", ",", "", ',Say "hi"', ",Name\r", ",Name "])


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(["#EXTINF:-1", "#EXTINF:0", "#EXTINF:-1.5", "#EXTINF"]), st.lists(_attr, max_size=5), _tail)
def test_the_identity_of_a_diverted_line_is_what_the_line_by_line_parser_reads(head, attrs, tail) -> None:
    line = " ".join([head, *attrs]) + tail
    stripped = line.rstrip() if line[-1:] in ("\r", " ") else line
    _, read, name, _ = split_extinf(stripped[8:] if stripped[7:8] == ":" else stripped[7:])
    assert extinf_identity(line) == (read.get("tvg-id", ""), name, read.get("group-title", ""))


def test_a_parse_leaves_nothing_behind_that_holds_its_diverted_rows() -> None:
    # Dagster parses a playlist per partition in one long process: the rows must go with the
    # result, not wait for a full garbage collection (generated parsers kept them in a cycle).
    import gc

    split = parse_m3u(DATA / "dev-2025-11-22-p2-slice.m3u", divert=Divert(load_vod_rules().leading_hard_tests()))
    assert split.diverted
    assert gc.get_referrers(split.diverted) == [split]
