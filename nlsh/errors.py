"""One base error and a few named kinds, each carrying what a person needs to act on it.

Only the CLI layer turns these into exit codes; everywhere else they are raised and caught
by kind. The message is one line; `hint` says what to do about it.
"""

from __future__ import annotations

__all__ = [
    "ActionFailed",
    "BadArguments",
    "Declined",
    "NlshError",
    "NotUnderstood",
    "PathOutsideWorkspace",
    "PolicyDenied",
    "RegistrationError",
    "UsageError",
]


class NlshError(Exception):
    """Base of every error nlsh reports to a person."""

    def __init__(self, message: str, *, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


class UsageError(NlshError):
    """The command line or a setting is wrong."""


class RegistrationError(NlshError):
    """An action, pattern or example could not be registered (names the plugin)."""


class NotUnderstood(NlshError):
    """No fast-path pattern and no model could turn the request into a plan."""


class BadArguments(NlshError):
    """A plan step has arguments its action does not accept, or that do not ground."""

    def __init__(self, message: str, *, action: str = "", hint: str = "") -> None:
        super().__init__(message, hint=hint)
        self.action = action


class PathOutsideWorkspace(BadArguments):
    """A path argument escapes the workspace where it is not allowed to."""


class PolicyDenied(NlshError):
    """A rule refused a step; `rule` names it."""

    def __init__(self, message: str, *, rule: str = "", hint: str = "") -> None:
        super().__init__(message, hint=hint)
        self.rule = rule


class Declined(NlshError):
    """The person (or the confirmer standing in for them) said no."""


class ActionFailed(NlshError):
    """An action ran and failed: a missing file, a permission error, a bad archive."""
