"""An upload under the web's size limit never answers 5xx: an article over the extraction
cap is named and, as for any bad input in a submission, nothing is stored."""

from __future__ import annotations

from storyledger.nlp.chunks import MAX_CHARS

from ..scale.invented import invented_article


def test_an_article_over_the_cap_in_an_upload_is_a_named_problem(server_factory):
    live = server_factory()
    paragraphs, size, i = [], 0, 0
    while size <= MAX_CHARS:
        paragraphs.append(invented_article(i)["text"])
        size += len(paragraphs[-1]) + 2
        i += 1
    long = "\n\n".join(paragraphs).encode()
    assert MAX_CHARS < len(long) < 5 * 1024 * 1024  # under the upload limit
    short = invented_article(1)["text"].encode()
    with live.client() as client:
        response = client.post(
            "/api/articles/upload",
            files=[("files", ("long.txt", long)), ("files", ("short.txt", short))],
        )
    assert response.status_code == 422, response.text
    (problem,) = response.json()["problems"]
    assert problem["source"] == "long.txt"
    assert problem["reason"].startswith("too long to extract")
    assert live.count_articles() == 0
