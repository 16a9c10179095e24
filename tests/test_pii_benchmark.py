from __future__ import annotations

import json
from pathlib import Path

import pytest

from sakimori.pii.benchmark import GoldSpan, load_pii_testset, parse_markup, score_spans


def test_parse_markup() -> None:
    text, spans = parse_markup("{{person|山田太郎}}さんの電話は{{phone|090-0000-1234}}です")
    assert text == "山田太郎さんの電話は090-0000-1234です"
    assert spans == [GoldSpan("person", 0, 4), GoldSpan("phone", 10, 23)]
    assert parse_markup("なし") == ("なし", [])
    with pytest.raises(ValueError, match="unknown PII type"):
        parse_markup("{{shoe|27}}")


def test_score_spans_counts_iou_matches(tmp_path: Path) -> None:
    path = tmp_path / "t.jsonl"
    lines = [{"id": "a", "text": "{{phone|090-0000-1234}}と{{email|a@example.com}}"}, {"id": "b", "text": "なし"}]
    path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines), encoding="utf-8")
    testset = load_pii_testset(path)

    def predict(text: str) -> list[tuple[str, int, int]]:
        return [("phone", 0, 12), ("phone", 14, 20)] if text.startswith("090") else [("email", 0, 2)]

    scores = score_spans(testset, predict, types=["phone", "email"])
    assert scores["phone"] == {"support": 1, "predicted": 2, "precision": 0.5, "recall": 1.0}
    assert scores["email"] == {"support": 1, "predicted": 1, "precision": 0.0, "recall": 0.0}
