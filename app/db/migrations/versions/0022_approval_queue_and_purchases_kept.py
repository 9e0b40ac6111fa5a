"""what the dashboard's approval queue and minimum purchases read, kept by the database:
approval_requests (one row per agreement pending approval: what the queue filters and
sorts by, its request time, its author and whether anybody decided on it) and
purchase_tallies (annual minimum purchases of brand agreements per status, operating
model, currency and end month); approvals indexed by agreement, login and decision

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-03 18:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import app.domain.types

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None

PENDING = "'pending_approval'"
# History lines that change no terms (app.services.approvals.NOT_AUTHORING): nobody
# becomes an agreement's author by writing them. Written here as the rule stood when the
# triggers were made: changing the rule needs a migration (a test compares the two).
NOT_AUTHORING = (
    "('approval', 'attachments', 'decision_date', 'description', 'kpis', 'milestones', "
    "'owner', 'reference', 'signed_date', 'status', 'title')"
)
# approvals.author: the newest history line that created the agreement or changed its terms.
AUTHOR = (
    "coalesce((SELECT l.actor FROM audit_log l WHERE l.entity = 'agreement'"
    " AND l.entity_id = {id} AND (l.action = 'create' OR (l.field <> ''"
    f" AND l.field NOT IN {NOT_AUTHORING})) ORDER BY l.at DESC, l.id DESC LIMIT 1), '')"
)
# When it last went to pending approval, its creation when it was created so.
REQUESTED = (
    "coalesce((SELECT max(l.at) FROM audit_log l WHERE l.entity = 'agreement'"
    f" AND l.entity_id = {{id}} AND l.field = 'status' AND l.new_value = {PENDING}),"
    " {created})"
)
# A history line that can change either: an authoring line or a move to pending approval.
TELLS = (
    "{r}.entity = 'agreement' AND ({r}.action = 'create' OR ({r}.field <> ''"
    f" AND {{r}}.field NOT IN {NOT_AUTHORING}) OR ({{r}}.field = 'status'"
    f" AND {{r}}.new_value = {PENDING}))"
)
REQUEST_COLUMNS = (
    "agreement_id, type, currency, value, reference, requested_at, requested_by, decided"
)
# Whether any decision (of anybody, on any terms) is recorded on the agreement.
DECIDED = "EXISTS (SELECT 1 FROM approvals p WHERE p.agreement_id = {id})"


def _request_row(r: str) -> str:
    """The approval_requests row of agreement row ``r`` (a SELECT list)."""
    return (
        f"{r}.id, {r}.type, {r}.currency, {r}.value, {r}.reference, "
        + REQUESTED.format(id=f"{r}.id", created=f"{r}.created_at")
        + ", "
        + AUTHOR.format(id=f"{r}.id")
        + ", "
        + DECIDED.format(id=f"{r}.id")
    )


def _recomputed(id_: str) -> str:
    """The SET list of an agreement's request time and author, from its history now."""
    created = f"(SELECT a.created_at FROM agreements a WHERE a.id = {id_})"
    return (
        "requested_at = " + REQUESTED.format(id=id_, created=created)
        + ", requested_by = " + AUTHOR.format(id=id_)
    )  # fmt: skip


# --- Minimum purchases: brand agreements with an annual minimum, summed per status,
# operating model, currency and end month. Like 0015's totals, every trigger moves one
# agreement from its key before the change to its key after it, in whatever order an
# agreement and its terms are written or deleted: an agreement counts while both rows
# exist (its insert or its terms' insert adds it, whichever comes second; a delete
# subtracts it while the other row is still there).
PURCHASE_KEY = "status, operating_model, currency, end_month"
S_MONTH = "substr({a}.end_date, 1, 7)"
P_MONTH = "to_char({a}.end_date, 'YYYY-MM')"


def _s_purchase(agreement: str, terms: str, sign: str, where: str) -> str:
    """Add (sign '') or subtract (sign '-') agreement row ``agreement`` with brand terms
    row ``terms`` (either may be a trigger's NEW/OLD or a table alias)."""
    return (
        f"INSERT INTO purchase_tallies ({PURCHASE_KEY}, agreements, value) "
        f"SELECT {agreement}.status, {terms}.operating_model, {agreement}.currency, "
        f"{S_MONTH.format(a=agreement)}, {sign}1, {sign}{terms}.annual_minimum_purchase "
        f"{where} AND {agreement}.type = 'brand' "
        f"AND {terms}.annual_minimum_purchase IS NOT NULL "
        f"ON CONFLICT ({PURCHASE_KEY}) DO UPDATE SET agreements = agreements + "
        "excluded.agreements, value = value + excluded.value"
    )


