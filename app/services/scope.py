"""Which agreements a figure covers: the one declaration every total is built from.

*In force*: active agreements, and renewed ones until their end date (a renewed agreement
keeps running until its successor takes over). *Pipeline*: draft, negotiation, pending
approval. *History*: expired, terminated, and renewed agreements past their end date.
Reports, the portfolio figures and the dashboard all ask this module, so a headline, a
chart and a dashboard tile can never count different agreements under the same name.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from sqlalchemy import ColumnElement, and_, case, or_

from app.domain.enums import AgreementStatus
from app.domain.models import Agreement


class Scope(StrEnum):
    IN_FORCE = "in_force"
    PIPELINE = "pipeline"
    HISTORY = "history"


S = AgreementStatus
PIPELINE_STATUSES = frozenset({S.DRAFT, S.NEGOTIATION, S.PENDING_APPROVAL})
HISTORY_STATUSES = frozenset({S.EXPIRED, S.TERMINATED})
# Statuses whose agreement is in force; a renewed one only until its end date.
IN_FORCE_STATUSES = frozenset({S.ACTIVE, S.RENEWED})
# A decision (renew or give notice) is still open while the agreement is in force or about
# to be; a renewed agreement's decision has been taken, so it is left out.
DECISION_STATUSES = frozenset({S.ACTIVE, S.PENDING_APPROVAL})
# Statuses whose KPIs and milestones are still being watched.
WATCHED_STATUSES = DECISION_STATUSES

SCOPE_STATUSES: dict[Scope, frozenset[AgreementStatus]] = {
    Scope.IN_FORCE: IN_FORCE_STATUSES,
    Scope.PIPELINE: PIPELINE_STATUSES,
    Scope.HISTORY: HISTORY_STATUSES | {S.RENEWED},
}


def scope_of(status: AgreementStatus, end_date: date, as_of: date) -> Scope:
    """The scope of one agreement on ``as_of`` (the Python twin of ``in_scope``)."""
    if status is S.ACTIVE or (status is S.RENEWED and end_date >= as_of):
        return Scope.IN_FORCE
    if status in PIPELINE_STATUSES:
        return Scope.PIPELINE
    return Scope.HISTORY


def _in_force(as_of: date) -> ColumnElement[bool]:
    return or_(
        Agreement.status == S.ACTIVE,
        and_(Agreement.status == S.RENEWED, Agreement.end_date >= as_of),
    )


def in_scope(scope: Scope, as_of: date) -> ColumnElement[bool]:
    """A WHERE clause selecting the agreements of ``scope`` on ``as_of``."""
    if scope is Scope.IN_FORCE:
        return _in_force(as_of)
    if scope is Scope.PIPELINE:
        return Agreement.status.in_(sorted(PIPELINE_STATUSES))
    return and_(
        Agreement.status.in_(sorted(SCOPE_STATUSES[Scope.HISTORY])),
        ~_in_force(as_of),
    )


def scope_column(as_of: date) -> ColumnElement[str]:
    """Each agreement's scope as a column, for one GROUP BY over all three."""
    return case(
        (_in_force(as_of), Scope.IN_FORCE.value),
        (Agreement.status.in_(sorted(PIPELINE_STATUSES)), Scope.PIPELINE.value),
        else_=Scope.HISTORY.value,
    )


def not_ended(as_of: date) -> ColumnElement[bool]:
    """In force or in the pipeline on ``as_of``: agreements whose documents still matter.

    An authorisation letter of a terminated deal expiring is not news; one of a deal still
    being negotiated is, as it must be renewed before signature.
    """
    return or_(_in_force(as_of), Agreement.status.in_(sorted(PIPELINE_STATUSES)))
