"""`sakimori train`: reproduce the built-in classifier from the corpus, seeded, and report dev/test metrics.

Recipe: features from `sakimori.features` (the same code the detector runs), vocabulary from the train split
(features seen in at least `min_df` items), rows binary and L2-normalised, one logistic regression per label
("unsafe" and S1–S14, liblinear, seeded). The dev split is used for Platt calibration of every label and for the
per-category thresholds; the test split is only scored. Several designs (feature families and C) can be compared
on dev with `--compare`; the table goes to docs/model-comparison.md.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from sakimori.evaluation.datasets import Item
from sakimori.evaluation.metrics import best_f1_threshold
from sakimori.evaluation.scoring import Prediction, score_predictions
from sakimori.features import FeatureConfig, extract
from sakimori.linear_model import LinearModel
from sakimori.taxonomy import CATEGORIES

__all__ = ["DESIGNS", "Design", "evaluate_model", "fit_model"]

LABELS = ("unsafe", *CATEGORIES)


@dataclass(frozen=True)
class Design:
    """A model design. `vectors`: add mean ja-ginza word vectors (a table distilled for the train vocabulary)."""

    name: str
    config: FeatureConfig
    c: float = 4.0
    min_df: int = 2
    vectors: bool = False
    borderline_weight: float = 1.0
    """Training weight of borderline items (safe texts with scary words): >1 teaches that a keyword alone is not
    harm, which is what over-refusal is made of."""


DESIGNS: dict[str, Design] = {
    d.name: d
    for d in (
        Design("char-ngrams", FeatureConfig((1, 2, 3), False, False, False, False)),
        Design("char+words", FeatureConfig((1, 2, 3, 4), True, True, False, False)),
        Design("char+cues+context (no Sudachi)", FeatureConfig((1, 2, 3, 4), False, False, True, True)),
        Design("char+cues+context (no Sudachi) C=64", FeatureConfig((1, 2, 3, 4), False, False, True, True), c=64.0),
        Design(
            "char+cues+context (no Sudachi) C=64 min_df=5",
            FeatureConfig((1, 2, 3, 4), False, False, True, True),
            c=64.0,
            min_df=5,
        ),
        Design("char+words+cues+context", FeatureConfig()),
        Design("char+words+cues+context C=16", FeatureConfig(), c=16.0),
        Design("char+words+cues+context C=64", FeatureConfig(), c=64.0),
        Design("char+words+cues+context C=64 borderline×3", FeatureConfig(), c=64.0, borderline_weight=3.0),
        Design("char+words+cues+context+ja-ginza vectors C=64", FeatureConfig(), c=64.0, vectors=True),
        Design(
            "char+words+cues+context+ja-ginza vectors C=64 min_df=5", FeatureConfig(), c=64.0, min_df=5, vectors=True
        ),
    )
}


def _targets(items: Sequence[Item]) -> np.ndarray:
    y = np.zeros((len(items), len(LABELS)), dtype=bool)
    for row, item in enumerate(items):
        y[row, 0] = item.unsafe
        for code in item.categories:
            if code in CATEGORIES and item.unsafe:
                y[row, LABELS.index(code)] = True
    return y


def _matrix(feature_sets: Sequence[set[str]], vocabulary: Mapping[str, int], min_norm: int = 1) -> Any:
    from scipy import sparse

    rows, cols = [], []
    for r, features in enumerate(feature_sets):
        for f in features:
            j = vocabulary.get(f)
            if j is not None:
                rows.append(r)
                cols.append(j)
    data = np.ones(len(rows), dtype=np.float32)
    x = sparse.csr_matrix((data, (rows, cols)), shape=(len(feature_sets), len(vocabulary)))
    counts = np.asarray(x.sum(axis=1)).ravel()
    scale = np.where(counts > 0, 1.0 / np.sqrt(np.maximum(counts, min_norm)), 0.0).astype(np.float32)
    return sparse.diags(scale) @ x


def load_ginza_vectors() -> tuple[Any, float]:
    """ja-ginza's word vectors (training time only; `pip install ja-ginza`) and the seconds they took to load."""
    began = time.perf_counter()
    try:
        import ja_ginza
        from spacy.vocab import Vocab
    except ImportError as exc:
        raise RuntimeError("the vectors design needs ja-ginza: pip install 'sakimori[vectors]'") from exc
    vocab = Vocab().from_disk(Path(ja_ginza.__file__).parent / f"ja_ginza-{ja_ginza.__version__}" / "vocab")
    return vocab, time.perf_counter() - began


def _vector_table(vocabulary: Mapping[str, int]) -> tuple[dict[str, int], np.ndarray, float]:
    """Distil the vectors of the training vocabulary's words, so inference needs neither spaCy nor 2.7 s."""
    vocab, seconds = load_ginza_vectors()
    words = sorted(f[2:] for f in vocabulary if f.startswith("w:") and vocab.has_vector(f[2:]))
    table = np.stack([vocab.get_vector(w) for w in words]).astype(np.float32) if words else np.zeros((0, 300))
    return {w: i for i, w in enumerate(words)}, table, seconds


