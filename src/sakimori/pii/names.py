"""Person names: Sudachi's 人名 part of speech (姓 / 名), merged into full names, scored by context.

A surname with a given name, or any name followed by an honorific (さん・様・氏・くん・君・ちゃん・先生・殿), is a
confident person; so is a lone surname that introduces the speaker (佐々木です, 田中と申します) or follows a
relation (元カノの松本, 同僚の中村: Sudachi often reads such surnames as place names, so proper nouns count there).
A lone surname without context gets a score under the default threshold from the rules, because many surnames
are also place names (中村, 山田); the shipped name model (`name_model.py`) then rescores every candidate from
its surroundings, and reports such a surname where the context reads like a person (佐藤のこと, 藤井が難色).
A form label (氏名：, お名前:) makes the value after it a name whatever the dictionary says (架空太郎 is not in it).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache, lru_cache
from typing import Any

from sakimori import sudachi
from sakimori.pii.kana_names import kana_names, reads_as_surname_or_given
from sakimori.pii.latin_names import is_listed_latin_name, latin_names
from sakimori.pii.name_labels import NOT_ROMAJI_NAMES, labelled_names
from sakimori.pii.recognizers import PiiMatch, public_figure_names, public_figure_pattern

__all__ = ["find_names"]

_HONORIFICS = (
    "さん",
    "様",
    "さま",
    "氏",
    "くん",
    "君",
    "ちゃん",
    "先生",
    "殿",
    "社長",
    "部長",
    "課長",
    "主任",
    "係長",
    "次長",
    "教授",
    *("専務", "常務", "会長", "副社長", "店長", "所長", "院長", "室長", "局長", "支店長", "工場長", "理事長"),
    *("副部長", "副課長", "先輩", "准教授", "博士"),
    # spoken and dialect forms: 吉田さーん, 大野っち, 山本はん, 西郷どん
    "さーん",
    "ちゃーん",
    "くーん",
    "っち",
    "はん",
    "どん",
    "たん",
)
_LEAD_WORDS = (
    "氏名",
    "名前",
    "担当",
    "私は",
    "わたしは",
    "私、",
    "わたくし、",
    "本名",
    "宛名",
    "名義",
    "患者",
    "被害者",
    "容疑者",
)


def _tokenizer() -> Any:
    return sudachi.tokenizer()


@lru_cache(maxsize=32)
def chunk_morphemes(chunk: str) -> list[Any]:
    """Sudachi's split-mode-A morphemes of one chunk, cached: the rules and the name model read the same text."""
    return list(_tokenizer().tokenize(chunk, _mode()))


@cache
def _mode() -> Any:
    from sudachipy import tokenizer

    return tokenizer.Tokenizer.SplitMode.A


_SELF_INTRO = (
    "です",
    "でーす",
    "と申します",
    "といいます",
    "言います",
    "いいます",
    "と言います",
    "でございます",
    "と申す",
    "っす",
    "やけど",
    "だけど",
    "だよ",
    "やで",
    "じゃけど",
    # a colleague speaking for the company: 鈴木よりご連絡いたします
    "よりご連絡",
    "より折り返し",
    "より連絡",
    "よりお知らせ",
    "からご連絡",
)
_RELATIONS = (
    "うち",  # うちの田中がお世話になっております: one's own colleague
    "弊社",
    "当社",
    "当院",
    "元カノ",
    "元彼",
    "元カレ",
    "元カノジョ",
    "元妻",
    "元夫",
    "同僚",
    "上司",
    "部下",
    "友達",
    "友人",
    "後輩",
    "先輩",
    "隣人",
    "担任",
    "同級生",
    "クラスメイト",
    "彼氏",
    "彼女",
    "同期",
    "知人",
    "義母",
    "義父",
    "社長",  # 社長の藤田が伺います: one's own colleague introduced by role
    "部長",
    "課長",
    "店長",
    "担当",
)
_LABELS = (
    r"(?:氏名|お名前|名前|宛名|名義人?|フリガナ|ふりがな|受取人名?|契約者|申込者|支払を受ける者|被保険者氏名|担当者?|差出人"
    r"|送信者|[Nn]ame|NAME)"
)
# What follows a label but is an organisation, not a person (受取人：架空工業株式会社).
_ORGANISATION = re.compile(
    r"株式会社|有限会社|合同会社|会社|工業|商事|銀行|病院|事務所|サービス|協会|組合|法人|カ）|クラブ|学校|PTA|センター|通販"
    r"|税務署|警察署|消防署|市役所|区役所|役場"
    r"|会[ \u3000]|\b(?:Co|Ltd|Inc|Corp)\b"
)
_TITLE_BEFORE_NAME = re.compile(
    r"(?:代表取締役|取締役|代表|社長|会長|理事長|院長|部長|課長|又は名称|\S{1,6}(?:[部課室]|チーム))(?:社長)?[ \u3000]+"
)
# A table header after a label is not a name (氏名　　基礎年金番号　　資格取得日).
_HEADER_WORD = re.compile(
    r"(?:番号|日|年月日|コード|住所|区分|種別|種類|記号|欄|期限|電話|メール|年齢|性別)(?:$|[ \u3000\t])"
)
_JA_NAME = r"[\u3040-\u30ff\u4e00-\u9fff々ー]"
_JA_NAME_HEAD = r"[\u30a0-\u30ff\u4e00-\u9fff々]"  # after a label without a colon a name does not start in hiragana
_EN_NAME = r"[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+){1,2}"
# 氏名：山田 太郎 / 名義：TARO YAMADA / 氏名 山田 太郎 / 氏名山田 太郎 (without a colon: two parts, or a space first)
_FORM_LABEL = re.compile(
    rf"{_LABELS}(?:[ \t]*[:：][ \t]*(?P<a>{_JA_NAME}{{2,8}}(?:[ \u3000]{_JA_NAME}{{1,6}}){{0,2}}|{_EN_NAME})"
    rf"|[ \t\u3000]+(?P<b>{_JA_NAME_HEAD}{_JA_NAME}{{0,5}}(?:[ \u3000]{_JA_NAME}{{1,6}})?|{_EN_NAME})"
    rf"|(?P<c>{_JA_NAME_HEAD}{_JA_NAME}{{0,4}}[ \u3000]{_JA_NAME}{{1,6}}))"
)
# A given name right after a run the dictionary does not know as a surname (架空 洋子, 例田一郎): the run is the
# surname. Kanji before a kanji given name, katakana before a katakana one, at most one space between.
_SURNAME_BEFORE = {
    "kanji": re.compile(r"(?:[\u4e00-\u9fff々]{1,3}|[\u30a1-\u30faー]{2,5})[ \u3000]?$"),  # 例田花子, テスト花子
    "katakana": re.compile(r"[\u30a1-\u30faー]{2,6}[ \u3000・]?$"),
}
# Roles that take さん/様 like names do; a run before an honorific that is one of these is not a name.
_ROLES = frozenset(
    [
        "店員",
        "女子",  # 女子大生 is not 女子 + 大生
        "男子",
        "親御",
        "大家",
        "運転手",
        "医者",
        "歯医者",
        "駅員",
        "警察",
        "警官",
        "看護師",
        "先生",
        "社長",
        "部長",
        "課長",
        "係長",
        "上司",
        "同僚",
        "隣",
        "近所",
        "親戚",
        "兄",
        "姉",
        "弟",
        "妹",
        "母",
        "父",
        "奥",
        "皆",
        "業者",
        "職人",
        "担当",
        "担当者",
        "事務",
        "受付",
        "農家",
        "魚屋",
        "八百屋",
        "本屋",
        "花屋",
        "肉屋",
        "大工",
        "住職",
        "神主",
        "僧侶",
        "先輩",
        "後輩",
        "店長",
        "院長",
        "園長",
        "校長",
        "教頭",
        "担任",
        "お客",
        "客",
        "患者",
        "利用者",
        "会員",
        "皆様",
        "各位",
        "御中",
        "殿",
        "王",
        "神",
        "仏",
        "鬼",
        "お嬢",
        "坊",
        "兄貴",
        "姉貴",
        "親父",
        "お袋",
        "嫁",
        "婿",
        "旦那",
        "奥様",
        "保育士",
        "美容師",
        "弁護士",
        "税理士",
        "司法書士",
        "議員",
        "知事",
        "市長",
        "町長",
        "村長",
        "大臣",
        "総理",
        "委員",
        "係",
        "係員",
        "支店長",
        "所長",
        "局長",
        "署長",
        # departments and ranks before a title (営業部長, 代表取締役社長)
        "営業",
        "総務",
        "人事",
        "経理",
        "開発",
        "技術",
        "企画",
        "広報",
        "製造",
        "事業",
        "本部",
        "支社",
        "取締役",
        "専務",
        "常務",
        "保険者",
        "契約者",
        "加入者",
        "購入者",
        "受取人",
        "送信者",
        "依頼者",
        "相談者",
        "申込者",
    ]
)
_ROLE_ENDINGS = tuple(_ROLES)
# How words for kinds of people end (薬剤師, 入居者, 声優, 作家, 息子, 主人, 常連): a dictionary word with one of
# these endings and no reading as a name is a role before さん, not a name. Invented names (見本さん) keep theirs.
_PERSON_NOUN_ENDINGS = tuple("者師家員士官生手人優連子主御族長客婦夫嬢児女男母父兄姉弟妹匠医先屋")
_HONORIFIC_AFTER_RUN = re.compile(
    r"(?<![\u4e00-\u9fff々])([\u4e00-\u9fff々]{2,3})(?:さん|様|さま|くん|君|氏|先生|先輩|部長|課長|社長|ちゃん|主任|係長|次長|教授)"
)
_CHUNK = 10_000


