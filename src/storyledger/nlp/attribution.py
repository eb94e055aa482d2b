"""Quotes (direct, partial, indirect) and attributed claims with their source chains.

How a text is read (one pass over the tokens, then one over the quotation marks); every word
list lives in data/attribution_*.txt:

- Cues: speech verbs (cue_verbs), belief verbs (belief_verbs, only with a clause complement),
  verbs whose object is the content (object_verbs: "cited remarks ... as examples"), verbs
  whose infinitive is the content (xcomp_verbs: "pledged to cut taxes"), "according to",
  nouns with a possessor and a that-clause (cue_nouns: "Trump's claim that ..."), a colon
  after a name at a line start ("PENCE: ...", not colon_labels such as "Correction:"), and a
  dash naming the speaker after a quote ("“...” ― Jacklyn Ashley").
- Content of a speech verb: its clause complement ("X said [that ...]"); when the parse hangs
  the cue off the reported clause ("[...], X said." or mid-sentence "[..., he said, ...]"),
  that clause; for ", X revealed on Thursday." with no complement, the finite clause from the
  sentence start to the comma. Content before its cue runs from the sentence start ("A, but
  B, a source said" reports both). Content of "according to X": the clause it modifies, minus
  the phrase. Nothing crosses a line break.
- Quotation marks (“ ”, straight, ''; inner quotes stay inside; a quote left open at a
  paragraph end continues when the next paragraph opens with a mark) are direct when they
  stand as a clause (after a comma, a colon or at a sentence start), partial when a word runs
  into them ("the need for “...”"); Title Case fragments ("on “Fox News Sunday”") are names,
  not quotes. A quote's cue is the nearest speech cue among its ancestors in the parse (or an
  "according to" on such an ancestor), else a speech verb in its sentence, else the verb of
  "X continued:" before it, else a dash and name after it, else the cue of the quote just
  before it in the same paragraph ("“A,” she said. “B.”"), or of the previous paragraph when
  this quote is the whole paragraph. Quotes with none of these (scare quotes) are dropped.
- Speakers: the PERSON (else ORG/GPE/NORP) entity holding the subject's head, else the first
  PERSON (else ORG) named in the subject phrase (appositions, titles); coordinated names are
  joined ("Mikhail Bogdanov and Ali Bagheri"); he/she -> the most recent person that was a
  subject or a speaker; "the ministry" (org_nouns) -> the most recent organisation whose
  canonical name holds the noun; "who" -> its antecedent; a bare surname the NER missed ->
  the one PERSON with that surname; "they"/"it" and descriptions stay unresolved (speaker
  None, the raw words kept in speaker_mention and in sources).
- Source chains, innermost first:
  * inner: when the content's main verb is itself a cue ("... has informed us ...") or a
    stance word (stance_words: "Hamas is ready to", "has expressed readiness to"), its
    subject is a nested source;
  * outer: "as cited by X" / "as reported by X" on the cue adds X; "X announced that ...,
    according to Y" makes Y relay X; an attribution whose cue lies inside another
    attribution's content inherits that one's speaker and outer chain.
  * "According to our negotiations" inside a quote is the speaker's own basis, not a source.
- "Bogdanov and Bagheri agreed to “...”, the ministry added": agreeing is an action, not
  speech (agree is an xcomp verb: a claim of its own, never a quotation's speaker); the
  quoted words are the ministry's, so the partial quote's speaker is the ministry.
- A partial quote outside any other claim makes a claim of the phrase under the cue that
  holds it ("the need for “specific prerequisites” to be met ..."); the quote stays the words.
- Relays: "“...,” the group's leader X said, AFP reported": a relaying verb (relay_verbs, or
  an organisation's "said") after a clause whose own cue has a speaker joins that speaker's
  chain (X <- AFP) and claims nothing itself; a cue inside quoted words never is the speaker.
- A quote standing as its own sentence with no cue takes the named speaker of the sentence
  before it (its cue, or an intro_verbs verb: "X spoke to reporters. “...”"), else of the
  sentence after it when that one points back ("“...” Those were the words of X": quote_nouns);
  a handle after a dash ('"..."-@DrX') names the person whose name it spells.
- A lone given name is the one person it opens; "the billionaire" is the person the text
  called so; an inverted cue ("...,” said X") whose parsed subject lies inside the quote takes
  the name after the verb.
- Output: one cue reports one proposition (the wider of nested spans on a cue stays), and each
  claim points at the quote it restates (`Claim.quote`).
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from storyledger.model import Claim, Entity, Quote, QuoteKind

DATA = Path(__file__).with_name("data")
_OPEN = "“"
_CLOSE = "”"
_STRAIGHT = '"'
_QUOTE_MARKS = frozenset({'"', "“", "”", "``", "''"})
_MARKS = re.compile(r"\n|''|``|[\"“”]")
_MALE_FEMALE = frozenset({"he", "she", "him", "her"})
_FIRST_PERSON = frozenset({"i", "me", "my", "we", "us", "our"})
_CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl"})
_SUBJ_DEPS = frozenset({"nsubj", "nsubjpass"})
_NAME_ORDER = ("PERSON", "ORG", "GPE", "NORP")
_TRIM = frozenset(",.;:—–-\"“”'`")


def _read_words(name: str) -> frozenset[str]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip().lower() for w in lines if w.strip() and not w.startswith("#"))


@functools.lru_cache(maxsize=1)
def cue_verbs() -> frozenset[str]:
    return _read_words("attribution_cue_verbs.txt")


@functools.lru_cache(maxsize=1)
def belief_verbs() -> frozenset[str]:
    return _read_words("attribution_belief_verbs.txt")


@functools.lru_cache(maxsize=1)
def object_verbs() -> frozenset[str]:
    return _read_words("attribution_object_verbs.txt")


@functools.lru_cache(maxsize=1)
def xcomp_verbs() -> frozenset[str]:
    return _read_words("attribution_xcomp_verbs.txt")


@functools.lru_cache(maxsize=1)
def colon_labels() -> frozenset[str]:
    return _read_words("attribution_colon_labels.txt")


@functools.lru_cache(maxsize=1)
def cue_nouns() -> frozenset[str]:
    return _read_words("attribution_cue_nouns.txt")


@functools.lru_cache(maxsize=1)
def gender_words() -> dict[str, frozenset[str]]:
    data = json.loads((DATA / "attribution_gender_words.json").read_text(encoding="utf-8"))
    return {k: frozenset(v) for k, v in data.items() if not k.startswith("_")}


@functools.lru_cache(maxsize=1)
def org_nouns() -> frozenset[str]:
    return _read_words("attribution_org_nouns.txt")


@functools.lru_cache(maxsize=1)
def intro_verbs() -> frozenset[str]:
    return _read_words("attribution_intro_verbs.txt")


@functools.lru_cache(maxsize=1)
def relay_verbs() -> frozenset[str]:
    return _read_words("attribution_relay_verbs.txt")


@functools.lru_cache(maxsize=1)
def quote_nouns() -> frozenset[str]:
    return _read_words("attribution_quote_nouns.txt")


@functools.lru_cache(maxsize=1)
def stance_words() -> frozenset[str]:
    return _read_words("attribution_stance_words.txt")


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


@dataclass
class Attribution:
    """One cue with its content and sources, with character offsets (what the eval scores)."""

    cue: str
    cue_start: int
    cue_end: int
    content_start: int
    content_end: int
    kind: QuoteKind
    source: Source | None
    inner: list[str] = field(default_factory=list)  # nested sources, innermost first
    outer: list[str] = field(default_factory=list)  # relays ("as cited by X"), inner to outer
    token: int = -1  # the cue token index (for nesting)
    quote: tuple[int, int] | None = None  # char range of the quote this claim restates

    @property
    def sources(self) -> list[str]:
        chain = [*self.inner]
        if self.source is not None:
            chain.append(self.source.label)
        chain.extend(self.outer)
        out: list[str] = []
        for s in chain:
            if not out or out[-1] != s:
                out.append(s)
        return out


@dataclass
class _Cue:
    tok: Token
    cue: str
    start: int
    end: int
    subject: Span | None
    content: tuple[int, int] | None  # token range
    outer: list[str] = field(default_factory=list)
    source: Source | None = None
    inner: list[str] = field(default_factory=list)
    direct: tuple[int, int] | None = None  # char range of a direct quote taking its content
    speech: bool = True  # may a quotation's words be this cue's subject's own


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


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    while start < end and (doc[start].text in _TRIM or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].text in _TRIM or doc[end - 1].is_space):
        end -= 1
    return start, end


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


def _content(doc: Doc, tok: Token, belief: bool, speech: bool) -> tuple[int, int] | None:
    """Token range of what a cue verb reports (see the module docstring)."""
    for c in tok.children:
        if c.dep_ == "ccomp" or (
            # "tweeted in the early hours that ...": a that-clause the parser took for an advcl
            c.dep_ == "advcl" and c.i > tok.i and c.left_edge.lower_ == "that"
        ):
            return _trim(doc, c.left_edge.i, c.right_edge.i + 1)
    lemma = tok.lemma_.lower()
    if lemma in xcomp_verbs():
        for c in tok.children:
            if c.dep_ == "xcomp" and c.i > tok.i:
                return _trim(doc, c.left_edge.i, c.right_edge.i + 1)
    if lemma in object_verbs():
        span = _object_span(tok)
        if span is not None:
            return _trim(doc, *span)
    if belief or not speech:
        return None
    head = tok.head
    first, last = tok.left_edge.i, tok.right_edge.i
    while first < tok.i and doc[first].is_punct:
        first += 1  # the parser often hangs the commas around "he said" on the verb
    while last > tok.i and doc[last].is_punct:
        last -= 1
    after_comma = first > 0 and doc[first - 1].text in (",", "”", "''", '"')
    if (
        tok.dep_ in ("parataxis", "ccomp")
        and head.i < tok.i
        and after_comma
        and head.pos_ in ("VERB", "AUX")
    ):
        # "[...], X said." or, mid-sentence, "[... , X said, ...]": the whole clause.
        end = first if head.right_edge.i <= tok.right_edge.i else head.right_edge.i + 1
        return _trim(doc, head.left_edge.i, end)
    after = last + 1
    if (
        tok.dep_ == "parataxis"
        and head.i > tok.i
        and after_comma
        and after < len(doc)
        and doc[after].text == ","
    ):
        # "But to prevent problems, he said, local officials should be vigilant."
        return _trim(doc, head.left_edge.i, head.right_edge.i + 1)
    # ", X revealed on Thursday." with no complement.
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.i > tok.i or tok.right_edge.i - tok.i > 6:
        return None  # the cue must close its sentence: ", X revealed on Thursday."
    if any(c.dep_ in ("dobj", "dative", "xcomp", "advcl") for c in tok.children):
        return None
    first = subj.left_edge.i
    if first == 0 or doc[first - 1].text != ",":
        return None
    sent = tok.sent
    start = sent.start
    for k in range(first - 1, sent.start - 1, -1):
        if "\n" in doc[k].text:
            start = k + 1
            break
    if first - 1 - start < 3 or not _is_main_clause(doc, start, first - 1):
        return None
    return _trim(doc, start, first - 1)


def _is_main_clause(doc: Doc, start: int, end: int) -> bool:
    """Does the range hold a finite clause of its own (not "At Monday's debate," nor "When
    Congress cut funding,")?"""
    for t in doc[start:end]:
        if (
            t.tag_ in ("VBD", "VBZ", "VBP", "MD")
            and not any(c.dep_ == "mark" for c in t.children)
            and t.dep_ not in ("advcl", "relcl", "acl", "pcomp", "amod")
        ):
            return True
    return False


def _noun_cue(ctx: _Context, tok: Token) -> _Cue | None:
    """ "Trump's claim that ...": the possessor claims the clause."""
    poss = next((c for c in tok.children if c.dep_ == "poss"), None)
    clause = next(
        (
            c
            for c in tok.children
            if c.dep_ in ("acl", "ccomp")
            and c.i > tok.i
            and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
        ),
        None,
    )
    if poss is None or clause is None or poss.lower_ in _FIRST_PERSON:
        return None
    content = _trim(ctx.doc, *ctx.clip(clause.left_edge.i, clause.right_edge.i + 1, tok.i))
    if content[1] <= content[0]:
        return None
    cue = _Cue(tok, tok.text, tok.idx, tok.idx + len(tok), None, content, speech=False)
    cue.source = _resolve(ctx, poss)
    return cue


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


def _from_sentence_start(ctx: _Context, content: tuple[int, int], tok: Token) -> tuple[int, int]:
    """Content before its cue runs from the sentence start: "A, but B, a source said" reports
    both A and B, though the parse hangs the cue on B."""
    start = ctx.clip(tok.sent.start, content[1], tok.i)[0]
    return _trim(ctx.doc, min(start, content[0]), content[1])


def _object_span(tok: Token) -> tuple[int, int] | None:
    """Token range of an object-verb's content: "cited [remarks ... as examples of ...]",
    "called for [contestants to wear ...]"; one word ("accusing her") says nothing."""
    objs = [c for c in tok.children if c.dep_ in ("dobj", "oprd") and c.i > tok.i]
    if objs:
        start, end = objs[0].left_edge.i, objs[-1].right_edge.i
    else:
        prep = next(
            (
                c
                for c in tok.children
                if c.dep_ == "prep"
                and c.lower_ in ("for", "on")
                and c.i > tok.i
                and any(g.dep_ == "pobj" for g in c.children)
            ),
            None,
        )
        if prep is None:
            return None
        start, end = prep.i + 1, prep.right_edge.i
    for c in tok.rights:  # what the verb adds to its object
        if c.i <= end:
            continue
        if c.dep_ not in ("prep", "oprd", "advcl", "xcomp") or any(
            m.dep_ == "mark" for m in c.children
        ):
            break
        end = c.right_edge.i
    return (start, end + 1) if end > start else None


def _relays(ctx: _Context, tok: Token) -> list[str]:
    """ "as cited by X", "as reported by X" on a cue verb: the outlets relaying it."""
    out: list[str] = []
    for c in tok.children:
        if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "as" for m in c.children):
            for a in c.children:
                if a.dep_ == "agent":
                    for p in a.children:
                        if p.dep_ == "pobj":
                            out.append(_resolve(ctx, p).label)
    return out


