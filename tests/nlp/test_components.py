"""The extractors as spaCy components, usable in any pipeline."""

from __future__ import annotations

from importlib.metadata import entry_points

import pytest
import spacy

from storyledger.model import RawArticle
from storyledger.nlp import components
from storyledger.nlp.pipeline import MODEL, extract_one


def test_every_component_is_published_through_the_spacy_factories_entry_point():
    published = {ep.name: ep.load() for ep in entry_points(group="spacy_factories")}
    for name in components.COMPONENTS:
        assert name in published, f"{name} is not in the spacy_factories entry point"


def test_a_component_works_alone_in_a_plain_pipeline():
    text = '"We will rebuild the bridge by spring," said Anna Holt, the mayor of Brenford.'
    nlp = spacy.load(MODEL)
    nlp.add_pipe("storyledger_quotes")
    doc = nlp(text)
    (quote,) = doc._.sl_quotes
    assert (quote.speaker, quote.kind, quote.cue) == ("Anna Holt", "direct", "said")
    assert doc._.sl_entities  # computed on demand, since the entities component is absent
    # the same records as storyledger's own pipeline gives
    assert doc._.sl_quotes == extract_one(RawArticle(id="x", text=text)).quotes


def test_the_dates_factory_declares_its_config_and_what_it_assigns():
    meta = spacy.language.Language.get_factory_meta("storyledger_dates")
    assert meta.default_config == {"lang": "en"}
    assert meta.assigns == ["doc._.sl_dates"]
    nlp = spacy.load(MODEL)
    nlp.add_pipe("storyledger_dates")
    doc = nlp.make_doc("The bridge reopened on Monday.")
    doc._.sl_published = "2031-03-05"
    (monday,) = nlp(doc)._.sl_dates
    assert (monday.text, monday.value) == ("Monday", "2031-03-03")


def test_the_dates_component_refuses_rules_of_another_language():
    from storyledger.errors import UsageError

    nlp = spacy.load(MODEL)
    with pytest.raises(UsageError, match="'de'"):
        nlp.add_pipe("storyledger_dates", config={"lang": "de"})


def test_the_quotes_factory_declares_its_config_and_what_it_assigns():
    meta = spacy.language.Language.get_factory_meta("storyledger_quotes")
    assert meta.default_config == {"lang": "en"}
    assert set(meta.assigns) == {"doc._.sl_quotes", "doc._.sl_claims"}


def test_the_quotes_component_refuses_a_language_it_has_no_word_lists_for():
    from storyledger.errors import UsageError

    nlp = spacy.load(MODEL)
    with pytest.raises(UsageError, match="'de'"):
        nlp.add_pipe("storyledger_quotes", config={"lang": "de"})


@pytest.mark.parametrize(
    ("factory", "assigned"),
    [
        ("storyledger_entities", "doc._.sl_entities"),
        ("storyledger_descriptors", "doc._.sl_descriptors"),
    ],
)
def test_the_entities_and_descriptors_factories_declare_config_and_refuse_other_languages(
    factory, assigned
):
    from storyledger.errors import UsageError

    meta = spacy.language.Language.get_factory_meta(factory)
    assert meta.default_config == {"lang": "en"}
    assert meta.assigns == [assigned]
    assert meta.requires  # what the parser and tagger must have set first
    nlp = spacy.load(MODEL)
    with pytest.raises(UsageError, match="'de'"):
        nlp.add_pipe(factory, config={"lang": "de"})


def test_the_entities_and_descriptors_components_work_alone_with_their_default_language():
    text = "The stubborn mayor of Brenford, Anna Holt, slammed the ferry plan on Tuesday."
    nlp = spacy.load(MODEL)
    nlp.add_pipe("storyledger_entities")
    nlp.add_pipe("storyledger_descriptors")
    doc = nlp(text)
    expected = extract_one(RawArticle(id="x", text=text))
    assert doc._.sl_entities == expected.entities
    assert doc._.sl_descriptors == expected.descriptors
    assert any(e.canonical == "Anna Holt" for e in doc._.sl_entities)
    assert ("mayor", "slammed", "verb") in {(d.actor, d.text, d.kind) for d in doc._.sl_descriptors}
