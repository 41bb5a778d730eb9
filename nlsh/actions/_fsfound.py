"""Acting on what files.find finds: files.delete_found, files.copy_found, files.move_found.

"delete the .tmp files under build", "move every .log file below src to archive": the
criteria are files.find's (the same walker, `find_matches`), the acting is files.delete's,
files.copy's and files.move's (the same trash, the same undo). The preview lists what was
found, with counts, before anything changes. What is acted on:

- never the folder searched itself, and nothing inside .git, .hg or .svn;
- a folder that was found is taken whole when folders were asked for (type="dir", "the
  folders called temp"); otherwise only when everything below it was found too, so
  "delete everything in build except *.txt" keeps the folders that hold .txt files;
- nothing twice: what lies inside a folder that is taken goes with it.

Copies and moves go flat into the destination folder (made if missing), like
`find ... -exec cp {} DEST`; two found things with the same name are refused.
"""

from __future__ import annotations

import dataclasses
import os
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

from ..errors import ActionFailed
from ..sandbox.fsops import human_size
from ..types import Preview, Risk
from ._fschange import check_conflicts, outside_workspace, reports_failure, show
from ._fsfind import Criteria, Found, Kind, find_matches, with_criteria_doc, with_errors
from ._fsutil import Entry, absolute
from .context import ActionContext, ActionResult
from .fileops import copy_pairs, delete, move_pairs, preview_delete, total_stats, undo_copy, undo_delete, undo_move
from .registry import InPath, OutPath, action

__all__ = ["copy_found", "delete_found", "move_found"]

_VCS_DIRS = frozenset({".git", ".hg", ".svn"})
_NARROWING = ("name", "iname", "extension", "min_size", "max_size", "newer_than", "older_than", "empty",
              "exclude", "path_match")


def _criteria(args: dict[str, Any]) -> Criteria:
    fields = {f.name for f in dataclasses.fields(Criteria)}
    criteria = Criteria(**{k: v for k, v in args.items() if k in fields})
    if not any(getattr(criteria, k) for k in _NARROWING):
        raise ActionFailed(
            "say what to look for: a name, an extension, a size, an age, empty, ...",
            hint="to act on a whole folder, name the folder itself",
        )
    return criteria


def _selected(
    ctx: ActionContext, path: str, criteria: Criteria, skip: str | None = None
) -> tuple[list[Found], list[str]]:
    """What to act on (see the module's docstring), and the folders that could not be read."""
    root = absolute(ctx, path)
    errors: list[str] = []
    seen: list[Entry] = []

    def prune(e: Entry) -> bool:
        return e.name in _VCS_DIRS or e.path == skip

    found = find_matches(ctx, root, criteria, errors=errors, prune=prune, seen=seen, label="finding")
    matched = {f.entry.path for f in found}
    whole = criteria.type == "dir" or bool(criteria.name or criteria.iname or criteria.path_match)
    asked = (criteria.name or criteria.iname or "").casefold()

    def protected(e: Entry) -> bool:
        if e.path == skip:
            return True
        if e.is_dir and e.name in _VCS_DIRS:
            return e.name.casefold() != asked  # only when named: "delete the folders called .svn"
        if whole:
            return bool(criteria.exclude) and fnmatchcase(e.name, criteria.exclude)
        return e.path not in matched

    kept: set[str] = set()
    for e in seen[1:]:
        if protected(e):
            _keep_with_parents(e.path, root, kept)
    chosen: list[Found] = []
    taken: set[str] = set()
    for f in found:
        p = f.entry.path
        if f.entry.depth == 0 or p in kept or any(parent in taken for parent in _parents(p, root)):
            continue
        chosen.append(f)
        taken.add(p)
    return chosen, errors


def _parents(path: str, root: str) -> list[str]:
    out = []
    while True:
        path = os.path.dirname(path)
        if len(path) <= len(root):
            return out
        out.append(path)


def _keep_with_parents(path: str, root: str, kept: set[str]) -> None:
    kept.add(path)
    for parent in _parents(path, root):
        if parent in kept:
            return
        kept.add(parent)


def _nothing(ctx: ActionContext, path: str, verb: str) -> Preview:
    return Preview(summary=f"nothing found under {show(ctx, absolute(ctx, path))}: nothing to {verb}", count=0)


# files.delete_found -------------------------------------------------------------------


@reports_failure
def _preview_delete(ctx: ActionContext, path: str = ".", **args: Any) -> Preview:
    chosen, _ = _selected(ctx, path, _criteria(args))
    if not chosen:
        return _nothing(ctx, path, "delete")
    p = preview_delete(ctx, paths=[f.entry.path for f in chosen])
    return dataclasses.replace(p, summary=f"{p.summary}, found under {show(ctx, absolute(ctx, path))}")


@action("files.delete_found", capabilities=("fs.read", "fs.delete"), risk=Risk.R2, reversible=True,
        preview=_preview_delete, undo=undo_delete)
@with_criteria_doc
def delete_found(
    ctx: ActionContext,
    path: InPath = ".",
    name: str | None = None,
    iname: str | None = None,
    extension: str | None = None,
    type: Kind = "any",
    min_size: str | None = None,
    max_size: str | None = None,
    newer_than: str | None = None,
    older_than: str | None = None,
    empty: bool = False,
    max_depth: int | None = None,
    exclude: str | None = None,
    path_match: str | None = None,
) -> ActionResult:
    """Delete what files.find finds below a folder, by moving it to nlsh's trash (like `find ... -delete`).

    Args:
        path: the folder to look in, and everything below it (the folder itself is never deleted).
        {criteria}
    """
    criteria = _criteria(locals())
    chosen, errors = _selected(ctx, path, criteria)
    if not chosen:
        return ActionResult(output=with_errors("", errors), data={"trashed": []}, undo=None)
    result = delete(ctx, [f.entry.path for f in chosen])
    return dataclasses.replace(result, output=with_errors(result.output, errors))


