#!/usr/bin/env python3
"""Median wall time of a cold one-shot fast-path request, next to `python3 -c pass`.

    .venv/bin/python bench/oneshot_startup.py [--runs 20] [--request "list files here"]

Target (issue 2): <= 0.15 s median on the 2-core machine.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed(argv: list[str], cwd: str, env: dict[str, str], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.run(argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              stdin=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
        if proc.returncode != 0:
            sys.exit(f"{argv} failed ({proc.returncode}): {proc.stderr.decode(errors='replace')}")
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--request", default="list files here")
    args = parser.parse_args()
    nlsh = ROOT / ".venv" / "bin" / "nlsh"
    with tempfile.TemporaryDirectory() as tmp:
        ws = Path(tmp) / "ws"
        ws.mkdir()
        for i in range(20):
            (ws / f"file{i}.txt").write_text("x\n")
        env = dict(os.environ, NLSH_HOME=str(Path(tmp) / "home"))
        timed([str(nlsh), "-c", args.request, "--yes"], str(ws), env, 2)  # warm the page cache
        nl = timed([str(nlsh), "-c", args.request, "--yes"], str(ws), env, args.runs)
        py = timed(["python3", "-c", "pass"], str(ws), env, args.runs)
        real = timed([str(ROOT / ".venv" / "bin" / "python"), "-c", "pass"], str(ws), env, args.runs)
    print(f"runs: {args.runs}")
    print(f"python3 -c pass            median {statistics.median(py) * 1000:6.1f} ms  (PATH's python3)")
    print(f".venv/bin/python -c pass   median {statistics.median(real) * 1000:6.1f} ms  (the interpreter nlsh runs on)")
    print(f"nlsh -c {args.request!r:22} median {statistics.median(nl) * 1000:6.1f} ms "
          f"(min {min(nl) * 1000:.1f}, max {max(nl) * 1000:.1f})")


if __name__ == "__main__":
    main()
