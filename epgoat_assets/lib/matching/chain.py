"""The matching chain: decide for every event channel which event it carries, or that it carries none.

A match is a fixture decision, not a string similarity: both named sides must resolve to two
different teams of the same candidate event (either order), inside the time the name states when its
zone is known. A wrong match is worse than no match, so every rejection keeps its reason and the
nearest candidates for operators.

After the gates (VOD, manual override, not an event channel, placeholder, replay/highlights/studio),
`Matcher.chain` is a list of links with one interface (`Handler.handle`), tried in order; the first
that settles the channel wins and its `name` is recorded as the result's handler:
  1 match_cache -> 2 event_details_cache -> 3 local_events -> 4 regex_fuzzy -> 5 title_events
  -> 6 cross_provider_cache -> 7 api_lookup -> 8 llm
Links 3 and 4 are pure logic; the others wrap storage or services passed in (the Protocols below),
so the pipeline backs them with the warehouse and HTTP and the tests with the in-memory ones. A link
whose storage or service is absent is not in the list.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Protocol, runtime_checkable

from epgoat_assets.lib.matching.names import ParsedName, parse_channel_name, zone_info
from epgoat_assets.lib.matching.teams import Resolution, TeamHit, TeamResolver, norm
from epgoat_assets.lib.matching.titles import match_title
from epgoat_assets.lib.models import Candidate, ChannelInfo, Event, MatchResult
from epgoat_assets.lib.records import record_builder
from epgoat_assets.lib.sports.leagues import LeagueCatalog, LeagueHint

# --- pluggable handlers ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CachedDecision:
    event_id: str | None  # None: "this name carries no event" (only honoured from overrides)
    confidence: float = 1.0
    handler: str = ""


@runtime_checkable
class MatchCache(Protocol):
    """Handler 1: decisions already taken for (provider, exact name, day)."""

    def get(self, provider: str, name: str, day: date) -> CachedDecision | None: ...

    def put(self, provider: str, name: str, day: date, decision: CachedDecision) -> None: ...


@runtime_checkable
class EventDetailsCache(Protocol):
    """Handler 2: events fetched earlier (e.g. by the live lookup) that the local DB lacks."""

    def get(self, event_id: str) -> Event | None: ...

    def events_for(self, team_names: Iterable[str], day: date) -> list[Event]: ...


@runtime_checkable
class CrossProviderCache(Protocol):
    """Handler 5: what other providers' channels with the same fixture text were matched to."""

    def get(self, fixture_key: str, day: date) -> CachedDecision | None: ...

    def put(self, fixture_key: str, day: date, decision: CachedDecision) -> None: ...


@runtime_checkable
class EventLookup(Protocol):
    """Handler 6: a live API search; returns candidate events that are then judged here."""

    def search(self, side_a: str, side_b: str | None, day: date) -> list[Event]: ...


@runtime_checkable
class LLMResolver(Protocol):
    """Handler 7: picks one of the given candidates' event ids, or None."""

    def resolve(self, channel: ChannelInfo, parsed: ParsedName,
                candidates: Sequence[Candidate]) -> str | None: ...


class InMemoryMatchCache:
    def __init__(self) -> None:
        self.data: dict[tuple[str, str, date], CachedDecision] = {}

    def get(self, provider: str, name: str, day: date) -> CachedDecision | None:
        return self.data.get((provider, name, day))

    def put(self, provider: str, name: str, day: date, decision: CachedDecision) -> None:
        self.data[(provider, name, day)] = decision


class InMemoryEventDetailsCache:
    def __init__(self, events: Iterable[Event] = ()) -> None:
        self.by_id: dict[str, Event] = {e.event_id: e for e in events}

    def add(self, event: Event) -> None:
        self.by_id[event.event_id] = event

    def get(self, event_id: str) -> Event | None:
        return self.by_id.get(event_id)

    def events_for(self, team_names: Iterable[str], day: date) -> list[Event]:
        names = set(team_names)
        return [e for e in self.by_id.values() if (e.home in names or e.away in names)
                and e.start_utc is not None and abs((e.start_utc.date() - day).days) <= 1]


class InMemoryCrossProviderCache:
    def __init__(self) -> None:
        self.data: dict[tuple[str, date], CachedDecision] = {}

    def get(self, fixture_key: str, day: date) -> CachedDecision | None:
        return self.data.get((fixture_key, day))

    def put(self, fixture_key: str, day: date, decision: CachedDecision) -> None:
        self.data[(fixture_key, day)] = decision


