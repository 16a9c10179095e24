"""Japanese PII recognizers: one small unit per type, each a regex plus validation and context words.

A recognizer reads the `pii_view` of the text (same offsets as the original) and yields `PiiMatch`es. Context
words within a short window before (or after) a candidate raise its score (電話, TEL, 連絡先) or lower it (注文番号,
商品コード, ISBN, 内線); numbers that fail a checksum are not reported as that type at all.
"""

from __future__ import annotations

import datetime
import ipaddress
import re
from bisect import bisect_left
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from sakimori.detectors.wordlist import trie_regex
from sakimori.pii.checksums import is_corporate_number, is_luhn, is_my_number

__all__ = ["RECOGNIZERS", "PiiMatch", "Recognizer", "field_label", "find_pii"]


@dataclass(frozen=True)
class PiiMatch:
    type: str
    start: int
    end: int
    score: float
    text: str


@dataclass(frozen=True)
class Recognizer:
    """`find(view) -> Iterator[PiiMatch]`; `types` are the PII types it can report."""

    name: str
    types: tuple[str, ...]
    find: Callable[[str], Iterator[PiiMatch]]


def _context(view: str, start: int, end: int, words: Sequence[str], before: int = 20, after: int = 6) -> bool:
    window = view[max(0, start - before) : start] + " " + view[end : end + after] + " " + field_label(view, start)
    window = window.lower()
    return any(w in window for w in words)


_KEY_BEFORE = re.compile(r"[\"']?([^\s\"'{},:=&?]{1,30})[\"']?\s*[:=]\s*[\"']?\s*$")
_PARAM_BEFORE = re.compile(r"[?&]([A-Za-z_\-]{1,30})=$")
_CELL_SEPARATORS = (",", "\t", "|", "│", "｜", ";")
_RULE_LINE = re.compile(r"[\s─━┼├┤┌┐└┘┬┴│|:\-=+]*")
_LINE_REACH = 2000  # a field's label is looked for in bounded windows only: a 1 MB line must stay linear


@lru_cache(maxsize=1024)  # every context check of a candidate asks again; the answer depends only on these two
def field_label(view: str, start: int) -> str:
    """The label of the field a value sits in, when the label is not right before it: a JSON or dict key
    ("pension_no": "…"), a URL parameter (&zip=…), or the header cell of the value's column in a CSV, TSV or
    pipe table whose header is lines above. Empty when there is none."""
    head = view[max(0, start - 40) : start]
    key = None
    if ":" in head or "=" in head:  # most values have neither: skip the anchored searches
        key = _KEY_BEFORE.search(head) or _PARAM_BEFORE.search(head)
    label = key.group(1) if key else ""
    line_begin = view.rfind("\n", max(0, start - _LINE_REACH), start) + 1
    if line_begin == 0 and start > _LINE_REACH:
        return label
    prefix = view[line_begin:start]
    line_end = view.find("\n", start, start + _LINE_REACH)
    rest = view[start : line_end if line_end >= 0 else start + _LINE_REACH]
    for sep in _CELL_SEPARATORS:
        column = prefix.count(sep)
        if column == 0 and (prefix.strip(" '\"") or sep not in rest):
            continue  # not in a table, or in its first column only when the row goes on after the value
        header = ""
        cursor = line_begin - 1  # the newline ending the previous line
        for _ in range(30):  # walk up while lines are rows of the same table; the topmost is the header
            if cursor <= 0:
                break
            above_begin = view.rfind("\n", max(0, cursor - _LINE_REACH), cursor) + 1
            above = view[above_begin:cursor]
            cursor = above_begin - 1
            if _RULE_LINE.fullmatch(above):
                continue  # ├────┼────┤ or |---|---| between the header and the rows
            if above.count(sep) < max(column, 1):
                break
            header = above
        if header:
            cells = header.split(sep)
            return label + " " + cells[column].strip(" '\"()（）")
        return label
    return label


def _clip(score: float) -> float:
    return min(max(score, 0.0), 1.0)


_NOT_PHONE = (
    "お客様番号",
    "顧客番号",
    "tracking",
    "注文番号",
    "商品コード",
    "品番",
    "型番",
    "isbn",
    "伝票",
    "会員番号",
    "内線",
    "口座",
    "シリアル",
    "id",
    "番号札",
    "受付番号",
    "管理番号",
    "追跡番号",
    "お問い合わせ番号",
    "年金",
    "保険証",
    "免許",
)
_PHONE_WORDS = (
    *("電話", "tel", "携帯", "連絡先", "番号", "☎", "📞", "fax", "ファックス", "ケータイ", "スマホ", "call"),
    *("ﾃﾞﾝﾜ", "デンワ", "直通", "代表"),
)

# 0X0-XXXX-XXXX mobile / IP, 0120/0800/0570 special, fixed lines with area codes, +81 forms, parentheses.
_PHONE = re.compile(
    r"(?<![\d\-+A-Za-z])(?<!\d\.)(?:\+81[\s\-]?\(?0?\)?|0)\d{1,4}(?:[\s\-]?\(?\d{1,4}\)?[\s\-]?|\(\d{1,4}\))\d{3,4}(?![\d\-])"
    r"|(?<![\d\-])\(0\d{1,4}\)\s?\d{1,4}[\s\-]?\d{3,4}(?![\d\-])"  # (0120)000-321
    r"|(?<![\d.])0\d{1,4}\.\d{1,4}\.\d{3,4}(?![\d.])"  # T 03.0000.4460  M 090.0000.2784
)
_NO_EXTENSION = re.compile(r"内線(?:なし|無し|不要|はありません)")  # （内線なし、直通 048-…）


_TRACKING_BEFORE = re.compile(r"\b1Z[0-9A-Z ]{0,14}$")
_DIGIT_GROUP_BEFORE = re.compile(r"(?<![\d\-.])\d{4,6} $")  # 3695 027158 3480, not 203　03-… or S32.2.11 090-…


_FOREIGN_PHONE = re.compile(r"(?<![\w+])\+(?!81)[1-9]\d{0,2}(?:[ \-]\(?\d{1,4}\)?){2,4}(?![\d\-])")


def _phone(view: str) -> Iterator[PiiMatch]:
    for m in _PHONE.finditer(view):
        raw = m.group()
        if _TRACKING_BEFORE.search(view, max(0, m.start() - 16), m.start()):
            continue  # 1Z 999 AA1 01 2345 6784: the tail of a parcel's tracking number
        if _DIGIT_GROUP_BEFORE.search(view, max(0, m.start() - 8), m.start()):
            continue  # the tail of a longer spaced number (a 14-digit card written 3695 027158 3480)
        digits = re.sub(r"\D", "", raw)
        if re.fullmatch(r"\d{4}-\d{6}", raw) and _context(view, m.start(), m.end(), ("年金",), before=40, after=0):
            continue  # 父のは 0912-340058 (after 年金番号): a pension number's 4-6 shape, not a phone
        if raw.startswith("+81"):
            digits = "0" + digits[2:].lstrip("0")
        if not digits.startswith("0"):
            continue
        kind_ok = (
            (digits[:3] in ("070", "080", "090", "050", "020") and len(digits) == 11)
            or (digits.startswith("0120") and len(digits) == 10)
            or (digits.startswith("0800") and len(digits) == 11)
            or (digits.startswith("0570") and len(digits) == 10)
            or (digits[1] != "0" and len(digits) == 10)
        )
        if not kind_ok:
            # 092-0000-2045: a landline written with one digit too many (a typo, or fake data) still reads as a
            # phone number where the text says it is one
            loose = len(digits) == 11 and digits[1] != "0" and _context(view, m.start(), m.end(), _PHONE_WORDS)
            if not loose:
                continue
        score = 0.6 + (0.1 if re.search(r"[\s\-()]", raw) or raw.startswith("+81") else 0.0)
        if _context(view, m.start(), m.end(), _PHONE_WORDS):
            score += 0.3
        if _context(view, m.start(), m.end(), _NOT_PHONE, before=12, after=0) and not _NO_EXTENSION.search(
            view, max(0, m.start() - 12), m.start()
        ):
            score -= 0.45
        yield PiiMatch("phone", m.start(), m.end(), _clip(score), raw)
    for m in _FOREIGN_PHONE.finditer(view):  # Tel: +86 138 0000 5521, a foreign number where a phone is asked
        if _context(view, m.start(), m.end(), _PHONE_WORDS, before=12, after=0):
            yield PiiMatch("phone", m.start(), m.end(), 0.85, m.group())


_LICENCE_WORDS = (
    *("免許", "運免", "license", "licence", "運転者", "dl#", "dl no", "原付", "二種", "準中型", "中型", "大型"),
    *("at限定", '"dl"', "dl #", "dl:"),
)
# The first two digits of a licence number name the issuing 公安委員会 (10 札幌 … 30 東京 … 97 沖縄).
_LICENCE_ISSUERS = frozenset(
    (*range(10, 15), *range(20, 26), 30, *range(40, 56), *range(60, 66), *range(70, 75), *range(80, 84), *range(90, 98))
)
_PERMIT_BEFORE = re.compile(r"許可|届|受理|登録|認定|証明|番号")
_OCR_DIGITS = re.compile(r"(?<![\w\-])\d(?:\d|[Oo](?=[\dOo])){10,17}\d(?![\w\-])")  # 3O1712O48835: letter O for 0
_GROUPED_DIGITS = re.compile(
    r"(?<![\d+])(?<![^T]-)\d(?:(?:[ \u3000]{1,2}|-)?\d){11,18}(?![\d\-])"
)  # T-6936-4533-66703  # not across tabs or lines


_NOT_ID_NUMBER = (
    "受理",
    "会員",
    "伝票",
    "追跡",
    "注文",
    "荷物",
    "照会",
    "シリアル",
    "serial",
    "お問い合わせ番号",
    "問合せ番号",
    "受付番号",
    "管理番号",
    "tracking",
    "order",
    "isbn",
    "jan",
    *("製造番号", "製造", "型番", "ロット", "lot", "s/n"),
)


