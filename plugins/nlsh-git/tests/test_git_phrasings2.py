"""More ways people ask git for things (round 2): start points of new branches, the previous
branch, clean previews, git mv / untrack, the stash count, log and diff qualifiers, archives.
Requests that are not git's stay with nlsh's own patterns (or pass on to the model)."""

from __future__ import annotations

import pytest

import nlsh_git.plugin
from nlsh.intent.fastpath import match
from nlsh.plugins import load_catalog
from nlsh.types import ExitStatus


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(entry_points=False, extra=[("git", nlsh_git.plugin)])


CASES: list[tuple[str, str, dict]] = [
    # where a new branch starts
    ("create a new branch called X based on the current commit", "git.branch_create", {"name": "X"}),
    ("create a branch called wip starting at HEAD", "git.branch_create", {"name": "wip"}),
    ("make a new branch named spike pointing at the current commit", "git.branch_create", {"name": "spike"}),
    ("create a branch b1 off the latest commit", "git.branch_create", {"name": "b1"}),
    ("create branch fix pointing at the commit tagged v1.0", "git.branch_create", {"name": "fix", "start": "v1.0"}),
    ("create a branch named rel from the tag v2.1", "git.branch_create", {"name": "rel", "start": "v2.1"}),
    ("create a branch old-state at tag v0.9", "git.branch_create", {"name": "old-state", "start": "v0.9"}),
    ("make a branch hotfix based on the commit tagged 'v1.2.3'", "git.branch_create",
     {"name": "hotfix", "start": "v1.2.3"}),
    ("create a branch hotfix at commit abc123", "git.branch_create", {"name": "hotfix", "start": "abc123"}),
    ("create a new branch called review starting from commit 9fceb02", "git.branch_create",
     {"name": "review", "start": "9fceb02"}),
    ("create a branch hotfix off branch dev", "git.branch_create", {"name": "hotfix", "start": "dev"}),
    ("create a new branch feature based on the main branch", "git.branch_create", {"name": "feature", "start": "main"}),
    ("create a new branch called docs based off of develop", "git.branch_create", {"name": "docs", "start": "develop"}),
    ("create a branch named exp that points to commit 1a2b3c4", "git.branch_create",
     {"name": "exp", "start": "1a2b3c4"}),
    ("create a new branch called X based on the current commit and switch to it", "git.branch_create",
     {"name": "X", "switch": True}),
    ("create a branch topic from the tag v3 and check it out", "git.branch_create",
     {"name": "topic", "start": "v3", "switch": True}),
    ("branch off main into a new branch called topic", "git.branch_create", {"name": "topic", "start": "main"}),
    ("create a new branch named feature-login from the current HEAD", "git.branch_create", {"name": "feature-login"}),
    ("make a new branch release at the v1.0 tag", "git.branch_create", {"name": "release", "start": "v1.0"}),
    # the previous branch
    ("switch to the previously checked out branch", "git.switch", {"branch": "-"}),
    ("check out the previously checked-out branch", "git.switch", {"branch": "-"}),
    ("go back to the last branch I used", "git.switch", {"branch": "-"}),
    ("switch to the branch I was on before", "git.switch", {"branch": "-"}),
    ("return to the branch i was previously on", "git.switch", {"branch": "-"}),
    ("switch back to the previous branch", "git.switch", {"branch": "-"}),
    ("go back to my previous git branch", "git.switch", {"branch": "-"}),
    ("switch to the branch I had checked out before", "git.switch", {"branch": "-"}),
    ("switch back", "git.switch", {"branch": "-"}),
    ("switch back to the last branch", "git.switch", {"branch": "-"}),
    # previewing a clean-up
    ("which untracked files would be deleted by git clean, without actually deleting them", "git.clean_dry_run", {}),
    ("which untracked files would be removed without deleting anything", "git.clean_dry_run", {}),
    ("show which untracked files a clean-up would remove", "git.clean_dry_run", {}),
    ("what would git clean delete", "git.clean_dry_run", {}),
    ("dry run of git clean", "git.clean_dry_run", {}),
    ("what untracked files would git clean remove", "git.clean_dry_run", {}),
    ("list the files git clean would remove without removing them", "git.clean_dry_run", {}),
    ("show me what git clean would delete but don't delete anything", "git.clean_dry_run", {}),
    ("preview git clean", "git.clean_dry_run", {}),
    ("what would a clean-up of the untracked files delete", "git.clean_dry_run", {}),
    ("which files would git clean remove, without removing them", "git.clean_dry_run", {}),
    ("do a dry run of git clean", "git.clean_dry_run", {}),
    ("what would be removed if i ran git clean", "git.clean_dry_run", {}),
    ("simulate git clean", "git.clean_dry_run", {}),
    # git mv
    ("rename a.py to b.py and stage the rename", "git.move", {"source": "a.py", "destination": "b.py"}),
    ("move a.py to b.py and add the renaming to the next commit", "git.move",
     {"source": "a.py", "destination": "b.py"}),
    ("rename a.py to b.py so that git tracks the rename", "git.move", {"source": "a.py", "destination": "b.py"}),
    ("rename a.py to b.py in the repository", "git.move", {"source": "a.py", "destination": "b.py"}),
    ("rename notes.md to NOTES.md in the git repo", "git.move", {"source": "notes.md", "destination": "NOTES.md"}),
    ("move old.txt to new.txt and record the rename", "git.move", {"source": "old.txt", "destination": "new.txt"}),
    ("rename a.py to b.py and record the rename in git", "git.move", {"source": "a.py", "destination": "b.py"}),
    ("rename a.py to b.py so git knows about the rename", "git.move", {"source": "a.py", "destination": "b.py"}),
    ("rename a.py to b.py, staging the rename", "git.move", {"source": "a.py", "destination": "b.py"}),
    ("use git to rename a.py to b.py", "git.move", {"source": "a.py", "destination": "b.py"}),
    ("rename a.py to b.py using git mv", "git.move", {"source": "a.py", "destination": "b.py"}),
    ("move src/util.py into lib/ and stage the move", "git.move", {"source": "src/util.py", "destination": "lib/"}),
    ("rename a.py to b.py and add the rename to the index", "git.move", {"source": "a.py", "destination": "b.py"}),
    ("rename a.py to b.py so the rename is staged", "git.move", {"source": "a.py", "destination": "b.py"}),
    # untracking
    ("remove a.txt from the index but keep it on disk", "git.untrack", {"paths": ["a.txt"]}),
    ("remove config.json from version control but keep it locally", "git.untrack", {"paths": ["config.json"]}),
    ("remove .env from the repository's index but leave it untouched", "git.untrack", {"paths": [".env"]}),
    ("remove .env from git but keep it in the working tree", "git.untrack", {"paths": [".env"]}),
    ("remove secrets.txt from version control", "git.untrack", {"paths": ["secrets.txt"]}),
    ("unversion notes.txt", "git.untrack", {"paths": ["notes.txt"]}),
    ("stop tracking build/ but keep it", "git.untrack", {"paths": ["build/"]}),
    ("stop tracking app.log but leave the file on disk", "git.untrack", {"paths": ["app.log"]}),
    ("delete .idea from the git index but keep the local copy", "git.untrack", {"paths": [".idea"]}),
    ("remove db.sqlite from git but keep it intact locally", "git.untrack", {"paths": ["db.sqlite"]}),
    ("stop git from tracking out.txt", "git.untrack", {"paths": ["out.txt"]}),
    ("remove a.txt from the repo without deleting it", "git.untrack", {"paths": ["a.txt"]}),
    ("remove x.bin from the index while keeping it in the working tree", "git.untrack", {"paths": ["x.bin"]}),
    # the stash count
    ("the number of entries currently stashed away", "git.stash_count", {}),
    ("how many things are in the stash", "git.stash_count", {}),
    ("stash size", "git.stash_count", {}),
    ("what's the number of items stashed", "git.stash_count", {}),
    ("how many items are stashed", "git.stash_count", {}),
    ("count the entries in the stash", "git.stash_count", {}),
    ("how big is the stash", "git.stash_count", {}),
    ("show the number of stash entries", "git.stash_count", {}),
    ("tell me how many stashes there are", "git.stash_count", {}),
    ("how many entries does the stash have", "git.stash_count", {}),
    ("how many changes are currently stashed away", "git.stash_count", {}),
    ("the size of the stash list", "git.stash_count", {}),
    # log variants
    ("show the log using only the first line of each commit message", "git.log", {"oneline": True}),
    ("show commits one line per commit", "git.log", {"oneline": True}),
    ("show commit subjects only", "git.log", {"oneline": True}),
    ("list the last 5 commits, subjects only", "git.log", {"count": 5, "oneline": True}),
    ("compact log", "git.log", {"oneline": True}),
    ("show the commit log of the current branch", "git.log", {}),
    ("list the commits in the current branch", "git.log", {}),
    ("show the history of this branch", "git.log", {}),
    ("show the log of all branches", "git.log", {"all_branches": True}),
    ("show the history of the entire repo", "git.log", {"all_branches": True}),
    ("show the commits of all branches and tags", "git.log", {"all_branches": True}),
    ("log of the whole repository as a graph", "git.log", {"all_branches": True, "graph": True}),
    ("show commits from all tags", "git.log", {"all_branches": True}),
    ("log as a graph", "git.log", {"graph": True}),
    ("graph of commits", "git.log", {"graph": True}),
    ("show the commits as a graph with one line each", "git.log", {"graph": True, "oneline": True}),
    ("last 5 commits by alice", "git.log", {"count": 5, "author": "alice"}),
    ("commits from bob in the last week", "git.log", {"author": "bob", "since": "1 week ago"}),
    ("show the last 3 commits by 'Jane Doe' with only the first line of the message", "git.log",
     {"count": 3, "author": "Jane Doe", "oneline": True}),
    ("show the commit history on one line each", "git.log", {"oneline": True}),
    ("show bob's commits", "git.log", {"author": "bob"}),
    ("list alice's last 5 commits", "git.log", {"author": "alice", "count": 5}),
    ("who made the last commit", "git.log", {"count": 1}),
    ("show the author of the latest commit", "git.log", {"count": 1}),
    ("who authored the most recent commit", "git.log", {"count": 1}),
    ("who committed last", "git.log", {"count": 1}),
    ("who made the last commit to src/app.py", "git.log", {"count": 1, "path": "src/app.py"}),
    # diff variants
    ("show all uncommitted changes (staged and unstaged)", "git.diff", {"base": "HEAD"}),
    ("show all uncommitted changes, both staged and unstaged", "git.diff", {"base": "HEAD"}),
    ("show changes including staged ones", "git.diff", {"base": "HEAD"}),
    ("show all my changes, including the staged ones", "git.diff", {"base": "HEAD"}),
    ("what I've staged", "git.diff", {"staged": True}),
    ("show everything I haven't committed", "git.diff", {"base": "HEAD"}),
    ("diff HEAD", "git.diff", {"base": "HEAD"}),
    ("what changed in a.py compared to HEAD", "git.diff", {"base": "HEAD", "path": "a.py"}),
    ("show what I have staged so far", "git.diff", {"staged": True}),
    ("diff of a.py against HEAD", "git.diff", {"base": "HEAD", "path": "a.py"}),
    ("diff a.py against HEAD", "git.diff", {"base": "HEAD", "path": "a.py"}),
    ("compare src/app.py with the last commit", "git.diff", {"base": "HEAD", "path": "src/app.py"}),
    ("show the changes in a.py since the last commit", "git.diff", {"base": "HEAD", "path": "a.py"}),
    ("diff README.md against main", "git.diff", {"base": "main", "path": "README.md"}),
    ("show the diff of a.py compared to the develop branch", "git.diff", {"base": "develop", "path": "a.py"}),
    ("show uncommitted changes to a.py (staged and unstaged)", "git.diff", {"base": "HEAD", "path": "a.py"}),
    # archives of a commit or branch
    ("export the main branch as release.tar", "git.archive", {"revision": "main", "output": "release.tar"}),
    ("create a zip of the latest commit", "git.archive", {"format": "zip"}),
    ("make a zip archive of HEAD called snapshot.zip", "git.archive", {"output": "snapshot.zip"}),
    ("archive the tag v1.0 into v1.0.tar.gz", "git.archive", {"revision": "v1.0", "output": "v1.0.tar.gz"}),
    ("create a tarball of the develop branch named dev.tar", "git.archive",
     {"revision": "develop", "output": "dev.tar"}),
    ("git archive main to out/main.zip", "git.archive", {"revision": "main", "output": "out/main.zip"}),
    ("export the current commit to code.zip", "git.archive", {"output": "code.zip"}),
    ("save commit abc123 as a zip file called old.zip", "git.archive", {"revision": "abc123", "output": "old.zip"}),
    ("create a tar archive of the repository at HEAD", "git.archive", {"format": "tar"}),
    ("zip up the main branch", "git.archive", {"revision": "main", "format": "zip"}),
    ("package the v2.0 tag as a tarball", "git.archive", {"revision": "v2.0", "format": "tar.gz"}),
    ("git archive -o out.zip HEAD", "git.archive", {"output": "out.zip"}),
]


