"""What a figure counts and the event it is a count of.

- The noun: its nummod head, 'X of (the) Y', the plural noun after it, the compound before the
  noun ('10 crew members' counts crew members), a noun after a participle ('15 reported
  deaths'), and the subject of a verb that sets a level ('Casualties have risen to at least
  42', 'the toll stood at 125').
- The event: the verb the count hangs on, without crossing into another clause, or a
  participle on the counted noun ('6,000 Palestinians held in Israeli prisons').

Word lists: data/quantities_count_states.txt, quantities_level_verbs.txt,
quantities_state_words.txt, quantities_filters.json (event_skip).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from storyledger.nlp.datafiles import data_lines
from storyledger.nlp.quantities.filters import filter_words

BOUNDARY_DEPS = {"relcl", "acl", "advcl", "ccomp", "parataxis", "csubj", "xcomp"}


STATE_WORDS = "quantities_state_words.txt"


def counted_noun(doc: Doc, anchor: Token, end: int) -> tuple[Token | None, bool]:
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
            shared, _ = counted_noun(doc, doc[j], j + 1)
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


def event_of(start: Token) -> str | None:
    """The lemma of the verb a count hangs on, without crossing into another clause."""
    tok = start
    for _ in range(8):
        if tok.pos_ == "VERB" and tok.lemma_.lower() not in filter_words("event_skip"):
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


def participle_of(noun: Token) -> str | None:
    """A participle hung on the counted noun: '6,000 Palestinians held in Israeli prisons'."""
    for child in noun.children:
        if (
            child.dep_ == "acl"
            and child.tag_ == "VBN"
            and child.lemma_.lower() not in filter_words("event_skip")
        ):
            return child.lemma_.lower()
    return None


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
