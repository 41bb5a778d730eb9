"""Watches: a trigger (folder + glob + event kinds) and a plan template, approved once.

A watch is created from a request such as "move {path} to papers/": the text is planned
NOW (fast path, or the model), shown to the person, and the approval is stored as exact
rules: for each step, the action and the resources (absolute paths; the triggering file as
"FOLDER/GLOB") that the person saw. When the watch fires, `{path}` in the template becomes
the file, and a step is run only when its action and every resource it grounds to match
those rules (watch_service.py). Watches are kept in `Paths.config / "watches.json"`.
"""

from __future__ import annotations

import fnmatch
import json
import os
import secrets
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Iterable, Mapping

from ..errors import UsageError
from ..types import ActionCall, Plan

__all__ = [
    "EVENT_KINDS", "PLACEHOLDER", "Approval", "Watch", "WatchStore",
    "approval_for", "fill_template", "plan_template", "resource_matches",
]

EVENT_KINDS = ("created", "modified", "deleted")
PLACEHOLDER = "{path}"
_SENTINEL = "nlsh-watched-file"  # stands in for {path} while the request is planned
FORMAT = "nlsh-watches/1"


@dataclass(frozen=True)
class Approval:
    """One approved step: this action, on resources each matching one of these patterns."""

    action: str
    resources: tuple[str, ...]

    def allows(self, action: str, resources: Iterable[str]) -> bool:
        return action == self.action and all(
            any(resource_matches(r, p) for p in self.resources) for r in resources
        )


@dataclass(frozen=True)
class Watch:
    id: str
    folder: str
    glob: str
    events: tuple[str, ...]
    request: str
    steps: tuple[ActionCall, ...]
    approvals: tuple[Approval, ...]
    cwd: str
    paused: bool = False
    created: float = field(default=0.0)

    def wants(self, kind: str, path: str) -> bool:
        """True for an event of a kind this watch listens to, on a file its glob matches."""
        return (kind in self.events and os.path.dirname(path) == self.folder
                and fnmatch.fnmatchcase(os.path.basename(path), self.glob))

    def plan_for(self, path: str) -> Plan:
        return Plan(tuple(fill_template(s, path) for s in self.steps), source="watch", model=f"watch:{self.id}")

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "folder": self.folder, "glob": self.glob, "events": list(self.events),
            "request": self.request, "cwd": self.cwd, "paused": self.paused, "created": self.created,
            "steps": [{"action": s.action, "args": dict(s.args)} for s in self.steps],
            "approvals": [{"action": a.action, "resources": list(a.resources)} for a in self.approvals],
        }

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> "Watch":
        return cls(
            id=str(raw["id"]), folder=str(raw["folder"]), glob=str(raw["glob"]),
            events=tuple(raw.get("events", ("created",))), request=str(raw.get("request", "")),
            steps=tuple(ActionCall(s["action"], dict(s.get("args", {}))) for s in raw["steps"]),
            approvals=tuple(Approval(a["action"], tuple(a["resources"])) for a in raw.get("approvals", ())),
            cwd=str(raw.get("cwd", raw["folder"])), paused=bool(raw.get("paused", False)),
            created=float(raw.get("created", 0.0)),
        )


def resource_matches(resource: str, pattern: str) -> bool:
    """Exact path, or FOLDER/GLOB: the same folder and a name the glob matches (no deeper)."""
    if resource == pattern:
        return True
    folder, name = os.path.split(pattern)
    if not any(c in name for c in "*?["):
        return False
    return os.path.dirname(resource) == folder and fnmatch.fnmatchcase(os.path.basename(resource), name)


def fill_template(call: ActionCall, path: str) -> ActionCall:
    def fill(value: Any) -> Any:
        if isinstance(value, str):
            return value.replace(PLACEHOLDER, path)
        if isinstance(value, list):
            return [fill(v) for v in value]
        return value

    return ActionCall(call.action, {k: fill(v) for k, v in call.args.items()}, call.taint)


