"""Fast path for reading, text and file-info requests: many phrasings -> the exact plan.

Lines by number, sort/uniq/tac/cat -n, wc, counting entries, gzip, links, listings, the
largest files, disk usage, comparing folders, duplicates, the home folder and variables.
Near misses that must pass to the model (None) are listed too.
"""

from __future__ import annotations

import re

import pytest

from nlsh.intent import patterns as builtin_patterns
from nlsh.intent.fastpath import match
from nlsh.plugins import Pattern, load_catalog
from nlsh.types import ActionCall


def C(action: str, **args) -> ActionCall:
    return ActionCall(action, args)


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(entry_points=False)


def R(path: str, start: int, end: int | None = None) -> list[ActionCall]:
    return [C("files.line_range", path=path, start=start, **({"end": end} if end is not None else {}))]


def L(path: str, how: str, **extra) -> list[ActionCall]:
    return [C("files.lines", path=path, how=how, **extra)]


CASES: list[tuple[str, list[ActionCall]]] = [
    # --- a range of lines
    ("lines 3 to 5 of notes.txt", R("notes.txt", 3, 5)),
    ("show lines 10-20 of app.log", R("app.log", 10, 20)),
    ("print lines 2 through 4 in config.ini", R("config.ini", 2, 4)),
    ("display the lines from 7 to 9 of 'my notes.txt'", R("my notes.txt", 7, 9)),
    ("print the 10th line of notes.txt", R("notes.txt", 10)),
    ("show me the 3rd line of data.csv", R("data.csv", 3)),
    ("print the second line of data.csv", R("data.csv", 2)),
    ("line 7 of notes.txt", R("notes.txt", 7)),
    ("get line number 12 from main.py", R("main.py", 12)),
    ("what is on line 42 of main.py", R("main.py", 42)),
    ("show notes.txt from line 5 onwards", R("notes.txt", 5, -1)),
    ("from line 3 to the end of notes.txt", R("notes.txt", 3, -1)),
    ("print everything from line 100 to line 120 of server.log", R("server.log", 100, 120)),
    ("sed -n '3,5p' notes.txt", R("notes.txt", 3, 5)),
    ("print line 3 of /etc/hosts", R("/etc/hosts", 3)),
    ("display the 5th line of the file notes", R("notes", 5)),
    ("print only line 2 of users.txt", R("users.txt", 2)),
    ("output line 1 to 5 of a.txt", R("a.txt", 1, 5)),
    ("show the lines between 3 and 5 of notes.txt", R("notes.txt", 3, 5)),
    ("display rows 2 to 10 of data.csv", R("data.csv", 2, 10)),
    # --- sort
    ("sort notes.txt", L("notes.txt", "sorted")),
    ("sort the lines of names.txt alphabetically", L("names.txt", "sorted")),
    ("sort names.txt in reverse order", L("names.txt", "reverse_sorted")),
    ("sort the lines in names in descending order", L("names", "reverse_sorted")),
    ("sort scores.txt numerically", L("scores.txt", "sorted", numeric=True)),
    ("sort scores.txt numerically from highest to lowest", L("scores.txt", "reverse_sorted", numeric=True)),
    ("sort -n data.txt", L("data.txt", "sorted", numeric=True)),
    ("sort -rn data.txt", L("data.txt", "reverse_sorted", numeric=True)),
    ("show notes.txt sorted", L("notes.txt", "sorted")),
    ("print the sorted lines of words.txt", L("words.txt", "sorted")),
    ("show names.txt in alphabetical order", L("names.txt", "sorted")),
    ("sort /etc/passwd", L("/etc/passwd", "sorted")),
    ("sort the names in names.txt", L("names.txt", "sorted")),
    ("sort data.txt from largest to smallest", L("data.txt", "reverse_sorted")),
    # --- uniq, sort -u, duplicates, counts
    ("show unique lines of notes.txt", L("notes.txt", "unique")),
    ("print the unique lines in access.log", L("access.log", "unique")),
    ("uniq list.txt", L("list.txt", "unique")),
    ("show the distinct lines in list.txt", L("list.txt", "distinct")),
    ("show the sorted unique lines of list.txt", L("list.txt", "distinct")),
    ("sort -u list.txt", L("list.txt", "distinct")),
    ("sort list.txt and remove duplicates", L("list.txt", "distinct")),
    ("print emails.txt without duplicates", L("emails.txt", "distinct")),
    ("show duplicate lines in list.txt", L("list.txt", "duplicates")),
    ("find the repeated lines in names.csv", L("names.csv", "duplicates")),
    ("which lines appear more than once in emails.csv", L("emails.csv", "duplicates")),
    ("which lines are repeated in names.txt", L("names.txt", "duplicates")),
    ("count each line in votes.txt", L("votes.txt", "counted")),
    ("count the occurrences of each line in votes.txt", L("votes.txt", "counted")),
    ("how many times does each line appear in votes.txt", L("votes.txt", "counted")),
    # --- tac, cat -n
    ("reverse the lines of notes.txt", L("notes.txt", "reversed")),
    ("reverse the order of the lines in notes.txt", L("notes.txt", "reversed")),
    ("print notes.txt backwards", L("notes.txt", "reversed")),
    ("show log.txt in reverse order", L("log.txt", "reversed")),
    ("show the lines of log.txt with the last line first", L("log.txt", "reversed")),
    ("tac notes.txt", L("notes.txt", "reversed")),
    ("show notes.txt with line numbers", L("notes.txt", "numbered")),
    ("print main.py with line numbers", L("main.py", "numbered")),
    ("display notes.txt with numbered lines", L("notes.txt", "numbered")),
    ("number the lines in notes.txt", L("notes.txt", "numbered")),
    ("cat -n notes.txt", L("notes.txt", "numbered")),
    # --- wc
    ("wc -l notes.txt", [C("files.count", paths=["notes.txt"], what="lines")]),
    ("wc -w a.txt b.txt", [C("files.count", paths=["a.txt", "b.txt"], what="words")]),
    ("count the lines in all .py files under src", [C("files.count", paths=["src/**/*.py"], what="lines")]),
    ("count lines in all python files recursively", [C("files.count", paths=["**/*.py"], what="lines")]),
    ("count the number of lines in notes.txt", [C("files.count", paths=["notes.txt"], what="lines")]),
    ("how many lines of code are in all python files under src",
     [C("files.count", paths=["src/**/*.py"], what="lines")]),
    ("give me the line count of every js file under web", [C("files.count", paths=["web/**/*.js"], what="lines")]),
    ("how many bytes is logo.png", [C("files.count", paths=["logo.png"], what="bytes")]),
    # --- how many entries
    ("how many files are in this folder", [C("files.count_entries", type="file")]),
    ("how many files are there", [C("files.count_entries", type="file")]),
    ("number of files here", [C("files.count_entries", type="file")]),
    ("count files in src", [C("files.count_entries", path="src", type="file")]),
    ("how many files are in src", [C("files.count_entries", path="src", type="file")]),
    ("how many folders are in src", [C("files.count_entries", path="src", type="dir")]),
    ("how many files are under src", [C("files.count_entries", path="src", type="file", recursive=True)]),
    ("count the files in src recursively", [C("files.count_entries", path="src", type="file", recursive=True)]),
    ("how many entries are in src including hidden ones", [C("files.count_entries", path="src", all=True)]),
    ("how many files does src have", [C("files.count_entries", path="src", type="file")]),
    ("what is the number of files in my downloads", [C("files.count_entries", path="~/Downloads", type="file")]),
    ("how many items are in the docs folder", [C("files.count_entries", path="docs")]),
    ("how many files and folders are here", [C("files.count_entries")]),
    # --- gzip and friends
    ("gzip notes.txt", [C("files.compress", path="notes.txt")]),
    ("gzip -k notes.txt", [C("files.compress", path="notes.txt", keep=True)]),
    ("compress notes.txt keeping the original", [C("files.compress", path="notes.txt", keep=True)]),
    ("gzip access.log but keep the original file", [C("files.compress", path="access.log", keep=True)]),
    ("compress big.log with xz", [C("files.compress", path="big.log", format="xz")]),
    ("compress dump.sql using bzip2", [C("files.compress", path="dump.sql", format="bzip2")]),
    ("bzip2 dump.sql", [C("files.compress", path="dump.sql", format="bzip2")]),
    ("gunzip notes.txt.gz", [C("files.decompress", path="notes.txt.gz")]),
    ("decompress notes.txt.gz and keep the original", [C("files.decompress", path="notes.txt.gz", keep=True)]),
    ("uncompress backup.sql.bz2", [C("files.decompress", path="backup.sql.bz2")]),
    ("unzip notes.gz", [C("files.decompress", path="notes.gz")]),
    ("extract the file data.json.xz", [C("files.decompress", path="data.json.xz")]),
    ("extract data.tar.gz", [C("files.extract", archive="data.tar.gz")]),
    ("decompress archive.tar.gz", [C("files.extract", archive="archive.tar.gz")]),
    ("compress logs into logs.tar.gz", [C("files.archive", sources=["logs"], archive="logs.tar.gz")]),
    ("compress notes.txt to notes.txt.gz", [C("files.compress", path="notes.txt")]),
    ("decompress logs.gz here", [C("files.decompress", path="logs.gz")]),
    # --- links
    ("create a symlink to a.txt named b.txt", [C("files.link", target="a.txt", link="b.txt")]),
    ("make a symbolic link to /opt/app/bin/tool called tool", [C("files.link", target="/opt/app/bin/tool", link="tool")]),
    ("create a soft link pointing to build/v2 named latest", [C("files.link", target="build/v2", link="latest")]),
    ("make a symbolic link called latest pointing to build/v2", [C("files.link", target="build/v2", link="latest")]),
    ("create a symlink current -> releases/v3", [C("files.link", target="releases/v3", link="current")]),
    ("link b.txt -> a.txt", [C("files.link", target="a.txt", link="b.txt")]),
    ("create a symlink to nums.txt in dest", [C("files.link", target="nums.txt", link="dest")]),
    ("ln -s a.txt b.txt", [C("files.link", target="a.txt", link="b.txt")]),
    ("symlink dotfiles/vimrc to ~/.vimrc", [C("files.link", target="dotfiles/vimrc", link="~/.vimrc")]),
    ("make latest.log a symlink to logs/2024.log", [C("files.link", target="logs/2024.log", link="latest.log")]),
    ("create a hard link to a.txt called c.txt", [C("files.link", target="a.txt", link="c.txt", symbolic=False)]),
    ("hard link data.bin as data2.bin", [C("files.link", target="data.bin", link="data2.bin", symbolic=False)]),
    # --- listings
    ("list only hidden files", [C("files.find", name=".*", type="file", max_depth=1)]),
    ("show just the hidden files here", [C("files.find", name=".*", type="file", max_depth=1)]),
    ("list hidden files only", [C("files.find", name=".*", type="file", max_depth=1)]),
    ("show hidden files", [C("files.list", all=True)]),
    ("list only folders", [C("files.find", type="dir", max_depth=1, min_depth=1)]),
    ("show just the directories here", [C("files.find", type="dir", max_depth=1, min_depth=1)]),
    ("list files sorted by size", [C("files.list", sort="size")]),
    ("list files by modification time", [C("files.list", sort="time")]),
    ("list files with their sizes", [C("files.list", long=True)]),
    ("list everything in src recursively", [C("files.list", path="src", recursive=True)]),
    # --- largest files, disk usage
    ("the 5 biggest files in src", [C("files.largest", path="src", top=5)]),
    ("top 3 largest files", [C("files.largest", top=3)]),
    ("show the 20 largest files under ~/Downloads", [C("files.largest", path="~/Downloads", top=20)]),
    ("what is the largest file here", [C("files.largest", top=1)]),
    ("what's the biggest file in my downloads", [C("files.largest", path="~/Downloads", top=1)]),
    ("find the largest files", [C("files.largest")]),
    ("list the 10 smallest files in data", [C("files.largest", path="data", smallest=True)]),
    ("which are the biggest files in src recursively", [C("files.largest", path="src")]),
    ("show me the biggest files in src", [C("files.list", path="src", sort="size")]),
    ("list the biggest 5 files", [C("files.largest", top=5)]),
    ("largest 3 files in src", [C("files.largest", path="src", top=3)]),
    ("top 5 largest folders in ~", [C("files.disk_usage", path="~", top=5)]),
    ("how much space does src use", [C("files.disk_usage", path="src", depth=0)]),
    ("how much disk space is node_modules taking up", [C("files.disk_usage", path="node_modules", depth=0)]),
    ("size of the folder src", [C("files.disk_usage", path="src", depth=0)]),
    ("du -sh build", [C("files.disk_usage", path="build", depth=0)]),
    # --- comparing, duplicates
    ("which files differ between old_dir and new_dir", [C("files.compare", first="old_dir", second="new_dir")]),
    ("which files are different between src and backup", [C("files.compare", first="src", second="backup")]),
    ("compare the folders src and backup", [C("files.compare", first="src", second="backup")]),
    ("compare the directory build with the directory build.old",
     [C("files.compare", first="build", second="build.old")]),
    ("diff -rq site site.bak", [C("files.compare", first="site", second="site.bak")]),
    ("are a.txt and b.txt the same", [C("files.compare", first="a.txt", second="b.txt")]),
    ("are a.json and b.json identical", [C("files.compare", first="a.json", second="b.json")]),
    ("do v1.cfg and v2.cfg differ", [C("files.compare", first="v1.cfg", second="v2.cfg")]),
    ("is notes.txt the same as notes.bak", [C("files.compare", first="notes.txt", second="notes.bak")]),
    ("check if x.bin and y.bin are identical", [C("files.compare", first="x.bin", second="y.bin")]),
    ("find duplicate files in photos", [C("files.duplicates", path="photos")]),
    ("find duplicate files", [C("files.duplicates")]),
    ("check for duplicate files in this folder", [C("files.duplicates")]),
    ("what's different between src/ and backup/", [C("files.compare", first="src/", second="backup/")]),
    ("are there any identical files here", [C("files.duplicates")]),
    ("list files with the same content in ~/Documents", [C("files.duplicates", path="~/Documents")]),
    ("which files are duplicates in music", [C("files.duplicates", path="music")]),
    # --- home and environment
    ("print my home folder", [C("system.home")]),
    ("what is my home directory", [C("system.home")]),
    ("where is my home directory", [C("system.home")]),
    ("path of my home folder", [C("system.home")]),
    ("home directory path", [C("system.home")]),
    ("echo $HOME", [C("system.home")]),
    ("show my home folder", [C("files.list", path="~")]),
    ("what is PATH set to", [C("system.env", name="PATH")]),
    ("what's $EDITOR", [C("system.env", name="EDITOR")]),
    ("echo $PATH", [C("system.env", name="PATH")]),
    ("print the value of the PATH variable", [C("system.env", name="PATH")]),
    ("printenv SHELL", [C("system.env", name="SHELL")]),
    ("what is the value of HOME", [C("system.env", name="HOME")]),
    ("show the environment variable JAVA_HOME", [C("system.env", name="JAVA_HOME")]),
    ("what is my PATH", [C("system.env", name="PATH")]),
    ("show the value of $VIRTUAL_ENV", [C("system.env", name="VIRTUAL_ENV")]),
    ("what does $SHELL contain", [C("system.env", name="SHELL")]),
    ("is EDITOR set", [C("system.env", name="EDITOR")]),
    ("who am i", [C("system.whoami")]),
    ("what is the hostname", [C("system.hostname")]),
    ("what's the date today", [C("system.date")]),
]

