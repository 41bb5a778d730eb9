"""The fast path for finding by criteria, acting on what is found, and grep (table of requests -> plans)."""

from __future__ import annotations

import re

import pytest

from nlsh.intent import patterns as builtin_patterns
from nlsh.intent.fastpath import match
from nlsh.plugins import Pattern, load_catalog
from nlsh.types import ActionCall


def C(action: str, **args) -> ActionCall:
    return ActionCall(action, args)


def S(pattern: str, **args) -> list[ActionCall]:
    return [C("files.search", pattern=pattern, fixed=args.pop("fixed", True), **args)]


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(entry_points=False)


@pytest.fixture(scope="module")
def ungated():
    return [Pattern(re.compile(regex, re.I), build) for regex, build in builtin_patterns.precise_patterns()]


FIND = [
    ("find all .c files in ./src", [C("files.find", path="./src", extension="c", type="file")]),
    ("find files ending in .log under the docs directory", [C("files.find", path="docs", extension="log", type="file")]),
    ("find files whose names contain test below 'data'", [C("files.find", path="data", iname="*test*", type="file")]),
    ("find files larger than 1 Kilobytes in src", [C("files.find", path="src", min_size="1k", type="file")]),
    ("find files between 1KB and 32KB in src",
     [C("files.find", path="src", min_size="1k", max_size="32k", type="file")]),
    ("find files greater than 1KB and less than 32KB in the src directory",
     [C("files.find", path="src", min_size="1k", max_size="32k", type="file")]),
    ("find files modified more than 31 days ago in src", [C("files.find", path="src", older_than="31d", type="file")]),
    ("find files modified in the last 2 hours", [C("files.find", newer_than="2h", type="file")]),
    ("find empty folders in src", [C("files.find", path="src", empty=True, type="dir")]),
    ("find symlinks in src", [C("files.find", path="src", type="link")]),
    ("find hidden files under src", [C("files.find", path="src", name=".*", type="file")]),
    ("find .c files in the src directory tree", [C("files.find", path="src", extension="c", type="file")]),
    # what to leave out, the path, names only
    ("find all files in src except *.txt", [C("files.find", path="src", exclude="*.txt", type="file")]),
    ("find everything in build but not the .log files", [C("files.find", path="build", exclude="*.log")]),
    ("find files other than python files in src", [C("files.find", path="src", exclude="*.py", type="file")]),
    ("find files whose path contains test", [C("files.find", path_match="*test*", type="file")]),
    ("find files with test in their path", [C("files.find", path_match="*test*", type="file")]),
    ("find all .txt files and output the name of each, without the directories",
     [C("files.find", extension="txt", type="file", names_only=True)]),
    ("find all .txt files in docs, names only", [C("files.find", path="docs", extension="txt", type="file", names_only=True)]),
    ("find the python files under src and print just the file names",
     [C("files.find", path="src", extension="py", type="file", names_only=True)]),
    ("find all files with no extension", [C("files.find", exclude="*.*", type="file")]),
    # numbers that are not sizes, sizes said other ways
    ("find files at most 2 levels deep", [C("files.find", max_depth=2, type="file")]),
    ("find files up to 3 levels deep in src", [C("files.find", path="src", max_depth=3, type="file")]),
    ("find all files in src with a maximum depth of 2", [C("files.find", path="src", max_depth=2, type="file")]),
    ("find files that are more than 31 days old in logs", [C("files.find", path="logs", older_than="31d", type="file")]),
    ("find files more than 31 days ago", [C("files.find", older_than="31d", type="file")]),
    ("find files sized between 1 and 5 MB", [C("files.find", min_size="1M", max_size="5M", type="file")]),
    ("find files of size larger than 1KB", [C("files.find", min_size="1k", type="file")]),
    ("find files whose size is over 1 MB", [C("files.find", min_size="1M", type="file")]),
    ("find files greater than or equal to 1 MB", [C("files.find", min_size="1M", type="file")]),
    ('find files named exactly "Makefile"', [C("files.find", name="Makefile", type="file")]),
]

