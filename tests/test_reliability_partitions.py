"""One bad partition never costs the others, and a failed run never replaces the published guide.

Real Dagster materialisations on the embedded default (DuckDB warehouse and local object folder in a
temporary EPGOAT_HOME), as tests/test_materialize.py does. BYO playlists are served by the fake
"public web" of tests/support/public_web.py, so the BYO fetch runs through the unmodified URL guard.

Retry waits: `playlist_and_channels` (`provider_playlists` and `filtered_channels`) retries twice
after 15 s and 30 s. The tests keep the number of
retries but set the delay to 0 on the asset's op (`_retry_policy`), so a failing partition still goes
through every attempt without a minute of sleeping.
"""

from __future__ import annotations

import gzip
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import dagster as dg
import pytest
from support.public_web import Route, public_web

from epgoat_assets import cli
from epgoat_assets.lib.config import PROJECT_ROOT
from epgoat_assets.lib.warehouse import store
from epgoat_assets.lib.warehouse.db import Database

pytest_plugins = ["reliability_plugin"]

CORPUS = Path(__file__).parent / "corpus"
GUIDE = ["provider_playlists", "filtered_channels", "channel_event_matches", "epg_xml", "rewritten_m3u",
         "published_guide"]
QUIET = {"loggers": {"console": {"config": {"log_level": "ERROR"}}}}


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory):
    """Definitions, an instance and a warehouse with three days of snapshot events, shared by the module."""
    home = tmp_path_factory.mktemp("epgoat-home")
    mp = pytest.MonkeyPatch()
    mp.setenv("EPGOAT_HOME", str(home))
    mp.setenv("EPGOAT_ENV", "embedded")
    mp.delenv("EPGOAT_DATABASE_URL", raising=False)
    mp.delenv("ANTHROPIC_API_KEY", raising=False)
    mp.delenv("EPGOAT_CONFIG_DIR", raising=False)
    from epgoat_assets.definitions import defs as build_defs

    defs = build_defs()
    assets = {k.to_user_string(): a for a in defs.assets or [] if isinstance(a, dg.AssetsDefinition) for k in a.keys}
    for name in ("provider_playlists", "sports_events", "published_guide"):
        if assets[name].op.retry_policy is not None:
            mp.setattr(assets[name].op, "_retry_policy", dg.RetryPolicy(max_retries=assets[name].op.retry_policy.max_retries, delay=0))
    with dg.instance_for_test() as instance:
        for d in ("2025-11-21", "2025-11-22", "2025-11-23", "2025-11-24"):
            assert dg.materialize([assets["sports_events"]], instance=instance, resources=defs.resources,
                                  partition_key=d, run_config=QUIET).success
        yield {"defs": defs, "assets": assets, "instance": instance, "home": home}
    mp.undo()


def guide(env, playlist: str, day: str) -> dg.ExecuteInProcessResult:
    from epgoat_assets.defs.partitions import add_playlist_keys

    add_playlist_keys(env["instance"], [playlist])
    chosen = list({id(env["assets"][k]): env["assets"][k] for k in GUIDE}.values())
    return dg.materialize(chosen, instance=env["instance"], resources=env["defs"].resources, raise_on_error=False,
                          partition_key=dg.MultiPartitionKey({"date": day, "playlist": playlist}), run_config=QUIET)


def materialised(result: dg.ExecuteInProcessResult) -> set[str]:
    return {e.event_specific_data.materialization.asset_key.to_user_string()
            for e in result.get_asset_materialization_events()}


def failure(result: dg.ExecuteInProcessResult) -> tuple[str, str]:
    """(step, first line of the error) of the run's step failure."""
    events = [e for e in result.all_events if e.event_type_value == "STEP_FAILURE"]
    assert len(events) == 1, [e.step_key for e in events]
    error = events[0].event_specific_data.error
    # Dagster wraps the asset's exception ("Exceeded max_retries of 2" -> step error -> ours -> its cause).
    while error.cause is not None and (error.cls_name.startswith("Dagster") or "max_retries" in error.message):
        error = error.cause
    return events[0].step_key, error.message.strip().splitlines()[0]


