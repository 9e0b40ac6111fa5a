"""Reading CSV and XLSX files as tables, streamed, within the limits of ``limits``."""

from __future__ import annotations

import codecs
import csv
import re
import unicodedata
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from app.domain.text import ooxml_unescape
from app.errors import PartnerDeskError
from app.services.tabular.formulas import UncalculatedFormula, unguard_formula
from app.services.tabular.limits import (
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
from app.services.tabular.values import is_blank

CHUNK = 1 << 20

# Chinese Excel writes "ANSI" CSV as GBK; GB18030 decodes every GBK file and more.
CHINESE_ENCODING = "gb18030"


class FileFormatError(PartnerDeskError):
    """The file cannot be read as a table at all (not one row's problem)."""


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
