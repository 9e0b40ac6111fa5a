"""The four roles as PostgreSQL group roles, so that the server enforces them.

``partnerdesk_viewer`` reads everything; ``partnerdesk_editor`` is a viewer that also
writes partners and agreements (with their terms, contacts, milestones, KPIs, documents
and history lines); ``partnerdesk_approver`` is an editor who also records approvals;
``partnerdesk_admin`` may do anything, including deleting, the people register, settings
and FX rates. Each group is a member of the one below, so a grant is made once.

Group roles belong to the server, not to one database: every PartnerDesk database on a
server shares them, each with its own GRANTs. :func:`apply_grants` is idempotent; it
runs whenever people are added or change role, and a migration that adds a table
should run it too.
"""

from __future__ import annotations

from sqlalchemy import Connection, bindparam, text

from app.domain.roles import Role

GROUP = {role: f"partnerdesk_{role.value}" for role in Role}

# Rows an editor writes while creating and editing partners and agreements.
EDITOR_WRITES = (
    "partners", "agreements", "brand_terms", "logistics_terms", "marketing_terms",
    "payment_terms", "platform_terms", "reference_sequences", "sellers",
)  # fmt: skip
# Rows an editor also removes: an agreement's or partner's parts, replaced when edited.
EDITOR_REMOVES = (
    "partner_roles", "contacts", "milestones", "kpi_definitions", "kpi_actuals", "attachments",
    "seller_stores", "seller_brands", "seller_documents", "seller_violations",
)  # fmt: skip

_CREATE_GROUP = """
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{name}') THEN
        CREATE ROLE {name} NOLOGIN;
    END IF;
END
$$
"""


def _quote(conn: Connection, name: str) -> str:
    return conn.dialect.identifier_preparer.quote_identifier(name)


def apply_grants(conn: Connection) -> None:
    """Create the group roles if the server lacks them and grant this database's tables."""
    for name in GROUP.values():
        conn.execute(text(_CREATE_GROUP.format(name=name)))
    viewer, editor, approver, admin = (GROUP[r] for r in Role)
    conn.execute(text(f"GRANT {viewer} TO {editor}"))
    conn.execute(text(f"GRANT {editor} TO {approver}"))
    conn.execute(text(f"GRANT {approver} TO {admin}"))
    conn.execute(text(f"GRANT USAGE ON SCHEMA public TO {viewer}"))
    conn.execute(text(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {viewer}"))
    conn.execute(text(f"GRANT INSERT, UPDATE ON {', '.join(EDITOR_WRITES)} TO {editor}"))
    removes = ", ".join(EDITOR_REMOVES)
    conn.execute(text(f"GRANT INSERT, UPDATE, DELETE ON {removes} TO {editor}"))
    conn.execute(text(f"GRANT INSERT ON audit_log TO {editor}"))
    conn.execute(text(f"GRANT INSERT ON approvals TO {approver}"))
    # UPDATE too: an import's bulk insert gives ids itself and then moves the sequence on
    # (setval, app/db/bulk.py), which needs it.
    conn.execute(text(f"GRANT USAGE, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {editor}"))
    conn.execute(text(f"GRANT INSERT ON notification_log TO {editor}"))
    conn.execute(text(f"GRANT ALL ON ALL TABLES IN SCHEMA public TO {admin} WITH GRANT OPTION"))
    conn.execute(text(f"GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO {admin} WITH GRANT OPTION"))


def login_exists(conn: Connection, login: str) -> bool:
    found = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": login})
    return found.first() is not None


def create_login(conn: Connection, login: str, password: str) -> None:
    """A database login whose password the server never sees in plain text.

    libpq hashes it here (SCRAM-SHA-256), so neither the statement log nor
    pg_stat_activity shows the password.
    """
    pgconn = conn.connection.driver_connection.pgconn  # type: ignore[union-attr]
    verifier = pgconn.encrypt_password(password.encode(), login.encode(), b"scram-sha-256")
    literal = verifier.decode().replace("'", "''")
    # Not text(): the SCRAM verifier holds ":" that would read as bind parameters.
    conn.exec_driver_sql(f"CREATE ROLE {_quote(conn, login)} LOGIN PASSWORD '{literal}'")


def grant_role(conn: Connection, login: str, role: Role | None) -> None:
    """Make ``login`` a member of exactly ``role``'s group (of none when ``None``)."""
    who = _quote(conn, login)
    for group in GROUP.values():
        conn.execute(text(f"REVOKE {group} FROM {who}"))
    if role is not None:
        # Admins may hand roles on to the people they register.
        option = " WITH ADMIN OPTION" if role is Role.ADMIN else ""
        for group in GROUP.values() if role is Role.ADMIN else (GROUP[role],):
            conn.execute(text(f"GRANT {group} TO {who}{option}"))


def role_of(conn: Connection) -> Role | None:
    """The highest PartnerDesk role the connected login holds, or None (also on a server
    where no PartnerDesk database made the group roles yet)."""
    held = set(
        conn.execute(
            text(
                "SELECT rolname FROM pg_roles WHERE rolname IN :groups"
                " AND pg_has_role(session_user, oid, 'MEMBER')"
            ).bindparams(bindparam("groups", expanding=True)),
            {"groups": list(GROUP.values())},
        ).scalars()
    )
    return next((role for role in reversed(Role) if GROUP[role] in held), None)
