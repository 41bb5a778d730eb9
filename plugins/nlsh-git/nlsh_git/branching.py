"""Branches and tags: create, switch, delete (safe or forced), merge, abort a merge, tag.

Deleting records the commit the branch pointed at, so undo recreates it; a forced delete's
preview lists the commits that no other branch, tag or remote-tracking branch contains.
"""

from __future__ import annotations

import nlsh

from .runner import Repo, check_revision, object_id
from .text import one_line, plural, short

__all__ = ["branch_create", "branch_delete", "branch_force_delete", "merge", "merge_abort", "switch",
           "tag_create", "check_branch_name", "only_on", "previous_branch", "require_branch"]

WRITE = ("git.read", "git.write")
WORKTREE = ("git.read", "git.write", "fs.write")


def check_branch_name(git: Repo, name: str, kind: str = "branch") -> str:
    if not name or name.startswith("-") or not name.isprintable():
        raise nlsh.ActionFailed(f"not a valid {kind} name: {one_line(name)!r}")
    ref = f"refs/heads/{name}" if kind == "branch" else f"refs/tags/{name}"
    if git.run("check-ref-format", ref, ok=(0, 1)).exit != 0:
        raise nlsh.ActionFailed(f"not a valid {kind} name: {one_line(name)!r}",
                                hint="no spaces, no '..', no ~^:?*[ characters")
    return name


def _branch_commit(git: Repo, name: str) -> str | None:
    out = git.run("rev-parse", "--verify", "-q", f"refs/heads/{name}", ok=(0, 1))
    return out.stdout.strip() or None


def require_branch(git: Repo, name: str) -> str:
    check_branch_name(git, name)
    commit = _branch_commit(git, name)
    if commit is None:
        raise nlsh.ActionFailed(f"there is no branch {one_line(name)}", hint="list them with 'show branches'")
    return commit


def only_on(git: Repo, name: str, limit: int = 50) -> list[str]:
    """Commits reachable from branch `name` and from no other branch, tag or remote branch."""
    out = git.text("log", f"--max-count={limit}", "--format=%h %s", f"refs/heads/{name}", "--not",
                   f"--exclude={name}", "--branches", "--remotes", "--tags")
    return [one_line(line) for line in out.splitlines()]


def _where(git: Repo) -> str:
    return git.branch() or git.head() or ""


def _preview_create(ctx: nlsh.ActionContext, name: str, start: str | None = None, switch: bool = False,
                    repo: str | None = None) -> nlsh.Preview:
    git = Repo.at(ctx, repo)
    at = one_line(start) if start else f"the current commit ({one_line(_where(git))})"
    return nlsh.Preview(summary=f"create branch {one_line(name)} at {at}" + (" and switch to it" if switch else ""),
                        targets=(str(git.top),), reversible=True)


def undo_create(ctx: nlsh.ActionContext, data: dict) -> str:
    git = Repo.at(ctx, data["repo"])
    if data.get("previous") and git.branch() == data["branch"]:
        _switch_to(git, data["previous"])
    git.run("update-ref", "-d", f"refs/heads/{data['branch']}", data["commit"], write=True)
    return f"deleted branch {one_line(data['branch'])} again"


@nlsh.action("git.branch_create", capabilities=WORKTREE, risk=nlsh.Risk.R1, reversible=True,
             preview=_preview_create, undo=undo_create)
def branch_create(ctx: nlsh.ActionContext, name: str, start: str | None = None, switch: bool = False,
                  repo: nlsh.InPath | None = None) -> nlsh.ActionResult:
    """Create a new branch (at the current commit, or at another), and optionally switch to it.

    Args:
        name: the new branch's name, e.g. feature-x.
        start: the commit, branch or tag it starts from; default: the current commit.
        switch: switch to the new branch right away.
        repo: a folder in the repository; default: the current folder.
    """
    git = Repo.at(ctx, repo)
    check_branch_name(git, name)
    if _branch_commit(git, name):
        raise nlsh.ActionFailed(f"a branch {one_line(name)} already exists", hint=f"switch to {one_line(name)} instead?")
    commit = git.resolve(start or "HEAD")
    previous = _where(git)
    git.run("branch", "--no-track", "--end-of-options", name, commit, write=True)
    if switch:
        git.run("switch", "-q", "--end-of-options", name, write=True)
    verb = "created and switched to" if switch else "created"
    return nlsh.ActionResult(output=f"{verb} branch {one_line(name)} at {short(commit)}",
                             data={"branch": name, "commit": commit},
                             undo={"repo": str(git.top), "branch": name, "commit": commit,
                                   "previous": previous if switch else None})


