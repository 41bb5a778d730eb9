"""Every extension point of nlsh, as pluggy hook specifications.

A plugin is a module (or a distribution with an entry point in group ``nlsh``) that
implements some of these hooks with ``@nlsh.hookimpl``. Built-in actions use the very same
hooks. Each hook receives a ``register`` callback; call it once per thing you add:

    import nlsh

    @nlsh.hookimpl
    def nlsh_register_actions(register):
        register(my_action)

A hook that raises is reported with the plugin's name and skipped; nlsh keeps running.
"""

from __future__ import annotations

from typing import Any, Callable

import pluggy

hookspec = pluggy.HookspecMarker("nlsh")


@hookspec
def nlsh_register_actions(register: Callable[[Callable[..., Any]], None]) -> None:
    """Register actions: ``register(func)`` for each function declared with ``@nlsh.action``.

    Registration fails (and the plugin is reported as broken) when a parameter has no type
    annotation or no description under ``Args:``, or when the name is already taken.
    """


@hookspec
def nlsh_register_patterns(register: Callable[..., None]) -> None:
    """Register fast-path patterns: ``register(regex, build, priority=0)``.

    ``regex`` is matched (case-insensitively, whole line) against the request text;
    ``build(match)`` returns a list of ``nlsh.ActionCall`` (or None to pass). Higher
    priority is tried first. Patterns must be deterministic and cheap: they run on every
    request before any model.
    """


@hookspec
def nlsh_register_examples(register: Callable[..., None]) -> None:
    """Register worked examples for the model planner: ``register(request, steps)``.

    ``steps`` is a list of ``nlsh.ActionCall``. The planner retrieves the few most similar
    examples for each request and shows them to the model.
    """


@hookspec
def nlsh_register_commands(register: Callable[..., None]) -> None:
    """Register CLI subcommands: ``register(name, help, run)``.

    ``run(env, argv)`` receives the ``nlsh.Environment`` (streams, variables, cwd) and the
    remaining arguments, and returns an exit code. Used for commands such as
    ``nlsh mail login ACCOUNT``.
    """
