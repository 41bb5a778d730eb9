"""Pieces of English the git patterns share: plan building, names, paths, numbers.

The regex fragments only delimit a candidate; the functions decide whether it really is a
branch name, a file or a count, and return None when it is not clearly one, so that a
pattern passes the request on instead of guessing.
"""

from __future__ import annotations

import re

import nlsh

__all__ = ["FILE", "NOUN", "NUM", "call", "count", "file_arg", "items", "name_arg", "named", "paths", "unquote"]

# a candidate count ("3", "three", "a few" is not one)
NUM = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|fifty|hundred)"
_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
            "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "fifty": 50,
            "hundred": 100}
# a candidate file: "a.py", "'my notes.txt'", "the file a.py", "src/app.py"
NOUN = r"(?:file|folder|directory|dir)"
FILE = rf"""(?:(?:the\s+)?(?:{NOUN}\s+)?(?:"[^"]+"|'[^']+'|[^\s"',]+)(?:\s+{NOUN})?)"""

_NOT_NAMES = frozenset(
    """a an the it this that these those my our your new old current previous last same one
    branch branches called named to from off of at on and or with as into for in me them here there
    back local remote git""".split()
)
_NOT_FILES = _NOT_NAMES | frozenset("everything all changes change files file stuff work".split())


def call(action: str, **args) -> list[nlsh.ActionCall]:
    return [nlsh.ActionCall(action, {k: v for k, v in args.items() if v is not None})]


def unquote(text: str) -> str:
    text = text.strip()
    return text[1:-1] if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"" else text


_LIST_WORDS = frozenset("and the file files folder folder directory dir both".split())


def items(text: str) -> list[str]:
    """'the files a.txt, b.txt and "c d.txt"' -> ['a.txt', 'b.txt', '"c d.txt"'] (quotes kept)."""
    tokens = re.findall(r""""[^"]*"|'[^']*'|[^\s,]+""", text)
    return [t for t in tokens if t.lower() not in _LIST_WORDS]


def paths(text: str) -> list[str]:
    """'a.txt, b.txt and "c d.txt"' -> ['a.txt', 'b.txt', 'c d.txt']."""
    return [p for p in (unquote(t) for t in items(text)) if p]


def count(text: str | None) -> int | None:
    if not text:
        return None
    text = text.strip().lower()
    return int(text) if text.isdigit() else _NUMBERS.get(text)


def named(group: str) -> str:
    """A regex for a branch, tag or commit name, maybe quoted, captured as `group`."""
    return rf"""["']?(?P<{group}>[\w@][\w./@{{}}~^+-]*)["']?"""


def name_arg(text: str | None, allow: tuple[str, ...] = ()) -> str | None:
    """A branch or revision name, unless the word is English that names nothing ("the", "it")."""
    if not text or text.endswith((".", "/")) or (text.lower() in _NOT_NAMES and text.lower() not in allow):
        return None
    return text


def file_arg(text: str | None) -> str | None:
    """A file the request names: quoted, called a file, or looking like a path ("a.py", "src/x")."""
    if not text:
        return None
    m = re.fullmatch(rf"""(?:the\s+)?(?P<pre>{NOUN}\s+)?(?P<tok>"[^"]+"|'[^']+'|[^\s"',]+)(?P<post>\s+{NOUN})?""",
                     text.strip(), re.I)
    if not m:
        return None
    token = m["tok"]
    word = unquote(token)
    quoted = word != token
    if not word.strip() or (not quoted and word.lower() in _NOT_FILES):
        return None
    if quoted or m["pre"] or m["post"] or re.search(r"[/.~_\-\d*]", word) or word.lower() in (
            "makefile", "dockerfile", "readme", "license", "changelog"):
        return word
    return None
