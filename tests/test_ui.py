"""The real Dagster UI on the embedded default, driven by headless Chromium.

Starts `dagster-webserver` and `dagster-daemon` (the daemon dequeues runs: the embedded instance
queues them) on a free local port with DAGSTER_HOME and EPGOAT_HOME in temporary folders, opens the
guide job's asset graph, launches partition 2025-11-22|prov-demo from the Materialize dialog and
waits, through the webserver's GraphQL endpoint, for the run to succeed. A screenshot of the
finished run is kept in `test-artifacts/`. In CI (CI=true) a missing Chromium fails the test.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import dagster as dg
import pytest

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PARTITION = "2025-11-22|prov-demo"
RUN_TIMEOUT_S = 240


def _require_browser() -> None:
    problem = None
    if not Path(CHROMIUM).is_file():
        problem = f"{CHROMIUM} is missing (apt-get install chromium)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError as exc:
            problem = f"playwright is not installed: {exc}"
    if problem:
        if os.environ.get("CI"):
            pytest.fail(f"the UI test needs a browser in CI: {problem}")
        pytest.skip(problem)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Dagster:
    url: str
    dagster_home: Path
    logs: Path

    def graphql(self, query: str, variables: dict | None = None) -> dict:
        body = json.dumps({"query": query, "variables": variables or {}}).encode()
        req = urllib.request.Request(f"{self.url}/graphql", data=body, headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=30) as resp:
            payload = json.load(resp)
        if payload.get("errors"):
            raise AssertionError(f"GraphQL errors: {payload['errors']}")
        return payload["data"]

    def log_tail(self) -> str:
        parts = []
        for f in sorted(self.logs.glob("*.log")):
            parts.append(f"--- {f.name} ---\n" + f.read_text(errors="replace")[-3000:])
        return "\n".join(parts)


def _prepare_instance(dagster_home: Path) -> None:
    """Register the playlist and store the events the guide reads, before the servers start."""
    from epgoat_assets.defs.events import sports_events
    from epgoat_assets.defs.partitions import add_playlist_keys
    from epgoat_resources.env import build_resources

    instance = dg.DagsterInstance.from_config(str(dagster_home))
    try:
        add_playlist_keys(instance, ["prov-demo"])
        resources = build_resources()
        for day in ("2025-11-21", "2025-11-22", "2025-11-23"):
            res = dg.materialize([sports_events], instance=instance, resources=resources, partition_key=day,
                                 run_config={"loggers": {"console": {"config": {"log_level": "WARNING"}}}})
            assert res.success, f"sports_events {day} failed before the UI test started"
    finally:
        instance.dispose()


def _stop(proc: subprocess.Popen) -> None:
    # Each server was started in its own session: end the whole group (its gRPC code server and
    # any run subprocess), politely first.
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)


@pytest.fixture(scope="module")
def dagster_ui(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Dagster]:
    _require_browser()
    dagster_home = tmp_path_factory.mktemp("dagster_home")
    epgoat_home = tmp_path_factory.mktemp("epgoat_home")
    logs = tmp_path_factory.mktemp("logs")
    shutil.copyfile(REPO / "config" / "dagster.local.yaml", dagster_home / "dagster.yaml")
    env = {k: v for k, v in os.environ.items()
           if k not in ("EPGOAT_DATABASE_URL", "ANTHROPIC_API_KEY", "EPGOAT_CONFIG_DIR", "DAGSTER_IS_DEV_CLI")}
    env.update(DAGSTER_HOME=str(dagster_home), EPGOAT_HOME=str(epgoat_home), EPGOAT_ENV="embedded",
               DO_NOT_TRACK="1", PYTHONPATH=os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH", "")) if p))

    saved = {k: os.environ.get(k) for k in ("EPGOAT_HOME", "EPGOAT_ENV", "EPGOAT_DATABASE_URL", "ANTHROPIC_API_KEY")}
    os.environ.update(EPGOAT_HOME=str(epgoat_home), EPGOAT_ENV="embedded")
    os.environ.pop("EPGOAT_DATABASE_URL", None)
    os.environ.pop("ANTHROPIC_API_KEY", None)
    try:
        _prepare_instance(dagster_home)
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v

    port = _free_port()
    bindir = Path(sys.executable).parent
    procs: list[subprocess.Popen] = []
    try:
        for name, cmd in (
            ("webserver", [str(bindir / "dagster-webserver"), "-w", "workspace.yaml", "-h", "127.0.0.1", "-p", str(port)]),
            ("daemon", [str(bindir / "dagster-daemon"), "run", "-w", "workspace.yaml"]),
        ):
            out = (logs / f"{name}.log").open("wb")
            procs.append(subprocess.Popen(cmd, cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT,
                                          start_new_session=True))
        ui = Dagster(f"http://127.0.0.1:{port}", dagster_home, logs)
        deadline = time.monotonic() + 120
        while True:
            if procs[0].poll() is not None:
                pytest.fail(f"dagster-webserver exited with {procs[0].returncode}:\n{ui.log_tail()}")
            try:
                with urllib.request.urlopen(f"{ui.url}/server_info", timeout=5) as resp:
                    if resp.status == 200:
                        break
            except (urllib.error.URLError, OSError):
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"dagster-webserver did not answer /server_info within 120 s:\n{ui.log_tail()}")
            time.sleep(1)
        yield ui
    finally:
        for proc in procs:
            _stop(proc)


RUNS_QUERY = """
query Runs($filter: RunsFilter) {
  runsOrError(filter: $filter) {
    __typename
    ... on Runs { results { runId status jobName tags { key value } } }
    ... on PythonError { message }
  }
}
"""


def _runs(ui: Dagster, job: str) -> list[dict]:
    data = ui.graphql(RUNS_QUERY, {"filter": {"pipelineName": job}})["runsOrError"]
    assert data["__typename"] == "Runs", data
    return data["results"]


def _partition_of(run: dict) -> str | None:
    return next((t["value"] for t in run["tags"] if t["key"] == "dagster/partition"), None)


def test_webserver_serves_the_epgoat_code_location(dagster_ui: Dagster) -> None:
    data = dagster_ui.graphql("""{ workspaceOrError { ... on Workspace { locationEntries {
        name loadStatus locationOrLoadError { __typename ... on PythonError { message } } } } } }""")
    [entry] = data["workspaceOrError"]["locationEntries"]
    assert entry["name"] == "epgoat" and entry["locationOrLoadError"]["__typename"] == "RepositoryLocation", entry


def test_materialise_a_partition_from_the_ui_and_see_it_succeed(dagster_ui: Dagster) -> None:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    before = {r["runId"] for r in _runs(dagster_ui, "guide_job")}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.set_default_timeout(60_000)
        try:
            # The global asset graph: epgoat's groups and their lineage.
            page.goto(f"{dagster_ui.url}/asset-groups", timeout=90_000)
            skip = page.get_by_role("button", name="Skip")  # the first visit's community dialog
            with contextlib.suppress(PlaywrightTimeout):
                skip.wait_for(timeout=15_000)
                skip.click()
            graph = page.locator("main, body").first
            for group in ("events", "playlists", "matching", "publish"):
                graph.get_by_text(group, exact=True).last.wait_for()
            page.screenshot(path=str(ARTIFACTS / "ui-asset-graph.png"))

            # The guide job (its six assets) and its Materialize dialog.
            page.goto(f"{dagster_ui.url}/locations/epgoat/jobs/guide_job")
            materialize = page.get_by_role("button", name="Materialize all…")
            materialize.wait_for()
            if skip.is_visible():
                skip.click()
            materialize.click()
            dialog = page.locator(".dagster-dialog").filter(has_text="Launch runs to materialize")
            date_input = dialog.get_by_placeholder("ex: 2025-01-01", exact=False)
            date_input.fill("2025-11-22")
            date_input.press("Enter")
            dialog.get_by_text("Select a partition or create one").click()
            page.get_by_role("menuitem").filter(has_text="prov-demo").first.click()
            dialog.get_by_text("Launch runs to materialize").click()  # closes the playlist menu
            launch = dialog.get_by_role("button", name="Launch 1 run")
            assert launch.is_enabled(), f"launch button disabled; dialog says:\n{dialog.inner_text()}"
            page.screenshot(path=str(ARTIFACTS / "ui-launch-dialog.png"))
            launch.click()

            run = None
            deadline = time.monotonic() + RUN_TIMEOUT_S
            while time.monotonic() < deadline:
                new = [r for r in _runs(dagster_ui, "guide_job") if r["runId"] not in before]
                if new:
                    run = new[0]
                    if run["status"] in ("SUCCESS", "FAILURE", "CANCELED"):
                        break
                time.sleep(3)
            assert run is not None, f"no guide_job run appeared after Launch:\n{dagster_ui.log_tail()}"
            assert _partition_of(run) == PARTITION
            assert run["status"] == "SUCCESS", (
                f"run {run['runId']} ended {run['status']} (open {dagster_ui.url}/runs/{run['runId']}):\n"
                f"{dagster_ui.log_tail()}")

            page.goto(f"{dagster_ui.url}/runs/{run['runId']}")
            page.get_by_text("Success", exact=False).first.wait_for()
            page.wait_for_timeout(1500)
            page.screenshot(path=str(ARTIFACTS / "ui-run-success.png"), full_page=True)
        except Exception:
            page.screenshot(path=str(ARTIFACTS / "ui-failure.png"), full_page=True)
            raise
        finally:
            browser.close()

    # What operators read afterwards: the run's materialisation carries the float match rate.
    data = dagster_ui.graphql("""{ assetOrError(assetKey: {path: ["channel_event_matches"]}) {
        ... on Asset { assetMaterializations(limit: 5) { partition runId metadataEntries {
            label __typename ... on FloatMetadataEntry { floatValue } } } } } }""")
    [mat] = [m for m in data["assetOrError"]["assetMaterializations"] if m["runId"] == run["runId"]]
    assert mat["partition"] == PARTITION
    rate = next(e for e in mat["metadataEntries"] if e["label"] == "match_rate")
    assert rate["__typename"] == "FloatMetadataEntry" and 0.5 < rate["floatValue"] <= 1.0
