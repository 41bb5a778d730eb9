"""Background jobs: ids, state, logs and exit status in SQLite, run by a bounded thread pool.

A job moves queued -> running -> done | failed | cancelled. Its record lives in
`Paths.state / "jobs.db"`, so `nlsh jobs`, `nlsh job ID` and `nlsh cancel ID` work from
any process: cancelling sets a flag in the database, and the JobRunner that owns the job
sees it within a fraction of a second and sets the job's cancelled event, which actions
check between units of work (they stop leaving nothing half-done).
"""

from __future__ import annotations

import os
import queue
import sqlite3
import threading
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Callable

from ..errors import UsageError
from .migrations import migrate

__all__ = ["Job", "JobControl", "JobRunner", "JobStore", "TERMINAL", "bind_context", "plan_work"]

TERMINAL = ("done", "failed", "cancelled")
_POLL = 0.1


@dataclass(frozen=True)
class Job:
    id: int
    title: str
    kind: str
    state: str
    created: float
    started: float | None
    ended: float | None
    exit: int | None
    error: str
    pid: int


@dataclass(frozen=True)
class _Result:
    rows: list[sqlite3.Row]
    rowcount: int
    lastrowid: int | None


def _m001_jobs(db: sqlite3.Connection) -> None:
    db.execute(
        "CREATE TABLE jobs (id INTEGER PRIMARY KEY, title TEXT NOT NULL, kind TEXT NOT NULL DEFAULT '', "
        "state TEXT NOT NULL, created REAL NOT NULL, started REAL, ended REAL, exit INTEGER, "
        "error TEXT NOT NULL DEFAULT '', pid INTEGER NOT NULL, cancel_requested INTEGER NOT NULL DEFAULT 0)"
    )
    db.execute("CREATE TABLE job_logs (job_id INTEGER NOT NULL, ts REAL NOT NULL, line TEXT NOT NULL)")
    db.execute("CREATE INDEX job_logs_job ON job_logs (job_id)")


MIGRATIONS = (("m001_jobs", _m001_jobs),)


class JobStore:
    """The jobs database; each call opens its own connection, so threads and processes share it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        db = self._connect()
        try:
            migrate(db, MIGRATIONS)
        finally:
            db.close()

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=30)
        db.row_factory = sqlite3.Row
        return db

    def _run(self, sql: str, params: tuple = ()) -> _Result:
        db = self._connect()
        try:
            with db:
                cur = db.execute(sql, params)
                return _Result(cur.fetchall(), cur.rowcount, cur.lastrowid)
        finally:
            db.close()

    def create(self, title: str, kind: str = "") -> int:
        cur = self._run("INSERT INTO jobs (title, kind, state, created, pid) VALUES (?, ?, 'queued', ?, ?)",
                        (title, kind, time.time(), os.getpid()))
        return int(cur.lastrowid)

    def start(self, job_id: int) -> bool:
        """Mark a queued job running; False when it was cancelled while queued."""
        cur = self._run("UPDATE jobs SET state = 'running', started = ? WHERE id = ? AND state = 'queued' "
                        "AND cancel_requested = 0", (time.time(), job_id))
        return cur.rowcount > 0

    def finish(self, job_id: int, state: str, exit: int | None, error: str = "") -> None:
        self._run("UPDATE jobs SET state = ?, ended = ?, exit = ?, error = ? WHERE id = ?",
                  (state, time.time(), exit, error, job_id))

    def log(self, job_id: int, line: str) -> None:
        self._run("INSERT INTO job_logs (job_id, ts, line) VALUES (?, ?, ?)", (job_id, time.time(), line))

    def logs(self, job_id: int) -> list[str]:
        return [r["line"] for r in self._run("SELECT line FROM job_logs WHERE job_id = ? ORDER BY rowid",
                                             (job_id,)).rows]

    def get(self, job_id: int) -> Job:
        rows = self._run("SELECT * FROM jobs WHERE id = ?", (job_id,)).rows
        if not rows:
            raise UsageError(f"no job with id {job_id}", hint="`nlsh jobs` lists them")
        return self._checked(_job(rows[0]))

    def list(self, limit: int = 20) -> list[Job]:
        rows = self._run("SELECT * FROM jobs ORDER BY id DESC LIMIT ?", (limit,)).rows
        return [self._checked(_job(r)) for r in rows]

    def request_cancel(self, job_id: int) -> Job:
        """Ask for a job to stop: a queued one is cancelled now, a running one by its runner."""
        job = self.get(job_id)
        if job.state in TERMINAL:
            return job
        self._run("UPDATE jobs SET cancel_requested = 1 WHERE id = ?", (job_id,))
        self._run("UPDATE jobs SET state = 'cancelled', ended = ? WHERE id = ? AND state = 'queued'",
                  (time.time(), job_id))
        return self.get(job_id)

    def cancel_requested(self, job_ids: list[int]) -> set[int]:
        if not job_ids:
            return set()
        marks = ",".join("?" * len(job_ids))
        rows = self._run(f"SELECT id FROM jobs WHERE cancel_requested = 1 AND id IN ({marks})", tuple(job_ids)).rows
        return {r["id"] for r in rows}

    def wait(self, job_id: int, timeout: float = 30.0) -> Job:
        """Poll until the job ends (or the timeout passes); return its last state."""
        deadline = time.monotonic() + timeout
        job = self.get(job_id)
        while job.state not in TERMINAL and time.monotonic() < deadline:
            time.sleep(0.02)
            job = self.get(job_id)
        return job

    def _checked(self, job: Job) -> Job:
        """A job left queued or running by a process that has ended is reported failed."""
        if job.state in TERMINAL or _alive(job.pid):
            return job
        error = "the process running it ended"
        self.finish(job.id, "failed", None, error)
        return replace(job, state="failed", error=error)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _job(row: sqlite3.Row) -> Job:
    return Job(row["id"], row["title"], row["kind"], row["state"], row["created"], row["started"],
               row["ended"], row["exit"], row["error"], row["pid"])


@dataclass
class JobControl:
    """What a running job's work function gets: its id, cancel event, log and progress."""

    job_id: int
    cancelled: threading.Event
    store: JobStore
    on_progress: Callable[[int, int, int | None, str], None] | None = None
    last_progress: tuple[int, int | None, str] | None = None

    def log(self, line: str) -> None:
        self.store.log(self.job_id, line)

    def progress(self, done: int, total: int | None, label: str) -> None:
        self.last_progress = (done, total, label)
        if self.on_progress is not None:
            self.on_progress(self.job_id, done, total, label)


