"""Actions that change files: copy, move and delete here; mkdir, touch and write in _fscreate.

Nothing is lost: nothing is overwritten unless asked (overwrite=True), and then the old
version goes to nlsh's trash first; delete only ever moves to the trash (a link is
trashed as the link, never its target). Every action returns what its undo needs, and
every undo checks the world first: if a path it would fill has been taken again, or a
thing it would move back is gone, it fails with a clear message and changes nothing.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from ..errors import ActionFailed
from ..plugins import hookimpl
from ..sandbox.beneath import at_parent
from ..sandbox.fsops import Cancelled, Rollback, TreeStats, copy_entry, human_size, move_entry
from ..sandbox.fsops import remove_entry, tree_stats
from ..sandbox.trash import Trash
from ..types import Preview, Risk
from ._fschange import check_conflicts, check_restorable, fail, make_parents, plan_targets
from ._fschange import outside_workspace, remove_made_dirs, reports_failure, restore_all, show, trash_all
from ._fschange import trash_replaced
from ._fscreate import mkdir, touch, write
from .context import ActionContext, ActionResult
from .registry import InPaths, OutPath, action

__all__ = [
    "copy", "copy_pairs", "delete", "mkdir", "move", "move_pairs", "preview_delete", "total_stats", "touch",
    "undo_copy", "undo_delete", "undo_move", "write",
]


def total_stats(paths: list[Path]) -> TreeStats:
    total = TreeStats()
    for p in paths:
        total.add(tree_stats(p))
    return total


def _transfer_preview(ctx: ActionContext, verb: str, sources: list[str], destination: str,
                      overwrite: bool) -> Preview:
    pairs, _ = plan_targets(ctx, sources, destination)
    existing = [t for _, t in pairs if os.path.lexists(t)]
    size = total_stats([s for s, _ in pairs])
    if overwrite:
        details = [f"replaces {show(ctx, t)} (the old one goes to the trash)" for t in existing]
    else:
        details = [f"{show(ctx, t)} already exists: refused unless overwrite is asked" for t in existing]
    targets = [str(t) for _, t in pairs]
    touched = targets + (list(sources) if verb == "move" else [])
    return Preview(
        summary=f"{verb} {len(pairs)} item(s) ({size.files} file(s), {human_size(size.bytes)}) "
        f"to {show(ctx, destination)}",
        targets=tuple(targets),
        count=size.files,
        bytes=size.bytes,
        details=tuple(details),
        outside_workspace=outside_workspace(ctx, touched),
    )


# files.copy ---------------------------------------------------------------------------


@reports_failure
def _preview_copy(ctx: ActionContext, sources: list[str], destination: str, overwrite: bool = False) -> Preview:
    return _transfer_preview(ctx, "copy", sources, destination, overwrite)


def undo_copy(ctx: ActionContext, data: dict) -> str:
    """Trash the copies, put back what they replaced, remove folders made for them if empty."""
    trash = Trash(ctx.paths.trash, ctx.workspace)
    created = [Path(p) for p in data.get("created", [])]
    check_restorable(ctx, trash, data.get("replaced", []), freed={str(p) for p in created})
    with Rollback() as rollback:
        messages = trash_all(ctx, trash, created, "copy", rollback)
        messages += restore_all(ctx, trash, data.get("replaced", []), rollback)
    messages += remove_made_dirs(ctx, data.get("made"))
    return "\n".join(messages)


@action("files.copy", capabilities=("fs.read", "fs.write"), risk=Risk.R1, reversible=True,
        preview=_preview_copy, undo=undo_copy)
def copy(ctx: ActionContext, sources: InPaths, destination: OutPath, overwrite: bool = False) -> ActionResult:
    """Copy files or folders (folders recursively; links are copied as links).

    Args:
        sources: the files or folders to copy.
        destination: the new name, or the folder to copy into (made if missing when there are several sources).
        overwrite: replace targets that exist; the old ones go to nlsh's trash first.
    """
    pairs, folder = plan_targets(ctx, sources, destination)
    return copy_pairs(ctx, pairs, folder, overwrite)


def copy_pairs(ctx: ActionContext, pairs: list[tuple[Path, Path]], folder: Path, overwrite: bool) -> ActionResult:
    """Copy each source to its target (folder is made if missing); what files.copy does once planned."""
    existing = check_conflicts(ctx, [t for _, t in pairs], overwrite)
    total = total_stats([s for s, _ in pairs]).bytes
    done = 0

    def tick(n: int) -> None:
        nonlocal done
        done += n
        ctx.progress(done, total, "copying")

    trash = Trash(ctx.paths.trash, ctx.workspace)
    try:
        with Rollback() as rollback:
            made = make_parents(folder, rollback, ctx.workspace)
            replaced = trash_replaced(trash, existing, rollback)
            for src, target in pairs:
                copy_entry(src, target, tick=tick, cancelled=ctx.cancelled)
                rollback.add(lambda target=target: remove_entry(target))
    except Cancelled:
        raise ActionFailed("cancelled", hint="nothing was copied") from None
    except OSError as exc:
        raise fail(ctx, exc, "cannot copy") from None
    return ActionResult(
        output="\n".join(f"copied {show(ctx, s)} -> {show(ctx, t)}" for s, t in pairs),
        data={"copied": [[str(s), str(t)] for s, t in pairs], "replaced": replaced, "bytes": total},
        undo={"created": [str(t) for _, t in pairs], "replaced": replaced, "made": made},
    )


# files.move ---------------------------------------------------------------------------


@reports_failure
def _preview_move(ctx: ActionContext, sources: list[str], destination: str, overwrite: bool = False) -> Preview:
    return _transfer_preview(ctx, "move", sources, destination, overwrite)


def undo_move(ctx: ActionContext, data: dict) -> str:
    """Move everything back; refuse, changing nothing, if a source's place is taken again."""
    moves = [(Path(s), Path(t)) for s, t in data.get("moves", [])]
    for src, target in moves:
        if not os.path.lexists(target):
            raise ActionFailed(f"cannot undo the move: {show(ctx, target)} is no longer there")
        if os.path.lexists(src):
            raise ActionFailed(
                f"cannot undo the move: {show(ctx, src)} exists again",
                hint="move it away, then undo again",
            )
    trash = Trash(ctx.paths.trash, ctx.workspace)
    check_restorable(ctx, trash, data.get("replaced", []), freed={str(t) for _, t in moves})
    try:
        with Rollback() as rollback:
            for src, target in reversed(moves):
                src.parent.mkdir(parents=True, exist_ok=True)
                move_entry(target, src, cancelled=None)
                rollback.add(lambda src=src, target=target: move_entry(src, target))
            messages = [f"moved {show(ctx, t)} back to {show(ctx, s)}" for s, t in moves]
            messages += restore_all(ctx, trash, data.get("replaced", []), rollback)
    except OSError as exc:
        raise fail(ctx, exc, "cannot undo the move of") from None
    messages += remove_made_dirs(ctx, data.get("made"))
    return "\n".join(messages)


