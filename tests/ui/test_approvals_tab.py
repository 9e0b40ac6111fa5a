"""Approve and reject in the agreement editor: the policy, the trail, and who may decide."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.db import Database
from app.domain.enums import AgreementStatus, AgreementType
from app.domain.roles import Role
from app.services.agreements import create_agreement
from app.services.approvals import set_policy
from app.services.partners import PartnerInput, create_partner
from app.services.people import add_person, connected_login, current_person
from tests.conftest import agreement_input
from tests.ui.team_logins import Team, team_fixture  # noqa: F401  (the fixture)
from ui.editors.agreement.approvals import CommentDialog
from ui.editors.agreement.editor import AgreementEditor

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def waiting_agreement(db: Database, author: str) -> int:
    """A CNY 6M brand agreement pending approval, written by ``author``; policy: two."""
    with db.session() as s:
        add_person(s, "li", "Li Wei", name_local="李伟", role=Role.APPROVER)
        set_policy(s, AgreementType.BRAND, Decimal("5000000"), 2, admin_required=True)
        p = create_partner(s, PartnerInput(legal_name="Harbor Pay Inc.", country="US"))
        data = agreement_input(p.id, currency="CNY", value=Decimal("6000000"),
                               status=AgreementStatus.PENDING_APPROVAL,
                               signed_date=date.today())  # fmt: skip
        return create_agreement(s, data, actor=author).id


@pytest.fixture
def me(db: Database) -> str:
    """This desk's login, registered as the SQLite file's admin."""
    with db.session() as s:
        current_person(s)
        return connected_login(s)


def open_editor(qtbot: QtBot, db: Database, agreement_id: int) -> AgreementEditor:
    editor = AgreementEditor(db, agreement_id)
    qtbot.addWidget(editor)
    return editor


def test_an_approver_who_did_not_write_it_approves_and_the_trail_shows_it(
    qtbot: QtBot, db: Database, me: str
) -> None:
    editor = open_editor(qtbot, db, waiting_agreement(db, author="li"))
    tab = editor.approvals_tab
    assert tab.requirement_label.text() == (
        "Requires 2 approvals by different people, one of them by an admin; "
        "approved by 0 so far.\nCurrent terms written by Li Wei (李伟)."
    )
    assert tab.approve_button.isEnabled() and tab.reject_button.isEnabled()
    with qtbot.waitSignal(editor.saved), qtbot.waitSignal(tab.decided) as said:
        assert tab.record(True, "Within budget")  # the window refreshes its pages on saved
    assert editor.view is not None and said.args == [f"Approved {editor.view.reference}"]
    row = [tab.table.item(0, c).text() for c in range(5)]  # type: ignore[union-attr]
    assert row[0] == me and row[1:4:2] == ["Approved", "Within budget"] and row[4] == "Yes"
    assert "approved by 1 so far" in tab.requirement_label.text()
    assert (tab.approve_button.isEnabled(), tab.approve_button.toolTip()) == (
        False, "You have already decided on these terms",
    )  # fmt: skip
    history = editor.history_tab.table
    assert history.item(0, 3).text() == "approval"  # type: ignore[union-attr]
    assert history.item(0, 5).text() == "approved: Within budget"  # type: ignore[union-attr]


def test_the_author_may_not_approve_their_own_terms(qtbot: QtBot, db: Database, me: str) -> None:
    editor = open_editor(qtbot, db, waiting_agreement(db, author=me))
    button = editor.approvals_tab.approve_button
    assert (button.isEnabled(), button.toolTip()) == (
        False, "You wrote its current terms: someone else must approve",
    )  # fmt: skip


def test_a_draft_is_not_approved(qtbot: QtBot, db: Database) -> None:
    with db.session() as s:
        p = create_partner(s, PartnerInput(legal_name="Harbor Pay Inc.", country="US"))
        draft = create_agreement(s, agreement_input(p.id, value=Decimal(1000))).id
    editor = open_editor(qtbot, db, draft)
    assert editor.approvals_tab.requirement_label.text().startswith("No approval is required")
    assert not editor.approvals_tab.reject_button.isEnabled()


def test_a_rejection_needs_a_comment_and_the_dialog_is_keyboard_ready(qtbot: QtBot) -> None:
    dialog = CommentDialog(False, "BR-2026-0001")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.windowTitle() == "Reject BR-2026-0001"
    assert (dialog.ok_button.isEnabled(), dialog.ok_button.toolTip()) == (
        False, "A rejection needs a comment",
    )  # fmt: skip
    dialog.comment_edit.setFocus()
    qtbot.keyClicks(dialog.comment_edit, "Fee too high")  # type: ignore[no-untyped-call]
    assert dialog.ok_button.isEnabled() and dialog.comment() == "Fee too high"
    qtbot.keyClick(dialog.comment_edit, Qt.Key.Key_Tab)  # type: ignore[no-untyped-call]
    assert dialog.focusWidget() in (dialog.ok_button, dialog.buttons.buttons()[1])


@pytest.mark.postgres
def test_an_editor_is_told_their_role_does_not_approve(
    qtbot: QtBot, pg_db: Database, team: Team
) -> None:
    with pg_db.session() as s:
        add_person(s, "ceo", "The Chief", role=Role.ADMIN)
    agreement_id = waiting_agreement(pg_db, author="ceo")
    editor = open_editor(qtbot, team("editor", "Ed Itor"), agreement_id)
    button = editor.approvals_tab.reject_button
    assert (button.isEnabled(), button.toolTip()) == (
        False, "Your role, editor, cannot approve or reject agreements",
    )  # fmt: skip
    assert editor.approvals_tab.table.rowCount() == 0
