"""Benchmark: a sample of queued guide runs drained by a live `dagster-daemon`, on the embedded store.

Generated 33K-entry playlists (as in `bench_dagster_day.py`, 92% VOD) go into a throwaway config,
warehouse and Dagster instance whose `dagster.yaml` is the embedded one (`config/dagster.local.yaml`:
SQLite, the `warehouse` pool at 1) with the QueuedRunCoordinator and `max_concurrent_runs` set here.
The events the guides read are stored first, in process. Then a real `dagster-daemon run` starts on
the project's `workspace.yaml`, every `guide_job` run of the sample (date x playlist) is submitted at
once, as a schedule tick or a backfill would queue them, and the script waits for all to finish.
From the runs' event logs:

- drain: first submission to last run finished, and the throughput it gives;
- per run: the queue's wait (enqueued -> launched), launch (the run worker's process start and
  definitions load: launched -> started), execution (started -> finished) and the steps' own time
  (step start -> step success, summed); what is left of execution is the executor's own cost (events,
  waits for a `warehouse` pool slot; under a multiprocess executor also a process and a definitions
  load per step, which is why `guide_job` runs in process).

    .venv/bin/python bench/bench_daemon_queue.py [--providers 5] [--days 2] [--entries 33000]
        [--max-concurrent 2] [--run-buffer N] [--json] [--keep DIR]

The default sample is 10 runs (5 playlists x 2 dates), a few minutes on 2 cores; `--providers 10
--days 2` gives 20. The daemon's sensors run as configured (the analytics automation sensor may
queue a dbt run among the guides); other runs are counted, not waited for.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

FIRST_DAY = date(2025, 11, 22)
DAEMON_READY_S = 180.0
DRAIN_TIMEOUT_S = 3600.0


def instance_yaml(max_concurrent: int, run_buffer: int | None) -> str:
    """The embedded instance config with the queue made explicit and its limits set."""
    import yaml

    cfg = yaml.safe_load((ROOT / "config" / "dagster.local.yaml").read_text(encoding="utf-8"))
    cfg["run_coordinator"] = {"module": "dagster.core.run_coordinator", "class": "QueuedRunCoordinator"}
    cfg["concurrency"]["runs"]["max_concurrent_runs"] = max_concurrent
    if run_buffer is not None:
        cfg["concurrency"]["pools"]["op_granularity_run_buffer"] = run_buffer
    return yaml.safe_dump(cfg, sort_keys=False)


def partitions(providers: int, days: int) -> list[tuple[str, str]]:
    return [((FIRST_DAY + timedelta(days=d)).isoformat(), f"prov-bench{i:02d}")
            for d in range(days) for i in range(1, providers + 1)]


# --- measured in a child process (the throwaway environment) -----------------------------------

def seed(sample: list[tuple[str, str]]) -> dict[str, object]:
    """Events for every day the sample's guides read, and the playlists as partitions."""
    from epgoat_assets import runner
    from epgoat_assets.defs.partitions import add_playlist_keys

    t = time.perf_counter()
    inst = runner.instance()
    defs = runner._defs()
    dates = sorted({date.fromisoformat(d) for d, _ in sample})
    days = sorted({d + timedelta(days=o) for d in dates for o in (-1, 0, 1)})
    runner.materialize_events(inst, defs, runner.servable_days(defs, days))
    add_playlist_keys(inst, sorted({p for _, p in sample}))
    return {"seed_s": time.perf_counter() - t}


def _daemon_ready(inst: object, since: float) -> bool:
    beats = inst.get_daemon_heartbeats()  # type: ignore[attr-defined]
    beat = beats.get("QUEUED_RUN_COORDINATOR")
    return beat is not None and beat.timestamp >= since


