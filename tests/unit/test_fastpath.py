"""The deterministic fast path: request text -> plan, without a model.

A table of requests and the exact plans they must give, requests that must pass to the
model (None), the normaliser, and the contract with the action catalogue: every action a
pattern or example names exists, and every example's arguments validate.
"""

from __future__ import annotations

import re

import pytest

from nlsh.intent import patterns as builtin_patterns
from nlsh.intent.examples import EXAMPLES
from nlsh.intent.fastpath import match, normalise
from nlsh.plugins import Pattern, load_catalog
from nlsh.types import ActionCall


def C(action: str, **args) -> ActionCall:
    return ActionCall(action, args)


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(entry_points=False)


@pytest.fixture(scope="module")
def ungated():
    """The same patterns without their keyword gates: gating must never change a result."""
    return [Pattern(re.compile(regex, re.I), build) for regex, build in builtin_patterns.precise_patterns()]


CASES: list[tuple[str, list[ActionCall]]] = [
    # --- files.list
    ("list files", [C("files.list")]),
    ("ls", [C("files.list")]),
    ("please list the files here.", [C("files.list")]),
    ("what's in this folder?", [C("files.list")]),
    ("what files are here", [C("files.list")]),
    ("list all files including hidden ones", [C("files.list", all=True)]),
    ("show hidden files", [C("files.list", all=True)]),
    ("list files in src sorted by size", [C("files.list", path="src", sort="size")]),
    ("list files in long format", [C("files.list", long=True)]),
    ("list the files here, newest first", [C("files.list", sort="time")]),
    ("show the oldest files first", [C("files.list", sort="time", reverse=True)]),
    ("list files by size, smallest first", [C("files.list", sort="size", reverse=True)]),
    ("list everything in src recursively", [C("files.list", path="src", recursive=True)]),
    ("show me the biggest files in src", [C("files.list", path="src", sort="size")]),
    ("list the contents of the docs folder with details", [C("files.list", path="docs", long=True)]),
    ("show me the contents of src/", [C("files.list", path="src/")]),
    ("list my downloads", [C("files.list", path="~/Downloads")]),
    ("list files in my home directory", [C("files.list", path="~")]),
    ("list 'My Documents'", [C("files.list", path="My Documents")]),
    ("list folders", [C("files.find", type="dir", max_depth=1, min_depth=1)]),
    # --- files.find
    ("find all python files", [C("files.find", extension="py", type="file")]),
    ("find python files larger than 1M in src",
     [C("files.find", path="src", extension="py", type="file", min_size="1M")]),
    ("find files bigger than 100MB", [C("files.find", type="file", min_size="100M")]),
    ("find files larger than 1.5G", [C("files.find", type="file", min_size="1536M")]),
    ("find files smaller than 5k", [C("files.find", type="file", max_size="5k")]),
    ("find files over 2 gigabytes in ~/Downloads", [C("files.find", path="~/Downloads", type="file", min_size="2G")]),
    ("find files modified in the last 2 days", [C("files.find", type="file", newer_than="2d")]),
    ("find files older than a week in logs", [C("files.find", path="logs", type="file", older_than="1w")]),
    ("which files changed today", [C("files.find", type="file", newer_than="1d")]),
    ("show files edited in the past 3 hours", [C("files.find", type="file", newer_than="3h")]),
    ("find log files not modified in 30 days", [C("files.find", extension="log", type="file", older_than="30d")]),
    ("find files that haven't been touched for 6 months",
     [C("files.find", type="file", older_than="180d")]),
    ("find empty files", [C("files.find", type="file", empty=True)]),
    ("find empty folders in build", [C("files.find", path="build", type="dir", empty=True)]),
    ("find files named notes.txt", [C("files.find", name="notes.txt", type="file")]),
    ("find notes.txt", [C("files.find", name="notes.txt")]),
    ("where is config.yaml?", [C("files.find", name="config.yaml")]),
    ("find all files called 'README*'", [C("files.find", name="README*", type="file")]),
    ("find directories named build", [C("files.find", name="build", type="dir")]),
    ("find files with extension .md", [C("files.find", extension="md", type="file")]),
    ("find files ending in .bak", [C("files.find", extension="bak", type="file")]),
    ("find files with report in the name", [C("files.find", iname="*report*", type="file")]),
    ("find files starting with test_ in tests", [C("files.find", path="tests", name="test_*", type="file")]),
    ("find files named Readme.md ignoring case", [C("files.find", iname="Readme.md", type="file")]),
    ("list pdfs in Downloads", [C("files.find", path="Downloads", extension="pdf", type="file")]),
    ("find *.py", [C("files.find", extension="py")]),
    ("find hidden files", [C("files.find", name=".*", type="file")]),
    ("find symlinks in /usr/local/bin", [C("files.find", path="/usr/local/bin", type="link")]),
    ("find files between 1MB and 10MB", [C("files.find", type="file", min_size="1M", max_size="10M")]),
    ("show me files from today", [C("files.find", type="file", newer_than="1d")]),
    ("find files changed last week", [C("files.find", type="file", newer_than="1w")]),
    ("find python files in src but not in subfolders",
     [C("files.find", path="src", extension="py", type="file", max_depth=1)]),
    # --- files.read
    ("read notes.txt", [C("files.read", path="notes.txt")]),
    ("cat README", [C("files.read", path="README")]),
    ("show me notes.txt", [C("files.read", path="notes.txt")]),
    ("print the contents of config/app.yaml", [C("files.read", path="config/app.yaml")]),
    ("display the contents of config.yaml", [C("files.read", path="config.yaml")]),
    ("what's in todo.md?", [C("files.read", path="todo.md")]),
    ('show "my notes.txt"', [C("files.read", path="my notes.txt")]),
    ("can you show me Notes.TXT please", [C("files.read", path="Notes.TXT")]),
    # --- files.head / files.tail
    ("print the first 5 lines of notes.txt", [C("files.head", path="notes.txt", lines=5)]),
    ("first line of data.csv", [C("files.head", path="data.csv", lines=1)]),
    ("show the top ten lines of main.py", [C("files.head", path="main.py")]),
    ("head of README", [C("files.head", path="README")]),
    ("show the beginning of setup.py", [C("files.head", path="setup.py")]),
    ("last 20 lines of app.log", [C("files.tail", path="app.log", lines=20)]),
    ("show the end of server.log", [C("files.tail", path="server.log")]),
    ("tail of /var/log/syslog", [C("files.tail", path="/var/log/syslog")]),
    ("give me the last line of output.txt", [C("files.tail", path="output.txt", lines=1)]),
    # --- files.count
    ("count lines in notes.txt", [C("files.count", paths=["notes.txt"], what="lines")]),
    ("how many words are in essay.md", [C("files.count", paths=["essay.md"], what="words")]),
    ("count the words in a.txt and b.txt", [C("files.count", paths=["a.txt", "b.txt"], what="words")]),
    ("how many lines does main.py have", [C("files.count", paths=["main.py"], what="lines")]),
    ("count lines in all python files", [C("files.count", paths=["*.py"], what="lines")]),
    ("how many characters are in tweet.txt", [C("files.count", paths=["tweet.txt"], what="chars")]),
    ("line count of src/app.py", [C("files.count", paths=["src/app.py"], what="lines")]),
    ("count lines and words in notes.txt", [C("files.count", paths=["notes.txt"])]),
    ("wc report.txt", [C("files.count", paths=["report.txt"])]),
    # --- files.search
    ("search for TODO in src", [C("files.search", pattern="TODO", path="src", fixed=True)]),
    ('search for "hello world" in notes.txt', [C("files.search", pattern="hello world", path="notes.txt", fixed=True)]),
    ("grep TODO", [C("files.search", pattern="TODO", fixed=True)]),
    ("search for error in logs ignoring case",
     [C("files.search", pattern="error", path="logs", fixed=True, ignore_case=True)]),
    ('find files containing "import os"', [C("files.search", pattern="import os", fixed=True, files_only=True)]),
    ("which files contain TODO", [C("files.search", pattern="TODO", fixed=True, files_only=True)]),
    ("python files containing TODO", [C("files.search", pattern="TODO", fixed=True, include="*.py", files_only=True)]),
    ("how many times does error appear in app.log",
     [C("files.search", pattern="error", path="app.log", fixed=True, count=True)]),
    ("count occurrences of foo in bar.txt", [C("files.search", pattern="foo", path="bar.txt", fixed=True, count=True)]),
    ('search src for "def main"', [C("files.search", pattern="def main", path="src", fixed=True)]),
    ("case-insensitive search for warning in app.log",
     [C("files.search", pattern="warning", path="app.log", fixed=True, ignore_case=True)]),
    ("find TODO in src", [C("files.search", pattern="TODO", path="src", fixed=True)]),
    ("show lines containing error in app.log", [C("files.search", pattern="error", path="app.log", fixed=True)]),
    ("lines in app.log that don't contain DEBUG",
     [C("files.search", pattern="DEBUG", path="app.log", fixed=True, invert=True)]),
    ("search for foo in *.py", [C("files.search", pattern="foo", fixed=True, include="*.py")]),
    ("search for foo in all python files in src",
     [C("files.search", pattern="foo", path="src", fixed=True, include="*.py")]),
    ("search for the word cat in story.txt with line numbers",
     [C("files.search", pattern="cat", path="story.txt", fixed=True, whole_word=True, line_numbers=True)]),
    ("search for the regex 'v[0-9]+' in CHANGES.md",
     [C("files.search", pattern="v[0-9]+", path="CHANGES.md", fixed=False)]),
    ("look for password in config and only list the file names",
     [C("files.search", pattern="password", path="config", fixed=True, files_only=True)]),
    # --- files.pwd
    ("where am I", [C("files.pwd")]),
    ("what's the current directory?", [C("files.pwd")]),
    ("current directory", [C("files.pwd")]),
    ("print working directory", [C("files.pwd")]),
    ("which folder am I in", [C("files.pwd")]),
    # --- files.disk_usage
    ("what is taking up space", [C("files.disk_usage")]),
    ("what's taking so much space in Downloads", [C("files.disk_usage", path="Downloads")]),
    ("what is taking space here", [C("files.disk_usage")]),
    ("kill pid 1", [C("proc.signal", pid=1)]),  # mapped; the policy denies it
    ("list files in this folder with details", [C("files.list", long=True)]),
    ("show the files in the working directory sorted by time", [C("files.list", sort="time")]),
    ("list files in the folder docs", [C("files.list", path="docs")]),
    ("show the biggest folders", [C("files.disk_usage")]),
    ("top 5 largest folders in ~", [C("files.disk_usage", path="~", top=5)]),
    ("disk usage of src", [C("files.disk_usage", path="src")]),
    ("how big is this folder", [C("files.disk_usage", depth=0)]),
    ("how big is the src folder", [C("files.disk_usage", path="src", depth=0)]),
    ("how much space does node_modules take up", [C("files.disk_usage", path="node_modules", depth=0)]),
    # --- files.checksum
    ("sha256 of ubuntu.iso", [C("files.checksum", paths=["ubuntu.iso"])]),
    ("md5sum notes.txt", [C("files.checksum", paths=["notes.txt"], algorithm="md5")]),
    ("checksum of a.txt and b.txt", [C("files.checksum", paths=["a.txt", "b.txt"])]),
    ("compute the sha1 hash of file.bin", [C("files.checksum", paths=["file.bin"], algorithm="sha1")]),
    ("sha512 checksums for all .iso files", [C("files.checksum", paths=["*.iso"], algorithm="sha512")]),
    # --- files.stat
    ("info about notes.txt", [C("files.stat", path="notes.txt")]),
    ("when was notes.txt last modified", [C("files.stat", path="notes.txt")]),
    ("who owns /etc/passwd", [C("files.stat", path="/etc/passwd")]),
    ("permissions of script.sh", [C("files.stat", path="script.sh")]),
    ("file details for the build folder", [C("files.stat", path="build")]),
    ("is link.txt a symlink", [C("files.stat", path="link.txt")]),
    # --- files.copy
    ("copy notes.txt to backup/", [C("files.copy", sources=["notes.txt"], destination="backup/")]),
    ("copy a.txt and b.txt into docs", [C("files.copy", sources=["a.txt", "b.txt"], destination="docs")]),
    ("copy all pdfs to ~/Documents", [C("files.copy", sources=["*.pdf"], destination="~/Documents")]),
    ("copy report.pdf from Downloads to Documents",
     [C("files.copy", sources=["Downloads/report.pdf"], destination="Documents")]),
    ("make a copy of notes.txt called notes.bak", [C("files.copy", sources=["notes.txt"], destination="notes.bak")]),
    ("copy config.yml to the backup folder, overwriting it",
     [C("files.copy", sources=["config.yml"], destination="backup", overwrite=True)]),
    ('copy "Q3 report.xlsx" to reports', [C("files.copy", sources=["Q3 report.xlsx"], destination="reports")]),
    # --- files.move
    ("move the PDFs in Downloads into Documents/papers",
     [C("files.move", sources=["Downloads/*.pdf"], destination="Documents/papers")]),
    ("move draft.md to archive/ and overwrite",
     [C("files.move", sources=["draft.md"], destination="archive/", overwrite=True)]),
    ("rename old.txt to new.txt", [C("files.move", sources=["old.txt"], destination="new.txt")]),
    ("rename src/a.py as b.py", [C("files.move", sources=["src/a.py"], destination="src/b.py")]),
    ("move all .jpg files to photos", [C("files.move", sources=["*.jpg"], destination="photos")]),
    ("move the logs folder to the parent folder", [C("files.move", sources=["logs"], destination="..")]),
    ("move data.csv here", [C("files.move", sources=["data.csv"], destination=".")]),
    # --- files.mkdir
    ("make a directory called projects", [C("files.mkdir", path="projects")]),
    ("create a new folder named reports in docs", [C("files.mkdir", path="docs/reports")]),
    ("mkdir build/out", [C("files.mkdir", path="build/out")]),
    ("create folders src, tests and docs",
     [C("files.mkdir", path="src"), C("files.mkdir", path="tests"), C("files.mkdir", path="docs")]),
    # --- files.touch
    ("create an empty file called notes.txt", [C("files.touch", paths=["notes.txt"])]),
    ("create a.txt and b.txt", [C("files.touch", paths=["a.txt", "b.txt"])]),
    ("touch hello.py", [C("files.touch", paths=["hello.py"])]),
    ("make a new file named .env.example in config", [C("files.touch", paths=["config/.env.example"])]),
    # --- files.write
    ('write "hello world" to greeting.txt', [C("files.write", path="greeting.txt", text="hello world")]),
    ('append "buy milk" to todo.txt', [C("files.write", path="todo.txt", text="buy milk", append=True)]),
    ('add the line "export PATH=$PATH:~/bin" to .bashrc',
     [C("files.write", path=".bashrc", text="export PATH=$PATH:~/bin", append=True)]),
    ('overwrite notes.txt with "fresh start"', [C("files.write", path="notes.txt", text="fresh start")]),
    ('create a file called hi.txt with the text "hi there"', [C("files.write", path="hi.txt", text="hi there")]),
    ("write 'It Works' to STATUS", [C("files.write", path="STATUS", text="It Works")]),
    # --- files.delete
    ("delete notes.txt", [C("files.delete", paths=["notes.txt"])]),
    ("remove the build folder", [C("files.delete", paths=["build"])]),
    ("delete all .log files", [C("files.delete", paths=["*.log"])]),
    ("delete all log files in build", [C("files.delete", paths=["build/*.log"])]),
    ("trash old.txt and older.txt", [C("files.delete", paths=["old.txt", "older.txt"])]),
    ("move junk.txt to the trash", [C("files.delete", paths=["junk.txt"])]),
    ("delete all .pyc files recursively", [C("files.delete", paths=["**/*.pyc"])]),
    ("get rid of node_modules", [C("files.delete", paths=["node_modules"])]),
    ("delete 'old notes'", [C("files.delete", paths=["old notes"])]),
    # --- files.archive / extract / list_archive
    ("zip src into src.zip", [C("files.archive", sources=["src"], archive="src.zip")]),
    ("compress logs into logs.tar.gz", [C("files.archive", sources=["logs"], archive="logs.tar.gz")]),
    ("zip up the src folder", [C("files.archive", sources=["src"], archive="src.zip")]),
    ("create a tarball of docs", [C("files.archive", sources=["docs"], archive="docs.tar.gz")]),
    ("archive a.txt and b.txt as bundle.zip", [C("files.archive", sources=["a.txt", "b.txt"], archive="bundle.zip")]),
    ("make a zip of all pdfs called papers", [C("files.archive", sources=["*.pdf"], archive="papers.zip")]),
    ("extract backup.zip", [C("files.extract", archive="backup.zip")]),
    ("unzip archive.zip into build", [C("files.extract", archive="archive.zip", destination="build")]),
    ("extract data.tar.gz here", [C("files.extract", archive="data.tar.gz")]),
    ("untar release.tgz to /tmp/rel", [C("files.extract", archive="release.tgz", destination="/tmp/rel")]),
    ("list the contents of backup.zip", [C("files.list_archive", archive="backup.zip")]),
    ("what's in photos.tar.gz", [C("files.list_archive", archive="photos.tar.gz")]),
    ("list backup.tar.gz", [C("files.list_archive", archive="backup.tar.gz")]),
    # --- proc.signal
    ("kill process 1234", [C("proc.signal", pid=1234)]),
    ("kill 4321", [C("proc.signal", pid=4321)]),
    ("force kill 999", [C("proc.signal", pid=999, signal="KILL")]),
    ("kill -9 555", [C("proc.signal", pid=555, signal="KILL")]),
    ("kill firefox", [C("proc.signal", name="firefox")]),
    ("kill all python processes", [C("proc.signal", name="python")]),
    ("stop pid 77", [C("proc.signal", pid=77)]),
    ("terminate process 88 forcefully", [C("proc.signal", pid=88, signal="KILL")]),
    ("send HUP to process 12", [C("proc.signal", pid=12, signal="HUP")]),
    ("pause process 55", [C("proc.signal", pid=55, signal="STOP")]),
    ("resume process 55", [C("proc.signal", pid=55, signal="CONT")]),
    # --- proc.info / proc.find / proc.list
    ("details of process 1234", [C("proc.info", pid=1234)]),
    ("tell me about process 42", [C("proc.info", pid=42)]),
    ("show pid 42", [C("proc.info", pid=42)]),
    ("find process nginx", [C("proc.find", name="nginx")]),
    ("find the nginx process", [C("proc.find", name="nginx")]),
    ("is postgres running?", [C("proc.find", name="postgres")]),
    ("what is using port 8080", [C("proc.find", port=8080)]),
    ("what's listening on port 3000", [C("proc.find", port=3000)]),
    ("who is using port 80", [C("proc.find", port=80)]),
    ("show me the top processes", [C("proc.list")]),
    ("kill 1234 and 5678", [C("proc.signal", pid=1234), C("proc.signal", pid=5678)]),
    ("top processes by cpu", [C("proc.list")]),
    ("top 5 processes by memory", [C("proc.list", sort="memory", limit=5)]),
    ("what is eating my cpu", [C("proc.list")]),
    ("what's using so much memory", [C("proc.list", sort="memory")]),
    ("which process is using the most ram", [C("proc.list", sort="memory")]),
    ("show running processes", [C("proc.list")]),
    ("list all processes", [C("proc.list")]),
    ("processes owned by user bob", [C("proc.list", user="bob")]),
    # --- system
    ("cpu info", [C("system.cpu")]),
    ("how many cores do I have", [C("system.cpu")]),
    ("memory usage", [C("system.memory")]),
    ("how much ram do i have", [C("system.memory")]),
    ("free disk space", [C("system.disks")]),
    ("how much disk space is left?", [C("system.disks")]),
    ("disk space on /home", [C("system.disks", path="/home")]),
    ("uptime", [C("system.uptime")]),
    ("how long has this machine been up", [C("system.uptime")]),
    ("load average", [C("system.load")]),
    ("what's my ip address", [C("system.network")]),
    ("network interfaces", [C("system.network")]),
    ("who am i", [C("system.whoami")]),
    ("what is my username", [C("system.whoami")]),
    ("what os is this", [C("system.os")]),
    ("kernel version", [C("system.os")]),
    ("what time is it", [C("system.date")]),
    ("what's the date today", [C("system.date")]),
    ("hostname", [C("system.hostname")]),
    ("what is this computer called", [C("system.hostname")]),
    # --- shell.run (only an explicitly quoted command line)
    ('run "make test"', [C("shell.run", argv=["make", "test"])]),
]

