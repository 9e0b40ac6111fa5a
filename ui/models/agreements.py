"""The agreements list model: ids sorted and filtered by SQL, rows paged in on demand."""

from __future__ import annotations

from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor

from app.db import Database, Session
from app.domain.enums import AgreementStatus
from app.services.listing import AgreementFilter, AgreementRow, agreement_ids, agreement_rows
from app.services.settings import base_currency
from ui import background, i18n
from ui.background import Reader
from ui.changes import Changes
from ui.models.lazy import Column, LazyIdModel

NEAR_DAYS = 30
LIVE = frozenset({AgreementStatus.ACTIVE, AgreementStatus.PENDING_APPROVAL})

STATUS_COLOURS = {
    AgreementStatus.DRAFT: "#7f8c8d",
    AgreementStatus.NEGOTIATION: "#2e86c1",
    AgreementStatus.PENDING_APPROVAL: "#b9770e",
    AgreementStatus.ACTIVE: "#1e8449",
    AgreementStatus.EXPIRED: "#922b21",
    AgreementStatus.TERMINATED: "#6c3483",
    AgreementStatus.RENEWED: "#117a65",
}
PAST_COLOUR = "#c0392b"
NEAR_COLOUR = "#d68910"

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text")


def decision_state(row: AgreementRow, today: date) -> str:
    """ "past" or "near" for a live agreement whose decision date needs a look; else ""."""
    if row.status not in LIVE:
        return ""
    days = (row.decision_date - today).days
    if days < 0:
        return "past"
    if days <= NEAR_DAYS:
        return "near"
    return ""


def _days_left(row: AgreementRow, today: date) -> str:
    if row.status not in LIVE:
        return ""
    return str((row.decision_date - today).days)


def _base_value(row: AgreementRow) -> str:
    return "" if row.base_value is None else i18n.money(row.base_value)


def _base_value_tip(row: AgreementRow, base: str, today: date) -> str:
    if row.base_value is not None:
        rate = row.base_rate
        if rate is None or rate.effective_date is None:  # already in the base currency
            return i18n.money(row.base_value, base)
        source = rate.source
        if source == "manual":
            source = translate("AgreementTableModel", "entered by hand")
        return (
            translate("AgreementTableModel", "%1\nat 1 %2 = %3 %4, in force from %5 (%6)")
            .replace("%1", i18n.money(row.base_value, base))
            .replace("%2", row.currency)
            .replace("%3", f"{rate.rate.normalize():f}")
            .replace("%4", base)
            .replace("%5", rate.effective_date.isoformat())
            .replace("%6", source)
        )
    return (
        translate(
            "AgreementTableModel",
            "No %1 → %2 exchange rate dated on or before %3: add one in Settings to compare "
            "this value with the others.",
        )
        .replace("%1", row.currency)
        .replace("%2", base)
        .replace("%3", today.isoformat())
    )


def _trend_tip(row: AgreementRow) -> str:
    """The sparkline in words: the KPI, its readings and the target."""
    trend = row.kpi_trend
    if trend is None:
        return translate("AgreementTableModel", "No KPI")
    unit = row.currency if trend.unit == "currency" else trend.unit
    if not trend.points:
        return (
            translate("AgreementTableModel", "%1: no actuals recorded yet")
            .replace("%1", trend.metric)
        )  # fmt: skip
    readings = " → ".join(i18n.money(v) if trend.unit == "currency" else f"{v.normalize():f}"
                          for _, v in trend.points)  # fmt: skip
    target = (
        i18n.money(trend.target) if trend.unit == "currency" else f"{trend.target.normalize():f}"
    )
    return (
        translate("AgreementTableModel", "%1 (%2), %3 to %4:\n%5\ntarget %6")
        .replace("%1", trend.metric)
        .replace("%2", unit)
        .replace("%3", trend.points[0][0].isoformat())
        .replace("%4", trend.points[-1][0].isoformat())
        .replace("%5", readings)
        .replace("%6", target)
    )


