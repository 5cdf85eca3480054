"""Sports events: validate source payloads (TheSportsDB v1, ESPN scoreboard) into `Event` records.

Every record goes through a pydantic model first. A record that does not fit is skipped and counted
under a short reason (`EventBatch.skipped`), so one bad row from an API never costs the whole day.
A payload that is not an events payload at all (not JSON, wrong top-level shape) is an
`EventsFormatError` with a one-line message.

Time conventions: TheSportsDB's `strTimestamp` and `dateEvent`+`strTime` are UTC written without a
zone; ESPN's `date` is ISO 8601 with `Z`. All `Event.start_utc` values are timezone-aware UTC.
"""

from __future__ import annotations

import json
import logging
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from epgoat_assets.lib.models import Event, EventPart
from epgoat_assets.lib.sports.leagues import LeagueCatalog

log = logging.getLogger(__name__)

DAY_FILE_RE = re.compile(r"^(\d{4}-\d{2}-\d{2})\.json$")


class EventsFormatError(ValueError):
    """A file or payload that is not an events payload; the message is one line."""


@dataclass(frozen=True)
class LeagueFailure:
    """One (source, league, day) fetch that failed; the rest of the day is stored without it."""

    source: str  # thesportsdb | espn
    league: str  # the catalogue name, e.g. "NHL"
    day: date
    error: str  # one line, no secret

    def line(self) -> str:
        return f"events {self.day}: league {self.league} failed ({self.source}): {self.error}"


@dataclass
class EventBatch:
    """Events from one payload, file, request or day, with the count of skipped records per reason.

    A day fetched league by league also says which (source, league) fetches succeeded (`fetched`),
    which failed (`failures`) and which answers look cut short by a free API key (`truncated`).
    """

    events: list[Event] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)
    source: str = "snapshot"
    fetched: list[str] = field(default_factory=list)  # "thesportsdb:NBA", "espn:NBA"
    failures: list[LeagueFailure] = field(default_factory=list)
    truncated: list[str] = field(default_factory=list)  # one-line notes

    @property
    def skipped_total(self) -> int:
        return sum(self.skipped.values())

    @property
    def failed_leagues(self) -> list[str]:
        """Leagues with at least one failed fetch, in first-failure order, each once."""
        return list(dict.fromkeys(f.league for f in self.failures))

    def extend(self, other: EventBatch) -> None:
        """Append `other`'s events and add its skip counts (the source stays this batch's)."""
        self.events.extend(other.events)
        self.add_skipped(other.skipped)
        self.fetched.extend(other.fetched)
        self.failures.extend(other.failures)
        self.truncated.extend(other.truncated)

    def add_skipped(self, counts: Mapping[str, int]) -> None:
        for reason, n in counts.items():
            self.skipped[reason] = self.skipped.get(reason, 0) + n

    def summary(self) -> str:
        skipped = ", ".join(f"{r}={n}" for r, n in sorted(self.skipped.items())) or "none"
        return f"{len(self.events)} events from {self.source}, skipped: {skipped}"


# --------------------------------------------------------------------------------------------------
# Field coercion shared by the payload models


