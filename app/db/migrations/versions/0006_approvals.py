"""approval policies and approvals; the database names the approver

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03 09:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import app.domain.types

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

# As the audit actor (0005): the server, not the client, says who approved.
LOGIN_FUNCTION = """
CREATE FUNCTION partnerdesk_approval_login() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.login := session_user;
    RETURN NEW;
END
$$
"""
LOGIN_TRIGGER = """
CREATE TRIGGER approvals_login BEFORE INSERT OR UPDATE ON approvals
FOR EACH ROW EXECUTE FUNCTION partnerdesk_approval_login()
"""
# Databases whose people already hold group roles: the new tables' grants (app/db/grants.py).
GRANTS = """
DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'partnerdesk_admin') THEN
        GRANT SELECT ON approval_policies, approvals TO partnerdesk_viewer;
        GRANT INSERT ON approvals TO partnerdesk_approver;
        GRANT ALL ON approval_policies, approvals TO partnerdesk_admin WITH GRANT OPTION;
        GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO partnerdesk_editor;
        GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO partnerdesk_admin WITH GRANT OPTION;
    END IF;
END
$$
"""


def upgrade() -> None:
    op.create_table('approval_policies',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('agreement_type', sa.Enum('brand', 'logistics', 'marketing', 'payment', 'platform', name='agreementtype', native_enum=False, length=32), nullable=True),
    sa.Column('min_value', app.domain.types.ScaledDecimal(precision=18, scale=2), nullable=False),
    sa.Column('approvals', sa.Integer(), nullable=False),
    sa.Column('admin_required', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_approval_policies')),
    sa.UniqueConstraint('agreement_type', 'min_value', name=op.f('uq_approval_policies_agreement_type_min_value'))
    )
    op.create_table('approvals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('agreement_id', sa.Integer(), nullable=False),
    sa.Column('login', sa.String(length=120), nullable=False),
    sa.Column('approved', sa.Boolean(), nullable=False),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('terms_digest', sa.String(length=64), nullable=False),
    sa.Column('at', app.domain.types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['agreement_id'], ['agreements.id'], name=op.f('fk_approvals_agreement_id_agreements'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_approvals'))
    )
    with op.batch_alter_table('approvals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_approvals_agreement_id'), ['agreement_id'], unique=False)
    if op.get_bind().dialect.name == "postgresql":
        op.execute(LOGIN_FUNCTION)
        op.execute(LOGIN_TRIGGER)
        op.execute(GRANTS)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS approvals_login ON approvals")
        op.execute("DROP FUNCTION IF EXISTS partnerdesk_approval_login()")
    with op.batch_alter_table('approvals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_approvals_agreement_id'))
    op.drop_table('approvals')
    op.drop_table('approval_policies')
