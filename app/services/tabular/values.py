"""Values as people type them in spreadsheets: dates, amounts, numbers, lists, choices;
and column headers compared as people write them."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

# --- headers --------------------------------------------------------------------------


def header_key(text: str) -> str:
    """``' Start Date '``, ``start_date``, ``START-DATE``, ``开始日期 `` compare by this key."""
    folded = unicodedata.normalize("NFKC", str(text)).strip().lower()
    # A unit in brackets is decoration: 合同金额（元）, Value (CNY), Notice period (days).
    folded = re.sub(r"\([^()]*\)$", "", folded.strip())
    return re.sub(r"[\s_\-*:：]+", "", folded)


# --- values as people type them -------------------------------------------------------


def is_blank(raw: Any) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def text_value(raw: Any, *, strip: bool = True) -> str:
    """A cell as text; ``strip=False`` for free text whose leading spaces are the user's."""
    if raw is None:
        return ""
    if isinstance(raw, str) and raw.isascii():  # nothing to normalise
        return raw.strip() if strip else raw
    if isinstance(raw, datetime):
        return raw.date().isoformat() if raw.time() == datetime.min.time() else raw.isoformat()
    if isinstance(raw, date):
        return raw.isoformat()
    text = unicodedata.normalize("NFC", str(raw))
    return text.strip() if strip else text


_DATE_FORMS = (
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"),
    re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$"),
    re.compile(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})$"),
    re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?$"),
)
_MIDNIGHT = re.compile(r"[ T]0{1,2}:00(:00(\.0+)?)?$")
# The first three _DATE_FORMS as they usually come: ASCII, nothing around them.
_PLAIN_DATE = re.compile(r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})", re.ASCII)


def parse_date(raw: Any) -> date:
    """``2026-03-01``, ``2026/3/1``, ``2026.3.1``, ``2026年3月1日`` and Excel date cells."""
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    if len(raw) == 10 and raw[4] == "-":  # the usual ISO form, without the regexes
        try:
            return date.fromisoformat(raw)
        except ValueError:
            pass
    m = _PLAIN_DATE.fullmatch(raw)
    if m:  # 2026/3/1: NFKC and the midnight suffix change nothing here
        try:
            return date(int(m[1]), int(m[3]), int(m[4]))
        except ValueError:
            raise ValueError(f"{raw!r} is not a real date") from None
    text = unicodedata.normalize("NFKC", str(raw)).strip()
    text = _MIDNIGHT.sub("", text)
    for form in _DATE_FORMS:
        m = form.match(text)
        if m:
            year, month, day = (int(g) for g in m.groups())
            try:
                return date(year, month, day)
            except ValueError:
                raise ValueError(f"{raw!r} is not a real date") from None
    if re.match(r"^\d{1,2}[/.-]\d{1,2}[/.-]\d{4}$", text):
        raise ValueError(
            f"{raw!r} is ambiguous (day/month or month/day?); write the year first: 2026-03-01"
        )
    raise ValueError(f"{raw!r} is not a date (write 2026-03-01, 2026/3/1 or 2026年3月1日)")


# A symbol can stand for several currencies ("¥": yuan or yen): "/" lists them, the most
# likely first; see ``currency_matches``.
_CURRENCY_MARKS = {"¥": "CNY/JPY", "￥": "CNY/JPY", "元": "CNY", "RMB": "CNY", "人民币": "CNY",
                   "$": "USD/HKD/SGD/AUD/CAD/NZD/TWD", "US$": "USD", "美元": "USD",
                   "€": "EUR", "欧元": "EUR", "£": "GBP", "HK$": "HKD", "₩": "KRW",
                   "円": "JPY", "日元": "JPY"}  # fmt: skip
_AMOUNT = re.compile(
    r"^(?P<pre>[^\d.\-+(]*)\s*(?P<num>[-+(]?[\d,.\s]*\d[\d,.]*\)?)\s*(?P<post>.*)$"
)
_PLAIN_NUMBER = re.compile(r"^(\d+|\d{1,3}(,\d{3})+)(\.\d+)?$")
# 1234.50 or 1,234.50: Decimal() reads it once the commas are gone, nothing else to do.
plain_number = _PLAIN_NUMBER.match
_GROUPED = re.compile(r"^[-+(]?\d{1,3}(,\d{3})+(\.\d*)?\)?$")


