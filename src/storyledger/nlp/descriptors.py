"""How an article names actors and events: appositions, modifiers, titles, loaded words.

Rules (dependency parse of the article, names from the entity extractor):
- modifier: the words before a name inside its noun phrase, without determiners and
  possessives: "its proxy Hamas" -> "proxy"; "the Lebanon-based Al-Mayadeen" -> "Lebanon-based";
  also a noun phrase the name is in apposition to with no comma between ("The Palestinian
  militant group Hamas" -> "Palestinian militant group");
- title: a modifier whose last word is an office noun (data/entities_role_nouns.txt):
  "Iranian Foreign Minister Hossein Amir-Abdollahian" -> "Iranian Foreign Minister";
- apposition: a noun phrase set off by a comma next to the name ("its biggest proxy,
  Hezbollah" -> "biggest proxy"; "Velayati, an advisor to ..." -> "advisor to ...");
- verb: a verb from the lexicon (wording.py: data/en/descriptors_lexicon.json; loaded or its
  neutral counterpart) with its subject as actor ("Hamas ... massacred" -> actor Hamas,
  "massacred");
- adjective: a loaded adjective or noun from the lexicon, with the noun it describes as actor.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from storyledger.model import Descriptor, Entity
from storyledger.nlp.entities import role_nouns
from storyledger.wording import is_loaded as is_loaded  # re-exported: older callers
from storyledger.wording import lexicon as lexicon

NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"})
MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "npadvmod"})
HEAD_POS = frozenset({"NOUN", "ADJ", "PROPN", "VERB"})
DROP_DEPS = frozenset({"det", "poss", "case", "predet", "punct"})


def _span_of(doc: Doc, ent: Entity) -> Span | None:
    return doc.char_span(ent.start, ent.end, alignment_mode="expand")


def _descriptor(doc: Doc, actor: str, tokens: list[Token], kind: str) -> Descriptor | None:
    tokens = [t for t in tokens if t.dep_ not in DROP_DEPS or t.text == "-"]
    while tokens and (tokens[0].is_punct or tokens[0].dep_ in DROP_DEPS):
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct:
        tokens = tokens[:-1]
    if not tokens or not any(t.is_alpha for t in tokens) or tokens[-1].pos_ not in HEAD_POS:
        return None
    if any(
        t.like_num or t.ent_type_ in {"CARDINAL", "QUANTITY", "MONEY", "PERCENT", "DATE"}
        for t in tokens
    ):
        return None
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    text = doc.text[start:end]
    if kind == "modifier" and tokens[-1].lower_ in role_nouns():
        kind = "title"
    return Descriptor(actor=actor, text=text, kind=kind, start=start, end=end)


def _name_descriptors(doc: Doc, ent: Entity, span: Span) -> list[Descriptor]:
    out: list[Descriptor] = []
    actor = ent.canonical or ent.text
    root = span.root
    inside = set(range(span.start, span.end))
    # words before the name inside its own noun phrase
    left = [
        c for c in root.lefts if c.i not in inside and c.i < span.start and c.dep_ in MODIFIER_DEPS
    ]
    if left:
        first = min(c.left_edge.i for c in left)
        toks = [t for t in doc[first : span.start] if t.i not in inside]
        if not any(t.ent_type_ == "DATE" for t in toks):
            d = _descriptor(doc, actor, toks, "modifier")
            if d:
                out.append(d)
    # the name in apposition to a noun phrase: "the militant group Hamas", "its proxy, Hezbollah"
    if root.dep_ == "appos" and root.head.pos_ in {"NOUN", "PROPN"} and root.head.i < span.start:
        head = root.head
        toks = [t for t in doc[head.left_edge.i : head.i + 1] if t.i not in inside]
        between = doc[head.i + 1 : span.start]
        kind = "apposition" if any(t.text == "," for t in between) else "modifier"
        if head.pos_ == "NOUN":
            d = _descriptor(doc, actor, toks, kind)
            if d:
                out.append(d)
    # a common noun right before the name that the parser made a sibling, not a head:
    # "The Palestinian militant group Hamas is ..." parsed as two subjects
    if span.start > 0:
        prev = doc[span.start - 1]
        if (
            prev.pos_ == "NOUN"
            and prev.head == root.head
            and prev.dep_ == root.dep_
            and prev != root.head
        ):
            toks = list(doc[prev.left_edge.i : prev.i + 1])
            d = _descriptor(doc, actor, toks, "modifier")
            if d:
                out.append(d)
    # an apposition after the name: "Velayati, an advisor to Supreme Leader Ali Khamenei"
    for child in root.rights:
        if child.dep_ == "appos" and child.pos_ == "NOUN" and child.i >= span.end:
            toks = list(doc[child.left_edge.i : child.right_edge.i + 1])
            d = _descriptor(doc, actor, toks, "apposition")
            if d:
                out.append(d)
    return out


def _word(tok: Token, actor: str, kind: str) -> Descriptor:
    """A one-word descriptor (a loaded verb, adjective or noun) about `actor`."""
    return Descriptor(
        actor=actor, text=tok.text, kind=kind, start=tok.idx, end=tok.idx + len(tok.text)
    )


def _actor_of(token: Token, by_token: dict[int, str]) -> str:
    """The canonical name covering a token (or its phrase), else its own lemma."""
    for t in (token, *token.children):
        if t.i in by_token:
            return by_token[t.i]
    return token.lemma_.lower() if token.pos_ != "PRON" else token.lower_


def _own_subject(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)


def _subject(verb: Token) -> Token | None:
    """The verb's subject; a coordinated verb without one shares the nearest earlier verb's.

    The small parser often hangs "..., and massacred" on a distant verb, so for a conj the
    nearest verb to the left in the sentence that has a subject is used, not the parse head.
    """
    own = _own_subject(verb)
    if own is not None:
        return own
    if verb.dep_ == "conj":
        for t in reversed(list(verb.sent[: verb.i - verb.sent.start])):
            if t.pos_ in {"VERB", "AUX"}:
                subj = _own_subject(t)
                if subj is not None:
                    return subj
    if verb.dep_ == "xcomp" and verb.head != verb:
        return _own_subject(verb.head)
    return None


def _object(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in {"dobj", "obj", "attr"}), None)


def extract_descriptors(doc: Doc, entities: list[Entity]) -> list[Descriptor]:
    lex = lexicon()
    out: list[Descriptor] = []
    by_token: dict[int, str] = {}
    for ent in entities:
        if ent.label not in NAME_LABELS:
            continue
        span = _span_of(doc, ent)
        if span is None or len(span) == 0:
            continue
        for t in span:
            by_token[t.i] = ent.canonical or ent.text
        out.extend(_name_descriptors(doc, ent, span))
    for tok in doc:
        lemma = tok.lemma_.lower()
        if tok.pos_ == "VERB" and lemma in lex["verbs"]:
            subj = _subject(tok)
            obj = _object(tok)
            if subj is None and lemma not in lex["loaded"]:
                continue
            anchor = subj if subj is not None else obj
            actor = _actor_of(anchor, by_token) if anchor is not None else lex["verbs"][lemma]
            out.append(_word(tok, actor, "verb"))
        elif tok.pos_ in {"ADJ", "ADV"} and lemma in lex["adjectives"]:
            out.append(_word(tok, _actor_of(tok.head, by_token), "adjective"))
        elif (
            tok.pos_ == "NOUN"
            and lemma in lex["nouns"]
            and tok.i not in by_token
            and not any(d.start <= tok.idx < d.end for d in out)
        ):
            out.append(_word(tok, _actor_of(tok, by_token), "noun"))
    out.sort(key=lambda d: (d.start, d.end))
    # one descriptor per span and actor
    seen: set[tuple[str, int, int]] = set()
    unique = []
    for d in out:
        key = (d.actor, d.start, d.end)
        if key not in seen:
            seen.add(key)
            unique.append(d)
    return unique
