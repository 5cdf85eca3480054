"""TheSportsDB and ESPN clients and the sports-data resources, run against a real local HTTP server."""

from __future__ import annotations

import email.utils
import json
import logging
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from support.fake_sports_api import FakeSportsAPI, Reply

from epgoat_resources.env import sports_data_from_env
from epgoat_resources.sports_data import (
    ESPNClient,
    LiveSportsData,
    SnapshotSportsData,
    SportsDataError,
    SportsDataResource,
    TheSportsDBClient,
    _parse_retry_after,
)

DATA = Path(__file__).parent / "data" / "api_samples"
SNAPSHOT = Path(__file__).parents[1] / "epgoat_assets" / "data" / "snapshot"
NFL_DAY = json.loads((DATA / "thesportsdb" / "v1_eventsday_nfl_2026-10-04.json").read_text(encoding="utf-8"))
EPL_SEASON = json.loads(
    (DATA / "thesportsdb" / "v1_eventsseason_epl_2026-2027_first5.json").read_text(encoding="utf-8")
)
ESPN_NBA = json.loads((DATA / "espn" / "basketball_nba_scoreboard_20251122.json").read_text(encoding="utf-8"))
ARSENAL = json.loads((DATA / "thesportsdb" / "handmade_lookupteam_133604.json").read_text(encoding="utf-8"))

KEY = "k3y-s3cr3t-4711"
DAY = date(2026, 10, 4)
EVENTSDAY = FakeSportsAPI.tsdb_path("eventsday.php", KEY)

# Short timeouts and tiny backoff keep the fault tests fast; no rate limit unless a test wants one.
FAST = {"timeout": 0.3, "max_retries": 2, "backoff_seconds": 0.01, "rate_limit_per_second": 0}


@pytest.fixture
def api() -> Iterator[FakeSportsAPI]:
    with FakeSportsAPI() as server:
        yield server


def tsdb(api: FakeSportsAPI, tmp_path: Path | None = None, **options: Any) -> TheSportsDBClient:
    opts = {**FAST, **options}
    if tmp_path is not None:
        opts.setdefault("cache_dir", tmp_path / "cache")
    return TheSportsDBClient(api.tsdb_base_url, KEY, **opts)


def snapshot_day(day: str, league: str) -> dict:
    events = json.loads((SNAPSHOT / f"{day}.json").read_text(encoding="utf-8"))["events"]
    return {"events": [e for e in events if e["strLeague"] == league]}


# -- TheSportsDB endpoints


def test_events_day_requests_the_day_and_league_and_validates_the_payload(api: FakeSportsAPI) -> None:
    api.serve(EVENTSDAY, Reply(json=NFL_DAY), {"d": "2026-10-04", "l": "NFL"})
    with tsdb(api) as client:
        batch = client.events_day(DAY, league="NFL")
    assert batch.source == "thesportsdb"
    assert {e.event_id for e in batch.events} == {r["idEvent"] for r in NFL_DAY["events"]}
    assert all(e.source == "thesportsdb" for e in batch.events)
    assert api.requests[0].query == {"d": "2026-10-04", "l": "NFL"}


def test_events_day_by_sport(api: FakeSportsAPI) -> None:
    api.serve(EVENTSDAY, Reply(json=NFL_DAY), {"d": "2026-10-04", "s": "American Football"})
    with tsdb(api) as client:
        assert len(client.events_day(DAY, sport="American Football").events) == 3


def test_season_next_and_past_league_endpoints(api: FakeSportsAPI) -> None:
    api.serve_tsdb("eventsseason.php", EPL_SEASON, key=KEY, id="4328", s="2026-2027")
    api.serve_tsdb("eventsnextleague.php", EPL_SEASON, key=KEY, id="4328")
    api.serve_tsdb("eventspastleague.php", {"events": EPL_SEASON["events"][:2]}, key=KEY, id="4328")
    with tsdb(api) as client:
        assert len(client.events_season("4328", "2026-2027").events) == 5
        assert len(client.events_next_league("4328").events) == 5
        assert [e.home for e in client.events_past_league("4328").events] == ["Arsenal",
                                                                               EPL_SEASON["events"][1]["strHomeTeam"]]


