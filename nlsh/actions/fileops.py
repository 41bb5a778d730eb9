"""Actions that change files: copy, move, mkdir, touch, write, delete.

Nothing is lost: nothing is overwritten unless asked (overwrite=True), and then the old
version goes to nlsh's trash first; delete only ever moves to the trash. Every action
returns what its undo needs, and every undo checks the world first: if a path it would
write has reappeared, it fails with a clear message and changes nothing.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import Annotated

from ..errors import ActionFailed
from ..plugins import hookimpl
from ..sandbox.fsops import Cancelled, Rollback, TreeStats, copy_entry, human_size, move_entry
from ..sandbox.fsops import remove_entry, rename_noreplace, staging_path, tree_stats
from ..sandbox.paths import is_within
from ..sandbox.trash import Trash
from ..textsafe import escape_name
from ..types import Preview, Risk
from .context import ActionContext, ActionResult
from .registry import InPaths, OutPath, PathRole, action
from ._fsundo import (
    fail,
    make_parents,
    plan_targets,
    remove_made_dirs,
    restore_all,
    show,
    trash_all,
    trash_existing,
)

__all__ = ["copy", "delete", "mkdir", "move", "touch", "write"]

NewPaths = Annotated[list[str], PathRole("new")]


def _trash(ctx: ActionContext) -> Trash:
    return Trash(ctx.paths.trash)


def _outside(ctx: ActionContext, paths: list[str]) -> bool:
    return any(not is_within(Path(p), ctx.workspace) for p in paths)


def _stats(paths: list[Path]) -> TreeStats:
    total = TreeStats()
    for p in paths:
        total.add(tree_stats(p))
    return total


# files.copy ---------------------------------------------------------------------------


def _preview_copy(ctx: ActionContext, sources: list[str], destination: str, overwrite: bool = False) -> Preview:
    pairs, _ = plan_targets(ctx, sources, destination)
    replaced = [t for _, t in pairs if os.path.lexists(t)]
    size = _stats([s for s, _ in pairs])
    targets = [str(t) for _, t in pairs]
    details = [f"replaces {show(ctx, t)} (the old one goes to the trash)" for t in replaced if overwrite]
    details += [f"{show(ctx, t)} already exists: refused without overwrite" for t in replaced if not overwrite]
    return Preview(
        summary=f"copy {len(pairs)} item(s) ({size.files} file(s), {human_size(size.bytes)}) "
        f"to {show(ctx, destination)}",
        targets=tuple(targets),
        count=size.files,
        bytes=size.bytes,
        details=tuple(details),
        outside_workspace=_outside(ctx, targets),
    )


@action("files.copy", capabilities=("fs.read", "fs.write"), risk=Risk.R1, reversible=True,
        preview=_preview_copy, undo=lambda ctx, data: _undo_copy(ctx, data))
def copy(ctx: ActionContext, sources: InPaths, destination: OutPath, overwrite: bool = False) -> ActionResult:
    """Copy files or folders (folders recursively; links are copied as links).

    Args:
        sources: the files or folders to copy.
        destination: the new name, or the folder to copy into (made if several sources and missing).
        overwrite: replace existing targets; the old ones go to nlsh's trash first.
    """
    pairs, folder = plan_targets(ctx, sources, destination)
    existing = trash_existing.check(ctx, [t for _, t in pairs], overwrite)
    total = _stats([s for s, _ in pairs]).bytes
    done = 0

    def tick(n: int) -> None:
        nonlocal done
        done += n
        ctx.progress(done, total, "copying")

    trash = _trash(ctx)
    try:
        with Rollback() as rollback:
            made = make_parents(ctx, folder, rollback)
            replaced = trash_existing(ctx, trash, existing, rollback)
            for src, target in pairs:
                copy_entry(src, target, tick=tick, cancelled=ctx.cancelled)
                rollback.add(lambda target=target: remove_entry(target))
    except Cancelled:
        raise ActionFailed("cancelled", hint="nothing was copied") from None
    except OSError as exc:
        raise fail(ctx, exc, "cannot copy") from None
    lines = [f"copied {show(ctx, s)} -> {show(ctx, t)}" for s, t in pairs]
    data = {"copied": [[str(s), str(t)] for s, t in pairs], "replaced": replaced, "bytes": total}
    undo = {"created": [str(t) for _, t in pairs], "replaced": replaced, "made": made}
    return ActionResult(output="\n".join(lines), data=data, undo=undo)


def _undo_copy(ctx: ActionContext, data: dict) -> str:
    trash = _trash(ctx)
    for _, entry_id in data.get("replaced", []):
        trash.info(entry_id)  # fails now, before anything moves, if an entry is gone
    messages = trash_all(ctx, trash, [Path(p) for p in data.get("created", [])], "copy")
    messages += restore_all(ctx, trash, data.get("replaced", []))
    messages += remove_made_dirs(ctx, data.get("made"))
    return "\n".join(messages)


# files.move ---------------------------------------------------------------------------


def _preview_move(ctx: ActionContext, sources: list[str], destination: str, overwrite: bool = False) -> Preview:
    base = _preview_copy(ctx, sources, destination, overwrite)
    return Preview(
        summary="move" + base.summary[len("copy"):],
        targets=base.targets,
        count=base.count,
        bytes=base.bytes,
        details=base.details,
        outside_workspace=base.outside_workspace or _outside(ctx, list(sources)),
    )


@action("files.move", capabilities=("fs.write",), risk=Risk.R1, reversible=True,
        preview=_preview_move, undo=lambda ctx, data: _undo_move(ctx, data))
def move(ctx: ActionContext, sources: InPaths, destination: OutPath, overwrite: bool = False) -> ActionResult:
    """Move or rename files or folders.

    Args:
        sources: the files or folders to move.
        destination: the new name, or the folder to move into (made if several sources and missing).
        overwrite: replace existing targets; the old ones go to nlsh's trash first.
    """
    pairs, folder = plan_targets(ctx, sources, destination)
    existing = trash_existing.check(ctx, [t for _, t in pairs], overwrite)
    trash = _trash(ctx)
    try:
        with Rollback() as rollback:
            made = make_parents(ctx, folder, rollback)
            replaced = trash_existing(ctx, trash, existing, rollback)
            for i, (src, target) in enumerate(pairs):
                if ctx.cancelled.is_set():
                    raise Cancelled("cancelled")
                move_entry(src, target, cancelled=ctx.cancelled)
                rollback.add(lambda src=src, target=target: move_entry(target, src))
                ctx.progress(i + 1, len(pairs), "moving")
    except Cancelled:
        raise ActionFailed("cancelled", hint="nothing was moved") from None
    except OSError as exc:
        raise fail(ctx, exc, "cannot move") from None
    moves = [[str(s), str(t)] for s, t in pairs]
    output = "\n".join(f"moved {show(ctx, s)} -> {show(ctx, t)}" for s, t in pairs)
    return ActionResult(
        output=output,
        data={"moved": moves, "replaced": replaced},
        undo={"moves": moves, "replaced": replaced, "made": made},
    )


def _undo_move(ctx: ActionContext, data: dict) -> str:
    moves = [(Path(s), Path(t)) for s, t in data.get("moves", [])]
    for src, target in moves:
        if not os.path.lexists(target):
            raise ActionFailed(f"cannot undo the move: {show(ctx, target)} is no longer there")
        if os.path.lexists(src):
            raise ActionFailed(
                f"cannot undo the move: {show(ctx, src)} exists again",
                hint="move it away, then undo again",
            )
    trash = _trash(ctx)
    for _, entry_id in data.get("replaced", []):
        trash.info(entry_id)
    try:
        with Rollback() as rollback:
            for src, target in reversed(moves):
                src.parent.mkdir(parents=True, exist_ok=True)
                move_entry(target, src)
                rollback.add(lambda src=src, target=target: move_entry(src, target))
    except OSError as exc:
        raise fail(ctx, exc, "cannot undo the move") from None
    messages = [f"moved {show(ctx, t)} back to {show(ctx, s)}" for s, t in moves]
    messages += restore_all(ctx, trash, data.get("replaced", []))
    messages += remove_made_dirs(ctx, data.get("made"))
    return "\n".join(messages)


# files.mkdir --------------------------------------------------------------------------


def _preview_mkdir(ctx: ActionContext, path: str, parents: bool = True) -> Preview:
    exists = os.path.isdir(path)
    summary = f"{show(ctx, path)} already exists" if exists else f"make folder {show(ctx, path)}"
    return Preview(summary=summary, targets=(path,), count=0 if exists else 1,
                   outside_workspace=_outside(ctx, [path]))


@action("files.mkdir", capabilities=("fs.write",), risk=Risk.R1, reversible=True,
        preview=_preview_mkdir, undo=lambda ctx, data: _undo_mkdir(ctx, data))
def mkdir(ctx: ActionContext, path: OutPath, parents: bool = True) -> ActionResult:
    """Make a folder.

    Args:
        path: the folder to make.
        parents: also make missing parent folders (and accept a folder that already exists).
    """
    target = Path(path)
    if os.path.lexists(target):
        if parents and os.path.isdir(target):
            return ActionResult(output=f"{show(ctx, target)} already exists", data={"path": path, "created": False})
        raise ActionFailed(f"cannot make {show(ctx, target)}: it already exists")
    if not parents and not os.path.isdir(target.parent):
        raise ActionFailed(f"cannot make {show(ctx, target)}: no folder {show(ctx, target.parent)}",
                           hint="ask for parent folders to be made too")
    try:
        made = make_parents(ctx, target, Rollback())
    except OSError as exc:
        raise fail(ctx, exc, "cannot make folder") from None
    return ActionResult(output=f"made {show(ctx, target)}", data={"path": path, "created": True},
                        undo={"made": made})


def _undo_mkdir(ctx: ActionContext, data: dict) -> str:
    return "\n".join(remove_made_dirs(ctx, data.get("made"), trash_if_full=_trash(ctx)))


# files.touch --------------------------------------------------------------------------


def _preview_touch(ctx: ActionContext, paths: list[str]) -> Preview:
    new = [p for p in paths if not os.path.lexists(p)]
    return Preview(
        summary=f"create {len(new)} empty file(s), update the time of {len(paths) - len(new)}",
        targets=tuple(paths),
        count=len(paths),
        outside_workspace=_outside(ctx, paths),
    )


@action("files.touch", capabilities=("fs.write",), risk=Risk.R1, reversible=True,
        preview=_preview_touch, undo=lambda ctx, data: _undo_touch(ctx, data))
def touch(ctx: ActionContext, paths: NewPaths) -> ActionResult:
    """Create empty files, or set the modification time of existing ones to now.

    Args:
        paths: the files to create or touch (a link is touched itself, not its target).
    """
    for p in map(Path, paths):
        if not os.path.lexists(p) and not os.path.isdir(p.parent):
            raise ActionFailed(f"cannot touch {show(ctx, p)}: no folder {show(ctx, p.parent)}")
    created: list[str] = []
    touched: list[list] = []
    try:
        with Rollback() as rollback:
            for p in paths:
                if os.path.lexists(p):
                    st = os.lstat(p)
                    os.utime(p, None, follow_symlinks=False)
                    touched.append([p, st.st_atime_ns, st.st_mtime_ns])
                    rollback.add(lambda p=p, st=st: os.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns),
                                                             follow_symlinks=False))
                else:
                    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
                    os.close(os.open(p, flags, 0o666))
                    created.append(p)
                    rollback.add(lambda p=p: os.unlink(p))
    except OSError as exc:
        raise fail(ctx, exc, "cannot touch") from None
    lines = [f"created {show(ctx, p)}" for p in created] + [f"touched {show(ctx, p)}" for p, *_ in touched]
    return ActionResult(output="\n".join(lines), data={"created": created, "touched": [t[0] for t in touched]},
                        undo={"created": created, "touched": touched})


def _undo_touch(ctx: ActionContext, data: dict) -> str:
    messages = trash_all(ctx, _trash(ctx), [Path(p) for p in data.get("created", [])], "new file")
    for p, atime, mtime in data.get("touched", []):
        if not os.path.lexists(p):
            messages.append(f"{show(ctx, p)} is gone; its time was not restored")
            continue
        try:
            os.utime(p, ns=(atime, mtime), follow_symlinks=False)
        except OSError as exc:
            raise fail(ctx, exc, "cannot restore the time of") from None
        messages.append(f"restored the time of {show(ctx, p)}")
    return "\n".join(messages)


# files.write and files.delete live in _fswrite.py to keep this module short.
from ._fswrite import delete, write  # noqa: E402


@hookimpl
def nlsh_register_actions(register) -> None:
    for func in (copy, move, mkdir, touch, write, delete):
        register(func)
