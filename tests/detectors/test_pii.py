"""PII recognizers, span tables: Japanese positives, negatives, embedded in sentences, full-width and kanji digits."""

from __future__ import annotations

import pytest

from sakimori import Action, Guard, Message, load_policy
from sakimori.actions import restore
from sakimori.detectors.pii import PiiDetector
from sakimori.pii import pii_view, scan
from sakimori.pii.checksums import (
    corporate_number_check_digit,
    is_corporate_number,
    is_luhn,
    is_my_number,
    my_number_check_digit,
)

POSITIVES = [
    # (text, type, exact original substring)
    ("山田太郎さんの電話番号は090-0000-3333です", "phone", "090-0000-3333"),
    ("携帯：０９０−００００−１２３４", "phone", "０９０−００００−１２３４"),
    ("連絡先は〇九〇ー〇〇〇〇ー五六七八まで", "phone", "〇九〇ー〇〇〇〇ー五六七八"),
    ("TEL 03(0000)5678", "phone", "03(0000)5678"),
    ("(06)0000-1234にかけて", "phone", "(06)0000-1234"),
    ("+81-90-0000-1234 に連絡", "phone", "+81-90-0000-1234"),
    ("フリーダイヤル0120-000-111", "phone", "0120-000-111"),
    ("IP電話 050-0000-7777", "phone", "050-0000-7777"),
    ("電話09000001234", "phone", "09000001234"),
    ("マイナンバーは1234 5678 9018です", "my_number", "1234 5678 9018"),
    ("個人番号:123456789018", "my_number", "123456789018"),
    ("法人番号 7000012050002 の会社", "corporate_number", "7000012050002"),
    ("カード番号は4111-1111-1111-1111", "credit_card", "4111-1111-1111-1111"),
    ("JCB 3530 1113 3330 0000", "credit_card", "3530 1113 3330 0000"),
    ("AMEX 378282246310005", "credit_card", "378282246310005"),
    ("メール taro.yamada@example.com まで", "email", "taro.yamada@example.com"),
    ("ｈａｎａｋｏ＠ｅｘａｍｐｌｅ．ｊｐに送って", "email", "ｈａｎａｋｏ＠ｅｘａｍｐｌｅ．ｊｐ"),
    ("〒100-0001 東京都", "postal_code", "〒100-0001"),
    ("郵便番号は530-0001です", "postal_code", "530-0001"),
    ("住所は東京都渋谷区神南1丁目2-3 架空ハイツ101号室です", "address", "東京都渋谷区神南1丁目2-3 架空ハイツ101号室"),
    ("架空県架空市架空町1-2-3に住んでいる", "address", "架空県架空市架空町1-2-3"),
    ("神奈川県横浜市港北区日吉本町4丁目5番6号", "address", "神奈川県横浜市港北区日吉本町4丁目5番6号"),
    ("振込先：架空銀行 本店 普通 1234567", "bank_account", "架空銀行 本店 普通 1234567"),
    ("口座番号 7654321", "bank_account", "7654321"),
    ("運転免許証の番号は123456789012です", "drivers_license", "123456789012"),
    ("パスポート番号 TK0000000", "passport", "TK0000000"),
    ("基礎年金番号は0000-000000", "pension_number", "0000-000000"),
    ("保険証の記号 12 番号 345", "health_insurance", "記号 12 番号 345"),
    ("接続元IPは203.0.113.7でした", "ip_address", "203.0.113.7"),
    ("サーバのアドレス 2001:db8::1", "ip_address", "2001:db8::1"),
    ("生年月日：昭和60年1月2日", "birth_date", "昭和60年1月2日"),
    ("誕生日は1990/04/01です", "birth_date", "1990/04/01"),
    ("佐藤花子様宛てに", "person", "佐藤花子"),
    ("担当の高橋です", "person", "高橋"),
    ("田中くんが来た", "person", "田中"),
    ("振込先は架空銀行 本店 普通 1234567です", "bank_account", "架空銀行 本店 普通 1234567"),
    ("IPv6アドレスは2001:db8::1です", "ip_address", "2001:db8::1"),
    ("氏名：架空太郎、住所：架空県", "person", "架空太郎"),
    ("こんにちは！　佐々木です。", "person", "佐々木"),
    ("田中と申します", "person", "田中"),
    ("元カノの松本の新しい番号", "person", "松本"),
    ("氏名 例田 一郎", "person", "例田 一郎"),  # a form label without a colon
    ("名義：TARO KAKUU", "person", "TARO KAKUU"),
    ("緊急連絡先：母 架空 洋子", "person", "架空 洋子"),  # an unknown surname before a known given name
    ("ジョン・スミスさんが来日", "person", "ジョン・スミス"),
    ("例田さんに言うといてや", "person", "例田"),  # an unknown word used with an honorific
    ("ディスカバー 6011111111111117", "credit_card", "6011111111111117"),
    ("基礎年金番号 0123-456789 の照会", "pension_number", "0123-456789"),
    ("大阪府堺市堺区架空町3丁7-8の例田です", "address", "大阪府堺市堺区架空町3丁7-8"),
    ("誕生日？3月3日やで", "birth_date", "3月3日"),
    ("仮山美咲と申します。", "person", "仮山美咲"),  # an unknown surname, a given name the dictionary knows
    ("ねえ、架空花子のLINE知らん？", "person", "架空花子"),
    ("name: HANAKO MIHON", "person", "HANAKO MIHON"),
    ("担当：宇佐美", "person", "宇佐美"),
    ("DNSを 2001:db8:85a3::8a2e:370:7334 に変更", "ip_address", "2001:db8:85a3::8a2e:370:7334"),
    ("免許証\n番号 第412345678903号", "drivers_license", "412345678903"),
    ("氏名見本 大輔、昭和63年1月20日生", "birth_date", "昭和63年1月20日"),
    ("普通預金 口座番号 5566778", "bank_account", "5566778"),
    ("【LINE】山田：今どこ？", "person", "山田"),  # a chat log's speaker
    ("見つけた方は080-0000-9191（井上）まで", "person", "井上"),  # a signature
    ("伊藤 さくら（H15.4.2生）", "person", "伊藤 さくら"),
    ("テスト花子（平成7年5月5日生）", "person", "テスト花子"),
    ("太田主任へ：来週の出張", "person", "太田"),
    ("アクセスログ：2001:db8:85a3::8a2e:370:7334 - -", "ip_address", "2001:db8:85a3::8a2e:370:7334"),
    ("スマホは〇九〇‐〇〇〇〇‐一二三四です", "phone", "〇九〇‐〇〇〇〇‐一二三四"),
    ("健康保険証　記号：東京 123　番号：4567", "health_insurance", "記号：東京 123　番号：4567"),
    ("基礎年金番号 8765 432109", "pension_number", "8765 432109"),
    ("郵便番号 1500001（ハイフンなし）", "postal_code", "1500001"),
    ("旅券 TG 1357913", "passport", "TG 1357913"),
    ("Taro Yamada <taro.yamada@example.com>", "person", "Taro Yamada"),
    ("パスポート番号 RE1122334（YAMADA HANAKO）", "person", "YAMADA HANAKO"),
    ("鈴木のカード、ポイント還元率いいらしい", "person", "鈴木"),
    ("保険証は記号1122 番号33です、前田", "person", "前田"),
    ("木村「斎藤さん今日休み？」", "person", "木村"),
    ("電話番号：〇九〇・〇〇〇〇・二四六八", "phone", "〇九〇・〇〇〇〇・二四六八"),
    ("マイナンバー 135791357910 / 免許証 301234567890", "my_number", "135791357910"),
    ("保険証の記号は 7788、番号は 45やった", "health_insurance", "記号は 7788、番号は 45"),
    ("銀聯カード 6222 2222 2222 2225", "credit_card", "6222 2222 2222 2225"),
    ("[10:02] 松本: サーバーにつながらない", "person", "松本"),  # a speaker the dictionary reads as a place
    ("後藤より：岩崎さんの件", "person", "後藤"),
    ("社長の藤田が直接ご挨拶に伺います。", "person", "藤田"),
    ("長谷川やけど、資料送って", "person", "長谷川"),
    ("Hanako Suzuki\nMarketing Division\nhanako.suzuki@example.com", "person", "Hanako Suzuki"),
    ("送付先：5300000 大阪府大阪市北区見本町2丁目3-10", "postal_code", "5300000"),
    (
        "〒530-0000 大阪府大阪市北区見本町2-3-4\nTEL：06-0000-1111",
        "address",
        "大阪府大阪市北区見本町2-3-4",
    ),  # not across lines
    ("ご住所：埼玉県さいたま市架空区見本町2-5　お電話：048-000-0987", "address", "埼玉県さいたま市架空区見本町2-5"),
    (
        "ウチの住所？京都府京都市架空区見本通四条下る見本町123やで",
        "address",
        "京都府京都市架空区見本通四条下る見本町123",
    ),
    ("見本銀行 架空橋支店（店番123） 普通 9876543", "bank_account", "見本銀行 架空橋支店（店番123） 普通 9876543"),
    # letter-spaced OCR text, positional kanji numerals, digits read out in groups (read through compact_view)
    ("〒 3 9 0 - 0 8 7 4 に送付", "postal_code", "〒 3 9 0 - 0 8 7 4"),
    ("基礎年金番号　1 4 2 3 - 0 8 6 6 1 7", "pension_number", "1 4 2 3 - 0 8 6 6 1 7"),
    ("生年月日　昭和五十六年十月二十二日", "birth_date", "昭和五十六年十月二十二日"),
    ("住所　静岡県静岡市葵区見本町三丁目二番十一号", "address", "静岡県静岡市葵区見本町三丁目二番十一号"),
    ("東京都武蔵野市架空町二‐十一‐五", "address", "東京都武蔵野市架空町二‐十一‐五"),
    ("お客様：090の0000の2231です。", "phone", "090の0000の2231"),
    ("ほな読むで。4556の9001の3728の4601。", "credit_card", "4556の9001の3728の4601"),
    # field labels that are not right before the value: JSON keys, URL parameters, table headers
    ('{"pension_no": "5120374816"}', "pension_number", "5120374816"),
    ("id,氏名,生年月日\n1,山田,1987/05/30", "birth_date", "1987/05/30"),
    ("|番号|氏名|基礎年金番号|\n|---|---|---|\n|1|堤|8831-207715|", "pension_number", "8831-207715"),
    ("https://example.com/f?name=x&zip=2220033", "postal_code", "2220033"),
    ('{"insurer_no":"06273391"}', "health_insurance", "06273391"),
    ("保険者番号　06130012", "health_insurance", "06130012"),
    # English and mixed forms
    ("Date of Birth: 14 Feb 1991", "birth_date", "14 Feb 1991"),
    ("Born on April 3, 2003", "birth_date", "April 3, 2003"),
    ("Address: 2-7-1 Kaku-cho, Chuo-ku, Osaka 541-0051, Japan", "address", "2-7-1 Kaku-cho, Chuo-ku, Osaka"),
    ("Tokyo 153-0063", "postal_code", "153-0063"),
    ("Sample Bank Shibuya branch, futsu 7702318", "bank_account", "Sample Bank Shibuya branch, futsu 7702318"),
    ("Hi Kenji,\nQuick reminder", "person", "Kenji"),
    ("Please send your resume to Ms. Ogawa today.", "person", "Ogawa"),
    ("P<JPNYOSHIOKA<<SAYAKA<<<<<<<", "person", "YOSHIOKA"),
    ("TZ60384157JPN9106271F3304123<<<<<<<<<<<<<<00", "passport", "TZ6038415"),
    # a card number followed by its expiry, a 法人番号 after a row number
    ("クレカ 3556 1072 8493 0158 02/27", "credit_card", "3556 1072 8493 0158"),
    ("001　4010101617877　株式会社見本事務機", "corporate_number", "4010101617877"),
    # names by context
    ("近藤と遠藤が付き合ってるってマジ？", "person", "近藤"),
    ("司会：藤井　書記：三浦", "person", "藤井"),
    ("吉田さーん、宅配便届いてました", "person", "吉田"),
    ("人事部の安田です。", "person", "安田"),
    ("平田 様\nご注文ありがとうございます", "person", "平田"),
    ("大野 誠一（おおの せいいち）", "person", "大野 誠一"),
    ("姓：宇佐美　名：玲奈", "person", "宇佐美"),
    ("出席者（敬称略）：勅使河原、小鳥遊", "person", "勅使河原"),
    # a lone surname in plain context: reported since the name model rescored candidates (the rules alone did not)
    ("佐藤のこと", "person", "佐藤"),
    ("経理の山田ですが、請求書の件で", "person", "山田"),  # a surname introducing oneself
    # read from blind set 15 after its first run
    ("Room 1201: TAKEDA Shiori (PP: MZ2207761)", "passport", "MZ2207761"),
    ("MZ5120348 ←これ俺のパスポート番号なんだけど", "passport", "MZ5120348"),
    ("旅券番号を入力してください。\nRen：tz0318827", "passport", "tz0318827"),
    ("保険証　記号　710 2 0　番号　18 3", "health_insurance", "記号　710 2 0　番号　18 3"),
    ("保険者番号　0613 0427", "health_insurance", "0613 0427"),
    ("被保険者証 記号番号：見本い 10472", "health_insurance", "記号番号：見本い 10472"),
    ("国民健康保険被保険者証\n記号　見本　21\n番号　008814", "health_insurance", "記号　見本　21\n番号　008814"),
    ("ゆうちょしかないけど大丈夫？\n10170-59302841", "bank_account", "10170-59302841"),
    ("長女が2024年5月12日に誕生しました", "birth_date", "2024年5月12日"),
    ("来週だいきの誕生日やけん、ケーキ買うとって？6月9日で28になるっちゃん", "birth_date", "6月9日"),
    ("おたんじょうび9がつ18にちだよね", "birth_date", "9がつ18にち"),
    ("生年月日　　Ｈ ２． １． ２", "birth_date", "Ｈ ２． １． ２"),
    ("Date of Birth: 1993 / 06 / 02", "birth_date", "1993 / 06 / 02"),
    ("控除対象配偶者：井上 真理（1986.02.17）", "birth_date", "1986.02.17"),
    ("扶養親族：井上 蓮（長男・2012.06.30）", "birth_date", "2012.06.30"),
    ("ｾｲﾈﾝｶﾞｯﾋﾟ:19880422", "birth_date", "19880422"),
    ("Room 1201 (Twin): TAKEDA Shiori (PP: MZ2207761)", "person", "TAKEDA Shiori"),
    ("- Haruto Ikeda (Sales) — received", "person", "Haruto Ikeda"),
    ("こんにちは、Sophie Martinです。", "person", "Sophie Martin"),
    ("借主（乙）：Nguyen Van Minh（グエン・ヴァン・ミン）", "person", "Nguyen Van Minh"),
    ("mai: kyou nomi ikeru?\nryo: ikeru!", "person", "mai"),
    ("hey! Taichi here 👋 just landed", "person", "Taichi"),
    ("明日はTanaka-sanの代わりに出ます", "person", "Tanaka"),
    ("Please review it by Friday, and cc Yuki on the thread.", "person", "Yuki"),
    ("氏　　名　熊 谷 直 美\n金融機関名　架空信用金庫", "person", "熊 谷 直 美"),
    # read from blind set 16 after its first run
    (
        "免許証の番号読み上げるで\n「よんごー、いちなな、ぜろろく、はちぜろ、にーにー、よんいち」",
        "drivers_license",
        "よんごー、いちなな、ぜろろく、はちぜろ、にーにー、よんいち",
    ),
    (
        "えっと、サンプル銀行の、ひがし見本支店、普通で、いち、なな、ご、ぜろ、さん、に、きゅう、です",
        "bank_account",
        "サンプル銀行の、ひがし見本支店、普通で、いち、なな、ご、ぜろ、さん、に、きゅう",
    ),
    ("口座番号これであってる？\nﾐﾎﾝｷﾞﾝｺｳ ｶｸｳｼﾃﾝ (普) 3008157", "bank_account", "ﾐﾎﾝｷﾞﾝｺｳ ｶｸｳｼﾃﾝ (普) 3008157"),
    ("氏名\t銀行\t支店\t種別\t口座番号\n村田 優子\t例示銀行\t見本橋支店\t普通\t3210648", "bank_account", "3210648"),
    ("運転免許証で確認済\n個人番号は通知カードのコピーから　7045-1829-3645", "my_number", "7045-1829-3645"),
    ("基礎年金番号　4301 – 205918", "pension_number", "4301 – 205918"),
    ("年金の番号は「4670 の 129385です」", "pension_number", "4670 の 129385"),
    ("ｷｿﾈﾝｷﾝﾊﾞﾝｺﾞｳ　3 1 0 8 - 6 5 4 2 7 9", "pension_number", "3 1 0 8 - 6 5 4 2 7 9"),
    ("基礎年金番号　1 2 3 4 5 6 7 8 9 0　← 記入例\n基礎年金番号　6019　448302", "pension_number", "6019　448302"),
    ("番号が、〇九〇の〇〇〇〇の四一七八です。", "phone", "〇九〇の〇〇〇〇の四一七八"),
    ("T E L 0 6 - 0 0 0 0 - 7 7 1 8", "phone", "0 6 - 0 0 0 0 - 7 7 1 8"),
    ("Tel: +86 138 0000 5521", "phone", "+86 138 0000 5521"),
    ("東京支店　〒105-0099　東京都港区架空町1-7-3　TEL 03-0000-3101", "address", "東京都港区架空町1-7-3"),
    ("石川県金沢市架空町ホ-21\n田村 道子", "address", "石川県金沢市架空町ホ-21"),
    (
        "売主　住所　東京都杉並区見本町四丁目\n　　　　　　　12番8号 見本荘 201",
        "address",
        "東京都杉並区見本町四丁目\n　　　　　　　12番8号 見本荘 201",
    ),
    ("Billing address: 44 Example Street, Springfield, IL 62704, USA", "address", "44 Example Street, Springfield, IL"),
    ("今月のお誕生日（8月号）\n水野 亜希さん（総務部）… 8月3日\n桜井さん… 8月17日", "birth_date", "8月3日"),
    ("1. MATSUDA KANA　TK4402718　1987/05/11", "birth_date", "1987/05/11"),
    ("被保険者証の記号番号は「14301207-44」でよろしいでしょうか", "health_insurance", "記号番号は「14301207-44"),
    ("保険証の番号を電話で聞かれてる\n→ 記号が 20185 で番号が 306", "health_insurance", "記号が 20185 で番号が 306"),
    ("PAX 1: SATO KENJI　DOB 1985-02-14　PPT MP0718264", "passport", "MP0718264"),
    ("店長〜！！ひなたちゃん今日熱出たから休むって", "person", "ひなた"),
    ("たっちゃん、昨日言うてた自転車な", "person", "たっちゃん"),
    ("名義はキムラアヤカ", "person", "キムラアヤカ"),
    ("グエン・ヴァン・ナムさん（技能実習生）の住所変更", "person", "グエン・ヴァン・ナム"),
    ("22:41\tみさき\tねえ来週誕生日じゃん\n22:41\tりこ\tえ、いつだっけ", "person", "みさき"),
    ("岸本 15:12\n本番の証明書更新\n岸本 15:13\nちなみに", "person", "岸本"),
    ("Name（氏名）: WANG Lihua / 王 麗華", "person", "WANG Lihua"),
    ("[10:02] Agent Miyu: お問い合わせありがとうございます", "person", "Miyu"),
    ("My wife Yuki and I are planning a trip", "person", "Yuki"),
    # read from blind set 17 after its first run
    ("2 0005 ﾐﾎﾝｷﾞﾝｺｳ       123 ｶｸｳﾁｮｳ         1 4471023 ﾅｶﾑﾗ ｹｲｺ", "bank_account", "4471023"),
    ("生年月日は昭和51年、11月8日です。", "birth_date", "昭和51年、11月8日"),
    ("夫になる人：田辺 大樹　平成4年9月12日", "birth_date", "平成4年9月12日"),
    ("氏名　前川 修一　様　男　1958/11/02", "birth_date", "1958/11/02"),
    ("PASSPORT: MA8127460  DOB: 14FEB85", "birth_date", "14FEB85"),
    ("🎂2000.1.7｜大阪→東京", "birth_date", "2000.1.7"),
    ("ご報告です👶\n2024年5月18日、3,120gの元気な女の子が生まれました", "birth_date", "2024年5月18日"),
    ("8691234って実家の郵便番号で合ってた？", "postal_code", "8691234"),
    ("市役所の本庁舎は個別番号の390-8688です", "postal_code", "390-8688"),
    ("お客様：はい、えー、二三〇八、五一七四〇二です。年金の番号", "pension_number", "二三〇八、五一七四〇二"),
    ("・お客様：ハヤシ様（電話で受付、漢字不明）", "person", "ハヤシ"),
    ("まい：天神の駅から近いとこよ。予約はまいの名前でしとるけん\nけんと：了解", "person", "まい"),
    ("人事担当：グローバル人事 大橋（内線 5120）", "person", "大橋"),
    ("SCRIPT:echo 山田太郎さんの電話番号は090-0000-3333です", "person", "山田太郎"),  # the model may not drop it
    # read from blind set 18 after its first run
    (
        "扶養親族\n続柄　氏名　　　　　生年月日　　個人番号\n配偶者　清水 あゆみ　S62.06.14　6952 0102 1640　○",
        "my_number",
        "6952 0102 1640",
    ),
    (
        "見本銀行の、えー、駅前支店で、普通で、番号が一七〇五三九二です。",
        "bank_account",
        "見本銀行の、えー、駅前支店で、普通で、番号が一七〇五三九二",
    ),
    ("振込先指定口座　金融機関名 架空銀行　支店名 栄町　預金種別 普通　口座番号 2208165", "bank_account", "2208165"),
    ("Bank: Sample Bank, Mihon branch\nAccount No.: 3310 4482", "bank_account", "3310 4482"),
    ("年金受取口座：見本農業協同組合 本所 普通 0041275", "bank_account", "見本農業協同組合 本所 普通 0041275"),
    ("旅券番号 / Passport No.　T Z6204581", "passport", "T Z6204581"),
    ('{"doc":{"type":"P","no":"TR6118402","exp":"2032-05-01"}}', "passport", "TR6118402"),
    ("国民健康保険証　記号 ミホン　番号 102247", "health_insurance", "記号 ミホン　番号 102247"),
    ("| 保険者証の記号・番号 | 8820・15 |", "health_insurance", "8820・15"),
    ("2組　お誕生日カレンダー（4〜6月）\n\n4月　3日　岡田 結衣\n4月19日　市川 翼", "birth_date", "4月　3日"),
    ("【1】大塚 正人様　1958.03.26　旅券 ME2205816", "birth_date", "1958.03.26"),
    ("再交付の対象者　被扶養者（長女 福田 瑞希　H22.4.25）", "birth_date", "H22.4.25"),
    ("看護師：生年月日は？\n患者：へいせい5年、12月9日…", "birth_date", "へいせい5年、12月9日"),
    ("Born on 9/9 とかゾロ目で覚えやすすぎる", "birth_date", "9/9"),
    ("[経理] 石井 10:42\n@kobayashi 口座教えて\n[経理] 小林 10:47\nすみません", "person", "石井"),
    ("【かずき】 入れん。ホワイトリスト入れて\n【みお】 うちも入りたい", "person", "かずき"),
    ("姓 / Surname　 KATAYAMA\n名 / Given name　 YUKI", "person", "KATAYAMA"),
    ('{"id":7,"kana":"ミヤザキ チヒロ"}', "person", "ミヤザキ チヒロ"),
    ("受付日 10/9　受付者 本田\nお客様名 ヤマザキ ミツル", "person", "本田"),
    ("保護者氏名：佐野 絵美　緊急連絡先：090-0000-1234", "person", "佐野 絵美"),
    ("E0001,Nguyen Van An,インフラエンジニア", "person", "Nguyen Van An"),
    # read from blind set 19 after its first run
    ("この郵便番号にハイフン入れて整形して：\n0600042\n9800014\n1500001", "postal_code", "0600042"),
    ("浅野様　453-0015　名古屋市中村区見本町3-4", "postal_code", "453-0015"),
    ("０６４０８２０　札幌市中央区架空西５丁目２－１", "postal_code", "０６４０８２０"),
    ("参加者名簿\n1. 宮崎 里奈　TR7402519\n2. 宮崎 蒼　TR7402520（お子様・7歳）", "passport", "TR7402519"),
    ("先輩「6桁は国保。132058 なら東京のどっかの区だね」", "health_insurance", "132058"),
    ("被保険者証・被保険者手帳の記号・番号　8 0 1 2・5 5 7", "health_insurance", "記号・番号　8 0 1 2・5 5 7"),
    ("受診日,氏名,保険者番号,記号,番号\n2025/05/12,佐野 美和,06131182,5021,337", "health_insurance", "06131182"),
    ("Attendees: Sato, Kobayashi, Emily, Raj", "person", "Sato"),
    ("BEGIN:VCARD\nVERSION:3.0\nN:Ishiguro;Nanami;;;", "person", "Ishiguro"),
    ("班長　鬼頭　見たら印を押して次の方へ\n鬼頭㊞　春日㊞　宮腰㊞", "person", "鬼頭"),
    ("10483\tＭａｒｉａ　Ｓａｎｔｏｓ\t080-0000-1111", "person", "Ｍａｒｉａ　Ｓａｎｔｏｓ"),
    # read from blind sets 20 and 21 after their first runs
    ("対象口座：本店営業部 普通 1002893", "bank_account", "本店営業部 普通 1002893"),
    ("口座番号：［　４４０１９２８　］", "bank_account", "４４０１９２８"),
    ("ご依頼主\n〒 530 0000\n大阪府大阪市北区架空町1-2-3", "postal_code", "〒 530 0000"),
    (
        "住　所　　埼玉県さいたま市浦和区見本 町 ３丁目 ７番 ２号",
        "address",
        "埼玉県さいたま市浦和区見本 町 ３丁目 ７番 ２号",
    ),
    ("購入者IP：2001:db8:3c4d:15::1a2f", "ip_address", "2001:db8:3c4d:15::1a2f"),
    ("ご質問は hayama.s[at]example.org まで", "email", "hayama.s[at]example.org"),
    ("患者氏名：大塚 清　昭和22年1月8日生　77歳 男性", "birth_date", "昭和22年1月8日"),
    ("契約者　岡田 浩二　1978.09.02（45歳）", "birth_date", "1978.09.02"),
    ("ご契約者 佐藤 美帆 様　平成9年1月23日", "birth_date", "平成9年1月23日"),
    (
        "受診者一覧（健保組合）\nNo,受診日,氏名,生年月日,記号番号\n2,E10502,吉村 翼,1995-01-26,記号 5120 番号 518",
        "health_insurance",
        "記号 5120 番号 518",
    ),
    ('{"hokensha_no": "06131158", "kigou_bangou": "7-2215"}', "health_insurance", "06131158"),
    ('[{"name":"KIMURA/SOTA","doc":"TZ6602183"}] passengers', "passport", "TZ6602183"),
    ("1 0.000000 192.168.100.12 → 198.51.100.200 TCP 74", "ip_address", "192.168.100.12"),
    ("口座名義（カナ）：アサノ ヨウスケ", "person", "アサノ ヨウスケ"),
    ("氏名　（フリガナ）ハヤシ ユウコ　林　優子", "person", "ハヤシ ユウコ"),
    ("新入部員\n小鳥遊 ひより（たかなし）", "person", "小鳥遊 ひより"),
    ("Agent (Sato): お問い合わせありがとうございます\nAgent (Sato): 確認できました", "person", "Sato"),
    ("見本銀行 架空支店 普通 4827163 スズキ ケンタ", "person", "スズキ ケンタ"),
    ("ﾌﾘｶﾞﾅ　ｽｽﾞｷ ﾘｮｳﾀ\n氏名　鈴木 亮太", "person", "ｽｽﾞｷ ﾘｮｳﾀ"),
    ("見本カードサポートセンター、担当ハヤシでございます。", "person", "ハヤシ"),
    ("相談者：NGUYEN THI LAN（グエン ティ ラン）", "person", "NGUYEN THI LAN"),
    # read from blind set 22 after its first run
    ("Server: 2001:db8:1f70::999:de8:7648:6e8\nUptime: 42 days", "ip_address", "2001:db8:1f70::999:de8:7648:6e8"),
    ("Account locked for taro@example.com, last seen IP 203.0.113.12.", "ip_address", "203.0.113.12"),
    ("tcpdump: 192.168.1.45.52344 > 192.0.2.80.443: Flags [S]", "ip_address", "192.168.1.45"),
    ("301 水野 清 S32.2.11 090-0000-1180", "phone", "090-0000-1180"),
    ("ｼﾒｲ ﾅｶｼﾞﾏ ﾕｳｽｹ\nﾃﾞﾝﾜ 045-0000-1234", "phone", "045-0000-1234"),
    ("送付した年金番号は私のだった。父のは 0912-340058。ややこしい", "pension_number", "0912-340058"),
    # read from blind set 23 after its first run
    ("口座番号って通帳の表紙のこれですか？2048316って書いてあります", "bank_account", "2048316"),
    ("経費の振込、3391207（会社の普通口座）に入れておきました", "bank_account", "3391207"),
    ("口座番号1234567に振り込んで、残りは来月", "bank_account", "1234567"),
    ("export dst_bank=0005 branch=118 acct=5512093 amount=8800", "bank_account", "5512093"),
    ("見本銀行 中町支店 普通預金 No.4401982　ヤマダ ハナコ", "bank_account", "見本銀行 中町支店 普通預金 No.4401982"),
    (
        "免許の更新に行ってきた。写真は撮り直しだけど番号はそのまま３０１９１５６８２０４１やった",
        "drivers_license",
        "３０１９１５６８２０４１",
    ),
    ("免許証をスキャンしたら 3O1915O68204 と読まれた", "drivers_license", "3O1915O68204"),
    ("第621904420157号　森 一郎\n以上、講習の受講者です。", "drivers_license", "621904420157"),
    ("本人確認で生年月日を伺うと「えっと、1983年の10月の1日です」とのこと", "birth_date", "1983年の10月の1日"),
    ("生年月日は平成元年の、四月、二十日です", "birth_date", "平成元年の、四月、二十日"),
    ("旅券番号TZ4409126、性別M、生年月日05 MAY 1999、発行日24 JUL 2022", "birth_date", "05 MAY 1999"),
    ("被保険者：斉藤 智美（1985.12.01）", "birth_date", "1985.12.01"),
    ("同行者　HARA SHUN（2015.04.27）", "birth_date", "2015.04.27"),
    ("生年月日欄が「1990年5月9日」ですが、住民票では「1990年5月19日」となっています", "birth_date", "1990年5月9日"),
    (
        "郵便番号、９８０－０００１と全角で入れたら弾かれた\n→半角で9800001にしたら通った",
        "postal_code",
        "９８０－０００１",
    ),
    ("Could you send me the postal code of the new office? I think it's 106-0032.", "postal_code", "106-0032"),
    ("Office: Osaka-fu Osaka-shi Chuo-ku Mihoncho 2-4-8", "address", "Osaka-fu Osaka-shi Chuo-ku Mihoncho 2-4-8"),
    ("〒600-8001\n京都市下京区架空通四条下ル見本町258", "address", "京都市下京区架空通四条下ル見本町258"),
    ("住 所 北海道札幌市中央区北3条西 架空 7丁目 1- 5", "address", "北海道札幌市中央区北3条西 架空 7丁目 1- 5"),
    (
        "折り返しお願いします。番号はゼロ三の、ゼロゼロゼロゼロの、六七八九です",
        "phone",
        "ゼロ三の、ゼロゼロゼロゼロの、六七八九",
    ),
    ("先生、はるとの保護者です。昨日から熱を出しておりまして", "person", "はると"),
    ("本日は娘のひなたがお休みします。", "person", "ひなた"),
    ("お世話になってます、そうまの母です。", "person", "そうま"),
    ("熱があるため病院に行ってきます。平田 ひなたの母より", "person", "平田 ひなた"),
    ("名前は陽向（ひなた）にした！", "person", "陽向"),
    ("新歓のグループ作った。しょうた、ゆうき、はるか招待しといて", "person", "しょうた"),
    ("緊急連絡網\n山下 → 中島 → 石井", "person", "山下"),
    ("3組\n1 青木→2 石井→3 宇野→4 江口", "person", "青木"),
    ("提出がまだの人：相馬、新垣、日比野（敬称略）", "person", "相馬"),
    ("次回は服部専務の都合で12/10に延期。", "person", "服部"),
    ("保険証確認済。\n吉村様　要：高額療養費の案内", "person", "吉村"),
    ("(有)架空運送\t堺市北区見本台8-14\t072-000-5861\t担当 西岡", "person", "西岡"),
    ("お客様 Lee Min-jun 様よりお問い合わせ。", "person", "Lee Min-jun"),
    ("DBの接続先を切り替えました。再起動は不要です。—Kobayashi」", "person", "Kobayashi"),
    ("Could you register it?\nThx, Ken", "person", "Ken"),
    ("Attendees: Sato, Lisa\n- Ogura will follow up with the vendor", "person", "Sato"),
    ("- Ogura will follow up with the vendor", "person", "Ogura"),
    # read from blind set 24 after its first run
    (
        "生年月日は、しょうわ、よんじゅうごねん、じゅうがつ、にじゅうよっかです。",
        "birth_date",
        "しょうわ、よんじゅうごねん、じゅうがつ、にじゅうよっか",
    ),
    ("ちーちゃんおたおめ〜🎂 10/8ってことは天秤座やん", "birth_date", "10/8"),
    ("Q. 生年月日を入力するとエラーになります\n入力内容：２０００年２月３日", "birth_date", "２０００年２月３日"),
    ("402-1　横山 つや子　T14.8.30　　主治医：星野", "birth_date", "T14.8.30"),
    ("お誕生会のお知らせ\nゆうとくん（6月18日）とりこちゃん（6月25日）をまとめてお祝いします", "birth_date", "6月18日"),
    (
        "オペレーター：お名前と生年月日をお願いいたします。\nお客様：西村 陽子です。えっと、1985年の6月21日です。",
        "birth_date",
        "1985年の6月21日",
    ),
    ("・先方担当：原口さん（内線なし、直通 048-000-7712）", "phone", "048-000-7712"),
    ("電話：(0120)000-321は受付窓口です", "phone", "(0120)000-321"),
    ('{"contact":{"phone":"+81-80-0000-1947"},"license":"301800001234"}', "phone", "+81-80-0000-1947"),
    ("東京都渋谷区架空2-21-1\nT 03.0000.4460  M 090.0000.2784", "phone", "03.0000.4460"),
    ("（個人番号）4 1 3 0 5 5 1 6 9 5 4 6", "my_number", "4 1 3 0 5 5 1 6 9 5 4 6"),
    ("お問い合わせは info★example.co.jp までお願いいたします。", "email", "info★example.co.jp"),
    (
        '"6040000","京都府京都市中京区架空町通見本上る サンプル町123","西田 康介"',
        "address",
        "京都府京都市中京区架空町通見本上る サンプル町123",
    ),
    (
        "振込先\nサンプル銀行\nみなと支店\n普通 3318752\nｵｵﾂｶ ｼﾝｼﾞ",
        "bank_account",
        "サンプル銀行\nみなと支店\n普通 3318752",
    ),
    ("お振込先 ﾐﾎﾝ ｷﾞﾝｺｳ ｶｸｳ ｼﾃﾝ ﾌﾂｳ 1029384", "bank_account", "ﾐﾎﾝ ｷﾞﾝｺｳ ｶｸｳ ｼﾃﾝ ﾌﾂｳ 1029384"),
    (
        "下記2名分の基礎年金番号をご教示ください。\n1. 上田様（11/1入社）\n2. 新井様（11/15入社）\n"
        "なお、上田様については前職の源泉徴収票に記載の番号 5013 662741 を確認済みです。",
        "pension_number",
        "5013 662741",
    ),
    ("スタッフ登録票\nなまえ：ほんだ みく\nれんらくさき：070-000-1234", "person", "ほんだ みく"),
    ("（留守電の書き起こし）\nえー、はい、もりたです。あの、昨日お願いした件なんですが", "person", "もりた"),
    ("ご担当：ﾀｶﾀﾞ様\n下記のとおり請求書を発行いたします。", "person", "ﾀｶﾀﾞ"),
    ("ご購入者：ｻｶｲ ﾘｮｳｺ 様\nお支払い：VISA", "person", "ｻｶｲ ﾘｮｳｺ"),
    ("（ゆい）さっき連絡あってさ\n（まゆ）え、なんて？", "person", "ゆい"),
    ("（まゆ）え、なんて？\n（ゆい）来週やるって", "person", "まゆ"),
    ("401-1　菊地 シヅ　　S7.11.3　　主治医：原", "person", "菊地 シヅ"),
    ("受付 2024/02/05 担当浜田", "person", "浜田"),
    ("旅券番号 TZ1847260\n姓/Surname\nYAMAGUCHI\n名/Given name\nNAOKI", "person", "YAMAGUCHI"),
    # read from blind set 25 after its first run
    ("加入者名簿\nNo.1 KATO YUSUKE / TR6622918 / DOB 1988-07-21\nNo.2 KATO MAI / TR6622919", "passport", "TR6622918"),
    ("【乗船名簿】\n1. SUZUKI MASAO — MZ5501183\n2. SUZUKI HIROKO — MZ5501184", "passport", "MZ5501183"),
    ("Bank: Mihon Bank\nAccount: Ordinary 5530127\nAccount holder: KATO", "bank_account", "5530127"),
    ("B社：T-6936-4533-66703", "corporate_number", "6936-4533-66703"),
    ("・2001:db8:4400:c00::5f：注文 9件", "ip_address", "2001:db8:4400:c00::5f"),
    ("ゆうびんばんごうが、三三〇の〇八四三、で、埼玉県", "postal_code", "三三〇の〇八四三"),
    ("相談者：岩手県盛岡市架空町二丁目十四の六です。", "address", "岩手県盛岡市架空町二丁目十四の六"),
    ("会員番号;氏名;生年月日;性別\n100483;木下 涼;19890217;M", "birth_date", "19890217"),
    ("誕生月・日：5月5日（お誕生月にクーポンをお送りします）", "birth_date", "5月5日"),
    ("児童：よしおか はるな　令和3年6月27日", "birth_date", "令和3年6月27日"),
    ("配偶者　福田 奈々　1993/07/14　個人番号 400406878366", "birth_date", "1993/07/14"),
    ("①近藤 悠真　基礎年金番号 1140-662093　平成10年2月22日", "birth_date", "平成10年2月22日"),
    ("代表者　松田 千尋（マツダ チヒロ）　1992.04.17", "birth_date", "1992.04.17"),
    ("子どもたちの個人番号も教えてください。\n→ 長男 大輔：4749-4698-3324", "person", "大輔"),
    ("担当：情シス 堀（内線 4402）", "person", "堀"),
    ("このたび長女が誕生いたしました。\n名前　千夏（ちなつ）", "person", "千夏"),
    ("LINEは前のままや。コウジにも回しといて", "person", "コウジ"),
    ("遠征の件、りおも行くなら4人で確定やね", "person", "りお"),
    ("参加：安藤、上田、菊地、Watanabe（敬称略）", "person", "安藤"),
    ("questionsはKentaか私まで", "person", "Kenta"),
    # read from blind set 26 after its first run
    ("依頼人,銀行,支店,種目,口座番号,受取人\n8801,0009,218,1,4077192,ﾔﾏﾓﾄ ｹｲｺ", "bank_account", "4077192"),
    (
        "他行からの振込用：〇一八（ゼロイチハチ）店　普通　3887246",
        "bank_account",
        "〇一八（ゼロイチハチ）店　普通　3887246",
    ),
    ("吉田様の口座番号欄が「12345O6」となっており、7桁目が英字です", "bank_account", "12345O6"),
    (
        "ゼミ合宿参加者名簿\nHayato Ishii / TS1182204 / 法学部2年\nMio Kondo / TS1190578 / 経済学部3年",
        "passport",
        "TS1182204",
    ),
    ("被保険者記号番号,枝番,氏名,続柄\n2205-118,00,松本 誠,本人", "health_insurance", "2205-118"),
    ("保険証の記号「8812」番号「305」で合ってる？", "health_insurance", "記号「8812」番号「305"),
    ("個人番号　2093  3041 4908", "my_number", "2093  3041 4908"),
    ("請求書は登録番号 T4929006046214 で発行済", "corporate_number", "4929006046214"),
    ("（父）　沖縄県うるま市見本1234番地　098-000-7755", "phone", "098-000-7755"),
    ("新しい住所が、大阪市西区見本町二丁目の八の十二、ですね", "address", "大阪市西区見本町二丁目の八の十二"),
    ("お子さま①　ひなたちゃん　2019年10月4日", "birth_date", "2019年10月4日"),
    ("氏名 松尾 千晴　　フリガナ マツオ チハル", "person", "松尾 千晴"),
    ("理事長　野村（301号室）", "person", "野村"),
    ("お祝いメッセージ「Happy Birthday Naomi」", "person", "Naomi"),
    # read from blind set 27 after its first run
    ("売主：村田 恭平\n住所：見本県架空市本町5-2-9", "address", "見本県架空市本町5-2-9"),
    ("〒一五四－〇〇〇〇\n東京都世田谷区架空町二ノ十八ノ七\n粕谷 孝", "address", "東京都世田谷区架空町二ノ十八ノ七"),
    (
        "被災住宅の所在地　岩手県岩手郡架空村大字見本第12地割45番地",
        "address",
        "岩手県岩手郡架空村大字見本第12地割45番地",
    ),
    ("ｼﾞｭｳｼｮ: ﾄｳｷｮｳﾄ ﾈﾘﾏｸ ﾐﾎﾝﾁｮｳ 4-3-9", "address", "ﾄｳｷｮｳﾄ ﾈﾘﾏｸ ﾐﾎﾝﾁｮｳ 4-3-9"),
    (
        "オペレーター：運転免許証の番号、12桁の番号をお願いいたします。\nお客様：621408835210です。",
        "drivers_license",
        "621408835210",
    ),
    ("件名：出張手配のお願い（松田・菅原）", "person", "松田"),
    ("幹事一同（八木・栗田・ほりうち）", "person", "八木"),
    ("出席者：伊達（部長）、蒲生、最上、相良、Chen（敬称略）", "person", "伊達"),
    ("【引継ぎメモ】野口→石川\n・A社への支払は毎月25日。", "person", "野口"),
    ("今の旅券は旧姓宮下、新姓佐野。", "person", "宮下"),
    ("Given Name: MAI\nDocument Type: P", "person", "MAI"),
    # read from blind set 28 after its first run
    ('{"doc":"DL","doc_no":"511802274480","result":"OK"}', "drivers_license", "511802274480"),
    ("Name: Mai Fujiwara\nDL #: 320300558127 (JAPAN) + IDP", "drivers_license", "320300558127"),
    (
        "通知カードの番号を口頭で確認→一五九三 三七五二 三五七八\n本人確認書類：運転免許証",
        "my_number",
        "一五九三 三七五二 三五七八",
    ),
    (
        "1. HIRATA KOICHI / M / 1955-03-18 / TK1190352\n2. HIRATA YOSHIKO / F / 1958-12-01 / TK1190353",
        "passport",
        "TK1190352",
    ),
    ("1. HIRATA KOICHI / M / 1955-03-18 / TK1190352", "birth_date", "1955-03-18"),
    ("氏　名　菊 池　 正 樹\n生年月日　 Ｓ ４８ ． ３ ． １６", "birth_date", "Ｓ ４８ ． ３ ． １６"),
    ("担当：司法書士 宮崎", "person", "宮崎"),
    ("申請者：営業部 杉山\n同乗者：秋山、Brown", "person", "杉山"),
    ("1号車 運転：中村（免許 302104418860）同乗：西川、平井、石原", "person", "中村"),
    # read from blind set 29 after its first run
    ("ゆき：ゆうこの誕生日っていつやったっけ？\nまい：11月3日やで！文化の日やから覚えやすい", "birth_date", "11月3日"),
    ("本人：吉田 トメ（大正15.1.7生）", "birth_date", "大正15.1.7"),
    ("1    KIMURA AOI            21 OCT 1990   F", "birth_date", "21 OCT 1990"),
    ("INSERT INTO members VALUES ('桜井 萌', '2000-01-01', 'moe@example.com');", "birth_date", "2000-01-01"),
    ("他金融機関からの振込用：店名 三一八 普通 5566778", "bank_account", "店名 三一八 普通 5566778"),
    (
        "出張者リスト\n服部 / TK7001234 / 免許 301577001122\n浜田 / TK7001235 / 免許 301577001123",
        "passport",
        "TK7001234",
    ),
    ("旅行の書類まとめ：パスポ MZ2233445", "passport", "MZ2233445"),
    ("うちの場合は5311-047283みたいな4桁-6桁のやつでした（年金手帳）", "pension_number", "5311-047283"),
    ("Yuto > 今日のミーティング15分遅れます\nNanami > おけ", "person", "Yuto"),
    ("PASSPORT:MU3344556 / SURNAME:NISHIDA / GIVEN:KOTA", "person", "NISHIDA"),
    ("・仲介担当 樋渡　直通 083-000-6602", "person", "樋渡"),
    # read from blind set 30 after its first run
    ("お名前: 山田 花子\n郵便番号: 150 0041", "postal_code", "150 0041"),
    ("石川 太朗 様  M  1950-08-15\n血液型 A(+)", "birth_date", "1950-08-15"),
    ("ｾｲﾈﾝｶﾞﾂﾋﾟ：19720810", "birth_date", "19720810"),
    ("1. 小松 春香　7-060411　基礎年金番号 1207 481234", "birth_date", "7-060411"),
    ("成人式だね。着物姿、楽しみにしてます！　叔母 京子より", "person", "京子"),
    ("< トーク\nけいこさん\nじゃあ送り先ここね", "person", "けいこ"),
    ("Ticket #55102 — Customer Yuto Kimura reports double charge", "person", "Yuto Kimura"),
    ("KAZUYA  OGAWA 様\nご請求金額", "person", "KAZUYA  OGAWA"),
    # read from blind set 31 after its first run
    (
        "P<JPNKATO<<MASATO<<<<<<<<<<<<<<<<<<<<<<<<<<<\nTK4458102<6JPN8804127M3107225<<<<<<<<<<<<<<02",
        "passport",
        "TK4458102",
    ),
    (
        "P<JPNKATO<<MASATO<<<<<<<<<<<<<<<<<<<<<<<<<<<\nTK4458102<6JPN8804127M3107225<<<<<<<<<<<<<<02",
        "birth_date",
        "880412",
    ),
    ("1 WATANABE Yuto　MS4401287　1990.05.17\n2 WATANABE Nana　MS4401295　1992.10.03", "passport", "MS4401287"),
    ("返戻理由：資格喪失後受診\n斉藤 達也　記号 4471 番号 208　受診日 9/12", "health_insurance", "記号 4471 番号 208"),
    ("Billing address: 4-1-7 Kakuchō, Naka-ku, Hiroshima 730-0011", "address", "4-1-7 Kakuchō, Naka-ku, Hiroshima"),
    ("用件：転入届。旧住所 秋田県横手市見本町字前田12", "address", "秋田県横手市見本町字前田12"),
    (
        "〒460-0008　愛知県名古屋市中区サンプル 1 - 2 - 3\nT E L　052 - 000 - 0000",
        "address",
        "愛知県名古屋市中区サンプル 1 - 2 - 3",
    ),
]

