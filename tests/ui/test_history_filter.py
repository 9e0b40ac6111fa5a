"""The History tab names each change's person and shows one person's changes on request."""

from __future__ import annotations

from dataclasses import replace

import pytest
from pytestqt.qtbot import QtBot

from app.db import Database
from app.domain.roles import Role
from app.services.agreements import create_agreement, update_agreement
from app.services.partners import PartnerInput, create_partner
from app.services.people import add_person
from tests.conftest import agreement_input
from ui.editors.agreement.editor import AgreementEditor

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def test_the_history_filters_by_the_people_who_appear_in_it(qtbot: QtBot, db: Database) -> None:
    with db.session() as s:
        add_person(s, "li", "Li Wei", name_local="李伟", role=Role.EDITOR)
        add_person(s, "ceo", "The Chief", role=Role.ADMIN)
        add_person(s, "nobody", "Never Wrote", role=Role.EDITOR)
        p = create_partner(s, PartnerInput(legal_name="Harbor Pay Inc.", country="US"))
        a = create_agreement(s, agreement_input(p.id, title="Checkout"), actor="li")
        a = update_agreement(s, a.id, replace(a.to_input(), title="Checkout 2027"), a.version,
                             actor="ceo")  # fmt: skip
        update_agreement(s, a.id, replace(a.to_input(), title="Checkout 2028"), a.version,
                         actor="li")  # fmt: skip
    editor = AgreementEditor(db, a.id)
    qtbot.addWidget(editor)
    tab = editor.history_tab
    box = tab.person_box
    assert [box.itemText(i) for i in range(box.count())] == [
        "Everyone",
        "Li Wei (李伟)",
        "The Chief",
    ]

    def shown() -> list[tuple[str, str]]:
        return [(tab.table.item(r, 1).text(), tab.table.item(r, 5).text())  # type: ignore[union-attr]
                for r in range(tab.table.rowCount())]  # fmt: skip

    assert shown() == [("Li Wei (李伟)", "Checkout 2028"), ("The Chief", "Checkout 2027"),
                       ("Li Wei (李伟)", "BR-2026-0001 Checkout")]  # fmt: skip
    box.setCurrentIndex(box.findText("The Chief"))
    assert shown() == [("The Chief", "Checkout 2027")]
    box.setCurrentIndex(box.findText("Li Wei (李伟)"))
    assert shown() == [
        ("Li Wei (李伟)", "Checkout 2028"),
        ("Li Wei (李伟)", "BR-2026-0001 Checkout"),
    ]
    box.setCurrentIndex(0)
    assert len(shown()) == 3
