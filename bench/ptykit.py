"""Shared by the start-up benchmarks that drive nlsh in a pseudo-terminal."""

from __future__ import annotations

import os
import select
import signal
import time


def reap(pid: int, fd: int, grace: float = 5.0) -> None:
    """Wait for the child to leave (draining its output); kill it after `grace` seconds."""
    end = time.monotonic() + grace
    while time.monotonic() < end:
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done:
            return
        if select.select([fd], [], [], 0.05)[0]:
            try:
                os.read(fd, 65536)
            except OSError:
                pass
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
