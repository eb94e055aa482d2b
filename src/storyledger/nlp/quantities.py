"""Numeric facts: value, interval, qualifier, unit, counted noun and source.

Interval semantics (the one place they are defined; see ../shared/notes/comparison-semantics.md):

- exact: "199 hostages", "exactly 12" -> value v, [v, v]
- at_least: "at least", "no fewer than", "or more" -> v, [v, None (open)]
- more_than: "more than", "over", "upwards of" -> v, [v (excluded), None]
- at_most: "up to", "as many as", "no more than" -> v, [0, v]
- less_than: "fewer than", "less than", "under" -> v, [0, v (excluded)]
- approximately: "around", "roughly", "about", "some", "an estimated" -> v, [0.9 v, 1.1 v];
  "nearly", "almost" (just below the figure) -> v, [0.9 v, v]
- vague: "dozens", "hundreds" (data/quantities_vague.json) -> None, [24, 99], [200, 999]
- range: "between 10 and 20", "10-20", "10–20", "from 10 to 20", "more than 10 but fewer
  than 20", "more than 10, less than 20" -> None, [10, 20] (open or closed ends are not recorded)

A list of bare figures takes the unit its last figure states ("45 and 50 mg"); an amount in
two parts is one ("thirteen dollars and forty-five cents", "15 dollars 50").

Hedge words live in data/quantities_qualifiers.json.
"up to" and "as many as" are both at_most: each states a ceiling. "nearly"/"almost" stay
"approximately" (the contract has no separate qualifier) with a band that ends at the figure.
"X confirmed that 199 hostages are held" attributes the figure to X, like "X said": the
figure is X's, the outlet only reports it.
"""

from __future__ import annotations

import dataclasses
import functools
import re

from spacy.tokens import Doc, Span, Token

from storyledger.model import Claim, Quantity, Quote
from storyledger.nlp.datafiles import data_json, data_lines
from storyledger.nlp.figure_sources import (
    counted_text,
    estimated_by,
    level_subject,
    noun_after_state,
    pronoun_kind,
    resolve_sources,
    role_noun,
    subjectless_speaker,
)
from storyledger.nlp.numbers import NumberRun, find_numbers, merge_pairs

MONTHS = {
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "jan.",
    "feb.",
    "mar.",
    "apr.",
    "jun.",
    "jul.",
    "aug.",
    "sep.",
    "sept.",
    "oct.",
    "nov.",
    "dec.",
}
TIME_AFTER = {
    "am",
    "pm",
    "a.m.",
    "p.m.",
    "gmt",
    "utc",
    "est",
    "edt",
    "bst",
    "cet",
    "o'clock",
    "hrs",
}
TIME_UNITS = {
    "second",
    "minute",
    "hour",
    "day",
    "week",
    "weekend",
    "month",
    "year",
    "decade",
    "century",
    "fortnight",
    "night",
    "morning",
    "quarter",
    "term",
    "season",
}
NAME_LABELS = {"PRODUCT", "ORG", "FAC", "WORK_OF_ART", "LAW", "EVENT", "PERSON", "GPE", "LOC"}
BOUNDARY_DEPS = {"relcl", "acl", "advcl", "ccomp", "parataxis", "csubj", "xcomp"}
EVENT_SKIP = {
    "be",
    "include",
    "have",
    "do",
    "reach",
    "number",
    "total",
    "stand",
    "compare",
}
STATE_WORDS = "quantities_state_words.txt"
RANGE_JOIN = {"-", "–", "—", "~", "to", "and", "or", "through", "thru"}


@functools.cache
def _phrases(kind: str) -> dict[tuple[str, ...], str]:
    """Qualifier phrases as lower-case token tuples, for matching on the Doc."""
    return {tuple(k.split()): v for k, v in data_json("quantities_qualifiers.json")[kind].items()}


@functools.cache
def _vague() -> dict[tuple[str, ...], tuple[float, float]]:
    data = data_json("quantities_vague.json")
    return {tuple(k.split()): (v[0], v[1]) for k, v in data.items() if not k.startswith("_")}


@functools.cache
def _units() -> dict[tuple[str, ...], str]:
    out: dict[tuple[str, ...], str] = {}
    for symbol, forms in data_json("quantities_units.json")["units"].items():
        for form in forms:
            out[tuple(form.lower().split())] = symbol
    for word, code in data_json("quantities_currencies.json")["words"].items():
        out[tuple(word.split())] = code
    for code in data_json("quantities_currencies.json")["codes"]:
        out[(code.lower(),)] = "CNY" if code == "RMB" else "ILS" if code == "NIS" else code
    return out


