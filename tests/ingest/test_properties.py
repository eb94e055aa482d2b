"""Property tests: random bytes, random JSON records and random date strings fed to the
readers. No traceback; no good record lost; every problem named with its input.

The number of generated cases per test is EXAMPLES (docs/evaluation.md, "Bad inputs")."""

from __future__ import annotations

import datetime as dt
import email.utils
import json

import pytest

pytest.importorskip("hypothesis")  # the test extra

from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

from storyledger.ingest import read_named_bytes
from storyledger.ingest.compression import COMPRESSIONS
from storyledger.ingest.records import field_names
from storyledger.ingest.registry import suffixes
from storyledger.model import Problem, RawArticle
from storyledger.published import normalise_published, parse_published

from .invented import TEXTS

EXAMPLES = {"bytes": 300, "records": 200, "dates": 500, "date_forms": 300}
NAMES = st.sampled_from(
    [f"in{s}" for s in suffixes()] + [f"in.jsonl{c}" for c in COMPRESSIONS] + ["in", "in.bin"]
)
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)


def _checked(items: list) -> tuple[list[RawArticle], list[Problem]]:
    raws = [i for i in items if isinstance(i, RawArticle)]
    problems = [i for i in items if isinstance(i, Problem)]
    assert len(raws) + len(problems) == len(items)  # nothing else, no exception object
    for p in problems:
        assert p.source.startswith("in") and p.reason.strip()
    return raws, problems


@settings(max_examples=EXAMPLES["bytes"], deadline=None, database=None)
@given(name=NAMES, data=st.binary(max_size=2048))
def test_random_bytes_never_raise(name, data):
    raws, _ = _checked(list(read_named_bytes(name, data)))
    for raw in raws:
        assert raw.text.strip()


# A good record: a text from the invented articles, string metadata, any date string.
GOOD = st.fixed_dictionaries(
    {"text": st.sampled_from(TEXTS)},
    optional={
        "title": st.text(max_size=30),
        "outlet": st.text(max_size=30),
        "url": st.text(max_size=40),
        "id": st.text(alphabet="abcdefgh0123456789-", min_size=1, max_size=8),
        "published": st.text(max_size=30) | st.integers() | st.sampled_from(["2023-11", "2023"]),
    },
)


@settings(
    max_examples=EXAMPLES["records"],
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    lines=st.lists(
        st.tuples(st.booleans(), GOOD, JSON | st.text(max_size=40)), min_size=1, max_size=8
    )
)
def test_random_records_lose_no_good_one(lines):
    body, good = [], []
    for n, (is_good, record, junk) in enumerate(lines, 1):
        if is_good:
            record = {**record, "text": f"{record['text']} Report number {n} of the day."}
            good.append((n, record))
            body.append(json.dumps(record))
        elif isinstance(junk, str):
            body.append(junk.replace("\n", " ").replace("\r", " ") or "{")
        else:
            if isinstance(junk, dict):  # junk: no column that could hold a text
                junk = {k: v for k, v in junk.items() if k.lower() not in field_names()["text"]}
            body.append(json.dumps(junk))
    data = "\n".join(body).encode()
    note(repr(data))
    raws, problems = _checked(list(read_named_bytes("in.jsonl", data)))
    kept = {raw.text: raw for raw in raws}
    for n, record in good:
        raw = kept[record["text"]]  # no good record lost
        date = record.get("published")
        if date is not None and str(date).strip() and parse_published(date) is None:
            assert any(p.kept and p.source == f"in.jsonl:{n}" for p in problems)
        else:
            assert raw.published == normalise_published(date)
    named = {p.source for p in problems if not p.kept}
    assert all(src == "in.jsonl" or src.startswith(("in.jsonl:", "in.jsonl[")) for src in named)


@settings(max_examples=EXAMPLES["dates"], deadline=None, database=None)
@given(value=st.text(max_size=40) | st.integers() | st.floats())
def test_random_date_strings_never_raise_and_read_back_the_same(value):
    found = parse_published(value)
    if found is not None:
        assert parse_published(found.value) == found
        assert found.first <= found.last


DAYS = st.datetimes(min_value=dt.datetime(1971, 1, 1), max_value=dt.datetime(2099, 12, 31))


@settings(max_examples=EXAMPLES["date_forms"], deadline=None, database=None)
@given(stamp=DAYS)
def test_every_common_form_of_a_day_reads_as_that_day(stamp):
    day = stamp.date().isoformat()
    utc = stamp.replace(tzinfo=dt.UTC)
    forms = [
        stamp.isoformat(),
        utc.isoformat(),
        email.utils.format_datetime(utc),
        stamp.strftime("%B %d, %Y"),
        stamp.strftime("%d %b %Y"),
        stamp.strftime("%b. %d, %Y"),
        stamp.strftime("%Y%m%d%H%M%S"),
    ]
    if utc.timestamp() >= 1e8:  # below nine digits an epoch reads as YYYYMMDD
        forms += [str(int(utc.timestamp())), str(int(utc.timestamp() * 1000))]
    for form in forms:
        assert normalise_published(form) == day, form
    assert normalise_published(stamp.strftime("%Y-%m")) == day[:7]
    assert normalise_published(stamp.strftime("%Y")) == day[:4]
