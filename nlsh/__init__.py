"""nlsh: a conversational natural-language shell.

This module is the public API for plugin authors, and only that:

    import nlsh

    @nlsh.action("hello.greet", capabilities=(), risk=nlsh.Risk.R0)
    def greet(ctx: nlsh.ActionContext, name: str) -> nlsh.ActionResult:
        '''Greet someone.

        Args:
            name: who to greet.
        '''
        return nlsh.ActionResult(output=f"hello, {name}")

    @nlsh.hookimpl
    def nlsh_register_actions(register):
        register(greet)

See hookspecs.py for every hook, and plugins/ for complete examples (git, mail).
"""

from .actions.context import ActionContext, ActionResult
from .actions.registry import InPath, InPaths, OutPath, PathRole, action
from .errors import (
    ActionFailed,
    BadArguments,
    NlshError,
    NotUnderstood,
    PathOutsideWorkspace,
    PolicyDenied,
    RegistrationError,
    UsageError,
)
from .plugins import hookimpl
from .types import ActionCall, Preview, Risk

__version__ = "0.1.0"

__all__ = [
    "ActionCall",
    "ActionContext",
    "ActionFailed",
    "ActionResult",
    "BadArguments",
    "InPath",
    "InPaths",
    "NlshError",
    "NotUnderstood",
    "OutPath",
    "PathOutsideWorkspace",
    "PathRole",
    "PolicyDenied",
    "Preview",
    "RegistrationError",
    "Risk",
    "UsageError",
    "action",
    "hookimpl",
]