def test_team_lookup_and_search(api: FakeSportsAPI) -> None:
    api.serve_tsdb("lookupteam.php", ARSENAL, key=KEY, id="133604")
    api.serve_tsdb("lookupteam.php", {"teams": None}, key=KEY, id="1")
    api.serve_tsdb("searchteams.php", ARSENAL, key=KEY, t="Arsenal")
    with tsdb(api) as client:
        team = client.lookup_team("133604")
        assert team is not None and team.strTeam == "Arsenal"
        assert "Gunners" in team.alternates and "ARS" in team.alternates
        assert client.lookup_team("1") is None
        assert [t.idTeam for t in client.search_teams("Arsenal")] == ["133604"]


def test_bad_records_from_the_api_are_skipped_and_counted(api: FakeSportsAPI) -> None:
    good = NFL_DAY["events"][0]
    payload = {"events": [
        good,
        {**good, "idEvent": None},  # missing id
        {**good, "idEvent": "2", "strHomeTeam": {"name": "Commanders"}},  # wrong type
        {**good, "idEvent": "3", "strTimestamp": "2026-10-04T25:99:00", "strTime": "??"},
        dict(good),  # duplicate
    ]}
    api.serve(EVENTSDAY, Reply(json=payload))
    with tsdb(api) as client:
        batch = client.events_day(DAY)
    assert [e.event_id for e in batch.events] == [good["idEvent"]]
    assert batch.skipped == {"missing_id": 1, "invalid_fields": 1, "bad_time": 1, "duplicate_id": 1}


# -- faults


def test_429_waits_for_retry_after_then_succeeds(api: FakeSportsAPI) -> None:
    api.script(EVENTSDAY, Reply(status=429, json={"error": "slow down"}, headers={"Retry-After": "0.4"}))
    api.serve(EVENTSDAY, Reply(json=NFL_DAY))
    started = time.monotonic()
    with tsdb(api) as client:
        batch = client.events_day(DAY)
    assert time.monotonic() - started >= 0.4
    assert len(batch.events) == 3
    assert api.count(EVENTSDAY) == 2


def test_retry_after_longer_than_the_client_accepts_fails_at_once(api: FakeSportsAPI) -> None:
    api.serve(EVENTSDAY, Reply(status=429, headers={"Retry-After": "3600"}))
    with tsdb(api, max_retry_after_seconds=5) as client, pytest.raises(SportsDataError, match="Retry-After 3600s"):
        client.events_day(DAY)
    assert api.count(EVENTSDAY) == 1


def test_500_then_success_is_retried(api: FakeSportsAPI) -> None:
    api.script(EVENTSDAY, Reply(status=500, body=b"<html>Internal Server Error</html>"))
    api.serve(EVENTSDAY, Reply(json=NFL_DAY))
    with tsdb(api) as client:
        assert len(client.events_day(DAY).events) == 3
    assert api.count(EVENTSDAY) == 2


def test_persistent_503_fails_the_day_with_one_line_after_all_attempts(api: FakeSportsAPI) -> None:
    api.serve(EVENTSDAY, Reply(status=503))
    with tsdb(api) as client, pytest.raises(SportsDataError) as err:
        client.events_day(DAY)
    message = str(err.value)
    assert "HTTP 503 after 3 attempts" in message
    assert "eventsday.php?d=2026-10-04" in message
    assert "\n" not in message
    assert api.count(EVENTSDAY) == 3


def test_404_is_not_retried(api: FakeSportsAPI) -> None:
    with tsdb(api) as client, pytest.raises(SportsDataError, match="HTTP 404"):
        client.events_day(DAY)
    assert api.count() == 1


def test_a_slow_answer_times_out_and_is_retried(api: FakeSportsAPI) -> None:
    api.script(EVENTSDAY, Reply(json=NFL_DAY, delay=1.0))
    api.serve(EVENTSDAY, Reply(json=NFL_DAY))
    with tsdb(api, timeout=0.2) as client:
        assert len(client.events_day(DAY).events) == 3
    assert api.count(EVENTSDAY) == 2


def test_a_server_that_never_answers_in_time_fails_cleanly(api: FakeSportsAPI) -> None:
    api.serve(EVENTSDAY, Reply(json=NFL_DAY, delay=0.6))
    with tsdb(api, timeout=0.15, max_retries=1) as client, pytest.raises(SportsDataError, match="timed out"):
        client.events_day(DAY)


