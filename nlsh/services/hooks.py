"""Small functions the Session and front ends call to use the services.

- `skill_plan(paths, text)`: "run skill NAME" / "do NAME skill" -> the skill's Plan (source
  "skill"), for Session._plan to try before the fast path; None when it is not such a request.
- `record_turn(paths, turn)`: add a finished turn to episodic memory.
- `planner_context(paths, text)`: the few memory lines most relevant to a request.
"""

from __future__ import annotations

import re
from typing import Any

from ..config import Paths
from ..types import Plan, Turn

__all__ = ["planner_context", "record_turn", "skill_plan"]

_RUN_SKILL = re.compile(r"(?:run|do)\s+(?:the\s+)?skill\s+(?P<name>[a-z0-9][a-z0-9_-]{0,63})|"
                        r"(?:run|do)\s+(?:the\s+)?(?P<name2>[a-z0-9][a-z0-9_-]{0,63})\s+skill", re.I)
_EPISODE_STATUSES = {0: "ok", 1: "failed", 3: "denied", 4: "declined"}


def skill_plan(paths: Paths, text: str) -> Plan | None:
    """The plan of the skill a request names, or None (unknown skills raise UsageError)."""
    m = _RUN_SKILL.fullmatch(text.strip().rstrip(".!"))
    if not m:
        return None
    from .skills import SkillStore

    return SkillStore(paths.config / "skills").get((m["name"] or m["name2"]).lower()).plan()


def record_turn(paths: Paths, turn: Turn, *, memory: Any = None) -> int | None:
    """Remember a turn that planned something (not previews, not memory's own actions)."""
    if turn.plan is None or not turn.plan.steps or turn.decision == "preview":
        return None
    if all(s.action.startswith("memory.") for s in turn.plan.steps):
        return None
    from .memory import Memory

    memory = memory or Memory(paths.data / "memory.db")
    plan = ", ".join(s.action for s in turn.plan.steps)
    outcome = _EPISODE_STATUSES.get(int(turn.status), turn.status.name.lower())
    if turn.message:
        outcome += f": {turn.message[:200]}"
    taint = ",".join(sorted({t for s in turn.plan.steps for t in s.taint}))
    return memory.record_episode(turn.request.line, plan, outcome, taint=taint)


def planner_context(paths: Paths, text: str, limit: int = 3) -> str:
    """Lines for the planner's prompt; "" when memory is empty or nothing is relevant."""
    path = paths.data / "memory.db"
    if not path.exists():
        return ""
    from .memory import Memory

    return Memory(path).context_block(text, limit)
