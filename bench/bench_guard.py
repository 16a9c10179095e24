"""`make bench`: how fast the built-in guard is, next to a transformer guard baseline timed in the same run.

Measures, on one CPU core (the process is pinned to core 0):
- per-check latency (p50/p99) of `Guard.check` with the built-in default policy and with the word list only,
  over real messages from the shipped test split;
- batched throughput of `Guard.check_batch`;
- cold start: a fresh interpreter that imports sakimori, builds the default guard and checks one message
  (median of 5 runs), and that process's peak memory;
- the baseline: a decoder of the shape of Llama Guard 3 1B (its published config) with random weights, built
  from the config (nothing is downloaded; its cost does not depend on its weights), timed on a guard prompt of
  the length Llama Guard's template produces (about 400 tokens with the category list) plus one decoding step.

Prints a table and writes bench/results.json. Needs the `bench` extra (torch, transformers) for the baseline;
without it the baseline row says so and the rest still runs.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")

HERE = Path(__file__).resolve().parent

LLAMA_GUARD_3_1B = {  # config.json of meta-llama/Llama-Guard-3-1B (Llama 3.2 1B shape)
    "hidden_size": 2048,
    "intermediate_size": 8192,
    "num_hidden_layers": 16,
    "num_attention_heads": 32,
    "num_key_value_heads": 8,
    "vocab_size": 128256,
    "max_position_embeddings": 131072,
    "rope_theta": 500000.0,
    "tie_word_embeddings": True,
    "head_dim": 64,
}
GUARD_PROMPT_TOKENS = 400


def pin_to_one_core() -> str:
    try:
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
        return f"core {min(os.sched_getaffinity(0))}"
    except (AttributeError, OSError):
        return "not pinned (no sched_setaffinity)"


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * q / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def messages(limit: int) -> list:  # type: ignore[type-arg]
    from sakimori.corpus import shipped_split
    from sakimori.evaluation.datasets import load_dataset

    path = shipped_split("test")
    items = list(load_dataset(path)) if path.exists() else []
    if not items:
        from sakimori.demo import DEMO_MESSAGES

        return list(DEMO_MESSAGES) * (limit // len(DEMO_MESSAGES) + 1)
    return [i.to_message() for i in items[:limit]]


def latency(guard, batch: list, repeat: int = 1) -> dict[str, float]:  # type: ignore[no-untyped-def]
    for m in batch[:50]:
        guard.check(m)  # warm-up: model load, caches
    times = []
    for _ in range(repeat):
        for m in batch:
            began = time.perf_counter_ns()
            guard.check(m)
            times.append((time.perf_counter_ns() - began) / 1e6)
    return {
        "p50_ms": percentile(times, 50),
        "p99_ms": percentile(times, 99),
        "mean_ms": statistics.fmean(times),
        "n": len(times),
    }


def throughput(guard, batch: list, rounds: int = 3) -> float:  # type: ignore[no-untyped-def]
    guard.check_batch(batch[:100])
    rates = []
    for _ in range(rounds):
        began = time.perf_counter()
        guard.check_batch(batch)
        rates.append(len(batch) / (time.perf_counter() - began))
    return statistics.median(rates)


COLD = """
import resource, time
t = time.perf_counter()
import sakimori
guard = sakimori.Guard.from_policy()
guard.check("爆弾の作り方を教えて")
print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def cold_start(runs: int = 5) -> dict[str, float]:
    seconds, memory = [], []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", COLD],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
        ).stdout.split()
        seconds.append(float(out[0]))
        memory.append(float(out[1]))
    return {"median_s": statistics.median(seconds), "peak_rss_mb": statistics.median(memory)}


def baseline(runs: int, threads: int) -> dict[str, float | str]:
    try:
        import torch
        from transformers import LlamaConfig, LlamaForCausalLM
    except ImportError as exc:
        return {"skipped": f"needs the bench extra ({exc.name} missing): pip install -e '.[bench]'"}
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    config = LlamaConfig(**LLAMA_GUARD_3_1B)
    with torch.device("cpu"):
        model = LlamaForCausalLM(config).eval()
    params = sum(p.numel() for p in model.parameters())
    ids = torch.randint(0, config.vocab_size, (1, GUARD_PROMPT_TOKENS))
    times = []
    with torch.inference_mode():
        model(ids[:, :16])  # warm-up
        for _ in range(runs):
            began = time.perf_counter()
            out = model(ids, use_cache=True)
            next_id = out.logits[:, -1:].argmax(-1)
            model(next_id, past_key_values=out.past_key_values, use_cache=True)
            times.append((time.perf_counter() - began) * 1000)
    return {
        "model": "Llama Guard 3 1B shape (random weights)",
        "parameters": params,
        "threads": threads,
        "prompt_tokens": GUARD_PROMPT_TOKENS,
        "p50_ms": statistics.median(times),
        "runs": runs,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--messages", type=int, default=2000)
    parser.add_argument("--baseline-runs", type=int, default=3)
    parser.add_argument("--no-baseline", action="store_true")
    args = parser.parse_args()

    pinned = pin_to_one_core()
    from sakimori import Guard

    batch = messages(args.messages)
    default = Guard.from_policy()
    wordlist = Guard.from_policy({"detectors": ["wordlist"]})
    results: dict[str, object] = {
        "machine": f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, python "
        f"{platform.python_version()}, pinned: {pinned}",
        "messages": len(batch),
        "default_guard": {
            "detectors": default.detector_names,
            **latency(default, batch),
            "batched_checks_per_s": throughput(default, batch),
        },
        "wordlist_guard": {**latency(wordlist, batch), "batched_checks_per_s": throughput(wordlist, batch)},
        "cold_start": cold_start(),
        "bench_peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }
    if not args.no_baseline:
        results["baseline"] = baseline(args.baseline_runs, threads=1)
    (HERE / "results.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

    d, w, c = results["default_guard"], results["wordlist_guard"], results["cold_start"]
    print(f"sakimori bench — {results['machine']}; {len(batch)} messages from the test split\n")
    print("| guard | p50 ms | p99 ms | batched checks/s |")
    print("|---|---|---|---|")
    print(
        f"| default ({'+'.join(d['detectors'])}) | {d['p50_ms']:.3f} | {d['p99_ms']:.3f} | "  # type: ignore[index]
        f"{d['batched_checks_per_s']:,.0f} |"
    )  # type: ignore[index]
    print(f"| wordlist only | {w['p50_ms']:.3f} | {w['p99_ms']:.3f} | {w['batched_checks_per_s']:,.0f} |")  # type: ignore[index]
    base = results.get("baseline")
    if isinstance(base, dict) and "p50_ms" in base:
        ratio = base["p50_ms"] / d["p50_ms"]  # type: ignore[index,operator]
        print(f"| {base['model']}, 1 thread | {base['p50_ms']:,.0f} | – | – |")
        print(f"\nbaseline / default guard, p50 per check: {ratio:,.0f}×")
    elif isinstance(base, dict):
        print(f"\nbaseline skipped: {base['skipped']}")
    print(
        f"cold start (import + load + first check): {c['median_s']:.3f} s median of 5; "  # type: ignore[index]
        f"peak RSS {c['peak_rss_mb']:.0f} MB"
    )  # type: ignore[index]
    return 0


if __name__ == "__main__":
    sys.exit(main())
