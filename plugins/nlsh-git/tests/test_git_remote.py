"""The network actions against a real remote (a bare repository in the workspace): clone, push,
fetch, pull, force push. Each is R3: confirmed every time, with the full preview.
"""

from __future__ import annotations

import pytest

from gitkit import Git
from nlsh.types import ExitStatus


@pytest.fixture
def remote(repo, workspace) -> Git:
    """A bare 'server' repository holding repo's history; repo itself becomes someone else's clone."""
    bare = Git(workspace / "server.git")
    repo.run("clone", "-q", "--bare", str(repo.path), str(bare.path))
    return bare


@pytest.fixture
def work(remote, shell, workspace) -> Git:
    """Our clone of the server, made by nlsh."""
    turn = shell.handle(f"clone {remote.path} into mine")
    assert turn.status == ExitStatus.OK, turn.message
    assert shell.confirmer.asked[-1][:2] == ("git.clone", "R3")
    shell.cwd = workspace / "mine"
    shell.confirmer.asked.clear()
    return Git(workspace / "mine")


def other_clone(remote: Git, workspace, name: str = "theirs") -> Git:
    theirs = Git(workspace / name)
    Git(workspace).run("clone", "-q", str(remote.path), str(theirs.path))
    return theirs


def test_clone_makes_a_working_copy(work, remote):
    assert work.head() == remote.run("rev-parse", "main").strip()
    assert (work.path / "src" / "app.py").read_text() == "print('hi')\n"
    assert work.branch() == "main"


def test_clone_refuses_an_existing_folder_and_odd_addresses(remote, shell, workspace):
    (workspace / "taken").mkdir()
    taken = shell.do("git.clone", url=str(remote.path), destination="taken")
    assert taken.status == ExitStatus.FAILED and "already exists" in taken.message
    odd = shell.do("git.clone", url="ext::sh -c touch% /tmp/pwned")
    assert odd.status == ExitStatus.FAILED and "not a repository address" in odd.message
    option = shell.do("git.clone", url="--upload-pack=touch /tmp/pwned")
    assert option.status == ExitStatus.FAILED


def test_push_is_confirmed_every_time_and_previews_the_commits(work, remote, shell):
    work.commit("local change", ("local.txt", "l\n"))
    shell.confirmer.approve = False
    declined = shell.handle("push my changes")
    assert declined.status == ExitStatus.DECLINED
    assert remote.run("rev-parse", "main").strip() != work.head()
    shell.confirmer.approve = True
    turn = shell.handle("push my changes")
    assert turn.status == ExitStatus.OK, turn.message
    for action, risk, preview in shell.confirmer.asked:
        assert (action, risk) == ("git.push", "R3")
        assert preview.count == 1 and "local change" in preview.details[0]
        assert preview.targets == (str(remote.path),)
    assert len(shell.confirmer.asked) == 2
    assert remote.run("rev-parse", "main").strip() == work.head()


def test_push_rejected_when_the_remote_moved_on(work, remote, shell, workspace):
    theirs = other_clone(remote, workspace)
    theirs.commit("their change", ("theirs.txt", "t\n"))
    theirs.run("push", "-q", "origin", "main")
    work.commit("mine", ("mine.txt", "m\n"))
    turn = shell.handle("push")
    assert turn.status == ExitStatus.FAILED and "pull first" in turn.message


def test_fetch_then_pull_and_undo_the_pull(work, remote, shell, workspace):
    theirs = other_clone(remote, workspace)
    theirs.commit("their change", ("theirs.txt", "t\n"))
    theirs.run("push", "-q", "origin", "main")
    before = work.head()
    fetched = shell.handle("fetch")
    assert fetched.status == ExitStatus.OK, fetched.message
    assert fetched.outcomes[0].data["updated"] == ["origin/main"]
    assert work.head() == before
    pulled = shell.handle("pull the latest changes")
    assert pulled.status == ExitStatus.OK, pulled.message
    assert [a for a, _, _ in shell.confirmer.asked] == ["git.fetch", "git.pull"]
    assert work.head() == theirs.head() and (work.path / "theirs.txt").exists()
    assert shell.undo().ok
    assert work.head() == before and not (work.path / "theirs.txt").exists()


def test_force_push_previews_the_commits_the_remote_loses(work, remote, shell, workspace):
    theirs = other_clone(remote, workspace)
    theirs.commit("their precious work", ("theirs.txt", "t\n"))
    theirs.run("push", "-q", "origin", "main")
    lost = theirs.head()
    assert shell.handle("fetch").status == ExitStatus.OK
    work.commit("my rewrite", ("mine.txt", "m\n"))
    turn = shell.handle("force push")
    assert turn.status == ExitStatus.OK, turn.message
    action, risk, preview = shell.confirmer.asked[-1]
    assert (action, risk) == ("git.push_force", "R3")
    assert preview.count == 1 and any("their precious work" in d for d in preview.details)
    assert remote.run("rev-parse", "main").strip() == work.head()
    assert turn.outcomes[0].data["previous"] == lost


def test_force_push_is_refused_when_the_remote_moved_since_the_last_fetch(work, remote, shell, workspace):
    theirs = other_clone(remote, workspace)
    theirs.commit("unseen work", ("theirs.txt", "t\n"))
    theirs.run("push", "-q", "origin", "main")
    work.commit("my rewrite", ("mine.txt", "m\n"))
    turn = shell.handle("force push")
    assert turn.status == ExitStatus.FAILED
    assert remote.run("rev-parse", "main").strip() == theirs.head()