def plan_template(session: Any, request: str) -> tuple[ActionCall, ...]:
    """Plan the request with {path} standing for the triggering file (fast path, then model)."""
    from ..errors import NotUnderstood
    from ..intent.fastpath import match

    if PLACEHOLDER not in request:
        raise UsageError("the --do text must say where the file goes: use {path} for it",
                         hint="e.g. --do 'move {path} to papers/'")
    text = request.replace(PLACEHOLDER, _SENTINEL)
    calls = match(text, session.catalog.patterns)
    if not calls:
        if session.planner is None:
            raise NotUnderstood(f"I don't know how to do that: {request[:80]!r}",
                                hint="rephrase it, or set a model (--model PATH or URL)")
        calls = list(session.planner.plan(text).steps)
    steps = tuple(fill_template(_unsentinel(c), PLACEHOLDER) for c in calls)
    if not any(PLACEHOLDER in json.dumps(dict(s.args)) for s in steps):
        raise UsageError("the plan does not use the triggering file; nothing was saved")
    return steps


def _unsentinel(call: ActionCall) -> ActionCall:
    def undo(value: Any) -> Any:
        if isinstance(value, str):
            return value.replace(_SENTINEL, PLACEHOLDER)
        if isinstance(value, list):
            return [undo(v) for v in value]
        return value

    return ActionCall(call.action, {k: undo(v) for k, v in call.args.items()}, call.taint)


def approval_for(steps: Iterable[ActionCall], catalog: Any, *, folder: str, glob: str, cwd: Path,
                 home: Path) -> tuple[Approval, ...]:
    """The exact rules the person approves: each step's action and its resolved paths."""
    from ..sandbox.paths import resolve

    approvals = []
    for call in steps:
        spec = catalog.actions.get(call.action)
        if spec is None:
            raise UsageError(f"no action named {call.action!r} is installed")
        resources: list[str] = []
        for param in spec.params:
            value = call.args.get(param.name)
            if not param.path_role or value is None:
                continue
            for v in value if isinstance(value, list) else [value]:
                v = str(v).replace(PLACEHOLDER, os.path.join(folder, glob))
                resources.append(str(resolve(v, cwd, home)))
        approvals.append(Approval(call.action, tuple(dict.fromkeys(resources))))
    return tuple(approvals)


class WatchStore:
    """watches.json, rewritten whole (atomically) on every change; re-read on every look."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def all(self) -> list[Watch]:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return []
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise UsageError(f"cannot read {self.path}: {exc}", hint="fix or remove the file") from None
        try:
            return [Watch.from_json(w) for w in raw.get("watches", [])]
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise UsageError(f"{self.path}: a watch is malformed ({exc})", hint="fix or remove it") from None

    def get(self, watch_id: str) -> Watch:
        for watch in self.all():
            if watch.id == watch_id:
                return watch
        raise UsageError(f"no watch with id {watch_id!r}", hint="`nlsh watch list` shows them")

    def add(self, *, folder: str, glob: str, events: Iterable[str], request: str,
            steps: Iterable[ActionCall], approvals: Iterable[Approval], cwd: str) -> Watch:
        events = tuple(events)
        bad = [e for e in events if e not in EVENT_KINDS]
        if bad or not events:
            raise UsageError(f"event kinds must be among {', '.join(EVENT_KINDS)}")
        watch = Watch(secrets.token_hex(3), folder, glob, events, request, tuple(steps),
                      tuple(approvals), cwd, False, time.time())
        self._write(self.all() + [watch])
        return watch

    def set_paused(self, watch_id: str, paused: bool) -> Watch:
        watch = replace(self.get(watch_id), paused=paused)
        self._write([watch if w.id == watch_id else w for w in self.all()])
        return watch

    def remove(self, watch_id: str) -> Watch:
        watch = self.get(watch_id)
        self._write([w for w in self.all() if w.id != watch_id])
        return watch

    def _write(self, watches: list[Watch]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        staged = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        body = {"format": FORMAT, "watches": [w.to_json() for w in watches]}
        staged.write_text(json.dumps(body, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        os.replace(staged, self.path)
