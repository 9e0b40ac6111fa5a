"""The runner's results side by side: a table for the terminal and docs/performance.md."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from bench.measure import Measurement

COLUMNS = (
    "action", "size", "engine", "time", "floor", "ratio", "target", "met", "load", "measured",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Result:
    """One measurement, the machine's 1-minute load average when its bench finished, when
    the run that took it started (UTC, "2026-12-03 15:28"), and the bench module that took
    it: a page can keep rows of an earlier run (``bench/run --keep``), each row says which
    run it came from, and a module measured again replaces all its earlier rows there."""

    measurement: Measurement
    load: float | None = None
    measured: str | None = None
    module: str | None = None  # None in rows recorded before modules were

    def as_record(self) -> dict[str, Any]:
        return {"measurement": asdict(self.measurement), "load": self.load,
                "measured": self.measured, "module": self.module}  # fmt: skip

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Result:
        measurement = Measurement(**record["measurement"])
        return cls(measurement, record["load"], record["measured"], record.get("module"))

    @property
    def key(self) -> tuple[str, int, str]:
        m = self.measurement
        return m.action, m.size, m.engine

    @property
    def scope(self) -> tuple[str | None, int, str]:
        """Which bench on which database: what one module's run at one size measures."""
        return self.module, self.measurement.size, self.measurement.engine


def seconds(value: float | None) -> str:
    """0.4 ms, 56 ms, 1.23 s, 12.4 s: milliseconds below a second, seconds above."""
    if value is None:
        return "—"
    if value < 0.01:  # a floor of a few tenths of a millisecond stays readable
        return f"{value * 1000:.1f} ms"
    if value < 1:
        return f"{value * 1000:.0f} ms"
    return f"{value:.2f} s" if value < 10 else f"{value:.1f} s"


def cells(result: Result) -> list[str]:
    m = result.measurement
    ratio = m.ratio
    met = m.meets_target
    time = seconds(m.seconds) if m.memory_mb is None else f"{m.memory_mb:.0f} MB"
    if m.stall_seconds is not None:
        # The window's rows: how long the event loop stood still matters as much.
        time += f" (GUI blocked {seconds(m.stall_seconds)})"
    return [
        m.action,
        f"{m.size:,}",
        m.engine,
        time,
        seconds(m.floor_seconds),
        "—" if ratio is None else f"{ratio:.1f}×",
        seconds(m.target_seconds),
        "—" if met is None else ("yes" if met else "NO"),
        "—" if result.load is None else f"{result.load:.2f}",
        result.measured or "—",
    ]


def text_table(results: Sequence[Result]) -> str:
    rows = [list(COLUMNS), *(cells(r) for r in results)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(COLUMNS))]
    lines = [
        "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in rows
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines) + "\n"


def markdown_table(results: Sequence[Result]) -> str:
    def line(values: Sequence[str]) -> str:
        return "| " + " | ".join(v.replace("|", "\\|") for v in values) + " |"

    rows = [line(COLUMNS), line(["---"] * len(COLUMNS))]
    rows += [line(cells(r)) for r in results]
    return "\n".join(rows) + "\n"


def performance_page(
    results: Sequence[Result],
    machine: Sequence[tuple[str, str]],
    when: str,
    command: str,
    notes: Sequence[str],
) -> str:
    """The text of docs/performance.md: the figures, when and on what they were taken."""
    parts = [
        "# Performance\n",
        f"Measured {when} by `{command}` (bench/run writes this file; rerun it rather "
        "than editing the figures). Each time is the best of several runs; the floor is "
        "the same work done the plainest way in the same run (the same SQL straight "
        "through the driver; `python -c pass` for start-up), so a busy machine shows as a "
        "slow floor rather than a slow product. *load* is the 1-minute load average when "
        "that bench finished; *measured* is when its run started (rows of an earlier run "
        "are kept by `bench/run --keep`); the issue's targets are in #15.\n",
        "## Machine\n",
        "\n".join(f"- {name}: {value}" for name, value in machine) + "\n",
        "## Figures\n",
        markdown_table(results) if results else "No measurements.\n",
    ]
    if notes:
        parts += ["## Not measured\n", "\n".join(f"- {n}" for n in notes) + "\n"]
    return "\n".join(parts)
