"""Writing an agreements file's rows: new agreements a column at a time through
``agreement_store.NewAgreements``, updates through ``change_agreement`` (lifecycle rules,
versions, the field-by-field audit trail), unchanged rows left alone."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.orm import Session, with_polymorphic

from app.domain.enums import AgreementStatus
from app.domain.models import Agreement
from app.errors import DatabaseError, FieldError, TransitionError, ValidationError
from app.services.agreement_store import NewAgreements, stored_values
from app.services.agreements import AgreementInput, change_agreement
from app.services.importing.references import next_reference
from app.services.importing.rows import AgreementRow
from app.services.importing.run import Run, row_failed
from app.services.importing.values import input_columns
from app.services.owners import Owners

Update = tuple[AgreementRow, int, int]  # a row, the id of the agreement it updates, its version


def insert_agreements(run: Run, creates: list[AgreementRow]) -> None:
    """The new agreements, their terms, default KPIs and audit entries: as
    ``create_agreement`` makes them (``agreement_store``), but a column at a time."""
    if not creates:
        return
    new = NewAgreements(run.session, run.actor)
    run.first_new_id = run.first_new_id or new.next_id
    references, typed, kpis = [], [], []
    for r in creates:
        v = r.values
        references.append(r.reference or next_reference(run, v.type, int(v.start_date[:4])))
        one_typed, one_kpis = run.terms(v)
        typed.append(one_typed)
        kpis.append(one_kpis)
    values = [r.values for r in creates]
    given = input_columns(values, [r.partner_id for r in creates])
    new.add_many(given, typed, references, kpis)
    new.insert()


def apply_updates(run: Run, updates: list[Update]) -> None:
    """Each update through the editor's own service, a failure reported with its row."""
    for r, agreement_id, version in updates:
        try:
            data = r.values.to_input(r.partner_id)
            if r.row in run.activating:
                _activate_or_keep_waiting(run, r.row, agreement_id, data, version)
            else:
                change_agreement(run.session, agreement_id, data, version, run.actor)
        except (ValidationError, TransitionError) as exc:
            row_failed(run, r.row, exc)
        except DatabaseError as exc:
            if "your role" not in str(exc):
                raise
            # The team's rule keeps this agreement from the importing editor.
            run.problems.append(FieldError("owner", str(exc), r.row))


def _activate_or_keep_waiting(
    run: Run, row: int, agreement_id: int, data: AgreementInput, version: int
) -> None:
    """A saved agreement pending approval that the row calls active (an export of active
    agreements imported again): active once its approvals are in; else the rest of the row
    is saved and it keeps waiting for them, with a note, as its first import left it."""
    savepoint = run.session.begin_nested()
    try:
        change_agreement(run.session, agreement_id, data, version, run.actor)
    except TransitionError as exc:
        savepoint.rollback()  # the write before the approvals were checked goes too
        waiting = replace(data, status=AgreementStatus.PENDING_APPROVAL)
        change_agreement(run.session, agreement_id, waiting, version, run.actor)
        run.note_pending(row, f"row {row}: {exc}; it stays pending approval (Approvals)")
        saved = run.session.get(Agreement, agreement_id)
        if saved is not None and saved.version == version:  # the row changed nothing else
            run.updates -= 1
            run.unchanged += 1
    else:
        savepoint.commit()


def unchanged(session: Session, updates: list[Update]) -> set[int]:
    """Ids whose row in the file says exactly what the database holds.

    Re-importing an exported file is common (fix three cells, import it all again); an
    update through change_agreement costs ~4 ms, comparing costs almost nothing, and an
    unchanged agreement gets neither a new version nor audit entries either way.
    """
    if not updates:
        return set()
    poly = with_polymorphic(Agreement, "*")
    ids = [u[1] for u in updates]
    current = {a.id: a for a in session.scalars(select(poly).where(poly.id.in_(ids)))}
    same = set()
    owners = Owners(session)
    for r, agreement_id, _version in updates:
        a = current.get(agreement_id)
        if a is None:
            continue
        wanted = stored_values(r.values.to_input(r.partner_id), r.values.typed_terms())
        # The file may name the owner by login or in another case: the same person.
        owner = owners.find(wanted["owner"], a.owner_login)
        if owner is None or owner.login != a.owner_login:
            continue
        wanted["owner"] = owner.name
        if all(getattr(a, name) == value for name, value in wanted.items()):
            same.add(agreement_id)
    return same


# SQLite's page cache for the import's connection, in KiB (negative: a size, not pages).
# The default 2 MiB is far smaller than the agreements table's indexes: with it, index
# pages are evicted and re-read for every batch, which was a third of SQLite's time.
IMPORT_CACHE_KIB = 32768


def bigger_cache(session: Session) -> Callable[[], None]:
    """Raise the connection's page cache for the import; returns how to put it back.

    Only memory: the cache size changes neither what is written nor when it is durable.
    Bounded, so memory stays flat however large the file is.
    """
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        return lambda: None
    before = connection.exec_driver_sql("PRAGMA cache_size").scalar()
    connection.exec_driver_sql(f"PRAGMA cache_size=-{IMPORT_CACHE_KIB}")

    def restore() -> None:
        connection.exec_driver_sql(f"PRAGMA cache_size={int(before or -2000)}")

    return restore
