"""Commits: make one, amend the last one, take the last one back. Each records the commit it
replaced, so undo moves the branch back (`reset --soft`: the changes stay staged).
"""

from __future__ import annotations

import nlsh

from .runner import Repo
from .text import one_line, plural, short

__all__ = ["amend", "commit", "move_head", "uncommit", "undo_move_head"]

WRITE = ("git.read", "git.write")


def _staged_names(git: Repo, all_changes: bool) -> list[str]:
    if git.head() is None:
        names = git.text("ls-files", "-z").split("\0")
    elif all_changes:
        names = git.text("diff", "HEAD", "--name-status", "-z", "--no-ext-diff").split("\0")
    else:
        names = git.text("diff", "--cached", "--name-status", "-z", "--no-ext-diff").split("\0")
    if git.head() is None:
        return [f"new file: {git.show(n)}" for n in names if n]
    return _pair_status(git, [n for n in names if n])


def _pair_status(git: Repo, tokens: list[str]) -> list[str]:
    words = {"M": "modified", "A": "new file", "D": "deleted", "T": "type changed", "R": "renamed", "C": "copied"}
    lines, i = [], 0
    while i + 1 < len(tokens):
        code = tokens[i][:1]
        if code in ("R", "C") and i + 2 < len(tokens):
            lines.append(f"{words[code]}: {git.show(tokens[i + 1])} -> {git.show(tokens[i + 2])}")
            i += 3
        else:
            lines.append(f"{words.get(code, code)}: {git.show(tokens[i + 1])}")
            i += 2
    return lines


def _published(git: Repo, commit: str) -> list[str]:
    """Remote-tracking branches that already contain the commit."""
    out = git.text("branch", "-r", "--format=%(refname:short)", "--contains", commit)
    return [line for line in out.splitlines() if line]


def _check_message(message: str) -> str:
    if not message.strip():
        raise nlsh.ActionFailed("the commit message is empty", hint="say it, e.g. commit as 'fix typo'")
    return message


def _preview_commit(ctx: nlsh.ActionContext, message: str, all_changes: bool = False,
                    repo: str | None = None) -> nlsh.Preview:
    git = Repo.at(ctx, repo)
    files = _staged_names(git, all_changes)
    where = one_line(git.branch() or "a detached HEAD")
    if not files:
        summary = "nothing is staged: there is nothing to commit"
    else:
        summary = f"commit {plural(len(files), 'file')} to {where}: {one_line(message.splitlines()[0] if message else '')}"
    return nlsh.Preview(summary=summary, targets=(str(git.top),), count=len(files),
                        details=tuple(files[:20]) + (("…",) if len(files) > 20 else ()), reversible=True)


def undo_move_head(ctx: nlsh.ActionContext, data: dict) -> str:
    """Move the branch back to where it was (the files and the staging area stay as they are)."""
    git = Repo.at(ctx, data["repo"])
    if git.head() != data["now"]:
        raise nlsh.ActionFailed("the branch has moved on since; nothing was undone",
                                hint=f"it was at {short(data['before'] or '(no commits)')} before")
    move_head(git, data["before"], data["now"])
    if data["before"]:
        return f"the branch is back at {short(data['before'])}; the changes are staged"
    return "the first commit was taken back; the changes are staged"


def move_head(git: Repo, to: str | None, expected: str | None) -> None:
    """Point the current branch at `to` (None: no commit), only if it is still at `expected`."""
    if to:
        git.run("update-ref", "-m", "nlsh", "HEAD", to, expected or "", write=True)
    else:
        git.run("update-ref", "-m", "nlsh", "-d", "HEAD", expected or "", write=True)


def _move_undo(git: Repo, before: str | None, now: str | None) -> dict | None:
    return {"repo": str(git.top), "before": before, "now": now} if now else None


@nlsh.action("git.commit", capabilities=WRITE, risk=nlsh.Risk.R2, reversible=True, preview=_preview_commit,
             undo=undo_move_head)