NEGATIVES = [
    "注文番号 0312345678 の商品",  # a number in an order context is not a phone
    "商品コード090-0000-3333",
    "内線 0312345678",
    "123456789012は適当な数字",  # fails the My Number checksum
    "4111-1111-1111-1112",  # fails Luhn
    "ISBN 978-4-00-000000-0",
    "バージョン1.2.3.4に更新",
    "v10.0.0.1 をリリース",
    "松本の天気はどう？",  # a place after no relation word
    "織田信長が本能寺の変で倒れた",  # a historical figure is not personal data
    "店員さんに聞いてみて",  # a role, not a name
    "受取人：架空工業株式会社",  # an organisation after a label
    "立てこもり事件の交渉人が出てくる",  # a dictionary word ending in what could be a given name
    "個人投資家としての損切り",
    "時刻は10:30:45です",
    "ファームウェア 4.12.0.7 の変更点",
    "JANコード 4901234567894",
    "例: 郵便番号は 000-0000 の形式",
    "夏目漱石の『こころ』を読んで感想文を書いた",  # a public figure and a work
    "大谷翔平選手がホームランを打った",
    "村上春樹の新刊が発売された",
    "Sales Manager, Example Trading Co., Ltd.",
    "Tokyo Osaka trip",
    "大谷翔平のホームラン、今日も出たね！",  # a listed public figure
    "東野圭吾のミステリーが好き",
    "部品番号 A0123-456-789",
    "GoogleのパブリックDNSは8.8.8.8です。",  # a public resolver
    "郵便番号を入力してください（例：123-4567）",
    "名前を教えて",
    "会議は3月3日です",  # a date without birth context
    "福岡県架空市あたりに住んでいます",  # city level is not an address
    "一人で三月に京都へ",
    "2024年の予定",  # a date without birth context
    "東京都に住んでいます",  # a prefecture is not an address
    "今日は晴れです",
    "電話で話そう",
    "サブネットマスクは 255.255.255.0 です",  # a netmask, localhost and ranges are nobody's address
    "127.0.0.1 localhost",
    "プライベートIPアドレスの範囲：10.0.0.0/8",
    "User-Agent: Chrome/126.0.0.0",
    "Message-ID: <20240507012231.A1B2C3@mail.example.org>",
    "お荷物番号：4417-2290-8836",  # a parcel number that passes the My Number check digit
    "竈門炭治郎の誕生日は7月14日らしい",  # a fictional character's published birthday
    "令和5年4月1日付で本社経理部に異動",  # a date that is not a birth date, near no birth word
    "薬剤師さんに聞くべき？",  # a role before an honorific
    "ご愁傷様です",
    "元カノのインスタ、見れる？",  # a service is not a person
    "請　求　書",  # letter-spaced title
    "広島と長崎に原爆が投下された",  # places listed together
    "この旅券番号は英字2桁と数字7桁です。例えば「AB1234567」のような形式です",
    "TK2209315\nこの番号は旅券番号ではなく、予約番号です",
    "（ご記入例）見本銀行 ○○支店 普通 1234567",
    "うちのコタロウ（柴犬♂）、2018年5月5日生まれで今日6歳になりました",
    "うちの犬の誕生日は2019年5月12日！",
    "2/23 天皇誕生日、3/20 春分の日、4/29 昭和の日",
    "作者の尾田栄一郎は1975年1月1日生まれ",
    "在庫表\nJAN: 4901234567894\nJAN: 4987654321098",
    "行先 Destination：Ho Chi Minh City, Vietnam",
    "撹拌 300 rpm × 15 min、25.0 ℃",
    "Kobe Beef and Sake Tasting Tour",
    "第102代内閣総理大臣の石破茂氏は就任した。石破氏は鳥取県出身",
    "保険証の「記号」「番号」（例：記号 1234 番号 56）を返信にてお知らせください",
    "4512345678908　からあげ用ミックス粉 500g",
    "依存ライブラリ libfoo を 1.10.2.3 → 1.11.0.1 に更新",
    "メニュー：コーヒー・ココア・ミルク",
    "おばあちゃんと赤ちゃん",
    "保険契約者　同上",
    "当店は2015年10月10日に誕生しました。",
    "履　歴　書　　　　2024年11月1日現在",
    "割り箸（竹）　　4987654321254　100　 ¥330",
    "オーナー様へ",
    "HbA1c　6.8 H　4.6-6.2 %",
    "問い合わせを受け付けました。\n受付番号：2024-0412-0087",
    "Meet me at example.com tomorrow",
    "libfoo 1.2.3.4.5 にアップデート",
    "名：もも（トイプードル・メス）\n誕生日：2019年5月1日\n前回ワクチン：2024/06/10",
    "5さいのおたんじょうびかい🎂\nひにち：12月7日（土）14時〜",
    "遺失届出受理番号　第2024-1103-0457号",
    "例：2000年2月29日生まれの人は、うるう年でない年は2月28日に加齢する",
    # read from blind set 23 after its first run
    "※年金番号の例として「1234-567890」のような形式が記載されています",
    "（ご記入例）見本銀行 ○○支店 普通 1234567 ミホン タロウ",
    "お荷物問い合わせ番号 5012-9934-6628\nドライバー直通は不在票をご覧ください",
    "古物商許可 第301234567890号",
    "今日はいい天気、縁側でひなたぼっこ",
    "出張先：東京・大阪・名古屋",
    "セルの書式を文字列にしてから貼り直して。元の値は消えてないはず",
    # read from blind set 24 after its first run
    "失業等による申請：有",
    "広島と長崎に原爆が投下された",
    "参加日：2024年10月5日（土）13:00〜\n会場：見本ホール",
    "大正12年9月1日は関東大震災の日",
    "ルフィの誕生日（5月5日）にカフェ行く人〜？",
    "いちがつ、にがつ、さんがつ",
    # read from blind set 25 after its first run
    "ネットで新幹線の切符取るから（東京→新大阪 のぞみ 3/20 8:00発）",
    "天神の店やろ？予約しとーけん、場所は店に聞いてみりぃ",
    "大阪・名古屋も真夏日の予想です。",
    "領収書：要",
    "「ねんきん定期便」の見方",
    "竈門炭治郎の誕生日は7月14日らしい。コラボカフェは2025年4月1日〜5月31日",
    "[2025-02-28 14:03:15] sudo: deploy : TTY=pts/0",
    "はるかに大きい",
    # read from blind set 26 after its first run
    "1　ヤマダ　タロウ　—　記入例",
    "送信者：架空税務署",
    "ぼく：免許の番号ってどこに書いてある？\nねーちゃん：写真の左やで",
    "賞品発送のため、7月10日までに住所と生年月日をご返信ください",
    "最終 ログ イン　2024/06/1 8 22:14",
    "被保険者記号番号,枝番,異動区分\n2205,00,追加",
    # read from blind set 27 after its first run
    "[Thu Jun 06 09:12:44.115 2024] [core:info] AH00094: Command line",
    "4,一般社団法人見本協会,4200000",
    "製品仕様\n型番：XJ-2040\n製造番号：202406110038",
    # read from blind set 28 after its first run
    "すきなものは カレーライスです。\nねんちょう さくら ぐみ",
    "ChatGPTさん、このカードで海外サイトの支払いできる？",
    # read from blind set 29 after its first run
    "基礎年金番号は「1234-567890」みたいな10桁、マイナンバーは12桁",
    "後継品は 1234567890130 です。",
    "トラッキング番号: 1Z 999 AA1 01 2345 6784（配送業者の追跡ページでご確認ください）",
    "カルテ転記：国保",
    # read from blind set 30 after its first run
    "IPv6 は fe80:: から始まるアドレスが振られています",
    "設定者：システム管理（2024/02/01 変更）",
    "おなまえ：",
    # read from blind set 31 after its first run
    "問1 次の元素の記号と原子番号を答えなさい。\n(1) 鉄　→ 記号 Fe　番号 26",
]


