"""What grouping reads of an article: content-word stems, weighted counts, a day range.

Features come from Article fields only (title, text, entities, publication date): light-stemmed
content words, the title and lead counted more, plus canonical entity names (`@name`), since
names are what tells two earthquakes or two elections apart.
"""

from __future__ import annotations

import calendar
import functools
import re
import sys
from collections import Counter
from datetime import date

from storyledger import languages
from storyledger.compare.datafiles import data_json, data_lines
from storyledger.compare.grouping_config import GroupingConfig
from storyledger.model import Article

_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*[A-Za-z]|\b(?:1[89]|20)\d\d\b")


@functools.lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    return languages.stop_words("en") | data_lines("grouping_stopwords.txt", "en")


@functools.lru_cache(maxsize=262144)
def stem(word: str) -> str:
    """A light suffix stripper: folds plurals and tenses of one word together.

    Kept over Snowball (`snowball` below, `GroupingConfig(stemmer="snowball")`), measured
    2026-12-02 with `storyledger eval` on the same extractions: realnews-dev 0.988 both, ECB+
    sub-event 0.896 and topic 0.957 both, BASIL 0.985 -> 0.984 (odd half 0.980 -> 0.984),
    WikiRef220 thread 0.878 -> 0.863 (below its floor). Snowball's heavier cuts (agency ->
    agenc, united -> unit) merge more unrelated words across broad topics. compare/alignment.py
    uses this one too.
    """
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = w.strip("'-")
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 4 and w.endswith("sses"):
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    if len(w) > 5 and w.endswith("ing"):
        return w[:-3]
    if len(w) > 4 and w.endswith("ed") and not w.endswith("eed"):
        return w[:-2]
    return w


@functools.lru_cache(maxsize=262144)
def snowball(word: str) -> str:
    """The Snowball (Porter 2) English stem, after the same apostrophe folding as `stem`."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    return _snowball().stemWord(w.strip("'-"))


@functools.lru_cache(maxsize=1)
def _snowball():
    import snowballstemmer

    return snowballstemmer.stemmer("english")


STEMMERS = {"suffix": stem, "snowball": snowball}


@functools.lru_cache(maxsize=2)
def synonyms(stemmer: str = "suffix") -> dict[str, str]:
    """Stem -> shared key for words news uses interchangeably (captive / hostage / detainee)."""
    data = data_json("grouping_synonyms.json", "en")
    cut = STEMMERS[stemmer]
    return {cut(w): key for key, words in data.items() if not key.startswith("_") for w in words}


def terms(text: str, fold: bool = False, stemmer: str = "suffix") -> list[str]:
    """Content-word stems of a text (stop words and one-letter words dropped).

    With `fold`, interchangeable words share one key (data/grouping_synonyms.json);
    `stemmer` names one of STEMMERS.
    """
    stops = stopwords()
    syn = synonyms(stemmer) if fold else {}
    cut = STEMMERS[stemmer]
    out = []
    for m in _WORD.finditer(text):
        word = m.group(0).lower().replace("’", "'")
        if word in stops:
            continue
        s = cut(word)
        if len(s) > 1 and s not in stops:
            out.append(sys.intern(syn.get(s, s)))  # one string per term, shared by all
    return out


def article_counts(article: Article, config: GroupingConfig | None = None) -> Counter[str]:
    """Weighted raw counts of an article's features (before idf)."""
    c = config or GroupingConfig()
    counts: Counter[str] = Counter()
    if article.title:
        for t in terms(article.title, fold=True, stemmer=c.stemmer):
            counts[t] += c.title_weight
    text = article.text or ""
    lead, rest = text[: c.lead_chars], text[c.lead_chars :]
    for t in terms(lead, fold=True, stemmer=c.stemmer):
        counts[t] += c.lead_weight
    for t in terms(rest, fold=True, stemmer=c.stemmer):
        counts[t] += 1.0
    for ent in article.entities:
        if ent.label in c.entity_labels:
            name = (ent.canonical or ent.text).lower().strip()
            if name.startswith("the "):
                name = name[4:]
            if len(name) > 1:
                counts[sys.intern("@" + name)] += c.entity_weight
    return counts


@functools.lru_cache(maxsize=65536)
def day_range(published: str | None) -> tuple[int, int] | None:
    """First and last day a publication date may mean: a day, a whole month, a whole year.

    None when there is no date or it cannot be read: such an article pays no date penalty.
    """
    if not published:
        return None
    p = published.strip()
    try:
        if len(p) >= 10:
            d = date.fromisoformat(p[:10]).toordinal()
            return d, d
        if len(p) == 7:
            y, m = int(p[:4]), int(p[5:7])
            last = calendar.monthrange(y, m)[1]
            return date(y, m, 1).toordinal(), date(y, m, last).toordinal()
        if len(p) == 4:
            y = int(p)
            return date(y, 1, 1).toordinal(), date(y, 12, 31).toordinal()
    except ValueError:
        return None
    return None


def gap_days(a: tuple[int, int] | None, b: tuple[int, int] | None) -> int:
    """Days between two day ranges (0 when they overlap or either is unknown)."""
    if a is None or b is None:
        return 0
    return max(a[0] - b[1], b[0] - a[1], 0)


def stated_day(article: Article, lead_chars: int) -> int | None:
    """The day the lead says the happening took place ("released ... on Saturday"), resolved
    by the date extractor: the first full date in the lead. Two reports that state different
    days are likely successive events of one saga, whatever their words share. Only a day at
    most two days before publication counts: an older date in a lead is background."""
    published = day_range(article.published)
    if published is None or published[0] != published[1]:
        return None
    for mention in sorted(article.dates, key=lambda m: m.start):
        if mention.start >= lead_chars:
            break
        if mention.kind == "date" and mention.value and len(mention.value) == 10:
            try:
                day = date.fromisoformat(mention.value).toordinal()
            except ValueError:
                continue
            if 0 <= published[0] - day <= 2:
                return day
    return None


def lead_people(article: Article, lead_chars: int) -> frozenset[str]:
    """Canonical names of the people the lead names: two reports of one happening mostly name
    the same people, two successive events of a saga often name different ones. A name that
    starts with "@" (a handle, or hostile text dressed as a place or figure mark, which travel
    in the same store column) is left out."""
    names = (
        (e.canonical or e.text).lower()
        for e in article.entities
        if e.label == "PERSON" and e.start < lead_chars
    )
    return frozenset(n for n in names if not n.lstrip().startswith("@"))
