"""The pipeline end to end with a scripted model: nothing runs unless every stage agrees."""

from __future__ import annotations

import json
import os

import pytest

from nlsh.app import open_session
from nlsh.audit.verify import verify
from nlsh.confirm import AlwaysNo, AlwaysYes
from nlsh.intent.planner import ModelPlanner
from nlsh.llm.fake import ScriptedBackend
from nlsh.plugins import load_catalog
from nlsh.types import Confirmation, ExitStatus


class Recorder:
    """A confirmer that answers from a script and remembers what it was asked."""

    def __init__(self, *answers: bool) -> None:
        self.answers = list(answers)
        self.asked = []

    def confirm(self, step, decision, index, total):
        self.asked.append((step.call.action, decision.risk, index, total))
        return Confirmation(self.answers.pop(0), "test")


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(entry_points=False)


def plan(*steps):
    return json.dumps({"steps": [{"action": a, "args": args} for a, args in steps]})


def session(env, catalog, replies=(), confirmer=None):
    backend = ScriptedBackend(replies)
    planner = ModelPlanner(backend, catalog.actions, catalog.examples)
    return open_session(env, confirmer=confirmer or AlwaysYes(), catalog=catalog, planner=planner), backend


def test_model_plan_runs_and_is_audited(env, catalog, workspace, paths):
    (workspace / "a.txt").write_text("hello\n")
    s, _ = session(env, catalog, [plan(("files.copy", {"sources": ["a.txt"], "destination": "b.txt"}))])
    turn = s.handle("duplicate the a file as b, thanks")
    assert turn.status == ExitStatus.OK, turn.message
    assert (workspace / "b.txt").read_text() == "hello\n"
    assert turn.plan.source == "model" and turn.decision == "confirmed"  # a model-planned change is asked
    report = verify(paths.audit_log)
    assert report.ok and report.records >= 5
    events = [json.loads(line)["event"] for line in paths.audit_log.read_text().splitlines()]
    assert events[:3] == ["request", "plan", "decision"] and events[-2:] == ["start", "end"]


@pytest.mark.parametrize("reply, why", [
    ("rm -rf /", "not valid JSON"),
    (plan(("files.shred", {"paths": ["a.txt"]})), "unknown action"),
    (plan(("files.delete", {"paths": ["a.txt"], "force": True})), "arguments were invalid"),
    (json.dumps({"steps": []}), "no steps"),
    ("x" * 20000, "too long"),
])
def test_invalid_model_output_is_rejected_and_nothing_runs(env, catalog, workspace, reply, why):
    (workspace / "a.txt").write_text("keep")
    s, _ = session(env, catalog, [reply])
    turn = s.handle("get rid of the a file somehow")
    assert turn.status == ExitStatus.NOT_UNDERSTOOD and why in turn.message
    assert (workspace / "a.txt").read_text() == "keep" and not turn.outcomes


@pytest.mark.parametrize("path", ["../outside.txt", "/etc/passwd", "%2e%2e/outside.txt", "sub/../../x"])
def test_model_paths_may_not_escape_the_workspace(env, catalog, workspace, path):
    (workspace / "sub").mkdir()
    bad = plan(("files.read", {"path": path}))
    s, _ = session(env, catalog, [bad, bad])  # the planner may be asked once more
    turn = s.handle("show me that file over there")
    assert turn.status == ExitStatus.FAILED and "workspace" in turn.message and not turn.outcomes


def test_denied_step_stops_the_whole_plan(env, catalog, workspace):
    (workspace / "a.txt").write_text("x")
    (workspace / ".git" / "hooks").mkdir(parents=True)
    s, _ = session(env, catalog, [plan(
        ("files.copy", {"sources": ["a.txt"], "destination": "b.txt"}),
        ("files.write", {"path": ".git/hooks/pre-commit", "text": "evil"}),
    )])
    turn = s.handle("copy a then set up my hook")
    assert turn.status == ExitStatus.DENIED and "builtin.git-hooks" in turn.message
    assert not (workspace / "b.txt").exists() and not (workspace / ".git/hooks/pre-commit").exists()


def test_declined_means_nothing_runs(env, catalog, workspace):
    (workspace / "a.txt").write_text("x")
    confirmer = Recorder(False)
    s, _ = session(env, catalog, [plan(("files.delete", {"paths": ["a.txt"]}))], confirmer)
    turn = s.handle("please get rid of a.txt for me")
    assert turn.status == ExitStatus.DECLINED and (workspace / "a.txt").exists()
    assert confirmer.asked == [("files.delete", 2, 1, 1)]


