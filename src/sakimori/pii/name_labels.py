"""Names that their surroundings mark as names, whatever the dictionary says: a one-part form label (姓：宇佐美,
Given name(s): MINORI), a record key ("last": "TANIGUCHI", "holder": "TAKUMI ENDO"), romaji with an English or
Japanese honorific (Sato-san, Ms. Ogawa), a chat speaker in romaji ([10:03] Sato Ren:), the name under a letter's
closing (Kind regards,⏎James Miller), and a romaji given name written into Japanese (Kentaがさ, Kenichi、).

Romaji words must be valid Hepburn syllables and not a well-known place or brand, so Tokyo, Osaka, Sony and
English words such as Note or Phone are not names.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from sakimori.pii.kana_names import reads_as_given_name
from sakimori.pii.recognizers import ROMAJI_PREFECTURES, PiiMatch

__all__ = ["NOT_ROMAJI_NAMES", "labelled_names"]

_HEPBURN = re.compile(r"(?:(?:kk|ss|tt|pp|tch)?(?:sh|ch|ts|[kgsztdnhbpmrfjwy])?y?[aiueo]|n)+", re.IGNORECASE)
# Prefectures that are also common surnames (Yamaguchi Haruto): a romaji name, not a place, when used as one.
_SURNAME_PREFECTURES = frozenset(
    (
        "Yamaguchi", "Nagasaki", "Miyazaki", "Fukushima", "Chiba", "Okayama", "Yamagata", "Ishikawa", "Nagano",
        "Toyama", "Kagawa", "Akita", "Fukui", "Shimane", "Yamanashi", "Fukuoka",
    )
)  # fmt: skip
NOT_ROMAJI_NAMES = frozenset(
    w.lower()
    for w in (
        *(p for p in ROMAJI_PREFECTURES if p not in _SURNAME_PREFECTURES),
        "Sapporo", "Sendai", "Yokohama", "Nagoya", "Kobe", "Shibuya", "Shinjuku", "Ginza", "Akihabara", "Narita",
        "Haneda", "Umeda", "Namba", "Tenjin", "Japan", "Nippon", "Sony", "Honda", "Toyota", "Nissan", "Mazda",
        "Yamaha", "Nintendo", "Rakuten", "Mitsubishi", "Hitachi", "Panasonic", "Kirin", "Asahi", "Sake", "Sushi",
        "Ramen", "Anime", "Manga", "Kimono", "Karaoke", "Emoji", "Tsunami", "Note", "Name", "Date", "Time", "Home",
        "Mobile", "Phone", "Mail", "Re", "Fwd", "To", "From", "Cc", "Bcc", "Subject", "Hi", "Hello", "Dear", "Thanks",
        "Regards", "Best", "Zoom", "Teams", "Slack", "Line", "Type", "Code", "Size", "Game", "Bike", "Take", "Make",
        "Same", "Sure", "None", "Done", "Mine", "Amazon", "Google", "Yahoo", "Meiji", "Taisho", "Showa", "Heisei",
        "Reiwa", "Kanji", "Romaji", "Ok", "Okay", "Yes", "No", "Ha", "Haha", "Wow", "Bye", "Ne", "Sumimasen",
        "Arigato", "Arigatou", "Konnichiwa", "Sayonara", "Ohayo", "Kawaii", "Sensei", "Senpai", "Futsu", "Toza",
        "Fare", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug",
        "Sep", "Oct", "Nov", "Dec", "Sake", "Mode", "Tone", "Data", "Hash", "Rate", "Site", "Ua", "Wiki", "Page",
    )
)  # fmt: skip


def _romaji_name(word: str) -> bool:
    parts = [p for p in re.split(r"[ \-]+", word) if p]
    return bool(parts) and all(
        _HEPBURN.fullmatch(p) is not None and p.lower() not in NOT_ROMAJI_NAMES and len(p) >= 2 for p in parts
    )


_JA = r"[\u3040-\u30ff\u4e00-\u9fff々ー\uff66-\uff9f]"
_ROMAJI = r"[A-Z][A-Za-z]+"
# 姓：宇佐美　名：玲奈 / セイ：ウサミ / Surname: FUJIWARA / Given name(s): MINORI / First name: Taro / GIVEN:KOTA
_ONE_PART_LABEL = re.compile(
    rf"(?:(?<![\u4e00-\u9fff\u30a0-\u30ff])(?:姓|名|セイ|メイ)|Surname|SURNAME|Given [Nn]ames?(?:\(s\))?"
    rf"|GIVEN(?: NAME)?|First [Nn]ame|Last [Nn]ame|Family [Nn]ame)[ \t]*[:：][ \t\u3000]*"
    rf"(?P<v>{_JA}{{1,8}}(?:[ \u3000]{_JA}{{1,8}}(?![{_JA[1:-1]}]*[:：]))?|{_ROMAJI}(?: {_ROMAJI}(?![A-Za-z]*:))?)",
)
# 姓 / Surname　KATAYAMA, 姓 ISHIZUKA　名 KAORI, 姓/Surname⏎YAMAGUCHI: a passport form's name fields without a colon
# (the value may stand on the next line)
_ONE_PART_SPACED = re.compile(
    r"(?<![\u4e00-\u9fff\u30a0-\u30ff])(?:姓|名)(?:[ \t]*/[ \t]*(?:Surname|Given names?|First name|Last name))?"
    r"(?:[ \t\u3000]+|[ \t]*\n)(?P<v>[A-Z]{2,15})(?![A-Za-z])"
)
_SEALED = re.compile(r"(?<![\u4e00-\u9fff])(?P<v>[\u4e00-\u9fff]{1,4})[ \u3000]?㊞")
# vCard: N:Ishiguro;Nanami;;; (surname;given) and FN:Nanami Ishiguro
_VCARD_NAME = re.compile(r"(?m)^N:(?P<a>[^;\n]{1,30});(?P<b>[^;\n]{1,30})?|^FN:(?P<c>[^\n]{1,40})$")
# 受付者 本田, 記載：三好（整形外科）, 指揮命令者：桜井主任: a surname after a role label on a form or record
_RECORD_ROLE_NAME = re.compile(
    r"(?:受付|記載|確認|担当|管理|責任|依頼|作成|承認|記入|指揮命令|運転管理)(?:者|人)?[ \t\u3000]*[:：]?[ \t\u3000]*"
    r"(?P<v>[\u4e00-\u9fff]{2,4}?|[\u30a1-\u30fa]{2,6})"
    r"(?=[（(]|主任|課長|部長|係長|でございます|です|[ \t\u3000]*(?:\n|$))"
)
# "last": "TANIGUCHI", 'holder': 'TAKUMI ENDO', "name":"Kyota Kimura"
_NAME_KEY = re.compile(
    r"[\"'](?:name|full_?name|last|first|given|surname|family|last_?name|first_?name|family_?name|given_?name|holder"
    r"|card_?holder|account_?holder|holder_?name|kana|name_?kana|furigana|name_?(?:ja|en|kanji|roman)"
    r"|氏名|名前|姓|名)[\"']\s*:\s*[\"'](?P<v>[^\"'\d@\n]{1,30})[\"']",
    re.IGNORECASE,
)
# Sato-san, Chen-san / Ms. Ogawa, Mr. Hashimoto, Ms. Aoi Kondo
_ROMAJI_HONORIFIC = re.compile(
    rf"(?<![A-Za-z])(?P<a>{_ROMAJI})-(?:san|sama|kun|chan|sensei)(?![A-Za-z])"
    rf"|\b(?:Mr|Ms|Mrs|Miss|Dr)\.? (?P<b>{_ROMAJI}(?: {_ROMAJI})?)"
)
# [10:03] Sato Ren: / Mei: at the start of a line
_ROMAJI_SPEAKER = re.compile(
    rf"(?m)^(?:\[[^\]\n]{{1,12}}\][ \t]*)?(?:(?:Agent|Staff|Operator|Support|Rep) )?"
    rf"(?P<v>{_ROMAJI}(?: {_ROMAJI})?)[ \t]?[:：]"
)
# Kind regards,⏎James Miller / Thanks! — Emi
_CLOSING = re.compile(
    rf"(?:regards|sincerely|thanks|thank you|best|cheers)[,!.]?[ \t]*(?:\n|[—–-][ \t]*)(?P<v>{_ROMAJI}(?: {_ROMAJI})?)"
    rf"[ \t]*(?:\n|$)",
    re.IGNORECASE,
)
# Kentaがさ, Kenichi、Aya / Tomokoへ: a romaji given name written into Japanese
_ROMAJI_IN_JAPANESE = re.compile(r"(?<![A-Za-z])(?P<v>[A-Z][a-z]{3,11})(?=[がはのとにもへ、。]|って|さん|くん|ちゃん)")
_NOT_A_SIGNATURE = re.compile(r"\b(?:Office|Team|Department|Support|Center|Centre|Desk|Division|Inc|Ltd|Co|Group)\b")


# Applicant: ITO Sakura / Cardholder: MINORI OKUDA / Ship to: Takeshi Murakami
_ENGLISH_LABEL = re.compile(
    r"(?:Applicant|Card ?holder|Beneficiary|Ship to|Bill to|Passenger(?: \d)?|Guest|Patient|Account (?:holder|name)"
    r"|Contact|Driver(?: \d)?|Sender|Recipient|From|Customer|[Dd]irector|Representative|Consignee|Shipper"
    r"|I'm|I am|My name is|This is"
    rf"|Traveller|Traveler|Name|Full name|Employee|Member)[ \t]*:[ \t]*(?P<v>{_ROMAJI} {_ROMAJI}(?: {_ROMAJI})?)",
    re.IGNORECASE,
)
# スズキ アヤネ, ｺﾆｼ ﾏｻｺ: katakana surname and given name with a space, one of them a name the dictionary knows
_KATAKANA_FULL = re.compile(
    r"(?<![\u30a1-\u30fa\uff66-\uff9f])([\u30a1-\u30faー]{2,6}|[\uff66-\uff9f]{2,8})[ \u3000]"
    r"([\u30a1-\u30faー]{2,6}|[\uff66-\uff9f]{2,8})(?![\u30a1-\u30fa\uff66-\uff9f])"
)
# CSV / TSV / pipe / SQL cells: a value under a name column (氏名, 姓, 名, name, last_name, holder)
_CELL = re.compile(r"(?:^|(?<=[,\t|│(]))[ \t]*['\"]?(?P<v>[^,\t|│'\"\n()]{1,24}?)['\"]?[ \t]*(?=[,\t|│)]|$)", re.M)
_NAME_COLUMN = re.compile(
    r"氏名|姓|名前|^名$|連名|カナ|フリガナ|ふりがな|よみがな|ヨミガナ|担当|社員名|顧客名|利用者|申請者|作成者|name|holder|last|first|owner|author",
    re.IGNORECASE,
)


_NO_NAME = frozenset(
    (
        "匿名",
        "匿名希望",
        "非公開",
        "未記入",
        "なし",
        "不明",
        "未定",
        "本人",
        "同上",
        "-",
        "―",
        "空室",
        "空き",
        "欠番",
        "退去済",
        "記",
    )
)


def _katakana_name(surname: str, given: str) -> bool:
    from sakimori.pii.names import _lexicon_name_parts

    parts = [_lexicon_name_parts(unicodedata.normalize("NFKC", w)) for w in (surname, given)]
    known = ("姓" in (parts[0] or ()), "名" in (parts[1] or ()))
    unknown_or_name = all(p is None or p & {"姓", "名"} for p in parts)
    return any(known) and unknown_or_name


# Hi Kenji, / Dear YAMAGUCHI Sho, / Hey Mika! / Thanks, Kenta
_GREETING = re.compile(
    rf"\b(?:Hi|Hello|Hey|Dear|Thanks|Thank you|Cheers)[, ]+(?P<v>{_ROMAJI}(?: {_ROMAJI})?)[ \t]*(?:[,!]|\n|$)"
)
_NOT_ADDRESSEES = frozenset(("all", "team", "everyone", "there", "guys", "folks", "sir", "madam", "again", "so"))
# 借受人：Mizuki Hayashi / [お名前] Ryo Matsuda / 担当: Kobayashi / 相談者：Bui Thanh Hai 様
_JA_LABEL_ROMAJI = re.compile(
    r"(?:借受人|申請者|相談者|担当者?|書記|お名前|氏名|名前|契約者|申込者|利用者|患者|依頼者|受取人|差出人|宿泊者|搭乗者|旅行者)"
    rf"(?:[ \t]*[:：]|\])[ \t]*(?P<v>{_ROMAJI}(?: {_ROMAJI}){{0,2}})(?![A-Za-z0-9])"
)
# Bui Thanh Hai 様, Ota 様: romaji before a Japanese honorific
_ROMAJI_BEFORE_HONORIFIC = re.compile(
    rf"(?<![A-Za-z])(?P<v>{_ROMAJI}(?: {_ROMAJI}){{0,2}}) ?(?=様|さん|氏|くん|ちゃん)"
)


# ちー：保険証の写真送るね / まい：13:30〜だよー: kana speaker labels, counted only in a conversation
_KANA_SPEAKER = re.compile(
    r"(?m)^(?P<v>[\u3041-\u3096ー]{2,5}|[\u30a1-\u30faー]{2,5})[^\w\s:：「]{0,2}[ \t]?[:：「](?!\s*$)"
)
_BRACKET_SPEAKER = re.compile(
    r"(?m)^[（(](?P<v>[\u3041-\u3096ー]{2,5}|[\u30a1-\u30faー]{2,5})[）)](?!\s*$)"
)  # （まゆ）え、…
# ﾀｶﾀﾞ様, ご購入者：ｻｶｲ ﾘｮｳｺ 様: a name in half-width katakana before an honorific
_HALF_WIDTH_HONORED = re.compile(
    r"(?<![\uff66-\uff9f])(?P<v>[\uff66-\uff9f]{2,8}(?: [\uff66-\uff9f]{2,8})?) ?(?:様|さん|殿)"
)
_ANY_SPEAKER = re.compile(r"(?m)^[^\s:：「]{1,8}[:：「]")  # a conversation: two or more lines open with a label
_NOT_SPEAKERS = frozenset(
    (
        "ママ",
        "パパ",
        "はは",
        "ちち",
        "おかん",
        "わい",
        "わし",
        "おとん",
        "じいじ",
        "ばあば",
        "きゃく",
        "メール",
        "メモ",
        "フリガナ",
        "カナ",
    )
)
# …今度また天神でご飯行こうね！さきより / なつみより (a sign-off at the end of a message)
_SIGN_OFF = re.compile(
    r"(?P<v>[\u3041-\u3096ー]{2,5}|[\u30a1-\u30faー]{2,5}|[\u4e00-\u9fff]{1,4})より[ \t。！!」』]*(?:\n|$)"
)


# Chat exports and threads: 22:41<TAB>みさき<TAB>…, 岸本 15:12⏎…, 12:10 Yuto ▶⏎…, [ゆな] …
_TIMED_SPEAKER = re.compile(
    rf"(?m)^\d{{1,2}}:\d{{2}}\t(?P<a>{_JA}{{1,6}}|{_ROMAJI})\t"
    rf"|^(?:\[[^\]\n]{{1,8}}\] ?|[^\s_]{{1,6}}_)?"  # [経理] 石井 10:42 / 総務_田島 9:05
    rf"(?P<b>{_JA}{{1,6}}(?:[ \u3000]{_JA}{{1,4}})?|{_ROMAJI}(?: {_ROMAJI})?)[ \t]+\d{{1,2}}:\d{{2}}[ \t]*$"
    rf"|^\d{{1,2}}:\d{{2}} (?P<c>{_JA}{{1,6}}|{_ROMAJI}) ?[▶>]"
    rf"|^[\[【](?P<d>[\u3041-\u3096\u30a1-\u30faー]{{2,5}})[\]】][ \t]"
)
_NOT_A_SPEAKER_NAME = frozenset(("母", "父", "ママ", "パパ", "自分", "私", "店長", "受付", "顧客", "担当", "Bot", "AI"))


def _timed_speakers(text: str) -> Iterator[PiiMatch]:
    found = [m for m in _TIMED_SPEAKER.finditer(text) if m.group(m.lastgroup or "a") not in _NOT_A_SPEAKER_NAME]
    if len(found) >= 2 or any(m.lastgroup in ("a", "c") for m in found):
        score = 0.85 if len(found) >= 2 else 0.75  # two speakers at least: the layout of a conversation
        for m in found:
            group = m.lastgroup or "a"
            yield PiiMatch("person", m.start(group), m.end(group), score, m.group(group))


# ひなたちゃん, そうたくん, みーちゃん, たっちゃん: a kana given name before ちゃん/くん (not おばあちゃん, 赤ちゃん)
_KANA_HONORIFIC = re.compile(r"ちゃん|くん")
_NOT_KANA_GIVEN = (
    *("ばあ", "じい", "ねえ", "にい", "かあ", "とう", "あか", "おば", "おじ", "おね", "おに", "ぼく", "わん", "にゃん"),
    "おい",  # おいちゃん: an uncle in Kyushu, not a name
    "いい",  # かわいいちゃん
)
_PARTICLES = "てにをがはもとのへでやよね"  # a name after one of these starts a new word: 拾ってそらちゃん


def _kana_with_honorific(text: str) -> Iterator[PiiMatch]:
    for m in _KANA_HONORIFIC.finditer(text):
        end = m.start()
        begin = end
        while begin > 0 and end - begin < 4 and ("\u3041" <= text[begin - 1] <= "\u3096" or text[begin - 1] == "ー"):
            begin -= 1
        for start in range(begin, end - 1):  # the longest run that reads as a name
            run = text[start:end]
            if run[0] in "っゃゅょぁぃぅぇぉんーを" or run.endswith(_NOT_KANA_GIVEN):
                continue
            after_kana = start > 0 and "\u3041" <= text[start - 1] <= "\u3096"
            if after_kana and (run[0] in _PARTICLES or text[start - 1] not in _PARTICLES + "っ"):
                continue  # a particle, not a name, or inside a longer hiragana word
            stop = m.end() if run.endswith("っ") else end  # たっちゃん is the nickname as a whole
            yield PiiMatch("person", start, stop, 0.7, text[start:stop])
            break


_KATAKANA_HONORIFIC = re.compile(
    r"(?<![\u30a1-\u30faー・])"
    r"(?P<v>[\u30a1-\u30fa][\u30a1-\u30fa]{1,6}(?:[ \u3000][\u30a1-\u30fa][\u30a1-\u30faー]{0,6})?)"
    r"(?=様|さん|さま|くん|ちゃん|氏)"
)  # ends in a letter, not ー: オーナー様, ユーザーさん, ドライバーさん are roles
_KATAKANA_ROLES = frozenset(
    (
        "スタッフ", "ゲスト", "ママ", "パパ", "ファン", "シェフ", "ホスト", "キャスト", "クライアント", "ナース",
        "ボス", "チーム", "ショップ", "サロン", "ホテル", "カフェ", "クラス", "グループ", "ネコ", "イヌ", "ネット",
        "アイドル", "コーチ", "ケアマネ",
    )
)  # fmt: skip
_KANA_HOLDER = re.compile(
    r"(?:名義(?:人)?(?:[（(]カナ[）)])?(?:は|：|:)[ \t\u3000]*|\d{7}[ \t\u3000]*[（(])"
    r"(?P<v>[\u30a1-\u30faー]{2,8}(?:[ \u3000][\u30a1-\u30faー]{1,8})?"
    r"|[\uff66-\uff9f]{2,10}(?: [\uff66-\uff9f]{1,10})?)"
    r"(?=[）)、。\s]|です|で|$)"
)
# 普通 4827163 スズキ ケンタ: the holder's full name in kana right after the account number
_KANA_AFTER_ACCOUNT = re.compile(
    r"(?<!\d)\d{7}[ \t\u3000]+(?P<v>[\u30a1-\u30faー]{2,8}[ \u3000][\u30a1-\u30faー]{1,8}"
    r"|[\uff66-\uff9f]{2,10} [\uff66-\uff9f]{1,10})"
)
_DOTTED_KATAKANA = re.compile(
    r"(?P<v>(?<![\u30a1-\u30fa])[\u30a1-\u30faー]{2,8}(?:・[\u30a1-\u30faー]{1,8}){2,3})"
    r"(?=さん|様|氏|くん|ちゃん|（|\()"
    r"|(?<=[:：])[ \t\u3000]*(?P<w>[\u30a1-\u30faー]{2,8}(?:・[\u30a1-\u30faー]{1,8}){1,3})",
    re.M,
)


def _readable_as_name(word: str) -> bool:
    """The dictionary has no entry for the word, or has one that reads it as a surname or given name."""
    from sakimori.pii.names import _lexicon_name_parts

    parts = _lexicon_name_parts(word)
    return parts is None or bool(parts & {"姓", "名"})


def _kana_name(word: str) -> bool:
    return word not in _NOT_SPEAKERS and _readable_as_name(word)


# オペレーター（森）, サポート（Aoki）: a staff member named after the role
_ROLE_THEN_NAME = re.compile(
    rf"(?:オペレーター|サポート|担当|スタッフ|受付|係|店員|[Aa]gent|Support|Operator)[（(](?P<v>{_JA}{{1,6}}|{_ROMAJI})[）)]"
)


# SUZUKI/KAZUHIRO MR (airline records), P<JPNYOSHIOKA<<SAYAKA (passport MRZ)
_SLASH_NAME = re.compile(r"(?<![A-Za-z/])(?P<v>[A-Z]{2,15}/[A-Z]{2,15})(?=\s*(?:MR|MS|MRS|MSTR|MISS|CHD)?\b)(?!/)")
_MRZ_NAME = re.compile(r"P<[A-Z]{3}(?P<a>[A-Z]{2,20})<<(?P<b>[A-Z]{2,20})")
# まゆみ（人事）: / 松本（総務） / ファム・ティ・ラン（妻）: a name followed by its department or relation
_NAME_THEN_ROLE = re.compile(
    rf"(?<![{_JA[1:-1]}])(?P<v>{_JA}{{1,12}})[（(](?:サポート|人事|総務|経理|営業|開発|担当|受付|妻|夫|父|母|長男|長女|次男|次女"
    r"|本人|新郎|新婦)[^）)\n]{0,4}[）)]"
)
# 出席者（敬称略）：勅使河原、小鳥遊、四月一日: everything listed after 敬称略 is a name
_HONORIFICS_OMITTED = re.compile(r"敬称略[）)]?[:：]?[ \t\u3000]*(?P<list>[^\n]*)")
_LIST_ITEM = re.compile(rf"{_JA}{{1,8}}(?:[ \u3000]{_JA}{{1,6}})?|{_ROMAJI}(?: {_ROMAJI})?")  # …菊地、Watanabe


# Assigned: Sato / Owner: Tanaka (one romaji word after an English field label); Aoi here.
_ENGLISH_ONE_WORD = re.compile(
    rf"(?:Assigned(?: to)?|Assignee|Owner|Reporter|Author|Contact|Requester|Approver|Host)[ \t]*:[ \t]*"
    rf"(?P<v>{_ROMAJI})\b"
    rf"|^(?P<w>{_ROMAJI}) here\b",
    re.MULTILINE,
)
# よろしくお願いいたします。⏎Kaito (a message signed after a Japanese closing)
_JA_CLOSING = re.compile(
    r"(?:よろしくお願い(?:いた)?します|お願いします|ありがとうございます)[。！!]?[ \t]*\n+[ \t]*"
    rf"(?P<v>{_ROMAJI}|{_JA}{{1,6}})[ \t]*(?:\n|$)"
)


def labelled_names(text: str) -> Iterator[PiiMatch]:
    for m in _ENGLISH_ONE_WORD.finditer(text):
        group = "v" if m.group("v") else "w"
        if _romaji_name(m.group(group)):
            yield PiiMatch("person", m.start(group), m.end(group), 0.8, m.group(group))
    for m in _JA_CLOSING.finditer(text):
        value = m.group("v")
        if (value.isascii() and _romaji_name(value)) or (not value.isascii() and _kana_name(value)):
            yield PiiMatch("person", m.start("v"), m.end("v"), 0.75, value)
    for m in _SLASH_NAME.finditer(text):
        if all(_romaji_name(part.capitalize()) for part in m.group("v").split("/")):
            yield PiiMatch("person", m.start("v"), m.end("v"), 0.85, m.group("v"))
    for m in _MRZ_NAME.finditer(text):
        for group in ("a", "b"):
            yield PiiMatch("person", m.start(group), m.end(group), 0.9, m.group(group))
    for m in _NAME_THEN_ROLE.finditer(text):
        if _readable_as_name(m.group("v")):
            yield PiiMatch("person", m.start("v"), m.end("v"), 0.8, m.group("v"))
    for m in _HONORIFICS_OMITTED.finditer(text):
        for item in _LIST_ITEM.finditer(m.group("list")):
            if item.group() not in _NO_NAME:
                start = m.start("list") + item.start()
                yield PiiMatch("person", start, start + len(item.group()), 0.7, item.group())
    for m in _ROLE_THEN_NAME.finditer(text):
        yield PiiMatch("person", m.start("v"), m.end("v"), 0.85, m.group("v"))
    for m in _HALF_WIDTH_HONORED.finditer(text):
        yield PiiMatch("person", m.start("v"), m.end("v"), 0.85, m.group("v"))
    labels = [
        m
        for pattern in (_KANA_SPEAKER, _BRACKET_SPEAKER)
        for m in pattern.finditer(text)
        if m.group("v") not in _NOT_SPEAKERS
    ]
    said_twice = {v for v in (m.group("v") for m in labels) if sum(m.group("v") == v for m in labels) >= 2}
    speakers = [  # しょう：…しょう：, かず：… (a given name read in romaji)
        m for m in labels if _kana_name(m.group("v")) or m.group("v") in said_twice or reads_as_given_name(m.group("v"))
    ]
    if len(speakers) >= 2 or (speakers and len(_ANY_SPEAKER.findall(text)) >= 2):
        for m in speakers:
            yield PiiMatch("person", m.start("v"), m.end("v"), 0.75, m.group("v"))
    yield from _timed_speakers(text)
    for m in _SEALED.finditer(text):  # 鬼頭㊞　春日㊞: a circulation list sealed by each reader
        yield PiiMatch("person", m.start("v"), m.end("v"), 0.8, m.group("v"))
    for m in _VCARD_NAME.finditer(text):
        for group in ("a", "b", "c"):
            if m.group(group):
                yield PiiMatch("person", m.start(group), m.end(group), 0.9, m.group(group))
    for m in _ONE_PART_SPACED.finditer(text):
        if m.group("v").lower() not in NOT_ROMAJI_NAMES:
            yield PiiMatch("person", m.start("v"), m.end("v"), 0.85, m.group("v"))
    for m in _RECORD_ROLE_NAME.finditer(text):
        katakana = "\u30a1" <= m.group("v")[0] <= "\u30fa"  # 担当ハヤシでございます: kana spelling of a surname
        if katakana or _readable_as_name(m.group("v")):
            yield PiiMatch("person", m.start("v"), m.end("v"), 0.75, m.group("v"))
    yield from _kana_with_honorific(text)
    for m in _KATAKANA_HONORIFIC.finditer(text):  # ミナミ様, ハヤシ様（漢字不明）, ニシカワ レンくん
        if m.group("v").replace("\u3000", " ").split(" ")[-1] not in _KATAKANA_ROLES:
            yield PiiMatch("person", m.start("v"), m.end("v"), 0.7, m.group("v"))
    for pattern in (_KANA_HOLDER, _KANA_AFTER_ACCOUNT):  # 名義はキムラアヤカ, 普通 7720146（ニシムラ アヤ）
        for m in pattern.finditer(text):
            yield PiiMatch("person", m.start("v"), m.end("v"), 0.85, m.group("v"))
    for m in _DOTTED_KATAKANA.finditer(text):  # グエン・ヴァン・ナムさん, 賃借人（乙）：ファム・ティ・ラン
        group = "v" if m.group("v") else "w"
        if group == "w" and not re.search(r"[者人名乙甲様]", text[max(0, m.start() - 8) : m.start()]):
            continue  # メニュー：コーヒー・ココア・ミルク is a list of things
        yield PiiMatch("person", m.start(group), m.end(group), 0.85, m.group(group))
    for m in _SIGN_OFF.finditer(text):
        if _kana_name(m.group("v")) and (m.start() == 0 or text[m.start() - 1] in "！!。、 \u3000\n〜の"):
            yield PiiMatch("person", m.start("v"), m.end("v"), 0.75, m.group("v"))
    for m in _GREETING.finditer(text):
        value = m.group("v")
        if _NOT_A_SIGNATURE.search(value) or re.search(r"\b(?:Staff|Section|Customer|Service|Manager)\b", value):
            continue  # Dear Hotel Staff, Dear Visa Section
        if value.lower() not in _NOT_ADDRESSEES and value.lower() not in NOT_ROMAJI_NAMES:
            yield PiiMatch("person", m.start("v"), m.end("v"), 0.85, m.group("v"))
    for pattern in (_JA_LABEL_ROMAJI, _ROMAJI_BEFORE_HONORIFIC):
        for m in pattern.finditer(text):
            if m.group("v").lower() not in NOT_ROMAJI_NAMES:  # over a one-word reading of the same name
                yield PiiMatch("person", m.start("v"), m.end("v"), 0.95, m.group("v"))
    for m in _ENGLISH_LABEL.finditer(text):
        if _romaji_name(m.group("v")) or m.group("v").isupper():
            yield PiiMatch("person", m.start("v"), m.end("v"), 0.85, m.group("v"))
    for m in _KATAKANA_FULL.finditer(text):
        if _katakana_name(m.group(1), m.group(2)):
            yield PiiMatch("person", m.start(), m.end(), 0.8, m.group())
    if any(sep in text for sep in (",", "\t", "|", "│")):
        from sakimori.pii.recognizers import field_label

        for m in _CELL.finditer(text):
            value = m.group("v").strip()
            if not value or re.search(r"[\d@]", value) or not (value.isascii() or re.search(_JA, value)):
                continue
            if value in _NO_NAME or re.search(r"株式会社|有限会社|合同会社|\b(?:Co|Ltd|Inc|K\.K)\b", value):
                continue
            label = field_label(text, m.start("v"))
            name_like = not value.isascii() or _romaji_name(value) or value.isupper()
            if label.strip() and _NAME_COLUMN.search(label.strip()) and name_like:
                yield PiiMatch("person", m.start("v"), m.start("v") + len(value), 0.8, value)
    for m in _ONE_PART_LABEL.finditer(text):
        value = m.group("v")
        if value.isascii() and not _romaji_name(value) and not value.isupper():
            continue
        yield PiiMatch("person", m.start("v"), m.end("v"), 0.9, value)
    for m in _NAME_KEY.finditer(text):
        value = m.group("v").strip()
        organisation = re.search(r"株式会社|有限会社|合同会社|\b(?:Co|Ltd|Inc|Corp)\b", value)
        if value and not organisation and (not value.isascii() or _romaji_name(value) or value.isupper()):
            yield PiiMatch("person", m.start("v"), m.end("v"), 0.85, value)
    for m in _ROMAJI_HONORIFIC.finditer(text):
        group = "a" if m.group("a") else "b"
        if group == "b" or _romaji_name(m.group(group)):  # Mr./Ms. make any word a name (Mr. Smith)
            yield PiiMatch("person", m.start(group), m.end(group), 0.85, m.group(group))
    speakers = [
        m
        for m in _ROMAJI_SPEAKER.finditer(text)
        if not re.fullmatch(r"[A-Z]{2}", m.group("v"))
        and m.group("v").lower() not in NOT_ROMAJI_NAMES
        and (_romaji_name(m.group("v")) or text[max(0, m.start("v") - 2) : m.start("v")].strip().endswith("]"))
    ]  # AI：, UA： are not people
    for m in speakers:  # a one-word label is a speaker only in a conversation (Mei: … twice, or two names)
        repeated = sum(s.group("v") == m.group("v") for s in speakers) > 1 or len({s.group("v") for s in speakers}) > 1
        if " " in m.group("v") or repeated:
            yield PiiMatch("person", m.start("v"), m.end("v"), 0.75, m.group("v"))
    for m in _CLOSING.finditer(text):
        value = m.group("v")
        if value.lower() not in NOT_ROMAJI_NAMES and not _NOT_A_SIGNATURE.search(value):
            yield PiiMatch("person", m.start("v"), m.end("v"), 0.8, value)
    for m in _ROMAJI_IN_JAPANESE.finditer(text):
        if _romaji_name(m.group("v")):
            yield PiiMatch("person", m.start("v"), m.end("v"), 0.6, m.group("v"))
