"""The word-list baseline: substring matching on normalised text, with exceptions, intent cues and refusals.

Japanese has no word boundaries, so `\\b`-style deny lists (Presidio, llm-guard's BanSubstrings) miss 爆弾 inside
爆弾の作り方. This detector matches substrings of the normalised text instead, and handles the borderline that a
bare list gets wrong: 爆弾おにぎり is an exception that wins over 爆弾; a topic word alone (爆弾について) scores low,
while a topic word with a request cue (作り方, 入手) scores high; prevention cues (対策, 見分け方) and, for assistant
messages, refusals (お手伝いできません) lower the score. It is a floor for other guards to beat, not the product.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from sakimori.errors import PolicyError
from sakimori.normalize import FUSEJI, normalize
from sakimori.taxonomy import CATEGORIES, Category
from sakimori.types import Finding, Message, Verdict

__all__ = ["WordListDetector", "trie_regex"]

STRONG_SCORE = 0.92
COMBINED_SCORE = 0.88
REQUEST_SCORE = 0.85
TOPIC_SCORE = 0.35
PROTECTIVE_FACTOR = 0.5
REFUSAL_FACTOR = 0.3
CONTEXT_COMPLIANCE_SCORE = 0.75


def trie_regex(words: Iterable[str]) -> re.Pattern[str]:
    """One regex for many literal words, shaped as a trie so matching costs O(text), not O(text × words).

    At each position it prefers the longest word, which is how exceptions (爆弾おにぎり) beat their terms (爆弾).
    """
    trie: dict[str, Any] = {}
    for word in words:
        if not word:
            continue
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = True

    def emit(node: dict[str, Any]) -> str | None:
        if "" in node and len(node) == 1:
            return None
        alternatives: list[str] = []
        singles: list[str] = []
        for ch in sorted(k for k in node if k):
            sub = emit(node[ch])
            if sub is None:
                singles.append(re.escape(ch))
            else:
                alternatives.append(re.escape(ch) + sub)
        if singles:
            alternatives.append(singles[0] if len(singles) == 1 else "[" + "".join(singles) + "]")
        body = alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"
        return f"(?:{body})?" if "" in node else body

    if not trie:
        return re.compile(r"(?!)")  # matches nothing: an empty cue list must never fire
    return re.compile(emit(trie) or "")


@dataclass(frozen=True)
class _Entry:
    category: str
    kind: str  # "strong" | "term" | "except"
    term: str


@dataclass(frozen=True)
class _Lists:
    """The compiled word list: one trie for all category words, one per cue list."""

    words: re.Pattern[str]
    entries: dict[str, tuple[_Entry, ...]]
    request: re.Pattern[str]
    protective: re.Pattern[str]
    refusal: re.Pattern[str]
    compliance: re.Pattern[str]
    combine: dict[str, re.Pattern[str]]


def _norm(term: object, where: str) -> str:
    if not isinstance(term, str) or not term.strip():
        raise PolicyError(f"word list {where}: every entry must be a non-empty string, got {term!r}")
    return normalize(term.strip()).text


def _with_masks(term: str) -> list[str]:
    """The term plus its 伏せ字 variants (one character hidden: ば*だん), for terms long enough to stay specific."""
    if len(term) < 3:
        return [term]
    return [term] + [term[:i] + FUSEJI + term[i + 1 :] for i in range(len(term)) if not term[i].isspace()]


def _compile(raw: Mapping[str, Any], custom: Sequence[Category], source: str) -> _Lists:
    if not isinstance(raw, Mapping):
        raise PolicyError(f"word list {source}: the top level must be a mapping")
    allowed = {"request", "protective", "refusal", "compliance", "categories"}
    unknown = set(raw) - allowed
    if unknown:
        raise PolicyError(f"word list {source}: unknown key(s) {sorted(unknown)}; allowed: {sorted(allowed)}")

    def cue(name: str) -> re.Pattern[str]:
        values = raw.get(name) or []
        if not isinstance(values, list):
            raise PolicyError(f"word list {source}: {name!r} must be a list")
        return trie_regex(_norm(v, f"{source} {name}") for v in values)

    entries: dict[str, list[_Entry]] = {}
    combine: dict[str, re.Pattern[str]] = {}
    categories = raw.get("categories") or {}
    if not isinstance(categories, Mapping):
        raise PolicyError(f"word list {source}: 'categories' must be a mapping of code to lists")
    for code, spec in categories.items():
        if not isinstance(spec, Mapping):
            raise PolicyError(f"word list {source}: category {code!r} must be a mapping")
        bad = set(spec) - {"strong", "terms", "except", "combine_with"}
        if bad:
            raise PolicyError(f"word list {source}: category {code!r} has unknown key(s) {sorted(bad)}")
        for kind, key in (("strong", "strong"), ("term", "terms"), ("except", "except")):
            for value in spec.get(key) or []:
                term = _norm(value, f"{source} {code}.{key}")
                variants = [term] if kind == "except" else _with_masks(term)
                for variant in variants:
                    entries.setdefault(variant, []).append(_Entry(str(code), kind, term))
        if spec.get("combine_with"):
            combine[str(code)] = trie_regex(_norm(v, f"{source} {code}.combine_with") for v in spec["combine_with"])
    for category in custom:
        for value in category.terms:
            term = _norm(value, f"custom category {category.code}")
            for variant in _with_masks(term):
                entries.setdefault(variant, []).append(_Entry(category.code, "strong", term))
    return _Lists(
        words=trie_regex(entries),
        entries={k: tuple(v) for k, v in entries.items()},
        request=cue("request"),
        protective=cue("protective"),
        refusal=cue("refusal"),
        compliance=cue("compliance"),
        combine=combine,
    )


CUE_NAMES = ("request", "protective", "refusal", "compliance")


def builtin_cue_patterns() -> dict[str, re.Pattern[str]]:
    """Only the intent cues of the built-in list (依頼・方法 / 予防・対策 / refusal / compliance), for the
    classifier's features: compiling the whole list with its categories costs ~0.3 s of cold start."""
    text = resources.files("sakimori.data").joinpath("wordlist.yaml").read_text(encoding="utf-8")
    raw = yaml.safe_load(text)
    return {
        name: trie_regex(_norm(v, f"built-in wordlist.yaml {name}") for v in raw.get(name) or []) for name in CUE_NAMES
    }


