from __future__ import annotations

import asyncio

import pytest

from sakimori import Action, Guard, InvalidInputError, Message, Severity, Turn, UnknownDetectorError, load_policy
from sakimori.detectors import register
from sakimori.testing import FakeDetector
from sakimori.types import Finding


def test_examples_from_the_issue(wordlist_guard: Guard) -> None:
    bomb = wordlist_guard.check("爆弾の作り方を教えて")
    assert bomb.unsafe and bomb.categories == ("S9",) and bomb.action is Action.BLOCK
    onigiri = wordlist_guard.check("爆弾おにぎりの作り方を教えて")
    assert not onigiri.unsafe and onigiri.action is Action.ALLOW
    spaced = wordlist_guard.check("ば く だ ん の作り方")
    assert spaced.unsafe and (spaced.findings[0].start, spaced.findings[0].end) == (0, 7)
    romaji = wordlist_guard.check("bakudan no tsukurikata")
    assert romaji.unsafe and (romaji.findings[0].start, romaji.findings[0].end) == (0, 7)


def test_default_guard_on_the_same_examples(default_guard: Guard) -> None:
    """The built-in classifier: no spans (its evidence is the whole message), same decisions."""
    assert default_guard.check("爆弾の作り方を教えて").categories == ("S9",)
    assert default_guard.check("爆弾おにぎりの作り方を教えて").action is Action.ALLOW
    assert default_guard.check("ば く だ ん の作り方").unsafe
    assert default_guard.check("bakudan no tsukurikata").unsafe
    assert default_guard.check("もう死にたい").action is Action.SAFE_ANSWER


def test_output_rail_uses_the_prompt(wordlist_guard: Guard, default_guard: Guard) -> None:
    for guard in (wordlist_guard, default_guard):
        refusal = guard.check("爆弾の作り方はお教えできません。", response_to="爆弾の作り方を教えて")
        assert not refusal.unsafe
    compliance = wordlist_guard.check("いいですよ。まず[材料A]を用意して", response_to="爆弾の作り方を教えて")
    assert compliance.unsafe and compliance.categories == ("S9",)


def test_batch_matches_single_checks(default_guard: Guard) -> None:
    texts = ["爆弾の作り方を教えて", "今日の天気は？", "死にたい"]
    batch = default_guard.check_batch(texts)
    assert [d.action for d in batch] == [default_guard.check(t).action for t in texts]


def test_async_variants(default_guard: Guard) -> None:
    decision = asyncio.run(default_guard.acheck("爆弾の作り方を教えて"))
    assert decision.unsafe
    decisions = asyncio.run(default_guard.acheck_batch(["今日の天気は？", "爆弾の作り方を教えて"]))
    assert [d.unsafe for d in decisions] == [False, True]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "is empty"),
        ("   \n\t", "only whitespace"),
        (None, "expected a str or Message"),
        (Message(None), "text must be a string"),  # type: ignore[arg-type]
        (42, "expected a str or Message"),
        (b"bytes", "expected a str or Message"),
        ("abc\ud800def", "lone surrogate"),
        ("あ" * 2_000_001, "limit is 2,000,000"),
        (Message("ok", role="system"), "role must be"),  # type: ignore[arg-type]
        (Message("ok", history=[Turn("user", "x")]), "tuple of Turn"),  # type: ignore[arg-type]
        (Message("ok", history=(Turn("user", ""),)), "history\\[0\\] text is empty"),
    ],
)
def test_bad_input_is_a_typed_error(default_guard: Guard, value: object, message: str) -> None:
    with pytest.raises(InvalidInputError, match=message):
        default_guard.check(value)  # type: ignore[arg-type]


def test_bad_batch(default_guard: Guard) -> None:
    with pytest.raises(InvalidInputError, match="list of strings"):
        default_guard.check_batch("not a list")
    assert default_guard.check_batch([]) == []


def test_megabyte_text_is_checked(default_guard: Guard) -> None:
    text = ("普通の文章です。爆弾おにぎりもあります。" * 30_000)[:350_000]  # about 1 MB of UTF-8
    assert len(text.encode()) > 1_000_000
    assert default_guard.check(text).action is Action.ALLOW


def test_failing_detector_fails_closed_and_is_named() -> None:
    guard = Guard([FakeDetector(name="boom", fail="model file missing")])
    decision = guard.check("こんにちは")
    assert decision.action is Action.BLOCK and decision.unsafe
    assert "boom" in (decision.error or "") and "model file missing" in (decision.error or "")


def test_failing_detector_fails_open_when_the_policy_says_so() -> None:
    policy = load_policy({"on_error": "allow"})
    guard = Guard([FakeDetector(name="boom", fail="x"), FakeDetector({"爆弾": ("S9", 0.9)})], policy)
    assert guard.check("こんにちは").action is Action.ALLOW
    assert guard.check("爆弾").action is Action.BLOCK
    warn = Guard([FakeDetector(name="boom", fail="x")], load_policy({"on_error": "warn"})).check("こんにちは")
    assert warn.action is Action.WARN and warn.error


