"""The state of one import as it goes: counts, problems, references given, caches."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from app.domain.enums import AgreementType
from app.errors import DatabaseError, FieldError, PartnerDeskError, ValidationError
from app.services.approvals import Policies
from app.services.importing.report import Progress
from app.services.importing.values import Values
from app.services.kpis import KpiSpec, default_kpis
from app.services.owners import Owners
from app.services.team_rules import check_may_change

CACHED = 10_000  # typed terms and KPIs remembered during an import (see Run.terms)


PENDING_NOTES = 100  # rows that go in as pending approval, listed one by one; the rest counted


@dataclass(slots=True)
class Run:
    session: Session
    actor: str
    dry_run: bool
    labels: dict[str, str]
    progress: Progress | None
    total: int
    problems: list[FieldError] = field(default_factory=list)
    rows: int = 0
    creates: int = 0
    updates: int = 0
    unchanged: int = 0
    seen_refs: dict[str, int] = field(default_factory=dict)
    # Amount columns whose header declares a unit: 合同金额（万元） -> (10000, "CNY").
    units: dict[str, tuple[Decimal, str | None]] = field(default_factory=dict)
    # Generated references, per (prefix, year): the last number given and the references
    # the database held when the key was first needed. A number is given as the row goes
    # in; one that a later row of the file turns out to ask for is moved on (references.renumber).
    counters: dict[tuple[str, int], int] = field(default_factory=dict)
    taken: dict[tuple[str, int], set[str]] = field(default_factory=dict)
    first_new_id: int = 0  # the first agreement id this import created; 0: none yet
    # New rows the file calls active that an approval policy covers: they go in as pending
    # approval (row, note); how many in all, the notes listed up to a limit.
    pending: list[tuple[int, str]] = field(default_factory=list)
    pending_count: int = 0
    # Rows that would move a saved agreement from pending approval to active: active once
    # its approvals are in, else they keep waiting (with a note) rather than fail the file.
    activating: set[int] = field(default_factory=set)
    formulas: bool = False  # rows may hold UncalculatedFormula cells
    # Typed terms and default KPIs by type and terms: rows often share them (a file of one
    # partner's campaigns), and building them costs more than looking them up.
    terms_cache: dict[tuple[str, tuple[Any, ...]], tuple[dict[str, Any], list[KpiSpec]]] = (
        field(default_factory=dict))  # fmt: skip
    _owners: Owners | None = None
    _policies: Policies | None = None
    _owner_refusals: dict[str | None, str | None] = field(default_factory=dict)

    def owner_refusal(self, owner: str) -> str | None:
        """Why the importing person may not add an agreement ``owner`` would own (the
        team's rule, row-level security on PostgreSQL), or None; asked once per owner."""
        if self.session.get_bind().dialect.name != "postgresql":
            return None  # one desk, one person: no team's rule to keep
        found = self.owners.find(owner)
        login = found.login if found is not None else None
        if login not in self._owner_refusals:
            try:
                check_may_change(self.session, "an agreement", login, adding=True)
                self._owner_refusals[login] = None
            except DatabaseError as exc:
                self._owner_refusals[login] = str(exc)
        return self._owner_refusals[login]

    @property
    def policies(self) -> Policies:
        """The approval policies, for rows that would be created as active."""
        if self._policies is None:
            self._policies = Policies(self.session, date.today())
        return self._policies

    @property
    def owners(self) -> Owners:
        """The people register, read once, as the file names owners (name or login)."""
        if self._owners is None:
            self._owners = Owners(self.session)
        return self._owners

    @property
    def writing(self) -> bool:
        return not self.dry_run and not self.problems

    def note_pending(self, row: int, text: str) -> None:
        """A row that goes in (or stays) pending approval, not active as the file says."""
        self.pending_count += 1
        if len(self.pending) < PENDING_NOTES:
            self.pending.append((row, text))

    def tick(self) -> None:
        if self.progress is not None and not self.progress(self.rows, self.total):
            raise InterruptedError("import cancelled; nothing was imported")

    def terms(self, v: Values) -> tuple[dict[str, Any], list[KpiSpec]]:
        """The typed terms of ``v`` and the default KPIs they give."""
        key = (v.type, v.typed)
        found = self.terms_cache.get(key)
        if found is None:
            if len(self.terms_cache) >= CACHED:
                self.terms_cache.clear()
            typed = v.typed_terms()
            found = self.terms_cache[key] = typed, default_kpis(AgreementType(v.type), typed)
        return found


def row_failed(run: Run, row: int, exc: PartnerDeskError) -> None:
    if isinstance(exc, ValidationError):
        run.problems.extend(replace(e, row=row) for e in exc.errors)
    else:
        run.problems.append(FieldError("status", str(exc), row))
