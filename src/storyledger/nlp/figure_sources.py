"""Who states a figure and what it counts, where the plain parse leaves a gap.

- 'officials put the figure as high as 174': the subject of an estimating verb whose object is
  the figure ('put the toll at', 'estimated the crowd at') is the figure's source.
- 'They add that roughly 3,000 ...': a pronoun source stands for the last named source a few
  sentences back (a person for 'he'/'she', anything else for 'they'/'it').
- A source made only of digits and punctuation ('18 and 15') is a misparse, not a source.
- What is counted: the compound before the noun ('10 crew members' counts crew members), a
  noun after a participle ('15 reported deaths'), and the subject of a verb that sets a level
  ('Casualties have risen to at least 42', 'the toll stood at 125').

Word lists: data/quantities_estimate_verbs.json, quantities_pronouns.json,
quantities_count_states.txt, quantities_level_verbs.txt.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from storyledger.nlp.datafiles import data_json, data_lines

_WORD = re.compile(r"[^\W\d_]+")
_JOINERS = {"and", "or", "to", "of"}
_CLAUSE = {"relcl", "acl", "advcl", "ccomp", "parataxis", "csubj", "conj"}


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


def estimated_by(anchor: Token, acceptable, phrase) -> str | None:
    """'officials put the figure as high as 174' -> 'officials' (or a pronoun to resolve)."""
    data = data_json("quantities_estimate_verbs.json")
    verbs, objects = set(data["verbs"]), set(data["objects"])
    tok = anchor
    for _ in range(5):
        head = tok.head
        if head is tok or tok.dep_ in _CLAUSE:
            return None
        if head.pos_ == "VERB" and head.lemma_.lower() in verbs:
            if not any(
                c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in objects
                for c in head.children
            ):
                return None
            for c in head.children:
                if c.dep_ == "nsubj":
                    if c.pos_ == "PRON" and pronoun_kind(c.text):
                        return c.text
                    if acceptable(c):
                        return phrase(c)
            return None
        tok = head
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
) -> list[str]:
    """Sources without digit-only misparses, a leading pronoun replaced by its antecedent."""
    out = [s for s in sources if _wordy(s)]
    if not out or pronoun_kind(out[0]) is None:
        return out
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
        return out[1:] if len(out[0].split()) == 1 else out
    return [best, *out[1:]]


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


def counted_text(noun: Token) -> str:
    """The counted noun with the common nouns compounded before it: 'crew members'."""
    first = noun
    for child in reversed(list(noun.lefts)):
        if child.dep_ == "compound" and child.pos_ == "NOUN" and child.i == first.i - 1:
            first = child
    return noun.doc[first.i : noun.i + 1].text


def noun_after_state(doc: Doc, end: int) -> Token | None:
    """'15 reported deaths', '118,000 confirmed cases': the noun after a participle."""
    if end + 1 >= len(doc):
        return None
    word, noun = doc[end], doc[end + 1]
    states = data_lines("quantities_count_states.txt")
    named = word.lemma_.lower() in states or word.lower_ in states
    if named and noun.pos_ == "NOUN" and noun.tag_ == "NNS":
        return noun
    return None


def level_subject(anchor: Token) -> Token | None:
    """'Casualties have risen to at least 42' -> Casualties; 'the toll stood at 125' -> toll."""
    tok = anchor
    if tok.dep_ in ("quantmod", "nummod", "conj") and tok.head.like_num:
        tok = tok.head  # "rose from 40 to 52": 40 hangs on 52
    verb = None
    if tok.dep_ == "pobj" and tok.head.lower_ in ("to", "at", "from") and tok.head.dep_ == "prep":
        verb = tok.head.head
    elif tok.dep_ == "dobj":
        verb = tok.head
    if verb is None or verb.pos_ not in ("VERB", "AUX"):
        return None
    if verb.lemma_.lower() not in data_lines("quantities_level_verbs.txt"):
        return None
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "NOUN":
            return c
    return None


def role_noun(tok: Token) -> bool:
    """'chief', 'governor', 'spokesman': a noun naming a person's office can be a source."""
    return tok.lemma_.lower() in data_lines("entities_role_nouns.txt")


def subjectless_speaker(verb: Token, acceptable) -> Token | None:
    """'..., a civil defence chief, who asked not to be named, said': the parse hangs the
    appositive elsewhere and leaves 'said' without a subject; the noun whose relative clause
    ends right before the verb is the speaker."""
    i = verb.i - 1
    doc = verb.doc
    while i >= 0 and doc[i].is_punct:
        i -= 1
    if i < 0:
        return None
    tok = doc[i]
    if acceptable(tok) and tok.pos_ in ("NOUN", "PROPN"):
        return tok
    for anc in [tok, *tok.ancestors]:
        if anc.dep_ == "relcl":
            head = anc.head
            if head.pos_ in ("NOUN", "PROPN") and acceptable(head):
                return head
            return None
    return None
