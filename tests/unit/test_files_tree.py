"""files.list, files.find and files.disk_usage on real trees built in the workspace."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from nlsh.actions import _fsutil, files
from nlsh.errors import ActionFailed


def write(path: Path, data: bytes | str = b"") -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return str(path)


@pytest.fixture
def tree(workspace: Path) -> Path:
    """ws/{a.txt, b.py, .hidden, src/{main.py, util.PY, deep/x.py}, empty/, big.bin, link->a.txt}"""
    write(workspace / "a.txt", "hello world\n")
    write(workspace / "b.py", "print(1)\n")
    write(workspace / ".hidden", "h")
    write(workspace / "src" / "main.py", "import os\n" * 10)
    write(workspace / "src" / "util.PY", "")
    write(workspace / "src" / "deep" / "x.py", "x = 1\n")
    (workspace / "empty").mkdir()
    write(workspace / "big.bin", b"\x00" * (3 * 1024 * 1024))
    os.symlink("a.txt", workspace / "link")
    return workspace


# --- files.list ---------------------------------------------------------------------


def test_list_names_sorted_hidden_left_out(ctx, tree):
    result = files.list_dir(ctx, str(tree))
    assert result.output.splitlines() == ["a.txt", "b.py", "big.bin", "empty", "link", "src"]
    assert {e["name"]: e["type"] for e in result.data}["link"] == "link"


def test_list_all_includes_dot_and_dotdot(ctx, tree):
    names = files.list_dir(ctx, str(tree), all=True).output.splitlines()
    assert names[:3] == [".", "..", ".hidden"]


def test_list_sorted_by_size_and_time(ctx, tree):
    assert files.list_dir(ctx, str(tree), sort="size").output.splitlines()[0] == "big.bin"
    old = time.time() - 3600
    for name in ("a.txt", "b.py", "big.bin", "src", "empty"):
        os.utime(tree / name, (old, old))
    os.utime(tree / "b.py", (old + 60, old + 60))
    by_time = files.list_dir(ctx, str(tree), sort="time").output.splitlines()
    assert by_time[0] == "link" and by_time[1] == "b.py"
    reversed_names = files.list_dir(ctx, str(tree), reverse=True).output.splitlines()
    assert reversed_names[0] == "src" and reversed_names[-1] == "a.txt"


def test_list_long_rows_like_ls(ctx, tree):
    lines = files.list_dir(ctx, str(tree), long=True).output.splitlines()
    assert lines[0].startswith("total ")
    row = next(line for line in lines if line.endswith(" a.txt"))
    assert row.startswith("-rw") and " 12 " in row
    assert any(line.endswith("link -> a.txt") and line.startswith("l") for line in lines)


def test_list_a_file_lists_just_it(ctx, tree):
    assert files.list_dir(ctx, str(tree / "src" / "main.py")).output == "src/main.py"
    row = files.list_dir(ctx, str(tree / "a.txt"), long=True).output
    assert row.endswith(" a.txt") and "total" not in row


def test_list_recursive_like_ls_R(ctx, tree):
    out = files.list_dir(ctx, str(tree / "src"), recursive=True).output
    assert out == "src:\ndeep\nmain.py\nutil.PY\n\nsrc/deep:\nx.py"
    whole = files.list_dir(ctx, str(tree), recursive=True).output
    assert whole.startswith(".:\n") and "\n\n./src/deep:\nx.py" in whole


def test_list_escapes_odd_names_one_per_line(ctx, workspace):
    write(workspace / "new\nline")
    write(workspace / os.fsdecode(b"bad\xffname"))
    write(workspace / "\x1b[2Jclear")
    result = files.list_dir(ctx, str(workspace))
    assert result.output.splitlines() == ["\\x1b[2Jclear", "bad\\xffname", "new\\nline"]
    raw = {e["name"] for e in result.data}
    assert "new\nline" in raw and os.fsdecode(b"bad\xffname") in raw


def test_list_bad_inputs(ctx, workspace):
    with pytest.raises(ActionFailed, match="no such file"):
        files.list_dir(ctx, str(workspace / "missing"))
    write(workspace / "f")
    with pytest.raises(ActionFailed, match="not a directory"):
        files.list_dir(ctx, str(workspace / "f" / "x"))


def test_list_unreadable_subfolder_is_reported_not_fatal(ctx, tree, monkeypatch):
    real_scandir = os.scandir

    def scandir(path="."):
        if str(path).endswith("deep"):
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    out = files.list_dir(ctx, str(tree / "src"), recursive=True).output
    assert out.splitlines()[-1] == "nlsh: cannot open directory src/deep: permission denied"


# --- files.find ---------------------------------------------------------------------


def find(ctx, root, **kw) -> list[str]:
    return files.find(ctx, str(root), **kw).output.splitlines()


def test_find_everything_like_find_dot(ctx, tree):
    assert find(ctx, tree) == [
        ".", "./.hidden", "./a.txt", "./b.py", "./big.bin", "./empty", "./link",
        "./src", "./src/deep", "./src/deep/x.py", "./src/main.py", "./src/util.PY",
    ]


def test_find_by_name_iname_extension(ctx, tree):
    assert find(ctx, tree, name="*.py") == ["./b.py", "./src/deep/x.py", "./src/main.py"]
    assert find(ctx, tree, iname="*.py") == [
        "./b.py", "./src/deep/x.py", "./src/main.py", "./src/util.PY",
    ]
    assert find(ctx, tree, extension="py") == find(ctx, tree, extension=".py")
    assert find(ctx, tree / "src", name="*.py") == ["src/deep/x.py", "src/main.py"]  # as `find src`


def test_find_by_type_and_depth(ctx, tree):
    assert find(ctx, tree, type="dir") == [".", "./empty", "./src", "./src/deep"]
    assert find(ctx, tree, type="link") == ["./link"]
    assert find(ctx, tree, type="file", max_depth=1) == [
        "./.hidden", "./a.txt", "./b.py", "./big.bin",
    ]
    assert find(ctx, tree, max_depth=0) == ["."]
    assert find(ctx, tree, type="dir", max_depth=1, min_depth=1) == ["./empty", "./src"]  # like -mindepth 1


def test_find_by_size(ctx, tree):
    assert find(ctx, tree, min_size="1M") == ["./big.bin"]
    assert find(ctx, tree, type="file", max_size="1") == ["./.hidden", "./src/util.PY"]
    assert find(ctx, tree, min_size="10", max_size="100", type="file") == [
        "./a.txt", "./src/main.py",
    ]


def test_find_by_age(ctx, tree):
    old = time.time() - 10 * 86400
    os.utime(tree / "a.txt", (old, old))
    assert find(ctx, tree, older_than="2d") == ["./a.txt"]
    assert "./a.txt" not in find(ctx, tree, newer_than="1d")
    assert "./b.py" in find(ctx, tree, newer_than="30m")


def test_find_empty(ctx, tree):
    assert find(ctx, tree, empty=True) == ["./empty", "./src/util.PY"]


def test_find_outside_cwd_prints_absolute_paths(ctx, tmp_path):
    other = tmp_path / "elsewhere"
    write(other / "f.txt")
    assert find(ctx, other, type="file") == [str(other / "f.txt")]


def test_find_odd_names_escaped_one_per_line(ctx, workspace):
    write(workspace / "a\nb.txt")
    write(workspace / os.fsdecode(b"\xfe.txt"))
    result = files.find(ctx, str(workspace), extension="txt")
    assert result.output.splitlines() == ["./a\\nb.txt", "./\\xfe.txt"]  # byte order
    assert {d["path"] for d in result.data} == {
        str(workspace / "a\nb.txt"), str(workspace / os.fsdecode(b"\xfe.txt")),
    }


def test_find_does_not_follow_symlinked_dirs(ctx, workspace, tmp_path):
    write(tmp_path / "outside" / "secret.txt")
    os.symlink(tmp_path / "outside", workspace / "out")
    assert find(ctx, workspace) == [".", "./out"]


@pytest.mark.parametrize(
    "kw, message",
    [
        ({"min_size": "ten megs"}, "min_size: cannot read"),
        ({"max_size": "-5"}, "max_size: cannot read"),
        ({"newer_than": "2 fortnights"}, "newer_than: cannot read"),
        ({"older_than": ""}, "older_than: cannot read"),
        ({"max_depth": -1}, "max_depth must be 0 or more"),
        ({"extension": "."}, "extension is empty"),
    ],
)
def test_find_bad_inputs(ctx, tree, kw, message):
    with pytest.raises(ActionFailed, match=message):
        files.find(ctx, str(tree), **kw)


def test_find_missing_start(ctx, workspace):
    with pytest.raises(ActionFailed, match="no such file"):
        files.find(ctx, str(workspace / "nope"))


def test_find_cancel_and_progress(ctx, workspace):
    for i in range(600):
        write(workspace / f"f{i:03}")
    seen = []
    ctx.progress = lambda done, total, label: seen.append((done, label))
    assert len(find(ctx, workspace)) == 601
    assert seen and seen[0] == (256, "finding")
    ctx.cancelled.set()
    with pytest.raises(ActionFailed, match="cancelled"):
        files.find(ctx, str(workspace))


# --- files.disk_usage ---------------------------------------------------------------


def test_disk_usage_total_first_then_largest(ctx, tree):
    lines = files.disk_usage(ctx, str(tree)).output.splitlines()
    assert lines[0].endswith("\t.")
    assert lines[1] == "3.0M\t./big.bin"
    names = [line.split("\t")[1] for line in lines]
    assert "./src" in names and "./src/main.py" not in names


def test_disk_usage_depth_top_name_and_bytes(ctx, tree):
    deep = files.disk_usage(ctx, str(tree), depth=2, sort="name").output.splitlines()
    assert "./src/main.py" in [line.split("\t")[1] for line in deep]
    top = files.disk_usage(ctx, str(tree), top=1, human=False)
    assert len(top.output.splitlines()) == 2
    total = top.data[0]["bytes"]
    assert total >= 3 * 1024 * 1024 and top.output.splitlines()[0] == f"{total}\t."
    only_total = files.disk_usage(ctx, str(tree), depth=0).output.splitlines()
    assert len(only_total) == 1


def test_disk_usage_counts_hard_links_once(ctx, workspace):
    write(workspace / "d" / "a", b"x" * 100_000)
    os.link(workspace / "d" / "a", workspace / "d" / "b")
    data = files.disk_usage(ctx, str(workspace / "d"), human=False).data
    assert data[0]["bytes"] < 2 * 100_000


def test_disk_usage_bad_inputs(ctx, workspace):
    with pytest.raises(ActionFailed, match="depth must be 0 or more"):
        files.disk_usage(ctx, str(workspace), depth=-1)
    with pytest.raises(ActionFailed, match="top must be 1 or more"):
        files.disk_usage(ctx, str(workspace), top=0)
    with pytest.raises(ActionFailed, match="no such file"):
        files.disk_usage(ctx, str(workspace / "gone"))


# --- helpers ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [("200", 200), ("200c", 200), ("500k", 512_000), ("10M", 10 << 20), ("1G", 1 << 30),
     ("1.5M", int(1.5 * (1 << 20))), ("2 MiB", 2 << 20), ("3kb", 3072), ("7 bytes", 7)],
)
def test_parse_size(text, expected):
    assert _fsutil.parse_size(text) == expected


@pytest.mark.parametrize(
    "text, seconds",
    [("30m", 1800), ("3h", 10800), ("2d", 172800), ("1w", 604800), ("2 days", 172800),
     ("45s", 45), ("1", 86400), ("6 months ago", 6 * 30 * 86400), ("1y", 365 * 86400)],
)
def test_parse_age(text, seconds):
    assert _fsutil.parse_age(text) == seconds


@pytest.mark.parametrize(
    "n, text",
    [(0, "0"), (1000, "1000"), (1024, "1.0K"), (4096, "4.0K"), (4097, "4.1K"), (16384, "16K"),
     (1024 * 1023 + 1, "1.0M"), (int(1.5 * (1 << 30)), "1.5G"), (10 * 1024 - 1, "10K")],
)
def test_human_size_like_du(n, text):
    assert _fsutil.human_size(n) == text
