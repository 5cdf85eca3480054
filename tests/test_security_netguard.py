"""BYO playlist URLs: http(s) only, never our own network, every redirect hop checked, size and time limits.

How the "public internet" is simulated (see tests/support/public_web.py): a patched resolver gives
made-up names real-looking answers (`playlists.example` -> a public address, `intranet.example` ->
10.0.0.7, `metadata.example` -> 169.254.169.254), and a forward proxy on 127.0.0.1 plays every
public origin. The guard runs unmodified with `allow_private=False`; it resolves each hop itself and
refuses before connecting, so the proxy's request log shows that a refused hop was never fetched.
"""

from __future__ import annotations

import contextlib
import time

import pytest
from support.public_web import Route, public_web

from epgoat_assets import cli
from epgoat_assets.lib.playlists.netguard import UnsafeURLError, check_public_url, guarded_fetch
from epgoat_assets.lib.warehouse import store
from epgoat_assets.lib.warehouse.db import Database

pytest_plugins = ["reliability_plugin"]

PLAYLIST = b"#EXTM3U\n#EXTINF:-1 group-title=\"NBA Events\",NBA 01: Pacers vs Cavaliers 7:00 PM ET\nhttp://line.example/live/1.ts\n"


@pytest.fixture
def web(monkeypatch):
    with public_web(monkeypatch) as (server, dns):
        yield server


# --- direct use of a refused URL ---------------------------------------------------------------------

REFUSED = [
    ("ftp://playlists.example/list.m3u", "only http and https"),
    ("file:///etc/passwd", "only http and https"),
    ("gopher://playlists.example/", "only http and https"),
    ("javascript:alert(1)", "only http and https"),
    ("list.m3u", "only http and https"),
    ("http:///list.m3u", "no host"),
    ("http://127.0.0.1/list.m3u", "loopback"),
    ("http://127.1/list.m3u", "loopback"),
    ("http://2130706433/list.m3u", "loopback"),  # 127.0.0.1 as one decimal number
    ("http://0x7f000001/list.m3u", "loopback"),
    ("http://localhost:8080/list.m3u", "loopback"),
    ("http://[::1]/list.m3u", "loopback"),
    ("http://[::ffff:127.0.0.1]/list.m3u", "loopback"),
    ("http://0.0.0.0/list.m3u", "resolves to a private address (0.0.0.0)"),
    ("http://10.1.2.3/list.m3u", "private"),
    ("http://172.16.0.1/list.m3u", "private"),
    ("http://192.168.1.1/list.m3u", "private"),
    ("http://169.254.169.254/latest/meta-data/", "link-local"),
    ("http://[fe80::1]/list.m3u", "link-local"),
    ("http://[fd00::1]/list.m3u", "private"),
    ("http://intranet.example/list.m3u", "private"),
    ("http://metadata.example/computeMetadata/v1/", "link-local"),
    ("http://loopback.example/list.m3u", "loopback"),
    ("http://v6loop.example/list.m3u", "loopback"),
    ("http://cgnat.example/list.m3u", "resolves to a"),
    ("http://224.0.0.1/list.m3u", "multicast"),
    ("http://playlists.example:99999/list.m3u", "bad port"),
    ("http://no-such-host.invalid/list.m3u", "cannot resolve host"),
]


@pytest.mark.parametrize(("url", "why"), REFUSED)
def test_refused_urls_are_refused_before_any_request(fault, web, url, why) -> None:
    fault(f"BYO URL {url}", f"UnsafeURLError '{why}' before any connection")
    with pytest.raises(UnsafeURLError) as err:
        check_public_url(url)
    assert why in str(err.value) and "\n" not in str(err.value)
    with pytest.raises(UnsafeURLError):
        guarded_fetch(url, timeout=5)
    assert web.seen == []


def test_a_public_url_is_fetched(fault, web) -> None:
    fault("control: a public URL", "fetched through the guard")
    web.route("http://playlists.example/list.m3u", Route(body=PLAYLIST))
    assert guarded_fetch("http://playlists.example/list.m3u", timeout=5) == PLAYLIST
    assert web.seen == ["http://playlists.example/list.m3u"]


# --- every redirect hop is checked -------------------------------------------------------------------


