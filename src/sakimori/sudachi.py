"""One Sudachi dictionary per process, one tokenizer per thread.

SudachiPy's tokenizer keeps mutable state behind a Rust RefCell: two threads tokenizing with the same object fail
with "RuntimeError: Already borrowed" (seen when the server ran checks in worker threads). The dictionary itself
is shared; each thread gets its own tokenizer on first use.
"""

from __future__ import annotations

import threading
from functools import cache
from typing import Any

__all__ = ["dictionary", "tokenizer"]

_local = threading.local()
_lock = threading.Lock()


@cache
def dictionary() -> Any:
    from sudachipy import dictionary as sudachi_dictionary

    return sudachi_dictionary.Dictionary(dict="core")


def tokenizer() -> Any:
    """This thread's tokenizer (created on first use)."""
    tok = getattr(_local, "tokenizer", None)
    if tok is None:
        with _lock:  # Dictionary.create is cheap, but the first dictionary() load must happen once
            tok = dictionary().create()
        _local.tokenizer = tok
    return tok
