"""Packages depend only downward: read every module's imports (function-level ones too) and
check each against the layer table, naming the offending import.

    base      errors, model, published, hedges, identity, wording, languages, labels
              (records and what every layer reads of them)
    stages    ingest, nlp, compare, store                   -> base only, never each other
    library   api, watch, follow, research, bulk, tables, eval
                                                            -> stages, base, each other
    shells    report, web, scale, cli                       -> library, base, report

Shells reaching past api into a stage are known debts, listed in KNOWN below with the work
that removes them; the list may only shrink (an entry no longer true fails too).
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
ROOT = SRC / "storyledger"

BASE = {"errors", "model", "published", "identity", "wording", "languages", "hedges", "labels"}
STAGES = {"ingest", "nlp", "compare", "store"}
LIBRARY = {"api", "watch", "follow", "research", "bulk", "tables", "eval"}
SHELLS = {"report", "web", "scale", "cli"}
CAN_IMPORT = {
    **{p: BASE for p in BASE},
    **{p: BASE for p in STAGES},
    **{p: BASE | STAGES | LIBRARY for p in LIBRARY},
    **{p: BASE | LIBRARY | {"report"} for p in SHELLS},
}
CAN_IMPORT["cli"] = CAN_IMPORT["cli"] | {"web", "scale"}
CAN_IMPORT["web"] = CAN_IMPORT["web"] | {"scale"}

# (importing module, imported package): known reaches that skip a layer. Each group names
# the work that removes it; remove an entry when its import goes.
KNOWN = {
    # report renders records compare defines (GroupView, salience's shown_count).
    ("storyledger.report.groups", "compare"),
    ("storyledger.report.views", "compare"),
    # The CLI opens the store it hands to api (Store, default_db_path) and parses dates and
    # --field options with ingest's helpers: an `api.open_store` and the helpers below
    # ingest would remove these.
    ("storyledger.cli.commands_analysis", "store"),
    ("storyledger.cli.commands_research", "store"),
    ("storyledger.cli.commands_serve", "store"),
    ("storyledger.cli.commands_store", "store"),
    ("storyledger.cli.common", "ingest"),
    ("storyledger.cli.common", "store"),
    # The web app opens its stores and reads uploads with ingest's readers.
    ("storyledger.web.backend", "ingest"),
    ("storyledger.web.backend", "store"),
    ("storyledger.web.cache", "store"),
    ("storyledger.web.intake", "ingest"),
    ("storyledger.web.streaming", "store"),
    ("storyledger.web.worker", "store"),
    # Spark extracts and groups through api; its executors still run ingest's readers on the
    # bytes of each file themselves (to go: one api entry for bytes), and it loads a store.
    ("storyledger.scale.inputs", "ingest"),
    ("storyledger.scale.spark", "store"),
}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path) -> list[tuple[str, int]]:
    """(imported module, line) for every import in the file, at any depth, relative ones
    resolved; `from storyledger import api` counts as storyledger.api."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.extend((alias.name, node.lineno) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, *([base] if base else [])])
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                is_module = ROOT.parent.joinpath(*sub.split(".")).with_suffix(".py").exists()
                is_package = ROOT.parent.joinpath(*sub.split("."), "__init__.py").exists()
                found.append((sub if is_module or is_package else base, node.lineno))
    return [(name, line) for name, line in found if name.startswith("storyledger.")]


def _layer(module: str) -> str | None:
    """The top-level package (or module) a dotted storyledger name belongs to."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else None


@functools.cache
def _edges() -> list[tuple[str, str, str, int]]:
    """(importing module, its layer, imported layer, line) across src/storyledger."""
    edges = []
    for path in sorted(ROOT.rglob("*.py")):
        module = _module_name(path)
        own = _layer(module)
        for name, line in imports_of(path):
            target = _layer(name)
            if own and target and target != own:
                edges.append((module, own, target, line))
    return edges


def test_every_package_is_in_the_layer_table():
    tops = {p.stem for p in ROOT.glob("*.py") if p.stem != "__init__"}
    tops |= {p.name for p in ROOT.iterdir() if (p / "__init__.py").exists()}
    assert tops <= set(CAN_IMPORT), f"not in the layer table: {sorted(tops - set(CAN_IMPORT))}"


def test_packages_depend_only_downward():
    bad = [
        f"{module} (line {line}) imports storyledger.{target}: {own} may import only "
        f"{', '.join(sorted(CAN_IMPORT[own]))}"
        for module, own, target, line in _edges()
        if target not in CAN_IMPORT[own] and (module, target) not in KNOWN
    ]
    assert not bad, "imports against the layers:\n" + "\n".join(bad)


def test_known_debts_are_still_true():
    """The allow-list only shrinks: an entry whose import is gone must be removed."""
    present = {(module, target) for module, _, target, _ in _edges()}
    stale = sorted(KNOWN - present)
    assert not stale, f"remove from KNOWN in tests/test_layers.py (fixed): {stale}"


def test_the_checker_sees_function_level_and_relative_imports(tmp_path):
    """The parser is what the layer test stands on: a lazy import inside a function and a
    relative one must both be found."""
    probe = ROOT / "ingest" / "feeds.py"
    names = {name for name, _ in imports_of(probe)}
    assert "storyledger.ingest.common" in names  # a function-level import in poll_feed
    assert "storyledger.errors" in names
    relative = ROOT / "nlp" / "attribution" / "__init__.py"
    assert all(n.startswith("storyledger.") for n, _ in imports_of(relative))
