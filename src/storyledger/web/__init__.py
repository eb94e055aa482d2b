"""The web app and JSON API (FastAPI), served by `storyledger serve`."""

from __future__ import annotations


def serve(db: str, host: str = "127.0.0.1", port: int = 8000, token: str | None = None) -> None:
    import uvicorn

    from storyledger.web.app import create_app

    uvicorn.run(create_app(db, token=token, host=host), host=host, port=port, log_level="info")
