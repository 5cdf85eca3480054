"""Bulk writes (DataFrames scanned by DuckDB, COPY into PostgreSQL) and DataFrame reads, on both engines."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pandas as pd
import pytest

from epgoat_assets.lib.models import ChannelInfo, Event, MatchResult, PlaylistEntry
from epgoat_assets.lib.sports.events import load_events
from epgoat_assets.lib.warehouse import store
from epgoat_assets.lib.warehouse.db import Database
from epgoat_resources.warehouse import DuckDBWarehouse, PostgresWarehouse

REPO = Path(__file__).resolve().parents[1]
SNAPSHOT = REPO / "epgoat_assets" / "data" / "snapshot"
DAY = date(2025, 11, 22)
NOW = datetime(2025, 11, 22, 9, 30, tzinfo=UTC)
CACHE_COLUMNS = ["playlist_key", "channel_name", "match_date", "event_id", "handler", "confidence",
                 "created_at", "updated_at"]


@pytest.fixture(scope="module")
def day_events() -> list[Event]:
    return load_events(SNAPSHOT, days=[DAY])


def _cache_frame(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame.from_records(rows, columns=CACHE_COLUMNS)


def _cache(db: Database) -> dict[str, tuple]:
    with db.connect() as conn:
        rows = conn.fetchall("SELECT channel_name, event_id, handler, confidence, record_status FROM match_cache")
    return {r[0]: tuple(r[1:]) for r in rows}


def _results(n: int, events: list[Event]) -> list[MatchResult]:
    """A partition shaped like a provider's: mostly filtered VOD, some matched and unmatched event channels."""
    out = []
    for i in range(n):
        entry = PlaylistEntry(index=i, line_no=2 * i + 2, name=f"NBA {i:02d}: Pacers vs Cavaliers",
                              url=f"http://p.example/live/u/p/{100 + i}.ts", attrs={"group-title": "NBA"})
        if i % 10:
            ch = ChannelInfo(entry=entry, filtered_by="vod_url")
            out.append(MatchResult(ch, "filtered", reason="filtered:vod_url"))
        elif i % 20 == 0:
            ev = events[i % len(events)]
            out.append(MatchResult(ChannelInfo(entry=entry, family="NBA", slot=i), "matched", event=ev,
                                   handler="local_events", confidence=0.93))
        else:
            out.append(MatchResult(ChannelInfo(entry=entry, family="NBA", slot=None), "unmatched",
                                   reason="no_candidate_in_window"))
    return out


def test_a_frame_upsert_inserts_new_rows_and_updates_existing_ones(db: Database) -> None:
    db.write_frame("match_cache", _cache_frame([("prov-a", "NBA 01", DAY, "e1", "local_events", 0.9, NOW, NOW)]),
                   ["playlist_key", "channel_name", "match_date"])
    db.write_frame("match_cache", _cache_frame([
        ("prov-a", "NBA 01", DAY, "e2", "cross_provider", 0.8, NOW, NOW),
        ("prov-a", "NBA 02", DAY, None, "llm", 0.0, NOW, NOW),
    ]), ["playlist_key", "channel_name", "match_date"])
    assert _cache(db) == {"NBA 01": ("e2", "cross_provider", 0.8, "active"),
                          "NBA 02": (None, "llm", 0.0, "active")}


def test_an_updated_row_becomes_active_again(db: Database) -> None:
    key = ["playlist_key", "channel_name", "match_date"]
    db.write_frame("match_cache", _cache_frame([("prov-a", "NBA 01", DAY, "e1", "local_events", 0.9, NOW, NOW)]), key)
    with db.connect() as conn:
        conn.execute("UPDATE match_cache SET record_status = 'archived'")
    db.write_frame("match_cache", _cache_frame([("prov-a", "NBA 01", DAY, "e1", "local_events", 0.9, NOW, NOW)]), key)
    assert _cache(db)["NBA 01"][-1] == "active"


def test_duplicate_keys_in_one_frame_keep_the_last_row_like_row_by_row_upserts(db: Database) -> None:
    given = db.write_frame("match_cache", _cache_frame([
        ("prov-a", "NBA 01", DAY, "e1", "local_events", 0.9, NOW, NOW),
        ("prov-a", "NBA 01", DAY, "e3", "api_lookup", 0.7, NOW, NOW),
    ]), ["playlist_key", "channel_name", "match_date"])
    assert given == 2
    assert _cache(db) == {"NBA 01": ("e3", "api_lookup", 0.7, "active")}


