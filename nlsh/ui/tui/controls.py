"""Cancel and progress for the action a worker is running.

Actions check `ctx.cancelled` and call `ctx.progress`; the Session builds each context with
`Session.context()`. `RunControls.attach` makes the session's contexts carry this desktop's
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

    def attach(self, session: Any) -> None:
        """Wrap `session.context` so every ActionContext it makes uses these controls."""
        make_context = session.context

        def context(**overrides: Any) -> Any:
            overrides.setdefault("cancelled", self.cancelled)
            overrides.setdefault("progress", self.progress)
            return make_context(**overrides)

        session.context = context

    def start(self) -> None:
        """A new request: a fresh event, so an old Escape cannot cancel it."""
        self.cancelled = threading.Event()
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
