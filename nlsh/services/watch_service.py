"""The watch service: watchdog observers that run each watch's plan as a background job.

When a file event matches a watch (re-read from watches.json at that moment, so pausing
or removing takes effect at once), the plan template is filled with the file's path and
run as a job through a Session whose confirmer approves only steps matching the approval
stored when the watch was created. Every step is checked against that approval first (even
steps policy would run without asking): anything beyond it is not run, and a notification
is recorded in `Paths.state / "notifications.jsonl"` for the person to see.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
from pathlib import Path
from typing import Any, Callable

from ..config import Paths
from ..env import Environment
from ..types import Confirmation, Decision, ExitStatus, PlannedStep, Request
from .jobs import JobControl, JobRunner, JobStore, bind_context
from .watches import Watch, WatchStore

__all__ = ["ApprovalConfirmer", "Notifications", "WatchService", "beyond_approval"]


class ApprovalConfirmer:
    """Approves exactly the steps a watch's stored approval covers; declines the rest."""

    def __init__(self, watch: Watch) -> None:
        self.watch = watch

    def confirm(self, step: PlannedStep, decision: Decision, index: int, total: int) -> Confirmation:
        if beyond_approval(self.watch, step) is None:
            return Confirmation(True, f"watch:{self.watch.id}")
        return Confirmation(False, f"auto-no:beyond what watch {self.watch.id} was approved for")


def beyond_approval(watch: Watch, step: PlannedStep) -> str | None:
    """None when the step is covered by the watch's approval; else what goes beyond it."""
    if any(a.allows(step.call.action, step.resources) for a in watch.approvals):
        return None
    return f"{step.call.action} on {', '.join(step.resources) or 'nothing'}"


