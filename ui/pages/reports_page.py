"""Reports: pick a report and its options, preview the PDF, save it.

The report's data is collected on the GUI thread in one short session (a few queries);
rendering, the slow part for a 10,000-row appendix, runs in the worker pool with progress
and Cancel. The renderer holds no session, so nothing database-bound crosses threads.
"""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.db import Database
from app.domain.enums import AgreementStatus, AgreementType
from app.errors import PartnerDeskError
from app.reports import ReportData, render
from app.services import reporting
from app.services.exporting import ExportResult, export_file
from app.services.listing import AgreementFilter, list_agreements, owners
from app.services.partners import PartnerFilter, get_partner, list_partners
from ui import i18n, settings
from ui.widgets.busy import busy_cursor
from ui.widgets.files import safe_name, save_path
from ui.widgets.pdf_preview import PdfPreview, Rendered, rendered
from ui.worker import Job, Progress, run_job

log = logging.getLogger(__name__)

KINDS = ("agreement", "portfolio", "renewals", "partner")
SUGGESTIONS = 20  # completions offered as a reference or a partner name is typed


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
        self._partner_id: int | None = None
        self._busy = False
        # The options the PDF on screen was drawn from: Save as… writes that PDF only
        # while the form still says the same, and draws the report anew otherwise.
        self._pdf_form: tuple[object, ...] | None = None
        self._job_form: tuple[object, ...] | None = None
        self._save_after: bool = False  # Save as… pressed: ask where once it is drawn
        self.job: Job[Rendered] | None = None  # the report being drawn, if any
        self.xlsx_job: Job[ExportResult] | None = None  # the XLSX list being written, if any

        self.kind_box = QComboBox()
        self.kind_box.setObjectName("reportKind")
        for kind, label in zip(KINDS, self._kind_labels(), strict=True):
            self.kind_box.addItem(label, kind)
        self.kind_box.currentIndexChanged.connect(self._kind_changed)

        # Options per kind, in a stack that follows the kind box.
        self.reference_edit = QLineEdit()
        self.reference_edit.setPlaceholderText(self.tr("e.g. BR-2026-0042"))
        self.reference_completer = self._completer(self.reference_edit)
        self.reference_edit.textEdited.connect(self._reference_typed)
        self.type_box = QComboBox()
        self.type_box.addItem(self.tr("All types"), None)
        for t in AgreementType:
            self.type_box.addItem(i18n.type_label(t), t.value)
        self.status_box = QComboBox()
        self.status_box.addItem(self.tr("All statuses"), None)
        for st in AgreementStatus:
            self.status_box.addItem(i18n.status_label(st), st.value)
        self.owner_box = QComboBox()
        self.owner_box.setEditable(True)
        # A summary stays a summary: no list unless asked for (the full list of 50,000
        # agreements is thousands of pages; the spreadsheet below is the better way to it).
        self.appendix_box = QComboBox()
        self.appendix_box.setObjectName("appendixChoice")
        for choice, label in zip(reporting.APPENDIX_CHOICES, self._appendix_labels(), strict=True):
            self.appendix_box.addItem(label, choice)
        self.xlsx_check = QCheckBox(self.tr("Also save the full list as XLSX"))
        self.xlsx_check.setObjectName("alsoXlsx")
        self.xlsx_check.setToolTip(
            self.tr("Save as… writes the report's agreements to a spreadsheet beside the PDF")
        )
        self.within_spin = QSpinBox()
        self.within_spin.setRange(0, reporting.MAX_RENEWAL_DAYS)
        self.within_spin.setValue(90)
        self.within_spin.setSuffix(self.tr(" days"))
        self.partner_edit = QLineEdit()
        self.partner_edit.setPlaceholderText(self.tr("Legal or local name"))
        self.partner_edit.textEdited.connect(self._partner_typed)
        self.partner_completer = self._completer(self.partner_edit)
        self.partner_completer.activated[str].connect(self._partner_chosen)  # type: ignore[index]
        self._partner_names: dict[str, int] = {}

        self.stack = QStackedWidget()
        self.stack.addWidget(self._form((self.tr("Reference"), self.reference_edit)))
        self.stack.addWidget(self._form(
            (self.tr("Type"), self.type_box), (self.tr("Status"), self.status_box),
            (self.tr("Owner"), self.owner_box), (self.tr("Agreement list"), self.appendix_box),
            ("", self.xlsx_check),
        ))  # fmt: skip
        self.stack.addWidget(self._form((self.tr("Decision date within"), self.within_spin)))
        self.stack.addWidget(self._form((self.tr("Partner"), self.partner_edit)))

        self.as_of_edit = QDateEdit()
        self.as_of_edit.setCalendarPopup(True)
        self.as_of_edit.setDisplayFormat("yyyy-MM-dd")
        self.as_of_edit.setDate(QDate(self.today.year, self.today.month, self.today.day))
        self.lang_box = QComboBox()
        self.lang_box.addItem("English", "en")
        self.lang_box.addItem("简体中文", "zh")
        # A manager working in Chinese most likely writes Chinese reports.
        if i18n.current_language().startswith("zh"):
            self.lang_box.setCurrentIndex(1)

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

        common = self._form(
            (self.tr("As of"), self.as_of_edit), (self.tr("Language"), self.lang_box)
        )
        buttons = QHBoxLayout()
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.save_button)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        kind_label = QLabel(self.tr("&Report"))
        kind_label.setBuddy(self.kind_box)  # Alt+R, and the name a screen reader reads
        side_layout.addWidget(kind_label)
        side_layout.addWidget(self.kind_box)
        side_layout.addWidget(self.stack)
        side_layout.addWidget(common)
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
        self._fit_stack()
        self.refresh()
        for signal in (
            self.kind_box.currentIndexChanged, self.reference_edit.textChanged,
            self.type_box.currentIndexChanged, self.status_box.currentIndexChanged,
            self.owner_box.currentTextChanged, self.appendix_box.currentIndexChanged,
            self.within_spin.valueChanged, self.partner_edit.textChanged,
            self.as_of_edit.dateChanged, self.lang_box.currentIndexChanged,
        ):  # fmt: skip
            signal.connect(self._form_changed)

    # --- building ---------------------------------------------------------------------

    def _kind_labels(self) -> list[str]:
        return [self.tr("Agreement contract report"), self.tr("Portfolio summary"),
                self.tr("Renewal outlook"), self.tr("Partner dossier")]  # fmt: skip

    def _appendix_labels(self) -> list[str]:
        return [self.tr("None (the summary only)"),
                self.tr("Top %1 agreements in force").replace(
                    "%1", str(reporting.APPENDIX_TOP)),
                self.tr("Every agreement")]  # fmt: skip

    def _completer(self, edit: QLineEdit) -> QCompleter:
        completer = QCompleter(QStringListModel(self), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        # The service matches anywhere in the text; the popup must not filter that away.
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        edit.setCompleter(completer)
        return completer

    @staticmethod
    def _suggest(completer: QCompleter, items: list[str]) -> None:
        model = completer.model()
        assert isinstance(model, QStringListModel)
        model.setStringList(items)

    @staticmethod
    def _form(*rows: tuple[str, QWidget]) -> QWidget:
        box = QWidget()
        form = QFormLayout(box)
        form.setContentsMargins(0, 0, 0, 0)
        for label, widget in rows:
            form.addRow(label, widget)
        return box

    def refresh(self) -> None:
        """Owners change as agreements are edited: re-read them."""
        current = self.owner_box.currentText()
        with self.db.session() as s:
            names = owners(s)
        self.owner_box.clear()
        self.owner_box.addItem(self.tr("All owners"), None)
        for name in names:
            self.owner_box.addItem(name, name)
        if current:
            self.owner_box.setCurrentText(current)

    # --- public -------------------------------------------------------------------------

    def kind(self) -> str:
        return str(self.kind_box.currentData())

    def appendix(self) -> str:
        """The portfolio summary's agreement list: "none", "top" or "full"."""
        return str(self.appendix_box.currentData())

    def set_kind(self, kind: str) -> None:
        self.kind_box.setCurrentIndex(KINDS.index(kind))

    def open_for_agreement(self, reference: str) -> None:
        """From an agreement's context menu: its contract report, previewed at once."""
        self.set_kind("agreement")
        self.reference_edit.setText(reference)
        self.generate()

    def open_for_partner(self, partner_id: int) -> None:
        with self.db.session() as s:
            partner = get_partner(s, partner_id)
        self.set_kind("partner")
        self.partner_edit.setText(partner.legal_name)
        self._partner_id = partner_id
        self.generate()

    def generate(self) -> None:
        if self._busy:
            return
        try:
            with busy_cursor():  # a few queries on this thread; the drawing is in a worker
                data = self._collect()
        except PartnerDeskError as exc:
            self._save_after = False
            self._fail(str(exc))
            return
        self._busy = True
        self._job_form = self._form_key()
        self.preview_button.setEnabled(False)
        self.save_button.setEnabled(False)
        self.status.setText(self.tr("Preparing the report…"))

        def work(progress: Progress) -> Rendered:
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
        self.status.setText(message)
        self.status.setStyleSheet("")
        if self.kind() == "portfolio" and self.xlsx_check.isChecked():
            self._save_xlsx(path.with_suffix(".xlsx"), message)
            return
        self.saved.emit(message)

    def _save_xlsx(self, path: Path, pdf_message: str) -> None:
        """The report's agreements, every one, as a spreadsheet beside the PDF (same name,
        .xlsx): written in a worker, 50,000 rows take a while and can be cancelled."""
        db, f = self.db, self._portfolio_filter()

        def work(progress: Progress) -> ExportResult:
            with db.session() as s:
                return export_file(s, path, "agreements", agreement_filter=f, progress=progress)

        def done(result: ExportResult) -> None:
            self._idle()
            message = self.tr("Saved %1 and the list of %Ln agreement(s) in %2", "", result.rows)
            message = message.replace("%1", str(path.with_suffix(".pdf"))).replace(
                "%2", str(result.path)
            )
            self.status.setText(message)
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
            self.status.setText(
                self.tr("%1; the XLSX list was cancelled.").replace("%1", pdf_message)
            )

        self._busy = True
        self.preview_button.setEnabled(False)
        self.save_button.setEnabled(False)
        self.xlsx_job = run_job(
            self, self.tr("Report"), work, done, failed, cancelled,
            label=self.tr("Writing %1…").replace("%1", path.name),
        )  # fmt: skip

    # --- internals ------------------------------------------------------------------------

    def _reference_typed(self, text: str) -> None:
        text = text.strip()
        references: list[str] = []
        if text:
            with self.db.session() as s:
                rows = list_agreements(s, AgreementFilter(search=text), limit=SUGGESTIONS)
            references = [r.reference for r in rows]
        self._suggest(self.reference_completer, references)

    def _partner_typed(self, text: str) -> None:
        self._partner_id = None  # typed over: look the name up again
        text = text.strip()
        names: dict[str, int] = {}
        if text:
            with self.db.session() as s:
                rows = list_partners(s, PartnerFilter(search=text), limit=SUGGESTIONS)
            # Both scripts are offered: a manager types whichever name comes to mind.
            # (the popup shows those containing what was typed).
            for p in rows:
                for name in (p.legal_name, p.local_name):
                    if name:
                        names.setdefault(name, p.id)
        self._partner_names = names
        self._suggest(self.partner_completer, list(names))

    def _partner_chosen(self, name: str) -> None:
        self._partner_id = self._partner_names.get(name)

    def _kind_changed(self, index: int) -> None:
        self.stack.setCurrentIndex(index)
        self._fit_stack()

    def _fit_stack(self) -> None:
        # A stacked widget is as tall as its tallest page; hidden pages must not leave a
        # gap between the options shown and the common ones below them.
        for i in range(self.stack.count()):
            policy = (
                QSizePolicy.Policy.Preferred
                if i == self.stack.currentIndex()
                else QSizePolicy.Policy.Ignored
            )
            page = self.stack.widget(i)
            if page is not None:
                page.setSizePolicy(policy, policy)
        self.stack.adjustSize()

    def _as_of(self) -> date:
        d = self.as_of_edit.date()
        return date(d.year(), d.month(), d.day())

    def _collect(self) -> ReportData:
        lang = str(self.lang_box.currentData())
        as_of = self._as_of()
        kind = self.kind()
        with self.db.session() as s:
            if kind == "agreement":
                reference = self.reference_edit.text().strip()
                if not reference:
                    raise PartnerDeskError(self.tr("Type the reference of an agreement."))
                return reporting.agreement_report(s, reference, lang, as_of)
            if kind == "portfolio":
                f = self._portfolio_filter()
                return reporting.portfolio_report(
                    s, lang, as_of, types=f.types, statuses=f.statuses, owner=f.owner,
                    appendix=self.appendix(),
                )  # fmt: skip
            if kind == "renewals":
                return reporting.renewal_report(s, self.within_spin.value(), lang, as_of)
            name = self.partner_edit.text().strip()
            if self._partner_id is None and not name:
                raise PartnerDeskError(self.tr("Type the name of a partner."))
            return reporting.partner_report(s, name, lang, as_of, partner_id=self._partner_id)

    def _portfolio_filter(self) -> AgreementFilter:
        """The portfolio form's type, status and owner: the report's and the XLSX's rows."""
        t, st = self.type_box.currentData(), self.status_box.currentData()
        owner = self.owner_box.currentText().strip()
        if self.owner_box.currentIndex() == 0 and owner == self.owner_box.itemText(0):
            owner = ""
        return AgreementFilter(
            types=frozenset({AgreementType(t)}) if t else frozenset(),
            statuses=frozenset({AgreementStatus(st)}) if st else frozenset(),
            owner=owner or None,
        )

    def _form_key(self) -> tuple[object, ...]:
        """Everything on the form that changes the report (what Save as… must match)."""
        return (
            self.kind(), self.reference_edit.text().strip(), self.type_box.currentData(),
            self.status_box.currentData(), self.owner_box.currentText().strip(),
            self.appendix(), self.within_spin.value(),
            self.partner_edit.text().strip(), self._partner_id, self._as_of(),
            self.lang_box.currentData(),
        )  # fmt: skip

    def _form_changed(self) -> None:
        if self.pdf is None or self._pdf_form == self._form_key():
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
        self.status.setText("")

    def _idle(self) -> None:
        self._busy = False
        self.preview_button.setEnabled(True)
        self.save_button.setEnabled(True)

    def _done(self, result: Rendered) -> None:
        self._idle()
        self.pdf = result.pdf
        self._pdf_form = self._job_form
        self.preview_stack.show_pdf(result)
        self.status.setText(
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
        self.status.setText(self.tr("Cancelled."))

    def _fail(self, message: str) -> None:
        self.status.setText(message)
        self.status.setStyleSheet("color: #C92A2A;")

    def suggested_name(self) -> str:
        """What the report is about, then the date: agreement-BR-2026-0042-2026-12-03.pdf."""
        kind, day = self.kind(), self._as_of().isoformat()
        if kind == "agreement":
            return f"agreement-{safe_name(self.reference_edit.text())}-{day}.pdf"
        if kind == "renewals":
            return f"renewals-{self.within_spin.value()}d-{day}.pdf"
        if kind == "partner":
            return f"partner-{safe_name(self.partner_edit.text())}-{day}.pdf"
        return f"portfolio-{day}.pdf"

    def _save_as(self) -> None:
        if self.pdf is not None and self._pdf_form == self._form_key():
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
