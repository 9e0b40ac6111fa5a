"""Import agreements (and their partners), or partners alone, from CSV or XLSX.

All or nothing: every row is read, parsed and validated with the same rules as the
editors; every problem is collected with its row and column; if there is any, nothing
stays written. The whole import runs in a SAVEPOINT of the caller's transaction, so a
failed or dry run is rolled back to exactly what was there, whatever the caller does next.

The parts, each in its own module:
- ``report``: the options, the preview, the report;
- ``rows`` and ``values``: reading and checking rows (no database), ``second_core``: the
  same on a second core for a large file;
- ``partners``: the partners a file names, found or created; ``duplicates``: rows that
  look like an agreement already there; ``references``: saved agreements a row updates,
  numbers for new ones; ``checking``: a row against the database;
- ``writing``: new agreements a column at a time (``agreement_store``), updates through
  ``change_agreement``; ``agreements_file`` and ``partners_file``: a file, batch by batch.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from sqlalchemy.orm import Session

from app.errors import FieldError
from app.services.audit import current_actor
from app.services.import_format import MONEY_COLUMNS, TERM_SPECS, ColumnMapping, map_columns
from app.services.import_format import term_places as _term_places
from app.services.importing.agreements_file import import_agreements
from app.services.importing.checking import pending_summary
from app.services.importing.collector import fewer_collections
from app.services.importing.duplicates import Duplicates
from app.services.importing.partners import Partners, guess_country
from app.services.importing.partners_file import import_partners
from app.services.importing.references import save_sequences
from app.services.importing.report import (
    NO_DATA_ROWS,
    ImportOptions,
    ImportReport,
    Preview,
    Progress,
    preview_file,
)
from app.services.importing.rows import RowSource
from app.services.importing.run import Run
from app.services.importing.second_core import parsed_batches, refuse_in_a_starting_worker
from app.services.importing.writing import bigger_cache
from app.services.tabular import Table, header_unit

__all__ = [
    "NO_DATA_ROWS", "ImportOptions", "ImportReport", "Preview", "Progress", "guess_country",
    "import_file", "preview_file",
]  # fmt: skip


_DEFAULTS = ImportOptions()


def import_file(
    session: Session,
    path: Path | str,
    options: ImportOptions = _DEFAULTS,
    progress: Progress | None = None,
) -> ImportReport:
    """Import ``path`` in the caller's transaction; see the module docstring."""
    refuse_in_a_starting_worker()
    with (
        fewer_collections(),
        Table(Path(path), encoding=options.encoding, sheet=options.sheet) as table,
    ):
        mapping = map_columns(table.headers, options.kind, options.mapping)
        run = _run(session, table, mapping, options, progress)
        if mapping.missing:
            empty = not table.has_rows()
            if empty:
                run.problems.append(FieldError("", NO_DATA_ROWS))
            return replace(_report(mapping, run, 0), empty=empty)
        savepoint = session.begin_nested()
        restore_cache = bigger_cache(session)
        notes: tuple[str, ...] = ()
        created = 0
        try:
            if mapping.kind == "agreements":
                notes, created = _agreements(run, table, mapping)
            else:
                import_partners(run, table.rows(), mapping.fields)
            if not run.rows:
                # Nothing written, but "imported 0 row(s)" would pass for success.
                run.problems.append(FieldError("", NO_DATA_ROWS))
            if run.writing:
                save_sequences(run)
        except BaseException:
            savepoint.rollback()
            raise
        finally:
            restore_cache()
        (savepoint.commit if run.writing else savepoint.rollback)()
        return replace(_report(mapping, run, created), notes=notes, empty=not run.rows)


def _agreements(run: Run, table: Table, mapping: ColumnMapping) -> tuple[tuple[str, ...], int]:
    """The rows of an agreements file; returns the notes and how many partners it made."""
    partners = Partners(run.session, run.actor)
    duplicates = Duplicates(run.session)
    batches = parsed_batches(_row_source(table, mapping, run), table.rows(), run.total)
    try:
        import_agreements(run, batches, partners, duplicates)
    finally:
        batches.close()  # a failed or cancelled import stops the worker
    listed = [*partners.guessed.values(), *duplicates.notes, *duplicates.summary(),
              *pending_summary(run)]  # fmt: skip
    return tuple(text for _row, text in sorted(listed, key=lambda n: n[0])), partners.created


def _run(session: Session, table: Table, mapping: ColumnMapping, options: ImportOptions,
         progress: Progress | None) -> Run:  # fmt: skip
    labels = {f: h for h, f in zip(mapping.headers, mapping.fields, strict=True) if f}
    run = Run(session, options.actor or current_actor(), options.dry_run, labels, progress,
              max(table.total - 1, 1))  # fmt: skip
    run.problems.extend(mapping.problems)
    run.formulas = table.has_formulas
    for header, column in zip(mapping.headers, mapping.fields, strict=True):
        if column in MONEY_COLUMNS:
            unit = header_unit(header)
            if unit != (Decimal(1), None):  # 合同金额（万元）: in ten thousands
                run.units[column] = unit
    return run


_TERM_PLACES = _term_places()


def _row_source(table: Table, mapping: ColumnMapping, run: Run) -> RowSource:
    fields = mapping.fields
    return RowSource(
        fields=fields,
        labels=run.labels,
        units=run.units,
        # In the file's order, so that a row's term problems are listed in a stable order.
        term_columns=tuple(dict.fromkeys(f for f in fields if f is not None and f in TERM_SPECS)),
        places=_TERM_PLACES,
        formulas=run.formulas,
        text_only=not table.is_xlsx,
    )


def _report(mapping: ColumnMapping, run: Run, partners_created: int) -> ImportReport:
    return ImportReport(
        kind=mapping.kind, rows=run.rows, creates=run.creates, updates=run.updates,
        unchanged=run.unchanged, partners_created=partners_created,
        problems=tuple(run.problems), ignored_columns=tuple(mapping.unknown),
        dry_run=run.dry_run, written=run.writing and not mapping.missing,
    )  # fmt: skip
