"""The outlet table: CSV import (bad rows named, good ones kept), shipped facts, linking."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyledger import research
from storyledger.errors import InputError
from storyledger.ingest.outlet_table import parse_outlets_csv
from storyledger.store import Store
from storyledger.store.outlets import OutletResolver, normalise_domain, shipped_outlets


def test_shipped_table_is_neutral_facts_only() -> None:
    outlets = shipped_outlets()
    names = {o.name for o in outlets}
    assert {"Reuters", "Associated Press", "BBC"} <= names
    assert all(o.tags == {} for o in outlets)  # the project rates nothing
    types = {o.type for o in outlets}
    assert types <= {"wire", "public broadcaster", "state-owned", "private", "aggregator"}
    assert next(o for o in outlets if o.name == "Reuters").type == "wire"


def test_csv_rows_with_problems_are_named_and_the_rest_kept() -> None:
    text = (
        "Name,Domains,Country,Type,Lean\n"
        "Harbor Ledger,harborledger.example,XQ,Private,left\n"
        ",nameless.example,XQ,private,left\n"
        "Bad Type Daily,bad.example,XQ,tabloid,right\n"
        "Harbor Ledger,other.example,XQ,private,right\n"
        "Plains Gazette,plainsgazette.example;pg.example,XQ,public_broadcaster,right\n"
    )
    outlets, problems = parse_outlets_csv(text, "mine.csv")
    assert [o.name for o in outlets] == ["Harbor Ledger", "Plains Gazette"]
    assert outlets[0].tags == {"lean": "left"} and outlets[0].type == "private"
    assert outlets[1].domains == ["plainsgazette.example", "pg.example"]
    assert outlets[1].type == "public broadcaster"
    reasons = {p.source: p.reason for p in problems}
    assert set(reasons) == {"mine.csv:3", "mine.csv:4", "mine.csv:5"}
    assert "no outlet name" in reasons["mine.csv:3"]
    assert "tabloid" in reasons["mine.csv:4"]
    assert "twice" in reasons["mine.csv:5"]


def test_csv_without_a_name_column_is_refused() -> None:
    with pytest.raises(InputError, match="name"):
        parse_outlets_csv("outlet,lean\nX,left\n", "nope.csv")


def test_import_keeps_shipped_facts_and_round_trips(tmp_path: Path) -> None:
    csv_file = tmp_path / "o.csv"
    csv_file.write_text("name,lean,owner\nReuters,centre,=HYPERLINK(1)\n", encoding="utf-8")
    with Store(tmp_path / "s.db") as store:
        result = research.import_outlets(store, csv_file)
        assert result.stored == 1 and not result.problems
        (reuters,) = research.list_outlets(store, shipped=False)
        assert (reuters.type, reuters.country) == ("wire", "GB")  # from the shipped table
        assert reuters.domains == ["reuters.com"]
        assert reuters.tags == {"lean": "centre", "owner": "=HYPERLINK(1)"}
        exported = "".join(research.export_outlets(store, shipped=False))
    assert exported.splitlines()[0] == "name,domains,country,language,type,lean,owner,source"
    assert "'=HYPERLINK(1)" in exported  # a formula is defused for spreadsheets
    again = tmp_path / "again.csv"
    again.write_text(exported, encoding="utf-8")
    with Store(tmp_path / "s2.db") as store:
        research.import_outlets(store, again)
        (back,) = research.list_outlets(store, shipped=False)
    assert back.name == "Reuters" and back.tags["lean"] == "centre"


def test_articles_link_by_name_alias_or_domain(tmp_path: Path) -> None:
    csv_file = tmp_path / "o.csv"
    csv_file.write_text("name,domains,lean\nGranite Post,granitepost.example,right\n")
    with Store(tmp_path / "s.db") as store:
        research.import_outlets(store, csv_file)
        find = OutletResolver.from_store(store.conn)
    assert find.group("lean", "granite post") == "right"
    assert find.group("lean", None, "https://www.granitepost.example/a/1") == "right"
    assert find.group("lean", None, "https://news.granitepost.example/x") == "right"
    assert find.group("lean", "Somebody Else", "https://elsewhere.example/") is None
    assert find.resolve("Reuters").type == "wire"  # shipped outlets link too
    assert normalise_domain("HTTPS://WWW.Example.com/path?q=1") == "example.com"


def test_shipped_table_agrees_with_the_readers_domain_aliases() -> None:
    """A domain the readers map to an outlet name links to the outlet of that name."""
    from storyledger.ingest.common import outlet_aliases

    find = OutletResolver(shipped_outlets())
    domains = {a: n for a, n in outlet_aliases().items() if "." in a}
    assert domains  # the readers' table has domain aliases to agree with
    for domain, name in domains.items():
        found = find.resolve(None, f"https://{domain}/")
        assert found is not None and found.name == name, (domain, name)
