#!/usr/bin/env python3
"""Model queue under load: 8 requesters in threads share one fake model that takes 50 ms.

    .venv/bin/python bench/model_queue.py [--requesters 8] [--delay 0.05] [--limit 1]

Prints total wall time (ideal: requesters x delay / limit), each request's wait for its
turn, the order served against the order of arrival, and the peak number of concurrent
model calls.
"""

from __future__ import annotations

import argparse
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from nlsh.services.modelqueue import QueuedBackend  # noqa: E402


class SleepingBackend:
    name = "sleeping-fake"

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self.active = 0
        self.peak = 0
        self.lock = threading.Lock()

    def complete(self, messages, *, json_schema=None, grammar=None, max_tokens=256):
        with self.lock:
            self.active += 1
            self.peak = max(self.peak, self.active)
        time.sleep(self.delay)
        with self.lock:
            self.active -= 1
        return "{}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requesters", type=int, default=8)
    parser.add_argument("--delay", type=float, default=0.05)
    parser.add_argument("--limit", type=int, default=1)
    args = parser.parse_args()
    backend = SleepingBackend(args.delay)
    queued = QueuedBackend(backend, max_concurrent=args.limit)
    waits: dict[int, float] = {}
    arrived: list[int] = []
    arrive_lock = threading.Lock()

    def request(i: int) -> None:
        with arrive_lock:
            arrived.append(i)
        began = time.perf_counter()
        queued.complete([{"role": "user", "content": f"request {i}"}])
        waits[i] = time.perf_counter() - began - args.delay

    threads = [threading.Thread(target=request, args=(i,)) for i in range(args.requesters)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    total = time.perf_counter() - start
    served = queued.queue.served  # tickets are handed out in arrival order
    print(f"{args.requesters} requesters, fake model {args.delay * 1000:.0f} ms, limit {args.limit}: "
          f"total {total * 1000:.0f} ms (ideal {args.requesters * args.delay / args.limit * 1000:.0f} ms)")
    print("wait for turn (ms), in the order served: " + ", ".join(
        f"{queued.waits[k] * 1000:.0f}" for k in range(len(queued.waits))))
    print(f"served in arrival order: {served == sorted(served)}; all served: {len(waits) == args.requesters}; "
          f"peak concurrent model calls: {backend.peak}")
    return 0 if served == sorted(served) and backend.peak <= args.limit else 1


if __name__ == "__main__":
    sys.exit(main())
