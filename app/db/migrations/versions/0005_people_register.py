"""people register; owners become people; the database names the audit actor

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03 09:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import app.domain.types
from app.domain.logins import login_for

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

# On PostgreSQL the actor of an audit entry is the login the connection was opened with,
# set by the server: a client cannot write someone else's name into the history.
# session_user, not current_user: SET ROLE (or a SECURITY DEFINER function) changes
# current_user, never the login that authenticated.
ACTOR_FUNCTION = """
CREATE FUNCTION partnerdesk_audit_actor() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.actor := session_user;
    RETURN NEW;
END
$$
"""
ACTOR_TRIGGER = """
CREATE TRIGGER audit_log_actor BEFORE INSERT OR UPDATE ON audit_log
FOR EACH ROW EXECUTE FUNCTION partnerdesk_audit_actor()
"""


def upgrade() -> None:
    people = op.create_table('people',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('login', sa.String(length=120), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('name_local', sa.String(length=200), nullable=True),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('team', sa.String(length=120), nullable=False),
    sa.Column('role', sa.Enum('viewer', 'editor', 'approver', 'admin', name='role', native_enum=False, length=16), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', app.domain.types.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_people')),
    sa.UniqueConstraint('login', name=op.f('uq_people_login'))
    )
    # Today's free-text owners become people (editors: they own agreements), named exactly
    # as the lists, filters and reports show them, so those keep working unchanged.
    bind = op.get_bind()
    owners = bind.execute(
        sa.text("SELECT DISTINCT owner FROM agreements WHERE owner <> '' ORDER BY owner")
    ).scalars().all()
    taken: set[str] = set()
    now = app.domain.types.utcnow()
    rows = [
        {"login": login_for(o, taken), "name": o, "name_local": None, "email": "",
         "team": "", "role": "editor", "active": True, "created_at": now}
        for o in owners
    ]
    if rows:
        op.bulk_insert(people, rows)
    if bind.dialect.name == "postgresql":
        op.execute(ACTOR_FUNCTION)
        op.execute(ACTOR_TRIGGER)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_log_actor ON audit_log")
        op.execute("DROP FUNCTION IF EXISTS partnerdesk_audit_actor()")
    op.drop_table('people')
