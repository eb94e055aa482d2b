"""Cached pages never hide a change: not ours, not another process's writing the same store."""

from __future__ import annotations

from storyledger import api
from storyledger.store import Store
from storyledger.web.intake import from_record

FERRY = {
    "text": "The harbour authority of Kestrel Bay said on Tuesday that the ferry to the island "
    "would run again from next week, after repairs to the pier that cost about 2 million "
    "euros. More than 300 islanders had signed a letter asking for the service, the mayor said.",
    "title": "Kestrel Bay ferry to run again",
    "outlet": "Island Post",
    "published": "2024-04-02",
}
FERRY_LATER = {
    "text": "The Kestrel Bay ferry to the island ran again on Monday after repairs to the pier, "
    "the harbour authority said, adding that the works had cost about 2.4 million euros. "
    "Some 350 islanders had asked for the ferry service to return, according to the mayor.",
    "title": "Kestrel Bay ferry runs again",
    "outlet": "Harbour Gazette",
    "published": "2024-04-09",
}


def test_pages_follow_writes_from_this_server_and_from_elsewhere(server_factory) -> None:
    live = server_factory()
    with live.client() as client:
        empty = client.get("/api/stories")
        assert client.get("/api/stories").headers["x-cache"] == "hit"
        assert empty.json()["total"] == 0
        added = client.post("/api/articles", json={"articles": [FERRY]})
        assert added.status_code == 201, added.text
        story_id = added.json()["stories"][0]
        listing = client.get("/api/stories")
        assert listing.headers["x-cache"] == "miss" and listing.json()["total"] == 1
        page = client.get(f"/stories/{story_id}")
        assert "Island Post" in page.text
        assert client.get(f"/stories/{story_id}").headers["x-cache"] == "hit"

        # another process (`storyledger ingest`, `watch`) writes to the same store
        with Store(live.db) as store:
            result = api.ingest(None, store, raws=[from_record(FERRY_LATER, "later")])
        assert result.added
        joined = result.stories[0] == story_id
        listing = client.get("/api/stories").json()
        assert sum(s["n_articles"] for s in listing["stories"]) == 2
        page = client.get(f"/stories/{result.stories[0]}")
        assert page.headers["x-cache"] == "miss" and "Harbour Gazette" in page.text
        if joined:  # the story page shows both outlets side by side
            assert "Island Post" in page.text