def test_connection_reset_is_retried(api: FakeSportsAPI) -> None:
    api.script(EVENTSDAY, Reply(reset=True))
    api.serve(EVENTSDAY, Reply(json=NFL_DAY))
    with tsdb(api) as client:
        assert len(client.events_day(DAY).events) == 3
    assert api.count(EVENTSDAY) == 2


def test_connection_reset_every_time_fails_cleanly(api: FakeSportsAPI) -> None:
    api.serve(EVENTSDAY, Reply(reset=True))
    with tsdb(api) as client, pytest.raises(SportsDataError, match="connection failed"):
        client.events_day(DAY)


def test_body_cut_short_by_a_dropped_connection_is_retried(api: FakeSportsAPI) -> None:
    api.script(EVENTSDAY, Reply(json=NFL_DAY, cut_after=400))
    api.serve(EVENTSDAY, Reply(json=NFL_DAY))
    with tsdb(api) as client:
        assert len(client.events_day(DAY).events) == 3
    assert api.count(EVENTSDAY) == 2


@pytest.mark.parametrize(
    "body",
    [
        json.dumps(NFL_DAY).encode()[:700],  # truncated, yet a complete HTTP response
        b'{"events": [{"idEvent": "1",}]}',  # malformed
        b"<!DOCTYPE html><html><body>Cloudflare: 520</body></html>",  # an error page served as 200
    ],
    ids=["truncated", "malformed", "html"],
)
def test_invalid_json_fails_that_request_with_a_clear_error(api: FakeSportsAPI, body: bytes,
                                                            tmp_path: Path) -> None:
    api.serve(EVENTSDAY, Reply(body=body))
    with tsdb(api, tmp_path) as client:
        with pytest.raises(SportsDataError, match="truncated or malformed JSON") as err:
            client.events_day(DAY)
        assert "\n" not in str(err.value)
        # Not cached: the next refresh asks again instead of replaying the broken answer.
        with pytest.raises(SportsDataError):
            client.events_day(DAY)
    assert api.count(EVENTSDAY) == 2


def test_payload_of_the_wrong_shape_is_a_clear_error(api: FakeSportsAPI) -> None:
    api.serve(EVENTSDAY, Reply(json={"error": "Invalid API key"}))
    with tsdb(api) as client, pytest.raises(SportsDataError, match="no 'events' list"):
        client.events_day(DAY)


# -- cache, rate limit, secrets


def test_second_refresh_of_the_same_day_makes_no_request(api: FakeSportsAPI, tmp_path: Path) -> None:
    api.serve(EVENTSDAY, Reply(json=NFL_DAY))
    with tsdb(api, tmp_path) as client:
        first = client.events_day(DAY, league="NFL")
        second = client.events_day(DAY, league="NFL")
    assert second.events == first.events
    assert api.count(EVENTSDAY) == 1


def test_cache_survives_a_new_client_on_the_same_folder(api: FakeSportsAPI, tmp_path: Path) -> None:
    api.serve(EVENTSDAY, Reply(json=NFL_DAY))
    with tsdb(api, tmp_path) as client:
        client.events_day(DAY)
    with tsdb(api, tmp_path) as client:
        assert len(client.events_day(DAY).events) == 3
        assert client.network_requests == 0
    assert api.count(EVENTSDAY) == 1
    assert (tmp_path / "cache" / "thesportsdb.sqlite").is_file()


def test_other_days_are_separate_cache_entries(api: FakeSportsAPI, tmp_path: Path) -> None:
    api.serve(EVENTSDAY, Reply(json={"events": None}))
    with tsdb(api, tmp_path) as client:
        client.events_day(DAY)
        client.events_day(DAY + timedelta(days=1))
        client.events_day(DAY)
    assert api.count(EVENTSDAY) == 2


def test_error_answers_are_not_cached(api: FakeSportsAPI, tmp_path: Path) -> None:
    api.script(EVENTSDAY, Reply(status=500))
    api.serve(EVENTSDAY, Reply(json=NFL_DAY))
    with tsdb(api, tmp_path) as client:
        client.events_day(DAY)
        client.events_day(DAY)
    assert api.count(EVENTSDAY) == 2  # the 500 and one 200; the second refresh came from the cache


