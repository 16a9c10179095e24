"""What the guard does once the policy has picked an action: refusal and safe-answer texts, masking, regeneration.

Detection ≠ decision ≠ action: this module only transforms text. The texts are natural Japanese, short and
category-aware (data/messages.yaml), and a policy's `messages:` overrides any of them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from functools import cache
from importlib import resources
from typing import Any

import yaml

from sakimori.policy import Policy
from sakimori.taxonomy import display_name
from sakimori.types import Action, Decision, Finding, Message, Turn

__all__ = ["LLM", "mask_text", "refusal_text", "regenerate", "regenerate_instruction", "restore", "safe_answer_text"]

LLM = Callable[[list[dict[str, str]]], str]
"""A caller-supplied model: OpenAI-style chat messages in, the answer text out."""


@cache
def _builtin_messages() -> dict[str, Any]:
    text = resources.files("sakimori.data").joinpath("messages.yaml").read_text(encoding="utf-8")
    loaded: dict[str, Any] = yaml.safe_load(text)
    return loaded


def refusal_text(categories: Sequence[str], policy: Policy, *, error: bool = False) -> str:
    """The refusal for the first (highest-scoring) category that has one; the policy's texts come first."""
    builtin: dict[str, str] = _builtin_messages()["refusal"]
    keys = ["error"] if error else [*categories, "default"]
    for key in keys:
        for table in (policy.messages.refusal, builtin):
            if key in table:
                return table[key]
    return builtin["default"]


def safe_answer_text(policy: Policy) -> str:
    """A caring reply with public help lines (S11); configurable with `messages.safe_answer`."""
    return policy.messages.safe_answer or str(_builtin_messages()["safe_answer"])


def regenerate_instruction(policy: Policy) -> str:
    return policy.messages.regenerate_instruction or str(_builtin_messages()["regenerate_instruction"])


def _masked(original: str, category: str, policy: Policy, counters: dict[str, dict[str, str]]) -> str:
    rule = policy.rule_for(category)
    label = display_name(category)
    if rule.mask == "char":
        return "＊" * len(original)
    if rule.mask == "partial":
        keep = 4 if len(original) > 4 else 0
        head = original[: len(original) - keep]
        return "".join(c if c in "-‐ー－ 　()（）" else "＊" for c in head) + original[len(original) - keep :]
    if rule.mask == "pseudonym":
        seen = counters.setdefault(label, {})
        if original not in seen:
            seen[original] = f"[{label}_{len(seen) + 1}]"
        return seen[original]
    return rule.placeholder or f"[{label}]"


def restore(text: str, replacements: Iterable[tuple[str, str]]) -> str:
    """Put the originals back for pseudonyms (`[電話番号_1]` → 090-…) in, e.g., an LLM's answer."""
    for pseudonym, original in sorted(replacements, key=lambda r: -len(r[0])):
        text = text.replace(pseudonym, original)
    return text


def mask_text(
    text: str,
    findings: Iterable[Finding],
    policy: Policy,
    counters: dict[str, dict[str, str]] | None = None,
) -> tuple[str, tuple[tuple[str, str], ...]]:
    """Replace each finding's span as its rule's mask mode says; overlapping spans merge into one.

    Returns the masked text and the pseudonym → original pairs (empty unless a rule uses `pseudonym`).
    `counters` carries pseudonym numbering across calls (a stream masked piece by piece).
    """
    spans = sorted(
        ((f.start, f.end, f.score, f.category) for f in findings if f.start is not None and f.end is not None),
        key=lambda s: (s[0], -s[1]),
    )
    merged: list[list[Any]] = []
    for start, end, score, category in spans:
        if merged and start < merged[-1][1]:
            last = merged[-1]
            last[1] = max(last[1], end)
            if score > last[2]:
                last[2], last[3] = score, category
        else:
            merged.append([start, end, score, category])
    out: list[str] = []
    counters = {} if counters is None else counters
    pos = 0
    for start, end, _, category in merged:
        out.append(text[pos:start])
        out.append(_masked(text[start:end], category, policy, counters))
        pos = end
    out.append(text[pos:])
    pairs = tuple((pseudonym, original) for table in counters.values() for original, pseudonym in table.items())
    return "".join(out), pairs


def _chat(history: Sequence[Turn], instruction: str) -> list[dict[str, str]]:
    return [{"role": "system", "content": instruction}] + [{"role": t.role, "content": t.text} for t in history]


def regenerate(
    decision: Decision,
    *,
    llm: LLM,
    check: Callable[[Message], Decision],
    policy: Policy,
) -> Decision:
    """Ask `llm` to answer again with a safety instruction, re-check each new answer, give up after the retries.

    Returns the first new answer's decision that passes (allow, warn or mask), or a refusal when every retry was
    unsafe or the model failed: regeneration never lets an unchecked text through.
    """
    message = decision.message
    instruction = regenerate_instruction(policy)
    current = decision
    for attempt in range(1, policy.regenerate_retries + 1):
        try:
            answer = llm(_chat(message.history, instruction))
        except Exception as exc:  # noqa: BLE001 - any failure of the caller's model must fail closed
            return _refuse(current, policy, attempt, f"regeneration failed: {type(exc).__name__}: {exc}")
        if not isinstance(answer, str) or not answer.strip():
            return _refuse(current, policy, attempt, f"regeneration returned {type(answer).__name__}, not text")
        current = check(Message(answer, "assistant", message.history))
        if current.action in (Action.ALLOW, Action.WARN, Action.MASK):
            return replace(current, regenerations=attempt)
    return _refuse(current, policy, policy.regenerate_retries, None)


def _refuse(decision: Decision, policy: Policy, attempts: int, error: str | None) -> Decision:
    return replace(
        decision,
        action=Action.BLOCK,
        text=refusal_text(decision.categories, policy),
        regenerations=attempts,
        error=error or decision.error,
    )
