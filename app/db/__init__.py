"""Engine, sessions and schema migrations."""

from sqlalchemy.orm import Session

from app.db.engine import Database, default_database_path, open_database

# Session is the type of what Database.session() yields: ui/ names it from here, since
# only app/ imports SQLAlchemy.
__all__ = ["Database", "Session", "default_database_path", "open_database"]