def _numbers(view: str) -> Iterator[PiiMatch]:
    """12–19 digit numbers: My Number, 法人番号, credit cards, driver's licences (by checksum and context). A run
    of digit groups that is none of them as a whole is tried again without some of its first or last groups: a
    card number followed by its expiry (3556 1072 8493 0158 02/27), a row number before a 法人番号 (001　4010…).
    A shorter run is taken as a My Number, 法人番号 or licence only when it is one unseparated group; otherwise
    only a card is looked for in it (12 digits of a failed card number are no My Number)."""
    for m in _GROUPED_DIGITS.finditer(view):
        raw = m.group().rstrip()
        cuts = [0] + [g.end() for g in _GROUP_BREAK.finditer(raw)]  # where each digit group starts
        ends = [g.start() for g in _GROUP_BREAK.finditer(raw)] + [len(raw)]  # and ends
        spans = sorted(
            ((cuts[i], ends[j]) for i in range(min(3, len(cuts))) for j in range(max(0, len(ends) - 4), len(ends))
             if cuts[i] < ends[j]),
            key=lambda span: (span != (0, len(raw)), -(span[1] - span[0])),
        )  # fmt: skip
        for first, last in spans:
            start, end = m.start() + first, m.start() + last
            found = list(_classify_number(view, start, end))
            if (first, last) != (0, len(raw)) and not view[start:end].isdigit():
                four_four_four = re.fullmatch(r"\d{4} \d{4} \d{4}", view[start:end]) is not None
                named = _context(view, start, end, ("個人番号", "マイナンバー"), before=200, after=0)
                tail = last == len(raw)  # 扶養 tables: S62.06.14　6952 0102 1640, the number after a date
                my_number = four_four_four and named and tail
                found = [f for f in found if f.type == "credit_card" or (f.type == "my_number" and my_number)]
            if found:
                yield from found
                break
    for m in _OCR_DIGITS.finditer(view):
        raw = m.group()
        if raw.isdigit() or sum(c in "Oo" for c in raw) > 3:
            continue
        read = view[: m.start()] + raw.replace("O", "0").replace("o", "0") + view[m.end() :]
        for number in _classify_number(read, m.start(), m.end()):
            yield PiiMatch(number.type, number.start, number.end, number.score, raw)


_GROUP_BREAK = re.compile(r"[\s\-]+(?=\d)")


def _last_word_at(view: str, start: int, words: Sequence[str], before: int = 40) -> int:
    """Where the last of `words` begins in the `before` characters before `start` (-1 when none)."""
    window = view[max(0, start - before) : start].lower()
    return max(window.rfind(w) for w in words)


def _classify_number(view: str, start: int, end: int) -> Iterator[PiiMatch]:
    raw = view[start:end]
    digits = re.sub(r"\D", "", raw)
    if len(digits) < 12:
        return
    if len(digits) == 12:
        licence_form = view[max(0, start - 2) : start].rstrip().endswith("第") and view[
            end : end + 2
        ].lstrip().startswith("号")  # 第123456789012号, 第 1234… 号
        named_my_number = is_my_number(digits) and (
            _last_word_at(view, start, ("マイナンバー", "個人番号", "通知カード"))
            > _last_word_at(view, start, _LICENCE_WORDS)
            or any(w in field_label(view, start) for w in ("個人番号", "マイナンバー"))
        )  # 運転免許証で確認済⏎個人番号は…から 7045-1829-3645: the closer label decides
        issuer = int(digits[:2]) in _LICENCE_ISSUERS
        # 免許の住所変更…番号は変わらず3012…のまま: a licence-shaped number that is no My Number is read as the
        # licence the text spoke of further back; 第…号 with an issuer code is a licence's own form
        other_number = _context(view, start, end, _NOT_ID_NUMBER, before=12, after=0)
        # a number that also passes the My Number check is a licence here only when no My Number is named near
        my_number_near = _context(view, start, end, ("マイナンバー", "個人番号", "my number"), before=300, after=40)
        far = issuer and not (is_my_number(digits) and my_number_near) and not other_number
        far = far and _context(view, start, end, _LICENCE_WORDS, before=200, after=40)
        # 第621904420153号　上野 涼: a licence's own form, unless a permit or a filing is named (古物商許可 第…号)
        own_form = (
            licence_form and issuer and raw.isdigit() and not _PERMIT_BEFORE.search(view, max(0, start - 15), start)
        )
        if (
            (not named_my_number and _context(view, start, end, _LICENCE_WORDS, before=40, after=12))
            or (licence_form and (own_form or _context(view, start, end, _LICENCE_WORDS, before=120)))
            or far
        ):
            yield PiiMatch("drivers_license", start, end, 0.9, raw)
        elif (
            is_my_number(digits)
            and digits != "000000000000"  # the format placeholder 0000 0000 0000
            and (raw.isdigit() or re.fullmatch(r"\d{4}(?:[ \-]| {2})\d{4}(?:[ \-]| {2})\d{4}", raw))
        ):
            context = _context(
                view, start, end, ("マイナンバー", "個人番号", "my number", "まいなんばー", "通知カード")
            )
            if context or not _context(view, start, end, _NOT_ID_NUMBER, before=12, after=0):
                yield PiiMatch("my_number", start, end, 0.95 if context else 0.7, raw)
            if not context:
                yield PiiMatch("drivers_license", start, end, 0.35, raw)  # a licence list beats a bare checksum
        elif not _context(view, start, end, _NOT_ID_NUMBER, before=12, after=0):
            yield PiiMatch("drivers_license", start, end, 0.35, raw)  # counts in a list under a licence label
    elif len(digits) == 13 and is_corporate_number(digits):
        context = _context(
            view, start, end, ("法人番号", "法人", "会社", "株式会社", "登録番号", "インボイス", "invoice")
        )
        context = context or view[max(0, start - 2) : start].endswith(("T", "T-"))  # T4929006046214: an invoice number
        if context or not _context(view, start, end, _NOT_ID_NUMBER, before=12, after=0):
            jan = digits[:2] in ("45", "49") and not context  # 4987654321254 in a price list: a JAN code
            jan = jan or "123456789" in digits  # 1234567890130: a placeholder that happens to pass the check
            yield PiiMatch("corporate_number", start, end, 0.95 if context else (0.4 if jan else 0.65), raw)
    product_code = _context(view, start, end, ("jan", "ean", "isbn", "商品コード", "品番", "バーコード"), before=15)
    product_code = product_code or (len(digits) == 13 and digits[:2] in ("45", "49"))  # a JAN code, not a card
    if 13 <= len(digits) <= 19 and is_luhn(digits) and _card_brand(digits) and not product_code:
        context = _context(view, start, end, ("カード", "card", "クレジット", "クレカ", "visa", "jcb"))
        yield PiiMatch("credit_card", start, end, 0.95 if context else 0.8, raw)


def _card_brand(d: str) -> str | None:
    n = len(d)
    if d[0] == "4" and n in (13, 16, 19):
        return "visa"
    if (51 <= int(d[:2]) <= 55 or 2221 <= int(d[:4]) <= 2720) and n == 16:
        return "mastercard"
    if 3528 <= int(d[:4]) <= 3589 and 16 <= n <= 19:
        return "jcb"
    if d[:2] in ("34", "37") and n == 15:
        return "amex"
    if (d[:2] in ("36", "38", "39") or 300 <= int(d[:3]) <= 305) and 14 <= n <= 16:
        return "diners"
    if (d[:4] == "6011" or d[:2] == "65" or 644 <= int(d[:3]) <= 649) and 16 <= n <= 19:
        return "discover"
    if d[:2] == "62" and 16 <= n <= 19:
        return "unionpay"
    return None


_EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9](?:[A-Za-z0-9._%+-]{0,63}?)(?:@|%40)[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,24}(?![A-Za-z0-9_-])"
)


_EMAIL_SPELLED = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9._%+-]+ ?(?:\[at\]|\(at\)|＜at＞|★|☆) ?[A-Za-z0-9-]+"  # ★ for @, to be typed by hand
    r"(?:(?:\.|\[dot\]|\(dot\))[A-Za-z0-9-]+)*"
    r"(?:\.|\[dot\]|\(dot\))[A-Za-z]{2,}(?![\w-])",
    re.IGNORECASE,
)


def _email(view: str) -> Iterator[PiiMatch]:
    for m in _EMAIL.finditer(view):
        if re.search(r"(?:message-id|in-reply-to|references):\s*<?$", view[max(0, m.start() - 20) : m.start()], re.I):
            continue  # a mail header's message id has the shape of an address but names no one
        yield PiiMatch("email", m.start(), m.end(), 0.95, m.group())
    if "at" in view.lower() or "★" in view or "☆" in view:
        # hayama.s[at]example.org, info★example.co.jp: written so that harvesters miss it
        for m in _EMAIL_SPELLED.finditer(view):
            yield PiiMatch("email", m.start(), m.end(), 0.85, m.group())


ROMAJI_PREFECTURES = (
    "Hokkaido", "Aomori", "Iwate", "Miyagi", "Akita", "Yamagata", "Fukushima", "Ibaraki", "Tochigi", "Gunma",
    "Saitama", "Chiba", "Tokyo", "Kanagawa", "Niigata", "Toyama", "Ishikawa", "Fukui", "Yamanashi", "Nagano",
    "Gifu", "Shizuoka", "Aichi", "Mie", "Shiga", "Kyoto", "Osaka", "Hyogo", "Nara", "Wakayama", "Tottori",
    "Shimane", "Okayama", "Hiroshima", "Yamaguchi", "Tokushima", "Kagawa", "Ehime", "Kochi", "Fukuoka", "Saga",
    "Nagasaki", "Kumamoto", "Oita", "Miyazaki", "Kagoshima", "Okinawa",
)  # fmt: skip
_POSTAL_WORDS = (
    "郵便番号",
    "郵便",
    "個別番号",
    "ゆうびん",
    "ﾕｳﾋﾞﾝ",
    "宛先",
    "〒",
    "住所",
    "zip",
    "postal",
    "post code",
    "postcode",
    "japan",
    "-ku,",
    "-shi,",
    "-cho,",
    "-machi,",
    *(f"{name}".lower() for name in ROMAJI_PREFECTURES),
)
_POSTAL = re.compile(r"(〒\s?)?(?<![\d\-])(\d{3}-\d{4}|(?<=〒 )\d{3} \d{4}|(?<=〒)\d{3} \d{4})(?![\d\-])")
_POSTAL_SPACED = re.compile(r"(?:郵便番号|[Zz]ip(?: ?[Cc]ode)?|[Pp]ostal [Cc]ode)[ \t:：]*(?P<p>\d{3} \d{4})(?![\d\-])")
_POSTAL_PLAIN = re.compile(r"(?<![\d\-])\d{7}(?![\d\-])")  # 1500001, only right after 郵便番号 / 〒


_OWN_LINE = re.compile(r"[ \t]*(?:\n|$)")
# 453-0015　名古屋市中村区…: a city with its ward or 郡 right after the code, no prefecture written
_CITY_AHEAD = re.compile(r"[ \t]+[\u4e00-\u9fff]{1,4}[市郡][\u4e00-\u9fff]{1,3}[区町村]")


def _postal(view: str) -> Iterator[PiiMatch]:
    found = list(_postal_candidates(view))
    yield from found
    # ９８０－００００って書いたらエラー…半角で9800000にしたら通った: the same code written again without its label
    codes = {m.text.replace("-", "").lstrip("〒 ") for m in found if m.score >= 0.8}
    starts = {m.start for m in found} | {m.end - 7 for m in found}
    for m in _POSTAL_PLAIN.finditer(view):
        if m.group() in codes and m.start() not in starts:
            yield PiiMatch("postal_code", m.start(), m.end(), 0.8, m.group())


