"""Staging: add and unstage (undone exactly, by restoring the staging area's snapshot), and
discarding uncommitted changes to files (undone from a backup `git stash create` makes).
"""

from __future__ import annotations

from typing import Annotated

import nlsh

from .parse import parse_numstat
from .runner import Repo
from .text import one_line, plural, short

__all__ = ["GitPaths", "add", "discard", "unstage", "index_snapshot"]

# paths that may no longer exist (a deleted file can be staged); globs go to git as globs
GitPaths = Annotated[list[str], nlsh.PathRole("new")]
WRITE = ("git.read", "git.write")


def specs(git: Repo, paths: list[str] | None) -> list[str]:
    return [git.pathspec(p) for p in paths] if paths else [":(top)"]


def index_snapshot(git: Repo) -> str | None:
    """The staging area as a tree id (written to the object store), or None with conflicts."""
    out = git.run("write-tree", write=True, ok=(0, 128))
    return out.stdout.strip() if out.exit == 0 else None


def _staging_undo(git: Repo, before: str | None, after: str | None) -> dict | None:
    if before is None or after is None:
        return None
    return {"repo": str(git.top), "index_before": before, "index_after": after}


def undo_staging(ctx: nlsh.ActionContext, data: dict) -> str:
    """Put the staging area back as it was, if nothing else changed it since."""
    git = Repo.at(ctx, data["repo"])
    if index_snapshot(git) != data["index_after"]:
        raise nlsh.ActionFailed("the staged changes were altered since; nothing was undone",
                                hint="look at 'git status' and stage or unstage by hand")
    git.run("read-tree", "--end-of-options", data["index_before"], write=True)
    return "the staging area is back as it was"


def _dry_run_add(git: Repo, paths: list[str] | None) -> list[str]:
    """What `git add -A PATHS` would stage, from a read-only status ("add 'x'", "remove 'y'")."""
    out = git.text("status", "--porcelain", "-z", "-uall", "--", *specs(git, paths))
    entries, changes, i = out.split("\0"), [], 0
    while i < len(entries):
        entry = entries[i]
        i += 1
        if len(entry) < 4:
            continue
        xy, name = entry[:2], entry[3:]
        if xy[0] in "RC":
            i += 1  # the rename's original path follows
        if xy == "??" or xy[1] not in " ?!":
            changes.append(f"{'remove' if xy[1] == 'D' else 'add'} '{name}'")
    return changes


def _preview_add(ctx: nlsh.ActionContext, paths: list[str] | None = None, repo: str | None = None) -> nlsh.Preview:
    git = Repo.at(ctx, repo or (paths[0] if paths else None))
    changes = _dry_run_add(git, paths)
    return nlsh.Preview(summary=f"stage {plural(len(changes), 'change')}", targets=tuple(paths or [str(git.top)]),
                        count=len(changes), details=tuple(one_line(c) for c in changes[:20]), reversible=True)


@nlsh.action("git.add", capabilities=WRITE, risk=nlsh.Risk.R1, reversible=True, preview=_preview_add,
             undo=undo_staging)
def add(ctx: nlsh.ActionContext, paths: GitPaths | None = None, repo: nlsh.InPath | None = None) -> nlsh.ActionResult:
    """Stage changes for the next commit: new, changed and deleted files (all of them if no paths).

    Args:
        paths: the files or folders to stage (globs like *.py work); default: every change.
        repo: a folder in the repository; default: the current folder.
    """
    git = Repo.at(ctx, repo or (paths[0] if paths else None))
    changes = _dry_run_add(git, paths)
    if not changes:
        return nlsh.ActionResult(output="nothing to stage: no changes there", data={"staged": []})
    before = index_snapshot(git)
    git.run("add", "-A", "--", *specs(git, paths), write=True)
    after = index_snapshot(git)
    lines = [one_line(c) for c in changes]
    return nlsh.ActionResult(output=f"staged {plural(len(changes), 'change')}:\n" + "\n".join(lines),
                             data={"staged": changes}, undo=_staging_undo(git, before, after))


def _staged(git: Repo, paths: list[str] | None) -> list[str]:
    if git.head() is None:  # no commits yet: everything in the index is staged
        out = git.text("ls-files", "-z", "--", *specs(git, paths))
        return [p for p in out.split("\0") if p]
    out = git.text("diff", "--cached", "--name-only", "-z", "--no-ext-diff", "--", *specs(git, paths))
    return [p for p in out.split("\0") if p]


