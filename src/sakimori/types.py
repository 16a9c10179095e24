"""The small, typed values that flow through the guard: messages in, findings and verdicts out, one decision.

All are frozen dataclasses so they can be shared between threads, cached and compared. Scores are raw floats in
0..1, never rounded: thresholds, ROC and PR curves depend on that.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from sakimori.normalize import NormalizedText

__all__ = ["Action", "Decision", "Finding", "Message", "Role", "Severity", "Turn", "Verdict"]

Role = Literal["user", "assistant"]


class Action(StrEnum):
    """What the guard does with a message. Order of `PRECEDENCE` decides when several categories fire."""

    ALLOW = "allow"
    WARN = "warn"
    MASK = "mask"
    REGENERATE = "regenerate"
    BLOCK = "block"
    SAFE_ANSWER = "safe_answer"

    @property
    def rank(self) -> int:
        """Higher wins: a message that is both maskable and blockable is blocked; a crisis (S11) gets care first."""
        return _ACTION_RANK[self]


_ACTION_RANK = {a: i for i, a in enumerate(Action)}


class Severity(StrEnum):
    """Three bands, as Qwen3Guard reports them: below the controversial band, inside it, or over a threshold."""

    SAFE = "safe"
    CONTROVERSIAL = "controversial"
    UNSAFE = "unsafe"


@dataclass(frozen=True)
class Turn:
    """One earlier turn of a conversation, given as context."""

    role: Role
    text: str


@dataclass(frozen=True)
class Message:
    """A text to check. `role="user"` is the input rail; `role="assistant"` is the output rail, and then the user
    prompt it answers is the last user turn of `history`."""

    text: str
    role: Role = "user"
    history: tuple[Turn, ...] = ()

    @classmethod
    def prompt(cls, text: str, history: tuple[Turn, ...] = ()) -> Message:
        return cls(text=text, role="user", history=history)

    @classmethod
    def response(cls, text: str, prompt: str | None, history: tuple[Turn, ...] = ()) -> Message:
        """An assistant answer; `prompt` is appended to `history` as the user turn it answers."""
        turns = history + ((Turn("user", prompt),) if prompt is not None else ())
        return cls(text=text, role="assistant", history=turns)

    @property
    def context_prompt(self) -> str | None:
        """The user prompt an assistant message answers (None for user messages or when unknown)."""
        if self.role != "assistant":
            return None
        for turn in reversed(self.history):
            if turn.role == "user":
                return turn.text
        return None

    @cached_property
    def normalized(self) -> NormalizedText:
        """Normalised once per message and shared by every detector (cached on the instance)."""
        from sakimori.normalize import normalize

        return normalize(self.text)


@dataclass(frozen=True)
class Finding:
    """One thing a detector saw: a category code, a raw score and, when known, a span in the ORIGINAL text."""

    category: str
    score: float
    start: int | None
    end: int | None
    detector: str
    evidence: str | None = None

    def __post_init__(self) -> None:
        if not 0.0 <= self.score <= 1.0:
            raise ValueError(f"finding score must be within 0..1, got {self.score!r}")
        if (self.start is None) != (self.end is None):
            raise ValueError("finding start and end must both be set or both be None")
        if self.start is not None and self.end is not None and not 0 <= self.start <= self.end:
            raise ValueError(f"finding span must satisfy 0 <= start <= end, got {self.start}..{self.end}")

    def to_dict(self) -> dict[str, object]:
        """The finding object of the `sakimori check --json` contract."""
        return {
            "category": self.category,
            "score": self.score,
            "start": self.start,
            "end": self.end,
            "detector": self.detector,
        }


@dataclass(frozen=True)
class Verdict:
    """What one detector said about one message. `error` is set, and `findings` empty, when the detector failed."""

    detector: str
    findings: tuple[Finding, ...] = ()
    latency_ms: float = 0.0
    error: str | None = None

    @property
    def score(self) -> float:
        return max((f.score for f in self.findings), default=0.0)

    @property
    def categories(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(f.category for f in self.findings))


@dataclass(frozen=True)
class Decision:
    """The guard's answer for one message: the action, the text to pass on, and why.

    `text` is what the caller should pass on: the original, a masked text, a refusal or a safe answer.
    `categories` lists the categories that crossed their thresholds (the ones that decided the action).
    """

    action: Action
    text: str
    severity: Severity
    score: float
    categories: tuple[str, ...]
    findings: tuple[Finding, ...]
    verdicts: tuple[Verdict, ...]
    message: Message
    error: str | None = None
    regenerations: int = field(default=0)
    replacements: tuple[tuple[str, str], ...] = ()
    """Pseudonym → original pairs when a rule masks with `pseudonym` (see `sakimori.actions.restore`)."""

    @property
    def unsafe(self) -> bool:
        return self.severity is Severity.UNSAFE

    @property
    def allowed(self) -> bool:
        """True when the original text may pass unchanged (allow or warn)."""
        return self.action in (Action.ALLOW, Action.WARN)

    def to_dict(self) -> dict[str, object]:
        """The object of the `sakimori check --json` contract, plus `severity` and `error`."""
        return {
            "unsafe": self.unsafe,
            "score": self.score,
            "categories": list(self.categories),
            "action": str(self.action),
            "text": self.text,
            "findings": [f.to_dict() for f in self.findings],
            "severity": str(self.severity),
            "error": self.error,
        }
