"""Values passed between pipeline stages.

Every stage of the pipeline (route -> intent -> plan -> ground -> policy -> confirm ->
execute -> audit -> render) takes and returns these frozen dataclasses, so that a stage can
be tested alone and no stage can change what an earlier one decided.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any, Mapping

__all__ = [
    "ActionCall",
    "Confirmation",
    "Decision",
    "ExitStatus",
    "Outcome",
    "Plan",
    "PlannedStep",
    "Preview",
    "Request",
    "Risk",
    "Turn",
]


class Risk(enum.IntEnum):
    """How much harm a step can do; see SECURITY.md's table."""

    R0 = 0  # reads inside the workspace
    R1 = 1  # reversible writes inside the workspace
    R2 = 2  # deletes, writes outside the workspace, signals, commits
    R3 = 3  # network, push, mail, non-allowlisted shell commands, secrets
    R4 = 4  # never: rm -rf ~, mkfs, dd to a device, curl | sh, kill 1

    def raised(self, by: int = 1) -> "Risk":
        return Risk(min(int(self) + by, int(Risk.R3)) if self < Risk.R4 else Risk.R4)

    def __str__(self) -> str:
        return self.name


class ExitStatus(enum.IntEnum):
    """The one-shot exit codes (DESIGN.md contract)."""

    OK = 0
    FAILED = 1
    USAGE = 2
    DENIED = 3
    DECLINED = 4
    NOT_UNDERSTOOD = 5


@dataclass(frozen=True)
class Request:
    """One line typed by the person, after routing.

    kind is "request" (natural language), "command" (a raw command line, run as is) or
    "explain" (a request prefixed with "?": plan and preview, never run).
    """

    line: str
    kind: str = "request"
    text: str = ""
    argv: tuple[str, ...] = ()


@dataclass(frozen=True)
class ActionCall:
    """One step of a plan: an action name and its arguments as the planner gave them.

    taint names where untrusted text in the arguments came from ("file:notes.txt",
    "output:shell.run", "mail"); empty when every argument came from the person.
    """

    action: str
    args: Mapping[str, Any] = field(default_factory=dict)
    taint: tuple[str, ...] = ()


@dataclass(frozen=True)
class Plan:
    """The steps for one request and where they came from (fastpath, model, command)."""

    steps: tuple[ActionCall, ...]
    source: str = "fastpath"
    model: str = ""


@dataclass(frozen=True)
class Preview:
    """What a step will do, computed without side effects, shown before confirmation."""

    summary: str
    targets: tuple[str, ...] = ()
    count: int | None = None
    bytes: int | None = None
    reversible: bool = True
    details: tuple[str, ...] = ()
    outside_workspace: bool = False


@dataclass(frozen=True)
class PlannedStep:
    """An ActionCall after grounding: arguments resolved, resources known, preview made."""

    call: ActionCall
    args: Mapping[str, Any]
    capabilities: tuple[str, ...]
    risk: Risk
    resources: tuple[str, ...]
    preview: Preview


@dataclass(frozen=True)
class Decision:
    """What policy says about one step: "auto", "confirm" or "deny", and why."""

    effect: str
    risk: Risk
    rule: str
    reason: str = ""
    rememberable: bool = False


@dataclass(frozen=True)
class Confirmation:
    """The person's answer for one step: approved or not, by whom, and remembered where."""

    approved: bool
    by: str
    remember_scope: str = ""


@dataclass(frozen=True)
class Outcome:
    """The result of running one step."""

    action: str
    ok: bool
    output: str = ""
    data: Any = None
    error: str = ""
    undo_id: str = ""
    ms: int = 0


@dataclass(frozen=True)
class Turn:
    """Everything one request produced, for the front end to render."""

    request: Request
    plan: Plan | None
    steps: tuple[PlannedStep, ...]
    decisions: tuple[Decision, ...]
    outcomes: tuple[Outcome, ...]
    decision: str
    output: str
    status: ExitStatus
    message: str = ""
