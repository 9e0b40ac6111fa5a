"""the notification sent log; people's language for their reminders

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03 10:50:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import app.domain.types

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

# Databases whose people already hold group roles (app/db/grants.py): whoever runs
# `partnerdesk notify` on a schedule records what was sent, so editors write the log.
GRANTS = """
DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'partnerdesk_admin') THEN
        GRANT SELECT ON notification_log TO partnerdesk_viewer;
        GRANT INSERT ON notification_log TO partnerdesk_editor;
        GRANT ALL ON notification_log TO partnerdesk_admin WITH GRANT OPTION;
        GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO partnerdesk_editor;
        GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO partnerdesk_admin WITH GRANT OPTION;
    END IF;
END
$$
"""


def upgrade() -> None:
    op.create_table(
        "notification_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("occasion", sa.String(length=200), nullable=False),
        sa.Column("login", sa.String(length=120), nullable=False),
        sa.Column("channel", sa.String(length=80), nullable=False),
        sa.Column("reference", sa.String(length=40), nullable=False),
        sa.Column("sent_at", app.domain.types.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notification_log")),
        sa.UniqueConstraint(
            "occasion", "login", "channel", name=op.f("uq_notification_log_occasion_login_channel")
        ),
    )
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("language", sa.String(length=8), nullable=False, server_default="")
        )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(GRANTS)


def downgrade() -> None:
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.drop_column("language")
    op.drop_table("notification_log")
