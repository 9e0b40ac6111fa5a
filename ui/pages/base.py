"""What the main window asks of every page: show yourself, keep your layout, refresh."""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtWidgets import QWidget

from app.services.abilities import FULL, Access
from ui.changes import AGREEMENT, PARTNER, Changes, Entity


class Page(QWidget):
    """A page of the main window.

    ``shows`` names the kinds of record the page displays; ``apply`` refreshes the page in
    view when a change concerns it and leaves a hidden one to refresh when next shown.
    """

    shows: ClassVar[frozenset[Entity]] = frozenset({AGREEMENT, PARTNER})
    _stale = False
    access: Access = FULL  # what the connected person may do (the window sets it)

    def set_access(self, access: Access) -> None:
        """A page that offers writing switches off what ``access`` may not do."""
        self.access = access

    def activate(self) -> None:
        """Shown: a page that loads on first showing does it here."""

    def save_state(self) -> None:
        """Keep column widths, splitters and the like in the settings (none by default)."""

    def refresh(self) -> None:
        """Read again what the page shows."""

    def apply(self, changes: Changes, *, visible: bool) -> None:
        if not changes.concerns(self.shows):
            return
        if visible:
            self._stale = False
            self.refresh()
        else:
            self._stale = True

    def shown(self) -> None:
        """Called by the window each time the page comes into view."""
        if self._stale:
            self._stale = False
            self.refresh()
        self.activate()
