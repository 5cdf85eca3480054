"""What an unmatched event channel's own name says it carries: a cleaned title and, when stated, a time.

A viewer needs every event channel right, not only those whose event is in our events. The name
usually says what and when (`NCAAF 01: #7 Alabama vs. #16 Mississippi State @ 3 Oct 12:00 PM ET`), so
the guide shows that, marked as coming from the channel name. It never invents: without a stated time
there is no timed programme, and placeholders, replays, highlights and studio shows never get one.

Times come from the matcher's name parser (one time grammar for the whole product). Only the provider
stamps are read here, because their zone is a provider setting the parser does not know:
`start:YYYY-MM-DD HH:MM:SS` / `stop:...` are UTC unless the provider writes another zone (some write UK
time; `learn_stamp_offset` finds it from the channels that did match), and `(YYYY-MM-DD HH:MM:SS)` is
the provider's wall time.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from typing import Literal
from zoneinfo import ZoneInfo

from epgoat_assets.lib.matching.chain import MatchSettings
from epgoat_assets.lib.matching.names import ParsedName, parse_channel_name
from epgoat_assets.lib.matching.teams import TeamResolver
from epgoat_assets.lib.models import ChannelInfo, Event, MatchResult
from epgoat_assets.lib.sports.leagues import LeagueCatalog
from epgoat_assets.lib.text import fix_text

GuideSource = Literal["event", "name", "filler"]
GUIDE_SOURCES: tuple[GuideSource, ...] = ("event", "name", "filler")

_STAMP = r"(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?"
_RE_START = re.compile(rf"\bstart\s*:\s*{_STAMP}", re.I)
_RE_STOP = re.compile(rf"\bstop\s*:\s*{_STAMP}", re.I)
_RE_WALL = re.compile(rf"\(\s*{_STAMP}\s*\)")
# A known game of a named team within this of the stated start settles what the team plays then.
_CONFLICT_WINDOW = timedelta(hours=18)
# A stop more than this after the start is not a programme length (a provider's end-of-day sentinel).
_MAX_STAMPED_MINUTES = 12 * 60
_MIN_STAMPED_MINUTES = 15

# Leftovers of times, dates and stream decorations the parser leaves inside a side or the remainder
# (`Indiana State 7:00PM` next to a wall stamp, `5:30/ Pacheco` from `5:30/8pm`).
_TIME_BITS = re.compile(
    r"(?<![\w:])\d{1,2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?\s*(?:ET|EST|EDT|CT|PT|GMT|UTC|UK|CET)?\s*/?(?=\s|$)"
    r"|(?<![\w:])\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?"
    r"|(?<![\w:])\d{1,2}\s*[ap]\.?m\.?(?!\w)", re.I)
_DECORATION = re.compile(
    r"(?<![\w'])(?:f?hd|uhd|sd|4k|8k|hevc|h\.?265|\d{3,4}p|50fps|60fps|hdr|raw|backup|live|"
    r"en vivo|en direct|tbd|tba|tbc)(?![\w'])|\[[^\]]*\]|[ᴬ-ᵡ]+", re.I)
_CODE = re.compile(r"^[A-Z]{2,4}$")
_COUNTRY_PREFIX = re.compile(r"^\s*\(?(?:US|USA|UK|CA|AU|EN|ENG|INT|LATAM|ES|FR|DE|IT)\)?\s*[|:]\s*", re.I)


class StampZoneError(ValueError):
    """A provider's stamp zone setting is neither a UTC offset in hours nor an IANA zone."""


def stamp_zone(setting: float | int | str | None) -> tzinfo:
    """The zone of a provider's `start:`/`stop:` stamps: hours east of UTC, or an IANA name."""
    if setting is None or setting == "":
        return UTC
    if isinstance(setting, int | float):
        if not -14 <= setting <= 14:
            raise StampZoneError(f"stamp_utc_offset {setting} is not between -14 and 14 hours")
        return UTC if setting == 0 else timezone(timedelta(hours=setting))
    try:
        return ZoneInfo(setting)
    except (KeyError, ValueError) as exc:
        raise StampZoneError(f"stamp_utc_offset {setting!r}: use hours (0, 1, -5) or an IANA zone") from exc


@dataclass(frozen=True, slots=True)
class Stamps:
    """The provider stamps of a name, as written (naive wall-clock values)."""

    start: datetime | None = None
    stop: datetime | None = None
    wall: datetime | None = None  # `(YYYY-MM-DD HH:MM:SS)`: the provider's wall time


