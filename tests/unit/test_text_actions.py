"""The text and file-tool actions print what the classic tools print; the changing ones undo.

files.line_range (sed -n), files.lines (sort, uniq, tac, cat -n), files.count (wc),
files.count_entries (ls | wc -l), files.largest, files.duplicates, files.compare (diff -rq),
files.compress / files.decompress (gzip), files.link (ln -s), system.home and system.env.
Where a GNU tool is at hand, the output is compared with it.
"""

from __future__ import annotations

import gzip
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from nlsh.actions import archive, files, system
from nlsh.errors import ActionFailed
from nlsh.plugins import load_catalog


def _gnu() -> bool:
    if not shutil.which("sort"):
        return False
    out = subprocess.run(["sort", "--version"], capture_output=True, text=True).stdout
    return "GNU coreutils" in out


gnu = pytest.mark.skipif(not _gnu(), reason="needs GNU coreutils to compare with")


def tool(workspace: Path, *argv: str) -> str:
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LC_ALL": "C"}
    done = subprocess.run(list(argv), cwd=workspace, env=env, capture_output=True)
    return done.stdout.decode().removesuffix("\n")  # one: an empty last line is output too


def write(path: Path, data: str | bytes) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return str(path)


@pytest.fixture
def words(workspace: Path) -> str:
    return write(workspace / "w.txt", "pear\napple\napple\nfig\n10\n9\npear\n\nfig\n")


# --- registration ---------------------------------------------------------------------


def test_the_new_actions_are_registered_and_documented():
    catalog = load_catalog(entry_points=False)
    for name in ("files.line_range", "files.lines", "files.count_entries", "files.largest", "files.duplicates",
                 "files.compare", "files.compress", "files.decompress", "files.link", "system.home", "system.env"):
        spec = catalog.actions.get(name)
        assert spec is not None, name
        assert all(p.description for p in spec.params)
    assert catalog.actions.get("files.compress").reversible
    assert catalog.actions.get("files.link").reversible
    assert catalog.actions.get("files.lines").capabilities == ("fs.read",)


# --- line ranges ------------------------------------------------------------------------


@gnu
def test_line_range_matches_sed(ctx, workspace):
    path = write(workspace / "n.txt", "".join(f"line {i}\n" for i in range(1, 31)))
    assert files.line_range(ctx, path, 3, 5).output == tool(workspace, "sed", "-n", "3,5p", "n.txt")
    assert files.line_range(ctx, path, 10).output == tool(workspace, "sed", "-n", "10p", "n.txt")
    assert files.line_range(ctx, path, 28, -1).output == tool(workspace, "sed", "-n", "28,$p", "n.txt")
    assert files.line_range(ctx, path, 29, 100).output == tool(workspace, "sed", "-n", "29,100p", "n.txt")


def test_line_range_past_the_end_is_empty_and_says_how_long_the_file_is(ctx, workspace):
    path = write(workspace / "n.txt", "a\nb\n")
    result = files.line_range(ctx, path, 5)
    assert result.output == "" and result.data["lines_read"] == 2


def test_line_range_bad_numbers_are_clear_errors(ctx, workspace):
    path = write(workspace / "n.txt", "a\nb\n")
    with pytest.raises(ActionFailed, match="1 or more"):
        files.line_range(ctx, path, 0)
    with pytest.raises(ActionFailed, match="backwards"):
        files.line_range(ctx, path, 5, 2)
    with pytest.raises(ActionFailed, match="binary"):
        files.line_range(ctx, write(workspace / "b.bin", b"\0\1\2"), 1)
    with pytest.raises(ActionFailed, match="directory"):
        files.line_range(ctx, str(workspace), 1)


# --- sort, uniq, tac, cat -n ---------------------------------------------------------------


@gnu
@pytest.mark.parametrize(
    ("how", "numeric", "argv"),
    [
        ("sorted", False, ["sort", "w.txt"]),
        ("reverse_sorted", False, ["sort", "-r", "w.txt"]),
        ("sorted", True, ["sort", "-n", "w.txt"]),
        ("distinct", False, ["sort", "-u", "w.txt"]),
        ("unique", False, ["uniq", "w.txt"]),
        ("reversed", False, ["tac", "w.txt"]),
        ("numbered", False, ["cat", "-n", "w.txt"]),
    ],
)
def test_lines_match_the_text_tools(ctx, workspace, words, how, numeric, argv):
    assert files.lines(ctx, words, how, numeric=numeric).output == tool(workspace, *argv)


@gnu
def test_duplicates_and_counts_match_sort_uniq(ctx, workspace, words):
    assert files.lines(ctx, words, "duplicates").output == tool(workspace, "sh", "-c", "sort w.txt | uniq -d")
    assert files.lines(ctx, words, "counted").output == tool(workspace, "sh", "-c", "sort w.txt | uniq -c")


def test_lines_never_change_the_file(ctx, workspace, words):
    before = Path(words).read_bytes()
    for how in ("sorted", "distinct", "unique", "reversed", "numbered", "duplicates", "counted"):
        files.lines(ctx, words, how)
    assert Path(words).read_bytes() == before


