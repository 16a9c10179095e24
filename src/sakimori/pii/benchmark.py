"""Scoring PII recognizers against a hand-written test set with gold spans.

The test set is JSON Lines of `{"id", "text"}` where PII is marked up inline as `{{type|value}}` (e.g.
`{{person|山田太郎}}さんの電話は{{phone|090-0000-1234}}`); `parse_markup` strips the markup and returns the gold
spans, so writers never count offsets by hand. A prediction matches a gold span of the same type when their
overlap is at least half of their union (IoU ≥ 0.5); each gold span is matched at most once.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sakimori.taxonomy import PII_TYPES

__all__ = ["GoldSpan", "iou", "load_pii_testset", "parse_markup", "score_spans"]

_MARK = re.compile(r"\{\{([a-z_]+)\|(.+?)\}\}", re.DOTALL)  # a value may run over a line break


@dataclass(frozen=True)
class GoldSpan:
    type: str
    start: int
    end: int


def parse_markup(marked: str) -> tuple[str, list[GoldSpan]]:
    text: list[str] = []
    spans: list[GoldSpan] = []
    pos = 0
    length = 0
    for m in _MARK.finditer(marked):
        if m.group(1) not in PII_TYPES:
            raise ValueError(f"unknown PII type {m.group(1)!r} in markup")
        before = marked[pos : m.start()]
        text.append(before)
        length += len(before)
        spans.append(GoldSpan(m.group(1), length, length + len(m.group(2))))
        text.append(m.group(2))
        length += len(m.group(2))
        pos = m.end()
    text.append(marked[pos:])
    return "".join(text), spans


def load_pii_testset(path: str | Path) -> list[tuple[str, str, list[GoldSpan]]]:
    out = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            record = json.loads(line)
            try:
                text, spans = parse_markup(record["text"])
            except ValueError as exc:
                raise ValueError(f"{path}:{number}: {exc}") from None
            out.append((str(record["id"]), text, spans))
    return out


def iou(a: tuple[int, int], b: tuple[int, int]) -> float:
    """Overlap of two spans as a share of their union (0 to 1)."""
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if union else 0.0


def score_spans(
    testset: Sequence[tuple[str, str, list[GoldSpan]]],
    predict: Callable[[str], Iterable[tuple[str, int, int]]],
    types: Iterable[str] = PII_TYPES,
) -> dict[str, dict[str, float | int | None]]:
    """Per-type precision, recall and counts for `predict(text) -> [(type, start, end)]`."""
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for _, text, gold in testset:
        predicted = list(predict(text))
        used: set[int] = set()
        for kind, start, end in predicted:
            match = next(
                (
                    k
                    for k, g in enumerate(gold)
                    if k not in used and g.type == kind and iou((g.start, g.end), (start, end)) >= 0.5
                ),
                None,
            )
            if match is None:
                fp[kind] += 1
            else:
                used.add(match)
                tp[kind] += 1
        for k, g in enumerate(gold):
            if k not in used:
                fn[g.type] += 1
    out: dict[str, dict[str, float | int | None]] = {}
    for kind in types:
        support = tp[kind] + fn[kind]
        predicted_n = tp[kind] + fp[kind]
        out[kind] = {
            "support": support,
            "predicted": predicted_n,
            "precision": tp[kind] / predicted_n if predicted_n else None,
            "recall": tp[kind] / support if support else None,
        }
    return out
