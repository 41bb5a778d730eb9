"""Worked examples for multi-step plans and the shell fallback (`shell.run`).

Registered through the same hook as every plugin's examples. The shell examples cover
common tools that have no typed action (sort, uniq, cut, diff, env, python, make; git has
its own plugin and examples):
they show the model that a command goes in as an argv list, one word per item, never a
shell string, and without pipes or redirections.
"""

from __future__ import annotations

from ..plugins import hookimpl
from ..types import ActionCall as A

__all__ = ["EXAMPLES"]


def _sh(*argv: str) -> list[A]:
    return [A("shell.run", {"argv": list(argv)})]


EXAMPLES: list[tuple[str, list[A]]] = [
    # several steps
    ("make a folder called backup and copy notes.txt into it",
     [A("files.mkdir", {"path": "backup"}), A("files.copy", {"sources": ["notes.txt"], "destination": "backup"})]),
    ("create the folder build/out and an empty file build/out/.keep",
     [A("files.mkdir", {"path": "build/out", "parents": True}), A("files.touch", {"paths": ["build/out/.keep"]})]),
    ("rename draft.md to final.md and then show it",
     [A("files.move", {"sources": ["draft.md"], "destination": "final.md"}), A("files.read", {"path": "final.md"})]),
    ("pack the logs folder into logs.tar.gz and then delete the folder",
     [A("files.archive", {"sources": ["logs"], "archive": "logs.tar.gz"}), A("files.delete", {"paths": ["logs"]})]),
    ("write hello to greeting.txt and count its words",
     [A("files.write", {"path": "greeting.txt", "text": "hello\n"}), A("files.count", {"paths": ["greeting.txt"], "what": "words"})]),
    ("show the first 3 lines of a.txt and the last 3 lines of b.txt",
     [A("files.head", {"path": "a.txt", "lines": 3}), A("files.tail", {"path": "b.txt", "lines": 3})]),
    ("copy config.yaml to config.yaml.bak then open config.yaml",
     [A("files.copy", {"sources": ["config.yaml"], "destination": "config.yaml.bak"}), A("files.read", {"path": "config.yaml"})]),
    ("move all the png images into a new folder named pictures",
     [A("files.mkdir", {"path": "pictures"}), A("files.move", {"sources": ["*.png"], "destination": "pictures"})]),
    # the shell fallback: text tools and programs without a typed action
    ("sort the lines of names.txt alphabetically", _sh("sort", "names.txt")),
    ("show the unique lines of list.txt", _sh("sort", "-u", "list.txt")),
    ("show the second column of data.csv", _sh("cut", "-d", ",", "-f", "2", "data.csv")),
    ("show lines 10 to 20 of app.log", _sh("sed", "-n", "10,20p", "app.log")),
    ("replace every cat with dog in pets.txt and print the result", _sh("sed", "s/cat/dog/g", "pets.txt")),
    ("compare old.txt with new.txt", _sh("diff", "old.txt", "new.txt")),
    ("print the value of the PATH variable", _sh("printenv", "PATH")),
    ("print the text hello world", _sh("echo", "hello world")),
    ("which version of python is installed", _sh("python3", "--version")),
    ("run the tests with make", _sh("make", "test")),
    ("show the calendar for this month", _sh("cal")),
]


@hookimpl
def nlsh_register_examples(register):
    for request, steps in EXAMPLES:
        register(request, steps)
