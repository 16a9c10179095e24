"""Shared fixtures. Tests never touch the network; fakes stand in for models and upstreams."""

from __future__ import annotations

import pytest

from sakimori import Guard


@pytest.fixture(scope="session")
def default_guard() -> Guard:
    return Guard.from_policy()


@pytest.fixture(scope="session")
def wordlist_guard() -> Guard:
    """The transparent word-list detector: its findings carry spans, so it shows the normaliser's offset map."""
    return Guard.from_policy({"detectors": ["wordlist"], "categories": {"S11": {"action": "safe_answer"}}})
