"""Numeric facts: every expectation on the seeds was read off the seed text in ../shared/seeds;
the other sentences are invented for the pattern they test."""

from __future__ import annotations

import pytest

from storyledger.model import Claim, Quote
from storyledger.nlp.numbers import find_numbers, parse_words
from storyledger.nlp.quantities import extract_quantities, interval

from ..conftest import shared_path


def _quantities(nlp, text: str, quotes=None, claims=None):
    return extract_quantities(nlp(text), quotes or [], claims or [])


def _one(nlp, text: str, fragment: str):
    found = [q for q in _quantities(nlp, text) if fragment in q.text]
    assert len(found) == 1, [q.text for q in _quantities(nlp, text)]
    return found[0]


def _seed(nlp, name: str):
    path = next(shared_path("seeds").glob(f"{name}_*.txt"))
    return _quantities(nlp, path.read_text(encoding="utf-8"))


def _by_text(quantities, text: str):
    found = [q for q in quantities if q.text == text]
    assert found, f"no {text!r} in {[q.text for q in quantities]}"
    return found[0]


def test_first_seed_figures_with_hedges_and_counted_nouns(nlp):
    qs = _seed(nlp, "000")
    q = _by_text(qs, "199")
    assert (q.value, q.qualifier, q.counts, q.event) == (199, "exact", "hostages", "hold")
    assert q.attributed_to == "Israel"  # "As Israel confirmed that 199 hostages are held"
    q = _by_text(qs, "dozens")
    assert (q.qualifier, q.value, q.low, q.high, q.counts) == ("vague", None, 24, 99, "hostages")
    q = _by_text(qs, "at least 1,400")
    assert (q.value, q.low, q.high, q.qualifier) == (1400, 1400, None, "at_least")
    assert (q.counts, q.event, q.attributed_to) == ("people", "massacre", None)
    q = _by_text(qs, "roughly 300")
    assert (q.value, q.qualifier, q.counts) == (300, "approximately", "soldiers")
    q = _by_text(qs, "around $100m")
    assert (q.value, q.unit, q.qualifier, q.counts) == (100_000_000, "USD", "approximately", None)


def test_first_seed_dateline_is_not_a_quantity(nlp):
    texts = [q.text for q in _seed(nlp, "000")]
    assert not any(t in ("16", "2023", "7") for t in texts), texts
    assert len(texts) == 5


def test_later_seed_figures_and_hamas_as_source(nlp):
    qs = _seed(nlp, "004")
    q = _by_text(qs, "6,000")
    assert (q.value, q.qualifier, q.counts) == (6000, "exact", "Palestinians")
    q = _by_text(qs, "more than 200")
    assert (q.value, q.low, q.high, q.qualifier) == (200, 200, None, "more_than")
    assert (q.counts, q.event) == ("captives", "take")
    q = _by_text(qs, "up to 1,400")
    assert (q.value, q.low, q.high, q.qualifier) == (1400, 0, 1400, "at_most")
    assert (q.counts, q.event) == ("Israelis", "kill")
    q = _by_text(qs, "50")
    assert (q.qualifier, q.counts, q.event, q.attributed_to) == (
        "exact",
        "hostages",
        "kill",
        "Hamas",
    )
    q = _by_text(qs, "more than 7,000")
    assert (q.counts, q.event, q.attributed_to, q.sources) == (
        "Palestinians",
        "kill",
        "Hamas",
        ["Hamas"],
    )
    assert "October 7" not in " ".join(x.text for x in qs)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("six", 6),
        ("two dozen", 24),
        ("1.5 million", 1_500_000),
        ("1,400", 1400),
        ("twenty-five", 25),
        ("one hundred and five", 105),
        ("half a million", 500_000),
        ("two thirds", 2 / 3),
        ("one and a half million", 1_500_000),
        ("3bn", 3e9),
        ("minus five point five", -5.5),
        ("a dozen", 12),
    ],
)
def test_number_words(text, value):
    assert parse_words(text) == pytest.approx(value)


def test_number_runs_in_a_sentence(nlp):
    doc = nlp("The fund lost 3bn dollars, two dozen staff and one hundred and five desks.")
    runs = [(doc[r.start : r.end].text, r.value) for r in find_numbers(doc)]
    assert runs == [("3bn", 3e9), ("two dozen", 24), ("one hundred and five", 105)]


