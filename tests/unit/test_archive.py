"""files.archive/extract/list_archive on real archives: round trips, previews, undo, hostile members."""

from __future__ import annotations

import io
import os
import tarfile
import zipfile
from pathlib import Path

import pytest

from _fs_testkit import rolled_back, spec, unchanged_by, write_protected
from nlsh.actions import archive as arch
from nlsh.errors import ActionFailed
from nlsh.plugins import load_catalog
from nlsh.sandbox.trash import Trash


def make_tree(workspace: Path) -> Path:
    src = workspace / "proj"
    (src / "sub").mkdir(parents=True)
    (src / "sub" / "a.txt").write_text("alpha")
    (src / "b.bin").write_bytes(bytes(range(256)) * 40)
    (src / "b.bin").chmod(0o750)
    (src / "link").symlink_to("sub/a.txt")
    return src


def make_tar(path: Path, members: list[tuple[tarfile.TarInfo, bytes | None]]) -> Path:
    with tarfile.open(path, "w") as tf:
        for info, data in members:
            if data is not None:
                info.size = len(data)
                tf.addfile(info, io.BytesIO(data))
            else:
                tf.addfile(info)
    return path


def tar_info(name: str, kind: bytes = tarfile.REGTYPE, link: str = "") -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.type = kind
    info.linkname = link
    return info


def make_zip(path: Path, members: list[tuple[str | zipfile.ZipInfo, bytes]]) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in members:
            zf.writestr(name, data)
    return path


def test_the_three_actions_register():
    catalog = load_catalog(entry_points=False)
    assert "nlsh.actions.archive" not in catalog.broken
    assert [p.name for p in catalog.actions.get("files.archive").params] == ["sources", "archive", "format"]
    assert [p.name for p in catalog.actions.get("files.extract").params] == ["archive", "destination"]
    assert catalog.actions.get("files.list_archive").risk == 0


@pytest.mark.parametrize("name", ["out.tar", "out.tar.gz", "out.tgz", "out.tar.bz2", "out.tar.xz", "out.zip"])
def test_round_trip_every_format(ctx, workspace, name):
    src = make_tree(workspace)
    target = workspace / name
    p = unchanged_by(ctx, spec("files.archive").preview, ctx, sources=[str(src)], archive=str(target))
    assert p.targets == (str(target),) and p.count == 5 and p.bytes == 5 + 256 * 40
    result = arch.archive(ctx, [str(src)], str(target))
    assert target.is_file() and not [n for n in os.listdir(workspace) if n.startswith(".nlsh-part")]
    listing = arch.list_archive(ctx, str(target)).output.splitlines()
    assert sorted(listing) == ["proj/", "proj/b.bin", "proj/link", "proj/sub/", "proj/sub/a.txt"]
    out = workspace / "out"
    xp = unchanged_by(ctx, spec("files.extract").preview, ctx, archive=str(target), destination=str(out))
    assert xp.targets == (str(out),)
    arch.extract(ctx, str(target), str(out))
    assert (out / "proj" / "sub" / "a.txt").read_text() == "alpha"
    assert (out / "proj" / "b.bin").read_bytes() == (src / "b.bin").read_bytes()
    assert os.stat(out / "proj" / "b.bin").st_mode & 0o700 == 0o700
    assert os.readlink(out / "proj" / "link") == "sub/a.txt"
    assert result.undo == {"archive": str(target)}


def test_members_are_relative_to_the_common_parent(ctx, workspace):
    (workspace / "x" / "y").mkdir(parents=True)
    (workspace / "x" / "y" / "f").write_text("1")
    (workspace / "x" / "g").write_text("2")
    arch.archive(ctx, [str(workspace / "x" / "y" / "f"), str(workspace / "x" / "g")], str(workspace / "a.tar"))
    assert sorted(arch.list_archive(ctx, str(workspace / "a.tar")).output.splitlines()) == ["g", "y/f"]


def test_archive_undo_trashes_the_archive(ctx, workspace):
    src = make_tree(workspace)
    result = arch.archive(ctx, [str(src)], str(workspace / "p.zip"))
    assert "trash" in spec("files.archive").undo(ctx, dict(result.undo))
    assert not (workspace / "p.zip").exists() and len(Trash(ctx.paths.trash).entries()) == 1


def test_archive_bad_input(ctx, workspace):
    src = make_tree(workspace)
    with pytest.raises(ActionFailed, match="cannot tell the archive format"):
        arch.archive(ctx, [str(src)], str(workspace / "p.rar"))
    (workspace / "taken.tar").write_text("x")
    with pytest.raises(ActionFailed, match="already exists"):
        arch.archive(ctx, [str(src)], str(workspace / "taken.tar"))
    with pytest.raises(ActionFailed, match="no such file"):
        arch.archive(ctx, [str(workspace / "ghost")], str(workspace / "g.tar"))
    assert (workspace / "taken.tar").read_text() == "x"


