"""The conversation: follow-ups that refer to earlier turns.

    now delete them            the files the previous turn listed or found
    copy them to backup/       (and "move those to ...")
    do the same in src/        the previous plan again, its paths moved under src/
    again                      the previous plan again, as it was
    undo that                  revert what the previous turn did

A follow-up becomes a Plan that the REPL runs through `Session.run_plan`, so it is
grounded, policed, confirmed and audited like any request. The conversation is bounded:
only the last MAX_TURNS turns are kept, each summarised (its plan, at most MAX_PATHS paths,
its undo ids, its status), never the turns' output.
"""

from __future__ import annotations

import os
import re
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from ...errors import UsageError
from ...textsafe import escape_name
from ...types import ActionCall, ExitStatus, Plan, Turn

__all__ = ["Conversation", "FollowUp", "TurnSummary", "MAX_TURNS", "MAX_PATHS"]

MAX_TURNS = 8
MAX_PATHS = 500

_LEAD = r"^(?:(?:now|then|and|ok|okay|also|please|so)[\s,]+)*"
_THEM = r"(?:them(?: all)?|those(?: files| ones)?|these(?: files| ones)?|it|that|this|all of them)"
_THEM_VERB = re.compile(_LEAD + r"(?P<verb>delete|remove|trash|rm|copy|cp|move|mv)\s+" + _THEM
                        + r"(?:\s+(?:to|into)\s+(?P<dest>.+?))?\s*[.!]?$", re.IGNORECASE)
_SAME_IN = re.compile(_LEAD + r"(?:(?:do|run|try)\s+(?:the\s+same(?:\s+thing)?|it|that)(?:\s+again)?|same|again)"
                      r"\s+(?:in|for|on|inside|under)\s+(?P<dir>.+?)\s*[.!]?$", re.IGNORECASE)
_AGAIN = re.compile(_LEAD + r"(?:again|do (?:it|that) again|repeat(?: (?:it|that))?|same again)\s*[.!]?$",
                    re.IGNORECASE)
_UNDO = re.compile(_LEAD + r"(?:undo|revert)\s+(?:that|it|this|them|those|the last (?:one|step|thing))\s*[.!]?$",
                   re.IGNORECASE)

_VERB_ACTION = {"delete": "files.delete", "remove": "files.delete", "trash": "files.delete", "rm": "files.delete",
                "copy": "files.copy", "cp": "files.copy", "move": "files.move", "mv": "files.move"}
_NOT_ITEMS = {"files.disk_usage"}  # its first row is the folder itself: "delete them" must not mean that


@dataclass(frozen=True)
class TurnSummary:
    """What a later turn may refer to: never the output itself."""

    line: str
    calls: tuple[ActionCall, ...]
    source: str
    paths: tuple[str, ...]
    undo_ids: tuple[str, ...]
    status: ExitStatus
    cwd: str

    def describe(self) -> str:
        steps = ", ".join(c.action for c in self.calls) or "nothing planned"
        found = f", {len(self.paths)} path{'s' if len(self.paths) != 1 else ''}" if self.paths else ""
        return f"{escape_name(self.line[:60])!r} -> {steps} ({self.status.name.lower()}{found})"


@dataclass(frozen=True)
class FollowUp:
    """A resolved follow-up: a plan to run, or undo ids to revert (newest first)."""

    plan: Plan | None = None
    undo_ids: tuple[str, ...] = ()
    refers_to: str = ""


def _items(turn: Turn) -> list[str]:
    """Absolute paths the turn listed or found (data rows with a "path"), in order, unique."""
    seen: dict[str, None] = {}
    for outcome in turn.outcomes:
        if not outcome.ok or outcome.action in _NOT_ITEMS or not isinstance(outcome.data, list):
            continue
        for row in outcome.data:
            if isinstance(row, dict) and isinstance(row.get("path"), str) and row.get("name") not in (".", ".."):
                seen.setdefault(row["path"], None)
    if not seen:  # a step on named files ("show notes.txt"): "it" is that file
        for step in turn.steps[-1:]:
            for key in ("path", "paths", "sources"):
                value = step.args.get(key)
                for path in ([value] if isinstance(value, str) else value or []):
                    if isinstance(path, str) and step.call.action.startswith("files.") and os.path.lexists(path):
                        seen.setdefault(path, None)
    return list(seen)[:MAX_PATHS]