def _postal_candidates(view: str) -> Iterator[PiiMatch]:
    for m in _POSTAL_PLAIN.finditer(view):
        labelled = _context(view, m.start(), m.end(), _POSTAL_WORDS, before=30, after=0) or _context(
            view, m.start(), m.end(), ("郵便番号",), before=0, after=12
        )  # 8691234って実家の郵便番号
        place_ahead = _PREFECTURE_AHEAD.match(view, m.end()) or _CITY_AHEAD.match(view, m.end())
        if m.group() != "0000000" and (labelled or place_ahead):
            yield PiiMatch("postal_code", m.start(), m.end(), 0.85, m.group())
        elif m.group() != "0000000" and _OWN_LINE.match(view, m.end()) and view[m.start() - 1 : m.start()] == "\n":
            yield PiiMatch("postal_code", m.start(), m.end(), 0.35, m.group())  # raised in a list of them
    for m in _POSTAL_SPACED.finditer(view):  # 郵便番号: 150 0041
        yield PiiMatch("postal_code", m.start("p"), m.end("p"), 0.85, m.group("p"))
    for m in _POSTAL.finditer(view):
        start, end = m.start(2), m.end(2)
        if m.group(2) in ("000-0000", "123-4567") or _context(
            view, start, end, ("例", "e.g.", "形式"), before=6, after=8
        ):
            continue  # the placeholder of a format description (例：123-4567)
        if m.group(1) or _context(view, start, end, _POSTAL_WORDS, before=60):
            yield PiiMatch("postal_code", m.start(), end, 0.95, m.group())
        elif _PREFECTURE_AHEAD.match(view, end) or _CITY_AHEAD.match(view, end):
            yield PiiMatch("postal_code", start, end, 0.8, m.group(2))


PREFECTURES = (
    "北海道",
    "青森県",
    "岩手県",
    "宮城県",
    "秋田県",
    "山形県",
    "福島県",
    "茨城県",
    "栃木県",
    "群馬県",
    "埼玉県",
    "千葉県",
    "東京都",
    "神奈川県",
    "新潟県",
    "富山県",
    "石川県",
    "福井県",
    "山梨県",
    "長野県",
    "岐阜県",
    "静岡県",
    "愛知県",
    "三重県",
    "滋賀県",
    "京都府",
    "大阪府",
    "兵庫県",
    "奈良県",
    "和歌山県",
    "鳥取県",
    "島根県",
    "岡山県",
    "広島県",
    "山口県",
    "徳島県",
    "香川県",
    "愛媛県",
    "高知県",
    "福岡県",
    "佐賀県",
    "長崎県",
    "熊本県",
    "大分県",
    "宮崎県",
    "鹿児島県",
    "沖縄県",
    "架空県",  # the corpus's own obviously-fake prefecture
)
_PREF = trie_regex(PREFECTURES).pattern  # a trie, not a 48-way alternation tried at every position
_PREFECTURE_AHEAD = re.compile(rf"[\s,|│'\"]*(?:{_PREF})")
_CITY = re.compile(
    rf"(?:{_PREF})"
    r"[^\s、。,.「」()（）]{1,10}?[市区町村郡]"
    r"(?:[^\s、。,.「」()（）\d]{1,12}?[市区町村])?"
)
# After the city: the town name and the block number (丁目・番地・号, 1-2-3, 北1条西2丁目), then a building/room.
_TAIL = re.compile(
    r"[^\s、。,.「」()（）\d]{0,16}?(?:(?<=[上下入][ルる])[ \u3000][^\s、。,.「」()（）\d]{1,10}?)?"  # 上る サンプル町
    r"(?:\n(?=\d))?"  # 架空町⏎3-5-1: the block number may start the next line
    r"(?:\d+(?:丁目|丁|-)(?:\n[ \t]{0,12}|\s)?\d+(?:(?:番地?|-)\s?\d+(?:号)?)?(?:番地?)?"
    r"(?:(?![ 　]?(?:TEL|Tel|tel|FAX|Fax|fax|電話|携帯|☎|℡))"  # 1-7-3　TEL 03-…: the phone, not a room
    r"[ 　]?[^\s、。,.「」()（）\d:：]{1,20}?[ 　]?\d{1,4}(?:号室|号|室|階|[FＦ]|(?![\d\-])))?"
    r"|\d+番地?(?:\d+号?)?"
    r"|(?<=[町村通り])\d{1,4}(?![\d\-丁])"  # 京都 style: 四条下る見本町123, 見本町北通り22
    r"|(?<=[イロハニホヘトチリヌルヲワカヨタレソツネナラム])-\d{1,4}(?:-\d{1,4})?(?![\d\-])"  # 金沢: 架空町ホ-21
    r"|\d+条[^\s\d、。]{0,6}\d+(?:-\d+){1,2}"  # 札幌 style without 丁目: 北7条西見本4-1-2
    r"|\d+地割\d+番地?(?:\d+)?"  # 岩手: 大字見本第12地割45番地
    r"|(?:(?<=字[\u4e00-\u9fff])|(?<=字[\u4e00-\u9fff]{2})|(?<=字[\u4e00-\u9fff]{3}))\d{1,5}(?:番地?)?(?:-\d{1,4})?(?![\d\-])"
    r"|\d+条[^\s\d、。]{0,3}(?:[ 　]?[^\s\d、。]{1,6})?[ 　]?\d+丁目(?:\d+(?:-\d+)?)?)"  # 北3条西 架空 7丁目 1- 5
)


# Without the prefecture: a city (金沢市, 札幌市中央区) or, in a roster, a town (見本町) followed by a block number.
_CITY_ONLY = re.compile(
    # an invented prefecture may come first (見本県架空市本町5-2-9)
    r"(?<![\u4e00-\u9fff々ヶ])(?:[\u4e00-\u9fff]{1,3}県)?"
    r"(?:[\u4e00-\u9fff々ヶ]{1,4}|(?<![\u3041-\u3096])(?:さいたま|つくば|いわき|ひたちなか|みどり))市"
    r"(?:[\u4e00-\u9fff々]{1,3}区)?"
    r"|(?<![\u4e00-\u9fff々ヶ])[\u4e00-\u9fff々]{1,3}区(?![分域間画別切内外長])"  # 台東区架空4-2-9 (not 異動区分)
)
_TOWN_ONLY = re.compile(
    r"(?<![\u4e00-\u9fff々ヶ])[\u4e00-\u9fff々ヶ]{1,5}[町村](?:\d{1,2}丁目)?\d{1,4}-\d{1,4}(?:-\d{1,4})?(?![\d\-])"
)
# English order: Room 502, 3-14-9 Mihon, Meguro-ku, Tokyo (up to the prefecture or city; the postal code apart).
_ROMAJI_PART = r"[A-Z][A-Za-zāīūēōĀĪŪĒŌ]+(?:[\- ][A-Za-zāīūēō]+)*"  # Kakuchō
_ROMAJI_ADDRESS = re.compile(
    rf"(?:(?:Room|Apt\.?|Unit|#)\s?\d+,\s?|\d+F,?\s(?:{_ROMAJI_PART},\s?)?)?"
    rf"\d{{1,4}}(?:-\d{{1,4}}){{1,3}},?\s{_ROMAJI_PART}(?:,\s?{_ROMAJI_PART}){{1,4}}"
)
# 44 Example Street, Springfield, IL / 12 Rue de l'Exemple, 75011 Paris, France: a street address abroad
_WESTERN_ADDRESS = re.compile(
    r"(?<![\w\-])\d{1,5}[A-Za-z]?,? (?:(?:Rue|Rua|Avenida|Calle|Via|Avenue) [^\n,]{2,30}"
    r"|(?:[A-Z][\w'’.\-]* ){1,4}(?:Street|St\.|Avenue|Ave\.?|Road|Rd\.?|Boulevard|Blvd\.?|Lane|Ln\.?|Drive|Dr\.?|Way"
    r"|Court|Ct\.?|Place|Pl\.?))(?:, ?(?:\d{4,5} )?[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)?){1,3}"
)
# Japanese order in romaji: Osaka-fu Osaka-shi Chuo-ku Mihoncho 2-4-8 (prefecture or city first, no commas)
_ROMAJI_ADDRESS_JP_ORDER = re.compile(
    r"(?<![\w\-])(?:[A-Z][a-z]+-(?:to|fu|ken|do) )?[A-Z][a-z]+-(?:shi|ku|gun)"
    r"(?: [A-Z][a-z]+-(?:ku|shi|cho|machi|mura))*"
    r" (?:[A-Z][A-Za-z]+ ){0,2}(?:\d{1,4}-chome,? )?\d{1,4}(?:-\d{1,4}){1,2}(?![\d\-])"
)
# ﾄｳｷｮｳﾄ ﾈﾘﾏｸ ﾐﾎﾝﾁｮｳ 4-3-9: an address in half-width katakana (a card terminal's or a bank's form)
_HALF_WIDTH_ADDRESS = re.compile(
    r"(?:[\uff66-\uff9f]{2,6}(?:ﾄ|ﾌ|ｹﾝ|ﾄﾞｳ) )?[\uff66-\uff9f]{2,8}(?:ｼ|ｸ) "
    r"(?:[\uff66-\uff9f]{2,12} ?)?\d{1,4}(?:-\d{1,4}){1,2}"
)
_ROMAJI_PLACE = re.compile(r"-(?:ku|shi|cho|machi|gun|mura|son)\b|\b(?:" + "|".join(ROMAJI_PREFECTURES) + r")\b")


_KYOTO_STREET = re.compile(r"[上下][ルる]|[東西]?入[ルる]|通")


def _address(view: str) -> Iterator[PiiMatch]:
    covered: list[tuple[int, int]] = []
    for m in _CITY.finditer(view):
        tail = _TAIL.match(view, m.end())
        if tail:
            covered.append((m.start(), tail.end()))
            yield PiiMatch("address", m.start(), tail.end(), 0.9, view[m.start() : tail.end()])
        else:
            yield PiiMatch("address", m.start(), m.end(), 0.3, m.group())  # city level: rarely identifying
    for m in _CITY_ONLY.finditer(view):
        tail = _TAIL.match(view, m.end())
        block_and_lot = tail is not None and len(re.findall(r"\d+", tail.group())) >= 2  # not 架空町3丁目交差点
        kyoto = tail is not None and _KYOTO_STREET.search(tail.group()) is not None  # 架空通四条下ル見本町258
        if tail and (block_and_lot or kyoto) and not any(a <= m.start() < b for a, b in covered):
            yield PiiMatch("address", m.start(), tail.end(), 0.85, view[m.start() : tail.end()])
    for m in _TOWN_ONLY.finditer(view):
        if not any(a <= m.start() < b for a, b in covered):
            yield PiiMatch("address", m.start(), m.end(), 0.7, m.group())
    for m in _WESTERN_ADDRESS.finditer(view):
        yield PiiMatch("address", m.start(), m.end(), 0.8, m.group())
    for m in _HALF_WIDTH_ADDRESS.finditer(view):
        yield PiiMatch("address", m.start(), m.end(), 0.8, m.group())
    for m in _ROMAJI_ADDRESS_JP_ORDER.finditer(view):
        yield PiiMatch("address", m.start(), m.end(), 0.85, m.group())
    for m in _ROMAJI_ADDRESS.finditer(view):
        if _ROMAJI_PLACE.search(m.group()):
            yield PiiMatch("address", m.start(), m.end(), 0.85, m.group())


