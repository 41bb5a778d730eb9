"""How strongly this machine can confine a program, probed once and reported, never hidden.

Levels, strongest first:
  bwrap+landlock+seccomp  bubblewrap namespaces and mounts, Landlock inside, seccomp filter
  bwrap+seccomp           the same without Landlock (an old kernel)
  landlock+seccomp        no usable user namespaces: the launcher alone, with a uid drop as root
  none                    only read-only allowlisted commands, or an explicit "run unsandboxed"

A level can be forced lower (tests, `NLSH_SANDBOX_LEVEL` read by the CLI and passed down),
never higher than what the probe found.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass

from ..errors import PolicyDenied

__all__ = [
    "FORCE_LEVEL_VAR",
    "LEVELS",
    "Probe",
    "SandboxLevel",
    "describe",
    "probe",
    "sandbox_level",
]

FORCE_LEVEL_VAR = "NLSH_SANDBOX_LEVEL"
FULL, NO_LANDLOCK, LANDLOCK_ONLY, NONE = "bwrap+landlock+seccomp", "bwrap+seccomp", "landlock+seccomp", "none"
LEVELS = (FULL, NO_LANDLOCK, LANDLOCK_ONLY, NONE)
_LAYERS = {FULL: {"bwrap", "landlock", "seccomp"}, NO_LANDLOCK: {"bwrap", "seccomp"},
           LANDLOCK_ONLY: {"landlock", "seccomp"}, NONE: set()}
TRUSTED_BIN_DIRS = "/usr/bin:/bin:/usr/local/bin:/usr/sbin:/sbin"
NOBODY = 65534


@dataclass(frozen=True)
class SandboxLevel:
    name: str
    detail: str


@dataclass(frozen=True)
class Probe:
    """What the machine offers; found once per process."""

    bwrap: str | None  # the path of a bubblewrap that works here
    bwrap_problem: str
    landlock_abi: int
    seccomp_problem: str  # "" when a filter can be installed

    @property
    def layers(self) -> set[str]:
        found = {"landlock"} if self.landlock_abi > 0 else set()
        found |= {"bwrap"} if self.bwrap else set()
        return found | ({"seccomp"} if not self.seccomp_problem else set())

    def best(self) -> str:
        return next(name for name in LEVELS if _LAYERS[name] <= self.layers)


_probe_cache: list[Probe] = []


def probe() -> Probe:
    """Probe bubblewrap, Landlock and seccomp once (a few milliseconds, on first use)."""
    if not _probe_cache:
        from .landlock import abi_version

        bwrap, problem = _probe_bwrap()
        _probe_cache.append(Probe(bwrap, problem, abi_version(), _seccomp_problem()))
    return _probe_cache[0]


def bwrap_namespace_args(*, as_root: bool, net: bool) -> list[str]:
    """Root gets no user namespace (so that the uid drop is real on the host); others do."""
    if as_root:
        args = ["--unshare-ipc", "--unshare-pid", "--unshare-uts", "--unshare-cgroup-try"]
        return args + ([] if net else ["--unshare-net"])
    return ["--unshare-all"] + (["--share-net"] if net else [])


def _probe_bwrap() -> tuple[str | None, str]:
    path = shutil.which("bwrap", path=TRUSTED_BIN_DIRS)
    if path is None:
        return None, "bubblewrap is not installed (Debian package: bubblewrap)"
    argv = [path, *bwrap_namespace_args(as_root=os.geteuid() == 0, net=False), "--ro-bind", "/", "/",
            "--perms", "1777", "--size", "1048576", "--tmpfs", "/tmp", "--cap-drop", "ALL", "true"]
    # the options nlsh relies on (--perms 0.5, --size newer) fail here on a too old bubblewrap
    try:
        done = subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True, timeout=10, env={})
    except (OSError, subprocess.TimeoutExpired) as exc:
        return None, f"bubblewrap does not start: {exc}"
    if done.returncode != 0:
        why = done.stderr.decode("utf-8", "replace").strip().splitlines()
        return None, f"bubblewrap cannot create namespaces here: {why[-1] if why else done.returncode}"
    return path, ""


def _seccomp_problem() -> str:
    from .seccomp import SUPPORTED_ARCHES

    machine = os.uname().machine
    if machine not in SUPPORTED_ARCHES:
        return f"no filter written for {machine}"
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as status:
            if not any(line.startswith("Seccomp:") for line in status):
                return "the kernel has no seccomp"
    except OSError as exc:
        return f"cannot read /proc/self/status: {exc.strerror}"
    return ""


def sandbox_level(force_level: str | None = None) -> SandboxLevel:
    """The level programs run at: the best one found, or `force_level` if it is possible."""
    found = probe()
    best = found.best()
    if not force_level:
        return SandboxLevel(best, _detail(best, found))
    if force_level not in LEVELS:
        raise PolicyDenied(f"unknown sandbox level {force_level!r}", rule="sandbox.level",
                           hint="one of: " + ", ".join(LEVELS))
    if not _LAYERS[force_level] <= found.layers:
        raise PolicyDenied(f"sandbox level {force_level} is not available here", rule="sandbox.unavailable",
                           hint=f"the best available is {best}: {_detail(best, found)}")
    return SandboxLevel(force_level, f"forced (best available: {best}); " + _detail(force_level, found))


def _detail(name: str, found: Probe) -> str:
    parts = []
    if "bwrap" in _LAYERS[name]:
        parts.append("bubblewrap namespaces")
    elif found.bwrap_problem:
        parts.append(found.bwrap_problem)
    if "landlock" in _LAYERS[name]:
        parts.append(f"Landlock ABI {found.landlock_abi}")
    elif found.landlock_abi == 0:
        parts.append("no Landlock in this kernel")
    if "seccomp" in _LAYERS[name]:
        parts.append("seccomp filter")
    elif found.seccomp_problem:
        parts.append(f"no seccomp: {found.seccomp_problem}")
    if name == LANDLOCK_ONLY:
        parts.append("no private /proc or /tmp; .git stays writable")
    if name == NONE:
        parts.append("only read-only commands run, others need an explicit 'run unsandboxed'")
    elif os.geteuid() == 0:
        parts.append("programs run as the workspace owner, or nobody (git writes to root's repositories: uid 0 without capabilities)")
    return "; ".join(parts)


def describe(force_level: str | None = None) -> list[tuple[str, str]]:
    """Rows for `nlsh doctor`."""
    found = probe()
    try:
        level = sandbox_level(force_level)
    except PolicyDenied as exc:
        level = SandboxLevel(found.best(), str(exc))
    return [
        ("sandbox level", level.name),
        ("sandbox detail", level.detail),
        ("bubblewrap", _bwrap_version(found) if found.bwrap else found.bwrap_problem),
        ("landlock", f"ABI {found.landlock_abi}" if found.landlock_abi else "unavailable"),
        ("seccomp", found.seccomp_problem or f"filter for {os.uname().machine}"),
        ("uid drop", _uid_drop_row()),
    ]


def _bwrap_version(found: Probe) -> str:
    try:
        done = subprocess.run([found.bwrap or "bwrap", "--version"], capture_output=True, timeout=5, env={})
        version = done.stdout.decode("utf-8", "replace").strip()
    except (OSError, subprocess.TimeoutExpired):
        version = "version unknown"
    return f"{found.bwrap} ({version})"


def _uid_drop_row() -> str:
    uid = os.geteuid()
    if uid == 0:
        return (f"running as root: programs run as the workspace owner, or uid {NOBODY} (nobody); "
                "git writing root's own repository keeps uid 0 with no capabilities")
    return f"not needed (running as uid {uid})"
