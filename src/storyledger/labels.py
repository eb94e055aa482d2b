"""How a record reads as a short label (a figure's value, an outlet's name, a source chain):
one rule each, below every layer, so the library's research side and the report shells
print a record the same way."""

from __future__ import annotations

from storyledger.model import Article, FactEntry, Quantity

QUALIFIER_WORDS = {
    "exact": "",
    "at_least": "at least",
    "more_than": "more than",
    "at_most": "up to",
    "less_than": "fewer than",
    "approximately": "about",
    "vague": "vaguely",
    "range": "range",
}


def outlet_label(article: Article | None, article_id: str) -> str:
    """The outlet's name, or the article id when the text names no outlet (never guessed)."""
    if article is not None and article.outlet:
        return article.outlet
    return f"[{article_id}]"


def chain(sources: list[str]) -> str:
    """Innermost source first, as a reader follows it: Hamas ← Amir-Abdollahian ← The National."""
    return " ← ".join(sources) if sources else "outlet's own voice"


def figure_source(q: Quantity, own_voice: str = "outlet's own voice") -> str:
    """Who states a figure: its chain; an unnamed speaker when the source is a pronoun that
    stands for nobody named ("He said 14 ..."); else the outlet's own voice."""
    if q.sources:
        return chain(q.sources)
    if q.attributed_to:
        return q.attributed_to
    if q.source_mention:
        return f"an unnamed speaker (\u201c{q.source_mention}\u201d)"
    return own_voice


def number(value: float | None) -> str:
    if value is None:
        return "?"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def entry_value(entry: FactEntry) -> str:
    if entry.qualifier == "range":
        return f"{number(entry.low)}–{number(entry.high)}"
    if entry.qualifier == "vague":
        return entry.text
    word = QUALIFIER_WORDS.get(entry.qualifier or "exact", entry.qualifier or "")
    return f"{word} {number(entry.value)}".strip()


def quantity_value(q: Quantity) -> str:
    if q.qualifier == "range":
        return f"{number(q.low)}–{number(q.high)}"
    if q.qualifier == "vague" or q.value is None:
        return q.text
    word = QUALIFIER_WORDS.get(q.qualifier, q.qualifier)
    unit = f" {q.unit}" if q.unit else ""
    return f"{word} {number(q.value)}{unit}".strip()