@pytest.mark.parametrize("request_text, action, args", CASES)
def test_phrasing_becomes_plan(catalog, request_text, action, args):
    plan = match(request_text, catalog.patterns)
    assert plan is not None, request_text
    assert [(c.action, dict(c.args)) for c in plan] == [(action, args)]


NOT_GIT = [
    "rename a.txt to b.txt", "move a.txt to b.txt", "rename report.txt to final.txt in the docs folder",
    "move a.txt into the repo folder", "create a zip of the docs folder", "compress src into src.tar.gz",
    "create a tarball of src", "how big is the docs folder", "what is the size of data.csv",
    "go back to the previous directory", "switch to the previous folder", "count the lines in stash.txt",
    "remove a.txt but keep a backup", "delete old.log", "show the first line of each file",
    "export the table as csv", "show the first line of notes.txt", "which files would be deleted",
    "remove the empty lines from a.txt", "archive the logs folder", "zip the build folder",
    "create a tarball of the project", "show changes in a.py since yesterday", "show last week's commits",
    "compare a.py to b.py", "diff a.py and b.py", "how big is the stash.txt file", "stop tracking time",
    "export the commit log to log.zip",
]


@pytest.mark.parametrize("request_text", NOT_GIT)
def test_other_requests_are_not_taken_for_git(catalog, request_text):
    plan = match(request_text, catalog.patterns)
    assert plan is None or not plan[0].action.startswith("git."), (request_text, plan)


