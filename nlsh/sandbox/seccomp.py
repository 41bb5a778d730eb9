"""A hand-built classic-BPF seccomp filter for sandboxed programs.

No libseccomp: the program is a short list of instructions. It first checks the
architecture (anything else, such as 32-bit calls on x86-64, kills the process), then
refuses with EPERM: namespace creation (unshare, setns, clone with namespace flags; clone3
gets ENOSYS so that libc falls back to clone), ptrace and reading other processes' memory,
every mount call, keyrings, bpf, perf_event_open, io_uring (it can open sockets unseen),
kernel modules, kexec, reboot, swap, TIOCSTI/TIOCLINUX keystroke injection, and every
socket but netlink ones, IPv4/IPv6 included when the network is granted. Unix sockets are
refused too (socketpair still works): Landlock does not cover connecting to a socket file,
and one left world-writable on the host (an agent, a database, docker) would be reachable.
Without a pid namespace (the Landlock-only level) it also refuses setsid/setpgid, which
would let a process escape the group nlsh kills.
"""

from __future__ import annotations

import errno
import os
import struct

__all__ = ["SUPPORTED_ARCHES", "build_filter"]

_RET_KILL_PROCESS = 0x80000000
_RET_ERRNO = 0x00050000
_RET_ALLOW = 0x7FFF0000
_LD_ABS_W = 0x20
_JEQ_K = 0x15
_JSET_K = 0x45
_JGE_K = 0x35
_RET_K = 0x06
_OFF_NR, _OFF_ARCH = 0, 4


def _arg_low(index: int) -> int:
    return 16 + 8 * index  # the low 32 bits of args[index] (little-endian machines)


_AF_INET, _AF_NETLINK, _AF_INET6 = 2, 16, 10
_TIOCSTI, _TIOCLINUX = 0x5412, 0x541C
_NAMESPACE_FLAGS = (0x00000080 | 0x00020000 | 0x02000000 | 0x04000000 | 0x08000000
                    | 0x10000000 | 0x20000000 | 0x40000000)

# name -> (x86_64, aarch64) syscall numbers
_SYSCALLS = {
    "socket": (41, 198), "ioctl": (16, 29), "clone": (56, 220), "clone3": (435, 435),
    "unshare": (272, 97), "setns": (308, 268), "ptrace": (101, 117),
    "process_vm_readv": (310, 270), "process_vm_writev": (311, 271),
    "mount": (165, 40), "umount2": (166, 39), "pivot_root": (155, 41), "open_tree": (428, 428),
    "move_mount": (429, 429), "fsopen": (430, 430), "fsconfig": (431, 431),
    "fsmount": (432, 432), "fspick": (433, 433), "mount_setattr": (442, 442),
    "keyctl": (250, 219), "add_key": (248, 217), "request_key": (249, 218), "bpf": (321, 280),
    "perf_event_open": (298, 241), "userfaultfd": (323, 282), "io_uring_setup": (425, 425),
    "io_uring_enter": (426, 426), "io_uring_register": (427, 427),
    "init_module": (175, 105), "finit_module": (313, 273), "delete_module": (176, 106),
    "kexec_load": (246, 104), "kexec_file_load": (320, 294), "reboot": (169, 142),
    "swapon": (167, 224), "swapoff": (168, 225), "acct": (163, 89), "syslog": (103, 116),
    "open_by_handle_at": (304, 265), "setsid": (112, 157), "setpgid": (109, 154),
}
_ALWAYS_REFUSED = (
    "unshare", "setns", "ptrace", "process_vm_readv", "process_vm_writev", "mount", "umount2",
    "pivot_root", "open_tree", "move_mount", "fsopen", "fsconfig", "fsmount", "fspick",
    "mount_setattr", "keyctl", "add_key", "request_key", "bpf", "perf_event_open",
    "userfaultfd", "io_uring_setup", "io_uring_enter", "io_uring_register", "init_module",
    "finit_module", "delete_module", "kexec_load", "kexec_file_load", "reboot", "swapon",
    "swapoff", "acct", "syslog", "open_by_handle_at",
)
# machine -> (AUDIT_ARCH value, column in _SYSCALLS, first number that is not native)
SUPPORTED_ARCHES = {"x86_64": (0xC000003E, 0, 0x40000000), "aarch64": (0xC00000B7, 1, None)}


def _ins(code: int, k: int, jt: int = 0, jf: int = 0) -> bytes:
    return struct.pack("=HBBI", code, jt, jf, k)


def _ret(value: int) -> bytes:
    return _ins(_RET_K, value)


def _eperm() -> int:
    return _RET_ERRNO | errno.EPERM


def _block(nr: int, body: list[bytes]) -> list[bytes]:
    """If the syscall number is `nr`, run `body` (which always returns); else skip it."""
    return [_ins(_JEQ_K, nr, 0, len(body))] + body


def _socket_body(domains: list[int]) -> list[bytes]:
    body = [_ins(_LD_ABS_W, _arg_low(0))]
    for i, domain in enumerate(domains):
        body.append(_ins(_JEQ_K, domain, len(domains) - i, 0))  # to the "allow" below
    return body + [_ret(_eperm()), _ret(_RET_ALLOW)]


def _ioctl_body() -> list[bytes]:
    return [_ins(_LD_ABS_W, _arg_low(1)), _ins(_JEQ_K, _TIOCSTI, 2, 0),
            _ins(_JEQ_K, _TIOCLINUX, 1, 0), _ret(_RET_ALLOW), _ret(_eperm())]


def _clone_body() -> list[bytes]:
    return [_ins(_LD_ABS_W, _arg_low(0)), _ins(_JSET_K, _NAMESPACE_FLAGS, 1, 0),
            _ret(_RET_ALLOW), _ret(_eperm())]


def build_filter(*, net: bool, pid_namespace: bool, machine: str | None = None) -> bytes:
    """The filter as bytes of `struct sock_filter`, for `bwrap --seccomp` or prctl.

    net allows IPv4/IPv6 sockets; without a pid_namespace leaving the process group is
    refused as well.
    """
    machine = machine or os.uname().machine
    if machine not in SUPPORTED_ARCHES:
        raise ValueError(f"no seccomp filter for {machine}")
    audit_arch, column, foreign_from = SUPPORTED_ARCHES[machine]

    def nr(name: str) -> int:
        return _SYSCALLS[name][column]

    domains = [_AF_NETLINK] + ([_AF_INET, _AF_INET6] if net else [])
    program = [_ins(_LD_ABS_W, _OFF_ARCH), _ins(_JEQ_K, audit_arch, 1, 0), _ret(_RET_KILL_PROCESS),
               _ins(_LD_ABS_W, _OFF_NR)]
    if foreign_from is not None:
        program += [_ins(_JGE_K, foreign_from, 0, 1), _ret(_RET_KILL_PROCESS)]
    refused = list(_ALWAYS_REFUSED) + ([] if pid_namespace else ["setsid", "setpgid"])
    for name in refused:
        program += _block(nr(name), [_ret(_eperm())])
    program += _block(nr("clone3"), [_ret(_RET_ERRNO | errno.ENOSYS)])
    program += _block(nr("clone"), _clone_body())
    program += _block(nr("ioctl"), _ioctl_body())
    program += _block(nr("socket"), _socket_body(domains))
    program.append(_ret(_RET_ALLOW))
    return b"".join(program)
