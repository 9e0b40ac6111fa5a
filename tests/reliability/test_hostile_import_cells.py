"""Hypothesis-generated import cells: whatever text a CSV or XLSX cell holds, the import
stores what the text policy makes of it, or refuses the row naming row and column.

Never another exception, never a false refusal, never a partial write.
"""

from __future__ import annotations

import csv
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.models import Agreement
from app.domain.text import clean_text, is_visible, ooxml_escape, refused_character
from app.services.importing import import_file
from app.services.tabular import guard_formula
from tests.services.test_importing import HEADER, row

COLUMNS = [*HEADER, "description"]
# The import's own word for a blank cell, the policy's for an invisible one or a non-character.
REFUSALS = ("is required", "an agreement needs a title", "contains U+")

# Every code point but surrogates (which no file can hold), weighted towards the ones
# the policy treats specially.
SPECIAL = "\x00\x01\x07\x09\x0a\x0b\x0c\x0d\x1b\x1f\x7f\x85\x9b\u00a0\u200b\u200d\u2028\u202e\u3000\ufeff\ufdd0\ufffe\uffff"  # noqa: E501
CELLS = st.text(
    st.one_of(st.sampled_from(SPECIAL), st.characters(exclude_categories=["Cs"])), max_size=30
) | st.sampled_from(["=1+1", "'=SUM(A1)", "_x000B_", "A&B <Trading>", "\u200b", "Cafe\u0301"])


def write_csv(path: Path, title: str, description: str) -> None:
    # As our own export writes them: a formula guarded with an apostrophe.
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\r\n")
        writer.writerow(COLUMNS)
        writer.writerow([*row(title=guard_formula(title)), guard_formula(description)])


def write_xlsx(path: Path, title: str, description: str) -> None:
    # As Excel writes them: text cells, the characters XML cannot hold as _xHHHH_.
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)
    ws = book.create_sheet("Agreements")
    ws.append(COLUMNS)
    cells = []
    for value in [*row(title=title), description]:
        cell = WriteOnlyCell(ws, value=ooxml_escape(value))
        cell.data_type = "s"
        cells.append(cell)
    ws.append(cells)
    book.save(path)


def expected(text: str, multiline: bool) -> str:
    """The import's reading (composed, outer spaces gone) and then the policy."""
    text = unicodedata.normalize("NFC", text)
    if not text.strip():  # a cell of spaces and line breaks is a blank cell
        return ""
    if not multiline:
        return clean_text(text.strip()).strip()
    return clean_text(text, multiline=True)


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
@settings(
    max_examples=150,
    derandomize=True,  # the same cells on every run; an exploratory run of 5,000 passed too
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(title=CELLS, description=CELLS)
def test_generated_cells_import_by_the_policy_or_are_refused_by_row_and_column(
    session: Session, tmp_path: Path, kind: str, title: str, description: str
) -> None:
    path = tmp_path / f"generated.{kind}"
    (write_csv if kind == "csv" else write_xlsx)(path, title, description)
    savepoint = session.begin_nested()
    try:
        report = import_file(session, path)
        stored = session.execute(select(Agreement.title, Agreement.description)).all()
    finally:
        savepoint.rollback()
    title_problem = refused_character(title) or not is_visible(expected(title, False))
    description_problem = refused_character(description)
    if title_problem or description_problem:
        assert not report.ok and stored == []
        for p in report.problems:
            assert (p.row, p.field) in ((2, "title"), (2, "description")), str(p)
            assert p.message.startswith(REFUSALS), str(p)
    else:
        assert report.ok, [str(p) for p in report.problems]
        assert stored == [(expected(title, False), expected(description, True))]
    assert session.scalar(select(func.count()).select_from(Agreement)) == 0
