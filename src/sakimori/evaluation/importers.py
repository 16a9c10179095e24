"""Importers: public Japanese safety data sets (local files) → the project's JSONL format.

Nothing is downloaded: point an importer at a file you obtained under the data set's own licence. Every importer
returns items plus a count of what was dropped and why, so an import is never silently lossy. Generic text
items (toxicity corpora, RTP-LX) carry no prompt/response role: they are imported as prompts (role "prompt"),
i.e. judged as user messages.

Formats (`sakimori data import FORMAT PATH --out FILE.jsonl`):
- `dna-ja`: Do-Not-Answer(-Ja) — CSV or JSON with id, risk_area, types_of_harm, specific_harms, question.
  Every question is one a model should not simply answer: label unsafe; category mapped from types_of_harm
  where an S-code fits, else none; `kind` is the types_of_harm value so it can be sliced or excluded.
- `answercarefully`: AnswerCarefully-style JSON (list or JSON Lines) of {ID, text, output, meta{risk-area,
  harm-type, specific-harm}}: the question as an unsafe prompt (category from harm-type as for dna-ja) and the
  reference answer as a safe response (kind "reference").
- `xstest`: XSTest-style CSV (id, prompt, type, label, focus, note): `contrast_*` types (or label unsafe) are
  unsafe, the rest safe with kind "borderline" (they test over-refusal).
- `toxicity`: CSV with a `text` column and per-annotator level columns (names starting with `annotator`, or
  given): majority vote (strictly more than half); items without a majority are dropped and counted. Levels:
  toxic / 2 → unsafe; has_toxic_expression / 1 → safe, kind borderline; nontoxic / 0 → safe. Attribute
  columns (discriminatory, violent, illegal, obscene, personal, corporate) give the category when truthy.
- `rtp-lx`: RTP-LX-style JSON / JSON Lines with Prompt and PromptAnnotations{Toxicity, IdentityAttack, Bias,
  Microaggression, Violence, SelfHarm, Insult, SexualContent}; each annotation a number or a list of annotator
  scores (the median is used). Unsafe when median Toxicity ≥ `min_toxicity` (default 3 on the 1–5 scale).
- `polyguard` (alias `wildguardmix`): records with prompt, response, prompt_harm_label, response_harm_label,
  response_refusal_label (yes/no or harmful/unharmful, refusal/compliance) and optional
  prompt_safety_categories / response_safety_categories ("S1, S10"). One prompt item, plus one response item
  when a response and its label exist.
"""

from __future__ import annotations

import csv
import io
import json
import statistics
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sakimori.evaluation.datasets import DatasetError, Item, item_from_record
from sakimori.taxonomy import CATEGORIES

__all__ = ["FORMATS", "ImportResult", "import_file"]


@dataclass
class ImportResult:
    items: list[Item] = field(default_factory=list)
    dropped: Counter[str] = field(default_factory=Counter)


# Do-Not-Answer harm types (English and Do-Not-Answer-Ja wording) → S-codes, where one fits.
_DNA_HARM = {
    "sensitive information in organization/government": "S7",
    "compromise privacy by leaking or inferring private information (person/individual)": "S7",
    "assisting illegal activities": "S2",
    "social stereotypes and unfair discrimination": "S10",
    "toxic language (hate speech)": "S10",
    "adult content": "S12",
    "causing material harm by disseminating misinformation e.g. in medicine or law": "S6",
    "mental health or overreliance crisis": "S11",
    "機密情報": "S7",
    "個人情報": "S7",
    "プライバシー": "S7",
    "違法行為": "S2",
    "固定観念": "S10",
    "差別": "S10",
    "ヘイトスピーチ": "S10",
    "有害な言葉": "S10",
    "アダルト": "S12",
    "医学や法律": "S6",
    "メンタルヘルス": "S11",
}


def _dna_category(harm: str) -> str | None:
    key = harm.strip().lower()
    if key in _DNA_HARM:
        return _DNA_HARM[key]
    for fragment, code in _DNA_HARM.items():
        if fragment in key:
            return code
    return None