def _platt(margins: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    from sklearn.linear_model import LogisticRegression

    if y.all() or not y.any():
        return 1.0, 0.0
    lr = LogisticRegression(C=1e4, solver="lbfgs").fit(margins.reshape(-1, 1), y)
    return float(lr.coef_[0, 0]), float(lr.intercept_[0])


MAX_BORDERLINE_FPR = 0.05


def operating_threshold(p_unsafe: np.ndarray, unsafe: np.ndarray, borderline: Sequence[bool]) -> float:
    """The unsafe threshold the default policy uses: best F1 on dev among the thresholds (a 0.01 grid) whose
    false-positive rate on borderline items is at most MAX_BORDERLINE_FPR; over-refusal counts as much as a miss.
    If no threshold gets there, the one with the lowest borderline FPR."""
    border = np.asarray(borderline, dtype=bool)
    best: tuple[float, float] | None = None
    fallback: tuple[float, float] = (2.0, 0.95)
    for t in np.round(np.arange(0.30, 0.991, 0.01), 2):
        flagged = p_unsafe >= t
        tp = int((flagged & unsafe).sum())
        f1 = 2 * tp / (2 * tp + int((flagged & ~unsafe).sum()) + int((~flagged & unsafe).sum()) or 1)
        fpr = float((flagged & border).sum() / border.sum()) if border.any() else 0.0
        if fpr <= MAX_BORDERLINE_FPR and (best is None or f1 > best[0]):
            best = (f1, float(t))
        if fpr < fallback[0]:
            fallback = (fpr, float(t))
    return best[1] if best is not None else fallback[1]


def fit_model(train: Sequence[Item], dev: Sequence[Item], design: Design, *, seed: int = 13) -> LinearModel:
    from sklearn.linear_model import LogisticRegression

    began = time.perf_counter()
    train_features = [extract(i.to_message(), design.config) for i in train]
    df: dict[str, int] = {}
    for features in train_features:
        for f in features:
            df[f] = df.get(f, 0) + 1
    vocabulary = {f: i for i, f in enumerate(sorted(f for f, n in df.items() if n >= design.min_df))}
    x = _matrix(train_features, vocabulary, design.config.min_norm_features)
    y = _targets(train)
    model = LinearModel(
        vocabulary,
        np.zeros((len(vocabulary), len(LABELS)), dtype=np.float32),
        np.full(len(LABELS), -10.0, dtype=np.float32),
        LABELS,
        np.tile([1.0, 0.0], (len(LABELS), 1)),
        {},
        design.config,
    )
    vector_seconds = None
    if design.vectors:
        from scipy import sparse

        model.vector_index, model.vectors, vector_seconds = _vector_table(vocabulary)
        dense = model.dense_features(train_features)
        x = sparse.hstack([x, sparse.csr_matrix(dense)]).tocsr()
        model.dense_weights = np.zeros((model.vectors.shape[1], len(LABELS)), dtype=np.float32)
    weights = np.array([design.borderline_weight if i.kind == "borderline" else 1.0 for i in train])
    for j in range(len(LABELS)):
        if y[:, j].all() or not y[:, j].any():
            continue
        lr = LogisticRegression(C=design.c, solver="liblinear", random_state=seed, max_iter=1000)
        lr.fit(x, y[:, j], sample_weight=weights)
        model.weights[:, j] = lr.coef_[0][: len(vocabulary)]
        if model.dense_weights is not None:
            model.dense_weights[:, j] = lr.coef_[0][len(vocabulary) :]
        model.bias[j] = lr.intercept_[0]
    dev_features = [extract(i.to_message(), design.config) for i in dev]
    dev_margins = model.margins(dev_features)
    y_dev = _targets(dev)
    model.platt = np.array([_platt(dev_margins[:, j], y_dev[:, j]) for j in range(len(LABELS))], dtype=np.float32)
    probabilities = model.predict_proba(dev_features)
    thresholds = {}
    for j, label in enumerate(LABELS):
        if label in CATEGORIES:
            threshold, _ = best_f1_threshold(y_dev[:, j].tolist(), probabilities[:, j].tolist())
            thresholds[label] = float(threshold) if threshold is not None else 0.5
    operating = operating_threshold(probabilities[:, 0], y_dev[:, 0], [i.kind == "borderline" for i in dev])
    thresholds["unsafe"] = operating
    model.thresholds = thresholds
    model.meta = {
        "operating_threshold": operating,
        "max_borderline_fpr": MAX_BORDERLINE_FPR,
        "design": design.name,
        "c": design.c,
        "min_df": design.min_df,
        "seed": seed,
        "train_items": len(train),
        "dev_items": len(dev),
        "train_sha256": hashlib.sha256("\n".join(sorted(i.id for i in train)).encode()).hexdigest(),
        "train_seconds": time.perf_counter() - began,
        "vectors": bool(design.vectors),
        "vector_words": len(model.vector_index or {}),
        "ginza_load_seconds": vector_seconds,
    }
    return model


def evaluate_model(model: LinearModel, items: Sequence[Item], *, threshold: float | None = None) -> dict[str, Any]:
    """Score the model alone (no guard, no word list) with the evaluation harness's metrics, at `threshold`
    (default: the model's operating threshold, as the default policy uses it)."""
    if threshold is None:
        threshold = float(model.meta.get("operating_threshold", 0.5))
    from sakimori.detectors.classifier import ClassifierDetector

    detector = ClassifierDetector()
    detector.__dict__["_model"] = model  # use this model object instead of loading a file
    verdicts = detector.detect([i.to_message() for i in items])
    predictions = [
        Prediction(
            i.id,
            v.score >= threshold,
            v.score,
            v.categories if v.score >= threshold else (),
            "block" if v.score >= threshold else "allow",
            v.latency_ms,
        )
        for i, v in zip(items, verdicts, strict=True)
    ]
    metrics = score_predictions(items, predictions, bootstrap=0)
    single = []
    for item in items[:500]:
        message = item.to_message()
        began = time.perf_counter_ns()
        detector.detect([message])
        single.append((time.perf_counter_ns() - began) / 1000)
    metrics["single_check_us_p50"] = float(np.percentile(single, 50)) if single else None
    return metrics
