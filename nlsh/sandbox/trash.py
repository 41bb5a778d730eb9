"""nlsh's own trash: deletes become moves, and every move can be undone.

The layout follows the freedesktop.org Trash specification: `files/<id>` holds what was
trashed and `info/<id>.trashinfo` says where it came from (`Path=`, URL-quoted bytes, so
names that are not UTF-8 or hold newlines survive exactly) and when (`DeletionDate=`).
The root is `Paths.trash` (`~/.local/share/nlsh/trash`), folders are 0700.

Why not send2trash: it chooses the trash location itself (the home trash or a per-volume
`.Trash-<uid>`, from module globals) and does not return where the file went, which
undo needs; here `put` returns the entry id and `restore` takes it back.
"""

from __future__ import annotations

import os
import stat
import time
from dataclasses import dataclass
from pathlib import Path

from ..errors import ActionFailed
from ..textsafe import escape_name
from .beneath import at_parent, makedirs_at
from .fsops import move_entry, tree_stats
from .paths import is_within

__all__ = ["Trash", "TrashEntry"]

_HEADER = "[Trash Info]"
_SUFFIX = ".trashinfo"
_ID_BYTES = 180


@dataclass(frozen=True)
class TrashEntry:
    """One trashed thing: its id, where it came from, when, and how many bytes it holds."""

    id: str
    original: Path
    deleted: str
    size: int


