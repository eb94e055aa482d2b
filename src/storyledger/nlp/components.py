"""The one place storyledger's spaCy components are registered.

Each component wraps a pure extractor and keeps its records on a Doc extension, so the
extractors also work on their own: `nlp.add_pipe("storyledger_quotes")`. A component whose
inputs are missing (used alone) computes them itself.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from storyledger.errors import UsageError
from storyledger.nlp.attribution import extract_attributions
from storyledger.nlp.dates import extract_dates
from storyledger.nlp.descriptors import extract_descriptors
from storyledger.nlp.entities import extract_entities
from storyledger.nlp.quantities import extract_quantities

EXTENSIONS = ("published", "entities", "quotes", "claims", "quantities", "dates", "descriptors")
for _name in EXTENSIONS:
    if not Doc.has_extension(f"sl_{_name}"):
        Doc.set_extension(f"sl_{_name}", default=None)

# Order matters: later extractors read earlier ones' records.
COMPONENTS = (
    "storyledger_entities",
    "storyledger_quotes",
    "storyledger_quantities",
    "storyledger_dates",
    "storyledger_descriptors",
)


def entities_of(doc: Doc):
    if doc._.sl_entities is None:
        doc._.sl_entities = extract_entities(doc)
    return doc._.sl_entities


def attributions_of(doc: Doc):
    if doc._.sl_quotes is None or doc._.sl_claims is None:
        doc._.sl_quotes, doc._.sl_claims = extract_attributions(doc, entities_of(doc))
    return doc._.sl_quotes, doc._.sl_claims


class _Component:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name


def _check_lang(nlp: Language, name: str, lang: str) -> None:
    """Word lists of one language must not read a pipeline of another: refused, not misread."""
    if lang != nlp.lang:
        raise UsageError(f"{name}: word lists for {lang!r} cannot read a {nlp.lang!r} pipeline")


class EntitiesComponent(_Component):
    """Entities with the role nouns and titles of one language (nlp/data)."""

    def __init__(self, nlp: Language, name: str, lang: str) -> None:
        super().__init__(nlp, name)
        _check_lang(nlp, name, lang)
        self.lang = lang

    def __call__(self, doc: Doc) -> Doc:
        doc._.sl_entities = extract_entities(doc)
        return doc


class QuotesComponent(_Component):
    """Attribution with the word lists of one language (nlp/data: English only so far)."""

    def __init__(self, nlp: Language, name: str, lang: str = "en") -> None:
        super().__init__(nlp, name)
        _check_lang(nlp, name, lang)
        self.lang = lang

    def __call__(self, doc: Doc) -> Doc:
        doc._.sl_quotes, doc._.sl_claims = extract_attributions(doc, entities_of(doc))
        return doc


class QuantitiesComponent(_Component):
    def __call__(self, doc: Doc) -> Doc:
        quotes, claims = attributions_of(doc)
        doc._.sl_quantities = extract_quantities(doc, quotes, claims)
        return doc


class DatesComponent(_Component):
    """Dates read with the date rules of `lang` (nlp/data/dates_*.json)."""

    def __init__(self, nlp: Language, name: str, lang: str) -> None:
        super().__init__(nlp, name)
        _check_lang(nlp, name, lang)
        self.lang = lang

    def __call__(self, doc: Doc) -> Doc:
        doc._.sl_dates = extract_dates(doc, doc._.sl_published)
        return doc


class DescriptorsComponent(_Component):
    """Descriptors with the adjectives and verbs of one language (nlp/data)."""

    def __init__(self, nlp: Language, name: str, lang: str) -> None:
        super().__init__(nlp, name)
        _check_lang(nlp, name, lang)
        self.lang = lang

    def __call__(self, doc: Doc) -> Doc:
        doc._.sl_descriptors = extract_descriptors(doc, entities_of(doc))
        return doc


@Language.factory(
    "storyledger_entities",
    default_config={"lang": "en"},
    assigns=["doc._.sl_entities"],
    requires=["doc.ents", "token.dep", "token.pos", "token.tag", "token.lemma", "token.ent_type"],
)
def make_entities(nlp: Language, name: str, lang: str) -> EntitiesComponent:
    """Entities with a canonical name per referent (`doc._.sl_entities`)."""
    return EntitiesComponent(nlp, name, lang)


@Language.factory(
    "storyledger_quotes",
    default_config={"lang": "en"},
    assigns=["doc._.sl_quotes", "doc._.sl_claims"],
    requires=["token.dep", "token.lemma", "token.pos"],
)
def make_quotes(nlp: Language, name: str, lang: str) -> QuotesComponent:
    """Quotes and attributed claims with source chains (`doc._.sl_quotes`, `doc._.sl_claims`)."""
    return QuotesComponent(nlp, name, lang)


@Language.factory(
    "storyledger_quantities",
    default_config={"lang": "en"},
    assigns=["doc._.sl_quantities"],
    requires=["token.dep", "token.lemma", "token.ent_type"],
)
def make_quantities(nlp: Language, name: str, lang: str) -> QuantitiesComponent:
    """Numeric facts with qualifier, unit, counted noun and source (`doc._.sl_quantities`).

    `lang` names the language whose word lists (nlp/data) the extractor reads; English is the
    only one shipped, and a pipeline of another language is refused rather than misread."""
    _check_lang(nlp, name, lang)
    return QuantitiesComponent(nlp, name)


@Language.factory(
    "storyledger_dates",
    default_config={"lang": "en"},
    requires=["doc.ents", "doc.sents", "token.dep", "token.tag", "token.lemma"],
    assigns=["doc._.sl_dates"],
)
def make_dates(nlp: Language, name: str, lang: str) -> DatesComponent:
    """Dates resolved against `doc._.sl_published` (YYYY-MM-DD or None) (`doc._.sl_dates`)."""
    return DatesComponent(nlp, name, lang)


@Language.factory(
    "storyledger_descriptors",
    default_config={"lang": "en"},
    assigns=["doc._.sl_descriptors"],
    requires=["token.dep", "token.pos", "token.lemma", "token.ent_type"],
)
def make_descriptors(nlp: Language, name: str, lang: str) -> DescriptorsComponent:
    """How the article names actors and events (`doc._.sl_descriptors`)."""
    return DescriptorsComponent(nlp, name, lang)
