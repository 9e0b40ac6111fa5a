"""Spreadsheets as people really have them: reading CSV and XLSX, and the values in them.

CSV files come from Chinese Excel (GB18030/GBK), from Excel's "CSV UTF-8" (a BOM), from
scripts (plain UTF-8) and from European locales (semicolons); XLSX cells are already typed.
Everything here streams: a 100,000-row file is never held in memory at once.
"""

from __future__ import annotations

import codecs
import csv
import re
import unicodedata
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from pathlib import Path
from typing import IO, Any

from app.domain.text import ooxml_unescape
from app.errors import PartnerDeskError
from app.services.tabular_limits import (
    MAX_BLANK_ROWS,
    MAX_CELL,
    MAX_LINE_BYTES,
    GuardedLines,
    LineTooLongError,
    check_xlsx,
    long_cell,
    too_long_line,
    too_many_blank_rows,
)

CHUNK = 1 << 20

# Characters that make a spreadsheet treat a cell as a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# Chinese Excel writes "ANSI" CSV as GBK; GB18030 decodes every GBK file and more.
CHINESE_ENCODING = "gb18030"


class FileFormatError(PartnerDeskError):
    """The file cannot be read as a table at all (not one row's problem)."""


class UncalculatedFormula(str):
    """An XLSX formula cell that holds no calculated value, as its formula text.

    Programs that write XLSX (openpyxl, many exports) store formulas without a result;
    only a spreadsheet application calculates them. We never evaluate a formula, so such
    a cell has no value here, and saying why beats "is required".
    """

    __slots__ = ()

    @property
    def problem(self) -> str:
        return (
            f"the cell holds a formula ({self}) without a calculated value; "
            "open and save the file in Excel first"
        )


# --- formula neutralisation -----------------------------------------------------------


def _needs_guard(text: str) -> bool:
    if text.startswith(FORMULA_STARTS):
        return True
    return text.startswith("'") and _needs_guard(text[1:])


def guard_formula(text: str) -> str:
    """``=SUM(A1)`` -> ``'=SUM(A1)``: shown literally, never evaluated; see ``unguard``."""
    return "'" + text if _needs_guard(text) else text


def unguard_formula(text: str) -> str:
    """The inverse of ``guard_formula``, so an exported file imports back unchanged."""
    if text.startswith("'") and _needs_guard(text[1:]):
        return text[1:]
    return text


# --- headers --------------------------------------------------------------------------


def header_key(text: str) -> str:
    """``' Start Date '``, ``start_date``, ``START-DATE``, ``开始日期 `` compare by this key."""
    folded = unicodedata.normalize("NFKC", str(text)).strip().lower()
    # A unit in brackets is decoration: 合同金额（元）, Value (CNY), Notice period (days).
    folded = re.sub(r"\([^()]*\)$", "", folded.strip())
    return re.sub(r"[\s_\-*:：]+", "", folded)


# --- reading --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Sniffed:
    encoding: str
    delimiter: str
    lines: int  # physical lines; an upper bound of the rows, for progress


def detect_encoding(path: Path) -> tuple[str, int]:
    """The encoding of a CSV file, and its number of lines.

    A BOM decides; else the whole file must decode as UTF-8 (checked chunk by chunk so
    memory stays flat), else as GB18030. Latin-1 is never guessed: it decodes anything and
    would turn a Chinese name into mojibake without a word.
    """
    with path.open("rb") as f:
        head = f.read(4)
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig", _count_lines(path)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", _count_lines(path)
    _count_lines(path)  # a line too long for any encoding stops here, after a few MB
    for encoding in ("utf-8", CHINESE_ENCODING):
        lines = _decodes(path, encoding)
        if lines is not None:
            return encoding, lines
    raise FileFormatError(
        f"{path.name}: cannot tell the text encoding (not UTF-8, not GBK/GB18030); "
        "save it as 'CSV UTF-8' in Excel or name the encoding (--encoding)"
    )


def _decodes(path: Path, encoding: str) -> int | None:
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    lines, last = 0, b"\n"
    with path.open("rb") as f:
        try:
            while chunk := f.read(CHUNK):
                decoder.decode(chunk)
                lines += chunk.count(b"\n")
                last = chunk[-1:]
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return None
    return lines + (last != b"\n")


def _count_lines(path: Path) -> int:
    """The file's lines; a line longer than ``MAX_LINE_BYTES`` stops the count with the
    line's number (a 2 GB file without a line break is refused after 4 MB)."""
    lines, last, run = 0, b"\n", 0  # run: bytes since the last line break
    with path.open("rb") as f:
        while chunk := f.read(CHUNK):
            newlines = chunk.count(b"\n")
            # A chunk is shorter than the limit: only a line across chunks can exceed it.
            if newlines:
                if run + chunk.find(b"\n") > MAX_LINE_BYTES:
                    raise too_long_line(path, lines + 1)
                run = len(chunk) - chunk.rfind(b"\n") - 1
            else:
                run += len(chunk)
                if run > MAX_LINE_BYTES:
                    raise too_long_line(path, lines + 1)
            lines += newlines
            last = chunk[-1:]
    return lines + (last != b"\n")


