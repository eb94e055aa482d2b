"""Renderers of a Ledger: text (terminal), json (the contract), markdown, html (offline page),
csv (the facts, a row per outlet's report). Every caller (CLI, web, anything else) renders
through `render`; a new format is one module and one line in RENDERERS."""

from __future__ import annotations

from importlib import import_module

from storyledger.errors import UsageError
from storyledger.model import Ledger

# format -> (module, function); imported on first use, so the CLI starts fast.
RENDERERS = {
    "text": ("storyledger.report.text", "render_text"),
    "json": ("storyledger.report.json", "render_json"),
    "markdown": ("storyledger.report.markdown", "render_markdown"),
    "html": ("storyledger.report.html", "render_html"),
    "csv": ("storyledger.report.csv", "render_csv"),
}
FORMATS = tuple(RENDERERS)


def render(ledger: Ledger, fmt: str, color: bool = False, width: int | None = None) -> str:
    if fmt not in RENDERERS:
        raise UsageError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    module, name = RENDERERS[fmt]
    renderer = getattr(import_module(module), name)
    if fmt == "text":
        return renderer(ledger, color=color, width=width)
    return renderer(ledger)
