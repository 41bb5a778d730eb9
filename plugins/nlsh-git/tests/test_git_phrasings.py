"""The many ways people ask git for things, each mapped to its plan by the fast path; requests
that are not git's stay with nlsh's own patterns (or pass on to the model)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

import nlsh_git.plugin
from nlsh.intent.fastpath import match
from nlsh.plugins import load_catalog


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(entry_points=False, extra=[("git", nlsh_git.plugin)])


CASES: list[tuple[str, str, dict]] = [
    # the current branch
    ("which branch am I on", "git.current_branch", {}),
    ("what branch am i currently on?", "git.current_branch", {}),
    ("print the current branch name", "git.current_branch", {}),
    ("what's the current branch", "git.current_branch", {}),
    ("show me the name of the current branch", "git.current_branch", {}),
    ("what is the name of the current git branch", "git.current_branch", {}),
    ("which branch is checked out", "git.current_branch", {}),
    ("tell me the current branch", "git.current_branch", {}),
    ("current branch name", "git.current_branch", {}),
    ("what branch", "git.current_branch", {}),
    ("tell me which branch i'm on", "git.current_branch", {}),
    ("print the name of this branch", "git.current_branch", {}),
    # creating a branch, switching only when asked
    ("make a branch called feature-x", "git.branch_create", {"name": "feature-x"}),
    ("create branch hotfix from v2.0", "git.branch_create", {"name": "hotfix", "start": "v2.0"}),
    ("new branch topic off main", "git.branch_create", {"name": "topic", "start": "main"}),
    ("create a new branch called api based on develop", "git.branch_create", {"name": "api", "start": "develop"}),
    ("create the release branch from the v1.2 tag", "git.branch_create", {"name": "release", "start": "v1.2"}),
    ("create a branch x at HEAD~2", "git.branch_create", {"name": "x", "start": "HEAD~2"}),
    ("start a new branch named 'bugfix/login' from origin/main", "git.branch_create",
     {"name": "bugfix/login", "start": "origin/main"}),
    ("create a branch spike but don't switch to it", "git.branch_create", {"name": "spike"}),
    ("create a new branch off main called hotfix", "git.branch_create", {"name": "hotfix", "start": "main"}),
    ("create a new branch from the current commit called wip", "git.branch_create", {"name": "wip"}),
    ("create and checkout a new branch called y", "git.branch_create", {"name": "y", "switch": True}),
    ("create branch x and checkout", "git.branch_create", {"name": "x", "switch": True}),
    ("create and switch to branch wip", "git.branch_create", {"name": "wip", "switch": True}),
    ("check out a new branch called login", "git.branch_create", {"name": "login", "switch": True}),
    ("create a branch feature-y and switch to it", "git.branch_create", {"name": "feature-y", "switch": True}),
    ("make a new branch docs from main and check it out", "git.branch_create",
     {"name": "docs", "start": "main", "switch": True}),
    # renaming
    ("rename branch old to new", "git.branch_rename", {"name": "old", "new_name": "new"}),
    ("rename branch side to other", "git.branch_rename", {"name": "side", "new_name": "other"}),
    ("change the name of the branch a1 to b1", "git.branch_rename", {"name": "a1", "new_name": "b1"}),
    ("rename the dev branch to develop", "git.branch_rename", {"name": "dev", "new_name": "develop"}),
    ("rename this branch to better-name", "git.branch_rename", {"new_name": "better-name"}),
    ("rename the current branch to main2", "git.branch_rename", {"new_name": "main2"}),
    ("rename my branch to feature/y", "git.branch_rename", {"new_name": "feature/y"}),
    ("change the branch name to topic", "git.branch_rename", {"new_name": "topic"}),
    # deleting
    ("remove the branch old-ui", "git.branch_delete", {"name": "old-ui"}),
    ("get rid of the local branch spike", "git.branch_delete", {"name": "spike"}),
    ("delete the spike branch", "git.branch_delete", {"name": "spike"}),
    ("delete local branch feature/x", "git.branch_delete", {"name": "feature/x"}),
    ("force delete the branch spike", "git.branch_force_delete", {"name": "spike"}),
    ("delete branch spike even if it's not merged", "git.branch_force_delete", {"name": "spike"}),
    ("delete the spike branch anyway", "git.branch_force_delete", {"name": "spike"}),
    ("remove local branch dev even though it's unmerged", "git.branch_force_delete", {"name": "dev"}),
    ("delete my local branch old", "git.branch_delete", {"name": "old"}),
    ("delete the merged branch feature-a", "git.branch_delete", {"name": "feature-a"}),
    ("forcefully delete the branch feature-a", "git.branch_force_delete", {"name": "feature-a"}),
    ("delete the unmerged branch feature-a", "git.branch_force_delete", {"name": "feature-a"}),
    # switching, and back
    ("go back to the previous branch", "git.switch", {"branch": "-"}),
    ("switch to the last branch", "git.switch", {"branch": "-"}),
    ("switch back to the branch I was on before", "git.switch", {"branch": "-"}),
    ("check out the previous branch", "git.switch", {"branch": "-"}),
    ("switch back", "git.switch", {"branch": "-"}),
    ("return to the previous branch", "git.switch", {"branch": "-"}),
    ("check out the branch i was on before", "git.switch", {"branch": "-"}),
    ("switch to the develop branch", "git.switch", {"branch": "develop"}),
    ("checkout the main branch", "git.switch", {"branch": "main"}),
    ("change branch to release", "git.switch", {"branch": "release"}),
    ("switch to main", "git.switch", {"branch": "main"}),
    # discarding a file's changes
    ("throw away my changes to a.py", "git.discard", {"paths": ["a.py"]}),
    ("revert the file a.py to the last commit", "git.discard", {"paths": ["a.py"]}),
    ("restore a.py", "git.discard", {"paths": ["a.py"]}),
    ("discard changes in src/app.py", "git.discard", {"paths": ["src/app.py"]}),
    ("undo my changes to README.md", "git.discard", {"paths": ["README.md"]}),
    ("get rid of the local changes to a.py and b.py", "git.discard", {"paths": ["a.py", "b.py"]}),
    ("reset setup.cfg to HEAD", "git.discard", {"paths": ["setup.cfg"]}),
    ("restore the last committed version of notes.txt", "git.discard", {"paths": ["notes.txt"]}),
    ("restore README.md to its last committed state", "git.discard", {"paths": ["README.md"]}),
    ("throw out my edits to a.py", "git.discard", {"paths": ["a.py"]}),
    ("restore a.py from the last commit", "git.discard", {"paths": ["a.py"]}),
    ("checkout a.py", "git.discard", {"paths": ["a.py"]}),
    ("checkout release-1.2", "git.switch", {"branch": "release-1.2"}),
    ("discard changes in 'my file.txt' and b.py", "git.discard", {"paths": ["my file.txt", "b.py"]}),
    # previewing a clean-up
    ("which untracked files would be removed", "git.clean_dry_run", {}),
    ("dry run of cleaning untracked files", "git.clean_dry_run", {}),
    ("what would git clean remove", "git.clean_dry_run", {}),
    ("show what git clean would delete", "git.clean_dry_run", {}),
    ("preview removing the untracked files", "git.clean_dry_run", {}),
    ("remove untracked files as a dry run", "git.clean_dry_run", {}),
    ("what would be removed by git clean", "git.clean_dry_run", {}),
    ("git clean dry run", "git.clean_dry_run", {}),
    ("show which files git clean would remove", "git.clean_dry_run", {}),
    # diffs
    ("show unstaged changes", "git.diff", {}),
    ("show me the diff", "git.diff", {}),
    ("changes not staged yet", "git.diff", {}),
    ("show staged changes", "git.diff", {"staged": True}),
    ("show the staged diff", "git.diff", {"staged": True}),
    ("what am i about to commit", "git.diff", {"staged": True}),
    ("diff of the staged files", "git.diff", {"staged": True}),
    ("show me what's staged", "git.diff", {"staged": True}),
    ("what did i stage", "git.diff", {"staged": True}),
    ("what changes have i not staged", "git.diff", {}),
    ("show diff of all uncommitted changes", "git.diff", {"base": "HEAD"}),
    ("show everything that changed since HEAD", "git.diff", {"base": "HEAD"}),
    ("show all uncommitted changes including staged", "git.diff", {"base": "HEAD"}),
    ("show all my uncommitted changes", "git.diff", {"base": "HEAD"}),
    ("show staged and unstaged changes", "git.diff", {"base": "HEAD"}),
    ("diff against HEAD", "git.diff", {"base": "HEAD"}),
    ("what changed since the last commit", "git.diff", {"base": "HEAD"}),
    ("show the difference between the working tree and HEAD", "git.diff", {"base": "HEAD"}),
    ("show me everything i changed since the last commit", "git.diff", {"base": "HEAD"}),
    ("show the diff of a.py", "git.diff", {"path": "a.py"}),
    ("diff a.py", "git.diff", {"path": "a.py"}),
    ("show the changes to src/app.py", "git.diff", {"path": "src/app.py"}),
    ("show the staged changes in a.py", "git.diff", {"staged": True, "path": "a.py"}),
    # the log
    ("show the last 3 commits", "git.log", {"count": 3}),
    ("last three commits", "git.log", {"count": 3}),
    ("show me the 5 most recent commits", "git.log", {"count": 5}),
    ("last 3 commits from bob", "git.log", {"count": 3, "author": "bob"}),
    ("commits by Alice", "git.log", {"author": "Alice"}),
    ("show commits by alice since monday", "git.log", {"author": "alice", "since": "monday"}),
    ("list the commits made by 'Jane Doe'", "git.log", {"author": "Jane Doe"}),
    ("show the log one line per commit", "git.log", {"oneline": True}),
    ("show the last 5 commits in one line each", "git.log", {"count": 5, "oneline": True}),
    ("git log oneline", "git.log", {"oneline": True}),
    ("compact commit history", "git.log", {"oneline": True}),
    ("show the commit graph", "git.log", {"graph": True}),
    ("show the history as a graph", "git.log", {"graph": True}),
    ("draw the git log as a graph", "git.log", {"graph": True}),
    ("show the commit graph for all branches and tags", "git.log", {"graph": True, "all_branches": True}),
    ("history of all branches as a graph", "git.log", {"graph": True, "all_branches": True}),
    ("show a pretty graph of the history", "git.log", {"graph": True}),
    ("log graph all branches", "git.log", {"graph": True, "all_branches": True}),
    ("show commits after january 1st", "git.log", {"since": "january 1st"}),
    ("commits touching src/app.py", "git.log", {"path": "src/app.py"}),
    ("which commits changed README.md", "git.log", {"path": "README.md"}),
    ("show commits since yesterday", "git.log", {"since": "yesterday"}),
    ("commits in the last 2 weeks", "git.log", {"since": "2 weeks ago"}),
    ("commits since 2024-01-01 by bob", "git.log", {"since": "2024-01-01", "author": "bob"}),
    ("what did bob commit this week", "git.log", {"author": "bob", "since": "1 week ago"}),
    ("show me the commits alice made", "git.log", {"author": "alice"}),
    ("list commits made by bob in the last month", "git.log", {"author": "bob", "since": "1 month ago"}),
    ("commits between v1.0 and v2.0", "git.log", {"revision": "v1.0..v2.0"}),
    ("show commits before last week", "git.log", {"until": "last week"}),
    ("show the history of README.md one line each", "git.log", {"path": "README.md", "oneline": True}),
    ("show me what changed in the last 3 commits", "git.log", {"count": 3, "files": True}),
    ("show the log", "git.log", {}),
    ("show the last commit", "git.show", {}),
    ("what was in the latest commit", "git.show", {}),
    ("show the latest commit with its diff", "git.show", {}),
    # tracked files: rename, stop tracking, delete
    ("git mv a.py b.py", "git.move", {"source": "a.py", "destination": "b.py"}),
    ("rename a.py to b.py and stage the rename", "git.move", {"source": "a.py", "destination": "b.py"}),
    ("rename old.txt to new.txt in git", "git.move", {"source": "old.txt", "destination": "new.txt"}),
    ("move util.py to lib/ with git", "git.move", {"source": "util.py", "destination": "lib/"}),
    ("stop tracking config.json", "git.untrack", {"paths": ["config.json"]}),
    ("untrack .env", "git.untrack", {"paths": [".env"]}),
    ("remove secrets.env from git but keep it on disk", "git.untrack", {"paths": ["secrets.env"]}),
    ("remove the build folder from the repo but keep the files", "git.untrack", {"paths": ["build"]}),
    ("make git forget about notes.txt", "git.untrack", {"paths": ["notes.txt"]}),
    ("delete old.py and stage the deletion", "git.remove", {"paths": ["old.py"]}),
    ("remove old.py from the repository", "git.remove", {"paths": ["old.py"]}),
    ("delete a.txt from git and the disk", "git.remove", {"paths": ["a.txt"]}),
    # unstaging
    ("unstage a.py", "git.unstage", {"paths": ["a.py"]}),
    ("remove a.py from the staging area", "git.unstage", {"paths": ["a.py"]}),
    ("take notes.md out of the index", "git.unstage", {"paths": ["notes.md"]}),
    ("reset the index", "git.unstage", {}),
    ("unstage everything", "git.unstage", {}),
    ("unstage the file 'my notes.txt'", "git.unstage", {"paths": ["my notes.txt"]}),
    ("take everything out of the staging area", "git.unstage", {}),
    ("clear the staging area", "git.unstage", {}),
    ("undo git add", "git.unstage", {}),
    # stashes
    ("count my stashes", "git.stash_count", {}),
    ("how many entries are in the stash", "git.stash_count", {}),
    ("how many stashes do i have", "git.stash_count", {}),
    ("number of stashes", "git.stash_count", {}),
    ("list stashes", "git.stashes", {}),
    ("stash", "git.stash_push", {}),
    ("my stashes", "git.stashes", {}),
    ("show the stash list", "git.stashes", {}),
    ("what's in my stash", "git.stashes", {}),
    ("stash my changes", "git.stash_push", {}),
    ("stash my changes as 'wip login'", "git.stash_push", {"message": "wip login"}),
    ("stash everything including untracked files", "git.stash_push", {"include_untracked": True}),
    ("save my work in the stash", "git.stash_push", {}),
    ("pop the stash", "git.stash_pop", {}),
    ("pop the latest stash", "git.stash_pop", {}),
    ("apply the stash", "git.stash_pop", {"keep": True}),
    ("apply stash@{2}", "git.stash_pop", {"index": 2, "keep": True}),
    ("pop stash 1", "git.stash_pop", {"index": 1}),
    ("pop stash@{1}", "git.stash_pop", {"index": 1}),
    ("bring back my stashed changes", "git.stash_pop", {}),
    ("how many things have i stashed", "git.stash_count", {}),
    ("apply my stashed changes but keep them in the list", "git.stash_pop", {"keep": True}),
    # status
    ("short status", "git.status", {"short": True}),
    ("show git status in short format", "git.status", {"short": True}),
    ("short status with branch", "git.status", {"short": True, "branch": True}),
    ("give me a compact status", "git.status", {"short": True}),
    ("show short status with the branch", "git.status", {"short": True, "branch": True}),
    ("show the branch and status", "git.status", {}),
    ("git status please", "git.status", {}),
]


@pytest.mark.parametrize("request_text, action, args", CASES)
def test_phrasing_becomes_plan(catalog, request_text, action, args):
    plan = match(request_text, catalog.patterns)
    assert plan is not None, request_text
    assert [(c.action, dict(c.args)) for c in plan] == [(action, args)]


NOT_GIT = [
    "rename a.txt to b.txt", "delete old.py", "remove build", "restore", "show the history",
    "show my shell history", "show the last 10 lines of app.log", "how many files are in src",
    "list files", "create a folder called logs", "move a.txt to docs", "count the lines in a.py",
    "what time is it", "show the log file", "switch to the docs folder", "create a new branch",
    "rename the file", "delete the branch", "find commits.txt", "go back", "stash list.txt",
    "compare old.txt with new.txt", "show the differences between a.txt and b.txt", "show the latest log",
    "how many changes are there", "compare ./src and ./src_old", "compare /tmp/a with ~/b",
]


@pytest.mark.parametrize("request_text", NOT_GIT)
def test_other_requests_are_not_taken_for_git(catalog, request_text):
    plan = match(request_text, catalog.patterns)
    assert plan is None or not plan[0].action.startswith("git."), (request_text, plan)


def _core_cases():
    source = Path(__file__).resolve().parents[3] / "tests" / "unit" / "test_fastpath.py"
    spec = importlib.util.spec_from_file_location("_core_fastpath_cases", source)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.CASES, module.NOT_MATCHED


def test_nlsh_own_requests_keep_their_plans_with_git_loaded(catalog):
    """The git patterns run before nlsh's own: they must not take requests nlsh answers itself."""
    cases, _ = _core_cases()
    stolen = []
    for text, expected in cases:
        plan = match(text, catalog.patterns)
        if plan and plan != expected and plan[0].action.startswith("git."):
            stolen.append((text, plan))
    assert not stolen, stolen


