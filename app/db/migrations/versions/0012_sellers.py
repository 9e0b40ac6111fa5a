"""the seller register (platform model): sellers, stores, brands under brand agreements,
qualification documents, violations

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03 12:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import app.domain.types

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

# Databases whose people already hold group roles (app/db/grants.py): editors keep sellers.
GRANTS = """
DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'partnerdesk_admin') THEN
        GRANT SELECT ON sellers, seller_stores, seller_brands, seller_documents,
            seller_violations TO partnerdesk_viewer;
        GRANT INSERT, UPDATE ON sellers TO partnerdesk_editor;
        GRANT INSERT, UPDATE, DELETE ON seller_stores, seller_brands, seller_documents,
            seller_violations TO partnerdesk_editor;
        GRANT ALL ON sellers, seller_stores, seller_brands, seller_documents,
            seller_violations TO partnerdesk_admin WITH GRANT OPTION;
        GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO partnerdesk_editor;
        GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO partnerdesk_admin WITH GRANT OPTION;
    END IF;
END
$$
"""


def _enum(name: str, *values: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, length=32)


def upgrade() -> None:
    money = app.domain.types.ScaledDecimal(precision=18, scale=2)
    op.create_table(
        "sellers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("legal_name", sa.String(length=200), nullable=False),
        sa.Column("local_name", sa.String(length=200), nullable=True),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column(
            "status",
            _enum("sellerstatus", "onboarding", "active", "suspended", "terminated"),
            nullable=False,
        ),
        sa.Column("deposit_amount", money, nullable=False),
        sa.Column("deposit_currency", sa.String(length=3), nullable=False),
        sa.Column(
            "deposit_status", _enum("depositstatus", "paid", "held", "forfeited"), nullable=False
        ),
        sa.Column(
            "on_time_shipment_pct",
            app.domain.types.ScaledDecimal(precision=9, scale=4),
            nullable=True,
        ),
        sa.Column(
            "dispute_rate_pct", app.domain.types.ScaledDecimal(precision=9, scale=4), nullable=True
        ),
        sa.Column("rating", app.domain.types.ScaledDecimal(precision=4, scale=2), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", app.domain.types.UTCDateTime(), nullable=False),
        sa.Column("updated_at", app.domain.types.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sellers")),
        sa.UniqueConstraint("legal_name", "country", name=op.f("uq_sellers_legal_name_country")),
    )
    op.create_index(op.f("ix_sellers_legal_name"), "sellers", ["legal_name"], unique=False)
    op.create_table(
        "seller_stores",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seller_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("url", sa.String(length=300), nullable=False),
        sa.Column("shop_id", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["seller_id"],
            ["sellers.id"],
            name=op.f("fk_seller_stores_seller_id_sellers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_seller_stores")),
    )
    op.create_index(
        op.f("ix_seller_stores_seller_id"), "seller_stores", ["seller_id"], unique=False
    )
    op.create_table(
        "seller_brands",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seller_id", sa.Integer(), nullable=False),
        sa.Column("agreement_id", sa.Integer(), nullable=False),
        sa.Column("brand", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["agreement_id"],
            ["agreements.id"],
            name=op.f("fk_seller_brands_agreement_id_agreements"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["seller_id"],
            ["sellers.id"],
            name=op.f("fk_seller_brands_seller_id_sellers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_seller_brands")),
        sa.UniqueConstraint(
            "seller_id",
            "agreement_id",
            "brand",
            name=op.f("uq_seller_brands_seller_id_agreement_id_brand"),
        ),
    )
    op.create_index(
        op.f("ix_seller_brands_agreement_id"), "seller_brands", ["agreement_id"], unique=False
    )
    op.create_index(
        op.f("ix_seller_brands_seller_id"), "seller_brands", ["seller_id"], unique=False
    )
    op.create_table(
        "seller_documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seller_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            _enum("sellerdocumentkind", "business_licence", "brand_authorisation", "import_permit"),
            nullable=False,
        ),
        sa.Column("number", sa.String(length=120), nullable=False),
        sa.Column("expires_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["seller_id"],
            ["sellers.id"],
            name=op.f("fk_seller_documents_seller_id_sellers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_seller_documents")),
    )
    op.create_index(
        op.f("ix_seller_documents_expires_on"), "seller_documents", ["expires_on"], unique=False
    )
    op.create_index(
        op.f("ix_seller_documents_seller_id"), "seller_documents", ["seller_id"], unique=False
    )
    op.create_table(
        "seller_violations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seller_id", sa.Integer(), nullable=False),
        sa.Column("occurred_on", sa.Date(), nullable=False),
        sa.Column(
            "kind",
            _enum("violationkind", "counterfeit", "late_shipment", "false_advertising", "customs"),
            nullable=False,
        ),
        sa.Column("severity", _enum("severity", "minor", "major", "critical"), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("penalty", money, nullable=True),
        sa.Column("penalty_currency", sa.String(length=3), nullable=True),
        sa.Column("deduction", money, nullable=False),
        sa.Column(
            "status",
            _enum("violationstatus", "open", "upheld", "appealed", "dismissed"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["seller_id"],
            ["sellers.id"],
            name=op.f("fk_seller_violations_seller_id_sellers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_seller_violations")),
    )
    op.create_index(
        op.f("ix_seller_violations_occurred_on"),
        "seller_violations",
        ["occurred_on"],
        unique=False,
    )
    op.create_index(
        op.f("ix_seller_violations_seller_id"), "seller_violations", ["seller_id"], unique=False
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(GRANTS)


def downgrade() -> None:
    for table in (
        "seller_violations",
        "seller_documents",
        "seller_brands",
        "seller_stores",
        "sellers",
    ):
        op.drop_table(table)
