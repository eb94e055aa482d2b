"""A real uvicorn server on loopback over a temporary store, and real headless Chromium."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

# The web extra (pip install storyledger[web]); without it these tests are skipped, named.
pytest.importorskip("fastapi")
pytest.importorskip("uvicorn")

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-output" / "screenshots"
CHROMIUM = os.environ.get("STORYLEDGER_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class LiveServer:
    url: str
    db: str
    server: object
    thread: threading.Thread

    def client(self, **kwargs: object) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=120, **kwargs)

    def count_articles(self) -> int:
        from storyledger.store import Store

        with Store(self.db, readonly=True) as store:
            return store.count_articles()

    def stop(self) -> None:
        self.server.should_exit = True  # type: ignore[attr-defined]
        self.thread.join(timeout=10)


def start_server(
    db: str,
    host: str = "127.0.0.1",
    token: str | None = None,
    allow_private_feeds: bool = False,
    app: object | None = None,
) -> LiveServer:
    """Serve `create_app(db, token, host)` on 127.0.0.1 (the policy follows `host`).

    `allow_private_feeds` is `serve --allow-private-feeds`: tests whose feeds are served on
    loopback turn it on. `app` serves an app the test built itself instead."""
    import uvicorn

    from storyledger.web.app import create_app

    port = free_port()
    config = uvicorn.Config(
        app
        or create_app(
            db, token=token, host=host, warm=False, allow_private_feeds=allow_private_feeds
        ),
        host="127.0.0.1",
        port=port,
        log_level="warning",
        timeout_keep_alive=30,
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    return LiveServer(f"http://127.0.0.1:{port}", db, server, thread)


@pytest.fixture
def server_factory(tmp_path: Path) -> Iterator[Callable[..., LiveServer]]:
    started: list[LiveServer] = []

    def make(
        host: str = "127.0.0.1",
        token: str | None = None,
        name: str = "web.db",
        allow_private_feeds: bool = False,
    ) -> LiveServer:
        live = start_server(
            str(tmp_path / name), host=host, token=token, allow_private_feeds=allow_private_feeds
        )
        started.append(live)
        return live

    yield make
    for live in started:
        live.stop()


@pytest.fixture(scope="module")
def module_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    live = start_server(str(tmp_path_factory.mktemp("web") / "web.db"))
    yield live
    live.stop()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is not installed (scripts/system-deps.sh installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1360, "height": 900}, device_scale_factor=1)
    page = context.new_page()
    page.set_default_timeout(60_000)
    yield page
    context.close()


def screenshot(page, name: str, full_page: bool = True) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path
