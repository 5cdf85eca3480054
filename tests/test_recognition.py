"""Event channels recognised and matched on any naming shape: the family and slot first, last, in
brackets, in the group-title only, or absent. Names follow the shapes quoted in the matching issue
(#12) and in bench/realworld/SHAPES.md, each with the real game of 2025-11-23 it names."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from epgoat_assets.lib.matching.chain import Matcher, MatchSettings
from epgoat_assets.lib.matching.names import parse_channel_name
from epgoat_assets.lib.matching.teams import TeamResolver
from epgoat_assets.lib.models import Event, PlaylistEntry
from epgoat_assets.lib.playlists.channels import classify_channels
from epgoat_assets.lib.playlists.families import load_family_config
from epgoat_assets.lib.playlists.m3u import parse_m3u
from epgoat_assets.lib.playlists.recognise import content_event
from epgoat_assets.lib.playlists.vod_filter import load_vod_rules
from epgoat_assets.lib.sports.events import load_events
from epgoat_assets.lib.sports.leagues import LeagueCatalog

DATA = Path(__file__).parent / "data" / "matching"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
NOV23 = date(2025, 11, 23)


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    events: list[Event] = load_events(DATA / "events")
    return Matcher(events, resolver=TeamResolver.from_config())


def match(matcher: Matcher, name: str, group: str = "") -> tuple[str, str | None, str]:
    entry = PlaylistEntry(index=0, line_no=1, name=name, url="http://p/live/1.ts",
                          attrs={"group-title": group} if group else {})
    classified = classify_channels([entry], vod_rules=load_vod_rules(), families=load_family_config())
    res = matcher.match(classified.channels, on_date=NOV23, provider="p")[0]
    return res.status, res.event.event_id if res.event else None, res.reason


@pytest.mark.parametrize("name, group, event_id", [
    # family and slot last
    ("1:00 PM ET - Minnesota Vikings vs Green Bay Packers | NFL Sunday Ticket 01", "", "1225271"),
    ("Kraken vs Islanders 5:00 PM ET | NHL 07", "", "635518"),
    # family and slot in brackets after a country tag
    ("US (NFL 001) | Vikings vs. Packers 1:00 PM ET", "", "1225271"),
    # no family at all: a region remark, the league in the group-title
    ("Seahawks @ Titans (Available outside Tennessee Region)", "NFL", "2718842"),
    ("Clippers vs Cavaliers 6pm ET", "NBA", "3207124"),
    # the fixture between labels, date and time in their own parts
    ("Live | Tottenham vs. Arsenal | Premier League | 2025-11-23 | 16:30 (GMT) | Sky", "", "2326908"),
    ("Hornets v Hawks | NBA | 23 Nov 23:00 GMT", "", "2386414"),
    ("[NHL] Hurricanes @ Sabres 1:00 PM", "", "1322388"),
])
def test_event_channel_is_recognised_wherever_the_family_sits(matcher, name, group, event_id):
    assert match(matcher, name, group)[:2] == ("matched", event_id)


@pytest.mark.parametrize("name, event_id", [
    ("NFL 07: Colts @ Chiefs 12:00 PM Central", "721144"),  # a zone written as a word
    ("NBA 02 | Nets - Raptors | 18:00 New York", "3097163"),  # a zone written as a city
    ("NFL 08: PHILADELPHIA EAGLES ➜ DALLAS COWBOYS 4:25PM ET", "1651764"),  # caps and an arrow
    ("NFL 09: Falcons 🆚 Saints 4:25 PM ET", "2478531"),  # an emoji separator
    ("NFL 12: Buccaneers at Rams 8:20 PM ET (Buccaneers at Rams)", "3448597"),  # fixture repeated
    ("NFL 03: Giants at Lions 11.23 1:00PM", "3189901"),  # month.day date
    ("NFL 04: Jets at Ravens November 23 1:00 pm", "3203750"),  # full month name
    ("NFL 05: Steelers at Bears 1p ET", "3379270"),  # `1p`
    ("NFL 06: Patriots @ Bengals 23/11 18:00 UK", "3567580"),  # day-first date, UK time
])
def test_unusual_time_date_and_separator_forms_do_not_veto_a_certain_match(matcher, name, event_id):
    assert match(matcher, name)[:2] == ("matched", event_id)


def test_an_unreadable_word_beside_a_team_is_no_evidence_against_it(matcher):
    # `Arena` is neither a zone nor a team: the side still names the Chiefs.
    assert match(matcher, "NFL 07: Colts @ Chiefs Arena 1:00 PM ET")[:2] == ("matched", "721144")


@pytest.mark.parametrize("name, group", [
    ("Lakers vs Celtics Classic 1985", "NBA"),  # an old game: no event that day
    ("PL: Brighton v Leeds United Hlts", ""),  # highlights (real name, Teamarr issue #540)
    ("Seahawks @ Packers 1:00 PM ET", "NFL"),  # teams that do not play each other that day
])
def test_recognised_names_without_their_event_stay_unmatched(matcher, name, group):
    assert match(matcher, name, group)[0] != "matched"  # unmatched, or filtered as a replay


def test_half_a_fixture_is_not_enough_without_a_family(matcher):
    # `Vikings vs Sharks` names one real side of the day; a family would allow a one-sided
    # match, the content alone does not.
    assert match(matcher, "Vikings vs Sharks 1:00 PM ET", "NFL")[0] == "unmatched"


@pytest.mark.parametrize("playlist", ["free-tv/playlist.m3u8", "iptv-org-derived/mega.m3u",
                                      "iptv-org-2021-fork/channels_us.m3u"])
def test_linear_channels_of_real_playlists_are_never_taken_for_event_channels(playlist):
    catalog = LeagueCatalog.from_config()
    entries = parse_m3u(SHARED / "data" / "playlists" / playlist).entries
    found = [e.name for e in entries
             if (ce := content_event(e.name, e.attrs.get("group-title", ""), catalog)) and not ce.weak]
    assert found == []


@pytest.mark.parametrize("name", ["Pluto TV Mario vs Sonic", "Chef vs Chef by Food Network (720p)"])
def test_a_fast_channel_named_like_a_fixture_stays_an_ordinary_channel(matcher, name):
    # real iptv-org names: only candidates, and no event confirms them
    status, _, reason = match(matcher, name)
    assert (status, reason) == ("unmatched", "not_event_channel")


@pytest.mark.parametrize("name, event_id", [
    # real shape (Teamarr #128, Event Channel Managarr fixtures): no time, no family, no league
    ("Seahawks @ Titans (Available outside Tennessee Region)", "2718842"),
    ("SEA @ TEN", "2718842"),
    ("Philadelphia Eagles vs Dallas Cowboys", "1651764"),
])
def test_a_bare_fixture_is_an_event_channel_once_its_event_is_found(matcher, name, event_id):
    assert match(matcher, name)[:2] == ("matched", event_id)


# bench/realworld/names.tsv (Event Channel Managarr's live-captured `at_style_channel_names.txt`): the
# date's `Jun 15:50 GMT` was read as a kick-off between two names, so the dash fixture counted only
# once an event confirmed it, and a game missing from the event source lost the programme its name
# states.
def test_a_dated_dash_fixture_is_an_event_channel_without_its_event():
    ce = content_event("LIVE | DALVÍK/REYNIR - HAUKAR | Sun 14 Jun 15:50 GMT (IS) |", "IS| LIVEY PPV",
                       LeagueCatalog.from_config())
    assert ce is not None and not ce.weak


@pytest.mark.parametrize("name", ["Napoli 20:00 Chelsea", "Sunderland 15:00 Monaco"])
def test_a_kick_off_between_two_clubs_is_still_read_as_a_fixture(name):
    ce = content_event(name, "", LeagueCatalog.from_config())
    assert ce is not None and ce.weak


def test_the_fixture_part_of_a_piped_name_gives_the_sides_and_the_rest_the_league():
    p = parse_channel_name("Live | Tottenham vs. Arsenal | Premier League | 2025-11-23 | 16:30 (GMT) | Sky",
                           on_date=NOV23)
    assert (p.side_a, p.side_b) == ("Tottenham", "Arsenal")
    assert "Premier League" in (p.league_hint or "")
    assert p.time_trusted and p.start_utc is not None and p.start_utc.hour == 16


def test_a_city_after_a_time_is_a_zone_only_when_no_word_follows():
    p = parse_channel_name("Nets @ New York 7pm ET", on_date=NOV23)
    assert (p.side_a, p.side_b) == ("Nets", "New York")
    q = parse_channel_name("Nets - Raptors 18:00 New York", on_date=NOV23)
    assert q.time_trusted and q.start_utc is not None and q.start_utc.hour == 23


# --- names from the independent real-shape set (bench/realworld), each on its own day -------------

BENCH_EVENTS = SHARED / "bench" / "events"


def match_on(name: str, day: date, group: str = "", tz: str = "America/New_York") -> tuple[str, str | None, str]:
    events = [e for d in (day - timedelta(days=1), day, day + timedelta(days=1))
              for e in load_events(BENCH_EVENTS / f"{d}.json")]
    entry = PlaylistEntry(index=0, line_no=1, name=name, url="http://p/live/2.ts",
                          attrs={"group-title": group} if group else {})
    classified = classify_channels([entry], vod_rules=load_vod_rules(), families=load_family_config())
    res = Matcher(events).match(classified.channels, on_date=day, provider="p", default_tz=tz)[0]
    return res.status, res.event.event_id if res.event else None, res.reason


@pytest.mark.parametrize("name, day, event_id", [
    # a language label glued to the first side with a hyphen
    ("ESPN+ 04: En Español-Mallorca vs. Levante @ Oct 26 09:00AM ET", date(2025, 10, 26), "1158151"),
    # a feed label after the family, teams as 3-letter codes
    ("US (Peacock 001): Home Feed: CHA at WAS (2025-10-26 18:00:00)", date(2025, 10, 26), None),
    # the slot number repeated in front of a dash fixture
    ("LIGUE 1 | 01 - ANGERS - LORIENT | Sun 26 Oct 16:15", date(2025, 10, 26), None),
    # a remark after the second side
    ("Live EFL Championship|Leicester v QPR: Kick-off 3.00pm", date(2026, 3, 14), "1787051"),
    # short forms of both words of a club
    ("Sky Sports + 01: EFL Championship Sheff Wed v Ipswich @ 14 Mar 03:00 PM London", date(2026, 3, 14),
     "1666346"),
    # no family, a dash fixture between pipes, a country tag after the zone
    ("LIVE | VERONA - CAGLIARI | Sun 26 Oct 14:00 GMT (IT) |", date(2025, 10, 26), "750911"),
])
def test_real_shape_names_match_their_event(name, day, event_id):
    status, got, reason = match_on(name, day)
    assert status == "matched", reason
    if event_id is not None:
        assert got == event_id


def test_hours_and_minutes_without_a_colon_are_a_time():
    p = parse_channel_name("NHL 2 :  SABRES vs CANADIENS  730PM", on_date=date(2025, 10, 26))
    assert (p.side_a, p.side_b) == ("SABRES", "CANADIENS")
    assert p.start_utc is not None and p.local_hour == 19


def test_a_dash_without_spaces_separates_two_sides():
    p = parse_channel_name("Serie A: Milan–Roma 20:45", on_date=date(2025, 11, 2))
    assert (p.side_a, p.side_b) == ("Milan", "Roma")


def test_a_german_zone_abbreviation_is_a_zone():
    p = parse_channel_name("DE: Bundesliga 02 | 1. FC Köln vs. Hamburger SV | 15:30 MEZ", on_date=date(2025, 11, 2))
    assert p.time_trusted and p.start_utc is not None and (p.start_utc.hour, p.start_utc.minute) == (14, 30)


@pytest.mark.parametrize("name, hour", [
    ("LIVE EVENT 06 - 5:30/8pm Pacheco v Aleem", 17),  # real name quoted in issue #13
    ("LIVE EVENT 05 - 10:30am/2pm Eubank v Papot", 10),  # real name (Event Channel Managarr fixtures)
])
def test_a_pair_of_start_times_starts_the_stream_at_the_first(name, hour):
    p = parse_channel_name(name, on_date=date(2025, 12, 2))
    assert (p.side_a, p.side_b) == tuple(name.split(" - ")[1].split(" ", 1)[1].split(" v "))
    assert p.local_hour == hour


# --- names from the second independent set (bench/realworld2), each on its own day -----------------

@pytest.mark.parametrize("name, day, event_id", [
    # a spaced slash between the sides, a city as the zone
    ("NL| Eredivisie: Fortuna Sittard / Groningen 15:40 London", date(2025, 10, 25), "1218518"),
    # the kick-off time between the sides, no family, no league (Teamarr #206 shape)
    ("Hamburger SV 14:30 Wolfsburg 25/10", date(2025, 10, 25), "2401235"),
    # the league first among three dash parts
    ("EFL Championship – Derby County – Queens Park Rangers – Sat 25 Oct 15:00", date(2025, 10, 25), "1905114"),
    # a UK list: a US game at 00:30 UK belongs to the UK day it is listed on
    ("NBA 01 | Celtics @ Knicks | 00:30 UK", date(2025, 10, 25), "2222481"),
    # a feed tag after the slot, the opponent cut off
    ("ESPN+ 1 (D): Athletic Bilbao vs. Real Ov", date(2025, 11, 9), "2117277"),
    # `versus`, all lower case
    ("bundesliga pass 1 | freiburg versus st. pauli 9:30a", date(2025, 11, 9), "668534"),
    # a club year at the end of the first side is not a slot number
    ("Sparta Rotterdam v. Telstar 1963 - Saturday, October 25th - 5:45pm UK", date(2025, 10, 25), None),
])
def test_second_set_shapes_match_their_event(name, day, event_id):
    status, got, reason = match_on(name, day)
    assert status == "matched", reason
    if event_id is not None:
        assert got == event_id


# --- names from the third independent set (bench/realworld3), each on its own day ------------------

@pytest.mark.parametrize("name, day, event_id", [
    # realworld2, a European list: `8p` is 8 PM ET the evening before the UK day it is listed on
    ("nba pass 1 | pelicans versus grizzlies 8p", date(2026, 1, 24), "636049"),
    # a Spanish agenda lists 02:00 (Madrid) at the end of the day before
    ("02:00 NHL - Liga Regular Los Angeles Kings - New Jersey Devils", date(2025, 11, 1), "789725"),
    # a Latin-American agenda's 18:00 (Mexico City), listed on the UK day it ends on
    ("18:00:00 NBA - Chicago Bulls vs New York Knicks", date(2025, 11, 1), "1983976"),
])
def test_a_zoneless_clock_that_misses_its_day_still_finds_the_days_game(name, day, event_id):
    assert match_on(name, day)[:2] == ("matched", event_id)


def test_a_zoneless_clock_no_zone_can_give_the_game_keeps_another_days_fixture_unmatched():
    # bench/realworld decoy-wrongday: Pacers-Hawks of another week; the day before's 7 PM ET game
    # is 7 PM, 6 PM, 00:00 UK ... never 7:30 in any usual zone
    assert match_on("NBA 1 :  PACERS vs HAWKS  730PM", date(2026, 2, 1))[0] == "unmatched"


@pytest.mark.parametrize("name, tz, event_id", [
    # the series' Friday game starts 01:10 UK on Saturday: a UK list's Saturday game
    ("MLB : Kansas City Royals vs Detroit Tigers (MSG USA)", "Europe/London", "1134025"),
    # a US list's Saturday is Saturday evening's game
    ("MLB : Kansas City Royals vs Detroit Tigers (MSG USA)", "America/New_York", "864570"),
])
def test_a_dateless_fixture_of_a_series_is_the_game_of_the_lists_own_day(name, tz, event_id):
    assert match_on(name, date(2025, 8, 30), tz=tz)[:2] == ("matched", event_id)


def test_two_games_of_a_series_on_the_lists_day_are_no_match():
    # a UK Saturday holds Friday evening's game (00:10 UK) and Saturday's: a dateless name fits both
    assert match_on("New York Mets vs Miami Marlins : MLB", date(2025, 8, 30), tz="Europe/London")[::2] == (
        "unmatched", "ambiguous")


# realworld3 `it_tvgname_linear` (ciccioxm3/OMGTV itaevents.m3u8): the game is only in tvg-name,
# the display name is the linear channel carrying it.
TVG_GAME = "13:30 England - Championship : Middlesbrough vs Sheffield United - 30/08/25"


def test_a_linear_name_over_a_tvg_name_that_states_a_game_is_that_games_channel():
    entry = PlaylistEntry(index=0, line_no=1, name="CBS Sports Network USA", url="http://p/live/5.ts",
                          attrs={"tvg-name": TVG_GAME, "group-title": "Calcio"})
    ch = classify_channels([entry], vod_rules=load_vod_rules(), families=load_family_config()).channels[0]
    assert ch.is_event_channel and ch.name == TVG_GAME and ch.entry.name == "CBS Sports Network USA"
    day = date(2025, 8, 30)
    events = [e for d in (day - timedelta(days=1), day, day + timedelta(days=1))
              for e in load_events(BENCH_EVENTS / f"{d}.json")]
    res = Matcher(events).match([ch], on_date=day, provider="p", default_tz="Europe/London")[0]
    assert res.status == "matched" and res.event is not None
    assert {res.event.home, res.event.away} == {"Middlesbrough", "Sheffield United"}


@pytest.mark.parametrize("tvg_name", ["SkySportsMainEvent.uk", "Sky Sports Main Event", ""])
def test_a_linear_channel_whose_tvg_name_states_no_game_stays_linear(tvg_name):
    entry = PlaylistEntry(index=0, line_no=1, name="UK: Sky Sports Main Event FHD", url="http://p/live/6.ts",
                          attrs={"tvg-name": tvg_name, "group-title": "UK| SPORTS"})
    ch = classify_channels([entry], vod_rules=load_vod_rules(), families=load_family_config()).channels[0]
    assert not ch.is_event_channel and ch.name == "UK: Sky Sports Main Event FHD"


@pytest.mark.parametrize("name", ["Verona - Cagliari", "Verona x Cagliari"])
def test_two_bare_club_names_are_an_event_channel_once_their_event_is_found(name):
    # real shapes without time or league (bench/realworld names.tsv: `Rennes - Lyon`, `Torino x Napoli`)
    assert match_on(name, date(2025, 10, 26))[:2] == ("matched", "750911")


@pytest.mark.parametrize("name", ["Monster Jam – Pluto TV", "Fox News - Live"])
def test_two_bare_names_no_event_confirms_stay_ordinary_channels(name):
    assert match_on(name, date(2025, 10, 26)) == ("unmatched", None, "not_event_channel")


@pytest.mark.parametrize("name", ["USA - Discovery FHD", "USA - TNT SD", "UK - Sky Sports Main Event HD"])
def test_a_country_and_a_linear_channel_around_a_dash_are_not_even_a_candidate(name):
    # real provider shapes (the demo and bench playlists): not worth the matcher's time
    assert content_event(name, "", LeagueCatalog.from_config()) is None


def test_highlights_in_spanish_are_highlights():
    # realworld3 decoy: a Spanish agenda's `Resumen` (summary) of an NHL game
    p = parse_channel_name("Resumen Vegas Golden Knights - Colorado Avalanche", on_date=date(2025, 11, 1))
    assert p.highlights


def test_a_highlights_word_read_into_a_family_still_marks_highlights():
    p = parse_channel_name("Highlights France - Ligue 1 : Lens vs Brest", on_date=date(2025, 8, 30))
    assert p.highlights


# --- names from the fourth independent set (bench/realworld4), each on its own day -----------------

@pytest.mark.parametrize("name, day, event_id", [
    # doms9/iptv events.m3u8: a bracketed league, a dash fixture, no time, a scraper's source tag
    ("[Football - USA. MLS] LAFC –  Real Salt Lake (LTVSX)", date(2025, 9, 21), "2839841"),
    ("[Football - Scotland. Premiership] St Mirren –  Aberdeen (LTVSX)", date(2025, 10, 18), "992073"),
    # a club's `1.` after `vs`, and a copy number after a club that starts like a month
    ("[Bundesliga] Union Berlin vs 1. FC Heidenheim | Disney + (STRMXHD)", date(2025, 11, 29), "3363606"),
    ("[Germany Bundesliga] FC Köln vs Augsburg 1 (FAWA)", date(2025, 10, 18), "1638297"),
    # DaddyLive: the league in front labels the game, not the broadcaster's name behind it
    ("NHL : Calgary Flames vs Carolina Hurricanes - NBA TV USA", date(2026, 3, 8), "1203197"),
    # AdriJr175/ecsports: clubs in leetspeak
    ("EVENTO 2 | Ch4mp1onship de Ingl4t3rra | S0uth4mpton Vs Hull Çity | Opcion 1", date(2026, 1, 17), "2145378"),
    # a7shk1/yallashoot agenda and Arabic channel names: clubs in Arabic script, `ضد` (against)
    ("كومو - كالياري | 17:00 | beIN SPORTS HD 1", date(2025, 11, 8), "662556"),
    ("إيفرتون ضد فولهام", date(2025, 11, 8), "823523"),
])
def test_fourth_set_shapes_match_their_event(name, day, event_id):
    assert match_on(name, day, group="Live Events")[:2] == ("matched", event_id)


def test_a_series_game_of_a_list_whose_day_is_not_settled_is_no_match():
    # bench/realworld4 2025-08-23-p2: nothing in the list says whose Saturday it is, and Arizona
    # play Cincinnati on Friday evening (01:10 UK Saturday) and on Saturday evening (US)
    events = [e for d in ("2025-08-22", "2025-08-23", "2025-08-24") for e in load_events(BENCH_EVENTS / f"{d}.json")]
    entry = PlaylistEntry(index=0, line_no=1, name="MLB : Arizona Diamondbacks vs Cincinnati Reds - TSN2",
                          url="http://p/live/7.ts")
    classified = classify_channels([entry], vod_rules=load_vod_rules(), families=load_family_config())
    unsettled = Matcher(events, settings=MatchSettings(other_day_tz="Europe/London"))
    res = unsettled.match(classified.channels, on_date=date(2025, 8, 23), provider="p")[0]
    assert (res.status, res.reason) == ("unmatched", "ambiguous")


# --- title events (fight cards) through the whole chain --------------------------------------------

SNAPSHOT = Path(__file__).resolve().parents[1] / "epgoat_assets" / "data" / "snapshot"


@pytest.mark.parametrize("name", [
    # the shape of real UFC slot names (Teamarr issues; issue #13), on the bundled snapshot's card
    "UFC 12: Tsarukyan vs Hooker - MAIN CARD start:2025-11-22 18:50:00 stop:2025-11-22 22:00:00",
    "UFC Fight Night: Tsarukyan vs. Hooker",
])
def test_a_fight_card_is_matched_by_its_title_through_the_chain(name):
    events = load_events(SNAPSHOT / "2025-11-22.json")
    card = next(e for e in events if e.is_title_event)
    entry = PlaylistEntry(index=0, line_no=1, name=name, url="http://p/live/3.ts")
    classified = classify_channels([entry], vod_rules=load_vod_rules(), families=load_family_config())
    res = Matcher(events).match(classified.channels, on_date=date(2025, 11, 22), provider="p")[0]
    assert (res.status, res.handler, res.event.event_id if res.event else None) == (
        "matched", "title_events", card.event_id)


def test_a_pre_show_of_the_card_is_not_the_card():
    events = load_events(SNAPSHOT / "2025-11-22.json")
    entry = PlaylistEntry(index=0, line_no=1, name="UFC 00 : UFC FIGHT NIGHT DOHA: PRE-SHOW start:2025-11-22 15:55:00",
                          url="http://p/live/4.ts")
    classified = classify_channels([entry], vod_rules=load_vod_rules(), families=load_family_config())
    assert Matcher(events).match(classified.channels, on_date=date(2025, 11, 22), provider="p")[0].status == "unmatched"


# bench/realworld5 `compact_codes` (the abbreviation algorithm of code-corpus 20711916161, real
# `NYR-SEA`, `RIT@CLG`): initials of a many-word club, first letters of a one-word club.
@pytest.mark.parametrize("name, event_id", [("LYON-LH", "2389003"), ("FREI-BD", "2984304")])
def test_two_compact_abbreviations_are_a_fixture_once_their_event_is_found(name, event_id):
    assert match_on(name, date(2025, 12, 14))[:2] == ("matched", event_id)


def test_a_compact_abbreviation_pair_no_event_confirms_stays_an_ordinary_channel():
    assert match_on("ABC-XYZ", date(2025, 12, 14)) == ("unmatched", None, "not_event_channel")
