"""The canonical text of a step, shown before confirmation and by --dry-run and "?".

Plain text, already escaped for a terminal: resolved absolute targets, counts, bytes,
reversibility, risk and why. Every front end shows this same text.
"""

from __future__ import annotations

from .textsafe import escape_name, suspicious
from .types import Decision, PlannedStep

__all__ = ["format_step", "format_plan", "human_bytes"]

MAX_TARGETS = 10


def human_bytes(n: int) -> str:
    size = float(n)
    for unit in ("B", "KiB", "MiB", "GiB", "TiB"):
        if size < 1024 or unit == "TiB":
            return f"{int(size)} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{n} B"


def format_step(step: PlannedStep, decision: Decision, index: int = 1, total: int = 1) -> str:
    p = step.preview
    head = f"{index}/{total} " if total > 1 else ""
    lines = [f"{head}{step.call.action}: {escape_name(p.summary)}"]
    facts = []
    if p.count is not None:
        facts.append(f"{p.count} item{'s' if p.count != 1 else ''}")
    if p.bytes is not None:
        facts.append(human_bytes(p.bytes))
    facts.append("can be undone" if p.reversible else "cannot be undone")
    facts.append(f"risk {decision.risk}")
    lines.append("  " + ", ".join(facts))
    for target in p.targets[:MAX_TARGETS]:
        flags = suspicious(target)
        lines.append(f"  - {escape_name(target)}" + (f"  [!] {', '.join(flags)}" if flags else ""))
    if len(p.targets) > MAX_TARGETS:
        lines.append(f"  … and {len(p.targets) - MAX_TARGETS} more")
    lines += [f"  {escape_name(d)}" for d in p.details]
    if step.call.taint:
        lines.append("  [!] arguments derived from untrusted text: " + ", ".join(step.call.taint))
    if decision.reason:
        lines.append(f"  why asked: {decision.reason}" if decision.effect == "confirm" else f"  {decision.reason}")
    return "\n".join(lines)


def format_plan(steps: tuple[PlannedStep, ...], decisions: tuple[Decision, ...]) -> str:
    total = len(steps)
    return "\n".join(
        format_step(s, d, i, total) + f"\n  decision: {d.effect}" for i, (s, d) in enumerate(zip(steps, decisions), 1)
    )