_BANK = re.compile(
    r"(?:(?:(?:[\uff66-\uff9f]{1,10} ?|[^\s、。:：「」()（）]{1,12}?)"  # ﾐﾎﾝ ｷﾞﾝｺｳ: half-width words apart
    r"(?:銀行|信用金庫|信金|信用組合|労働金庫|農協|協同組合|ゆうちょ|ギンコウ|ｷﾞﾝｺｳ|営業部)"
    # ゆうちょ as other banks see it (〇一八店 普通 7721438), or a branch number (店番号123 普通 …)
    r"|[〇一二三四五六七八九0-9]{3}(?:[（(][^)）\n]{1,10}[)）])?店"
    r"|店(?:番号?|名)[ \t\u3000:：]*[〇一二三四五六七八九0-9]{3})"
    r"(?:[^\d\n()（）]|(?<![:：\s])\n(?=[^\n]{1,12}\n)|[(（][^)）\n]{0,10}[)）]){0,30}?)?"  # lines of an app
    r"(?:普通|当座|貯蓄|総合|定期|フツウ|ﾌﾂｳ|トウザ|[(（][普当][)）])(?:預金)?(?:で|の|、|／|/|[ \t\u3000])*"
    r"(?:口座)?(?:番号が)?(?:番号)?(?:No\.?|№)?"  # 普通預金 No.1823305
    r"[ \t\u3000:：]*(?P<n>\d{7})(?!\d)"
    r"|(?:口座番号|口座|Account (?:[Nn]o\.?|[Nn]umber)|Account(?=[ \t]*:)|A/C No\.?)(?:[（(][^)）\n]{1,4}[)）])?"
    r"[\s:：は「［\[]*(?:(?:Ordinary|Savings|Current|Futsu|Toza)[ \t]+)?"  # Account: Ordinary 5530127
    r"(?P<m>\d{7,8}|\d{4} \d{3,4})(?![\d\-])"
    r"|[^\s、。:：「」()（）]{0,8}(?:ゆうちょ|郵便貯金|貯金)[^\d\n]{0,12}?記号[\s:：]*\d{5}[\s、,]*番号[\s:：]*\d{6,8}(?!\d)"
    r"|(?:口座記号番号|記号番号|振替口座|ゆうちょ銀行|ゆうちょの|ゆうちょ[:：]|口座番号)[\s:：]*"
    r"(?P<y>\d{5}-\d{1,2}-\d{1,7}|\d{5}-\d{6,8})(?![\d\-])"
)
_YUCHO = re.compile(r"記号[\s:：]*1\d{4}[\s、,]*番号[\s:：]*\d{7,8}(?!\d)")
_YUCHO_WORDS = ("ゆうちょ", "口座", "振込", "振り込", "名義", "返金", "送金", "入金")
_ZENGIN_ROW = re.compile(r"(?<![\d\-])[124][ ,](?P<n>\d{7})[ ,]+[\uff66-\uff9f]{2,}")  # …,1,4077192,ﾔﾏﾓﾄ ｹｲｺ
_YUCHO_DASHED = re.compile(r"(?<![\d\-])1\d{4}-\d{8}(?![\d\-])")  # ゆうちょの 12180-33904721 (記号-番号)
_ACCOUNT_NUMBER = re.compile(r"(?<![\d\-])(?:\d{7,8}|\d{5}-\d{6,8})(?![\d\-])")
_BANK_EN = re.compile(
    r"(?:[A-Z][A-Za-z]*[ ]+){0,3}(?:Bank|BANK)\b[^\n]{0,60}?(?:\b(?:futsu|futsuu|ordinary|savings|toza|touza|current)\b"
    r"|普通|当座)"
    r"[^\d\n]{0,12}\d{7}(?!\d)",
    re.IGNORECASE,
)


# Words that end a lead-in before the bank name ("振込先は架空銀行…"): the span starts after the last of them.
_BANK_LEAD = re.compile(r".*(?:は|が|を|に|へ|の|で|も|先|:|：)")


_BANK_HINTS = (
    "普",
    "当座",
    "口座",
    "貯蓄",
    "総合",
    "定期",
    "フツウ",
    "ﾌﾂｳ",
    "トウザ",
    "記号",
    "ccount",
    "A/C",
    "Bank",
    "BANK",
    "ゆうちょ",
    "ｷﾞﾝｺｳ",
    "ｿｳｷﾝ",
    "acct",
)

_OCR_ACCOUNT = re.compile(r"(?<![\w\-])\d(?:\d|O(?=\d)){5}\d(?![\w\-])")  # 12345O6: a letter O for a zero
# 口座番号ってこの通帳の…、1029476って書いてある / 正しいのは3305917 / 振込、1130485（うちの普通口座）: a 7-digit
# number that the sentence around it calls an account, though no label sits right before it.
_ACCOUNT_MENTION = re.compile(r"口座番号|口座|通帳")
_ACCOUNT_AFTER = re.compile(r"[（(]?[^。\n\d]{0,6}(?:普通|当座)?口座")
_OTHER_NUMBER_LABEL = re.compile(
    r"(?:電話|TEL|Tel|tel|FAX|注文|会員|受付|伝票|追跡|問い?合わ?せ|お客様|顧客|社員|管理|契約|証券|免許|保険|年金|"
    r"個人|法人|郵便|〒|内線|カード|請求|整理|学籍|予約|取引)(?:番号|No|ID|コード)?"
)
_MONEY_AFTER = re.compile(r"\s?(?:円|万|千|件|人|名|個|本|回|分|秒|時間|日|年|ヶ月|か月|%|％|yen|JPY)")


def _account_in_sentence(view: str, start: int, end: int) -> bool:
    """The 7 digits follow a mention of the account (口座番号, 通帳) within the last 60 characters with no other
    kind of number named in between, or are called an account right after; not an amount or a count."""
    if _MONEY_AFTER.match(view, end) or view[max(0, start - 1) : start] in ("¥", "￥", "$", "#"):
        return False
    if _example_before(view, start) or "例" in view[max(0, start - 30) : start]:
        return False  # （ご記入例）見本銀行 ○○支店 普通 1234567
    if _ACCOUNT_AFTER.match(view, end):
        return True
    window = view[max(0, start - 60) : start]
    last_mention = max((m.end() for m in _ACCOUNT_MENTION.finditer(window)), default=-1)
    return last_mention >= 0 and not _OTHER_NUMBER_LABEL.search(window, last_mention)


def _bank(view: str) -> Iterator[PiiMatch]:
    if not any(h in view for h in _BANK_HINTS):
        return  # the patterns below are costly to try at every position of a text that cannot match them
    for m in _ACCOUNT_NUMBER.finditer(view):  # a column or key labelled as the account number
        label = field_label(view, m.start()).lower()
        if "口座" in label or "account" in label or label.strip() in ("acct", "acct_no", "account_no"):
            yield PiiMatch("bank_account", m.start(), m.end(), 0.85, m.group())
    for m in _YUCHO.finditer(view):  # ゆうちょ 記号 1xxxx 番号 xxxxxxx1, the bank named on another line
        if _context(view, m.start(), m.end(), _YUCHO_WORDS, before=60, after=30):
            yield PiiMatch("bank_account", m.start(), m.end(), 0.9, m.group())
    for m in _ACCOUNT_NUMBER.finditer(view):
        if len(m.group()) == 7 and _account_in_sentence(view, m.start(), m.end()):
            yield PiiMatch("bank_account", m.start(), m.end(), 0.8, m.group())
    for m in _OCR_ACCOUNT.finditer(view):  # 口座番号欄が「12345O6」: a letter O read for a zero
        if "O" in m.group() and _account_in_sentence(view, m.start(), m.end()):
            yield PiiMatch("bank_account", m.start(), m.end(), 0.8, m.group())
    for m in _ZENGIN_ROW.finditer(view):  # a 全銀 transfer file: 種目 1/2, the account, the holder in kana
        yield PiiMatch("bank_account", m.start("n"), m.end("n"), 0.8, m.group("n"))
    for m in _YUCHO_DASHED.finditer(view):
        if _context(view, m.start(), m.end(), ("ゆうちょ", "貯金"), before=60, after=20):
            yield PiiMatch("bank_account", m.start(), m.end(), 0.85, m.group())
    for m in _BANK_EN.finditer(view):
        yield PiiMatch("bank_account", m.start(), m.end(), 0.85, m.group())
    for m in _BANK.finditer(view):
        if _example_before(view, m.start()):
            continue  # （ご記入例）見本銀行 ○○支店 普通 1234567: how to fill in the form
        label_only = m.group("m") or m.group("y")
        if label_only:  # 口座番号：8120034 (bank and branch in other fields): the number is the account
            group = "m" if m.group("m") else "y"
            yield PiiMatch("bank_account", m.start(group), m.end(group), 0.9, m.group(group))
            continue
        start = m.start()
        bank_name_end = max(
            view.rfind(w, start, m.end())
            for w in ("銀行", "金庫", "信金", "組合", "農協", "ゆうちょ", "ギンコウ", "ｷﾞﾝｺｳ", "営業部")
        )
        if bank_name_end < start:
            bank_name_end = view.rfind("店", start, m.end())  # 〇一八店 普通 …: ゆうちょ as other banks see it
        between = view[max(bank_name_end, start) : m.start("n")] if m.group("n") else ""
        fields = re.search(r"[:：\t,|│]|支店名|預金種|種目", between)  # 支店名 栄町　預金種別 普通　口座番号 …
        if m.group("n") and (bank_name_end < start or fields):  # 種別：普通　口座番号：0618427, table cells
            yield PiiMatch("bank_account", m.start("n"), m.end("n"), 0.9, m.group("n"))
            continue
        if bank_name_end > start:
            lead = _BANK_LEAD.match(view, start, bank_name_end)
            if lead and lead.end() < bank_name_end:
                start = lead.end()
        yield PiiMatch("bank_account", start, m.end(), 0.9, view[start : m.end()])


