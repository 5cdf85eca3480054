"""Sports-event sources: TheSportsDB v1 and ESPN's public scoreboard over HTTP, and offline snapshots.

The HTTP clients (`TheSportsDBClient`, `ESPNClient`) are plain classes so the CLI can use them without
Dagster; the Dagster resources (`SnapshotSportsData`, `LiveSportsData`) wrap them behind one method,
`fetch_day(day) -> EventBatch`.

Client behaviour, per request: a timeout; retries with exponential backoff on 429/5xx, timeouts and
dropped connections, waiting at least as long as `Retry-After` asks; a minimum interval between
network requests per client (the free TheSportsDB key allows about 30 a minute); and an on-disk
response cache (hishel, SQLite) so refreshing a day twice costs one request. Only 200 responses whose
body is valid JSON are cached, so a truncated answer is never replayed. Any request that still fails
raises `SportsDataError`: one line, naming the source and the URL with the API key redacted.

The live resource fetches every league of the catalogue (`config/leagues.yaml`) that has a source,
one (source, league) request at a time, and each stands alone: a league that keeps failing is named
in the day's `EventBatch.failures` and the day is stored with what succeeded. Only a day on which
every fetch failed raises. The rate limit of a source is shared by every client on the machine
(concurrent Dagster runs, the CLI) through a lock file next to the HTTP cache.
"""

from __future__ import annotations

import email.utils
import fcntl
import json
import logging
import sqlite3
import threading
import time
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from dagster import ConfigurableResource
from hishel import BaseFilter, FilterPolicy, Response, SyncSqliteStorage
from hishel.httpx import SyncCacheTransport
from pydantic import Field
from tenacity import RetryCallState, Retrying, retry_if_exception_type, stop_after_attempt

from epgoat_assets.lib.sports.events import (
    EventBatch,
    EventsFormatError,
    LeagueFailure,
    LeagueLabel,
    TSDBTeamRecord,
    load_events_batch,
    parse_espn_scoreboard,
    parse_tsdb_events,
    parse_tsdb_teams,
)
from epgoat_assets.lib.sports.leagues import LeagueCatalog, LeagueEntry
from epgoat_assets.lib.sports.merge import DEFAULT_TOLERANCE, merge_events

log = logging.getLogger(__name__)

DEFAULT_THESPORTSDB_BASE_URL = "https://www.thesportsdb.com/api/v1/json"
DEFAULT_THESPORTSDB_API_KEY = "123"  # TheSportsDB's public free test key
DEFAULT_ESPN_BASE_URL = "https://site.api.espn.com"
BUNDLED_SNAPSHOT = Path(__file__).resolve().parents[1] / "epgoat_assets" / "data" / "snapshot"
DEFAULT_CACHE_DIR = Path.home() / ".cache" / "epgoat" / "http"

# TheSportsDB's free key answers at most this many events per league and day; a full answer of
# that size is most likely cut short (https://www.thesportsdb.com/pricing: "most queries limited").
FREE_KEY_EVENTS_PER_LEAGUE_DAY = 5
ALL_LEAGUES = "(all leagues)"  # the label of one unfiltered eventsday.php request

RETRY_STATUS = frozenset({429, 500, 502, 503, 504})


class SportsDataError(ValueError):
    """A request or day that could not be fetched; the message is one line and holds no secret."""


# --------------------------------------------------------------------------------------------------
# Secrets never reach a log line: httpx logs every request URL at INFO, and TheSportsDB's key is
# part of the URL path, so a filter on the httpx loggers rewrites any registered key.

_SECRETS: set[str] = set()
_SECRETS_LOCK = threading.Lock()


def redact(text: str, secrets: Iterable[str] | None = None) -> str:
    """Replace each secret with `***`: as a URL path segment always, anywhere when it is long.

    Short keys (TheSportsDB's public "123") are only replaced as a path segment, so dates and ids
    that happen to contain the same digits stay readable.
    """
    for secret in secrets if secrets is not None else list(_SECRETS):
        if not secret:
            continue
        text = text.replace(f"/{secret}/", "/***/")
        if len(secret) >= 8:
            text = text.replace(secret, "***")
    return text


