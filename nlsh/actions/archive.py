"""Archives: files.archive, files.extract, files.list_archive (tar, tar.gz/bz2/xz, zip).

An archive is written under a temporary name and renamed into place, so a cancelled or
failed run leaves nothing. Extraction is checked in full before anything is written (see
_archive_members.py); tar members are extracted with tarfile's "data" filter as well, and
undo moves to the trash only what extraction created.
"""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path
from typing import Any, Literal

from ..errors import ActionFailed
from ..plugins import hookimpl
from ..sandbox.fsops import Cancelled, Rollback, human_size, remove_entry
from ..sandbox.trash import Trash
from ..textsafe import escape_name
from ..types import Preview, Risk
from ._archive_members import Member, check_members, open_archive, read_members
from ._archive_write import plan_archive, write_archive
from ._compress import compress, decompress
from ._fschange import fail, outside_workspace, reports_failure, show, trash_all
from .context import ActionContext, ActionResult
from .registry import InPath, InPaths, OutPath, action

__all__ = ["archive", "extract", "list_archive"]

Format = Literal["auto", "tar", "tar.gz", "tar.bz2", "tar.xz", "zip"]
_CHUNK = 1 << 20


# files.archive ------------------------------------------------------------------------


@reports_failure
def _preview_archive(ctx: ActionContext, sources: list[str], archive: str, format: str = "auto") -> Preview:
    plan = plan_archive(ctx, sources, Path(archive), format)
    details = [f"skips {show(ctx, p)}: not a file, folder or link" for p in plan.skipped]
    return Preview(
        summary=f"pack {len(plan.members)} member(s) ({human_size(plan.bytes)}) into "
        f"{show(ctx, archive)} as {plan.format}",
        targets=(archive,),
        count=len(plan.members),
        bytes=plan.bytes,
        details=tuple(details),
        outside_workspace=outside_workspace(ctx, [archive]),
    )


def _undo_archive(ctx: ActionContext, data: dict) -> str:
    """Move the archive that was made to the trash."""
    with Rollback() as rollback:
        return "\n".join(trash_all(ctx, Trash(ctx.paths.trash), [Path(data["archive"])], "archive", rollback))


@action("files.archive", capabilities=("fs.read", "fs.write"), risk=Risk.R1, reversible=True,
        preview=_preview_archive, undo=_undo_archive)
def archive(ctx: ActionContext, sources: InPaths, archive: OutPath, format: Format = "auto") -> ActionResult:
    """Pack files or folders into a new archive (tar, tar.gz, tar.bz2, tar.xz or zip).

    Args:
        sources: the files or folders to pack; names inside are relative to their common parent folder.
        archive: the archive file to create; it must not exist yet.
        format: the archive format; "auto" picks it from the archive's name (.tar.gz, .zip, ...).
    """
    plan = plan_archive(ctx, sources, Path(archive), format)
    try:
        write_archive(ctx, plan)
    except Cancelled:
        raise ActionFailed("cancelled", hint="no archive was made") from None
    except OSError as exc:
        raise fail(ctx, exc, "cannot make the archive") from None
    note = f"; skipped {len(plan.skipped)} special file(s)" if plan.skipped else ""
    return ActionResult(
        output=f"packed {len(plan.members)} member(s) into {show(ctx, archive)}{note}",
        data={"archive": archive, "format": plan.format, "members": [m for _, m in plan.members],
              "skipped": [str(p) for p in plan.skipped]},
        undo={"archive": archive},
    )


# files.extract ------------------------------------------------------------------------


def _checked(archive: Path, destination: Path) -> tuple[str, Any, list[Member], list[Path]]:
    kind, handle = open_archive(archive)
    try:
        members = read_members(kind, handle)
        created = check_members(destination, members)
        if kind == "tar":
            _tar_filter_check(handle, members, destination)
        _check_space(destination, sum(m.size for m in members))
    except BaseException:
        handle.close()
        raise
    return kind, handle, members, created


def _tar_filter_check(tf: Any, members: list[Member], destination: Path) -> None:
    import tarfile

    for m in members:
        try:
            tarfile.data_filter(m.raw, str(destination))
        except tarfile.FilterError as exc:
            raise ActionFailed(f"refusing the archive: {escape_name(m.name)}: {exc}") from None


def _check_space(destination: Path, needed: int) -> None:
    probe = destination
    while not probe.exists() and probe.parent != probe:
        probe = probe.parent
    free = shutil.disk_usage(probe).free
    if needed > free:
        raise ActionFailed(f"the archive holds {human_size(needed)} but only {human_size(free)} is free there")


@reports_failure
def _preview_extract(ctx: ActionContext, archive: str, destination: str = ".") -> Preview:
    _kind, handle, members, created = _checked(Path(archive), Path(destination))
    handle.close()
    return Preview(
        summary=f"extract {len(members)} member(s) ({human_size(sum(m.size for m in members))}) "
        f"from {show(ctx, archive)} into {show(ctx, destination)}",
        targets=tuple(str(p) for p in created),
        count=len(members),
        bytes=sum(m.size for m in members),
        outside_workspace=outside_workspace(ctx, [destination]),
    )