def interval(
    qualifier: str, value: float, below: bool = False
) -> tuple[float | None, float | None]:
    """The [low, high] a hedged figure allows (table in the module docstring)."""
    if qualifier in ("at_least", "more_than"):
        return value, None
    if qualifier in ("at_most", "less_than"):
        return 0.0, value
    if qualifier == "approximately":
        return round(value * 0.9, 6), value if below else round(value * 1.1, 6)
    return value, value


def _match_before(
    doc: Doc, end: int, table: dict[tuple[str, ...], str], lo: int
) -> tuple[int, str] | None:
    """The longest phrase of `table` ending right before token `end` (not before `lo`);
    runs of extra spaces (their own tokens) are passed over."""
    idx = []
    k = end - 1
    while k >= lo and len(idx) < 6:
        if not doc[k].is_space:
            idx.append(k)
        k -= 1
    idx.reverse()
    for size in (6, 5, 4, 3, 2, 1):
        if size > len(idx):
            continue
        picked = idx[-size:]
        key = tuple(doc[x].lower_ for x in picked)
        if key in table:
            return picked[0], table[key]
    return None


def _match_after(
    doc: Doc, start: int, table: dict[tuple[str, ...], str], hi: int
) -> tuple[int, str] | None:
    for size in (4, 3, 2, 1):
        end = start + size
        if end > hi:
            continue
        key = tuple(t.lower_ for t in doc[start:end])
        if key in table:
            return end, table[key]
    return None


def _prefix_currency(prefix: str) -> str | None:
    """The currency of a prefix glued to a figure ('HK$' -> HKD, 'USD' -> USD), if any."""
    cur = data_json("quantities_currencies.json")
    symbols = {k.lower(): v for k, v in cur["symbols"].items()}
    if prefix.lower() in symbols:
        return symbols[prefix.lower()]
    if prefix in cur["codes"]:
        return {"RMB": "CNY", "NIS": "ILS"}.get(prefix, prefix)
    return None


def _currency_before(doc: Doc, i: int, lo: int) -> tuple[int, str] | None:
    """A currency symbol or code right before token i: '$', 'US$', 'USD', 'US $'."""
    cur = data_json("quantities_currencies.json")
    if i - 1 < lo:
        return None
    prev = doc[i - 1].text
    if prev in cur["symbols"]:
        start = i - 1
        before = doc[start - 1].text.upper() if start - 1 >= lo else ""
        prefixed = {
            "US": "USD",
            "U.S.": "USD",
            "A": "AUD",
            "C": "CAD",
            "HK": "HKD",
            "NZ": "NZD",
            "S": "SGD",
            "CAD": "CAD",
            "MXN": "MXN",
            "MEX": "MXN",
            "AU": "AUD",
        }
        if (
            prev == "$"
            and doc[start - 1].text in prefixed
            and (len(before) > 1 or not doc[start - 1].whitespace_)  # "A $5 grant": an article
        ):
            return start - 1, prefixed[before]
        return start, cur["symbols"][prev]
    if re.fullmatch(r"[A-Za-z]{1,3}\$", prev) and prev.lower() in {
        k.lower() for k in cur["symbols"]
    }:
        return i - 1, {k.lower(): v for k, v in cur["symbols"].items()}[prev.lower()]
    if prev in cur["codes"]:
        return i - 1, {"RMB": "CNY", "NIS": "ILS"}.get(prev, prev)
    return None


_COMPARATIVES = {
    "than",
    "below",
    "above",
    "under",
    "exceeding",
    "exceed",
    "exceeds",
    "nearly",
    "almost",
    "roughly",
    "approximately",
    "least",
    "most",
    "upwards",
}
_OR_EQUAL = {("or", "equal", "to"): "", ("or", "equal"): ""}


