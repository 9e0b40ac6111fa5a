"""Reports: pick a report and its options, preview the PDF, save it.

The report's data is collected on the GUI thread in one short session (a few queries);
rendering, the slow part for a 10,000-row appendix, runs in the worker pool with progress
and Cancel. The renderer holds no session, so nothing database-bound crosses threads.
"""

from __future__ import annotations

import importlib
import logging
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QDate, QIODevice, QStringListModel, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
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
from app.services.listing import AgreementFilter, list_agreements, owners
from app.services.partners import PartnerFilter, get_partner, list_partners
from ui import i18n
from ui.worker import Job, Progress, run_job

log = logging.getLogger(__name__)

try:  # QtPdf ships in PySide6-Addons on most platforms, not all
    # Imported by name: type stubs are missing where the module is, and vice versa.
    _QtPdf: Any = importlib.import_module("PySide6.QtPdf")
    _QtPdfWidgets: Any = importlib.import_module("PySide6.QtPdfWidgets")
    HAVE_QTPDF = True
except ImportError:  # pragma: no cover - depends on the installed wheel
    HAVE_QTPDF = False

KINDS = ("agreement", "portfolio", "renewals", "partner")
PREVIEW_PAGES = 3
SUGGESTIONS = 20  # completions offered as a reference or a partner name is typed


@dataclass(frozen=True)
class Rendered:
    pdf: bytes
    previews: tuple[bytes, ...]  # PNG of the first pages when QtPdf is not available


def page_images(pdf: bytes, pages: int = PREVIEW_PAGES, dpi: int = 72) -> tuple[bytes, ...]:
    """PNGs of the first pages through poppler's pdftoppm, when it is installed."""
    exe = shutil.which("pdftoppm")
    if exe is None:
        return ()
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "report.pdf"
        source.write_bytes(pdf)
        try:
            subprocess.run(
                [exe, "-png", "-r", str(dpi), "-f", "1", "-l", str(pages), str(source),
                 str(Path(folder) / "page")],
                check=True, capture_output=True, timeout=60,
            )  # fmt: skip
        except (OSError, subprocess.SubprocessError):
            log.warning("pdftoppm could not draw the preview", exc_info=True)
            return ()
        return tuple(p.read_bytes() for p in sorted(Path(folder).glob("page-*.png")))