@pytest.mark.parametrize(("text", "kind", "expected"), POSITIVES)
def test_positive(text: str, kind: str, expected: str) -> None:
    found = [m for m in scan(text) if m.type == kind and m.score >= 0.5]
    assert found, scan(text)
    assert text[found[0].start : found[0].end] == expected


@pytest.mark.parametrize("text", NEGATIVES)
def test_negative(text: str) -> None:
    confident = [m for m in scan(text) if m.score >= 0.5]
    assert not confident, confident


def test_the_closest_label_decides_a_birth_date() -> None:
    text = "生年月日 H8.3.27／入社日 2019.4.1"
    births = [text[m.start : m.end] for m in scan(text) if m.type == "birth_date" and m.score >= 0.5]
    assert births == ["H8.3.27"]


def test_compact_view_maps_offsets_back() -> None:
    from sakimori.pii.view import compact_view

    view = pii_view("〒 3 9 0 - 0 8 7 4 と 昭和五十六年十月")
    compact, origin = compact_view(view)
    assert compact.startswith("〒390-0874")
    assert "昭和56年10月" in compact
    assert len(origin) == len(compact) + 1
    start = compact.index("56")
    assert view[origin[start] : origin[start + 2 - 1] + 1] == "五十六"
    plain = pii_view("変換のない文")
    assert compact_view(plain)[0] is plain