class _RedactingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if _SECRETS:
            record.msg = redact(str(record.msg))
            if record.args:
                args = record.args if isinstance(record.args, tuple) else (record.args,)
                record.args = tuple(redact(str(a)) if not isinstance(a, int | float) else a for a in args)
        return True


_REDACTOR = _RedactingFilter()


def _register_secret(secret: str) -> None:
    if not secret:
        return
    with _SECRETS_LOCK:
        _SECRETS.add(secret)
        # Logger filters do not reach child loggers, so every logger that sees URLs is listed.
        for name in ("httpx", "httpcore.connection", "httpcore.http11", "hishel.integrations.clients",
                     __name__):
            logger = logging.getLogger(name)
            if _REDACTOR not in logger.filters:
                logger.addFilter(_REDACTOR)


# --------------------------------------------------------------------------------------------------
# Transport pieces


class _Throttle:
    """At most one network request per `interval` seconds.

    Shared by the client's threads and, when `shared_file` is given, by every process on the machine
    that uses the same file: the next free slot (wall-clock seconds) is kept in it under an exclusive
    lock, so concurrent runs together stay within the source's limit instead of each using all of it.
    """

    def __init__(self, per_second: float, shared_file: Path | None = None) -> None:
        self.interval = 1.0 / per_second if per_second > 0 else 0.0
        self.shared_file = shared_file
        self._next = 0.0
        self._lock = threading.Lock()

    def _reserve_shared(self, path: Path) -> float:
        with open(path, "a+", encoding="ascii") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                fh.seek(0)
                try:
                    booked = float(fh.read().strip() or 0.0)
                except ValueError:
                    booked = 0.0
                now = time.time()
                slot = max(now, booked)
                fh.seek(0)
                fh.truncate()
                fh.write(f"{slot + self.interval:.6f}")
                fh.flush()
                return slot - now
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    def wait(self) -> None:
        if not self.interval:
            return
        with self._lock:
            if self.shared_file is not None:
                delay = self._reserve_shared(self.shared_file)
            else:
                now = time.monotonic()
                delay = self._next - now
                self._next = max(now, self._next) + self.interval
        if delay > 0:
            time.sleep(delay)


class _ThrottledTransport(httpx.BaseTransport):
    # Sits under the cache, so cache hits are free and only real network requests are throttled.
    def __init__(self, inner: httpx.BaseTransport, throttle: _Throttle) -> None:
        self.inner = inner
        self.throttle = throttle
        self.sent = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.throttle.wait()
        self.sent += 1
        return self.inner.handle_request(request)

    def close(self) -> None:
        self.inner.close()


class _CacheOnlyGoodJson(BaseFilter[Response]):
    """Store 200 responses whose body parses as JSON; errors and truncated bodies are not cached."""

    def needs_body(self) -> bool:
        return True

    def apply(self, item: Response, body: bytes | None) -> bool:
        if item.status_code != 200 or not body:
            return False
        try:
            json.loads(body)
        except ValueError:
            return False
        return True


class _Retryable(Exception):
    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