# --- the actions these phrasings reach, against a real repository -----------------------

from nlsh.types import ExitStatus  # noqa: E402


def _ok(turn):
    assert turn.status == ExitStatus.OK, turn.message
    return turn


def test_current_branch_prints_just_the_name(repo, shell):
    assert _ok(shell.handle("which branch am i on")).output == "main"
    repo.run("switch", "-q", "--detach", "HEAD")
    assert _ok(shell.handle("print the current branch name")).output.startswith("(HEAD detached at ")


def test_create_a_branch_at_a_tag_without_switching(repo, shell):
    first = repo.run("rev-list", "--max-parents=0", "HEAD").strip()
    repo.run("tag", "v0.1", first)
    _ok(shell.handle("create branch hotfix from v0.1"))
    assert repo.run("rev-parse", "hotfix").strip() == first and repo.branch() == "main"
    _ok(shell.handle("check out a new branch called login"))
    assert repo.branch() == "login"


def test_rename_a_branch_and_the_current_one_with_undo(repo, shell):
    repo.run("branch", "old")
    _ok(shell.handle("rename branch old to new"))
    assert repo.run("branch", "--list", "old") == "" and repo.run("branch", "--list", "new").strip() == "new"
    _ok(shell.handle("rename this branch to trunk"))
    assert repo.branch() == "trunk"
    assert shell.undo().ok
    assert repo.branch() == "main"
    taken = shell.do("git.branch_rename", name="new", new_name="main")
    assert taken.status == ExitStatus.FAILED and "already exists" in taken.message
    missing = shell.do("git.branch_rename", name="nope", new_name="x")
    assert missing.status == ExitStatus.FAILED and "no branch nope" in missing.message


