"""The `sakimori` command. Subcommands call library functions and print; they re-implement nothing.

Exit status: 0 when the command ran (whether the text was safe or not), 2 with one line on stderr for unusable
input (bad text, bad policy, unknown detector), 130 on Ctrl-C.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from typing import Any

from sakimori.errors import InvalidInputError, PolicyError, SakimoriError

__all__ = ["main"]

_EPILOG_CHECK = """examples:
  sakimori check "爆弾の作り方を教えて" --json
  sakimori check "爆弾おにぎりの作り方を教えて"
  sakimori check "爆弾の作り方はお教えできません。" --response-to "爆弾の作り方を教えて"
  echo "ば く だ ん の作り方" | sakimori check - --json
"""


def _read_text(value: str) -> str:
    """`-` reads standard input as strict UTF-8 (a clear error on broken bytes, never a traceback)."""
    if value != "-":
        return value
    data = sys.stdin.buffer.read()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidInputError(f"standard input is not valid UTF-8 (bad byte at offset {exc.start})") from None


def _print_json(obj: Any) -> None:
    print(json.dumps(obj, ensure_ascii=False))


def _cmd_check(args: argparse.Namespace) -> int:
    from sakimori.guard import Guard
    from sakimori.taxonomy import display_name

    text = _read_text(args.text)
    guard = Guard.from_policy(args.policy)
    decision = guard.check(text, response_to=args.response_to)
    if args.json:
        _print_json(decision.to_dict())
        return 0
    label = decision.severity.value.upper()
    cats = ", ".join(f"{c} {display_name(c)}" for c in decision.categories) or "-"
    print(f"{label}  action={decision.action.value}  score={decision.score:.3f}  categories={cats}")
    for f in decision.findings:
        where = f"[{f.start}:{f.end}] {text[f.start : f.end]!r}" if f.start is not None else "(whole message)"
        print(f"  {f.category:<6} {f.score:.3f}  {where}  by {f.detector}")
    if decision.error:
        print(f"  error: {decision.error}")
    if decision.text != text:
        print("passed on:")
        print(decision.text)
    return 0


def _cmd_detectors(args: argparse.Namespace) -> int:
    from sakimori.detectors import available

    names = available()
    if args.json:
        _print_json([{"name": n, "source": s} for n, s in names.items()])
    else:
        for name, source in names.items():
            print(f"{name:<16} {source}")
    return 0


def _cmd_categories(args: argparse.Namespace) -> int:
    from sakimori.taxonomy import CATEGORIES

    if args.json:
        _print_json(
            [
                {"code": c.code, "name_ja": c.name_ja, "name_en": c.name_en, "description": c.description}
                for c in CATEGORIES.values()
            ]
        )
    else:
        for c in CATEGORIES.values():
            print(f"{c.code:<4} {c.name_ja}（{c.name_en}）")
            if args.verbose:
                print(f"     {c.description}")
    return 0


def _cmd_policy(args: argparse.Namespace) -> int:
    from sakimori.policy import load_policy

    policy = load_policy(args.file)
    names = ", ".join(s.name for s in policy.detectors)
    print(
        f"ok: {args.file}: detectors {names}; {len(policy.rules)} category rules; "
        f"{len(policy.custom_categories)} user categories; on_error {policy.on_error.value}"
    )
    return 0


def _cmd_eval(args: argparse.Namespace) -> int:
    from sakimori.evaluation.report import compare_runs, headline_rows

    if args.compare:
        if args.datasets:
            raise InvalidInputError("give either data sets or --compare RUN_DIR…, not both")
        out = compare_runs(args.compare, args.out)
        print((out / "leaderboard.md").read_text(encoding="utf-8").split("\n\n![")[0])
        print(f"\nleaderboard: {out / 'leaderboard.html'}")
        return 0
    if not args.datasets:
        raise InvalidInputError("no data set given (sakimori eval DATASET.jsonl … --out DIR)")
    if args.workers < 1 or (args.limit is not None and args.limit < 1):
        raise InvalidInputError("--workers and --limit must be at least 1")
    from sakimori.evaluation.runner import run_eval

    result = run_eval(
        args.datasets,
        args.out,
        policy=args.policy,
        limit=args.limit,
        workers=args.workers,
        skip_invalid=args.skip_invalid,
        bootstrap=args.bootstrap,
        progress=not args.no_progress,
    )
    width = max(len(k) for k, _ in headline_rows(result.metrics))
    for key, value in headline_rows(result.metrics):
        print(f"{key:<{width}}  {value}")
    if result.metrics["run"]["skipped_invalid"]:
        print(f"skipped invalid lines: {result.metrics['run']['skipped_invalid']}")
    print(f"\nreport: {result.out / 'report.html'}")
    return 0


# The design each shipped model is trained with (chosen on the dev comparison, see docs/model-comparison.md).
SHIPPED_DESIGNS = {
    "default": "char+cues+context (no Sudachi) C=64 min_df=5",
    "accurate": "char+words+cues+context+ja-ginza vectors C=64",
}


def _cmd_train(args: argparse.Namespace) -> int:
    from pathlib import Path

    from sakimori.corpus import shipped_corpus_dir
    from sakimori.detectors.classifier import SHIPPED_MODELS, shipped_model_path
    from sakimori.evaluation.datasets import load_dataset
    from sakimori.training.classifier import DESIGNS, evaluate_model, fit_model

    target = args.out or "default"
    if args.design is None:
        args.design = SHIPPED_DESIGNS.get(target, SHIPPED_DESIGNS["default"])
    corpus = Path(args.corpus) if args.corpus else shipped_corpus_dir()
    train, dev, test = (list(load_dataset(corpus / f"{n}.jsonl")) for n in ("train", "dev", "test"))
    names = list(DESIGNS) if args.compare else [args.design]
    unknown = [n for n in names if n not in DESIGNS]
    if unknown:
        raise InvalidInputError(f"unknown design {unknown[0]!r}; designs: {', '.join(DESIGNS)}")
    rows = []
    chosen = None
    skipped = []
    for name in names:
        try:
            model = fit_model(train, dev, DESIGNS[name], seed=args.seed)
        except RuntimeError as exc:  # the vectors design without ja-ginza installed
            if not args.compare:
                raise InvalidInputError(str(exc)) from None
            skipped.append(f"| {name} | skipped: {exc} |")
            continue
        m = evaluate_model(model, dev)
        role = m["slices"]["role"]
        rows.append(
            (
                name,
                m["overall"]["f1"],
                role.get("prompt", {}).get("f1"),
                role.get("response", {}).get("f1"),
                m["named"]["over_refusal"]["fpr"],
                m["categories"]["macro_f1"],
                model.meta["operating_threshold"],
                len(model.vocabulary),
                model.meta["train_seconds"],
                m["single_check_us_p50"],
            )
        )
        if name == args.design:
            chosen = model
    header = (
        "| design (dev split, at its operating threshold) | F1 | F1 prompts | F1 responses | borderline FPR "
        "| category macro-F1 | threshold | features | train s | µs/check p50 |"
    )
    lines = [header, "|" + "---|" * 10]
    for name, f1, fp, fr, fpr, macro, op, n, secs, us in rows:
        lines.append(
            f"| {name} | {f1:.3f} | {fp:.3f} | {fr or 0:.3f} | {100 * (fpr or 0):.1f}% | {macro or 0:.3f} "
            f"| {op:.2f} | {n:,} | {secs:.1f} | {us:.0f} |"
        )
    lines += skipped
    print("\n".join(lines))
    if args.compare and args.table:
        import platform

        heading = [
            "# Classifier designs compared on the dev split",
            "",
            f"Written by `sakimori train --compare --table {args.table}` (seed {args.seed}) on {len(train):,} train "
            f"and "
            f"{len(dev):,} dev items of `{corpus}`; µs/check is the median of single-message checks measured in the "
            f"same process on {platform.processor() or platform.machine()}, one thread. Each design is scored at its "
            "own operating threshold: the best F1 on dev whose borderline false-positive rate is at most 5 %.",
            "",
        ]
        Path(args.table).write_text("\n".join(heading + lines) + "\n", encoding="utf-8")
    if chosen is None:
        raise InvalidInputError(f"--design {args.design!r} is not among the trained designs")
    test_metrics = evaluate_model(chosen, test)
    o = test_metrics["overall"]
    over = 100 * (test_metrics["named"]["over_refusal"]["fpr"] or 0)
    print(
        f"\ntest ({len(test)} items), design {chosen.meta['design']}, threshold "
        f"{chosen.meta['operating_threshold']:.2f}: F1 {o['f1']:.3f}, "
        f"precision {o['precision']:.3f}, recall {o['recall']:.3f}, borderline FPR {over:.1f}%"
    )
    out = shipped_model_path(target) if target in SHIPPED_MODELS else Path(target)
    chosen.meta["test_f1"] = o["f1"]
    chosen.save(out)
    print(f"model: {out} ({out.stat().st_size / 1e6:.1f} MB)")
    return 0


def _cmd_data_build(args: argparse.Namespace) -> int:
    from pathlib import Path

    from sakimori.corpus import shipped_corpus_dir
    from sakimori.corpus.build import build_corpus

    out = Path(args.out) if args.out else shipped_corpus_dir()
    report = build_corpus(Path(args.raw), out, seed=args.seed, augment_per_technique=args.augment)
    print(
        f"raw items: {report.raw}; exact duplicates dropped: {len(report.dropped_duplicates)}; "
        f"label conflicts dropped: {len(report.dropped_conflicts)}; augmented: {report.augmented}; "
        f"groups: {report.groups}"
    )
    for name, size in report.split_sizes.items():
        print(f"  {name}: {size} items -> {out / (name + '.jsonl')}")
    return 0


def _cmd_data_check(args: argparse.Namespace) -> int:
    from pathlib import Path

    from sakimori.corpus import shipped_corpus_dir
    from sakimori.corpus.check import check_corpus

    report = check_corpus(Path(args.corpus) if args.corpus else shipped_corpus_dir())
    for line in report.lines:
        print(line)
    for line in report.review:
        print(f"review: {line}")
    for line in report.failures:
        print(f"FAIL: {line}")
    print("data check: " + ("ok" if report.ok else f"{len(report.failures)} failures"))
    return 0 if report.ok else 1


def _cmd_data_import(args: argparse.Namespace) -> int:
    from sakimori.evaluation.datasets import write_jsonl
    from sakimori.evaluation.importers import import_file

    options = {}
    if args.annotators:
        options["annotators"] = args.annotators.split(",")
    result = import_file(args.format, args.path, **options)
    count = write_jsonl(args.out, result.items)
    unsafe = sum(i.unsafe for i in result.items)
    print(f"imported {count} items ({unsafe} unsafe, {count - unsafe} safe) -> {args.out}")
    for reason, n in sorted(result.dropped.items()):
        print(f"  dropped {n}: {reason}")
    return 0


def _cmd_demo(args: argparse.Namespace) -> int:
    from sakimori.demo import run_demo

    return run_demo(args.policy, out=args.out, evaluate=not args.no_eval)


_LOOPBACK = ("127.0.0.1", "::1", "localhost")


def _cmd_serve(args: argparse.Namespace) -> int:
    try:
        import uvicorn

        from sakimori.server import ServerConfig, create_app
        from sakimori.server.keys import load_key_hashes
    except ImportError as exc:
        raise PolicyError(
            f"the server needs its extra: pip install 'sakimori[server]' ({exc.name} is missing)"
        ) from None
    hashes = load_key_hashes(args.api_keys)
    if not hashes and args.host not in _LOOPBACK and not args.no_auth:
        raise PolicyError(
            f"refusing to serve on {args.host} without API keys: give --api-keys FILE or SAKIMORI_API_KEYS, "
            "or --no-auth to accept anyone"
        )
    if not args.upstream.startswith(("http://", "https://")):
        raise PolicyError(f"--upstream must be an http(s) URL, not {args.upstream!r}")
    config = ServerConfig(
        upstream=args.upstream,
        policy=args.policy,
        upstream_api_key=args.upstream_key or os.environ.get("SAKIMORI_UPSTREAM_API_KEY"),
        upstream_timeout=args.upstream_timeout,
        request_timeout=args.request_timeout,
        max_body_bytes=args.max_body_bytes,
        key_hashes=hashes,
        audit=None if args.audit in ("", "none") else args.audit,
        audit_text=args.audit_text,
        stream_window=args.stream_window,
        stream_check_every=args.stream_check_every,
    )
    try:
        app = create_app(config)
    except RuntimeError as exc:  # the audit log could not be opened
        raise PolicyError(str(exc)) from None
    uvicorn.run(app, host=args.host, port=args.port, log_level=args.log_level)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sakimori",
        description="sakimori (防人): a Japanese-first guardrail for LLMs. Checks prompts and responses against a "
        "policy that maps harm categories (S1–S14) to actions.",
    )
    from sakimori import __version__

    parser.add_argument("--version", action="version", version=f"sakimori {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = sub.add_parser(
        "check",
        help="check one prompt or response",
        description="Check one text. Without --response-to it is a user prompt (input rail); "
        "with it, an assistant response to that prompt (output rail).",
        epilog=_EPILOG_CHECK,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    check.add_argument("text", metavar="TEXT", help="the text to check, or - to read UTF-8 from standard input")
    check.add_argument("--response-to", metavar="PROMPT", help="treat TEXT as the answer to this user prompt")
    check.add_argument("--policy", metavar="FILE", help="policy YAML (default: the built-in policy)")
    check.add_argument("--json", action="store_true", help="print one JSON object (the stable contract)")
    check.set_defaults(func=_cmd_check)

    det = sub.add_parser("detectors", help="list the detectors that can be named in a policy")
    det.add_argument("--json", action="store_true")
    det.set_defaults(func=_cmd_detectors)

    cats = sub.add_parser("categories", help="list the harm categories S1–S14")
    cats.add_argument("--json", action="store_true")
    cats.add_argument("-v", "--verbose", action="store_true", help="include what each category covers")
    cats.set_defaults(func=_cmd_categories)

    pol = sub.add_parser(
        "policy",
        help="validate a policy file",
        description="Validate a policy YAML file.",
        epilog="example:\n  sakimori policy examples/policy.yaml",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    pol.add_argument("file", metavar="FILE")
    pol.set_defaults(func=_cmd_policy)

    ev = sub.add_parser(
        "eval",
        help="evaluate a guard on data sets; write predictions, metrics and reports",
        description="Run the guard over every item of the data sets (JSONL, see DESIGN.md) and "
        "write DIR/predictions.jsonl, DIR/metrics.json, DIR/report.md and DIR/report.html. "
        "With --compare, build a leaderboard from earlier runs instead.",
        epilog="examples:\n  sakimori eval src/sakimori/data/corpus/test.jsonl --out runs/default\n"
        "  sakimori eval test.jsonl --policy strict.yaml --out runs/strict --workers 8\n"
        "  sakimori eval --compare runs/default runs/strict --out runs/board",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ev.add_argument("datasets", nargs="*", metavar="DATASET.jsonl")
    ev.add_argument("--out", required=True, metavar="DIR", help="output folder")
    ev.add_argument("--policy", metavar="FILE", help="policy YAML (default: the built-in policy)")
    ev.add_argument("--limit", type=int, metavar="N", help="only the first N items")
    ev.add_argument("--workers", type=int, default=1, metavar="N", help="check N items at a time (threads)")
    ev.add_argument("--skip-invalid", action="store_true", help="count and skip invalid lines instead of failing")
    ev.add_argument("--bootstrap", type=int, default=1000, metavar="N", help="bootstrap resamples for 95%% CIs")
    ev.add_argument("--no-progress", action="store_true", help="no progress bar")
    ev.add_argument("--compare", nargs="+", metavar="RUN_DIR", help="build a leaderboard from these runs")
    ev.set_defaults(func=_cmd_eval)

    tr = sub.add_parser(
        "train",
        help="train the built-in classifier from the corpus (needs the 'train' extra)",
        description="Train the built-in classifier on the train split, calibrate and pick "
        "per-category thresholds on dev, report test, and save the model.",
    )
    tr.add_argument("--corpus", metavar="DIR", help="folder with train/dev/test.jsonl (default: shipped corpus)")
    tr.add_argument(
        "--out",
        metavar="NAME|FILE.npz",
        help="'default' or 'accurate' (the shipped models, each with its own design) or a file (default: default)",
    )
    tr.add_argument("--design", help="the design to save (see --compare; default: the one of the shipped model)")
    tr.add_argument("--compare", action="store_true", help="train every design and print the dev comparison")
    tr.add_argument("--table", metavar="FILE.md", help="with --compare, also write the table to this file")
    tr.add_argument("--seed", type=int, default=13)
    tr.set_defaults(func=_cmd_train)

    data = sub.add_parser("data", help="build and check the corpus")
    data_sub = data.add_subparsers(dest="data_command", required=True, metavar="ACTION")
    build = data_sub.add_parser("build", help="raw hand-written batches -> deduplicated, augmented splits")
    build.add_argument("--raw", default="data/raw", help="folder of raw JSONL batches (default: data/raw)")
    build.add_argument("--out", help="output folder (default: the corpus shipped in the package)")
    build.add_argument("--seed", type=int, default=13)
    build.add_argument("--augment", type=int, default=60, help="augmented attack variants per technique")
    build.set_defaults(func=_cmd_data_build)
    imp = data_sub.add_parser(
        "import",
        help="convert a public data set file into the project's JSONL format",
        description="Convert a local file of a public Japanese safety data set. Formats: "
        "dna-ja, answercarefully, xstest, toxicity, rtp-lx, polyguard (= wildguardmix). "
        "Generic text items are imported as prompts.",
    )
    imp.add_argument("format", metavar="FORMAT")
    imp.add_argument("path", metavar="PATH")
    imp.add_argument("--out", required=True, metavar="FILE.jsonl")
    imp.add_argument("--annotators", metavar="COL,COL", help="toxicity: the per-annotator columns")
    imp.set_defaults(func=_cmd_data_import)
    dcheck = data_sub.add_parser("check", help="duplicates, leakage, label consistency, counts, personal data")
    dcheck.add_argument("--corpus", help="folder with train/dev/test.jsonl (default: the shipped corpus)")
    dcheck.set_defaults(func=_cmd_data_check)

    serve = sub.add_parser(
        "serve",
        help="run the OpenAI-compatible guard proxy, moderation API and audit log",
        description="Serve /v1/chat/completions (input rail, upstream, output rail; streams moderated with a held-back "
        "window), /v1/moderations (OpenAI schema), /v1/guard/check, /healthz and /metrics. Point the openai client's "
        "base_url at http://HOST:PORT/v1.",
        epilog="example:\n  sakimori serve --policy examples/policy.yaml --upstream http://127.0.0.1:8000/v1\n"
        "  # then: OpenAI(base_url='http://127.0.0.1:8787/v1', api_key='…').chat.completions.create(…)",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    serve.add_argument("--upstream", required=True, metavar="URL", help="base URL of the model server (…/v1)")
    serve.add_argument("--policy", metavar="FILE", help="policy YAML (default: the built-in policy)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8787)
    serve.add_argument("--api-keys", metavar="FILE", help="client API keys, one per line (plain or sha256:HEX)")
    serve.add_argument("--no-auth", action="store_true", help="serve on a non-loopback address without API keys")
    serve.add_argument("--upstream-key", metavar="KEY", help="API key for the upstream (or SAKIMORI_UPSTREAM_API_KEY)")
    serve.add_argument("--upstream-timeout", type=float, default=60.0, metavar="S")
    serve.add_argument("--request-timeout", type=float, default=120.0, metavar="S")
    serve.add_argument("--max-body-bytes", type=int, default=1_000_000, metavar="N")
    serve.add_argument(
        "--audit",
        default="sakimori-audit.sqlite3",
        metavar="PATH|URL",
        help="SQLite file or postgresql:// URL for the audit log; 'none' to disable",
    )
    serve.add_argument("--audit-text", action="store_true", help="store the checked texts in the audit log")
    serve.add_argument(
        "--stream-window",
        type=int,
        default=64,
        metavar="CHARS",
        help="characters held back from the client until more context has been checked",
    )
    serve.add_argument("--stream-check-every", type=int, default=32, metavar="CHARS")
    serve.add_argument("--log-level", default="info", choices=["critical", "error", "warning", "info", "debug"])
    serve.set_defaults(func=_cmd_serve)

    demo = sub.add_parser("demo", help="evaluate the built-in guard on the benchmark test split, then show hard cases")
    demo.add_argument("--policy", metavar="FILE")
    demo.add_argument("--out", default="runs/demo", metavar="DIR", help="where the evaluation report goes")
    demo.add_argument("--no-eval", action="store_true", help="only the hard cases, not the benchmark")
    demo.set_defaults(func=_cmd_demo)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8", errors="backslashreplace")
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except SakimoriError as exc:
        print(f"sakimori: error: {' '.join(str(exc).split())}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
