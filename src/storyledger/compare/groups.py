"""A story's comparisons split by a group of outlets (a tag such as lean, or country, type).

Why: readers compare coverage across groups ("outlets tagged left call the brigade a
'militant group', those tagged right a 'resistance movement'"). The split rearranges the
story's own records by the group each article's outlet belongs to; it computes no new fact,
and an article whose outlet has no value for the attribute is shown as such, never guessed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from storyledger.model import Article, FactEntry, Story

NO_VALUE = "(none)"  # the group of articles whose outlet has no value for the attribute


@dataclass
class Group:
    value: str
    outlets: list[str] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)


@dataclass
class GroupRow:
    """One comparison row: what each group says (cells follow `GroupView.groups`)."""

    key: str  # the fact id, speaker or actor
    label: str
    cells: list[list[str]]
    status: str | None = None
    only: str | None = None  # the one group carrying it, when the story has several
    differs: bool = False  # the groups say it in different words or numbers


@dataclass
class GroupView:
    by: str
    groups: list[Group]
    figures: list[GroupRow] = field(default_factory=list)
    claims: list[GroupRow] = field(default_factory=list)
    quotes: list[GroupRow] = field(default_factory=list)
    wording: list[GroupRow] = field(default_factory=list)
    # coverage: per group (in `groups` order), the figures and claims only it reports
    coverage: list[list[str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # the splits worth a sentence


def group_view(
    story: Story,
    articles: list[Article],
    group_of: Callable[[Article], str | None],
    by: str,
    entry_text: Callable[[FactEntry], str],
    chain: Callable[[list[str]], str],
    label_of: Callable[[Article], str] | None = None,
) -> GroupView:
    """The story's figures, claims, quotes and wording, one column per group."""
    by_id = {a.id: a for a in articles if a.id in set(story.articles)}
    value_of = {aid: group_of(a) or NO_VALUE for aid, a in by_id.items()}
    names = sorted({v for v in value_of.values() if v != NO_VALUE}, key=str.lower)
    if NO_VALUE in value_of.values():
        names.append(NO_VALUE)
    groups = {n: Group(n) for n in names}
    for aid in story.articles:
        if aid not in by_id:
            continue
        group = groups[value_of[aid]]
        group.articles.append(aid)
        label = label_of(by_id[aid]) if label_of else by_id[aid].outlet or f"[{aid}]"
        if label not in group.outlets:
            group.outlets.append(label)
    view = GroupView(by, list(groups.values()))
    index = {n: i for i, n in enumerate(names)}
    known = [n for n in names if n != NO_VALUE]

    def new_cells() -> list[list[str]]:
        return [[] for _ in names]

    def only(cells: list[list[str]]) -> str | None:
        carried = [names[i] for i, c in enumerate(cells) if c and names[i] != NO_VALUE]
        return carried[0] if len(known) > 1 and len(carried) == 1 else None

    for fact in story.facts:
        cells = new_cells()
        for e in fact.entries:
            if e.article not in value_of:
                continue
            text = entry_text(e) if fact.kind == "quantity" else chain(e.sources)
            cell = cells[index[value_of[e.article]]]
            if text not in cell:
                cell.append(text)
        row = GroupRow(fact.id, fact.label, cells, fact.status, only(cells), _differs(cells))
        (view.figures if fact.kind == "quantity" else view.claims).append(row)
        if row.only and fact.kind == "quantity":
            view.notes.append(f"“{fact.label}” is reported only by outlets with {by} = {row.only}")
        elif row.differs and fact.kind == "quantity":
            view.notes.append(f"“{fact.label}”: " + _split_sentence(by, names, cells))

    view.coverage = [
        [row.label for row in view.figures + view.claims if row.only == name] for name in names
    ]

    speakers: dict[str, list[list[str]]] = {}
    for aid, article in by_id.items():
        for q in article.quotes:
            cells = speakers.setdefault(q.speaker or "", new_cells())
            cells[index[value_of[aid]]].append(q.text)
    for speaker, cells in sorted(speakers.items(), key=lambda kv: (kv[0] == "", kv[0].lower())):
        label = speaker or "speaker not resolved"
        view.quotes.append(GroupRow(speaker, label, cells, only=only(cells)))

    wording: dict[str, list[list[str]]] = {}
    for aid, article in by_id.items():
        for d in article.descriptors:
            if d.kind == "verb":
                continue  # "said", "told": verbs are compared per outlet, not per actor name
            cells = wording.setdefault(d.actor, new_cells())
            cell = cells[index[value_of[aid]]]
            if d.text not in cell:
                cell.append(d.text)
    for actor, cells in sorted(wording.items(), key=lambda kv: kv[0].lower()):
        row = GroupRow(actor, actor, cells, only=only(cells), differs=_differs(cells))
        view.wording.append(row)
        if row.differs:
            view.notes.append(f"{actor}: " + _split_sentence(by, names, cells, quoted=True))
    return view


def _differs(cells: list[list[str]]) -> bool:
    """Two groups (outlets with a value) say it, and not in the same words."""
    said = [frozenset(c) for c in cells[:] if c]
    return len(said) > 1 and len(set(said)) > 1


def _split_sentence(by: str, names: list[str], cells: list[list[str]], quoted: bool = False):
    parts = []
    for name, cell in zip(names, cells, strict=True):
        if cell:
            words = "; ".join(f"“{c}”" if quoted else c for c in cell)
            parts.append(f"outlets with {by} = {name} say {words}")
    return ", ".join(parts)


def coverage_counts(value_of: dict[str, str | None]) -> dict[str, int]:
    """Articles per group (NO_VALUE for outlets without a value)."""
    counts: dict[str, int] = {}
    for value in value_of.values():
        key = value or NO_VALUE
        counts[key] = counts.get(key, 0) + 1
    return counts
