"""Read-only git actions against real repositories: status, log, diff, show, blame, grep, lists."""

from __future__ import annotations

import os
import subprocess

import pytest

from nlsh.types import ExitStatus


def test_status_shows_branch_staged_unstaged_and_untracked(repo, shell):
    repo.write("README.md", "# demo\nmore\n")
    repo.write("new.txt", "new\n")
    repo.write("staged.txt", "s\n")
    repo.run("add", "staged.txt")
    turn = shell.handle("show git status")
    assert turn.status == ExitStatus.OK, turn.message
    assert turn.steps[0].call.action == "git.status" and turn.decision == "auto"
    data = turn.outcomes[0].data
    assert data["branch"] == "main" and not data["clean"]
    assert data["staged"] == [{"path": "staged.txt", "change": "new file"}]
    assert data["unstaged"] == [{"path": "README.md", "change": "modified"}]
    assert data["untracked"] == ["new.txt"]
    assert "On branch main" in turn.output and "modified: README.md" in turn.output


def test_status_of_a_clean_repo_and_outside_any_repo(repo, shell, workspace, tmp_path):
    assert "working tree is clean" in shell.handle("show git status").output
    elsewhere = workspace / "sub"
    repo.run("init", "-q", str(elsewhere))  # a nested repo, to be sure "not a repo" is real below
    os.rename(elsewhere / ".git", workspace / "moved-git")
    shell.cwd = elsewhere
    turn = shell.handle("what changed")
    assert turn.status == ExitStatus.OK  # sub is inside the outer repository
    (workspace / ".git").rename(workspace / "dot-git-away")
    turn = shell.handle("show git status")
    assert turn.status == ExitStatus.FAILED
    assert "not inside a git repository" in turn.message


def test_names_that_are_not_utf8_or_hold_newlines_are_escaped(repo, shell, workspace):
    (workspace / os.fsdecode(b"caf\xe9.txt")).write_text("x")
    (workspace / "two\nlines.txt").write_text("y")
    repo.write("ansi\x1b[31m.txt", "z")
    turn = shell.handle("show git status")
    assert turn.status == ExitStatus.OK, turn.message
    lines = turn.output.splitlines()
    assert "  caf\\xe9.txt" in lines and "  two\\nlines.txt" in lines
    assert "\x1b" not in turn.output
    assert "two\nlines.txt" in turn.outcomes[0].data["untracked"]


def test_log_filters_by_count_author_path_and_date(repo, shell):
    repo.run("-c", "user.name=Alice", "-c", "user.email=alice@example.test", "commit", "-q", "--allow-empty",
             "-m", "alice was here", date="2021-06-01T10:00:00")
    turn = shell.handle("show the last 2 commits")
    assert [c["subject"] for c in turn.outcomes[0].data["commits"]] == ["alice was here", "add app"]
    assert shell.do("git.log", author="alice").outcomes[0].data["commits"][0]["subject"] == "alice was here"
    assert len(shell.do("git.log", author="alice").outcomes[0].data["commits"]) == 1
    by_path = shell.do("git.log", path="src/app.py").outcomes[0].data["commits"]
    assert [c["subject"] for c in by_path] == ["add app"]
    since = shell.do("git.log", since="2021-01-01").outcomes[0].data["commits"]
    assert [c["subject"] for c in since] == ["alice was here"]
    assert shell.do("git.log", since="2030-01-01").outcomes[0].output == "no matching commits"


def test_what_changed_since_lists_commits_and_files(repo, shell):
    repo.commit("today's work", ("notes.txt", "n\n"))
    turn = shell.handle("what changed since yesterday")
    assert turn.status == ExitStatus.OK, turn.message
    commits = turn.outcomes[0].data["commits"]
    assert [c["subject"] for c in commits] == ["today's work"]
    assert commits[0]["files"] == [{"change": "new file", "path": "notes.txt"}]
    assert "new file: notes.txt" in turn.output and "1 commit since yesterday, 1 file changed" in turn.output


def test_diff_unstaged_staged_between_refs_and_of_one_file(repo, shell):
    first = repo.run("rev-list", "--max-parents=0", "HEAD").strip()
    repo.write("README.md", "# demo\nchanged\n")
    repo.write("src/app.py", "print('bye')\n")
    repo.run("add", "src/app.py")
    unstaged = shell.handle("show the diff")
    assert [f["path"] for f in unstaged.outcomes[0].data["files"]] == ["README.md"]
    assert "+changed" in unstaged.output
    staged = shell.handle("show staged changes")
    assert [f["path"] for f in staged.outcomes[0].data["files"]] == ["src/app.py"]
    between = shell.do("git.diff", base=first, target="HEAD")
    assert [f["path"] for f in between.outcomes[0].data["files"]] == ["src/app.py"]
    one = shell.handle("what changed in README.md")
    assert one.outcomes[0].data["files"][0]["added"] == 1 and "+changed" in one.output