def _text(value: Any) -> str | None:
    """Source text fields: strings stripped, numbers accepted (ids arrive as ints in some mirrors),
    empty -> None. Lists/objects/booleans are a wrong type and fail validation."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError("expected text, got a boolean")
    if isinstance(value, int | float):
        value = str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)
    if not isinstance(value, str):
        raise ValueError(f"expected text, got {type(value).__name__}")
    value = value.strip()
    return value or None


class _Lenient(BaseModel):
    # Unknown fields are normal (TheSportsDB has ~60 of them); they are ignored, never an error.
    model_config = ConfigDict(extra="ignore", frozen=True)


class TSDBEventRecord(_Lenient):
    """One element of TheSportsDB v1 `events` (eventsday, eventsseason, events{next,past}league)."""

    idEvent: str | None = None
    strEvent: str | None = None
    strSport: str | None = None
    idLeague: str | None = None
    strLeague: str | None = None
    strSeason: str | None = None
    strHomeTeam: str | None = None
    strAwayTeam: str | None = None
    dateEvent: str | None = None
    strTime: str | None = None
    strTimestamp: str | None = None
    strVenue: str | None = None
    strStatus: str | None = None
    strPostponed: str | None = None
    strThumb: str | None = None
    strPoster: str | None = None
    strLeagueBadge: str | None = None

    _coerce = field_validator("*", mode="before")(lambda cls, v: _text(v))


class _RecordSkip(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _as_utc(dt: datetime) -> datetime:
    # A naive time from these sources is UTC by their documented convention.
    return dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt.astimezone(UTC)


def parse_iso_utc(text: str) -> datetime:
    """Parse an ISO 8601 timestamp as UTC: `2025-11-23T00:00:00`, `...Z`, `...+01:00`, `...T00:00Z`."""
    text = text.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    return _as_utc(datetime.fromisoformat(text))


def _tsdb_start(rec: TSDBEventRecord) -> datetime | None:
    """Kick-off in UTC: `strTimestamp`, else `dateEvent`+`strTime`.

    None when the source gives a date but no time (kick-off TBD); a time that is given but cannot be
    read makes the record unusable (`bad_time`): guessing would put the game in the wrong slot.
    """
    if rec.strTimestamp:
        try:
            return parse_iso_utc(rec.strTimestamp)
        except ValueError:
            if not (rec.dateEvent and rec.strTime):
                raise _RecordSkip("bad_time") from None
    try:
        day = date.fromisoformat(rec.dateEvent) if rec.dateEvent else None
        if day is None or not rec.strTime:
            return None
        # strTime is "19:00:00", sometimes "19:00" or "19:00:00+00:00".
        return _as_utc(datetime.combine(day, time.fromisoformat(rec.strTime.replace("Z", "+00:00"))))
    except ValueError:
        raise _RecordSkip("bad_time") from None


class _PartRecord(_Lenient):
    """One element of `epgoatParts`: the snapshot's parts of a title event (TheSportsDB has none)."""

    name: str
    start: str | None = None

    _coerce = field_validator("*", mode="before")(lambda cls, v: _text(v))


PART_NAMES = {
    "early prelims": "early prelims", "early preliminary card": "early prelims",
    "prelims": "prelims", "preliminary card": "prelims", "prelim": "prelims",
    "main card": "main card", "main": "main card",
    "qualifying": "qualifying", "qual": "qualifying", "quali": "qualifying",
    "sprint": "sprint", "sprint qualifying": "sprint qualifying", "sprint shootout": "sprint qualifying",
    "race": "race", "practice 1": "practice 1", "fp1": "practice 1", "practice 2": "practice 2",
    "fp2": "practice 2", "practice 3": "practice 3", "fp3": "practice 3",
}


def canonical_part(text: str) -> str:
    """`Main Card` -> `main card`, `FP1` -> `practice 1`; unknown names are kept, lower-cased."""
    key = " ".join(text.lower().replace("-", " ").split())
    return PART_NAMES.get(key, key)


def _parts(raw: Any) -> tuple[EventPart, ...]:
    """Validated, start-ordered parts; None when the list is not usable (the record is skipped)."""
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise _RecordSkip("bad_parts")
    parts = []
    for item in raw:
        try:
            rec = _PartRecord.model_validate(item)
            start = parse_iso_utc(rec.start) if rec.start else None
        except (ValidationError, ValueError):
            raise _RecordSkip("bad_parts") from None
        parts.append(EventPart(canonical_part(rec.name), start))
    return _ordered(parts)


def _ordered(parts: Iterable[EventPart]) -> tuple[EventPart, ...]:
    far = datetime.max.replace(tzinfo=UTC)
    return tuple(sorted(parts, key=lambda p: p.start_utc or far))


def tsdb_record_to_event(rec: TSDBEventRecord, *, source: str = "snapshot",
                         parts: tuple[EventPart, ...] = ()) -> Event:
    """Map a validated TheSportsDB record to an `Event`; raises `_RecordSkip` with the reason."""
    if not rec.idEvent:
        raise _RecordSkip("missing_id")
    if not rec.strLeague:
        raise _RecordSkip("missing_league")
    home, away = rec.strHomeTeam or "", rec.strAwayTeam or ""
    if not (home and away) and not rec.strEvent:
        raise _RecordSkip("missing_teams")
    status = rec.strStatus
    if (rec.strPostponed or "").lower() == "yes" and not status:
        status = "Postponed"
    return Event(
        event_id=rec.idEvent,
        sport=rec.strSport or "",
        league=rec.strLeague,
        home=home,
        away=away,
        start_utc=_tsdb_start(rec),
        league_id=rec.idLeague,
        title=rec.strEvent or f"{home} vs {away}",
        venue=rec.strVenue,
        status=status,
        season=rec.strSeason,
        source=source,
        thumb=rec.strThumb or rec.strPoster or rec.strLeagueBadge,
        parts=parts,
    )


