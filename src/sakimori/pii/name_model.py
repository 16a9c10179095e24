"""A learned second opinion on person-name candidates.

The context rules in `names.py` decide well when a label, an honorific or a speaker mark says "person", and
poorly on the long tail (a given name alone in chat, a surname as the subject of a sentence, a romaji name in
English). This model rescores every candidate — each rule match, whatever its score, and each noun the
dictionary can read as a name — from hashed features of the candidate and its surroundings: the rule score, the
script shape, the dictionary's name readings, the characters and tokens on either side. It is a logistic
regression trained on the project's read PII sets (`python -m sakimori.training.names`), shipped as
src/sakimori/data/model/names.npz, and used only if that file is there.
"""

from __future__ import annotations

import re
import zlib
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np

__all__ = [
    "DIMENSIONS",
    "Candidate",
    "NameModel",
    "candidate_features",
    "candidates",
    "load_name_model",
    "rescore",
    "token_candidates",
    "tokens",
]

DIMENSIONS = 1 << 18
TOKEN_THRESHOLD = 0.7
# A word that is also a place (広島, 長崎) needs more than that when no rule saw a name: 広島と長崎に…
PLACE_TOKEN_THRESHOLD = 0.9
# Below the checksummed and pattern types (e-mail 0.95): where a name candidate overlaps one of them, the
# structured match wins the overlap (ｈａｎａｋｏ＠… is an address, not a name).
MAX_SCORE = 0.94
# The rules' surest matches (a full name before さん/様, a name in a romaji name field) are never dropped by the
# model: it may lower them, not below the reporting threshold (SCRIPT:echo 山田太郎さん… must stay a name).
RULE_FLOOR_FROM = 0.95
_NAME_WORD = re.compile(r"[\u3041-\u30ff\u4e00-\u9fff々ー]+")


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    source: str  # "rule" (a context rule's match) or "token" (a noun the dictionary can read as a name)
    rule_score: float | None


@dataclass(frozen=True)
class _Token:
    begin: int
    end: int
    surface: str
    pos: str


@dataclass(frozen=True)
class NameModel:
    weights: np.ndarray
    bias: float
    threshold: float

    def probability(self, features: list[int]) -> float:
        return float(1.0 / (1.0 + np.exp(-(self.weights[features].sum() + self.bias))))


@cache
def load_name_model() -> NameModel | None:
    from importlib import resources

    path = resources.files("sakimori.data").joinpath("model/names.npz")
    if not path.is_file():
        return None
    with path.open("rb") as handle:
        data = np.load(handle)
        weights = np.zeros(DIMENSIONS, dtype=np.float32)
        weights[data["index"]] = data["value"]
        return NameModel(weights, float(data["bias"]), float(data["threshold"]))


def tokens(text: str) -> list[_Token]:
    """Sudachi tokens (split mode A) of the whole text, tokenized in bounded chunks so a 1 MB text stays linear."""
    from sakimori.pii.names import _CHUNK as NAMES_CHUNK
    from sakimori.pii.names import chunk_morphemes

    out: list[_Token] = []
    for offset in range(0, len(text), NAMES_CHUNK):
        for t in chunk_morphemes(text[offset : offset + NAMES_CHUNK]):
            out.append(_Token(offset + t.begin(), offset + t.end(), t.surface(), "/".join(t.part_of_speech()[:3])))
    return out


def token_candidates(toks: list[_Token]) -> Iterator[Candidate]:
    """Nouns that the dictionary tags or can read as a name, or does not know (an invented name)."""
    from sakimori.pii.names import _lexicon_name_parts

    for t in toks:
        if not t.pos.startswith(("名詞/固有名詞", "名詞/普通名詞")) or not _NAME_WORD.fullmatch(t.surface):
            continue
        parts = _lexicon_name_parts(t.surface)
        if "人名" in t.pos or parts is None or parts & {"姓", "名"}:
            yield Candidate(t.begin, t.end, "token", None)


def _shape(s: str) -> str:
    out: list[str] = []
    for c in s:
        o = ord(c)
        if 0x3041 <= o <= 0x309F:
            k = "h"
        elif 0x30A0 <= o <= 0x30FF or 0xFF66 <= o <= 0xFF9F:
            k = "k"
        elif 0x4E00 <= o <= 0x9FFF or c == "々":
            k = "K"
        elif c.isascii() and c.isalpha():
            k = "L"
        elif c.isdigit():
            k = "D"
        elif c in " \u3000\t":
            k = "s"
        elif c == "\n":
            k = "n"
        else:
            k = "p"
        if not out or out[-1] != k:
            out.append(k)
    return "".join(out)


