"""Shared fixtures: one spaCy pipeline per session, the real corpora from ../shared."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("STORYLEDGER_SHARED", ROOT.parent / "shared"))
EXAMPLES = ROOT / "examples"


def shared_path(*parts: str) -> Path:
    """A path under ../shared; in CI its absence fails the test, elsewhere it skips it."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        message = f"{path} is not there (the real corpora live in ../shared)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def nlp():
    from storyledger.nlp.pipeline import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def suite_metrics():
    """Each eval suite run once per session over its corpus (test_floors and the suite's own
    tests read the same figures instead of running the corpus twice)."""
    import functools

    from storyledger import eval as ev

    @functools.cache
    def run(suite: str) -> tuple:
        shared_path("eval") if suite != "seeds" else shared_path("seeds")
        return tuple(ev.run_suite(suite, SHARED))

    return run


@pytest.fixture(scope="session")
def seed_paths() -> list[Path]:
    return sorted(shared_path("seeds").glob("*.txt"))


@pytest.fixture(scope="session")
def seed_articles(nlp, seed_paths):
    """The two seed articles read and extracted once: (Iran International, the later one)."""
    from storyledger.ingest import read_inputs
    from storyledger.nlp.pipeline import extract

    raws, problems = read_inputs([str(p) for p in seed_paths])
    assert not problems
    return list(extract(raws, nlp))
