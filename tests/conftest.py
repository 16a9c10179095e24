"""Shared fixtures. Tests never touch the network; fakes stand in for models and upstreams."""

from __future__ import annotations

import pytest

from sakimori import Guard


@pytest.fixture(scope="session")
def default_guard() -> Guard:
    return Guard.from_policy()
