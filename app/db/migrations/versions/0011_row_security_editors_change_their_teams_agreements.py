"""row-level security: editors change only their own or their team's agreements, if the
team turns it on (setting editors_change_own_only)

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03 11:30:00
"""

from __future__ import annotations

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

# May the connected login change an agreement owned by ``owner``? Yes unless the team
# turned the rule on; then only its owner, someone of the owner's team (people.team, not
# blank), an approver or an admin. An agreement nobody owns stays open to every editor.
# session_user, as the audit actor: the login that authenticated, whatever SET ROLE says.
# The GRANTs still decide who may write at all (a viewer writes nothing).
MAY_CHANGE = """
CREATE FUNCTION partnerdesk_may_change(owner text) RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT owner IS NULL
        OR coalesce((SELECT value FROM settings WHERE key = 'editors_change_own_only'), '')
           <> 'on'
        OR owner = session_user
        OR EXISTS (SELECT FROM pg_roles r WHERE r.rolname = 'partnerdesk_approver'
                   AND pg_has_role(session_user, r.oid, 'MEMBER'))
        OR EXISTS (SELECT FROM people me JOIN people o ON o.team = me.team
                   WHERE me.login = session_user AND o.login = owner AND me.team <> '')
$$
"""
MAY_CHANGE_AGREEMENT = """
CREATE FUNCTION partnerdesk_may_change_agreement(agreement integer) RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT partnerdesk_may_change((SELECT owner_login FROM agreements WHERE id = agreement))
$$
"""
MAY_CHANGE_KPI = """
CREATE FUNCTION partnerdesk_may_change_kpi(kpi integer) RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT partnerdesk_may_change_agreement(
        (SELECT agreement_id FROM kpi_definitions WHERE id = kpi))
$$
"""
# Each table an agreement is made of, and how its rows name their agreement.
GUARDED = {
    "agreements": "partnerdesk_may_change(owner_login)",
    **{t: "partnerdesk_may_change_agreement(id)" for t in (
        "brand_terms", "logistics_terms", "marketing_terms", "payment_terms", "platform_terms")},
    **{t: "partnerdesk_may_change_agreement(agreement_id)" for t in (
        "kpi_definitions", "milestones", "attachments")},
    "kpi_actuals": "partnerdesk_may_change_kpi(kpi_id)",
}


# An editor's import gives ids itself and moves the sequences on (setval needs UPDATE);
# databases whose people hold group roles already get it here, new ones from apply_grants.
SEQUENCES = """
DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'partnerdesk_editor') THEN
        GRANT USAGE, UPDATE ON ALL SEQUENCES IN SCHEMA public TO partnerdesk_editor;
    END IF;
END
$$
"""


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return  # one desk, one person: nothing to keep apart
    op.execute(SEQUENCES)
    op.execute(MAY_CHANGE)
    op.execute(MAY_CHANGE_AGREEMENT)
    op.execute(MAY_CHANGE_KPI)
    for table, may in GUARDED.items():
        # Reading is everyone's; the table's owner (who migrates) is not subject to these.
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        op.execute(f"CREATE POLICY partnerdesk_read ON {table} FOR SELECT USING (true)")
        op.execute(f"CREATE POLICY partnerdesk_insert ON {table} FOR INSERT WITH CHECK ({may})")
        op.execute(
            f"CREATE POLICY partnerdesk_update ON {table} FOR UPDATE USING ({may})"
            f" WITH CHECK ({may})"
        )
        op.execute(f"CREATE POLICY partnerdesk_delete ON {table} FOR DELETE USING ({may})")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in GUARDED:
        for policy in ("read", "insert", "update", "delete"):
            op.execute(f"DROP POLICY IF EXISTS partnerdesk_{policy} ON {table}")
        op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
    op.execute("DROP FUNCTION IF EXISTS partnerdesk_may_change_kpi(integer)")
    op.execute("DROP FUNCTION IF EXISTS partnerdesk_may_change_agreement(integer)")
    op.execute("DROP FUNCTION IF EXISTS partnerdesk_may_change(text)")
