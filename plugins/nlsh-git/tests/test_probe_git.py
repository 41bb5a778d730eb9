"""Round 3 probe: fresh requests for git, phrased as different people would type them
(terse, formal, chatty, man-page style), each with the plan it must become; and the actions
added for them (tracked files, commit counts, shortlog, describe, the configured identity,
revert, cherry-pick, tag / stash drop, stash show, init), run against a real repository."""

from __future__ import annotations

import pytest

import nlsh_git.plugin
from nlsh.intent.fastpath import match
from nlsh.plugins import load_catalog
from nlsh.types import ExitStatus


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(entry_points=False, extra=[("git", nlsh_git.plugin)])


PROBE: list[tuple[str, str | None, dict | None]] = [
    ("what's the state of my repo", 'git.status', {}),
    ('show me the working tree status', 'git.status', {}),
    ('any uncommitted changes?', 'git.status', {}),
    ('short status please', 'git.status', {'short': True}),
    ('Display the status of the repository in short format', 'git.status', {'short': True}),
    ('which files have I modified', 'git.status', {}),
    ('list untracked files', 'git.ls_files', {'untracked': True}),
    ('stage app.py', 'git.add', {'paths': ['app.py']}),
    ('add README.md to the staging area', 'git.add', {'paths': ['README.md']}),
    ('stage everything', 'git.add', {}),
    ('add all changes to the index', 'git.add', {}),
    ('git add all the files', 'git.add', {}),
    ('stage src/main.c and src/util.c', 'git.add', {'paths': ['src/main.c', 'src/util.c']}),
    ("add 'my notes.txt' to git", 'git.add', {'paths': ['my notes.txt']}),
    ("commit with message 'fix typo'", 'git.commit', {'message': 'fix typo'}),
    ('commit everything with the message "wip"', 'git.commit', {'message': 'wip', 'all_changes': True}),
    ("commit all changes saying 'update docs'", 'git.commit', {'message': 'update docs', 'all_changes': True}),
    ("make a commit with message 'initial import'", 'git.commit', {'message': 'initial import'}),
    ('Create a commit titled "Add tests"', 'git.commit', {'message': 'Add tests'}),
    ("commit -m 'bump version'", 'git.commit', {'message': 'bump version'}),
    ("commit the staged changes with message 'refactor'", 'git.commit', {'message': 'refactor'}),
    ('amend the last commit', 'git.amend', {}),
    ("change the last commit message to 'better words'", 'git.amend', {'message': 'better words'}),
    ("amend the previous commit with message 'fixed'", 'git.amend', {'message': 'fixed'}),
    ('show the last 5 commits', 'git.log', {'count': 5}),
    ('git log oneline', 'git.log', {'oneline': True}),
    ('commits by alice', 'git.log', {'author': 'alice'}),
    ('show commits from the last two weeks', 'git.log', {'since': '2 weeks ago'}),
    ('log of src/app.py', 'git.log', {'path': 'src/app.py'}),
    ('show the commit graph for all branches', 'git.log', {'graph': True, 'all_branches': True}),
    ('Show the history of the file setup.py', 'git.log', {'path': 'setup.py'}),
    ('list commits since yesterday', 'git.log', {'since': 'yesterday'}),
    ('show the last 3 commits with stats', 'git.log', {'count': 3, 'files': True}),
    ('what commits touched README.md', 'git.log', {'path': 'README.md'}),
    ('show me 10 commits in one line each', 'git.log', {'count': 10, 'oneline': True}),
    ('show the last commit', 'git.show', {}),
    ('show commit abc1234', 'git.show', {'revision': 'abc1234'}),
    ('what changed in commit 9fceb02', 'git.show', {'revision': '9fceb02'}),
    ('show me the details of commit deadbeef', 'git.show', {'revision': 'deadbeef'}),
    ('show README.md as it was in HEAD~2', 'git.show_file', {'path': 'README.md', 'revision': 'HEAD~2'}),
    ('print the version of config.yml on the main branch', 'git.show_file', {'path': 'config.yml', 'revision': 'main'}),
    ('show staged changes', 'git.diff', {'staged': True}),
    ('diff between main and develop', 'git.diff', {'base': 'main', 'target': 'develop'}),
    ("what's different between branch main and feature", 'git.diff', {'base': 'main', 'target': 'feature'}),
    ('diff app.py', 'git.diff', {'path': 'app.py'}),
    ('show unstaged changes', 'git.diff', {}),
    ('what did I change in utils.py', 'git.diff', {'path': 'utils.py'}),
    ('diff against HEAD', 'git.diff', {'base': 'HEAD'}),
    ('list branches', 'git.branches', {}),
    ('show all branches including remote ones', 'git.branches', {'remote': True}),
    ('list remote branches', 'git.branches', {'remote': True}),
    ('create a branch named feature/login', 'git.branch_create', {'name': 'feature/login'}),
    ('create and switch to a new branch bugfix', 'git.branch_create', {'name': 'bugfix', 'switch': True}),
    ('delete the branch old-feature', 'git.branch_delete', {'name': 'old-feature'}),
    ('force delete branch experiment', 'git.branch_force_delete', {'name': 'experiment'}),
    ('rename branch master to main', 'git.branch_rename', {'name': 'master', 'new_name': 'main'}),
    ('rename the current branch to trunk', 'git.branch_rename', {'new_name': 'trunk'}),
    ('what branch am I on?', 'git.current_branch', {}),
    ('show the name of the current branch', 'git.current_branch', {}),
    ('switch to branch develop', 'git.switch', {'branch': 'develop'}),
    ('checkout main', 'git.switch', {'branch': 'main'}),
    ('go to the develop branch', 'git.switch', {'branch': 'develop'}),
    ('switch to the previous branch', 'git.switch', {'branch': '-'}),
    ('merge develop into the current branch', 'git.merge', {'branch': 'develop'}),
    ('merge branch feature-x', 'git.merge', {'branch': 'feature-x'}),
    ('merge main with no fast forward', 'git.merge', {'branch': 'main', 'no_ff': True}),
    ('abort the merge', 'git.merge_abort', {}),
    ('stash my changes', 'git.stash_push', {}),
    ("stash changes with message 'half done'", 'git.stash_push', {'message': 'half done'}),
    ('stash including untracked files', 'git.stash_push', {'include_untracked': True}),
    ('list stashes', 'git.stashes', {}),
    ('pop the stash', 'git.stash_pop', {}),
    ('apply the latest stash', 'git.stash_pop', {'keep': True}),
    ('apply stash 2', 'git.stash_pop', {'index': 2, 'keep': True}),
    ('how many stashes do I have', 'git.stash_count', {}),
    ('list tags', 'git.tags', {}),
    ('show all git tags', 'git.tags', {}),
    ('tag the current commit as v1.0', 'git.tag_create', {'name': 'v1.0'}),
    ('create tag v2.0', 'git.tag_create', {'name': 'v2.0'}),
    ("create an annotated tag v1.1 with message 'release 1.1'", 'git.tag_create', {'name': 'v1.1', 'message': 'release 1.1'}),
    ('list remotes', 'git.remotes', {}),
    ('show remote urls', 'git.remotes', {}),
    ('what is the url of origin', 'git.remotes', {}),
    ('fetch from origin', 'git.fetch', {'remote': 'origin'}),
    ('fetch', 'git.fetch', {}),
    ('pull the latest changes', 'git.pull', {}),
    ('pull from upstream', 'git.pull', {'remote': 'upstream'}),
    ('push my commits', 'git.push', {}),
    ('push to origin', 'git.push', {'remote': 'origin'}),
    ('force push', 'git.push_force', {}),
    ('clone https://github.com/user/repo.git', 'git.clone', {'url': 'https://github.com/user/repo.git'}),
    ('clone https://example.com/x.git into vendor/x', 'git.clone', {'url': 'https://example.com/x.git', 'destination': 'vendor/x'}),
    ('unstage app.py', 'git.unstage', {'paths': ['app.py']}),
    ('unstage everything', 'git.unstage', {}),
    ('discard changes to main.py', 'git.discard', {'paths': ['main.py']}),
    ('restore config.json', 'git.discard', {'paths': ['config.json']}),
    ('throw away all local changes', 'git.reset_hard', {}),
    ('hard reset to origin/main', 'git.reset_hard', {'revision': 'origin/main'}),
    ('undo the last commit but keep the changes', 'git.uncommit', {}),
    ('blame src/app.py', 'git.blame', {'path': 'src/app.py'}),
    ('who wrote line 42 of main.go', 'git.blame', {'path': 'main.go', 'start': 42, 'end': 42}),
    ('show who changed each line of utils.py', 'git.blame', {'path': 'utils.py'}),
    ('remove untracked files', 'git.clean', {}),
    ('what would git clean remove', 'git.clean_dry_run', {}),
    ('git rm old.txt', 'git.remove', {'paths': ['old.txt']}),
    ('git mv a.txt b.txt', 'git.move', {'source': 'a.txt', 'destination': 'b.txt'}),
    ('stop tracking secrets.env but keep the file', 'git.untrack', {'paths': ['secrets.env']}),
    ('initialize a git repository here', 'git.init', {}),
    ('git init in a new folder called proj', 'git.init', {'path': 'proj'}),
    ('revert commit abc123', 'git.revert', {'revision': 'abc123'}),
    ('cherry-pick commit 4f2a9c1', 'git.cherry_pick', {'revision': '4f2a9c1'}),
    ('delete the tag v0.9', 'git.tag_delete', {'name': 'v0.9'}),
    ('what is my git user name', 'git.config_get', {'key': 'user.name'}),
    ('show my git email', 'git.config_get', {'key': 'user.email'}),
    ('count the commits', 'git.commit_count', {}),
    ('how many commits are there on this branch', 'git.commit_count', {}),
    ('commits per author', 'git.shortlog', {}),
    ('list tracked files', 'git.ls_files', {}),
    ('which files does git track', 'git.ls_files', {}),
    ('describe the current commit', 'git.describe', {}),
    ('drop the last stash', 'git.stash_drop', {}),
    ('show the contents of the latest stash', 'git.stash_show', {}),
    ('add a remote called upstream pointing to https://github.com/o/r.git', 'git.remote_add', {'name': 'upstream', 'url': 'https://github.com/o/r.git'}),
    ('rebase onto main', None, None),
    ('soft reset to HEAD~1', 'git.uncommit', {}),
]

