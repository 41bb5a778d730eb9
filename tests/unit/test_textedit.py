"""files.replace / files.columns / files.case on real files, and their phrasings."""

from __future__ import annotations

import pytest

from _fs_testkit import preview, undo, unchanged_by
from nlsh.actions import textedit
from nlsh.errors import ActionFailed, BadArguments
from nlsh.intent.fastpath import match
from nlsh.plugins import load_catalog
from nlsh.types import ActionCall


def test_replace_in_place_and_undo(ctx, workspace):
    f = workspace / "hosts.txt"
    f.write_text("localhost a\nlocalhost b\nother\n")
    shown = unchanged_by(ctx, preview, ctx, "files.replace", path=str(f), old="localhost", new="127.0.0.1")
    assert shown.count == 2
    result = textedit.replace(ctx, str(f), "localhost", "127.0.0.1")
    assert f.read_text() == "127.0.0.1 a\n127.0.0.1 b\nother\n"
    assert "replaced 2 occurrence(s)" in result.output
    undo(ctx, "files.replace", result)
    assert f.read_text() == "localhost a\nlocalhost b\nother\n"


def test_replace_can_only_print_and_takes_text_literally(ctx, workspace):
    f = workspace / "a.txt"
    f.write_text("cost: $5 (a.b)\n")
    result = textedit.replace(ctx, str(f), "(a.b)", r"\1 & \g<0>", in_place=False)
    assert result.output == r"cost: $5 \1 & \g<0>"
    assert f.read_text() == "cost: $5 (a.b)\n"  # unchanged
    assert textedit.replace(ctx, str(f), "COST", "price", ignore_case=True, in_place=False).output == "price: $5 (a.b)"
    assert textedit.replace(ctx, str(f), r"\d", "N", regex=True, in_place=False).output == "cost: $N (a.b)"


def test_replace_bad_input(ctx, workspace):
    f = workspace / "a.txt"
    f.write_text("x\n")
    assert "nothing changed" in textedit.replace(ctx, str(f), "absent", "y").output
    with pytest.raises(BadArguments):
        textedit.replace(ctx, str(f), "", "y")
    with pytest.raises(BadArguments, match="not a valid pattern"):
        textedit.replace(ctx, str(f), "(", "y", regex=True)
    (workspace / "bin.dat").write_bytes(b"\x00\x01\x02" * 100)
    with pytest.raises(ActionFailed, match="binary"):
        textedit.replace(ctx, str(workspace / "bin.dat"), "a", "b")


def test_columns_like_cut_and_awk(ctx, workspace):
    csv = workspace / "s.csv"
    csv.write_text("name,age,city\nann,31,oslo\n")
    assert textedit.columns(ctx, str(csv), "1,3").output == "name,city\nann,oslo"
    plain = workspace / "p.txt"
    plain.write_text("a   b c\nd e  f\n")
    assert textedit.columns(ctx, str(plain), "2-").output == "b c\ne f"
    colon = workspace / "pw.txt"
    colon.write_text("root:x:0\nbob:x:1000\n")
    assert textedit.columns(ctx, str(colon), "3", delimiter=":").output == "0\n1000"
    with pytest.raises(BadArguments, match="column numbers"):
        textedit.columns(ctx, str(colon), "0")


def test_case(ctx, workspace):
    f = workspace / "n.txt"
    f.write_text("Hello World\n")
    assert textedit.case(ctx, str(f), "upper").output == "HELLO WORLD"
    assert textedit.case(ctx, str(f), "lower").output == "hello world"


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


def C(action, **args):
    return [ActionCall(action, args)]


@pytest.mark.parametrize("text, plan", [
    ("replace foo with bar in notes.txt", C("files.replace", path="notes.txt", old="foo", new="bar")),
    ("substitute every occurrence of 'v1' with 'v2' in setup.cfg",
     C("files.replace", path="setup.cfg", old="v1", new="v2")),
    ("in config.ini, replace debug with info", C("files.replace", path="config.ini", old="debug", new="info")),
    ('replace "old name" with "new name" in doc.md and print the result',
     C("files.replace", path="doc.md", old="old name", new="new name", in_place=False)),
    ("show pets.txt with cat replaced by dog", C("files.replace", path="pets.txt", old="cat", new="dog", in_place=False)),
    ("show the second column of data.csv", C("files.columns", path="data.csv", fields="2")),
    ("print columns 1 and 3 of data.txt separated by colons",
     C("files.columns", path="data.txt", fields="1,3", delimiter=":")),
    ("extract fields 2 to 4 from a.tsv", C("files.columns", path="a.tsv", fields="2-4")),
    ("print the 1st and 3rd fields of users.txt using ';' as the delimiter",
     C("files.columns", path="users.txt", fields="1,3", delimiter=";")),
    ("convert notes.txt to uppercase", C("files.case", path="notes.txt", to="upper")),
    ("print names.txt in lower case", C("files.case", path="names.txt", to="lower")),
    ("show the contents of title.txt in capital letters", C("files.case", path="title.txt", to="upper")),
])
def test_text_edit_phrasings(catalog, text, plan):
    assert match(text, catalog.patterns) == plan


@pytest.mark.parametrize("text", ["replace it with something better", "change the color to red in style.css"])
def test_vague_edits_pass_to_the_model(catalog, text):
    plan = match(text, catalog.patterns)
    assert plan is None or plan[0].action != "files.replace"