@pytest.mark.parametrize("target", [
    "http://127.0.0.1:{port}/secret",
    "http://localhost:{port}/secret",
    "http://[::1]:{port}/secret",
    "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
    "http://metadata.example/computeMetadata/v1/",
    "http://intranet.example/admin",
    "file:///etc/passwd",
])
def test_a_redirect_from_a_public_host_to_our_network_is_refused(fault, web, target) -> None:
    target = target.format(port=web.port)
    fault(f"BYO URL redirecting (302) to {target}", "UnsafeURLError at the second hop; the target is never requested")
    web.redirect("http://playlists.example/list.m3u", target)
    with pytest.raises(UnsafeURLError, match="refused URL") as err:
        guarded_fetch("http://playlists.example/list.m3u", timeout=5)
    assert "\n" not in str(err.value)
    assert web.seen == ["http://playlists.example/list.m3u"]  # the first hop only: the secret was never asked for


def test_a_redirect_chain_is_checked_at_every_hop(fault, web) -> None:
    fault("BYO URL: public -> public -> 10.0.0.7 (third hop)", "refused at the third hop; two public hops fetched")
    web.redirect("http://playlists.example/a", "http://cdn.playlists.example/b", 301)
    web.redirect("http://cdn.playlists.example/b", "http://intranet.example/c", 307)
    with pytest.raises(UnsafeURLError, match="intranet.example.*private"):
        guarded_fetch("http://playlists.example/a", timeout=5)
    assert web.seen == ["http://playlists.example/a", "http://cdn.playlists.example/b"]


def test_a_relative_redirect_to_a_public_host_is_followed(fault, web) -> None:
    fault("control: public -> public (relative Location) redirects", "followed; the final body is returned")
    web.redirect("http://playlists.example/get.php", "/files/list.m3u")
    web.route("http://playlists.example/files/list.m3u", Route(body=PLAYLIST))
    assert guarded_fetch("http://playlists.example/get.php", timeout=5) == PLAYLIST


def test_a_redirect_loop_stops_after_five_hops(fault, web) -> None:
    fault("BYO URL: a redirect loop", "one-line error after 5 redirects")
    web.redirect("http://playlists.example/a", "http://playlists.example/b")
    web.redirect("http://playlists.example/b", "http://playlists.example/a")
    with pytest.raises(UnsafeURLError, match="more than 5 redirects"):
        guarded_fetch("http://playlists.example/a", timeout=5)
    assert len(web.seen) == 6


# --- size and time limits ----------------------------------------------------------------------------


def test_a_declared_size_over_the_limit_is_refused(fault, web) -> None:
    fault("BYO URL: Content-Length over the size limit", "refused from the header, body not read")
    web.route("http://playlists.example/big.m3u", Route(body=PLAYLIST * 100))
    with pytest.raises(UnsafeURLError, match=r"exceeds the 1000 limit"):
        guarded_fetch("http://playlists.example/big.m3u", max_bytes=1000, timeout=5)


def test_an_undeclared_body_over_the_limit_is_cut_off(fault, web) -> None:
    fault("BYO URL: chunked body (no Content-Length) over the size limit", "refused while streaming")
    web.route("http://playlists.example/stream.m3u", Route(body=b"#EXTM3U\n" + b"x" * (3 << 20), chunked=True))
    with pytest.raises(UnsafeURLError, match=r"body exceeds the 1048576 byte limit"):
        guarded_fetch("http://playlists.example/stream.m3u", max_bytes=1 << 20, timeout=5)


def test_a_server_that_drips_bytes_is_cut_off_at_the_time_limit(fault, web) -> None:
    fault("BYO URL: a server sending one byte every 50 ms (slowloris)", "refused at the time limit (1 s), not after the body")
    web.route("http://playlists.example/slow.m3u", Route(body=PLAYLIST, drip_every=0.05))  # ~6 s in all
    started = time.monotonic()
    with pytest.raises(UnsafeURLError, match="took longer than 1 s"):
        guarded_fetch("http://playlists.example/slow.m3u", timeout=1.0)
    assert time.monotonic() - started < 3.0


