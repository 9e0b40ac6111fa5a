"""The import wizard, driven as a user would: file, preview and mapping, check, import."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QComboBox, QMessageBox, QTableWidget, QTableWidgetItem, QWizard
from pytestqt.qtbot import QtBot
from sqlalchemy import delete, func, select

from app.db import Database
from app.domain.models import Agreement, AuditEntry
from ui.dialogs.backup import auto_backup_on_close, back_up, restore
from ui.dialogs.import_wizard import ImportWizard

HEADER = "合同名称,合作类型,合作方,国家,状态,币种,合同金额,开始日期,结束日期,经营模式,内部备注"
GOOD = "花王品牌入驻协议,品牌,花王株式会社,JP,草稿,JPY,￥12000000,2026/3/1,2027/2/28,直营,x"
# The offscreen platform cannot size windows and says so; that is not our warning.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

BAD = "Broken,brand,Kao,JP,active,JPY,lots,2026-03-01,2025-01-01,direct,y"


def agreements(db: Database) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(Agreement)) or 0


def cell(table: QTableWidget, row: int, column: int) -> QTableWidgetItem:
    item = table.item(row, column)
    assert item is not None
    return item


def shot(wizard: ImportWizard, name: str) -> None:
    # Set PARTNERDESK_SHOTS=folder to look at every page as a user sees it.
    folder = os.environ.get("PARTNERDESK_SHOTS")
    if folder:
        wizard.grab().save(str(Path(folder) / f"import_wizard_{name}.png"))


def open_wizard(qtbot: QtBot, db: Database, path: Path) -> ImportWizard:
    wizard = ImportWizard(db)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.path.setText(str(path))
    shot(wizard, "1_file")
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    wizard.next()
    return wizard


def test_map_check_and_import_a_chinese_excel_csv(
    qtbot: QtBot, ui_db: Database, tmp_path: Path
) -> None:
    path = tmp_path / "合同.csv"
    path.write_bytes(f"{HEADER}\r\n{GOOD}\r\n".encode("gbk"))
    before = agreements(ui_db)
    wizard = open_wizard(qtbot, ui_db, path)
    page = wizard.preview_page
    assert page.rows.rowCount() == 1
    assert cell(page.rows, 0, 0).text() == "花王品牌入驻协议"
    unknown = cell(page.mapping, 10, 0)
    assert unknown.text() == "内部备注" and unknown.toolTip() == "Not recognised"
    combo = page.mapping.cellWidget(0, 1)
    assert isinstance(combo, QComboBox) and combo.currentData() == "title"
    page.set_column("内部备注", "description")
    assert "Every required column is there" in page.status.text()
    shot(wizard, "2_preview")
    wizard.next()
    check = wizard.check_page
    qtbot.waitUntil(lambda: check.report is not None, timeout=10_000)
    assert check.isComplete()
    assert "The 1 row is fine: 1 new, 0 updated, 1 new partner" in check.summary.text()
    assert agreements(ui_db) == before  # checking wrote nothing
    shot(wizard, "3_check")
    wizard.next()
    qtbot.waitUntil(lambda: wizard.import_page.finished, timeout=10_000)
    assert "Imported 1 row:" in wizard.import_page.result.text()
    shot(wizard, "4_done")
    assert wizard.imported
    assert agreements(ui_db) == before + 1
    with ui_db.session() as s:
        description = s.scalar(
            select(Agreement.description).where(Agreement.title == "花王品牌入驻协议")
        )
    assert description == "x"


def test_every_problem_is_listed_and_import_is_impossible(
    qtbot: QtBot, ui_db: Database, tmp_path: Path
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(f"{HEADER}\n{GOOD}\n{BAD}\n{BAD}\n", encoding="utf-8")
    wizard = open_wizard(qtbot, ui_db, path)
    wizard.next()
    check = wizard.check_page
    qtbot.waitUntil(lambda: check.report is not None, timeout=10_000)
    shot(wizard, "3_problems")
    assert not check.isComplete()
    assert not wizard.button(QWizard.WizardButton.CommitButton).isEnabled()
    cells = {
        tuple(cell(check.problems, r, c).text() for c in range(3))
        for r in range(check.problems.rowCount())
    }
    assert ("3", "合同金额", "'lots' is not an amount") in cells
    assert ("4", "结束日期", "ends 2025-01-01, before it starts 2026-03-01") in cells
    assert ("4", "签署日期", "an active agreement needs its signed date") not in cells
    assert ("4", "signed_date", "an active agreement needs its signed date") in cells
    assert "problems in 2 of 3 rows" in check.summary.text()


def test_an_unreadable_file_says_why(qtbot: QtBot, ui_db: Database, tmp_path: Path) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_text("not a workbook")
    wizard = ImportWizard(ui_db)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.path.setText(str(path))
    assert "not a readable XLSX workbook" in wizard.file_page.message.text()
    wizard.next()
    assert "not a readable XLSX workbook" in wizard.preview_page.status.text()
    assert not wizard.preview_page.isComplete()


@pytest.mark.parametrize("missing", ["合同金额"])
def test_a_missing_required_column_blocks_the_check(
    qtbot: QtBot, ui_db: Database, tmp_path: Path, missing: str
) -> None:
    header = HEADER.replace(f"{missing},", "")
    values = GOOD.replace("￥12000000,", "")
    path = tmp_path / "in.csv"
    path.write_text(f"{header}\n{values}\n", encoding="utf-8")
    wizard = open_wizard(qtbot, ui_db, path)
    assert "value: this required column is missing" in wizard.preview_page.status.text()
    assert not wizard.preview_page.isComplete()
    wizard.preview_page.set_column("内部备注", "value")
    assert wizard.preview_page.isComplete()


# --- File → Back up / Restore (ui/dialogs/backup.py) -----------------------------------------


def test_back_up_and_restore_from_the_file_menu(ui_db: Database, tmp_path: Path) -> None:
    target = back_up(None, ui_db, tmp_path / "copy.db", quiet=True)
    assert target == tmp_path / "copy.db" and target.is_file()
    before = agreements(ui_db)
    with ui_db.session() as s:
        s.execute(delete(AuditEntry))
        s.execute(delete(Agreement).where(Agreement.id > 10))
    asked: list[str] = []

    def no(_parent: object, _title: str, text: str) -> bool:
        asked.append(text)
        return False

    assert not restore(None, ui_db, target, confirm=no, quiet=True)
    assert "first saved beside it" in asked[0] and f"{before} agreements" in asked[0]
    assert agreements(ui_db) == 10
    assert restore(None, ui_db, target, confirm=lambda *_: True, quiet=True)
    assert agreements(ui_db) == before  # the open database shows the restored data


def test_restore_refuses_a_damaged_backup_before_asking(
    ui_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: told.append(text))
    assert not restore(None, ui_db, damaged, confirm=lambda *_: pytest.fail("asked"))
    assert told and "cannot be restored" in told[0]


def test_automatic_backup_on_close_keeps_the_last_n(ui_db: Database, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    made = [auto_backup_on_close(ui_db, folder, keep=2) for _ in range(3)]
    assert sorted(folder.iterdir()) == made[1:]
    assert auto_backup_on_close(ui_db, "", keep=2) is None  # no folder chosen: off
    # A folder that cannot be made must not stop the window from closing.
    (tmp_path / "file.txt").write_text("x")
    assert auto_backup_on_close(ui_db, tmp_path / "file.txt" / "x", keep=2) is None


def test_the_preview_says_how_a_unit_in_a_header_is_read(
    qtbot: QtBot, ui_db: Database, tmp_path: Path
) -> None:
    path = tmp_path / "in.csv"
    path.write_text(f"{HEADER.replace('合同金额', '合同金额（万元）')}\n{GOOD}\n", encoding="utf-8")
    wizard = open_wizard(qtbot, ui_db, path)
    assert "合同金额（万元）: amounts are read as × 10,000 CNY" in wizard.preview_page.status.text()


def test_cancel_during_the_import_writes_nothing(
    qtbot: QtBot, ui_db: Database, tmp_path: Path
) -> None:
    path = tmp_path / "many.csv"
    lines = [GOOD.replace("花王品牌入驻协议", f"协议 {i}") for i in range(3000)]
    path.write_text("\n".join([HEADER, *lines]) + "\n", encoding="utf-8")
    before = agreements(ui_db)
    wizard = open_wizard(qtbot, ui_db, path)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.check_page.report is not None, timeout=20_000)
    assert wizard.check_page.isComplete()
    wizard.next()
    job = wizard.import_page.job
    assert job is not None
    job.cancel()
    qtbot.waitUntil(lambda: wizard.import_page.finished, timeout=20_000)
    assert wizard.import_page.result.text() == "Cancelled: nothing was imported."
    assert not wizard.imported
    assert agreements(ui_db) == before
