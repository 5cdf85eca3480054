"""Security properties of the code itself: parameterised SQL, lxml-built XML, validated names in keys.

The SQL check reads `epgoat_assets/lib/warehouse/store.py` (and the other warehouse modules) with `ast`: the
SQL argument of every `execute`/`executemany`/`fetch*` call must be built from string constants; the
one allowed f-string is the `?,?,?` placeholder list of an IN clause (`marks`).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from epgoat_assets.defs.staging import staging_key
from epgoat_assets.lib.config import PROJECT_ROOT
from epgoat_assets.lib.playlists.providers import (
    InvalidKeyError,
    byo_playlist_key,
    provider_playlist_key,
    validate_playlist_key,
)
from epgoat_resources.object_store import LocalFolderStore, ObjectStoreError

pytest_plugins = ["reliability_plugin"]

LIB = PROJECT_ROOT / "epgoat_assets" / "lib"
SQL_MODULES = [LIB / "warehouse" / "store.py", LIB / "matching" / "caches.py"]  # db.py is the `?` wrapper itself: it passes SQL through
SQL_CALLS = {"execute", "executemany", "fetchall", "fetchone", "fetchdicts"}
PLACEHOLDER_NAMES = {"marks"}  # ",".join("?" * n): placeholders only, never values


def _constant_names(tree: ast.AST) -> set[str]:
    """Local names only ever assigned string constants or constant concatenations (`sql = "..."; sql += "..."`)."""
    assigned: dict[str, bool] = {}

    def constant(node: ast.AST) -> bool:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return True
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            return constant(node.left) and constant(node.right)
        return False

    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            name = node.targets[0].id
            assigned[name] = assigned.get(name, True) and constant(node.value)
        elif isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name):
            name = node.target.id
            assigned[name] = assigned.get(name, True) and constant(node.value)
    return {n for n, ok in assigned.items() if ok}


def _unsafe_sql(node: ast.AST, safe_names: set[str]) -> str | None:
    """Why `node` (an SQL argument) is not built from constants only, or None when it is."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return None
    if isinstance(node, ast.JoinedStr):
        for part in node.values:
            if isinstance(part, ast.FormattedValue) and not (
                    isinstance(part.value, ast.Name) and part.value.id in PLACEHOLDER_NAMES):
                return f"f-string interpolates {ast.unparse(part.value)!r}"
        return None
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _unsafe_sql(node.left, safe_names) or _unsafe_sql(node.right, safe_names)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
        return "%-formatting"
    if isinstance(node, ast.Name) and node.id in safe_names:
        return None
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
        return ".format()"
    return f"SQL from {ast.unparse(node)!r}"


def sql_findings(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    safe = _constant_names(tree)
    out = []
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in SQL_CALLS
                and node.args):
            why = _unsafe_sql(node.args[0], safe)
            if why:
                out.append(f"{path.name}:{node.lineno}: {why}")
    return out


@pytest.mark.parametrize("path", SQL_MODULES, ids=lambda p: p.name)
def test_every_sql_statement_is_built_from_constants(fault, path) -> None:
    fault(f"static scan of {path.name}: values spliced into SQL", "no f-string/format/% in any SQL call except "
          "the IN-clause placeholder list", lost="n/a")
    assert sql_findings(path) == []


def test_the_scanner_catches_an_interpolated_value(tmp_path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text(
        "def f(conn, key, marks, ids):\n"
        "    conn.execute(f\"SELECT * FROM providers WHERE playlist_key = '{key}'\")\n"
        "    conn.fetchall(f'SELECT 1 FROM events WHERE event_id IN ({marks})', ids)\n"
        "    conn.execute('DELETE FROM x WHERE k = %s' % key)\n"
        "    sql = 'SELECT 1'\n"
        "    sql += ' WHERE k = ' + key\n"
        "    conn.fetchall(sql)\n",
        encoding="utf-8")
    assert [f.split(": ", 1)[1] for f in sql_findings(bad)] == [
        "f-string interpolates 'key'", "%-formatting", "SQL from 'sql'"]


def test_xml_is_built_with_lxml_never_by_string_concatenation(fault) -> None:
    fault("static scan: XML assembled from strings", "the XMLTV writer builds elements with lxml; no module of "
          "epgoat_assets or epgoat_resources writes XML tags as string literals", lost="n/a")
    assert "from lxml import etree" in (LIB / "guide" / "xmltv.py").read_text(encoding="utf-8")
    offenders = []
    for path in [*(PROJECT_ROOT / "epgoat_assets").rglob("*.py"), *(PROJECT_ROOT / "epgoat_resources").rglob("*.py")]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {id(n.body[0].value) for n in ast.walk(tree)
                      if isinstance(n, ast.Module | ast.FunctionDef | ast.ClassDef | ast.AsyncFunctionDef)
                      and n.body and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                text = node.value
                if any(tag in text for tag in ("<programme", "<channel", "<tv ", "<tv>", "</tv>", "<title")):
                    offenders.append(f"{path.relative_to(PROJECT_ROOT)}:{node.lineno}")
    assert offenders == []


HOSTILE_NAMES = ["../etc", "..", "a/b", "a\\b", "demo|prov-x", "demo\x00", "Demo", "demo;drop table providers",
                 "demo' OR '1'='1", "x" * 49, "", " demo", "demo\n", "dé mo", "-demo", "demo-"]


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_hostile_provider_and_playlist_names_never_become_keys(fault, name) -> None:
    fault(f"provider/BYO name {name!r} used in partition keys, object keys and paths",
          "InvalidKeyError (one line) before any key or path is built", lost="n/a")
    for build in (provider_playlist_key, byo_playlist_key):
        with pytest.raises(InvalidKeyError) as err:
            build(name)
        assert "\n" not in str(err.value)
    for key in (f"prov-{name}", f"user-{name}", name):
        with pytest.raises(InvalidKeyError):
            validate_playlist_key(key)
        with pytest.raises(InvalidKeyError):
            staging_key(key, "2025-11-22", "playlist.m3u.gz")


@pytest.mark.parametrize("key", ["../../etc/passwd", "users/../../x.xml", "/abs.xml", "users/a b.xml", "a\x00b",
                                 "users//x.xml", ".hidden/x.xml"])
def test_object_keys_cannot_leave_the_store_folder(fault, tmp_path, key) -> None:
    fault(f"object key {key!r} on the local folder store", "ObjectStoreError; nothing written outside the folder",
          lost="n/a")
    root = tmp_path / "objects"
    folder = LocalFolderStore(root=str(root))
    with pytest.raises(ObjectStoreError):
        folder.put_bytes(key, b"x")
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert written == []
