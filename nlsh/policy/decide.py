"""From a grounded step and the rules to a Decision: auto, confirm or deny."""

from __future__ import annotations

from ..types import Decision, PlannedStep, Risk
from .rules import RuleSet

__all__ = ["decide"]


def decide(step: PlannedStep, risk: Risk, why: str, rules: RuleSet, *, mode: str = "normal") -> Decision:
    """Deny wins; then ask; then allow (never for R3); then the default for the risk."""
    caps, res, act = step.capabilities, step.resources, step.call.action
    tainted = bool(step.call.taint)
    if risk >= Risk.R4:
        return Decision("deny", risk, "risk.R4", why or "never allowed")
    rule = rules.first("deny", caps, res, act)
    if rule:
        return Decision("deny", risk, rule.label(), f"denied by {rule.label()}")
    rememberable = risk <= Risk.R2 and not tainted
    rule = rules.first("ask", caps, res, act)
    if rule:
        return Decision("confirm", risk, rule.label(), f"asked by {rule.label()}", rememberable)
    rule = rules.first("allow", caps, res, act)
    if rule and risk <= Risk.R2 and not tainted:
        return Decision("auto", risk, rule.label(), f"allowed by {rule.label()}")
    if risk == Risk.R0 or (risk == Risk.R1 and mode != "cautious"):
        return Decision("auto", risk, f"default.{risk}", why)
    reason = why or _default_reason(risk, caps)
    return Decision("confirm", risk, f"default.{risk}", reason, rememberable)


def _default_reason(risk: Risk, capabilities: tuple[str, ...]) -> str:
    if risk == Risk.R1:
        return "cautious mode asks before changes"
    if risk == Risk.R3:
        return "high risk: asked every time, never remembered"
    for cap, why in (("fs.delete", "deletes (to nlsh's trash)"), ("proc.signal", "signals a process"),
                     ("git.write", "changes the repository"), ("fs.write", "changes files")):
        if cap in capabilities:
            return why
    return f"risk {risk}"