# Vague, unrelated or dangerous-when-guessed requests: the fast path must not act on them.
NOT_MATCHED = [
    "clean up", "do the thing", "fix it", "delete everything", "delete all files", "delete files", "remove it",
    "delete the file", "delete stuff", "get rid of the junk", "delete build", "delete *", "remove ~", "delete .",
    "erase the disk", "format the drive", "delete all logs older than 7 days", "remove duplicates from list.txt",
    "remove bob from the group", "delete the last line of notes.txt", "kill it", "kill everything",
    "kill all processes", "stop the server", "kill the process on port 8080", "move it there",
    "move everything to backup", "move all files here", "copy this", "copy the link to clipboard", "rename it",
    "rename draft to final", "write a poem about cats to poem.txt", "write hello to notes.txt",
    "what is the meaning of life", "tell me a joke", "how do I install numpy", "what's the weather like",
    "what time is it in Tokyo", "what is my public ip", "send an email to bob", "list users", "list my options",
    "list installed packages", "show me the money", "show me something cool", "find foo", "find large files",
    "compress this", "extract the data", "open notes.txt", "make coffee", "create a new file", "make a folder",
"read the news", "head office", "count sheep",
    "hash browns", "tar the roof", "the end of the world", "how big is the moon", "who owns twitter", "",
    "kill the top process", "kill time", "find folders larger than 100M", "find files from last year",
    "look for README.md", "login", "show me files from yesterday", "delete my downloads folder",
    "please", "search", "find", "show",
]