def commit(ctx: nlsh.ActionContext, message: str, all_changes: bool = False,
           repo: nlsh.InPath | None = None) -> nlsh.ActionResult:
    """Record the staged changes as a new commit with a message.

    Args:
        message: the commit message.
        all_changes: first stage every change to files git already tracks (like commit -a).
        repo: a folder in the repository; default: the current folder.
    """
    git = Repo.at(ctx, repo)
    _check_message(message)
    files = _staged_names(git, all_changes)
    if not files:
        raise nlsh.ActionFailed("nothing is staged, so there is nothing to commit",
                                hint="stage files first ('stage README.md', 'stage everything')")
    before = git.head()
    git.run("commit", "--no-verify", "-q", "--cleanup=strip", *(["-a"] if all_changes else []),
            "-F", "-", write=True, stdin=message)
    now = git.head()
    subject = one_line(message.strip().splitlines()[0])
    return nlsh.ActionResult(
        output=f"[{one_line(git.branch() or 'detached')} {short(now or '')}] {subject}\n"
        f"{plural(len(files), 'file')} committed",
        data={"commit": now, "parent": before, "files": files}, undo=_move_undo(git, before, now))


def _preview_amend(ctx: nlsh.ActionContext, message: str | None = None, repo: str | None = None) -> nlsh.Preview:
    git = Repo.at(ctx, repo)
    head = git.head()
    if head is None:
        return nlsh.Preview(summary="there is no commit to amend", reversible=False)
    subject = git.text("log", "-1", "--format=%s").strip()
    files = _staged_names(git, False)
    details = [f"replaces {short(head)}: {one_line(subject)}"]
    details += [f"new message: {one_line(message.strip().splitlines()[0])}"] if message and message.strip() else []
    details += [f"adds {f}" for f in files[:20]]
    published = _published(git, head)
    if published:
        details.append("[!] that commit is already on " + ", ".join(map(one_line, published))
                       + ": amending rewrites published history (pushing then needs --force)")
    return nlsh.Preview(summary="rewrite the last commit", targets=(str(git.top),), count=len(files),
                        details=tuple(details), reversible=True)


@nlsh.action("git.amend", capabilities=WRITE, risk=nlsh.Risk.R2, reversible=True, preview=_preview_amend,
             undo=undo_move_head)
def amend(ctx: nlsh.ActionContext, message: str | None = None, repo: nlsh.InPath | None = None) -> nlsh.ActionResult:
    """Rewrite the last commit: add the staged changes to it and/or change its message.

    Args:
        message: the new message; default: keep the old one.
        repo: a folder in the repository; default: the current folder.
    """
    git = Repo.at(ctx, repo)
    before = git.head()
    if before is None:
        raise nlsh.ActionFailed("there is no commit to amend yet")
    args = ["commit", "--amend", "--no-verify", "-q", "--cleanup=strip"]
    if message is not None:
        _check_message(message)
        git.run(*args, "-F", "-", write=True, stdin=message)
    else:
        git.run(*args, "--no-edit", write=True)
    now = git.head()
    subject = git.text("log", "-1", "--format=%s").strip()
    return nlsh.ActionResult(output=f"amended: {short(before)} is now {short(now or '')} {one_line(subject)}",
                             data={"commit": now, "replaced": before}, undo=_move_undo(git, before, now))


def _preview_uncommit(ctx: nlsh.ActionContext, repo: str | None = None) -> nlsh.Preview:
    git = Repo.at(ctx, repo)
    head = git.head()
    if head is None:
        return nlsh.Preview(summary="there is no commit to take back", reversible=False)
    subject = git.text("log", "-1", "--format=%s").strip()
    details = ["its changes stay, staged"]
    published = _published(git, head)
    if published:
        details.append("[!] that commit is already on " + ", ".join(map(one_line, published)))
    return nlsh.Preview(summary=f"take back the last commit {short(head)}: {one_line(subject)}",
                        targets=(str(git.top),), details=tuple(details), reversible=True)


@nlsh.action("git.uncommit", capabilities=WRITE, risk=nlsh.Risk.R2, reversible=True, preview=_preview_uncommit,
             undo=undo_move_head)
def uncommit(ctx: nlsh.ActionContext, repo: nlsh.InPath | None = None) -> nlsh.ActionResult:
    """Take back the last commit, keeping its changes staged (git reset --soft HEAD~1).

    Args:
        repo: a folder in the repository; default: the current folder.
    """
    git = Repo.at(ctx, repo)
    before = git.head()
    if before is None:
        raise nlsh.ActionFailed("there is no commit to take back")
    parent = git.run("rev-parse", "--verify", "-q", f"{before}^", ok=(0, 1)).stdout.strip()
    move_head(git, parent or None, before)
    return nlsh.ActionResult(output=f"took back {short(before)}; its changes are staged",
                             data={"commit": before, "now": parent or None},
                             undo={"repo": str(git.top), "before": before, "now": parent or None, "redo": True})
