"""Submissions in every form a reader takes, over real HTTP: dates at their precision, an
unreadable date a warning (the article is stored), tables and compressed uploads."""

from __future__ import annotations

import gzip
import json

from ..ingest.invented import BRIDGE, FERRY, LIBRARY, MARKET, ORCHARD


def _stored(live, article_id: str):
    from storyledger.store import Store

    with Store(live.db, readonly=True) as store:
        return store.get_article(article_id)


def test_dates_in_any_form_are_stored_and_an_unreadable_one_warns(server_factory):
    live = server_factory()
    body = {
        "articles": [
            {"id": "rfc", "text": FERRY, "published": "Wed, 22 Nov 2023 10:00:00 GMT"},
            {"id": "month", "text": ORCHARD, "published": "2023-11"},
            {"id": "odd", "text": LIBRARY, "published": "soon-ish"},
        ]
    }
    with live.client() as client:
        response = client.post("/api/articles", json=body)
    assert response.status_code == 201, response.text
    data = response.json()
    assert sorted(data["added"]) == ["month", "odd", "rfc"] and data["problems"] == []
    assert data["warnings"] == [
        {"source": "articles[3]", "reason": "unreadable publication date 'soon-ish'; kept undated"}
    ]
    assert [_stored(live, i).published for i in ("rfc", "month", "odd")] == [
        "2023-11-22",
        "2023-11",
        None,
    ]


def test_a_csv_and_a_gzipped_jsonl_upload(server_factory):
    live = server_factory()
    table = "title,content,source\n" + "\n".join(
        f"{title},{json.dumps(text)},Hollin Herald"
        for title, text in (("Bridge shut", BRIDGE), ("Market charges", MARKET))
    )
    packed = gzip.compress(json.dumps({"id": "ferry", "text": FERRY}).encode())
    files = [("files", ("rows.csv", table.encode())), ("files", ("more.jsonl.gz", packed))]
    with live.client() as client:
        response = client.post("/api/articles/upload", files=files)
    assert response.status_code == 201, response.text
    assert sorted(response.json()["added"]) == ["ferry", "rows-2", "rows-3"]
    assert _stored(live, "rows-2").title == "Bridge shut"
    assert _stored(live, "rows-3").outlet == "Hollin Herald"
