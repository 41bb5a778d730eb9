"""nlsh's trash on real files: put, restore, entries, info, odd names, links, filesystems."""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path

import pytest

from _fs_testkit import write_protected
from nlsh.errors import ActionFailed
from nlsh.sandbox import fsops
from nlsh.sandbox.trash import Trash


@pytest.fixture
def trash(paths) -> Trash:
    return Trash(paths.trash)


def _info_text(trash: Trash, entry_id: str) -> str:
    return (trash.info_dir / f"{entry_id}.trashinfo").read_text()


def test_put_moves_the_file_and_writes_freedesktop_info(trash, workspace):
    f = workspace / "report.txt"
    f.write_text("hello")
    entry_id = trash.put(f)
    assert not f.exists()
    assert (trash.files_dir / entry_id).read_text() == "hello"
    lines = _info_text(trash, entry_id).splitlines()
    assert lines[0] == "[Trash Info]"
    assert lines[1] == f"Path={f}"
    assert re.fullmatch(r"DeletionDate=\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", lines[2])


def test_trash_folders_are_private(trash, workspace):
    (workspace / "a").write_text("x")
    trash.put(workspace / "a")
    for folder in (trash.root, trash.files_dir, trash.info_dir):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_equal_names_get_distinct_ids_and_both_restore(trash, workspace):
    (workspace / "d1").mkdir()
    (workspace / "d2").mkdir()
    (workspace / "d1" / "same.txt").write_text("one")
    (workspace / "d2" / "same.txt").write_text("two")
    first = trash.put(workspace / "d1" / "same.txt")
    second = trash.put(workspace / "d2" / "same.txt")
    assert first != second
    assert trash.restore(second) == workspace / "d2" / "same.txt"
    assert trash.restore(first) == workspace / "d1" / "same.txt"
    assert (workspace / "d1" / "same.txt").read_text() == "one"
    assert (workspace / "d2" / "same.txt").read_text() == "two"
    assert trash.entries() == []


def test_a_foreign_info_file_does_not_get_overwritten(trash, workspace):
    trash.info_dir.mkdir(parents=True)
    squatter = trash.info_dir / "y.trashinfo"
    squatter.write_text("[Trash Info]\nPath=/elsewhere\n")
    (workspace / "y").write_text("2")
    entry_id = trash.put(workspace / "y")
    assert entry_id == "y.2"
    assert squatter.read_text() == "[Trash Info]\nPath=/elsewhere\n"


def test_restore_refuses_to_overwrite(trash, workspace):
    f = workspace / "a.txt"
    f.write_text("old")
    entry_id = trash.put(f)
    f.write_text("new")
    with pytest.raises(ActionFailed, match="already exists"):
        trash.restore(entry_id)
    assert f.read_text() == "new"
    assert trash.info(entry_id).original == f


def test_restore_to_another_place_and_missing_parents(trash, workspace):
    f = workspace / "a.txt"
    f.write_text("x")
    entry_id = trash.put(f)
    target = workspace / "new" / "deeper" / "b.txt"
    assert trash.restore(entry_id, to=target) == target
    assert target.read_text() == "x"
    assert not f.exists()


def test_entries_and_info_report_original_date_and_size(trash, workspace):
    d = workspace / "dir"
    d.mkdir()
    (d / "a").write_bytes(b"12345")
    (d / "b").write_bytes(b"678")
    entry_id = trash.put(d)
    [entry] = trash.entries()
    assert entry == trash.info(entry_id)
    assert (entry.id, entry.original, entry.size) == (entry_id, d, 8)
    assert entry.deleted[:4].isdigit()


@pytest.mark.parametrize("bad", ["nope", "../info", "a/b", ".", ""])
def test_unknown_or_malformed_ids_fail_clearly(trash, bad):
    with pytest.raises(ActionFailed, match="no trash entry"):
        trash.info(bad)
    with pytest.raises(ActionFailed):
        trash.restore(bad)


def test_missing_path_fails(trash, workspace):
    with pytest.raises(ActionFailed, match="no such file"):
        trash.put(workspace / "ghost")
    assert trash.entries() == []


def test_non_utf8_name_round_trips_byte_exact(trash, workspace):
    raw = os.path.join(os.fsencode(workspace), b"caf\xe9-\xff.txt")
    with open(raw, "wb") as f:
        f.write(b"bytes")
    path = Path(os.fsdecode(raw))
    entry_id = trash.put(path)
    assert "Path=" + os.fsdecode(os.fsencode(workspace)) + "/caf%E9-%FF.txt" in _info_text(trash, entry_id)
    assert entry_id.isprintable()
    assert os.fsencode(trash.info(entry_id).original) == raw
    trash.restore(entry_id)
    with open(raw, "rb") as f:
        assert f.read() == b"bytes"


