"""Reminders go to the agreement's owner by login: names may repeat or change."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from icalendar import Calendar
from sqlalchemy import update

from app.cli import main
from app.db import Database
from app.domain.models import Person
from app.domain.roles import Role
from app.services.agreements import agreement_id_for_reference, create_agreement
from app.services.milestones import MilestoneInput, add_milestone
from app.services.partners import PartnerInput, create_partner
from app.services.people import add_person, deactivate
from tests.conftest import TODAY, agreement_input
from tests.services.notifications.conftest import decision_in
from tests.services.notifications.servers import Mailbox, body


@dataclass(frozen=True)
class Namesakes:
    first: str  # li.wei's ("Li Wei")
    second: str  # li.wei2's (also "Li Wei"), with an overdue milestone of nobody's
    renamed: str  # chen.jing's, who is now "Chen Jing-Ma"; chen.j is "Chen Jing" now
    left: str  # zhao.lei's, who was deactivated; zhao.l is "Zhao Lei" too


@pytest.fixture
def namesakes(db: Database) -> Namesakes:
    with db.session() as s:
        for login, name in (("li.wei", "Li Wei"), ("li.wei2", "Li Wei"),
                            ("chen.jing", "Chen Jing"), ("zhao.lei", "Zhao Lei")):  # fmt: skip
            add_person(s, login, name, email=f"{login}@example.com", role=Role.EDITOR)
        p = create_partner(s, PartnerInput(legal_name="Maison Dupont", country="FR"))

        def make(owner: str, title: str, days: int) -> str:
            data = agreement_input(p.id, owner=owner, title=title, **decision_in(days))
            return create_agreement(s, data, actor="tester").reference

        first = make("li.wei", "First Li Wei's", 20)
        second = make("li.wei2", "Second Li Wei's", 21)
        renamed = make("chen.jing", "Chen Jing's", 22)
        left = make("zhao.lei", "Zhao Lei's", 23)
        overdue = MilestoneInput("Launch flagship store", TODAY - timedelta(days=3))
        add_milestone(s, agreement_id_for_reference(s, second), overdue)
        # Renamed in the register behind the agreements' back, and the old name reused.
        s.execute(update(Person).where(Person.login == "chen.jing").values(name="Chen Jing-Ma"))
        add_person(s, "chen.j", "Chen Jing", email="chen.j@example.com", role=Role.EDITOR)
        deactivate(s, "zhao.lei")
        add_person(s, "zhao.l", "Zhao Lei", email="zhao.l@example.com", role=Role.EDITOR)
    return Namesakes(first, second, renamed, left)


def test_each_of_two_namesakes_gets_their_own_and_no_one_else_s(
    db_path: Path, namesakes: Namesakes, mailbox: Mailbox, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["--db", str(db_path), "notify", "--as-of", str(TODAY)])
    out, err = capsys.readouterr()
    assert (code, err) == (0, ""), out

    [first] = mailbox.to("li.wei@example.com")
    text = body(first, "plain")
    assert namesakes.first in text and namesakes.second not in text
    [second] = mailbox.to("li.wei2@example.com")
    text = body(second, "plain")
    assert namesakes.second in text and namesakes.first not in text
    assert "Launch flagship store" in text  # the milestone of nobody's: its agreement's owner

    # The renamed owner is still the owner; the newcomer with the old name is told nothing.
    [renamed] = mailbox.to("chen.jing@example.com")
    assert namesakes.renamed in body(renamed, "plain")
    assert mailbox.to("chen.j@example.com") == []

    # A deactivated owner's agreement is nobody's to tell, not the namesake's.
    assert mailbox.to("zhao.l@example.com") == []
    assert "no one to tell about 1 item(s) owned by 'Zhao Lei'" in out


def test_the_calendar_of_one_owner_is_theirs_by_login(
    db_path: Path, namesakes: Namesakes, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def summaries(login: str) -> str:
        out = tmp_path / f"{login}.ics"
        assert main(["--db", str(db_path), "calendar", str(out), "--owner", login]) == 0
        cal = Calendar.from_ical(out.read_bytes())
        return " ".join(str(e["SUMMARY"]) for e in cal.walk("VEVENT"))

    second = summaries("li.wei2")
    assert namesakes.second in second and namesakes.first not in second
    assert namesakes.renamed in summaries("chen.jing")
    assert summaries("chen.j") == ""
    assert summaries("zhao.l") == ""
    capsys.readouterr()
