"""files.copy/move/delete on real temp trees: run, preview, undo, bad input (mkdir/touch/write: test_fileops_create)."""

from __future__ import annotations

import errno
import os
import stat

import pytest

from _fs_testkit import nonutf8, preview, rolled_back, spec, trash_of, undo, unchanged_by, write_protected
from nlsh.actions import fileops
from nlsh.errors import ActionFailed
from nlsh.plugins import load_catalog
from nlsh.sandbox import fsops


def test_all_six_actions_register_with_the_catalogue_contract():
    catalog = load_catalog(entry_points=False)
    assert "nlsh.actions.fileops" not in catalog.broken
    expected = {
        "files.copy": ["sources", "destination", "overwrite"],
        "files.move": ["sources", "destination", "overwrite"],
        "files.mkdir": ["path", "parents"],
        "files.touch": ["paths"],
        "files.write": ["path", "text", "append"],
        "files.delete": ["paths"],
    }
    for name, params in expected.items():
        s = catalog.actions.get(name)
        assert [p.name for p in s.params] == params and s.reversible and s.preview and s.undo
    assert catalog.actions.get("files.touch").param("paths").path_role == "new"
    assert catalog.actions.get("files.delete").capabilities == ("fs.delete",)


# copy ---------------------------------------------------------------------------------


def test_copy_file_preview_run_and_undo(ctx, workspace):
    src = workspace / "a.txt"
    src.write_text("hello")
    src.chmod(0o640)
    dst = workspace / "b.txt"
    p = unchanged_by(ctx, preview, ctx, "files.copy", sources=[str(src)], destination=str(dst))
    assert p.targets == (str(dst),) and p.count == 1 and p.bytes == 5 and p.reversible
    result = fileops.copy(ctx, [str(src)], str(dst))
    assert dst.read_text() == "hello" and stat.S_IMODE(dst.stat().st_mode) == 0o640
    assert "a.txt -> b.txt" in result.output
    message = undo(ctx, "files.copy", result)
    assert not dst.exists() and src.read_text() == "hello"
    assert "trash" in message and len(trash_of(ctx).entries()) == 1


def test_copy_folder_recursively_keeps_links_as_links(ctx, workspace, tmp_path):
    src = workspace / "proj"
    (src / "sub").mkdir(parents=True)
    (src / "sub" / "f").write_text("x")
    (src / "out").symlink_to(tmp_path / "outside")
    fileops.copy(ctx, [str(src)], str(workspace / "proj2"))
    assert (workspace / "proj2" / "sub" / "f").read_text() == "x"
    assert os.readlink(workspace / "proj2" / "out") == str(tmp_path / "outside")
    assert not [n for n in os.listdir(workspace) if n.startswith(".nlsh-part")]


def test_copy_several_into_a_new_folder_and_undo_removes_it(ctx, workspace):
    for name in ("a", "b"):
        (workspace / name).write_text(name)
    dest = workspace / "new" / "box"
    result = fileops.copy(ctx, [str(workspace / "a"), str(workspace / "b")], str(dest))
    assert sorted(os.listdir(dest)) == ["a", "b"]
    message = undo(ctx, "files.copy", result)
    assert not (workspace / "new").exists()
    assert "removed the empty folder new" in message


def test_copy_refuses_existing_destination_unless_overwrite(ctx, workspace):
    (workspace / "a").write_text("new")
    (workspace / "b").write_text("old")
    with pytest.raises(ActionFailed, match="b already exists"):
        unchanged_by(ctx, fileops.copy, ctx, [str(workspace / "a")], str(workspace / "b"))
    p = preview(ctx, "files.copy", sources=[str(workspace / "a")], destination=str(workspace / "b"), overwrite=True)
    assert any("trash" in d for d in p.details)
    result = fileops.copy(ctx, [str(workspace / "a")], str(workspace / "b"), overwrite=True)
    assert (workspace / "b").read_text() == "new"
    [old] = trash_of(ctx).entries()
    assert trash_of(ctx).location(old.id).read_text() == "old"
    undo(ctx, "files.copy", result)
    assert (workspace / "b").read_text() == "old"