class Notifications:
    """Messages for the person from background work, one JSON object per line."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()

    def add(self, source: str, message: str) -> None:
        line = json.dumps({"ts": time.time(), "source": source, "message": message}, ensure_ascii=False)
        with self._lock:
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            with open(self.path, "a", encoding="utf-8") as fh:
                fh.write(line + "\n")

    def all(self) -> list[dict[str, Any]]:
        try:
            lines = self.path.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            return []
        return [json.loads(line) for line in lines if line.strip()]


class WatchService:
    def __init__(self, env: Environment, paths: Paths, *, max_jobs: int = 2, catalog: Any = None,
                 on_done: Callable[[Watch, str, int], None] | None = None) -> None:
        from ..plugins import load_catalog

        self.env = env
        self.paths = paths
        self.store = WatchStore(paths.config / "watches.json")
        self.notes = Notifications(paths.state / "notifications.jsonl")
        self.runner = JobRunner(JobStore(paths.state / "jobs.db"), max_concurrent=max_jobs)
        self.catalog = catalog or load_catalog()
        self.on_done = on_done
        self._observer: Any = None
        self._scheduled: dict[str, Any] = {}  # watch id -> watchdog ObservedWatch
        self._in_flight: set[tuple[str, str]] = set()
        self._lock = threading.Lock()

    # -- lifecycle ----------------------------------------------------------------------

    def start(self) -> None:
        from watchdog.observers import Observer

        _shorten_move_grouping()
        logging.getLogger("watchdog").setLevel(logging.CRITICAL)  # its benign stop-time race logs an error
        self._observer = Observer(timeout=0.1)
        self._observer.start()
        self.refresh()

    def refresh(self) -> None:
        """Schedule new watches and unschedule removed ones (watches.json is the truth)."""
        current = {w.id: w for w in self.store.all()}
        for watch_id in list(self._scheduled):
            if watch_id not in current:
                self._observer.unschedule(self._scheduled.pop(watch_id))
        for watch in current.values():
            if watch.id not in self._scheduled and os.path.isdir(watch.folder):
                handler = _Handler(self, watch.id)
                self._scheduled[watch.id] = self._observer.schedule(handler, watch.folder, recursive=False)

    def stop(self) -> None:
        if self._observer is not None:
            self._observer.stop()
            self._observer.join(10)
        self.runner.shutdown()

    def run_forever(self, stop: threading.Event, *, every: float = 1.0,
                    ready: Callable[[], None] | None = None) -> None:
        """Run until `stop` is set (the CLI sets it on Ctrl-C), picking up new watches."""
        self.start()
        try:
            if ready is not None:
                ready()
            while not stop.wait(every):
                self.refresh()
        finally:
            self.stop()

    # -- events -------------------------------------------------------------------------

    def on_event(self, watch_id: str, kind: str, path: str) -> None:
        try:
            watch = self.store.get(watch_id)
        except Exception:  # removed (or the file is being edited): ignore this event
            return
        if watch.paused or not watch.wants(kind, path):
            return
        key = (watch.id, path)
        with self._lock:
            if key in self._in_flight:
                return
            self._in_flight.add(key)
        title = f"watch {watch.id}: {watch.request.replace('{path}', os.path.basename(path))}"
        self.runner.submit(title, lambda control: self._run(watch, path, control), kind="watch")

    def _run(self, watch: Watch, path: str, control: JobControl) -> int:
        status = ExitStatus.FAILED
        try:
            status = self._run_plan(watch, path, control)
            return int(status)
        finally:
            with self._lock:
                self._in_flight.discard((watch.id, path))
            if self.on_done is not None:
                self.on_done(watch, path, int(status))

    def _run_plan(self, watch: Watch, path: str, control: JobControl) -> ExitStatus:
        from ..app import open_session

        session = open_session(self.env.with_cwd(Path(watch.cwd)), confirmer=ApprovalConfirmer(watch),
                               catalog=self.catalog)
        bind_context(session, control)
        request = Request(f"watch {watch.id}: {path}", "request", watch.request)
        plan = watch.plan_for(path)
        preview = session.run_plan(request, plan, dry_run=True)
        if preview.status != ExitStatus.OK:
            self._notify(watch, control, f"{path}: {preview.message}; nothing ran")
            return preview.status
        beyond = [b for s in preview.steps if (b := beyond_approval(watch, s)) is not None]
        if beyond:
            self._notify(watch, control, f"{path}: wants {'; '.join(beyond)}, beyond what you approved; "
                                         "nothing ran (recreate the watch to approve it)")
            return ExitStatus.DECLINED
        turn = session.run_plan(request, plan)
        for outcome in turn.outcomes:
            control.log(f"{outcome.action}: {'ok' if outcome.ok else 'failed: ' + outcome.error}")
        if turn.status != ExitStatus.OK:
            self._notify(watch, control, f"{path}: {turn.message}")
        return turn.status

    def _notify(self, watch: Watch, control: JobControl, message: str) -> None:
        control.log(message)
        self.notes.add(f"watch:{watch.id}", message)


def _shorten_move_grouping(delay: float = 0.1) -> None:
    """watchdog (inotify) holds a file moved out of a watched folder for 0.5 s, looking for
    its pair, and every later event of that folder waits behind it; a rename inside one
    folder is reported in one read, so 0.1 s is plenty and moves-out stop delaying the next
    file by half a second. Process-wide, but the watch service is watchdog's only user."""
    try:
        from watchdog.observers.inotify_move_event_grouper import InotifyMoveEventGrouper
    except ImportError:  # another platform, or another watchdog version: keep its default
        return
    InotifyMoveEventGrouper.delay = min(InotifyMoveEventGrouper.delay, delay)


class _Handler:
    """A watchdog event handler for one watch (duck-typed: watchdog calls dispatch)."""

    def __init__(self, service: WatchService, watch_id: str) -> None:
        self.service = service
        self.watch_id = watch_id

    def dispatch(self, event: Any) -> None:
        if event.is_directory:
            return
        kind = event.event_type
        path = os.fsdecode(event.src_path)
        if kind == "moved":  # a download renamed into place counts as created there
            kind, path = "created", os.fsdecode(event.dest_path)
        elif kind == "closed":
            return
        if kind in ("created", "modified", "deleted"):
            self.service.on_event(self.watch_id, kind, path)