# --- counting -----------------------------------------------------------------------------


@gnu
def test_count_prints_number_and_name_like_wc(ctx, workspace):
    a = write(workspace / "a.txt", "one two\nthree\n")
    b = write(workspace / "src" / "b.py", "x\n" * 12)
    assert files.count(ctx, [a], what="lines").output == tool(workspace, "wc", "-l", "a.txt") == "2 a.txt"
    assert files.count(ctx, [a], what="words").output == tool(workspace, "wc", "-w", "a.txt")
    assert files.count(ctx, [a], what="bytes").output == tool(workspace, "wc", "-c", "a.txt")
    assert files.count(ctx, [a, b], what="lines").output == tool(workspace, "wc", "-l", "a.txt", "src/b.py")


def test_count_entries_prints_just_the_number(ctx, workspace):
    for name in ("a.txt", "b.txt", ".hidden", "sub/c.txt", "sub/deeper/d.txt", ".git/config"):
        write(workspace / name, "x")
    (workspace / "emptydir").mkdir()
    assert files.count_entries(ctx, str(workspace)).output == "4"  # a.txt b.txt emptydir sub, like ls | wc -l
    assert files.count_entries(ctx, str(workspace), type="file").output == "2"
    assert files.count_entries(ctx, str(workspace), type="dir").output == "2"
    assert files.count_entries(ctx, str(workspace), type="file", recursive=True).output == "4"
    assert files.count_entries(ctx, str(workspace), all=True).output == "6"
    assert files.count_entries(ctx, str(workspace), type="file", recursive=True, all=True).output == "6"
    with pytest.raises(ActionFailed, match="not a directory"):
        files.count_entries(ctx, str(workspace / "a.txt"))
    with pytest.raises(ActionFailed, match="no such file"):
        files.count_entries(ctx, str(workspace / "nope"))


# --- largest files, duplicates -------------------------------------------------------------


def test_largest_files_beneath_a_folder_with_their_sizes(ctx, workspace):
    write(workspace / "src" / "big.bin", b"x" * 5000)
    write(workspace / "src" / "deep" / "mid.txt", "x" * 300)
    write(workspace / "src" / "small.txt", "x")
    write(workspace / "src" / ".git" / "pack", b"x" * 99999)  # version control is skipped
    out = files.largest(ctx, str(workspace / "src"), top=2).output
    assert out.splitlines() == ["4.9K\tsrc/big.bin", "300\tsrc/deep/mid.txt"]
    assert files.largest(ctx, str(workspace / "src"), top=1, smallest=True).output == "1\tsrc/small.txt"
    exact = files.largest(ctx, str(workspace / "src"), top=1, human=False)
    assert exact.output == "5000\tsrc/big.bin" and exact.data[0]["bytes"] == 5000
    with pytest.raises(ActionFailed, match="top must be"):
        files.largest(ctx, str(workspace), top=0)


def test_duplicates_are_grouped_by_content(ctx, workspace):
    write(workspace / "a" / "one.txt", "same\n")
    write(workspace / "b" / "two.txt", "same\n")
    write(workspace / "c.txt", "same\n")
    write(workspace / "d.txt", "other\n")
    write(workspace / "e.txt", "othe!\n")  # same size, different content
    write(workspace / "empty1", "")
    write(workspace / "empty2", "")
    result = files.duplicates(ctx, str(workspace))
    assert result.output == "./a/one.txt\n./b/two.txt\n./c.txt"
    assert len(result.data) == 1 and result.data[0]["bytes"] == 5
    assert files.duplicates(ctx, str(workspace / "a")).output == ""


# --- compare -------------------------------------------------------------------------------


@gnu
def test_compare_folders_matches_diff_rq(ctx, workspace):
    for side, files_ in (("a", {"same": "1", "changed": "1", "only_a": "x", "sub/x": "1"}),
                         ("b", {"same": "1", "changed": "2", "only_b": "x", "sub/x": "2"})):
        for name, text in files_.items():
            write(workspace / side / name, text)
    expected = tool(workspace, "diff", "-rq", "a", "b")
    result = files.compare(ctx, str(workspace / "a"), str(workspace / "b"))
    assert result.output == expected
    assert result.data["same"] is False


def test_compare_two_files(ctx, workspace):
    a = write(workspace / "a.txt", "x\n")
    b = write(workspace / "b.txt", "x\n")
    c = write(workspace / "c.txt", "y\n")
    assert files.compare(ctx, a, b).output == "Files a.txt and b.txt are identical"
    assert files.compare(ctx, a, c).output == "Files a.txt and c.txt differ"
    with pytest.raises(ActionFailed, match="one is a folder"):
        files.compare(ctx, a, str(workspace))


# --- gzip ----------------------------------------------------------------------------------


def _undo(ctx, spec_name: str, result) -> str:
    spec = load_catalog(entry_points=False).actions.get(spec_name)
    return spec.undo(ctx, dict(result.undo))


