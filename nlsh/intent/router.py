"""Routing: is this line a command to run as is, a request, or a question about a plan?

A line starting with "!" is always a command; "?" asks for an explanation of the plan
without running it. Otherwise a line is a command when its first word is a program on PATH
and the rest reads like arguments rather than English ("ls -la", "git status" run as
typed; "find all python files" is a request even though find is on PATH).
"""

from __future__ import annotations

import re
import shlex
from typing import Callable

from ..types import Request

__all__ = ["route", "looks_like_command"]

_SHELL_SYNTAX = re.compile(r"[|&;<>`$(){}]|\*\*")

# Words that mark English rather than arguments when they stand alone.
_ENGLISH = frozenset(
    """a an the all any every each some my me mine our your this that these those it them
    here there what which who whom whose where when why how is are was were be been am do does
    did can could would should will shall please show tell give list find files file folder
    folders directory directories in into on onto of for from to with without by than then
    and or but not larger bigger smaller older newer last first biggest largest using
    about called named containing contains inside under over many much process processes
    program programs executable runnable writable readable read-only readonly alphabetically
    numerically recursively reversed backwards everything only lines words characters
    duplicates unique""".split()
)

# Programs whose second word is a subcommand ("git status", "pip list").
_SUBCOMMANDS = frozenset("git pip pip3 npm apt apt-get docker cargo systemctl kubectl go uv make".split())


def looks_like_command(tokens: list[str]) -> bool:
    """True when the words after the program read as arguments, not as English."""
    rest = tokens[1:]
    for i, word in enumerate(rest):  # only the first command of a pipeline or list matters
        if word in ("|", "||", "&&", ";", "&") or word.startswith(("|", ";", ">", "<")):
            rest = rest[:i]
            break
    if tokens[0] in _SUBCOMMANDS and rest and rest[0].isalpha():
        rest = rest[1:]
    for word in rest:
        if " " in word:  # a quoted argument: a message, a pattern
            continue
        if word.lower() in _ENGLISH:
            return False
    return True


def route(line: str, *, which: Callable[[str], str | None]) -> Request:
    text = line.strip()
    if text.startswith("!"):
        command = text[1:].strip()
        return Request(line, "command", command, _argv(command))
    if text.startswith("?"):
        return Request(line, "explain", text[1:].strip())
    try:
        tokens = shlex.split(text)
    except ValueError:
        return Request(line, "request", text)
    if tokens and which(tokens[0]) and looks_like_command(tokens):
        return Request(line, "command", text, _argv(text))
    return Request(line, "request", text)


def _argv(command: str) -> tuple[str, ...]:
    """A command typed by the person: split into argv; shell syntax runs under sh -c."""
    if _SHELL_SYNTAX.search(command):
        return ("sh", "-c", command)
    try:
        return tuple(shlex.split(command))
    except ValueError:
        return ("sh", "-c", command)
