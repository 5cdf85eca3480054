"""XMLTV output: valid against the XMLTV DTD and `tv_validate_file`, escaped, atomic, optionally gzipped."""

from __future__ import annotations

import gzip
import os
import shutil
import subprocess
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest
from lxml import etree
from support.guide_inputs import PACKERS_VIKINGS, demo_results, live, matched, unmatched

from epgoat_assets.lib.guide.blocks import Guide, build_guide
from epgoat_assets.lib.guide.xmltv import DTD_PATH, XmltvError, validate_xmltv, write_xmltv
from epgoat_assets.lib.models import Programme
from epgoat_assets.lib.sports.settings import load_sports_config

DAY = date(2025, 11, 23)
ET = "America/New_York"

# Names as providers and event sources really spell them: markup characters, a stray C0 control and
# a C1 control from mis-decoded Windows-1252, emoji, Arabic and Hebrew (right-to-left).
NASTY_LIVE = "AT&T SportsNet <HD> \x01Pittsburgh\x85 🏒"
ARABIC = "بي إن سبورت 1 HD"
HEBREW = "ספורט 5 ‏HD"


def nasty_results():
    event = replace(
        PACKERS_VIKINGS,
        title="Packers & Vikings <Week 12> \x0bFinal\x1f",
        venue="Lambeau Field \"Frozen Tundra\" 'GB'",
        thumb="https://img.example.org/thumb?id=1225271&size=large",
    )
    return [
        *demo_results(),
        live(20, NASTY_LIVE, 100500, logo="http://logos.example-iptv.net/a.png?x=1&y=2"),
        live(21, ARABIC, 100501),
        live(22, HEBREW, 100502),
        matched(23, "NFL 09: Vikings @ Packers 🏈 & more", 102999, event, "NFL", 9),
        unmatched(24, "عربي 07: مباراة", 103000, "beIN عربي", 7),
    ]


@pytest.fixture(scope="module")
def guide() -> Guide:
    return build_guide(
        nasty_results(), provider="demo", on_date=DAY, tz=ET, sports_cfg=load_sports_config(), emoji_titles=True
    )


@pytest.fixture()
def written(tmp_path, guide) -> Path:
    path = tmp_path / "guide.xml"
    write_xmltv(path, guide)
    return path


def parse(path: Path) -> etree._Element:
    data = path.read_bytes()
    return etree.fromstring(gzip.decompress(data) if path.suffix == ".gz" else data)


