"""Text layouts copied from the classic tools: `ls -l` rows, `stat`, `wc` columns."""

from __future__ import annotations

import functools
import os
import stat
import time

from ._fsutil import human_size

__all__ = [
    "group_name",
    "long_rows",
    "ls_total",
    "number_columns",
    "owner_name",
    "stat_text",
    "stat_time",
    "stat_type",
    "wc_width",
]

_MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
_SIX_MONTHS = 31556952 // 2  # what GNU ls calls recent


@functools.lru_cache(maxsize=256)
def owner_name(uid: int) -> str:
    import pwd

    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return str(uid)


@functools.lru_cache(maxsize=256)
def group_name(gid: int) -> str:
    import grp

    try:
        return grp.getgrgid(gid).gr_name
    except KeyError:
        return str(gid)


def _ls_time(mtime: float, now: float) -> str:
    t = time.localtime(mtime)
    day = f"{_MONTHS[t.tm_mon - 1]} {t.tm_mday:>2}"
    if now - _SIX_MONTHS < mtime < now:
        return f"{day} {t.tm_hour:02}:{t.tm_min:02}"
    return f"{day}  {t.tm_year}"


def _size_field(st: os.stat_result, human: bool = False) -> str:
    if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode):
        return f"{os.major(st.st_rdev)}, {os.minor(st.st_rdev)}"
    return human_size(st.st_size) if human else str(st.st_size)


def ls_total(stats: list[os.stat_result]) -> int:
    """The "total" line of `ls -l`: disk blocks in KiB, rounded up."""
    return (sum(st.st_blocks for st in stats) + 1) // 2


def long_rows(items: list[tuple[str, os.stat_result, str | None]], now: float, human: bool = False) -> list[str]:
    """`ls -l` rows for (escaped name, lstat, escaped link target or None), aligned; human: sizes as `ls -lh`."""
    cells = [
        (
            stat.filemode(st.st_mode),
            str(st.st_nlink),
            owner_name(st.st_uid),
            group_name(st.st_gid),
            _size_field(st, human),
            _ls_time(st.st_mtime, now),
            name + (f" -> {target}" if target is not None else ""),
        )
        for name, st, target in items
    ]
    if not cells:
        return []
    links, owners, groups, sizes = (max(len(c[i]) for c in cells) for i in (1, 2, 3, 4))
    return [
        f"{mode} {nlink:>{links}} {owner:<{owners}} {group:<{groups}} {size:>{sizes}} {when} {name}"
        for mode, nlink, owner, group, size, when, name in cells
    ]


_STAT_TYPES = {
    stat.S_IFDIR: "directory",
    stat.S_IFLNK: "symbolic link",
    stat.S_IFIFO: "fifo",
    stat.S_IFSOCK: "socket",
    stat.S_IFCHR: "character special file",
    stat.S_IFBLK: "block special file",
}


def stat_type(st: os.stat_result) -> str:
    if stat.S_ISREG(st.st_mode):
        return "regular empty file" if st.st_size == 0 else "regular file"
    return _STAT_TYPES.get(stat.S_IFMT(st.st_mode), "weird file")


def stat_time(ns: int) -> str:
    """"2024-01-02 03:04:05.123456789 +0000", as `stat` prints times."""
    seconds, fraction = divmod(ns, 1_000_000_000)
    local = time.localtime(seconds)
    return time.strftime("%Y-%m-%d %H:%M:%S", local) + f".{fraction:09d} " + time.strftime("%z", local)


def stat_text(name: str, st: os.stat_result, target: str | None) -> str:
    """The block GNU `stat` prints, for an escaped name and its lstat."""
    device = f"Device: {os.major(st.st_dev)},{os.minor(st.st_dev)}\tInode: {st.st_ino:<10}  Links: "
    if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode):
        device += f"{st.st_nlink:<5} Device type: {os.major(st.st_rdev)},{os.minor(st.st_rdev)}"
    else:
        device += str(st.st_nlink)
    perms = stat.filemode(st.st_mode)
    uid, gid = st.st_uid, st.st_gid
    return "\n".join(
        [
            f"  File: {name}" + (f" -> {target}" if target is not None else ""),
            f"  Size: {st.st_size:<10}\tBlocks: {st.st_blocks:<10} "
            f"IO Block: {st.st_blksize:<6} {stat_type(st)}",
            device,
            f"Access: ({stat.S_IMODE(st.st_mode):04o}/{perms})  Uid: ({uid:>5}/{owner_name(uid):>8})"
            f"   Gid: ({gid:>5}/{group_name(gid):>8})",
            f"Access: {stat_time(st.st_atime_ns)}",
            f"Modify: {stat_time(st.st_mtime_ns)}",
            f"Change: {stat_time(st.st_ctime_ns)}",
            " Birth: -",
        ]
    )


def wc_width(sizes: list[int]) -> int:
    """The column width `wc` uses: the digits of the files' total size."""
    return len(str(sum(sizes))) if sizes else 1


def number_columns(numbers: list[int], width: int, label: str) -> str:
    """One `wc` line: right-aligned numbers separated by one space, then the label."""
    row = " ".join(f"{n:>{width}}" for n in numbers)
    return f"{row} {label}" if label else row
