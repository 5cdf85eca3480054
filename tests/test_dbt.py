"""The analysts' dbt project: `dbt build` on both stores, mart contents, and Dagster lineage.

The warehouse is created by the pipeline's own migrations and filled through `epgoat_assets.lib.warehouse.store`
(the functions the Python assets call), with real fixtures from the bundled TheSportsDB snapshot of
22-23 Nov 2025 and event-channel names in the styles providers use (docs/field-notes.md). Each store
is built once per module; the tests then read the marts.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import duckdb
import psycopg
import pytest

from epgoat_assets.lib.models import ChannelInfo, Event, MatchResult, PlaylistEntry
from epgoat_assets.lib.warehouse import store
from epgoat_assets.lib.warehouse.db import Database

ROOT = Path(__file__).resolve().parents[1]
DBT_DIR = ROOT / "dbt"
DBT = Path(sys.executable).with_name("dbt")
PG_ADMIN_URL = os.environ.get("EPGOAT_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/postgres")

D1 = date(2025, 11, 22)
D2 = date(2025, 11, 23)
HAIKU = "claude-haiku-4-5"


def _utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def _event(event_id: str, sport: str, league: str, league_id: str, home: str, away: str, start: str) -> Event:
    return Event(event_id=event_id, sport=sport, league=league, home=home, away=away, start_utc=_utc(start),
                 league_id=league_id, season="2025-2026", source="snapshot", status="Not Started")


# From epgoat_assets/data/snapshot/2025-11-22.json and 2025-11-23.json (and bench/events/2025-11-29).
CELTICS_NETS = _event("2954178", "Basketball", "NBA", "4387", "Boston Celtics", "Brooklyn Nets", "2025-11-22T00:30:00")
MAGIC_KNICKS = _event("1720317", "Basketball", "NBA", "4387", "Orlando Magic", "New York Knicks", "2025-11-22T22:00:00")
WINGS_JACKETS = _event("3106932", "Ice Hockey", "NHL", "4380", "Detroit Red Wings", "Columbus Blue Jackets",
                       "2025-11-22T18:00:00")
NEWCASTLE_CITY = _event("670389", "Soccer", "English Premier League", "4328", "Newcastle United", "Manchester City",
                        "2025-11-22T17:30:00")
LIVERPOOL_FOREST = _event("1817990", "Soccer", "English Premier League", "4328", "Liverpool", "Nottingham Forest",
                          "2025-11-22T15:00:00")
CELTICS_MAGIC = _event("2546384", "Basketball", "NBA", "4387", "Boston Celtics", "Orlando Magic", "2025-11-23T23:00:00")
ARSENAL_SPURS = _event("2326908", "Soccer", "English Premier League", "4328", "Arsenal", "Tottenham Hotspur",
                       "2025-11-23T16:30:00")
PACERS_WIZARDS = _event("1630969", "Basketball", "NBA", "4387", "Indiana Pacers", "Washington Wizards",
                        "2025-11-29T00:30:00")
BURNLEY_CHELSEA = _event("2252162", "Soccer", "English Premier League", "4328", "Burnley", "Chelsea",
                         "2025-11-22T12:30:00")
EVENTS = [CELTICS_NETS, MAGIC_KNICKS, WINGS_JACKETS, NEWCASTLE_CITY, LIVERPOOL_FOREST, CELTICS_MAGIC,
          ARSENAL_SPURS, PACERS_WIZARDS, BURNLEY_CHELSEA]


@dataclass(frozen=True)
class Row:
    """One playlist entry and what the matcher decided for it."""

    name: str
    group: str
    family: str | None = None
    slot: int | None = None
    vod_rule: str | None = None
    event: Event | None = None
    handler: str | None = None
    confidence: float = 0.0
    reason: str = ""


def _results(host: str, rows: list[Row]) -> list[MatchResult]:
    out = []
    for i, r in enumerate(rows):
        slug = r.name.split(":")[0].replace(" ", "").replace("|", "").replace("+", "plus").lower()
        kind = "movie" if r.vod_rule else "live"
        entry = PlaylistEntry(index=i, line_no=2 * i + 2, name=r.name, url=f"http://{host}:8080/{kind}/u10/p4/{slug}.ts",
                              attrs={"group-title": r.group})
        channel = ChannelInfo(entry=entry, filtered_by=r.vod_rule, family=r.family, slot=r.slot)
        status = "filtered" if r.vod_rule else ("matched" if r.event else "unmatched")
        out.append(MatchResult(channel=channel, status=status, event=r.event, handler=r.handler,
                               confidence=r.confidence, reason=r.reason))
    return out


ACME_D1 = [
    Row("Night River Summer (2015)", "FILMS", vod_rule="url_movie_path"),
    Row("Blue Road Summer (1991)", "FILMS", vod_rule="url_movie_path"),
    Row("NBA 01: Nets @ Celtics 7:30 PM ET", "NBA EVENTS", "NBA", 1, event=CELTICS_NETS, handler="exact", confidence=0.98),
    Row("NBA 02: Knicks @ Magic 5:00 PM ET", "NBA EVENTS", "NBA", 2, event=MAGIC_KNICKS, handler="fuzzy", confidence=0.86),
    Row("NBA 03", "NBA EVENTS", "NBA", 3, reason="placeholder"),
    Row("NHL 01: Blue Jackets @ Red Wings 1:00 PM ET", "NHL EVENTS", "NHL", 1, event=WINGS_JACKETS, handler="llm",
        confidence=0.91),
    Row("ESPN+ 045 : Colorado State vs Boise State (Women's Volleyball)", "ESPN+", "ESPN+", 45, reason="no_candidate"),
    Row("ESPN+ 046 : UTEP vs Liberty", "ESPN+", "ESPN+", 46, reason="no_candidate"),
    Row("Premier League 01: Newcastle v Man City 12:30 ET", "EPL EVENTS", "Premier League", 1, event=NEWCASTLE_CITY,
        handler="alias", confidence=0.95),
    Row("CNN HD", "US NEWS"),  # a live channel outside any event family: not an event channel
]
ACME_D2 = [
    Row("Lost Day (1994)", "FILMS", vod_rule="url_movie_path"),
    Row("NBA 01: Magic @ Celtics 6:00 PM ET", "NBA EVENTS", "NBA", 1, event=CELTICS_MAGIC, handler="cache", confidence=1.0),
    Row("NBA 02: Hawks @ Pelicans 7:00 PM ET", "NBA EVENTS", "NBA", 2, reason="low_score: best 0.58 for 1670956"),
    Row("ESPN+ 045 : Northern Iowa vs Drake", "ESPN+", "ESPN+", 45, reason="no_candidate"),
    Row("Premier League 01: Arsenal v Tottenham 11:30 ET", "EPL EVENTS", "Premier League", 1, event=ARSENAL_SPURS,
        handler="exact", confidence=0.99),
]
TVBOX_D1 = [
    Row("US| NBA 01 : Brooklyn Nets vs Boston Celtics", "US| NBA", "NBA", 1, event=CELTICS_NETS, handler="exact",
        confidence=0.97),
    Row("US| EPL 03 : Newcastle United x Manchester City", "UK| EPL", "EPL", 3, event=NEWCASTLE_CITY, handler="llm",
        confidence=0.88),
    Row("US| EPL 04 : Burnley x Chelsea", "UK| EPL", "EPL", 4, reason="no_event_in_window"),
]


def fill_warehouse(db: Database) -> None:
    """Create the tables and write one realistic two-day history, as the Python assets would."""
    db.migrate()
    store.upsert_events(db, EVENTS)
    store.upsert_provider(db, "acme", kind="provider", name="Acme IPTV", source="https://acme.example/get.php",
                          timezone="America/New_York")
    store.upsert_provider(db, "tvbox", kind="byo", name="My TV Box", source="/data/playlists/tvbox.m3u",
                          timezone="America/Chicago")
    with db.connect() as conn:
        # Written as SQL: discovered families only. Acme's NBA and NHL families come from
        # config/providers.yaml and so have no row; their league is learnt from what they matched.
        conn.executemany(
            "INSERT INTO provider_patterns (playlist_key, family, pattern, league_hint, member_count, review_status)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [
                ("acme", "ESPN+", r"^ESPN\+ (\d+)", None, 180, "approved"),
                ("acme", "Premier League", r"^Premier League (\d+)", "English Premier League", 10, "approved"),
                ("tvbox", "NBA", r"^US\| NBA (\d+)", "NBA", 8, "approved"),
                ("tvbox", "EPL", r"^US\| EPL (\d+)", "English Premier League", 6, "pending"),
            ],
        )
    store.save_match_results(db, "acme", D1, _results("line.acme.example", ACME_D1))
    store.save_match_results(db, "acme", D2, _results("line.acme.example", ACME_D2))
    store.save_match_results(db, "tvbox", D1, _results("tv.tvbox.example", TVBOX_D1))
    store.save_match_cache(db, "acme", D2, [("NBA 01: Magic @ Celtics 6:00 PM ET", "2546384", "exact", 0.97)])
    store.save_llm_usage(db, D1, "acme", HAIKU, calls=3, input_tokens=4200, output_tokens=310,
                         cache_read_tokens=12000, cache_write_tokens=2100)
    store.save_llm_usage(db, D1, "tvbox", HAIKU, calls=1, input_tokens=1500, output_tokens=90, cache_read_tokens=4000)
    store.save_llm_usage(db, D2, "acme", HAIKU, calls=0, input_tokens=0, output_tokens=0)
    for day, entries, vod in ((date(2025, 11, 21), 312450, 281190), (D1, 312980, 281700), (D2, 311870, 280650)):
        store.save_daily_stats(db, day, "acme", {"entries": entries, "vod_filtered": vod, "event_channels": 217})
    store.save_daily_stats(db, D1, "tvbox", {"entries": 48211, "vod_filtered": 40102, "event_channels": 64,
                                             "match_rate": 2 / 3})
    for day, rate in ((D1, 0.75), (D2, 0.8)):
        store.save_daily_stats(db, day, "acme", {"match_rate": rate, "event_channels_matchable": 20,
                                                 "matched": 20 * rate, "guide_coverage": 0.95})
    # What published_guide records: acme's 22nd, then the 23rd went public; a later backfill of the
    # 22nd was archived only; tvbox's day failed its match-rate floor.
    for key, day, outcome, failed, why in (
        ("acme", D1, "published", "", "newest date with passing checks"),
        ("acme", D2, "published", "", "newest date with passing checks"),
        ("acme", D1, "archived only", "", f"the stable guide holds {D2}, newer than {D1}"),
        ("tvbox", D1, "archived only", "match_rate_floor", "checks failed: match_rate_floor"),
    ):
        store.audit(db, "dagster", "guide.publish", key, {"date": day.isoformat(), "outcome": outcome,
                    "url": f"https://epg.example.org/{key}.xml", "failed_checks": failed, "why": why})
    with db.connect() as conn:
        # Soft-deleted history the marts must not count.
        conn.execute("UPDATE events SET record_status = 'archived' WHERE source_event_id = '2252162'")
        conn.execute(
            "INSERT INTO unmatched_channels (match_date, playlist_key, stream_url, channel_name, family, reason,"
            " record_status) VALUES (?, 'acme', 'http://line.acme.example:8080/live/u10/p4/nhl07.ts', 'NHL 07',"
            " 'NHL', 'no_candidate', 'archived')",
            (D2,),
        )
        conn.execute(
            "INSERT INTO llm_usage (usage_date, playlist_key, model, calls, input_tokens, output_tokens,"
            " record_status) VALUES (?, 'acme', 'claude-sonnet-4-5', 50, 90000, 4000, 'deleted')",
            (D2,),
        )
        conn.execute("UPDATE daily_stats SET record_status = 'archived' WHERE playlist_key = 'tvbox'"
                     " AND metric = 'vod_filtered'")


def run_dbt(args: list[str], target: str, env: dict[str, str], work: Path) -> subprocess.CompletedProcess[str]:
    """dbt with its artifacts in `work`, so tests never touch dbt/target (Dagster's manifest)."""
    cmd = [os.fspath(DBT), *args, "--project-dir", os.fspath(DBT_DIR), "--profiles-dir", os.fspath(DBT_DIR),
           "--target", target, "--target-path", os.fspath(work / "target"), "--log-path", os.fspath(work / "logs")]
    full_env = {**os.environ, "DO_NOT_TRACK": "1", **env}
    return subprocess.run(cmd, cwd=DBT_DIR, env=full_env, capture_output=True, text=True, timeout=600)


def run_results(work: Path) -> list[dict[str, Any]]:
    return json.loads((work / "target" / "run_results.json").read_text())["results"]


@dataclass
class BuiltStore:
    name: str
    work: Path
    build: subprocess.CompletedProcess[str]
    duckdb_path: Path | None = None
    pg_url: str | None = None

    def query(self, sql: str) -> list[tuple[Any, ...]]:
        if self.duckdb_path is not None:
            with duckdb.connect(os.fspath(self.duckdb_path), read_only=True) as conn:
                return [tuple(r) for r in conn.execute(sql).fetchall()]
        assert self.pg_url is not None
        with psycopg.connect(self.pg_url) as conn:
            return [tuple(r) for r in conn.execute(sql).fetchall()]


def _with_dbname(url: str, dbname: str) -> str:
    return urlsplit(url)._replace(path=f"/{dbname}").geturl()


@contextmanager
def throwaway_pg_database() -> Iterator[str]:
    """A fresh PostgreSQL database for one test module, dropped afterwards."""
    name = f"epgoat_dbt_{uuid.uuid4().hex[:12]}"
    try:
        admin = psycopg.connect(PG_ADMIN_URL, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as exc:
        reason = f"PostgreSQL not reachable at {PG_ADMIN_URL}: {str(exc).strip().splitlines()[0]}"
        if os.environ.get("CI"):
            pytest.fail(f"{reason} (required in CI)")
        pytest.skip(reason)
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield _with_dbname(PG_ADMIN_URL, name)
    finally:
        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def pg_env(url: str) -> dict[str, str]:
    parts = urlsplit(url)
    return {
        "EPGOAT_PG_HOST": parts.hostname or "127.0.0.1",
        "EPGOAT_PG_PORT": str(parts.port or 5432),
        "EPGOAT_PG_USER": parts.username or "postgres",
        "EPGOAT_PG_PASSWORD": parts.password or "",
        "EPGOAT_PG_DBNAME": parts.path.lstrip("/"),
    }


@pytest.fixture(scope="module", params=["duckdb", "postgres"])
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[BuiltStore]:
    """The warehouse filled and `dbt build` run on it, once per store."""
    work = tmp_path_factory.mktemp(f"dbt-{request.param}")
    if request.param == "duckdb":
        path = work / "warehouse.duckdb"
        # Database.connect closes after each unit of work, so no connection holds the DuckDB lock
        # while dbt runs.
        fill_warehouse(Database(f"duckdb://{path}"))
        result = run_dbt(["build"], "local", {"EPGOAT_DUCKDB_PATH": os.fspath(path)}, work)
        yield BuiltStore("duckdb", work, result, duckdb_path=path)
        return
    with throwaway_pg_database() as url:
        fill_warehouse(Database(url))
        result = run_dbt(["build"], "ci_postgres", pg_env(url), work)
        yield BuiltStore("postgres", work, result, pg_url=url)


def _ok(built: BuiltStore) -> BuiltStore:
    assert built.build.returncode == 0, f"dbt build failed on {built.name}:\n{built.build.stdout[-4000:]}"
    return built


# --- dbt build on both stores -------------------------------------------------------------------

OVERVIEW = ("select guide_date, playlist_key, match_rate, guide_coverage, checks, publish_outcome, published_url,"
            " is_live_guide, top_unmatched_reasons from marts.operator_overview")


def _overview(built: BuiltStore) -> dict[tuple[str, str], tuple[Any, ...]]:
    return {(str(r[0]), r[1]): r[2:] for r in _ok(built).query(OVERVIEW)}


def test_operator_overview_has_one_row_per_date_and_playlist(built: BuiltStore) -> None:
    stats = {(str(d), k) for d, k in built.query("select distinct stat_date, playlist_key from staging.stg_daily_stats")}
    assert set(_overview(built)) == stats
    assert ("2025-11-22", "acme") in stats and ("2025-11-22", "tvbox") in stats


def test_operator_overview_shows_which_date_is_public_and_why_others_are_not(built: BuiltStore) -> None:
    rows = _overview(built)
    rate, coverage, checks, outcome, url, live, _ = rows[("2025-11-23", "acme")]
    assert (rate, coverage, checks, outcome, url, live) == (0.8, 0.95, "passed", "published",
                                                             "https://epg.example.org/acme.xml", True)
    # The latest run for the 22nd (a backfill after the 23rd) was archived only.
    assert rows[("2025-11-22", "acme")][3:6] == ("archived only", None, False)
    assert rows[("2025-11-22", "tvbox")][2:5] == ("failed: match_rate_floor", "archived only", None)
    assert rows[("2025-11-21", "acme")][3] == "not published yet"


def test_operator_overview_lists_the_top_unmatched_reason_codes(built: BuiltStore) -> None:
    counts = built.query("select reason_code, count(*) from staging.stg_unmatched_channels where playlist_key = 'acme'"
                         " and match_date = '2025-11-22' and reason_code <> 'placeholder' group by reason_code"
                         " order by count(*) desc, reason_code limit 3")
    assert counts, "the fixture has unmatched acme channels on 2025-11-22"
    expected = ", ".join(f"{code} {n}" for code, n in counts)
    assert _overview(built)[("2025-11-22", "acme")][6] == expected

def test_dbt_build_runs_every_model_and_passes_every_test(built: BuiltStore) -> None:
    results = run_results(_ok(built).work)
    by_status: dict[str, list[str]] = {}
    for r in results:
        by_status.setdefault(r["status"], []).append(r["unique_id"])
    assert set(by_status) == {"success", "pass"}, by_status
    models = [u for u in by_status["success"] if u.startswith("model.")]
    assert len(models) == len(list((DBT_DIR / "models").rglob("*.sql")))
    assert len(by_status["pass"]) >= 40


def test_match_rate_is_per_provider_league_and_day_over_event_channels_only(built: BuiltStore) -> None:
    rows = _ok(built).query(
        "select playlist_key, match_date, league_name, event_channels, matched_channels, unmatched_channels,"
        " match_rate from marts.match_rate_daily order by playlist_key, match_date, league_name"
    )
    got = [(p, d, lg, ec, m, u, round(rate, 4)) for p, d, lg, ec, m, u, rate in rows]
    assert got == [
        # VOD entries and the CNN live channel are not event channels; ESPN+ has no league hint.
        ("acme", D1, "(unattributed)", 2, 0, 2, 0.0),
        ("acme", D1, "English Premier League", 1, 1, 0, 1.0),
        ("acme", D1, "NBA", 2, 2, 0, 1.0),  # the empty "NBA 03" slot is not an event channel
        ("acme", D1, "NHL", 1, 1, 0, 1.0),
        ("acme", D2, "(unattributed)", 1, 0, 1, 0.0),
        ("acme", D2, "English Premier League", 1, 1, 0, 1.0),
        ("acme", D2, "NBA", 2, 1, 1, 0.5),  # NBA 02 takes the league its family matched
        ("tvbox", D1, "English Premier League", 2, 1, 1, 0.5),
        ("tvbox", D1, "NBA", 1, 1, 0, 1.0),
    ]


def test_match_rate_carries_the_provider_name(built: BuiltStore) -> None:
    rows = _ok(built).query("select distinct playlist_key, provider_name from marts.match_rate_daily order by 1")
    assert rows == [("acme", "Acme IPTV"), ("tvbox", "My TV Box")]


def test_unmatched_families_are_ranked_by_channel_days(built: BuiltStore) -> None:
    rows = _ok(built).query(
        "select rank_overall, playlist_key, family, channel_days, distinct_channels, days_seen, top_reason,"
        " league_name from marts.unmatched_families order by rank_overall, playlist_key, family"
    )
    assert rows == [
        # ESPN+ 045 was unmatched on both days under the same stream URL: 3 channel-days, 2 channels.
        (1, "acme", "ESPN+", 3, 2, 2, "no_candidate", None),
        (2, "acme", "NBA", 1, 1, 1, "low_score", "NBA"),  # the empty NBA 03 slot is no miss
        (2, "tvbox", "EPL", 1, 1, 1, "no_event_in_window", "English Premier League"),
    ]  # the archived "NHL 07" row is not counted


def test_handler_mix_counts_matched_channels_per_day_and_handler(built: BuiltStore) -> None:
    rows = _ok(built).query(
        "select match_date, handler, matched_channels, providers, share_of_matched"
        " from marts.handler_mix_daily order by match_date, handler"
    )
    got = [(d, h, n, p, round(s, 4)) for d, h, n, p, s in rows]
    assert got == [
        (D1, "alias", 1, 1, 0.1667),
        (D1, "exact", 2, 2, 0.3333),
        (D1, "fuzzy", 1, 1, 0.1667),
        (D1, "llm", 2, 2, 0.3333),
        (D2, "cache", 1, 1, 0.5),
        (D2, "exact", 1, 1, 0.5),
    ]


def test_llm_usage_sums_calls_and_tokens_per_day_and_model(built: BuiltStore) -> None:
    rows = _ok(built).query(
        "select usage_date, model, calls, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens,"
        " total_tokens, providers, tokens_per_call from marts.llm_usage_daily order by usage_date, model"
    )
    assert rows == [
        (D1, HAIKU, 4, 5700, 400, 16000, 2100, 24200, 2, 6050.0),
        (D2, HAIKU, 0, 0, 0, 0, 0, 0, 1, None),  # the deleted sonnet row is gone
    ]


def test_event_coverage_flags_events_no_provider_carried(built: BuiltStore) -> None:
    rows = _ok(built).query(
        "select source_event_id, title, providers_carrying, channel_days, coverage_status, sport_name"
        " from marts.event_coverage order by event_date, start_utc, source_event_id"
    )
    assert rows == [
        ("2954178", "Boston Celtics vs Brooklyn Nets", 2, 2, "carried", "Basketball"),
        ("1817990", "Liverpool vs Nottingham Forest", 0, 0, "not_carried", "Soccer"),
        ("670389", "Newcastle United vs Manchester City", 2, 2, "carried", "Soccer"),
        ("3106932", "Detroit Red Wings vs Columbus Blue Jackets", 1, 1, "carried", "Ice Hockey"),
        ("1720317", "Orlando Magic vs New York Knicks", 1, 1, "carried", "Basketball"),
        ("2326908", "Arsenal vs Tottenham Hotspur", 1, 1, "carried", "Soccer"),
        ("2546384", "Boston Celtics vs Orlando Magic", 1, 1, "carried", "Basketball"),
        # No playlist was matched within a day of 29 Nov: absence says nothing.
        ("1630969", "Indiana Pacers vs Washington Wizards", 0, 0, "no_playlist_data", "Basketball"),
    ]  # the archived Burnley v Chelsea event is not listed


def test_provider_playlist_growth_tracks_entries_day_over_day(built: BuiltStore) -> None:
    rows = _ok(built).query(
        "select playlist_key, stat_date, entries, previous_entries, entries_change, entries_change_pct,"
        " entries_change_since_first, vod_filtered from marts.provider_playlist_growth order by playlist_key, stat_date"
    )
    got = [(p, d, e, pe, c, None if pct is None else round(pct, 5), f, v) for p, d, e, pe, c, pct, f, v in rows]
    assert got == [
        ("acme", date(2025, 11, 21), 312450, None, None, None, 0, 281190),
        ("acme", D1, 312980, 312450, 530, 0.0017, 530, 281700),
        ("acme", D2, 311870, 312980, -1110, -0.00355, -580, 280650),
        ("tvbox", D1, 48211, None, None, None, 0, None),  # its vod_filtered row is archived
    ]


def test_marts_land_in_the_marts_schema_and_staging_in_staging(built: BuiltStore) -> None:
    rows = _ok(built).query(
        "select table_schema, table_name from information_schema.tables"
        " where table_schema in ('staging', 'marts')"
    )
    models = Path(__file__).resolve().parents[1] / "dbt" / "models"
    assert sorted(rows) == sorted(
        [("marts", f.stem) for f in (models / "marts").glob("*.sql")]
        + [("staging", f.stem) for f in (models / "staging").glob("*.sql")]
    )


def test_readme_example_queries_run_on_the_store(built: BuiltStore) -> None:
    readme = (DBT_DIR / "README.md").read_text(encoding="utf-8")
    queries = [block.split("```", 1)[0].strip().rstrip(";") for block in readme.split("```sql")[1:]]
    assert len(queries) == 3
    last_week, families, not_carried = (_ok(built).query(q) for q in queries)
    assert last_week == []  # the fixture history is from November 2025
    assert [(r[0], r[1], r[2]) for r in families] == [(1, "acme", "ESPN+"), (2, "acme", "NBA"), (2, "tvbox", "EPL")]
    assert not_carried == [("English Premier League", 1, D1, D1)]


# --- dbt tests guard the data ---------------------------------------------------------------------

def test_build_fails_when_a_matched_channel_has_no_handler(tmp_path: Path) -> None:
    path = tmp_path / "warehouse.duckdb"
    db = Database(f"duckdb://{path}")
    db.migrate()
    store.upsert_provider(db, "acme", kind="provider", name="Acme IPTV", source="https://acme.example/get.php",
                          timezone="America/New_York")
    bad = [Row("NBA 01: Nets @ Celtics 7:30 PM ET", "NBA EVENTS", "NBA", 1, event=CELTICS_NETS, handler=None,
               confidence=0.98)]
    store.save_match_results(db, "acme", D1, _results("line.acme.example", bad))
    result = run_dbt(["build", "--select", "stg_channel_event_matches"], "local",
                     {"EPGOAT_DUCKDB_PATH": os.fspath(path)}, tmp_path)
    assert result.returncode == 1
    failed = [r["unique_id"] for r in run_results(tmp_path) if r["status"] == "fail"]
    assert failed == [u for u in failed if "not_null_stg_channel_event_matches_handler" in u]
    assert len(failed) == 1


def test_build_on_a_warehouse_without_the_pipeline_tables_stops_with_one_clear_message(tmp_path: Path) -> None:
    empty = tmp_path / "never-run.duckdb"
    result = run_dbt(["build"], "local", {"EPGOAT_DUCKDB_PATH": os.fspath(empty)}, tmp_path)
    assert result.returncode != 0
    assert "has no events, channel_event_matches, daily_stats table(s) in schema 'main'" in result.stdout
    assert "run the pipeline first (make demo)" in result.stdout


# --- Dagster integration -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def dbt_defs() -> Any:
    """The module under epgoat_assets/defs, importable once dbt/target/manifest.json exists."""
    if not (DBT_DIR / "target" / "manifest.json").exists():
        subprocess.run([os.fspath(DBT), "parse", "--quiet", "--profiles-dir", "."], cwd=DBT_DIR, check=True,
                       env={**os.environ, "DO_NOT_TRACK": "1"})
    from epgoat_assets.defs import dbt as module

    return module


def test_staging_models_sit_downstream_of_the_python_assets(dbt_defs: Any) -> None:
    import dagster as dg

    deps = {spec.key.to_user_string(): {d.asset_key.to_user_string() for d in spec.deps}
            for spec in dbt_defs.epgoat_dbt_models.specs}
    assert deps["staging/stg_channel_event_matches"] == {"channel_event_matches"}
    assert deps["staging/stg_events"] == {"sports_events"}
    assert deps["staging/stg_providers"] == {"filtered_channels"}
    upstream = set().union(*deps.values())
    assert {"sports_events", "filtered_channels", "channel_event_matches"} <= upstream
    # The whole chain, as Dagster's asset graph sees it: Python asset -> staging -> mart.
    defs = dg.Definitions(assets=[dbt_defs.epgoat_dbt_models], resources={"dbt": dbt_defs.dbt_resource()})
    graph = defs.resolve_asset_graph()
    mart = graph.get(dg.AssetKey(["marts", "match_rate_daily"]))
    staging = graph.get(dg.AssetKey(["staging", "stg_channel_event_matches"]))
    assert dg.AssetKey(["staging", "stg_channel_event_matches"]) in mart.parent_keys
    assert dg.AssetKey("channel_event_matches") in staging.parent_keys


def test_dbt_assets_are_grouped_as_analytics_and_share_the_warehouse_pool(dbt_defs: Any) -> None:
    assets = dbt_defs.epgoat_dbt_models
    assert {spec.group_name for spec in assets.specs} == {"analytics"}
    assert assets.op.pool == "warehouse"
    assert "marts/unmatched_families" in {spec.key.to_user_string() for spec in assets.specs}


def test_dbt_asset_materializes_the_marts_through_dagster(dbt_defs: Any, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    import dagster as dg

    if dbt_defs.dbt_project.target != "local":
        pytest.skip(f"definitions target {dbt_defs.dbt_project.target!r} (DBT_TARGET); this test builds DuckDB")
    path = tmp_path / "warehouse.duckdb"
    fill_warehouse(Database(f"duckdb://{path}"))
    monkeypatch.setenv("EPGOAT_DUCKDB_PATH", os.fspath(path))
    # dagster-dbt puts each invocation's artifacts under DBT_TARGET_PATH (default dbt/target).
    monkeypatch.setenv("DBT_TARGET_PATH", os.fspath(tmp_path / "dbt-target"))
    result = dg.materialize([dbt_defs.epgoat_dbt_models], resources={"dbt": dbt_defs.dbt_resource()},
                            raise_on_error=False)
    assert result.success
    materialized = {e.asset_key.to_user_string() for e in result.get_asset_materialization_events()}
    assert "marts/event_coverage" in materialized
    checks = result.get_asset_check_evaluations()
    assert checks and all(c.passed for c in checks)
    with duckdb.connect(os.fspath(path), read_only=True) as conn:
        assert conn.execute("select count(*) from marts.event_coverage").fetchone() == (8,)


# --- environment wiring --------------------------------------------------------------------------

def test_dbt_env_points_dbt_at_the_warehouse_under_epgoat_home(dbt_defs: Any, tmp_path: Path) -> None:
    env = dbt_defs.dbt_env({"EPGOAT_HOME": os.fspath(tmp_path)})
    assert env == {"EPGOAT_DUCKDB_PATH": os.fspath(tmp_path.resolve() / "warehouse.duckdb")}


def test_dbt_env_derives_postgres_settings_from_the_database_url(dbt_defs: Any) -> None:
    env = dbt_defs.dbt_env({"EPGOAT_DUCKDB_PATH": "/srv/w.duckdb",
                            "EPGOAT_DATABASE_URL": "postgresql://epgoat:s%40cret@db.example.co:6543/warehouse?sslmode=require"})
    assert env == {"EPGOAT_PG_HOST": "db.example.co", "EPGOAT_PG_PORT": "6543", "EPGOAT_PG_USER": "epgoat",
                   "EPGOAT_PG_PASSWORD": "s@cret", "EPGOAT_PG_DBNAME": "warehouse", "EPGOAT_PG_SSLMODE": "require"}


def test_dbt_env_leaves_explicit_settings_alone(dbt_defs: Any) -> None:
    env = dbt_defs.dbt_env({"EPGOAT_DUCKDB_PATH": "/srv/w.duckdb", "EPGOAT_PG_HOST": "pg.internal",
                            "EPGOAT_DATABASE_URL": "postgresql://epgoat@db.example.co/warehouse"})
    assert env == {}


@pytest.mark.parametrize(("environ", "target"), [
    ({}, "local"),
    ({"DBT_TARGET": "ci_postgres"}, "ci_postgres"),
    ({"EPGOAT_ENV": "production"}, "prod"),
    ({"EPGOAT_DATABASE_URL": "postgresql://postgres@127.0.0.1:5432/epgoat"}, "prod"),
    ({"EPGOAT_ENV": "production", "DBT_TARGET": "local"}, "local"),
])
def test_dbt_target_follows_dbt_target_then_the_warehouse(dbt_defs: Any, environ: dict[str, str], target: str) -> None:
    assert dbt_defs.dbt_target(environ) == target


def test_definitions_load_like_dagster_dev_with_a_plain_path(tmp_path: Path) -> None:
    """`make dev` on a fresh clone: no venv on PATH, DAGSTER_IS_DEV_CLI set, so dbt parse runs on load."""
    assert not any(Path(p, "dbt").exists() for p in ("/usr/bin", "/bin")), "a system dbt would hide the problem"
    env = {"HOME": os.environ.get("HOME", str(tmp_path)), "PATH": "/usr/bin:/bin", "DAGSTER_IS_DEV_CLI": "1",
           "DAGSTER_HOME": str(tmp_path), "EPGOAT_HOME": str(tmp_path / "home"), "DO_NOT_TRACK": "1",
           "PYTHONPATH": str(ROOT)}
    code = ("from epgoat_assets.definitions import defs; d = defs(); "
            "print(sorted(j.name for j in d.resolve_all_job_defs()))")
    res = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr[-3000:]
    assert "guide_job" in res.stdout and "analytics_job" in res.stdout


def test_marts_rebuild_after_any_upstream_materialisation(dbt_defs: Any) -> None:
    conditions = {spec.automation_condition.get_label() for spec in dbt_defs.epgoat_dbt_models.specs}
    assert conditions == {"after any upstream materialisation"}
