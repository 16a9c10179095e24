"""Names written in Latin letters that no label announces: TAKEDA Shiori in a rooming list, Haruto Ikeda (Sales),
Sophie Martin in a Japanese sentence, `ryo:` in a romaji chat, Kenji at the head of a message.

Hepburn spelling alone cannot tell a name from a word (Sake, Kobe Beef), so these rules read shipped word lists
(src/sakimori/data/names/): common Japanese surnames and given names in romaji, given names common among foreign
residents and visitors, and common foreign surnames. A full name needs one surname and one given name (or a foreign
given name before a capitalised word); a single word needs a list entry and a position only a person takes (a chat
speaker, a vocative, a sign-off, a Japanese particle or honorific after it).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from sakimori.pii.recognizers import PiiMatch, shipped_list
from sakimori.pii.view import pii_view

__all__ = ["is_listed_latin_name", "is_romaji_given_name", "is_romaji_surname", "latin_kinds", "latin_names"]


@cache
def _words(name: str) -> frozenset[str]:
    return frozenset(word.lower() for word in shipped_list("names", name))


def is_romaji_surname(word: str) -> bool:
    """A Japanese surname in the shipped romaji list (Honda, morita); the kana rules read it too."""
    return word.lower() in _words("romaji_surnames.txt")


def _surname(word: str) -> bool:
    return is_romaji_surname(word)


def _foreign_given(word: str) -> bool:
    return word.lower() in _words("foreign_given_names.txt")


def is_romaji_given_name(word: str) -> bool:
    """A Japanese given name in the shipped romaji list (Haruto, shouta); the kana rules read it too."""
    return word.lower() in _words("romaji_given_names.txt")


def _given(word: str) -> bool:
    return is_romaji_given_name(word) or _foreign_given(word)


def _foreign_surname(word: str) -> bool:
    return word.lower() in _words("foreign_surnames.txt")


def _any_name(word: str) -> bool:
    """A list entry that can stand alone as a name: three letters at least (Ai, Do, Le alone are words)."""
    return len(word) >= 3 and (_given(word) or _surname(word) or _foreign_surname(word))


def is_listed_latin_name(word: str) -> bool:
    """Chen, Sato: a word in one of the shipped Latin name lists that can stand alone as a name."""
    return _any_name(word)


def latin_kinds(word: str) -> str:
    """Which name lists each Latin word of `word` is in (S surname, G given, F foreign given, f foreign surname,
    - none), e.g. "SG" for TAKEDA Shiori; empty for a word not in Latin letters. A feature of the name model."""
    if not word.isascii() or not any(c.isalpha() for c in word):
        return ""
    kinds = []
    for part in re.split(r"[ /]+", word)[:3]:
        kind = "S" * _surname(part) + "G" * is_romaji_given_name(part)
        kind += "F" * _foreign_given(part) + "f" * _foreign_surname(part)
        kinds.append(kind or "-")
    return ".".join(kinds)


# Words that sit in the lists but, capitalised in running English, are far more often not names.
_ENGLISH = frozenset(
    w.lower()
    for w in (
        "The", "This", "That", "These", "Our", "Your", "My", "His", "Her", "Its", "Their", "New", "Old", "Dear",
        "Hello", "Thanks", "Best", "Note", "Date", "Name", "Room", "Sample", "Mihon", "Kaku", "Test", "Street",
        "Customer", "Client", "Guest", "Member", "User", "Patient", "Staff", "Agent", "Passenger", "Applicant",
        "Road", "Avenue", "Park", "Hotel", "Station", "Bank", "City", "Ward", "Town", "Tower", "Building", "Airport",
        "University", "School", "Hospital", "Clinic", "Company", "Team", "Support", "Center", "Office", "Group",
        "Sales", "Japan", "Tokyo", "Osaka", "Kyoto", "Line", "Zoom", "Slack", "Google", "Apple", "Visa", "Master",
        "Card", "Gold", "Platinum", "Last", "First", "Family", "Given", "Full", "Total", "Order", "Ship", "Bill",
        "Sudo",  # [2025-02-28 14:03:15] sudo: deploy : TTY=…
        "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug",
        "Sep", "Oct", "Nov", "Dec",  # [Thu Jun 06 09:12:44 2024]
    )
)  # fmt: skip
_WORD = r"(?:[A-Z][a-z]{1,14}|[A-Z]{2,15})"
_FULL_NAME = re.compile(
    rf"(?<![A-Za-z0-9@._\-/])({_WORD})(?: {{1,2}}({_WORD}))?(?: ({_WORD}))?"  # KAZUYA  OGAWA: two spaces too
    r"(?![A-Za-z0-9@])(?! City| Street| Road| Lead)"
)
_SPEAKER = re.compile(
    r"(?m)^(?:\[[^\]\n]{1,20}\][ \t]*)?(?:(?:Agent|Staff|Operator) \(?)?(?P<v>[A-Za-z]{2,14})\)?(?:[ \t]?[:：]| > )"
)  # mai: …, Agent Mei:, Agent (Sato):
_VOCATIVE = re.compile(r"(?m)(?:^|(?<=[.!?] ))(?:hey |hi |ok |thanks |thx )?(?P<v>[A-Za-z]{2,14}),", re.IGNORECASE)
_PHRASE_BEFORE = re.compile(
    r"\b(?i:it's|I'm|this is|from|cc|ask|with|and|or|tell|ping|thanks|thank|love|miss|call|met|meet|to|for|by|added"
    r"|wife|husband|son|daughter|host|guide|friend|colleague|boss|manager|partner|mom|mum|dad|brother|sister"
    r"|birthday)"  # Happy Birthday Naomi
    r"[ \t]+(?P<v>[A-Z][a-z]{1,14})\b(?! [A-Z][a-z])"
)
_ATTENDEES = re.compile(
    r"(?:Attendees|Participants|Present|Members|Absent|参加者?|出席者?)[ \t]*[:：][ \t]*(?P<list>[A-Za-z ,、]+)"
)
_HERE = re.compile(r"(?<![A-Za-z])(?P<v>[A-Z][a-z]{2,14}) here\b")  # hey! Taichi here 👋
_SIGN_OFF = re.compile(
    r"(?:[—–]|--?)[ \t]*(?P<v>[A-Z][a-z]{1,14})[ \t]*[」』)）]?$"  # …再起動は不要です。—Kobayashi」
    r"|\n[ \t]*(?P<w>[A-Z][a-z]{1,14})[ \t]*\n*\Z"
    r"|(?i:thx|thanks|thank you|cheers|best|regards|best regards|br|rgds)[,.!]?[ \t]+(?P<x>[A-Z][a-z]{1,14})[ \t]*$",
    re.MULTILINE,
)
# - Ogura will follow up: a listed name as the subject of an English sentence
_SUBJECT = re.compile(
    r"(?<![A-Za-z])(?P<v>[A-Z][a-z]{2,14}) (?:will|would|can|could|should|said|says|asked|wrote|thinks|needs|has|had)\b"
)
_JAPANESE_AFTER = re.compile(
    r"(?<![A-Za-z])(?P<v>[A-Z][a-z]{1,14})(?=[がはのとにもへをやでか、。]|って|さん|くん|ちゃん|様|氏|-san|-kun)"
)


# Lee Min-jun, Min-jun Lee: a Korean given name written with a hyphen, beside a listed surname
_HYPHENATED_GIVEN = re.compile(
    r"(?<![A-Za-z\-])(?:(?P<s>[A-Z][a-z]{1,9}) (?P<g>[A-Z][a-z]{1,6}-[a-z]{2,6})"
    r"|(?P<g2>[A-Z][a-z]{1,6}-[a-z]{2,6}) (?P<s2>[A-Z][a-z]{1,9}))(?![A-Za-z\-])"
)


def _foreign_pair(first: str, second: str) -> bool:
    """Sophie Martin, Wang Wei, WANG Lihua: a foreign given name before a capitalised word, or a foreign surname
    first (in capitals, as passports print it, before any capitalised given name)."""
    given_first = _foreign_given(first) and len(first) >= 3 and (_foreign_surname(second) or second.istitle())
    given_first = given_first and (not first.isupper() or second.isupper())  # AI Chat is no name
    surname_first = _foreign_surname(first) and (
        _given(second) or (first.isupper() and len(first) >= 2 and second.istitle())
    )
    return given_first or surname_first


def _full_names(text: str) -> Iterator[PiiMatch]:
    for m in _FULL_NAME.finditer(text):
        words = [w for w in m.groups() if w]
        group = 1
        if len(words) == 3 and words[0].lower() in _ENGLISH:
            words, group = words[1:], 2  # Customer Yuto Kimura: a role word before the name
        if len(words) < 2 or any(w.lower() in _ENGLISH for w in words[:2]):
            continue
        first, second = words[0], words[1]
        if (_surname(first) and _given(second)) or (_given(first) and _surname(second)):
            yield PiiMatch("person", m.start(group), m.end(group + 1), 0.9, text[m.start(group) : m.end(group + 1)])
        elif (
            _foreign_surname(first)
            and len(words) == 3
            and words[1].capitalize() in ("Van", "Thi", "Duc", "Minh", "Ngoc", "Thanh")
        ):
            yield PiiMatch("person", m.start(), m.end(), 0.85, m.group())  # Nguyen Van Minh
        elif _foreign_pair(first, second):
            yield PiiMatch("person", m.start(1), m.end(2), 0.8, text[m.start(1) : m.end(2)])  # Sophie Martin


def _hyphenated_names(text: str) -> Iterator[PiiMatch]:
    for m in _HYPHENATED_GIVEN.finditer(text):
        if _foreign_surname(m.group("s") or m.group("s2")):
            yield PiiMatch("person", m.start(), m.end(), 0.85, m.group())


def _single_names(text: str) -> Iterator[PiiMatch]:
    speakers = [
        m
        for m in _SPEAKER.finditer(text)
        if _any_name(m.group("v"))
        and m.group("v").lower() not in _ENGLISH
        and not re.fullmatch("[A-Z]{2,3}", m.group("v"))
    ]  # JAN: 4901234567894 is a code, not a speaker
    if len(speakers) >= 2 or any(text[m.start() : m.start("v")].strip() for m in speakers):
        for m in speakers:  # mai: … ryo: … (a conversation), Agent Mei:
            yield PiiMatch("person", m.start("v"), m.end("v"), 0.8, m.group("v"))
    for pattern, score in ((_VOCATIVE, 0.75), (_PHRASE_BEFORE, 0.7), (_JAPANESE_AFTER, 0.7), (_HERE, 0.8)):
        for m in pattern.finditer(text):
            value = m.group("v")
            if len(value) >= 3 and _given(value) and value.lower() not in _ENGLISH:
                yield PiiMatch("person", m.start("v"), m.end("v"), score, value)
    for m in _SUBJECT.finditer(text):
        value = m.group("v")
        if _any_name(value) and value.lower() not in _ENGLISH:
            yield PiiMatch("person", m.start("v"), m.end("v"), 0.7, value)
    for m in _SIGN_OFF.finditer(text):
        group = next(g for g in ("v", "w", "x") if m.group(g))
        if _any_name(m.group(group)) and m.group(group).lower() not in _ENGLISH:
            yield PiiMatch("person", m.start(group), m.end(group), 0.75, m.group(group))


def latin_names(text: str) -> Iterator[PiiMatch]:
    """Person names in Latin letters found by the shipped name lists (see the module docstring)."""
    view = pii_view(text)  # one character for one: Ｍａｒｉａ　Ｓａｎｔｏｓ reads as Maria Santos, offsets kept
    if not any("A" <= c <= "z" for c in view):
        return
    yield from _full_names(view)
    yield from _hyphenated_names(view)
    yield from _single_names(view)
    for m in _ATTENDEES.finditer(view):  # Attendees: Sato, Kobayashi, Emily, Raj
        offset = m.start("list")
        for item in re.finditer(r"[A-Z][a-z]{1,14}(?: [A-Z][a-z]{1,14})?", m.group("list")):
            if all(_any_name(w) for w in item.group().split()):
                yield PiiMatch("person", offset + item.start(), offset + item.end(), 0.8, item.group())