def test_a_bad_byo_partition_fails_and_the_others_publish(fault, env, monkeypatch, capsys) -> None:
    fault("Dagster: BYO partitions serving an HTML login page and redirecting to 127.0.0.1, next to a good BYO "
          "and the demo provider (same day)",
          "each bad partition fails reading its playlist (provider_playlists) with a one-line error after its retries; "
          "the good BYO and the provider publish their guides")
    home = env["home"]
    good_playlist = (CORPUS / "playlists" / "quotes_and_commas.m3u").read_bytes()
    with public_web(monkeypatch) as (web, _dns):
        web.route("http://playlists.example/good.m3u", Route(body=good_playlist))
        web.route("http://playlists.example/broken.m3u", Route(body=(CORPUS / "playlists" / "html_login_page.m3u").read_bytes()))
        web.redirect("http://playlists.example/sneaky.m3u", f"http://127.0.0.1:{web.port}/get.php")
        for name in ("good", "broken", "sneaky"):
            assert cli.main(["byo", "add", name, "--url", f"http://playlists.example/{name}.m3u"]) == 0
        capsys.readouterr()

        broken = guide(env, "user-broken", "2025-11-22")
        sneaky = guide(env, "user-sneaky", "2025-11-22")
        good = guide(env, "user-good", "2025-11-22")
        demo = guide(env, "prov-demo", "2025-11-22")

    assert not broken.success and not sneaky.success
    step, message = failure(broken)
    assert step == "playlist_and_channels" and "not an M3U playlist (no #EXTM3U header" in message
    step, message = failure(sneaky)
    assert step == "playlist_and_channels" and "refused URL: host '127.0.0.1' resolves to a loopback address" in message
    assert materialised(broken) == materialised(sneaky) == set()
    # Not an M3U is permanent: the asset fails at once instead of retrying what cannot change.
    assert web.seen.count("http://playlists.example/broken.m3u") == 1
    assert not any("get.php" in u for u in web.seen)  # the loopback hop was never requested

    assert good.success and demo.success
    assert materialised(good) == materialised(demo) == set(GUIDE)
    objects = home / "objects"
    assert (objects / "users" / "good.xml").is_file() and (objects / "demo.xml").is_file()
    assert not (objects / "users" / "broken.xml").exists() and not (objects / "users" / "sneaky.xml").exists()
    db = Database(f"duckdb://{home / 'warehouse.duckdb'}")
    with db.connect() as conn:
        rows = dict(conn.fetchall("SELECT playlist_key, COUNT(*) FROM channel_event_matches GROUP BY playlist_key"))
    assert rows.get("user-good") == 5 and rows.get("prov-demo", 0) > 300
    assert "user-broken" not in rows and "user-sneaky" not in rows


def test_the_warehouse_file_is_free_while_a_playlist_is_fetched(fault, env, monkeypatch, capsys) -> None:
    fault("Dagster: a BYO playlist served slowly while another process needs the embedded warehouse "
          "(a sensor tick, dbt, the command line)",
          "the playlist step holds no DuckDB connection during the fetch: another process opens the file meanwhile")
    warehouse = env["home"] / "warehouse.duckdb"
    opened: list[int] = []

    def other_process_opens_the_warehouse() -> None:
        # DuckDB lets one process at a time open the file for writing; this one must get it now.
        probe = subprocess.run([sys.executable, "-c", f"import duckdb; duckdb.connect({str(warehouse)!r}).close()"],
                               capture_output=True, text=True, timeout=60, check=False)
        opened.append(probe.returncode)

    playlist = (CORPUS / "playlists" / "quotes_and_commas.m3u").read_bytes()
    with public_web(monkeypatch) as (web, _dns):
        web.route("http://playlists.example/slow.m3u", Route(body=playlist, on_request=other_process_opens_the_warehouse))
        assert cli.main(["byo", "add", "slow", "--url", "http://playlists.example/slow.m3u"]) == 0
        capsys.readouterr()
        result = guide(env, "user-slow", "2025-11-22")

    assert result.success
    assert opened == [0]