# more ways to ask for the actions added with the probe
MORE: list[tuple[str, str, dict]] = [
    ("show the files tracked by git", "git.ls_files", {}),
    ("list all git-tracked files in src", "git.ls_files", {"path": "src"}),
    ("what files are under version control", "git.ls_files", {}),
    ("git ls-files", "git.ls_files", {}),
    ("which files are not tracked yet", "git.ls_files", {"untracked": True}),
    ("show untracked files in docs", "git.ls_files", {"untracked": True, "path": "docs"}),
    ("how many commits by alice", "git.commit_count", {"author": "alice"}),
    ("number of commits on the develop branch", "git.commit_count", {"revision": "develop"}),
    ("count commits on all branches", "git.commit_count", {"all_branches": True}),
    ("how many commits has bob made", "git.commit_count", {"author": "bob"}),
    ("commit count", "git.commit_count", {}),
    ("how many commits does this repo have", "git.commit_count", {}),
    ("number of commits per author", "git.shortlog", {}),
    ("who has made the most commits", "git.shortlog", {}),
    ("list the contributors ranked by number of commits", "git.shortlog", {}),
    ("git shortlog -sn", "git.shortlog", {}),
    ("git describe --tags", "git.describe", {}),
    ("describe HEAD with the nearest tag", "git.describe", {}),
    ("what's my git email address", "git.config_get", {"key": "user.email"}),
    ("which email am I committing as", "git.config_get", {"key": "user.email"}),
    ("print the user.name from the git config", "git.config_get", {"key": "user.name"}),
    ("which name does git use", "git.config_get", {"key": "user.name"}),
    ("git revert 1a2b3c4", "git.revert", {"revision": "1a2b3c4"}),
    ("back out commit deadbeef with a new commit", "git.revert", {"revision": "deadbeef"}),
    ("revert the last commit with a new commit", "git.revert", {"revision": "HEAD"}),
    ("create a commit that reverts abc1234", "git.revert", {"revision": "abc1234"}),
    ("cherry pick 4f2a9c1 onto this branch", "git.cherry_pick", {"revision": "4f2a9c1"}),
    ("copy commit abc1234 from the dev branch to the current branch", "git.cherry_pick", {"revision": "abc1234"}),
    ("cherry-pick the latest commit from feature", "git.cherry_pick", {"revision": "feature"}),
    ("remove tag v1.0-rc1", "git.tag_delete", {"name": "v1.0-rc1"}),
    ("delete the v2.3 tag", "git.tag_delete", {"name": "v2.3"}),
    ("git tag -d beta-1", "git.tag_delete", {"name": "beta-1"}),
    ("drop stash@{2}", "git.stash_drop", {"index": 2}),
    ("delete stash 1", "git.stash_drop", {"index": 1}),
    ("throw away the latest stash without applying it", "git.stash_drop", {}),
    ("what's in the latest stash", "git.stash_show", {}),
    ("show stash@{1}", "git.stash_show", {"index": 1}),
    ("show the files in the last stash as a summary", "git.stash_show", {"patch": False}),
    ("git init", "git.init", {}),
    ("initialize a new git repository in a folder called newrepo", "git.init", {"path": "newrepo"}),
    ("make a new git repository called proj", "git.init", {"path": "proj"}),
    ("git init newrepo", "git.init", {"path": "newrepo"}),
    ("create a new git repository in the folder myproj", "git.init", {"path": "myproj"}),
    ("turn this folder into a git repo", "git.init", {}),
    ("set up git here", "git.init", {}),
    ("show all branches, local and remote", "git.branches", {"remote": True}),
    ("git branch -a", "git.branches", {"remote": True}),
    ("how does main differ from the develop branch", "git.diff", {"base": "main", "target": "develop"}),
    ("make a commit of all changes with message 'sync'", "git.commit", {"message": "sync", "all_changes": True}),
    ("show the log with the files each commit changed", "git.log", {"files": True}),
    ("show me the diff of commit abc1234", "git.show", {"revision": "abc1234"}),
    ("what did commit HEAD~2 change", "git.show", {"revision": "HEAD~2"}),
    ("cat setup.cfg from the v1.0 tag", "git.show_file", {"path": "setup.cfg", "revision": "v1.0"}),
    ("tag the current commit as v3.0 with the message 'third'", "git.tag_create", {"name": "v3.0", "message": "third"}),
    ("who last modified each line in lib/util.js", "git.blame", {"path": "lib/util.js"}),
    ("is the repo clean", "git.status", {}),
    ("is my working tree dirty", "git.status", {}),
    ("Lists every file tracked in the repository", "git.ls_files", {}),
    ("make this directory a git repository", "git.init", {}),
    ("what's the diff between HEAD and main", "git.diff", {"base": "HEAD", "target": "main"}),
    ("list the last 4 commits along with the changed files", "git.log", {"count": 4, "files": True}),
    ("print the file app.js from commit abc1234", "git.show_file", {"path": "app.js", "revision": "abc1234"}),
    ("Prints the number of commits in the current branch", "git.commit_count", {}),
    ("add git@github.com:me/fork.git as a remote named mine", "git.remote_add",
     {"name": "mine", "url": "git@github.com:me/fork.git"}),
    ("git remote add upstream https://example.com/u.git", "git.remote_add",
     {"name": "upstream", "url": "https://example.com/u.git"}),
]


