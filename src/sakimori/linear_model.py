"""The built-in model at run time: a multi-label linear model over sparse binary features, numpy only.

Scores for a message: the sum of the weight rows of its in-vocabulary features, divided by the square root of
their count (rows were L2-normalised in training), plus the bias; then Platt scaling per label turns margins into
calibrated probabilities. Labels: "unsafe" and S1–S14. The file is a plain `.npz` (no pickle), loaded lazily.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from sakimori.features import FeatureConfig

__all__ = ["LinearModel"]


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

    def margins(self, feature_sets: Sequence[Iterable[str]]) -> np.ndarray:
        """Raw margins [messages, labels]."""
        lookup = self.vocabulary.get
        indices: list[int] = []
        counts: list[int] = []
        for features in feature_sets:
            found = [i for i in map(lookup, features) if i is not None]
            indices.extend(found)
            counts.append(len(found))
        out = np.tile(self.bias, (len(counts), 1)).astype(np.float32)
        if not indices:
            return out
        rows = self.weights[np.asarray(indices, dtype=np.int64)]
        ends = np.cumsum(counts)
        starts = ends - np.asarray(counts)
        nonempty = np.asarray(counts) > 0
        sums = np.add.reduceat(rows, starts[nonempty], axis=0)
        scale = 1.0 / np.sqrt(np.asarray(counts, dtype=np.float32)[nonempty])
        out[nonempty] += sums * scale[:, None]
        return out

    def predict_proba(self, feature_sets: Sequence[Iterable[str]]) -> np.ndarray:
        """Calibrated probabilities [messages, labels]."""
        z = self.margins(feature_sets) * self.platt[:, 0] + self.platt[:, 1]
        probabilities: np.ndarray = 1.0 / (1.0 + np.exp(-np.clip(z, -50, 50)))
        return probabilities

    # --- file format ------------------------------------------------------------------------------------------

    def save(self, path: str | Path, *, half: bool = True) -> None:
        """Write the `.npz`; weights in float16 by default (halves the file, scores change by < 1e-3)."""
        words = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        blob = "\n".join(words).encode("utf-8")
        meta = {
            "labels": list(self.labels),
            "thresholds": dict(self.thresholds),
            "config": self.config.to_dict(),
            **self.meta,
        }
        target = Path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("wb") as handle:
            np.savez_compressed(
                handle,
                vocabulary=np.frombuffer(blob, dtype=np.uint8),
                weights=self.weights.astype(np.float16 if half else np.float32),
                bias=self.bias.astype(np.float32),
                platt=self.platt.astype(np.float32),
                meta=np.frombuffer(json.dumps(meta, ensure_ascii=False).encode("utf-8"), dtype=np.uint8),
            )

    @classmethod
    def load(cls, path: str | Path) -> LinearModel:
        with np.load(Path(path), allow_pickle=False) as data:
            words = data["vocabulary"].tobytes().decode("utf-8").split("\n")
            meta = json.loads(data["meta"].tobytes().decode("utf-8"))
            weights = data["weights"].astype(np.float32)
            bias, platt = data["bias"], data["platt"]
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
            meta=meta,
        )
