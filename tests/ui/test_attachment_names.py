"""Opening a document whose stored name is hostile writes only inside its temporary folder."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from app.db import Database
from app.domain.models import Attachment
from app.services.attachments import add_attachment
from tests.ui.test_agreement_editor import Button, answer_questions, open_editor
from tests.ui.test_i18n_completeness import chinese  # noqa: F401  (a fixture)

# Names an older version stored as given (this one stores a safe name).
STORED = ["../../escape.pdf", "..\\..\\escape2.pdf", "{tmp}/absolute.pdf", "CON", "x" * 300]


@pytest.fixture(autouse=True)
def _never_block_on_a_question(monkeypatch: pytest.MonkeyPatch) -> None:
    answer_questions(monkeypatch, Button.Discard)


def test_opening_documents_with_hostile_stored_names_stays_in_the_temporary_folder(
    qtbot: QtBot, ui_db: Database, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    temp_root = tmp_path / "temp"
    temp_root.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp_root))
    with ui_db.session() as s:
        for i, name in enumerate(STORED):
            att = add_attachment(s, 13, f"doc{i}.pdf", f"%PDF {i}".encode())
            name = name.format(tmp=tmp_path)
            s.execute(update(Attachment).where(Attachment.id == att.id).values(filename=name))
    opened: list[QUrl] = []

    def open_url(url: QUrl) -> bool:
        opened.append(url)
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", open_url)
    errors: list[str] = []
    editor = open_editor(qtbot, ui_db, 13)
    tab = editor.attachments_tab
    monkeypatch.setattr(tab, "error", errors.append)
    for row in range(tab.table.rowCount()):
        tab.table.selectRow(row)
        tab.activate()
    assert errors == []
    files = [Path(url.toLocalFile()) for url in opened]
    assert len(files) == len(STORED)
    for path in files:
        # <temp>/partnerdesk-XXXX/<document id>/<safe name>, nowhere else.
        assert path.resolve().parent.parent.parent == temp_root.resolve()
        assert len(path.name.encode()) <= 255
    assert sorted(p.name for p in files) == sorted(
        ["escape.pdf", "escape2.pdf", "absolute.pdf", "_CON", "x" * 255]
    )
    assert sorted(p.read_bytes() for p in files) == [f"%PDF {i}".encode() for i in range(5)]
    assert not (tmp_path / "absolute.pdf").exists()
    assert [p.name for p in temp_root.iterdir()] == [files[0].parent.parent.name]


@pytest.mark.usefixtures("chinese")
def test_the_text_policy_and_the_duplicate_note_speak_chinese() -> None:
    from app.domain.text import refused_character
    from ui.editors.messages import translate_message

    assert translate_message(str(refused_character("合同\x00"))) == (
        "第 3 个字符 U+0000（NUL 空字节）不是文本，请删除"
    )
    assert translate_message(str(refused_character("\ufffe"))) == (
        "第 1 个字符 U+FFFE（Unicode 非字符）不是文本，请删除"
    )
    assert translate_message("the same file is already attached as 合同.pdf") == (
        "同一文件已作为 合同.pdf 附加"
    )


def test_adding_the_same_file_twice_asks_first(
    qtbot: QtBot, ui_db: Database, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from PySide6.QtWidgets import QDialogButtonBox, QFileDialog

    from ui.editors.agreement.attachments import AttachmentDialog

    source = tmp_path / "licence.pdf"
    source.write_bytes(b"%PDF licence")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(source), ""))

    def click_ok(dialog: AttachmentDialog) -> int:
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        return dialog.result()

    monkeypatch.setattr(AttachmentDialog, "exec", click_ok)
    editor = open_editor(qtbot, ui_db, 14)
    tab = editor.attachments_tab
    before = tab.table.rowCount()
    tab.add()
    asked = answer_questions(monkeypatch, Button.No)
    tab.add()
    assert asked == ["the same file is already attached as licence.pdf. Add it again?"]
    assert tab.table.rowCount() == before + 1
    answer_questions(monkeypatch, Button.Yes)
    tab.add()
    assert tab.table.rowCount() == before + 2
