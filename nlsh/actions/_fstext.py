"""Reading files safely: regular files only, never blocking, binary refused, reads capped.

A path is checked with stat before it is opened, opened with O_NONBLOCK (so a FIFO swapped
in between cannot block), and checked again with fstat on the open descriptor.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from typing import BinaryIO, Iterator

from ..errors import ActionFailed
from ._fsutil import check_cancelled, fs_error, human_size, shown
from .context import ActionContext

__all__ = [
    "BINARY_SNIFF",
    "Counts",
    "READ_CAP",
    "count_file",
    "head_lines",
    "is_binary",
    "matching_lines",
    "open_regular",
    "read_capped",
    "refuse_binary",
    "tail_lines",
    "truncation_note",
]

BINARY_SNIFF = 8192  # bytes looked at for a NUL, like grep and git
READ_CAP = 1 << 20  # the most any one read returns: 1 MiB
LINE_CAP = 1 << 20  # a longer line is matched on its first MiB only
_CHUNK = 1 << 16
_SPECIAL = {
    stat.S_IFIFO: "a named pipe (FIFO)",
    stat.S_IFSOCK: "a socket",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
}


def _refuse_special(st: os.stat_result, what: str) -> None:
    if stat.S_ISREG(st.st_mode):
        return
    if stat.S_ISDIR(st.st_mode):
        raise ActionFailed(
            f"{what} is a directory", hint="list it with files.list or search it with files.search"
        )
    kind = _SPECIAL.get(stat.S_IFMT(st.st_mode), "not a regular file")
    raise ActionFailed(
        f"{what} is {kind}, not a regular file",
        hint="nlsh reads only regular files, so that it never blocks on pipes or devices",
    )


def open_regular(ctx: ActionContext, path: str) -> BinaryIO:
    """Open a regular file for reading in binary; refuse directories, FIFOs and devices."""
    what = shown(ctx, path)
    try:
        _refuse_special(os.stat(path), what)
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except OSError as exc:
        raise fs_error(exc, what) from exc
    try:
        _refuse_special(os.fstat(fd), what)  # it may have been swapped since the stat
    except BaseException:
        os.close(fd)
        raise
    return os.fdopen(fd, "rb")


def is_binary(head: bytes) -> bool:
    """True when the first 8 KiB hold a NUL byte (how grep and git tell binary files)."""
    return b"\0" in head[:BINARY_SNIFF]


def refuse_binary(ctx: ActionContext, f: BinaryIO, path: str) -> None:
    """Raise ActionFailed when f is binary; leaves f at its start."""
    head = f.read(BINARY_SNIFF)
    f.seek(0)
    if is_binary(head):
        raise ActionFailed(
            f"{shown(ctx, path)} is a binary file; nlsh shows only text",
            hint="use files.stat, files.checksum or files.count bytes to look at it",
        )


def read_capped(ctx: ActionContext, path: str, cap: int = READ_CAP) -> tuple[bytes, int, bool]:
    """(content, file size, truncated): at most `cap` bytes, cut after the last whole line."""
    with open_regular(ctx, path) as f:
        refuse_binary(ctx, f, path)
        size = os.fstat(f.fileno()).st_size
        data = f.read(cap + 1)
    if len(data) <= cap:
        return data, max(size, len(data)), False
    data = data[:cap]
    cut = data.rfind(b"\n")
    return (data[: cut + 1] if cut >= 0 else data), max(size, cap + 1), True


def head_lines(f: BinaryIO, n: int, cap: int = READ_CAP) -> tuple[list[bytes], bool]:
    """The first n lines (with their newlines) and whether the byte cap cut them short."""
    buf = bytearray()
    eof = False
    while buf.count(b"\n") < n and len(buf) < cap:
        chunk = f.read(min(_CHUNK, cap - len(buf)))
        if not chunk:
            eof = True
            break
        buf += chunk
    lines = bytes(buf).splitlines(keepends=True)[:n]
    return lines, (not eof and buf.count(b"\n") < n)  # stopped by the cap, mid-line


def tail_lines(f: BinaryIO, n: int, cap: int = READ_CAP) -> tuple[list[bytes], bool]:
    """The last n lines, read backwards from the end; (lines, truncated by the byte cap)."""
    if n == 0:
        return [], False
    pos = os.fstat(f.fileno()).st_size
    if pos == 0:  # e.g. /proc files report no size: read forward instead
        data = f.read(cap)
        return data.splitlines(keepends=True)[-n:], False
    buf = b""
    while pos > 0 and buf.count(b"\n") <= n and len(buf) < cap:
        step = min(_CHUNK, pos, cap - len(buf))
        pos -= step
        f.seek(pos)
        buf = f.read(step) + buf
    lines = buf.splitlines(keepends=True)
    if pos > 0 and len(lines) > n:
        lines = lines[-n:]
    elif pos > 0:  # hit the cap: the first piece may start mid-line
        return lines[1:] if len(lines) > 1 else lines, True
    return lines[-n:], False


@dataclass
class Counts:
    lines: int = 0
    words: int = 0
    bytes: int = 0
    chars: int = 0

    def add(self, other: "Counts") -> None:
        self.lines += other.lines
        self.words += other.words
        self.bytes += other.bytes
        self.chars += other.chars


def count_file(ctx: ActionContext, path: str, chars: bool) -> Counts:
    """Lines, words (runs of non-blanks) and bytes, like `wc`; chars when asked (UTF-8)."""
    import codecs

    counts = Counts()
    decoder = codecs.getincrementaldecoder("utf-8")("replace")
    in_word = False
    with open_regular(ctx, path) as f:
        while chunk := f.read(READ_CAP):
            check_cancelled(ctx)
            counts.bytes += len(chunk)
            counts.lines += chunk.count(b"\n")
            words = len(chunk.split())
            if in_word and not chunk[:1].isspace():
                words -= 1  # the first word continues the previous chunk's last one
            counts.words += words
            in_word = not chunk[-1:].isspace()
            if chars:
                counts.chars += len(decoder.decode(chunk))
    if chars:
        counts.chars += len(decoder.decode(b"", final=True))
    return counts


def _numbered_lines(f: BinaryIO) -> Iterator[tuple[int, bytes]]:
    number = 0
    while line := f.readline(LINE_CAP):
        number += 1
        if len(line) == LINE_CAP and not line.endswith(b"\n"):
            while (rest := f.readline(LINE_CAP)) and not rest.endswith(b"\n"):
                pass  # skip the rest of an overlong line; numbering stays right
        yield number, line


def matching_lines(
    ctx: ActionContext, f: BinaryIO, regex: re.Pattern[str], invert: bool = False
) -> Iterator[tuple[int, str]]:
    """(line number, text without its line ending) for each line that matches (or not)."""
    for number, raw in _numbered_lines(f):
        if number % 4096 == 0:
            check_cancelled(ctx)
        text = raw.rstrip(b"\n").rstrip(b"\r").decode("utf-8", "replace")
        if (regex.search(text) is None) == invert:
            yield number, text


def truncation_note(shown_bytes: int, size: int, part: str = "first") -> str:
    """The line added under output that was cut at the read cap."""
    return (
        f"[nlsh: showed only the {part} {human_size(shown_bytes)} of {human_size(size)}, the most"
        " nlsh reads at once; use files.head, files.tail or files.search for the rest]"
    )