@pytest.mark.parametrize(
    ("sentence", "fragment", "value", "unit"),
    [
        ("The charity raised $100m last spring.", "$100m", 100_000_000, "USD"),
        ("The bridge cost €40,000 to repair.", "€40,000", 40_000, "EUR"),
        ("The club paid £2.5 million for the striker.", "£2.5 million", 2_500_000, "GBP"),
        ("The deal is worth EUR 40 million.", "EUR 40 million", 40_000_000, "EUR"),
        ("The firm spent 3bn dollars on chips.", "3bn dollars", 3e9, "USD"),
        ("Turnout fell by 5 per cent in the north.", "5 per cent", 5, "%"),
        ("Turnout fell to 48% in the north.", "48%", 48, "%"),
        ("The convoy drove 120 km through the desert.", "120 km", 120, "km"),
        ("Each parcel weighed 20kg when it left.", "20kg", 20, "kg"),
    ],
)
def test_currencies_percentages_and_units(nlp, sentence, fragment, value, unit):
    q = _one(nlp, sentence, fragment)
    assert (q.value, q.unit, q.counts) == (pytest.approx(value), unit, None)


@pytest.mark.parametrize(
    ("sentence", "fragment", "qualifier", "low", "high"),
    [
        ("No fewer than 40 villagers were evacuated.", "No fewer than 40", "at_least", 40, None),
        ("A minimum of 12 ships were seized.", "A minimum of 12", "at_least", 12, None),
        ("Upwards of 300 protesters marched.", "Upwards of 300", "more_than", 300, None),
        ("Over 90 flights were cancelled.", "Over 90", "more_than", 90, None),
        ("As many as 70 homes were flooded.", "As many as 70", "at_most", 0, 70),
        ("Fewer than 15 lawmakers voted for it.", "Fewer than 15", "less_than", 0, 15),
        ("Some 200 farmers joined the strike.", "Some 200", "approximately", 180, 220),
        ("An estimated 500 birds died.", "An estimated 500", "approximately", 450, 550),
        ("Nearly 100 trucks crossed the border.", "Nearly 100", "approximately", 90, 100),
        ("Between 10 and 20 boats sank.", "Between 10 and 20", "range", 10, 20),
        ("From ten to twenty boats sank.", "From ten to twenty", "range", 10, 20),
        ("Police said 10-20 boats sank.", "10-20", "range", 10, 20),
        ("Hundreds of fans queued overnight.", "Hundreds", "vague", 200, 999),
        ("Scores of cars were burnt.", "Scores", "vague", 40, 99),
        ("Tens of thousands of people fled.", "Tens of thousands", "vague", 20_000, 99_999),
    ],
)
def test_hedges_map_to_intervals(nlp, sentence, fragment, qualifier, low, high):
    q = _one(nlp, sentence, fragment)
    assert q.qualifier == qualifier
    assert (q.low, q.high) == (
        pytest.approx(low) if low else low,
        pytest.approx(high) if high else high,
    )
    if qualifier in ("range", "vague"):
        assert q.value is None


def test_interval_conventions():
    assert interval("exact", 5) == (5, 5)
    assert interval("at_least", 5) == (5, None)
    assert interval("more_than", 5) == (5, None)
    assert interval("at_most", 5) == (0, 5)
    assert interval("less_than", 5) == (0, 5)
    assert interval("approximately", 100) == (90, 110)
    assert interval("approximately", 100, below=True) == (90, 100)


@pytest.mark.parametrize(
    ("sentence", "fragment", "counts", "event"),
    [
        ("Rebels freed 35 prisoners on the border.", "35", "prisoners", "free"),
        ("At least 12 miners were trapped underground.", "At least 12", "miners", "trap"),
        ("Troops detained 40 of the protesters.", "40", "protesters", "detain"),
        ("The army released 30 soldiers and arrested 25 officers.", "25", "officers", "arrest"),
        ("Twelve Arab League nations voted for the plan.", "Twelve", "nations", "vote"),
    ],
)
def test_counted_noun_and_event(nlp, sentence, fragment, counts, event):
    q = _one(nlp, sentence, fragment)
    assert (q.counts, q.event) == (counts, event)


