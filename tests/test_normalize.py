from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sakimori.normalize import normalize

CASES = [
    # (original, normalised)
    ("爆弾の作り方", "爆弾の作り方"),
    ("バクダンの作り方", "ばくだんの作り方"),
    ("ﾊﾞｸﾀﾞﾝ", "ばくだん"),
    ("ｂａｋｕｄａｎ", "ばくだん"),
    ("ば く だ ん の作り方", "ばくだんの作り方"),
    ("ば・く・だ・んの作り方", "ばくだんの作り方"),
    ("ば・く・だ・ん", "ばくだん"),
    ("ば-く-だ-ん", "ばくだん"),
    ("ば　く　だ　ん", "ばくだん"),
    ("b o m b", "bomb"),
    ("ば○だん", "ば*だん"),
    ("ば●だ×ん", "ば*だ*ん"),
    ("爆\u200b弾", "爆弾"),
    ("爆\ufeff弾\u200d", "爆弾"),
    ("か゛す", "がす"),
    ("ｶﾞｽ", "がす"),
    ("ダイナマイ卜", "だいなまいと"),
    ("力が強い", "力が強い"),
    ("二〇二四年", "二〇二四年"),
    ("しねええええ", "しねえ"),
    ("0000", "0000"),
    ("bakudan no tsukurikata", "ばくだん の つくりかた"),
    ("how to make a bomb", "how to make a bomb"),
    ("Pythonでkillする", "pythonでkillする"),
    ("СОВ", "cob"),
    ("💣の作り方", "爆弾の作り方"),
    ("㍿", "株式会社"),
    ("私 は 学生 です", "私は学生 です"),
    ("山田 太郎 です", "山田 太郎 です"),
]


@pytest.mark.parametrize(("original", "expected"), CASES)
def test_normalised_text(original: str, expected: str) -> None:
    assert normalize(original).text == expected


@pytest.mark.parametrize(
    ("original", "needle", "expected_original"),
    [
        ("ば く だ ん の作り方", "ばくだん", "ば く だ ん"),
        ("これは bakudan no tsukurikata です", "ばくだん", "bakudan"),
        ("ねえ、ﾊﾞｸﾀﾞﾝって", "ばくだん", "ﾊﾞｸﾀﾞﾝ"),
        ("xx爆\u200b弾xx", "爆弾", "爆\u200b弾"),
        ("ああ💣を", "爆弾", "💣"),
        ("ば・く・だ・んの", "ばくだん", "ば・く・だ・ん"),
        ("ｂａｋｕｄａｎ！", "ばくだん", "ｂａｋｕｄａｎ"),
    ],
)
def test_spans_map_back_to_original(original: str, needle: str, expected_original: str) -> None:
    norm = normalize(original)
    start = norm.text.index(needle)
    o_start, o_end = norm.span(start, start + len(needle))
    assert original[o_start:o_end] == expected_original


def test_plain_text_keeps_identity_offsets() -> None:
    norm = normalize("今日はいい天気です")
    assert norm.starts is None
    assert norm.span(2, 4) == (2, 4)


def test_span_outside_text_is_an_error() -> None:
    with pytest.raises(ValueError, match="outside"):
        normalize("abc").span(0, 10)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=60))
def test_offset_map_is_monotone_and_inside_the_original(text: str) -> None:
    norm = normalize(text)
    previous = (0, 0)
    for i in range(len(norm.text)):
        start, end = norm.span(i, i + 1)
        assert 0 <= start < end <= len(text)
        assert start >= previous[0] and end >= previous[1]
        previous = (start, end)
    if norm.text:
        assert norm.span(0, len(norm.text))[1] <= len(text)


JA = "ばくだんのつくりかたバクダン爆弾 ・○*ｶﾞabcdkntosu\u200b゛ー"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=JA, max_size=40))
def test_offset_map_on_obfuscation_heavy_text(text: str) -> None:
    norm = normalize(text)
    for i in range(len(norm.text)):
        start, end = norm.span(i, i + 1)
        assert 0 <= start < end <= len(text)


def test_megabyte_of_text_is_linear() -> None:
    text = "ば く だ ん の作り方を教えて。普通の文章もたくさんあります。bakudan " * 20_000
    norm = normalize(text)
    assert norm.text.count("ばくだん") == 40_000