@pytest.mark.parametrize(("request_text", "expected"), CASES, ids=[c[0] or "<empty>" for c in CASES])
def test_request_gives_plan(catalog, request_text, expected):
    assert match(request_text, catalog.patterns) == expected


@pytest.mark.parametrize("request_text", NOT_MATCHED, ids=[t or "<empty>" for t in NOT_MATCHED])
def test_unclear_request_passes_to_model(catalog, request_text):
    assert match(request_text, catalog.patterns) is None


def test_table_is_large_enough():
    assert len(CASES) >= 120 and len(NOT_MATCHED) >= 25
    actions = {call.action for _, plan in CASES for call in plan}
    assert {"files.list", "files.find", "files.delete", "proc.signal", "system.hostname"} <= actions


def test_gates_never_change_a_result(catalog, ungated):
    texts = [t for t, _ in CASES] + NOT_MATCHED + [request for request, _ in EXAMPLES]
    for text in texts:
        assert match(text, catalog.patterns) == match(text, ungated), text


def test_paths_and_quoted_text_keep_their_case(catalog):
    assert match("READ Docs/ReadMe.MD", catalog.patterns) == [C("files.read", path="Docs/ReadMe.MD")]
    assert match("WRITE 'MiXeD Case' TO Out.TXT", catalog.patterns) == [
        C("files.write", path="Out.TXT", text="MiXeD Case")
    ]


