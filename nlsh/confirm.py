"""Confirmation is a swappable step: a Confirmer answers for one step at a time.

Front ends provide their own (terminal prompt, textual modal); these two stand in when no
person can be asked: --yes approves what policy leaves to confirmation (denials still
hold), and AlwaysNo declines everything (a non-interactive run without --yes).
"""

from __future__ import annotations

from typing import Protocol

from .types import Confirmation, Decision, PlannedStep

__all__ = ["AlwaysNo", "AlwaysYes", "Confirmer", "EXFILTRATION", "MODEL_CHANGE", "PERSON_ONLY", "UNSANDBOXED"]

# Decisions only a person may approve (never --yes): running a program with no sandbox, and
# sending out data that the same request read from private files.
UNSANDBOXED = "sandbox.unavailable"
EXFILTRATION = "taint.read-then-send"
PERSON_ONLY = (UNSANDBOXED, EXFILTRATION)
# A change the model planned (the fast path did not understand the request): asked, --yes approves.
MODEL_CHANGE = "planner.model-change"


class Confirmer(Protocol):
    def confirm(self, step: PlannedStep, decision: Decision, index: int, total: int) -> Confirmation:
        """Ask about one step (index of total); return the person's answer."""
        ...


class AlwaysYes:
    """--yes: approve every step that policy leaves to confirmation."""

    def confirm(self, step: PlannedStep, decision: Decision, index: int, total: int) -> Confirmation:
        if decision.rule in PERSON_ONLY:
            what = "running a program unsandboxed" if decision.rule == UNSANDBOXED else "sending out private data"
            return Confirmation(False, f"auto-no:--yes never approves {what}; "
                                       "run it from a terminal and answer the question yourself")
        return Confirmation(True, "flag:--yes")


class AlwaysNo:
    """No one to ask: decline, so nothing that needs confirmation runs."""

    def __init__(self, reason: str = "no terminal to confirm on") -> None:
        self.reason = reason

    def confirm(self, step: PlannedStep, decision: Decision, index: int, total: int) -> Confirmation:
        return Confirmation(False, f"auto-no:{self.reason}")
