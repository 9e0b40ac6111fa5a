"""The import wizard: pick a file, see it, map what we do not recognise, check, import.

Reading and checking happen off the GUI thread (``ui.worker.run_job``) with progress and
Cancel; the check is the service's own dry run, so what the wizard shows is exactly what
the import would do. The import itself is all or nothing (``app.services.importing``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from app.db import Database
from app.errors import PartnerDeskError
from app.services.import_format import MONEY_COLUMNS, columns_for, map_columns, required_for
from app.services.importing import ImportOptions, ImportReport, Preview, import_file, preview_file
from app.services.tabular import header_unit
from ui import settings
from ui.dialogs.import_columns import column_label
from ui.widgets.files import open_path
from ui.widgets.tables import leave_on_tab
from ui.worker import Job, Progress, run_job

MAX_PROBLEMS_SHOWN = 2000  # a table of every row of a hopeless file helps nobody
WARN = QBrush(QColor("#fff3cd"))


class FilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.wiz = wizard
        self.setTitle(self.tr("Choose a file"))
        self.setSubTitle(
            self.tr("Agreements or partners, as CSV or Excel (XLSX). Chinese Excel files are fine.")
        )
        self.path = QLineEdit()
        self.path.setPlaceholderText(self.tr("A .csv or .xlsx file"))
        self.path.textChanged.connect(self._path_changed)
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.encoding = QComboBox()
        # Literals in self.tr() calls, so that pyside6-lupdate collects the labels.
        encodings = (
            ("", self.tr("Detect automatically")),
            ("utf-8", self.tr("UTF-8")),
            ("gb18030", self.tr("GBK / GB18030 (Chinese Excel)")),
            ("utf-16", self.tr("UTF-16 (Unicode text)")),
            ("big5", self.tr("Big5 (Traditional Chinese)")),
            ("shift_jis", self.tr("Shift JIS (Japanese)")),
            ("cp1252", self.tr("Windows Western (cp1252)")),
        )
        for value, label in encodings:
            self.encoding.addItem(label, value)
        self.sheet = QComboBox()
        self.what = QComboBox()
        self.what.addItem(self.tr("Detect from the headers"), "")
        self.what.addItem(self.tr("Agreements (and their partners)"), "agreements")
        self.what.addItem(self.tr("Partners"), "partners")
        self.message = QLabel()
        self.message.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self.tr("File:"), row)
        form.addRow(self.tr("Text encoding (CSV):"), self.encoding)
        form.addRow(self.tr("Sheet (XLSX):"), self.sheet)
        form.addRow(self.tr("Contains:"), self.what)
        form.addRow(self.message)
        self._path_changed("")

    def _browse(self) -> None:
        path = open_path(
            self, self.tr("Import"), settings.FOLDER_IMPORTS,
            self.tr("Spreadsheets (*.csv *.xlsx *.txt);;All files (*)"),
        )  # fmt: skip
        if path is not None:
            self.path.setText(str(path))

    def file(self) -> Path:
        return Path(self.path.text().strip()).expanduser()

    def _path_changed(self, _text: str) -> None:
        path = self.file()
        is_xlsx = path.suffix.lower() in (".xlsx", ".xlsm")
        self.encoding.setEnabled(not is_xlsx)
        self.sheet.clear()
        self.sheet.setEnabled(False)
        self.message.clear()
        if is_xlsx and path.is_file():
            from app.services.tabular import sheet_names

            try:
                names = sheet_names(path)
            except PartnerDeskError as exc:
                self.message.setText(str(exc))
            else:
                self.sheet.addItems(names)
                self.sheet.setEnabled(len(names) > 1)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return bool(self.path.text().strip()) and self.file().is_file()

    def options(self) -> ImportOptions:
        return ImportOptions(
            encoding=self.encoding.currentData() or None,
            sheet=self.sheet.currentText() or None,
            kind=self.what.currentData() or None,
        )


class PreviewPage(QWizardPage):
    """The first rows as the file has them, and which column each header fills."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.wiz = wizard
        self.setTitle(self.tr("Check the columns"))
        self.setSubTitle(
            self.tr("Columns we do not recognise are highlighted: choose what each one holds, "
                    "or leave it ignored.")
        )  # fmt: skip
        self.preview: Preview | None = None
        self.rows = QTableWidget()
        self.rows.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        leave_on_tab(self.rows)
        self.mapping = QTableWidget(0, 2)
        self.mapping.setHorizontalHeaderLabels([self.tr("Column in the file"), self.tr("Holds")])
        self.mapping.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.mapping.verticalHeader().setVisible(False)
        leave_on_tab(self.mapping)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.rows, 3)
        layout.addWidget(self.mapping, 2)
        layout.addWidget(self.status)
        self._combos: list[QComboBox] = []
        self._ok = False

    def initializePage(self) -> None:
        self.preview = None
        self.rows.clear()
        self.mapping.setRowCount(0)
        self._combos = []
        try:
            self.preview = preview_file(self.wiz.file_page.file(), self.wiz.file_page.options())
        except PartnerDeskError as exc:
            self.status.setText(str(exc))
            self.completeChanged.emit()
            return
        self._fill(self.preview)
        self._refresh()

    def _fill(self, preview: Preview) -> None:
        headers = preview.mapping.headers
        self.rows.setColumnCount(len(headers))
        self.rows.setRowCount(len(preview.rows))
        self.rows.setHorizontalHeaderLabels(list(headers))
        self.rows.setVerticalHeaderLabels([str(n) for n, _ in preview.rows])
        for r, (_number, cells) in enumerate(preview.rows):
            for c, text in enumerate(cells[: len(headers)]):
                self.rows.setItem(r, c, QTableWidgetItem(text.replace("\n", " ⏎ ")))
        self.rows.resizeColumnsToContents()
        choices = columns_for(preview.mapping.kind)
        self.mapping.setRowCount(len(headers))
        for r, (header, field) in enumerate(zip(headers, preview.mapping.fields, strict=True)):
            item = QTableWidgetItem(header)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            if header in preview.mapping.unknown:
                item.setBackground(WARN)
                item.setToolTip(self.tr("Not recognised"))
            self.mapping.setItem(r, 0, item)
            combo = QComboBox()
            combo.setAccessibleName(self.tr("What the column {header} holds").format(header=header))
            combo.addItem(self.tr("(ignore)"), "")
            kind = preview.mapping.kind
            for column in choices:
                combo.addItem(column_label(kind, column), column)
                # The file format's own name, for whoever writes files by hand.
                combo.setItemData(combo.count() - 1, column, Qt.ItemDataRole.ToolTipRole)
            combo.setCurrentIndex(max(combo.findData(field or ""), 0))
            combo.currentIndexChanged.connect(self._refresh)
            self.mapping.setCellWidget(r, 1, combo)
            self._combos.append(combo)

    def overrides(self) -> dict[str, str | None]:
        if self.preview is None:
            return {}
        return {
            header: (combo.currentData() or None)
            for header, combo in zip(self.preview.mapping.headers, self._combos, strict=True)
        }

    def set_column(self, header: str, column: str | None) -> None:
        """Map ``header`` by hand (what the user does with the combo box)."""
        assert self.preview is not None
        combo = self._combos[self.preview.mapping.headers.index(header)]
        combo.setCurrentIndex(combo.findData(column or ""))

    def _refresh(self) -> None:
        if self.preview is None:
            return
        mapping = map_columns(
            list(self.preview.mapping.headers), self.preview.mapping.kind, self.overrides()
        )
        kind = self.tr("agreements") if mapping.kind == "agreements" else self.tr("partners")
        lines = [
            self.tr("About %n row(s) of {kind}.", "", self.preview.approx_rows).format(kind=kind)
        ]
        if self.preview.encoding:
            lines.append(self.tr("Read as {enc}, separated by {sep}.").format(
                enc=self.preview.encoding, sep=_separator(self.preview.delimiter or ",")
            ))  # fmt: skip
        for header, column in zip(mapping.headers, mapping.fields, strict=True):
            multiplier, currency = header_unit(header)
            if column in MONEY_COLUMNS and (multiplier != 1 or currency):
                lines.append(self.tr("{header}: amounts are read as × {factor} {currency}").format(
                    header=header, factor=f"{multiplier:,}", currency=currency or ""
                ).strip())  # fmt: skip
        for problem in mapping.problems:
            lines.append(f"⚠ {column_label(mapping.kind, problem.field)}: {problem.message}")
        if not mapping.problems:
            required = ", ".join(column_label(mapping.kind, c) for c in required_for(mapping.kind))
            lines.append(self.tr("Every required column is there ({cols}).").format(cols=required))
        self.status.setText("\n".join(lines))
        self._ok = not mapping.problems
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.preview is not None and self._ok