def test_field_label_reads_keys_and_headers_but_stays_bounded() -> None:
    from sakimori.pii.recognizers import field_label

    table = "id,name,pension\n1,山田,1234-567890"
    assert field_label(table, table.index("1234")).strip() == "pension"
    assert field_label('{"dob": "1990-01-01"}', 9) == "dob"
    long_line = "x," * 5000 + "1234"
    assert field_label(long_line, len(long_line) - 4) == ""  # no header above, and no scan of the whole line


def test_view_keeps_offsets_and_reads_digits() -> None:
    for text in ("０９０ー一二三四ー５６７８", "〇九〇の人", "ｔａｒｏ＠ｅｘａｍｐｌｅ．ｃｏｍ"):
        assert len(pii_view(text)) == len(text)
    assert pii_view("〇九〇ー一二三四ー五六七八") == "090-1234-5678"
    assert pii_view("一人") == "一人"


def test_checksums() -> None:
    assert is_corporate_number("7000012050002") and not is_corporate_number("7000012050003")
    assert corporate_number_check_digit("000012050002") == 7
    assert is_my_number("123456789018") and not is_my_number("123456789012")
    assert my_number_check_digit("12345678901") == 8
    assert is_luhn("4111111111111111") and not is_luhn("4111111111111112")


def test_detector_types_filter_and_bad_type() -> None:
    (verdict,) = PiiDetector(types=("email",)).detect([Message("電話 090-0000-1111 メール a@example.com")])
    assert [f.category for f in verdict.findings] == ["PII:email"]
    with pytest.raises(ValueError, match="unknown PII type"):
        PiiDetector(types=("shoe_size",))


