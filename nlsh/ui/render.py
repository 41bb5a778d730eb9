"""Rendering a Turn: plain text for a person, or the one JSON object of the --json contract."""

from __future__ import annotations

import json
from typing import Any

from ..env import Environment
from ..textsafe import escape_output
from ..types import Turn

__all__ = ["render_text", "turn_json"]


def turn_json(turn: Turn) -> dict[str, Any]:
    plan = [
        {
            "action": step.call.action,
            "args": dict(step.args),
            "risk": str(decision.risk),
            "capabilities": list(step.capabilities),
            "summary": step.preview.summary,
        }
        for step, decision in zip(turn.steps, turn.decisions)
    ]
    if not plan and turn.plan is not None:
        plan = [{"action": c.action, "args": dict(c.args), "risk": "", "capabilities": [], "summary": ""}
                for c in turn.plan.steps]
    return {
        "request": turn.request.line,
        "plan": plan,
        "decision": turn.decision,
        "results": [
            {"action": o.action, "ok": o.ok, "output": o.output, "data": o.data, "error": o.error}
            for o in turn.outcomes
        ],
        "output": turn.output,
        "exit_code": int(turn.status),
        "message": turn.message,
    }


def render_text(turn: Turn, env: Environment, *, as_json: bool = False) -> None:
    if as_json:
        env.stdout.write(json.dumps(turn_json(turn), ensure_ascii=True, default=str) + "\n")
        return
    if turn.output:
        env.stdout.write(escape_output(turn.output).rstrip("\n") + "\n")
    if turn.message:
        env.stderr.write(f"nlsh: {escape_output(turn.message)}\n")
    env.stdout.flush()
