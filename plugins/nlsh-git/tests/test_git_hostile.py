"""A repository whose own config tries to run programs (SECURITY.md test 30).

Every program the hostile config names is a script that leaves a marker file in the
workspace (which the sandbox lets programs write, so a marker would really appear). The
control test runs plain git on the same repository in the same sandbox and sees the markers
appear; the real test drives every kind of nlsh git action and sees none.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from gitkit import Git, give_away
from nlsh.sandbox.run import run_program
from nlsh.types import ExitStatus
from nlsh_git.runner import driver_overrides

PASS_ON = 'exec git-{}-pack "$@"'
HOOKS = ("pre-commit", "post-commit", "commit-msg", "prepare-commit-msg", "post-checkout", "post-merge",
         "pre-push", "reference-transaction", "post-rewrite", "pre-merge-commit", "post-index-change")


def _script(path: Path, name: str, marker_dir: Path, then: str = "cat") -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"#!/bin/sh\ntouch '{marker_dir}/pwned-{name}'\n{then}\n")
    path.chmod(0o755)
    return str(path)


@pytest.fixture
def hostile(repo, workspace) -> Git:
    """repo, with a remote, a second branch to merge, and a config that names evil programs."""
    (repo.path / ".git" / "info").mkdir(exist_ok=True)
    (repo.path / ".git" / "info" / "exclude").write_text("/server.git/\n/evil/\n/evil-hooks/\n/pwned-*\n")
    server = Git(workspace / "server.git")
    repo.run("clone", "-q", "--bare", str(repo.path), str(server.path))
    repo.run("remote", "add", "origin", str(server.path))
    repo.run("fetch", "-q", "origin")
    repo.run("branch", "-q", "--set-upstream-to=origin/main", "main")
    repo.run("switch", "-q", "-c", "topic")
    repo.commit("topic edit", ("README.md", "# demo\ntopic line\n"))
    repo.run("switch", "-q", "main")
    repo.commit("main edit", ("src/app.py", "print('hi')\nprint('main')\n"))
    evil = workspace / "evil"
    s = lambda name, then="cat": _script(evil / name, name, workspace, then)  # noqa: E731
    for hook in HOOKS:
        _script(repo.path / ".git" / "hooks" / hook, f"hook-{hook}", workspace, "exit 0")
        _script(workspace / "evil-hooks" / hook, f"hookspath-{hook}", workspace, "exit 0")
    config = f"""
