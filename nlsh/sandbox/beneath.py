"""Opening paths beneath a root folder so that `..`, absolute paths and symlinks cannot escape it.

In-process file actions do their final create, open-for-write, rename, unlink or mkdir
relative to a folder fd resolved here, never by path: a folder swapped for a symbolic link
between the check and the use cannot redirect the operation outside the workspace.

openat2 (syscall 437) with RESOLVE_BENEATH|RESOLVE_NO_MAGICLINKS does the resolving where
the kernel has it; elsewhere (ENOSYS) each component is opened in turn with
O_NOFOLLOW|O_DIRECTORY, which refuses every symbolic link. Never plain open.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import os
from pathlib import Path
from typing import Iterator

from ..errors import PathOutsideWorkspace

__all__ = [
    "RESOLVE_BENEATH",
    "RESOLVE_NO_MAGICLINKS",
    "RESOLVE_NO_SYMLINKS",
    "at_parent",
    "makedirs_at",
    "open_beneath",
    "open_dir_beneath",
    "openat2",
    "parent_fd_beneath",
    "relative_inside",
]

RESOLVE_NO_XDEV = 0x01
RESOLVE_NO_MAGICLINKS = 0x02
RESOLVE_NO_SYMLINKS = 0x04
RESOLVE_BENEATH = 0x08
_SYS_OPENAT2 = 437  # the same number on every architecture (syscalls added after 5.1 are unified)
_DIR = os.O_PATH | os.O_DIRECTORY | os.O_CLOEXEC
_RETRIES = 16  # EAGAIN: the kernel saw a rename racing a `..` lookup; try again

Root = Path | str | int


class _Unavailable(Exception):
    """openat2 is not in this kernel (ENOSYS) or is blocked (seccomp EPERM on a probe)."""


@functools.lru_cache(maxsize=1)
def _syscall():
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    func = libc.syscall
    func.restype = ctypes.c_long
    return func


@functools.lru_cache(maxsize=1)
def _how_type():
    import ctypes

    class OpenHow(ctypes.Structure):
        _fields_ = [("flags", ctypes.c_uint64), ("mode", ctypes.c_uint64), ("resolve", ctypes.c_uint64)]

    return OpenHow


_have_openat2: bool | None = None


def openat2(dirfd: int, path: str | os.PathLike[str], flags: int, mode: int = 0, resolve: int = 0) -> int:
    """openat2(2): a new fd (close-on-exec); OSError on failure, _Unavailable without the syscall."""
    global _have_openat2
    import ctypes

    if _have_openat2 is False:
        raise _Unavailable()
    flags |= os.O_CLOEXEC
    tmpfile = getattr(os, "O_TMPFILE", 0)
    creating = bool(flags & os.O_CREAT) or bool(tmpfile and flags & tmpfile == tmpfile)
    how = _how_type()(flags, mode if creating else 0, resolve)
    encoded = os.fsencode(path)
    for _ in range(_RETRIES):
        fd = _syscall()(ctypes.c_long(_SYS_OPENAT2), ctypes.c_int(dirfd), ctypes.c_char_p(encoded),
                        ctypes.byref(how), ctypes.c_size_t(ctypes.sizeof(how)))
        if fd >= 0:
            _have_openat2 = True
            return int(fd)
        err = ctypes.get_errno()
        if err == errno.ENOSYS or (err == errno.EPERM and _have_openat2 is None and _probe_blocked()):
            _have_openat2 = False
            raise _Unavailable()
        if err not in (errno.EAGAIN, errno.EINTR):
            raise OSError(err, os.strerror(err), os.fsdecode(encoded))
    raise OSError(errno.EAGAIN, os.strerror(errno.EAGAIN), os.fsdecode(encoded))


def _probe_blocked() -> bool:
    """True when openat2 of "/" itself fails with EPERM: a seccomp filter refuses the syscall."""
    import ctypes

    how = _how_type()(os.O_PATH | os.O_CLOEXEC, 0, 0)
    fd = _syscall()(ctypes.c_long(_SYS_OPENAT2), ctypes.c_int(-100), ctypes.c_char_p(b"/"),
                    ctypes.byref(how), ctypes.c_size_t(ctypes.sizeof(how)))
    if fd >= 0:
        os.close(fd)
        return False
    return ctypes.get_errno() in (errno.EPERM, errno.ENOSYS)


def _shown(path: object) -> str:
    from ..textsafe import escape_name

    return escape_name(os.fsdecode(path) if isinstance(path, bytes) else str(path))


def _outside(path: object, why: str) -> PathOutsideWorkspace:
    return PathOutsideWorkspace(
        f"refused {_shown(path)}: {why}",
        hint="name the real path instead; paths outside the workspace need confirmation",
    )


def _refusal(exc: OSError, path: object) -> Exception:
    if exc.errno == errno.EXDEV:
        return _outside(path, "it leads outside the workspace")
    if exc.errno == errno.ELOOP:
        return _outside(path, "it goes through a symbolic link that is not followed here")
    return exc


def relative_inside(root: Path | str, path: str | os.PathLike[str]) -> str | None:
    """path relative to root when it lies at or lexically beneath it (or beneath its real path)."""
    p = os.path.normpath(os.fspath(path))
    if not os.path.isabs(p):
        return p
    for base in dict.fromkeys((os.path.normpath(os.fspath(root)), os.path.realpath(root))):
        if p == base:
            return "."
        prefix = base.rstrip("/") + "/"
        if p.startswith(prefix):
            return p[len(prefix):]
    return None


@contextlib.contextmanager
def _root_fd(root: Root) -> Iterator[int]:
    if isinstance(root, int):
        yield root
        return
    fd = os.open(root, _DIR)
    try:
        yield fd
    finally:
        os.close(fd)


def _rel(root: Root, path: str | os.PathLike[str]) -> str:
    if isinstance(root, int):
        rel = os.fspath(path)
        if os.path.isabs(rel):
            raise _outside(path, "an absolute path where one beneath the workspace is needed")
        return rel
    rel = relative_inside(root, path)
    if rel is None:
        raise _outside(path, "it is outside the workspace")
    return rel


def _walk(root_fd: int, rel: str, path: object) -> int:
    """Fallback without openat2: open each folder with O_NOFOLLOW; `..` may not climb above root."""
    stack = [os.dup(root_fd)]
    try:
        for part in rel.split("/"):
            if part in ("", "."):
                continue
            if part == "..":
                if len(stack) == 1:
                    raise _outside(path, "`..` leads outside the workspace")
                os.close(stack.pop())
                continue
            try:
                stack.append(os.open(part, _DIR | os.O_NOFOLLOW, dir_fd=stack[-1]))
            except OSError as exc:
                if exc.errno in (errno.ENOTDIR, errno.ELOOP) and _is_link(stack[-1], part):
                    raise _outside(path, "it goes through a symbolic link that is not followed here") from None
                raise
        return stack.pop()
    finally:
        for fd in stack:
            os.close(fd)


def _is_link(dir_fd: int, name: str) -> bool:
    import stat

    try:
        return stat.S_ISLNK(os.lstat(name, dir_fd=dir_fd).st_mode)
    except OSError:
        return False


def _resolve(root_fd: int, rel: str, flags: int, mode: int, resolve: int, path: object) -> int:
    try:
        return openat2(root_fd, rel, flags, mode, resolve)
    except _Unavailable:
        head, _, name = rel.rpartition("/")
        if flags == _DIR:
            return _walk(root_fd, rel, path)
        parent = _walk(root_fd, head or ".", path)
        try:
            if name in ("", ".", ".."):
                raise _outside(path, "not a name beneath the workspace")
            return os.open(name, flags | os.O_NOFOLLOW | os.O_CLOEXEC, mode, dir_fd=parent)
        finally:
            os.close(parent)


def _resolve_flags(no_symlinks: bool) -> int:
    return RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS | (RESOLVE_NO_SYMLINKS if no_symlinks else 0)


def open_beneath(root: Root, rel: str | os.PathLike[str], flags: int, mode: int = 0o666, *,
                 no_symlinks: bool = False) -> int:
    """Open rel (relative, or absolute inside root) beneath root; PathOutsideWorkspace on escape.

    A final symbolic link is followed (beneath root) unless flags hold O_NOFOLLOW; then
    opening one fails with OSError(ELOOP) as open(2) does.
    """
    r = _rel(root, rel)
    with _root_fd(root) as fd:
        try:
            return _resolve(fd, r, flags, mode, _resolve_flags(no_symlinks), rel)
        except OSError as exc:
            if exc.errno == errno.ELOOP and flags & os.O_NOFOLLOW and not no_symlinks:
                raise
            raise _refusal(exc, rel) from None


def open_dir_beneath(root: Root, rel: str | os.PathLike[str], *, no_symlinks: bool = False) -> int:
    """An O_PATH fd of the folder rel beneath root (usable as dir_fd for the *at functions)."""
    r = _rel(root, rel)
    with _root_fd(root) as fd:
        try:
            return _resolve(fd, r, _DIR, 0, _resolve_flags(no_symlinks), rel)
        except OSError as exc:
            if exc.errno == errno.EXDEV and not isinstance(root, int) and not os.path.isabs(r):
                retried = _retry_real(root, fd, r, no_symlinks, rel)
                if retried is not None:
                    return retried
            raise _refusal(exc, rel) from None


def _retry_real(root: Path | str, root_fd: int, rel: str, no_symlinks: bool, shown: object) -> int | None:
    """An absolute symlink that points back inside root: resolve its real path, beneath again."""
    try:
        real = os.path.realpath(os.path.join(os.fspath(root), rel))
    except OSError:  # changing while we looked (a link swapped for a folder): refuse
        return None
    real_rel = relative_inside(os.path.realpath(root), real)
    if real_rel is None or real_rel == rel:
        return None
    try:
        return _resolve(root_fd, real_rel, _DIR, 0, _resolve_flags(no_symlinks), shown)
    except OSError as exc:
        raise _refusal(exc, shown) from None


def parent_fd_beneath(root: Root, path: str | os.PathLike[str], *, no_symlinks: bool = False) -> tuple[int, str]:
    """(O_PATH fd of path's folder resolved beneath root, final name); the caller closes the fd.

    The final name is not resolved: do the last step with dir_fd=fd (and O_NOFOLLOW).
    """
    r = _rel(root, path)
    head, _, name = r.rpartition("/")
    if name in ("", ".", ".."):
        raise _outside(path, "not a name beneath the workspace")
    return open_dir_beneath(root, head or ".", no_symlinks=no_symlinks), name


@contextlib.contextmanager
def at_parent(workspace: Path | str | None, path: str | os.PathLike[str]) -> Iterator[tuple[int, str]]:
    """(fd of path's folder, final name) for an operation on path, closed afterwards.

    A path at or beneath the workspace (as named) is resolved beneath it, so a swapped
    symbolic link cannot lead the operation out; any other path (the person named it, and
    confirmed) has its folder opened as named. Either way the final name is never followed.
    """
    rel = relative_inside(workspace, path) if workspace is not None else None
    if rel is not None and rel != "." and not rel.startswith("../") and rel != "..":
        fd, name = parent_fd_beneath(workspace, rel)
    else:
        head, name = os.path.split(os.path.normpath(os.path.abspath(os.fspath(path))))
        fd = os.open(head or "/", _DIR)
    try:
        yield fd, name
    finally:
        os.close(fd)


def makedirs_at(workspace: Path | str | None, folder: str | os.PathLike[str], mode: int = 0o777) -> None:
    """os.makedirs(folder, exist_ok=True), each folder made relative to its parent's fd."""
    rel = relative_inside(workspace, folder) if workspace is not None else None
    if rel is None or rel == "." or rel.split("/")[0] == "..":
        os.makedirs(folder, mode, exist_ok=True)
        return
    parts = [p for p in rel.split("/") if p not in ("", ".")]
    for i in range(len(parts)):
        with at_parent(workspace, os.path.join(os.fspath(workspace), *parts[: i + 1])) as (fd, name):
            try:
                os.mkdir(name, mode, dir_fd=fd)
            except FileExistsError:
                pass
