"""The network: fetch, pull, push, force push and clone. All R3 (confirmed every time) and run
with the sandbox's "net" grant. Pushes are never undone by nlsh's undo (that would reach the
network unconfirmed); a force push records the remote's previous commit so it can be pushed back.
"""

from __future__ import annotations

import re
from pathlib import Path

import nlsh

from .runner import NETWORK_TIMEOUT, RECEIVE_PACK, UPLOAD_PACK, GitOutput, Repo, invoke_outside, object_id
from .text import one_line, plural, short

__all__ = ["clone", "fetch", "pull", "push", "push_force"]

FETCH = ("git.read", "git.write", "net")
PUSH = ("git.read", "git.write", "git.push", "net")
CLONE = ("git.write", "fs.write", "net")


def _check_name(value: str, what: str) -> str:
    if not value or value.startswith("-") or not value.isprintable() or " " in value:
        raise nlsh.ActionFailed(f"not a {what} name: {one_line(value)!r}")
    return value


def _remote_and_branch(git: Repo, remote: str | None, branch: str | None) -> tuple[str, str]:
    current = git.branch()
    branch = _check_name(branch or current or "", "branch") if (branch or current) else ""
    if not branch:
        raise nlsh.ActionFailed("HEAD is detached: say which branch", hint="e.g. push main to origin")
    if not remote:
        configured = git.run("config", "--get", f"branch.{branch}.remote", ok=(0, 1)).stdout.strip()
        remote = configured or "origin"
    _check_name(remote, "remote")
    if git.run("remote", "get-url", "--", remote, ok=(0, 2, 128)).exit != 0:
        raise nlsh.ActionFailed(f"there is no remote {one_line(remote)}", hint="list them with 'show remotes'")
    return remote, branch


def _url(git: Repo, remote: str, push: bool = False) -> str:
    return git.text("remote", "get-url", *(["--push"] if push else []), "--", remote).strip()


def _remote_ref(git: Repo, remote: str, branch: str) -> str | None:
    out = git.run("rev-parse", "--verify", "-q", f"refs/remotes/{remote}/{branch}", ok=(0, 1))
    return out.stdout.strip() or None


def _tracking_refs(git: Repo) -> dict[str, str]:
    out = git.text("for-each-ref", "--format=%(refname:short) %(objectname) %(symref)", "refs/remotes")
    rows = [line.split(" ") for line in out.splitlines()]
    return {row[0]: row[1] for row in rows if len(row) == 3 and not row[2]}  # symbolic refs (origin/HEAD) skipped


def _preview_fetch(ctx: nlsh.ActionContext, remote: str | None = None, repo: str | None = None) -> nlsh.Preview:
    git = Repo.at(ctx, repo)
    name = _check_name(remote, "remote") if remote else "every remote"
    urls = [_url(git, r) for r in ([remote] if remote else git.text("remote").split())]
    return nlsh.Preview(summary=f"fetch from {one_line(name)} (network)", targets=tuple(urls),
                        details=("downloads new commits; your branches and files are not changed",), reversible=False)


@nlsh.action("git.fetch", capabilities=FETCH, risk=nlsh.Risk.R3, preview=_preview_fetch)
def fetch(ctx: nlsh.ActionContext, remote: str | None = None, repo: nlsh.InPath | None = None) -> nlsh.ActionResult:
    """Download new commits and branches from a remote without changing your own branches.

    Args:
        remote: the remote to fetch from; default: every remote.
        repo: a folder in the repository; default: the current folder.
    """
    git = Repo.at(ctx, repo)
    before = _tracking_refs(git)
    names = [_check_name(remote, "remote")] if remote else git.text("remote").split()
    for name in names:  # one at a time: `fetch --all` would not pass --upload-pack on
        git.run("fetch", "-q", UPLOAD_PACK, "--no-recurse-submodules", "--end-of-options", name,
                write=True, net=True)
    after = _tracking_refs(git)
    changed = sorted(name for name, sha in after.items() if before.get(name) != sha)
    lines = [f"  {one_line(n)}: {short(before[n]) + '..' if n in before else 'new at '}{short(after[n])}"
             for n in changed]
    head = f"fetched: {plural(len(changed), 'branch')} updated" if changed else "fetched: nothing new"
    return nlsh.ActionResult(output="\n".join([head] + lines), data={"updated": changed})


def _outgoing(git: Repo, remote: str, branch: str) -> list[str]:
    known = _remote_ref(git, remote, branch)
    head = git.head()
    if head is None:
        return []
    span = [f"{known}..{head}"] if known else [head, "--not", "--remotes"]
    return [one_line(c) for c in git.text("log", "--max-count=50", "--format=%h %s", *span).splitlines()]


def _preview_push(ctx: nlsh.ActionContext, remote: str | None = None, branch: str | None = None,
                  set_upstream: bool = False, repo: str | None = None) -> nlsh.Preview:
    git = Repo.at(ctx, repo)
    remote, branch = _remote_and_branch(git, remote, branch)
    commits = _outgoing(git, remote, branch)
    return nlsh.Preview(summary=f"push {one_line(branch)} to {one_line(remote)} ({plural(len(commits), 'commit')})",
                        targets=(_url(git, remote, push=True),), count=len(commits),
                        details=tuple(f"  {c}" for c in commits[:20]) + ("other people will see these commits",),
                        reversible=False)


