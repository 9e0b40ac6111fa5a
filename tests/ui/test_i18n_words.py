"""Words people see: plural forms in both languages, Qt's own dialogs in Chinese."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from app.db import Database
from ui import i18n
from ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
UI_FILES = sorted((ROOT / "ui").rglob("*.py"))
EN_TS = i18n.I18N_DIR / "partnerdesk_en.ts"
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")
translate = QCoreApplication.translate


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[None]:
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert i18n.install(qapp, "zh_CN")
    yield
    i18n.install(qapp, "en")


def test_english_counts_say_one_agreement_and_two_agreements() -> None:
    assert translate("AgreementsPage", "%Ln agreement(s)", "", 1) == "1 agreement"
    assert translate("AgreementsPage", "%Ln agreement(s)", "", 2) == "2 agreements"
    assert translate("PartnersPage", "%Ln partner(s)", "", 1) == "1 partner"


@pytest.mark.usefixtures("chinese")
def test_chinese_counts_have_no_english_plural_marks() -> None:
    assert translate("AgreementsPage", "%Ln agreement(s)", "", 2) == "2 份协议"


def test_every_plural_of_the_sources_has_english_forms(tmp_path: Path) -> None:
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    if not lupdate.exists():
        lupdate = Path(shutil.which("pyside6-lupdate") or "")
    if not lupdate.name:
        pytest.skip("pyside6-lupdate is not installed")
    copy = tmp_path / EN_TS.name
    shutil.copyfile(EN_TS, copy)
    run = subprocess.run(
        [str(lupdate), *map(str, UI_FILES), "-pluralonly", "-target-language", "en",
         "-ts", str(copy)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    messages = list(ET.parse(copy).getroot().iter("message"))
    assert messages
    unfinished = [
        m.findtext("source")
        for m in messages
        if (t := m.find("translation")) is None or t.get("type") is not None
    ]
    assert unfinished == []
    for m in messages:
        forms = [f.text or "" for f in m.iter("numerusform")]
        assert len(forms) == 2 and not any("(s)" in f for f in forms), m.findtext("source")


def test_no_visible_text_writes_a_plural_as_s_in_brackets() -> None:
    """A "(s)" is only allowed where Qt replaces it: in a %n text."""
    found = []
    for path in UI_FILES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            text = node.value if isinstance(node, ast.Constant) else None
            if (
                isinstance(text, str)
                and re.search(r"\w\(s\)", text)
                and not re.search(r"%L?n", text)
            ):
                found.append(f"{path.relative_to(ROOT)}: {text[:50]}")
    assert found == []


@pytest.mark.usefixtures("chinese")
def test_qt_file_dialog_and_message_box_speak_chinese(qtbot: QtBot) -> None:
    dialog = QFileDialog(None, "t", str(Path.home()), "PDF (*.pdf)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    qtbot.addWidget(dialog)
    dialog.show()
    labels = [label.text() for label in dialog.findChildren(QLabel) if label.text()]
    assert "查找范围(&L)：" in labels and "文件类型(&T)：" in labels
    assert not [t for t in labels if re.search(r"[A-Za-z]{3}", t)]
    # The type column of the file list (Qt 6 names types under another context).
    assert translate("QAbstractFileIconProvider", "Folder") == "文件夹"
    assert translate("QAbstractFileIconProvider", "%1 File") == "%1 文件"
    box = QMessageBox()
    box.setStandardButtons(QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    assert sorted(b.text() for b in box.buttons()) == sorted(["保存", "取消"])


class _Step(QUndoCommand):
    def redo(self) -> None:
        pass

    def undo(self) -> None:
        pass


def test_undo_and_redo_labels_follow_a_language_switch(
    qtbot: QtBot, qapp: QApplication, ui_db: Database
) -> None:
    window = MainWindow(ui_db, date(2026, 11, 26))
    qtbot.addWidget(window)
    window.show()
    window.undo_stack.push(_Step("step"))
    assert window.undo_action.text() == "&Undo step"
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    try:
        assert i18n.install(qapp, "zh_CN")
        qtbot.waitUntil(lambda: window.undo_action.text().startswith("撤销"))
        assert window.undo_action.text() == "撤销(&U) step"
        assert window.redo_action.text().startswith("重做")
        assert window.undo_action.toolTip() == "撤销 step (Ctrl+Z)"
    finally:
        i18n.install(qapp, "en")
    qtbot.waitUntil(lambda: window.undo_action.text() == "&Undo step")


def test_an_undo_step_made_in_english_is_said_in_chinese_after_a_switch(
    qtbot: QtBot, qapp: QApplication, ui_db: Database
) -> None:
    from app.services.agreements import get_agreement
    from app.services.listing import list_agreements
    from ui.undo import EditAgreementCommand

    window = MainWindow(ui_db, date(2026, 11, 26))
    qtbot.addWidget(window)
    window.show()
    with ui_db.session() as s:
        row = list_agreements(s, limit=1)[0]
        data = get_agreement(s, row.id).to_input()
    window.undo_stack.push(EditAgreementCommand(ui_db, row.id, data, data))
    assert window.undo_action.text() == f"&Undo Edit {row.reference}"
    try:
        assert i18n.install(qapp, "zh_CN")
        qtbot.waitUntil(lambda: window.undo_action.text().startswith("撤销"))
        assert window.undo_action.text() == f"撤销(&U) 编辑 {row.reference}"
    finally:
        i18n.install(qapp, "en")
    qtbot.waitUntil(lambda: window.undo_action.text() == f"&Undo Edit {row.reference}")
