"""Japanese personal data: recognizers (with checksums and context), names, and the text view they read."""

from __future__ import annotations

from bisect import bisect_left

from sakimori.pii.recognizers import RECOGNIZERS, PiiMatch, find_pii
from sakimori.pii.view import pii_view

__all__ = ["RECOGNIZERS", "PiiMatch", "find_pii", "pii_view", "scan"]


def scan(text: str, *, names: bool = True) -> list[PiiMatch]:
    """Every PII match in `text` (spans into `text`), overlaps resolved: higher score, then longer, wins."""
    matches = find_pii(pii_view(text))
    if names:
        from sakimori.pii.names import find_names

        matches.extend(find_names(text))
    # Greedy by (score, length); chosen spans never overlap, so checking the two neighbours is enough.
    starts: list[int] = []
    chosen: list[PiiMatch] = []
    for match in sorted(matches, key=lambda m: (-m.score, -(m.end - m.start), m.start)):
        i = bisect_left(starts, match.start)
        if i > 0 and chosen[i - 1].end > match.start:
            continue
        if i < len(chosen) and chosen[i].start < match.end:
            continue
        starts.insert(i, match.start)
        chosen.insert(i, match)
    return chosen