# A name's reading right after it: 大野 誠一（おおの せいいち）, 竹内 葵（タケウチ アオイ）.
_READING_AFTER = re.compile(
    r"[ \u3000]?[（(]([\u3041-\u3096\u30a1-\u30faー]{1,8}(?:[ \u3000]{1,2}[\u3041-\u3096\u30a1-\u30faー]{1,8}){1,2}"
    r"|[A-Z][a-z]+ [A-Z][a-z]+|[A-Z]+ [A-Z]+"  # 李 美玲（Li Meiling）, 間宮 千尋（Chihiro Mamiya）
    r"|[\u3041-\u3096ー]{3,8})[）)]"  # 小鳥遊 ひより（たかなし）: the surname's reading alone
)


def rule_names(text: str) -> list[PiiMatch]:
    """The context rules' matches, every score kept (the model's candidates and training data)."""
    return [_trimmed(text, m) for m in _find_names(text)]


def find_names(text: str) -> Iterator[PiiMatch]:
    """Person names: the context rules' matches, rescored by the shipped name model when there is one (with the
    dictionary's name-like nouns as further candidates), then readings written right after a confident name."""
    from sakimori.pii.name_model import load_name_model, rescore

    names = rule_names(text)
    model = load_name_model()
    if model is not None:
        names = [PiiMatch("person", s, e, p, text[s:e]) for s, e, p in rescore(text, names, model)]
    names = _not_public_or_pets(text, names)
    names.extend(_repeated_names(text, names))
    yield from names
    for name in names:
        if name.score >= 0.8:
            reading = _READING_AFTER.match(text, name.end)
            if reading and not (reading.group(1).isascii() and name.text.isascii()):  # YAMADA Taro（Sample University）
                yield PiiMatch("person", reading.start(1), reading.end(1), 0.85, reading.group(1))


# うちのコタロウ（柴犬♂）: a pet's name, told by the breed or sex in brackets right after it
_PET_AFTER = re.compile(r"[（(][^）)\n]{0,8}(?:犬|猫|♂|♀|オス|メス|ネコ|イヌ|インコ|うさぎ)")


def _public_parts(text: str) -> frozenset[str]:
    """Surnames and given names of the public figures a text names (石破茂氏は…石破氏は, 炭治郎と禰豆子…善逸):
    parts of the figures named in it, and, when it names two or more, parts of any listed figure."""
    named = {m.group() for m in public_figure_pattern().finditer(text)}
    if not named:
        return frozenset()
    parts = {part for figure in named for part in _name_parts(figure, shortest_rest=1)}
    if len(named) >= 2:
        parts.update(_listed_parts())
    return frozenset(parts)


def _name_parts(figure: str, shortest_rest: int) -> Iterator[str]:
    """The two-character-or-longer heads and tails of a full name that leave `shortest_rest` characters over
    (石破茂: 石破 and 破茂): the surname and the given name, whichever way the name splits."""
    for k in range(2, len(figure) - shortest_rest + 1):
        yield figure[:k]
        yield figure[-k:]


@cache
def _listed_parts() -> frozenset[str]:
    """Parts of every listed figure written in kanji (kana names split too freely), two characters left over."""
    return frozenset(
        part
        for figure in public_figure_names()
        if len(figure) >= 3 and not any("\u3041" <= c <= "\u30ff" for c in figure)
        for part in _name_parts(figure, shortest_rest=2)
    )


# 今日愛ちゃんと, 昨日蓮と: a time word glued to a one- or two-character given name; 元夫 西村 悟: a relation
_LEADING_NOT_NAME = re.compile(
    r"(?:今日|昨日|明日|今朝|今夜|昨夜|毎日|先週|来週|今週|(?:元)?(?:夫|妻)[ \u3000]"
    r"|(?:長男|長女|次男|次女|三男|三女|息子|娘|父|母|兄|姉|弟|妹|祖父|祖母|叔父|叔母|伯父|伯母|曾孫|孫"
    r"|名前|氏名)[ \u3000]+"  # 長女 結衣, 叔母 京子
    r"|(?:フリガナ|ふりがな|ﾌﾘｶﾞﾅ|カナ)[ \u3000]+"  # フリガナ マツオ チハル
    r"|(?:司法書士|弁護士|税理士|行政書士|社労士|社会保険労務士|医師|看護師|薬剤師)[ \u3000]+"  # 担当：司法書士 宮崎
    r"|(?:情シス|情報システム|IT)[ \u3000]"
    r"|\S{0,8}(?:営業|総務|人事|経理|開発|企画|技術|管理|広報|法務|システム)(?:部|課|室|グループ|チーム)?[ \u3000]"
    r"|(?:オペレーター|スタッフ|担当者?)[ \u3000]?)"
    r"(?=\S)"  # グローバル人事 大橋: a department before the name
)