def _is_year(doc: Doc, run: NumberRun) -> bool:
    tok = doc[run.start]
    if run.end - run.start != 1 or not re.fullmatch(r"\d{4}", tok.text):
        return False
    if not 1500 <= run.value <= 2100:
        return False
    if tok.i >= 1 and doc[tok.i - 1].lower_ in _COMPARATIVES:
        return False  # "below 1500", "more than 2000": a bound, not a year
    if (
        tok.i >= 2
        and doc[tok.i - 1].lower_ in RANGE_JOIN
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
_LAST_TEXT: tuple[Doc | None, str] = (None, "")


def _doc_text(doc: Doc) -> str:
    """doc.text, kept for the doc in hand: spaCy rebuilds the string on every access."""
    global _LAST_TEXT
    last = _LAST_TEXT
    if last[0] is doc:
        return last[1]
    text = doc.text
    _LAST_TEXT = (doc, text)
    return text


def _is_code(doc: Doc, run: NumberRun) -> bool:
    """Phone numbers and other hyphenated digit codes: '555-0142', '+1-222-2222'."""
    span = doc[run.start : run.end]
    text = _doc_text(doc)
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
    """Whether the named entity over a number is the number alone and of a kind no bare
    number can be ("½" tagged LOC): NER noise. A lone "737" tagged PRODUCT stays a name."""
    for ent in doc.ents:
        if ent.start <= run.start < ent.end:
            alone = run.start <= ent.start and ent.end <= run.end
            return alone and ent.label_ in ("LOC", "GPE", "PERSON", "FAC", "EVENT")
    return False


def _skip(doc: Doc, run: NumberRun) -> bool:
    """Numbers that are not facts: years, dates, times, names, list markers, pronoun 'one'."""
    first = doc[run.start]
    if _is_code(doc, run):
        return True
    prev = doc[run.start - 1] if run.start > 0 else None
    nxt = doc[run.end] if run.end < len(doc) else None
    if _is_year(doc, run):
        return True
    before = _doc_text(doc)[max(0, first.idx - 6) : first.idx]
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
    if prev is not None and prev.lower_ in MONTHS and prev.text[:1].isupper():
        return True
    if nxt is not None and nxt.lower_ in MONTHS and nxt.text[:1].isupper():
        return True
    if nxt is not None and (nxt.lower_ in TIME_AFTER or nxt.text == ":"):
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
        and _currency_before(doc, run.start, 0) is None  # "GBP 350" tagged PRODUCT
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
        and (doc[run.end + 1].lower_,) not in _units()
    ):
        return True  # "one-time", "two-state": a compound adjective, not a count
    # durations and ages ("three years", "10 days", "30-year-old") belong to the dates module
    k = run.end
    if k < len(doc) and doc[k].text == "-" and not doc[k].whitespace_:
        k += 1
    return k < len(doc) and doc[k].lemma_.lower() in TIME_UNITS


def _under_change(tok: Token) -> bool:
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


def _duration_follows(doc: Doc, run: NumberRun) -> bool:
    k = run.end
    if k < len(doc) and doc[k].text == "-" and not doc[k].whitespace_:
        k += 1
    return k < len(doc) and doc[k].lemma_.lower() in TIME_UNITS


def _tally(doc: Doc, run: NumberRun) -> bool:
    """'confirmed 98-0', 'a 52-48 split', '5-4 decisions': scores and tallies, not counts."""
    span = doc[run.start : run.end]
    text = _doc_text(doc)
    m = _TALLY.search(text, max(0, span.start_char - 6), min(len(text), span.end_char + 6))
    if not m or not (m.start() <= span.start_char and span.end_char <= m.end()):
        return False
    return int(m.group(1)) >= int(m.group(2))


_TALLY = re.compile(r"(?<![\d,.-])(\d{1,3})-(\d{1,3})(?![\d,.%-])")


def _phone(doc: Doc, run: NumberRun, nxt: NumberRun) -> bool:
    """'+1-222-2222': digit groups chained by hyphens are an identifier, not a range."""
    after = doc[nxt.end] if nxt.end < len(doc) else None
    before = doc[run.start - 1] if run.start > 0 else None
    return (
        doc[run.start].text.startswith("+")
        or (after is not None and after.text == "-")
        or (before is not None and before.text == "-")
    )


