"""Build the shipped corpus: hand-written batches (data/raw) → deduplicated, augmented train/dev/test splits.

Leak-free by construction: items are grouped (union-find) by their `family`, by near-duplicate text (character
3-gram Jaccard ≥ NEAR_DUPLICATE_THRESHOLD), and by a shared prompt (a prompt and the responses to it); a whole group
goes to one split, chosen by a stable hash of the group. Augmented attack variants (red-team transforms of
harmful prompts) join their base item's family, so a variant never lands in another split than its base.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from sakimori.corpus.quality import NEAR_DUPLICATE_THRESHOLD, canonical, exact_duplicate_groups, near_duplicates
from sakimori.evaluation.datasets import DatasetError, Item, item_from_record, write_jsonl

__all__ = ["SPLITS", "BuildReport", "build_corpus", "load_raw"]

SPLITS: tuple[tuple[str, float], ...] = (("train", 0.70), ("dev", 0.15), ("test", 0.15))
AUGMENT_PER_TECHNIQUE = 60


@dataclass
class BuildReport:
    raw: int = 0
    dropped_duplicates: list[str] = field(default_factory=list)
    dropped_conflicts: list[str] = field(default_factory=list)
    augmented: int = 0
    groups: int = 0
    split_sizes: dict[str, int] = field(default_factory=dict)


def load_raw(raw_dir: Path) -> list[Item]:
    """Every item of every `*.jsonl` under `raw_dir`; all invalid lines are reported together."""
    items: list[Item] = []
    errors: list[str] = []
    seen: dict[str, str] = {}
    for path in sorted(raw_dir.rglob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                item = item_from_record(json.loads(line))
            except (ValueError, json.JSONDecodeError) as exc:
                errors.append(f"{where}: {exc}")
                continue
            if item.id in seen:
                errors.append(f"{where}: duplicate id {item.id!r} (first at {seen[item.id]})")
                continue
            seen[item.id] = where
            if not item.extra.get("family"):
                item = replace(item, extra={**item.extra, "family": item.id})
            items.append(item)
    if errors:
        shown = "\n".join(errors[:20])
        raise DatasetError(f"{len(errors)} invalid raw lines:\n{shown}")
    return items


def _dedupe(items: list[Item], report: BuildReport) -> list[Item]:
    """Keep one of each exact-duplicate group; drop groups whose labels disagree (and report them)."""
    drop: set[str] = set()
    for group in exact_duplicate_groups(items):
        labels = {(i.label, i.categories) for i in group}
        if len({label for label, _ in labels}) > 1:
            drop.update(i.id for i in group)
            report.dropped_conflicts.extend(i.id for i in group)
        else:
            keep = min(group, key=lambda i: (i.extra.get("writer") == "transform", i.id))
            dropped = [i.id for i in group if i is not keep]
            drop.update(dropped)
            report.dropped_duplicates.extend(dropped)
    return [i for i in items if i.id not in drop]


def _augment(items: Sequence[Item], per_technique: int, seed: int) -> list[Item]:
    """Attack variants of hand-written harmful prompts, spread evenly over categories."""
    from sakimori.evaluation.attacks import TRANSFORMS, apply

    rng = random.Random(seed)
    by_category: dict[str, list[Item]] = defaultdict(list)
    for item in items:
        if item.role == "prompt" and item.kind == "harmful" and item.attack is None and item.category:
            by_category[item.category].append(item)
    for pool in by_category.values():
        rng.shuffle(pool)
    order = sorted(by_category)
    out: list[Item] = []
    cursor = 0
    for technique in TRANSFORMS:
        for k in range(per_technique):
            pool = by_category[order[k % len(order)]]
            base = pool[cursor % len(pool)]
            cursor += 1
            text = apply(technique, base.text, seed=seed + cursor)
            if canonical(text) == canonical(base.text) and technique not in ("width-mix", "zero-width"):
                continue
            out.append(
                Item(
                    id=f"aug-{technique}-{base.id}",
                    role="prompt",
                    text=text,
                    label=base.label,
                    categories=base.categories,
                    kind="attack",
                    attack=technique,
                    extra={"family": base.extra.get("family", base.id), "writer": "transform", "base": base.id},
                )
            )
    return out


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # the root is a hand-written id when there is one, so augmented variants (aug-…) never decide the
            # split of a group: adding or renaming a transform does not move hand-written items between splits
            first, second = sorted((ra, rb), key=lambda x: (x.startswith("aug-"), x))
            self.parent[second] = first


def _groups(items: Sequence[Item], threshold: float) -> dict[str, str]:
    uf = _UnionFind()
    by_prompt: dict[str, str] = {}
    for item in items:
        uf.union(item.id, "family:" + str(item.extra.get("family", item.id)))
        if item.role == "prompt":
            key = canonical(item.text)
            if key in by_prompt:
                uf.union(item.id, by_prompt[key])
            else:
                by_prompt[key] = item.id
    for item in items:
        if item.role == "response" and item.prompt:
            key = canonical(item.prompt)
            if key in by_prompt:
                uf.union(item.id, by_prompt[key])
            else:
                by_prompt[key] = item.id
    for pair in near_duplicates(items, threshold=threshold):
        uf.union(pair.a, pair.b)
    return {item.id: uf.find(item.id) for item in items}


def _split_of(group: str, seed: int) -> str:
    digest = hashlib.sha256(f"{seed}:{group}".encode()).digest()
    point = int.from_bytes(digest[:8], "big") / 2**64
    total = 0.0
    for name, share in SPLITS:
        total += share
        if point < total:
            return name
    return SPLITS[-1][0]


def build_corpus(
    raw_dir: Path,
    out_dir: Path,
    *,
    seed: int = 13,
    threshold: float = NEAR_DUPLICATE_THRESHOLD,
    augment_per_technique: int = AUGMENT_PER_TECHNIQUE,
) -> BuildReport:
    report = BuildReport()
    items = load_raw(raw_dir)
    report.raw = len(items)
    items = _dedupe(items, report)
    if augment_per_technique:
        extra = _augment(items, augment_per_technique, seed)
        report.augmented = len(extra)
        items = _dedupe(items + extra, report)
    group_of = _groups(items, threshold)
    report.groups = len(set(group_of.values()))
    splits: dict[str, list[Item]] = {name: [] for name, _ in SPLITS}
    for item in items:
        splits[_split_of(group_of[item.id], seed)].append(item)
    for name, members in splits.items():
        members.sort(key=lambda i: i.id)
        report.split_sizes[name] = write_jsonl(out_dir / f"{name}.jsonl", members)
    return report