class Conversation:
    def __init__(self, max_turns: int = MAX_TURNS) -> None:
        self.turns: deque[TurnSummary] = deque(maxlen=max_turns)

    def record(self, turn: Turn, cwd: Path) -> None:
        if turn.plan is None and not turn.outcomes:
            return  # not understood, empty: nothing a follow-up could refer to
        self.turns.append(TurnSummary(
            line=turn.request.line[:200],
            calls=tuple(turn.plan.steps) if turn.plan else (),
            source=turn.plan.source if turn.plan else "",
            paths=tuple(_items(turn)),
            undo_ids=tuple(o.undo_id for o in turn.outcomes if o.undo_id),
            status=turn.status,
            cwd=str(cwd),
        ))

    def summary(self) -> str:
        """The bounded, summarised context (for `history` and, later, for the model)."""
        return "\n".join(f"{i}. {t.describe()}" for i, t in enumerate(self.turns, 1))

    def resolve(self, line: str, catalog: Any) -> FollowUp | None:
        """The follow-up this line asks for; None when it is not one. Raises UsageError when
        it is one but the conversation has nothing it could refer to."""
        text = line.strip()
        if m := _UNDO.match(text):
            return self._undo()
        if m := _THEM_VERB.match(text):
            return self._on_items(m.group("verb").lower(), m.group("dest"))
        if m := _SAME_IN.match(text):
            return self._same_in(m.group("dir"), catalog)
        if _AGAIN.match(text):
            last = self._last(lambda t: t.calls, "nothing to do again yet")
            return FollowUp(Plan(last.calls, source=last.source or "followup"), refers_to=last.line)
        return None

    def _last(self, wanted, problem: str) -> TurnSummary:
        for turn in reversed(self.turns):
            if wanted(turn):
                return turn
        raise UsageError(problem, hint="say what you mean by name, e.g. 'delete *.log'")

    def _undo(self) -> FollowUp:
        if not self.turns:
            raise UsageError("nothing to undo in this session yet", hint="`undo` reverts the last action of any session")
        last = self.turns[-1]
        if not last.undo_ids:
            raise UsageError(f"the last request ({escape_name(last.line[:60])!r}) changed nothing that can be undone")
        return FollowUp(undo_ids=tuple(reversed(last.undo_ids)), refers_to=last.line)

    def _on_items(self, verb: str, dest: str | None) -> FollowUp:
        action = _VERB_ACTION[verb]
        if action != "files.delete" and not dest:
            raise UsageError(f"{verb} them where? say e.g. '{verb} them to backup/'")
        last = self._last(lambda t: t.paths, "'them' refers to nothing yet: no earlier request listed or found files")
        taint = _taint(c for c in last.calls)
        if action == "files.delete":
            call = ActionCall(action, {"paths": list(last.paths)}, taint=taint)
        else:
            call = ActionCall(action, {"sources": list(last.paths), "destination": dest.strip()}, taint=taint)
        return FollowUp(Plan((call,), source="followup"), refers_to=last.line)

    def _same_in(self, folder: str, catalog: Any) -> FollowUp:
        last = self._last(lambda t: t.calls, "nothing to do the same as yet")
        if last.source == "command":
            raise UsageError("a command runs where you are: `cd` there first, then say `again`")
        target = folder.strip().rstrip("/") or "/"
        calls = tuple(_rebase(call, target, Path(last.cwd), catalog) for call in last.calls)
        return FollowUp(Plan(calls, source=last.source or "followup"), refers_to=last.line)


def _taint(calls: Iterable[ActionCall]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(t for c in calls for t in c.taint))


def _rebase(call: ActionCall, target: str, old_cwd: Path, catalog: Any) -> ActionCall:
    """The same call with its path arguments moved under `target` (missing ones set to it)."""
    spec = catalog.actions.get(call.action)
    if spec is None:
        return call
    args = dict(call.args)
    for param in spec.params:
        if not param.path_role:
            continue
        value = args.get(param.name)
        if value is None:
            if param.path_role == "existing" and not param.required and param.default in (".", "./"):
                args[param.name] = target
            continue
        values = value if isinstance(value, list) else [value]
        moved = [_move_path(str(v), target, old_cwd) for v in values]
        args[param.name] = moved if isinstance(value, list) else moved[0]
    return ActionCall(call.action, args, taint=call.taint)


def _move_path(value: str, target: str, old_cwd: Path) -> str:
    if value in (".", "./", ""):
        return target
    if value.startswith("~"):
        return value
    path = Path(value)
    if path.is_absolute():
        try:
            value = str(path.relative_to(old_cwd))
        except ValueError:
            return value  # outside where the person was: leave it
    return os.path.join(target, value.removeprefix("./"))