def _parse_retry_after(value: str | None) -> float | None:
    """`Retry-After` as seconds: delta-seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


class JsonHttpSource:
    """GET JSON with timeout, retries, rate limit and an optional on-disk cache.

    `transport` replaces the network transport (below the cache and the throttle); tests do not need
    it, they point `base_url` at a local server.
    """

    def __init__(
        self,
        name: str,
        base_url: str,
        *,
        timeout: float = 10.0,
        max_retries: int = 3,
        backoff_seconds: float = 0.5,
        max_backoff_seconds: float = 30.0,
        max_retry_after_seconds: float = 120.0,
        rate_limit_per_second: float = 2.0,
        cache_dir: str | Path | None = None,
        cache_ttl_seconds: float = 3600.0,
        secrets: Iterable[str] = (),
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.name = name
        self.base_url = base_url.rstrip("/")
        self.max_retries = max_retries
        self.backoff_seconds = backoff_seconds
        self.max_backoff_seconds = max_backoff_seconds
        self.max_retry_after_seconds = max_retry_after_seconds
        self.cache_ttl_seconds = cache_ttl_seconds
        self._secrets = [s for s in secrets if s]
        for s in self._secrets:
            _register_secret(s)
        folder = Path(cache_dir) if cache_dir is not None else None
        if folder is not None:
            folder.mkdir(parents=True, exist_ok=True)
        # One rate limit per source for every process sharing the cache folder.
        throttle = _Throttle(rate_limit_per_second, folder / f"{name}.ratelimit" if folder else None)
        self._network = _ThrottledTransport(transport or httpx.HTTPTransport(), throttle)
        network: httpx.BaseTransport = self._network
        self._storage: SyncSqliteStorage | None = None
        if folder is not None:
            # Own connection: Dagster may call from another thread than the one that built us.
            conn = sqlite3.connect(str(folder / f"{name}.sqlite"), check_same_thread=False)
            self._storage = SyncSqliteStorage(connection=conn, default_ttl=cache_ttl_seconds,
                                              refresh_ttl_on_access=False)
            network = SyncCacheTransport(
                next_transport=network,
                storage=self._storage,
                policy=FilterPolicy(response_filters=[_CacheOnlyGoodJson()]),
            )
        self._client = httpx.Client(
            transport=network,
            timeout=httpx.Timeout(timeout),
            headers={"User-Agent": "epgoat/0.1 (+https://github.com/epgoat)", "Accept": "application/json"},
            follow_redirects=True,
        )

    # -- lifecycle
    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> JsonHttpSource:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def network_requests(self) -> int:
        """Requests that went past the cache to the network, retries included."""
        return self._network.sent

    # -- requests
    def redact(self, text: str) -> str:
        return redact(text, self._secrets)

    def status_hint(self, status: int) -> str:
        """What an error status means for this source, appended to the error line."""
        return ""

    def _wait(self, state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        if isinstance(exc, _Retryable) and exc.retry_after is not None:
            return exc.retry_after
        return min(self.max_backoff_seconds, self.backoff_seconds * 2 ** (state.attempt_number - 1))

    def _once(self, url: str, params: Mapping[str, str], ttl: float | None) -> Any:
        extensions: dict[str, Any] | None = None
        if self._storage is not None:
            # A hit must not extend the entry's life, or a day refreshed often would never update.
            extensions = {"hishel_refresh_ttl_on_access": False}
            if ttl is not None:
                extensions["hishel_ttl"] = ttl
        try:
            response = self._client.get(url, params=params, extensions=extensions)
        except httpx.TimeoutException as exc:
            raise _Retryable(f"timed out ({type(exc).__name__})") from None
        except httpx.TransportError as exc:
            raise _Retryable(f"connection failed ({type(exc).__name__}: {self.redact(str(exc))})") from None
        if response.status_code in RETRY_STATUS:
            retry_after = _parse_retry_after(response.headers.get("Retry-After"))
            if retry_after is not None and retry_after > self.max_retry_after_seconds:
                raise SportsDataError(
                    f"{self.name}: GET {self.redact(str(response.url))}: HTTP {response.status_code}, "
                    f"Retry-After {retry_after:.0f}s is longer than the {self.max_retry_after_seconds:.0f}s "
                    "this client waits"
                )
            raise _Retryable(f"HTTP {response.status_code}", retry_after)
        if response.status_code != 200:
            raise SportsDataError(
                f"{self.name}: GET {self.redact(str(response.url))}: HTTP {response.status_code}"
                f"{self.status_hint(response.status_code)}"
            )
        try:
            return json.loads(response.content)
        except ValueError as exc:
            where = f" (line {exc.lineno} col {exc.colno}: {exc.msg})" if hasattr(exc, "lineno") else ""
            raise SportsDataError(
                f"{self.name}: GET {self.redact(str(response.url))}: truncated or malformed JSON"
                f" in a {len(response.content)}-byte response{where}"
            ) from None

    def get_json(self, path: str, params: Mapping[str, str] | None = None, *, ttl: float | None = None) -> Any:
        """GET `{base_url}/{path}` and decode JSON; raises `SportsDataError` once retries are spent."""
        url = f"{self.base_url}/{path.lstrip('/')}"
        retrying = Retrying(
            stop=stop_after_attempt(self.max_retries + 1),
            wait=self._wait,
            retry=retry_if_exception_type(_Retryable),
            reraise=True,
            before_sleep=lambda s: log.info(
                "%s: %s, retry %d of %d", self.name, s.outcome.exception() if s.outcome else "",
                s.attempt_number, self.max_retries,
            ),
        )
        try:
            return retrying(self._once, url, params or {}, ttl)
        except _Retryable as exc:
            shown = self.redact(str(httpx.URL(url, params=params or {})))
            attempts = self.max_retries + 1
            raise SportsDataError(f"{self.name}: GET {shown}: {exc} after {attempts} attempts") from None


def _day_ttl(day: date, recent_ttl: float, past_ttl: float) -> float:
    # Finished days barely change; today's and future days move (times, postponements, scores).
    return past_ttl if day < datetime.now(UTC).date() - timedelta(days=1) else recent_ttl


# --------------------------------------------------------------------------------------------------
# TheSportsDB v1


class TheSportsDBClient(JsonHttpSource):
    """TheSportsDB v1 JSON API: `{base_url}/{api_key}/{endpoint}.php`."""

    def __init__(
        self,
        base_url: str = DEFAULT_THESPORTSDB_BASE_URL,
        api_key: str = DEFAULT_THESPORTSDB_API_KEY,
        *,
        past_cache_ttl_seconds: float = 7 * 24 * 3600.0,
        rate_limit_per_second: float = 0.5,
        **options: Any,
    ) -> None:
        if not api_key or "/" in api_key:
            raise SportsDataError("thesportsdb: the API key must be a non-empty string without '/'")
        self.api_key = api_key
        self.past_cache_ttl_seconds = past_cache_ttl_seconds
        super().__init__(
            "thesportsdb",
            base_url,
            secrets=[api_key],
            rate_limit_per_second=rate_limit_per_second,
            **options,
        )

    @property
    def is_free_key(self) -> bool:
        return self.api_key == DEFAULT_THESPORTSDB_API_KEY

    def status_hint(self, status: int) -> str:
        if status in (400, 401, 403):
            return " (TheSportsDB refused the API key: check THESPORTSDB_API_KEY)"
        return ""

    def _events(self, endpoint: str, params: dict[str, str], ttl: float | None = None) -> EventBatch:
        payload = self.get_json(f"{self.api_key}/{endpoint}", params, ttl=ttl)
        what = f"thesportsdb {endpoint}" + (f" l={params['l']}" if params.get("l") else "")
        try:
            return parse_tsdb_events(payload, source="thesportsdb", what=what)
        except EventsFormatError as exc:
            raise SportsDataError(self.redact(str(exc))) from None

    def events_day(self, day: date, *, league: str | None = None, sport: str | None = None) -> EventBatch:
        """`eventsday.php?d=YYYY-MM-DD[&l=league][&s=sport]`: events whose UTC date is `day`.

        With the free key, an answer as long as the free tier's cap is most likely cut short: the
        batch's `truncated` says so and that a premium key is needed.
        """
        params = {"d": day.isoformat()}
        if league:
            params["l"] = league
        if sport:
            params["s"] = sport
        ttl = _day_ttl(day, self.cache_ttl_seconds, self.past_cache_ttl_seconds)
        batch = self._events("eventsday.php", params, ttl)
        raw = len(batch.events) + batch.skipped_total
        if self.is_free_key and raw >= FREE_KEY_EVENTS_PER_LEAGUE_DAY:
            batch.truncated.append(
                f"thesportsdb {league or sport or ALL_LEAGUES} {day}: {raw} events, the free key's cap; the"
                " day is probably incomplete: set THESPORTSDB_API_KEY to a premium key"
            )
        return batch

    def events_season(self, league_id: str, season: str) -> EventBatch:
        """`eventsseason.php?id=4328&s=2026-2027`."""
        return self._events("eventsseason.php", {"id": league_id, "s": season})

    def events_next_league(self, league_id: str) -> EventBatch:
        """`eventsnextleague.php?id=4387`: the league's upcoming events."""
        return self._events("eventsnextleague.php", {"id": league_id})

    def events_past_league(self, league_id: str) -> EventBatch:
        """`eventspastleague.php?id=4387`: the league's latest results."""
        return self._events("eventspastleague.php", {"id": league_id})

    def _teams(self, endpoint: str, params: dict[str, str]) -> list[TSDBTeamRecord]:
        payload = self.get_json(f"{self.api_key}/{endpoint}", params, ttl=self.past_cache_ttl_seconds)
        try:
            teams, skipped = parse_tsdb_teams(payload, what=f"thesportsdb {endpoint}")
        except EventsFormatError as exc:
            raise SportsDataError(self.redact(str(exc))) from None
        if skipped:
            log.warning("thesportsdb %s: skipped %d team records", endpoint, skipped)
        return teams

    def lookup_team(self, team_id: str) -> TSDBTeamRecord | None:
        """`lookupteam.php?id=133604`; None when TheSportsDB does not know the id."""
        teams = self._teams("lookupteam.php", {"id": team_id})
        return teams[0] if teams else None

    def search_teams(self, name: str) -> list[TSDBTeamRecord]:
        """`searchteams.php?t=Arsenal`."""
        return self._teams("searchteams.php", {"t": name})


