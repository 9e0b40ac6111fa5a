from __future__ import annotations

import pytest

from app.db.engine import without_password


@pytest.mark.parametrize(
    ("target", "stored"),
    [
        ("postgresql://mei:s3cret@db.example/pd", "postgresql://mei@db.example/pd"),
        (
            "postgresql+psycopg://mei@db.example:5433/pd",
            "postgresql+psycopg://mei@db.example:5433/pd",
        ),
        ("/home/mei/partnerdesk.db", "/home/mei/partnerdesk.db"),
    ],
)
def test_a_password_never_reaches_the_settings_file(target: str, stored: str) -> None:
    assert without_password(target) == stored
