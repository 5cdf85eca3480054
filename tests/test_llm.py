"""The Claude fallback: the real anthropic SDK against a local Messages API server on 127.0.0.1.

Events are the 61 real fixtures of 22 Nov 2025 (tests/data/llm); channel names are verbatim from the
labelled dev playlists (tests/data/PROVENANCE.md).
"""

from __future__ import annotations

import logging
import random
import socket
from datetime import UTC, datetime
from pathlib import Path

import dagster as dg
import pytest
from support.fake_anthropic import (
    FakeAnthropic,
    Reply,
    api_error,
    overloaded,
    rate_limited,
    server_error,
    stall,
    tool_answer,
)

from epgoat_assets.lib.matching.llm import (
    TOOL_NAME,
    Answer,
    ClaudeResolver,
    LLMError,
    build_system,
    side_score,
    sorted_events,
    verify,
)
from epgoat_assets.lib.matching.names import ParsedName
from epgoat_assets.lib.models import Candidate, ChannelInfo, Event, PlaylistEntry
from epgoat_assets.lib.sports.events import load_events
from epgoat_resources.llm import ClaudeLLM, LLMOff

EVENTS_FILE = Path(__file__).parent / "data" / "llm" / "events-2025-11-22.json"
KEY = "sk-ant-api03-Zq8vXKw2TtK9mY3pQeR7uV1nB4cD6fG8hJ0kL2mN5oP-AbCdEf"

# (name, family, slot, sides) verbatim from bench/dev/2025-11-22-p{1,2}.m3u
FALKIRK = ("EVENT 04 | Falkirk @ Dundee United | 9:00am ET", "EVENT", 4, ("Falkirk", "Dundee United"))
HIBS = ("EVENT 01 | Dundee @ Hibernian | 9:00am ET", "EVENT", 1, ("Dundee", "Hibernian"))
MOTHERWELL = ("EVENT 03 | Motherwell @ Kilmarnock | 9:00am ET", "EVENT", 3, ("Motherwell", "Kilmarnock"))
WOLVES = ("EPL 04 | Crystal Palace @ Wolves | 10:00am ET", "EPL", 4, ("Crystal Palace", "Wolves"))
BARCA = ("ESPN+ 009: Barca vs Villarreal 3:00 PM ET", "ESPN+", 9, ("Barca", "Villarreal"))  # decoy-halfpair
HORNETS = ("NBA League Pass 05: Hornets (CHA) x Clippers (LAC) start:2025-11-22 17:50:00 stop:2025-11-22 22:00:00",
           "NBA League Pass", 5, ("Hornets", "Clippers"))
STUTTGART = ("Bundesliga 01 - VfB Stuttgart at Dortmund (9:30am et)", "Bundesliga", 1, ("VfB Stuttgart", "Dortmund"))


@pytest.fixture(scope="module")
def events() -> list[Event]:
    return load_events(EVENTS_FILE)


@pytest.fixture
def api():
    with FakeAnthropic(KEY) as server:
        yield server


def by_league(events: list[Event], league: str) -> list[Event]:
    return [e for e in events if e.league == league]


def by_id(events: list[Event], event_id: str) -> Event:
    return next(e for e in events if e.event_id == event_id)


def channel(spec: tuple, *, league_hint: str | None = None) -> tuple[ChannelInfo, ParsedName]:
    name, family, slot, (a, b) = spec
    entry = PlaylistEntry(index=0, line_no=1, name=name, url=f"http://line.example-iptv.net:8080/live/u20/20251122/{100600 + slot}.ts")
    info = ChannelInfo(entry=entry, family=family, slot=slot, league_hint=league_hint)
    return info, ParsedName(raw=name, family=family, slot=slot, side_a=a, side_b=b, separator="@")


def resolver(api: FakeAnthropic, events: list[Event], **overrides) -> ClaudeResolver:
    """Built the way a run builds it: through the resource, with the real anthropic client."""
    settings = {"api_key": KEY, "base_url": api.base_url, "max_retries": 0, "timeout_s": 5.0, **overrides}
    r = ClaudeLLM(**settings).resolver(events, run_label="2025-11-22/p1")
    assert r is not None
    return r


# --- a correct pick and the request it sends ---------------------------------------------------------


