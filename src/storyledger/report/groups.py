"""A story split by a group of outlets, and blindspot lists, as plain text (terminal, files)."""

from __future__ import annotations

from storyledger.compare.groups import GroupRow, GroupView


def render_groups_text(view: GroupView) -> str:
    lines = [f"Split by {view.by}"]
    for g in view.groups:
        lines.append(
            f"  {view.by} = {g.value}: {len(g.articles)} articles ({', '.join(g.outlets)})"
        )
    if view.notes:
        lines.append("")
        lines += [f"  • {note}" for note in view.notes]
    lines += ["", f"Coverage by {view.by}: what only one group reports"]
    for g, only in zip(view.groups, view.coverage, strict=True):
        if only:
            lines.append(f"  [{g.value}] {len(only)}: " + " | ".join(_short(x, 60) for x in only))
    sections = [
        ("Figures", view.figures),
        ("Claims and sources", view.claims),
        ("Quotes by speaker", view.quotes),
        ("Wording", view.wording),
    ]
    for title, rows in sections:
        lines += ["", f"{title} by {view.by}"]
        if not rows:
            lines.append("  (none)")
        for row in rows:
            lines.append(f"  {_row(view, row)}")
    return "\n".join(lines) + "\n"


def _row(view: GroupView, row: GroupRow) -> str:
    cells = []
    for g, cell in zip(view.groups, row.cells, strict=True):
        said = " | ".join(_short(c) for c in cell) if cell else "—"
        cells.append(f"[{g.value}] {said}")
    tail = f"  (only {view.by} = {row.only})" if row.only else ""
    return f"{_short(row.label, 70)}: " + "; ".join(cells) + tail


def _short(text: str, n: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def add_groups(rendered: str, fmt: str, view: GroupView) -> str:
    """A rendered story with its group split: a `groups` key in JSON, a section otherwise."""
    if fmt == "json":
        import json

        from storyledger.model import to_dict

        data = json.loads(rendered)
        data["groups"] = to_dict(view)
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if fmt == "html":
        from html import escape

        body = f'<section class="groups"><pre>{escape(render_groups_text(view))}</pre></section>'
        return rendered.replace("</main>", body + "\n</main>", 1)
    return rendered.rstrip("\n") + "\n\n" + render_groups_text(view)
