"""The web app and JSON API (FastAPI), served by `storyledger serve`."""

from __future__ import annotations


def serve(
    db: str,
    host: str = "127.0.0.1",
    port: int = 8000,
    token: str | None = None,
    allow_private_feeds: bool = False,
) -> None:
    import uvicorn

    from storyledger.web.app import create_app

    # Keep idle connections longer than uvicorn's 5 s default: a client reusing a connection
    # the server has just closed sees a reset, which busy readers hit under load.
    uvicorn.run(
        create_app(db, token=token, host=host, allow_private_feeds=allow_private_feeds),
        host=host,
        port=port,
        log_level="info",
        timeout_keep_alive=30,
    )
