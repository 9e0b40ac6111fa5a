"""bench/run's bookkeeping with stand-in benches: which ran, which were skipped, what it wrote.

Nothing here is timed: the stand-ins report made-up figures.
"""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from bench import runner
from bench.measure import Measurement
from bench.tables import Result, markdown_table, seconds, text_table

STANDINS = {
    "fast": """
        from bench.measure import Measurement

        def measure(target, size, engine):
            return [
                Measurement("search", size, engine, 0.056, 0.004, 0.1),
                Measurement("dashboard figures", size, engine, 1.3, 0.5, 1.0),
            ]
    """,
    "window": """
        from bench.measure import Measurement

        def measure(target, size, engine):
            return [Measurement("sort", size, engine, 0.2, None, 0.3, stall_seconds=0.09)]
    """,
    "named": """
        import os
        from bench.measure import Measurement

        def measure(target, size, engine):
            slowest = os.environ["STANDIN_SLOWEST"]  # a row named after what it found
            return [Measurement(f"filter, slowest sort: {slowest}", size, engine, 0.1)]
    """,
    "broken": """
        def measure(target, size, engine):
            raise RuntimeError(f"no such table at {size}")
    """,
    "unfinished": """
        def main():
            pass
    """,
}


@pytest.fixture
def standins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    package = tmp_path / "standins"
    package.mkdir()
    (package / "__init__.py").write_text("")
    for name, source in STANDINS.items():
        (package / f"{name}.py").write_text(textwrap.dedent(source))
    monkeypatch.syspath_prepend(str(tmp_path))
    return "standins"


def _actions(results: list[Result]) -> list[tuple[str, int, str]]:
    return [(r.measurement.action, r.measurement.size, r.measurement.engine) for r in results]


def test_each_bench_runs_on_each_database_and_the_rows_sit_side_by_side(standins: str) -> None:
    targets = [(1000, "sqlite", "a.db"), (1000, "postgresql", "pg"), (100, "sqlite", "b.db")]
    results, notes = runner.run_benches([f"{standins}.fast"], targets, runner.in_process)
    assert notes == []
    assert _actions(results) == [
        ("search", 100, "sqlite"),
        ("search", 1000, "postgresql"),
        ("search", 1000, "sqlite"),
        ("dashboard figures", 100, "sqlite"),
        ("dashboard figures", 1000, "postgresql"),
        ("dashboard figures", 1000, "sqlite"),
    ]


def test_a_missing_or_unfinished_or_failing_bench_is_named_and_the_others_still_run(
    standins: str, capsys: pytest.CaptureFixture[str]
) -> None:
    modules = [f"{standins}.{n}" for n in ("absent", "unfinished", "broken", "window")]
    results, notes = runner.run_benches(modules, [(1000, "sqlite", "a.db")], runner.in_process)
    assert _actions(results) == [("sort", 1000, "sqlite")]
    assert notes == [
        "standins.absent: not written yet, skipped",
        "standins.unfinished: has no measure(target, size, engine) yet, skipped",
        "standins.broken at 1,000 on sqlite failed: no such table at 1000",
    ]
    printed = capsys.readouterr().out
    assert all(note in printed for note in notes)


def test_a_bench_measured_in_its_own_interpreter_returns_its_measurements(standins: str) -> None:
    measurements = runner.in_subprocess(f"{standins}.window", "a.db", 1000, "sqlite")
    assert measurements == [Measurement("sort", 1000, "sqlite", 0.2, None, 0.3, 0.09)]
    with pytest.raises(RuntimeError, match="no such table at 5"):
        runner.in_subprocess(f"{standins}.broken", "a.db", 5, "sqlite")


def test_times_read_as_people_say_them() -> None:
    assert [seconds(s) for s in (0.00042, 0.0562, 0.31, 1.234, 12.44, None)] == [
        "0.4 ms", "56 ms", "310 ms", "1.23 s", "12.4 s", "—",
    ]  # fmt: skip


def test_the_table_puts_time_floor_ratio_and_target_side_by_side() -> None:
    results = [
        Result(Measurement("search", 1_000_000, "sqlite", 0.05, 0.0004, 0.1), 1.5),
        Result(Measurement("dashboard figures", 100_000, "postgresql", 1.3, 0.5, 1.0), None),
        Result(Measurement("sort", 1000, "sqlite", 0.2, None, None, stall_seconds=0.09), 0.2),
    ]
    lines = text_table(results).splitlines()
    assert lines[0].split() == [
        "action", "size", "engine", "time", "floor", "ratio", "target", "met", "load",
        "measured",
    ]  # fmt: skip
    assert lines[2].split() == [
        "search", "1,000,000", "sqlite", "50", "ms", "0.4", "ms", "125.0×", "100", "ms", "yes",
        "1.50", "—",
    ]  # fmt: skip
    assert lines[3].split()[4:] == ["1.30", "s", "500", "ms", "2.6×", "1.00", "s", "NO", "—", "—"]
    assert "200 ms (GUI blocked 90 ms)" in lines[4]
    rows = markdown_table(results).splitlines()
    assert (
        rows[2]
        == "| search | 1,000,000 | sqlite | 50 ms | 0.4 ms | 125.0× | 100 ms | yes | 1.50 | — |"
    )
    assert rows[3].endswith("| 1.30 s | 500 ms | 2.6× | 1.00 s | NO | — | — |")