def test_expired_cache_entry_is_fetched_again(api: FakeSportsAPI, tmp_path: Path) -> None:
    api.serve(EVENTSDAY, Reply(json=NFL_DAY))
    future = date.today() + timedelta(days=3)  # upcoming days use the short TTL
    with tsdb(api, tmp_path, cache_ttl_seconds=0.3) as client:
        client.events_day(future)
        time.sleep(0.2)
        client.events_day(future)  # a hit, which must not extend the entry's life
        assert api.count(EVENTSDAY) == 1
        time.sleep(0.2)
        client.events_day(future)
    assert api.count(EVENTSDAY) == 2


def test_rate_limit_spaces_network_requests(api: FakeSportsAPI) -> None:
    api.serve(EVENTSDAY, Reply(json={"events": None}))
    with tsdb(api, rate_limit_per_second=10) as client:
        started = time.monotonic()
        for offset in range(4):
            client.events_day(DAY + timedelta(days=offset))
    assert time.monotonic() - started >= 0.3  # 4 requests, at least 0.1 s apart


def test_api_key_is_in_the_url_path_but_never_in_logs_or_errors(api: FakeSportsAPI,
                                                               caplog: pytest.LogCaptureFixture) -> None:
    api.serve(EVENTSDAY, Reply(json=NFL_DAY))
    api.serve(FakeSportsAPI.tsdb_path("eventsseason.php", KEY), Reply(status=503))
    caplog.set_level(logging.DEBUG)
    with tsdb(api) as client:
        client.events_day(DAY)
        with pytest.raises(SportsDataError) as err:
            client.events_season("4328", "2026-2027")
    assert api.requests[0].path == f"/api/v1/json/{KEY}/eventsday.php"
    assert "HTTP Request" in caplog.text  # httpx did log the request URLs...
    assert KEY not in caplog.text  # ...with the key redacted
    assert KEY not in str(err.value)
    assert "/api/v1/json/***/eventsseason.php" in str(err.value)


@pytest.mark.parametrize(
    ("header", "seconds"),
    [("3", 3.0), ("0.5", 0.5), ("soon", None), (None, None)],
)
def test_retry_after_header_forms(header: str | None, seconds: float | None) -> None:
    assert _parse_retry_after(header) == seconds


def test_retry_after_as_http_date() -> None:
    when = email.utils.format_datetime(datetime.now(UTC) + timedelta(seconds=30), usegmt=True)
    assert 25 <= (_parse_retry_after(when) or 0) <= 30


# -- ESPN


def test_espn_scoreboard_requests_the_us_date(api: FakeSportsAPI) -> None:
    api.serve_espn("basketball/nba", "20251122", ESPN_NBA)
    with ESPNClient(api.espn_base_url, **FAST) as client:
        batch = client.scoreboard("basketball/nba", date(2025, 11, 22))
    assert len(batch.events) == len(ESPN_NBA["events"])
    assert all(e.espn_id and e.league == "NBA" for e in batch.events)
    assert api.requests[0].path == "/apis/site/v2/sports/basketball/nba/scoreboard"


def test_espn_utc_day_combines_two_us_dates(api: FakeSportsAPI) -> None:
    api.serve_espn("basketball/nba", "20251122", ESPN_NBA)
    api.serve_espn("basketball/nba", "20251123", {"events": []})
    with ESPNClient(api.espn_base_url, **FAST) as client:
        batch = client.events_on_utc_day("basketball/nba", date(2025, 11, 23))
    # The evening games of US 22 November tip off after midnight UTC, on the 23rd.
    assert {e.away for e in batch.events} == {"Atlanta Hawks", "Washington Wizards", "Detroit Pistons",
                                              "Memphis Grizzlies", "Sacramento Kings"}
    assert api.count(dates="20251122") == api.count(dates="20251123") == 1


def test_espn_league_path_must_have_sport_and_league(api: FakeSportsAPI) -> None:
    with ESPNClient(api.espn_base_url, **FAST) as client, pytest.raises(SportsDataError, match="basketball/nba"):
        client.scoreboard("nba", date(2025, 11, 22))


# -- resources


def live(api: FakeSportsAPI, tmp_path: Path, **fields: Any) -> LiveSportsData:
    base = {
        "thesportsdb_base_url": api.tsdb_base_url,
        "thesportsdb_api_key": KEY,
        "espn_base_url": api.espn_base_url,
        "leagues": ["NBA"],
        "espn_leagues": ["basketball/nba"],
        "cache_dir": str(tmp_path / "cache"),
        "timeout_seconds": 0.5,
        "max_retries": 1,
        "backoff_seconds": 0.01,
        "thesportsdb_requests_per_second": 0,
        "espn_requests_per_second": 0,
    }
    return LiveSportsData(**{**base, **fields})


