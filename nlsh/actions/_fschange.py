"""Shared steps of the actions that change files (fileops.py, _fscreate.py).

Planning where sources land, refusing to overwrite, sending replaced things to the trash,
making and later removing parent folders, and turning OSError into a one-line ActionFailed.
Every step that changes something registers its revert with a Rollback.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Any, Callable, Collection

from ..errors import ActionFailed
from ..sandbox.beneath import makedirs_at
from ..sandbox.fsops import Rollback, tree_stats
from ..sandbox.paths import is_within
from ..sandbox.trash import Trash
from ..textsafe import escape_name
from ..types import Preview
from .context import ActionContext

__all__ = [
    "check_conflicts",
    "check_restorable",
    "fail",
    "make_parents",
    "outside_workspace",
    "plan_targets",
    "remove_made_dirs",
    "reports_failure",
    "restore_all",
    "show",
    "trash_all",
    "trash_replaced",
    "with_folder",
]

_REASONS = {
    errno.ENOENT: "no such file or directory",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EEXIST: "it already exists",
    errno.ENOSPC: "no space left on the device",
    errno.EROFS: "the file system is read-only",
    errno.ENOTDIR: "not a folder",
    errno.EISDIR: "it is a folder",
    errno.ENOTEMPTY: "the folder is not empty",
}
_STAGING = ".nlsh-part-"


def show(ctx: ActionContext, path: str | os.PathLike[str]) -> str:
    """A path as the person would type it here, safe to print on one line."""
    return escape_name(ctx.display(os.fspath(path)))


def reports_failure(preview: Callable[..., Preview]) -> Callable[..., Preview]:
    """A preview that says "would fail: why" instead of raising when the step cannot run.

    Previews run while grounding, before confirmation; the action itself raises the same
    ActionFailed when it runs, so nothing is done either way.
    """
    import functools

    @functools.wraps(preview)
    def safe(ctx: ActionContext, **args: Any) -> Preview:
        try:
            return preview(ctx, **args)
        except ActionFailed as exc:
            return Preview(summary=f"would fail: {exc}", reversible=False, details=(str(exc),))

    return safe


def outside_workspace(ctx: ActionContext, paths: list[str]) -> bool:
    """True when any of the paths lies outside the workspace (shown in the preview)."""
    return any(not is_within(Path(p), ctx.workspace) for p in paths)


def fail(ctx: ActionContext, exc: OSError, doing: str) -> ActionFailed:
    """An OSError as one readable line: what failed, on which path, and why."""
    path = os.fspath(exc.filename) if exc.filename is not None else ""
    if _STAGING in path:  # a half-made copy: name the folder it was being made in
        path = path[: path.index(_STAGING)].rstrip("/") or "/"
        doing = f"{doing} into"
    reason = _REASONS.get(exc.errno or 0) or exc.strerror or str(exc)
    where = f" {show(ctx, path)}" if path else ""
    hint = "check the permissions of the folder" if exc.errno in (errno.EACCES, errno.EPERM) else ""
    return ActionFailed(f"{doing}{where}: {reason}", hint=hint)


def with_folder(exc: OSError, path: str | os.PathLike[str]) -> OSError:
    """exc, its bare file name (from an operation relative to a folder fd) put back in path's folder."""
    name = exc.filename
    if name is not None and "/" not in os.fsdecode(name) and not os.fsdecode(name).startswith("/proc"):
        exc.filename = os.path.join(os.path.dirname(os.fspath(path)), os.fsdecode(name))
    return exc


def plan_targets(ctx: ActionContext, sources: list[str], destination: str) -> tuple[list[tuple[Path, Path]], Path]:
    """(source, target) pairs like cp/mv, and the folder the targets go in.

    Several sources, or a destination that is an existing folder: each source goes inside
    it under its own name. One source and any other destination: that is the new name.
    """
    srcs = [Path(s) for s in sources]
    dest = Path(destination)
    if not srcs:
        raise ActionFailed("nothing to copy or move: no sources given")
    for src in srcs:
        if not os.path.lexists(src):
            raise ActionFailed(f"{show(ctx, src)}: no such file or directory")
    if len(srcs) > 1 or os.path.isdir(dest):
        if os.path.lexists(dest) and not os.path.isdir(dest):
            raise ActionFailed(f"{show(ctx, dest)} is not a folder", hint="several sources need a folder to go into")
        pairs, folder = [(s, dest / s.name) for s in srcs], dest
    else:
        pairs, folder = [(srcs[0], dest)], dest.parent
    seen: set[Path] = set()
    for src, target in pairs:
        if target in seen:
            raise ActionFailed(f"two sources would both become {show(ctx, target)}")
        seen.add(target)
        if src == target:
            raise ActionFailed(f"{show(ctx, src)} and {show(ctx, target)} are the same file")
        if os.path.isdir(src) and not os.path.islink(src) and is_within(target.parent, src):
            raise ActionFailed(f"cannot put {show(ctx, src)} inside itself")
    return pairs, folder


