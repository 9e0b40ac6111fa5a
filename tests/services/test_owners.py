"""An agreement's owner is a person of the register, named by name or login."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from app.cli import main
from app.db import Database, open_database
from app.db.migrate import upgrade
from app.domain.models import Agreement, AuditEntry
from app.domain.roles import Role
from app.errors import ValidationError
from app.services.agreements import create_agreement, get_agreement, update_agreement
from app.services.importing import import_file
from app.services.listing import AgreementFilter, list_agreements
from app.services.owners import owner_of
from app.services.partners import PartnerInput, PartnerView, create_partner
from app.services.people import add_person, deactivate, get_person, list_people
from tests.conftest import agreement_input
from tests.services.test_importing import HEADER, row, write_csv

PARTNER = PartnerInput(legal_name="Lumière Paris SAS", country="FR")


def test_an_owner_is_named_by_login_or_by_name_in_either_script(
    session: Session, partner: PartnerView
) -> None:
    add_person(session, "li.wei", "Li Wei", name_local="李伟", team="Brands East")
    by_login = create_agreement(session, agreement_input(partner.id, owner="li.wei"))
    by_chinese = create_agreement(session, agreement_input(partner.id, owner="李伟"))
    by_case = create_agreement(session, agreement_input(partner.id, owner="  li wei "))
    shown = create_agreement(session, agreement_input(partner.id, owner="Li Wei (李伟)"))
    for a in (by_login, by_chinese, by_case, shown):
        assert (a.owner_login, a.owner) == ("li.wei", "Li Wei")
    person = owner_of(session, by_chinese.id)
    assert person is not None and person.team == "Brands East"
    listed = list_agreements(session, AgreementFilter(owner_login="li.wei"))
    assert {r.id for r in listed} == {by_login.id, by_chinese.id, by_case.id, shown.id}
    # The name filter of the lists keeps working, and takes a login too.
    assert len(list_agreements(session, AgreementFilter(owner="LI WEI"))) == 4
    assert len(list_agreements(session, AgreementFilter(owner="li.wei"))) == 4


def test_an_owner_nobody_is_named_like_joins_the_register_as_an_editor(
    session: Session, partner: PartnerView
) -> None:
    a = create_agreement(session, agreement_input(partner.id, owner="Zhang San"), actor="mei")
    assert (a.owner_login, a.owner) == ("zhang.san", "Zhang San")
    person = get_person(session, "zhang.san")
    assert (person.role, person.active) == (Role.EDITOR, True)
    created = session.scalar(select(AuditEntry).where(AuditEntry.entity == "person"))
    assert created is not None and created.actor == "mei"
    # Handing the agreement to someone else changes the person, and the name with it.
    add_person(session, "chen.jing", "Chen Jing")
    moved = update_agreement(session, a.id, replace(a.to_input(), owner="chen.jing"), a.version)
    assert (moved.owner_login, moved.owner) == ("chen.jing", "Chen Jing")
    blank = update_agreement(session, a.id, replace(moved.to_input(), owner=""), moved.version)
    assert (blank.owner_login, blank.owner) == (None, "")
    assert owner_of(session, a.id) is None


def test_two_people_of_one_name_keep_the_agreement_with_its_owner(
    session: Session, partner: PartnerView
) -> None:
    add_person(session, "wang.li", "Wang Li")
    add_person(session, "wang.li2", "Wang Li")
    a = create_agreement(session, agreement_input(partner.id, owner="wang.li2"))
    again = update_agreement(session, a.id, replace(a.to_input(), title="Renamed"), a.version)
    assert again.owner_login == "wang.li2"


def test_the_import_takes_an_owner_by_name_or_login(session: Session, tmp_path: Path) -> None:
    add_person(session, "li.wei", "Li Wei", name_local="李伟")
    header = [*HEADER, "owner"]
    path = write_csv(
        tmp_path / "owners.csv",
        [[*row(title="By login"), "li.wei"], [*row(title="By name"), "李伟"],
         [*row(title="Someone new"), "Chen Jing"]],
        header=header,
    )  # fmt: skip
    report = import_file(session, path)
    assert report.ok, report.problems
    owners = dict(session.execute(select(Agreement.title, Agreement.owner_login)).all())
    assert owners == {"By login": "li.wei", "By name": "li.wei", "Someone new": "chen.jing"}


def test_the_migration_makes_free_text_owners_people(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{path}")
    upgrade(engine, "0007")
    engine.dispose()
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO partners (legal_name, country, status, notes, version, created_at,"
            " updated_at) VALUES ('Old Partner Ltd', 'GB', 'active', '', 1,"
            " '2026-01-01 00:00:00', '2026-01-01 00:00:00')"
        )
        conn.execute(
            "INSERT INTO people (login, name, name_local, email, team, role, active, created_at)"
            " VALUES ('li.wei', 'Li Wei', '李伟', '', 'East', 'editor', 1, '2026-01-01 00:00:00')"
        )
        for n, owner in enumerate(["李伟", "Mei Chen", "Mei Chen", ""], start=1):
            conn.execute(
                "INSERT INTO agreements (reference, title, type, partner_id, owner, status,"
                " start_date, end_date, auto_renew, notice_days, decision_date, value, currency,"
                " governing_law, territories, description, version, created_at, updated_at)"
                f" VALUES ('BR-2026-000{n}', 'A', 'brand', 1, ?, 'draft', '2026-01-01',"
                " '2026-12-31', 0, 0, '2026-12-31', '1.00', 'CNY', '', '', '', 1,"
                " '2026-01-01 00:00:00', '2026-01-01 00:00:00')",
                (owner,),
            )
    conn.close()
    db = open_database(path)
    try:
        with db.session() as s:
            owners = s.execute(
                select(Agreement.reference, Agreement.owner_login, Agreement.owner).order_by(
                    Agreement.reference
                )
            ).all()
            people = {p.login: (p.name, p.role) for p in list_people(s)}
            assert get_agreement(s, 1).owner_login == "li.wei"
    finally:
        db.dispose()
    assert [tuple(o) for o in owners] == [
        ("BR-2026-0001", "li.wei", "Li Wei"),  # matched by the Chinese name, named as registered
        ("BR-2026-0002", "mei.chen", "Mei Chen"),
        ("BR-2026-0003", "mei.chen", "Mei Chen"),
        ("BR-2026-0004", None, ""),
    ]
    assert people == {"li.wei": ("Li Wei", Role.EDITOR), "mei.chen": ("Mei Chen", Role.EDITOR)}


def test_a_deactivated_person_keeps_their_agreements_but_is_given_no_more(
    session: Session, partner: PartnerView
) -> None:
    add_person(session, "zhao.lei", "Zhao Lei")
    add_person(session, "chen.jing", "Chen Jing")
    kept = create_agreement(session, agreement_input(partner.id, owner="zhao.lei"))
    deactivate(session, "zhao.lei")

    with pytest.raises(ValidationError) as refused:
        create_agreement(session, agreement_input(partner.id, owner="Zhao Lei"))
    assert [str(e) for e in refused.value.errors] == [
        "owner: Zhao Lei (zhao.lei) was deactivated and can own no more agreements; "
        "choose an active person"
    ]
    other = create_agreement(session, agreement_input(partner.id, owner="chen.jing"))
    with pytest.raises(ValidationError, match=r"\(zhao\.lei\) was deactivated"):
        update_agreement(session, other.id, replace(other.to_input(), owner="zhao.lei"),
                         other.version)  # fmt: skip

    # Theirs stay theirs when saved for another reason, and can be handed on.
    again = update_agreement(session, kept.id, replace(kept.to_input(), title="New"), kept.version)
    assert again.owner_login == "zhao.lei"
    moved = update_agreement(session, kept.id, replace(again.to_input(), owner="chen.jing"),
                             again.version)  # fmt: skip
    assert moved.owner_login == "chen.jing"


def test_a_name_shared_with_someone_deactivated_names_the_active_one(
    session: Session, partner: PartnerView
) -> None:
    add_person(session, "zhao.lei", "Zhao Lei")
    deactivate(session, "zhao.lei")
    add_person(session, "zhao.l", "Zhao Lei")
    a = create_agreement(session, agreement_input(partner.id, owner="zhao lei"))
    assert a.owner_login == "zhao.l"


def test_the_import_gives_a_deactivated_person_no_new_agreement(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = open_database(db_path)
    with db.session() as s:
        add_person(s, "zhao.lei", "Zhao Lei")
        kept = create_agreement(s, agreement_input(create_partner(s, PARTNER).id,
                                                   owner="zhao.lei"))  # fmt: skip
        deactivate(s, "zhao.lei")
    db.dispose()
    header = [*HEADER, "owner"]
    # Updating the one they own, unchanged owner: fine. A new one for them: refused.
    path = write_csv(tmp_path / "owners.csv",
                     [[*row(reference=kept.reference, title="Renamed"), "Zhao Lei"],
                      [*row(title="New"), "zhao.lei"]], header=header)  # fmt: skip
    assert main(["--db", str(db_path), "import", str(path)]) == 1
    out, err = capsys.readouterr()
    assert "row 3, owner: Zhao Lei (zhao.lei) was deactivated and can own no more" in out + err
    assert "row 2" not in out + err


def test_undo_brings_back_an_owner_deactivated_since(
    session: Session, partner: PartnerView
) -> None:
    from app.services.agreements import restore_agreement_values
    from app.services.editing import delete_with_snapshot, restore_agreement

    add_person(session, "zhao.lei", "Zhao Lei")
    add_person(session, "chen.jing", "Chen Jing")
    a = create_agreement(session, agreement_input(partner.id, owner="zhao.lei"))
    before = a.to_input()
    moved = update_agreement(session, a.id, replace(before, owner="chen.jing"), a.version)
    deactivate(session, "zhao.lei")
    # Undoing the hand-over is going back, not handing it to someone deactivated.
    assert restore_agreement_values(session, moved.id, before).owner_login == "zhao.lei"
    snap = delete_with_snapshot(session, a.id)
    assert restore_agreement(session, snap).owner_login == "zhao.lei"


def test_an_owner_named_as_before_a_rename_is_still_the_renamed_person(
    session: Session, partner: PartnerView
) -> None:
    from app.services.people import rename

    add_person(session, "li.wei", "Li Wei")
    a = create_agreement(session, agreement_input(partner.id, owner="li.wei"))
    stale = a.to_input()  # an editor opened before the rename: its owner reads "Li Wei"
    rename(session, "li.wei", "Li Wei-Chen")
    add_person(session, "li.w", "Li Wei")  # and the old name now belongs to someone else
    saved = update_agreement(session, a.id, replace(stale, title="Saved later"), a.version)
    assert (saved.owner_login, saved.owner) == ("li.wei", "Li Wei-Chen")
    # A new agreement for "Li Wei" is the person called so now.
    assert create_agreement(session, agreement_input(partner.id, owner="Li Wei")).owner_login == (
        "li.w"
    )
    # Nobody called so any more: the name still finds who had it last (a file of before).
    rename(session, "li.w", "Li Wen")
    again = create_agreement(session, agreement_input(partner.id, owner="Li Wei"))
    assert (again.owner_login, again.owner) == ("li.w", "Li Wen")


def test_a_rename_on_postgresql_reaches_the_agreements_and_their_search(pg_db: Database) -> None:
    from app.services.people import rename

    with pg_db.session() as s:
        add_person(s, "li.wei", "Li Wei")
        p = create_partner(s, PARTNER)
        a = create_agreement(s, agreement_input(p.id, owner="li.wei"))
        stale = a.to_input()
    with pg_db.session() as s:
        rename(s, "li.wei", "Li Wei-Chen", "李伟")
    with pg_db.session() as s:
        found = list_agreements(s, AgreementFilter(search="Wei-Chen"))
        assert [(r.reference, r.owner) for r in found] == [(a.reference, "Li Wei-Chen")]
        saved = update_agreement(s, a.id, replace(stale, title="Later"), a.version)
        assert (saved.owner_login, saved.owner) == ("li.wei", "Li Wei-Chen")
