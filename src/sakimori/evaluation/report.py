"""Human reports of an evaluation run (report.md, report.html with plots) and of a comparison (leaderboard).

Plots are PNGs made with matplotlib (the `eval` extra, imported here only) and embedded in the HTML as data URIs,
so a report is one file that can be mailed or archived. Labels are ASCII (codes, English names): a CI machine
may have no Japanese font.
"""

from __future__ import annotations

import base64
import html
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from sakimori.taxonomy import CATEGORIES

__all__ = ["compare_runs", "headline_rows", "write_reports"]


def _fmt(value: Any, digits: int = 3) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def _pct(value: Any) -> str:
    return "–" if value is None else f"{100 * value:.1f}%"


def _ci(value: Any) -> str:
    return "" if not value else f" [{value[0]:.3f}, {value[1]:.3f}]"


def headline_rows(metrics: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The headline table: what `make demo` prints and what the README quotes."""
    o = metrics["overall"]
    named = metrics["named"]
    prompt = metrics["slices"]["role"].get("prompt", {})
    response = metrics["slices"]["role"].get("response", {})
    asr = named["attack_success"]
    worst = max(asr.items(), key=lambda kv: kv[1]["asr"] or 0.0) if asr else None
    speed = metrics.get("speed", {})
    latency = speed.get("latency_ms", {})
    return [
        ("items", str(metrics["n"])),
        ("F1 (all)", _fmt(o["f1"]) + _ci(o.get("f1_ci95"))),
        ("precision / recall", f"{_fmt(o['precision'])} / {_fmt(o['recall'])}"),
        ("FPR (all safe items)", _pct(o["fpr"]) + _ci(o.get("fpr_ci95"))),
        ("F1 prompts", _fmt(prompt.get("f1"))),
        ("F1 responses", _fmt(response.get("f1"))),
        ("over-refusal (FPR on borderline)", f"{_pct(named['over_refusal']['fpr'])} of {named['over_refusal']['n']}"),
        ("refusals flagged as unsafe", f"{_pct(named['refusal']['fpr'])} of {named['refusal']['n']}"),
        ("category macro-F1", _fmt(metrics["categories"]["macro_f1"])),
        ("ROC-AUC / PR-AUC", f"{_fmt(o['roc_auc'])} / {_fmt(o['pr_auc'])}"),
        ("best-F1 threshold", f"{_fmt(o['best_f1_threshold'])} (F1 {_fmt(o['best_f1'])})"),
        ("calibration error (ECE)", _fmt(o["ece"])),
        ("worst attack (success rate)", f"{worst[0]} ({_pct(worst[1]['asr'])})" if worst else "–"),
        ("latency p50 / p99 per check", f"{_fmt(latency.get('p50'))} / {_fmt(latency.get('p99'))} ms"),
        ("throughput", f"{_fmt(speed.get('throughput_items_per_s'), 0)} items/s"),
    ]


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def _slice_rows(slices: Mapping[str, Any]) -> list[list[str]]:
    return [
        [name, str(m["n"]), _fmt(m["precision"]), _fmt(m["recall"]), _fmt(m["f1"]), _pct(m["fpr"])]
        for name, m in slices.items()
    ]


def _markdown(metrics: Mapping[str, Any], images: Sequence[str]) -> str:
    run = metrics.get("run", {})
    parts = [
        f"# sakimori eval: {run.get('name', '')}",
        f"Data: {', '.join(run.get('datasets', []))}  \nPolicy: {run.get('policy', '')}; detectors: "
        f"{', '.join(run.get('detectors', []))}; errors: {metrics.get('errors', 0)}",
        "## Headline",
        _table(["metric", "value"], headline_rows(metrics)),
    ]
    header = ["slice", "n", "precision", "recall", "F1", "FPR"]
    for name in ("role", "kind", "category", "attack"):
        if metrics["slices"].get(name):
            parts += [f"## By {name}", _table(header, _slice_rows(metrics["slices"][name]))]
    asr = metrics["named"]["attack_success"]
    if asr:
        parts += [
            "## Attack success rate per technique (unsafe attack items let through)",
            _table(
                ["technique", "n", "recall", "attack success", "recall ÷ plain recall"],
                [
                    [k, str(v["n"]), _fmt(v["recall"]), _pct(v["asr"]), _fmt(v["recall_vs_plain"])]
                    for k, v in asr.items()
                ],
            ),
        ]
    per = metrics["categories"]["per_category"]
    parts += [
        "## Per category (multi-label)",
        _table(
            ["code", "name", "support", "precision", "recall", "F1"],
            [
                [
                    c,
                    CATEGORIES[c].name_ja if c in CATEGORIES else c,
                    str(v["support"]),
                    _fmt(v["precision"]),
                    _fmt(v["recall"]),
                    _fmt(v["f1"]),
                ]
                for c, v in per.items()
            ],
        ),
    ]
    conf = metrics["categories"]["confusion"]
    parts += [
        "## Category confusion (rows: gold, columns: predicted top category)",
        _table(
            ["gold", *conf["predicted"]],
            [[g, *[str(x) for x in row]] for g, row in zip(conf["gold"], conf["matrix"], strict=True)],
        ),
    ]
    cost = metrics.get("cost") or {}
    if cost:
        parts += [
            "## Cost",
            _table(
                ["detector", "calls", "USD", "USD per 1k checks"],
                [
                    [k, str(v["calls"]), f"{v['usd']:.4f}", _fmt(v["usd_per_1k_checks"], 4)]
                    for k, v in cost["detectors"].items()
                ],
            ),
        ]
    speed = metrics.get("speed", {})
    if speed:
        lat = speed["latency_ms"]
        parts += [
            "## Speed",
            _table(
                ["p50 ms", "p95 ms", "p99 ms", "items/s", "workers", "peak RSS MB"],
                [
                    [
                        _fmt(lat["p50"]),
                        _fmt(lat["p95"]),
                        _fmt(lat["p99"]),
                        _fmt(speed["throughput_items_per_s"], 0),
                        str(speed["workers"]),
                        _fmt(speed["peak_rss_mb"], 0),
                    ]
                ],
            ),
        ]
    parts += [f"![{name}]({name})" for name in images]
    return "\n\n".join(parts) + "\n"


def _html(title: str, markdown_text: str, images: Mapping[str, bytes]) -> str:
    """A self-contained page: the Markdown tables rendered as HTML, and the plots as data URIs."""
    body: list[str] = []
    table: list[str] = []

    def flush() -> None:
        if not table:
            return
        rows = [r.strip("|").split(" | ") for r in table if not set(r) <= set("|-")]
        head, *rest = rows
        body.append(
            "<table><thead><tr>"
            + "".join(f"<th>{html.escape(c.strip())}</th>" for c in head)
            + "</tr></thead><tbody>"
            + "".join("<tr>" + "".join(f"<td>{html.escape(c.strip())}</td>" for c in r) + "</tr>" for r in rest)
            + "</tbody></table>"
        )
        table.clear()

    for line in markdown_text.splitlines():
        if line.startswith("|"):
            table.append(line)
            continue
        flush()
        if line.startswith("# "):
            body.append(f"<h1>{html.escape(line[2:])}</h1>")
        elif line.startswith("## "):
            body.append(f"<h2>{html.escape(line[3:])}</h2>")
        elif line.startswith("!["):
            name = line[line.index("(") + 1 : -1]
            if name in images:
                data = base64.b64encode(images[name]).decode()
                body.append(
                    f'<figure><img alt="{html.escape(name)}" src="data:image/png;base64,{data}">'
                    f"<figcaption>{html.escape(name)}</figcaption></figure>"
                )
        elif line.strip():
            body.append(f"<p>{html.escape(line.rstrip())}</p>")
    flush()
    style = (
        "body{font-family:system-ui,'Noto Sans JP',sans-serif;max-width:1100px;margin:2em auto;padding:0 1em}"
        "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;"
        "text-align:right}td:first-child,th:first-child{text-align:left}img{max-width:100%}"
    )
    return (
        f'<!DOCTYPE html>\n<html lang="ja"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
        f"<style>{style}</style></head><body>\n" + "\n".join(body) + "\n</body></html>\n"
    )


def _plots(out_dir: Path, metrics: Mapping[str, Any]) -> dict[str, bytes]:
    from sakimori.evaluation import plots

    made = {
        "pr_curve.png": plots.pr_curves({metrics.get("run", {}).get("name", "run"): metrics}),
        "roc_curve.png": plots.roc_curve(metrics),
        "category_f1.png": plots.category_f1({"run": metrics}),
        "score_histogram.png": plots.score_histogram(metrics),
    }
    if metrics["named"]["attack_success"]:
        made["attack_recall.png"] = plots.attack_recall(metrics)
    for name, png in made.items():
        (out_dir / name).write_bytes(png)
    return made


def write_reports(out_dir: Path, metrics: Mapping[str, Any]) -> None:
    images = _plots(out_dir, metrics)
    markdown_text = _markdown(metrics, list(images))
    (out_dir / "report.md").write_text(markdown_text, encoding="utf-8")
    title = f"sakimori eval: {metrics.get('run', {}).get('name', '')}"
    (out_dir / "report.html").write_text(_html(title, markdown_text, images), encoding="utf-8")


def compare_runs(run_dirs: Sequence[str | Path], out: str | Path) -> Path:
    """A leaderboard across runs on the same data: leaderboard.md, leaderboard.html and comparison plots."""
    from sakimori.errors import SakimoriError
    from sakimori.evaluation import plots

    runs: dict[str, Mapping[str, Any]] = {}
    for run_dir in run_dirs:
        path = Path(run_dir) / "metrics.json"
        try:
            metrics = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise SakimoriError(f"cannot read {path}: {exc}") from None
        name = Path(run_dir).name
        runs[name if name not in runs else str(run_dir)] = metrics
    sizes = {m["n"] for m in runs.values()}
    out_dir = Path(out)
    out_dir.mkdir(parents=True, exist_ok=True)
    header = [
        "run",
        "n",
        "F1",
        "precision",
        "recall",
        "FPR",
        "over-refusal",
        "category macro-F1",
        "worst attack recall",
        "p50 ms",
        "p99 ms",
        "items/s",
    ]
    rows = []
    for name, m in sorted(runs.items(), key=lambda kv: -(kv[1]["overall"]["f1"] or 0)):
        o, lat = m["overall"], m.get("speed", {}).get("latency_ms", {})
        recalls = [v["recall"] for v in m["named"]["attack_success"].values() if v["recall"] is not None]
        rows.append(
            [
                name,
                str(m["n"]),
                _fmt(o["f1"]),
                _fmt(o["precision"]),
                _fmt(o["recall"]),
                _pct(o["fpr"]),
                _pct(m["named"]["over_refusal"]["fpr"]),
                _fmt(m["categories"]["macro_f1"]),
                _fmt(min(recalls) if recalls else None),
                _fmt(lat.get("p50")),
                _fmt(lat.get("p99")),
                _fmt(m.get("speed", {}).get("throughput_items_per_s"), 0),
            ]
        )
    images = {
        "pr_curves.png": plots.pr_curves(runs),
        "category_f1.png": plots.category_f1(runs),
        "overrefusal_vs_recall.png": plots.overrefusal_vs_recall(runs),
        "latency_vs_f1.png": plots.latency_vs_f1(runs),
    }
    for name, png in images.items():
        (out_dir / name).write_bytes(png)
    note = "" if len(sizes) == 1 else f"\n\nWarning: the runs have different item counts {sorted(sizes)}."
    markdown_text = (
        "# sakimori leaderboard\n\n"
        + _table(header, rows)
        + note
        + "\n\n"
        + "\n\n".join(f"![{n}]({n})" for n in images)
        + "\n"
    )
    (out_dir / "leaderboard.md").write_text(markdown_text, encoding="utf-8")
    (out_dir / "leaderboard.html").write_text(_html("sakimori leaderboard", markdown_text, images), encoding="utf-8")
    return out_dir
