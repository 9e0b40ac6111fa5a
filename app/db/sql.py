"""Small SQL constructs that must read differently per database."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Boolean, literal
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

from app.db.search_terms import escape_like, like_pattern

__all__ = ["contains_text", "escape_like", "unindexed"]


class _ContainsText(FunctionElement[bool]):
    type = Boolean()
    inherit_cache = True
    name = "contains_text"


@compiles(_ContainsText)
def _ilike(element: _ContainsText, compiler: SQLCompiler, **kw: Any) -> str:
    column, pattern = list(element.clauses)
    return f"{compiler.process(column, **kw)} ILIKE {compiler.process(pattern, **kw)} ESCAPE '\\'"


@compiles(_ContainsText, "sqlite")
def _like(element: _ContainsText, compiler: SQLCompiler, **kw: Any) -> str:
    # SQLite's LIKE is already case-insensitive for ASCII (Chinese has no case);
    # SQLAlchemy's ilike() would wrap both sides in lower(), which costs a third more
    # time on a 100,000-row scan.
    column, pattern = list(element.clauses)
    return f"{compiler.process(column, **kw)} LIKE {compiler.process(pattern, **kw)} ESCAPE '\\'"


def contains_text(column: Any, text: str) -> _ContainsText:
    """``column`` contains ``text`` literally (``%`` and ``_`` are not wildcards),
    ignoring case."""
    return _ContainsText(column, literal(like_pattern(text)))


class _Unindexed(FunctionElement[Any]):
    inherit_cache = True
    name = "unindexed"


@compiles(_Unindexed)
def _as_is(element: _Unindexed, compiler: SQLCompiler, **kw: Any) -> str:
    (column,) = list(element.clauses)
    return str(compiler.process(column, **kw))


@compiles(_Unindexed, "sqlite")
def _unary_plus(element: _Unindexed, compiler: SQLCompiler, **kw: Any) -> str:
    (column,) = list(element.clauses)
    return f"+{compiler.process(column, **kw)}"


def unindexed(column: Any) -> Any:
    """``column`` in an ORDER BY that SQLite must not answer by walking its index.

    SQLite's unary ``+`` (its documented hint): it sorts the rows a filter's index found
    instead of walking the sort column's index past rows the filter rejects. Other
    databases choose by their statistics and get the column as it is.
    """
    return _Unindexed(column)