def guard(mask: str = "placeholder", **pii: object) -> Guard:
    return Guard.from_policy({"detectors": ["pii"], "pii": {"action": "mask", "mode": mask, **pii}})


def test_issue_example_masking() -> None:
    decision = guard().check("山田太郎さんの電話番号は090-0000-3333です")
    assert decision.action is Action.MASK and not decision.unsafe
    assert decision.text == "[人名]さんの電話番号は[電話番号]です"
    assert {(f.category, f.start, f.end) for f in decision.findings} == {("PII:person", 0, 4), ("PII:phone", 12, 25)}


def test_mask_modes() -> None:
    text = "電話は090-0000-3333です"
    assert guard("char").check(text).text == "電話は＊＊＊＊＊＊＊＊＊＊＊＊＊です"
    assert guard("partial").check(text).text == "電話は＊＊＊-＊＊＊＊-3333です"
    per_type = guard(modes={"phone": "partial"}).check("佐藤様 090-0000-3333")
    assert per_type.text == "[人名]様 ＊＊＊-＊＊＊＊-3333"


def test_pseudonyms_are_reversible() -> None:
    text = "佐藤様と鈴木様、佐藤様の番号は090-0000-3333"
    decision = guard("pseudonym").check(text)
    assert decision.text == "[人名_1]様と[人名_2]様、[人名_1]様の番号は[電話番号_1]"
    answer = "[人名_1]様には[電話番号_1]へ折り返します。"
    assert restore(answer, decision.replacements) == "佐藤様には090-0000-3333へ折り返します。"


