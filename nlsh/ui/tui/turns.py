"""Running a typed line for the desktop: selection context, edits, and the Session.

Kept out of the widgets: `run_line` is called in a worker thread and returns the Turns to
show. A step the person edited in the confirmation modal is re-run through
`Session.run_plan`, so edited arguments are grounded, policed and confirmed again.
"""

from __future__ import annotations

from typing import Any

from ...types import ActionCall, Plan, Request, Turn
from .confirm import Edit, ModalConfirmer
from .selection import Selection

__all__ = ["run_line", "kill_plan", "MAX_EDITS"]

MAX_EDITS = 5


def kill_plan(pid: int, signal: str = "TERM") -> tuple[Request, Plan]:
    """The request and plan for killing one process from the monitor."""
    line = f"kill {pid}"
    return Request(line, "request", line), Plan((ActionCall("proc.signal", {"pid": pid, "signal": signal}),), source="tui")


def run_line(session: Any, selection: Selection, line: str, confirmer: ModalConfirmer | None = None) -> list[Turn]:
    """Run one line; a plan about the selection is built directly, pronouns are rewritten."""
    text = line.strip()
    plan = selection.plan_for(text) if not text.startswith(("!", "?")) else None
    if plan is not None:
        turn = session.run_plan(Request(line, "request", text), plan)
        selection.clear()
    else:
        rewritten = selection.rewrite(text) if not text.startswith("!") else text
        if rewritten != text:
            selection.clear()
        turn = session.handle(rewritten)
    return [turn] + rerun_edits(session, turn, confirmer)


def run_plan(session: Any, request: Request, plan: Plan, confirmer: ModalConfirmer | None = None) -> list[Turn]:
    turn = session.run_plan(request, plan)
    return [turn] + rerun_edits(session, turn, confirmer)


def rerun_edits(session: Any, turn: Turn, confirmer: ModalConfirmer | None) -> list[Turn]:
    turns: list[Turn] = []
    for _ in range(MAX_EDITS):
        edit: Edit | None = confirmer.last_edit if confirmer else None
        if edit is None or turn.plan is None:
            break
        confirmer.last_edit = None
        turn = session.run_plan(turn.request, _edited(turn.plan, edit))
        turns.append(turn)
    return turns


def _edited(plan: Plan, edit: Edit) -> Plan:
    steps = list(plan.steps)
    if 1 <= edit.index <= len(steps):
        steps[edit.index - 1] = ActionCall(edit.action, edit.args)
    return Plan(tuple(steps), source="tui-edit", model=plan.model)
