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


def timings_ms(run, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    return sorted(times)


def summary(times: list[float]) -> str:
    p90 = times[min(len(times) - 1, int(len(times) * 0.9))]
    return f"median {statistics.median(times):7.2f} ms   min {times[0]:7.2f} ms   p90 {p90:7.2f} ms"


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
        plain_times, sandbox_times = [], []
        for _ in range(runs):  # interleaved, so that a load spike hits both alike
            plain_times += timings_ms(plain, 1)
            sandbox_times += timings_ms(sandboxed, 1)
        plain_times.sort()
        sandbox_times.sort()
    overhead = statistics.median(sandbox_times) - statistics.median(plain_times)
    print(f"level:           {sandbox_level(level).name}")
    print(f"runs:            {runs} (load average now: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs)")
    print(f"plain true:      {summary(plain_times)}")
    print(f"sandboxed true:  {summary(sandbox_times)}")
    print(f"overhead:        median {overhead:7.2f} ms   min {sandbox_times[0] - plain_times[0]:7.2f} ms")


if __name__ == "__main__":
    main()
