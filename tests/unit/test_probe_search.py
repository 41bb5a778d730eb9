"""A probe of fresh search and text requests, phrased as different people would type them.

Terse, formal, man-page one-liners and chatty requests for grep-like searches, finding by
name, size, age and type, and text views (head/tail, line ranges, sort/uniq, counts,
columns, replace, case). Each has the plan it must give; None means it must pass to the model.
"""

from __future__ import annotations

import pytest

from nlsh.intent.fastpath import match
from nlsh.plugins import load_catalog
from nlsh.types import ActionCall


def C(action: str, **args) -> ActionCall:
    return ActionCall(action, args)


def S(pattern: str, **args) -> list[ActionCall]:
    return [C("files.search", pattern=pattern, fixed=args.pop("fixed", True), **args)]


def F(**args) -> list[ActionCall]:
    return [C("files.find", **args)]


def L(path: str, how: str, **extra) -> list[ActionCall]:
    return [C("files.lines", path=path, how=how, **extra)]


PROBE: list[tuple[str, list[ActionCall] | None]] = [
    # --- grep-like: a word in a file or a tree
    ("grep for TODO in src", S("TODO", path="src")),
    ("search for 'connection refused' in server.log", S("connection refused", path="server.log")),
    ("look for the word main in app.py", S("main", path="app.py", whole_word=True)),
    ("find every occurrence of 'foo' in the lib directory", S("foo", path="lib")),
    ("search the src folder for FIXME", S("FIXME", path="src")),
    ("Searches recursively for the string 'password' under ./config", S("password", path="./config")),
    ("hey, could you look for ERROR in logs/app.log?", S("ERROR", path="logs/app.log")),
    ("search for error ignoring case in app.log", S("error", path="app.log", ignore_case=True)),
    ("case-insensitive search for 'warning' in build.log", S("warning", path="build.log", ignore_case=True)),
    ("search for 'timeout' in config.yaml, case insensitive", S("timeout", path="config.yaml", ignore_case=True)),
    ("grep -i error syslog.txt", S("error", path="syslog.txt", ignore_case=True)),
    ("grep -rn TODO .", S("TODO", line_numbers=True)),
    ("grep -c import main.py", S("import", path="main.py", count=True)),
    ("grep -v '^#' config.ini", S("^#", path="config.ini", invert=True, fixed=False)),
    ("grep -l TODO src", S("TODO", path="src", files_only=True)),
    ("grep -w foo bar.txt", S("foo", path="bar.txt", whole_word=True)),
    ("search for TODO in src with line numbers", S("TODO", path="src", line_numbers=True)),
    ("show the lines containing 'error' in app.log with line numbers",
     S("error", path="app.log", line_numbers=True)),
    ("Print every line of notes.txt that contains the word apple", S("apple", path="notes.txt", whole_word=True)),
    ("print lines in notes.txt that contain apple", S("apple", path="notes.txt")),
    ("show lines from server.log containing 404", S("404", path="server.log")),
    ("lines with 'GET' in access.log", S("GET", path="access.log")),
    ("which files contain TODO", S("TODO", files_only=True)),
    ("which files in src mention 'deprecated'", S("deprecated", path="src", files_only=True)),
    ("list the python files that import requests", None),  # grep -l "import requests"? "from requests"?
    ("find files containing 'api_key' in the config directory", S("api_key", path="config", files_only=True)),
    ("names of the files under src that contain TODO", S("TODO", path="src", files_only=True)),
    ("search for TODO in all python files", S("TODO", include="*.py")),
    ("search for 'import os' in the .py files under src", S("import os", path="src", include="*.py")),
    ("grep for main in *.c", S("main", include="*.c")),
    ("look for TODO in js files inside ./web", S("TODO", path="./web", include="*.js")),
    ("count the lines containing error in app.log", S("error", path="app.log", count=True)),
    ("how many lines in app.log contain ERROR", S("ERROR", path="app.log", count=True)),
    ("how many times does 'foo' appear in bar.txt", S("foo", path="bar.txt", count=True)),
    ("count occurrences of TODO in src", S("TODO", path="src", count=True)),
    ("show lines in config.ini that don't contain '#'", S("#", path="config.ini", invert=True)),
    ("print all lines of data.txt that do not contain NULL", S("NULL", path="data.txt", invert=True)),
    ("lines not containing 'debug' in app.log", S("debug", path="app.log", invert=True)),
    ("show lines in app.log without 'INFO'", S("INFO", path="app.log", invert=True)),
    ("Displays all lines in notes.txt that do not mention foo", S("foo", path="notes.txt", invert=True)),
    ("show the lines starting with 'import' in main.py", S("^import", path="main.py", fixed=False)),
    ("lines that start with # in config.ini", S("^#", path="config.ini", fixed=False)),
    ("print the lines of notes.txt that begin with TODO", S("^TODO", path="notes.txt", fixed=False)),
    ("show lines ending with ';' in script.sql", S(";$", path="script.sql", fixed=False)),
    ("find lines that end with a comma in data.csv", S(",$", path="data.csv", fixed=False)),
    ("search for the regex 'err(or)?' in app.log", S("err(or)?", path="app.log", fixed=False)),
    ("search for foo as a whole word in src", S("foo", path="src", whole_word=True)),
    ("where is parse_args used", S("parse_args")),
    ("where is 'load_config' mentioned in src", S("load_config", path="src")),
    ("search for it", None),
    # --- find by name, size, age, type
    ("find all python files", F(extension="py", type="file")),
    ("find py files in src", F(path="src", extension="py", type="file")),
    ("py files > 1mb in src", F(path="src", extension="py", type="file", min_size="1M")),
    ("find files bigger than 100MB", F(min_size="100M", type="file")),
    ("Display all regular files located in the ./data directory that exceed 10 kilobytes",
     F(path="./data", min_size="10k", type="file")),
    ("find files smaller than 1k in tmp", F(path="tmp", max_size="1k", type="file")),
    ("list files larger than 500k under the logs folder", F(path="logs", min_size="500k", type="file")),
    ("find files modified in the last 24 hours", F(newer_than="24h", type="file")),
    ("find files changed within the last 3 days in docs", F(path="docs", newer_than="3d", type="file")),
    ("find files older than 30 days in /tmp", F(path="/tmp", older_than="30d", type="file")),
    ("show files not modified in the last 90 days", F(older_than="90d", type="file")),
    ("find log files older than a week", F(extension="log", older_than="1w", type="file")),
    ("find empty files", F(empty=True, type="file")),
    ("find empty directories under build", F(path="build", empty=True, type="dir")),
    ("list all directories in src recursively", F(path="src", type="dir", min_depth=1)),
    ("find all folders named node_modules", F(name="node_modules", type="dir")),
    ("find the file called config.yaml", F(name="config.yaml", type="file")),
    ("locate setup.py", F(name="setup.py")),
    ("where is README.md", F(name="README.md")),
    ("find files named 'Makefile' under the project directory", F(path="project", name="Makefile", type="file")),
    ("find files whose name contains test", F(iname="*test*", type="file")),
    ("find files matching *.bak in ./backup", F(path="./backup", name="*.bak", type="file")),
    ("find all .jpg files in ~/Pictures", F(path="~/Pictures", extension="jpg", type="file")),
    ("find markdown files in docs", F(path="docs", extension="md", type="file")),
    ("Recursively finds all .c files below ./src", F(path="./src", extension="c", type="file")),
    ("find all symlinks here", F(type="link")),
    ("find hidden files in my home directory", F(path="~", name=".*", type="file")),
    ("find .txt files in docs and print their names", F(path="docs", extension="txt", type="file",
                                                          names_only=True)),
    ("find all .sh files in scripts and print their paths", F(path="scripts", extension="sh", type="file")),
    ("find .log files in var larger than 10M", F(path="var", extension="log", type="file", min_size="10M")),
    ("find json files modified today", F(extension="json", newer_than="1d", type="file")),
    ("find csv files in data but not in data/archive", None),
    ("find all the yaml files under config, only one level deep",
     F(path="config", extension="yaml", type="file", max_depth=1)),
    ("find directories named __pycache__", F(name="__pycache__", type="dir")),
    ("find files with the .orig extension", F(extension="orig", type="file")),
    ("hey can you find me the log files from the last 2 days in the logs folder?",
     F(path="logs", extension="log", type="file", newer_than="2d")),
    # --- text views
    ("show the first 20 lines of app.log", [C("files.head", path="app.log", lines=20)]),
    ("head notes.txt", [C("files.head", path="notes.txt")]),
    ("first 5 lines of data.csv", [C("files.head", path="data.csv", lines=5)]),
    ("the last 50 lines of server.log", [C("files.tail", path="server.log", lines=50)]),
    ("tail -n 100 app.log", [C("files.tail", path="app.log", lines=100)]),
    ("head -n 3 README.md", [C("files.head", path="README.md", lines=3)]),
    ("print the last line of notes.txt", [C("files.tail", path="notes.txt", lines=1)]),
    ("Outputs the first line of every line... of config.ini", None),
    ("show lines 10 to 20 of main.py", [C("files.line_range", path="main.py", start=10, end=20)]),
    ("print line 15 of app.log", [C("files.line_range", path="app.log", start=15)]),
    ("sort names.txt", L("names.txt", "sorted")),
    ("sort the lines of scores.txt numerically in reverse", L("scores.txt", "reverse_sorted", numeric=True)),
    ("sort words.txt and remove duplicates", L("words.txt", "distinct")),
    ("show the unique lines in emails.txt", L("emails.txt", "unique")),
    ("show duplicate lines in list.txt", L("list.txt", "duplicates")),
    ("count how many times each line appears in votes.txt", L("votes.txt", "counted")),
    ("reverse the lines of log.txt", L("log.txt", "reversed")),
    ("cat -n main.py", L("main.py", "numbered")),
    ("count the lines in main.py", [C("files.count", paths=["main.py"], what="lines")]),
    ("how many lines are in app.log", [C("files.count", paths=["app.log"], what="lines")]),
    ("wc -l *.py", [C("files.count", paths=["*.py"], what="lines")]),
    ("word count of essay.txt", [C("files.count", paths=["essay.txt"], what="words")]),
    ("count the words in essay.txt", [C("files.count", paths=["essay.txt"], what="words")]),
    ("Prints the number of lines in every .c file below ./src",
     [C("files.count", paths=["./src/**/*.c"], what="lines")]),
    ("show the second column of data.csv", [C("files.columns", path="data.csv", fields="2")]),
    ("print columns 1 and 3 of data.csv separated by commas",
     [C("files.columns", path="data.csv", fields="1,3", delimiter=",")]),
    ("cut -d, -f2 data.csv", [C("files.columns", path="data.csv", fields="2", delimiter=",")]),
    ("replace foo with bar in notes.txt", [C("files.replace", path="notes.txt", old="foo", new="bar")]),
    ("replace all occurrences of 'http:' with 'https:' in links.txt",
     [C("files.replace", path="links.txt", old="http:", new="https:")]),
    ("convert names.txt to uppercase", [C("files.case", path="names.txt", to="upper")]),
    ("print notes.txt in lower case", [C("files.case", path="notes.txt", to="lower")]),
    ("show README.md", [C("files.read", path="README.md")]),
    ("cat config.yaml", [C("files.read", path="config.yaml")]),
    ("what's in notes.txt", [C("files.read", path="notes.txt")]),
    ("display the contents of the file todo.txt", [C("files.read", path="todo.txt")]),
]