def _records(payload: Any, key: str, what: str) -> list[Any]:
    if isinstance(payload, list):
        return payload
    if not isinstance(payload, Mapping):
        raise EventsFormatError(f"{what}: expected a JSON object with '{key}', got {type(payload).__name__}")
    if key not in payload:
        keys = ", ".join(list(payload)[:5]) or "none"
        raise EventsFormatError(f"{what}: no '{key}' list in the payload (keys: {keys})")
    records = payload[key]
    if records is None:  # TheSportsDB answers {"events": null} for a day without events
        return []
    if isinstance(records, str):
        # TheSportsDB puts its refusals where the list should be: {"events": "Invalid league"}.
        said = " ".join(records.split())[:120]
        raise EventsFormatError(f"{what}: the API answered {said!r} instead of a '{key}' list")
    if not isinstance(records, list):
        raise EventsFormatError(f"{what}: '{key}' is {type(records).__name__}, expected a list")
    return records


def parse_tsdb_events(payload: Any, *, source: str = "snapshot", what: str = "payload") -> EventBatch:
    """Validate a TheSportsDB `{"events": [...]}` payload (or a bare list of event records).

    Bad records are skipped and counted: `not_an_object`, `invalid_fields` (wrong types),
    `missing_id`, `missing_league`, `missing_teams`, `bad_time`, `duplicate_id`.

    A duplicate is the same id at the same kick-off (the first copy wins). The same id at two
    different kick-offs is kept twice: real data reuses ids for doubleheaders, and dropping one
    would lose a game that a channel may carry.
    """
    batch = EventBatch(source=source)
    skipped: Counter[str] = Counter()
    seen: set[tuple[str, datetime | None]] = set()
    for raw in _records(payload, "events", what):
        if not isinstance(raw, Mapping):
            skipped["not_an_object"] += 1
            continue
        try:
            event = tsdb_record_to_event(TSDBEventRecord.model_validate(raw), source=source,
                                         parts=_parts(raw.get("epgoatParts")))
        except ValidationError:
            skipped["invalid_fields"] += 1
            continue
        except _RecordSkip as skip:
            skipped[skip.reason] += 1
            continue
        if (event.event_id, event.start_utc) in seen:
            skipped["duplicate_id"] += 1
            continue
        seen.add((event.event_id, event.start_utc))
        batch.events.append(event)
    batch.skipped = dict(skipped)
    return batch


# --------------------------------------------------------------------------------------------------
# ESPN public scoreboard (`/apis/site/v2/sports/{sport}/{league}/scoreboard`)

# ESPN path -> (TheSportsDB sport, TheSportsDB league, idLeague), so both sources share league names
# and the merge can line them up. Unknown paths fall back to ESPN's own names.
ESPN_LEAGUES: dict[str, tuple[str, str, str]] = {
    "basketball/nba": ("Basketball", "NBA", "4387"),
    "hockey/nhl": ("Ice Hockey", "NHL", "4380"),
    "football/nfl": ("American Football", "NFL", "4391"),
    "baseball/mlb": ("Baseball", "MLB", "4424"),
    "soccer/eng.1": ("Soccer", "English Premier League", "4328"),
    "soccer/eng.2": ("Soccer", "English League Championship", "4329"),
    "soccer/esp.1": ("Soccer", "Spanish La Liga", "4335"),
    "soccer/ita.1": ("Soccer", "Italian Serie A", "4332"),
    "soccer/ger.1": ("Soccer", "German Bundesliga", "4331"),
    "soccer/fra.1": ("Soccer", "French Ligue 1", "4334"),
    "soccer/ned.1": ("Soccer", "Dutch Eredivisie", "4337"),
    "soccer/por.1": ("Soccer", "Portuguese Primeira Liga", "4344"),
    "soccer/sco.1": ("Soccer", "Scottish Premiership", "4330"),
    "soccer/usa.1": ("Soccer", "American Major League Soccer", "4346"),
}

_ESPN_SPORTS = {"basketball": "Basketball", "hockey": "Ice Hockey", "football": "American Football",
                "baseball": "Baseball", "soccer": "Soccer", "mma": "Fighting", "racing": "Motorsport",
                "golf": "Golf", "tennis": "Tennis", "boxing": "Fighting"}


class ESPNTeam(_Lenient):
    displayName: str | None = None
    shortDisplayName: str | None = None
    abbreviation: str | None = None
    logo: str | None = None

    _coerce = field_validator("*", mode="before")(lambda cls, v: _text(v))


