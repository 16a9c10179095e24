from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("uvicorn")

from tests.server.upstream import ServerThread, create_upstream

from sakimori.server import ServerConfig, create_app

POLICY: dict[str, Any] = {
    "detectors": ["wordlist", "pii"],
    "categories": {"default": {"threshold": 0.5, "action": "block"}, "S11": {"action": "safe_answer"}},
    "pii": {"mode": "pseudonym"},
}


@pytest.fixture(scope="module")
def upstream() -> Iterator[Any]:
    app = create_upstream()
    with ServerThread(app) as server:
        server.app = app  # type: ignore[attr-defined]
        yield server


def start(upstream: Any, tmp: Path, **overrides: Any) -> ServerThread:
    config = ServerConfig(
        upstream=f"{upstream.url}/v1",
        policy=overrides.pop("policy", POLICY),
        audit=str(tmp / "audit.sqlite3"),
        upstream_timeout=overrides.pop("upstream_timeout", 1.0),
        **overrides,
    )
    app = create_app(config)
    server = ServerThread(app)
    server.app = app  # type: ignore[attr-defined]
    return server


@pytest.fixture(scope="module")
def guard_server(upstream: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    with start(upstream, tmp_path_factory.mktemp("guard")) as server:
        yield server


@pytest.fixture
def client(guard_server: Any) -> Any:
    openai = pytest.importorskip("openai")
    return openai.OpenAI(base_url=f"{guard_server.url}/v1", api_key="unused", max_retries=0, timeout=30)
