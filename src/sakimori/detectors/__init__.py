"""The detector protocol and the registry that creates detectors by name.

A detector only reports: a batch of messages in, one `Verdict` per message out. Deciding what to do is the
policy's job. Detectors are looked up by name in `BUILTIN` (import strings, imported on first use), then in the
`sakimori.detectors` entry-point group (third-party packages), then among names registered at run time with
`@register`. Unknown names and unknown parameters are `UnknownDetectorError`s that list what is valid.
"""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from importlib.metadata import entry_points
from typing import Any, Protocol, runtime_checkable

from sakimori.errors import UnknownDetectorError
from sakimori.types import Finding, Message, Verdict

__all__ = [
    "BUILTIN",
    "ENTRY_POINT_GROUP",
    "Detector",
    "FunctionDetector",
    "available",
    "create",
    "register",
    "resolve",
]

ENTRY_POINT_GROUP = "sakimori.detectors"

BUILTIN: dict[str, str] = {
    "classifier": "sakimori.detectors.classifier:ClassifierDetector",
    "pii": "sakimori.detectors.pii:PiiDetector",
    "wordlist": "sakimori.detectors.wordlist:WordListDetector",
}
"""Built-in detectors by name → "module:attribute", imported only when asked for."""

_REGISTERED: dict[str, Any] = {}


@runtime_checkable
class Detector(Protocol):
    """What the guard needs from a detector.

    `categories` lists the codes it can report ("PII:*"-style wildcards allowed), which lets the guard's cascade
    skip detectors that cannot change a decision; `cost` orders detectors cheap-first (rough ms per message).
    """

    name: str
    categories: frozenset[str]
    cost: float

    def detect(self, messages: Sequence[Message]) -> list[Verdict]: ...


@dataclass
class FunctionDetector:
    """Adapts a plain function `text -> Iterable[Finding]` (spans into the text it was given) to the protocol."""

    func: Callable[[str], Iterable[Finding]]
    name: str
    categories: frozenset[str] = frozenset({"*"})
    cost: float = 1.0

    def detect(self, messages: Sequence[Message]) -> list[Verdict]:
        verdicts = []
        for message in messages:
            began = time.perf_counter()
            findings = tuple(self.func(message.text))
            verdicts.append(Verdict(self.name, findings, (time.perf_counter() - began) * 1000))
        return verdicts


def register(name: str, *, categories: Iterable[str] = ("*",), cost: float = 1.0) -> Callable[[Any], Any]:
    """Register a detector class, or a function `text -> Iterable[Finding]`, under `name`.

    The registry is per process and explicit: nothing registers itself at import time unless you decorate it.
    """

    def decorator(obj: Any) -> Any:
        if name in BUILTIN:
            raise UnknownDetectorError(f"detector name {name!r} is built in and cannot be registered again")
        if inspect.isclass(obj):
            _REGISTERED[name] = obj
        elif callable(obj):
            cats = frozenset(categories)
            _REGISTERED[name] = lambda: FunctionDetector(obj, name=name, categories=cats, cost=cost)
        else:
            raise TypeError(f"@register({name!r}) needs a class or a function, got {type(obj).__name__}")
        return obj

    return decorator


def _entry_points() -> dict[str, Any]:
    return {ep.name: ep for ep in entry_points(group=ENTRY_POINT_GROUP)}


def available() -> dict[str, str]:
    """Every detector name that `create` accepts, with where it comes from."""
    names = {name: f"builtin ({target})" for name, target in BUILTIN.items()}
    names.update({name: f"entry point ({ep.value})" for name, ep in _entry_points().items() if name not in names})
    names.update({name: "registered at run time" for name in _REGISTERED if name not in names})
    return dict(sorted(names.items()))


def resolve(name: str) -> Any:
    """The class (or factory) registered under `name`, imported now."""
    if not isinstance(name, str) or not name:
        raise UnknownDetectorError(f"a detector name must be a non-empty string, got {name!r}")
    target = BUILTIN.get(name)
    if target is not None:
        module, _, attr = target.partition(":")
        return getattr(importlib.import_module(module), attr)
    if name in _REGISTERED:
        return _REGISTERED[name]
    ep = _entry_points().get(name)
    if ep is not None:
        return ep.load()
    raise UnknownDetectorError(f"unknown detector {name!r}; known detectors: {', '.join(available()) or 'none'}")


def accepted_params(factory: Any) -> set[str]:
    """The keyword parameters a detector factory accepts (its dataclass init fields, or its signature)."""
    if dataclasses.is_dataclass(factory):
        return {f.name for f in dataclasses.fields(factory) if f.init}
    return {
        p.name
        for p in inspect.signature(factory).parameters.values()
        if p.kind in (p.KEYWORD_ONLY, p.POSITIONAL_OR_KEYWORD)
    }


def create(name: str, **params: Any) -> Detector:
    """Create the detector `name` with `params`; unknown parameters are errors that list the valid ones."""
    factory = resolve(name)
    valid = accepted_params(factory)
    unknown = sorted(set(params) - valid)
    if unknown:
        raise UnknownDetectorError(
            f"detector {name!r} has no parameter {', '.join(map(repr, unknown))}; "
            f"valid parameters: {', '.join(sorted(valid)) or 'none'}"
        )
    try:
        detector = factory(**params)
    except (TypeError, ValueError) as exc:
        raise UnknownDetectorError(f"detector {name!r} rejected its parameters: {exc}") from exc
    if not isinstance(detector, Detector):
        raise UnknownDetectorError(f"{name!r} did not create a detector (needs name, categories, cost, detect())")
    return detector