class ESPNAthlete(_Lenient):
    displayName: str | None = None
    fullName: str | None = None

    _coerce = field_validator("*", mode="before")(lambda cls, v: _text(v))


class ESPNCompetitor(_Lenient):
    homeAway: str | None = None
    team: ESPNTeam | None = None
    athlete: ESPNAthlete | None = None  # MMA, racing, golf, tennis: a person, not a team

    _coerce = field_validator("homeAway", mode="before")(lambda cls, v: _text(v))


class ESPNLabel(_Lenient):
    """`type` of a session ({"abbreviation": "Race"}) or a bout's `cardSegment` ({"description": ...})."""

    abbreviation: str | None = None
    text: str | None = None
    name: str | None = None
    description: str | None = None

    _coerce = field_validator("*", mode="before")(lambda cls, v: _text(v))

    def label(self) -> str | None:
        return self.description or self.text or self.name or self.abbreviation


def _label(value: Any) -> Any:
    # Some feeds write the segment as a bare string ("Main Card").
    return {"description": value} if isinstance(value, str) else value


class ESPNVenue(_Lenient):
    fullName: str | None = None

    _coerce = field_validator("*", mode="before")(lambda cls, v: _text(v))


class ESPNStatusType(_Lenient):
    name: str | None = None
    description: str | None = None

    _coerce = field_validator("*", mode="before")(lambda cls, v: _text(v))


class ESPNStatus(_Lenient):
    type: ESPNStatusType | None = None


class ESPNCompetition(_Lenient):
    date: str | None = None
    startDate: str | None = None
    venue: ESPNVenue | None = None
    competitors: list[ESPNCompetitor] = []
    status: ESPNStatus | None = None
    type: ESPNLabel | None = None
    cardSegment: ESPNLabel | None = None

    _coerce = field_validator("date", "startDate", mode="before")(lambda cls, v: _text(v))
    _labels = field_validator("type", "cardSegment", mode="before")(lambda cls, v: _label(v))


class ESPNSeason(_Lenient):
    year: int | None = None


class ESPNEventRecord(_Lenient):
    id: str | None = None
    date: str | None = None
    name: str | None = None
    shortName: str | None = None
    season: ESPNSeason | None = None
    competitions: list[ESPNCompetition] = []
    status: ESPNStatus | None = None

    _coerce = field_validator("id", "date", "name", "shortName", mode="before")(lambda cls, v: _text(v))


# ESPN sports whose events have no two teams: a card of bouts, a weekend of sessions, a tournament.
TITLE_SPORTS = frozenset({"mma", "racing", "golf", "tennis", "boxing"})

LeagueLabel = tuple[str, str, str | None]  # (sport, league, TheSportsDB idLeague)


def _espn_title_event(rec: ESPNEventRecord, league: LeagueLabel) -> Event:
    """A fight card, race weekend or tournament: title, parts (earliest start per segment or
    session) and participants (fighters, drivers) in the order ESPN lists them."""
    if not rec.name:
        raise _RecordSkip("missing_title")
    firsts: dict[str, datetime | None] = {}
    people: list[str] = []
    for comp in rec.competitions:
        label = (comp.cardSegment or comp.type or ESPNLabel()).label()
        when_text = comp.date or comp.startDate
        try:
            when = parse_iso_utc(when_text) if when_text else None
        except ValueError:
            raise _RecordSkip("bad_time") from None
        if label:
            name = canonical_part(label)
            known = firsts.get(name)
            if name not in firsts or (when is not None and (known is None or when < known)):
                firsts[name] = when
        for c in comp.competitors:
            who = c.athlete.displayName or c.athlete.fullName if c.athlete else None
            if who and who not in people:
                people.append(who)
    parts = _ordered(EventPart(n, t) for n, t in firsts.items())
    try:
        stated = parse_iso_utc(rec.date) if rec.date else None
    except ValueError:
        raise _RecordSkip("bad_time") from None
    # A race weekend is filed under its race day; a fight card starts with its first bout.
    race = next((p.start_utc for p in parts if p.name == "race" and p.start_utc), None)
    starts = [p.start_utc for p in parts if p.start_utc]
    start = race or (min(starts) if starts else stated)
    sport, league_name, league_id = league
    status = (rec.status or ESPNStatus()).type
    venue = next((c.venue.fullName for c in rec.competitions if c.venue and c.venue.fullName), None)
    return Event(
        event_id=rec.id or "", sport=sport, league=league_name, home="", away="", start_utc=start,
        league_id=league_id, title=rec.name, venue=venue, status=status.name if status else None,
        season=str(rec.season.year) if rec.season and rec.season.year else None, source="espn",
        espn_id=rec.id, parts=parts, participants=tuple(people),
    )


