#!/usr/bin/env python3
"""Watch latency: a file is created in a watched folder -> the watch's move is done.

    .venv/bin/python bench/watch_latency.py [--events 20]

Runs the real WatchService (watchdog observer, job runner, full pipeline with policy and
audit) on a temp folder with the watch "move {path} to papers/", creates one PDF at a time
and times until the job's plan has finished; prints median, p90 and max.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from nlsh.app import open_session  # noqa: E402
from nlsh.confirm import AlwaysYes  # noqa: E402
from nlsh.config import Paths  # noqa: E402
from nlsh.env import Environment  # noqa: E402
from nlsh.plugins import load_catalog  # noqa: E402
from nlsh.services.watch_service import WatchService  # noqa: E402
from nlsh.services.watches import WatchStore, approval_for, plan_template  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=20)
    parser.add_argument("--gap", type=float, default=0.0, help="seconds between a move and the next file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        ws, home = root / "ws", root / "home"
        for d in (ws / "inbox", ws / "papers", home):
            d.mkdir(parents=True)
        env = Environment(io.StringIO(), io.StringIO(), io.StringIO(), ws,
                          {"NLSH_HOME": str(root / "nlsh"), "HOME": str(home), "PATH": "/usr/bin:/bin"})
        paths = Paths.from_environ(env.environ, home)
        paths.ensure()
        catalog = load_catalog(entry_points=False)
        session = open_session(env, confirmer=AlwaysYes(), catalog=catalog, planner=None)
        steps = plan_template(session, "move {path} to papers/")
        approvals = approval_for(steps, catalog, folder=str(ws / "inbox"), glob="*.pdf", cwd=ws, home=home)
        WatchStore(paths.config / "watches.json").add(
            folder=str(ws / "inbox"), glob="*.pdf", events=["created"], request="move {path} to papers/",
            steps=steps, approvals=approvals, cwd=str(ws))
        done: dict[str, float] = {}
        finished = threading.Event()

        def on_done(watch, path, status):
            done[path] = time.perf_counter()
            finished.set()

        service = WatchService(env, paths, catalog=catalog, on_done=on_done)
        service.start()
        latencies = []
        try:
            for i in range(args.events):
                time.sleep(args.gap)
                finished.clear()
                target = ws / "inbox" / f"paper-{i}.pdf"
                began = time.perf_counter()
                target.write_bytes(b"%PDF-1.4 bench\n")
                if not finished.wait(30):
                    print(f"event {i}: no action within 30 s", file=sys.stderr)
                    return 1
                if not (ws / "papers" / target.name).exists():
                    print(f"event {i}: the file was not moved", file=sys.stderr)
                    return 1
                latencies.append(done[str(target)] - began)
        finally:
            service.stop()
    ms = sorted(x * 1000 for x in latencies)
    print(f"gap {args.gap:.2f} s: watch latency over {len(ms)} events (file created -> move done): "
          f"median {statistics.median(ms):.1f} ms, p90 {ms[int(len(ms) * 0.9) - 1]:.1f} ms, max {ms[-1]:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
