"""Remembered approvals: exact action + capability + resources, with a scope.

"Always allow this" stores exactly what was approved (never a glob, never widened) for the
session (memory only), the workspace or the user (a JSON file in the config dir). R3 and
tainted steps are never remembered; deny rules still win because denies are checked first.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from ..types import PlannedStep
from .rules import Rule

__all__ = ["Remembered", "SCOPES"]

SCOPES = ("session", "workspace", "user")


class Remembered:
    def __init__(self, path: Path, workspace: Path) -> None:
        self.path = path
        self.workspace = str(workspace)
        self._session: list[Rule] = []

    def _load(self) -> list[dict]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8", errors="surrogateescape"))
        except (FileNotFoundError, json.JSONDecodeError, OSError):
            return []
        return [d for d in data if isinstance(d, dict)] if isinstance(data, list) else []

    def rules(self) -> tuple[Rule, ...]:
        stored = [
            self._rule(d["action"], d["capabilities"], d["resources"], d["scope"])
            for d in self._load()
            if d.get("scope") == "user" or (d.get("scope") == "workspace" and d.get("workspace") == self.workspace)
        ]
        return tuple(self._session) + tuple(r for group in stored for r in group)

    @staticmethod
    def _rule(action: str, capabilities: list[str], resources: list[str], scope: str) -> list[Rule]:
        return [
            Rule("allow", cap, "", f"remembered.{scope}", f"remembered:{scope}", action, tuple(resources))
            for cap in capabilities
        ]

    def remember(self, step: PlannedStep, scope: str) -> None:
        if scope not in SCOPES:
            raise ValueError(f"scope must be one of {SCOPES}")
        entry = {
            "action": step.call.action,
            "capabilities": list(step.capabilities),
            "resources": list(step.resources),
            "scope": scope,
            "workspace": self.workspace,
        }
        if scope == "session":
            self._session += self._rule(entry["action"], entry["capabilities"], entry["resources"], scope)
            return
        entries = self._load() + [entry]
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8", errors="surrogateescape") as fh:
            json.dump(entries, fh, indent=1)
        os.replace(tmp, self.path)
