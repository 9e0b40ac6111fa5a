"""One module per sub-command; each has ``register(subparsers)`` setting ``run``.

Keeping commands apart lets each feature own its command without editing ``cli.py``.
"""

from __future__ import annotations

import argparse
from typing import Protocol

from app.commands import check, demo, listing


class Command(Protocol):
    def register(self, sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None: ...


def _optional(name: str) -> list[Command]:
    # Commands land feature by feature; a missing module must not break the others.
    import importlib

    try:
        return [importlib.import_module(f"app.commands.{name}")]
    except ModuleNotFoundError as exc:
        if exc.name != f"app.commands.{name}":
            raise
        return []


COMMANDS: list[Command] = [
    demo,
    listing,
    check,
    *_optional("report"),
    *_optional("transfer"),
    *_optional("backup"),
]