_PASSPORT = re.compile(r"(?<![A-Za-z0-9])[A-Za-z] ?[A-Za-z] ?\d{7}(?![A-Za-z0-9])")  # lower case only under a label
_PASSPORT_IN_ROSTER = re.compile(  # 見本 太郎　TK1234567, KATO YUSUKE / TR6622918, SUZUKI MASAO — MZ5501183
    r"(?m)(?:[\u4e00-\u9fff々]{1,4}[ \u3000][\u4e00-\u9fff々]{1,3}|\b[A-Z]{2,}[ /][A-Z]{2,}|\b[A-Z][a-z]+ [A-Z][a-z]+"
    r"|^[\u4e00-\u9fff々]{2,4}(?= / )|\b[A-Z]{2,} [A-Z][a-z]+)"  # 服部 / TK7001234 / 免許 …, WATANABE Yuto　MS…
    r"[ \t\u3000]*(?:[/|—–,:：-][ \t\u3000]*)?(?P<p>[A-Z]{2}\d{7})(?![A-Za-z0-9])"
)
_PASSPORT_WORDS = (
    *("旅券", "パスポ", "passport", "mrz", "(pp", " pp:", "\npp:", "pp no", "pp#", "ppt", '"type":"p"'),
    *("passenger", "pax", "apis", "搭乗者", "渡航"),
)
_EXAMPLE_WORDS = (
    "例：",
    "例:",
    "例「",
    "例の",
    "例）",
    "例として",
    "記入例",
    "入力例",
    "（例",
    "(例",
    "e.g.",
    "例えば",
)


def _example_before(view: str, start: int) -> bool:
    """The value follows 記入例, 例えば, e.g. on its own line: a form's example, not anyone's number."""
    line = view[max(0, start - 15) : start]
    return any(w in line[line.rfind("\n") + 1 :].lower() for w in _EXAMPLE_WORDS)


_NEGATED_AFTER = re.compile(
    r"\s?[^。\n]{0,16}(?:ではなく|じゃなく|ではありません|じゃない)"
)  # この番号は旅券番号ではなく
_PASSPORT_MACHINE = re.compile(
    r"(?m)^(?P<mrz>[A-Z]{2}\d{7})<?\d[A-Z]{3}\d{7}[MF<]|\bP/[A-Z]{3}/(?P<docs>[A-Z]{2}\d{7})/"
)
# 1. HIRATA KOICHI / M / 1955-03-18 / TK1190352: a roster line that names the traveller first
_PASSPORT_ROW_END = re.compile(
    r"(?m)^[^\n]{0,8}\b[A-Z]{2,} [A-Z]{2,}\b[^\n]{0,40}?[/|,\t][ \t]*(?P<p>[A-Z]{2}\d{7})[ \t]*$"
)
_PENSION_WORDS = ("年金", "ねんきん", "ネンキン", "ﾈﾝｷﾝ", "手帳", "pension", "nenkin")
_EXAMPLE_AFTER = ("記入例", "例）", "(例", "（例", "← 例", "←例")
_PENSION = re.compile(r"(?<![\d\-])\d{4}[- ]{0,2}\d{6}(?:(?=-\d{4}(?![\d\-]))|(?![\d\-]))")  # …-1150: 年金コード
_INSURANCE = re.compile(
    r"(?<!整理)記 ?号(?:・?番号)?[)）]?[はが]?[ \t\u3000:：「]*"
    # 記号 見本い 10472 / 記号 710 2 0 番号 18 3 (OCR spacing) / 記号 見本 21⏎番号 008814
    r"(?!番号)(?P<sym>(?:[\u4e00-\u9fff][\u4e00-\u9fff\u3041-\u3096]{0,3}[ \u3000]?)?"
    r"[0-9A-Za-z\-]{1,10}[\u3041-\u3096]?(?: \d{1,3}(?!\d))*"
    r"|[\u4e00-\u9fff][\u4e00-\u9fff\u3041-\u3096]{0,3}|[\u30a1-\u30fa]{1,6})"
    r"[ \t\u3000、,・/\-」]*\n?[ \t\u3000]*(?:で|、)?(?:番 ?号[はが]?[ \t\u3000:：「]*)?"
    r"(?P<num>\d{1,10}(?: \d{1,3}(?!\d))*)(?!\d)"
)
_INSURANCE_WORDS = (
    "保険証",
    "被保険者",
    "健康保険",
    "保険者",
    "国保",
    "保険",
    "資格確認",
    "組合員証",
    "共済",
    "健保",
    "insur",
    "kigo",
    "kenpo",
    "被扶養者",
    "組合",
)
_INSURANCE_EN = re.compile(r"Symbol[\s:]*(?P<sym>[0-9A-Za-z\-]{1,10})[\s,]*No\.?[\s:]*\d{1,10}(?!\d)")
# 保険者番号 06130012 (8 digits; 6 for 国民健康保険), also as a column or key label (insurer_no).
_INSURER = re.compile(r"(?:保険者番号|insurer)[^\d\n]{0,24}?(?P<n>\d{4} ?\d{4}|\d{6})(?!\d)", re.IGNORECASE)
_SYMBOL_NUMBER = re.compile(r"(?<![\d\-])\d{1,8}[-・/]\d{1,8}(?![\d\-/])")
_CELL_VALUE = re.compile(r"(?<=[,\t|│])(?:[\u4e00-\u9fff]{0,3}\d{1,8}|[\u4e00-\u9fff]{1,3})(?=[,\t|│\n]|$)")
_INSURER_NUMBER = re.compile(r"(?<![\d\-])(?:\d{8}|\d{6})(?![\d\-])")


def _documents(view: str) -> Iterator[PiiMatch]:
    for m in _PASSPORT_MACHINE.finditer(view):  # MRZ line 2 (TZ60384157JPN…), airline SSR DOCS (P/JPN/TK…/)
        group = "mrz" if m.group("mrz") else "docs"
        yield PiiMatch("passport", m.start(group), m.end(group), 0.95, m.group(group))
    roster = [*_PASSPORT_IN_ROSTER.finditer(view), *_PASSPORT_ROW_END.finditer(view)]
    if len(roster) >= 2:  # 1. 宮崎 里奈　TR7402519⏎2. 宮崎 蒼　TR7402520: a travellers' list without a label
        for m in roster:
            yield PiiMatch("passport", m.start("p"), m.end("p"), 0.8, m.group("p"))
    for m in _PASSPORT.finditer(view):  # MZ5120348 ←これ俺のパスポート番号: the label may follow
        if _example_before(view, m.start()) or m.group()[:2] in ("XX", "xx") or m.group() == "AB1234567":
            continue  # 例えば「AB1234567」, XX0000000: the format, not anyone's passport
        context = _context(view, m.start(), m.end(), _PASSPORT_WORDS, before=80, after=24)
        if (
            context
            and _NEGATED_AFTER.match(view, m.end())
            and not _context(view, m.start(), m.end(), _PASSPORT_WORDS, before=80)
        ):
            context = False  # TK2209315 この番号は旅券番号ではなく…
        if m.group().replace(" ", "")[:2].isupper() and (" " not in m.group()[:2] or context):
            yield PiiMatch("passport", m.start(), m.end(), 0.9 if context else 0.4, m.group())
        elif context:
            yield PiiMatch("passport", m.start(), m.end(), 0.85, m.group())  # tz0318827 typed into a form
    for m in _PENSION.finditer(view):
        if _example_before(view, m.start()):
            continue  # 記入例「1234-567890」: the example of a form, not anyone's number
        if _context(view, m.start(), m.end(), _EXAMPLE_AFTER, before=0, after=10):
            continue  # 基礎年金番号 1234-567890 ← 記入例
        quoted = view[m.start() - 1 : m.start()] in "「『\"'" and view[m.end() : m.end() + 1] in "」』\"'"
        shape_after = quoted and view[m.end() + 1 : m.end() + 8].startswith(("みたいな", "のような"))
        if shape_after or re.search(r"(?:like|format|形式|例えば)\W{0,3}$", view[max(0, m.start() - 10) : m.start()]):
            continue  # 「1234-567890」みたいな10桁, the format is like 1234-567890: the shape, no one's number
        separated = not m.group().isdigit()  # 5013 662741: the 4-6 shape of the number as printed
        if _context(view, m.start(), m.end(), _PENSION_WORDS, before=200 if separated else 80, after=20):
            yield PiiMatch("pension_number", m.start(), m.end(), 0.9, m.group())
        elif "-" in m.group():
            yield PiiMatch("pension_number", m.start(), m.end(), 0.35, m.group())  # raised in a list of them
    for m in _INSURANCE.finditer(view):
        if _example_before(view, m.start()):
            continue  # （例：記号 1234 番号 56）
        both_labels = "番" in m.group()  # 記号 5120 番号 518 names itself; 記号 5120 alone needs 保険 nearby
        short_number = both_labels and len(re.sub(r"\D", "", m.group("num"))) <= 4  # not ゆうちょ's 8 digits
        short_number = short_number and any(c.isdigit() for c in m.group("sym"))  # not 記号 Fe 番号 26 (iron)
        if short_number or _context(
            view, m.start(), m.end(), _INSURANCE_WORDS, before=300 if both_labels else 60, after=30
        ):
            yield PiiMatch("health_insurance", m.start(), m.end(), 0.85, m.group())
    for m in _INSURANCE_EN.finditer(view):
        if _context(view, m.start(), m.end(), _INSURANCE_WORDS, before=60, after=30):
            yield PiiMatch("health_insurance", m.start(), m.end(), 0.85, m.group())
    for m in _INSURER.finditer(view):
        yield PiiMatch("health_insurance", m.start("n"), m.end("n"), 0.85, m.group("n"))
    for m in _SYMBOL_NUMBER.finditer(view):  # 210-45 under a column headed 保険証（記号-番号）
        if any(w in field_label(view, m.start()).lower() for w in ("記号", "kigo")) or _context(
            view, m.start(), m.end(), ("記号・番号", "記号番号"), before=12, after=0
        ):
            yield PiiMatch("health_insurance", m.start(), m.end(), 0.85, m.group())
    for m in _INSURER_NUMBER.finditer(view):  # a column or key labelled as the insurer's number
        label = field_label(view, m.start()).lower()
        if "保険者番号" in label or "insurer" in label or "hokensha" in label:
            yield PiiMatch("health_insurance", m.start(), m.end(), 0.85, m.group())
        elif len(m.group()) == 6 and _context(view, m.start(), m.end(), ("国保", "国民健康保険"), before=20, after=12):
            yield PiiMatch("health_insurance", m.start(), m.end(), 0.8, m.group())  # 138123って国保の番号
    if "保険者番号" in view:  # a table with 記号 and 番号 in columns of their own, beside the insurer's number
        for m in _CELL_VALUE.finditer(view):
            if field_label(view, m.start()).strip() in ("記号", "番号"):
                yield PiiMatch("health_insurance", m.start(), m.end(), 0.8, m.group())