# --------------------------------------------------------------------------------------------------
# ESPN public scoreboard


class ESPNClient(JsonHttpSource):
    """`{base_url}/apis/site/v2/sports/{sport}/{league}/scoreboard?dates=YYYYMMDD`."""

    def __init__(
        self,
        base_url: str = DEFAULT_ESPN_BASE_URL,
        *,
        past_cache_ttl_seconds: float = 7 * 24 * 3600.0,
        rate_limit_per_second: float = 2.0,
        **options: Any,
    ) -> None:
        self.past_cache_ttl_seconds = past_cache_ttl_seconds
        super().__init__("espn", base_url, rate_limit_per_second=rate_limit_per_second, **options)

    def scoreboard(self, path: str, day: date, league: LeagueLabel | None = None) -> EventBatch:
        """ESPN's scoreboard for `path` ("basketball/nba", "soccer/eng.1") on ESPN's (US) date `day`.

        `path` may carry the query a scoreboard needs: college scoreboards list only featured games
        unless asked for a `groups` (80 FBS, 81 FCS, 50 Division I basketball) and a `limit`.
        """
        path, _, query = path.strip("/").partition("?")
        if path.count("/") != 1:
            raise SportsDataError(f"espn: league path must look like 'basketball/nba', got {path!r}")
        params = dict(httpx.QueryParams(query))
        params["dates"] = day.strftime("%Y%m%d")
        ttl = _day_ttl(day, self.cache_ttl_seconds, self.past_cache_ttl_seconds)
        payload = self.get_json(f"apis/site/v2/sports/{path}/scoreboard", params, ttl=ttl)
        try:
            return parse_espn_scoreboard(payload, path=path, what=f"espn {path} scoreboard", league=league)
        except EventsFormatError as exc:
            raise SportsDataError(str(exc)) from None

    def events_on_utc_day(self, path: str, day: date, league: LeagueLabel | None = None) -> EventBatch:
        """Events kicking off on UTC date `day`.

        ESPN files games under the US date, so a UTC day spans two ESPN dates (an 8 pm ET tip-off
        is 01:00 UTC the next day); both are fetched and cut to the UTC day, like TheSportsDB's.
        An event without a time counts for the ESPN date it is filed under.
        """
        out = EventBatch(source="espn")
        seen: set[str] = set()
        for espn_day in (day - timedelta(days=1), day):
            batch = self.scoreboard(path, espn_day, league)
            out.add_skipped(batch.skipped)
            for e in batch.events:
                on_day = e.start_utc.date() == day if e.start_utc else espn_day == day
                if on_day and e.event_id not in seen:
                    seen.add(e.event_id)
                    out.events.append(e)
        return out


