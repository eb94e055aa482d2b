"""An upload under the web limit never answers 5xx: an article the pipeline cannot take is a
named problem (or is processed whole), and the other articles of the upload are stored."""

from __future__ import annotations

from ..scale.invented import invented_article

NORMAL = (
    "The harbour board of Kestrel Point voted on Monday to rebuild the north pier, which was "
    "closed in March after a storm cracked two of its pillars. The repairs will cost about "
    "4 million dollars and take eight months, the board said. Marta Lind, who chairs the "
    'board, said: "We cannot wait another winter with the pier shut."'
)


def _long_article(chars: int) -> str:
    """An invented report of `chars` characters or more, in paragraphs (over spaCy's
    1,000,000-character limit for one text)."""
    paragraphs: list[str] = []
    size = 0
    i = 0
    while size < chars:
        text = invented_article(i)["text"]
        paragraphs.append(text)
        size += len(text) + 2
        i += 1
    return "\n\n".join(paragraphs)


def test_an_over_long_article_does_not_sink_the_upload(server_factory) -> None:
    long_text = _long_article(1_200_000)
    assert 1_200_000 <= len(long_text) < 5 * 1024 * 1024  # over spaCy's limit, under the web's
    live = server_factory()
    files = [
        ("files", ("long.txt", long_text.encode(), "text/plain")),
        ("files", ("normal.txt", NORMAL.encode(), "text/plain")),
    ]
    with live.client() as client:
        response = client.post("/api/articles/upload", files=files, timeout=900)
        assert response.status_code < 500, response.text
        body = response.json()
        assert "normal" in body["added"], body
        named = [p for p in body["problems"] if p["source"] == "long.txt"]
        assert "long" in body["added"] or (named and named[0]["reason"]), body
        stored = client.get("/api/articles/normal")
        assert stored.status_code == 200
        assert stored.json()["article"]["text"] == NORMAL
