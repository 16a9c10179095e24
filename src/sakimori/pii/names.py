"""Person names: Sudachi's 人名 part of speech (姓 / 名), merged into full names, scored by context.

A surname with a given name, or any name followed by an honorific (さん・様・氏・くん・君・ちゃん・先生・殿), is a
confident person; so is a lone surname that introduces the speaker (佐々木です, 田中と申します) or follows a
relation (元カノの松本, 同僚の中村: Sudachi often reads such surnames as place names, so proper nouns count there).
A lone surname without context is reported under the default threshold, because many surnames are also place
names (中村, 山田). A form label (氏名：, お名前:) makes the value after it a name whatever the dictionary says
(架空太郎 is not in it).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import Any

from sakimori import sudachi
from sakimori.pii.recognizers import PiiMatch

__all__ = ["find_names"]

_HONORIFICS = ("さん", "様", "さま", "氏", "くん", "君", "ちゃん", "先生", "殿", "社長", "部長", "課長")
_LEAD_WORDS = ("氏名", "名前", "担当", "私は", "わたしは", "本名", "宛名", "名義", "患者", "被害者", "容疑者")


def _tokenizer() -> Any:
    return sudachi.tokenizer()


@cache
def _mode() -> Any:
    from sudachipy import tokenizer

    return tokenizer.Tokenizer.SplitMode.A


_SELF_INTRO = ("です", "と申します", "といいます", "と言います", "でございます", "と申す")
_RELATIONS = (
    "元カノ",
    "元彼",
    "元カレ",
    "元カノジョ",
    "元妻",
    "元夫",
    "同僚",
    "上司",
    "部下",
    "友達",
    "友人",
    "後輩",
    "先輩",
    "隣人",
    "担任",
    "同級生",
    "クラスメイト",
    "彼氏",
    "彼女",
    "同期",
    "知人",
    "義母",
    "義父",
)
_FORM_LABEL = re.compile(
    r"(?:氏名|お名前|名前|宛名|名義人?|フリガナ|ふりがな)[ \t]*[:：][ \t]*"
    r"(?P<name>[\u3040-\u30ff\u4e00-\u9fff々ー]{2,8}(?:[ \u3000][\u3040-\u30ff\u4e00-\u9fff々ー]{1,6})?)"
)
_CHUNK = 10_000


def find_names(text: str) -> Iterator[PiiMatch]:
    for m in _FORM_LABEL.finditer(text):
        yield PiiMatch("person", m.start("name"), m.end("name"), 0.9, m.group("name"))
    for offset in range(0, len(text), _CHUNK):
        yield from _names(text[offset : offset + _CHUNK], offset, text)


def _after_relation(text: str, start: int) -> bool:
    before = text[max(0, start - 8) : start]
    return before.endswith("の") and any(before[:-1].endswith(r) for r in _RELATIONS)


def _names(chunk: str, offset: int, text: str) -> Iterator[PiiMatch]:
    tokens = list(_tokenizer().tokenize(chunk, _mode()))
    i = 0
    while i < len(tokens):
        pos = tokens[i].part_of_speech()
        if pos[2] != "人名":
            if pos[1] == "固有名詞" and _after_relation(text, offset + tokens[i].begin()):
                begin, stop = offset + tokens[i].begin(), offset + tokens[i].end()
                yield PiiMatch("person", begin, stop, 0.75, text[begin:stop])
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
        elif any(text.startswith(w, end) for w in _SELF_INTRO):
            score = 0.8
        elif _after_relation(text, start):
            score = 0.75
        else:
            score = 0.45
        if any(w in before for w in _LEAD_WORDS):
            score = min(1.0, score + 0.3)
        yield PiiMatch("person", start, end, score, text[start:end])
        i = j + 1
