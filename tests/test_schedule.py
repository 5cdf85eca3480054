"""Guide blocks: pre-game / game / post-game per matched channel, filler everywhere else."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from support.guide_inputs import (
    ARSENAL_SPURS,
    NUGGETS_KINGS,
    PACKERS_VIKINGS,
    SABRES_HURRICANES,
    demo_results,
    live_url,
    matched,
    utc,
)

from epgoat_assets.lib.config import ConfigError
from epgoat_assets.lib.guide.blocks import Guide, ScheduleError, build_guide, guide_window
from epgoat_assets.lib.guide.channel_ids import ChannelIdError, assign_channel_ids, channel_id
from epgoat_assets.lib.sports.settings import SportsConfig, load_sports_config

DAY = date(2025, 11, 23)
ET = "America/New_York"


@pytest.fixture(scope="module")
def sports() -> SportsConfig:
    return load_sports_config()


@pytest.fixture(scope="module")
def guide(sports: SportsConfig) -> Guide:
    return build_guide(demo_results(), provider="demo", on_date=DAY, tz=ET, sports_cfg=sports, emoji_titles=True)


def rows(guide: Guide, cid: str):
    return [p for p in guide.programmes if p.channel_id == cid]


def only(guide: Guide, cid: str, kind: str):
    found = [p for p in rows(guide, cid) if p.kind == kind]
    assert len(found) == 1, found
    return found[0]


# --- window -------------------------------------------------------------------------------------


def test_window_starts_at_local_midnight_of_the_partition_day():
    assert guide_window(DAY, ET) == (utc(2025, 11, 23, 5), utc(2025, 11, 24, 5))


def test_window_follows_daylight_saving_time():
    start, end = guide_window(date(2025, 7, 4), ET, window_hours=36)
    assert start == utc(2025, 7, 4, 4)
    assert end - start == timedelta(hours=36)


def test_unknown_time_zone_is_a_one_line_error(sports):
    with pytest.raises(ScheduleError, match="unknown time zone 'America/Gotham'"):
        build_guide([], provider="demo", on_date=DAY, tz="America/Gotham", sports_cfg=sports, emoji_titles=False)


# --- invariants over the whole guide --------------------------------------------------------------


def test_no_channel_has_overlapping_programmes(guide):
    for ch in guide.channels:
        progs = sorted(rows(guide, ch.channel_id), key=lambda p: p.start)
        for prev, nxt in zip(progs, progs[1:], strict=False):
            assert prev.stop <= nxt.start, (ch.channel_id, prev.title, nxt.title)


def test_every_channel_covers_the_window_without_gaps(guide):
    for ch in guide.channels:
        progs = sorted(rows(guide, ch.channel_id), key=lambda p: p.start)
        assert progs[0].start <= guide.window_start
        assert progs[-1].stop >= guide.window_end
        for prev, nxt in zip(progs, progs[1:], strict=False):
            assert prev.stop == nxt.start, (ch.channel_id, prev.title, nxt.title)


def test_filtered_vod_entries_are_not_in_the_guide(guide):
    indexes = {i for ch in guide.channels for i in ch.entry_indexes}
    assert indexes == set(range(1, 12))


def test_entries_sharing_a_stream_become_one_channel(guide):
    espn12 = [ch for ch in guide.channels if ch.channel_id == "demo.102904"]
    assert len(espn12) == 1
    assert espn12[0].entry_indexes == (4, 5)


# --- matched channels ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cid", "event", "minutes"),
    [("demo.102901", ARSENAL_SPURS, 120), ("demo.102902", PACKERS_VIKINGS, 210), ("demo.102903", SABRES_HURRICANES, 180)],
)
def test_game_block_lasts_the_sports_configured_length(guide, cid, event, minutes):
    game = only(guide, cid, "game")
    assert game.start == event.start_utc
    assert game.stop - game.start == timedelta(minutes=minutes)


def test_pre_and_post_game_blocks_frame_the_game(guide):
    pre, game, post = (only(guide, "demo.102902", k) for k in ("pregame", "game", "postgame"))
    assert pre.stop == game.start and pre.stop - pre.start == timedelta(minutes=30)
    assert post.start == game.stop and post.stop - post.start == timedelta(minutes=30)


def test_game_block_carries_title_league_categories_art_and_flags(guide):
    game = only(guide, "demo.102902", "game")
    assert game.title == "🏈 Green Bay Packers vs Minnesota Vikings"
    assert game.sub_title == "NFL"
    assert game.categories == ("Sports", "Football", "NFL")
    assert game.icon == PACKERS_VIKINGS.thumb
    assert game.live and game.new
    assert "Lambeau Field" in game.desc and "1:00 PM EST" in game.desc
    assert game.episode_num == "2024 . 326 . "  # season 2025, day 327, both zero-based


def test_filler_before_a_game_announces_it_in_the_providers_zone(guide):
    first = rows(guide, "demo.102901")[0]
    assert first.kind == "filler"
    assert first.start == guide.window_start and first.stop == ARSENAL_SPURS.start_utc - timedelta(minutes=30)
    assert first.title == "Next: Arsenal vs Tottenham Hotspur at 11:30 AM"


def test_filler_after_the_last_game_says_ended(guide):
    last = rows(guide, "demo.102901")[-1]
    assert last.kind == "filler" and last.title == "Ended"
    assert last.stop == guide.window_end


def test_a_matched_game_of_the_evening_before_the_window_is_shown_then_ended(guide):
    # A UK-dated list's 00:30 game, or last night's late game, falls hours before a US zone's
    # midnight: the channel's own event stays in its row, which then reads "Ended".
    progs = rows(guide, "demo.102905")
    assert [(p.kind, p.start) for p in progs[:2]] == [("pregame", utc(2025, 11, 22, 23, 30)),
                                                      ("game", utc(2025, 11, 23, 0, 0))]
    assert (progs[-1].kind, progs[-1].title, progs[-1].stop) == ("filler", "Ended", guide.window_end)


def test_game_running_into_the_window_keeps_its_real_start(guide):
    game = only(guide, "demo.102906", "game")
    assert game.start == NUGGETS_KINGS.start_utc < guide.window_start < game.stop


def test_overlapping_games_on_one_slot_are_trimmed_not_stacked(guide):
    progs = rows(guide, "demo.102904")
    games = [p for p in progs if p.kind == "game"]
    assert [g.title for g in games] == ["⚽ Arsenal vs Tottenham Hotspur", "⚽ Getafe vs Atletico Madrid"]
    # Arsenal runs 16:30-18:30, so Getafe (17:30) is shown from the end of Arsenal's post-game.
    assert games[0].stop == utc(2025, 11, 23, 18, 30)
    assert games[1].start == utc(2025, 11, 23, 19, 0) and games[1].stop == utc(2025, 11, 23, 19, 30)
    assert not any(p.kind == "pregame" and "Getafe" in p.title for p in progs)


def test_emoji_prefix_is_optional_per_provider(sports):
    guide = build_guide(demo_results(), provider="demo", on_date=DAY, tz=ET, sports_cfg=sports, emoji_titles=False)
    assert only(guide, "demo.102902", "game").title == "Green Bay Packers vs Minnesota Vikings"


def test_next_event_on_a_later_day_names_the_day(sports):
    tomorrow = [matched(0, "NFL 01: Vikings @ Packers", 102902, PACKERS_VIKINGS, "NFL", 1)]
    guide = build_guide(
        tomorrow, provider="demo", on_date=date(2025, 11, 22), tz=ET, sports_cfg=sports, emoji_titles=True
    )
    assert [p.title for p in guide.programmes] == ["Next: Green Bay Packers vs Minnesota Vikings on Sun at 1:00 PM"]


# --- unmatched and non-event channels ------------------------------------------------------------


def test_unmatched_event_channel_stating_a_time_gets_a_programme_from_its_name(guide):
    # `ESPN+ 004: Go Ahead Eagles vs Heracles Almelo 3:00 PM ET` is not in the events: the name still
    # says what and when, so the guide shows it then and says where it came from.
    game = only(guide, "demo.102865", "game")
    assert (game.title, game.start) == ("Go Ahead Eagles vs Heracles Almelo", utc(2025, 11, 23, 20))
    assert "From the channel name" in game.desc
    assert guide.sources[8] == "name"


def test_empty_slot_gets_filler_titled_with_its_cleaned_name(guide):
    progs = rows(guide, "demo.102875")
    assert [(p.kind, p.title, p.desc) for p in progs] == [
        ("filler", "NO EVENT SCHEDULED", "No event scheduled on this channel.")]
    assert guide.sources[9] == "filler"


def test_non_event_live_channel_is_one_block_titled_with_its_name(guide):
    progs = rows(guide, "demo.100417")
    assert [(p.title, p.start, p.stop) for p in progs] == [("USA - ABC FHD", guide.window_start, guide.window_end)]
    ch = next(c for c in guide.channels if c.channel_id == "demo.100417")
    assert ch.kind == "live" and ch.icon == "http://logos.example-iptv.net/717.png"


def test_event_channel_display_names_include_the_stable_slot_name(guide):
    ch = next(c for c in guide.channels if c.channel_id == "demo.102902")
    assert ch.display_names == ("NFL 01: Vikings @ Packers 1:00 PM ET", "NFL 01")


# --- channel ids ----------------------------------------------------------------------------------


def test_xtream_live_id_is_provider_and_stream_number():
    assert channel_id("demo", live_url(12345)) == "demo.12345"


def test_id_survives_new_credentials_port_and_query_tokens():
    a = channel_id("demo", "http://line.example-iptv.net:8080/live/u10/20251122/12345.ts")
    b = channel_id("demo", "http://NEWUSER:pw@line.example-iptv.net/live/alice/s3cret/12345.m3u8?token=abc")
    assert a == b == "demo.12345"


def test_id_never_contains_credentials():
    cid = channel_id("demo", "http://line.example-iptv.net/alice/s3cret/777")
    assert cid == "demo.777"


def test_non_xtream_url_gets_a_short_stable_hash_without_query_or_headers():
    a = channel_id("demo", "https://cdn.example.org/hls/espn2/index.m3u8?st=abc&e=1700000000|User-Agent=VLC")
    b = channel_id("demo", "https://cdn.example.org/hls/espn2/index.m3u8?st=xyz&e=1800000000")
    assert a == b
    assert a.startswith("demo.u-") and len(a) == len("demo.u-") + 10


def test_movie_and_live_with_the_same_number_get_different_ids():
    assert channel_id("demo", "http://h.example/movie/u/p/5.mkv") == "demo.movie-5"
    assert channel_id("demo", "http://h.example/live/u/p/5.ts") == "demo.5"


def test_ids_are_valid_for_tv_validate_file():
    import re

    pattern = re.compile(r"^[-a-zA-Z0-9]+(\.[-a-zA-Z0-9]+)+$")
    urls = [live_url(1), "https://a.example/x y/ü.m3u8", "http://h.example/movie/u/p/5.mkv"]
    for provider in ("demo", "My Provider_2"):
        for url in urls:
            assert pattern.match(channel_id(provider, url)), (provider, url)


def test_same_number_on_another_host_is_disambiguated_deterministically():
    urls = ["http://a.example/live/u/p/9.ts", "http://b.example/live/u/p/9.ts", "http://a.example/live/x/y/9.ts"]
    ids = assign_channel_ids("demo", urls)
    assert ids[urls[0]] == ids[urls[2]] == "demo.9"
    assert ids[urls[1]].startswith("demo.9.h") and ids == assign_channel_ids("demo", urls)


def test_provider_without_letters_is_rejected():
    with pytest.raises(ChannelIdError, match="provider key"):
        channel_id("__", live_url(1))


# --- sports config --------------------------------------------------------------------------------


def test_league_length_overrides_sport_and_lookups_ignore_case(sports):
    assert sports.game_minutes("American Football", "NFL") == 210
    assert sports.game_minutes("soccer", "Spanish La Liga") == 120
    assert sports.game_minutes("Curling", None) == sports.default_duration_minutes


def test_categories_fall_back_to_sports_and_the_sport_name(sports):
    assert sports.categories("Curling", "World Curling Championship") == (
        "Sports", "Curling", "World Curling Championship",
    )


def test_invalid_sports_yaml_names_the_key(tmp_path):
    bad = tmp_path / "sports.yaml"
    bad.write_text("sports:\n  Soccer: {duration_minutes: -5}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"sports\.Soccer\.duration_minutes"):
        load_sports_config(bad)



# --- property: any mix of events keeps every row gap-free and overlap-free -------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from epgoat_assets.lib.models import Event  # noqa: E402

_SPORTS = [("Basketball", "NBA"), ("American Football", "NFL"), ("Soccer", "Spanish La Liga"), ("Curling", None)]


@st.composite
def slot_events(draw):
    n = draw(st.integers(min_value=1, max_value=6))
    events = []
    for i in range(n):
        sport, league = draw(st.sampled_from(_SPORTS))
        offset = draw(st.integers(min_value=-36 * 60, max_value=48 * 60))  # minutes from the window start
        start = utc(2025, 11, 23, 5) + timedelta(minutes=offset)
        events.append(Event(event_id=str(9000 + i), sport=sport, league=league or "", home=f"Home {i}",
                            away=f"Away {i}", start_utc=start))
    return events


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(events=slot_events(), tz=st.sampled_from([ET, "UTC", "Asia/Kolkata", "Australia/Lord_Howe"]))
def test_property_rows_cover_the_window_without_overlap(sports, events, tz):
    results = [matched(i, f"NBA {i:02d}", 102904, ev, "NBA", 1) for i, ev in enumerate(events)]
    guide = build_guide(results, provider="demo", on_date=DAY, tz=tz, sports_cfg=sports, emoji_titles=True)
    progs = sorted(guide.programmes, key=lambda p: p.start)
    assert progs[0].start <= guide.window_start and progs[-1].stop >= guide.window_end
    for prev, nxt in zip(progs, progs[1:], strict=False):
        assert prev.stop == nxt.start
    assert all(p.stop > p.start for p in progs)
    scheduled = {p.title.removeprefix("🏀 ").removeprefix("🏈 ").removeprefix("⚽ ") for p in progs if p.kind == "game"}
    assert scheduled <= {e.display_title for e in events}  # never an invented event
