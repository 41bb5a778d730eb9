"""Case 25: invalid JSON, an unknown action or bad arguments from the model are rejected; nothing runs.

(Case 27, mail recipients and the send rate limit, is tested against a real SMTP server in
plugins/nlsh-mail/tests/test_mail_send.py; case 30, a hostile repository config, in
plugins/nlsh-git/tests/test_git_hostile.py. Case 31 is test_audit_chain.py; case 15 is
test_case15_symlink_swap.py.)
"""

from __future__ import annotations

import json

import pytest

from nlsh.app import open_session
from nlsh.confirm import AlwaysYes
from nlsh.intent.planner import ModelPlanner
from nlsh.llm.fake import ScriptedBackend
from nlsh.types import ExitStatus


@pytest.mark.parametrize("reply", [
    '{"steps": [{"action": "files.delete", "args": {"paths": ["victim.txt"]}',   # torn JSON
    json.dumps({"steps": [{"action": "files.obliterate", "args": {"paths": ["victim.txt"]}}]}),
    json.dumps({"steps": [{"action": "files.delete", "args": {"paths": "victim.txt", "shred": True}}]}),
    json.dumps({"steps": [{"action": "files.delete", "args": {"paths": 42}}]}),
    json.dumps({"plan": "rm -rf victim.txt"}),
    "\x00\x01 binary garbage",
])
def test_case_25_bad_model_output_runs_nothing(env, catalog, workspace, reply):
    (workspace / "victim.txt").write_text("still here")
    backend = ScriptedBackend([reply, reply])  # the planner may ask once more; same answer
    planner = ModelPlanner(backend, catalog.actions, catalog.examples)
    session = open_session(env, confirmer=AlwaysYes(), catalog=catalog, planner=planner)
    turn = session.handle("obliterate the victim file entirely")
    assert turn.status == ExitStatus.NOT_UNDERSTOOD, turn.message
    assert not turn.outcomes and (workspace / "victim.txt").read_text() == "still here"
    assert backend.prompts, "the model was asked"
