"""files.search (grep-like) on real trees built in the workspace."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from nlsh.actions import files
from nlsh.actions._fstree import MAX_MATCHES
from nlsh.errors import ActionFailed


def write(path: Path, data: bytes | str) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return str(path)


@pytest.fixture
def tree(workspace: Path) -> Path:
    write(workspace / "a.txt", "alpha\nTODO: fix\nbeta\n")
    write(workspace / "src" / "m.py", "x = 1  # TODO later\ntodo_list = []\nprint('done')\n")
    write(workspace / "src" / "notes.md", "nothing here\n")
    write(workspace / "blob.bin", b"TODO\x00\x01binary")
    write(workspace / ".git" / "config", "TODO in git\n")
    return workspace


def search(ctx, root, pattern, **kw) -> list[str]:
    return files.search(ctx, pattern, str(root), **kw).output.splitlines()


def test_search_folder_prefixes_paths_skips_binary_and_git(ctx, tree):
    assert search(ctx, tree, "TODO") == ["./a.txt:TODO: fix", "./src/m.py:x = 1  # TODO later"]


def test_search_single_file_prints_just_lines(ctx, tree):
    assert search(ctx, tree / "a.txt", "TODO") == ["TODO: fix"]
    assert search(ctx, tree / "a.txt", "a", line_numbers=True) == ["1:alpha", "3:beta"]


def test_search_sub_folder_paths_as_typed(ctx, tree):
    assert search(ctx, tree / "src", "print") == ["src/m.py:print('done')"]


def test_search_options(ctx, tree):
    assert search(ctx, tree, "todo", ignore_case=True, files_only=True) == ["./a.txt", "./src/m.py"]
    assert search(ctx, tree, "todo", whole_word=True, ignore_case=True) == [
        "./a.txt:TODO: fix", "./src/m.py:x = 1  # TODO later",
    ]
    assert search(ctx, tree, "todo", whole_word=True) == []
    assert search(ctx, tree, "todo", include="*.py") == ["./src/m.py:todo_list = []"]
    assert search(ctx, tree, "TODO", line_numbers=True) == [
        "./a.txt:2:TODO: fix", "./src/m.py:1:x = 1  # TODO later",
    ]
    assert search(ctx, tree / "a.txt", "TODO", invert=True) == ["alpha", "beta"]


def test_search_count(ctx, tree):
    assert search(ctx, tree / "a.txt", "a", count=True) == ["2"]
    assert search(ctx, tree / "a.txt", "zzz", count=True) == ["0"]
    assert search(ctx, tree, "o", count=True) == ["./src/m.py:2", "./src/notes.md:1"]  # no zeros


def test_search_regex_and_fixed(ctx, tree):
    assert search(ctx, tree / "a.txt", r"^(alpha|beta)$") == ["alpha", "beta"]
    assert search(ctx, tree / "src" / "m.py", "[]", fixed=True) == ["todo_list = []"]
    with pytest.raises(ActionFailed, match="cannot use '\\[\\]' as a pattern"):
        files.search(ctx, "[]", str(tree))


def test_search_no_match_is_empty_not_an_error(ctx, tree):
    result = files.search(ctx, "no such words", str(tree))
    assert result.output == "" and result.data == [] and result.ok


def test_search_single_binary_file_is_refused(ctx, tree):
    with pytest.raises(ActionFailed, match="binary"):
        files.search(ctx, "TODO", str(tree / "blob.bin"))


def test_search_missing_path_and_fifo(ctx, tree):
    with pytest.raises(ActionFailed, match="no such file"):
        files.search(ctx, "x", str(tree / "nope"))
    os.mkfifo(tree / "pipe")
    with pytest.raises(ActionFailed, match="named pipe"):
        files.search(ctx, "x", str(tree / "pipe"))
    assert search(ctx, tree, "alpha") == ["./a.txt:alpha"]  # the FIFO in the tree is skipped


def test_search_escapes_names_and_lines(ctx, workspace):
    write(workspace / "we\nird.txt", "hit \x1b]52;c;ZXZpbA==\x07 there\n")
    out = search(ctx, workspace, "hit")
    assert out == ["./we\\nird.txt:hit \\x1b]52;c;ZXZpbA==\\x07 there"]
    data = files.search(ctx, "hit", str(workspace)).data
    assert data[0]["text"].startswith("hit \x1b]52")


def test_search_non_utf8_names_and_content(ctx, workspace):
    write(workspace / os.fsdecode(b"l\xe9gacy.txt"), "caf\xe9 au lait\n".encode("latin-1"))
    assert search(ctx, workspace, "lait") == ["./l\\xe9gacy.txt:caf\ufffd au lait"]


def test_search_windows_line_endings_and_long_lines(ctx, workspace):
    write(workspace / "crlf.txt", "one\r\ntwo\r\n")
    assert search(ctx, workspace / "crlf.txt", "two") == ["two"]
    long_line = "x" * (3 << 20) + "needle\n"
    write(workspace / "long.txt", long_line + "needle again\n")
    assert search(ctx, workspace / "long.txt", "needle", line_numbers=True) == ["2:needle again"]


def test_search_output_is_capped(ctx, workspace):
    write(workspace / "many.txt", "hit\n" * (MAX_MATCHES + 50))
    out = search(ctx, workspace / "many.txt", "hit")
    assert len(out) == MAX_MATCHES + 1 and out[-1].startswith("[nlsh: stopped after")


def test_search_unreadable_file_in_tree_is_reported(ctx, tree, monkeypatch):
    real_open = os.open

    def open_(path, flags, *args, **kwargs):
        if str(path).endswith("notes.md"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", open_)
    out = search(ctx, tree, "nothing")
    assert out == ["nlsh: src/notes.md: permission denied"]


def test_search_progress_and_cancel(ctx, tree):
    seen = []
    ctx.progress = lambda done, total, label: seen.append((done, total, label))
    search(ctx, tree, "x")
    assert seen[-1] == (4, 4, "searching")
    ctx.cancelled.set()
    with pytest.raises(ActionFailed, match="cancelled"):
        files.search(ctx, "x", str(tree))
