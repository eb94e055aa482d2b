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
    out = join_lone(sims, w, labels, 0.28, w > 0)
    assert out[3] == out[0]  # the profile joins the happening it is about
    assert out[4] == out[5] != out[0]  # two reports that agree keep their own event
    assert out[6] not in {out[0], out[4]}  # nothing close enough: alone


def test_lone_items_are_placed_whatever_their_order():
    sims, w = _sims(), np.ones(7)
    order = [6, 3, 5, 1, 0, 4, 2]
    back = np.argsort(order)
    direct = join_lone(sims, w, average_link(sims, w, 0.32), 0.28, w > 0)
    permuted = join_lone(
        sims[np.ix_(order, order)],
        w,
        average_link(sims[np.ix_(order, order)], w, 0.32),
        0.28,
        w > 0,
    )[back]
    same = [[direct[i] == direct[j] for j in range(7)] for i in range(7)]
    assert same == [[permuted[i] == permuted[j] for j in range(7)] for i in range(7)]


def test_off_at_zero():
    sims, w = _sims(), np.ones(7)
    labels = average_link(sims, w, 0.32)
    assert (join_lone(sims, w, labels, 0.0, w > 0) == labels).all()


def test_an_older_part_of_weight_one_is_a_group_never_a_lone_report():
    """The window stands for an event's member outside it by one item of weight 1: that item
    cannot move (it is not in the window), and a window report may rejoin it."""
    s = np.full((5, 5), 0.05)
    s[0, 2] = s[2, 0] = 0.30  # window report 0 and the older part 2 of its own event
    s[3, 4] = s[4, 3] = 0.6  # two window reports of another happening
    s[np.ix_([2], [3, 4])] = s[np.ix_([3, 4], [2])] = 0.29  # the older part is close to them
    np.fill_diagonal(s, 1.0)
    w = np.ones(5)
    movable = np.array([True, True, False, True, True])
    labels = average_link(s, w, 0.32)
    assert len(set(labels)) == 4
    out = join_lone(s, w, labels, 0.28, movable)
    assert out[0] == out[2]  # the report rejoins its event's older member
    assert out[2] != out[3] and out[3] == out[4]  # the older part stays where it is
    assert out[1] not in {out[0], out[3]}


def test_a_tie_goes_to_the_larger_event_then_the_first_item():
    # lone report 0 is exactly as close (0.25) to the pair {1, 2} as to the triple {3, 4, 5}
    s = np.full((6, 6), 0.0)
    s[np.ix_([1, 2], [1, 2])] = 0.5
    s[np.ix_([3, 4, 5], [3, 4, 5])] = 0.5
    s[0, 1:] = s[1:, 0] = 0.25
    np.fill_diagonal(s, 1.0)
    w, movable = np.ones(6), np.ones(6, dtype=bool)
    out = join_lone(s, w, average_link(s, w, 0.4), 0.2, movable)
    assert out[0] == out[3] != out[1]
    # two events of one size: the one holding the lowest item (items are sorted by id)
    s2 = s[:5, :5].copy()
    w2, m2 = np.ones(5), np.ones(5, dtype=bool)
    s2[np.ix_([3, 4], [3, 4])] = 0.5
    np.fill_diagonal(s2, 1.0)
    out2 = join_lone(s2, w2, average_link(s2, w2, 0.4), 0.2, m2)
    assert out2[0] == out2[1] != out2[3]