def _ok(turn):
    assert turn.status == ExitStatus.OK, turn.message
    return turn


# --- the actions these phrasings reach, against a real repository -----------------------


def test_branch_at_a_tagged_commit_and_back_to_the_previous_branch(repo, shell):
    first = repo.run("rev-list", "--max-parents=0", "HEAD").strip()
    repo.run("tag", "v0.1", first)
    _ok(shell.handle("create branch fix pointing at the commit tagged v0.1"))
    assert repo.run("rev-parse", "fix").strip() == first and repo.branch() == "main"
    _ok(shell.handle("create a new branch called snap based on the current commit"))
    assert repo.run("rev-parse", "snap").strip() == repo.head() and repo.branch() == "main"
    repo.run("switch", "-q", "fix")
    _ok(shell.handle("switch to the previously checked out branch"))
    assert repo.branch() == "main"


def test_clean_preview_without_deleting_and_untrack_from_the_index(repo, shell):
    repo.write("junk.tmp", "x\n")
    preview = _ok(shell.handle("which untracked files would be deleted by git clean, without actually deleting them"))
    assert preview.output == "Would remove junk.tmp" and (repo.path / "junk.tmp").exists()
    _ok(shell.handle("remove README.md from the index but keep it on disk"))
    assert repo.run("status", "--porcelain").splitlines()[0] == "D  README.md"
    assert (repo.path / "README.md").read_text() == "# demo\n"


