"""Row-level security on a real PostgreSQL: with the team's rule on, an editor changes only
agreements they or their team own, and the server refuses the rest."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import URL, func, select, text

from app.cli import main
from app.db import Database, open_database
from app.domain.enums import AgreementStatus
from app.domain.models import Agreement, Approval
from app.errors import DatabaseError
from app.services.agreements import create_agreement, get_agreement, update_agreement
from app.services.approvals import requirement
from app.services.demo import load_demo
from app.services.importing import import_file
from app.services.milestones import MilestoneInput, add_milestone
from app.services.partners import PartnerInput, create_partner
from app.services.team_rules import change_refusal, set_editors_change_own_only
from tests.conftest import agreement_input
from tests.db.test_postgres_roles import logins as logins
from tests.services.test_importing import HEADER, row, write_csv

pytestmark = pytest.mark.postgres


def add_editor(
    pg_db: Database, logins: dict[str, URL], monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str], name: str, team: str,
) -> URL:  # fmt: skip
    login = f"pd_{uuid.uuid4().hex[:8]}_ed"
    secret = f"pw-{uuid.uuid4().hex}"
    monkeypatch.setenv("PARTNERDESK_LOGIN_PASSWORD", secret)
    logins[name] = pg_db.url.set(username=login, password=secret)
    admin = pg_db.url.render_as_string(hide_password=False)
    assert main(["--db", admin, "people", "add", login, "--name", name, "--team", team,
                 "--role", "editor", "--create-login"]) == 0, capsys.readouterr().err  # fmt: skip
    capsys.readouterr()
    return logins[name]


def test_editors_change_only_their_teams_agreements_when_the_team_says_so(
    pg_db: Database,
    logins: dict[str, URL],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    with pg_db.session() as s:
        p = create_partner(s, PartnerInput(legal_name="Maison Lumière SA", country="FR"))
    li_url = add_editor(pg_db, logins, monkeypatch, capsys, "Li Wei", "East")
    mei_url = add_editor(pg_db, logins, monkeypatch, capsys, "Mei Chen", "East")
    bo_url = add_editor(pg_db, logins, monkeypatch, capsys, "Bo Berg", "West")
    li, mei, bo = (open_database(u) for u in (li_url, mei_url, bo_url))
    try:
        with li.session() as s:
            a = create_agreement(s, agreement_input(p.id, owner=str(li_url.username)))
        ref = a.reference
        # Off (the default): any editor changes any agreement.
        with bo.session() as s:
            a = update_agreement(s, a.id, replace(a.to_input(), title="Bo was here"), a.version)
        admin = pg_db.url.render_as_string(hide_password=False)
        assert main(["--db", admin, "team", "own-only", "on"]) == 0
        assert capsys.readouterr().out == "editors change only agreements they or their team own\n"

        belongs = f"your role, editor, cannot change {ref}: it belongs to Li Wei's team"
        with pytest.raises(DatabaseError, match=f"^{belongs}$"), bo.session() as s:
            update_agreement(s, a.id, replace(a.to_input(), title="Bo again"), a.version)
        with pytest.raises(DatabaseError, match=f"^{belongs}$"), bo.session() as s:
            add_milestone(s, a.id, MilestoneInput(title="Launch", due_date=date(2026, 3, 1)))
        with (
            pytest.raises(DatabaseError, match="it would belong to Li Wei's team"),
            bo.session() as s,
        ):
            create_agreement(s, agreement_input(p.id, owner="Li Wei", title="For Li"))
        # An import says which row the rule keeps from Bo, new or saved.
        header = [*HEADER, "owner"]
        for values, problem in (
            ([*row(title="New for Li"), "Li Wei"],
             "row 2, owner: your role, editor, cannot add an agreement: it would belong to "
             "Li Wei's team"),
            ([*row(title="Bo renames it", reference=ref), str(li_url.username)],
             f"row 2, owner: {belongs}"),
        ):  # fmt: skip
            path = write_csv(tmp_path / "rows.csv", [values], header=header)
            with bo.session() as s:
                report = import_file(s, path)
            assert [str(p) for p in report.problems] == [problem]
        # Li's own import goes in (its partner and agreement take ids the editor moves the
        # sequences past).
        path = write_csv(tmp_path / "li.csv", [[*row(title="Li imports"), "Li Wei"]],
                         header=header)  # fmt: skip
        with li.session() as s:
            assert import_file(s, path).ok
        # The owner and a teammate may; nobody hands an agreement to another team.
        with bo.session() as s:
            assert change_refusal(s, a.id) == belongs  # what a window shows beside Edit
        with li.session() as s:
            assert change_refusal(s, a.id) is None
            a = update_agreement(s, a.id, replace(a.to_input(), title="Li's"), a.version)
        with mei.session() as s:
            add_milestone(s, a.id, MilestoneInput(title="Launch", due_date=date(2026, 3, 1)))
            a = get_agreement(s, a.id)
        with (
            pytest.raises(DatabaseError, match="it would belong to Bo Berg's team"),
            mei.session() as s,
        ):
            update_agreement(s, a.id, replace(a.to_input(), owner="Bo Berg"), a.version)
        # The server itself refuses, whatever the client skips: Bo's UPDATE meets no row,
        # his INSERT is refused.
        with bo.session() as s:
            changed = s.execute(text("UPDATE agreements SET title = 'x' WHERE id = :i"),
                                {"i": a.id})  # fmt: skip
            assert changed.rowcount == 0  # type: ignore[attr-defined]
        with pytest.raises(DatabaseError) as refused, bo.session() as s:
            s.execute(text("INSERT INTO milestones (agreement_id, title, due_date, owner, status)"
                           " VALUES (:i, 'x', '2026-01-01', '', 'open')"), {"i": a.id})  # fmt: skip
        assert str(refused.value) == "your role, editor, cannot change agreements another team owns"
        # Only an admin sets the rule.
        with pytest.raises(DatabaseError) as refused, bo.session() as s:
            set_editors_change_own_only(s, False)
        assert str(refused.value) == "your role, editor, cannot change settings"
        with pg_db.session() as s:
            assert get_agreement(s, a.id).title == "Li's"
    finally:
        for db in (li, mei, bo):
            db.dispose()


def test_the_demo_on_postgres_activates_nothing_a_policy_covers(pg_db: Database) -> None:
    """The server names the approver, so the loader cannot record demo people's approvals:
    what a policy covers waits for approval instead of skipping it."""
    with pg_db.session() as s:
        load_demo(s, 120, today=date(2026, 12, 3))
    with pg_db.session() as s:
        active = s.scalars(select(Agreement).where(Agreement.status == AgreementStatus.ACTIVE))
        assert all(requirement(s, a, date(2026, 12, 3)) is None for a in active)
        waiting = s.scalars(
            select(Agreement).where(Agreement.status == AgreementStatus.PENDING_APPROVAL)
        ).all()
        assert any(requirement(s, a, date(2026, 12, 3)) is not None for a in waiting)
        assert s.scalar(select(func.count()).select_from(Approval)) == 0
