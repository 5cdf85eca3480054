"""JSON-lines round trip of pipeline records, so stages can hand data over through storage."""

from __future__ import annotations

import gzip
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any

import orjson

from epgoat_assets.lib.models import Candidate, ChannelInfo, Event, EventPart, MatchResult, PlaylistEntry


def entry_to_dict(e: PlaylistEntry) -> dict[str, Any]:
    return {"index": e.index, "line_no": e.line_no, "name": e.name, "url": e.url, "duration": e.duration,
            "attrs": e.attrs, "directives": list(e.directives)}


def entry_from_dict(d: dict[str, Any]) -> PlaylistEntry:
    return PlaylistEntry(index=d["index"], line_no=d["line_no"], name=d["name"], url=d["url"],
                         duration=d.get("duration", -1), attrs=dict(d.get("attrs") or {}),
                         directives=tuple(d.get("directives") or ()))


def channel_to_dict(c: ChannelInfo) -> dict[str, Any]:
    return {"entry": entry_to_dict(c.entry), "filtered_by": c.filtered_by, "family": c.family, "slot": c.slot,
            "placeholder": c.placeholder, "league_hint": c.league_hint, "recognised_by": c.recognised_by}


def channel_from_dict(d: dict[str, Any]) -> ChannelInfo:
    # `recognised_by` decides how the matcher treats the channel (a fixture-only name is matched
    # only if both teams are found; a family slot may match on one side): staged before it was
    # kept, a channel reads as a family one.
    return ChannelInfo(entry=entry_from_dict(d["entry"]), filtered_by=d.get("filtered_by"), family=d.get("family"),
                       slot=d.get("slot"), placeholder=bool(d.get("placeholder")), league_hint=d.get("league_hint"),
                       recognised_by=d.get("recognised_by") or "family")


def event_to_dict(e: Event) -> dict[str, Any]:
    return {"event_id": e.event_id, "sport": e.sport, "league": e.league, "home": e.home, "away": e.away,
            "start_utc": e.start_utc.isoformat() if e.start_utc else None, "league_id": e.league_id,
            "title": e.title, "venue": e.venue, "status": e.status, "season": e.season, "source": e.source,
            "espn_id": e.espn_id, "thumb": e.thumb,
            "parts": [[p.name, p.start_utc.isoformat() if p.start_utc else None] for p in e.parts],
            "participants": list(e.participants)}


def event_from_dict(d: dict[str, Any]) -> Event:
    start = datetime.fromisoformat(d["start_utc"]) if d.get("start_utc") else None
    return Event(event_id=d["event_id"], sport=d["sport"], league=d["league"], home=d["home"], away=d["away"],
                 start_utc=start, league_id=d.get("league_id"), title=d.get("title") or "", venue=d.get("venue"),
                 status=d.get("status"), season=d.get("season"), source=d.get("source") or "snapshot",
                 espn_id=d.get("espn_id"), thumb=d.get("thumb"),
                 parts=tuple(EventPart(name, datetime.fromisoformat(at) if at else None)
                             for name, at in d.get("parts") or ()),
                 participants=tuple(d.get("participants") or ()))


def result_to_dict(r: MatchResult) -> dict[str, Any]:
    return {"channel": channel_to_dict(r.channel), "status": r.status,
            "event": event_to_dict(r.event) if r.event else None, "handler": r.handler,
            "confidence": r.confidence, "reason": r.reason,
            "candidates": [[c.event_id, c.score, c.why] for c in r.candidates]}


def result_from_dict(d: dict[str, Any]) -> MatchResult:
    return MatchResult(channel=channel_from_dict(d["channel"]), status=d["status"],
                       event=event_from_dict(d["event"]) if d.get("event") else None, handler=d.get("handler"),
                       confidence=float(d.get("confidence") or 0.0), reason=d.get("reason") or "",
                       candidates=tuple(Candidate(c[0], float(c[1]), c[2]) for c in d.get("candidates") or ()))


# Staged files live for one run and are read back once or twice: the fastest level is the right
# trade (5 -> 1 is a quarter of the write time for a quarter more bytes).
STAGING_GZIP_LEVEL = 1


def dump_jsonl_gz(records: Iterable[dict[str, Any]]) -> bytes:
    """One compact JSON object per line (UTF-8, no ASCII escapes), gzip-compressed."""
    body = b"".join(orjson.dumps(r) + b"\n" for r in records)
    return gzip.compress(body, compresslevel=STAGING_GZIP_LEVEL, mtime=0)


def load_jsonl_gz(data: bytes) -> Iterator[dict[str, Any]]:
    for line in gzip.decompress(data).splitlines():
        if line:
            yield orjson.loads(line)
