"""A reverse proxy on 127.0.0.1 that sits in front of a real server and breaks chosen requests.

    with FaultProxy(s3.endpoint_url) as proxy:
        proxy.fail(lambda r: r.is_copy, "status", times=5)   # CopyObject answers 500, five times
        store = R2Store(endpoint_url=proxy.url, ...)

Faults: `status` (answer 500 InternalError without forwarding), `reset` (drop the connection
without an answer, after reading the request), `truncate` (forward only half of the body to the
upstream, then hang up on both sides: a partial upload), `corrupt` (forward the body with one byte
flipped). Everything else is forwarded byte for byte, so the client talks to the real server.
"""

from __future__ import annotations

import http.client
import socket
import struct
import threading
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Seen:
    method: str
    path: str
    headers: dict[str, str]

    @property
    def is_copy(self) -> bool:
        return self.method == "PUT" and "x-amz-copy-source" in self.headers

    @property
    def is_upload(self) -> bool:
        return self.method == "PUT" and "x-amz-copy-source" not in self.headers


@dataclass
class _Rule:
    match: Callable[[Seen], bool]
    fault: str
    times: int


class FaultProxy:
    def __init__(self, upstream: str) -> None:
        parts = urlsplit(upstream)
        self.upstream = (parts.hostname or "127.0.0.1", parts.port or 80)
        self.rules: list[_Rule] = []
        self.seen: list[Seen] = []
        self.faults: list[tuple[str, str, str]] = []  # (fault, method, path) actually injected
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def fail(self, match: Callable[[Seen], bool], fault: str, times: int = 1) -> None:
        assert fault in ("status", "reset", "truncate", "corrupt")
        with self._lock:
            self.rules.append(_Rule(match, fault, times))

    def __enter__(self) -> FaultProxy:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _pick(self, seen: Seen) -> str | None:
        with self._lock:
            self.seen.append(seen)
            for rule in self.rules:
                if rule.times > 0 and rule.match(seen):
                    rule.times -= 1
                    self.faults.append((rule.fault, seen.method, seen.path))
                    return rule.fault
        return None

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
                return

            def _relay(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                headers = {k.lower(): v for k, v in self.headers.items()}
                fault = proxy._pick(Seen(self.command, self.path, headers))
                if fault == "status":
                    payload = (b"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>InternalError</Code>"
                               b"<Message>injected fault</Message></Error>")
                    self.send_response(500)
                    self.send_header("Content-Type", "application/xml")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                    return
                if fault == "reset":
                    self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    self.connection.close()
                    self.close_connection = True
                    return
                if fault == "truncate":
                    # The upstream gets the full Content-Length but only half the bytes, then EOF.
                    with socket.create_connection(proxy.upstream, timeout=5) as up:
                        head = f"{self.command} {self.path} HTTP/1.1\r\n" + "".join(
                            f"{k}: {v}\r\n" for k, v in self.headers.items()) + "\r\n"
                        up.sendall(head.encode("latin-1") + body[: len(body) // 2])
                        up.shutdown(socket.SHUT_WR)
                    self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    self.connection.close()
                    self.close_connection = True
                    return
                if fault == "corrupt" and body:
                    body = body[:-1] + bytes([body[-1] ^ 0xFF])
                conn = http.client.HTTPConnection(*proxy.upstream, timeout=30)
                try:
                    fwd = {k: v for k, v in self.headers.items() if k.lower() not in ("connection",)}
                    conn.request(self.command, self.path, body=body or None, headers=fwd)
                    resp = conn.getresponse()
                    data = resp.read()
                    self.send_response(resp.status)
                    head = self.command == "HEAD"  # a HEAD answer keeps the object's Content-Length
                    for k, v in resp.getheaders():
                        if k.lower() not in ("transfer-encoding", "connection") and (head or k.lower() != "content-length"):
                            self.send_header(k, v)
                    if not head:
                        self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    if self.command != "HEAD":
                        self.wfile.write(data)
                finally:
                    conn.close()

            do_GET = do_PUT = do_POST = do_HEAD = do_DELETE = _relay  # noqa: N815 - stdlib names

        return Handler
