"""files.read, head, tail, count, checksum, stat, pwd on real files; and registration."""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

import pytest

from nlsh.actions import files
from nlsh.actions._fstext import READ_CAP
from nlsh.errors import ActionFailed
from nlsh.plugins import load_catalog

FILE_ACTIONS = {
    "files.list": "list_dir",
    "files.find": "find",
    "files.read": "read",
    "files.head": "head",
    "files.tail": "tail",
    "files.count": "count",
    "files.search": "search",
    "files.pwd": "pwd",
    "files.disk_usage": "disk_usage",
    "files.checksum": "checksum",
    "files.stat": "stat_path",
}


def write(path: Path, data: bytes | str) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return str(path)


# --- registration -------------------------------------------------------------------


def test_every_file_action_registers_through_the_plugin_hook():
    catalog = load_catalog(entry_points=False)
    assert "nlsh.actions.files" not in catalog.broken
    for name, func_name in FILE_ACTIONS.items():
        spec = catalog.actions.get(name)
        assert spec is not None, name
        assert spec.func is getattr(files, func_name)
        assert spec.plugin == "nlsh.actions.files"
        assert spec.capabilities == ("fs.read",)
        assert int(spec.risk) == 0 and not spec.reversible
        schema = spec.schema()
        for pname, prop in schema["properties"].items():
            assert prop["description"].strip(), f"{name}.{pname} has no description"


def test_catalogue_parameters_are_as_contracted():
    catalog = load_catalog(entry_points=False)

    def params(name):
        return [p.name for p in catalog.actions.get(name).params]

    assert params("files.list") == ["path", "all", "long", "recursive", "sort", "reverse", "top", "human"]
    assert params("files.find") == [
        "path", "name", "iname", "extension", "type", "min_size", "max_size",
        "newer_than", "older_than", "empty", "max_depth", "exclude", "path_match", "names_only", "min_depth",
    ]
    assert params("files.count") == ["paths", "what"]
    assert params("files.search") == [
        "pattern", "path", "ignore_case", "fixed", "whole_word", "include",
        "files_only", "count", "invert", "line_numbers", "files_without", "exclude_dir",
    ]
    assert params("files.disk_usage") == ["path", "depth", "sort", "top", "human"]
    assert params("files.checksum") == ["paths", "algorithm"]
    assert params("files.pwd") == []
    paths = catalog.actions.get("files.count").param("paths")
    assert paths.path_role == "existing" and paths.required


# --- read ---------------------------------------------------------------------------


def test_read_shows_the_whole_text(ctx, workspace):
    path = write(workspace / "notes.txt", "one\ntwo\n")
    result = files.read(ctx, path)
    assert result.output == "one\ntwo"
    assert result.data["text"] == "one\ntwo\n"
    assert result.data["truncated"] is False


def test_read_relative_path_is_taken_from_cwd(ctx, workspace):
    write(workspace / "notes.txt", "hi\n")
    assert files.read(ctx, "notes.txt").output == "hi"