@dataclass
class WordListDetector:
    """Word-list baseline. `wordlist` is a YAML file in the format of the built-in `data/wordlist.yaml`."""

    wordlist: str | None = None
    custom_categories: tuple[Category, ...] = ()
    name: str = "wordlist"
    cost: float = 0.01
    categories: frozenset[str] = field(default_factory=lambda: frozenset(CATEGORIES))

    def __post_init__(self) -> None:
        self.custom_categories = tuple(self.custom_categories)
        self.categories = frozenset(self.categories) | {c.code for c in self.custom_categories}

    @cached_property
    def _lists(self) -> _Lists:
        if self.wordlist is None:
            text = resources.files("sakimori.data").joinpath("wordlist.yaml").read_text(encoding="utf-8")
            source = "built-in wordlist.yaml"
        else:
            try:
                text = Path(self.wordlist).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise PolicyError(f"cannot read word list {self.wordlist}: {exc}") from exc
            source = self.wordlist
        try:
            raw = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise PolicyError(f"word list {source} is not valid YAML: {' '.join(str(exc).split())}") from exc
        return _compile(raw or {}, self.custom_categories, source)

    def detect(self, messages: Sequence[Message]) -> list[Verdict]:
        lists = self._lists
        verdicts = []
        for message in messages:
            began = time.perf_counter()
            findings = self._scan(message, lists)
            verdicts.append(Verdict(self.name, tuple(findings), (time.perf_counter() - began) * 1000))
        return verdicts

    def _category_scores(self, text: str, lists: _Lists) -> tuple[dict[str, float], list[tuple[int, int, _Entry]]]:
        hits: list[tuple[int, int, _Entry]] = []
        for match in lists.words.finditer(text):
            for entry in lists.entries.get(match.group(), ()):
                if entry.kind != "except":
                    hits.append((match.start(), match.end(), entry))
        if not hits:
            return {}, hits
        wants = lists.request.search(text) is not None
        protects = lists.protective.search(text) is not None
        scores: dict[str, float] = {}
        for _, _, entry in hits:
            if entry.kind == "strong":
                score = STRONG_SCORE
            elif entry.category in lists.combine:
                score = COMBINED_SCORE if lists.combine[entry.category].search(text) else TOPIC_SCORE
            else:
                score = REQUEST_SCORE if wants else TOPIC_SCORE
            if protects:
                score *= PROTECTIVE_FACTOR
            scores[entry.category] = max(scores.get(entry.category, 0.0), score)
        return scores, hits

    def _scan(self, message: Message, lists: _Lists) -> list[Finding]:
        norm = message.normalized
        scores, hits = self._category_scores(norm.text, lists)
        refuses = message.role == "assistant" and lists.refusal.search(norm.text) is not None
        findings = []
        for start, end, entry in hits:
            score = scores[entry.category] * (REFUSAL_FACTOR if refuses else 1.0)
            o_start, o_end = norm.span(start, end)
            findings.append(Finding(entry.category, score, o_start, o_end, self.name, entry.term))
        prompt = message.context_prompt
        if prompt and not refuses and lists.compliance.search(norm.text):
            # An answer that starts helping with a harmful request is harmful even without the harmful words.
            prompt_scores, _ = self._category_scores(normalize(prompt).text, lists)
            for category, score in prompt_scores.items():
                if score >= REQUEST_SCORE * PROTECTIVE_FACTOR + 0.1 and score > scores.get(category, 0.0):
                    findings.append(Finding(category, CONTEXT_COMPLIANCE_SCORE, None, None, self.name, "compliance"))
        return findings
