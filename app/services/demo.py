"""Deterministic, realistic demo data, loaded in bulk.

Same seed and same ``today`` give the same database. Rows go in as columns through the
driver (``bulk``), into tables whose indexes are built after (``bulk_load``); the
agreements are drawn a chunk at a time (``demo_agreements``), on a second core from
20,000 of them (``demo_worker``) while this process writes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.bulk import bulk_load, insert_columns, insert_rows
from app.domain.logins import login_for
from app.domain.models import (
    AGREEMENT_CLASSES,
    Agreement,
    ApprovalPolicy,
    Contact,
    FxRate,
    KpiActual,
    Milestone,
    Partner,
    PartnerRoleLink,
    Person,
    ReferenceSequence,
)
from app.domain.roles import OWNER_ROLE, Role
from app.domain.types import utcnow
from app.services.agreement_store import NewAgreements
from app.services.approvals import Policies, set_policy
from app.services.demo_agreements import Plan, Tables, with_digests
from app.services.demo_data import (
    COUNTRIES,
    DEMO_APPROVERS,
    DEMO_POLICIES,
    DEMO_TEAMS,
    FX,
    OWNERS,
    Generator,
    ascii_name,
)
from app.services.demo_worker import chunks

CHUNK = 10_000  # agreements drawn before they are written (and progress is told)


# (country, currency, English stem, Chinese stem) — fictional companies, real places.
@dataclass(frozen=True, slots=True)
class DemoResult:
    partners: int
    agreements: int
    kpi_actuals: int
    milestones: int


Progress = Callable[[int, int], bool]  # (done, total) -> keep going?


def load_demo(
    session: Session,
    agreements: int = 300,
    seed: int = 7,
    *,
    today: date | None = None,
    actor: str = "demo",
    progress: Progress | None = None,
) -> DemoResult:
    """Add ``agreements`` demo agreements (and their partners) in the caller's transaction."""
    if agreements < 0:
        raise ValueError("the number of agreements must not be negative")
    today = today or date.today()
    gen = Generator(seed, today)
    rng = gen.rng
    now = utcnow()
    partner_count = 0 if agreements == 0 else max(10, min(agreements // 20 + 10, 8000))
    first_partner = (session.scalar(select(func.max(Partner.id))) or 0) + 1
    existing = {tuple(r) for r in session.execute(select(Partner.legal_name, Partner.country))}

    partners = gen.partners(partner_count)
    partner_rows, role_rows, contact_rows = [], [], []
    for offset, p in enumerate(partners):
        pid = first_partner + offset
        p["id"] = pid
        if (p["legal_name"], p["country"]) in existing:
            p["legal_name"] = f"{p['legal_name']} #{seed}-{pid}"
        partner_rows.append(
            {k: v for k, v in p.items() if not k.startswith("_")}
            | {"version": 1, "created_at": now, "updated_at": now}
        )
        role_rows += [{"partner_id": pid, "role": r} for r in sorted(p["_roles"])]
        person = rng.choice(
            [
                "Anna Müller",
                "James Smith",
                "Sato Haruka",
                "Park Min-jun",
                "Chloé Martin",
                "Wang Xiaoming",
                "Lucas Rossi",
            ]
        )
        contact_rows.append(
            {
                "partner_id": pid,
                "name": person,
                "role": "Key account manager",
                "email": f"{ascii_name(person.split()[0]).lower()}.{pid}@partner.example",
                "phone": f"+{rng.randint(1, 99)} {rng.randint(100, 999)} {rng.randint(1000, 9999)}",
            }
        )
    insert_rows(session, Partner, partner_rows)
    insert_rows(session, PartnerRoleLink, role_rows)
    insert_rows(session, Contact, contact_rows)

    # People and a policy only with agreements: "demo --agreements 0" makes a schema.
    approvers = _demo_people(session) if agreements else []
    if agreements:
        _demo_policies(session)
    _load_fx(session, today)  # before the agreements: the policies read values in CNY
    policies = Policies(session, today)
    # On PostgreSQL the server names the approver (session_user), so a loader cannot
    # record demo people's approvals: an agreement a policy covers waits for them instead.
    may_record = session.get_bind().dialect.name != "postgresql"

    counters: dict[tuple[str, int], int] = {
        (s.prefix, s.year): s.last for s in session.scalars(select(ReferenceSequence))
    }
    # The agreements, their terms, KPIs and audit entries go in as the editor would store
    # them (agreement_store); the demo adds actuals, milestones and documents beside them.
    # They are drawn a CHUNK at a time (on a second core from WORKER_MIN_AGREEMENTS:
    # demo_worker) and written as they come, so that a million never sit in memory at
    # once; each table still gets its rows in the order they were drawn (the same ids).
    new = NewAgreements(session, actor, now)
    policies.read_rates({c for _, c, _, _ in COUNTRIES} | {"CNY", "USD"})
    plan = Plan(
        gen=gen, agreements=agreements, partners=partners, counters=counters,
        policies=policies, may_record=may_record, approvers=approvers,
        owners={name: new.owners.resolve(name) for name in OWNERS} if agreements else {},
        actor=actor, now=now, next_id=new.next_id, next_kpi_id=new.next_kpi_id, chunk=CHUNK,
    )  # fmt: skip
    actuals = milestones = 0
    with _loading(session, first_agreement=new.next_id):
        for chunk in chunks(plan):
            for model, columns in with_digests(chunk.tables):
                insert_columns(session, model, columns)
            actuals += len(_any_column(chunk.tables, KpiActual))
            milestones += len(_any_column(chunk.tables, Milestone))
            if chunk.last:
                counters = chunk.counters
            elif progress is not None and not progress(chunk.drawn, agreements):
                raise InterruptedError("demo data cancelled")
    for (prefix, year), last in counters.items():
        seq = session.get(ReferenceSequence, (prefix, year))
        if seq is None:
            session.add(ReferenceSequence(prefix=prefix, year=year, last=last))
        else:
            seq.last = last
    session.flush()
    # A few sellers under the platform-model brand agreements just added (#14.1).
    from app.services.sellers.demo import load_demo_sellers

    load_demo_sellers(session, today, seed, actor)
    if progress is not None:
        progress(agreements, agreements)
    return DemoResult(len(partners), agreements, actuals, milestones)


# The tables a demo load fills: loaded with their indexes built after (bulk_load) when the
# database holds no agreements yet.
_LOADED = ("agreements", *(cls.__tablename__ for cls in AGREEMENT_CLASSES.values()),
           "kpi_definitions", "kpi_actuals", "milestones", "attachments", "approvals")  # fmt: skip


@contextmanager
def _loading(session: Session, first_agreement: int) -> Iterator[None]:
    """Into a database without agreements, the rows go in with the indexes built after;
    beside existing ones (a second demo seed) index by index, as any insert."""
    if first_agreement > 1 or session.scalar(select(Agreement.id).limit(1)) is not None:
        yield
        return
    with bulk_load(session, _LOADED):
        yield


def _demo_people(session: Session) -> list[tuple[str, Role]]:
    """The demo's owners and approvers in the register (those not there yet); returns the
    approvers' logins and roles, admins first."""
    taken = set(session.scalars(select(Person.login)))
    names = {p.name: p.login for p in session.scalars(select(Person))}
    rows = []
    for n, name in enumerate(OWNERS):
        if name in names:
            continue
        names[name] = login = login_for(name, taken)
        rows.append({"login": login, "name": name, "name_local": None,
                     "email": f"{login}@example.com", "team": DEMO_TEAMS[n % 2],
                     "role": Role(DEMO_APPROVERS.get(name, OWNER_ROLE.value)), "active": True,
                     "created_at": utcnow()})  # fmt: skip
    insert_rows(session, Person, rows)
    approvers = [(names[name], Role(role)) for name, role in DEMO_APPROVERS.items()]
    return sorted(approvers, key=lambda a: a[1] is not Role.ADMIN)


def _demo_policies(session: Session) -> None:
    if session.scalar(select(ApprovalPolicy.id).limit(1)) is not None:
        return  # the database's own policies stand
    for agreement_type, min_value, count, admin in DEMO_POLICIES:
        set_policy(session, agreement_type, Decimal(min_value), count, admin_required=admin)


def _any_column(tables: Tables, model: type[Any]) -> list[Any]:
    """One column of ``model``'s rows in ``tables`` (its length is their number)."""
    for table, columns in tables:
        if table is model:
            return next(iter(columns.values()), [])
    return []


def _load_fx(session: Session, today: date) -> None:
    have = {(r.currency, r.effective_date) for r in session.scalars(select(FxRate))}
    rows = []
    # A rate each month, as a team that keeps its rates up to date has: a report of any
    # month-end of the last two years then uses no rate older than the stale age.
    for months_back in range(0, 24):
        year, month = divmod(today.year * 12 + today.month - 1 - months_back, 12)
        day = date(year, month + 1, 1)
        drift = Decimal(1) + Decimal(months_back - 12) / 1000
        for currency, rate in FX.items():
            if (currency, day) not in have:
                rows.append(
                    {
                        "currency": currency,
                        "base": "CNY",
                        "effective_date": day,
                        "rate": (Decimal(rate) * drift).quantize(Decimal("0.000001")),
                        # Made-up rates: they never pass for a bank's published ones.
                        "source": "demo",
                    }
                )
    if rows:
        insert_rows(session, FxRate, rows)
