"""Prometheus text exposition (format 0.0.4) for the server: counters and latency histograms.

A dozen lines of bookkeeping do not justify a dependency; the format is small and documented
(https://prometheus.io/docs/instrumenting/exposition_formats/). Thread-safe: checks run in worker threads.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from dataclasses import dataclass, field

__all__ = ["Metrics"]

LATENCY_BUCKETS = (0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)

_HELP = {
    "sakimori_requests_total": ("counter", "HTTP requests by endpoint and status code."),
    "sakimori_decisions_total": (
        "counter",
        "Guard decisions by rail (input, output, stream, moderation, check) and action.",
    ),
    "sakimori_flags_total": ("counter", "Categories that crossed their threshold, by rail and category."),
    "sakimori_upstream_errors_total": ("counter", "Upstream failures by reason (the request failed closed)."),
    "sakimori_check_seconds": ("histogram", "Time of one guard check, by rail."),
    "sakimori_request_seconds": ("histogram", "Time to answer a request, by endpoint (streams: until the last byte)."),
}


def _labels(labels: tuple[tuple[str, str], ...]) -> str:
    if not labels:
        return ""
    escaped = (f'{k}="{v.replace(chr(92), chr(92) * 2).replace(chr(34), chr(92) + chr(34))}"' for k, v in labels)
    return "{" + ",".join(escaped) + "}"


@dataclass
class _Histogram:
    counts: list[int] = field(default_factory=lambda: [0] * len(LATENCY_BUCKETS))
    total: float = 0.0
    n: int = 0


class Metrics:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counters: dict[str, dict[tuple[tuple[str, str], ...], float]] = defaultdict(dict)
        self._histograms: dict[str, dict[tuple[tuple[str, str], ...], _Histogram]] = defaultdict(dict)

    def inc(self, name: str, amount: float = 1.0, **labels: str) -> None:
        key = tuple(sorted(labels.items()))
        with self._lock:
            series = self._counters[name]
            series[key] = series.get(key, 0.0) + amount

    def observe(self, name: str, seconds: float, **labels: str) -> None:
        key = tuple(sorted(labels.items()))
        with self._lock:
            hist = self._histograms[name].setdefault(key, _Histogram())
            for i, bound in enumerate(LATENCY_BUCKETS):
                if seconds <= bound:
                    hist.counts[i] += 1
            hist.total += seconds
            hist.n += 1

    def counter(self, name: str, **labels: str) -> float:
        with self._lock:
            return self._counters[name].get(tuple(sorted(labels.items())), 0.0)

    def render(self) -> str:
        lines: list[str] = []
        with self._lock:
            for name, (kind, help_text) in _HELP.items():
                lines += [f"# HELP {name} {help_text}", f"# TYPE {name} {kind}"]
                if kind == "counter":
                    for key, value in sorted(self._counters.get(name, {}).items()):
                        lines.append(f"{name}{_labels(key)} {value:g}")
                    continue
                for key, hist in sorted(self._histograms.get(name, {}).items()):
                    for bound, count in zip(LATENCY_BUCKETS, hist.counts, strict=True):
                        lines.append(f"{name}_bucket{_labels((*key, ('le', f'{bound:g}')))} {count}")
                    lines.append(f"{name}_bucket{_labels((*key, ('le', '+Inf')))} {hist.n}")
                    lines.append(f"{name}_sum{_labels(key)} {hist.total:.6f}")
                    lines.append(f"{name}_count{_labels(key)} {hist.n}")
        return "\n".join(lines) + "\n"
