"""The text PII recognizers read: one-to-one character mapping, so every offset is an offset into the original.

Full-width ASCII and digits become ASCII (０９０ → 090, ＠ → @), every dash-like character between digits becomes
`-` (090ー1234−5678), kanji digits inside digit runs become digits (〇九〇-一二三四-五六七八 → 090-1234-5678), and
the ideographic space a space. Nothing is deleted or inserted, so no offset map is needed.
"""

from __future__ import annotations

import re
from functools import cache

__all__ = ["pii_view"]

_KANJI_DIGITS = str.maketrans("〇一二三四五六七八九", "0123456789")
_DASHES = "-‐‑‒–—―ーｰ−－﹣・"  # ・ too: 〇九〇・〇〇〇〇・二四六八 (only between digits is it read as a dash)


@cache
def _table() -> dict[int, str]:
    table = {code: chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)}  # full-width ASCII
    table[0x3000] = " "
    for dash in _DASHES:
        table.setdefault(ord(dash), dash)
    return table


_KANJI_RUN = re.compile(
    rf"[〇一二三四五六七八九0-9](?:[〇一二三四五六七八九0-9{re.escape(_DASHES)}\s]*[〇一二三四五六七八九0-9])?"
)
_DASH_BETWEEN = re.compile(f"(?<=[0-9])[{re.escape(_DASHES)}](?=[0-9])")


def _digits(match: re.Match[str]) -> str:
    run = match.group()
    kanji = sum(c in "〇一二三四五六七八九" for c in run)
    digits = sum(c.isdigit() for c in run)
    if kanji >= 4 or (kanji and digits >= 4):  # a number written in kanji digits, not 一人 or 三月
        return run.translate(_KANJI_DIGITS)
    return run


def pii_view(text: str) -> str:
    view = text.translate(_table())
    if any(c in view for c in "〇一二三四五六七八九"):
        view = _KANJI_RUN.sub(_digits, view)
    view = _DASH_BETWEEN.sub("-", view)
    assert len(view) == len(text)
    return view
