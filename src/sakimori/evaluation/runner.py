"""`sakimori eval`: run a guard over data sets and write predictions.jsonl, metrics.json and the reports.

The runner calls `Guard` only (no check is re-implemented here). Each item is checked on its own so that
`latency_ms` is the real per-check latency; `--workers N` checks N items at a time in threads, which helps guards
that wait on a network (LLM guards, hosted APIs) and not CPU-bound ones.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sakimori.errors import InvalidInputError
from sakimori.evaluation.datasets import Dataset, Item, load_datasets
from sakimori.evaluation.metrics import percentile_summary
from sakimori.evaluation.scoring import Prediction, score_predictions
from sakimori.guard import Guard
from sakimori.types import Action

__all__ = ["EvalResult", "predict", "run_eval"]


@dataclass(frozen=True)
class EvalResult:
    out: Path
    predictions: tuple[Prediction, ...]
    metrics: dict[str, Any]


def _check(guard: Guard, item: Item) -> Prediction:
    began = time.perf_counter()
    try:
        decision = guard.check(item.to_message())
    except InvalidInputError as exc:
        fail_closed = guard.policy.on_error is Action.BLOCK
        return Prediction(
            item.id,
            fail_closed,
            1.0 if fail_closed else 0.0,
            (),
            "error",
            (time.perf_counter() - began) * 1000,
            str(exc),
        )
    elapsed = (time.perf_counter() - began) * 1000
    return Prediction(
        item.id, decision.unsafe, decision.score, decision.categories, decision.action.value, elapsed, decision.error
    )


def predict(
    dataset: Dataset | Sequence[Item],
    guard: Guard,
    *,
    workers: int = 1,
    on_progress: Callable[[int], None] | None = None,
) -> list[Prediction]:
    """One prediction per item, in order."""
    items = list(dataset)
    if workers <= 1:
        out = []
        for item in items:
            out.append(_check(guard, item))
            if on_progress:
                on_progress(1)
        return out
    with ThreadPoolExecutor(max_workers=workers) as pool:
        results = []
        for prediction in pool.map(lambda item: _check(guard, item), items):
            results.append(prediction)
            if on_progress:
                on_progress(1)
        return results


def _progress(total: int, enabled: bool) -> tuple[Callable[[int], None] | None, Callable[[], None]]:
    """A rich progress bar with items/s on a terminal; nothing when output is piped or rich is missing."""
    if not enabled or not sys.stderr.isatty():
        return None, lambda: None
    try:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
    except ImportError:
        return None, lambda: None
    progress = Progress(
        TextColumn("[bold]eval"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]} items/s"),
        TimeRemainingColumn(),
        transient=True,
    )
    task = progress.add_task("eval", total=total, rate="-")
    began = time.perf_counter()
    done = 0
    progress.start()

    def advance(n: int) -> None:
        nonlocal done
        done += n
        rate = done / max(time.perf_counter() - began, 1e-9)
        progress.update(task, advance=n, rate=f"{rate:,.0f}")

    return advance, progress.stop


def _cost(guard: Guard, predictions: Sequence[Prediction], items: Sequence[Item]) -> dict[str, Any]:
    prices = guard.policy.prices
    if not prices:
        return {}
    chars = sum(len(i.text) for i in items)
    lines = {}
    for detector, price in prices.items():
        total = price.per_call * len(items) + price.per_million_chars * chars / 1_000_000
        lines[detector] = {
            "calls": len(items),
            "chars": chars,
            "usd": total,
            "usd_per_1k_checks": total / len(items) * 1000 if items else None,
        }
    return {"detectors": lines, "usd": sum(v["usd"] for v in lines.values())}


def run_eval(
    datasets: Sequence[str | Path],
    out: str | Path,
    *,
    policy: str | Path | None = None,
    limit: int | None = None,
    workers: int = 1,
    skip_invalid: bool = False,
    bootstrap: int = 1000,
    progress: bool = True,
    guard: Guard | None = None,
) -> EvalResult:
    dataset = load_datasets(datasets, skip_invalid=skip_invalid, limit=limit)
    guard = guard or Guard.from_policy(policy)
    out_dir = Path(out)
    out_dir.mkdir(parents=True, exist_ok=True)

    advance, stop = _progress(len(dataset), progress)
    began = time.perf_counter()
    try:
        predictions = predict(dataset, guard, workers=workers, on_progress=advance)
    finally:
        stop()
    wall = time.perf_counter() - began

    with (out_dir / "predictions.jsonl").open("w", encoding="utf-8") as handle:
        for prediction in predictions:
            handle.write(json.dumps(prediction.to_record(), ensure_ascii=False) + "\n")

    metrics = score_predictions(dataset.items, predictions, bootstrap=bootstrap)
    metrics["speed"] = {
        "latency_ms": percentile_summary([p.latency_ms for p in predictions]),
        "throughput_items_per_s": len(predictions) / wall if wall > 0 else None,
        "wall_s": wall,
        "workers": workers,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }
    metrics["cost"] = _cost(guard, predictions, dataset.items)
    metrics["errors"] = sum(p.error is not None for p in predictions)
    metrics["run"] = {
        "datasets": list(dataset.sources),
        "skipped_invalid": dataset.skipped,
        "policy": str(policy) if policy else "built-in default",
        "detectors": guard.detector_names,
        "name": out_dir.name,
    }
    (out_dir / "metrics.json").write_text(json.dumps(metrics, ensure_ascii=False, indent=2), encoding="utf-8")

    from sakimori.evaluation.report import write_reports

    write_reports(out_dir, metrics)
    return EvalResult(out_dir, tuple(predictions), metrics)
