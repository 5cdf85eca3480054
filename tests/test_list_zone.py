"""A playlist without settings is read in the zone it is kept by: its stated zones, numeric dates and
country tags vote. Names are those of the independent sets (bench/realworld2, bench/realworld3),
whose European lists date a game by its UK kick-off."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from epgoat_assets.lib.models import Event, MatchResult, PlaylistEntry
from epgoat_assets.lib.pipeline import match_channels
from epgoat_assets.lib.playlists.channels import classify_channels
from epgoat_assets.lib.playlists.families import load_family_config
from epgoat_assets.lib.playlists.list_zone import day_zone_from_matches, infer_list_zone, zone_votes
from epgoat_assets.lib.playlists.providers import ProviderConfig, byo_provider, settle_timezone
from epgoat_assets.lib.playlists.vod_filter import load_vod_rules
from epgoat_assets.lib.sports.events import load_events

BENCH_EVENTS = Path(__file__).resolve().parents[1].parent / "shared" / "bench" / "events"

UK_LIST = [  # bench/realworld3/2025-08-30-p2.m3u
    ("UK| LIVE FOOTBALL 02 [EVENT ONLY] Ipswich vs Derby 3:00pm", "UK| LIVE FOOTBALL"),
    ("UK| LIVE FOOTBALL 03 [EVENT ONLY] Millwall vs Wrexham 3:00pm", "UK| LIVE FOOTBALL"),
    ("England - Championship : Stoke City vs West Bromwich Albion - 30/08/2025 13:30", "Eventi"),
    ("Portugal - Primeira Liga : Casa Pia AC vs CD Nacional - 30/08/2025 16:30", "Eventi"),
    ("Italy - Serie A : Bologna vs Como - 30/08/2025 18:30", "Eventi"),
    ("MLB : Kansas City Royals vs Detroit Tigers (MSG USA)", "BASEBALL"),
]
US_LIST = [  # bench/realworld3/2025-09-14-p1.m3u
    ("MLB 01: Dodgers @ Giants | Home Stream | 4:05 PM ET", "MLB"),
    ("NFL 05: Patriots @ Dolphins | Home Stream | 1:00 PM ET", "NFL"),
    ("PPV 05: Southampton vs Portsmouth (09.14 7:00AM ET)", "PPV EVENTS"),
    ("EPL 01: Burnley vs Liverpool // UK Sun 14 Sep 1:45pm // ET Sun 14 Sep 8:45am", "EPL | EVENTS"),
    ("LIVE EVENT 02 -Lille vs Toulouse / Sep 14 : 2PM UK / 9AM ET / 6AM PT", "LIVE EVENTS"),
]


def channels(rows: list[tuple[str, str]]):
    entries = [PlaylistEntry(index=i, line_no=2 * i + 2, name=name, url=f"http://p/live/{i}.ts",
                             attrs={"group-title": group}) for i, (name, group) in enumerate(rows)]
    return classify_channels(entries, vod_rules=load_vod_rules(), families=load_family_config()).channels


def test_a_list_dated_day_first_with_uk_times_and_tags_is_kept_by_uk_time():
    assert infer_list_zone(channels(UK_LIST)) == ("Europe/London", None)


def test_a_list_in_eastern_time_is_kept_by_eastern_time_though_it_names_uk_times_too():
    eu, us = zone_votes(US_LIST)
    assert eu > 0 and us > eu
    assert infer_list_zone(channels(US_LIST)) == ("America/New_York", None)


def test_a_list_that_states_nothing_is_kept_by_eastern_time_with_uk_days_still_possible():
    rows = [("Roma vs Torino", "StreamedSU - Football"), ("Celta Vigo vs Girona", "StreamedSU - Football")]
    assert infer_list_zone(channels(rows)) == ("America/New_York", "Europe/London")


def test_a_few_european_votes_are_not_enough():
    assert infer_list_zone(channels(UK_LIST[:2])) == ("America/New_York", "Europe/London")


def test_a_city_or_country_in_a_club_or_broadcaster_name_is_no_vote():
    # bench/realworld4 (DaddyLive schedules, doms9/iptv lists): no clock before them
    rows = [("Spain - La Liga : Atlético Madrid vs Elche - Sky Sports Main Event UK", ""),
            ("[Bundesliga] Union Berlin vs 1. FC Heidenheim | Disney + (STRMXHD)", "Live Events"),
            ("France - Ligue 1 : Marseille vs Paris FC - TV3 Max Denmark", "")]
    assert zone_votes(rows) == (0, 0)


def test_a_configured_zone_is_kept_and_auto_is_settled_from_the_playlist():
    fixed = ProviderConfig(key="p", name="p", playlist="-", timezone="America/Chicago")
    assert settle_timezone(fixed, channels(UK_LIST)) is fixed
    auto = ProviderConfig(key="p", name="p", playlist="-", timezone="auto")
    assert settle_timezone(auto, channels(UK_LIST)).timezone == "Europe/London"


def test_a_byo_playlist_reads_its_zone_off_the_playlist_unless_told():
    assert byo_provider("mine", "http://example.com/l.m3u").timezone == "auto"
    assert byo_provider("mine", "http://example.com/l.m3u", "Europe/Paris").timezone == "Europe/Paris"


def test_an_unknown_zone_is_still_refused():
    with pytest.raises(ValueError, match="unknown time zone"):
        ProviderConfig(key="p", name="p", playlist="-", timezone="Mars/Olympus")


def test_matching_an_auto_zone_list_takes_the_series_game_of_its_uk_day():
    day = date(2025, 8, 30)
    events = [e for d in ("2025-08-29", "2025-08-30", "2025-08-31") for e in load_events(BENCH_EVENTS / f"{d}.json")]
    provider = ProviderConfig(key="p", name="p", playlist="-", timezone="auto", date_order="auto")
    results = match_channels(channels(UK_LIST), events, on_date=day, provider=provider)
    royals = results[-1]
    # the Friday-night game (01:10 UK Saturday), not Saturday evening's (00:15 UK Sunday)
    assert (royals.status, royals.event.event_id if royals.event else None) == ("matched", "1134025")


def _matched(start: datetime) -> MatchResult:
    ch = channels([("Roma vs Torino", "Live Events")])[0]
    ev = Event(event_id="1", sport="Baseball", league="MLB", home="A", away="B", start_utc=start)
    return MatchResult(channel=ch, status="matched", event=ev)


def test_the_games_an_unsettled_list_was_matched_to_settle_its_day():
    day = date(2025, 8, 23)
    uk_small_hours = [_matched(datetime(2025, 8, 23, 0, 10, tzinfo=UTC)) for _ in range(2)]
    assert day_zone_from_matches(uk_small_hours, day, "America/New_York", "Europe/London") == "Europe/London"
    us_evening = [_matched(datetime(2025, 8, 23, 23, 10, tzinfo=UTC)) for _ in range(2)]
    assert day_zone_from_matches(us_evening, day, "America/New_York", "Europe/London") == "America/New_York"
    both_days = [_matched(datetime(2025, 8, 23, 17, 5, tzinfo=UTC)) for _ in range(5)]
    assert day_zone_from_matches(both_days + us_evening[:1], day, "America/New_York", "Europe/London") is None


def test_a_list_its_matched_games_date_by_the_uk_day_reads_its_series_games_on_that_day():
    # bench/realworld4/2025-08-23-p2 (DaddyLive and doms9/iptv shapes): no zone, date or country tag
    # settles it, but its Friday-evening US games (UK Saturday's small hours) do
    from epgoat_assets.lib.playlists.m3u import parse_m3u

    day = date(2025, 8, 23)
    playlist = Path(__file__).resolve().parents[1] / "bench" / "realworld4" / "2025-08-23-p2.m3u"
    chans = classify_channels(parse_m3u(playlist).entries, vod_rules=load_vod_rules(),
                              families=load_family_config()).channels
    events = [e for d in ("2025-08-22", "2025-08-23", "2025-08-24") for e in load_events(BENCH_EVENTS / f"{d}.json")]
    provider = ProviderConfig(key="p", name="p", playlist="-", timezone="auto", date_order="auto")
    results = match_channels(chans, events, on_date=day, provider=provider)
    arizona = [r for r in results if r.entry.name == "MLB : Arizona Diamondbacks vs Cincinnati Reds - TSN2"]
    assert [(r.status, r.event.event_id if r.event else None) for r in arizona] == [("matched", "2497446")]


def test_a_list_of_australian_services_is_kept_by_sydney_time():
    # bench/realworld5 2026-02-22-p3 names (code-corpus 53139014250, 60916987641 prefixes)
    rows = [("AU (STAN 01) | Union Berlin v Bayer Leverkusen (2026-02-22 01:30:00)", "AU | Stan Sport"),
            ("Kayo AU 01: FC Koln v Hoffenheim @ 22 Feb 01:30 AM AEDT", "AU | Kayo"),
            ("AU (STAN 02) | Blackburn Rovers v Preston North End (2026-02-22 02:00:00)", "AU | Stan Sport"),
            ("Kayo AU 02: Brentford v Brighton and Hove Albion @ 22 Feb 02:00 AM AEDT", "AU | Kayo"),
            ("AU (STAN 03) | Chelsea v Burnley (2026-02-22 02:00:00)", "AU | Stan Sport")]
    assert infer_list_zone(channels(rows)) == ("Australia/Sydney", None)
