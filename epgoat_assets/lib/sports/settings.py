"""Per-sport guide settings (`config/sports.yaml`): block lengths, title emoji and XMLTV categories."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import Field, PrivateAttr

from epgoat_assets.lib.config import StrictModel, config_dir, load_yaml_model


class SportSettings(StrictModel):
    duration_minutes: int = Field(gt=0, le=24 * 60)
    emoji: str = ""
    categories: tuple[str, ...] = ()


class LeagueSettings(StrictModel):
    """A league overrides its sport; every field is optional so `NBA: {duration_minutes: 180}` works."""

    duration_minutes: int | None = Field(default=None, gt=0, le=24 * 60)
    emoji: str | None = None
    categories: tuple[str, ...] | None = None


class SportsConfig(StrictModel):
    pregame_minutes: int = Field(default=30, ge=0, le=6 * 60)
    postgame_minutes: int = Field(default=30, ge=0, le=6 * 60)
    default_duration_minutes: int = Field(default=180, gt=0, le=24 * 60)
    default_categories: tuple[str, ...] = ("Sports",)
    sports: dict[str, SportSettings] = Field(default_factory=dict)
    leagues: dict[str, LeagueSettings] = Field(default_factory=dict)

    # Sources spell sports and leagues with varying case ("Ice hockey", "nba"), so lookups fold case;
    # the folded keys are indexed once (a guide looks a league up for every block it writes).
    _sports_folded: dict[str, SportSettings] = PrivateAttr(default_factory=dict)
    _leagues_folded: dict[str, LeagueSettings] = PrivateAttr(default_factory=dict)
    _categories_memo: dict[tuple[str | None, str | None], tuple[str, ...]] = PrivateAttr(default_factory=dict)

    def model_post_init(self, context: Any, /) -> None:
        # The first spelling of a folded key wins, as the scan in file order it replaces did.
        for k, v in reversed(self.sports.items()):
            self._sports_folded[k.casefold()] = v
        for k, lg in reversed(self.leagues.items()):
            self._leagues_folded[k.casefold()] = lg

    def _sport(self, sport: str | None) -> SportSettings | None:
        if not sport:
            return None
        hit = self.sports.get(sport)
        return hit if hit is not None else self._sports_folded.get(sport.casefold())

    def _league(self, league: str | None) -> LeagueSettings | None:
        if not league:
            return None
        hit = self.leagues.get(league)
        return hit if hit is not None else self._leagues_folded.get(league.casefold())

    def game_minutes(self, sport: str | None, league: str | None) -> int:
        """Length of the game block: the league's override, else the sport's, else the default."""
        lg = self._league(league)
        if lg is not None and lg.duration_minutes:
            return lg.duration_minutes
        sp = self._sport(sport)
        if sp is not None:
            return sp.duration_minutes
        return self.default_duration_minutes

    def emoji(self, sport: str | None, league: str | None = None) -> str:
        lg = self._league(league)
        if lg is not None and lg.emoji is not None:
            return lg.emoji
        sp = self._sport(sport)
        return sp.emoji if sp is not None else ""

    def categories(self, sport: str | None, league: str | None) -> tuple[str, ...]:
        """XMLTV categories for a game: the configured list, then the league name, without repeats."""
        key = (sport, league)
        hit = self._categories_memo.get(key)
        if hit is None:  # asked once per programme block: thousands of times for a handful of leagues
            hit = self._categories_memo[key] = self._categories(sport, league)
        return hit

    def _categories(self, sport: str | None, league: str | None) -> tuple[str, ...]:
        lg = self._league(league)
        sp = self._sport(sport)
        if lg is not None and lg.categories is not None:
            base = lg.categories
        elif sp is not None and sp.categories:
            base = sp.categories
        else:
            base = (*self.default_categories, *([sport] if sport else []))
        out: list[str] = []
        for cat in (*base, *([league] if league else [])):
            if cat and cat.casefold() not in {c.casefold() for c in out}:
                out.append(cat)
        return tuple(out)


def sports_config_path() -> Path:
    return config_dir() / "sports.yaml"


def load_sports_config(path: str | Path | None = None) -> SportsConfig:
    """Load and validate `config/sports.yaml` (or `path`); raises `ConfigError` with a one-line message."""
    return load_yaml_model(path or sports_config_path(), SportsConfig)
