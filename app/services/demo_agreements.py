"""The demo's agreements drawn without a database: their rows, table by table, a chunk at a
time (``draw``). ``demo.load_demo`` reads what the drawing needs from the database first
(``Plan``) and writes the chunks; ``demo_worker`` draws them in another process while this
one writes, which gives the same rows, as the plan holds the random streams' states.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from itertools import accumulate
from typing import Any

from app.domain.enums import (
    AgreementStatus,
    AgreementType,
    Attainment,
    DocumentKind,
    KpiDirection,
    MilestoneStatus,
)
from app.domain.models import (
    AGREEMENT_CLASSES,
    Agreement,
    Approval,
    Attachment,
    KpiActual,
    KpiDefinition,
    Milestone,
)
from app.domain.roles import Role
from app.services.agreement_store import BASE_FIELDS, AgreementColumns
from app.services.approvals import Policies, Requirement, digest_of
from app.services.demo_data import (
    MILESTONES,
    OWNERS,
    TYPE_FOR_ROLE,
    TYPE_WEIGHTS,
    Generator,
    tiny_pdf,
)
from app.services.demo_random import choice, randint
from app.services.kpis import attainment, default_kpis
from app.services.owners import Owner
from app.services.validation import AgreementInput

# The rows of one chunk: (model, its columns) in the order they are written.
Tables = list[tuple[type[Any], dict[str, list[Any]]]]


@dataclass
class Plan:
    """Everything the drawing of the agreements needs, read from the database before:
    picklable, so that another process draws the same rows."""

    gen: Generator  # its random streams as they are after the partners were drawn
    agreements: int
    partners: list[dict[str, Any]]  # with their ids
    counters: dict[tuple[str, int], int]  # the last reference number per (prefix, year)
    policies: Policies  # with the rates of every currency drawn (read_rates)
    may_record: bool  # whether the approvals given are recorded (not on PostgreSQL)
    approvers: list[tuple[str, Role]]
    owners: dict[str, Owner]  # each of OWNERS as the register names them
    actor: str
    now: datetime
    next_id: int
    next_kpi_id: int
    chunk: int  # agreements a chunk


@dataclass
class Chunk:
    tables: Tables
    drawn: int  # agreements drawn up to the end of this chunk
    last: bool = False
    counters: dict[tuple[str, int], int] = field(default_factory=dict)  # the last chunk's


# Statuses an agreement reaches only through active: the policy's approvals were given.
_APPROVED = frozenset({AgreementStatus.ACTIVE, AgreementStatus.EXPIRED, AgreementStatus.RENEWED,
                       AgreementStatus.PENDING_APPROVAL})  # fmt: skip
_WITH_ACTUALS = frozenset({AgreementStatus.ACTIVE, AgreementStatus.EXPIRED,
                           AgreementStatus.RENEWED})  # fmt: skip
_ENDED = frozenset({AgreementStatus.EXPIRED, AgreementStatus.TERMINATED,
                    AgreementStatus.RENEWED})  # fmt: skip
_LIVE = frozenset({AgreementStatus.ACTIVE, AgreementStatus.PENDING_APPROVAL})
_CENT = Decimal("0.01")


def draw(plan: Plan) -> Iterator[Chunk]:
    """The agreements of ``plan`` with their terms, KPIs and actuals, milestones,
    documents, approvals and audit entries, every ``plan.chunk`` agreements; the last
    chunk carries the reference counters."""
    gen = plan.gen
    rng, today, now, actor = gen.rng, gen.today, plan.now, plan.actor
    partners, policies, may_record = plan.partners, plan.policies, plan.may_record
    counters = dict(plan.counters)
    by_type: dict[AgreementType, list[dict[str, Any]]] = {t: [] for t in AgreementType}
    for p in partners:
        by_type[TYPE_FOR_ROLE[p["_role"]]].append(p)
    owners = plan.owners
    out = _Rows(AgreementColumns(actor, now, plan.next_id, plan.next_kpi_id, owners.__getitem__))
    types = [t for t, _ in TYPE_WEIGHTS]
    # Cumulative weights once: choices() accumulates plain weights on every call, and
    # draws the same with either.
    cum_weights = list(accumulate(w for _, w in TYPE_WEIGHTS))
    last_month_end = today.replace(day=1) - timedelta(days=1)
    for i in range(plan.agreements):
        t = types[i % len(types)] if i < 10 else rng.choices(types, cum_weights=cum_weights)[0]
        partner = choice(rng, by_type[t] or partners)
        status, start, end, notice, signed = gen.status_and_dates(i)
        currency = partner["_currency"] if rng.random() < 0.7 else choice(rng, ["CNY", "USD"])
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
            owner=choice(rng, OWNERS),
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
                    factor = Decimal(randint(rng, 80, 112)) / 100
                    if spec.direction is KpiDirection.LOWER_IS_BETTER:
                        factor = Decimal(2) - factor
                    value_kpi = (spec.target * factor).quantize(_CENT)
                    actuals.append((index, period, value_kpi))
                    latest[index] = attainment(spec.target, value_kpi, spec.direction)
        aid, kpi_ids = out.new.add(
            data, terms, reference, kpis, latest=latest, summary=f"{reference} (demo data)"
        )
        if need is not None and may_record:
            out.approvals += _approvals(aid, i, need, data, plan.approvers, now)
        live = status in _LIVE
        for index, period, v in actuals:
            out.actual_kpi.append(kpi_ids[index])
            out.actual_period.append(period)
            out.actual_value.append(v)
            # Oldest first: the last one stays, with the red-list date it gives.
            red = live and latest[index] is Attainment.RED
            out.newest[kpi_ids[index]] = (period, v, period if red else None)
        # Ended agreements settled their obligations; live ones have a few slipping.
        ended = status in _ENDED
        for _ in range(randint(rng, 1, 3)):
            due = start + timedelta(days=randint(rng, 20, max(21, (end - start).days)))
            done = due < today and (ended or rng.random() < 0.85)
            out.milestone_agreement.append(aid)
            out.milestone_title.append(choice(rng, MILESTONES[t]))
            out.milestone_due.append(due)
            out.milestone_owner.append(choice(rng, OWNERS))
            out.milestone_done.append(done)
            out.milestone_live.append(live)
        if t in (AgreementType.BRAND, AgreementType.PAYMENT) and rng.random() < 0.04:
            out.attachments.append(_document(aid, t, reference, today, actor, now, rng))
        if len(out.new) >= plan.chunk:
            yield Chunk(out.tables(), i + 1)
    yield Chunk(out.tables(), plan.agreements, last=True, counters=counters)


def _periods(last_period: date) -> list[date]:
    """The month ends of a KPI's three latest actuals, oldest first: ``last_period`` and
    the ends of the two months before (each as "a month" of 31 days back, as it always
    was drawn)."""
    first = last_period.replace(day=1)
    return [(first - timedelta(days=31 * back)).replace(day=1) - timedelta(days=1)
            for back in (2, 1)] + [last_period]  # fmt: skip


_NEWEST = ("latest_period_end", "latest_value", "live_red_end")
_NO_ACTUALS: tuple[None, None, None] = (None, None, None)


class _Rows:
    """What the demo draws beside the agreements, gathered as columns, with the
    agreements gathered in ``new``; ``tables`` gives them all and forgets them."""

    def __init__(self, new: AgreementColumns) -> None:
        self.new = new
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
        self.milestone_live: list[bool] = []
        # Each KPI's newest actual: (period end, value, live red end), what the database
        # keeps of them (migrations 0015, 0021), drawn with the rows so that the bulk
        # load's rebuild (app.db.derived) finds them right and writes none of them again.
        self.newest: dict[int, tuple[date, Decimal, date | None]] = {}

    def tables(self) -> Tables:
        now = self.new.now
        out = self.new.tables()
        for model, columns in out:
            if model is KpiDefinition:
                kept = [self.newest.get(kpi_id, _NO_ACTUALS) for kpi_id in columns["id"]]
                for name, values in zip(_NEWEST, zip(*kept, strict=True), strict=True):
                    columns[name] = list(values)
        out.append((Approval, _columns(self.approvals)))
        n = len(self.actual_kpi)
        out.append((KpiActual, {
            "kpi_id": self.actual_kpi, "period_end": self.actual_period,
            "value": self.actual_value, "note": [""] * n, "recorded_at": [now] * n,
        }))  # fmt: skip
        m = len(self.milestone_agreement)
        done = self.milestone_done
        out.append((Milestone, {
            "agreement_id": self.milestone_agreement, "title": self.milestone_title,
            "due_date": self.milestone_due, "owner": self.milestone_owner,
            "status": [MilestoneStatus.DONE if d else MilestoneStatus.OPEN for d in done],
            "amount": [None] * m, "currency": [None] * m,
            "completed_on": [due if d else None for due, d in zip(self.milestone_due, done,
                                                                  strict=True)],
            "agreement_live": self.milestone_live,
        }))  # fmt: skip
        out.append((Attachment, _columns(self.attachments)))
        self._clear()
        return out


def _columns(rows: list[dict[str, Any]]) -> dict[str, list[Any]]:
    """Rows (dicts with the same keys) as a column each."""
    if not rows:
        return {}
    return {name: [row[name] for row in rows] for name in rows[0]}


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
        "expires_on": today + timedelta(days=randint(rng, -10, 120)),
        "uploaded_at": now, "uploaded_by": actor, "content": content,
    }  # fmt: skip


def _approvals(
    agreement_id: int,
    i: int,
    need: Requirement,
    data: AgreementInput,
    approvers: list[tuple[str, Role]],
    now: datetime,
) -> list[dict[str, Any]]:
    """The approvals a demo agreement had to have: by different demo approvers (an admin
    first when the policy asks for one), on its terms as stored (their digest is
    ``with_digests``'). An agreement still waiting has one of them every other time."""
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
         "comment": "Terms checked against the policy (demo)", "terms_digest": "",
         "at": datetime.combine(day - timedelta(days=n + 1), time(10), tzinfo=UTC)}
        for n, (login, _role) in enumerate(chosen[:count])
    ]  # fmt: skip


