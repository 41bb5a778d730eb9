"""Skills saved from a real Session's plan, versioned on edit, run through the whole pipeline."""

from __future__ import annotations

import json

import pytest

from nlsh.app import open_session
from nlsh.audit.verify import read_records
from nlsh.confirm import AlwaysNo, AlwaysYes
from nlsh.errors import UsageError
from nlsh.plugins import load_catalog
from nlsh.services.skills import SkillStore, check_name, last_successful_plan
from nlsh.types import ActionCall, ExitStatus


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(entry_points=False)


@pytest.fixture
def store(paths):
    return SkillStore(paths.config / "skills")


def session(env, catalog, confirmer=None):
    return open_session(env, confirmer=confirmer or AlwaysYes(), catalog=catalog, planner=None)


def test_save_from_a_turn_and_run_again(env, catalog, store, workspace):
    (workspace / "a.txt").write_text("one\n")
    s = session(env, catalog)
    turn = s.handle("copy a.txt to b.txt")
    assert turn.status == ExitStatus.OK, turn.message
    skill = store.save("dup-a", turn.plan.steps, "copy a to b")
    assert (store.folder / "dup-a.json").is_file() and skill.version == 1
    (workspace / "b.txt").unlink()
    again = store.run(s, "dup-a")
    assert again.status == ExitStatus.OK, again.message
    assert (workspace / "b.txt").read_text() == "one\n"
    assert again.plan.source == "skill"
    assert any(r["event"] == "plan" and r["extra"]["source"] == "skill" for r in read_records(s.paths.audit_log))


def test_last_successful_plan_from_the_audit_log(env, catalog, workspace, paths):
    (workspace / "a.txt").write_text("x")
    s = session(env, catalog)
    assert s.handle("copy a.txt to c.txt").status == ExitStatus.OK
    assert s.handle("copy missing-file.txt to d.txt").status != ExitStatus.OK
    found = last_successful_plan(paths.audit_log)
    assert found is not None
    line, steps = found
    assert line == "copy a.txt to c.txt"
    assert steps[0].action == "files.copy" and steps[0].args["destination"] == str(workspace / "c.txt")


def test_policy_still_applies_to_a_skill(env, catalog, store, workspace, tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text("keep me")
    store.save("wipe-home", [ActionCall("files.delete", {"paths": ["~"]})])
    turn = store.run(session(env, catalog), "wipe-home")
    assert turn.status == ExitStatus.DENIED and not turn.outcomes
    store.save("rm-outside", [ActionCall("files.delete", {"paths": [str(outside)]})])
    turn = store.run(session(env, catalog, AlwaysNo()), "rm-outside")
    assert turn.status == ExitStatus.DECLINED and outside.read_text() == "keep me"


def test_edit_bumps_version_and_keeps_the_old_one(store):
    store.save("tidy", [ActionCall("files.list", {"path": "."})], "v1")
    new = store.edit("tidy", description="lists twice", steps=[ActionCall("files.list", {"path": "."})] * 2)
    assert new.version == 2 and len(new.steps) == 2
    assert store.get("tidy", 1).description == "v1"
    assert store.versions("tidy") == [1, 2]
    assert [s.name for s in store.list()] == ["tidy"]
    assert store.remove("tidy") == 2 and store.list() == []


def test_bad_names_and_files(store):
    for bad in ("", "../x", "Tidy", "a b", "x" * 65, "nul\x00"):
        with pytest.raises(UsageError):
            check_name(bad)
    with pytest.raises(UsageError, match="no skill"):
        store.get("nope")
    with pytest.raises(UsageError, match="no plan"):
        store.save("empty", [])
    store.save("one", [ActionCall("files.pwd", {})])
    with pytest.raises(UsageError, match="exists"):
        store.save("one", [ActionCall("files.pwd", {})])
    (store.folder / "broken.json").write_text(json.dumps({"name": "broken", "steps": "nope"}))
    with pytest.raises(UsageError, match="not a skill"):
        store.get("broken")
