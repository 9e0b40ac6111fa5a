"""The hostile-text corpus out and back in: CSV and XLSX export, import, export again.

Text stored under the policy comes back exactly; text stored before it (a vertical tab,
U+FFFE, NUL) still exports, to a file a strict XML reader and LibreOffice read whole.
"""

from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.db import open_database
from app.domain.models import Agreement, Partner
from app.services.agreements import create_agreement
from app.services.exporting import export_file
from app.services.importing import import_file
from app.services.partners import ContactInput, PartnerInput, create_partner
from app.services.tabular import Table
from tests.conftest import agreement_input
from tests.reliability.hostile_corpus import CLEANED, KEPT, LEGACY

TEXTS = [*KEPT.values(), *(given for given, _ in CLEANED.values())]


@pytest.fixture
def corpus(session: Session) -> Session:
    """One agreement and one partner per corpus string, in every text field.

    Not in a contact's name: a list cell (contacts, territories) separates its items with
    ";", so an item holding one comes back as two (docs/import-format.md).
    """
    for i, text in enumerate(TEXTS):
        contact = ContactInput(f"c{i} {text}".replace(";", ","))
        partner = create_partner(
            session,
            PartnerInput(legal_name=f"{i:02d} {text}"[:200], local_name=text[:200],
                         country="CN", notes=text, contacts=(contact,)),
        )  # fmt: skip
        create_agreement(
            session,
            agreement_input(partner.id, reference=f"H-{i:02d}", title=text, owner=text[:100],
                            description=f"{text}\n{text}", governing_law=text[:100]),
        )  # fmt: skip
    session.flush()
    return session


def round_trip(session: Session, tmp_path: Path, suffix: str, what: str) -> tuple[bytes, bytes]:
    first = tmp_path / f"first-{what}{suffix}"
    export_file(session, first, what)
    empty = open_database(tmp_path / f"empty-{what}{suffix}.db")
    try:
        with empty.session() as s:
            if what == "agreements":  # the partners first, as a person would
                partners = tmp_path / f"partners{suffix}"
                export_file(session, partners, "partners")
                assert import_file(s, partners).ok
            report = import_file(s, first)
            assert report.ok, [str(p) for p in report.problems[:3]]
        second = tmp_path / f"second-{what}{suffix}"
        with empty.session() as s:
            export_file(s, second, what)
    finally:
        empty.dispose()
    return first.read_bytes(), second.read_bytes()


@pytest.mark.parametrize("what", ["agreements", "partners"])
def test_csv_out_and_back_gives_the_same_bytes(corpus: Session, tmp_path: Path, what: str) -> None:
    first, second = round_trip(corpus, tmp_path, ".csv", what)
    assert first == second
    with (tmp_path / f"first-{what}.csv").open(encoding="utf-8-sig", newline="") as f:
        assert len(list(csv.DictReader(f))) == len(TEXTS)


@pytest.mark.parametrize("what", ["agreements", "partners"])
def test_xlsx_out_and_back_gives_the_same_cells(corpus: Session, tmp_path: Path, what: str) -> None:
    round_trip(corpus, tmp_path, ".xlsx", what)
    first, second = (
        list(openpyxl.load_workbook(tmp_path / f"{n}-{what}.xlsx").active.values)
        for n in ("first", "second")
    )
    assert first == second and len(first) == len(TEXTS) + 1


def test_every_stored_title_comes_back_exactly(corpus: Session, tmp_path: Path) -> None:
    stored = dict(corpus.execute(select(Agreement.reference, Agreement.title)).all())
    for suffix in (".csv", ".xlsx"):
        path = tmp_path / f"out{suffix}"
        export_file(corpus, path)
        with Table(path) as table:
            read = {values[0]: values[1] for _n, values in table.rows()}
        assert read == stored


@pytest.fixture
def legacy(session: Session) -> Session:
    """Titles, descriptions and a partner name stored before the text policy."""
    partner = create_partner(session, PartnerInput(legal_name="Legacy", country="CN"))
    for i, text in enumerate(LEGACY):
        view = create_agreement(session, agreement_input(partner.id, reference=f"L-{i}"))
        session.execute(
            update(Agreement).where(Agreement.id == view.id).values(title=text, description=text)
        )
    session.execute(update(Partner).values(notes="\x0b".join(LEGACY)))
    create_agreement(session, agreement_input(partner.id, reference="Z-LAST", title="Last row"))
    session.flush()
    return session


def test_old_text_exports_whole_and_reads_back_exactly(legacy: Session, tmp_path: Path) -> None:
    for what in ("agreements", "partners"):
        for suffix in (".csv", ".xlsx"):
            path = tmp_path / f"{what}{suffix}"
            export_file(legacy, path, what)
            with Table(path) as table:
                read = [values for _n, values in table.rows()]
            if what == "agreements":
                assert [r[1] for r in read] == [*LEGACY, "Last row"]
            else:
                assert read[0][6] == "\x0b".join(LEGACY)
    # A strict XML reader sees every row too.
    assert len(list(openpyxl.load_workbook(tmp_path / "agreements.xlsx").active.values)) == 10


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_reads_every_row_of_an_export_of_old_text(
    legacy: Session, tmp_path: Path
) -> None:
    path = tmp_path / "old.xlsx"
    export_file(legacy, path)
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--headless",
         "--convert-to", "csv", "--outdir", str(tmp_path / "lo"), str(path)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    with (tmp_path / "lo" / "old.csv").open(encoding="utf-8", errors="replace", newline="") as f:
        rows = list(csv.reader(f))
    assert [r[0] for r in rows[1:]] == [f"L-{i}" for i in range(len(LEGACY))] + ["Z-LAST"]
    assert rows[1][1] == "Vertical\x0btab"  # LibreOffice reads Excel's escape back
    assert rows[7][1] == "_x000B_ literal escape"
