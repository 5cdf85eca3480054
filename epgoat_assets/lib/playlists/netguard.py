"""Fetching URLs that users give us (BYO playlists) without letting them reach our own network.

A user-supplied URL must be http(s) and its host must resolve only to public addresses: loopback,
private, link-local (cloud metadata lives at 169.254.169.254), shared, multicast and reserved ranges
are refused. Redirects are followed by hand so that every hop is checked again.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from urllib.parse import urljoin, urlsplit

MAX_REDIRECTS = 5


class UnsafeURLError(ValueError):
    """A URL that epgoat refuses to fetch; the message says why on one line."""


def _blocked(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        return _blocked(ip.ipv4_mapped)
    for what, flag in (("loopback", ip.is_loopback), ("link-local", ip.is_link_local), ("private", ip.is_private),
                       ("multicast", ip.is_multicast), ("reserved", ip.is_reserved),
                       ("unspecified", ip.is_unspecified)):
        if flag:
            return what
    if not ip.is_global:
        return "non-public"
    return None


def resolve_host(host: str, port: int) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise UnsafeURLError(f"cannot resolve host {host!r}: {exc.strerror or exc}") from exc
    return sorted({info[4][0] for info in infos})


def safe_url_label(url: str) -> str:
    """scheme://host/path without credentials or query (Xtream URLs carry passwords there)."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{host}{port}{parts.path}"


def check_public_url(url: str, *, allow_private: bool = False) -> list[str]:
    """Refuse non-http(s) URLs and hosts that are or resolve to non-public addresses.

    `allow_private` is for operator-given sources (configured provider packs, the command line's
    playlist), which may sit on a private host; BYO URLs from users never get it. Returns the
    resolved addresses.
    """
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https"):
        raise UnsafeURLError(f"refused URL: only http and https are allowed, not {parts.scheme or 'no scheme'!r}")
    host = parts.hostname
    if not host:
        raise UnsafeURLError("refused URL: it has no host")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise UnsafeURLError(f"refused URL: bad port ({exc})") from exc
    try:
        literal = ipaddress.ip_address(host)
        addresses = [str(literal)]
    except ValueError:
        addresses = resolve_host(host, port)
    if not allow_private:
        for addr in addresses:
            why = _blocked(ipaddress.ip_address(addr.split("%", 1)[0]))
            if why:
                raise UnsafeURLError(f"refused URL: host {host!r} resolves to a {why} address ({addr})")
    return addresses


def pinned_request(url: str, address: str) -> tuple[str, dict[str, str], dict[str, str]]:
    """The request for `url` sent to the already-checked `address`.

    Connecting by address closes the gap between the check and the connection in which a DNS
    answer could change (DNS rebinding); the Host header and TLS SNI keep the original name, so
    virtual hosting and certificate verification work as before.
    """
    parts = urlsplit(url)
    host = parts.hostname or ""
    try:
        ipaddress.ip_address(host)
        return url, {}, {}  # already an address
    except ValueError:
        pass
    ip = address.split("%", 1)[0]
    ip_host = f"[{ip}]" if ":" in ip else ip
    netloc = f"{ip_host}:{parts.port}" if parts.port else ip_host
    target = parts._replace(netloc=netloc).geturl()
    host_header = f"{host}:{parts.port}" if parts.port else host
    extensions = {"sni_hostname": host} if parts.scheme == "https" else {}
    return target, {"Host": host_header}, extensions


def guarded_fetch(url: str, *, max_bytes: int = 512 << 20, timeout: float = 120.0,
                  allow_private: bool = False) -> bytes:
    """GET `url`, checking the host of the URL and of every redirect hop; size and time limited."""
    import httpx  # here, not at import: reading a local playlist never pays for the HTTP stack

    deadline = time.monotonic() + timeout
    current = url
    with httpx.Client(timeout=httpx.Timeout(min(timeout, 30.0)), follow_redirects=False) as client:
        for _hop in range(MAX_REDIRECTS + 1):
            addresses = check_public_url(current, allow_private=allow_private)
            if time.monotonic() > deadline:
                raise UnsafeURLError(f"{safe_url_label(current)}: took longer than {timeout:g} s")
            target, headers, extensions = pinned_request(current, addresses[0])
            try:
                with client.stream("GET", target, headers=headers, extensions=extensions) as resp:
                    if resp.is_redirect:
                        location = resp.headers.get("location")
                        if not location:
                            raise UnsafeURLError(f"{safe_url_label(current)}: redirect without a Location")
                        current = urljoin(current, location)
                        continue
                    if resp.status_code != 200:
                        raise UnsafeURLError(f"{safe_url_label(current)}: HTTP {resp.status_code}")
                    declared = resp.headers.get("content-length")
                    if declared and declared.isdigit() and int(declared) > max_bytes:
                        raise UnsafeURLError(f"{safe_url_label(current)}: {declared} bytes exceeds the {max_bytes} limit")
                    chunks: list[bytes] = []
                    size = 0
                    # No chunk size: chunks come as they arrive, so the deadline is checked even while a
                    # server trickles a byte at a time (a fixed size would wait for 1 MiB or the end).
                    for chunk in resp.iter_bytes():
                        size += len(chunk)
                        if size > max_bytes:
                            raise UnsafeURLError(f"{safe_url_label(current)}: body exceeds the {max_bytes} byte limit")
                        if time.monotonic() > deadline:
                            raise UnsafeURLError(f"{safe_url_label(current)}: took longer than {timeout:g} s")
                        chunks.append(chunk)
                    return b"".join(chunks)
            except httpx.HTTPError as exc:
                reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
                raise UnsafeURLError(f"{safe_url_label(current)}: {reason}") from exc
    raise UnsafeURLError(f"{safe_url_label(url)}: more than {MAX_REDIRECTS} redirects")
