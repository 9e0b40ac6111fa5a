"""terms that fit each type: direct-sales procurement on brand agreements, import mode and
duty on logistics, festival and actual results on marketing, licence and reserve on
payment, trademarks on brand, traffic commitments on platform

Carried over from what the database already says (nothing else is invented):

- a direct-sales brand agreement's ``purchase_currency`` is the agreement's currency (the
  currency its annual minimum purchase is already written in); platform-model ones stay
  blank, as validation requires;
- a marketing agreement's ``festival``: from its title first ("618", "Double 11" / "双11"
  / "11.11", "Black Friday", "Chinese New Year" / "Spring Festival" / "春节", "Brand day" /
  "品牌日"), else from its campaign dates: a campaign running over 18 June is a 618 one,
  over 11 November a Double 11 one; otherwise blank (not "other": nobody said so);
- a logistics agreement offering the bonded-warehouse service gets ``import_mode`` bonded
  import; the others stay blank (direct mail and general trade cannot be told apart).

Every other new term starts blank (lists empty, yes/no "no").

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03 13:20:00
"""

from __future__ import annotations

from datetime import date
from typing import Any

import sqlalchemy as sa
from alembic import op

import app.domain.types

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

_TITLE_FESTIVALS = (
    ("618", ("618",)),
    ("double_11", ("double 11", "double eleven", "双11", "双十一", "11.11", "singles' day")),
    ("black_friday", ("black friday", "黑五", "黑色星期五")),
    ("chinese_new_year", ("chinese new year", "spring festival", "lunar new year", "春节")),
    ("brand_day", ("brand day", "品牌日")),
)


def _enum(name: str, *values: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, length=32)


def _columns() -> dict[str, list[sa.Column[Any]]]:
    money = app.domain.types.ScaledDecimal(18, 2)
    percent = app.domain.types.ScaledDecimal(9, 4)
    lines = app.domain.types.StringList()
    # NOT NULL columns get a server default so that the rows already there have a value.
    return {
        "brand_terms": [
            sa.Column("trademark_numbers", lines, nullable=False, server_default=""),
            sa.Column("trademark_holder", sa.String(200), nullable=False, server_default=""),
            sa.Column("purchase_currency", sa.String(3), nullable=True),
            sa.Column(
                "payment_terms",
                _enum("paymentterms", "prepayment", "net_30", "net_60", "letter_of_credit"),
                nullable=True,
            ),
            sa.Column("payment_days", sa.Integer(), nullable=True),
            sa.Column("minimum_order", money, nullable=True),
            sa.Column("lead_time_days", sa.Integer(), nullable=True),
            sa.Column(
                "inventory_holder",
                _enum("inventoryholder", "platform", "brand", "third_party_warehouse"),
                nullable=True,
            ),
            sa.Column("bonded_warehouse", sa.String(200), nullable=False, server_default=""),
            sa.Column("min_shelf_life_days", sa.Integer(), nullable=True),
            sa.Column(
                "near_expiry_returnable", sa.Boolean(), nullable=False, server_default=sa.false()
            ),
        ],
        "logistics_terms": [
            sa.Column(
                "import_mode",
                _enum("importmode", "bonded_import", "direct_mail", "general_trade"),
                nullable=True,
            ),
            sa.Column(
                "duty_payer",
                _enum("dutypayer", "platform", "partner", "consumer", "shared"),
                nullable=True,
            ),
            sa.Column("warehouse_locations", lines, nullable=False, server_default=""),
        ],
        "marketing_terms": [
            sa.Column(
                "festival",
                _enum(
                    "festival", "double_11", "618", "black_friday", "chinese_new_year",
                    "brand_day", "other",
                ),
                nullable=True,
            ),
            sa.Column("actual_spend", money, nullable=True),
            sa.Column("actual_impressions", sa.BigInteger(), nullable=True),
            sa.Column("actual_conversion_rate_pct", percent, nullable=True),
            sa.Column("actual_roi", percent, nullable=True),
        ],
        "payment_terms": [
            sa.Column("payment_licence_no", sa.String(200), nullable=False, server_default=""),
            sa.Column("licence_jurisdiction", sa.String(200), nullable=False, server_default=""),
            sa.Column("reserve_deposit", money, nullable=True),
        ],
        "platform_terms": [
            sa.Column("committed_monthly_uv", sa.BigInteger(), nullable=True),
            sa.Column("placement_slots", lines, nullable=False, server_default=""),
        ],
    }  # fmt: skip


def upgrade() -> None:
    for table, columns in _columns().items():
        for column in columns:
            # ADD COLUMN in place on both backends: no table copy of a million rows.
            op.add_column(table, column)
    _carry_over()


def _carry_over() -> None:
    op.execute(
        "UPDATE brand_terms SET purchase_currency = "
        "(SELECT a.currency FROM agreements a WHERE a.id = brand_terms.id) "
        "WHERE operating_model = 'direct'"
    )
    op.execute(
        "UPDATE logistics_terms SET import_mode = 'bonded_import' "
        "WHERE services LIKE '%bonded_warehouse%'"
    )
    bind = op.get_bind()
    rows = bind.execute(
        sa.text(
            "SELECT m.id, a.title, m.campaign_start, m.campaign_end "
            "FROM marketing_terms m JOIN agreements a ON a.id = m.id"
        )
    )
    found = [
        {"id": row[0], "festival": festival}
        for row in rows
        if (festival := festival_of(row[1], _day(row[2]), _day(row[3]))) is not None
    ]
    update = sa.text("UPDATE marketing_terms SET festival = :festival WHERE id = :id")
    for start in range(0, len(found), 10_000):
        bind.execute(update, found[start : start + 10_000])


def _day(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])  # SQLite gives the stored text


def festival_of(title: str, start: date | None, end: date | None) -> str | None:
    """The festival a campaign's title names, else the one its dates run over."""
    text = (title or "").casefold()
    for festival, words in _TITLE_FESTIVALS:
        if any(word in text for word in words):
            return festival
    if start is None or end is None or end < start:
        return None
    for year in range(start.year, end.year + 1):
        if start <= date(year, 6, 18) <= end:
            return "618"
        if start <= date(year, 11, 11) <= end:
            return "double_11"
    return None


def downgrade() -> None:
    for table, columns in _columns().items():
        with op.batch_alter_table(table) as batch:
            for column in reversed(columns):
                batch.drop_column(column.name)
