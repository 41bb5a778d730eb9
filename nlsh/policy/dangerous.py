"""Commands nlsh never runs (R4), whatever the mode and whoever confirms.

`danger(argv, home, cwd)` names why a command is one of SECURITY.md's never-allowed forms:
`rm -rf /` or `~` (any flag spelling), mkfs, `dd of=/dev/…`, `curl … | sh`, killing PID 1,
shutting the machine down, `chmod -R 777 /`, writing to a disk device. It looks through
wrappers (sudo, env, nice, timeout, xargs…) and into `sh -c` strings, pipelines and command
lists (shellwords.py does the reading). It is a tripwire for the known forms, not a proof of
safety: every other command still goes through policy, confirmation and the sandbox.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Callable

from .readonly import is_read_only_command
from .shellwords import (
    SHELLS,
    long_option,
    pipelines,
    program,
    shell_command_string,
    short_flags,
    split_options,
    su_command,
    tokens,
    unwrap,
)

__all__ = ["danger", "danger_line", "is_read_only_command"]

_INTERPRETERS = frozenset({"python", "python3", "perl", "ruby", "node", "php"})
_DOWNLOADERS = frozenset({"curl", "wget", "fetch", "aria2c", "http", "https", "lwp-request"})
_SYSTEM_DIRS = frozenset(
    "/bin /boot /dev /etc /home /lib /lib32 /lib64 /libx32 /proc /root /sbin /sys /usr /var".split()
)
_DISK = re.compile(
    r"^/dev/(?:[shv]d[a-z]|xvd[a-z]|nvme\d|mmcblk\d|md\d|dm-\d|mapper/|disk/|loop\d|nbd\d|sr\d|"
    r"zd\d|rbd\d|root$|mem$|kmem$|port$)|^/proc/sysrq-trigger$"
)
_HARMLESS_DEV = re.compile(r"^/dev/(?:null|zero|full|u?random|std(?:in|out|err)|tty|fd/\d+|pts/\d+|shm/.+)$")
_DEVICE_WRITERS = frozenset({"tee", "cp", "dd", "shred", "truncate", "install", "pv", "badblocks"})
_FORMATTERS = frozenset({"mke2fs", "mkdosfs", "mkntfs", "mkswap", "wipefs", "blkdiscard"})
_POWER_VERBS = frozenset({"poweroff", "reboot", "halt", "kexec", "soft-reboot", "rescue", "emergency"})
_FORK_BOMB = re.compile(r"(?:^|[\s;&|(])([\w:.-]{1,64})\s*\(\)\s*\{\s*\1\s*\|\s*\1\s*&\s*\}\s*;\s*\1")
_SUBSTITUTED_DOWNLOAD = re.compile(  # `sh <(curl …)`, `eval "$(wget …)"`, `bash -c "$(curl …)"`
    r"(?:^|[;&|(\n{`]|\b(?:then|do|else|exec|sudo|command)\s)\s*"
    r"(?:(?:[\w.-]{0,64}/){0,8}(?:sh|bash|dash|zsh|ksh|source|eval|\.)(?:\s+-[^\s-]\S{0,63})*\s+)?"
    r"[\"']?(?:<\(|\$\(|`)\s*(?:[\w.-]{0,64}/){0,8}(?:curl|wget|fetch)\b"
)
_FIND_TESTS_THAT_KEEP = re.compile(  # a find expression with one of these does not take everything
    r"^-(?:i?name|i?path|i?wholename|i?regex|i?lname|[acm](?:time|min)|newer.*|size|user|group|"
    r"perm|empty|inum|links|uid|gid|nouser|nogroup|samefile)$"
)
_TRAILING_GLOBS_REVERSED = re.compile(r"(?:(?:\*+|\*\.|\.)?/)+")  # /, /*, /.*, /. at the end, read backwards
_KILL_VALUE_OPTIONS = frozenset({"-s", "-n", "--signal"})
_SYSTEMCTL_READS = frozenset({"status", "show", "cat", "help", "is-active", "is-enabled", "list-dependencies"})
_ANY_NAME = re.compile(r"(?:\*|\?|\[[^]/]{1,64}\])+")  # a glob that matches any top-level name
_MAX_DEPTH = 6
_MAX_LINE = 100_000


@dataclass(frozen=True)
class _Where:
    """The person's home, and the directory the command runs in ("" when not known)."""

    home: str
    cwd: str = ""