def _switch_to(git: Repo, target: str) -> None:
    if _branch_commit(git, target):
        git.run("switch", "-q", "--end-of-options", target, write=True)
    else:
        git.run("switch", "-q", "--detach", "--end-of-options", target, write=True)


def previous_branch(git: Repo) -> str:
    """The branch (or, if HEAD was detached there, the commit) checked out before this one: @{-1}."""
    out = git.run("rev-parse", "--symbolic-full-name", "-q", "--verify", "@{-1}", ok=(0, 1, 128))
    name = out.stdout.strip()
    if out.exit == 0 and name.startswith("refs/heads/"):
        return name.removeprefix("refs/heads/")
    commit = git.run("rev-parse", "-q", "--verify", "@{-1}", ok=(0, 1, 128)).stdout.strip()
    if not commit:
        raise nlsh.ActionFailed("no branch was checked out before this one", hint="list them with 'show branches'")
    return commit


def _preview_switch(ctx: nlsh.ActionContext, branch: str, repo: str | None = None) -> nlsh.Preview:
    git = Repo.at(ctx, repo)
    branch = previous_branch(git) if branch == "-" else branch
    changed = git.text("status", "--porcelain", "-uno").splitlines()
    details = [f"{plural(len(changed), 'uncommitted change')} come along (git refuses if they would be overwritten)"] \
        if changed else []
    return nlsh.Preview(summary=f"switch from {one_line(_where(git))} to {one_line(branch)}",
                        targets=(str(git.top),), details=tuple(details), reversible=True)


def undo_switch(ctx: nlsh.ActionContext, data: dict) -> str:
    git = Repo.at(ctx, data["repo"])
    if git.branch() != data["branch"]:
        raise nlsh.ActionFailed(f"you are no longer on {one_line(data['branch'])}; nothing was undone")
    _switch_to(git, data["previous"])
    return f"back on {one_line(data['previous'])}"


@nlsh.action("git.switch", capabilities=WORKTREE, risk=nlsh.Risk.R1, reversible=True, preview=_preview_switch,
             undo=undo_switch)
def switch(ctx: nlsh.ActionContext, branch: str, repo: nlsh.InPath | None = None) -> nlsh.ActionResult:
    """Switch to another branch (a remote's branch of that name is checked out as a new local one).

    Args:
        branch: the branch to switch to; "-" for the one checked out before (git switch -).
        repo: a folder in the repository; default: the current folder.
    """
    git = Repo.at(ctx, repo)
    back = branch == "-"
    branch = previous_branch(git) if back else check_branch_name(git, branch)
    previous = _where(git)
    if previous == branch:
        return nlsh.ActionResult(output=f"already on {one_line(branch)}", data={"branch": branch})
    if back:
        _switch_to(git, branch)  # a commit id when HEAD was detached there
    else:
        git.run("switch", "-q", "--end-of-options", branch, write=True)
    return nlsh.ActionResult(output=f"switched to {one_line(branch)} (from {one_line(previous)})",
                             data={"branch": branch, "previous": previous},
                             undo={"repo": str(git.top), "branch": branch, "previous": previous})


def _delete_preview(ctx: nlsh.ActionContext, name: str, repo: str | None, force: bool) -> nlsh.Preview:
    git = Repo.at(ctx, repo)
    commit = require_branch(git, name)
    lost = only_on(git, name)
    if lost and not force:
        details = [f"{plural(len(lost), 'commit')} exist only on this branch: git will refuse; "
                   "use a forced delete to lose them"]
    elif lost:
        details = [f"[!] these {plural(len(lost), 'commit')} exist only on this branch:"] + [f"  {c}" for c in lost[:20]]
    else:
        details = ["every commit on it is on another branch too: nothing is lost"]
    details.append(f"undo recreates it at {short(commit)}")
    return nlsh.Preview(summary=f"delete branch {one_line(name)} (at {short(commit)})", targets=(str(git.top),),
                        count=len(lost), details=tuple(details), reversible=True)


def undo_delete(ctx: nlsh.ActionContext, data: dict) -> str:
    git = Repo.at(ctx, data["repo"])
    git.run("update-ref", "-m", "nlsh undo", f"refs/heads/{data['branch']}", data["commit"], "", write=True)
    if data.get("upstream"):
        git.run("branch", f"--set-upstream-to={data['upstream']}", "--end-of-options", data["branch"],
                write=True, ok=(0, 128))
    return f"recreated branch {one_line(data['branch'])} at {short(data['commit'])}"