def _preview_unstage(ctx: nlsh.ActionContext, paths: list[str] | None = None, repo: str | None = None) -> nlsh.Preview:
    git = Repo.at(ctx, repo or (paths[0] if paths else None))
    staged = _staged(git, paths)
    return nlsh.Preview(summary=f"unstage {plural(len(staged), 'file')} (the files themselves stay as they are)",
                        targets=tuple(str(git.top / p) for p in staged), count=len(staged), reversible=True)


@nlsh.action("git.unstage", capabilities=WRITE, risk=nlsh.Risk.R1, reversible=True, preview=_preview_unstage,
             undo=undo_staging)
def unstage(ctx: nlsh.ActionContext, paths: GitPaths | None = None, repo: nlsh.InPath | None = None) -> nlsh.ActionResult:
    """Take files out of the next commit, keeping their changes in the working tree.

    Args:
        paths: the files or folders to unstage; default: everything staged.
        repo: a folder in the repository; default: the current folder.
    """
    git = Repo.at(ctx, repo or (paths[0] if paths else None))
    staged = _staged(git, paths)
    if not staged:
        return nlsh.ActionResult(output="nothing staged there", data={"unstaged": []})
    before = index_snapshot(git)
    if git.head() is None:
        git.run("rm", "--cached", "-r", "-q", "--", *specs(git, paths), write=True)
    else:
        git.run("restore", "--staged", "--", *specs(git, paths), write=True)
    after = index_snapshot(git)
    return nlsh.ActionResult(output=f"unstaged {plural(len(staged), 'file')}:\n"
                             + "\n".join(git.show(p) for p in staged),
                             data={"unstaged": staged}, undo=_staging_undo(git, before, after))


def _unstaged_changes(git: Repo, paths: list[str]) -> list[dict]:
    return parse_numstat(git.text("diff", "--numstat", "-z", "--no-ext-diff", "--no-textconv", "--",
                                  *specs(git, paths)))


def _preview_discard(ctx: nlsh.ActionContext, paths: list[str], repo: str | None = None) -> nlsh.Preview:
    git = Repo.at(ctx, repo or paths[0])
    files = _unstaged_changes(git, paths)
    details = [f"loses {f['path']}: +{f['added']} -{f['deleted']} lines" + (" (binary)" if f["binary"] else "")
               for f in files[:20]]
    return nlsh.Preview(summary=f"discard the uncommitted changes to {plural(len(files), 'file')}",
                        targets=tuple(str(git.top / f["path"]) for f in files), count=len(files),
                        details=tuple(details) + ("a backup is kept: undo brings the changes back",),
                        reversible=True)


def undo_discard(ctx: nlsh.ActionContext, data: dict) -> str:
    git = Repo.at(ctx, data["repo"])
    changed = _unstaged_changes(git, data["paths"])
    if changed:
        raise nlsh.ActionFailed("those files changed again since; nothing was undone",
                                hint=f"the discarded changes are in commit {data['backup']}")
    specs_ = [":(top,literal)" + p for p in data["paths"]]
    git.run("restore", f"--source={data['backup']}", "--worktree", "--", *specs_, write=True)
    return f"brought back the changes to {plural(len(data['paths']), 'file')}"


@nlsh.action("git.discard", capabilities=WRITE + ("fs.write",), risk=nlsh.Risk.R2, reversible=True,
             preview=_preview_discard, undo=undo_discard)
def discard(ctx: nlsh.ActionContext, paths: GitPaths, repo: nlsh.InPath | None = None) -> nlsh.ActionResult:
    """Throw away uncommitted (unstaged) changes to files, putting back their staged or committed version.

    Args:
        paths: the files or folders whose changes to throw away.
        repo: a folder in the repository; default: the current folder.
    """
    git = Repo.at(ctx, repo or paths[0])
    files = _unstaged_changes(git, paths)
    if not files:
        return nlsh.ActionResult(output="no uncommitted changes there", data={"discarded": []})
    backup = git.text("stash", "create", "nlsh: before discarding changes", write=True).strip()
    git.run("restore", "--worktree", "--", *specs(git, paths), write=True)
    rels = [f["path"] for f in files]
    undo = {"repo": str(git.top), "backup": backup, "paths": rels} if backup else None
    return nlsh.ActionResult(
        output=f"discarded the changes to {plural(len(rels), 'file')}:\n" + "\n".join(git.show(p) for p in rels)
        + (f"\n(backup: {short(backup)})" if backup else ""),
        data={"discarded": files, "backup": backup or None}, undo=undo)
