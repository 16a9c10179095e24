from __future__ import annotations

import pytest

from sakimori import Action, PolicyError, load_policy
from sakimori.policy import policy_from_yaml


def test_default_policy_fails_closed() -> None:
    policy = load_policy()
    assert policy.on_error is Action.BLOCK
    assert policy.rule_for("S11").action is Action.SAFE_ANSWER
    assert policy.rule_for("S9").action is Action.BLOCK


def test_full_policy() -> None:
    policy = policy_from_yaml(
        """
detectors: [wordlist, {name: wordlist, when: unsure}]
categories:
  default: {threshold: 0.6, action: block}
  S6: {threshold: 0.7, action: warn}
  X1:
    name: 競合他社への言及
    description: 自社以外の保険会社の商品を勧める発言
    examples: [ライバル生命の保険がいいですよ]
    terms: [ライバル生命]
    action: block
  attack:*: {action: warn}
pii: {action: mask, types: [phone, email], placeholders: {phone: "<TEL>"}}
severity: {controversial: 0.25}
messages: {refusal: {default: ごめんね, S9: だめです}, safe_answer: 相談してね}
limits: {max_chars: 1000}
regenerate: {max_retries: 3}
on_error: allow
"""
    )
    assert policy.rule_for("S6").threshold == 0.7
    assert policy.rule_for("S1").threshold == 0.6
    assert policy.rule_for("X1").threshold == 0.6
    assert policy.rule_for("attack:jailbreak").action is Action.WARN
    assert policy.rule_for("PII:phone").placeholder == "<TEL>"
    assert policy.rule_for("PII:phone").action is Action.MASK
    assert policy.custom_categories[0].terms == ("ライバル生命",)
    assert policy.detectors[1].when == "unsure"
    assert (policy.max_chars, policy.regenerate_retries, policy.on_error) == (1000, 3, Action.ALLOW)
    assert not policy.counts_as_harm("PII:phone")
    assert policy.counts_as_harm("S1")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("detectors: [wordlist", "not valid YAML"),
        ("", "is empty"),
        ("- a\n- b", "must be a mapping"),
        ("detektors: [wordlist]", "did you mean 'detectors'"),
        ("categories: {S6: {treshold: 0.7}}", "did you mean 'threshold'"),
        ("categories: {S6: {threshold: 1.5}}", "between 0 and 1"),
        ("categories: {S6: {threshold: true}}", "between 0 and 1"),
        ("categories: {S6: {action: explode}}", "unknown action 'explode'"),
        ("categories: {X1: {action: block}}", "needs 'name' and 'description'"),
        ("categories: {'S 1': {action: block}}", "is not a category code"),
        ("pii: {types: [shoe_size]}", "unknown PII type"),
        ("detectors: []", "non-empty list"),
        ("detectors: [{when: always}]", "'name' key"),
        ("detectors: [{name: wordlist, when: sometimes}]", "'always' or 'unsure'"),
        ("on_error: mask", "fail closed"),
        ("limits: {max_chars: -1}", "max_chars"),
        ("cascade: maybe", "true or false"),
        ("messages: {refusal: {'bad code!': hi}}", "category code"),
    ],
)
def test_validation_errors(text: str, message: str) -> None:
    with pytest.raises(PolicyError, match=message):
        policy_from_yaml(text, "p.yaml")


def test_error_names_the_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "policy.yaml"
    path.write_text("categories: {S6: {treshold: 0.7}}", encoding="utf-8")
    with pytest.raises(PolicyError, match=r"policy\.yaml: categories\.S6: unknown key 'treshold'"):
        load_policy(path)


def test_unreadable_policy_files(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PolicyError, match="cannot read policy file"):
        load_policy(tmp_path / "missing.yaml")
    path = tmp_path / "latin1.yaml"
    path.write_bytes(b"on_error: \xff\xfe")
    with pytest.raises(PolicyError, match="not UTF-8"):
        load_policy(path)
