"""Speakers a careful reader finds outside the quote's own clause: a wire relaying a quote, the
sentence before or after a quote standing alone, a colon after a clause, a given name or a
description for a person named earlier. Every sentence here is invented for the project."""

from __future__ import annotations

import pytest

from storyledger.nlp import components
from storyledger.nlp.attribution import extract_attributions
from storyledger.nlp.entities import extract_entities


def _run(nlp, text: str):
    doc = nlp(text, disable=list(components.COMPONENTS))
    return extract_attributions(doc, extract_entities(doc))


def _quote(quotes, fragment: str):
    found = [q for q in quotes if fragment in q.text and q.kind == "direct"]
    assert found, f"no direct quote holding {fragment!r}: {quotes}"
    return found[0]


@pytest.mark.parametrize(
    ("text", "fragment", "speaker", "relayer"),
    [
        (
            "\u201cWe are close to a deal,\u201d the group's leader Omar Dask said, AFP reported.",
            "close to a deal",
            "Omar Dask",
            "AFP",
        ),
        (
            "\u201cThe bridge will hold,\u201d the regional engineer Petra Lindqvist told "
            "reporters, Reuters reported on Tuesday.",
            "bridge will hold",
            "Petra Lindqvist",
            "Reuters",
        ),
    ],
)
def test_a_wire_relaying_a_quote_is_not_its_speaker(nlp, text, fragment, speaker, relayer):
    quotes, claims = _run(nlp, text)
    q = _quote(quotes, fragment)
    assert q.speaker == speaker
    assert q.sources == [speaker, relayer]
    # one claim for the one statement, in the same chain, linked to the quote
    (claim,) = claims
    assert claim.sources == [speaker, relayer]
    assert claim.quote is not None and quotes[claim.quote] is q


def test_a_relayed_indirect_claim_keeps_the_speaker_first(nlp):
    text = (
        "The port authority chief Hanne Brisk told the Daily Courier that the cranes were "
        "idle, the Valmora Times reported."
    )
    _, claims = _run(nlp, text)
    (claim,) = claims
    assert claim.text == "that the cranes were idle"
    assert claim.sources[0] == "Hanne Brisk" and claim.sources[-1].endswith("Valmora Times")


def test_the_sentence_before_a_lone_quote_names_its_speaker(nlp):
    quotes, _ = _run(
        nlp,
        "Governor Mary Collins spoke to reporters on Friday. "
        "\u201cWe will rebuild every house in the valley.\u201d",
    )
    assert _quote(quotes, "rebuild every house").speaker == "Mary Collins"


def test_a_quote_paragraph_after_the_speakers_sentence(nlp):
    quotes, _ = _run(
        nlp,
        "Governor Mary Collins calls the ruling \u201cshameful.\u201d\n\n"
        "\u201cMy first duty is to keep the people of this state safe, and today the court "
        "made that harder.\u201d",
    )
    assert _quote(quotes, "My first duty").speaker == "Mary Collins"


@pytest.mark.parametrize(
    "after",
    [
        "Those were the words of Mayor Tom Walsh on Monday.",
        "That is what Mayor Tom Walsh told reporters on Monday.",
    ],
)
def test_a_speaker_named_only_in_the_next_sentence(nlp, after):
    quotes, _ = _run(nlp, f"\u201cNobody will be evicted this winter.\u201d {after}")
    assert _quote(quotes, "Nobody will be evicted").speaker == "Tom Walsh"


def test_a_colon_after_a_clause_introduces_the_quote(nlp):
    quotes, _ = _run(
        nlp, "Governor Mary Collins was blunt: \u201cNobody will be evicted this winter.\u201d"
    )
    assert _quote(quotes, "Nobody will be evicted").speaker == "Mary Collins"


def test_a_sentence_without_a_speaker_gives_none(nlp):
    quotes, _ = _run(
        nlp,
        "The storm cut power to the valley on Sunday. "
        "\u201cThis is a tragedy for the whole town.\u201d The roads reopened later.",
    )
    assert not [q for q in quotes if "tragedy" in q.text and q.speaker]


def test_a_given_name_and_a_description_are_the_person_named_before(nlp):
    quotes, _ = _run(
        nlp,
        "Harbour police chief Rafael Oduya said the crowd broke through the gates. "
        "\u201cIt had become chaos,\u201d Rafael said.\n\n"
        "Tech investor David Miller announced the cuts on Friday. \u201cThere is no other "
        "option when the company is losing money every day,\u201d the investor added.",
    )
    assert _quote(quotes, "become chaos").speaker == "Rafael Oduya"
    assert _quote(quotes, "no other option").speaker == "David Miller"


def test_a_group_as_speaker_is_kept(nlp):
    quotes, _ = _run(
        nlp,
        "\u201cThe vote was rigged,\u201d the opposition alliance said, the Harbour Post reported.",
    )
    q = _quote(quotes, "vote was rigged")
    assert q.speaker_mention == "the opposition alliance"
    assert q.sources[0] == "the opposition alliance" and q.sources[-1].endswith("Harbour Post")


def test_a_post_quoted_with_its_authors_handle(nlp):
    quotes, _ = _run(
        nlp,
        "Health chief Robert Halvorsen spoke on Wednesday.\n\n"
        '"We are deeply worried by the pace of the outbreak"-@DrHalvorsen #flu '
        "\u2014 Health Agency (@agency) March 4\n\nThe agency met again on Friday.",
    )
    q = _quote(quotes, "deeply worried")
    assert (q.speaker, q.speaker_mention) == ("Robert Halvorsen", "@DrHalvorsen")


def test_one_cue_reports_one_proposition(nlp):
    text = (
        "The minister said that if \u201cthe court orders us to reopen the mine, we will "
        "appeal.\u201d The union said nothing."
    )
    _, claims = _run(nlp, text)
    minister = [c for c in claims if "appeal" in c.text]
    assert len(minister) == 1
    assert minister[0].text.startswith("that if")


def test_quotes_opened_and_closed_by_marks_of_two_kinds():
    from storyledger.nlp.attribution import quote_spans

    text = (
        'The mayor calls the ruling \u201cshameful."\n\n'
        '"My first duty is to keep this town safe,” she said. "We will appeal."'
    )
    spans = [text[s:e] for s, e in quote_spans(text)]
    assert spans == ["shameful.", "My first duty is to keep this town safe", "We will appeal."]


def test_an_inverted_cue_after_a_quote_names_the_speaker_after_the_verb(nlp):
    quotes, _ = _run(
        nlp,
        "\u201cWe are still dealing with families in pain; the loss of life of their children "
        "and grandchildren,\u201d said Governor Mary Collins.",
    )
    q = _quote(quotes, "families in pain")
    assert q.speaker == "Mary Collins"
