"""Import agreements (and their partners), or partners alone, from CSV or XLSX.

All or nothing: every row is read, parsed and validated with the same rules as the
editors (``validate_agreement``, ``validate_partner``); every problem is collected with its
row and column; if there is any, nothing stays written. The whole import runs in a
SAVEPOINT of the caller's transaction, so a failed or dry run is rolled back to exactly
what was there, whatever the caller does next.

The file is read once, streaming, in batches. Parsing and the checks that need no
database happen in ``import_rows`` -- for a large file in a worker process, while this
one resolves partners and references, and writes. New agreements go in a column at a time
(``insert_columns``, as ``demo`` does, with the same audit entries and default KPIs as
``create_agreement``); updates by reference go through ``change_agreement`` for its
lifecycle rules, versioning and field-by-field audit trail.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Callable, Generator, Iterator, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from itertools import islice
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Table as SqlTable
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, with_polymorphic

from app.db.bulk import insert_rows
from app.domain.enums import (
    AgreementStatus,
    AgreementType,
    AuditAction,
    PartnerRole,
    PartnerStatus,
)
from app.domain.models import (
    Agreement,
    AuditEntry,
    Partner,
    PartnerRoleLink,
    ReferenceSequence,
)
from app.domain.types import utcnow
from app.errors import FieldError, PartnerDeskError, TransitionError, ValidationError
from app.services.agreement_store import NewAgreements, stored_values
from app.services.agreements import change_agreement, check_transition
from app.services.audit import current_actor
from app.services.import_format import (
    FIELD_TO_COLUMN,
    MONEY_COLUMNS,
    PARTNER_STATUS_ALIASES,
    ROLE_FOR_TYPE,
    TERM_SPECS,
    ColumnMapping,
    map_columns,
    term_places,
)
from app.services.import_rows import (
    BATCH,
    AgreementRow,
    RowErrors,
    RowSource,
    Values,
    WorkerBatches,
    collecting_cycles,
    file_stamp,
    parse_batches,
    parse_cell,
    report_uncalculated,
    row_cells,
    without_cycle_collector,
)
from app.services.kpis import KpiSpec, default_kpis
from app.services.partners import (
    ContactInput,
    PartnerInput,
    check_partner,
    create_partner,
    get_partner,
    update_partner,
    validate_partner,
)
from app.services.tabular import (
    Table,
    header_unit,
    parse_choice,
    parse_list,
    sheet_names,
    text_value,
)

# Rows that look like an agreement already there are noted one by one up to this many; a
# file imported twice would otherwise bury everything else under one note per row.
DUPLICATE_NOTES = 100
CACHED = 10_000  # typed terms and KPIs remembered during an import (see _Run.terms)
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


# --- partners named in an agreements file ------------------------------------------------


# Legal-form suffixes that name their country beyond doubt.
_LEGAL_FORMS = (
    (re.compile(r"\b(gmbh|ag & co\.? kg)\b", re.I), "DE"),
    (re.compile(r"\b(s\.?a\.?s\.?|s\.?a\.?r\.?l\.?)$", re.I), "FR"),
    (re.compile(r"\b(s\.?p\.?a\.?|s\.?r\.?l\.?)$", re.I), "IT"),
    (re.compile(r"\bpte\.? ltd\.?$", re.I), "SG"),
    (re.compile(r"\bpty\.? ltd\.?$", re.I), "AU"),
    (re.compile(r"\b(k\.k\.|kabushiki kaisha)$|株式会社", re.I), "JP"),
    (re.compile(r"\b(b\.v\.|n\.v\.)$", re.I), "NL"),
    (re.compile(r"\bab$"), "SE"),
)
# Currencies used by one country only (the euro and the dollar sign are not).
_CURRENCY_COUNTRY = {
    "CNY": "CN", "JPY": "JP", "KRW": "KR", "USD": "US", "GBP": "GB", "HKD": "HK",
    "SGD": "SG", "AUD": "AU", "CAD": "CA", "NZD": "NZ", "CHF": "CH", "THB": "TH",
    "MYR": "MY", "VND": "VN", "IDR": "ID", "PHP": "PH", "TWD": "TW", "INR": "IN",
    "SEK": "SE", "NOK": "NO", "DKK": "DK", "RUB": "RU", "BRL": "BR", "MXN": "MX",
    "AED": "AE", "SAR": "SA", "ZAR": "ZA", "TRY": "TR", "PLN": "PL", "ILS": "IL",
}  # fmt: skip


def guess_country(name: str, currency: str) -> tuple[str, str] | None:
    """(country, why) for a new partner named without a country, when the name or the
    currency tells; None when a person has to say."""
    for pattern, country in _LEGAL_FORMS:
        if pattern.search(name):
            return country, "from its legal form"
    if re.search(r"[\u3040-\u30ff]", name):
        return "JP", "from the Japanese script of its name"
    if re.search(r"[\uac00-\ud7af]", name):
        return "KR", "from the Korean script of its name"
    if re.search(r"[\u4e00-\u9fff]", name):
        return "CN", "from the Chinese script of its name"
    if currency in _CURRENCY_COUNTRY:
        return _CURRENCY_COUNTRY[currency], f"from the agreement's currency {currency}"
    return None


class _Partners:
    """Every partner by name, loaded once; new ones created inside the import's SAVEPOINT."""

    def __init__(self, session: Session, actor: str) -> None:
        self.session = session
        self.actor = actor
        self.by_key: dict[tuple[str, str], int] = {}
        self.by_name: dict[str, list[int]] = {}
        self.by_local: dict[str, list[int]] = {}
        self.bad: dict[tuple[str, str], list[FieldError]] = {}
        self.guessed: dict[str, tuple[int, str]] = {}  # name -> (row, note for the report)
        self.origin: dict[int, int] = {}  # a partner this import creates -> its first row
        self.created = 0
        # Plain rows, not ORM objects: rows are checked with check_agreement, which asks
        # the session nothing.
        for pid, legal, local, country in session.execute(
            select(Partner.id, Partner.legal_name, Partner.local_name, Partner.country)
        ):
            self._remember(pid, legal, local, country)

    def _remember(self, pid: int, legal: str, local: str | None, country: str) -> None:
        self.by_key[(legal.lower(), country)] = pid
        self.by_name.setdefault(legal.lower(), []).append(pid)
        if local:
            self.by_local.setdefault(local, []).append(pid)
            self.by_key.setdefault((local.lower(), country), pid)

    def resolve(self, r: AgreementRow, errors: RowErrors) -> int | None:
        name, country = r.partner_name.strip(), r.partner_country
        if country:
            pid = self.by_key.get((name.lower(), country))
            if pid is not None:
                return pid
            return self._create(r, errors)
        candidates = self.by_name.get(name.lower()) or self.by_local.get(name) or []
        # Not a partner that a later row of the file creates: in a later batch, it would
        # not be there yet for this row.
        candidates = [pid for pid in candidates if self.origin.get(pid, 0) <= r.row]
        if len(set(candidates)) == 1:
            return candidates[0]
        if candidates:
            errors.add("partner", f"{name!r} names several partners; add a partner_country "
                                  "column to tell them apart")  # fmt: skip
        else:
            errors.add("partner", f"no partner named {name!r}, and its country cannot be told "
                                  "from its name or the currency; add a partner_country "
                                  "column so that it can be created")  # fmt: skip
        return None

    def _create(self, r: AgreementRow, errors: RowErrors) -> int | None:
        # prepare() made every valid new partner of the batch; what is left was refused.
        key = (r.partner_name.strip().lower(), r.partner_country or "")
        for e in self.bad.get(key, ()):
            errors.add(e.field, e.message)
        return None

    def prepare(self, rows: list[AgreementRow]) -> None:
        """Create, in one go, the new partners this batch of rows names (and validate them
        with the editor's rules first): one ORM create per partner was most of the time."""
        pending: dict[tuple[str, str], PartnerInput] = {}
        first_rows: dict[tuple[str, str], int] = {}
        # Names of the partners an earlier row of this batch creates: a later row naming one
        # without a country means that partner, as it would were it in the next batch.
        pending_legal: set[str] = set()  # lower case, as in by_name
        pending_local: set[str] = set()  # as written, as in by_local
        for r in rows:
            if not r.partner_name.strip():
                continue
            if not r.partner_country:
                name = r.partner_name.strip()
                if self.by_name.get(name.lower()) or self.by_local.get(name):
                    continue  # an existing partner: resolve() finds it
                if name.lower() in pending_legal or name in pending_local:
                    continue  # created below, before resolve() looks for it
                guess = guess_country(name, r.values.currency)
                if guess is None:
                    continue  # resolve() asks for a partner_country column
                r.partner_country, reason = guess
                if name.lower() not in self.guessed:
                    self.guessed[name.lower()] = (r.row, (
                        f"row {r.row}: partner {name!r} is new and the file gives no "
                        f"partner_country; it is created in {r.partner_country} ({reason})"
                    ))  # fmt: skip
            key = (r.partner_name.strip().lower(), r.partner_country)
            if key in self.by_key or key in self.bad or key in pending:
                continue
            data = PartnerInput(
                legal_name=r.partner_name.strip(),
                country=r.partner_country,
                local_name=r.partner_local_name,
                roles=frozenset({ROLE_FOR_TYPE[AgreementType(r.values.type)]}),
            )
            # check_partner: validate_partner without its query for a partner of that name in
            # that country, which by_key (every partner, either name) has ruled out above.
            problems = check_partner(data)
            if problems:
                names = {"legal_name": "partner", "country": "partner_country",
                         "local_name": "partner_local_name"}  # fmt: skip
                self.bad[key] = [FieldError(names.get(p.field, p.field), p.message)
                                 for p in problems]  # fmt: skip
            else:
                pending[key] = data
                first_rows[key] = r.row
                pending_legal.add(data.legal_name.lower())
                if local_name := (data.local_name or "").strip():
                    pending_local.add(local_name)
        if not pending:
            return
        first = (self.session.scalar(select(func.max(Partner.id))) or 0) + 1
        now = utcnow()
        partner_rows: list[dict[str, Any]] = []
        role_rows: list[dict[str, Any]] = []
        audit_rows: list[dict[str, Any]] = []
        for pid, (key, data) in enumerate(pending.items(), start=first):
            self.origin[pid] = first_rows[key]
            local = (data.local_name or "").strip() or None
            partner_rows.append({
                "id": pid, "legal_name": data.legal_name, "local_name": local,
                "country": data.country, "website": None, "status": PartnerStatus.ACTIVE,
                "notes": "", "version": 1, "created_at": now, "updated_at": now,
            })  # fmt: skip
            role_rows += [{"partner_id": pid, "role": role} for role in sorted(data.roles)]
            shown = f"{data.legal_name} ({local})" if local and local != data.legal_name else (
                data.legal_name)  # fmt: skip
            audit_rows.append({"at": now, "actor": self.actor, "entity": "partner",
                               "entity_id": pid, "action": AuditAction.CREATE, "field": "",
                               "old_value": None, "new_value": shown})  # fmt: skip
        insert_rows(self.session, Partner, partner_rows)
        insert_rows(self.session, PartnerRoleLink, role_rows)
        insert_rows(self.session, AuditEntry, audit_rows)
        for row in partner_rows:
            self._remember(row["id"], row["legal_name"], row["local_name"], row["country"])
        self.created += len(partner_rows)


