"""Person names: Sudachi's 人名 part of speech (姓 / 名), merged into full names, scored by context.

A surname with a given name, or any name followed by an honorific (さん・様・氏・くん・君・ちゃん・先生・殿), is a
confident person; a lone surname without context is reported under the default threshold, because many
surnames are also place names (中村, 山田).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any

from sakimori.pii.recognizers import PiiMatch

__all__ = ["find_names"]

_HONORIFICS = ("さん", "様", "さま", "氏", "くん", "君", "ちゃん", "先生", "殿", "社長", "部長", "課長")
_LEAD_WORDS = ("氏名", "名前", "担当", "私は", "わたしは", "本名", "宛名", "名義", "患者", "被害者", "容疑者")


@cache
def _tokenizer() -> Any:
    from sudachipy import dictionary

    return dictionary.Dictionary(dict="core").create()


@cache
def _mode() -> Any:
    from sudachipy import tokenizer

    return tokenizer.Tokenizer.SplitMode.A


_CHUNK = 10_000


def find_names(text: str) -> Iterator[PiiMatch]:
    for offset in range(0, len(text), _CHUNK):
        yield from _names(text[offset : offset + _CHUNK], offset, text)


def _names(chunk: str, offset: int, text: str) -> Iterator[PiiMatch]:
    tokens = list(_tokenizer().tokenize(chunk, _mode()))
    i = 0
    while i < len(tokens):
        pos = tokens[i].part_of_speech()
        if pos[2] != "人名":
            i += 1
            continue
        j = i
        while j + 1 < len(tokens) and tokens[j + 1].part_of_speech()[2] == "人名":
            j += 1
        start, end = offset + tokens[i].begin(), offset + tokens[j].end()
        parts = {tokens[k].part_of_speech()[3] for k in range(i, j + 1)}
        after = text[end : end + 3]
        before = text[max(0, start - 6) : start]
        honorific = any(after.startswith(h) for h in _HONORIFICS)
        if {"姓", "名"} <= parts:
            score = 0.95 if honorific else 0.85
        elif honorific:
            score = 0.9
        else:
            score = 0.45
        if any(w in before for w in _LEAD_WORDS):
            score = min(1.0, score + 0.3)
        yield PiiMatch("person", start, end, score, text[start:end])
        i = j + 1
