"""Write every report for the demo data into docs/samples/, English and Chinese, with a
PNG of each first page (needs poppler's pdftoppm) and a README listing them.

    python scripts/make_samples.py [--agreements 300] [--out docs/samples]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import tempfile
from datetime import date
from pathlib import Path

from app.db import open_database
from app.domain.enums import AgreementStatus, AgreementType
from app.reports import ReportData, render
from app.services import reporting
from app.services.demo import load_demo
from app.services.listing import AgreementFilter, list_agreements

TODAY = date(2026, 11, 26)
TITLES = {
    "agreement": "Agreement contract report",
    "portfolio": "Portfolio summary",
    "renewals": "Renewal outlook (90 days)",
    "partner": "Partner dossier",
}


def first_page_png(pdf: Path) -> Path | None:
    exe = shutil.which("pdftoppm")
    if exe is None:
        return None
    stem = pdf.with_suffix("")
    subprocess.run(
        [exe, "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(stem)],
        check=True,
    )
    return stem.with_suffix(".png")


def pages(pdf: Path) -> int:
    return pdf.read_bytes().count(b"/Type /Page\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agreements", type=int, default=300)
    parser.add_argument("--out", type=Path, default=Path("docs/samples"))
    args = parser.parse_args()
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    rows: list[str] = []
    with tempfile.TemporaryDirectory() as folder:
        db = open_database(Path(folder) / "samples.db")
        with db.session() as s:
            load_demo(s, args.agreements, seed=7, today=TODAY)
        with db.session() as s:
            example = list_agreements(
                s,
                AgreementFilter(
                    types=frozenset({AgreementType.BRAND}),
                    statuses=frozenset({AgreementStatus.ACTIVE}),
                ),
                limit=1,
            )[0]
            for lang in ("en", "zh"):
                reports: dict[str, ReportData] = {
                    "agreement": reporting.agreement_report(s, example.reference, lang, TODAY),
                    "portfolio": reporting.portfolio_report(s, lang, TODAY),
                    "renewals": reporting.renewal_report(s, 90, lang, TODAY),
                    "partner": reporting.partner_report(
                        s, "", lang, TODAY, partner_id=example.partner_id
                    ),
                }
                for kind, data in reports.items():
                    pdf = out / f"{kind}-{lang}.pdf"
                    pdf.write_bytes(render(data))
                    png = first_page_png(pdf)
                    preview = f"![{kind} {lang}]({png.name})" if png else ""
                    rows.append(
                        f"| {TITLES[kind]} | {lang} | [{pdf.name}]({pdf.name}) | "
                        f"{pages(pdf)} | {preview} |"
                    )
                    print(f"wrote {pdf} ({pages(pdf)} pages)")
        db.dispose()
    readme = [
        "# Sample reports",
        "",
        f"Written by `scripts/make_samples.py` from the demo data ({args.agreements} "
        f"agreements, seed 7, as of {TODAY.isoformat()}). The agreement report and the "
        f"partner dossier are for {example.reference} and its partner.",
        "",
        "| Report | Language | PDF | Pages | First page |",
        "|---|---|---|---|---|",
        *rows,
        "",
    ]
    (out / "README.md").write_text("\n".join(readme), encoding="utf-8")


if __name__ == "__main__":
    main()
