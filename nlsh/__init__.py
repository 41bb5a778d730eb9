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
from .env import Environment
from .intent.gate import gated
from .plugins import hookimpl
from .textsafe import escape_name, escape_output
from .types import ActionCall, Preview, Risk


def paths_and_settings(env: Environment):
    """(Paths, Settings) for this environment: for plugin commands (``nlsh_register_commands``).

    Plugin settings live in config.toml under their own table, e.g. ``[mail]``, and are found
    in ``settings.extra["mail"]``.
    """
    from .config import load_paths_and_settings

    return load_paths_and_settings(env)

__version__ = "0.1.0"

__all__ = [
    "ActionCall",
    "ActionContext",
    "ActionFailed",
    "ActionResult",
    "BadArguments",
    "Environment",
    "InPath",
    "gated",
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
    "escape_name",
    "escape_output",
    "hookimpl",
    "paths_and_settings",
]
