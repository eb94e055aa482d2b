"""Named entities with one canonical name per referent in an article.

Rules (all per article, no outside knowledge):
- spans are trimmed of a possessive ('s, ’s) and edge punctuation, which spaCy often includes;
- a PERSON mention's canonical name is the fullest PERSON name in the article with the same
  surname ("Kanaani" -> "Naser Kanaani"); when two full names share the surname, the nearest
  one before the mention wins, and with none before it the mention stays as it is;
- an ORG mention's canonical name is the one longer ORG name it abbreviates (initials) or ends
  ("Foreign Ministry" -> "Russian Foreign Ministry"), only when exactly one such name exists;
  "Iran's Foreign Ministry" keeps its possessive owner, since that is what names the referent;
- a single-word GPE/ORG/NORP mention equal to the surname of a PERSON in the article is a
  PERSON (spaCy's "Marzouk" as GPE);
- role: a title before the name ("Iranian Foreign Minister X", "spokesperson for the Ministry
  of Foreign Affairs X") or an apposition (", a senior member of ..."), only when it holds a
  role noun from data/entities_role_nouns.txt.
"""

from __future__ import annotations

import functools

from spacy.tokens import Doc, Span, Token

from storyledger.model import Entity
from storyledger.nlp.datafiles import data_lines

NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
_EDGE_PUNCT = frozenset("\"'“”‘’,.;:()[]-–—")
_ROLE_SCAN_POS = frozenset({"PROPN", "NOUN", "ADJ", "ADP", "DET", "PART", "PUNCT"})


