"""Renaming a branch (the current one by default), undone by renaming it back."""

from __future__ import annotations

import nlsh

from .branching import check_branch_name, require_branch
from .runner import Repo
from .text import one_line, short

__all__ = ["branch_rename"]

WRITE = ("git.read", "git.write")


def _names(git: Repo, new_name: str, name: str | None) -> tuple[str, str]:
    """(old, new), both checked: the old branch exists, the new name is free."""
    old = name or git.branch()
    if old is None:
        raise nlsh.ActionFailed("HEAD is detached: there is no current branch to rename",
                                hint="name the branch to rename")
    require_branch(git, old)
    check_branch_name(git, new_name)
    if old != new_name and git.run("rev-parse", "--verify", "-q", f"refs/heads/{new_name}", ok=(0, 1)).stdout.strip():
        raise nlsh.ActionFailed(f"a branch {one_line(new_name)} already exists",
                                hint="delete it first, or choose another name")
    return old, new_name


def _preview_rename(ctx: nlsh.ActionContext, new_name: str, name: str | None = None,
                    repo: str | None = None) -> nlsh.Preview:
    git = Repo.at(ctx, repo)
    old, new = _names(git, new_name, name)
    current = " (the current branch)" if old == git.branch() else ""
    return nlsh.Preview(summary=f"rename branch {one_line(old)}{current} to {one_line(new)}",
                        targets=(str(git.top),), details=("undo renames it back",), reversible=True)


def undo_rename(ctx: nlsh.ActionContext, data: dict) -> str:
    git = Repo.at(ctx, data["repo"])
    require_branch(git, data["new"])
    if git.run("rev-parse", "--verify", "-q", f"refs/heads/{data['old']}", ok=(0, 1)).stdout.strip():
        raise nlsh.ActionFailed(f"a branch {one_line(data['old'])} exists again; nothing was undone")
    git.run("branch", "-m", "--end-of-options", data["new"], data["old"], write=True)
    return f"renamed branch {one_line(data['new'])} back to {one_line(data['old'])}"


@nlsh.action("git.branch_rename", capabilities=WRITE, risk=nlsh.Risk.R1, reversible=True,
             preview=_preview_rename, undo=undo_rename)
def branch_rename(ctx: nlsh.ActionContext, new_name: str, name: str | None = None,
                  repo: nlsh.InPath | None = None) -> nlsh.ActionResult:
    """Rename a branch (git branch -m); its commits and upstream stay as they are.

    Args:
        new_name: the branch's new name.
        name: the branch to rename; default: the current branch.
        repo: a folder in the repository; default: the current folder.
    """
    git = Repo.at(ctx, repo)
    old, new = _names(git, new_name, name)
    if old == new:
        return nlsh.ActionResult(output=f"the branch is already called {one_line(new)}", data={"branch": new})
    commit = require_branch(git, old)
    git.run("branch", "-m", "--end-of-options", old, new, write=True)
    return nlsh.ActionResult(output=f"renamed branch {one_line(old)} to {one_line(new)} (at {short(commit)})",
                             data={"old": old, "new": new, "commit": commit},
                             undo={"repo": str(git.top), "old": old, "new": new})
