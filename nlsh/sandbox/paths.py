"""Resolving path arguments against the working directory and the workspace."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["is_within", "resolve", "under_any"]


def resolve(path: str, cwd: Path, home: Path | None = None) -> Path:
    """An absolute, normalised path; `~` expands to home. Symlinks are not followed."""
    if path.startswith("~") and home is not None:
        path = str(home) + path[1:] if path == "~" or path.startswith("~/") else path
    joined = Path(path) if os.path.isabs(path) else cwd / path
    return Path(os.path.normpath(joined))


def is_within(path: Path, root: Path) -> bool:
    """True when path (normalised, and with symlinks resolved) lies at or beneath root."""
    try:
        real = Path(os.path.realpath(path))
        real_root = Path(os.path.realpath(root))
    except (OSError, ValueError):
        return False
    return real == real_root or real_root in real.parents


def under_any(path: Path, roots: tuple[Path, ...] | list[Path]) -> bool:
    return any(is_within(path, root) for root in roots)
