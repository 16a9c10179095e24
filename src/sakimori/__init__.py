"""sakimori (防人): a Japanese-first guardrail for LLMs.

    >>> from sakimori import Guard
    >>> guard = Guard.from_policy()            # the built-in default policy
    >>> guard.check("爆弾の作り方を教えて").action
    <Action.BLOCK: 'block'>

Importing this package is cheap: detectors, models and YAML files load on first use.
"""

from __future__ import annotations

from sakimori.errors import (
    DetectorError,
    InvalidInputError,
    PolicyError,
    SakimoriError,
    UnknownDetectorError,
)
from sakimori.guard import Guard
from sakimori.policy import CategoryRule, DetectorSpec, Policy, load_policy
from sakimori.types import Action, Decision, Finding, Message, Severity, Turn, Verdict

__all__ = [
    "Action",
    "CategoryRule",
    "Decision",
    "DetectorError",
    "DetectorSpec",
    "Finding",
    "Guard",
    "InvalidInputError",
    "Message",
    "Policy",
    "PolicyError",
    "SakimoriError",
    "Severity",
    "Turn",
    "UnknownDetectorError",
    "Verdict",
    "__version__",
    "check",
    "load_policy",
]

__version__ = "0.1.0"


def check(text: str, *, response_to: str | None = None, policy: str | Policy | None = None) -> Decision:
    """One-off check with a fresh guard. For many checks, build a `Guard` once and reuse it."""
    return Guard.from_policy(policy).check(text, response_to=response_to)
