"""Long work: a spinner with counts while a turn runs, and what Ctrl-C does meanwhile.

The spinner appears only on a terminal and only when a turn takes longer than a moment; it
shows the label and counts an action reports through `ctx.progress(done, total, label)`,
the elapsed time and how to cancel. It hides while the person is asked to confirm.

Ctrl-C during a turn: when the running action reports progress (so it checks
`ctx.cancelled` between units of work), the first Ctrl-C sets `cancelled` and the action
stops cleanly; otherwise, or on a second Ctrl-C, KeyboardInterrupt is raised in the main
thread, which the executor audits and the REPL turns into a message and a new prompt.
"""

from __future__ import annotations

import signal
import threading
import time
from contextlib import contextmanager
from typing import Callable, Iterator

from .output import Console

__all__ = ["Activity", "Interrupts"]

_FRAMES = "|/-\\"


class Activity:
    def __init__(self, console: Console, *, enabled: bool | None = None, delay: float = 0.3,
                 interval: float = 0.1, clock: Callable[[], float] = time.monotonic) -> None:
        self.console = console
        self.enabled = console.env.stdout_isatty if enabled is None else enabled
        self.delay = delay
        self.interval = interval
        self.clock = clock
        self.reported = False  # an action called progress() during this turn
        self._label = ""
        self._done: int | None = None
        self._total: int | None = None
        self._began = 0.0
        self._paused = 0
        self._shown = False
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        console.before_write = self.clear

    def progress(self, done: int, total: int | None, label: str) -> None:
        """The ProgressFn actions call; cheap, so it can be called for every file."""
        self.reported = True
        self._done, self._total, self._label = done, total, label

    def label(self, text: str) -> None:
        self._label, self._done, self._total = text, None, None

    def line(self) -> str:
        """The spinner's text (without the frame), e.g. "copying 12/40 · 3s · Ctrl-C cancels"."""
        counts = ""
        if self._done is not None:
            counts = f" {self._done}/{self._total}" if self._total else f" {self._done}"
        elapsed = int(self.clock() - self._began)
        return f"{self._label or 'working'}{counts} · {elapsed}s · Ctrl-C cancels"

    @contextmanager
    def running(self, label: str = "working") -> Iterator["Activity"]:
        self.reported = False
        self.label(label)
        self._began = self.clock()
        self._stop.clear()
        if self.enabled:
            self._thread = threading.Thread(target=self._spin, name="nlsh-spinner", daemon=True)
            self._thread.start()
        try:
            yield self
        finally:
            self._stop.set()
            if self._thread is not None:
                self._thread.join()
                self._thread = None
            self.clear()

    @contextmanager
    def paused(self) -> Iterator[None]:
        """Hide the spinner while the person is asked something."""
        with self.console.lock:
            self._paused += 1
            self.clear()
        try:
            yield
        finally:
            with self.console.lock:
                self._paused -= 1

    def clear(self) -> None:
        with self.console.lock:
            if self._shown:
                self._shown = False
                self.console.raw("\r\x1b[K")

    def _spin(self) -> None:
        if self._stop.wait(self.delay):
            return
        frame = 0
        while not self._stop.is_set():
            with self.console.lock:
                if not self._paused and not self._stop.is_set():
                    text = f"\r{_FRAMES[frame % len(_FRAMES)]} {self.line()}"
                    self.console.raw(self.console.paint(text, "dim") + "\x1b[K")
                    self._shown = True
            frame += 1
            self._stop.wait(self.interval)


class Interrupts:
    """Installs the Ctrl-C policy above for the length of one turn (main thread only)."""

    def __init__(self, activity: Activity) -> None:
        self.activity = activity
        self.cancelled = threading.Event()
        self.presses = 0

    @contextmanager
    def guard(self) -> Iterator[threading.Event]:
        self.cancelled.clear()
        self.presses = 0
        if threading.current_thread() is not threading.main_thread():
            yield self.cancelled
            return
        previous = signal.signal(signal.SIGINT, self._on_sigint)
        try:
            yield self.cancelled
        finally:
            signal.signal(signal.SIGINT, previous)

    def _on_sigint(self, signum: int, frame: object) -> None:
        self.presses += 1
        self.cancelled.set()
        if self.presses == 1 and self.activity.reported:
            self.activity.label("cancelling (Ctrl-C again to interrupt)")
            return
        raise KeyboardInterrupt