def _counted(doc: Doc, anchor: Token, end: int) -> tuple[Token | None, bool]:
    """The noun a number counts: its nummod head, 'X of (the) Y', or the plural noun after it.

    The flag says the noun came through 'of' ("dozens of whom"): the number, not the noun,
    is then what the verb governs."""
    if (
        end + 1 < len(doc)
        and doc[end].text == "-"
        and not doc[end].whitespace_
        and not doc[end - 1].whitespace_
        and doc[end + 1].pos_ == "NOUN"
    ):
        return doc[end + 1], False  # "a 225-page report" counts pages
    tok = anchor
    for _ in range(3):
        if (
            tok.dep_ in ("nummod", "quantmod", "compound", "amod")
            and tok.head.i >= end
            and tok.head.pos_ in ("NOUN", "PROPN")
        ):
            noun = tok.head
            while noun.dep_ == "compound" and noun.head.i > noun.i and noun.head.i - noun.i < 4:
                noun = noun.head  # "Twelve Arab League nations" counts nations
            return noun, False
        if (
            tok.head.i < end
            and tok.head.i >= anchor.i - 4
            and tok.head is not tok
            and tok.head.like_num
        ):
            tok = tok.head
            continue
        break
    for child in anchor.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            pobj = [c for c in child.children if c.dep_ == "pobj"]
            if pobj:
                return _resolve(pobj[0]), True
    if end < len(doc):
        nxt = doc[end]
        if nxt.lower_ == "of" and end + 1 < len(doc):
            for tok in doc[end + 1 : min(len(doc), end + 5)]:
                if tok.pos_ in ("NOUN", "PROPN", "PRON") and tok.dep_ == "pobj":
                    return _resolve(tok), True
        if nxt.pos_ in ("NOUN", "PROPN") and nxt.tag_ in ("NNS", "NNPS") and not nxt.is_title:
            return nxt, False
        if (
            nxt.pos_ in ("NOUN", "PROPN")
            and nxt.tag_ in ("NNS", "NNPS")
            and nxt.ent_type_ == "NORP"
        ):
            return nxt, False
        state = noun_after_state(doc, end)
        if state is not None:
            return state, False
        if nxt.lower_ in ("and", "or") and end + 1 < len(doc) and doc[end + 1].like_num:
            # "18 and 15 reported deaths": the figures share the last one's noun
            j = end + 1
            while j + 1 < len(doc) and doc[j + 1].like_num:
                j += 1
            shared, _ = _counted(doc, doc[j], j + 1)
            if shared is not None:
                return shared, False
    level = level_subject(anchor)
    if level is not None:
        return level, False
    return None, False


def _resolve(tok: Token) -> Token | None:
    """'whom' in 'the hostages, dozens of whom...' is the hostages; other pronouns stay unknown."""
    if tok.pos_ != "PRON":
        return tok
    if tok.lower_ in ("whom", "which"):
        for anc in tok.ancestors:
            if anc.dep_ == "relcl":
                return anc.head if anc.head.pos_ in ("NOUN", "PROPN") else None
        # the parse missed the relative clause: "the hostages, dozens of whom ..."
        i = tok.i - 1
        while i > 0 and tok.doc[i].text != "," and tok.i - i < 6:
            i -= 1
        if i > 0 and tok.doc[i].text == "," and tok.doc[i - 1].pos_ in ("NOUN", "PROPN"):
            return tok.doc[i - 1]
    return None


def _event(start: Token) -> str | None:
    """The lemma of the verb a count hangs on, without crossing into another clause."""
    tok = start
    for _ in range(8):
        if tok.pos_ == "VERB" and tok.lemma_.lower() not in EVENT_SKIP:
            for child in tok.children:  # "were confirmed dead": the state is the event
                if child.dep_ in ("acomp", "oprd") and child.lower_ in data_lines(STATE_WORDS):
                    return child.lower_
            return tok.lemma_.lower()
        if tok.lemma_.lower() == "be" and tok.pos_ in ("AUX", "VERB"):
            return None
        if tok.dep_ in BOUNDARY_DEPS and tok.pos_ in ("VERB", "AUX"):
            return None
        if tok.head is tok:
            return None
        tok = tok.head
    return None


def _participle(noun: Token) -> str | None:
    """A participle hung on the counted noun: '6,000 Palestinians held in Israeli prisons'."""
    for child in noun.children:
        if child.dep_ == "acl" and child.tag_ == "VBN" and child.lemma_.lower() not in EVENT_SKIP:
            return child.lemma_.lower()
    return None


