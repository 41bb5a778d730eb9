"""Exporting a commit's files into a tar or zip file: `git.archive` (git archive -o FILE REV).

The archive holds the files as the commit has them, without .git and without uncommitted
changes. It is written only inside the workspace and never over an existing file. The
gzip step of .tar.gz is git's own or the plain `gzip -cn`, whatever the repository's config
names (`tar.<format>.command` could name any program).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import nlsh

from .runner import Repo, check_revision
from .text import one_line

__all__ = ["archive"]

# the ending of the file name -> git's format name
ENDINGS = (("tar.gz", "tar.gz"), ("tgz", "tgz"), ("zip", "zip"), ("tar", "tar"))
FORMATS = ("zip", "tar", "tar.gz", "tgz")
# global options before `archive`: the compressors git may run are fixed, whatever the config says
_FIXED_COMPRESSORS = ("-c", "tar.tar.gz.command=gzip -cn", "-c", "tar.tgz.command=gzip -cn")


def format_of(name: str) -> str | None:
    """The archive format a file name's ending asks for (a.zip -> zip), or None."""
    lowered = name.lower()
    return next((fmt for ending, fmt in ENDINGS if lowered.endswith("." + ending)), None)


def _within(path: Path, folder: Path) -> bool:
    path, folder = Path(os.path.realpath(path)), Path(os.path.realpath(folder))
    return path == folder or folder in path.parents


def _target(ctx: nlsh.ActionContext, git: Repo, output: str | None, revision: str,
            format: str | None) -> tuple[Path, str]:
    """The archive file to write and its format; ActionFailed when it cannot be written there."""
    if format is not None and format not in FORMATS:
        raise nlsh.ActionFailed(f"unknown archive format {one_line(format)}", hint="use zip, tar, tar.gz or tgz")
    if output is None:
        label = "" if revision == "HEAD" else "-" + re.sub(r"[^\w.-]+", "-", revision).strip("-.")
        output = f"{git.top.name}{label}.{format or 'zip'}"
    chosen = format or format_of(output)
    if chosen is None:
        raise nlsh.ActionFailed(f"{one_line(output)} does not say which kind of archive to write",
                                hint="end the name with .zip, .tar, .tar.gz or .tgz")
    target = Path(ctx.cwd, output)
    shown = one_line(ctx.display(target))
    if not _within(target.parent, ctx.workspace):
        raise nlsh.ActionFailed(f"{shown} is outside the workspace {one_line(str(ctx.workspace))}",
                                hint="write the archive inside the workspace")
    if _within(target, git.top / ".git"):
        raise nlsh.ActionFailed(f"{shown} is inside the repository's .git folder", hint="choose another place")
    if not target.parent.is_dir():
        raise nlsh.ActionFailed(f"no folder {one_line(ctx.display(target.parent))} to write {shown} into")
    if os.path.lexists(target):
        raise nlsh.ActionFailed(f"{shown} already exists", hint="choose another name, or delete it first")
    return target, chosen


def _preview(ctx: nlsh.ActionContext, output: str | None = None, revision: str = "HEAD", format: str | None = None,
             repo: str | None = None) -> nlsh.Preview:
    git = Repo.at(ctx, repo)
    commit = git.resolve(revision)
    target, chosen = _target(ctx, git, output, revision, format)
    return nlsh.Preview(summary=f"write the files of {one_line(revision)} ({commit[:7]}) as a {chosen} archive to "
                        f"{one_line(ctx.display(target))}", targets=(str(target),), reversible=False)


@nlsh.action("git.archive", capabilities=("git.read", "fs.write"), risk=nlsh.Risk.R1, preview=_preview)
def archive(ctx: nlsh.ActionContext, output: nlsh.OutPath | None = None, revision: str = "HEAD",
            format: str | None = None, repo: nlsh.InPath | None = None) -> nlsh.ActionResult:
    """Write the files of a commit, branch or tag into a new tar or zip file (git archive -o FILE REV).

    Args:
        output: the new archive file, inside the workspace; its ending (.zip, .tar, .tar.gz, .tgz) gives the format.
        revision: the commit, branch or tag whose files go in.
        format: zip, tar, tar.gz or tgz, when the name does not say; default: zip.
        repo: a folder in the repository; default: the current folder.
    """
    git = Repo.at(ctx, repo)
    check_revision(revision)
    commit = git.resolve(revision)
    target, chosen = _target(ctx, git, output, revision, format)
    # write=True: git runs as the one who may write the workspace (root, in root's own workspace);
    # git archive reads the repository and writes only the output file
    out = git.run(*_FIXED_COMPRESSORS, "archive", f"--format={chosen}", f"--output={target}", "--end-of-options",
                  commit, write=True, ok=tuple(range(256)))
    if out.exit != 0:
        lines = [ln for ln in out.stderr.splitlines() if ln.strip()] or [f"exit {out.exit}"]
        raise nlsh.ActionFailed("git archive failed: " + one_line(re.sub(r"^(fatal|error):\s*", "", lines[-1]))[:300])
    size = target.stat().st_size if target.exists() else 0
    return nlsh.ActionResult(output=one_line(ctx.display(target)),
                             data={"archive": str(target), "format": chosen, "revision": revision, "commit": commit,
                                   "bytes": size})
