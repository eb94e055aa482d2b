"""Context around a date expression that decides its reading (cues in data/dates_context.json).

- Tense and modality: the governing verb's tense decides a weekday's or month's direction, and
  a modal or 'is expected' looks ahead, as HeidelTime reads it ('talks could resume as soon as
  Friday' in a Wednesday article is two days later).
- 'until Friday' looks ahead unless its clause is in the past.
- 'a month earlier than usual' is a duration (a comparison measures a stretch).
- 'between 12 and 18 months' measures the upper count ('12 and 18' is no sum).
- 'six straight days' is six days.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Doc, Token

from storyledger.nlp.dates.patterns import context, rx


def tense(doc: Doc, start: int, end: int) -> str:
    """'future', 'past', 'present' or 'none' for the clause a character span sits in."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return "none"
    tok = span.root
    for _ in range(6):
        if tok.pos_ in ("VERB", "AUX"):
            break
        if tok.head is tok:
            break
        tok = tok.head
    if tok.pos_ not in ("VERB", "AUX"):
        return "none"
    while (
        tok.tag_ in ("VBN", "VBG")
        and tok.dep_ in ("acomp", "oprd", "xcomp")
        and not any(c.dep_ in ("aux", "auxpass") for c in tok.children)
        and tok.head.pos_ in ("VERB", "AUX")
    ):
        tok = tok.head  # "stayed closed until Saturday": the finite verb has the tense
    cues = context()
    auxes = [c for c in tok.children if c.dep_ in ("aux", "auxpass")] + [tok]
    if (
        tok.tag_ == "VB"
        and any(a.lower_ in cues["infinitive_marker"] for a in auxes)
        and tok.dep_ == "xcomp"
    ):
        # "is set to begin on Wednesday" looks ahead; "was forced to land" keeps the past
        gov = tok.head
        gov_aux = [c for c in gov.children if c.dep_ in ("aux", "auxpass")] + [gov]
        if not any(a.tag_ == "VBD" or a.lower_ in cues["past_governors"] for a in gov_aux):
            return "future"
    for a in auxes:
        low = a.lower_
        if low in cues["future_aux"] or (low in cues["going_aux"] and a.dep_ == "aux"):
            return "future"
    modal = modal_tense(tok, auxes)
    if modal:
        return modal
    for a in auxes:
        if (a.tag_ == "VBD" and a.lower_ not in cues["present_perfect"]) or (
            a.tag_ == "VBN" and any(x.lower_ in cues["past_perfect"] for x in auxes)
        ):
            return "past"
    if tok.tag_ in ("VBZ", "VBP") and tok.lemma_.lower() not in cues["stative_present"]:
        return "present"
    return "none"


def modal_tense(tok: Token, auxes: list[Token]) -> str | None:
    """'could resume' looks ahead, 'could have ended' back; 'is expected' ahead; else None."""
    w = context()
    if any(a.tag_ == "MD" and a.lower_ in w["future_modals"] for a in auxes):
        perfect = any(a.lower_ in w["perfect_aux"] and a.dep_ == "aux" for a in auxes)
        return "past" if perfect else "future"
    ahead = tok.lower_ in w["future_participles"] and tok.tag_ in ("VBN", "JJ")
    if ahead and any(a.lower_ in w["present_be"] for a in auxes if a is not tok):
        return "future"
    return None


def forward_cue(text: str, start: int, clause_tense: str) -> str:
    """'closed until Friday' reads ahead when the clause is not in the past; 'effective
    June 1' always."""
    before = re.search(r"([\w']+)\s+$", text[max(0, start - 12) : start])
    word = before.group(1).lower() if before else ""
    if word in context()["forward_words"]:
        return "future"  # "a toll payable April 20" looks ahead even in a past clause
    if word in context()["forward_preps"] and clause_tense != "past":
        return "future"
    return clause_tense


def is_comparison(surface: str, after: str) -> bool:
    """'a month earlier' followed by 'than': a stretch compared, not a date."""
    last = surface.lower().split()[-1] if surface.split() else ""
    return last in context()["comparison_words"] and rx("than_after").match(after) is not None


def comparison_core(surface: str) -> str:
    """'a month earlier' -> 'a month'."""
    return surface.rsplit(None, 1)[0]


def plain_count(core: str, count: Callable[[str], float | None]) -> str:
    """'six straight days' -> 'six days'; '12 and 18 months' -> '18 months' (upper count)."""
    fillers = "|".join(re.escape(f) for f in context()["duration_fillers"])
    core = re.sub(rf"\b(?:{fillers})\s+", "", core)
    m = rx("count_range").fullmatch(core)
    if m:
        low, high = count(m.group(1)), count(m.group(2))
        if low is not None and high is not None and low < high:
            return m.group(2) + m.group(3)
    return core
