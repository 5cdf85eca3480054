"""Numbered event-channel families: `NBA 01: ...`, `US| ESPN+ 045 : ...`, `EPL 08 | Coming Soon`.

A name is split generically into (country tag, prefix, slot number, rest); the prefix is then looked
up among the configured families (`config/families.yaml`) and the families discovered in the same
playlist. Linear channels that merely contain a number (`ESPN2`, `Sky Sports 1`, `FS2 4K`) do not
split, or split into a prefix that is neither configured nor discovered. A prefix seen on a single
slot is discovered only when that slot reads as a fixture (`reads_as_fixture`), and such a family
then takes only fixture-like or empty slots as members.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import Field

from epgoat_assets.lib.config import ConfigError, StrictModel, config_dir, load_yaml_model
from epgoat_assets.lib.models import PlaylistEntry, entry_group
from epgoat_assets.lib.playlists.recognise import FIXTURE, time_between

# prefix, then a separator (at least a space) before a 1-3 digit slot, then either a separator
# (`:`, `|`, dash, or `_`, which some providers write for any of `:` `/` `-`: `NFL 02_ 49ers at Rams
# 8_35 PM ET`) or the end of the name, or, for zero-padded slots (`NBA 01 Lakers ...`), a space.
_SLOT_RE = re.compile(
    r"""^\s*(?P<prefix>.*?[^\W\d_].*?(?<=[^\s|:#\-–—]))  # holds a letter; ends in a non-separator
        (?:\s*[|:#\-–—]\s*|\s+)                  # separator before the number
        (?:
            (?P<num>\d{1,3})(?:\s*\([A-Za-z]{1,3}\))?  # a feed tag after it: `ESPN+ 81 (D):`
            (?P<sep>\s*[:|\-–—._•·⚡★►▶»]|\s*$)  # bullets/emoji (`NBA 12 ⚡`)
          | (?P<num0>0\d{1,2})\s+
        )
        (?P<rest>.*)$""",
    re.VERBOSE | re.DOTALL,
)
# Country / market tags in front of the family: `US| `, `UK: `, `(US) `, `USA - `, `CA|`.
_COUNTRY_RE = re.compile(r"^(?:\(?[A-Z]{2,3}\)?\s*[|:]\s*|\([A-Z]{2,3}\)\s*|[A-Z]{2,3}\s+[-–]\s+)")
_TRAIL_SEP = " \t|:-–—#."
_REST_STRIP = " \t|:-–—_"
_DIGIT_RE = re.compile(r"\d")
# A necessary condition for _SLOT_RE, ten times cheaper: a 1-3 digit number after a separator and
# before a separator or the end. Most names with digits (`(2019)`, `4K`, `FS2`) fail it.
_SLOT_HINT_RE = re.compile(r"[\s|:#\-–—]\d{1,3}(?:[\s:|\-–—._(]|$)")
_UNSEEN = object()
_LEAGUE_CACHE_MAX = 20_000
_EVENTISH_RE = re.compile(
    r"\b(?:vs?\.?|at|x)\b|@|\d{1,2}:\d{2}|\b\d{1,2}\s*(?:am|pm)\b|\bstart:", re.IGNORECASE
)
# Stricter than _EVENTISH_RE, for families seen on a single slot: the fixture the recogniser
# reads (two sides around a team separator; the right side starts like a team, not like a time or
# a date, so `News at 10:00`, `@ 07:00 PM ET` and `@ Oct 08` are not fixtures).
_FIXTURE_RE = FIXTURE
# A kick-off time between two team names, the field's third separator (`Celtic FC 17:45 Sporting Braga`).
_TIME_BETWEEN_RE = re.compile(r"(?P<a>[^\W\d_]\S*)\s+\d{1,2}[:_]\d{2}\s+(?P<b>[^\W\d_]\w*)")
# What is left of a decimal channel number split at its dot (`RTL 102.5 FM`, `TV 4.1 (1080p)`).
_DECIMAL_TAIL_RE = re.compile(r"\d+(?!\w)")
# A clock time (`19:45`, `8_35` with the underscore some providers write for `:`, `7pm`).
_TIME_RE = re.compile(r"(?<![\d.])\d{1,2}[:_]\d{2}(?![\d.])|\b\d{1,2}\s*[ap]\.?m\b", re.IGNORECASE)


def norm_key(prefix: str) -> str:
    """Comparison key for a family prefix: case-folded, single-spaced."""
    return " ".join(prefix.casefold().split())


class FamilyModel(StrictModel):
    name: str = Field(min_length=1)
    prefixes: tuple[str, ...] = Field(min_length=1)
    league: str | None = None
    sport: str | None = None


class FamiliesFile(StrictModel):
    families: list[FamilyModel] = Field(default_factory=list)
    placeholders: list[str] = Field(default_factory=list)
    not_families: list[str] = Field(default_factory=list)
    league_keywords: dict[str, str] = Field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Family:
    name: str
    league: str | None = None
    sport: str | None = None
    discovered: bool = False
    # Seen on too few slots to be sure it is not a linear network: only names that read as a
    # fixture or an empty-slot notice after an explicit slot separator are members.
    fixture_only: bool = False

    @property
    def league_hint(self) -> str | None:
        return self.league or self.sport


@dataclass(frozen=True, slots=True)
class FamilyMatch:
    family: str
    slot: int
    placeholder: bool
    league_hint: str | None
    prefix: str  # as written (country tag removed)
    rest: str  # the event text after the slot separator ("" for an empty slot)
    discovered: bool = False
    # A bare unpadded number and nothing else (`NBA 14`, but also the linear `DAZN 1`): only
    # trustworthy when other members of the family in the same playlist are written as slots.
    bare: bool = False


@dataclass(frozen=True, slots=True)
class DiscoveredFamily:
    """A family found in a playlist and not in the configuration: a record for `provider_patterns`."""

    name: str
    group: str  # the group holding most of its members
    pattern: str  # regex matching member names (anchored, country tag optional)
    count: int  # members
    slots: tuple[int, ...]  # distinct slot numbers, sorted
    examples: tuple[str, ...]  # a few member names, as written
    league_hint: str | None = None
    groups: tuple[str, ...] = ()
    # Found from fixture-like members rather than running slots (see `discover_families_split`):
    # recognised with `Family.fixture_only` until a reviewer approves it.
    fixture_only: bool = False

    def as_record(self) -> dict[str, object]:
        evidence: dict[str, object] = {
            "count": self.count,
            "slots": list(self.slots),
            "examples": list(self.examples),
            "groups": list(self.groups),
        }
        if self.fixture_only:
            evidence["fixture_only"] = True
        return {
            "name": self.name,
            "group": self.group,
            "pattern": self.pattern,
            "league_hint": self.league_hint,
            "evidence": evidence,
        }


@dataclass(slots=True)
class FamilyConfig:
    by_prefix: dict[str, Family]
    placeholder_re: re.Pattern[str]
    not_families: frozenset[str]
    league_keywords: tuple[tuple[re.Pattern[str], str], ...] = ()
    families: tuple[Family, ...] = field(default_factory=tuple)
    # league_for per text: event slots repeat their league heads (`Dutch Eredivisie: ...`), and
    # each miss costs a search per keyword. Shared with `with_discovered` copies (same keywords).
    _league_cache: dict[str, str | None] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_model(cls, model: FamiliesFile) -> FamilyConfig:
        by_prefix: dict[str, Family] = {}
        fams = []
        for fm in model.families:
            fam = Family(fm.name, fm.league, fm.sport)
            fams.append(fam)
            for p in (fm.name, *fm.prefixes):
                key = norm_key(p)
                other = by_prefix.get(key)
                if other is not None and other.name != fam.name:
                    raise ConfigError(f"families: prefix {p!r} belongs to both {other.name!r} and {fam.name!r}")
                by_prefix[key] = fam
        try:
            ph = re.compile("|".join(f"(?:{p})" for p in model.placeholders) or r"(?!)", re.IGNORECASE)
        except re.error as exc:
            raise ConfigError(f"families: invalid placeholder regex: {exc}") from exc
        kw = tuple(
            (re.compile(rf"(?<![\w+]){re.escape(k)}(?![\w+])", re.IGNORECASE), v)
            for k, v in model.league_keywords.items()
        )
        return cls(by_prefix, ph, frozenset(norm_key(p) for p in model.not_families), kw, tuple(fams))

    def with_discovered(self, discovered: Iterable[DiscoveredFamily]) -> FamilyConfig:
        """A copy that also recognises `discovered` families."""
        by_prefix = dict(self.by_prefix)
        fams = list(self.families)
        for d in discovered:
            key = norm_key(d.name)
            if key in by_prefix:
                continue
            fam = Family(d.name, d.league_hint, None, discovered=True, fixture_only=d.fixture_only)
            by_prefix[key] = fam
            fams.append(fam)
        return FamilyConfig(by_prefix, self.placeholder_re, self.not_families, self.league_keywords, tuple(fams),
                            self._league_cache)

    def league_for(self, *texts: str) -> str | None:
        cache = self._league_cache
        for text in texts:
            league = cache.get(text, _UNSEEN)
            if league is _UNSEEN:
                league = next((lg for rx, lg in self.league_keywords if rx.search(text)), None)
                if len(cache) < _LEAGUE_CACHE_MAX:
                    cache[text] = league
            if league is not None:
                return league  # type: ignore[return-value]
        return None


def load_family_config(path: str | Path | None = None) -> FamilyConfig:
    """Load `config/families.yaml` (or `path`)."""
    path = Path(path) if path is not None else config_dir() / "families.yaml"
    model = load_yaml_model(path, FamiliesFile)
    try:
        return FamilyConfig.from_model(model)
    except ConfigError as exc:
        raise ConfigError(f"{path}: {exc}") from exc


@dataclass(frozen=True, slots=True)
class SlotName:
    """A name split into a family prefix, slot number and the rest."""

    prefix: str
    slot: int
    padded: bool  # the slot was written with leading zeros (`01`, `005`)
    separated: bool  # a `:`/`|`/dash followed the number
    rest: str


def split_slot_name(name: str) -> SlotName | None:
    """Split `US| ESPN+ 045 : Team A vs Team B` into ('ESPN+', 45, rest='Team A vs Team B')."""
    # Cheap reject: every family name has a digit (in its first 80 characters).
    if _DIGIT_RE.search(name, 0, 80) is None or _SLOT_HINT_RE.search(name) is None:
        return None
    m = _SLOT_RE.match(name)
    if m is None:
        return None
    prefix = m.group("prefix")
    cm = _COUNTRY_RE.match(prefix)
    if cm is not None and cm.end() < len(prefix):
        prefix = prefix[cm.end() :]
    prefix = prefix.strip(_TRAIL_SEP)
    if len(prefix) > 2 and prefix[0] == "[" and prefix[-1] == "]":
        prefix = prefix[1:-1].strip()  # `[NBA] 04 Celtics - Knicks`: a bracketed family tag
    if not prefix:
        return None
    num = m.group("num")
    if num is not None:
        sep = m.group("sep") or ""
        return SlotName(prefix, int(num), num[0] == "0" and len(num) > 1, bool(sep.strip()),
                        m.group("rest").strip(_REST_STRIP))
    num0 = m.group("num0")
    return SlotName(prefix, int(num0), True, False, m.group("rest").strip(_REST_STRIP))


def is_placeholder_text(rest: str, cfg: FamilyConfig) -> bool:
    return not rest or cfg.placeholder_re.search(rest) is not None


def recognise_family(entry: PlaylistEntry | str, cfg: FamilyConfig) -> FamilyMatch | None:
    """The family an entry belongs to (configured or discovered), or None for any other channel."""
    name = entry if isinstance(entry, str) else entry.name
    sn = split_slot_name(name)
    if sn is None:
        return None
    return recognise_slot_name(sn, cfg)


def recognise_slot_name(sn: SlotName, cfg: FamilyConfig) -> FamilyMatch | None:
    """`recognise_family` for a name already split by `split_slot_name`."""
    fam = cfg.by_prefix.get(norm_key(sn.prefix))
    if fam is None:
        return None
    if fam.fixture_only and not _fixture_member(sn, cfg):
        return None
    hint = fam.league_hint
    if hint is None and sn.rest:
        # Multi-sport slots often name the league first: `EVENT 01 : Dutch Eredivisie: PSV vs ...`.
        head = sn.rest.split(":", 1)[0] if ":" in sn.rest[:40] else ""
        if head:
            hint = cfg.league_for(head)
    bare = not (sn.padded or sn.separated or sn.rest)
    return FamilyMatch(fam.name, sn.slot, is_placeholder_text(sn.rest, cfg), hint, sn.prefix, sn.rest,
                       fam.discovered, bare)


def _fixture_member(sn: SlotName, cfg: FamilyConfig) -> bool:
    """A member of a `fixture_only` family: an explicit slot, then a fixture or an empty-slot notice.

    A time alone is not enough (`X 5: News at 10:00`); a time between two names is a fixture.
    """
    if not (sn.separated or sn.padded):
        return False
    rest = sn.rest
    return (not rest or _FIXTURE_RE.search(rest) is not None or time_between(rest, _TIME_BETWEEN_RE)
            or cfg.placeholder_re.search(rest) is not None)


def reads_as_fixture(sn: SlotName, *, in_event_group: bool) -> bool:
    """Whether one slot name is evidence enough of an event family on its own.

    The number must be followed by an explicit separator (`Sky Sports+ 01: ...`, `X 02_ ...`; not
    `.`, as in `RTL 102.5`) or be zero-padded, and the text after it must read as a fixture (two
    sides around vs / v / x / @ / at) with a clock time, or, in a group that already holds other
    event families' slots, as a fixture or a time between names (`Celtic 17:45 Braga`). Linear
    channels with numbers (`Sky Sports 1 HD`, `beIN Sports 2`, `HTV 2 - Houston Television`,
    `Redbox 1: Spotlight`) have neither.
    """
    if not (sn.padded or sn.separated) or not sn.rest or _DECIMAL_TAIL_RE.match(sn.rest):
        return False
    fixture = _FIXTURE_RE.search(sn.rest) is not None
    if fixture and _TIME_RE.search(sn.rest) is not None:
        return True
    return in_event_group and (fixture or time_between(sn.rest, _TIME_BETWEEN_RE))


def discover_families(
    entries: Sequence[PlaylistEntry],
    cfg: FamilyConfig,
    *,
    min_members: int = 3,
    min_evidence: int = 2,
    max_examples: int = 5,
) -> list[DiscoveredFamily]:
    """Find families that the configuration does not know, from the playlist's own naming.

    A candidate is a prefix written before running slot numbers. It becomes a family when it has
    at least `min_members` distinct slots and looks like event slots rather than a linear network
    (`Sky Sports 1`, `Eurosport 2`): zero-padded numbers, or at least `min_evidence` members whose
    text after the slot reads like an event (teams, a time) or an empty-slot notice. A prefix with
    fewer slots is a (`fixture_only`) family when one member reads as a fixture on its own.
    Pass live (non-VOD) entries: VOD names such as `Show 2: Episode` would only add noise.
    """
    return discover_families_split(
        ((e, split_slot_name(e.name)) for e in entries),
        cfg,
        min_members=min_members,
        min_evidence=min_evidence,
        max_examples=max_examples,
    )


def discover_families_split(
    split: Iterable[tuple[PlaylistEntry, SlotName | None]],
    cfg: FamilyConfig,
    *,
    min_members: int = 3,
    min_evidence: int = 2,
    max_examples: int = 5,
) -> list[DiscoveredFamily]:
    """`discover_families` over (entry, `split_slot_name(entry.name)`) pairs computed by the caller.

    A prefix with too few slots (or too little evidence) for the running-slots rule is still a
    family when one of its members on its own reads as a fixture (`reads_as_fixture`): a
    provider's `Sky Sports+ 01: Arsenal vs Chelsea 3:00 PM ET` may be its only slot that day. Such a
    family is `fixture_only`: only members that read as a fixture, a time or an empty slot after an
    explicit slot separator join it, so a linear `X 2 HD` under the same prefix never does.
    """
    members: dict[str, list[tuple[PlaylistEntry, SlotName]]] = defaultdict(list)
    shown: dict[str, Counter[str]] = defaultdict(Counter)
    # Groups holding written-out slots of known families: event groups, where a lone slot with a
    # fixture is trusted more than in a group of linear channels.
    event_groups: set[str] = set()
    for e, sn in split:
        if sn is None:
            continue
        key = norm_key(sn.prefix)
        if key in cfg.by_prefix:
            if sn.separated or sn.padded:
                fam = cfg.by_prefix[key]
                if not fam.fixture_only or _fixture_member(sn, cfg):
                    event_groups.add(entry_group(e))
            continue
        if key in cfg.not_families or len(key) < 2:
            continue
        members[key].append((e, sn))
        shown[key][sn.prefix] += 1

    found: list[DiscoveredFamily] = []
    lone: list[str] = []  # candidates left for the single-fixture rule
    for key, items in members.items():
        slots = sorted({sn.slot for _, sn in items})
        if len(slots) < min_members:
            lone.append(key)
            continue
        padded = sum(1 for _, sn in items if sn.padded)
        evidence = sum(
            1
            for _, sn in items
            if (sn.separated or sn.padded) and (
                not sn.rest or _EVENTISH_RE.search(sn.rest) or cfg.placeholder_re.search(sn.rest)
            )
        )
        with_text = sum(1 for _, sn in items if sn.rest)
        # Linear networks numbered 1..N with plain decorations (`Sky Sports 2 - HD`) have text on
        # every member but nothing event-like; padded slots with no text at all are empty slots.
        if (padded * 2 < len(items) and evidence < min_evidence) or (with_text and evidence == 0):
            lone.append(key)
            continue
        found.append(_discovered(key, items, shown, cfg, max_examples))
        event_groups.update(entry_group(e) for e, sn in items if sn.separated or sn.padded)

    for key in lone:
        items = members[key]
        fixtures = [(e, sn) for e, sn in items if reads_as_fixture(sn, in_event_group=entry_group(e) in event_groups)]
        if fixtures:
            # The evidence first among the examples, then the other members that would join.
            seen = {id(e) for e, _ in fixtures}
            rest = [(e, sn) for e, sn in items if id(e) not in seen and _fixture_member(sn, cfg)]
            found.append(_discovered(key, fixtures + rest, shown, cfg, max_examples, fixture_only=True))
    found.sort(key=lambda d: (-d.count, d.name))
    return found


def _discovered(
    key: str,
    items: list[tuple[PlaylistEntry, SlotName]],
    shown: dict[str, Counter[str]],
    cfg: FamilyConfig,
    max_examples: int,
    *,
    fixture_only: bool = False,
) -> DiscoveredFamily:
    name = shown[key].most_common(1)[0][0]
    groups = Counter(entry_group(e) for e, _ in items)
    group = groups.most_common(1)[0][0]
    pattern = (
        r"^\s*(?:\(?[A-Z]{2,3}\)?\s*[|:-]\s*)?"
        + r"\s+".join(re.escape(w) for w in name.split())
        + r"(?:\s*[|:#-]\s*|\s+)(\d{1,3})(?!\d)"
    )
    return DiscoveredFamily(
        name=name,
        group=group,
        pattern=pattern,
        count=len(items),
        slots=tuple(sorted({sn.slot for _, sn in items})),
        examples=tuple(e.name for e, _ in items[:max_examples]),
        league_hint=cfg.league_for(name, group),
        groups=tuple(g for g, _ in groups.most_common()),
        fixture_only=fixture_only,
    )
