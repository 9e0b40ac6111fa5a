"""The zh_CN translation covers every string of ui/, and the .qm is built from the .ts.

``pyside6-lupdate`` only sees text written as a literal inside ``self.tr(...)`` or
``translate("Context", ...)``: a string routed through a one-argument helper is shown in
English forever, silently. These tests catch that statically, and then check in Chinese the
texts that used to go through such helpers (undo steps, the backup dialogs).
"""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import PySide6
import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

import ui.undo
from app.db import Database
from app.domain.enums import AgreementStatus
from app.services.agreements import get_agreement
from ui import i18n
from ui.dialogs import backup as backup_dialog
from ui.undo import change_status_undoable, delete_agreement_undoable

ROOT = Path(__file__).resolve().parents[2]
UI_FILES = sorted((ROOT / "ui").rglob("*.py"))
TS = i18n.I18N_DIR / "partnerdesk_zh_CN.ts"
QM = i18n.I18N_DIR / "partnerdesk_zh_CN.qm"
PLACEHOLDER = re.compile(r"\{[A-Za-z_]*\}|%\d|%n")
Button = QMessageBox.StandardButton
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def _tool(name: str) -> Path:
    """Qt's own lupdate/lrelease, shipped inside the PySide6 package the project depends on.

    Not the ``pyside6-*`` console scripts: those sit beside the interpreter that installed
    them, or on PATH, and when pytest runs under another interpreter (``python -m pytest``
    with packages in the user site, a CI image) they are not found; the checks used to skip
    then, silently. Absent here means a broken install: the test fails.
    """
    found = Path(PySide6.__file__).resolve().parent / (name + (".exe" if os.name == "nt" else ""))
    assert found.is_file(), f"{found} is missing: reinstall PySide6-Essentials"
    return found


def _messages(ts: Path) -> list[tuple[str, ET.Element]]:
    return [
        (context.findtext("name") or "", message)
        for context in ET.parse(ts).getroot().iter("context")
        for message in context.iter("message")
    ]


def _translations(message: ET.Element) -> list[str]:
    element = message.find("translation")
    if element is None:
        return []
    forms = [form.text or "" for form in element.iter("numerusform")]
    return forms or [element.text or ""]


# --- the sources: every visible string is where lupdate can read it ---------------------


def _call_name(call: ast.Call) -> str:
    func = call.func
    return func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")


