"""A local HTTP server on 127.0.0.1 speaking the Anthropic Messages API (POST /v1/messages).

It checks what the real API checks first (auth header, version header, a JSON body with model,
max_tokens and messages), records every request, and answers from a script of replies that a test
queues: tool_use answers, API errors with headers (429 retry-after, 529 overloaded, 500), a stall
longer than the client's timeout, or raw bodies. `usage` is computed the way the API reports it:
the prefix up to the last `cache_control` block (tools, then system) is written to the cache on its
first sighting and read from it afterwards, provided it reaches the model's minimum cacheable length
(4096 tokens for Haiku 4.5, 1024 for Sonnet 4.5); tokens are estimated at 4 characters each.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import json
import threading
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

_ids = itertools.count(1)


@dataclass
class Reply:
    status: int = 200
    body: Any = None  # dict -> JSON; str/bytes -> sent as is; None -> a tool_use message built from `answer`
    answer: dict[str, Any] | None = None
    headers: dict[str, str] = field(default_factory=dict)
    stall_s: float = 0.0  # wait this long before answering (for client timeouts)
    text: str | None = None  # answer with a text block instead of a tool call


def tool_answer(event_id: str | None, confidence: float = 0.9, reason: str = "both teams match") -> Reply:
    return Reply(answer={"event_id": event_id, "confidence": confidence, "reason": reason})


def api_error(status: int, kind: str, message: str, headers: dict[str, str] | None = None) -> Reply:
    return Reply(status=status, body={"type": "error", "error": {"type": kind, "message": message}},
                 headers=headers or {})


def rate_limited(retry_after_ms: int = 20) -> Reply:
    return api_error(429, "rate_limit_error",
                     "This request would exceed the rate limit for your organization of 50 requests per minute.",
                     {"retry-after-ms": str(retry_after_ms), "retry-after": "1"})


def overloaded(retry_after_ms: int = 20) -> Reply:
    return api_error(529, "overloaded_error", "Overloaded", {"retry-after-ms": str(retry_after_ms)})


def server_error(retry_after_ms: int = 20) -> Reply:
    return api_error(500, "api_error", "Internal server error", {"retry-after-ms": str(retry_after_ms)})


def stall(seconds: float) -> Reply:
    return Reply(stall_s=seconds, answer={"event_id": None, "confidence": 0.0, "reason": "late"})


def min_cache_tokens(model: str) -> int:
    """The API's minimum cacheable prefix per model, from Anthropic's prompt-caching documentation."""
    if model.startswith(("claude-haiku-4-5", "claude-opus-4-5", "claude-opus-4-6")):
        return 4096
    if model.startswith(("claude-3-haiku", "claude-3-5-haiku")):
        return 2048
    return 1024


def estimate_tokens(obj: Any) -> int:
    return max(1, len(json.dumps(obj, sort_keys=True, ensure_ascii=False)) // 4)


@dataclass
class Seen:
    path: str
    headers: dict[str, str]
    body: Any


class FakeAnthropic:
    """`with FakeAnthropic(api_key) as api:` ... `anthropic.Anthropic(base_url=api.base_url, ...)`."""

    def __init__(self, api_key: str = "sk-ant-api03-test-key-0000000000") -> None:
        self.api_key = api_key
        self.script: deque[Reply] = deque()
        self.default: Reply | None = None  # used when the script is empty; else 500 "script exhausted"
        self.requests: list[Seen] = []
        self.sent_usage: list[dict[str, Any]] = []  # the usage object of every message answered
        self._cache: set[str] = set()
        self._lock = threading.Lock()
        self._release = threading.Event()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- scripting --------------------------------------------------------------------------------

    def queue(self, *replies: Reply) -> FakeAnthropic:
        self.script.extend(replies)
        return self

    @property
    def base_url(self) -> str:
        assert self._server is not None, "server not started"
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def message_requests(self) -> list[Seen]:
        return [r for r in self.requests if r.path == "/v1/messages"]

    # -- lifecycle --------------------------------------------------------------------------------

    def __enter__(self) -> FakeAnthropic:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:  # keep test output clean
                pass

            def do_POST(self) -> None:  # noqa: N802 - http.server naming
                fake._handle(self)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._release.set()  # wake stalled handlers so shutdown does not wait for them
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    # -- the API ----------------------------------------------------------------------------------

    def _handle(self, h: BaseHTTPRequestHandler) -> None:
        length = int(h.headers.get("content-length") or 0)
        raw = h.rfile.read(length) if length else b""
        try:
            body = json.loads(raw or b"null")
        except json.JSONDecodeError:
            body = None
        with self._lock:
            self.requests.append(Seen(h.path, {k.lower(): v for k, v in h.headers.items()}, body))

        if h.path != "/v1/messages":
            return self._send(h, 404, {"type": "error", "error": {"type": "not_found_error", "message": "Not found"}})
        auth = h.headers.get("x-api-key") or (h.headers.get("authorization") or "").removeprefix("Bearer ")
        if auth != self.api_key:
            return self._send(h, 401, {"type": "error",
                                       "error": {"type": "authentication_error", "message": "invalid x-api-key"}})
        if not h.headers.get("anthropic-version"):
            return self._send(h, 400, {"type": "error", "error": {"type": "invalid_request_error",
                                                                  "message": "anthropic-version: header is required"}})
        if not isinstance(body, dict) or not all(k in body for k in ("model", "max_tokens", "messages")):
            return self._send(h, 400, {"type": "error", "error": {"type": "invalid_request_error",
                                                                  "message": "model, max_tokens and messages are required"}})

        with self._lock:
            reply = self.script.popleft() if self.script else self.default
        if reply is None:
            return self._send(h, 500, {"type": "error", "error": {"type": "api_error", "message": "script exhausted"}})
        if reply.stall_s:
            self._release.wait(reply.stall_s)
        if reply.status != 200 or reply.body is not None:
            return self._send(h, reply.status, reply.body, reply.headers)
        return self._send(h, 200, self._message(body, reply), reply.headers)

    def _message(self, body: dict[str, Any], reply: Reply) -> dict[str, Any]:
        cached, cache_tokens = self._cached_prefix(body)
        if cached is not None and cache_tokens < min_cache_tokens(body["model"]):
            cached, cache_tokens = None, 0  # below the floor the API caches nothing and says nothing
        with self._lock:
            hit = cached is not None and cached in self._cache
            if cached is not None:
                self._cache.add(cached)
        rest = estimate_tokens(body.get("messages"))
        if reply.text is not None:
            content = [{"type": "text", "text": reply.text}]
            stop = "end_turn"
        else:
            tool = (body.get("tool_choice") or {}).get("name") or "pick_event"
            content = [{"type": "tool_use", "id": f"toolu_01Fake{next(_ids):06d}", "name": tool,
                        "input": reply.answer}]
            stop = "tool_use"
        usage = {
            "input_tokens": rest if cached is not None else rest + cache_tokens,
            "cache_creation_input_tokens": cache_tokens if cached is not None and not hit else 0,
            "cache_read_input_tokens": cache_tokens if hit else 0,
            "output_tokens": estimate_tokens(content),
            "service_tier": "standard",
        }
        with self._lock:
            self.sent_usage.append(usage)
        return {
            "id": f"msg_01Fake{next(_ids):06d}",
            "type": "message",
            "role": "assistant",
            "model": body["model"],
            "content": content,
            "stop_reason": stop,
            "stop_sequence": None,
            "usage": usage,
        }

    @staticmethod
    def _cached_prefix(body: dict[str, Any]) -> tuple[str | None, int]:
        """The cache key and size of the prompt prefix up to the last cache_control breakpoint."""
        prefix: list[Any] = []
        marked_upto = None
        for tool in body.get("tools") or []:
            prefix.append(tool)
            if isinstance(tool, dict) and tool.get("cache_control"):
                marked_upto = len(prefix)
        system = body.get("system")
        for block in ([{"type": "text", "text": system}] if isinstance(system, str) else system or []):
            prefix.append(block)
            if isinstance(block, dict) and block.get("cache_control"):
                marked_upto = len(prefix)
        if marked_upto is None:
            return None, 0
        part = [body.get("model")] + prefix[:marked_upto]
        key = hashlib.sha256(json.dumps(part, sort_keys=True).encode()).hexdigest()
        return key, estimate_tokens(prefix[:marked_upto])

    @staticmethod
    def _send(h: BaseHTTPRequestHandler, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
        data = body if isinstance(body, bytes) else (
            body.encode() if isinstance(body, str) else json.dumps(body).encode())
        h.send_response(status)
        h.send_header("content-type", "application/json")
        h.send_header("request-id", f"req_01Fake{next(_ids):06d}")
        for k, v in (headers or {}).items():
            h.send_header(k, v)
        h.send_header("content-length", str(len(data)))
        h.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client gave up (its timeout)
            h.wfile.write(data)
