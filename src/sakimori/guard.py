"""`Guard`: the one object the library, CLI, server and evaluation harness all call.

It validates input, runs the detectors cheap-first over a batch, lets the policy decide, and applies the action.
The cascade: detectors run in `cost` order; a message whose decision can no longer change (no remaining detector
can report a category whose action outranks the current one) skips the rest, and detectors marked `when: unsure`
only see messages whose score so far sits in the controversial band. A detector that raises, returns the wrong
number of verdicts, or spans outside the text is a failed detector: the policy's `on_error` applies (block).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sakimori import detectors as registry
from sakimori.actions import LLM, regenerate
from sakimori.decision import decide, strongest_action
from sakimori.detectors import Detector
from sakimori.errors import InvalidInputError
from sakimori.policy import DetectorSpec, Policy, load_policy
from sakimori.types import Action, Decision, Message, Turn, Verdict

__all__ = ["Guard", "validate_message"]

_MAX_RANK = max(a.rank for a in Action)


def validate_text(text: Any, max_chars: int, what: str = "text") -> str:
    """A clear `InvalidInputError` for anything the guard cannot check; returns the text unchanged otherwise."""
    if not isinstance(text, str):
        raise InvalidInputError(f"{what} must be a string, got {type(text).__name__}")
    if not text.strip():
        raise InvalidInputError(f"{what} is empty" if not text else f"{what} contains only whitespace")
    if len(text) > max_chars:
        raise InvalidInputError(f"{what} has {len(text):,} characters; the limit is {max_chars:,} (limits.max_chars)")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InvalidInputError(f"{what} is not valid Unicode (lone surrogate at character {exc.start})") from None
    return text


def validate_message(message: Any, max_chars: int) -> Message:
    """Accept a `Message` or a plain string (a user prompt); check its text, role and history."""
    if isinstance(message, str):
        message = Message(message)
    if not isinstance(message, Message):
        raise InvalidInputError(f"expected a str or Message, got {type(message).__name__}")
    validate_text(message.text, max_chars)
    if message.role not in ("user", "assistant"):
        raise InvalidInputError(f"message role must be 'user' or 'assistant', got {message.role!r}")
    if not isinstance(message.history, tuple) or not all(isinstance(t, Turn) for t in message.history):
        raise InvalidInputError("message history must be a tuple of Turn")
    for i, turn in enumerate(message.history):
        if turn.role not in ("user", "assistant"):
            raise InvalidInputError(f"history[{i}] role must be 'user' or 'assistant', got {turn.role!r}")
        validate_text(turn.text, max_chars, f"history[{i}] text")
    return message


@dataclass(frozen=True)
class _Slot:
    detector: Detector
    when: str = "always"


def _possible_rank(detector: Detector, policy: Policy) -> int:
    """The highest action rank this detector could still cause under `policy` (for the cascade's early stop)."""
    ranks: list[int] = []
    for category in detector.categories:
        if category.endswith("*"):
            prefix = category[:-1]
            rules = [r for code, r in policy.rules.items() if code.startswith(prefix)] + [policy.default]
            ranks.extend(r.action.rank for r in rules)
        else:
            ranks.append(policy.rule_for(category).action.rank)
    return max(ranks, default=_MAX_RANK)


@dataclass
class Guard:
    """Runs detectors, applies the policy. Build one with `Guard.from_policy(...)` or from detector objects."""

    detectors: Sequence[Detector | _Slot]
    policy: Policy = field(default_factory=Policy)

    def __post_init__(self) -> None:
        slots = [d if isinstance(d, _Slot) else _Slot(d) for d in self.detectors]
        if not slots:
            raise InvalidInputError("a guard needs at least one detector")
        self._slots = sorted(slots, key=lambda s: getattr(s.detector, "cost", 1.0))

    @property
    def cpu_only(self) -> bool:
        """True when every detector is a cheap in-process one (cost ≤ 0.1: word list, PII, the classifier), so
        a check takes well under a millisecond and is cheaper to run inline than to hand to a thread."""
        return all(getattr(s.detector, "cost", 1.0) <= 0.1 for s in self._slots)

    @property
    def detector_names(self) -> list[str]:
        """The detectors in the order they run (cheapest first)."""
        return [getattr(s.detector, "name", type(s.detector).__name__) for s in self._slots]

    @classmethod
    def from_policy(cls, policy: str | Path | Mapping[str, Any] | Policy | None = None) -> Guard:
        """Load the policy (file path, mapping, Policy, or None for the built-in default) and create its detectors."""
        loaded = load_policy(policy)
        return cls([_Slot(_create(spec, loaded), spec.when) for spec in loaded.detectors], loaded)

    # --- single messages --------------------------------------------------------------------------------------

    def check(self, message: str | Message, *, response_to: str | None = None, llm: LLM | None = None) -> Decision:
        """Check one message. A string is a user prompt, or with `response_to` an assistant answer to that prompt.

        With `llm`, a `regenerate` decision asks the model again (bounded retries, each answer re-checked).
        """
        if response_to is not None:
            if not isinstance(message, str):
                raise InvalidInputError("response_to needs the response as a string")
            validate_text(response_to, self.policy.max_chars, "response_to")
            message = Message.response(message, response_to)
        return self.check_batch([message], llm=llm)[0]

    def check_prompt(self, text: str, history: Sequence[Turn] = ()) -> Decision:
        return self.check(Message(text, "user", tuple(history)))

    def check_response(
        self, text: str, prompt: str | None, history: Sequence[Turn] = (), llm: LLM | None = None
    ) -> Decision:
        return self.check(Message.response(text, prompt, tuple(history)), llm=llm)

    async def acheck(
        self, message: str | Message, *, response_to: str | None = None, llm: LLM | None = None
    ) -> Decision:
        """`check` in a worker thread, so an event loop (the server) is never blocked by a detector."""
        return await asyncio.to_thread(self.check, message, response_to=response_to, llm=llm)

    # --- batches ----------------------------------------------------------------------------------------------

    def check_batch(self, messages: Sequence[str | Message], *, llm: LLM | None = None) -> list[Decision]:
        """Check many messages at once; detectors see them as one batch (cheaper for models)."""
        if isinstance(messages, str | Message) or not isinstance(messages, Sequence):
            raise InvalidInputError("check_batch needs a list of strings or Messages")
        batch = [validate_message(m, self.policy.max_chars) for m in messages]
        verdicts: list[list[Verdict]] = [[] for _ in batch]
        open_ = list(range(len(batch)))
        for position, slot in enumerate(self._slots):
            todo = [i for i in open_ if self._wants(slot, verdicts[i], batch[i])]
            if todo:
                for i, verdict in zip(todo, self._run(slot.detector, [batch[i] for i in todo]), strict=True):
                    verdicts[i].append(verdict)
            if self.policy.cascade:
                rest = self._slots[position + 1 :]
                open_ = [i for i in open_ if not self._settled(verdicts[i], batch[i], rest)]
        decisions = [decide(m, v, self.policy) for m, v in zip(batch, verdicts, strict=True)]
        if llm is not None:
            decisions = [
                regenerate(d, llm=llm, check=self._check_once, policy=self.policy)
                if d.action is Action.REGENERATE
                else d
                for d in decisions
            ]
        return decisions

    async def acheck_batch(self, messages: Sequence[str | Message], *, llm: LLM | None = None) -> list[Decision]:
        return await asyncio.to_thread(self.check_batch, messages, llm=llm)

    # --- internals --------------------------------------------------------------------------------------------

    def _check_once(self, message: Message) -> Decision:
        return self.check_batch([message])[0]

    def _wants(self, slot: _Slot, so_far: list[Verdict], message: Message) -> bool:
        if slot.when == "always":
            return True
        score = max((v.score for v in so_far), default=0.0)
        threshold = self.policy.default.threshold
        return self.policy.controversial <= score < threshold or not so_far

    def _settled(self, so_far: list[Verdict], message: Message, rest: Sequence[_Slot]) -> bool:
        if not rest:
            return True
        if any(v.error for v in so_far):
            return self.policy.on_error is Action.BLOCK
        findings = [f for v in so_far for f in v.findings]
        current = strongest_action(findings, self.policy, message.role)
        possible = max(_possible_rank(s.detector, self.policy) for s in rest)
        if current.rank > possible:
            return True
        return current.rank == possible and current in (Action.BLOCK, Action.SAFE_ANSWER)

    def _run(self, detector: Detector, batch: list[Message]) -> list[Verdict]:
        name = getattr(detector, "name", type(detector).__name__)
        began = time.perf_counter()
        try:
            verdicts = detector.detect(batch)
            if not isinstance(verdicts, list) or len(verdicts) != len(batch):
                got = len(verdicts) if isinstance(verdicts, list) else type(verdicts).__name__
                raise TypeError(f"returned {got} verdicts for {len(batch)} messages")
            for message, verdict in zip(batch, verdicts, strict=True):
                if not isinstance(verdict, Verdict):
                    raise TypeError(f"returned a {type(verdict).__name__}, not a Verdict")
                for f in verdict.findings:
                    if f.end is not None and f.end > len(message.text):
                        raise ValueError(f"reported span {f.start}..{f.end} outside a text of {len(message.text)}")
        except Exception as exc:  # noqa: BLE001 - any detector failure is turned into a fail-closed verdict
            elapsed = (time.perf_counter() - began) * 1000 / max(len(batch), 1)
            return [Verdict(name, (), elapsed, f"{type(exc).__name__}: {exc}") for _ in batch]
        return verdicts


def _create(spec: DetectorSpec, policy: Policy) -> Detector:
    params = dict(spec.params)
    factory = registry.resolve(spec.name)
    if policy.custom_categories and "custom_categories" in registry.accepted_params(factory):
        params.setdefault("custom_categories", policy.custom_categories)
    return registry.create(spec.name, **params)