def test_the_runner_writes_the_page_with_the_machine_and_what_was_skipped(
    standins: str, template_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    shutil.copyfile(template_db, cache / "s1000.db")  # present: reused, not built
    page = tmp_path / "performance.md"
    only = ["--only", f"{standins}.fast", "--only", f"{standins}.absent"]
    status = runner.main(["--dir", str(cache), "--out", str(page), *only])
    assert status == 0
    text = page.read_text(encoding="utf-8")
    assert "| search | 1,000 | sqlite | 56 ms | 4.0 ms | 14.0× | 100 ms | yes |" in text
    assert "| dashboard figures | 1,000 | sqlite | 1.30 s | 500 ms | 2.6× | 1.00 s | NO |" in text
    for fact in ("- CPU: ", "- cores: ", "- RAM: ", "- OS: ", "- Python: 3.", "- SQLite: 3."):
        assert fact in text
    assert "- load average (1, 5, 15 min): " in text and " at start, " in text
    assert "- standins.absent: not written yet, skipped" in text
    assert "search" in capsys.readouterr().out


def test_keep_adds_this_runs_rows_to_the_last_runs_and_replaces_those_measured_again(
    standins: str, template_db: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    shutil.copyfile(template_db, cache / "s1000.db")
    page = tmp_path / "performance.md"
    common = ["--dir", str(cache), "--out", str(page)]

    def rows() -> list[str]:
        return [line for line in page.read_text(encoding="utf-8").splitlines()
                if line.startswith("| ") and "---" not in line][1:]  # fmt: skip

    assert runner.main([*common, "--only", f"{standins}.fast"]) == 0
    first = rows()
    assert [r.split(" | ")[0] for r in first] == ["| search", "| dashboard figures"]
    assert runner.main([*common, "--only", f"{standins}.window", "--keep"]) == 0
    kept = rows()
    assert [r.split(" | ")[0] for r in kept] == ["| search", "| dashboard figures", "| sort"]
    assert kept[:2] == first  # the earlier run's rows as they were, its time included
    assert "--keep" in page.read_text(encoding="utf-8")
    assert runner.main([*common, "--only", f"{standins}.fast", "--keep"]) == 0
    assert len(rows()) == 3  # measured again: replaced, not doubled
    assert runner.main([*common, "--only", f"{standins}.window"]) == 0
    assert [r.split(" | ")[0] for r in rows()] == ["| sort"]  # without --keep: this run only


def test_keep_replaces_every_row_a_bench_measured_again_even_under_a_new_name(
    standins: str, template_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    shutil.copyfile(template_db, cache / "s1000.db")
    page = tmp_path / "performance.md"
    common = ["--dir", str(cache), "--out", str(page), "--keep"]
    monkeypatch.setenv("STANDIN_SLOWEST", "value")
    assert runner.main([*common, "--only", f"{standins}.named", "--only", f"{standins}.fast"]) == 0
    monkeypatch.setenv("STANDIN_SLOWEST", "title")
    assert runner.main([*common, "--only", f"{standins}.named"]) == 0
    text = page.read_text(encoding="utf-8")
    assert "| filter, slowest sort: title | 1,000 |" in text
    assert "slowest sort: value" not in text  # last run's name for the same row: gone
    assert "| dashboard figures | 1,000 |" in text  # another bench's rows: kept


def test_postgresql_without_a_server_is_refused_in_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PARTNERDESK_BENCH_PG", raising=False)
    assert runner.main(["--engine", "postgresql"]) == 2
    assert capsys.readouterr().out.strip().splitlines() == [
        "bench/run: --engine postgresql needs --pg URL (or $PARTNERDESK_BENCH_PG)"
    ]


def test_the_start_up_bench_gives_a_servers_password_as_a_user_would() -> None:
    from bench.bench_startup import without_password

    url, env = without_password("postgresql+psycopg://pd:s3cret@db.example:5432/bench")
    assert (url, env["PGPASSWORD"]) == ("postgresql+psycopg://pd@db.example:5432/bench", "s3cret")
    assert without_password("/tmp/s1000.db")[0] == "/tmp/s1000.db"


def test_bench_run_is_a_script_that_answers_from_any_folder(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    script = Path(runner.__file__).with_name("run")
    assert os.access(script, os.X_OK)
    done = subprocess.run(
        [sys.executable, str(script), "--help"], capture_output=True, text=True, cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("usage: bench/run [-h] [--size N]")


def test_a_memory_row_shows_megabytes_not_seconds() -> None:
    row = Measurement("memory with the window open (RSS)", 1000, "sqlite", 0.0, memory_mb=181.4)
    table = text_table([Result(row, 1.0)])
    assert "181 MB" in table and "0 ms" not in table


@pytest.mark.postgres
def test_the_page_says_how_much_memory_the_postgresql_server_caches_in() -> None:
    """Figures at a million depend on whether the table fits the server's buffer cache."""
    from bench.databases import postgresql_version
    from tests.conftest import empty_pg_database

    with empty_pg_database() as url:
        said = postgresql_version(url)
    assert said is not None and said[0].isdigit()  # "15.18 (…)"
    assert ", shared_buffers " in said and said.rstrip().endswith(("kB", "MB", "GB", "TB"))