def test_previews_of_impossible_steps_say_why_instead_of_raising(ctx, workspace):
    (workspace / "b").write_text("x")
    cases = [
        ("files.copy", dict(sources=[str(workspace / "ghost")], destination=str(workspace / "x")), "no such file"),
        ("files.move", dict(sources=[str(workspace / "b")], destination=str(workspace / "b")), "same file"),
        ("files.write", dict(path=str(workspace / "nope" / "f"), text="x"), "no folder"),
        ("files.delete", dict(paths=[str(workspace / "ghost")]), "no such file"),
    ]
    for name, args, why in cases:
        p = unchanged_by(ctx, preview, ctx, name, **args)
        assert p.summary.startswith("would fail:") and why in p.summary, name


def test_copy_bad_input(ctx, workspace):
    (workspace / "d").mkdir()
    (workspace / "f").write_text("x")
    with pytest.raises(ActionFailed, match="no such file"):
        fileops.copy(ctx, [str(workspace / "ghost")], str(workspace / "x"))
    with pytest.raises(ActionFailed, match="inside itself"):
        fileops.copy(ctx, [str(workspace / "d")], str(workspace / "d" / "inner"))
    with pytest.raises(ActionFailed, match="not a folder"):
        fileops.copy(ctx, [str(workspace / "d"), str(workspace / "f")], str(workspace / "f"))


def test_copy_into_a_protected_folder_is_permission_denied(ctx, workspace):
    (workspace / "a").write_text("x")
    locked = workspace / "locked"
    locked.mkdir()
    with write_protected(locked):
        with pytest.raises(ActionFailed, match="permission denied"):
            fileops.copy(ctx, [str(workspace / "a")], str(locked))
    assert os.listdir(locked) == []


def test_big_copy_reports_progress_and_cancel_removes_the_partial_copy(ctx, workspace):
    big = workspace / "big.bin"
    big.write_bytes(os.urandom(5 << 20))
    calls = []

    def progress(done, total, label):
        calls.append((done, total))
        if len(calls) == 2:
            ctx.cancelled.set()

    ctx.progress = progress
    with pytest.raises(ActionFailed, match="cancelled"):
        rolled_back(ctx, fileops.copy, ctx, [str(big)], str(workspace / "copy.bin"))
    assert calls[0] == (1 << 20, 5 << 20)


def test_cancelled_overwrite_puts_the_old_file_back(ctx, workspace):
    (workspace / "a").write_bytes(os.urandom(3 << 20))
    (workspace / "b").write_text("old")
    ctx.progress = lambda done, total, label: ctx.cancelled.set()
    with pytest.raises(ActionFailed, match="cancelled"):
        fileops.copy(ctx, [str(workspace / "a")], str(workspace / "b"), overwrite=True)
    assert (workspace / "b").read_text() == "old"
    assert trash_of(ctx).entries() == []


def test_copy_non_utf8_and_newline_names(ctx, workspace):
    odd = nonutf8(workspace)
    nl = workspace / "two\nlines"
    nl.write_text("n")
    result = fileops.copy(ctx, [str(odd), str(nl)], str(workspace / "out"))
    assert (workspace / "out" / odd.name).read_bytes() == odd.read_bytes()
    assert (workspace / "out" / "two\nlines").read_text() == "n"
    assert len(result.output.splitlines()) == 2 and "\\xe9" in result.output and "\\n" in result.output


# move ---------------------------------------------------------------------------------


def test_move_rename_preview_and_undo(ctx, workspace):
    (workspace / "a").write_text("x")
    p = unchanged_by(ctx, preview, ctx, "files.move", sources=[str(workspace / "a")], destination=str(workspace / "b"))
    assert p.summary.startswith("move 1 item") and p.targets == (str(workspace / "b"),)
    result = fileops.move(ctx, [str(workspace / "a")], str(workspace / "b"))
    assert not (workspace / "a").exists() and (workspace / "b").read_text() == "x"
    undo(ctx, "files.move", result)
    assert (workspace / "a").read_text() == "x" and not (workspace / "b").exists()


