"""Reads and writes of epgoat's tables. Pure SQL over `Database`; no Dagster.

Writes are upserts keyed on natural keys, so re-running a partition updates rows in place; rows that
disappear are archived through `record_status`, never deleted.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from epgoat_assets.lib.models import Event, EventPart, MatchResult
from epgoat_assets.lib.text import slug
from epgoat_assets.lib.warehouse.db import Connection, Database, frame, utcnow

# Column lists of the bulk writers, in the order their rows are built.
_EVENT_COLUMNS = (
    "event_id", "source_event_id", "tsdb_event_id", "espn_event_id", "source", "sport_id", "league_id", "league_name",
    "title", "home_team", "away_team", "start_utc", "event_date", "venue", "status", "season", "thumb", "parts",
    "participants", "content_hash", "created_at", "updated_at",
)
# A stored event keeps where it came from; everything else follows the source.
_EVENT_KEEPS = {"event_id", "source_event_id", "tsdb_event_id", "espn_event_id", "source", "created_at"}
_MATCH_COLUMNS = (
    "match_date", "playlist_key", "entry_index", "stream_url", "channel_id", "channel_name", "group_title", "family",
    "slot", "status", "filtered_by", "event_id", "league_name", "handler", "confidence", "reason", "guide_source",
    "created_at", "updated_at",
)
_UNMATCHED_COLUMNS = (
    "match_date", "playlist_key", "stream_url", "channel_name", "family", "reason", "candidates", "created_at",
    "updated_at",
)

_slug = slug


def internal_event_id(event: Event) -> str:
    """A stable internal id: the same source event always gets the same id.

    The fixture (league and sides) is part of it because snapshot ids are not unique across days;
    the start time is not, so a moved event keeps its id and is updated in place.
    """
    prefix = "espn" if event.source == "espn" else "tsdb"
    fixture = hashlib.sha1(f"{event.league}|{event.home}|{event.away}".encode()).hexdigest()[:8]
    return f"{prefix}-{event.event_id}-{fixture}"


def _event_hash(event: Event) -> str:
    payload: list[Any] = [
        event.sport, event.league, event.league_id, event.home, event.away,
        event.start_utc.isoformat() if event.start_utc else None,
        event.title, event.venue, event.status, event.season, event.thumb,
    ]
    # Only title events add these, so team events stored before parts existed keep their hash.
    if event.parts or event.participants:
        payload += [_parts_json(event), _participants_json(event)]
    return hashlib.sha256(json.dumps(payload).encode()).hexdigest()[:16]


def _parts_json(event: Event) -> str | None:
    if not event.parts:
        return None
    return json.dumps([{"name": p.name, "start_utc": p.start_utc.isoformat() if p.start_utc else None}
                       for p in event.parts])


def _participants_json(event: Event) -> str | None:
    return json.dumps(list(event.participants)) if event.participants else None


def _parts_from_json(text: str | None) -> tuple[EventPart, ...]:
    if not text:
        return ()
    return tuple(EventPart(p["name"], datetime.fromisoformat(p["start_utc"]).astimezone(UTC)
                           if p.get("start_utc") else None) for p in json.loads(text))


@dataclass(frozen=True)
class UpsertCounts:
    new: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def stored(self) -> int:
        return self.new + self.updated + self.unchanged


def upsert_events(db: Database, events: Sequence[Event]) -> UpsertCounts:
    """Store events; a moved or cancelled event is updated in place, never deleted."""
    new = updated = unchanged = 0
    now = utcnow()
    seen: set[str] = set()
    with db.connect() as conn:
        existing = {}
        ids = [internal_event_id(e) for e in events]
        for chunk_start in range(0, len(ids), 500):
            chunk = ids[chunk_start:chunk_start + 500]
            marks = ",".join("?" * len(chunk))
            for eid, h in conn.fetchall(f"SELECT event_id, content_hash FROM events WHERE event_id IN ({marks})", chunk):
                existing[eid] = h
        rows = []
        participants = []
        for ev, eid in zip(events, ids, strict=True):
            if eid in seen:
                continue
            seen.add(eid)
            h = _event_hash(ev)
            if eid not in existing:
                new += 1
            elif existing[eid] != h:
                updated += 1
            else:
                unchanged += 1
                continue
            start = ev.start_utc
            rows.append((
                eid, ev.event_id, ev.event_id if ev.source != "espn" else None, ev.espn_id, ev.source,
                _slug(ev.sport), ev.league_id or _slug(ev.league), ev.league, ev.display_title, ev.home, ev.away,
                start, start.date() if start else None, ev.venue, ev.status, ev.season, ev.thumb,
                _parts_json(ev), _participants_json(ev), h, now, now,
            ))
            for side, team in (("home", ev.home), ("away", ev.away)):
                if not team:  # a title event has no sides
                    continue
                participants.append((eid, side, f"{_slug(ev.league)}:{_slug(team)}", team, ev.league_id or _slug(ev.league), _slug(ev.sport)))
        conn.upsert_frame("events", frame(rows, _EVENT_COLUMNS), ["event_id"],
                          [c for c in _EVENT_COLUMNS if c not in _EVENT_KEEPS])
        # dict.fromkeys: first-seen order, so which duplicate wins does not depend on set hashing.
        conn.upsert_frame("participants", frame(dict.fromkeys((p[2], p[3], p[4], p[5]) for p in participants),
                                                ("participant_id", "name", "league_id", "sport_id")),
                          ["participant_id"], [])
        conn.upsert_frame("event_participants", frame([(p[0], p[1], p[2]) for p in participants],
                                                      ("event_id", "side", "participant_id")),
                          ["event_id", "side"], ["participant_id"], reactivate=False)
        leagues = dict.fromkeys((ev.league_id or _slug(ev.league), ev.league, _slug(ev.sport), ev.league_id)
                                for ev in events)
        conn.upsert_frame("leagues", frame(leagues, ("league_id", "name", "sport_id", "tsdb_league_id")),
                          ["league_id"], [])
        conn.upsert_frame("sports", frame(dict.fromkeys((_slug(ev.sport), ev.sport) for ev in events),
                                          ("sport_id", "name")), ["sport_id"], [])
    return UpsertCounts(new, updated, unchanged)


def load_events(db: Database, start: datetime, end: datetime) -> list[Event]:
    """Active events starting in [start, end)."""
    with db.connect() as conn:
        rows = conn.fetchdicts(
            "SELECT e.*, s.name AS sport_name FROM events e LEFT JOIN sports s ON s.sport_id = e.sport_id"
            " WHERE e.record_status = 'active' AND e.start_utc >= ? AND e.start_utc < ? ORDER BY e.start_utc, e.event_id",
            (start, end),
        )
    return [_row_to_event(r) for r in rows]


def events_between(db: Database, loaded: list[Event], loaded_window: tuple[datetime, datetime], start: datetime,
                   end: datetime) -> list[Event]:
    """`load_events(db, start, end)`, taken from events already loaded for a window around it.

    A guide loads the days around its date and the matcher the days next to it: one query serves
    both, with the same rows in the same order. A window reaching outside is queried as usual.
    """
    lo, hi = loaded_window
    if not (lo <= start and end <= hi):
        return load_events(db, start, end)
    return [e for e in loaded if e.start_utc is not None and start <= e.start_utc < end]


def _row_to_event(r: Mapping[str, Any]) -> Event:
    start = r["start_utc"]
    if start is not None and start.tzinfo is None:
        start = start.replace(tzinfo=UTC)
    return Event(
        event_id=r["source_event_id"], sport=r.get("sport_name") or r["sport_id"] or "", league=r["league_name"] or "",
        home=r["home_team"] or "", away=r["away_team"] or "", start_utc=start.astimezone(UTC) if start else None,
        league_id=r["league_id"], title=r["title"] or "", venue=r["venue"], status=r["status"], season=r["season"],
        source=r["source"], espn_id=r["espn_event_id"], thumb=r["thumb"],
        parts=_parts_from_json(r.get("parts")),
        participants=tuple(json.loads(r["participants"])) if r.get("participants") else (),
    )


def count_events_by_day(db: Database, day: date) -> int:
    with db.connect() as conn:
        row = conn.fetchone("SELECT COUNT(*) FROM events WHERE record_status = 'active' AND event_date = ?", (day,))
    return int(row[0]) if row else 0


def save_match_results(
    db: Database,
    playlist_key: str,
    match_date: date,
    results: Sequence[MatchResult],
    channel_ids: Mapping[str, str] | None = None,
    guide_sources: Mapping[int, str] | None = None,
) -> dict[str, int]:
    """Store every decision of one partition; stale rows from a longer earlier run are archived.

    `guide_sources`: entry index -> what the guide shows for an event channel (event | name | filler).
    """
    now = utcnow()
    channel_ids = channel_ids or {}
    guide_sources = guide_sources or {}
    rows = []
    unmatched = []
    for i, r in enumerate(results):
        ch = r.channel
        e = r.entry
        rows.append((
            match_date, playlist_key, i, e.url, channel_ids.get(e.url), e.name, e.group, ch.family, ch.slot,
            r.status, ch.filtered_by, r.event.event_id if r.event else None, r.event.league if r.event else None,
            r.handler, r.confidence, r.reason or None, guide_sources.get(e.index), now, now,
        ))
        if r.status == "unmatched" and ch.is_event_channel:
            cands = json.dumps([{"event_id": c.event_id, "score": round(c.score, 3), "why": c.why} for c in r.candidates[:5]])
            unmatched.append((match_date, playlist_key, e.url, e.name, ch.family, r.reason or "unknown", cands, now, now))
    with db.connect() as conn:
        conn.upsert_frame("channel_event_matches", frame(rows, _MATCH_COLUMNS),
                          ["match_date", "playlist_key", "entry_index"])
        conn.execute(
            "UPDATE channel_event_matches SET record_status = 'archived', updated_at = ?"
            " WHERE match_date = ? AND playlist_key = ? AND entry_index >= ? AND record_status = 'active'",
            (now, match_date, playlist_key, len(results)),
        )
        conn.execute(
            "UPDATE unmatched_channels SET record_status = 'archived', updated_at = ?"
            " WHERE match_date = ? AND playlist_key = ? AND record_status = 'active'",
            (now, match_date, playlist_key),
        )
        conn.upsert_frame("unmatched_channels", frame(unmatched, _UNMATCHED_COLUMNS),
                          ["match_date", "playlist_key", "stream_url"])
    return {"rows": len(rows), "unmatched": len(unmatched)}


def save_daily_stats(db: Database, stat_date: date, playlist_key: str, metrics: Mapping[str, float]) -> None:
    now = utcnow()
    with db.connect() as conn:
        conn.upsert_frame(
            "daily_stats",
            frame([(stat_date, playlist_key, k, float(v), now, now) for k, v in metrics.items()],
                  ("stat_date", "playlist_key", "metric", "value", "created_at", "updated_at")),
            ["stat_date", "playlist_key", "metric"],
        )


def match_rate_history(db: Database, playlist_key: str, days: int = 30) -> list[tuple[date, float]]:
    with db.connect() as conn:
        rows = conn.fetchall(
            "SELECT stat_date, value FROM daily_stats WHERE playlist_key = ? AND metric = 'match_rate'"
            " AND record_status = 'active' ORDER BY stat_date DESC LIMIT ?",
            (playlist_key, days),
        )
    return [(r[0], float(r[1])) for r in rows]


def audit(db: Database, actor: str, action: str, subject: str | None = None, detail: Mapping[str, Any] | str | None = None) -> str:
    audit_id = uuid.uuid4().hex
    text = detail if isinstance(detail, str) or detail is None else json.dumps(detail, default=str, sort_keys=True)
    with db.connect() as conn:
        conn.execute(
            "INSERT INTO audit_log (audit_id, occurred_at, actor, action, subject, detail) VALUES (?,?,?,?,?,?)",
            (audit_id, utcnow(), actor, action, subject, text),
        )
    return audit_id


def upsert_provider(db: Database, playlist_key: str, *, kind: str, name: str, source: str, timezone: str) -> None:
    now = utcnow()
    with db.connect() as conn:
        conn.execute(
            "INSERT INTO providers (playlist_key, kind, name, playlist_source, timezone, created_at, updated_at)"
            " VALUES (?,?,?,?,?,?,?) ON CONFLICT (playlist_key) DO UPDATE SET kind = excluded.kind,"
            " name = excluded.name, playlist_source = excluded.playlist_source, timezone = excluded.timezone,"
            " updated_at = excluded.updated_at, record_status = 'active'",
            (playlist_key, kind, name, source, timezone, now, now),
        )


def archive_provider(db: Database, playlist_key: str) -> bool:
    with db.connect() as conn:
        found = conn.fetchone("SELECT record_status FROM providers WHERE playlist_key = ?", (playlist_key,))
        if not found:
            return False
        conn.execute(
            "UPDATE providers SET record_status = 'archived', updated_at = ? WHERE playlist_key = ?",
            (utcnow(), playlist_key),
        )
    return True


def list_providers(db: Database, kind: str | None = None, include_archived: bool = False) -> list[dict[str, Any]]:
    sql = "SELECT * FROM providers WHERE 1=1"
    params: list[Any] = []
    if kind:
        sql += " AND kind = ?"
        params.append(kind)
    if not include_archived:
        sql += " AND record_status = 'active'"
    with db.connect() as conn:
        return conn.fetchdicts(sql + " ORDER BY playlist_key", params)


# --- overrides -------------------------------------------------------------------------------

NO_EVENT = "none"


def set_override(db: Database, playlist_key: str, channel_name: str, match_date: date, event_id: str | None, note: str = "") -> None:
    """Record a manual decision: this channel carries `event_id` (or no event when None)."""
    now = utcnow()
    with db.connect() as conn:
        conn.execute(
            "INSERT INTO match_overrides (playlist_key, channel_name, match_date, event_id, note, created_at, updated_at)"
            " VALUES (?,?,?,?,?,?,?) ON CONFLICT (playlist_key, channel_name, match_date) DO UPDATE SET"
            " event_id = excluded.event_id, note = excluded.note, updated_at = excluded.updated_at, record_status = 'active'",
            (playlist_key, channel_name, match_date, event_id or NO_EVENT, note, now, now),
        )


def list_overrides(db: Database, playlist_key: str | None = None, match_date: date | None = None) -> list[dict[str, Any]]:
    sql = "SELECT playlist_key, channel_name, match_date, event_id, note FROM match_overrides WHERE record_status = 'active'"
    params: list[Any] = []
    if playlist_key:
        sql += " AND playlist_key = ?"
        params.append(playlist_key)
    if match_date:
        sql += " AND match_date = ?"
        params.append(match_date)
    with db.connect() as conn:
        return conn.fetchdicts(sql + " ORDER BY playlist_key, match_date, channel_name", params)


def clear_override(db: Database, playlist_key: str, channel_name: str, match_date: date) -> bool:
    with db.connect() as conn:
        row = conn.fetchone(
            "SELECT 1 FROM match_overrides WHERE playlist_key = ? AND channel_name = ? AND match_date = ? AND record_status = 'active'",
            (playlist_key, channel_name, match_date),
        )
        if not row:
            return False
        conn.execute(
            "UPDATE match_overrides SET record_status = 'deleted', updated_at = ?"
            " WHERE playlist_key = ? AND channel_name = ? AND match_date = ?",
            (utcnow(), playlist_key, channel_name, match_date),
        )
    return True


def overrides_for(db: Database, playlist_key: str, match_date: date) -> dict[str, str | None]:
    """channel name -> event id (None = carries no event) for one partition."""
    return {
        r["channel_name"]: (None if r["event_id"] == NO_EVENT else r["event_id"])
        for r in list_overrides(db, playlist_key, match_date)
    }


# --- caches ---------------------------------------------------------------------------------

def load_match_cache(db: Database, playlist_key: str, match_date: date) -> dict[str, tuple[str | None, str, float]]:
    with db.connect() as conn:
        rows = conn.fetchall(
            "SELECT channel_name, event_id, handler, confidence FROM match_cache"
            " WHERE playlist_key = ? AND match_date = ? AND record_status = 'active'",
            (playlist_key, match_date),
        )
    return {r[0]: (r[1], r[2], float(r[3])) for r in rows}


def load_cross_provider_cache(db: Database, playlist_key: str, match_date: date) -> dict[str, tuple[str, float]]:
    """Fixture keys other playlists resolved the same day: key -> (event id, confidence).

    When providers disagree on a fixture, the key is left out: a disputed answer is not reused.
    """
    with db.connect() as conn:
        rows = conn.fetchall(
            "SELECT fixture_key, event_id, MAX(confidence) FROM cross_provider_cache WHERE playlist_key <> ?"
            " AND match_date = ? AND record_status = 'active' GROUP BY fixture_key, event_id",
            (playlist_key, match_date),
        )
    out: dict[str, tuple[str, float]] = {}
    disputed: set[str] = set()
    for key, eid, conf in rows:
        if key in out and out[key][0] != eid:
            disputed.add(key)
        out[key] = (eid, float(conf))
    return {k: v for k, v in out.items() if k not in disputed}


def save_cross_provider_cache(db: Database, playlist_key: str, match_date: date,
                              decisions: Iterable[tuple[str, str, float]]) -> int:
    now = utcnow()
    with db.connect() as conn:
        return conn.upsert_frame(
            "cross_provider_cache",
            frame([(key, match_date, playlist_key, eid, conf, now, now) for key, eid, conf in decisions],
                  ("fixture_key", "match_date", "playlist_key", "event_id", "confidence", "created_at", "updated_at")),
            ["fixture_key", "match_date", "playlist_key"],
        )


def save_match_cache(db: Database, playlist_key: str, match_date: date, decisions: Iterable[tuple[str, str | None, str, float]]) -> int:
    now = utcnow()
    with db.connect() as conn:
        return conn.upsert_frame(
            "match_cache",
            frame([(playlist_key, name, match_date, eid, handler, conf, now, now) for name, eid, handler, conf in decisions],
                  ("playlist_key", "channel_name", "match_date", "event_id", "handler", "confidence", "created_at",
                   "updated_at")),
            ["playlist_key", "channel_name", "match_date"],
        )


def save_provider_patterns(db: Database, playlist_key: str, families: Iterable[Mapping[str, Any]]) -> int:
    """Discovered families (`DiscoveredFamily.as_record()`), pending review; a reviewed row keeps its verdict."""
    now = utcnow()
    with db.connect() as conn:
        # A reviewed family keeps its verdict, its learned league and its record status.
        return conn.upsert_frame(
            "provider_patterns",
            frame([
                (playlist_key, f["name"], f["pattern"], f.get("group"), f.get("league_hint"),
                 int(f.get("evidence", {}).get("count", 0)), json.dumps(f.get("evidence", {}), sort_keys=True),
                 "discovered", now, now)
                for f in families
            ], ("playlist_key", "family", "pattern", "group_title", "league_hint", "member_count", "examples", "origin",
                "created_at", "updated_at")),
            ["playlist_key", "family"], ["pattern", "group_title", "member_count", "examples", "updated_at"],
            reactivate=False,
        )


def learn_family_leagues(db: Database, playlist_key: str, evidence: Mapping[str, Mapping[str, int]],
                         min_matches: int = 3) -> list[str]:
    """Give discovered families without a league the one league their matches all belong to.

    `evidence`: family -> {league: matched channels}. A family whose matches span leagues (a
    multi-sport family such as ESPN+) gets nothing. Returns the families updated.
    """
    updated = []
    now = utcnow()
    with db.connect() as conn:
        for family, leagues in evidence.items():
            if len(leagues) != 1:
                continue
            (league, n), = leagues.items()
            if n < min_matches:
                continue
            row = conn.fetchone(
                "SELECT league_hint FROM provider_patterns WHERE playlist_key = ? AND family = ? AND record_status = 'active'",
                (playlist_key, family),
            )
            if row is None or row[0]:
                continue
            conn.execute(
                "UPDATE provider_patterns SET league_hint = ?, updated_at = ? WHERE playlist_key = ? AND family = ?",
                (league, now, playlist_key, family),
            )
            updated.append(family)
    return updated


def list_provider_patterns(db: Database, playlist_key: str | None = None) -> list[dict[str, Any]]:
    sql = ("SELECT playlist_key, family, pattern, group_title, league_hint, member_count, review_status"
           " FROM provider_patterns WHERE record_status = 'active'")
    params: list[Any] = []
    if playlist_key:
        sql += " AND playlist_key = ?"
        params.append(playlist_key)
    with db.connect() as conn:
        return conn.fetchdicts(sql + " ORDER BY playlist_key, member_count DESC, family", params)


def review_family(db: Database, playlist_key: str, family: str, verdict: str) -> bool:
    if verdict not in ("approved", "rejected", "pending"):
        raise ValueError(f"review verdict must be approved, rejected or pending, not {verdict!r}")
    with db.connect() as conn:
        if not conn.fetchone("SELECT 1 FROM provider_patterns WHERE playlist_key = ? AND family = ?"
                             " AND record_status = 'active'", (playlist_key, family)):
            return False
        conn.execute("UPDATE provider_patterns SET review_status = ?, updated_at = ? WHERE playlist_key = ? AND family = ?",
                     (verdict, utcnow(), playlist_key, family))
    return True


def approved_families(db: Database, playlist_key: str) -> list[dict[str, Any]]:
    """Reviewed (approved) families of a playlist, as `DiscoveredFamily` keyword arguments."""
    with db.connect() as conn:
        rows = conn.fetchdicts(
            "SELECT family, pattern, group_title, league_hint, examples FROM provider_patterns"
            " WHERE playlist_key = ? AND review_status = 'approved' AND record_status = 'active' ORDER BY family",
            (playlist_key,),
        )
    out = []
    for r in rows:
        ev = json.loads(r["examples"] or "{}")
        out.append({"name": r["family"], "group": r["group_title"] or "", "pattern": r["pattern"],
                    "count": int(ev.get("count", 0)), "slots": tuple(ev.get("slots", ())),
                    "examples": tuple(ev.get("examples", ())), "league_hint": r["league_hint"],
                    "groups": tuple(ev.get("groups", ()))})
    return out


def save_team_aliases(db: Database, aliases: Iterable[tuple[str, str, str, str]]) -> int:
    """(alias, league, team, source) rows; existing learned aliases are kept."""
    now = utcnow()
    with db.connect() as conn:
        return conn.upsert_frame(
            "team_aliases",
            frame([(a, lg, t, s, now, now) for a, lg, t, s in aliases],
                  ("alias", "league_name", "team_name", "source", "created_at", "updated_at")),
            ["alias", "league_name", "team_name"], [],
        )


def vod_rule_records(db: Database, playlist_key: str) -> list[dict[str, Any]]:
    """Active operator-added VOD rules for every playlist or for this one, as `VodRules` records."""
    with db.connect() as conn:
        rows = conn.fetchdicts(
            "SELECT rule_name, field, pattern, action, strength, flags, description FROM vod_filter_patterns"
            " WHERE record_status = 'active' AND (playlist_key IS NULL OR playlist_key = ?) ORDER BY rule_name",
            (playlist_key,),
        )
    return [{"name": f"db:{r['rule_name']}", "field": r["field"], "pattern": r["pattern"],
             "action": r["action"] or "filter", "strength": r["strength"] or "soft", "flags": r["flags"] or "",
             "description": r["description"] or ""} for r in rows]


def add_vod_rule(db: Database, rule_name: str, field: str, pattern: str, *, playlist_key: str | None = None,
                 action: str = "filter", strength: str = "soft", flags: str = "", description: str = "") -> None:
    now = utcnow()
    with db.connect() as conn:
        conn.execute(
            "INSERT INTO vod_filter_patterns (rule_name, playlist_key, field, pattern, action, strength, flags,"
            " description, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT (rule_name) DO UPDATE SET"
            " playlist_key = excluded.playlist_key, field = excluded.field, pattern = excluded.pattern,"
            " action = excluded.action, strength = excluded.strength, flags = excluded.flags,"
            " description = excluded.description, updated_at = excluded.updated_at, record_status = 'active'",
            (rule_name, playlist_key, field, pattern, action, strength, flags, description, now, now),
        )


def load_team_resolutions(db: Database) -> list[tuple[str, str, str | None, str, float]]:
    with db.connect() as conn:
        rows = conn.fetchall(
            "SELECT text_norm, league_name, team_name, method, score FROM team_resolution_cache"
            " WHERE record_status = 'active' ORDER BY league_name, text_norm")
    return [(r[0], r[1], r[2], r[3], float(r[4] or 0.0)) for r in rows]


def save_team_resolutions(db: Database, rows: Iterable[tuple[str, str, str | None, str, float]]) -> int:
    now = utcnow()
    with db.connect() as conn:
        return conn.upsert_frame(
            "team_resolution_cache",
            frame([(t, lg, team, m, sc, now, now) for t, lg, team, m, sc in rows],
                  ("text_norm", "league_name", "team_name", "method", "score", "created_at", "updated_at")),
            ["text_norm", "league_name"],
        )


def load_team_aliases(db: Database) -> list[tuple[str, str, str, str]]:
    """Active (alias, league, team, source) rows, configured and learned."""
    with db.connect() as conn:
        return [tuple(r) for r in conn.fetchall(  # type: ignore[misc]
            "SELECT alias, league_name, team_name, source FROM team_aliases WHERE record_status = 'active'"
            " ORDER BY league_name, team_name, alias")]


def save_llm_usage(db: Database, usage_date: date, playlist_key: str, model: str, calls: int, input_tokens: int,
                   output_tokens: int, cache_read_tokens: int = 0, cache_write_tokens: int = 0) -> None:
    now = utcnow()
    with db.connect() as conn:
        conn.execute(
            "INSERT INTO llm_usage (usage_date, playlist_key, model, calls, input_tokens, output_tokens,"
            " cache_read_tokens, cache_write_tokens, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)"
            " ON CONFLICT (usage_date, playlist_key, model) DO UPDATE SET calls = excluded.calls,"
            " input_tokens = excluded.input_tokens, output_tokens = excluded.output_tokens,"
            " cache_read_tokens = excluded.cache_read_tokens, cache_write_tokens = excluded.cache_write_tokens,"
            " updated_at = excluded.updated_at",
            (usage_date, playlist_key, model, calls, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, now, now),
        )


def day_window(day: date, before: timedelta = timedelta(days=1), after: timedelta = timedelta(days=2)) -> tuple[datetime, datetime]:
    start = datetime(day.year, day.month, day.day, tzinfo=UTC)
    return start - before, start + after


__all__ = [name for name in dir() if not name.startswith("_")] + ["Connection"]
