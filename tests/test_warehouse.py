"""The warehouse behaves the same on the embedded DuckDB file and on PostgreSQL."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from epgoat_assets.lib.models import ChannelInfo, Event, MatchResult, PlaylistEntry
from epgoat_assets.lib.sports.events import load_events
from epgoat_assets.lib.warehouse import store
from epgoat_assets.lib.warehouse.db import Database, DatabaseError, iter_migrations

REPO = Path(__file__).resolve().parents[1]
SNAPSHOT = REPO / "epgoat_assets" / "data" / "snapshot"
DAY = date(2025, 11, 22)

SEED_TABLES = [
    "sports", "leagues", "participants", "events", "event_participants", "providers", "provider_patterns",
    "vod_filter_patterns", "tvg_id_mappings", "match_cache", "match_overrides", "unmatched_channels",
    "learned_patterns", "team_aliases", "team_resolution_cache", "daily_stats", "audit_log",
]


@pytest.fixture(scope="module")
def day_events() -> list[Event]:
    return load_events(SNAPSHOT / "2025-11-22.json")


def _count(db: Database, sql: str, params: tuple = ()) -> int:
    with db.connect() as conn:
        row = conn.fetchone(sql, params)
    return int(row[0]) if row else 0


def test_migrations_create_every_seed_table_with_record_status(db: Database) -> None:
    for table in SEED_TABLES:
        assert _count(db, f"SELECT COUNT(*) FROM {table} WHERE record_status IN ('active','archived','deleted')") == 0


def test_migrations_are_recorded_and_applied_once(db: Database) -> None:
    assert db.migrate() == []
    versions = [v for v, _, _ in iter_migrations()]
    assert _count(db, "SELECT COUNT(*) FROM schema_migrations") == len(versions)


def test_record_status_rejects_unknown_values(db: Database) -> None:
    with pytest.raises(Exception), db.connect() as conn:  # noqa: B017 - driver-specific constraint error
        conn.execute("INSERT INTO sports (sport_id, name, record_status) VALUES ('x', 'X', 'dropped')")
    assert _count(db, "SELECT COUNT(*) FROM sports") == 0


def test_upserting_a_day_twice_stores_each_event_once(db: Database, day_events: list[Event]) -> None:
    first = store.upsert_events(db, day_events)
    second = store.upsert_events(db, day_events)
    assert first.new == len(day_events) and first.updated == 0
    assert second.new == 0 and second.unchanged == len(day_events)
    assert _count(db, "SELECT COUNT(*) FROM events") == len(day_events)
    # Two sides per team event; the day's fight card (a title event) has none.
    assert _count(db, "SELECT COUNT(*) FROM event_participants") == 2 * sum(
        not e.is_title_event for e in day_events)


def test_a_moved_event_is_updated_in_place_not_duplicated(db: Database, day_events: list[Event]) -> None:
    store.upsert_events(db, day_events)
    ev = day_events[0]
    assert ev.start_utc is not None
    moved = replace(ev, start_utc=ev.start_utc + timedelta(hours=2), status="Postponed")
    counts = store.upsert_events(db, [moved])
    assert (counts.new, counts.updated) == (0, 1)
    start, end = store.day_window(DAY)
    loaded = {e.event_id: e for e in store.load_events(db, start, end)}
    assert loaded[ev.event_id].start_utc == moved.start_utc
    assert loaded[ev.event_id].status == "Postponed"


def test_loaded_events_round_trip_with_utc_times(db: Database, day_events: list[Event]) -> None:
    store.upsert_events(db, day_events)
    start, end = store.day_window(DAY, before=timedelta(0), after=timedelta(days=1))
    loaded = store.load_events(db, start, end)
    assert {e.event_id for e in loaded} == {e.event_id for e in day_events if e.start_utc and start <= e.start_utc < end}
    assert all(e.start_utc is not None and e.start_utc.tzinfo is not None for e in loaded)
    nba = next(e for e in loaded if e.league == "NBA")
    assert nba.sport == "Basketball" and nba.home and nba.away


def test_events_of_a_window_inside_a_loaded_one_are_the_rows_a_query_returns(db: Database) -> None:
    # channel_event_matches loads the guide's ten days around its date once and takes the matcher's
    # days from them: same rows, same order as their own query.
    days = [DAY + timedelta(days=d) for d in (-1, 0, 1)]
    store.upsert_events(db, load_events(SNAPSHOT, days=days))
    wide = (datetime(2025, 11, 12, tzinfo=UTC), datetime(2025, 12, 3, tzinfo=UTC))
    loaded = store.load_events(db, *wide)
    start, end = store.day_window(DAY)
    inner = store.events_between(db, loaded, wide, start, end)
    assert inner == store.load_events(db, start, end)
    assert 0 < len(inner) <= len(loaded)


def test_events_of_a_window_reaching_outside_the_loaded_one_are_queried(db: Database) -> None:
    store.upsert_events(db, load_events(SNAPSHOT, days=[DAY - timedelta(days=1), DAY]))
    narrow = store.day_window(DAY, before=timedelta(0), after=timedelta(days=1))
    loaded = store.load_events(db, *narrow)
    start, end = store.day_window(DAY)  # starts a day before the loaded window
    assert store.events_between(db, loaded, narrow, start, end) == store.load_events(db, start, end)
    assert len(store.load_events(db, start, end)) > len(loaded)


def _result(i: int, name: str, status: str, event: Event | None = None) -> MatchResult:
    entry = PlaylistEntry(index=i, line_no=2 * i + 2, name=name, url=f"http://p.example/live/u/p/{100 + i}.ts",
                          attrs={"group-title": "NBA"})
    ch = ChannelInfo(entry=entry, family="NBA", slot=i + 1)
    return MatchResult(ch, status, event=event, handler="local_events" if event else None,
                       confidence=0.95 if event else 0.0, reason="" if event else "no_candidate_in_window")


def test_rerunning_a_partition_updates_rows_without_duplicates(db: Database, day_events: list[Event]) -> None:
    ev = day_events[0]
    results = [_result(0, "NBA 01: Pacers vs Cavaliers", "matched", ev), _result(1, "NBA 02: Foo vs Bar", "unmatched")]
    store.save_match_results(db, "prov-demo", DAY, results)
    store.save_match_results(db, "prov-demo", DAY, results)
    assert _count(db, "SELECT COUNT(*) FROM channel_event_matches") == 2
    assert _count(db, "SELECT COUNT(*) FROM unmatched_channels WHERE record_status = 'active'") == 1


def test_entries_gone_from_a_rerun_are_archived_not_deleted(db: Database, day_events: list[Event]) -> None:
    results = [_result(0, "NBA 01: A vs B", "unmatched"), _result(1, "NBA 02: C vs D", "unmatched")]
    store.save_match_results(db, "prov-demo", DAY, results)
    store.save_match_results(db, "prov-demo", DAY, results[:1])
    assert _count(db, "SELECT COUNT(*) FROM channel_event_matches") == 2
    assert _count(db, "SELECT COUNT(*) FROM channel_event_matches WHERE record_status = 'archived'") == 1


def test_cleared_override_is_soft_deleted_and_stops_applying(db: Database) -> None:
    store.set_override(db, "prov-demo", "NBA 01: A vs B", DAY, "123", "checked by hand")
    store.set_override(db, "prov-demo", "NBA 02: Studio", DAY, None)
    assert store.overrides_for(db, "prov-demo", DAY) == {"NBA 01: A vs B": "123", "NBA 02: Studio": None}
    assert store.clear_override(db, "prov-demo", "NBA 01: A vs B", DAY)
    assert store.overrides_for(db, "prov-demo", DAY) == {"NBA 02: Studio": None}
    assert _count(db, "SELECT COUNT(*) FROM match_overrides WHERE record_status = 'deleted'") == 1


def test_cross_provider_cache_skips_fixtures_providers_disagree_on(db: Database) -> None:
    store.save_cross_provider_cache(db, "prov-a", DAY, [("celtics | magic", "1", 0.95), ("jets | mets", "2", 0.9)])
    store.save_cross_provider_cache(db, "prov-b", DAY, [("jets | mets", "3", 0.9)])
    seen_by_c = store.load_cross_provider_cache(db, "prov-c", DAY)
    assert seen_by_c == {"celtics | magic": ("1", 0.95)}
    assert "celtics | magic" not in store.load_cross_provider_cache(db, "prov-a", DAY)


def test_archived_byo_playlist_keeps_its_row(db: Database) -> None:
    store.upsert_provider(db, "user-alice", kind="byo", name="alice", source="https://example.com/a.m3u",
                          timezone="Europe/London")
    assert store.archive_provider(db, "user-alice")
    assert store.list_providers(db, kind="byo") == []
    rows = store.list_providers(db, kind="byo", include_archived=True)
    assert [(r["playlist_key"], r["record_status"]) for r in rows] == [("user-alice", "archived")]


def test_audit_log_keeps_structured_detail(db: Database) -> None:
    store.audit(db, "cli", "override.set", "prov-demo", {"name": "NBA 01", "date": DAY})
    with db.connect() as conn:
        rows = conn.fetchdicts("SELECT actor, action, subject, detail FROM audit_log")
    assert rows[0]["actor"] == "cli" and '"date": "2025-11-22"' in rows[0]["detail"]


def test_daily_stats_are_upserted_per_metric(db: Database) -> None:
    store.save_daily_stats(db, DAY, "prov-demo", {"match_rate": 0.5})
    store.save_daily_stats(db, DAY, "prov-demo", {"match_rate": 0.75, "matched": 3})
    assert store.match_rate_history(db, "prov-demo") == [(DAY, 0.75)]


def test_unreachable_postgres_is_a_one_line_error_without_the_password() -> None:
    db = Database("postgresql://epgoat:s3cret-pw@127.0.0.1:1/nowhere")
    with pytest.raises(DatabaseError) as info:
        db.migrate()
    message = str(info.value)
    assert "s3cret-pw" not in message and "\n" not in message
    assert "***" in message


def test_unknown_database_url_scheme_is_refused() -> None:
    with pytest.raises(DatabaseError, match="unsupported database URL"):
        Database("mysql://root@localhost/x")


def test_event_times_are_stored_as_instants(db: Database) -> None:
    ev = Event(event_id="9", sport="Soccer", league="English Premier League", home="Arsenal", away="Chelsea",
               start_utc=datetime(2025, 11, 22, 23, 30, tzinfo=UTC))
    store.upsert_events(db, [ev])
    loaded = store.load_events(db, datetime(2025, 11, 22, tzinfo=UTC), datetime(2025, 11, 23, tzinfo=UTC))
    assert loaded[0].start_utc == ev.start_utc


def test_operator_vod_rules_apply_on_top_of_the_configured_ones(db: Database) -> None:
    from epgoat_assets.lib import pipeline
    from epgoat_assets.lib.playlists.providers import ProviderConfig

    store.add_vod_rule(db, "adult-group", "group", r"^xxx", playlist_key="prov-demo", strength="hard", flags="i")
    store.add_vod_rule(db, "other-provider-only", "name", "Sports", playlist_key="prov-other")
    records = store.vod_rule_records(db, "prov-demo")
    assert [r["name"] for r in records] == ["db:adult-group"]
    m3u = (
        '#EXTM3U\n#EXTINF:-1 group-title="XXX Night",Late Show\nhttp://p.example/live/u/p/1.ts\n'
        '#EXTINF:-1 group-title="Sports",NBA 01: Celtics vs Magic 7:00 PM ET\nhttp://p.example/live/u/p/2.ts\n'
    )
    provider = ProviderConfig(key="demo", name="Demo", playlist="-")
    run = pipeline.classify_playlist(m3u.encode(), provider, extra_vod_rules=records)
    assert [c.filtered_by for c in run.classified.channels] == ["db:adult-group", None]


def test_a_discovered_family_learns_its_league_from_its_matches(db: Database) -> None:
    store.save_provider_patterns(db, "prov-demo", [
        {"name": "Hockey Night", "group": "Sports", "pattern": r"^Hockey Night \d+", "league_hint": None,
         "evidence": {"count": 6, "slots": [1, 2, 3], "examples": ["Hockey Night 01: Bruins vs Sharks"]}},
        {"name": "Sports Mix", "group": "Sports", "pattern": r"^Sports Mix \d+", "league_hint": None,
         "evidence": {"count": 9, "slots": [1, 2], "examples": ["Sports Mix 01: Celtics vs Magic"]}},
    ])
    learned = store.learn_family_leagues(db, "prov-demo", {"Hockey Night": {"NHL": 4},
                                                           "Sports Mix": {"NBA": 3, "English Premier League": 2}})
    assert learned == ["Hockey Night"]
    hints = {r["family"]: r["league_hint"] for r in store.list_provider_patterns(db, "prov-demo")}
    assert hints == {"Hockey Night": "NHL", "Sports Mix": None}


def test_reviewed_families_are_recognised_again_with_their_evidence(db: Database) -> None:
    store.save_provider_patterns(db, "prov-demo", [
        {"name": "Hockey Night", "group": "Sports", "pattern": r"^Hockey Night \d+", "league_hint": "NHL",
         "evidence": {"count": 6, "slots": [1, 2, 3], "examples": ["Hockey Night 01: Bruins vs Sharks"]}},
    ])
    assert store.approved_families(db, "prov-demo") == []
    assert store.review_family(db, "prov-demo", "Hockey Night", "approved")
    [fam] = store.approved_families(db, "prov-demo")
    assert fam["name"] == "Hockey Night" and fam["slots"] == (1, 2, 3) and fam["league_hint"] == "NHL"
    assert not store.review_family(db, "prov-demo", "Nope", "approved")


def test_postgres_connections_prepare_nothing_so_a_transaction_pooler_works(db: Database,
                                                                            day_events: list[Event]) -> None:
    # Supabase's transaction pooler (port 6543) may run each transaction on another backend, where
    # a statement psycopg prepared (after 5 runs by default) does not exist.
    if db.dialect != "postgres":
        pytest.skip("prepared statements are a PostgreSQL matter")
    with db.connect() as conn:
        for _ in range(12):
            conn.fetchall("SELECT COUNT(*) FROM events WHERE event_date = ?", (date(2025, 11, 22),))
        assert conn.fetchone("SELECT COUNT(*) FROM pg_prepared_statements")[0] == 0
    store.upsert_events(db, day_events)
    store.upsert_events(db, day_events)


# --- sessions: one connection for a step's units of work --------------------------------------------

def _temp_table_visible(db: Database) -> bool:
    # A temporary table lives as long as its connection, on both engines.
    with db.connect() as conn:
        return bool(conn.fetchall("SELECT 1 FROM information_schema.tables WHERE table_name = 'session_probe'"))


def test_units_of_a_session_share_one_connection_and_outside_each_has_its_own(db: Database) -> None:
    with db.session() as s:
        with s.connect() as conn:
            conn.execute("CREATE TEMP TABLE session_probe (x INTEGER)")
        assert _temp_table_visible(s)
    assert not _temp_table_visible(db)
    with db.connect() as conn:
        conn.execute("CREATE TEMP TABLE session_probe (x INTEGER)")
    assert not _temp_table_visible(db)


def test_a_failed_unit_in_a_session_rolls_back_only_itself_and_the_next_one_works(db: Database) -> None:
    with db.session() as s:
        store.audit(s, "test", "first")
        with pytest.raises(RuntimeError), s.connect() as conn:
            conn.execute("INSERT INTO audit_log (audit_id, occurred_at, actor, action) VALUES ('x', ?, 'test', 'lost')",
                         (datetime.now(UTC),))
            raise RuntimeError("the step failed mid-write")
        store.audit(s, "test", "after")
        # A unit opened inside another one runs on a connection of its own, as outside a session.
        with s.connect() as outer:
            store.audit(s, "test", "nested")
            outer.execute("INSERT INTO audit_log (audit_id, occurred_at, actor, action) VALUES ('y', ?, 'test', 'outer')",
                          (datetime.now(UTC),))
    with db.connect() as conn:
        actions = sorted(r[0] for r in conn.fetchall("SELECT action FROM audit_log"))
    assert actions == ["after", "first", "nested", "outer"]


def test_a_duckdb_session_releases_the_file_when_it_ends(duckdb_url: str) -> None:
    import subprocess
    import sys

    db = Database(duckdb_url)
    db.migrate()
    probe = [sys.executable, "-c", "import duckdb, sys; duckdb.connect(sys.argv[1]).close()", str(db.path)]
    with db.session() as s:
        store.audit(s, "test", "held")
        # The session's connection holds DuckDB's single-writer lock: another process cannot open the file.
        held = subprocess.run(probe, capture_output=True, text=True, check=False)
    assert held.returncode != 0 and "lock" in held.stderr.lower()
    assert subprocess.run(probe, capture_output=True, text=True, check=False).returncode == 0
