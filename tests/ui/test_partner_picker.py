"""The agreement editor's partner field holds a screenful of names and finds the rest as
one types (#15.2: at a million agreements there are 50,000 partners, and holding them all
stalled the window each time an editor opened)."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from app.db import Database
from app.services.editing import partner_choices
from app.services.partners import count_partners
from ui.editors.agreement import partner_picker
from ui.editors.agreement.editor import AgreementEditor

from .test_agreement_editor import _never_block_on_a_question  # noqa: F401  (a fixture)

# The completer's popup asks to raise itself and grab the keyboard (offscreen says no).
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def test_the_list_holds_a_screenful_and_typing_finds_a_partner_beyond_it(
    qtbot: QtBot, ui_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(partner_picker, "SCREEN", 3)
    with ui_db.session() as s:
        everyone = partner_choices(s)
        assert count_partners(s) > 6
    editor = AgreementEditor(ui_db)
    qtbot.addWidget(editor)
    picker = editor.partner_combo
    assert picker.count() == 3  # the first names only
    last = everyone[-1]  # by name: not among the first screen
    line = picker.lineEdit()
    assert line is not None
    line.setFocus()
    qtbot.keyClicks(line, last.legal_name)  # type: ignore[no-untyped-call]
    qtbot.waitUntil(lambda: not picker.pending())
    assert last.label in [picker.itemText(i) for i in range(picker.count())]
    assert picker.partner_id() == last.id
    assert picker.currentText() == last.legal_name  # what was typed stays as typed


def test_a_name_typed_and_saved_before_the_look_up_answered_still_finds_the_partner(
    ui_db: Database,
) -> None:
    with ui_db.session() as s:
        last = partner_choices(s)[-1]
        assert partner_picker.find_choice(s, last.label) == last.id
        assert partner_picker.find_choice(s, last.legal_name) == last.id
        assert partner_picker.find_choice(s, "no such partner at all") is None
