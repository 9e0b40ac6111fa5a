"""What every benchmark reports, so that `bench/run` can print and file them side by side.

Each bench module that the runner uses offers

    def measure(target: str, size: int, engine: str) -> list[Measurement]

where ``target`` is a database path or URL holding ``size`` demo agreements on ``engine``
("sqlite" or "postgresql"). A measurement names its floor — the same work done the
plainest way in the same run (the same SQL straight through the driver; ``python -c pass``
for start-up) — so a slow machine shows as a slow floor, not as a slow product.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Measurement:
    action: str  # a row of issue #15's table: "search (first screen)", "dashboard figures" …
    size: int  # agreements in the database
    engine: str  # "sqlite" or "postgresql"
    seconds: float  # elapsed, the best of the runs
    floor_seconds: float | None = None  # the floor measured in the same run
    target_seconds: float | None = None  # what issue #15 asks for
    stall_seconds: float | None = None  # the longest the GUI's event loop was blocked meanwhile
    memory_mb: float | None = None  # resident memory (RSS) afterwards, for memory rows

    @property
    def ratio(self) -> float | None:
        """How many floors the product takes; None without a floor."""
        if not self.floor_seconds:
            return None
        return self.seconds / self.floor_seconds

    @property
    def meets_target(self) -> bool | None:
        if self.target_seconds is None:
            return None
        return self.seconds <= self.target_seconds