def tv_validate(path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XMLTV_SUPPLEMENT": str(DTD_PATH.parent)}
    return subprocess.run(
        ["tv_validate_file", str(path)], capture_output=True, text=True, env=env, timeout=120, check=False
    )


def test_output_is_valid_against_the_xmltv_dtd(written):
    assert validate_xmltv(written) == []


def test_output_is_accepted_by_tv_validate_file(written):
    if shutil.which("tv_validate_file") is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("CI=true but tv_validate_file is not installed (apt-get install xmltv-util)")
        pytest.skip("tv_validate_file not installed (Debian package xmltv-util)")
    result = tv_validate(written)
    assert result.returncode == 0, result.stdout + result.stderr


def test_declares_the_xmltv_doctype_and_generator(written):
    head = written.read_bytes()[:200].decode()
    assert head.startswith("<?xml version='1.0' encoding='UTF-8'?>\n<!DOCTYPE tv SYSTEM \"xmltv.dtd\">")
    root = parse(written)
    assert root.get("generator-info-name") == "epgoat" and root.get("source-info-name") == "demo"


def test_one_channel_element_per_guide_channel_with_names_and_icon(written, guide):
    root = parse(written)
    ids = [c.get("id") for c in root.iter("channel")]
    assert ids == [c.channel_id for c in guide.channels]
    abc = root.find("channel[@id='demo.100417']")
    assert [d.text for d in abc.iter("display-name")] == ["USA - ABC FHD"]
    assert abc.find("icon").get("src") == "http://logos.example-iptv.net/717.png"


def test_markup_characters_round_trip_and_control_characters_are_stripped(written):
    root = parse(written)
    ch = root.find("channel[@id='demo.100500']")
    assert ch.find("display-name").text == "AT&T SportsNet <HD> Pittsburgh 🏒"
    assert ch.find("icon").get("src") == "http://logos.example-iptv.net/a.png?x=1&y=2"
    raw = written.read_bytes()
    assert b"AT&amp;T SportsNet &lt;HD&gt;" in raw
    assert not any(b in raw for b in (b"\x01", b"\x0b", b"\x1f", "\x85".encode()))


def test_right_to_left_names_are_kept_verbatim(written):
    root = parse(written)
    assert root.find("channel[@id='demo.100501']/display-name").text == ARABIC
    assert root.find("channel[@id='demo.100502']/display-name").text == HEBREW
    # an unmatched event channel's filler is titled with its cleaned name (family and slot removed)
    assert root.find("programme[@channel='demo.103000']/title").text == "مباراة"


def test_game_programme_has_all_fields_in_dtd_order(written):
    root = parse(written)
    game = root.find("programme[@channel='demo.102999'][new]")
    assert [c.tag for c in game] == [
        "title", "sub-title", "desc", "category", "category", "category", "keyword", "icon",
        "episode-num", "episode-num", "new",
    ]
    assert game.findtext("title") == "🏈 Packers & Vikings <Week 12> Final"
    assert [c.text for c in game.iter("category")] == ["Sports", "Football", "NFL"]
    assert game.find("icon").get("src") == "https://img.example.org/thumb?id=1225271&size=large"
    assert {e.get("system"): e.text for e in game.iter("episode-num")} == {
        "xmltv_ns": "2024 . 326 .", "onscreen": "S2025E327",
    }


def test_times_are_written_with_the_providers_offset(written):
    game = parse(written).find("programme[@channel='demo.102902'][new]")
    # 18:00 UTC is 1 PM Eastern Standard Time.
    assert (game.get("start"), game.get("stop")) == ("20251123130000 -0500", "20251123163000 -0500")


def test_summer_guide_uses_daylight_offset(tmp_path):
    guide = build_guide(
        [live(0, "USA - ABC FHD", 100417)], provider="demo", on_date=date(2025, 7, 4), tz=ET,
        sports_cfg=load_sports_config(), emoji_titles=False,
    )
    path = tmp_path / "summer.xml"
    write_xmltv(path, guide)
    prog = parse(path).find("programme")
    assert (prog.get("start"), prog.get("stop")) == ("20250704000000 -0400", "20250705000000 -0400")


def test_stats_count_what_was_written(tmp_path, guide):
    path = tmp_path / "guide.xml"
    stats = write_xmltv(path, guide)
    root = parse(path)
    assert stats.channels == len(root.findall("channel")) == len(guide.channels)
    assert stats.programmes == len(root.findall("programme")) == len(guide.programmes)
    assert stats.bytes == path.stat().st_size


def test_gzip_output_follows_the_file_name_and_is_deterministic(tmp_path, guide):
    a, b = tmp_path / "a.xml.gz", tmp_path / "b.xml.gz"
    write_xmltv(a, guide)
    write_xmltv(b, guide)
    assert a.read_bytes()[:2] == b"\x1f\x8b"
    assert a.read_bytes() == b.read_bytes()
    assert validate_xmltv(a) == []
    plain = tmp_path / "plain.xml"
    write_xmltv(plain, guide)
    assert gzip.decompress(a.read_bytes()) == plain.read_bytes()


def test_generation_date_is_written_when_given(tmp_path, guide):
    path = tmp_path / "guide.xml"
    write_xmltv(path, guide, generated_at=datetime.fromisoformat("2025-11-23T09:15:00+00:00"))
    assert parse(path).get("date") == "20251123041500 -0500"


def test_non_standard_live_element_is_opt_in(tmp_path, guide, written):
    assert parse(written).find(".//live") is None
    path = tmp_path / "live.xml"
    write_xmltv(path, guide, live_element=True)
    game = parse(path).find("programme[@channel='demo.102902'][new]")
    assert game[-1].tag == "live"


def test_failed_write_keeps_the_previous_file_and_leaves_no_temp(tmp_path, guide, written):
    before = written.read_bytes()
    naive = Programme(
        channel_id="demo.100417", start=datetime(2025, 11, 23, 5), stop=datetime(2025, 11, 23, 6), title="x"
    )
    broken = replace(guide, programmes=[*guide.programmes, naive])
    with pytest.raises(XmltvError, match="has no time zone"):
        write_xmltv(written, broken)
    assert written.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["guide.xml"]


def test_programme_on_an_unknown_channel_is_rejected_before_writing(tmp_path, guide):
    stray = replace(guide.programmes[0], channel_id="demo.999")
    with pytest.raises(XmltvError, match="unknown channel 'demo.999'"):
        write_xmltv(tmp_path / "g.xml", replace(guide, programmes=[stray]))
    assert not (tmp_path / "g.xml").exists()


def test_validator_reports_dtd_violations():
    bad = Path(__file__).parent / "data" / "xmltv_bad_order.xml"
    errors = validate_xmltv(bad)
    assert errors and "programme" in errors[0]