# Written after the first table's fixes, to check that they generalise; and the command
# forms people type (grep/egrep, find with tests, cut, awk, head/tail -n).
PROBE_2: list[tuple[str, list[ActionCall] | None]] = [
    ("grep 'TODO' -r src", S("TODO", path="src")),
    ("grep -rl \"api_key\" .", S("api_key", files_only=True)),
    ("egrep 'a+b' x.txt", S("a+b", path="x.txt", fixed=False)),
    ("fgrep 'a.b' x.txt", S("a.b", path="x.txt")),
    ("find all occurrences of \"malloc\" in the C files", S("malloc", include="*.c")),
    ("look through logs/ for 'OutOfMemory'", S("OutOfMemory", path="logs/")),
    ("which python files use numpy", S("numpy", include="*.py", files_only=True)),
    ("get the lines with 'WARN' from service.log", S("WARN", path="service.log")),
    ("extract all lines matching 'ERROR|FATAL' from app.log", S("ERROR|FATAL", path="app.log", fixed=False)),
    ("count lines matching 'GET /' in access.log", S("GET /", path="access.log", count=True)),
    ("how often does 'error' appear in app.log", S("error", path="app.log", count=True)),
    ("show non-empty lines of notes.txt", S("^$", path="notes.txt", fixed=False, invert=True)),
    ("count the blank lines in main.py", S(r"^\s*$", path="main.py", fixed=False, count=True)),
    ("print the lines of a.txt that are not blank", S(r"^\s*$", path="a.txt", fixed=False, invert=True)),
    ("print lines that end with a period in essay.txt", S(r"\.$", path="essay.txt", fixed=False)),
    ("display the lines beginning with 'From:' in mbox.txt", S("^From:", path="mbox.txt", fixed=False)),
    ("lines not starting with # in config.ini", S("^#", path="config.ini", fixed=False, invert=True)),
    ("print lines starting with a digit from data.txt", S("^[0-9]", path="data.txt", fixed=False)),
    ("find lines starting with 'def' in every python file", S("^def", include="*.py", fixed=False)),
    ("show lines starting with the in a.txt", None),
    ("search for TODO in src but only in .py files", S("TODO", path="src", include="*.py")),
    ("find images in ~/Pictures", None),  # things, not text to search for
    ("find backups in /srv", None),
    ("find . -name '*.py'", F(name="*.py")),
    ("find . -type f -size +10M", F(type="file", min_size="10M")),
    ("find . -mtime -1", F(newer_than="1d")),
    ("find /var/log -name \"*.gz\"", F(path="/var/log", name="*.gz")),
    ("find src -type d -empty", F(path="src", type="dir", empty=True)),
    ("find . -not -name '*.py' -type f", F(exclude="*.py", type="file")),
    ("find src -maxdepth 1 -type f -iname '*.MD'", F(path="src", max_depth=1, type="file", iname="*.MD")),
    ("find . -name '*.pyc' -delete", None),
    ("find . -name '*.sh' -exec chmod +x {} \\;", None),
    ("find . -name '*.py' -o -name '*.c'", None),
    ("find . -size 10", None),  # 512-byte blocks
    ("python files bigger than 1mb", F(extension="py", min_size="1M", type="file")),
    ("files older than 3 days in logs", F(path="logs", older_than="3d", type="file")),
    ("py files", None),
    ("files in src", None),
    ("python files in use", None),
    ("list everything bigger than 1 gig in my downloads", F(path="~/Downloads", min_size="1G")),
    ("which files are over 100mb", F(min_size="100M", type="file")),
    ("find pdfs in my documents folder", F(path="~/Documents", extension="pdf", type="file")),
    ("find files starting with tmp_ in /tmp", F(path="/tmp", name="tmp_*", type="file")),
    ("find zero-byte files in build", F(path="build", empty=True, type="file")),
    ("show the top 15 lines of data.csv", [C("files.head", path="data.csv", lines=15)]),
    ("tail -20 app.log", [C("files.tail", path="app.log", lines=20)]),
    ("head --lines=5 a.txt", [C("files.head", path="a.txt", lines=5)]),
    ("show everything after line 20 in notes.txt", [C("files.line_range", path="notes.txt", start=21, end=-1)]),
    ("show the number of words in essay.txt", [C("files.count", paths=["essay.txt"], what="words")]),
    ("cut -f 1,3 -d ':' /etc/passwd", [C("files.columns", path="/etc/passwd", fields="1,3", delimiter=":")]),
    ("cut -f2-4 data.tsv", [C("files.columns", path="data.tsv", fields="2-4", delimiter="\t")]),
    ("awk '{print $1}' data.txt", [C("files.columns", path="data.txt", fields="1", delimiter="")]),
    ("awk -F, '{print $2}' data.csv", [C("files.columns", path="data.csv", fields="2", delimiter=",")]),
    ("awk -F: '{print $1, $3}' /etc/passwd", None),  # awk joins with a space, columns with the delimiter
    ("awk '{print $2, $1}' x.txt", None),
]


