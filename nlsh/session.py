"""The pipeline: route -> intent -> plan -> ground -> policy -> confirm -> execute -> audit.

`Session.handle(line)` runs one request through every stage and returns a Turn for a front
end to render. No UI code lives here: confirmation goes through the injected Confirmer,
streams through the injected Environment. Nothing runs unless every step of the plan
grounded, passed policy and was confirmed where policy asks; a multi-step plan stops at the
first failing step and says which steps ran.
"""

from __future__ import annotations

import shutil
import threading
from dataclasses import replace
from pathlib import Path
from typing import Any

from .actions.context import ActionContext, ProgressFn
from .audit.log import AuditLog
from .config import Paths, Settings
from .confirm import EXFILTRATION, MODEL_CHANGE, UNSANDBOXED, Confirmer
from .env import Environment
from .errors import ActionFailed, BadArguments, NlshError, NotUnderstood, UsageError
from .execute import audit_action, execute_step
from .ground import ground
from .intent.fastpath import match
from .intent.router import route
from .plugins import Catalog
from .policy.engine import Policy
from .preview import format_plan
from .sandbox.runner import ProgramRunner
from .types import (
    ActionCall, Confirmation, Decision, ExitStatus, Outcome, Plan, PlannedStep, Request, Risk, Turn,
)
from .undo import UndoJournal

__all__ = ["Session", "MAX_REQUEST"]

MAX_REQUEST = 4096


