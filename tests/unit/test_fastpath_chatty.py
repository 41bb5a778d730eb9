"""Chatty requests: politeness, a leading "go into X and ...", and creating files with content."""

from __future__ import annotations

import pytest

from nlsh.intent import navigation
from nlsh.intent.fastpath import match, normalise
from nlsh.plugins import load_catalog
from nlsh.types import ActionCall


def C(action: str, **args) -> ActionCall:
    return ActionCall(action, args)


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(entry_points=False)


NAVIGATION: list[tuple[str, list[ActionCall]]] = [
    ("Pop over to the docs directory and create a file called a.txt", [C("files.touch", paths=["docs/a.txt"])]),
    ("Pop over to the docs directory and create a file called a.txt there", [C("files.touch", paths=["docs/a.txt"])]),
    ("Go into 'src' and then list the files", [C("files.list", path="src")]),
    ("First cd within the reports folder and then find any files named x.csv",
     [C("files.find", name="x.csv", type="file", path="reports")]),
    ("In the documents directory, show the last line of notes.txt", [C("files.tail", path="documents/notes.txt", lines=1)]),
    ("Directly open the X folder and make a new directory called Y there", [C("files.mkdir", path="X/Y")]),
    ("Hey there, go into src and list the files, would you?", [C("files.list", path="src")]),
    ("Could you be so kind as to head into the logs folder and show the last 5 lines of app.log?",
     [C("files.tail", path="logs/app.log", lines=5)]),
    ("Your task is to navigate to reports and find any files named x.csv",
     [C("files.find", name="x.csv", type="file", path="reports")]),
    ("Inside the 'my project' folder, create a folder named build", [C("files.mkdir", path="my project/build")]),
    ("go into the src folder and list the files in that folder", [C("files.list", path="src")]),
    ("go into src, and list the python files in there", [C("files.find", extension="py", type="file", path="src")]),
    ("go into src and list the files in src", [C("files.list", path="src")]),
    ("open up the docs folder and read README.md", [C("files.read", path="docs/README.md")]),
    ("go into docs and then rename old.md to new.md", [C("files.move", sources=["docs/old.md"], destination="docs/new.md")]),
    ("hop into src and count the lines in main.py", [C("files.count", paths=["src/main.py"], what="lines")]),
    ("navigate to build and delete all .o files", [C("files.delete", paths=["build/*.o"])]),
    ("cd to the logs directory; then delete all .log files", [C("files.delete", paths=["logs/*.log"])]),
    ("change directory to /tmp and list files", [C("files.list", path="/tmp")]),
    ("go to the parent folder and list files", [C("files.list", path="..")]),
    ("enter the data folder and extract archive.zip", [C("files.extract", archive="data/archive.zip", destination="data")]),
    ("hop into the src folder, then find all python files", [C("files.find", extension="py", type="file", path="src")]),
    ("move into the tmp folder and make nested folders a, b and c", [C("files.mkdir", path="tmp/a/b/c")]),
    ("Navigate to the project directory and create a file named config.ini with the text 'debug=true'",
     [C("files.write", path="project/config.ini", text="debug=true")]),
    ("Go into 'my docs' and then create a file named a.txt with the text 'hi'",
     [C("files.write", path="my docs/a.txt", text="hi")]),
    ("go into src and show the processes", [C("proc.list")]),  # nothing there depends on the folder
    ("Open up the X folder. How much space does it use?", [C("files.disk_usage", depth=0, path="X")]),
    ("go into src and count the files in it", [C("files.count_entries", type="file", path="src")]),
]

NAVIGATION_PASSES_ON = [
    "go to src and print the working directory",  # would print the wrong folder
    "open notes.txt and show the first line",  # a file, not a folder
    "In 2024, list the files", "In general, list the files", "open vim and create a file called a.txt",
    "switch to main and show the log", "Get rid of build and then list files",
    "go to the data folder and delete it", "cd into build and then remove everything",
]

