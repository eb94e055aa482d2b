"""Who states a figure: the attribution it sits in, else its own cue in the parse.

- Inside a quote or claim the attribution extractor found: that one's source chain.
- 'according to X', 'per Reuters' in the sentence; 'officials put the figure as high as 174'
  (the subject of an estimating verb whose object is the figure).
- 'X confirmed that 199 hostages are held': the subject of a reporting verb whose complement
  holds the figure, like 'X said': the figure is X's, the outlet only reports it; '50 were
  killed, police said'; '..., a civil defence chief, who asked not to be named, said'.

The source nouns are the attribution lexicon's organisations (nlp/attribution/lexicon.py) plus
the figure-only words of data/quantities_source_nouns.txt; the reporting verbs
(data/quantities_reporting_verbs.txt) are a subset of attribution's cue verbs plus a few, on
purpose (its header says why).
"""

from __future__ import annotations

import functools
import re

from spacy.tokens import Doc, Span, Token

from storyledger.model import Claim, Quote
from storyledger.nlp.attribution.lexicon import org_nouns
from storyledger.nlp.datafiles import data_json, data_lines
from storyledger.nlp.quantities.pronouns import pronoun_kind, resolve_sources

_CLAUSE = {"relcl", "acl", "advcl", "ccomp", "parataxis", "csubj", "conj"}


@functools.cache
def source_nouns() -> frozenset[str]:
    """Common nouns that can be a figure's source ('the ministry said', 'according to the
    census'), offices ('the governor') aside."""
    return org_nouns() | data_lines("quantities_source_nouns.txt")


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
    return tok.lemma_.lower() in source_nouns() or role_noun(tok)


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


def attribution(
    doc: Doc, start: int, end: int, anchor: Token, spans: list[tuple[int, int, list[str]]]
) -> tuple[list[str], str | None]:
    """The figure's source chain, innermost first, and the words of an unresolved source."""
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


def source_spans(quotes: list[Quote], claims: list[Claim]) -> list[tuple[int, int, list[str]]]:
    spans: list[tuple[int, int, list[str]]] = []
    for q in quotes:
        sources = list(q.sources) or ([q.speaker] if q.speaker else [])
        spans.append((q.start, q.end, sources))
    for c in claims:
        spans.append((c.start, c.end, list(c.sources)))
    return spans