def _find_cues(ctx: _Context) -> list[_Cue]:
    doc = ctx.doc
    cues_v, beliefs = cue_verbs(), belief_verbs()
    out: list[_Cue] = []
    for tok in doc:
        if tok.dep_ in _SUBJ_DEPS:
            ent = ctx.entity_at(tok.i)
            if ent is not None and ent.label == "PERSON":
                ctx.person_subjects.append((tok.i, ent.canonical))
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            to = doc[tok.i + 1]
            pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
            if (
                pobj is None
                or pobj.lower_ in _FIRST_PERSON
                or any(c.dep_ == "poss" and c.lower_ in _FIRST_PERSON for c in pobj.children)
            ):
                continue  # "according to our negotiations": the speaker's own basis
            head = tok.head
            phrase = (tok.i, pobj.right_edge.i + 1)
            left, right = head.left_edge.i, head.right_edge.i + 1
            if tok.i == left or tok.i <= head.i:
                left = max(left, phrase[1])
            else:
                right = min(right, phrase[0])
            content = _trim(doc, *ctx.clip(left, right, tok.i)) if head.i != tok.i else None
            cue = _Cue(tok, "according to", tok.idx, to.idx + len(to), None, content)
            cue.source = _resolve(ctx, pobj)
            out.append(cue)
            continue
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in cue_nouns():
            noun_cue = _noun_cue(ctx, tok)
            if noun_cue is not None:
                out.append(noun_cue)
            continue
        if tok.pos_ != "VERB":
            continue
        lemma = tok.lemma_.lower()
        belief = lemma in beliefs
        speech = lemma in cues_v
        if not (speech or belief or lemma in object_verbs() or lemma in xcomp_verbs()):
            continue
        if lemma == "cite" and any(c.lower_ == "as" for c in tok.children):
            continue  # "as cited by X" is a relay, read with its verb
        content = _content(doc, tok, belief, speech)
        if content is None and not speech:
            continue
        if content is not None:
            content = ctx.clip(*content, tok.i)
        subj = _subject(tok)
        if subj is not None and ctx.para[subj.i] != ctx.para[tok.i]:
            subj = None  # a heading line glued to the sentence by the parser
        subj = subj or _name_before(doc, tok)
        if subj is not None and ctx.inside_quote(subj.idx) and not ctx.inside_quote(tok.idx):
            subj = _name_after(ctx, tok)  # '“...; the loss of life,” said Hochul.'
        if content is not None and content[1] <= tok.i:
            content = _from_sentence_start(ctx, content, tok)
        cue = _Cue(tok, tok.text, tok.idx, tok.idx + len(tok), None, content, speech=speech)
        if subj is not None:
            cue.source = _resolve(ctx, subj)
            if subj.tag_ in ("WDT", "WP") and tok.dep_ == "relcl":
                # "listeners who said": the words stay "who", the speaker is the listeners.
                antecedent = _resolve(ctx, tok.head)
                cue.source.name, cue.source.mention = antecedent.name, antecedent.mention
            if cue.source.name and ctx.labels.get(cue.source.name) == "PERSON":
                ctx.person_subjects.append((subj.i, cue.source.name))
        cue.outer = _relays(ctx, tok)
        out.append(cue)
    return out


