"""Near-duplicates: wire copies fold into one article with every outlet; own reporting does not."""

from __future__ import annotations

from storyledger.ingest.dedup import fold_near_duplicates, minhash, similarity
from storyledger.model import RawArticle

from ..scale.invented import SAME_TOPIC_OWN_WORDS, invented_article, wire_copies


def _raw(id_: str, text: str, outlet: str | None) -> RawArticle:
    return RawArticle(id=id_, text=text, outlet=outlet)


def test_wire_copies_fold_into_the_first_with_every_outlet():
    first, second, third = wire_copies()
    raws = [
        _raw("w1", first, "Valley Post"),
        _raw("own", SAME_TOPIC_OWN_WORDS, "Town Crier"),
        _raw("w2", second, "Harbour Times"),
        _raw("w3", third, "Evening Lamp"),
        _raw("w4", first, "Valley Post"),  # the same outlet twice is named once
    ]
    out = list(fold_near_duplicates(raws))
    assert [a.id for a in out] == ["w1", "own"]
    assert out[0].also_in == ["Harbour Times", "Evening Lamp"]
    assert out[1].also_in == []


def test_reports_of_one_event_in_their_own_words_stay_apart():
    first, _, _ = wire_copies()
    assert similarity(minhash(first), minhash(SAME_TOPIC_OWN_WORDS)) < 0.2
    # invented reports built from one template share much wording but are different articles
    raws = [_raw(f"a{i}", invented_article(i)["text"], "Town Crier") for i in range(10)]
    assert [a.id for a in fold_near_duplicates(raws)] == [f"a{i}" for i in range(10)]


def test_folded_copies_carry_their_own_also_in_along():
    first, second, _ = wire_copies()
    kept = _raw("k", first, "Valley Post")
    copy = RawArticle(id="c", text=second, outlet="Harbour Times", also_in=["Evening Lamp"])
    (out,) = fold_near_duplicates([kept, copy])
    assert out.also_in == ["Harbour Times", "Evening Lamp"]


def test_a_copy_beyond_the_window_passes_through_unfolded():
    first, second, _ = wire_copies()
    fillers = [_raw(f"f{i}", invented_article(i)["text"], "Town Crier") for i in range(3)]
    raws = [_raw("w1", first, "Valley Post"), *fillers, _raw("w2", second, "Harbour Times")]
    out = list(fold_near_duplicates(raws, window=2))
    assert [a.id for a in out] == ["w1", "f0", "f1", "f2", "w2"]  # nothing silently dropped
    assert out[0].also_in == []


def test_streaming_keeps_order_and_holds_at_most_the_window():
    pulled: list[int] = []

    def source():
        for i in range(50):
            pulled.append(i)
            yield _raw(f"a{i}", invented_article(i)["text"] + f" Item {i} of the day.", None)

    stream = fold_near_duplicates(source(), window=5)
    first = next(stream)
    assert first.id == "a0" and len(pulled) == 6  # only the window was read ahead
    rest = [a.id for a in stream]
    assert rest == [f"a{i}" for i in range(1, 50)]


def test_three_outlets_reporting_one_event_are_not_folded():
    """BASIL: Fox, NYT and HuffPost on the same 100 events; none is a copy of another."""
    import json

    from ..conftest import shared_path

    raws = []
    for path in sorted(shared_path("eval", "basil", "articles").glob("*/*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        body = [" ".join(p) if isinstance(p, list) else str(p) for p in data["body-paragraphs"]]
        raws.append(_raw(path.stem, "\n\n".join(body), data.get("source")))
    assert len(raws) >= 290
    out = list(fold_near_duplicates(raws, window=len(raws)))
    assert [a.id for a in out] == [r.id for r in raws]
