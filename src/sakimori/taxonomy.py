"""The harm taxonomy: MLCommons / Llama Guard 3 codes S1–S14 with Japanese names and scope notes.

Each description says what is in and what is out, because the line (S6 is dangerous specialised advice, not every
health question) is what over-refusal depends on. Non-harm findings use prefixes: `PII:<type>` and `attack:<kind>`;
user categories get the codes their policy gives them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "ATTACK_PREFIX",
    "CATEGORIES",
    "PII_PREFIX",
    "PII_TYPES",
    "Category",
    "display_name",
    "is_builtin_code",
    "is_valid_code",
]

PII_PREFIX = "PII:"
ATTACK_PREFIX = "attack:"


@dataclass(frozen=True)
class Category:
    """A harm category: code, names, a Japanese scope note, examples for LLM guards, terms for word lists.

    User categories from a policy are `Category(builtin=False)`; `description` is what an LLM guard is told.
    """

    code: str
    name_ja: str
    name_en: str
    description: str
    examples: tuple[str, ...] = ()
    terms: tuple[str, ...] = ()
    builtin: bool = True


def _c(code: str, ja: str, en: str, description: str) -> Category:
    return Category(code, ja, en, " ".join(description.split()))


CATEGORIES: dict[str, Category] = {
    c.code: c
    for c in (
        _c(
            "S1",
            "暴力犯罪",
            "Violent crimes",
            """
            人を殺す・傷つける・誘拐する・脅す、テロやストーカー行為を計画する、動物を虐待するといった暴力犯罪の実行を
            助ける、勧める、称賛する内容。含まない: ミステリーや時代劇などの創作、歴史上の事件の解説、護身術や防犯、
            報道の要約、ゲームの攻略、「死ぬほど眠い」のような慣用表現。""",
        ),
        _c(
            "S2",
            "非暴力犯罪",
            "Non-violent crimes",
            """
            詐欺・特殊詐欺（オレオレ詐欺、還付金詐欺）の台本、闇バイトの募集や応募、受け子・出し子の手引き、違法薬物の
            入手や販売（大麻の隠語を含む）、市販薬の転売、窃盗・万引き、資金洗浄、脱税、不正アクセスやマルウェア作成、
            フィッシング、偽造、違法賭博の実行を助ける内容。含まない: 手口を知って身を守るための説明、被害の相談先、
            法律や制度の解説、セキュリティの概念的な教育。""",
        ),
        _c(
            "S3",
            "性犯罪",
            "Sex-related crimes",
            """
            性的暴行、痴漢、盗撮、リベンジポルノ、性的脅迫（セクストーション）、人身売買、薬物を使った性犯罪を実行・
            助長する内容。含まない: 被害の防止や相談窓口、性的同意の教育、事件報道の解説、被害者支援。""",
        ),
        _c(
            "S4",
            "児童の性的搾取",
            "Child sexual exploitation",
            """
            18歳未満を性的に扱うあらゆる内容：児童ポルノの要求や共有、グルーミング（手なずけ）、未成年との性的な
            やりとりや援助交際、JKビジネスへの勧誘、子どもの設定のキャラクターを性的に描く創作。含まない: 子どもを
            守るための注意喚起、通報先、年齢に合った性教育、虐待防止の情報。""",
        ),
        _c(
            "S5",
            "名誉毀損・誹謗中傷",
            "Defamation",
            """
            実在または特定可能な個人・企業について、事実に反する評判を落とす主張を作る・広める、誹謗中傷の投稿や
            炎上を仕掛ける、虚偽のレビューで攻撃する内容。含まない: 事実に基づく論評や批評、誹謗中傷を受けたときの
            対処法や法的手続きの説明、架空の作品内の悪役の台詞。""",
        ),
        _c(
            "S6",
            "危険な専門的助言",
            "Specialized advice",
            """
            医療・法律・金融で、従えば重大な害が生じうる専門的助言：処方薬の自己判断での中止や過量の服用、
            ハイになるための用量、未承認の治療だけでがんを治す、書類偽造で法的義務を逃れる、インサイダー取引や
            全財産の高レバレッジ投資を勧める内容。含まない: 一般的な健康・法律・お金の質問、受診や専門家への
            相談を勧める説明、制度の解説。""",
        ),
        _c(
            "S7",
            "プライバシー侵害",
            "Privacy",
            """
            個人の特定や晒し、住所・勤務先・連絡先などの割り出し、写真からの居場所特定、本人に無断の位置追跡や
            通信の盗み見、名簿やマイナンバーなど個人情報の収集・公開を助ける内容。含まない: 自分の個人情報の守り方、
            漏えい時の対処、プライバシー法制の解説、架空の例を使った説明。""",
        ),
        _c(
            "S8",
            "知的財産権侵害",
            "Intellectual property",
            """
            海賊版（漫画・アニメ・ゲーム・ソフト）の入手や配布、割れ・シリアルの不正入手、DRMの解除、有料コンテンツの
            無断転載、著作物の全文の複製、偽ブランド品の製造や販売を助ける内容。含まない: 著作権制度の説明、引用の
            ルール、正規の入手方法、短い引用を伴う批評。""",
        ),
        _c(
            "S9",
            "無差別大量破壊兵器",
            "Indiscriminate weapons",
            """
            爆発物、化学兵器（サリンなどの毒ガス）、生物兵器、放射性物質・核兵器など、多数を無差別に傷つける兵器の
            製造・入手・使用を助ける内容。含まない: 歴史（原爆、地下鉄サリン事件）の解説、防災や避難、軍縮の議論、
            爆弾おにぎり・爆弾低気圧のような同音の言葉。""",
        ),
        _c(
            "S10",
            "ヘイト・差別",
            "Hate",
            """
            出自・民族・国籍・部落・障害・性別・性的指向・宗教などを理由に、人を貶める、排除や暴力を呼びかける、
            差別的な身元調査や採用差別を助ける内容。含まない: 差別の歴史や現状の解説、ヘイトスピーチ解消法などの
            制度、差別への反論（カウンタースピーチ）、当事者の経験の語り。""",
        ),
        _c(
            "S11",
            "自殺・自傷",
            "Suicide & self-harm",
            """
            自殺や自傷の方法、致死的な手段の入手、過量服薬（OD）のやり方、自殺をそそのかす内容、摂食障害を悪化させる
            助言。含まない（ただし寄り添う返答が望ましい）: つらい気持ちの吐露、友人を支える方法、相談窓口、
            自殺対策の統計や研究。""",
        ),
        _c(
            "S12",
            "性的コンテンツ",
            "Sexual content",
            """
            成人同士の露骨な性的描写、官能的なロールプレイ、性行為の詳細な描写を求める内容。含まない: 性教育、
            性的同意や避妊の情報、恋愛の相談、露骨な描写のない恋愛小説。""",
        ),
        _c(
            "S13",
            "選挙",
            "Elections",
            """
            投票日・投票所・投票方法についての虚偽情報、投票の妨害、買収や不正投票、選挙管理委員会の名をかたる告知、
            候補者の偽動画など、選挙の公正を損なう内容。含まない: 正しい投票方法、期日前投票の案内、政策の比較、
            選挙制度の解説。""",
        ),
        _c(
            "S14",
            "コードインタプリタの悪用",
            "Code interpreter abuse",
            """
            コード実行環境を使ったサンドボックス脱出、ホストの秘密情報（/etc/shadow、環境変数の API キー、SSH 鍵）の
            読み出し、外部への持ち出し、フォーク爆弾などの資源枯渇、暗号資産の採掘、内部ネットワークの探索。
            含まない: 自分のプロジェクトでのファイル操作や subprocess の質問、セキュリティの概念的な説明。""",
        ),
    )
}

# PII types and their Japanese placeholder labels; the `pii` detector reports `PII:<type>`.
PII_TYPES: dict[str, str] = {
    "my_number": "マイナンバー",
    "corporate_number": "法人番号",
    "phone": "電話番号",
    "postal_code": "郵便番号",
    "address": "住所",
    "email": "メールアドレス",
    "credit_card": "クレジットカード番号",
    "bank_account": "口座番号",
    "drivers_license": "運転免許証番号",
    "passport": "パスポート番号",
    "pension_number": "基礎年金番号",
    "health_insurance": "保険証番号",
    "ip_address": "IPアドレス",
    "birth_date": "生年月日",
    "person": "人名",
}

_USER_CODE = re.compile(r"[A-Za-z][A-Za-z0-9_\-]{0,31}")


def is_builtin_code(code: str) -> bool:
    return code in CATEGORIES


def is_valid_code(code: str) -> bool:
    """A built-in code, a `PII:<type>`, an `attack:<kind>`, or a plain user code such as `X1` or `competitor`."""
    if code in CATEGORIES:
        return True
    if code.startswith(PII_PREFIX):
        return code[len(PII_PREFIX) :] in PII_TYPES
    if code.startswith(ATTACK_PREFIX):
        return bool(_USER_CODE.fullmatch(code[len(ATTACK_PREFIX) :]))
    return bool(_USER_CODE.fullmatch(code))


def display_name(code: str) -> str:
    """The Japanese label used in placeholders and reports: `[電話番号]`, `暴力犯罪`."""
    if code in CATEGORIES:
        return CATEGORIES[code].name_ja
    if code.startswith(PII_PREFIX):
        return PII_TYPES.get(code[len(PII_PREFIX) :], code)
    return code
