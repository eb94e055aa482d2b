"""Numbers that are no facts to report: years, dates, clock times, codes and phone numbers,
scores, ranks and labels, ages, names, the pronoun 'one', durations (the dates module's).

Words: data/quantities_filters.json.
"""

from __future__ import annotations

import functools
import re

from spacy.tokens import Doc, Token

from storyledger.hedges import LOWER_BOUNDED, UPPER_BOUNDED
from storyledger.nlp.datafiles import data_json, data_lines
from storyledger.nlp.quantities.hedges import qualifier_phrases
from storyledger.nlp.quantities.numbers import NumberRun
from storyledger.nlp.quantities.phrases import match_before
from storyledger.nlp.quantities.units import currency_before, unit_table

BOUNDS = LOWER_BOUNDED | UPPER_BOUNDED
NAME_LABELS = {"PRODUCT", "ORG", "FAC", "WORK_OF_ART", "LAW", "EVENT", "PERSON", "GPE", "LOC"}


@functools.cache
def filter_words(kind: str) -> frozenset[str]:
    """A word list of data/quantities_filters.json."""
    return frozenset(data_json("quantities_filters.json")[kind])


@functools.cache
def range_joins() -> frozenset[str]:
    """Words between the two figures of a range ('10 to 20', '10-20')."""
    return frozenset(data_json("quantities_qualifiers.json")["range_join"])


def _is_year(doc: Doc, run: NumberRun) -> bool:
    tok = doc[run.start]
    if run.end - run.start != 1 or not re.fullmatch(r"\d{4}", tok.text):
        return False
    if not 1500 <= run.value <= 2100:
        return False
    if tok.i >= 1 and doc[tok.i - 1].lower_ in filter_words("comparatives"):
        return False  # "below 1500", "more than 2000": a bound, not a year
    if (
        tok.i >= 2
        and doc[tok.i - 1].lower_ in range_joins()
        and doc[tok.i - 2].like_num
        and not (
            re.fullmatch(r"\d{4}", doc[tok.i - 2].text) and 1500 <= int(doc[tok.i - 2].text) <= 2100
        )
    ):
        return False  # "between 1000 and 2000 people": the partner is no year
    head = tok.head
    counted = tok.dep_ == "nummod" and head.pos_ == "NOUN" and head.tag_ == "NNS"
    return not counted or tok.ent_type_ == "DATE"


_CODE = re.compile(r"[+(]?\d[\d()\s.-]*\d")


@functools.lru_cache(maxsize=1)
def doc_text(doc: Doc) -> str:
    """doc.text, kept for the doc in hand (a Doc hashes by identity): spaCy rebuilds the
    string on every access."""
    return doc.text


def _is_code(doc: Doc, run: NumberRun) -> bool:
    """Phone numbers and other hyphenated digit codes: '555-0142', '+1-222-2222'."""
    span = doc[run.start : run.end]
    text = doc_text(doc)
    lo, hi = max(0, span.start_char - 20), min(len(text), span.end_char + 20)
    for m in _CODE.finditer(text, lo, hi):
        if m.start() <= span.start_char and span.end_char <= m.end():
            groups = re.findall(r"\d+", m.group())
            dashed = "-" in m.group() and not re.search(r"\s-|-\s", m.group())
            if dashed and (
                len(groups) >= 3 or any(g.startswith("0") and len(g) > 1 for g in groups)
            ):
                return True
            return bool(re.fullmatch(r"\+?\d{3}-\d{4}", m.group()))
    return False


def _bare_entity(doc: Doc, run: NumberRun) -> bool:
    """Whether the named entity over a number is NER noise: the number alone and of a kind no
    bare number can be ("½" tagged LOC), or the number and a comparison sign ("≤ 30" tagged
    LAW). A lone "737" tagged PRODUCT stays a name."""
    for ent in doc.ents:
        if ent.start <= run.start < ent.end:
            alone = run.start <= ent.start and ent.end <= run.end
            signs = [t for t in ent if not run.start <= t.i < run.end]
            if signs and all(t.text in filter_words("comparison_signs") for t in signs):
                return True
            return alone and ent.label_ in ("LOC", "GPE", "PERSON", "FAC", "EVENT")
    return False


