"""A partners file: each row checked with the editor's rules, created or updated through
the partner services (a partners file is small: no bulk path)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from sqlalchemy import select

from app.domain.enums import PartnerRole, PartnerStatus
from app.domain.models import Partner
from app.errors import ValidationError
from app.services.import_format import PARTNER_STATUS_ALIASES
from app.services.importing.rows import RowErrors, parse_cell, report_uncalculated, row_cells
from app.services.importing.run import Run, row_failed
from app.services.partners import (
    ContactInput,
    PartnerInput,
    create_partner,
    get_partner,
    update_partner,
    validate_partner,
)
from app.services.tabular import parse_choice, parse_list, text_value


def _parse_contacts(raw: Any) -> tuple[ContactInput, ...]:
    """One contact per line (or ``;``): ``name | role | email | phone | title``."""
    contacts = []
    for item in parse_list(raw):
        parts = [p.strip() for p in item.split("|")] + ["", "", "", ""]
        contacts.append(ContactInput(parts[0], parts[1], parts[2], parts[3], parts[4]))
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
        address=text_value(cells.get("address"), strip=False).strip() or None,
        registration_number=text_value(cells.get("registration_number")) or None,
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
            ContactInput(
                c.name.strip(), c.role.strip(), c.email.strip(), c.phone.strip(), c.title.strip()
            )
            for c in p.contacts
        ),
        address=(p.address or "").strip() or None,
        registration_number=(p.registration_number or "").strip() or None,
    )


def import_partners(
    run: Run, rows: Iterator[tuple[int, list[Any]]], fields: tuple[str | None, ...]
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
                            row_failed(run, number, exc)
        run.problems.extend(errors.items)
        if run.rows % 200 == 0:
            run.tick()
    run.tick()