def _phrase(tok: Token) -> str | None:
    """The name a source token stands for: 'the Foreign Ministry' -> 'Foreign Ministry'."""
    if tok.pos_ == "PRON":
        return None
    keep = {"compound", "flat", "amod", "poss", "case", "det", "nmod"}
    left = tok
    for child in tok.lefts:
        if child.dep_ in keep:
            left = min(left, child.left_edge, key=lambda t: t.i)
            break
    toks = [t for t in tok.doc[left.i : tok.i + 1] if not t.is_space]
    while toks and (toks[0].dep_ == "det" or toks[0].pos_ in ("DET", "PUNCT")):
        toks = toks[1:]
    if tok.ent_type_ and tok.ent_iob_ != "O":
        # extend to the whole entity the head token belongs to
        for ent in tok.doc.ents:
            if ent.start <= tok.i < ent.end:
                ents = [t for t in ent if t.pos_ != "DET" and t.lower_ != "the" and not t.is_space]
                if ents and (not toks or ents[0].i <= toks[0].i):
                    toks = ents + [t for t in toks if t.i >= ent.end]
                break
    text = " ".join(t.text for t in toks)
    text = re.sub(r"\s+('s|’s)", r"\1", text)
    return text or None


def _acceptable_source(tok: Token) -> bool:
    if tok.pos_ == "PRON":
        return False
    if tok.pos_ == "PROPN" or tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        return True
    return tok.lemma_.lower() in data_lines("quantities_source_nouns.txt") or role_noun(tok)


def _according_to(sent: Span) -> str | None:
    for tok in sent:
        if tok.lower_ == "per" and tok.i + 1 < len(tok.doc):
            # "per Reuters": a named relayer ("$5 per share" names no one)
            pobj = [c for c in tok.children if c.dep_ == "pobj"] or [tok.doc[tok.i + 1]]
            if pobj[0].pos_ == "PROPN" or pobj[0].ent_type_ in ("ORG", "PERSON", "NORP"):
                return _phrase(pobj[0])
        if (
            tok.lower_ == "according"
            and tok.i + 1 < len(tok.doc)
            and tok.doc[tok.i + 1].lower_ == "to"
        ):
            to = tok.doc[tok.i + 1]
            pobj = [c for c in to.children if c.dep_ == "pobj"]
            if pobj and _acceptable_source(pobj[0]):
                return _phrase(pobj[0])
    return None


def _reported_by(anchor: Token) -> str | None:
    """'Israel confirmed that 199 hostages are held' -> 'Israel': the subject of a reporting
    verb whose complement holds the number. Pronoun subjects stay unresolved (None)."""
    verbs = data_lines("quantities_reporting_verbs.txt")
    tok = anchor
    passed_clause = False
    for _ in range(12):
        if tok.dep_ in ("ccomp", "parataxis", "advcl") or (
            tok.dep_ == "xcomp" and tok.pos_ == "VERB"
        ):
            passed_clause = True
        head = tok.head
        if head is tok:
            break
        if (
            head.lemma_.lower() in verbs
            and head.pos_ == "VERB"
            and (passed_clause or tok.dep_ in ("ccomp", "parataxis"))
        ):
            subjects = [c for c in head.children if c.dep_ == "nsubj"]
            if not subjects and head.i > anchor.i:
                speaker = subjectless_speaker(head, _acceptable_source)
                if speaker is not None:
                    return _phrase(speaker)
            for child in subjects:
                if _acceptable_source(child):
                    return _phrase(child)
                if child.pos_ == "PRON" and pronoun_kind(child.text):
                    return child.text  # resolved against the sources before it
                described = f"the {child.lemma_.lower()}"
                if child.pos_ == "NOUN" and pronoun_kind(described):
                    return described  # "the billionaire added": resolved the same way
            # "Dardak said the data showed ...": a thing that shows is no source; go on up
        tok = head
    # "50 were killed, police said": the reporting verb is a child of the number's clause
    root = anchor.sent.root
    for child in root.children:
        if (
            child.dep_ in ("parataxis", "ccomp")
            and child.lemma_.lower() in verbs
            and child.i > anchor.i
        ):
            for sub in child.children:
                if sub.dep_ == "nsubj" and _acceptable_source(sub):
                    return _phrase(sub)
                if sub.dep_ == "nsubj" and sub.pos_ == "PRON" and pronoun_kind(sub.text):
                    return sub.text
    return None


def _attribution(
    doc: Doc, start: int, end: int, anchor: Token, spans: list[tuple[int, int, list[str]]]
) -> list[str]:
    inside = [s for s in spans if s[0] <= start and end <= s[1] and s[2]]
    if inside:
        found = list(min(inside, key=lambda s: s[1] - s[0])[2])
    else:
        source = (
            _according_to(anchor.sent)
            or estimated_by(anchor, _acceptable_source, _phrase)
            or _reported_by(anchor)
        )
        found = [source] if source else []
    return resolve_sources(doc, found, start, spans)