def test_archive_skips_fifos_and_cancel_leaves_nothing(ctx, workspace):
    src = make_tree(workspace)
    os.mkfifo(src / "pipe")
    result = arch.archive(ctx, [str(src)], str(workspace / "p.tar"))
    assert "skipped 1" in result.output and "proj/pipe" not in arch.list_archive(ctx, str(workspace / "p.tar")).output
    ctx.progress = lambda done, total, label: ctx.cancelled.set()
    with pytest.raises(ActionFailed, match="cancelled"):
        rolled_back(ctx, arch.archive, ctx, [str(src)], str(workspace / "q.tar.gz"))


def test_non_utf8_and_newline_names_in_tar_but_not_zip(ctx, workspace):
    src = workspace / "odd"
    src.mkdir()
    raw = os.path.join(os.fsencode(src), b"caf\xe9")
    with open(raw, "wb") as f:
        f.write(b"x")
    (src / "two\nlines").write_text("y")
    arch.archive(ctx, [str(src)], str(workspace / "o.tar"))
    listing = arch.list_archive(ctx, str(workspace / "o.tar")).output
    assert len(listing.splitlines()) == 3 and "two\\nlines" in listing
    arch.extract(ctx, str(workspace / "o.tar"), str(workspace / "out"))
    assert os.path.exists(os.path.join(os.fsencode(workspace), b"out", b"odd", b"caf\xe9"))
    assert (workspace / "out" / "odd" / "two\nlines").read_text() == "y"
    with pytest.raises(ActionFailed, match="not UTF-8"):
        arch.archive(ctx, [str(src)], str(workspace / "o.zip"))
    assert not (workspace / "o.zip").exists()


def test_extract_undo_trashes_only_what_it_created(ctx, workspace):
    archive = make_zip(workspace / "a.zip", [("keep/new.txt", b"n"), ("top.txt", b"t")])
    dest = workspace / "dest"
    (dest / "keep").mkdir(parents=True)
    (dest / "keep" / "mine.txt").write_text("mine")
    xp = spec("files.extract").preview(ctx, archive=str(archive), destination=str(dest))
    assert sorted(xp.targets) == [str(dest / "keep" / "new.txt"), str(dest / "top.txt")]
    result = arch.extract(ctx, str(archive), str(dest))
    assert (dest / "keep" / "new.txt").read_text() == "n"
    spec("files.extract").undo(ctx, dict(result.undo))
    assert sorted(os.listdir(dest)) == ["keep"] and os.listdir(dest / "keep") == ["mine.txt"]


def test_extract_refuses_to_overwrite(ctx, workspace):
    archive = make_zip(workspace / "a.zip", [("new.txt", b"n"), ("f.txt", b"evil")])
    (workspace / "f.txt").write_text("mine")
    with pytest.raises(ActionFailed, match="already exists"):
        unchanged_by(ctx, arch.extract, ctx, str(archive), str(workspace))


ZIP_SLIPS = {
    "dotdot": [("../evil.txt", b"x")],
    "nested dotdot": [("a/../../evil.txt", b"x")],
    "absolute": [("/tmp/nlsh-evil-abs.txt", b"x")],
}


@pytest.mark.parametrize("case", sorted(ZIP_SLIPS))
def test_zip_slip_is_refused_and_nothing_written(ctx, workspace, case):
    archive = make_zip(workspace / "evil.zip", [("fine.txt", b"ok")] + ZIP_SLIPS[case])
    p = unchanged_by(ctx, spec("files.extract").preview, ctx, archive=str(archive), destination=str(workspace / "d"))
    assert p.summary.startswith("would fail: refusing the archive") and p.targets == ()
    with pytest.raises(ActionFailed, match="refusing"):
        unchanged_by(ctx, arch.extract, ctx, str(archive), str(workspace / "d"))
    assert not os.path.exists("/tmp/nlsh-evil-abs.txt")


@pytest.mark.parametrize("target", [b"../../../etc/passwd", b"/etc/passwd"])
def test_zip_symlink_pointing_out_is_refused(ctx, workspace, target):
    info = zipfile.ZipInfo("sneaky")
    info.create_system = 3
    info.external_attr = (0o120777) << 16
    archive = make_zip(workspace / "l.zip", [(info, target)])
    assert arch.list_archive(ctx, str(archive)).data["members"][0]["type"] == "symlink"
    with pytest.raises(ActionFailed, match="points (outside|to an absolute)"):
        unchanged_by(ctx, arch.extract, ctx, str(archive), str(workspace / "d"))


