"""Corpus quality checks: exact and near duplicates, cross-split leakage, label consistency, counts.

Similarity is the Jaccard index of character 3-grams of the normalised text (spaces and punctuation removed), so
バクダン and ばくだん, or the same sentence with other punctuation, are duplicates. Pairs are found exactly (no
hashing approximations) with a sparse matrix product, in blocks so memory stays small.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from sakimori.evaluation.datasets import Item
from sakimori.normalize import normalize

__all__ = [
    "NEAR_DUPLICATE_THRESHOLD",
    "NearPair",
    "canonical",
    "count_items",
    "exact_duplicate_groups",
    "label_conflicts",
    "near_duplicates",
    "shingles",
]

NEAR_DUPLICATE_THRESHOLD = 0.5
"""Character-3-gram Jaccard at or above which two items count as near duplicates (and must share a split)."""

_DROP = re.compile(r"[\s\W_]+")


@lru_cache(maxsize=65536)
def canonical(text: str) -> str:
    """Normalised text without spaces, punctuation or symbols: the key for exact-duplicate detection."""
    return _DROP.sub("", unicodedata.normalize("NFKC", normalize(text).text))


def shingles(text: str, n: int = 3) -> frozenset[str]:
    key = canonical(text)
    if len(key) <= n:
        return frozenset([key]) if key else frozenset()
    return frozenset(key[i : i + n] for i in range(len(key) - n + 1))


@dataclass(frozen=True)
class NearPair:
    a: str
    b: str
    similarity: float


def _matrix(
    sets: Sequence[frozenset[str]], vocab: dict[str, int]
) -> tuple[tuple[list[int], list[int], np.ndarray], np.ndarray]:
    rows: list[int] = []
    cols: list[int] = []
    for row, grams in enumerate(sets):
        for gram in grams:
            rows.append(row)
            cols.append(vocab.setdefault(gram, len(vocab)))
    data = np.ones(len(rows), dtype=np.float32)
    sizes = np.array([len(s) for s in sets], dtype=np.float32)
    return (rows, cols, data), sizes


def near_duplicates(
    items: Sequence[Item],
    others: Sequence[Item] | None = None,
    *,
    threshold: float = NEAR_DUPLICATE_THRESHOLD,
    block: int = 1024,
) -> list[NearPair]:
    """Pairs with Jaccard ≥ threshold: within `items`, or between `items` and `others` when given."""
    from scipy import sparse

    left = [shingles(i.text) for i in items]
    right = left if others is None else [shingles(i.text) for i in others]
    vocab: dict[str, int] = {}
    (lr, lc, ld), lsize = _matrix(left, vocab)
    (rr, rc, rd), rsize = _matrix(right, vocab)
    a = sparse.csr_matrix((ld, (lr, lc)), shape=(len(left), len(vocab)))
    b = sparse.csr_matrix((rd, (rr, rc)), shape=(len(right), len(vocab))).T.tocsc()
    right_items = items if others is None else others
    pairs: list[NearPair] = []
    for start in range(0, len(left), block):
        inter = (a[start : start + block] @ b).toarray()
        union = lsize[start : start + block, None] + rsize[None, :] - inter
        with np.errstate(divide="ignore", invalid="ignore"):
            sim = np.where(union > 0, inter / union, 0.0)
        for i, j in zip(*np.nonzero(sim >= threshold), strict=True):
            gi = start + int(i)
            if others is None and int(j) <= gi:
                continue
            pairs.append(NearPair(items[gi].id, right_items[int(j)].id, float(sim[i, j])))
    return pairs


def _key(item: Item) -> tuple[str, str, str, str]:
    return item.role, canonical(item.prompt) if item.prompt else "", canonical(item.text), item.attack or ""


def exact_duplicate_groups(items: Iterable[Item]) -> list[list[Item]]:
    """Groups of items with the same role, prompt, canonical text and attack technique.

    The technique is part of the key because a zero-width or width-mixed variant reads exactly like its base once
    normalised, yet tests something else (the normaliser); it stays, in its base's split.
    """
    groups: dict[tuple[str, str, str, str], list[Item]] = {}
    for item in items:
        groups.setdefault(_key(item), []).append(item)
    return [g for g in groups.values() if len(g) > 1]


def label_conflicts(items: Sequence[Item], threshold: float = 0.9) -> list[NearPair]:
    """Near-identical items (same role) whose labels or categories disagree: the label-consistency report."""
    by_id = {i.id: i for i in items}
    conflicts = []
    for pair in near_duplicates(items, threshold=threshold):
        a, b = by_id[pair.a], by_id[pair.b]
        if a.role == b.role and a.prompt == b.prompt and (a.label, a.categories) != (b.label, b.categories):
            conflicts.append(pair)
    return conflicts


def count_items(items: Iterable[Item]) -> dict[str, Counter[str]]:
    """Counts by role, label, kind, category, attack, near-category and register."""
    counts: dict[str, Counter[str]] = {
        k: Counter() for k in ("role", "label", "kind", "category", "attack", "near", "register", "role/label")
    }
    for item in items:
        counts["role"][item.role] += 1
        counts["label"][item.label] += 1
        counts["role/label"][f"{item.role}/{item.label}"] += 1
        counts["kind"][item.kind or "-"] += 1
        for code in item.categories or ("-",):
            counts["category"][code] += 1
        counts["attack"][item.attack or "-"] += 1
        counts["near"][str(item.extra.get("near") or "-")] += 1
        counts["register"][str(item.extra.get("register") or "-")] += 1
    return counts