FOUND = [
    ("delete the .tmp files under build", [C("files.delete_found", path="build", extension="tmp", type="file")]),
    ("remove files older than 2 days in logs", [C("files.delete_found", path="logs", older_than="2d", type="file")]),
    ("remove all folders called temp from the src tree", [C("files.delete_found", path="src", name="temp", type="dir")]),
    ("delete all folders named node_modules", [C("files.delete_found", name="node_modules", type="dir")]),
    ("delete everything in build except *.txt", [C("files.delete_found", path="build", exclude="*.txt")]),
    ("delete everything in dist but keep the .txt files", [C("files.delete_found", path="dist", exclude="*.txt")]),
    ("delete all files in dist except the ones ending in .txt",
     [C("files.delete_found", path="dist", exclude="*.txt", type="file")]),
    ("remove files smaller than 1KB under src", [C("files.delete_found", path="src", max_size="1k", type="file")]),
    ("delete all hidden files under src", [C("files.delete_found", path="src", name=".*", type="file")]),
    ("delete empty folders in src", [C("files.delete_found", path="src", empty=True, type="dir")]),
    ("erase log files older than 7 days in the logs directory",
     [C("files.delete_found", path="logs", extension="log", older_than="7d", type="file")]),
    ("get rid of files bigger than 100MB in my downloads",
     [C("files.delete_found", path="~/Downloads", min_size="100M", type="file")]),
    ("find and delete all .DS_Store files", [C("files.delete_found", name=".DS_Store", type="file")]),
    ("find all .tmp files in build and delete them", [C("files.delete_found", path="build", extension="tmp", type="file")]),
    ("copy all files whose names contain report under docs into backup",
     [C("files.copy_found", path="docs", iname="*report*", type="file", destination="backup")]),
    ("copy every .md file below docs to /tmp/md",
     [C("files.copy_found", path="docs", extension="md", type="file", destination="/tmp/md")]),
    ("move every .log file below src to archive",
     [C("files.move_found", path="src", extension="log", type="file", destination="archive")]),
    ("move all files larger than 1 GB from downloads to the archive folder",
     [C("files.move_found", path="downloads", min_size="1G", type="file", destination="archive")]),
    ("find all .log files under src and move them to archive",
     [C("files.move_found", path="src", extension="log", type="file", destination="archive")]),
    ("delete all zero-byte files under src", [C("files.delete_found", path="src", empty=True, type="file")]),
    ("remove the __pycache__ folders everywhere", [C("files.delete_found", name="__pycache__", type="dir")]),
    ("delete all __pycache__ directories under src",
     [C("files.delete_found", path="src", name="__pycache__", type="dir")]),
    ("remove all but the .txt files from docs", [C("files.delete_found", path="docs", exclude="*.txt")]),
    ("delete files with no extension under bin", [C("files.delete_found", path="bin", exclude="*.*", type="file")]),
    ("purge files not modified in 90 days under /srv/backups",
     [C("files.delete_found", path="/srv/backups", older_than="90d", type="file")]),
    ("copy files modified today from src to backup",
     [C("files.copy_found", path="src", newer_than="1d", type="file", destination="backup")]),
    # what a glob says stays with the plain actions
    ("delete the .tmp files in build", [C("files.delete", paths=["build/*.tmp"])]),
    ("delete all .pyc files recursively", [C("files.delete", paths=["**/*.pyc"])]),
    ("delete notes.txt", [C("files.delete", paths=["notes.txt"])]),
    ("copy all .txt files in docs to backup", [C("files.copy", sources=["docs/*.txt"], destination="backup")]),
]