def _move_beneath(ctx: ActionContext, folders: contextlib.ExitStack, src: Path, target: Path):
    """Move src to target relative to their folders' fds (resolved beneath the workspace);
    return the step that moves it back."""
    src_fd, src_name = folders.enter_context(at_parent(ctx.workspace, src))
    dst_fd, dst_name = folders.enter_context(at_parent(ctx.workspace, target))
    try:
        move_entry(src_name, dst_name, cancelled=ctx.cancelled, src_dir_fd=src_fd, dst_dir_fd=dst_fd)
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, str(src), None, str(target)) from None
    return lambda: move_entry(dst_name, src_name, src_dir_fd=dst_fd, dst_dir_fd=src_fd)


@action("files.move", capabilities=("fs.write",), risk=Risk.R1, reversible=True,
        preview=_preview_move, undo=undo_move)
def move(ctx: ActionContext, sources: InPaths, destination: OutPath, overwrite: bool = False) -> ActionResult:
    """Move or rename files or folders.

    Args:
        sources: the files or folders to move.
        destination: the new name, or the folder to move into (made if missing when there are several sources).
        overwrite: replace targets that exist; the old ones go to nlsh's trash first.
    """
    pairs, folder = plan_targets(ctx, sources, destination)
    return move_pairs(ctx, pairs, folder, overwrite)


