"""Context around a date expression that decides its reading (rules in data/dates_context.json).

- Tense and modality: a modal or 'is expected' looks ahead, as HeidelTime reads the governing
  verb ('talks could resume as soon as Friday' in a Wednesday article is two days later).
- 'until Friday' looks ahead unless its clause is in the past.
- 'a month earlier than usual' is a duration (a comparison measures a stretch).
- 'between 12 and 18 months' measures the upper count ('12 and 18' is no sum).
- 'six straight days' is six days.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

_DATA = Path(__file__).with_name("data") / "en"  # English: nlp/data/en


@functools.cache
def words() -> dict:
    return json.loads((_DATA / "dates_context.json").read_text())


def modal_tense(tok, auxes: list) -> str | None:
    """'could resume' looks ahead, 'could have ended' back; 'is expected' ahead; else None."""
    w = words()
    if any(a.tag_ == "MD" and a.lower_ in w["future_modals"] for a in auxes):
        perfect = any(a.lower_ in ("have", "'ve") and a.dep_ == "aux" for a in auxes)
        return "past" if perfect else "future"
    ahead = tok.lower_ in w["future_participles"] and tok.tag_ in ("VBN", "JJ")
    if ahead and any(a.lower_ in w["present_be"] for a in auxes if a is not tok):
        return "future"
    return None


def forward_cue(text: str, start: int, tense: str) -> str:
    """'closed until Friday' reads ahead when the clause is not in the past."""
    before = re.search(r"([\w']+)\s+$", text[max(0, start - 12) : start])
    if before and before.group(1).lower() in words()["forward_preps"] and tense != "past":
        return "future"
    return tense


def is_comparison(surface: str, after: str) -> bool:
    """'a month earlier' followed by 'than': a stretch compared, not a date."""
    last = surface.lower().split()[-1] if surface.split() else ""
    return last in words()["comparison_words"] and re.match(r"\s+than\b", after) is not None


def comparison_core(surface: str) -> str:
    """'a month earlier' -> 'a month'."""
    return surface.rsplit(None, 1)[0]


def plain_count(core: str, count) -> str:
    """'six straight days' -> 'six days'; '12 and 18 months' -> '18 months' (upper count)."""
    fillers = "|".join(re.escape(f) for f in words()["duration_fillers"])
    core = re.sub(rf"\b(?:{fillers})\s+", "", core)
    m = re.fullmatch(r"(.+?)\s*(?:\band\b|\bto\b|\bor\b|-|–)\s*(?!an?\b)(\S+)(\s+\S+)", core)
    if m:
        low, high = count(m.group(1)), count(m.group(2))
        if low is not None and high is not None and low < high:
            return m.group(2) + m.group(3)
    return core
