"""Requests written as to an assistant (backstory, politeness, quoted names) -> plans, or passed on."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from nlsh.intent import conversation
from nlsh.intent.fastpath import match, normalise
from nlsh.plugins import load_catalog
from nlsh.types import ActionCall


def C(action: str, **args) -> ActionCall:
    return ActionCall(action, args)


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(entry_points=False)


READ: list[tuple[str, list[ActionCall]]] = [
    ("I wrote a file called 'notes.md' in my docs folder last week and I'd love to see what's in it, could you show me?",
     [C("files.read", path="docs/notes.md")]),
    ("Please check whether a file named 'todo.txt' exists here and, if it does, show me its contents.",
     [C("files.read", path="todo.txt")]),
    ('Hi! I\'ve got a file named "report.txt" in the reports folder. Can you display its contents for me?',
     [C("files.read", path="reports/report.txt")]),
    ("I saved some notes in 'ideas.md' inside my projects directory yesterday. Would you mind showing me what it says?",
     [C("files.read", path="projects/ideas.md")]),
    ("There is a file called config.yaml under the settings folder. I'd like to take a look at it.",
     [C("files.read", path="settings/config.yaml")]),
    ("My colleague left a file named 'handover.txt' in the shared directory, I need to read it.",
     [C("files.read", path="shared/handover.txt")]),
    ("Can you open the document 'minutes.md' which resides in the meetings folder and show me what's inside?",
     [C("files.read", path="meetings/minutes.md")]),
    ("Hello! Last month I put a markdown file named 'changelog.md' into the release folder. Could you print it out?",
     [C("files.read", path="release/changelog.md")]),
    ("So there's this file, 'config.json', sitting in the settings directory. What's inside it?",
     [C("files.read", path="settings/config.json")]),
    ('I keep my shopping list in "list.txt". Can you show it to me?', [C("files.read", path="list.txt")]),
    ("I think there's a document named 'budget.csv' in my finance folder. I want to see its contents please.",
     [C("files.read", path="finance/budget.csv")]),
    ("Can you tell me what 'notes.md' says?", [C("files.read", path="notes.md")]),
    ("What does the file 'notes.md' contain?", [C("files.read", path="notes.md")]),
    ("A file named 'todo.txt' should be here. Check if it exists, and if it does, display its contents.",
     [C("files.read", path="todo.txt")]),
    ("Last week I jotted down some ideas in a file named 'ideas.txt', which is in my notes folder. Could you roll "
     "out its contents?", [C("files.read", path="notes/ideas.txt")]),
    ("I put 'report.txt' in my documents folder; please show it", [C("files.read", path="~/Documents/report.txt")]),
    ("There's a file 'readme.md' in src/docs/. Show me what it says.", [C("files.read", path="src/docs/readme.md")]),
    ("hey so i have notes.md in the docs folder, can u show it", [C("files.read", path="docs/notes.md")]),
    ("i put todo.txt in my tasks folder yesterday. whats in it?", [C("files.read", path="tasks/todo.txt")]),
    ("there's a config file called settings.ini in the conf dir. show me", [C("files.read", path="conf/settings.ini")]),
    ("I would like to see the content of the file 'data.json' located in the api folder.",
     [C("files.read", path="api/data.json")]),
    ("I created a folder named 'exports' yesterday; can you show me what's in it?", [C("files.list", path="exports")]),
    ("There's a folder called 'src' in the project directory. What's inside it?", [C("files.list", path="project/src")]),
]

SEARCH: list[tuple[str, list[ActionCall]]] = [
    ("There's a log named 'server.log' in the logs directory. Your job is to pull out every line that mentions "
     "'timeout'.", [C("files.search", pattern="timeout", path="logs/server.log", fixed=True)]),
    ("I have a log file called 'app.log' in the logs folder. Please find all lines that contain 'ERROR'.",
     [C("files.search", pattern="ERROR", path="logs/app.log", fixed=True)]),
    ("In 'server.log', which sits in the logs directory, look for the word 'refused' please.",
     [C("files.search", pattern="refused", path="logs/server.log", fixed=True)]),
    ("There's a file named 'access.log' in the var folder. Show me every line mentioning \"404\", ignoring case.",
     [C("files.search", pattern="404", path="var/access.log", fixed=True, ignore_case=True)]),
    ("Could you grep for 'TODO' in the file 'main.py' that lives in the src folder?",
     [C("files.search", pattern="TODO", path="src/main.py", fixed=True)]),
    ("A teammate dropped 'errors.log' in the logs folder this morning. I need every line that contains 'Traceback'.",
     [C("files.search", pattern="Traceback", path="logs/errors.log", fixed=True)]),
    ("Our nginx log 'access.log' lives in the var directory. How many lines mention '500'?",
     [C("files.search", pattern="500", path="var/access.log", fixed=True, count=True)]),
    ("I keep notes in 'journal.txt'. Could you find the lines where I mention 'holiday', regardless of case?",
     [C("files.search", pattern="holiday", path="journal.txt", fixed=True, ignore_case=True)]),
    ("My app writes to 'debug.log' in the tmp folder; show the lines featuring 'retry' with line numbers",
     [C("files.search", pattern="retry", path="tmp/debug.log", fixed=True, line_numbers=True)]),
    ("There's a log named 'server.log' in the logs directory. Extract all of the lines that include 'timeout'.",
     [C("files.search", pattern="timeout", path="logs/server.log", fixed=True)]),
    ("There's a log named 'server.log' in the logs directory. Which lines mention 'timeout'?",
     [C("files.search", pattern="timeout", path="logs/server.log", fixed=True)]),
    ("my server log is logs/app.log. i need all the lines with ERROR in them",
     [C("files.search", pattern="ERROR", path="logs/app.log", fixed=True)]),
    ("Would you search through 'app.log' in the logs folder for 'OutOfMemory'?",
     [C("files.search", pattern="OutOfMemory", path="logs/app.log", fixed=True)]),
    ("Search 'server.log' in the logs folder for the word 'timeout'",
     [C("files.search", pattern="timeout", path="logs/server.log", fixed=True)]),
]

CREATE: list[tuple[str, list[ActionCall]]] = [
    ("I need a new document, let's call it 'plan.md', and put 'Draft plan' in it.",
     [C("files.write", path="plan.md", text="Draft plan")]),
    ("I'd like a new file called 'notes.txt' in the docs folder with the text 'hello world' in it.",
     [C("files.write", path="docs/notes.txt", text="hello world")]),
    ("Please create an empty document named 'draft.md' for me.", [C("files.touch", paths=["draft.md"])]),
    ("We need a new text file, call it 'readme.txt', and write 'Welcome' inside.",
     [C("files.write", path="readme.txt", text="Welcome")]),
    ('Set up a new file named "todo.md" in the tasks directory.', [C("files.touch", paths=["tasks/todo.md"])]),
    ("Please draft a new markdown document titled 'meeting.md' in the notes folder, containing '# Meeting notes'.",
     [C("files.write", path="notes/meeting.md", text="# Meeting notes")]),
    ("I'd love a brand new empty file named '.env' right here.", [C("files.touch", paths=[".env"])]),
    ("I want a document called 'notes.txt' saying 'remember the milk'.",
     [C("files.write", path="notes.txt", text="remember the milk")]),
    ("I need a new document, let's name it 'plan.md', and write 'Draft plan' into it.",
     [C("files.write", path="plan.md", text="Draft plan")]),
    ("I'd like you to draft a document called 'plan.md' with 'Draft plan' as its content.",
     [C("files.write", path="plan.md", text="Draft plan")]),
]

CHANGE: list[tuple[str, list[ActionCall]]] = [
    ("Could you rename my file 'a.txt' that lives in the work folder to 'b.txt'?",
     [C("files.move", sources=["work/a.txt"], destination="work/b.txt")]),
    ("I have a file called 'old.txt' in the archive folder. Please rename it to 'new.txt'.",
     [C("files.move", sources=["archive/old.txt"], destination="archive/new.txt")]),
    ("Change the name of 'draft.md' in the docs folder to 'final.md'.",
     [C("files.move", sources=["docs/draft.md"], destination="docs/final.md")]),
    ("Hey, my script 'build.sh' in the tools folder has a bad name; please rename it to 'make.sh'.",
     [C("files.move", sources=["tools/build.sh"], destination="tools/make.sh")]),
    ("There's a photo called 'IMG_001.jpg' in my pictures folder, could you rename it as 'beach.jpg'?",
     [C("files.move", sources=["~/Pictures/IMG_001.jpg"], destination="~/Pictures/beach.jpg")]),
    ("There's a file 'data.csv' in the downloads folder; copy it into the backup folder.",
     [C("files.copy", sources=["downloads/data.csv"], destination="backup")]),
    ("Please make a copy of 'a.txt', which lives in the work folder, named 'a_copy.txt'.",
     [C("files.copy", sources=["work/a.txt"], destination="work/a_copy.txt")]),
    ("Could you duplicate 'report.docx' which is in the work folder as 'report-v2.docx'?",
     [C("files.copy", sources=["work/report.docx"], destination="work/report-v2.docx")]),
    ("Please give 'draft.txt' in the docs folder a new name, 'final.txt'.",
     [C("files.move", sources=["docs/draft.txt"], destination="docs/final.txt")]),
    ("I'd appreciate it if you could move 'todo.txt', which is in the inbox folder, to the done folder.",
     [C("files.move", sources=["inbox/todo.txt"], destination="done")]),
]

FOLDERS: list[tuple[str, list[ActionCall]]] = [
    ("Make a new folder named 'x' inside the 'y' directory, and return an error if it exists",
     [C("files.mkdir", path="y/x", parents=False)]),
    ("Create a new directory called 'photos' inside the 'media' folder.", [C("files.mkdir", path="media/photos")]),
    ("I need a new folder named 'build' in the project directory.", [C("files.mkdir", path="project/build")]),
    ("Would you be so kind as to create a folder named 'tmp' in the build directory?", [C("files.mkdir", path="build/tmp")]),
    ("We want a separate folder, call it 'out', under the 'dist' folder; fail if it already exists.",
     [C("files.mkdir", path="dist/out", parents=False)]),
    ("Create a directory called 'x' within the folder 'y'; it should fail if it's already there.",
     [C("files.mkdir", path="y/x", parents=False)]),
    ("What's the human-readable disk usage of the 'assets' folder?", [C("files.disk_usage", path="assets", depth=0)]),
    ("How much disk space does the 'node_modules' folder take up?", [C("files.disk_usage", path="node_modules", depth=0)]),
    ("How big is the folder called 'videos'?", [C("files.disk_usage", path="videos", depth=0)]),
    ("Roughly how much space is the 'cache' folder using, in human readable form?",
     [C("files.disk_usage", path="cache", depth=0)]),
    ("What's the total size of the directory named 'dist'?", [C("files.disk_usage", path="dist", depth=0)]),
]

COUNT_AND_CHECK: list[tuple[str, list[ActionCall]]] = [
    ("Tell me how many lines are in 'data.csv', which is in the exports folder.",
     [C("files.count", paths=["exports/data.csv"], what="lines")]),
    ("Could you count the words in the file 'essay.txt' in my school folder?",
     [C("files.count", paths=["school/essay.txt"], what="words")]),
    ("How many words does the essay in 'essay.md' have?", [C("files.count", paths=["essay.md"], what="words")]),
    ("I need to know how many lines there are in 'big.csv'.", [C("files.count", paths=["big.csv"], what="lines")]),
    ("Is there a file called 'config.ini' in the settings directory?", [C("files.stat", path="settings/config.ini")]),
    ("Check whether 'backup.tar' exists in the archive folder.", [C("files.stat", path="archive/backup.tar")]),
    ("Can you check if 'deploy.yaml' exists in the k8s folder?", [C("files.stat", path="k8s/deploy.yaml")]),
]

ENDS: list[tuple[str, list[ActionCall]]] = [
    ("There's a log 'app.log' in the logs folder. Could you show me the last 20 lines?",
     [C("files.tail", path="logs/app.log", lines=20)]),
    ("I have a file called notes.md in the docs folder. Please print the first 5 lines.",
     [C("files.head", path="docs/notes.md", lines=5)]),
    ("I keep my todo list in 'todo.txt'; what's the first line?", [C("files.head", path="todo.txt", lines=1)]),
    ("Can you show me the last line of the file 'server.log', which lives in the logs directory?",
     [C("files.tail", path="logs/server.log", lines=1)]),
]

NAVIGATION: list[tuple[str, list[ActionCall]]] = [
    ("In the docs folder, there's a file called 'notes.md'; could you show it to me?",
     [C("files.read", path="docs/notes.md")]),
    ("Go into the logs folder. There's a file named 'server.log' there; pull out every line that mentions 'timeout'.",
     [C("files.search", pattern="timeout", path="logs/server.log", fixed=True)]),
    ("Head over to the work folder and rename my file 'a.txt' to 'b.txt', would you?",
     [C("files.move", sources=["work/a.txt"], destination="work/b.txt")]),
]

ALL = READ + SEARCH + CREATE + CHANGE + FOLDERS + COUNT_AND_CHECK + ENDS + NAVIGATION

PASS_ON = [
    "I wrote a file called 'notes.md' yesterday; can you summarize it?",  # not a read
    "Show me 'a.txt' and 'b.txt', the ones in my docs folder",  # two files
    "I deleted 'old.txt' by mistake, can you show me 'new.txt'?",
    "Write a poem about cats in a file called poem.txt",  # the content is to be made up
    "Create a file called notes.txt with a short story in it",
    "Can you tell me what's in the file that I created yesterday?",  # which file?
    "There is a file named 'notes.md' in docs. Is it important?",  # no request
    "Open a new terminal and show me 'notes.md'",  # a step this reader does not know
    "I'd love to open vim and see 'notes.md'",
    "Show me 'notes.md' in the docs folder or the src folder",
    "Don't show me 'secret.txt', just tell me if 'notes.md' is in the docs folder",
    "I need a new document called 'plan.md' and a folder called 'drafts'",  # two things to make
    "Rename 'a.txt' to 'b.txt' and 'c.txt' to 'd.txt'",
    "the file 'notes.md' is in the docs folder and I want to edit it",
    "I have a file called 'notes.md' in docs. Please print the first 5 lines.",  # "in docs": a folder?
    "I keep 'todo.txt' in my dropbox, show it to me", "show me the first and last lines of 'a.txt'",
    "I have a folder named 'build' and a folder named 'dist'. Show me what's in it.",
    "There's a script named 'run.sh' in the bin folder. Can you run it?",
    "I have a document 'cv.docx' in my documents folder. Email it to bob.",
    "Show me the lines in 'app.log' that mention 'error' and 'warning'",
    "I need a new file named 'x.txt' with 'a' and 'b' in it",
    "Create a file named 'a.txt' in the 'x' folder in the 'y' folder",
    "Could you make a new folder for my photos?",
    "Play the song 'song.mp3' in the music folder",
    "Make a file called hello.py that prints 'hi'",
    "I'd love to see 'notes.md' and then rename it to 'old.md'",
    "Please look at 'notes.md' in the docs folder, fix the typos and show me the result",
    "Copy 'a.txt' from the work folder to 'b.txt' and 'c.txt'",
    "Make me a new directory, call it 'backups', inside the 'home' folder... wait, that's fine.",
    # a word the reader cannot place means more was asked than it understood
    "open notes.txt in vim", "read notes.txt aloud", "print notes.txt on the printer",
    "open the document 'cv.docx' in libreoffice", "is there a newer version of setup.py",
    "show me who owns 'data.csv'", "show me when 'notes.md' was modified", "read me a story about 'notes.md'",
    "I need a file called 'a.txt' from the server",
    "Show me 'app.log' from the logs folder on the remote server", "There's 'a.txt' in docs. Please open it with vim.",
    # not text
    "what's in 'backup.tar.gz' in the archive folder",
    # two steps, or a condition with two outcomes
    "If 'a.txt' exists, show it, otherwise create it", "create a file called 'x.txt' and show it",
    "count the lines in 'a.txt' and show it", "Make a copy of 'a.txt' in the docs folder and show me it",
    "Rename 'a.txt' in the docs folder to 'b.txt' and move it to the archive folder", "Copy 'a.txt' to 'b.txt' and open it",
]


# Requests other patterns plan (sorting, numbering, archives, steps) that this reader must leave alone.
READER_PASSES_ON = [
    "show the contents of 'a.txt' sorted", "show 'a.txt' with line numbers", "what's in 'archive.zip'",
    "Find the lines with 'error' in 'app.log' and count them",
]


@pytest.mark.parametrize("request_text,expected", ALL)
def test_request_gives_plan(catalog, request_text, expected):
    assert match(request_text, catalog.patterns, catalog.actions) == expected


@pytest.mark.parametrize("request_text", PASS_ON)
def test_unclear_request_passes_on(catalog, request_text):
    assert match(request_text, catalog.patterns, catalog.actions) is None


@pytest.mark.parametrize("request_text", PASS_ON + READER_PASSES_ON)
def test_the_reader_alone_passes_on(request_text):
    assert conversation.plan(normalise(request_text)) is None


def test_plans_validate(catalog):
    for text, _ in ALL:
        for call in match(text, catalog.patterns, catalog.actions) or []:
            catalog.actions.get(call.action).validate(call.args)


@pytest.mark.parametrize("text,masked,quotes", [
    ("I'd love to see what's in 'notes.md'", "I'd love to see what's in «0»", ("notes.md",)),
    ("let's call it \"a b.txt\", ok?", "let's call it «0», ok?", ("a b.txt",)),
    ("put 'it's fine' in it", "put «0» in it", ("it's fine",)),
    ("no quotes «here»", "no quotes here", ()),
])
def test_mask_tells_quotes_from_apostrophes(text, masked, quotes):
    reading = conversation.mask(text)
    assert (reading.text, reading.quotes) == (masked, quotes)


def test_simple_requests_are_left_to_the_precise_patterns():
    """The reader is registered last; on its own it still reads the short forms the same way."""
    assert conversation.plan("show me what's in notes.md") == [C("files.read", path="notes.md")]
    assert conversation.plan("list the files") is None
    assert conversation.plan("") is None


def test_end_to_end_through_the_cli(workspace, nlsh_home, tmp_path):
    (workspace / "logs").mkdir()
    (workspace / "logs" / "server.log").write_text("ok\nconnect timeout\nok\nread timeout\n")
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(tmp_path), "NLSH_HOME": str(nlsh_home),
           "LANG": "C.UTF-8"}
    request = ("There's a log named 'server.log' in the logs directory. "
               "Your job is to pull out every line that mentions 'timeout'.")
    proc = subprocess.run([sys.executable, "-m", "nlsh", "-c", request, "--json", "--model", "none"],
                          capture_output=True, cwd=workspace, env=env, timeout=120)
    data = json.loads(proc.stdout)
    assert data["exit_code"] == 0, proc.stderr
    assert [p["action"] for p in data["plan"]] == ["files.search"]
    assert data["output"].splitlines() == ["connect timeout", "read timeout"]
