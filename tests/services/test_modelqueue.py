"""The model queue: many requesters in threads, one model, served in arrival order."""

from __future__ import annotations

import threading
import time

import pytest

from nlsh.llm.base import Backend
from nlsh.llm.fake import ScriptedBackend
from nlsh.services.modelqueue import FairQueue, QueuedBackend


class SleepyBackend:
    """A fake model that takes `delay` seconds and records how many calls overlap."""

    name = "sleepy"

    def __init__(self, delay: float = 0.02) -> None:
        self.delay = delay
        self.active = 0
        self.peak = 0
        self.order: list[str] = []
        self._lock = threading.Lock()

    def complete(self, messages, *, json_schema=None, grammar=None, max_tokens=256):
        with self._lock:
            self.active += 1
            self.peak = max(self.peak, self.active)
            self.order.append(messages[-1]["content"])
        time.sleep(self.delay)
        with self._lock:
            self.active -= 1
        return "reply to " + messages[-1]["content"]


def arrive_in_order(queued: QueuedBackend, n: int) -> tuple[list[threading.Thread], dict[str, str]]:
    """Start n requesters one after another, each only once the previous one is in line."""
    replies: dict[str, str] = {}
    threads = []
    for i in range(n):
        name = f"r{i}"
        t = threading.Thread(target=lambda name=name: replies.__setitem__(
            name, queued.complete([{"role": "user", "content": name}])))
        t.start()
        threads.append(t)
        deadline = time.monotonic() + 10
        while queued.queue.waiting + len(queued.queue.served) < i + 1 and time.monotonic() < deadline:
            time.sleep(0.001)
    return threads, replies


def test_eight_requesters_all_served_in_fifo_order_one_at_a_time():
    backend = SleepyBackend(0.02)
    queued = QueuedBackend(backend, max_concurrent=1)
    assert isinstance(queued, Backend)
    threads, replies = arrive_in_order(queued, 8)
    for t in threads:
        t.join(30)
    assert replies == {f"r{i}": f"reply to r{i}" for i in range(8)}
    assert backend.order == [f"r{i}" for i in range(8)]
    assert backend.peak == 1 and queued.queue.peak == 1
    assert queued.queue.served == list(range(8))


def test_limit_of_two_runs_two_at_once_and_keeps_order():
    backend = SleepyBackend(0.05)
    queued = QueuedBackend(backend, max_concurrent=2)
    threads, replies = arrive_in_order(queued, 6)
    for t in threads:
        t.join(30)
    assert len(replies) == 6 and backend.peak <= 2
    assert queued.queue.served == list(range(6))


def test_a_failing_call_frees_its_turn():
    queued = QueuedBackend(ScriptedBackend(["only one"]))
    assert queued.complete([{"role": "user", "content": "x"}]) == "only one"
    with pytest.raises(RuntimeError):
        queued.complete([{"role": "user", "content": "y"}])
    done = threading.Event()
    threading.Thread(target=lambda: (queued.queue.acquire(), done.set())).start()
    assert done.wait(10)  # the line moved on after the failure


def test_bad_limit():
    with pytest.raises(ValueError):
        FairQueue(0)
