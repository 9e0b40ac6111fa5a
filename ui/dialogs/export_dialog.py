"""Export agreements or partners to CSV or XLSX: what, which rows, which format, where.

The file is written by ``app.services.exporting.export_file`` in a worker, with progress
and Cancel; that function writes beside the target and renames at the end, so a cancelled
or failed export leaves no partial file behind.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QObject
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QMessageBox,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.db import Database
from app.errors import PartnerDeskError
from app.services.exporting import ExportResult, export_file
from app.services.listing import AgreementFilter
from app.services.partners import PartnerFilter
from ui import settings
from ui.widgets.files import save_path
from ui.worker import Job, Progress, run_job

FORMATS = ("csv", "xlsx")
SCOPES = ("all", "filter", "selection")


@dataclass(frozen=True)
class ExportRequest:
    what: str  # "agreements" or "partners"
    scope: str  # "all", "filter" (the list's current filter) or "selection"
    fmt: str  # "csv" or "xlsx"
    agreement_filter: AgreementFilter | None = None
    partner_filter: PartnerFilter | None = None

    def file_name(self, today: date) -> str:
        middle = {"all": "", "filter": "-filtered", "selection": "-selected"}[self.scope]
        return f"{self.what}{middle}-{today.isoformat()}.{self.fmt}"


@dataclass(frozen=True)
class ListState:
    """What the lists show right now: their filters and the rows selected in them."""

    agreement_filter: AgreementFilter
    partner_filter: PartnerFilter
    selected_agreements: frozenset[int]
    selected_partners: frozenset[int] = frozenset()

    def selected(self, what: str) -> frozenset[int]:
        return self.selected_agreements if what == "agreements" else self.selected_partners


class ExportDialog(QDialog):
    """Agreements or partners; all, the list's filter or the selection; CSV or XLSX."""

    def __init__(self, state: ListState, what: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.setWindowTitle(self.tr("Export"))
        self.setMinimumWidth(360)  # the title bar says "Export — PartnerDesk" in full
        self.what_group = self._choices(
            self.tr("Export"),
            (("agreements", self.tr("&Agreements")), ("partners", self.tr("&Partners"))),
        )
        self.scope_group = self._choices(
            self.tr("Rows"),
            (
                ("all", self.tr("A&ll")),
                ("filter", self.tr("As the list is &filtered now")),
                ("selection", ""),  # says how many of what: _update
            ),
        )
        self.format_group = self._choices(
            self.tr("Format"),
            (
                ("csv", self.tr("&CSV (UTF-8, opens in Excel)")),
                ("xlsx", self.tr("E&xcel workbook (XLSX)")),
            ),
        )
        self._check(self.what_group, what)
        self._check(self.scope_group, "filter")
        self._check(self.format_group, "xlsx")
        self.what_group.idToggled.connect(lambda _i, _on: self._update())
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Export…"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for group in (self.what_group, self.scope_group, self.format_group):
            box = group.parent()
            assert isinstance(box, QWidget)
            layout.addWidget(box)
        layout.addWidget(buttons)
        self._update()

    def _choices(self, title: str, options: tuple[tuple[str, str], ...]) -> QButtonGroup:
        box = QGroupBox(title, self)
        box.setAccessibleName(title.replace("&", ""))
        group = QButtonGroup(box)
        column = QVBoxLayout(box)
        for number, (key, text) in enumerate(options):
            button = QRadioButton(text)
            button.setObjectName(f"export_{key}")
            button.setProperty("choice", key)
            group.addButton(button, number)
            column.addWidget(button)
        return group

    @staticmethod
    def _check(group: QButtonGroup, key: str) -> None:
        for button in group.buttons():
            if button.property("choice") == key:
                button.setChecked(True)

    @staticmethod
    def _chosen(group: QButtonGroup) -> str:
        button = group.checkedButton()
        return str(button.property("choice")) if button is not None else ""

    def choose(self, what: str, scope: str, fmt: str) -> None:
        self._check(self.what_group, what)
        self._check(self.scope_group, scope)
        self._check(self.format_group, fmt)

    def _update(self) -> None:
        what = self._chosen(self.what_group)
        picked = len(self.state.selected(what))
        selection = self.scope_group.buttons()[SCOPES.index("selection")]
        if what == "agreements":
            selection.setText(self.tr("The %n &selected agreement(s)", "", picked))
        else:
            selection.setText(self.tr("The %n &selected partner(s)", "", picked))
        allowed = picked > 0
        selection.setEnabled(allowed)
        if not allowed and selection.isChecked():
            self._check(self.scope_group, "filter")

    def request(self) -> ExportRequest:
        return request_for(
            self.state, self._chosen(self.what_group), self._chosen(self.scope_group),
            self._chosen(self.format_group),
        )  # fmt: skip


def request_for(state: ListState, what: str, scope: str, fmt: str) -> ExportRequest:
    agreements: AgreementFilter | None = None
    partners: PartnerFilter | None = None
    if what == "agreements":
        if scope == "selection":
            agreements = AgreementFilter(ids=state.selected_agreements)
        elif scope == "filter":
            agreements = state.agreement_filter
    elif scope == "selection":
        partners = PartnerFilter(ids=state.selected_partners)
    elif scope == "filter":
        partners = state.partner_filter
    return ExportRequest(what, scope, fmt, agreements, partners)


class Exporter(QObject):
    """Asks where, then writes the file in a worker; ``announce`` gets the outcome."""

    def __init__(
        self, parent: QWidget, db: Database, today: date, announce: Callable[[str], None]
    ) -> None:
        super().__init__(parent)
        self.window = parent
        self.db = db
        self.today = today
        self.announce = announce

    def run(self, request: ExportRequest) -> Job[ExportResult] | None:
        if request.fmt == "csv":
            filters = self.tr("CSV files (*.csv)")
        else:
            filters = self.tr("Excel workbooks (*.xlsx)")
        path, _chosen = save_path(
            self.window, self.tr("Export to"), settings.FOLDER_EXPORTS,
            request.file_name(self.today), filters,
        )  # fmt: skip
        if path is None:
            return None
        if path.suffix.lower() != f".{request.fmt}":
            path = path.with_name(f"{path.name}.{request.fmt}")
        db = self.db

        def work(progress: Progress) -> ExportResult:
            with db.session() as s:
                return export_file(
                    s, path, request.what, agreement_filter=request.agreement_filter,
                    partner_filter=request.partner_filter, progress=progress,
                )  # fmt: skip

        return run_job(
            self.window, self.tr("Export"), work, self._done, self._failed, self._cancelled,
            label=self.tr("Writing %1…").replace("%1", path.name),
        )  # fmt: skip

    def _done(self, result: ExportResult) -> None:
        if result.what == "agreements":
            text = self.tr("Exported %Ln agreement(s) to %1", "", result.rows)
        else:
            text = self.tr("Exported %Ln partner(s) to %1", "", result.rows)
        self.announce(text.replace("%1", str(result.path)))

    def _failed(self, exc: BaseException) -> None:
        reason = str(exc) if isinstance(exc, PartnerDeskError | OSError) else type(exc).__name__
        self.announce(self.tr("Export failed"))
        QMessageBox.warning(
            self.window, self.tr("Export failed"),
            self.tr("The export failed; no file was written. (%1)").replace("%1", reason),
        )  # fmt: skip

    def _cancelled(self) -> None:
        self.announce(self.tr("Export cancelled; no file was written."))
