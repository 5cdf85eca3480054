"""A stand-in for "the public internet" on 127.0.0.1, for testing the BYO URL guard honestly.

The guard (`netguard.guarded_fetch`) resolves every hop's host and refuses loopback, private,
link-local and metadata addresses. A test server on 127.0.0.1 is therefore unreachable through the
guard by design, and `allow_private=True` would switch off exactly what is under test. Two real
parts make a public-looking web out of local pieces instead:

- `FakeDNS` patches `socket.getaddrinfo` with a small zone: `playlists.example` resolves to a
  public address (93.184.215.14), `intranet.example` to 10.0.0.7, `metadata.example` to
  169.254.169.254, and so on. Every other name (and every literal address) goes to the real
  resolver. The guard sees what real DNS would tell it for such names.
- `PublicWeb` is an HTTP forward proxy on 127.0.0.1 (`HTTP_PROXY` points at it), the way a
  production egress proxy works: httpx sends `GET http://playlists.example/list.m3u` to the proxy,
  which answers from its routes, as the origin server would. Because a proxy is in the path, httpx
  itself never resolves the target host; only the guard does, through `FakeDNS`.

A hop that the guard refuses never reaches the proxy, so `PublicWeb.seen` proves no request went out.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

import pytest

ZONE = {
    "playlists.example": "93.184.215.14",  # public (an address of example.com's network)
    "cdn.playlists.example": "93.184.215.15",
    "intranet.example": "10.0.0.7",
    "router.example": "192.168.1.1",
    "metadata.example": "169.254.169.254",
    "loopback.example": "127.0.0.1",
    "v6loop.example": "::1",
    "cgnat.example": "100.64.0.9",
}


class FakeDNS:
    """`socket.getaddrinfo` answering from `ZONE` (plus `extra`), the real resolver for the rest."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, extra: dict[str, str] | None = None) -> None:
        self.zone = {**ZONE, **(extra or {})}
        self.lookups: list[str] = []
        real = socket.getaddrinfo

        def getaddrinfo(host: Any, port: Any, family: int = 0, type: int = 0, proto: int = 0,  # noqa: A002
                        flags: int = 0) -> list[tuple[Any, ...]]:
            name = host.decode() if isinstance(host, bytes) else host
            if name in self.zone:
                self.lookups.append(name)
                addr = self.zone[name]
                port_n = int(port or 0)
                if ":" in addr:
                    return [(socket.AF_INET6, socket.SOCK_STREAM, 6, "", (addr, port_n, 0, 0))]
                return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (addr, port_n))]
            return real(host, port, family, type, proto, flags)

        monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


@dataclass
class Route:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    drip_every: float = 0.0  # > 0: send the body one byte at a time, this many seconds apart
    chunked: bool = False  # no Content-Length: the body is sent with chunked transfer encoding
    on_request: Callable[[], None] | None = None  # called before the answer, in the server's thread


class PublicWeb:
    """A forward proxy that is every "public" origin at once: routes are keyed by full URL."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.seen: list[str] = []
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True)

    @property
    def proxy_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    def route(self, url: str, route: Route) -> None:
        self.routes[url] = route

    def redirect(self, url: str, location: str, status: int = 302) -> None:
        self.routes[url] = Route(status=status, headers={"Location": location})

    def start(self) -> PublicWeb:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        web = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
                return

            def do_GET(self) -> None:  # noqa: N802 - stdlib name
                # A proxied request carries the absolute URL; a direct one only the path. The guard
                # connects to the address it checked and names the host in the Host header (as an
                # origin server sees it), so the route key is rebuilt from that header.
                if self.path.startswith("http"):
                    parts = urlsplit(self.path)
                    host = self.headers.get("Host") or parts.netloc
                    url = parts._replace(netloc=host).geturl()
                else:
                    url = f"http://direct{self.path}"
                with web._lock:
                    web.seen.append(url)
                route = web.routes.get(url) or Route(404, b"no route\n")
                if route.on_request is not None:
                    route.on_request()
                self.send_response(route.status)
                for k, v in route.headers.items():
                    self.send_header(k, v)
                if route.chunked:
                    self.send_header("Transfer-Encoding", "chunked")
                else:
                    self.send_header("Content-Length", str(len(route.body)))
                self.send_header("Connection", "close")
                self.end_headers()
                self.close_connection = True
                try:
                    if route.chunked:
                        step = 64 << 10
                        for i in range(0, len(route.body), step):
                            part = route.body[i:i + step]
                            self.wfile.write(f"{len(part):x}\r\n".encode() + part + b"\r\n")
                        self.wfile.write(b"0\r\n\r\n")
                    elif route.drip_every:
                        for i in range(len(route.body)):
                            self.wfile.write(route.body[i:i + 1])
                            self.wfile.flush()
                            time.sleep(route.drip_every)
                    else:
                        self.wfile.write(route.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up first, as the guard should

        return Handler


@contextmanager
def public_web(monkeypatch: pytest.MonkeyPatch, extra_zone: dict[str, str] | None = None) -> Iterator[tuple[PublicWeb, FakeDNS]]:
    """The fake DNS zone plus the proxy, with HTTP_PROXY set for httpx (which reads it per client)."""
    dns = FakeDNS(monkeypatch, extra_zone)
    web = PublicWeb().start()
    for var in ("HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy", "NO_PROXY", "no_proxy"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("HTTP_PROXY", web.proxy_url)
    try:
        yield web, dns
    finally:
        web.stop()


def host_of(url: str) -> str:
    return urlsplit(url).hostname or ""
