"""Documents stored in the database: the signed contract and what supports it."""

from __future__ import annotations

import hashlib
import mimetypes
import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, select
from sqlalchemy.exc import DataError
from sqlalchemy.orm import Session, undefer

from app.domain.enums import DocumentKind
from app.domain.models import MAX_ATTACHMENT_BYTES, Agreement, Attachment
from app.domain.text import clean_text, is_visible
from app.errors import FieldError, NotFoundError, ValidationError
from app.services.agreements import AttachmentView
from app.services.audit import current_actor, record_agreement_change
from app.services.scope import not_ended
from app.services.team_rules import check_may_change_agreement

# --- file names ---------------------------------------------------------------------------

MAX_NAME_BYTES = 255  # what every common file system allows for one name (UTF-8 bytes)
# Not in a file name on Windows (and "/" nowhere); control characters go by the text policy.
_NOT_IN_NAMES = re.compile(r'[<>:"/\\|?*\x00\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]')
# Names Windows reserves for devices, with any extension: CON, nul.txt, COM1.pdf.
_RESERVED = re.compile(r"(CON|PRN|AUX|NUL|COM[0-9¹²³]|LPT[0-9¹²³])(\..*)?", re.IGNORECASE)


def safe_filename(name: str) -> str:
    """A name that is safe to show and to create in any folder on any system.

    The last part of a path only (``..\\..\\evil.exe`` is ``evil.exe``), without control
    characters or characters Windows forbids, not a device name (``CON`` is ``_CON``), no
    leading dots or trailing dots and spaces, at most 255 bytes with its extension kept;
    ``document`` when nothing is left. The same function reads names stored before it
    existed, so no path is ever built from a name as it was given.
    """
    base = re.split(r"[/\\]", name)[-1]
    base = _NOT_IN_NAMES.sub("_", clean_text(base)).strip()
    base = base.lstrip(". ").rstrip(". ")
    if not is_visible(base):
        return "document"
    if _RESERVED.fullmatch(base):
        base = "_" + base
    if len(base.encode()) > MAX_NAME_BYTES:
        stem, dot, ext = base.rpartition(".")
        if not dot or len(ext) > 16:
            stem, ext = base, ""
        room = MAX_NAME_BYTES - len(ext.encode()) - (1 if ext else 0)
        stem = stem.encode()[:room].decode(errors="ignore").rstrip(". ")
        base = f"{stem}.{ext}" if ext else stem
    return base


def duplicate_note(session: Session, agreement_id: int, content: bytes) -> str | None:
    """``"the same file is already attached as contract.pdf"``, or None: for the editor to
    ask before a document is added twice."""
    digest = hashlib.sha256(content).hexdigest()
    names = session.scalars(
        select(Attachment.filename)
        .where(Attachment.agreement_id == agreement_id, Attachment.sha256 == digest)
        .order_by(Attachment.id)
    ).all()
    if not names:
        return None
    return "the same file is already attached as " + ", ".join(names)


# --- adding, reading, removing -------------------------------------------------------------


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
    name = safe_filename(filename)
    errors: list[FieldError] = []
    if not is_visible(clean_text(filename)):
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
    check_may_change_agreement(session, agreement_id)
    who = actor or current_actor()
    note = duplicate_note(session, agreement_id, content)
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
    summary = f"added {name}"
    if name != filename:
        # The name as given, for the audit: repr() writes NUL and other controls as escapes,
        # which every database can store.
        summary += f" (given as {repr(filename)[:1000]})"
    if note:
        summary += f"; {note}"
    try:
        # A savepoint: a value the database refuses leaves the caller's transaction usable.
        with session.begin_nested():
            session.add(att)
            session.flush()
    except DataError as exc:
        reason = str(exc.orig).splitlines()[0] if exc.orig is not None else "a value is invalid"
        raise ValidationError(
            [FieldError("filename", f"the database refused document {name!r}: {reason}")]
        ) from None
    record_agreement_change(session, agreement_id, "attachments", summary, who)
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


def document_of_an_agreement_not_ended(today: date) -> ColumnElement[bool]:
    """The attachment's agreement is in force or in the pipeline (``scope.not_ended``)."""
    return (
        select(Agreement.id)
        .where(Agreement.id == Attachment.agreement_id, not_ended(today))
        .exists()
    )


def expiring_documents(
    session: Session, today: date, within_days: int = 60, limit: int = 200
) -> list[ExpiringDocument]:
    """Documents that expire within the window, and those already expired, of agreements
    in force or in the pipeline (an ended agreement's documents are history)."""
    horizon = date.fromordinal(today.toordinal() + within_days)
    # The agreement is asked of each document (EXISTS, and its reference by key), not
    # joined: joined, SQLite walked every live agreement (800,000 at a million) looking
    # for documents; this walks the few expiring documents in date order and stops.
    reference = (
        select(Agreement.reference).where(Agreement.id == Attachment.agreement_id)
    ).scalar_subquery()
    rows = session.execute(
        select(
            Attachment.id,
            Attachment.agreement_id,
            reference,
            Attachment.filename,
            Attachment.kind,
            Attachment.expires_on,
        )
        .where(
            Attachment.expires_on.is_not(None),
            Attachment.expires_on <= horizon,
            document_of_an_agreement_not_ended(today),
        )
        .order_by(Attachment.expires_on, Attachment.id)
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
