"""The import collects cycles less while it runs (``importing.collector``), and leaves the
collector exactly as it found it: after a good import, a cancelled one, and when the
application froze objects of its own."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.models import Agreement
from app.services.importing import import_file
from app.services.importing.collector import YOUNG_THRESHOLD
from tests.services.test_importing import row, write_csv

SETTINGS = (700, 10, 10)


@pytest.fixture
def collector() -> Iterator[None]:
    before = gc.get_threshold()
    gc.set_threshold(*SETTINGS)
    yield
    gc.set_threshold(*before)
    gc.unfreeze()


def _file(tmp_path: Path) -> Path:
    return write_csv(tmp_path / "in.csv", [row(title=f"Campaign {i}") for i in range(3)])


def _agreements(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Agreement)) or 0


@pytest.mark.usefixtures("collector")
def test_fewer_passes_during_the_import_and_the_settings_back_after(
    session: Session, tmp_path: Path
) -> None:
    during: list[tuple[tuple[int, int, int], int]] = []

    def progress(_done: int, _total: int) -> bool:
        during.append((gc.get_threshold(), gc.get_freeze_count()))
        return True

    report = import_file(session, _file(tmp_path), progress=progress)
    assert report.creates == 3
    threshold, frozen = during[0]
    assert threshold == (YOUNG_THRESHOLD, 10, 10)
    assert frozen > 0  # what was alive before the import is left out of its passes
    assert gc.get_threshold() == SETTINGS
    assert gc.get_freeze_count() == 0


@pytest.mark.usefixtures("collector")
def test_a_cancelled_import_leaves_the_collector_as_it_was(
    session: Session, tmp_path: Path
) -> None:
    with pytest.raises(InterruptedError, match="nothing was imported"):
        import_file(session, _file(tmp_path), progress=lambda _done, _total: False)
    assert _agreements(session) == 0
    assert gc.get_threshold() == SETTINGS
    assert gc.get_freeze_count() == 0


@pytest.mark.usefixtures("collector")
def test_objects_frozen_by_the_application_stay_frozen(session: Session, tmp_path: Path) -> None:
    gc.freeze()
    report = import_file(session, _file(tmp_path))
    assert report.creates == 3
    assert gc.get_freeze_count() > 0  # the import's unfreeze() would have thawed them
    assert gc.get_threshold() == SETTINGS