def danger(argv: list[str], home: str, cwd: str = "") -> str | None:
    """Why this command must never run (R4), or None.

    home is the person's home directory; cwd, when given, is where the command will run, so
    that `rm -rf *` there is judged like `rm -rf` of that directory.
    """
    return _check_tokens(list(argv), _where(home, cwd), 0)


def danger_line(line: str, home: str, cwd: str = "") -> str | None:
    """Like `danger`, for a raw command line as a shell would read it."""
    return _check_line(line, _where(home, cwd), 0)


def _where(home: str, cwd: str) -> _Where:
    home = os.path.normpath(home) if home else ""
    return _Where("" if home == "/" else home, os.path.normpath(cwd) if cwd.startswith("/") else "")


# ---------------------------------------------------------------- reading the command


def _check_line(line: str, where: _Where, depth: int) -> str | None:
    if len(line) > _MAX_LINE:
        return f"a shell command over {_MAX_LINE} characters, too long to check"
    if "()" in line and _FORK_BOMB.search(line):
        return "a fork bomb"
    if _SUBSTITUTED_DOWNLOAD.search(line):
        return "runs a script downloaded from the network"
    return _check_tokens(tokens(line), where, depth, from_line=True)


def _check_tokens(words: list[str], where: _Where, depth: int, from_line: bool = False) -> str | None:
    if depth > _MAX_DEPTH:
        return "shell commands nested too deeply to check"
    found, targets = pipelines(words, from_line)
    for target in targets:
        if _DISK.match(target):
            return f"writes to the disk device {target}"
    downloaded = False  # a download earlier on the line, whose output a shell may read
    for pipeline in found:
        for command in map(unwrap, pipeline):
            if not command:
                continue
            prog = program(command[0])
            if prog in ("cd", "pushd"):
                where = _Where(where.home, _cd(command[1:], where))
                continue
            reason = _check_command(command, where, depth)
            if reason:
                return reason
            if downloaded and _reads_stdin_script(prog, command[1:]):
                return "pipes a download from the network into a shell"
            downloaded = downloaded or prog in _DOWNLOADERS
    return None


def _reads_stdin_script(prog: str, args: list[str]) -> bool:
    if prog in SHELLS:
        if shell_command_string(args) is not None:
            return False
        operands = [a for a in args if not a.startswith(("-", "+"))]
        return not operands or any(short_flags(a, "s") for a in args) or args.count("-") > 0
    if prog in _INTERPRETERS or re.fullmatch(r"python3(\.\d+)?", prog):
        operands = [a for a in args if not a.startswith("-")]
        return not operands or "-" in args
    return False


def _cd(args: list[str], where: _Where) -> str:
    """The directory `cd ARGS` moves to, or "" when it cannot be known."""
    operands = [a for a in args if not a.startswith("-") or a == "-"]
    target = _expand_home(operands[0] if operands else "~", where.home)
    if target.startswith("/"):
        return os.path.normpath(target)
    return os.path.normpath(os.path.join(where.cwd, target)) if where.cwd and target != "-" else ""


def _check_command(words: list[str], where: _Where, depth: int) -> str | None:
    if not words:
        return None
    if any(c.isspace() for c in words[0]):  # `watch 'rm -rf /'`, or a whole line in one word
        return _check_line(" ".join(words), where, depth + 1)
    prog, args = program(words[0]), words[1:]
    if prog in SHELLS or prog in ("su", "runuser"):
        line = shell_command_string(args) if prog in SHELLS else su_command(args)
        return _check_line(line, where, depth + 1) if line is not None else None
    if prog == "eval":
        return _check_line(" ".join(args), where, depth + 1)
    check = _CHECKS.get(prog)
    reason = check(args, where) if check else None
    if reason:
        return reason
    if prog.startswith("mkfs") or prog in _FORMATTERS:
        return f"{prog} erases a file system"
    if prog in _DEVICE_WRITERS:
        for a in args:
            path = a.partition("=")[2] if a.startswith("of=") else a
            if _DISK.match(path):
                return f"writes to the disk device {path}"
    return None


