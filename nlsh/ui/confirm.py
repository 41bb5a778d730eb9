"""The terminal confirmer: shows the canonical preview and reads one answer.

Answers: y (yes), n (no), a (always for this: only where policy allows remembering),
? (explain: show why it is asked). Destructive steps (R2 and up) default to No.
"""

from __future__ import annotations

from typing import TextIO

from ..preview import format_step
from ..types import Confirmation, Decision, PlannedStep, Risk

__all__ = ["TerminalConfirmer"]


class TerminalConfirmer:
    def __init__(self, reader: TextIO, writer: TextIO) -> None:
        self.reader = reader
        self.writer = writer

    def confirm(self, step: PlannedStep, decision: Decision, index: int, total: int) -> Confirmation:
        default_yes = decision.risk < Risk.R2
        choices = "Y/n" if default_yes else "y/N"
        if decision.rememberable:
            choices += "/a=always"
        self.writer.write(format_step(step, decision, index, total) + "\n")
        while True:
            self.writer.write(f"Run this? [{choices}/?] ")
            self.writer.flush()
            line = self.reader.readline()
            if not line:  # end of input: the safe answer
                self.writer.write("\n")
                return Confirmation(False, "person:eof")
            answer = line.strip().lower()
            if answer in ("", "y", "yes", "n", "no"):
                yes = answer in ("y", "yes") or (answer == "" and default_yes)
                return Confirmation(yes, "person")
            if answer in ("a", "always") and decision.rememberable:
                return Confirmation(True, "person", remember_scope="workspace")
            if answer == "?":
                self.writer.write(f"  policy rule {decision.rule}: {decision.reason or 'no reason given'}\n")
                continue
            self.writer.write("  please answer y or n\n")