# --- settings -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MatchSettings:
    min_confidence: float = 0.6  # matches below are not emitted (reason low_confidence)
    trusted_tolerance_min: float = 100.0  # stated time with known zone: hard gate
    trusted_full_credit_min: float = 35.0  # "stream available" times run 10-30 min early
    untrusted_tolerance_h: float = 14.0  # zone assumed: a zone error is at most this
    day_margin_h: float = 6.0  # no time stated: the local day plus this margin
    ambiguity_margin: float = 0.04  # top two candidates closer than this: ambiguous
    one_side_confidence: float = 0.5  # one side only, unique in the window (below the default bar)
    prefix_min_chars: int = 3  # truncated opponent (`Celtics vs Ma`) counts as that team
    next_day_before_hour: int = 6  # a stated local time before this may mean the next day
    # The zones a clock written without one is read in when its own day finds nothing: the
    # provider's lists are kept by these, from the Americas to central and eastern Europe.
    clock_zones: tuple[str, ...] = (
        "America/Los_Angeles", "America/Denver", "America/Chicago", "America/Mexico_City",
        "America/New_York", "America/Sao_Paulo", "America/Argentina/Buenos_Aires", "UTC",
        "Europe/London", "Europe/Madrid", "Europe/Athens")
    near_candidates: int = 3
    # Another zone whose calendar day the playlist may follow (its own zone not settled): a dateless,
    # timeless name then takes no game over another on either day, so a series stays ambiguous.
    other_day_tz: str | None = None


_FIXTURE_FAMILY = "EVENT"  # the family of an event channel recognised by its fixture alone
_make_result = record_builder(MatchResult)

# --- the matcher ----------------------------------------------------------------------------------

HANDLERS = ("override", "match_cache", "event_details_cache", "local_events", "regex_fuzzy",
            "title_events", "cross_provider_cache", "api_lookup", "llm")


@dataclass(slots=True)
class _Scored:
    event: Event
    score: float
    team_score: float
    time_factor: float
    why: str


@dataclass(slots=True)
class _Decision:
    event: Event | None
    confidence: float = 0.0
    reason: str = ""
    candidates: list[_Scored] = field(default_factory=list)


