"""What an import is asked to do (``ImportOptions``), what it shows before (``Preview``,
``preview_file``) and what it says after (``ImportReport``)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from app.errors import FieldError
from app.services.import_format import ColumnMapping, map_columns
from app.services.tabular import Table, sheet_names, text_value

Progress = Callable[[int, int], bool]
NO_DATA_ROWS = "the file has no data rows below its header"

# --- options, preview, report -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ImportOptions:
    encoding: str | None = None  # CSV only; None: detected
    sheet: str | None = None  # XLSX only; None: the first sheet
    kind: str | None = None  # "agreements" | "partners"; None: from the headers
    # A file header -> the column it holds (None: ignore it), for headers we do not know.
    mapping: Mapping[str, str | None] = field(default_factory=dict)
    dry_run: bool = False
    actor: str | None = None


@dataclass(frozen=True, slots=True)
class Preview:
    path: Path
    encoding: str | None
    delimiter: str | None
    sheet_names: tuple[str, ...]
    mapping: ColumnMapping
    rows: tuple[tuple[int, tuple[str, ...]], ...]  # (row number, cells as text)
    approx_rows: int


@dataclass(frozen=True, slots=True)
class ImportReport:
    kind: str
    rows: int
    creates: int
    updates: int
    partners_created: int
    unchanged: int
    problems: tuple[FieldError, ...]
    ignored_columns: tuple[str, ...]
    dry_run: bool
    written: bool
    notes: tuple[str, ...] = ()  # worth knowing, not a problem: a partner's guessed country
    empty: bool = False  # the file has no data rows (a problem too: nothing to import)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def rows_with_problems(self) -> int:
        """Data rows with a problem; the header (row 1) and the file as a whole are not."""
        return len({p.row for p in self.problems if p.row is not None and p.row > 1})

    def summary(self) -> str:
        what = "agreement" if self.kind == "agreements" else "partner"
        counts = f"{self.creates} new {what}(s), {self.updates} update(s)"
        if self.unchanged:
            counts += f", {self.unchanged} unchanged"
        if self.kind == "agreements":
            counts += f", {self.partners_created} new partner(s)"
        if self.problems:
            header = any(p.row == 1 for p in self.problems)
            if self.empty and not header:
                return f"{NO_DATA_ROWS}; nothing was imported"
            places = ["the header row"] if header else []
            if self.rows_with_problems:
                places.append(f"{self.rows_with_problems} of {self.rows} row(s)")
            where = f" in {' and '.join(places)}" if places else ""
            if self.empty:
                where += ", and the file has no data rows below it"
            return f"{len(self.problems)} problem(s){where}; nothing was imported"
        if self.written:
            return f"imported {self.rows} row(s): {counts}"
        return f"checked {self.rows} row(s), no problems; dry run, would make {counts}"


def preview_file(path: Path, options: ImportOptions = ImportOptions(), limit: int = 20) -> Preview:
    """The first rows and how their columns are understood, before anything is imported."""
    with Table(Path(path), encoding=options.encoding, sheet=options.sheet) as table:
        mapping = map_columns(table.headers, options.kind, options.mapping)
        rows: list[tuple[int, tuple[str, ...]]] = []
        for number, values in table.rows():
            rows.append((number, tuple(text_value(v) for v in values)))
            if len(rows) >= limit:
                break
        return Preview(
            path=Path(path),
            encoding=None if table.is_xlsx else table.encoding,
            delimiter=None if table.is_xlsx else table.delimiter,
            sheet_names=tuple(sheet_names(Path(path))) if table.is_xlsx else (),
            mapping=mapping,
            rows=tuple(rows),
            approx_rows=max(table.total - 1, 0),
        )