def test_diff_of_an_unchanged_file_says_when_it_last_changed(repo, shell):
    turn = shell.handle("what changed in src/app.py")
    assert turn.status == ExitStatus.OK, turn.message
    assert "no uncommitted changes in src/app.py; last changed in" in turn.output and "add app" in turn.output


def test_show_file_at_a_revision_binary_missing_and_hostile_revision(repo, shell):
    repo.commit("edit", ("README.md", "# demo v2\n"))
    turn = shell.handle("show README.md at HEAD~1")
    assert turn.status == ExitStatus.OK, turn.message
    assert turn.output == "# demo" and turn.outcomes[0].data["text"] == "# demo\n"
    repo.commit("binary", ("blob.bin", b"\x00\x01\x02" * 100))
    assert "binary file of 300 bytes" in shell.do("git.show_file", path="blob.bin").output
    missing = shell.do("git.show_file", path="nope.txt", revision="HEAD~1")
    assert missing.status == ExitStatus.FAILED and "does not exist at HEAD~1" in missing.message
    hostile = shell.do("git.show_file", path="README.md", revision="--output=/tmp/x")
    assert hostile.status == ExitStatus.FAILED and "not a revision" in hostile.message


def test_show_commit_blame_and_grep(repo, shell):
    turn = shell.do("git.show", revision="HEAD")
    assert "add app" in turn.output and "src/app.py" in turn.output
    assert turn.outcomes[0].data["subject"] == "add app"
    blame = shell.handle("who wrote line 1 of src/app.py")
    row = blame.outcomes[0].data["lines"][0]
    assert row["author"] == "Test Person" and row["text"] == "print('hi')" and row["date"] == "2020-01-02"
    repo.write("src/app.py", "print('hi')\n# TODO only in the working tree\n")
    found = shell.handle("search the repo for 'print'")
    assert [(m["path"], m["line"]) for m in found.outcomes[0].data["matches"]] == [("src/app.py", 1)]
    assert shell.do("git.grep", pattern="TODO").output.startswith("no matches")


def test_listings_of_branches_tags_remotes_and_stashes(repo, shell):
    repo.run("branch", "feature-x")
    repo.run("tag", "v1.0")
    repo.run("remote", "add", "origin", "https://example.test/demo.git")
    branches = shell.handle("list branches").outcomes[0].data
    assert {b["name"] for b in branches["branches"]} == {"main", "feature-x"} and branches["current"] == "main"
    assert [t["name"] for t in shell.handle("show tags").outcomes[0].data["tags"]] == ["v1.0"]
    remotes = shell.handle("list remotes").outcomes[0].data["remotes"]
    assert remotes == [{"name": "origin", "fetch": "https://example.test/demo.git",
                        "push": "https://example.test/demo.git"}]
    assert shell.handle("list stashes").output == "no stashes"



@pytest.mark.skipif(os.geteuid() != 0, reason="only root's programs run as another user (the workspace's owner)")
def test_roots_own_repository_is_readable_and_writable(repo, shell, workspace):
    """Root's workspace: git reads it as nobody (safe.directory for root's own repository) and
    writes it as uid 0 with no capabilities (see sandbox/prepare.py)."""
    os.chown(workspace, 0, 0)
    for root, dirs, files in os.walk(workspace):
        for name in dirs + files:
            os.chown(os.path.join(root, name), 0, 0, follow_symlinks=False)
    turn = shell.handle("show the last 2 commits")
    assert turn.status == ExitStatus.OK, turn.message
    assert [c["subject"] for c in turn.outcomes[0].data["commits"]] == ["add app", "first"]
    (workspace / "README.md").write_text("changed\n")  # as root: everything stays root's
    turn = shell.handle("stage everything")
    assert turn.status == ExitStatus.OK, turn.message
    staged = subprocess.run(["git", "-C", str(workspace), "diff", "--cached", "--name-only"],
                            capture_output=True, text=True, check=True).stdout
    assert staged.split() == ["README.md"]
    assert os.stat(workspace / ".git" / "index").st_uid == 0
