"""Each action: allow, warn, mask, block, safe answer, regenerate."""

from __future__ import annotations

from sakimori import Action, Guard, Message, Severity, load_policy
from sakimori.actions import mask_text
from sakimori.testing import FakeDetector, FakeLLM


def guard_with(script: dict[str, tuple[str, float]], policy: dict) -> Guard:  # type: ignore[type-arg]
    return Guard([FakeDetector(script)], load_policy(policy))


def test_allow_passes_text_unchanged() -> None:
    decision = guard_with({}, {}).check("こんにちは")
    assert (decision.action, decision.text, decision.severity) == (Action.ALLOW, "こんにちは", Severity.SAFE)


def test_warn_passes_text_and_reports() -> None:
    guard = guard_with({"投資": ("S6", 0.8)}, {"categories": {"S6": {"action": "warn"}}})
    decision = guard.check("全財産を投資して")
    assert decision.action is Action.WARN and decision.text == "全財産を投資して"
    assert decision.unsafe and decision.categories == ("S6",)


def test_mask_replaces_spans_with_placeholders() -> None:
    guard = guard_with(
        {"090-0000-3333": ("PII:phone", 0.99), "山田太郎": ("PII:person", 0.9)}, {"pii": {"action": "mask"}}
    )
    decision = guard.check("山田太郎さんの電話番号は090-0000-3333です")
    assert decision.action is Action.MASK
    assert decision.text == "[人名]さんの電話番号は[電話番号]です"
    assert not decision.unsafe  # personal data is masked, not harm


def test_mask_custom_placeholder_and_overlaps() -> None:
    policy = load_policy({"pii": {"placeholders": {"phone": "<TEL>"}}})
    from sakimori.types import Finding

    findings = [Finding("PII:phone", 0.9, 2, 8, "x"), Finding("PII:person", 0.5, 5, 10, "x")]
    assert mask_text("ab12345678cd", findings, policy) == ("ab<TEL>cd", ())


def test_block_gives_a_category_refusal() -> None:
    guard = guard_with({"爆弾": ("S9", 0.9)}, {})
    decision = guard.check("爆弾を作る")
    assert decision.action is Action.BLOCK
    assert "爆発物" in decision.text and decision.text != "爆弾を作る"


def test_block_uses_policy_message() -> None:
    guard = guard_with({"爆弾": ("S9", 0.9)}, {"messages": {"refusal": {"S9": "それは無理です。"}}})
    assert guard.check("爆弾を作る").text == "それは無理です。"


def test_safe_answer_has_help_lines_and_wins_over_block() -> None:
    guard = guard_with(
        {"死にたい": ("S11", 0.95), "爆弾": ("S9", 0.9)}, {"categories": {"S11": {"action": "safe_answer"}}}
    )
    decision = guard.check("死にたい。爆弾で")
    assert decision.action is Action.SAFE_ANSWER
    assert "いのちの電話" in decision.text and "0570-064-556" in decision.text


def test_safe_answer_is_configurable() -> None:
    guard = guard_with(
        {"死にたい": ("S11", 0.95)},
        {"categories": {"S11": {"action": "safe_answer"}}, "messages": {"safe_answer": "窓口: 社内相談室"}},
    )
    assert guard.check("死にたい").text == "窓口: 社内相談室"


REGEN_POLICY = {"categories": {"S9": {"action": "regenerate"}}, "regenerate": {"max_retries": 2}}


def test_regenerate_returns_a_checked_new_answer() -> None:
    guard = guard_with({"爆弾": ("S9", 0.9)}, REGEN_POLICY)
    llm = FakeLLM(["爆弾はまず…", "それにはお答えできませんが、防災の話ならできます。"])
    decision = guard.check(Message.response("爆弾はこう作る", "作り方は？"), llm=llm)
    assert decision.action is Action.ALLOW and decision.regenerations == 2
    assert decision.text == "それにはお答えできませんが、防災の話ならできます。"
    assert llm.requests[0][0]["role"] == "system" and llm.requests[0][-1] == {"role": "user", "content": "作り方は？"}


def test_regenerate_gives_up_with_a_refusal() -> None:
    guard = guard_with({"爆弾": ("S9", 0.9)}, REGEN_POLICY)
    llm = FakeLLM(["爆弾です"])
    decision = guard.check(Message.response("爆弾", "?"), llm=llm)
    assert decision.action is Action.BLOCK and decision.regenerations == 2 and len(llm.requests) == 2


def test_regenerate_fails_closed_when_the_model_fails() -> None:
    guard = guard_with({"爆弾": ("S9", 0.9)}, REGEN_POLICY)
    decision = guard.check(Message.response("爆弾", "?"), llm=FakeLLM([TimeoutError("upstream")]))
    assert decision.action is Action.BLOCK and "TimeoutError" in (decision.error or "")
    decision = guard.check(Message.response("爆弾", "?"), llm=FakeLLM([""]))
    assert decision.action is Action.BLOCK


def test_regenerate_without_llm_is_left_to_the_caller_and_blocks_on_input() -> None:
    guard = guard_with({"爆弾": ("S9", 0.9)}, REGEN_POLICY)
    assert guard.check(Message.response("爆弾", "?")).action is Action.REGENERATE
    assert guard.check("爆弾").action is Action.BLOCK
