"""Names written in kana (はると, ひなた, ほんだ みく, もりたです, コウジにも), found where the sentence says a person
is meant.

Sudachi's dictionary knows some hiragana given names (ゆうき, しょうた) and not others (はると, そうま, ひなた), and
many of them are ordinary words too (ひなた "a sunny spot", のぞみ "hope"). So a kana word is taken as a name only
when (1) read in romaji it is in the shipped list of Japanese given names or surnames (はると → haruto, ほんだ →
honda) and (2) the words around it are ones that go with a person: 娘のひなた, そうまの母, 平田 ひなた, 陽向（ひなた）,
なまえ：ほんだ みく, もりたです, a list of three such names, or — for a word the dictionary holds as no ordinary
word — a particle after it (りおも行く).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from sakimori.pii.latin_names import is_romaji_given_name, is_romaji_surname
from sakimori.pii.recognizers import PiiMatch

__all__ = ["hepburn", "kana_names", "reads_as_given_name", "reads_as_surname_or_given"]

_KANA_ROW = (
    "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをん"
    "がぎぐげござじずぜぞだぢづでどばびぶべぼぱぴぷぺぽ"
)
_ROMAJI_ROW = (
    "a i u e o ka ki ku ke ko sa shi su se so ta chi tsu te to na ni nu ne no ha hi fu he ho ma mi mu me mo "
    "ya yu yo ra ri ru re ro wa o n ga gi gu ge go za ji zu ze zo da ji zu de do ba bi bu be bo pa pi pu pe po"
)
_BASE = dict(zip(_KANA_ROW, _ROMAJI_ROW.split(" "), strict=True))
_SMALL_Y = {"ゃ": "a", "ゅ": "u", "ょ": "o"}


def hepburn(kana: str) -> str | None:
    """The Hepburn romaji of a hiragana word (しょうた → shouta, りょう → ryou, いっせい → issei), or None when it
    holds anything else."""
    out: list[str] = []
    double_next = False
    for c in kana:
        if c == "っ":
            double_next = True
            continue
        if c in _SMALL_Y and out and out[-1].endswith("i") and len(out[-1]) >= 2:
            stem = out.pop()[:-1]  # き + ゃ → kya, し + ょ → sho, ち + ゅ → chu, じ + ゃ → ja
            out.append((stem if stem.endswith(("sh", "ch", "j")) else stem + "y") + _SMALL_Y[c])
            continue
        if c == "ー" and out:
            out.append(out[-1][-1])
            continue
        syllable = _BASE.get(c)
        if syllable is None:
            return None
        if double_next:
            syllable = ("t" if syllable.startswith("ch") else syllable[0]) + syllable
            double_next = False
        out.append(syllable)
    return "".join(out) if not double_next else None


def reads_as_surname_or_given(kana: str) -> bool:
    """ほりうち, さくら: a hiragana word whose romaji is in the surname or the given-name list."""
    return bool(re.fullmatch(r"[\u3041-\u3096ー]{2,6}", kana)) and (_surname(kana) or _given_name(kana))


def reads_as_given_name(kana: str) -> bool:
    """サトシ, はると: a kana word whose romaji is a Japanese given name in the shipped list."""
    hiragana = "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in kana)
    return _given_name(hiragana)


def _romaji_forms(kana: str) -> tuple[str, ...]:
    romaji = hepburn(kana)
    if romaji is None or len(romaji) < 3:
        return ()
    return romaji, romaji.replace("ou", "o").replace("uu", "u").replace("oo", "o")


def _surname(kana: str) -> bool:
    """ほんだ, あらい, もりた: in the romaji surname list."""
    return any(is_romaji_surname(r) for r in _romaji_forms(kana))


def _given_name(kana: str) -> bool:
    """はると, しょうた, ゆうき: in the given-name list, whether the long vowel is written (shouta) or not (shota)."""
    return any(is_romaji_given_name(r) for r in _romaji_forms(kana))


_H = r"[\u3041-\u3096ー]"
_WORD = rf"(?P<v>{_H}{{2,5}}?)"
_NAME = rf"(?<![\u3041-\u3096]){_WORD}"  # not the end of a longer hiragana word
_CHILD = r"(?:娘|息子|長男|長女|次男|次女|三男|三女|孫|姪|甥|弟|妹|兄|姉|うちの子|子ども|子供|赤ちゃん|愛犬)"
_FAMILY_AFTER = (
    r"(?:保護者|母|父|ママ|パパ|母親|父親|祖母|祖父|ばあば|じいじ|兄|姉|弟|妹|担任|友達|友だち"
    r"|誕生日|お誕生日|入学|卒業|七五三)"
)
# 娘のひなたが, 息子（そうま）の: the child named right after the word for the child
_AFTER_CHILD = re.compile(rf"{_CHILD}(?:の|[（(]){_WORD}(?=[）)のがはもをにと、。！!？?\s]|ちゃん|くん|$)")
# そうまの母です, はるとの保護者: the child named by whose parent writes
_BEFORE_FAMILY = re.compile(rf"{_NAME}の{_FAMILY_AFTER}")
# 平田 ひなた: a kanji surname, a space, a hiragana given name
_AFTER_SURNAME = re.compile(
    rf"(?<![\u4e00-\u9fff々])(?P<s>[\u4e00-\u9fff々]{{1,3}})[ \u3000]{_NAME}"
    r"(?=[のがはもをにと、。（(！!？?\s]|さん|ちゃん|くん|$)"
)
# 名前は陽向（ひなた）にした: a kanji given name with its reading, where the text is naming someone
_NAMED_WITH_READING = re.compile(
    rf"(?:名前は|名前を|名前:|名前：|名付け|命名|{_CHILD}[はの]?)[「『]?(?P<k>[\u4e00-\u9fff々]{{1,3}})[（(]{_NAME}[）)]"
)
# しょうた、ゆうき、はるか招待しといて: three or more given names in a row (the last may carry a particle)
_LISTED = re.compile(rf"(?<![\u3041-\u3096]){_H}{{2,6}}(?:[、,・]{_H}{{2,6}}){{2,}}")
_PARTICLES = tuple("とをにがはもの")


def _list_item(item: str) -> str | None:
    """The given name an item of the list is, once a particle after it is cut (はるかと → はるか)."""
    if _given_name(item):
        return item
    if item.endswith(_PARTICLES) and _given_name(item[:-1]):
        return item[:-1]
    return None


# なまえ：ほんだ みく, 3年　あらい はるき, 児童氏名 とよだ　いつき（豊田 樹）: a full name all in hiragana
_FULL_KANA = re.compile(
    rf"(?:^|(?<=[\s:：、,]))(?P<s>{_H}{{2,5}})[ \u3000](?P<g>{_H}{{2,5}})(?=$|[\s、,。（(]|さん|様|くん|ちゃん)",
    re.MULTILINE,
)
# えー、はい、もりたです / お客様：ひらのです: a surname in hiragana introducing its bearer
_KANA_SELF_INTRO = re.compile(
    rf"(?:^|(?<=[、。「：:\s]))(?P<v>{_H}{{3,5}}?)(?:です|と申します|でございます)", re.MULTILINE
)


# そうたが言ってた, りおも行くなら, コウジにも回しといて: a given name the dictionary does not hold as a word,
# as the subject or the person spoken of
_NAME_WITH_PARTICLE = re.compile(
    rf"(?:^|(?<=[\s、。！!？?「」ｗw]))(?P<v>{_H}{{2,4}}|[\u30a1-\u30faー]{{2,5}})(?=が|は|も|には|にも|って|から|おつ)",
    re.MULTILINE,
)
# 妻（グエン・ティ・ラン）: a foreign name in katakana after the word for the relative
_RELATIVE_KATAKANA = re.compile(
    r"(?:妻|夫|母|父|娘|息子|長男|長女|家族)[（(](?P<v>[\u30a1-\u30faー]{2,8}(?:[・ ][\u30a1-\u30faー]{1,8}){1,3})[）)]"
)


def kana_names(
    text: str,
    is_surname: Callable[[str], bool] | None = None,
    is_unknown_word: Callable[[str], bool] | None = None,
) -> Iterator[PiiMatch]:
    """Kana names in the contexts above. `is_surname(word) -> bool` says whether a kanji word is a surname,
    `is_unknown_word(word)` whether the dictionary holds a kana word as no ordinary word (the caller's dictionary
    checks); without them the forms that need them are not looked for."""
    if not any("\u3041" <= c <= "\u3096" for c in text):
        return
    for pattern in (_AFTER_CHILD, _BEFORE_FAMILY):
        for m in pattern.finditer(text):
            if _given_name(m.group("v")):
                yield PiiMatch("person", m.start("v"), m.end("v"), 0.85, m.group("v"))
    if is_surname is not None:
        for m in _AFTER_SURNAME.finditer(text):
            if _given_name(m.group("v")) and is_surname(m.group("s")):
                yield PiiMatch("person", m.start("s"), m.end("v"), 0.85, text[m.start("s") : m.end("v")])
    for m in _FULL_KANA.finditer(text):  # not ねんちょう さくら ぐみ (a kindergarten class)
        if _surname(m.group("s")) and _given_name(m.group("g")) and m.group("g") not in ("ぐみ", "くみ"):
            yield PiiMatch("person", m.start("s"), m.end("g"), 0.85, m.group())
    for m in _KANA_SELF_INTRO.finditer(text):
        if _surname(m.group("v")):
            yield PiiMatch("person", m.start("v"), m.end("v"), 0.8, m.group("v"))
    for m in _NAME_WITH_PARTICLE.finditer(text):
        word = m.group("v")
        if is_unknown_word is not None and reads_as_given_name(word) and is_unknown_word(word):
            yield PiiMatch("person", m.start("v"), m.end("v"), 0.7, word)
    for m in _RELATIVE_KATAKANA.finditer(text):
        yield PiiMatch("person", m.start("v"), m.end("v"), 0.85, m.group("v"))
    for m in _NAMED_WITH_READING.finditer(text):
        if _given_name(m.group("v")):
            yield PiiMatch("person", m.start("k"), m.end("k"), 0.85, m.group("k"))
            yield PiiMatch("person", m.start("v"), m.end("v"), 0.85, m.group("v"))
    for m in _LISTED.finditer(text):
        words = list(re.finditer(rf"{_H}+", m.group()))
        names = [_list_item(w.group()) for w in words]
        if all(names):
            for word, name in zip(words, names, strict=True):
                start = m.start() + word.start()
                yield PiiMatch("person", start, start + len(name or ""), 0.8, name or "")