def _stamp(m: re.Match[str] | None) -> datetime | None:
    if m is None:
        return None
    y, mo, d, h, mi = (int(m.group(i)) for i in range(1, 6))
    try:
        return datetime(y, mo, d, h, mi)
    except ValueError:
        return None


def read_stamps(name: str) -> Stamps:
    return Stamps(start=_stamp(_RE_START.search(name)), stop=_stamp(_RE_STOP.search(name)),
                  wall=_stamp(_RE_WALL.search(name)))


def learn_stamp_offset(results: Iterable[MatchResult], *, min_samples: int = 2) -> float | None:
    """Hours a provider's `start:` stamps run ahead of UTC, learned from its matched channels.

    Providers stamp the stream's opening, 5-30 min before the start, so each matched channel votes for
    the whole hour nearest to (stamp - real start); a clear majority of enough votes settles it.
    """
    votes: Counter[int] = Counter()
    for r in results:
        if r.status != "matched" or r.event is None or r.event.start_utc is None:
            continue
        st = read_stamps(r.channel.name).start
        if st is None:
            continue
        real = r.event.start_utc.astimezone(UTC).replace(tzinfo=None)
        hours = (st - real).total_seconds() / 3600
        if abs(hours) <= 14:
            votes[round(hours)] += 1
    total = sum(votes.values())
    if total < min_samples:
        return None
    best, n = votes.most_common(1)[0]
    return float(best) if n * 3 >= total * 2 else None


@dataclass(frozen=True, slots=True)
class NamePlan:
    """What the guide can say about one event channel from its name alone."""

    title: str  # cleaned: the sides (`Alabama vs Mississippi State`) or the event's own title
    start_utc: datetime | None  # the stated start (aware UTC); None = the name states no time
    stop_utc: datetime | None = None  # from a `stop:` stamp
    league: str | None = None
    sport: str | None = None
    decoy: bool = False  # placeholder, replay, highlights or studio show: never a game
    time_from: str = ""  # name | start stamp | wall stamp
    conflict: str = ""  # why the known events contradict the name (a stale or wrong-day name)
    full_title: str = ""  # the sides with codes spelled out (`New York Yankees at ...`), when known

    @property
    def timed(self) -> bool:
        return self.start_utc is not None and not self.decoy and not self.conflict


