"""A pytest plugin for the reliability and security tests: each test states the fault it tries.

A test asks for the `fault` fixture and calls it once with what it tries and what must happen:

    def test_empty_playlist(fault):
        fault("playlist: empty file", "one-line M3UFormatError; exit 2")

The statement is recorded as a junit-xml property (`reliability`), so `tests/reliability_report.py`
can run the tests with `--junitxml` and build `docs/reliability.md` from what actually ran: a row
whose test failed says FAILED, an expected failure (a known bug) says so, nothing is claimed
without a test behind it. Modules load it with `pytest_plugins = ["reliability_plugin"]`.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

PROPERTY = "reliability"
AREAS = ("bad input", "failing service", "security")


@pytest.fixture
def fault(record_property: Callable[[str, object], None], request: pytest.FixtureRequest) -> Callable[..., None]:
    """Record `(area, tried, expected, lost)` for the report; call it once per test."""

    def record(tried: str, expected: str, *, lost: str = "nothing", area: str | None = None) -> None:
        # Property tests call this once per generated example: the first call is the one recorded.
        if getattr(request.node, "_reliability_recorded", False):
            return
        request.node._reliability_recorded = True
        module = request.node.module.__name__
        if area is None:
            area = "security" if "security" in module else ("failing service" if "services" in module else "bad input")
        if area not in AREAS:
            raise ValueError(f"area must be one of {AREAS}, not {area!r}")
        record_property(PROPERTY, json.dumps({"area": area, "tried": tried, "expected": expected, "lost": lost}))

    return record
