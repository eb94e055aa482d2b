"""Outlets, group views, blindspots, bulk export and feeds over a real server on loopback,
on a store built from project-made articles of four invented outlets with a `lean` tag."""

from __future__ import annotations

import csv
import io
import json

import feedparser
import pytest

from storyledger.store import Store

from ..collections_data import LATE, build_store, story_of
from .conftest import start_server

pq = pytest.importorskip("pyarrow.parquet")  # the scale extra


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory, nlp):
    db = build_store(tmp_path_factory.mktemp("research-web") / "web.db")
    server = start_server(db)
    yield server
    server.stop()


def ids(live) -> tuple[str, str]:
    with Store(live.db, readonly=True) as store:
        return story_of(store, "granite-dunmore"), story_of(store, "orchard-elsby")


def test_outlets_page_and_api(live) -> None:
    with live.client() as client:
        page = client.get("/outlets")
        assert page.status_code == 200
        assert 'data-outlet="Granite Post"' in page.text and ">right<" in page.text
        assert "Upland Voice" in page.text  # linked from an article by its URL domain
        api = client.get("/api/outlets", params={"shipped": "false"}).json()
        assert {o["name"]: o["tags"] for o in api["outlets"]}["Orchard Tribune"] == {"lean": "left"}
        assert "lean" in api["group_keys"]
        table = client.get("/outlets.csv", params={"shipped": "false"}).text
        assert table.splitlines()[0] == "name,domains,country,language,type,lean,source"


def test_story_split_by_lean_on_page_and_api(live) -> None:
    attack, _ = ids(live)
    with live.client() as client:
        plain = client.get(f"/stories/{attack}")
        assert 'name="by"' in plain.text and "By lean" not in plain.text
        page = client.get(f"/stories/{attack}", params={"by": "lean"})
        assert page.status_code == 200 and "By lean" in page.text
        assert "resistance movement" in page.text
        data = client.get(f"/api/stories/{attack}", params={"by": "lean"}).json()
    groups = data["groups"]
    assert [g["value"] for g in groups["groups"]] == ["left", "right"]
    brigade = next(r for r in groups["wording"] if r["key"] == "Kestrel Brigade")
    assert brigade["differs"] and any("resistance" in w for w in brigade["cells"][1])
    assert data["stories"][0]["id"] == attack  # the ledger itself is unchanged


def test_blindspots_page_and_api(live) -> None:
    _, ferry = ids(live)
    with live.client() as client:
        found = client.get("/api/blindspots", params={"by": "lean"}).json()["blindspots"]
        page = client.get("/blindspots", params={"by": "lean"})
    assert found[0]["story"] == ferry and found[0]["counts"] == {"left": 2}
    assert page.text.count('class="blindspot"') == len(found)


def test_export_streams_csv_jsonl_parquet_with_paging(live) -> None:
    with live.client() as client:
        full = client.get("/api/export", params={"kind": "facts"})
        assert full.status_code == 200 and full.headers["content-type"].startswith("text/csv")
        rows = list(csv.DictReader(io.StringIO(full.text)))
        paged = client.get(
            "/api/export", params={"kind": "facts", "format": "jsonl", "limit": 5, "offset": 3}
        )
        page = [json.loads(line) for line in paged.text.splitlines()]
        parquet = client.get("/api/export", params={"kind": "facts", "format": "parquet"})
        left = client.get("/api/export", params={"kind": "facts", "collection": "lean=left"})
        bad = client.get("/api/export", params={"kind": "facts", "collection": "lean"})
    assert [r["item"] for r in page] == [r["item"] for r in rows[3:8]]
    table = pq.read_table(io.BytesIO(parquet.content)).to_pylist()
    assert [r["item"] for r in table] == [r["item"] for r in rows]
    lefts = list(csv.DictReader(io.StringIO(left.text)))
    assert lefts and {r["tag_lean"] for r in lefts} == {"left"}
    assert len(lefts) == sum(1 for r in rows if r["tag_lean"] == "left")
    assert bad.status_code == 422 and "TAG=VALUE" in bad.json()["detail"]


def test_followed_story_feed_gains_an_entry_for_a_new_figure(live) -> None:
    attack, _ = ids(live)
    with live.client() as client:
        missing = client.get(f"/feeds/story/{attack}.atom")
        assert missing.status_code == 404  # not followed yet
        followed = client.post(f"/stories/{attack}/follow", follow_redirects=False)
        assert followed.status_code == 303
        assert "Atom feed of its changes" in client.get(f"/stories/{attack}").text
        before = feedparser.parse(client.get(f"/feeds/story/{attack}.atom").content)
        assert not before.bozo and before.version == "atom10" and before.entries == []
        record = json.loads(LATE.read_text(encoding="utf-8"))
        added = client.post("/api/articles", json={"articles": [record]})
        assert added.status_code == 201, added.text
        response = client.get(f"/feeds/story/{attack}.atom")
        assert response.headers["content-type"].startswith("application/atom+xml")
        after = feedparser.parse(response.content)
    assert not after.bozo and after.version == "atom10"
    titles = [e.title for e in after.entries]
    assert any(t.startswith("New figure: remain (soldiers)") for t in titles)
    assert any(t.startswith("Changed figure: kill (soldiers)") for t in titles)