# 佐野 絵美　緊急連絡先: a form label after the name in the same line
_TRAILING_LABEL = re.compile(
    r"[ \u3000]+(?:緊急連絡先|連絡先|電話|住所|生年月日|性別|年齢|続柄|所属|職業|備考|昭和|平成|令和|大正|明治"
    r"|直通|代表|携帯)$"
)


_BRACKET_INSIDE = re.compile(r"(?<=\S)[ \u3000]?[（(]")
_HONORIFIC_INSIDE = re.compile(r"(?<=\S)(?:様|さま|さん|殿)(?=[ \u3000])")


def _trimmed(text: str, name: PiiMatch) -> PiiMatch:
    """The name without a time word, relation, role or form label glued to it, and with ちゃん kept after たっ/さっ."""
    start, end = name.start, name.end
    label = _TRAILING_LABEL.search(text, start, end)
    if label:
        end = label.start()
    newline = text.rfind("\n", start, end)
    if newline >= 0:  # < トーク⏎けいこさん: a screen's label on the line above, not part of the name
        if len(text[newline + 1 : end].strip()) >= 2:
            start = newline + 1
        elif text.find("\n", start, end) > start:
            end = text.find("\n", start, end)  # 藤 井 健 一 様⏎照 会 番 号: the name is on the first line
    bracket = _BRACKET_INSIDE.search(text, start, end)
    if bracket:
        end = bracket.start()  # 名前　千夏（ちなつ）: the reading is a name of its own, after the bracket
    honorific = _HONORIFIC_INSIDE.search(text, start, end)
    if honorific:
        end = honorific.start()  # 吉村様　要：…: the name ends at its honorific
    lead = _LEADING_NOT_NAME.match(text, start, end)
    if lead and end - lead.end() <= 4:
        start = lead.end()
    if text[end - 1 : end] == "っ" and text.startswith("ちゃん", end):
        end += 3  # たっちゃん, さっちゃん: the nickname as a whole
    return (
        name if (start, end) == (name.start, name.end) else PiiMatch("person", start, end, name.score, text[start:end])
    )


_MAX_PROPAGATED = 200
_KANA_AFTER_NAME = (*"のがはにともへをやでっ", "ちゃん", "くん", "さん", "さま", "から", "より")


def _script(c: str) -> str:
    if "\u3041" <= c <= "\u3096":
        return "h"
    if "\u30a1" <= c <= "\u30fa" or c == "ー":
        return "k"
    if "\u4e00" <= c <= "\u9fff" or c == "々":
        return "K"
    return "L" if c.isascii() and c.isalnum() else ""


def _repeated_names(text: str, names: list[PiiMatch]) -> Iterator[PiiMatch]:
    """Other mentions of a name the text already names with confidence (平田 in a comment and again in a config
    line, まい as a speaker and in 予約はまいの名前で): each mention standing as a word of its own is reported."""
    confident = {n.text for n in names if n.score >= 0.8 and len(n.text) >= 2 and "\n" not in n.text}
    known = {(n.start, n.end) for n in names if n.score >= 0.8}
    for name in sorted(confident)[:_MAX_PROPAGATED]:
        script = _script(name[0])
        if script == "h" and _lexicon_name_parts(name) == frozenset():
            continue  # あかり, ひかり: common words too; a speaker label alone does not make every one a name
        # 千葉さん…千葉の支社: a surname that is also a place is repeated only as a subject or with an honorific
        place = "地名" in _lexicon_kinds(name)
        start = text.find(name)
        while start >= 0:
            end = start + len(name)
            before, after = text[start - 1 : start], text[end : end + 3]
            alone_before = (
                not before or _script(before) != script or (script == "h" and before in "、。はがをにでともへの")
            )
            alone_after = (
                not after or _script(after[0]) != script or (script == "h" and after.startswith(_KANA_AFTER_NAME))
            )
            part_of_full = re.match(r"[ \u3000][A-Z\u4e00-\u9fff]", text[end : end + 2]) is not None  # 大門 志保
            as_person = not place or after.startswith(("は", "が", "も", "さん", "くん", "君", "様", "氏", "ちゃん"))
            if alone_before and alone_after and as_person and not part_of_full and (start, end) not in known:
                yield PiiMatch("person", start, end, 0.8, name)
            start = text.find(name, end)


_EXAMPLE_AFTER_NAME = re.compile(r"[ \u3000]*[—\-－ー]?[ \u3000]*(?:記入例|[（(]例[）)]|[（(]記入例[）)])")
_NUMERALS_ONLY = re.compile(r"[〇一二三四五六七八九十百千万]+")
# A form's name field filled with a reference, not a name: 保険契約者　同上, カード名義人　契約者と同じ
_NOT_A_NAME = frozenset(
    (
        *("同上", "同左", "同右", "本人", "上記", "下記", "未定", "不明", "なし", "匿名", "非公開"),
        *("ChatGPT", "Siri", "Alexa", "Gemini", "Copilot", "Claude"),  # ChatGPTさん、このカードで…: assistants
    )
)


def _not_public_or_pets(text: str, names: list[PiiMatch]) -> list[PiiMatch]:
    parts = _public_parts(text)
    out = []
    for name in names:
        bare = name.text.replace(" ", "").replace("\u3000", "")
        not_a_name = bare in _NOT_A_NAME or bare in _NEVER_NAMES or bare.endswith("と同じ")  # 式場：…, 申請：有
        not_a_name = not_a_name or _NUMERALS_ONLY.fullmatch(bare) is not None  # …架空町一丁目の、二十二の八
        not_a_name = not_a_name or _EXAMPLE_AFTER_NAME.match(text, name.end) is not None  # ヤマダ タロウ — 記入例
        not_a_name = not_a_name or re.fullmatch(r"[\uff66-\uff9f]", bare) is not None  # ﾐﾎﾝｺｳｷﾞｮｳ(ｶ: one letter
        not_a_name = not_a_name or _ORGANISATION.search(bare) is not None  # 一般社団法人見本協会 in a CSV cell
        if bare in parts or _PET_AFTER.match(text, name.end) or not_a_name:
            name = PiiMatch("person", name.start, name.end, min(name.score, 0.3), name.text)
        out.append(name)
    return out


# ふりがな　おかだ　ゆうと / フリガナ：ヤマダ タロウ: a reading after its label (hiragana allowed, unlike names)
_READING_LABEL = re.compile(
    r"(?:ふりがな|フリガナ|ﾌﾘｶﾞﾅ|よみがな|ヨミガナ|カナ氏名|氏名カナ)[）)]?[ \t\u3000]*[:：]?[ \t\u3000]*"
    r"(?P<v>[\u3041-\u3096\u30a1-\u30faー]{1,8}(?:[ \u3000]{1,2}[\u3041-\u3096\u30a1-\u30faー]{1,8})?"
    r"|[\uff66-\uff9f]{1,10}(?: [\uff66-\uff9f]{1,10})?)"
    r"(?![\u3041-\u30ff])"
)