class Session:
    def __init__(
        self,
        *,
        env: Environment,
        paths: Paths,
        settings: Settings,
        catalog: Catalog,
        confirmer: Confirmer,
        audit: AuditLog,
        planner: Any = None,
        workspace: Path | None = None,
    ) -> None:
        self.env = env
        self.paths = paths
        self.settings = settings
        self.catalog = catalog
        self.confirmer = confirmer
        self.audit = audit
        self.planner = planner
        self.cwd = env.cwd
        self.journal = UndoJournal(paths.undo_log, env.clock)
        # Set by front ends and the job runner: actions report progress and stop when cancelled.
        self.cancelled: threading.Event | None = None
        self.progress: ProgressFn | None = None
        self.set_workspace(workspace or env.cwd)

    def set_workspace(self, workspace: Path) -> None:
        """Make `workspace` the folder whose contents count as "inside" for policy and sandbox."""
        self.workspace = workspace
        self.policy = Policy(self.paths, self.settings, workspace=workspace, home=self.env.home)
        self.run_program = ProgramRunner(
            cwd=lambda: self.cwd, workspace=workspace, environ=self.env.environ,
            protected=self.paths.protected(), timeout=self.settings.shell_timeout,
        )

    # -- the pipeline -------------------------------------------------------------------

    def handle(self, line: str, *, dry_run: bool = False) -> Turn:
        if not line.strip():
            return self._turn(Request(line), status=ExitStatus.USAGE, message="empty request: say what you want done")
        if len(line) > MAX_REQUEST:
            return self._turn(
                Request(line[:80] + "…"), status=ExitStatus.USAGE,
                message=f"request too long ({len(line)} characters, at most {MAX_REQUEST}); nothing ran",
            )
        request = route(line, which=self._which)
        rid = self.audit.append("request", actor="person", extra={"line": line, "kind": request.kind})["id"]
        try:
            plan = self._plan(request)
        except NotUnderstood as exc:
            return self._turn(request, status=ExitStatus.NOT_UNDERSTOOD, message=str(exc), audit_parent=rid)
        return self.run_plan(request, plan, rid=rid, dry_run=dry_run)

    def run_plan(self, request: Request, plan: Plan, *, rid: str = "", dry_run: bool = False) -> Turn:
        """Ground, police, confirm and run a plan (front ends use this for follow-ups)."""
        if not rid:
            rid = self.audit.append("request", actor="person", extra={"line": request.line, "kind": request.kind})["id"]
        try:
            plan, steps = self._ground_plan(request, plan)
        except NotUnderstood as exc:
            return self._turn(request, plan=plan, status=ExitStatus.NOT_UNDERSTOOD, message=str(exc), audit_parent=rid)
        except (BadArguments, UsageError, ActionFailed) as exc:
            return self._turn(request, plan=plan, status=ExitStatus.FAILED, message=str(exc), audit_parent=rid)
        self.audit.append("plan", parent_id=rid, model=plan.model,
                          extra={"source": plan.source, "steps": [audit_action(s) for s in steps]})
        decisions = tuple(self._sandbox_gate(s, self.policy.evaluate(s, self.cwd)) for s in steps)
        decisions = _exfiltration_gate(steps, decisions)
        decisions = _model_gate(plan, decisions)
        for step, d in zip(steps, decisions):
            self.audit.append("decision", parent_id=rid, action=audit_action(step), resources=list(step.resources),
                              risk=str(d.risk), decision=d.effect, rule=d.rule, taint=list(step.call.taint))
        turn = dict(request=request, plan=plan, steps=steps, decisions=decisions, audit_parent=rid)
        denied = next(((s, d) for s, d in zip(steps, decisions) if d.effect == "deny"), None)
        if denied:
            return self._turn(**turn, status=ExitStatus.DENIED, decision="denied", message=_denial(*denied))
        if request.kind == "explain" or dry_run:
            return self._turn(**turn, decision="preview", output=format_plan(steps, decisions))
        refusal = self._confirm(steps, decisions, rid)
        if refusal is not None:
            why = refusal.by.partition("auto-no:")[2]
            message = f"not confirmed: {why}; nothing ran" if why else "declined; nothing ran"
            return self._turn(**turn, status=ExitStatus.DECLINED, decision="declined", message=message)
        outcomes = self._execute(steps, decisions, rid)
        failed = next((o for o in outcomes if not o.ok), None)
        decision = "confirmed" if any(d.effect == "confirm" for d in decisions) else "auto"
        output = "\n".join(o.output.rstrip("\n") for o in outcomes if o.output)
        if failed:
            return self._turn(**turn, outcomes=outcomes, status=ExitStatus.FAILED, decision=decision,
                              output=output, message=_failure(outcomes, len(steps)))
        return self._turn(**turn, outcomes=outcomes, decision=decision, output=output)

    def _ground_plan(self, request: Request, plan: Plan) -> tuple[Plan, tuple[PlannedStep, ...]]:
        """Ground every step; a model plan that fails grounding is repaired once, if it can be."""
        try:
            return plan, tuple(self._ground(call, plan.source) for call in plan.steps)
        except BadArguments as exc:
            repair = getattr(self.planner, "repair", None)
            if plan.source != "model" or repair is None:
                raise
            plan = repair(request.text, plan, str(exc))
            return plan, tuple(self._ground(call, plan.source) for call in plan.steps)

    def _plan(self, request: Request) -> Plan:
        if request.kind == "command":
            return Plan((ActionCall("shell.run", {"argv": list(request.argv)}),), source="command")
        calls = match(request.text, self.catalog.patterns, self.catalog.actions)
        if calls:
            return Plan(tuple(calls), source="fastpath")
        from .services.hooks import skill_plan

        skill = skill_plan(self.paths, request.text)
        if skill is not None:
            return skill
        if self.planner is None:
            raise NotUnderstood(
                f"I don't know how to do that: {request.text[:80]!r}",
                hint="rephrase it, run a command with '!', or set a model (--model PATH or URL)",
            )
        return self.planner.plan(request.text)

    def _ground(self, call: ActionCall, source: str) -> PlannedStep:
        spec = self.catalog.actions.get(call.action)
        if spec is None:
            raise NotUnderstood(f"no action named {call.action!r} is installed")
        return ground(call, spec, self.context(), source=source)

    def _confirm(
        self, steps: tuple[PlannedStep, ...], decisions: tuple[Decision, ...], rid: str
    ) -> Confirmation | None:
        """Ask for every step that needs it before anything runs; return the first refusal."""
        asked = [(i, s, d) for i, (s, d) in enumerate(zip(steps, decisions), 1) if d.effect == "confirm"]
        for i, step, d in asked:
            answer = self.confirmer.confirm(step, d, i, len(steps))
            self.audit.append("confirmation", parent_id=rid, action=audit_action(step), risk=str(d.risk),
                              decision="approved" if answer.approved else "declined", confirmed_by=answer.by)
            if not answer.approved:
                return answer
            if answer.remember_scope and d.rememberable:
                self.policy.remembered.remember(step, answer.remember_scope)
        return None

    def _sandbox_gate(self, step: PlannedStep, decision: Decision) -> Decision:
        """With no sandbox, a non-read-only command needs a person's explicit consent."""
        if decision.effect == "deny" or "shell.exec" not in step.capabilities:
            return decision
        if not self.run_program.needs_unsandboxed_consent(step.args.get("argv") or ()):
            return decision
        return Decision("confirm", decision.risk, UNSANDBOXED,
                        "NO SANDBOX is available: this would run UNSANDBOXED with your full rights")

    def _execute(self, steps: tuple[PlannedStep, ...], decisions: tuple[Decision, ...],
                 rid: str) -> tuple[Outcome, ...]:
        outcomes: list[Outcome] = []
        for step, decision in zip(steps, decisions):
            spec = self.catalog.actions.get(step.call.action)
            ctx = self.context()
            if decision.rule == UNSANDBOXED:
                ctx = self.context(run_program=self.run_program.allowing_unsandboxed())
            outcome = execute_step(step, spec, ctx, audit=self.audit, journal=self.journal, parent_id=rid)
            outcomes.append(outcome)
            if not outcome.ok:
                break
        return tuple(outcomes)

    # -- services for front ends ----------------------------------------------------------

    def context(self, **overrides: Any) -> ActionContext:
        ctx = ActionContext(
            env=self.env.with_cwd(self.cwd), paths=self.paths, settings=self.settings,
            workspace=self.workspace, cwd=self.cwd, run_program=self.run_program,
        )
        if self.cancelled is not None:
            overrides.setdefault("cancelled", self.cancelled)
        if self.progress is not None:
            overrides.setdefault("progress", self.progress)
        return replace(ctx, **overrides) if overrides else ctx

    def chdir(self, path: str) -> Path:
        from .sandbox.paths import resolve

        target = resolve(path or "~", self.cwd, self.env.home)
        if not target.is_dir():
            raise UsageError(f"cd: not a directory: {path}")
        self.cwd = target
        return target

    def undo(self, entry_id: str | None = None) -> Outcome:
        """Revert the last reversible action (or the one with this id)."""
        entry = self.journal.get(entry_id) if entry_id else self.journal.last()
        if entry is None:
            raise UsageError(f"no undoable action with id {entry_id}" if entry_id else "nothing to undo")
        spec = self.catalog.actions.get(entry.action)
        if spec is None or spec.undo is None:
            raise UsageError(f"{entry.action} cannot be undone here (its plugin is not loaded)")
        try:
            message = spec.undo(self.context(), entry.data)
            ok, error = True, ""
        except NlshError as exc:
            message, ok, error = "", False, str(exc)
        except OSError as exc:
            message, ok, error = "", False, f"{exc.strerror or exc}: {exc.filename or ''}".rstrip(": ")
        if ok:
            self.journal.mark_undone(entry.id)
        self.audit.append("undo", action={"name": entry.action, "args": {}, "capabilities": list(spec.capabilities)},
                          undo=entry.id, result={"exit": 0 if ok else 1},
                          extra={"error": error} if error else None)
        return Outcome(entry.action, ok, message or "", {"undo_id": entry.id, "summary": entry.summary}, error,
                       undo_id=entry.id)

    def remember_turn(self, turn: Turn) -> None:
        """Add a finished turn to episodic memory; memory trouble never fails a request."""
        import sqlite3

        from .services.hooks import record_turn

        try:
            record_turn(self.paths, turn)
        except (NlshError, OSError, sqlite3.Error):
            pass

    def _which(self, name: str) -> str | None:
        return shutil.which(name, path=self.env.environ.get("PATH", ""))

    def _turn(self, request: Request, *, plan: Plan | None = None, steps=(), decisions=(), outcomes=(),
              status: ExitStatus = ExitStatus.OK, decision: str = "", output: str = "", message: str = "",
              audit_parent: str = "") -> Turn:
        if status in (ExitStatus.NOT_UNDERSTOOD, ExitStatus.USAGE, ExitStatus.FAILED) and not outcomes and audit_parent:
            self.audit.append("plan", parent_id=audit_parent, decision="rejected", extra={"error": message})
        return Turn(request, plan, tuple(steps), tuple(decisions), tuple(outcomes),
                    decision or status.name.lower(), output, status, message)


