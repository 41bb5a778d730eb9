"""Commits that undo or copy another (git revert, git cherry-pick), dropping a tag or a stash
entry, showing a stash entry, adding a remote, and starting a repository (git init).

Revert and cherry-pick make one new commit, so undo moves the branch back as for a commit;
a conflict aborts them and leaves everything as it was. A dropped tag or stash keeps its
object, so undo puts the name back; undo removes a remote that was added.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import nlsh

from .committing import _move_undo, undo_move_head
from .reading import DIFF_FLAGS
from .remote import _URL
from .runner import Repo, invoke_outside
from .text import one_line, short

__all__ = ["cherry_pick", "init", "remote_add", "revert", "stash_drop", "stash_show", "tag_delete"]

READ = ("git.read",)
WRITE = ("git.read", "git.write")
WORKTREE = ("git.read", "git.write", "fs.write")


def _dirty(git: Repo) -> list[str]:
    return [line[3:] for line in git.text("status", "--porcelain", "--untracked-files=no").splitlines()]


def _preview_copy(verb: str):
    def preview(ctx: nlsh.ActionContext, revision: str, repo: str | None = None) -> nlsh.Preview:
        git = Repo.at(ctx, repo)
        commit = git.resolve(revision)
        subject = one_line(git.text("log", "-1", "--format=%s", commit).strip())
        return nlsh.Preview(summary=f"{verb} {short(commit)} \"{subject}\" as a new commit on "
                            f"{one_line(git.branch() or 'the detached HEAD')}", targets=(str(git.top),),
                            details=("a conflict aborts it and changes nothing",), reversible=True)
    return preview


def _new_commit(ctx: nlsh.ActionContext, command: str, revision: str, repo: str | None) -> nlsh.ActionResult:
    git = Repo.at(ctx, repo)
    commit = git.resolve(revision)
    if _dirty(git):
        raise nlsh.ActionFailed(f"there are uncommitted changes; git {command} needs a clean work tree",
                                hint="commit or stash them first ('stash my changes')")
    before = git.head()
    out = git.run(command, "--no-edit", "--end-of-options", commit, write=True, ok=(0, 1))
    if out.exit != 0:
        git.run(command, "--abort", write=True, ok=(0, 1, 128))
        reason = one_line((out.stderr.strip().splitlines() or out.stdout.strip().splitlines() or ["conflict"])[-1])
        raise nlsh.ActionFailed(f"git {command} of {short(commit)} stopped ({reason}); it was aborted, "
                                "nothing changed")
    now = git.head()
    subject = one_line(git.text("log", "-1", "--format=%s", now or "HEAD").strip())
    return nlsh.ActionResult(output=f"[{one_line(git.branch() or 'detached')} {short(now or '')}] {subject}",
                             data={"commit": now, "parent": before, "source": commit},
                             undo=_move_undo(git, before, now))


@nlsh.action("git.revert", capabilities=WORKTREE, risk=nlsh.Risk.R2, reversible=True,
             preview=_preview_copy("revert"), undo=undo_move_head)
def revert(ctx: nlsh.ActionContext, revision: str, repo: nlsh.InPath | None = None) -> nlsh.ActionResult:
    """Undo a commit's changes with a new commit (git revert --no-edit), keeping history intact.

    Args:
        revision: the commit to revert, e.g. abc1234 or HEAD.
        repo: a folder in the repository; default: the current folder.
    """
    return _new_commit(ctx, "revert", revision, repo)


@nlsh.action("git.cherry_pick", capabilities=WORKTREE, risk=nlsh.Risk.R2, reversible=True,
             preview=_preview_copy("copy"), undo=undo_move_head)
def cherry_pick(ctx: nlsh.ActionContext, revision: str, repo: nlsh.InPath | None = None) -> nlsh.ActionResult:
    """Copy one commit's changes onto the current branch as a new commit (git cherry-pick).

    Args:
        revision: the commit to copy, e.g. abc1234, or a branch (its last commit).
        repo: a folder in the repository; default: the current folder.
    """
    return _new_commit(ctx, "cherry-pick", revision, repo)


def _tag_object(git: Repo, name: str) -> str:
    if not name or name.startswith("-") or not name.isprintable() or " " in name:
        raise nlsh.ActionFailed(f"not a tag name: {one_line(name)!r}")
    obj = git.run("rev-parse", "--verify", "-q", f"refs/tags/{name}", ok=(0, 1)).stdout.strip()
    if not obj:
        raise nlsh.ActionFailed(f"there is no tag {one_line(name)}", hint="list them with 'show the tags'")
    return obj


def _preview_tag_delete(ctx: nlsh.ActionContext, name: str, repo: str | None = None) -> nlsh.Preview:
    git = Repo.at(ctx, repo)
    obj = _tag_object(git, name)
    return nlsh.Preview(summary=f"delete the tag {one_line(name)} (at {short(obj)}); the commit stays",
                        targets=(str(git.top),), reversible=True)


def undo_tag_delete(ctx: nlsh.ActionContext, data: dict) -> str:
    git = Repo.at(ctx, data["repo"])
    git.run("update-ref", f"refs/tags/{data['tag']}", data["object"], "", write=True)
    return f"restored the tag {one_line(data['tag'])}"


@nlsh.action("git.tag_delete", capabilities=WRITE, risk=nlsh.Risk.R1, reversible=True,
             preview=_preview_tag_delete, undo=undo_tag_delete)
def tag_delete(ctx: nlsh.ActionContext, name: str, repo: nlsh.InPath | None = None) -> nlsh.ActionResult:
    """Delete a local tag (git tag -d); the commit it named stays.

    Args:
        name: the tag, e.g. v1.0.
        repo: a folder in the repository; default: the current folder.
    """
    git = Repo.at(ctx, repo)
    obj = _tag_object(git, name)
    git.run("update-ref", "-d", f"refs/tags/{name}", obj, write=True)
    return nlsh.ActionResult(output=f"Deleted tag '{one_line(name)}' (was {obj[:7]})",
                             data={"tag": name, "object": obj},
                             undo={"repo": str(git.top), "tag": name, "object": obj})


def _stash(git: Repo, index: int) -> tuple[str, str, str]:
    if not isinstance(index, int) or index < 0:
        raise nlsh.ActionFailed("the stash index must be 0 or more")
    name = f"stash@{{{index}}}"
    commit = git.run("rev-parse", "--verify", "-q", name, ok=(0, 1)).stdout.strip()
    if not commit:
        raise nlsh.ActionFailed(f"there is no {name}", hint="list them with 'show my stashes'")
    message = git.text("log", "-1", "--format=%gs", "-g", name).strip()
    return name, commit, message


def _preview_stash_drop(ctx: nlsh.ActionContext, index: int = 0, repo: str | None = None) -> nlsh.Preview:
    git = Repo.at(ctx, repo)
    name, commit, message = _stash(git, index)
    return nlsh.Preview(summary=f"drop {name} ({one_line(message)}) from the stash list", targets=(str(git.top),),
                        reversible=True)


def undo_stash_drop(ctx: nlsh.ActionContext, data: dict) -> str:
    git = Repo.at(ctx, data["repo"])
    git.run("stash", "store", "-m", data["message"] or "nlsh: restored stash", data["commit"], write=True)
    return "the stash entry is back, as stash@{0}"


@nlsh.action("git.stash_drop", capabilities=WRITE, risk=nlsh.Risk.R1, reversible=True,
             preview=_preview_stash_drop, undo=undo_stash_drop)
def stash_drop(ctx: nlsh.ActionContext, index: int = 0, repo: nlsh.InPath | None = None) -> nlsh.ActionResult:
    """Delete a stash entry (the latest by default) without applying it (git stash drop).

    Args:
        index: which stash, 0 for the latest (as in stash@{0}).
        repo: a folder in the repository; default: the current folder.
    """
    git = Repo.at(ctx, repo)
    name, commit, message = _stash(git, index)
    git.run("stash", "drop", "-q", name, write=True)
    return nlsh.ActionResult(output=f"Dropped {name} ({commit})", data={"stash": commit, "message": message},
                             undo={"repo": str(git.top), "commit": commit, "message": message})


@nlsh.action("git.stash_show", capabilities=READ, risk=nlsh.Risk.R0)
def stash_show(ctx: nlsh.ActionContext, index: int = 0, patch: bool = True,
               repo: nlsh.InPath | None = None) -> nlsh.ActionResult:
    """Show what a stash entry changes (git stash show -p), the latest by default.

    Args:
        index: which stash, 0 for the latest (as in stash@{0}).
        patch: the full patch; false: only the files and their line counts (git stash show --stat).
        repo: a folder in the repository; default: the current folder.
    """
    git = Repo.at(ctx, repo)
    name, commit, message = _stash(git, index)
    out = git.run("stash", "show", *DIFF_FLAGS, "-p" if patch else "--stat", name)
    tail = "\n[cut short]" if out.truncated else ""
    return nlsh.ActionResult(output=out.stdout.rstrip() + tail, data={"stash": commit, "message": message})


def _preview_init(ctx: nlsh.ActionContext, path: str | None = None) -> nlsh.Preview:
    target = Path(ctx.cwd, path) if path else Path(ctx.cwd)
    return nlsh.Preview(summary=f"create an empty git repository in {one_line(ctx.display(target))}",
                        targets=(str(target),), reversible=False)


@nlsh.action("git.init", capabilities=("git.write", "fs.write"), risk=nlsh.Risk.R1, preview=_preview_init)
def init(ctx: nlsh.ActionContext, path: nlsh.OutPath | None = None) -> nlsh.ActionResult:
    """Create an empty git repository (git init) in a folder, made if missing; default: the current folder.

    Args:
        path: the folder for the new repository.
    """
    target = Path(ctx.cwd, path) if path else Path(ctx.cwd)
    if (target / ".git").exists():
        raise nlsh.ActionFailed(f"{one_line(ctx.display(target))} is already a git repository")
    if target.exists() and not target.is_dir():
        raise nlsh.ActionFailed(f"{one_line(ctx.display(target))} is a file, not a folder")
    parent = target
    while not parent.is_dir() and parent != parent.parent:
        parent = parent.parent  # git makes the missing folders, as the person who owns the workspace
    out = invoke_outside(ctx, parent, ["init", "-q", "--", str(target)], capabilities=("git.write", "fs.write"))
    if out.exit != 0:
        lines = [ln for ln in out.stderr.splitlines() if ln.strip()]
        raise nlsh.ActionFailed("git init failed: " + one_line(lines[-1] if lines else f"exit {out.exit}")[:300])
    shown = one_line(os.path.realpath(target / ".git"))  # as git init prints it
    return nlsh.ActionResult(output=f"Initialized empty Git repository in {shown}/", data={"path": str(target)})


def _check_remote(git: Repo, name: str, url: str) -> None:
    if not re.fullmatch(r"[\w][\w.-]*", name or ""):
        raise nlsh.ActionFailed(f"not a remote name: {one_line(str(name))!r}", hint="e.g. origin or upstream")
    if not url or url.startswith("-") or "::" in url or not _URL.match(url):
        raise nlsh.ActionFailed(f"not a repository address: {one_line(str(url))!r}",
                                hint="https://host/path.git, git@host:path.git or a local path")
    if name in git.text("remote").split():
        raise nlsh.ActionFailed(f"a remote {one_line(name)} already exists",
                                hint="see the addresses with 'show the remotes'")


def _preview_remote_add(ctx: nlsh.ActionContext, name: str, url: str, repo: str | None = None) -> nlsh.Preview:
    git = Repo.at(ctx, repo)
    _check_remote(git, name, url)
    return nlsh.Preview(summary=f"add the remote {one_line(name)} -> {one_line(url)} (nothing is downloaded)",
                        targets=(str(git.top),), reversible=True)


def undo_remote_add(ctx: nlsh.ActionContext, data: dict) -> str:
    git = Repo.at(ctx, data["repo"])
    git.run("remote", "remove", data["name"], write=True)
    return f"removed the remote {one_line(data['name'])}"


@nlsh.action("git.remote_add", capabilities=WRITE, risk=nlsh.Risk.R1, reversible=True,
             preview=_preview_remote_add, undo=undo_remote_add)
def remote_add(ctx: nlsh.ActionContext, name: str, url: str, repo: nlsh.InPath | None = None) -> nlsh.ActionResult:
    """Add a remote, a named address to fetch from and push to (git remote add NAME URL); nothing is downloaded.

    Args:
        name: the remote's name, e.g. origin or upstream.
        url: where the repository is: https://..., git@host:path, or a local path.
        repo: a folder in the repository; default: the current folder.
    """
    git = Repo.at(ctx, repo)
    _check_remote(git, name, url)
    git.run("remote", "add", "--", name, url, write=True)
    return nlsh.ActionResult(output=f"{one_line(name)}  {one_line(url)}", data={"name": name, "url": url},
                             undo={"repo": str(git.top), "name": name})
