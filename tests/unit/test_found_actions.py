"""files.find's new options, and acting on what it finds: files.delete_found, copy_found, move_found."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from _fs_testkit import preview, spec, unchanged_by, undo

from nlsh.actions import _fsfound, files
from nlsh.errors import ActionFailed


def write(path: Path, data: str = "") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(data)
    return path


def age(path: Path, days: float) -> None:
    t = time.time() - days * 86400
    os.utime(path, (t, t))


@pytest.fixture
def build(workspace: Path) -> Path:
    """build/{a/{x.tmp, keep.txt}, y.tmp, temp/{f}, lib/temp/{g}, .git/HEAD, .env, big.bin}"""
    root = workspace / "build"
    write(root / "a" / "x.tmp", "1")
    write(root / "a" / "keep.txt", "k")
    write(root / "y.tmp", "22")
    write(root / "temp" / "f", "t")
    write(root / "lib" / "temp" / "g", "g")
    write(root / ".git" / "HEAD", "ref")
    write(root / ".env", "SECRET=1")
    write(root / "big.bin", "x" * 5000)
    return root


def names(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*")}


# --- files.find -----------------------------------------------------------------------


def test_find_prints_the_folder_as_given(ctx, build):
    out = files.find(ctx, str(build / "a"), extension="tmp").output
    assert out == "build/a/x.tmp"
    assert files.find(ctx, ".", extension="tmp").output.splitlines() == ["./build/a/x.tmp", "./build/y.tmp"]


def test_find_exclude_path_match_and_names_only(ctx, build):
    out = files.find(ctx, str(build), type="file", exclude="*.tmp", max_depth=1).output.splitlines()
    assert out == ["build/.env", "build/big.bin"]
    assert files.find(ctx, str(build), path_match="*/temp/*").output.splitlines() == [
        "build/lib/temp/g", "build/temp/f",
    ]
    assert files.find(ctx, str(build), extension="tmp", names_only=True).output.splitlines() == ["x.tmp", "y.tmp"]


# --- files.delete_found -----------------------------------------------------------------


def test_delete_found_previews_trashes_and_undoes(ctx, build):
    before = names(build)
    p = unchanged_by(ctx, preview, ctx, "files.delete_found", path=str(build), extension="tmp", type="file")
    assert p.count == 2 and set(p.targets) == {str(build / "a" / "x.tmp"), str(build / "y.tmp")}
    assert "found under build" in p.summary and p.reversible
    result = _fsfound.delete_found(ctx, str(build), extension="tmp", type="file")
    assert not (build / "y.tmp").exists() and not (build / "a" / "x.tmp").exists()
    assert (build / "a" / "keep.txt").exists()
    assert result.output.splitlines() == ["trashed build/a/x.tmp", "trashed build/y.tmp"]
    undo(ctx, "files.delete_found", result)
    assert names(build) == before


def test_delete_folders_called_temp_takes_them_whole(ctx, build):
    result = _fsfound.delete_found(ctx, str(build), name="temp", type="dir")
    assert not (build / "temp").exists() and not (build / "lib" / "temp").exists()
    assert (build / "lib").is_dir() and len(result.data["trashed"]) == 2


def test_delete_everything_except_keeps_the_folders_that_hold_kept_files(ctx, build):
    _fsfound.delete_found(ctx, str(build), exclude="*.txt")
    assert names(build) == {"a", "a/keep.txt", ".git", ".git/HEAD"}  # .git is never touched


def test_delete_by_age_and_size_and_hidden(ctx, build):
    age(build / "y.tmp", 5)
    _fsfound.delete_found(ctx, str(build), type="file", older_than="2d")
    assert not (build / "y.tmp").exists() and (build / "a" / "x.tmp").exists()
    _fsfound.delete_found(ctx, str(build), type="file", max_size="1k")
    assert names(build) == {"a", "temp", "lib", "lib/temp", ".git", ".git/HEAD", "big.bin"}
    _fsfound.delete_found(ctx, str(build), name=".*", type="file")
    assert ".git/HEAD" in names(build)


def test_old_folder_holding_new_files_is_not_deleted_for_its_age(ctx, build):
    age(build / "a" / "x.tmp", 5)
    age(build / "a", 5)
    _fsfound.delete_found(ctx, str(build), older_than="2d")
    assert names(build) >= {"a", "a/keep.txt"} and "a/x.tmp" not in names(build)


def test_delete_found_nothing_and_no_criteria(ctx, build):
    result = _fsfound.delete_found(ctx, str(build), extension="nope")
    assert result.output == "" and result.undo is None
    p = preview(ctx, "files.delete_found", path=str(build), extension="nope")
    assert p.count == 0 and "nothing" in p.summary
    with pytest.raises(ActionFailed, match="say what to look for"):
        _fsfound.delete_found(ctx, str(build), type="file")
    assert "would fail" in preview(ctx, "files.delete_found", path=str(build)).summary


def test_the_searched_folder_itself_is_never_deleted(ctx, workspace):
    (workspace / "e").mkdir()
    _fsfound.delete_found(ctx, str(workspace / "e"), empty=True)
    assert (workspace / "e").is_dir()


# --- files.copy_found / files.move_found -------------------------------------------------


def test_copy_found_flat_into_a_new_folder_and_undo(ctx, build, workspace):
    dest = workspace / "out"
    p = unchanged_by(ctx, preview, ctx, "files.copy_found", destination=str(dest), path=str(build),
                     extension="tmp", type="file")
    assert p.count == 2 and "copy 2 item(s) found under build" in p.summary
    result = _fsfound.copy_found(ctx, str(dest), str(build), extension="tmp", type="file")
    assert sorted(os.listdir(dest)) == ["x.tmp", "y.tmp"] and (build / "y.tmp").exists()
    undo(ctx, "files.copy_found", result)
    assert not dest.exists()


def test_move_found_and_undo(ctx, build, workspace):
    dest = workspace / "logs"
    result = _fsfound.move_found(ctx, str(dest), str(build), iname="*TMP*", type="file")
    assert sorted(os.listdir(dest)) == ["x.tmp", "y.tmp"] and not (build / "y.tmp").exists()
    undo(ctx, "files.move_found", result)
    assert (build / "y.tmp").exists() and (build / "a" / "x.tmp").exists()


def test_destination_inside_the_searched_folder_is_skipped(ctx, build):
    write(build / "old" / "z.tmp")
    result = _fsfound.move_found(ctx, str(build / "old"), str(build), extension="tmp", type="file")
    assert sorted(os.listdir(build / "old")) == ["x.tmp", "y.tmp", "z.tmp"]
    assert len(result.data["moved"]) == 2


def test_same_name_twice_is_refused_before_anything_moves(ctx, build, workspace):
    write(build / "lib" / "y.tmp")
    with pytest.raises(ActionFailed, match="both named y.tmp"):
        unchanged_by(ctx, _fsfound.move_found, ctx, str(workspace / "d"), str(build), extension="tmp")


def test_found_actions_are_declared_like_their_plain_ones():
    for name, risk in (("files.delete_found", "R2"), ("files.copy_found", "R1"), ("files.move_found", "R1")):
        s = spec(name)
        assert s.reversible and s.preview and s.undo and str(s.risk) == risk
        assert {"path", "name", "exclude", "older_than", "max_size"} <= {p.name for p in s.params}


def test_version_control_folders_go_only_when_named(ctx, build):
    _fsfound.delete_found(ctx, str(build), name=".*")
    assert ".git/HEAD" in names(build) and ".env" not in names(build)
    _fsfound.delete_found(ctx, str(build), name=".git", type="dir")
    assert ".git" not in names(build)


def test_find_and_found_actions_refuse_bad_criteria_clearly(ctx, build):
    with pytest.raises(ActionFailed, match="max_depth"):
        files.find(ctx, str(build), max_depth=-1)
    with pytest.raises(ActionFailed):
        _fsfound.delete_found(ctx, str(build), min_size="lots")
    assert "would fail" in preview(ctx, "files.copy_found", destination=str(build / "y.tmp"), path=str(build),
                                   extension="tmp").summary
