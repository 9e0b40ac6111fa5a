"""Partners: the counterparty companies, their roles and contacts."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from app.domain.countries import is_country
from app.domain.enums import AuditAction, PartnerRole, PartnerStatus
from app.domain.models import Agreement, Contact, Partner, PartnerRoleLink
from app.domain.text import clean_text, is_visible, refused_character
from app.errors import ConflictError, FieldError, NotFoundError, ValidationError
from app.services.audit import current_actor, record_changes, record_event
from app.services.partner_listing import PARTNER_SORT_KEYS as PARTNER_SORT_KEYS
from app.services.partner_listing import PartnerFilter as PartnerFilter
from app.services.partner_listing import PartnerRow as PartnerRow
from app.services.partner_listing import count_partners as count_partners
from app.services.partner_listing import list_partners as list_partners
from app.services.partner_listing import name_matches
from app.services.partner_listing import partner_ids as partner_ids
from app.services.partner_listing import partner_query as partner_query
from app.services.partner_listing import partner_rows as partner_rows

ENTITY = "partner"
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True, slots=True)
class ContactInput:
    name: str
    role: str = ""
    email: str = ""
    phone: str = ""
    title: str = ""  # job title, as a signature block prints it

    def __post_init__(self) -> None:
        _clean_fields(self, ("name", "role", "email", "phone", "title"))


@dataclass(frozen=True, slots=True)
class PartnerInput:
    legal_name: str
    country: str
    local_name: str | None = None
    roles: frozenset[PartnerRole] = frozenset()
    website: str | None = None
    status: PartnerStatus = PartnerStatus.ACTIVE
    notes: str = ""
    contacts: tuple[ContactInput, ...] = ()
    address: str | None = None  # registered address, as the contract names the party
    registration_number: str | None = None  # legal identifier: USCC, company number, VAT id

    def __post_init__(self) -> None:
        # The text policy's removals (app.domain.text) happen here, so the editor, the
        # import and a script store the same text; check_partner names what it refuses.
        _clean_fields(
            self,
            ("legal_name", "local_name", "website", "registration_number"),
            multiline=("notes", "address"),
        )


def _clean_fields(data: object, one_line: tuple[str, ...], multiline: tuple[str, ...] = ()) -> None:
    for name in one_line + multiline:
        value = getattr(data, name)
        if value.__class__ is str:
            cleaned = clean_text(value, multiline=name in multiline)
            if cleaned is not value:
                object.__setattr__(data, name, cleaned)


def _text_problems(data: PartnerInput) -> list[FieldError]:
    """The characters the text policy refuses, one problem per field."""
    errors = []
    for name in ("legal_name", "local_name", "website", "notes", "address", "registration_number"):
        value = getattr(data, name)
        if value.__class__ is str and (why := refused_character(value)):
            errors.append(FieldError(name, why))
    for i, c in enumerate(data.contacts, start=1):
        for value in (c.name, c.role, c.email, c.phone, c.title):
            if value.__class__ is str and (why := refused_character(value)):
                errors.append(FieldError("contacts", f"contact {i} {why}"))
                break
    return errors


@dataclass(frozen=True, slots=True)
class ContactView:
    id: int
    name: str
    role: str
    email: str
    phone: str
    title: str = ""


@dataclass(frozen=True, slots=True)
class PartnerView:
    id: int
    legal_name: str
    local_name: str | None
    country: str
    roles: tuple[PartnerRole, ...]
    website: str | None
    status: PartnerStatus
    notes: str
    contacts: tuple[ContactView, ...]
    version: int
    created_at: datetime
    updated_at: datetime
    agreement_count: int = 0
    address: str | None = None
    registration_number: str | None = None

    @property
    def display_name(self) -> str:
        if self.local_name and self.local_name != self.legal_name:
            return f"{self.legal_name} ({self.local_name})"
        return self.legal_name

    def to_input(self) -> PartnerInput:
        return PartnerInput(
            legal_name=self.legal_name,
            country=self.country,
            local_name=self.local_name,
            roles=frozenset(self.roles),
            website=self.website,
            status=self.status,
            notes=self.notes,
            contacts=tuple(
                ContactInput(c.name, c.role, c.email, c.phone, c.title) for c in self.contacts
            ),
            address=self.address,
            registration_number=self.registration_number,
        )


def validate_partner(
    session: Session, data: PartnerInput, partner_id: int | None = None
) -> list[FieldError]:
    errors = check_partner(data)
    name = data.legal_name.strip()
    if name and not errors:
        clash = session.scalar(
            select(Partner.id).where(
                Partner.legal_name == name,
                Partner.country == data.country.strip().upper(),
                Partner.id != (partner_id or -1),
            )
        )
        if clash is not None:
            errors.append(
                FieldError("legal_name", f"a partner named {name!r} in {data.country} exists")
            )
    return errors


def check_partner(data: PartnerInput) -> list[FieldError]:
    """``validate_partner``'s rules that need no database: all but "is there a partner of
    that name in that country", which the importer answers from the partners it loaded."""
    errors: list[FieldError] = []
    name = data.legal_name.strip()
    if not is_visible(name):  # "\u200b" is as empty as ""
        errors.append(FieldError("legal_name", "a partner needs its legal name"))
    elif len(name) > 200:
        errors.append(FieldError("legal_name", "at most 200 characters"))
    if data.local_name is not None and len(data.local_name) > 200:
        errors.append(FieldError("local_name", "at most 200 characters"))
    if not is_country(data.country.strip().upper()):
        errors.append(
            FieldError("country", f"{data.country!r} is not an ISO 3166 country code (e.g. CN, US)")
        )
    if data.website and len(data.website) > 300:
        errors.append(FieldError("website", "at most 300 characters"))
    if data.address and len(data.address) > 500:
        errors.append(FieldError("address", "at most 500 characters"))
    if data.registration_number and len(data.registration_number.strip()) > 64:
        errors.append(FieldError("registration_number", "at most 64 characters"))
    errors.extend(_text_problems(data))
    for i, contact in enumerate(data.contacts, start=1):
        if not is_visible(contact.name):
            errors.append(FieldError("contacts", f"contact {i} has no name"))
        if len(contact.title.strip()) > 200:
            errors.append(FieldError("contacts", f"contact {i}: the title has over 200 characters"))
        if contact.email and not _EMAIL.match(contact.email.strip()):
            errors.append(
                FieldError("contacts", f"contact {i}: {contact.email!r} is not an e-mail address")
            )
    return errors


