"""What an action changed, announced so that each page refreshes only what it shows.

Every write the window makes (an editor's save, an undo step, a deletion, a renewal, a job
such as an import) ends by announcing a ``Changes``; the main window hands it to the page in
view, which refreshes now if it shows any of it, and marks the hidden pages that do so they
refresh when next shown (Anki's operations announce ``OpChanges`` the same way).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Entity = Literal["agreement", "partner"]
AGREEMENT: Entity = "agreement"
PARTNER: Entity = "partner"


@dataclass(frozen=True)
class Changes:
    agreements: frozenset[int] = frozenset()  # ids created, edited or deleted
    partners: frozenset[int] = frozenset()
    everything: bool = False  # a restore, an import, demo data, a new base currency

    @classmethod
    def of(cls, entity: Entity, ids: Iterable[int]) -> Changes:
        wanted = frozenset(ids)
        return cls(agreements=wanted) if entity == AGREEMENT else cls(partners=wanted)

    @classmethod
    def all(cls) -> Changes:
        return cls(everything=True)

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            self.agreements | other.agreements,
            self.partners | other.partners,
            self.everything or other.everything,
        )

    def __bool__(self) -> bool:
        return self.everything or bool(self.agreements or self.partners)

    def concerns(self, entities: Iterable[Entity]) -> bool:
        """True if a page showing these kinds of record must refresh."""
        kinds = set(entities)
        return (
            self.everything
            or (AGREEMENT in kinds and bool(self.agreements))
            or (PARTNER in kinds and bool(self.partners))
        )

    def touches(self, entity: Entity, record_id: int | None) -> bool:
        """True if this one record (an open editor's) was named as changed."""
        ids = self.agreements if entity == AGREEMENT else self.partners
        return record_id is not None and record_id in ids
