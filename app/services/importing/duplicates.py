"""Rows that would create an agreement the database or the file holds already."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.enums import AgreementType
from app.domain.models import Agreement
from app.services.importing.rows import BATCH, AgreementRow

# Rows that look like an agreement already there are noted one by one up to this many; a
# file imported twice would otherwise bury everything else under one note per row.
DUPLICATE_NOTES = 100

_SAME = "same partner, title, type and start date"


def _likeness(partner_id: int, title: str, start: str, a_type: str) -> int:
    """What makes two agreements look alike (the start date in ISO form, the type as its
    value), as its hash: at 100,000 rows, keeping the titles themselves grew the import's
    memory by a quarter. Two different keys with one hash (about one import in billions)
    cost only a wrong note."""
    return hash((partner_id, " ".join(title.split()).casefold(), start, a_type))


class Duplicates:
    """Rows that would create an agreement the database or the file holds already.

    A note, not a problem: two alike agreements can be meant (a second season's campaign
    with the same title). But a file imported twice with blank references would otherwise
    double every agreement without a word. The saved agreements of a partner are loaded
    when the partner first shows up, in one query per batch; the rest is lookups in
    ``seen``: likeness -> the number of the file's row that has it, or minus the id of the
    saved agreement.
    """

    def __init__(self, session: Session) -> None:
        self.session = session
        self.loaded: set[int] = set()
        self.seen: dict[int, int] = {}
        self.notes: list[tuple[int, str]] = []
        self.count = 0

    def load(self, partner_ids: set[int], first_new_id: int) -> None:
        new = sorted(partner_ids - self.loaded - {0})
        if not new:
            return
        self.loaded.update(new)
        query = select(Agreement.id, Agreement.partner_id, Agreement.title,
                       Agreement.start_date, Agreement.type)  # fmt: skip
        if first_new_id:
            # What this import created is the file's rows, named as such by check(); a
            # partner is loaded before its first row goes in, so this is only a safeguard.
            query = query.where(Agreement.id < first_new_id)
        for i in range(0, len(new), BATCH):
            for aid, pid, title, start, a_type in self.session.execute(
                query.where(Agreement.partner_id.in_(new[i:i + BATCH]))
            ):  # fmt: skip
                like = _likeness(pid, title, start.isoformat(), AgreementType(a_type).value)
                self.seen.setdefault(like, -aid)

    def check(self, r: AgreementRow) -> None:
        v = r.values
        like = self.seen.setdefault(_likeness(r.partner_id, v.title, v.start_date, v.type), r.row)
        # A row with a reference of its own says which agreement it is: nothing to guess.
        if like == r.row or r.reference:
            return
        self.count += 1
        if len(self.notes) >= DUPLICATE_NOTES:
            return
        if like < 0:
            ref = self.session.scalar(select(Agreement.reference).where(Agreement.id == -like))
            text = (f"row {r.row}: looks like {ref} already in the database ({_SAME}); it "
                    "will be created again — give its reference to update it instead")  # fmt: skip
        else:
            text = (f"row {r.row}: looks like row {like} of this file ({_SAME}); both will be "
                    "created — remove one if they are the same agreement")  # fmt: skip
        self.notes.append((r.row, text))

    def summary(self) -> list[tuple[int, str]]:
        if self.count <= len(self.notes):
            return []
        # Row 0: first, so that a list shown only in part still starts with the count.
        return [(0, f"{self.count:,} rows look like an agreement already in the database or "
                    f"in an earlier row ({_SAME}) and will be created again; the first "
                    f"{len(self.notes)} are listed")]  # fmt: skip
