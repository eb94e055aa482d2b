"""The v0 acceptance on the two real seed articles, through `storyledger analyze --format json`.

Every expectation here was read off the seed texts in ../shared/seeds, not off the output.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from storyledger.cli import main

from .conftest import shared_path


@pytest.fixture(scope="module")
def ledger(nlp) -> dict:
    paths = sorted(str(p) for p in shared_path("seeds").glob("*.txt"))
    result = CliRunner().invoke(main, ["analyze", *paths, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _article(ledger: dict, published: str | None) -> dict:
    return next(a for a in ledger["articles"] if a["published"] == published)


def _quote(article: dict, fragment: str) -> dict:
    matches = [q for q in article["quotes"] if fragment in q["text"]]
    assert matches, f"no quote holding {fragment!r}"
    return matches[0]


def _quantity(article: dict, text: str) -> dict:
    matches = [q for q in article["quantities"] if text in q["text"]]
    assert matches, f"no quantity {text!r} in {[q['text'] for q in article['quantities']]}"
    return matches[0]


def test_iran_international_quotes_and_speakers(ledger):
    a = _article(ledger, "2023-10-16")
    direct = _quote(a, "prepared to take necessary actions")
    assert (direct["speaker"], direct["kind"], direct["cue"]) == ("Naser Kanaani", "direct", "said")
    partial = _quote(a, "specific prerequisites")
    assert (partial["speaker"], partial["kind"]) == ("Naser Kanaani", "partial")
    assert _quote(a, "Hamas is capable in this domain")["speaker"] == "Naser Kanaani"
    assert _quote(a, "move forward with all your might")["speaker"] == "Ali Akbar Velayati"


def test_later_article_quotes_and_speakers(ledger):
    a = _article(ledger, None)
    q = _quote(a, "Hamas is ready to release civilian prisoners")
    assert (q["speaker"], q["kind"], q["cue"]) == ("Hossein Amir-Abdollahian", "direct", "told")
    assert _quote(a, "release of 6,000 Palestinians")["speaker"] == "Hossein Amir-Abdollahian"
    indirect = [x for x in a["quotes"] if x["kind"] == "indirect" and x["cue"] == "revealed"]
    assert indirect and indirect[0]["speaker"] == "Hossein Amir-Abdollahian"


def test_relayed_claim_keeps_its_whole_chain(ledger):
    a = _article(ledger, None)
    chains = [
        c["sources"] for c in a["claims"] if "ready to release civilian prisoners" in c["text"]
    ]
    assert ["Hamas", "Hossein Amir-Abdollahian", "The National"] in chains


def test_quantities_with_hedges_counted_nouns_and_sources(ledger):
    first, later = _article(ledger, "2023-10-16"), _article(ledger, None)
    expected = [
        (first, "199", "exact", "hostages", 199),
        (first, "at least 1,400", "at_least", "people", 1400),
        (first, "roughly 300", "approximately", "soldiers", 300),
        (later, "more than 200", "more_than", "captives", 200),
        (later, "up to 1,400", "at_most", "Israelis", 1400),
        (later, "6,000", "exact", "Palestinians", 6000),
    ]
    for article, text, qualifier, counts, value in expected:
        q = _quantity(article, text)
        assert (q["qualifier"], q["counts"], q["value"]) == (qualifier, counts, value), q
    money = _quantity(first, "$100m")
    assert (money["value"], money["unit"], money["qualifier"]) == (
        100_000_000,
        "USD",
        "approximately",
    )
    assert _quantity(first, "dozens")["qualifier"] == "vague"
    for text in ("50", "more than 7,000"):
        assert _quantity(later, text)["attributed_to"] == "Hamas"
    assert _quantity(first, "at least 1,400")["attributed_to"] is None  # the outlet's own voice


def test_dates_resolve_only_where_the_article_has_a_date(ledger):
    first, later = _article(ledger, "2023-10-16"), _article(ledger, None)
    by_text = {d["text"]: d["value"] for d in first["dates"]}
    assert by_text.get("October 7") == "2023-10-07"
    assert any(v == "2023-10-16" for t, v in by_text.items() if "Monday" in t)
    later_texts = {d["text"]: d["value"] for d in later["dates"]}
    assert any("Thursday" in t for t in later_texts)
    assert all(v is None for v in later_texts.values())  # no publication date: nothing resolves


def test_one_story_with_the_expected_discrepancies(ledger):
    (story,) = ledger["stories"]
    assert len(story["articles"]) == 2
    kinds = {d["kind"] for d in story["discrepancies"]}
    assert {"qualifier", "attribution", "wording", "coverage"} <= kinds
    text = json.dumps(story["discrepancies"])
    assert "at least" in text and "up to" in text  # the Oct 7 toll's hedges
    assert "Naser Kanaani" in text and "Hossein Amir-Abdollahian" in text
    wording = " ".join(json.dumps(d) for d in story["discrepancies"] if d["kind"] == "wording")
    assert "proxy" in wording and "militant" in wording
    statuses = {f["status"] for f in story["facts"] if f["kind"] == "quantity"}
    assert {"conflict", "update"} <= statuses
