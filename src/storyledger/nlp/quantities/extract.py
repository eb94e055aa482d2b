"""Numeric facts in a Doc: value, interval, qualifier, unit, counted noun, event and source.

Numbers are found by runs.py, dropped by filters.py, joined into ranges here ("10-20",
"between 10 and 20", "from ten to twenty", "two or three"), hedged by the phrases of
hedges.py (the interval each hedge means is storyledger/hedges.py), given a unit by units.py,
a counted noun and event by counted.py and a source by sources.py; merge.py then joins the
figures that are one.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from storyledger.hedges import bounds as hedge_bounds
from storyledger.model import Claim, Quantity, Quote
from storyledger.nlp.datafiles import data_json
from storyledger.nlp.quantities.counted import counted_noun, counted_text, event_of, participle_of
from storyledger.nlp.quantities.filters import (
    duration_follows,
    filter_words,
    phone_like,
    range_joins,
    skip,
    under_change,
)
from storyledger.nlp.quantities.hedges import hedge_around, vague_table
from storyledger.nlp.quantities.merge import join_bounds, join_cents, share_units, tidy
from storyledger.nlp.quantities.numbers import NumberRun
from storyledger.nlp.quantities.phrases import match_after
from storyledger.nlp.quantities.runs import find_numbers
from storyledger.nlp.quantities.sources import attribution, source_spans
from storyledger.nlp.quantities.units import (
    currency_before,
    prefix_currency,
    unit_after,
    unit_table,
)


def extract_quantities(doc: Doc, quotes: list[Quote], claims: list[Claim]) -> list[Quantity]:
    """Every numeric fact in the doc with its hedge, unit, counted noun, event and source."""
    runs = find_numbers(doc)
    spans = source_spans(quotes, claims)
    used: set[int] = set()
    openers = data_json("quantities_qualifiers.json")["range_open"]
    out = _vague_figures(doc, spans, used)
    n = len(doc)
    k = 0
    while k < len(runs):
        run = runs[k]
        k += 1
        if run.start in used or skip(doc, run):
            continue
        if run.suffix and run.suffix != "%" and (run.suffix.lower(),) not in unit_table():
            continue  # "11a", "B52s": identifiers, not measures
        if run.prefix and prefix_currency(run.prefix) is None:
            continue  # "ABC123": an identifier
        first, last = run.start, run.end
        value: float | None = run.value
        qualifier = "exact"
        bounds: tuple[float | None, float | None] | None = None
        # ranges: "10-20", "between 10 and 20", "from ten to twenty", "two or three"
        if k < len(runs):
            nxt = runs[k]
            joiner = [t.text.lower() for t in doc[run.end : nxt.start]]
            if len(joiner) == 1 and joiner[0] in range_joins() and duration_follows(doc, nxt):
                used.update(range(run.start, nxt.end))  # "40 to 60 hours": a duration range
                k += 1
                continue
            lo_gap, hi_gap = run.end, nxt.start
            unit_a = unit_after(doc, lo_gap, False)  # "44 mg to 50 mg"
            if unit_a and unit_a[0] < hi_gap:
                lo_gap = unit_a[0]
            cur_b = currency_before(doc, nxt.start, lo_gap)  # "$350 to $680"
            if cur_b:
                hi_gap = cur_b[0]
            gap = [t.text.lower() for t in doc[lo_gap:hi_gap]]
            opener = doc[run.start - 1].lower_ if run.start > 0 else ""
            unit_b = unit_after(doc, nxt.end, False)
            same_unit = not unit_a or (unit_b is not None and unit_a[1] == unit_b[1])
            if (
                len(gap) == 1
                and gap[0] in range_joins()
                and (gap[0] not in ("and", "or") or opener == "between" or gap[0] == "or")
                and nxt.value > run.value
                and not skip(doc, nxt)
                and not phone_like(doc, run, nxt)
                and same_unit
                and (gap[0] != "and" or opener == "between")
                and not (gap[0] in ("to", "through") and under_change(doc[run.start]))
            ):
                bounds = (run.value, nxt.value)
                qualifier = "range"
                value = None
                last = nxt.end
                k += 1
                if opener in openers:
                    first = run.start - 1
                run = NumberRun(run.start, nxt.end, nxt.value, nxt.suffix, run.words)
        if run.low is not None and qualifier == "exact":  # "10–20" in one token
            bounds, qualifier, value = (run.low, run.value), "range", None
        used.update(range(first, last))
        # currency before the number ("$100m", "US$5bn", "EUR 40")
        unit: str | None = None
        cur = currency_before(doc, run.start, 0)
        if run.prefix:
            cur = (run.start, prefix_currency(run.prefix) or "")
        lead = first
        if cur:
            lead = min(first, cur[0])
            unit = cur[1]
        end = last
        if run.suffix:
            suffix = run.suffix.lower()
            unit = unit_table().get((suffix,), unit) or (run.suffix if run.suffix == "%" else unit)
            if unit is None:
                unit = run.suffix
        symbols = data_json("quantities_currencies.json")["symbols"]
        if (
            unit is None
            and end < n
            and doc[end].text in symbols
            and doc[end].text not in ("Rs", "Rs.", "Fr.", "CHF")
            and (end + 1 >= n or not doc[end + 1].like_num)
        ):
            unit = symbols[doc[end].text]
            end += 1
        if unit is None or cur:
            hit = unit_after(
                doc,
                end,
                doc[end - 1].lower_ in ("million", "billion", "m", "bn", "trillion", "mn", "k"),
            )
            if hit and (unit is None or hit[1] == unit):
                end, unit = hit[0], hit[1]
        if unit in ("USD-cent", "GBP-pence") and value is not None:
            unit = unit.split("-")[0]
            value = value / 100
            bounds = (
                (bounds[0] / 100, bounds[1] / 100)
                if bounds and bounds[0] is not None and bounds[1] is not None
                else bounds
            )
        # hedges before / after
        lead, end, qualifier, below = hedge_around(doc, lead, end, qualifier, min(first, run.start))
        anchor = doc[run.end - 1]
        if bounds is None and value is not None:
            bounds = hedge_bounds(qualifier, value, below)
        out.append(_make(doc, lead, end, anchor, value, bounds, qualifier, unit, spans))
    out.sort(key=lambda q: q.start)
    return share_units(doc, join_cents(doc, join_bounds(doc, out)))


def _vague_figures(
    doc: Doc, spans: list[tuple[int, int, list[str]]], used: set[int]
) -> list[Quantity]:
    """Vague plurals, read before the numbers: "dozens of whom", "tens of thousands"."""
    out: list[Quantity] = []
    vague = vague_table()
    heads = filter_words("vague_heads")
    i = 0
    n = len(doc)
    while i < n:
        low = doc[i].lower_
        if low in heads:
            hit = match_after(doc, i, vague, min(n, i + 4))  # type: ignore[arg-type]
            if hit and not (low == "scores" and (hit[0] >= n or doc[hit[0]].lower_ != "of")):
                end_tok, bounds = hit
                used.update(range(i, end_tok))
                out.append(
                    _make(doc, i, end_tok, doc[end_tok - 1], None, bounds, "vague", None, spans)
                )
                i = end_tok
                continue
        i += 1
    return out


def _make(
    doc: Doc,
    start: int,
    end: int,
    anchor: Token,
    value: float | None,
    bounds: tuple[float | None, float | None] | None,
    qualifier: str,
    unit: str | None,
    spans: list[tuple[int, int, list[str]]],
) -> Quantity:
    noun, via_of = (None, False) if unit and unit != "%" else counted_noun(doc, anchor, end)
    event = None
    base = anchor if via_of or noun is None else noun
    if noun is not None:
        event = participle_of(noun)
    if event is None:
        event = event_of(base)
    span = doc[start:end]
    sources, mention = attribution(doc, span.start_char, span.end_char, anchor, spans)
    low, high = bounds if bounds else (None, None)
    value, low, high = (tidy(v) for v in (value, low, high))
    return Quantity(
        text=span.text,
        value=value,
        low=low,
        high=high,
        qualifier=qualifier,  # type: ignore[arg-type]
        unit=unit,
        counts=counted_text(noun) if noun is not None else None,
        attributed_to=sources[0] if sources else None,
        start=span.start_char,
        end=span.end_char,
        sources=sources,
        event=event,
        source_mention=mention,
    )