_SENDING = ("net", "mail.send", "git.push")


def _exfiltration_gate(steps: tuple[PlannedStep, ...], decisions: tuple[Decision, ...]) -> tuple[Decision, ...]:
    """Reading private data and sending something out in the same request: a person must agree."""
    private = any(d.risk >= Risk.R3 and "fs.read" in s.capabilities for s, d in zip(steps, decisions))
    if not private:
        return decisions
    return tuple(
        Decision("confirm", d.risk, EXFILTRATION, "sends data out in the same request that read private files")
        if d.effect != "deny" and any(c in _SENDING for c in s.capabilities) else d
        for s, d in zip(steps, decisions)
    )


def _model_gate(plan: Plan, decisions: tuple[Decision, ...]) -> tuple[Decision, ...]:
    """A change planned by the model is shown and asked about, even where policy would run it:
    the model guesses, the fast path does not."""
    if plan.source != "model":
        return decisions
    return tuple(
        Decision("confirm", d.risk, MODEL_CHANGE, "the model planned this change from a request I did not know")
        if d.effect == "auto" and d.risk >= Risk.R1 else d
        for d in decisions
    )


def _denial(step: PlannedStep, d: Decision) -> str:
    how = ("this cannot be overridden" if d.rule.startswith(("builtin.", "risk.R4"))
           else "change or remove that rule in config.toml if you really mean it")
    return f"denied: {step.call.action} — {d.reason or d.rule} (rule {d.rule}; {how}); nothing ran"


def _failure(outcomes: tuple[Outcome, ...], total: int) -> str:
    failed = outcomes[-1]
    ran = len(outcomes) - 1
    where = f"step {len(outcomes)} of {total} ({failed.action})" if total > 1 else failed.action
    done = f"; steps 1-{ran} ran" if ran > 1 else ("; step 1 ran" if ran == 1 else "")
    rest = f"; {total - len(outcomes)} not run" if total > len(outcomes) else ""
    return f"{where} failed: {failed.error}{done}{rest}"
