"""Train the person-name rescoring model (`sakimori.pii.name_model`) on the project's read PII sets.

Candidates are every match of the context rules (whatever its score) and every noun the dictionary can read as
a name; a candidate is positive when it overlaps a gold person span by IoU ≥ 0.5. The model is a logistic
regression over hashed features, fitted by plain SGD with a fixed seed (same data, same weights). Only sets that
have already been read may be used: the newest blind set must stay out of training.

Run: `python -m sakimori.training.names [--out src/sakimori/data/model/names.npz] SET.jsonl …`
(default: bench/pii/testset.jsonl and every bench/pii/heldoutN.jsonl with N ≤ LAST_READ_SET, the sets read).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import numpy as np

from sakimori.pii.benchmark import iou, load_pii_testset
from sakimori.pii.name_model import DIMENSIONS, candidate_features, candidates, token_candidates, tokens

__all__ = ["build_examples", "main", "train"]


def build_examples(paths: list[Path]) -> tuple[list[list[int]], np.ndarray]:
    from sakimori.pii.names import rule_names

    features: list[list[int]] = []
    labels: list[float] = []
    for path in paths:
        for _, text, gold in load_pii_testset(path):
            spans = [(g.start, g.end) for g in gold if g.type == "person"]
            toks = tokens(text)
            starts = [t.begin for t in toks]
            for c in candidates(rule_names(text), toks):
                features.append(candidate_features(text, toks, starts, c))
                labels.append(float(any(iou(g, (c.start, c.end)) >= 0.5 for g in spans)))
    return features, np.array(labels)


def build_negatives(corpus: Path, limit: int = 4000) -> list[list[int]]:
    """Candidates from ordinary chat text the rules do not call names (上司, 会社, 絵本, katakana words): negatives
    that the PII sets, written to be full of personal data, have too few of. Taken from the classifier corpus'
    training split only, so its test split stays free for checking false names."""
    import json

    from sakimori.pii.names import rule_names

    features: list[list[int]] = []
    with corpus.open(encoding="utf-8") as handle:
        for line in list(handle)[:limit]:
            text = json.loads(line).get("text") or ""
            if not text:
                continue
            toks = tokens(text)
            starts = [t.begin for t in toks]
            confident = [(m.start, m.end) for m in rule_names(text) if m.score >= 0.5]
            for c in token_candidates(toks):
                if not any(a < c.end and c.start < b for a, b in confident):
                    features.append(candidate_features(text, toks, starts, c))
    return features


def train(
    features: list[list[int]], labels: np.ndarray, epochs: int = 8, rate: float = 0.5
) -> tuple[np.ndarray, float]:
    weights = np.zeros(DIMENSIONS, dtype=np.float64)
    bias = 0.0
    order = np.arange(len(features))
    for epoch in range(epochs):
        np.random.default_rng(epoch).shuffle(order)
        for i in order:
            idx = features[i]
            p = 1.0 / (1.0 + np.exp(-(weights[idx].sum() + bias)))
            g = p - labels[i]
            weights[idx] -= rate * g
            bias -= rate * g
    return weights, bias


# The held-out sets numbered up to this one have been read (their misses looked at and fixed); any set written
# later is blind until its first run is committed and it is read. Raise it when a blind set has been read.
LAST_READ_SET = 31


def held_out_number(path: Path) -> int:
    return int(re.sub(r"\D", "", path.stem) or 1)


def _default_sets(root: Path) -> list[Path]:
    held = sorted(root.glob("heldout*.jsonl"), key=held_out_number)
    return [root / "testset.jsonl", *(p for p in held if held_out_number(p) <= LAST_READ_SET)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="*", type=Path)
    parser.add_argument("--out", type=Path, default=Path("src/sakimori/data/model/names.npz"))
    parser.add_argument("--threshold", type=float, default=0.5)
    args = parser.parse_args(argv)
    sets = args.sets or _default_sets(Path("bench/pii"))
    features, labels = build_examples(sets)
    negatives = build_negatives(Path("src/sakimori/data/corpus/train.jsonl"))
    features += negatives
    labels = np.concatenate([labels, np.zeros(len(negatives))])
    weights, bias = train(features, labels)
    index = np.flatnonzero(weights).astype(np.int32)
    np.savez_compressed(
        args.out, index=index, value=weights[index].astype(np.float32), bias=bias, threshold=args.threshold
    )
    print(f"{len(labels)} candidates ({int(labels.sum())} names) from {len(sets)} sets -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