# Not followed by a fifth short group (1.2.3.4.5 is a version); a sentence's full stop or a tcpdump port
# (192.168.1.45.52344) may follow.
_IPV4 = re.compile(r"(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?!\d)(?!\.\d{1,3}(?!\d))")
# Any run of hex groups and colons with at least two colons; ipaddress decides (covers every "::" position).
# A label colon right before (ログ：2001:db8::1, full-width in the text) is dropped before ipaddress decides.
_IPV6 = re.compile(r"(?<![0-9A-Fa-f:])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,8}(?![0-9A-Za-z:])")


def _is_network(candidate: str, length: int) -> bool:
    """The address is the network address of its prefix (host bits all zero) and the prefix is not a host's."""
    try:
        network = ipaddress.ip_network(f"{candidate}/{length}", strict=True)
    except ValueError:
        return False
    return network.num_addresses > 1


def _is_netmask(candidate: str) -> bool:
    if candidate.count(".") != 3 or not candidate.startswith("255."):
        return False
    try:
        bits = int(ipaddress.IPv4Address(candidate))
    except ValueError:
        return False
    ones = bin(bits)[2:].rstrip("0")
    return "0" not in ones


# Well-known public resolvers: an address everyone uses is not anyone's personal data.
_PUBLIC_IPS = frozenset(("8.8.8.8", "8.8.4.4", "1.1.1.1", "1.0.0.1", "9.9.9.9", "208.67.222.222", "208.67.220.220"))
_NOT_IP = ("ファームウェア", "firmware", "バージョン", "version", "ビルド", "build", "リリース")


# "v1.2.3.4", "version 10.0.0.1", "バージョン 1.2.3.4" are versions; "IPv6アドレスは…" is not.
_VERSION_BEFORE = re.compile(
    r"(?:バージョン|(?<![a-z])(?:version|ver\.?|v))\s*[:：]?\s*$", re.IGNORECASE
)  # not Server:


# 1.10.2.3 → 1.11.0.1: one dotted version upgraded to another (a port forwarded → 192.168.1.25 is an address)
_UPGRADE_BEFORE = re.compile(r"\d\.\d+[ \t]?[→⇒][ \t]?$")
_UPDATE_WORDS = re.compile(
    r"更新|アップデート|アップグレード|update|upgrade|バージョン|version|ライブラリ|library", re.I
)


def _line_of(view: str, start: int, reach: int = 200) -> str:
    """The line around `start`, cut at `reach` characters either side so that a 1 MB line stays linear."""
    newline = view.rfind("\n", max(0, start - reach), start)
    begin = newline + 1 if newline >= 0 else max(0, start - reach)
    end = view.find("\n", start, start + reach)
    return view[begin : end if end >= 0 else start + reach]


_UPGRADE_AFTER = re.compile(r"[ \t]?[→⇒][ \t]?\d+\.\d")


def _ip(view: str) -> Iterator[PiiMatch]:
    for pattern in (_IPV4, _IPV6):
        for m in pattern.finditer(view):
            start, candidate = m.start(), m.group()
            if candidate.startswith(":") and not candidate.startswith("::"):
                start, candidate = start + 1, candidate[1:]
            end = m.end()
            if candidate.endswith(":") and not candidate.endswith("::"):
                end, candidate = end - 1, candidate[:-1]  # ・2001:db8::5f：注文 9件 (a colon after, full-width)
            try:
                address = ipaddress.ip_address(candidate)
            except ValueError:
                continue
            if candidate.endswith("::"):
                continue  # fe80:: から始まるアドレス, 2001:db8::: a prefix, no host
            if candidate in _PUBLIC_IPS or address.is_loopback or address.is_unspecified or _is_netmask(candidate):
                continue  # public resolvers, localhost, 0.0.0.0 and netmasks are nobody's address
            line_start = start == 0 or view[start - 1] == "\n"
            if line_start and all(len(part) == 1 for part in candidate.split(".")) and "." in candidate:
                continue  # 3.1.2.1　拠点ごとの…: a section number
            upgrade = (
                _UPGRADE_BEFORE.search(view[max(0, start - 20) : start]) or _UPGRADE_AFTER.match(view, end)
            ) and _UPDATE_WORDS.search(_line_of(view, start))  # not 192.168.100.12 → 198.51.100.200 in a capture
            if upgrade or _context(
                view, start, end, ("ライブラリ", "library", "パッケージ", "package"), before=20, after=0
            ):
                continue  # libfoo を 1.10.2.3 → 1.11.0.1 に更新: versions
            if _VERSION_BEFORE.search(view[max(0, start - 12) : start]) or re.search(
                r"[A-Za-z]/$", view[max(0, start - 2) : start]
            ):
                continue  # v1.2.3.4, Chrome/126.0.0.0
            prefix = re.match(r"/(\d{1,3})(?!\d)", view[end : end + 4])
            if prefix and _is_network(candidate, int(prefix.group(1))):
                continue  # 10.0.0.0/8, 2001:db8::/32: a range in a lesson, not a host
            if _context(view, start, end, _NOT_IP, before=15, after=0):
                continue
            if re.search(r"(?:brd|broadcast|ブロードキャスト)[ \t:：]*$", view[max(0, start - 14) : start], re.I):
                continue  # inet 172.17.0.2/16 brd 172.17.255.255: the network's broadcast address, no host
            context = _context(view, start, end, ("ip", "アドレス", "接続元", "アクセス元", "サーバ", "ログ"))
            score = 0.95 if context else (0.5 if address.is_private or address.is_loopback else 0.75)
            yield PiiMatch("ip_address", start, end, score, candidate)


_MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?"
    r"|Nov(?:ember)?|Dec(?:ember)?)"
)
_DATE = re.compile(
    # 昭和62年2月20日, 平成2年の1月2日, 1990年（平成2年）4月8日, 1996（平成8）年10月7日, 昭60.3.22, H8.3.27, 1990/01/02
    r"(?:(?:明治|大正|昭和|平成|令和|[明大昭平令MTSHR])(?:元|\d{1,2})年(?:[（(](?:19|20)\d{2}年?[）)])?"
    r"|(?:[MTSHR]\.?|[明大昭平令]|明治|大正|昭和|平成|令和)\d{1,2}[./]|'\d{2}/"  # 大正15.1.7
    r"|(?:19|20)\d{2}(?:年?[（(](?:明治|大正|昭和|平成|令和)(?:元|\d{1,2})年?[）)]年?|[年./\-]))"
    r"\s?(?:の?、?\s?)?\d{1,2}(?:月(?:の?、?\s?)?|[./\-])\s?\d{1,2}日?"  # 1983年の10月の1日, 平成元年の、4月、20日
    # 14 Feb 1991, 14MAR1988, 生年月日05 MAY 1999, April 3, 2003, 03/22/1989, date(1993, 7, 1), 19720815 (the
    # last three need a label)
    rf"|(?<![A-Za-z0-9])\d{{1,2}}[ \-]?{_MONTHS}[ \-]?(?:19|20)\d{{2}}(?!\d)"
    rf"|(?<![\w]){_MONTHS}\.? \d{{1,2}}, (?:19|20)\d{{2}}(?!\d)",
    re.IGNORECASE,
)
_MONTHS3 = "(?:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)"
_DOCS_BIRTH = re.compile(
    r"\bP/[A-Z]{3}/[A-Z]{2}\d{7}/[A-Z]{3}/(?P<d>\d{2}[A-Z]{3}\d{2})/"  # SSR DOCS …/12MAR85/
    r"|^[A-Z]{2}\d{7}<?\d[A-Z]{3}(?P<mrz>\d{6})\d[MF<]",  # MRZ line 2: the birth date after the nationality
    re.MULTILINE,
)
_LABELLED_DATE = re.compile(
    rf"(?<![\dA-Za-z])\d{{2}}{_MONTHS3}\d{{2}}(?![\dA-Za-z])"  # DATE OF BIRTH: 07JUL88, DOB: 14FEB85
    r"|(?<![\d/])(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\d|3[01])/(?:19|20)\d{2}(?![\d/])"
    r"|(?<![\d/])(?:1[3-9]|2\d|3[01])/(?:0?[1-9]|1[0-2])/(?:19|20)\d{2}(?![\d/])"  # 14/08/1992
    r"|(?<![\d\-])[1-9]-\d{6}(?![\d\-])"  # 7-040915: the 元号 code form of a birth date on insurance filings
    r"|(?<=\()(?:19|20)\d{2}, ?\d{1,2}, ?\d{1,2}(?=\))"
    r"|(?<!\d)(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?!\d)"
)
_BIRTH_WORDS = (
    *("生年月日", "生年", "誕生日", "生まれ", "たんじょうび", "うまれ", "birthday", "bday", "birth", "dob", "出生"),
    *("born", "ｾｲﾈﾝｶﾞｯﾋﾟ", "ｾｲﾈﾝｶﾞﾂﾋﾟ", "セイネンガッピ", "🎂", "d0b"),
)
# 2024年5月12日に誕生しました, 6月9日で28になる: the sentence says someone was born or turns an age that day
_BORN_AFTER = re.compile(
    r"に(?:誕生|生まれ|産まれ)|で\s?\d{1,3}\s?(?:歳|才)?(?:に|の誕生日)"
    r"|、?\s?[0-9,]{3,5}\s?(?:g|グラム)の"  # 2024年5月18日、3,120gの元気な女の子: a birth announcement
    r"|[！!、。\s]{0,2}今年\s?\d{1,3}\s?(?:歳|才)になる"  # 7月21日！今年20歳になる
    r"|[（(](?:満\s?)?\d{1,3}\s?(?:歳|才)[）)]"  # 岡田 浩二　1978.09.02（45歳）
)
_NOT_A_PERSON_BORN = re.compile(r"(?:店|社|ブランド|サービス|アプリ|番組|チーム|サイト|施設)[はがも]?$")
# Pets have birthdays too: うちのコタロウ（柴犬♂）、2018年5月5日生まれ
_PET = re.compile(
    r"犬|猫|ねこ|ワンちゃん|ワンコ|にゃんこ|ペット|インコ|ハムスター|うさぎ|♂|♀|オス|メス|プードル|チワワ|ダックス"
)
_PET_RECORD = re.compile(r"[（(][^）)\n]{0,12}(?:犬|猫|プードル|チワワ|ダックス|柴|♂|♀|オス|メス)[^）)\n]{0,6}[）)]")
# 〇〇の誕生日っていつやったっけ？⏎まい：11月3日やで: the birthday asked for a line before (no date between)
_BIRTHDAY_ASKED = re.compile(r"誕生日[^\n\d]{0,12}(?:いつ|何日|何月|なんにち)[^\n\d]{0,10}\n[^\n\d]{0,12}$")
_HOLIDAY_NEAR = (
    *("天皇誕生日", "春分の日", "秋分の日", "憲法記念日", "こどもの日", "文化の日", "勤労感謝の日", "建国記念"),
)
_MONTH_DAY = re.compile(
    r"(?<![\d年./\-])(?:\d{1,2}月\s?\d{1,2}日|(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\d|3[01]))(?![\d/])"
    rf"|\b{_MONTHS} \d{{1,2}}\b(?!,? \d)"  # July 12 (with a year it is a full date)
)
# Labels of dates that are not a birth date: the closest label decides (生年月日 H8.3.27／入社日 2019.4.1).
_OTHER_DATE_LABEL = re.compile(
    r"入社|入院|退院|受付|受診|来院|取得|交付|発行|有効|期限|期間|契約|予約|申込|申請|届出|登録|更新|作成|記入|提出|支払|振込"
    r"|被保険者となった|となった日|該当|資格|開始|終了|満了|exp|issue|valid|date of issue|created|updated"
    r"|submitted|login|日時|ワクチン|接種|予防|逝去|死亡|check|arriv|depart|到着|出発|チェックイン|チェックアウト|宿泊"
    r"|退職|退社|転居|転入|転出|入学|卒業|結婚|婚姻|ログ ?イン|変更",
    re.IGNORECASE,
)
_LABEL_SEPARATORS = re.compile(r"[／/|│,\t、。！？!?]|\s{2,}|\u3000")


