"""The last link of the matching chain: ask Claude which candidate event an unsettled channel carries.

Only channels every cheaper handler gave up on reach this module, and nothing Claude answers is
trusted as is: the chosen id must be one of the candidates the matcher passed for that channel, the
confidence must reach a threshold, and a side named in the channel must resemble a team of the chosen
event (the same fixture rule the fuzzy handler follows, with a guard against half-pairs).

Cost control: the day's events go once per run into a cached system block (stable order, so every
call of the run reuses the prompt cache); the per-channel user message stays small. A per-run call
budget and input-token budget stop the calls; every failure (rate limit, overload, timeout, server
error, malformed or off-topic answer) gives None for that channel, is logged and counted in `.errors`.

This module is pure: no Dagster, no network of its own. It takes any client with the
`anthropic.Anthropic` shape (`client.messages.create(**kwargs)`), which the `ClaudeLLM` resource
builds.
"""

from __future__ import annotations

import json
import logging
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any, Protocol

import anthropic  # the SDK's error types only; the client object comes from the resource
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from rapidfuzz import fuzz

from epgoat_assets.lib.models import ChannelInfo, Event
from epgoat_assets.lib.text import fold

log = logging.getLogger(__name__)

DEFAULT_MODEL = "claude-haiku-4-5"
TOOL_NAME = "pick_event"
MAX_ANSWER_TOKENS = 256
# A side resembles a team at this score (0..100) of `side_score`.
DEFAULT_MIN_SIDE_SCORE = 80.0
# A side is learned as an alias only if it looks at least this much like the team (`side_score`): a side
# that shares nothing with the team is more likely a wrong pick than a nickname (Lakers/Cavaliers is 53,
# Spurs/Tottenham Hotspur 67).
LEARN_MIN_SCORE = 60.0

# The smallest prefix the API caches, per model family (Anthropic prompt-caching docs). Below it the
# request still succeeds, uncached, and both cache counters stay 0: one day of ~60 events (~2K tokens)
# is under Haiku 4.5's floor, a busy multi-day window (~170+ events) is over it.
_CACHE_FLOORS = (("claude-haiku-4-5", 4096), ("claude-opus-4-5", 4096), ("claude-opus-4-6", 4096),
                 ("claude-3-5-haiku", 2048), ("claude-3-haiku", 2048), ("claude-haiku-3", 2048))


def cache_floor(model: str) -> int:
    """Minimum cacheable prompt prefix, in tokens, for a model id (1024 for models not listed)."""
    return next((n for prefix, n in _CACHE_FLOORS if model.startswith(prefix)), 1024)


ANSWER_TOOL: dict[str, Any] = {
    "name": TOOL_NAME,
    "description": (
        "Report which listed sports event the IPTV channel carries, or null when none of the "
        "channel's candidate events is clearly the game named by the channel."
    ),
    "input_schema": {
        "type": "object",
        "properties": {
            "event_id": {
                "type": ["string", "null"],
                "description": "The id of the chosen event, copied exactly from the candidate list; null if none fits.",
            },
            "confidence": {
                "type": "number",
                "minimum": 0,
                "maximum": 1,
                "description": "How sure you are that the channel carries this event (0..1).",
            },
            "reason": {"type": "string", "description": "One short sentence: which names matched which teams."},
        },
        "required": ["event_id", "confidence", "reason"],
        "additionalProperties": False,
    },
}

