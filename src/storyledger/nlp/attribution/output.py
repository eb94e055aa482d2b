"""What find_attributions returns, and how its attributions are shaped into one claim per
proposition: one per cue, nested claims folded into the claim holding them, relays down the
nesting, and the link from a claim to the quote it restates."""

from __future__ import annotations

from dataclasses import dataclass, field

from storyledger.model import Quote, QuoteKind
from storyledger.nlp.attribution.lexicon import pronouns
from storyledger.nlp.attribution.speakers import Source


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


def _fold_nested(attributions: list[Attribution]) -> list[Attribution]:
    """A claim whose cue and content lie inside another cue's content is part of that claim
    ("X said [she plans to [join the protest]]"), not a second one: it folds into the wider
    claim, its named source joining that claim's chain as the innermost one."""
    kept: list[Attribution] = []
    for a in attributions:
        holder = next(
            (
                b
                for b in attributions
                if b.token != a.token
                and b.content_start <= a.cue_start
                and a.cue_end <= b.content_end
                and b.content_start <= a.content_start
                and a.content_end <= b.content_end
                and (b.content_end - b.content_start) > (a.content_end - a.content_start)
            ),
            None,
        )
        if holder is None:
            kept.append(a)
            continue
        if a.source is not None and a.source.mention.lower() not in pronouns():
            chain = holder.sources
            holder.inner = [s for s in [*a.inner, a.source.label] if s not in chain] + holder.inner
    return kept


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