def _s_agreement(r: str, sign: str) -> str:
    return _s_purchase(r, "b", sign, f"FROM brand_terms b WHERE b.id = {r}.id")


def _s_terms(r: str, sign: str) -> str:
    return _s_purchase("a", r, sign, f"FROM agreements a WHERE a.id = {r}.id")


def _s_trigger(event: str, statements: list[str]) -> str:
    """``event`` ("AFTER INSERT ON t", optionally followed by " WHEN condition")."""
    on, _, when = event.partition(" WHEN ")
    condition = f" WHEN {when}" if when else ""
    return f"{on} FOR EACH ROW{condition} BEGIN " + "; ".join(statements) + "; END"


REQUEST_INSERT = (
    f"INSERT INTO approval_requests ({REQUEST_COLUMNS}) SELECT {_request_row('NEW')} "
    f"WHERE NEW.status = {PENDING}"
)
SQLITE_TRIGGERS = {
    "purchase_tally_agreement_insert": _s_trigger(
        "AFTER INSERT ON agreements", [_s_agreement("NEW", "")]
    ),
    "purchase_tally_agreement_update": _s_trigger(
        "AFTER UPDATE OF status, type, currency, end_date ON agreements",
        [_s_agreement("OLD", "-"), _s_agreement("NEW", "")],
    ),
    "purchase_tally_agreement_delete": _s_trigger(
        "BEFORE DELETE ON agreements", [_s_agreement("OLD", "-")]
    ),
    "purchase_tally_brand_insert": _s_trigger(
        "AFTER INSERT ON brand_terms", [_s_terms("NEW", "")]
    ),
    "purchase_tally_brand_update": _s_trigger(
        "AFTER UPDATE OF id, operating_model, annual_minimum_purchase ON brand_terms",
        [_s_terms("OLD", "-"), _s_terms("NEW", "")],
    ),
    "purchase_tally_brand_delete": _s_trigger(
        "AFTER DELETE ON brand_terms", [_s_terms("OLD", "-")]
    ),
    # The queue's row: made when an agreement goes to pending approval, made again when
    # a column it copies changes, gone when it leaves; its history fills in the rest.
    "approval_request_insert": _s_trigger(
        f"AFTER INSERT ON agreements WHEN NEW.status = {PENDING}", [REQUEST_INSERT]
    ),
    "approval_request_update": _s_trigger(
        "AFTER UPDATE OF id, status, type, currency, value, reference, created_at ON agreements"
        f" WHEN OLD.status = {PENDING} OR NEW.status = {PENDING}",
        ["DELETE FROM approval_requests WHERE agreement_id = OLD.id", REQUEST_INSERT],
    ),
    "approval_request_delete": _s_trigger(
        f"AFTER DELETE ON agreements WHEN OLD.status = {PENDING}",
        ["DELETE FROM approval_requests WHERE agreement_id = OLD.id"],
    ),
    "approval_request_history_insert": _s_trigger(
        f"AFTER INSERT ON audit_log WHEN {TELLS.format(r='NEW')}",
        [f"UPDATE approval_requests SET {_recomputed('NEW.entity_id')}"
         " WHERE agreement_id = NEW.entity_id"],
    ),
    "approval_request_history_update": _s_trigger(
        "AFTER UPDATE ON audit_log WHEN OLD.entity = 'agreement' OR NEW.entity = 'agreement'",
        [f"UPDATE approval_requests SET {_recomputed('approval_requests.agreement_id')}"
         " WHERE agreement_id IN (OLD.entity_id, NEW.entity_id)"],
    ),
    "approval_request_history_delete": _s_trigger(
        "AFTER DELETE ON audit_log WHEN OLD.entity = 'agreement'",
        [f"UPDATE approval_requests SET {_recomputed('OLD.entity_id')}"
         " WHERE agreement_id = OLD.entity_id"],
    ),
    # Whether anybody decided on a waiting agreement: the approver's own decisions and
    # rejections are looked for among those only. (Not a mark on the decisions: on
    # PostgreSQL every write of an approval names the session's login as its approver.)
    "approval_request_decision_insert": _s_trigger(
        "AFTER INSERT ON approvals",
        ["UPDATE approval_requests SET decided = 1 WHERE agreement_id = NEW.agreement_id"
         " AND NOT decided"],
    ),
    "approval_request_decision_update": _s_trigger(
        "AFTER UPDATE OF agreement_id ON approvals",
        ["UPDATE approval_requests SET decided = "
         + DECIDED.format(id="approval_requests.agreement_id")
         + " WHERE agreement_id IN (OLD.agreement_id, NEW.agreement_id)"],
    ),
    "approval_request_decision_delete": _s_trigger(
        "AFTER DELETE ON approvals",
        ["UPDATE approval_requests SET decided = "
         + DECIDED.format(id="approval_requests.agreement_id")
         + " WHERE agreement_id = OLD.agreement_id"],
    ),
}  # fmt: skip