def _ungroup(number: str, raw: Any) -> str:
    """``1,234,567.89`` -> ``1234567.89``; a comma anywhere else is a decimal comma (1234,56
    in a European file) or a typo, and guessing would be off by a factor of 100."""
    if "," not in number:
        return number
    if not _GROUPED.match(number):
        raise ValueError(
            f"{raw!r}: a comma may only group thousands (1,234,567.89); write decimals with a point"
        )
    return number.replace(",", "")


_MULTIPLIERS = {"万": Decimal(10_000), "亿": Decimal(100_000_000)}


def parse_amount(raw: Any) -> tuple[Decimal, str | None]:
    """An amount and the currency written with it, if any.

    ``1,234,567.89``, ``¥1,000``, ``USD 2,500``, ``2,500 EUR``, ``120万``; Excel number
    cells arrive as exact Decimals already (see ``_cell_value``).
    """
    if isinstance(raw, bool):
        raise ValueError(f"{raw!r} is not an amount")
    if isinstance(raw, Decimal):
        return raw, None
    if isinstance(raw, int):
        return Decimal(raw), None
    if isinstance(raw, float):
        return Decimal(repr(raw)), None
    if _PLAIN_NUMBER.match(raw):  # 1234.50 and 1,234.50, without the regexes below
        return Decimal(raw.replace(",", "")), None
    text = unicodedata.normalize("NFC", str(raw)).strip()
    m = _AMOUNT.match(text)
    if not m:
        raise ValueError(f"{raw!r} is not an amount")
    mark = (m.group("pre") + m.group("post")).strip()
    multiplier = Decimal(1)
    for word, factor in _MULTIPLIERS.items():
        if mark.startswith(word) or mark.endswith(word):
            multiplier = factor
            mark = mark.replace(word, "", 1).strip()
    currency: str | None = None
    if mark:
        upper = mark.upper()
        currency = _CURRENCY_MARKS.get(mark) or _CURRENCY_MARKS.get(upper)
        if currency is None and re.fullmatch(r"[A-Z]{3}", upper):
            currency = upper
        if currency is None:
            raise ValueError(f"{raw!r} is not an amount")
    number = _ungroup(m.group("num").replace(" ", ""), raw)
    negative = number.startswith("(") and number.endswith(")")
    number = number.strip("()")
    try:
        value = Decimal(number)
    except InvalidOperation:
        raise ValueError(f"{raw!r} is not an amount") from None
    if not value.is_finite():
        raise ValueError(f"{raw!r} is not an amount")
    value *= multiplier
    return (-value if negative else value), currency


def currency_matches(written: str, currency: str) -> bool:
    """Does the currency written with an amount (``CNY/JPY`` for ``¥``) allow ``currency``?"""
    return currency in written.split("/")


_UNIT_WORDS = {"万": Decimal(10_000), "亿": Decimal(100_000_000), "千": Decimal(1000),
               "百万": Decimal(1_000_000), "thousand": Decimal(1000), "thousands": Decimal(1000),
               "k": Decimal(1000), "'000": Decimal(1000), "000s": Decimal(1000),
               "million": Decimal(1_000_000), "millions": Decimal(1_000_000),
               "m": Decimal(1_000_000), "mn": Decimal(1_000_000)}  # fmt: skip