def test_pii_can_be_blocked_and_then_is_unsafe() -> None:
    decision = Guard.from_policy({"detectors": ["pii"], "pii": {"action": "block", "types": ["my_number"]}}).check(
        "マイナンバーは123456789018"
    )
    assert decision.action is Action.BLOCK and decision.unsafe


def test_bad_mask_policy() -> None:
    from sakimori import PolicyError

    with pytest.raises(PolicyError, match="unknown mask mode"):
        load_policy({"pii": {"mode": "blur"}})
    with pytest.raises(PolicyError, match="unknown mask mode"):
        load_policy({"pii": {"modes": {"phone": "blur"}}})


def test_megabyte_document_is_scanned() -> None:
    line = "架空商事の山田太郎さん（090-0000-1234、taro@example.com）に〒100-0001 東京都千代田区千代田1-1で会った。"
    text = line * (1_050_000 // len(line.encode()) + 1)
    assert len(text.encode()) > 1_000_000
    (verdict,) = PiiDetector().detect([Message(text)])
    phones = [f for f in verdict.findings if f.category == "PII:phone"]
    assert len(phones) == text.count("090-0000-1234")


def test_name_model_is_shipped_and_rescores_names_the_rules_miss() -> None:
    from sakimori.pii.name_model import load_name_model
    from sakimori.pii.names import rule_names

    assert load_name_model() is not None
    text = "昨日、翔太に聞いたら、佐藤が来週から大阪出張らしいよ。"
    rules = {text[m.start : m.end] for m in rule_names(text) if m.score >= 0.5}
    found = {text[m.start : m.end] for m in scan(text) if m.type == "person" and m.score >= 0.5}
    assert "佐藤" in found
    assert found >= rules - {"佐藤"}  # the model keeps what the rules were sure of here


def test_name_model_training_is_deterministic(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from pathlib import Path

    import numpy as np

    from sakimori.training.names import build_examples, train

    sample = tmp_path / "set.jsonl"
    sample.write_text(
        '{"id": "1", "text": "{{person|田中}}さんと{{person|翔太}}が来た。会議は3時から。"}\n'
        '{"id": "2", "text": "上司に相談したら、{{person|佐藤}}が対応するって。"}\n',
        encoding="utf-8",
    )
    features, labels = build_examples([Path(sample)])
    assert labels.sum() >= 2 and len(labels) > labels.sum()
    first, second = train(features, labels, epochs=2), train(features, labels, epochs=2)
    assert np.array_equal(first[0], second[0]) and first[1] == second[1]


def test_a_surname_that_is_a_place_is_not_repeated_as_a_name() -> None:
    text = "千葉さん、来月から千葉の支社に異動なんだって。"
    names = [text[m.start : m.end] for m in scan(text) if m.type == "person" and m.score >= 0.5]
    assert names == ["千葉"] and [m.start for m in scan(text) if m.type == "person" and m.score >= 0.5] == [0]


def test_a_confident_name_is_found_again_where_it_stands_alone() -> None:
    text = "許可は管理者のみ（2024/12 平田さん）\nallow 10.8.0.12;    # 平田が作業用PCで使う"
    starts = sorted(m.start for m in scan(text) if m.type == "person" and m.score >= 0.5)
    assert starts == [text.index("平田"), text.rindex("平田")]


@pytest.mark.parametrize(
    "text",
    [
        "No.1 HORI KEN　旅券 TK8827163　有効期限 2030/03/15",  # a date ahead is nobody's birth date
        "6/21\t19:30\tウィリアムズ様\t誕生日プレート",  # a booking's date and time
    ],
)
def test_dates_that_are_not_birth_dates(text: str) -> None:
    assert not [m for m in scan(text) if m.type == "birth_date" and m.score >= 0.5]


def test_a_broadcast_address_is_no_host() -> None:
    text = "inet 172.17.0.2/16 brd 172.17.255.255 scope global eth0"
    ips = [text[m.start : m.end] for m in scan(text) if m.type == "ip_address" and m.score >= 0.5]
    assert ips == ["172.17.0.2"]


@pytest.mark.parametrize(
    "text",
    [
        "1994年3月28日生まれの人って2025年4月1日時点で何歳？",  # the second date is when the age is counted
        "柏木 里奈　　5530-427118　　2025/04/01",  # a pension number's holder was not born last year
    ],
)
def test_only_the_first_date_or_none_is_a_birth_date(text: str) -> None:
    births = [text[m.start : m.end] for m in scan(text) if m.type == "birth_date" and m.score >= 0.5]
    assert births in ([], ["1994年3月28日"])
    assert "2025" not in "".join(births)