# ---------------------------------------------------------------- the never-allowed forms


def _expand_home(path: str, home: str) -> str:
    for prefix in ("${HOME}", "$HOME", "~"):
        if path == prefix or path.startswith(prefix + "/"):
            return (home or "/home/~") + path[len(prefix):]
    other = re.fullmatch(r"~([^/]+)(/.*)?", path)  # ~bob
    return f"/home/{other.group(1)}{other.group(2) or ''}" if other else path


def _critical(path: str, where: _Where) -> str | None:
    """What irreplaceable place `path` names (the root, a system directory, a home), or None."""
    home = where.home
    p = _expand_home(path, home)
    if not p.startswith("/"):
        if not where.cwd or p.startswith("$"):
            return None
        p = os.path.join(where.cwd, p)
    tail = _TRAILING_GLOBS_REVERSED.match(p[::-1])  # backwards: linear time on any input
    p = os.path.normpath(p[: len(p) - tail.end()] if tail else p) if not tail or tail.end() < len(p) else "/"
    if p in ("/", "//") or _ANY_NAME.fullmatch(p.split("/")[1]):  # /, /*, /???, /[a-z]*
        return "the root directory"
    if home and p == home:
        return "your home directory"
    if re.fullmatch(r"/home/[^/]+", p):
        return "a home directory"
    return f"the system directory {p}" if p in _SYSTEM_DIRS else None


def _rm(args: list[str], where: _Where) -> str | None:
    options, operands = split_options(args)
    recursive = any(short_flags(o, "rR") or long_option(o, "recursive") for o in options)
    if recursive and any(long_option(o, "no-preserve-root") for o in options):
        return "rm --no-preserve-root"
    for op in operands:
        place = _critical(op, where)
        if place and (recursive or op.endswith("*") and "home" not in place):  # rm /* breaks /bin
            return f"deletes {place}"
    return None


def _mv(args: list[str], where: _Where) -> str | None:
    options, operands = split_options(args)
    target_dir = any(short_flags(o, "t") or long_option(o, "target-directory") for o in options)
    for op in operands if target_dir else operands[:-1]:
        place = _critical(op, where)
        if place:
            return f"moves away {place}"
    return None


def _find(args: list[str], where: _Where) -> str | None:
    starts = []
    for a in args:
        if a.startswith("-") or a in ("(", "!"):
            break
        starts.append(a)
    destructive = "-delete" in args or any(
        a in ("-exec", "-execdir", "-ok", "-okdir") and i + 1 < len(args) and program(args[i + 1]) in ("rm", "shred")
        for i, a in enumerate(args)
    )
    if not destructive or any(_FIND_TESTS_THAT_KEEP.match(a) for a in args):
        return None
    places = [p for p in (_critical(s, where) for s in starts) if p]
    return f"deletes everything in {places[0]}" if places else None


def _world_writable(mode: str) -> bool:
    if len(mode) > 64:
        return False
    if re.fullmatch(r"[0-7]{3,4}", mode):
        return bool(int(mode[-1]) & 2)
    return bool(re.search(r"(?:^|,)[ugo]*[oa][ugoa]*[+=][rwxXst]*w", mode))


