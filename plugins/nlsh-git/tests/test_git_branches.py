"""Branches, merges, tags, stashes and the destructive clean-ups, each with its undo."""

from __future__ import annotations

from nlsh.types import ExitStatus


def test_create_switch_and_undo(repo, shell):
    turn = shell.handle("create a branch feature-x")
    assert turn.status == ExitStatus.OK, turn.message
    assert repo.run("rev-parse", "feature-x").strip() == repo.head() and repo.branch() == "main"
    assert shell.handle("switch to branch feature-x").status == ExitStatus.OK
    assert repo.branch() == "feature-x"
    assert shell.undo().ok  # the switch
    assert repo.branch() == "main"
    assert shell.undo().ok  # the creation
    assert repo.run("branch", "--list", "feature-x") == ""


def test_create_and_switch_in_one_step_and_bad_names(repo, shell):
    assert shell.handle("create a branch topic and switch to it").status == ExitStatus.OK
    assert repo.branch() == "topic"
    bad = shell.do("git.branch_create", name="two words")
    assert bad.status == ExitStatus.FAILED and "not a valid branch name" in bad.message
    option = shell.do("git.switch", branch="--orphan=x")
    assert option.status == ExitStatus.FAILED and "not a valid branch name" in option.message
    again = shell.do("git.branch_create", name="topic")
    assert again.status == ExitStatus.FAILED and "already exists" in again.message


def test_switch_refuses_to_overwrite_uncommitted_work(repo, shell):
    repo.run("switch", "-q", "-c", "other")
    repo.commit("other readme", ("README.md", "# other\n"))
    repo.run("switch", "-q", "main")
    repo.write("README.md", "# my unsaved edit\n")
    turn = shell.handle("switch to other")
    assert turn.status == ExitStatus.FAILED and "overwritten" in turn.message
    assert (repo.path / "README.md").read_text() == "# my unsaved edit\n"


def test_safe_delete_refuses_unmerged_work_and_force_delete_previews_the_loss(repo, shell):
    repo.run("switch", "-q", "-c", "spike")
    repo.commit("only on spike", ("spike.txt", "s\n"))
    spike = repo.head()
    repo.run("switch", "-q", "main")
    safe = shell.handle("delete branch spike")
    assert safe.status == ExitStatus.FAILED and "not fully merged" in safe.message
    assert "git will refuse" in shell.confirmer.asked[0][2].details[0]
    turn = shell.handle("force delete branch spike")
    assert turn.status == ExitStatus.OK, turn.message
    action, risk, preview = shell.confirmer.asked[-1]
    assert (action, risk) == ("git.branch_force_delete", "R3")
    assert any("only on spike" in d for d in preview.details) and preview.count == 1
    assert repo.run("branch", "--list", "spike") == ""
    assert shell.undo().ok
    assert repo.run("rev-parse", "spike").strip() == spike


def test_merged_branch_deletes_safely(repo, shell):
    repo.run("branch", "done")
    turn = shell.handle("delete the branch done")
    assert turn.status == ExitStatus.OK, turn.message
    assert "nothing is lost" in shell.confirmer.asked[0][2].details[0]


def test_merge_fast_forward_no_ff_and_undo(repo, shell):
    start = repo.head()
    repo.run("switch", "-q", "-c", "feature")
    repo.commit("feature work", ("f.txt", "f\n"))
    feature = repo.head()
    repo.run("switch", "-q", "main")
    turn = shell.handle("merge feature")
    assert turn.status == ExitStatus.OK, turn.message
    assert "fast-forward" in shell.confirmer.asked[0][2].summary
    assert repo.head() == feature
    assert shell.undo().ok and repo.head() == start
    turn = shell.handle("merge feature without fast-forward")
    assert turn.status == ExitStatus.OK, turn.message
    assert repo.run("rev-list", "--parents", "-1", "HEAD").split()[1:] == [start, feature]
    assert shell.undo().ok and repo.head() == start
    assert not (repo.path / "f.txt").exists()


def test_a_conflicting_merge_reports_the_files_and_can_be_aborted(repo, shell):
    repo.run("switch", "-q", "-c", "theirs")
    repo.commit("theirs", ("README.md", "theirs\n"))
    repo.run("switch", "-q", "main")
    repo.commit("ours", ("README.md", "ours\n"))
    ours = repo.head()
    turn = shell.handle("merge theirs")
    assert turn.status == ExitStatus.FAILED
    assert turn.outcomes[0].data == {"conflicts": ["README.md"]} and "abort the merge" in turn.output
    assert shell.handle("abort the merge").status == ExitStatus.OK
    assert repo.head() == ours and (repo.path / "README.md").read_text() == "ours\n"


def test_tag_and_undo(repo, shell):
    assert shell.handle("tag this as v1.0").status == ExitStatus.OK
    assert repo.run("rev-parse", "v1.0^{commit}").strip() == repo.head()
    assert shell.do("git.tag_create", name="v2", message="release two").status == ExitStatus.OK
    assert repo.run("cat-file", "-t", "v2").strip() == "tag"
    assert shell.undo().ok and repo.run("tag", "--list").split() == ["v1.0"]


def test_stash_push_pop_list_and_undo(repo, shell):
    repo.write("README.md", "work in progress\n")
    turn = shell.handle("stash my changes")
    assert turn.status == ExitStatus.OK, turn.message
    assert (repo.path / "README.md").read_text() == "# demo\n"
    assert "WIP on main" in shell.handle("list stashes").output
    assert shell.undo().ok
    assert (repo.path / "README.md").read_text() == "work in progress\n"
    assert shell.handle("stash my changes").status == ExitStatus.OK
    turn = shell.handle("pop my stash")
    assert turn.status == ExitStatus.OK, turn.message
    assert (repo.path / "README.md").read_text() == "work in progress\n"
    assert repo.run("stash", "list") == ""
    assert shell.handle("pop my stash").status == ExitStatus.FAILED


def test_clean_previews_what_goes_keeps_it_in_a_stash_and_undo_brings_it_back(repo, shell):
    repo.write("build/out.o", "x" * 1000)
    repo.write("scratch.txt", "notes\n")
    repo.write("README.md", "tracked edit stays\n")
    turn = shell.handle("remove untracked files")
    assert turn.status == ExitStatus.OK, turn.message
    action, risk, preview = shell.confirmer.asked[0]
    assert (action, risk) == ("git.clean", "R2")
    assert preview.count == 2 and preview.bytes == 1006
    assert not (repo.path / "build").exists() and not (repo.path / "scratch.txt").exists()
    assert (repo.path / "README.md").read_text() == "tracked edit stays\n"
    assert shell.undo().ok
    assert (repo.path / "build/out.o").read_text() == "x" * 1000
    assert (repo.path / "scratch.txt").read_text() == "notes\n"
    assert (repo.path / "README.md").read_text() == "tracked edit stays\n"


def test_reset_hard_shows_what_is_lost_and_undo_restores_commits_and_edits(repo, shell):
    head = repo.head()
    repo.write("README.md", "uncommitted\n")
    turn = shell.handle("reset hard to HEAD~1")
    assert turn.status == ExitStatus.OK, turn.message
    action, risk, preview = shell.confirmer.asked[0]
    assert (action, risk) == ("git.reset_hard", "R2")
    assert any("add app" in d for d in preview.details) and any("README.md" in d for d in preview.details)
    assert not (repo.path / "src/app.py").exists() and (repo.path / "README.md").read_text() == "# demo\n"
    assert shell.undo().ok
    assert repo.head() == head
    assert (repo.path / "README.md").read_text() == "uncommitted\n"
