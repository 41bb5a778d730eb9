"""Reading archive members (tar or zip) into one shape, and checking them before extraction.

Nothing is extracted until every member has passed: no absolute names, nothing that lands
outside the destination (`..`, links pointing out, paths through links), no special files,
nothing that already exists (existing folders may receive new files), no name twice.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import ActionFailed
from ..textsafe import escape_name

__all__ = ["Member", "check_members", "open_archive", "read_members"]

_LINK_TEXT_CAP = 4096


@dataclass(frozen=True)
class Member:
    """One archive member: normalised relative name, kind, size, and link target if a link."""

    name: str
    kind: str  # "file", "dir", "symlink", "hardlink", "special"
    size: int
    link: str = ""
    raw: Any = None  # the TarInfo or ZipInfo


def open_archive(path: Path) -> tuple[str, Any]:
    """("zip" | "tar", an open ZipFile or TarFile); ActionFailed if it is neither."""
    import tarfile
    import zipfile

    shown = escape_name(str(path))
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):  # a FIFO or device would block or never end
            raise ActionFailed(f"{shown} is not a regular file, so not an archive nlsh can read")
        if zipfile.is_zipfile(path):
            return "zip", zipfile.ZipFile(path)
        return "tar", tarfile.open(path, "r:*")
    except (tarfile.TarError, zipfile.BadZipFile, EOFError):
        raise ActionFailed(
            f"{shown} is not an archive nlsh can read",
            hint="tar, tar.gz, tar.bz2, tar.xz and zip are supported",
        ) from None
    except OSError as exc:
        raise ActionFailed(f"cannot read {shown}: {exc.strerror or exc}") from None


def read_members(kind: str, handle: Any) -> list[Member]:
    """Every member of an open archive, in archive order."""
    try:
        return _tar_members(handle) if kind == "tar" else _zip_members(handle)
    except ActionFailed:
        raise
    except Exception as exc:  # tarfile/zipfile raise many kinds on damaged archives
        raise ActionFailed(f"the archive is damaged: {exc}") from None


def _tar_members(tf: Any) -> list[Member]:
    found = []
    for ti in tf.getmembers():
        if ti.isdir():
            kind = "dir"
        elif ti.issym():
            kind = "symlink"
        elif ti.islnk():
            kind = "hardlink"
        elif ti.isreg():
            kind = "file"
        else:
            kind = "special"
        found.append(Member(ti.name, kind, ti.size if kind == "file" else 0, ti.linkname, ti))
    return found


def _zip_members(zf: Any) -> list[Member]:
    found = []
    for zi in zf.infolist():
        mode = zi.external_attr >> 16
        if zi.flag_bits & 0x1:
            raise ActionFailed(f"{escape_name(zi.filename)} is encrypted; nlsh does not extract encrypted zips")
        if zi.is_dir():
            found.append(Member(zi.filename, "dir", 0, "", zi))
        elif stat.S_ISLNK(mode):
            if zi.file_size > _LINK_TEXT_CAP:
                raise ActionFailed(f"{escape_name(zi.filename)} is a link with an impossibly long target")
            link = os.fsdecode(zf.read(zi))
            found.append(Member(zi.filename, "symlink", 0, link, zi))
        elif mode and not stat.S_ISREG(mode) and stat.S_IFMT(mode):
            found.append(Member(zi.filename, "special", 0, "", zi))
        else:
            found.append(Member(zi.filename, "file", zi.file_size, "", zi))
    return found


def _relative(name: str) -> str:
    """The member's normalised relative name; ActionFailed for absolute or escaping names."""
    shown = escape_name(name)
    if not name or "\0" in name:
        raise ActionFailed(f"refusing the archive: a member has an empty or invalid name ({shown})")
    if name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":" and name[0].isalpha()):
        raise ActionFailed(f"refusing the archive: member {shown} has an absolute name")
    norm = os.path.normpath(name)
    if norm == ".." or norm.startswith("../"):
        raise ActionFailed(f"refusing the archive: member {shown} would land outside the destination")
    return norm


def _check_link(member: Member, norm: str, seen: set[str]) -> None:
    shown = escape_name(member.name)
    if member.kind == "symlink":
        if os.path.isabs(member.link):
            raise ActionFailed(f"refusing the archive: link {shown} points to an absolute path")
        resolved = os.path.normpath(os.path.join(os.path.dirname(norm), member.link))
        if resolved == ".." or resolved.startswith("../"):
            raise ActionFailed(f"refusing the archive: link {shown} points outside the destination")
    elif member.kind == "hardlink" and os.path.normpath(member.link) not in seen:
        raise ActionFailed(f"refusing the archive: hard link {shown} points to something outside the archive")


def check_members(destination: Path, members: list[Member]) -> list[Path]:
    """Refuse unsafe archives; return the top-most paths extraction will create, sorted."""
    created: set[Path] = set()
    seen: set[str] = set()
    links: set[str] = set()
    existed: dict[Path, bool] = {}

    def exists(path: Path) -> bool:
        if path not in existed:
            existed[path] = os.path.lexists(path)
        return existed[path]

    if exists(destination) and not os.path.isdir(destination):
        raise ActionFailed(f"cannot extract into {escape_name(str(destination))}: it is not a folder")
    created.add(_first_new(destination, [], exists))
    for member in members:
        norm = _relative(member.name)
        if norm == ".":
            continue
        shown = escape_name(member.name)
        if member.kind == "special":
            raise ActionFailed(f"refusing the archive: {shown} is a device or FIFO")
        _check_link(member, norm, seen)
        if norm in seen and member.kind != "dir":
            raise ActionFailed(f"refusing the archive: it holds {shown} twice")
        parts = norm.split("/")
        for i in range(1, len(parts)):
            prefix = "/".join(parts[:i])
            if prefix in links:
                raise ActionFailed(f"refusing the archive: {shown} goes through the link {escape_name(prefix)}")
            if _blocks(destination / prefix):
                raise ActionFailed(
                    f"refusing the archive: {shown} would go through {escape_name(prefix)}, "
                    "which exists and is a link or not a folder"
                )
        target = destination / norm
        if exists(target) and not (member.kind == "dir" and os.path.isdir(target) and not os.path.islink(target)):
            raise ActionFailed(f"refusing to extract: {escape_name(str(target))} already exists",
                               hint="extract into an empty folder")
        seen.add(norm)
        if member.kind == "symlink":
            links.add(norm)
        created.add(_first_new(destination, parts, exists))
    return sorted(p for p in created if p is not None)


def _blocks(path: Path) -> bool:
    return os.path.islink(path) or (os.path.lexists(path) and not os.path.isdir(path))


def _first_new(destination: Path, parts: list[str], exists: Any) -> Path | None:
    probe = destination
    while not exists(probe.parent) and probe.parent != probe:
        probe = probe.parent
    if not exists(destination):
        return probe
    for part in parts:
        destination = destination / part
        if not exists(destination):
            return destination
    return None