# --- PostgreSQL: statement triggers over transition tables where a bulk write (an
# import's COPY) would otherwise call a function per row; row triggers, with a WHEN that
# costs nothing for the rows they leave alone, where writes come one at a time. Every
# function runs as its owner (SECURITY DEFINER), as 0015's do.
P_PURCHASE = """
    INSERT INTO purchase_tallies ({key}, agreements, value)
    SELECT a.status, b.operating_model, a.currency, to_char(a.end_date, 'YYYY-MM'),
           {sign}count(*), {sign}sum(b.annual_minimum_purchase)
    FROM {rows} JOIN {other} WHERE a.type = 'brand' AND b.annual_minimum_purchase IS NOT NULL
    GROUP BY 1, 2, 3, 4
    ON CONFLICT ({key}) DO UPDATE SET agreements = purchase_tallies.agreements
        + excluded.agreements, value = purchase_tallies.value + excluded.value;
"""


def _p_agreements(rows: str, sign: str) -> str:
    return P_PURCHASE.format(key=PURCHASE_KEY, sign=sign, rows=f"{rows} a",
                             other="brand_terms b ON b.id = a.id")  # fmt: skip


def _p_terms(rows: str, sign: str) -> str:
    return P_PURCHASE.format(key=PURCHASE_KEY, sign=sign, rows=f"{rows} b",
                             other="agreements a ON a.id = b.id")  # fmt: skip


# An update: the old rows subtracted and the new ones added, netted per key first, so
# that the many updates that change no key (a title, a payment term) write no total.
P_PURCHASE_UPDATE = """
    INSERT INTO purchase_tallies ({key}, agreements, value)
    SELECT x.status, x.operating_model, x.currency, x.end_month, sum(x.n), sum(x.value)
    FROM (SELECT a.status, b.operating_model, a.currency, to_char(a.end_date, 'YYYY-MM')
                 AS end_month, -1 AS n, -b.annual_minimum_purchase AS value
          FROM {old} WHERE a.type = 'brand' AND b.annual_minimum_purchase IS NOT NULL
          UNION ALL
          SELECT a.status, b.operating_model, a.currency, to_char(a.end_date, 'YYYY-MM'),
                 1, b.annual_minimum_purchase
          FROM {new} WHERE a.type = 'brand' AND b.annual_minimum_purchase IS NOT NULL) x
    GROUP BY 1, 2, 3, 4 HAVING sum(x.n) <> 0 OR sum(x.value) <> 0
    ON CONFLICT ({key}) DO UPDATE SET agreements = purchase_tallies.agreements
        + excluded.agreements, value = purchase_tallies.value + excluded.value;
"""
AGREEMENTS_UPDATE = P_PURCHASE_UPDATE.format(
    key=PURCHASE_KEY, old="old_rows a JOIN brand_terms b ON b.id = a.id",
    new="new_rows a JOIN brand_terms b ON b.id = a.id",
)  # fmt: skip
TERMS_UPDATE = P_PURCHASE_UPDATE.format(
    key=PURCHASE_KEY, old="old_rows b JOIN agreements a ON a.id = b.id",
    new="new_rows b JOIN agreements a ON a.id = b.id",
)  # fmt: skip