@pytest.mark.parametrize(
    "sentence",
    [
        "The treaty was signed in 1998 in Oslo.",
        "The vote is on October 12 in the capital.",
        "The vote was held on 12 October in the capital.",
        "Polls close at 10:30 tonight.",
        "Doors open at 9 pm on the pier.",
        "Call the hotline on 555-0142 for help.",
        "One of the ministers resigned.",
        "She was the first woman to lead the party.",
        "The flight lasted three hours.",
        "A 30-year-old man was arrested.",
        "No one was hurt in the blaze.",
        "Each family received a one-time payment.",
        "At one point the crowd turned back.",
        "The bill passed 98-0 after a 52-48 vote on the rule.",
        "The senator holds the No. 3 position in the party.",
        "The oldest justices are Anna Reyes, 87; Tom Berg, 78.",
        "Staff worked 24/7 on the 9/11 bill.",
        "Volunteers need 40 to 60 hours of training.",
    ],
)
def test_not_quantities(nlp, sentence):
    assert _quantities(nlp, sentence) == []


def test_according_to_attributes_in_the_same_sentence(nlp):
    q = _one(nlp, "According to the Red Cross, 80 volunteers were injured.", "80")
    assert (q.attributed_to, q.sources) == ("Red Cross", ["Red Cross"])


def test_reporting_verb_subject_is_the_source(nlp):
    q = _one(nlp, "The coastguard said 14 sailors were rescued overnight.", "14")
    assert q.attributed_to == "coastguard"
    unnamed = _one(nlp, "He said 14 sailors were rescued.", "14")
    assert unnamed.attributed_to is None  # no guess
    assert unnamed.source_mention == "He"  # but someone said it: not the outlet's own voice
    assert q.source_mention is None


def test_a_figure_from_an_unnamed_speaker_is_reported_as_such(nlp):
    from storyledger.report import views

    q = _one(nlp, "He said 14 sailors were rescued.", "14")
    assert views.figure_source(q) == "an unnamed speaker (\u201cHe\u201d)"
    own = _one(nlp, "Rescuers pulled 14 sailors from the water.", "14")
    assert views.figure_source(own) == "outlet's own voice"


def test_outlets_own_voice_has_no_source(nlp):
    q = _one(nlp, "The storm destroyed 60 houses along the coast.", "60")
    assert (q.attributed_to, q.sources) == (None, [])


def test_claims_and_quotes_give_the_innermost_chain(nlp):
    text = 'The mayor said the flood displaced 900 families, "and 12 schools are shut," he added.'
    doc = nlp(text)
    claim_start = text.index("the flood")
    claim = Claim(
        "the flood displaced 900 families",
        ["Mayor Ana Ruiz", "Radio Sur"],
        claim_start,
        claim_start + len("the flood displaced 900 families"),
    )
    quote_start = text.index('"and')
    quote = Quote(
        '"and 12 schools are shut,"',
        "Mayor Ana Ruiz",
        "added",
        "direct",
        quote_start,
        text.index('," he') + 2,
    )
    qs = {q.text: q for q in extract_quantities(doc, [quote], [claim])}
    assert qs["900"].sources == ["Mayor Ana Ruiz", "Radio Sur"]
    assert qs["900"].attributed_to == "Mayor Ana Ruiz"
    assert qs["12"].sources == ["Mayor Ana Ruiz"]


def test_offsets_point_into_the_text(nlp):
    text = "Officials counted more than 2,000 ballots and about 30 boxes."
    for q in _quantities(nlp, text):
        assert text[q.start : q.end] == q.text


def test_a_change_is_two_figures_not_a_range(nlp):
    qs = _quantities(nlp, "Shares in the airline rose from 25 to 40 pence on Friday.")
    assert [(q.text, q.qualifier) for q in qs] == [("25", "exact"), ("40 pence", "exact")]
    boats = _one(nlp, "From ten to twenty boats sank.", "ten")
    assert boats.qualifier == "range"


def test_fractions_and_half_a_million(nlp):
    q = _one(nlp, "Half a million people signed the petition.", "Half a million")
    assert (q.value, q.counts) == (500_000, "people")
    q = _one(nlp, "The storm cut power to a third of households.", "a third")
    assert q.value == pytest.approx(1 / 3)


def test_a_count_range_ending_on_a_year_like_number(nlp):
    q = _one(nlp, "Between 1000 and 2000 people marched.", "Between 1000 and 2000")
    assert (q.qualifier, q.low, q.high, q.counts) == ("range", 1000, 2000, "people")


