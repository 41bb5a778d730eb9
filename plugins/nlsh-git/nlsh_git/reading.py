"""Read-only git actions: status, diff, show, show a file at a revision, blame, grep (log: history.py).

They need only "git.read": the sandbox keeps .git read-only while they run, and git is told
not to take optional locks, so reading never changes the repository.
"""

from __future__ import annotations

import nlsh

from .parse import LOG_FORMAT, parse_log, parse_numstat, parse_status
from .runner import Repo, check_revision
from .text import one_line, plural, short

__all__ = ["blame", "diff", "grep", "show", "show_file", "status"]

READ = ("git.read",)
DIFF_FLAGS = ("--no-color", "--no-ext-diff", "--no-textconv")
MAX_GREP_LINES = 500


@nlsh.action("git.status", capabilities=READ, risk=nlsh.Risk.R0)
def status(ctx: nlsh.ActionContext, short: bool = False, branch: bool = False,
           repo: nlsh.InPath | None = None) -> nlsh.ActionResult:
    """Show the branch and which files are staged, changed, untracked or in conflict.

    Args:
        short: one line per file with its two-letter state, as git status --short prints.
        branch: with short, begin with the branch and its upstream (git status --short --branch).
        repo: a folder in the repository; default: the current folder.
    """
    git = Repo.at(ctx, repo)
    state = parse_status(git.text("status", "--porcelain=v2", "--branch", "-z"))
    if short:
        text = git.text("status", "--short", *(["--branch"] if branch else []))
        return nlsh.ActionResult(output="\n".join(one_line(line) for line in text.splitlines()),
                                 data=state.as_data())
    lines = [_branch_line(state)]
    for title, entries in (("Staged (will be committed)", state.staged), ("Not staged", state.unstaged),
                           ("In conflict", state.conflicts)):
        if entries:
            lines.append(f"{title}:")
            lines += [f"  {e['change']}: {git.show(e['path'])}" for e in entries]
    if state.untracked:
        lines.append("Untracked:")
        lines += [f"  {git.show(p)}" for p in state.untracked]
    if state.clean:
        lines.append("Nothing to commit: the working tree is clean.")
    return nlsh.ActionResult(output="\n".join(lines), data=state.as_data())


def _branch_line(state) -> str:
    where = f"On branch {one_line(state.branch)}" if state.branch else "HEAD is detached"
    if state.commit is None:
        where += " (no commits yet)"
    if state.upstream:
        where += f", tracking {one_line(state.upstream)}"
        if state.ahead or state.behind:
            where += f" (ahead {state.ahead}, behind {state.behind})"
    return where


@nlsh.action("git.diff", capabilities=READ, risk=nlsh.Risk.R0)
def diff(ctx: nlsh.ActionContext, path: nlsh.OutPath | None = None, staged: bool = False,
         base: str | None = None, target: str | None = None, repo: nlsh.InPath | None = None) -> nlsh.ActionResult:
    """Show changes as a patch: unstaged ones, staged ones, or between two revisions.

    Args:
        path: only changes to this file or folder.
        staged: show the staged changes (what the next commit will contain) instead.
        base: compare from this branch, tag or commit (alone: with the working tree; HEAD: every uncommitted change).
        target: compare to this branch, tag or commit (needs base).
        repo: a folder in the repository; default: the current folder.
    """
    git = Repo.at(ctx, repo or path)
    if target and not base:
        raise nlsh.ActionFailed("a target revision needs a base revision to compare from")
    revisions = [r for r in (base, target) if r]
    for r in revisions:
        check_revision(r)
    if staged and target:
        raise nlsh.ActionFailed("staged changes compare the index with one revision, not two")
    spec = ["--cached"] if staged else []
    spec += (["--end-of-options", *revisions] if revisions else []) + ["--"]
    spec += [git.pathspec(path)] if path else []
    files = parse_numstat(git.text("diff", "--numstat", "-z", *DIFF_FLAGS, *spec))
    patch = git.run("diff", *DIFF_FLAGS, *spec)
    data = {"files": files, "patch": patch.stdout, "truncated": patch.truncated}
    if not files:
        return nlsh.ActionResult(output=_no_changes(git, path, staged, revisions), data=data)
    added, deleted = sum(f["added"] for f in files), sum(f["deleted"] for f in files)
    data["summary"] = f"{plural(len(files), 'file')} changed, +{added} -{deleted}"
    tail = "\n[the patch was cut short]" if patch.truncated else ""
    return nlsh.ActionResult(output=patch.stdout.rstrip("\n") + tail, data=data)


