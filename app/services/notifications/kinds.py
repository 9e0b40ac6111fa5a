"""What a reminder can be about. Imports nothing heavy: the CLI's parser reads it."""

from __future__ import annotations

from enum import StrEnum


class Kind(StrEnum):
    DECISIONS = "decisions"
    DOCUMENTS = "documents"
    MILESTONES = "milestones"
    KPIS = "kpis"
    APPROVALS = "approvals"


# Escalation steps, in days before the date; after the last one the item is overdue.
OVERDUE = "overdue"

APP_LINK = "partnerdesk://agreement/{reference}"


def app_link(reference: str) -> str:
    """The link that opens the agreement in the desktop application."""
    from urllib.parse import quote

    return APP_LINK.format(reference=quote(reference, safe="-_."))
