"""Alembic environment: runs on the connection PartnerDesk hands it (see app.db.migrate)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine

from app.db.search_schema import modelled
from app.domain.models import Base

config = context.config
target_metadata = Base.metadata


def run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite cannot ALTER much
        compare_type=True,
        include_name=modelled,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    run(connection)
else:  # `alembic` command line, for developers writing a new migration
    url = config.get_main_option("sqlalchemy.url") or "sqlite:///partnerdesk-dev.db"
    with create_engine(url).begin() as conn:
        run(conn)