def _no_changes(git: Repo, path: str | None, staged: bool, revisions: list[str]) -> str:
    what = "staged changes" if staged else "differences" if revisions else "uncommitted changes"
    where = f" in {git.show(git.relative(path))}" if path else ""
    message = f"no {what}{where}"
    if path and not revisions and git.head() is not None:
        last = parse_log(git.text("log", "-z", f"--format={LOG_FORMAT}", "--max-count=1", "--",
                                  git.pathspec(path)))
        if last:
            c = last[0]
            message += f"; last changed in {c['short']} {c['date'][:10]} by {one_line(c['author'])}: " \
                       f"{one_line(c['subject'])}"
    return message


@nlsh.action("git.show", capabilities=READ, risk=nlsh.Risk.R0)
def show(ctx: nlsh.ActionContext, revision: str = "HEAD", patch: bool = True,
         repo: nlsh.InPath | None = None) -> nlsh.ActionResult:
    """Show one commit: its author, date, message, the files it changed and its patch.

    Args:
        revision: the commit, branch or tag to show.
        patch: include the patch, not just the list of changed files.
        repo: a folder in the repository; default: the current folder.
    """
    git = Repo.at(ctx, repo)
    commit = git.resolve(revision)
    args = ["show", *DIFF_FLAGS, "--format=fuller", "--stat"] + (["--patch"] if patch else [])
    out = git.run(*args, "--end-of-options", commit)
    info = parse_log(git.text("log", "-z", f"--format={LOG_FORMAT}", "--max-count=1", "--name-status",
                              "--no-ext-diff", "--end-of-options", commit))
    tail = "\n[cut short]" if out.truncated else ""
    return nlsh.ActionResult(output=out.stdout.rstrip() + tail, data=info[0] if info else {"commit": commit})


@nlsh.action("git.show_file", capabilities=READ, risk=nlsh.Risk.R0)
def show_file(ctx: nlsh.ActionContext, path: nlsh.OutPath, revision: str = "HEAD",
              repo: nlsh.InPath | None = None) -> nlsh.ActionResult:
    """Show a file as it was at a revision (a commit, branch or tag).

    Args:
        path: the file, as it was named at that revision.
        revision: the commit, branch or tag to read it from, e.g. HEAD~3, v1.0, main.
        repo: a folder in the repository; default: the current folder.
    """
    git = Repo.at(ctx, repo or path)
    if ":" in revision:
        raise nlsh.ActionFailed(f"not a revision name: {one_line(revision)!r}")
    commit = git.resolve(revision)
    rel = git.relative(path)
    exists = git.run("cat-file", "-e", f"{commit}:{rel}", ok=(0, 1, 128))
    if exists.exit != 0:
        raise nlsh.ActionFailed(f"{git.show(rel)} does not exist at {one_line(revision)}",
                                hint="check the name with 'show the files changed in ...' or git.log")
    size = int(git.text("cat-file", "-s", f"{commit}:{rel}").strip() or 0)
    kind = git.text("cat-file", "-t", f"{commit}:{rel}").strip()
    data = {"path": rel, "revision": revision, "commit": commit, "bytes": size, "type": kind}
    if kind != "blob":
        raise nlsh.ActionFailed(f"{git.show(rel)} is a folder at {one_line(revision)}, not a file")
    out = git.run("cat-file", "blob", f"{commit}:{rel}")
    if "\0" in out.stdout[:8000]:
        return nlsh.ActionResult(output=f"{git.show(rel)} at {short(commit)} is a binary file of {size} bytes",
                                 data={**data, "binary": True})
    tail = "\n[cut short: the file is larger than nlsh shows]" if out.truncated else ""
    return nlsh.ActionResult(output=out.stdout + tail, data={**data, "binary": False, "text": out.stdout})


