"""Documents with hostile file names: a safe name is stored, the given one is in the history."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from app.db import Database
from app.errors import ValidationError
from app.services.agreements import AgreementView, create_agreement, get_agreement
from app.services.attachments import add_attachment, attachment_content, safe_filename
from app.services.audit import history
from app.services.partners import PartnerInput, create_partner
from tests.conftest import agreement_input

HOSTILE_NAMES = {
    "../../etc/passwd": "passwd",
    "..\\..\\Windows\\System32\\evil.dll": "evil.dll",
    "C:\\Users\\li\\contract.pdf": "contract.pdf",
    "CON": "_CON",
    "NUL.txt": "_NUL.txt",
    "com1.pdf": "_com1.pdf",
    "licence\x00.pdf": "licence_.pdf",
    "a\x1b[31mred\x07.pdf": "a[31mred.pdf",
    "tab\there\nnewline.pdf": "tab here newline.pdf",
    "..": "document",
    " .hidden. ": "hidden",
    'what?<is>:this|"*.pdf': "what__is__this___.pdf",
    "合同\ufffe.pdf": "合同_.pdf",
    "A&B <Trading> 授权书.pdf": "A&B _Trading_ 授权书.pdf",
    "CONSOLE.txt": "CONSOLE.txt",  # only the device names themselves are reserved
}


@pytest.mark.parametrize(("given", "safe"), HOSTILE_NAMES.items())
def test_a_hostile_name_is_stored_safe_and_the_given_one_kept_for_the_audit(
    session: Session, agreement: AgreementView, given: str, safe: str
) -> None:
    view = add_attachment(session, agreement.id, given, b"%PDF-1.4 body")
    assert view.filename == safe
    assert attachment_content(session, view.id) == (safe, b"%PDF-1.4 body")
    [entry] = [h for h in history(session, "agreement", agreement.id) if h.field == "attachments"]
    given_as = f" (given as {given!r})" if given != safe else ""
    assert entry.new_value == f"added {safe}{given_as}"


def test_long_names_are_cut_to_255_bytes_keeping_the_extension(
    session: Session, agreement: AgreementView
) -> None:
    for given in ("x" * 300 + ".pdf", "授权书" * 60 + ".docx", "😀" * 70 + ".png"):
        name = add_attachment(session, agreement.id, given, given.encode()).filename
        assert len(name.encode()) <= 255
        assert name.endswith(given.rsplit(".", 1)[1]) and name[:1] == given[:1]


def test_a_name_of_invisible_characters_is_refused_like_an_empty_one(
    session: Session, agreement: AgreementView
) -> None:
    for given in ("", "   ", "\u200b\u200b", "\x07"):
        with pytest.raises(ValidationError) as caught:
            add_attachment(session, agreement.id, given, b"x")
        assert caught.value.for_field("filename") == ["the document needs a file name"]
    assert get_agreement(session, agreement.id).attachments == ()


def test_the_same_file_twice_is_added_with_a_note_in_the_history(
    session: Session, agreement: AgreementView
) -> None:
    from app.services.attachments import duplicate_note

    add_attachment(session, agreement.id, "contract.pdf", b"%PDF signed")
    assert duplicate_note(session, agreement.id, b"%PDF signed") == (
        "the same file is already attached as contract.pdf"
    )
    assert duplicate_note(session, agreement.id, b"%PDF other") is None
    add_attachment(session, agreement.id, "contract (1).pdf", b"%PDF signed")
    summaries = [h.new_value for h in history(session, "agreement", agreement.id)]
    assert "added contract (1).pdf; the same file is already attached as contract.pdf" in summaries
    assert len(get_agreement(session, agreement.id).attachments) == 2


def test_safe_names_are_stable() -> None:
    # Reading a stored name again (the editor does, for names stored by older versions)
    # gives the same name: the function is idempotent.
    for given in HOSTILE_NAMES:
        assert safe_filename(safe_filename(given)) == safe_filename(given)


@pytest.mark.postgres
def test_hostile_names_and_overlong_values_on_postgresql(pg_db: Database) -> None:
    with pg_db.session() as s:
        partner = create_partner(s, PartnerInput(legal_name="Acme", country="CN"))
        agreement_id = create_agreement(s, agreement_input(partner.id)).id
        for given in (*HOSTILE_NAMES, "y" * 400 + ".pdf", "\x00a\x00"):
            add_attachment(s, agreement_id, given, given.encode("utf-8", "surrogatepass"))
        # A value the database refuses (an actor name over its 120 characters) is the
        # service's error, and the caller's transaction goes on.
        with pytest.raises(ValidationError) as caught:
            add_attachment(s, agreement_id, "ok.pdf", b"ok", actor="x" * 200)
        assert "the database refused document 'ok.pdf': value too long" in str(caught.value)
        add_attachment(s, agreement_id, "after.pdf", b"after")
    with pg_db.session() as s:
        names = [a.filename for a in get_agreement(s, agreement_id).attachments]
        assert len(names) == len(HOSTILE_NAMES) + 3 and "after.pdf" in names
        assert all(len(n.encode()) <= 255 for n in names)
        summaries = [h.new_value or "" for h in history(s, "agreement", agreement_id)]
        assert "added _a_ (given as '\\x00a\\x00')" in summaries
