"""Who may write, how much, and what a bad upload does to the store: over real HTTP."""

from __future__ import annotations

import json

import pytest

from storyledger.web.access import is_loopback

SHORT = {"articles": [{"text": "too short"}]}  # passes the write check, then fails reading


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.8.9.10", True),
        ("::1", True),
        ("[::1]", True),
        ("localhost", True),
        ("0.0.0.0", False),
        ("::", False),
        ("192.168.1.20", False),
        ("example.org", False),
        ("", False),
    ],
)
def test_loopback_addresses(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_writes_refused_beyond_loopback_without_token(server_factory) -> None:
    live = server_factory(host="0.0.0.0")
    with live.client() as client:
        response = client.post("/api/articles", json=SHORT)
        assert response.status_code == 403
        assert "without a token" in response.json()["detail"]
        page = client.get("/add", headers={"accept": "text/html"})
        assert "Adding articles is disabled" in page.text
        assert client.get("/api/stories").status_code == 200  # reads stay open


def test_token_needed_when_configured(server_factory) -> None:
    live = server_factory(host="0.0.0.0", token="s3cret-token")
    with live.client() as client:
        assert client.post("/api/articles", json=SHORT).status_code == 401
        wrong = {"authorization": "Bearer nope"}
        assert client.post("/api/articles", json=SHORT, headers=wrong).status_code == 403
        right = {"authorization": "Bearer s3cret-token"}
        response = client.post("/api/articles", json=SHORT, headers=right)
        assert response.status_code == 422  # allowed in, then refused as not an article
        assert response.json()["problems"][0]["reason"] == "too short to be an article"
        form = client.post(
            "/add/text",
            data={"text": "too short", "token": "s3cret-token"},
            headers={"accept": "text/html"},
        )
        assert form.status_code == 422 and "too short to be an article" in form.text
        form = client.post("/add/text", data={"text": "too short", "token": "bad"})
        assert form.status_code == 403
    assert live.count_articles() == 0


def test_loopback_server_refuses_foreign_host_and_cross_site_posts(server_factory) -> None:
    live = server_factory()
    with live.client() as client:
        assert client.get("/", headers={"host": "attacker.example"}).status_code == 421
        cross = client.post(
            "/api/articles", json=SHORT, headers={"origin": "https://attacker.example"}
        )
        assert cross.status_code == 403
        sandboxed = client.post("/api/articles", json=SHORT, headers={"origin": "null"})
        assert sandboxed.status_code == 403
        same = client.post("/api/articles", json=SHORT, headers={"origin": live.url})
        assert same.status_code == 422


def test_pages_carry_a_strict_content_security_policy(server_factory) -> None:
    live = server_factory()
    with live.client() as client:
        for path in ("/", "/add", "/search?q=x", "/api/stories", "/nowhere"):
            csp = client.get(path).headers["content-security-policy"]
            assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("style")[0]
            assert "default-src 'none'" in csp


def test_oversized_upload_is_refused_with_413(server_factory) -> None:
    live = server_factory()
    big = b"The minister said the talks went on. " * 150_000  # about 5.6 MB
    with live.client() as client:
        response = client.post("/api/articles/upload", files=[("files", ("big.txt", big))])
        assert response.status_code == 413
        assert "5 MB" in response.json()["detail"]
        page = client.post(
            "/add/upload",
            files=[("files", ("big.txt", big))],
            headers={"accept": "text/html"},
        )
        assert page.status_code == 413 and "upload too large" in page.text

        def chunks():  # no Content-Length: the cap applies while streaming
            for _ in range(60):
                yield b"x" * 100_000

        streamed = client.post(
            "/api/articles",
            content=chunks(),
            headers={"content-type": "application/json"},
        )
        assert streamed.status_code == 413
    assert live.count_articles() == 0


def test_malformed_uploads_change_nothing_and_list_each_problem(server_factory) -> None:
    live = server_factory()
    good = {
        "text": "The harbour authority said on Tuesday that the ferry service would resume "
        "next week after repairs to the pier, and officials expected more travellers.",
        "title": "Ferry service to resume",
        "outlet": "Harbour Gazette",
        "published": "2024-03-05",
    }
    jsonl = "\n".join(
        [json.dumps(good), "{not json", json.dumps({"title": "no text"}), ""]
    ).encode()
    with live.client() as client:
        response = client.post(
            "/api/articles/upload",
            files=[
                ("files", ("batch.jsonl", jsonl)),
                ("files", ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))),
                ("files", ("notes.pdf", b"%PDF-1.4")),
            ],
        )
        assert response.status_code == 422
        problems = {(p["source"], p["reason"]) for p in response.json()["problems"]}
        assert any(s == "batch.jsonl:2" and "malformed JSON" in r for s, r in problems)
        assert any(s == "batch.jsonl:3" and "text" in r for s, r in problems)
        assert any(s == "photo.txt" and "binary" in r for s, r in problems)
        assert any(s == "notes.pdf" and "unsupported" in r for s, r in problems)
        assert response.json()["added"] == []
        page = client.post(
            "/add/upload",
            files=[("files", ("batch.jsonl", jsonl))],
            headers={"accept": "text/html"},
        )
        assert page.status_code == 422
        assert "Nothing was added" in page.text and "batch.jsonl:2" in page.text
    assert live.count_articles() == 0  # the good first line was not half-written


def test_api_validates_parameters(server_factory) -> None:
    live = server_factory()
    with live.client() as client:
        assert client.get("/api/stories", params={"date_from": "yesterday"}).status_code == 422
        assert client.get("/api/stories", params={"limit": 0}).status_code == 422
        assert client.get("/api/search").status_code == 422
        missing = client.get("/api/stories/no-such-story")
        assert missing.status_code == 404 and "no-such-story" in missing.json()["detail"]
        assert client.get("/api/articles/nope").status_code == 404
        listing = client.get("/api/stories").json()
        assert listing == {"total": 0, "limit": 50, "offset": 0, "stories": []}
        schema = client.get("/openapi.json").json()
        assert {
            "/api/stories",
            "/api/stories/{story_id}",
            "/api/articles/{article_id}",
            "/api/search",
            "/api/articles",
        } <= set(schema["paths"])
        assert "post" in schema["paths"]["/api/articles"]
