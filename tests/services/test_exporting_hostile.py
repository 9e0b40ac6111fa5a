"""Exports of whatever is stored, and exports that fail: lossless XLSX, no half file, one line."""

from __future__ import annotations

import errno
import gc
import io
import sys
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import update
from sqlalchemy.orm import Session

from app.domain.models import Agreement
from app.errors import PartnerDeskError
from app.services.agreements import create_agreement
from app.services.exporting import export_file
from app.services.importing import import_file
from app.services.partners import PartnerView
from app.services.tabular import Table
from tests.conftest import agreement_input

# What a database made before the text policy may hold: XML 1.0 can write none of it but
# the last, which looks like an escape and must come back as itself.
LEGACY = ["Vertical\x0btab", "Non\ufffecharacter", "Bell\x07 and \x1b[31mANSI", "_x000B_ literal"]


@pytest.fixture
def legacy(session: Session, partner: PartnerView) -> Session:
    """Agreements whose titles were stored before the text policy existed."""
    for i, title in enumerate(LEGACY):
        view = create_agreement(session, agreement_input(partner.id, reference=f"OLD-{i}"))
        session.execute(update(Agreement).where(Agreement.id == view.id).values(title=title))
    create_agreement(session, agreement_input(partner.id, reference="ZZ-LAST", title="Last row"))
    session.flush()
    return session


def test_xlsx_export_of_old_data_is_lossless(legacy: Session, tmp_path: Path) -> None:
    path = tmp_path / "out.xlsx"
    assert export_file(legacy, path).rows == 5
    # A strict XML reader sees every row (U+FFFE used to make the sheet unreadable)...
    cells = [r[1] for r in openpyxl.load_workbook(path).active.values]
    assert cells[-1] == "Last row" and len(cells) == 6
    assert cells[1:5] == ["Vertical_x000B_tab", "Non_xFFFE_character",
                          "Bell_x0007_ and _x001B_[31mANSI", "_x005F_x000B_ literal"]  # fmt: skip
    # ...and the import's reader gives back exactly what is stored.
    with Table(path) as table:
        titles = [values[1] for _n, values in table.rows()]
    assert titles == [*LEGACY, "Last row"]


def test_old_data_with_a_vertical_tab_exports_and_imports_under_the_policy(
    legacy: Session, tmp_path: Path
) -> None:
    path = tmp_path / "out.xlsx"
    export_file(legacy, path)
    report = import_file(legacy, path)
    # The import applies today's policy: the vertical tab and the controls go, U+FFFE is named.
    assert [str(p) for p in report.problems] == [
        "row 3, title: contains U+FFFE (a Unicode noncharacter) at character 4, which is not "
        "text; remove it"
    ]


class FullDisk(io.BytesIO):
    """A file on a disk with ``room`` bytes left: writes beyond it fail, as does closing
    with bytes that did not fit (a buffered file flushes when it closes)."""

    room = 20_000

    def __init__(self, path: Any, _mode: str) -> None:
        super().__init__()
        Path(path).touch()  # the real partial file, which the export must remove
        self.full = False

    def write(self, data: Any) -> int:
        if self.full or self.tell() + len(data) > self.room:
            self.full = True
            raise OSError(errno.ENOSPC, "No space left on device")
        return super().write(data)

    def close(self) -> None:
        if self.full and not self.closed:
            super().close()
            raise OSError(errno.ENOSPC, "No space left on device")
        super().close()


def test_a_full_disk_during_xlsx_export_gives_one_line_and_no_file(
    legacy: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    class FakeIo:
        open = FullDisk

    unraisable: list[Any] = []
    monkeypatch.setattr(sys, "unraisablehook", unraisable.append)
    for i in range(200):  # enough rows to fill the disk
        data = agreement_input(1, reference=f"FILL-{i:03d}", description="x" * 400)
        create_agreement(legacy, data)
    out = tmp_path / "exports"
    out.mkdir()
    monkeypatch.setattr(zipfile, "io", FakeIo)
    with pytest.raises(PartnerDeskError) as caught:
        export_file(legacy, out / "out.xlsx")
    monkeypatch.setattr(zipfile, "io", io)
    message = str(caught.value)
    del caught  # its traceback holds the zip file; let it be collected now
    gc.collect()
    assert message.startswith("the disk is full while writing ")
    assert message.endswith("out.xlsx; free some space and try again (nothing was exported)")
    assert list(out.iterdir()) == []
    assert unraisable == []  # no "Exception ignored in: <function ZipFile.__del__>"