def test_switch_back_to_the_previous_branch(repo, shell):
    fresh = shell.do("git.switch", branch="-")
    assert fresh.status == ExitStatus.FAILED and "no branch was checked out before" in fresh.message
    repo.run("branch", "topic")
    _ok(shell.handle("switch to the topic branch"))
    _ok(shell.handle("go back to the previous branch"))
    assert repo.branch() == "main"
    _ok(shell.handle("switch to the last branch"))
    assert repo.branch() == "topic"


def test_discard_a_file_and_undo(repo, shell):
    repo.write("README.md", "# edited\n")
    _ok(shell.handle("throw away my changes to README.md"))
    assert (repo.path / "README.md").read_text() == "# demo\n"
    assert shell.undo().ok
    assert (repo.path / "README.md").read_text() == "# edited\n"


def test_clean_dry_run_lists_like_git_and_removes_nothing(repo, shell):
    repo.write("junk.tmp", "x")
    repo.write("build/out.o", "y")
    turn = _ok(shell.handle("which untracked files would be removed"))
    assert turn.output.splitlines() == ["Would remove build/", "Would remove junk.tmp"]
    assert (repo.path / "junk.tmp").exists() and not shell.confirmer.asked
    repo.run("add", "-A")
    repo.run("commit", "-q", "-m", "all")
    assert _ok(shell.handle("dry run of cleaning untracked files")).output == ""