def test_stash_size_log_subjects_and_the_last_author(repo, shell):
    assert _ok(shell.handle("stash size")).output == "0"
    subjects = _ok(shell.handle("show the log using only the first line of each commit message"))
    assert subjects.output == repo.run("log", "--oneline", "--no-decorate", "-10").rstrip("\n")
    who = _ok(shell.handle("who made the last commit"))
    assert who.output == repo.run("log", "--no-decorate", "-1").rstrip("\n") and "Author: Test Person" in who.output


def test_a_file_diffed_against_head_includes_staged_changes(repo, shell):
    repo.write("src/app.py", "print('staged')\n")
    repo.run("add", "src/app.py")
    repo.write("src/app.py", "print('both')\n")
    turn = _ok(shell.handle("diff of src/app.py against HEAD"))
    assert turn.output == repo.run("diff", "HEAD", "--", "src/app.py").rstrip("\n")
    assert "-print('hi')" in turn.output and "+print('both')" in turn.output


def test_archive_a_branch_as_zip_and_tar(repo, shell):
    import tarfile
    import zipfile

    repo.write("untracked.txt", "not committed\n")
    _ok(shell.handle("export the main branch as release.zip"))
    with zipfile.ZipFile(repo.path / "release.zip") as z:
        assert sorted(z.namelist()) == ["README.md", "src/", "src/app.py"]
        assert z.read("src/app.py") == b"print('hi')\n"
    first = repo.run("rev-list", "--max-parents=0", "HEAD").strip()
    repo.run("tag", "v0.1", first)
    _ok(shell.handle("archive the tag v0.1 into old.tar.gz"))
    with tarfile.open(repo.path / "old.tar.gz") as t:
        assert sorted(t.getnames()) == ["README.md"]


def test_archive_refuses_outside_the_workspace_existing_files_and_unknown_revisions(repo, shell):
    outside = shell.do("git.archive", output="../outside.zip")
    assert outside.status != ExitStatus.OK and "outside the workspace" in outside.message
    assert not (repo.path.parent / "outside.zip").exists()
    repo.write("taken.zip", "mine\n")
    taken = shell.handle("export the main branch as taken.zip")
    assert taken.status != ExitStatus.OK and "already exists" in taken.message
    assert (repo.path / "taken.zip").read_text() == "mine\n"
    unknown = shell.handle("export the nosuch branch as x.zip")
    assert unknown.status != ExitStatus.OK and "no commit named nosuch" in unknown.message
    odd = shell.do("git.archive", output="x.rar")
    assert odd.status != ExitStatus.OK and ".zip" in odd.message