def sniff_delimiter(first_line: str) -> str:
    """Comma, semicolon or tab: whichever the header line holds most of, outside quotes."""
    outside = re.sub(r'"[^"]*"', "", first_line)
    counts = {d: outside.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


class Table:
    """Rows of a CSV or XLSX file: ``headers`` and ``rows()`` -> (row number, values).

    Row numbers are what a spreadsheet shows: the header is row 1. Blank rows are skipped
    but keep their number, so a reported row is the row the user sees.
    """

    def __init__(
        self, path: Path, *, encoding: str | None = None, sheet: str | None = None
    ) -> None:
        self.path = path
        self.is_xlsx = path.suffix.lower() in {".xlsx", ".xlsm"}
        self.encoding = encoding
        self.sheet = sheet
        self.delimiter = ","
        self.total = 0
        if self.is_xlsx:
            self.headers = self._open_xlsx()
        else:
            self.headers = self._open_csv()

    # CSV

    def _open_csv(self) -> list[str]:
        if not self.path.is_file():
            raise FileFormatError(f"no file at {self.path}")
        if self.encoding:
            try:
                codecs.lookup(self.encoding)
            except LookupError:
                raise FileFormatError(f"unknown encoding {self.encoding!r}") from None
            self.total = _count_lines(self.path)
        else:
            self.encoding, self.total = detect_encoding(self.path)
        try:
            with self._text() as f:
                first = f.readline(MAX_LINE_BYTES)
        except UnicodeDecodeError as exc:
            raise FileFormatError(
                f"{self.path.name} is not {self.encoding} text ({exc.reason}); "
                "try another --encoding"
            ) from None
        self.delimiter = sniff_delimiter(first)
        for _, values in self._csv_rows(keep_header=True):
            return [unicodedata.normalize("NFC", v).strip() for v in values]
        raise FileFormatError(f"{self.path.name} is empty")

    def _text(self) -> IO[str]:
        assert self.encoding is not None
        # newline="" lets the csv module handle CRLF and newlines inside quoted fields.
        return self.path.open(encoding=self.encoding, errors="strict", newline="")

    def _csv_rows(self, keep_header: bool = False) -> Iterator[tuple[int, list[Any]]]:
        with self._text() as f:
            lines = GuardedLines(f)
            records = enumerate(self._reader(lines), start=1)
            for number, record in self._guarded(records, lines, first=1):
                if number == 1 and not keep_header:
                    continue
                # Our own CSV export guards formulas with an apostrophe; undo it here only:
                # in XLSX a cell's text is literal.
                yield number, [unguard_formula(v) if v[:1] == "'" else v for v in record]

    def _reader(self, lines: GuardedLines) -> Iterator[list[str]]:
        # Set each time: the limit is the csv module's global, and the import's worker
        # process reads with this code too.
        csv.field_size_limit(MAX_CELL)
        return csv.reader(lines, delimiter=self.delimiter)

    def _guarded(
        self, records: Iterator[tuple[int, list[str]]], lines: GuardedLines, first: int
    ) -> Iterator[tuple[int, list[str]]]:
        """``records`` (numbered from ``first``), with a cell or a row over the limits
        named by its row number."""
        number = first - 1
        try:
            for number, record in records:
                lines.row_done()
                yield number, record
        except LineTooLongError as exc:
            raise FileFormatError(f"{self.path.name}, row {number + 1:,}: {exc}") from None
        except csv.Error as exc:
            if "field limit" in str(exc):
                raise long_cell(self.path, number + 1) from None
            raise FileFormatError(f"{self.path.name}, row {number + 1:,}: {exc}") from None

    # XLSX

    def _open_xlsx(self) -> list[str]:
        import openpyxl  # here: importing it costs 0.2 s that CSV users need not pay
        from openpyxl.utils.exceptions import InvalidFileException

        if not self.path.is_file():
            raise FileFormatError(f"no file at {self.path}")
        check_xlsx(self.path)  # sizes from the zip's directory, before any XML is parsed
        try:
            book = openpyxl.load_workbook(self.path, read_only=True, data_only=True)
        except (InvalidFileException, KeyError, OSError, ValueError) as exc:
            raise FileFormatError(
                f"{self.path.name} is not a readable XLSX workbook: {exc}"
            ) from None
        except Exception as exc:  # zipfile.BadZipFile and friends from a damaged file
            raise FileFormatError(
                f"{self.path.name} is not a readable XLSX workbook: {exc}"
            ) from None
        self._book = book
        if self.sheet is None:
            ws = book.worksheets[0]
        elif self.sheet in book.sheetnames:
            ws = book[self.sheet]
        else:
            book.close()
            raise FileFormatError(
                f"{self.path.name} has no sheet {self.sheet!r} "
                f"(it has: {', '.join(book.sheetnames)})"
            )
        self._ws = ws
        # The same sheet with formulas instead of their values, read alongside only when
        # the sheet has formulas at all: it doubles the parsing.
        self._formula_book: Any = None
        self._formula_ws: Any = None
        if _has_formulas(ws):
            self._formula_book = openpyxl.load_workbook(self.path, read_only=True)
            self._formula_ws = self._formula_book[ws.title]
        self.total = int(ws.max_row or 0)
        self._width: int | None = None  # the header's: a sheet may declare 16,384 columns
        for _, values in self._xlsx_rows(keep_header=True):
            headers = [unicodedata.normalize("NFC", str(v or "")).strip() for v in values]
            self._width = max((i + 1 for i, h in enumerate(headers) if h), default=1)
            return headers[: self._width]
        raise FileFormatError(f"{self.path.name}: sheet {ws.title!r} is empty")

    @property
    def has_formulas(self) -> bool:
        """Can a row hold an ``UncalculatedFormula``?"""
        return self._formula_ws is not None if self.is_xlsx else False

    def _xlsx_rows(self, keep_header: bool = False) -> Iterator[tuple[int, list[Any]]]:
        width = self._width
        formulas = None if self._formula_ws is None else self._formula_ws.iter_rows(max_col=width)
        for number, cells in enumerate(self._ws.iter_rows(max_col=width), start=1):
            shadow = None if formulas is None else next(formulas, None)
            if number == 1 and not keep_header:
                continue
            values = [_cell_value(c) for c in cells]
            if any(v.__class__ is str and len(v) > MAX_CELL for v in values):
                raise long_cell(self.path, number)
            if shadow is not None and number > 1 and None in values:
                for i, (value, cell) in enumerate(zip(values, shadow, strict=False)):
                    if value is None and (formula := _formula_text(cell.value)) is not None:
                        values[i] = UncalculatedFormula(formula)
            yield number, values

    # both

    def rows(self) -> Generator[tuple[int, list[Any]]]:
        if not self.is_xlsx:
            # _csv_rows() inlined: this loop runs once per row of the file.
            with self._text() as f:
                lines = GuardedLines(f)
                reader = self._reader(lines)
                next(reader, None)
                last = 1  # the last row with data
                for number, record in self._guarded(enumerate(reader, start=2), lines, first=2):
                    joined = "".join(record)
                    if "'" in joined:
                        record = [unguard_formula(v) if v[:1] == "'" else v for v in record]
                        joined = "".join(record)
                    if joined and not joined.isspace():
                        last = number
                        yield number, record
                    elif number - last > MAX_BLANK_ROWS:
                        raise too_many_blank_rows(self.path, number)
            return
        last = 1
        for number, values in self._xlsx_rows():
            if not all(is_blank(v) for v in values):
                last = number
                yield number, values
            elif number - last > MAX_BLANK_ROWS:
                raise too_many_blank_rows(self.path, number)

    def has_rows(self) -> bool:
        """Is there a data row below the header? Reads no further than the first one."""
        rows = self.rows()
        try:
            return next(rows, None) is not None
        finally:
            rows.close()  # the generator holds the file open

    def close(self) -> None:
        if self.is_xlsx:
            self._book.close()
            if self._formula_book is not None:
                self._formula_book.close()

    def __enter__(self) -> Table:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# A formula element in a sheet's XML (<f>, <f t="shared" .../>, or with a prefix).
_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s>/]")


