"""Reading command lines the way a shell would, far enough to judge them.

Splits a line into pipelines of simple commands (`;`, `&&`, `|`, newlines, subshells),
collects redirection targets, strips wrappers such as sudo, env, nice, timeout and xargs,
and finds the string a `sh -c` runs. Used by the never-allowed check (dangerous.py) and the
read-only allowlist (readonly.py); it never runs anything.
"""

from __future__ import annotations

import os
import re
import shlex

__all__ = [
    "SHELLS",
    "long_option",
    "pipelines",
    "program",
    "shell_command_string",
    "short_flags",
    "split_options",
    "su_command",
    "tokens",
    "unwrap",
]

SHELLS = frozenset({"sh", "bash", "dash", "zsh", "ksh", "mksh", "ash", "fish", "csh", "tcsh", "yash"})
_ASSIGNMENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*=")
_KEYWORDS = frozenset({"if", "then", "else", "elif", "do", "while", "until", "!", "{", "}", "time"})
_ARGV_OPERATORS = re.compile(r"^(?:\||\|&|;|&&|\|\||&|\d*>>?|\d*>\||&>>?|\d*<<?<?)$")

# wrapper -> (its options that take a value, positional words before the command it runs)
_WRAPPERS: dict[str, tuple[frozenset[str], int]] = {
    "sudo": (frozenset("-u -g -h -p -C -D -r -t -U -T -R --user --group --host --prompt --chdir "
                       "--role --type --other-user --close-from --chroot --command-timeout".split()), 0),
    "doas": (frozenset({"-u", "-C"}), 0),
    "env": (frozenset({"-u", "-C", "--unset", "--chdir"}), 0),
    "nice": (frozenset({"-n", "--adjustment"}), 0),
    "nohup": (frozenset(), 0),
    "setsid": (frozenset(), 0),
    "exec": (frozenset({"-a"}), 0),
    "command": (frozenset(), 0),
    "builtin": (frozenset(), 0),
    "busybox": (frozenset(), 0),
    "timeout": (frozenset({"-s", "--signal", "-k", "--kill-after"}), 1),
    "stdbuf": (frozenset({"-i", "-o", "-e", "--input", "--output", "--error"}), 0),
    "ionice": (frozenset({"-c", "-n", "-p", "-P", "-u", "--class", "--classdata"}), 0),
    "chrt": (frozenset(), 1),
    "xargs": (frozenset("-a -d -E -I -L -n -P -s --arg-file --delimiter --max-args --max-procs "
                        "--max-chars --max-lines".split()), 0),
    "watch": (frozenset({"-n", "--interval", "-d"}), 0),
    "strace": (frozenset({"-e", "-o", "-p", "-s", "-u"}), 0),
    "flock": (frozenset({"-w", "-E", "--timeout", "--conflict-exit-code"}), 1),
    "chroot": (frozenset({"--userspec", "--groups"}), 1),
}


def tokens(line: str) -> list[str]:
    """Words and operators of a command line; backticks count as command separators."""
    line = line.replace("`", "\n")
    lexer = shlex.shlex(line, posix=True, punctuation_chars=";&|()<>\n")
    lexer.whitespace_split = True
    lexer.whitespace = " \t\r"
    try:
        return list(lexer)
    except ValueError:  # unbalanced quotes: a rougher split still finds the words
        return re.findall(r"[;&|()<>\n]+|[^\s;&|()<>]+", line.replace('"', " ").replace("'", " "))


def _is_operator(token: str, from_line: bool) -> bool:
    """An operator token; in an argv only the exact ones a person might have split off."""
    if from_line:
        return bool(token) and all(c in ";&|()<>\n" for c in token)
    return bool(_ARGV_OPERATORS.match(token))


