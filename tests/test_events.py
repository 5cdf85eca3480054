"""Loading and validating sports events (TheSportsDB and ESPN shapes) into `Event` records."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from epgoat_assets.lib.models import Event
from epgoat_assets.lib.sports.events import (
    EventsFormatError,
    load_events,
    load_events_batch,
    parse_espn_scoreboard,
    parse_tsdb_events,
)
from epgoat_assets.lib.sports.merge import merge_events, same_team

DATA = Path(__file__).parent / "data" / "api_samples"
TSDB_DAY = DATA / "thesportsdb" / "v1_eventsday_nfl_2026-10-04.json"
TSDB_SEASON = DATA / "thesportsdb" / "v1_eventsseason_epl_2026-2027_first5.json"
ESPN_NBA = DATA / "espn" / "basketball_nba_scoreboard_20251122.json"
SNAPSHOT = Path(__file__).parents[1] / "epgoat_assets" / "data" / "snapshot"


def tsdb_record(**overrides: object) -> dict:
    """A realistic eventsday record (NBA, as TheSportsDB writes it), with fields replaced."""
    record = {
        "idEvent": "2546384",
        "strEvent": "Boston Celtics vs Orlando Magic",
        "strFilename": "NBA 2025-11-23 Boston Celtics vs Orlando Magic",
        "strSport": "Basketball",
        "idLeague": "4387",
        "strLeague": "NBA",
        "strSeason": "2025-2026",
        "strHomeTeam": "Boston Celtics",
        "strAwayTeam": "Orlando Magic",
        "dateEvent": "2025-11-23",
        "strTime": "23:00:00",
        "strTimestamp": "2025-11-23T23:00:00",
        "strVenue": "TD Garden",
        "strStatus": "Not Started",
        "strPostponed": "no",
    }
    record.update(overrides)
    return {k: v for k, v in record.items() if v is not ...}


def test_real_eventsday_sample_maps_every_field() -> None:
    events = load_events(TSDB_DAY)
    london = next(e for e in events if e.event_id == "2475423")
    assert london.sport == "American Football"
    assert london.league == "NFL"
    assert london.league_id == "4391"
    assert (london.home, london.away) == ("Washington Commanders", "Indianapolis Colts")
    assert london.title == "Washington Commanders vs Indianapolis Colts"
    assert london.venue == "Tottenham Hotspur Stadium"
    assert london.status == "FT"
    assert london.season == "2026"
    assert london.thumb and london.thumb.endswith("9sgyk31784759773.jpg")
    assert london.source == "snapshot"


def test_timestamp_without_zone_is_utc_not_local_time() -> None:
    # strTimeLocal is 14:30 (London, BST); strTimestamp 13:30 is the UTC instant.
    london = next(e for e in load_events(TSDB_DAY) if e.event_id == "2475423")
    assert london.start_utc == datetime(2026, 10, 4, 13, 30, tzinfo=UTC)


def test_poster_is_the_thumb_when_there_is_no_thumb() -> None:
    batch = parse_tsdb_events({"events": [tsdb_record(strThumb="", strPoster="https://x/p.jpg")]})
    assert batch.events[0].thumb == "https://x/p.jpg"


def test_date_and_time_are_used_when_the_timestamp_is_missing() -> None:
    batch = parse_tsdb_events({"events": [tsdb_record(strTimestamp=None, strTime="19:30:00")]})
    assert batch.events[0].start_utc == datetime(2025, 11, 23, 19, 30, tzinfo=UTC)


def test_explicit_offset_is_converted_to_utc() -> None:
    batch = parse_tsdb_events({"events": [tsdb_record(strTimestamp="2025-11-23T18:00:00-05:00")]})
    assert batch.events[0].start_utc == datetime(2025, 11, 23, 23, 0, tzinfo=UTC)


def test_a_date_without_a_time_keeps_the_event_with_unknown_kickoff() -> None:
    batch = parse_tsdb_events({"events": [tsdb_record(strTimestamp=None, strTime=None)]})
    assert batch.events[0].start_utc is None
    assert batch.skipped == {}


def test_null_optional_fields_become_none() -> None:
    record = tsdb_record(strVenue=None, strStatus=None, strSeason=None, strThumb=None, strPoster=None,
                         strSport=None)
    event = parse_tsdb_events({"events": [record]}).events[0]
    assert (event.venue, event.status, event.season, event.thumb, event.sport) == (None, None, None, None, "")


def test_numeric_ids_are_accepted_as_text() -> None:
    batch = parse_tsdb_events({"events": [tsdb_record(idEvent=2546384, idLeague=4387)]})
    assert (batch.events[0].event_id, batch.events[0].league_id) == ("2546384", "4387")


def test_bad_records_are_skipped_and_counted_by_reason() -> None:
    payload = {
        "events": [
            tsdb_record(),
            tsdb_record(idEvent=None),
            tsdb_record(idEvent="1", strHomeTeam=["Boston"]),
            tsdb_record(idEvent="2", strTimestamp="soon", strTime="tbd"),
            tsdb_record(idEvent="3", strLeague=None),
            tsdb_record(idEvent="4", strHomeTeam=None, strAwayTeam=None, strEvent=None),
            "not a record",
            tsdb_record(),  # the same fixture listed twice
        ]
    }
    batch = parse_tsdb_events(payload)
    assert [e.event_id for e in batch.events] == ["2546384"]
    assert batch.skipped == {
        "missing_id": 1,
        "invalid_fields": 1,
        "bad_time": 1,
        "missing_league": 1,
        "missing_teams": 1,
        "not_an_object": 1,
        "duplicate_id": 1,
    }


_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20)
    | st.sampled_from(["2025-11-23", "23:00:00", "2025-11-23T23:00:00", "NBA", "", " "]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)
_TSDB_KEYS = st.sampled_from(["idEvent", "strEvent", "strSport", "idLeague", "strLeague", "strHomeTeam",
                              "strAwayTeam", "dateEvent", "strTime", "strTimestamp", "strThumb", "x"])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.dictionaries(_TSDB_KEYS, _JSON_VALUES) | _JSON_VALUES, max_size=8))
def test_any_records_are_either_events_or_counted_skips(records: list) -> None:
    batch = parse_tsdb_events({"events": records})
    assert len(batch.events) + batch.skipped_total == len(records)
    assert all(e.start_utc is None or e.start_utc.tzinfo is UTC for e in batch.events)


def test_same_id_at_two_kickoffs_is_a_doubleheader_not_a_duplicate() -> None:
    first = tsdb_record(strTimestamp="2025-07-26T00:10:00")
    second = tsdb_record(strTimestamp="2025-07-26T18:40:00")
    assert len(parse_tsdb_events({"events": [first, second]}).events) == 2


def test_event_without_teams_keeps_its_title() -> None:
    fight = tsdb_record(idEvent="9", strSport="Fighting", strLeague="UFC", strHomeTeam=None,
                        strAwayTeam=None, strEvent="UFC 329: McGregor vs Holloway 2")
    event = parse_tsdb_events({"events": [fight]}).events[0]
    assert (event.home, event.away, event.title) == ("", "", "UFC 329: McGregor vs Holloway 2")


def test_null_events_means_an_empty_day() -> None:
    batch = parse_tsdb_events({"events": None})
    assert (batch.events, batch.skipped) == ([], {})


def test_payload_without_events_is_a_format_error() -> None:
    with pytest.raises(EventsFormatError, match="no 'events' list"):
        parse_tsdb_events({"teams": []})


def test_file_that_is_not_json_gives_a_one_line_error(tmp_path: Path) -> None:
    bad = tmp_path / "2025-11-23.json"
    bad.write_text('{"events": [{"idEvent": "1", "strEvent": "Boston Cel', encoding="utf-8")
    with pytest.raises(EventsFormatError) as err:
        load_events(bad)
    assert "not valid JSON" in str(err.value)
    assert str(bad) in str(err.value)
    assert "\n" not in str(err.value)


def test_missing_path_is_a_format_error(tmp_path: Path) -> None:
    with pytest.raises(EventsFormatError, match="no such file or folder"):
        load_events(tmp_path / "nowhere")


def test_folder_of_day_files_can_be_limited_to_some_days(tmp_path: Path) -> None:
    for day in ("2025-11-22", "2025-11-23", "2025-11-24"):
        shutil.copy(SNAPSHOT / f"{day}.json", tmp_path / f"{day}.json")
    (tmp_path / "notes.txt").write_text("not an events file", encoding="utf-8")
    only_23 = load_events(tmp_path, days=[date(2025, 11, 23)])
    expected = json.loads((SNAPSHOT / "2025-11-23.json").read_text(encoding="utf-8"))["events"]
    assert {e.event_id for e in only_23} == {r["idEvent"] for r in expected}
    assert len(load_events(tmp_path)) > len(only_23)


def test_several_paths_load_together_and_repeats_across_files_count_once(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(json.dumps({"events": [tsdb_record()]}), encoding="utf-8")
    (tmp_path / "b.json").write_text(json.dumps({"events": [tsdb_record()]}), encoding="utf-8")
    batch = load_events_batch([tmp_path / "a.json", str(tmp_path / "b.json"), TSDB_SEASON])
    assert len(batch.events) == 1 + 5
    assert batch.skipped == {"duplicate_id": 1}


def test_bundled_snapshot_loads_without_skips() -> None:
    batch = load_events_batch(SNAPSHOT)
    assert batch.events and batch.skipped == {}
    assert all(e.start_utc is not None and e.start_utc.tzinfo is UTC for e in batch.events)


@pytest.mark.parametrize("folder", ["/work/shared/bench/events", "/work/shared/data/api_samples/thesportsdb"])
def test_shared_event_files_load(folder: str) -> None:
    if not Path(folder).is_dir():
        pytest.skip(f"{folder} is not on this machine")
    paths = [folder] if folder.endswith("events") else sorted(Path(folder).glob("*.json"))
    batch = load_events_batch(paths)
    assert batch.events and batch.skipped == {}


def test_espn_scoreboard_normalises_to_the_tsdb_league_and_names() -> None:
    payload = json.loads(ESPN_NBA.read_text(encoding="utf-8"))
    batch = parse_espn_scoreboard(payload, path="basketball/nba")
    hawks = next(e for e in batch.events if e.away == "Atlanta Hawks")
    assert hawks.home == "New Orleans Pelicans"
    assert (hawks.sport, hawks.league, hawks.league_id) == ("Basketball", "NBA", "4387")
    assert hawks.start_utc == datetime(2025, 11, 23, 0, 0, tzinfo=UTC)
    assert hawks.espn_id == hawks.event_id
    assert hawks.source == "espn"
    assert hawks.venue == "Smoothie King Center"
    assert hawks.status == "STATUS_SCHEDULED"
    assert batch.skipped == {}


def test_espn_event_without_both_sides_is_skipped() -> None:
    payload = json.loads(ESPN_NBA.read_text(encoding="utf-8"))
    payload["events"][0]["competitions"][0]["competitors"].pop()
    batch = parse_espn_scoreboard(payload, path="basketball/nba")
    assert batch.skipped == {"missing_teams": 1}
    assert len(batch.events) == len(payload["events"]) - 1


# -- merging the same event from two sources


LEAGUES = {"NBA": ("Basketball", "4387"), "MLB": ("Baseball", "4424")}


def game(home: str, away: str, start: str, *, league: str = "NBA", source: str = "thesportsdb",
         event_id: str = "1670956", **fields: object) -> Event:
    sport, league_id = LEAGUES[league]
    return Event(event_id=event_id, sport=sport, league=league, home=home, away=away,
                 start_utc=datetime.fromisoformat(start).replace(tzinfo=UTC), league_id=league_id,
                 source=source, **fields)  # type: ignore[arg-type]


def test_same_event_from_both_sources_is_stored_once_with_both_ids() -> None:
    tsdb = [game("New Orleans Pelicans", "Atlanta Hawks", "2025-11-23T00:00:00")]
    espn = [game("New Orleans Pelicans", "Atlanta Hawks", "2025-11-23T00:00:00", source="espn",
                event_id="401810161", espn_id="401810161", venue="Smoothie King Center")]
    merged = merge_events(tsdb, espn)
    assert len(merged) == 1
    assert (merged[0].event_id, merged[0].espn_id) == ("1670956", "401810161")
    assert merged[0].venue == "Smoothie King Center"  # filled in from ESPN


def test_team_names_are_compared_normalised() -> None:
    assert same_team("Los Angeles Clippers", "LA Clippers")
    assert same_team("AFC Bournemouth", "Bournemouth")
    assert same_team("Atlético Madrid", "Atletico Madrid")
    assert same_team("Brighton & Hove Albion", "Brighton and Hove Albion")
    assert not same_team("Manchester United", "Newcastle United")
    assert not same_team("Los Angeles Lakers", "Los Angeles Clippers")


def test_kickoffs_further_apart_than_the_tolerance_are_different_events() -> None:
    tsdb = [game("Boston Celtics", "Orlando Magic", "2025-11-23T23:00:00")]
    espn = [game("Boston Celtics", "Orlando Magic", "2025-11-24T23:00:00", source="espn", event_id="9")]
    assert len(merge_events(tsdb, espn)) == 2
    near = [game("Boston Celtics", "Orlando Magic", "2025-11-23T23:30:00", source="espn", event_id="9")]
    assert len(merge_events(tsdb, near, tolerance=timedelta(minutes=45))) == 1
    assert len(merge_events(tsdb, near, tolerance=timedelta(minutes=15))) == 2


def test_swapped_home_and_away_is_the_same_event() -> None:
    tsdb = [game("Memphis Grizzlies", "Orlando Magic", "2026-01-15T19:00:00")]  # Berlin, neutral site
    espn = [game("Orlando Magic", "Memphis Grizzlies", "2026-01-15T19:00:00", source="espn", event_id="9")]
    assert len(merge_events(tsdb, espn)) == 1


def test_other_leagues_never_merge() -> None:
    tsdb = [game("Boston Celtics", "Orlando Magic", "2025-11-23T23:00:00")]
    other = Event(event_id="9", sport="Basketball", league="WNBA", home="Boston Celtics",
                  away="Orlando Magic", start_utc=tsdb[0].start_utc, league_id="4516", source="espn")
    assert len(merge_events(tsdb, [other])) == 2


def test_doubleheader_pairs_each_game_with_its_own_counterpart() -> None:
    def royals(start: str, **fields: object) -> Event:
        return game("Kansas City Royals", "Cleveland Guardians", start, league="MLB", **fields)

    tsdb = [royals("2025-07-26T18:40:00", event_id="a"), royals("2025-07-26T19:50:00", event_id="b")]
    espn = [royals("2025-07-26T19:45:00", source="espn", event_id="e2", espn_id="e2"),
            royals("2025-07-26T18:40:00", source="espn", event_id="e1", espn_id="e1")]
    merged = merge_events(tsdb, espn)
    assert [(e.event_id, e.espn_id) for e in merged] == [("a", "e1"), ("b", "e2")]


def test_real_espn_fixture_merges_into_the_bundled_snapshot() -> None:
    tsdb = [e for e in load_events(SNAPSHOT, days=[date(2025, 11, 22), date(2025, 11, 23)]) if e.league == "NBA"]
    espn = parse_espn_scoreboard(json.loads(ESPN_NBA.read_text(encoding="utf-8")), path="basketball/nba").events
    merged = merge_events(tsdb, espn)
    assert len(merged) == len(tsdb)
    assert sum(e.espn_id is not None for e in merged) == len(espn)


# -- title events: fight cards and race weekends (no two teams)

ESPN_UFC = DATA / "espn" / "mma_ufc_scoreboard_20251206.json"
ESPN_F1 = DATA / "espn" / "racing_f1_scoreboard_20251207.json"
ESPN_FBS = DATA / "espn" / "football_college-football_groups80_scoreboard_20251206.json"


def test_espn_fight_card_keeps_its_title_parts_and_fighters() -> None:
    [card] = parse_espn_scoreboard(json.loads(ESPN_UFC.read_text(encoding="utf-8")), path="mma/ufc").events
    assert (card.title, card.league, card.sport, card.league_id) == (
        "UFC 323: Dvalishvili vs. Yan 2", "UFC", "Fighting", "4443")
    assert (card.home, card.away) == ("", "") and card.is_title_event
    assert [(p.name, p.start_utc) for p in card.parts] == [
        ("early prelims", datetime(2025, 12, 6, 23, 0, tzinfo=UTC)),
        ("prelims", datetime(2025, 12, 7, 1, 0, tzinfo=UTC)),
        ("main card", datetime(2025, 12, 7, 3, 0, tzinfo=UTC)),
    ]
    assert card.start_utc == datetime(2025, 12, 6, 23, 0, tzinfo=UTC)  # the card opens with its first bout
    assert {"Merab Dvalishvili", "Petr Yan", "Alexandre Pantoja"} <= set(card.participants)
    assert len(card.participants) == 28


def test_espn_race_weekend_is_filed_at_the_race() -> None:
    [gp] = parse_espn_scoreboard(json.loads(ESPN_F1.read_text(encoding="utf-8")), path="racing/f1").events
    assert (gp.league, gp.sport) == ("Formula 1", "Motorsport")
    assert gp.start_utc == datetime(2025, 12, 7, 13, 0, tzinfo=UTC)
    assert [p.name for p in gp.parts] == ["practice 1", "practice 2", "practice 3", "qualifying", "race"]
    assert gp.venue == "Yas Marina Circuit"


def test_espn_college_scoreboard_is_labelled_with_the_catalogue_league() -> None:
    batch = parse_espn_scoreboard(json.loads(ESPN_FBS.read_text(encoding="utf-8")),
                                  path="football/college-football")
    assert {e.league for e in batch.events} == {"NCAA Football"}
    tech = next(e for e in batch.events if e.home == "Texas Tech Red Raiders")
    assert (tech.away, tech.sport) == ("BYU Cougars", "American Football")


def test_snapshot_fight_card_has_parts_from_the_extension_field() -> None:
    card = next(e for e in load_events(SNAPSHOT, days=[date(2025, 11, 22)]) if e.league == "UFC")
    assert card.title == "UFC Fight Night: Tsarukyan vs. Hooker"
    assert [p.name for p in card.parts] == ["prelims", "main card"]


def test_unreadable_parts_skip_the_record() -> None:
    card = tsdb_record(idEvent="9", strEvent="UFC 323: Dvalishvili vs. Yan 2", strHomeTeam=None, strAwayTeam=None,
                       strLeague="UFC", epgoatParts=[{"name": "Main Card", "start": "tonight"}])
    assert parse_tsdb_events({"events": [card]}).skipped == {"bad_parts": 1}


def test_a_string_instead_of_the_events_list_is_a_clear_error() -> None:
    with pytest.raises(EventsFormatError, match="answered 'Invalid league' instead of a 'events' list"):
        parse_tsdb_events({"events": "Invalid league"}, what="thesportsdb eventsday.php")


def test_the_same_card_from_two_sources_is_stored_once() -> None:
    espn_card = parse_espn_scoreboard(json.loads(ESPN_UFC.read_text(encoding="utf-8")), path="mma/ufc").events[0]
    tsdb_card = Event(event_id="2310550", sport="Fighting", league="UFC", home="", away="",
                      start_utc=datetime(2025, 12, 7, 0, 0, tzinfo=UTC), league_id="4443",
                      title="UFC 323: Dvalishvili vs. Yan 2", source="thesportsdb")
    [merged] = merge_events([tsdb_card], [espn_card])
    assert merged.event_id == "2310550" and merged.espn_id == espn_card.event_id
    assert merged.parts == espn_card.parts


def test_title_events_round_trip_through_the_warehouse(tmp_path: Path) -> None:
    from epgoat_assets.lib.warehouse import store
    from epgoat_assets.lib.warehouse.db import Database

    db = Database(f"duckdb:///{tmp_path / 'w.duckdb'}")
    db.migrate()
    card = parse_espn_scoreboard(json.loads(ESPN_UFC.read_text(encoding="utf-8")), path="mma/ufc").events[0]
    assert store.upsert_events(db, [card]).new == 1
    assert store.upsert_events(db, [card]).unchanged == 1
    [back] = store.load_events(db, datetime(2025, 12, 6, tzinfo=UTC), datetime(2025, 12, 8, tzinfo=UTC))
    assert (back.title, back.parts, back.participants) == (card.title, card.parts, card.participants)
    with db.connect() as conn:
        assert conn.fetchone("SELECT COUNT(*) FROM event_participants")[0] == 0  # no empty sides stored
