"""What `sakimori serve` was started with. Plain data: the app factory reads it, tests build it directly."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["ServerConfig"]


@dataclass(frozen=True)
class ServerConfig:
    upstream: str
    """Base URL of the OpenAI-compatible model server, e.g. http://127.0.0.1:8000/v1 (vLLM, Ollama, llama.cpp)."""
    policy: str | Path | dict[str, Any] | None = None
    upstream_api_key: str | None = None
    upstream_timeout: float = 60.0
    """Seconds to wait for the upstream to connect, and between two pieces of its answer."""
    request_timeout: float = 120.0
    """Seconds a whole non-streaming request may take (upstream and checks); streams: the whole stream."""
    max_body_bytes: int = 1_000_000
    key_hashes: frozenset[str] = frozenset()
    audit: str | None = "sakimori-audit.sqlite3"
    """SQLite file, postgresql:// URL, or None for no audit log."""
    audit_text: bool = False
    """Store the checked texts in the audit log (they may contain personal data)."""
    stream_window: int = 64
    stream_check_every: int = 32
