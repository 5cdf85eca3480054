"""From parsed playlist entries to `ChannelInfo`: VOD filtering, then event-family recognition."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import compress
from operator import attrgetter, not_

from epgoat_assets.lib.models import ChannelInfo, PlaylistEntry, entry_group
from epgoat_assets.lib.playlists.families import (
    DiscoveredFamily,
    FamilyConfig,
    FamilyMatch,
    discover_families_split,
    recognise_slot_name,
    split_slot_name,
)
from epgoat_assets.lib.playlists.league_labels import labelled_fixture
from epgoat_assets.lib.playlists.recognise import content_event
from epgoat_assets.lib.playlists.vod_filter import VodRules
from epgoat_assets.lib.records import gc_paused, record_builder
from epgoat_assets.lib.sports.leagues import LeagueCatalog

_make_channel = record_builder(ChannelInfo)
_get_name = attrgetter("name")


@dataclass(slots=True)
class ClassifyResult:
    channels: list[ChannelInfo]  # one per entry, in playlist order (diverted entries aside)
    counts_by_rule: dict[str, int]  # VOD rule name -> entries it filtered (diverted ones included)
    kept: int  # entries not filtered
    event_channels: int  # kept entries in an event family (placeholders included)
    placeholders: int  # of those, empty slots
    families: dict[str, int]  # family -> kept members
    discovered: list[DiscoveredFamily] = field(default_factory=list)
    rescued: int = 0  # entries a soft VOD rule matched but kept as event-family members
    diverted: int = 0  # entries a hard VOD rule settled while the playlist was read: no channel

    @property
    def entries(self) -> int:
        return len(self.channels) + self.diverted

    @property
    def filtered(self) -> int:
        return self.entries - self.kept

    def as_metadata(self) -> dict[str, object]:
        return {
            "entries": self.entries,
            "kept": self.kept,
            "filtered": self.filtered,
            "filtered_share": round(self.filtered / self.entries, 4) if self.entries else 0.0,
            "event_channels": self.event_channels,
            "placeholders": self.placeholders,
            "counts_by_rule": dict(sorted(self.counts_by_rule.items(), key=lambda kv: -kv[1])),
            "families": dict(sorted(self.families.items(), key=lambda kv: -kv[1])),
            "discovered_families": [d.name for d in self.discovered],
            "rescued_by_family": self.rescued,
        }


def classify_channels(
    entries: Sequence[PlaylistEntry],
    *,
    vod_rules: VodRules,
    families: FamilyConfig,
    discovered: Sequence[DiscoveredFamily] | None = None,
    provider: str | None = None,
    discover: bool = True,
    min_members: int = 3,
    diverted: Mapping[str, int] | None = None,
) -> ClassifyResult:
    """Filter VOD and recognise event-channel families.

    Hard VOD rules (URL path, file extension, replays) drop an entry outright. An entry matched only
    by a soft rule (a year in parentheses, SxxEyy, a VOD-ish group) is kept when its name is an
    event-family slot, so a name pattern can never remove an event channel.

    `discovered`: families already known for this provider (e.g. reviewed rows of
    `provider_patterns`); they are recognised in addition to the configured ones. With `discover`
    (default), families found in this playlist are added too and returned in `.discovered`.

    `diverted`: rule -> entries that rule settled while the playlist was read (`m3u.Divert`);
    they have no channel here and are counted as filtered.
    """
    with gc_paused():
        result = _classify(entries, vod_rules, families, discovered, provider, discover, min_members)
    if diverted:
        counts = Counter(result.counts_by_rule)
        counts.update(diverted)
        result.counts_by_rule = dict(counts)
        result.diverted = sum(diverted.values())
    return result


def _classify(
    entries: Sequence[PlaylistEntry],
    vod_rules: VodRules,
    families: FamilyConfig,
    discovered: Sequence[DiscoveredFamily] | None,
    provider: str | None,
    discover: bool,
    min_members: int,
) -> ClassifyResult:
    rules = vod_rules.classify_all(entries, provider)
    hard = {r.name for r in vod_rules.rules if vod_rules.is_hard(r.name)}
    # Entries a hard rule dropped (nearly all VOD) are never looked at again; the rest (live, and
    # soft-filtered ones that may be rescued as family members) are split into slot names once.
    looked = list(compress(range(len(entries)), map(not_, map(hard.__contains__, rules))))
    looked_entries = list(map(entries.__getitem__, looked))
    splits = list(map(split_slot_name, map(_get_name, looked_entries)))

    cfg = families
    if discovered:
        cfg = cfg.with_discovered(discovered)
    found: list[DiscoveredFamily] = []
    if discover:
        live = ((e, sn) for i, e, sn in zip(looked, looked_entries, splits, strict=True) if rules[i] is None)
        found = discover_families_split(live, cfg, min_members=min_members)
        if found:
            cfg = cfg.with_discovered(found)

    # Recognise first, so bare `NBA 14` slots can be judged against the family's other members.
    matches: dict[int, FamilyMatch] = {}
    slot_families: set[str] = set()
    for i, sn in zip(looked, splits, strict=True):
        if sn is None:
            continue
        fm = recognise_slot_name(sn, cfg)
        if fm is not None:
            matches[i] = fm
            if not fm.bare:
                slot_families.add(fm.family)

    make = _make_channel
    # Every entry first as "kept, no family" or "filtered"; then the few family members replaced.
    channels: list[ChannelInfo] = list(map(make, entries, rules))
    counts: Counter[str] = Counter(rules)
    del counts[None]
    rescued = events = placeholders = 0
    fam_counts: Counter[str] = Counter()
    for i, fm in matches.items():
        if fm.bare and fm.family not in slot_families:
            continue
        rule = rules[i]
        if rule is not None:
            rescued += 1
            counts[rule] -= 1
            if not counts[rule]:
                del counts[rule]
        events += 1
        placeholders += fm.placeholder
        fam_counts[fm.family] += 1
        channels[i] = make(entries[i], None, fm.family, fm.slot, fm.placeholder, fm.league_hint)
    # One-off event streams with a league label and no slot number ("EPL: Man Utd v Newcastle 20:00").
    catalog = LeagueCatalog.from_config()
    labelled: set[int] = set()
    for i in looked:
        if i in matches or rules[i] is not None:
            continue
        lf = labelled_fixture(entries[i].name, catalog)
        if lf is None:
            continue
        events += 1
        fam_counts[lf.label] += 1
        channels[i] = make(entries[i], None, lf.label, None, False, lf.league)
        labelled.add(i)
    # Event channels whose family sits elsewhere or nowhere: recognised by the fixture they name.
    for i in looked:
        if i in matches or i in labelled or rules[i] is not None:
            continue
        entry = entries[i]
        ce = content_event(entry.name, entry_group(entry), catalog)
        if ce is None:
            # A linear channel's name shown for the game its tvg-name states: read the game there.
            tvg_name = entry.attrs.get("tvg-name")
            if not tvg_name or tvg_name == entry.name:
                continue
            lf = labelled_fixture(tvg_name, catalog)
            ce = content_event(tvg_name, entry_group(entry), catalog) if lf is None else None
            if lf is not None:
                events += 1
                fam_counts[lf.label] += 1
                channels[i] = make(entry, None, lf.label, None, False, lf.league, "content", tvg_name)
            elif ce is not None and not ce.weak:
                events += 1
                fam_counts[ce.label] += 1
                channels[i] = make(entry, None, ce.label, ce.slot, False, ce.league, "content", tvg_name)
            continue
        if ce.weak:  # a candidate for the matcher, not yet an event channel
            channels[i] = make(entries[i], None, None, None, False, ce.league, "fixture")
            continue
        events += 1
        fam_counts[ce.label] += 1
        channels[i] = make(entries[i], None, ce.label, ce.slot, False, ce.league, "content")
    kept = len(entries) - sum(counts.values())

    return ClassifyResult(
        channels=channels,
        counts_by_rule=dict(counts),
        kept=kept,
        event_channels=events,
        placeholders=placeholders,
        families=dict(fam_counts),
        discovered=found,
        rescued=rescued,
    )
