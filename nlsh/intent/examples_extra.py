"""Worked examples for multi-step plans, the typed text tools, and the shell fallback (`shell.run`).

Registered through the same hook as every plugin's examples. The shell examples cover
programs that have no typed action (echo, python, make, cal; git has its own plugin and
examples): they show the model that a command goes in as an argv list, one word per item,
never a shell string, and without pipes or redirections.
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
    # text tools and file reports with typed actions
    ("sort the lines of names.txt alphabetically",
     [A("files.lines", {"path": "names.txt", "how": "sorted"})]),
    ("sort scores.txt numerically from highest to lowest",
     [A("files.lines", {"path": "scores.txt", "how": "reverse_sorted", "numeric": True})]),
    ("show the unique sorted lines of list.txt", [A("files.lines", {"path": "list.txt", "how": "distinct"})]),
    ("which lines appear more than once in emails.csv",
     [A("files.lines", {"path": "emails.csv", "how": "duplicates"})]),
    ("print todo.txt with line numbers", [A("files.lines", {"path": "todo.txt", "how": "numbered"})]),
    ("show lines 10 to 20 of app.log", [A("files.line_range", {"path": "app.log", "start": 10, "end": 20})]),
    ("what is on line 42 of main.py", [A("files.line_range", {"path": "main.py", "start": 42})]),
    ("print the value of the PATH variable", [A("system.env", {"name": "PATH"})]),
    ("which editor is set in $EDITOR", [A("system.env", {"name": "EDITOR"})]),
    ("print my home folder", [A("system.home", {})]),
    ("what is the path of my home directory", [A("system.home", {})]),
    ("which python3", [A("system.which", {"program": "python3"})]),
    ("where is git installed", [A("system.which", {"program": "git"})]),
    ("show the current time in utc", [A("system.date", {"utc": True})]),
    ("list all environment variables", [A("system.env", {})]),
    ("gzip access.log but keep the original", [A("files.compress", {"path": "access.log", "keep": True})]),
    ("compress dump.sql with xz", [A("files.compress", {"path": "dump.sql", "format": "xz"})]),
    ("gunzip data.csv.gz", [A("files.decompress", {"path": "data.csv.gz"})]),
    ("uncompress backup.sql.bz2 and keep the compressed file",
     [A("files.decompress", {"path": "backup.sql.bz2", "keep": True})]),
    ("make a symlink called current that points to releases/v2",
     [A("files.link", {"target": "releases/v2", "link": "current"})]),
    ("create a hard link to data.bin named data-copy.bin",
     [A("files.link", {"target": "data.bin", "link": "data-copy.bin", "symbolic": False})]),
    ("which files differ between build and build.old",
     [A("files.compare", {"first": "build", "second": "build.old"})]),
    ("are a.json and b.json identical", [A("files.compare", {"first": "a.json", "second": "b.json"})]),
    ("find duplicate files in Pictures", [A("files.duplicates", {"path": "Pictures"})]),
    ("are there any identical files here", [A("files.duplicates", {})]),
    ("the 5 biggest files under src", [A("files.largest", {"path": "src", "top": 5})]),
    ("what are the smallest files in data", [A("files.largest", {"path": "data", "smallest": True})]),
    ("how many files are in this folder", [A("files.count_entries", {"type": "file"})]),
    ("count all the folders under projects",
     [A("files.count_entries", {"path": "projects", "type": "dir", "recursive": True})]),
    # verbs the risky actions are also asked with (the vote needs one of their words)
    ("terminate process 4711", [A("proc.signal", {"pid": 4711})]),
    ("end the task whose id is 52 right away", [A("proc.signal", {"pid": 52, "signal": "KILL"})]),
    ("stop every process called spider", [A("proc.signal", {"name": "spider"})]),
    ("erase the file draft.txt", [A("files.delete", {"paths": ["draft.txt"]})]),
    # the shell fallback: text tools and programs without a typed action
    ("print the text hello world", _sh("echo", "hello world")),
    ("which version of python is installed", _sh("python3", "--version")),
    ("run the tests with make", _sh("make", "test")),
    ("show the calendar for this month", _sh("cal")),
    ("list the installed python packages", _sh("pip", "list")),
    ("show the last lines of the system journal", _sh("journalctl", "-n", "20", "--no-pager")),
]


@hookimpl
def nlsh_register_examples(register):
    for request, steps in EXAMPLES:
        register(request, steps)