def test_hyphenated_counts(nlp):
    q = _one(nlp, "The mayor signed nearly two-dozen orders.", "two-dozen")
    assert (q.value, q.qualifier, q.counts) == (24, "approximately", "orders")
    assert _one(nlp, "They released a 225-page report.", "225").counts == "page"


def test_a_floor_and_a_ceiling_make_one_range(nlp):
    q = _one(nlp, "More than 10 but fewer than 20 boats sank.", "More than 10 but fewer than 20")
    assert (q.qualifier, q.value, q.low, q.high, q.counts) == ("range", None, 10, 20, "boats")
    q = _one(nlp, "Prices stayed above 1000 and below 1500 dollars.", "above 1000")
    assert (q.qualifier, q.low, q.high) == ("range", 1000, 1500)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Two-thirds of the members voted.", 2 / 3),
        ("three-quarters of the staff", 0.75),
        ("one - fourth", 0.25),
        ("fifty   two", 52),
        ("40\u202f000", 40000),
        ("nine point nought four", 9.04),
        ("¾", 0.75),
        ("2½", 2.5),
        ("1.2e-3", 0.0012),
        ("6.23x10^-4", 0.000623),
        ("2.5^-1", 0.4),
        ("4 thousand 3 hundred and 21", 4321),
        ("5 billion 300 million", 5.3e9),
        ("one over three", 1 / 3),
        ("minus 5", -5),
        ("a twenty-first", 1 / 21),
        ("three twenty-firsts", 3 / 21),
    ],
)
def test_one_number_spelled_many_ways(nlp, text, value):
    runs = find_numbers(nlp.make_doc(text))
    assert len(runs) == 1 and runs[0].value == pytest.approx(value), runs


def test_ratio_words_before_a_noun_stay_two_counts(nlp):
    doc = nlp.make_doc("one out of three adults")
    assert [r.value for r in find_numbers(doc)] == [1, 3]


def test_a_part_larger_than_its_whole_is_no_share(nlp):
    assert [r.value for r in find_numbers(nlp.make_doc("They scored 12 out of 10"))] == [12, 10]
    assert [r.value for r in find_numbers(nlp.make_doc("They scored 8 out of 10"))] == [0.8]


def test_a_million_and_a_count_do_not_merge(nlp):
    doc = nlp.make_doc("It cost 3 million and 40 more")
    assert [r.value for r in find_numbers(doc)] == [3e6, 40]


@pytest.mark.parametrize(
    ("sentence", "fragment", "low", "high", "unit"),
    [
        ("Some 10–20 people were hurt.", "10–20", 10, 20, None),
        ("Turnout fell 3.5–4.5 per cent.", "3.5–4.5 per cent", 3.5, 4.5, "%"),
        ("The road is 10—15 km long.", "10—15 km", 10, 15, "km"),
    ],
)
def test_a_dash_range_in_one_token(nlp, sentence, fragment, low, high, unit):
    q = _one(nlp, sentence, fragment)
    assert (q.qualifier, q.low, q.high, q.unit) == ("range", low, high, unit)


def test_a_year_pair_with_a_dash_is_no_range(nlp):
    found = _quantities(nlp, "The 2009–2010 season ended.")
    assert not [q for q in found if q.qualifier == "range"]


@pytest.mark.parametrize(
    ("sentence", "fragment", "qualifier"),
    [
        ("The score was not above 20 all year.", "not above 20", "at_most"),
        ("The score was at or above 20 all year.", "at or above 20", "at_least"),
        ("The score stayed 20 at least.", "20 at least", "at_least"),
        ("The score stayed <=  30 all year.", "<=  30", "at_most"),
        ("The score was equal to 5000 or more.", "equal to 5000 or more", "at_least"),
        ("The score was larger or equal than 300.", "larger or equal than 300", "at_least"),
        ("Deaths surpassed 3000 by May.", "surpassed 3000", "more_than"),
        ("The toll was lesser than 30.", "lesser than 30", "less_than"),
        ("The toll was beyond 30 by noon.", "beyond 30", "more_than"),
        ("The toll was below or equal to 30.", "below or equal to 30", "at_most"),
        ("The toll was larger or equal 30.", "larger or equal 30", "at_least"),
        ("The toll was at maximum 30.", "at maximum 30", "at_most"),
        ("The toll stayed \u2264 30 all week.", "\u2264 30", "at_most"),
        ("Rides are for riders older than 12.", "older than 12", "more_than"),
    ],
)
def test_more_hedges(nlp, sentence, fragment, qualifier):
    assert _one(nlp, sentence, fragment).qualifier == qualifier