@functools.lru_cache(maxsize=1)
def role_nouns() -> frozenset[str]:
    """Lower-case nouns that name an office or function (the heads of roles)."""
    return frozenset(w.lower() for w in data_lines("entities_role_nouns.txt"))


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Token bounds without possessive markers and edge punctuation."""
    while end > start and (
        doc[end - 1].tag_ == "POS"
        or doc[end - 1].text in _POSSESSIVE
        or doc[end - 1].text in _EDGE_PUNCT
    ):
        end -= 1
    while start < end and doc[start].text in _EDGE_PUNCT:
        start += 1
    return start, end


def _strip_the(text: str) -> str:
    return text[4:] if text.startswith("the ") else text


def _words(text: str) -> list[str]:
    return text.replace("’s", "").replace("'s", "").split()


def _initials(text: str) -> str:
    return "".join(w[0] for w in text.replace("-", " ").split() if w[:1].isupper())


def _possessive_owner(doc: Doc, start: int) -> int | None:
    """Start token of "Iran's" in "Iran's Foreign Ministry", else None."""
    if start >= 2 and doc[start - 1].tag_ == "POS" and doc[start - 2].ent_type_ == "GPE":
        return doc[start - 2].i
    return None


def _title_role(doc: Doc, start: int) -> str | None:
    """The title words right before a name: "Iranian Foreign Minister", "spokesperson for ..."."""
    nouns = role_nouns()
    i = start - 1
    sent_start = doc[start].sent.start
    scanned: list[Token] = []
    while i >= sent_start:
        tok = doc[i]
        if tok.pos_ not in _ROLE_SCAN_POS or tok.ent_type_ in ("PERSON", "DATE", "TIME"):
            break
        if tok.pos_ == "PUNCT" and tok.text not in ("-", "’s", "'s"):
            break
        if tok.pos_ == "DET" and tok.lower_ not in ("the",):
            break
        scanned.append(tok)
        i -= 1
    if not scanned:
        return None
    scanned.reverse()
    # Segments split at prepositions, right to left: cross a preposition only while no role
    # noun has been seen ("spokesperson for | the Ministry of | Foreign Affairs").
    begin = len(scanned)
    seen_role = False
    j = len(scanned) - 1
    while j >= 0:
        tok = scanned[j]
        if tok.pos_ == "ADP":
            if seen_role:
                break
        elif tok.lower_ in nouns and tok.pos_ in ("NOUN", "PROPN"):
            seen_role = True
        begin = j
        j -= 1
    if not seen_role:
        return None
    while begin < len(scanned) and scanned[begin].pos_ in ("DET", "ADP", "PUNCT", "PART"):
        begin += 1
    if begin >= len(scanned) or scanned[-1].pos_ in ("DET", "ADP"):
        return None
    return doc[scanned[begin].i : start].text


def _appos_role(doc: Doc, root: Token, start: int, end: int) -> str | None:
    """ ", a senior member of the group's political council" after the name, or the role noun
    the name is in apposition to ("Russia's special envoy ..., Mikhail Bogdanov")."""
    nouns = role_nouns()
    for child in root.rights:
        if child.dep_ == "appos" and child.i >= end and child.lemma_.lower() in nouns:
            left, right = child.left_edge.i, child.right_edge.i + 1
            for t in child.subtree:  # "..., who can raise the cash": a clause, not the role
                if t.dep_ in ("relcl", "acl") and t.i > child.i:
                    right = min(right, t.left_edge.i)
            left, right = _trim(doc, left, right)
            text = doc[left:right].text
            for art in ("a ", "an ", "the "):
                if text.startswith(art):
                    text = text[len(art) :]
            return text or None
    head = root.head
    if root.dep_ == "appos" and head.i < start and head.lemma_.lower() in nouns:
        left, right = _trim(doc, head.left_edge.i, start)
        if right > left:
            text = doc[left:right].text
            return text[4:] if text.lower().startswith("the ") else text
    return None


def extract_entities(doc: Doc) -> list[Entity]:
    """Every spaCy entity, trimmed, with its canonical name and (for people) a stated role."""
    mentions: list[tuple[int, int, str]] = []  # token start, end, label
    for ent in doc.ents:
        start, end = _trim(doc, ent.start, ent.end)
        if end > start:
            mentions.append((start, end, ent.label_))
    # A one-word ORG opening a title ("Supreme" of "Supreme Leader Ali Khamenei") is a mis-span.
    nouns = role_nouns()
    mentions = [
        (s, e, lab)
        for s, e, lab in mentions
        if not (
            lab == "ORG"
            and e - s == 1
            and e + 1 < len(doc)
            and doc[e].lower_ in nouns
            and doc[e + 1].ent_type_ == "PERSON"
        )
    ]
    texts = [doc[s:e].text for s, e, _ in mentions]
    surnames = {
        _words(t)[-1]
        for (_, _, lab), t in zip(mentions, texts, strict=True)
        if lab == "PERSON" and len(_words(t)) > 1 and _words(t)[0].isalpha()  # not "N. Korea"
    }
    labels = [
        "PERSON" if lab in ("GPE", "ORG", "NORP") and len(_words(t)) == 1 and t in surnames else lab
        for (_, _, lab), t in zip(mentions, texts, strict=True)
    ]
    # Full forms: possessive owner kept for ORGs ("Iran's Foreign Ministry"); a leading "The"
    # goes unless the article writes it capitalised mid-sentence ("as cited by The National").
    keeps_the = {
        t
        for (s, _e, _), t in zip(mentions, texts, strict=True)
        if doc[s].text == "The" and not doc[s].is_sent_start
    }
    full: list[str] = []
    for (s, _e, _), lab, t in zip(mentions, labels, texts, strict=True):
        owner = _possessive_owner(doc, s) if lab == "ORG" else None
        if owner is not None:
            full.append(doc[owner:_e].text)
        elif t.startswith("The ") and t not in keeps_the and doc[s].is_sent_start:
            full.append(t[4:])
        else:
            full.append(_strip_the(t))
    persons = [(i, _words(full[i])) for i, lab in enumerate(labels) if lab == "PERSON"]
    orgs = [full[i] for i, lab in enumerate(labels) if lab == "ORG"]
    out: list[Entity] = []
    for i, ((s, e, _), lab) in enumerate(zip(mentions, labels, strict=True)):
        span: Span = doc[s:e]
        canonical = full[i]
        role = None
        if lab == "PERSON":
            canonical = _person_canonical(i, _words(full[i]), persons) or canonical
            modifier = span.root.dep_ in ("compound", "nmod", "poss") and span.root.head.i >= e
            if not modifier:  # "the Obama administration" states no role of Obama's
                role = _title_role(doc, s) or _appos_role(doc, span.root, s, e)
        elif lab == "ORG":
            canonical = _org_canonical(canonical, orgs)
        out.append(
            Entity(
                text=span.text,
                label=lab,
                canonical=canonical,
                start=span.start_char,
                end=span.end_char,
                role=role,
            )
        )
    return out


def _person_canonical(
    index: int, words: list[str], persons: list[tuple[int, list[str]]]
) -> str | None:
    """The fullest same-surname PERSON name; ties between different names: the nearest before."""
    if not words:
        return None
    fuller = [
        (i, w)
        for i, w in persons
        if len(w) > len(words) and w[-1] == words[-1] and _contains(w, words)
    ]
    if not fuller:
        return None
    longest = max(len(w) for _, w in fuller)
    names = {" ".join(w) for _, w in fuller if len(w) == longest}
    if len(names) == 1:
        return names.pop()
    before = [(i, w) for i, w in fuller if i < index]
    if not before:
        return None
    # Among different full names, the most recent one before the mention.
    return " ".join(before[-1][1])


def _contains(longer: list[str], shorter: list[str]) -> bool:
    n = len(shorter)
    return any(longer[k : k + n] == shorter for k in range(len(longer) - n + 1))


def _org_canonical(name: str, orgs: list[str]) -> str:
    """The one longer ORG name this one abbreviates or ends, else the name itself."""
    words = name.split()
    longer = {
        o
        for o in orgs
        if o != name
        and (
            # one word is too generic to stand for a longer name ("House", "Justice")
            (len(words) > 1 and len(o.split()) > len(words) and o.split()[-len(words) :] == words)
            or (name.isupper() and len(name) > 1 and _initials(o) == name)
        )
    }
    return longer.pop() if len(longer) == 1 else name