OLD_AGREEMENT = (
    "(SELECT OLD.id AS id, OLD.status AS status, OLD.type AS type, OLD.currency AS currency,"
    " OLD.end_date AS end_date)"
)
P_REQUEST_INSERT = (
    f"INSERT INTO approval_requests ({REQUEST_COLUMNS}) SELECT {_request_row('r')} "
    f"FROM {{rows}} r WHERE r.status = {PENDING};"
)
P_RECOMPUTE = (
    f"UPDATE approval_requests SET {_recomputed('approval_requests.agreement_id')} "
    "WHERE agreement_id IN ({ids});"
)
# (function, trigger event, transition tables, body, level, WHEN)
PG_TRIGGERS = [
    ("purchase_tally_agreement_insert", "AFTER INSERT ON agreements", "NEW TABLE AS new_rows",
     _p_agreements("new_rows", ""), "STATEMENT", ""),
    ("purchase_tally_agreement_update", "AFTER UPDATE ON agreements",
     "OLD TABLE AS old_rows NEW TABLE AS new_rows",
     AGREEMENTS_UPDATE, "STATEMENT", ""),
    # BEFORE, per row: a cascade from a deleted partner must not take the terms first.
    ("purchase_tally_agreement_delete", "BEFORE DELETE ON agreements", "",
     _p_agreements(OLD_AGREEMENT, "-"), "ROW", ""),
    ("purchase_tally_brand_insert", "AFTER INSERT ON brand_terms", "NEW TABLE AS new_rows",
     _p_terms("new_rows", ""), "STATEMENT", ""),
    ("purchase_tally_brand_update", "AFTER UPDATE ON brand_terms",
     "OLD TABLE AS old_rows NEW TABLE AS new_rows",
     TERMS_UPDATE, "STATEMENT", ""),
    ("purchase_tally_brand_delete", "AFTER DELETE ON brand_terms", "OLD TABLE AS old_rows",
     _p_terms("old_rows", "-"), "STATEMENT", ""),
    ("approval_request_insert", "AFTER INSERT ON agreements", "NEW TABLE AS new_rows",
     P_REQUEST_INSERT.format(rows="new_rows"), "STATEMENT", ""),
    ("approval_request_update",
     "AFTER UPDATE OF id, status, type, currency, value, reference, created_at ON agreements",
     "", "DELETE FROM approval_requests WHERE agreement_id = OLD.id; "
     + P_REQUEST_INSERT.format(rows="(SELECT NEW.*)"), "ROW",
     f"OLD.status = {PENDING} OR NEW.status = {PENDING}"),
    ("approval_request_delete", "AFTER DELETE ON agreements", "",
     "DELETE FROM approval_requests WHERE agreement_id = OLD.id;", "ROW",
     f"OLD.status = {PENDING}"),
    ("approval_request_history_insert", "AFTER INSERT ON audit_log", "NEW TABLE AS new_rows",
     P_RECOMPUTE.format(ids=f"SELECT r.entity_id FROM new_rows r WHERE {TELLS.format(r='r')}"),
     "STATEMENT", ""),
    ("approval_request_history_update", "AFTER UPDATE ON audit_log",
     "OLD TABLE AS old_rows NEW TABLE AS new_rows",
     P_RECOMPUTE.format(ids="SELECT entity_id FROM old_rows WHERE entity = 'agreement' UNION "
                            "SELECT entity_id FROM new_rows WHERE entity = 'agreement'"),
     "STATEMENT", ""),
    ("approval_request_history_delete", "AFTER DELETE ON audit_log", "OLD TABLE AS old_rows",
     P_RECOMPUTE.format(ids="SELECT entity_id FROM old_rows WHERE entity = 'agreement'"),
     "STATEMENT", ""),
    ("approval_request_decision_insert", "AFTER INSERT ON approvals", "NEW TABLE AS new_rows",
     "UPDATE approval_requests SET decided = true WHERE NOT decided"
     " AND agreement_id IN (SELECT agreement_id FROM new_rows);", "STATEMENT", ""),
    ("approval_request_decision_update", "AFTER UPDATE ON approvals",
     "OLD TABLE AS old_rows NEW TABLE AS new_rows",
     "UPDATE approval_requests SET decided = "
     + DECIDED.format(id="approval_requests.agreement_id")
     + " WHERE agreement_id IN (SELECT agreement_id FROM old_rows UNION"
     " SELECT agreement_id FROM new_rows);", "STATEMENT", ""),
    ("approval_request_decision_delete", "AFTER DELETE ON approvals", "OLD TABLE AS old_rows",
     "UPDATE approval_requests SET decided = "
     + DECIDED.format(id="approval_requests.agreement_id")
     + " WHERE agreement_id IN (SELECT agreement_id FROM old_rows);", "STATEMENT", ""),
]  # fmt: skip

# What the triggers keep, counted from the rows: the start, and the bulk load's rebuild
# (app.db.derived repeats these).
PURCHASES_NOW = f"""
INSERT INTO purchase_tallies ({PURCHASE_KEY}, agreements, value)
SELECT a.status, b.operating_model, a.currency, {{month}}, count(*),
       sum(b.annual_minimum_purchase)
FROM brand_terms b CROSS JOIN agreements a -- brand terms first (SQLite keeps the order)
WHERE a.id = b.id AND a.type = 'brand' AND b.annual_minimum_purchase IS NOT NULL
GROUP BY 1, 2, 3, 4
"""
REQUESTS_NOW = (
    f"INSERT INTO approval_requests ({REQUEST_COLUMNS}) SELECT {_request_row('a')} "
    f"FROM agreements a WHERE a.status = {PENDING}"
)
GRANTS = """
DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'partnerdesk_admin') THEN
        GRANT SELECT ON approval_requests, purchase_tallies TO partnerdesk_viewer;
        GRANT ALL ON approval_requests, purchase_tallies TO partnerdesk_admin WITH GRANT OPTION;
    END IF;
END
$$
"""