_KANA_ONLY_NAME = re.compile(r"[\u3041-\u30ffー・]+")


def shipped_list(*path: str) -> list[str]:
    """The entries of a word list shipped under src/sakimori/data/ (one per line; blank and # lines skipped)."""
    from importlib import resources

    text = resources.files("sakimori.data").joinpath(*path).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


@cache
def public_figure_names() -> frozenset[str]:
    """The shipped list of public and fictional figures (src/sakimori/data/public_figures.txt), less the short
    kana-only entries that read as Japanese given names (サトシ, ハルカ): those are ordinary given names far more
    often than characters. ルフィ and ゾロ are no Japanese names and stay."""
    from sakimori.pii.kana_names import reads_as_given_name  # it imports this module: asked once, cached

    names = shipped_list("public_figures.txt")
    return frozenset(n for n in names if len(n) >= 4 or not _KANA_ONLY_NAME.fullmatch(n) or not reads_as_given_name(n))


@cache
def public_figure_pattern() -> re.Pattern[str]:
    return trie_regex(public_figure_names())


def _own_label(view: str, start: int) -> str:
    """The label right before a value on its line (入社日 in …／入社日 2019.4.1), lower-cased."""
    line = view[view.rfind("\n", max(0, start - 60), start) + 1 : start]
    parts = [p for p in _LABEL_SEPARATORS.split(line) if p.strip(" :：")]
    return parts[-1].lower() if parts else ""


def _is_birth_date(
    view: str, start: int, end: int, words: Sequence[str] = _BIRTH_WORDS, before: int = 30, after: int = 8
) -> bool:
    if public_figure_pattern().search(view, max(0, start - 25), start) or public_figure_pattern().search(
        view, end, end + 12
    ):
        return False  # 竈門炭治郎の誕生日は7月14日, 2月9日は夏目漱石の誕生日: published facts
    label = _own_label(view, start)
    if any(w in label for w in words):
        return True
    if _OTHER_DATE_LABEL.search(label) or _OTHER_DATE_LABEL.search(field_label(view, start)):
        return False
    if re.search(r"日時?[ \t:：]*$", label):
        return False  # 異動日：…, 受付日：…: a labelled date that is not the birth date
    return _context(view, start, end, words, before=before, after=after)


_NOT_BIRTH_AROUND = re.compile(r"例[:：]?\s*\||から\|?$|\|(?:まで|から)|\|[^|]{0,4}生まれて初め")
_NOT_BIRTH_AFTER = (
    *("締", "〆", "期限", "付", "公開", "発売", "発行", "開始", "施行", "締切", "時点", "現在"),
    *(" ご逝去", "ご逝去", "逝去", "死亡", "没"),  # R6.9.30 ご逝去: a date of death
)
# 昭和 dates (S49.3.30) and the letter forms of older eras on forms (T14.8.30) in today's text are nearly always
# someone's birth date (大正12年9月1日 written out is more often history).
_SHOWA = re.compile(r"(?:昭和|昭|S)\d|[HTM]\d{1,2}[./]")  # and H9/7/4, the letter form on forms
# おたおめ〜🎂 10/8ってことは…: birthday wishes make a month and day someone's birthday
_BIRTHDAY_WISHES = ("おたおめ", "誕生日おめでとう", "ハピバ", "happy birthday", "hbd", "🎂")
_MONTH_DAY_WORDS = ("誕生日", "誕生月", "たんじょうび", "生まれ", "生年月日", "birthday", "bday", "born")
_BIRTHDAY_HEADINGS = ("誕生日", "誕生月", "誕生会", "🎂")
# 田辺 大樹　平成4年9月12日, 前川 修一　様　男　1958/11/02: a date right after a full name or a sex on a form line
_NAME_OR_SEX_BEFORE = re.compile(
    r"(?:(?<![^\s:：】）)])(?:[\u4e00-\u9fff々]{2,3}[ \u3000][\u4e00-\u9fff々]{1,3}"
    r"|[\u3041-\u30ff]{2,5}[ \u3000][\u3041-\u30ff]{2,5}"  # よしおか はるな　令和3年6月27日
    r"|[\u3041-\u30ff]{2,5}(?:ちゃん|くん))"  # お子さま①　ひなたちゃん　2019年10月4日
    r"(?:[ \u3000]?(?:様|さん))?(?:[（(][^）)\n]{1,20}[）)])?"  # 松田 千尋（マツダ チヒロ）　1992.04.17
    r"|(?<![\u4e00-\u9fff])(?:男|女|男性|女性))"
    r"[ \t\u3000]+(?:様[ \t\u3000]+(?:男|女|M|F)[ \t\u3000]+)?$"  # 石川 太朗 様  M  1950-08-15
    # 被保険者：斉藤 智美（1985.12.01）, 同行者　HARA SHUN（2015.04.27）: the date in brackets right after the name
    r"|(?:(?<![^\s:：】）)])[\u4e00-\u9fff]{2,3}[ \u3000][\u4e00-\u9fff]{1,3}|(?<![\w])[A-Z]{2,} [A-Z]{2,})[（(]$"
    r"|(?<=[A-Z] / )[MF] / $"  # HIRATA KOICHI / M / 1955-03-18
    r"|\b[A-Z]{2,} [A-Z]{2,}[ \t]{2,}$"  # 2    KIMURA AOI            21 OCT 1990   F
    r"|[\u4e00-\u9fff々]{1,3} [\u4e00-\u9fff々]{1,3}['\"], ?['\"]$"  # VALUES ('桜井 萌', '2000-01-01', …
)
# A family member or a person named right before (…（長男）平成28年5月19日, 上田 祐介 様（1988/09/14）).
_RELATIVE_AFTER = re.compile(r"[ \t\u3000]*(?:生(?![産活徒])|世帯主|長男|長女|次男|次女|三男|三女|妻|夫|本人|配偶者)")
_TIME_AFTER = re.compile(r"[ T]\d{1,2}:\d{2}")
_TIME_NEXT = re.compile(r"\s+\d{1,2}:\d{2}")  # 6/21	19:30	…様	誕生日プレート: a booking's date and time
_RELATIVE_BEFORE = re.compile(
    r"[（(](?:長男|長女|次男|次女|三男|三女|子|妻|夫|配偶者|父|母|本人)(?:[）)][ \t\u3000]*|[・、])$"
    r"|(?:様|さん|氏)[（(]$"
)
# 控除対象配偶者：井上 真理（1986.02.17）: a date in brackets after a family member on a tax or benefit form
_FAMILY_FORM = re.compile(r"配偶者|扶養|親族|家族|世帯員|被扶養者")


# …TK4402718　1987/05/11 or …基礎年金番号 1140-662093　平成10年2月22日: a row's date after its ID number
_PASSPORT_BEFORE = re.compile(r"(?<![A-Za-z0-9])(?:[A-Z]{2}\d{7}|\d{4}-\d{6})[ \t\u3000/|,]{1,5}$")


_FOUR_DIGIT_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")


def _year_written(date: str) -> int | None:
    """The four-digit year a date is written with, if any (平成2年1月2日 has none)."""
    year = _FOUR_DIGIT_YEAR.search(date)
    return int(year.group()) if year else None


def _pet_sentence(view: str, start: int) -> bool:
    if _PET_RECORD.search(view, max(0, start - 80), start):
        return True  # 名：もも（トイプードル・メス）⏎誕生日：2019年5月1日: a pet's record
    sentence_start = max(view.rfind("。", max(0, start - 40), start), view.rfind("\n", max(0, start - 40), start))
    return _PET.search(view, sentence_start + 1 if sentence_start >= 0 else max(0, start - 40), start) is not None


def _birth_date(view: str) -> Iterator[PiiMatch]:
    """Birth dates, less any whose four-digit year lies ahead (有効期限 2030/03/15 next to a passport)."""
    this_year = datetime.date.today().year
    found = [m for m in _birth_date_candidates(view) if (_year_written(m.text) or 0) <= this_year]
    yield from found
    yield from _birth_date_restated(view, found)


# 生年月日欄が「2003年5月9日」となっておりますが、住民票では「2003年5月19日」: a second date in the sentence that
# gave a birth date, with no other kind of date named between them, restates (or corrects) it.
_RESTATED_REACH = 50


def _birth_date_restated(view: str, found: list[PiiMatch]) -> Iterator[PiiMatch]:
    if not found:
        return
    ends = sorted(m.end for m in found)
    starts = {m.start for m in found}
    for m in _DATE.finditer(view):
        if m.start() in starts or _year_written(m.group()) is None:
            continue
        i = bisect_left(ends, m.start() + 1) - 1
        if i < 0 or m.start() - ends[i] > _RESTATED_REACH:
            continue
        between = view[ends[i] : m.start()]
        if re.search(r"[。\n\d]", between) or _OTHER_DATE_LABEL.search(between) or field_label(view, m.start()):
            continue
        if len(re.findall(r"[\u3041-\u309f\u4e00-\u9fff]", between)) < 4:
            continue  # 1978/10/21,2019/04/01 in a row: the next column, not a sentence about the same date
        ends_a_range = view.startswith(("に", "から", "まで", "付", "時点", "現在", "以降", "以前"), m.end())
        if ends_a_range or view.startswith(_NOT_BIRTH_AFTER, m.end()) or _TIME_AFTER.match(view, m.end()):
            continue
        if (_year_written(m.group()) or 0) <= datetime.date.today().year:
            yield PiiMatch("birth_date", m.start(), m.end(), 0.8, m.group())


_ASKED_WORDS = ("生年月日", "お生まれ", "date of birth", "birth")
_ASKED_REACH = 120


