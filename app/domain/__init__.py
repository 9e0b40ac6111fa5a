"""Domain model: enums, money, countries and the SQLAlchemy mapped classes."""
