"""A desk with something due for each of three people, and the servers they are told by."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from app.db import Database
from app.domain.enums import AgreementStatus, DocumentKind, KpiDirection
from app.domain.roles import Role
from app.services.agreements import AgreementView, create_agreement
from app.services.attachments import add_attachment
from app.services.kpis import KpiSpec, add_kpi, record_actual
from app.services.milestones import MilestoneInput, add_milestone
from app.services.notifications import config
from app.services.notifications.recipients import set_language
from app.services.partners import PartnerInput, create_partner
from app.services.people import add_person
from tests.conftest import TODAY, agreement_input
from tests.services.notifications.servers import Mailbox, Receiver, start_smtp

LI = "li.wei@example.com"
ZHANG = "zhang.min@example.com"
WANG = "wang.fang@example.com"


@dataclass(frozen=True)
class Desk:
    path: Path
    decision_ref: str  # Li Wei's: decision 20 days after TODAY
    overdue_ref: str  # Zhang Min's: decision 6 days before TODAY
    document_ref: str  # Li Wei's: a brand authorisation expiring in 5 days, a milestone overdue
    kpi_ref: str  # Zhang Min's: on-time delivery in red
    pending_ref: str  # waiting for approval; written by the tester


def decision_in(days: int, notice: int = 90) -> dict[str, object]:
    """An active agreement whose decision date is ``days`` after TODAY."""
    end = TODAY + timedelta(days=days + notice)
    return {"status": AgreementStatus.ACTIVE, "signed_date": date(2025, 12, 1),
            "start_date": date(2026, 1, 1), "end_date": end, "notice_days": notice}  # fmt: skip


def settle(db: Database, **values: str) -> None:
    with db.session() as s:
        for name, value in values.items():
            config.save(s, name.replace("__", ".").replace("_dot_", "."), value)


@pytest.fixture
def desk(db: Database, db_path: Path) -> Desk:
    return build_desk(db, db_path)


def build_desk(db: Database, path: Path) -> Desk:
    """Three people of team Brand, and something due for each of them on TODAY."""
    with db.session() as s:
        add_person(s, "li.wei", "Li Wei", email=LI, team="Brand", role=Role.EDITOR)
        add_person(s, "zhang.min", "Zhang Min", name_local="张敏", email=ZHANG, team="Brand",
                   role=Role.EDITOR)  # fmt: skip
        add_person(s, "wang.fang", "Wang Fang", name_local="王芳", email=WANG, team="Brand",
                   role=Role.APPROVER)  # fmt: skip
        set_language(s, "zhang.min", "zh")
        p = create_partner(s, PartnerInput(legal_name="A&B <Trading> Co., Ltd.",
                                           local_name="爱彼贸易有限公司", country="FR"),
                           actor="tester")  # fmt: skip

        def make(**changes: object) -> AgreementView:
            return create_agreement(s, agreement_input(p.id, **changes), actor="tester")

        decision = make(title="Lumière skincare", owner="Li Wei", auto_renew=True,
                        renewal_term_months=12, **decision_in(20))  # fmt: skip
        # Zhang Min is named as her Chinese name on this one: the register knows both.
        overdue = make(title="Bonded warehouse Ningbo", owner="张敏", **decision_in(-6))
        document = make(title="Maison Dupont perfumes", owner="Li Wei", **decision_in(200))
        add_attachment(s, document.id, "authorisation.pdf", b"%PDF-1.4",
                       kind=DocumentKind.BRAND_AUTHORISATION,
                       expires_on=TODAY + timedelta(days=5))  # fmt: skip
        add_milestone(s, document.id, MilestoneInput("Launch flagship store",
                                                     TODAY - timedelta(days=3)))  # fmt: skip
        kpi = make(title="Cross-border parcels", owner="Zhang Min", **decision_in(300))
        spec = KpiSpec("On-time delivery", "%", Decimal("98"), KpiDirection.HIGHER_IS_BETTER)
        k = add_kpi(s, kpi.id, spec)
        record_actual(s, k.id, date(2026, 10, 31), Decimal("71.5"))
        waits = {**decision_in(400), "status": AgreementStatus.PENDING_APPROVAL}
        pending = make(title="Tmall flagship", owner="Zhang Min", **waits)
    settle(db, **{"notify.team_leads": "Brand=wang.fang"})
    return Desk(path, decision.reference, overdue.reference, document.reference,
                kpi.reference, pending.reference)  # fmt: skip


@pytest.fixture
def mailbox(db: Database) -> Iterator[Mailbox]:
    box = Mailbox()
    controller = start_smtp(box)
    settle(db, **{"notify.smtp.host": "127.0.0.1", "notify.smtp.port": str(controller.port),
                  "notify.smtp.security": "none",
                  "notify.smtp.from": "PartnerDesk <pd@example.com>"})  # fmt: skip
    try:
        yield box
    finally:
        controller.stop()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with Receiver() as r:
        yield r
