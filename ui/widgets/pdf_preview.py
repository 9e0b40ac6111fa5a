"""A PDF preview: QtPdf's view where the wheel has it, else PNGs of the first pages."""

from __future__ import annotations

import importlib
import logging
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QLabel, QScrollArea, QStackedWidget, QVBoxLayout, QWidget

log = logging.getLogger(__name__)

try:  # QtPdf ships in PySide6-Addons on most platforms, not all
    # Imported by name: type stubs are missing where the module is, and vice versa.
    _QtPdf: Any = importlib.import_module("PySide6.QtPdf")
    _QtPdfWidgets: Any = importlib.import_module("PySide6.QtPdfWidgets")
    HAVE_QTPDF = True
except ImportError:  # pragma: no cover - depends on the installed wheel
    HAVE_QTPDF = False

PREVIEW_PAGES = 3


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


def rendered(pdf: bytes) -> Rendered:
    """What the preview needs of a PDF (call it in the worker: pdftoppm takes a while)."""
    return Rendered(pdf, () if HAVE_QTPDF else page_images(pdf))


class PdfPreview(QStackedWidget):
    """A hint ("press Preview", "the options changed") until a PDF is shown."""

    def __init__(self, hint: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._buffer: QBuffer | None = None
        self.hint = QLabel(hint)
        self.hint.setObjectName("previewHint")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)
        self.view = self._view()
        self.addWidget(self.hint)
        self.addWidget(self.view)

    def _view(self) -> QWidget:
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

    def showing_pdf(self) -> bool:
        return self.currentWidget() is self.view

    def show_hint(self, text: str) -> None:
        """Take the PDF off the screen: what it showed no longer matches the options."""
        self.hint.setText(text)
        self.setCurrentWidget(self.hint)
        if HAVE_QTPDF:
            self.document.close()

    def show_pdf(self, result: Rendered) -> None:
        self.setCurrentWidget(self.view)
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
