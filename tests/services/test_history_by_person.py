"""History by person: every change to an agreement named by who made it."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy.orm import Session

from app.domain.roles import Role
from app.services.agreements import create_agreement, update_agreement
from app.services.audit import agreement_history
from app.services.partners import PartnerView
from app.services.people import add_person
from tests.conftest import agreement_input


def test_history_names_the_person_who_made_each_change(
    session: Session, partner: PartnerView
) -> None:
    add_person(session, "wang.fang", "Wang Fang", name_local="王芳", role=Role.EDITOR)
    a = create_agreement(session, agreement_input(partner.id), actor="wang.fang")
    update_agreement(session, a.id, replace(a.to_input(), title="Renamed"), a.version,
                     actor="ghost")  # fmt: skip
    entries = agreement_history(session, a.id)
    assert [(e.who, e.field) for e in entries] == [
        ("ghost", "title"),  # not in the register: the login itself
        ("Wang Fang (王芳)", ""),
    ]
    assert entries[0].old_value == a.title and entries[0].new_value == "Renamed"
