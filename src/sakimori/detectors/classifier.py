"""The built-in Japanese guard: a calibrated linear classifier on CPU (numpy only), trained on the project corpus.

For each message it reports the calibrated probability that the message is unsafe, as findings for the categories
whose own probability crosses the per-category threshold chosen on the dev split (stored in the model), or for
the most likely category when none does. Findings carry no span: the evidence is the whole message. Messages
scoring under `floor` give no finding, which keeps `check --json` readable; raise or lower it as needed.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path

from sakimori.errors import PolicyError
from sakimori.linear_model import LinearModel
from sakimori.taxonomy import CATEGORIES
from sakimori.types import Finding, Message, Verdict

__all__ = ["SHIPPED_MODELS", "ClassifierDetector", "default_model_path", "shipped_model_path"]

# The models shipped in the package, by the name a policy can give as `model:`. "default" is fast (no Sudachi at
# check time); "accurate" adds Sudachi word features and ja-ginza word vectors (see docs/model-comparison.md).
SHIPPED_MODELS = {"default": "classifier.npz", "accurate": "classifier-accurate.npz"}


def shipped_model_path(name: str) -> Path:
    return Path(str(resources.files("sakimori.data").joinpath("model", SHIPPED_MODELS[name])))


def default_model_path() -> Path:
    return shipped_model_path("default")


@dataclass
class ClassifierDetector:
    """`model`: "default" or "accurate" (the shipped models), or a path to a `.npz` made by `sakimori train`."""

    model: str | None = None
    floor: float = 0.02
    name: str = "classifier"
    cost: float = 0.1
    categories: frozenset[str] = field(default_factory=lambda: frozenset(CATEGORIES))

    def __post_init__(self) -> None:
        if not 0.0 <= self.floor <= 1.0:
            raise ValueError(f"floor must be within 0..1, got {self.floor}")

    @cached_property
    def _model(self) -> LinearModel:
        name = self.model or "default"
        path = shipped_model_path(name) if name in SHIPPED_MODELS else Path(name)
        try:
            return LinearModel.load(path)
        except (OSError, ValueError, KeyError) as exc:
            raise PolicyError(f"cannot load classifier model {path}: {exc}") from exc

    def detect(self, messages: Sequence[Message]) -> list[Verdict]:
        if not messages:
            return []
        model = self._model
        began = time.perf_counter()
        probabilities = model.predict_messages(messages)
        each_ms = (time.perf_counter() - began) * 1000 / len(messages)
        unsafe_col = model.labels.index("unsafe")
        category_cols = [(i, label) for i, label in enumerate(model.labels) if label in CATEGORIES]
        verdicts = []
        for row in probabilities:
            p_unsafe = float(row[unsafe_col])
            findings: list[Finding] = []
            if p_unsafe >= self.floor:
                crossing = [
                    (float(row[i]), label) for i, label in category_cols if row[i] >= model.thresholds.get(label, 0.5)
                ]
                if not crossing:
                    crossing = [max((float(row[i]), label) for i, label in category_cols)]
                for _, label in sorted(crossing, reverse=True):
                    findings.append(Finding(label, p_unsafe, None, None, self.name))
            verdicts.append(Verdict(self.name, tuple(findings), each_ms))
        return verdicts
