"""Relays: "X announced that ..., according to Y" and "“...,” X said, AFP reported", where a
second cue passes on the first one's statement and joins its chain instead of claiming."""

from __future__ import annotations

from storyledger.nlp.attribution.cues import _Cue
from storyledger.nlp.attribution.lexicon import relay_verbs
from storyledger.nlp.attribution.speakers import _Context


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
