"""Turning "run this argv here" into the exact command line, spec and file descriptors.

The launcher (`launch.py`) gets a spec: the program's argv and environment, resource
limits, the uid/gid to drop to, the Landlock plan and (without bubblewrap) the seccomp
filter. With bubblewrap the filter travels through a pipe to `bwrap --seccomp FD`.
"""

from __future__ import annotations

import math
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

from ..errors import PolicyDenied
from . import landlock
from .bwrap import Mounts, bwrap_argv
from .level import FULL, LANDLOCK_ONLY, NOBODY, NONE
from .seccomp import build_filter

__all__ = ["Limits", "Pipes", "Prepared", "prepare"]

DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin"
HOME_IN_SANDBOX = "/tmp/home"
_RLIMIT_CPU, _RLIMIT_FSIZE, _RLIMIT_CORE, _RLIMIT_NPROC, _RLIMIT_AS = 0, 1, 4, 6, 9
_launcher_code: list[str] = []  # launch.py compiled for this interpreter, as hex
_BOOT = "import marshal, sys; exec(marshal.loads(bytes.fromhex(sys.argv[1])))"


@dataclass(frozen=True)
class Limits:
    """Resource limits for one program. cpu_seconds None: the timeout, rounded up, plus one."""

    file_size: int = 1 << 30
    processes: int = 256
    output: int = 1 << 20  # bytes kept of stdout and of stderr, each
    cpu_seconds: int | None = None
    memory: int | None = None  # RLIMIT_AS; off by default (it breaks JITs and big mmaps)


@dataclass
class Prepared:
    argv: list[str]  # what is started: bwrap ..., or the launcher itself
    popen_cwd: str | None
    via_bwrap: bool
    drop: tuple[int, int] | None
    passed_fds: list[int] = field(default_factory=list)
    private_tmp: Path | None = None

    @property
    def pass_fds(self) -> tuple[int, ...]:
        return tuple(self.passed_fds)

    def close_passed_fds(self) -> None:
        while self.passed_fds:
            os.close(self.passed_fds.pop())

    def cleanup(self) -> None:
        self.close_passed_fds()
        if self.private_tmp is not None:
            import shutil

            shutil.rmtree(self.private_tmp, ignore_errors=True)


@dataclass
class Pipes:
    """The program's stdin/stdout/stderr pipes; the child's ends belong to the dropped uid."""

    out: int
    err: int
    child_out: int
    child_err: int
    stdin: int | None = None
    child_in: int | None = None

    @classmethod
    def open(cls, *, with_stdin: bool, owner: tuple[int, int] | None) -> "Pipes":
        out_r, out_w = os.pipe2(os.O_CLOEXEC)
        err_r, err_w = os.pipe2(os.O_CLOEXEC)
        in_r, in_w = os.pipe2(os.O_CLOEXEC) if with_stdin else (None, None)
        if owner is not None:  # so that /dev/stdout can be reopened after the uid drop
            for fd in (out_w, err_w, in_r):
                if fd is not None:
                    os.fchown(fd, *owner)
        return cls(out_r, err_r, out_w, err_w, in_w, in_r)

    def close_child_ends(self) -> None:
        for fd in (self.child_out, self.child_err, self.child_in):
            if fd is not None:
                os.close(fd)
        self.child_in = None

    def close_parent_ends(self) -> None:
        for fd in (self.out, self.err, self.stdin):
            if fd is not None:
                os.close(fd)


def prepare(argv: list[str], *, level: str, cwd: Path, workspace: Path, environ: Mapping[str, str],
            timeout: float, capabilities: frozenset[str], protected: tuple[Path, ...], limits: Limits,
            bwrap: str) -> Prepared:
    workspace = Path(os.path.realpath(workspace))
    cwd = Path(os.path.realpath(cwd))
    protected = tuple(Path(os.path.realpath(p)) for p in protected)
    _check_workspace(workspace, protected)
    if level == NONE:
        return _unconfined(argv, cwd=cwd, environ=environ, timeout=timeout, limits=limits)
    git_write = "git.write" in capabilities and level != LANDLOCK_ONLY
    drop = _drop_target(workspace, git_write=git_write) if os.geteuid() == 0 else None
    net = "net" in capabilities
    hidden = _hidden_dirs(environ)
    if level == LANDLOCK_ONLY:
        return _landlock_only(argv, cwd=cwd, workspace=workspace, environ=environ, timeout=timeout,
                              net=net, hidden=hidden, protected=protected, limits=limits, drop=drop)
    return _with_bwrap(argv, bwrap=bwrap, landlock_on=level == FULL, cwd=cwd,
                       workspace=workspace, environ=environ, timeout=timeout, net=net,
                       git_write="git.write" in capabilities, hidden=hidden, protected=protected,
                       limits=limits, drop=drop)


