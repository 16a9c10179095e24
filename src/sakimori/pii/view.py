"""The text PII recognizers read: one-to-one character mapping, so every offset is an offset into the original.

Full-width ASCII and digits become ASCII (０９０ → 090, ＠ → @), every dash-like character between digits becomes
`-` (090ー1234−5678), kanji digits inside digit runs become digits (〇九〇-一二三四-五六七八 → 090-1234-5678), and
the ideographic space a space. Nothing is deleted or inserted, so no offset map is needed.
"""

from __future__ import annotations

import re
from functools import cache

from sakimori.pii.spoken_dates import spoken_dates

__all__ = ["compact_view", "pii_view"]

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
    if kanji >= 4:  # a number written in kanji digits, not 一人 or 三月
        return run.translate(_KANJI_DIGITS)
    if kanji and digits >= 4:  # a kanji digit inside a number (09〇-…), not one after a space (0931 二種)
        out = list(run)
        for k, c in enumerate(run):
            if c in "〇一二三四五六七八九":
                near = run[k - 1 : k] + run[k + 1 : k + 2]
                if any(n.isdigit() or n in "〇一二三四五六七八九" for n in near):
                    out[k] = c.translate(_KANJI_DIGITS)
        return "".join(out)
    return run


def pii_view(text: str) -> str:
    view = text.translate(_table())
    if any(c in view for c in "〇一二三四五六七八九"):
        view = _KANJI_RUN.sub(_digits, view)
    view = _DASH_BETWEEN.sub("-", view)
    assert len(view) == len(text)
    return view