def espn_record_to_event(rec: ESPNEventRecord, *, path: str, league_name: str | None = None,
                         league: LeagueLabel | None = None) -> Event:
    """`league` (sport, name, id) names the league as the catalogue does; without it the path's
    entry in `ESPN_LEAGUES`, else ESPN's own short name, is used."""
    if not rec.id:
        raise _RecordSkip("missing_id")
    sport_slug = path.split("/", 1)[0]
    if league is None:
        league = ESPN_LEAGUES.get(
            path, (_ESPN_SPORTS.get(sport_slug, sport_slug.title()), league_name or path, None))
    if sport_slug in TITLE_SPORTS:
        return _espn_title_event(rec, league)
    comp = rec.competitions[0] if rec.competitions else None
    if comp is None:
        raise _RecordSkip("missing_teams")
    sides = {c.homeAway: c.team for c in comp.competitors if c.team and c.team.displayName}
    home, away = sides.get("home"), sides.get("away")
    if home is None or away is None:
        raise _RecordSkip("missing_teams")
    when = rec.date or comp.date
    try:
        start = parse_iso_utc(when) if when else None
    except ValueError:
        raise _RecordSkip("bad_time") from None
    sport, league_title, league_id = league
    status = (rec.status or comp.status or ESPNStatus()).type
    return Event(
        event_id=rec.id,
        sport=sport,
        league=league_title,
        home=home.displayName or "",
        away=away.displayName or "",
        start_utc=start,
        league_id=league_id,
        # TheSportsDB's title convention, so titles look the same whichever source won.
        title=f"{home.displayName} vs {away.displayName}",
        venue=comp.venue.fullName if comp.venue else None,
        status=status.name if status else None,
        season=str(rec.season.year) if rec.season and rec.season.year else None,
        source="espn",
        espn_id=rec.id,
        thumb=home.logo,
    )


def catalog_label(path: str) -> LeagueLabel | None:
    """(sport, name, TheSportsDB id) of the catalogue league that lists ESPN path `path`."""
    bare = path.partition("?")[0]
    for lg in LeagueCatalog.from_config().data.leagues:
        if any(p == path or p.partition("?")[0] == bare for p in lg.espn):
            return (lg.sport, lg.name, lg.ids[0] if lg.ids else None)
    return None


def parse_espn_scoreboard(payload: Any, *, path: str, what: str = "payload",
                          league: LeagueLabel | None = None) -> EventBatch:
    """Validate an ESPN scoreboard payload for `path` (`"basketball/nba"`, `"soccer/eng.1"`).

    `league` (sport, name, TheSportsDB id) labels the events as the catalogue names the league.
    """
    batch = EventBatch(source="espn")
    skipped: Counter[str] = Counter()
    seen: set[tuple[str, datetime | None]] = set()
    if league is None and path not in ESPN_LEAGUES:
        league = catalog_label(path)
    # Only used for leagues missing from ESPN_LEAGUES: ESPN's short name, e.g. "NBA", "Prem".
    league_name = None
    leagues = payload.get("leagues") if isinstance(payload, Mapping) else None
    if isinstance(leagues, list) and leagues and isinstance(leagues[0], Mapping):
        abbreviation = leagues[0].get("abbreviation")
        league_name = _text(abbreviation) if isinstance(abbreviation, str) else None
    for raw in _records(payload, "events", what):
        if not isinstance(raw, Mapping):
            skipped["not_an_object"] += 1
            continue
        try:
            event = espn_record_to_event(ESPNEventRecord.model_validate(raw), path=path,
                                         league_name=league_name, league=league)
        except ValidationError:
            skipped["invalid_fields"] += 1
            continue
        except _RecordSkip as skip:
            skipped[skip.reason] += 1
            continue
        if (event.event_id, event.start_utc) in seen:
            skipped["duplicate_id"] += 1
            continue
        seen.add((event.event_id, event.start_utc))
        batch.events.append(event)
    batch.skipped = dict(skipped)
    return batch


# --------------------------------------------------------------------------------------------------
# TheSportsDB teams (`lookupteam.php`, `searchteams.php`)


