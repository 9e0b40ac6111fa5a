"""The hostile-text corpus in ``partnerdesk list``: a table is shown, never obeyed.

Table output holds no control character but its line ends, whatever is stored (text from
before the policy included) and one row is one line; CSV and JSON give the stored text
exactly.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from sqlalchemy import select, update

from app.db import open_database
from app.domain.models import Agreement, Partner
from app.services.agreements import create_agreement
from app.services.partners import PartnerInput, create_partner
from tests.cli.test_cli import run
from tests.conftest import agreement_input
from tests.reliability.hostile_corpus import CLEANED, KEPT, LEGACY

CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture
def listed(db_path: Path) -> tuple[Path, dict[str, str], dict[str, str | None]]:
    texts = [*KEPT.values(), *(given for given, _ in CLEANED.values())]
    db = open_database(db_path)
    with db.session() as s:
        for i, text in enumerate(texts):
            data = PartnerInput(f"P{i:02d} {text}"[:200], "CN", local_name=text[:200])
            partner = create_partner(s, data)
            create_agreement(s, agreement_input(partner.id, reference=f"H-{i:02d}", title=text))
        for i, text in enumerate(LEGACY):  # stored before the policy
            view = create_agreement(s, agreement_input(partner.id, reference=f"L-{i}"))
            s.execute(update(Agreement).where(Agreement.id == view.id).values(title=text))
            s.execute(update(Partner).where(Partner.id == partner.id).values(local_name=text))
        titles = dict(s.execute(select(Agreement.reference, Agreement.title)).all())
        names = dict(s.execute(select(Partner.legal_name, Partner.local_name)).all())
    db.dispose()
    return db_path, titles, names


def test_table_output_holds_no_control_character(
    listed: tuple[Path, dict[str, str], dict[str, str | None]], capsys: pytest.CaptureFixture[str]
) -> None:
    path, titles, names = listed
    for what, count in (("agreements", len(titles)), ("partners", len(names))):
        code, out, _ = run(capsys, "--db", str(path), "list", what)
        assert code == 0
        assert CONTROL.search(out) is None, CONTROL.search(out)
        lines = out.splitlines()
        assert len(lines) == count + 3 and lines[-1] == f"({count} rows)"


def test_csv_and_json_keep_the_stored_text_exactly(
    listed: tuple[Path, dict[str, str], dict[str, str | None]], capsys: pytest.CaptureFixture[str]
) -> None:
    path, titles, names = listed
    _, out, _ = run(capsys, "--db", str(path), "list", "agreements", "--format", "json")
    assert {r["reference"]: r["title"] for r in json.loads(out)} == titles
    _, out, _ = run(capsys, "--db", str(path), "list", "agreements", "--format", "csv")
    assert {r["reference"]: r["title"] for r in csv.DictReader(io.StringIO(out))} == titles
    _, out, _ = run(capsys, "--db", str(path), "list", "partners", "--format", "json")
    assert {r["legal_name"]: r["local_name"] for r in json.loads(out)} == names
