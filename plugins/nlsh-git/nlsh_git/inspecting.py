"""Read-only facts about a repository, each printed as the classic command prints it:
the tracked files (git ls-files), the number of commits (git rev-list --count), commits per
author (git shortlog -sn), the nearest tag (git describe) and the identity commits are made with
(git config user.name / user.email)."""

from __future__ import annotations

import os
import re

import nlsh

from .runner import Repo, check_revision, configured_identity
from .text import one_line

__all__ = ["commit_count", "config_get", "describe", "ls_files", "shortlog"]

READ = ("git.read",)
CONFIG_KEYS = ("user.name", "user.email", "init.defaultbranch", "core.editor", "pull.rebase", "push.default")


@nlsh.action("git.ls_files", capabilities=READ, risk=nlsh.Risk.R0)
def ls_files(ctx: nlsh.ActionContext, path: nlsh.InPath | None = None, untracked: bool = False,
             repo: nlsh.InPath | None = None) -> nlsh.ActionResult:
    """List the files git tracks, one per line, relative to the current folder (git ls-files).

    Args:
        path: only the files in this folder (or this file); default: the current folder.
        untracked: list the untracked files instead, ignored ones left out
            (git ls-files --others --exclude-standard).
        repo: a folder in the repository; default: the current folder.
    """
    git = Repo.at(ctx, repo)
    spec = git.pathspec(path or ".")
    others = ["--others", "--exclude-standard"] if untracked else []
    names = [n for n in git.text("ls-files", "-z", "--full-name", *others, "--", spec).split("\0") if n]
    here = os.path.normpath(ctx.cwd)
    shown = [one_line(os.path.relpath(os.path.join(git.top, n), here)) for n in names]
    return nlsh.ActionResult(output="\n".join(shown), data={"files": names, "count": len(names)})


@nlsh.action("git.commit_count", capabilities=READ, risk=nlsh.Risk.R0)
def commit_count(ctx: nlsh.ActionContext, revision: str = "HEAD", all_branches: bool = False,
                 author: str | None = None, repo: nlsh.InPath | None = None) -> nlsh.ActionResult:
    """Count the commits reachable from a revision (git rev-list --count HEAD).

    Args:
        revision: the branch, tag or commit to count from; default: the current one.
        all_branches: count the commits of every branch (git rev-list --count --all).
        author: only the commits whose author name or email contains this text.
        repo: a folder in the repository; default: the current folder.
    """
    git = Repo.at(ctx, repo)
    if not all_branches and git.head() is None and revision == "HEAD":
        return nlsh.ActionResult(output="0", data={"count": 0})
    args = ["rev-list", "--count"] + ([f"--author={author}", "--fixed-strings"] if author else [])
    target = ["--all"] if all_branches else ["--end-of-options", git.resolve(revision)]
    n = int(git.text(*args, *target).strip() or 0)
    return nlsh.ActionResult(output=str(n), data={"count": n})


@nlsh.action("git.shortlog", capabilities=READ, risk=nlsh.Risk.R0)
def shortlog(ctx: nlsh.ActionContext, revision: str = "HEAD", repo: nlsh.InPath | None = None) -> nlsh.ActionResult:
    """Count the commits of each author, most first (git shortlog -sn).

    Args:
        revision: the branch, tag or commit whose history to count; default: the current one.
        repo: a folder in the repository; default: the current folder.
    """
    git = Repo.at(ctx, repo)
    if git.head() is None and revision == "HEAD":
        return nlsh.ActionResult(output="", data={"authors": []})
    commit = git.resolve(revision)
    rows = []
    for line in git.text("shortlog", "-sn", "--end-of-options", commit).splitlines():
        n, _, name = line.strip().partition("\t")
        rows.append({"commits": int(n), "author": name})
    lines = [f"{r['commits']:>6}\t{one_line(r['author'])}" for r in rows]
    return nlsh.ActionResult(output="\n".join(lines), data={"authors": rows})


@nlsh.action("git.describe", capabilities=READ, risk=nlsh.Risk.R0)
def describe(ctx: nlsh.ActionContext, revision: str = "HEAD", repo: nlsh.InPath | None = None) -> nlsh.ActionResult:
    """Name a commit by the nearest tag before it: v1.2-3-gabc1234 (git describe --tags --always).

    Args:
        revision: the commit, branch or tag to describe; default: the current commit.
        repo: a folder in the repository; default: the current folder.
    """
    git = Repo.at(ctx, repo)
    commit = git.resolve(revision)
    name = git.text("describe", "--tags", "--always", "--end-of-options", commit).strip()
    return nlsh.ActionResult(output=one_line(name), data={"name": name, "commit": commit})


@nlsh.action("git.config_get", capabilities=READ, risk=nlsh.Risk.R0)
def config_get(ctx: nlsh.ActionContext, key: str, repo: nlsh.InPath | None = None) -> nlsh.ActionResult:
    """Print a git setting that commits and pulls use: user.name, user.email, init.defaultBranch,
    core.editor, pull.rebase or push.default (git config KEY). Read only.

    Args:
        key: the setting, e.g. user.name or user.email.
        repo: a folder in the repository; default: the current folder.
    """
    if not isinstance(key, str) or key.lower() not in CONFIG_KEYS:
        raise nlsh.ActionFailed(f"not a setting nlsh reads: {one_line(str(key))!r}",
                                hint="one of: " + ", ".join(CONFIG_KEYS))
    git = Repo.at(ctx, repo)
    value = git.run("config", "--get", key.lower(), ok=(0, 1)).stdout.strip()
    where = "repository"
    if not value and re.fullmatch(r"user\.(name|email)", key, re.I):
        value, where = configured_identity(ctx).get(key.lower(), ""), "global"
    if not value:
        return nlsh.ActionResult(output="", data={"key": key, "value": None})
    return nlsh.ActionResult(output=one_line(value), data={"key": key, "value": value, "from": where})