def test_diffs_print_just_the_patch(repo, shell):
    repo.write("README.md", "# demo\nchanged\n")
    repo.write("src/app.py", "print('bye')\n")
    repo.run("add", "src/app.py")
    unstaged = _ok(shell.handle("show unstaged changes"))
    assert unstaged.output == repo.run("diff").rstrip("\n")
    staged = _ok(shell.handle("show staged changes"))
    assert staged.output == repo.run("diff", "--cached").rstrip("\n")
    everything = _ok(shell.handle("show all my uncommitted changes"))
    assert everything.output == repo.run("diff", "HEAD").rstrip("\n")
    assert "1 file changed" in unstaged.outcomes[0].data["summary"]
    one = _ok(shell.handle("show the diff of README.md"))
    assert one.output == repo.run("diff", "--", "README.md").rstrip("\n")


def test_log_oneline_graph_and_all_branches_print_like_git(repo, shell):
    repo.run("switch", "-q", "-c", "side")
    repo.commit("side work", ("side.txt", "s\n"))
    repo.run("switch", "-q", "main")
    repo.run("tag", "v1")
    oneline = _ok(shell.handle("show the last 2 commits in one line each"))
    assert oneline.output == repo.run("log", "--oneline", "--no-decorate", "-2").rstrip("\n")
    graph = _ok(shell.handle("show the commit graph"))
    assert graph.output == repo.run("log", "--graph", "--oneline", "--no-decorate", "-10").rstrip("\n")
    every = _ok(shell.handle("show the commit graph for all branches and tags"))
    assert every.output == repo.run("log", "--graph", "--oneline", "--decorate", "--all", "-10").rstrip("\n")
    assert "side work" in every.output and "tag: v1" in every.output
    by_file = _ok(shell.handle("commits touching src/app.py"))
    assert [c["subject"] for c in by_file.outcomes[0].data["commits"]] == ["add app"]