def drain(sample: list[tuple[str, str]], log_path: str) -> dict[str, object]:
    """Start the daemon, submit the sample, wait until it has drained; per-run figures from the event log."""
    import dagster as dg
    from dagster._cli.job import _create_run
    from dagster._cli.workspace.cli_target import (
        WorkspaceOpts,
        get_code_location_from_workspace,
        get_remote_job_from_remote_repo,
        get_remote_repository_from_code_location,
        get_workspace_from_cli_opts,
    )

    from epgoat_assets import runner

    inst = runner.instance()
    started = time.time()
    with open(log_path, "wb") as log:
        # A session of its own, so the daemon and the code server it starts stop together below.
        daemon = subprocess.Popen([str(ROOT / ".venv" / "bin" / "dagster-daemon"), "run", "-w",
                                   str(ROOT / "workspace.yaml")], cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
                                  start_new_session=True)
    try:
        while not _daemon_ready(inst, started):
            if daemon.poll() is not None or time.time() - started > DAEMON_READY_S:
                raise RuntimeError(f"dagster-daemon did not come up (see {log_path})")
            time.sleep(0.5)
        daemon_up_s = time.time() - started
        ids: list[str] = []
        opts = WorkspaceOpts(workspace=(str(ROOT / "workspace.yaml"),))
        with get_workspace_from_cli_opts(inst, version=dg.__version__, workspace_opts=opts) as workspace:
            location = get_code_location_from_workspace(workspace, "epgoat")
            repo = get_remote_repository_from_code_location(location, None)
            job = get_remote_job_from_remote_repo(repo, "guide_job")
            submit_start = time.time()
            for day, playlist in sample:
                tags = {"dagster/partition": f"{day}|{playlist}", "dagster/partition/date": day,
                        "dagster/partition/playlist": playlist, "epgoat/kind": "bench"}
                run = _create_run(instance=inst, code_location=location, remote_repo=repo, remote_job=job,
                                  run_config={}, tags=tags, op_selection=None, run_id=None)
                inst.submit_run(run.run_id, workspace)
                ids.append(run.run_id)
            submit_end = time.time()
        finished = dg.DagsterRunStatus.SUCCESS, dg.DagsterRunStatus.FAILURE, dg.DagsterRunStatus.CANCELED
        while True:
            records = inst.get_run_records(filters=dg.RunsFilter(run_ids=ids))
            if len(records) == len(ids) and all(r.dagster_run.status in finished for r in records):
                break
            if daemon.poll() is not None or time.time() - submit_start > DRAIN_TIMEOUT_S:
                raise RuntimeError(f"the sample did not drain (see {log_path})")
            time.sleep(0.5)
        others = [r.dagster_run.job_name for r in inst.get_run_records(filters=dg.RunsFilter(created_after=_utc(started)))
                  if r.dagster_run.run_id not in ids]
    finally:
        os.killpg(daemon.pid, signal.SIGTERM)
        try:
            daemon.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(daemon.pid, signal.SIGKILL)
            daemon.wait()
    runs = [_run_figures(inst, run_id) for run_id in ids]
    return {"daemon_up_s": daemon_up_s, "submit_s": submit_end - submit_start, "submit_start": submit_start,
            "drain_s": max(r["end"] for r in runs) - submit_start, "runs": runs, "other_runs": others}


def _utc(ts: float):  # noqa: ANN202 - a datetime, imported late with the rest
    from datetime import UTC, datetime

    return datetime.fromtimestamp(ts, UTC)


def _run_figures(inst: object, run_id: str) -> dict[str, object]:
    """One run's timeline (epoch seconds) and its steps' own time, from its event log."""
    import dagster as dg

    first: dict[str, float] = {}
    step_start: dict[str, float] = {}
    steps_s = 0.0
    step_workers = 0
    for ev in inst.all_logs(run_id):  # type: ignore[attr-defined]
        kind = ev.dagster_event_type
        if kind is None:
            continue
        first.setdefault(kind.value, ev.timestamp)
        if kind == dg.DagsterEventType.STEP_WORKER_STARTING:
            step_workers += 1
        elif kind == dg.DagsterEventType.STEP_START:
            step_start[ev.step_key] = ev.timestamp
        elif kind == dg.DagsterEventType.STEP_SUCCESS:
            steps_s += ev.timestamp - step_start.pop(ev.step_key)
    end = first.get("PIPELINE_SUCCESS") or first.get("PIPELINE_FAILURE") or first.get("PIPELINE_CANCELED")
    ok = "PIPELINE_SUCCESS" in first
    enqueued = first["PIPELINE_ENQUEUED"]
    launched = first.get("PIPELINE_STARTING", enqueued)
    begun = first.get("PIPELINE_START", launched)
    return {"run_id": run_id, "ok": ok, "enqueued": enqueued, "launched": launched, "begun": begun,
            "end": end or begun, "queue_s": launched - enqueued, "launch_s": begun - launched,
            "exec_s": (end or begun) - begun, "steps_s": steps_s, "step_processes": step_workers}


def _child(sample: list[tuple[str, str]], args: list[str], env: dict[str, str]) -> dict[str, object]:
    out = subprocess.run([sys.executable, __file__, "--_sample", json.dumps(sample), "--_measure", *args], env=env,
                         capture_output=True, text=True, check=False, cwd=ROOT)
    if out.returncode != 0:
        return {"error": (out.stderr.strip().splitlines() or ["failed"])[-1]}
    return json.loads(out.stdout.strip().splitlines()[-1])