class ReportsPage(QWidget):
    """Report kind, its options, a preview, and Save as…"""

    rendered = Signal()  # a new PDF is ready (preview shown, Save enabled)

    def __init__(
        self, db: Database, parent: QWidget | None = None, today: date | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.today = today or date.today()
        self.pdf: bytes | None = None
        self._partner_id: int | None = None
        self._busy = False
        self._buffer: QBuffer | None = None
        self.job: Job[Rendered] | None = None  # the report being drawn, if any

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
        self.appendix_check = QCheckBox(self.tr("Include the list of every agreement"))
        self.appendix_check.setChecked(True)
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
            (self.tr("Owner"), self.owner_box), ("", self.appendix_check),
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
        self.preview_button.clicked.connect(self.generate)
        self.save_button = QPushButton(self.tr("Save as…"))
        self.save_button.setObjectName("saveReport")
        self.save_button.setEnabled(False)
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
        side_layout.addWidget(QLabel(self.tr("Report")))
        side_layout.addWidget(self.kind_box)
        side_layout.addWidget(self.stack)
        side_layout.addWidget(common)
        side_layout.addLayout(buttons)
        side_layout.addWidget(self.status)
        side_layout.addStretch(1)

        self.preview = self._preview_widget()
        # Until a report is drawn, the preview area says what to do rather than stay grey.
        self.hint = QLabel(self.tr("Choose a report and press Preview"))
        self.hint.setObjectName("previewHint")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)
        self.preview_stack = QStackedWidget()
        self.preview_stack.addWidget(self.hint)
        self.preview_stack.addWidget(self.preview)
        splitter = QSplitter()
        splitter.addWidget(side)
        splitter.addWidget(self.preview_stack)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self._fit_stack()
        self.refresh()

    # --- building ---------------------------------------------------------------------

    def _kind_labels(self) -> list[str]:
        return [self.tr("Agreement contract report"), self.tr("Portfolio summary"),
                self.tr("Renewal outlook"), self.tr("Partner dossier")]  # fmt: skip

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

    def _preview_widget(self) -> QWidget:
        if HAVE_QTPDF:
            self.document = _QtPdf.QPdfDocument(self)
            view: QWidget = _QtPdfWidgets.QPdfView(self)
            view.setPageMode(_QtPdfWidgets.QPdfView.PageMode.MultiPage)  # type: ignore[attr-defined]
            view.setZoomMode(_QtPdfWidgets.QPdfView.ZoomMode.FitToWidth)  # type: ignore[attr-defined]
            view.setDocument(self.document)  # type: ignore[attr-defined]
            return view
        self.pages_widget = QWidget()
        self.pages_layout = QVBoxLayout(self.pages_widget)
        self.pages_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setWidget(self.pages_widget)
        return area

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
            data = self._collect()
        except PartnerDeskError as exc:
            self._fail(str(exc))
            return
        self._busy = True
        self.preview_button.setEnabled(False)
        self.status.setText(self.tr("Preparing the report…"))

        def work(progress: Progress) -> Rendered:
            pdf = render(data, progress)
            return Rendered(pdf, () if HAVE_QTPDF else page_images(pdf))

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
        self.status.setText(self.tr("Saved %1").replace("%1", str(path)))

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
                t, st = self.type_box.currentData(), self.status_box.currentData()
                owner = self.owner_box.currentText().strip()
                if self.owner_box.currentIndex() == 0 and owner == self.owner_box.itemText(0):
                    owner = ""
                return reporting.portfolio_report(
                    s, lang, as_of,
                    types=[AgreementType(t)] if t else [],
                    statuses=[AgreementStatus(st)] if st else [],
                    owner=owner or None,
                    appendix=self.appendix_check.isChecked(),
                )  # fmt: skip
            if kind == "renewals":
                return reporting.renewal_report(s, self.within_spin.value(), lang, as_of)
            name = self.partner_edit.text().strip()
            if self._partner_id is None and not name:
                raise PartnerDeskError(self.tr("Type the name of a partner."))
            return reporting.partner_report(s, name, lang, as_of, partner_id=self._partner_id)

    def _done(self, result: Rendered) -> None:
        self._busy = False
        self.preview_button.setEnabled(True)
        self.pdf = result.pdf
        self.save_button.setEnabled(True)
        self.preview_stack.setCurrentWidget(self.preview)
        self._show(result)
        self.status.setText(
            self.tr("Ready: %1 KB. Save it with Save as…").replace(
                "%1", f"{len(result.pdf) // 1024:,}"
            )
        )
        self.status.setStyleSheet("")
        self.rendered.emit()

    def _show(self, result: Rendered) -> None:
        if HAVE_QTPDF:
            self._buffer = QBuffer(self)
            self._buffer.setData(QByteArray(result.pdf))
            self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
            self.document.load(self._buffer)
            return
        while self.pages_layout.count():
            item = self.pages_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        if not result.previews:
            self.pages_layout.addWidget(
                QLabel(
                    self.tr(
                        "No preview on this computer: save the report and open it in a PDF viewer."
                    )
                )
            )
            return
        for png in result.previews:
            pixmap = QPixmap()
            pixmap.loadFromData(png, "PNG")
            label = QLabel()
            label.setPixmap(pixmap)
            label.setObjectName("previewPage")
            self.pages_layout.addWidget(label)

    def _error(self, exc: BaseException) -> None:
        self._busy = False
        self.preview_button.setEnabled(True)
        message = (
            str(exc)
            if isinstance(exc, PartnerDeskError)
            else self.tr("The report could not be drawn (%1).").replace("%1", type(exc).__name__)
        )
        self._fail(message)

    def _cancelled(self) -> None:
        self._busy = False
        self.preview_button.setEnabled(True)
        self.status.setText(self.tr("Cancelled."))

    def _fail(self, message: str) -> None:
        self.status.setText(message)
        self.status.setStyleSheet("color: #C92A2A;")

    def _save_as(self) -> None:
        if self.pdf is None:
            return
        suggested = f"{self.kind()}-{self._as_of().isoformat()}.pdf"
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save report"), suggested, self.tr("PDF files (*.pdf)")
        )
        if path:
            target = Path(path)
            self.save_to(target if target.suffix.lower() == ".pdf" else target.with_suffix(".pdf"))
