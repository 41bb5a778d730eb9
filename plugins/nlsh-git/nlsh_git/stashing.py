"""Stash push / pop, and the two destructive clean-ups made undoable with a stash:

- `git.clean` removes untracked files by stashing them (`stash push --include-untracked` of
  exactly the files `git clean -n` lists), so undo brings them back;
- `git.reset_hard` first saves the uncommitted changes with `git stash create` and records
  where the branch was, so undo restores both.
"""

from __future__ import annotations

import nlsh

from .runner import Repo, object_id
from .staging import GitPaths
from .text import one_line, plural, short

__all__ = ["clean", "clean_dry_run", "reset_hard", "stash_pop", "stash_push"]

WORKTREE = ("git.read", "git.write", "fs.write")


def _stash_top(git: Repo) -> str | None:
    out = git.run("rev-parse", "--verify", "-q", "refs/stash", ok=(0, 1))
    return out.stdout.strip() or None


def _stash_index(git: Repo, commit: str) -> str | None:
    for line in git.text("stash", "list", "--format=%gd %H").splitlines():
        name, _, sha = line.partition(" ")
        if sha == commit:
            return name
    return None


def _changes(git: Repo, untracked: bool) -> list[str]:
    """Paths with uncommitted changes (and untracked ones, if asked), from `status --porcelain -z`."""
    entries = git.text("status", "--porcelain", "-z", "-uall" if untracked else "-uno").split("\0")
    found, i = [], 0
    while i < len(entries):
        entry = entries[i]
        i += 1
        if len(entry) > 3:
            found.append(entry[3:])
            if entry[0] in "RC":
                i += 1  # a rename's original path follows as its own entry
    return found


def _preview_push(ctx: nlsh.ActionContext, message: str | None = None, include_untracked: bool = False,
                  repo: str | None = None) -> nlsh.Preview:
    git = Repo.at(ctx, repo)
    files = _changes(git, include_untracked)
    return nlsh.Preview(summary=f"stash the changes to {plural(len(files), 'file')} and clean the working tree",
                        targets=tuple(str(git.top / f) for f in files), count=len(files), reversible=True)


def undo_push(ctx: nlsh.ActionContext, data: dict) -> str:
    git = Repo.at(ctx, data["repo"])
    name = _stash_index(git, data["stash"])
    if name is None:
        raise nlsh.ActionFailed("that stash is gone (popped or dropped already); nothing was undone")
    git.run("stash", "pop", "-q", "--index", name, write=True)
    return "the stashed changes are back"


@nlsh.action("git.stash_push", capabilities=WORKTREE, risk=nlsh.Risk.R1, reversible=True, preview=_preview_push,
             undo=undo_push)
def stash_push(ctx: nlsh.ActionContext, message: str | None = None, include_untracked: bool = False,
               repo: nlsh.InPath | None = None) -> nlsh.ActionResult:
    """Put the uncommitted changes aside (git stash), leaving a clean working tree.

    Args:
        message: a note to recognise the stash by.
        include_untracked: also stash files git does not track yet.
        repo: a folder in the repository; default: the current folder.
    """
    git = Repo.at(ctx, repo)
    files = _changes(git, include_untracked)
    if not files:
        return nlsh.ActionResult(output="no local changes to stash", data={"stash": None})
    if git.head() is None:
        raise nlsh.ActionFailed("cannot stash before the first commit", hint="commit something first")
    args = ["stash", "push", "-q"] + (["--include-untracked"] if include_untracked else [])
    args += ["-m", message] if message else []
    git.run(*args, write=True)
    stash = _stash_top(git)
    return nlsh.ActionResult(output=f"stashed the changes to {plural(len(files), 'file')}"
                             + (f": {one_line(message)}" if message else ""),
                             data={"stash": stash, "files": files},
                             undo={"repo": str(git.top), "stash": stash} if stash else None)


def _preview_pop(ctx: nlsh.ActionContext, index: int = 0, keep: bool = False, repo: str | None = None) -> nlsh.Preview:
    git = Repo.at(ctx, repo)
    name = f"stash@{{{index}}}"
    exists = git.run("rev-parse", "--verify", "-q", name, ok=(0, 1)).stdout.strip()
    if not exists:
        return nlsh.Preview(summary=f"there is no {name}", reversible=False)
    files = git.text("stash", "show", "--name-only", "--include-untracked", name).splitlines()
    drop = "" if keep else " and drop it from the list"
    return nlsh.Preview(summary=f"re-apply {name} to {plural(len(files), 'file')}{drop}",
                        targets=tuple(str(git.top / f) for f in files), count=len(files),
                        details=("git refuses if it would overwrite local changes",), reversible=False)