def _find_names(text: str) -> Iterator[PiiMatch]:
    for m in _READING_LABEL.finditer(text):
        yield PiiMatch("person", m.start("v"), m.end("v"), 0.85, m.group("v"))
    for m in _FORM_LABEL.finditer(text):
        group = next(g for g in ("a", "b", "c") if m.group(g))
        if _ORGANISATION.search(text, m.start(group), m.end(group) + 6) or _HEADER_WORD.search(m.group(group)):
            continue
        value = m.group(group)
        if m.group().startswith("担当") and (
            re.search(r"[\u3041-\u3096]", value)
            or value in _ROLES
            or text.startswith("→", m.end(group))
            or re.search(r"(?:[部課室]|チーム|グループ)$", value)
        ):
            continue  # 担当：承知しました (a speaker), 担当：ケーキ→かな (a task list), 給与担当 御中
        start = m.start(group)
        title = _TITLE_BEFORE_NAME.match(m.group(group))
        if title:  # 代表者職氏名　代表取締役　畠山　修: the title is not part of the name
            start += title.end()
        yield PiiMatch("person", start, m.end(group), 0.9, text[start : m.end(group)])
    yield from _kanji_full_names(text)
    yield from _romaji_names(text)
    yield from labelled_names(text)
    yield from latin_names(text)
    yield from kana_names(text, _is_surname, _no_common_word)
    yield from _listed_names(text)
    for m in _HONORIFIC_AFTER_RUN.finditer(text):
        run = m.group(1)
        if text.startswith("氏名", m.end(1)):
            continue  # 氏名 is "name", not the honorific 氏
        if run in _ROLES or run.endswith(_ROLE_ENDINGS) or text[m.start(1) - 1 : m.start(1)] in ("ご", "お", "御"):
            continue  # ご主人様, ご愁傷様, お客様: honorific prefixes make the run a word, not a name
        if _lexicon_name_parts(run) == frozenset() and run.endswith(_PERSON_NOUN_ENDINGS):
            continue  # a word for a kind of person, never a name: 薬剤師さん, 声優さん, 息子さん, 入居者さん
        if _is_word(run[-1] + text[m.end(1)]):
            continue  # 製品仕|様 (仕様), 営業本|部長 (本部): the "honorific" starts inside a word
        yield PiiMatch("person", m.start(1), m.end(1), 0.6, run)  # an unknown word used as a name
    for offset in range(0, len(text), _CHUNK):
        yield from _names(text[offset : offset + _CHUNK], offset, text)


_KANJI_RUN = re.compile(r"[\u4e00-\u9fff々]{2,6}(?:[ \u3000][\u4e00-\u9fff々]{1,3})?")
_NAME_END = ("さん", "様", "さま", "くん", "君", "ちゃん", "氏", "です", "と申", "と言", "といい", "でございます", "宛")


@lru_cache(maxsize=65536)
def _is_given_name(word: str) -> bool:
    """Sudachi's dictionary knows 花子・美咲・健太 as given names when asked about the word alone, even where the
    whole sentence made it read the run otherwise (架空花子 → 花 + 子)."""
    tokens = list(_tokenizer().tokenize(word, _mode()))
    return len(tokens) == 1 and tuple(tokens[0].part_of_speech()[1:4]) == ("固有名詞", "人名", "名")


@lru_cache(maxsize=65536)
def _boundaries(run: str) -> frozenset[int]:
    return frozenset(t.begin() for t in _tokenizer().tokenize(run, _mode()))


@lru_cache(maxsize=65536)
def _is_word(run: str) -> bool:
    """The whole run is one dictionary word (split mode C): 交渉人, 投資家, 証明書 are words, not names."""
    from sudachipy import tokenizer as sudachi_tokenizer

    tokens = list(_tokenizer().tokenize(run, sudachi_tokenizer.Tokenizer.SplitMode.C))
    return len(tokens) == 1


def _kanji_full_names(text: str) -> Iterator[PiiMatch]:
    """Surname + given name written in kanji where the surname is not in the dictionary (仮山美咲, 例田 真一): a kanji
    run whose last 2–3 characters are a known given name and whose first 1–3 are not a common word. Reported with
    more confidence before an honorific, です or と申します."""
    for m in _KANJI_RUN.finditer(text):
        run = m.group()
        head, space, tail = run.partition(" ") if " " in run else run.partition("\u3000")
        splits = [(head, tail)] if space else [(run[:i], run[i:]) for i in (1, 2, 3) if 2 <= len(run) - i <= 3]
        for surname, given in splits:
            if surname in _ROLES or not _is_given_name(given) or _is_given_name(surname):
                continue
            if not space and len(surname) not in _boundaries(run):
                continue  # 個人投|資家: the given name must start where the run's own words do
            if _is_word(run.replace(" ", "").replace("\u3000", "")) or _famous(run):
                break  # 交渉人, 芸能人 (a dictionary word), 坂本龍馬 (a well-known figure)
            if text.startswith(_PUBLIC_AFTER, m.end()):
                break  # 村上春樹の新刊: a public figure in a public role
            if text[m.end() : m.end() + 1] in ("部", "課", "長", "室") or given in ("通", "町", "駅", "線"):
                break  # 営業本|部長, 寺町|通: a department or a street, not a given name
            ending = any(text.startswith(w, m.end()) for w in _NAME_END)
            score = 0.85 if ending else (0.55 if len(surname) >= 2 else 0.4)
            yield PiiMatch("person", m.start(), m.end(), score, run)
            break


_ROMAJI_WORD = r"(?:[A-Z][a-z]{1,11}|[A-Z]{2,12})"
_ROMAJI_NAME = re.compile(rf"(?<![A-Za-z])({_ROMAJI_WORD}) ({_ROMAJI_WORD})(?![A-Za-z])")
_HEPBURN = re.compile(r"(?:(?:kk|ss|tt|pp|tch)?(?:sh|ch|ts|[kgsztdnhbpmrfjwy])?y?[aiueo]|n)+", re.IGNORECASE)
_CONTACT = re.compile(r"@|\d{2,4}-\d{2,4}-\d{3,4}")  # a signature block: an e-mail or phone follows
_ROMAJI_CONTEXT = re.compile(
    r"@|<|passport|パスポート|旅券|名義|name|tel|phone|mail|氏名|名前|ローマ字|航空券|here|さん|様|宛|\d{2,4}-\d{2,4}-\d{3,4}",
    re.IGNORECASE,
)


_EMAIL_RIGHT_AFTER = re.compile(r"\s?[(<（]\s?[A-Za-z0-9._%+-]+@")
_NOT_A_PERSON_WORD = re.compile(r"\b(?:Support|Team|Office|Desk|Center|Centre|Service|Sales|Info|Customer|Bank)\b")