def _relay_according(cues: list[_Cue]) -> list[_Cue]:
    """ "X announced that ..., according to Y": Y relays X's statement, so it joins X's chain
    instead of standing as a source of the reported clause."""
    by_token = {c.tok.i: c for c in cues}
    dropped: set[int] = set()
    for cue in cues:
        if cue.cue != "according to" or cue.source is None:
            continue
        tok = cue.tok
        if tok.i == 0 or tok.doc[tok.i - 1].text != ",":
            continue
        anc = tok.head
        while anc.head.i != anc.i:
            if anc.i in by_token:
                break
            anc = anc.head
        main = by_token.get(anc.i)
        if main is None or main.cue == "according to" or main.source is None:
            continue
        if main.content is None or tok.i <= main.tok.i:
            continue
        main.outer.append(cue.source.label)
        start, end = main.content
        if start < tok.i < end:
            main.content = (start, tok.i - 1)
        dropped.add(tok.i)
    return [c for c in cues if c.tok.i not in dropped]


def _relay_reported(ctx: _Context, cues: list[_Cue]) -> tuple[list[_Cue], dict[int, _Cue]]:
    """ "“...,” the group's leader X said, AFP reported": a speech cue after a clause whose
    own main verb is a cue with a speaker relays that speaker; it joins the speaker's chain
    (X <- AFP) instead of claiming the clause. Returns the cues kept and, for each relaying
    cue's token, the cue it relays (quotes hanging on the relayer belong to the speaker)."""
    by_token = {c.tok.i: c for c in cues}
    relayed: dict[int, _Cue] = {}
    quoted = ctx.quoted

    def outside_quotes(c: _Cue) -> bool:
        return not any(qs <= c.start < qe for qs, qe in quoted)

    by_token = {i: c for i, c in by_token.items() if outside_quotes(c)}
    for cue in cues:
        if cue.source is None or cue.content is None or cue.cue == "according to":
            continue
        lemma = cue.tok.lemma_.lower()
        org = cue.source.name is not None and ctx.labels.get(cue.source.name) == "ORG"
        if lemma not in relay_verbs() and not (lemma == "say" and org):
            continue  # "..., the source added" reports; "..., AFP reported" relays
        start, end = cue.content
        if cue.tok.i < end:
            continue  # the relayer closes the sentence
        inner = next(
            (
                by_token[t.i]
                for t in cue.tok.doc[start:end]
                if t.i in by_token
                and not (start <= t.head.i < end and t.head.i != t.i)
                and by_token[t.i].source is not None
                and by_token[t.i].speech
            ),
            None,
        )
        if inner is None:
            # "“...,” X said, AFP reported": the parse hangs "said" on "reported"
            inner = next(
                (
                    by_token[c.i]
                    for c in cue.tok.children
                    if c.i in by_token
                    and c.i < cue.tok.i
                    and c.i >= end
                    and c.dep_ in ("parataxis", "ccomp")
                    and by_token[c.i].source is not None
                    and by_token[c.i].speech
                ),
                None,
            )
            if inner is not None:
                inner.content = cue.content  # the reported clause, not the relayer's
        if inner is None or inner is cue:
            continue
        inner.outer.extend(s for s in [cue.source.label, *cue.outer] if s not in inner.outer)
        relayed[cue.tok.i] = inner
    return [c for c in cues if c.tok.i not in relayed], relayed


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges inside quotation marks (“ ”, straight ", and '' as some wires write
    it). Inner quotes stay inside the outer one; a quote left open at a paragraph end
    continues only when the next paragraph opens with a mark; a ” opening a paragraph opens."""
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    opener = ""  # "curly" or "straight": marks of the other kind inside are nested quotes
    depth = 0
    pending_break = False
    for m in _MARKS.finditer(text):
        mark, i = m.group(), m.start()
        if mark == "\n":
            if open_at is not None:
                pending_break = True
            continue
        at_para_start = not text[text.rfind("\n", 0, i) + 1 : i].strip()
        if pending_break:
            pending_break = False
            if at_para_start and mark in (_OPEN, _STRAIGHT, "''", "``", _CLOSE):
                continue  # the quote runs on into this paragraph
            open_at, depth = None, 0
        straight = mark in (_STRAIGHT, "''")
        if open_at is None:
            if mark in (_OPEN, "``") or straight or (mark == _CLOSE and at_para_start):
                open_at, opener, depth = m.end(), ("straight" if straight else "curly"), 0
            continue
        closes_para = not text[m.end() : m.end() + 80].split("\n", 1)[0].strip()
        mixed_close = (opener == "curly" and straight and closes_para) or (
            opener == "straight" and mark == _CLOSE  # "...,” said X: no curly quote is open
        )
        if mixed_close and not depth and i > open_at:
            # “frightening." at a paragraph's end: pages mix curly and straight marks
            end = i
            while end > open_at and (text[end - 1].isspace() or text[end - 1] == ","):
                end -= 1
            if end > open_at:
                spans.append((open_at, end))
            open_at = None
            continue
        if (opener == "curly" and straight) or (opener == "straight" and not straight):
            if mark in (_OPEN, "``"):
                depth += 1
            elif mark == _CLOSE and depth:
                depth -= 1
            continue  # a quote inside the quote
        if mark in (_OPEN, "``"):
            depth += 1
            continue
        if depth:
            depth -= 1
            continue
        end = i
        while end > open_at and (text[end - 1].isspace() or text[end - 1] == ","):
            end -= 1  # the comma before a closing mark stands for the quote's full stop
        if end > open_at:
            spans.append((open_at, end))
        open_at = None
    return spans


def _is_title(span: Span) -> bool:
    words = [t for t in span if t.is_alpha]
    return len(words) >= 2 and all(t.is_title or t.is_stop for t in words) and words[0].is_title


def _is_partial(text: str, start: int) -> bool:
    """A quote is partial when a word runs into its opening mark ("the need for “...")."""
    k = start - 2  # the char before the opening mark
    while k >= 0 and text[k] in " \t":
        k -= 1
    return k >= 0 and (text[k].isalnum() or text[k] in ")%")


def _cue_for_quote(doc: Doc, span: Span, by_token: dict[int, _Cue], qs: int, qe: int):
    """The cue a quote hangs on: nearest cue ancestor (or its "according to"), else a cue verb
    in the quote's last sentence outside the quote."""
    by_token = {i: c for i, c in by_token.items() if c.speech}
    best: tuple[int, _Cue] | None = None
    for t in span:
        if span.start <= t.head.i < span.end and t.head.i != t.i:
            continue
        depth = 0
        anc = t
        while True:
            if not (qs <= anc.idx < qe) and anc.i in by_token:
                cand = by_token[anc.i]
                if best is None or depth < best[0]:
                    best = (depth, cand)
                break
            according = next(
                (c for c in anc.children if by_token.get(c.i) and c.lower_ == "according"),
                None,
            )
            if according is not None and not (qs <= according.idx < qe):
                if best is None or depth < best[0]:
                    best = (depth, by_token[according.i])
                break
            if anc.head.i == anc.i:
                break
            anc = anc.head
            depth += 1
    if best is not None:
        return best[1]
    sent = doc[span.end - 1].sent
    near = [
        c
        for i, c in by_token.items()
        if sent.start <= i < sent.end and not (qs <= c.start < qe) and c.source is not None
    ]
    if near:
        return min(near, key=lambda c: min(abs(c.start - qe), abs(c.start - qs)))
    return None


