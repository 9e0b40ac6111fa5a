"""One module per sub-command; each has ``register(subparsers)`` setting ``run``.

Every command is imported here by name, so a freezer (PyInstaller) sees them all. A
command module imports only what its parser needs at the top; the services it runs
(SQLAlchemy, Alembic, ReportLab, openpyxl) are imported inside ``run`` so that
``partnerdesk --help`` does not load them.
"""

from __future__ import annotations

import argparse
from typing import Protocol

from app.commands import (
    approvals,
    backup,
    calendar,
    check,
    demo,
    fx,
    history,
    listing,
    notify,
    people,
    report,
    settings,
    team,
    transfer,
)


class Command(Protocol):
    def register(self, sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None: ...


COMMANDS: list[Command] = [
    demo,
    listing,
    check,
    report,
    transfer,
    backup,
    people,
    history,
    approvals,
    team,
    notify,
    calendar,
    settings,
    fx,
]
