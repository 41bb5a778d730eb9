"""files.mkdir/touch/write on real temp trees: run, preview, undo, bad input."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from _fs_testkit import preview, trash_of, undo, unchanged_by, write_protected
from nlsh.actions import fileops
from nlsh.errors import ActionFailed


# mkdir --------------------------------------------------------------------------------


def test_mkdir_with_parents_and_undo_of_an_empty_tree(ctx, workspace):
    target = workspace / "a" / "b" / "c"
    unchanged_by(ctx, preview, ctx, "files.mkdir", path=str(target))
    result = fileops.mkdir(ctx, str(target))
    assert target.is_dir()
    assert "removed the empty folder a" in undo(ctx, "files.mkdir", result)
    assert not (workspace / "a").exists()


def test_mkdir_undo_trashes_a_folder_that_got_content(ctx, workspace):
    result = fileops.mkdir(ctx, str(workspace / "d"))
    (workspace / "d" / "work.txt").write_text("keep me")
    assert "not empty: moved it to the trash" in undo(ctx, "files.mkdir", result)
    [entry] = trash_of(ctx).entries()
    assert (trash_of(ctx).location(entry.id) / "work.txt").read_text() == "keep me"


def test_mkdir_bad_input(ctx, workspace):
    (workspace / "f").write_text("x")
    (workspace / "d").mkdir()
    assert fileops.mkdir(ctx, str(workspace / "d")).undo is None
    with pytest.raises(ActionFailed, match="already exists"):
        fileops.mkdir(ctx, str(workspace / "d"), parents=False)
    with pytest.raises(ActionFailed, match="already exists"):
        fileops.mkdir(ctx, str(workspace / "f"))
    with pytest.raises(ActionFailed, match="no folder"):
        fileops.mkdir(ctx, str(workspace / "x" / "y"), parents=False)
    with pytest.raises(ActionFailed, match="not a folder"):
        fileops.mkdir(ctx, str(workspace / "f" / "y"))
    locked = workspace / "locked"
    locked.mkdir()
    with write_protected(locked):
        with pytest.raises(ActionFailed, match="permission denied"):
            fileops.mkdir(ctx, str(locked / "sub"))


# touch --------------------------------------------------------------------------------


def test_touch_creates_and_updates_and_undo_reverts_both(ctx, workspace):
    old = workspace / "old"
    old.write_text("x")
    os.utime(old, ns=(5_000_000_000, 5_000_000_000))
    new = workspace / "new"
    p = unchanged_by(ctx, preview, ctx, "files.touch", paths=[str(old), str(new)])
    assert p.summary.startswith("create 1 empty file")
    result = fileops.touch(ctx, [str(old), str(new)])
    assert new.read_bytes() == b"" and old.stat().st_mtime_ns != 5_000_000_000
    undo(ctx, "files.touch", result)
    assert not new.exists() and old.stat().st_mtime_ns == 5_000_000_000


def test_touch_a_link_leaves_its_outside_target_alone(ctx, workspace, tmp_path):
    target = tmp_path / "outside"
    target.write_text("x")
    os.utime(target, ns=(7_000_000_000, 7_000_000_000))
    (workspace / "link").symlink_to(target)
    fileops.touch(ctx, [str(workspace / "link")])
    assert target.stat().st_mtime_ns == 7_000_000_000


def test_touch_bad_input(ctx, workspace):
    with pytest.raises(ActionFailed, match="no folder"):
        fileops.touch(ctx, [str(workspace / "nope" / "f")])
    locked = workspace / "locked"
    locked.mkdir()
    with write_protected(locked):
        with pytest.raises(ActionFailed, match="permission denied"):
            fileops.touch(ctx, [str(workspace / "ok"), str(locked / "f")])
    assert not (workspace / "ok").exists()  # the first one was rolled back


# write --------------------------------------------------------------------------------


def test_write_new_file_and_undo(ctx, workspace):
    f = workspace / "notes.txt"
    p = unchanged_by(ctx, preview, ctx, "files.write", path=str(f), text="héllo")
    assert p.bytes == 6
    result = fileops.write(ctx, str(f), "héllo")
    assert f.read_text(encoding="utf-8") == "héllo"
    undo(ctx, "files.write", result)
    assert not f.exists() and len(trash_of(ctx).entries()) == 1


def test_write_replace_keeps_the_old_version_in_the_trash(ctx, workspace):
    f = workspace / "notes.txt"
    f.write_text("old")
    f.chmod(0o600)
    unchanged_by(ctx, preview, ctx, "files.write", path=str(f), text="new")
    result = fileops.write(ctx, str(f), "new")
    assert f.read_text() == "new" and stat.S_IMODE(f.stat().st_mode) == 0o600
    [old] = trash_of(ctx).entries()
    assert trash_of(ctx).location(old.id).read_text() == "old"
    undo(ctx, "files.write", result)
    assert f.read_text() == "old"


def test_write_append_and_undo_only_when_unchanged(ctx, workspace):
    f = workspace / "log"
    f.write_text("one\n")
    result = fileops.write(ctx, str(f), "two\n", append=True)
    assert f.read_text() == "one\ntwo\n"
    undo(ctx, "files.write", result)
    assert f.read_text() == "one\n"
    result = fileops.write(ctx, str(f), "two\n", append=True)
    with open(f, "a") as out:
        out.write("three\n")
    with pytest.raises(ActionFailed, match="changed since"):
        unchanged_by(ctx, undo, ctx, "files.write", result)


def test_write_refuses_links_folders_and_missing_folders(ctx, workspace, tmp_path):
    target = tmp_path / "passwd"
    target.write_text("root:x:0:0")
    (workspace / "link").symlink_to(target)
    with pytest.raises(ActionFailed, match="symbolic link"):
        fileops.write(ctx, str(workspace / "link"), "pwned")
    assert target.read_text() == "root:x:0:0"
    (workspace / "d").mkdir()
    with pytest.raises(ActionFailed, match="folder"):
        fileops.write(ctx, str(workspace / "d"), "x")
    with pytest.raises(ActionFailed, match="no folder"):
        fileops.write(ctx, str(workspace / "nope" / "f"), "x")


def test_write_replacing_a_hard_linked_file_leaves_the_other_link_alone(ctx, workspace, tmp_path):
    outside = tmp_path / "outside"
    outside.write_text("original")
    os.link(outside, workspace / "hard")
    fileops.write(ctx, str(workspace / "hard"), "new")
    assert outside.read_text() == "original" and (workspace / "hard").read_text() == "new"


def test_write_into_a_protected_folder_fails_cleanly(ctx, workspace):
    locked = workspace / "locked"
    locked.mkdir()
    (locked / "f").write_text("old")
    with write_protected(locked):
        with pytest.raises(ActionFailed, match="permission denied"):
            fileops.write(ctx, str(locked / "g"), "x")
        with pytest.raises(ActionFailed):
            fileops.write(ctx, str(locked / "f"), "new")
    assert os.listdir(locked) == ["f"] and (locked / "f").read_text() == "old"
    assert trash_of(ctx).entries() == []


def test_write_non_utf8_name(ctx, workspace):
    name = Path(os.fsdecode(os.path.join(os.fsencode(workspace), b"\xff\xfe.txt")))
    fileops.write(ctx, str(name), "x")
    assert b"\xff\xfe.txt" in os.listdir(os.fsencode(workspace))


def test_write_keeps_undecodable_bytes_and_refuses_impossible_text(ctx, workspace):
    fileops.write(ctx, str(workspace / "f"), "caf" + os.fsdecode(b"\xe9"))
    assert (workspace / "f").read_bytes() == b"caf\xe9"
    with pytest.raises(ActionFailed, match="cannot be saved as UTF-8"):
        fileops.write(ctx, str(workspace / "g"), "\ud800")


def test_root_replacing_someone_elses_file_keeps_their_ownership(ctx, workspace):
    if os.geteuid() != 0:
        reason = "needs root to give a file to another user"
        print(reason)
        pytest.skip(reason)
    f = workspace / "theirs"
    f.write_text("old")
    os.chown(f, 65534, 65534)
    fileops.write(ctx, str(f), "new")
    st = f.stat()
    assert (st.st_uid, st.st_gid) == (65534, 65534) and f.read_text() == "new"
