"""The application's icon, drawn in ``resources/icons/partnerdesk.svg``.

Loaded from the PNG sizes ``scripts/make-icons`` renders, so that no SVG plug-in is needed
(a frozen bundle leaves Qt's image-format plug-ins out where it can) and each size is
the one drawn for it. Found through the package, which works frozen as well.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon

ICON_DIR = Path(str(files("resources") / "icons"))
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
# The name of the .desktop entry (partnerdesk.desktop): Wayland compositors and docks
# match a window to its launcher, and so to its icon, by it.
DESKTOP_FILE_NAME = "partnerdesk"


def application_icon() -> QIcon:
    icon = QIcon()
    for size in SIZES:
        icon.addFile(str(ICON_DIR / f"partnerdesk-{size}.png"), QSize(size, size))
    return icon
