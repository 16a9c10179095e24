"""The built-in model at run time: a multi-label linear model over sparse binary features, numpy only.

Scores for a message: the sum of the weight rows of its in-vocabulary features, divided by the square root of
their count (rows were L2-normalised in training), plus the bias; then Platt scaling per label turns margins into
calibrated probabilities. Labels: "unsafe" and S1–S14. The file is a plain `.npz` (no pickle), loaded lazily.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np

from sakimori import char_hash
from sakimori.features import PROMPT_CHAR_NGRAMS, FeatureConfig, extract
from sakimori.normalize import normalize
from sakimori.types import Message

__all__ = ["LinearModel"]

_SEP = "\x00"  # separates words in the file; normalisation removes NUL, so no feature contains it


@dataclass
class LinearModel:
    vocabulary: dict[str, int]
    weights: np.ndarray  # [features, labels] float32
    bias: np.ndarray  # [labels]
    labels: tuple[str, ...]
    platt: np.ndarray  # [labels, 2]: p = sigmoid(a * margin + b)
    thresholds: Mapping[str, float]
    config: FeatureConfig = field(default_factory=FeatureConfig)
    meta: dict[str, Any] = field(default_factory=dict)
    # Optional dense part: the mean pretrained vector of the message's words (a table distilled from ja-ginza for
    # the training vocabulary), L2-normalised, times `vector_weight`, times `dense_weights` [dims, labels].
    vector_index: dict[str, int] | None = None
    vectors: np.ndarray | None = None
    dense_weights: np.ndarray | None = None
    vector_weight: float = 0.5

    def dense_features(self, feature_sets: Sequence[Iterable[str]]) -> np.ndarray | None:
        """[messages, dims] mean word vectors (zeros when no word is in the table), or None without vectors."""
        if self.vector_index is None or self.vectors is None:
            return None
        out = np.zeros((len(feature_sets), self.vectors.shape[1]), dtype=np.float32)
        lookup = self.vector_index.get
        for r, features in enumerate(feature_sets):
            rows = [i for i in (lookup(f[2:]) for f in features if f.startswith("w:")) if i is not None]
            if rows:
                mean = self.vectors[rows].mean(axis=0)
                out[r] = mean / (np.linalg.norm(mean) + 1e-9) * self.vector_weight
        return out

    def margins(self, feature_sets: Sequence[Iterable[str]]) -> np.ndarray:
        """Raw margins [messages, labels]; a message's margin does not depend on the batch it is in."""
        if not feature_sets:
            return np.zeros((0, len(self.labels)), dtype=np.float32)
        return np.stack([self._margin_one(features) for features in feature_sets])

    def _margin_one(self, features: Iterable[str]) -> np.ndarray:
        """The single-message path: the same arithmetic without the batch bookkeeping (the latency path)."""
        lookup = self.vocabulary.get
        features = features if isinstance(features, set | list) else list(features)
        return self._score([i for i in map(lookup, features) if i is not None], features)

    def _score(self, found: Sequence[int] | np.ndarray, features: Iterable[str]) -> np.ndarray:
        """Bias + the found rows' weights scaled by 1/sqrt(max(count, min_norm_features)) + the dense part."""
        out = self.bias.astype(np.float32)
        if len(found):
            scale = 1.0 / np.sqrt(max(len(found), self.config.min_norm_features))
            out = out + self.weights[found].sum(axis=0) * np.float32(scale)
        if self.dense_weights is not None:
            dense = self.dense_features([features])
            if dense is not None:
                out = out + dense[0] @ self.dense_weights
        return out

    def predict_proba(self, feature_sets: Sequence[Iterable[str]]) -> np.ndarray:
        """Calibrated probabilities [messages, labels]."""
        margins = self._margin_one(feature_sets[0])[None, :] if len(feature_sets) == 1 else self.margins(feature_sets)
        return self._calibrate(margins)

    def _calibrate(self, margins: np.ndarray) -> np.ndarray:
        z = margins * self.platt[:, 0] + self.platt[:, 1]
        probabilities: np.ndarray = 1.0 / (1.0 + np.exp(-np.clip(z, -50, 50)))
        return probabilities

    # --- the run-time path: character n-grams as hashes ------------------------------------------------------

    def predict_messages(self, messages: Sequence[Message]) -> np.ndarray:
        """Calibrated probabilities [messages, labels] straight from messages: the same numbers as
        `predict_proba([extract(m, config) for m in messages])`, with character n-grams looked up as hashes."""
        if not messages:
            return np.zeros((0, len(self.labels)), dtype=np.float32)
        return self._calibrate(np.stack([self._message_margin(m) for m in messages]))

    @cached_property
    def _hash_table(self) -> tuple[np.ndarray, np.ndarray]:
        """(sorted hashes, rows) of the vocabulary's character n-grams, built once on first use."""
        grams = [
            (row, word[len(prefix) :], prefix_id)
            for word, row in self.vocabulary.items()
            for prefix, prefix_id in char_hash.PREFIXES.items()
            if word.startswith(prefix)
        ]
        return char_hash.vocabulary_hashes(grams)

    def _message_margin(self, message: Message) -> np.ndarray:
        keys, rows = self._hash_table
        hashes = [char_hash.ngram_hashes(message.normalized.text, self.config.char_ngrams, 0)]
        if message.role == "assistant" and self.config.prompt_context and message.context_prompt:
            prompt_norm = normalize(message.context_prompt).text
            hashes.append(char_hash.ngram_hashes(prompt_norm, PROMPT_CHAR_NGRAMS, 1))
        wanted = np.concatenate(hashes)
        found_chars = np.zeros(0, dtype=np.int64)
        if len(keys) and len(wanted):
            positions = np.searchsorted(keys, wanted)
            np.minimum(positions, len(keys) - 1, out=positions)
            found_chars = np.unique(rows[positions[keys[positions] == wanted]])  # a repeated n-gram counts once
        others = extract(message, self.config, chars=False)
        lookup = self.vocabulary.get
        found = np.concatenate([found_chars, np.fromiter((i for i in map(lookup, others) if i is not None), np.int64)])
        return self._score(found, others)

    # --- file format ------------------------------------------------------------------------------------------

    def save(self, path: str | Path, *, half: bool = True) -> None:
        """Write the `.npz`; weights in float16 by default (halves the file, scores change by < 1e-3)."""
        words = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        if any(_SEP in w for w in words):
            raise ValueError("a feature contains NUL, which the model file uses as its separator")
        blob = _SEP.join(words).encode("utf-8")
        meta = {
            "labels": list(self.labels),
            "thresholds": dict(self.thresholds),
            "config": self.config.to_dict(),
            **self.meta,
        }
        target = Path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        arrays: dict[str, np.ndarray] = {
            "vocabulary": np.frombuffer(blob, dtype=np.uint8),
            "weights": self.weights.astype(np.float16 if half else np.float32),
            "bias": self.bias.astype(np.float32),
            "platt": self.platt.astype(np.float32),
        }
        if self.vector_index is not None and self.vectors is not None and self.dense_weights is not None:
            words = sorted(self.vector_index, key=self.vector_index.__getitem__)
            arrays["vector_words"] = np.frombuffer(_SEP.join(words).encode("utf-8"), dtype=np.uint8)
            arrays["vectors"] = self.vectors.astype(np.float16 if half else np.float32)
            arrays["dense_weights"] = self.dense_weights.astype(np.float32)
            meta["vector_weight"] = self.vector_weight
        arrays["meta"] = np.frombuffer(json.dumps(meta, ensure_ascii=False).encode("utf-8"), dtype=np.uint8)
        with target.open("wb") as handle:
            np.savez_compressed(handle, **arrays)  # type: ignore[arg-type]

    @classmethod
    def load(cls, path: str | Path) -> LinearModel:
        with np.load(Path(path), allow_pickle=False) as data:
            words = data["vocabulary"].tobytes().decode("utf-8").split(_SEP)
            meta = json.loads(data["meta"].tobytes().decode("utf-8"))
            weights = data["weights"].astype(np.float32)
            bias, platt = data["bias"], data["platt"]
            vector_index = vectors = dense_weights = None
            if "vectors" in data.files:
                vector_words = data["vector_words"].tobytes().decode("utf-8").split(_SEP)
                vector_index = {w: i for i, w in enumerate(vector_words)}
                vectors = data["vectors"].astype(np.float32)
                dense_weights = data["dense_weights"]
        if len(words) != weights.shape[0]:
            raise ValueError(f"model file {path} is inconsistent: {len(words)} words, {weights.shape[0]} rows")
        labels = tuple(meta.pop("labels"))
        return cls(
            vocabulary={w: i for i, w in enumerate(words)},
            weights=weights,
            bias=bias,
            labels=labels,
            platt=platt,
            thresholds=meta.pop("thresholds"),
            config=FeatureConfig.from_dict(meta.pop("config")),
            vector_index=vector_index,
            vectors=vectors,
            dense_weights=dense_weights,
            vector_weight=float(meta.pop("vector_weight", 0.5)),
            meta=meta,
        )