def header_unit(header: str) -> tuple[Decimal, str | None]:
    """The unit an amount column declares in brackets: ``合同金额（万元）`` is (10000, CNY),
    ``Value (USD thousands)`` is (1000, USD), ``Value`` is (1, None).

    Ignoring it would import 120 where the sheet means 1,200,000.
    """
    m = re.search(r"\(([^()]*)\)\s*$", unicodedata.normalize("NFKC", header))
    if not m:
        return Decimal(1), None
    words = m.group(1).strip()
    multiplier = Decimal(1)
    for word in sorted(_UNIT_WORDS, key=len, reverse=True):
        if re.search(rf"(^|[\s,]){re.escape(word)}($|[\s,])", words, re.IGNORECASE) or (
            not word.isascii() and word in words
        ):
            multiplier = _UNIT_WORDS[word]
            words = re.sub(re.escape(word), " ", words, count=1, flags=re.IGNORECASE).strip(" ,")
            break
    currency = _CURRENCY_MARKS.get(words) or _CURRENCY_MARKS.get(words.upper())
    if currency is None and re.fullmatch(r"[A-Za-z]{3}", words):
        currency = words.upper()
    return multiplier, currency


def parse_decimal(raw: Any) -> Decimal:
    """A rate or a percentage: ``12.5``, ``12.5%``, ``0.5 %``."""
    if raw.__class__ is str and _PLAIN_NUMBER.match(raw):  # 12.5: nothing to fold
        return Decimal(raw.replace(",", ""))
    if isinstance(raw, str):
        raw = unicodedata.normalize("NFKC", raw).strip().rstrip("%").strip()
    value, currency = parse_amount(raw)
    if currency is not None:
        raise ValueError(f"{raw!r} is a number, not an amount of money")
    return value


_TRUE = {"yes", "y", "true", "t", "1", "是", "对", "✓", "x"}
_FALSE = {"no", "n", "false", "f", "0", "否", "不", ""}


def parse_bool(raw: Any) -> bool:
    """yes/no, true/false, 1/0, 是/否 and Excel's TRUE/FALSE cells."""
    if raw.__class__ is str:
        if raw in _TRUE:  # as written, without the folding below
            return True
        if raw in _FALSE:
            return False
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, Decimal | int):
        if raw in (0, 1):
            return bool(raw)
        raise ValueError(f"{raw!r} is not yes or no")
    text = unicodedata.normalize("NFKC", str(raw or "")).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError(f"{raw!r} is not yes or no (yes/no, true/false, 是/否)")


def parse_int(raw: Any) -> int:
    if raw.__class__ is str and raw.isascii() and raw.isdigit():  # 90: nothing to fold
        return int(raw)
    if isinstance(raw, bool):
        raise ValueError(f"{raw!r} is not a whole number")
    try:
        value = (
            raw
            if isinstance(raw, Decimal)
            else Decimal(_ungroup(unicodedata.normalize("NFKC", str(raw)).strip(), raw))
        )
    except InvalidOperation:
        raise ValueError(f"{raw!r} is not a whole number") from None
    if not value.is_finite() or value != value.to_integral_value():
        raise ValueError(f"{raw!r} is not a whole number")
    return int(value)


def parse_list(raw: Any) -> tuple[str, ...]:
    """``a; b; c`` (also one item per line, or full-width ``；``) as a tuple."""
    text = raw if raw.__class__ is str and raw.isascii() else text_value(raw, strip=False)
    if "\n" not in text and "；" not in text:  # the usual "a; b" needs no regex
        if ";" not in text:
            text = text.strip()
            return (text,) if text else ()
        items = text.split(";")
    else:
        items = _LIST_SEPARATORS.split(text)
    return tuple(filter(None, map(str.strip, items)))


_LIST_SEPARATORS = re.compile(r"[;；\n]")


def choice_key(text: str) -> str:
    """``Pending approval``, ``pending-approval``, ``PENDING_APPROVAL`` -> ``pending_approval``."""
    folded = unicodedata.normalize("NFKC", str(text)).strip().lower()
    return re.sub(r"[\s\-]+", "_", folded)


def parse_choice(raw: Any, enum: type[StrEnum], aliases: dict[str, str] | None = None) -> StrEnum:
    if isinstance(raw, str) and raw in enum._value2member_map_:
        return enum(raw)
    key = choice_key(text_value(raw))
    key = (aliases or {}).get(key, key)
    try:
        return enum(key)
    except ValueError:
        allowed = ", ".join(m.value for m in enum)
        raise ValueError(f"{text_value(raw)!r} is not one of: {allowed}") from None
