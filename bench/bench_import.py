"""Import speed and memory: 100,000 agreements from CSV against the raw sqlite3 floor.

    /work/venv/bin/python bench/bench_import.py [--rows 100000]

The floor is the least any importer must do with the same file in the same run: read it
with the csv module and ``executemany`` its rows into one SQLite table in one transaction
(same pragmas as PartnerDesk: WAL, synchronous=NORMAL). The import does everything the
product promises on top: detection, parsing of human values, validation of every row
with the editor's rules, partners, agreements + terms + default KPIs + audit entries.
Peak memory (ru_maxrss) of the import is measured in a fresh process per size, so growth
with the file shows up as a difference between sizes.
"""

from __future__ import annotations

import argparse
import csv
import random
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

HEADER = [
    "reference", "title", "type", "status", "partner", "partner_local_name", "partner_country",
    "owner", "currency", "value", "signed_date", "start_date", "end_date", "notice_days",
    "auto_renew", "renewal_months", "governing_law", "territories", "description",
    "operating_model", "brands", "commission_rate_pct", "services", "routes",
    "delivery_sla_days", "channels", "budget", "payment_methods", "fee_rate_pct",
    "partner_platform", "revenue_share_pct",
]  # fmt: skip
TYPES = ["brand", "logistics", "marketing", "payment", "platform"]
COUNTRIES = ["CN", "JP", "KR", "US", "FR", "DE", "AU", "GB", "IT", "NZ"]


def make_csv(path: Path, rows: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    partners = [(f"Partner {i:04d} Co., Ltd.", f"合作伙伴{i:04d}有限公司", rng.choice(COUNTRIES))
                for i in range(1000)]  # fmt: skip
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(HEADER)
        for i in range(rows):
            t = TYPES[i % 5]
            name, local, country = partners[i % len(partners)]
            start = date(2024, 1, 1) + timedelta(days=rng.randint(0, 900))
            end = start + timedelta(days=rng.randint(180, 1100))
            status = rng.choice(["draft", "negotiation", "active", "expired"])
            signed = (
                (start - timedelta(days=10)).isoformat() if status in ("active", "expired") else ""
            )
            terms = {
                "brand": {
                    "operating_model": rng.choice(["direct", "platform"]),
                    "brands": "Alpha; Beta",
                    "commission_rate_pct": "5.5",
                },
                "logistics": {
                    "services": "first_mile; customs_clearance",
                    "routes": "Shanghai - Paris",
                    "delivery_sla_days": "7",
                },
                "marketing": {"channels": "livestream; social_kol", "budget": "¥500,000"},
                "payment": {"payment_methods": "alipay; card", "fee_rate_pct": "0.6"},
                "platform": {"partner_platform": "Shopee", "revenue_share_pct": "12"},
            }[t]
            values = {
                "reference": "", "title": f"{name} {t} agreement {i}", "type": t,
                "status": status, "partner": name, "partner_local_name": local,
                "partner_country": country, "owner": rng.choice(["Li Wei", "Wang Fang"]),
                "currency": "CNY", "value": f"{rng.randint(10_000, 50_000_000):,}.00",
                "signed_date": signed, "start_date": start.isoformat(),
                "end_date": end.strftime("%Y/%-m/%-d"), "notice_days": "90",
                "auto_renew": "否", "renewal_months": "", "governing_law": "PRC law",
                "territories": "Mainland China", "description": "",
            } | terms  # fmt: skip
            w.writerow([values.get(h, "") for h in HEADER])


def floor(path: Path, db: Path) -> float:
    started = time.perf_counter()
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute(f"CREATE TABLE rows ({', '.join(HEADER)})")
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.reader(f)
        next(reader)
        conn.execute("BEGIN")
        conn.executemany(f"INSERT INTO rows VALUES ({', '.join('?' * len(HEADER))})", reader)
        conn.execute("COMMIT")
    conn.close()
    return time.perf_counter() - started


SCHEMA_TABLES = (
    "partners", "partner_roles", "agreements", "brand_terms", "logistics_terms",
    "marketing_terms", "payment_terms", "platform_terms", "kpi_definitions", "audit_log",
)  # fmt: skip


def schema_floor(imported: Path, work: Path) -> float:
    """The rows the import wrote, inserted raw into an empty PartnerDesk schema: what
    SQLite itself needs for these tables and their indexes, with no Python work at all."""
    from app.db import open_database

    target = work / "schema-floor.db"
    open_database(target).dispose()
    src = sqlite3.connect(imported)
    rows = {t: src.execute(f"SELECT * FROM {t}").fetchall() for t in SCHEMA_TABLES}
    src.close()
    dst = sqlite3.connect(target, isolation_level=None)
    dst.execute("PRAGMA journal_mode=WAL")
    dst.execute("PRAGMA synchronous=NORMAL")
    dst.execute("PRAGMA foreign_keys=ON")
    started = time.perf_counter()
    dst.execute("BEGIN")
    for table, values in rows.items():
        if values:
            marks = ", ".join("?" * len(values[0]))
            dst.executemany(f"INSERT INTO {table} VALUES ({marks})", values)
    dst.execute("COMMIT")
    elapsed = time.perf_counter() - started
    dst.close()
    return elapsed


def import_once(path: Path, db: Path) -> None:
    """In a child process: import, print seconds and peak RSS (MB)."""
    from app.db import open_database
    from app.services.importing import import_file

    database = open_database(db)
    started = time.perf_counter()
    with database.session() as s:
        report = import_file(s, path)
    elapsed = time.perf_counter() - started
    database.dispose()
    assert report.ok and report.creates > 0, report.problems[:3]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{elapsed:.3f} {peak:.1f} {report.creates}")


def measure(path: Path, work: Path, name: str) -> tuple[float, float]:
    db = work / f"{name}.db"
    out = subprocess.run(
        [sys.executable, __file__, "--child", str(path), str(db)],
        check=True, capture_output=True, text=True,
    ).stdout.split()  # fmt: skip
    return float(out[0]), float(out[1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--child", nargs=2, metavar=("CSV", "DB"))
    args = parser.parse_args()
    if args.child:
        import_once(Path(args.child[0]), Path(args.child[1]))
        return
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        small_rows = max(args.rows // 4, 1)
        big, small = work / "big.csv", work / "small.csv"
        make_csv(big, args.rows)
        make_csv(small, small_rows)
        raw = floor(big, work / "floor.db")
        seconds, peak = measure(big, work, "big")
        small_seconds, small_peak = measure(small, work, "small")
        schema = schema_floor(work / "big.db", work)
        print(f"rows                   {args.rows:,} ({big.stat().st_size / 1e6:.1f} MB CSV)")
        print(f"raw sqlite3 floor      {raw:.2f} s  (csv.reader + executemany, one table)")
        print(f"raw into our schema    {schema:.2f} s  (the same rows the import wrote, "
              "executemany into the real tables and indexes)")  # fmt: skip
        print(f"partnerdesk import     {seconds:.2f} s  = {seconds / raw:.1f}x the floor "
              f"({args.rows / seconds:,.0f} rows/s)")  # fmt: skip
        print(
            f"peak memory            {peak:.0f} MB at {args.rows:,} rows, "
            f"{small_peak:.0f} MB at {small_rows:,} rows ({small_seconds:.2f} s)"
        )


if __name__ == "__main__":
    main()
