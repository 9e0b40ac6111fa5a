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
# Excel's table of every distinct text in the workbook, which openpyxl holds in memory
# whole: about 160 bytes for each text (measured: 2.7 million two-letter texts, 48 MB of
# XML, took 420 MB) and twice its characters. The estimate must stay under this:
SHARED_TEXT_MEMORY = 200 << 20
SHARED_TEXT_PER_ITEM = 160
_SHARED_ITEM = re.compile(rb"<(?:\w+:)?si[\s>/]")
MAX_RATIO = 100  # unpacked / packed; real sheets are 5-20, a zip bomb is 1,000 and more
RATIO_FROM = 10 << 20  # small parts may pack as tightly as they like
MAX_PARTS = 10_000
# One row of a sheet's XML, which openpyxl parses whole: a 1,000,000-character Chinese cell
# fits; a row of 200,000 tiny cells takes about 60 MB to parse.
MAX_ROW_XML = 4 << 20
_ROW = re.compile(rb"<(?:\w+:)?row[\s>/]")
_ROW_NUMBER = re.compile(rb'\sr="(\d+)"')


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
    for part in parts:
        name = part.filename.lower()
        if name.endswith("sharedstrings.xml"):
            _check_shared_text(path, part)
        elif name.startswith("xl/worksheets/") and name.endswith(".xml"):
            _check_rows(path, part)


def _check_rows(path: Path, part: zipfile.ZipInfo) -> None:
    """Refuse a sheet with a row over ``MAX_ROW_XML``: a streamed scan of its XML for the
    distance between row starts (the whole sheet, 40 MB for 100,000 rows, in 0.2 s)."""
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
            tail = block[-64:]


def _row_too_big(path: Path, row: int) -> FileTooBigError:
    return FileTooBigError(
        f"{path.name}, row {row:,}: the row is larger than {_size(MAX_ROW_XML)} of XML; "
        "is a cell of it a whole document?"
    )


def _check_shared_text(path: Path, part: zipfile.ZipInfo) -> None:
    """Refuse a shared-text table that would take more than ``SHARED_TEXT_MEMORY`` to
    hold: by its declared size first, then by counting its items (a streamed scan)."""
    items = 0
    if 2 * part.file_size <= SHARED_TEXT_MEMORY:
        with zipfile.ZipFile(path) as archive, archive.open(part) as f:
            tail = b""
            while chunk := f.read(1 << 20):
                block = tail + chunk
                # A match that ends inside the tail was counted with the previous block.
                items += sum(m.end() > len(tail) for m in _SHARED_ITEM.finditer(block))
                tail = block[-32:]
    estimate = SHARED_TEXT_PER_ITEM * items + 2 * part.file_size
    if estimate > SHARED_TEXT_MEMORY:
        count = f"{items:,} texts, " if items else ""
        raise FileTooBigError(
            f"{path.name}: its table of shared text ({count}{_size(part.file_size)} unpacked)"
            f" would take about {_size(estimate)} of memory, over the "
            f"{_size(SHARED_TEXT_MEMORY)} an import allows; save the sheet as CSV UTF-8 "
            "and import that"
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
