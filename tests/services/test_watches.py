"""Watches with real watchdog observers on temp folders: act, pause, and stay within approval."""

from __future__ import annotations

import os
import time

import pytest

from nlsh.app import open_session
from nlsh.confirm import AlwaysYes
from nlsh.errors import UsageError
from nlsh.plugins import load_catalog
from nlsh.services.jobs import JobStore
from nlsh.services.watch_service import WatchService
from nlsh.services.watches import Approval, WatchStore, approval_for, plan_template, resource_matches
from nlsh.types import ActionCall


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(entry_points=False)


@pytest.fixture
def inbox(workspace):
    (workspace / "inbox").mkdir()
    (workspace / "papers").mkdir()
    return workspace / "inbox"


@pytest.fixture
def service(env, paths, catalog):
    done = []
    svc = WatchService(env, paths, catalog=catalog, on_done=lambda w, p, status: done.append((p, status)))
    svc.done = done
    yield svc
    svc.stop()


def wait_until(predicate, timeout=10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.02)
    return predicate()


def add_watch(env, paths, catalog, inbox, request="move {path} to papers/", steps=None, approve=None):
    session = open_session(env, confirmer=AlwaysYes(), catalog=catalog, planner=None)
    steps = steps or plan_template(session, request)
    approvals = approval_for(approve or steps, catalog, folder=str(inbox), glob="*.pdf",
                             cwd=env.cwd, home=env.home)
    return WatchStore(paths.config / "watches.json").add(
        folder=str(inbox), glob="*.pdf", events=["created"], request=request, steps=steps,
        approvals=approvals, cwd=str(env.cwd))


def test_plan_template_and_approval(env, paths, catalog, inbox, workspace):
    watch = add_watch(env, paths, catalog, inbox)
    assert watch.steps == (ActionCall("files.move", {"sources": ["{path}"], "destination": "papers/"}),)
    assert watch.approvals == (Approval("files.move", (str(inbox / "*.pdf"), str(workspace / "papers"))),)
    assert resource_matches(str(inbox / "a b\nc.pdf"), str(inbox / "*.pdf"))
    assert not resource_matches(str(inbox / "sub" / "a.pdf"), str(inbox / "*.pdf"))
    assert not resource_matches(str(workspace / "papers2"), str(workspace / "papers"))


def test_a_created_file_is_acted_on(env, paths, catalog, inbox, workspace, service):
    add_watch(env, paths, catalog, inbox)
    service.start()
    (inbox / "notes.txt").write_text("not a pdf")
    (inbox / "paper.pdf").write_bytes(b"%PDF-1.4 fake")
    assert wait_until(lambda: (workspace / "papers" / "paper.pdf").exists()), service.done
    assert not (inbox / "paper.pdf").exists() and (inbox / "notes.txt").exists()
    jobs = JobStore(paths.state / "jobs.db").list()
    assert wait_until(lambda: JobStore(paths.state / "jobs.db").list()[0].state == "done")
    assert jobs[0].kind == "watch" and "paper.pdf" in jobs[0].title


def test_a_paused_watch_does_nothing_and_resumes(env, paths, catalog, inbox, workspace, service):
    watch = add_watch(env, paths, catalog, inbox)
    store = WatchStore(paths.config / "watches.json")
    service.start()
    store.set_paused(watch.id, True)
    (inbox / "held.pdf").write_bytes(b"%PDF")
    time.sleep(1.0)  # a window in which an active watch acts (see the test above: well under 1 s)
    assert (inbox / "held.pdf").exists() and service.done == []
    store.set_paused(watch.id, False)
    (inbox / "later.pdf").write_bytes(b"%PDF")
    assert wait_until(lambda: (workspace / "papers" / "later.pdf").exists())
    assert (inbox / "held.pdf").exists()


def test_a_step_beyond_the_approval_is_not_run_and_notifies(env, paths, catalog, inbox, workspace, service):
    approved = [ActionCall("files.move", {"sources": ["{path}"], "destination": "papers/"})]
    wanted = [ActionCall("files.move", {"sources": ["{path}"], "destination": "elsewhere/"})]
    (workspace / "elsewhere").mkdir()
    add_watch(env, paths, catalog, inbox, steps=wanted, approve=approved)
    service.start()
    (inbox / "x.pdf").write_bytes(b"%PDF")
    assert wait_until(lambda: service.notes.all()), service.done
    note = service.notes.all()[0]["message"]
    assert "beyond what you approved" in note and "elsewhere" in note
    assert (inbox / "x.pdf").exists() and list((workspace / "elsewhere").iterdir()) == []
    assert wait_until(lambda: service.done == [(str(inbox / "x.pdf"), 4)])


def test_a_policy_denial_notifies_too(env, paths, catalog, inbox, service):
    steps = [ActionCall("files.delete", {"paths": ["{path}", "~"]})]
    add_watch(env, paths, catalog, inbox, steps=steps)
    service.start()
    (inbox / "y.pdf").write_bytes(b"%PDF")
    assert wait_until(lambda: service.notes.all())
    assert "denied" in service.notes.all()[0]["message"] and (inbox / "y.pdf").exists()


def test_store_errors(env, paths, catalog, inbox):
    store = WatchStore(paths.config / "watches.json")
    with pytest.raises(UsageError, match="no watch"):
        store.get("nope")
    session = open_session(env, confirmer=AlwaysYes(), catalog=catalog, planner=None)
    with pytest.raises(UsageError, match="{path}"):
        plan_template(session, "move everything to papers/")
    with pytest.raises(UsageError, match="event kinds"):
        store.add(folder=str(inbox), glob="*", events=["renamed"], request="x {path}", steps=(), approvals=(), cwd="/")
    store.path.write_bytes(b"\xff")
    with pytest.raises(UsageError, match="cannot read"):
        store.all()


def test_watch_run_in_the_foreground_acts_and_stops_on_ctrl_c(env, paths, catalog, inbox, workspace, nlsh_home):
    import signal
    import subprocess
    import sys

    add_watch(env, paths, catalog, inbox)
    code = ("import sys\nfrom nlsh.env import Environment\nfrom nlsh.ui.services_cli import watch\n"
            "sys.exit(watch(['run'], Environment.from_process()))\n")
    proc = subprocess.Popen([sys.executable, "-c", code], cwd=workspace, stderr=subprocess.PIPE, text=True,
                            env={**env.environ, "PYTHONPATH": os.getcwd()})
    try:
        assert "watching (1 watches)" in proc.stderr.readline()
        (inbox / "run.pdf").write_bytes(b"%PDF")
        assert wait_until(lambda: (workspace / "papers" / "run.pdf").exists(), timeout=20)
        proc.send_signal(signal.SIGINT)
        assert proc.wait(30) == 0
        assert "watch service stopped" in proc.stderr.read()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
