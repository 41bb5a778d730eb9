"""Staging and committing through the whole pipeline, with policy, confirmation and undo."""

from __future__ import annotations

from nlsh.types import ExitStatus


def test_commit_the_staged_changes_confirms_records_and_undoes(repo, shell):
    before = repo.head()
    repo.write("README.md", "# demo\nfixed typo\n")
    repo.write("other.txt", "not staged\n")
    repo.run("add", "README.md")
    turn = shell.handle("commit the staged changes with message 'fix typo'")
    assert turn.status == ExitStatus.OK, turn.message
    action, risk, preview = shell.confirmer.asked[0]
    assert (action, risk) == ("git.commit", "R2")
    assert "commit 1 file to main: fix typo" in preview.summary and "modified: README.md" in preview.details
    assert repo.run("log", "-1", "--format=%s|%an|%ae").strip() == "fix typo|Home Person|home@example.test"
    assert repo.run("rev-parse", "HEAD~1").strip() == before
    assert "?? other.txt" in repo.run("status", "--porcelain")
    undone = shell.undo()
    assert undone.ok, undone.error
    assert repo.head() == before
    assert repo.run("diff", "--cached", "--name-only").split() == ["README.md"]  # still staged


def test_declining_a_commit_changes_nothing(repo, shell):
    before = repo.head()
    repo.write("README.md", "changed\n")
    repo.run("add", "README.md")
    shell.confirmer.approve = False
    turn = shell.handle("commit the staged changes as 'nope'")
    assert turn.status == ExitStatus.DECLINED
    assert repo.head() == before


def test_commit_with_nothing_staged_fails_clearly(repo, shell):
    turn = shell.handle("commit the staged changes as 'empty'")
    assert turn.status == ExitStatus.FAILED
    assert "nothing is staged" in turn.message
    assert shell.confirmer.asked[0][2].summary.startswith("nothing is staged")


def test_identity_comes_from_config_toml_before_home_gitconfig(repo, shell):
    shell.config = '[git]\nuser_name = "Config Person"\nuser_email = "config@example.test"\n'
    repo.write("a.txt", "a\n")
    repo.run("add", "a.txt")
    turn = shell.handle("commit 'with config identity'")
    assert turn.status == ExitStatus.OK, turn.message
    assert repo.run("log", "-1", "--format=%an <%ae>").strip() == "Config Person <config@example.test>"


def test_commit_without_any_identity_says_how_to_set_one(repo, shell):
    (shell.home / ".gitconfig").unlink()
    repo.write("a.txt", "a\n")
    repo.run("add", "a.txt")
    turn = shell.handle("commit 'who am i'")
    assert turn.status == ExitStatus.FAILED
    assert "does not know who you are" in turn.message and "[git]" in turn.message


def test_commit_all_changes_stages_tracked_files_only(repo, shell):
    repo.write("README.md", "edited\n")
    repo.write("untracked.txt", "u\n")
    turn = shell.handle("commit everything as 'wip'")
    assert turn.status == ExitStatus.OK, turn.message
    assert repo.run("show", "--name-only", "--format=", "HEAD").split() == ["README.md"]


def test_stage_then_undo_restores_the_staging_area_exactly(repo, shell):
    repo.write("README.md", "one\n")
    repo.run("add", "README.md")  # staged before nlsh touches anything
    repo.write("README.md", "two\n")
    repo.write("new.txt", "n\n")
    (repo.path / "src" / "app.py").unlink()
    before = repo.run("ls-files", "-s")
    turn = shell.handle("stage everything")
    assert turn.status == ExitStatus.OK, turn.message
    assert sorted(turn.outcomes[0].data["staged"]) == ["add 'README.md'", "add 'new.txt'", "remove 'src/app.py'"]
    assert "D  src/app.py" in repo.run("status", "--porcelain")
    assert shell.undo().ok
    assert repo.run("ls-files", "-s") == before


def test_stage_by_name_and_by_glob(repo, shell):
    repo.write("a.py", "a\n")
    repo.write("sub/b.py", "b\n")
    repo.write("c.txt", "c\n")
    turn = shell.handle("stage *.py")
    assert turn.status == ExitStatus.OK, turn.message
    assert sorted(repo.run("diff", "--cached", "--name-only").split()) == ["a.py", "sub/b.py"]
    assert shell.handle("stage c.txt").status == ExitStatus.OK
    assert "c.txt" in repo.run("diff", "--cached", "--name-only").split()


def test_unstage_keeps_the_file_and_undo_restages(repo, shell):
    repo.write("README.md", "staged edit\n")
    repo.run("add", "README.md")
    turn = shell.handle("unstage README.md")
    assert turn.status == ExitStatus.OK, turn.message
    assert repo.run("diff", "--cached", "--name-only") == ""
    assert (repo.path / "README.md").read_text() == "staged edit\n"
    assert shell.undo().ok
    assert repo.run("diff", "--cached", "--name-only").split() == ["README.md"]


def test_unstage_before_the_first_commit(workspace, shell):
    from gitkit import Git

    git = Git(workspace)
    git.run("init", "-q", "-b", "main")
    git.write("a.txt", "a\n")
    git.run("add", "a.txt")
    turn = shell.handle("unstage a.txt")
    assert turn.status == ExitStatus.OK, turn.message
    assert git.run("status", "--porcelain").strip() == "?? a.txt"


def test_discarding_changes_is_confirmed_shows_the_loss_and_can_be_undone(repo, shell):
    repo.write("README.md", "# demo\nprecious edit\n")
    turn = shell.handle("discard changes to README.md")
    assert turn.status == ExitStatus.OK, turn.message
    action, risk, preview = shell.confirmer.asked[0]
    assert (action, risk) == ("git.discard", "R2")
    assert any("+1 -0" in d for d in preview.details)
    assert (repo.path / "README.md").read_text() == "# demo\n"
    assert shell.undo().ok
    assert (repo.path / "README.md").read_text() == "# demo\nprecious edit\n"


def test_amend_and_uncommit_are_undoable(repo, shell):
    head = repo.head()
    turn = shell.handle("amend the last commit with message 'add the app'")
    assert turn.status == ExitStatus.OK, turn.message
    assert repo.run("log", "-1", "--format=%s").strip() == "add the app"
    assert shell.undo().ok
    assert repo.head() == head
    turn = shell.handle("undo the last commit")
    assert turn.status == ExitStatus.OK, turn.message
    assert repo.run("log", "-1", "--format=%s").strip() == "first"
    assert repo.run("diff", "--cached", "--name-only").split() == ["src/app.py"]
    assert shell.undo().ok
    assert repo.head() == head


def test_undo_refuses_when_the_branch_moved_on(repo, shell):
    repo.write("a.txt", "a\n")
    repo.run("add", "a.txt")
    assert shell.handle("commit 'a'").status == ExitStatus.OK
    repo.commit("someone else's", ("b.txt", "b\n"))
    undone = shell.undo()
    assert not undone.ok and "moved on" in undone.error