def _with_bwrap(argv: list[str], *, bwrap: str, landlock_on: bool, cwd: Path, workspace: Path,
                environ: Mapping[str, str], timeout: float, net: bool, git_write: bool,
                hidden: tuple[Path, ...], protected: tuple[Path, ...], limits: Limits,
                drop: tuple[int, int] | None) -> Prepared:
    read_only = _python_prefix(workspace, hidden) + ([] if git_write else _git_dirs(workspace))
    read_only += _resolv_conf(net)
    mounts = Mounts(workspace=workspace, hidden=hidden, protected=protected, read_only=tuple(read_only))
    plan = None
    if landlock_on:
        writable = [workspace, Path("/tmp"), Path("/dev")]
        plan = landlock.plan(abi=landlock.abi_version(), writable=writable, net=net).as_spec()
    spec = _spec(argv, environ=environ, home=HOME_IN_SANDBOX, tmpdir="/tmp", timeout=timeout,
                 limits=limits, drop=drop, userns=os.geteuid() != 0, landlock_plan=plan, seccomp=None)
    spec["cwd"] = str(cwd)
    read_fd, write_fd = os.pipe2(os.O_CLOEXEC)
    try:
        os.write(write_fd, build_filter(net=net, pid_namespace=True))
    finally:
        os.close(write_fd)
    command = bwrap_argv(bwrap, mounts, as_root=os.geteuid() == 0, net=net, seccomp_fd=read_fd,
                         command=_launcher_command(spec))
    return Prepared(command, "/", True, drop, passed_fds=[read_fd])


def _landlock_only(argv: list[str], *, cwd: Path, workspace: Path, environ: Mapping[str, str], timeout: float,
                   net: bool, hidden: tuple[Path, ...], protected: tuple[Path, ...], limits: Limits,
                   drop: tuple[int, int] | None) -> Prepared:
    import tempfile

    private_tmp = Path(tempfile.mkdtemp(prefix="nlsh-sandbox-", dir="/tmp"))
    job = Prepared([], str(cwd), False, drop, private_tmp=private_tmp)
    try:
        job.argv = _landlock_only_command(argv, private_tmp=private_tmp, workspace=workspace, environ=environ,
                                          timeout=timeout, net=net, hidden=hidden, protected=protected,
                                          limits=limits, drop=drop)
    except BaseException:
        job.cleanup()
        raise
    return job


def _landlock_only_command(argv: list[str], *, private_tmp: Path, workspace: Path, environ: Mapping[str, str],
                           timeout: float, net: bool, hidden: tuple[Path, ...], protected: tuple[Path, ...],
                           limits: Limits, drop: tuple[int, int] | None) -> list[str]:
    """The launcher's command line: Landlock hides reads as the mounts would, seccomp runs inside."""
    if drop is not None:
        os.chown(private_tmp, *drop)
    Visibility = landlock.Visibility
    steps = [Visibility(p, False) for p in (*hidden, Path("/run"), Path("/tmp"), *protected)]
    steps += [Visibility(p, True) for p in (workspace, private_tmp, *_resolv_conf(net))]
    excluded = [p for p in protected if workspace in p.parents]
    plan = landlock.plan(abi=landlock.abi_version(), writable=[workspace, private_tmp], net=net,
                         hide_reads=steps, excluded=excluded)
    spec = _spec(argv, environ=environ, home=str(private_tmp / "home"), tmpdir=str(private_tmp),
                 timeout=timeout, limits=limits, drop=drop, userns=False, landlock_plan=plan.as_spec(),
                 seccomp=build_filter(net=net, pid_namespace=False))
    return _launcher_command(spec)


def _unconfined(argv: list[str], *, cwd: Path, environ: Mapping[str, str], timeout: float,
                limits: Limits) -> Prepared:
    home = environ.get("HOME") or "/"
    spec = _spec(argv, environ=environ, home=home, tmpdir="/tmp", timeout=timeout, limits=limits,
                 drop=None, userns=False, landlock_plan=None, seccomp=None)
    spec["mkdirs"] = []
    return Prepared(_launcher_command(spec), str(cwd), False, None)


def _check_workspace(workspace: Path, protected: tuple[Path, ...]) -> None:
    if workspace == Path("/"):
        raise PolicyDenied("the workspace cannot be /", rule="sandbox.workspace",
                           hint="choose a project directory as the workspace")
    for path in protected:
        if path == workspace or path in workspace.parents:
            raise PolicyDenied("the workspace lies inside nlsh's own directories", rule="sandbox.workspace",
                               hint=f"choose a workspace outside {path}")


