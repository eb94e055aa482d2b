"""Average link and the lone report's place (compare/linkage.py)."""

from __future__ import annotations

import numpy as np

from storyledger.compare.linkage import average_link, join_lone


def _sims() -> np.ndarray:
    # items 0-2 report one happening; 3 is a profile of its hero (close to them, not enough
    # for average link at 0.32); 4 and 5 are two reports of another happening, each close to
    # the first event too; 6 is unrelated
    s = np.full((7, 7), 0.05)
    s[np.ix_([0, 1, 2], [0, 1, 2])] = 0.6
    s[3, [0, 1, 2]] = s[[0, 1, 2], 3] = 0.3
    s[4, 5] = s[5, 4] = 0.5
    s[np.ix_([4, 5], [0, 1, 2])] = 0.3
    s[np.ix_([0, 1, 2], [4, 5])] = 0.3
    np.fill_diagonal(s, 1.0)
    return s


def test_a_lone_report_joins_its_closest_event_and_a_pair_stays_apart():
    sims, w = _sims(), np.ones(7)
    labels = average_link(sims, w, 0.32)
    assert len({labels[0], labels[1], labels[2]}) == 1 and labels[3] != labels[0]
    out = join_lone(sims, w, labels, 0.28)
    assert out[3] == out[0]  # the profile joins the happening it is about
    assert out[4] == out[5] != out[0]  # two reports that agree keep their own event
    assert out[6] not in {out[0], out[4]}  # nothing close enough: alone


def test_lone_items_are_placed_whatever_their_order():
    sims, w = _sims(), np.ones(7)
    order = [6, 3, 5, 1, 0, 4, 2]
    back = np.argsort(order)
    direct = join_lone(sims, w, average_link(sims, w, 0.32), 0.28)
    permuted = join_lone(
        sims[np.ix_(order, order)], w, average_link(sims[np.ix_(order, order)], w, 0.32), 0.28
    )[back]
    same = [[direct[i] == direct[j] for j in range(7)] for i in range(7)]
    assert same == [[permuted[i] == permuted[j] for j in range(7)] for i in range(7)]


def test_off_at_zero():
    sims, w = _sims(), np.ones(7)
    labels = average_link(sims, w, 0.32)
    assert (join_lone(sims, w, labels, 0.0) == labels).all()
