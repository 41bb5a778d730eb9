"""Planning and writing a new archive for files.archive.

Members are named relative to the sources' common parent folder; links are stored as
links, special files (FIFOs, devices, sockets) are skipped and reported. The archive is
written under a temporary name beside its final one and renamed into place at the end.
"""

from __future__ import annotations

import os
import stat
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from ..errors import ActionFailed
from ..sandbox.fsops import Cancelled, rename_noreplace, staging_path
from ..textsafe import escape_name
from ._fschange import fail, show
from .context import ActionContext

__all__ = ["ArchivePlan", "archive_format", "plan_archive", "write_archive"]

_SUFFIXES = (
    (".tar.gz", "tar.gz"), (".tgz", "tar.gz"),
    (".tar.bz2", "tar.bz2"), (".tbz2", "tar.bz2"), (".tbz", "tar.bz2"),
    (".tar.xz", "tar.xz"), (".txz", "tar.xz"),
    (".tar", "tar"), (".zip", "zip"),
)
_TAR_MODES = {"tar": "x:", "tar.gz": "x:gz", "tar.bz2": "x:bz2", "tar.xz": "x:xz"}
_CHUNK = 1 << 20
_READ = os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC


@dataclass
class ArchivePlan:
    path: Path
    format: str
    members: list[tuple[Path, str]] = field(default_factory=list)  # (path on disk, name inside)
    skipped: list[Path] = field(default_factory=list)
    bytes: int = 0


def archive_format(path: Path, fmt: str) -> str:
    """The format asked for, or the one the archive's name implies when fmt is "auto"."""
    if fmt != "auto":
        return fmt
    name = path.name.lower()
    for suffix, found in _SUFFIXES:
        if name.endswith(suffix):
            return found
    raise ActionFailed(
        f"cannot tell the archive format from the name {escape_name(path.name)}",
        hint="name it .tar, .tar.gz, .tar.bz2, .tar.xz or .zip, or give the format",
    )


def _walk(root: Path) -> Iterator[tuple[Path, os.stat_result]]:
    pending = [root]
    while pending:
        path = pending.pop()
        st = os.lstat(path)
        yield path, st
        if stat.S_ISDIR(st.st_mode):
            pending.extend(path / name for name in sorted(os.listdir(path), reverse=True))


def plan_archive(ctx: ActionContext, sources: list[str], archive: Path, fmt: str) -> ArchivePlan:
    """What goes into the archive, checked: ActionFailed if it cannot be made as asked."""
    plan = ArchivePlan(archive, archive_format(archive, fmt))
    if os.path.lexists(archive):
        raise ActionFailed(f"{show(ctx, archive)} already exists", hint="choose another name")
    if not os.path.isdir(archive.parent):
        raise ActionFailed(f"cannot make {show(ctx, archive)}: there is no folder {show(ctx, archive.parent)}")
    srcs = [Path(s) for s in sources]
    if not srcs:
        raise ActionFailed("nothing to pack: no sources given")
    for src in srcs:
        if not os.path.lexists(src):
            raise ActionFailed(f"{show(ctx, src)}: no such file or directory")
    base = Path(os.path.commonpath([str(s.parent) for s in srcs]))
    try:
        for src in srcs:
            for path, st in _walk(src):
                _add_to_plan(ctx, plan, base, path, st)
    except OSError as exc:
        raise fail(ctx, exc, "cannot read") from None
    return plan


def _add_to_plan(ctx: ActionContext, plan: ArchivePlan, base: Path, path: Path, st: os.stat_result) -> None:
    if path == plan.path:
        return
    if not (stat.S_ISREG(st.st_mode) or stat.S_ISDIR(st.st_mode) or stat.S_ISLNK(st.st_mode)):
        plan.skipped.append(path)
        return
    name = path.relative_to(base).as_posix()
    if plan.format == "zip":
        try:
            name.encode("utf-8")
        except UnicodeEncodeError:
            raise ActionFailed(
                f"{show(ctx, path)} has a name that is not UTF-8, which zip cannot hold exactly",
                hint="use a tar format",
            ) from None
    plan.members.append((path, name))
    plan.bytes += st.st_size if stat.S_ISREG(st.st_mode) else 0


def write_archive(ctx: ActionContext, plan: ArchivePlan) -> None:
    """Write the planned archive; all or nothing (Cancelled when ctx.cancelled is set)."""
    staged = staging_path(plan.path)
    try:
        if plan.format == "zip":
            _write_zip(ctx, plan, staged)
        else:
            _write_tar(ctx, plan, staged)
        rename_noreplace(staged, plan.path)
    except BaseException:
        if os.path.lexists(staged):
            os.unlink(staged)
        raise


def _members(ctx: ActionContext, plan: ArchivePlan) -> Iterator[tuple[Path, str]]:
    for i, (path, name) in enumerate(plan.members):
        if ctx.cancelled.is_set():
            raise Cancelled("cancelled")
        yield path, name
        ctx.progress(i + 1, len(plan.members), name)


def _write_tar(ctx: ActionContext, plan: ArchivePlan, staged: Path) -> None:
    import tarfile

    with tarfile.open(staged, _TAR_MODES[plan.format]) as tf:
        for path, name in _members(ctx, plan):
            info = tf.gettarinfo(str(path), arcname=name)
            if info is None:
                continue
            if info.isreg():
                with open(os.open(path, _READ), "rb") as f:
                    tf.addfile(info, f)
            else:
                tf.addfile(info)


def _write_zip(ctx: ActionContext, plan: ArchivePlan, staged: Path) -> None:
    import zipfile

    with zipfile.ZipFile(staged, "x", zipfile.ZIP_DEFLATED, strict_timestamps=False) as zf:
        for path, name in _members(ctx, plan):
            st = os.lstat(path)
            if stat.S_ISLNK(st.st_mode):
                info = zipfile.ZipInfo(name, _zip_time(st.st_mtime))
                info.create_system = 3  # unix, so that the mode bits below are read
                info.external_attr = (stat.S_IFLNK | 0o777) << 16
                zf.writestr(info, os.fsencode(os.readlink(path)))
            elif stat.S_ISDIR(st.st_mode):
                zf.writestr(zipfile.ZipInfo.from_file(path, name, strict_timestamps=False), b"")
            else:
                info = zipfile.ZipInfo.from_file(path, name, strict_timestamps=False)
                info.compress_type = zipfile.ZIP_DEFLATED
                _zip_file(ctx, zf, info, path)


def _zip_file(ctx: ActionContext, zf: Any, info: Any, path: Path) -> None:
    with open(os.open(path, _READ), "rb") as src, zf.open(info, "w") as out:
        while chunk := src.read(_CHUNK):
            if ctx.cancelled.is_set():
                raise Cancelled("cancelled")
            out.write(chunk)


def _zip_time(mtime: float) -> tuple[int, int, int, int, int, int]:
    return max((1980, 1, 1, 0, 0, 0), tuple(time.localtime(mtime)[:6]))  # type: ignore[return-value]
