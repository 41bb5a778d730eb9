"""Median wall time of `run_program(["true"])` against a plain `subprocess.run(["true"])`.

Run: .venv/bin/python bench/sandbox_overhead.py [runs] [level]
The first sandboxed run (which probes the machine) is not counted.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from nlsh.sandbox.level import sandbox_level
from nlsh.sandbox.run import run_program


def median_ms(run, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    level = sys.argv[2] if len(sys.argv) > 2 else None
    with tempfile.TemporaryDirectory() as tmp:
        workspace = Path(tmp)
        if os.geteuid() == 0:
            os.chown(workspace, 65534, 65534)
        environ = {"PATH": "/usr/bin:/bin", "HOME": str(Path.home())}

        def sandboxed() -> None:
            result = run_program(["true"], cwd=workspace, workspace=workspace, environ=environ,
                                 timeout=10, force_level=level)
            if result.exit != 0:
                raise SystemExit(f"sandboxed true failed: {result}")

        def plain() -> None:
            subprocess.run(["true"], cwd=workspace, check=True)

        sandboxed()  # the probe
        plain_ms = median_ms(plain, runs)
        sandbox_ms = median_ms(sandboxed, runs)
    print(f"level:           {sandbox_level(level).name}")
    print(f"runs:            {runs}")
    print(f"plain true:      {plain_ms:7.2f} ms (median)")
    print(f"sandboxed true:  {sandbox_ms:7.2f} ms (median)")
    print(f"overhead:        {sandbox_ms - plain_ms:7.2f} ms")


if __name__ == "__main__":
    main()