def _romaji_names(text: str) -> Iterator[PiiMatch]:
    """Japanese names in romaji (Taro Yamada, YAMADA HANAKO) next to other personal data or a label: both words
    must be valid Hepburn syllables (Sales, Manager, Passport are not), and the context must say it is a person."""
    for m in _ROMAJI_NAME.finditer(text):
        if _EMAIL_RIGHT_AFTER.match(text, m.end()) and not _NOT_A_PERSON_WORD.search(m.group()):
            yield PiiMatch("person", m.start(), m.end(), 0.8, m.group())  # Lisa Chen (lisa.chen@…): any script
            continue
        if not (_HEPBURN.fullmatch(m.group(1)) and _HEPBURN.fullmatch(m.group(2))):
            continue
        if m.group(1).lower() in NOT_ROMAJI_NAMES or m.group(2).lower() in NOT_ROMAJI_NAMES:
            continue  # Tue Jun, Tokyo Tower
        window = text[max(0, m.start() - 25) : m.end() + 30]
        line_start = m.start() == 0 or text[m.start() - 1] in "\n（("
        own_line = (
            line_start and text[m.end() : m.end() + 1] in ("\n", "") and _CONTACT.search(text, m.end(), m.end() + 80)
        )
        if (
            _ROMAJI_CONTEXT.search(window)
            or own_line
            or (line_start and text[m.end() : m.end() + 2].strip()[:1] in "<(（|/,")
        ):
            yield PiiMatch("person", m.start(), m.end(), 0.7, m.group())


@lru_cache(maxsize=65536)
def _famous(name: str) -> bool:
    """A public or historical figure, not someone's personal data: a name in the shipped list
    (src/sakimori/data/public_figures.txt), or one that Sudachi's dictionary holds as a single full-name entry in
    split mode C (織田信長, 坂本龍馬)."""
    from sudachipy import tokenizer as sudachi_tokenizer

    if name.replace(" ", "").replace("\u3000", "") in public_figure_names():
        return True
    tokens = list(_tokenizer().tokenize(name, sudachi_tokenizer.Tokenizer.SplitMode.C))
    return len(tokens) == 1 and tuple(tokens[0].part_of_speech()[1:4]) == ("固有名詞", "人名", "一般")


def _with_surname(text: str, start: int, first: str) -> int:
    """Where the name starts once an unknown surname right before a given name is included."""
    script = "katakana" if "\u30a1" <= first <= "\u30fa" else "kanji"
    m = _SURNAME_BEFORE[script].search(text, max(0, start - 7), start)
    if m is None or (m.start() > 0 and script == "kanji" and "\u4e00" <= text[m.start() - 1] <= "\u9fff"):
        return start
    surname = m.group().strip(" \u3000・")
    place = script == "kanji" and _lexicon_kinds(surname) == frozenset({"地名"})
    if surname in _NEVER_NAMES or place:
        return start  # 新大阪 のぞみ: the word before is a place and nothing else (a station and its train)
    return m.start()


def _after_relation(text: str, start: int) -> bool:
    before = text[max(0, start - 8) : start]
    return before.endswith("の") and any(before[:-1].endswith(r) for r in _RELATIONS)


_KANA = r"(?:(?![っゃゅょぁぃぅぇぉんをッャュョ])[\u3041-\u3096]{2,4}|[\u30a1-\u30fa]{2,5})"
# 伊藤 さくら（…, 伊藤 さくら、… (after a space) or 伊藤さくらさん / 伊藤さくら（… (directly, before an honorific)
_KANA_GIVEN = re.compile(
    rf"[ \u3000]({_KANA})(?=[（(、。,\s]|さん|様|ちゃん|くん|$)"
    rf"|(?![のがはをにでともへや])({_KANA})(?=[（(]|さん|様|ちゃん|くん)"
)
_NOT_GIVEN_START = ("です", "でし", "ます", "だ", "じゃ", "けど", "から", "って", "なら", "には", "とは", "など")
_NOT_GIVEN = frozenset(
    ("です", "ます", "でした", "だよ", "やで", "だけ", "から", "まで", "ので", "けど", "さん", "たち")
)
_LINE_TAG = re.compile(r"\s*(?:【[^】\n]{0,12}】|\[[^\]\n]{0,12}\])?\s*")  # 【LINE】山田：…, [Slack] 田中：…


# What follows a public figure's name (選手, 監督, the title of a work): 大谷翔平選手, 夏目漱石の『こころ』.
_PUBLIC_AFTER = (
    "選手",
    "監督",
    "元首相",
    "首相",
    "総理",
    "大臣",
    "議員",
    "知事",
    "市長",
    "容疑者",
    "被告",
    "の『",
    "の「",
    "の新刊",
    "の作品",
    "の小説",
    "の名曲",
    "の曲",
    "の映画",
    "の新作",
    "がオリンピック",
    "がノーベル",
)
# A lone surname owning something personal: 鈴木の番号, 菊地のノートPC.
_POSSESSIONS = (
    "番号",
    "誕生日",
    "連絡先",
    "LINE",
    "ライン",
    "インスタ",
    "アカウント",
    "実家",
    "やつ",
    "奴",
    "嫁",
    "旦那",
    "彼女",
    "彼氏",
    "奥さん",
    "電話",
    "携帯",
    "スマホ",
    "カード",
    "住所",
    "メアド",
    "メール",
    "家",
    "ノート",
    "パソコン",
    "PC",
    "口座",
)


def _possessive(text: str, end: int) -> bool:
    return text.startswith("の", end) and text.startswith(_POSSESSIONS, end + 1)


def _speaker_or_signature(text: str, start: int, end: int) -> bool:
    """A lone surname that starts a line and is followed by a colon (山田：…, a chat log's speaker), or that is a
    message's last line or in parentheses at its end (…までご連絡ください（井上）): the way people sign."""
    # Bounded windows only: a 1 MB text with thousands of names must not be rescanned from its start per name.
    line_begin = max(text.rfind("\n", max(0, start - 40), start) + 1, max(0, start - 40))
    line_start = (line_begin == 0 or text[line_begin - 1] == "\n") and _LINE_TAG.fullmatch(
        text, line_begin, start
    ) is not None
    if line_start and text.startswith((":", "：", "「", "より：", "より:"), end):
        return True
    rest = text[end : end + 8].strip()
    at_end = not rest and not text[end + 8 :].strip() if not rest else False
    signed = text[start - 1 : start] in ("、", " ", "\u3000", "/", "—", "-")  # …お願いします、前田
    return ((line_start or signed) and at_end) or (text[start - 1 : start] in "（(" and rest[:1] in ")）")


@lru_cache(maxsize=65536)
def _lexicon_kinds(word: str) -> frozenset[str]:
    """Every proper-noun kind the dictionary holds `word` as (人名, 地名, 一般 …)."""
    return frozenset(
        e.part_of_speech()[2] for e in sudachi.dictionary().lookup(word) if e.part_of_speech()[1] == "固有名詞"
    )


@lru_cache(maxsize=65536)
def _lexicon_name_parts(word: str) -> frozenset[str] | None:
    """Which name parts (姓, 名, 一般) the dictionary holds `word` as, whatever the sentence made of it (林 is also
    a forest, ゆうき also courage); None when the dictionary does not know the word at all (例田, an invented name)."""
    entries = sudachi.dictionary().lookup(word)
    if not entries:
        return None
    return frozenset(e.part_of_speech()[3] for e in entries if e.part_of_speech()[2] == "人名")


def _no_common_word(word: str) -> bool:
    """The dictionary does not know the word (そうた, りお) or knows it only as a name (コウジ), not as a word
    (ひなた "a sunny spot", はるか "far")."""
    parts = _lexicon_name_parts(word)
    return parts is None or (bool(parts) and _lexicon_kinds(word) == frozenset({"人名"}) and word not in _ADVERB_NAMES)


