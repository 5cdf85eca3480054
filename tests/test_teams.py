"""Team resolution over config/teams plus the teams of the loaded events."""

from __future__ import annotations

from pathlib import Path

import pytest

from epgoat_assets.lib.config import ConfigError
from epgoat_assets.lib.matching.teams import (
    TeamCacheError,
    TeamResolver,
    core,
    derive_alias_files,
    norm,
    parse_openfootball_clubs,
    unleet,
)
from epgoat_assets.lib.sports.events import load_events

DATA = Path(__file__).parent / "data" / "matching"


@pytest.fixture(scope="module")
def resolver() -> TeamResolver:
    return TeamResolver.from_config(events=load_events(DATA / "events"))


def test_normalisation_folds_accents_ampersand_and_saint():
    assert norm("Brighton & Hove Albion") == "brighton and hove albion"
    assert norm("MontrÃ©al Canadiens") == "montreal canadiens"
    assert norm("St. Pauli") == norm("Saint Pauli") == "st pauli"
    assert core(norm("SC Heerenveen")) == "heerenveen"
    assert core(norm("Telstar 1963")) == "telstar"


def test_full_name_resolves_exactly(resolver: TeamResolver):
    r = resolver.resolve("Philadelphia Flyers")
    assert r.team == "Philadelphia Flyers"
    assert r.hits[0].method == "name"


@pytest.mark.parametrize("text, team", [
    ("Man Utd", "Manchester United"), ("Spurs", "Tottenham Hotspur"),
    ("Barca", "Barcelona"), ("Atleti", "Atletico Madrid"), ("PSG", "Paris Saint-Germain"),
    ("Juve", "Juventus"), ("Wolves", "Wolverhampton Wanderers"), ("QPR", "Queens Park Rangers"),
    ("Borussia Mönchengladbach", "Borussia Monchengladbach"), ("1. FC Köln", "FC Koln"),
    ("Brighton & Hove Albion FC", "Brighton and Hove Albion"),
])
def test_common_short_forms(resolver: TeamResolver, text: str, team: str):
    assert team in resolver.resolve(text).names


def test_nickname_in_league_context(resolver: TeamResolver):
    assert resolver.resolve("Kraken", "NHL").team == "Seattle Kraken"
    assert resolver.resolve("Sabres").team == "Buffalo Sabres"


def test_tricode_resolves_in_league_context(resolver: TeamResolver):
    assert resolver.resolve("NYR", "NHL").team == "New York Rangers"
    assert resolver.resolve("PHI", "NBA").team == "Philadelphia 76ers"


def test_shared_word_is_reported_as_ambiguous_not_guessed(resolver: TeamResolver):
    r = resolver.resolve("Rangers")
    assert {"Rangers", "New York Rangers"} <= r.names
    assert r.hits[0].team == "Rangers"  # the club whose full name it is scores highest
    city = resolver.resolve("Los Angeles", "NBA")
    assert city.ambiguous and city.team is None
    assert city.names == {"Los Angeles Clippers", "Los Angeles Lakers"}


def test_milan_is_ac_milan_and_inter_milan_is_inter(resolver: TeamResolver):
    assert resolver.resolve("Milan").hits[0].team == "AC Milan"
    assert resolver.resolve("Inter Milan").team == "Inter Milan"
    assert resolver.resolve("Inter").team == "Inter Milan"


def test_paris_and_psg_are_different_clubs(resolver: TeamResolver):
    assert resolver.resolve("Paris").hits[0].team == "Paris"
    assert resolver.resolve("Paris Saint-Germain").team == "Paris Saint-Germain"


def test_typo_resolves_by_fuzzy_within_the_league(resolver: TeamResolver):
    r = resolver.resolve("Philadelpia Flyers", "NHL")
    assert r.team == "Philadelphia Flyers" and r.hits[0].method == "fuzzy"


@pytest.mark.parametrize("text", ["Providence Bruins", "Seattle Storm", "Sydney FC",
                                  "Toronto Argonauts", "Hershey Bears", "Perth Wildcats"])
def test_foreign_teams_sharing_a_word_do_not_resolve(resolver: TeamResolver, text: str):
    assert resolver.resolve(text).hits == ()


def test_league_context_excludes_other_leagues(resolver: TeamResolver):
    assert resolver.resolve("Rangers", "Scottish Premiership").team == "Rangers"
    assert resolver.resolve("Jets", "NHL").team == "Winnipeg Jets"


def test_openfootball_clubs_file_is_read_with_variants():
    text = (
        "Tottenham Hotspur FC, 1882, @ White Hart Lane, London (Tottenham)   ## Greater London\n"
        "  | Tottenham | Tottenham Hotspur | Spurs | Tottenham H.\n"
        "  | Tottenham Hotspur Football Club\n"
        "# a comment\n"
        "Fulham FC, 1879,  @ Craven Cottage,  London (Fulham)\n"
        "  | Fulham | FC Fulham\n"
    )
    clubs = parse_openfootball_clubs(text)
    assert clubs[0][0] == "Tottenham Hotspur FC" and "Spurs" in clubs[0]
    assert clubs[1] == ["Fulham FC", "Fulham", "FC Fulham"]


def test_derive_writes_alias_files_keyed_by_event_names(tmp_path: Path):
    shared = tmp_path / "shared"
    (shared / "aliases" / "openfootball_clubs").mkdir(parents=True)
    (shared / "aliases" / "openfootball_clubs" / "eng.clubs.txt").write_text(
        "Tottenham Hotspur FC, 1882\n  | Tottenham | Spurs\nArsenal FC\n  | Arsenal\n"
        "Barnet FC\n  | Barnet\n", encoding="utf-8")
    events = load_events(DATA / "events" / "2025-11-23.json")
    counts = derive_alias_files(shared, events, tmp_path / "out")
    text = (tmp_path / "out" / "english-premier-league.yaml").read_text(encoding="utf-8")
    assert "Tottenham Hotspur:" in text and "- Spurs" in text
    assert "Barnet" not in text  # a club with no event team is dropped, not guessed
    assert counts["English Premier League"] == 4  # Tottenham, Spurs, Tottenham Hotspur FC, Arsenal FC


