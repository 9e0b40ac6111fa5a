"""PostgreSQL passwords in the system keyring; without a keyring, one clear sentence."""

from __future__ import annotations

import pytest

from app.db.credentials import (
    SERVICE,
    remember_password,
    stored_password,
    target_url,
    with_stored_password,
)
from app.db.engine import resolve_url
from app.errors import DatabaseError
from tests.fake_keyring import MemoryKeyring, memory_keyring, no_keyring

__all__ = ["memory_keyring", "no_keyring"]  # fixtures


def test_a_password_is_kept_under_the_url_without_it(memory_keyring: MemoryKeyring) -> None:
    url = target_url("postgresql://desk@db.example.com:5433/partners", "s3cret")
    remember_password(url)
    assert memory_keyring.entries == {
        (SERVICE, "postgresql://desk@db.example.com:5433/partners"): "s3cret"
    }
    bare = resolve_url("postgresql://desk@db.example.com:5433/partners")
    assert bare.password is None
    assert with_stored_password(bare).password == "s3cret"
    # Another server, or another login on it, has no password kept.
    other = resolve_url("postgresql://admin@db.example.com:5433/partners")
    assert with_stored_password(other).password is None


@pytest.mark.usefixtures("memory_keyring")
def test_a_password_in_the_url_wins_over_the_keyring() -> None:
    remember_password(target_url("postgresql://desk@db/partners", "kept"))
    typed = resolve_url("postgresql://desk:typed@db/partners")
    assert with_stored_password(typed).password == "typed"


def test_an_sqlite_file_takes_no_password(memory_keyring: MemoryKeyring) -> None:
    url = target_url("/tmp/partnerdesk.db", "ignored")
    assert url.password is None
    remember_password(url)
    assert memory_keyring.entries == {}


@pytest.mark.usefixtures("no_keyring")
def test_without_a_keyring_keeping_a_password_is_refused_in_one_sentence() -> None:
    url = target_url("postgresql://desk@db/partners", "s3cret")
    with pytest.raises(DatabaseError, match=r"no system keyring .* ~/\.pgpass or PGPASSWORD"):
        remember_password(url)
    # Connecting without a keyring still works: ~/.pgpass may hold the password.
    assert stored_password(resolve_url("postgresql://desk@db/partners")) is None
