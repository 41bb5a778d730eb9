"""The nlsh entry point of nlsh-mail: actions, fast-path patterns, examples and `nlsh mail`.

Found through the entry point group ``nlsh`` (`mail = "nlsh_mail.plugin"`); uses only nlsh's
public API. Mail is sent and read in-process with the standard library (smtplib, imaplib),
not in the sandbox: see the README.
"""

from __future__ import annotations

from typing import Callable

import nlsh

from . import command, filing, reading, sending
from .patterns import EXAMPLES, PATTERNS

__all__ = ["ACTIONS", "nlsh_register_actions", "nlsh_register_commands", "nlsh_register_examples",
           "nlsh_register_patterns"]

ACTIONS = (
    sending.send, sending.reply,
    reading.inbox, reading.search, reading.read, reading.folders,
    filing.save_attachments, filing.move, filing.mark_read,
)
PRIORITY = 5  # before nlsh's own patterns: these name mail


@nlsh.hookimpl
def nlsh_register_actions(register: Callable[..., None]) -> None:
    for action in ACTIONS:
        register(action)


@nlsh.hookimpl
def nlsh_register_patterns(register: Callable[..., None]) -> None:
    for regex, build in PATTERNS:
        register(regex, build, priority=PRIORITY)


@nlsh.hookimpl
def nlsh_register_examples(register: Callable[..., None]) -> None:
    for request, steps in EXAMPLES:
        register(request, steps)


@nlsh.hookimpl
def nlsh_register_commands(register: Callable[..., None]) -> None:
    register("mail", command.HELP, command.run)