def agreement_columns(today: date, base: str = "CNY") -> list[Column[AgreementRow]]:
    # Titles are lambdas calling translate() with literals: lupdate finds them, and a
    # language switch takes effect at the next paint.
    return [
        Column(
            "reference",
            lambda: translate("AgreementTableModel", "Reference"),
            lambda r: r.reference,
            "reference",
        ),
        Column(
            "title", lambda: translate("AgreementTableModel", "Title"), lambda r: r.title, "title"
        ),
        Column(
            "type",
            lambda: translate("AgreementTableModel", "Type"),
            lambda r: i18n.type_label(r.type),
            "type",
        ),
        Column(
            "partner",
            lambda: translate("AgreementTableModel", "Partner"),
            lambda r: r.partner_display,
            "partner",
        ),
        Column(
            "owner", lambda: translate("AgreementTableModel", "Owner"), lambda r: r.owner, "owner"
        ),
        Column(
            "status",
            lambda: translate("AgreementTableModel", "Status"),
            lambda r: i18n.status_label(r.status),
            "status",
        ),
        Column(
            "value",
            lambda: translate("AgreementTableModel", "Value"),
            lambda r: i18n.money(r.value),
            "value",
            True,
        ),
        Column(
            "currency",
            lambda: translate("AgreementTableModel", "Currency"),
            lambda r: r.currency,
            "currency",
        ),
        Column(
            "base_value",
            lambda: (
                translate("AgreementTableModel", "Value (%1)").replace("%1", base)
                if base
                else translate("AgreementTableModel", "Value")
            ),
            _base_value,
            "base_value",
            True,
            tooltip=lambda r: _base_value_tip(r, base, today),
        ),
        Column(
            "start_date",
            lambda: translate("AgreementTableModel", "Start"),
            lambda r: r.start_date.isoformat(),
            "start_date",
            default_visible=False,
        ),
        Column(
            "end_date",
            lambda: translate("AgreementTableModel", "End"),
            lambda r: r.end_date.isoformat(),
            "end_date",
            # Hidden at first: the decision date is what a manager acts on, and without
            # it the list's columns fit a 1366-pixel screen (the Columns menu shows it).
            default_visible=False,
        ),
        Column(
            "decision_date",
            lambda: translate("AgreementTableModel", "Decision date"),
            lambda r: r.decision_date.isoformat(),
            "decision_date",
        ),
        Column(
            "days_left",
            lambda: translate("AgreementTableModel", "Days to decide"),
            lambda r: _days_left(r, today),
            "decision_date",
            True,
        ),
        Column(
            "kpi_trend",
            lambda: translate("AgreementTableModel", "KPI trend"),
            lambda _r: "",  # drawn by ui.widgets.sparkline; the tooltip says it in words
            None,
            tooltip=_trend_tip,
        ),
        Column(
            "operating_model",
            lambda: translate("AgreementTableModel", "Operating model"),
            lambda r: i18n.operating_model_label(r.operating_model),
            "operating_model",
            default_visible=False,
        ),
        Column(
            "auto_renew",
            lambda: translate("AgreementTableModel", "Auto-renew"),
            lambda r: translate("AgreementTableModel", "Yes") if r.auto_renew else "",
            None,
            default_visible=False,
        ),
    ]


# A row's field the list is sorted by (the sort key's), to tell whether an edit moved it.
SORTED_FIELD = {"partner": "partner_name"}


@dataclass(frozen=True)
class _Followed:
    """What a write left of the agreements the list followed: their rows as they are now,
    and which of the named ones the filter still keeps."""

    rows: list[AgreementRow]
    kept: frozenset[int]