_SAME = "same partner, title, type and start date"


def _likeness(partner_id: int, title: str, start: str, a_type: str) -> int:
    """What makes two agreements look alike (the start date in ISO form, the type as its
    value), as its hash: at 100,000 rows, keeping the titles themselves grew the import's
    memory by a quarter. Two different keys with one hash (about one import in billions)
    cost only a wrong note."""
    return hash((partner_id, " ".join(title.split()).casefold(), start, a_type))


class _Seen:
    """A hash table of likeness (an int) -> a non-zero int, in two arrays: 16 bytes a slot
    where a dict spends about 120 bytes an entry (12 MB per 100,000 rows), so that what an
    import remembers of every row stays small beside the rows it holds at once."""

    def __init__(self, expected: int = 0) -> None:
        size = 1 << max(10, (2 * expected).bit_length())
        self.keys = array("q", bytes(8 * size))
        self.values = array("q", bytes(8 * size))  # 0: an empty slot
        self.used = 0

    def setdefault(self, key: int, value: int) -> int:
        """The value stored for ``key``, which is ``value`` if there was none."""
        keys, values = self.keys, self.values
        mask = len(keys) - 1
        i = key & mask
        while (found := values[i]) != 0:
            if keys[i] == key:
                return found
            i = (i + 1) & mask
        keys[i], values[i] = key, value
        self.used += 1
        if self.used * 2 > mask:  # half full: probing would slow down
            self._grow()
        return value

    def _grow(self) -> None:
        old = zip(self.keys, self.values, strict=True)
        size = 2 * len(self.keys)
        self.keys, self.values = array("q", bytes(8 * size)), array("q", bytes(8 * size))
        self.used = 0
        for key, value in old:
            if value:
                self.setdefault(key, value)


