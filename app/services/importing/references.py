"""References: the saved agreements a file's references name, and the numbers given to new
agreements the file leaves without one."""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import Table, select, update
from sqlalchemy.orm import Session

from app.domain.enums import AgreementStatus, AgreementType, AuditAction
from app.domain.models import Agreement, AuditEntry, ReferenceSequence
from app.services.importing.run import Run

# reference -> (id, type, status, version, partner id, owner login) of a saved agreement
Existing = dict[str, tuple[int, AgreementType, AgreementStatus, int, int, str | None]]


def _table(model: type[Any]) -> Table:
    return cast(Table, model.__table__)


def existing_agreements(session: Session, refs: list[str]) -> Existing:
    found: Existing = {}
    for i in range(0, len(refs), 500):
        for aid, ref, a_type, status, version, pid, owner_login in session.execute(
            select(Agreement.id, Agreement.reference, Agreement.type, Agreement.status,
                   Agreement.version, Agreement.partner_id, Agreement.owner_login)
            .where(Agreement.reference.in_(refs[i:i + 500]))
        ):  # fmt: skip
            found[ref] = (aid, a_type, status, version, pid, owner_login)
    return found


def _starts_with(column: Any, prefix: str) -> Any:
    """``column LIKE 'prefix%'`` as a range, which (unlike LIKE) uses the unique index: at
    100,000 new agreements the LIKE scans made numbering quadratic."""
    after = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    return (column >= prefix) & (column < after)


_PREFIXES = {t.value: t.prefix for t in AgreementType}


def next_reference(run: Run, a_type: str, year: int) -> str:
    """``BR-2026-0042`` for a new agreement the file left without a reference: never one
    the database holds, nor one the file gives (so far: see ``renumber`` for later ones)."""
    key = (_PREFIXES[a_type], year)  # a_type: an AgreementType's value
    if key not in run.counters:
        seq = run.session.get(ReferenceSequence, key)
        run.counters[key] = seq.last if seq else 0
        run.taken[key] = set(run.session.scalars(
            select(Agreement.reference).where(
                _starts_with(Agreement.reference, f"{key[0]}-{key[1]}-")
            )
        ))  # fmt: skip
    taken = run.taken[key]
    while True:
        run.counters[key] += 1
        ref = f"{key[0]}-{key[1]}-{run.counters[key]:04d}"
        if ref not in taken and ref not in run.seen_refs:
            return ref


def renumber(run: Run, clashes: dict[str, int]) -> None:
    """Move agreements this import numbered out of the way of references that later rows
    of the file ask for: the new number, and the same in their audit entry."""
    session = run.session
    table, audit = _table(Agreement), _table(AuditEntry)
    for ref, agreement_id in clashes.items():
        a_type, start, title = session.execute(
            select(table.c.type, table.c.start_date, table.c.title).where(
                table.c.id == agreement_id)
        ).one()  # fmt: skip
        new = next_reference(run, AgreementType(a_type).value, start.year)
        session.execute(update(table).where(table.c.id == agreement_id).values(reference=new))
        session.execute(
            update(audit).where(
                audit.c.entity == "agreement", audit.c.entity_id == agreement_id,
                audit.c.action == AuditAction.CREATE, audit.c.new_value == f"{ref} {title}",
            ).values(new_value=f"{new} {title}")
        )  # fmt: skip


def save_sequences(run: Run) -> None:
    """The editor's next reference carries on after the numbers this import gave."""
    session = run.session
    for (prefix, year), last in run.counters.items():
        seq = session.get(ReferenceSequence, (prefix, year))
        if seq is None:
            session.add(ReferenceSequence(prefix=prefix, year=year, last=last))
        else:
            seq.last = last
    session.flush()
