#!/usr/bin/env python3
"""Median time from starting `nlsh tui` to its first screen, in a real pseudo-terminal.

    .venv/bin/python bench/tui_startup.py [--runs 10] [--model none|default|PATH]

Each run starts `nlsh tui` in a new 100x30 pty (NLSH_HOME and the working folder in a temp
dir, a few files in it), reads its output until the conversation pane's title is on the
screen, then leaves with Ctrl-Q. The model (if any) loads lazily, on the first request the
fast path does not understand, so it does not change the figure.
Target (issue 7): <= 1.0 s median.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import re
import select
import statistics
import struct
import sys
import tempfile
import termios
import time
from pathlib import Path

from ptykit import reap

ROOT = Path(__file__).resolve().parent.parent
MARKER = b"conversation"  # the conversation pane's border title: the first screen is painted
ANSI = re.compile(rb"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)")
ROWS, COLS = 30, 100


def one_run(argv: list[str], cwd: str, env: dict[str, str], timeout: float = 15.0) -> float:
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # the child: nlsh on the pty
        os.chdir(cwd)
        os.execve(argv[0], argv, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
    seen = b""
    try:
        while True:
            left = timeout - (time.perf_counter() - start)
            if left <= 0:
                raise SystemExit(f"no first screen after {timeout} s; output so far: {seen[-400:]!r}")
            ready, _, _ = select.select([fd], [], [], left)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # the child exited
                raise SystemExit(f"nlsh tui exited before its first screen; output: {seen[-400:]!r}") from None
            seen += chunk
            if MARKER in ANSI.sub(b"", seen):
                elapsed = time.perf_counter() - start
                break
        os.write(fd, b"\x11")  # Ctrl-Q: quit
        reap(pid, fd)
        return elapsed
    finally:
        os.close(fd)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--model", default="none", help="none (no model), default (the configured one) or a PATH/URL")
    args = parser.parse_args()
    nlsh = str(Path(sys.executable).with_name("nlsh"))
    if not os.path.exists(nlsh):
        raise SystemExit(f"no nlsh next to {sys.executable}; install the package (pip install -e .)")
    argv = [nlsh, "tui"] + ({"none": ["--model", ""], "default": []}.get(args.model, ["--model", args.model]))
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        work, home = Path(tmp, "work"), Path(tmp, "nlsh-home")
        work.mkdir()
        home.mkdir()
        for i in range(20):
            (work / f"file{i:02}.txt").write_text("x\n")
        env = {k: v for k, v in os.environ.items() if k not in ("NLSH_HOME",)}
        env.update(NLSH_HOME=str(home), TERM=env.get("TERM", "xterm-256color") or "xterm-256color",
                   COLUMNS=str(COLS), LINES=str(ROWS))
        for _ in range(args.runs):
            times.append(one_run(argv, str(work), env))
    times.sort()
    print(f"nlsh tui first screen: median {statistics.median(times):.3f} s over {len(times)} runs "
          f"(min {times[0]:.3f}, max {times[-1]:.3f}; target <= 1.0 s)")


if __name__ == "__main__":
    main()