def test_nobody_to_ask_declines(env, catalog, workspace):
    (workspace / "a.txt").write_text("x")
    s, _ = session(env, catalog, [plan(("files.delete", {"paths": ["a.txt"]}))], AlwaysNo())
    assert s.handle("please get rid of a.txt for me").status == ExitStatus.DECLINED
    assert (workspace / "a.txt").exists()


def test_delete_goes_to_trash_and_undo_restores(env, catalog, workspace):
    (workspace / "a.txt").write_text("precious")
    s, _ = session(env, catalog, [plan(("files.delete", {"paths": ["a.txt"]}))])
    turn = s.handle("please get rid of a.txt for me")
    assert turn.status == ExitStatus.OK and not (workspace / "a.txt").exists()
    assert turn.outcomes[0].undo_id
    outcome = s.undo()
    assert outcome.ok and (workspace / "a.txt").read_text() == "precious"
    with pytest.raises(Exception, match="nothing to undo"):
        s.undo()


def test_all_confirmations_come_before_anything_runs(env, catalog, workspace):
    (workspace / "a.txt").write_text("x")
    (workspace / "b.txt").write_text("y")
    confirmer = Recorder(True, False)
    s, _ = session(env, catalog, [plan(("files.delete", {"paths": ["a.txt"]}),
                                       ("files.delete", {"paths": ["b.txt"]}))], confirmer)
    turn = s.handle("remove both of the text files")
    assert turn.status == ExitStatus.DECLINED
    assert (workspace / "a.txt").exists() and (workspace / "b.txt").exists()
    assert [a[2:] for a in confirmer.asked] == [(1, 2), (2, 2)]


def test_failure_midway_says_which_steps_ran(env, catalog, workspace):
    (workspace / "a.txt").write_text("x")
    (workspace / "c.txt").write_text("exists")
    s, _ = session(env, catalog, [plan(
        ("files.copy", {"sources": ["a.txt"], "destination": "b.txt"}),
        ("files.copy", {"sources": ["a.txt"], "destination": "c.txt"}),
    )])
    turn = s.handle("copy a to b and then to c")
    assert turn.status == ExitStatus.FAILED
    assert "step 2 of 2" in turn.message and "step 1 ran" in turn.message
    assert (workspace / "c.txt").read_text() == "exists"


def test_explain_previews_without_running(env, catalog, workspace):
    (workspace / "a.txt").write_text("x")
    s, _ = session(env, catalog, [plan(("files.delete", {"paths": ["a.txt"]}))])
    turn = s.handle("?get rid of a.txt for me")
    assert turn.status == ExitStatus.OK and turn.decision == "preview"
    assert str(workspace / "a.txt") in turn.output and "can be undone" in turn.output
    assert (workspace / "a.txt").exists()


def test_not_understood_without_a_model(env, catalog):
    s = open_session(env, confirmer=AlwaysYes(), catalog=catalog, model="none")
    turn = s.handle("florp the zanzibar quietly")
    assert turn.status == ExitStatus.NOT_UNDERSTOOD and "--model" in turn.message


def test_bad_input_lines(env, catalog):
    s, _ = session(env, catalog)
    assert s.handle("   ").status == ExitStatus.USAGE
    assert s.handle("x" * 10000).status == ExitStatus.USAGE


def test_grounding_error_asks_the_model_once_more(env, catalog, workspace):
    (workspace / "notes.txt").write_text("n")
    s, backend = session(env, catalog, [plan(("files.read", {"path": "nots.txt"}))])
    s.planner.repair = lambda text, old, error: (backend.prompts.append(error) or
                                                 s.planner.plan(text))
    backend.replies.append(plan(("files.read", {"path": "notes.txt"})))
    turn = s.handle("zork up the nots thing")
    assert turn.status == ExitStatus.OK and turn.output.strip() == "n"
    assert any("no such file" in str(p) for p in backend.prompts)


def test_non_utf8_names_survive_the_pipeline(env, catalog, workspace, paths):
    raw = os.fsdecode(b"caf\xe9.txt")
    (workspace / raw).write_text("x")
    s, _ = session(env, catalog, [plan(("files.delete", {"paths": [raw]}))])
    turn = s.handle("please get rid of that cafe file")
    assert turn.status == ExitStatus.OK and not (workspace / raw).exists()
    assert verify(paths.audit_log).ok
    assert s.undo().ok and (workspace / raw).exists()
