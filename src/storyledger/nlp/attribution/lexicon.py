"""Every word list attribution reads (nlp/data/attribution_*), through nlp/datafiles.py.

The public functions (one per list) are what other packages use too (figure sources point
at these cue verbs); entries are lower-case.
"""

from __future__ import annotations

import functools

from storyledger.nlp.datafiles import data_json, data_lines


def _words(name: str) -> frozenset[str]:
    return frozenset(w.lower() for w in data_lines(name))


@functools.cache
def cue_verbs() -> frozenset[str]:
    return _words("attribution_cue_verbs.txt")


@functools.cache
def belief_verbs() -> frozenset[str]:
    return _words("attribution_belief_verbs.txt")


@functools.cache
def object_verbs() -> frozenset[str]:
    return _words("attribution_object_verbs.txt")


@functools.cache
def xcomp_verbs() -> frozenset[str]:
    return _words("attribution_xcomp_verbs.txt")


@functools.cache
def colon_labels() -> frozenset[str]:
    return _words("attribution_colon_labels.txt")


@functools.cache
def cue_nouns() -> frozenset[str]:
    return _words("attribution_cue_nouns.txt")


@functools.cache
def gender_words() -> dict[str, frozenset[str]]:
    data = data_json("attribution_gender_words.json")
    return {k: frozenset(v) for k, v in data.items() if not k.startswith("_")}


@functools.cache
def org_nouns() -> frozenset[str]:
    return _words("attribution_org_nouns.txt")


@functools.cache
def intro_verbs() -> frozenset[str]:
    return _words("attribution_intro_verbs.txt")


@functools.cache
def relay_verbs() -> frozenset[str]:
    return _words("attribution_relay_verbs.txt")


@functools.cache
def quote_nouns() -> frozenset[str]:
    return _words("attribution_quote_nouns.txt")


@functools.cache
def stance_words() -> frozenset[str]:
    return _words("attribution_stance_words.txt")


@functools.cache
def object_preps() -> frozenset[str]:
    return _words("attribution_object_preps.txt")


@functools.cache
def setting_preps() -> frozenset[str]:
    return _words("attribution_setting_preps.txt")


@functools.cache
def pronouns() -> frozenset[str]:
    return _words("attribution_pronouns.txt")