class Matcher:
    def __init__(self, events: Sequence[Event], *, resolver: TeamResolver | None = None,
                 settings: MatchSettings | None = None, catalog: LeagueCatalog | None = None,
                 overrides: Mapping[str, str | None] | None = None,
                 match_cache: MatchCache | None = None,
                 event_details: EventDetailsCache | None = None,
                 cross_provider: CrossProviderCache | None = None,
                 api_lookup: EventLookup | None = None, llm: LLMResolver | None = None):
        self.settings = settings or MatchSettings()
        self.resolver = resolver or TeamResolver.from_config(events=events)
        if resolver is not None:
            self.resolver.add_events(events)
        self.catalog = catalog or self.resolver.catalog or LeagueCatalog.from_config()
        self.overrides = dict(overrides or {})
        self.match_cache = match_cache
        self.event_details = event_details
        self.cross_provider = cross_provider
        self.api_lookup = api_lookup
        self.llm = llm
        # The chain, cheapest first; a link whose storage or service is absent is left out.
        links: list[Handler | None] = [
            MatchCacheLink(match_cache) if match_cache is not None else None,
            EventDetailsLink(event_details) if event_details is not None else None,
            LocalEventsLink(),
            RegexFuzzyLink(),
            TitleEventsLink(),
            CrossProviderLink(cross_provider) if cross_provider is not None else None,
            ApiLookupLink(api_lookup) if api_lookup is not None else None,
            LlmLink(llm) if llm is not None else None,
        ]
        self.chain: list[Handler] = [h for h in links if h is not None]
        self.events = [e for e in events if e.start_utc is not None]
        self.title_events = [e for e in self.events if e.is_title_event and e.title]
        self._titles_near: dict[date, list[Event]] = {}  # on_date -> title events of its days
        self.by_id = {e.event_id: e for e in events}
        self._by_team: dict[str, list[tuple[datetime, Event]]] = defaultdict(list)
        for e in self.events:
            for t in {e.home, e.away}:
                self._by_team[t].append((e.start_utc, e))  # type: ignore[arg-type]
        for lst in self._by_team.values():
            lst.sort(key=lambda p: p[0])
        self._keys = {t: [p[0] for p in lst] for t, lst in self._by_team.items()}

    # --- public -----------------------------------------------------------------------------------
    def match(self, channels: Sequence[ChannelInfo], *, on_date: date, provider: str = "",
              default_tz: str = "America/New_York", date_order: str = "mdy") -> list[MatchResult]:
        zone_info(default_tz)  # a bad zone is a one-line error before any work
        # An ordinary live channel (no family, no fixture) is no event channel whatever the links
        # hold, unless an override names it: `_match_one`'s own answer, given without running it
        # for the tens of thousands of such entries in a provider's playlist.
        shortcut = not self.overrides
        return [_make_result(ch, "unmatched", None, None, 0.0, "not_event_channel", ())
                if shortcut and ch.filtered_by is None and ch.family is None and ch.recognised_by != "fixture"
                else self.match_one(ch, on_date=on_date, provider=provider, default_tz=default_tz,
                                    date_order=date_order)
                for ch in channels]

    def match_one(self, ch: ChannelInfo, *, on_date: date, provider: str = "",
                  default_tz: str = "America/New_York", date_order: str = "mdy") -> MatchResult:
        res = self._match_one(ch, on_date=on_date, provider=provider, default_tz=default_tz,
                              date_order=date_order)
        if ch.recognised_by == "fixture":
            if res.status != "matched":
                # Only its `vs`/`@` spoke for it, and no event confirmed it: an ordinary channel.
                return MatchResult(ch, "unmatched", reason="not_event_channel")
            # The event confirmed it: from now on an event channel like any other.
            return replace(res, channel=replace(ch, family=_FIXTURE_FAMILY))
        return res

    def _match_one(self, ch: ChannelInfo, *, on_date: date, provider: str = "",
                   default_tz: str = "America/New_York", date_order: str = "mdy") -> MatchResult:
        if ch.filtered_by is not None:
            return MatchResult(ch, "filtered", reason=f"filtered:{ch.filtered_by}")
        name = ch.name
        ov = self._override(ch)
        if ov is not None:
            return ov
        if ch.family is None and ch.recognised_by != "fixture":
            return MatchResult(ch, "unmatched", reason="not_event_channel")
        if ch.placeholder:
            return MatchResult(ch, "unmatched", reason="placeholder")
        parsed = parse_channel_name(name, on_date=on_date, default_tz=default_tz,
                                    date_order=date_order)
        if parsed.placeholder:
            return MatchResult(ch, "unmatched", reason="placeholder")
        for flag in ("replay", "highlights", "studio"):
            if getattr(parsed, flag):
                return MatchResult(ch, "unmatched", reason=flag)
        if not parsed.side_a:
            return MatchResult(ch, "unmatched", reason="no_teams_parsed")

        first: Attempt | None = None
        # Every reading of the sides the name allows, the plain one first; the first settled wins.
        for reading in (parsed, *(replace(parsed, side_a=a, side_b=b, alt_sides=())
                                  for a, b in parsed.alt_sides)):
            attempt = Attempt(ch, reading, on_date, provider, default_tz, date_order)
            for handler in self.chain:
                res = handler.handle(self, attempt)
                if res is not None:
                    return res
            first = first or attempt
        assert first is not None
        return MatchResult(ch, "unmatched", reason=first.reason or "no_candidate_in_window",
                           candidates=tuple(self._candidate(c) for c in first.near[
                               : self.settings.near_candidates]))

    def resolved(self, a: Attempt) -> tuple[LeagueHint | None, Resolution, Resolution | None]:
        """The league hint and both sides resolved by name, alias or nickname (computed once)."""
        if a.resolved is None:
            hint = self.catalog.hint(a.channel.family, a.channel.league_hint, a.parsed.league_hint)
            ra, rb = self._resolve(a.parsed, hint)
            a.resolved = (hint, ra, rb)
        return a.resolved

    @staticmethod
    def fixture_key(parsed: ParsedName) -> str:
        """Provider-independent key of the named fixture: the two sides, sorted, normalised."""
        sides = sorted(norm(x) for x in parsed.sides if x)
        return " | ".join(sides) if len(sides) == 2 else ""

    # --- internals --------------------------------------------------------------------------------
    def _override(self, ch: ChannelInfo) -> MatchResult | None:
        if not self.overrides:
            return None
        for key in (ch.entry.url, ch.entry.name, ch.name):
            if key in self.overrides:
                eid = self.overrides[key]
                if eid is None or eid == "":
                    return MatchResult(ch, "unmatched", handler="override", reason="override_no_event")
                ev = self._event(eid)
                if ev is None:
                    return MatchResult(ch, "unmatched", handler="override",
                                       reason=f"override_event_unknown:{eid}")
                return MatchResult(ch, "matched", event=ev, handler="override", confidence=1.0,
                                   reason="override")
        return None

    def _event(self, event_id: str) -> Event | None:
        ev = self.by_id.get(event_id)
        if ev is None and self.event_details is not None:
            ev = self.event_details.get(event_id)
        return ev

    def _emit(self, ch: ChannelInfo, ev: Event, handler: str, conf: float, reason: str,
              cands: list[_Scored]) -> MatchResult:
        if conf < self.settings.min_confidence:
            return MatchResult(ch, "unmatched", handler=handler, confidence=conf,
                               reason="low_confidence",
                               candidates=tuple(self._candidate(c) for c in cands[:3]))
        return MatchResult(ch, "matched", event=ev, handler=handler, confidence=round(conf, 4),
                           reason=reason, candidates=tuple(self._candidate(c) for c in cands[:3]))

    def _finish(self, ch: ChannelInfo, parsed: ParsedName, d: _Decision, handler: str,
                provider: str, on_date: date) -> MatchResult:
        assert d.event is not None
        res = self._emit(ch, d.event, handler, d.confidence, d.reason, d.candidates)
        if res.status == "matched":
            dec = CachedDecision(d.event.event_id, res.confidence, handler)
            if self.match_cache is not None:
                self.match_cache.put(provider, ch.name, on_date, dec)
            key = self.fixture_key(parsed)
            if self.cross_provider is not None and key and res.confidence >= 0.8:
                self.cross_provider.put(key, on_date, dec)
        return res

    @staticmethod
    def _candidate(c: _Scored) -> Candidate:
        return Candidate(c.event.event_id, round(c.score, 4), c.why)

    def _resolve(self, parsed: ParsedName, hint: LeagueHint | None, fuzzy: bool = False
                 ) -> tuple[Resolution, Resolution | None]:
        league = hint.league if hint is not None else None

        def one(text: str | None) -> Resolution | None:
            if text is None:
                return None
            r = self.resolver.resolve(text, league)
            if not r.hits:
                bare = self.catalog.strip_label(text)
                if bare:
                    r = Resolution(text, self.resolver.resolve(bare, league).hits)
            if not r.hits:
                r = self.resolver.resolve_within(text, league)
            if not fuzzy:
                r = Resolution(r.text, tuple(h for h in r.hits if h.method != "fuzzy"))
            if hint is not None and hint.league is None and hint.sport is not None:
                r = Resolution(r.text, tuple(h for h in r.hits if self._team_sport_ok(
                    h.team, hint.sport)))
            return r

        a = one(parsed.side_a)
        assert a is not None
        return a, one(parsed.side_b)

    def _team_sport_ok(self, team: str, sport: str) -> bool:
        t = self.resolver.teams.get(team)
        return t is None or not t.sports or sport in t.sports

    def _window(self, parsed: ParsedName, on_date: date, default_tz: str
                ) -> list[tuple[datetime, datetime, float, bool]]:
        """Time windows to search, in order of preference, each with its base time factor and
        whether the stated time scores the candidates in it."""
        s = self.settings
        if parsed.start_utc is not None:
            t = parsed.start_utc
            if parsed.time_trusted:
                tol = timedelta(minutes=s.trusted_tolerance_min)
                wins = [(t - tol, t + tol, 1.0, True)]
                if not parsed.date_explicit and parsed.local_hour is not None and \
                        parsed.local_hour < s.next_day_before_hour:
                    # "12:30 AM ET" on a day's slate is the night after it, not the night before;
                    # only small hours shift, or a series' next game would match a wrong time.
                    t1 = t + timedelta(days=1)
                    wins.append((t1 - tol, t1 + tol, 0.95, True))
                if parsed.alt_start_utc is not None:
                    ta = parsed.alt_start_utc
                    wins.append((ta - tol, ta + tol, 0.95, True))
                return wins
            tol = timedelta(hours=s.untrusted_tolerance_h)
            wins = [(t - tol, t + tol, 0.85, True)]
            if not parsed.date_explicit:
                # A clock without its zone or date is weak evidence: an agenda lists the small
                # hours at the end of the day before, and a list kept by another zone's day puts
                # an evening game on the next one. Nothing there: the name's day, as if no time
                # were written, reaches no further than a name without one would.
                wins.append((*self._day_window(parsed, on_date, default_tz), 0.85, False))
            return wins
        return [(*self._day_window(parsed, on_date, default_tz), 0.85, False)]

    def _day_window(self, parsed: ParsedName, on_date: date, default_tz: str) -> tuple[datetime, datetime]:
        day = parsed.date or on_date
        start = datetime.combine(day, time(0, 0), tzinfo=zone_info(default_tz)).astimezone(UTC)
        margin = timedelta(hours=self.settings.day_margin_h)
        return start - margin, start + timedelta(days=1) + margin

    def _events_of(self, team: str, lo: datetime, hi: datetime,
                   extra: Sequence[Event] | None) -> list[Event]:
        if extra is not None:
            return [e for e in extra if team in (e.home, e.away) and e.start_utc is not None
                    and lo <= e.start_utc <= hi]
        keys = self._keys.get(team)
        if not keys:
            return []
        lst = self._by_team[team]
        i, j = bisect.bisect_left(keys, lo), bisect.bisect_right(keys, hi)
        return [p[1] for p in lst[i:j]]

    def _clock_fits(self, parsed: ParsedName, ev: Event, default_tz: str) -> bool:
        """Whether the event starts at the name's zoneless clock time in one of the usual zones
        (the stream may open up to `trusted_full_credit_min` before the start, 5 minutes after)."""
        assert parsed.start_utc is not None and ev.start_utc is not None
        wall = parsed.start_utc.astimezone(zone_info(default_tz))
        stated = wall.hour * 60 + wall.minute
        for z in self.settings.clock_zones:
            at = ev.start_utc.astimezone(zone_info(z))
            diff = (at.hour * 60 + at.minute - stated) % 1440
            diff = diff - 1440 if diff > 720 else diff
            if -5 <= diff <= self.settings.trusted_full_credit_min:
                return True
        return False

    def _time_factor(self, parsed: ParsedName, ev: Event, base: float, on_date: date,
                     default_tz: str, timed: bool = True) -> float:
        s = self.settings
        assert ev.start_utc is not None
        if not timed:
            parsed = replace(parsed, start_utc=None)
        if parsed.start_utc is not None and parsed.time_trusted:
            diffs = [abs((ev.start_utc - parsed.start_utc - timedelta(days=k)).total_seconds())
                     / 60 for k in (0, 1)]
            if parsed.alt_start_utc is not None:
                diffs.append(abs((ev.start_utc - parsed.alt_start_utc).total_seconds()) / 60)
            d = min(diffs)
            if d <= s.trusted_full_credit_min:
                return base
            return base * max(0.6, 1 - 0.25 * (d - s.trusted_full_credit_min) / 60)
        if parsed.start_utc is not None:
            h = abs((ev.start_utc - parsed.start_utc).total_seconds()) / 3600
            return base * max(0.7, 1 - 0.02 * h)
        # no time: prefer the local day of the partition/name date, or of the other zone's day
        # when the list's day is not settled. Games of one fixture on one of those days tie (a
        # series' evening before, in the small hours of a UK day, and that day's game): nothing in
        # a dateless name tells them apart, and a tie is no match.
        day = parsed.date or on_date
        zones = (default_tz,) if s.other_day_tz is None else (default_tz, s.other_day_tz)
        on_day = any(ev.start_utc.astimezone(zone_info(z)).date() == day for z in zones)
        return base if on_day else base * 0.85

    def _league_ok(self, ev: Event, hint: LeagueHint | None) -> bool:
        if hint is not None and not hint.allows(ev.league, ev.sport, ev.league_id):
            return False
        # veto a candidate whose league neither team is known to play in
        lh, la = self.resolver.leagues_of(ev.home), self.resolver.leagues_of(ev.away)
        return not ((lh or la) and ev.league not in lh | la)

    def _decide(self, parsed: ParsedName, hint: LeagueHint | None, ra: Resolution,
                rb: Resolution | None, extra: Sequence[Event] | None, on_date: date,
                default_tz: str, *, allow_partial: bool) -> _Decision:
        s = self.settings
        if not ra.hits and (rb is None or not rb.hits):
            return _Decision(None, reason="no_teams_parsed" if rb is None and not ra.hits
                             and not parsed.side_a else "teams_unresolved")
        saw_any = False
        rejected: list[_Scored] = []
        for lo, hi, base, timed in self._window(parsed, on_date, default_tz):
            scored: list[_Scored] = []
            near: list[_Scored] = []
            seen: set[str] = set()
            teams = set(ra.names) | (set(rb.names) if rb is not None else set())
            for team in teams:
                for ev in self._events_of(team, lo, hi, extra):
                    if ev.event_id in seen:
                        continue
                    seen.add(ev.event_id)
                    saw_any = True
                    if not self._league_ok(ev, hint):
                        continue
                    if not timed and parsed.start_utc is not None and \
                            not self._clock_fits(parsed, ev, default_tz):
                        continue
                    tf = self._time_factor(parsed, ev, base, on_date, default_tz, timed)
                    sc = self._fixture_score(ra, rb, ev, allow_partial)
                    if sc is None:
                        one = max(ra.score_of(ev.home), ra.score_of(ev.away),
                                  rb.score_of(ev.home) if rb else 0.0,
                                  rb.score_of(ev.away) if rb else 0.0)
                        near.append(_Scored(ev, one * tf * 0.5, one, tf, "one side only"))
                        continue
                    team_score, why = sc
                    scored.append(_Scored(ev, team_score * tf, team_score, tf, why))
            if scored:
                scored.sort(key=lambda c: (-c.score, c.event.event_id))
                top = scored[0]
                if len(scored) > 1 and scored[1].score >= top.score - s.ambiguity_margin:
                    return _Decision(None, reason="ambiguous", candidates=scored)
                return _Decision(top.event, top.score, top.why, scored)
            if near:
                near.sort(key=lambda c: -c.score)
                if allow_partial and self._one_side_ok(parsed, ra, rb, near):
                    top = near[0]
                    return _Decision(top.event, min(s.one_side_confidence, top.team_score),
                                     "one side, unique in window", near)
                rejected.extend(near)  # a later window (the next day) may still hold the fixture
        if rejected:
            rejected.sort(key=lambda c: -c.score)
            return _Decision(None, reason="candidates_rejected", candidates=rejected)
        return _Decision(None, reason="no_candidate_in_window" if not saw_any else
                         "candidates_rejected")

    def _one_side_ok(self, parsed: ParsedName, ra: Resolution, rb: Resolution | None,
                     near: list[_Scored]) -> bool:
        """One side alone: the other side names no team at all, the zone is stated, and exactly
        one event in the window involves the resolved side."""
        if not parsed.time_trusted:
            return False
        other_known = rb is not None and bool(
            self.resolver.resolve(rb.text, None).hits)
        if other_known:
            return False
        if rb is None and not ra.hits:
            return False
        resolved = ra if ra.hits else rb
        if resolved is None or resolved.ambiguous:
            return False
        ids = {c.event.event_id for c in near}
        return len(ids) == 1

    def _fixture_score(self, ra: Resolution, rb: Resolution | None, ev: Event,
                       allow_partial: bool) -> tuple[float, str] | None:
        """Both sides on two different teams of `ev` (either order); None when not a fixture."""
        if ev.home == ev.away:
            return None
        if rb is None:
            return None
        straight = min(ra.score_of(ev.home), rb.score_of(ev.away))
        reverse = min(ra.score_of(ev.away), rb.score_of(ev.home))
        best = max(straight, reverse)
        if best > 0:
            return best, "both sides" + (" (home first)" if straight >= reverse else
                                         " (away first)")
        if allow_partial:
            # a truncated opponent: "Boston Celtics vs Orl" names the other team by its start
            for side, other, team_other in ((ra, rb, ev.away), (ra, rb, ev.home),
                                            (rb, ra, ev.away), (rb, ra, ev.home)):
                mine = ev.home if team_other == ev.away else ev.away
                sc = side.score_of(mine)
                if sc > 0 and self._is_prefix(other.text, team_other):
                    return min(sc, 0.75), "truncated opponent"
        return None

    def _is_prefix(self, text: str, team: str) -> bool:
        n = norm(text)
        if len(n.replace(" ", "")) < self.settings.prefix_min_chars or not n:
            return False
        if self.resolver.resolve(text, None).hits:
            return False  # the side names a real team; it is not a cut-off name
        forms = {norm(team)} | {k for k, v in self.resolver._index.items() if team in v}
        return any(f.startswith(n) and f != n for f in forms)

    def _consistent(self, parsed: ParsedName, hint: LeagueHint | None, ra: Resolution,
                    rb: Resolution | None, ev: Event, on_date: date, default_tz: str) -> bool:
        """A cached cross-provider answer must still fit this name's time and named teams."""
        if not self._league_ok(ev, hint) or ev.start_utc is None:
            return False
        if not any(lo <= ev.start_utc <= hi for lo, hi, _, _ in self._window(parsed, on_date,
                                                                          default_tz)):
            return False
        hits: Iterable[TeamHit] = list(ra.hits) + (list(rb.hits) if rb else [])
        return any(h.team in (ev.home, ev.away) for h in hits) or not hits


