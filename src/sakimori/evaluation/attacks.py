"""Red-team transforms: mechanical obfuscations of a prompt, as attackers write them.

Each transform is a plain function `(text, rng) -> text`, deterministic for a seeded `random.Random`, in
`TRANSFORMS` by the attack name the data sets use. They serve two jobs: augmenting the training corpus with attack
variants (a variant always stays in its base item's split), and measuring robustness of any guard on a benchmark.
Readings come from Sudachi (the `data` extra), imported on first use.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

from sakimori import sudachi

__all__ = ["TRANSFORMS", "Transform", "apply", "reading"]

Transform = Callable[[str, random.Random], str]


def _tokenizer() -> Any:
    return sudachi.tokenizer()


def _tokens(text: str) -> list[Any]:
    from sudachipy import tokenizer

    return list(_tokenizer().tokenize(text, tokenizer.Tokenizer.SplitMode.C))


def _kata_to_hira(text: str) -> str:
    return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in text)


def reading(text: str) -> str:
    """The katakana reading of `text` (symbols and Latin kept as written)."""
    out = []
    for token in _tokens(text):
        form = token.reading_form()
        surface = token.surface()
        out.append(form if form and any("ァ" <= c <= "ヶ" for c in form) else surface)
    return "".join(out)


def hiragana_only(text: str, rng: random.Random) -> str:
    return _kata_to_hira(reading(text))


def katakana_only(text: str, rng: random.Random) -> str:
    return reading(text)


def romaji(text: str, rng: random.Random) -> str:
    import jaconv

    words = []
    for token in _tokens(text):
        form = token.reading_form()
        if form and any("ァ" <= c <= "ヶ" for c in form):
            words.append(jaconv.kana2alphabet(_kata_to_hira(form)).replace("、", ","))
        else:
            words.append(token.surface())
    return " ".join(w for w in words if w.strip())


def width_mix(text: str, rng: random.Random) -> str:
    """Half the characters switched to the other width: ｶﾀｶﾅ, ＡＳＣＩＩ, full-width digits."""
    import jaconv

    out = []
    for ch in text:
        if rng.random() < 0.5:
            out.append(jaconv.h2z(ch, ascii=True, digit=True) if ch.isascii() else jaconv.z2h(ch, kana=True))
        else:
            out.append(ch)
    return "".join(out)


def _key_noun(text: str) -> tuple[int, int] | None:
    """Span of the longest noun (the likely harmful keyword) in `text`."""
    best: tuple[int, int] | None = None
    for token in _tokens(text):
        if token.part_of_speech()[0] == "名詞" and len(token.surface()) >= 2:
            span = (token.begin(), token.end())
            if best is None or span[1] - span[0] > best[1] - best[0]:
                best = span
    return best


def _on_key_noun(text: str, change: Callable[[str], str]) -> str:
    span = _key_noun(text)
    if span is None:
        return change(text)
    a, b = span
    return text[:a] + change(text[a:b]) + text[b:]


def char_separation(text: str, rng: random.Random) -> str:
    sep = rng.choice([" ", "・", "　", ".", "-"])
    return _on_key_noun(text, sep.join)


def fuseji(text: str, rng: random.Random) -> str:
    mark = rng.choice("○●×＊")

    def hide(word: str) -> str:
        i = rng.randrange(len(word))
        return word[:i] + mark + word[i + 1 :]

    return _on_key_noun(text, hide)


def zero_width(text: str, rng: random.Random) -> str:
    return _on_key_noun(text, "\u200b".join)


TRANSFORMS: dict[str, Transform] = {
    "hiragana": hiragana_only,
    "katakana": katakana_only,
    "romaji": romaji,
    "width-mix": width_mix,
    "char-separation": char_separation,
    "fuseji": fuseji,
    "zero-width": zero_width,
}


def apply(name: str, text: str, seed: int = 0) -> str:
    """Apply the transform `name` with a seeded generator (the same seed gives the same variant)."""
    try:
        transform = TRANSFORMS[name]
    except KeyError:
        raise ValueError(f"unknown transform {name!r}; transforms: {', '.join(TRANSFORMS)}") from None
    return transform(text, random.Random(seed))
