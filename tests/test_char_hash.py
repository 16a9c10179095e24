"""The hashed character n-grams give the same scores as the string features they replace."""

from __future__ import annotations

import numpy as np
import pytest

from sakimori.char_hash import ngram_hashes, vocabulary_hashes
from sakimori.corpus import shipped_split
from sakimori.detectors.classifier import SHIPPED_MODELS, shipped_model_path
from sakimori.evaluation.datasets import load_dataset
from sakimori.features import extract
from sakimori.linear_model import LinearModel
from sakimori.types import Message


def test_text_hashes_match_vocabulary_hashes() -> None:
    text = "爆弾の作り方😀ab"
    grams = [
        (i, text[s : s + n], 0) for i, (s, n) in enumerate((s, n) for n in (1, 2, 3) for s in range(len(text) - n + 1))
    ]
    keys, _ = vocabulary_hashes(grams)
    assert set(ngram_hashes(text, (1, 2, 3), 0).tolist()) == set(keys.tolist())
    assert not set(ngram_hashes(text, (2,), 1).tolist()) & set(ngram_hashes(text, (2,), 0).tolist())  # prefixes differ


@pytest.mark.parametrize("name", sorted(SHIPPED_MODELS))
def test_shipped_models_score_the_same_through_hashes(name: str) -> None:
    model = LinearModel.load(shipped_model_path(name))
    keys, _ = model._hash_table
    assert len(np.unique(keys)) == len(keys)  # no two vocabulary n-grams share a hash
    items = list(load_dataset(shipped_split("test")))[:300]
    messages = [i.to_message() for i in items] + [Message("a"), Message("ｃ：ｃ：x"), Message("🙂" * 3)]
    by_strings = model.predict_proba([extract(m, model.config) for m in messages])
    by_hashes = model.predict_messages(messages)
    assert np.abs(by_strings - by_hashes).max() < 1e-5