NOT_MATCHED = [
    "remove duplicates from list.txt", "delete the last line of notes.txt", "compare old.txt with new.txt",
    "show the differences between a.txt and b.txt", "compare src and backup", "is bob the same as alice",
    "are you the same", "show the line", "line 5", "print line 5 of the poem", "number the files", "reverse the list",
    "print hello world", "echo hello", "show the environment", "what is python", "what is the path",
    "link to the docs", "create a link", "compress this", "uniq", "find large files", "how many users are logged in",
    "how many processes are running", "sort the list", "the end of line 5", "lines of code", "what is TODO",
    "compress notes.txt into other.gz", "what's different between old.txt and new.txt", "is it set",
    "print line 5 of the poem", "link a.txt to b.txt", "make a shortcut to notes.txt", "dedupe list.txt",
    "reverse notes.txt", "remove duplicate lines from list.txt and print the result", "sort notes.txt in place",
    "lines 3 and 5 of notes.txt",
]


@pytest.mark.parametrize(("request_text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_request_gives_plan(catalog, request_text, expected):
    assert match(request_text, catalog.patterns) == expected


@pytest.mark.parametrize("request_text", NOT_MATCHED)
def test_near_misses_pass_to_the_model(catalog, request_text):
    assert match(request_text, catalog.patterns) is None


def test_gates_never_change_a_result(catalog):
    ungated = [Pattern(re.compile(regex, re.I), build) for regex, build in builtin_patterns.precise_patterns()]
    for text in [t for t, _ in CASES] + NOT_MATCHED:
        assert match(text, catalog.patterns) == match(text, ungated), text


def test_plans_validate_against_the_catalogue(catalog):
    for text, _ in CASES:
        for call in match(text, catalog.patterns) or []:
            catalog.actions.get(call.action).validate(call.args)
