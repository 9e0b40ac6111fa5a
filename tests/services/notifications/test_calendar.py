"""``partnerdesk calendar``: the iCalendar file, parsed back as a calendar would read it."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from icalendar import Calendar
from sqlalchemy.orm import Session

from app.cli import main
from app.db import Database
from app.services.agreements import agreement_id_for_reference, get_agreement, update_agreement
from tests.conftest import TODAY
from tests.services.notifications.conftest import Desk


def write(capsys: pytest.CaptureFixture[str], desk: Desk, out: Path, *args: str) -> Calendar:
    code = main(["--db", str(desk.path), "calendar", str(out), *args])
    assert code == 0, capsys.readouterr().err
    return Calendar.from_ical(out.read_bytes())


def by_uid(cal: Calendar) -> dict[str, object]:
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


def test_events_with_alarms_and_stable_uids(
    desk: Desk, db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cal = write(capsys, desk, tmp_path / "all.ics")
    assert str(cal["VERSION"]) == "2.0"
    events = by_uid(cal)
    with db.session() as s:
        a = get_agreement(s, _id(s, desk.decision_ref))
    decision = events[f"decision-{a.id}@partnerdesk"]
    assert decision["DTSTART"].dt == TODAY + timedelta(days=20)  # type: ignore[index]
    assert str(decision["SUMMARY"]) == f"Decision: {desk.decision_ref} Lumière skincare"  # type: ignore[index]
    assert f"partnerdesk://agreement/{desk.decision_ref}" in str(decision["DESCRIPTION"])  # type: ignore[index]
    assert "Renews automatically for 12 months" in str(decision["DESCRIPTION"])  # type: ignore[index]
    triggers = [al["TRIGGER"].dt for al in decision.walk("VALARM")]  # type: ignore[attr-defined]
    assert triggers == [timedelta(days=-7), timedelta(days=-1)]
    assert f"end-{a.id}@partnerdesk" in events
    milestones = [e for uid, e in events.items() if uid.startswith("milestone-")]
    assert [str(m["SUMMARY"]) for m in milestones] == [  # type: ignore[index]
        f"Milestone: Launch flagship store ({desk.document_ref})"
    ]

    # A changed decision date: the same UID, a later SEQUENCE, so a calendar updates it.
    before = int(decision["SEQUENCE"])  # type: ignore[index]
    with db.session() as s:
        moved_end = replace(a.to_input(), end_date=a.end_date + timedelta(days=30))
        update_agreement(s, a.id, moved_end, a.version)
    again = by_uid(write(capsys, desk, tmp_path / "again.ics"))
    moved = again[f"decision-{a.id}@partnerdesk"]
    assert moved["DTSTART"].dt == TODAY + timedelta(days=50)  # type: ignore[index]
    assert int(moved["SEQUENCE"]) > before  # type: ignore[index]
    assert set(again) == set(events)


def test_one_owner_and_chinese(
    desk: Desk, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cal = write(capsys, desk, tmp_path / "zhang.ics", "--owner", "zhang.min", "--lang", "zh")
    summaries = sorted(str(e["SUMMARY"]) for e in cal.walk("VEVENT"))
    # Her agreements name her "张敏" and "Zhang Min": both are hers; Li Wei's are not.
    assert f"续约决策：{desk.overdue_ref} Bonded warehouse Ningbo" in summaries
    assert any(desk.kpi_ref in s for s in summaries)
    assert not any(desk.decision_ref in s for s in summaries)
    code = main(["--db", str(desk.path), "calendar", str(tmp_path / "x.ics"), "--owner", "nobody"])
    assert code == 1
    assert capsys.readouterr().err == (
        "partnerdesk: error: no active person with the login 'nobody' in the register\n"
    )


def _id(s: Session, reference: str) -> int:
    return agreement_id_for_reference(s, reference)


@pytest.mark.usefixtures("desk")
def test_writing_reports_progress_and_stops_when_told(db: Database) -> None:
    from app.domain.types import utcnow
    from app.services.notifications.calendar import events, ics

    with db.session() as s:
        found = events(s)
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> bool:
        seen.append((done, total))
        return True

    ics(found, utcnow(), progress)
    assert seen[0] == (0, len(found))
    with pytest.raises(InterruptedError):
        ics(found, utcnow(), lambda _done, _total: False)
