"""Decision dates, end dates and milestones as an iCalendar file (RFC 5545).

Each event's UID names what it is about (``decision-42@partnerdesk``), not when, and its
SEQUENCE is the agreement's version: importing the file again, or subscribing to it,
updates the events instead of adding copies. Events are all-day with alarms before them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from app.services.notifications.kinds import app_link

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.services.listing import AgreementFilter
    from app.services.notifications.recipients import Owned

_WORDS = {
    "decision": ("Decision: {ref} {title}", "续约决策：{ref} {title}"),
    "end": ("Ends: {ref} {title}", "到期：{ref} {title}"),
    "milestone": ("Milestone: {title} ({ref})", "里程碑：{title}（{ref}）"),
    "decision_note": ("Last day to renew or cancel {ref} ({partner}). Owner: {owner}.",
                      "{ref}（{partner}）续约或终止的最后一天。负责人：{owner}。"),
    "renews": ("Renews automatically for {months} months unless cancelled.",
               "若不通知对方，将自动续约 {months} 个月。"),
    "end_note": ("{ref} ({partner}) ends. Owner: {owner}.",
                 "{ref}（{partner}）到期。负责人：{owner}。"),
    "milestone_note": ("Due under {ref} ({partner}). Owner: {owner}.",
                       "{ref}（{partner}）的里程碑。负责人：{owner}。"),
    "seller_document": ("Seller paper expires: {kind}, {seller}",
                        "卖家资质到期：{seller} {kind}"),
    "seller_document_note": ("{seller}'s {kind} {number} expires. The seller sells under {ref} "
                             "({partner}). Owner: {owner}.",
                             "卖家{seller}的{kind}{number}到期，其依据协议 {ref}（{partner}）经营。"
                             "负责人：{owner}。"),
}  # fmt: skip
# Alarms before each kind of event, in days (a seller's papers take a month to renew).
ALARMS = {"decision": (7, 1), "end": (7,), "milestone": (1,), "seller_document": (30, 7)}


@dataclass(frozen=True, slots=True)
class Event:
    uid: str
    kind: str  # decision, end, milestone
    on: date
    summary: str
    description: str
    reference: str
    sequence: int


def events(
    session: Session,
    f: AgreementFilter | None = None,
    owned: Owned | None = None,
    lang: str = "en",
) -> list[Event]:
    """The events of live agreements the filter shows (only those ``owned``, if given)."""
    from sqlalchemy import select

    from app.domain.enums import MilestoneStatus
    from app.domain.models import Agreement, Milestone, Partner
    from app.services.listing import AgreementFilter, joined_select
    from app.services.listing_filters import filtered
    from app.services.scope import DECISION_STATUSES

    f = f or AgreementFilter()
    if not f.statuses:
        f = replace(f, statuses=DECISION_STATUSES)
    i = 1 if lang == "zh" else 0
    word = {k: v[i] for k, v in _WORDS.items()}
    rows = session.execute(
        filtered(joined_select([Agreement.id, Agreement.reference, Agreement.title,
                                Agreement.owner, Partner.legal_name, Partner.local_name,
                                Agreement.decision_date, Agreement.end_date, Agreement.auto_renew,
                                Agreement.renewal_term_months, Agreement.version,
                                Agreement.owner_login]), f)
        .order_by(Agreement.decision_date, Agreement.reference)
    )  # fmt: skip
    found: list[Event] = []
    agreements: dict[int, tuple[str, str, str, int]] = {}
    for r in rows:
        if owned is not None and not owned.owns(r.owner_login, r.owner):
            continue
        partner = (r.local_name or r.legal_name) if lang == "zh" else r.legal_name
        v = {"ref": r.reference, "title": r.title, "partner": partner, "owner": r.owner or "—"}
        agreements[r.id] = (r.reference, partner, r.owner or "—", r.version)
        note = word["decision_note"].format(**v)
        if r.auto_renew:
            note += ("" if lang == "zh" else " ") + word["renews"].format(
                months=r.renewal_term_months or 12
            )
        note += f"\n{app_link(r.reference)}"
        found.append(
            Event(
                f"decision-{r.id}@partnerdesk",
                "decision",
                r.decision_date,
                word["decision"].format(**v),
                note,
                r.reference,
                r.version,
            )
        )
        found.append(Event(f"end-{r.id}@partnerdesk", "end", r.end_date,
                           word["end"].format(**v),
                           word["end_note"].format(**v) + f"\n{app_link(r.reference)}",
                           r.reference, r.version))  # fmt: skip
    ids = sorted(agreements)
    for start in range(0, len(ids), 500):
        milestones = session.execute(
            select(Milestone.id, Milestone.agreement_id, Milestone.title, Milestone.due_date,
                   Milestone.owner)
            .where(Milestone.agreement_id.in_(ids[start : start + 500]),
                   Milestone.status == MilestoneStatus.OPEN)
        )  # fmt: skip
        for m in milestones:
            ref, partner, owner, version = agreements[m.agreement_id]
            v = {"ref": ref, "title": m.title, "partner": partner, "owner": m.owner or owner}
            found.append(Event(f"milestone-{m.id}@partnerdesk", "milestone", m.due_date,
                               word["milestone"].format(**v),
                               word["milestone_note"].format(**v) + f"\n{app_link(ref)}",
                               ref, version))  # fmt: skip
    found += _seller_documents(session, agreements, word, lang)
    return found


def _seller_documents(
    session: Session,
    agreements: dict[int, tuple[str, str, str, int]],
    word: dict[str, str],
    lang: str,
) -> list[Event]:
    """The expiry of each paper of a seller selling under one of ``agreements``, once
    (named under the first of them by reference)."""
    from sqlalchemy import select

    from app.domain.seller_models import Seller, SellerBrand, SellerDocument
    from app.domain.sellers import SellerStatus
    from app.reports.i18n import Words

    words = Words("zh" if lang == "zh" else "en")
    ids = sorted(agreements)
    papers: dict[int, Event] = {}
    for start in range(0, len(ids), 500):
        rows = session.execute(
            select(SellerDocument.id, SellerDocument.kind, SellerDocument.number,
                   SellerDocument.expires_on, Seller.legal_name, Seller.local_name,
                   SellerBrand.agreement_id)
            .join(Seller, Seller.id == SellerDocument.seller_id)
            .join(SellerBrand, SellerBrand.seller_id == Seller.id)
            .where(SellerBrand.agreement_id.in_(ids[start : start + 500]),
                   SellerDocument.expires_on.is_not(None),
                   Seller.status != SellerStatus.TERMINATED)
        )  # fmt: skip
        for r in rows:
            ref, partner, owner, _version = agreements[r.agreement_id]
            known = papers.get(r.id)
            if known is not None and known.reference <= ref:
                continue
            seller = (r.local_name or r.legal_name) if lang == "zh" else r.legal_name
            v = {"seller": seller, "kind": words.enum(r.kind), "ref": ref, "partner": partner,
                 "owner": owner, "number": r.number}  # fmt: skip
            papers[r.id] = Event(f"seller-document-{r.id}@partnerdesk", "seller_document",
                                 r.expires_on, word["seller_document"].format(**v),
                                 word["seller_document_note"].format(**v).replace("  ", " ")
                                 + f"\n{app_link(ref)}", ref, 0)  # fmt: skip
    return sorted(papers.values(), key=lambda e: (e.on, e.uid))


def ics(
    found: list[Event],
    now: datetime,
    progress: Callable[[int, int], bool] | None = None,
    name: str = "PartnerDesk",
) -> bytes:
    """The events as one VCALENDAR (RFC 5545), all-day, with their alarms.

    ``progress(done, total)`` is told every few hundred events; False stops the work
    (InterruptedError). The icalendar package takes about a millisecond per event.
    """
    from icalendar import Alarm, Calendar
    from icalendar import Event as VEvent

    cal = Calendar()
    cal.add("prodid", "-//PartnerDesk//Agreements//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    for n, e in enumerate(found):
        if progress is not None and n % 250 == 0 and not progress(n, len(found)):
            raise InterruptedError("calendar export cancelled")
        ev = VEvent()
        ev.add("uid", e.uid)
        ev.add("dtstamp", now)
        ev.add("dtstart", e.on)
        ev.add("dtend", e.on + timedelta(days=1))
        ev.add("summary", e.summary)
        ev.add("description", e.description)
        ev.add("url", app_link(e.reference))
        ev.add("sequence", e.sequence)
        ev.add("transp", "TRANSPARENT")  # a reminder, not a busy day
        ev.add("categories", ["PartnerDesk", e.kind])
        for days in ALARMS[e.kind]:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", e.summary)
            alarm.add("trigger", timedelta(days=-days))
            ev.add_component(alarm)
        cal.add_component(ev)
    return bytes(cal.to_ical())
