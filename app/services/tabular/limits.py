"""How big an imported file may be, checked before and while it is read.

A hostile or broken file must not take the desk down: a 1 MB XLSX whose shared text
unpacks to 1 GiB, a 2 GB CSV without a line break, a cell of 50 MB. Each is refused early
with one line that names the file and, where there is one, the row; memory stays bounded
whatever the input (figures in docs/reliability.md).

The limits are far above any real agreements file (a 100,000-row export is a 40 MB sheet,
its longest line a few kilobytes) and far below what would exhaust a desk's memory.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from app.errors import PartnerDeskError

MAX_CELL = 1_000_000  # characters in one cell (a long description is 10,000)
MAX_LINE_BYTES = 4 << 20  # bytes in a CSV line: 1,000,000 Chinese characters fit
MAX_RECORD = 4 << 20  # characters in one CSV row, quoted line breaks and all
# Blank rows in a row: more than a whole Excel sheet holds (reading a billion blank lines of
# a 2 GB file would take minutes).
MAX_BLANK_ROWS = 1_048_576
# XLSX: every part of the zip, by the sizes its directory declares (Python's zipfile never
# unpacks more than a member declares, so these bound what is read).
MAX_PART = 2 << 30  # one unpacked part: a sheet of about 1.5 million rows
# What openpyxl parses whole and holds while the sheet is read: Excel's table of every
# distinct text (about 160 bytes a text and twice its characters: 2.7 million two-letter
# texts, 48 MB of XML, took 420 MB) and the other XML parts, styles above all (24 bytes
# a byte: a 15.6 MB styles.xml of 370,000 formats took 480 MB; Excel's own limit, 64,000
# formats, is about 6 MB). Their estimate, twice for a sheet with formulas, must stay
# under this:
WHOLE_PARTS_MEMORY = 180 << 20
SHARED_TEXT_PER_ITEM = 160
OTHER_XML_PER_BYTE = 24
_SHARED_ITEM = re.compile(rb"<(?:\w+:)?si[\s>/]")
MAX_RATIO = 100  # unpacked / packed; real sheets are 5-20, a zip bomb is 1,000 and more
RATIO_FROM = 10 << 20  # small parts may pack as tightly as they like
MAX_PARTS = 10_000
# One row of a sheet's XML, which openpyxl parses whole: a 1,000,000-character Chinese cell
# fits; a row of 200,000 tiny cells takes about 60 MB to parse.
MAX_ROW_XML = 4 << 20
_ROW = re.compile(rb"<(?:\w+:)?row[\s>/]")
_ROW_NUMBER = re.compile(rb'\sr="(\d+)"')
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")  # as tabular.reading._FORMULA_TAG


class FileTooBigError(PartnerDeskError):
    """The file is over one of the limits above; nothing was imported."""


def _size(n: int) -> str:
    for unit, scale in (("GiB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if n >= scale:
            return f"{n / scale:,.1f} {unit}"
    return f"{n:,} bytes"


# --- XLSX -------------------------------------------------------------------------------


def check_xlsx(path: Path) -> None:
    """Refuse an XLSX file whose parts would unpack to too much, before any XML is parsed.

    A file that is no zip at all is left to openpyxl, whose message names the problem.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return
    if len(parts) > MAX_PARTS:
        raise FileTooBigError(
            f"{path.name} has {len(parts):,} parts; an XLSX workbook has a few dozen"
        )
    for part in parts:
        unpacked = part.file_size
        if unpacked > MAX_PART:
            raise FileTooBigError(
                f"{path.name}: {part.filename} unpacks to {_size(unpacked)}, over the "
                f"{_size(MAX_PART)} an import reads"
            )
        if unpacked > RATIO_FROM and unpacked > MAX_RATIO * max(part.compress_size, 1):
            raise FileTooBigError(
                f"{path.name}: {part.filename} unpacks {unpacked // max(part.compress_size, 1):,}"
                f" times larger ({_size(part.compress_size)} to {_size(unpacked)}); "
                "that is a zip bomb, not a spreadsheet"
            )
    sheets = [p for p in parts if p.filename.lower().startswith("xl/worksheets/")]
    # A sheet with formulas is read twice, values and formulas (Table): two copies of the
    # workbook's styles and shared text are in memory at once.
    with_formulas = [_check_rows(path, p) for p in sheets if p.filename.endswith(".xml")]
    copies = 2 if any(with_formulas) else 1
    _check_whole_parts(path, [p for p in parts if p not in sheets], copies)