CREATE: list[tuple[str, list[ActionCall]]] = [
    ("create a file named notes.txt with the text 'hello world'", [C("files.write", path="notes.txt", text="hello world")]),
    ("make a document called todo.txt and put 'buy milk' in it", [C("files.write", path="todo.txt", text="buy milk")]),
    ("write 'hello' into greeting.txt", [C("files.write", path="greeting.txt", text="hello")]),
    ("populate data.txt with 'a,b,c'", [C("files.write", path="data.txt", text="a,b,c")]),
    ("store 'secret sauce' in recipe.txt", [C("files.write", path="recipe.txt", text="secret sauce")]),
    ('create a file called a.txt containing "Hello, World!"', [C("files.write", path="a.txt", text="Hello, World!")]),
    ('generate a file named hello.txt that contains the text "hi there"',
     [C("files.write", path="hello.txt", text="hi there")]),
    ("create a text file hello.txt whose content is '  spaced  '", [C("files.write", path="hello.txt", text="  spaced  ")]),
    ("put the text 'hi' into a new file named greet.txt", [C("files.write", path="greet.txt", text="hi")]),
    ("create the file notes.txt and write 'hello' in it", [C("files.write", path="notes.txt", text="hello")]),
    ("echo 'hello' into a.txt", [C("files.write", path="a.txt", text="hello")]),
    ('save the text "hi" as a file called hi.txt', [C("files.write", path="hi.txt", text="hi")]),
    ("create a file named b.txt with the content of 'hello'", [C("files.write", path="b.txt", text="hello")]),
    ("craft a new empty file called draft.md", [C("files.touch", paths=["draft.md"])]),
    ("draft a new file named plan.txt", [C("files.touch", paths=["plan.txt"])]),
    ("make a new file named b.txt right here", [C("files.touch", paths=["b.txt"])]),
    ("create a file named a.txt, yield an error if it already exists", [C("files.touch", paths=["a.txt"])]),
    ("could you rename the file I called old.txt to new.txt", [C("files.move", sources=["old.txt"], destination="new.txt")]),
    ("rename the file called a.txt to b.txt", [C("files.move", sources=["a.txt"], destination="b.txt")]),
    ("set up a fresh folder named reports", [C("files.mkdir", path="reports")]),
    ("make a fresh directory called build", [C("files.mkdir", path="build")]),
    ("create a folder named reports wherever you're currently working", [C("files.mkdir", path="reports")]),
    ("make a folder called logs, return an error if it already exists", [C("files.mkdir", path="logs", parents=False)]),
    ("create nested folders a, b and c", [C("files.mkdir", path="a/b/c")]),
    ("create folders x, y and z nested inside each other", [C("files.mkdir", path="x/y/z")]),
    ("make nested directories 2024, q1 and reports inside archive", [C("files.mkdir", path="archive/2024/q1/reports")]),
    ("create intermediate directories a and b as required and create c", [C("files.mkdir", path="a/b/c")]),
    ("create the directory a/b/c including parents", [C("files.mkdir", path="a/b/c")]),
    ("make directories a/b/c, creating parent directories as needed", [C("files.mkdir", path="a/b/c")]),
    ("create folders x, y and z", [C("files.mkdir", path="x"), C("files.mkdir", path="y"), C("files.mkdir", path="z")]),
    ("put 'x' in the trash", [C("files.delete", paths=["x"])]),  # still a delete, not a write
    ("Could you please rename my file a.txt so it's called b.txt",
     [C("files.move", sources=["a.txt"], destination="b.txt")]),
    ("create the directory structure a/b/c", [C("files.mkdir", path="a/b/c")]),
    ("make a new folder inside docs called drafts", [C("files.mkdir", path="docs/drafts")]),
    ('make a file named out.txt with "line one" as its content', [C("files.write", path="out.txt", text="line one")]),
    ("create a.txt containing 'x'", [C("files.write", path="a.txt", text="x")]),
    ("create a new file, call it a.txt, with the text 'hi'", [C("files.write", path="a.txt", text="hi")]),
    ("create the empty files a.txt, b.txt and c.txt", [C("files.touch", paths=["a.txt", "b.txt", "c.txt"])]),
    ("Make me a folder called scratch", [C("files.mkdir", path="scratch")]),
    ("create a folder named out", [C("files.mkdir", path="out")]),  # after "named", any word is a name
    ("Generate a new directory called tmp2, erroring if it already exists", [C("files.mkdir", path="tmp2", parents=False)]),
    ("create a folder called x and throw an error if a folder with that name already exists",
     [C("files.mkdir", path="x", parents=False)]),
    ("add a file named readme.md with the content '# Title'", [C("files.write", path="readme.md", text="# Title")]),
]

CREATE_PASSES_ON = [
    "Make a file called hello.py that prints 'hi'",  # the content is to be made up
    "create notes containing 'x'", "create a folder called it", "make a folder called new stuff",
]

STEPS: list[tuple[str, list[ActionCall]]] = [
    ("make a new directory named build and then list the files", [C("files.mkdir", path="build"), C("files.list")]),
    ("Create a folder called logs. Then list the files", [C("files.mkdir", path="logs"), C("files.list")]),
    ("create a file a.txt with the text 'hi', then show a.txt",
     [C("files.write", path="a.txt", text="hi"), C("files.read", path="a.txt")]),
    ("copy a.txt to b.txt; delete a.txt",
     [C("files.copy", sources=["a.txt"], destination="b.txt"), C("files.delete", paths=["a.txt"])]),
    ("write 'a; then b' into x.txt and then show x.txt",
     [C("files.write", path="x.txt", text="a; then b"), C("files.read", path="x.txt")]),
    ("go into src, create a folder named out and then list the files",
     [C("files.mkdir", path="src/out"), C("files.list", path="src")]),
]