def test_a_verified_pick_returns_the_chosen_event_id(api, events):
    api.queue(tool_answer("1804988", 0.95, "Falkirk and Dundee United are the two teams"))
    ch, parsed = channel(FALKIRK)
    r = resolver(api, events)

    assert r.resolve(ch, parsed, by_league(events, "Scottish Premiership")) == "1804988"
    assert r.outcomes["accepted"] == 1 and not r.errors


def test_the_days_events_go_in_one_cached_system_block(api, events):
    api.queue(tool_answer("1804988"))
    ch, parsed = channel(FALKIRK)
    resolver(api, events).resolve(ch, parsed, by_league(events, "Scottish Premiership"))

    body = api.message_requests[0].body
    assert len(body["system"]) == 1
    block = body["system"][0]
    assert block["cache_control"] == {"type": "ephemeral"}
    assert all(e.event_id in block["text"] for e in events)
    assert body["model"] == "claude-haiku-4-5"


def test_the_answer_is_forced_through_the_pick_event_tool(api, events):
    api.queue(tool_answer("1804988"))
    ch, parsed = channel(FALKIRK)
    resolver(api, events).resolve(ch, parsed, by_league(events, "Scottish Premiership"))

    body = api.message_requests[0].body
    assert body["tool_choice"] == {"type": "tool", "name": TOOL_NAME}
    (tool,) = body["tools"]
    assert tool["name"] == TOOL_NAME
    assert tool["input_schema"]["required"] == ["event_id", "confidence", "reason"]


def test_the_per_channel_message_is_small_and_names_only_its_candidates(api, events):
    api.queue(tool_answer("1804988"))
    ch, parsed = channel(FALKIRK)
    scottish = by_league(events, "Scottish Premiership")
    resolver(api, events).resolve(ch, parsed, scottish)

    (msg,) = api.message_requests[0].body["messages"]
    assert msg["role"] == "user"
    assert FALKIRK[0] in msg["content"]
    assert all(e.event_id in msg["content"] for e in scottish)
    assert "1342267" not in msg["content"]  # an NBA game of the day: only in the cached listing
    assert len(msg["content"]) < 600


def test_the_system_prompt_does_not_depend_on_the_order_events_arrive_in(events):
    shuffled = list(events)
    random.Random(7).shuffle(shuffled)
    assert build_system(sorted_events(shuffled)) == build_system(sorted_events(events))


def test_later_calls_of_a_run_read_the_cached_prompt(api, events):
    # Sonnet 4.5 caches from 1024 tokens, so one day's listing (~2K tokens) is enough to form a cache.
    api.queue(tool_answer("1804988"), tool_answer("2368454"))
    r = resolver(api, events, model="claude-sonnet-4-5")
    for spec in (FALKIRK, HIBS):
        ch, parsed = channel(spec)
        r.resolve(ch, parsed, by_league(events, "Scottish Premiership"))

    first, second = api.sent_usage
    assert first["cache_creation_input_tokens"] > 0 and first["cache_read_input_tokens"] == 0
    assert second["cache_read_input_tokens"] == first["cache_creation_input_tokens"]
    assert second["cache_creation_input_tokens"] == 0


def test_one_days_listing_is_below_haiku_4_5s_cache_floor(api, events, caplog):
    caplog.set_level(logging.INFO, logger="epgoat_assets.lib.matching.llm")
    api.queue(tool_answer("1804988"), tool_answer("2368454"))
    r = resolver(api, events)  # the default claude-haiku-4-5: 4096-token minimum
    for spec in (FALKIRK, HIBS):
        ch, parsed = channel(spec)
        r.resolve(ch, parsed, by_league(events, "Scottish Premiership"))

    assert r.usage.cache_read_tokens == r.usage.cache_write_tokens == 0
    assert "prompt cache will not form" in caplog.text


def test_usage_adds_up_what_the_api_reported(api, events):
    api.queue(tool_answer("1804988"), tool_answer("2368454"))
    r = resolver(api, events, model="claude-sonnet-4-5")
    for spec in (FALKIRK, HIBS):
        ch, parsed = channel(spec)
        r.resolve(ch, parsed, by_league(events, "Scottish Premiership"))

    sent = api.sent_usage
    assert r.usage.calls == 2
    assert r.usage.model == "claude-sonnet-4-5"
    assert r.usage.input_tokens == sum(u["input_tokens"] for u in sent)
    assert r.usage.output_tokens == sum(u["output_tokens"] for u in sent)
    assert r.usage.cache_write_tokens == sum(u["cache_creation_input_tokens"] for u in sent) > 0
    assert r.usage.cache_read_tokens == sum(u["cache_read_input_tokens"] for u in sent) > 0