# A third batch, after the second's fixes: more ways to ask, and grep -L / --exclude-dir / -E 'a|b'.
PROBE_3: list[tuple[str, list[ActionCall] | None]] = [
    ("search recursively in src for 'foo'", S("foo", path="src")),
    ("look inside config.yaml for 'port'", S("port", path="config.yaml")),
    ("does main.py contain 'argparse'", S("argparse", path="main.py")),
    ("does app.log mention OOM", S("OOM", path="app.log")),
    ("does src contain main.py", None),
    ("is 'localhost' mentioned in settings.py", S("localhost", path="settings.py")),
    ("is TODO used anywhere in src", S("TODO", path="src")),
    ("grep 'main' *.c", S("main", include="*.c")),
    ("grep -n TODO src/*.py", S("TODO", path="src", include="*.py", line_numbers=True)),
    ("list files that don't contain 'license'", S("license", files_without=True)),
    ("find files missing 'Copyright'", S("Copyright", files_without=True)),
    ("which .py files in src do not contain 'import'", S("import", path="src", include="*.py", files_without=True)),
    ("search for TODO but not in node_modules", S("TODO", exclude_dir="node_modules")),
    ("search for 'foo' excluding the tests folder", S("foo", exclude_dir="tests")),
    ("grep TODO in src, skipping the vendor directory", S("TODO", path="src", exclude_dir="vendor")),
    ("search for TODO excluding *.min.js", None),
    ("show lines containing foo or bar in a.txt", S("foo|bar", path="a.txt", fixed=False)),
    ("search for TODO or FIXME in src", S("TODO|FIXME", path="src", fixed=False)),
    ("search for 'a.b' or 'c' in x", S(r"a\.b|c", path="x", fixed=False)),
    ("search for error or warning in app.log ignoring case",
     S("error|warning", path="app.log", fixed=False, ignore_case=True)),
    ("replace tabs with commas in data.tsv", [C("files.replace", path="data.tsv", old="\t", new=",")]),
    ("replace spaces with underscores in names.txt", [C("files.replace", path="names.txt", old=" ", new="_")]),
    ("replace 'tabs' with 'commas' in notes.txt", [C("files.replace", path="notes.txt", old="tabs", new="commas")]),
    ("change 'v1' to 'v2' in config.yaml", [C("files.replace", path="config.yaml", old="v1", new="v2")]),
    ("show the columns 2-4 of report.tsv", [C("files.columns", path="report.tsv", fields="2-4")]),
    ("print field 2 of each line in users.txt, fields separated by colons",
     [C("files.columns", path="users.txt", fields="2", delimiter=":")]),
    ("sort fruits.txt alphabetically and remove duplicates", L("fruits.txt", "distinct")),
]


