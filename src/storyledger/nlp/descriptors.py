"""How an article names actors and events: appositions, modifiers, titles, loaded verbs."""

from __future__ import annotations

from spacy.tokens import Doc

from storyledger.model import Descriptor, Entity


def extract_descriptors(doc: Doc, entities: list[Entity]) -> list[Descriptor]:
    return []
