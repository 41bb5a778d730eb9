"""Words for the `policy` built-in: the rules in force, and why the last request was asked or denied."""

from __future__ import annotations

from typing import Any

from ...textsafe import escape_name
from ...types import Turn

__all__ = ["describe_policy", "explain_last"]


def _rule_line(rule: Any) -> str:
    target = rule.resource if not rule.exact else ", ".join(rule.exact[:3]) + (" …" if len(rule.exact) > 3 else "")
    action = "" if rule.action == "*" else f" {rule.action}"
    return escape_name(f"{rule.effect:5} {rule.capability}{action} {target}  ({rule.label()})")


def describe_policy(policy: Any) -> str:
    rules = policy.rules
    lines = [f"mode: {policy.mode} (risk R0 runs; R1 runs{' only when confirmed' if policy.mode == 'cautious' else ''};"
             " R2-R3 are confirmed; R4 is denied)",
             f"workspace: {escape_name(str(policy.workspace))}",
             f"built-in denies: {len(rules.builtin)} rules (secrets, shell start-up files, .git/hooks, nlsh's own"
             " files); they cannot be overridden"]
    configured = list(rules.configured)
    lines.append(f"configured rules: {len(configured)}" + (":" if configured else " (add [[policy.rules]] to config.toml)"))
    lines += [f"  {_rule_line(r)}" for r in configured]
    remembered = list(policy.remembered.rules())
    lines.append(f"remembered approvals: {len(remembered)}" + (":" if remembered else ""))
    lines += [f"  {_rule_line(r)}" for r in remembered]
    lines.append("`policy why` explains the last decision")
    return "\n".join(lines)


def explain_last(turn: Turn | None) -> str:
    if turn is None or not turn.decisions:
        return "no decision yet: policy decides once a request has been planned"
    lines = [f"for {escape_name(turn.request.line[:80])!r} ({turn.decision}):"]
    for i, (step, d) in enumerate(zip(turn.steps, turn.decisions), 1):
        verdict = {"auto": "ran without asking", "confirm": "asked you", "deny": "denied"}.get(d.effect, d.effect)
        lines.append(f"  {i}. {step.call.action}: {verdict}, risk {d.risk}, rule {escape_name(d.rule)}")
        if d.reason:
            lines.append(f"     because {escape_name(d.reason)}")
        if step.call.taint:
            lines.append(f"     arguments came from untrusted text: {escape_name(', '.join(step.call.taint))}")
        if d.effect == "confirm":
            lines.append("     can be remembered with 'a'" if d.rememberable else "     asked every time (not rememberable)")
    return "\n".join(lines)
