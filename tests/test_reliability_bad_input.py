"""Bad input: hostile playlists, broken events JSON and broken config give a clear one-line error or a
counted skip, never a traceback, a half-written file or a lost good entry.

The inputs live in `tests/corpus/` (see its README); the very large ones are generated here at test
time. The command-line checks call `epgoat match` in-process (`cli.main`), which is the console
script's entry point, except one that runs the real console script to prove the exit code.
"""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from lxml import etree

from epgoat_assets import cli
from epgoat_assets.lib import pipeline
from epgoat_assets.lib.config import PROJECT_ROOT, ConfigError
from epgoat_assets.lib.guide.xmltv import validate_xmltv
from epgoat_assets.lib.playlists.families import load_family_config
from epgoat_assets.lib.playlists.m3u import M3UFormatError, ParseStats, iter_m3u, parse_m3u
from epgoat_assets.lib.playlists.providers import load_providers
from epgoat_assets.lib.playlists.vod_filter import load_vod_rules
from epgoat_assets.lib.sports.events import EventsFormatError, load_events_batch, parse_tsdb_events, read_json_file
from epgoat_assets.lib.sports.settings import load_sports_config

pytest_plugins = ["reliability_plugin"]

CORPUS = Path(__file__).parent / "corpus"
PLAYLISTS = CORPUS / "playlists"
EVENTS = CORPUS / "events"
CONFIGS = CORPUS / "config"
SNAPSHOT = PROJECT_ROOT / "epgoat_assets" / "data" / "snapshot"
DEMO = PROJECT_ROOT / "epgoat_assets" / "data" / "demo" / "demo-provider.m3u"
DAY = "2025-11-22"
NBA_EXTINF = ('#EXTINF:-1 tvg-id="" tvg-name="NBA 01: Pacers vs Cavaliers 7:00 PM ET" '
              'group-title="NBA Events",NBA 01: Pacers vs Cavaliers 7:00 PM ET')
NBA_URL = "http://line.example-iptv.net:8080/live/u10/20251122/200001.ts"


def run_match(capsys: pytest.CaptureFixture[str], tmp_path: Path, playlist: Path | str, *extra: str,
              events: Path | str = SNAPSHOT, out: Path | None = None) -> tuple[int, str, str, Path]:
    out = out or tmp_path / "matches.csv"
    code = cli.main(["match", "--playlist", str(playlist), "--events", str(events), "--date", DAY,
                     "--provider", "demo", "--out", str(out), *extra])
    captured = capsys.readouterr()
    return code, captured.out, captured.err, out


def assert_one_line_error(err: str, *fragments: str) -> None:
    lines = err.strip().splitlines()
    assert len(lines) == 1, f"expected one stderr line, got {lines!r}"
    assert lines[0].startswith("epgoat: error: ")
    assert "Traceback" not in err
    for fragment in fragments:
        assert fragment in lines[0]


# --- playlists that are not playlists --------------------------------------------------------------

UNUSABLE_PLAYLISTS = [
    ("empty.m3u", "empty file"),
    ("whitespace_only.m3u", "not an M3U playlist"),
    ("html_login_page.m3u", "no #EXTM3U header or #EXTINF line; starts with '<!DOCTYPE html>'"),
    ("json_error.m3u", "no #EXTM3U header or #EXTINF line"),
    ("binary_png.m3u", "binary data"),
]


@pytest.mark.parametrize(("name", "why"), UNUSABLE_PLAYLISTS)
def test_unusable_playlist_is_a_one_line_format_error_naming_the_file(fault, name, why) -> None:
    fault(f"playlist: {name}", f"M3UFormatError, one line naming the file: '{why}'")
    with pytest.raises(M3UFormatError) as err:
        parse_m3u(PLAYLISTS / name)
    assert why in str(err.value) and name in str(err.value)
    assert "\n" not in str(err.value)


@pytest.mark.parametrize(("name", "why"), UNUSABLE_PLAYLISTS)
def test_cli_match_exits_2_with_one_line_and_keeps_the_previous_output(fault, capsys, tmp_path, name, why) -> None:
    fault(f"`epgoat match` on {name} after a good run to the same --out",
          "exit 2, one stderr line; the earlier matches.csv is byte-for-byte unchanged")
    code, _, _, out = run_match(capsys, tmp_path, DEMO)
    assert code == 0
    before = out.read_bytes()
    code, stdout, err, _ = run_match(capsys, tmp_path, PLAYLISTS / name, "--xmltv", str(tmp_path / "g.xml"), out=out)
    assert code == 2 and stdout == ""
    assert_one_line_error(err, name, why)
    assert out.read_bytes() == before
    assert not (tmp_path / "g.xml").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["matches.csv"]  # no temp file left behind


