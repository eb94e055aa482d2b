"""Renderers of a Ledger: text (terminal), json (the contract), markdown, html (offline page)."""

from __future__ import annotations

from storyledger.model import Ledger

FORMATS = ("text", "json", "markdown", "html")


def render(ledger: Ledger, fmt: str, color: bool = False, width: int | None = None) -> str:
    if fmt == "json":
        from storyledger.report.json import render_json

        return render_json(ledger)
    if fmt == "markdown":
        from storyledger.report.markdown import render_markdown

        return render_markdown(ledger)
    if fmt == "html":
        from storyledger.report.html import render_html

        return render_html(ledger)
    if fmt == "text":
        from storyledger.report.text import render_text

        return render_text(ledger, color=color, width=width)
    raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
