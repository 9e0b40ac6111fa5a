"""PDF reports executives read: one renderer per report, fed frozen data.

``render(data, progress)`` picks the renderer for the data's type, so callers (the command
line, the Reports page) need not know the classes.
"""

from __future__ import annotations

from collections.abc import Callable

from app.reports.agreement import AgreementReport
from app.reports.data import (
    AgreementReportData,
    PartnerReportData,
    PortfolioReportData,
    RenewalReportData,
)
from app.reports.partner import PartnerReport
from app.reports.portfolio import PortfolioReport
from app.reports.renewals import RenewalReport

ReportData = AgreementReportData | PortfolioReportData | RenewalReportData | PartnerReportData

__all__ = [
    "AgreementReport",
    "PartnerReport",
    "PortfolioReport",
    "RenewalReport",
    "ReportData",
    "render",
]


def render(data: ReportData, progress: Callable[[int, int], bool] | None = None) -> bytes:
    if isinstance(data, AgreementReportData):
        return AgreementReport().render(data, progress)
    if isinstance(data, PortfolioReportData):
        return PortfolioReport().render(data, progress)
    if isinstance(data, RenewalReportData):
        return RenewalReport().render(data, progress)
    return PartnerReport().render(data, progress)