def _check_whole_parts(path: Path, parts: list[zipfile.ZipInfo], copies: int) -> None:
    """Refuse a workbook whose parts that openpyxl parses whole would take more than
    ``WHOLE_PARTS_MEMORY``: by their declared sizes, and the shared-text table by a
    streamed count of its items."""
    estimates: dict[str, int] = {}
    shared: zipfile.ZipInfo | None = None
    for part in parts:
        name = part.filename.lower()
        if name.endswith("sharedstrings.xml"):
            shared = part
            estimates[part.filename] = 2 * part.file_size
        elif name.endswith((".xml", ".rels")):
            estimates[part.filename] = OTHER_XML_PER_BYTE * part.file_size
    items = 0
    if shared is not None and copies * sum(estimates.values()) <= WHOLE_PARTS_MEMORY:
        items = _count_shared_items(path, shared)
        estimates[shared.filename] += SHARED_TEXT_PER_ITEM * items
    total = copies * sum(estimates.values())
    if total <= WHOLE_PARTS_MEMORY:
        return
    biggest = max(estimates, key=lambda n: estimates[n])
    if shared is not None and biggest == shared.filename:
        count = f"{items:,} texts, " if items else ""
        what = f"its table of shared text ({count}{_size(shared.file_size)} unpacked)"
    else:
        size = next(p.file_size for p in parts if p.filename == biggest)
        what = f"{biggest} ({_size(size)} unpacked)"
    formulas = " and its formulas" if copies > 1 else ""
    raise FileTooBigError(
        f"{path.name}: {what}{formulas} would take about {_size(total)} of memory, over the "
        f"{_size(WHOLE_PARTS_MEMORY)} an import allows; save the sheet as CSV UTF-8 and "
        "import that"
    )


def _count_shared_items(path: Path, part: zipfile.ZipInfo) -> int:
    items = 0
    with zipfile.ZipFile(path) as archive, archive.open(part) as f:
        tail = b""
        while chunk := f.read(1 << 20):
            block = tail + chunk
            # A match that ends inside the tail was counted with the previous block.
            items += sum(m.end() > len(tail) for m in _SHARED_ITEM.finditer(block))
            tail = block[-32:]
    return items


def _check_rows(path: Path, part: zipfile.ZipInfo) -> bool:
    """Refuse a sheet with a row over ``MAX_ROW_XML``: a streamed scan of its XML for the
    distance between row starts (the whole sheet, 40 MB for 100,000 rows, in 0.2 s).
    Does the sheet hold a formula?"""
    formulas = False
    with zipfile.ZipFile(path) as archive, archive.open(part) as f:
        tail, offset, start, number = b"", 0, -1, 0
        while chunk := f.read(1 << 20):
            block, base = tail + chunk, offset - len(tail)
            for m in _ROW.finditer(block):
                if m.end() <= len(tail):
                    continue  # found in the previous block already
                if start >= 0 and base + m.start() - start > MAX_ROW_XML:
                    raise _row_too_big(path, number)
                start = base + m.start()
                found = _ROW_NUMBER.search(block, m.start(), block.find(b">", m.start()))
                number = int(found.group(1)) if found else number + 1
            offset += len(chunk)
            if start >= 0 and offset - start > MAX_ROW_XML:  # the last row goes on and on
                raise _row_too_big(path, number)
            formulas = formulas or _FORMULA.search(block) is not None
            tail = block[-64:]
    return formulas


def _row_too_big(path: Path, row: int) -> FileTooBigError:
    return FileTooBigError(
        f"{path.name}, row {row:,}: the row is larger than {_size(MAX_ROW_XML)} of XML; "
        "is a cell of it a whole document?"
    )


# --- CSV --------------------------------------------------------------------------------


class LineTooLongError(Exception):
    """Raised inside the CSV reader's line source; the reader names the row."""


class GuardedLines:
    """The lines of a text file for ``csv.reader``, never more than ``MAX_LINE_BYTES``
    characters at a time, and never more than ``MAX_RECORD`` characters for one row
    (``row_done()`` after each row)."""

    def __init__(self, f: IO[str]) -> None:
        self._f = f
        self._in_row = 0

    def __iter__(self) -> Iterator[str]:
        readline = self._f.readline
        while line := readline(MAX_LINE_BYTES + 1):
            if len(line) > MAX_LINE_BYTES:
                raise LineTooLongError(f"a line is longer than {MAX_LINE_BYTES:,} characters")
            self._in_row += len(line)
            if self._in_row > MAX_RECORD:
                raise LineTooLongError(f"the row is longer than {MAX_RECORD:,} characters")
            yield line

    def row_done(self) -> None:
        self._in_row = 0


def too_long_line(path: Path, line: int) -> FileTooBigError:
    return FileTooBigError(
        f"{path.name}, line {line:,}: a line is longer than {_size(MAX_LINE_BYTES)}; "
        "is this a CSV file?"
    )


def long_cell(path: Path, row: int) -> FileTooBigError:
    return FileTooBigError(
        f"{path.name}, row {row:,}: a cell is longer than {MAX_CELL:,} characters"
    )


def too_many_blank_rows(path: Path, row: int) -> FileTooBigError:
    return FileTooBigError(
        f"{path.name}, row {row:,}: more than {MAX_BLANK_ROWS:,} blank rows in a row, more "
        "than a spreadsheet holds; delete them (or save only the rows with data)"
    )
