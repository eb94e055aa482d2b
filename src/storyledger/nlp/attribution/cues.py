"""Cues in the parse (speech, belief, object and xcomp verbs, "according to", claim nouns,
colon lines) with their content and subject, and the relays folded into them."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from storyledger.nlp.attribution.lexicon import (
    belief_verbs,
    colon_labels,
    cue_nouns,
    cue_verbs,
    object_preps,
    object_verbs,
    setting_preps,
    xcomp_verbs,
)
from storyledger.nlp.attribution.marks import _QUOTE_MARKS, _trim
from storyledger.nlp.attribution.speakers import (
    _FIRST_PERSON,
    _SUBJ_DEPS,
    Source,
    _Context,
    _name_after,
    _name_before,
    _resolve,
    _subject,
)


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


def _content(doc: Doc, tok: Token, belief: bool, speech: bool) -> tuple[int, int] | None:
    """Token range of what a cue verb reports (see the module docstring)."""
    clauses = [
        c
        for c in tok.children
        if c.dep_ == "ccomp"
        # "tweeted in the early hours that ...": a that-clause the parser took for an advcl
        or (c.dep_ == "advcl" and c.i > tok.i and c.left_edge.lower_ == "that")
    ]
    if clauses:
        return _clause_content(doc, tok, clauses)
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
        nxt = last + 1
        if nxt + 1 < len(doc) and doc[nxt].text == "," and doc[nxt + 1].dep_ == "cc":
            end = first  # "[...], officials said, and residents ...": the writer goes on
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


def _clause_content(doc: Doc, tok: Token, clauses: list[Token]) -> tuple[int, int]:
    """Token range of a cue's clause complements, from the first to the last ("said [A, and,
    even more, B]" parses as two); a clause the parse hangs on the cue after it, past a comma,
    continues the reported words ("[A], X said, [until B]")."""
    side = [c for c in clauses if (c.i > tok.i) == (clauses[0].i > tok.i)]
    start = min(c.left_edge.i for c in side)
    end = max(c.right_edge.i for c in side) + 1
    for c in tok.children:
        if (
            c.i >= end
            and c.dep_ in ("advcl", "ccomp")
            and doc[c.left_edge.i - 1].text == ","
            and any(m.dep_ == "mark" and m.lower_ != "as" for m in c.children)
        ):  # not ", as cited by X": a relay, read by _relays
            end = c.right_edge.i + 1
    return _trim(doc, start, end)


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
                and c.lower_ in object_preps()
                and c.i > tok.i
                and any(g.dep_ in ("pobj", "pcomp") for g in c.children)
            ),
            None,
        )
        if prep is None:
            return None
        start, end = prep.i + 1, prep.right_edge.i
    for c in tok.rights:  # what the verb adds to its object
        if c.i <= end:
            continue
        if (
            c.dep_ not in ("prep", "oprd", "advcl", "xcomp")
            or any(m.dep_ == "mark" for m in c.children)
            or (c.dep_ == "prep" and c.lower_ in setting_preps())
        ):
            break  # "called for more investment [in a statement on Thursday]": the setting
        end = c.right_edge.i
    if end == start and tok.doc[start].pos_ != "PROPN":
        return None  # "accusing her" says nothing; "attacked Trump" names the target
    return (start, end + 1)


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
            # "“...,” said Hochul." or, the parse lost, "“...,” Chief X said."
            subj = _name_after(ctx, tok) or _name_before(doc, tok)
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