@pytest.mark.parametrize("request_text, action, args", [*PROBE, *MORE])
def test_probe_request_becomes_plan(catalog, request_text, action, args):
    plan = match(request_text, catalog.patterns)
    if action is None:
        assert plan is None or not plan[0].action.startswith("git."), (request_text, plan)
        return
    assert plan is not None, request_text
    assert [(c.action, dict(c.args)) for c in plan] == [(action, args)]


NOT_GIT = [
    "describe", "initialize", "what is my user name", "which files were modified", "show modified files",
    "show the author of song.mp3", "delete the html tag", "remove the latest tag", "count the lines in commits.txt",
    "show the status of nginx", "show the version of python", "what's different between a.txt and b.txt",
    "remove the tag from photo.jpg", "show the url of the website", "list new files", "is the disk clean",
    "show the contents of stash.txt", "initialize a new python project", "drop the database", "print my email",
    "show the number of commits in the log file", "clear the stash.txt file",
]


@pytest.mark.parametrize("request_text", NOT_GIT)
def test_other_requests_are_not_taken_for_git(catalog, request_text):
    plan = match(request_text, catalog.patterns)
    assert plan is None or not plan[0].action.startswith("git."), (request_text, plan)


def _ok(turn):
    assert turn.status == ExitStatus.OK, turn.message
    return turn