def _is_text(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def test_every_translation_call_has_its_text_written_out() -> None:
    hidden: list[str] = []
    for path in UI_FILES:
        for call in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(call, ast.Call):
                continue
            name, args, where = _call_name(call), call.args, f"{path.relative_to(ROOT)}:"
            if name in ("translate", "QT_TRANSLATE_NOOP"):
                if len(args) < 2 or not (_is_text(args[0]) and _is_text(args[1])):
                    hidden.append(f"{where}{call.lineno} {ast.unparse(call)[:80]}")
            elif name in ("tr", "QT_TR_NOOP"):
                receiver = call.func.value if isinstance(call.func, ast.Attribute) else None
                # x.tr() is filed by lupdate under "x" but looked up by Qt under x's class.
                lexical = isinstance(receiver, ast.Name) and receiver.id == "self"
                if not args or not _is_text(args[0]) or (name == "tr" and not lexical):
                    hidden.append(f"{where}{call.lineno} {ast.unparse(call)[:80]}")
    assert hidden == []


def test_the_ts_file_holds_exactly_the_strings_of_the_sources(tmp_path: Path) -> None:
    copy = tmp_path / TS.name
    shutil.copyfile(TS, copy)
    run = subprocess.run(
        [str(_tool("lupdate")), *map(str, UI_FILES), "-ts", str(copy)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr

    def state(ts: Path) -> set[tuple[str, str, str | None]]:
        return {
            (context, m.findtext("source") or "", None if t is None else t.get("type"))
            for context, m in _messages(ts)
            for t in [m.find("translation")]
        }

    # New strings come back "unfinished", strings no longer in the code "vanished".
    assert state(copy) == state(TS)


# --- the .ts and the .qm -----------------------------------------------------------------


def test_no_entry_is_unfinished_empty_or_obsolete() -> None:
    messages = _messages(TS)
    assert len(messages) > 600
    bad = [
        (context, m.findtext("source"))
        for context, m in messages
        if (t := m.find("translation")) is None
        or t.get("type") in ("unfinished", "vanished", "obsolete")
        or not all(text.strip() for text in _translations(m))
    ]
    assert bad == []


def test_translations_keep_the_placeholders_of_the_source() -> None:
    wrong = [
        (context, source, text)
        for context, m in _messages(TS)
        for source in [m.findtext("source") or ""]
        for text in _translations(m)
        if sorted(PLACEHOLDER.findall(source.replace("%n", "")))
        != sorted(PLACEHOLDER.findall(text.replace("%n", "")))
    ]
    assert wrong == []


def test_the_qm_is_compiled_from_the_ts(tmp_path: Path) -> None:
    fresh = tmp_path / QM.name
    run = subprocess.run(
        [str(_tool("lrelease")), str(TS), "-qm", str(fresh)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert "0 unfinished" in run.stdout and "untranslated" not in run.stdout
    assert fresh.read_bytes() == QM.read_bytes()


# --- in Chinese: the texts that used to be invisible to lupdate --------------------------


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[None]:
    # Windows of earlier tests, closed but not yet deleted, would retranslate and reload
    # their pages on the language change, and be deleted under their loaders' feet.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert i18n.install(qapp, "zh_CN")
    yield
    i18n.install(qapp, "en")  # one application for the session: leave it in English


@pytest.fixture
def told(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """(title, text) of every message box; questions are answered Yes."""
    shown: list[tuple[str, str]] = []

    def tell(_parent: QWidget | None, title: str, text: str, *_a: object) -> Button:
        shown.append((title, text))
        return Button.Ok

    monkeypatch.setattr(QMessageBox, "warning", tell)
    monkeypatch.setattr(QMessageBox, "information", tell)
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: Button.Yes)
    return shown


def first(db: Database, status: AgreementStatus) -> tuple[int, str]:
    with db.session() as s:
        view = next(a for a in (get_agreement(s, i) for i in range(1, 61)) if a.status is status)
    return view.id, view.reference


@pytest.mark.usefixtures("chinese")
def test_undo_steps_are_named_in_chinese(
    ui_db: Database, told: list[tuple[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The failure below is announced on the shared notifier: not to windows of earlier tests.
    monkeypatch.setattr(ui.undo, "_events", ui.undo.UndoEvents())
    stack = QUndoStack()
    draft_id, draft_ref = first(ui_db, AgreementStatus.DRAFT)
    active_id, active_ref = first(ui_db, AgreementStatus.ACTIVE)
    change_status_undoable(ui_db, stack, draft_id, AgreementStatus.NEGOTIATION)
    step = f"将 {draft_ref} 的状态改为谈判中"
    assert stack.undoText() == step
    undo_action = stack.createUndoAction(stack, QCoreApplication.translate("MainWindow", "&Undo"))
    assert undo_action.text() == f"撤销(&U) {step}"

    delete_agreement_undoable(ui_db, None, draft_id)  # deleted on another desk
    stack.undo()
    assert [title for title, _ in told] == ["无法撤销或重做"]
    assert told[0][1].startswith(f"无法执行“{step}”：")
    assert stack.count() == 0

    delete_agreement_undoable(ui_db, stack, active_id)
    assert stack.undoText() == f"删除 {active_ref}"


@pytest.mark.usefixtures("chinese")
def test_backup_and_restore_speak_chinese(
    ui_db: Database, told: list[tuple[str, str]], tmp_path: Path
) -> None:
    target = tmp_path / "copy.db"
    assert backup_dialog.back_up(None, ui_db, target) == target
    title, text = told[-1]
    assert title == "备份"
    assert text.startswith("已将 60 份协议和 ") and text.endswith(f"个合作伙伴备份到 {target}。")

    asked: list[tuple[str, str]] = []

    def confirm(_parent: QWidget | None, title: str, question: str) -> bool:
        asked.append((title, question))
        return False  # the question is all this test wants

    assert not backup_dialog.restore(None, ui_db, target, confirm=confirm)
    assert asked[0][0] == "恢复"
    assert asked[0][1].startswith("用备份 copy.db（60 份协议、")
    assert asked[0][1].endswith("数据库现有内容会先在同一位置另存一份副本。")

    broken = tmp_path / "broken.db"
    broken.write_bytes(b"not a database")
    assert not backup_dialog.restore(None, ui_db, broken, confirm=confirm)
    assert told[-1][0] == "恢复" and told[-1][1].startswith("无法恢复此备份：")
