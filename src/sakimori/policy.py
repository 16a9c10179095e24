"""The policy: which detectors run, and what the guard does per category. YAML in, validated dataclasses out.

YAML is a thin mapping onto these dataclasses; unknown keys are errors (with a did-you-mean), values are checked
at load, so a typo such as `treshold` never silently becomes the default. Fail closed is the default:
`on_error: block`.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from sakimori.errors import PolicyError
from sakimori.taxonomy import CATEGORIES, PII_PREFIX, PII_TYPES, Category, is_valid_code
from sakimori.types import Action

__all__ = [
    "CategoryRule",
    "DetectorSpec",
    "Messages",
    "Policy",
    "Price",
    "load_policy",
]

DEFAULT_MAX_CHARS = 2_000_000


@dataclass(frozen=True)
class DetectorSpec:
    """One detector to run: registry name, constructor parameters, and when to run it.

    `when: unsure` runs it only while the decision so far is in the controversial band (escalation: an expensive
    LLM guard asked only about what the cheap detectors could not settle).
    """

    name: str
    params: Mapping[str, Any] = field(default_factory=dict)
    when: str = "always"


MASK_MODES = ("placeholder", "char", "partial", "pseudonym")


@dataclass(frozen=True)
class CategoryRule:
    """A finding of this category at or above `threshold` triggers `action`.

    Masking uses `mask`: `placeholder` ([電話番号], or `placeholder` if set), `char` (＊ for every character),
    `partial` (keep the last 4 characters), or `pseudonym` ([電話番号_1], reversible with the decision's
    `replacements`, so an LLM's answer can be restored for the user).
    """

    threshold: float = 0.5
    action: Action = Action.BLOCK
    placeholder: str | None = None
    mask: str = "placeholder"


@dataclass(frozen=True)
class Messages:
    """Texts passed on instead of a blocked message; unset entries fall back to the built-in texts."""

    refusal: Mapping[str, str] = field(default_factory=dict)
    safe_answer: str | None = None
    regenerate_instruction: str | None = None


@dataclass(frozen=True)
class Price:
    """What one detector costs (USD), for the cost line of evaluation reports of hosted guards."""

    per_call: float = 0.0
    per_million_chars: float = 0.0


@dataclass(frozen=True)
class Policy:
    """Everything the guard needs to decide. Build it with `load_policy` (YAML, mapping) or directly."""

    detectors: tuple[DetectorSpec, ...] = (DetectorSpec("wordlist"),)
    default: CategoryRule = CategoryRule()
    rules: Mapping[str, CategoryRule] = field(default_factory=dict)
    custom_categories: tuple[Category, ...] = ()
    controversial: float = 0.3
    on_error: Action = Action.BLOCK
    messages: Messages = Messages()
    max_chars: int = DEFAULT_MAX_CHARS
    regenerate_retries: int = 2
    cascade: bool = True
    prices: Mapping[str, Price] = field(default_factory=dict)

    def rule_for(self, category: str) -> CategoryRule:
        """The rule of a category: exact code, then a prefix rule (`PII:*`, `attack:*`), then the default."""
        rule = self.rules.get(category)
        if rule is not None:
            return rule
        prefix, sep, _ = category.partition(":")
        if sep:
            rule = self.rules.get(f"{prefix}:*")
            if rule is not None:
                return rule
        return self.default

    def counts_as_harm(self, category: str) -> bool:
        """PII is personal data, not harm: it makes a message unsafe only when the policy blocks it."""
        return not category.startswith(PII_PREFIX) or self.rule_for(category).action.rank >= Action.BLOCK.rank


# --- loading --------------------------------------------------------------------------------------------------------


def _fail(where: str, problem: str) -> PolicyError:
    return PolicyError(f"{where}: {problem}")


def _check_keys(value: Any, allowed: set[str], where: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise _fail(where, f"must be a mapping, got {type(value).__name__}")
    for key in value:
        if key not in allowed:
            close = difflib.get_close_matches(str(key), sorted(allowed), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else f"; allowed: {', '.join(sorted(allowed))}"
            raise _fail(where, f"unknown key {key!r}{hint}")
    return value


def _number(value: Any, where: str, lo: float = 0.0, hi: float = 1.0) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not lo <= value <= hi:
        raise _fail(where, f"must be a number between {lo:g} and {hi:g}, got {value!r}")
    return float(value)


def _integer(value: Any, where: str, lo: int, hi: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
        raise _fail(where, f"must be an integer between {lo} and {hi}, got {value!r}")
    return value


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _fail(where, f"must be a non-empty string, got {value!r}")
    return value


def _action(value: Any, where: str) -> Action:
    try:
        return Action(value)
    except ValueError:
        raise _fail(where, f"unknown action {value!r}; actions: {', '.join(a.value for a in Action)}") from None


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise _fail(where, f"must be a list of strings, got {type(value).__name__}")
    return tuple(_text(v, f"{where}[{i}]") for i, v in enumerate(value))


def _mask_mode(value: Any, where: str) -> str:
    if value not in MASK_MODES:
        raise _fail(where, f"unknown mask mode {value!r}; modes: {', '.join(MASK_MODES)}")
    return str(value)


def _rule(value: Any, where: str, base: CategoryRule) -> CategoryRule:
    spec = _check_keys(value, {"threshold", "action", "placeholder", "mask"}, where)
    return CategoryRule(
        threshold=_number(spec["threshold"], f"{where}.threshold") if "threshold" in spec else base.threshold,
        action=_action(spec["action"], f"{where}.action") if "action" in spec else base.action,
        placeholder=_text(spec["placeholder"], f"{where}.placeholder") if "placeholder" in spec else None,
        mask=_mask_mode(spec["mask"], f"{where}.mask") if "mask" in spec else base.mask,
    )


def _detectors(value: Any, where: str) -> tuple[DetectorSpec, ...]:
    if not isinstance(value, list) or not value:
        raise _fail(where, "must be a non-empty list of detector names or {name: …, <params>} mappings")
    specs = []
    for i, item in enumerate(value):
        here = f"{where}[{i}]"
        if isinstance(item, str):
            specs.append(DetectorSpec(_text(item, here)))
            continue
        if not isinstance(item, Mapping) or "name" not in item:
            raise _fail(here, "must be a detector name or a mapping with a 'name' key")
        params = {k: v for k, v in item.items() if k not in ("name", "when")}
        when = item.get("when", "always")
        if when not in ("always", "unsure"):
            raise _fail(f"{here}.when", f"must be 'always' or 'unsure', got {when!r}")
        specs.append(DetectorSpec(_text(item["name"], f"{here}.name"), params, when))
    return tuple(specs)


_CUSTOM_KEYS = {"name", "description", "examples", "terms", "threshold", "action", "placeholder", "mask"}


def _categories(value: Any, where: str) -> tuple[CategoryRule, dict[str, CategoryRule], tuple[Category, ...]]:
    if not isinstance(value, Mapping):
        raise _fail(where, "must be a mapping of category code to {threshold, action}")
    default = _rule(value["default"], f"{where}.default", CategoryRule()) if "default" in value else CategoryRule()
    rules: dict[str, CategoryRule] = {}
    custom: list[Category] = []
    for code, spec in value.items():
        if code == "default":
            continue
        here = f"{where}.{code}"
        if not isinstance(code, str) or not (is_valid_code(code) or code.endswith(":*")):
            raise _fail(here, "is not a category code (S1–S14, PII:<type>, attack:<kind>, or a user code like X1)")
        if code in CATEGORIES or ":" in code:
            rules[code] = _rule(spec, here, default)
            continue
        spec = _check_keys(spec, _CUSTOM_KEYS, here)
        if "name" not in spec or "description" not in spec:
            raise _fail(here, "a user category needs 'name' and 'description' (in plain language)")
        rule_part = {k: spec[k] for k in ("threshold", "action", "placeholder", "mask") if k in spec}
        rules[code] = _rule(rule_part, here, default)
        custom.append(
            Category(
                code=code,
                name_ja=_text(spec["name"], f"{here}.name"),
                name_en=str(spec["name"]),
                description=_text(spec["description"], f"{here}.description"),
                examples=_strings(spec.get("examples", []), f"{here}.examples"),
                terms=_strings(spec.get("terms", []), f"{here}.terms"),
                builtin=False,
            )
        )
    return default, rules, tuple(custom)


def _pii(value: Any, where: str) -> dict[str, CategoryRule]:
    spec = _check_keys(value, {"action", "threshold", "types", "placeholders", "mode", "modes"}, where)
    base_spec = {k: spec[k] for k in ("action", "threshold") if k in spec}
    if "mode" in spec:
        base_spec["mask"] = spec["mode"]
    base = _rule(base_spec, where, CategoryRule(action=Action.MASK))
    modes = _check_keys(spec.get("modes", {}), set(PII_TYPES), f"{where}.modes")
    for t, mode in modes.items():
        _mask_mode(mode, f"{where}.modes.{t}")
    types = _strings(spec["types"], f"{where}.types") if "types" in spec else tuple(PII_TYPES)
    for t in types:
        if t not in PII_TYPES:
            raise _fail(f"{where}.types", f"unknown PII type {t!r}; types: {', '.join(PII_TYPES)}")
    placeholders = _check_keys(spec.get("placeholders", {}), set(PII_TYPES), f"{where}.placeholders")
    return {
        f"{PII_PREFIX}{t}": CategoryRule(base.threshold, base.action, placeholders.get(t), modes.get(t, base.mask))
        for t in types
    }


def _messages(value: Any, where: str) -> Messages:
    spec = _check_keys(value, {"refusal", "safe_answer", "regenerate_instruction"}, where)
    refusal: dict[str, str] = {}
    if "refusal" in spec:
        raw = spec["refusal"]
        if isinstance(raw, str):
            refusal["default"] = _text(raw, f"{where}.refusal")
        elif isinstance(raw, Mapping):
            for code, text in raw.items():
                if not (code in ("default", "error") or (isinstance(code, str) and is_valid_code(code))):
                    raise _fail(f"{where}.refusal.{code}", "is not 'default', 'error' or a category code")
                refusal[str(code)] = _text(text, f"{where}.refusal.{code}")
        else:
            raise _fail(f"{where}.refusal", "must be a string or a mapping of category code to text")
    return Messages(
        refusal=refusal,
        safe_answer=_text(spec["safe_answer"], f"{where}.safe_answer") if "safe_answer" in spec else None,
        regenerate_instruction=(
            _text(spec["regenerate_instruction"], f"{where}.regenerate_instruction")
            if "regenerate_instruction" in spec
            else None
        ),
    )


_TOP_KEYS = {
    "detectors",
    "categories",
    "pii",
    "severity",
    "on_error",
    "messages",
    "limits",
    "regenerate",
    "cascade",
    "prices",
}


def _prices(value: Any, where: str) -> dict[str, Price]:
    if not isinstance(value, Mapping):
        raise _fail(where, "must be a mapping of detector name to {per_call, per_million_chars} in USD")
    prices = {}
    for name, spec in value.items():
        spec = _check_keys(spec, {"per_call", "per_million_chars"}, f"{where}.{name}")
        prices[str(name)] = Price(
            _number(spec.get("per_call", 0.0), f"{where}.{name}.per_call", 0.0, 1e6),
            _number(spec.get("per_million_chars", 0.0), f"{where}.{name}.per_million_chars", 0.0, 1e9),
        )
    return prices


def policy_from_mapping(raw: Any, source: str = "policy") -> Policy:
    """Validate a mapping (as parsed from YAML) and build the `Policy`."""
    spec = _check_keys(raw, _TOP_KEYS, source)
    detectors = _detectors(spec["detectors"], f"{source}: detectors") if "detectors" in spec else Policy.detectors
    default, rules, custom = (
        _categories(spec["categories"], f"{source}: categories") if "categories" in spec else (CategoryRule(), {}, ())
    )
    if "pii" in spec:
        pii_rules = _pii(spec["pii"], f"{source}: pii")
        rules = {**pii_rules, **rules}
    severity = _check_keys(spec.get("severity", {}), {"controversial"}, f"{source}: severity")
    controversial = _number(severity.get("controversial", 0.3), f"{source}: severity.controversial")
    on_error = _action(spec.get("on_error", "block"), f"{source}: on_error")
    if on_error not in (Action.BLOCK, Action.ALLOW, Action.WARN):
        raise _fail(f"{source}: on_error", "must be block (fail closed), warn or allow (fail open)")
    limits = _check_keys(spec.get("limits", {}), {"max_chars"}, f"{source}: limits")
    regenerate = _check_keys(spec.get("regenerate", {}), {"max_retries"}, f"{source}: regenerate")
    cascade = spec.get("cascade", True)
    if not isinstance(cascade, bool):
        raise _fail(f"{source}: cascade", f"must be true or false, got {cascade!r}")
    return Policy(
        detectors=detectors,
        default=default,
        rules=rules,
        custom_categories=custom,
        controversial=controversial,
        on_error=on_error,
        messages=_messages(spec.get("messages", {}), f"{source}: messages"),
        max_chars=_integer(limits.get("max_chars", DEFAULT_MAX_CHARS), f"{source}: limits.max_chars", 1, 100_000_000),
        regenerate_retries=_integer(regenerate.get("max_retries", 2), f"{source}: regenerate.max_retries", 0, 10),
        cascade=cascade,
        prices=_prices(spec.get("prices", {}), f"{source}: prices"),
    )


def policy_from_yaml(text: str, source: str = "policy") -> Policy:
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise PolicyError(f"{source} is not valid YAML: {' '.join(str(exc).split())}") from exc
    if raw is None:
        raise PolicyError(f"{source} is empty")
    return policy_from_mapping(raw, source)


def load_policy(source: str | Path | Mapping[str, Any] | Policy | None = None) -> Policy:
    """A policy from a YAML file path, a mapping, a `Policy` (returned as is), or None for the built-in default."""
    if isinstance(source, Policy):
        return source
    if source is None:
        text = resources.files("sakimori.data").joinpath("default_policy.yaml").read_text(encoding="utf-8")
        return policy_from_yaml(text, "built-in default policy")
    if isinstance(source, Mapping):
        return policy_from_mapping(source)
    path = Path(source)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise PolicyError(f"policy file {path} is not UTF-8 text") from None
    except OSError as exc:
        raise PolicyError(f"cannot read policy file {path}: {exc.strerror or exc}") from None
    return policy_from_yaml(text, str(path))