@nlsh.action("git.stash_pop", capabilities=WORKTREE, risk=nlsh.Risk.R1, preview=_preview_pop)
def stash_pop(ctx: nlsh.ActionContext, index: int = 0, keep: bool = False,
              repo: nlsh.InPath | None = None) -> nlsh.ActionResult:
    """Re-apply stashed changes (the latest by default) and drop them from the stash list.

    Args:
        index: which stash, 0 for the latest (as in stash@{0}).
        keep: keep the stash in the list (git stash apply).
        repo: a folder in the repository; default: the current folder.
    """
    git = Repo.at(ctx, repo)
    if index < 0:
        raise nlsh.ActionFailed("the stash index cannot be negative")
    name = f"stash@{{{index}}}"
    commit = git.run("rev-parse", "--verify", "-q", name, ok=(0, 1)).stdout.strip()
    if not commit:
        raise nlsh.ActionFailed(f"there is no {name}", hint="list them with 'show my stashes'")
    out = git.run("stash", "apply" if keep else "pop", "--index", name, write=True, ok=(0, 1))
    if out.exit == 1:
        conflicts = [p for p in git.text("diff", "--name-only", "--diff-filter=U", "-z").split("\0") if p]
        detail = ("; in conflict: " + ", ".join(git.show(p) for p in conflicts)) if conflicts else ""
        reason = one_line((out.stderr.strip().splitlines() or ["git refused"])[-1])
        return nlsh.ActionResult(output=f"could not pop {name}: {reason}{detail}; the stash is kept",
                                 data={"conflicts": conflicts}, ok=False, exit=1)
    if keep:
        return nlsh.ActionResult(output=f"re-applied {name} ({short(commit)}); it stays in the stash list",
                                 data={"stash": commit})
    return nlsh.ActionResult(output=f"re-applied and dropped {name} ({short(commit)}); "
                             f"to get it back: git stash store {commit}", data={"stash": commit})


def _untracked(git: Repo, ignored: bool, paths: list[str] | None) -> list[str]:
    specs = [git.pathspec(p) for p in paths] if paths else []
    out = git.text("clean", "-n", "-d", *(["-x"] if ignored else []), "--", *specs)
    return [line.removeprefix("Would remove ") for line in out.splitlines() if line.startswith("Would remove ")]


@nlsh.action("git.clean_dry_run", capabilities=("git.read",), risk=nlsh.Risk.R0)
def clean_dry_run(ctx: nlsh.ActionContext, paths: GitPaths | None = None, ignored: bool = False,
                  repo: nlsh.InPath | None = None) -> nlsh.ActionResult:
    """Show which untracked files and folders a clean-up would remove, removing nothing (git clean -n -d).

    Args:
        paths: only under these files or folders; default: the whole repository.
        ignored: also count files git ignores (build output, caches).
        repo: a folder in the repository; default: the current folder.
    """
    git = Repo.at(ctx, repo or (paths[0] if paths else None))
    doomed = _untracked(git, ignored, paths)
    return nlsh.ActionResult(output="\n".join(f"Would remove {git.show(d)}{'/' if d.endswith('/') else ''}"
                                                       for d in doomed),
                             data={"would_remove": doomed})


def _size(path) -> int:
    import os

    if not os.path.isdir(path) or os.path.islink(path):
        try:
            return os.lstat(path).st_size
        except OSError:
            return 0
    total = 0
    for root, _, names in os.walk(path):
        for name in names:
            try:
                total += os.lstat(os.path.join(root, name)).st_size
            except OSError:
                pass
    return total


def _preview_clean(ctx: nlsh.ActionContext, paths: list[str] | None = None, ignored: bool = False,
                   repo: str | None = None) -> nlsh.Preview:
    git = Repo.at(ctx, repo or (paths[0] if paths else None))
    doomed = _untracked(git, ignored, paths)
    return nlsh.Preview(summary=f"remove {plural(len(doomed), 'untracked item')}",
                        targets=tuple(str(git.top / d) for d in doomed), count=len(doomed),
                        bytes=sum(_size(git.top / d) for d in doomed),
                        details=("they are kept in a stash: undo brings them back",), reversible=True)


def undo_clean(ctx: nlsh.ActionContext, data: dict) -> str:
    git = Repo.at(ctx, data["repo"])
    name = _stash_index(git, data["stash"])
    if name is None:
        raise nlsh.ActionFailed("the stash holding the removed files is gone; nothing was undone")
    git.run("stash", "pop", "-q", name, write=True)
    return f"brought back {plural(len(data['files']), 'untracked file or folder')}"