def move_pairs(ctx: ActionContext, pairs: list[tuple[Path, Path]], folder: Path, overwrite: bool) -> ActionResult:
    """Move each source to its target (folder is made if missing); what files.move does once planned."""
    existing = check_conflicts(ctx, [t for _, t in pairs], overwrite)
    trash = Trash(ctx.paths.trash, ctx.workspace)
    try:
        with contextlib.ExitStack() as folders, Rollback() as rollback:  # folders close after rollback
            made = make_parents(folder, rollback, ctx.workspace)
            replaced = trash_replaced(trash, existing, rollback)
            for i, (src, target) in enumerate(pairs):
                if ctx.cancelled.is_set():
                    raise Cancelled("cancelled")
                rollback.add(_move_beneath(ctx, folders, src, target))
                ctx.progress(i + 1, len(pairs), "moving")
    except Cancelled:
        raise ActionFailed("cancelled", hint="nothing was moved") from None
    except OSError as exc:
        raise fail(ctx, exc, "cannot move") from None
    moves = [[str(s), str(t)] for s, t in pairs]
    return ActionResult(
        output="\n".join(f"moved {show(ctx, s)} -> {show(ctx, t)}" for s, t in pairs),
        data={"moved": moves, "replaced": replaced},
        undo={"moves": moves, "replaced": replaced, "made": made},
    )


# files.delete -------------------------------------------------------------------------


def _delete_targets(ctx: ActionContext, paths: list[str]) -> list[Path]:
    """The paths to trash, in order, without those already inside another one listed."""
    targets: list[Path] = []
    for p in map(Path, paths):
        if not os.path.lexists(p):
            raise ActionFailed(f"cannot delete {show(ctx, p)}: no such file or directory")
        if p not in targets:
            targets.append(p)
    return [p for p in targets if not any(other in p.parents for other in targets)]


@reports_failure
def preview_delete(ctx: ActionContext, paths: list[str]) -> Preview:
    targets = _delete_targets(ctx, paths)
    size = total_stats(targets)
    parts = [f"{size.files} file(s)", f"{size.dirs} folder(s)"]
    parts += [f"{size.links} link(s)"] if size.links else []
    parts += [f"{size.other} other"] if size.other else []
    return Preview(
        summary=f"move {len(targets)} item(s) to nlsh's trash: {', '.join(parts)}, {human_size(size.bytes)}",
        targets=tuple(str(p) for p in targets),
        count=size.entries,
        bytes=size.bytes,
        details=tuple(f"{show(ctx, p)} is a link: the link goes, its target stays"
                      for p in targets if os.path.islink(p)),
        outside_workspace=outside_workspace(ctx, [str(p) for p in targets]),
    )


def undo_delete(ctx: ActionContext, data: dict) -> str:
    """Restore every trashed item; refuse, changing nothing, if any place is taken again."""
    trash = Trash(ctx.paths.trash, ctx.workspace)
    entries = data.get("trashed", [])
    check_restorable(ctx, trash, entries)
    with Rollback() as rollback:
        return "\n".join(restore_all(ctx, trash, entries, rollback))


@action("files.delete", capabilities=("fs.delete",), risk=Risk.R2, reversible=True,
        preview=preview_delete, undo=undo_delete)
def delete(ctx: ActionContext, paths: InPaths) -> ActionResult:
    """Delete files or folders by moving them to nlsh's trash (a link goes, never its target).

    Args:
        paths: the files, folders or links to delete.
    """
    targets = _delete_targets(ctx, paths)
    trash = Trash(ctx.paths.trash, ctx.workspace)
    trashed: list[list[str]] = []
    with Rollback() as rollback:
        for i, path in enumerate(targets):
            if ctx.cancelled.is_set():
                raise ActionFailed("cancelled", hint="nothing was deleted")
            entry_id = trash.put(path)
            rollback.add(lambda entry_id=entry_id: trash.restore(entry_id))
            trashed.append([str(path), entry_id])
            ctx.progress(i + 1, len(targets), "moving to the trash")
    return ActionResult(
        output="\n".join(f"trashed {show(ctx, p)}" for p, _ in trashed),
        data={"trashed": [{"path": p, "trash_id": i} for p, i in trashed]},
        undo={"trashed": trashed},
    )


@hookimpl
def nlsh_register_actions(register) -> None:
    from ._fsfound import copy_found, delete_found, move_found  # they build on this module

    for func in (copy, move, mkdir, touch, write, delete, delete_found, copy_found, move_found):
        register(func)
