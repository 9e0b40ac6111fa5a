"""The dashboard's "Waiting for my approval" list: what the connected approver may decide."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QObject

from app.db import Database
from app.services.approval_desk import WaitingForMe, WaitingRow, waiting_for_me
from ui import i18n
from ui.models.records import Record, RecordTableModel

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text")


def waiting_model(parent: QObject) -> RecordTableModel:
    return RecordTableModel([
        lambda: translate("DashboardPage", "Reference"),
        lambda: translate("DashboardPage", "Title"),
        lambda: translate("DashboardPage", "Partner"),
        lambda: translate("DashboardPage", "Value (base)"),
        lambda: translate("DashboardPage", "Requested by"),
        lambda: translate("DashboardPage", "Since"),
    ], parent)  # fmt: skip


def load_waiting(db: Database, today: date) -> WaitingForMe:
    """A first screen and the count: the database applies the approval rules."""
    with db.session() as s:
        return waiting_for_me(s, today)


def waiting_records(rows: tuple[WaitingRow, ...]) -> list[Record]:
    return [
        Record(r.agreement_id, (
            r.reference, r.title, r.partner,
            # Without a rate to the base currency the contract's own amount is shown.
            i18n.money(r.base_value, r.base_currency) if r.base_value is not None
            else i18n.money(r.value, r.currency),
            r.requested_by, r.since.astimezone().strftime("%Y-%m-%d"),
        ), None, frozenset({3}), r)
        for r in rows
    ]  # fmt: skip


def tab_title(count: int) -> str:
    return translate("DashboardPage", "Waiting for my approval (%1)").replace("%1", f"{count:,}")
