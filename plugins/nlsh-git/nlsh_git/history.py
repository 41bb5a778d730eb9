"""The commit history: `git.log`, printed as git prints it, one line per commit, or as a graph.

The output is git's own: `git log` (hash, author, date, message), `--oneline` (short hash
and subject), `--graph --oneline`, with `--all --decorate` when every branch and tag is
asked for. With the files each commit changed it is nlsh's summary instead. The structured
commits go to data either way.
"""

from __future__ import annotations

import nlsh

from .parse import LOG_FORMAT, parse_log
from .runner import Repo, check_revision
from .text import one_line, plural

__all__ = ["log"]

READ = ("git.read",)


@nlsh.action("git.log", capabilities=READ, risk=nlsh.Risk.R0)
def log(ctx: nlsh.ActionContext, count: int = 10, author: str | None = None, path: nlsh.OutPath | None = None,
        since: str | None = None, until: str | None = None, revision: str | None = None,
        files: bool = False, oneline: bool = False, graph: bool = False, all_branches: bool = False,
        repo: nlsh.InPath | None = None) -> nlsh.ActionResult:
    """Show recent commits, newest first, optionally filtered by author, file or date.

    Args:
        count: how many commits to show at most.
        author: only commits whose author name or email contains this.
        path: only commits that touched this file or folder.
        since: only commits after this date, e.g. "yesterday", "2 weeks ago", "2024-05-01".
        until: only commits before this date.
        revision: start from this branch, tag or commit instead of the current one.
        files: also list the files each commit changed.
        oneline: one line per commit, short hash and subject (git log --oneline).
        graph: draw the branch graph beside the commits (git log --graph --oneline).
        all_branches: commits of every branch and tag, with their names shown (--all --decorate).
        repo: a folder in the repository; default: the current folder.
    """
    if count < 1:
        raise nlsh.ActionFailed("count must be at least 1")
    if revision and all_branches:
        raise nlsh.ActionFailed("give a starting revision or all branches, not both")
    git = Repo.at(ctx, repo or path)
    if git.head() is None and revision is None and not all_branches:
        return nlsh.ActionResult(output="no commits yet", data={"commits": []})
    filters = [f"--max-count={count}", "--no-color"]
    filters += [f"--author={author}"] if author else []
    filters += [f"--since={since}"] if since else []
    filters += [f"--until={until}"] if until else []
    filters += ["--all"] if all_branches else []
    if revision:
        check_revision(revision)
        filters += ["--end-of-options", revision]
    spec = ["--"] + ([git.pathspec(path)] if path else [])
    extra = ["--name-status", "--no-ext-diff", "--no-textconv"] if files else []
    commits = parse_log(git.text("log", "-z", f"--format={LOG_FORMAT}", *extra, *filters, *spec))
    if not files:
        for commit in commits:
            del commit["files"]
    if commits and not files:
        shape = ["--oneline"] if oneline or graph else []
        shape += (["--graph"] if graph else []) + (["--decorate"] if all_branches else ["--no-decorate"])
        text = git.text("log", *shape, *filters, *spec)
        return nlsh.ActionResult(output="\n".join(one_line(line) for line in text.splitlines()),
                                 data={"commits": commits})
    return nlsh.ActionResult(output=_format_log(git, commits, files, since) or "no matching commits",
                             data={"commits": commits})


def _format_log(git: Repo, commits: list[dict], files: bool, since: str | None) -> str:
    lines = []
    for c in commits:
        when = c["date"][:16].replace("T", " ")
        lines.append(f"{c['short']}  {when}  {one_line(c['author'])}  {one_line(c['subject'])}")
        if files:
            lines += [f"    {f['change']}: {git.show(f['path'])}" for f in c["files"]]
    if files and commits:
        changed = {f["path"] for c in commits for f in c["files"]}
        span = f" since {one_line(since)}" if since else ""
        lines.append(f"{plural(len(commits), 'commit')}{span}, {plural(len(changed), 'file')} changed")
    return "\n".join(lines)
