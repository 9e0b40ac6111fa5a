"""Hostile import files are refused early, in one line naming the file and the row.

Small equivalents of the bombs in docs/reliability.md (the full-size ones were measured by
hand): the checks read the zip's directory and count as they go, so a file just over a
limit is refused the same way as one a thousand times over it.
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from app.services.importing import import_file
from app.services.tabular import Table
from app.services.tabular.limits import (
    MAX_BLANK_ROWS,
    MAX_CELL,
    MAX_LINE_BYTES,
    FileTooBigError,
    check_xlsx,
)
from tests.services.test_importing import HEADER, row, write_csv

SHEET = (
    '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns='
    '"http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{rows}</sheetData>'
    "</worksheet>"
)


def xlsx_with(path: Path, rows: list[list[str]], **parts: bytes) -> Path:
    """A workbook of ``rows`` (openpyxl), with parts added or replaced."""
    import openpyxl

    book = openpyxl.Workbook()
    for r in rows:
        book.active.append(r)
    seed = path.with_suffix(".seed.xlsx")
    book.save(seed)
    with zipfile.ZipFile(seed) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename not in parts:
                dst.writestr(info, src.read(info.filename))
        for name, data in parts.items():
            dst.writestr(name, data)
    seed.unlink()
    return path


def test_a_zip_bomb_of_shared_text_is_refused_from_the_directory(
    session: Session, tmp_path: Path
) -> None:
    # 40 MB of shared text packed into 40 KB: a thousand times, like the 1 GiB bomb.
    bomb = b"<sst>" + b"<si><t>ab</t></si>" * (40 << 20 >> 4) + b"</sst>"
    path = xlsx_with(tmp_path / "bomb.xlsx", [HEADER], **{"xl/sharedStrings.xml": bomb})
    with pytest.raises(FileTooBigError) as caught:
        import_file(session, path)
    assert str(caught.value).startswith("bomb.xlsx: xl/sharedStrings.xml unpacks ")
    assert "that is a zip bomb, not a spreadsheet" in str(caught.value)


def test_shared_text_too_big_to_hold_is_refused_by_its_count(
    session: Session, tmp_path: Path
) -> None:
    import random

    rnd = random.Random(1)
    # Random two-letter texts pack only 7 times: no bomb, but 1.4 million of them would
    # take about 250 MB in openpyxl.
    items = "".join(f"<si><t>{rnd.randrange(10**6):x}</t></si>" for _ in range(1_400_000))
    path = xlsx_with(
        tmp_path / "many.xlsx", [HEADER], **{"xl/sharedStrings.xml": f"<sst>{items}</sst>".encode()}
    )
    with pytest.raises(FileTooBigError, match=r"many\.xlsx: its table of shared text "
                       r"\(1,400,000 texts, .* would take about .* of memory"):  # fmt: skip
        import_file(session, path)


def test_a_line_without_end_stops_the_csv_within_its_first_megabytes(
    session: Session, tmp_path: Path
) -> None:
    path = tmp_path / "endless.csv"
    with path.open("wb") as f:
        f.write(b"reference,title\nR-1,")
        f.write(b"\0" * (MAX_LINE_BYTES + 1))
    with pytest.raises(FileTooBigError) as caught:
        import_file(session, path)
    assert str(caught.value) == (
        "endless.csv, line 2: a line is longer than 4.0 MB; is this a CSV file?"
    )


def test_a_huge_cell_is_named_by_its_row(session: Session, tmp_path: Path) -> None:
    # On short lines, so that only the cell is too long.
    cell = ("x" * 99 + "\n") * (MAX_CELL // 100 + 1)
    path = write_csv(tmp_path / "big.csv", [[*row(), ""], [*row(), ""], [*row(), cell]],
                     header=[*HEADER, "description"])  # fmt: skip
    with pytest.raises(FileTooBigError) as caught:
        import_file(session, path)
    assert str(caught.value) == "big.csv, row 4: a cell is longer than 1,000,000 characters"


def inline_row(number: int, values: list[str]) -> str:
    cells = "".join(
        f'<c r="{chr(65 + i)}{number}" t="inlineStr"><is><t>{v}</t></is></c>'
        for i, v in enumerate(values)
    )
    return f'<row r="{number}">{cells}</row>'


def test_a_huge_xlsx_cell_is_named_by_its_row(session: Session, tmp_path: Path) -> None:
    # openpyxl cuts what it writes at Excel's 32,767 characters; other programs do not.
    rows = inline_row(1, HEADER) + inline_row(2, row()) + inline_row(3, ["R", "x" * MAX_CELL + "x"])
    sheet = SHEET.format(rows=rows).encode()
    path = xlsx_with(tmp_path / "big.xlsx", [], **{"xl/worksheets/sheet1.xml": sheet})
    with pytest.raises(FileTooBigError) as caught:
        import_file(session, path)
    assert str(caught.value) == "big.xlsx, row 3: a cell is longer than 1,000,000 characters"


def test_a_cell_under_the_limit_is_read_whole(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "long.csv", [row(title="t" * 500_000)])
    with Table(path) as table:
        [(number, values)] = list(table.rows())
    assert (number, len(values[1])) == (2, 500_000)


def test_more_blank_rows_than_a_sheet_holds_stop_the_import(
    session: Session, tmp_path: Path
) -> None:
    path = tmp_path / "blank.csv"
    path.write_text(",".join(HEADER) + "\n" + "\n" * (MAX_BLANK_ROWS + 5) + ",".join(row()) + "\n")
    with pytest.raises(FileTooBigError) as caught:
        import_file(session, path)
    assert str(caught.value) == (
        f"blank.csv, row {MAX_BLANK_ROWS + 2:,}: more than 1,048,576 blank rows in a row, more "
        "than a spreadsheet holds; delete them (or save only the rows with data)"
    )


def test_an_xlsx_sheet_declaring_every_column_is_read_to_the_header_only(
    tmp_path: Path,
) -> None:
    second = '<row r="2"><c r="B2" t="inlineStr"><is><t>T</t></is></c></row>'
    sheet = SHEET.format(rows=inline_row(1, ["reference", "title", "type"]) + second)
    sheet = sheet.replace("<sheetData>", '<dimension ref="A1:XFD1048576"/><sheetData>')
    path = xlsx_with(tmp_path / "wide.xlsx", [], **{"xl/worksheets/sheet1.xml": sheet.encode()})
    with Table(path) as table:
        assert table.headers == ["reference", "title", "type"]
        assert list(table.rows()) == [(2, [None, "T", None])]


def test_a_refused_import_creates_no_database_file(tmp_path: Path) -> None:
    bomb = b"<sst>" + b"<si><t>ab</t></si>" * (40 << 20 >> 4) + b"</sst>"
    path = xlsx_with(tmp_path / "bomb.xlsx", [HEADER], **{"xl/sharedStrings.xml": bomb})
    bad = write_csv(tmp_path / "bad.csv", [row(title="\x00")])
    target = tmp_path / "new.db"
    for source in (path, bad):
        result = subprocess.run(
            [sys.executable, "-m", "app.cli", "--db", str(target), "import", str(source)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 1
        assert "Traceback" not in result.stderr
        assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.csv", "bomb.xlsx"]


def test_an_xlsx_row_too_large_to_parse_is_named_before_parsing(
    session: Session, tmp_path: Path
) -> None:
    # 200,000 tiny cells in one row: 4.4 MB of XML that openpyxl would parse into one list.
    wide = '<row r="7">' + '<c r="A7"><v>1</v></c>' * 200_000 + "</row>"
    rows = inline_row(1, HEADER) + inline_row(2, row()) + wide + inline_row(8, row())
    sheet = SHEET.format(rows=rows).encode()
    path = xlsx_with(tmp_path / "wide.xlsx", [], **{"xl/worksheets/sheet1.xml": sheet})
    with pytest.raises(FileTooBigError) as caught:
        import_file(session, path)
    assert str(caught.value) == (
        "wide.xlsx, row 7: the row is larger than 4.0 MB of XML; is a cell of it a whole document?"
    )


def bloated_styles(formats: int) -> bytes:
    import random

    rnd = random.Random(2)  # formats that differ, as bloated styles do: no zip bomb
    xfs = "".join(
        f'<xf numFmtId="{rnd.randrange(200)}" fontId="{rnd.randrange(10**6)}" xfId="0"/>'
        for _ in range(formats)
    )
    return f"<styleSheet><cellXfs>{xfs}</cellXfs></styleSheet>".encode()


def test_bloated_styles_are_refused_before_openpyxl_parses_them(
    session: Session, tmp_path: Path
) -> None:
    styles = bloated_styles(200_000)  # 8.5 MB: openpyxl would take about 200 MB for them
    path = xlsx_with(tmp_path / "styled.xlsx", [HEADER], **{"xl/styles.xml": styles})
    with pytest.raises(FileTooBigError) as caught:
        import_file(session, path)
    assert str(caught.value) == (
        "styled.xlsx: xl/styles.xml (8.5 MB unpacked) would take about 203.3 MB of memory, "
        "over the 180.0 MB an import allows; save the sheet as CSV UTF-8 and import that"
    )


def test_a_sheet_with_formulas_counts_twice(session: Session, tmp_path: Path) -> None:
    # A sheet with formulas is read twice (values and formulas): the same styles that
    # pass alone are too many then.
    styles = bloated_styles(120_000)
    plain = xlsx_with(tmp_path / "plain.xlsx", [HEADER], **{"xl/styles.xml": styles})
    with_formula = xlsx_with(
        tmp_path / "formula.xlsx", [HEADER, [*row()[:-1], "=1+1"]], **{"xl/styles.xml": styles}
    )
    check_xlsx(plain)  # passes the limits
    with pytest.raises(FileTooBigError, match=r"and its formulas would take about 24\d\."):
        import_file(session, with_formula)