class _Duplicates:
    """Rows that would create an agreement the database or the file holds already.

    A note, not a problem: two alike agreements can be meant (a second season's campaign
    with the same title). But a file imported twice with blank references would otherwise
    double every agreement without a word. The saved agreements of a partner are loaded
    when the partner first shows up, in one query per batch; the rest is lookups in
    ``seen``: likeness -> the number of the file's row that has it, or minus the id of the
    saved agreement.
    """

    def __init__(self, session: Session, expected_rows: int) -> None:
        self.session = session
        self.loaded: set[int] = set()
        self.seen = _Seen(expected_rows)
        self.notes: list[tuple[int, str]] = []
        self.count = 0

    def load(self, partner_ids: set[int], first_new_id: int) -> None:
        new = sorted(partner_ids - self.loaded - {0})
        if not new:
            return
        self.loaded.update(new)
        query = select(Agreement.id, Agreement.partner_id, Agreement.title,
                       Agreement.start_date, Agreement.type)  # fmt: skip
        if first_new_id:
            # What this import created is the file's rows, named as such by check(); a
            # partner is loaded before its first row goes in, so this is only a safeguard.
            query = query.where(Agreement.id < first_new_id)
        for i in range(0, len(new), BATCH):
            for aid, pid, title, start, a_type in self.session.execute(
                query.where(Agreement.partner_id.in_(new[i:i + BATCH]))
            ):  # fmt: skip
                like = _likeness(pid, title, start.isoformat(), AgreementType(a_type).value)
                self.seen.setdefault(like, -aid)

    def check(self, r: AgreementRow) -> None:
        v = r.values
        like = self.seen.setdefault(_likeness(r.partner_id, v.title, v.start_date, v.type), r.row)
        # A row with a reference of its own says which agreement it is: nothing to guess.
        if like == r.row or r.reference:
            return
        self.count += 1
        if len(self.notes) >= DUPLICATE_NOTES:
            return
        if like < 0:
            ref = self.session.scalar(select(Agreement.reference).where(Agreement.id == -like))
            text = (f"row {r.row}: looks like {ref} already in the database ({_SAME}); it "
                    "will be created again — give its reference to update it instead")  # fmt: skip
        else:
            text = (f"row {r.row}: looks like row {like} of this file ({_SAME}); both will be "
                    "created — remove one if they are the same agreement")  # fmt: skip
        self.notes.append((r.row, text))

    def summary(self) -> list[tuple[int, str]]:
        if self.count <= len(self.notes):
            return []
        # Row 0: first, so that a list shown only in part still starts with the count.
        return [(0, f"{self.count:,} rows look like an agreement already in the database or "
                    f"in an earlier row ({_SAME}) and will be created again; the first "
                    f"{len(self.notes)} are listed")]  # fmt: skip


