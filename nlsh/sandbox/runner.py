"""The program runner a session hands to actions as `ctx.run_program`.

It fixes what the session knows (workspace, environment, protected folders, the forced
sandbox level from NLSH_SANDBOX_LEVEL, the default timeout) and leaves the rest to the call.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

__all__ = ["ProgramRunner"]


class ProgramRunner:
    def __init__(self, *, cwd: Callable[[], Path], workspace: Path, environ: Mapping[str, str],
                 protected: Sequence[Path], timeout: float) -> None:
        self._cwd = cwd
        self.workspace = workspace
        self.environ = environ
        self.protected = tuple(protected)
        self.timeout = timeout
        self.force_level = environ.get("NLSH_SANDBOX_LEVEL") or None
        self.unsandboxed_ok = False

    def __call__(self, argv: Sequence[str], *, timeout: float | None = None, capabilities: Sequence[str] = (),
                 stdin: str | None = None, unsandboxed_ok: bool = False) -> Any:
        from .run import run_program

        return run_program(
            list(argv), cwd=self._cwd(), workspace=self.workspace, environ=self.environ,
            timeout=timeout or self.timeout, capabilities=tuple(capabilities), stdin=stdin,
            protected=self.protected, unsandboxed_ok=unsandboxed_ok or self.unsandboxed_ok,
            force_level=self.force_level,
        )

    def level(self) -> str:
        """The sandbox level programs will run at (probed once per process)."""
        from .level import sandbox_level

        return sandbox_level(self.force_level).name

    def needs_unsandboxed_consent(self, argv: Sequence[str]) -> bool:
        """No sandbox here and the command is not on the read-only allowlist."""
        if self.level() != "none":
            return False
        from ..policy.dangerous import is_read_only_command

        return not is_read_only_command(list(argv))

    def allowing_unsandboxed(self) -> "ProgramRunner":
        """A copy that runs without a sandbox: only after a person explicitly agreed."""
        copy = ProgramRunner(cwd=self._cwd, workspace=self.workspace, environ=self.environ,
                             protected=self.protected, timeout=self.timeout)
        copy.force_level, copy.unsandboxed_ok = self.force_level, True
        return copy