# --- the new actions, against a real repository -------------------------------------------


def test_tracked_and_untracked_files_print_as_git_ls_files(repo, shell):
    repo.write("notes.txt", "x\n")
    repo.write(".gitignore", "*.log\n")
    repo.write("debug.log", "x\n")
    assert _ok(shell.handle("list tracked files")).output == repo.run("ls-files").rstrip("\n")
    assert _ok(shell.handle("list untracked files")).output == repo.run(
        "ls-files", "--others", "--exclude-standard").rstrip("\n")
    assert _ok(shell.handle("show the files tracked by git in src")).output == "src/app.py"


def test_counts_shortlog_describe_and_identity(repo, shell):
    assert _ok(shell.handle("how many commits are there")).output == "2"
    assert _ok(shell.handle("how many commits by nobody-at-all")).output == "0"
    assert _ok(shell.handle("commits per author")).output == repo.run("shortlog", "-sn", "HEAD").rstrip("\n")
    repo.run("tag", "v0.1", "HEAD~1")
    assert _ok(shell.handle("describe the current commit")).output == "v0.1-1-g" + repo.head()[:7]
    assert _ok(shell.handle("what is my git user name")).output == "Home Person"
    assert _ok(shell.handle("show my git email")).output == "home@example.test"
    odd = shell.do("git.config_get", key="credential.helper")
    assert odd.status != ExitStatus.OK and "not a setting" in odd.message