# --- the import ------------------------------------------------------------------------------


@dataclass(slots=True)
class _Run:
    session: Session
    actor: str
    dry_run: bool
    labels: dict[str, str]
    progress: Progress | None
    total: int
    problems: list[FieldError] = field(default_factory=list)
    rows: int = 0
    creates: int = 0
    updates: int = 0
    unchanged: int = 0
    seen_refs: dict[str, int] = field(default_factory=dict)
    # Amount columns whose header declares a unit: 合同金额（万元） -> (10000, "CNY").
    units: dict[str, tuple[Decimal, str | None]] = field(default_factory=dict)
    # Generated references, per (prefix, year): the last number given and the references
    # the database held when the key was first needed. A number is given as the row goes
    # in; one that a later row of the file turns out to ask for is moved on (_renumber).
    counters: dict[tuple[str, int], int] = field(default_factory=dict)
    taken: dict[tuple[str, int], set[str]] = field(default_factory=dict)
    first_new_id: int = 0  # the first agreement id this import created; 0: none yet
    formulas: bool = False  # rows may hold UncalculatedFormula cells
    # Typed terms and default KPIs by type and terms: rows often share them (a file of one
    # partner's campaigns), and building them costs more than looking them up.
    terms_cache: dict[tuple[str, tuple[Any, ...]], tuple[dict[str, Any], list[KpiSpec]]] = (
        field(default_factory=dict))  # fmt: skip

    @property
    def writing(self) -> bool:
        return not self.dry_run and not self.problems

    def tick(self) -> None:
        if self.progress is not None and not self.progress(self.rows, self.total):
            raise InterruptedError("import cancelled; nothing was imported")

    def terms(self, v: Values) -> tuple[dict[str, Any], list[KpiSpec]]:
        """The typed terms of ``v`` and the default KPIs they give."""
        key = (v.type, v.typed)
        found = self.terms_cache.get(key)
        if found is None:
            if len(self.terms_cache) >= CACHED:
                self.terms_cache.clear()
            typed = v.typed_terms()
            found = self.terms_cache[key] = typed, default_kpis(AgreementType(v.type), typed)
        return found


