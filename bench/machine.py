"""What the figures were measured on: processor, memory, system and the versions in use."""

from __future__ import annotations

import os
import platform
import sqlite3
import sys
from pathlib import Path


def _first(path: str, key: str) -> str | None:
    try:
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            name, _, value = line.partition(":" if ":" in line else "=")
            if name.strip() == key:
                return value.strip().strip('"')
    except OSError:
        pass
    return None


def load_average() -> float | None:
    try:
        return os.getloadavg()[0]
    except OSError:  # not offered on every system
        return None


def load_text() -> str:
    try:
        one, five, fifteen = os.getloadavg()
    except OSError:
        return "unknown"
    return f"{one:.2f}, {five:.2f}, {fifteen:.2f}"


def memory() -> str:
    kb = _first("/proc/meminfo", "MemTotal")
    if kb is None:
        return "unknown"
    return f"{int(kb.split()[0]) / 1024 / 1024:.1f} GiB"


def describe(postgresql_version: str | None) -> list[tuple[str, str]]:
    """The machine as a list of (what, value), in the order the page shows them."""
    system = _first("/etc/os-release", "PRETTY_NAME") or platform.platform()
    return [
        ("CPU", _first("/proc/cpuinfo", "model name") or platform.processor() or "unknown"),
        ("cores", str(os.cpu_count() or "unknown")),
        ("RAM", memory()),
        ("OS", f"{system} ({platform.system()} {platform.release()})"),
        ("Python", sys.version.split()[0]),
        ("SQLite", sqlite3.sqlite_version),
        ("PostgreSQL", postgresql_version or "not measured"),
    ]