def test_git_mv_untrack_and_rm_are_staged_and_undone(repo, shell):
    _ok(shell.handle("rename README.md to INTRO.md and stage the rename"))
    assert repo.run("status", "--porcelain").strip() == "R  README.md -> INTRO.md"
    assert shell.undo().ok
    assert repo.run("status", "--porcelain").strip() == "" and (repo.path / "README.md").exists()
    turn = _ok(shell.handle("stop tracking src/app.py"))
    assert turn.output == "rm 'src/app.py'" and (repo.path / "src/app.py").exists()
    assert repo.run("status", "--porcelain").splitlines() == ["D  src/app.py", "?? src/"]
    assert shell.undo().ok and repo.run("status", "--porcelain") == ""
    _ok(shell.handle("delete README.md and stage the deletion"))
    assert not (repo.path / "README.md").exists() and repo.run("status", "--porcelain").strip() == "D  README.md"
    assert shell.undo().ok
    assert (repo.path / "README.md").read_text() == "# demo\n" and repo.run("status", "--porcelain") == ""
    untracked = shell.do("git.untrack", paths=["nothing.txt"])
    assert untracked.status == ExitStatus.FAILED and "not tracked" in untracked.message


def test_stash_count_and_apply_keeps_the_stash(repo, shell):
    assert _ok(shell.handle("count my stashes")).output == "0"
    repo.write("README.md", "# one\n")
    _ok(shell.handle("stash my changes as 'first try'"))
    assert "first try" in repo.run("stash", "list")
    assert _ok(shell.handle("how many entries are in the stash")).output == "1"
    _ok(shell.handle("apply the stash"))
    assert (repo.path / "README.md").read_text() == "# one\n"
    assert _ok(shell.handle("how many stashes do i have")).output == "1"


