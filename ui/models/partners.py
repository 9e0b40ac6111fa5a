"""The partners list model: the same paged, SQL-sorted design as the agreements list."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QCoreApplication

from app.db import Database, Session
from app.services.partners import PartnerFilter, PartnerRow, partner_ids, partner_rows
from ui import i18n
from ui.models.lazy import Column, LazyIdModel

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text")


def partner_columns() -> list[Column[PartnerRow]]:
    return [
        Column(
            "legal_name",
            lambda: translate("PartnerTableModel", "Legal name"),
            lambda r: r.legal_name,
            "legal_name",
        ),
        Column(
            "local_name",
            lambda: translate("PartnerTableModel", "Local name"),
            lambda r: r.local_name or "",
            "local_name",
        ),
        Column(
            "country",
            lambda: translate("PartnerTableModel", "Country"),
            lambda r: r.country,
            "country",
        ),
        Column(
            "roles",
            lambda: translate("PartnerTableModel", "Roles"),
            lambda r: ", ".join(i18n.role_label(x) for x in r.roles),
            None,
        ),
        Column(
            "status",
            lambda: translate("PartnerTableModel", "Status"),
            lambda r: i18n.partner_status_label(r.status),
            "status",
        ),
        Column(
            "agreement_count",
            lambda: translate("PartnerTableModel", "Agreements"),
            lambda r: str(r.agreement_count),
            "agreement_count",
            True,
        ),
    ]


class PartnerTableModel(LazyIdModel[PartnerRow]):
    def __init__(self, db: Database, parent: Any = None) -> None:
        super().__init__(db, partner_columns(), parent)
        self.filter = PartnerFilter()

    def set_filter(self, f: PartnerFilter) -> None:
        self.filter = replace(f)
        self.reload()

    def fetch_ids(self, session: Session) -> list[int]:
        return self.ids_query()(session)

    def ids_query(self) -> Callable[[Session], list[int]]:
        f, sort, descending = self.filter, self.sort_key, self.descending
        return lambda s: partner_ids(s, f, sort=sort, descending=descending)

    def fetch_rows(self, session: Session, ids: Sequence[int]) -> list[PartnerRow]:
        return partner_rows(session, list(ids))