def test_compress_then_undo_brings_the_original_back(ctx, workspace):
    path = write(workspace / "big.log", "hello\n" * 1000)
    result = archive.compress(ctx, path)
    assert not os.path.exists(path)
    assert gzip.decompress((workspace / "big.log.gz").read_bytes()) == b"hello\n" * 1000
    _undo(ctx, "files.compress", result)
    assert Path(path).read_text() == "hello\n" * 1000
    assert not (workspace / "big.log.gz").exists()


def test_compress_keep_and_other_formats(ctx, workspace):
    import bz2
    import lzma

    path = write(workspace / "a.txt", "abc\n")
    archive.compress(ctx, path, keep=True)
    archive.compress(ctx, path, format="bzip2", keep=True)
    archive.compress(ctx, path, format="xz", keep=True)
    assert os.path.exists(path)
    assert bz2.decompress((workspace / "a.txt.bz2").read_bytes()) == b"abc\n"
    assert lzma.decompress((workspace / "a.txt.xz").read_bytes()) == b"abc\n"
    with pytest.raises(ActionFailed, match="already exists"):
        archive.compress(ctx, path)


def test_decompress_then_undo(ctx, workspace):
    packed = write(workspace / "data.csv.gz", gzip.compress(b"a,b\n1,2\n"))
    result = archive.decompress(ctx, packed)
    assert (workspace / "data.csv").read_text() == "a,b\n1,2\n"
    assert not os.path.exists(packed)
    _undo(ctx, "files.decompress", result)
    assert os.path.exists(packed) and not (workspace / "data.csv").exists()


def test_compress_and_decompress_refuse_what_they_cannot_do(ctx, workspace):
    (workspace / "dir").mkdir()
    with pytest.raises(ActionFailed, match="not a regular file"):
        archive.compress(ctx, str(workspace / "dir"))
    with pytest.raises(ActionFailed, match=r"\.gz, \.bz2 or \.xz"):
        archive.decompress(ctx, write(workspace / "plain.txt", "x"))
    bad = write(workspace / "bad.gz", b"not gzip at all")
    with pytest.raises(ActionFailed, match="not valid gzip"):
        archive.decompress(ctx, bad)
    with pytest.raises(ActionFailed, match="not valid xz"):
        archive.decompress(ctx, write(workspace / "bad.xz", b"nope"))
    assert sorted(os.listdir(workspace)) == ["bad.gz", "bad.xz", "dir", "plain.txt"]  # nothing half-written left


# --- links --------------------------------------------------------------------------------


def test_symlink_is_relative_and_undo_removes_it(ctx, workspace):
    target = write(workspace / "releases" / "v2" / "app", "x")
    result = files.link(ctx, str(workspace / "releases" / "v2"), str(workspace / "current"))
    assert os.readlink(workspace / "current") == "releases/v2"
    assert (workspace / "current" / "app").read_text() == "x"
    assert _undo(ctx, "files.link", result) == "removed the link current"
    assert not os.path.lexists(workspace / "current") and os.path.exists(target)


def test_hard_link_and_link_into_a_folder(ctx, workspace):
    a = write(workspace / "a.txt", "x")
    (workspace / "dest").mkdir()
    files.link(ctx, a, str(workspace / "b.txt"), symbolic=False)
    assert os.stat(a).st_ino == os.stat(workspace / "b.txt").st_ino
    files.link(ctx, a, str(workspace / "dest"))
    assert os.readlink(workspace / "dest" / "a.txt") == "../a.txt"
    with pytest.raises(ActionFailed, match="already exists"):
        files.link(ctx, a, str(workspace / "b.txt"))
    with pytest.raises(ActionFailed, match="hard-link the folder"):
        files.link(ctx, str(workspace / "dest"), str(workspace / "d2"), symbolic=False)


def test_undo_leaves_a_replaced_link_alone(ctx, workspace):
    a = write(workspace / "a.txt", "x")
    result = files.link(ctx, a, str(workspace / "l"))
    os.unlink(workspace / "l")
    os.symlink("elsewhere", workspace / "l")
    with pytest.raises(ActionFailed, match="no longer the link"):
        _undo(ctx, "files.link", result)


# --- system ---------------------------------------------------------------------------------


def test_home_and_environment_variables(ctx):
    assert system.home(ctx).output == ctx.env.environ["HOME"]
    assert system.env(ctx, "PATH").output == "/usr/bin:/bin"
    assert system.env(ctx, "$PATH").output == "/usr/bin:/bin"
    assert system.env(ctx, "path").output == "/usr/bin:/bin"
    with pytest.raises(ActionFailed, match="not set"):
        system.env(ctx, "NO_SUCH_VARIABLE_X")
    with pytest.raises(ActionFailed, match="secret"):
        system.env(ctx, "GITHUB_TOKEN")
    with pytest.raises(ActionFailed, match="not a variable name"):
        system.env(ctx, "A B")
