"""files.mkdir, files.touch and files.write: actions that make new things or new content.

Registered by fileops.py. Writing never goes through a symbolic link, and replacing a
file's content first sends the old file to nlsh's trash, so undo can bring it back.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path
from typing import Annotated

from ..errors import ActionFailed
from ..sandbox.beneath import at_parent
from ..sandbox.fsops import Rollback, human_size, rename_noreplace, staging_path
from ..sandbox.trash import Trash
from ..types import Preview, Risk
from ._fschange import fail, make_parents, outside_workspace, remove_made_dirs, reports_failure, show
from ._fschange import trash_all, with_folder
from .context import ActionContext, ActionResult
from .registry import OutPath, PathRole, action

__all__ = ["mkdir", "touch", "write"]

NewPaths = Annotated[list[str], PathRole("new")]
_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC


# files.mkdir --------------------------------------------------------------------------


@reports_failure
def _preview_mkdir(ctx: ActionContext, path: str, parents: bool = True) -> Preview:
    exists = os.path.isdir(path)
    summary = f"{show(ctx, path)} already exists" if exists else f"make the folder {show(ctx, path)}"
    return Preview(summary=summary, targets=(path,), count=0 if exists else 1,
                   outside_workspace=outside_workspace(ctx, [path]))


def _undo_mkdir(ctx: ActionContext, data: dict) -> str:
    """Remove the folders made if still empty; otherwise move them to the trash, and say so."""
    return "\n".join(remove_made_dirs(ctx, data.get("made"), Trash(ctx.paths.trash, ctx.workspace)))


@action("files.mkdir", capabilities=("fs.write",), risk=Risk.R1, reversible=True,
        preview=_preview_mkdir, undo=_undo_mkdir)
def mkdir(ctx: ActionContext, path: OutPath, parents: bool = True) -> ActionResult:
    """Make a folder.

    Args:
        path: the folder to make.
        parents: also make missing parent folders, and accept a folder that already exists.
    """
    target = Path(path)
    if os.path.lexists(target):
        if parents and os.path.isdir(target):
            return ActionResult(output=f"{show(ctx, target)} already exists", data={"path": path, "created": False})
        raise ActionFailed(f"cannot make {show(ctx, target)}: it already exists")
    if not parents and not os.path.isdir(target.parent):
        raise ActionFailed(f"cannot make {show(ctx, target)}: there is no folder {show(ctx, target.parent)}",
                           hint="ask for the parent folders to be made too")
    try:
        made = make_parents(target, Rollback(), ctx.workspace)
    except OSError as exc:
        raise fail(ctx, exc, "cannot make the folder") from None
    return ActionResult(output=f"made {show(ctx, target)}", data={"path": path, "created": True},
                        undo={"made": made})


# files.touch --------------------------------------------------------------------------


@reports_failure
def _preview_touch(ctx: ActionContext, paths: list[str]) -> Preview:
    new = [p for p in paths if not os.path.lexists(p)]
    return Preview(
        summary=f"create {len(new)} empty file(s); set the time of {len(paths) - len(new)} to now",
        targets=tuple(paths),
        count=len(paths),
        outside_workspace=outside_workspace(ctx, paths),
    )


def _undo_touch(ctx: ActionContext, data: dict) -> str:
    """Trash the files touch created; put back the old times of the ones it touched."""
    with Rollback() as rollback:
        created = [Path(p) for p in data.get("created", [])]
        messages = trash_all(ctx, Trash(ctx.paths.trash, ctx.workspace), created, "new file", rollback)
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


@action("files.touch", capabilities=("fs.write",), risk=Risk.R1, reversible=True,
        preview=_preview_touch, undo=_undo_touch)
def touch(ctx: ActionContext, paths: NewPaths) -> ActionResult:
    """Create empty files, or set the modification time of existing ones to now.

    Args:
        paths: the files to create or touch (a link is touched itself, not its target).
    """
    for p in map(Path, paths):
        if not os.path.lexists(p) and not os.path.isdir(p.parent):
            raise ActionFailed(f"cannot touch {show(ctx, p)}: there is no folder {show(ctx, p.parent)}")
    created: list[str] = []
    touched: list[list] = []
    try:
        with contextlib.ExitStack() as folders, Rollback() as rollback:  # folders close after rollback
            for p in dict.fromkeys(paths):
                fd, name = folders.enter_context(at_parent(ctx.workspace, p))
                try:
                    st = os.lstat(name, dir_fd=fd)
                except FileNotFoundError:
                    os.close(os.open(name, _CREATE, 0o666, dir_fd=fd))
                    rollback.add(lambda fd=fd, name=name: os.unlink(name, dir_fd=fd))
                    created.append(p)
                    continue
                os.utime(name, None, dir_fd=fd, follow_symlinks=False)
                old = (st.st_atime_ns, st.st_mtime_ns)
                rollback.add(lambda fd=fd, name=name, old=old: os.utime(name, ns=old, dir_fd=fd, follow_symlinks=False))
                touched.append([p, *old])
    except OSError as exc:
        raise fail(ctx, with_folder(exc, p), "cannot touch") from None
    lines = [f"created {show(ctx, p)}" for p in created] + [f"touched {show(ctx, t[0])}" for t in touched]
    return ActionResult(output="\n".join(lines), data={"created": created, "touched": [t[0] for t in touched]},
                        undo={"created": created, "touched": touched})


# files.write --------------------------------------------------------------------------


def _existing_regular(ctx: ActionContext, path: Path) -> os.stat_result | None:
    """The file's stat if it exists; refuses links, folders and special files."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        if not os.path.isdir(path.parent):
            raise ActionFailed(f"cannot write {show(ctx, path)}: there is no folder {show(ctx, path.parent)}") from None
        return None
    if stat.S_ISLNK(st.st_mode):
        raise ActionFailed(f"cannot write {show(ctx, path)}: it is a symbolic link; nlsh does not write through links",
                           hint="write to the file it points to instead")
    if stat.S_ISDIR(st.st_mode):
        raise ActionFailed(f"cannot write {show(ctx, path)}: it is a folder")
    if not stat.S_ISREG(st.st_mode):
        raise ActionFailed(f"cannot write {show(ctx, path)}: it is not a regular file")
    return st


