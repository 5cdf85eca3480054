"""Team aliases from `config/teams/*.yaml` as rows for the warehouse's `team_aliases` table.

The YAML files are derived from the real team lists in shared data (abbreviations, short names,
nicknames, club-name variants) plus curated short forms; aliases learned at run time (e.g. from
verified LLM answers) are stored beside them with their own `source` and fed back into matching.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from epgoat_assets.lib.config import config_dir, load_yaml_model
from epgoat_assets.lib.matching.teams import TeamResolver, TeamsFile


def config_alias_rows(base: str | Path | None = None) -> Iterator[tuple[str, str, str, str]]:
    """(alias, league, team, source) for every configured alias, team names included."""
    tdir = Path(base or config_dir()) / "teams"
    for path in sorted(tdir.glob("*.yaml")):
        data = load_yaml_model(path, TeamsFile)
        source = f"config:{path.name}"
        for team, aliases in sorted(data.teams.items()):
            yield team, data.league, team, source
            for alias in aliases:
                yield alias, data.league, team, source


def apply_learned_aliases(resolver: TeamResolver, rows: list[tuple[str, str, str, str]]) -> int:
    """Add warehouse aliases that did not come from config (those are loaded already)."""
    added = 0
    for alias, _league, team, source in rows:
        if source.startswith("config:"):
            continue
        resolver.add_alias(team, alias, "alias")
        added += 1
    return added