def _fold(s: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[^\w+ ]", " ", fix_text(s).casefold())).strip()


def _clean_part(text: str | None) -> str:
    if not text:
        return ""
    text = _TIME_BITS.sub(" ", text)
    text = _DECORATION.sub(" ", text)
    text = re.sub(r"[()\[\]{}]", " ", text)
    text = re.sub(r"\s+", " ", text)
    return text.strip(" -–—|:,;/@.")


class NameReader:
    """Reads unmatched event channels' names for one provider and day."""

    def __init__(
        self,
        *,
        on_date: date,
        tz: str,
        date_order: str = "mdy",
        stamp_tz: tzinfo = UTC,
        catalog: LeagueCatalog | None = None,
        teams: TeamResolver | None = None,
        known_events: Iterable[Event] = (),
    ) -> None:
        self.on_date = on_date
        self.tz = tz
        self.zone = ZoneInfo(tz)
        self.date_order = date_order
        self.stamp_tz = stamp_tz
        self.catalog = catalog or LeagueCatalog.from_config()
        self._teams = teams
        self._sides: dict[str, str] = {}
        # Events the guide may use to doubt a name (a wider span of days than the matcher's window):
        # team -> its games, for the teams both sides of a name resolve to.
        self._games: dict[str, list[Event]] = {}
        # league -> its games' starts: a league whose day the events cover speaks for its teams
        self._league_starts: dict[str, list[datetime]] = {}
        self._by_id: dict[str, Event] = {}
        for ev in known_events:
            self._by_id[ev.event_id] = ev
            if ev.start_utc is not None:
                for team in (ev.home, ev.away):
                    self._games.setdefault(team, []).append(ev)
                self._league_starts.setdefault(ev.league, []).append(ev.start_utc)
        if self._games and self._teams is None:
            self._teams = TeamResolver.from_config(events=[e for evs in self._games.values() for e in evs])

    @property
    def teams(self) -> TeamResolver:
        if self._teams is None:
            self._teams = TeamResolver.from_config()
        return self._teams

    def _expand_codes(self, a: str, b: str, league: str | None) -> tuple[str, str]:
        """`NYY at AZ` -> `New York Yankees at Arizona Diamondbacks`, only when both sides read as
        teams of one league and each code names exactly one team there; anything else stays verbatim."""
        if not (_CODE.match(a) or _CODE.match(b)):
            return a, b
        leagues = [league] if league else sorted(
            {lg for h in self.teams.resolve(a).hits for lg in self.teams.leagues_of(h.team)}
            & {lg for h in self.teams.resolve(b).hits for lg in self.teams.leagues_of(h.team)})
        if len(leagues) != 1:
            return a, b
        ra, rb = self.teams.resolve(a, leagues[0]), self.teams.resolve(b, leagues[0])
        if ra.team is None or rb.team is None or ra.team == rb.team:
            return a, b
        return (ra.team if _CODE.match(a) else a), (rb.team if _CODE.match(b) else b)

    def _league(self, ch: ChannelInfo, parsed: ParsedName) -> tuple[str | None, str | None]:
        hint = self.catalog.hint(ch.league_hint, ch.family, parsed.league_hint, parsed.rest)
        if hint is None:
            return None, None
        return hint.league, hint.sport or (self.catalog.sport_of(hint.league) if hint.league else None)

    def _is_label(self, text: str, family: str | None) -> bool:
        """A league label or the family itself (`NFL`, `Premier League`): not part of a title."""
        f = _fold(text)
        if not f or (family and f == _fold(family)):
            return True
        hint = self.catalog.hint(text)
        return hint is not None and _fold(hint.keyword) == f

    def _side(self, text: str | None) -> str:
        # Backup and language feeds repeat their sides: each side is cleaned once per reader.
        key = text or ""
        if key not in self._sides:
            self._sides[key] = self._clean_side(text)
        return self._sides[key]

    def _clean_side(self, text: str | None) -> str:
        text = _clean_part(text)
        stripped = self.catalog.strip_label(text) if text else None  # `TNF 49ers` -> `49ers`
        text = _clean_part(stripped) if stripped else text
        words = text.split()
        if len(words) > 1 and self._is_label(words[-1], None):  # `Patriots NFL` -> `Patriots`
            text = " ".join(words[:-1])
        return text

    def full_names(self, parsed: ParsedName, league: str | None) -> str:
        """`New York Yankees at Arizona Diamondbacks` for `NYY at AZ`, or "" when nothing expands."""
        a, b = self._side(parsed.side_a), self._side(parsed.side_b)
        if not a or not b or parsed.placeholder:
            return ""
        fa, fb = self._expand_codes(a, b, league)
        if (fa, fb) == (a, b):
            return ""
        return f"{fa} {'at' if parsed.separator in ('@', 'at') else 'vs'} {fb}"

    def title(self, ch: ChannelInfo, parsed: ParsedName) -> str:
        # The name's own words: viewers recognise what their provider wrote.
        a, b = self._side(parsed.side_a), self._side(parsed.side_b)
        if a and b and not parsed.placeholder:
            joiner = "at" if parsed.separator in ("@", "at") else "vs"
            return f"{a} {joiner} {b}"
        body = _clean_part(parsed.rest) if not parsed.placeholder else ""
        label = _clean_part(parsed.league_hint)
        if label and not self._is_label(label, ch.family):
            body = f"{label}: {body}" if body else label  # `UFC 323: PRELIMS`
        if body and not self._is_label(body, ch.family):
            return body
        return self._raw_title(ch)

    def _raw_title(self, ch: ChannelInfo) -> str:
        """The name without country, family and slot, stamps and stream decorations."""
        text = fix_text(ch.name)
        text = _RE_START.sub(" ", _RE_STOP.sub(" ", _RE_WALL.sub(" ", text)))
        text = _COUNTRY_PREFIX.sub("", text)
        if ch.family:
            slot = rf"0*{ch.slot}\b\W*" if ch.slot is not None else ""
            text = re.sub(rf"^\W*{re.escape(ch.family)}(?:\W*{slot}|[:|]\s*)", "", text, count=1, flags=re.I) or text
        text = _clean_part(_DECORATION.sub(" ", text))
        if not text or (ch.family and _fold(text) == _fold(ch.family)):
            return " ".join(ch.name.split()) or (ch.family or "")  # `NBA 14`: the slot's own name
        return text

    def _conflict(self, a: str | None, b: str | None, league: str | None, start: datetime) -> str:
        """Why the known events say the name cannot be right at `start`, or "".

        The name is stale (a fixture on another day, `NHL 2: SABRES vs CANADIENS 730PM`) when its two
        teams meet at another time and not near `start`; it is wrong when a named team plays someone
        else near `start`. A side the events do not know is no evidence either way.
        """
        if not self._games or not a or not b:
            return ""
        ta, tb = self.teams.resolve(a, league).team, self.teams.resolve(b, league).team
        if ta is None or tb is None or ta == tb:
            return ""
        near = [e for t in (ta, tb) for e in self._games.get(t, [])
                if abs(e.start_utc - start) <= _CONFLICT_WINDOW]  # type: ignore[operator]
        if any({e.home, e.away} == {ta, tb} for e in near):
            return ""
        if near:
            other = near[0]
            return f"{other.display_title} is the game then"
        if any({e.home, e.away} == {ta, tb} for e in self._games.get(ta, [])):
            return f"{ta} v {tb} is on another day"
        # Both clubs of a league whose games that day the events hold, and neither plays then:
        # a fixture of another day (`13:45 Liga de Escocia – Dundee vs Kilmarnock` on a day
        # Dundee and Kilmarnock are idle).
        for lg in self.teams.leagues_of(ta) & self.teams.leagues_of(tb):
            if any(abs(t - start) <= _CONFLICT_WINDOW for t in self._league_starts.get(lg, ())):
                return f"{ta} and {tb} have no {lg} game then"
        return ""

    def _start(self, parsed: ParsedName, stamps: Stamps) -> tuple[datetime | None, str]:
        if stamps.start is not None:
            return stamps.start.replace(tzinfo=self.stamp_tz).astimezone(UTC), "start stamp"
        if stamps.wall is not None:
            return stamps.wall.replace(tzinfo=self.zone).astimezone(UTC), "wall stamp"
        if parsed.start_utc is not None:
            return parsed.start_utc.astimezone(UTC), "name"
        return None, ""

    def series_games(self, result: MatchResult) -> list[Event]:
        """The games an event channel left ambiguous between games of one fixture (`Guardians vs
        Twins` on a list whose day is not settled: Saturday evening's and Sunday's): the channel
        carries that fixture, so each is a programme of it. Empty for any other channel."""
        if result.status == "matched" or result.reason != "ambiguous" or len(result.candidates) < 2:
            return []
        # the candidates that tied, as the matcher's margin had them
        top = max(c.score for c in result.candidates)
        margin = MatchSettings().ambiguity_margin
        games = [self._by_id.get(c.event_id) for c in result.candidates if c.score >= top - margin]
        if any(g is None or g.start_utc is None for g in games):
            return []
        pairs = {frozenset((g.home, g.away)) for g in games if g is not None}
        return [g for g in games if g is not None] if len(pairs) == 1 else []

    def plan(self, ch: ChannelInfo) -> NamePlan:
        """What the name states, how it would be shown, and whether the known events contradict it."""
        parsed = parse_channel_name(ch.name, on_date=self.on_date, default_tz=self.tz,
                                    date_order=self.date_order)
        decoy = bool(ch.placeholder or parsed.placeholder or parsed.replay or parsed.highlights or parsed.studio)
        league, sport = self._league(ch, parsed)
        title = self._raw_title(ch) if decoy else self.title(ch, parsed)
        stamps = read_stamps(ch.name)
        start, source = self._start(parsed, stamps)
        stop = None
        if start is not None and stamps.start is not None and stamps.stop is not None:
            stop = stamps.stop.replace(tzinfo=self.stamp_tz).astimezone(UTC)
            minutes = (stop - start).total_seconds() / 60
            if not _MIN_STAMPED_MINUTES <= minutes <= _MAX_STAMPED_MINUTES:
                stop = None
        conflict = ""
        if start is not None and not decoy:
            conflict = self._conflict(self._side(parsed.side_a), self._side(parsed.side_b), league, start)
        return NamePlan(title=title, start_utc=start, stop_utc=stop, league=league, sport=sport, decoy=decoy,
                        time_from=source, conflict=conflict,
                        full_title="" if decoy else self.full_names(parsed, league))


def guide_coverage(sources: dict[int, str], results: Iterable[MatchResult]) -> dict[str, float | int]:
    """Event channels with a timed programme (from a matched event or the name), over event channels.

    The denominator is the match rate's: event channels without empty placeholder slots.
    """
    event_channels = [r for r in results if r.channel.is_event_channel and not r.channel.placeholder]
    timed = sum(1 for r in event_channels if sources.get(r.entry.index) in ("event", "name"))
    by_source = Counter(sources.get(r.entry.index, "filler") for r in event_channels)
    n = len(event_channels)
    return {
        "event_channels": n,
        "timed": timed,
        "from_event": by_source.get("event", 0),
        "from_name": by_source.get("name", 0),
        "filler": by_source.get("filler", 0),
        "guide_coverage": round(timed / n, 4) if n else 0.0,
    }
