"""Write docs/reliability.md from an actual run of the reliability and security tests.

    .venv/bin/python tests/reliability_report.py            # runs the tests, writes docs/reliability.md
    .venv/bin/python tests/reliability_report.py --check    # exit 1 if any row did not pass as expected

Every row comes from one test: what it tried and what must happen are the test's own `fault(...)`
statement (tests/reliability_plugin.py); the Result column is what pytest reported for it in this
run. Fault tests that live with their component (TheSportsDB/ESPN client, Claude resolver) are run in
the same pytest session and listed with the statement written below next to their node id.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
OUT = ROOT / "docs" / "reliability.md"
OWN = ["test_reliability_bad_input.py", "test_reliability_partitions.py", "test_reliability_services.py",
       "test_properties.py", "test_security_netguard.py", "test_security_static.py", "test_security_secrets.py",
       "test_security_audit.py"]

# Component tests that already inject these faults; listed, run and reported, not duplicated.
SD = "tests/test_sports_data.py::"
LLM = "tests/test_llm.py::"
REFERENCED: dict[str, tuple[str, str]] = {
    SD + "test_429_waits_for_retry_after_then_succeeds": (
        "TheSportsDB: 429 with Retry-After, then 200", "waits as told, then succeeds"),
    SD + "test_retry_after_longer_than_the_client_accepts_fails_at_once": (
        "TheSportsDB: 429 with a Retry-After longer than allowed", "fails at once with one line, no long sleep"),
    SD + "test_500_then_success_is_retried": ("TheSportsDB: 500, then 200", "retried, succeeds"),
    SD + "test_persistent_503_fails_the_day_with_one_line_after_all_attempts": (
        "TheSportsDB: 503 on every attempt", "one-line SportsDataError after all attempts"),
    SD + "test_a_slow_answer_times_out_and_is_retried": ("TheSportsDB: an answer slower than the timeout", "retried"),
    SD + "test_a_server_that_never_answers_in_time_fails_cleanly": (
        "TheSportsDB: never answers in time", "one-line error after the attempts"),
    SD + "test_connection_reset_is_retried": ("TheSportsDB: connection reset once", "retried, succeeds"),
    SD + "test_connection_reset_every_time_fails_cleanly": ("TheSportsDB: connection reset every time", "one-line error"),
    SD + "test_body_cut_short_by_a_dropped_connection_is_retried": (
        "TheSportsDB: body cut short (Content-Length not reached)", "retried, succeeds"),
    SD + "test_payload_of_the_wrong_shape_is_a_clear_error": ("TheSportsDB: JSON of the wrong shape", "one-line error"),
    SD + "test_bad_records_from_the_api_are_skipped_and_counted": (
        "TheSportsDB: bad records inside a good payload", "skipped and counted per reason"),
    SD + "test_error_answers_are_not_cached": ("TheSportsDB: an error answer", "never cached"),
    SD + "test_live_day_fails_cleanly_when_a_source_fails": (
        "ESPN failing while TheSportsDB works (live day)", "the day fails with one line; nothing half-merged stored"),
    SD + "test_api_key_is_in_the_url_path_but_never_in_logs_or_errors": (
        "TheSportsDB key in the URL path", "never in logs or errors"),
    LLM + "test_a_429_with_retry_after_is_retried_by_the_sdk_and_then_succeeds": (
        "Claude: 429 with retry-after, then an answer", "retried by the SDK, succeeds"),
    LLM + "test_a_429_beyond_the_retries_gives_none_and_counts_rate_limit": (
        "Claude: 429 beyond the retries", "no match from the LLM (chain continues), counted as rate_limit"),
    LLM + "test_a_529_overload_gives_none_and_counts_overloaded": (
        "Claude: 529 overloaded", "no match from the LLM, counted as overloaded"),
    LLM + "test_a_500_gives_none_and_counts_server_error": ("Claude: 500", "no match from the LLM, counted"),
    LLM + "test_a_timeout_gives_none_and_counts_timeout": ("Claude: stalls past the timeout", "no match, counted"),
    LLM + "test_an_unreachable_api_gives_none_and_counts_connection": ("Claude: API unreachable", "no match, counted"),
    LLM + "test_a_rejected_key_disables_the_resolver_for_the_rest_of_the_run": (
        "Claude: key rejected (401)", "resolver disabled for the run, no retries storm"),
    LLM + "test_a_failed_channel_does_not_stop_the_next_one": (
        "Claude: one channel's call fails", "the next channel is still resolved"),
    LLM + "test_an_invented_event_id_is_rejected": ("Claude: answers an event id that does not exist", "rejected"),
    LLM + "test_an_event_of_the_day_outside_the_channels_candidates_is_rejected": (
        "Claude: off-topic answer (an event not among the candidates)", "rejected"),
    LLM + "test_a_candidate_whose_teams_do_not_resemble_the_name_is_rejected": (
        "Claude: answer whose teams do not resemble the channel name", "rejected"),
    LLM + "test_an_answer_below_the_confidence_threshold_is_ignored": ("Claude: low-confidence answer", "ignored"),
    LLM + "test_an_exception_of_any_kind_never_escapes_resolve": (
        "Claude: any exception inside the client", "never escapes resolve(); the run goes on"),
    LLM + "test_the_api_key_never_appears_in_logs_or_repr": ("Claude API key", "never in logs or repr"),
}
MALFORMED = LLM + "test_a_malformed_answer_gives_none_and_is_counted"  # parametrised: matched by prefix


def run_pytest(junit: Path) -> int:
    own = [str(TESTS / name) for name in OWN]
    ids = [str(ROOT / k) for k in REFERENCED] + [str(ROOT / MALFORMED)]
    cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", f"--junitxml={junit}",
           "-o", "junit_family=xunit1", *own, *ids]
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.call(cmd, cwd=ROOT, env=env)


def _result(case: ET.Element) -> tuple[str, str]:
    for tag in ("failure", "error"):
        node = case.find(tag)
        if node is not None:
            return "FAILED", (node.get("message") or "").splitlines()[0][:160] if node.get("message") else tag
    skipped = case.find("skipped")
    if skipped is not None:
        message = skipped.get("message") or ""
        if skipped.get("type") == "pytest.xfail":
            return "known bug (xfail)", message.removeprefix("reason: ")
        return "skipped", message
    return "pass", ""


def rows_from(junit: Path) -> list[dict[str, str]]:
    rows = []
    for case in ET.parse(junit).getroot().iter("testcase"):
        module = case.get("classname", "").replace(".", "/")
        nodeid = f"{module}.py::{case.get('name')}"
        result, note = _result(case)
        stated = None
        for prop in case.iter("property"):
            if prop.get("name") == "reliability":
                stated = json.loads(prop.get("value") or "{}")
                break
        if stated is None:
            base = nodeid.split("[", 1)[0]
            if base in REFERENCED:
                tried, expected = REFERENCED[base]
            elif base == MALFORMED:
                tried, expected = f"Claude: malformed answer {nodeid[len(base):]}", "no match from the LLM, counted"
            else:
                continue  # a helper test with nothing to report (e.g. the scanner's self-test)
            area = "failing service"
            stated = {"area": area, "tried": tried, "expected": expected, "lost": "nothing"}
            nodeid = nodeid + " (component test)"
        rows.append({**stated, "result": result, "note": note, "test": nodeid})
    return rows


def cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def render(rows: list[dict[str, str]], exit_code: int) -> str:
    counts = Counter(r["result"] for r in rows)
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        "# Reliability and security: what was tried, what happened, what was lost",
        "",
        f"Generated by `tests/reliability_report.py` from a test run on {now} (pytest exit code {exit_code}). "
        "Do not edit by hand: re-run the script. Each row is one test; *What must happen* is the test's own "
        "statement and *Result* is what pytest reported for it in that run, so a row only says \"pass\" when the "
        "behaviour was checked.",
        "",
        "Summary: " + ", ".join(f"{n} {k}" for k, n in sorted(counts.items())) + ".",
        "",
        "How faults are injected: bad inputs come from `tests/corpus/` (described in its README) or are generated "
        "at test time (the 50 MB line, the 1,000,000-entry playlist); services are the real local servers "
        "(moto S3 in server mode behind `tests/support/fault_proxy.py`, PostgreSQL at 127.0.0.1 with backends "
        "terminated by `pg_terminate_backend`, the fake TheSportsDB and Anthropic servers); BYO URLs go through "
        "`tests/support/public_web.py` (a fake DNS zone plus a forward proxy on 127.0.0.1, so the URL guard runs "
        "unmodified).",
        "",
    ]
    for area in ("bad input", "failing service", "security"):
        chosen = [r for r in rows if r["area"] == area]
        if not chosen:
            continue
        lines += [f"## {area.capitalize()}", "", "| Fault or input tried | What must happen (checked) | Lost | Result | Test |",
                  "|---|---|---|---|---|"]
        for r in chosen:
            result = r["result"] + (f": {r['note']}" if r["note"] else "")
            lines.append(f"| {cell(r['tried'])} | {cell(r['expected'])} | {cell(r['lost'])} | {cell(result)} | "
                         f"`{cell(r['test'])}` |")
        lines.append("")
    bugs = [r for r in rows if r["result"] == "known bug (xfail)"]
    if bugs:
        lines += ["## Known bugs (tests marked xfail strict: they fail today and will flag the fix)", ""]
        lines += [f"- {cell(r['note'])} (`{r['test']}`)" for r in bugs]
        lines.append("")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if any row failed")
    parser.add_argument("--junit", help="use an existing junit xml instead of running the tests")
    args = parser.parse_args()
    if args.junit:
        junit, code = Path(args.junit), 0
    else:
        junit = Path(tempfile.mkdtemp(prefix="epgoat-reliability-")) / "junit.xml"
        code = run_pytest(junit)
    rows = rows_from(junit)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    tmp = OUT.with_suffix(".md.tmp")
    tmp.write_text(render(rows, code), encoding="utf-8")
    tmp.replace(OUT)
    failed = sum(1 for r in rows if r["result"] == "FAILED")
    print(f"{OUT}: {len(rows)} rows, {failed} failed")
    return 1 if (args.check and failed) else 0


if __name__ == "__main__":
    sys.exit(main())
