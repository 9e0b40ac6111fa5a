"""A parsed row checked against what the database holds: its reference, its partner."""

from __future__ import annotations

from decimal import Decimal

from app.domain.enums import AgreementStatus, AgreementType
from app.errors import NotFoundError, TransitionError
from app.services.agreements import check_transition
from app.services.import_format import FIELD_TO_COLUMN, TERM_SPECS
from app.services.importing.partners import Partners
from app.services.importing.references import Existing
from app.services.importing.rows import AgreementRow
from app.services.importing.run import Run


def check_row(
    run: Run, r: AgreementRow, partners: Partners, existing: Existing
) -> tuple[int, int] | None:
    """(agreement id or 0 for a new one, version), or None with ``r.errors``."""
    errors = r.errors
    ref = r.reference or ""
    agreement_id, version = 0, 0
    owner_login: str | None = None  # the saved agreement's owner (may stay deactivated)
    if ref:
        if len(ref) > 40:
            errors.add("reference", "at most 40 characters")
        if ref in run.seen_refs:
            errors.add("reference", f"{ref} is also in row {run.seen_refs[ref]}; "
                                    "a reference may appear once in a file")  # fmt: skip
        else:
            run.seen_refs[ref] = r.row
        if ref in existing:
            agreement_id, a_type, status, version, _partner_id, owner_login = existing[ref]
            if status is AgreementStatus.PENDING_APPROVAL and (
                r.values.status == AgreementStatus.ACTIVE.value
            ):
                run.activating.add(r.row)
            # A type or status that failed to parse is a stand-in: comparing it with the
            # saved one would only invent a second problem.
            if a_type != r.values.type and "type" not in errors.failed:
                errors.add("type", f"{ref} is a {a_type.value} agreement; the type of a saved "
                                   "agreement cannot change")  # fmt: skip
            if status != r.values.status and "status" not in errors.failed:
                try:
                    check_transition(status, AgreementStatus(r.values.status))
                except TransitionError as exc:
                    errors.add("status", f"{ref}: {exc}")
    partner_id = None
    if "partner" not in errors.failed:
        reported = len(errors.items)
        partner_id = partners.resolve(r, errors)
        if partner_id is None and len(errors.items) == reported:
            errors.add("partner", f"{r.partner_name.strip()!r} could not be found or created")
    r.partner_id = partner_id or 0
    if "owner" not in errors.failed:
        why = run.owners.problem(r.values.owner, owner_login)
        if why is None and not agreement_id:
            why = run.owner_refusal(r.values.owner)  # the team's rule, for a new row
        if why is not None:
            errors.add("owner", why)
    if not agreement_id and r.values.status == AgreementStatus.ACTIVE.value:
        _pending_if_covered(run, r)
    # The reference is checked above, in bulk: the file's own duplicates, and an existing
    # reference means an update, never a clash.
    # validate_agreement's rules without its two queries per row: parse_row() checked
    # everything else with check_agreement. The partner was just found among those loaded
    # once (an id from resolve() exists), and the reference travels beside the input
    # (data.reference is None), checked above for the whole batch. A partner that resolve()
    # refused is reported already (often as partner_country, when the file was to create
    # it); "no partner with id 0" would only confuse.
    type_failed = "type" in errors.failed
    for name, message in r.checks:
        column = FIELD_TO_COLUMN.get(name, name)
        # Checks on stand-in values would only repeat a problem already reported; without
        # its type, the row's terms mean nothing.
        if column in errors.failed or (type_failed and column in TERM_SPECS):
            continue
        errors.add(name, message)
    if errors.items:
        return None
    return agreement_id, version


def _pending_if_covered(run: Run, r: AgreementRow) -> None:
    """A new row may not go in as active past the approval policy: nobody has approved
    terms the database never held. An export of active agreements imported into a team's
    database is the common case, so the row is not refused: it goes in as pending approval,
    with a note saying so, and the policy's approvers decide it as any other. (An update to
    active is checked against the approvals given, as in the editor, by change_agreement.)"""
    failed = r.errors.failed
    if failed & {"type", "value", "currency"}:
        return
    v = r.values
    try:
        need = run.policies.requirement(AgreementType(v.type), Decimal(v.value), v.currency)
    except NotFoundError as exc:  # no rate to tell the value in the base currency
        r.errors.add("currency", f"{exc}, and the approval policy needs the value in "
                                 f"{run.policies.base}: add the rate first (Settings ▸ "
                                 "Exchange rates, or partnerdesk fx import)")  # fmt: skip
        return
    if need is None:
        return
    r.values = v._replace(status=AgreementStatus.PENDING_APPROVAL.value)
    what = r.reference or f"“{v.title}”"
    run.note_pending(r.row, f"row {r.row}: {what} goes in as pending approval, not active: the "
                     f"approval policy asks for {need.describe()} (Approvals)")  # fmt: skip


def pending_summary(run: Run) -> list[tuple[int, str]]:
    """The notes of rows imported as pending approval, with the count of those not listed."""
    if run.pending_count <= len(run.pending):
        return run.pending
    # Row 0: first, so that a list shown only in part still starts with the count.
    return [(0, f"{run.pending_count:,} rows marked active go in as pending approval (an "
                f"approval policy covers them); the first {len(run.pending)} are listed"),
            *run.pending]  # fmt: skip