def _encoded(text: str) -> bytes:
    """The text as UTF-8; undecodable bytes carried as surrogates are written back as they were."""
    try:
        return text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        raise ActionFailed("the text holds characters that cannot be saved as UTF-8") from None


@reports_failure
def _preview_write(ctx: ActionContext, path: str, text: str, append: bool = False) -> Preview:
    st = _existing_regular(ctx, Path(path))
    size = len(_encoded(text))
    if st is None:
        summary = f"create {show(ctx, path)} with {human_size(size)}"
    elif append:
        summary = f"append {human_size(size)} to {show(ctx, path)} ({human_size(st.st_size)} now)"
    else:
        summary = f"replace {show(ctx, path)} ({human_size(st.st_size)}, kept in the trash) with {human_size(size)}"
    return Preview(summary=summary, targets=(path,), count=1, bytes=size, outside_workspace=outside_workspace(ctx, [path]))


def _write_all(fd: int, data: bytes) -> None:
    with open(fd, "wb", closefd=True) as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())


def _replace(trash: Trash, path: Path, data: bytes, old: os.stat_result, folder: int, name: str) -> str:
    """Build the new content beside path, trash the old file, rename the new one in.

    folder is an fd of path's folder and name its final name: the staged file is made and
    renamed in relative to it.
    """
    staged = staging_path(Path(name)).name
    fd = os.open(staged, _CREATE, 0o600, dir_fd=folder)
    try:
        with open(fd, "wb", closefd=True) as f:
            if os.geteuid() == 0 and (old.st_uid, old.st_gid) != (0, 0):
                os.fchown(fd, old.st_uid, old.st_gid)  # root editing someone's file keeps it theirs
            os.fchmod(fd, stat.S_IMODE(old.st_mode))
            f.write(data)
            f.flush()
            os.fsync(fd)
        entry_id = trash.put(path)
    except BaseException:
        os.unlink(staged, dir_fd=folder)
        raise
    try:
        rename_noreplace(staged, name, src_dir_fd=folder, dst_dir_fd=folder)
    except BaseException:
        os.unlink(staged, dir_fd=folder)
        trash.restore(entry_id)
        raise
    return entry_id


