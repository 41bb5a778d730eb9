"""Commands known only to read: a small allowlist, minus the options that write or run programs.

`is_read_only_command(argv)` lets policy treat `ls`, `cat`, `grep`, `find` (without -delete or
-exec), `sort` (without -o)... as reads. A program given by path counts only when it lives in
a system bin directory: `./ls` in a workspace is somebody's script.
"""

from __future__ import annotations

import os
import re

from .shellwords import long_option, split_options

__all__ = ["is_read_only_command"]


def _no_option(*bad: str):
    """A checker refusing any option in `bad` (long options also as --opt=value)."""

    def check(args: list[str]) -> bool:
        for a in args:
            if a in bad or a.partition("=")[0] in bad:
                return False
        return True

    return check


def _sort_ok(args: list[str]) -> bool:
    """`sort` without -o/--output (writes a file) or --compress-program (runs one)."""
    for a in args:
        if a.startswith("--") and (long_option(a, "output") or long_option(a, "compress-program")):
            return False
        if re.fullmatch(r"-[A-Za-z]*o.*", a) and not a.startswith("--"):
            return False
    return True


def _uniq_ok(args: list[str]) -> bool:
    return len(split_options(args)[1]) <= 1  # a second operand is the output file


def _date_ok(args: list[str]) -> bool:
    """`date` only reads unless it is given -s/--set or an MMDDhhmm operand."""
    values = iter(args)
    for a in values:
        if a in ("-d", "--date", "-r", "--reference", "-f", "--file"):
            next(values, None)
        elif a.startswith("--"):
            if long_option(a, "set"):
                return False
        elif a.startswith("-I"):
            continue
        elif a.startswith("-"):
            if "s" in a[1:]:
                return False
        elif not a.startswith("+"):
            return False
    return True


def _hostname_ok(args: list[str]) -> bool:
    options, operands = split_options(args)  # an operand would set the host name
    return not operands and not any(
        o in ("-F", "-b") or long_option(o, "file") or long_option(o, "boot") for o in options
    )


def _always(args: list[str]) -> bool:
    return True


_READ_ONLY = {
    **dict.fromkeys(
        "ls cat head tail wc pwd echo printf whoami id groups uname df du stat nproc uptime free "
        "true false basename dirname realpath readlink which cut tr nl tac rev diff cmp comm seq "
        "md5sum sha1sum sha224sum sha256sum sha384sum sha512sum b2sum cksum grep egrep fgrep "
        "strings od hexdump ps lscpu lsblk arch tty locale column".split(),
        _always,
    ),
    "find": _no_option("-delete", "-exec", "-execdir", "-ok", "-okdir", "-fprint", "-fprint0",
                       "-fprintf", "-fls"),
    "sort": _sort_ok,
    "uniq": _uniq_ok,
    "date": _date_ok,
    "hostname": _hostname_ok,
    "file": _no_option("-C", "--compile"),
    "tree": _no_option("-o"),
}
_SYSTEM_BIN = frozenset({"/bin", "/usr/bin", "/usr/local/bin", "/sbin", "/usr/sbin"})


def is_read_only_command(argv: list[str]) -> bool:
    """True when argv runs an allowlisted program that only reads, with no writing option."""
    if not argv or not argv[0]:
        return False
    prog = argv[0]
    if "/" in prog:
        if os.path.dirname(prog) not in _SYSTEM_BIN:
            return False  # ./ls in the workspace is somebody's script, not ls
        prog = os.path.basename(prog)
    check = _READ_ONLY.get(prog)
    return bool(check and check(list(argv[1:])))