INSTRUCTIONS = """\
You match IPTV sports "event channels" to real sports events.

A provider names a numbered channel after the game it carries, for example
"NBA 01: Lakers vs Celtics 7:00 PM ET" or "EVENT 04 | Falkirk @ Dundee United | 9:00am ET".
Teams appear as full names, nicknames, cities, abbreviations or short forms (Man Utd, Spurs, Atleti,
NYR); either team may come first; separators include vs, v, x, at, @ and -.
Channel times are usually US Eastern (ET is UTC-5 in winter and UTC-4 in summer) unless a zone says
otherwise; "start:... stop:..." stamps are UTC and often 10 minutes before kick-off.

The user message gives one channel and the ids of the candidate events allowed for it. Choose the
candidate whose two teams are the two teams the channel names. Rules:
- Answer only with the pick_event tool.
- event_id must be copied exactly from the channel's candidate ids; never invent an id.
- Use null when no candidate is clearly that game: only one of the two teams matches, the teams play
  other opponents, the channel is a replay, highlights, press conference or studio show, or the
  league or sport differs.
- confidence is your probability that the pick is right; below 0.7 means you are guessing.

The events of the day (id | kick-off UTC | sport | league | home team vs away team):
"""


class LLMError(ValueError):
    """A resolver argument is invalid (the message is one line)."""


class ClientLike(Protocol):
    """What the resolver needs of `anthropic.Anthropic`: `client.messages.create(**kwargs)`."""

    messages: Any


class Answer(BaseModel):
    """The pick_event tool input, validated before anything of it is used."""

    model_config = ConfigDict(extra="ignore")

    event_id: str | None
    confidence: float = Field(ge=0.0, le=1.0)
    reason: str = ""

    @field_validator("event_id", mode="before")
    @classmethod
    def _id_text(cls, v: Any) -> Any:
        # Ids are digit strings; a model writing the number unquoted, or "null"/"" for none, means the same.
        if isinstance(v, bool):
            raise ValueError("event_id must be text or null")
        if isinstance(v, int):
            return str(v)
        if isinstance(v, str):
            v = v.strip()
            return None if v.lower() in ("", "null", "none") else v
        return v

    @field_validator("reason", mode="before")
    @classmethod
    def _short_reason(cls, v: Any) -> Any:
        return v[:300] if isinstance(v, str) else v


@dataclass
class LLMUsage:
    calls: int = 0  # Messages API calls made (SDK-internal retries of one call count once)
    input_tokens: int = 0  # uncached prompt tokens
    output_tokens: int = 0
    cache_read_tokens: int = 0
    cache_write_tokens: int = 0
    model: str = DEFAULT_MODEL

    @property
    def prompt_tokens(self) -> int:
        """Every prompt token the API processed, cached or not: what the input budget counts."""
        return self.input_tokens + self.cache_read_tokens + self.cache_write_tokens

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Verdict:
    """The outcome of verifying one answer (exposed for diagnostics and tests)."""

    ok: bool
    kind: str  # accepted | declined | low_confidence | not_candidate | teams_mismatch | half_pair | unverifiable
    event: Event | None = None
    detail: str = ""
    learned: tuple[tuple[str, str, str], ...] = ()


# --------------------------------------------------------------------------------------------------
# Prompt building


def _kickoff(e: Event) -> str:
    return e.start_utc.astimezone(UTC).strftime("%Y-%m-%d %H:%MZ") if e.start_utc else "time TBD"


def event_line(e: Event) -> str:
    return f"{e.event_id} | {_kickoff(e)} | {e.sport} | {e.league} | {e.home} vs {e.away}"


def _sort_key(e: Event) -> tuple[str, str, str, str]:
    return (e.start_utc.astimezone(UTC).isoformat() if e.start_utc else "~", e.league, e.event_id, e.home)


def sorted_events(events: Iterable[Event]) -> list[Event]:
    """The day's events in a stable order, duplicates (same id, kick-off and teams) dropped, so the
    system prompt is byte-identical across calls and runs of the same day (a prompt-cache hit)."""
    seen: set[tuple[str, datetime | None, str, str]] = set()
    out = []
    for e in sorted(events, key=_sort_key):
        key = (e.event_id, e.start_utc, e.home, e.away)
        if key not in seen:
            seen.add(key)
            out.append(e)
    return out