GREP = [
    ("grep -i error in app.log", S("error", path="app.log", ignore_case=True)),
    ("grep -rn TODO src", S("TODO", path="src", line_numbers=True)),
    ("grep TODO src", S("TODO", path="src")),
    ("grep -c error app.log", S("error", path="app.log", count=True)),
    ("grep -E 'v[0-9]+' CHANGES.md", S("v[0-9]+", path="CHANGES.md", fixed=False)),
    ("show lines that feature the word error in app.log", S("error", path="app.log", whole_word=True)),
    ("print lines that mention the word timeout in server.log and precede each with its line number",
     S("timeout", path="server.log", whole_word=True, line_numbers=True)),
    ("search for TODO in src and show their line numbers", S("TODO", path="src", line_numbers=True)),
    ("display lines with error in app.log with their line numbers", S("error", path="app.log", line_numbers=True)),
    ("search for fixme in src, prefixed with line numbers", S("fixme", path="src", line_numbers=True)),
    ("which files in src contain TODO", S("TODO", path="src", files_only=True)),
    ("how many lines in app.log contain error", S("error", path="app.log", count=True)),
    ("search for the whole word int in main.c", S("int", path="main.c", whole_word=True)),
    ("search for TODO recursively in src skipping binary files", S("TODO", path="src")),
    ("grep for TODO in all files under src, ignoring binary files", S("TODO", path="src")),
    ('search recursively for "hello world" in the docs folder', S("hello world", path="docs")),
    ("show me every line with TODO in it in main.py", S("TODO", path="main.py")),
    ("search for TODO in every .py file in src", S("TODO", path="src", include="*.py")),
    ('find "def main" in every python file', S("def main", include="*.py")),
    ("search for main only in .java files", S("main", include="*.java")),
    ("look for error in any case in app.log", S("error", path="app.log", ignore_case=True)),
    ("list only the names of files in src that contain TODO", S("TODO", path="src", files_only=True)),
    ('print the names of files that contain "import os" in .py files under src',
     S("import os", path="src", include="*.py", files_only=True)),
    ("search src for TODO, show only file names", S("TODO", path="src", files_only=True)),
    ("count how many lines contain error in app.log", S("error", path="app.log", count=True)),
    ("count the matching lines for error in app.log", S("error", path="app.log", count=True)),
    ("search case-insensitively for error in logs", S("error", path="logs", ignore_case=True)),
    ("do a case insensitive search for error in logs", S("error", path="logs", ignore_case=True)),
    ("search for lines matching the regex '^[0-9]+' in data.txt", S("^[0-9]+", path="data.txt", fixed=False)),
    ("show lines in app.log containing error, with line numbers", S("error", path="app.log", line_numbers=True)),
    ("search every file under src for TODO", S("TODO", path="src")),
    ('find the text "hello world" in any file in docs', S("hello world", path="docs")),
    ("search for hello in all files ending in .txt under docs", S("hello", path="docs", include="*.txt")),
    ("grep -i the notes.txt", S("the", path="notes.txt", ignore_case=True)),
]

NOT_MINE = [
    "delete the folder called temp",  # one folder: files.delete's, or the model's
    "remove the empty lines from notes.txt",
    "remove everything under build",
    "grep -Z foo x",
    "grep for",
    "grep the logs",
    "show line 10 of notes.txt",
    "show notes.txt with line numbers",
    "delete all files in build",
    "delete all .orig and .rej files under src",  # find takes one extension: not ".orig" as a name
    "find .orig and .rej files",
    "find files in src sorted by size",
]


@pytest.mark.parametrize("text, plan", FIND + FOUND + GREP)
def test_request_gives_plan(catalog, ungated, text, plan):
    assert match(text, catalog.patterns) == plan
    assert match(text, ungated) == plan


@pytest.mark.parametrize("text", NOT_MINE)
def test_request_is_not_taken_for_a_search(catalog, text):
    plan = match(text, catalog.patterns) or []
    assert not any(c.action.endswith("_found") for c in plan), plan
    if text.startswith("grep"):
        assert plan == []


def test_plans_validate(catalog):
    for text, plan in FIND + FOUND + GREP:
        for call in plan:
            catalog.actions.get(call.action).validate(call.args)
