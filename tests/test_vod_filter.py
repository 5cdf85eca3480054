"""VOD rules: from the YAML file or from table records; each filtered entry names its rule."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from epgoat_assets.lib.config import ConfigError
from epgoat_assets.lib.models import PlaylistEntry
from epgoat_assets.lib.playlists.m3u import parse_m3u
from epgoat_assets.lib.playlists.vod_filter import VodRules, load_vod_rules

DATA = Path(__file__).parent / "data" / "playlists"
HOST = "http://line.example-iptv.net:8080"


def entry(name: str, url: str, group: str = "", **attrs: str) -> PlaylistEntry:
    a = {"tvg-name": name, "group-title": group, **attrs} if group else {"tvg-name": name, **attrs}
    return PlaylistEntry(0, 1, name, url, -1, a)


@pytest.fixture(scope="module")
def rules() -> VodRules:
    return load_vod_rules()


@pytest.mark.parametrize(
    ("name", "url", "group", "rule"),
    [
        ("Night River Summer (2015)", f"{HOST}/movie/u10/20251122/100001.mkv", "FILMS", "url-movie-path"),
        ("Legend S02 E15", f"{HOST}/series/u10/20251122/102506.mp4", "TV Shows", "url-series-path"),
        ("Blue (1969)", f"{HOST}/u10/p/100002.mkv", "FILMS", "url-video-file-ext"),
        ("Chelsea vs Burnley (Replay)", f"{HOST}/live/u20/20251122/100001.ts", "REPLAYS", "name-replay"),
        ("PL: Brighton v Leeds United Hlts", f"{HOST}/u/p/5501", "UK SPORTS", "name-replay"),
        ("Iron (1962)", f"{HOST}/u10/p/100003", "VOD - 4K", "name-year-in-parens"),
        ("Summer S08 E10", f"{HOST}/u10/p/100004", "SERIES | Drama", "name-episode"),
        ("Breaking Point", f"{HOST}/u10/p/100005", "Movies: Drama", "group-vod"),
    ],
)
def test_vod_entries_are_filtered_by_the_named_rule(rules, name, url, group, rule):
    assert rules.classify(entry(name, url, group)) == rule


@pytest.mark.parametrize(
    ("name", "url", "group"),
    [
        ("US| ESPN FHD", f"{HOST}/live/u20/20251122/100030.ts", "USA SPORTS"),
        ("NBA TV (East)", f"{HOST}/live/u20/20251122/100034.ts", "USA SPORTS"),
        ("NBA 01: Lakers vs Celtics 7:00 PM ET", f"{HOST}/live/u20/1.ts", "NBA League Pass EVENTS"),
        ("EPL 08 | Coming Soon", f"{HOST}/live/u20/2.ts", "EPL Events"),
        ("30A Golf Kingdom", "https://30a-tv.com/feeds/vidaa/golf.m3u8", "Sports"),
        # A linear movie channel on a live path: the group says movies, the path says live.
        ("HBO Movies (1999)", f"{HOST}/live/u20/3.ts", "Movies"),
    ],
)
def test_live_and_event_channels_are_kept(rules, name, url, group):
    assert rules.classify(entry(name, url, group)) is None


def test_from_records_accepts_table_rows_with_comma_separated_providers():
    rows = [
        {"name": "movie-path", "field": "url", "pattern": "/movie/", "strength": "hard", "providers": None},
        {"name": "acme-xxx-group", "field": "group", "pattern": "^XXX", "providers": "acme, other"},
    ]
    rules = VodRules.from_records(rows)
    adult = entry("Something", f"{HOST}/live/1.ts", "XXX Adults")
    assert rules.classify(adult) is None  # provider-specific rule is off without a provider
    assert rules.classify(adult, provider="acme") == "acme-xxx-group"
    assert rules.for_provider("other").classify(adult) == "acme-xxx-group"
    assert rules.classify(entry("Film", f"{HOST}/movie/1.mkv")) == "movie-path"


def test_disabled_rules_do_not_filter():
    rules = VodRules.from_records([{"name": "off", "field": "name", "pattern": ".", "enabled": False}])
    assert rules.classify(entry("Anything", f"{HOST}/movie/1.mkv")) is None


def test_attr_field_rules_read_any_attribute():
    rules = VodRules.from_records([{"name": "type-movie", "field": "attr:tvg-type", "pattern": "^movie$"}])
    assert rules.classify(entry("Dune", f"{HOST}/1", **{"tvg-type": "movie"})) == "type-movie"
    assert rules.classify(entry("CNN", f"{HOST}/2", **{"tvg-type": "live"})) is None


def test_combined_rules_still_report_which_one_matched():
    rules = VodRules.from_records([
        {"name": "a", "field": "name", "pattern": r"\(Replay\)"},
        {"name": "b", "field": "name", "pattern": r"\bS\d\dE\d\d\b"},
        {"name": "c", "field": "name", "pattern": r"Highlights"},
    ])
    assert rules.classify(entry("Show S01E02", "http://a/1")) == "b"
    assert rules.classify(entry("Derby Highlights", "http://a/2")) == "c"


def test_group_rule_falls_back_to_extgrp_directive():
    rules = VodRules.from_records([{"name": "g", "field": "group", "pattern": "^VOD"}])
    e = PlaylistEntry(0, 1, "Film", "http://a/1", -1, {}, ("#EXTGRP:VOD | Action",))
    assert rules.classify(e) == "g"


@pytest.mark.parametrize(
    ("records", "message"),
    [
        ([{"name": "x", "field": "url", "pattern": "("}], "VOD rule 'x': invalid regex"),
        ([{"name": "x", "field": "title", "pattern": "a"}], "unknown field 'title'"),
        ([{"name": "x", "pattern": "a", "colour": "red"}], "colour"),
        ([{"name": "x", "pattern": "a"}, {"name": "x", "pattern": "b"}], "duplicate rule name 'x'"),
        ([{"name": "x", "pattern": "a", "flags": "z"}], "unknown regex flag"),
    ],
)
def test_bad_rules_are_one_line_config_errors(records, message):
    with pytest.raises(ConfigError, match=message) as exc:
        VodRules.from_records(records)
    assert "\n" not in str(exc.value)


def test_bad_yaml_file_names_the_file(tmp_path):
    bad = tmp_path / "vod_patterns.yaml"
    bad.write_text("rules:\n  - {name: x, field: url, pattern: '['}\n")
    with pytest.raises(ConfigError, match="vod_patterns.yaml"):
        load_vod_rules(bad)


def test_dev_slice_every_vod_filtered_no_live_filtered(rules):
    import csv

    kinds = {r["url"]: r["kind"] for r in csv.DictReader((DATA / "dev-2025-11-22-p2-slice.labels.csv").open())}
    for e in parse_m3u(DATA / "dev-2025-11-22-p2-slice.m3u").entries:
        rule = rules.classify(e)
        kind = kinds[e.url]
        if kind == "vod":
            assert rule is not None, e.name
        elif kind in ("event", "placeholder", "live"):
            assert rule is None, (e.name, rule)


def test_free_tv_vod_groups_of_linear_streams(rules):
    # Free-TV's "VOD Italy" group holds FAST linear streams (.m3u8): only the group says VOD.
    pl = parse_m3u(DATA / "free-tv-playlist_zz_vod_it.m3u8")
    verdicts = {rules.classify(e) for e in pl.entries}
    assert verdicts <= {"group-vod", None}


def test_classify_all_agrees_with_classify_entry_by_entry(rules):
    entries = []
    for name in ("dev-2025-11-22-p2-slice.m3u", "free-tv-playlist_zz_vod_it.m3u8", "base.m3u", "kodi.m3u"):
        entries += parse_m3u(DATA / name).entries
    assert rules.classify_all(entries) == [rules.classify(e) for e in entries]
    acme = VodRules.from_records([
        {"name": "acme-live-x", "field": "name", "pattern": "^US\\|", "providers": ["acme"]},
        *({k: v for k, v in r.model_dump().items()} for r in rules.rules),
    ])
    assert acme.classify_all(entries, "acme") == [acme.classify(e, "acme") for e in entries]
    assert "acme-live-x" in acme.classify_all(entries, "acme")


# --- classify_all is classify, entry by entry, for any rule set --------------------------------

_RULE_POOL = [
    {"name": "movie", "field": "url", "pattern": "/movie/"},
    {"name": "series", "field": "url", "pattern": "/series/"},
    {"name": "mkv", "field": "url", "pattern": r"\.mkv$"},
    {"name": "vod-dir", "field": "url", "pattern": "/vod/|/films?/"},
    {"name": "live", "field": "url", "pattern": "/live/", "action": "keep"},
    {"name": "year", "field": "name", "pattern": r"\((?:19|20)\d\d\)"},
    {"name": "ep", "field": "name", "pattern": r"S\d\d ?E\d\d", "flags": "i"},
    {"name": "replay", "field": "name", "pattern": "replay", "flags": "i"},
    {"name": "blank-group", "field": "group", "pattern": "^$"},
    {"name": "films-group", "field": "group", "pattern": "film|movie", "flags": "i"},
    {"name": "type", "field": "attr:tvg-type", "pattern": "^movie$"},
]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.sampled_from(range(len(_RULE_POOL))), min_size=1, max_size=8, unique=True),
    st.lists(
        st.tuples(
            st.sampled_from(["Night (2015)", "Show S01E02", "NBA 01: A vs B", "CNN", "Match Replay", ""]),
            st.sampled_from(["/movie/1.mkv", "/series/2.mp4", "/live/3.ts", "/vod/4", "/films/5.mkv", "/6"]),
            st.sampled_from(["", "FILMS", "News", "Movies"]),
            st.sampled_from(["", "movie", "live"]),
        ),
        max_size=40,
    ),
)
def test_classify_all_agrees_with_classify_for_any_rules_and_entries(order, rows):
    # Several consecutive rules on one field become one stage: the first matching rule must
    # still be the one reported, and an empty field must never match (not even `^$`).
    rules = VodRules.from_records([_RULE_POOL[i] for i in order])
    entries = [
        PlaylistEntry(i, i + 1, name, f"{HOST}{path}", -1, {"group-title": g, "tvg-type": t} if g or t else {})
        for i, (name, path, g, t) in enumerate(rows)
    ]
    assert rules.classify_all(entries) == [rules.classify(e) for e in entries]
