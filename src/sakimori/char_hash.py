"""Character n-grams as 64-bit hashes, computed with numpy: the classifier's fast path.

Building ~200 n-gram strings per message and looking each up in a dict of tens of thousands of entries was most
of a check's time (string creation and cache misses, ~0.2 ms). The same n-grams as polynomial hashes of their
code points take a few vectorised numpy operations, and a sorted array of the vocabulary's hashes finds them
with one `searchsorted`. Hashes carry the n-gram length and a prefix id ("c:" of the text, "p:c:" of the prompt
it answers), so the feature space is the same as the strings'; a collision between two 64-bit hashes of
distinct n-grams is astronomically unlikely (and `tests/test_char_hash.py` checks the shipped models for it).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

__all__ = ["PREFIXES", "ngram_hashes", "vocabulary_hashes"]

PREFIXES = {"c:": 0, "p:c:": 1}
_MASK = (1 << 64) - 1
_MULTIPLIER = np.uint64(0x100000001B3)  # the 64-bit FNV prime; arithmetic wraps modulo 2**64


def _salt(n: int, prefix: int) -> np.uint64:
    return np.uint64((n * 0x9E3779B97F4A7C15 + (prefix + 1) * 0xC2B2AE3D27D4EB4F) & _MASK)


_SALTS = {prefix: [_salt(n, prefix) for n in range(8)] for prefix in PREFIXES.values()}


def _codepoints(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(np.uint64)


def ngram_hashes(text: str, sizes: Sequence[int], prefix: int) -> np.ndarray:
    """The hashes of the text's character n-grams of the given sizes (uint64; repeated n-grams repeat, so callers
    deduplicate what they find, which is cheaper than deduplicating everything)."""
    if not sizes or not text:
        return np.zeros(0, dtype=np.uint64)
    points = _codepoints(text)
    rolling = points
    parts = []
    for n in range(1, max(sizes) + 1):
        if n > 1:
            rolling = rolling[:-1] * _MULTIPLIER
            rolling += points[n - 1 :]
        if not len(rolling):
            break
        if n in sizes:
            parts.append(rolling ^ _SALTS[prefix][n] if n < len(_SALTS[prefix]) else rolling ^ _salt(n, prefix))
    return np.concatenate(parts) if len(parts) > 1 else parts[0] if parts else np.zeros(0, dtype=np.uint64)


def vocabulary_hashes(words: Iterable[tuple[int, str, int]]) -> tuple[np.ndarray, np.ndarray]:
    """(sorted hashes, their rows) for vocabulary n-grams given as (row, n-gram, prefix id), grouped by length so
    that loading a model stays vectorised."""
    by_shape: dict[tuple[int, int], list[tuple[int, str]]] = {}
    for row, gram, prefix in words:
        by_shape.setdefault((len(gram), prefix), []).append((row, gram))
    keys, rows = [], []
    for (n, prefix), entries in by_shape.items():
        if n == 0:
            continue
        points = _codepoints("".join(g for _, g in entries)).reshape(len(entries), n)
        rolling = points[:, 0].copy()
        for k in range(1, n):
            rolling = rolling * _MULTIPLIER + points[:, k]
        keys.append(rolling ^ _salt(n, prefix))
        rows.append(np.array([r for r, _ in entries], dtype=np.int64))
    if not keys:
        return np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int64)
    all_keys, all_rows = np.concatenate(keys), np.concatenate(rows)
    order = np.argsort(all_keys, kind="stable")
    return all_keys[order], all_rows[order]