def _asked_earlier(view: str, start: int) -> bool:
    """生年月日をお願いいたします。⏎お客様：西村 陽子です。えっと、1985年の6月21日です / 生年月日を入力すると…⏎
    入力内容：２０００年２月３日: the birth date asked for or talked about a line or two before, with no other date
    and no other kind of date named since."""
    line = view[view.rfind("\n", max(0, start - _ASKED_REACH), start) + 1 : start]
    if "\t" in line or "," in line or _own_label(view, start).rstrip(" :：").endswith("日"):
        return False  # a row of a table (its column decides), or a date with a label of its own (調剤日 R7.2.10)
    window = view[max(0, start - _ASKED_REACH) : start]
    asked = max(window.lower().rfind(w) for w in _ASKED_WORDS)
    if asked < 0:
        return False
    since = window[asked:]
    return since.count("\n") <= 2 and not _DATE.search(since) and not _OTHER_DATE_LABEL.search(since)


def _birth_date_candidates(view: str) -> Iterator[PiiMatch]:
    for m in _DATE.finditer(view):
        if _TIME_AFTER.match(view, m.end()):
            continue  # 2024/03/25 21:14:09: a timestamp
        if view.startswith(_NOT_BIRTH_AFTER, m.end()) or _NOT_BIRTH_AROUND.search(
            view[max(0, m.start() - 4) : m.start()] + "|" + view[m.end() : m.end() + 12]
        ):
            continue  # 令和5年4月1日付で異動, …4月1日までに生まれた方, 例：19900101, 生まれて初めて
        born = view.startswith("生", m.end()) and not view.startswith("生産", m.end())  # 昭和63年1月20日生
        born = born or (
            _BORN_AFTER.match(view, m.end()) is not None
            and not _NOT_A_PERSON_BORN.search(view, max(0, m.start() - 8), m.start())
        )  # 当店は2015年10月10日に誕生しました is a shop's
        public = public_figure_pattern().search(view, max(0, m.start() - 25), m.start())
        if public or _pet_sentence(view, m.start()):
            continue  # 作者の尾田栄一郎は1975年1月1日生まれ: a published fact
        if born or _is_birth_date(view, m.start(), m.end(), after=14):
            yield PiiMatch("birth_date", m.start(), m.end(), 0.9, m.group())
        elif _asked_earlier(view, m.start()):
            yield PiiMatch("birth_date", m.start(), m.end(), 0.8, m.group())
        elif (
            _RELATIVE_BEFORE.search(view, max(0, m.start() - 12), m.start())
            or _RELATIVE_AFTER.match(view, m.end())
            or (
                view[m.start() - 1 : m.start()] in "（("
                and _FAMILY_FORM.search(view, max(0, m.start() - 30), m.start())
            )
            or (
                (named := _NAME_OR_SEX_BEFORE.search(view, max(0, m.start() - 32), m.start())) is not None
                and not _OTHER_DATE_LABEL.match(view, m.end())  # 上村 悟（2024/11/30退職）
                and not _OTHER_DATE_LABEL.search(
                    field_label(view, m.start())
                )  # …ムラカミ ダイスケ	2015/04/01 (入社日)
                and not _OTHER_DATE_LABEL.search(named.group())
                and not _own_label(view, m.start()).rstrip(" :：").endswith("日")  # 調剤日 2024年10月2日
                and not view.startswith("現在", m.end())  # 履　歴　書　2024年4月1日現在
            )
        ):
            yield PiiMatch("birth_date", m.start(), m.end(), 0.85, m.group())  # 岡本 颯太（長男）平成28年5月19日
        elif (
            _SHOWA.match(m.group())
            and not _OTHER_DATE_LABEL.search(_own_label(view, m.start()))
            and not view.startswith(("、", "に", "の", "から", "まで"), m.end())  # 昭和39年10月10日、東京五輪…
        ):
            yield PiiMatch("birth_date", m.start(), m.end(), 0.7, m.group())
    for m in _DATE.finditer(view):  # MATSUDA KANA　TK4402718　1987/05/11: a traveller list's date of birth
        year = _year_written(m.group())  # before this one: an expiry date lies ahead, so does this year's
        id_before = _PASSPORT_BEFORE.search(view, max(0, m.start() - 16), m.start())
        # 平成10年2月22日 after a pension number is a birth date (令和 dates are a card's validity); a pension
        # number's holder was born fifteen years ago at least (2025/04/01 there is the date the cover began)
        born_by = datetime.date.today().year - (15 if id_before and "-" in id_before.group() else 0)
        era_birth = year is None and not re.match(r"令和|R", m.group())
        if id_before and ((year and year < born_by) or era_birth):
            column = field_label(view, m.start())  # under a header, only a birth column says so
            if not _OTHER_DATE_LABEL.search(_own_label(view, m.start())) and (
                not column or any(w in column.lower() for w in _BIRTH_WORDS)
            ):
                yield PiiMatch("birth_date", m.start(), m.end(), 0.8, m.group())
    for m in _DOCS_BIRTH.finditer(view):
        group = "d" if m.group("d") else "mrz"
        yield PiiMatch("birth_date", m.start(group), m.end(group), 0.9, m.group(group))
    for m in _LABELLED_DATE.finditer(view):  # 03/22/1989, 19720815: a birth date only under a birth label
        if re.search(r"例[:：]?\s*$", view[max(0, m.start() - 4) : m.start()]):
            continue  # the format example of a form (例：19900101)
        era_code_after_name = re.fullmatch(r"[1-9]-\d{6}", m.group()) is not None and (
            _NAME_OR_SEX_BEFORE.search(view, max(0, m.start() - 32), m.start()) is not None
        )  # 1. 小松 春香　7-060411　基礎年金番号 …: the 元号 code of a birth date after the name on a filing
        if era_code_after_name or _is_birth_date(view, m.start(), m.end(), before=20):
            yield PiiMatch("birth_date", m.start(), m.end(), 0.85, m.group())
    for m in _MONTH_DAY.finditer(view):  # 福田 彩（6月2日）, 水野 亜希さん… 8月3日 under a heading 今月の誕生日
        bracketed = view[m.start() - 1 : m.start()] in "（(" and view[m.end() : m.end() + 1] in "）)"
        line_edge = view[m.end() : m.end() + 1] in ("\n", "") or view[m.start() - 1 : m.start()] in ("\n", "")
        if public_figure_pattern().search(view, max(0, m.start() - 25), m.start()):
            continue  # ルフィの誕生日（5月5日）: a published fact
        if re.search(r"(?:[〜~～\-]|から)[ \t]?$", view[max(0, m.start() - 3) : m.start()]):
            continue  # 2025年4月1日〜5月31日: the end of a period
        if bracketed or line_edge:  # 4月　3日　岡田 結衣 / 7/3　営業部 小松 遥さん under お誕生日カレンダー
            heading = max(view.rfind(w, max(0, m.start() - 200), m.start()) for w in _BIRTHDAY_HEADINGS)
            if heading >= 0 and view[heading : m.start()].count("\n\n") <= 1 and not _TIME_NEXT.match(view, m.end()):
                yield PiiMatch("birth_date", m.start(), m.end(), 0.8, m.group())
                continue
    for m in _MONTH_DAY.finditer(view):  # 3月3日, 3/14 alone are birth dates only right next to 誕生日
        if view.startswith(("にご", "まで", "から", "以降", "以内"), m.end()):
            continue  # 11月15日にご注文いただいた, 7月10日までに…生年月日をご返信: an order date, a deadline
        if _BIRTHDAY_ASKED.search(view, max(0, m.start() - 80), m.start()) and view[m.start() - 1 : m.start()] in (
            "：",
            ":",
            "\n",
            "、",
            " ",
            "「",
        ):
            yield PiiMatch("birth_date", m.start(), m.end(), 0.8, m.group())  # 誕生日っていつ？⏎まい：11月3日やで
            continue
        if any(h in view[max(0, m.start() - 14) : m.end() + 14] for h in _HOLIDAY_NEAR) or _pet_sentence(
            view, m.start()
        ):
            continue  # 2/23 天皇誕生日、3/20 春分の日: a calendar of holidays
        if _TIME_NEXT.match(view, m.end()) or re.match(r"[（(][月火水木金土日][）)]", view[m.end() : m.end() + 3]):
            continue  # 6/21	19:30	…様	誕生日プレート: a booking's date and time
        month_day_words = (*_MONTH_DAY_WORDS, *_BIRTHDAY_WISHES)
        if _BORN_AFTER.match(view, m.end()) or _is_birth_date(
            view, m.start(), m.end(), month_day_words, before=14, after=14
        ):
            yield PiiMatch("birth_date", m.start(), m.end(), 0.8, m.group())


RECOGNIZERS: tuple[Recognizer, ...] = (
    Recognizer("phone", ("phone",), _phone),
    Recognizer("numbers", ("my_number", "corporate_number", "credit_card", "drivers_license"), _numbers),
    Recognizer("email", ("email",), _email),
    Recognizer("postal_code", ("postal_code",), _postal),
    Recognizer("address", ("address",), _address),
    Recognizer("bank_account", ("bank_account",), _bank),
    Recognizer("documents", ("passport", "pension_number", "health_insurance"), _documents),
    Recognizer("ip_address", ("ip_address",), _ip),
    Recognizer("birth_date", ("birth_date",), _birth_date),
)


# Types whose weak candidates count when a confident one of the same type is close by: the rows of a list or
# table of passports or pension numbers carry the label once (参加者の旅券番号: / 基礎年金番号 on the header).
_LISTED_TYPES = frozenset(("passport", "pension_number", "drivers_license", "postal_code"))
_LIST_REACH = 300


def _listed(matches: list[PiiMatch]) -> list[PiiMatch]:
    anchors: dict[str, list[int]] = {}
    for m in matches:
        if m.type in _LISTED_TYPES and m.score >= 0.8:
            anchors.setdefault(m.type, []).append(m.start)
    if not anchors:
        return matches
    for starts in anchors.values():
        starts.sort()
    out = []
    for m in matches:
        near = False
        if m.type in anchors and 0.3 <= m.score < 0.8:  # the nearest anchors by bisection: a 1 MB text stays linear
            starts = anchors[m.type]
            i = bisect_left(starts, m.start)
            near = any(abs(a - m.start) <= _LIST_REACH for a in starts[max(0, i - 1) : i + 1])
        out.append(PiiMatch(m.type, m.start, m.end, 0.8, m.text) if near else m)
    return out


# Every recognizer but e-mail needs a digit: most chat messages have none, and skip them all.
_NEEDS_NO_DIGIT = frozenset(("email",))
_DIGIT = re.compile(r"[0-9]")


def find_pii(view: str, recognizers: Sequence[Recognizer] = RECOGNIZERS) -> list[PiiMatch]:
    """Every match of every recognizer; overlaps are resolved later (the detector keeps the best per span)."""
    if _DIGIT.search(view) is None:
        recognizers = [r for r in recognizers if r.name in _NEEDS_NO_DIGIT]
    return _listed([match for r in recognizers for match in r.find(view)])
