"""`sakimori data check`: every check the corpus must pass before it ships (run by `make data-check`).

Fails on: schema errors, exact duplicates, near duplicates across splits (leakage), near-identical items with
different labels, counts below the minimums of the data card, and personal data that is not obviously fake.
Lists for human review: unsafe responses that contain quantities or code (the data must stay non-operational).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sakimori.corpus.quality import (
    NEAR_DUPLICATE_THRESHOLD,
    count_items,
    exact_duplicate_groups,
    label_conflicts,
    near_duplicates,
)
from sakimori.evaluation.datasets import Item, load_dataset
from sakimori.taxonomy import CATEGORIES

__all__ = ["MINIMUMS", "CheckReport", "check_corpus", "check_splits"]

MINIMUMS = {
    "harmful prompts per category": 300,
    "benign prompts": 2000,
    "borderline prompts": 1200,
    "responses": 1500,
    "attack variants": 800,
}

# Public help lines may appear as they are; every other phone number must be an obvious fake (090-0000-xxxx).
# いのちの電話, こころの健康相談統一ダイヤル, よりそいホットライン, #いのちSOS, チャイルドライン, DV相談＋,
# 中毒110番 (大阪・つくば), 24時間子供SOSダイヤル, みんなの人権110番, 法テラス: institutions' published numbers,
# not personal data.
_PUBLIC_NUMBERS = {
    "0570-783-556",
    "0570-064-556",
    "0120-279-338",
    "0120-061-338",
    "0120-783-556",
    "0120-99-7777",
    "0120-279-889",
    "072-727-2499",
    "029-852-9999",
    "0120-0-78310",
    "0570-003-110",  # みんなの人権110番
    "0570-078374",  # 法テラス
}
_PHONE = re.compile(r"(?<!\d)0\d{1,4}[-‐ー−]\d{1,4}[-‐ー−]\d{3,4}(?!\d)")
_FAKE_PHONE = re.compile(r"0\d0[-‐ー−]0000[-‐ー−]\d{4}|0\d{1,4}[-‐ー−]0{2,4}[-‐ー−]\d{3,4}|0{4}")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@([A-Za-z0-9.-]+\.[A-Za-z]{2,})")
_FAKE_DOMAINS = re.compile(r"(^|\.)(example\.(com|jp|org|net|co\.jp)|test|invalid|localhost|example)$")
_QUANTITY = re.compile(
    r"\d+(?:\.\d+)?\s*(?:g|mg|kg|ml|mL|l|L|cc|グラム|ミリグラム|キロ|リットル|錠|%|％|℃|度)(?![a-zA-Z])"
)
_CODE = re.compile(r"```|\bimport\s+\w+|\bsubprocess\.|\bos\.system|\beval\(|#include")


@dataclass
class CheckReport:
    failures: list[str] = field(default_factory=list)
    review: list[str] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures


def _minimum_counts(items: Sequence[Item]) -> dict[str, int | dict[str, int]]:
    harmful = Counter(i.category for i in items if i.role == "prompt" and i.kind == "harmful" and i.unsafe)
    return {
        "harmful prompts per category": {c: harmful.get(c, 0) for c in CATEGORIES},
        "benign prompts": sum(1 for i in items if i.role == "prompt" and i.kind == "benign"),
        "borderline prompts": sum(1 for i in items if i.role == "prompt" and i.kind == "borderline"),
        "responses": sum(1 for i in items if i.role == "response"),
        "attack variants": sum(1 for i in items if i.kind == "attack" or (i.attack and i.unsafe)),
    }


def _screen_personal_data(item: Item) -> list[str]:
    problems = []
    for text in (item.text, item.prompt or ""):
        for match in _PHONE.finditer(text):
            number = match.group()
            if number not in _PUBLIC_NUMBERS and not _FAKE_PHONE.search(number):
                problems.append(f"{item.id}: phone number {number} is not an obvious fake (use 090-0000-xxxx)")
        for match in _EMAIL.finditer(text):
            if not _FAKE_DOMAINS.search(match.group(1).lower()):
                problems.append(f"{item.id}: e-mail domain {match.group(1)} is not a reserved example domain")
    return problems


def check_splits(splits: Mapping[str, Sequence[Item]], threshold: float = NEAR_DUPLICATE_THRESHOLD) -> CheckReport:
    report = CheckReport()
    everything = [i for members in splits.values() for i in members]
    ids = Counter(i.id for i in everything)
    report.failures += [f"id {i!r} appears {n} times across splits" for i, n in ids.items() if n > 1]
    for group in exact_duplicate_groups(everything):
        report.failures.append("exact duplicates: " + ", ".join(i.id for i in group))
    names = list(splits)
    for x in range(len(names)):
        for y in range(x + 1, len(names)):
            pairs = near_duplicates(splits[names[x]], splits[names[y]], threshold=threshold)
            report.lines.append(f"near duplicates {names[x]}↔{names[y]} at Jaccard ≥ {threshold}: {len(pairs)}")
            report.failures += [
                f"leak {names[x]}:{p.a} ~ {names[y]}:{p.b} (Jaccard {p.similarity:.2f})" for p in pairs[:50]
            ]
    conflicts = label_conflicts(everything)
    report.lines.append(f"label conflicts (Jaccard ≥ 0.9, different labels): {len(conflicts)}")
    report.failures += [f"label conflict {p.a} ~ {p.b} ({p.similarity:.2f})" for p in conflicts]
    for item in everything:
        report.failures += _screen_personal_data(item)
        if item.role == "response" and item.unsafe and (_QUANTITY.search(item.text) or _CODE.search(item.text)):
            report.review.append(f"{item.id}: unsafe response with a quantity or code: {item.text[:80]!r}")
    minimums = _minimum_counts(everything)
    for name, minimum in MINIMUMS.items():
        value = minimums[name]
        if isinstance(value, dict):
            low = {c: n for c, n in value.items() if n < minimum}
            report.lines.append(f"{name}: min {min(value.values())} (need ≥ {minimum})")
            if low:
                report.failures.append(f"{name} below {minimum}: {low}")
        else:
            report.lines.append(f"{name}: {value} (need ≥ {minimum})")
            if value < minimum:
                report.failures.append(f"{name}: {value} < {minimum}")
    for name, members in splits.items():
        counts = count_items(members)
        report.lines.append(
            f"{name}: {len(members)} items; " + ", ".join(f"{k}={v}" for k, v in sorted(counts["role/label"].items()))
        )
    return report


def check_corpus(corpus_dir: Path, threshold: float = NEAR_DUPLICATE_THRESHOLD) -> CheckReport:
    splits = {}
    for name in ("train", "dev", "test"):
        splits[name] = list(load_dataset(corpus_dir / f"{name}.jsonl"))
    return check_splits(splits, threshold)
