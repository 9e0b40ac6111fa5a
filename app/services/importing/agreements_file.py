"""An agreements file, batch by batch: partners, references, checks, look-alikes, writes."""

from __future__ import annotations

from collections.abc import Iterator

from app.services.importing.checking import check_row
from app.services.importing.duplicates import Duplicates
from app.services.importing.partners import Partners
from app.services.importing.references import Existing, existing_agreements, renumber
from app.services.importing.rows import AgreementRow
from app.services.importing.run import Run
from app.services.importing.writing import Update, apply_updates, insert_agreements, unchanged


def import_agreements(
    run: Run, batches: Iterator[list[AgreementRow]], partners: Partners, duplicates: Duplicates
) -> None:
    for parsed in batches:
        run.rows += len(parsed)
        partners.prepare([r for r in parsed if "partner" not in r.errors.failed])
        existing = _saved_agreements(run, parsed)
        creates, updates = _sorted(run, parsed, partners, existing)
        # The partners of the agreements this batch updates too: what they were called
        # before the file renamed them is what later rows are compared with, whichever
        # batch those rows are in (and in a dry run, which writes no update).
        saved = {found[4] for found in existing.values()}
        duplicates.load({r.partner_id for r in creates} | saved, run.first_new_id)
        for r in creates:
            duplicates.check(r)
        same = unchanged(run.session, updates)
        run.unchanged += len(same)
        updates = [u for u in updates if u[1] not in same]
        run.updates += len(updates)
        if run.writing:
            insert_agreements(run, creates)
            apply_updates(run, updates)
        run.tick()


def _saved_agreements(run: Run, parsed: list[AgreementRow]) -> Existing:
    """The saved agreements whose references the batch names: the rows that update."""
    existing = existing_agreements(run.session, [r.reference for r in parsed if r.reference])
    if run.first_new_id:
        # A reference this import generated, now asked for by the file: not an update
        # of that agreement (the file never named it) but a new one; the generated one
        # moves on to the next free number.
        clashes = {ref: found[0] for ref, found in existing.items()
                   if found[0] >= run.first_new_id and ref not in run.seen_refs}  # fmt: skip
        for ref in clashes:
            del existing[ref]
        if clashes and run.writing:
            renumber(run, clashes)
    return existing


def _sorted(
    run: Run, parsed: list[AgreementRow], partners: Partners, existing: Existing
) -> tuple[list[AgreementRow], list[Update]]:
    """The batch's rows without problems: new agreements, and updates of saved ones."""
    creates: list[AgreementRow] = []
    updates: list[Update] = []
    for r in parsed:
        target = check_row(run, r, partners, existing)
        run.problems.extend(r.errors.items)
        if r.errors.items or target is None:
            continue
        if target[0] == 0:
            run.creates += 1
            creates.append(r)
        else:
            updates.append((r, *target))
    return creates, updates