def _drop_target(workspace: Path, *, git_write: bool) -> tuple[int, int]:
    """As root, programs run as the workspace's owner; in a workspace root owns, as nobody.

    One exception: git with the git.write capability in root's own workspace keeps uid 0, so
    that it can write the repository. It still runs with no capabilities at all (the launcher
    empties the bounding, permitted and effective sets, and no_new_privs stops a setuid
    program from regaining any); the read-only bind of / and Landlock keep its writes, chmod
    included, inside the workspace. Only under bubblewrap: Landlock alone does not cover
    chmod, so the Landlock-only level always uses nobody. The git plugin runs git with its
    repository's drivers, hooks and pager neutralised, so no program the repository names
    gets this uid.
    """
    info = os.stat(workspace)
    if info.st_uid == 0:
        return (0, 0) if git_write else (NOBODY, NOBODY)
    return info.st_uid, info.st_gid or NOBODY


def _hidden_dirs(environ: Mapping[str, str]) -> tuple[Path, ...]:
    dirs = [Path("/root")]
    home = environ.get("HOME", "")
    if home and os.path.isabs(home):
        dirs.append(Path(os.path.realpath(home)))
    return tuple(dict.fromkeys(d for d in dirs if d != Path("/")))


def _git_dirs(workspace: Path) -> list[Path]:
    git = Path(os.path.realpath(workspace / ".git"))
    return [git] if workspace in git.parents and git.exists() else []


def _resolv_conf(net: bool) -> list[Path]:
    return [Path(os.path.realpath("/etc/resolv.conf"))] if net else []


def _python_prefix(workspace: Path, hidden: tuple[Path, ...]) -> list[Path]:
    """The launcher's interpreter tree, bound read-only when a hidden home or the workspace holds it."""
    prefix = Path(os.path.realpath(sys.base_prefix))
    return [prefix] if any(d in prefix.parents for d in (workspace, *hidden)) else []


def _program_env(environ: Mapping[str, str], home: str, tmpdir: str) -> dict[str, str]:
    path = ":".join(p for p in (environ.get("PATH") or DEFAULT_PATH).split(":") if os.path.isabs(p))
    return {"PATH": path or DEFAULT_PATH, "HOME": home, "LANG": "C.UTF-8",
            "TERM": environ.get("TERM") or "dumb", "TMPDIR": tmpdir}


def _spec(argv: list[str], *, environ: Mapping[str, str], home: str, tmpdir: str, timeout: float,
          limits: Limits, drop: tuple[int, int] | None, userns: bool, landlock_plan: dict | None,
          seccomp: bytes | None) -> dict:
    return {"argv": argv, "env": _program_env(environ, home, tmpdir), "mkdirs": [home], "cwd": None,
            "rlimits": _rlimits(timeout, limits, drop, userns), "drop": list(drop) if drop else None,
            "landlock": landlock_plan, "seccomp": seccomp}


def _rlimits(timeout: float, limits: Limits, drop: tuple[int, int] | None, userns: bool) -> list:
    """(resource, soft, hard) triples, never above the current hard limits."""
    import resource

    cpu = limits.cpu_seconds if limits.cpu_seconds is not None else math.ceil(timeout) + 1
    processes = limits.processes
    if not userns:  # RLIMIT_NPROC counts every process of the uid on the host, not just ours
        processes += _tasks_of(drop[0] if drop else os.getuid())
    wanted = [(_RLIMIT_CPU, cpu, cpu + 2), (_RLIMIT_FSIZE, limits.file_size, limits.file_size),
              (_RLIMIT_CORE, 0, 0), (_RLIMIT_NPROC, processes, processes)]
    if limits.memory is not None:
        wanted.append((_RLIMIT_AS, limits.memory, limits.memory))
    result = []
    for which, soft, hard in wanted:
        current_hard = resource.getrlimit(which)[1]
        if current_hard != resource.RLIM_INFINITY:
            soft, hard = min(soft, current_hard), min(hard, current_hard)
        result.append([which, soft, hard])
    return result


def _tasks_of(uid: int) -> int:
    """How many tasks (threads included) the uid runs now, as RLIMIT_NPROC counts them."""
    count = 0
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                if os.stat(f"/proc/{name}").st_uid == uid:
                    count += len(os.listdir(f"/proc/{name}/task"))
            except OSError:
                continue
    return count


def _launcher_command(spec: dict) -> list[str]:
    """python -I -S -c BOOT CODE SPEC: the launcher arrives compiled, nothing is read inside."""
    import marshal

    if not _launcher_code:
        source = Path(__file__).with_name("launch.py").read_text(encoding="utf-8")
        _launcher_code.append(marshal.dumps(compile(source, "nlsh-sandbox-launcher", "exec")).hex())
    python = os.path.realpath(sys.executable)
    return [python, "-I", "-S", "-c", _BOOT, _launcher_code[0], marshal.dumps(spec).hex()]