def test_live_day_stores_an_event_listed_by_both_sources_once(api: FakeSportsAPI, tmp_path: Path) -> None:
    api.serve(EVENTSDAY, Reply(json=snapshot_day("2025-11-22", "NBA")), {"d": "2025-11-22", "l": "NBA"})
    api.serve_espn("basketball/nba", "20251121", {"events": []})
    api.serve_espn("basketball/nba", "20251122", ESPN_NBA)
    batch = live(api, tmp_path).fetch_day(date(2025, 11, 22))
    tsdb_events = snapshot_day("2025-11-22", "NBA")["events"]
    assert batch.source == "thesportsdb+espn"
    assert len(batch.events) == len(tsdb_events)
    by_home = {e.home: e for e in batch.events}
    # ESPN says "LA Clippers", TheSportsDB "Los Angeles Clippers": still one event, TheSportsDB's id.
    hornets = by_home["Charlotte Hornets"]
    assert (hornets.away, hornets.espn_id) == ("Los Angeles Clippers", "401810154")
    assert hornets.event_id == next(r["idEvent"] for r in tsdb_events if r["strHomeTeam"] == "Charlotte Hornets")
    assert by_home["Orlando Magic"].espn_id == "401810160"


def test_live_day_keeps_events_only_espn_knows(api: FakeSportsAPI, tmp_path: Path) -> None:
    api.serve(EVENTSDAY, Reply(json={"events": None}))
    api.serve_espn("basketball/nba", "20251122", ESPN_NBA)
    api.serve_espn("basketball/nba", "20251123", {"events": []})
    batch = live(api, tmp_path).fetch_day(date(2025, 11, 23))
    assert len(batch.events) == 5
    assert all(e.source == "espn" for e in batch.events)


def test_live_day_fails_cleanly_when_a_source_fails(api: FakeSportsAPI, tmp_path: Path) -> None:
    api.serve(EVENTSDAY, Reply(body=b'{"events": [{"idEvent": '))
    with pytest.raises(SportsDataError, match="thesportsdb: .*truncated or malformed JSON"):
        live(api, tmp_path, sources=["thesportsdb"]).fetch_day(date(2025, 11, 22))


def test_live_refresh_twice_makes_no_second_request(api: FakeSportsAPI, tmp_path: Path) -> None:
    api.serve(EVENTSDAY, Reply(json=snapshot_day("2025-11-22", "NBA")))
    api.serve_espn("basketball/nba", "20251121", {"events": []})
    api.serve_espn("basketball/nba", "20251122", ESPN_NBA)
    resource = live(api, tmp_path)
    first = resource.fetch_day(date(2025, 11, 22))
    before = len(api.requests)
    assert resource.fetch_day(date(2025, 11, 22)).events == first.events
    assert len(api.requests) == before == 3


def test_snapshot_resource_reads_the_bundled_day() -> None:
    batch = SnapshotSportsData().fetch_day(date(2025, 11, 23))
    expected = json.loads((SNAPSHOT / "2025-11-23.json").read_text(encoding="utf-8"))["events"]
    assert batch.source == "snapshot"
    assert [e.event_id for e in batch.events] == [r["idEvent"] for r in expected]


def test_snapshot_resource_without_that_day_fails_cleanly(tmp_path: Path) -> None:
    with pytest.raises(SportsDataError, match="no 2025-11-23.json"):
        SnapshotSportsData(folder=str(tmp_path)).fetch_day(date(2025, 11, 23))


def test_snapshot_resource_lists_its_days() -> None:
    days = SnapshotSportsData().available_days()
    assert date(2025, 11, 23) in days and days == sorted(days)


