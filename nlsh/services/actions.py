"""Built-in actions and fast-path patterns for memory and skills.

"remember that my projects live in ~/code" -> memory.remember; "what do you remember about
backups" -> memory.search; "save that as tidy-downloads" -> skill.save (the last request
whose every step succeeded, read from the audit log). Running a skill by name needs the
Session (policy, confirmation), so it is not an action: see services/hooks.py.
"""

from __future__ import annotations

from typing import Literal

from ..actions.context import ActionContext, ActionResult
from ..actions.registry import action
from ..errors import ActionFailed, UsageError
from ..plugins import hookimpl
from ..textsafe import escape_name
from ..types import ActionCall, Preview, Risk

__all__ = ["nlsh_register_actions", "nlsh_register_patterns"]


def _memory(ctx: ActionContext):
    from .memory import Memory

    return Memory(ctx.paths.data / "memory.db", clock=ctx.env.clock)


def _preview_remember(ctx: ActionContext, text: str, kind: str = "fact") -> Preview:
    return Preview(summary=f"remember ({kind}): {escape_name(text[:200])}", reversible=True)


def _undo_remember(ctx: ActionContext, data: dict) -> str:
    _memory(ctx).forget(int(data["id"]))
    return f"forgot memory item {data['id']}"


@action("memory.remember", capabilities=("memory.write",), risk=Risk.R1, reversible=True,
        preview=_preview_remember, undo=_undo_remember)
def remember(ctx: ActionContext, text: str, kind: Literal["fact", "preference"] = "fact") -> ActionResult:
    """Remember a fact or preference the person states, for later requests.

    Args:
        text: what to remember, in the person's words.
        kind: "fact" (how things are) or "preference" (how the person likes things done).
    """
    try:
        item_id = _memory(ctx).add(text, kind=kind)
    except UsageError as exc:
        raise ActionFailed(str(exc)) from None
    return ActionResult(output=f"remembered: {escape_name(text.strip())}", data={"id": item_id, "kind": kind},
                        undo={"id": item_id})


@action("memory.search", capabilities=("memory.read",), risk=Risk.R0)
def search(ctx: ActionContext, query: str, limit: int = 5) -> ActionResult:
    """Search what nlsh remembers: facts, preferences and past requests.

    Args:
        query: words to look for.
        limit: how many items at most.
    """
    items = _memory(ctx).search(query, limit=max(1, min(limit, 50)))
    lines = [escape_name(i.line()) for i in items] or ["nothing remembered matches"]
    data = [{"id": i.id, "kind": i.kind, "text": i.text, "ts": i.ts, "taint": i.taint} for i in items]
    return ActionResult(output="\n".join(lines), data=data)


def _preview_save(ctx: ActionContext, name: str, description: str = "") -> Preview:
    return Preview(summary=f"save the last successful request as skill {escape_name(name)}", reversible=True)


def _undo_save(ctx: ActionContext, data: dict) -> str:
    from .skills import SkillStore

    SkillStore(ctx.paths.config / "skills").remove(data["name"])
    return f"removed skill {data['name']}"


@action("skill.save", capabilities=("skills.write",), risk=Risk.R1, reversible=True,
        preview=_preview_save, undo=_undo_save)
def save_skill(ctx: ActionContext, name: str, description: str = "") -> ActionResult:
    """Save the plan of the last request that fully succeeded as a named skill.

    Args:
        name: the skill's name (lower-case letters, digits, '-' and '_').
        description: what the skill does (default: the request it came from).
    """
    from .skills import SkillStore, last_successful_plan

    found = last_successful_plan(ctx.paths.audit_log)
    if found is None:
        raise ActionFailed("there is no successful request to save yet")
    line, steps = found
    try:
        skill = SkillStore(ctx.paths.config / "skills").save(name, steps, description or line)
    except UsageError as exc:
        raise ActionFailed(str(exc), hint=getattr(exc, "hint", "") or "") from None
    return ActionResult(output=f"saved skill {skill.name} ({len(skill.steps)} step(s)) from: {escape_name(line)}",
                        data={"name": skill.name, "steps": len(skill.steps)}, undo={"name": skill.name})


@hookimpl
def nlsh_register_actions(register):
    register(remember)
    register(search)
    register(save_skill)


_SKILL_NAME = r"(?P<name>[a-z0-9][a-z0-9_-]{0,63})"


@hookimpl
def nlsh_register_patterns(register):
    register(r"remember(?:\s+that)?\s+(?P<text>.+)",
             lambda m: [ActionCall("memory.remember", {"text": m["text"]})], priority=50)
    register(r"(?:note\s+that\s+)?i\s+prefer\s+(?P<text>.+)",
             lambda m: [ActionCall("memory.remember", {"text": "I prefer " + m["text"], "kind": "preference"})],
             priority=40)
    register(r"what\s+(?:do\s+you\s+(?:know|remember)\s+about|did\s+i\s+do\s+with)\s+(?P<q>.+)",
             lambda m: [ActionCall("memory.search", {"query": m["q"]})], priority=40)
    register(rf"save\s+(?:that|this|it)\s+as\s+(?:a\s+skill\s+)?{_SKILL_NAME}",
             lambda m: [ActionCall("skill.save", {"name": m["name"].lower()})], priority=50)


@hookimpl
def nlsh_register_examples(register):
    register("keep in mind that the backups go to /srv/backup",
             [ActionCall("memory.remember", {"text": "the backups go to /srv/backup"})])
    register("note that I like tables sorted by size",
             [ActionCall("memory.remember", {"text": "I like tables sorted by size", "kind": "preference"})])
    register("what have I told you about the server",
             [ActionCall("memory.search", {"query": "server"})])
    register("did I do anything with the photos recently",
             [ActionCall("memory.search", {"query": "photos"})])
    register("store what we just did as a skill called weekly-report",
             [ActionCall("skill.save", {"name": "weekly-report"})])
    register("keep the last plan as tidy-up",
             [ActionCall("skill.save", {"name": "tidy-up"})])
