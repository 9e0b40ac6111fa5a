"""Opening the desktop application from the command line."""

from __future__ import annotations

import argparse
import os
import sys


def has_display() -> bool:
    if os.environ.get("QT_QPA_PLATFORM"):
        return True
    if sys.platform.startswith("linux"):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True  # Windows and macOS always have a screen session for a desktop user


def open_gui(args: argparse.Namespace) -> int:
    if not has_display():
        print(
            "partnerdesk: error: no display to open the desktop application on "
            "(set DISPLAY, or use a command such as 'partnerdesk list agreements')",
            file=sys.stderr,
        )
        return 1
    try:
        from ui.application import run  # type: ignore[import-not-found,unused-ignore]
    except ModuleNotFoundError as exc:
        if not (exc.name or "").startswith("ui"):
            raise
        print("partnerdesk: error: the desktop application is not installed", file=sys.stderr)
        return 1
    return int(run(args.db))