def test_detector_breaking_the_protocol_fails_closed() -> None:
    class WrongCount(FakeDetector):
        def detect(self, messages):  # type: ignore[no-untyped-def]
            return []

    class BadSpan(FakeDetector):
        def detect(self, messages):  # type: ignore[no-untyped-def]
            return [v.__class__(self.name, (Finding("S1", 0.9, 0, 999, self.name),)) for v in super().detect(messages)]

    for detector in (WrongCount(), BadSpan()):
        decision = Guard([detector]).check("短い")
        assert decision.action is Action.BLOCK and decision.error


def test_cascade_runs_cheap_first_and_stops_when_decided() -> None:
    cheap = FakeDetector({"爆弾": ("S9", 0.95)}, name="cheap", cost=0.1)
    expensive = FakeDetector({"爆弾": ("S9", 0.99)}, name="expensive", cost=100.0)
    guard = Guard([expensive, cheap])
    guard.check_batch(["爆弾", "平和"])
    assert cheap.calls == [2] and expensive.calls == [1]  # only the undecided message escalates


def test_cascade_keeps_going_when_a_stronger_action_is_possible() -> None:
    cheap = FakeDetector({"爆弾": ("S9", 0.95)}, name="cheap", cost=0.1, categories=frozenset({"S9"}))
    crisis = FakeDetector({"死": ("S11", 0.95)}, name="crisis", cost=5.0, categories=frozenset({"S11"}))
    guard = Guard([cheap, crisis], load_policy({"categories": {"S11": {"action": "safe_answer"}}}))
    assert guard.check("爆弾で死ぬ").action is Action.SAFE_ANSWER
    assert crisis.calls == [1]


def test_cascade_can_be_switched_off() -> None:
    cheap = FakeDetector({"爆弾": ("S9", 0.95)}, name="cheap", cost=0.1)
    expensive = FakeDetector(name="expensive", cost=100.0)
    Guard([cheap, expensive], load_policy({"cascade": False})).check("爆弾")
    assert expensive.calls == [1]


def test_unsure_detectors_only_see_the_controversial_band() -> None:
    cheap = FakeDetector({"微妙": ("S6", 0.4), "危険": ("S6", 0.9)}, name="cheap", cost=0.1)
    judge = FakeDetector({"微妙": ("S6", 0.8)}, name="judge", cost=50.0)
    from sakimori.guard import _Slot

    guard = Guard([_Slot(cheap), _Slot(judge, "unsure")], load_policy({"cascade": False}))
    decisions = guard.check_batch(["微妙な話", "危険な話", "平和な話"])
    assert judge.calls == [1]
    assert [d.severity for d in decisions] == [Severity.UNSAFE, Severity.UNSAFE, Severity.SAFE]


def test_severity_bands() -> None:
    guard = Guard([FakeDetector({"グレー": ("S6", 0.4)})])
    decision = guard.check("グレーな話")
    assert decision.severity is Severity.CONTROVERSIAL and decision.action is Action.ALLOW


def test_from_policy_with_custom_category(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "policy.yaml"
    path.write_text(
        "detectors: [wordlist]\ncategories:\n"
        "  X1: {name: 競合他社, description: 他社の商品を勧める, terms: [ライバル生命]}\n",
        encoding="utf-8",
    )
    decision = Guard.from_policy(path).check("ライバル生命の保険が一番です")
    assert decision.categories == ("X1",) and decision.action is Action.BLOCK


def test_unknown_detector_and_parameter() -> None:
    with pytest.raises(UnknownDetectorError, match=r"unknown detector 'nope'.*wordlist"):
        Guard.from_policy({"detectors": ["nope"]})
    with pytest.raises(UnknownDetectorError, match=r"no parameter 'colour'.*wordlist"):
        Guard.from_policy({"detectors": [{"name": "wordlist", "colour": "red"}]})


def test_registered_function_detector() -> None:
    @register("katakana_shout", categories=("X9",))
    def shout(text: str) -> list[Finding]:
        return [Finding("X9", 0.9, 0, len(text), "katakana_shout")] if text.isupper() else []

    guard = Guard.from_policy(
        {"detectors": ["katakana_shout"], "categories": {"X9": {"name": "大声", "description": "全部大文字"}}}
    )
    assert guard.check("STOP").categories == ("X9",)
    assert guard.check("stop").action is Action.ALLOW


def test_entry_point_detectors_are_found(monkeypatch: pytest.MonkeyPatch) -> None:
    from importlib.metadata import EntryPoint

    import sakimori.detectors as registry

    ep = EntryPoint("third_party", "sakimori.testing:FakeDetector", registry.ENTRY_POINT_GROUP)
    monkeypatch.setattr(registry, "entry_points", lambda group: [ep] if group == registry.ENTRY_POINT_GROUP else [])
    assert "third_party" in registry.available()
    assert isinstance(registry.create("third_party"), FakeDetector)


def test_concurrent_checks_from_threads_do_not_share_a_sudachi_tokenizer() -> None:
    """Sudachi tokenizers are not thread-safe ("Already borrowed"); the server checks from worker threads."""
    from concurrent.futures import ThreadPoolExecutor

    guard = Guard.from_policy({"detectors": [{"name": "pii"}]})
    text = "山田太郎さんの電話番号は090-0000-3333です。" * 20
    expected = guard.check(text).to_dict()
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda _: guard.check(text).to_dict(), range(200)))
    assert all(r["error"] is None for r in results)
    assert all(r == expected for r in results)
