"""Deterministic, realistic demo data, loaded in bulk.

Same seed and same ``today`` give the same database. 100,000 agreements load in well under a
minute because rows go in as Core ``executemany`` batches, not one ORM object at a time.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from itertools import accumulate
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.bulk import bulk_load, insert_columns, insert_rows
from app.domain.enums import (
    AgreementStatus,
    AgreementType,
    Attainment,
    DocumentKind,
    KpiDirection,
    MilestoneStatus,
)
from app.domain.logins import login_for
from app.domain.models import (
    AGREEMENT_CLASSES,
    Agreement,
    Approval,
    ApprovalPolicy,
    Attachment,
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
from app.services.agreement_store import NewAgreements, stored_values
from app.services.approvals import Policies, Requirement, digest_of, set_policy
from app.services.demo_data import (
    DEMO_APPROVERS,
    DEMO_POLICIES,
    DEMO_TEAMS,
    FX,
    MILESTONES,
    OWNERS,
    TYPE_FOR_ROLE,
    TYPE_WEIGHTS,
    Generator,
    ascii_name,
    tiny_pdf,
)
from app.services.kpis import attainment, default_kpis
from app.services.validation import AgreementInput

BATCH = 5000  # progress is told every BATCH agreements
CHUNK = 50_000  # agreements drawn before they are written


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

    by_type: dict[AgreementType, list[dict[str, Any]]] = {t: [] for t in AgreementType}
    for p in partners:
        by_type[TYPE_FOR_ROLE[p["_role"]]].append(p)
    counters: dict[tuple[str, int], int] = {
        (s.prefix, s.year): s.last for s in session.scalars(select(ReferenceSequence))
    }
    # The agreements, their terms, KPIs and audit entries go in as the editor would store
    # them (agreement_store); the demo adds actuals, milestones and documents beside them.
    # They are written every CHUNK agreements, so that a million never sit in memory at
    # once; each table still gets its rows in the order they were drawn (the same ids).
    out = _Rows(NewAgreements(session, actor, now), now)
    types = [t for t, _ in TYPE_WEIGHTS]
    # Cumulative weights once: choices() accumulates plain weights on every call, and
    # draws the same with either.
    cum_weights = list(accumulate(w for _, w in TYPE_WEIGHTS))
    last_month_end = today.replace(day=1) - timedelta(days=1)
    with _loading(session, first_agreement=out.new.next_id):
        for i in range(agreements):
            t = types[i % len(types)] if i < 10 else rng.choices(types, cum_weights=cum_weights)[0]
            partner = rng.choice(by_type[t] or partners)
            status, start, end, notice, signed = gen.status_and_dates(i)
            currency = partner["_currency"] if rng.random() < 0.7 else rng.choice(["CNY", "USD"])
            value = gen.value(t, currency)
            need = policies.requirement(t, value, currency) if status in _APPROVED else None
            if need is not None and not may_record and status is AgreementStatus.ACTIVE:
                status = AgreementStatus.PENDING_APPROVAL
            terms = gen.terms(t, partner, value, start)
            key = (t.prefix, start.year)
            counters[key] = counters.get(key, 0) + 1
            reference = f"{t.prefix}-{start.year}-{counters[key]:04d}"
            auto = rng.random() < 0.3
            data = AgreementInput(
                title=gen.title(t, partner, start, terms),
                type=t,
                partner_id=partner["id"],
                status=status,
                currency=currency,
                value=value,
                start_date=start,
                end_date=end,
                reference=reference,
                owner=rng.choice(OWNERS),
                signed_date=signed,
                auto_renew=auto,
                renewal_term_months=12 if auto else None,
                notice_days=notice,
                governing_law="PRC law" if rng.random() < 0.6 else "Hong Kong law",
                territories=("Mainland China",)
                if rng.random() < 0.8
                else ("Mainland China", "Hong Kong SAR", "Macao SAR"),
                terms=terms,
            )
            kpis = default_kpis(t, terms)
            latest: list[Attainment | None] = [None] * len(kpis)
            actuals: list[tuple[int, date, Decimal]] = []  # (which KPI, period end, value)
            if status in _WITH_ACTUALS:
                periods = [p for p in _periods(min(end, last_month_end)) if p >= start]
                for index, spec in enumerate(kpis):
                    for period in periods:
                        factor = Decimal(rng.randint(80, 112)) / 100
                        if spec.direction is KpiDirection.LOWER_IS_BETTER:
                            factor = Decimal(2) - factor
                        value_kpi = (spec.target * factor).quantize(_CENT)
                        actuals.append((index, period, value_kpi))
                        latest[index] = attainment(spec.target, value_kpi, spec.direction)
            aid, kpi_ids = out.new.add(
                data, terms, reference, kpis, latest=latest, summary=f"{reference} (demo data)"
            )
            if need is not None and may_record:
                out.approvals += _approvals(aid, i, need, data, terms, approvers, now)
            for index, period, v in actuals:
                out.actual_kpi.append(kpi_ids[index])
                out.actual_period.append(period)
                out.actual_value.append(v)
            # Ended agreements settled their obligations; live ones have a few slipping.
            ended = status in _ENDED
            for _ in range(rng.randint(1, 3)):
                due = start + timedelta(days=rng.randint(20, max(21, (end - start).days)))
                done = due < today and (ended or rng.random() < 0.85)
                out.milestone_agreement.append(aid)
                out.milestone_title.append(rng.choice(MILESTONES[t]))
                out.milestone_due.append(due)
                out.milestone_owner.append(rng.choice(OWNERS))
                out.milestone_done.append(done)
            if t in (AgreementType.BRAND, AgreementType.PAYMENT) and rng.random() < 0.04:
                out.attachments.append(_document(aid, t, reference, today, actor, now, rng))
            if progress is not None and i % BATCH == 0 and not progress(i, agreements):
                raise InterruptedError("demo data cancelled")
            if len(out.new) >= CHUNK:
                out.write()
        out.write()
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
    return DemoResult(len(partners), agreements, out.actuals_written, out.milestones_written)


# Statuses an agreement reaches only through active: the policy's approvals were given.
_APPROVED = frozenset({AgreementStatus.ACTIVE, AgreementStatus.EXPIRED, AgreementStatus.RENEWED,
                       AgreementStatus.PENDING_APPROVAL})  # fmt: skip
_WITH_ACTUALS = frozenset({AgreementStatus.ACTIVE, AgreementStatus.EXPIRED,
                           AgreementStatus.RENEWED})  # fmt: skip
_ENDED = frozenset({AgreementStatus.EXPIRED, AgreementStatus.TERMINATED,
                    AgreementStatus.RENEWED})  # fmt: skip
_CENT = Decimal("0.01")
# The tables a demo load fills: loaded with their indexes built after (bulk_load) when the
# database holds no agreements yet.
_LOADED = ("agreements", *(cls.__tablename__ for cls in AGREEMENT_CLASSES.values()),
           "kpi_definitions", "kpi_actuals", "milestones", "attachments", "approvals")  # fmt: skip


def _periods(last_period: date) -> list[date]:
    """The month ends of a KPI's three latest actuals, oldest first: ``last_period`` and
    the ends of the two months before (each as "a month" of 31 days back, as it always
    was drawn)."""
    first = last_period.replace(day=1)
    return [(first - timedelta(days=31 * back)).replace(day=1) - timedelta(days=1)
            for back in (2, 1)] + [last_period]  # fmt: skip


@contextmanager
def _loading(session: Session, first_agreement: int) -> Iterator[None]:
    """Into a database without agreements, the rows go in with the indexes built after;
    beside existing ones (a second demo seed) index by index, as any insert."""
    if first_agreement > 1 or session.scalar(select(Agreement.id).limit(1)) is not None:
        yield
        return
    with bulk_load(session, _LOADED):
        yield


class _Rows:
    """What the demo draws beside the agreements, gathered as columns and written, with
    the agreements gathered in ``new``, every CHUNK agreements."""

    def __init__(self, new: NewAgreements, now: datetime) -> None:
        self.new, self.now = new, now
        self.actuals_written = self.milestones_written = 0
        self._clear()

    def _clear(self) -> None:
        self.approvals: list[dict[str, Any]] = []
        self.attachments: list[dict[str, Any]] = []
        self.actual_kpi: list[int] = []
        self.actual_period: list[date] = []
        self.actual_value: list[Decimal] = []
        self.milestone_agreement: list[int] = []
        self.milestone_title: list[str] = []
        self.milestone_due: list[date] = []
        self.milestone_owner: list[str] = []
        self.milestone_done: list[bool] = []

    def write(self) -> None:
        session, now = self.new.session, self.now
        self.new.insert()
        insert_rows(session, Approval, self.approvals)
        n = len(self.actual_kpi)
        insert_columns(session, KpiActual, {
            "kpi_id": self.actual_kpi, "period_end": self.actual_period,
            "value": self.actual_value, "note": [""] * n, "recorded_at": [now] * n,
        })  # fmt: skip
        m = len(self.milestone_agreement)
        done = self.milestone_done
        insert_columns(session, Milestone, {
            "agreement_id": self.milestone_agreement, "title": self.milestone_title,
            "due_date": self.milestone_due, "owner": self.milestone_owner,
            "status": [MilestoneStatus.DONE if d else MilestoneStatus.OPEN for d in done],
            "amount": [None] * m, "currency": [None] * m,
            "completed_on": [due if d else None for due, d in zip(self.milestone_due, done,
                                                                  strict=True)],
        })  # fmt: skip
        insert_rows(session, Attachment, self.attachments)
        self.actuals_written += n
        self.milestones_written += m
        self._clear()


def _document(
    aid: int,
    t: AgreementType,
    reference: str,
    today: date,
    actor: str,
    now: datetime,
    rng: random.Random,
) -> dict[str, Any]:
    """An expiring licence or authorisation letter, as a small PDF."""
    kind = DocumentKind.BRAND_AUTHORISATION if t is AgreementType.BRAND \
        else DocumentKind.PAYMENT_LICENCE  # fmt: skip
    content = tiny_pdf(f"{kind.value.replace('_', ' ').title()} - {reference}")
    return {
        "agreement_id": aid, "filename": f"{kind.value}-{reference}.pdf",
        "mime_type": "application/pdf", "size": len(content),
        "sha256": hashlib.sha256(content).hexdigest(), "kind": kind,
        "expires_on": today + timedelta(days=rng.randint(-10, 120)),
        "uploaded_at": now, "uploaded_by": actor, "content": content,
    }  # fmt: skip


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


def _approvals(
    agreement_id: int,
    i: int,
    need: Requirement,
    data: AgreementInput,
    terms: dict[str, Any],
    approvers: list[tuple[str, Role]],
    now: datetime,
) -> list[dict[str, Any]]:
    """The approvals a demo agreement had to have: by different demo approvers (an admin
    first when the policy asks for one), on its terms as stored. An agreement still
    waiting has one of them every other time."""
    digest = digest_of(AgreementType(data.type), stored_values(data, terms))
    admins = [a for a in approvers if a[1] is Role.ADMIN]
    others = [a for a in approvers if a[1] is not Role.ADMIN]
    rotated = others[i % len(others) :] + others[: i % len(others)]
    chosen = (admins[:1] if need.admin_required else []) + rotated
    count = need.approvals
    if data.status is AgreementStatus.PENDING_APPROVAL:
        count = i % 2
    day = data.signed_date or now.date()
    return [
        {"agreement_id": agreement_id, "login": login, "approved": True,
         "comment": "Terms checked against the policy (demo)", "terms_digest": digest,
         "at": datetime.combine(day - timedelta(days=n + 1), time(10), tzinfo=UTC)}
        for n, (login, _role) in enumerate(chosen[:count])
    ]  # fmt: skip


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
