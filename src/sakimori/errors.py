"""Typed errors: every failure a caller can meet has its own class and a one-line message.

The CLI turns any `SakimoriError` into `sakimori: error: <message>` and exit status 2, so messages must be
complete sentences on one line that say what was wrong and where.
"""

from __future__ import annotations

__all__ = [
    "DetectorError",
    "InvalidInputError",
    "PolicyError",
    "SakimoriError",
    "UnknownDetectorError",
]


class SakimoriError(Exception):
    """Base class of every error sakimori raises on purpose."""


class InvalidInputError(SakimoriError, ValueError):
    """The text (or message) handed to the guard cannot be checked: empty, too large, not text, broken Unicode."""


class PolicyError(SakimoriError, ValueError):
    """The policy file or mapping is malformed: bad YAML, unknown key, wrong type, out-of-range value."""


class UnknownDetectorError(PolicyError):
    """A detector name or parameter that the registry does not know."""


class DetectorError(SakimoriError, RuntimeError):
    """A detector failed while checking; `detector` names it so the decision can say which one."""

    def __init__(self, detector: str, message: str) -> None:
        super().__init__(f"detector {detector!r} failed: {message}")
        self.detector = detector