def _recursive_mode_change(prog: str) -> Callable[[list[str], _Where], str | None]:
    """The check for chmod, chown or chgrp: -R on the root or a system directory, or
    `chmod -R 777` (any world-writable mode) on a home."""

    def is_option(arg: str) -> bool:  # for chmod, -w and -rwx are modes, not options
        return arg.startswith("-") and (prog != "chmod" or bool(re.fullmatch(r"-[Rcfvh]+|--.+", arg)))

    def check(args: list[str], where: _Where) -> str | None:
        options = [a for a in args if is_option(a)]
        operands = [a for a in args if not is_option(a)]
        if not any("R" in o[1:] if not o.startswith("--") else long_option(o, "recursive") for o in options):
            return None
        by_reference = any(o.startswith("--reference") for o in options)
        mode = "" if by_reference or not operands else operands[0]
        targets = operands if by_reference else operands[1:]  # chmod MODE / chown OWNER first
        for target in targets:
            place = _critical(target, where)
            if place and "home" not in place:
                return f"{prog} -R on {place}"
            if place and prog == "chmod" and _world_writable(mode):
                return f"makes {place} writable by everyone"
        return None

    return check


def _dd(args: list[str], where: _Where) -> str | None:
    for a in args:
        if a.startswith("of=/dev/") and not _HARMLESS_DEV.match(a[3:]):
            return f"dd writes to the device {a[3:]}"
    return None


def _kill(args: list[str], where: _Where) -> str | None:
    signal_given = ended = skip = False
    pids: list[int] = []
    for a in args:
        if skip:
            skip = False
        elif ended or not a.startswith("-"):
            pids += [int(a)] if re.fullmatch(r"[-+]?\d+", a) else []
        elif a in ("-l", "-L", "--list", "--table") or a.startswith("--list="):
            return None  # lists signal names
        elif a == "--":
            ended = True
        elif a in _KILL_VALUE_OPTIONS:
            skip = signal_given = True
        elif not signal_given and not pids:
            signal_given = True  # -9, -KILL, -SIGKILL, -s… attached
        else:
            pids += [int(a)] if re.fullmatch(r"-\d+", a) else []
    if 1 in pids:
        return "kills PID 1 (init)"
    if -1 in pids:
        return "kills every process"
    return None


_PKILL_VALUE_OPTIONS = frozenset(
    "-g -G -P -s -t -u -U -F -o -y -n -Z --signal --pidfile --session --terminal --euid --uid "
    "--group --pgroup --parent --ns --nslist --user --older-than --younger-than --context".split()
)


def _pkill(args: list[str], where: _Where) -> str | None:
    patterns, skip = [], False
    for a in args:
        if skip:
            skip = False
        elif a in _PKILL_VALUE_OPTIONS:
            skip = True
        elif not a.startswith("-"):
            patterns.append(a)
    for p in patterns:
        if os.path.basename(p.strip("^$")) in ("init", "systemd", "1"):
            return f"kills PID 1 ({p})"
        if p in ("", ".", ".*", "^", "$"):
            return "kills every process"
    return None


def _power(args: list[str], where: _Where) -> str | None:
    if args and all(a in ("-c", "--help") for a in args):
        return None  # cancels a planned shutdown, or asks for help
    return "shuts down or restarts the machine"


def _systemctl(args: list[str], where: _Where) -> str | None:
    words = [a for a in args if not a.startswith("-")]
    if not words or words[0] in _SYSTEMCTL_READS:
        return None
    if any(w in _POWER_VERBS or w.removesuffix(".target") in _POWER_VERBS for w in words):
        return "shuts down or restarts the machine"
    return None


def _init(args: list[str], where: _Where) -> str | None:
    return "shuts down or restarts the machine" if args and args[0] in ("0", "6", "1", "S", "s") else None


def _kills_everything(args: list[str], where: _Where) -> str | None:
    return "kills every process"


_CHECKS: dict[str, Callable[[list[str], _Where], str | None]] = {
    "rm": _rm,
    "mv": _mv,
    "find": _find,
    "chmod": _recursive_mode_change("chmod"),
    "chown": _recursive_mode_change("chown"),
    "chgrp": _recursive_mode_change("chgrp"),
    "dd": _dd,
    "kill": _kill,
    "pkill": _pkill,
    "killall": _pkill,
    "killall5": _kills_everything,
    **dict.fromkeys(("shutdown", "reboot", "halt", "poweroff"), _power),
    "systemctl": _systemctl,
    "loginctl": _systemctl,
    "init": _init,
    "telinit": _init,
}
