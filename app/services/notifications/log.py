"""The sent log: which occasion was told to whom on which channel.

A row is written only after the mail server or the chat service accepted the message
(:func:`record`, in its own transaction per delivery), so a failed delivery is simply
not there and goes out again on the next run.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

Mark = tuple[str, str]  # (occasion, login)


def already_sent(session: Session, occasions: Collection[str]) -> set[tuple[str, str, str]]:
    """(occasion, login, channel) of those ``occasions`` already delivered."""
    from sqlalchemy import select

    from app.domain.models import NotificationSent as Sent

    found: set[tuple[str, str, str]] = set()
    ordered = sorted(occasions)
    for start in range(0, len(ordered), 500):  # SQLite's bound-parameter limit
        rows = session.execute(
            select(Sent.occasion, Sent.login, Sent.channel).where(
                Sent.occasion.in_(ordered[start : start + 500])
            )
        )
        found.update((o, lg, c) for o, lg, c in rows)
    return found


def record(session: Session, channel: str, marks: Iterable[tuple[str, str, str]]) -> int:
    """Log ``(occasion, login, reference)`` as delivered on ``channel``; rows written.

    A mark another run logged meanwhile is skipped rather than refused: the message went
    out, and what matters is that the next run knows it.
    """
    from app.domain.models import NotificationSent as Sent

    marks = list(dict.fromkeys(marks))
    done = already_sent(session, {m[0] for m in marks})
    new = [m for m in marks if (m[0], m[1], channel) not in done]
    session.add_all(Sent(occasion=o, login=lg, channel=channel, reference=r) for o, lg, r in new)
    session.flush()
    return len(new)


def sent_count(session: Session) -> int:
    from sqlalchemy import func, select

    from app.domain.models import NotificationSent as Sent

    return int(session.scalar(select(func.count()).select_from(Sent)) or 0)