class Trash:
    """A freedesktop-style trash folder rooted at `root`.

    With `workspace`, things beneath it are moved out of (and back into) folders resolved
    beneath it (nlsh.sandbox.beneath), so a swapped symbolic link cannot redirect the move.
    """

    def __init__(self, root: Path, workspace: Path | None = None) -> None:
        self.root = Path(root)
        self.workspace = workspace
        self.files_dir = self.root / "files"
        self.info_dir = self.root / "info"

    def put(self, path: Path) -> str:
        """Move path (a file, folder or the link itself) into the trash; return its entry id."""
        path = Path(os.path.abspath(path))
        shown = escape_name(str(path))
        try:
            os.lstat(path)
        except FileNotFoundError:
            raise ActionFailed(f"cannot trash {shown}: no such file or directory") from None
        except OSError as exc:
            raise ActionFailed(f"cannot trash {shown}: {exc.strerror}") from None
        self._refuse_own(path, shown)
        self._ensure()
        try:
            with at_parent(self.workspace, path) as (dir_fd, name):
                return self._move_in(path, shown, dir_fd, name)
        except OSError as exc:  # its folder could not be opened
            raise ActionFailed(f"cannot move {shown} to the trash: {_reason(exc)}") from None

    def _move_in(self, path: Path, shown: str, dir_fd: int, name: str) -> str:
        entry_id = self._claim_id(path)
        try:
            move_entry(name, self.files_dir / entry_id, src_dir_fd=dir_fd)
        except BaseException as exc:
            if os.path.lexists(self.files_dir / entry_id):  # copied across filesystems, then failed
                raise ActionFailed(
                    f"copied {shown} into the trash as {escape_name(entry_id)} but could not remove "
                    f"all of the original: {_reason(exc)}"
                ) from None
            os.unlink(self._info_path(entry_id))
            if isinstance(exc, OSError):
                raise ActionFailed(
                    f"cannot move {shown} to the trash: {_reason(exc)}",
                    hint="check the permissions of the folder that holds it",
                ) from None
            raise
        return entry_id

    def restore(self, entry_id: str, to: Path | None = None) -> Path:
        """Put a trashed entry back where it was (or at `to`); never overwrites anything."""
        entry = self.info(entry_id)
        target = Path(os.path.abspath(to)) if to is not None else entry.original
        shown = escape_name(str(target))
        if os.path.lexists(target):
            raise ActionFailed(
                f"cannot restore {shown}: something already exists there",
                hint="move it away, or restore to another place",
            )
        try:
            makedirs_at(self.workspace, target.parent)
            with at_parent(self.workspace, target) as (dir_fd, name):
                move_entry(self.location(entry_id), name, dst_dir_fd=dir_fd)
        except FileExistsError:
            raise ActionFailed(f"cannot restore {shown}: something already exists there") from None
        except OSError as exc:
            if os.path.lexists(target) and os.path.lexists(self.location(entry_id)):
                raise ActionFailed(
                    f"restored a copy of {shown}, but the trash entry {escape_name(entry_id)} "
                    f"could not be cleared: {_reason(exc)}"
                ) from None
            raise ActionFailed(f"cannot restore {shown}: {_reason(exc)}") from None
        try:
            os.unlink(self._info_path(entry_id))
        except FileNotFoundError:
            pass
        return target

    def entries(self) -> list[TrashEntry]:
        """Everything in the trash, oldest first; unreadable info files are skipped."""
        found = []
        try:
            names = os.listdir(self.info_dir)
        except FileNotFoundError:
            return []
        for name in names:
            if not name.endswith(_SUFFIX):
                continue
            try:
                found.append(self.info(name[: -len(_SUFFIX)]))
            except ActionFailed:
                continue
        return sorted(found, key=lambda e: (e.deleted, e.id))

    def info(self, entry_id: str) -> TrashEntry:
        """One entry by id; ActionFailed when there is no such entry."""
        shown = escape_name(entry_id)
        if not _valid_id(entry_id):
            raise ActionFailed(f"no trash entry {shown}")
        try:
            text = self._info_path(entry_id).read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError):
            raise ActionFailed(f"no trash entry {shown}", hint="it may have been restored already") from None
        fields = _parse_info(text)
        if "Path" not in fields or not os.path.lexists(self.location(entry_id)):
            raise ActionFailed(f"trash entry {shown} is damaged or its contents are gone")
        from urllib.parse import unquote_to_bytes

        original = Path(os.fsdecode(unquote_to_bytes(fields["Path"])))
        size = tree_stats(self.location(entry_id)).bytes
        return TrashEntry(entry_id, original, fields.get("DeletionDate", ""), size)

    def location(self, entry_id: str) -> Path:
        """Where a trashed entry's contents lie now."""
        if not _valid_id(entry_id):
            raise ActionFailed(f"no trash entry {escape_name(entry_id)}")
        return self.files_dir / entry_id

    def _info_path(self, entry_id: str) -> Path:
        return self.info_dir / (entry_id + _SUFFIX)

    def _ensure(self) -> None:
        for folder in (self.root, self.files_dir, self.info_dir):
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            if stat.S_IMODE(folder.stat().st_mode) != 0o700:
                folder.chmod(0o700)

    def _refuse_own(self, path: Path, shown: str) -> None:
        real_root = Path(os.path.realpath(self.root))
        try:
            real_path = Path(os.path.realpath(path.parent)) / path.name
        except OSError as exc:  # a link on the way changed while we looked
            raise ActionFailed(f"cannot trash {shown}: {_reason(exc)}", hint="it changed while nlsh looked") from None
        if real_path == real_root or is_within(real_path.parent, real_root):
            raise ActionFailed(f"{shown} is already in nlsh's trash")
        if not os.path.islink(path) and is_within(real_root, real_path):
            raise ActionFailed(f"cannot trash {shown}: it holds nlsh's trash")

    def _claim_id(self, path: Path) -> str:
        """Create info/<id>.trashinfo exclusively (O_EXCL) for a fresh id and return the id."""
        from urllib.parse import quote

        base = _id_base(path.name)
        record = (
            f"{_HEADER}\nPath={quote(os.fsencode(path), safe='/')}\n"
            f"DeletionDate={time.strftime('%Y-%m-%dT%H:%M:%S')}\n"
        ).encode("ascii")
        counter = 1
        while True:
            entry_id = base if counter == 1 else f"{base}.{counter}"
            counter += 1
            if os.path.lexists(self.files_dir / entry_id):
                continue
            try:
                fd = os.open(self._info_path(entry_id), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:
                continue
            try:
                os.write(fd, record)
                os.fsync(fd)
            finally:
                os.close(fd)
            return entry_id


def _id_base(name: str) -> str:
    """A printable, bounded id from a file name: odd characters become '_'."""
    safe = "".join(c if c.isprintable() and c not in "/\\" else "_" for c in name)
    safe = safe.encode("utf-8")[:_ID_BYTES].decode("utf-8", "ignore")
    return safe if safe not in ("", ".", "..") else "_"


def _reason(exc: BaseException) -> str:
    return (exc.strerror if isinstance(exc, OSError) else None) or str(exc) or type(exc).__name__


def _valid_id(entry_id: str) -> bool:
    return (
        bool(entry_id)
        and entry_id not in (".", "..")
        and "/" not in entry_id
        and "\0" not in entry_id
    )


def _parse_info(text: str) -> dict[str, str]:
    lines = text.splitlines()
    if not lines or lines[0].strip() != _HEADER:
        return {}
    fields = {}
    for line in lines[1:]:
        key, sep, value = line.partition("=")
        if sep and key.strip() not in fields:
            fields[key.strip()] = value.strip()
    return fields
