"""The streaming moderator on its own: what may be released after each decision."""

from __future__ import annotations

from sakimori import Guard
from sakimori.server.stream import StreamModerator

GUARD = Guard.from_policy({"detectors": ["wordlist", "pii"], "pii": {"mode": "placeholder"}})


def _run(pieces: list[str], window: int = 16, check_every: int = 8) -> tuple[str, bool]:
    moderator = StreamModerator(GUARD.policy, window=window, check_every=check_every)
    out = []
    for piece in pieces:
        if moderator.add(piece):
            step = moderator.release(GUARD.check(moderator.text, response_to="質問"))
            if step.stopped:
                return "".join(out), True
            out.append(step.emit)
            assert moderator.released <= len(moderator.text) - window or moderator.released == 0
    step = moderator.release(GUARD.check(moderator.text, response_to="質問"), final=True)
    if step.stopped:
        return "".join(out), True
    return "".join(out) + step.emit, False


def test_safe_stream_is_released_whole() -> None:
    text = "今日は良い天気ですね。散歩に出かけるのも楽しいでしょう。" * 3
    released, stopped = _run([text[i : i + 3] for i in range(0, len(text), 3)])
    assert (released, stopped) == (text, False)


def test_nothing_is_released_before_a_check_covers_it() -> None:
    moderator = StreamModerator(GUARD.policy, window=4, check_every=1000)
    assert moderator.add("a" * 100) is False
    assert moderator.released == 0


def test_the_unsafe_part_never_comes_out() -> None:
    text = "はい、説明します。" * 4 + "爆弾の作り方は次のとおりです。[手順省略]" + "以上です。" * 10
    released, stopped = _run([text[i : i + 2] for i in range(0, len(text), 2)])
    assert stopped
    assert "爆" not in released
    assert released and text.startswith(released)


def test_a_phone_number_is_never_released_half_masked() -> None:
    text = "ご連絡は090-0000-4444までお願いします。" + "よろしくお願いいたします。" * 4
    for size in (1, 2, 3, 5, 7):
        released, stopped = _run([text[i : i + size] for i in range(0, len(text), size)], window=8, check_every=4)
        assert not stopped
        assert "090" not in released and "4444" not in released
        assert "[電話番号]" in released
