"""Feeding a started program its input and collecting its output, within a deadline.

Output is kept up to a cap per stream and the rest is read and dropped, so a chatty program
neither fills memory nor blocks on a full pipe. The program runs in its own process group:
on timeout, once it has exited with children still holding its pipes, or when the person
presses Ctrl-C, the whole group is killed. The leader is never reaped before that kill, so
its process-group id cannot have been reused.
"""

from __future__ import annotations

import os
import selectors
import signal
import subprocess
import time
from dataclasses import dataclass

__all__ = ["Captured", "collect", "kill_group"]

_CHUNK = 1 << 16
EXIT_GRACE = 0.5  # seconds to keep reading after the program exits


@dataclass(frozen=True)
class Captured:
    stdout: bytes
    stderr: bytes
    timed_out: bool
    truncated: bool


def kill_group(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


class _Streams:
    def __init__(self, out_fd: int, err_fd: int, in_fd: int | None, stdin: bytes, cap: int) -> None:
        self.selector = selectors.DefaultSelector()
        self.kept = {out_fd: bytearray(), err_fd: bytearray()}
        self.open_outputs = {out_fd, err_fd}
        self.cap, self.truncated = cap, False
        self.pending = memoryview(stdin)
        self.in_fd = in_fd
        for fd in (out_fd, err_fd):
            self.selector.register(fd, selectors.EVENT_READ)
        if in_fd is not None:
            os.set_blocking(in_fd, False)
            if self.pending:
                self.selector.register(in_fd, selectors.EVENT_WRITE)
            else:
                self._close_input()

    def handle(self, fd: int, mask: int) -> None:
        if fd == self.in_fd:
            self._write_input()
            return
        data = os.read(fd, _CHUNK)
        if not data:
            self.selector.unregister(fd)
            self.open_outputs.discard(fd)
            return
        room = self.cap - len(self.kept[fd])
        if len(data) > room:
            self.truncated = True
        if room > 0:
            self.kept[fd] += data[:room]

    def _write_input(self) -> None:
        try:
            written = os.write(self.in_fd, self.pending[:_CHUNK])
        except BlockingIOError:
            return
        except OSError:  # the program closed its input (EPIPE)
            written = len(self.pending)
        self.pending = self.pending[written:]
        if not self.pending:
            self._close_input()

    def _close_input(self) -> None:
        if self.in_fd is None:
            return
        try:
            self.selector.unregister(self.in_fd)
        except KeyError:
            pass
        os.close(self.in_fd)
        self.in_fd = None

    def close(self) -> None:
        self._close_input()
        for fd in list(self.kept):
            try:
                self.selector.unregister(fd)
            except KeyError:
                pass
            os.close(fd)
        self.selector.close()


def collect(proc: subprocess.Popen, *, out_fd: int, err_fd: int, in_fd: int | None, stdin: bytes,
            timeout: float, cap: int) -> Captured:
    """Pump the pipes until the program is done or the deadline passes, then reap it.

    Owns (and closes) the parent-side pipe ends. Nothing of the group outlives the call:
    what is left of it is killed before the program is reaped. Ctrl-C kills the group and
    re-raises.
    """
    streams = _Streams(out_fd, err_fd, in_fd, stdin, cap)
    pidfd = _open_pidfd(proc.pid)
    try:
        if pidfd is not None:
            streams.selector.register(pidfd, selectors.EVENT_READ)
        timed_out = _pump(streams, proc.pid, pidfd, time.monotonic() + timeout)
        kill_group(proc)
        proc.wait()
    except BaseException:
        kill_group(proc)
        proc.wait()
        raise
    finally:
        if pidfd is not None:
            os.close(pidfd)
        streams.close()
    return Captured(bytes(streams.kept[out_fd]), bytes(streams.kept[err_fd]), timed_out, streams.truncated)


def _open_pidfd(pid: int) -> int | None:
    try:
        return os.pidfd_open(pid)
    except (AttributeError, OSError):  # Linux before 5.3: poll with waitid instead
        return None


def _has_exited(pid: int) -> bool:
    """True once the program has exited; it is left unreaped (WNOWAIT)."""
    return os.waitid(os.P_PID, pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is not None


def _pump(streams: _Streams, pid: int, pidfd: int | None, deadline: float) -> bool:
    """Run the loop; True when the deadline passed before the program exited."""
    exited_at: float | None = None
    while streams.open_outputs or exited_at is None:
        now = time.monotonic()
        if exited_at is None and pidfd is None and _has_exited(pid):
            exited_at = now
        if exited_at is None and now >= deadline:
            return True
        if exited_at is not None and now >= min(deadline, exited_at + EXIT_GRACE):
            break  # it exited; whatever still holds its pipes is killed by the caller
        limit = deadline - now if exited_at is None else min(deadline, exited_at + EXIT_GRACE) - now
        if pidfd is None and exited_at is None:
            limit = min(limit, 0.02)
        for key, mask in streams.selector.select(limit):
            if key.fd == pidfd:
                streams.selector.unregister(pidfd)
                exited_at = time.monotonic()
            else:
                streams.handle(key.fd, mask)
    return False
