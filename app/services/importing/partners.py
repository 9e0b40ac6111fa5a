"""The partners an agreements file names: found among those loaded once, or created in
bulk (after the editor's checks) inside the import's SAVEPOINT."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.bulk import insert_rows
from app.domain.enums import AgreementType, AuditAction, PartnerStatus
from app.domain.models import AuditEntry, Partner, PartnerRoleLink
from app.domain.types import utcnow
from app.errors import FieldError
from app.services.import_format import ROLE_FOR_TYPE
from app.services.importing.rows import AgreementRow, RowErrors
from app.services.partners import PartnerInput, check_partner

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


class Partners:
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