def _undo_extract(ctx: ActionContext, data: dict) -> str:
    """Move to the trash what extraction created (it never replaced anything)."""
    with Rollback() as rollback:
        paths = [Path(p) for p in reversed(data.get("created", []))]
        return "\n".join(trash_all(ctx, Trash(ctx.paths.trash), paths, "extracted", rollback))


@action("files.extract", capabilities=("fs.write",), risk=Risk.R1, reversible=True,
        preview=_preview_extract, undo=_undo_extract)
def extract(ctx: ActionContext, archive: InPath, destination: OutPath = ".") -> ActionResult:
    """Unpack an archive into a folder; refuses members that would land outside it or replace a file.

    Args:
        archive: the archive to unpack (tar, tar.gz, tar.bz2, tar.xz or zip; found from its content).
        destination: the folder to unpack into (made if missing).
    """
    dest = Path(destination)
    kind, handle, members, created = _checked(Path(archive), dest)
    try:
        with handle, Rollback() as rollback:
            for path in created:
                rollback.add(lambda path=path: _remove_if_present(path))
            dest.mkdir(parents=True, exist_ok=True)
            if kind == "tar":
                _extract_tar(ctx, handle, members, dest)
            else:
                _extract_zip(ctx, handle, members, dest)
    except Cancelled:
        raise ActionFailed("cancelled", hint="nothing was extracted") from None
    except OSError as exc:
        raise fail(ctx, exc, "cannot extract") from None
    except Exception as exc:  # a damaged member: tarfile/zipfile errors, bad CRC
        raise ActionFailed(f"cannot extract {show(ctx, archive)}: {exc}", hint="nothing was extracted") from None
    return ActionResult(
        output=f"extracted {len(members)} member(s) into {show(ctx, dest)}",
        data={"destination": destination, "members": [m.name for m in members],
              "created": [str(p) for p in created]},
        undo={"created": [str(p) for p in created]},
    )


def _remove_if_present(path: Path) -> None:
    if os.path.lexists(path):
        remove_entry(path)


def _progress(ctx: ActionContext, members: list[Member]):
    for i, member in enumerate(members):
        if ctx.cancelled.is_set():
            raise Cancelled("cancelled")
        yield member
        ctx.progress(i + 1, len(members), member.name)


def _extract_tar(ctx: ActionContext, tf: Any, members: list[Member], dest: Path) -> None:
    infos = (m.raw for m in _progress(ctx, members))
    tf.extractall(dest, members=infos, filter="data")


def _extract_zip(ctx: ActionContext, zf: Any, members: list[Member], dest: Path) -> None:
    links = []
    for member in _progress(ctx, members):
        target = dest / os.path.normpath(member.name)
        if member.kind == "dir":
            target.mkdir(parents=True, exist_ok=True)
        elif member.kind == "symlink":
            links.append((member, target))
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            _extract_zip_file(ctx, zf, member, target)
    for member, target in links:  # last, so that no member is written through one
        target.parent.mkdir(parents=True, exist_ok=True)
        os.symlink(member.link, target)


def _extract_zip_file(ctx: ActionContext, zf: Any, member: Member, target: Path) -> None:
    import time

    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
    with zf.open(member.raw) as src, open(os.open(target, flags, 0o644), "wb") as out:
        while chunk := src.read(_CHUNK):
            if ctx.cancelled.is_set():
                raise Cancelled("cancelled")
            out.write(chunk)
    mode = stat.S_IMODE(member.raw.external_attr >> 16)
    if mode:
        mode = (mode & 0o755) | 0o600
        os.chmod(target, mode if mode & stat.S_IXUSR else mode & ~0o111)
    stamp = time.mktime(member.raw.date_time + (0, 0, -1))
    os.utime(target, (stamp, stamp))


# files.list_archive -------------------------------------------------------------------


@reports_failure
def _preview_list(ctx: ActionContext, archive: str) -> Preview:
    return Preview(summary=f"list the members of {show(ctx, archive)}", targets=(archive,), reversible=False)


@action("files.list_archive", capabilities=("fs.read",), risk=Risk.R0, preview=_preview_list)
def list_archive(ctx: ActionContext, archive: InPath) -> ActionResult:
    """List the members of an archive, one per line (folders end with "/").

    Args:
        archive: the archive to look into (tar, tar.gz, tar.bz2, tar.xz or zip).
    """
    kind, handle = open_archive(Path(archive))
    with handle:
        members = read_members(kind, handle)
    names = [m.name.rstrip("/") + ("/" if m.kind == "dir" else "") for m in members]
    rows = [{"name": n, "type": m.kind, "size": m.size, "link": m.link or None} for n, m in zip(names, members)]
    return ActionResult(output="\n".join(escape_name(n) for n in names), data={"format": kind, "members": rows})


@hookimpl
def nlsh_register_actions(register) -> None:
    for func in (archive, extract, list_archive, compress, decompress):
        register(func)