# --------------------------------------------------------------------------------------------------
# Dagster resources


class SportsDataResource(ConfigurableResource):
    """A source of real sports events, one UTC day at a time."""

    @property
    def is_live(self) -> bool:
        """True for sources that can know events the stored days lack (the matcher's live lookup)."""
        return False

    def fetch_day(self, day: date) -> EventBatch:
        """Events whose kick-off is on UTC date `day`; raises `SportsDataError` when the day fails."""
        raise NotImplementedError(f"{type(self).__name__} must implement fetch_day")


class SnapshotSportsData(SportsDataResource):
    """A folder of TheSportsDB-shaped `YYYY-MM-DD.json` files (by default the bundled snapshot)."""

    folder: str = Field(default="", description="Folder of YYYY-MM-DD.json files; empty = bundled snapshot.")

    def snapshot_dir(self) -> Path:
        return Path(self.folder) if self.folder else BUNDLED_SNAPSHOT

    def available_days(self) -> list[date]:
        found = []
        for f in sorted(self.snapshot_dir().glob("????-??-??.json")):
            try:
                found.append(date.fromisoformat(f.stem))
            except ValueError:
                continue
        return found

    def fetch_day(self, day: date) -> EventBatch:
        folder = self.snapshot_dir()
        if not folder.is_dir():
            raise SportsDataError(f"snapshot: {folder} is not a folder")
        if not (folder / f"{day.isoformat()}.json").is_file():
            raise SportsDataError(f"snapshot: no {day.isoformat()}.json in {folder}")
        try:
            return load_events_batch(folder, days=[day], source="snapshot")
        except EventsFormatError as exc:
            raise SportsDataError(f"snapshot: {exc}") from None