def _separator(delimiter: str) -> str:
    """The delimiter in words of the window's language ("commas" stayed English in Chinese)."""
    words = {
        ",": QCoreApplication.translate("ImportWizard", "commas"),
        ";": QCoreApplication.translate("ImportWizard", "semicolons"),
        "\t": QCoreApplication.translate("ImportWizard", "tabs"),
    }
    return words.get(delimiter, delimiter)


class CheckPage(QWizardPage):
    """Every row checked by the service's dry run, every problem in a table."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.wiz = wizard
        self.setTitle(self.tr("Check every row"))
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("Import"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        # At the top: with no problem table below it, the label has the whole page.
        self.summary.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.problems = QTableWidget(0, 3)
        leave_on_tab(self.problems)
        self.problems.setHorizontalHeaderLabels(
            [self.tr("Row"), self.tr("Column"), self.tr("Problem")]
        )
        self.problems.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.problems.verticalHeader().setVisible(False)
        self.problems.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.problems, 1)
        self.report: ImportReport | None = None
        self.job: Job[ImportReport] | None = None

    def initializePage(self) -> None:
        self.report = None
        self.problems.setRowCount(0)
        self.problems.setVisible(True)
        self.summary.setText(self.tr("Checking every row…"))
        self.job = self.wiz.run(dry_run=True, on_done=self._checked, title=self.tr("Checking"))
        self.completeChanged.emit()

    def _checked(self, report: ImportReport) -> None:
        self.job = None
        self.report = report
        shown = report.problems[:MAX_PROBLEMS_SHOWN]
        self.problems.setRowCount(len(shown))
        for r, p in enumerate(shown):
            for c, text in enumerate((str(p.row or ""), p.field, p.message)):
                self.problems.setItem(r, c, QTableWidgetItem(text))
        self.problems.resizeColumnToContents(0)
        self.problems.resizeColumnToContents(1)
        self.problems.setVisible(bool(report.problems))
        text = self.wiz.describe(report)
        if report.problems:
            text += "\n" + self.tr("Correct the file and go back to check it again.")
            if len(report.problems) > len(shown):
                text += " " + self.tr("(The first {n} problems are shown.)").format(n=len(shown))
        self.summary.setText(text)
        self.completeChanged.emit()

    def stopped(self, message: str) -> None:
        self.job = None
        self.summary.setText(message)
        self.problems.setVisible(False)  # an empty table would read as "no problems"
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.report is not None and self.report.ok


class ImportPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.wiz = wizard
        self.setTitle(self.tr("Import"))
        self.result = QLabel()
        self.result.setWordWrap(True)
        QVBoxLayout(self).addWidget(self.result)
        self.report: ImportReport | None = None
        self.finished = False
        self.job: Job[ImportReport] | None = None

    def initializePage(self) -> None:
        self.report = None
        self.finished = False
        self.result.setText(self.tr("Importing…"))
        self.job = self.wiz.run(dry_run=False, on_done=self._done, title=self.tr("Importing"))

    def _done(self, report: ImportReport) -> None:
        self.report = report
        self.finished = True
        self.result.setText(self.wiz.describe(report))
        self.completeChanged.emit()
        self.wiz.imported = report.written

    def stopped(self, message: str) -> None:
        self.finished = True
        self.result.setText(message)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.finished


class ImportWizard(QWizard):
    """``ImportWizard(db, parent)``; ``imported`` is True once something was written."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.imported = False
        self.setWindowTitle(self.tr("Import agreements or partners"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.resize(900, 640)
        self.file_page = FilePage(self)
        self.preview_page = PreviewPage(self)
        self.check_page = CheckPage(self)
        self.import_page = ImportPage(self)
        for page in (self.file_page, self.preview_page, self.check_page, self.import_page):
            self.addPage(page)

    def import_options(self, *, dry_run: bool) -> ImportOptions:
        base = self.file_page.options()
        return ImportOptions(
            encoding=base.encoding, sheet=base.sheet, kind=base.kind,
            mapping=self.preview_page.overrides(), dry_run=dry_run,
        )  # fmt: skip

    def run(
        self, *, dry_run: bool, on_done: Callable[[ImportReport], None], title: str
    ) -> Job[ImportReport]:
        path = self.file_page.file()
        options = self.import_options(dry_run=dry_run)
        page = self.check_page if dry_run else self.import_page

        def work(progress: Progress) -> ImportReport:
            # One session, one transaction: the service rolls its SAVEPOINT back on a
            # problem, a dry run or Cancel, and this commit then writes nothing.
            with self.db.session() as s:
                report = import_file(s, path, options, progress)
                # A Cancel pressed after the last batch still counts: roll back, not commit.
                if not progress(report.rows, report.rows):
                    raise InterruptedError("import cancelled; nothing was imported")
                return report

        def failed(exc: BaseException) -> None:
            if isinstance(exc, PartnerDeskError):
                page.stopped(str(exc))
            else:
                page.stopped(self.tr("The import failed: {error}").format(error=exc))

        def cancelled() -> None:
            page.stopped(self.tr("Cancelled: nothing was imported."))

        return run_job(self, title, work, on_done, failed, cancelled, label=path.name)

    def describe(self, report: ImportReport) -> str:
        counts = self.tr("{creates} new, {updates} updated").format(
            creates=report.creates, updates=report.updates
        )
        if report.unchanged:
            counts += self.tr(", {n} unchanged").format(n=report.unchanged)
        if report.kind == "agreements":
            counts += self.tr(", %n new partner(s)", "", report.partners_created)
        if report.empty:
            return self.tr("The file has no data rows below its header; nothing to import.")
        if report.problems:
            rows = report.rows_with_problems
            problems = self.tr("%n problem(s)", "", len(report.problems))
            return self.tr(
                "{problems} in {rows} of %n row(s). Nothing will be imported until every row "
                "is right.", "", report.rows,
            ).format(problems=problems, rows=rows)  # fmt: skip
        ignored = ""
        if report.notes:
            ignored += "\n" + "\n".join(report.notes[:20])
        if report.ignored_columns:
            ignored += "\n" + self.tr("Ignored columns: {cols}").format(
                cols=", ".join(report.ignored_columns)
            )
        if report.written:
            return self.tr("Imported %n row(s): {counts}.", "", report.rows).format(
                counts=counts) + ignored  # fmt: skip
        return self.tr("All %n row(s) are fine: {counts} on import.", "", report.rows).format(
            counts=counts) + ignored  # fmt: skip
