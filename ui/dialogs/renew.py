"""The question asked before an agreement is renewed.

A renewal is not an undo step (Edit ▸ Undo does not take it back: the successor may already
carry milestones and documents of its own), so the question says so before anything is
written.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from app.services.agreements import AgreementView

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text")


def successor_start(view: AgreementView) -> str:
    # renew_agreement starts the successor the day after the predecessor ends.
    return (view.end_date + timedelta(days=1)).isoformat()


def renewal_question(view: AgreementView, today: date | None = None) -> str:
    ended = view.end_date < (today or date.today())
    if ended:
        text = translate(
            "RenewDialog",
            "Renew {ref} ({title})?\n\nA draft successor starting {start} is created and "
            "{ref} is marked renewed.\n\n"
            "A renewal cannot be undone with Undo: if it was a mistake, delete the draft "
            "successor.",
        )
    else:
        text = translate(
            "RenewDialog",
            "Renew {ref} ({title})?\n\nA draft successor starting {start} is created; {ref} "
            "is marked renewed and stays in force until it ends on {end}.\n\n"
            "A renewal cannot be undone with Undo: if it was a mistake, delete the draft "
            "successor.",
        )
    return text.format(
        ref=view.reference, title=view.title, start=successor_start(view),
        end=view.end_date.isoformat(),
    )  # fmt: skip


def confirm_renewal(parent: QWidget | None, view: AgreementView) -> bool:
    answer = QMessageBox.question(
        parent,
        translate("RenewDialog", "Renew agreement"),
        renewal_question(view),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Yes