def test_sources_from_the_environment(monkeypatch: pytest.MonkeyPatch, api: FakeSportsAPI,
                                      tmp_path: Path) -> None:
    monkeypatch.setenv("THESPORTSDB_BASE_URL", api.tsdb_base_url)
    monkeypatch.setenv("THESPORTSDB_API_KEY", KEY)
    monkeypatch.setenv("EPGOAT_HTTP_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("EPGOAT_TSDB_LEAGUES", "NFL")
    api.serve(EVENTSDAY, Reply(json=NFL_DAY), {"d": "2026-10-04", "l": "NFL"})
    source = sports_data_from_env("thesportsdb")
    assert isinstance(source, LiveSportsData) and source.sources == ["thesportsdb"]
    assert len(source.fetch_day(DAY).events) == 3
    assert isinstance(sports_data_from_env("snapshot"), SnapshotSportsData)
    with pytest.raises(SportsDataError, match="unknown events source"):
        sports_data_from_env("bing")


def test_default_key_is_theSportsDBs_free_test_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("THESPORTSDB_API_KEY", raising=False)
    monkeypatch.delenv("THESPORTSDB_BASE_URL", raising=False)
    source = sports_data_from_env("live")
    assert isinstance(source, LiveSportsData)
    assert source.thesportsdb_api_key == "123"
    assert source.thesportsdb_base_url == "https://www.thesportsdb.com/api/v1/json"
    assert source.sources == ["thesportsdb", "espn"]


def test_assets_can_ask_for_the_base_resource_type() -> None:
    import dagster as dg

    @dg.asset
    def snapshot_events(sports_data: SportsDataResource) -> int:
        return len(sports_data.fetch_day(date(2025, 11, 23)).events)

    result = dg.materialize([snapshot_events], resources={"sports_data": SnapshotSportsData()})
    assert result.success
    assert result.output_for_node("snapshot_events") == len(
        json.loads((SNAPSHOT / "2025-11-23.json").read_text(encoding="utf-8"))["events"])


def test_resource_secret_comes_from_envvar_in_a_dagster_run(monkeypatch: pytest.MonkeyPatch,
                                                            api: FakeSportsAPI, tmp_path: Path) -> None:
    import dagster as dg

    monkeypatch.setenv("THESPORTSDB_API_KEY", KEY)
    api.serve(EVENTSDAY, Reply(json=NFL_DAY), {"d": "2026-10-04", "l": "NFL"})

    @dg.asset
    def day_events(sports_data: LiveSportsData) -> int:
        return len(sports_data.fetch_day(DAY).events)

    resource = live(api, tmp_path, thesportsdb_api_key=dg.EnvVar("THESPORTSDB_API_KEY"),
                    sources=["thesportsdb"], leagues=["NFL"])
    result = dg.materialize([day_events], resources={"sports_data": resource})
    assert result.success
    assert result.output_for_node("day_events") == 3
    assert api.requests[0].path == EVENTSDAY


# -- the catalogue drives fetching; one failing league never blanks a day

BENCH_DAY = Path("/work/shared/bench/events/2025-12-06.json")
REPO = Path(__file__).resolve().parents[1]


def tsdb_catalogue_leagues() -> list[str]:
    from epgoat_assets.lib.sports.leagues import LeagueCatalog

    return [lg.name for lg in LeagueCatalog.from_config().fetched() if lg.fetch_thesportsdb]


def serve_bench_day(api: FakeSportsAPI, day: str, key: str, failing: dict[str, Reply]) -> dict[str, int]:
    """A TheSportsDB stand-in for `day`: every catalogue league answers its part of the bench day
    (`{"events": null}` when it has none), except the `failing` ones. Returns events per league."""
    events = json.loads(BENCH_DAY.read_text(encoding="utf-8"))["events"]
    path = FakeSportsAPI.tsdb_path("eventsday.php", key)
    counts = {}
    for league in tsdb_catalogue_leagues():
        mine = [e for e in events if e["strLeague"] == league]
        counts[league] = len(mine)
        api.serve(path, failing.get(league) or Reply(json={"events": mine or None}), {"d": day, "l": league})
    assert sum(counts.values()) == len(events) == 66  # the catalogue covers every league of the day
    return counts


def refresh_cli(api: FakeSportsAPI, tmp_path: Path, *args: str) -> Any:
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith(("EPGOAT_", "THESPORTSDB_", "ESPN_"))}
    env.update({"EPGOAT_HOME": str(tmp_path / "home"), "EPGOAT_HTTP_CACHE_DIR": str(tmp_path / "cache"),
                "THESPORTSDB_BASE_URL": api.tsdb_base_url, "THESPORTSDB_API_KEY": KEY,
                "THESPORTSDB_REQUESTS_PER_SECOND": "0"})
    return subprocess.run([sys.executable, "-m", "epgoat_assets.cli", "events", "refresh", *args],
                          capture_output=True, text=True, env=env, timeout=300, cwd=REPO)