def test_newline_in_name_stays_one_line_in_info(trash, workspace):
    f = workspace / "evil\nDeletionDate=1999"
    f.write_text("x")
    entry_id = trash.put(f)
    text = _info_text(trash, entry_id)
    assert len(text.splitlines()) == 3
    assert "%0ADeletionDate%3D1999" in text
    assert "\n" not in entry_id
    assert trash.info(entry_id).original == f
    assert trash.restore(entry_id) == f and f.read_text() == "x"


def test_symlink_is_trashed_as_the_link_not_its_target(trash, workspace, tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text("precious")
    link = workspace / "link"
    link.symlink_to(outside)
    entry_id = trash.put(link)
    assert not os.path.lexists(link)
    assert outside.read_text() == "precious"
    assert os.readlink(trash.files_dir / entry_id) == str(outside)
    trash.restore(entry_id)
    assert os.readlink(link) == str(outside)


def test_refuses_to_trash_itself_or_what_holds_it(trash, workspace, paths):
    (workspace / "a").write_text("x")
    entry_id = trash.put(workspace / "a")
    for path in (trash.root, trash.files_dir / entry_id):
        with pytest.raises(ActionFailed, match="already in nlsh's trash"):
            trash.put(path)
    with pytest.raises(ActionFailed, match="holds nlsh's trash"):
        trash.put(paths.data)
    assert trash.info(entry_id).original == workspace / "a"


def test_permission_denied_leaves_no_entry(trash, workspace):
    locked = workspace / "locked"
    locked.mkdir()
    (locked / "f").write_text("x")
    with write_protected(locked):
        with pytest.raises(ActionFailed, match="cannot move .* to the trash"):
            trash.put(locked / "f")
    assert (locked / "f").read_text() == "x"
    assert trash.entries() == []
    assert list(trash.info_dir.iterdir()) == []


def _cross_device_tree(workspace: Path) -> Path:
    d = workspace / "tree"
    (d / "sub").mkdir(parents=True)
    (d / "sub" / "data.bin").write_bytes(os.urandom(3000))
    (d / "sub" / "data.bin").chmod(0o640)
    os.utime(d / "sub" / "data.bin", ns=(1_000_000_000, 1_000_000_000))
    (d / "rel-link").symlink_to("sub/data.bin")
    return d


def _assert_same_tree(d: Path, copy: Path, payload: bytes) -> None:
    assert (copy / "sub" / "data.bin").read_bytes() == payload
    st = os.stat(copy / "sub" / "data.bin")
    assert stat.S_IMODE(st.st_mode) == 0o640 and st.st_mtime_ns == 1_000_000_000
    assert os.readlink(copy / "rel-link") == "sub/data.bin"


def test_across_filesystems_falls_back_to_copy_then_remove(workspace, monkeypatch, tmp_path):
    """Simulated EXDEV: the first rename fails as across devices, the staged copy's succeeds."""
    real = fsops.rename_noreplace

    def cross_device(src, dst, **dir_fds):
        if ".nlsh-part-" not in os.fspath(src):
            raise OSError(errno.EXDEV, "Invalid cross-device link")
        real(src, dst, **dir_fds)

    monkeypatch.setattr(fsops, "rename_noreplace", cross_device)
    trash = Trash(tmp_path / "trash")
    d = _cross_device_tree(workspace)
    payload = (d / "sub" / "data.bin").read_bytes()
    entry_id = trash.put(d)
    assert not os.path.lexists(d)
    _assert_same_tree(d, trash.location(entry_id), payload)
    trash.restore(entry_id)
    _assert_same_tree(d, d, payload)


def test_across_real_filesystems(workspace):
    shm = Path("/dev/shm")
    if not shm.is_dir() or os.stat(shm).st_dev == os.stat(workspace).st_dev:
        reason = "/dev/shm is missing or on the same filesystem as the workspace"
        print(reason)
        pytest.skip(reason)
    import tempfile

    with tempfile.TemporaryDirectory(dir=shm) as other:
        trash = Trash(Path(other) / "trash")
        d = _cross_device_tree(workspace)
        payload = (d / "sub" / "data.bin").read_bytes()
        entry_id = trash.put(d)
        assert not os.path.lexists(d)
        _assert_same_tree(d, trash.location(entry_id), payload)
        assert trash.restore(entry_id) == d
        _assert_same_tree(d, d, payload)
        assert not os.path.lexists(trash.location(entry_id))
