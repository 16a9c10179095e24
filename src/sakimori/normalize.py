"""Japanese normalisation and de-obfuscation, with a map from every normalised character back to the original.

Detectors match on the normalised text, where ｂａｋｕｄａｎ, バクダン, ば く だ ん, ば・く・だ・ん and bakudan all
read ばくだん; their findings are mapped back with `NormalizedText.span`, so a mask or a highlight always lands on
the characters the user actually wrote.

The steps, in order (each is skipped when its pattern does not occur, so plain text costs one `str.translate`):
1. drop zero-width, bidi and control characters (keeps tab and newlines);
2. kanji that mimic katakana inside katakana words (ダイナマイ卜 → ダイナマイト);
3. one-to-one folding in C: NFKC where it maps one character to one, lower case, katakana → hiragana,
   Cyrillic/Greek homoglyphs (а, е, о, р, с …) → Latin;
4. NFKC for the rest: combining marks (ｶﾞ, か゛ → が) and compatibility characters that expand (㍿ → 株式会社);
5. a few emoji that stand for nouns (💣 → 爆弾);
6. 伏せ字 marks (○ ● × ＊ □ …) next to letters → `*`, which word lists treat as "any one character";
7. single characters separated by spaces or symbols are joined (ば く だ ん, b.o.m.b; the last one may start the
   next word, as in ば・く・だ・んの作り方);
8. runs of three or more of the same character collapse to one (しねええええ → しねえ; digits are kept);
9. romaji → hiragana, only in ASCII stretches whose words are mostly romaji (bakudan no tsukurikata), so English
   (how to make) stays English.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache

from sakimori.romaji import romaji_to_kana

__all__ = ["FUSEJI", "NormalizedText", "normalize"]

FUSEJI = "*"
"""The character every 伏せ字 mark becomes in normalised text."""

Segment = tuple[str, int, int]
"""A piece of replacement text and the span, relative to the match, of the characters it replaces."""


@dataclass(frozen=True, eq=False)
class NormalizedText:
    """Normalised text plus, for each of its characters, the original span it came from.

    `starts`/`ends` are None when normalisation changed no offsets (the common case), which keeps plain text cheap.
    """

    text: str
    original: str
    starts: Sequence[int] | None = field(default=None, repr=False)
    ends: Sequence[int] | None = field(default=None, repr=False)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a span [start, end) of the normalised text to the smallest original span that produced it."""
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span {start}..{end} is outside the normalised text of length {len(self.text)}")
        if self.starts is None or self.ends is None:
            return start, end
        if start == end:
            pos = self.starts[start] if start < len(self.text) else len(self.original)
            return pos, pos
        return self.starts[start], self.ends[end - 1]