def test_the_console_script_exits_2_with_one_line_on_a_binary_playlist(fault, tmp_path) -> None:
    fault("`epgoat` console script on a binary file", "exit status 2, one stderr line, no traceback")
    exe = Path(sys.executable).with_name("epgoat")
    proc = subprocess.run([str(exe), "match", "--playlist", str(PLAYLISTS / "binary_png.m3u"), "--events", str(SNAPSHOT),
                           "--date", DAY, "--out", str(tmp_path / "m.csv")], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert_one_line_error(proc.stderr, "binary_png.m3u", "not an M3U playlist (binary data)")


def test_utf16_playlist_is_read_or_named_as_utf16(fault) -> None:
    fault("playlist: UTF-16 LE with BOM (Windows 'Unicode' save)",
          "both entries read, or a one-line error that names UTF-16 (today: 'binary data')")
    try:
        pl = parse_m3u(PLAYLISTS / "utf16_le_bom.m3u")
    except M3UFormatError as exc:
        assert "utf-16" in str(exc).lower()
        return
    assert [e.name for e in pl.entries] == ["NBA 01: Pacers vs Cavaliers 7:00 PM ET", "NHL 02: Blackhawks @ Sabres 7:00 PM ET"]


# --- damaged playlists: what can be kept is kept, the rest counted -----------------------------------


@pytest.mark.parametrize("name", ["truncated_mid_entry.m3u", "truncated_after_extinf.m3u"])
def test_truncated_playlist_keeps_complete_entries_and_counts_the_cut_one(fault, name) -> None:
    fault(f"playlist: {name} (download stopped mid-entry)",
          "complete entries kept intact; the cut entry counted as extinf_without_url with its line number")
    pl = parse_m3u(PLAYLISTS / name)
    assert [(e.name, e.url) for e in pl.entries] == [("NBA 01: Pacers vs Cavaliers 7:00 PM ET", NBA_URL)]
    assert pl.stats.skips == {"extinf_without_url": 1}
    assert pl.stats.skip_lines["extinf_without_url"] == [4]


def test_quotes_and_commas_in_attributes_keep_every_entry(fault) -> None:
    fault("playlist: commas inside quoted attributes and names, a stray quote, single quotes, an unterminated quote",
          "all 5 entries kept with their full names; the unterminated quote counted as a repair")
    pl = parse_m3u(PLAYLISTS / "quotes_and_commas.m3u")
    names = [e.name for e in pl.entries]
    assert names[0] == "NBA 03: Celtics, Boston vs Nets, Brooklyn 7:30 PM ET"
    assert pl.entries[0].group == "NBA Events, Late"
    assert pl.entries[2].attrs["tvg-name"] == "NBA 05: Mavericks vs Pelicans"  # single-quoted values
    assert names[3].endswith("NBA 06: Suns vs Timberwolves 9:00 PM ET")
    assert names[4] == "NBA 07: Rockets vs Nuggets 9:30 PM ET"
    assert [e.url.rsplit("/", 1)[1] for e in pl.entries] == [f"20000{i}.ts" for i in range(3, 8)]
    assert pl.stats.skips == {}
    assert sum(pl.stats.repairs.values()) >= 1


def test_xml_hostile_names_give_a_valid_guide_and_m3u(fault, capsys, tmp_path) -> None:
    fault("playlist: names with &, <, ]]>, '&amp;', C0 controls, DEL, U+FFFE/U+FFFF",
          "valid XMLTV (DTD) with the text escaped, controls dropped; the M3U copy re-parses to the same 5 URLs")
    xml, m3u = tmp_path / "guide.xml", tmp_path / "out.m3u"
    code, _, err, out = run_match(capsys, tmp_path, PLAYLISTS / "xml_hostile_names.m3u", "--xmltv", str(xml),
                                  "--m3u", str(m3u))
    assert code == 0, err
    assert validate_xmltv(xml) == []
    root = etree.parse(str(xml)).getroot()
    names = [d.text for d in root.iter("display-name")]
    assert "NBA 08: Jazz vs Thunder & Friends <b>LIVE</b> 10:00 PM ET" in names
    assert "NBA 09: Warriors ]]> vs Trail Blazers 10:00 PM ET" in names
    assert "NHL 03: Penguins &amp; Wild" in names  # a literal `&amp;` in the source stays literal text
    assert "NBA 10: Celtics vs Nets 7:30 PM ET" in names
    assert not any(ch in "".join(names) for ch in "\x01\x0b\x1f\x7f\ufffe\uffff")
    source = parse_m3u(PLAYLISTS / "xml_hostile_names.m3u")
    copy = parse_m3u(m3u)
    assert [e.url for e in copy.entries] == [e.url for e in source.entries]
    assert copy.entries[0].url.endswith("?a=1&b=2")
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert len(rows) == len(source.entries) == 5


def test_emoji_and_right_to_left_names_survive_to_the_guide(fault, capsys, tmp_path) -> None:
    fault("playlist: emoji (ZWJ family, flags), Arabic and Hebrew names, RLM and RLO marks",
          "every name reaches matches.csv and the XMLTV display-name unchanged; the guide is DTD-valid")
    xml = tmp_path / "guide.xml"
    code, _, err, out = run_match(capsys, tmp_path, PLAYLISTS / "emoji_and_rtl.m3u", "--xmltv", str(xml))
    assert code == 0, err
    source = [e.name for e in parse_m3u(PLAYLISTS / "emoji_and_rtl.m3u").entries]
    assert "AR| beIN SPORTS 01: الهلال ضد النصر 20:00" in source
    assert any("👨\u200d👩\u200d👧\u200d👦" in n for n in source)
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert [r["name"] for r in rows] == source
    assert validate_xmltv(xml) == []
    names = {d.text for d in etree.parse(str(xml)).getroot().iter("display-name")}
    assert set(source) <= names


def test_a_50_mb_single_line_is_skipped_and_the_rest_is_kept(fault) -> None:
    fault("playlist: one 50 MB line (generated) between two entries",
          "the line is skipped and counted as line_too_long; both real entries kept")
    second = NBA_EXTINF.replace("01", "02"), NBA_URL.replace("200001", "200002")
    data = b"".join([b"#EXTM3U\n", NBA_EXTINF.encode(), b"\n", NBA_URL.encode(), b"\n",
                     b"#EXTINF:-1 tvg-name=\"" + b"A" * (50 << 20) + b"\",Huge\n",
                     second[0].encode(), b"\n", second[1].encode(), b"\n"])
    pl = parse_m3u(data)
    assert [e.url for e in pl.entries] == [NBA_URL, second[1]]
    assert pl.stats.skips == {"line_too_long": 1}


def test_a_50_mb_line_without_a_header_is_a_short_one_line_error(fault) -> None:
    fault("playlist: a single 50 MB line, no newline, no header (generated)",
          "one-line M3UFormatError quoting at most 60 characters of it")
    with pytest.raises(M3UFormatError) as err:
        parse_m3u(b"x" * (50 << 20))
    assert "not an M3U playlist" in str(err.value)
    assert len(str(err.value)) < 200 and "\n" not in str(err.value)


@pytest.mark.slow
def test_a_playlist_of_one_million_entries_loses_none(fault, tmp_path) -> None:
    fault("playlist: 1,000,000 entries, 90% VOD (generated, ~140 MB)",
          "all 1,000,000 entries parsed in order, none skipped; VOD filter and families account for every entry")
    path = tmp_path / "million.m3u"
    n = 1_000_000
    with path.open("w", encoding="utf-8") as fh:
        fh.write("#EXTM3U\n")
        for i in range(n):
            if i % 10 == 0:
                name = f"NBA {i % 100:02d}: Team{i} vs Other{i} 7:00 PM ET"
                fh.write(f'#EXTINF:-1 tvg-id="" tvg-name="{name}" group-title="NBA EVENTS",{name}\n'
                         f"http://line.example-iptv.net:8080/live/u/p/{i}.ts\n")
            else:
                fh.write(f'#EXTINF:-1 tvg-id="" tvg-name="Movie {i} (2019)" group-title="VOD Movies",Movie {i} (2019)\n'
                         f"http://line.example-iptv.net:8080/movie/u/p/{i}.mkv\n")
    stats = ParseStats()
    count = 0
    last = None
    for entry in iter_m3u(path, stats=stats):
        assert entry.index == count
        count += 1
        last = entry
    assert count == stats.entries == n and stats.skips == {}
    assert last is not None and last.url.endswith(f"/{n - 1}.mkv") and last.line_no == 2 * n
    run = pipeline.classify_playlist(str(path), load_providers()["demo"])
    assert len(run.classified.channels) == n
    assert run.classified.kept + run.classified.filtered == n
    assert run.classified.kept == n // 10


# --- events JSON ---------------------------------------------------------------------------------

COUNTED_EVENT_SKIPS = [
    ("missing_fields.json", 1, {"missing_id": 1, "missing_league": 1, "missing_teams": 1}),
    ("nulls.json", 2, {"missing_id": 1, "missing_league": 1, "not_an_object": 1}),
    ("wrong_types.json", 2, {"invalid_fields": 3, "not_an_object": 2}),
    ("duplicate_ids.json", 2, {"duplicate_id": 2}),
    ("times_without_zone.json", 3, {"bad_time": 1}),
    ("events_null.json", 0, {}),
]


@pytest.mark.parametrize(("name", "kept", "skipped"), COUNTED_EVENT_SKIPS)
def test_bad_event_records_are_skipped_and_counted_by_reason(fault, name, kept, skipped) -> None:
    fault(f"events JSON: {name}", f"{kept} good event(s) kept; skips counted {skipped or 'none'}")
    batch = load_events_batch(EVENTS / name)
    assert len(batch.events) == kept
    assert batch.skipped == skipped
    assert all(e.start_utc is None or e.start_utc.tzinfo is UTC for e in batch.events)


def test_an_id_field_sent_as_a_number_is_accepted_as_text(fault) -> None:
    fault("events JSON: idEvent as a JSON number", "read as the text id '9008'")
    batch = load_events_batch(EVENTS / "wrong_types.json")
    assert [e.event_id for e in batch.events] == ["1342267", "9008"]


def test_duplicate_ids_keep_the_first_copy_and_a_second_kick_off(fault) -> None:
    fault("events JSON: the same idEvent four times (3 at one kick-off, 1 at another)",
          "first copy wins; a doubleheader at another time is kept")
    batch = load_events_batch(EVENTS / "duplicate_ids.json")
    assert [(e.event_id, e.start_utc.hour, e.venue) for e in batch.events] == [
        ("1342267", 0, "Rocket Arena"), ("1342267", 19, "Rocket Arena")]


def test_times_without_a_zone_are_read_as_utc_and_offsets_are_converted(fault) -> None:
    fault("events JSON: timestamps without a zone, with +01:00, time-only, and '7pm'",
          "no zone = UTC (TheSportsDB convention); +01:00 converted; an unreadable time skipped as bad_time")
    batch = load_events_batch(EVENTS / "times_without_zone.json")
    starts = {e.event_id: e.start_utc for e in batch.events}
    assert starts == {
        "9010": datetime(2025, 11, 22, 0, 0, tzinfo=UTC),
        "9011": datetime(2025, 11, 22, 0, 30, tzinfo=UTC),
        "9012": datetime(2025, 11, 22, 0, 0, tzinfo=UTC),
    }


UNUSABLE_EVENTS = [
    ("not_json.json", "not valid JSON (line 2 col 1"),
    ("latin1.json", "not a UTF-8 text file"),
    ("events_not_a_list.json", "'events' is dict, expected a list"),
    ("no_events_key.json", "no 'events' list in the payload (keys: results)"),
]


@pytest.mark.parametrize(("name", "why"), UNUSABLE_EVENTS)
def test_an_unusable_events_file_is_a_one_line_error_and_cli_exit_2(fault, capsys, tmp_path, name, why) -> None:
    fault(f"events JSON: {name}", f"EventsFormatError naming the file: '{why}'; `epgoat match` exit 2")
    with pytest.raises(EventsFormatError) as err:
        parse_tsdb_events(read_json_file(EVENTS / name), what=str(EVENTS / name))
    assert why in str(err.value) and name in str(err.value) and "\n" not in str(err.value)
    code, _, stderr, out = run_match(capsys, tmp_path, DEMO, events=EVENTS / name)
    assert code == 2
    assert_one_line_error(stderr, name, why)
    assert not out.exists()


def test_a_missing_events_path_is_a_one_line_error(fault, capsys, tmp_path) -> None:
    fault("events: a path that does not exist", "`epgoat match` exit 2 naming the path")
    code, _, err, _ = run_match(capsys, tmp_path, DEMO, events=tmp_path / "nope.json")
    assert code == 2
    assert_one_line_error(err, "nope.json")


# --- configuration ---------------------------------------------------------------------------------

LOADERS = {
    "vod_patterns": load_vod_rules,
    "families": load_family_config,
    "providers": load_providers,
    "sports": load_sports_config,
}
BAD_CONFIGS = [
    ("vod_patterns.unknown_key.yaml", "rules.1.flag: Extra inputs are not permitted"),
    ("vod_patterns.wrong_type.yaml", "rules.0.enabled: Input should be a valid boolean"),
    ("vod_patterns.bad_regex.yaml", "VOD rule 'name-year-in-parens': invalid regex: missing ), unterminated subpattern"),
    ("vod_patterns.not_yaml.yaml", "line 3 invalid YAML"),
    ("families.unknown_key.yaml", "families.0.colour: Extra inputs are not permitted"),
    ("families.wrong_type.yaml", "families.0.prefixes: Input should be a valid tuple"),
    ("families.bad_regex.yaml", "invalid placeholder regex: missing ), unterminated subpattern"),
    ("providers.unknown_key.yaml", "providers.0.date_ordr: Extra inputs are not permitted"),
    ("providers.wrong_type.yaml", "providers.0.match_rate_floor: Input should be a valid number"),
    ("providers.bad_key.yaml", "providers.0.key: Value error, invalid provider key '../../etc'"),
    ("providers.bad_timezone.yaml", "providers.0.timezone: Value error, unknown time zone 'Eastern Standard Time'"),
    ("sports.unknown_key.yaml", "sports.Basketball.colour: Extra inputs are not permitted"),
    ("sports.wrong_type.yaml", "pregame_minutes: Input should be a valid integer"),
    ("sports.out_of_range.yaml", "sports.Basketball.duration_minutes: Input should be greater than 0"),
]


@pytest.fixture
def config_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of `config/` that EPGOAT_CONFIG_DIR points at, for a test to break one file of."""
    folder = tmp_path / "config"
    shutil.copytree(PROJECT_ROOT / "config", folder)
    monkeypatch.setenv("EPGOAT_CONFIG_DIR", str(folder))
    return folder


def _install(config_copy: Path, corpus_name: str) -> Path:
    target = config_copy / f"{corpus_name.split('.', 1)[0]}.yaml"
    shutil.copyfile(CONFIGS / corpus_name, target)
    return target


@pytest.mark.parametrize(("name", "why"), BAD_CONFIGS)
def test_bad_config_is_a_config_error_naming_file_key_and_problem(fault, config_copy, name, why) -> None:
    fault(f"config: {name}", f"ConfigError, one line: '<file>: {why}'")
    target = _install(config_copy, name)
    with pytest.raises(ConfigError) as err:
        LOADERS[name.split(".", 1)[0]]()
    msg = str(err.value)
    assert msg.startswith(f"{target}:") and why in msg and "\n" not in msg


@pytest.mark.parametrize(("name", "why"), BAD_CONFIGS)
def test_cli_match_with_bad_config_exits_2_with_one_line(fault, capsys, config_copy, tmp_path, name, why) -> None:
    fault(f"`epgoat match` with config {name}", "exit 2, one stderr line naming the file and key; no output written")
    target = _install(config_copy, name)
    code, _, err, out = run_match(capsys, tmp_path, DEMO, "--xmltv", str(tmp_path / "g.xml"))
    assert code == 2
    assert_one_line_error(err, str(target), why)
    assert not out.exists() and not (tmp_path / "g.xml").exists()


def test_the_untouched_config_copy_still_works(fault, capsys, config_copy, tmp_path) -> None:
    fault("control: an unmodified copy of config/ through EPGOAT_CONFIG_DIR", "exit 0, guide written")
    code, _, err, out = run_match(capsys, tmp_path, DEMO, "--xmltv", str(tmp_path / "g.xml"))
    assert code == 0, err
    assert out.exists() and validate_xmltv(tmp_path / "g.xml") == []


def test_corpus_readme_lists_every_corpus_file() -> None:
    readme = (CORPUS / "README.md").read_text(encoding="utf-8")
    files = [p for p in CORPUS.rglob("*") if p.is_file() and p.name != "README.md"]
    missing = [p.name for p in files if p.name not in readme]
    assert not missing, f"tests/corpus/README.md does not describe {missing}"