@nlsh.action("git.blame", capabilities=READ, risk=nlsh.Risk.R0)
def blame(ctx: nlsh.ActionContext, path: nlsh.InPath, start: int | None = None, end: int | None = None,
          repo: nlsh.InPath | None = None) -> nlsh.ActionResult:
    """Show who last changed each line of a file, and in which commit.

    Args:
        path: the file.
        start: first line to show (default: the first).
        end: last line to show (default: the last).
        repo: a folder in the repository; default: the current folder.
    """
    git = Repo.at(ctx, repo or path)
    if git.head() is None:
        raise nlsh.ActionFailed("this repository has no commits yet")
    args = ["blame", "--no-textconv", "--porcelain"]
    if start is not None or end is not None:
        first, last = max(start or 1, 1), end
        if last is not None and last < first:
            raise nlsh.ActionFailed(f"line range {first}-{last} is backwards")
        args.append(f"-L{first},{last if last is not None else ''}")
    rows = _parse_blame(git.text(*args, "--", git.relative(path)))
    lines = [f"{r['short']}  {r['date']}  {one_line(r['author'])[:20]:<20}  {r['line']:>5}  {one_line(r['text'])}"
             for r in rows]
    return nlsh.ActionResult(output="\n".join(lines) or "the file is empty", data={"lines": rows})


def _parse_blame(raw: str) -> list[dict]:
    import datetime

    commits: dict[str, dict] = {}
    rows, current = [], None
    for line in raw.split("\n"):
        if line.startswith("\t") and current is not None:
            info = commits[current["commit"]]
            rows.append({**current, "author": info.get("author", ""), "date": info.get("date", ""),
                         "text": line[1:]})
            current = None
        elif current is None and len(line) > 41 and line[40] == " ":
            sha, _, final = line.split(" ")[:3]
            current = {"commit": sha, "short": short(sha), "line": int(final)}
            commits.setdefault(sha, {})
        elif current is not None and line.startswith("author "):
            commits[current["commit"]]["author"] = line[7:]
        elif current is not None and line.startswith("author-time "):
            stamp = datetime.datetime.fromtimestamp(int(line[12:]), datetime.timezone.utc)
            commits[current["commit"]]["date"] = stamp.strftime("%Y-%m-%d")
    return rows


@nlsh.action("git.grep", capabilities=READ, risk=nlsh.Risk.R0)
def grep(ctx: nlsh.ActionContext, pattern: str, revision: str = "HEAD", path: nlsh.OutPath | None = None,
         ignore_case: bool = False, fixed: bool = False, repo: nlsh.InPath | None = None) -> nlsh.ActionResult:
    """Search the committed files (at HEAD or another revision) for lines matching a pattern.

    Args:
        pattern: the text or regular expression to look for.
        revision: search the files as they are at this commit, branch or tag.
        path: only search in this file or folder.
        ignore_case: match upper and lower case alike.
        fixed: treat the pattern as plain text, not a regular expression.
        repo: a folder in the repository; default: the current folder.
    """
    if not pattern:
        raise nlsh.ActionFailed("give a pattern to search for")
    git = Repo.at(ctx, repo or path)
    check_revision(revision)
    commit = git.resolve(revision)
    args = ["grep", "--no-color", "-n", "-I", "-z", "--no-textconv"]
    args += (["-i"] if ignore_case else []) + (["-F"] if fixed else ["-E"])
    args += ["-e", pattern, commit, "--"]  # commit: a full id from resolve(), never an option + ([git.pathspec(path)] if path else [])
    out = git.run(*args, ok=(0, 1))
    matches = []
    for line in out.stdout.splitlines():
        name, _, rest = line.partition("\0")
        number, _, text = rest.partition("\0")
        matches.append({"path": name.removeprefix(commit + ":"), "line": int(number or 0), "text": text})
    shown = [f"{git.show(m['path'])}:{m['line']}: {one_line(m['text'])}" for m in matches[:MAX_GREP_LINES]]
    if len(matches) > MAX_GREP_LINES:
        shown.append(f"… and {len(matches) - MAX_GREP_LINES} more matches")
    summary = f"no matches for {one_line(pattern)!r} at {one_line(revision)}" if not matches else ""
    return nlsh.ActionResult(output="\n".join(shown) or summary, data={"matches": matches, "revision": revision})
