"""Realistic guide inputs for the schedule, XMLTV and M3U tests.

Channel names and URLs follow `epgoat_assets/data/demo/demo-provider.m3u` (Xtream layout
`/live/<user>/<pass>/<stream>.ts`); events are real fixtures of 2025-11-23 as listed in the bundled
TheSportsDB snapshot `epgoat_assets/data/snapshot/2025-11-23.json` (ids, teams, UTC kick-offs, venues).
"""

from __future__ import annotations

from datetime import UTC, datetime

from epgoat_assets.lib.models import ChannelInfo, Event, MatchResult, PlaylistEntry

HOST = "http://line.example-iptv.net:8080"


def live_url(stream_id: int, user: str = "u10", password: str = "20251122") -> str:
    return f"{HOST}/live/{user}/{password}/{stream_id}.ts"


def entry(index: int, name: str, url: str, *, group: str = "", logo: str = "", **attrs: str) -> PlaylistEntry:
    all_attrs = {"tvg-id": "", "tvg-name": name, "tvg-logo": logo, "group-title": group, **attrs}
    return PlaylistEntry(index=index, line_no=2 * index + 2, name=name, url=url, attrs=all_attrs)


def utc(y: int, mo: int, d: int, h: int, mi: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=UTC)


ARSENAL_SPURS = Event(
    event_id="2326908", sport="Soccer", league="English Premier League", home="Arsenal",
    away="Tottenham Hotspur", start_utc=utc(2025, 11, 23, 16, 30), title="Arsenal vs Tottenham Hotspur",
)
GETAFE_ATLETICO = Event(
    event_id="2830787", sport="Soccer", league="Spanish La Liga", home="Getafe", away="Atletico Madrid",
    start_utc=utc(2025, 11, 23, 17, 30), title="Getafe vs Atletico Madrid",
)
PACKERS_VIKINGS = Event(
    event_id="1225271", sport="American Football", league="NFL", home="Green Bay Packers",
    away="Minnesota Vikings", start_utc=utc(2025, 11, 23, 18, 0), title="Green Bay Packers vs Minnesota Vikings",
    venue="Lambeau Field", thumb="https://www.thesportsdb.com/images/media/event/thumb/1225271.jpg",
)
SABRES_HURRICANES = Event(
    event_id="1322388", sport="Ice Hockey", league="NHL", home="Buffalo Sabres", away="Carolina Hurricanes",
    start_utc=utc(2025, 11, 23, 18, 0), title="Buffalo Sabres vs Carolina Hurricanes", venue="KeyBank Center",
)
# Started the previous evening (Eastern): 00:00Z on the 23rd is 7 PM ET on the 22nd.
PELICANS_HAWKS = Event(
    event_id="1670956", sport="Basketball", league="NBA", home="New Orleans Pelicans", away="Atlanta Hawks",
    start_utc=utc(2025, 11, 23, 0, 0), title="New Orleans Pelicans vs Atlanta Hawks",
    venue="Smoothie King Center",
)
NUGGETS_KINGS = Event(
    event_id="3141526", sport="Basketball", league="NBA", home="Denver Nuggets", away="Sacramento Kings",
    start_utc=utc(2025, 11, 23, 3, 0), title="Denver Nuggets vs Sacramento Kings", venue="Ball Arena",
)


def matched(index: int, name: str, stream: int, event: Event, family: str, slot: int) -> MatchResult:
    ch = ChannelInfo(entry=entry(index, name, live_url(stream), group=f"{family} Events"), family=family, slot=slot)
    return MatchResult(channel=ch, status="matched", event=event, handler="test", confidence=0.97)


def unmatched(index: int, name: str, stream: int, family: str, slot: int, *, placeholder: bool = False) -> MatchResult:
    ch = ChannelInfo(
        entry=entry(index, name, live_url(stream), group=f"{family} Events"),
        family=family, slot=slot, placeholder=placeholder,
    )
    return MatchResult(channel=ch, status="unmatched", reason="no candidate in the window")


def live(index: int, name: str, stream: int, *, logo: str = "") -> MatchResult:
    ch = ChannelInfo(entry=entry(index, name, live_url(stream), group="US| ENTERTAINMENT", logo=logo))
    return MatchResult(channel=ch, status="unmatched", reason="not an event channel")


def vod(index: int, name: str, movie_id: int) -> MatchResult:
    url = f"{HOST}/movie/u10/20251122/{movie_id}.mkv"
    ch = ChannelInfo(entry=entry(index, name, url, group="FILMS"), filtered_by="url_path_movie")
    return MatchResult(channel=ch, status="filtered")


def demo_results() -> list[MatchResult]:
    """A small provider playlist of 2025-11-23: matched, doubled-up, unmatched, empty, live and VOD."""
    return [
        vod(0, "Night River Summer (2015)", 100001),
        matched(1, "EPL 03: Arsenal vs Tottenham Hotspur 11:30 AM ET", 102901, ARSENAL_SPURS, "EPL", 3),
        matched(2, "NFL 01: Vikings @ Packers 1:00 PM ET", 102902, PACKERS_VIKINGS, "NFL", 1),
        matched(3, "NHL 04: Hurricanes at Sabres 1:00 PM ET", 102903, SABRES_HURRICANES, "NHL", 4),
        # One slot carries two soccer games an hour apart; their blocks overlap.
        matched(4, "ESPN+ 012: Arsenal vs Tottenham Hotspur 11:30 AM ET", 102904, ARSENAL_SPURS, "ESPN+", 12),
        matched(5, "ESPN+ 012: Getafe vs Atletico Madrid 12:30 PM ET", 102904, GETAFE_ATLETICO, "ESPN+", 12),
        matched(6, "NBA 02: Hawks @ Pelicans 7:00 PM ET", 102905, PELICANS_HAWKS, "NBA", 2),
        matched(7, "NBA 03: Kings @ Nuggets 10:00 PM ET", 102906, NUGGETS_KINGS, "NBA", 3),
        unmatched(8, "ESPN+ 004: Go Ahead Eagles vs Heracles Almelo 3:00 PM ET", 102865, "ESPN+", 4),
        unmatched(9, "ESPN+ 006: NO EVENT SCHEDULED", 102875, "ESPN+", 6, placeholder=True),
        live(10, "USA - ABC FHD", 100417, logo="http://logos.example-iptv.net/717.png"),
        live(11, "NHL Network SD", 100419),
        vod(12, "Blue (1969)", 100002),
    ]
