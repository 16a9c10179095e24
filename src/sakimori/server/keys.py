"""API keys for the server: only SHA-256 hashes are kept in memory, compared in constant time.

Keys come from a file (one per line: a plain key, or `sha256:<hex>` so the file itself holds no secret; `#`
comments) and/or the environment variable SAKIMORI_API_KEYS (comma-separated). No keys configured means no
authentication, which `sakimori serve` only allows on a loopback address unless told otherwise.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from pathlib import Path

from sakimori.errors import PolicyError

__all__ = ["hash_key", "key_matches", "load_key_hashes"]

ENV_VAR = "SAKIMORI_API_KEYS"


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def load_key_hashes(path: str | Path | None = None, environ: dict[str, str] | None = None) -> frozenset[str]:
    hashes: set[str] = set()
    if path is not None:
        try:
            lines = Path(path).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise PolicyError(f"cannot read API key file {path}: {exc}") from None
        for number, raw in enumerate(lines, 1):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            if line.startswith("sha256:"):
                digest = line.removeprefix("sha256:").lower()
                if len(digest) != 64 or any(c not in "0123456789abcdef" for c in digest):
                    raise PolicyError(f"{path}:{number}: sha256: must be followed by 64 hex digits")
                hashes.add(digest)
            else:
                hashes.add(hash_key(line))
    env = os.environ if environ is None else environ
    hashes.update(hash_key(k.strip()) for k in env.get(ENV_VAR, "").split(",") if k.strip())
    return frozenset(hashes)


def key_matches(authorization: str | None, hashes: frozenset[str]) -> bool:
    """True when the `Authorization: Bearer <key>` header carries one of the keys."""
    if not authorization:
        return False
    scheme, _, key = authorization.partition(" ")
    if scheme.lower() != "bearer" or not key.strip():
        return False
    digest = hash_key(key.strip())
    found = False
    for known in hashes:  # no early exit: the time does not tell which key matched
        found |= hmac.compare_digest(digest, known)
    return found