def build_system(events: Sequence[Event]) -> list[dict[str, Any]]:
    """The system prompt: instructions plus every event of the day in one block marked for caching.
    Tools come before system in the cache prefix, so the tool definition is cached with it."""
    listing = "\n".join(event_line(e) for e in events) or "(no events)"
    return [{"type": "text", "text": INSTRUCTIONS + listing, "cache_control": {"type": "ephemeral"}}]


def build_user_message(channel: ChannelInfo, parsed: object, candidates: Sequence[Event],
                       listed_ids: set[str]) -> str:
    """The small per-channel message: the name, what the parser read, and the allowed candidate ids
    (a candidate missing from the cached listing is written out in full)."""
    lines = [f"Channel name: {channel.name}"]
    if channel.family:
        lines.append(f"Channel family: {channel.family}")
    if channel.league_hint:
        lines.append(f"League the family carries: {channel.league_hint}")
    sides = _parsed_sides(parsed)
    if sides:
        lines.append("Parsed sides: " + " / ".join(sides))
    start = getattr(parsed, "start_utc", None)
    if isinstance(start, datetime):
        trusted = bool(getattr(parsed, "time_trusted", False))
        lines.append(f"Parsed time: {start.astimezone(UTC).strftime('%Y-%m-%d %H:%MZ')}"
                     + ("" if trusted else " (zone assumed)"))
    ids = []
    extra = []
    for e in candidates:
        if e.event_id not in ids:
            ids.append(e.event_id)
        if e.event_id not in listed_ids:
            extra.append(event_line(e))
    lines.append("Candidate event ids for this channel: " + ", ".join(ids))
    if extra:
        lines.append("Candidates not in the day's list:")
        lines.extend(extra)
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------------
# Team resemblance

_STOP = frozenset({"fc", "cf", "afc", "sc", "ac", "cd", "sv", "the", "club", "de", "vs", "v", "and"})
# Words that name no team on their own: an alias made only of these would match half a league.
_GENERIC = frozenset({"united", "utd", "city", "town", "county", "athletic", "rovers", "wanderers", "real",
                      "sporting", "club", "team", "new", "york", "los", "angeles", "san", "st", "saint",
                      "fc", "north", "south", "west", "east", "home", "away"})


normalise = fold  # the one comparison form (`epgoat_assets.lib.text.fold`)


def _tokens(text: str) -> list[str]:
    # Pure numbers (`Twente '65`, `1. FC Koln`) and stop words carry no team identity.
    return [t for t in normalise(text).split() if t not in _STOP and not t.isdigit() and len(t) > 1]


def _is_subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def _suffix_or_abbreviation(t: str, u: str) -> bool:
    if len(t) >= 5 and u.endswith(t):  # Gladbach -> Monchengladbach
        return True
    return len(t) >= 3 and t[0] == u[0] and _is_subsequence(t, u)  # Utd -> United


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _token_score(t: str, team_tokens: Sequence[str]) -> float:
    best = 0.0
    for u in team_tokens:
        if t == u:
            return 100.0
        if len(t) >= 3 and u.startswith(t):  # Man -> Manchester, Atleti -> Atletico
            s = 100.0
        elif _suffix_or_abbreviation(t, u):
            s = 90.0
        elif len(t) >= 5 and _common_prefix(t, u) >= 0.75 * len(t):  # Wolves -> Wolverhampton
            s = 85.0
        else:
            s = fuzz.ratio(t, u)
        best = max(best, s)
    return best


def side_score(side: str, team: str) -> float:
    """How much a channel side resembles a team name, 0..100.

    Every word of the side must resemble a word of the team (the weakest word decides), because city
    words otherwise dominate: `New York Mets` vs `New York Jets` is 92 by plain ratio but 75 here.
    A short all-letters side may also be the team's initials (`NYR`)."""
    st, tt = _tokens(side), _tokens(team)
    if not st or not tt:
        return 0.0
    score = min(_token_score(t, tt) for t in st)
    if len(st) == 1 and 2 <= len(st[0]) <= 4:
        initials = "".join(w[0] for w in normalise(team).split() if w not in _STOP)
        if st[0] == initials:
            score = max(score, 95.0)
    return score