def candidate_features(text: str, toks: list[_Token], starts: list[int], c: Candidate) -> list[int]:
    """Hashed feature indices of one candidate. `starts` are the tokens' begin offsets (for bisect)."""
    from sakimori.pii.latin_names import latin_kinds
    from sakimori.pii.names import _lexicon_name_parts

    word = text[c.start : c.end]
    before, after = text[max(0, c.start - 3) : c.start], text[c.end : c.end + 3]
    rule = "none" if c.rule_score is None else str(round(c.rule_score, 2))
    first = bisect_left(starts, c.start)
    last = bisect_right(starts, c.end - 1)
    inside = [t for t in toks[first:last] if t.end <= c.end]
    prev = [t for t in toks[max(0, first - 4) : first] if t.end <= c.start and t.surface.strip()][-2:]
    nxt = [t for t in toks[last : last + 4] if t.surface.strip()][:2]
    compact = word.replace(" ", "").replace("\u3000", "")
    parts = _lexicon_name_parts(compact) if compact else None
    names = [
        f"src={c.source}",
        f"rule={rule}",
        f"shape={_shape(word)}",
        f"len={min(len(word), 8)}",
        f"b1={before[-1:]}",
        f"b2={before[-2:]}",
        f"a1={after[:1]}",
        f"a2={after[:2]}",
        f"a3={after}",
        f"b3={before}",
        f"bc={_shape(before[-1:])}",
        f"ac={_shape(after[:1])}",
        f"w={word}",
        f"ls={c.start == 0 or text[c.start - 1] == chr(10)}",
        f"le={c.end == len(text) or text[c.end] == chr(10)}",
        f"lex={'none' if parts is None else ''.join(sorted(parts))}",
        f"b1={before[-1:]}&rule={rule}",
        f"a1={after[:1]}&rule={rule}",
        f"ipos={'|'.join(t.pos for t in inside[:3])}",
        f"p1={prev[-1].surface if prev else '^'}",
        f"p1pos={prev[-1].pos if prev else '^'}",
        f"n1={nxt[0].surface if nxt else '$'}",
        f"n1pos={nxt[0].pos if nxt else '$'}",
        f"n2={'/'.join(t.surface for t in nxt)}",
        f"p2={'/'.join(t.surface for t in prev)}",
        f"ntok={len(inside)}",
        f"latin={latin_kinds(word)}",
    ]
    return [zlib.crc32(n.encode()) % DIMENSIONS for n in names]


def candidates(rule_matches: list[Any], toks: list[_Token]) -> list[Candidate]:
    """Every rule match (its best score per span) and every name-like noun no rule match overlaps. The overlap
    test looks at the neighbours of the noun in the sorted rule spans only, so a 1 MB text stays linear."""
    best: dict[tuple[int, int], float] = {}
    for m in rule_matches:
        best[(m.start, m.end)] = max(best.get((m.start, m.end), 0.0), m.score)
    out = [Candidate(s, e, "rule", score) for (s, e), score in best.items()]
    covered = sorted(best)
    for c in token_candidates(toks):
        i = bisect_left(covered, (c.start, c.end))
        if not any(a < c.end and c.start < b for a, b in covered[max(0, i - 2) : i + 2]):
            out.append(c)
    return out


def _token_threshold(word: str) -> float:
    from sakimori.pii.names import _lexicon_kinds

    return PLACE_TOKEN_THRESHOLD if "地名" in _lexicon_kinds(word) else TOKEN_THRESHOLD


def rescore(text: str, rule_matches: list[Any], model: NameModel) -> Iterator[tuple[int, int, float]]:
    """(start, end, probability) for every candidate: the rule matches and the dictionary's name-like nouns."""
    toks = tokens(text)
    starts = [t.begin for t in toks]
    for c in candidates(rule_matches, toks):
        p = model.probability(candidate_features(text, toks, starts, c))
        if c.source == "token" and p < _token_threshold(text[c.start : c.end]):
            p = min(p, 0.49)  # no rule saw a name here: the model alone must be surer (学年, 白薔薇 in chat)
        if c.rule_score is not None and c.rule_score >= RULE_FLOOR_FROM:
            p = max(p, 0.5)  # a full name with an honorific stays reported whatever the surroundings
        yield c.start, c.end, min(p, MAX_SCORE)