def _source_spans(quotes: list[Quote], claims: list[Claim]) -> list[tuple[int, int, list[str]]]:
    spans: list[tuple[int, int, list[str]]] = []
    for q in quotes:
        sources = list(q.sources) or ([q.speaker] if q.speaker else [])
        spans.append((q.start, q.end, sources))
    for c in claims:
        spans.append((c.start, c.end, list(c.sources)))
    return spans


def _unit_after(doc: Doc, j: int, lo_multiplier: bool) -> tuple[int, str] | None:
    """A unit or currency word right after token j: 'km', 'per cent', 'US dollars'."""
    n = len(doc)
    k = j
    if k < n and doc[k].text == "-" and not doc[k - 1].whitespace_:  # "16-meter"
        k += 1
    found = _match_after(doc, k, _units(), min(n, k + 4))
    if not found and k < n and doc[k].lower_ in ("in", "in."):
        # "2 1/2 in thick", "2 in.": inches; "2 in Paris" is a preposition
        follower = doc[k + 1].lower_ if k + 1 < n else "."
        if (
            doc[k].lower_ == "in."
            or follower in data_json("quantities_units.json")["inch_in_before"]
        ):
            return k + 1, "in"
    if not found:
        return None
    end, unit = found
    words = " ".join(t.lower_ for t in doc[k:end])
    if unit == "GBP" and words in ("pound", "pounds") and not lo_multiplier:
        unit = "lb"
    if words in ("p", "m", "g", "l", "t", "ha") and doc[k - 1].whitespace_:
        follower = doc[end].lower_ if end < n else "."
        metre = (
            follower in data_json("quantities_units.json")["inch_in_before"] and follower != "of"
        )
        if not (words == "m" and metre):
            return None  # "5 m" / "10 p" are too ambiguous with a space ("a 5 m wall" is not)
    return end, unit


