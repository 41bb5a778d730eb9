"""The execute stage: run one approved step, journal its undo data, audit start and end."""

from __future__ import annotations

import time
from typing import Any

from .actions.context import ActionContext, ActionResult
from .actions.registry import ActionSpec
from .audit.log import AuditLog, output_sha256
from .errors import ActionFailed, NlshError
from .textsafe import escape_output
from .types import Outcome, PlannedStep
from .undo import UndoJournal

__all__ = ["execute_step", "audit_action"]


def audit_action(step: PlannedStep) -> dict[str, Any]:
    return {"name": step.call.action, "args": dict(step.args), "capabilities": list(step.capabilities)}


def execute_step(
    step: PlannedStep,
    spec: ActionSpec,
    ctx: ActionContext,
    *,
    audit: AuditLog,
    journal: UndoJournal,
    parent_id: str,
) -> Outcome:
    start = audit.append(
        "start", parent_id=parent_id, action=audit_action(step), resources=list(step.resources),
        taint=list(step.call.taint),
    )
    began = time.monotonic()
    result: ActionResult | None = None
    error = ""
    try:
        result = spec.func(ctx, **step.args)
        if not isinstance(result, ActionResult):
            raise ActionFailed(f"{spec.name} returned {type(result).__name__}, not an ActionResult")
    except KeyboardInterrupt:
        ctx.cancelled.set()
        _end(audit, start["id"], step, began, None, "interrupted", "")
        raise
    except NlshError as exc:
        error = str(exc)
    except OSError as exc:
        error = _os_error(exc)
    except Exception as exc:  # a plugin's bug is reported, not a traceback
        error = f"{spec.name} failed unexpectedly: {type(exc).__name__}: {exc}"
    ms = int((time.monotonic() - began) * 1000)
    undo_id = ""
    if result is not None and result.ok and result.undo is not None and spec.reversible:
        undo_id = journal.record(spec.name, step.preview.summary, result.undo)
    ok = result is not None and result.ok and not error
    output = escape_output(result.output) if result is not None else ""
    if result is not None and not result.ok and not error:
        error = f"{spec.name} exited with status {result.exit}" if result.exit is not None else f"{spec.name} failed"
    sandbox = result.data.get("sandbox", "") if result is not None and isinstance(result.data, dict) else ""
    _end(audit, start["id"], step, began, result, error, undo_id, sandbox)
    return Outcome(
        action=spec.name, ok=ok, output=output, data=result.data if result is not None else None,
        error=error, undo_id=undo_id, ms=ms,
    )


def _end(audit, start_id, step, began, result, error, undo_id, sandbox="") -> None:
    audit.append(
        "end",
        parent_id=start_id,
        action=audit_action(step),
        sandbox=sandbox,
        result={
            "exit": (result.exit if result.exit is not None else (0 if result.ok else 1)) if result else None,
            "signal": None,
            "ms": int((time.monotonic() - began) * 1000),
            "output_sha256": output_sha256(result.output) if result else "",
        },
        undo=undo_id,
        extra={"error": error} if error else None,
    )


def _os_error(exc: OSError) -> str:
    where = f": {exc.filename}" if exc.filename else ""
    return f"{exc.strerror or exc}{where}"
