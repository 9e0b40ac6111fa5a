"""A password typed into --db is visible to every user in ps: the help and a warning say so."""

from __future__ import annotations

import pytest

from app.cli import build_parser, has_password, main


def test_the_help_says_where_a_password_belongs() -> None:
    text = " ".join(build_parser().format_help().split())
    assert "visible to every user of this computer" in text
    assert "PGPASSWORD or ~/.pgpass" in text


@pytest.mark.parametrize(
    ("target", "carries"),
    [
        ("postgresql://desk:s3cret@db.example.com/partners", True),
        ("postgresql+psycopg://desk:p%40ss@127.0.0.1:5432/pd", True),
        ("postgresql://desk@db.example.com/partners", False),
        ("postgresql://desk:@db.example.com/partners", False),
        ("postgresql://db.example.com/partners", False),
        ("/home/li/partners:2026@archive.db", False),
    ],
)
def test_a_password_is_recognised_only_where_a_url_carries_one(target: str, carries: bool) -> None:
    assert has_password(target) is carries


def test_a_password_in_db_is_warned_about_before_anything_else(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = main(["--db", "postgresql://desk:s3cret@127.0.0.1:9/partners", "check"])
    err = capsys.readouterr().err.splitlines()
    assert code == 1
    assert err[0].startswith("partnerdesk: warning: the password in --db is visible")
    assert "PGPASSWORD, ~/.pgpass or the application's keyring" in err[0]
    # The error line that follows never repeats the password.
    assert len(err) == 2 and "s3cret" not in err[1] and "cannot reach" in err[1]


def test_a_url_without_a_password_gets_no_warning(capsys: pytest.CaptureFixture[str]) -> None:
    main(["--db", "postgresql://desk@127.0.0.1:9/partners", "check"])
    assert "warning" not in capsys.readouterr().err