def test_move_undo_refuses_when_the_world_changed(ctx, workspace):
    for name in ("a", "b"):
        (workspace / name).write_text(name)
    dest = workspace / "dir"
    dest.mkdir()
    result = fileops.move(ctx, [str(workspace / "a"), str(workspace / "b")], str(dest))
    (workspace / "b").write_text("someone else's")
    with pytest.raises(ActionFailed, match="b exists again"):
        unchanged_by(ctx, undo, ctx, "files.move", result)
    (workspace / "b").unlink()
    (dest / "a").unlink()
    with pytest.raises(ActionFailed, match="no longer there"):
        unchanged_by(ctx, undo, ctx, "files.move", result)


def test_move_overwrite_trashes_the_old_and_undo_restores_both(ctx, workspace):
    (workspace / "a").write_text("new")
    (workspace / "b").write_text("old")
    with pytest.raises(ActionFailed, match="already exists"):
        fileops.move(ctx, [str(workspace / "a")], str(workspace / "b"))
    result = fileops.move(ctx, [str(workspace / "a")], str(workspace / "b"), overwrite=True)
    assert (workspace / "b").read_text() == "new" and not (workspace / "a").exists()
    undo(ctx, "files.move", result)
    assert (workspace / "a").read_text() == "new" and (workspace / "b").read_text() == "old"


def test_move_across_filesystems_copies_then_removes(ctx, workspace, monkeypatch):
    real = fsops.rename_noreplace

    def cross_device(src, dst, **dir_fds):
        if ".nlsh-part-" not in os.fspath(src):
            raise OSError(errno.EXDEV, "Invalid cross-device link")
        real(src, dst, **dir_fds)

    monkeypatch.setattr(fsops, "rename_noreplace", cross_device)
    (workspace / "d").mkdir()
    (workspace / "d" / "f").write_text("x")
    result = fileops.move(ctx, [str(workspace / "d")], str(workspace / "e"))
    assert (workspace / "e" / "f").read_text() == "x" and not (workspace / "d").exists()
    undo(ctx, "files.move", result)
    assert (workspace / "d" / "f").read_text() == "x" and not (workspace / "e").exists()


def test_move_out_of_a_protected_folder_fails_and_keeps_the_source(ctx, workspace):
    locked = workspace / "locked"
    locked.mkdir()
    (locked / "f").write_text("x")
    with write_protected(locked):
        with pytest.raises(ActionFailed, match="permission denied"):
            fileops.move(ctx, [str(locked / "f")], str(workspace / "g"))
    assert (locked / "f").read_text() == "x" and not (workspace / "g").exists()


def test_move_non_utf8_name(ctx, workspace):
    odd = nonutf8(workspace)
    data = odd.read_bytes()
    result = fileops.move(ctx, [str(odd)], str(workspace / "plain"))
    assert (workspace / "plain").read_bytes() == data
    undo(ctx, "files.move", result)
    assert odd.read_bytes() == data


# delete -------------------------------------------------------------------------------


def test_delete_preview_counts_and_undo(ctx, workspace):
    d = workspace / "d"
    (d / "sub").mkdir(parents=True)
    (d / "sub" / "a").write_bytes(b"12345")
    (workspace / "f").write_bytes(b"123")
    p = unchanged_by(ctx, preview, ctx, "files.delete", paths=[str(d), str(workspace / "f")])
    assert p.bytes == 8 and p.count == 4 and "2 file(s), 2 folder(s)" in p.summary
    result = fileops.delete(ctx, [str(d), str(workspace / "f")])
    assert not d.exists() and not (workspace / "f").exists()
    assert result.output.splitlines() == ["trashed d", "trashed f"]
    undo(ctx, "files.delete", result)
    assert (d / "sub" / "a").read_bytes() == b"12345" and (workspace / "f").read_bytes() == b"123"


