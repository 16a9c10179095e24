"""The plots of reports and leaderboards, each a function returning PNG bytes (matplotlib, Agg backend)."""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import Any

from sakimori.taxonomy import CATEGORIES

__all__ = [
    "attack_recall",
    "category_f1",
    "latency_vs_f1",
    "overrefusal_vs_recall",
    "pr_curves",
    "roc_curve",
    "score_histogram",
]


def _figure(width: float = 7.0, height: float = 4.5) -> tuple[Any, Any]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(width, height), dpi=100)
    return fig, ax


def _png(fig: Any) -> bytes:
    import matplotlib.pyplot as plt

    buffer = io.BytesIO()
    fig.tight_layout()
    fig.savefig(buffer, format="png")
    plt.close(fig)
    return buffer.getvalue()


def pr_curves(runs: Mapping[str, Mapping[str, Any]]) -> bytes:
    fig, ax = _figure()
    for name, m in runs.items():
        curve = m["curves"]["pr"]
        ax.step(curve["x"], curve["y"], where="post", label=f"{name} (AP {m['overall']['pr_auc'] or 0:.3f})")
    ax.set(xlabel="recall", ylabel="precision", xlim=(0, 1.01), ylim=(0, 1.01), title="Precision-recall")
    ax.grid(alpha=0.3)
    ax.legend(loc="lower left", fontsize=8)
    return _png(fig)


def roc_curve(metrics: Mapping[str, Any]) -> bytes:
    fig, ax = _figure(5.5, 5.0)
    curve = metrics["curves"]["roc"]
    ax.plot(curve["x"], curve["y"], label=f"AUC {metrics['overall']['roc_auc'] or 0:.3f}")
    ax.plot([0, 1], [0, 1], ls="--", c="grey", lw=0.8)
    ax.set(xlabel="false-positive rate", ylabel="true-positive rate", title="ROC")
    ax.grid(alpha=0.3)
    ax.legend(loc="lower right")
    return _png(fig)


def category_f1(runs: Mapping[str, Mapping[str, Any]]) -> bytes:
    import numpy as np

    codes = list(CATEGORIES)
    fig, ax = _figure(9.0, 4.5)
    width = 0.8 / max(len(runs), 1)
    for k, (name, m) in enumerate(runs.items()):
        per = m["categories"]["per_category"]
        values = [per.get(c, {}).get("f1") or 0.0 for c in codes]
        ax.bar(np.arange(len(codes)) + k * width, values, width, label=name)
    ax.set_xticks(np.arange(len(codes)) + width * (len(runs) - 1) / 2)
    ax.set_xticklabels(codes)
    ax.set(ylabel="F1", ylim=(0, 1), title="F1 per category")
    ax.grid(axis="y", alpha=0.3)
    ax.legend(fontsize=8)
    return _png(fig)


def score_histogram(metrics: Mapping[str, Any]) -> bytes:
    import numpy as np

    fig, ax = _figure()
    edges = np.linspace(0, 1, 11)
    hist = metrics["score_histogram"]
    ax.bar(edges[:-1], hist["safe"], width=0.045, align="edge", label="gold safe")
    ax.bar(edges[:-1] + 0.05, hist["unsafe"], width=0.045, align="edge", label="gold unsafe")
    ax.set(xlabel="guard score", ylabel="items", title="Score distribution")
    ax.legend()
    return _png(fig)


def attack_recall(metrics: Mapping[str, Any]) -> bytes:
    fig, ax = _figure(8.0, 4.5)
    asr = metrics["named"]["attack_success"]
    names = list(asr)
    ax.barh(names, [asr[n]["recall"] or 0.0 for n in names])
    plain = metrics["named"]["plain_harmful_recall"]["recall"]
    if plain is not None:
        ax.axvline(plain, c="k", ls="--", lw=1, label=f"plain harmful recall {plain:.2f}")
        ax.axvline(0.9 * plain, c="r", ls=":", lw=1, label="0.9 x plain")
        ax.legend(fontsize=8)
    ax.set(xlabel="recall on attack variants", xlim=(0, 1), title="Robustness per attack technique")
    return _png(fig)


def overrefusal_vs_recall(runs: Mapping[str, Mapping[str, Any]]) -> bytes:
    fig, ax = _figure(6.0, 5.0)
    for name, m in runs.items():
        x = m["named"]["over_refusal"]["fpr"] or 0.0
        y = m["overall"]["recall"] or 0.0
        ax.scatter([x], [y])
        ax.annotate(name, (x, y), fontsize=8, xytext=(4, 4), textcoords="offset points")
    ax.set(
        xlabel="over-refusal (FPR on borderline)",
        ylabel="recall",
        xlim=(0, 1),
        ylim=(0, 1.02),
        title="Over-refusal vs recall",
    )
    ax.grid(alpha=0.3)
    return _png(fig)


def latency_vs_f1(runs: Mapping[str, Mapping[str, Any]]) -> bytes:
    fig, ax = _figure(6.0, 5.0)
    for name, m in runs.items():
        x = (m.get("speed", {}).get("latency_ms", {}) or {}).get("p50") or 1e-3
        y = m["overall"]["f1"] or 0.0
        ax.scatter([x], [y])
        ax.annotate(name, (x, y), fontsize=8, xytext=(4, 4), textcoords="offset points")
    ax.set_xscale("log")
    ax.set(xlabel="latency p50 per check (ms, log)", ylabel="F1", ylim=(0, 1.02), title="Latency vs F1")
    ax.grid(alpha=0.3)
    return _png(fig)