TAR_ESCAPES = {
    "dotdot": [(tar_info("../evil"), b"x")],
    "absolute": [(tar_info("/tmp/nlsh-evil-abs"), b"x")],
    "symlink to absolute": [(tar_info("l", tarfile.SYMTYPE, "/etc"), None)],
    "symlink climbing out": [(tar_info("a/l", tarfile.SYMTYPE, "../../outside"), None)],
    "file through an inside link": [(tar_info("l", tarfile.SYMTYPE, "sub"), None), (tar_info("l/f"), b"x")],
    "hard link out": [(tar_info("h", tarfile.LNKTYPE, "/etc/passwd"), None)],
    "device": [(tar_info("dev", tarfile.CHRTYPE), None)],
    "twice": [(tar_info("f"), b"1"), (tar_info("f"), b"2")],
}


@pytest.mark.parametrize("case", sorted(TAR_ESCAPES))
def test_hostile_tar_members_are_refused_and_nothing_written(ctx, workspace, case):
    archive = make_tar(workspace / "evil.tar", [(tar_info("fine"), b"ok")] + TAR_ESCAPES[case])
    with pytest.raises(ActionFailed, match="refusing"):
        unchanged_by(ctx, arch.extract, ctx, str(archive), str(workspace / "d"))


@pytest.mark.parametrize("kind", ["tar", "zip"])
def test_existing_link_in_the_destination_is_not_followed(ctx, workspace, tmp_path, kind):
    outside = tmp_path / "outside"
    outside.mkdir()
    (workspace / "escape").symlink_to(outside)
    if kind == "tar":
        archive = make_tar(workspace / "e.tar", [(tar_info("escape/pwn.txt"), b"x")])
    else:
        archive = make_zip(workspace / "e.zip", [("escape/pwn.txt", b"x")])
    with pytest.raises(ActionFailed, match="refusing the archive: escape/pwn.txt would go through escape"):
        unchanged_by(ctx, arch.extract, ctx, str(archive), str(workspace))
    assert os.listdir(outside) == []


def test_extract_bad_input(ctx, workspace):
    (workspace / "junk.tar.gz").write_bytes(os.urandom(2000))
    with pytest.raises(ActionFailed, match="not an archive"):
        arch.extract(ctx, str(workspace / "junk.tar.gz"))
    with pytest.raises(ActionFailed, match="not an archive"):
        arch.list_archive(ctx, str(workspace / "junk.tar.gz"))
    archive = make_zip(workspace / "a.zip", [("f", b"x")])
    (workspace / "file").write_text("x")
    with pytest.raises(ActionFailed, match="not a folder"):
        arch.extract(ctx, str(archive), str(workspace / "file"))


def test_extract_cancelled_leaves_nothing(ctx, workspace):
    archive = make_tar(workspace / "a.tar", [(tar_info(f"d/f{i}"), b"x" * 10) for i in range(5)])
    calls = []

    def progress(done, total, label):
        calls.append(done)
        if done == 2:
            ctx.cancelled.set()

    ctx.progress = progress
    with pytest.raises(ActionFailed, match="cancelled"):
        rolled_back(ctx, arch.extract, ctx, str(archive), str(workspace / "out"))
    assert calls == [1, 2]


def test_extract_into_a_protected_folder_fails_cleanly(ctx, workspace):
    archive = make_zip(workspace / "a.zip", [("f", b"x")])
    locked = workspace / "locked"
    locked.mkdir()
    with write_protected(locked):
        with pytest.raises(ActionFailed, match="permission denied"):
            arch.extract(ctx, str(archive), str(locked))
    assert os.listdir(locked) == []


def test_corrupt_member_rolls_back(ctx, workspace):
    archive = make_zip(workspace / "a.zip", [("first.txt", b"a" * 100), ("second.txt", b"b" * 5000)])
    data = bytearray(archive.read_bytes())
    at = data.index(b"second.txt") + len("second.txt") + 10  # inside the stored bytes of the 2nd member
    data[at] ^= 0xFF
    archive.write_bytes(bytes(data))
    with pytest.raises(ActionFailed):
        rolled_back(ctx, arch.extract, ctx, str(archive), str(workspace / "out"))


def test_empty_archive_into_a_new_folder_and_undo(ctx, workspace):
    archive = make_zip(workspace / "empty.zip", [])
    result = arch.extract(ctx, str(archive), str(workspace / "new" / "dest"))
    assert (workspace / "new" / "dest").is_dir()
    assert result.undo == {"created": [str(workspace / "new")]}
    spec("files.extract").undo(ctx, dict(result.undo))
    assert not (workspace / "new").exists()


def test_a_fifo_is_refused_without_blocking(ctx, workspace):
    os.mkfifo(workspace / "pipe.tar")
    with pytest.raises(ActionFailed, match="not a regular file"):
        arch.list_archive(ctx, str(workspace / "pipe.tar"))
    with pytest.raises(ActionFailed, match="not a regular file"):
        arch.extract(ctx, str(workspace / "pipe.tar"))
