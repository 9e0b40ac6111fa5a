"""Documents stored in the database: the signed contract and what supports it."""

from __future__ import annotations

import hashlib
import mimetypes
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, undefer

from app.domain.enums import DocumentKind
from app.domain.models import MAX_ATTACHMENT_BYTES, Agreement, Attachment
from app.errors import FieldError, NotFoundError, ValidationError
from app.services.agreements import AttachmentView
from app.services.audit import current_actor, record_agreement_change


def add_attachment(
    session: Session,
    agreement_id: int,
    filename: str,
    content: bytes,
    *,
    kind: DocumentKind = DocumentKind.OTHER,
    expires_on: date | None = None,
    actor: str | None = None,
) -> AttachmentView:
    name = Path(filename).name.strip()
    errors: list[FieldError] = []
    if not name:
        errors.append(FieldError("filename", "the document needs a file name"))
    if len(content) > MAX_ATTACHMENT_BYTES:
        errors.append(
            FieldError(
                "content",
                f"{len(content) / 1_048_576:.1f} MB is over the "
                f"{MAX_ATTACHMENT_BYTES // 1_048_576} MB limit for one document",
            )
        )
    if errors:
        raise ValidationError(errors)
    if session.get(Agreement, agreement_id) is None:
        raise NotFoundError(f"no agreement with id {agreement_id}")
    who = actor or current_actor()
    att = Attachment(
        agreement_id=agreement_id,
        filename=name,
        mime_type=mimetypes.guess_type(name)[0] or "application/octet-stream",
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        kind=kind,
        expires_on=expires_on,
        uploaded_by=who,
        content=content,
    )
    session.add(att)
    session.flush()
    record_agreement_change(session, agreement_id, "attachments", f"added {name}", who)
    return AttachmentView(
        att.id,
        att.filename,
        att.mime_type,
        att.size,
        att.sha256,
        att.kind,
        att.expires_on,
        att.uploaded_at,
        att.uploaded_by,
    )


def attachment_content(session: Session, attachment_id: int) -> tuple[str, bytes]:
    att = session.get(Attachment, attachment_id, options=[undefer(Attachment.content)])
    if att is None:
        raise NotFoundError(f"no document with id {attachment_id}")
    if hashlib.sha256(att.content).hexdigest() != att.sha256:
        raise ValidationError(
            [FieldError("content", f"{att.filename} is damaged (its checksum does not match)")]
        )
    return att.filename, att.content


def remove_attachment(session: Session, attachment_id: int, actor: str | None = None) -> None:
    att = session.get(Attachment, attachment_id)
    if att is None:
        raise NotFoundError(f"no document with id {attachment_id}")
    record_agreement_change(
        session, att.agreement_id, "attachments", f"removed {att.filename}", actor
    )
    session.delete(att)
    session.flush()


@dataclass(frozen=True, slots=True)
class ExpiringDocument:
    attachment_id: int
    agreement_id: int
    reference: str
    filename: str
    kind: DocumentKind
    expires_on: date
    days_left: int


def expiring_documents(
    session: Session, today: date, within_days: int = 60, limit: int = 200
) -> list[ExpiringDocument]:
    """Documents that expire within the window, and those already expired."""
    horizon = date.fromordinal(today.toordinal() + within_days)
    rows = session.execute(
        select(
            Attachment.id,
            Attachment.agreement_id,
            Agreement.reference,
            Attachment.filename,
            Attachment.kind,
            Attachment.expires_on,
        )
        .join(Agreement, Agreement.id == Attachment.agreement_id)
        .where(Attachment.expires_on.is_not(None), Attachment.expires_on <= horizon)
        .order_by(Attachment.expires_on)
        .limit(limit)
    )
    result = []
    for r in rows:
        expires = r[5]
        assert expires is not None
        result.append(
            ExpiringDocument(r[0], r[1], r[2], r[3], r[4], expires, (expires - today).days)
        )
    return result