def _read_text(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DatasetError(f"cannot read {path}: {exc.strerror or exc}") from None
    for encoding in ("utf-8-sig", "cp932"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DatasetError(f"{path} is neither UTF-8 nor Shift_JIS text")


def _csv_rows(path: Path) -> list[dict[str, str]]:
    rows = list(csv.DictReader(io.StringIO(_read_text(path))))
    if not rows:
        raise DatasetError(f"{path}: no rows (an empty CSV or only a header)")
    return rows


def _json_records(path: Path) -> list[Mapping[str, Any]]:
    """A JSON list, a JSON object holding one list, or JSON Lines."""
    text = _read_text(path).strip()
    if not text:
        raise DatasetError(f"{path} is empty")
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        records = []
        for number, line in enumerate(text.splitlines(), 1):
            if line.strip():
                try:
                    records.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise DatasetError(f"{path}:{number}: not valid JSON ({exc.msg})") from None
        data = records
    if isinstance(data, Mapping):
        lists = [v for v in data.values() if isinstance(v, list)]
        data = lists[0] if len(lists) == 1 else [data]
    if not isinstance(data, list) or not all(isinstance(r, Mapping) for r in data):
        raise DatasetError(f"{path}: expected a list of JSON objects")
    return data


def _records(path: Path) -> Iterable[Mapping[str, Any]]:
    return _csv_rows(path) if path.suffix.lower() in (".csv", ".tsv") else _json_records(path)


def _add(result: ImportResult, record: dict[str, Any]) -> None:
    try:
        result.items.append(item_from_record(record))
    except ValueError as exc:
        result.dropped[f"invalid: {exc}"] += 1


def _get(record: Mapping[str, Any], *names: str) -> Any:
    for name in names:
        if name in record and record[name] not in (None, ""):
            return record[name]
    return None


def _dna(path: Path, **_: Any) -> ImportResult:
    result = ImportResult()
    for n, rec in enumerate(_records(path)):
        question = _get(rec, "question", "question_ja", "text", "prompt")
        if not isinstance(question, str) or not question.strip():
            result.dropped["no question"] += 1
            continue
        harm = str(_get(rec, "types_of_harm", "harm_type") or "")
        _add(
            result,
            {
                "id": f"dna-{_get(rec, 'id') or n}",
                "role": "prompt",
                "text": question,
                "label": "unsafe",
                "category": _dna_category(harm),
                "kind": harm or "dna",
                "attack": None,
                "risk_area": _get(rec, "risk_area"),
                "specific_harms": _get(rec, "specific_harms"),
            },
        )
    return result


def _answercarefully(path: Path, **_: Any) -> ImportResult:
    result = ImportResult()
    for n, rec in enumerate(_records(path)):
        text = _get(rec, "text", "question")
        if not isinstance(text, str) or not text.strip():
            result.dropped["no text"] += 1
            continue
        raw_meta = rec.get("meta")
        meta: Mapping[str, Any] = raw_meta if isinstance(raw_meta, Mapping) else {}
        harm = str(_get(meta, "harm-type", "harm_type") or "")
        base = f"ac-{_get(rec, 'ID', 'id') or n}"
        extra = {"risk_area": _get(meta, "risk-area", "risk_area"), "harm_type": harm or None, "family": base}
        _add(
            result,
            {
                "id": base,
                "role": "prompt",
                "text": text,
                "label": "unsafe",
                "category": _dna_category(harm),
                "kind": "harmful",
                "attack": None,
                **extra,
            },
        )
        output = _get(rec, "output", "answer")
        if isinstance(output, str) and output.strip():
            _add(
                result,
                {
                    "id": f"{base}-ref",
                    "role": "response",
                    "prompt": text,
                    "text": output,
                    "label": "safe",
                    "category": None,
                    "kind": "reference",
                    "attack": None,
                    **extra,
                },
            )
    return result


def _xstest(path: Path, **_: Any) -> ImportResult:
    result = ImportResult()
    for n, rec in enumerate(_records(path)):
        prompt = _get(rec, "prompt", "text")
        if not isinstance(prompt, str) or not prompt.strip():
            result.dropped["no prompt"] += 1
            continue
        kind = str(_get(rec, "type") or "")
        unsafe = kind.startswith("contrast_") or str(_get(rec, "label") or "").lower() == "unsafe"
        _add(
            result,
            {
                "id": f"xstest-{_get(rec, 'id') or n}",
                "role": "prompt",
                "text": prompt,
                "label": "unsafe" if unsafe else "safe",
                "category": None,
                "kind": "harmful" if unsafe else "borderline",
                "attack": None,
                "xstest_type": kind,
                "focus": _get(rec, "focus"),
                "note": _get(rec, "note"),
            },
        )
    return result


_TOXIC_LEVELS = {"toxic": 2, "2": 2, "has_toxic_expression": 1, "1": 1, "nontoxic": 0, "non-toxic": 0, "0": 0}
_TOXIC_ATTRIBUTES = {
    "discriminatory": "S10",
    "violent": "S1",
    "illegal": "S2",
    "obscene": "S12",
    "personal": "S7",
    "corporate": "S5",
}


def _truthy(value: Any) -> bool:
    return str(value).strip().lower() in ("1", "true", "yes", "y", "t")


def _toxicity(path: Path, *, annotators: Iterable[str] | None = None, **_: Any) -> ImportResult:
    result = ImportResult()
    rows = _csv_rows(path)
    columns = list(annotators) if annotators else [c for c in rows[0] if c.lower().startswith("annotator")]
    if not columns:
        raise DatasetError(f"{path}: no annotator columns (names starting with 'annotator', or pass annotators)")
    for n, row in enumerate(rows):
        text = row.get("text")
        if not text or not text.strip():
            result.dropped["no text"] += 1
            continue
        votes = [_TOXIC_LEVELS.get(str(row.get(c, "")).strip().lower()) for c in columns]
        cast = [v for v in votes if v is not None]
        if not cast:
            result.dropped["no annotations"] += 1
            continue
        level, count = Counter(cast).most_common(1)[0]
        if count * 2 <= len(cast):
            result.dropped["no majority"] += 1
            continue
        categories = [code for col, code in _TOXIC_ATTRIBUTES.items() if _truthy(row.get(col, ""))]
        _add(
            result,
            {
                "id": f"tox-{row.get('id') or n}",
                "role": "prompt",
                "text": text,
                "label": "unsafe" if level == 2 else "safe",
                "categories": categories if level == 2 else None,
                "kind": ["benign", "borderline", "harmful"][level],
                "attack": None,
                "votes": f"{count}/{len(cast)}",
            },
        )
    return result


_RTP_CATEGORIES = {
    "IdentityAttack": "S10",
    "Bias": "S10",
    "Microaggression": "S10",
    "Violence": "S1",
    "SelfHarm": "S11",
    "SexualContent": "S12",
}


def _median(value: Any) -> float | None:
    if isinstance(value, list):
        numbers = [float(v) for v in value if isinstance(v, int | float) and not isinstance(v, bool)]
        return statistics.median(numbers) if numbers else None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return None


def _rtp_lx(path: Path, *, min_toxicity: float = 3.0, category_min: float = 2.0, **_: Any) -> ImportResult:
    result = ImportResult()
    for n, rec in enumerate(_records(path)):
        text = _get(rec, "Prompt", "prompt", "text")
        notes = rec.get("PromptAnnotations")
        if not isinstance(text, str) or not text.strip():
            result.dropped["no prompt"] += 1
            continue
        if not isinstance(notes, Mapping) or _median(notes.get("Toxicity")) is None:
            result.dropped["no Toxicity annotation"] += 1
            continue
        toxicity = _median(notes["Toxicity"]) or 0.0
        unsafe = toxicity >= min_toxicity
        categories = (
            sorted({code for key, code in _RTP_CATEGORIES.items() if (_median(notes.get(key)) or 0.0) >= category_min})
            if unsafe
            else []
        )
        _add(
            result,
            {
                "id": f"rtplx-{_get(rec, 'Index', 'index', 'id') or n}",
                "role": "prompt",
                "text": text,
                "label": "unsafe" if unsafe else "safe",
                "categories": categories or None,
                "kind": "harmful" if unsafe else "benign",
                "attack": None,
                "toxicity_median": toxicity,
                "locale": _get(rec, "Locale", "locale"),
            },
        )
    return result


def _yes(value: Any) -> bool | None:
    text = str(value).strip().lower() if value is not None else ""
    if text in ("yes", "harmful", "true", "1", "unsafe", "refusal"):
        return True
    if text in ("no", "unharmful", "false", "0", "safe", "compliance"):
        return False
    return None


def _codes(value: Any) -> list[str]:
    if isinstance(value, list):
        parts = [str(v) for v in value]
    elif isinstance(value, str):
        parts = value.replace(";", ",").split(",")
    else:
        return []
    return [p.strip() for p in parts if p.strip() in CATEGORIES]


def _polyguard(path: Path, **_: Any) -> ImportResult:
    result = ImportResult()
    for n, rec in enumerate(_records(path)):
        prompt = _get(rec, "prompt")
        harmful = _yes(rec.get("prompt_harm_label"))
        if not isinstance(prompt, str) or not prompt.strip() or harmful is None:
            result.dropped["no prompt or prompt_harm_label"] += 1
            continue
        base = f"pg-{_get(rec, 'id', 'idx') or n}"
        adversarial = _truthy(rec.get("adversarial", ""))
        _add(
            result,
            {
                "id": base,
                "role": "prompt",
                "text": prompt,
                "label": "unsafe" if harmful else "safe",
                "categories": _codes(rec.get("prompt_safety_categories")) if harmful else None,
                "kind": "harmful" if harmful else "benign",
                "attack": "adversarial" if adversarial else None,
                "family": base,
                "subcategory": _get(rec, "subcategory"),
            },
        )
        response = _get(rec, "response")
        response_harmful = _yes(rec.get("response_harm_label"))
        if isinstance(response, str) and response.strip() and response.strip() != "None":
            if response_harmful is None:
                result.dropped["response without response_harm_label"] += 1
                continue
            refusal = _yes(rec.get("response_refusal_label"))
            kind = "harmful" if response_harmful else ("refusal" if refusal else "helpful")
            _add(
                result,
                {
                    "id": f"{base}-r",
                    "role": "response",
                    "prompt": prompt,
                    "text": response,
                    "label": "unsafe" if response_harmful else "safe",
                    "categories": _codes(rec.get("response_safety_categories")) if response_harmful else None,
                    "kind": kind,
                    "attack": None,
                    "family": base,
                },
            )
    return result


FORMATS: dict[str, Callable[..., ImportResult]] = {
    "dna-ja": _dna,
    "answercarefully": _answercarefully,
    "xstest": _xstest,
    "toxicity": _toxicity,
    "rtp-lx": _rtp_lx,
    "polyguard": _polyguard,
    "wildguardmix": _polyguard,
}


def import_file(fmt: str, path: str | Path, **options: Any) -> ImportResult:
    """Convert one local file; unknown formats and unreadable files are `DatasetError`s."""
    if fmt not in FORMATS:
        raise DatasetError(f"unknown import format {fmt!r}; formats: {', '.join(FORMATS)}")
    result = FORMATS[fmt](Path(path), **options)
    if not result.items:
        reasons = ", ".join(f"{k}: {v}" for k, v in result.dropped.items()) or "no records"
        raise DatasetError(f"{path}: nothing could be imported ({reasons})")
    seen: Counter[str] = Counter(i.id for i in result.items)
    duplicates = [i for i, c in seen.items() if c > 1]
    if duplicates:
        raise DatasetError(f"{path}: duplicate ids after import, e.g. {duplicates[:3]}")
    return result
