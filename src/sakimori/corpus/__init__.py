"""The corpus recipe: building train/dev/test splits from hand-written batches, and the quality checks."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

__all__ = ["SPLIT_NAMES", "shipped_corpus_dir", "shipped_split"]

SPLIT_NAMES = ("train", "dev", "test")


def shipped_corpus_dir() -> Path:
    """The folder of the corpus shipped inside the package (src/sakimori/data/corpus)."""
    return Path(str(resources.files("sakimori.data").joinpath("corpus")))


def shipped_split(name: str) -> Path:
    if name not in SPLIT_NAMES:
        raise ValueError(f"unknown split {name!r}; splits: {', '.join(SPLIT_NAMES)}")
    return shipped_corpus_dir() / f"{name}.jsonl"