@nlsh.action("git.clean", capabilities=WORKTREE + ("fs.delete",), risk=nlsh.Risk.R2, reversible=True,
             preview=_preview_clean, undo=undo_clean)
def clean(ctx: nlsh.ActionContext, paths: GitPaths | None = None, ignored: bool = False,
          repo: nlsh.InPath | None = None) -> nlsh.ActionResult:
    """Remove untracked files and folders (like git clean -fd), keeping them in a stash for undo.

    Args:
        paths: only under these files or folders; default: the whole repository.
        ignored: also remove files git ignores (build output, caches).
        repo: a folder in the repository; default: the current folder.
    """
    git = Repo.at(ctx, repo or (paths[0] if paths else None))
    doomed = _untracked(git, ignored, paths)
    if not doomed:
        return nlsh.ActionResult(output="no untracked files to remove", data={"removed": []})
    if git.head() is None:
        raise nlsh.ActionFailed("cannot keep a backup before the first commit", hint="commit something first")
    stdin = "\0".join(":(top,literal)" + d for d in doomed) + "\0"
    git.run("stash", "push", "-q", "--all" if ignored else "--include-untracked", "-m",
            f"nlsh clean: {len(doomed)} untracked", "--pathspec-from-file=-", "--pathspec-file-nul",
            write=True, stdin=stdin)
    stash = _stash_top(git)
    lines = [git.show(d) for d in doomed]
    return nlsh.ActionResult(output=f"removed {plural(len(doomed), 'untracked item')} (kept in a stash):\n"
                             + "\n".join(lines), data={"removed": doomed, "stash": stash},
                             undo={"repo": str(git.top), "stash": stash, "files": doomed} if stash else None)


def _preview_reset(ctx: nlsh.ActionContext, revision: str = "HEAD", repo: str | None = None) -> nlsh.Preview:
    git = Repo.at(ctx, repo)
    target = git.resolve(revision)
    head = git.head() or ""
    changed = _changes(git, False)
    dropped = git.text("log", "--max-count=20", "--format=%h %s", f"{target}..{head}").splitlines() if head else []
    details = [f"loses the uncommitted changes to {plural(len(changed), 'file')} (a backup is kept for undo)"]
    details += [f"  {git.show(f)}" for f in changed[:10]]
    if dropped:
        details.append(f"moves the branch off {plural(len(dropped), 'commit')}:")
        details += [f"  {one_line(c)}" for c in dropped]
    return nlsh.Preview(summary=f"reset {one_line(git.branch() or 'HEAD')} hard to {one_line(revision)} "
                        f"({short(target)})", targets=tuple(str(git.top / f) for f in changed) or (str(git.top),),
                        count=len(changed) + len(dropped), details=tuple(details), reversible=True)


def undo_reset(ctx: nlsh.ActionContext, data: dict) -> str:
    git = Repo.at(ctx, data["repo"])
    if git.head() != data["now"]:
        raise nlsh.ActionFailed("the branch has moved since the reset; nothing was undone")
    git.run("update-index", "-q", "--refresh", write=True, ok=(0, 1))  # stale stat info is not a change
    git.run("reset", "-q", "--keep", object_id(data["before"]), write=True)
    if data.get("backup"):
        git.run("stash", "apply", "-q", "--index", data["backup"], write=True)
    return f"back at {short(data['before'])}" + (" with the uncommitted changes" if data.get("backup") else "")


@nlsh.action("git.reset_hard", capabilities=WORKTREE, risk=nlsh.Risk.R2, reversible=True, preview=_preview_reset,
             undo=undo_reset)
def reset_hard(ctx: nlsh.ActionContext, revision: str = "HEAD", repo: nlsh.InPath | None = None) -> nlsh.ActionResult:
    """Throw away all uncommitted changes and move the branch to a revision (git reset --hard).

    Args:
        revision: the commit, branch or tag to reset to; default: the last commit.
        repo: a folder in the repository; default: the current folder.
    """
    git = Repo.at(ctx, repo)
    target = git.resolve(revision)
    before = git.head()
    backup = git.text("stash", "create", "nlsh: before reset --hard", write=True).strip() or None
    git.run("reset", "-q", "--hard", object_id(target), write=True)
    note = f"; the uncommitted changes are saved as {short(backup)}" if backup else ""
    return nlsh.ActionResult(output=f"reset to {short(target)}{note}",
                             data={"before": before, "now": target, "backup": backup},
                             undo={"repo": str(git.top), "before": before, "now": target, "backup": backup})
