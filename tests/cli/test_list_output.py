"""``list --format table`` shows stored text as data: no escape sequence reaches the terminal."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from sqlalchemy import update

from app.db import open_database
from app.domain.models import Agreement
from app.services.agreements import create_agreement
from app.services.partners import PartnerInput, create_partner
from tests.cli.test_cli import run
from tests.conftest import agreement_input

# Stored before the text policy removed control characters at entry: clear screen, set the
# window title, ring the bell, colour, and a right-to-left override that reorders the line.
HOSTILE = "\x1b[2J\x1b]0;x\x07\x1b[31mRed\u202eevil"


@pytest.fixture
def hostile_db(db_path: Path) -> Path:
    db = open_database(db_path)
    with db.session() as s:
        partner = create_partner(s, PartnerInput(legal_name="Acme", country="CN"))
        view = create_agreement(s, agreement_input(partner.id, reference="EVIL-1"))
        s.execute(update(Agreement).where(Agreement.id == view.id).values(title=HOSTILE))
    db.dispose()
    return db_path


def test_table_output_shows_control_characters_instead_of_obeying_them(
    hostile_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "--db", str(hostile_db), "list", "agreements")
    assert code == 0
    assert not any(c in out for c in "\x1b\x07\u202e")
    assert "\\x1b[2J\\x1b]0;x\\x07\\x1b[31mRed\\u202eevil" in out
    # The row stays one line of the table.
    _header, _rule, row, count = out.splitlines()
    assert row.startswith("EVIL-1") and count == "(1 rows)"


def test_csv_and_json_keep_the_stored_text_exactly(
    hostile_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = run(capsys, "--db", str(hostile_db), "list", "agreements", "--format", "csv")
    assert next(csv.DictReader(io.StringIO(out)))["title"] == HOSTILE
    _, out, _ = run(capsys, "--db", str(hostile_db), "list", "agreements", "--format", "json")
    assert json.loads(out)[0]["title"] == HOSTILE


def test_combining_characters_take_no_column(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = open_database(db_path)
    with db.session() as s:
        partner = create_partner(s, PartnerInput(legal_name="Acme", country="CN"))
        create_agreement(s, agreement_input(partner.id, title="Cafe\u0301 Ame\u0301lie"))
    db.dispose()
    _, out, _ = run(capsys, "--db", str(db_path), "list", "agreements")
    # "Café Amélie" shows 11 columns wide, and the rule under the title column is as wide.
    assert out.splitlines()[1].split()[-1] == "-" * 11