def test_an_empty_update_list_keeps_existing_rows_untouched(db: Database) -> None:
    key = ["playlist_key", "channel_name", "match_date"]
    db.write_frame("match_cache", _cache_frame([("prov-a", "NBA 01", DAY, "e1", "local_events", 0.9, NOW, NOW)]), key)
    db.write_frame("match_cache", _cache_frame([("prov-a", "NBA 01", DAY, "e9", "llm", 0.1, NOW, NOW)]), key, [])
    assert _cache(db) == {"NBA 01": ("e1", "local_events", 0.9, "active")}


def test_a_failing_statement_rolls_back_the_bulk_write_of_the_same_transaction(db: Database) -> None:
    frame = _cache_frame([("prov-a", "NBA 01", DAY, "e1", "local_events", 0.9, NOW, NOW)])
    with pytest.raises(Exception, match="no_such_table|does not exist"), db.connect() as conn:
        conn.upsert_frame("match_cache", frame, ["playlist_key", "channel_name", "match_date"])
        conn.execute("SELECT * FROM no_such_table")
    assert _cache(db) == {}


def test_a_column_name_that_is_not_an_identifier_is_refused(db: Database) -> None:
    frame = pd.DataFrame({"playlist_key": ["prov-a"], "channel_name; DROP TABLE events": ["x"]})
    with pytest.raises(ValueError, match="not a plain SQL identifier"):
        db.write_frame("match_cache", frame, ["playlist_key"])


def test_a_partition_of_thousands_of_decisions_is_stored_with_its_gaps_as_nulls(
        db: Database, day_events: list[Event]) -> None:
    results = _results(5000, day_events)
    counts = store.save_match_results(db, "prov-bulk", DAY, results)
    assert counts == {"rows": 5000, "unmatched": 250}
    with db.connect() as conn:
        by_status = dict(conn.fetchall("SELECT status, COUNT(*) FROM channel_event_matches GROUP BY status"))
        matched = conn.fetchone("SELECT slot, event_id, confidence, filtered_by FROM channel_event_matches"
                                " WHERE entry_index = 20")
        unmatched = conn.fetchone("SELECT slot, event_id, confidence FROM channel_event_matches WHERE entry_index = 10")
    assert by_status == {"filtered": 4500, "matched": 250, "unmatched": 250}
    assert matched == (20, day_events[20 % len(day_events)].event_id, pytest.approx(0.93), None)
    assert unmatched == (None, None, pytest.approx(0.0))


def test_rerunning_a_shorter_partition_in_bulk_archives_the_tail(db: Database, day_events: list[Event]) -> None:
    results = _results(400, day_events)
    store.save_match_results(db, "prov-bulk", DAY, results)
    store.save_match_results(db, "prov-bulk", DAY, results[:300])
    with db.connect() as conn:
        rows = dict(conn.fetchall("SELECT record_status, COUNT(*) FROM channel_event_matches GROUP BY record_status"))
    assert rows == {"active": 300, "archived": 100}


def test_read_frame_gives_the_same_rows_on_both_engines(db: Database, day_events: list[Event]) -> None:
    store.upsert_events(db, day_events)
    frame = db.read_frame("SELECT event_id, home_team, away_team, event_date FROM events"
                          " WHERE league_name = ? ORDER BY event_id", ("NBA",))
    expected = sorted(store.internal_event_id(e) for e in day_events if e.league == "NBA")
    assert list(frame.columns) == ["event_id", "home_team", "away_team", "event_date"]
    assert frame["event_id"].tolist() == expected
    assert {str(pd.Timestamp(d).date()) for d in frame["event_date"]} == {"2025-11-22"}


def test_the_warehouse_resource_reads_and_writes_frames(warehouse_url: str) -> None:
    resource = (DuckDBWarehouse(path=warehouse_url.removeprefix("duckdb://")) if warehouse_url.startswith("duckdb")
                else PostgresWarehouse(database_url=warehouse_url))
    written = resource.write_frame("daily_stats", pd.DataFrame({
        "stat_date": [DAY, DAY], "playlist_key": ["prov-a", "prov-b"], "metric": ["match_rate", "match_rate"],
        "value": [0.91, 0.77], "created_at": [NOW, NOW], "updated_at": [NOW, NOW],
    }), ["stat_date", "playlist_key", "metric"])
    frame = resource.read_frame("SELECT playlist_key, value FROM daily_stats WHERE value > ? ORDER BY playlist_key",
                                (0.8,))
    assert written == 2
    assert frame.to_dict("records") == [{"playlist_key": "prov-a", "value": 0.91}]
