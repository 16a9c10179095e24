"""Text → sparse binary features for the built-in classifier. The same function serves training and inference.

Feature families (each prefixed, so they never collide):
- `c:` character 1–4-grams of the normalised text (catches obfuscated and unknown words);
- `w:` / `b:` Sudachi normalised forms (殺す/殺し/殺せ → 殺す) as unigrams and bigrams, so inflection does not
  split the evidence; function words and symbols are skipped;
- `q:` intent cues from the word list (request, protective, refusal, compliance), which separate
  爆弾の作り方 from 爆弾テロの防ぎ方 and a refusal from a compliance;
- `p:` for assistant messages, the words of the prompt they answer (a refusal that repeats harmful words is
  safe; a compliant answer to a harmful prompt is not), and `r:assistant`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from typing import Any

from sakimori import sudachi
from sakimori.normalize import normalize
from sakimori.types import Message

__all__ = ["FeatureConfig", "extract"]

_SKIP_POS = {"助詞", "助動詞", "補助記号", "空白", "記号"}


@dataclass(frozen=True)
class FeatureConfig:
    """Which feature families to use; stored with a trained model so inference extracts the same ones."""

    char_ngrams: tuple[int, ...] = (1, 2, 3, 4)
    words: bool = True
    word_bigrams: bool = True
    cues: bool = True
    prompt_context: bool = True
    min_norm_features: int = 16
    """Rows are scaled by 1/sqrt(max(features found, this)): a text with two known features is not weighed like
    one with two hundred, so a lone n-gram ("a") cannot reach the score of a whole harmful request."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "min_norm_features": self.min_norm_features,
            "char_ngrams": list(self.char_ngrams),
            "words": self.words,
            "word_bigrams": self.word_bigrams,
            "cues": self.cues,
            "prompt_context": self.prompt_context,
        }

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> FeatureConfig:
        return cls(
            tuple(raw["char_ngrams"]),
            bool(raw["words"]),
            bool(raw["word_bigrams"]),
            bool(raw["cues"]),
            bool(raw["prompt_context"]),
            int(raw.get("min_norm_features", 1)),  # models saved before it existed used 1
        )


def _dictionary() -> Any:
    return sudachi.dictionary()


def _tokenizer() -> Any:
    return sudachi.tokenizer()


@cache
def _skip() -> Any:
    """A Sudachi POS matcher for function words and symbols (ids, not tuples: much cheaper per token)."""
    return _dictionary().pos_matcher(lambda pos: pos[0] in _SKIP_POS)


@cache
def _mode() -> Any:
    from sudachipy import tokenizer

    return tokenizer.Tokenizer.SplitMode.C


@cache
def _cue_patterns() -> dict[str, Any]:
    from sakimori.detectors.wordlist import builtin_cue_patterns

    return builtin_cue_patterns()


PROMPT_CHAR_NGRAMS = (2, 3)  # n-grams of the prompt a response answers ("p:c:")
_MAX_WORD_CHARS = 20_000  # Sudachi's input limit is in bytes; long texts are tokenised in pieces


def _words(text: str) -> list[str]:
    tokenizer, mode, skip = _tokenizer(), _mode(), _skip()
    out: list[str] = []
    for start in range(0, len(text), _MAX_WORD_CHARS):
        out.extend(
            m.normalized_form() for m in tokenizer.tokenize(text[start : start + _MAX_WORD_CHARS], mode) if not skip(m)
        )
    return [w for w in out if w.strip()]


def _text_features(norm: str, config: FeatureConfig, prefix: str, out: set[str], chars: bool = True) -> None:
    char = prefix + "c:"
    for n in config.char_ngrams if chars else ():
        out.update([char + norm[i : i + n] for i in range(len(norm) - n + 1)])
    if config.words:
        words = _words(norm)
        word = prefix + "w:"
        out.update([word + w for w in words])
        if config.word_bigrams:
            bigram = prefix + "b:"
            out.update([bigram + a + "|" + b for a, b in pairwise(words)])


def extract(message: Message, config: FeatureConfig = FeatureConfig(), *, chars: bool = True) -> set[str]:
    """The features of one message (normalised once, via the message's cache).

    `chars=False` leaves out the character n-grams ("c:", "p:c:"), which the run-time path computes as hashes
    (`sakimori.char_hash`); everything else is the same."""
    norm = message.normalized.text
    out: set[str] = set()
    _text_features(norm, config, "", out, chars)
    if config.cues:
        for name, pattern in _cue_patterns().items():
            if pattern.search(norm):
                out.add(f"q:{name}")
    if message.role == "assistant":
        out.add("r:assistant")
        prompt = message.context_prompt
        if prompt and config.prompt_context:
            prompt_norm = normalize(prompt).text
            context = FeatureConfig(char_ngrams=PROMPT_CHAR_NGRAMS, words=config.words, word_bigrams=False)
            _text_features(prompt_norm, context, "p:", out, chars)
            if config.cues:
                for name in ("request", "protective"):
                    if _cue_patterns()[name].search(prompt_norm):
                        out.add(f"p:q:{name}")
    return out
