"""Romaji → hiragana with per-syllable spans, for the normaliser.

jaconv converts romaji too, but gives no offsets; a finding inside `bakudan no tsukurikata` must point back to the
letters it came from, so we parse syllables ourselves. Hepburn, Kunrei and Nihon-shiki spellings are all accepted.
"""

from __future__ import annotations

from functools import cache

__all__ = ["romaji_to_kana"]

_BASE = {
    "a": "あ",
    "i": "い",
    "u": "う",
    "e": "え",
    "o": "お",
    "ka": "か",
    "ki": "き",
    "ku": "く",
    "ke": "け",
    "ko": "こ",
    "sa": "さ",
    "si": "し",
    "shi": "し",
    "su": "す",
    "se": "せ",
    "so": "そ",
    "ta": "た",
    "ti": "ち",
    "chi": "ち",
    "tu": "つ",
    "tsu": "つ",
    "te": "て",
    "to": "と",
    "na": "な",
    "ni": "に",
    "nu": "ぬ",
    "ne": "ね",
    "no": "の",
    "ha": "は",
    "hi": "ひ",
    "hu": "ふ",
    "fu": "ふ",
    "he": "へ",
    "ho": "ほ",
    "ma": "ま",
    "mi": "み",
    "mu": "む",
    "me": "め",
    "mo": "も",
    "ya": "や",
    "yu": "ゆ",
    "yo": "よ",
    "ra": "ら",
    "ri": "り",
    "ru": "る",
    "re": "れ",
    "ro": "ろ",
    "la": "ら",
    "li": "り",
    "lu": "る",
    "le": "れ",
    "lo": "ろ",
    "wa": "わ",
    "wo": "を",
    "wi": "うぃ",
    "we": "うぇ",
    "ga": "が",
    "gi": "ぎ",
    "gu": "ぐ",
    "ge": "げ",
    "go": "ご",
    "za": "ざ",
    "zi": "じ",
    "ji": "じ",
    "zu": "ず",
    "ze": "ぜ",
    "zo": "ぞ",
    "da": "だ",
    "di": "ぢ",
    "du": "づ",
    "de": "で",
    "do": "ど",
    "ba": "ば",
    "bi": "び",
    "bu": "ぶ",
    "be": "べ",
    "bo": "ぼ",
    "pa": "ぱ",
    "pi": "ぴ",
    "pu": "ぷ",
    "pe": "ぺ",
    "po": "ぽ",
    "fa": "ふぁ",
    "fi": "ふぃ",
    "fe": "ふぇ",
    "fo": "ふぉ",
    "va": "ゔぁ",
    "vi": "ゔぃ",
    "vu": "ゔ",
    "ve": "ゔぇ",
    "vo": "ゔぉ",
    "ja": "じゃ",
    "ju": "じゅ",
    "je": "じぇ",
    "jo": "じょ",
    "sha": "しゃ",
    "shu": "しゅ",
    "she": "しぇ",
    "sho": "しょ",
    "cha": "ちゃ",
    "chu": "ちゅ",
    "che": "ちぇ",
    "cho": "ちょ",
    "tsa": "つぁ",
    "thi": "てぃ",
    "dhi": "でぃ",
    "xa": "ぁ",
    "xi": "ぃ",
    "xu": "ぅ",
    "xe": "ぇ",
    "xo": "ぉ",
    "xya": "ゃ",
    "xyu": "ゅ",
    "xyo": "ょ",
    "xtu": "っ",
    "ltu": "っ",
    "xtsu": "っ",
    "nn": "ん",
    "n'": "ん",
}
# 拗音: consonant + y + vowel (kya, sya, tya, nya, hya, mya, rya, gya, zya, jya, dya, bya, pya, cya).
for _c, _i in {
    "k": "き",
    "s": "し",
    "t": "ち",
    "c": "ち",
    "n": "に",
    "h": "ひ",
    "m": "み",
    "r": "り",
    "g": "ぎ",
    "z": "じ",
    "j": "じ",
    "d": "ぢ",
    "b": "び",
    "p": "ぴ",
}.items():
    for _v, _small in (("a", "ゃ"), ("u", "ゅ"), ("o", "ょ")):
        _BASE.setdefault(f"{_c}y{_v}", _i + _small)

_MAX = max(map(len, _BASE))
_DOUBLING = set("kstcpgzjbdhfmrvl")
_VOWELS = set("aiueo")


@cache
def romaji_to_kana(word: str) -> tuple[tuple[str, int, int], ...] | None:
    """Parse a lower-case ASCII word fully as romaji.

    Returns (kana, start, end) segments with spans into `word`, or None when the word is not romaji (English
    words such as `kill` or `bomb` fail and stay as they are).
    """
    out: list[tuple[str, int, int]] = []
    i, n = 0, len(word)
    while i < n:
        ch = word[i]
        nxt = word[i + 1] if i + 1 < n else ""
        if (ch in _DOUBLING and nxt == ch) or (ch == "t" and nxt == "c"):
            out.append(("っ", i, i + 1))  # 促音: kk, tt, tch
            i += 1
            continue
        after = word[i + 2] if i + 2 < n else ""
        if ch == "n" and (
            (nxt not in _VOWELS and nxt not in ("y", "n", "'")) or (nxt == "n" and after in _VOWELS | {"y"})
        ):
            out.append(("ん", i, i + 1))
            i += 1
            continue
        if ch == "m" and nxt in ("b", "m", "p"):
            out.append(("ん", i, i + 1))  # Hepburn shimbun
            i += 1
            continue
        for size in range(min(_MAX, n - i), 0, -1):
            kana = _BASE.get(word[i : i + size])
            if kana is not None:
                out.append((kana, i, i + size))
                i += size
                break
        else:
            return None
    return tuple(out)
