"""Event channels without a slot number: a known league label, then a fixture with a time.

Providers also publish one-off event streams named `EPL: Man Utd v Newcastle 20:00 GMT` or
`LIGUE 1: Paris SG - Olympique Marseille 20:45`. They have no running number, so family discovery
never sees them. They count as event channels only when all three hold, which keeps linear channels
(`NBA TV (East)`, `US: ESPN2 SD`) and replays of old games out:
- the text before `:` or `|` is exactly a league keyword of `config/leagues.yaml`;
- the rest names two sides around a team separator (vs, v, x, @, at, -);
- the rest states a clock time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from epgoat_assets.lib.sports.leagues import LeagueCatalog, _norm

_LABELLED = re.compile(r"^\s*(?:\[\s*)?(?P<label>[^:|\[\]]{2,40}?)(?:\s*\])?\s*(?::|\|)\s*(?P<rest>\S.*)$")
_COUNTRY = re.compile(r"^\s*[A-Z]{2,3}\s*[|:]\s*(?=\S)")
_SIDES = re.compile(r"\S.*?\s(?:vs\.?|v\.?|x|@|at|-|–)\s+\S", re.IGNORECASE)
_TIME = re.compile(r"(?<!\d)(?:[01]?\d|2[0-3])(?:[:.h][0-5]\d(?!\d)\s*(?:[ap]\.?m\.?)?|\s?[ap]\.?m\.?)(?![a-z])",
                   re.IGNORECASE)


_has_time = _TIME.search


@dataclass(frozen=True, slots=True)
class LabelledFixture:
    label: str  # as written, e.g. "EPL"
    league: str  # the catalogue's league name, e.g. "English Premier League"


def labelled_fixture(name: str, catalog: LeagueCatalog) -> LabelledFixture | None:
    """The league label of a one-off event stream name, or None when the name is not one."""
    if (":" not in name and "|" not in name) or _has_time(name) is None:
        return None
    # "EPL: ..." and "US| NBA: ..." both occur: try the name as is, then without a country tag.
    for text in (name, _COUNTRY.sub("", name, count=1)):
        found = _league_label(text, catalog)
        if found is not None:
            return found
    return None


def _league_label(text: str, catalog: LeagueCatalog) -> LabelledFixture | None:
    m = _LABELLED.match(text)
    if m is None:
        return None
    # The cheap tests on the rest first: most live channel names fail them.
    rest = m.group("rest")
    if not _TIME.search(rest) or not _SIDES.search(rest):
        return None
    label = m.group("label").strip()
    league = _label_league(catalog, label)
    return LabelledFixture(label=label, league=league) if league else None


_LABEL_CACHE: dict[tuple[int, str], str | None] = {}


def _label_league(catalog: LeagueCatalog, label: str) -> str | None:
    key = (id(catalog), label)
    if key not in _LABEL_CACHE:
        entry = catalog.league(label)
        league = entry.name if entry is not None else None
        if league is None:
            hint = catalog.hint(label)
            # The label must be a league keyword, or start with one and add at most two words
            # ("NFL Xmas", "NBA Christmas Day"): a broadcaster ("Sky Sports") never qualifies.
            norm_label, norm_kw = _norm(label), _norm(hint.keyword) if hint is not None else ""
            if hint is not None and hint.league is not None and (
                norm_label == norm_kw
                or (norm_label.startswith(norm_kw + " ") and len(norm_label.split()) - len(norm_kw.split()) <= 2)
            ):
                league = hint.league
        if len(_LABEL_CACHE) > 10_000:
            _LABEL_CACHE.clear()
        _LABEL_CACHE[key] = league
    return _LABEL_CACHE[key]
