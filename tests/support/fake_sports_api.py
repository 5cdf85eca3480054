"""A real local HTTP server that speaks TheSportsDB v1 and ESPN scoreboard JSON, with fault injection.

    with FakeSportsAPI() as api:
        api.serve_tsdb("eventsday.php", payload, d="2025-11-23", l="NBA")
        api.script("/api/v1/json/123/eventsday.php", Reply(status=429, headers={"Retry-After": "0.1"}))
        client = TheSportsDBClient(api.tsdb_base_url, "123")

Standing replies answer every matching request; scripted replies are used once each, in order, before
the standing reply. Every request is recorded (`api.requests`, `api.count(...)`), which is how tests
prove a cache hit made no request.
"""

from __future__ import annotations

import json
import socket
import struct
import threading
import time
from collections import defaultdict, deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit


@dataclass
class Reply:
    status: int = 200
    json: Any = None  # encoded as the body unless `body` is given
    body: bytes | None = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds to wait before answering (a slow server, a client timeout)
    reset: bool = False  # drop the connection with a TCP reset instead of answering
    cut_after: int | None = None  # announce the full length, send this many bytes, then hang up

    def payload(self) -> bytes:
        if self.body is not None:
            return self.body
        return json.dumps(self.json if self.json is not None else {}).encode("utf-8")


@dataclass(frozen=True)
class Seen:
    path: str
    query: dict[str, str]


Query = frozenset[tuple[str, str]] | None


class FakeSportsAPI:
    """ThreadingHTTPServer on 127.0.0.1, an OS-chosen port, in a background thread."""

    def __init__(self) -> None:
        self._standing: dict[str, dict[Query, Reply]] = defaultdict(dict)
        self._scripted: dict[tuple[str, Query], deque[Reply]] = defaultdict(deque)
        self._lock = threading.Lock()
        self.requests: list[Seen] = []
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._server.block_on_close = False
        self._server.handle_error = lambda request, address: None  # clients hang up on purpose
        # A short poll interval: shutdown() waits for the serving loop's next poll.
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.02,),
                                        name="fake-sports-api", daemon=True)

    # -- lifecycle
    def __enter__(self) -> FakeSportsAPI:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def tsdb_base_url(self) -> str:
        return f"{self.base_url}/api/v1/json"

    @property
    def espn_base_url(self) -> str:
        return self.base_url

    # -- configuration
    @staticmethod
    def _key(query: dict[str, str] | None) -> Query:
        return frozenset(query.items()) if query else None

    def serve(self, path: str, reply: Reply, query: dict[str, str] | None = None) -> None:
        """Answer `path` (with exactly `query`, or any query when None) with `reply` every time."""
        with self._lock:
            self._standing[path][self._key(query)] = reply

    def script(self, path: str, *replies: Reply, query: dict[str, str] | None = None) -> None:
        """Use `replies` once each, in order, before the standing reply."""
        with self._lock:
            self._scripted[(path, self._key(query))].extend(replies)

    @staticmethod
    def tsdb_path(endpoint: str, key: str = "123") -> str:
        return f"/api/v1/json/{key}/{endpoint}"

    @staticmethod
    def espn_path(league_path: str) -> str:
        return f"/apis/site/v2/sports/{league_path}/scoreboard"

    def serve_tsdb(self, endpoint: str, payload: Any, *, key: str = "123", **query: str) -> None:
        self.serve(self.tsdb_path(endpoint, key), Reply(json=payload), query or None)

    def serve_espn(self, league_path: str, day: str, payload: Any) -> None:
        """`day` as ESPN writes it: YYYYMMDD."""
        self.serve(self.espn_path(league_path), Reply(json=payload), {"dates": day})

    # -- inspection
    def count(self, path: str | None = None, **query: str) -> int:
        with self._lock:
            return sum(
                1 for r in self.requests
                if (path is None or r.path == path) and all(r.query.get(k) == v for k, v in query.items())
            )

    def _pick(self, path: str, query: dict[str, str]) -> Reply:
        with self._lock:
            self.requests.append(Seen(path, dict(query)))
            for key in (self._key(query), None):
                queue = self._scripted.get((path, key))
                if queue:
                    return queue.popleft()
            standing = self._standing.get(path, {})
            reply = standing.get(self._key(query)) or standing.get(None)
        return reply or Reply(status=404, json={"error": f"no route for {path}"})

    # -- the handler
    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        api = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
                return

            def do_GET(self) -> None:  # noqa: N802 - stdlib name
                parts = urlsplit(self.path)
                reply = api._pick(parts.path, dict(parse_qsl(parts.query)))
                if reply.delay:
                    time.sleep(reply.delay)
                if reply.reset:
                    # SO_LINGER 0 turns close() into a TCP RST: "connection reset by peer".
                    self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    self.connection.close()
                    self.close_connection = True
                    return
                body = reply.payload()
                self.send_response(reply.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                if reply.cut_after is not None:
                    self.send_header("Connection", "close")
                self.end_headers()
                try:
                    if reply.cut_after is not None:
                        self.wfile.write(body[: reply.cut_after])
                        self.wfile.flush()
                        self.close_connection = True
                        return
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    self.close_connection = True  # the client gave up (timeout) first

        return Handler