class TSDBTeamRecord(_Lenient):
    idTeam: str
    strTeam: str
    strTeamShort: str | None = None
    strTeamAlternate: str | None = None
    strSport: str | None = None
    strLeague: str | None = None
    idLeague: str | None = None
    strStadium: str | None = None
    strKeywords: str | None = None
    strBadge: str | None = None
    strTeamBadge: str | None = None
    strCountry: str | None = None

    _coerce = field_validator("*", mode="before")(lambda cls, v: _text(v))

    @property
    def alternates(self) -> list[str]:
        """Other names: the short code, the comma-separated alternates and keywords."""
        names = [self.strTeamShort or ""]
        for field_text in (self.strTeamAlternate, self.strKeywords):
            names.extend((field_text or "").split(","))
        return [n.strip() for n in names if n and n.strip()]


def parse_tsdb_teams(payload: Any, *, what: str = "payload") -> tuple[list[TSDBTeamRecord], int]:
    """Validate a `{"teams": [...]}` payload (`null` = no team); returns the teams and the skip count."""
    teams: list[TSDBTeamRecord] = []
    skipped = 0
    for raw in _records(payload, "teams", what):
        try:
            teams.append(TSDBTeamRecord.model_validate(raw))
        except ValidationError:
            skipped += 1
    return teams, skipped


# --------------------------------------------------------------------------------------------------
# Files and folders


def read_json_file(path: Path) -> Any:
    """Read a JSON file; anything unreadable is an `EventsFormatError` naming the file."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise EventsFormatError(f"{path}: file not found") from None
    except UnicodeDecodeError:
        raise EventsFormatError(f"{path}: not a UTF-8 text file") from None
    except OSError as exc:
        raise EventsFormatError(f"{path}: cannot read ({exc.strerror or exc})") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno} col {exc.colno}"
        raise EventsFormatError(f"{path}: not valid JSON ({where}: {exc.msg})") from None


def _day_of(path: Path) -> date | None:
    m = DAY_FILE_RE.match(path.name)
    if not m:
        return None
    try:
        return date.fromisoformat(m.group(1))
    except ValueError:
        return None


def _expand(paths: str | Path | Iterable[str | Path], days: set[date] | None) -> list[Path]:
    items = [paths] if isinstance(paths, str | Path) else list(paths)
    files: list[Path] = []
    for item in items:
        p = Path(item)
        if p.is_dir():
            dated = sorted((f for f in p.iterdir() if f.is_file() and _day_of(f)), key=lambda f: f.name)
            if days is not None:
                dated = [f for f in dated if _day_of(f) in days]
            files.extend(dated)
        elif p.is_file():
            # A file named like a day is filtered like one in a folder; any other file is read whole.
            d = _day_of(p)
            if days is None or d is None or d in days:
                files.append(p)
        else:
            raise EventsFormatError(f"{p}: no such file or folder")
    return files


def load_events_batch(
    paths: str | Path | Iterable[str | Path],
    *,
    days: Iterable[date] | None = None,
    source: str = "snapshot",
) -> EventBatch:
    """Like `load_events`, but also returns the skip counts over all files."""
    wanted = set(days) if days is not None else None
    total = EventBatch(source=source)
    seen: set[tuple[str, datetime | None]] = set()
    for f in _expand(paths, wanted):
        batch = parse_tsdb_events(read_json_file(f), source=source, what=str(f))
        if batch.skipped:
            log.warning("%s: skipped %d records (%s)", f, batch.skipped_total,
                        ", ".join(f"{r}={n}" for r, n in sorted(batch.skipped.items())))
        # Adjacent day files may list the same fixture again; as within a file, only the same id at
        # the same kick-off is a duplicate (ids are reused across days in real-shaped data).
        fresh = []
        for e in batch.events:
            key = (e.event_id, e.start_utc)
            if key in seen:
                batch.skipped["duplicate_id"] = batch.skipped.get("duplicate_id", 0) + 1
                continue
            seen.add(key)
            fresh.append(e)
        batch.events = fresh
        total.extend(batch)
    return total


def load_events(
    paths: str | Path | Iterable[str | Path],
    *,
    days: Iterable[date] | None = None,
    source: str = "snapshot",
) -> list[Event]:
    """Read TheSportsDB-shaped JSON files (`{"events": [...]}`) and/or folders of `YYYY-MM-DD.json`.

    `days` keeps only the folder files (and directly named day files) for those days; other files
    are read whole. Bad records are skipped and logged; a file that is not JSON, or not an events
    payload, raises `EventsFormatError`.
    """
    return load_events_batch(paths, days=days, source=source).events
