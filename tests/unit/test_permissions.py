"""files.chmod on real files: modes, recursion, links, preview, undo, bad input; and its phrasings."""

from __future__ import annotations

import os
import stat

import pytest

from _fs_testkit import preview, undo, unchanged_by
from nlsh.actions import permissions
from nlsh.actions.permissions import apply_mode
from nlsh.errors import ActionFailed, BadArguments
from nlsh.intent.fastpath import match
from nlsh.plugins import load_catalog
from nlsh.types import ActionCall


def mode(path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


@pytest.mark.parametrize("spec, current, is_dir, expected", [
    ("644", 0o777, False, 0o644),
    ("0755", 0o600, False, 0o755),
    ("u+x", 0o644, False, 0o744),
    ("go-w", 0o666, False, 0o644),
    ("a=r", 0o755, False, 0o444),
    ("u+x,g-r", 0o644, False, 0o704),
    ("o=", 0o777, False, 0o770),
    ("a+X", 0o644, True, 0o755),
    ("a+X", 0o644, False, 0o644),
    ("u+s", 0o755, False, 0o4755),
])
def test_modes_read_like_chmod(spec, current, is_dir, expected):
    assert apply_mode(spec, current, is_dir=is_dir) == expected


@pytest.mark.parametrize("bad", ["", "999", "u+q", "x+u", "rwx", "12"])
def test_a_bad_mode_is_refused(bad):
    with pytest.raises(BadArguments, match="not a file mode"):
        apply_mode(bad, 0o644)


def test_chmod_changes_and_undo_restores(ctx, workspace):
    script = workspace / "run.sh"
    script.write_text("echo hi\n")
    script.chmod(0o644)
    unchanged_by(ctx, preview, ctx, "files.chmod", paths=[str(script)], mode="+x")
    result = permissions.chmod(ctx, [str(script)], "u+x")
    assert mode(script) == 0o744
    assert "from 0644 to 0744" in result.output
    assert "restored the mode of 1" in undo(ctx, "files.chmod", result)
    assert mode(script) == 0o644


def test_recursive_skips_links_and_reaches_everything_else(ctx, workspace, tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text("x")
    outside.chmod(0o600)
    tree = workspace / "site"
    (tree / "css").mkdir(parents=True)
    (tree / "css" / "a.css").write_text("x")
    (tree / "link").symlink_to(outside)
    for p in (tree, tree / "css"):
        p.chmod(0o700)
    (tree / "css" / "a.css").chmod(0o600)
    permissions.chmod(ctx, [str(tree)], "a+rX", recursive=True)
    assert mode(tree) == 0o755 and mode(tree / "css") == 0o755 and mode(tree / "css" / "a.css") == 0o644
    assert mode(outside) == 0o600


def test_a_link_named_directly_is_refused(ctx, workspace, tmp_path):
    target = tmp_path / "secret"
    target.write_text("x")
    target.chmod(0o600)
    (workspace / "l").symlink_to(target)
    with pytest.raises(ActionFailed, match="symbolic link"):
        permissions.chmod(ctx, [str(workspace / "l")], "777")
    assert mode(target) == 0o600


def test_the_preview_shows_old_and_new_modes(ctx, workspace):
    f = workspace / "a.txt"
    f.write_text("x")
    f.chmod(0o644)
    shown = preview(ctx, "files.chmod", paths=[str(f)], mode="600")
    assert shown.count == 1 and any("rw-r--r-- -> rw-------" in d for d in shown.details)


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


def chmod(paths, mode, **extra):
    return [ActionCall("files.chmod", {"paths": paths, "mode": mode, **extra})]


@pytest.mark.parametrize("text, plan", [
    ("make deploy.sh executable", chmod(["deploy.sh"], "+x")),
    ("make build.sh runnable", chmod(["build.sh"], "+x")),
    ("chmod 755 tools/run.sh", chmod(["tools/run.sh"], "755")),
    ("chmod -R 700 private", chmod(["private"], "700", recursive=True)),
    ("chmod u+x,g-w a.sh", chmod(["a.sh"], "u+x,g-w")),
    ("set the permissions of config.ini to 600", chmod(["config.ini"], "600")),
    ("change the mode of notes.txt to 0644", chmod(["notes.txt"], "0644")),
    ("change config.ini's permissions to 640", chmod(["config.ini"], "640")),
    ("give the group write access to shared.txt", chmod(["shared.txt"], "g+w")),
    ("give the owner execute permission on script.py", chmod(["script.py"], "u+x")),
    ("remove write permission from others on shared.txt", chmod(["shared.txt"], "o-w")),
    ("take away write permission on notes.txt for the group", chmod(["notes.txt"], "g-w")),
    ("grant read and write permissions to everyone on data.csv", chmod(["data.csv"], "a+rw")),
    ("make report.pdf read-only", chmod(["report.pdf"], "a-w")),
    ("make the site folder readable by everyone recursively", chmod(["site"], "a+r", recursive=True)),
    ("make notes.txt writable by the group", chmod(["notes.txt"], "g+w")),
])
def test_permission_phrasings(catalog, text, plan):
    assert match(text, catalog.patterns) == plan


@pytest.mark.parametrize("text", [
    "make it executable",            # no file named
    "give me access",
    "what are the permissions of a.txt",  # a question about them: files.stat's job
])
def test_unclear_permission_requests_are_not_chmod(catalog, text):
    plan = match(text, catalog.patterns)
    assert plan is None or plan[0].action != "files.chmod"