def test_smart_quotes_are_understood(catalog):
    assert match("write \u201chi there\u201d to greeting.txt", catalog.patterns) == [
        C("files.write", path="greeting.txt", text="hi there")
    ]
    assert match("what\u2019s in notes.txt", catalog.patterns) == [C("files.read", path="notes.txt")]


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("  list files.  ", "list files"),
        ("Please list files!", "list files"),
        ("can you please show me notes.txt?", "show me notes.txt"),
        ("Could you delete a.txt", "delete a.txt"),
        ("I want to see the logs", "see the logs"),
        ("I'd like to find python files", "find python files"),
        ("list files please", "list files"),
        ("list .", "list ."),  # the dot is the folder, not the end of a sentence
        ("move it to ..", "move it to .."),
        ("find files matching data?.csv", "find files matching data?.csv"),
        ("find files matching *.tx?", "find files matching *.tx?"),
        ("where am I???", "where am I"),
        ('search for "a.b."', 'search for "a.b."'),
        ("please", ""),
    ],
)
def test_normalise(raw, clean):
    assert normalise(raw) == clean


def test_every_action_named_by_a_pattern_or_example_exists(catalog):
    named = {call.action for _, plan in CASES for call in plan}
    named |= {call.action for _, plan in EXAMPLES for call in plan}
    missing = sorted(name for name in named if name not in catalog.actions)
    assert not missing, f"actions not registered: {missing} (broken plugins: {catalog.broken})"


