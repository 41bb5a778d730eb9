"""The launcher: the last step between the sandbox and the program it runs.

It runs as `python -I -S -c <boot> <this file, compiled> <spec>` (inside bubblewrap, or alone
in the Landlock-only level), so nothing of nlsh has to be importable, visible or trusted
there, and a program that can write nlsh's own source cannot change what the next launcher
does.
It must start fast: only builtin modules and _ctypes, and the spec is a hex `marshal` dict.

In order it: lowers resource limits, sets no_new_privs, applies Landlock, drops the
capability bounding set and switches to an unprivileged uid/gid (when nlsh runs as root),
sets the parent-death signal, enters the working directory, creates the private home,
installs the seccomp filter (in the Landlock-only level; bubblewrap installs it otherwise),
then execs the program. Any failure
before exec ends the process with status 125 and one line on stderr: it never runs the
program with less confinement than asked for.

This module is also imported by nlsh (for `landlock_abi`): keep it free of nlsh imports.
"""

import os
import sys

import _ctypes

__all__ = ["LAUNCH_FAILED", "landlock_abi", "main"]

LAUNCH_FAILED = 125
_SYS_LANDLOCK_CREATE_RULESET = 444  # the same number on every architecture
_SYS_LANDLOCK_ADD_RULE = 445
_SYS_LANDLOCK_RESTRICT_SELF = 446
_LANDLOCK_CREATE_RULESET_VERSION = 1
_LANDLOCK_RULE_PATH_BENEATH = 1
_FILE_RIGHTS = (1 << 0) | (1 << 1) | (1 << 2) | (1 << 14) | (1 << 15)  # exec/write/read/truncate/ioctl
_PR_SET_PDEATHSIG = 1
_PR_CAPBSET_DROP = 24
_PR_SET_NO_NEW_PRIVS = 38
_PR_SET_SECCOMP = 22
_SECCOMP_MODE_FILTER = 2
_LINUX_CAPABILITY_VERSION_3 = 0x20080522


class _Failed(Exception):
    pass


# The few C types and calls needed, straight from _ctypes: `import ctypes` alone costs
# several milliseconds, paid on every program start.
class _Long(_ctypes._SimpleCData):
    _type_ = "l"


class _U64(_ctypes._SimpleCData):
    _type_ = "Q"


class _U32(_ctypes._SimpleCData):
    _type_ = "I"


class _I32(_ctypes._SimpleCData):
    _type_ = "i"


class _U16(_ctypes._SimpleCData):
    _type_ = "H"


class _U8(_ctypes._SimpleCData):
    _type_ = "B"


class _Function(_ctypes.CFuncPtr):
    _flags_ = _ctypes.FUNCFLAG_CDECL | _ctypes.FUNCFLAG_USE_ERRNO
    _restype_ = _Long


class _Libc:
    """syscall, prctl and capset from the C library; every argument a long or a pointer."""

    def __init__(self) -> None:
        self._handle = _ctypes.dlopen(None, _ctypes.RTLD_LOCAL)
        self._functions = {name: _Function((name, self)) for name in ("syscall", "prctl", "capset")}

    def call(self, name: str, *args, what: str = "") -> int:
        converted = [_Long(a) if isinstance(a, int) else a for a in args]
        result = self._functions[name](*converted)
        if result < 0:
            raise _Failed(f"{what or name}: {os.strerror(_ctypes.get_errno())}")
        return result


class _RulesetAttr(_ctypes.Structure):
    _fields_ = [("fs", _U64), ("net", _U64), ("scoped", _U64)]


class _PathBeneath(_ctypes.Structure):
    _pack_ = 1
    _fields_ = [("allowed", _U64), ("parent_fd", _I32)]


class _SockFprog(_ctypes.Structure):
    _fields_ = [("len", _U16), ("filter", _U64)]


def landlock_abi() -> int:
    """The kernel's Landlock ABI version, or 0 when Landlock is missing or disabled."""
    try:
        return _Libc().call("syscall", _SYS_LANDLOCK_CREATE_RULESET, 0, 0, _LANDLOCK_CREATE_RULESET_VERSION)
    except _Failed:
        return 0


