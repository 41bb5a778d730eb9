"""Worked examples for the model planner: a request and the plan it should become."""

from __future__ import annotations

import nlsh

__all__ = ["EXAMPLES"]


def _c(action: str, **args) -> nlsh.ActionCall:
    return nlsh.ActionCall(action, args)


EXAMPLES: list[tuple[str, list[nlsh.ActionCall]]] = [
    ("what's going on in this repo", [_c("git.status")]),
    ("show the last 5 commits", [_c("git.log", count=5)]),
    ("what did alice commit this week", [_c("git.log", author="alice", since="1 week ago", count=50)]),
    ("what changed since yesterday", [_c("git.log", since="yesterday", files=True, count=100)]),
    ("who touched src/app.py last month", [_c("git.log", path="src/app.py", since="1 month ago", count=50)]),
    ("what changed in README.md", [_c("git.diff", path="README.md")]),
    ("what am I about to commit", [_c("git.diff", staged=True)]),
    ("compare main with feature-x", [_c("git.diff", base="main", target="feature-x")]),
    ("show me config.py as it was two commits ago", [_c("git.show_file", path="config.py", revision="HEAD~2")]),
    ("what was in the last commit", [_c("git.show", revision="HEAD")]),
    ("stage the python files and commit them as 'tidy imports'",
     [_c("git.add", paths=["*.py"]), _c("git.commit", message="tidy imports")]),
    ("commit the staged changes with message 'fix typo'", [_c("git.commit", message="fix typo")]),
    ("commit everything as 'wip'", [_c("git.commit", message="wip", all_changes=True)]),
    ("fix the message of my last commit to say 'add tests'", [_c("git.amend", message="add tests")]),
    ("oops, undo my last commit", [_c("git.uncommit")]),
    ("unstage notes.txt", [_c("git.unstage", paths=["notes.txt"])]),
    ("throw away my edits to setup.cfg", [_c("git.discard", paths=["setup.cfg"])]),
    ("start a branch for the login bug", [_c("git.branch_create", name="fix-login-bug", switch=True)]),
    ("go back to main", [_c("git.switch", branch="main")]),
    ("delete the old-ui branch", [_c("git.branch_delete", name="old-ui")]),
    ("bring feature-x into main with a merge commit",
     [_c("git.switch", branch="main"), _c("git.merge", branch="feature-x", no_ff=True)]),
    ("put my work aside for now", [_c("git.stash_push")]),
    ("get my stashed work back", [_c("git.stash_pop")]),
    ("mark this commit as release 2.1", [_c("git.tag_create", name="v2.1", message="release 2.1")]),
    ("who wrote line 40 of main.c", [_c("git.blame", path="main.c", start=40, end=40)]),
    ("where is parse_config used in the committed code", [_c("git.grep", pattern="parse_config", fixed=True)]),
    ("get the latest changes from the server", [_c("git.pull")]),
    ("publish my branch", [_c("git.push", set_upstream=True)]),
    ("download https://example.test/tools.git", [_c("git.clone", url="https://example.test/tools.git")]),
    ("get rid of the build junk git doesn't track", [_c("git.clean")]),
    ("throw away everything I did since the last commit", [_c("git.reset_hard", revision="HEAD")]),
    ("remind me which branch this is", [_c("git.current_branch")]),
    ("cut a branch for the v3 release from the v2.9 tag", [_c("git.branch_create", name="release-3", start="v2.9")]),
    ("call this branch payments-v2 instead", [_c("git.branch_rename", new_name="payments-v2")]),
    ("take me back to the branch I came from", [_c("git.switch", branch="-")]),
    ("what would cleaning up the untracked junk delete", [_c("git.clean_dry_run")]),
    ("everything I haven't committed yet, staged or not", [_c("git.diff", base="HEAD")]),
    ("compact history of the last 20 commits", [_c("git.log", count=20, oneline=True)]),
    ("draw how the branches diverged", [_c("git.log", graph=True, all_branches=True)]),
    ("move helpers.py into lib so git sees it as a rename", [_c("git.move", source="helpers.py", destination="lib")]),
    ("git should forget about .env but leave my copy", [_c("git.untrack", paths=[".env"])]),
    ("delete legacy.py from the project and record that in git", [_c("git.remove", paths=["legacy.py"])]),
    ("how much have I stashed away", [_c("git.stash_count")]),
    ("re-apply my stash but keep it around", [_c("git.stash_pop", keep=True)]),
    ("terse status with the branch line", [_c("git.status", short=True, branch=True)]),
    ("give me the code of the 2.0 release as a zip", [_c("git.archive", revision="v2.0", output="v2.0.zip")]),
    ("which files are in version control under docs", [_c("git.ls_files", path="docs")]),
    ("how big is our history, in commits", [_c("git.commit_count")]),
    ("who are the busiest committers", [_c("git.shortlog")]),
    ("what email will my commits carry", [_c("git.config_get", key="user.email")]),
    ("undo commit 1a2b3c4 but keep the history", [_c("git.revert", revision="1a2b3c4")]),
    ("bring commit 9f8e7d6 over to this branch", [_c("git.cherry_pick", revision="9f8e7d6")]),
    ("get rid of the v0.1 tag", [_c("git.tag_delete", name="v0.1")]),
    ("start version control in a new folder site", [_c("git.init", path="site")]),
]