def import_file(
    session: Session,
    path: Path | str,
    options: ImportOptions = ImportOptions(),
    progress: Progress | None = None,
) -> ImportReport:
    """Import ``path`` in the caller's transaction; see the module docstring."""
    path = Path(path)
    actor = options.actor or current_actor()
    with Table(path, encoding=options.encoding, sheet=options.sheet) as table:
        mapping = map_columns(table.headers, options.kind, options.mapping)
        labels = {f: h for h, f in zip(mapping.headers, mapping.fields, strict=True) if f}
        run = _Run(session, actor, options.dry_run, labels, progress, max(table.total - 1, 1))
        run.problems.extend(mapping.problems)
        run.formulas = table.has_formulas
        for header, column in zip(mapping.headers, mapping.fields, strict=True):
            if column in MONEY_COLUMNS:
                unit = header_unit(header)
                if unit != (Decimal(1), None):
                    run.units[column] = unit
        ignored = tuple(mapping.unknown)
        if mapping.missing:
            empty = not table.has_rows()
            if empty:
                run.problems.append(FieldError("", NO_DATA_ROWS))
            report = _report(mapping.kind, run, ignored, written=False, partners_created=0)
            return replace(report, empty=empty)
        savepoint = session.begin_nested()
        restore_cache = _bigger_cache(session)
        try:
            notes: tuple[str, ...] = ()
            if mapping.kind == "agreements":
                partners = _Partners(session, actor)
                # An XLSX's size is what its sheet declares, up to 1,048,576 for a few rows.
                duplicates = _Duplicates(session, min(table.total, 1 << 17))
                batches = _parsed_batches(table, _row_source(table, mapping, run))
                try:
                    with without_cycle_collector():
                        _import_agreements(run, batches, partners, duplicates)
                finally:
                    batches.close()  # a failed or cancelled import stops the worker
                created = partners.created
                listed = [*partners.guessed.values(), *duplicates.notes, *duplicates.summary()]
                notes = tuple(text for _row, text in sorted(listed, key=lambda n: n[0]))
            else:
                _import_partners(run, table.rows(), mapping.fields)
                created = 0
            if not run.rows:
                # Nothing written, but "imported 0 row(s)" would pass for success.
                run.problems.append(FieldError("", NO_DATA_ROWS))
            if run.writing:
                _save_sequences(run)
        except BaseException:
            savepoint.rollback()
            raise
        finally:
            restore_cache()
        if run.writing:
            savepoint.commit()
        else:
            savepoint.rollback()
        report = _report(mapping.kind, run, ignored, written=run.writing, partners_created=created)
        return replace(report, notes=notes, empty=not run.rows)


# From this many rows on, a worker process reads and checks the rows while this one
# writes (import_rows.WorkerBatches); the first HEAD_ROWS are read here while it starts.
WORKER_MIN_ROWS = 8000
# One batch, parsed here while the worker starts (0.15 s); whole batches, so that the
# worker's batches begin where they would in this process.
HEAD_ROWS = BATCH


_TERM_PLACES = term_places()


def _row_source(table: Table, mapping: ColumnMapping, run: _Run) -> RowSource:
    fields = mapping.fields
    return RowSource(
        path=table.path,
        encoding=None if table.is_xlsx else table.encoding,
        sheet=table.sheet,
        fields=fields,
        labels=run.labels,
        units=run.units,
        # In the file's order, so that a row's term problems are listed in a stable order.
        term_columns=tuple(dict.fromkeys(f for f in fields if f is not None and f in TERM_SPECS)),
        places=_TERM_PLACES,
        formulas=run.formulas,
        text_only=not table.is_xlsx,
        stamp=file_stamp(table.path),
    )


def _parsed_batches(table: Table, src: RowSource) -> Generator[list[AgreementRow]]:
    if table.total - 1 < WORKER_MIN_ROWS:
        yield from parse_batches(src, table.rows())
        return
    reader = WorkerBatches(replace(src, skip=HEAD_ROWS))
    try:
        yield from parse_batches(src, islice(table.rows(), HEAD_ROWS))
        yield from reader
    finally:
        reader.close()


# SQLite's page cache for the import's connection, in KiB (negative: a size, not pages).
# The default 2 MiB is far smaller than the agreements table's indexes: with it, index
# pages are evicted and re-read for every batch, which was a third of SQLite's time.
IMPORT_CACHE_KIB = 32768


def _bigger_cache(session: Session) -> Callable[[], None]:
    """Raise the connection's page cache for the import; returns how to put it back.

    Only memory: the cache size changes neither what is written nor when it is durable.
    Bounded, so memory stays flat however large the file is.
    """
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        return lambda: None
    before = connection.exec_driver_sql("PRAGMA cache_size").scalar()
    connection.exec_driver_sql(f"PRAGMA cache_size=-{IMPORT_CACHE_KIB}")

    def restore() -> None:
        connection.exec_driver_sql(f"PRAGMA cache_size={int(before or -2000)}")

    return restore


