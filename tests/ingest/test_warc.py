"""Web archives: HTML responses become articles; everything else in the crawl is passed over."""

from __future__ import annotations

import gzip

import httpx

from storyledger.errors import InputError
from storyledger.ingest import read_inputs
from storyledger.ingest.warc import iter_warc, warc_article_id
from storyledger.model import RawArticle

from ..scale.invented import LocalServer, Route, page_for, warc_record, warcinfo_record


def _crawl(tmp_path, server: LocalServer) -> tuple[str, list[str]]:
    """Fetch project-made pages from the loopback server and archive the responses."""
    uris = [server.url(f"/news/{i}.html") for i in range(3)]
    records = [warcinfo_record()]
    with httpx.Client() as client:
        for uri in uris:
            response = client.get(uri)
            records.append(warc_record(uri, response.content, response.headers["content-type"]))
    records.append(warc_record(server.url("/logo.png"), b"\x89PNG\r\n", "image/png"))
    records.append(warc_record(server.url("/old"), b"", status="301 Moved Permanently"))
    records.append(warc_record(server.url("/empty.html"), b"<html><body></body></html>"))
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(b"".join(records))
    return str(path), uris


def test_warc_response_records_become_articles(tmp_path):
    server = LocalServer(
        {f"/news/{i}.html": Route(page_for(i, site="Valley Post").encode()) for i in range(3)}
    ).start()
    try:
        path, uris = _crawl(tmp_path, server)
    finally:
        server.stop()
    items = list(iter_warc(path))
    articles = [a for a in items if isinstance(a, RawArticle)]
    errors = [e for e in items if isinstance(e, InputError)]
    assert [a.url for a in articles] == uris
    assert [a.id for a in articles] == [warc_article_id(u, None) for u in uris]
    first = articles[0]
    assert first.outlet == "Valley Post"
    assert first.published == "2025-01-10"  # from the page's own metadata
    assert "spokesperson for the Marlow Bay flood office" in first.text
    assert first.title and first.title.startswith("Flood in Marlow Bay")
    assert first.path == path
    # the empty page is named as a problem; the image and the redirect are not articles at all
    assert len(errors) == 1 and "empty.html" in errors[0].source


def test_undated_page_stays_undated_whatever_the_crawl_date(tmp_path):
    page = page_for(4, dated=False).encode()
    path = tmp_path / "one.warc"  # uncompressed
    path.write_bytes(gzip.decompress(warc_record("http://127.0.0.1/undated", page)))
    (article,) = list(iter_warc(path))
    assert isinstance(article, RawArticle)
    assert article.published is None


def test_warc_files_are_read_by_the_ordinary_readers(tmp_path):
    path = tmp_path / "a.warc.gz"
    path.write_bytes(
        warc_record("http://127.0.0.1/a", page_for(1).encode())
        + warc_record("http://127.0.0.1/b", page_for(2).encode())
    )
    raws, problems = read_inputs([str(tmp_path)])
    assert problems == []
    assert [r.url for r in raws] == ["http://127.0.0.1/a", "http://127.0.0.1/b"]


def test_truncated_warc_keeps_what_it_read_and_names_the_file(tmp_path):
    good = warc_record("http://127.0.0.1/a", page_for(1).encode())
    second = warc_record("http://127.0.0.1/b", page_for(2).encode())
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(good + second[: len(second) // 2])
    first, cut = list(iter_warc(path))
    assert isinstance(first, RawArticle) and first.url == "http://127.0.0.1/a"
    assert isinstance(cut, InputError) and cut.source.startswith(str(path))


def test_garbage_between_records_is_a_problem_not_a_crash(tmp_path):
    good = warc_record("http://127.0.0.1/a", page_for(1).encode())
    path = tmp_path / "bad.warc.gz"
    path.write_bytes(good + b"this is not a WARC record\n" * 5 + good)
    first, bad = list(iter_warc(path))
    assert isinstance(first, RawArticle)
    assert isinstance(bad, InputError) and bad.source == str(path)
    assert "broken WARC" in bad.reason