_SLOT_PREFIX = re.compile(r"^.*?\b\d{1,4}\s*[:|\-]\s*")
_SPLIT = re.compile(r"\s+(?:vs\.?|v\.?|x|at|@)\s+|\s+-\s+|\s*\|\s*", re.I)
_NOISE = re.compile(r"\(.*?\)|\[.*?\]|\bstart:.*$|\b\d{1,2}(?::\d{2})?\s*[ap]\.?m\.?\b.*$|\b\d{1,2}:\d{2}\b.*$",
                    re.I)


def _parsed_sides(parsed: object) -> list[str]:
    out = []
    for attr in ("side_a", "side_b"):
        v = getattr(parsed, attr, None)
        if isinstance(v, str) and v.strip():
            out.append(v.strip())
    return out


def sides_of(channel: ChannelInfo, parsed: object) -> list[str]:
    """The parser's sides; when it read none, a rough cut of the name (family prefix, times and
    brackets dropped, split on the usual separators) so the verification still has something."""
    sides = _parsed_sides(parsed)
    if sides:
        return sides
    name = _SLOT_PREFIX.sub("", channel.name, count=1)
    name = _NOISE.sub(" ", name)
    parts = [p.strip(" -|:") for p in _SPLIT.split(name)]
    return [p for p in parts if _tokens(p)][:2]


def _plausible_alias(alias: str, team: str) -> bool:
    toks = _tokens(alias)
    if not toks or all(t in _GENERIC for t in toks):
        return False
    if normalise(alias) == normalise(team):
        return False
    return side_score(alias, team) >= LEARN_MIN_SCORE


def verify(
    answer: Answer,
    channel: ChannelInfo,
    parsed: object,
    candidates: Sequence[Event],
    day_events: Sequence[Event],
    *,
    min_confidence: float = 0.7,
    min_side_score: float = DEFAULT_MIN_SIDE_SCORE,
) -> Verdict:
    """Check an answer against the channel before anything uses it."""
    if answer.event_id is None:
        return Verdict(False, "declined", detail=answer.reason)
    by_id = {}
    for e in candidates:
        by_id.setdefault(e.event_id, e)
    event = by_id.get(answer.event_id)
    if event is None:
        return Verdict(False, "not_candidate", detail=f"event_id {answer.event_id[:40]!r} is not a candidate")
    if answer.confidence < min_confidence:
        return Verdict(False, "low_confidence", event, f"confidence {answer.confidence:.2f} < {min_confidence:.2f}")
    sides = sides_of(channel, parsed)
    if not sides:
        return Verdict(False, "unverifiable", event, "no team names found in the channel name")
    teams = [event.home, event.away]
    scores = [[side_score(s, t) for t in teams] for s in sides]
    # Which side is which team: the assignment with the better total (home-first or away-first names).
    if len(sides) == 2:
        straight = scores[0][0] + scores[1][1]
        crossed = scores[0][1] + scores[1][0]
        assign = [0, 1] if straight >= crossed else [1, 0]
    else:
        assign = [0 if scores[0][0] >= scores[0][1] else 1]
    matched = [scores[i][assign[i]] >= min_side_score for i in range(len(sides))]
    if not any(matched):
        best = max(max(row) for row in scores)
        return Verdict(False, "teams_mismatch", event,
                       f"no side of {sides} resembles {event.home} / {event.away} (best {best:.0f})")
    if len(sides) == 2 and not all(matched):
        # A half-pair: one side is right, the other names a team that plays someone else today.
        loose = sides[matched.index(False)]
        own = {normalise(t) for t in teams}
        for other in day_events:
            if other.event_id == event.event_id and other.start_utc == event.start_utc:
                continue
            for t in (other.home, other.away):
                if normalise(t) not in own and side_score(loose, t) >= max(min_side_score, 90.0):
                    return Verdict(False, "half_pair", event,
                                   f"{loose!r} is {t} of event {other.event_id}, not of {event.event_id}")
    learned = []
    league_teams = {t for e in day_events if e.league == event.league for t in (e.home, e.away)}
    for i, side in enumerate(sides):
        team = teams[assign[i]]
        # `Sheffield` would resolve to Wednesday and United alike: an alias that fits another team of
        # the league in the run's events is not learned (one that plays on other days goes unseen).
        rivals = [t for t in league_teams if t != team and side_score(side, t) >= min_side_score]
        if _plausible_alias(side, team) and not rivals:
            learned.append((side, team, event.league))
    return Verdict(True, "accepted", event, answer.reason, tuple(learned))


