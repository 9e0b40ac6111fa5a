"""Hostile import files through ``partnerdesk import``: one line, exit 1, no database made.

Small equivalents of the bombs measured by hand in docs/reliability.md; each trips the same
check as its full-size original, long before memory or time would run out.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from app.services.tabular.limits import MAX_BLANK_ROWS, MAX_CELL, MAX_LINE_BYTES, MAX_PARTS
from tests.services.test_importing import HEADER, row
from tests.services.test_tabular_limits import bloated_styles, xlsx_with

CSV_HEAD = ",".join(HEADER) + "\n"


def shared_text_bomb(path: Path) -> str:
    bomb = b"<sst>" + b"<si><t>ab</t></si>" * (40 << 20 >> 4) + b"</sst>"
    xlsx_with(path, [HEADER], **{"xl/sharedStrings.xml": bomb})
    return "that is a zip bomb, not a spreadsheet"


def styles(path: Path) -> str:
    xlsx_with(path, [HEADER], **{"xl/styles.xml": bloated_styles(200_000)})
    return "xl/styles.xml (8.5 MB unpacked) would take about 203.3 MB of memory"


def too_many_parts(path: Path) -> str:
    with zipfile.ZipFile(path, "w") as z:
        for i in range(MAX_PARTS + 1):
            z.writestr(f"x/{i}", b"")
    return f"has {MAX_PARTS + 1:,} parts"


def wide_row(path: Path) -> str:
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(HEADER)
    sheet.append(["x" * 300] * 15_000)  # 4.5 MB of text in row 2
    book.save(path)
    return "row 2: the row is larger than 4.0 MB of XML"


def endless_line(path: Path) -> str:
    with path.open("wb") as f:
        f.write(CSV_HEAD.encode())
        f.truncate(len(CSV_HEAD) + MAX_LINE_BYTES + 10)  # sparse: NUL bytes, no line break
    return "line 2: a line is longer than 4.0 MB"


def huge_cell(path: Path) -> str:
    cell = ("x" * 999 + "\n") * (MAX_CELL // 1000 + 1)
    path.write_text(CSV_HEAD + ",".join(row()) + "\n" + ",".join(row(title=f'"{cell}"')) + "\n")
    return "row 3: a cell is longer than 1,000,000 characters"


def blank_rows(path: Path) -> str:
    path.write_text(CSV_HEAD + "\n" * (MAX_BLANK_ROWS + 2) + ",".join(row()) + "\n")
    return f"row {MAX_BLANK_ROWS + 2:,}: more than 1,048,576 blank rows in a row"


def not_a_workbook(path: Path) -> str:
    path.write_bytes(os.urandom(4096))
    return "is not a readable XLSX workbook"


def binary_csv(path: Path) -> str:
    path.write_bytes(bytes(range(128, 256)) * 64)
    return "cannot tell the text encoding"


def nul_cell(path: Path) -> str:
    path.write_text(CSV_HEAD + ",".join(row(title="Deal\x00")) + "\n")
    return "row 2, title: contains U+0000 (NUL, a null byte) at character 5"


FILES: dict[str, Callable[[Path], str]] = {
    "bomb.xlsx": shared_text_bomb,
    "styles.xlsx": styles,
    "parts.xlsx": too_many_parts,
    "wide.xlsx": wide_row,
    "endless.csv": endless_line,
    "cell.csv": huge_cell,
    "blank.csv": blank_rows,
    "random.xlsx": not_a_workbook,
    "binary.csv": binary_csv,
    "nul.csv": nul_cell,
}


@pytest.mark.parametrize("name", FILES)
def test_a_hostile_file_gets_one_line_and_leaves_no_database(tmp_path: Path, name: str) -> None:
    source = tmp_path / name
    expected = FILES[name](source)
    target = tmp_path / "db" / "new.db"
    target.parent.mkdir()
    result = subprocess.run(
        [sys.executable, "-m", "app.cli", "--db", str(target), "import", str(source)],
        capture_output=True, text=True, check=False, timeout=300,
    )  # fmt: skip
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr
    problem = [line for line in result.stderr.splitlines() if expected in line]
    assert len(problem) == 1 and problem[0].count(name) == 1, result.stderr
    assert list(target.parent.iterdir()) == []