# Given names that are also adverbs or words the dictionary holds under 人名 only: はるか (far), まさか, ひかり
_ADVERB_NAMES = frozenset(("はるか", "まさか", "まこと", "ひかり", "のぞみ", "あい", "ゆき", "はな", "そら", "なつ"))


def _is_surname(word: str) -> bool:
    return "姓" in (_lexicon_name_parts(word) or ())


_ROLE_LABEL = re.compile(
    r"(?:司会|書記|記録者?|議事録|作成者?|承認者?|確認者|受付者|担当医|報告者|発表者|幹事|出席者?|欠席者?|参加者|責任者|連絡者|申請者"
    r"|記入者|対応者?|面接官|講師|進行|差出人|宛先|送り主|依頼人|記|主治医|執刀医|看護師|薬剤師|引率|保護者)"
    r"[ \t\u3000]*[:：][ \t\u3000]*$"
)
_SEPARATOR = frozenset(("と", "、", "・", "，", ",", "&", "＆", "→", "／"))
_VOCATIVE_BEFORE = re.compile(r"(?:^|\n|「|(?:おーい|おい|ねえ|ねぇ|なあ|なぁ|よう|やあ)[、 ]?)$")
_VOCATIVE_AFTER = ("、", "！", "!", "〜", "ー、", "っ！", "？", "?")


_KANA_ONLY = re.compile(r"[\u3041-\u3096ー]{2,5}")  # あやねです〜: a hiragana given name introducing herself
_GIVEN_NAME_PARTICLE = re.compile(r"(?:が|も|に|と|は|へ|って|、)")


def _public_in_text(text: str, surname: str) -> bool:
    """伊藤博文が…伊藤は: the surname is that of a public figure named in full in the same text."""
    return any(f.startswith(surname) and f in text for f in public_figure_names() if len(f) > len(surname))


def _in_name_list(text: str, start: int) -> bool:
    """After 敬称略 ("titles omitted"), the words listed are people."""
    mark = text.rfind("敬称略", max(0, start - 200), start)
    return mark >= 0 and "\n\n" not in text[mark:start]


def _word_boundary_before(text: str, start: int) -> bool:
    """No hiragana right before: けん in やけん (or しとーけん) is the end of a word, not a name."""
    before = text[max(0, start - 2) : start]
    if before.endswith("ー") and len(before) == 2:
        before = before[0]  # a long vowel inside a hiragana word
    return start == 0 or not ("\u3041" <= before[-1:] <= "\u309f")


def _honorific_after(text: str, end: int, honorifics: tuple[str, ...]) -> bool:
    """さん・様・先生 right after the name, or after one space (平田 様, 松本 先生)."""
    if text[end : end + 1] in (" ", "\u3000"):
        end += 1
    return text.startswith(honorifics, end)


# A department or title right before (人事部 永井, 代表取締役　畠山, 乗務員：宇野, 受：谷口, 担当 ミン).
_DEPARTMENT_BEFORE = re.compile(
    r"(?:[部課室係班]|グループ|取締役|社長|部長|課長|店長|院長|所長|室長|会長|窓口|主任|係長|担当|乗務員|運転手|ドライバー|受付|受"
    r"|幹事の|記入者|作成者|更新者|登録者|入力者|依頼者|会計"
    r"|監事|書記|司会|旧姓|父|母|祖父|祖母|叔父|叔母|伯父|伯母|兄|姉|弟|妹|夫|妻|長男|長女|次男|次女|息子|娘"
    r"|理事長|副理事長|理事|世話人|管理人)"
    r"[ \t\u3000:：]{1,2}$"
    r"|担当$|旧姓$|新姓$"  # 受付 2024/02/05 担当浜田, 旧姓宮下、新姓佐野
)
_PHONE_AFTER = re.compile(r"[ \u3000]?[（(][ \t]*(?:0\d|\+81|内線)|[ \u3000\t]+[0０][0-9０-９]{1,4}[-－‐]")


_OWN_ORGANISATION_BEFORE = re.compile(
    r"(?:[部課室係店所社院]|センター|事務局|組合|会社|医院|クリニック|協会|母|父|妻|夫|祖母|祖父)の$"
)


def _starts_utterance(text: str, start: int) -> bool:
    """The word opens what someone says: a line, a quote, a sentence, or follows a call (もしもし、見本です) or
    one's own organisation (人事部の安田です)."""
    before = text[max(0, start - 12) : start]
    return (
        _VOCATIVE_BEFORE.search(before) is not None
        or before.endswith(("、", "。", "ー", "！", "：", ":", " ", "\u3000"))
        or _OWN_ORGANISATION_BEFORE.search(before) is not None
    )


def _speaker_label(text: str, start: int, end: int) -> bool:
    """山田：… at the start of a line (a chat log's or a transcript's speaker)."""
    line_begin = max(text.rfind("\n", max(0, start - 40), start) + 1, max(0, start - 40))
    at_line_start = (line_begin == 0 or text[line_begin - 1] == "\n") and _LINE_TAG.fullmatch(
        text, line_begin, start
    ) is not None
    return at_line_start and text.startswith((":", "：", "「"), end)


def _signed_as_writer(text: str, end: int) -> bool:
    """渡辺（記）: the minute-taker's mark after a name."""
    return text.startswith(("（記）", "(記)", "記）"), end)


def _coordinated(tokens: list[Any], i: int, j: int) -> bool:
    """A lone surname listed with another name: 近藤と遠藤が, 田村・野村両名, 福田、太田、…"""

    def named(k: int) -> bool:
        if not 0 <= k < len(tokens):
            return False
        pos = tokens[k].part_of_speech()
        surname = pos[1] == "固有名詞" and pos[2] != "地名" and "姓" in (_lexicon_name_parts(tokens[k].surface()) or ())
        return pos[2] == "人名" or surname

    after = j + 1 < len(tokens) and tokens[j + 1].surface() in _SEPARATOR and named(j + 2)
    before = i - 1 >= 0 and tokens[i - 1].surface() in _SEPARATOR and named(i - 2)
    return after or before


# 青木, 2 石井, ルイ, 伊達（部長）, Chen: one entry of a list of names
_LIST_ENTRY = (
    r"(?:\d{1,2}[.)]?[ \t\u3000]*)?(?:[\u4e00-\u9fff々\u30a1-\u30faー]{1,5}|[\u3041-\u3096ー]{3,5}|[A-Z][a-z]{1,12})"
    r"(?:[（(][^）)\n]{1,6}[）)])?"
)
# A line that is only a list of names: 山下 → 中島 → 石井, 1 青木→2 石井→3 宇野, 月 高井・宮 (a shift table),
# 提出がまだの人：相馬、新垣、日比野（敬称略）. Optional label before, optional bracket after.
_LIST_LINE = re.compile(
    r"(?m)^(?:[^\n]{0,60}[：:][ \t\u3000]*|[^\s\d]{1,2}[ \t\u3000]+|【[^】\n]{1,12}】[ \t\u3000]*)?"
    rf"(?P<list>{_LIST_ENTRY}(?:[ \t\u3000]*[→⇒・、，,／/][ \t\u3000]*{_LIST_ENTRY}){{1,9}})"
    r"[ \t\u3000]*(?:[（(][^）)\n]{0,8}[）)])?[ \t\u3000]*$"
)
_LIST_ITEM = re.compile(
    r"(?<![（(])\b[\u4e00-\u9fff々\u30a1-\u30faー]+|(?<![（(\u3041-\u3096])[\u3041-\u3096ー]{3,5}|[A-Z][a-z]+"
)
# （松田・菅原）, 幹事一同（八木・栗田・ほりうち）: names listed in brackets anywhere in a line
_BRACKET_LIST = re.compile(rf"[（(](?P<list>{_LIST_ENTRY}(?:[・、，,／/]{_LIST_ENTRY}){{1,6}})[）)]")