def _undo_write(ctx: ActionContext, data: dict) -> str:
    """Bring back the content from before the write (the written version goes to the trash)."""
    path, how, trash = Path(data["path"]), data["how"], Trash(ctx.paths.trash, ctx.workspace)
    if how == "created":
        with Rollback() as rollback:
            return "\n".join(trash_all(ctx, trash, [path], "written file", rollback))
    if how == "replaced":
        trash.info(data["trash_id"])
        with Rollback() as rollback:
            messages = trash_all(ctx, trash, [path], "written version", rollback)
            trash.restore(data["trash_id"], path)
        return "\n".join(messages + [f"restored the previous {show(ctx, path)}"])
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        raise ActionFailed(f"cannot undo the append: {show(ctx, path)} is gone") from None
    if (st.st_size, st.st_mtime_ns) != (data["size"], data["mtime_ns"]) or _tail_digest(path, data) != data["sha256"]:
        raise ActionFailed(f"cannot undo the append: {show(ctx, path)} changed since",
                           hint=f"its earlier content is its first {data['old_size']} bytes")
    os.truncate(path, data["old_size"])
    return f"removed the appended text from {show(ctx, path)}"


def _tail_digest(path: Path, data: dict) -> str:
    import hashlib

    with open(os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC), "rb") as f:
        f.seek(data["old_size"])
        return hashlib.sha256(f.read(data["size"] - data["old_size"])).hexdigest()


def _write_at(ctx: ActionContext, path: str, data: bytes, st: os.stat_result | None, append: bool,
              folder: int, name: str) -> dict:
    """Create, append to or replace name in the folder fd; what undo needs."""
    if st is None:
        with Rollback() as rollback:
            fd = os.open(name, _CREATE, 0o666, dir_fd=folder)
            rollback.add(lambda: os.unlink(name, dir_fd=folder))
            _write_all(fd, data)
        return {"path": path, "how": "created"}
    if append:
        import hashlib

        fd = os.open(name, os.O_WRONLY | os.O_APPEND | os.O_NOFOLLOW | os.O_CLOEXEC, dir_fd=folder)
        old_size = os.fstat(fd).st_size
        with Rollback() as rollback:
            rollback.add(lambda: _truncate_at(folder, name, old_size))
            _write_all(fd, data)
        now = os.lstat(name, dir_fd=folder)
        return {"path": path, "how": "appended", "old_size": old_size, "size": now.st_size,
                "mtime_ns": now.st_mtime_ns, "sha256": hashlib.sha256(data).hexdigest()}
    entry_id = _replace(Trash(ctx.paths.trash, ctx.workspace), Path(path), data, st, folder, name)
    return {"path": path, "how": "replaced", "trash_id": entry_id}


def _truncate_at(folder: int, name: str, size: int) -> None:
    fd = os.open(name, os.O_WRONLY | os.O_NOFOLLOW | os.O_CLOEXEC, dir_fd=folder)
    try:
        os.ftruncate(fd, size)
    finally:
        os.close(fd)


@action("files.write", capabilities=("fs.write",), risk=Risk.R1, reversible=True,
        preview=_preview_write, undo=_undo_write)
def write(ctx: ActionContext, path: OutPath, text: str, append: bool = False) -> ActionResult:
    """Write text to a file, creating it, replacing its content, or appending to it.

    Args:
        path: the file to write.
        text: the text to write (saved as UTF-8).
        append: add the text at the end instead of replacing the content.
    """
    target = Path(path)
    data = _encoded(text)
    st = _existing_regular(ctx, target)
    try:
        with at_parent(ctx.workspace, target) as (folder, name):
            undo = _write_at(ctx, path, data, st, append, folder, name)
    except OSError as exc:
        raise fail(ctx, with_folder(exc, target), "cannot write") from None
    verb = {"created": "created", "appended": "appended to", "replaced": "wrote"}[undo["how"]]
    return ActionResult(output=f"{verb} {show(ctx, target)} ({human_size(len(data))})",
                        data={"path": path, "bytes": len(data), "how": undo["how"]}, undo=undo)