def _report(kind: str, run: _Run, ignored: tuple[str, ...], *, written: bool,
            partners_created: int) -> ImportReport:  # fmt: skip
    return ImportReport(
        kind=kind, rows=run.rows, creates=run.creates, updates=run.updates,
        unchanged=run.unchanged,
        partners_created=partners_created, problems=tuple(run.problems),
        ignored_columns=ignored, dry_run=run.dry_run, written=written,
    )  # fmt: skip


def _import_agreements(
    run: _Run, batches: Iterator[list[AgreementRow]], partners: _Partners, duplicates: _Duplicates
) -> None:
    session = run.session
    for parsed in batches:
        run.rows += len(parsed)
        partners.prepare([r for r in parsed if "partner" not in r.errors.failed])
        refs = [r.reference for r in parsed if r.reference]
        existing = _existing(session, refs)
        if run.first_new_id:
            # A reference this import generated, now asked for by the file: not an update
            # of that agreement (the file never named it) but a new one; the generated one
            # moves on to the next free number.
            clashes = {ref: found[0] for ref, found in existing.items()
                       if found[0] >= run.first_new_id and ref not in run.seen_refs}  # fmt: skip
            for ref in clashes:
                del existing[ref]
            if clashes and run.writing:
                _renumber(run, clashes)
        creates: list[AgreementRow] = []
        updates: list[tuple[AgreementRow, int, int]] = []
        for r in parsed:
            target = _validate_row(run, r, partners, existing)
            run.problems.extend(r.errors.items)
            if r.errors.items or target is None:
                continue
            if target[0] == 0:
                run.creates += 1
                creates.append(r)
            else:
                updates.append((r, *target))
        # The partners of the agreements this batch updates too: what they were called
        # before the file renamed them is what later rows are compared with, whichever
        # batch those rows are in (and in a dry run, which writes no update).
        saved = {found[4] for found in existing.values()}
        duplicates.load({r.partner_id for r in creates} | saved, run.first_new_id)
        for r in creates:
            duplicates.check(r)
        same: set[int] = set()
        if updates:
            # Not for every batch: the collector's first pass after the pause would walk
            # every object the batch made.
            with collecting_cycles():  # ORM objects: cycles between them and their states
                same = _unchanged(session, updates)
        run.unchanged += len(same)
        updates = [u for u in updates if u[1] not in same]
        run.updates += len(updates)
        if run.writing:
            _insert_agreements(run, creates)
        if run.writing and updates:
            with collecting_cycles():
                for r, agreement_id, version in updates:
                    try:
                        data = r.values.to_input(r.partner_id)
                        change_agreement(session, agreement_id, data, version, run.actor)
                    except (ValidationError, TransitionError) as exc:
                        _row_failed(run, r.row, exc)
        run.tick()


def _unchanged(session: Session, updates: list[tuple[AgreementRow, int, int]]) -> set[int]:
    """Ids whose row in the file says exactly what the database holds.

    Re-importing an exported file is common (fix three cells, import it all again); an
    update through change_agreement costs ~4 ms, comparing costs almost nothing, and an
    unchanged agreement gets neither a new version nor audit entries either way.
    """
    if not updates:
        return set()
    poly = with_polymorphic(Agreement, "*")
    ids = [u[1] for u in updates]
    current = {a.id: a for a in session.scalars(select(poly).where(poly.id.in_(ids)))}
    same = set()
    for r, agreement_id, _version in updates:
        a = current.get(agreement_id)
        if a is None:
            continue
        wanted = stored_values(r.values.to_input(r.partner_id), r.values.typed_terms())
        if all(getattr(a, name) == value for name, value in wanted.items()):
            same.add(agreement_id)
    return same


# reference -> (id, type, status, version, partner id) of a saved agreement
_Existing = dict[str, tuple[int, AgreementType, AgreementStatus, int, int]]


def _table(model: type[Any]) -> SqlTable:
    return cast(SqlTable, model.__table__)


def _existing(session: Session, refs: list[str]) -> _Existing:
    found: _Existing = {}
    for i in range(0, len(refs), 500):
        for aid, ref, a_type, status, version, pid in session.execute(
            select(Agreement.id, Agreement.reference, Agreement.type, Agreement.status,
                   Agreement.version, Agreement.partner_id)
            .where(Agreement.reference.in_(refs[i:i + 500]))
        ):  # fmt: skip
            found[ref] = (aid, a_type, status, version, pid)
    return found


