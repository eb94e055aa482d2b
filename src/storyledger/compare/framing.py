"""Wording discrepancies: how outlets name the same actor or event differently.

- Naming: an actor described in two or more articles (modifier, apposition) with no descriptor
  in common: "proxy" vs "Palestinian militant group" for Hamas. Titles are offices, not framing,
  and are left out.
- Verbs: the same actor doing the same kind of thing (verbs meeting on one neutral counterpart
  in the lexicon) in different words, one of them loaded: "massacred" vs "killed".
- Loaded language only some outlets use: a loaded verb, adjective or noun in one article of a
  story that the other articles do not use.
"""

from __future__ import annotations

from collections import defaultdict

from storyledger.compare.discrepancies import name_of, others_named
from storyledger.model import Article, Descriptor, Discrepancy, Evidence
from storyledger.wording import is_loaded, lexicon

NAMING_KINDS = frozenset({"modifier", "apposition"})


def _ev(article: Article, d: Descriptor) -> Evidence:
    return Evidence(article=article.id, text=d.text, start=d.start, end=d.end)


def _lemma(word: str) -> str:
    """The lexicon entry a verb form belongs to (a crude match on the written form)."""
    verbs = lexicon()["verbs"]
    w = word.lower()
    for cand in (
        w,
        w[:-1],
        w[:-2],
        w[:-3],
        w[:-2] + "e" if w.endswith("ed") else w,
        w[:-3] + "e" if w.endswith("ing") else w,
        w[:-3] + "y" if w.endswith("ied") else w,
    ):
        if cand in verbs:
            return cand
    return w


def _quote_list(descs: list[Descriptor]) -> str:
    return ", ".join(f"\u201c{t}\u201d" for t in dict.fromkeys(d.text for d in descs))


def wording(articles: list[Article]) -> list[Discrepancy]:
    if len(articles) < 2:
        return []
    out: list[Discrepancy] = []
    out += _naming(articles)
    out += _verbs(articles)
    out += _loaded_only_in_some(articles, out)
    return out


def _naming(articles: list[Article]) -> list[Discrepancy]:
    per_actor: dict[str, dict[str, list[Descriptor]]] = defaultdict(lambda: defaultdict(list))
    names: dict[str, str] = {}
    for a in articles:
        for d in a.descriptors:
            if d.kind in NAMING_KINDS:
                key = d.actor.lower()
                names.setdefault(key, d.actor)
                per_actor[key][a.id].append(d)
    by_id = {a.id: a for a in articles}
    out = []
    for key, per_article in per_actor.items():
        if len(per_article) < 2:
            continue
        texts = {aid: {d.text.lower() for d in ds} for aid, ds in per_article.items()}
        if set.intersection(*texts.values()):
            continue
        out.append(
            _differently(f"{names[key]} is described differently", "calls it", per_article, by_id)
        )
    return out


def _differently(
    head: str, verb: str, per_article: dict[str, list[Descriptor]], by_id: dict[str, Article]
) -> Discrepancy:
    """One `wording` discrepancy: how each article words the same actor or act."""
    per_name: dict[str, list[Descriptor]] = {}  # an outlet's articles, named once
    for aid, ds in per_article.items():
        per_name.setdefault(name_of(by_id[aid]), []).extend(ds)
    parts = "; ".join(f"{name} {verb} {_quote_list(ds)}" for name, ds in per_name.items())
    return Discrepancy(
        kind="wording",
        summary=f"{head}: {parts}",
        articles=list(per_article),
        evidence=[_ev(by_id[aid], d) for aid, ds in per_article.items() for d in ds],
    )


def _verbs(articles: list[Article]) -> list[Discrepancy]:
    verbs = lexicon()["verbs"]
    groups: dict[tuple[str, str], dict[str, list[Descriptor]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for a in articles:
        for d in a.descriptors:
            if d.kind != "verb":
                continue
            lemma = _lemma(d.text)
            if lemma in verbs:
                groups[(d.actor.lower(), verbs[lemma])][a.id].append(d)
    by_id = {a.id: a for a in articles}
    out = []
    for (_actor, neutral), per_article in groups.items():
        if len(per_article) < 2:
            continue
        lemmas = {aid: {_lemma(d.text) for d in ds} for aid, ds in per_article.items()}
        all_lemmas = set().union(*lemmas.values())
        if len(all_lemmas) < 2 or not any(is_loaded(w) for w in all_lemmas):
            continue
        if set.intersection(*lemmas.values()):
            continue
        shown = next(iter(per_article.values()))[0].actor
        head = f"What {shown} did ({neutral}) is worded differently"
        out.append(_differently(head, "says", per_article, by_id))
    return out


def _loaded_only_in_some(articles: list[Article], found: list[Discrepancy]) -> list[Discrepancy]:
    covered = {(e.article, e.start) for d in found for e in d.evidence}
    used: dict[str, set[str]] = {}
    for a in articles:
        used[a.id] = {_lemma(d.text) if d.kind == "verb" else d.text.lower() for d in a.descriptors}
    out = []
    for a in articles:
        others = [b for b in articles if b.id != a.id]
        per_word: dict[str, list[Descriptor]] = defaultdict(list)
        for d in a.descriptors:
            if d.kind not in {"verb", "adjective", "noun"} or (a.id, d.start) in covered:
                continue
            word = _lemma(d.text) if d.kind == "verb" else d.text.lower()
            if is_loaded(word) and not any(word in used[b.id] for b in others):
                per_word[word].append(d)
        for descs in per_word.values():
            rest, n_rest = others_named(a, articles)
            verb = "does" if n_rest == 1 else "do"
            about = ", ".join(dict.fromkeys(d.actor for d in descs))
            out.append(
                Discrepancy(
                    kind="wording",
                    summary=f"Only {name_of(a)} uses the loaded word \u201c{descs[0].text}\u201d "
                    f"(about {about}); {rest} {verb} not",
                    articles=[a.id],
                    evidence=[_ev(a, d) for d in descs],
                )
            )
    return out
