"""Data sets in the JSON Lines format of the contract (../shared/DESIGN.md): loading, validation, writing.

Every loader in the project reads this format. A bad line is one clear error naming the file and the line
(`DatasetError`), or, with `skip_invalid=True`, counted and skipped; an empty data set is an error.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sakimori.errors import SakimoriError
from sakimori.taxonomy import is_valid_code
from sakimori.types import Message, Turn

__all__ = ["Dataset", "DatasetError", "Item", "item_from_record", "load_dataset", "load_datasets", "write_jsonl"]

_KNOWN = {"id", "role", "text", "label", "category", "categories", "kind", "attack", "prompt", "context"}


class DatasetError(SakimoriError, ValueError):
    """A data set that cannot be used: unreadable, not JSON Lines, a bad field, a duplicate id, or empty."""


@dataclass(frozen=True)
class Item:
    """One labelled example. `categories` is empty for safe items; `extra` keeps unknown fields as they were."""

    id: str
    role: str
    text: str
    label: str
    categories: tuple[str, ...] = ()
    kind: str | None = None
    attack: str | None = None
    prompt: str | None = None
    context: tuple[Turn, ...] = ()
    extra: Mapping[str, Any] = field(default_factory=dict, compare=False)

    @property
    def unsafe(self) -> bool:
        return self.label == "unsafe"

    @property
    def category(self) -> str | None:
        return self.categories[0] if self.categories else None

    def to_message(self) -> Message:
        """A prompt item is a user message; a response item an assistant message with its prompt as context."""
        if self.role == "response":
            return Message.response(self.text, self.prompt, self.context)
        return Message(self.text, "user", self.context)

    def to_record(self) -> dict[str, Any]:
        record: dict[str, Any] = {"id": self.id, "role": self.role}
        if self.prompt is not None:
            record["prompt"] = self.prompt
        record.update(text=self.text, label=self.label, category=self.category, kind=self.kind, attack=self.attack)
        if len(self.categories) > 1:
            record["categories"] = list(self.categories)
        if self.context:
            record["context"] = [{"role": t.role, "text": t.text} for t in self.context]
        record.update(self.extra)
        return record


@dataclass(frozen=True)
class Dataset:
    """Items from one or more files, ids unique across them; `skipped` counts invalid lines that were skipped."""

    items: tuple[Item, ...]
    sources: tuple[str, ...]
    skipped: int = 0

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[Item]:
        return iter(self.items)


def _str(record: Mapping[str, Any], key: str, *, required: bool = True) -> str | None:
    value = record.get(key)
    if value is None:
        if required:
            raise ValueError(f"missing field {key!r}")
        return None
    if not isinstance(value, str):
        raise ValueError(f"field {key!r} must be a string, got {type(value).__name__}")
    return value


def _context(value: Any) -> tuple[Turn, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise ValueError("field 'context' must be a list of {role, text} turns")
    turns = []
    for i, turn in enumerate(value):
        if not isinstance(turn, Mapping) or turn.get("role") not in ("user", "assistant"):
            raise ValueError(f"context[{i}] must be {{'role': 'user'|'assistant', 'text': …}}")
        text = turn.get("text", turn.get("content"))
        if not isinstance(text, str) or not text.strip():
            raise ValueError(f"context[{i}] has no text")
        turns.append(Turn(turn["role"], text))
    return tuple(turns)


def item_from_record(record: Any) -> Item:
    """Validate one parsed JSON object against the contract; raises ValueError saying what is wrong."""
    if not isinstance(record, Mapping):
        raise ValueError(f"each line must be a JSON object, got {type(record).__name__}")
    item_id = record.get("id")
    if isinstance(item_id, int) and not isinstance(item_id, bool):
        item_id = str(item_id)
    if not isinstance(item_id, str) or not item_id.strip():
        raise ValueError("missing or empty field 'id'")
    role = _str(record, "role")
    if role not in ("prompt", "response"):
        raise ValueError(f"field 'role' must be 'prompt' or 'response', got {role!r}")
    text = _str(record, "text")
    if not text or not text.strip():
        raise ValueError("field 'text' is empty")
    label = _str(record, "label")
    if label not in ("safe", "unsafe"):
        raise ValueError(f"field 'label' must be 'safe' or 'unsafe', got {label!r}")
    prompt = _str(record, "prompt", required=role == "response")
    if role == "response" and not (prompt or "").strip():
        raise ValueError("a response item needs its 'prompt'")
    categories: list[str] = []
    if record.get("categories") is not None:
        raw = record["categories"]
        if not isinstance(raw, list) or not all(isinstance(c, str) for c in raw):
            raise ValueError("field 'categories' must be a list of category codes")
        categories = list(raw)
    elif record.get("category") is not None:
        categories = [_str(record, "category") or ""]
    for code in categories:
        if not is_valid_code(code):
            raise ValueError(f"unknown category code {code!r}")
    if label == "safe" and categories:
        raise ValueError("a safe item must not have a category")
    return Item(
        id=item_id,
        role=role,
        text=text,
        label=label,
        categories=tuple(dict.fromkeys(categories)),
        kind=_str(record, "kind", required=False),
        attack=_str(record, "attack", required=False),
        prompt=prompt,
        context=_context(record.get("context")),
        extra={k: v for k, v in record.items() if k not in _KNOWN},
    )


def _lines(path: Path) -> Iterator[tuple[int, str]]:
    try:
        with path.open("rb") as handle:
            for number, raw in enumerate(handle, 1):
                try:
                    yield number, raw.decode("utf-8")
                except UnicodeDecodeError as exc:
                    yield number, f"\x00invalid UTF-8 at byte {exc.start}"
    except OSError as exc:
        raise DatasetError(f"cannot read data set {path}: {exc.strerror or exc}") from None


def load_datasets(paths: Sequence[str | Path], *, skip_invalid: bool = False, limit: int | None = None) -> Dataset:
    """Load and validate one or more JSONL files; ids must be unique across all of them."""
    if not paths:
        raise DatasetError("no data set given")
    items: list[Item] = []
    seen: dict[str, str] = {}
    skipped = 0
    for raw_path in paths:
        path = Path(raw_path)
        if path.is_dir():
            raise DatasetError(f"{path} is a directory, not a JSONL file")
        for number, line in _lines(path):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                if line.startswith("\x00"):
                    raise ValueError(f"line is not {line[1:]}")
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise ValueError(f"not valid JSON ({exc.msg} at column {exc.colno})") from None
                item = item_from_record(record)
                if item.id in seen:
                    raise ValueError(f"duplicate id {item.id!r} (first at {seen[item.id]})")
            except ValueError as exc:
                if skip_invalid:
                    skipped += 1
                    continue
                raise DatasetError(f"{where}: {exc}") from None
            seen[item.id] = where
            items.append(item)
            if limit is not None and len(items) >= limit:
                break
        if limit is not None and len(items) >= limit:
            break
    if not items:
        names = ", ".join(str(p) for p in paths)
        raise DatasetError(f"no valid items in {names}" + (f" ({skipped} invalid lines skipped)" if skipped else ""))
    return Dataset(tuple(items), tuple(str(p) for p in paths), skipped)


def load_dataset(path: str | Path, *, skip_invalid: bool = False) -> Dataset:
    return load_datasets([path], skip_invalid=skip_invalid)


def write_jsonl(path: str | Path, records: Iterable[Mapping[str, Any] | Item]) -> int:
    """Write records (or items) as UTF-8 JSON Lines; returns how many lines were written."""
    count = 0
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("w", encoding="utf-8") as handle:
        for record in records:
            obj = record.to_record() if isinstance(record, Item) else record
            handle.write(json.dumps(obj, ensure_ascii=False) + "\n")
            count += 1
    return count