# Letter-spaced text (OCR, forms printed with a space per character): 宮 城 県 仙 台 市, 1 9 7 6 年 1 2 月.
_LETTER_SPACED = re.compile(r"(?<![^\s〒:：)）])\S(?: {1,3}\S(?!\S)){2,}")  # （個人番号）4 1 3 0 …
# Spaces inside a number or a date written with spaces: 2 - 21 - 1, 昭和 48 年 2 月 9 日, 3 丁目 12 番 5 号.
_INNER_SPACE = re.compile(
    r"(?<=[0-9]) +(?=[-年月日丁番号条.])|(?<=[町村]) {1,2}(?=[0-9〇一二三四五六七八九十])"
    r"|(?<=[\u4e00-\u9fff\u30a1-\u30fa]) {1,2}(?=[1-9][0-9]* ?-)"  # not 見本1234番地　098-000-…: a phone starts with 0
    r"|(?<=[.昭平令大明]) +(?=[0-9])"
    r"|(?<=[-年月日目番号条和成正治]) +(?=[0-9])"
    r"|(?<=[0-9]) +(?=[-‐－ー−–—])|(?<=[-‐－ー−–—]) +(?=[0-9])|(?<=[和成正治]) +(?=元)|(?<=[0-9]) (?=[0-9][年月日])"
    r"|(?<=[都道府県市区郡]) (?=[^\s\d])"
    r"|(?<=[0-9]) +(?=/ *[0-9])|(?<=[0-9]/) +(?=[0-9])"  # 1993 / 06 / 02
    r"|(?<=(?<![A-Za-z])[MTSHR] [0-9]{2}) +(?=\. ?[0-9])|(?<=(?<![A-Za-z])[MTSHR] [0-9]{2} \. [0-9]) +(?=\. ?[0-9])"
    r"|(?<=(?<![A-Za-z])[MTSHR]) (?=[0-9]{1,2} \. [0-9]{1,2} \. [0-9])"  # Ｓ ４８ ． ３ ． １６
    r"|(?<=[\u4e00-\u9fff]) (?=[町村] ?[0-9])|(?<=[\u4e00-\u9fff\u30a1-\u30fa]) (?=[0-9]{1,2}丁目)"  # 見本 町 3丁目
    r"|(?<=(?<![A-Za-z])[MTSHR]) (?=[0-9]{1,2}\. ?[0-9]{1,2}\. ?[0-9])"  # H 2. 1. 2 (not HbA1c 6.8 H 4.6-6.2)
)
# Form labels printed with a wide gap between their two characters (氏　　名, 住　　所): one word, not two
_SPACED_LABELS = frozenset(("氏名", "住所", "電話", "性別", "年齢", "名前", "職業", "備考", "生年", "続柄", "勤務"))
_KANA_DATE_UNIT = re.compile(r"(?<=[0-9])(?:ねん|がつ|にち)|(?:へいせい|しょうわ|れいわ)(?=[0-9])")  # 9がつ18にち
_K = "0-9〇一二三四五六七八九"
_SPOKEN_GROUPS = re.compile(
    rf"(?<![{_K}])[{_K}]{{2,4}}(?:[の、][{_K}]{{3,4}}){{2,3}}(?![{_K}])"
    rf"|(?<![{_K}])[{_K}]{{4}} ?[の、] ?[{_K}]{{6}}(?![{_K}])"
    rf"|(?<![{_K}])[{_K}]{{3}}の[{_K}]{{4}}(?![{_K}]|[の、][{_K}])"  # ゆうびんばんごうが、三三〇の〇八四三
)
# 架空町二丁目十四の六, 3丁目12の5, 架空町二ノ十八ノ七: block, lot and house numbers read out with の or ノ
_BLOCK_NUMBERS = re.compile(
    r"(?:(?<=丁目)の?|(?<=[町村]))([0-9〇一二三四五六七八九十]{1,3})[のノ]([0-9〇一二三四五六七八九十]{1,3})"
    r"(?:[のノ]([0-9〇一二三四五六七八九十]{1,3}))?(?![0-9〇一二三四五六七八九十])"  # 架空町二ノ十八ノ七
)
# Digits read out in kana (いち、なな、ご… / よんごー、いちなな / ゼロキューゼロの、…), kanji digits among
# them: six digits at least
_KANA_DIGIT = {
    **dict.fromkeys(("ぜろ", "ゼロ", "れい", "まる", "マル"), "0"),
    **dict.fromkeys(("いち", "イチ"), "1"),
    **dict.fromkeys(("にー", "ニー", "にい", "ニイ", "に", "ニ"), "2"),
    **dict.fromkeys(("さん", "サン"), "3"),
    **dict.fromkeys(("よん", "ヨン"), "4"),
    **dict.fromkeys(("ごー", "ゴー", "ご", "ゴ"), "5"),
    **dict.fromkeys(("ろく", "ロク"), "6"),
    **dict.fromkeys(("なな", "ナナ", "しち", "シチ"), "7"),
    **dict.fromkeys(("はち", "ハチ"), "8"),
    **dict.fromkeys(("きゅう", "きゅー", "キュウ", "キュー", "く", "ク"), "9"),
    # ゼロ三の、ゼロゼロゼロゼロの、六七八九 (the view has read 六七八九 as 6789 already): digits among the words
    **{c: str(i) for i, c in enumerate("〇一二三四五六七八九")},
    **{str(i): str(i) for i in range(10)},
}
_KANA_DIGIT_WORD = "|".join(sorted(_KANA_DIGIT, key=len, reverse=True))
_KANA_DIGITS = re.compile(rf"(?:{_KANA_DIGIT_WORD})(?:(?:の?[、,] ?|の)?(?:{_KANA_DIGIT_WORD})){{5,}}")
_DIGIT_IN_RUN = re.compile(r"[0-9〇一二三四五六七八九]")
_PARTICLE_TAIL = re.compile(r"(?<=[0-9〇一二三四五六七八九])(?:の?[、,] ?|の)?[にごくニゴク]+$")
_SPOKEN_WORD = re.compile(
    r"ぜろ|ゼロ|れい|まる|マル|いち|イチ|にー|ニー|さん|サン|よん|ヨン|ごー|ゴー|ろく|ロク|なな|ナナ|しち|シチ|はち|ハチ|きゅ|キュ"
)
_KANA_DIGIT_PART = re.compile(rf"(の?[、,] ?|の)|({_KANA_DIGIT_WORD})")


def _kana_digits(run: str) -> str:
    out = []
    for m in _KANA_DIGIT_PART.finditer(run):
        if m.group(2):
            out.append(_KANA_DIGIT[m.group(2)])
        elif "の" in m.group(1):
            out.append("-")
    return "".join(out)


_KANA_DATE_WORDS = {"ねん": "年", "がつ": "月", "にち": "日", "へいせい": "平成", "しょうわ": "昭和", "れいわ": "令和"}
_KANJI_VALUE = {c: i for i, c in enumerate("〇一二三四五六七八九")}
# Positional kanji numerals in dates and addresses: 五十六年, 十月二十二日, 三丁目二番十一号, 十二番地三.
_KANJI_NUMBER = re.compile(
    r"[一二三四五六七八九]?十[一二三四五六七八九]?(?=[年月日丁番号地条])"
    r"|[〇一二三四五六七八九](?=[年月日丁番号地条])|(?<=番地)[一二三四五六七八九]"
    # 架空町二‐十一‐五: block numbers in kanji joined by dashes
    r"|(?<=[町村‐\-－ー])[〇一二三四五六七八九十]{1,3}(?=[‐\-－ー][〇一二三四五六七八九十])"
    r"|(?<=[‐\-－ー])[〇一二三四五六七八九十]{1,3}(?=[\s、。]|$)"
)
_DASH_IN_NUMBER = re.compile(r"(?<=[0-9])[‐－ー−–—](?=[0-9])")


