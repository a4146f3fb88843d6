"""What a trainee's line names: an amount of money, a date."""

from __future__ import annotations

import re

from ..text import normalize

_CN_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
              "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10_000}

_EN_AMOUNT = re.compile(r"\$\s?(\d[\d,]*(?:\.\d+)?)|(\d[\d,]*(?:\.\d+)?)\s?(?:dollars|bucks|usd)\b")
_ZH_AMOUNT = re.compile(r"(\d[\d,]*(?:\.\d+)?|[零一二两三四五六七八九十百千万]+)\s*(万|千)?\s*(?:元|块|美元|美金|台币)")
_ZH_AMOUNT_PREFIX = re.compile(r"(?:新台币|台币|人民币|nt\$|¥)\s*(\d[\d,]*(?:\.\d+)?)")
_EN_DATE = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|today|tonight|"
    r"payday|\d{1,2}(?:st|nd|rd|th)|\d{1,2}/\d{1,2}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}|"
    r"end of (?:the )?(?:month|week)|the (?:first|fifteenth))\b")
_ZH_DATE = re.compile(r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*(?:号|日)|(?:周|星期|礼拜)[一二三四五六日天]|"
                      r"明天|后天|今天|月底|月初|发薪|下周[一二三四五六日天]")


def _cn_number(text: str) -> float | None:
    if re.fullmatch(r"\d[\d,]*(?:\.\d+)?", text):
        return float(text.replace(",", ""))
    total, section, digit = 0, 0, 0
    for ch in text:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        elif ch in _CN_UNITS:
            unit = _CN_UNITS[ch]
            if unit == 10_000:
                total += (section + digit) * unit
                section, digit = 0, 0
            else:
                section += (digit or 1) * unit
                digit = 0
        else:
            return None
    return float(total + section + digit)


def amounts(text: str) -> list[float]:
    """Money amounts named in a line (English dollars, Chinese 元/块/万).

    >>> amounts("Could you do $250 on Friday?"), amounts("每月还两千元"), amounts("先還1萬元")
    ([250.0], [2000.0], [10000.0])
    """
    norm = normalize(text)
    found = []
    for match in _EN_AMOUNT.finditer(norm):
        found.append(float((match.group(1) or match.group(2)).replace(",", "")))
    for match in _ZH_AMOUNT.finditer(norm):
        value = _cn_number(match.group(1))
        if value is not None:
            found.append(value * {"万": 10_000, "千": 1000}.get(match.group(2) or "", 1))
    for match in _ZH_AMOUNT_PREFIX.finditer(norm):
        found.append(float(match.group(1).replace(",", "")))
    return list(dict.fromkeys(found))


def has_date(text: str) -> bool:
    norm = normalize(text)
    return bool(_EN_DATE.search(norm) or _ZH_DATE.search(norm))
