"""Read-only listings: branches, remotes, stashes and tags (one per line); the current branch
and the number of stashes (one word, as `git branch --show-current` and `git stash list | wc -l` print)."""

from __future__ import annotations

import nlsh

from .runner import Repo
from .text import one_line

__all__ = ["branches", "current_branch", "remotes", "stash_count", "stashes", "tags"]

READ = ("git.read",)
_REF_FIELDS = ("current", "name", "commit", "upstream", "track", "when", "subject")


def _refs(git: Repo, *patterns: str, sort: str = "-committerdate") -> list[dict]:
    fmt = "%00".join(("%(HEAD)", "%(refname:short)", "%(objectname:short)", "%(upstream:short)",
                      "%(upstream:track)", "%(committerdate:relative)", "%(contents:subject)"))
    out = git.text("for-each-ref", f"--sort={sort}", f"--format={fmt}", *patterns)
    rows = []
    for line in out.splitlines():
        row = dict(zip(_REF_FIELDS, line.split("\0")))
        row["current"] = row.get("current") == "*"
        rows.append(row)
    return rows


@nlsh.action("git.branches", capabilities=READ, risk=nlsh.Risk.R0)
def branches(ctx: nlsh.ActionContext, remote: bool = False, repo: nlsh.InPath | None = None) -> nlsh.ActionResult:
    """List the branches, the current one marked with *, most recently changed first.

    Args:
        remote: also list the remote-tracking branches (origin/main ...).
        repo: a folder in the repository; default: the current folder.
    """
    git = Repo.at(ctx, repo)
    rows = _refs(git, "refs/heads", *(["refs/remotes"] if remote else []))
    lines = []
    for r in rows:
        track = f" [{one_line(r['upstream'])}{' ' + r['track'] if r['track'] else ''}]" if r["upstream"] else ""
        lines.append(f"{'*' if r['current'] else ' '} {one_line(r['name'])}  {r['commit']}{track}  "
                     f"{r['when']}  {one_line(r['subject'])}")
    current = git.branch()
    if not rows:
        lines.append(f"no branches yet (on {one_line(current)}, no commits)" if current else "no branches")
    return nlsh.ActionResult(output="\n".join(lines), data={"branches": rows, "current": current})


@nlsh.action("git.current_branch", capabilities=READ, risk=nlsh.Risk.R0)
def current_branch(ctx: nlsh.ActionContext, repo: nlsh.InPath | None = None) -> nlsh.ActionResult:
    """Print the name of the branch checked out (git branch --show-current).

    Args:
        repo: a folder in the repository; default: the current folder.
    """
    git = Repo.at(ctx, repo)
    name = git.branch()
    if name is not None:
        return nlsh.ActionResult(output=one_line(name), data={"branch": name, "detached": False})
    commit = git.head() or ""
    return nlsh.ActionResult(output=f"(HEAD detached at {commit[:7]})", data={"branch": None, "detached": True,
                                                                             "commit": commit})


@nlsh.action("git.remotes", capabilities=READ, risk=nlsh.Risk.R0)
def remotes(ctx: nlsh.ActionContext, repo: nlsh.InPath | None = None) -> nlsh.ActionResult:
    """List the remotes and the addresses they fetch from and push to.

    Args:
        repo: a folder in the repository; default: the current folder.
    """
    git = Repo.at(ctx, repo)
    found: dict[str, dict] = {}
    for line in git.text("remote", "-v").splitlines():
        name, _, rest = line.partition("\t")
        url, _, kind = rest.rpartition(" ")
        found.setdefault(name, {"name": name})[kind.strip("()") or "fetch"] = url
    rows = list(found.values())
    lines = [f"{one_line(r['name'])}  {one_line(r.get('fetch', ''))}"
             + (f"  (push: {one_line(r['push'])})" if r.get("push") not in (None, r.get("fetch")) else "")
             for r in rows]
    return nlsh.ActionResult(output="\n".join(lines) or "no remotes", data={"remotes": rows})


@nlsh.action("git.stashes", capabilities=READ, risk=nlsh.Risk.R0)
def stashes(ctx: nlsh.ActionContext, repo: nlsh.InPath | None = None) -> nlsh.ActionResult:
    """List the stashed changes, newest first.

    Args:
        repo: a folder in the repository; default: the current folder.
    """
    git = Repo.at(ctx, repo)
    out = git.run("stash", "list", "--format=%gd%x00%H%x00%cr%x00%gs", ok=(0,))
    rows = [dict(zip(("name", "commit", "when", "message"), line.split("\0"))) for line in out.stdout.splitlines()]
    lines = [f"{r['name']}  {r['when']}  {one_line(r['message'])}" for r in rows]
    return nlsh.ActionResult(output="\n".join(lines) or "no stashes", data={"stashes": rows})


@nlsh.action("git.stash_count", capabilities=READ, risk=nlsh.Risk.R0)
def stash_count(ctx: nlsh.ActionContext, repo: nlsh.InPath | None = None) -> nlsh.ActionResult:
    """Count the stashed changes (the entries of git stash list).

    Args:
        repo: a folder in the repository; default: the current folder.
    """
    git = Repo.at(ctx, repo)
    names = git.text("stash", "list", "--format=%gd").splitlines()
    return nlsh.ActionResult(output=str(len(names)), data={"count": len(names), "stashes": names})


@nlsh.action("git.tags", capabilities=READ, risk=nlsh.Risk.R0)
def tags(ctx: nlsh.ActionContext, repo: nlsh.InPath | None = None) -> nlsh.ActionResult:
    """List the tags, newest first.

    Args:
        repo: a folder in the repository; default: the current folder.
    """
    git = Repo.at(ctx, repo)
    rows = _refs(git, "refs/tags", sort="-creatordate")
    for r in rows:
        del r["current"], r["upstream"], r["track"]
    lines = [f"{one_line(r['name'])}  {r['commit']}  {r['when']}  {one_line(r['subject'])}" for r in rows]
    return nlsh.ActionResult(output="\n".join(lines) or "no tags", data={"tags": rows})