def _has_formulas(ws: Any) -> bool:
    """Does the sheet hold any formula? A scan of its XML: far cheaper than parsing it."""
    archive = getattr(ws.parent, "_archive", None)
    member = getattr(ws, "_worksheet_path", None)
    if archive is None or member is None:
        return True  # cannot tell cheaply: read the formulas alongside
    with archive.open(member) as f:
        tail = b""
        while chunk := f.read(CHUNK):
            if _FORMULA_TAG.search(tail + chunk):
                return True
            tail = chunk[-16:]
    return False


def _formula_text(value: Any) -> str | None:
    """``=1000*2`` for a formula cell read without data_only (array formulas too)."""
    text = getattr(value, "text", value)  # openpyxl's ArrayFormula keeps it in .text
    return text if isinstance(text, str) and text.startswith("=") else None


def _cell_value(cell: Any) -> Any:
    value = cell.value
    if isinstance(value, str):
        # OOXML's _xHHHH_ escapes: what our export (and Excel) write for a carriage return
        # and for the characters XML cannot hold.
        return ooxml_unescape(value)
    if isinstance(value, float | int) and not isinstance(value, bool):
        fmt = getattr(cell, "number_format", "") or ""
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        # A cell formatted as a percentage holds 0.125 and shows 12.5 %.
        if fmt.endswith("%"):
            number = (number * 100).normalize()
        return number
    return value


def sheet_names(path: Path) -> list[str]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True)
    except Exception as exc:
        raise FileFormatError(f"{path.name} is not a readable XLSX workbook: {exc}") from None
    try:
        return list(book.sheetnames)
    finally:
        book.close()


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