def pipelines(words: list[str], from_line: bool) -> tuple[list[list[list[str]]], list[str]]:
    """Split words into pipelines of simple commands; also return the redirection targets.

    from_line: the words came from `tokens(line)`; otherwise they are an argv, where only
    operators a person might have split off (`|`, `;`, `&&`, `>`...) count as operators.
    """
    result: list[list[list[str]]] = [[[]]]
    targets: list[str] = []
    i = 0
    while i < len(words):
        tok = words[i]
        operator = _is_operator(tok, from_line)
        nxt = words[i + 1] if i + 1 < len(words) else None
        following = nxt if nxt is not None and not _is_operator(nxt, from_line) else None
        if operator and ("<" in tok or ">" in tok) and "(" not in tok:
            duplicate = tok.endswith("&") and following is not None and re.fullmatch(r"\d+|-", following)
            if following is not None:
                if ">" in tok and not duplicate:
                    targets.append(following)
                i += 1
        elif tok in ("|", "|&"):
            result[-1].append([])
        elif operator:
            result.append([[]])
        else:
            result[-1][-1].append(tok)
        i += 1
    return [[c for c in p if c] for p in result if any(p)], targets


def program(word: str) -> str:
    """The program's name as the shell finds it: /bin/rm and \\rm are rm."""
    return os.path.basename(word.lstrip("\\"))


def short_flags(arg: str, letters: str) -> bool:
    """Whether a short-option cluster such as -rf contains one of `letters`."""
    return bool(re.fullmatch(r"-[A-Za-z]+", arg)) and any(c in arg[1:] for c in letters)


def long_option(opt: str, name: str) -> bool:
    """GNU accepts any unambiguous prefix of a long option (`--rec` for --recursive)."""
    word = opt[2:].partition("=")[0]
    return opt.startswith("--") and len(word) >= 2 and name.startswith(word)


def split_options(args: list[str]) -> tuple[list[str], list[str]]:
    """(options, operands), GNU style: options anywhere before `--`."""
    options, operands, ended = [], [], False
    for a in args:
        if not ended and a == "--":
            ended = True
        elif not ended and a.startswith("-") and a != "-":
            options.append(a)
        else:
            operands.append(a)
    return options, operands


def unwrap(words: list[str]) -> list[str]:
    """Strip assignments, shell keywords and wrappers (sudo, env, nice...) off a command."""
    i = 0
    while True:  # every round consumes at least one word
        while i < len(words) and (_ASSIGNMENT.match(words[i]) or words[i] in _KEYWORDS):
            i += 1
        if i >= len(words):
            return []
        prog = program(words[i])
        if prog == "env" and any(a in ("-S", "--split-string") or a.startswith("--split-string=")
                                 for a in words[i + 1:]):
            return _env_split_string(words[i + 1:])
        if prog not in _WRAPPERS:
            return words[i:]
        with_value, positional = _WRAPPERS[prog]
        i += 1
        while i < len(words) and words[i].startswith("-") and words[i] != "-":
            option = words[i]
            i += 2 if option in with_value else 1
            if option == "--":
                break
        while i < len(words) and _ASSIGNMENT.match(words[i]):
            i += 1
        i += positional


def _env_split_string(args: list[str]) -> list[str]:
    for i, a in enumerate(args):
        if a in ("-S", "--split-string") and i + 1 < len(args):
            return unwrap(tokens(args[i + 1]) + args[i + 2:])
        if a.startswith("--split-string="):
            return unwrap(tokens(a.partition("=")[2]) + args[i + 1:])
    return []


def shell_command_string(args: list[str]) -> str | None:
    """The string after `-c` (also -ec, -lc...) of a shell's arguments, or None."""
    seen_c = False
    skip = False
    for a in args:
        if skip:
            skip = False
        elif a in ("-o", "+o", "-O", "+O"):
            skip = True
        elif a.startswith("--command="):
            return a.partition("=")[2]
        elif a == "--command" or short_flags(a, "c"):
            seen_c = True
        elif a == "--":
            continue
        elif not a.startswith(("-", "+")):
            return a if seen_c else None
    return None


def su_command(args: list[str]) -> str | None:
    """The command string `su -c` / `runuser -c` runs, or None."""
    for i, a in enumerate(args):
        if a in ("-c", "--command") and i + 1 < len(args):
            return args[i + 1]
        if a.startswith("--command="):
            return a.partition("=")[2]
    return None
