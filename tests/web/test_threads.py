"""Threads in the web app, against a real server on loopback: the thread page, related events
on story pages, `/api/threads`, and cached pages following a thread as it grows.

The invented releases (tests/data/releases) arrive day by day, as a feed delivers them: two
releases a day apart, two events of one thread.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import TypeAdapter

from storyledger.model import Ledger, Thread

RELEASES = Path(__file__).resolve().parents[1] / "data" / "releases"
DAY_ONE = ("harbor-ledger-1.txt", "meridian-post-1.txt")
DAY_TWO = ("harbor-ledger-2.txt", "plains-gazette-2.txt")
TITLE_ONE = "Tarsen Front frees two foreign aid workers at Kalvar crossing"
TITLE_TWO = "Two elderly women released by Tarsen Front a day after aid workers"


def upload(client, names: tuple[str, ...]) -> str:
    """Upload the files; the one story they make."""
    files = [("files", (n, (RELEASES / n).read_bytes())) for n in names]
    response = client.post("/api/articles/upload", files=files)
    assert response.status_code == 201, response.text
    (story,) = set(response.json()["story_of"].values())
    return story


def test_thread_pages_and_api_follow_the_thread_as_it_grows(server_factory) -> None:
    live = server_factory()
    with live.client() as client:
        first = upload(client, DAY_ONE)
        page = client.get(f"/stories/{first}")
        assert page.status_code == 200
        assert "No other event of this story" in page.text
        assert client.get(f"/stories/{first}").headers["x-cache"] == "hit"

        second = upload(client, DAY_TWO)
        assert second != first
        # the first story's page did not change its articles, but its thread did
        page = client.get(f"/stories/{first}")
        assert page.headers["x-cache"] == "miss"
        assert TITLE_TWO in page.text and f'href="/stories/{second}"' in page.text

        listing = client.get("/api/threads").json()
        assert listing["total"] == 1
        (summary,) = listing["threads"]
        assert (summary["n_events"], summary["n_articles"]) == (2, 4)
        thread_id = summary["id"]
        assert client.get("/api/threads", params={"min_events": 3}).json()["total"] == 0

        answer = client.get(f"/api/threads/{thread_id}")
        assert answer.status_code == 200
        thread = TypeAdapter(Thread).validate_python(answer.json())
        assert [e.id for e in thread.events] == [first, second]
        assert [e.title for e in thread.events] == [TITLE_ONE, TITLE_TWO]
        assert thread.outlets == ["Meridian Post", "Plains Gazette", "The Harbor Ledger"]

        html = client.get(f"/threads/{thread_id}").text
        assert html.index(TITLE_ONE) < html.index(TITLE_TWO)  # events in date order
        assert "How the figures moved" in html
        for figure in thread.figures:
            assert figure.label in html
        assert f'href="/stories/{first}"' in html and f'href="/stories/{second}"' in html

        story = client.get(f"/stories/{second}").text
        assert 'id="related"' in story and TITLE_ONE in story
        assert f'href="/threads/{thread_id}"' in story

        ledger = TypeAdapter(Ledger).validate_python(client.get(f"/api/stories/{second}").json())
        assert [t.id for t in ledger.threads] == [thread_id]
        assert [e.id for e in ledger.threads[0].events] == [first, second]
        export = client.get(f"/stories/{second}/export.json").json()
        assert export["threads"][0]["id"] == thread_id

        listed = client.get("/threads").text
        assert f'href="/threads/{thread_id}"' in listed and TITLE_ONE in listed


def test_unknown_thread_is_a_404_page_and_a_json_404(server_factory) -> None:
    live = server_factory()
    with live.client() as client:
        page = client.get("/threads/t-nothing", headers={"accept": "text/html"})
        assert page.status_code == 404 and "no thread" in page.text
        api = client.get("/api/threads/t-nothing")
        assert api.status_code == 404
        assert api.json()["detail"] == "no thread 't-nothing' in the store"
        assert client.get("/api/threads", params={"limit": 0}).status_code == 422
        empty = client.get("/threads")
        assert empty.status_code == 200 and "No thread links" in empty.text
