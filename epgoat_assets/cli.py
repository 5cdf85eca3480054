"""The `epgoat` command line: the same library the Dagster assets call.

Every failure the user can cause (a missing file, a playlist that is not M3U, a bad date, an
unreachable database) ends with one line on stderr and exit code 2, never a traceback.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, Protocol

from epgoat_assets.lib.config import ConfigError
from epgoat_assets.lib.warehouse.db import DatabaseError

if TYPE_CHECKING:
    from epgoat_assets.lib.guide.blocks import Guide
    from epgoat_assets.lib.models import Event, MatchResult
    from epgoat_assets.lib.playlists.m3u import ParsedPlaylist
    from epgoat_assets.lib.playlists.providers import ProviderConfig
    from epgoat_assets.lib.playlists.vod_filter import VodRules

log = logging.getLogger("epgoat")


class CliError(Exception):
    """A user-facing failure: printed as one line, exit code 2."""


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from exc


def _provider_settings(name: str | None, tz: str | None, date_order: str | None):
    from epgoat_assets.lib.playlists.providers import ProviderConfig, load_providers

    providers = load_providers()
    if name and name in providers:
        cfg = providers[name]
    else:
        cfg = ProviderConfig(key=name or "cli", name=name or "command line", playlist="-", timezone="auto",
                             date_order="auto")
    updates = {}
    if tz:
        updates["timezone"] = tz
    if date_order:
        updates["date_order"] = date_order
    return ProviderConfig.model_validate({**cfg.model_dump(), **updates}) if updates else cfg


# --- epgoat match --------------------------------------------------------------------------------

def cmd_match(args: argparse.Namespace) -> int:
    from epgoat_assets.lib import pipeline
    from epgoat_assets.lib.sports.events import load_events

    provider = _provider_settings(args.provider, args.tz, args.date_order)
    for p in args.events:
        if not Path(p).exists():
            raise CliError(f"events path not found: {p}")
    if not args.playlist.startswith(("http://", "https://")) and not Path(args.playlist).is_file():
        raise CliError(f"playlist not found: {args.playlist}")
    days = [args.date + timedelta(days=d) for d in (-1, 0, 1, 2)]
    events = load_events(args.events, days=days)
    # The entries a URL rule drops (most of a provider's playlist) are only rows of the CSV: they
    # are settled while the playlist is read, without records.
    parsed, rules = pipeline.read_playlist(args.playlist, provider, divert_vod=True)
    with tempfile.TemporaryDirectory(prefix="epgoat-match-") as scratch:
        return _match_and_write(args, provider, parsed, rules, events, Path(scratch))


def _match_and_write(args: argparse.Namespace, provider: ProviderConfig, parsed: ParsedPlaylist, rules: VodRules,
                     events: list[Event], scratch: Path) -> int:
    from epgoat_assets.lib import pipeline
    from epgoat_assets.lib.matches_csv import VodRows, write_matches_csv, write_vod_rows
    from epgoat_assets.lib.sports.events import load_events

    # Those VOD rows need nothing classification, matching or the guide decide: a second core
    # writes their CSV lines meanwhile, and the CSV is spliced together from them at the end.
    vod_rows = VodRows.beside(scratch / "vod")
    kept = [e.index for e in parsed.entries]
    vod_written = _meanwhile(lambda: write_vod_rows(vod_rows, parsed.diverted, kept))
    try:
        # The guide is built even without --xmltv: the CSV's guide_source column says what it would
        # show. It doubts a name against the events of the surrounding days: a stale name from
        # another day (or a team that plays someone else then) must not become a game programme.
        run = pipeline.classify_parsed(parsed, provider, rules)
        context = load_events(args.events, days=[args.date + timedelta(days=d) for d in range(-10, 11)])
        matched = pipeline.run_matching(run.classified.channels, events, on_date=args.date, provider=provider,
                                        known_events=context, diverted=run.classified.diverted)
    except BaseException:
        vod_written(quiet=True)
        raise
    vod_written()
    results, guide = matched.results, matched.guide
    channel_ids = guide.channel_ids() if args.xmltv or args.m3u else {}

    def write_m3u_and_csv() -> None:
        if args.m3u:
            _write_m3u(args, provider, run.parsed.header, results, channel_ids)
        write_matches_csv(args.out, results, channel_ids, guide.sources, vod_rows=vod_rows)

    if args.xmltv:
        # The XMLTV file here, the M3U copy and the CSV on the second core meanwhile.
        rest_written = _meanwhile(write_m3u_and_csv)
        try:
            _write_xmltv(args.xmltv, guide)
        except BaseException:
            rest_written(quiet=True)  # the first error is the one to report; no writer left behind
            raise
        rest_written()
        print(f"xmltv: {args.xmltv} ({len(guide.channels)} channels, {len(guide.programmes)} programmes)")
    else:
        write_m3u_and_csv()
    if args.m3u:
        print(f"m3u: {args.m3u}")
    s = matched.summary
    print(f"{args.out}: {s['entries']} entries, {s['filtered']} filtered, {s['event_channels']} event channels, "
          f"{s['matched']} matched ({s['match_rate']:.1%}), handlers {s['handler_mix']}")
    cov = matched.coverage
    print(f"guide coverage: {cov['timed']}/{cov['event_channels']} event channels have a timed programme "
          f"({cov['guide_coverage']:.1%}; {cov['from_name']} from their names)")
    if _ONE_SHOT:
        _RETAINED.append((run, matched, events, context))
    return 0


def _write_xmltv(path: str, guide: Guide) -> None:
    from epgoat_assets.lib.guide.xmltv import write_xmltv

    write_xmltv(path, guide)


def _write_m3u(args: argparse.Namespace, provider: ProviderConfig, header: dict[str, str],
               results: Sequence[MatchResult], channel_ids: dict[int, str]) -> None:
    from epgoat_assets.lib.guide.m3u_writer import write_m3u

    guide_url = args.guide_url or (Path(args.xmltv).resolve().as_uri() if args.xmltv else "")
    write_m3u(args.m3u, header, results, channel_ids=channel_ids, guide_url=guide_url, scope=provider.m3u_scope)


class _Waiter(Protocol):
    def __call__(self, *, quiet: bool = False) -> None: ...


def _meanwhile(work: Callable[[], object]) -> _Waiter:
    """Run `work` in a forked child while the caller goes on; the returned function waits for it.

    Only in the one-shot `epgoat` process (a single thread, so forking is safe) on a system with
    `fork`; anywhere else `work` runs at once. Waiting raises the child's error as one line. The
    child shares the parent's records copy-on-write and leaves through `os._exit`, so it neither
    flushes the parent's buffers nor frees what the parent still holds.
    """
    if not (_ONE_SHOT and hasattr(os, "fork")):
        work()
        return lambda *, quiet=False: None
    sys.stdout.flush()
    sys.stderr.flush()
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        os.close(read_end)
        code = 0
        try:
            work()
        except BaseException as exc:  # noqa: BLE001 - every failure goes back to the parent as one line
            os.write(write_end, (_one_line(exc) or type(exc).__name__).encode("utf-8", "replace")[:4096])
            code = 1
        finally:
            os._exit(code)
    os.close(write_end)

    def wait(*, quiet: bool = False) -> None:
        """Wait for the child; unless `quiet`, its failure is raised."""
        with os.fdopen(read_end, "rb") as fh:
            message = fh.read().decode("utf-8", "replace")
        _, status = os.waitpid(pid, 0)
        if not quiet and os.waitstatus_to_exitcode(status) != 0:
            raise CliError(message or f"writer process ended with status {os.waitstatus_to_exitcode(status)}")

    return wait


# --- epgoat events refresh ----------------------------------------------------------------------

def cmd_events_refresh(args: argparse.Namespace) -> int:
    from epgoat_assets.lib.warehouse import store
    from epgoat_assets.lib.warehouse.db import Database
    from epgoat_resources.env import database_url, sports_data_from_env

    source = sports_data_from_env(args.source)
    db = Database(database_url())
    db.migrate()
    failed = 0
    for offset in range(args.days):
        day = args.date + timedelta(days=offset)
        try:
            batch = source.fetch_day(day)
        except ValueError as exc:
            print(f"events {day}: failed: {exc}", file=sys.stderr)
            failed += 1
            continue
        counts = store.upsert_events(db, batch.events)
        print(f"events {day}: {counts.stored} stored ({counts.new} new, {counts.updated} updated, "
              f"{counts.unchanged} unchanged)")
        # The day is stored with what succeeded; each league that failed is named once, and is
        # asked for again on the next run (failed answers are never cached).
        for league in batch.failed_leagues:
            first = next(f for f in batch.failures if f.league == league)
            print(first.line(), file=sys.stderr)
        for note in batch.truncated:
            print(f"events {day}: warning: {note}", file=sys.stderr)
    return 1 if failed else 0


# --- epgoat override ----------------------------------------------------------------------------

def _playlist_key(args: argparse.Namespace) -> str:
    from epgoat_assets.lib.playlists.providers import provider_playlist_key, validate_playlist_key

    if getattr(args, "playlist", None):
        return validate_playlist_key(args.playlist)
    if getattr(args, "provider", None):
        return provider_playlist_key(args.provider)
    raise CliError("give --provider NAME or --playlist KEY")


def _db():
    from epgoat_assets.lib.warehouse.db import Database
    from epgoat_resources.env import database_url

    db = Database(database_url())
    db.migrate()
    return db


def cmd_override(args: argparse.Namespace) -> int:
    from epgoat_assets.lib.warehouse import store

    db = _db()
    if args.action == "list":
        key = _playlist_key(args) if (args.provider or args.playlist) else None
        rows = store.list_overrides(db, key, args.date)
        for r in rows:
            print(f"{r['playlist_key']}\t{r['match_date']}\t{r['event_id']}\t{r['channel_name']}\t{r['note'] or ''}")
        print(f"{len(rows)} overrides")
        return 0
    key = _playlist_key(args)
    if not args.name or not args.date:
        raise CliError("give --name and --date")
    if args.action == "set":
        if bool(args.event) == bool(args.no_event):
            raise CliError("give exactly one of --event ID or --no-event")
        store.set_override(db, key, args.name, args.date, args.event, args.note or "")
        store.audit(db, "cli", "override.set", key, {"name": args.name, "date": args.date, "event": args.event})
        print(f"override set: {key} {args.date} {args.name!r} -> {args.event or 'no event'}")
        return 0
    if store.clear_override(db, key, args.name, args.date):
        store.audit(db, "cli", "override.clear", key, {"name": args.name, "date": args.date})
        print(f"override cleared: {key} {args.date} {args.name!r}")
        return 0
    raise CliError(f"no active override for {key} {args.date} {args.name!r}")


# --- epgoat byo ---------------------------------------------------------------------------------

def cmd_byo(args: argparse.Namespace) -> int:
    from epgoat_assets.lib.playlists.providers import byo_playlist_key
    from epgoat_assets.lib.warehouse import store

    if args.action == "list":
        db = _db()
        rows = store.list_providers(db, kind="byo", include_archived=args.all)
        for r in rows:
            print(f"{r['playlist_key']}\t{r['record_status']}\t{r['playlist_source']}")
        print(f"{len(rows)} BYO playlists")
        return 0
    key = byo_playlist_key(args.name)
    if args.action == "add":
        from epgoat_assets.lib.playlists.netguard import check_public_url

        check_public_url(args.url, allow_private=args.allow_private)
        db = _db()
        store.upsert_provider(db, key, kind="byo", name=args.name, source=args.url, timezone=args.tz)
        store.audit(db, "cli", "byo.add", key, {"url_host": _host(args.url)})
        print(f"BYO playlist added: {key} (the playlist sensor registers its partitions)")
        return 0
    db = _db()
    if not store.archive_provider(db, key):
        raise CliError(f"no BYO playlist named {args.name!r}")
    store.audit(db, "cli", "byo.remove", key, None)
    print(f"BYO playlist archived: {key} (history kept)")
    return 0


def _host(url: str) -> str:
    from urllib.parse import urlsplit

    return urlsplit(url).hostname or ""


# --- epgoat families ----------------------------------------------------------------------------

def cmd_families(args: argparse.Namespace) -> int:
    from epgoat_assets.lib.warehouse import store

    db = _db()
    if args.action == "list":
        key = _playlist_key(args) if (args.provider or args.playlist) else None
        rows = store.list_provider_patterns(db, key)
        for r in rows:
            print(f"{r['playlist_key']}\t{r['family']}\t{r['review_status']}\t{r['member_count']}\t"
                  f"{r['league_hint'] or '-'}\t{r['pattern']}")
        print(f"{len(rows)} discovered families")
        return 0
    key = _playlist_key(args)
    if not args.family:
        raise CliError("give --family NAME")
    verdict = {"approve": "approved", "reject": "rejected"}[args.action]
    if not store.review_family(db, key, args.family, verdict):
        raise CliError(f"no discovered family {args.family!r} for {key}")
    store.audit(db, "cli", f"family.{args.action}", key, {"family": args.family})
    print(f"family {args.family!r} of {key}: {verdict}")
    return 0


# --- epgoat demo / backfill ---------------------------------------------------------------------

def cmd_demo(args: argparse.Namespace) -> int:
    from epgoat_assets.runner import run_demo

    return run_demo(provider=args.provider, on_date=args.date)


def cmd_backfill(args: argparse.Namespace) -> int:
    from epgoat_assets.lib.playlists.providers import provider_playlist_key
    from epgoat_assets.runner import backfill

    if args.to_date < args.from_date:
        raise CliError("--to is before --from")
    if (args.to_date - args.from_date).days > 366:
        raise CliError("a backfill covers at most 366 days per call")
    key = args.playlist or provider_playlist_key(args.provider)
    return backfill(key, args.from_date, args.to_date)


# --- argument parsing ---------------------------------------------------------------------------

class OneLineParser(argparse.ArgumentParser):
    """Usage errors as one line, like every other error of the command."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    p = OneLineParser(prog="epgoat", description="EPG engine for IPTV sports event channels.")
    p.add_argument("-v", "--verbose", action="store_true", help="log progress to stderr")
    sub = p.add_subparsers(dest="command", required=True, parser_class=OneLineParser)

    m = sub.add_parser("match", help="match a playlist's event channels to events; write matches.csv (and the guide)")
    m.add_argument("--playlist", required=True, help="M3U file (plain or gzip) or http(s) URL")
    m.add_argument("--events", required=True, action="append", help="TheSportsDB-shaped JSON file or folder (repeatable)")
    m.add_argument("--date", required=True, type=_date, help="the guide's date, YYYY-MM-DD")
    m.add_argument("--provider", help="provider key from config/providers.yaml (its settings apply)")
    m.add_argument("--tz", help="zone of the playlist's date and of times named without one (default: the "
                                "provider's; for a playlist without settings, read off the playlist)")
    m.add_argument("--date-order", choices=["mdy", "dmy", "auto"], help="how the provider writes 11/23 vs 23/11")
    m.add_argument("--out", required=True, help="matches.csv to write")
    m.add_argument("--xmltv", help="also write the XMLTV guide (.xml or .xml.gz)")
    m.add_argument("--m3u", help="also write the tvg-id M3U copy")
    m.add_argument("--guide-url", help="public URL of the guide, for the M3U header's url-tvg")
    m.set_defaults(func=cmd_match)

    ev = sub.add_parser("events", help="sports events in the warehouse")
    evs = ev.add_subparsers(dest="action", required=True, parser_class=OneLineParser)
    r = evs.add_parser("refresh", help="fetch, normalise and store events for some days")
    r.add_argument("--date", required=True, type=_date)
    r.add_argument("--days", type=int, default=1)
    r.add_argument("--source", choices=["snapshot", "thesportsdb", "espn"], default="snapshot")
    r.set_defaults(func=cmd_events_refresh)

    o = sub.add_parser("override", help="manual match decisions, which win over everything")
    o.add_argument("action", choices=["set", "list", "clear"])
    o.add_argument("--provider")
    o.add_argument("--playlist", help="playlist key (prov-NAME or user-NAME)")
    o.add_argument("--date", type=_date)
    o.add_argument("--name", help="the channel name exactly as in the playlist")
    o.add_argument("--event", help="event id the channel carries")
    o.add_argument("--no-event", action="store_true", help="the channel carries no event")
    o.add_argument("--note")
    o.set_defaults(func=cmd_override)

    b = sub.add_parser("byo", help="bring-your-own playlists")
    b.add_argument("action", choices=["add", "list", "remove"])
    b.add_argument("name", nargs="?")
    b.add_argument("--url")
    b.add_argument("--tz", default="auto",
                   help="zone of the playlist's dates and zoneless times (default: read off each playlist)")
    b.add_argument("--all", action="store_true", help="list archived playlists too")
    b.add_argument("--allow-private", action="store_true", help=argparse.SUPPRESS)
    b.set_defaults(func=cmd_byo)

    fa = sub.add_parser("families", help="review event-channel families discovered in playlists")
    fa.add_argument("action", choices=["list", "approve", "reject"])
    fa.add_argument("--provider")
    fa.add_argument("--playlist", help="playlist key (prov-NAME or user-NAME)")
    fa.add_argument("--family")
    fa.set_defaults(func=cmd_families)

    d = sub.add_parser("demo", help="materialise every asset for the demo provider and date (offline)")
    d.add_argument("--provider", default="demo")
    d.add_argument("--date", type=_date, default=date(2025, 11, 22))
    d.set_defaults(func=cmd_demo)

    bf = sub.add_parser("backfill", help="materialise a provider's assets for a range of past dates")
    bf.add_argument("--provider")
    bf.add_argument("--playlist")
    bf.add_argument("--from", dest="from_date", required=True, type=_date)
    bf.add_argument("--to", dest="to_date", required=True, type=_date)
    bf.set_defaults(func=cmd_backfill)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "byo" and args.action in ("add", "remove") and not args.name:
        parser.error("byo add/remove needs a NAME")
    if args.command == "byo" and args.action == "add" and not args.url:
        parser.error("byo add needs --url URL")
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    try:
        return int(args.func(args) or 0)
    except (CliError, ConfigError, ValueError, OSError, DatabaseError) as exc:
        msg = _one_line(exc)
        print(f"epgoat: error: {msg}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def _one_line(exc: BaseException) -> str:
    from pydantic import ValidationError

    if isinstance(exc, ValidationError) and exc.errors():
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        return f"{where}: {err['msg']}" if where else err["msg"]
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


# A provider's playlist is a million small records; freeing them one by one when `epgoat match`
# returns takes a few tenths of a second. Run as a command, the process hands them to the operating
# system instead (as mypy does): the files are complete and renamed by then, and both streams are
# flushed before the exit. Only `match` retains anything; called in-process (tests, other code),
# nothing is retained.
_ONE_SHOT = False
_RETAINED: list[object] = []


def console_main() -> NoReturn:
    """The `epgoat` command."""
    global _ONE_SHOT
    _ONE_SHOT = True
    code = main()
    if not _RETAINED:  # every other command exits as usual (Dagster and DuckDB clean up at exit)
        sys.exit(code)
    sys.stdout.flush()
    sys.stderr.flush()
    logging.shutdown()
    os._exit(code)


if __name__ == "__main__":
    console_main()