def _in_brackets(line: str, at: int) -> bool:
    """伊達（部長）: the word at `at` is the bracketed note of an entry, not an entry."""
    return line.rfind("（", 0, at) > line.rfind("）", 0, at) or line.rfind("(", 0, at) > line.rfind(")", 0, at)


def _listed_names(text: str) -> Iterator[PiiMatch]:
    """Every item of a name-list line, when each item is a name the dictionary knows (or a katakana word) and at
    least two are surnames that are not only places."""
    lines = []  # (offset, items, surnames) of the lines whose every item can be a name
    for m in (*_LIST_LINE.finditer(text), *_BRACKET_LIST.finditer(text)):
        items = [i for i in _LIST_ITEM.finditer(m.group("list")) if not _in_brackets(m.group("list"), i.start())]
        surnames = 0
        for item in items:
            word = item.group()
            parts = _lexicon_name_parts(word) or frozenset()
            katakana = re.fullmatch(r"[\u30a1-\u30faー]{2,5}", word) is not None
            other_script = (word.isascii() and is_listed_latin_name(word)) or reads_as_surname_or_given(word)
            if not (parts or katakana or other_script) or word in _NEVER_NAMES:
                break
            surnames += "姓" in parts and _lexicon_kinds(word) != frozenset({"地名"})
            surnames += word.isascii() and is_listed_latin_name(word)  # 同乗者：秋山、Brown; Satoshi → Mika
        else:
            if "敬称略" in m.group():
                surnames += 1
            lines.append((m.start("list"), items, surnames))
    table = any(surnames >= 2 for _, _, surnames in lines)  # 月 高井・宮⏎火 宮・ルイ: one list makes the rest
    for offset, items, surnames in lines:
        if surnames >= 2 or (table and surnames >= 1):
            for item in items:
                yield PiiMatch("person", offset + item.start(), offset + item.end(), 0.75, item.group())


_KANA_HONORIFICS = tuple(h for h in _HONORIFICS if not re.fullmatch(r"[\u4e00-\u9fff]{2}", h))


def _lone_name_score(text: str, start: int, end: int, tagged: bool, coordinated: bool) -> float | None:
    """How sure the context makes a lone surname or given name: an honorific, introducing oneself, a role label, a
    relation, a chat speaker or signature, something personal it owns, being listed with another name, being
    called out to. `tagged` is whether Sudachi read the word as a name in this sentence; a word it read otherwise
    (林, 森, ゆうき) needs the stronger contexts and is not reported without one."""
    if text[start:end] in public_figure_names():
        return 0.4  # のび太くん, ルフィの誕生日: a listed fictional or public figure stays public in any context
    if _honorific_after(text, end, _HONORIFICS if tagged else _KANA_HONORIFICS):
        return 0.9  # 大学教授: a title after a word the dictionary did not read as a name is not an honorific
    before = text[max(0, start - 12) : start]
    if text.startswith(_SELF_INTRO, end) and (tagged or _starts_utterance(text, start)):
        return 0.8
    if _ROLE_LABEL.search(before) or _DEPARTMENT_BEFORE.search(before):
        return 0.8
    if _PHONE_AFTER.match(text, end):
        return 0.75  # 安藤（080-0000-1157）: a contact list
    if _after_relation(text, start) or _speaker_or_signature(text, start, end) or _signed_as_writer(text, end):
        return 0.75
    if _possessive(text, end):
        return 0.75
    if coordinated and not _famous(text[start:end]):
        return 0.7
    if _VOCATIVE_BEFORE.search(before) and text.startswith(_VOCATIVE_AFTER, end) and before[-1:] not in ("", "\n"):
        return 0.75  # おーい健太、 (a bare line start followed by 、 is too often a topic: 東京、大阪)
    return 0.45 if tagged else None


_JA_WORD = re.compile(_JA_NAME + "+")


def _untagged_name(text: str, tokens: list[Any], i: int, offset: int) -> PiiMatch | None:
    """A word Sudachi did not read as a name here but that can be one (松本 read as a place, 林 as a forest, an
    unknown 例田), in a context that only a person fits. The dictionary's name readings of common words are many
    (大学, 長男 and 無理 have given-name entries), so a common word needs a surname reading or an honorific, and
    only a proper noun that is not a place may be a signature or be listed with other names."""
    token = tokens[i]
    pos = token.part_of_speech()
    surface = token.surface()
    if pos[0] != "名詞" or pos[1] not in ("固有名詞", "普通名詞") or pos[2] in ("副詞可能", "助数詞可能"):
        return None
    if surface in _ROLES or not _JA_WORD.fullmatch(surface):
        return None
    parts = _lexicon_name_parts(surface)
    if parts is not None and not parts & {"姓", "名"}:
        return None  # the dictionary knows the word, and not as a name (マイナンバー, オペレーター, LINE)
    common, place = pos[1] == "普通名詞", pos[2] == "地名"
    if common and parts is None:
        return None  # an unknown common noun is the tokenizer's guess at an unknown word, not a name
    surname = parts is None or "姓" in parts
    begin, stop = offset + token.begin(), offset + token.end()
    score: float | None = None
    before = text[max(0, begin - 12) : begin]
    if _honorific_after(text, stop, _KANA_HONORIFICS):
        score = 0.9
    elif (
        _ROLE_LABEL.search(before)
        or (_speaker_label(text, begin, stop) and (not place or text[max(0, begin - 2) : begin].rstrip()[-1:] in "]】"))
        or (
            text.startswith(_SELF_INTRO, stop)
            and (surname or not common or _KANA_ONLY.fullmatch(surface))
            and _starts_utterance(text, begin)
        )
        or (surname and _DEPARTMENT_BEFORE.search(before))
        or (surname and not common and _PHONE_AFTER.match(text, stop))
    ):
        score = 0.8
    elif (
        _possessive(text, stop) and not place and ((not common and len(surface) > 1) or _starts_utterance(text, begin))
    ):
        score = 0.75  # ゆうきのLINE, 草。林のやつ
    elif (not common and (_after_relation(text, begin) or _signed_as_writer(text, stop))) or (
        not common and not place and len(surface) > 1 and _speaker_or_signature(text, begin, stop)
    ):
        score = 0.75
    elif not common and not place and _coordinated(tokens, i, i) and not _famous(surface):
        score = 0.7
    return None if score is None else PiiMatch("person", begin, stop, score, surface)