def test_examples_are_registered_and_validate(catalog):
    assert "nlsh.intent.examples" not in catalog.broken
    mine = [e for e in catalog.examples if e.plugin == "nlsh.intent.examples"]
    assert [(e.request, list(e.steps)) for e in mine] == EXAMPLES
    for example in catalog.examples:
        for step in example.steps:
            spec = catalog.actions.get(step.action)
            assert spec is not None, f"{example.request!r}: no action {step.action}"
            spec.validate(step.args)


def test_every_action_has_examples(catalog):
    counts: dict[str, int] = {}
    for example in catalog.examples:
        for call in example.steps:
            counts[call.action] = counts.get(call.action, 0) + 1
    too_few = sorted(spec.name for spec in catalog.actions if counts.get(spec.name, 0) < 2)
    assert not too_few, f"actions with fewer than 2 examples: {too_few}"


def test_pattern_plans_validate_against_the_catalogue(catalog):
    for text, _ in CASES:
        for call in match(text, catalog.patterns) or []:
            catalog.actions.get(call.action).validate(call.args)


def test_a_failing_build_passes_to_the_next_pattern():
    never = Pattern(re.compile(r".*"), lambda m: None)
    always = Pattern(re.compile(r"list files"), lambda m: [C("files.list")])
    assert match("list files", [never, always]) == [C("files.list")]
    assert match("list files", [never]) is None