@nlsh.action("git.push", capabilities=PUSH, risk=nlsh.Risk.R3, preview=_preview_push)
def push(ctx: nlsh.ActionContext, remote: str | None = None, branch: str | None = None, set_upstream: bool = False,
         repo: nlsh.InPath | None = None) -> nlsh.ActionResult:
    """Publish your commits on a branch to a remote (git push); refuses to overwrite others' work.

    Args:
        remote: the remote to push to; default: the branch's own remote, or origin.
        branch: the branch to push; default: the current one.
        set_upstream: remember the remote branch as this branch's upstream (-u).
        repo: a folder in the repository; default: the current folder.
    """
    git = Repo.at(ctx, repo)
    remote, branch = _remote_and_branch(git, remote, branch)
    commits = _outgoing(git, remote, branch)
    out = git.run("push", "--porcelain", "--no-verify", RECEIVE_PACK, *(["-u"] if set_upstream else []), "--end-of-options",
                  remote, f"refs/heads/{branch}:refs/heads/{branch}", write=True, net=True, ok=(0, 1))
    if out.exit != 0:
        raise _push_failed(out)
    return nlsh.ActionResult(output=f"pushed {one_line(branch)} to {one_line(remote)}: "
                             f"{plural(len(commits), 'commit')}", data={"remote": remote, "branch": branch,
                                                                        "commits": commits})


def _push_failed(out: GitOutput) -> nlsh.ActionFailed:
    text = out.stderr + out.stdout
    if "[rejected]" in text or "non-fast-forward" in text or "stale info" in text or "fetch first" in text:
        return nlsh.ActionFailed("the remote has commits you do not have; nothing was pushed",
                                 hint="pull first ('pull the latest changes'), then push")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith(("To ", "Done"))]
    return nlsh.ActionFailed("git push failed: " + one_line(lines[-1] if lines else f"exit {out.exit}")[:300])


def _preview_force(ctx: nlsh.ActionContext, remote: str | None = None, branch: str | None = None,
                   repo: str | None = None) -> nlsh.Preview:
    git = Repo.at(ctx, repo)
    remote, branch = _remote_and_branch(git, remote, branch)
    known = _remote_ref(git, remote, branch)
    lost = git.text("log", "--max-count=50", "--format=%h %s", f"HEAD..{known}").splitlines() if known else []
    details = [f"[!] the remote loses {plural(len(lost), 'commit')} (as of the last fetch):"] if lost else \
        ["no commit on the remote is lost (as of the last fetch)"]
    details += [f"  {one_line(c)}" for c in lost[:20]]
    details.append("refused if the remote moved since the last fetch (--force-with-lease)")
    return nlsh.Preview(summary=f"FORCE push {one_line(branch)} to {one_line(remote)}, replacing its history",
                        targets=(_url(git, remote, push=True),), count=len(lost), details=tuple(details),
                        reversible=False)


@nlsh.action("git.push_force", capabilities=PUSH, risk=nlsh.Risk.R3, preview=_preview_force)
def push_force(ctx: nlsh.ActionContext, remote: str | None = None, branch: str | None = None,
               repo: nlsh.InPath | None = None) -> nlsh.ActionResult:
    """Overwrite a remote branch with yours (push --force-with-lease): its commits you lack are lost there.

    Args:
        remote: the remote to push to; default: the branch's own remote, or origin.
        branch: the branch to push; default: the current one.
        repo: a folder in the repository; default: the current folder.
    """
    git = Repo.at(ctx, repo)
    remote, branch = _remote_and_branch(git, remote, branch)
    known = _remote_ref(git, remote, branch)
    lease = f"--force-with-lease=refs/heads/{branch}:{known or ''}"
    out = git.run("push", "--porcelain", "--no-verify", RECEIVE_PACK, lease, "--end-of-options", remote,
                  f"refs/heads/{branch}:refs/heads/{branch}", write=True, net=True, ok=(0, 1))
    if out.exit != 0:
        raise _push_failed(out)
    recover = f"; the remote was at {short(known)}: to put it back, push {known} to {branch} with force" if known else ""
    return nlsh.ActionResult(output=f"force-pushed {one_line(branch)} to {one_line(remote)}{recover}",
                             data={"remote": remote, "branch": branch, "previous": known})


def _preview_pull(ctx: nlsh.ActionContext, remote: str | None = None, branch: str | None = None,
                  repo: str | None = None) -> nlsh.Preview:
    git = Repo.at(ctx, repo)
    remote, branch = _remote_and_branch(git, remote, branch)
    return nlsh.Preview(summary=f"pull {one_line(branch)} from {one_line(remote)} and merge it into "
                        f"{one_line(git.branch() or 'HEAD')}", targets=(_url(git, remote),),
                        details=("undo moves your branch back to where it is now",), reversible=True)