def test_a_configured_model_is_the_one_requested_and_reported(api, events):
    api.queue(tool_answer("1804988"))
    ch, parsed = channel(FALKIRK)
    r = resolver(api, events, model="claude-haiku-4-5-20251001")
    r.resolve(ch, parsed, by_league(events, "Scottish Premiership"))

    assert api.message_requests[0].body["model"] == "claude-haiku-4-5-20251001"
    assert r.usage.model == "claude-haiku-4-5-20251001"


def test_candidate_records_are_looked_up_in_the_runs_events(api, events):
    api.queue(tool_answer("1804988"))
    ch, parsed = channel(FALKIRK)
    r = resolver(api, events)
    near = (Candidate("1804988", 0.55, "one side"), Candidate("1753015", 0.41, "time only"))

    assert r.resolve(ch, parsed, near) == "1804988"
    assert "1753015" in api.message_requests[0].body["messages"][0]["content"]


def test_the_same_channel_and_candidates_are_asked_once_per_run(api, events):
    api.queue(tool_answer("1804988"))
    ch, parsed = channel(FALKIRK)
    r = resolver(api, events)
    scottish = by_league(events, "Scottish Premiership")

    assert r.resolve(ch, parsed, scottish) == r.resolve(ch, parsed, scottish) == "1804988"
    assert len(api.message_requests) == 1


# --- budgets ----------------------------------------------------------------------------------------


def test_the_call_budget_stops_calls_when_spent(api, events):
    api.queue(tool_answer("1804988"), tool_answer("2368454"))
    r = resolver(api, events, max_calls=2)
    results = []
    for spec in (FALKIRK, HIBS, MOTHERWELL):
        ch, parsed = channel(spec)
        results.append(r.resolve(ch, parsed, by_league(events, "Scottish Premiership")))

    assert results == ["1804988", "2368454", None]
    assert len(api.message_requests) == 2
    assert r.budget_exhausted
    assert r.outcomes["skipped_budget"] == 1


def test_the_token_budget_stops_before_a_call_would_cross_it(api, events):
    api.queue(tool_answer("1804988"), tool_answer("2368454"))
    r = resolver(api, events, max_input_tokens=1)
    for spec in (FALKIRK, HIBS):
        ch, parsed = channel(spec)
        r.resolve(ch, parsed, by_league(events, "Scottish Premiership"))

    assert len(api.message_requests) == 1
    assert r.budget_exhausted


def test_a_budget_not_reached_is_not_exhausted(api, events):
    api.queue(tool_answer("1804988"))
    ch, parsed = channel(FALKIRK)
    r = resolver(api, events)
    r.resolve(ch, parsed, by_league(events, "Scottish Premiership"))

    assert not r.budget_exhausted


# --- API failures (issue 9) ---------------------------------------------------------------------------


def test_a_429_with_retry_after_is_retried_by_the_sdk_and_then_succeeds(api, events):
    api.queue(rate_limited(retry_after_ms=20), tool_answer("1804988"))
    ch, parsed = channel(FALKIRK)
    r = resolver(api, events, max_retries=2)

    assert r.resolve(ch, parsed, by_league(events, "Scottish Premiership")) == "1804988"
    assert len(api.message_requests) == 2
    assert not r.errors
    assert r.usage.calls == 1


def test_a_429_beyond_the_retries_gives_none_and_counts_rate_limit(api, events):
    api.queue(rate_limited(), rate_limited())
    ch, parsed = channel(FALKIRK)
    r = resolver(api, events, max_retries=1)

    assert r.resolve(ch, parsed, by_league(events, "Scottish Premiership")) is None
    assert r.errors == {"rate_limit": 1}
    assert len(api.message_requests) == 2


def test_a_529_overload_gives_none_and_counts_overloaded(api, events):
    api.queue(overloaded(), overloaded())
    ch, parsed = channel(FALKIRK)
    r = resolver(api, events, max_retries=1)

    assert r.resolve(ch, parsed, by_league(events, "Scottish Premiership")) is None
    assert r.errors == {"overloaded": 1}