class AgreementTableModel(LazyIdModel[AgreementRow]):
    def __init__(self, db: Database, today: date | None = None, parent: Any = None) -> None:
        self.today = today or date.today()
        if background.in_workers:
            # The application: the GUI thread reads nothing. The base currency comes with
            # the first ids (``_with_base``); until then the column is "Value".
            self.base = ""
        else:
            with db.session() as s:
                self.base = base_currency(s)
        self._seen_base = self.base
        super().__init__(db, agreement_columns(self.today, self.base), parent)
        self.filter = AgreementFilter(today=self.today)
        self._follower = Reader(db, self, quick=True)
        self._following: set[int] = set()  # agreements named by writes not yet shown
        self._reordering: Callable[[], object] = lambda: None

    def follow(
        self, changes: Changes, owners_changed: Callable[[], object],
        reordering: Callable[[], object] = lambda: None,
    ) -> None:  # fmt: skip
        """Show what a write changed, reading the whole order again only when it may differ.

        Re-reading the order after every save took the GUI thread 40-200 ms at 100,000 to a
        million agreements (its Python competes for the GIL). The changed agreements' rows
        are read instead, with whether the filter still keeps them. Each must have been on
        view (a page in memory): one deleted or out of the filter now loses its row, one
        whose sort field did not change has its row painted again. Anything else (a new
        agreement, one that moved, a partner renamed under a partner sort or filter) reads
        the order again (``reordering()`` first), showing the rows the write did not change
        without reading them. ``owners_changed()`` is called when an agreement's owner may
        have changed or gone, for the owner filter's names.
        """
        self._reordering = reordering
        f = self.filter
        if changes.everything or not self.is_current():
            self._reorder(owners_changed, None)
            return
        partners = changes.partners
        of_partners = {
            i for page in self._pages.values() for i, r in page.items() if r.partner_id in partners
        } if partners else set()  # fmt: skip
        named = set(changes.agreements) | of_partners
        if (partners and (self.sort_key == "partner" or f.partner or f.search)) or any(
            self.cached(i) is None for i in changes.agreements
        ):  # a partner's name may move its rows; new or not on view: where it goes is unknown
            self._reorder(owners_changed, named | self._following)
            return
        # An answer overtaken by a newer write's is dropped: the newer read asks for both.
        self._following |= named
        named = set(self._following)
        if not named:
            return
        wanted = sorted(named)
        generation, on = self._generation, self.today
        kept_by = replace(f, ids=frozenset(named))

        def read(s: Session) -> _Followed:
            return _Followed(agreement_rows(s, wanted, on=on), frozenset(agreement_ids(s, kept_by)))

        def show(answer: _Followed) -> None:
            self._following.clear()
            if generation != self._generation:
                return  # the order was read again meanwhile, with these rows
            self._show_followed(answer, named, owners_changed)

        self._follower.read(read, show, lambda _exc: self._reorder(owners_changed, None))

    def _show_followed(
        self, answer: _Followed, named: set[int], owners_changed: Callable[[], object]
    ) -> None:
        now = {r.id: r for r in answer.rows}
        field = SORTED_FIELD.get(self.sort_key, self.sort_key)
        gone: list[int] = []
        owner_moved = False
        for agreement_id in named:
            new, found = now.get(agreement_id), self.cached(agreement_id)
            if found is None:
                self._reorder(owners_changed, named)  # scrolled out of memory meanwhile
                return
            old = found[1]
            if new is None or agreement_id not in answer.kept:
                gone.append(agreement_id)  # deleted, or out of the filter now
            elif not hasattr(new, field) or getattr(old, field) != getattr(new, field):
                self._reorder(owners_changed, named)  # its place in the order may be another
                return
            else:
                owner_moved = owner_moved or old.owner != new.owner
        self.remove_rows(gone)
        self.replace_rows([r for r in answer.rows if r.id not in gone])
        if gone:
            self.filled.emit()  # the count
        if owner_moved or gone:
            owners_changed()

    def _reorder(self, owners_changed: Callable[[], object], changed: set[int] | None) -> None:
        self._reordering()
        self._following.clear()
        self._follower.drop()
        self.reload(changed=changed)
        owners_changed()

    def set_filter(self, f: AgreementFilter) -> None:
        self.filter = replace(f, today=f.today or self.today)
        self.reload()

    def fetch_ids(self, session: Session) -> list[int]:
        return self.ids_query()(session)

    def ids_query(self) -> Callable[[Session], list[int]]:
        f, sort, descending = self.filter, self.sort_key, self.descending
        return self._with_base(lambda s: agreement_ids(s, f, sort=sort, descending=descending))

    def first_ids_query(self, limit: int) -> Callable[[Session], list[int]]:
        f, sort, descending = self.filter, self.sort_key, self.descending
        return self._with_base(
            lambda s: agreement_ids(s, f, sort=sort, descending=descending, limit=limit)
        )

    def _with_base(self, query: Callable[[Session], list[int]]) -> Callable[[Session], list[int]]:
        # The base currency is a team setting: someone may have changed it meanwhile. It is
        # read with the ids (in the worker) and applied when they are shown.
        def run(s: Session) -> list[int]:
            self._seen_base = base_currency(s)
            return query(s)

        return run

    def fetch_rows(self, session: Session, ids: Sequence[int]) -> list[AgreementRow]:
        return agreement_rows(session, ids, on=self.today)

    def _reset_to(self, ids: array[int]) -> None:
        if self._seen_base != self.base:
            self.base = self._seen_base
            self.columns = agreement_columns(self.today, self.base)
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)
        super()._reset_to(ids)

    def cell_state(self, row: AgreementRow, key: str) -> str:
        if key in ("decision_date", "days_left"):
            return decision_state(row, self.today)
        if key == "status":
            return row.status.value
        return ""

    def foreground(self, row: AgreementRow, key: str) -> Any:
        if key == "status":
            return QColor(STATUS_COLOURS[row.status])
        if key in ("decision_date", "days_left"):
            state = decision_state(row, self.today)
            if state == "past":
                return QColor(PAST_COLOUR)
            if state == "near":
                return QColor(NEAR_COLOUR)
        return None