def _snapshot(p: Partner) -> dict[str, object]:
    return {
        "legal_name": p.legal_name,
        "local_name": p.local_name,
        "country": p.country,
        "roles": tuple(sorted(r.role.value for r in p.roles)),
        "website": p.website,
        "address": p.address,
        "registration_number": p.registration_number,
        "status": p.status,
        "notes": p.notes,
        "contacts": tuple(
            f"{c.name} <{c.email}> {c.phone} {c.role}".strip()
            + (f" · {c.title}" if c.title else "")
            for c in p.contacts
        ),
    }


def _apply(p: Partner, data: PartnerInput) -> None:
    p.legal_name = data.legal_name.strip()
    p.local_name = (data.local_name or "").strip() or None
    p.country = data.country.strip().upper()
    p.website = (data.website or "").strip() or None
    p.address = (data.address or "").strip() or None
    p.registration_number = (data.registration_number or "").strip() or None
    p.status = data.status
    p.notes = data.notes
    wanted = set(data.roles)
    p.roles = [link for link in p.roles if link.role in wanted]
    have = {link.role for link in p.roles}
    p.roles.extend(PartnerRoleLink(role=r) for r in sorted(wanted - have))
    p.contacts = [
        Contact(
            name=c.name.strip(),
            role=c.role.strip(),
            email=c.email.strip(),
            phone=c.phone.strip(),
            title=c.title.strip(),
        )
        for c in data.contacts
    ]