def test_a_500_gives_none_and_counts_server_error(api, events):
    api.queue(server_error())
    ch, parsed = channel(FALKIRK)
    r = resolver(api, events)

    assert r.resolve(ch, parsed, by_league(events, "Scottish Premiership")) is None
    assert r.errors == {"server_error": 1}


def test_a_failed_channel_does_not_stop_the_next_one(api, events):
    api.queue(server_error(), tool_answer("2368454"))
    r = resolver(api, events)
    scottish = by_league(events, "Scottish Premiership")

    assert r.resolve(*channel(FALKIRK), scottish) is None
    assert r.resolve(*channel(HIBS), scottish) == "2368454"


def test_a_timeout_gives_none_and_counts_timeout(api, events):
    api.queue(stall(5.0))
    ch, parsed = channel(FALKIRK)
    r = resolver(api, events, timeout_s=0.3)

    assert r.resolve(ch, parsed, by_league(events, "Scottish Premiership")) is None
    assert r.errors == {"timeout": 1}


def test_an_unreachable_api_gives_none_and_counts_connection(events):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again before the call: connection refused
    r = ClaudeLLM(api_key=KEY, base_url=f"http://127.0.0.1:{port}", max_retries=0).resolver(events, run_label="t")
    ch, parsed = channel(FALKIRK)

    assert r.resolve(ch, parsed, by_league(events, "Scottish Premiership")) is None
    assert r.errors == {"connection": 1}


def test_a_rejected_key_disables_the_resolver_for_the_rest_of_the_run(api, events):
    r = ClaudeLLM(api_key="sk-ant-api03-revoked", base_url=api.base_url, max_retries=0).resolver(events, run_label="t")
    scottish = by_league(events, "Scottish Premiership")

    assert r.resolve(*channel(FALKIRK), scottish) is None
    assert r.resolve(*channel(HIBS), scottish) is None
    assert r.errors == {"auth": 1}
    assert len(api.message_requests) == 1


@pytest.mark.parametrize(
    ("reply", "kind"),
    [
        (Reply(text="Falkirk @ Dundee United looks like event 1804988."), "invalid_answer"),
        (Reply(answer={"event_id": "1804988", "confidence": "very high", "reason": "x"}), "invalid_answer"),
        (Reply(answer={"event_id": "1804988", "confidence": 1.7, "reason": "x"}), "invalid_answer"),
        (Reply(answer={"team": "Falkirk"}), "invalid_answer"),
        (Reply(status=200, body="<html><body>upstream gateway</body></html>"), "invalid_response"),
        (Reply(status=200, body={"id": "msg_01", "type": "message", "content": "no blocks"}), "invalid_answer"),
    ],
    ids=["text-not-tool", "confidence-not-number", "confidence-out-of-range", "off-schema", "not-json",
         "content-not-blocks"],
)
def test_a_malformed_answer_gives_none_and_is_counted(api, events, reply, kind):
    api.queue(reply)
    ch, parsed = channel(FALKIRK)
    r = resolver(api, events)

    assert r.resolve(ch, parsed, by_league(events, "Scottish Premiership")) is None
    assert r.errors == {kind: 1}


def test_an_invented_event_id_is_rejected(api, events):
    api.queue(tool_answer("4401804988", 0.99))
    ch, parsed = channel(FALKIRK)
    r = resolver(api, events)

    assert r.resolve(ch, parsed, by_league(events, "Scottish Premiership")) is None
    assert r.errors == {"not_candidate": 1}


def test_an_event_of_the_day_outside_the_channels_candidates_is_rejected(api, events):
    api.queue(tool_answer("2224858", 0.9))  # Rangers vs Livingston: real, same day, not offered
    ch, parsed = channel(FALKIRK)
    r = resolver(api, events)
    offered = [by_id(events, "1804988"), by_id(events, "1753015")]

    assert r.resolve(ch, parsed, offered) is None
    assert r.errors == {"not_candidate": 1}


def test_a_candidate_whose_teams_do_not_resemble_the_name_is_rejected(api, events):
    api.queue(tool_answer("1342267", 0.92))  # Cavaliers vs Pacers for a Hornets x Clippers channel
    ch, parsed = channel(HORNETS)
    r = resolver(api, events)

    assert r.resolve(ch, parsed, by_league(events, "NBA")) is None
    assert r.errors == {"teams_mismatch": 1}