class _Buffer:
    """The text being normalised and its offset map, materialised only when a step changes lengths."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts: list[int] | None = None
        self.ends: list[int] | None = None

    def rewrite(self, pattern: re.Pattern[str], replace: Callable[[re.Match[str]], list[Segment] | None]) -> None:
        """Replace every match by the segments `replace` returns (None keeps the match as it is)."""
        text = self.text
        pos = 0
        out: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        old_starts = self.starts if self.starts is not None else range(len(text))
        old_ends = self.ends if self.ends is not None else range(1, len(text) + 1)
        changed = False
        for match in pattern.finditer(text):
            segments = replace(match)
            if segments is None:
                continue
            changed = True
            a, b = match.span()
            out.append(text[pos:a])
            starts.extend(old_starts[pos:a])
            ends.extend(old_ends[pos:a])
            for piece, ra, rb in segments:
                if not piece:
                    continue
                out.append(piece)
                starts.extend([old_starts[a + ra]] * len(piece))
                ends.extend([old_ends[a + rb - 1]] * len(piece))
            pos = b
        if not changed:
            return
        out.append(text[pos:])
        starts.extend(old_starts[pos:])
        ends.extend(old_ends[pos:])
        self.text = "".join(out)
        self.starts, self.ends = starts, ends


# --- tables, built on first use (not at import time) --------------------------------------------------------------

_HOMOGLYPHS = {
    "а": "a",
    "в": "b",
    "е": "e",
    "ё": "e",
    "к": "k",
    "м": "m",
    "н": "h",
    "о": "o",
    "р": "p",
    "с": "c",
    "т": "t",
    "у": "y",
    "х": "x",
    "і": "i",
    "ј": "j",
    "ѕ": "s",
    "ԁ": "d",
    "ԛ": "q",
    "ԝ": "w",
    "ɡ": "g",
    "ο": "o",
    "α": "a",
    "ν": "v",
    "ρ": "p",
    "ι": "i",
    "κ": "k",
    "τ": "t",
    "υ": "u",
    "χ": "x",
    "ε": "e",
}
_KANJI_AS_KATAKANA = {
    "力": "カ",
    "工": "エ",
    "口": "ロ",
    "二": "ニ",
    "卜": "ト",
    "夕": "タ",
    "八": "ハ",
    "才": "オ",
    "千": "チ",
    "一": "ー",
    "三": "ミ",
    "也": "セ",
}
_EMOJI = {
    "💣": "爆弾",
    "🧨": "ダイナマイト",
    "🔪": "ナイフ",
    "🗡": "刃物",
    "🔫": "銃",
    "💊": "薬",
    "💉": "注射",
    "💀": "死",
    "☠": "毒",
    "🍁": "大麻",
    "🔞": "アダルト",
    "🚬": "タバコ",
    "💴": "金",
    "💰": "金",
}
_SCAN_RANGES = ((0x0, 0x10000), (0x1D400, 0x1D800), (0x1F100, 0x1F300))


def _fold_one(ch: str) -> str:
    """Lower case, katakana → hiragana, homoglyph → Latin, for a single character (one-to-one)."""
    low = ch.lower()
    if len(low) != 1:
        low = ch
    code = ord(low)
    if 0x30A1 <= code <= 0x30F6 or 0x30FD <= code <= 0x30FE:
        low = chr(code - 0x60)
    return _HOMOGLYPHS.get(low, low)


@cache
def _tables() -> tuple[dict[int, str], str]:
    """The one-to-one translate table, and the characters NFKC expands or combines (handled by the slow step)."""
    table: dict[int, str] = {}
    expanding: list[str] = []
    for lo, hi in _SCAN_RANGES:
        for code in range(lo, hi):
            if 0xD800 <= code <= 0xDFFF:
                continue
            ch = chr(code)
            nf = unicodedata.normalize("NFKC", ch)
            if len(nf) != 1 or unicodedata.combining(nf):
                if nf != ch:
                    expanding.append(ch)
                continue
            folded = _fold_one(nf)
            if folded != ch:
                table[code] = folded
    return table, "".join(expanding)


_LETTER = r"a-zぁ-ゖァ-ヺー一-鿿㐀-䶿々〆ヶ"
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f"
    "\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\U000e0000-\U000e0fff]+"
)
_KATAKANA = "ァ-ヺーｦ-ﾝ"
_KANJI_MIMIC = re.compile(
    f"(?<=[{_KATAKANA}])[{''.join(_KANJI_AS_KATAKANA)}](?![一-鿿])"
    f"|(?<![一-鿿])[{''.join(_KANJI_AS_KATAKANA)}](?=[{_KATAKANA}])"
)
_FUSEJI_MARKS = "○●◯〇×✕✖✗✘*□■◆◇☓"
_FUSEJI = re.compile(f"(?<=[{_LETTER}])[{_FUSEJI_MARKS}]+|[{_FUSEJI_MARKS}]+(?=[{_LETTER}])")
_KANJI_DIGITS = set("〇一二三四五六七八九十百千万")
_SEP = r"\s・･.,、。\-_/|~〜…‥:;+="
_SEPARATED = re.compile(f"(?<![{_LETTER}*])[{_LETTER}*](?:[{_SEP}]+[{_LETTER}*](?![{_LETTER}*]))+[{_SEP}]+[{_LETTER}*]")
_SEP_RUN = re.compile(f"[{_SEP}]+")
_REPEAT = re.compile(r"([^\d\s*])\1{2,}")
_ASCII_STRETCH = re.compile(r"[a-z']+(?:[ \-]+[a-z']+)*")
_ASCII_WORD = re.compile(r"[a-z']+")


@cache
def _nfkc_pattern() -> re.Pattern[str]:
    _, expanding = _tables()
    marks = "\u0300-\u036f\u3099-\u309c\uff9e\uff9f"
    return re.compile(f".[{marks}]+|[{re.escape(expanding)}]", re.DOTALL)


@cache
def _emoji_pattern() -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, _EMOJI)))


# --- the steps ----------------------------------------------------------------------------------------------------


def _drop(_: re.Match[str]) -> list[Segment]:
    return []


def _nfkc_group(match: re.Match[str]) -> list[Segment] | None:
    group = match.group().replace("\u309b", "\u3099").replace("\u309c", "\u309a")
    table, _ = _tables()
    out = unicodedata.normalize("NFKC", group).translate(table)
    return None if out == match.group() else [(out, 0, len(match.group()))]


def _emoji(match: re.Match[str]) -> list[Segment]:
    table, _ = _tables()
    return [(_EMOJI[match.group()].translate(table), 0, len(match.group()))]


def _fuseji(match: re.Match[str]) -> list[Segment] | None:
    text = match.string
    a, b = match.span()
    if "〇" in match.group() and (
        (a > 0 and text[a - 1] in _KANJI_DIGITS) or (b < len(text) and text[b] in _KANJI_DIGITS)
    ):
        return None  # 二〇二四年: a kanji numeral, not a mask
    return [(FUSEJI, i, i + 1) for i in range(b - a)]


def _join_separated(match: re.Match[str]) -> list[Segment]:
    segments: list[Segment] = []
    pos = 0
    for sep in _SEP_RUN.finditer(match.group()):
        segments.append((match.group()[pos : sep.start()], pos, sep.start()))
        pos = sep.end()
    segments.append((match.group()[pos:], pos, len(match.group())))
    return segments


def _collapse(match: re.Match[str]) -> list[Segment]:
    return [(match.group(1), 0, len(match.group()))]


def _romaji(match: re.Match[str]) -> list[Segment] | None:
    stretch = match.group()
    words = [
        (w, romaji_to_kana(w.replace("'", "") if not w.endswith("n'") else w))
        for w in (m.group() for m in _ASCII_WORD.finditer(stretch))
    ]
    scored = [parsed for word, parsed in words if len(word) >= 2]
    if not scored or sum(p is not None for p in scored) / len(scored) < 0.6:
        return None
    segments: list[Segment] = []
    for word_match, (_, parsed) in zip(_ASCII_WORD.finditer(stretch), words, strict=True):
        if parsed is None:
            continue
        base = word_match.start()
        segments.extend((kana, base + s, base + e) for kana, s, e in parsed)
    # Keep everything that was not converted (spaces, English words) as it was, in order.
    covered = sorted(segments, key=lambda seg: seg[1])
    result: list[Segment] = []
    pos = 0
    for kana, s, e in covered:
        if s > pos:
            result.extend((stretch[i], i, i + 1) for i in range(pos, s))
        result.append((kana, s, e))
        pos = e
    result.extend((stretch[i], i, i + 1) for i in range(pos, len(stretch)))
    return result


def normalize(text: str) -> NormalizedText:
    """Normalise `text` for matching; see the module docstring for the steps."""
    buf = _Buffer(text)
    if _INVISIBLE.search(buf.text):
        buf.rewrite(_INVISIBLE, _drop)
    buf.text = _KANJI_MIMIC.sub(lambda m: _KANJI_AS_KATAKANA[m.group()], buf.text)
    table, _ = _tables()
    buf.text = buf.text.translate(table)
    nfkc = _nfkc_pattern()
    if nfkc.search(buf.text):
        buf.rewrite(nfkc, _nfkc_group)
    if not buf.text.isascii():
        emoji = _emoji_pattern()
        if emoji.search(buf.text):
            buf.rewrite(emoji, _emoji)
        if _FUSEJI.search(buf.text):
            buf.rewrite(_FUSEJI, _fuseji)
    if _SEPARATED.search(buf.text):
        buf.rewrite(_SEPARATED, _join_separated)
    if _REPEAT.search(buf.text):
        buf.rewrite(_REPEAT, _collapse)
    if _ASCII_STRETCH.search(buf.text):
        buf.rewrite(_ASCII_STRETCH, _romaji)
    return NormalizedText(buf.text, text, buf.starts, buf.ends)


def _self_check() -> None:  # pragma: no cover - handy from a shell: python -m sakimori.normalize TEXT
    for arg in sys.argv[1:]:
        norm = normalize(arg)
        print(norm.text)


if __name__ == "__main__":  # pragma: no cover
    _self_check()
