"""The M3U copy: event channels get the guide's tvg-ids, ordinary channels keep their own, directives
are kept, and the header lists epgoat's guide next to the playlist's own guides."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from support.guide_inputs import demo_results

from epgoat_assets.lib import pipeline
from epgoat_assets.lib.guide.blocks import build_guide
from epgoat_assets.lib.guide.m3u_writer import M3uWriteError, own_guide_urls, write_m3u
from epgoat_assets.lib.models import ChannelInfo, MatchResult
from epgoat_assets.lib.playlists.m3u import parse_m3u
from epgoat_assets.lib.playlists.providers import ProviderConfig
from epgoat_assets.lib.sports.settings import load_sports_config

DATA = Path(__file__).parent / "data" / "m3u_writer"
FREE_TV = Path(__file__).parent / "data" / "playlists" / "free-tv-playlist.m3u8"
GUIDE_URL = "https://epg.example.org/demo/guide.xml.gz"


def guide_for(results):
    return build_guide(
        results, provider="demo", on_date=date(2025, 11, 23), tz="America/New_York",
        sports_cfg=load_sports_config(), emoji_titles=False,
    )


def as_live_results(entries):
    return [MatchResult(channel=ChannelInfo(entry=e), status="unmatched") for e in entries]


@pytest.fixture()
def demo(tmp_path):
    results = demo_results()
    guide = guide_for(results)
    return results, guide, tmp_path / "demo.m3u"


def test_live_scope_writes_every_kept_entry_in_playlist_order_with_guide_ids(demo):
    results, guide, out = demo
    stats = write_m3u(out, {}, results, channel_ids=guide.channel_ids(), guide_url=GUIDE_URL, scope="live")
    back = parse_m3u(out)
    assert [e.name for e in back.entries] == [r.entry.name for r in results if r.status != "filtered"]
    ids = guide.channel_ids()
    kept = [r for r in results if r.status != "filtered"]
    assert [e.tvg_id for e in back.entries] == [ids[r.entry.index] for r in kept]
    assert stats.entries == stats.with_guide_id == len(kept) == 11
    assert stats.bytes == out.stat().st_size


def test_every_tvg_id_names_a_channel_of_the_guide(demo):
    results, guide, out = demo
    write_m3u(out, {}, results, channel_ids=guide.channel_ids(), guide_url=GUIDE_URL, scope="live")
    guide_ids = {ch.channel_id for ch in guide.channels}
    assert {e.tvg_id for e in parse_m3u(out).entries} <= guide_ids


def test_events_scope_keeps_only_event_channels(demo):
    results, guide, out = demo
    write_m3u(out, {}, results, channel_ids=guide.channel_ids(), guide_url=GUIDE_URL, scope="events")
    names = [e.name for e in parse_m3u(out).entries]
    assert "USA - ABC FHD" not in names and "NHL Network SD" not in names
    assert names[0] == "EPL 03: Arsenal vs Tottenham Hotspur 11:30 AM ET" and len(names) == 9


def test_header_lists_the_guide_first_then_the_playlists_own_guide(demo):
    results, guide, out = demo
    write_m3u(out, {"x-tvg-url": "http://provider.example/epg.xml", "refresh": "3600"}, results,
              channel_ids=guide.channel_ids(), guide_url=GUIDE_URL)
    first = out.read_text(encoding="utf-8").splitlines()[0]
    both = f"{GUIDE_URL},http://provider.example/epg.xml"
    assert first == f'#EXTM3U x-tvg-url="{both}" refresh="3600" url-tvg="{both}"'


def test_events_only_copy_names_only_the_guide(demo):
    results, guide, out = demo
    stats = write_m3u(out, {"x-tvg-url": "http://provider.example/epg.xml"}, results,
                      channel_ids=guide.channel_ids(), guide_url=GUIDE_URL, scope="events")
    assert parse_m3u(out).header == {"x-tvg-url": GUIDE_URL, "url-tvg": GUIDE_URL}
    assert stats.own_guide_urls == 0 and stats.kept_own_id == 0


@pytest.fixture(scope="module")
def free_tv(tmp_path_factory):
    """free-tv's whole playlist through the real classifier and matcher (no events: nothing matches)."""
    provider = ProviderConfig(key="freetv", name="Free-TV", playlist=str(FREE_TV), timezone="UTC")
    run = pipeline.classify_playlist(FREE_TV, provider)
    results = pipeline.match_channels(run.classified.channels, [], on_date=date(2025, 11, 22), provider=provider)
    guide = build_guide(results, provider="freetv", on_date=date(2025, 11, 22), tz="UTC",
                        sports_cfg=load_sports_config(), emoji_titles=False)
    out = tmp_path_factory.mktemp("freetv") / "freetv.m3u"
    stats = write_m3u(out, run.parsed.header, results, channel_ids=guide.channel_ids(), guide_url=GUIDE_URL)
    return run, results, stats, parse_m3u(out)


def test_free_tv_ordinary_channels_keep_their_own_tvg_id(free_tv):
    run, results, stats, back = free_tv
    kept = [r for r in results if r.status != "filtered"]
    assert len(back.entries) == len(kept) > 1000
    # The copy keeps playlist order, so entry i of the copy is kept entry i of the original.
    pairs = [(r, e) for r, e in zip(kept, back.entries, strict=True)
             if not r.channel.is_event_channel and r.entry.attrs.get("tvg-id", "").strip()]
    kept_own = sum(1 for r, e in pairs if e.attrs.get("tvg-id") == r.entry.attrs["tvg-id"])
    assert kept_own / len(pairs) >= 0.99
    assert stats.kept_own_id == kept_own


