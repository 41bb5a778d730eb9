"""The model planner: asks a Backend for a plan and accepts only a valid one.

The reply must be one JSON object {"steps": [{"action": NAME, "args": {...}}]} naming
registered actions with arguments their schemas accept. Anything else is rejected with
NotUnderstood — never executed.
"""

from __future__ import annotations

import json
from typing import Any, Sequence

from ..actions.registry import Registry
from ..errors import BadArguments, NotUnderstood
from ..llm.base import Backend, Message
from ..plugins import Example
from ..types import ActionCall, Plan

__all__ = ["ModelPlanner", "parse_plan"]

MAX_REPLY = 16_384
MAX_STEPS = 8


class ModelPlanner:
    def __init__(self, backend: Backend, actions: Registry, examples: Sequence[Example] = ()) -> None:
        self.backend = backend
        self.actions = actions
        self.examples = list(examples)

    def messages(self, text: str) -> list[Message]:
        catalogue = "\n".join(
            f"- {s.name}({', '.join(p.name for p in s.params)}): {s.summary}" for s in self.actions
        )
        system = (
            "You turn a shell request into a JSON plan of actions. Reply with one JSON object "
            '{"steps": [{"action": NAME, "args": {...}}]} and nothing else.\nActions:\n' + catalogue
        )
        shots: list[Message] = []
        for ex in self.examples[:4]:
            shots.append({"role": "user", "content": ex.request})
            shots.append({"role": "assistant", "content": _dump(ex.steps)})
        return [{"role": "system", "content": system}, *shots, {"role": "user", "content": text}]

    def plan(self, text: str) -> Plan:
        reply = self.backend.complete(self.messages(text))
        return Plan(parse_plan(reply, self.actions), source="model", model=self.backend.name)


def _dump(steps: Sequence[ActionCall]) -> str:
    return json.dumps({"steps": [{"action": s.action, "args": dict(s.args)} for s in steps]})


def parse_plan(reply: str, actions: Registry) -> tuple[ActionCall, ...]:
    """Validate a model reply strictly; raise NotUnderstood saying what was wrong."""
    if len(reply) > MAX_REPLY:
        raise NotUnderstood(f"the model's reply was too long ({len(reply)} characters); nothing ran")
    try:
        data: Any = json.loads(reply)
    except json.JSONDecodeError as exc:
        raise NotUnderstood(f"the model's reply was not valid JSON ({exc.msg}); nothing ran") from None
    steps = data.get("steps") if isinstance(data, dict) else None
    if not isinstance(steps, list) or not steps:
        raise NotUnderstood("the model's reply had no steps; nothing ran")
    if len(steps) > MAX_STEPS:
        raise NotUnderstood(f"the model proposed {len(steps)} steps (at most {MAX_STEPS}); nothing ran")
    calls = []
    for step in steps:
        if not isinstance(step, dict) or not isinstance(step.get("action"), str):
            raise NotUnderstood("a step in the model's reply has no action; nothing ran")
        spec = actions.get(step["action"])
        if spec is None:
            raise NotUnderstood(f"the model proposed an unknown action {step['action']!r:.60}; nothing ran")
        args = step.get("args", {})
        try:
            spec.validate(args)
        except BadArguments as exc:
            raise NotUnderstood(f"the model's arguments were invalid: {exc.message}; nothing ran") from None
        calls.append(ActionCall(spec.name, dict(args)))
    return tuple(calls)