STEPS_PASS_ON = [
    "find the largest file and then delete it",  # "it" is the first step's result
    "rename draft.md to final.md and then show it",
    "list the files and then frobnicate them",
]


@pytest.mark.parametrize("request_text,expected", NAVIGATION + CREATE + STEPS)
def test_request_gives_plan(catalog, request_text, expected):
    assert match(request_text, catalog.patterns, catalog.actions) == expected


@pytest.mark.parametrize("request_text", NAVIGATION_PASSES_ON + CREATE_PASSES_ON + STEPS_PASS_ON)
def test_unclear_request_passes_on(catalog, request_text):
    assert match(request_text, catalog.patterns, catalog.actions) is None


def test_navigation_needs_the_action_registry(catalog):
    """Without it nothing says which arguments are paths, so the request passes on."""
    assert match("go into src and list the files", catalog.patterns) is None


def test_plans_validate(catalog):
    for text, _ in NAVIGATION + CREATE + STEPS:
        for call in match(text, catalog.patterns, catalog.actions) or []:
            catalog.actions.get(call.action).validate(call.args)


@pytest.mark.parametrize("raw,clean", [
    ("Hey there, list the files", "list the files"),
    ("list the files, would you?", "list the files"),
    ("Kindly list the files for me", "list the files"),
    ("Could you be so kind as to list the files?", "list the files"),
    ("I need you to list the files", "list the files"),
    ("Your task is to list the files.", "list the files"),
    ("Hi! Please list the files", "list the files"),
    ("list the files, if you would", "list the files"),
    ("I would appreciate it if you could list the files", "list the files"),
    ("Do me a favor and list the files", "list the files"),
    ("so can you please list files for me, thanks!", "list files"),
    ("list the files wherever you're currently working", "list the files here"),
    ("list files in your current folder", "list files in the current folder"),
    ("write 'wherever you are working' into x.txt", "write 'wherever you are working' into x.txt"),
])
def test_normalise_drops_chatter(raw, clean):
    assert normalise(raw) == clean


@pytest.mark.parametrize("request_text,folder,rest", [
    ("go into src and list the files", "src", ("list the files",)),
    ("Open up the X folder. What's the disk usage of that folder", "X",
     ("What's the disk usage", "What's the disk usage of this folder")),
    ("In the docs folder, make a folder called a there", "docs", ("make a folder called a",)),
    ("head over to ~/work and then, show git status", "~/work", ("show git status",)),
    ("cd my downloads and list pdfs", "~/Downloads", ("list pdfs",)),
    ("go into logs and tell me how big it is", "logs", ("tell me how big it is", "tell me how big this folder is")),
])
def test_split_reads_the_folder_and_the_rest(request_text, folder, rest):
    assert navigation.split(request_text) == (folder, rest)


def test_reroot_joins_relative_paths_and_fills_defaults(catalog):
    calls = [C("files.copy", sources=["a.txt", "/etc/hosts", "~/x"], destination="out/"), C("files.list")]
    assert navigation.reroot(calls, "src", catalog.actions) == [
        C("files.copy", sources=["src/a.txt", "/etc/hosts", "~/x"], destination="src/out/"),
        C("files.list", path="src"),
    ]


def test_reroot_refuses_what_depends_on_where_it_runs(catalog):
    assert navigation.reroot([C("shell.run", argv=["make"])], "src", catalog.actions) is None
    assert navigation.reroot([C("files.pwd")], "src", catalog.actions) is None
    assert navigation.reroot([C("no.such.action")], "src", catalog.actions) is None


def test_reroot_leaves_optional_inputs_out_and_refuses_unnamed_outputs():
    import nlsh_git.plugin
    import nlsh_mail.plugin
    from nlsh.plugins import load_catalog as load

    actions = load(entry_points=False, extra=[("git", nlsh_git.plugin), ("mail", nlsh_mail.plugin)]).actions
    assert navigation.reroot([C("git.clone", url="https://example.org/r.git")], "src", actions) is None
    assert navigation.reroot([C("git.status")], "src", actions) == [C("git.status", repo="src")]
    send = C("mail.send", to=["bob@example.org"], subject="hi", body="hello")
    assert navigation.reroot([send], "src", actions) == [send]