Work = Callable[[JobControl], int | None]


class JobRunner:
    """Runs jobs on at most `max_concurrent` worker threads, in the order they were submitted."""

    def __init__(self, store: JobStore, *, max_concurrent: int = 2,
                 on_progress: Callable[[int, int, int | None, str], None] | None = None) -> None:
        if max_concurrent < 1:
            raise UsageError("the job limit must be at least 1")
        self.store = store
        self.max_concurrent = max_concurrent
        self.on_progress = on_progress
        self._queue: queue.Queue[tuple[int, Work] | None] = queue.Queue()
        self._running: dict[int, threading.Event] = {}
        self._lock = threading.Lock()
        self._workers: list[threading.Thread] = []
        self._stopping = threading.Event()
        self._monitor: threading.Thread | None = None

    def submit(self, title: str, work: Work, *, kind: str = "") -> int:
        job_id = self.store.create(title, kind)
        self._ensure_threads()
        self._queue.put((job_id, work))
        return job_id

    def cancel(self, job_id: int) -> Job:
        job = self.store.request_cancel(job_id)
        with self._lock:
            event = self._running.get(job_id)
        if event is not None:
            event.set()
        return job

    def shutdown(self, *, cancel_running: bool = True, timeout: float = 30.0) -> None:
        """Stop taking jobs; cancel the running ones (by default) and wait for the workers."""
        self._stopping.set()
        if cancel_running:
            with self._lock:
                events = list(self._running.values())
            for event in events:
                event.set()
        for _ in self._workers:
            self._queue.put(None)
        for thread in self._workers + ([self._monitor] if self._monitor else []):
            thread.join(timeout)

    def _ensure_threads(self) -> None:
        with self._lock:
            while len(self._workers) < self.max_concurrent:
                thread = threading.Thread(target=self._work_loop, name=f"nlsh-job-{len(self._workers)}", daemon=True)
                self._workers.append(thread)
                thread.start()
            if self._monitor is None:
                self._monitor = threading.Thread(target=self._watch_cancels, name="nlsh-job-cancels", daemon=True)
                self._monitor.start()

    def _work_loop(self) -> None:
        while True:
            item = self._queue.get()
            if item is None:
                return
            job_id, work = item
            if self._stopping.is_set() or not self.store.start(job_id):
                if self.store.get(job_id).state == "queued":
                    self.store.finish(job_id, "cancelled", None, "nlsh stopped before it ran")
                continue
            self._run_one(job_id, work)

    def _run_one(self, job_id: int, work: Work) -> None:
        event = threading.Event()
        with self._lock:
            self._running[job_id] = event
        control = JobControl(job_id, event, self.store, self.on_progress)
        try:
            status = work(control)
            if event.is_set():
                self.store.finish(job_id, "cancelled", status, "cancelled")
            else:
                self.store.finish(job_id, "done" if not status else "failed", int(status or 0))
        except Exception as exc:  # a job's failure is recorded, never raised into the pool
            self.store.log(job_id, f"error: {type(exc).__name__}: {exc}")
            self.store.finish(job_id, "cancelled" if event.is_set() else "failed", None, str(exc))
        finally:
            with self._lock:
                self._running.pop(job_id, None)

    def _watch_cancels(self) -> None:
        """Pass on cancels requested from other processes (`nlsh cancel ID`)."""
        while not self._stopping.wait(_POLL):
            with self._lock:
                running = dict(self._running)
            for job_id in self.store.cancel_requested(list(running)):
                running[job_id].set()


def bind_context(session: Any, control: JobControl) -> Any:
    """Make the session's actions see this job's cancelled event and progress reports."""
    session.cancelled = control.cancelled
    session.progress = control.progress
    return session


def plan_work(session: Any, request: Any, plan: Any) -> Work:
    """A job that runs a plan through the session's pipeline and logs what each step did."""

    def work(control: JobControl) -> int:
        bind_context(session, control)
        turn = session.run_plan(request, plan)
        for outcome in turn.outcomes:
            control.log(f"{outcome.action}: {'ok' if outcome.ok else 'failed: ' + outcome.error}")
            if outcome.output:
                control.log(outcome.output)
        if turn.message:
            control.log(turn.message)
        return int(turn.status)

    return work
