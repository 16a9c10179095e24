"""The `pii` detector: Japanese personal data as `PII:<type>` findings with spans into the original text.

Types (see `sakimori.taxonomy.PII_TYPES`): my_number, corporate_number, phone, postal_code, address, email,
credit_card, bank_account, drivers_license, passport, pension_number, health_insurance, ip_address, birth_date,
person. What happens to them (mask, pseudonymise, block) is the policy's `pii:` section.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field

from sakimori.pii import scan
from sakimori.taxonomy import PII_PREFIX, PII_TYPES
from sakimori.types import Finding, Message, Verdict

__all__ = ["PiiDetector"]


@dataclass
class PiiDetector:
    """`types`: which PII types to report (default all); `names`: run the Sudachi name recognizer."""

    types: tuple[str, ...] = tuple(PII_TYPES)
    names: bool = True
    name: str = "pii"
    cost: float = 0.05
    categories: frozenset[str] = field(default_factory=lambda: frozenset({f"{PII_PREFIX}*"}))

    def __post_init__(self) -> None:
        self.types = tuple(self.types)
        unknown = [t for t in self.types if t not in PII_TYPES]
        if unknown:
            raise ValueError(f"unknown PII type(s) {unknown}; types: {', '.join(PII_TYPES)}")

    def detect(self, messages: Sequence[Message]) -> list[Verdict]:
        wanted = set(self.types)
        verdicts = []
        for message in messages:
            began = time.perf_counter()
            findings = tuple(
                Finding(f"{PII_PREFIX}{m.type}", m.score, m.start, m.end, self.name)
                for m in scan(message.text, names=self.names and "person" in wanted)
                if m.type in wanted
            )
            verdicts.append(Verdict(self.name, findings, (time.perf_counter() - began) * 1000))
        return verdicts
