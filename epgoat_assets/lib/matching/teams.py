"""Team resolution: turn one side of a channel name into the teams it can mean.

The catalogue is the union of the alias files in `config/teams/` (derived from public alias data,
see `derive_alias_files`) and the teams seen in the loaded events, whose names get generated forms:
normalised and core names (accents, `&`/`and`, `FC`/`AFC`, `St.`), nicknames and cities for
"City Nickname" leagues, and distinctive single words for football clubs. A side keeps every
plausible team with a score by how it was found, so "Rangers" stays both the Scottish club and the
New York team until the opponent settles it: ambiguity is reported, never guessed.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz, process

from epgoat_assets.lib.config import ConfigError, StrictModel, config_dir, load_yaml_model
from epgoat_assets.lib.models import Event
from epgoat_assets.lib.sports.leagues import US_STYLE_SPORTS, LeagueCatalog
from epgoat_assets.lib.text import fix_text, fold

# How much a hit is worth by the way it was found: a full name beats a nickname beats a city.
METHOD_SCORE = {
    "name": 1.0, "alias": 0.97, "code": 0.93, "nickname": 0.95, "city": 0.85, "word": 0.82,
}
FUZZY_CUTOFF = 90.0  # rapidfuzz ratio; below this "Seattle Storm" would find "Seattle Sounders"

_CORE_DROP = frozenset({
    "fc", "afc", "cf", "sc", "ac", "sv", "cd", "ud", "ssc", "as", "us", "bc", "fk", "sk", "vfb",
    "vfl", "tsg", "rc", "rcd", "ca", "cfc", "club", "football", "futbol", "calcio", "the", "de",
    "rb", "bsc", "sd", "acf", "ogc", "osc", "aj", "ss", "hsc", "if", "bk", "ik", "hc",
})
# Words too common to stand for one club on their own.
_GENERIC = frozenset({
    "united", "city", "real", "athletic", "atletico", "sporting", "club", "town", "county",
    "rovers", "wanderers", "albion", "hotspur", "north", "south", "west", "east", "new", "saint",
    "inter", "borussia", "eintracht", "olympique", "racing", "stade", "union", "dynamo",
    "deportivo", "rayo", "vitoria", "clube", "queens", "park", "athletico", "internazionale",
    "olympic", "sport", "lisboa", "portugal", "football", "calcio", "academica", "nacional",
    "santa", "san", "los", "las", "del", "royal", "young", "boys", "red", "blue", "white",
    "green", "black", "star", "stars", "fc", "cf", "sc", "ac", "hove", "forest", "villa",
    "palace", "ham", "bromwich", "orient", "argyle", "alexandra", "stanley", "wednesday",
    "thistle", "academy", "women", "reserves", "primeira", "liga", "paris", "bay", "sud",
})
# City abbreviations providers write for multi-word cities ("LA Kings", "NY Rangers").
_CITY_ABBR = {
    "los angeles": ["la", "l a"], "new york": ["ny"], "new jersey": ["nj"],
    "san francisco": ["sf"], "kansas city": ["kc"], "tampa bay": ["tb", "tampa"],
    "golden state": ["gs"], "oklahoma city": ["okc"], "st louis": ["saint louis"],
    "new orleans": ["nola", "no"], "san antonio": ["sa"], "green bay": ["gb"],
    "new england": ["ne"], "las vegas": ["lv", "vegas"], "san jose": ["sj"],
    "san diego": ["sd"], "washington": ["wsh"],
}


_OTHER_SQUAD = re.compile(
    r"\b(?:women|womens|ladies|feminin[oa]?|femeni|frauen|w|u\d{2}|under \d{2}|ii|b|reserves?|"
    r"academy|youth|juniors?|juvenil|primavera|legends|all stars?|alumni|esports?)$"
    r"|\b(?:women|womens|ladies|u\d{2}|reserves|academy|youth|legends|esports?)\b")


# Word short forms of club names (`Sheff Wed`, `Man Utd`, `Nottm Forest`), expanded on both the
# alias side and the query side, so every written alias also covers its short forms.
_SHORT_WORDS = {"sheff": "sheffield", "wed": "wednesday", "utd": "united", "man": "manchester",
                "nottm": "nottingham", "ath": "athletic",
                # Club cities as Spanish, Italian, Portuguese and French lists write them
                # (`Eintracht Fráncfort`, `Nápoles`, `Colonia`), folded to one form on both sides.
                "francfort": "frankfurt", "francoforte": "frankfurt", "colonia": "koln",
                "cologne": "koln", "napoles": "napoli", "naples": "napoli", "turin": "torino",
                "genova": "genoa", "oporto": "porto", "lisboa": "lisbon", "seville": "sevilla",
                "marsella": "marseille", "marsiglia": "marseille", "lione": "lyon",
                "burdeos": "bordeaux", "estrasburgo": "strasbourg", "friburgo": "freiburg",
                "hamburgo": "hamburg", "augsburgo": "augsburg", "wolfsburgo": "wolfsburg",
                "maguncia": "mainz", "munique": "munich", "monaco di baviera": "munich",
                "milano": "milan", "londres": "london"}
_SHORT_WORD = re.compile(r"\b(?:" + "|".join(_SHORT_WORDS) + r")\b")
_SAINT = re.compile(r"\bsaint\b")


# A side written as a short capital abbreviation (`EO@TML`, `FREI-BD`).
_ABBREV = re.compile(r"[A-Z]{2,5}")
# Letters written as digits or signs to dodge filters (`S0uth4mpton`, `0xf0rd Un1ted`, `Bri$tol`).
_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "$": "s", "@": "a"})
_LEET_WORD = re.compile(r"[\w$@]+")


def unleet(text: str) -> str:
    """`text` with the digits and signs inside words read as the letters they stand for; numbers
    (`Hannover 96`, `1. FC`) and words without one stay as they are."""
    def word(m: re.Match[str]) -> str:
        w = m.group(0)
        if w.isdigit() or not any(c.isalpha() for c in w) or not any(c in "013457$@" for c in w):
            return w
        return w.translate(_LEET)
    return _LEET_WORD.sub(word, text)


@lru_cache(maxsize=1 << 16)
def norm(text: str) -> str:
    """Lower-case ASCII form: accents off, `&` -> and, `St.`/`Saint` -> st, punctuation off.

    Memoised: the same team names come back on channel after channel."""
    t = fix_text(text)
    t = t.replace("ß", "ss").replace("ø", "o").replace("Ø", "o").replace("æ", "ae")
    t = t.replace("Æ", "ae").replace("ł", "l").replace("đ", "d")
    t = fold(t.replace("'", "").replace("’", ""))
    t = _SAINT.sub("st", t)
    t = _SHORT_WORD.sub(lambda m: _SHORT_WORDS[m.group(0)], t)
    return " ".join(t.split())


def core(normed: str) -> str:
    """A normalised name without club-form words and years (`SC Heerenveen` -> `heerenveen`)."""
    words = [w for w in normed.split() if w not in _CORE_DROP and not w.isdigit()]
    return " ".join(words) or normed


CacheRow = tuple[str, str, str | None, str, float]


class TeamCacheError(ValueError):
    """A stored team-resolution row is malformed (one-line message)."""


@dataclass(frozen=True, slots=True)
class TeamHit:
    team: str  # canonical name as the event source spells it
    score: float
    method: str


@dataclass(frozen=True, slots=True)
class Resolution:
    text: str
    hits: tuple[TeamHit, ...] = ()  # best first; one per team

    @property
    def names(self) -> frozenset[str]:
        return frozenset(h.team for h in self.hits)

    @property
    def team(self) -> str | None:
        """The single best team, or None when nothing or a tie was found."""
        if not self.hits or self.ambiguous:
            return None
        return self.hits[0].team

    @property
    def ambiguous(self) -> bool:
        return len(self.hits) > 1 and self.hits[1].score >= self.hits[0].score - 1e-9

    def score_of(self, team: str) -> float:
        for h in self.hits:
            if h.team == team:
                return h.score
        return 0.0


class TeamsFile(StrictModel):
    league: str
    sport: str | None = None
    source: str = ""
    teams: dict[str, list[str]] = {}


@dataclass
class _Team:
    name: str
    leagues: set[str] = field(default_factory=set)
    sports: set[str] = field(default_factory=set)


class TeamResolver:
    """Resolve side texts to catalogue teams; build with `from_config`, add events with `add_events`."""

    def __init__(self, catalog: LeagueCatalog | None = None):
        self.catalog = catalog
        self.teams: dict[str, _Team] = {}
        # normalised alias -> {team: method}
        self._index: dict[str, dict[str, str]] = defaultdict(dict)
        self._cache: dict[tuple[str, str | None], Resolution] = {}
        # resolutions loaded from storage (import_cache), keyed by normalised text
        self._imported: dict[tuple[str, str | None], tuple[TeamHit, ...]] = {}
        self._fuzzy_keys: list[str] | None = None

    # --- building -------------------------------------------------------------------------------
    @classmethod
    def from_config(cls, config_dir_: str | Path | None = None,
                    events: Iterable[Event] = ()) -> TeamResolver:
        base = Path(config_dir_) if config_dir_ else config_dir()
        leagues_path = base / "leagues.yaml"
        catalog = LeagueCatalog.from_config(leagues_path) if leagues_path.exists() else None
        r = cls(catalog)
        tdir = base / "teams"
        if tdir.is_dir():
            for path in sorted(tdir.glob("*.yaml")):
                data = load_yaml_model(path, TeamsFile)
                sport = data.sport or (catalog.sport_of(data.league) if catalog else None)
                for team, aliases in data.teams.items():
                    r.add_team(team, data.league, sport)
                    for a in aliases:
                        r.add_alias(team, a, "code" if _is_code(a) else "alias")
        r.add_events(events)
        return r

    def add_events(self, events: Iterable[Event]) -> None:
        for ev in events:
            for name in (ev.home, ev.away):
                if name:
                    self.add_team(name, ev.league, ev.sport)

    def add_team(self, name: str, league: str | None, sport: str | None) -> None:
        t = self.teams.get(name)
        new_league = t is None or (league is not None and league not in t.leagues)
        if t is None:
            t = self.teams[name] = _Team(name)
        if league:
            t.leagues.add(league)
        if sport:
            t.sports.add(sport)
        if not new_league:
            return
        self._invalidate()
        n = norm(name)
        self._put(n, name, "name")
        c = core(n)
        self._put(c, name, "name")
        us_style = bool(sport in US_STYLE_SPORTS)
        if self.catalog is not None and league:
            us_style = self.catalog.is_us_style(league, sport)
        words = n.split()
        if us_style and len(words) >= 2:
            self._add_us_forms(name, words)
        elif not us_style:
            for w in c.split():
                if len(w) >= 4 and w not in _GENERIC:
                    self._put(w, name, "word")

    def _add_us_forms(self, name: str, words: list[str]) -> None:
        # "City Nickname": either split point may be right ("Tampa Bay | Lightning",
        # "Toronto | Maple Leafs"), so both are indexed; a wrong split only adds a form nobody writes.
        for k in (1, 2):
            if len(words) - k < 1:
                continue
            nick, city = " ".join(words[-k:]), " ".join(words[:-k])
            self._put(nick, name, "nickname")
            self._put(city, name, "city")
            for abbr in _CITY_ABBR.get(city, []):
                self._put(f"{abbr} {nick}", name, "alias")

    def add_alias(self, team: str, alias: str, method: str = "alias") -> None:
        if team not in self.teams:
            self.teams[team] = _Team(team)
        n = norm(alias)
        if n:
            self._put(n, team, method)
            if method != "code":
                self._put(core(n), team, method)
        self._invalidate()

    def _invalidate(self) -> None:
        # a new team or alias can turn a cached single answer into an ambiguous one
        self._cache.clear()
        self._imported.clear()
        self._fuzzy_keys = None

    def _put(self, key: str, team: str, method: str) -> None:
        if not key:
            return
        slot = self._index[key]
        old = slot.get(team)
        if old is None or METHOD_SCORE[method] > METHOD_SCORE[old]:
            slot[team] = method

    # --- querying -------------------------------------------------------------------------------
    def leagues_of(self, team: str) -> frozenset[str]:
        t = self.teams.get(team)
        return frozenset(t.leagues) if t else frozenset()

    def resolve(self, text: str, league: str | None = None) -> Resolution:
        """Every team `text` can mean (within `league` when given), best first."""
        key = (text, league)
        hit = self._cache.get(key)
        if hit is None:
            stored = self._imported.get((norm(text), league)) if self._imported else None
            hit = Resolution(text, stored) if stored is not None else self._resolve(text, league)
            if not hit.hits and (plain := unleet(text)) != text:
                hit = Resolution(text, self._resolve(plain, league).hits)
            if not hit.hits and _ABBREV.fullmatch(text):
                hit = Resolution(text, self._abbreviated(text.lower(), league))
            self._cache[key] = hit
        return hit

    def _abbreviated(self, abbr: str, league: str | None) -> tuple[TeamHit, ...]:
        """Teams a short capital abbreviation no code table knows can stand for: a many-word
        name's initials (`EO`: Edmonton Oilers, `TML`) or a one-word name's first letters (`FREI`,
        `BOLO`). Weak evidence: only a fixture whose other side agrees makes a match of it."""
        hits = []
        for name, t in self.teams.items():
            if league is not None and league not in t.leagues:
                continue
            words = norm(name).split()
            initials = "".join(w[0] for w in words if not w.isdigit())
            if (len(words) >= 2 and initials == abbr) or (len(abbr) >= 3 and words and words[0].startswith(abbr)
                                                          and len(words[0]) > len(abbr)):
                hits.append(TeamHit(name, 0.75, "abbreviation"))
        return tuple(sorted(hits, key=lambda h: h.team))

    def resolve_within(self, text: str, league: str | None = None) -> Resolution:
        """Teams named by a part of `text` when the whole names none: `Chiefs Central`, `Sky
        Tottenham`, `Vikings Week 12`. A word the resolver cannot read is no evidence either way,
        so it must not hide the team beside it. The longest part that names a team wins; a
        one-word part counts only as a full name, alias or nickname (never a bare city or code),
        and every hit is discounted, because the side said more than the team."""
        words = re.split(r"[\s\-–—]+", text.strip())  # `En Español-Mallorca`: a label glued on
        if len(words) < 2 or _OTHER_SQUAD.search(norm(text)):
            return Resolution(text)
        for size in range(len(words) - 1, 0, -1):
            found: dict[str, TeamHit] = {}
            for i in range(len(words) - size + 1):
                part = " ".join(words[i:i + size])
                if len(norm(part).replace(" ", "")) < 3:
                    continue
                for h in self.resolve(part, league).hits:
                    if h.method == "fuzzy" or (size == 1 and h.method not in ("name", "alias", "nickname")):
                        continue
                    score = round(h.score * 0.9, 6)
                    if h.team not in found or found[h.team].score < score:
                        found[h.team] = TeamHit(h.team, score, "part")
            if found:
                return Resolution(text, tuple(sorted(found.values(), key=lambda h: (-h.score, h.team))))
        return Resolution(text)

    # --- persistence (warehouse table team_resolution_cache) ------------------------------------
    def export_cache(self) -> list[CacheRow]:
        """Resolutions worked out so far, one row per (normalised text, league):
        (text_norm, league_name, team_name, method, score); league_name "" = any league, team_name
        None = "names no team". Ambiguous texts are left out: a row holds one answer, and an
        ambiguity is cheap to recompute and must never be stored as a single team."""
        rows: dict[tuple[str, str], CacheRow] = {}
        for (text, league), res in self._cache.items():
            n = norm(text)
            if not n or len(res.hits) > 1:
                continue
            if res.hits:
                h = res.hits[0]
                rows[(n, league or "")] = (n, league or "", h.team, h.method, round(h.score, 6))
            else:
                rows[(n, league or "")] = (n, league or "", None, "none", 0.0)
        return [rows[k] for k in sorted(rows)]

    def import_cache(self, rows: Iterable[Sequence[object]]) -> int:
        """Load rows written by `export_cache` (e.g. from the warehouse); returns how many were
        kept. Rows naming a team the catalogue no longer has are skipped (stale); a malformed row
        raises TeamCacheError. Call after the events are added: any later catalogue change drops
        the imported answers, because a new team can make one of them ambiguous."""
        kept = 0
        for i, row in enumerate(rows):
            if len(row) != 5:
                raise TeamCacheError(f"team cache row {i}: expected 5 fields, got {len(row)}")
            text_norm, league, team, method, score = row
            if not isinstance(text_norm, str) or not text_norm or not isinstance(league, str):
                raise TeamCacheError(f"team cache row {i}: text_norm and league_name must be text")
            if method == "none":
                if team is not None:
                    raise TeamCacheError(f"team cache row {i}: method 'none' with a team")
                hits: tuple[TeamHit, ...] = ()
            else:
                if method not in METHOD_SCORE and method != "fuzzy":
                    raise TeamCacheError(f"team cache row {i}: unknown method {method!r}")
                if not isinstance(team, str) or not isinstance(score, int | float) or \
                        not 0 < float(score) <= 1:
                    raise TeamCacheError(f"team cache row {i}: needs a team and a score in (0, 1]")
                if team not in self.teams or (league and league not in self.teams[team].leagues):
                    continue
                hits = (TeamHit(team, float(score), str(method)),)
            self._imported[(norm(text_norm), league or None)] = hits
            kept += 1
        self._cache.clear()
        return kept

    def _in_league(self, team: str, league: str | None) -> bool:
        if league is None:
            return True
        t = self.teams.get(team)
        return t is not None and league in t.leagues

    def _resolve(self, text: str, league: str | None) -> Resolution:
        n = norm(text)
        if not n or _OTHER_SQUAD.search(n):
            # "Arsenal Women", "Real Madrid B", "Spain U21": another team than the club's first
            # side, which the event source lists under its own name if at all
            return Resolution(text)
        found: dict[str, TeamHit] = {}
        for key in dict.fromkeys((n, core(n))):
            for team, method in self._index.get(key, {}).items():
                if not self._in_league(team, league):
                    continue
                score = METHOD_SCORE[method]
                if team not in found or found[team].score < score:
                    found[team] = TeamHit(team, score, method)
        if not found and len(n) >= 4:
            for team, score in self._fuzzy(n, league):
                found[team] = TeamHit(team, score, "fuzzy")
        hits = sorted(found.values(), key=lambda h: (-h.score, h.team))
        return Resolution(text, tuple(hits))

    def _fuzzy(self, n: str, league: str | None) -> list[tuple[str, float]]:
        # Only full names and written aliases: fuzzing nicknames and cities is where
        # "Mets"/"Jets" and "Lightning"/"Rays" confusions come from.
        if self._fuzzy_keys is None:
            self._fuzzy_keys = [k for k, teams in self._index.items() if len(k) >= 5 and any(
                m in ("name", "alias") for m in teams.values())]
        out: dict[str, float] = {}
        for key, score, _ in process.extract(n, self._fuzzy_keys, scorer=fuzz.ratio,
                                             score_cutoff=FUZZY_CUTOFF, limit=8):
            for team, method in self._index[key].items():
                if method not in ("name", "alias") or not self._in_league(team, league):
                    continue
                s = 0.9 * score / 100
                out[team] = max(out.get(team, 0.0), s)
        return sorted(out.items(), key=lambda p: -p[1])


def _is_code(alias: str) -> bool:
    return bool(re.fullmatch(r"[A-Z0-9]{2,4}", alias.strip()))


# --- deriving config/teams from public alias data ------------------------------------------------

_OPENFOOTBALL_LEAGUES = {
    "eng": ["English Premier League", "English League Championship"],
    "es": ["Spanish La Liga"], "it": ["Italian Serie A"], "de": ["German Bundesliga"],
    "fr": ["French Ligue 1"], "nl": ["Dutch Eredivisie"], "pt": ["Portuguese Primeira Liga"],
    "sco": ["Scottish Premiership"], "us": ["American Major League Soccer"],
    "ca": ["American Major League Soccer"],
}
_DFS_LEAGUES = {"nba": "NBA", "nhl": "NHL", "nfl": "NFL", "mlb": "MLB"}


def parse_openfootball_clubs(text: str) -> list[list[str]]:
    """Clubs of a Football.TXT `*.clubs.txt` file, each as [canonical, variant, ...]."""
    clubs: list[list[str]] = []
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip() or line.lstrip().startswith("="):
            continue
        if line.lstrip().startswith("|"):
            if clubs:
                clubs[-1].extend(v.strip() for v in line.strip().strip("|").split("|") if v.strip())
            continue
        if raw[:1].isspace():
            continue
        name = line.split(",", 1)[0].strip()
        if name:
            clubs.append([name])
    return clubs


_RESERVE = re.compile(r"\[|\bii\)|\s(?:B|II|2)$|U-?\d{2}\b|\(-?\d{4}\)|women|\bfem", re.I)


def _match_club(variants: list[str], teams: list[str]) -> str | None:
    """The one event-source team the openfootball variants describe, or None when unclear."""
    keys = {norm(v) for v in variants} | {core(norm(v)) for v in variants}
    exact = [t for t in teams if norm(t) in keys or core(norm(t)) in keys]
    if len(exact) == 1:
        return exact[0]
    if exact:
        return None
    best: dict[str, float] = {}
    for t in teams:
        ct = core(norm(t))
        for k in keys:
            s = fuzz.ratio(ct, k)
            if s >= 90:
                best[t] = max(best.get(t, 0), s)
    if len(best) == 1:
        return next(iter(best))
    return None


def derive_alias_files(shared_data: str | Path, events: Iterable[Event], out_dir: str | Path
                       ) -> dict[str, int]:
    """Write `config/teams/<league>.yaml` from dfs_sbs and openfootball data, keyed by the names the
    events use. Returns aliases written per league. Variants are kept only for a club that maps to
    exactly one event team, so an unclear mapping loses aliases instead of inventing them."""
    import yaml

    shared = Path(shared_data)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    by_league: dict[str, set[str]] = defaultdict(set)
    sport_of: dict[str, str] = {}
    for ev in events:
        by_league[ev.league].update(x for x in (ev.home, ev.away) if x)
        sport_of[ev.league] = ev.sport
    result: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))

    for code, league in _DFS_LEAGUES.items():
        path = shared / "aliases" / "dfs_sbs" / f"{code}_teams.json"
        if not path.exists() or league not in by_league:
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        teams = sorted(by_league[league])
        code_to_team: dict[str, str] = {}
        for c, full in data.get("fullByCode", {}).items():
            t = _match_club([full], teams)
            if t is None:  # stale names (Arizona Coyotes) or renamed teams: match on nickname
                nick = norm(full).split()[-1]
                cands = [x for x in teams if norm(x).endswith(" " + nick)]
                t = cands[0] if len(cands) == 1 else None
            if t is not None:
                code_to_team[c] = t
                result[league][t].add(c)
        for alias, c in data.get("map", {}).items():
            t = code_to_team.get(c)
            if t is not None and norm(alias) not in (norm(t), core(norm(t))):
                result[league][t].add(alias.upper() if _is_code(alias.upper()) and
                                      len(alias) <= 3 else alias)

    # MLB Stats API team list: the league's own abbreviations (`SF`, `CWS`, `AZ`, `WSH`) and short
    # names (`Chi White Sox`), which the betting-site codes above spell differently.
    path = shared / "aliases" / "mlb_teams_2025.json"
    if path.exists() and "MLB" in by_league:
        teams = sorted(by_league["MLB"])
        for row in json.loads(path.read_text(encoding="utf-8")):
            t = _match_club([row.get("name", "")], teams)
            if t is None:
                continue
            city = norm(row.get("franchiseName") or "")
            for key in ("abbreviation", "shortName"):
                v = (row.get(key) or "").strip()
                # a short name that is just the city stays a city (generated, ranked below names)
                if v and norm(v) not in (norm(t), core(norm(t)), city):
                    result["MLB"][t].add(v)

    for cc, leagues in _OPENFOOTBALL_LEAGUES.items():
        path = shared / "aliases" / "openfootball_clubs" / f"{cc}.clubs.txt"
        if not path.exists():
            continue
        teams = sorted({t for lg in leagues for t in by_league.get(lg, ())})
        if not teams:
            continue
        for variants in parse_openfootball_clubs(path.read_text(encoding="utf-8")):
            t = _match_club(variants, teams)
            if t is None:
                continue
            lg = next(lg for lg in leagues if t in by_league.get(lg, ()))
            for v in variants:
                if _RESERVE.search(v):
                    continue  # reserve sides and foreign-language exonyms are other teams/noise
                if norm(v) not in (norm(t), core(norm(t))):
                    result[lg][t].add(v)

    counts: dict[str, int] = {}
    for league, teams_aliases in sorted(result.items()):
        slug = re.sub(r"[^a-z0-9]+", "-", league.lower()).strip("-")
        doc = {
            "league": league,
            "sport": sport_of.get(league),
            "source": "derived by epgoat_assets.lib.matching.teams.derive_alias_files",
            "teams": {t: sorted(a, key=str.lower) for t, a in sorted(teams_aliases.items())},
        }
        path = out / f"{slug}.yaml"
        tmp = path.with_suffix(".yaml.tmp")
        tmp.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
        tmp.replace(path)
        counts[league] = sum(len(a) for a in teams_aliases.values())
    return counts


__all__ = [
    "CacheRow", "ConfigError", "Resolution", "TeamCacheError", "TeamHit", "TeamResolver", "core", "derive_alias_files", "norm",
    "parse_openfootball_clubs",
]


def _main(argv: list[str] | None = None) -> int:
    """`python -m epgoat_assets.lib.matching.teams derive SHARED_DATA EVENTS_DIR [OUT_DIR]`"""
    import sys

    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) < 3 or args[0] != "derive":
        print(_main.__doc__)
        return 2
    from epgoat_assets.lib.sports.events import load_events

    out = Path(args[3]) if len(args) > 3 else config_dir() / "teams"
    counts = derive_alias_files(args[1], load_events(args[2]), out)
    for league, n in counts.items():
        print(f"{league}: {n} aliases")
    return 0


if __name__ == "__main__":
    raise SystemExit(_main())
