"""nlsh-git as a person meets it: installed, found through its entry point, driven by `nlsh -c`;
and the fast-path phrasings, each mapped to its plan."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib.metadata import entry_points

import pytest

import nlsh_git.plugin
from nlsh.intent.fastpath import match
from nlsh.plugins import load_catalog



def nlsh_cli(args: list[str], cwd, tmp_path) -> subprocess.CompletedProcess:
    home = tmp_path / "cli-home"
    home.mkdir(exist_ok=True)
    (home / ".gitconfig").write_text("[user]\n\tname = Cli Person\n\temail = cli@example.test\n")
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(home), "NLSH_HOME": str(tmp_path / "cli-nlsh"),
           "LANG": "C.UTF-8"}
    return subprocess.run([sys.executable, "-m", "nlsh", *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=120)


@pytest.fixture
def installed():
    if not any(ep.name == "git" and ep.value == "nlsh_git.plugin" for ep in entry_points(group="nlsh")):
        pytest.skip("nlsh-git is not installed (pip install -e plugins/nlsh-git)")


def test_the_entry_point_loads_the_plugin_with_all_its_actions(installed):
    catalog = load_catalog()
    assert "git" in catalog.plugins and "git" not in catalog.broken
    names = {spec.name for spec in catalog.actions if spec.plugin == "git"}
    assert {"git.status", "git.commit", "git.push", "git.clone", "git.reset_hard"} <= names
    assert len(names) == len(nlsh_git.plugin.ACTIONS)
    assert sum(1 for e in catalog.examples if e.plugin == "git") >= 20


def test_commit_and_what_changed_end_to_end_through_the_cli(installed, repo, tmp_path):
    repo.write("README.md", "# demo\nfix typo\n")
    repo.run("add", "README.md")
    done = nlsh_cli(["-c", "commit the staged changes with message 'fix typo'", "--yes"], repo.path, tmp_path)
    assert done.returncode == 0, done.stderr + done.stdout
    assert "fix typo" in done.stdout
    assert repo.run("log", "-1", "--format=%s|%an").strip() == "fix typo|Cli Person"
    done = nlsh_cli(["-c", "what changed since yesterday", "--json"], repo.path, tmp_path)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert "fix typo" in result["output"] and "README.md" in result["output"]


def test_without_yes_and_without_a_terminal_a_commit_is_declined(installed, repo, tmp_path):
    repo.write("README.md", "x\n")
    repo.run("add", "README.md")
    head = repo.head()
    done = nlsh_cli(["-c", "commit the staged changes as 'no'"], repo.path, tmp_path)
    assert done.returncode == 4, done.stderr  # declined: R2 needs a yes
    assert repo.head() == head


def test_dry_run_previews_a_destructive_step_and_runs_nothing(installed, repo, tmp_path):
    repo.run("switch", "-q", "-c", "spike")
    repo.commit("spike only", ("s.txt", "s\n"))
    repo.run("switch", "-q", "main")
    done = nlsh_cli(["-c", "force delete branch spike", "--dry-run"], repo.path, tmp_path)
    assert done.returncode == 0, done.stderr
    assert "spike only" in done.stdout and "risk R3" in done.stdout
    assert repo.run("branch", "--list", "spike").strip() == "spike"


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(entry_points=False, extra=[("git", nlsh_git.plugin)])


@pytest.mark.parametrize("request_text, action, args", [
    ("git status please", "git.status", {}),
    ("what's the status of this repo", "git.status", {}),
    ("show the last 5 commits", "git.log", {"count": 5}),
    ("show commits by alice since monday", "git.log", {"author": "alice", "since": "monday"}),
    ("what changed since yesterday", "git.log", {"since": "yesterday", "files": True, "count": 100}),
    ("what changed in README.md", "git.diff", {"path": "README.md"}),
    ("show me the staged changes", "git.diff", {"staged": True}),
    ("compare main with dev", "git.diff", {"base": "main", "target": "dev"}),
    ("show README.md at HEAD~2", "git.show_file", {"path": "README.md", "revision": "HEAD~2"}),
    ("commit the staged changes as 'fix typo'", "git.commit", {"message": "fix typo"}),
    ("commit the staged changes with message \u201cfix typo\u201d", "git.commit", {"message": "fix typo"}),
    ("commit everything as 'wip'", "git.commit", {"message": "wip", "all_changes": True}),
    ("amend the last commit with message 'better'", "git.amend", {"message": "better"}),
    ("undo the last commit", "git.uncommit", {}),
    ("stage a.txt and b.txt", "git.add", {"paths": ["a.txt", "b.txt"]}),
    ("stage everything", "git.add", {}),
    ("add notes.md to git", "git.add", {"paths": ["notes.md"]}),
    ("unstage notes.md", "git.unstage", {"paths": ["notes.md"]}),
    ("discard my changes to app.py", "git.discard", {"paths": ["app.py"]}),
    ("switch to branch main", "git.switch", {"branch": "main"}),
    ("switch to main", "git.switch", {"branch": "main"}),
    ("create a branch feature-x", "git.branch_create", {"name": "feature-x"}),
    ("create a new branch feature-x and switch to it", "git.branch_create", {"name": "feature-x", "switch": True}),
    ("delete the branch old-ui", "git.branch_delete", {"name": "old-ui"}),
    ("force delete branch old-ui", "git.branch_force_delete", {"name": "old-ui"}),
    ("merge feature-x without fast-forward", "git.merge", {"branch": "feature-x", "no_ff": True}),
    ("abort the merge", "git.merge_abort", {}),
    ("stash my changes", "git.stash_push", {}),
    ("stash my changes including untracked files", "git.stash_push", {"include_untracked": True}),
    ("pop my stash", "git.stash_pop", {}),
    ("list my stashes", "git.stashes", {}),
    ("tag this as v1.0", "git.tag_create", {"name": "v1.0"}),
    ("which branch am i on", "git.current_branch", {}),
    ("list remotes", "git.remotes", {}),
    ("fetch", "git.fetch", {}),
    ("pull the latest changes", "git.pull", {}),
    ("push my changes", "git.push", {}),
    ("force push to origin", "git.push_force", {"remote": "origin"}),
    ("who wrote line 3 of main.c", "git.blame", {"path": "main.c", "start": 3, "end": 3}),
    ("search the repo for 'TODO'", "git.grep", {"pattern": "TODO"}),
    ("clone https://example.test/tools.git", "git.clone", {"url": "https://example.test/tools.git"}),
    ("remove the untracked files", "git.clean", {}),
    ("throw away all my changes", "git.reset_hard", {}),
])
def test_phrasings_become_plans(catalog, request_text, action, args):
    plan = match(request_text, catalog.patterns)
    assert plan is not None, request_text
    assert [(c.action, dict(c.args)) for c in plan] == [(action, args)]


@pytest.mark.parametrize("request_text", ["list files here", "show me notes.txt", "delete old.txt",
                                          "switch to the docs folder", "commit to memory"])
def test_other_requests_are_left_alone(catalog, request_text):
    plan = match(request_text, catalog.patterns)
    assert plan is None or not plan[0].action.startswith("git."), plan


def test_examples_name_real_actions_with_valid_arguments(catalog):
    for example in (e for e in catalog.examples if e.plugin == "git"):
        for step in example.steps:
            spec = catalog.actions.get(step.action)
            assert spec is not None, step.action
            spec.validate(step.args)
