"""``partnerdesk team own-only`` and owners named by login on the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli import main
from app.db import open_database
from app.services.agreements import create_agreement
from app.services.partners import PartnerInput, create_partner
from app.services.people import add_person
from tests.conftest import agreement_input


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_rule_is_shown_and_set(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(db_path)
    assert run(capsys, "--db", db, "team", "own-only", "show")[:2] == (
        0, "editors change any agreement\n")  # fmt: skip
    assert run(capsys, "--db", db, "team", "own-only", "on")[:2] == (
        0, "editors change only agreements they or their team own\n")  # fmt: skip
    assert run(capsys, "--db", db, "team", "own-only", "show")[1].startswith("editors change only")
    with pytest.raises(SystemExit) as usage:
        main(["--db", db, "team", "own-only", "maybe"])
    assert usage.value.code == 2


def test_list_agreements_by_owner_login_or_name(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = open_database(db_path)
    try:
        with database.session() as s:
            add_person(s, "li.wei", "Li Wei", name_local="李伟")
            p = create_partner(s, PartnerInput(legal_name="Harbor Pay Inc.", country="US"))
            create_agreement(s, agreement_input(p.id, owner="李伟", title="Li's"))
            create_agreement(s, agreement_input(p.id, owner="Someone Else", title="Not Li's"))
    finally:
        database.dispose()
    for owner in ("li.wei", "Li Wei"):
        code, out, _ = run(capsys, "--db", str(db_path), "list", "agreements", "--owner", owner,
                           "--format", "json")  # fmt: skip
        assert code == 0
        assert [(r["title"], r["owner"]) for r in json.loads(out)] == [("Li's", "Li Wei")]