def _apply_landlock(libc: _Libc, spec: dict) -> None:
    """Create the ruleset, add one path-beneath rule per existing path, restrict ourselves."""
    attr = _RulesetAttr(spec["fs"], spec["net"], spec["scoped"])
    size = 24 if spec["abi"] >= 6 else 16 if spec["abi"] >= 4 else 8
    ruleset = libc.call("syscall", _SYS_LANDLOCK_CREATE_RULESET, _ctypes.byref(attr), size, 0,
                        what="landlock_create_ruleset")
    for path, access in spec["rules"]:
        try:
            fd = os.open(path, os.O_PATH | os.O_CLOEXEC | os.O_NOFOLLOW)
        except OSError:
            continue  # a path that does not exist needs no rule (and one we cannot open gets none)
        try:
            mode = os.fstat(fd).st_mode
            if mode & 0o170000 == 0o120000:
                continue  # a symbolic link: never follow one into a rule
            if mode & 0o170000 != 0o040000:
                access &= _FILE_RIGHTS
            access &= spec["fs"]
            if access:
                rule = _PathBeneath(access, fd)
                libc.call("syscall", _SYS_LANDLOCK_ADD_RULE, ruleset, _LANDLOCK_RULE_PATH_BENEATH,
                          _ctypes.byref(rule), 0, what=f"landlock_add_rule {path}")
        finally:
            os.close(fd)
    libc.call("syscall", _SYS_LANDLOCK_RESTRICT_SELF, ruleset, 0, what="landlock_restrict_self")
    os.close(ruleset)


def _install_seccomp(libc: _Libc, program: bytes) -> None:
    buffer = (_U8 * len(program)).from_buffer_copy(program)
    prog = _SockFprog(len(program) // 8, _ctypes.addressof(buffer))
    libc.call("prctl", _PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, _ctypes.byref(prog), 0, 0, what="seccomp")


def _drop_privileges(libc: _Libc, uid: int, gid: int) -> None:
    """Empty the bounding set, switch every uid and gid, clear the inheritable set."""
    with open("/proc/sys/kernel/cap_last_cap") as f:
        last_cap = int(f.read())
    for cap in range(last_cap + 1):
        libc.call("prctl", _PR_CAPBSET_DROP, cap, 0, 0, 0, what="dropping capabilities")
    os.setgroups([])
    os.setresgid(gid, gid, gid)
    os.setresuid(uid, uid, uid)
    header = (_U32 * 2)(_LINUX_CAPABILITY_VERSION_3, 0)
    data = (_U32 * 6)()
    libc.call("capset", _ctypes.byref(header), _ctypes.byref(data))
    if os.getuid() != uid or os.geteuid() != uid or os.getegid() != gid:
        raise _Failed("uid drop did not take effect")


def _set_limits(limits: list) -> None:
    import resource

    for which, soft, hard in limits:
        resource.setrlimit(which, (soft, hard))


def _launch(spec: dict) -> None:
    libc = _Libc()
    _set_limits(spec["rlimits"])
    libc.call("prctl", _PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0, what="no_new_privs")
    if spec["landlock"] is not None:  # before the drop: the rule paths are opened as root
        _apply_landlock(libc, spec["landlock"])
    if spec["drop"] is not None:
        _drop_privileges(libc, *spec["drop"])
    libc.call("prctl", _PR_SET_PDEATHSIG, 9, 0, 0, 0, what="parent-death signal")
    if spec["cwd"] is not None:
        os.chdir(spec["cwd"])  # after the drop: root without capabilities could not enter
    for path in spec["mkdirs"]:
        os.makedirs(path, mode=0o700, exist_ok=True)
    if spec["seccomp"]:
        _install_seccomp(libc, spec["seccomp"])
    _restore_signals()
    _exec(spec["argv"], spec["env"])


def _restore_signals() -> None:
    """Python ignores SIGPIPE and SIGXFSZ; the program must get the defaults (file-size limit)."""
    import _signal

    for name in ("SIGPIPE", "SIGXFSZ", "SIGXFZ"):
        if hasattr(_signal, name):
            _signal.signal(getattr(_signal, name), _signal.SIG_DFL)


def _exec(argv: list, env: dict) -> None:
    """execvpe without os.get_exec_path, which imports modules Landlock may now hide."""
    program = argv[0]
    candidates = [program] if "/" in program else [
        os.path.join(d, program) for d in env.get("PATH", "").split(":") if d]
    first_error = None
    for candidate in candidates:
        try:
            os.execve(candidate, argv, env)
        except (FileNotFoundError, NotADirectoryError):
            continue
        except OSError as exc:
            first_error = first_error or exc
    if first_error is None:
        os.write(2, f"{program}: command not found\n".encode("utf-8", "surrogateescape"))
        os._exit(127)
    os.write(2, f"{program}: {first_error.strerror}\n".encode("utf-8", "surrogateescape"))
    os._exit(126)


def main(args: list) -> None:
    import marshal

    try:
        _launch(marshal.loads(bytes.fromhex(args[-1])))
    except Exception as exc:  # anything at all: never run the program half-confined
        os.write(2, f"nlsh sandbox: cannot start the program: {exc}\n".encode())
        os._exit(LAUNCH_FAILED)


if __name__ == "__main__":
    main(sys.argv[1:])