def test_an_http_error_status_is_one_line_without_credentials(fault, web) -> None:
    fault("BYO URL with user:password and ?password= answering 401",
          "one-line error naming scheme://host/path only; no password, no query")
    web.route("http://playlists.example/get.php?username=bob&password=hunter2&type=m3u_plus", Route(status=401))
    with pytest.raises(UnsafeURLError) as err:
        guarded_fetch("http://bob:s3cr3t@playlists.example/get.php?username=bob&password=hunter2&type=m3u_plus",
                      timeout=5)
    assert str(err.value) == "http://playlists.example/get.php: HTTP 401"


# --- `epgoat byo add` --------------------------------------------------------------------------------


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("EPGOAT_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("EPGOAT_DATABASE_URL", raising=False)
    return tmp_path / "home"


def _warehouse(home) -> Database:
    return Database(f"duckdb://{home / 'warehouse.duckdb'}")


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:8080/get.php?username=u&password=p",
    "http://169.254.169.254/latest/meta-data/",
    "http://intranet.example/list.m3u",
    "http://localhost/list.m3u",
    "file:///etc/passwd",
    "ftp://playlists.example/list.m3u",
])
def test_byo_add_refuses_a_private_url_at_once_and_stores_nothing(fault, web, home, capsys, url) -> None:
    fault(f"`epgoat byo add mine --url {url}`", "exit 2, one stderr line; no provider row, no audit row")
    assert cli.main(["byo", "list"]) == 0  # creates the warehouse, so "nothing stored" is checked, not assumed
    capsys.readouterr()
    code = cli.main(["byo", "add", "mine", "--url", url])
    err = capsys.readouterr().err
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("epgoat: error: refused URL")
    assert "password=p" not in err
    db = _warehouse(home)
    assert store.list_providers(db, include_archived=True) == []
    with db.connect() as conn:
        assert conn.fetchone("SELECT COUNT(*) FROM audit_log")[0] == 0
    assert web.seen == []


def test_byo_add_accepts_a_public_url(fault, web, home, capsys) -> None:
    fault("control: `epgoat byo add mine --url http://playlists.example/list.m3u`", "stored as user-mine, audited")
    assert cli.main(["byo", "add", "mine", "--url", "http://playlists.example/list.m3u"]) == 0
    rows = store.list_providers(_warehouse(home), kind="byo")
    assert [(r["playlist_key"], r["playlist_source"]) for r in rows] == [("user-mine", "http://playlists.example/list.m3u")]


@pytest.mark.parametrize("name", ["../etc", "Mine", "a b", "x" * 49, "mine;drop table providers", "mine-", "mine/../../x"])
def test_byo_add_refuses_unsafe_names(fault, web, home, capsys, name) -> None:
    fault(f"`epgoat byo add {name!r}`", "exit 2, one line 'invalid playlist name'; nothing stored")
    code = cli.main(["byo", "add", name, "--url", "http://playlists.example/list.m3u"])
    captured = capsys.readouterr()
    assert code == 2
    assert captured.err.strip().startswith("epgoat: error: invalid playlist name")
    assert len(captured.err.strip().splitlines()) == 1
    assert not (home / "warehouse.duckdb").exists() or store.list_providers(_warehouse(home), include_archived=True) == []


# --- known gap -------------------------------------------------------------------------------------


def test_a_host_whose_dns_answer_changes_after_the_check_is_not_fetched(fault, monkeypatch) -> None:
    fault("BYO URL whose DNS answer flips from public to 127.0.0.1 between check and connect (DNS rebinding)",
          "the connection goes to the address that was checked, or the fetch is refused")
    import socket

    from support.public_web import PublicWeb

    local = PublicWeb().start()
    real = socket.getaddrinfo
    answers = iter(["93.184.215.14"])

    def flipping(host, port, *args, **kwargs):
        if host == "rebind.example":
            addr = next(answers, "127.0.0.1")  # first answer public (the check), later ones loopback
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (addr, int(port)))]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", flipping)
    for var in ("HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(var, raising=False)
    try:
        with contextlib.suppress(UnsafeURLError):
            guarded_fetch(f"http://rebind.example:{local.port}/secret", timeout=3)
        assert local.seen == []
    finally:
        local.stop()