def skip(doc: Doc, run: NumberRun) -> bool:
    """Numbers that are not facts: years, dates, times, names, list markers, pronoun 'one'."""
    first = doc[run.start]
    if _is_code(doc, run):
        return True
    prev = doc[run.start - 1] if run.start > 0 else None
    nxt = doc[run.end] if run.end < len(doc) else None
    if _is_year(doc, run):
        return True
    before = doc_text(doc)[max(0, first.idx - 6) : first.idx]
    if re.search(r"(?:\bNo|\bno|\bNr|#)\.?\s*$", before):
        return True  # "the No. 3 position", "#5": ranks and labels
    if _tally(doc, run):
        return True
    if (
        prev is not None
        and prev.text == ","
        and run.start >= 2
        and doc[run.start - 2].ent_type_ == "PERSON"
        and (nxt is None or nxt.is_punct)
    ):
        return True  # "Stephen Breyer, 87;": an age
    if prev is not None and prev.lower_ in filter_words("months") and prev.text[:1].isupper():
        return True
    if nxt is not None and nxt.lower_ in filter_words("months") and nxt.text[:1].isupper():
        return True
    if nxt is not None and (nxt.lower_ in filter_words("time_after") or nxt.text == ":"):
        return True
    if prev is not None and prev.text == ":" and run.start >= 2 and doc[run.start - 2].like_num:
        return True
    if prev is not None and prev.lower_ in (
        "no.",
        "number",
        "no",
        "#",
        "page",
        "article",
        "section",
    ):
        return prev.lower_ != "no" or first.pos_ == "NUM"
    if (
        first.ent_type_ in NAME_LABELS
        and run.suffix is None
        and not _bare_entity(doc, run)
        and currency_before(doc, run.start, 0) is None  # "GBP 350" tagged PRODUCT
        and not run.prefix
    ):
        return True
    if (
        run.words
        and run.value == 1
        and run.end - run.start == 1
        and (
            first.dep_ != "nummod"
            or (
                nxt is not None and nxt.lower_ in data_json("quantities_numbers.json")["one_idioms"]
            )
        )
    ):
        return True  # "one of the", "at one point": not a count
    if run.suffix is not None:
        return False
    if (
        run.words
        and nxt is not None
        and nxt.text == "-"
        and not nxt.whitespace_
        and not first.whitespace_
        and run.end + 1 < len(doc)
        and doc[run.end + 1].is_lower
        and (doc[run.end + 1].lower_,) not in unit_table()
    ):
        return True  # "one-time", "two-state": a compound adjective, not a count
    # durations and ages ("three years", "10 days", "30-year-old") belong to the dates module,
    # unless a bound hedges them ("more than thirty years old"): the dates module keeps no hedge
    k = run.end
    if k < len(doc) and doc[k].text == "-" and not doc[k].whitespace_:
        k += 1
    if not (k < len(doc) and doc[k].lemma_.lower() in filter_words("time_units")):
        return False
    hedge = match_before(doc, run.start, qualifier_phrases("before"), max(0, run.start - 6))
    return hedge is None or hedge[1] not in BOUNDS


def under_change(tok: Token) -> bool:
    """Whether a verb of change governs the number: 'fell $1 to $13', 'rose from 10 to 20'."""
    verbs = data_lines("quantities_change_verbs.txt")
    node = tok
    for _ in range(4):
        if node.dep_ in ("nsubj", "nsubjpass"):
            return False  # "ten to twenty boats sank": the count is what changed hands
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            return node.lemma_.lower() in verbs
    return False


def duration_follows(doc: Doc, run: NumberRun) -> bool:
    k = run.end
    if k < len(doc) and doc[k].text == "-" and not doc[k].whitespace_:
        k += 1
    return k < len(doc) and doc[k].lemma_.lower() in filter_words("time_units")


def _tally(doc: Doc, run: NumberRun) -> bool:
    """'confirmed 98-0', 'a 52-48 split', '5-4 decisions': scores and tallies, not counts."""
    span = doc[run.start : run.end]
    text = doc_text(doc)
    m = _TALLY.search(text, max(0, span.start_char - 6), min(len(text), span.end_char + 6))
    if not m or not (m.start() <= span.start_char and span.end_char <= m.end()):
        return False
    return int(m.group(1)) >= int(m.group(2))


_TALLY = re.compile(r"(?<![\d,.-])(\d{1,3})-(\d{1,3})(?![\d,.%-])")


def phone_like(doc: Doc, run: NumberRun, nxt: NumberRun) -> bool:
    """'+1-222-2222': digit groups chained by hyphens are an identifier, not a range."""
    after = doc[nxt.end] if nxt.end < len(doc) else None
    before = doc[run.start - 1] if run.start > 0 else None
    return (
        doc[run.start].text.startswith("+")
        or (after is not None and after.text == "-")
        or (before is not None and before.text == "-")
    )
