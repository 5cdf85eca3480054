"""The league catalogue: which league a family name or a label in a channel name points at.

`config/leagues.yaml` lists each league under the name the event source uses (TheSportsDB
`strLeague`), its sport and the keywords providers write for it. Leagues we carry no events for
(AHL, KHL, CFL, ...) are listed too: a hint that names them must rule out every candidate, which is
what keeps "AHL 01: Hershey Bears vs Providence Bruins" away from the Boston Bruins.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pydantic import field_validator

from epgoat_assets.lib.config import StrictModel, config_dir, load_yaml_model
from epgoat_assets.lib.text import fix_text, fold

US_STYLE_SPORTS = frozenset({"Basketball", "Ice Hockey", "American Football", "Baseball"})


_ESPN_PATH = re.compile(r"^[a-z0-9-]+/[a-z0-9.-]+(\?[A-Za-z0-9_=&.-]+)?$")


class LeagueEntry(StrictModel):
    name: str
    sport: str
    keywords: list[str] = []
    ids: list[str] = []  # TheSportsDB league ids
    us_style: bool | None = None  # "City Nickname" team names; defaults from the sport
    # Fetch from TheSportsDB's eventsday.php by `name`; None = yes when TheSportsDB ids are known.
    thesportsdb: bool | None = None
    # ESPN scoreboard paths, "sport/league" with an optional query ("...?groups=80&limit=400").
    espn: list[str] = []

    @field_validator("espn")
    @classmethod
    def _espn_paths(cls, paths: list[str]) -> list[str]:
        for path in paths:
            if not _ESPN_PATH.match(path):
                raise ValueError(f"ESPN path must look like 'basketball/nba' or 'a/b?groups=50', got {path!r}")
        return paths

    @property
    def fetch_thesportsdb(self) -> bool:
        return self.thesportsdb if self.thesportsdb is not None else bool(self.ids)

    @property
    def has_source(self) -> bool:
        return self.fetch_thesportsdb or bool(self.espn)


class SportEntry(StrictModel):
    name: str
    keywords: list[str] = []


class LeaguesFile(StrictModel):
    leagues: list[LeagueEntry]
    sports: list[SportEntry] = []
    # Family words that carry many leagues (ESPN+, Peacock): a hint from them is no hint.
    multi_league_families: list[str] = []


@dataclass(frozen=True, slots=True)
class LeagueHint:
    """What a hint restricts candidates to: one league, or one sport."""

    league: str | None = None
    sport: str | None = None
    keyword: str = ""
    ids: tuple[str, ...] = ()  # the source's league ids: a renamed league still matches

    def allows(self, league: str, sport: str, league_id: str | None = None) -> bool:
        if self.league is not None:
            return _norm(league) == _norm(self.league) or (
                league_id is not None and league_id in self.ids)
        if self.sport is not None:
            return sport.lower() == self.sport.lower()
        return True


def _norm(s: str) -> str:
    return fold(fix_text(s), keep="+")


class LeagueCatalog:
    def __init__(self, data: LeaguesFile):
        self.data = data
        self.by_name = {_norm(lg.name): lg for lg in data.leagues}
        kw: list[tuple[str, LeagueHint]] = []
        for lg in data.leagues:
            for k in [lg.name, *lg.keywords]:
                kw.append((_norm(k), LeagueHint(league=lg.name, sport=lg.sport, keyword=k,
                                                ids=tuple(lg.ids))))
        for sp in data.sports:
            for k in [sp.name, *sp.keywords]:
                kw.append((_norm(k), LeagueHint(sport=sp.name, keyword=k)))
        kw.sort(key=lambda p: len(p[0]), reverse=True)  # longest keyword wins: "NBA G League"
        self._keywords = [(k, re.compile(rf"(?<![\w+]){re.escape(k)}(?![\w+])"), h)
                          for k, h in kw if k]
        self._multi = {_norm(f) for f in data.multi_league_families}
        self._hint_cache: dict[str, LeagueHint | None] = {}
        alts = "|".join(re.escape(k) for k, _rx, _h in self._keywords if len(k) >= 2)
        self._label_rx = re.compile(rf"({alts})\s+(?=\S)")

    @classmethod
    def from_config(cls, path: str | Path | None = None) -> LeagueCatalog:
        return _load(str(Path(path) if path else config_dir() / "leagues.yaml"))

    def league(self, name: str) -> LeagueEntry | None:
        return self.by_name.get(_norm(name))

    def fetched(self, only: Iterable[str] = ()) -> list[LeagueEntry]:
        """The leagues the events refresh asks a source for, in catalogue order.

        Every league with a source (TheSportsDB or ESPN), or only those `only` names: a league's
        name or any of its keywords (`EPGOAT_LEAGUES=NBA,EPL,NCAAF`). An entry of `only` that names
        no fetchable league is a `ValueError`, so a typo does not silently fetch nothing.
        """
        wanted = [w for w in (o.strip() for o in only) if w]
        if not wanted:
            return [lg for lg in self.data.leagues if lg.has_source]
        picked: dict[str, LeagueEntry] = {}
        for w in wanted:
            lg = self.league(w) or self._by_keyword(w)
            if lg is None or not lg.has_source:
                known = ", ".join(x.name for x in self.data.leagues if x.has_source)
                raise ValueError(f"league {w!r} has no event source in the catalogue (fetchable: {known})")
            picked[lg.name] = lg
        return [lg for lg in self.data.leagues if lg.name in picked]

    def _by_keyword(self, word: str) -> LeagueEntry | None:
        key = _norm(word)
        for lg in self.data.leagues:
            if key in {_norm(k) for k in lg.keywords}:
                return lg
        return None

    def sport_of(self, league: str) -> str | None:
        lg = self.league(league)
        return lg.sport if lg else None

    def is_us_style(self, league: str, sport: str | None = None) -> bool:
        lg = self.league(league)
        if lg is not None and lg.us_style is not None:
            return lg.us_style
        return (sport or (lg.sport if lg else "")) in US_STYLE_SPORTS

    def strip_label(self, text: str) -> str | None:
        """`TNF 49ers` -> `49ers`: a league keyword written before a team, or None if none."""
        m = self._label_rx.match(_norm(text))
        if m is None:
            return None
        words = text.split()
        n = len(m.group(1).split())
        return " ".join(words[n:]) if len(words) > n else None

    def hint(self, *texts: str | None) -> LeagueHint | None:
        """The first league (or sport) keyword found in the given texts, most specific first."""
        for text in texts:
            if not text:
                continue
            h = self._text_hint(text)
            if h is not None:
                return h
        return None

    def _text_hint(self, text: str) -> LeagueHint | None:
        # Family names and labels repeat across a playlist's slots: each text is read once.
        try:
            return self._hint_cache[text]
        except KeyError:
            pass
        t = _norm(text)
        found = None
        if t not in self._multi:
            for _k, rx, h in self._keywords:
                if rx.search(t):
                    found = h
                    break
        if len(self._hint_cache) > 50_000:
            self._hint_cache.clear()
        self._hint_cache[text] = found
        return found


@lru_cache(maxsize=8)
def _load(path: str) -> LeagueCatalog:
    return LeagueCatalog(load_yaml_model(path, LeaguesFile))
