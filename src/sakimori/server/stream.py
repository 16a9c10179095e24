"""Streaming moderation: hold back a window, check, release — no unchecked or unsafe text reaches the client.

The moderator never calls the guard itself (the server does, asynchronously); it keeps the answer received so
far and decides what may be released after each decision on the whole text so far:

- every `check_every` new characters the server checks the full answer (with its prompt as context);
- if the decision is allow/warn, everything except the last `window` characters is released: a phrase still
  being written (「作り方は、まず」) stays behind until more context has been checked with it;
- mask: the same, with the findings inside the released part masked, and the boundary moved before any finding
  that crosses it (a phone number is never released half-masked);
- anything else (block, safe answer, regenerate) stops the stream: nothing more is released, and the server
  ends it with the refusal;
- at the end of the upstream answer the whole text is checked once more and the rest released.

A run of digits or ASCII that reaches the boundary is held back whole: half a phone number or e-mail address
is not yet recognisable, and must not leak before it is complete.

Released text has always been part of a checked, safe text; text is never released before a check covers it.
NeMo Guardrails' default `stream_first` sends tokens before checking them; this design does not.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from sakimori.actions import mask_text, restore
from sakimori.policy import Policy
from sakimori.types import Action, Decision

__all__ = ["StreamModerator", "StreamStep"]

_PASSING = (Action.ALLOW, Action.WARN, Action.MASK)
_RUN_CHARS = frozenset("0123456789０１２３４５６７８９-‐－ー−()（）+＋@＠._")


def _runlike(char: str) -> bool:
    return char in _RUN_CHARS or (char.isascii() and char.isalnum()) or "ａ" <= char <= "ｚ" or "Ａ" <= char <= "Ｚ"


@dataclass(frozen=True)
class StreamStep:
    emit: str
    stopped: bool = False


@dataclass
class StreamModerator:
    policy: Policy
    window: int = 64
    check_every: int = 32
    restore_pairs: tuple[tuple[str, str], ...] = ()
    text: str = ""
    released: int = 0
    checked: int = 0
    late_findings: int = 0
    """Findings that started inside text already released (only possible at a window shorter than a finding)."""
    _counters: dict[str, dict[str, str]] = field(default_factory=dict)

    def _outside_run(self, boundary: int) -> int:
        """Move the boundary before a run of digits/ASCII that reaches it: "090-00|00-4444" is not yet a phone
        number to the recognizers, and releasing its first half would leak it."""
        if boundary <= self.released or boundary >= len(self.text):
            return boundary
        if not (_runlike(self.text[boundary - 1]) and _runlike(self.text[boundary])):
            return boundary
        while boundary > self.released and _runlike(self.text[boundary - 1]):
            boundary -= 1
        return boundary

    def add(self, delta: str) -> bool:
        """Append upstream text; True when enough new text has arrived to check again."""
        self.text += delta
        return len(self.text) - self.checked >= self.check_every

    def release(self, decision: Decision, *, final: bool = False) -> StreamStep:
        """Given the decision on `self.text` (the whole answer so far), what may go to the client now."""
        self.checked = len(self.text)
        if decision.action not in _PASSING:
            return StreamStep("", stopped=True)
        boundary = len(self.text) if final else max(self.released, len(self.text) - self.window)
        inside = []
        if decision.action is Action.MASK:
            for finding in sorted(decision.findings, key=lambda f: f.start or 0):
                if finding.start is None or finding.end is None:
                    continue
                if finding.start < self.released:
                    if finding.end > self.released:
                        self.late_findings += 1
                    continue
                if finding.start < boundary < finding.end:
                    boundary = finding.start
                inside.append(finding)
        if not final:
            boundary = self._outside_run(boundary)
        if self.restore_pairs and not final:
            opening = self.text.rfind("[", self.released, boundary)
            if opening != -1 and self.text.find("]", opening, boundary) == -1:
                boundary = opening  # never split a pseudonym like [人名_1] that must be restored whole
        if boundary <= self.released:
            return StreamStep("")
        segment = self.text[self.released : boundary]
        inside = [f for f in inside if f.end is not None and f.end <= boundary]  # after every boundary move
        if inside:
            shifted = [replace(f, start=f.start - self.released, end=f.end - self.released) for f in inside]  # type: ignore[operator]
            segment, _ = mask_text(segment, shifted, self.policy, self._counters)
        self.released = boundary
        return StreamStep(restore(segment, self.restore_pairs) if self.restore_pairs else segment)
