"""Event-channel families: configured prefixes, placeholders, league hints and discovery."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from epgoat_assets.lib.config import ConfigError
from epgoat_assets.lib.families import (
    FamiliesFile,
    FamilyConfig,
    discover_families,
    load_family_config,
    recognise_family,
    split_slot_name,
)
from epgoat_assets.lib.models import PlaylistEntry


@pytest.fixture(scope="module")
def cfg() -> FamilyConfig:
    return load_family_config()


@pytest.fixture(scope="module")
def seedless(cfg) -> FamilyConfig:
    """The shipped placeholder/exclusion rules with no configured families: discovery only."""
    return FamilyConfig(
        {}, cfg.placeholder_re, cfg.not_families, cfg.league_keywords, ()
    )


def entries(names: list[str], group: str = "") -> list[PlaylistEntry]:
    return [PlaylistEntry(i, i + 1, n, f"http://h/live/u/p/{i}.ts", -1, {"group-title": group}) for i, n in enumerate(names)]


@pytest.mark.parametrize(
    ("name", "family", "slot", "league"),
    [
        ("NBA 01: 76ers (PHI) x Wizards (WAS) start:2025-12-02 23:50:00 stop:2025-12-03 03:50:00", "NBA", 1, "NBA"),
        ("US| ESPN+ 045 : Real Sociedad vs Osasuna 12:30 PM ET", "ESPN+", 45, None),
        ("NFL 12 | Bills @ Jets | 1:00pm ET", "NFL", 12, "NFL"),
        ("Premier League 04: Chelsea vs Burnley 7:30 AM ET", "Premier League", 4, "English Premier League"),
        ("EPL 04 | Crystal Palace @ Wolves | 10:00am ET", "Premier League", 4, "English Premier League"),
        ("NHL Center Ice 05 - Predators at Avalanche (9:00pm et)", "NHL", 5, "NHL"),
        ("US| NHL Center Ice 011 : San Jose Sharks vs Senators @ 07:00 PM ET", "NHL", 11, "NHL"),
        ("EVENT 05 : Dutch Eredivisie: Twente '65 vs. Volendam (11/22 12:45 PM ET)", "EVENT", 5, "Dutch Eredivisie"),
        ("Sports 04 | Dundee @ Hibernian | 9:00am ET", "Sports", 4, None),
        ("Peacock 004 - Fulham vs Sunderland", "Peacock", 4, None),
        ("Ligue 1 01: Paris Saint-Germain x Le Havre start:2025-11-22 19:55:00 stop:2025-11-23 00:05:00",
         "Ligue 1", 1, "French Ligue 1"),
        ("NFL | 02 - TNF 8:35pm 49ers at Rams", "NFL", 2, "NFL"),
        ("(US) NBA League Pass 07: Bucks (MIL) x Pistons (DET)", "NBA", 7, "NBA"),
        ("NBA 01 Lakers vs Celtics", "NBA", 1, "NBA"),
    ],
)
def test_configured_families_are_recognised(cfg, name, family, slot, league):
    m = recognise_family(name, cfg)
    assert m is not None
    assert (m.family, m.slot, m.league_hint, m.placeholder) == (family, slot, league, False)


@pytest.mark.parametrize(
    "name",
    [
        "NBA 14",
        "NBA 14: No Event",
        "ESPN+ 006: Off Air",
        "EPL 08 | Coming Soon",
        "Bundesliga 03: ",
        "NBA 009",
        "Sports 06 | Event Starts Soon",
        "ESPN+ 005: NO EVENT SCHEDULED",
        "EVENT 06 - No Event",
        "NBA 05: (2098-01-01 00:00:00)",
    ],
)
def test_empty_slots_are_placeholders(cfg, name):
    m = recognise_family(name, cfg)
    assert m is not None and m.placeholder


@pytest.mark.parametrize(
    "name",
    [
        "US| ESPN FHD",
        "NBA TV (East)",
        "FS2 4K",
        "USA - TNT HD",
        "ESPN2",
        "Sky Sports 1",
        "UK| Eurosport 1 SD",
        "US: NHL Network ᴴᴰ",
        "(US) Sky Sports Premier League",
        "NBA 2K25 Finals",
        "Chelsea vs Burnley (Replay)",
    ],
)
def test_linear_channels_are_not_families(cfg, name):
    assert recognise_family(name, cfg) is None


def test_split_keeps_numbers_that_belong_to_the_prefix():
    sn = split_slot_name("Ligue 1 04: Off Air")
    assert (sn.prefix, sn.slot, sn.rest) == ("Ligue 1", 4, "Off Air")
    sn = split_slot_name("BIG10+ 16: Volleyball (M) | Saint Xavier vs CUI @ Jan 24 08:")
    assert (sn.prefix, sn.slot) == ("BIG10+", 16)


def test_discovery_finds_unseen_families_with_evidence(seedless):
    names = [
        "DAZN CA 01: Toronto FC vs CF Montreal 7:30 PM ET",
        "DAZN CA 02: Vancouver Whitecaps @ Seattle Sounders 10:00 PM ET",
        "DAZN CA 03 - No Event",
        "DAZN CA 04",
        "DAZN CA 05: Off Air",
    ]
    (found,) = discover_families(entries(names, "DAZN Canada Events"), seedless)
    assert found.name == "DAZN CA"
    assert found.group == "DAZN Canada Events"
    assert found.slots == (1, 2, 3, 4, 5)
    assert found.count == 5
    assert found.examples[0] == names[0]
    rec = found.as_record()
    assert rec["evidence"]["count"] == 5 and rec["pattern"].startswith("^")
    cfg2 = seedless.with_discovered([found])
    m = recognise_family("DAZN CA 07: Orlando City vs Inter Miami 8:00 PM ET", cfg2)
    assert m is not None and m.family == "DAZN CA" and m.discovered


def test_discovery_ignores_numbered_linear_networks(seedless):
    names = ["Sky Sports 1", "Sky Sports 2", "Sky Sports 3", "Fox Sports 1 - HD", "Fox Sports 2 - HD",
             "Fox Sports 3 - HD", "Canal 1 - Madrid", "Canal 2 - Madrid", "Canal 3 - Madrid"]
    assert discover_families(entries(names, "UK SPORTS"), seedless) == []


def test_discovery_needs_several_slots(seedless):
    names = ["KHL 04: SKA Saint Petersburg vs CSKA Moscow 5:00 PM ET"]
    assert discover_families(entries(names, "KHL Events"), seedless) == []


def test_discovered_family_gets_league_from_its_prefix_or_group(seedless):
    names = [f"MLS Pass {i:02d}: Team {i} vs Team {i + 10} 7:30 PM ET" for i in range(1, 5)]
    (found,) = discover_families(entries(names, "Soccer"), seedless)
    assert found.league_hint == "American Major League Soccer"


def test_configured_families_are_not_rediscovered(cfg):
    names = [f"NBA {i:02d}: A vs B 7:00 PM ET" for i in range(1, 6)]
    assert discover_families(entries(names, "NBA"), cfg) == []


def test_duplicate_prefix_across_families_is_a_config_error():
    model = FamiliesFile.model_validate({
        "families": [{"name": "NBA", "prefixes": ["NBA"]}, {"name": "Other", "prefixes": ["nba"]}]
    })
    with pytest.raises(ConfigError, match="prefix 'nba' belongs to both"):
        FamilyConfig.from_model(model)


def test_unknown_config_key_is_rejected(tmp_path):
    bad = tmp_path / "families.yaml"
    bad.write_text("families:\n  - {name: NBA, prefixes: [NBA], leauge: NBA}\n")
    with pytest.raises(ConfigError, match="leauge"):
        load_family_config(bad)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["NBA", "US|", "(US)", "ESPN+", " ", "  ", ":", "|", "-", "–", "#", ".", "0", "01",
                                 "7", "045", "2019", "(2019)", "4K", "vs", "Lakers", "\t", "x"]), max_size=9).map("".join))
def test_cheap_slot_prefilter_never_rejects_a_slot_name(name):
    # split_slot_name rejects most names with a cheap search before its full grammar; the cheap
    # search is only a necessary condition, so it must pass every name the grammar accepts.
    from epgoat_assets.lib.families import _SLOT_HINT_RE, _SLOT_RE

    if _SLOT_RE.match(name) is not None:
        assert _SLOT_HINT_RE.search(name) is not None
