"""A figure's source given as a pronoun or a description, resolved to a name named before.

- 'They add that roughly 3,000 ...': a pronoun source stands for the last named source a few
  sentences back (a person for 'he'/'she', anything else for 'they'/'it').
- 'the billionaire added': a person already named (data/quantities_person_nouns.txt).
- A source made only of digits and punctuation ('18 and 15') is a misparse, not a source.

Words: data/quantities_pronouns.json, quantities_person_nouns.txt.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from storyledger.nlp.datafiles import data_json, data_lines

_WORD = re.compile(r"[^\W\d_]+")


_JOINERS = {"and", "or", "to", "of"}


def pronoun_kind(word: str) -> str | None:
    """'person' for he/she and 'the billionaire', 'group' for they/it, None otherwise."""
    data = data_json("quantities_pronouns.json")
    low = word.strip().lower()
    parts = low.split()
    if (
        len(parts) == 2
        and parts[0] == "the"
        and parts[1] in data_lines("quantities_person_nouns.txt")
    ):
        return "person"  # "the billionaire added": a person named before
    if low in data["person"]:
        return "person"
    if low in data["group"]:
        return "group"
    return None


def _wordy(source: str) -> bool:
    """'18 and 15' names nobody: only digits and joiners."""
    return any(w.lower() not in _JOINERS for w in _WORD.findall(source))


def _named(source: str) -> bool:
    return _wordy(source) and pronoun_kind(source) is None


def _is_person(doc: Doc, source: str) -> bool:
    return any(e.label_ == "PERSON" and (e.text in source or source in e.text) for e in doc.ents)


def resolve_sources(
    doc: Doc, sources: list[str], start_char: int, spans: list[tuple[int, int, list[str]]]
) -> tuple[list[str], str | None]:
    """Sources without digit-only misparses, a leading pronoun replaced by its antecedent; and
    the pronoun itself when it stands for nobody named ('He said 14 sailors ...'), so a reader
    sees an unnamed speaker rather than the outlet's own voice."""
    out = [s for s in sources if _wordy(s)]
    if not out or pronoun_kind(out[0]) is None:
        return out, None
    kind = pronoun_kind(out[0])
    sents = list(doc.sents)
    here = next((k for k, s in enumerate(sents) if s.start_char <= start_char < s.end_char), 0)
    window = sents[max(0, here - data_json("quantities_pronouns.json")["sentences"])].start_char
    best: str | None = None
    best_at = -1
    for s, _e, chain in spans:
        if not chain or not (window <= s < start_char) or s <= best_at:
            continue
        name = chain[0]
        agrees = kind == "person" or not (_plural(doc, s, name) and _singular(out[0]))
        if _named(name) and _is_person(doc, name) == (kind == "person") and agrees:
            best, best_at = name, s
    if kind == "person":
        for ent in doc.ents:  # a person named after the last source span, before the figure
            if ent.label_ == "PERSON" and max(best_at, window - 1) < ent.start_char < start_char:
                best, best_at = ent.text, ent.start_char
    if (
        best is not None
        and kind != "person"
        and _subject_between(doc, best_at + len(best), start_char)
    ):
        best = None  # another subject came between: 'it' may be that one, so no guess
    if best is None:  # a bare pronoun is no name (no guess); a description keeps its words
        return (out[1:], out[0].strip()) if len(out[0].split()) == 1 else (out, None)
    return [best, *out[1:]], None


def _singular(pronoun: str) -> bool:
    return pronoun.strip().lower() in data_json("quantities_pronouns.json")["singular"]


def _plural(doc: Doc, at: int, name: str) -> bool:
    """Whether the source named at `at` is a plural noun phrase ('Doctors at Saint Brann')."""
    span = doc.char_span(at, at + len(name), alignment_mode="expand")
    return span is not None and span.root.tag_ in ("NNS", "NNPS")


def _subject_between(doc: Doc, start: int, end: int) -> bool:
    """Whether a noun (not a pronoun) is the main clause's subject in [start, end): a group
    pronoun after it ('the group freed them. It says ...') may stand for that one. Subjects
    of reported clauses ('X say 900 hikers were ...') do not compete."""
    span = doc.char_span(start, end, alignment_mode="contract")
    return span is not None and any(
        t.dep_ in ("nsubj", "nsubjpass") and t.pos_ in ("NOUN", "PROPN") and t.head.dep_ == "ROOT"
        for t in span
    )
