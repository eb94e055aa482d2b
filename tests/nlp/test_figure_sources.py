"""Who states a figure and what it counts, on sentences written for the pattern they test."""

from __future__ import annotations


def _find(nlp, text: str, fragment: str):
    doc = nlp(text)
    found = [q for q in doc._.sl_quantities if fragment in q.text]
    assert len(found) == 1, [(q.text, q.sources) for q in doc._.sl_quantities]
    return found[0]


def test_a_speaker_whose_complement_cites_data_is_the_source(nlp):
    q = _find(
        nlp,
        "Harbour commissioner Lena Varga said records gathered from six clinics showed there "
        "were 41 fatalities.",
        "41",
    )
    assert any("Varga" in s for s in q.sources)  # records may stand before her in the chain
    assert q.counts == "fatalities"


def test_the_subject_of_an_estimating_verb_is_the_source(nlp):
    q = _find(
        nlp,
        "Earlier, rescuers had put the toll as high as 212 in the remote valley.",
        "212",
    )
    assert q.qualifier == "at_most" and q.attributed_to == "rescuers"


def test_a_pronoun_source_stands_for_the_last_named_source(nlp):
    text = (
        "Firefighters say about 900 hikers were on the ridge. "
        "They add that roughly 300 of them were airlifted out."
    )
    q = _find(nlp, text, "300")
    assert q.attributed_to == "Firefighters"


def test_a_source_made_of_digits_is_dropped_and_coordinated_figures_share_the_noun(nlp):
    text = (
        "Two valley towns were hit hardest, with 12 and 9 reported deaths respectively, "
        "according to the regional coastguard."
    )
    for fragment in ("12", "9"):
        q = _find(nlp, text, fragment)
        assert q.counts == "deaths"
        assert q.sources and all(any(c.isalpha() for c in s) for s in q.sources)
        assert "coastguard" in q.attributed_to


def test_the_subject_of_a_level_verb_is_what_is_counted(nlp):
    q = _find(
        nlp,
        "Injuries across the two provinces have climbed to at least 64, officials said.",
        "64",
    )
    assert q.counts == "Injuries" and q.qualifier == "at_least"
    assert q.attributed_to == "officials"


def test_a_compound_before_the_counted_noun_is_kept(nlp):
    q = _find(
        nlp, "The ferry carried 310 people, including 298 passengers and 12 crew members.", "12"
    )
    assert q.counts == "crew members"


def test_from_x_to_y_counts_the_subject_for_both_figures(nlp):
    text = "The toll rose from 31 to 47 overnight."
    assert _find(nlp, text, "31").counts == "toll"
    assert _find(nlp, text, "47").counts == "toll"


def test_per_a_named_relayer_is_the_source(nlp):
    q = _find(nlp, "At least 16 people drowned, per Corvan News.", "16")
    assert q.attributed_to and "Corvan" in q.attributed_to
    money = _find(nlp, "Tickets cost $40 per person.", "40")
    assert money.sources == []


def test_an_appositive_speaker_keeps_its_head(nlp):
    text = (
        "Divers recovered 9 bodies from the lake, a regional fire chief, who asked not to be "
        "named, said."
    )
    q = _find(nlp, text, "9")
    assert q.attributed_to and q.attributed_to.endswith("chief")


def test_a_described_person_stands_for_the_person_named_before(nlp):
    text = (
        'John Harlan said on Friday the layoffs were painful. "There is no other choice when '
        'the firm is losing more than $3 million a day," the tycoon added.'
    )
    assert _find(nlp, text, "3 million").attributed_to == "John Harlan"
    alone = _find(
        nlp, "Regarding cuts, the firm is losing $3 million a day, the tycoon added.", "3"
    )
    assert alone.attributed_to == "the tycoon"  # nobody named before: the words stay


def test_a_group_pronoun_after_another_subject_is_not_guessed(nlp):
    """'It' could be the militia or the clinic: no guess (as for a bare 'He said')."""
    text = (
        "Doctors at the Lindmoor clinic said both men were weak.\n\n"
        "On Monday the militia freed two farmers. It says it still holds more than 40 people."
    )
    q = _find(nlp, text, "40")
    assert q.attributed_to is None


def test_it_does_not_stand_for_a_plural_source(nlp):
    text = "The doctors at Brenn hospital said 12 climbers were stranded. It says 5 were hurt."
    q = _find(nlp, text, "5")
    assert q.attributed_to is None


def test_figure_reporting_verbs_are_attribution_cue_verbs_beyond_the_measuring_few():
    """The figure walk's verb list is a subset of attribution's cue verbs, so the two lexicons
    cannot drift apart; only the listed extras (a belief, verbs of measuring) are its own."""
    from storyledger.nlp.attribution.lexicon import cue_verbs
    from storyledger.nlp.datafiles import data_lines

    extras = {"believe", "put", "count", "record"}
    figure_verbs = data_lines("quantities_reporting_verbs.txt")
    assert extras <= figure_verbs
    assert figure_verbs - extras <= cue_verbs()
