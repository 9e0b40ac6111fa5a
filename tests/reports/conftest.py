"""Fixtures for the report tests: a demo database, hostile data, and PDF reading helpers."""

from __future__ import annotations

import io
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from app.db import Database, open_database
from app.services.demo import load_demo

REPORT_TODAY = date(2026, 11, 26)


@pytest.fixture(scope="session")
def report_template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("report-template") / "demo.db"
    database = open_database(path)
    with database.session() as s:
        load_demo(s, 120, seed=11, today=REPORT_TODAY)
    database.dispose()
    return path


@pytest.fixture
def demo_db(report_template_db: Path, tmp_path: Path) -> Iterator[Database]:
    """120 demo agreements as of REPORT_TODAY, private to the test."""
    path = tmp_path / "report-demo.db"
    shutil.copyfile(report_template_db, path)
    database = open_database(path)
    yield database
    database.dispose()


@dataclass
class Pdf:
    """A rendered report read back the way a checker reads it."""

    reader: PdfReader
    pages: list[str]

    @property
    def text(self) -> str:
        return "\n".join(self.pages)

    @property
    def flat(self) -> str:
        """All text with line breaks and spaces removed: wrapped words still match."""
        return "".join(self.text.split())

    @property
    def metadata(self) -> dict[str, Any]:
        return dict(self.reader.metadata or {})

    def outline_titles(self) -> list[str]:
        titles: list[str] = []

        def walk(items: list[Any]) -> None:
            for item in items:
                if isinstance(item, list):
                    walk(item)
                else:
                    titles.append(str(item.title))

        walk(self.reader.outline)
        return titles

    def outline_pages(self) -> list[tuple[str, int]]:
        """(bookmark title, 0-based page its destination opens), in outline order."""
        found: list[tuple[str, int]] = []

        def walk(items: list[Any]) -> None:
            for item in items:
                if isinstance(item, list):
                    walk(item)
                else:
                    page = self.reader.get_destination_page_number(item)
                    assert page is not None, f"bookmark {item.title!r} opens no page"
                    found.append((str(item.title), page))

        walk(self.reader.outline)
        return found

    def fonts(self) -> dict[str, bool]:
        """Base font name -> embedded?, over every page."""
        found: dict[str, bool] = {}
        for page in self.reader.pages:
            resources = page.get("/Resources")
            if resources is None:
                continue
            fonts = resources.get_object().get("/Font")
            if fonts is None:
                continue
            for ref in fonts.get_object().values():
                font = ref.get_object()
                name = str(font.get("/BaseFont"))
                descriptor = font.get("/FontDescriptor")
                if descriptor is None and "/DescendantFonts" in font:
                    descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
                embedded = False
                if descriptor is not None:
                    d = descriptor.get_object()
                    embedded = any(k in d for k in ("/FontFile", "/FontFile2", "/FontFile3"))
                found[name] = found.get(name, False) or embedded
        return found


def read_pdf(data: bytes) -> Pdf:
    assert data.startswith(b"%PDF-"), "not a PDF"
    reader = PdfReader(io.BytesIO(data))
    return Pdf(reader, [page.extract_text() or "" for page in reader.pages])


def poppler_text(data: bytes, tmp_path: Path) -> str | None:
    """``pdftotext`` output (what a checker reads, with its bidi handling), or None."""
    exe = shutil.which("pdftotext")
    if exe is None:
        return None
    path = tmp_path / "poppler-input.pdf"
    path.write_bytes(data)
    result = subprocess.run([exe, "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True)
    return result.stdout.decode("utf-8")
