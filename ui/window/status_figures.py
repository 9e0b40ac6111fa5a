"""What the status bar counts, read in one worker."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.db import Session
from app.services.fx import RateInForce, stale_rates_in_use
from app.services.partners import count_partners
from app.services.tallies import count_all_agreements


@dataclass(frozen=True)
class StatusFigures:
    agreements: int
    partners: int
    stale_rates: tuple[RateInForce, ...]  # exchange rates in use that are old


def status_figures(s: Session, today: date) -> StatusFigures:
    return StatusFigures(count_all_agreements(s), count_partners(s), stale_rates_in_use(s, today))
