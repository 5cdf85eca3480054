"""Publishing the guide files (R2 or a local folder), and housekeeping of the dated copies.

Publishing is monotonic: every run archives its files under its date, but the stable keys players
fetch move only forward, to the newest date whose gating checks passed (the blocking XMLTV checks and
the provider's match-rate floor). A backfill of an older date, or a day below the floor, is archived
only, and the run's metadata says which (`outcome`: `published` or `archived only`).
"""


import gzip
import json
import tempfile
from datetime import date, datetime
from pathlib import Path

import dagster as dg

from epgoat_assets.defs.guide_files import EPG_XML, REWRITTEN_M3U, published_keys
from epgoat_assets.defs.partitions import date_x_playlist, split_key
from epgoat_assets.defs.staging import GUIDE_CHECKS, GUIDE_M3U, GUIDE_M3U_EVENTS, GUIDE_XML, read_staged
from epgoat_assets.lib.warehouse import store
from epgoat_resources.object_store import ObjectStoreError, ObjectStoreResource
from epgoat_resources.warehouse import WarehouseResource

PUBLISHED = "published"
ARCHIVED_ONLY = "archived only"


@dg.asset(
    partitions_def=date_x_playlist,
    deps=[EPG_XML, REWRITTEN_M3U],
    group_name="publish",
    kinds={"python", "s3"},
    pool="warehouse",
    retry_policy=dg.RetryPolicy(max_retries=3, delay=10, backoff=dg.Backoff.EXPONENTIAL),
    description="Archives the guide and the M3U copies under their date; moves the stable keys forward only "
                "to the newest date whose checks passed (metadata `outcome`: published or archived only).",
)
def published_guide(context: dg.AssetExecutionContext, object_store: ObjectStoreResource,
                    warehouse: WarehouseResource) -> dg.MaterializeResult:
    day_s, playlist_key = split_key(context)
    keys = published_keys(playlist_key)
    day = date.fromisoformat(day_s)
    xml_gz = read_staged(object_store, playlist_key, day_s, GUIDE_XML)
    m3u = read_staged(object_store, playlist_key, day_s, GUIDE_M3U)
    events_m3u = read_staged(object_store, playlist_key, day_s, GUIDE_M3U_EVENTS)
    checks: dict[str, bool] = json.loads(read_staged(object_store, playlist_key, day_s, GUIDE_CHECKS))
    failed = sorted(name for name, ok in checks.items() if not ok)
    try:
        current = object_store.stable_date(keys["xml"])
        newest = current is None or day >= current
        promote = newest and not failed
        published = {}
        with tempfile.TemporaryDirectory() as tmp:
            for name, data, key, ctype in (
                ("guide.xml", gzip.decompress(xml_gz), keys["xml"], "application/xml; charset=utf-8"),
                ("guide.xml.gz", xml_gz, keys["xml_gz"], "application/gzip"),
                ("playlist.m3u", m3u, keys["m3u"], "audio/x-mpegurl; charset=utf-8"),
                ("events.m3u", events_m3u, keys["events_m3u"], "audio/x-mpegurl; charset=utf-8"),
            ):
                path = Path(tmp) / name
                path.write_bytes(data)
                published[name] = object_store.publish(path, key, ctype, on_date=day, promote=promote)
    except ObjectStoreError as exc:
        if exc.permanent:
            raise dg.Failure(str(exc), allow_retries=False) from None
        raise
    outcome = PUBLISHED if promote and all(p.promoted for p in published.values()) else ARCHIVED_ONLY
    if failed:
        why = f"checks failed: {', '.join(failed)}"
    elif not newest:
        why = f"the stable guide holds {current}, newer than {day_s}"
    else:
        why = "newest date with passing checks"
    context.log.info("%s %s: %s (%s)", playlist_key, day_s, outcome, why)
    url = published["guide.xml"].url
    store.audit(warehouse.database(), "dagster", "guide.publish", playlist_key,
                {"date": day_s, "outcome": outcome, "url": url, "failed_checks": ", ".join(failed), "why": why})
    return dg.MaterializeResult(metadata={
        "outcome": outcome,
        "why": why,
        "stable_guide_date": (day_s if outcome == PUBLISHED else (current.isoformat() if current else "")),
        "failed_checks": ", ".join(failed),
        **{f"url_{n.replace('.', '_')}": dg.MetadataValue.url(p.url) if p.url else "" for n, p in published.items()},
        **{f"bytes_{n.replace('.', '_')}": p.size for n, p in published.items()},
        "dated_keys": dg.MetadataValue.json([p.dated_key for p in published.values()]),
        "published_at": datetime.now().astimezone().isoformat(timespec="seconds"),
    })


class HousekeepingConfig(dg.Config):
    keep_days: int = 14


@dg.op(description="Removes dated guide copies older than the configured age; stable files are never removed.")
def remove_old_dated_guides(context: dg.OpExecutionContext, config: HousekeepingConfig,
                            object_store: ObjectStoreResource) -> list[str]:
    removed = object_store.cleanup(config.keep_days)
    context.log.info("removed %d dated copies older than %d days", len(removed), config.keep_days)
    return removed
