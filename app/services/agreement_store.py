"""How an agreement's values are stored: the one write path for agreements.

``stored_values`` turns an ``AgreementInput`` (and its typed terms) into the values of the
agreements table and of the type's terms table, exactly as they are stored: texts
stripped, blank territories dropped, the decision date derived, every amount at the
scale of its column. Everything that writes an agreement goes through it:

- one agreement through the ORM (``apply``, ``new_agreement``): the editor, renewal,
  undo and restore (``agreements``, ``editing``);
- many new agreements a column at a time (``NewAgreements``): the importer and the demo
  loader, with the same default KPIs and the same audit entry as ``create_agreement``.

Because the values are normalised before they are set, what an ORM object holds after a
save is what the database holds: an audit trail that compares before and after sees only
real changes (``5.0000`` and ``5`` are one commission rate), and an import can tell an
unchanged row by plain equality.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta
from decimal import Decimal
from enum import Enum
from operator import attrgetter, itemgetter
from typing import Any, TypeVar, cast

from sqlalchemy import Table, func, select
from sqlalchemy.orm import Session

from app.db.bulk import insert_columns
from app.domain.enums import AgreementStatus, AgreementType, Attainment, AuditAction
from app.domain.models import AGREEMENT_CLASSES, Agreement, AuditEntry, KpiDefinition
from app.domain.terms import TERMS
from app.domain.types import ScaledDecimal, utcnow
from app.services.kpis import KpiSpec
from app.services.owners import Owner, Owners
from app.services.validation import AgreementInput

ENTITY = "agreement"
E = TypeVar("E", bound=Enum)

# The agreements-table columns a person's input decides (the reference aside: generated
# or kept, it is the caller's), in the order the audit trail lists changes.
BASE_FIELDS = (
    "title", "partner_id", "owner", "status", "signed_date", "start_date", "end_date",
    "auto_renew", "renewal_term_months", "notice_days", "decision_date", "value",
    "currency", "governing_law", "territories", "description",
)  # fmt: skip


def _quanta(cls: type[Agreement]) -> dict[str, Decimal]:
    """Each scaled-decimal column of ``cls``'s own table -> one unit of its last place."""
    table = cls.__table__
    assert isinstance(table, Table)
    return {column.name: Decimal(1).scaleb(-column.type.scale) for column in table.columns
            if isinstance(column.type, ScaledDecimal)}  # fmt: skip


_VALUE = _quanta(Agreement)["value"]
_TERM_QUANTA = {t: _quanta(cls) for t, cls in AGREEMENT_CLASSES.items()}


def decision_date(end_date: date, notice_days: int) -> date:
    """The last day to renew or cancel: the end date less the notice period."""
    return end_date - timedelta(days=notice_days)


def stored_terms(agreement_type: AgreementType, typed: Mapping[str, Any]) -> dict[str, Any]:
    """Typed terms (``check_agreement``'s) as the terms table stores them: each amount at
    its column's scale, as the database will hold it (Decimal("5") is stored and read back
    as 5.0000, and a comparison of texts would call that a change)."""
    terms = dict(typed)
    for name, quantum in _TERM_QUANTA[agreement_type].items():
        value = terms.get(name)
        if value.__class__ is Decimal:
            terms[name] = value.quantize(quantum)
    return terms


def _member(enum: type[E], value: Any) -> E:
    # The member as it usually comes, without the Enum call: an import stores 100,000.
    return value if value.__class__ is enum else enum(value)


def _status(value: Any) -> AgreementStatus:
    return _member(AgreementStatus, value)


def _money(value: Decimal) -> Decimal:
    return value.quantize(_VALUE)