def test_a_half_pair_whose_other_side_plays_elsewhere_today_is_rejected(api, events):
    # Villarreal play Mallorca; Barca play Athletic Bilbao: the labelled decoy-halfpair.
    api.queue(tool_answer("1131738", 0.8, "Villarreal matches"))
    ch, parsed = channel(BARCA)
    r = resolver(api, events)

    assert r.resolve(ch, parsed, by_league(events, "Spanish La Liga")) is None
    assert r.errors == {"half_pair": 1}


def test_an_answer_below_the_confidence_threshold_is_ignored(api, events):
    api.queue(tool_answer("1804988", 0.55))
    ch, parsed = channel(FALKIRK)
    r = resolver(api, events)

    assert r.resolve(ch, parsed, by_league(events, "Scottish Premiership")) is None
    assert r.outcomes["low_confidence"] == 1 and not r.errors


def test_a_declined_answer_is_none_without_an_error(api, events):
    api.queue(tool_answer(None, 0.9, "no candidate is Barca vs Villarreal"))
    ch, parsed = channel(BARCA)
    r = resolver(api, events)

    assert r.resolve(ch, parsed, by_league(events, "Spanish La Liga")) is None
    assert r.outcomes["declined"] == 1 and not r.errors


def test_an_exception_of_any_kind_never_escapes_resolve(events):
    class BrokenMessages:
        def create(self, **kwargs):
            raise RuntimeError("socket exploded")

    class BrokenClient:
        messages = BrokenMessages()

    r = ClaudeResolver(BrokenClient(), events)
    ch, parsed = channel(FALKIRK)

    assert r.resolve(ch, parsed, by_league(events, "Scottish Premiership")) is None
    assert r.errors == {"unexpected": 1}


# --- what is not worth a call -------------------------------------------------------------------------


def test_a_replay_is_not_sent(api, events):
    ch, _ = channel(FALKIRK)
    replay = ParsedName(raw=ch.entry.name, side_a="Falkirk", side_b="Dundee United", replay=True)
    r = resolver(api, events)

    assert r.resolve(ch, replay, by_league(events, "Scottish Premiership")) is None
    assert not api.requests


def test_a_channel_without_candidates_is_not_sent(api, events):
    ch, parsed = channel(FALKIRK)
    r = resolver(api, events)

    assert r.resolve(ch, parsed, []) is None
    assert r.outcomes["skipped_no_candidates"] == 1
    assert not api.requests


# --- verification and learning ------------------------------------------------------------------------


def test_names_without_parsed_sides_are_cut_from_the_channel_name(api, events):
    api.queue(tool_answer("2579478", 0.9))
    ch, _ = channel(STUTTGART)
    r = resolver(api, events)

    assert r.resolve(ch, None, by_league(events, "German Bundesliga")) == "2579478"


def test_a_verified_short_form_is_learned_as_an_alias(api, events):
    api.queue(tool_answer("3069388", 0.9, "Wolves is Wolverhampton Wanderers"))
    ch, parsed = channel(WOLVES)
    r = resolver(api, events)

    assert r.resolve(ch, parsed, by_league(events, "English Premier League")) == "3069388"
    assert ("Wolves", "Wolverhampton Wanderers", "English Premier League") in r.learned
    assert all(alias != "Crystal Palace" for alias, _, _ in r.learned)  # already the team's own name


def test_an_alias_that_fits_two_teams_of_the_league_is_not_learned(events):
    # Both Manchester clubs are in the day's events (City plays Newcastle; United's game is added).
    united = Event(event_id="2070139", sport="Soccer", league="English Premier League", home="Manchester United",
                   away="Everton", start_utc=datetime(2025, 11, 24, 20, tzinfo=UTC))
    ch, parsed = channel(("EPL 06 | Manchester @ Newcastle United | 12:30pm ET", "EPL", 6,
                          ("Manchester", "Newcastle United")))
    answer = Answer(event_id="670389", confidence=0.9, reason="")
    verdict = verify(answer, ch, parsed, [by_id(events, "670389")], [*events, united])

    assert verdict.ok
    assert all(alias != "Manchester" for alias, _, _ in verdict.learned)


