"""Reports: pick a report and its options, preview the PDF, save it.

The report's data is collected on the GUI thread in one short session (a few queries);
rendering, the slow part for a 10,000-row appendix, runs in the worker pool with progress
and Cancel. The renderer holds no session, so nothing database-bound crosses threads.
"""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.db import Database
from app.errors import PartnerDeskError
from app.reports import render
from app.services.exporting import ExportResult, export_file
from app.services.partners import PartnerView, get_partner
from ui import settings
from ui.background import Reader
from ui.pages.reports_form import ReportForm
from ui.widgets.files import save_path
from ui.widgets.pdf_preview import PdfPreview, Rendered, rendered
from ui.worker import Job, Progress, run_job

log = logging.getLogger(__name__)


class ReportsPage(QWidget):
    """Report kind, its options, a preview, and Save as…"""

    rendered = Signal()  # a new PDF is ready (preview shown)
    saved = Signal(str)  # a report was written to this path (the window's status bar says so)

    def __init__(
        self, db: Database, parent: QWidget | None = None, today: date | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.today = today or date.today()
        self.pdf: bytes | None = None
        self._busy = False
        # The options the PDF on screen was drawn from: Save as… writes that PDF only
        # while the form still says the same, and draws the report anew otherwise.
        self._pdf_form: tuple[object, ...] | None = None
        self._job_form: tuple[object, ...] | None = None
        self._save_after: bool = False  # Save as… pressed: ask where once it is drawn
        self.job: Job[Rendered] | None = None  # the report being drawn, if any
        self.xlsx_job: Job[ExportResult] | None = None  # the XLSX list being written, if any

        self.form = ReportForm(db, self.today)
        self.partner_reader = Reader(db, self, quick=True)  # a partner's report asked for
        self.form.changed.connect(self._form_changed)

        self.preview_button = QPushButton(self.tr("Preview"))
        self.preview_button.setObjectName("previewReport")
        self.preview_button.setDefault(True)
        self.preview_button.setAccessibleDescription(self.tr("Draw the report and show it"))
        self.preview_button.clicked.connect(self.generate)
        self.save_button = QPushButton(self.tr("Save as…"))
        self.save_button.setObjectName("saveReport")
        self.save_button.clicked.connect(self._save_as)
        self.status = QLabel()
        self.status.setObjectName("reportStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # As wide as the form, whatever it says: a path or an error with no place to break
        # the line widened the panel. Cut there, the whole text is in the tooltip.
        self.status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

        buttons = QHBoxLayout()
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.save_button)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.addWidget(self.form)
        side_layout.addLayout(buttons)
        side_layout.addWidget(self.status)
        side_layout.addStretch(1)

        # Until a report is drawn, the preview area says what to do rather than stay grey.
        self.preview_stack = PdfPreview(self.tr("Choose a report and press Preview"))
        self.preview = self.preview_stack.view
        self.hint = self.preview_stack.hint
        splitter = QSplitter()
        splitter.addWidget(side)
        splitter.addWidget(self.preview_stack)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    # --- public -------------------------------------------------------------------------

    def refresh(self) -> None:
        self.form.refresh()

    def kind(self) -> str:
        return self.form.kind()

    def appendix(self) -> str:
        """The portfolio summary's agreement list: "none", "top" or "full"."""
        return self.form.appendix()

    def set_kind(self, kind: str) -> None:
        self.form.set_kind(kind)

    def suggested_name(self) -> str:
        return self.form.suggested_name()

    def open_for_agreement(self, reference: str) -> None:
        """From an agreement's context menu: its contract report, previewed at once."""
        self.set_kind("agreement")
        self.form.reference_edit.setText(reference)
        self.generate()

    def open_for_partner(self, partner_id: int) -> None:
        """From a partner's context menu: its report, previewed once its name is read."""

        def show(partner: PartnerView) -> None:
            self.set_kind("partner")
            self.form.partner_edit.setText(partner.legal_name)
            self.form.partner_id = partner_id
            self.generate()

        def failed(exc: BaseException) -> None:
            if not isinstance(exc, PartnerDeskError):
                raise exc
            self._fail(str(exc))

        self.partner_reader.read(lambda s: get_partner(s, partner_id), show, failed)

    def generate(self) -> None:
        if self._busy:
            return
        try:
            query = self.form.query()
        except PartnerDeskError as exc:
            self._save_after = False
            self._fail(str(exc))
            return
        db = self.db
        self._busy = True
        self._job_form = self.form.key()
        self.preview_button.setEnabled(False)
        self.save_button.setEnabled(False)
        self._say(self.tr("Preparing the report…"))

        def work(progress: Progress) -> Rendered:
            # The report's data read here too: on the GUI thread a portfolio's queries
            # froze the window (seconds at a million agreements).
            with db.session() as s:
                data = query(s)
            return rendered(render(data, progress))

        self.job = run_job(
            self,
            self.tr("Report"),
            work,
            self._done,
            self._error,
            self._cancelled,
            label=self.tr("Drawing the report…"),
        )

    def save_to(self, path: Path) -> None:
        """Write the previewed PDF; a partial file never replaces an existing one."""
        assert self.pdf is not None
        tmp = path.with_name(f".{path.name}.partial")
        try:
            tmp.write_bytes(self.pdf)
            tmp.replace(path)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            self._fail(
                self.tr("Could not save %1: %2")
                .replace("%1", str(path))
                .replace("%2", exc.strerror or str(exc))
            )
            return
        message = self.tr("Saved %1").replace("%1", str(path))
        self._say(message)
        self.status.setStyleSheet("")
        if self.kind() == "portfolio" and self.form.xlsx_check.isChecked():
            self._save_xlsx(path.with_suffix(".xlsx"), message)
            return
        self.saved.emit(message)

    def _save_xlsx(self, path: Path, pdf_message: str) -> None:
        """The report's agreements, every one, as a spreadsheet beside the PDF (same name,
        .xlsx): written in a worker, 50,000 rows take a while and can be cancelled."""
        db, f = self.db, self.form.portfolio_filter()

        def work(progress: Progress) -> ExportResult:
            with db.session() as s:
                return export_file(s, path, "agreements", agreement_filter=f, progress=progress)

        def done(result: ExportResult) -> None:
            self._idle()
            message = self.tr("Saved %1 and the list of %Ln agreement(s) in %2", "", result.rows)
            message = message.replace("%1", str(path.with_suffix(".pdf"))).replace(
                "%2", str(result.path)
            )
            self._say(message)
            self.saved.emit(message)

        def failed(exc: BaseException) -> None:
            self._idle()
            reason = str(exc) if isinstance(exc, PartnerDeskError | OSError) else type(exc).__name__
            self._fail(
                self.tr("%1, but the XLSX list could not be saved: %2")
                .replace("%1", pdf_message)
                .replace("%2", reason)
            )

        def cancelled() -> None:
            self._idle()
            self._say(self.tr("%1; the XLSX list was cancelled.").replace("%1", pdf_message))

        self._busy = True
        self.preview_button.setEnabled(False)
        self.save_button.setEnabled(False)
        self.xlsx_job = run_job(
            self, self.tr("Report"), work, done, failed, cancelled,
            label=self.tr("Writing %1…").replace("%1", path.name),
        )  # fmt: skip

    # --- internals ------------------------------------------------------------------------

    def _form_changed(self) -> None:
        if self.pdf is None or self._pdf_form == self.form.key():
            return
        # The PDF on screen no longer is the report the form describes: take it away
        # rather than let it pass for the new one.
        self.pdf = None
        self._pdf_form = None
        self.preview_stack.show_hint(
            self.tr(
                "The options changed. Press Preview to see this report, "
                "or Save as… to draw and save it."
            )
        )
        self._say("")

    def _idle(self) -> None:
        self._busy = False
        self.preview_button.setEnabled(True)
        self.save_button.setEnabled(True)

    def _done(self, result: Rendered) -> None:
        self._idle()
        self.pdf = result.pdf
        self._pdf_form = self._job_form
        self.preview_stack.show_pdf(result)
        self._say(
            self.tr("Ready: %1 KB. Save it with Save as…").replace(
                "%1", f"{len(result.pdf) // 1024:,}"
            )
        )
        self.status.setStyleSheet("")
        self.rendered.emit()
        self._form_changed()  # the options may have changed while it was drawn
        if self._save_after:
            self._save_after = False
            if self.pdf is not None:
                self._ask_and_save()

    def _error(self, exc: BaseException) -> None:
        self._idle()
        self._save_after = False
        message = (
            str(exc)
            if isinstance(exc, PartnerDeskError)
            else self.tr("The report could not be drawn (%1).").replace("%1", type(exc).__name__)
        )
        self._fail(message)

    def _cancelled(self) -> None:
        self._idle()
        self._save_after = False
        self._say(self.tr("Cancelled."))

    def _say(self, text: str) -> None:
        self.status.setText(text)
        self.status.setToolTip(text)

    def _fail(self, message: str) -> None:
        self._say(message)
        self.status.setStyleSheet("color: #C92A2A;")

    def _save_as(self) -> None:
        if self.pdf is not None and self._pdf_form == self.form.key():
            self._ask_and_save()
            return
        # Nothing drawn for these options yet: draw them, then ask where to save.
        self._save_after = True
        self.generate()

    def _ask_and_save(self) -> None:
        path, _filter = save_path(
            self, self.tr("Save report"), settings.FOLDER_REPORTS, self.suggested_name(),
            self.tr("PDF files (*.pdf)"),
        )  # fmt: skip
        if path is not None:
            self.save_to(path if path.suffix.lower() == ".pdf" else path.with_suffix(".pdf"))