# --- the chain: one object per link, tried in order ------------------------------------------------


@dataclass(slots=True)
class Attempt:
    """What one channel carries down the chain: its parsed name, and the best reason and near
    candidates found so far (reported when no link settles it)."""

    channel: ChannelInfo
    parsed: ParsedName
    on_date: date
    provider: str
    default_tz: str
    date_order: str
    reason: str = ""
    near: list[_Scored] = field(default_factory=list)
    resolved: tuple[LeagueHint | None, Resolution, Resolution | None] | None = None


class Handler(Protocol):
    """One link of the chain: settles the channel (a MatchResult) or passes it on (None)."""

    name: str

    def handle(self, m: Matcher, a: Attempt) -> MatchResult | None: ...


class MatchCacheLink:
    """1: the decision already taken for this playlist, exact name and day."""

    name = "match_cache"

    def __init__(self, cache: MatchCache) -> None:
        self.cache = cache

    def handle(self, m: Matcher, a: Attempt) -> MatchResult | None:
        cached = self.cache.get(a.provider, a.channel.name, a.on_date)
        if cached is None or not cached.event_id:
            return None
        ev = m._event(cached.event_id)
        return m._emit(a.channel, ev, self.name, cached.confidence, "cached", []) if ev else None


class EventDetailsLink:
    """2: events fetched earlier (by a live lookup, this run or a previous one) that the day's
    local events lack; judged by the same fixture rules."""

    name = "event_details_cache"

    def __init__(self, cache: EventDetailsCache) -> None:
        self.cache = cache

    def handle(self, m: Matcher, a: Attempt) -> MatchResult | None:
        hint, ra, rb = m.resolved(a)
        if not ra.hits and not (rb and rb.hits):
            return None
        names = set(ra.names) | (set(rb.names) if rb else set())
        extra = [e for e in self.cache.events_for(names, a.on_date) if e.start_utc is not None]
        if not extra:
            return None
        d = m._decide(a.parsed, hint, ra, rb, extra, a.on_date, a.default_tz, allow_partial=False)
        return m._finish(a.channel, a.parsed, d, self.name, a.provider, a.on_date) if d.event else None


