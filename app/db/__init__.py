"""Engine, sessions and schema migrations."""

from app.db.engine import Database, default_database_path, open_database

__all__ = ["Database", "default_database_path", "open_database"]