def _validate_row(
    run: _Run, r: AgreementRow, partners: _Partners, existing: _Existing
) -> tuple[int, int] | None:
    """(agreement id or 0 for a new one, version), or None with ``r.errors``."""
    errors = r.errors
    ref = r.reference or ""
    agreement_id, version = 0, 0
    if ref:
        if len(ref) > 40:
            errors.add("reference", "at most 40 characters")
        if ref in run.seen_refs:
            errors.add("reference", f"{ref} is also in row {run.seen_refs[ref]}; "
                                    "a reference may appear once in a file")  # fmt: skip
        else:
            run.seen_refs[ref] = r.row
        if ref in existing:
            agreement_id, a_type, status, version, _partner_id = existing[ref]
            # A type or status that failed to parse is a stand-in: comparing it with the
            # saved one would only invent a second problem.
            if a_type != r.values.type and "type" not in errors.failed:
                errors.add("type", f"{ref} is a {a_type.value} agreement; the type of a saved "
                                   "agreement cannot change")  # fmt: skip
            if status != r.values.status and "status" not in errors.failed:
                try:
                    check_transition(status, AgreementStatus(r.values.status))
                except TransitionError as exc:
                    errors.add("status", f"{ref}: {exc}")
    partner_id = None
    if "partner" not in errors.failed:
        reported = len(errors.items)
        partner_id = partners.resolve(r, errors)
        if partner_id is None and len(errors.items) == reported:
            errors.add("partner", f"{r.partner_name.strip()!r} could not be found or created")
    r.partner_id = partner_id or 0
    # The reference is checked above, in bulk: the file's own duplicates, and an existing
    # reference means an update, never a clash.
    # validate_agreement's rules without its two queries per row: parse_row() checked
    # everything else with check_agreement. The partner was just found among those loaded
    # once (an id from resolve() exists), and the reference travels beside the input
    # (data.reference is None), checked above for the whole batch. A partner that resolve()
    # refused is reported already (often as partner_country, when the file was to create
    # it); "no partner with id 0" would only confuse.
    type_failed = "type" in errors.failed
    for name, message in r.checks:
        column = FIELD_TO_COLUMN.get(name, name)
        # Checks on stand-in values would only repeat a problem already reported; without
        # its type, the row's terms mean nothing.
        if column in errors.failed or (type_failed and column in TERM_SPECS):
            continue
        errors.add(name, message)
    if errors.items:
        return None
    return agreement_id, version


def _row_failed(run: _Run, row: int, exc: PartnerDeskError) -> None:
    if isinstance(exc, ValidationError):
        run.problems.extend(replace(e, row=row) for e in exc.errors)
    else:
        run.problems.append(FieldError("status", str(exc), row))


def _insert_agreements(run: _Run, creates: list[AgreementRow]) -> None:
    """The new agreements, their terms, default KPIs and audit entries: as
    ``create_agreement`` makes them (``agreement_store``), but a column at a time."""
    if not creates:
        return
    new = NewAgreements(run.session, run.actor)
    run.first_new_id = run.first_new_id or new.next_id
    for r in creates:
        v = r.values
        reference = r.reference or _next_reference(run, v.type, int(v.start_date[:4]))
        typed, kpis = run.terms(v)
        new.add(v.to_input(r.partner_id), typed, reference, kpis)
    new.insert()


def _starts_with(column: Any, prefix: str) -> Any:
    """``column LIKE 'prefix%'`` as a range, which (unlike LIKE) uses the unique index: at
    100,000 new agreements the LIKE scans made numbering quadratic."""
    after = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    return (column >= prefix) & (column < after)


_PREFIXES = {t.value: t.prefix for t in AgreementType}


def _next_reference(run: _Run, a_type: str, year: int) -> str:
    """``BR-2026-0042`` for a new agreement the file left without a reference: never one
    the database holds, nor one the file gives (so far: see ``_renumber`` for later ones)."""
    key = (_PREFIXES[a_type], year)  # a_type: an AgreementType's value
    if key not in run.counters:
        seq = run.session.get(ReferenceSequence, key)
        run.counters[key] = seq.last if seq else 0
        run.taken[key] = set(run.session.scalars(
            select(Agreement.reference).where(
                _starts_with(Agreement.reference, f"{key[0]}-{key[1]}-")
            )
        ))  # fmt: skip
    taken = run.taken[key]
    while True:
        run.counters[key] += 1
        ref = f"{key[0]}-{key[1]}-{run.counters[key]:04d}"
        if ref not in taken and ref not in run.seen_refs:
            return ref


def _renumber(run: _Run, clashes: dict[str, int]) -> None:
    """Move agreements this import numbered out of the way of references that later rows
    of the file ask for: the new number, and the same in their audit entry."""
    session = run.session
    table, audit = _table(Agreement), _table(AuditEntry)
    for ref, agreement_id in clashes.items():
        a_type, start, title = session.execute(
            select(table.c.type, table.c.start_date, table.c.title).where(
                table.c.id == agreement_id)
        ).one()  # fmt: skip
        new = _next_reference(run, AgreementType(a_type).value, start.year)
        session.execute(update(table).where(table.c.id == agreement_id).values(reference=new))
        session.execute(
            update(audit).where(
                audit.c.entity == "agreement", audit.c.entity_id == agreement_id,
                audit.c.action == AuditAction.CREATE, audit.c.new_value == f"{ref} {title}",
            ).values(new_value=f"{new} {title}")
        )  # fmt: skip