# files.copy_found and files.move_found -----------------------------------------------


def _pairs(ctx: ActionContext, path: str, destination: str, criteria: Criteria) -> list[tuple[Path, Path]]:
    dest = Path(absolute(ctx, destination))
    if os.path.lexists(dest) and not dest.is_dir():
        raise ActionFailed(f"{show(ctx, dest)} is not a folder", hint="give the folder to put what is found in")
    chosen, _ = _selected(ctx, path, criteria, skip=str(dest))
    pairs: list[tuple[Path, Path]] = []
    by_target: dict[Path, Path] = {}
    for f in chosen:
        src = Path(f.entry.path)
        target = dest / src.name
        if target in by_target:
            raise ActionFailed(
                f"two things found are both named {show(ctx, target.name)}: "
                f"{show(ctx, by_target[target])} and {show(ctx, src)}",
                hint="narrow the search, or copy the folders that hold them",
            )
        if f.entry.is_dir and (dest == src or src in dest.parents):
            raise ActionFailed(f"cannot put {show(ctx, src)} inside itself")
        by_target[target] = src
        pairs.append((src, target))
    return pairs


def _transfer_preview(ctx: ActionContext, verb: str, path: str, destination: str, overwrite: bool,
                      args: dict[str, Any]) -> Preview:
    pairs = _pairs(ctx, path, destination, _criteria(args))
    if not pairs:
        return _nothing(ctx, path, verb)
    size = total_stats([s for s, _ in pairs])
    existing = [t for _, t in pairs if os.path.lexists(t)]
    if overwrite:
        details = [f"replaces {show(ctx, t)} (the old one goes to the trash)" for t in existing]
    else:
        details = [f"{show(ctx, t)} already exists: refused unless overwrite is asked" for t in existing]
    touched = [str(t) for _, t in pairs] + ([str(s) for s, _ in pairs] if verb == "move" else [])
    return Preview(
        summary=f"{verb} {len(pairs)} item(s) found under {show(ctx, absolute(ctx, path))} "
        f"({size.files} file(s), {human_size(size.bytes)}) into {show(ctx, absolute(ctx, destination))}",
        targets=tuple(str(s) for s, _ in pairs),
        count=size.files,
        bytes=size.bytes,
        details=tuple(details),
        outside_workspace=outside_workspace(ctx, touched),
    )


@reports_failure
def _preview_copy(ctx: ActionContext, destination: str, path: str = ".", overwrite: bool = False,
                  **args: Any) -> Preview:
    return _transfer_preview(ctx, "copy", path, destination, overwrite, args)


@reports_failure
def _preview_move(ctx: ActionContext, destination: str, path: str = ".", overwrite: bool = False,
                  **args: Any) -> Preview:
    return _transfer_preview(ctx, "move", path, destination, overwrite, args)


def _transfer(ctx: ActionContext, verb: str, path: str, destination: str, overwrite: bool,
              args: dict[str, Any]) -> ActionResult:
    pairs = _pairs(ctx, path, destination, _criteria(args))
    if not pairs:
        return ActionResult(output="", data={}, undo=None)
    check_conflicts(ctx, [t for _, t in pairs], overwrite)
    dest = Path(absolute(ctx, destination))
    return (copy_pairs if verb == "copy" else move_pairs)(ctx, pairs, dest, overwrite)


@action("files.copy_found", capabilities=("fs.read", "fs.write"), risk=Risk.R1, reversible=True,
        preview=_preview_copy, undo=undo_copy)
@with_criteria_doc
def copy_found(
    ctx: ActionContext,
    destination: OutPath,
    path: InPath = ".",
    name: str | None = None,
    iname: str | None = None,
    extension: str | None = None,
    type: Kind = "any",
    min_size: str | None = None,
    max_size: str | None = None,
    newer_than: str | None = None,
    older_than: str | None = None,
    empty: bool = False,
    max_depth: int | None = None,
    exclude: str | None = None,
    path_match: str | None = None,
    overwrite: bool = False,
) -> ActionResult:
    """Copy what files.find finds below a folder into one folder (like `find ... -exec cp {} DEST`).

    Args:
        destination: the folder to copy into (made if missing); everything found goes in it by its own name.
        path: the folder to look in, and everything below it.
        {criteria}
        overwrite: replace targets that exist; the old ones go to nlsh's trash first.
    """
    args = dict(locals())
    return _transfer(ctx, "copy", path, destination, overwrite, args)


@action("files.move_found", capabilities=("fs.read", "fs.write"), risk=Risk.R1, reversible=True,
        preview=_preview_move, undo=undo_move)
@with_criteria_doc
def move_found(
    ctx: ActionContext,
    destination: OutPath,
    path: InPath = ".",
    name: str | None = None,
    iname: str | None = None,
    extension: str | None = None,
    type: Kind = "any",
    min_size: str | None = None,
    max_size: str | None = None,
    newer_than: str | None = None,
    older_than: str | None = None,
    empty: bool = False,
    max_depth: int | None = None,
    exclude: str | None = None,
    path_match: str | None = None,
    overwrite: bool = False,
) -> ActionResult:
    """Move what files.find finds below a folder into one folder (like `find ... -exec mv {} DEST`).

    Args:
        destination: the folder to move into (made if missing); everything found goes in it by its own name.
        path: the folder to look in, and everything below it.
        {criteria}
        overwrite: replace targets that exist; the old ones go to nlsh's trash first.
    """
    args = dict(locals())
    return _transfer(ctx, "move", path, destination, overwrite, args)
