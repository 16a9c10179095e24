"""Metrics from gold labels and raw scores: the numbers a guard is judged by.

Pure numpy, no scikit-learn, so the harness stays light; `tests/evaluation/test_metrics.py` recomputes them with
scikit-learn to keep this honest. Over-refusal counts as much as missed harm: every slice reports the
false-positive rate next to recall.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from sakimori.taxonomy import CATEGORIES

__all__ = [
    "BinaryCounts",
    "average_precision",
    "best_f1_threshold",
    "binary_metrics",
    "bootstrap_ci",
    "category_metrics",
    "expected_calibration_error",
    "pr_curve",
    "roc_auc",
    "roc_curve",
]


@dataclass(frozen=True)
class BinaryCounts:
    tp: int
    fp: int
    tn: int
    fn: int

    @classmethod
    def of(cls, gold: np.ndarray, pred: np.ndarray) -> BinaryCounts:
        return cls(
            int(np.sum(gold & pred)), int(np.sum(~gold & pred)), int(np.sum(~gold & ~pred)), int(np.sum(gold & ~pred))
        )

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        denominator = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / denominator if denominator else None

    @property
    def fpr(self) -> float | None:
        return self.fp / (self.fp + self.tn) if self.fp + self.tn else None


def _arrays(gold: Iterable[bool], values: Iterable[Any], dtype: Any) -> tuple[np.ndarray, np.ndarray]:
    return np.asarray(list(gold), dtype=bool), np.asarray(list(values), dtype=dtype)


def roc_curve(gold: Sequence[bool], scores: Sequence[float]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """False-positive rates, true-positive rates and thresholds, one point per distinct score (descending)."""
    y, s = _arrays(gold, scores, float)
    order = np.argsort(-s, kind="mergesort")
    y, s = y[order], s[order]
    distinct = np.r_[np.nonzero(np.diff(s))[0], len(s) - 1] if len(s) else np.array([], dtype=int)
    tps = np.cumsum(y)[distinct]
    fps = (distinct + 1) - tps
    pos, neg = max(int(y.sum()), 1), max(int((~y).sum()), 1)
    return np.r_[0.0, fps / neg], np.r_[0.0, tps / pos], np.r_[np.inf, s[distinct]]


def roc_auc(gold: Sequence[bool], scores: Sequence[float]) -> float | None:
    """Area under the ROC curve (ties count half); None when only one class is present."""
    y = np.asarray(gold, dtype=bool)
    if y.all() or not y.any():
        return None
    fpr, tpr, _ = roc_curve(gold, scores)
    return float(np.trapezoid(tpr, fpr))


def pr_curve(gold: Sequence[bool], scores: Sequence[float]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Precision, recall and thresholds, one point per distinct score (descending)."""
    y, s = _arrays(gold, scores, float)
    order = np.argsort(-s, kind="mergesort")
    y, s = y[order], s[order]
    distinct = np.r_[np.nonzero(np.diff(s))[0], len(s) - 1] if len(s) else np.array([], dtype=int)
    tps = np.cumsum(y)[distinct]
    predicted = distinct + 1
    precision = tps / predicted
    recall = tps / max(int(y.sum()), 1)
    return precision, recall, s[distinct]


def average_precision(gold: Sequence[bool], scores: Sequence[float]) -> float | None:
    """PR-AUC as average precision: Σ (Rₙ − Rₙ₋₁) Pₙ, the step-wise area scikit-learn also reports."""
    if not np.asarray(gold, dtype=bool).any():
        return None
    precision, recall, _ = pr_curve(gold, scores)
    return float(np.sum(np.diff(np.r_[0.0, recall]) * precision))


def best_f1_threshold(gold: Sequence[bool], scores: Sequence[float]) -> tuple[float | None, float | None]:
    """The score threshold (predict unsafe when score ≥ it) that maximises F1, and that F1."""
    if not np.asarray(gold, dtype=bool).any():
        return None, None
    precision, recall, thresholds = pr_curve(gold, scores)
    with np.errstate(divide="ignore", invalid="ignore"):
        f1 = np.where(precision + recall > 0, 2 * precision * recall / (precision + recall), 0.0)
    best = int(np.argmax(f1))
    return float(thresholds[best]), float(f1[best])


def expected_calibration_error(gold: Sequence[bool], scores: Sequence[float], bins: int = 10) -> float | None:
    """ECE over equal-width score bins: how far the score is from the observed rate of unsafe items."""
    y, s = _arrays(gold, scores, float)
    if not len(y):
        return None
    index = np.minimum((s * bins).astype(int), bins - 1)
    total = 0.0
    for b in range(bins):
        members = index == b
        if members.any():
            total += members.sum() / len(y) * abs(y[members].mean() - s[members].mean())
    return float(total)


