"""Small SQL constructs that must read differently per database."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Boolean, String, literal
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

from app.db.search_terms import escape_like, is_gram, like_pattern, pg_grams_of

__all__ = ["contains_text", "escape_like", "may_hold_gram", "unindexed"]


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


class _HoldsGram(FunctionElement[bool]):
    type = Boolean()
    inherit_cache = True
    name = "holds_gram"


@compiles(_HoldsGram, "postgresql")
def _gram_key(element: _HoldsGram, compiler: SQLCompiler, **kw: Any) -> str:
    *columns, needle = [compiler.process(c, **kw) for c in element.clauses]
    return f"{pg_grams_of(', '.join(columns))} @> ARRAY[lower(CAST({needle} AS text))]"


@compiles(_HoldsGram)
def _no_grams(_element: _HoldsGram, _compiler: SQLCompiler, **_kw: Any) -> str:
    return "1 = 1"


def may_hold_gram(text: str, *columns: Any) -> Any | None:
    """PostgreSQL: rows whose ``columns`` may contain ``text`` (one or two characters) as
    the gram index over exactly these columns says (migration 0019), so that a query of a
    small table reads it through that index, not by a scan that tries each row's LIKE; true
    elsewhere. None when ``text`` is no gram. Never for a big table's walk: each row it is
    tried on would have its grams computed."""
    return _HoldsGram(*columns, literal(text)) if is_gram(text) else None


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


@compiles(_Unindexed, "postgresql")
def _computed(element: _Unindexed, compiler: SQLCompiler, **kw: Any) -> str:
    (column,) = list(element.clauses)
    text = compiler.process(column, **kw)
    # The same values in the same order (a text keeps its collation), no longer the
    # indexed column's: PostgreSQL matches an ORDER BY to an index by its expression.
    return f"({text} || '')" if isinstance(column.type, String) else f"({text} + 0)"


def unindexed(column: Any) -> Any:
    """``column`` in an ORDER BY that the database must not answer by walking its index.

    It sorts the rows a filter's index found instead of walking the sort column's index
    past rows the filter rejects. SQLite: its unary ``+`` (its documented hint).
    PostgreSQL: the column as an expression no index holds (``|| ''`` for a text, ``+ 0``
    for a number or a date), for when its statistics cannot tell that the filter's rows
    cluster at the far end of the sort order (``listing.first_screens._pg_dated_first``).
    """
    return _Unindexed(column)