def _listed(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(filter(None, map(str.strip, items)))


# How each field of the input is stored (None: as given); the decision date is derived.
_AS_STORED: dict[str, Callable[[Any], Any] | None] = {
    "title": str.strip, "partner_id": None, "owner": str.strip, "status": _status,
    "signed_date": None, "start_date": None, "end_date": None, "auto_renew": None,
    "renewal_term_months": None, "notice_days": None, "value": _money, "currency": None,
    "governing_law": str.strip, "territories": _listed, "description": None,
}  # fmt: skip


def stored_values(data: AgreementInput, typed: Mapping[str, Any]) -> dict[str, Any]:
    """The agreements-table values of ``BASE_FIELDS`` and the type's terms, as stored."""
    values = {name: getattr(data, name) if store is None else store(getattr(data, name))
              for name, store in _AS_STORED.items()}  # fmt: skip
    values["decision_date"] = decision_date(data.end_date, data.notice_days)
    values.update(stored_terms(_member(AgreementType, data.type), typed))
    return values


def stored_columns(given: Mapping[str, Sequence[Any]]) -> dict[str, list[Any]]:
    """``stored_values`` of many inputs without their terms, from their fields as columns
    (``given_columns``): the same normalisation a column at a time (``map`` runs the loop
    in C; an import stores 100,000 rows)."""
    columns: dict[str, list[Any]] = {}
    for name, store in _AS_STORED.items():
        values = given[name]
        columns[name] = list(values) if store is None else list(map(store, values))
    columns["decision_date"] = list(map(decision_date, columns["end_date"],
                                        columns["notice_days"]))  # fmt: skip
    return columns


# The fields of an input that the agreements table stores (through _AS_STORED), and its type.
GIVEN_FIELDS = (*_AS_STORED, "type")


def given_columns(inputs: Sequence[AgreementInput]) -> dict[str, list[Any]]:
    """The ``GIVEN_FIELDS`` of ``inputs``, a column each, as the inputs hold them."""
    return {name: list(map(attrgetter(name), inputs)) for name in GIVEN_FIELDS}


def stored_term_columns(
    agreement_type: AgreementType, typed: Sequence[Mapping[str, Any]]
) -> dict[str, list[Any]]:
    """``stored_terms`` of many agreements of one type, as the columns of its table."""
    quanta = _TERM_QUANTA[agreement_type]
    columns: dict[str, list[Any]] = {}
    for spec in TERMS[agreement_type]:
        column = list(map(itemgetter(spec.name), typed))
        quantum = quanta.get(spec.name)
        if quantum is not None:
            column = [v.quantize(quantum) if v.__class__ is Decimal else v for v in column]
        columns[spec.name] = column
    return columns


# --- one agreement, through the ORM ---------------------------------------------------


def apply(a: Agreement, data: AgreementInput, typed: Mapping[str, Any], owners: Owners) -> None:
    """Set ``a``'s values from ``data`` (the reference is the caller's); the owner is the
    person ``data.owner`` names (``owners.resolve``)."""
    owner = owners.resolve(data.owner, a.owner_login)
    for name, value in stored_values(data, typed).items():
        setattr(a, name, value)
    a.owner, a.owner_login = owner.name, owner.login


def audited(a: Agreement) -> dict[str, object]:
    """The values of ``a`` the audit trail follows: the reference, the input's fields
    and the type's terms."""
    names = ("reference", *BASE_FIELDS, *(spec.name for spec in TERMS[a.type]))
    return {name: getattr(a, name) for name in names}


def new_agreement(
    data: AgreementInput,
    typed: Mapping[str, Any],
    reference: str,
    kpis: Iterable[KpiSpec],
    owners: Owners,
) -> Agreement:
    """A new ORM agreement of ``data``'s type, not yet added to a session."""
    a = AGREEMENT_CLASSES[AgreementType(data.type)]()
    apply(a, data, typed, owners)
    a.reference = reference
    a.kpis = [KpiDefinition(metric=k.metric, unit=k.unit, target=k.target,
                            direction=k.direction) for k in kpis]  # fmt: skip
    return a


def created_summary(reference: str, title: str) -> str:
    """The audit entry of a new agreement names it by reference and title."""
    return f"{reference} {title}"


# --- many new agreements, a column at a time ------------------------------------------


class AgreementColumns:
    """New agreements gathered as columns per table, without a session: ``tables`` gives
    the rows of each table as ``NewAgreements.insert`` writes them. The demo draws its
    agreements in another process (``demo_worker``) with this; ids start at ``next_id``
    and ``next_kpi_id``, and ``owner`` turns an owner as typed into the person."""

    def __init__(
        self,
        actor: str,
        now: datetime,
        next_id: int,
        next_kpi_id: int,
        owner: Callable[[str], Owner],
    ) -> None:
        self.actor, self.now = actor, now
        self.next_id, self.next_kpi_id = next_id, next_kpi_id
        self.owner = owner
        self._clear()

    def _clear(self) -> None:
        # What was added, in order: inputs as given, or their fields as columns already
        # (add_many); tables() turns both into stored columns all at once.
        self.parts: list[list[AgreementInput] | Mapping[str, Sequence[Any]]] = []
        self.typed: list[Mapping[str, Any]] = []
        self.references: list[str] = []
        self.summaries: list[str | None] = []
        self.kpis: list[tuple[Any, ...]] = []

    def __len__(self) -> int:
        return len(self.references)

    def add(
        self,
        data: AgreementInput,
        typed: Mapping[str, Any],
        reference: str,
        kpis: Sequence[KpiSpec],
        *,
        latest: Sequence[Attainment | None] = (),
        summary: str | None = None,
    ) -> tuple[int, range]:
        """One new agreement; returns its id and the ids of its KPIs. ``latest``: each
        KPI's latest attainment, when its actuals come with it (the demo's)."""
        if not self.parts or not isinstance(self.parts[-1], list):
            self.parts.append([])
        cast(list[AgreementInput], self.parts[-1]).append(data)
        self.summaries.append(summary)
        return self._added(typed, reference, kpis, latest)

    def add_many(
        self,
        given: Mapping[str, Sequence[Any]],
        typed: Sequence[Mapping[str, Any]],
        references: Sequence[str],
        kpis: Sequence[Sequence[KpiSpec]],
    ) -> None:
        """New agreements given as columns: ``given`` holds the ``GIVEN_FIELDS`` of their
        inputs (each as an ``AgreementInput`` holds it, the text policy applied), as
        ``given_columns`` makes them; the rest is ``add``'s, an item per agreement. For a
        file of rows that never were ``AgreementInput`` objects in this process (the
        importer's, from ``importing.values``): the same storing without building them."""
        n = len(references)
        if not len(typed) == len(kpis) == n == len(given["title"]):
            raise ValueError("add_many: columns and items of different lengths")
        self.parts.append(given)
        self.summaries.extend([None] * n)
        self.typed.extend(typed)
        self.references.extend(references)
        # _added()'s loop inlined: this runs for every row of an import.
        rows, kpi_id = self.kpis, self.next_kpi_id
        for agreement_id, specs in zip(range(self.next_id, self.next_id + n), kpis, strict=True):
            for k in specs:
                rows.append((kpi_id, agreement_id, k.metric, k.unit, k.target, k.direction, None))
                kpi_id += 1
        self.next_id += n
        self.next_kpi_id = kpi_id

    def _added(
        self,
        typed: Mapping[str, Any],
        reference: str,
        kpis: Sequence[KpiSpec],
        latest: Sequence[Attainment | None],
    ) -> tuple[int, range]:
        agreement_id = self.next_id
        self.next_id += 1
        self.typed.append(typed)
        self.references.append(reference)
        kpi_ids = range(self.next_kpi_id, self.next_kpi_id + len(kpis))
        self.next_kpi_id += len(kpis)
        for i, (kpi_id, k) in enumerate(zip(kpi_ids, kpis, strict=True)):
            state = latest[i] if i < len(latest) else None
            self.kpis.append((kpi_id, agreement_id, k.metric, k.unit, k.target, k.direction,
                              None if state is None else state.value))  # fmt: skip
        return agreement_id, kpi_ids

    def _given(self) -> Mapping[str, Sequence[Any]]:
        """Everything added, as ``given_columns``."""
        if len(self.parts) == 1:  # the usual case: one batch, added one way
            part = self.parts[0]
            return given_columns(part) if isinstance(part, list) else part
        given: dict[str, list[Any]] = {name: [] for name in GIVEN_FIELDS}
        for part in self.parts:
            columns = given_columns(part) if isinstance(part, list) else part
            for name, values in given.items():
                values.extend(columns[name])
        return given

    def tables(self) -> list[tuple[type[Any], dict[str, list[Any]]]]:
        """What was added (then forgotten) as (model, columns) in the order they are
        written: agreements, terms, KPIs, audit entries."""
        n = len(self)
        if not n:
            return []
        now = self.now
        ids = list(range(self.next_id - n, self.next_id))
        given = self._given()
        types = [_member(AgreementType, t) for t in given["type"]]
        columns = stored_columns(given)
        # The owner as typed becomes a person of the register, each name asked once (in
        # the order they first come: an unknown one is registered then).
        found = {name: self.owner(name) for name in dict.fromkeys(given["owner"])}
        owners = list(map(found.__getitem__, given["owner"]))
        columns["owner"] = [o.name for o in owners]
        columns["owner_login"] = [o.login for o in owners]
        keys: dict[str, list[Any]] = {"id": ids, "reference": self.references, "type": types}
        out: list[tuple[type[Any], dict[str, list[Any]]]] = [(Agreement, keys | columns | {
            "predecessor_id": [None] * n, "version": [1] * n,
            "created_at": [now] * n, "updated_at": [now] * n,
        })]  # fmt: skip
        rows_of: dict[AgreementType, list[int]] = {}
        for i, a_type in enumerate(types):
            rows_of.setdefault(a_type, []).append(i)
        for a_type, rows in rows_of.items():
            terms = stored_term_columns(a_type, [self.typed[i] for i in rows])
            terms["id"] = [ids[i] for i in rows]
            out.append((AGREEMENT_CLASSES[a_type], terms))
        if self.kpis:
            names = ("id", "agreement_id", "metric", "unit", "target", "direction",
                     "latest_attainment")  # fmt: skip
            out.append((KpiDefinition, {
                name: list(values) for name, values in zip(names, zip(*self.kpis, strict=True),
                                                           strict=True)}))  # fmt: skip
        named = zip(self.summaries, self.references, columns["title"], strict=True)
        summaries = [summary or created_summary(ref, title) for summary, ref, title in named]
        out.append((AuditEntry, {
            "at": [now] * n, "actor": [self.actor] * n, "entity": [ENTITY] * n,
            "entity_id": ids, "action": [AuditAction.CREATE] * n,
            "field": [""] * n, "old_value": [None] * n, "new_value": summaries,
        }))  # fmt: skip
        self._clear()
        return out


class NewAgreements(AgreementColumns):
    """New agreements gathered as columns per table, inserted in one go by ``insert``.

    Stores what ``create_agreement`` stores for the same input (a test compares every
    table): the agreement row, its terms row, its KPIs, one audit entry. Ids are given
    here, after the highest in the database when this was made: inside the caller's
    write transaction (SQLite's lock; on PostgreSQL a concurrent insert fails the batch).
    """

    def __init__(self, session: Session, actor: str, now: datetime | None = None) -> None:
        self.session = session
        self.owners = Owners(session, actor)
        super().__init__(
            actor,
            now or utcnow(),
            (session.scalar(select(func.max(Agreement.id))) or 0) + 1,
            (session.scalar(select(func.max(KpiDefinition.id))) or 0) + 1,
            self.owners.resolve,
        )

    def insert(self) -> None:
        """Write what was added (and forget it): agreements, terms, KPIs, audit entries."""
        for model, columns in self.tables():
            insert_columns(self.session, model, columns)