# A fourth batch: man-page one-liners ("Searches main.c for ..."), chatty and formal requests.
PROBE_4: list[tuple[str, list[ActionCall] | None]] = [
    ("Sorts the lines of words.txt in reverse alphabetical order", L("words.txt", "reverse_sorted")),
    ("Searches main.c for the string \"malloc\" and prints the line numbers",
     S("malloc", path="main.c", line_numbers=True)),
    ("Counts the lines that contain 'ERROR' in app.log", S("ERROR", path="app.log", count=True)),
    ("Outputs the second field of each line of input.csv, using a comma as the delimiter",
     [C("files.columns", path="input.csv", fields="2", delimiter=",")]),
    ("find text matching the regex '[0-9]{3}-[0-9]{4}' in contacts.txt",
     S("[0-9]{3}-[0-9]{4}", path="contacts.txt", fixed=False)),
    ("search for 'password' in all files including hidden ones", S("password")),
    ("count how many lines start with '#' in config.ini", S("^#", path="config.ini", fixed=False, count=True)),
    ("how many lines in main.py start with import", S("^import", path="main.py", fixed=False, count=True)),
    ("show the lines of notes.txt that are longer than 80 characters", S("^.{81,}", path="notes.txt", fixed=False)),
    ("find lines longer than 120 chars in src", S("^.{121,}", path="src", fixed=False)),
    ("grep -c ERROR *.log", S("ERROR", include="*.log", count=True)),
    ("grep -L TODO src", S("TODO", path="src", files_without=True)),
    ("are there any files bigger than 1GB in my home", F(path="~", min_size="1G", type="file")),
    ("do I have any pdfs in my downloads", F(path="~/Downloads", extension="pdf", type="file")),
    ("are there files", None),
    ("print the header of data.csv", [C("files.head", path="data.csv", lines=1)]),
    ("what are the column names in data.csv", [C("files.head", path="data.csv", lines=1)]),
    ("uppercase the text in shout.txt", [C("files.case", path="shout.txt", to="upper")]),
    ("get all lines from server.log that don't mention healthcheck",
     S("healthcheck", path="server.log", invert=True)),
    ("print every line in users.csv that ends with 'admin'", S("admin$", path="users.csv", fixed=False)),
]