def _inner_sources(ctx: _Context, content: tuple[int, int], cue_index: int) -> list[str]:
    """A nested source: the subject of the content's main verb when it is a cue or a stance."""
    doc = ctx.doc
    start, end = content
    if end <= start:
        return []
    roots = [t for t in doc[start:end] if not (start <= t.head.i < end) or t.head.i == t.i]
    stance, cues = stance_words(), cue_verbs()
    for r in roots[:1]:
        if r.i == cue_index:
            continue
        subj = next((c for c in r.children if c.dep_ == "nsubj"), None)
        if subj is None or subj.pos_ == "PRON":
            continue
        holds = (
            r.lemma_.lower() in cues
            or r.lemma_.lower() in stance
            or any(
                c.lemma_.lower() in stance and c.dep_ in ("acomp", "dobj", "attr", "xcomp")
                for c in r.children
            )
        )
        if holds:
            return [_resolve(ctx, subj).label]
    return []


def find_attributions(doc: Doc, entities: list[Entity]) -> tuple[list[Attribution], list[Quote]]:
    """Every attribution with offsets, and the quotes (for `extract_attributions` and evals)."""
    ctx = _Context(doc, entities)
    cues, relayed = _relay_reported(ctx, _relay_according(_find_cues(ctx)))
    cues += _colon_lines(ctx)
    by_token = {c.tok.i: c for c in cues}
    by_token.update(relayed)
    text = ctx.text
    quotes: list[tuple[int, int, QuoteKind, _Cue | None]] = []
    for qs, qe in ctx.quoted:
        span = doc.char_span(qs, qe, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        kind: QuoteKind = "partial" if _is_partial(text, qs) else "direct"
        if kind == "partial" and _is_title(span):
            continue  # "on “Fox News Sunday”": the name of a show or a work, not words said
        cue = _cue_for_quote(doc, span, by_token, qs, qe)
        if cue is None or (cue.source is None and cue.cue != "according to"):
            if kind == "direct":
                quotes.append((qs, qe, kind, None))
            continue
        if kind == "direct" and (cue.content is None or _char_range(doc, cue.content)[1] <= qe + 2):
            cue.direct = (qs, qe)
        quotes.append((qs, qe, kind, cue))
    # A quote with no cue of its own continues the speaker of the quote just before it, in
    # the same paragraph ("“A,” she said. “B.”") or as the whole next paragraph; a quote
    # right after "X continued:" takes that cue.
    resolved: list[tuple[int, int, QuoteKind, _Cue | None]] = []
    for q in quotes:
        qs, qe, kind, cue = q
        if cue is None:
            cue = _colon_cue(ctx, qs, by_token) or _dash_cue(ctx, qe)
        prev = resolved[-1] if resolved else None
        if cue is None and prev is not None and prev[3] is not None:
            gap = text[prev[1] : qs]
            same_para = "\n" not in gap
            next_para = (
                _whole_paragraph(text, qs, qe) and gap.count("\n") >= 1 and len(gap.strip()) <= 2
            )
            if same_para or next_para:
                cue = prev[3]
        if cue is None and kind == "direct":
            cue = neighbour_cue(ctx, qs, qe, by_token)
        if cue is None:
            continue
        resolved.append((qs, qe, kind, cue))
    attributions: list[Attribution] = []
    for cue in cues:
        if cue.source is None and cue.cue != "according to":
            continue
        if cue.direct is not None:
            cs, ce = cue.direct
            if cue.content is not None:
                # "said, with thousands of systems, “there is no single point of failure”":
                # the claim keeps the reported words that lead into the quote.
                lead, lead_end = _char_range(doc, cue.content)
                if lead < cs <= lead_end:
                    cs = lead
            kind: QuoteKind = "direct"
            inner_range = doc.char_span(*cue.direct, alignment_mode="expand")
            inner = (
                _inner_sources(ctx, (inner_range.start, inner_range.end), cue.tok.i)
                if inner_range is not None
                else []
            )
        elif cue.content is not None and cue.content[1] > cue.content[0]:
            cs, ce = _char_range(doc, cue.content)
            kind = "indirect"
            inner = _inner_sources(ctx, cue.content, cue.tok.i)
        else:
            continue
        cue.inner = inner
        attributions.append(
            Attribution(
                cue=cue.cue,
                cue_start=cue.start,
                cue_end=cue.end,
                content_start=cs,
                content_end=ce,
                kind=kind,
                source=cue.source,
                inner=inner,
                outer=list(cue.outer),
                token=cue.tok.i,
            )
        )
    _nest(attributions)
    out_quotes: list[Quote] = []
    cue_of: dict[tuple[int, int], int] = {}  # quote range -> its cue token
    for qs, qe, kind, cue in resolved:
        if cue is None:  # never: unresolved quotes were dropped above
            continue
        cue_of[(qs, qe)] = cue.tok.i
        chain = _chain_of(cue, attributions)
        src = cue.source
        # Relays beyond the speaker, for the quote's own claim.
        relay = chain[chain.index(src.label) + 1 :] if src and src.label in chain else []
        out_quotes.append(
            Quote(
                text=text[qs:qe],
                speaker=src.name if src else None,
                cue=cue.cue,
                kind=kind,
                start=qs,
                end=qe,
                speaker_mention=src.mention if src else None,
                sources=chain,
            )
        )
        if kind == "partial" and not any(
            a.content_start <= qs and qe <= a.content_end for a in attributions
        ):
            # The claim is the phrase under the cue that holds the fragment ("the need for
            # “specific prerequisites” to be met ..."), the quote stays the fragment.
            cs, ce = _argument_holding(ctx, cue.tok, qs, qe)
            attributions.append(
                Attribution(
                    cue=cue.cue,
                    cue_start=cue.start,
                    cue_end=cue.end,
                    content_start=cs,
                    content_end=ce,
                    kind="partial",
                    source=src,
                    outer=relay,
                    token=cue.tok.i,
                )
            )
        if (
            kind == "direct"
            and cue.direct != (qs, qe)
            and not any(a.content_start <= qs and qe <= a.content_end for a in attributions)
        ):
            attributions.append(
                Attribution(
                    cue=cue.cue,
                    cue_start=cue.start,
                    cue_end=cue.end,
                    content_start=qs,
                    content_end=qe,
                    kind="direct",
                    source=src,
                    outer=relay,
                    token=cue.tok.i,
                )
            )
    attributions = _one_per_cue(attributions, text)
    attributions.sort(key=lambda a: (a.content_start, a.content_end))
    out_quotes.extend(
        Quote(
            text=text[a.content_start : a.content_end],
            speaker=a.source.name if a.source else None,
            cue=a.cue,
            kind="indirect",
            start=a.content_start,
            end=a.content_end,
            speaker_mention=a.source.mention if a.source else None,
            sources=a.sources,
        )
        for a in attributions
        if a.kind == "indirect"
    )
    out_quotes.sort(key=lambda q: (q.start, q.end))
    _link_quotes(attributions, out_quotes, cue_of)
    return attributions, out_quotes


def _link_quotes(
    attributions: list[Attribution], quotes: list[Quote], cue_of: dict[tuple[int, int], int]
) -> None:
    """A claim restating a quote points at it: the quote with the claim's own cue inside the
    claim's content (the direct or partial words it reports), else the indirect quote on the
    same span. The claim then is the quote's proposition, not a second report of it."""
    for a in attributions:
        best: tuple[int, int] | None = None
        for q in quotes:
            if not (a.content_start <= q.start and q.end <= a.content_end):
                continue
            if q.kind == "indirect":
                if (q.start, q.end) == (a.content_start, a.content_end) and best is None:
                    best = (q.start, q.end)
                continue
            if cue_of.get((q.start, q.end)) != a.token:
                continue
            if best is None or (q.end - q.start) > (best[1] - best[0]):
                best = (q.start, q.end)
        a.quote = best


def _one_per_cue(attributions: list[Attribution], text: str) -> list[Attribution]:
    """One cue reports one proposition: of two attributions on the same cue where one's
    content lies inside the other's (a partial quote's phrase and the clause around it, the
    same words with and without a closing mark), the wider stays. Direct quotes on one cue
    ("“A,” she said. “B.”") are separate statements and all stay."""
    kept: list[Attribution] = []
    for a in attributions:
        wider = any(
            b is not a
            and b.token == a.token
            and not (a.kind == "direct" and b.kind == "direct")
            and b.content_start <= a.content_start
            and a.content_end <= b.content_end
            and (b.content_end - b.content_start, id(b)) > (a.content_end - a.content_start, id(a))
            for b in attributions
        )
        if not wider:
            kept.append(a)
    return kept


def _argument_holding(ctx: _Context, cue: Token, qs: int, qe: int) -> tuple[int, int]:
    """Char range of the cue's object or complement that holds the quote, else the quote."""
    doc = ctx.doc
    span = doc.char_span(qs, qe, alignment_mode="expand")
    if span is None or cue.lower_ == "according":
        return qs, qe
    anc = span.root
    while anc.head.i != anc.i and anc.head.i != cue.i:
        anc = anc.head
    if anc.head.i != cue.i or anc.dep_ not in ("dobj", "xcomp", "ccomp", "prep", "oprd", "attr"):
        return qs, qe
    start, end = _trim(doc, *ctx.clip(anc.left_edge.i, anc.right_edge.i + 1, cue.i))
    if end <= start:
        return qs, qe
    cs, ce = _char_range(doc, (start, end))
    return min(cs, qs), max(ce, qe)


def _chain_of(cue: _Cue, attributions: list[Attribution]) -> list[str]:
    for a in attributions:
        if a.token == cue.tok.i:
            return a.sources
    src = [cue.source.label] if cue.source else []
    return [*src, *cue.outer]


def _nest(attributions: list[Attribution]) -> None:
    """An attribution whose cue sits inside another's content is relayed by that one."""
    order = sorted(attributions, key=lambda a: a.content_end - a.content_start)
    for a in reversed(order):  # outermost first, so a holder's chain is complete when read
        holders = [
            b
            for b in order
            if b is not a and b.content_start <= a.cue_start and a.cue_end <= b.content_end
        ]
        if not holders:
            continue
        b = holders[0]
        relay = ([b.source.label] if b.source else []) + b.outer
        a.outer = [s for s in relay if s not in a.sources] + a.outer


def _colon_lines(ctx: _Context) -> list[_Cue]:
    """Headline and transcript lines "Pat Caddell: ...", "PENCE: ...": the name before the
    colon says the rest of the line."""
    doc = ctx.doc
    out: list[_Cue] = []
    starts = [0] + [t.i + 1 for t in doc if "\n" in t.text and t.i + 1 < len(doc)]
    for p in starts:
        i = p
        while i < len(doc) and (doc[i].text in _QUOTE_MARKS or doc[i].is_space):
            i += 1
        first = i
        while i < len(doc) and i - first < 5 and (doc[i].is_title or doc[i].is_upper):
            i += 1
        if i == first or i >= len(doc) or doc[i].text != ":" or not doc[first].is_alpha:
            continue
        if doc[first].lower_ in colon_labels() or doc[first].ent_type_ in ("DATE", "TIME"):
            continue  # "Correction: ...", "UPDATE: ..." label the line
        end = i + 1
        while end < len(doc) and ctx.para[end] == ctx.para[i]:
            end += 1
        content = _trim(doc, i + 1, end)
        if content[1] - content[0] < 3:
            continue
        name_span = doc[first:i]
        ent = ctx.entity_at(first)
        name = ent.canonical if ent is not None and ent.label in ("PERSON", "ORG") else None
        colon = doc[i]
        cue = _Cue(colon, ":", colon.idx, colon.idx + 1, None, content, speech=False)
        cue.source = Source(name_span.text, name_span.start_char, name_span.end_char, name)
        out.append(cue)
    return out


_HANDLE = re.compile(r"[\"”'`]*\s*[-―—–]+\s*@(\w{2,30})")


def _handle_cue(ctx: _Context, qe: int) -> _Cue | None:
    """'"..."-@DrHalvorsen' (a post quoted with its author's handle): the speaker is the
    person whose name the handle spells, else the handle itself."""
    m = _HANDLE.match(ctx.text, qe)
    if m is None:
        return None
    handle = m.group(1).lower()
    name = next(
        (
            e.canonical
            for e in ctx.entities
            if e.label in ("PERSON", "ORG")
            and any(len(w) >= 4 and w.lower() in handle for w in e.canonical.split())
        ),
        None,
    )
    span = ctx.doc.char_span(m.start(1) - 1, m.end(1), alignment_mode="expand")
    if span is None:
        return None
    tok = span[0]
    cue = _Cue(tok, "@", m.start(1) - 1, m.start(1), None, None)
    cue.source = Source("@" + m.group(1), m.start(1) - 1, m.end(1), name)
    return cue


def _dash_cue(ctx: _Context, qe: int) -> _Cue | None:
    """'“...” ― Sonya Herridge': a name after a dash closing the quote's line."""
    handle = _handle_cue(ctx, qe)
    if handle is not None:
        return handle
    doc = ctx.doc
    span = ctx.doc.char_span(qe, qe + 1, alignment_mode="expand")
    if span is None:
        return None
    i = span.start
    while i < len(doc) and (
        doc[i].text in _QUOTE_MARKS
        or doc[i].text in ",."
        or (doc[i].is_space and "\n" not in doc[i].text)
    ):
        i += 1
    if i + 1 >= len(doc) or doc[i].text.lstrip("”\"'") not in ("―", "—", "–", "-", "--"):
        return None  # ("”―" comes as one token)
    first = i + 1
    while first < len(doc) and doc[first].is_space and "\n" not in doc[first].text:
        first += 1
    end = first
    while end < len(doc) and "\n" not in doc[end].text and doc[end].text not in ",.;(":
        end += 1
    if end <= first or (not doc[first].is_title and not doc[first].is_upper):
        return None
    name_span = doc[first:end]
    ent = ctx.entity_at(first)
    name = ent.canonical if ent is not None and ent.label in _NAME_ORDER else None
    dash = doc[i]
    cue = _Cue(dash, dash.text, dash.idx, dash.idx + len(dash), None, None)
    cue.source = Source(name_span.text, name_span.start_char, name_span.end_char, name)
    return cue


def _colon_cue(ctx: _Context, qs: int, by_token: dict[int, _Cue]) -> _Cue | None:
    """The cue of "X continued:" right before a quote (across a line break too): any verb
    with a subject introduces the quote its colon opens ("made the following comment:")."""
    doc = ctx.doc
    span = doc.char_span(qs, qs, alignment_mode="expand")
    i = (span.start if span is not None else len(doc)) - 1
    while i >= 0 and (doc[i].is_space or doc[i].text in _QUOTE_MARKS):
        i -= 1
    if i < 1 or doc[i].text != ":":
        return None
    k = i - 1
    while k >= 0 and doc[k].pos_ in ("ADV", "PART", "ADP", "NOUN", "PROPN", "DET", "ADJ"):
        k -= 1  # "said in a statement:", "told reporters:"
    for j in (i - 1, k):
        if j >= 0 and j in by_token and by_token[j].source is not None:
            return by_token[j]
    for j in (i - 1, k):
        if j < 0 or doc[j].pos_ not in ("VERB", "AUX"):
            continue
        subj = _subject(doc[j])
        if subj is not None:
            verb = doc[j]
            cue = _Cue(verb, verb.text, verb.idx, verb.idx + len(verb), None, None)
            cue.source = _resolve(ctx, subj)
            if verb.pos_ == "AUX" and cue.source.name is None:
                continue  # "The problem is: ..." names no one; "Hochul was blunt: ..." does
            return cue
    return None


_DEMONSTRATIVES = frozenset({"this", "that", "these", "those"})


def neighbour_cue(ctx: _Context, qs: int, qe: int, by_token: dict[int, _Cue]) -> _Cue | None:
    """The speaker of a quote that stands as a sentence of its own, named in the sentence
    before it ("Governor X spoke to reporters on Friday. “...”", across one paragraph break
    too) or only in the sentence after it ("“...” Those were the words of Mayor X.",
    "“...” That is what X told reporters."). Only a resolved name counts."""
    doc = ctx.doc
    span = doc.char_span(qs, qe, alignment_mode="expand")
    if span is None:
        return None
    text = ctx.text
    before = span.start - 1
    while before >= 0 and (doc[before].is_space or doc[before].text in _QUOTE_MARKS):
        before -= 1
    if before >= 0 and doc[before].text.rstrip("\"”'")[-1:] in (".", "!", "?", ":"):
        gap = text[doc[before].idx + 1 : qs - 1]
        if not gap.strip(" \n\"“”'") and gap.count("\n") <= 2:
            cue = _intro_cue(ctx, doc[before].sent, by_token)
            if cue is not None:
                return cue
    after = span.end
    while after < len(doc) and (
        doc[after].is_space or doc[after].text in _QUOTE_MARKS or doc[after].text in ".!?"
    ):
        after += 1
    if after >= len(doc) or text[qe : doc[after].idx].count("\n") > 2:
        return None
    if any(c in text[qe : doc[after].idx] for c in ",;"):
        return None  # '“...,” she said' is the quote's own sentence, read elsewhere
    return _outro_cue(ctx, doc[after].sent, by_token)


def _intro_cue(ctx: _Context, sent: Span, by_token: dict[int, _Cue]) -> _Cue | None:
    root = sent.root
    cue = by_token.get(root.i)
    if cue is not None and cue.source is not None and cue.source.name and cue.speech:
        return cue
    if root.pos_ != "VERB" or root.lemma_.lower() not in intro_verbs() | cue_verbs():
        return None
    subj = _subject(root)
    if subj is None:
        return None
    cue = _Cue(root, root.text, root.idx, root.idx + len(root), None, None)
    cue.source = _resolve(ctx, subj)
    return cue if cue.source.name else None


def _outro_cue(ctx: _Context, sent: Span, by_token: dict[int, _Cue]) -> _Cue | None:
    pointing = any(t.lower_ in _DEMONSTRATIVES and t.i - sent.start < 3 for t in sent)
    for t in sent:
        cue = by_token.get(t.i)
        if pointing and cue is not None and cue.speech and cue.source and cue.source.name:
            return cue
        if t.lemma_.lower() in quote_nouns() and (pointing or t.i - sent.start < 3):
            for p in t.children:
                if p.dep_ == "prep" and p.lower_ in ("of", "from", "by"):
                    obj = next((c for c in p.children if c.dep_ == "pobj"), None)
                    if obj is None:
                        continue
                    cue = _Cue(t, t.text, t.idx, t.idx + len(t), None, None)
                    cue.source = _resolve(ctx, obj)
                    if cue.source.name:
                        return cue
    return None


def _whole_paragraph(text: str, qs: int, qe: int) -> bool:
    before = text.rfind("\n", 0, qs)
    after = text.find("\n", qe)
    head = text[before + 1 : qs - 1].strip()
    tail = text[qe + 1 : after if after != -1 else len(text)].strip()
    return not head and len(tail) <= 2


def _char_range(doc: Doc, tokens: tuple[int, int]) -> tuple[int, int]:
    start, end = tokens
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1])


def extract_attributions(doc: Doc, entities: list[Entity]) -> tuple[list[Quote], list[Claim]]:
    """Quotes of every kind, and one claim per attributed proposition with its source chain."""
    attributions, quotes = find_attributions(doc, entities)
    text = doc.text  # built anew on every access
    index: dict[tuple[int, int], int] = {}
    for i, q in enumerate(quotes):  # the quoted words before an indirect report of one span
        if q.kind != "indirect" or (q.start, q.end) not in index:
            index[(q.start, q.end)] = i

    def quote_index(a: Attribution) -> int | None:
        return None if a.quote is None else index.get(a.quote)

    claims = [
        Claim(
            text=text[a.content_start : a.content_end],
            sources=a.sources,
            start=a.content_start,
            end=a.content_end,
            cue=a.cue,
            quote=quote_index(a),
        )
        for a in attributions
        if a.sources
    ]
    return quotes, claims