def bootstrap_ci(
    gold: Sequence[bool], pred: Sequence[bool], *, metric: str, samples: int = 1000, seed: int = 0
) -> tuple[float, float] | None:
    """95 % percentile bootstrap interval of `metric` ("f1" or "fpr") over resampled items."""
    y, p = _arrays(gold, pred, bool)
    if not len(y):
        return None
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, len(y), size=(samples, len(y)))
    yy, pp = y[idx], p[idx]
    tp = (yy & pp).sum(axis=1)
    fp = (~yy & pp).sum(axis=1)
    fn = (yy & ~pp).sum(axis=1)
    tn = (~yy & ~pp).sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        values = 2 * tp / (2 * tp + fp + fn) if metric == "f1" else fp / (fp + tn)
    values = values[np.isfinite(values)]
    if not len(values):
        return None
    return float(np.percentile(values, 2.5)), float(np.percentile(values, 97.5))


def binary_metrics(
    gold: Sequence[bool], pred: Sequence[bool], scores: Sequence[float], *, bootstrap: int = 0, seed: int = 0
) -> dict[str, Any]:
    """Precision, recall, F1, FPR, ROC-AUC, PR-AUC, best-F1 threshold, ECE and (optionally) bootstrap CIs."""
    y, p = _arrays(gold, pred, bool)
    counts = BinaryCounts.of(y, p)
    threshold, best_f1 = best_f1_threshold(gold, scores)
    out: dict[str, Any] = {
        "n": len(y),
        "positives": int(y.sum()),
        "tp": counts.tp,
        "fp": counts.fp,
        "tn": counts.tn,
        "fn": counts.fn,
        "precision": counts.precision,
        "recall": counts.recall,
        "f1": counts.f1,
        "fpr": counts.fpr,
        "accuracy": float((y == p).mean()) if len(y) else None,
        "roc_auc": roc_auc(gold, scores),
        "pr_auc": average_precision(gold, scores),
        "best_f1_threshold": threshold,
        "best_f1": best_f1,
        "ece": expected_calibration_error(gold, scores),
    }
    if bootstrap:
        out["f1_ci95"] = bootstrap_ci(gold, pred, metric="f1", samples=bootstrap, seed=seed)
        out["fpr_ci95"] = bootstrap_ci(gold, pred, metric="fpr", samples=bootstrap, seed=seed)
    return out


def category_metrics(
    gold: Sequence[Sequence[str]], predicted: Sequence[Sequence[str]], codes: Iterable[str] = CATEGORIES
) -> dict[str, Any]:
    """Per-category precision/recall/F1 (multi-label), macro-F1 over categories with support, and a confusion
    matrix of gold category vs predicted top category ("none" when nothing was predicted)."""
    codes = list(codes)
    per: dict[str, Any] = {}
    for code in codes:
        g = np.array([code in x for x in gold], dtype=bool)
        p = np.array([code in x for x in predicted], dtype=bool)
        counts = BinaryCounts.of(g, p)
        per[code] = {
            "support": int(g.sum()),
            "precision": counts.precision,
            "recall": counts.recall,
            "f1": counts.f1 if g.any() else None,
        }
    f1s = [v["f1"] for v in per.values() if v["support"]]
    labels = [*codes, "other", "none"]
    matrix = np.zeros((len(codes), len(labels)), dtype=int)
    for gold_codes, predicted_codes in zip(gold, predicted, strict=True):
        for code in gold_codes:
            if code not in codes:
                continue
            top = next((c for c in predicted_codes if c in codes), "other" if predicted_codes else "none")
            matrix[codes.index(code), labels.index(top)] += 1
    return {
        "per_category": per,
        "macro_f1": float(np.mean(f1s)) if f1s else None,
        "confusion": {"gold": codes, "predicted": labels, "matrix": matrix.tolist()},
    }


def downsample_curve(xs: np.ndarray, ys: np.ndarray, points: int = 200) -> dict[str, list[float]]:
    if len(xs) > points:
        keep = np.unique(np.linspace(0, len(xs) - 1, points).astype(int))
        xs, ys = xs[keep], ys[keep]
    return {"x": [float(v) for v in xs], "y": [float(v) for v in ys]}


def percentile_summary(values: Sequence[float]) -> Mapping[str, float | None]:
    if not values:
        return {"p50": None, "p95": None, "p99": None, "mean": None, "max": None}
    arr = np.asarray(values, dtype=float)
    return {
        "p50": float(np.percentile(arr, 50)),
        "p95": float(np.percentile(arr, 95)),
        "p99": float(np.percentile(arr, 99)),
        "mean": float(arr.mean()),
        "max": float(arr.max()),
    }