def test_invalid_alias_file_is_a_one_line_config_error(tmp_path: Path):
    (tmp_path / "teams").mkdir()
    (tmp_path / "teams" / "bad.yaml").write_text("league: NBA\nteamz: {}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"bad.yaml: teamz"):
        TeamResolver.from_config(tmp_path)


@pytest.mark.parametrize("text, team", [
    ("SF", "San Francisco Giants"), ("CWS", "Chicago White Sox"), ("AZ", "Arizona Diamondbacks"),
    ("WSH", "Washington Nationals"), ("Chi White Sox", "Chicago White Sox"),
    ("LA Dodgers", "Los Angeles Dodgers"),
])
def test_mlb_stats_api_abbreviations_and_short_names_resolve(text: str, team: str):
    # held-out failure `MLB 01: LAD @ SF 4:05 PM ET`: the league's own codes, not betting-site codes
    assert TeamResolver.from_config().resolve(text, "MLB").team == team


# --- resolution cache export / import (warehouse table team_resolution_cache) ----------------------

def test_exported_resolutions_answer_a_fresh_resolver_without_recomputing():
    first = TeamResolver.from_config(events=load_events(DATA / "events"))
    first.resolve("MontrÃ©al Canadiens", "NHL")
    first.resolve("Gonzaga Bulldogs")
    rows = first.export_cache()
    assert ("montreal canadiens", "NHL", "Montreal Canadiens", "name", 1.0) in rows
    assert ("gonzaga bulldogs", "", None, "none", 0.0) in rows

    second = TeamResolver.from_config(events=load_events(DATA / "events"))
    assert second.import_cache(rows) == len(rows)
    second._index.clear()  # only the imported answers can resolve now
    assert second.resolve("Montréal Canadiens", "NHL").team == "Montreal Canadiens"
    assert second.resolve("Gonzaga Bulldogs").hits == ()


def test_a_text_with_several_teams_is_never_exported_as_one_team():
    # "Rangers": the Scottish club, New York, Texas, QPR; only the opponent can settle it
    r = TeamResolver.from_config(events=load_events(DATA / "events"))
    assert len(r.resolve("Rangers").hits) > 1
    assert not [row for row in r.export_cache() if row[0] == "rangers"]


def test_imported_row_for_a_team_the_catalogue_lost_is_skipped():
    r = TeamResolver.from_config()
    assert r.import_cache([("coyotes", "NHL", "Arizona Coyotes", "nickname", 0.95)]) == 0
    assert r.resolve("Coyotes", "NHL").team is None


def test_a_catalogue_change_drops_imported_answers():
    r = TeamResolver.from_config()
    r.import_cache([("bolts hockey club", "NHL", "Tampa Bay Lightning", "alias", 0.97)])
    assert r.resolve("Bolts Hockey Club", "NHL").team == "Tampa Bay Lightning"
    r.add_team("Bolts United", "NHL", "Ice Hockey")
    assert r.resolve("Bolts Hockey Club", "NHL").team is None


@pytest.mark.parametrize("row, message", [
    (("x", "NHL", "Boston Bruins", "nickname"), "expected 5 fields"),
    (("x", "NHL", "Boston Bruins", "guess", 0.9), "unknown method"),
    (("x", "NHL", None, "name", 1.0), "needs a team"),
    (("x", "NHL", "Boston Bruins", "none", 0.0), "method 'none' with a team"),
])
def test_malformed_cache_row_is_a_one_line_value_error(row, message):
    with pytest.raises(TeamCacheError, match=message):
        TeamResolver.from_config().import_cache([row])


# bench/realworld3 (Spanish AceStream agendas, real sources in its names.tsv): clubs named by the
# Spanish, Italian or Portuguese form of their city.
@pytest.mark.parametrize(("text", "league", "team"), [
    ("Eintracht Fráncfort", "German Bundesliga", "Eintracht Frankfurt"),
    ("Colonia", "German Bundesliga", "FC Koln"),
    ("Nápoles", "Italian Serie A", "Napoli"),
])
def test_a_club_named_by_its_city_in_another_language_resolves(text, league, team):
    assert TeamResolver.from_config().resolve(text, league).team == team


# bench/realworld4 `leet_evento_utc5` (AdriJr175/ecsports, a Latin-American list that writes club
# names in leetspeak): only a name that resolves to nothing is read again with its letters back.
@pytest.mark.parametrize(("text", "team"), [
    ("S0uth4mpton", "Southampton"),
    ("0xf0rd Un1ted", "Oxford United"),
    ("Toul0u$e", "Toulouse"),
])
def test_a_club_written_in_leetspeak_resolves(text, team):
    assert TeamResolver.from_config().resolve(text).team == team


def test_numbers_of_club_names_are_not_leetspeak():
    assert unleet("Hannover 96 vs 1. FC Köln") == "Hannover 96 vs 1. FC Köln"
    assert unleet("St Mirr3n") == "St Mirren"


def test_other_scripts_keep_their_letters_when_folded():
    from epgoat_assets.lib.text import fold

    assert fold("إيفرتون") == fold("ايفرتون") == "ايفرتون"  # hamza on the alif or not
    assert fold("Bodø/Glimt") == "bodo glimt"
