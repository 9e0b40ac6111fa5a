"""The application carries its own icon, and names its .desktop entry."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from ui.app_icon import ICON_DIR, SIZES, application_icon
from ui.application import make_application


def test_the_icon_has_every_size_a_desktop_asks_for() -> None:
    icon = application_icon()
    assert not icon.isNull()
    sizes = {s.width() for s in icon.availableSizes()}
    assert {16, 32, 48, 256} <= sizes
    # Drawn, not blank: the 16 px image has the blue of the background.
    image = icon.pixmap(16, 16).toImage()
    assert image.pixelColor(8, 2).blue() > 150
    for name in ("partnerdesk.svg", "partnerdesk.ico", "partnerdesk.icns"):
        assert (ICON_DIR / name).stat().st_size > 500, name
    assert len(SIZES) == len(list(ICON_DIR.glob("partnerdesk-*.png")))


def test_the_application_shows_the_icon_and_names_its_desktop_entry(
    qapp: QApplication,
) -> None:
    app = make_application()
    assert app is qapp
    assert not app.windowIcon().isNull()
    assert {16, 256} <= {s.width() for s in app.windowIcon().availableSizes()}
    assert QApplication.desktopFileName() == "partnerdesk"