def test_refresh_stores_the_day_without_the_league_that_keeps_failing(api: FakeSportsAPI, tmp_path: Path) -> None:
    counts = serve_bench_day(api, "2025-12-06", KEY, {"NHL": Reply(status=500, json={"error": "boom"})})
    proc = refresh_cli(api, tmp_path, "--date", "2025-12-06", "--source", "thesportsdb")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "events 2025-12-06: 59 stored (59 new, 0 updated, 0 unchanged)"
    [failed] = [ln for ln in proc.stderr.splitlines() if "failed" in ln]
    assert failed.startswith("events 2025-12-06: league NHL failed (thesportsdb): ") and "HTTP 500" in failed
    assert KEY not in proc.stderr and "Traceback" not in proc.stderr
    assert counts["NHL"] == 7 and api.count(l="NHL") == 4  # retried, then given up on
    # Every other league was asked for once: the failure did not repeat the day.
    assert all(api.count(l=league) == 1 for league in counts if league != "NHL")

    # The next run asks the failed league again (failures are never cached) and completes the day.
    serve_bench_day(api, "2025-12-06", KEY, {})
    again = refresh_cli(api, tmp_path, "--date", "2025-12-06", "--source", "thesportsdb")
    assert again.returncode == 0 and again.stderr == ""
    assert again.stdout.strip() == "events 2025-12-06: 66 stored (7 new, 0 updated, 59 unchanged)"


def test_refresh_fails_only_when_every_league_fails(api: FakeSportsAPI, tmp_path: Path) -> None:
    proc = refresh_cli(api, tmp_path, "--date", "2025-12-06", "--source", "thesportsdb")  # 404 everywhere
    assert proc.returncode == 1
    assert proc.stderr.startswith("events 2025-12-06: failed: live 2025-12-06: every league failed")
    assert len(proc.stderr.strip().splitlines()) == 1


def test_each_kind_of_league_failure_is_named_and_the_rest_is_kept(api: FakeSportsAPI, tmp_path: Path) -> None:
    failing = {
        "NHL": Reply(status=503),
        "German Bundesliga": Reply(status=404, json={"error": "no route"}),
        "Italian Serie A": Reply(json={"events": "Invalid league"}),
        "French Ligue 1": Reply(body=b'{"events": [{"idEvent": '),
    }
    counts = serve_bench_day(api, "2025-12-06", KEY, failing)
    batch = live(api, tmp_path, leagues=None, sources=["thesportsdb"]).fetch_day(date(2025, 12, 6))
    assert set(batch.failed_leagues) == set(failing)
    assert len(batch.events) == 66 - sum(counts[lg] for lg in failing)
    errors = {f.league: f.error for f in batch.failures}
    assert "HTTP 503 after 2 attempts" in errors["NHL"]
    assert "HTTP 404" in errors["German Bundesliga"]
    assert "answered 'Invalid league' instead of a 'events' list" in errors["Italian Serie A"]
    assert "truncated or malformed JSON" in errors["French Ligue 1"]
    assert all("\n" not in e and KEY not in e for e in errors.values())


def test_a_refused_key_is_said_to_be_the_key(api: FakeSportsAPI) -> None:
    api.serve(EVENTSDAY, Reply(status=400, json={"message": "Invalid API key"}))
    with tsdb(api) as client, pytest.raises(SportsDataError, match="refused the API key: check THESPORTSDB_API_KEY"):
        client.events_day(DAY, league="NFL")
    assert api.count() == 1  # not retried


def test_free_key_answers_at_the_cap_say_a_premium_key_is_needed(api: FakeSportsAPI) -> None:
    events = json.loads(BENCH_DAY.read_text(encoding="utf-8"))["events"]
    nba = [e for e in events if e["strLeague"] == "NBA"][:5]  # what the free key returns of 13 games
    api.serve_tsdb("eventsday.php", {"events": nba}, key="123", d="2025-12-06", l="NBA")
    api.serve_tsdb("eventsday.php", {"events": nba[:2]}, key="123", d="2025-12-06", l="NHL")
    with TheSportsDBClient(api.tsdb_base_url, "123", **FAST) as client:
        full = client.events_day(date(2025, 12, 6), league="NBA")
        short = client.events_day(date(2025, 12, 6), league="NHL")
    assert len(full.events) == 5
    assert full.truncated == ["thesportsdb NBA 2025-12-06: 5 events, the free key's cap; the day is probably"
                              " incomplete: set THESPORTSDB_API_KEY to a premium key"]
    assert short.truncated == []


