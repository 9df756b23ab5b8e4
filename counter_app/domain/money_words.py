"""An amount of đồng in Vietnamese words, as written on a payment receipt ("Số tiền bằng chữ").

Read in groups of three digits (nghìn, triệu, tỷ, then nghìn tỷ), the usual way: "linh" for a zero
tens digit before a unit (một trăm linh năm), "mười" / "mươi", "mốt" after twenty and more
(hai mươi mốt), "lăm" for a five after a tens digit (mười lăm, hai mươi lăm), "tư" for a four
after twenty and more (hai mươi tư), and "không trăm" for an inner group under one hundred
(một triệu không trăm linh năm nghìn). Zero is "Không đồng".
"""

from __future__ import annotations

from .fees import MONEY_MAX

DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
SCALES = ("", "nghìn", "triệu", "tỷ", "nghìn tỷ")


def _triple(n: int, full: bool) -> list[str]:
    """0 < n < 1000; ``full``: an inner group, read with its hundreds even when they are zero."""
    h, t, u = n // 100, n // 10 % 10, n % 10
    words: list[str] = []
    if h or full:
        words += [DIGITS[h], "trăm"]
    if t == 0:
        if u:
            if words:
                words.append("linh")
            words.append(DIGITS[u])
    elif t == 1:
        words.append("mười")
        if u:
            words.append("lăm" if u == 5 else DIGITS[u])
    else:
        words += [DIGITS[t], "mươi"]
        if u:
            words.append({1: "mốt", 4: "tư", 5: "lăm"}.get(u, DIGITS[u]))
    return words


def number_in_words(n: int) -> str:
    """0 <= n <= MONEY_MAX in lower-case Vietnamese words (no unit)."""
    if isinstance(n, bool) or not isinstance(n, int) or not 0 <= n <= MONEY_MAX:
        raise ValueError(f"{n!r} is not an amount from 0 to {MONEY_MAX}")
    if n == 0:
        return DIGITS[0]
    groups = []
    while n:
        groups.append(n % 1000)
        n //= 1000
    words: list[str] = []
    top = len(groups) - 1
    for index in range(top, -1, -1):
        value = groups[index]
        if value == 0:
            continue
        words += _triple(value, full=index != top)
        if SCALES[index]:
            words.append(SCALES[index])
    return " ".join(words)


def amount_in_words(amount: int) -> str:
    """15500 -> "Mười lăm nghìn năm trăm đồng"; 0 -> "Không đồng"."""
    text = f"{number_in_words(amount)} đồng"
    return text[0].upper() + text[1:]