def _stats(values: list[float]) -> str:
    return f"{min(values):6.2f} {statistics.median(values):7.2f} {max(values):6.2f}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--providers", type=int, default=5, help="playlists in the sample (33K entries each)")
    ap.add_argument("--days", type=int, default=2, help="dates per playlist, from 2025-11-22 (the snapshot has 4)")
    ap.add_argument("--entries", type=int, default=33_000)
    ap.add_argument("--max-concurrent", type=int, default=2, help="concurrency.runs.max_concurrent_runs")
    ap.add_argument("--run-buffer", type=int, default=None,
                    help="concurrency.pools.op_granularity_run_buffer (default: as config/dagster.local.yaml)")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--keep", metavar="DIR", help="work in DIR (must not exist) and keep it: instance, logs, outputs")
    ap.add_argument("--_measure", nargs="+", help=argparse.SUPPRESS)
    ap.add_argument("--_sample", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    sample = [tuple(p) for p in json.loads(args._sample)] if args._sample else partitions(args.providers, args.days)
    if args._measure:
        kind, *rest = args._measure
        result = seed(sample) if kind == "seed" else drain(sample, rest[0])
        print(json.dumps(result))
        return 0

    from bench_dagster_day import child_env, prepare

    with contextlib.ExitStack() as stack:
        work = Path(args.keep) if args.keep else Path(stack.enter_context(tempfile.TemporaryDirectory()))
        work.mkdir(parents=True, exist_ok=True)
        paths = prepare(work, args.providers, args.entries)
        paths["dagster"].mkdir(parents=True)
        (paths["dagster"] / "dagster.yaml").write_text(instance_yaml(args.max_concurrent, args.run_buffer),
                                                       encoding="utf-8")
        env = child_env(paths)
        seeded = _child(sample, ["seed"], env)
        if "error" in seeded:
            print(f"seed: error: {seeded['error']}")
            return 1
        log_path = work / "daemon.log"
        result = _child(sample, ["drain", str(log_path)], env)
        if "error" in result:
            print(f"drain: error: {result['error']}")
            print(log_path.read_text(encoding="utf-8", errors="replace")[-3000:] if log_path.exists() else "")
            return 1
    runs = result["runs"]
    n = len(runs)
    drain_s = float(result["drain_s"])
    summary = {
        "runs": n, "ok": sum(1 for r in runs if r["ok"]), "entries": args.entries,
        "max_concurrent_runs": args.max_concurrent, "run_buffer": args.run_buffer, "daemon_up_s": result["daemon_up_s"],
        "submit_s": result["submit_s"], "drain_s": drain_s, "runs_per_min": n / drain_s * 60,
        "seconds_per_run": drain_s / n, "other_runs": result["other_runs"], "per_run": runs,
    }
    if args.json:
        print(json.dumps(summary, indent=2))
        return 0 if summary["ok"] == n else 1
    print(f"{n} guide_job runs ({args.providers} playlists x {args.days} dates, {args.entries:,} entries), "
          f"max_concurrent_runs={args.max_concurrent}, op_granularity_run_buffer="
          f"{'as configured' if args.run_buffer is None else args.run_buffer}, embedded DuckDB + SQLite")
    print(f"daemon up (first queue heartbeat): {result['daemon_up_s']:.1f} s; submission of {n} runs: "
          f"{result['submit_s']:.1f} s")
    print(f"drained in {drain_s:.1f} s: {summary['runs_per_min']:.1f} runs/min, {summary['seconds_per_run']:.1f} s "
          f"per run at {args.max_concurrent} concurrent; {summary['ok']}/{n} succeeded")
    print(f"{'per run (s)':<52}{'min':>6}{'median':>8}{'max':>7}")
    exec_over = [r["exec_s"] - r["steps_s"] for r in runs]
    for label, values in (
        ("queue wait (enqueued -> launched)", [r["queue_s"] for r in runs]),
        ("launch: worker process + definitions (-> started)", [r["launch_s"] for r in runs]),
        ("execution (started -> finished)", [r["exec_s"] for r in runs]),
        ("  steps' own time (step start -> success, summed)", [r["steps_s"] for r in runs]),
        ("  executor's own (step processes, events, slot waits)", exec_over),
        ("launched -> finished", [r["end"] - r["launched"] for r in runs]),
    ):
        print(f"{label:<52}{_stats(values)}")
    print(f"step processes per run: {statistics.median(r['step_processes'] for r in runs):.0f}; "
          f"other runs the daemon started meanwhile: {len(result['other_runs'])} {sorted(set(result['other_runs']))}")
    return 0 if summary["ok"] == n else 1


if __name__ == "__main__":
    raise SystemExit(main())
