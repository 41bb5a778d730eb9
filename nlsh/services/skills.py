"""Skills: a plan saved under a name, kept as a plain JSON file, run again by name.

One file per skill in `Paths.config / "skills"` (`NAME.json`); editing bumps the version
and keeps the previous one as `NAME.vN.json`. Running a skill goes through
`Session.run_plan`, so policy, confirmation, the sandbox and the audit log apply exactly
as they do to a typed request: a step policy denies stays denied.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from ..errors import UsageError
from ..types import ActionCall, Plan, Request, Turn

__all__ = ["Skill", "SkillStore", "check_name", "last_successful_plan"]

FORMAT = "nlsh-skill/1"
_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")


def check_name(name: str) -> str:
    if not _NAME.match(name or ""):
        raise UsageError(f"bad skill name {name!r}",
                         hint="use lower-case letters, digits, '-' and '_' (at most 64), e.g. tidy-downloads")
    return name


@dataclass(frozen=True)
class Skill:
    name: str
    steps: tuple[ActionCall, ...]
    description: str = ""
    version: int = 1

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT, "name": self.name, "version": self.version, "description": self.description,
            "steps": [{"action": s.action, "args": dict(s.args), **({"taint": list(s.taint)} if s.taint else {})}
                      for s in self.steps],
        }

    @classmethod
    def from_json(cls, raw: Any, where: str) -> "Skill":
        if not isinstance(raw, dict) or not isinstance(raw.get("steps"), list) or not raw["steps"]:
            raise UsageError(f"{where}: not a skill (needs a non-empty list of steps)")
        return cls(
            name=check_name(str(raw.get("name", ""))),
            steps=tuple(_step(s, where) for s in raw["steps"]),
            description=str(raw.get("description", "")),
            version=int(raw.get("version", 1)),
        )

    def plan(self) -> Plan:
        return Plan(self.steps, source="skill", model=f"{self.name}@v{self.version}")


def _step(raw: Any, where: str) -> ActionCall:
    if not isinstance(raw, dict) or not isinstance(raw.get("action"), str) or not isinstance(raw.get("args", {}), dict):
        raise UsageError(f"{where}: each step needs an action name and an args table")
    return ActionCall(raw["action"], dict(raw.get("args", {})), tuple(str(t) for t in raw.get("taint", ())))


class SkillStore:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _file(self, name: str, version: int | None = None) -> Path:
        check_name(name)
        return self.folder / (f"{name}.v{version}.json" if version else f"{name}.json")

    def save(self, name: str, steps: Iterable[ActionCall], description: str = "", *,
             replace: bool = False) -> Skill:
        steps = tuple(steps)
        if not steps:
            raise UsageError("there is no plan to save: the last request had no steps")
        path = self._file(name)
        if path.exists() and not replace:
            raise UsageError(f"a skill named {name!r} exists", hint=f"use `nlsh skill edit {name}` or another name")
        skill = Skill(name, steps, description, 1)
        self._write(path, skill)
        return skill

    def get(self, name: str, version: int | None = None) -> Skill:
        path = self._file(name, version)
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise UsageError(f"no skill named {name!r}" + (f" at version {version}" if version else ""),
                             hint="`nlsh skill list` shows the saved ones") from None
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise UsageError(f"cannot read {path}: {exc}") from None
        return Skill.from_json(raw, str(path))

    def list(self) -> list[Skill]:
        if not self.folder.is_dir():
            return []
        names = sorted(p.name[:-5] for p in self.folder.glob("*.json") if ".v" not in p.name)
        return [self.get(n) for n in names if _NAME.match(n)]

    def versions(self, name: str) -> list[int]:
        current = self.get(name).version
        older = [int(m.group(1)) for p in self.folder.glob(f"{name}.v*.json")
                 if (m := re.fullmatch(re.escape(name) + r"\.v(\d+)\.json", p.name))]
        return sorted(older) + [current]

    def edit(self, name: str, *, steps: Iterable[ActionCall] | None = None,
             description: str | None = None) -> Skill:
        """Change a skill: the old version is kept as NAME.vN.json, the new one is N+1."""
        old = self.get(name)
        new = Skill(name, tuple(steps) if steps is not None else old.steps,
                    old.description if description is None else description, old.version + 1)
        if not new.steps:
            raise UsageError("a skill needs at least one step")
        self._write(self._file(name, old.version), old)
        self._write(self._file(name), new)
        return new

    def remove(self, name: str) -> int:
        """Delete a skill and its old versions; return how many files went."""
        files = [self._file(name)] + list(self.folder.glob(f"{name}.v*.json"))
        removed = 0
        for path in files:
            try:
                path.unlink()
                removed += 1
            except FileNotFoundError:
                pass
        if not removed:
            raise UsageError(f"no skill named {name!r}")
        return removed

    def run(self, session: Any, name: str, *, dry_run: bool = False) -> Turn:
        """Run a skill through the session's whole pipeline (policy, confirmation, audit)."""
        skill = self.get(name)
        line = f"skill {name}"
        return session.run_plan(Request(line, "request", line), skill.plan(), dry_run=dry_run)

    def _write(self, path: Path, skill: Skill) -> None:
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        staged = path.with_name(f".{path.name}.tmp")
        staged.write_text(json.dumps(skill.to_json(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        os.replace(staged, path)


def last_successful_plan(audit_log: Path, *, scan: int = 2000) -> tuple[str, tuple[ActionCall, ...]] | None:
    """The request line and grounded steps of the last plan whose every step ended with exit 0.

    Read from the audit log, so `nlsh skill save NAME --from-last` works in a new process.
    """
    from ..audit.verify import read_records

    lines: dict[str, str] = {}
    plans: dict[str, list[ActionCall]] = {}
    start_of: dict[str, str] = {}
    ok_steps: dict[str, int] = {}
    order: list[str] = []
    for record in read_records(audit_log, limit=scan):
        event, rid = record.get("event"), record.get("id", "")
        extra = record.get("extra") or {}
        if event == "request":
            lines[rid] = str(extra.get("line", ""))
        elif event == "plan" and isinstance(extra.get("steps"), list) and extra["steps"]:
            parent = record.get("parent_id", "")
            plans[parent] = [ActionCall(s["name"], dict(s.get("args", {}))) for s in extra["steps"]]
            order.append(parent)
        elif event == "start":
            start_of[rid] = record.get("parent_id", "")
        elif event == "end" and (record.get("result") or {}).get("exit") == 0:
            parent = start_of.get(record.get("parent_id", ""), "")
            ok_steps[parent] = ok_steps.get(parent, 0) + 1
    for rid in reversed(order):
        if ok_steps.get(rid, 0) == len(plans[rid]):
            return lines.get(rid, ""), tuple(plans[rid])
    return None