# --------------------------------------------------------------------------------------------------
# The resolver


class ClaudeResolver:
    """What the chain's LLM link asks: `resolve(channel, parsed, candidates) -> event_id | None`.

    One instance per run. `usage`, `errors` (failure kind -> count), `outcomes` (every resolve call's
    result kind -> count), `learned` (alias, team, league) and `budget_exhausted` are for the run's
    metadata and the `team_aliases` table.
    """

    def __init__(
        self,
        client: ClientLike,
        events: Iterable[Event],
        *,
        model: str = DEFAULT_MODEL,
        max_calls: int = 200,
        max_input_tokens: int = 400_000,
        min_confidence: float = 0.7,
        min_side_score: float = DEFAULT_MIN_SIDE_SCORE,
        run_label: str = "",
        secret: str | None = None,
    ) -> None:
        if max_calls < 0 or max_input_tokens < 0:
            raise LLMError("max_calls and max_input_tokens must be >= 0")
        if not 0.0 <= min_confidence <= 1.0:
            raise LLMError(f"min_confidence must be within 0..1, not {min_confidence}")
        self._client = client
        self.events = sorted_events(events)
        self._listed = {e.event_id for e in self.events}
        self._by_id: dict[str, Event] = {}
        for e in self.events:
            self._by_id.setdefault(e.event_id, e)
        self.system = build_system(self.events)
        self.model = model
        self.max_calls = max_calls
        self.max_input_tokens = max_input_tokens
        self.min_confidence = min_confidence
        self.min_side_score = min_side_score
        self.run_label = run_label
        # Kept only to scrub it from anything logged; never printed, never in repr.
        self._secret = secret if secret is not None else getattr(client, "api_key", None)
        self.usage = LLMUsage(model=model)
        self.errors: Counter[str] = Counter()
        self.outcomes: Counter[str] = Counter()
        self.learned: list[tuple[str, str, str]] = []
        self.budget_exhausted = False
        self.disabled = False  # set after an authentication failure: no later call can succeed
        self._last_prompt_tokens = 0
        # ~4 characters a token is close enough to say whether the cache can form at all.
        self.prefix_tokens_estimate = (len(json.dumps(ANSWER_TOOL)) + len(self.system[0]["text"])) // 4
        if self.prefix_tokens_estimate < cache_floor(model):
            log.info("llm[%s]: prompt cache will not form: cached prefix ~%d tokens < %d minimum for %s",
                     run_label, self.prefix_tokens_estimate, cache_floor(model), model)
        self._memo: dict[tuple[str, tuple[str, ...]], str | None] = {}

    def __repr__(self) -> str:
        return (f"ClaudeResolver(model={self.model!r}, events={len(self.events)}, calls={self.usage.calls}, "
                f"budget_exhausted={self.budget_exhausted})")

    # -- public -------------------------------------------------------------------------------------

    def resolve(self, channel: ChannelInfo, parsed: object, candidates: Sequence[Any]) -> str | None:
        """The chosen candidate's event_id, or None. `candidates` are `Event`s (or `Candidate`
        records, looked up by id in the run's events); never raises."""
        try:
            return self._resolve(channel, parsed, candidates)
        except Exception as exc:  # the chain must go on whatever this link does
            return self._fail_none("unexpected", channel, f"{type(exc).__name__}: {exc}")

    def summary(self) -> dict[str, Any]:
        """Plain values for run metadata."""
        return {
            **self.usage.as_dict(),
            "errors": dict(self.errors),
            "outcomes": dict(self.outcomes),
            "learned": len(self.learned),
            "budget_exhausted": self.budget_exhausted,
        }

    # -- internals ----------------------------------------------------------------------------------

    def _as_events(self, candidates: Iterable[Any]) -> list[Event]:
        """Events as given; `Candidate` records (event_id, score) looked up in the day's events.
        A candidate that cannot be looked up is dropped: nothing could verify an answer naming it."""
        out: list[Event] = []
        for c in candidates or ():
            if isinstance(c, Event):
                out.append(c)
                continue
            event_id = getattr(c, "event_id", None)
            known = self._by_id.get(str(event_id)) if event_id is not None else None
            if known is not None:
                out.append(known)
        return out

    def _resolve(self, channel: ChannelInfo, parsed: object, candidates: Iterable[Any]) -> str | None:
        candidates = self._as_events(candidates)
        if not channel.is_event_channel or channel.placeholder:
            return self._outcome("skipped_not_event")
        if any(getattr(parsed, flag, False) for flag in ("placeholder", "replay", "highlights", "studio")):
            # Not a game: no candidate can be right, so no call is worth its cost.
            return self._outcome("skipped_not_game")
        if not candidates:
            return self._outcome("skipped_no_candidates")
        key = (normalise(channel.name), tuple(sorted({e.event_id for e in candidates})))
        if key in self._memo:
            self.outcomes["memo"] += 1
            return self._memo[key]
        if self.disabled:
            return self._outcome("skipped_disabled")
        if self._out_of_budget():
            self.budget_exhausted = True
            return self._outcome("skipped_budget")

        answer = self._ask(channel, parsed, candidates)
        if answer is None:
            return None  # a failure, already counted and logged; not memoised so a later twin may retry
        verdict = verify(answer, channel, parsed, candidates, self.events,
                         min_confidence=self.min_confidence, min_side_score=self.min_side_score)
        result: str | None = None
        if verdict.ok and verdict.event is not None:
            result = verdict.event.event_id
            for pair in verdict.learned:
                if pair not in self.learned:
                    self.learned.append(pair)
            log.info("llm[%s] %r -> %s (%s, confidence %.2f)", self.run_label, channel.name,
                     result, verdict.event.display_title, answer.confidence)
        elif verdict.kind in ("not_candidate", "teams_mismatch", "half_pair", "unverifiable"):
            self._fail(verdict.kind, channel, verdict.detail)
        else:
            log.info("llm[%s] %r: %s (%s)", self.run_label, channel.name, verdict.kind,
                     self._redact(verdict.detail)[:200])
        self.outcomes[verdict.kind] += 1
        self._memo[key] = result
        return result

    def _out_of_budget(self) -> bool:
        if self.usage.calls >= self.max_calls:
            return True
        # The next call costs about what the last one did; stop before crossing the budget, not after.
        return self.usage.prompt_tokens + self._last_prompt_tokens > self.max_input_tokens

    def _ask(self, channel: ChannelInfo, parsed: object, candidates: Sequence[Event]) -> Answer | None:
        user = build_user_message(channel, parsed, candidates, self._listed)
        self.usage.calls += 1
        try:
            message = self._client.messages.create(
                model=self.model,
                max_tokens=MAX_ANSWER_TOKENS,
                system=self.system,
                tools=[ANSWER_TOOL],
                tool_choice={"type": "tool", "name": TOOL_NAME},
                messages=[{"role": "user", "content": user}],
            )
        except anthropic.RateLimitError as exc:
            return self._api_fail("rate_limit", channel, exc)
        except anthropic.OverloadedError as exc:
            return self._api_fail("overloaded", channel, exc)
        except (anthropic.AuthenticationError, anthropic.PermissionDeniedError) as exc:
            self.disabled = True
            return self._api_fail("auth", channel, exc)
        except anthropic.APITimeoutError as exc:
            return self._api_fail("timeout", channel, exc)
        except anthropic.APIConnectionError as exc:
            return self._api_fail("connection", channel, exc)
        except anthropic.InternalServerError as exc:
            return self._api_fail("server_error", channel, exc)
        except anthropic.APIStatusError as exc:
            return self._api_fail("api_error", channel, exc)
        except (anthropic.APIResponseValidationError, json.JSONDecodeError, ValueError) as exc:
            return self._api_fail("invalid_response", channel, exc)
        self._count_usage(message)
        return self._parse(message, channel)

    def _count_usage(self, message: Any) -> None:
        usage = getattr(message, "usage", None)
        if usage is None:
            return

        def n(field: str) -> int:
            v = getattr(usage, field, None)
            return int(v) if isinstance(v, int | float) else 0

        before = self.usage.prompt_tokens
        self.usage.input_tokens += n("input_tokens")
        self.usage.output_tokens += n("output_tokens")
        self.usage.cache_read_tokens += n("cache_read_input_tokens")
        self.usage.cache_write_tokens += n("cache_creation_input_tokens")
        self._last_prompt_tokens = self.usage.prompt_tokens - before

    def _parse(self, message: Any, channel: ChannelInfo) -> Answer | None:
        blocks = getattr(message, "content", None) or []
        if not isinstance(blocks, list):
            return self._fail_none("invalid_answer", channel, "answer content is not a list of blocks")
        tool_inputs = [getattr(b, "input", None) for b in blocks
                       if getattr(b, "type", None) == "tool_use" and getattr(b, "name", None) == TOOL_NAME]
        if not tool_inputs:
            kinds = ",".join(str(getattr(b, "type", "?")) for b in blocks) or "nothing"
            return self._fail_none("invalid_answer", channel, f"no {TOOL_NAME} tool call in the answer ({kinds})")
        raw = tool_inputs[0]
        if isinstance(raw, str):  # some gateways pass the input through as a JSON string
            try:
                raw = json.loads(raw)
            except json.JSONDecodeError:
                return self._fail_none("invalid_answer", channel, "tool input is not JSON")
        try:
            return Answer.model_validate(raw)
        except ValidationError as exc:
            first = exc.errors()[0] if exc.errors() else {}
            where = ".".join(str(p) for p in first.get("loc", ())) or "input"
            return self._fail_none("invalid_answer", channel, f"{where}: {first.get('msg', 'invalid')}")

    # -- bookkeeping --------------------------------------------------------------------------------

    def _outcome(self, kind: str) -> None:
        self.outcomes[kind] += 1
        return None

    def _redact(self, text: str) -> str:
        if self._secret:
            text = text.replace(self._secret, "[redacted]")
        return " ".join(text.split())

    def _fail(self, kind: str, channel: ChannelInfo, detail: str) -> None:
        self.errors[kind] += 1
        log.warning("llm[%s] %r: %s: %s", self.run_label, channel.name, kind, self._redact(detail)[:300])

    def _fail_none(self, kind: str, channel: ChannelInfo, detail: str) -> None:
        self.outcomes[kind] += 1
        self._fail(kind, channel, detail)
        return None

    def _api_fail(self, kind: str, channel: ChannelInfo, exc: Exception) -> None:
        status = getattr(exc, "status_code", None)
        detail = f"{type(exc).__name__}" + (f" (HTTP {status})" if status else "") + f": {exc}"
        return self._fail_none(kind, channel, detail)
