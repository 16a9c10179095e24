"""Check digits of Japanese identifiers and card numbers, so a random 12-digit number is not called a My Number.

- マイナンバー (個人番号): 12 digits, the last a check digit (総務省令の算式: weights 2–7, 2–6 from the right, mod 11).
- 法人番号: 13 digits, the FIRST a check digit (weights 1, 2 alternating from the right, mod 9).
- Credit cards: the Luhn algorithm.
"""

from __future__ import annotations

__all__ = ["corporate_number_check_digit", "is_corporate_number", "is_luhn", "is_my_number", "my_number_check_digit"]


def my_number_check_digit(first11: str) -> int:
    """Check digit for the first 11 digits of a My Number."""
    digits = [int(c) for c in first11]
    if len(digits) != 11:
        raise ValueError("a My Number has 11 digits before its check digit")
    total = 0
    for n in range(1, 12):  # P_n is the n-th digit from the right
        p = digits[11 - n]
        q = n + 1 if n <= 6 else n - 5
        total += p * q
    remainder = total % 11
    return 0 if remainder <= 1 else 11 - remainder


def is_my_number(digits: str) -> bool:
    return len(digits) == 12 and digits.isdigit() and my_number_check_digit(digits[:11]) == int(digits[11])


def corporate_number_check_digit(last12: str) -> int:
    """Check digit (the leading digit) for the 12 base digits of a 法人番号."""
    digits = [int(c) for c in last12]
    if len(digits) != 12:
        raise ValueError("a corporate number has 12 base digits")
    total = sum(digits[12 - n] * (1 if n % 2 else 2) for n in range(1, 13))
    return 9 - total % 9


def is_corporate_number(digits: str) -> bool:
    return len(digits) == 13 and digits.isdigit() and corporate_number_check_digit(digits[1:]) == int(digits[0])


def is_luhn(digits: str) -> bool:
    if not digits.isdigit() or len(digits) < 12:
        return False
    total = 0
    for i, c in enumerate(reversed(digits)):
        d = int(c)
        if i % 2:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0
