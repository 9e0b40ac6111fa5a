"""Roles enforced by the PostgreSQL server: each person connects as their own login."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import URL, create_engine, text

from app.cli import main
from app.db import Database, open_database
from app.domain.roles import Role
from app.errors import DatabaseError, TransitionError
from app.services.agreements import create_agreement, delete_agreement, update_agreement
from app.services.fx import set_rate
from app.services.listing import count_agreements
from app.services.partners import PartnerInput, create_partner
from app.services.people import connected_role
from tests.conftest import agreement_input

pytestmark = pytest.mark.postgres


@pytest.fixture
def logins(pg_db: Database) -> Iterator[dict[str, URL]]:
    """Logins made by ``people add --create-login``; dropped afterwards."""
    made: dict[str, URL] = {}
    yield made
    admin = create_engine(pg_db.url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        for url in made.values():
            conn.execute(text(f'DROP ROLE IF EXISTS "{url.username}"'))
    admin.dispose()


def add_login(
    pg_db: Database, logins: dict[str, URL], monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str], role: str, name: str,
) -> URL:  # fmt: skip
    login = f"pd_{uuid.uuid4().hex[:8]}_{role}"
    secret = f"pw-{uuid.uuid4().hex}"
    monkeypatch.setenv("PARTNERDESK_LOGIN_PASSWORD", secret)
    admin_url = pg_db.url.render_as_string(hide_password=False)
    # Recorded before anything can fail, so the fixture drops it whatever happens.
    logins[role] = pg_db.url.set(username=login, password=secret)
    code = main(["--db", admin_url, "people", "add", login, "--name", name, "--email",
                 f"{role}@example.com", "--role", role, "--create-login"])  # fmt: skip
    out, err = capsys.readouterr()
    assert code == 0, err
    assert out == f"added {login}  {name}  <{role}@example.com>  {role}\n"
    return logins[role]


def test_each_role_may_what_it_may_and_the_server_refuses_the_rest(
    pg_db: Database,
    logins: dict[str, URL],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pg_db.session() as s:
        p = create_partner(s, PartnerInput(legal_name="Harbor Pay Inc.", country="US"))
        theirs = create_agreement(s, agreement_input(p.id, title="Checkout"))
    viewer_url = add_login(pg_db, logins, monkeypatch, capsys, "viewer", "Vera Viewer")
    editor_url = add_login(pg_db, logins, monkeypatch, capsys, "editor", "Li Wei")

    viewer = open_database(viewer_url)
    try:
        with viewer.session() as s:
            assert connected_role(s) is Role.VIEWER
            assert count_agreements(s) == 1  # a viewer reads
        with pytest.raises(DatabaseError) as refused, viewer.session() as s:
            create_agreement(s, agreement_input(p.id, title="Not mine to add"))
        assert str(refused.value) == "your role, viewer, cannot change agreements"
    finally:
        viewer.dispose()
    # The viewer reads through the command line too, as its own login.
    viewer_cli = viewer_url.render_as_string(hide_password=False)
    assert main(["--db", viewer_cli, "list", "agreements", "--format", "json"]) == 0
    assert [r["title"] for r in json.loads(capsys.readouterr().out)] == ["Checkout"]
    # Nor may a viewer make itself admin.
    assert main(["--db", viewer_cli, "people", "set-role", str(viewer_url.username), "admin"]) == 1
    assert capsys.readouterr().err.splitlines()[-1] == (
        "partnerdesk: error: your role, viewer, cannot change the people register"
    )

    editor = open_database(editor_url)
    try:
        with editor.session() as s:
            assert connected_role(s) is Role.EDITOR
            mine = create_agreement(s, agreement_input(p.id, title="Mine"))
            update_agreement(s, theirs.id, replace(theirs.to_input(), title="Edited"),
                             theirs.version)  # fmt: skip
        with pytest.raises(DatabaseError) as refused, editor.session() as s:
            set_rate(s, "USD", "CNY", Decimal("7.1"), date(2026, 1, 1))
        assert str(refused.value) == "your role, editor, cannot change FX rates"
        with pytest.raises(DatabaseError) as refused, editor.session() as s:
            delete_agreement(s, mine.id)
        assert str(refused.value) == "your role, editor, cannot change agreements"
    finally:
        editor.dispose()
    code = main(["--db", viewer_cli, "history", mine.reference, "--format", "json"])
    assert code == 0
    assert {e["who"] for e in json.loads(capsys.readouterr().out)} == {"Li Wei"}


def test_set_role_and_deactivate_change_what_the_server_allows(
    pg_db: Database,
    logins: dict[str, URL],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pg_db.session() as s:
        p = create_partner(s, PartnerInput(legal_name="Harbor Pay Inc.", country="US"))
    url = add_login(pg_db, logins, monkeypatch, capsys, "viewer", "Vera Viewer")
    admin_url = pg_db.url.render_as_string(hide_password=False)
    assert main(["--db", admin_url, "people", "set-role", str(url.username), "editor"]) == 0
    person = open_database(url)
    try:
        with person.session() as s:
            create_agreement(s, agreement_input(p.id, title="Now an editor",
                                                owner=str(url.username)))  # fmt: skip
        assert main(["--db", admin_url, "people", "deactivate", str(url.username)]) == 0
        capsys.readouterr()
        with pytest.raises(DatabaseError) as refused, person.session() as s:
            count_agreements(s)
        assert str(refused.value) == (
            "your login has no PartnerDesk role in this database, so it can neither read nor "
            "change agreements; ask an admin to add you (partnerdesk people add)"
        )
    finally:
        person.dispose()


def test_creating_an_existing_login_is_refused_in_one_line(
    pg_db: Database, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PARTNERDESK_LOGIN_PASSWORD", "irrelevant")
    admin_url = pg_db.url.render_as_string(hide_password=False)
    existing = str(pg_db.url.username)
    code = main(["--db", admin_url, "people", "add", existing, "--name", "Desk",
                 "--role", "admin", "--create-login"])  # fmt: skip
    assert code == 1
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"partnerdesk: error: login: the server already has a login '{existing}'; leave out "
        "--create-login to register it"
    )


def test_two_approvers_activate_a_high_value_agreement_and_its_author_cannot_approve(
    pg_db: Database,
    logins: dict[str, URL],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from app.domain.enums import AgreementStatus
    from app.services.agreements import change_status

    admin_cli = pg_db.url.render_as_string(hide_password=False)
    assert main(["--db", admin_cli, "approvals", "policy", "brand", "--from", "5,000,000",
                 "--approvals", "2", "--admin"]) == 0  # fmt: skip
    assert capsys.readouterr().out == (
        "brand agreements from CNY 5,000,000.00: 2 approvals, one of them an admin\n"
    )
    author_url = add_login(pg_db, logins, monkeypatch, capsys, "approver", "Ava Author")
    ann_url = add_login(pg_db, logins, monkeypatch, capsys, "editor", "Ann Approver")
    assert main(["--db", admin_cli, "people", "set-role", str(ann_url.username), "approver"]) == 0
    capsys.readouterr()
    adam_url = add_login(pg_db, logins, monkeypatch, capsys, "admin", "Adam Admin")
    capsys.readouterr()

    author = open_database(author_url)
    try:
        with author.session() as s:
            p = create_partner(s, PartnerInput(legal_name="Maison Lumière SA", country="FR"))
            a = create_agreement(s, agreement_input(
                p.id, currency="CNY", value=Decimal("6000000"), signed_date=date(2026, 11, 1),
                status=AgreementStatus.PENDING_APPROVAL, owner=str(author_url.username),
            ))  # fmt: skip
        cli = {u.username: u.render_as_string(hide_password=False)
               for u in (author_url, ann_url, adam_url)}  # fmt: skip
        assert main(["--db", cli[author_url.username], "approvals", "approve", a.reference]) == 1
        assert capsys.readouterr().err.splitlines()[-1] == (
            f"partnerdesk: error: {a.reference}: you wrote its current terms, so someone else "
            "must approve them"
        )
        assert main(["--db", cli[ann_url.username], "approvals", "approve", a.reference,
                     "--comment", "terms checked"]) == 0  # fmt: skip
        with pytest.raises(TransitionError, match="it has Ann Approver"), author.session() as s:
            change_status(s, a.id, AgreementStatus.ACTIVE, a.version)
        assert main(["--db", cli[ann_url.username], "approvals", "list", "--format", "json"]) == 0
        capsys.readouterr()
        assert main(["--db", cli[adam_url.username], "approvals", "approve", a.reference]) == 0
        assert capsys.readouterr().out.endswith("Ann Approver, Adam Admin\n")
        with author.session() as s:
            assert change_status(s, a.id, AgreementStatus.ACTIVE, a.version).status is (
                AgreementStatus.ACTIVE
            )
    finally:
        author.dispose()
    with pg_db.session() as s:
        decided = set(s.scalars(text("SELECT login FROM approvals")))
    assert decided == {ann_url.username, adam_url.username}  # named by the server