def undo_pull(ctx: nlsh.ActionContext, data: dict) -> str:
    git = Repo.at(ctx, data["repo"])
    if git.head() != data["now"]:
        raise nlsh.ActionFailed("the branch has moved since the pull; nothing was undone")
    git.run("update-index", "-q", "--refresh", write=True, ok=(0, 1))  # stale stat info is not a change
    git.run("reset", "-q", "--keep", object_id(data["before"]), write=True)
    return f"back at {short(data['before'])}, as before the pull"


@nlsh.action("git.pull", capabilities=FETCH + ("fs.write",), risk=nlsh.Risk.R3, reversible=True,
             preview=_preview_pull, undo=undo_pull)
def pull(ctx: nlsh.ActionContext, remote: str | None = None, branch: str | None = None,
         repo: nlsh.InPath | None = None) -> nlsh.ActionResult:
    """Fetch a remote branch and merge it into the current branch (git pull, merging).

    Args:
        remote: the remote to pull from; default: the branch's own remote, or origin.
        branch: the remote branch to pull; default: the one named like the current branch.
        repo: a folder in the repository; default: the current folder.
    """
    git = Repo.at(ctx, repo)
    remote, branch = _remote_and_branch(git, remote, branch)
    before = git.head()
    out = git.run("pull", "-q", UPLOAD_PACK, "--no-rebase", "--no-edit", "--no-verify", "--no-recurse-submodules",
                  "--end-of-options", remote, branch, write=True, net=True, ok=(0, 1))
    now = git.head()
    if out.exit != 0:
        conflicts = [p for p in git.text("diff", "--name-only", "--diff-filter=U", "-z").split("\0") if p]
        if conflicts:
            return nlsh.ActionResult(output="the pull stopped in conflicts: " + ", ".join(map(git.show, conflicts))
                                     + "\nresolve them and commit, or say 'abort the merge'",
                                     data={"conflicts": conflicts}, ok=False, exit=1)
        raise nlsh.ActionFailed("git pull failed: " + one_line((out.stderr.strip().splitlines() or ["?"])[-1])[:300])
    if now == before:
        return nlsh.ActionResult(output="already up to date", data={"commit": now})
    count = len(git.text("rev-list", f"{before}..{now}").split()) if before else 0
    return nlsh.ActionResult(output=f"pulled {plural(count, 'commit')} from {one_line(remote)}/{one_line(branch)}",
                             data={"before": before, "commit": now},
                             undo={"repo": str(git.top), "before": before, "now": now} if before else None)


_URL = re.compile(r"^(?:(?:https?|ssh|git|file)://\S+|[\w.-]+@[\w.-]+:\S+|[^\s:]+)$")


def _preview_clone(ctx: nlsh.ActionContext, url: str, destination: str | None = None) -> nlsh.Preview:
    target = _destination(ctx, url, destination)
    return nlsh.Preview(summary=f"clone {one_line(url)} into {one_line(ctx.display(target))} (network)",
                        targets=(str(target),), reversible=False)


def _destination(ctx: nlsh.ActionContext, url: str, destination: str | None) -> Path:
    if destination:
        return Path(ctx.cwd, destination)
    name = re.sub(r"\.git$", "", url.rstrip("/").rsplit("/", 1)[-1].rsplit(":", 1)[-1]) or "repository"
    return Path(ctx.cwd, name)


@nlsh.action("git.clone", capabilities=CLONE, risk=nlsh.Risk.R3, preview=_preview_clone)
def clone(ctx: nlsh.ActionContext, url: str, destination: nlsh.OutPath | None = None) -> nlsh.ActionResult:
    """Download a copy of a repository (git clone) into a new folder.

    Args:
        url: where the repository is: https://..., git@host:path, or a local path.
        destination: the new folder; default: named after the repository, in the current folder.
    """
    if url.startswith("-") or "::" in url or not _URL.match(url):
        raise nlsh.ActionFailed(f"not a repository address nlsh clones: {one_line(url)!r}",
                                hint="https://host/path.git, git@host:path.git or a local path")
    target = _destination(ctx, url, destination)
    if target.exists():
        raise nlsh.ActionFailed(f"{one_line(ctx.display(target))} already exists")
    out = invoke_outside(ctx, target.parent, ["clone", "-q", UPLOAD_PACK, "--no-recurse-submodules", "--end-of-options",
                                              url, str(target)], capabilities=("git.write", "net"),
                         timeout=NETWORK_TIMEOUT)
    if out.exit != 0:
        lines = [ln for ln in out.stderr.splitlines() if ln.strip()]
        raise nlsh.ActionFailed("git clone failed: " + one_line(lines[-1] if lines else f"exit {out.exit}")[:300])
    git = Repo.at(ctx, str(target))
    count = git.text("rev-list", "--count", "HEAD").strip() if git.head() else "0"
    return nlsh.ActionResult(output=f"cloned into {one_line(ctx.display(target))}: "
                             f"{one_line(git.branch() or 'no branch')}, {count} commits",
                             data={"path": str(target), "branch": git.branch(), "commits": int(count or 0)})