# A fifth batch: terse requests, counts said other ways, tail -n +N, sed's s///g.
PROBE_5: list[tuple[str, list[ActionCall] | None]] = [
    ("occurrences of 'foo' in bar.py", S("foo", path="bar.py")),
    ("uses of parse in src", S("parse", path="src")),
    ("list every file in lib that contains the word 'async'", S("async", path="lib", whole_word=True, files_only=True)),
    ("print the number of matches for 'import' in main.py", S("import", path="main.py", count=True)),
    ("count how many times 'error' appears in app.log", S("error", path="app.log", count=True)),
    ("what lines contain 'localhost' in /etc/hosts", S("localhost", path="/etc/hosts")),
    ("which lines of a.py mention foo", S("foo", path="a.py")),
    ("find files named like *test*.py", F(name="*test*.py", type="file")),
    ("find files called like.txt", F(name="like.txt", type="file")),
    ("show lines 3 to end of notes.txt", [C("files.line_range", path="notes.txt", start=3, end=-1)]),
    ("print everything except the first line of data.csv", [C("files.line_range", path="data.csv", start=2, end=-1)]),
    ("skip the first 5 lines of data.csv", [C("files.line_range", path="data.csv", start=6, end=-1)]),
    ("show data.csv without the header line", [C("files.line_range", path="data.csv", start=2, end=-1)]),
    ("sed 's/foo/bar/g' file.txt", [C("files.replace", path="file.txt", old="foo", new="bar", in_place=False)]),
    ("sed -i 's|http://|https://|g' links.txt", [C("files.replace", path="links.txt", old="http://", new="https://")]),
    ("sed 's/a.b/c/g' f.txt", None),  # a regex in sed's dialect
    ("sed 's/foo/bar/' f.txt", None),  # the first on each line only
    ("find all files except the .git folder", None),  # exclude leaves out names, not a folder's insides
    ("find all files except .git stuff", None),
    ("replace cat with dog in pets.txt but only show the result",
     [C("files.replace", path="pets.txt", old="cat", new="dog", in_place=False)]),
    ("replace cat with dog in pets.txt without changing the file",
     [C("files.replace", path="pets.txt", old="cat", new="dog", in_place=False)]),
]