class LiveSportsData(SportsDataResource):
    """TheSportsDB and/or ESPN over HTTP, league by league, merged so an event both list is stored once.

    The leagues come from the catalogue (`config/leagues.yaml`): every league with a TheSportsDB id
    or an ESPN path, unless `leagues` narrows them. Each (source, league) fetch stands alone: the
    day keeps what succeeded and names the rest in `EventBatch.failures`.
    """

    @property
    def is_live(self) -> bool:
        return True

    thesportsdb_base_url: str = DEFAULT_THESPORTSDB_BASE_URL
    thesportsdb_api_key: str = Field(default=DEFAULT_THESPORTSDB_API_KEY, description="Secret; set from EnvVar.")
    espn_base_url: str = DEFAULT_ESPN_BASE_URL
    sources: list[str] = Field(default=["thesportsdb", "espn"], description="thesportsdb and/or espn.")
    leagues: list[str] | None = Field(
        default=None,
        description="Catalogue leagues to fetch (names or keywords); None = every league with a source;"
                    " [] = one unfiltered eventsday.php request.",
    )
    espn_leagues: list[str] = Field(
        default=[], description="ESPN paths (basketball/nba); empty = the ESPN paths of the fetched leagues.")
    leagues_file: str = Field(default="", description="League catalogue; empty = config/leagues.yaml.")
    cache_dir: str = Field(default="", description="HTTP cache folder; empty = ~/.cache/epgoat/http.")
    cache_ttl_seconds: float = 3600.0
    timeout_seconds: float = 10.0
    max_retries: int = 3
    backoff_seconds: float = 0.5
    max_retry_after_seconds: float = 120.0
    thesportsdb_requests_per_second: float = 0.5
    espn_requests_per_second: float = 2.0
    merge_tolerance_minutes: float = DEFAULT_TOLERANCE.total_seconds() / 60

    def _options(self) -> dict[str, Any]:
        return {
            "timeout": self.timeout_seconds,
            "max_retries": self.max_retries,
            "backoff_seconds": self.backoff_seconds,
            "max_retry_after_seconds": self.max_retry_after_seconds,
            "cache_dir": self.cache_dir or DEFAULT_CACHE_DIR,
            "cache_ttl_seconds": self.cache_ttl_seconds,
        }

    def thesportsdb_client(self) -> TheSportsDBClient:
        return TheSportsDBClient(
            self.thesportsdb_base_url,
            self.thesportsdb_api_key,
            rate_limit_per_second=self.thesportsdb_requests_per_second,
            **self._options(),
        )

    def espn_client(self) -> ESPNClient:
        return ESPNClient(self.espn_base_url, rate_limit_per_second=self.espn_requests_per_second,
                          **self._options())

    # -- the plan: which (source, league) requests a day takes

    def catalog(self) -> LeagueCatalog:
        return LeagueCatalog.from_config(self.leagues_file or None)

    def _leagues(self) -> list[LeagueEntry]:
        try:
            return self.catalog().fetched(self.leagues or ())
        except ValueError as exc:
            raise SportsDataError(f"live: {exc}") from None

    def tsdb_plan(self) -> list[str | None]:
        """TheSportsDB league names for eventsday.php (`None` = one unfiltered request)."""
        if self.leagues is not None and not self.leagues:
            return [None]
        return [lg.name for lg in self._leagues() if lg.fetch_thesportsdb]

    def espn_plan(self) -> list[tuple[str, str, LeagueLabel | None]]:
        """(league name, ESPN path, league label) for every ESPN scoreboard of the day."""
        catalog = self.catalog()
        by_path: dict[str, LeagueEntry] = {}
        for lg in catalog.data.leagues:
            for path in lg.espn:
                by_path.setdefault(path, lg)
                by_path.setdefault(path.partition("?")[0], lg)
        if self.espn_leagues:
            plan = []
            for path in self.espn_leagues:
                lg = by_path.get(path) or by_path.get(path.partition("?")[0])
                plan.append((lg.name if lg else path, path, _label(lg)))
            return plan
        leagues = catalog.data.leagues if self.leagues is not None and not self.leagues else self._leagues()
        return [(lg.name, path, _label(lg)) for lg in leagues for path in lg.espn]

    # -- fetching

    def _fetch_tsdb(self, day: date, out: EventBatch) -> None:
        with self.thesportsdb_client() as client:
            for league in self.tsdb_plan():
                name = league or ALL_LEAGUES
                try:
                    batch = client.events_day(day, league=league)
                except SportsDataError as exc:
                    out.failures.append(LeagueFailure("thesportsdb", name, day, str(exc)))
                    log.info("thesportsdb %s %s failed: %s", name, day, exc)  # callers report it
                    continue
                out.extend(batch)
                out.fetched.append(f"thesportsdb:{name}")
        # Other days' events can ride along when a league filter is ignored upstream.
        out.events = [e for e in out.events if e.start_utc is None or e.start_utc.date() == day]

    def _fetch_espn(self, day: date, out: EventBatch) -> None:
        failed: set[str] = set()
        with self.espn_client() as client:
            for name, path, label in self.espn_plan():
                try:
                    batch = client.events_on_utc_day(path, day, label)
                except SportsDataError as exc:
                    out.failures.append(LeagueFailure("espn", name, day, str(exc)))
                    failed.add(name)
                    log.info("espn %s (%s) %s failed: %s", name, path, day, exc)  # callers report it
                    continue
                out.extend(batch)
                if f"espn:{name}" not in out.fetched:
                    out.fetched.append(f"espn:{name}")
        # A league with one failed path (college football's FCS group) is not complete.
        out.fetched = [f for f in out.fetched if f.removeprefix("espn:") not in failed]

    def fetch_day(self, day: date) -> EventBatch:
        unknown = set(self.sources) - {"thesportsdb", "espn"}
        if unknown or not self.sources:
            raise SportsDataError(f"live: sources must be thesportsdb and/or espn, got {self.sources}")
        tsdb = EventBatch(source="thesportsdb")
        espn = EventBatch(source="espn")
        if "thesportsdb" in self.sources:
            self._fetch_tsdb(day, tsdb)
        if "espn" in self.sources:
            self._fetch_espn(day, espn)
        out = EventBatch(source="+".join(s for s in ("thesportsdb", "espn") if s in self.sources))
        out.fetched = tsdb.fetched + espn.fetched
        out.failures = tsdb.failures + espn.failures
        out.truncated = tsdb.truncated + espn.truncated
        if not out.fetched:
            if not out.failures:
                raise SportsDataError(f"live {day}: no league to fetch (check leagues and espn_leagues)")
            first = out.failures[0]
            raise SportsDataError(
                f"live {day}: every league failed ({len(out.failures)} fetches); first: {first.league}"
                f" ({first.source}): {first.error}"
            )
        out.events = merge_events(tsdb.events, espn.events,
                                  tolerance=timedelta(minutes=self.merge_tolerance_minutes))
        out.add_skipped(tsdb.skipped)
        out.add_skipped(espn.skipped)
        log.info("%s %s: %d from TheSportsDB, %d from ESPN, %d after merge; %d fetches ok, failed: %s",
                 out.source, day, len(tsdb.events), len(espn.events), len(out.events), len(out.fetched),
                 ", ".join(out.failed_leagues) or "none")
        return out


def _label(lg: LeagueEntry | None) -> LeagueLabel | None:
    return (lg.sport, lg.name, lg.ids[0] if lg.ids else None) if lg else None