class LocalEventsLink:
    """3: the day's local events, both sides resolved by name, alias or nickname."""

    name = "local_events"

    def handle(self, m: Matcher, a: Attempt) -> MatchResult | None:
        hint, ra, rb = m.resolved(a)
        d = m._decide(a.parsed, hint, ra, rb, None, a.on_date, a.default_tz, allow_partial=False)
        if d.event is not None:
            return m._finish(a.channel, a.parsed, d, self.name, a.provider, a.on_date)
        a.reason, a.near = d.reason, d.candidates
        return None


class RegexFuzzyLink:
    """4: the same events with fuzzy, prefix and (on a family's channel) one-sided readings."""

    name = "regex_fuzzy"

    def handle(self, m: Matcher, a: Attempt) -> MatchResult | None:
        hint, ra, rb = m.resolved(a)
        fa, fb = m._resolve(a.parsed, hint, fuzzy=True)
        if fa.hits == ra.hits and (rb is None or fb is None or fb.hits == rb.hits) and \
                a.reason not in ("candidates_rejected", "no_candidate_in_window"):
            return None
        # Half a fixture is evidence only on a channel a family already vouches for.
        d = m._decide(a.parsed, hint, fa, fb, None, a.on_date, a.default_tz,
                      allow_partial=a.channel.recognised_by == "family")
        if d.event is not None:
            return m._finish(a.channel, a.parsed, d, self.name, a.provider, a.on_date)
        if d.reason == "ambiguous" or (not a.near and d.candidates):
            a.reason, a.near = d.reason, d.candidates or a.near
        return None


