"""Column types that keep money exact and time zone-aware on every database."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, DateTime, Dialect, Numeric, Text
from sqlalchemy.types import TypeDecorator, TypeEngine


class ScaledDecimal(TypeDecorator[Decimal]):
    """A ``Decimal`` with a fixed number of places.

    PostgreSQL stores ``NUMERIC(p, s)``. SQLite has no exact decimal type (its NUMERIC is a
    float), so there the value is stored as an integer count of ``10**-scale`` units: sums
    in SQL stay exact and SQLAlchemy never warns about lossy Decimal storage.
    """

    impl = Numeric
    cache_ok = True

    def __init__(self, precision: int = 18, scale: int = 2) -> None:
        super().__init__()
        self.precision = precision
        self.scale = scale
        self._unit = Decimal(1).scaleb(-scale)

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(BigInteger())
        return dialect.type_descriptor(Numeric(self.precision, self.scale, asdecimal=True))

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if not isinstance(value, Decimal):
            value = Decimal(str(value))
        if dialect.name == "sqlite":
            return int(value.scaleb(self.scale).to_integral_value())
        return value.quantize(self._unit)

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        if dialect.name == "sqlite":
            # SUM() of BIGINT comes back as int; AVG() could come back as float, which we
            # never ask SQLite for on these columns.
            return (Decimal(int(value)) * self._unit).quantize(self._unit)
        return Decimal(value).quantize(self._unit)

    @property
    def python_type(self) -> type[Decimal]:
        return Decimal

    def __repr__(self) -> str:
        # Alembic writes this into migrations: the scale must survive.
        return f"{type(self).__name__}({self.precision}, {self.scale})"


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC timestamps, stored naive-UTC where the database has no zone."""

    impl = DateTime
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        return dialect.type_descriptor(DateTime(timezone=dialect.name != "sqlite"))

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given where a UTC timestamp is required")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime)
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class StringList(TypeDecorator[tuple[str, ...]]):
    """An ordered list of short strings (brands, routes, enum values), one per line.

    Lines, not commas, because brand and legal names contain commas.
    """

    impl = Text
    cache_ok = True

    def process_bind_param(
        self, value: tuple[str, ...] | list[str] | None, dialect: Dialect
    ) -> Any:
        if value is None:
            return ""
        return "\n".join(str(v).strip() for v in value if str(v).strip())

    def process_result_value(self, value: Any, dialect: Dialect) -> tuple[str, ...]:
        if not value:
            return ()
        return tuple(line for line in str(value).split("\n") if line)


def utcnow() -> datetime:
    return datetime.now(UTC)
