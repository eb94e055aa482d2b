"""The one rule for errors (web/errors.py): a page for a person's page request, JSON for
everything else, and every storyledger error class answering its own `http_status`, over a
real server on loopback. A new error class without an entry here fails the first test."""

from __future__ import annotations

import pytest

from storyledger import errors
from storyledger.errors import StoryledgerError
from storyledger.web.errors import wants_page

from .conftest import start_server

HTML = {"accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8"}  # what a browser sends
ANY = {"accept": "*/*"}  # what curl and most API clients send

# One instance of each class, as the library raises it (constructors differ).
SAMPLES: dict[type[StoryledgerError], StoryledgerError] = {
    errors.StoryledgerError: errors.StoryledgerError("something failed"),
    errors.InputError: errors.InputError("notes.txt", "not UTF-8 text"),
    errors.StoreError: errors.StoreError("the store stayed busy"),
    errors.NotFoundError: errors.NotFoundError("no story 's-none' in the store"),
    errors.ModelError: errors.ModelError("the spaCy model is not installed"),
    errors.EvalDataError: errors.EvalDataError("corpus missing"),
    errors.BelowFloorError: errors.BelowFloorError("1 figure(s) below their recorded floor"),
    errors.FetchError: errors.FetchError("http://feed.invalid/", "answered 404"),
    errors.TransientFetchError: errors.TransientFetchError("http://feed.invalid/", "timed out"),
    errors.BlockedAddressError: errors.BlockedAddressError("http://10.1.2.3/", "private address"),
    errors.TooLargeError: errors.TooLargeError("http://feed.invalid/big", "over 5 MB"),
    errors.UsageError: errors.UsageError("unknown export kind 'gossip'"),
    errors.WriteRefused: errors.WriteRefused("a token is needed to add articles", 401),
    errors.MissingExtraError: errors.MissingExtraError("place_penalty > 0", "places"),
}


def _all_classes(base: type) -> set[type]:
    found = set()
    for sub in base.__subclasses__():
        if sub.__module__ == errors.__name__:
            found |= {sub, *_all_classes(sub)}
    return found


def _raiser(error: StoryledgerError):
    def boom() -> None:
        raise error

    return boom


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory):
    """The real app, with a page route and an API route raising each error class."""
    from storyledger.web.app import create_app

    db = str(tmp_path_factory.mktemp("rule") / "web.db")
    app = create_app(db, warm=False)
    for cls, error in SAMPLES.items():
        app.add_api_route(f"/api/rule/{cls.__name__}", _raiser(error), methods=["GET"])
        app.add_api_route(f"/rule/{cls.__name__}", _raiser(error), methods=["GET"])
    server = start_server(db, app=app)
    yield server
    server.stop()


def test_every_error_class_has_a_sample() -> None:
    assert _all_classes(StoryledgerError) | {StoryledgerError} == set(SAMPLES)


@pytest.mark.parametrize("cls", list(SAMPLES), ids=lambda c: c.__name__)
def test_each_class_answers_its_status_as_a_page_or_as_json(live, cls) -> None:
    error = SAMPLES[cls]
    status = error.http_status
    with live.client() as client:
        page = client.get(f"/rule/{cls.__name__}", headers=HTML)
        assert page.status_code == status
        assert page.headers["content-type"].startswith("text/html")
        assert "Back to the stories" in page.text  # the app's error page, not a bare body
        for headers in (HTML, ANY):  # the API answers JSON even to a browser
            api = client.get(f"/api/rule/{cls.__name__}", headers=headers)
            assert api.status_code == status
            assert api.json() == {"detail": str(error), "problems": []}
        machine = client.get(f"/rule/{cls.__name__}", headers=ANY)
        assert machine.status_code == status
        assert machine.json()["detail"] == str(error)


def test_known_causes_are_never_a_500() -> None:
    assert errors.ModelError.http_status == 503
    assert errors.InputError.http_status == errors.UsageError.http_status == 422
    assert errors.WriteRefused("wrong token").http_status == 403
    assert {c for c, e in SAMPLES.items() if e.http_status >= 500} <= {
        errors.StoryledgerError,
        errors.StoreError,
        errors.ModelError,
        errors.EvalDataError,
        errors.BelowFloorError,
        errors.TransientFetchError,
    }


def test_http_and_validation_errors_follow_the_same_rule(live) -> None:
    with live.client() as client:
        missing = client.get("/nowhere", headers=HTML)
        assert missing.status_code == 404 and "text/html" in missing.headers["content-type"]
        assert client.get("/nowhere", headers=ANY).json()["detail"] == "Not Found"
        invalid = client.get("/", params={"page": 0}, headers=HTML)
        assert invalid.status_code == 422 and "Invalid request" in invalid.text
        as_json = client.get("/", params={"page": 0}, headers=ANY)
        assert as_json.status_code == 422
        assert as_json.json()["problems"][0]["source"] == "query.page"
        api = client.get("/api/stories", params={"limit": 0}, headers=HTML)
        assert api.status_code == 422 and api.json()["detail"] == "invalid request"
        export = client.get("/stories/s-none/export.csv", headers=HTML)  # an export: JSON
        assert export.status_code == 404 and "s-none" in export.json()["detail"]
        write = client.post("/api/articles", json={"articles": []}, headers=HTML)
        assert write.status_code == 422 and write.json()["added"] == []  # a write's shape


def test_an_oversized_body_follows_the_rule_before_the_app(live) -> None:
    big = b"x" * (5 * 1024 * 1024 + 1)
    with live.client() as client:
        page = client.post("/add/upload", files=[("files", ("a.txt", big))], headers=HTML)
        assert page.status_code == 413 and "text/html" in page.headers["content-type"]
        api = client.post("/api/articles/upload", files=[("files", ("a.txt", big))], headers=HTML)
        assert api.status_code == 413 and "5 MB" in api.json()["detail"]


@pytest.mark.parametrize(
    ("path", "accept", "page"),
    [
        ("/stories/s-1", "text/html", True),
        ("/stories/s-1", "*/*", False),
        ("/stories/s-1", "", False),
        ("/api/stories/s-1", "text/html", False),
        ("/feeds/story/s-1.atom", "text/html", False),
        ("/stories/s-1/export.html", "text/html", False),
        ("/outlets.csv", "text/html", False),
        ("/add/upload", "text/html,*/*", True),
    ],
)
def test_the_rule_itself(path: str, accept: str, page: bool) -> None:
    assert wants_page(path, accept) is page