def test_delete_a_link_to_an_outside_file_trashes_the_link_only(ctx, workspace, tmp_path):
    outside = tmp_path / "secret.txt"
    outside.write_text("keep")
    link = workspace / "link"
    link.symlink_to(outside)
    p = preview(ctx, "files.delete", paths=[str(link)])
    assert p.count == 1 and p.bytes == 0 and any("link" in d for d in p.details)
    result = fileops.delete(ctx, [str(link)])
    assert not os.path.lexists(link) and outside.read_text() == "keep"
    undo(ctx, "files.delete", result)
    assert os.readlink(link) == str(outside)


def test_delete_missing_path_changes_nothing(ctx, workspace):
    (workspace / "a").write_text("x")
    with pytest.raises(ActionFailed, match="no such file"):
        unchanged_by(ctx, fileops.delete, ctx, [str(workspace / "a"), str(workspace / "ghost")])


def test_delete_failing_halfway_puts_back_what_it_trashed(ctx, workspace):
    (workspace / "a").write_text("x")
    locked = workspace / "locked"
    locked.mkdir()
    (locked / "b").write_text("y")
    with write_protected(locked):
        with pytest.raises(ActionFailed, match="trash"):
            fileops.delete(ctx, [str(workspace / "a"), str(locked / "b")])
    assert (workspace / "a").read_text() == "x" and (locked / "b").read_text() == "y"
    assert trash_of(ctx).entries() == []


def test_delete_undo_refuses_when_a_place_is_taken_and_restores_nothing(ctx, workspace):
    (workspace / "a").write_text("a")
    (workspace / "b").write_text("b")
    result = fileops.delete(ctx, [str(workspace / "a"), str(workspace / "b")])
    (workspace / "b").write_text("newer")
    with pytest.raises(ActionFailed, match="exists again"):
        undo(ctx, "files.delete", result)
    assert not (workspace / "a").exists() and (workspace / "b").read_text() == "newer"
    assert len(trash_of(ctx).entries()) == 2


def test_delete_odd_names_one_escaped_line_each(ctx, workspace):
    nl = workspace / "x\nrm -rf ~"
    nl.write_text("1")
    odd = nonutf8(workspace)
    esc = workspace / "\x1b[2Jclear"
    esc.write_text("2")
    result = fileops.delete(ctx, [str(nl), str(odd), str(esc)])
    lines = result.output.splitlines()
    assert len(lines) == 3 and "\x1b" not in result.output
    undo(ctx, "files.delete", result)
    assert nl.exists() and odd.exists() and esc.exists()


def test_delete_cancelled_deletes_nothing(ctx, workspace):
    (workspace / "a").write_text("x")
    ctx.cancelled.set()
    with pytest.raises(ActionFailed, match="cancelled"):
        unchanged_by(ctx, fileops.delete, ctx, [str(workspace / "a")])


def test_delete_refuses_nlsh_own_trash(ctx, workspace, paths):
    paths.trash.mkdir(parents=True, exist_ok=True)
    with pytest.raises(ActionFailed, match="trash"):
        fileops.delete(ctx, [str(paths.trash)])
    assert paths.trash.is_dir()


# the undo record travels as JSON (undo log, audit) ------------------------------------


def test_undo_data_for_non_utf8_names_survives_json(ctx, workspace):
    import json

    odd = nonutf8(workspace)
    data = odd.read_bytes()
    moved = fileops.move(ctx, [str(odd)], str(workspace / "plain"))
    assert json.loads(json.dumps(moved.undo)) == moved.undo
    undo_move = json.loads(json.dumps(moved.undo))
    spec("files.move").undo(ctx, undo_move)
    trashed = fileops.delete(ctx, [str(odd)])
    spec("files.delete").undo(ctx, json.loads(json.dumps(trashed.undo)))
    assert odd.read_bytes() == data


def test_a_failed_rollback_is_reported_not_hidden():
    with pytest.raises(ActionFailed, match="putting things back failed too: gone: /x"):
        with fsops.Rollback() as rollback:
            rollback.add(lambda: (_ for _ in ()).throw(FileNotFoundError(2, "gone", "/x")))
            raise OSError(28, "No space left on device", "/ws/f")