def test_read_caps_huge_file_and_says_so(ctx, workspace):
    line = b"x" * 99 + b"\n"
    path = write(workspace / "big.log", line * (READ_CAP // 100 + 5000))
    result = files.read(ctx, path)
    assert result.data["truncated"] is True
    assert len(result.data["text"].encode()) <= READ_CAP
    assert result.data["text"].endswith("\n")  # cut after a whole line
    assert "showed only the first 1.0M of 1.5M" in result.output.splitlines()[-1]


def test_read_sparse_huge_file_reads_only_a_prefix(ctx, workspace):
    path = workspace / "sparse.txt"
    with open(path, "wb") as f:
        f.write(b"start\n")
        f.truncate(8 << 30)  # 8 GiB, nearly all holes
    with pytest.raises(ActionFailed, match="binary"):
        files.read(ctx, str(path))  # the holes read as NULs after the first line


def test_read_refuses_binary(ctx, workspace):
    path = write(workspace / "blob.bin", b"\x7fELF\x00\x01\x02")
    with pytest.raises(ActionFailed, match="blob.bin is a binary file"):
        files.read(ctx, path)


def test_read_refuses_fifo_without_blocking(ctx, workspace):
    fifo = workspace / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(ActionFailed, match="named pipe"):
        files.read(ctx, str(fifo))


def test_read_fifo_swapped_in_after_the_check_is_refused_without_blocking(ctx, workspace, monkeypatch):
    import signal

    fifo = workspace / "pipe"
    os.mkfifo(fifo)
    regular = os.stat(write(workspace / "plain.txt", "x"))
    real_stat = os.stat
    monkeypatch.setattr(os, "stat", lambda p, *a, **kw: regular if str(p) == str(fifo) else real_stat(p, *a, **kw))
    signal.signal(signal.SIGALRM, lambda *a: pytest.fail("blocked opening a FIFO"))
    signal.alarm(5)
    try:
        with pytest.raises(ActionFailed, match="named pipe"):
            files.read(ctx, str(fifo))
    finally:
        signal.alarm(0)


def test_read_refuses_device(ctx):
    with pytest.raises(ActionFailed, match="character device"):
        files.read(ctx, "/dev/zero")


def test_read_refuses_directory(ctx, workspace):
    with pytest.raises(ActionFailed, match="is a directory"):
        files.read(ctx, str(workspace))


def test_read_missing_file(ctx, workspace):
    with pytest.raises(ActionFailed, match="missing.txt: no such file"):
        files.read(ctx, str(workspace / "missing.txt"))


def test_read_permission_denied(ctx, workspace, monkeypatch):
    path = write(workspace / "secret.txt", "s\n")
    os.chmod(path, 0)
    if os.geteuid() == 0:  # root reads anything: make the open itself fail as it would

        def deny(*args, **kwargs):
            raise PermissionError(13, "Permission denied")

        monkeypatch.setattr(os, "open", deny)
    with pytest.raises(ActionFailed, match="secret.txt: permission denied"):
        files.read(ctx, path)


def test_read_escapes_terminal_controls_but_keeps_them_in_data(ctx, workspace):
    path = write(workspace / "evil.txt", "title\x1b]0;pwned\x07 ok\tx\n")
    result = files.read(ctx, path)
    assert "\x1b" not in result.output and "\\x1b" in result.output
    assert "\t" in result.output
    assert result.data["text"].startswith("title\x1b]0;")


def test_read_non_utf8_content_does_not_fail(ctx, workspace):
    path = write(workspace / "latin1.txt", "caf\xe9\n".encode("latin-1"))
    assert files.read(ctx, path).output == "caf\ufffd"


def test_read_file_with_non_utf8_and_newline_name(ctx, workspace):
    name = os.fsdecode(b"odd\xff\nname.txt")
    path = write(workspace / name, "content\n")
    assert files.read(ctx, path).output == "content"
    with pytest.raises(ActionFailed) as err:
        files.read(ctx, path + ".missing")
    assert "\n" not in err.value.message and "\\xff" in err.value.message


# --- head and tail ------------------------------------------------------------------


@pytest.fixture
def numbered(workspace) -> str:
    return write(workspace / "n.txt", "".join(f"line {i}\n" for i in range(1, 101)))


def test_head_default_ten_lines(ctx, numbered):
    assert files.head(ctx, numbered).output == "\n".join(f"line {i}" for i in range(1, 11))


def test_head_and_tail_counts(ctx, numbered):
    assert files.head(ctx, numbered, lines=3).output == "line 1\nline 2\nline 3"
    assert files.tail(ctx, numbered, lines=2).output == "line 99\nline 100"
    assert files.tail(ctx, numbered, lines=500).output.splitlines()[0] == "line 1"
    assert files.head(ctx, numbered, lines=0).output == ""
    assert files.tail(ctx, numbered, lines=0).output == ""


def test_tail_without_final_newline(ctx, workspace):
    path = write(workspace / "t.txt", "a\nb\nc")
    assert files.tail(ctx, path, lines=2).output == "b\nc"
    assert files.tail(ctx, path, lines=2).data["lines"] == ["b", "c"]


def test_tail_of_large_file_reads_from_the_end(ctx, workspace):
    path = write(workspace / "big.txt", b"".join(b"%07d\n" % i for i in range(400_000)))
    assert files.tail(ctx, path, lines=2).output == "0399998\n0399999"
    assert files.head(ctx, path, lines=1).output == "0000000"


def test_head_and_tail_of_one_huge_line_are_capped(ctx, workspace):
    path = write(workspace / "one.txt", b"y" * (3 * READ_CAP) + b"\n")
    first = files.head(ctx, path, lines=1)
    assert first.data["truncated"] and len(first.data["lines"][0]) == READ_CAP
    assert first.output.splitlines()[-1].startswith("[nlsh: showed only the first 1.0M of 3.1M")
    last = files.tail(ctx, path, lines=1)
    assert last.data["truncated"] and "showed only the last" in last.output.splitlines()[-1]


def test_head_and_tail_refuse_bad_input(ctx, workspace, numbered):
    with pytest.raises(ActionFailed, match="lines must be 0 or more"):
        files.head(ctx, numbered, lines=-1)
    binary = write(workspace / "b.bin", b"abc\x00def")
    with pytest.raises(ActionFailed, match="binary"):
        files.tail(ctx, binary)
    fifo = workspace / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(ActionFailed, match="named pipe"):
        files.head(ctx, str(fifo))


# --- count (wc) ---------------------------------------------------------------------


def test_count_one_file_one_measure_prints_the_number_and_name_like_wc(ctx, workspace):
    path = write(workspace / "a.txt", "hello world\nfoo\n")
    assert files.count(ctx, [path], what="lines").output == "2 a.txt"
    assert files.count(ctx, [path], what="words").output == "3 a.txt"
    assert files.count(ctx, [path], what="bytes").output == "16 a.txt"
    assert files.count(ctx, [path], what="lines").data["total"] == {"lines": 2}


def test_count_all_like_wc(ctx, workspace):
    path = write(workspace / "a.txt", "hello world\nfoo\n")
    assert files.count(ctx, [path]).output == " 2  3 16 a.txt"


def test_count_several_files_adds_a_total(ctx, workspace):
    a = write(workspace / "a.txt", "hello world\nfoo\n")
    b = write(workspace / "d" / "x", "x")
    assert files.count(ctx, [a, b], what="lines").output == " 2 a.txt\n 0 d/x\n 2 total"
    assert files.count(ctx, [a, b]).output == " 2  3 16 a.txt\n 0  1  1 d/x\n 2  4 17 total"


def test_count_chars_is_utf8_aware(ctx, workspace):
    path = write(workspace / "u.txt", "héllo\n")
    assert files.count(ctx, [path], what="chars").output == "6 u.txt"
    assert files.count(ctx, [path], what="bytes").output == "7 u.txt"


def test_count_words_across_chunk_boundaries(ctx, workspace):
    text = ("word " * 300_000).encode()  # 1.5 MB: spans several read chunks
    path = write(workspace / "w.txt", text)
    assert files.count(ctx, [path], what="words").output == "300000 w.txt"


def test_count_skips_directories_and_says_so(ctx, workspace):
    a = write(workspace / "a.txt", "x\n")
    (workspace / "sub").mkdir()
    out = files.count(ctx, [a, str(workspace / "sub")], what="lines").output
    assert out.splitlines() == ["1 a.txt", "nlsh: skipped 1 directory: sub"]
    with pytest.raises(ActionFailed, match="sub is a directory"):
        files.count(ctx, [str(workspace / "sub")])


def test_count_bad_inputs(ctx, workspace):
    with pytest.raises(ActionFailed, match="no such file"):
        files.count(ctx, [str(workspace / "none.txt")])
    fifo = workspace / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(ActionFailed, match="named pipe"):
        files.count(ctx, [str(fifo)])
    with pytest.raises(ActionFailed, match="no files given"):
        files.count(ctx, [])


def test_count_name_with_newline_is_one_escaped_line(ctx, workspace):
    path = write(workspace / "two\nlines.txt", "a\n")
    assert files.count(ctx, [path]).output == "1 1 2 two\\nlines.txt"


# --- checksum, stat, pwd -------------------------------------------------------------


def test_checksum_like_sha256sum(ctx, workspace):
    path = write(workspace / "a.txt", "hello\n")
    expected = hashlib.sha256(b"hello\n").hexdigest()
    result = files.checksum(ctx, [path])
    assert result.output == f"{expected}  a.txt"
    assert result.data == [{"path": path, "algorithm": "sha256", "hex": expected}]
    md5 = files.checksum(ctx, [path], algorithm="md5")
    assert md5.output == f"{hashlib.md5(b'hello' + bytes([10])).hexdigest()}  a.txt"


def test_checksum_several_and_bad_inputs(ctx, workspace):
    a = write(workspace / "a", "1")
    b = write(workspace / "b", b"\x00\x01")  # binary is fine to hash
    assert len(files.checksum(ctx, [a, b], algorithm="sha1").output.splitlines()) == 2
    with pytest.raises(ActionFailed, match="no such file"):
        files.checksum(ctx, [str(workspace / "c")])
    with pytest.raises(ActionFailed, match="is a directory"):
        files.checksum(ctx, [str(workspace)])


def test_checksum_honours_cancel(ctx, workspace):
    path = write(workspace / "a", "x" * 10)
    ctx.cancelled.set()
    with pytest.raises(ActionFailed, match="cancelled"):
        files.checksum(ctx, [path])


def test_stat_file_and_link(ctx, workspace):
    path = write(workspace / "a.txt", "hello\n")
    os.chmod(path, 0o640)
    os.symlink("a.txt", workspace / "l")
    result = files.stat_path(ctx, path)
    lines = result.output.splitlines()
    assert lines[0] == "  File: a.txt"
    assert lines[1].startswith("  Size: 6 ") and lines[1].endswith("regular file")
    assert lines[3].startswith("Access: (0640/-rw-r-----)")
    assert result.data["mode"] == "0640" and result.data["type"] == "regular file"
    link = files.stat_path(ctx, str(workspace / "l"))
    assert link.output.splitlines()[0] == "  File: l -> a.txt"
    assert link.data["target"] == "a.txt" and link.data["type"] == "symbolic link"


def test_stat_fifo_dangling_link_and_missing(ctx, workspace):
    os.mkfifo(workspace / "pipe")
    assert files.stat_path(ctx, str(workspace / "pipe")).data["type"] == "fifo"
    os.symlink("nowhere", workspace / "dangling")
    assert files.stat_path(ctx, str(workspace / "dangling")).data["target"] == "nowhere"
    with pytest.raises(ActionFailed, match="no such file"):
        files.stat_path(ctx, str(workspace / "nothing"))


def test_stat_empty_file_and_directory(ctx, workspace):
    write(workspace / "e", b"")
    assert files.stat_path(ctx, str(workspace / "e")).data["type"] == "regular empty file"
    result = files.stat_path(ctx, str(workspace))
    assert result.output.splitlines()[0] == "  File: ."
    assert stat.S_ISDIR(os.stat(workspace).st_mode) and result.data["type"] == "directory"


def test_pwd_is_the_absolute_cwd(ctx, workspace):
    result = files.pwd(ctx)
    assert result.output == str(workspace)
    assert os.path.isabs(result.data["path"])