[core]
\tfsmonitor = {s("fsmonitor", "exit 0")}
\tpager = {s("pager")}
\teditor = {s("editor", "exit 0")}
\thooksPath = {workspace / "evil-hooks"}
\tsshCommand = {s("ssh", "exit 1")}
\taskPass = {s("askpass", "exit 1")}
\talternateRefsCommand = {s("alternate-refs", "exit 0")}
[sequence]
\teditor = {s("sequence-editor", "exit 0")}
[pager]
\tlog = {s("pager-log")}
\tdiff = {s("pager-diff")}
\tstatus = {s("pager-status")}
[filter "evil"]
\tclean = {s("filter-clean")}
\tsmudge = {s("filter-smudge")}
\trequired = true
[filter "evilproc"]
\tprocess = {s("filter-process", "exit 1")}
[diff]
\texternal = {s("diff-external", "exit 0")}
[diff "evil"]
\ttextconv = {s("textconv")}
\tcommand = {s("diff-command", "exit 0")}
[merge "evil"]
\tdriver = {s("merge-driver", "exit 0")}
[log]
\tshowSignature = true
[commit]
\tgpgSign = true
[tag]
\tgpgSign = true
[gpg]
\tprogram = {s("gpg", "exit 1")}
[credential]
\thelper = {s("credential", "exit 0")}
[remote "origin"]
\tuploadpack = {s("upload-pack", PASS_ON.format("upload"))}
\treceivepack = {s("receive-pack", PASS_ON.format("receive"))}
[submodule]
\trecurse = true
"""
    with open(repo.path / ".git" / "config", "a") as f:
        f.write(config)
    (repo.path / ".git" / "info").mkdir(exist_ok=True)
    (repo.path / ".git" / "info" / "attributes").write_text("* filter=evil diff=evil merge=evil\n*.txt filter=evilproc\n")
    give_away(workspace)
    return repo


def markers(workspace: Path) -> list[str]:
    return sorted(p.name for p in workspace.iterdir() if p.name.startswith("pwned-"))


def test_control_plain_git_in_the_same_sandbox_runs_the_hostile_programs(hostile, workspace):
    def git(*args: str) -> None:
        run_program(["git", "-C", str(hostile.path), *args], cwd=workspace, workspace=workspace,
                    environ={"PATH": "/usr/bin:/bin"}, timeout=30, capabilities=("git.write", "net"))

    hostile.write("README.md", "# demo\nchanged\n")
    git("status")
    git("diff")
    git("add", "-A")
    git("-c", "user.name=x", "-c", "user.email=x@example.test", "commit", "-m", "x")
    git("fetch", "origin")
    found = markers(workspace)
    for expected in ("pwned-fsmonitor", "pwned-filter-clean", "pwned-diff-command", "pwned-gpg",
                     "pwned-upload-pack", "pwned-hookspath-pre-commit"):
        assert expected in found, found


def test_no_program_named_by_the_repository_runs_through_nlsh(hostile, shell, workspace):
    hostile.write("README.md", "# demo\nchanged\n")
    hostile.write("notes.txt", "filtered by evilproc\n")
    steps = [
        ("show git status", ExitStatus.OK), ("show the diff", ExitStatus.OK),
        ("what changed in README.md", ExitStatus.OK), ("what changed since 2019-01-01", ExitStatus.OK),
        ("show the last 3 commits", ExitStatus.OK), ("who wrote line 1 of README.md", ExitStatus.OK),
        ("search the repo for 'demo'", ExitStatus.OK), ("show README.md at HEAD~1", ExitStatus.OK),
        ("stage everything", ExitStatus.OK), ("show staged changes", ExitStatus.OK),
        ("commit the staged changes as 'safe commit'", ExitStatus.OK),
        ("amend the last commit with message 'still safe'", ExitStatus.OK),
        ("create a branch side", ExitStatus.OK), ("switch to branch side", ExitStatus.OK),
        ("switch to branch main", ExitStatus.OK),
        # README.md changed on both sides: its merge driver would run; neutralised, it is a conflict
        ("merge topic without fast-forward", ExitStatus.FAILED), ("abort the merge", ExitStatus.OK),
        ("tag this as v9", ExitStatus.OK), ("fetch", ExitStatus.OK), ("pull the latest changes", ExitStatus.OK),
        ("push", ExitStatus.OK),
    ]
    for line, expected in steps:
        turn = shell.handle(line)
        assert turn.status == expected, (line, turn.message)
    hostile.write("README.md", "# demo\nagain\n")
    hostile.write("junk.tmp", "junk\n")
    for line in ("stash my changes", "pop my stash", "remove untracked files", "discard changes to README.md",
                 "reset hard to HEAD~1"):
        turn = shell.handle(line)
        assert turn.status == ExitStatus.OK, (line, turn.message)
    assert shell.do("git.show", revision="HEAD").status == ExitStatus.OK
    assert shell.undo().ok  # the reset, undone: stash apply and reset --keep run too
    assert markers(workspace) == []
    assert hostile.run("log", "-1", "--format=%G?").strip() == "N"  # nothing was signed


def test_a_driver_name_that_cannot_be_overridden_is_refused(repo, shell):
    with open(repo.path / ".git" / "config", "a") as f:
        f.write('[filter "a=b"]\n\tclean = touch pwned\n')
    turn = shell.handle("show git status")
    assert turn.status == ExitStatus.FAILED
    assert "cannot be told to ignore" in turn.message


def test_driver_overrides_cover_every_named_driver():
    listing = "\0".join([
        "filter.lfs.clean\ngit-lfs clean", "filter.dots.in.name.smudge\nx", "diff.pdf.textconv\npdftotext",
        "merge.ours.driver\ntrue", "remote.origin.url\nhttps://x",
        "user.name\nA",
    ]) + "\0"
    found = set(driver_overrides(listing))
    assert {"filter.lfs.clean=", "filter.lfs.smudge=", "filter.lfs.process=", "filter.lfs.required=false",
            "filter.dots.in.name.smudge=", "diff.pdf.textconv=cat", "diff.pdf.command=false",
            "merge.ours.driver=false"} <= found
    assert not any(o.startswith(("user.", "remote.origin.url")) for o in found)


def test_git_variables_in_the_persons_environment_do_not_reach_git(hostile, shell, workspace):
    evil = workspace / "evil"
    shell.environ = {"GIT_CONFIG_PARAMETERS": f"'core.fsmonitor'='{evil / 'fsmonitor'}'",
                     "GIT_EXTERNAL_DIFF": str(evil / "diff-external"), "GIT_PAGER": str(evil / "pager"),
                     "GIT_SSH_COMMAND": str(evil / "ssh"), "GIT_DIR": str(workspace / "server.git")}
    hostile.write("README.md", "# demo\nchanged\n")
    turn = shell.handle("show the diff")
    assert turn.status == ExitStatus.OK, turn.message
    assert "+changed" in turn.output  # GIT_DIR did not redirect git to the bare server either
    assert markers(workspace) == []
