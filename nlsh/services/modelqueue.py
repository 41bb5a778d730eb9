"""One model, many requesters: a fair FIFO queue around a Backend.

`QueuedBackend` implements the Backend protocol, so the planner uses it unchanged; every
`complete` call takes a ticket and waits until it is at the head of the line and fewer
than `max_concurrent` calls are running (default 1: a local model serves one at a time).
Requesters are served strictly in arrival order, across threads of one process.
"""

from __future__ import annotations

import collections
import threading
import time
from typing import Any, Mapping, Sequence

from ..llm.base import Backend, Message

__all__ = ["FairQueue", "QueuedBackend"]


class FairQueue:
    """A ticket line: `acquire` returns when it is this caller's turn; `release` ends it."""

    def __init__(self, max_concurrent: int = 1) -> None:
        if max_concurrent < 1:
            raise ValueError("max_concurrent must be at least 1")
        self.max_concurrent = max_concurrent
        self._cond = threading.Condition()
        self._next_ticket = 0
        self._waiting: collections.deque[int] = collections.deque()
        self._active = 0
        self.peak = 0
        self.served: list[int] = []  # tickets in the order they were let through

    def acquire(self) -> int:
        with self._cond:
            ticket = self._next_ticket
            self._next_ticket += 1
            self._waiting.append(ticket)
            while self._waiting[0] != ticket or self._active >= self.max_concurrent:
                self._cond.wait()
            self._waiting.popleft()
            self._active += 1
            self.peak = max(self.peak, self._active)
            self.served.append(ticket)
            self._cond.notify_all()
            return ticket

    def release(self) -> None:
        with self._cond:
            self._active -= 1
            self._cond.notify_all()

    @property
    def waiting(self) -> int:
        with self._cond:
            return len(self._waiting)


class QueuedBackend:
    """A Backend that sends every call through a FairQueue to the one real backend."""

    def __init__(self, backend: Backend, *, max_concurrent: int = 1, queue: FairQueue | None = None) -> None:
        self.backend = backend
        self.name = getattr(backend, "name", "queued")
        self.queue = queue or FairQueue(max_concurrent)
        self.waits: collections.deque[float] = collections.deque(maxlen=1000)  # seconds recent calls waited for their turn

    def complete(
        self,
        messages: Sequence[Message],
        *,
        json_schema: Mapping[str, Any] | None = None,
        grammar: str | None = None,
        max_tokens: int = 256,
        **extra: Any,
    ) -> str:
        began = time.monotonic()
        self.queue.acquire()
        self.waits.append(time.monotonic() - began)
        try:
            return self.backend.complete(messages, json_schema=json_schema, grammar=grammar, max_tokens=max_tokens,
                                         **extra)
        finally:
            self.queue.release()

    def __getattr__(self, name: str) -> Any:  # anything else the backend offers (close, info)
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.backend, name)
