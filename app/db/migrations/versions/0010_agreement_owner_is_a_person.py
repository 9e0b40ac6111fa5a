"""an agreement's owner is a person: agreements.owner_login references people.login

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03 10:50:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import app.domain.types
from app.domain.logins import login_for

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

PEOPLE = sa.table(
    "people",
    sa.column("login", sa.String), sa.column("name", sa.String),
    sa.column("name_local", sa.String), sa.column("email", sa.String),
    sa.column("team", sa.String), sa.column("role", sa.String),
    sa.column("active", sa.Boolean), sa.column("created_at", app.domain.types.UTCDateTime()),
)


def upgrade() -> None:
    with op.batch_alter_table("agreements", schema=None) as batch_op:
        batch_op.add_column(sa.Column("owner_login", sa.String(length=120), nullable=True))
        batch_op.create_index(batch_op.f("ix_agreements_owner_login"), ["owner_login"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_agreements_owner_login_people"), "people", ["owner_login"], ["login"],
            onupdate="CASCADE",
        )
    # Each free-text owner becomes the person of that name (either script, any case; 0005
    # registered every owner of its day under exactly that name). An owner nobody is named
    # like is registered as 0005 did: an active editor whose login is derived from the name.
    bind = op.get_bind()
    people = bind.execute(
        sa.text("SELECT login, name, name_local FROM people ORDER BY id")
    ).all()
    by_name: dict[str, str] = {}
    for login, name, name_local in people:
        for n in (name, name_local):
            if n:
                by_name.setdefault(n.strip().casefold(), login)
    taken = {login for login, _, _ in people}
    owners = bind.execute(
        sa.text("SELECT DISTINCT owner FROM agreements WHERE owner <> ''")
    ).scalars().all()
    now = app.domain.types.utcnow()
    for owner in sorted(owners):
        login = by_name.get(owner.strip().casefold())
        if login is None:
            login = login_for(owner, taken)
            by_name[owner.strip().casefold()] = login
            op.bulk_insert(PEOPLE, [
                {"login": login, "name": owner.strip(), "name_local": None, "email": "",
                 "team": "", "role": "editor", "active": True, "created_at": now}
            ])
        bind.execute(
            sa.text("UPDATE agreements SET owner_login = :login WHERE owner = :owner"),
            {"login": login, "owner": owner},
        )
    # Lists and reports keep reading the owner's name from agreements.owner (no join on a
    # list of a million rows); from now on it is the register's name of owner_login.
    bind.execute(
        sa.text(
            "UPDATE agreements SET owner = (SELECT name FROM people"
            " WHERE people.login = agreements.owner_login) WHERE owner_login IS NOT NULL"
        )
    )


def downgrade() -> None:
    with op.batch_alter_table("agreements", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_agreements_owner_login_people"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_agreements_owner_login"))
        batch_op.drop_column("owner_login")