def with_digests(tables: Tables) -> Tables:
    """``tables`` with each approval's digest of its agreement's terms as stored, worked
    out from the agreement's and terms' rows beside it (``approvals.digest_of`` of what
    ``stored_values`` gives). Done by the writing process: the drawing one has more to do."""
    columns_of = dict(tables)
    approvals = columns_of.get(Approval)
    if not approvals:
        return tables
    agreements = columns_of[Agreement]
    row_of = {aid: n for n, aid in enumerate(agreements["id"])}
    terms_of: dict[int, tuple[dict[str, list[Any]], int]] = {}
    for cls in AGREEMENT_CLASSES.values():
        terms = columns_of.get(cls)
        for k, aid in enumerate(terms["id"] if terms else ()):
            terms_of[aid] = (terms, k)  # type: ignore[assignment]
    digests: dict[int, str] = {}
    for aid in approvals["agreement_id"]:
        if aid in digests:
            continue
        n = row_of[aid]
        values = {name: agreements[name][n] for name in BASE_FIELDS}
        terms, k = terms_of[aid]
        values.update((name, column[k]) for name, column in terms.items() if name != "id")
        digests[aid] = digest_of(AgreementType(agreements["type"][n]), values)
    approvals["terms_digest"] = list(map(digests.__getitem__, approvals["agreement_id"]))
    return tables