def create_partner(session: Session, data: PartnerInput, actor: str | None = None) -> PartnerView:
    errors = validate_partner(session, data)
    if errors:
        raise ValidationError(errors)
    p = Partner(roles=[], contacts=[])
    _apply(p, data)
    session.add(p)
    session.flush()
    record_event(
        session,
        actor=actor or current_actor(),
        entity=ENTITY,
        entity_id=p.id,
        action=AuditAction.CREATE,
        summary=p.display_name,
    )
    return _view(session, p)


def update_partner(
    session: Session,
    partner_id: int,
    data: PartnerInput,
    expected_version: int,
    actor: str | None = None,
) -> PartnerView:
    p = _load(session, partner_id)
    if p.version != expected_version:
        raise ConflictError(
            f"partner {p.legal_name!r} was changed by someone else since you opened it "
            f"(version {expected_version}, now {p.version}); reload it and apply your edit again"
        )
    errors = validate_partner(session, data, partner_id)
    if errors:
        raise ValidationError(errors)
    before = _snapshot(p)
    _apply(p, data)
    after = _snapshot(p)
    changed = record_changes(
        session,
        actor=actor or current_actor(),
        entity=ENTITY,
        entity_id=p.id,
        before=before,
        after=after,
    )
    if changed and not session.is_modified(p):
        # Only a role or contact changed: bump the version all the same, so another desk
        # editing this partner is told about it.
        p.updated_at = datetime.now(p.updated_at.tzinfo)
    session.flush()
    return _view(session, p)


def delete_partner(
    session: Session,
    partner_id: int,
    expected_version: int | None = None,
    actor: str | None = None,
) -> None:
    p = _load(session, partner_id)
    if expected_version is not None and p.version != expected_version:
        raise ConflictError(f"partner {p.legal_name!r} was changed by someone else; reload it")
    count = session.scalar(select(func.count()).where(Agreement.partner_id == partner_id)) or 0
    if count:
        raise ValidationError(
            [
                FieldError(
                    "partner",
                    f"{p.legal_name!r} still has {count} agreement(s); delete or move them first",
                )
            ]
        )
    record_event(
        session,
        actor=actor or current_actor(),
        entity=ENTITY,
        entity_id=p.id,
        action=AuditAction.DELETE,
        summary=p.display_name,
    )
    session.delete(p)
    session.flush()


def _load(session: Session, partner_id: int) -> Partner:
    p = session.get(
        Partner, partner_id, options=[selectinload(Partner.roles), selectinload(Partner.contacts)]
    )
    if p is None:
        raise NotFoundError(f"no partner with id {partner_id}")
    return p


def _view(session: Session, p: Partner) -> PartnerView:
    count = session.scalar(select(func.count()).where(Agreement.partner_id == p.id)) or 0
    return PartnerView(
        id=p.id,
        legal_name=p.legal_name,
        local_name=p.local_name,
        country=p.country,
        roles=tuple(link.role for link in p.roles),
        website=p.website,
        status=p.status,
        notes=p.notes,
        contacts=tuple(
            ContactView(c.id, c.name, c.role, c.email, c.phone, c.title or "") for c in p.contacts
        ),
        version=p.version,
        created_at=p.created_at,
        updated_at=p.updated_at,
        agreement_count=count,
        address=p.address,
        registration_number=p.registration_number,
    )


def get_partner(session: Session, partner_id: int) -> PartnerView:
    return _view(session, _load(session, partner_id))


def find_partner(session: Session, name: str) -> PartnerView:
    """By exact legal or local name (case-insensitive), else a unique partial match."""
    needle = name.strip()
    exact = session.scalars(
        select(Partner.id).where(
            or_(
                func.lower(Partner.legal_name) == needle.lower(),
                Partner.local_name == needle,
            )
        )
    ).all()
    if len(exact) == 1:
        return get_partner(session, exact[0])
    candidates = exact or session.scalars(name_matches(select(Partner.id), needle).limit(6)).all()
    if not candidates:
        raise NotFoundError(f"no partner named {name!r}")
    if len(candidates) > 1:
        names = ", ".join(
            session.scalars(select(Partner.legal_name).where(Partner.id.in_(candidates[:5])))
        )
        raise NotFoundError(f"{name!r} matches several partners ({names}); be more precise")
    return get_partner(session, candidates[0])
