"""The agreement editor offers the people register's names as owners."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from app.db import Database
from app.domain.roles import Role
from app.services.people import add_person, deactivate
from tests.ui.test_agreement_editor import open_editor


def test_the_owner_field_suggests_registered_people_and_todays_owners(
    qtbot: QtBot, ui_db: Database
) -> None:
    with ui_db.session() as s:
        add_person(s, "o.brandt", "Ottilie Brandt", name_local="奥蒂莉", role=Role.EDITOR)
        add_person(s, "gone", "Gone Person", role=Role.EDITOR)
        deactivate(s, "gone")
    editor = open_editor(qtbot, ui_db)
    completer = editor.owner_edit.completer()
    assert completer is not None
    model = completer.model()
    offered = [model.index(i, 0).data() for i in range(model.rowCount())]
    assert "Ottilie Brandt" in offered
    assert "Gone Person" not in offered
    assert offered == sorted(offered) and len(offered) > 1  # the demo's owners stay
