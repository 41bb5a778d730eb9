"""Changing what git tracks, with the change staged: rename a tracked file (git mv), stop
tracking files but keep them (git rm --cached), delete tracked files (git rm).

Every one is undone from a snapshot of the staging area (see staging.py); the files a
`git rm` deleted come back from that snapshot, since git refuses to remove a file whose
content it does not hold.
"""

from __future__ import annotations

import os

import nlsh

from .runner import Repo
from .staging import GitPaths, index_snapshot, specs, undo_staging
from .text import one_line, plural

__all__ = ["move", "remove", "untrack"]

WORKTREE = ("git.read", "git.write", "fs.write")


def _tracked(git: Repo, paths: list[str]) -> list[str]:
    """The tracked files the paths name; ActionFailed when a path names none."""
    found: list[str] = []
    for path in paths:
        names = [p for p in git.text("ls-files", "-z", "--", git.pathspec(path)).split("\0") if p]
        if not names:
            raise nlsh.ActionFailed(f"{one_line(path)} is not tracked by git", hint="see 'git status'")
        found += [n for n in names if n not in found]
    return found


def _preview_move(ctx: nlsh.ActionContext, source: str, destination: str, repo: str | None = None) -> nlsh.Preview:
    git = Repo.at(ctx, repo or source)
    files = _tracked(git, [source])
    return nlsh.Preview(summary=f"rename {git.show(git.relative(source))} to {git.show(git.relative(destination))} "
                        "and stage the rename", targets=(str(git.top / git.relative(source)),),
                        count=len(files), reversible=True)


def undo_move(ctx: nlsh.ActionContext, data: dict) -> str:
    git = Repo.at(ctx, data["repo"])
    if not os.path.lexists(git.top / data["destination"]) or os.path.lexists(git.top / data["source"]):
        raise nlsh.ActionFailed("the renamed file has changed place since; nothing was undone")
    git.run("mv", "--", data["destination"], data["source"], write=True)
    return f"renamed {git.show(data['destination'])} back to {git.show(data['source'])}"


@nlsh.action("git.move", capabilities=WORKTREE, risk=nlsh.Risk.R1, reversible=True, preview=_preview_move,
             undo=undo_move)
def move(ctx: nlsh.ActionContext, source: nlsh.InPath, destination: nlsh.OutPath,
         repo: nlsh.InPath | None = None) -> nlsh.ActionResult:
    """Rename or move a tracked file or folder and stage the rename (git mv).

    Args:
        source: the tracked file or folder.
        destination: its new name, or an existing folder to move it into.
        repo: a folder in the repository; default: the current folder.
    """
    git = Repo.at(ctx, repo or source)
    _tracked(git, [source])
    old = git.relative(source)
    new = git.relative(destination)
    if os.path.isdir(git.top / new) and not os.path.islink(git.top / new):
        new = f"{new}/{os.path.basename(old.rstrip('/'))}" if new != "." else os.path.basename(old)
    if os.path.lexists(git.top / new):
        raise nlsh.ActionFailed(f"{git.show(new)} already exists", hint="choose another name")
    git.run("mv", "--", old, new, write=True)
    return nlsh.ActionResult(output=f"renamed: {git.show(old)} -> {git.show(new)}",
                             data={"source": old, "destination": new},
                             undo={"repo": str(git.top), "source": old, "destination": new})


def _preview_untrack(ctx: nlsh.ActionContext, paths: list[str], repo: str | None = None) -> nlsh.Preview:
    git = Repo.at(ctx, repo or paths[0])
    files = _tracked(git, paths)
    return nlsh.Preview(summary=f"stop tracking {plural(len(files), 'file')} (they stay on disk; "
                        "the next commit records them as deleted)",
                        targets=tuple(str(git.top / f) for f in files), count=len(files),
                        details=tuple(f"  {git.show(f)}" for f in files[:20]), reversible=True)


@nlsh.action("git.untrack", capabilities=("git.read", "git.write"), risk=nlsh.Risk.R1, reversible=True,
             preview=_preview_untrack, undo=undo_staging)
def untrack(ctx: nlsh.ActionContext, paths: GitPaths, repo: nlsh.InPath | None = None) -> nlsh.ActionResult:
    """Stop tracking files but keep them on disk (git rm --cached), e.g. before adding them to .gitignore.

    Args:
        paths: the files or folders git should forget.
        repo: a folder in the repository; default: the current folder.
    """
    git = Repo.at(ctx, repo or paths[0])
    files = _tracked(git, paths)
    before = index_snapshot(git)
    git.run("rm", "--cached", "-r", "-q", "--", *specs(git, paths), write=True)
    after = index_snapshot(git)
    undo = {"repo": str(git.top), "index_before": before, "index_after": after} if before and after else None
    return nlsh.ActionResult(output="\n".join(f"rm '{one_line(f)}'" for f in files),
                             data={"untracked": files}, undo=undo)


def _preview_remove(ctx: nlsh.ActionContext, paths: list[str], repo: str | None = None) -> nlsh.Preview:
    git = Repo.at(ctx, repo or paths[0])
    files = _tracked(git, paths)
    return nlsh.Preview(summary=f"delete {plural(len(files), 'tracked file')} and stage the deletion",
                        targets=tuple(str(git.top / f) for f in files), count=len(files),
                        details=tuple(f"  {git.show(f)}" for f in files[:20])
                        + ("git refuses files with uncommitted changes; undo brings the files back",),
                        reversible=True)


def undo_remove(ctx: nlsh.ActionContext, data: dict) -> str:
    message = undo_staging(ctx, data)
    git = Repo.at(ctx, data["repo"])
    missing = [f for f in data["files"] if not os.path.lexists(git.top / f)]
    if missing:
        git.run("checkout-index", "-q", "--", *missing, write=True)
    return f"{message}; brought back {plural(len(missing), 'file')}"


@nlsh.action("git.remove", capabilities=WORKTREE + ("fs.delete",), risk=nlsh.Risk.R2, reversible=True,
             preview=_preview_remove, undo=undo_remove)
def remove(ctx: nlsh.ActionContext, paths: GitPaths, repo: nlsh.InPath | None = None) -> nlsh.ActionResult:
    """Delete tracked files and stage their deletion (git rm); git refuses files with unsaved changes.

    Args:
        paths: the tracked files or folders to delete.
        repo: a folder in the repository; default: the current folder.
    """
    git = Repo.at(ctx, repo or paths[0])
    files = _tracked(git, paths)
    before = index_snapshot(git)
    git.run("rm", "-r", "-q", "--", *specs(git, paths), write=True)
    after = index_snapshot(git)
    undo = {"repo": str(git.top), "index_before": before, "index_after": after, "files": files} \
        if before and after else None
    return nlsh.ActionResult(output="\n".join(f"rm '{one_line(f)}'" for f in files),
                             data={"removed": files}, undo=undo)
