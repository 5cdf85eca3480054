"""The matching chain: fixture decisions, rejections with reasons, caches, overrides, fallbacks."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from epgoat_assets.lib.matching.chain import (
    CachedDecision,
    InMemoryCrossProviderCache,
    InMemoryEventDetailsCache,
    InMemoryMatchCache,
    Matcher,
    MatchSettings,
)
from epgoat_assets.lib.matching.names import ParsedName
from epgoat_assets.lib.matching.teams import TeamResolver
from epgoat_assets.lib.models import Candidate, ChannelInfo, Event, PlaylistEntry
from epgoat_assets.lib.sports.events import load_events

DATA = Path(__file__).parent / "data" / "matching"
NOV22, NOV23 = date(2025, 11, 22), date(2025, 11, 23)
JUL19 = date(2025, 7, 19)


@pytest.fixture(scope="module")
def events() -> list[Event]:
    return load_events(DATA / "events")


@pytest.fixture(scope="module")
def matcher(events: list[Event]) -> Matcher:
    return Matcher(events, resolver=TeamResolver.from_config())


def chan(name: str, *, family: str | None = "X", url: str | None = None,
         placeholder: bool = False, filtered_by: str | None = None) -> ChannelInfo:
    entry = PlaylistEntry(index=0, line_no=1, name=name, url=url or f"http://p/{abs(hash(name))}")
    return ChannelInfo(entry, filtered_by=filtered_by, family=family, placeholder=placeholder)


def one(m: Matcher, name: str, day: date, **kw) -> object:
    family = kw.pop("family", name.split(":")[0].split("|")[0].strip(" -0123456789") or "X")
    return m.match([chan(name, family=family, **kw)], on_date=day, provider="p1")[0]


@pytest.mark.parametrize("name, day, event_id", [
    ("ESPN+ 003: Mallorca vs Villarreal 3:00 PM ET", NOV22, "1131738"),
    ("NHL Center Ice 02 - Edmonton Oilers at Florida Panthers (7:00pm et)", NOV22, "1093052"),
    ("EPL 001 | Tottenham Hotspur @ Arsenal | 11:30am ET", NOV23, "2326908"),
    ("NBA League Pass 02: Magic (ORL) x Knicks (NYK) start:2025-11-22 21:50:00 "
     "stop:2025-11-23 02:00:00", NOV22, "1720317"),
    ("ESPN+ 004: Elche x Real Madrid start:2025-11-23 19:50:00 stop:2025-11-24 00:00:00",
     NOV23, "768714"),
    ("NBA 007: Jazz v Los Angeles Lakers - 2025-11-24 01:00 UK", NOV23, "3023836"),
    ("Sports 05 | Livingston @ Rangers | 9:00am ET", NOV22, "2224858"),
    ("Paramount+ 01 - Milan at Inter Milan (2:45pm et)", NOV23, "1503913"),
    ("EVENT 01 : Dutch Eredivisie: PSV vs. NAC Breda (11/22 10:30 AM ET)", NOV22, "3023162"),
    ("US| NHL Center Ice 009 : Utah Mammoth vs Rangers @ 09:00 PM ET", NOV22, "1050716"),
])
def test_dev_event_names_match_their_labelled_event(matcher: Matcher, name: str, day: date,
                                                     event_id: str):
    r = one(matcher, name, day)
    assert (r.status, r.event.event_id) == ("matched", event_id)
    assert r.handler == "local_events"
    assert r.confidence >= 0.9


@pytest.mark.parametrize("name, day", [
    ("EPL 005 | Arsenal @ Leeds United | 9:00am ET", NOV23),
    ("NHL Center Ice 11: Islanders vs Jets 4:00 PM ET", NOV23),
    ("ESPN+ 007: Real Oviedo x Elche start:2025-11-23 12:50:00 stop:2025-11-23 17:00:00", NOV23),
    ("Paramount+ 13 | Verona @ Inter Milan | 2:45pm ET", NOV23),
    ("NBA League Pass 14: Mavericks (DAL) x Bucks (MIL) start:2025-11-23 01:20:00 "
     "stop:2025-11-23 05:30:00", NOV22),
    ("Ligue 1 06 | PSG @ Lens | 11:00am ET", NOV22),
])
def test_half_pair_decoys_are_rejected_with_near_candidates(matcher: Matcher, name: str,
                                                             day: date):
    r = one(matcher, name, day)
    assert r.status == "unmatched"
    assert r.reason == "candidates_rejected"
    assert r.candidates and all(isinstance(c, Candidate) for c in r.candidates)


@pytest.mark.parametrize("name", [
    "AHL 01: Hershey Bears vs Providence Bruins 9:00 PM ET",
    "WNBA 02: Seattle Storm vs Las Vegas Aces 7:00 PM ET",
    "A-League 03: Sydney FC vs Melbourne Victory 7:00 PM ET",
    "CFL 01: Toronto Argonauts vs BC Lions 3:00 PM ET",
    "NCAAB 05: Gonzaga Bulldogs vs Duke Blue Devils 8:00 PM ET",
])
def test_leagues_without_events_never_match(matcher: Matcher, name: str):
    r = one(matcher, name, NOV22)
    assert r.status == "unmatched"


def test_replay_without_family_stays_unmatched(matcher: Matcher):
    r = matcher.match([chan("Chelsea vs Burnley (Replay)", family=None)], on_date=NOV22,
                      provider="p")[0]
    assert (r.status, r.reason) == ("unmatched", "not_event_channel")


def test_replay_inside_a_family_stays_unmatched(matcher: Matcher):
    r = one(matcher, "EPL 09: Chelsea vs Burnley (Replay) 7:30 AM ET", NOV22)
    assert (r.status, r.reason) == ("unmatched", "replay")


def test_linear_channel_stays_unmatched(matcher: Matcher):
    r = matcher.match([chan("US| ESPN FHD", family=None)], on_date=NOV22, provider="p")[0]
    assert r.status == "unmatched"


def test_placeholder_slot_gets_the_placeholder_reason(matcher: Matcher):
    r = matcher.match([chan("ESPN+ 006: NO EVENT SCHEDULED", family="ESPN+", placeholder=True)],
                      on_date=NOV22, provider="p")[0]
    assert (r.status, r.reason) == ("unmatched", "placeholder")
    r = one(matcher, "Bundesliga 04 | Event Starts Soon", NOV22)
    assert r.reason == "placeholder"


def test_filtered_entry_keeps_filtered_status(matcher: Matcher):
    r = matcher.match([chan("Bills vs Jets (2019)", family=None, filtered_by="url_path")],
                      on_date=NOV22, provider="p")[0]
    assert r.status == "filtered"


def test_results_keep_channel_order(matcher: Matcher):
    names = ["ESPN+ 003: Mallorca vs Villarreal 3:00 PM ET", "US| ESPN FHD",
             "Sports 05 | Livingston @ Rangers | 9:00am ET"]
    chans = [chan(names[0], family="ESPN+"), chan(names[1], family=None),
             chan(names[2], family="Sports")]
    out = matcher.match(chans, on_date=NOV22, provider="p")
    assert [r.entry.name for r in out] == names
    assert [r.status for r in out] == ["matched", "unmatched", "matched"]


def test_series_game_is_chosen_by_the_stated_time(matcher: Matcher):
    # Braves host the Yankees three days running; 7:15 PM ET on 19 July is the middle game.
    r = one(matcher, "MLB 03: Yankees @ Braves 7:15 PM ET", JUL19)
    assert r.event.event_id == "1400646"


def test_series_game_without_time_is_the_partition_local_day(matcher: Matcher):
    r = one(matcher, "MLB 04: Red Sox at Cubs", JUL19)
    assert r.event.event_id == "1842698"
    assert r.confidence < 0.9  # no stated time costs confidence


def test_series_game_with_a_wrong_trusted_time_is_rejected(matcher: Matcher):
    r = one(matcher, "MLB 04: Red Sox at Cubs 11:00 AM ET", JUL19)
    assert r.status == "unmatched"


def test_small_hours_in_a_european_zone_find_the_evening_game(matcher: Matcher):
    r = one(matcher, "Sports 11: Yankees vs Braves 01:15 CET", JUL19)
    assert r.event.event_id == "1400646"


def test_truncated_opponent_matches_through_the_fuzzy_handler(matcher: Matcher):
    r = one(matcher, "NBA 03: Jazz vs Los Angeles Lak", NOV23)
    assert (r.status, r.event.event_id, r.handler) == ("matched", "3023836", "regex_fuzzy")
    assert r.confidence <= 0.75


def test_one_side_alone_is_low_confidence_and_not_emitted_by_default(events: list[Event]):
    name = "NFL 09: Detroit Lions vs New Yrk Gnts FC 1:00 PM ET"
    m = Matcher(events, resolver=TeamResolver.from_config())
    r = one(m, name, NOV23)
    assert (r.status, r.reason) == ("unmatched", "low_confidence")
    lax = Matcher(events, resolver=TeamResolver.from_config(),
                  settings=MatchSettings(min_confidence=0.4))
    r = one(lax, name, NOV23)
    assert r.status == "matched" and r.confidence == 0.5


def test_doubleheader_without_time_is_ambiguous_not_guessed():
    def game(eid: str, hour: int) -> Event:
        return Event(eid, "Baseball", "MLB", "Chicago Cubs", "Boston Red Sox",
                     datetime(2025, 7, 19, hour, 5, tzinfo=UTC))
    m = Matcher([game("1", 17), game("2", 23)], resolver=TeamResolver.from_config())
    r = one(m, "MLB 04: Red Sox at Cubs", JUL19)
    assert (r.status, r.reason) == ("unmatched", "ambiguous")
    assert {c.event_id for c in r.candidates} == {"1", "2"}


def test_override_wins_and_can_say_no_event(events: list[Event]):
    name = "ESPN+ 003: Mallorca vs Villarreal 3:00 PM ET"
    m = Matcher(events, resolver=TeamResolver.from_config(),
                overrides={"http://p/forced": "2326908", name: None})
    forced = m.match([chan(name, family="ESPN+", url="http://p/forced")], on_date=NOV22,
                     provider="p")[0]
    assert (forced.event.event_id, forced.handler) == ("2326908", "override")
    blocked = m.match([chan(name, family="ESPN+")], on_date=NOV22, provider="p")[0]
    assert (blocked.status, blocked.reason) == ("unmatched", "override_no_event")


def test_match_cache_is_filled_then_used(events: list[Event]):
    cache = InMemoryMatchCache()
    m = Matcher(events, resolver=TeamResolver.from_config(), match_cache=cache)
    name = "Sports 05 | Livingston @ Rangers | 9:00am ET"
    assert one(m, name, NOV22).handler == "local_events"
    assert cache.get("p1", name, NOV22) == CachedDecision("2224858", 1.0, "local_events")
    assert one(m, name, NOV22).handler == "match_cache"


def test_cross_provider_cache_answers_only_when_consistent(events: list[Event]):
    # Another provider's channel named the fixture by nicknames no alias table knows; its decision
    # is reused for the same fixture text, but only inside this name's stated time.
    cross = InMemoryCrossProviderCache()
    cross.put("red dragons | tractor boys", NOV22,
              CachedDecision("3207720", 0.95, "local_events"))
    m = Matcher(events, resolver=TeamResolver.from_config(), cross_provider=cross)
    r = one(m, "Sports 08: Red Dragons vs Tractor Boys 10:00 AM ET", NOV22)
    assert (r.status, r.event.event_id, r.handler) == ("matched", "3207720",
                                                       "cross_provider_cache")
    wrong_time = one(m, "Sports 08: Red Dragons vs Tractor Boys 10:00 PM ET", NOV22)
    assert wrong_time.status == "unmatched"


class ScheduleLookup:
    """An EventLookup over a fixed list, standing in for the live API in a pure test."""

    def __init__(self, found: list[Event]):
        self.found = found
        self.calls: list[tuple[str, str | None, date]] = []

    def search(self, side_a: str, side_b: str | None, day: date) -> list[Event]:
        self.calls.append((side_a, side_b, day))
        return self.found


def test_api_lookup_result_is_judged_by_the_fixture_rules(events: list[Event]):
    ucl = Event("9001", "Soccer", "UEFA Champions League", "Celtic", "Sporting Clube de Braga",
                datetime(2025, 11, 22, 20, 0, tzinfo=UTC))
    details = InMemoryEventDetailsCache()
    lookup = ScheduleLookup([ucl])
    m = Matcher(events, resolver=TeamResolver.from_config(), api_lookup=lookup,
                event_details=details)
    r = one(m, "Sports 22: Celtic vs Sporting Braga 3:00 PM ET", NOV22)
    assert (r.status, r.event.event_id, r.handler) == ("matched", "9001", "api_lookup")
    assert details.get("9001") == ucl
    assert lookup.calls == [("Celtic", "Sporting Braga", NOV22)]


def test_an_event_found_by_the_live_lookup_settles_the_next_feed_of_the_fixture(events: list[Event]):
    ucl = Event("9001", "Soccer", "UEFA Champions League", "Celtic", "Sporting Clube de Braga",
                datetime(2025, 11, 22, 20, 0, tzinfo=UTC))
    lookup = ScheduleLookup([ucl])
    m = Matcher(events, resolver=TeamResolver.from_config(), api_lookup=lookup,
                event_details=InMemoryEventDetailsCache())
    first = one(m, "Sports 22: Celtic vs Sporting Braga 3:00 PM ET", NOV22)
    backup = one(m, "Sports 23: Celtic vs Sporting Braga 3:00 PM ET (Backup)", NOV22)
    assert (first.handler, backup.handler) == ("api_lookup", "event_details_cache")
    assert backup.event.event_id == "9001" and len(lookup.calls) == 1


def test_the_chain_lists_only_the_links_whose_storage_or_service_is_there(events: list[Event]):
    bare = Matcher(events, resolver=TeamResolver.from_config())
    assert [h.name for h in bare.chain] == ["local_events", "regex_fuzzy", "title_events"]
    full = Matcher(events, resolver=TeamResolver.from_config(), match_cache=InMemoryMatchCache(),
                   event_details=InMemoryEventDetailsCache(), cross_provider=InMemoryCrossProviderCache(),
                   api_lookup=ScheduleLookup([]), llm=FirstCandidateLLM())
    assert [h.name for h in full.chain] == ["match_cache", "event_details_cache", "local_events",
                                           "regex_fuzzy", "title_events", "cross_provider_cache", "api_lookup", "llm"]


class FirstCandidateLLM:
    """An LLMResolver that answers with the first candidate (or a fixed id), recording calls."""

    def __init__(self, answer: str | None = None):
        self.answer = answer
        self.seen: list[Sequence[Candidate]] = []

    def resolve(self, channel: ChannelInfo, parsed: ParsedName,
                candidates: Sequence[Candidate]) -> str | None:
        self.seen.append(candidates)
        return self.answer or candidates[0].event_id


def test_llm_chooses_only_among_candidates():
    def game(eid: str, hour: int) -> Event:
        return Event(eid, "Baseball", "MLB", "Chicago Cubs", "Boston Red Sox",
                     datetime(2025, 7, 19, hour, 5, tzinfo=UTC))
    llm = FirstCandidateLLM()
    m = Matcher([game("1", 17), game("2", 23)], resolver=TeamResolver.from_config(), llm=llm)
    r = one(m, "MLB 04: Red Sox at Cubs", JUL19)
    assert r.handler == "llm" and r.event.event_id in {"1", "2"}
    assert r.confidence <= 0.7
    rogue = Matcher([game("1", 17), game("2", 23)], resolver=TeamResolver.from_config(),
                    llm=FirstCandidateLLM(answer="not-a-candidate"))
    assert one(rogue, "MLB 04: Red Sox at Cubs", JUL19).status == "unmatched"


def test_llm_is_not_asked_without_candidates(events: list[Event]):
    llm = FirstCandidateLLM()
    m = Matcher(events, resolver=TeamResolver.from_config(), llm=llm)
    one(m, "KHL 04: SKA Saint Petersburg vs CSKA Moscow 5:00 PM ET", NOV22)
    assert llm.seen == []


def test_bad_default_zone_is_a_one_line_error(matcher: Matcher):
    with pytest.raises(ValueError, match="unknown time zone"):
        matcher.match([], on_date=NOV22, provider="p", default_tz="Nowhere/Land")


def test_league_label_before_a_team_is_not_part_of_it():
    # shape from Pharaoh-Labs/teamarr issue text: `NFL | 02 - TNF 8:35pm 49ers at Rams`
    events = load_events(DATA / "events" / "2025-11-23.json")
    m = Matcher(events, resolver=TeamResolver.from_config())
    r = one(m, "NFL | 02 - Week 12: Giants @ Lions 1p ET", NOV23, family="NFL")
    assert r.event.event_id == "3189901"


def test_womens_and_reserve_sides_do_not_match_the_first_team(matcher: Matcher):
    r = one(matcher, "EPL 04: Arsenal Women vs Tottenham Hotspur Women 11:30 AM ET", NOV23)
    assert r.status == "unmatched"
    r = one(matcher, "ESPN+ 05: Real Madrid B vs Elche 3:00 PM ET", NOV23)
    assert r.status == "unmatched"


# --- held-out failures (bench/heldout), rebuilt on the test events' teams ---------------------------

@pytest.mark.parametrize("name, event_id", [
    # `MLB 01: LAD @ SF 4:05 PM ET` missed: SF/CWS are the MLB's own codes
    ("MLB 01: SF @ TOR 3:07 PM ET", "1484670"),
    ("MLB 02: CWS @ PIT 6:40 PM ET", "2184468"),
    # `MLB 01 | Mariners vs Tigers | 1:10pmET` missed: the zone glued to `pm`
    ("MLB 03 | Giants vs Blue Jays | 3:07pmET", "1484670"),
])
def test_mlb_abbreviations_and_glued_zones_match(matcher: Matcher, name: str, event_id: str):
    r = one(matcher, name, JUL19, family="MLB")
    assert r.status == "matched" and r.event is not None
    assert r.event.event_id == event_id


def test_codes_only_fixture_whose_code_is_also_a_quality_word_matches(matcher: Matcher):
    # bench/realworld2 `SD @ CWS` (group `US| MLB GAMES`) missed: `SD` was dropped as a feed tag
    r = one(matcher, "SD @ WSH", JUL19, family="MLB")
    assert r.status == "matched" and r.event is not None
    assert r.event.event_id == "2591715"


def test_upper_case_dash_fixture_with_weekday_date_matches(matcher: Matcher):
    # shape of `EVENT 05 | LOS ANGELES - DALLAS | Sun 13 Jul 02:30 GMT | `, read as a placeholder
    r = one(matcher, "EVENT 03 | TORONTO RAPTORS - BROOKLYN NETS | Sun 23 Nov 23:00 GMT | ", NOV23,
            family="EVENT")
    assert r.status == "matched" and r.event is not None
    assert r.event.event_id == "3097163"


def test_dotted_pm_time_finds_the_christmas_night_game():
    # Thursday Night Football on Christmas 2025: 8:15 PM ET is 01:15 UTC the next day; the name
    # once read `8.15` as 15 August and found no candidate.
    ev = Event("3098294", "American Football", "NFL", "Kansas City Chiefs", "Denver Broncos",
               datetime(2025, 12, 26, 1, 15, tzinfo=UTC))
    m = Matcher([ev], resolver=TeamResolver.from_config())
    r = one(m, "NFL 03: Broncos at Chiefs 8.15pm ET", date(2025, 12, 25))
    assert (r.status, r.event.event_id) == ("matched", "3098294")


def test_tbd_kickoff_matches_the_days_only_meeting():
    ev = Event("2418280", "Baseball", "MLB", "Houston Astros", "New York Mets",
               datetime(2025, 3, 27, 20, 10, tzinfo=UTC))
    m = Matcher([ev], resolver=TeamResolver.from_config())
    r = one(m, "MLB 16: Mets @ Astros TBD", date(2025, 3, 27))
    assert (r.status, r.event.event_id) == ("matched", "2418280")