class TitleEventsLink:
    """Title events (fight cards, race weekends, golf rounds) have no two teams: the name points at
    one by its numbered title or title words and its time (`matching/titles.py`)."""

    name = "title_events"

    def handle(self, m: Matcher, a: Attempt) -> MatchResult | None:
        if not m.title_events:
            return None
        p = a.parsed
        near = m._titles_near.get(a.on_date)
        if near is None:  # once per day asked for, not once per unmatched channel
            lo = datetime.combine(a.on_date - timedelta(days=1), time(0), tzinfo=UTC)
            hi = lo + timedelta(days=4)
            near = m._titles_near[a.on_date] = [e for e in m.title_events
                                                if e.start_utc is not None and lo <= e.start_utc <= hi]
        found = match_title(p.raw, p.start_utc if p.time_trusted else None, near, catalog=m.catalog)
        if found is None:
            return None
        conf = 0.9 if found.why.startswith("numbered") else 0.8
        reason = f"{found.why}" + (f" ({found.part})" if found.part else "")
        return m._finish(a.channel, a.parsed, _Decision(found.event, conf, reason), self.name,
                         a.provider, a.on_date)


class CrossProviderLink:
    """5: what other providers' channels with the same fixture were matched to, if it still fits
    this name's time and teams."""

    name = "cross_provider_cache"

    def __init__(self, cache: CrossProviderCache) -> None:
        self.cache = cache

    def handle(self, m: Matcher, a: Attempt) -> MatchResult | None:
        key = Matcher.fixture_key(a.parsed)
        if not key:
            return None
        cached = self.cache.get(key, a.on_date)
        if cached is None or not cached.event_id:
            return None
        ev = m._event(cached.event_id)
        hint, ra, rb = m.resolved(a)
        if ev is None or not m._consistent(a.parsed, hint, ra, rb, ev, a.on_date, a.default_tz):
            return None
        return m._emit(a.channel, ev, self.name, min(cached.confidence, 0.9), "cross-provider", [])


