"""Configurable VOD filtering: decide which playlist entries are movies/series rather than live streams.

Rules come from `config/vod_patterns.yaml` or from database records (`VodRules.from_records`). They
are evaluated in order and the first match decides. `classify_all` runs them over a whole playlist
rule by rule, each rule seeing only the entries still undecided, so a 350K-entry playlist costs
fewer than two regex searches per entry (the URL-path rules catch most VOD first).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import compress
from operator import attrgetter, not_
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator

from epgoat_assets.lib.config import ConfigError, StrictModel, config_dir, load_yaml_model
from epgoat_assets.lib.models import PlaylistEntry, entry_group

_get_url = attrgetter("url")
_get_name = attrgetter("name")
_FLAG_LETTERS = {"i": re.IGNORECASE, "a": re.ASCII, "m": re.MULTILINE, "s": re.DOTALL}


class VodRuleModel(StrictModel):
    name: str = Field(min_length=1)
    field: str = "name"  # url | group | name | attr:<key>
    pattern: str = Field(min_length=1)
    action: Literal["filter", "keep"] = "filter"
    strength: Literal["hard", "soft"] = "soft"
    flags: str = ""
    providers: tuple[str, ...] = ()
    enabled: bool = True
    description: str = ""

    @field_validator("field")
    @classmethod
    def _known_field(cls, value: str) -> str:
        if value in ("url", "group", "name", "tvg_name") or (value.startswith("attr:") and len(value) > 5):
            return value
        raise ValueError(f"unknown field {value!r} (url, group, name, tvg_name or attr:<key>)")

    @field_validator("flags")
    @classmethod
    def _known_flags(cls, value: str) -> str:
        bad = set(value) - set(_FLAG_LETTERS)
        if bad:
            raise ValueError(f"unknown regex flag(s) {''.join(sorted(bad))!r} (use i, a, m, s)")
        return value

    def compiled(self) -> re.Pattern[str]:
        flags = 0
        for letter in self.flags:
            flags |= _FLAG_LETTERS[letter]
        try:
            return re.compile(self.pattern, flags)
        except re.error as exc:
            raise ConfigError(f"VOD rule {self.name!r}: invalid regex: {exc}") from exc


class VodRulesFile(StrictModel):
    rules: list[VodRuleModel] = Field(min_length=1)


@dataclass(frozen=True, slots=True)
class _Stage:
    """Consecutive rules sharing field, action and flags, and their combined regexes.

    The combined regexes have no named groups: groups and inline flags defeat the regex engine's
    literal-prefix scan (a 10x slowdown on URLs). Which rule matched is settled by trying the
    rules themselves in order (see `_filter_pass`).
    """

    field: str
    action: str
    regex: re.Pattern[str]
    rules: tuple[tuple[str, re.Pattern[str]], ...]  # (rule name, own regex), in order
    tails: tuple[re.Pattern[str], ...]  # tails[k]: rules[k:] combined (tails[0] is `regex`)


def _field_texts(field: str, entries: Sequence[PlaylistEntry]) -> list[str]:
    if field == "url":
        return list(map(_get_url, entries))
    if field == "name":
        return list(map(_get_name, entries))
    if field == "group":
        return list(map(entry_group, entries))
    key = "tvg-name" if field == "tvg_name" else field[5:]
    return [e.attrs.get(key, "") for e in entries]


def _filter_pass(
    stage: _Stage, first: int, texts: list[str], positions: Sequence[int], verdicts: list[str | None]
) -> list[int]:
    """Give `verdicts[i]` the first of `stage.rules[first:]` that matches; return the unmatched.

    Rule `first` runs alone: in a playlist it usually catches most entries (`/movie/`), and the
    next rule then sees only the rest. The remaining rules, when more than one, first run as
    one combined regex, so a long list of rarely matching rules costs one search per entry.
    Matches become booleans at once: holding 300K match objects costs more than the searches.
    """
    name, rx = stage.rules[first]
    hit = list(map(bool, map(rx.search, texts)))
    for i in compress(positions, hit):
        verdicts[i] = name
    miss = list(map(not_, hit))
    del hit
    if first + 1 == len(stage.rules):
        return list(compress(positions, miss))
    texts = list(compress(texts, miss))
    positions = list(compress(positions, miss))
    if not texts:
        return positions
    if first + 2 == len(stage.rules):
        return _filter_pass(stage, first + 1, texts, positions, verdicts)
    hit = list(map(bool, map(stage.tails[first + 1].search, texts)))
    _filter_pass(stage, first + 1, list(compress(texts, hit)), list(compress(positions, hit)), verdicts)
    return list(compress(positions, map(not_, hit)))


class VodRules:
    """An ordered VOD rule set; `classify(entry)` names the rule that filters it, or None (keep)."""

    def __init__(self, rules: Iterable[VodRuleModel], *, provider: str | None = None) -> None:
        self.rules: tuple[VodRuleModel, ...] = tuple(rules)
        seen: set[str] = set()
        for r in self.rules:
            if r.name in seen:
                raise ConfigError(f"VOD rules: duplicate rule name {r.name!r}")
            seen.add(r.name)
        self.provider = provider
        self.strength: dict[str, str] = {r.name: r.strength for r in self.rules}
        self._stages_by_provider: dict[str | None, tuple[_Stage, ...]] = {}
        self._stages = self._compile(provider)

    # -- construction ---------------------------------------------------------------------------

    @classmethod
    def from_records(cls, records: Iterable[Mapping[str, object]], *, provider: str | None = None) -> VodRules:
        """Build from plain records (YAML items or `vod_filter_patterns` rows); unknown keys are errors.

        Database rows may carry bookkeeping columns (id, created_at ...); pass only rule columns.
        `providers` may be a list or a comma-separated string; `None` values mean the default.
        """
        models = []
        for i, rec in enumerate(records):
            data = {k: v for k, v in dict(rec).items() if v is not None}
            if isinstance(data.get("providers"), str):
                data["providers"] = tuple(p.strip() for p in str(data["providers"]).split(",") if p.strip())
            try:
                models.append(VodRuleModel.model_validate(data))
            except Exception as exc:  # pydantic ValidationError -> one line
                first = str(exc).splitlines()
                detail = " ".join(first[1:3]).strip() if len(first) > 1 else str(exc)
                raise ConfigError(f"VOD rule #{i + 1} ({data.get('name', '?')}): {detail}") from exc
        return cls(models, provider=provider)

    def for_provider(self, provider: str | None) -> VodRules:
        """The same rules with provider-specific ones switched on for `provider`."""
        return VodRules(self.rules, provider=provider)

    def _active(self, provider: str | None) -> list[VodRuleModel]:
        return [
            r for r in self.rules if r.enabled and (not r.providers or (provider is not None and provider in r.providers))
        ]

    def _compile(self, provider: str | None) -> tuple[_Stage, ...]:
        active = self._active(provider)
        for r in active:
            r.compiled()  # a bad pattern is reported by rule name, before it is merged
        stages: list[_Stage] = []
        i = 0
        while i < len(active):
            j = i
            key = (active[i].field, active[i].action, "".join(sorted(active[i].flags)))
            while j + 1 < len(active) and (
                active[j + 1].field, active[j + 1].action, "".join(sorted(active[j + 1].flags))
            ) == key:
                j += 1
            group = active[i : j + 1]
            own = tuple((r.name, r.compiled()) for r in group)
            tails = tuple(
                own[k][1] if k == len(group) - 1
                else re.compile("|".join(f"(?:{r.pattern})" for r in group[k:]), own[0][1].flags)
                for k in range(len(group))
            )
            stages.append(_Stage(group[0].field, group[0].action, tails[0], own, tails))
            i = j + 1
        return tuple(stages)

    # -- use ------------------------------------------------------------------------------------

    def _stages_for(self, provider: str | None) -> tuple[_Stage, ...]:
        if provider is None or provider == self.provider:
            return self._stages
        stages = self._stages_by_provider.get(provider)
        if stages is None:
            stages = self._stages_by_provider[provider] = self._compile(provider)
        return stages

    def classify_all(self, entries: Sequence[PlaylistEntry], provider: str | None = None) -> list[str | None]:
        """`classify` for a whole playlist, stage by stage and rule by rule (the same verdicts).

        Most entries of a provider playlist are settled by the first rule (the URL path), so each
        later rule only looks at the entries still undecided. The searches run through `map` and
        the undecided entries are picked out with `compress`: no Python code runs per entry.
        """
        n = len(entries)
        verdicts: list[str | None] = [None] * n
        todo: Sequence[int] = range(n)  # positions still undecided, in order
        for stage in self._stages_for(provider):
            if not todo:
                break
            texts = _field_texts(stage.field, entries if len(todo) == n else list(map(entries.__getitem__, todo)))
            blank: list[int] = []
            if "" in texts:
                # An empty field never matches (a rule like `^$` must not filter every blank group).
                filled = list(map(bool, texts))
                blank = list(compress(todo, map(not_, filled)))
                texts = list(compress(texts, filled))
                todo = list(compress(todo, filled))
            if stage.action == "keep":
                todo = list(compress(todo, map(not_, map(stage.regex.search, texts))))
            else:
                todo = _filter_pass(stage, 0, texts, todo, verdicts)
            if blank:
                todo = sorted([*todo, *blank])
        return verdicts

    def classify(self, entry: PlaylistEntry, provider: str | None = None) -> str | None:
        """The name of the first filtering rule that matches, or None when the entry is kept."""
        for stage in self._stages_for(provider):
            f = stage.field
            if f == "url":
                text = entry.url
            elif f == "name":
                text = entry.name
            elif f == "group":
                text = entry_group(entry)
            elif f == "tvg_name":
                text = entry.attrs.get("tvg-name", "")
            else:
                text = entry.attrs.get(f[5:], "")
            if not text:
                continue
            if stage.regex.search(text) is None:
                continue
            if stage.action == "keep":
                return None
            rules = stage.rules
            if len(rules) == 1:
                return rules[0][0]
            for name, rx in rules:
                if rx.search(text) is not None:
                    return name
            return rules[-1][0]  # unreachable: the combined regex matched one of them
        return None

    def leading_hard_tests(self, provider: str | None = None) -> tuple[tuple[str, str, Callable[[str], object]], ...]:
        """(rule name, field, search) of the hard filter rules before any other rule, in order.

        An entry one of them matches is VOD whatever follows: the first matching rule decides,
        and a hard verdict is never rescued. So such an entry can be settled while the playlist
        is read (`m3u.Divert`), with the verdict `classify` would give.
        """
        tests = []
        for r in self._active(provider if provider is not None else self.provider):
            if r.action != "filter" or r.strength != "hard":
                break
            tests.append((r.name, r.field, r.compiled().search))
        return tuple(tests)

    def is_hard(self, rule_name: str) -> bool:
        """A hard rule (URL path/extension) is trusted even against an event-channel-looking name."""
        return self.strength.get(rule_name) == "hard"

    def __len__(self) -> int:
        return len(self.rules)


def load_vod_rules(path: str | Path | None = None, *, provider: str | None = None) -> VodRules:
    """Load `config/vod_patterns.yaml` (or `path`) into a `VodRules`."""
    path = Path(path) if path is not None else config_dir() / "vod_patterns.yaml"
    model = load_yaml_model(path, VodRulesFile)
    try:
        return VodRules(model.rules, provider=provider)
    except ConfigError as exc:
        raise ConfigError(f"{path}: {exc}") from exc