def test_short_status_is_gits(repo, shell):
    repo.write("README.md", "# changed\n")
    repo.write("new.txt", "n\n")
    assert _ok(shell.handle("short status")).output == repo.run("status", "--short").rstrip("\n")
    with_branch = _ok(shell.handle("short status with branch"))
    assert with_branch.output == repo.run("status", "--short", "--branch").rstrip("\n")


def test_plain_log_prints_like_git_log(repo, shell):
    turn = _ok(shell.handle("show the last 2 commits"))
    assert turn.output == repo.run("log", "--no-decorate", "-2").rstrip("\n")
    assert turn.output.startswith("commit ") and "Author: Test Person <test@example.test>" in turn.output
    by = _ok(shell.handle("commits by nobody-at-all"))
    assert by.output == "no matching commits"


def test_bad_names_and_paths_fail_clearly(repo, shell):
    outside = shell.do("git.move", source="README.md", destination="../outside.md")
    assert outside.status != ExitStatus.OK and "not in the repository" in outside.message
    untracked = shell.handle("rename notes.txt to other.txt in git")
    assert untracked.status != ExitStatus.OK and "notes.txt" in untracked.message
    option = shell.do("git.branch_rename", new_name="--force")
    assert option.status == ExitStatus.FAILED and "not a valid branch name" in option.message
    assert (repo.path / "README.md").exists() and repo.branch() == "main"