def test_free_tv_header_keeps_every_guide_url_of_the_playlist(free_tv):
    run, _, stats, back = free_tv
    theirs = own_guide_urls(run.parsed.header)
    written = back.header["x-tvg-url"].split(",")
    assert len(theirs) > 100
    assert written[0] == GUIDE_URL and written[1:] == theirs
    assert back.header["url-tvg"] == back.header["x-tvg-url"] and stats.own_guide_urls == len(theirs)


def test_free_tv_channels_without_an_id_get_the_guides_id(free_tv):
    _, results, _, back = free_tv
    kept = [r for r in results if r.status != "filtered"]
    bare = [e for r, e in zip(kept, back.entries, strict=True) if not r.entry.attrs.get("tvg-id", "").strip()]
    assert bare, "free-tv has channels without a tvg-id"
    assert all(e.tvg_id.startswith("freetv.") for e in bare)


def test_an_ordinary_channel_without_an_id_gets_the_guides_id_and_keeps_the_rest(demo):
    results, guide, out = demo
    write_m3u(out, {}, results, channel_ids=guide.channel_ids(), guide_url=GUIDE_URL)
    abc = next(e for e in parse_m3u(out).entries if e.name == "USA - ABC FHD")
    assert abc.attrs == {
        "tvg-id": "demo.100417", "tvg-name": "USA - ABC FHD",
        "tvg-logo": "http://logos.example-iptv.net/717.png", "group-title": "US| ENTERTAINMENT",
    }


def test_kodi_properties_and_pipe_headers_are_kept(tmp_path):
    parsed = parse_m3u(DATA / "kodi.m3u")
    results = as_live_results(parsed.entries)
    guide = guide_for(results)
    out = tmp_path / "kodi.m3u"
    write_m3u(out, parsed.header, results, channel_ids=guide.channel_ids(), guide_url=GUIDE_URL)
    back = parse_m3u(out)
    (orig,), (copy,) = parsed.entries, back.entries
    assert copy.directives == orig.directives
    assert copy.url == orig.url and copy.url.endswith("|user-agent=RTP Play/2.0.26 (Linux;Android 11) ExoPlayerLib/2.11.8")
    # An ordinary channel keeps its id: the playlist's own guide (listed second) has its listings.
    assert copy.tvg_id == orig.tvg_id == "rtp1hd.tv.vodafone.pt"
    assert back.header["x-tvg-url"] == back.header["url-tvg"] == (
        f"{GUIDE_URL},https://github.com/LITUATUI/M3UPT/raw/main/epg/epg-vodafone.xml.gz")


def test_vlc_options_group_and_duration_are_kept(tmp_path):
    parsed = parse_m3u(DATA / "vlcopt.m3u")
    results = as_live_results(parsed.entries)
    out = tmp_path / "vlc.m3u"
    write_m3u(out, parsed.header, results, channel_ids=guide_for(results).channel_ids(), guide_url=GUIDE_URL)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[1].startswith('#EXTINF:0 tvg-id="demo.u-')
    assert lines[1].endswith(' tvg-name="TestChannel" group-title="Entertainment",Test Channel')
    assert lines[2:] == [
        "#EXTGRP:News",
        '#EXTVLCOPT:http-user-agent="Dalvik/2.1.0 (Linux; U; Android 6.0.1;)"',
        "http://test.channel.com/iptv/secret/1/index.m3u8",
    ]


def test_existing_url_tvg_is_kept_after_the_guide_and_quoted_attributes_survive(tmp_path):
    parsed = parse_m3u(DATA / "url_tvg.m3u")
    results = as_live_results(parsed.entries)
    out = tmp_path / "tvg.m3u"
    write_m3u(out, parsed.header, results, channel_ids=guide_for(results).channel_ids(), guide_url=GUIDE_URL)
    back = parse_m3u(out)
    assert back.header == {"url-tvg": f"{GUIDE_URL},http://195.154.221.171/epg/guidealbania.xml.gz"}
    assert back.entries[0].attrs["user-agent"] == parsed.entries[0].attrs["user-agent"]


def test_double_quotes_inside_values_cannot_break_the_line(tmp_path, demo):
    results, guide, _ = demo
    r = results[10]
    odd = r.entry.__class__(
        index=r.entry.index, line_no=r.entry.line_no, name='ABC "East"\nFHD', url=r.entry.url,
        attrs={**r.entry.attrs, "tvg-name": 'ABC "East"'},
    )
    bad = MatchResult(channel=ChannelInfo(entry=odd), status="unmatched")
    out = tmp_path / "q.m3u"
    write_m3u(out, {}, [bad], channel_ids=guide.channel_ids(), guide_url=GUIDE_URL)
    (entry,) = parse_m3u(out).entries
    assert entry.attrs["tvg-name"] == "ABC 'East'" and entry.name == 'ABC "East" FHD'


def test_unknown_scope_is_a_one_line_error_and_writes_nothing(tmp_path, demo):
    results, guide, _ = demo
    out = tmp_path / "x.m3u"
    with pytest.raises(M3uWriteError, match="m3u scope must be 'live' or 'events'"):
        write_m3u(out, {}, results, channel_ids=guide.channel_ids(), guide_url=GUIDE_URL, scope="vod")  # type: ignore[arg-type]
    assert not out.exists()
