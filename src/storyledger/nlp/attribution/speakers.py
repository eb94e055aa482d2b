"""Who a cue names: the per-document context (names, surnames, descriptions, pronoun
antecedents) and the resolution of a subject phrase to a speaker."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from storyledger.model import Entity
from storyledger.nlp.attribution.lexicon import gender_words, org_nouns
from storyledger.nlp.attribution.marks import _trim, quote_spans

_MALE_FEMALE = frozenset({"he", "she", "him", "her"})


_FIRST_PERSON = frozenset({"i", "me", "my", "we", "us", "our"})


_CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl"})


_SUBJ_DEPS = frozenset({"nsubj", "nsubjpass"})


_NAME_ORDER = ("PERSON", "ORG", "GPE", "NORP")


@dataclass
class Source:
    """Who a cue attributes to: the raw words, where they are, and the resolved name."""

    mention: str
    start: int
    end: int
    name: str | None  # canonical, or None when unresolved

    @property
    def label(self) -> str:
        return self.name or self.mention


class _Context:
    """Per-document lookups: entities by token, and the running record of who was mentioned."""

    def __init__(self, doc: Doc, entities: list[Entity]) -> None:
        self.doc = doc
        self.text = text = doc.text  # spaCy rebuilds doc.text on every access
        self.entities = entities
        self.by_token: dict[int, Entity] = {}
        self.labels: dict[str, str] = {}
        for ent in entities:
            span = doc.char_span(ent.start, ent.end, alignment_mode="expand")
            if span is None:
                continue
            for t in span:
                self.by_token[t.i] = ent
            self.labels.setdefault(ent.canonical, ent.label)
        # Surname -> the one full PERSON name carrying it (ambiguous surnames left out).
        by_surname: dict[str, set[str]] = {}
        for ent in entities:
            words = ent.canonical.split()
            if ent.label == "PERSON" and len(words) > 1:
                by_surname.setdefault(words[-1], set()).add(ent.canonical)
        self.person_by_surname = {k: next(iter(v)) for k, v in by_surname.items() if len(v) == 1}
        # Given name -> the one full PERSON name it opens ("Nico said" after "Nico Afinta").
        by_given: dict[str, set[str]] = {}
        for ent in entities:
            words = ent.canonical.split()
            if ent.label == "PERSON" and len(words) > 1:
                by_given.setdefault(words[0], set()).add(ent.canonical)
        self.person_by_given = {
            k: next(iter(v))
            for k, v in by_given.items()
            if len(v) == 1 and k not in self.person_by_surname
        }
        # What the text calls a person ("billionaire Elon Musk", ", the mayor"): (char, noun,
        # canonical) in text order, so "the billionaire added" finds its person.
        self.described: list[tuple[int, str, str]] = []
        for ent in entities:
            if ent.label != "PERSON":
                continue
            before = text[max(0, ent.start - 40) : ent.start].split()[-3:]
            for w in [*before, *(ent.role or "").split()]:
                self.described.append((ent.start, w.lower().strip(",.;:"), ent.canonical))
        # What the text says of a person's gender ("Mr.", "spokeswoman"): m or f.
        self.gender: dict[str, str] = {}
        words = gender_words()
        for ent in entities:
            if ent.label != "PERSON":
                continue
            before = text[max(0, ent.start - 6) : ent.start].split()
            clues = set(before[-1:]) | set((ent.role or "").split())
            for key, sign in (("male", "m"), ("female", "f")):
                if any(w.lower() in words[key] for w in clues):
                    self.gender.setdefault(ent.canonical, sign)
        # Persons that were sentence subjects: (token index, canonical), in text order.
        self.person_subjects: list[tuple[int, str]] = []
        # Paragraph number of every token: attributions never cross a line break.
        self.quoted = quote_spans(text)  # char ranges inside quotation marks
        self.para: list[int] = []
        n = 0
        for t in doc:
            if "\n" in t.text:
                n += 1
            self.para.append(n)

    def clip(self, start: int, end: int, anchor: int) -> tuple[int, int]:
        """A token range cut to the paragraph of the anchor token."""
        p = self.para[anchor]
        while start < end and self.para[start] != p:
            start += 1
        while end > start and self.para[end - 1] != p:
            end -= 1
        return start, end

    def inside_quote(self, char: int) -> bool:
        return any(qs <= char < qe for qs, qe in self.quoted)

    def entity_at(self, i: int) -> Entity | None:
        return self.by_token.get(i)

    def last_person_before(self, i: int, pronoun: str = "") -> str | None:
        """The most recent person subject (else person named) before token i whom the
        pronoun may refer to: "she" skips a person the text calls "Mr." or "spokesman"."""
        clash = {"he": "f", "him": "f", "she": "m", "her": "m"}.get(pronoun)
        best = None
        for j, name in self.person_subjects:
            if j >= i:
                break
            if self.gender.get(name) != clash or clash is None:
                best = name
        if best is not None:
            return best
        for ent in reversed(self.entities):
            if (
                ent.label == "PERSON"
                and ent.end <= self.doc[i].idx
                and (clash is None or self.gender.get(ent.canonical) != clash)
            ):
                return ent.canonical
        return None

    def last_described(self, noun: str, before_char: int) -> str | None:
        """The most recent person the text called `noun` before the char ("the billionaire"
        after "billionaire Elon Musk")."""
        best = None
        for at, word, name in self.described:
            if at < before_char and word == noun:
                best = name
        return best

    def last_org_with(self, noun: str, before_char: int) -> str | None:
        for ent in reversed(self.entities):
            if ent.end <= before_char and ent.label == "ORG" and noun in ent.canonical.lower():
                return ent.canonical
        return None


def _phrase(head: Token) -> tuple[int, int]:
    """Token range of a noun phrase without its relative and adverbial clauses."""
    left, right = head.i, head.i
    for t in head.subtree:
        anc = t
        cut = False
        while anc.i != head.i:
            if anc.dep_ in _CLAUSE_DEPS:
                cut = True
                break
            anc = anc.head
        if not cut:
            left, right = min(left, t.i), max(right, t.i)
    return left, right + 1


def _resolve(ctx: _Context, head: Token) -> Source:
    """The speaker a subject (or "according to" object) names."""
    doc = ctx.doc
    left, right = _trim(doc, *ctx.clip(*_phrase(head), head.i))
    while right > left + 1 and doc[right - 1].tag_ == "POS":
        right -= 1  # "Trump's claim": the speaker is Trump
    if right <= left:
        left, right = head.i, head.i + 1
    span = doc[left:right]
    mention = span.text
    name: str | None = None
    own = ctx.entity_at(head.i)
    if own is not None and own.label in _NAME_ORDER:
        name = own.canonical
    else:
        # Inside a description only names of actors count: "The Palestinian resistance
        # movement" names no one, "spokesperson for the ministry Naser Kanaani" does.
        found: dict[str, list[str]] = {}
        # "residents of Varnholm", "lawyers for Smith": a group speaks, not the name after it
        group_of = {
            t.i
            for p in head.children
            if head.tag_ == "NNS" and p.dep_ == "prep" and p.lower_ in ("of", "for")
            for t in p.subtree
        }
        for t in span:
            ent = ctx.entity_at(t.i)
            if t.i in group_of:
                continue
            if ent is not None and ent.label in ("PERSON", "ORG"):
                names = found.setdefault(ent.label, [])
                if ent.canonical not in names:
                    names.append(ent.canonical)
        coordinated = any(t.dep_ == "cc" and t.lower_ == "and" for t in span)
        for label in _NAME_ORDER:
            if label in found:
                # "Bogdanov and Bagheri agreed": both speak; otherwise the first name.
                names = found[label]
                name = " and ".join(names) if coordinated else names[0]
                break
    if name is None and head.pos_ == "PROPN":
        name = ctx.person_by_surname.get(head.text)  # a name the NER missed this time
    if (name is None or name == head.text) and left + 1 == right:
        # "Nico said" after "Nico Afinta": a lone given name is the one person it opens
        name = ctx.person_by_given.get(head.text, name)
    if name is None:
        lower = head.lower_
        if head.pos_ == "PRON" and lower in _MALE_FEMALE:
            name = ctx.last_person_before(head.i, lower)
        elif (
            head.lemma_.lower() in org_nouns()
            and any(c.lower_ == "the" for c in head.children)
            and not any(c.dep_ in ("compound", "amod") for c in head.children)
        ):
            name = ctx.last_org_with(head.lemma_.lower(), head.idx)
        if (
            name is None
            and head.pos_ == "NOUN"
            and any(c.lower_ == "the" for c in head.children)
            and not any(c.dep_ in ("compound", "amod", "poss", "prep") for c in head.children)
        ):
            name = ctx.last_described(head.lower_, head.idx)  # "the billionaire added"
    return Source(mention=mention, start=span.start_char, end=span.end_char, name=name)


def _subject(tok: Token) -> Token | None:
    """The subject of a cue verb, inherited over coordination and participles."""
    cur = tok
    for _ in range(3):
        for c in cur.children:
            if c.dep_ == "nsubj":
                return c
        for c in cur.children:
            if c.dep_ == "agent":
                for g in c.children:
                    if g.dep_ == "pobj":
                        return g
        if cur.dep_ in ("conj", "xcomp") or (cur.dep_ == "advcl" and cur.tag_ == "VBG"):
            cur = cur.head
            continue
        return None
    return None


def _name_before(doc: Doc, tok: Token) -> Token | None:
    """A name right before a subjectless cue ("... the Washington Post Trump said that"):
    the parser took it for something else, but it is who speaks."""
    i = tok.i - 1
    while i >= 0 and doc[i].pos_ in ("ADV", "AUX", "PART"):
        i -= 1
    if i < 0 or tok.dep_ not in ("ROOT", "conj", "ccomp"):
        return None
    prev = doc[i]
    if prev.ent_type_ in ("PERSON", "ORG") or prev.lower_ in _MALE_FEMALE:
        return prev
    return None


def _name_after(ctx: _Context, tok: Token) -> Token | None:
    """The speaker of an inverted cue ("...,” said Gov. Kathy Hochul"): the first name in
    the few words after the verb, when the parse took quoted words for its subject."""
    doc = ctx.doc
    for t in doc[tok.i + 1 : min(tok.i + 5, len(doc))]:
        if t.is_punct or "\n" in t.text:
            break
        ent = ctx.entity_at(t.i)
        if ent is not None and ent.label in ("PERSON", "ORG"):
            span = doc.char_span(ent.start, ent.end, alignment_mode="expand")
            return span.root if span is not None else t
    return None
