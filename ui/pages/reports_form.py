"""The reports page's form: which report, and its options (what to draw, never how).

It collects the report's data in one short session (``collect``); the page draws it in a
worker, shows it and saves it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.db import Database, Session
from app.domain.enums import AgreementStatus, AgreementType
from app.errors import PartnerDeskError
from app.reports import ReportData
from app.services import reporting
from app.services.listing import AgreementFilter, list_agreements, owners
from app.services.partners import PartnerFilter, PartnerRow, list_partners
from ui import i18n
from ui.background import Reader
from ui.widgets.files import safe_name

KINDS = ("agreement", "portfolio", "renewals", "partner")
SUGGESTIONS = 20  # completions offered as a reference or a partner name is typed


class ReportForm(QWidget):
    """The report kind, the options of that kind, the date and the language."""

    changed = Signal()  # anything that changes the report was changed

    def __init__(self, db: Database, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        # The owners to filter by and the suggestions as the user types: read in workers.
        self.owners_reader = Reader(db, self)
        self.references_reader = Reader(db, self)
        self.partners_reader = Reader(db, self)
        self.partner_id: int | None = None  # the partner chosen, if one was

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
        self.partner_completer.activated[str].connect(self.partner_chosen)  # type: ignore[index]
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
        self.as_of_edit.setDate(QDate(today.year, today.month, today.day))
        self.lang_box = QComboBox()
        self.lang_box.addItem("English", "en")
        self.lang_box.addItem("简体中文", "zh")
        # A manager working in Chinese most likely writes Chinese reports.
        if i18n.current_language().startswith("zh"):
            self.lang_box.setCurrentIndex(1)

        common = self._form(
            (self.tr("As of"), self.as_of_edit), (self.tr("Language"), self.lang_box)
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        kind_label = QLabel(self.tr("&Report"))
        kind_label.setBuddy(self.kind_box)  # Alt+R, and the name a screen reader reads
        layout.addWidget(kind_label)
        layout.addWidget(self.kind_box)
        layout.addWidget(self.stack)
        layout.addWidget(common)
        self._fit_stack()
        self.refresh()
        for signal in (
            self.kind_box.currentIndexChanged, self.reference_edit.textChanged,
            self.type_box.currentIndexChanged, self.status_box.currentIndexChanged,
            self.owner_box.currentTextChanged, self.appendix_box.currentIndexChanged,
            self.within_spin.valueChanged, self.partner_edit.textChanged,
            self.as_of_edit.dateChanged, self.lang_box.currentIndexChanged,
        ):  # fmt: skip
            signal.connect(self.changed)

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
        """Owners change as agreements are edited: re-read them (in a worker)."""
        self.owners_reader.read(owners, self._show_owners)

    def _show_owners(self, names: list[str]) -> None:
        current = self.owner_box.currentText()
        self.owner_box.clear()
        self.owner_box.addItem(self.tr("All owners"), None)
        for name in names:
            self.owner_box.addItem(name, name)
        if current:
            self.owner_box.setCurrentText(current)

    # --- what the form says -------------------------------------------------------------

    def kind(self) -> str:
        return str(self.kind_box.currentData())

    def appendix(self) -> str:
        """The portfolio summary's agreement list: "none", "top" or "full"."""
        return str(self.appendix_box.currentData())

    def set_kind(self, kind: str) -> None:
        self.kind_box.setCurrentIndex(KINDS.index(kind))

    def as_of(self) -> date:
        d = self.as_of_edit.date()
        return date(d.year(), d.month(), d.day())

    def collect(self) -> ReportData:
        """The data of the report the form describes, read in one short session."""
        query = self.query()
        with self.db.session() as s:
            return query(s)

    def query(self) -> Callable[[Session], ReportData]:
        """The read of the report the form describes, for a worker: the form is read now
        (what is missing refused at once), the database when it runs (a portfolio at a
        million agreements is seconds of queries)."""
        lang = str(self.lang_box.currentData())
        as_of = self.as_of()
        kind = self.kind()
        if kind == "agreement":
            reference = self.reference_edit.text().strip()
            if not reference:
                raise PartnerDeskError(self.tr("Type the reference of an agreement."))
            return lambda s: reporting.agreement_report(s, reference, lang, as_of)
        if kind == "portfolio":
            f, appendix = self.portfolio_filter(), self.appendix()
            return lambda s: reporting.portfolio_report(
                s, lang, as_of, types=f.types, statuses=f.statuses, owner=f.owner,
                appendix=appendix,
            )  # fmt: skip
        if kind == "renewals":
            within = self.within_spin.value()
            return lambda s: reporting.renewal_report(s, within, lang, as_of)
        name = self.partner_edit.text().strip()
        partner_id = self.partner_id
        if partner_id is None and not name:
            raise PartnerDeskError(self.tr("Type the name of a partner."))
        return lambda s: reporting.partner_report(s, name, lang, as_of, partner_id=partner_id)

    def portfolio_filter(self) -> AgreementFilter:
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

    def key(self) -> tuple[object, ...]:
        """Everything on the form that changes the report (what Save as… must match)."""
        return (
            self.kind(), self.reference_edit.text().strip(), self.type_box.currentData(),
            self.status_box.currentData(), self.owner_box.currentText().strip(),
            self.appendix(), self.within_spin.value(),
            self.partner_edit.text().strip(), self.partner_id, self.as_of(),
            self.lang_box.currentData(),
        )  # fmt: skip

    def suggested_name(self) -> str:
        """What the report is about, then the date: agreement-BR-2026-0042-2026-12-03.pdf."""
        kind, day = self.kind(), self.as_of().isoformat()
        if kind == "agreement":
            return f"agreement-{safe_name(self.reference_edit.text())}-{day}.pdf"
        if kind == "renewals":
            return f"renewals-{self.within_spin.value()}d-{day}.pdf"
        if kind == "partner":
            return f"partner-{safe_name(self.partner_edit.text())}-{day}.pdf"
        return f"portfolio-{day}.pdf"

    # --- as the user types ----------------------------------------------------------------

    def _reference_typed(self, text: str) -> None:
        text = text.strip()
        if not text:
            self.references_reader.drop()
            self._suggest(self.reference_completer, [])
            return
        # A search at a million agreements takes a while: in a worker, the newest wins.
        self.references_reader.read(
            lambda s: [r.reference for r in
                       list_agreements(s, AgreementFilter(search=text), limit=SUGGESTIONS)],
            lambda references: self._suggest(self.reference_completer, references),
        )  # fmt: skip

    def _partner_typed(self, text: str) -> None:
        self.partner_id = None  # typed over: look the name up again
        text = text.strip()
        if not text:
            self.partners_reader.drop()
            self._partners_found([])
            return
        self.partners_reader.read(
            lambda s: list_partners(s, PartnerFilter(search=text), limit=SUGGESTIONS),
            self._partners_found,
        )

    def _partners_found(self, rows: list[PartnerRow]) -> None:
        names: dict[str, int] = {}
        # Both scripts are offered: a manager types whichever name comes to mind.
        # (the popup shows those containing what was typed).
        for p in rows:
            for name in (p.legal_name, p.local_name):
                if name:
                    names.setdefault(name, p.id)
        self._partner_names = names
        self._suggest(self.partner_completer, list(names))

    def partner_chosen(self, name: str) -> None:
        self.partner_id = self._partner_names.get(name)

    def _kind_changed(self, index: int) -> None:
        self.stack.setCurrentIndex(index)
        self._fit_stack()

    def _fit_stack(self) -> None:
        # A stacked widget is as tall as its tallest page; hidden pages must not leave a
        # gap between the options shown and the common ones below them. As wide as its
        # widest page, though: a form that widened with the portfolio's options pushed the
        # preview aside each time the kind changed.
        for i in range(self.stack.count()):
            height = (
                QSizePolicy.Policy.Preferred
                if i == self.stack.currentIndex()
                else QSizePolicy.Policy.Ignored
            )
            page = self.stack.widget(i)
            if page is not None:
                page.setSizePolicy(QSizePolicy.Policy.Preferred, height)
        self.stack.adjustSize()
