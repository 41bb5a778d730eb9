"""Cancel and progress for the action a worker is running.

Actions check `ctx.cancelled` and call `ctx.progress`; the Session builds each context with
`Session.context()`. `RunControls.attach` sets the session's `cancelled` and `progress`, so its contexts carry this desktop's
cancel event and progress callback, so Escape reaches a long action and its progress shows.
"""

from __future__ import annotations

import threading
import time
from typing import Any, Callable

__all__ = ["RunControls"]

ProgressSink = Callable[[str], None]
MIN_INTERVAL = 0.1  # seconds between progress updates sent to the screen


class RunControls:
    def __init__(self, sink: ProgressSink) -> None:
        self.sink = sink
        self.cancelled = threading.Event()
        self._last = 0.0
        self._session: Any = None

    def attach(self, session: Any) -> None:
        """Make every ActionContext the session builds use these controls."""
        self._session = session
        session.cancelled = self.cancelled
        session.progress = self.progress

    def start(self) -> None:
        """A new request: a fresh event, so an old Escape cannot cancel it."""
        self.cancelled = threading.Event()
        if self._session is not None:
            self._session.cancelled = self.cancelled
        self._last = 0.0

    def cancel(self) -> None:
        self.cancelled.set()

    def progress(self, done: int, total: int | None, label: str) -> None:
        now = time.monotonic()
        if now - self._last < MIN_INTERVAL and (total is None or done < total):
            return
        self._last = now
        amount = f"{done}/{total}" if total else str(done)
        self.sink(f"{label} {amount} … (Esc cancels)".strip())