def test_espn_college_scoreboards_ask_for_every_group_with_a_limit(api: FakeSportsAPI, tmp_path: Path) -> None:
    fbs = json.loads((DATA / "espn" / "football_college-football_groups80_scoreboard_20251206.json").read_text())
    fcs = json.loads((DATA / "espn" / "football_college-football_groups81_scoreboard_20251206.json").read_text())
    path = FakeSportsAPI.espn_path("football/college-football")
    for group, payload in (("80", fbs), ("81", fcs)):
        api.serve(path, Reply(json=payload), {"dates": "20251206", "groups": group, "limit": "400"})
        api.serve(path, Reply(json={"events": []}), {"dates": "20251205", "groups": group, "limit": "400"})
    batch = live(api, tmp_path, sources=["espn"], leagues=["NCAAF"], espn_leagues=[]).fetch_day(date(2025, 12, 6))
    assert batch.failures == [] and batch.fetched == ["espn:NCAA Football"]
    assert len(batch.events) == 5 and {e.league for e in batch.events} == {"NCAA Football"}
    assert {r.query.get("groups") for r in api.requests} == {"80", "81"}


def test_narrowing_to_an_unknown_league_is_a_clear_error(api: FakeSportsAPI, tmp_path: Path) -> None:
    with pytest.raises(SportsDataError, match="league 'Curling' has no event source"):
        live(api, tmp_path, leagues=["Curling"]).fetch_day(DAY)


def test_league_narrowing_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EPGOAT_LEAGUES", "NBA, EPL, NCAAF")
    source = sports_data_from_env("live")
    assert isinstance(source, LiveSportsData)
    assert source.tsdb_plan() == ["NBA", "English Premier League"]
    assert [p for _lg, p, _label in source.espn_plan()] == [
        "basketball/nba", "soccer/eng.1", "football/college-football?groups=80&limit=400",
        "football/college-football?groups=81&limit=400"]
    monkeypatch.delenv("EPGOAT_LEAGUES")
    whole = sports_data_from_env("live")
    assert isinstance(whole, LiveSportsData)
    assert len(whole.tsdb_plan()) == len(tsdb_catalogue_leagues()) >= 25


def test_two_clients_share_one_rate_limit(api: FakeSportsAPI, tmp_path: Path) -> None:
    import threading

    api.serve(EVENTSDAY, Reply(json={"events": None}))
    started = time.monotonic()

    def run(offset: int) -> None:
        # Separate clients, as separate Dagster runs would have, on the same cache folder.
        with tsdb(api, tmp_path, rate_limit_per_second=10) as client:
            for i in range(3):
                client.events_day(DAY + timedelta(days=offset + i))

    threads = [threading.Thread(target=run, args=(n * 10,)) for n in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert api.count(EVENTSDAY) == 6
    assert time.monotonic() - started >= 0.5  # 6 requests 0.1 s apart between them, not 3 each


def test_the_asset_stores_a_partial_day_and_warns_naming_the_failed_league(api: FakeSportsAPI,
                                                                          tmp_path: Path) -> None:
    import dagster as dg

    from epgoat_assets.defs.events import sports_events
    from epgoat_resources.warehouse import DuckDBWarehouse

    serve_bench_day(api, "2025-12-06", KEY, {"NHL": Reply(status=500)})
    resources = {"sports_data": live(api, tmp_path, leagues=None, sources=["thesportsdb"]),
                 "warehouse": DuckDBWarehouse(path=str(tmp_path / "w.duckdb"))}
    result = dg.materialize([sports_events], resources=resources, partition_key="2025-12-06")
    assert result.success
    [mat] = result.asset_materializations_for_node("sports_events")
    assert mat.metadata["events"].value == 59
    assert mat.metadata["failed_leagues"].value == "NHL"
    [check] = result.get_asset_check_evaluations()
    assert check.check_name == "every_league_fetched" and not check.passed
    assert check.severity == dg.AssetCheckSeverity.WARN
    assert check.metadata["failed_leagues"].value == "NHL"