def test_a_rejected_answer_teaches_nothing(api, events):
    api.queue(tool_answer("1131738", 0.8))
    ch, parsed = channel(BARCA)
    r = resolver(api, events)
    r.resolve(ch, parsed, by_league(events, "Spanish La Liga"))

    assert r.learned == []


def test_a_half_pair_whose_other_side_plays_nobody_today_is_accepted_on_one_side(events):
    # "Newcastle" has no game of its own in the day's list, so Man City's side carries the fixture.
    ch, parsed = channel(("EPL 06 | Man City @ Newcastle | 12:30pm ET", "EPL", 6, ("Man City", "Newcastle")))
    answer = Answer(event_id="670389", confidence=0.9, reason="")
    verdict = verify(answer, ch, parsed, by_league(events, "English Premier League"), events)

    assert verdict.ok and verdict.event is not None and verdict.event.event_id == "670389"


@pytest.mark.parametrize(
    ("side", "team", "resembles"),
    [
        ("Capitals", "Washington Capitals", True),
        ("NYR", "New York Rangers", True),
        ("Man Utd", "Manchester United", True),
        ("Wolves", "Wolverhampton Wanderers", True),
        ("Gladbach", "Borussia Monchengladbach", True),
        ("1. FC Köln", "FC Koln", True),
        ("New York Mets", "New York Jets", False),  # the city words must not carry it
        ("Lightning", "Tampa Bay Rays", False),
        ("Man Utd", "Manchester City", False),
    ],
)
def test_side_resemblance(side, team, resembles):
    assert (side_score(side, team) >= 80) is resembles


# --- secrets and the resource -------------------------------------------------------------------------


def test_the_api_key_never_appears_in_logs_or_repr(api, events, caplog):
    caplog.set_level(logging.DEBUG)  # the SDK's and httpx's debug logs included
    api.queue(server_error(), api_error(400, "invalid_request_error", "messages: text content blocks must be non-empty"))
    resource = ClaudeLLM(api_key=KEY, base_url=api.base_url, max_retries=1)
    r = resource.resolver(events, run_label="2025-11-22/p1")
    ch, parsed = channel(FALKIRK)

    assert r.resolve(ch, parsed, by_league(events, "Scottish Premiership")) is None
    assert r.errors == {"api_error": 1}
    assert caplog.records  # the failure was logged
    assert KEY not in caplog.text
    assert KEY not in repr(resource) and KEY not in str(resource)
    assert KEY not in repr(r) and KEY not in str(r.summary())


def test_the_key_is_read_from_the_environment_through_envvar(api, events, monkeypatch):
    monkeypatch.setenv("ANTHROPIC_API_KEY", KEY)
    api.queue(tool_answer("1804988"))
    with dg.build_resources({"llm": ClaudeLLM(api_key=dg.EnvVar("ANTHROPIC_API_KEY"), base_url=api.base_url)}) as res:
        r = res.llm.resolver(events, run_label="t")
        ch, parsed = channel(FALKIRK)
        assert r.resolve(ch, parsed, by_league(events, "Scottish Premiership")) == "1804988"


def test_the_fallback_is_off_without_a_key(events):
    assert ClaudeLLM(api_key="").resolver(events, run_label="t") is None
    assert ClaudeLLM(api_key="   ").resolver(events, run_label="t") is None


def test_llm_off_gives_no_resolver(events):
    assert LLMOff().resolver(events, run_label="t") is None


def test_a_confidence_threshold_outside_0_to_1_is_a_one_line_error(events):
    with pytest.raises(LLMError, match="min_confidence"):
        ClaudeResolver(object(), events, min_confidence=7)


def test_events_without_a_kick_off_are_listed_as_tbd():
    tbd = Event(event_id="9", sport="Soccer", league="Scottish Premiership", home="Celtic", away="Rangers",
                start_utc=None)
    timed = Event(event_id="8", sport="Soccer", league="Scottish Premiership", home="Hearts", away="Hibernian",
                  start_utc=datetime(2025, 11, 22, 15, tzinfo=UTC))
    text = build_system(sorted_events([tbd, timed]))[0]["text"]

    assert text.index("8 | 2025-11-22 15:00Z") < text.index("9 | time TBD")