def _p_function(name: str, body: str, returns: str) -> str:
    return (
        f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER "
        f"SET search_path = public AS $$\nBEGIN\n{body}\n    RETURN {returns};\nEND\n$$"
    )


def upgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    status = sa.Enum(
        "draft", "negotiation", "pending_approval", "active", "renewed", "expired",
        "terminated", name="agreementstatus", native_enum=False, length=32,
    )  # fmt: skip
    kind = sa.Enum(
        "brand", "logistics", "marketing", "payment", "platform",
        name="agreementtype", native_enum=False, length=32,
    )  # fmt: skip
    op.create_table(
        "approval_requests",
        sa.Column("agreement_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("type", kind, nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("value", app.domain.types.ScaledDecimal(18, 2), nullable=False),
        sa.Column("reference", sa.String(length=40), nullable=False),
        sa.Column("requested_at", app.domain.types.UTCDateTime(), nullable=False),
        sa.Column("requested_by", sa.String(length=120), nullable=False),
        sa.Column("decided", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("agreement_id", name=op.f("pk_approval_requests")),
    )
    # The queue in its order with everything it filters by: a screen is a walk that stops
    # after it, the count one pass over the index alone.
    op.create_index(
        "ix_approval_requests_queue",
        "approval_requests",
        ["requested_at", "reference", "agreement_id", "type", "currency", "value",
         "requested_by"],
    )  # fmt: skip
    op.create_table(
        "purchase_tallies",
        sa.Column("status", status, nullable=False),
        sa.Column("operating_model", sa.String(length=32), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("end_month", sa.String(length=7), nullable=False),
        sa.Column("agreements", sa.Integer(), nullable=False),
        sa.Column("value", app.domain.types.ScaledDecimal(24, 2), nullable=False),
        sa.PrimaryKeyConstraint(
            "status", "operating_model", "currency", "end_month", name=op.f("pk_purchase_tallies")
        ),
    )
    op.execute(PURCHASES_NOW.format(month=(P_MONTH if postgres else S_MONTH).format(a="a")))
    op.execute(REQUESTS_NOW)
    # The waiting agreements somebody decided on, with what the queue filters them by.
    op.create_index(
        "ix_approval_requests_decided",
        "approval_requests",
        ["agreement_id", "type", "currency", "value"],
        postgresql_where=sa.text("decided"),
        sqlite_where=sa.text("decided"),
    )
    # An agreement's decisions with whose and which way, in place of its plain index: the
    # queue reads the approver's own and the rejections from the index alone.
    op.create_index(
        "ix_approvals_agreement_decision", "approvals", ["agreement_id", "login", "approved"]
    )
    op.drop_index("ix_approvals_agreement_id", table_name="approvals")
    if postgres:
        for name, event, tables, body, level, when in PG_TRIGGERS:
            returns = "NEW" if event.startswith("BEFORE INSERT") else (
                "OLD" if event.startswith("BEFORE") else "NULL")  # fmt: skip
            op.execute(_p_function(name, body, returns))
            timing, _, table = event.partition(" ON ")
            referencing = f"REFERENCING {tables} " if tables else ""
            condition = f"WHEN ({when}) " if when else ""
            op.execute(
                f"CREATE TRIGGER {name} {timing} ON {table} {referencing}FOR EACH {level} "
                f"{condition}EXECUTE FUNCTION {name}()"
            )
        op.execute(GRANTS)
    else:
        for name, body in SQLITE_TRIGGERS.items():
            op.execute(f"CREATE TRIGGER {name} {body}")


def downgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    if postgres:
        for name, event, *_ in PG_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name} ON {event.split()[-1]}")
            op.execute(f"DROP FUNCTION IF EXISTS {name}()")
    else:
        for name in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.create_index("ix_approvals_agreement_id", "approvals", ["agreement_id"])
    op.drop_index("ix_approvals_agreement_decision", table_name="approvals")
    op.drop_table("purchase_tallies")
    op.drop_index("ix_approval_requests_decided", table_name="approval_requests")
    op.drop_index("ix_approval_requests_queue", table_name="approval_requests")
    op.drop_table("approval_requests")
