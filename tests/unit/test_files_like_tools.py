"""The read-only file actions print what the GNU tools print, checked against the real tools."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from nlsh.actions import files


def _gnu() -> bool:
    if not shutil.which("ls"):
        return False
    out = subprocess.run(["ls", "--version"], capture_output=True, text=True).stdout
    return "GNU coreutils" in out


pytestmark = pytest.mark.skipif(not _gnu(), reason="needs GNU coreutils to compare with")


def tool(workspace: Path, *argv: str) -> str:
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LC_ALL": "C"}
    if "TZ" in os.environ:
        env["TZ"] = os.environ["TZ"]
    done = subprocess.run(list(argv), cwd=workspace, env=env, capture_output=True, check=True)
    return done.stdout.decode().rstrip("\n")


def write(path: Path, data: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(data)


@pytest.fixture
def tree(workspace: Path) -> Path:
    write(workspace / "a.txt", "hello world\nfoo bar baz\n\nlast line no newline")
    write(workspace / "B.md", "# TODO title\n")
    write(workspace / ".env", "KEY=1\n")
    write(workspace / "src" / "main.py", "import os\n# TODO: more\n" * 40)
    write(workspace / "src" / "lib" / "util.py", "def f():\n    return 1  # todo\n")
    write(workspace / "-dash", "x\n")
    (workspace / "empty").mkdir()
    os.symlink("a.txt", workspace / "link")
    return workspace


def test_list_matches_ls(ctx, tree):
    assert files.list_dir(ctx, str(tree)).output == tool(tree, "ls")
    assert files.list_dir(ctx, str(tree), all=True).output == tool(tree, "ls", "-a")
    assert files.list_dir(ctx, str(tree), long=True).output == tool(tree, "ls", "-l")
    assert files.list_dir(ctx, str(tree), long=True, all=True).output == tool(tree, "ls", "-la")
    assert files.list_dir(ctx, str(tree), recursive=True).output == tool(tree, "ls", "-R")
    assert files.list_dir(ctx, str(tree), sort="size").output == tool(tree, "ls", "-S")
    assert files.list_dir(ctx, str(tree / "src")).output == tool(tree, "ls", "src")
    assert files.list_dir(ctx, str(tree / "a.txt"), long=True).output == tool(tree, "ls", "-l", "a.txt")


def test_find_matches_sorted_find(ctx, tree):
    def gnu_find(*args: str) -> list[str]:
        return sorted(tool(tree, "find", ".", *args).splitlines(), key=os.fsencode)

    assert files.find(ctx, str(tree)).output.splitlines() == gnu_find()
    assert files.find(ctx, str(tree), name="*.py").output.splitlines() == gnu_find("-name", "*.py")
    assert files.find(ctx, str(tree), type="dir").output.splitlines() == gnu_find("-type", "d")
    assert files.find(ctx, str(tree), type="file", max_depth=1).output.splitlines() == gnu_find(
        "-maxdepth", "1", "-type", "f"
    )
    assert files.find(ctx, str(tree), empty=True).output.splitlines() == gnu_find("-empty")


def test_read_head_tail_match_cat_head_tail(ctx, tree):
    main = str(tree / "src" / "main.py")
    assert files.read(ctx, main).output == tool(tree, "cat", "src/main.py")
    assert files.read(ctx, str(tree / "a.txt")).output == tool(tree, "cat", "a.txt")
    assert files.head(ctx, main, lines=3).output == tool(tree, "head", "-n", "3", "src/main.py")
    assert files.tail(ctx, main, lines=5).output == tool(tree, "tail", "-n", "5", "src/main.py")
    assert files.tail(ctx, str(tree / "a.txt"), lines=2).output == tool(tree, "tail", "-n", "2", "a.txt")


def test_count_matches_wc(ctx, tree):
    a, main = str(tree / "a.txt"), str(tree / "src" / "main.py")
    assert files.count(ctx, [a]).output == tool(tree, "wc", "a.txt")
    assert files.count(ctx, [a, main]).output == tool(tree, "wc", "a.txt", "src/main.py")
    assert files.count(ctx, [a, main], what="lines").output == tool(tree, "wc", "-l", "a.txt", "src/main.py")
    assert files.count(ctx, [a], what="words").output == tool(tree, "wc", "-w", "a.txt")


def test_checksum_matches_sha256sum_and_md5sum(ctx, tree):
    paths = [str(tree / "a.txt"), str(tree / "src" / "main.py")]
    assert files.checksum(ctx, paths).output == tool(tree, "sha256sum", "a.txt", "src/main.py")
    assert files.checksum(ctx, paths[:1], algorithm="md5").output == tool(tree, "md5sum", "a.txt")


def test_stat_matches_stat(ctx, tree):
    for name in ("a.txt", "link", "src", "empty"):
        theirs = tool(tree, "stat", name).splitlines()
        ours = files.stat_path(ctx, str(tree / name)).output.splitlines()
        if name == "link":  # reading a link (stat does, to show its target) sets its atime
            ours[4] = theirs[4] = "Access: (varies)"
        assert ours[:7] == theirs[:7], name  # Birth is unknown to Python on Linux


def test_disk_usage_matches_du(ctx, tree):
    ours = files.disk_usage(ctx, str(tree)).output.splitlines()
    theirs = tool(tree, "du", "-ah", "-d", "1").splitlines()
    assert sorted(ours) == sorted(theirs)
    assert ours[0] == theirs[-1]  # the total, which `sort -hr` would put first


def test_search_matches_grep(ctx, tree):
    ours = files.search(ctx, "TODO", str(tree), line_numbers=True).output.splitlines()
    assert sorted(ours) == sorted(tool(tree, "grep", "-rn", "TODO", ".").splitlines())
    assert ours[:3] == ["./B.md:1:# TODO title", "./src/main.py:2:# TODO: more", "./src/main.py:4:# TODO: more"]
    ours = files.search(ctx, "todo", str(tree), ignore_case=True, files_only=True).output
    assert ours.splitlines() == sorted(tool(tree, "grep", "-ril", "todo", ".").splitlines())
    single = files.search(ctx, "o", str(tree / "a.txt"), invert=True).output
    assert single == tool(tree, "grep", "-v", "o", "a.txt")


def test_pwd_matches_pwd(ctx, tree):
    assert files.pwd(ctx).output == tool(tree, "pwd")
