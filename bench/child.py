"""One bench module's ``measure`` in a fresh interpreter, for bench/run.

    python -m bench.child MODULE TARGET SIZE ENGINE OUT

Each bench starts as a user's program would (nothing imported by an earlier bench, its own
Qt application if it needs one); its measurements go to OUT as JSON.
"""

from __future__ import annotations

import dataclasses
import importlib
import json
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    module, target, size, engine, out = argv
    measurements = importlib.import_module(module).measure(target, int(size), engine)
    Path(out).write_text(json.dumps([dataclasses.asdict(m) for m in measurements]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