def test_a_floor_and_a_ceiling_joined_by_a_comma(nlp):
    q = _one(nlp, "Crowds of more than 100, less than 200 gathered.", "more than 100")
    assert (q.qualifier, q.low, q.high) == ("range", 100, 200)


@pytest.mark.parametrize(
    ("sentence", "fragment", "value", "unit"),
    [
        ("The plank is 2 1/2 in thick.", "2 1/2 in", 2.5, "in"),
        ("Add ½ tbsp of salt.", "½ tbsp", 0.5, "tbsp"),
        ("The scan gave 14 mGy.", "14 mGy", 14, "mGy"),
        ("Its output is $2.174T.", "$2.174T", 2.174e12, "USD"),
        ("The item sells for GBP 350.", "GBP 350", 350, "GBP"),
    ],
)
def test_more_units(nlp, sentence, fragment, value, unit):
    q = _one(nlp, sentence, fragment)
    assert (q.value, q.unit) == (pytest.approx(value), unit)


def test_in_after_a_number_is_usually_a_preposition(nlp):
    assert _one(nlp, "He scored 2 in the first half.", "2").unit is None


def test_a_list_of_figures_shares_the_last_unit(nlp):
    found = _quantities(nlp, "Patients got 45 and 50 mg doses.")
    assert [(q.value, q.unit) for q in found] == [(45, "mg"), (50, "mg")]
    found = _quantities(nlp, "In 3 cases and 40 km away it failed.")
    assert [q.unit for q in found] == [None, "km"]


@pytest.mark.parametrize(
    ("sentence", "fragment", "value", "unit"),
    [
        (
            "It only cost thirteen dollars and forty-five cents.",
            "and forty-five cents",
            13.45,
            "USD",
        ),
        ("The ticket costs 15 dollars 50.", "15 dollars 50", 15.5, "USD"),
        ("The fund paid HK$10.", "HK$10", 10, "HKD"),
        ("The bank lent NZ$5bn to farmers.", "NZ$5bn", 5e9, "NZD"),
        ("The fine was USD115 in all.", "USD115", 115, "USD"),
        ("The club paid €5m.", "€5m", 5e6, "EUR"),
        ("The player is 6 feet and 3 inches tall.", "6 feet and 3 inches", 6.25, "ft"),
        ("The club earned $5 m last year.", "$5 m", 5e6, "USD"),
        ("The wall is 5 m high.", "5 m", 5, "m"),
    ],
)
def test_more_money(nlp, sentence, fragment, value, unit):
    q = _one(nlp, sentence, fragment)
    assert (q.value, q.unit) == (pytest.approx(value), unit)


def test_an_article_before_a_dollar_sign_is_no_currency_prefix(nlp):
    assert _one(nlp, "A $5 million grant was made.", "$5 million").unit == "USD"


def test_a_lone_scale_word_counts_nothing(nlp):
    assert [q.text for q in _quantities(nlp, "Revenue (USD million) rose 5%.")] == ["5%"]


def test_twenty_dollars_thirty_times_stays_apart(nlp):
    found = _quantities(nlp, "They paid 20 dollars 30 times.")
    assert [(q.value, q.unit) for q in found] == [(20, "USD"), (30, None)]


def test_a_spaced_m_before_of_stays_unread(nlp):
    assert _one(nlp, "They raised 5 m of it.", "5").unit is None


@pytest.mark.parametrize(
    "text", ["In the twenty-first century it changed.", "He lives on the thirty-second floor."]
)
def test_hyphenated_ordinals_are_no_numbers(nlp, text):
    assert find_numbers(nlp.make_doc(text)) == []


def test_a_bound_on_a_duration_or_age_is_a_figure_but_a_plain_duration_is_not(nlp):
    doc = nlp("The ferry pilot is more than forty years old and trained for three years.")
    found = [(q.text, q.qualifier, q.value) for q in doc._.sl_quantities]
    assert found == [("more than forty", "more_than", 40.0)]