def extract_quantities(doc: Doc, quotes: list[Quote], claims: list[Claim]) -> list[Quantity]:
    """Every numeric fact in the doc with its hedge, unit, counted noun, event and source."""
    runs = find_numbers(doc)
    spans = _source_spans(quotes, claims)
    out: list[Quantity] = []
    used: set[int] = set()
    vague = _vague()
    before = _phrases("before")
    after = _phrases("after")
    below_band = set(data_json("quantities_qualifiers.json")["below_band"])
    # vague plurals first: "dozens of whom", "tens of thousands"
    i = 0
    n = len(doc)
    while i < n:
        low = doc[i].lower_
        if low in (
            "dozens",
            "hundreds",
            "thousands",
            "millions",
            "billions",
            "scores",
            "tens",
            "few",
            "several",
            "handful",
            "a",
        ):
            hit = _match_after(doc, i, vague, min(n, i + 4))  # type: ignore[arg-type]
            if hit and not (low == "scores" and (hit[0] >= n or doc[hit[0]].lower_ != "of")):
                end_tok, bounds = hit
                used.update(range(i, end_tok))
                out.append(
                    _make(doc, i, end_tok, doc[end_tok - 1], None, bounds, "vague", None, spans)
                )
                i = end_tok
                continue
        i += 1
    k = 0
    while k < len(runs):
        run = runs[k]
        k += 1
        if run.start in used or _skip(doc, run):
            continue
        if run.suffix and run.suffix != "%" and (run.suffix.lower(),) not in _units():
            continue  # "11a", "B52s": identifiers, not measures
        if run.prefix and _prefix_currency(run.prefix) is None:
            continue  # "ABC123": an identifier
        first, last = run.start, run.end
        value: float | None = run.value
        qualifier = "exact"
        bounds: tuple[float | None, float | None] | None = None
        # ranges: "10-20", "between 10 and 20", "from ten to twenty", "two or three"
        if k < len(runs):
            nxt = runs[k]
            joiner = [t.text.lower() for t in doc[run.end : nxt.start]]
            if len(joiner) == 1 and joiner[0] in RANGE_JOIN and _duration_follows(doc, nxt):
                used.update(range(run.start, nxt.end))  # "40 to 60 hours": a duration range
                k += 1
                continue
            lo_gap, hi_gap = run.end, nxt.start
            unit_a = _unit_after(doc, lo_gap, False)  # "44 mg to 50 mg"
            if unit_a and unit_a[0] < hi_gap:
                lo_gap = unit_a[0]
            cur_b = _currency_before(doc, nxt.start, lo_gap)  # "$350 to $680"
            if cur_b:
                hi_gap = cur_b[0]
            gap = [t.text.lower() for t in doc[lo_gap:hi_gap]]
            opener = doc[run.start - 1].lower_ if run.start > 0 else ""
            unit_b = _unit_after(doc, nxt.end, False)
            same_unit = not unit_a or (unit_b is not None and unit_a[1] == unit_b[1])
            if (
                len(gap) == 1
                and gap[0] in RANGE_JOIN
                and (gap[0] not in ("and", "or") or opener == "between" or gap[0] == "or")
                and nxt.value > run.value
                and not _skip(doc, nxt)
                and not _phone(doc, run, nxt)
                and same_unit
                and (gap[0] != "and" or opener == "between")
                and not (gap[0] in ("to", "through") and _under_change(doc[run.start]))
            ):
                bounds = (run.value, nxt.value)
                qualifier = "range"
                value = None
                last = nxt.end
                k += 1
                if opener in ("between", "from"):
                    first = run.start - 1
                run = NumberRun(run.start, nxt.end, nxt.value, nxt.suffix, run.words)
        if run.low is not None and qualifier == "exact":  # "10–20" in one token
            bounds, qualifier, value = (run.low, run.value), "range", None
        used.update(range(first, last))
        # currency before the number ("$100m", "US$5bn", "EUR 40")
        unit: str | None = None
        cur = _currency_before(doc, run.start, 0)
        if run.prefix:
            cur = (run.start, _prefix_currency(run.prefix) or "")
        lead = first
        if cur:
            lead = min(first, cur[0])
            unit = cur[1]
        end = last
        if run.suffix:
            suffix = run.suffix.lower()
            unit = _units().get((suffix,), unit) or (run.suffix if run.suffix == "%" else unit)
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
            hit = _unit_after(
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
        below = False
        hit_a = _match_after(doc, end, after, min(n, end + 3)) if qualifier == "exact" else None
        if hit_a and hit_a[0] < n and (doc[hit_a[0]].like_num or doc[hit_a[0]].lower_ == "than"):
            hit_a = None  # "above 1000 and below 1500": the hedge belongs to the next number
        if hit_a:  # "500 or more" outranks a hedge before it ("about 500 or more")
            end, qualifier = hit_a
            equal = _match_before(doc, lead, before, max(0, lead - 3))
            if equal and equal[1] == "exact" and doc[equal[0]].lower_.startswith("equal"):
                lead = equal[0]  # "equal to 5000 or less": one bound, stated twice
        elif qualifier == "exact":
            hit_b = _match_before(doc, lead, before, max(0, lead - 6))
            if hit_b and hit_b[1] in ("more_than", "less_than"):
                # "more than 5000 or equal": the bound is closed after all
                tail = _match_after(doc, end, _OR_EQUAL, min(n, end + 4))
                if tail:
                    end = tail[0]
                    hit_b = (hit_b[0], "at_least" if hit_b[1] == "more_than" else "at_most")
            if hit_b:
                lead, qualifier = hit_b
                below = (
                    " ".join(t.lower_ for t in doc[lead : min(first, run.start)]) in below_band
                    or doc[lead].lower_ in below_band
                )
        anchor = doc[run.end - 1]
        if bounds is None and value is not None:
            bounds = interval(qualifier, value, below)
        out.append(_make(doc, lead, end, anchor, value, bounds, qualifier, unit, spans))
    out.sort(key=lambda q: q.start)
    return _share_units(doc, _join_cents(doc, _join_bounds(doc, out)))


_CENTS_GAP = re.compile(r"\s+(?:and\s+)?")


def _join_cents(doc: Doc, found: list[Quantity]) -> list[Quantity]:
    """'thirteen dollars and forty-five cents', '15 dollars 50', '5 ft 2 in': one amount in
    two parts."""
    text = _doc_text(doc)
    out: list[Quantity] = []
    i = 0
    while i < len(found):
        a = found[i]
        b = found[i + 1] if i + 1 < len(found) else None
        if (
            b is not None
            and a.qualifier == "exact"
            and b.qualifier == "exact"
            and a.value is not None
            and b.value is not None
            and a.unit is not None
            and a.unit in _currency_units()
            and re.search(r"[A-Za-z]$", a.text)  # the currency is a word after the figure
            and _CENTS_GAP.fullmatch(text[a.end : b.start])
            and (
                (b.unit == a.unit and b.value < 1 and re.search(r"(?i)cents?|pence$", b.text))
                or (
                    b.unit is None
                    and b.counts is None
                    and re.fullmatch(r"\d\d|[a-z -]+", b.text)
                    and float(b.value).is_integer()
                    and 0 < b.value < 100
                    and "and" not in text[a.end : b.start]
                )
            )
        ):
            cents = b.value if b.unit else b.value / 100
            value = _tidy(a.value + cents)
            out.append(
                dataclasses.replace(
                    a, text=text[a.start : b.end], value=value, low=value, high=value, end=b.end
                )
            )
            i += 2
            continue
        if (
            b is not None
            and (a.unit, b.unit) == ("ft", "in")
            and a.qualifier == b.qualifier == "exact"
            and a.value is not None
            and b.value is not None
            and b.value < 12
            and _CENTS_GAP.fullmatch(text[a.end : b.start])
        ):
            value = _tidy(a.value + b.value / 12)  # "5 ft 2 in", "5 feet and 2 inches"
            out.append(
                dataclasses.replace(
                    a, text=text[a.start : b.end], value=value, low=value, high=value, end=b.end
                )
            )
            i += 2
            continue
        out.append(a)
        i += 1
    return out


@functools.cache
def _currency_units() -> frozenset[str]:
    data = data_json("quantities_currencies.json")
    codes = {*data["codes"], *data["symbols"].values(), *data["words"].values()}
    return frozenset(c.split("-")[0] for c in codes)


_LIST_GAP = re.compile(r"\s*,\s*|\s*,?\s+(?:and|or)\s+")


def _share_units(doc: Doc, found: list[Quantity]) -> list[Quantity]:
    """'45 and 50 mg', '5, 10 or 15 per cent': a list of bare figures takes the unit the last
    one states."""
    for k in range(len(found) - 2, -1, -1):
        a, b = found[k], found[k + 1]
        if (
            a.unit is None
            and b.unit is not None
            and a.value is not None
            and (a.counts is None or _doc_text(doc).find(a.counts, a.end) >= b.start)
            and a.qualifier == "exact"
            and _LIST_GAP.fullmatch(_doc_text(doc)[a.end : b.start])
            and re.match(r"[\d.,]+\s", b.text)
        ):
            found[k] = dataclasses.replace(
                a, unit=b.unit, counts=a.counts if b.unit == "%" else None
            )
    return found


_BOUND_JOIN = re.compile(r"\s*,\s+|\s*,?\s+(?:and|but|yet)\s+")


def _join_bounds(doc: Doc, found: list[Quantity]) -> list[Quantity]:
    """'more than 10 but fewer than 20': a floor and a ceiling joined are one range."""
    lower, upper = ("more_than", "at_least"), ("less_than", "at_most")

    def join(a: Quantity, b: Quantity) -> Quantity | None:
        if not (
            a.value is not None
            and b.value is not None
            and _BOUND_JOIN.fullmatch(_doc_text(doc)[a.end : b.start])
            and (a.unit == b.unit or b.unit is None or a.unit is None)
            and (
                (a.qualifier in lower and b.qualifier in upper and a.value < b.value)
                or (a.qualifier in upper and b.qualifier in lower and b.value < a.value)
            )
        ):
            return None
        low, high = sorted((a.value, b.value))
        return Quantity(
            text=_doc_text(doc)[a.start : b.end],
            value=None,
            low=low,
            high=high,
            qualifier="range",
            unit=a.unit or b.unit,
            counts=b.counts or a.counts,
            attributed_to=a.attributed_to,
            start=a.start,
            end=b.end,
            sources=a.sources,
            event=a.event or b.event,
        )

    return merge_pairs(found, join)


def _tidy(v: float | None) -> float | None:
    """16399999.999999998 -> 16400000.0: float noise from scaling, not information."""
    return None if v is None else float(f"{v:.12g}")


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
    noun, via_of = (None, False) if unit and unit != "%" else _counted(doc, anchor, end)
    event = None
    base = anchor if via_of or noun is None else noun
    if noun is not None:
        event = _participle(noun)
    if event is None:
        event = _event(base)
    span = doc[start:end]
    sources = _attribution(doc, span.start_char, span.end_char, anchor, spans)
    low, high = bounds if bounds else (None, None)
    value, low, high = (_tidy(v) for v in (value, low, high))
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
    )
