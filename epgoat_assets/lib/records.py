"""Many small immutable records built fast: a playlist is hundreds of thousands of them."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any


def record_builder(cls: type) -> Callable[..., Any]:
    """A fast constructor for a frozen slots dataclass such as PlaylistEntry or ChannelInfo.

    The frozen `__init__` sets each field through `object.__setattr__` (~0.9 us per PlaylistEntry).
    The builder is a plain slots class with the same slots in the same order, whose `__init__`
    stores the fields directly and then switches the instance's class to `cls` (CPython allows
    `__class__` assignment between classes of identical layout): the result is an ordinary `cls`
    instance, equal to one built by `cls(...)`, for about a third of the cost. Every field must be
    passed (defaults are honoured, default factories are not). Falls back to `cls` itself if the
    record's layout ever stops allowing this.
    """
    from dataclasses import MISSING, fields

    names = tuple(f.name for f in fields(cls))
    if getattr(cls, "__slots__", None) != names:
        return cls
    # Only the trailing run of plain defaults becomes optional (a default factory ends it).
    params = list(names)
    ns: dict[str, Any] = {"_cls": cls}
    for i in range(len(names) - 1, -1, -1):
        f = fields(cls)[i]
        if f.default is MISSING:
            break
        params[i] = f"{f.name}=_d_{f.name}"
        ns[f"_d_{f.name}"] = f.default
    body = "".join(f"    self.{n} = {n}\n" for n in names)
    exec(f"def __init__(self, {', '.join(params)}):\n{body}    self.__class__ = _cls\n", ns)  # noqa: S102
    builder = type(f"_{cls.__name__}Builder", (), {"__slots__": names, "__init__": ns["__init__"]})
    try:
        probe = builder(*range(len(names)))
    except TypeError:
        return cls
    if type(probe) is not cls or probe != cls(*range(len(names))):
        return cls
    return builder


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many acyclic records.

    Entries hold no reference cycles, but every 700 allocations the collector would walk the
    young objects, and as the list grows, older generations too: about a third of the parse time
    at 350K entries. Reference counting still frees everything as usual.

    On the way out the records are moved straight to the oldest generation (`gc.freeze()` then
    `gc.unfreeze()`, two list splices) instead of being walked once by a young-generation pass
    and again by the middle one (~0.1 s per 350K records, and nothing to find: they are new and
    acyclic). They remain collectable by the next full collection. Skipped when something else
    keeps objects frozen, since unfreezing would release those too.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if gc.get_freeze_count() == 0:
                gc.freeze()
                gc.unfreeze()
            gc.enable()
