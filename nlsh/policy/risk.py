"""The risk of one grounded step: the action's declared risk, raised by what it touches.

Pure functions: given the step's capabilities, resources, workspace and home, say how
risky it is and why. R4 means the step is never allowed.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Sequence

from ..types import Risk
from .rules import WRITE_CAPS, glob_match, secret_globs

__all__ = ["assess"]


def _paths(resources: Sequence[str]) -> list[str]:
    return [r for r in resources if r.startswith("/")]


def _within(path: str, root: Path) -> bool:
    real = os.path.realpath(path)
    base = os.path.realpath(root)
    return real == base or real.startswith(base.rstrip("/") + "/")


def _catastrophic_delete(path: str, home: Path) -> bool:
    """Deleting / , the home folder, or any folder that contains it."""
    p = os.path.normpath(path)
    h = os.path.normpath(str(home))
    return p == "/" or p == h or h.startswith(p.rstrip("/") + "/")


def assess(
    *,
    base: Risk,
    capabilities: Sequence[str],
    resources: Sequence[str],
    args: dict,
    workspace: Path,
    home: Path,
    tainted: bool,
    protected_pids: frozenset[int] = frozenset(),
    cwd: str = "",
) -> tuple[Risk, str]:
    """Return (risk, reason) for one step."""
    risk, reasons = base, []
    paths = _paths(resources)
    writes = any(c in WRITE_CAPS for c in capabilities)

    if "fs.delete" in capabilities and any(_catastrophic_delete(p, home) for p in paths):
        return Risk.R4, "deletes / or the home folder"
    for r in resources:
        if r.startswith("pid:") and int(r[4:]) in protected_pids:
            return Risk.R4, f"signals a protected process ({r[4:]}: init or nlsh itself)"
    if "shell.exec" in capabilities and args.get("argv"):  # any action that runs a command line
        from .dangerous import danger

        why = danger(list(args.get("argv") or ()), home=str(home), cwd=cwd)
        if why:
            return Risk.R4, why

    outside = [p for p in paths if not _within(p, workspace)]
    if outside:
        floor = Risk.R2 if writes else Risk.R1
        if risk < floor:
            risk = floor
            reasons.append("outside the workspace")
    if any(glob_match(g, p) for g in secret_globs(home) for p in paths):
        risk = max(risk, Risk.R3)
        reasons.append("touches secrets")
    if tainted and risk < Risk.R4:
        risk = risk.raised()
        reasons.append("arguments come from untrusted text")
    return risk, ", ".join(reasons)