# A sixth batch: descriptions of commands, as a manual's one-line summary reads.
PROBE_6: list[tuple[str, list[ActionCall] | None]] = [
    ("Search recursively for files containing \"password\" in /etc and list only their names",
     S("password", path="/etc", files_only=True)),
    ("Find all files in the current directory and below that contain the string \"foo\"", S("foo", files_only=True)),
    ("Show every line that does not start with a # in /etc/fstab", S("^#", path="/etc/fstab", fixed=False, invert=True)),
    ("Convert all text in notes.txt to lowercase", [C("files.case", path="notes.txt", to="lower")]),
    ("is there anything about \"retry\" in config.yaml?", S("retry", path="config.yaml")),
    ("what does line 30 of main.go say", [C("files.line_range", path="main.go", start=30)]),
    ("how long is notes.txt in lines", [C("files.count", paths=["notes.txt"], what="lines")]),
    ("how big is notes.txt in words", [C("files.count", paths=["notes.txt"], what="words")]),
    ("find all files that are exactly 0 bytes", F(empty=True, type="file")),
]


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(entry_points=False)


@pytest.mark.parametrize("text,plan", PROBE)
def test_probe(catalog, text, plan):
    assert match(text, catalog.patterns, catalog.actions) == plan


@pytest.mark.parametrize("text,plan", PROBE_2 + PROBE_3 + PROBE_4 + PROBE_5 + PROBE_6)
def test_probe_held_out(catalog, text, plan):
    assert match(text, catalog.patterns, catalog.actions) == plan


