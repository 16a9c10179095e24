"""Every registered detector passes the same conformance suite (sakimori.testing.check_detector)."""

from __future__ import annotations

import pytest

from sakimori.detectors import available, create
from sakimori.testing import FakeDetector, check_detector


@pytest.mark.parametrize("name", sorted(available()))
def test_registered_detector_conforms(name: str) -> None:
    check_detector(create(name))


def test_fake_detector_conforms() -> None:
    check_detector(FakeDetector({"爆弾": ("S9", 0.9)}))


def test_conformance_catches_a_broken_detector() -> None:
    class Broken(FakeDetector):
        def detect(self, messages):  # type: ignore[no-untyped-def]
            return super().detect(messages)[:-1]

    with pytest.raises(AssertionError, match="one verdict per message"):
        check_detector(Broken())
