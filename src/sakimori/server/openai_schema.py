"""The OpenAI wire formats the server speaks: chat completions (and chunks), moderations, errors.

Moderation: https://platform.openai.com/docs/api-reference/moderations — `results[].flagged`, `categories`,
`category_scores` with OpenAI's 13 category names. S1–S14 map onto them where they correspond; sakimori's own
codes travel alongside in `sakimori_categories` / `sakimori_category_scores`, so existing moderation code works
unchanged and new code can read the finer codes.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from sakimori.taxonomy import CATEGORIES
from sakimori.types import Decision

__all__ = [
    "OPENAI_MODERATION_CATEGORIES",
    "SAKIMORI_TO_OPENAI",
    "category_scores",
    "chat_completion",
    "error_body",
    "message_text",
    "moderation_result",
]

OPENAI_MODERATION_CATEGORIES = (
    "harassment",
    "harassment/threatening",
    "hate",
    "hate/threatening",
    "illicit",
    "illicit/violent",
    "self-harm",
    "self-harm/intent",
    "self-harm/instructions",
    "sexual",
    "sexual/minors",
    "violence",
    "violence/graphic",
)

# Where a sakimori category corresponds to OpenAI categories. S6 (specialised advice), S7 (privacy), S8 (IP) and
# S13 (elections) have no OpenAI counterpart: they appear only among the sakimori codes.
SAKIMORI_TO_OPENAI: dict[str, tuple[str, ...]] = {
    "S1": ("violence", "illicit/violent"),
    "S2": ("illicit",),
    "S3": ("sexual", "illicit/violent"),
    "S4": ("sexual/minors", "sexual"),
    "S5": ("harassment",),
    "S9": ("illicit/violent", "violence"),
    "S10": ("hate",),
    "S11": ("self-harm", "self-harm/intent"),
    "S12": ("sexual",),
    "S14": ("illicit",),
}


def category_scores(decision: Decision) -> dict[str, float]:
    """The highest score per category among the findings (S-codes, PII:…, custom codes)."""
    scores: dict[str, float] = {}
    for finding in decision.findings:
        scores[finding.category] = max(scores.get(finding.category, 0.0), finding.score)
    return scores


def moderation_result(decision: Decision) -> dict[str, Any]:
    scores = category_scores(decision)
    flagged_codes = set(decision.categories) if decision.unsafe else set()
    openai_flags = dict.fromkeys(OPENAI_MODERATION_CATEGORIES, False)
    openai_scores = dict.fromkeys(OPENAI_MODERATION_CATEGORIES, 0.0)
    for code, names in SAKIMORI_TO_OPENAI.items():
        for name in names:
            openai_scores[name] = max(openai_scores[name], scores.get(code, 0.0))
            openai_flags[name] = openai_flags[name] or code in flagged_codes
    return {
        "flagged": decision.unsafe,
        "categories": openai_flags,
        "category_scores": openai_scores,
        "category_applied_input_types": {name: ["text"] for name in OPENAI_MODERATION_CATEGORIES},
        "sakimori_categories": {code: code in flagged_codes for code in CATEGORIES},
        "sakimori_category_scores": {code: scores.get(code, 0.0) for code in CATEGORIES},
        "sakimori_action": str(decision.action),
    }


def message_text(content: Any) -> str | None:
    """The text of a chat message's `content`: a string, or the text parts of a list of content parts."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        parts = [p.get("text") for p in content if isinstance(p, Mapping) and p.get("type") == "text"]
        if all(isinstance(p, str) for p in parts):
            return "\n".join(parts)  # type: ignore[arg-type]
    return None


def chat_completion(
    content: str, model: str, finish_reason: str, decisions: Mapping[str, Any], usage: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    return {
        "id": f"chatcmpl-sakimori-{uuid.uuid4().hex[:24]}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content},
                "finish_reason": finish_reason,
                "logprobs": None,
            }
        ],
        "usage": dict(usage) if usage else {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0},
        "sakimori": dict(decisions),
    }


def error_body(message: str, type_: str, code: str | None = None, param: str | None = None) -> dict[str, Any]:
    """OpenAI's error shape, so the official clients raise their usual exceptions with our message."""
    return {"error": {"message": message, "type": type_, "param": param, "code": code}}


def decision_summary(decision: Decision, rail: str) -> dict[str, Any]:
    summary = decision.to_dict()
    summary.pop("text", None)  # the text is the message content itself; not repeated
    summary["rail"] = rail
    return summary


def flatten_history(messages: Sequence[Mapping[str, Any]]) -> list[tuple[str, str]]:
    """(role, text) of user and assistant turns; system and tool messages are not conversation turns."""
    out = []
    for message in messages:
        role = message.get("role")
        text = message_text(message.get("content"))
        if role in ("user", "assistant") and text:
            out.append((str(role), text))
    return out