def _delete(ctx: nlsh.ActionContext, name: str, repo: str | None, force: bool) -> nlsh.ActionResult:
    git = Repo.at(ctx, repo)
    commit = require_branch(git, name)
    if name == git.branch():
        raise nlsh.ActionFailed(f"{one_line(name)} is the current branch", hint="switch to another branch first")
    lost = only_on(git, name)
    upstream = git.run("rev-parse", "--abbrev-ref", "-q", f"{name}@{{upstream}}", ok=(0, 128)).stdout.strip()
    git.run("branch", "-D" if force else "-d", "--end-of-options", name, write=True)
    extra = f"; {plural(len(lost), 'commit')} only it had can be brought back with undo" if lost else ""
    return nlsh.ActionResult(output=f"deleted branch {one_line(name)} (was {short(commit)}){extra}",
                             data={"branch": name, "commit": commit, "lost": lost},
                             undo={"repo": str(git.top), "branch": name, "commit": commit, "upstream": upstream})


def _preview_delete(ctx: nlsh.ActionContext, name: str, repo: str | None = None) -> nlsh.Preview:
    return _delete_preview(ctx, name, repo, force=False)


def _preview_force_delete(ctx: nlsh.ActionContext, name: str, repo: str | None = None) -> nlsh.Preview:
    return _delete_preview(ctx, name, repo, force=True)


@nlsh.action("git.branch_delete", capabilities=WRITE, risk=nlsh.Risk.R2, reversible=True,
             preview=_preview_delete, undo=undo_delete)
def branch_delete(ctx: nlsh.ActionContext, name: str, repo: nlsh.InPath | None = None) -> nlsh.ActionResult:
    """Delete a branch whose commits are all merged elsewhere (git refuses otherwise).

    Args:
        name: the branch to delete.
        repo: a folder in the repository; default: the current folder.
    """
    return _delete(ctx, name, repo, force=False)


@nlsh.action("git.branch_force_delete", capabilities=WRITE, risk=nlsh.Risk.R3, reversible=True,
             preview=_preview_force_delete, undo=undo_delete)
def branch_force_delete(ctx: nlsh.ActionContext, name: str, repo: nlsh.InPath | None = None) -> nlsh.ActionResult:
    """Delete a branch even if it has commits no other branch has (git branch -D).

    Args:
        name: the branch to delete.
        repo: a folder in the repository; default: the current folder.
    """
    return _delete(ctx, name, repo, force=True)


def _preview_merge(ctx: nlsh.ActionContext, branch: str, no_ff: bool = False, message: str | None = None,
                   repo: str | None = None) -> nlsh.Preview:
    git = Repo.at(ctx, repo)
    theirs = git.resolve(branch)
    head = git.head()
    incoming = git.text("log", "--max-count=20", "--format=%h %s", f"{head}..{theirs}").splitlines() if head else []
    fast = head is None or git.run("merge-base", "--is-ancestor", head, theirs, ok=(0, 1)).exit == 0
    how = "fast-forward" if fast and not no_ff else "merge commit"
    if not incoming:
        return nlsh.Preview(summary=f"merge {one_line(branch)}: already up to date", reversible=False)
    details = [f"  {one_line(c)}" for c in incoming]
    if git.text("status", "--porcelain", "-uno").strip():
        details.append("[!] there are uncommitted changes: git refuses if the merge touches them")
    return nlsh.Preview(summary=f"merge {one_line(branch)} into {one_line(_where(git))} ({how})",
                        targets=(str(git.top),), count=len(incoming), details=tuple(details), reversible=True)


def undo_merge(ctx: nlsh.ActionContext, data: dict) -> str:
    git = Repo.at(ctx, data["repo"])
    if git.head() != data["now"]:
        raise nlsh.ActionFailed("the branch has moved on since the merge; nothing was undone")
    git.run("update-index", "-q", "--refresh", write=True, ok=(0, 1))  # stale stat info is not a change
    git.run("reset", "-q", "--keep", object_id(data["before"]), write=True)
    return f"the merge is undone: back at {short(data['before'])}"


@nlsh.action("git.merge", capabilities=WORKTREE, risk=nlsh.Risk.R2, reversible=True, preview=_preview_merge,
             undo=undo_merge)