def test_revert_and_cherry_pick_make_one_commit_each_and_undo(repo, shell):
    added = repo.head()
    before = repo.head()
    _ok(shell.handle(f"revert commit {added[:7]}"))
    assert not (repo.path / "src/app.py").exists() and repo.run("rev-parse", "HEAD~1").strip() == before
    assert shell.undo().ok
    assert repo.head() == before
    repo.run("checkout", "-q", "--", ".")
    repo.run("switch", "-q", "-c", "side")
    side = repo.commit("side work", ("side.txt", "s\n"))
    repo.run("switch", "-q", "main")
    _ok(shell.handle(f"cherry-pick commit {side[:7]}"))
    assert (repo.path / "side.txt").read_text() == "s\n" and repo.run("log", "-1", "--format=%s").strip() == "side work"


def test_revert_refuses_with_local_changes(repo, shell):
    repo.write("README.md", "changed\n")
    turn = shell.handle(f"revert commit {repo.head()[:7]}")
    assert turn.status != ExitStatus.OK and "uncommitted changes" in turn.message
    assert (repo.path / "README.md").read_text() == "changed\n"


def test_tag_delete_and_stash_drop_can_be_undone(repo, shell):
    repo.run("tag", "-a", "-m", "one", "v1.0")
    obj = repo.run("rev-parse", "refs/tags/v1.0").strip()
    assert _ok(shell.handle("delete the tag v1.0")).output == f"Deleted tag 'v1.0' (was {obj[:7]})"
    assert not repo.run("tag", "-l").strip()
    assert shell.undo().ok
    assert repo.run("rev-parse", "refs/tags/v1.0").strip() == obj
    missing = shell.handle("delete the tag v9.9")
    assert missing.status != ExitStatus.OK and "no tag v9.9" in missing.message
    repo.write("README.md", "stashed\n")
    repo.run("stash", "push", "-q", "-m", "keep me")
    shown = _ok(shell.handle("show the contents of the latest stash"))
    assert "+stashed" in shown.output
    _ok(shell.handle("drop the last stash"))
    assert repo.run("stash", "list").strip() == ""
    assert shell.undo().ok
    assert "keep me" in repo.run("stash", "list")


def test_remote_add_and_undo(repo, shell):
    turn = _ok(shell.handle("add a remote called upstream pointing to https://example.com/up.git"))
    assert turn.output == "upstream  https://example.com/up.git"
    assert repo.run("remote", "get-url", "upstream").strip() == "https://example.com/up.git"
    again = shell.handle("add a remote called upstream pointing to https://example.com/other.git")
    assert again.status != ExitStatus.OK and "already exists" in again.message
    assert shell.undo().ok
    assert repo.run("remote").strip() == ""
    odd = shell.do("git.remote_add", name="--evil", url="https://x.test/r.git")
    assert odd.status != ExitStatus.OK and "not a remote name" in odd.message


def test_init_here_and_in_a_new_folder(workspace, shell):
    _ok(shell.handle("git init in a new folder called proj"))
    assert (workspace / "proj" / ".git").is_dir()
    again = shell.handle("initialize a git repository in proj")
    assert again.status != ExitStatus.OK and "already a git repository" in again.message
    _ok(shell.handle("initialize a git repository here"))
    assert (workspace / ".git").is_dir()


def test_init_refuses_outside_the_workspace(workspace, shell):
    turn = shell.do("git.init", path="../elsewhere")
    assert turn.status != ExitStatus.OK
    assert not (workspace.parent / "elsewhere").exists()
