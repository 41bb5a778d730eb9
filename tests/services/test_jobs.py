"""Background jobs: states in SQLite, a concurrency limit, and clean cancellation."""

from __future__ import annotations

import threading
import time

import pytest

from nlsh.app import open_session
from nlsh.confirm import AlwaysYes
from nlsh.errors import UsageError
from nlsh.plugins import load_catalog
from nlsh.services.jobs import JobRunner, JobStore, plan_work
from nlsh.types import ActionCall, Plan, Request


@pytest.fixture
def store(paths):
    return JobStore(paths.state / "jobs.db")


def wait_until(predicate, timeout=15.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.01)
    return predicate()


def test_done_and_failed_jobs_keep_state_logs_and_exit(store):
    runner = JobRunner(store, max_concurrent=1)
    ok = runner.submit("say hi", lambda c: c.log("hi") or 0)
    bad = runner.submit("exit 3", lambda c: 3)
    boom = runner.submit("raise", lambda c: 1 / 0)
    jobs = {j: store.wait(j, 30) for j in (ok, bad, boom)}
    assert (jobs[ok].state, jobs[ok].exit) == ("done", 0) and store.logs(ok) == ["hi"]
    assert (jobs[bad].state, jobs[bad].exit) == ("failed", 3)
    assert jobs[boom].state == "failed" and "division by zero" in jobs[boom].error
    assert [j.id for j in store.list()] == [boom, bad, ok]
    runner.shutdown()


def test_concurrency_limit(store):
    runner = JobRunner(store, max_concurrent=2)
    cond = threading.Condition()
    active, peak = [0], [0]

    def work(control):
        with cond:
            active[0] += 1
            peak[0] = max(peak[0], active[0])
            cond.notify_all()
            cond.wait_for(lambda: peak[0] >= 2, timeout=20)  # the first job waits for a second
        time.sleep(0.02)
        with cond:
            active[0] -= 1
        return 0

    ids = [runner.submit(f"job {i}", work) for i in range(6)]
    assert all(store.wait(i, 30).state == "done" for i in ids)
    assert peak[0] == 2
    runner.shutdown()


def test_cancel_a_queued_job_before_it_runs(store):
    runner = JobRunner(store, max_concurrent=1)
    release, ran = threading.Event(), []
    first = runner.submit("blocker", lambda c: 0 if release.wait(30) else 1)
    second = runner.submit("never", lambda c: ran.append(1) or 0)
    assert wait_until(lambda: store.get(first).state == "running")
    assert runner.cancel(second).state == "cancelled"
    release.set()
    assert store.wait(first, 30).state == "done"
    time.sleep(0.1)
    assert store.get(second).state == "cancelled" and ran == []
    runner.shutdown()


def test_cancel_from_another_process_reaches_the_running_job(store, paths):
    runner = JobRunner(store, max_concurrent=1)
    job = runner.submit("wait for cancel", lambda c: 0 if c.cancelled.wait(30) else 1)
    assert wait_until(lambda: store.get(job).state == "running")
    JobStore(paths.state / "jobs.db").request_cancel(job)  # as `nlsh cancel ID` does
    assert store.wait(job, 30).state == "cancelled"
    runner.shutdown()


def test_cancelled_copy_leaves_nothing_half_done(env, paths, workspace, store):
    src = workspace / "src"
    src.mkdir()
    for i in range(40):
        (src / f"f{i:02}.bin").write_bytes(bytes([i]) * 300_000)
    runner = JobRunner(store, max_concurrent=1, on_progress=lambda job, done, total, label: runner.cancel(job))
    session = open_session(env, confirmer=AlwaysYes(), catalog=load_catalog(entry_points=False), planner=None)
    plan = Plan((ActionCall("files.copy", {"sources": ["src"], "destination": "dst"}),), source="test")
    job = runner.submit("copy src", plan_work(session, Request("copy src dst", "request", "copy src dst"), plan))
    final = store.wait(job, 60)
    assert final.state == "cancelled", (final, store.logs(job))
    assert not (workspace / "dst").exists()
    assert sorted(p.name for p in workspace.iterdir()) == ["src"]  # no staging leftovers
    assert any("cancelled" in line for line in store.logs(job))
    runner.shutdown()


def test_unknown_job_and_lost_process(store):
    with pytest.raises(UsageError, match="no job"):
        store.get(999)
    job = store.create("orphan")
    store._run("UPDATE jobs SET pid = ? WHERE id = ?", (2**22 + 12345, job))
    assert store.get(job).state == "failed" and "ended" in store.get(job).error
