"""The guard server (optional extra `server`: FastAPI, uvicorn, httpx). Import cost is paid only by `serve`."""

from sakimori.server.config import ServerConfig

__all__ = ["ServerConfig", "create_app"]


def create_app(config: ServerConfig):  # type: ignore[no-untyped-def]
    from sakimori.server.app import create_app as _create_app

    return _create_app(config)
