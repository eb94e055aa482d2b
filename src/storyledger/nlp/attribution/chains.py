"""Attributions with their source chains, the quotes, and the claims extract returns."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from storyledger.model import Claim, Entity, Quote, QuoteKind
from storyledger.nlp.attribution.cues import (
    _colon_lines,
    _Cue,
    _find_cues,
)
from storyledger.nlp.attribution.lexicon import cue_verbs, stance_words
from storyledger.nlp.attribution.marks import (
    _char_range,
    _is_partial,
    _is_title,
    _trim,
    _whole_paragraph,
)
from storyledger.nlp.attribution.output import (
    Attribution,
    _fold_nested,
    _link_quotes,
    _nest,
    _one_per_cue,
)
from storyledger.nlp.attribution.quote_cues import (
    _colon_cue,
    _cue_for_quote,
    _dash_cue,
    neighbour_cue,
)
from storyledger.nlp.attribution.relays import _relay_according, _relay_reported
from storyledger.nlp.attribution.speakers import Source, _Context, _resolve


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
            attributions.append(_of_cue(cue, cs, ce, "partial", src, relay))
        if (
            kind == "direct"
            and cue.direct != (qs, qe)
            and not any(a.content_start <= qs and qe <= a.content_end for a in attributions)
        ):
            attributions.append(_of_cue(cue, qs, qe, "direct", src, relay))
    attributions = _fold_nested(_one_per_cue(attributions, text))
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


def _of_cue(
    cue: _Cue, start: int, end: int, kind: QuoteKind, source: Source | None, outer: list[str]
) -> Attribution:
    """A quoted stretch `cue` introduces (its relays as `outer`)."""
    return Attribution(
        cue=cue.cue,
        cue_start=cue.start,
        cue_end=cue.end,
        content_start=start,
        content_end=end,
        kind=kind,
        source=source,
        outer=outer,
        token=cue.tok.i,
    )


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