def merge(ctx: nlsh.ActionContext, branch: str, no_ff: bool = False, message: str | None = None,
          repo: nlsh.InPath | None = None) -> nlsh.ActionResult:
    """Merge another branch into the current one.

    Args:
        branch: the branch (or commit) to merge in.
        no_ff: always make a merge commit, even when a fast-forward would do.
        message: the merge commit's message; default: git's "Merge branch ...".
        repo: a folder in the repository; default: the current folder.
    """
    git = Repo.at(ctx, repo)
    check_revision(branch)
    git.resolve(branch)
    before = git.head()
    args = ["merge", "--no-edit", "--no-verify", "-q"] + (["--no-ff"] if no_ff else ["--ff"])
    args += ["-m", message] if message else []
    out = git.run(*args, "--end-of-options", branch, write=True, ok=(0, 1))
    now = git.head()
    if out.exit == 1:
        conflicts = [p for p in git.text("diff", "--name-only", "--diff-filter=U", "-z").split("\0") if p]
        if not conflicts:
            raise nlsh.ActionFailed("git merge failed: " + one_line((out.stderr or out.stdout).strip())[:300])
        lines = [f"  {git.show(p)}" for p in conflicts]
        return nlsh.ActionResult(
            output=f"merging {one_line(branch)} stopped: {plural(len(conflicts), 'file')} in conflict\n"
            + "\n".join(lines) + "\nresolve them, stage them and commit, or say 'abort the merge'",
            data={"conflicts": conflicts}, ok=False, exit=1)
    if now == before:
        return nlsh.ActionResult(output="already up to date", data={"commit": now})
    return nlsh.ActionResult(output=f"merged {one_line(branch)}: {one_line(_where(git))} is now at {short(now or '')}",
                             data={"commit": now, "before": before},
                             undo={"repo": str(git.top), "before": before, "now": now} if before else None)


def _preview_abort(ctx: nlsh.ActionContext, repo: str | None = None) -> nlsh.Preview:
    git = Repo.at(ctx, repo)
    conflicts = [p for p in git.text("diff", "--name-only", "--diff-filter=U", "-z").split("\0") if p]
    return nlsh.Preview(summary="abort the merge in progress and put the files back as before it",
                        targets=tuple(str(git.top / p) for p in conflicts), count=len(conflicts),
                        details=("conflict resolutions made so far are lost",), reversible=False)


@nlsh.action("git.merge_abort", capabilities=WORKTREE, risk=nlsh.Risk.R2, preview=_preview_abort)
def merge_abort(ctx: nlsh.ActionContext, repo: nlsh.InPath | None = None) -> nlsh.ActionResult:
    """Abort a merge that stopped in conflicts, returning to the state before it.

    Args:
        repo: a folder in the repository; default: the current folder.
    """
    git = Repo.at(ctx, repo)
    git.run("merge", "--abort", write=True)
    return nlsh.ActionResult(output="the merge was aborted", data={"aborted": True})


def undo_tag(ctx: nlsh.ActionContext, data: dict) -> str:
    git = Repo.at(ctx, data["repo"])
    git.run("update-ref", "-d", f"refs/tags/{data['tag']}", data["object"], write=True)
    return f"deleted tag {one_line(data['tag'])} again"


@nlsh.action("git.tag_create", capabilities=WRITE, risk=nlsh.Risk.R1, reversible=True, undo=undo_tag)
def tag_create(ctx: nlsh.ActionContext, name: str, revision: str = "HEAD", message: str | None = None,
               repo: nlsh.InPath | None = None) -> nlsh.ActionResult:
    """Tag a commit (the current one by default), e.g. to mark a release.

    Args:
        name: the tag, e.g. v1.0.
        revision: the commit, branch or tag to tag.
        message: make an annotated tag with this message.
        repo: a folder in the repository; default: the current folder.
    """
    git = Repo.at(ctx, repo)
    check_branch_name(git, name, kind="tag")
    commit = git.resolve(revision)
    if git.run("rev-parse", "--verify", "-q", f"refs/tags/{name}", ok=(0, 1)).stdout.strip():
        raise nlsh.ActionFailed(f"a tag {one_line(name)} already exists")
    args = ["tag", "--no-sign"] + (["-a", "-m", message] if message else [])
    git.run(*args, "--end-of-options", name, commit, write=True)
    obj = git.text("rev-parse", f"refs/tags/{name}").strip()
    return nlsh.ActionResult(output=f"tagged {short(commit)} as {one_line(name)}",
                             data={"tag": name, "commit": commit},
                             undo={"repo": str(git.top), "tag": name, "object": obj})
