"""Dates read out in hiragana, as call transcripts write them: しょうわ、よんじゅうごねん、じゅうがつ、にじゅうよっか.

`spoken_dates(view)` yields (start, end, 昭和45年10月24日) for each such date, so that `compact_view` can put the
written form in its place and the birth-date recognizer reads it like any other date. Only an era year
(しょうわ/へいせい/れいわ/たいしょう + a year under 100) with a month, or a month with a day, is read: a number
word alone (いち, さん) is far too common in ordinary hiragana to be taken for a digit.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

__all__ = ["spoken_dates"]

_UNITS = {
    "いち": 1, "に": 2, "さん": 3, "よん": 4, "し": 4, "ご": 5, "ろく": 6, "なな": 7, "しち": 7, "はち": 8,
    "きゅう": 9, "く": 9,
}  # fmt: skip
_UNIT = "|".join(sorted(_UNITS, key=len, reverse=True))
_NUMBER = rf"(?:(?:{_UNIT})?じゅう(?:{_UNIT})?|{_UNIT})"
# Days with a reading of their own (ついたち, はつか) and the regular ones (じゅうごにち, にじゅうよっか).
_DAY_WORDS = {
    "ついたち": 1, "ふつか": 2, "みっか": 3, "よっか": 4, "いつか": 5, "むいか": 6, "なのか": 7, "ようか": 8,
    "ここのか": 9, "とおか": 10, "はつか": 20,
}  # fmt: skip
_DAY = rf"(?:{'|'.join(_DAY_WORDS)}|(?:(?:{_UNIT})?じゅう)?よっか|{_NUMBER}にち)"
_ERAS = {"しょうわ": "昭和", "へいせい": "平成", "れいわ": "令和", "たいしょう": "大正", "めいじ": "明治"}
_GAP = r"(?:の|、|,|\s)*"
_SPOKEN_DATE = re.compile(
    rf"(?P<era>{'|'.join(_ERAS)}){_GAP}(?P<year>{_NUMBER}|がん)ねん{_GAP}(?P<month>{_NUMBER})がつ"
    rf"(?:{_GAP}(?P<day>{_DAY}))?"
    rf"|(?P<month2>{_NUMBER})がつ{_GAP}(?P<day2>{_DAY})"
)


def _number(words: str) -> int | None:
    """にじゅうご → 25, じゅう → 10, なな → 7."""
    if words == "がん":
        return 1  # 元年
    tens, ten, ones = words.partition("じゅう")
    if not ten:
        return _UNITS.get(words)
    high = _UNITS.get(tens, 0) if tens else 1
    low = _UNITS.get(ones, 0) if ones else 0
    return None if (tens and tens not in _UNITS) or (ones and ones not in _UNITS) else high * 10 + low


def _day(words: str) -> int | None:
    if words in _DAY_WORDS:
        return _DAY_WORDS[words]
    if words.endswith("よっか"):
        tens = words[: -len("よっか")]
        return 4 if not tens else (_number(tens) or 0) + 4
    return _number(words[: -len("にち")])


def spoken_dates(view: str) -> Iterator[tuple[int, int, str]]:
    if "がつ" not in view:
        return  # every date read here has a month
    for m in _SPOKEN_DATE.finditer(view):
        month = _number(m.group("month") or m.group("month2"))
        day_words = m.group("day") or m.group("day2")
        day = _day(day_words) if day_words else None
        if month is None or not 1 <= month <= 12 or (day_words and (day is None or not 1 <= day <= 31)):
            continue
        written = f"{month}月" + (f"{day}日" if day else "")
        if m.group("era"):
            year = _number(m.group("year"))
            if year is None or not 1 <= year <= 99:
                continue
            written = f"{_ERAS[m.group('era')]}{year}年{written}"
        yield m.start(), m.end(), written