def check_conflicts(ctx: ActionContext, targets: list[Path], overwrite: bool) -> list[Path]:
    """The targets that already exist; ActionFailed if there are any and overwrite is off."""
    existing = [t for t in targets if os.path.lexists(t)]
    if existing and not overwrite:
        names = ", ".join(show(ctx, t) for t in existing[:3])
        more = f" and {len(existing) - 3} more" if len(existing) > 3 else ""
        raise ActionFailed(
            f"{names}{more} already exist{'s' if len(existing) == 1 else ''}",
            hint="ask to overwrite; the old version would go to nlsh's trash",
        )
    return existing


def trash_replaced(trash: Trash, existing: list[Path], rollback: Rollback) -> list[list[str]]:
    """Move things about to be replaced to the trash; [[path, entry id], ...] for undo."""
    replaced = []
    for target in existing:
        entry_id = trash.put(target)
        rollback.add(lambda entry_id=entry_id: trash.restore(entry_id))
        replaced.append([str(target), entry_id])
    return replaced


def make_parents(folder: Path, rollback: Rollback, workspace: Path | None = None) -> str | None:
    """Make folder and its missing parents; the topmost folder made (None if none was).

    With workspace, each folder beneath it is made relative to its parent's fd, resolved
    beneath the workspace (a swapped symbolic link cannot lead the mkdir outside).
    """
    if os.path.isdir(folder):
        return None
    top = folder
    while not os.path.lexists(top.parent) and top.parent != top:
        top = top.parent
    if os.path.lexists(top):
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(top))
    makedirs_at(workspace, folder)
    rollback.add(lambda: _remove_empty_tree(top))
    return str(top)


def _remove_empty_tree(top: Path) -> None:
    for root, dirs, _files in os.walk(top, topdown=False):
        for name in dirs:
            os.rmdir(os.path.join(root, name))
    os.rmdir(top)


def remove_made_dirs(ctx: ActionContext, made: str | None, trash: Trash | None = None) -> list[str]:
    """Undo make_parents: remove the folders if still empty; else trash them (or keep them)."""
    if not made:
        return []
    top = Path(made)
    if not os.path.lexists(top):
        return [f"{show(ctx, top)} is already gone"]
    stats = tree_stats(top)
    if stats.files == stats.links == stats.other == 0:
        try:
            _remove_empty_tree(top)
        except OSError as exc:
            raise fail(ctx, exc, "cannot remove") from None
        return [f"removed the empty folder {show(ctx, top)}"]
    if trash is None:
        return [f"kept {show(ctx, top)}: it is not empty"]
    trash.put(top)
    return [f"{show(ctx, top)} was not empty: moved it to the trash"]


def trash_all(ctx: ActionContext, trash: Trash, paths: list[Path], what: str, rollback: Rollback) -> list[str]:
    """Trash each path that still exists; say which were already gone."""
    messages = []
    for path in paths:
        if not os.path.lexists(path):
            messages.append(f"{show(ctx, path)} is already gone")
            continue
        entry_id = trash.put(path)
        rollback.add(lambda entry_id=entry_id: trash.restore(entry_id))
        messages.append(f"moved the {what} {show(ctx, path)} to the trash")
    return messages


def restore_all(ctx: ActionContext, trash: Trash, entries: list[Any], rollback: Rollback) -> list[str]:
    """Put trashed [path, entry id] pairs back, newest first."""
    messages = []
    for path, entry_id in reversed(entries):
        restored = trash.restore(entry_id, Path(path))
        rollback.add(lambda restored=restored: trash.put(restored))
        messages.append(f"restored {show(ctx, restored)} from the trash")
    return messages


def check_restorable(ctx: ActionContext, trash: Trash, entries: list[Any], freed: Collection[str] = ()) -> None:
    """Fail before anything moves if an entry is gone or its place is taken (unless freed)."""
    for path, entry_id in entries:
        trash.info(entry_id)
        if os.path.lexists(path) and path not in freed:
            raise ActionFailed(
                f"cannot undo: {show(ctx, path)} exists again",
                hint="move it away, then undo again",
            )
