"""``partnerdesk people …`` and ``partnerdesk history REF`` as a scheduled job would run them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli import main
from app.services.audit import current_actor


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_people_add_list_set_role_and_deactivate(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(db_path)
    code, out, _ = run(
        capsys, "--db", db, "people", "add", "wang.fang", "--name", "Wang Fang",
        "--name-local", "王芳", "--email", "wf@example.com", "--team", "Brands",
        "--role", "approver",
    )  # fmt: skip
    assert code == 0
    assert out == "added wang.fang  Wang Fang (王芳)  <wf@example.com>  [Brands]  approver\n"
    assert run(capsys, "--db", db, "people", "set-role", "wang.fang", "editor")[0] == 0
    code, out, _ = run(capsys, "--db", db, "people", "deactivate", "wang.fang")
    assert (code, out) == (0, "wang.fang  Wang Fang (王芳)  <wf@example.com>  [Brands]  editor"
                           "  (inactive)\n")  # fmt: skip
    code, out, _ = run(capsys, "--db", db, "people", "list", "--format", "json")
    assert code == 0
    assert sorted(json.loads(out), key=lambda p: p["login"] != current_actor()) == [
        {"login": current_actor(), "name": current_actor(), "name_local": None, "email": "",
         "team": "", "role": "admin", "active": True},
        {"login": "wang.fang", "name": "Wang Fang", "name_local": "王芳",
         "email": "wf@example.com", "team": "Brands", "role": "editor", "active": False},
    ]  # fmt: skip


def test_people_refusals_are_one_line_and_change_nothing(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(db_path)
    code, out, err = run(
        capsys, "--db", db, "people", "add", "x y", "--name", "X", "--email", "nope",
        "--role", "editor",
    )  # fmt: skip
    assert code == 1
    assert err == (
        "partnerdesk: error: login: a login is 1–120 characters without spaces or quotes; "
        "email: 'nope' is not an e-mail address\n"
    )
    code, _, err = run(capsys, "--db", db, "people", "set-role", current_actor(), "viewer")
    assert code == 1
    assert "is the last active admin and cannot be made viewer" in err
    assert err.count("\n") == 1
    with pytest.raises(SystemExit) as usage:
        main(["--db", db, "people", "add", "a", "--name", "A", "--role", "boss"])
    assert usage.value.code == 2
    assert "invalid choice: 'boss'" in capsys.readouterr().err
    code, out, _ = run(capsys, "--db", db, "people", "list", "--format", "json")
    assert json.loads(out) == []  # not even the first-use admin: each refusal rolled back


def test_history_shows_who_when_field_old_and_new(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from dataclasses import replace

    from app.db import open_database
    from app.services.agreements import create_agreement, update_agreement
    from app.services.partners import PartnerInput, create_partner
    from app.services.people import add_person
    from tests.conftest import agreement_input

    db = open_database(db_path)
    with db.session() as s:
        add_person(s, "li.wei", "Li Wei", name_local="李伟", role="editor")
        p = create_partner(s, PartnerInput(legal_name="Harbor Pay Inc.", country="US"))
        a = create_agreement(s, agreement_input(p.id, title="Checkout"), actor="li.wei")
        update_agreement(s, a.id, replace(a.to_input(), title="Checkout 2027"), a.version,
                         actor="li.wei")  # fmt: skip
    db.dispose()

    code, out, _ = run(capsys, "--db", str(db_path), "history", a.reference.lower(),
                       "--format", "json")  # fmt: skip
    assert code == 0
    entries = json.loads(out)
    assert [(e["who"], e["login"], e["field"], e["old"], e["new"]) for e in entries] == [
        ("Li Wei (李伟)", "li.wei", "title", "Checkout", "Checkout 2027"),
        ("Li Wei (李伟)", "li.wei", "", None, f"{a.reference} Checkout"),
    ]
    assert all(e["when"].endswith("+00:00") for e in entries)
    code, out, _ = run(capsys, "--db", str(db_path), "history", a.reference)
    assert out.splitlines()[0].endswith("Li Wei (李伟)  title: Checkout → Checkout 2027")
    code, _, err = run(capsys, "--db", str(db_path), "history", "BR-1999-0001")
    assert (code, err) == (1, "partnerdesk: error: no agreement with reference 'BR-1999-0001'\n")


def test_people_rename_and_the_agreements_they_own_follow(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from app.db import open_database
    from app.services.agreements import create_agreement, get_agreement
    from app.services.partners import PartnerInput, create_partner
    from app.services.people import add_person
    from tests.conftest import agreement_input

    db = str(db_path)
    database = open_database(db_path)
    with database.session() as s:
        add_person(s, "li.wei", "Li Wei")
        p = create_partner(s, PartnerInput(legal_name="Maison Dupont", country="FR"))
        a = create_agreement(s, agreement_input(p.id, owner="li.wei"))
    code, out, err = run(capsys, "--db", db, "people", "rename", "li.wei", "Li Wei-Chen",
                         "--name-local", "李伟")  # fmt: skip
    assert (code, out, err) == (0, "renamed li.wei: Li Wei → Li Wei-Chen (李伟)\n", "")

    code, out, _ = run(capsys, "--db", db, "list", "agreements", "--format", "json")
    assert [r["owner"] for r in json.loads(out)] == ["Li Wei-Chen"]
    code, out, _ = run(capsys, "--db", db, "list", "agreements", "--search", "Wei-Chen",
                       "--format", "json")  # fmt: skip
    assert [r["reference"] for r in json.loads(out)] == [a.reference]
    code, out, _ = run(capsys, "--db", db, "people", "history", "li.wei")
    assert code == 0
    assert [line.split("  ", 2)[2] for line in out.splitlines()] == [
        "name_local: — → 李伟", "name: Li Wei → Li Wei-Chen", "create: — → li.wei (viewer)"
    ]  # fmt: skip
    with database.session() as s:
        # The register's name changed, not the agreement: same version, no history line.
        again = get_agreement(s, a.id)
        assert (again.owner, again.version) == ("Li Wei-Chen", a.version)
    database.dispose()

    code, out, err = run(capsys, "--db", db, "people", "rename", "li.wei", "  ")
    assert (code, err) == (1, "partnerdesk: error: name: a person needs a name\n")
    code, out, err = run(capsys, "--db", db, "people", "rename", "nobody", "X")
    assert (code, err) == (
        1, "partnerdesk: error: no person with the login 'nobody' in the register\n"
    )  # fmt: skip