def _save_sequences(run: _Run) -> None:
    """The editor's next reference carries on after the numbers this import gave."""
    session = run.session
    for (prefix, year), last in run.counters.items():
        seq = session.get(ReferenceSequence, (prefix, year))
        if seq is None:
            session.add(ReferenceSequence(prefix=prefix, year=year, last=last))
        else:
            seq.last = last
    session.flush()


# --- partners files ----------------------------------------------------------------------


def _parse_contacts(raw: Any) -> tuple[ContactInput, ...]:
    """One contact per line (or ``;``): ``name | role | email | phone``."""
    contacts = []
    for item in parse_list(raw):
        parts = [p.strip() for p in item.split("|")] + ["", "", ""]
        contacts.append(ContactInput(parts[0], parts[1], parts[2], parts[3]))
    return tuple(contacts)


def _parse_partner(cells: Mapping[str, Any], errors: RowErrors) -> PartnerInput | None:
    name = parse_cell(cells, "legal_name", text_value, errors, "", required=True)
    country = parse_cell(
        cells, "country", lambda r: text_value(r).upper(), errors, "", required=True
    )
    roles = parse_cell(cells, "roles",
                       lambda r: frozenset(parse_choice(i, PartnerRole) for i in parse_list(r)),
                       errors, frozenset())  # fmt: skip
    status = parse_cell(cells, "status",
                        lambda r: parse_choice(r, PartnerStatus, PARTNER_STATUS_ALIASES),
                        errors, PartnerStatus.ACTIVE)  # fmt: skip
    contacts = parse_cell(cells, "contacts", _parse_contacts, errors, ())
    if errors.items:
        return None
    return PartnerInput(
        legal_name=name,
        country=country,
        local_name=text_value(cells.get("local_name")) or None,
        roles=roles,
        website=text_value(cells.get("website")) or None,
        status=status,
        notes=text_value(cells.get("notes"), strip=False),
        contacts=contacts,
    )


def _normalised(p: PartnerInput) -> PartnerInput:
    """A partner as update_partner would store it, to tell an unchanged row."""
    return PartnerInput(
        legal_name=p.legal_name.strip(),
        country=p.country.strip().upper(),
        local_name=(p.local_name or "").strip() or None,
        roles=frozenset(p.roles),
        website=(p.website or "").strip() or None,
        status=p.status,
        notes=p.notes,
        contacts=tuple(
            ContactInput(c.name.strip(), c.role.strip(), c.email.strip(), c.phone.strip())
            for c in p.contacts
        ),
    )


def _import_partners(
    run: _Run, rows: Iterator[tuple[int, list[Any]]], fields: tuple[str | None, ...]
) -> None:
    session = run.session
    known = {
        (legal.lower(), country): (pid, version)
        for pid, legal, country, version in session.execute(
            select(Partner.id, Partner.legal_name, Partner.country, Partner.version)
        )
    }
    seen: dict[tuple[str, str], int] = {}
    for number, values in rows:
        run.rows += 1
        errors = RowErrors(number, run.labels)
        cells = row_cells(values, fields)
        if run.formulas:
            report_uncalculated(cells, errors)
        data = _parse_partner(cells, errors)
        if data is not None:
            key = (data.legal_name.strip().lower(), data.country.strip().upper())
            if key in seen:
                errors.add("legal_name", f"{data.legal_name!r} in {data.country} is also in "
                                         f"row {seen[key]}")  # fmt: skip
            seen.setdefault(key, number)
            target = known.get(key)
            for p in validate_partner(session, data, target[0] if target else None):
                errors.add(p.field, p.message)
            if not errors.items:
                if target is None:
                    run.creates += 1
                    if run.writing:
                        view = create_partner(session, data, run.actor)
                        known[key] = (view.id, view.version)
                elif _normalised(get_partner(session, target[0]).to_input()) == _normalised(data):
                    run.unchanged += 1  # as in an export imported back: no new version
                else:
                    run.updates += 1
                    if run.writing:
                        try:
                            update_partner(session, target[0], data, target[1], run.actor)
                        except ValidationError as exc:
                            _row_failed(run, number, exc)
        run.problems.extend(errors.items)
        if run.rows % 200 == 0:
            run.tick()
    run.tick()
