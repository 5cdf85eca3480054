"""The matcher's cache links backed by the warehouse: loaded once per run, written back at the end."""

from __future__ import annotations

from datetime import date

from epgoat_assets.lib.matching.chain import CachedDecision
from epgoat_assets.lib.warehouse import store
from epgoat_assets.lib.warehouse.db import Database


class WarehouseMatchCache:
    """Handler 1: (playlist, exact name, day) -> the decision taken before."""

    def __init__(self, db: Database, playlist_key: str, day: date) -> None:
        self.db, self.playlist_key, self.day = db, playlist_key, day
        self.data = {name: CachedDecision(eid, conf, handler)
                     for name, (eid, handler, conf) in store.load_match_cache(db, playlist_key, day).items()}
        self.pending: dict[str, CachedDecision] = {}

    def get(self, provider: str, name: str, day: date) -> CachedDecision | None:
        return self.data.get(name) if day == self.day else None

    def put(self, provider: str, name: str, day: date, decision: CachedDecision) -> None:
        if day == self.day:
            self.pending[name] = decision

    def flush(self) -> int:
        rows = [(name, d.event_id, d.handler or "cache", d.confidence) for name, d in self.pending.items()]
        self.pending.clear()
        return store.save_match_cache(self.db, self.playlist_key, self.day, rows) if rows else 0


class WarehouseCrossProviderCache:
    """Handler 5: fixture texts other playlists resolved the same day (agreeing providers only)."""

    def __init__(self, db: Database, playlist_key: str, day: date) -> None:
        self.db, self.playlist_key, self.day = db, playlist_key, day
        self.data = {key: CachedDecision(eid, conf, "cross_provider_cache")
                     for key, (eid, conf) in store.load_cross_provider_cache(db, playlist_key, day).items()}
        self.pending: dict[str, CachedDecision] = {}

    def get(self, fixture_key: str, day: date) -> CachedDecision | None:
        return self.data.get(fixture_key) if day == self.day else None

    def put(self, fixture_key: str, day: date, decision: CachedDecision) -> None:
        if day == self.day and decision.event_id:
            self.pending[fixture_key] = decision

    def flush(self) -> int:
        rows = [(k, d.event_id, d.confidence) for k, d in self.pending.items() if d.event_id]
        self.pending.clear()
        return store.save_cross_provider_cache(self.db, self.playlist_key, self.day, rows) if rows else 0
