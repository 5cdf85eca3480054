"""The `epgoat` command line: the contract other tools and the benchmark rely on."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SNAPSHOT = REPO / "epgoat_assets" / "data" / "snapshot"
DEMO = REPO / "epgoat_assets" / "data" / "demo" / "demo-provider.m3u"
EPGOAT = [sys.executable, "-m", "epgoat_assets.cli"]


def epgoat(*args: str, env_home: Path | None = None, extra_env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    import os

    env = {k: v for k, v in os.environ.items() if not k.startswith(("EPGOAT_", "ANTHROPIC_"))}
    if env_home is not None:
        env["EPGOAT_HOME"] = str(env_home)
    env.update(extra_env or {})
    return subprocess.run([*EPGOAT, *args], capture_output=True, text=True, env=env, timeout=300, cwd=REPO)


@pytest.fixture(scope="module")
def matches(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess]:
    out = tmp_path_factory.mktemp("match") / "matches.csv"
    proc = epgoat("match", "--playlist", str(DEMO), "--events", str(SNAPSHOT), "--date", "2025-11-22",
                  "--provider", "demo", "--out", str(out), "--xmltv", str(out.with_suffix(".xml.gz")),
                  "--m3u", str(out.with_suffix(".m3u")))
    return out, proc


def test_match_writes_one_row_per_entry_in_playlist_order(matches) -> None:
    out, proc = matches
    assert proc.returncode == 0, proc.stderr
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    urls = [line.strip() for line in DEMO.read_text(encoding="utf-8").splitlines() if line.startswith("http")]
    assert [r["url"] for r in rows] == urls


def test_match_csv_has_the_contract_columns(matches) -> None:
    out, _ = matches
    header = out.read_text(encoding="utf-8").splitlines()[0].split(",")
    for col in ("url", "tvg_id", "name", "group", "status", "event_id", "league", "handler", "confidence"):
        assert col in header


def test_match_statuses_and_event_ids(matches) -> None:
    out, _ = matches
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert {r["status"] for r in rows} == {"filtered", "unmatched", "matched"}
    matched = [r for r in rows if r["status"] == "matched"]
    assert matched and all(r["event_id"] and r["handler"] and float(r["confidence"]) > 0 for r in matched)
    assert all(not r["event_id"] for r in rows if r["status"] != "matched")


def test_match_also_writes_the_guide_and_m3u(matches) -> None:
    out, proc = matches
    assert out.with_suffix(".xml.gz").stat().st_size > 0
    m3u = out.with_suffix(".m3u").read_text(encoding="utf-8")
    assert m3u.startswith("#EXTM3U") and 'tvg-id="demo.' in m3u
    assert "xmltv:" in proc.stdout and "matched" in proc.stdout


def test_the_same_input_gives_the_same_output(matches, tmp_path: Path) -> None:
    out, _ = matches
    again = tmp_path / "again.csv"
    proc = epgoat("match", "--playlist", str(DEMO), "--events", str(SNAPSHOT), "--date", "2025-11-22",
                  "--provider", "demo", "--out", str(again), "--xmltv", str(tmp_path / "g.xml.gz"))
    assert proc.returncode == 0
    assert again.read_bytes() == out.read_bytes()


def test_a_csv_that_cannot_be_written_beside_the_guide_is_a_one_line_error(tmp_path: Path) -> None:
    # With --xmltv the guide is written by a second process meanwhile: a failing CSV still ends the
    # command with one line and exit status 2, after the guide written beside it is complete.
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    proc = epgoat("match", "--playlist", str(DEMO), "--events", str(SNAPSHOT), "--date", "2025-11-22",
                  "--provider", "demo", "--out", str(blocker / "matches.csv"), "--xmltv", str(tmp_path / "g.xml"))
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
    assert "not-a-folder" in proc.stderr
    assert (tmp_path / "g.xml").read_text(encoding="utf-8").rstrip().endswith("</tv>")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--playlist", "/nonexistent.m3u"], "playlist not found"),
        (["--events", "/nonexistent-events"], "events path not found"),
        (["--date", "2025-13-45"], "not a date"),
        (["--tz", "Mars/Olympus"], "time zone"),
    ],
)
def test_unusable_input_is_a_one_line_error(args: list[str], message: str, tmp_path: Path) -> None:
    base = {"--playlist": str(DEMO), "--events": str(SNAPSHOT), "--date": "2025-11-22", "--out": str(tmp_path / "m.csv")}
    for flag, value in zip(args[::2], args[1::2], strict=True):
        base[flag] = value
    proc = epgoat("match", *[x for kv in base.items() for x in kv])
    assert proc.returncode == 2
    assert message in proc.stderr
    assert "Traceback" not in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "m.csv").exists()


def test_a_file_that_is_not_m3u_is_a_one_line_error(tmp_path: Path) -> None:
    bogus = tmp_path / "list.m3u"
    bogus.write_text("<html><body>Login required</body></html>\n" * 20, encoding="utf-8")
    proc = epgoat("match", "--playlist", str(bogus), "--events", str(SNAPSHOT), "--date", "2025-11-22",
                  "--out", str(tmp_path / "m.csv"))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


def test_events_refresh_prints_one_summary_line_per_day(tmp_path: Path) -> None:
    proc = epgoat("events", "refresh", "--date", "2025-11-21", "--days", "3", "--source", "snapshot", env_home=tmp_path)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.strip().splitlines()
    assert [ln.split(":")[0] for ln in lines] == ["events 2025-11-21", "events 2025-11-22", "events 2025-11-23"]
    assert all(" new, 0 updated, 0 unchanged)" in ln for ln in lines)
    again = epgoat("events", "refresh", "--date", "2025-11-22", "--source", "snapshot", env_home=tmp_path)
    assert again.stdout.strip().endswith("(0 new, 0 updated, " + again.stdout.split("(0 new, 0 updated, ")[1].strip())
    assert "unchanged)" in again.stdout and " 0 unchanged" not in again.stdout


def test_events_refresh_of_a_day_without_data_fails_clearly(tmp_path: Path) -> None:
    proc = epgoat("events", "refresh", "--date", "1999-01-01", "--source", "snapshot", env_home=tmp_path)
    assert proc.returncode != 0
    assert "events 1999-01-01: failed" in proc.stderr and "Traceback" not in proc.stderr


def test_override_set_list_clear_round_trip(tmp_path: Path) -> None:
    name = "NBA 01: Pacers vs Cavaliers 7:00 PM ET"
    s = epgoat("override", "set", "--provider", "demo", "--date", "2025-11-22", "--name", name, "--event", "1342267",
               env_home=tmp_path)
    assert s.returncode == 0, s.stderr
    listed = epgoat("override", "list", "--provider", "demo", env_home=tmp_path)
    assert "1342267" in listed.stdout and name in listed.stdout and "1 overrides" in listed.stdout
    c = epgoat("override", "clear", "--provider", "demo", "--date", "2025-11-22", "--name", name, env_home=tmp_path)
    assert c.returncode == 0
    assert "0 overrides" in epgoat("override", "list", env_home=tmp_path).stdout
    again = epgoat("override", "clear", "--provider", "demo", "--date", "2025-11-22", "--name", name, env_home=tmp_path)
    assert again.returncode == 2 and "no active override" in again.stderr


def test_override_needs_exactly_one_decision(tmp_path: Path) -> None:
    proc = epgoat("override", "set", "--provider", "demo", "--date", "2025-11-22", "--name", "x", env_home=tmp_path)
    assert proc.returncode == 2 and "exactly one of" in proc.stderr


@pytest.mark.parametrize("url", ["http://127.0.0.1/list.m3u", "http://169.254.169.254/latest/meta-data",
                                 "http://[::1]:8080/x.m3u", "file:///etc/passwd", "http://10.1.2.3/list.m3u",
                                 "http://localhost/list.m3u"])
def test_byo_add_refuses_internal_urls_and_stores_nothing(url: str, tmp_path: Path) -> None:
    proc = epgoat("byo", "add", "alice", "--url", url, env_home=tmp_path)
    assert proc.returncode == 2 and "refused URL" in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "warehouse.duckdb").exists()


def test_byo_add_refuses_unsafe_names(tmp_path: Path) -> None:
    proc = epgoat("byo", "add", "../../etc", "--url", "http://93.184.216.34/list.m3u", env_home=tmp_path)
    assert proc.returncode == 2 and "invalid playlist name" in proc.stderr


def test_families_review_round_trip(tmp_path: Path) -> None:
    from epgoat_assets.lib.warehouse import store
    from epgoat_assets.lib.warehouse.db import Database

    db = Database(f"duckdb://{tmp_path / 'warehouse.duckdb'}")
    db.migrate()
    store.save_provider_patterns(db, "prov-demo", [
        {"name": "Hockey Night", "group": "Sports", "pattern": r"^Hockey Night \d+", "league_hint": "NHL",
         "evidence": {"count": 6, "slots": [1, 2], "examples": ["Hockey Night 01: Bruins vs Sharks"]}}])
    listed = epgoat("families", "list", env_home=tmp_path)
    assert "prov-demo\tHockey Night\tpending\t6\tNHL" in listed.stdout
    ok = epgoat("families", "approve", "--provider", "demo", "--family", "Hockey Night", env_home=tmp_path)
    assert ok.returncode == 0, ok.stderr
    assert "\tapproved\t" in epgoat("families", "list", "--provider", "demo", env_home=tmp_path).stdout
    missing = epgoat("families", "reject", "--provider", "demo", "--family", "Nope", env_home=tmp_path)
    assert missing.returncode == 2 and "no discovered family" in missing.stderr