def test_probe_plans_validate(catalog):
    for _, plan in PROBE + PROBE_2 + PROBE_3 + PROBE_4 + PROBE_5 + PROBE_6:
        for call in plan or []:
            catalog.actions.get(call.action).validate(call.args)


def _run(catalog, ctx, text: str) -> str:
    """The request planned by the fast path and run, as the classic tool would print it."""
    (call,) = match(text, catalog.patterns, catalog.actions)
    return catalog.actions.get(call.action).func(ctx, **call.args).output


def test_new_phrasings_print_what_the_tools_print(catalog, ctx, workspace, monkeypatch):
    monkeypatch.chdir(workspace)
    (workspace / "notes.txt").write_text("a b  c\n# comment\n\n  \nimport os\nx;y\n")
    (workspace / "pw").write_text("root:x:0:0\nbin:x:1:1\n")
    assert _run(catalog, ctx, "lines starting with # in notes.txt") == "# comment"
    assert _run(catalog, ctx, "show lines ending with ';' in notes.txt") == ""
    assert _run(catalog, ctx, "show lines ending with y in notes.txt") == "x;y"
    assert _run(catalog, ctx, "count the empty lines in notes.txt") == "1"  # grep -c '^$'
    assert _run(catalog, ctx, "show non-blank lines of notes.txt") == "a b  c\n# comment\nimport os\nx;y"
    assert _run(catalog, ctx, "awk '{print $2}' notes.txt") == "b\ncomment\n\n\nos"
    assert _run(catalog, ctx, "cut -d: -f1,3 pw") == "root:0\nbin:1"
    assert _run(catalog, ctx, "show everything after line 4 in notes.txt") == "import os\nx;y"
    assert _run(catalog, ctx, "show the lines of notes.txt that are longer than 6 characters") == "# comment\nimport os"
    assert _run(catalog, ctx, "print the header of the file pw") == "root:x:0:0"
    assert _run(catalog, ctx, "print everything except the first line of the file pw") == "bin:x:1:1"  # tail -n +2


def test_files_without_and_excluded_folders(catalog, ctx, workspace, monkeypatch):
    monkeypatch.chdir(workspace)
    for name, text in {"a.py": "# License: MIT\nx = 1\n", "b.py": "y = 2\n", "node_modules/c.py": "TODO\n",
                       "src/d.py": "TODO\n"}.items():
        (workspace / name).parent.mkdir(parents=True, exist_ok=True)
        (workspace / name).write_text(text)
    without = _run(catalog, ctx, "list the python files that don't contain 'License'")
    assert without == "./b.py\n./node_modules/c.py\n./src/d.py"  # grep -rL License --include='*.py' .
    assert _run(catalog, ctx, "search for TODO but not in node_modules") == "./src/d.py:TODO"
    assert _run(catalog, ctx, "does b.py contain 'License'") == ""
    assert _run(catalog, ctx, "show lines containing MIT or y in a.py") == "# License: MIT"