# Words Sudachi sometimes tags as a surname in context but that are a question word or a position (何錠 read as
# surname 何 + given name 錠).
_NEVER_NAMES = frozenset(
    (
        "何", "今", "誰", "皆", "前", "後", "上", "下", "中", "外", "内", "セイ", "メイ", "ほんま",
        "令和", "平成", "昭和", "甲", "乙", "丙", "丁", "発", "着", "月", "火", "水", "木", "金", "土",
        "正", "誤", "卓", "勝", "負", "明日", "イチ", "元", "有", "無", "済", "可", "否", "式場", "要", "不要",
        "見方", "孫", "国保", "わい", "わし", "うち", "おいら", "おなまえ", "なまえ", "しめい",
        *("ねーちゃん", "にーちゃん", "ねえちゃん", "にいちゃん"),
        *("かーちゃん", "とーちゃん", "ばーちゃん", "じーちゃん"),
    )
)  # fmt: skip


def _letter_spaced(text: str, start: int, end: int) -> bool:
    """請 求 書, 健 康 保 険: one character, a space, one character, … (a title printed with spaces), as opposed
    to 原 翔 or 岡田 勇気 (a name written with a space between its parts)."""
    if end - start != 3:
        return False
    after = text[end : end + 3]
    before = text[max(0, start - 3) : start]
    return bool(
        re.fullmatch(r"[ \u3000]\S(?:[ \u3000\n]|$)", after) or re.fullmatch(r"(?:^|[ \u3000\n])\S[ \u3000]", before)
    )


_TRAIN_AFTER = re.compile(r"[ \u3000]?\d{1,4}号")
_KATAKANA_WORD = re.compile(r"[\u30a1-\u30faー]+")
_KANJI_GIVEN_AFTER = re.compile(r"[\u4e00-\u9fff々]{2,3}(?![\u4e00-\u9fff々])")


def _could_be_given(word: str) -> bool:
    """After a surname and a space: a word the dictionary holds as a given name (勇気), or an unknown kanji word
    of one to three characters (陽翔)."""
    parts = _lexicon_name_parts(word)
    if parts is None:
        return re.fullmatch(r"[\u4e00-\u9fff々]{1,3}", word) is not None
    return "名" in parts


def _is_space(token: Any) -> bool:
    return token.surface() in (" ", "\u3000", "  ", "\u3000\u3000", " \u3000", "\u3000 ")


def _names(chunk: str, offset: int, text: str) -> Iterator[PiiMatch]:
    tokens = chunk_morphemes(chunk)
    i = 0
    while i < len(tokens):
        pos = tokens[i].part_of_speech()
        if tokens[i].surface() in _NEVER_NAMES:
            i += 1
            continue
        if pos[2] != "人名":
            found = _untagged_name(text, tokens, i, offset)
            if found is not None:
                yield found
            i += 1
            continue
        j = i
        while j + 1 < len(tokens) and tokens[j + 1].part_of_speech()[2] == "人名":
            j += 1
        while (  # ジョン・スミス: katakana name parts joined by a middle dot (美和・陽菜 are two people)
            j + 2 < len(tokens)
            and tokens[j + 1].surface() == "・"
            and tokens[j + 2].part_of_speech()[2] == "人名"
            and _KATAKANA_WORD.fullmatch(tokens[j].surface() + tokens[j + 2].surface())
        ):
            j += 2
        if j == i and tokens[j].part_of_speech()[3] == "姓" and j + 2 < len(tokens) and _is_space(tokens[j + 1]):
            run = _KANJI_GIVEN_AFTER.match(chunk, tokens[j + 1].end())
            if run and len(run.group()) > len(tokens[j + 2].surface()) and _could_be_given(run.group()):
                last = next((k for k in range(j + 2, min(j + 5, len(tokens))) if tokens[k].end() == run.end()), None)
                if last is not None:
                    j = last  # 古川 陽翔: a given name the tokenizer split (陽|翔) after a surname and a space
        if (  # 岡田 勇気, 中村 由美, Ichiro Suzuki: two name parts with one space between them
            j == i
            and j + 2 < len(tokens)
            and _is_space(tokens[j + 1])
            and not _letter_spaced(text, offset + tokens[j].begin(), offset + tokens[j + 2].end())
            and (
                tokens[j + 2].part_of_speech()[2] == "人名"
                or (tokens[j].part_of_speech()[3] == "姓" and _could_be_given(tokens[j + 2].surface()))
            )
            and not (j + 3 < len(tokens) and tokens[j + 3].part_of_speech()[0] == "名詞")
        ):
            j += 2
        start, end = offset + tokens[i].begin(), offset + tokens[j].end()
        parts = {tokens[k].part_of_speech()[3] for k in range(i, j + 1) if not _is_space(tokens[k])}
        if any(_is_space(tokens[k]) for k in range(i + 1, j)):
            parts = {"姓", "名"}  # merged across a space: a surname and a given name
        if parts == {"名"}:
            surname_start = _with_surname(text, start, text[start])
            if surname_start < start and not re.fullmatch(r"\S[ \u3000]+\S", text[surname_start:end]):
                start, parts = surname_start, {"姓", "名"}
        if parts == {"姓"}:
            given = _KANA_GIVEN.match(text, end)  # a kana given name the dictionary did not tag
            name = given.group(given.lastindex or 1) if given else None
            if given and name and name not in _NOT_GIVEN and not name.startswith(_NOT_GIVEN_START):
                end, parts = given.end(given.lastindex or 1), {"姓", "名"}
        before = text[max(0, start - 6) : start]
        honorific = _honorific_after(text, end, _HONORIFICS)
        public = text.startswith(_PUBLIC_AFTER, end) or _famous(text[start:end])
        listed = text[start:end].replace(" ", "").replace("\u3000", "") in public_figure_names()
        if {"姓", "名"} <= parts:
            score = 0.4 if listed or (public and not honorific) else (0.95 if honorific else 0.85)
        else:
            score = _lone_name_score(text, start, end, tagged=True, coordinated=_coordinated(tokens, i, j)) or 0.45
            given_only = parts == {"名"} and end - start >= 2
            surname_only = parts == {"姓"} and end - start >= 2 and "地名" not in _lexicon_kinds(text[start:end])
            if score < 0.5 and _in_name_list(text, start):
                score = 0.7  # 宛先リスト（敬称略）⏎遠山、宮本、…
            particle = _GIVEN_NAME_PARTICLE.match(text, end) is not None and _word_boundary_before(text, start)
            if score < 0.5 and given_only and particle and not public:
                score = 0.6  # 翔太に聞いたら, しょうたも来る: a given name used as the subject or object
            elif (
                score < 0.5
                and surname_only
                and particle
                and not public
                and text[end : end + 1] in "がもは"
                and not _public_in_text(text, text[start:end])
            ):
                score = 0.55  # 藤井が難色, 佐々木も来る: a surname (never a place) as the subject
        if any(w in before for w in _LEAD_WORDS):
            score = min(1.0, score + 0.3)
        if _TRAIN_AFTER.match(text, end):
            score = min(score, 0.4)  # 新幹線 のぞみ 29号: a train, not a given name
        yield PiiMatch("person", start, end, score, text[start:end])
        i = j + 1