def _kanji_number(run: str) -> str:
    if "十" not in run:
        return "".join(str(_KANJI_VALUE[c]) for c in run)
    tens, _, ones = run.partition("十")
    return str((_KANJI_VALUE[tens] if tens else 1) * 10 + (_KANJI_VALUE[ones] if ones else 0))


def compact_view(view: str, text: str | None = None) -> tuple[str, list[int]]:
    """`view` with letter-spacing and spaces inside numbers removed and positional kanji numerals read as digits,
    plus, for every character of the result, the offset of the view character it came from (and one entry for
    the end). Recognizers that fail on 〒 3 9 0 - 0 8 7 4 or 昭和五十六年十月二十二日 read this text; their spans are
    mapped back with the offsets. Returns `view` itself (and an identity map) when nothing changes.

    `text`, the original of `view`, tells the gaps between words inside letter-spaced text: an ideographic space
    or a wider gap (氏　名　中 村　翔 太) stays one space, so labels and values, surnames and given names stay
    apart."""
    edits: list[tuple[int, int, str]] = []  # (start, end, replacement) in the view, non-overlapping
    for m in _LETTER_SPACED.finditer(view):
        k = m.start()
        while k < m.end():
            if view[k] != " ":
                k += 1
                continue
            gap_end = k
            while gap_end < m.end() and view[gap_end] == " ":
                gap_end += 1
            wide = gap_end - k >= 2 or (text is not None and "\u3000" in text[k:gap_end])
            wide = wide and not (view[k - 1].isdigit() and view[gap_end : gap_end + 1].isdigit())  # 3　0　5　1
            letter_then_digit = (
                view[k - 1].isascii() and view[k - 1].isalpha() and view[gap_end : gap_end + 1].isdigit()
            )
            wide = wide or (letter_then_digit and view[k - 1] not in "MTSHR")  # T E L 0 6 - …, not S 2 5 . 1
            wide = wide and view[k - 1] + view[gap_end : gap_end + 1] not in _SPACED_LABELS  # 氏　　名 is one word
            edits.append((k + 1, gap_end, "") if wide else (k, gap_end, ""))
            k = gap_end
    for m in _INNER_SPACE.finditer(view):
        edits.append((m.start(), m.end(), ""))
    for m in _SPOKEN_GROUPS.finditer(view):  # 090の0000の2231, 4556の9001の3728の4601: read out group by group
        for k in range(m.start(), m.end()):
            if view[k] in "の、":
                edits.append((k, k + 1, "-"))
            elif view[k] in "〇一二三四五六七八九":
                edits.append((k, k + 1, view[k].translate(_KANJI_DIGITS)))  # 〇九〇の〇〇〇〇の四一七八
            elif view[k] == " ":
                edits.append((k, k + 1, ""))  # 4670 の 129385
    for m in _KANA_DIGITS.finditer(view):  # 免許証の番号は よんごー、いちなな、…: read digit by digit
        run = m.group()
        if _DIGIT_IN_RUN.search(run):  # 1234567に振り込んで: に, ご, く after written digits are particles
            run = _PARTICLE_TAIL.sub("", run)
            if not _SPOKEN_WORD.search(run) or len(_KANA_DIGIT_PART.findall(run)) < 6:
                continue  # 090の0000の2231 or plain digits: nothing read out in kana
        edits.append((m.start(), m.start() + len(run), _kana_digits(run)))
    edits.extend(spoken_dates(view))  # しょうわ、よんじゅうごねん、じゅうがつ、にじゅうよっか
    for m in _KANA_DATE_UNIT.finditer(view):
        edits.append((m.start(), m.end(), _KANA_DATE_WORDS[m.group()]))
    for m in _BLOCK_NUMBERS.finditer(view):
        numbers = [g if g.isascii() else _kanji_number(g) for g in m.groups() if g]
        edits.append((m.start(), m.end(), "-".join(numbers)))
    for m in _KANJI_NUMBER.finditer(view):
        edits.append((m.start(), m.end(), _kanji_number(m.group())))
    if not edits:
        return view, list(range(len(view) + 1))
    edits.sort()
    out: list[str] = []
    origin: list[int] = []
    pos = 0
    for start, end, replacement in edits:
        if start < pos:
            continue  # overlapping edits: the first wins
        out.append(view[pos:start])
        origin.extend(range(pos, start))
        out.append(replacement)
        # a span starting in the replacement starts at the run's start, one ending in it ends at the run's end
        origin.extend([start] * (len(replacement) - 1) + [end - 1] if replacement else [])
        pos = end
    out.append(view[pos:])
    origin.extend(range(pos, len(view)))
    origin.append(len(view))
    return _DASH_IN_NUMBER.sub("-", "".join(out)), origin  # same length: the offsets stay
