"""Every report table: no word is split inside a cell, no header runs out of its column.

A word wider than its column is broken mid-word by the cell's Paragraph ("Logisti / cs"),
which reads as a typo; a header wider than its column overflows into the next one.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth

from app.db import Database
from app.reports import base, render
from app.reports.fonts import font_set
from app.reports.styles import TABLE_SIZE
from app.reports.tables import PAD_X, Column
from app.services import reporting
from app.services.listing import AgreementFilter, list_agreements
from tests.reports.conftest import REPORT_TODAY

Captured = list[tuple[Sequence[Column], Sequence[Sequence[Any]]]]


def _too_wide(captured: Captured, lang: str) -> list[str]:
    fonts = font_set(lang)
    problems = []
    for columns, records in captured:
        for column in columns:
            room = column.width - 2 * PAD_X
            font = fonts.single_font(column.label) or fonts.bold
            if stringWidth(column.label, fonts.bold if font == fonts.body else font,
                           TABLE_SIZE) > room:  # fmt: skip
                problems.append(f"header {column.label!r}")
        for record in records:
            for text, column in zip(record, columns, strict=True):
                if not isinstance(text, str):
                    continue
                room = column.width - 2 * PAD_X
                for word in text.split():
                    font = fonts.single_font(word) or fonts.body
                    if stringWidth(word, font, TABLE_SIZE) > room:
                        problems.append(f"{column.label}: {word!r}")
    return sorted(set(problems))


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("kind", ["agreement", "portfolio", "renewals", "partner"])
def test_words_fit_their_columns(
    demo_db: Database, monkeypatch: pytest.MonkeyPatch, kind: str, lang: str
) -> None:
    captured: Captured = []
    original = base.rows_table  # type: ignore[attr-defined]

    def spy(styles: Any, columns: Any, records: Any, **kw: Any) -> Any:
        captured.append((columns, records))
        return original(styles, columns, records, **kw)

    monkeypatch.setattr(base, "rows_table", spy)
    with demo_db.session() as s:
        if kind == "agreement":
            ref = list_agreements(s, AgreementFilter(), limit=1)[0].reference
            data: Any = reporting.agreement_report(s, ref, lang, REPORT_TODAY)
        elif kind == "portfolio":
            data = reporting.portfolio_report(s, lang, REPORT_TODAY)
        elif kind == "renewals":
            data = reporting.renewal_report(s, 365, lang, REPORT_TODAY)
        else:
            # One dossier per agreement type, so that every type label is drawn.
            by_type: dict[Any, int] = {}
            for r in list_agreements(s, AgreementFilter(), limit=10_000):
                by_type.setdefault(r.type, r.partner_id)
            for partner_id in sorted(set(by_type.values())):
                render(reporting.partner_report(s, "", lang, REPORT_TODAY, partner_id=partner_id))
            data = None
    if data is not None:
        render(data)
    assert captured
    problems = _too_wide(captured, lang)
    assert problems == [], "\n".join(problems)