def test_a_failed_run_leaves_the_last_good_guide_published(fault, env, monkeypatch, tmp_path) -> None:
    fault("Dagster: the next day's run for a published provider fails (a broken vod_patterns.yaml is deployed)",
          "the playlist is recorded, then the step fails on classifying it with a one-line error and no retries; "
          "nothing downstream runs; the stable guide files "
          "keep yesterday's bytes; after the fix the run publishes")
    objects = env["home"] / "objects"
    # The demo list is a 2025-11-22 slate: on later days its match rate is below the demo floor and
    # publishing would (rightly) archive only. A floor of 0 keeps this test about the broken deploy.
    good_config = tmp_path / "good-config"
    shutil.copytree(PROJECT_ROOT / "config", good_config)
    providers = good_config / "providers.yaml"
    providers.write_text(re.sub(r"match_rate_floor: [0-9.]+", "match_rate_floor: 0.0",
                                providers.read_text(encoding="utf-8")), encoding="utf-8")
    monkeypatch.setenv("EPGOAT_CONFIG_DIR", str(good_config))
    first = guide(env, "prov-demo", "2025-11-23")
    assert first.success
    stable = {name: (objects / name).read_bytes() for name in ("demo.xml", "demo.xml.gz", "demo.m3u")}

    broken_config = tmp_path / "config"
    shutil.copytree(good_config, broken_config)
    shutil.copyfile(CORPUS / "config" / "vod_patterns.bad_regex.yaml", broken_config / "vod_patterns.yaml")
    monkeypatch.setenv("EPGOAT_CONFIG_DIR", str(broken_config))
    failed = guide(env, "prov-demo", "2025-11-24")
    assert not failed.success
    step, message = failure(failed)
    assert step == "playlist_and_channels"
    assert "prov-demo: cannot classify the playlist: " in message
    assert "vod_patterns.yaml: VOD rule 'name-year-in-parens': invalid regex" in message
    assert not [e for e in failed.all_events if e.event_type == dg.DagsterEventType.STEP_RESTARTED]
    assert materialised(failed) == {"provider_playlists"}
    assert {name: (objects / name).read_bytes() for name in stable} == stable
    assert not (objects / "archive" / "2025-11-24").exists()
    assert not list(objects.rglob(".*.tmp"))

    monkeypatch.setenv("EPGOAT_CONFIG_DIR", str(good_config))  # the fix is deployed
    fixed = guide(env, "prov-demo", "2025-11-24")
    assert fixed.success
    assert (objects / "archive" / "2025-11-24" / "demo.xml").is_file()
    assert gzip.decompress((objects / "demo.xml.gz").read_bytes()) == (objects / "demo.xml").read_bytes()
    assert (objects / "demo.xml").read_bytes() != stable["demo.xml"]


def test_a_guide_failing_a_blocking_check_gets_no_m3u_copy_and_is_not_published(fault, env, monkeypatch) -> None:
    fault("Dagster: the guide built for a partition has overlapping programmes (a guide-builder bug)",
          "the no_overlapping_programmes check fails and blocks: epg_xml is recorded with the failed check, "
          "rewritten_m3u and published_guide do not run, nothing is archived for the day")
    from epgoat_assets.defs import guide_files

    # A correct builder never overlaps programmes, so the bug is simulated at the check's input.
    monkeypatch.setattr(guide_files, "overlaps", lambda guide: [guide.channels[0].channel_id])
    objects = env["home"] / "objects"
    failed = guide(env, "prov-demo", "2025-11-21")

    assert not failed.success
    step, message = failure(failed)
    assert step == "matches_and_guide_files" and "blocking asset check failed" in message
    assert materialised(failed) == {"provider_playlists", "filtered_channels", "channel_event_matches", "epg_xml"}
    [check] = [e.event_specific_data for e in failed.all_events
               if e.event_type_value == "ASSET_CHECK_EVALUATION" and e.event_specific_data.check_name == "no_overlapping_programmes"]
    assert not check.passed
    assert not (objects / "archive" / "2025-11-21").exists()


def test_the_warehouse_keeps_one_row_per_entry_across_failed_and_good_runs(fault, env) -> None:
    fault("Dagster: a partition re-run after failures and successes of its neighbours",
          "channel_event_matches holds exactly one row per entry per partition (no duplicates)")
    db = Database(f"duckdb://{env['home'] / 'warehouse.duckdb'}")
    with db.connect() as conn:
        dupes = conn.fetchall(
            "SELECT match_date, playlist_key, entry_index, COUNT(*) FROM channel_event_matches"
            " GROUP BY match_date, playlist_key, entry_index HAVING COUNT(*) > 1")
        keys = {r[0] for r in conn.fetchall("SELECT DISTINCT playlist_key FROM channel_event_matches")}
    assert dupes == []
    assert "prov-demo" in keys
    assert store.count_events_by_day(db, date(2025, 11, 22)) > 0