class ApiLookupLink:
    """6: a live source's events around the name's day, judged by the same fixture rules."""

    name = "api_lookup"

    def __init__(self, lookup: EventLookup) -> None:
        self.lookup = lookup

    def handle(self, m: Matcher, a: Attempt) -> MatchResult | None:
        if not a.parsed.side_a:
            return None
        try:
            found = [e for e in self.lookup.search(a.parsed.side_a, a.parsed.side_b, a.on_date)
                     if e.start_utc is not None]
        except ValueError:
            return None
        if not found:
            return None
        m.resolver.add_events(found)
        hint = m.resolved(a)[0]
        fa, fb = m._resolve(a.parsed, hint, fuzzy=True)
        d = m._decide(a.parsed, hint, fa, fb, found, a.on_date, a.default_tz, allow_partial=False)
        if d.event is None:
            return None
        if m.event_details is not None and hasattr(m.event_details, "add"):
            m.event_details.add(d.event)  # the next channel (and run) finds it in link 2
        return m._finish(a.channel, a.parsed, d, self.name, a.provider, a.on_date)


class LlmLink:
    """7: a language model chooses among candidates that are already plausible, never beyond."""

    name = "llm"

    def __init__(self, llm: LLMResolver) -> None:
        self.llm = llm

    def handle(self, m: Matcher, a: Attempt) -> MatchResult | None:
        if not a.near:
            return None
        picked = self.llm.resolve(a.channel, a.parsed, tuple(m._candidate(c) for c in a.near))
        chosen = next((c for c in a.near if c.event.event_id == picked), None)
        if chosen is None:
            return None
        return m._finish(a.channel, a.parsed, _Decision(chosen.event, min(0.7, chosen.score), "llm"),
                         self.name, a.provider, a.on_date)



__all__ = [
    "ApiLookupLink", "Attempt", "CrossProviderLink", "EventDetailsLink", "Handler", "LlmLink",
    "LocalEventsLink", "MatchCacheLink", "RegexFuzzyLink", "TitleEventsLink",
    "CachedDecision", "CrossProviderCache", "EventDetailsCache", "EventLookup", "HANDLERS",
    "InMemoryCrossProviderCache", "InMemoryEventDetailsCache", "InMemoryMatchCache",
    "LLMResolver", "MatchCache", "MatchSettings", "Matcher",
]
