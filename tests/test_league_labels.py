"""One-off event streams named by a league label and a fixture, with no slot number."""

from __future__ import annotations

from datetime import date

import pytest

from epgoat_assets.lib import pipeline
from epgoat_assets.lib.playlists.league_labels import labelled_fixture
from epgoat_assets.lib.playlists.providers import ProviderConfig
from epgoat_assets.lib.sports.events import load_events
from epgoat_assets.lib.sports.leagues import LeagueCatalog


@pytest.fixture(scope="module")
def catalog() -> LeagueCatalog:
    return LeagueCatalog.from_config()


@pytest.mark.parametrize(("name", "league"), [
    ("EPL: Man Utd v Newcastle (Boxing Day) 20:00 GMT", "English Premier League"),
    ("LIGUE 1: Paris SG - Olympique Marseille 20:45", "French Ligue 1"),
    ("LIGA PORTUGAL: SC Braga vs Rio Ave 19:00", "Portuguese Primeira Liga"),
    ("US| NBA: Lakers vs Celtics 7:30 PM ET", "NBA"),
    ("KHL: SKA vs CSKA 19:00", "KHL"),
    # A league keyword plus a word or two (the adversarial review's Christmas Day stream).
    ("NFL Xmas: Dallas Cowboys v Washington Commanders (Christmas Day) 18:00 GMT", "NFL"),
])
def test_a_league_label_with_a_timed_fixture_is_an_event_channel(catalog, name: str, league: str) -> None:
    found = labelled_fixture(name, catalog)
    assert found is not None and found.league == league


@pytest.mark.parametrize("name", [
    "US: ESPN2 SD",  # a linear channel
    "UK: Sky Sports Main Event",
    "NBA TV (East)",
    "Chelsea vs Burnley (Replay)",  # no label
    "PL: Brighton v Leeds United Hlts",  # no time: a highlights stream
    "NHL: Hockey Night in Canada 7pm",  # a show, no two sides
    "NBA Christmas Day Special Showcase: Knicks vs Spurs 12:00 PM ET",  # too much beyond the keyword
    "Sky Sports: Arsenal v Chelsea 8pm",  # a broadcaster, not a league
])
def test_other_names_are_not_labelled_fixtures(catalog, name: str) -> None:
    assert labelled_fixture(name, catalog) is None


def _playlist(*names: str) -> bytes:
    body = "".join(f'#EXTINF:-1 group-title="EVENTS",{n}\nhttp://p.example:8080/live/u/p/{i}.ts\n'
                   for i, n in enumerate(names))
    return ("#EXTM3U\n" + body).encode()


def test_a_labelled_fixture_is_matched_to_its_event() -> None:
    # Real fixture: Paris Saint-Germain v Le Havre, Ligue 1, 2025-11-22 20:05 UTC (21:05 CET, idEvent
    # 925155 in the bundled snapshot); the name is written the way one-off streams are named.
    provider = ProviderConfig(key="t", name="t", playlist="-", timezone="Europe/Paris", date_order="dmy")
    run = pipeline.classify_playlist(_playlist("LIGUE 1: Paris SG - Le Havre 21:05", "US: ESPN2 SD"), provider)
    [ligue, espn] = run.classified.channels
    assert ligue.family == "LIGUE 1" and ligue.league_hint == "French Ligue 1" and ligue.slot is None
    assert espn.family is None
    events = load_events("epgoat_assets/data/snapshot", days=[date(2025, 11, 22)])
    [first, second] = pipeline.match_channels(run.classified.channels, events, on_date=date(2025, 11, 22), provider=provider)
    assert first.status == "matched" and first.event is not None and first.event.event_id == "925155"
    assert second.status == "unmatched"
