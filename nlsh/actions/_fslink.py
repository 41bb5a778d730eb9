"""files.link: make a symbolic link (`ln -sr`) or a hard link (`ln`); undo removes it.

Registered by nlsh.actions.files. A symbolic link stores the target's path relative to
the link's folder, so the pair can be moved together; nothing is ever replaced.
"""

from __future__ import annotations

import os
import stat

from ..errors import ActionFailed
from ..types import Preview, Risk
from ._fschange import fail, outside_workspace, reports_failure, show
from .context import ActionContext, ActionResult
from .registry import InPath, OutPath, action

__all__ = ["link"]


def _where(ctx: ActionContext, target: str, link: str, symbolic: bool) -> tuple[str, str | None]:
    """(the link's path, the text a symbolic link stores); fails when it cannot be made."""
    if os.path.isdir(link) and not os.path.islink(link):
        link = os.path.join(link, os.path.basename(target.rstrip("/")))
    if os.path.lexists(link):
        raise ActionFailed(f"cannot make the link {show(ctx, link)}: it already exists", hint="pick another name")
    if not os.path.isdir(os.path.dirname(link) or "."):
        raise ActionFailed(f"cannot make the link {show(ctx, link)}: its folder does not exist")
    try:
        st = os.lstat(target)
    except OSError as exc:
        raise fail(ctx, exc, f"cannot link to {show(ctx, target)}") from None
    if not symbolic:
        if stat.S_ISDIR(st.st_mode):
            raise ActionFailed(f"cannot hard-link the folder {show(ctx, target)}", hint="make a symbolic link instead")
        return link, None
    return link, os.path.relpath(target, os.path.dirname(link))


@reports_failure
def _preview_link(ctx: ActionContext, target: str, link: str, symbolic: bool = True) -> Preview:
    where, text = _where(ctx, target, link, symbolic)
    kind = "a symbolic link" if symbolic else "a hard link"
    return Preview(summary=f"make {kind} {show(ctx, where)} -> {show(ctx, target)}", targets=(where,), count=1,
                   outside_workspace=outside_workspace(ctx, [where]))


def _undo_link(ctx: ActionContext, data: dict) -> str:
    """Remove the link that was made, if it is still that link."""
    path = data["link"]
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return f"{show(ctx, path)} is already gone"
    if data.get("stored") is not None:
        if not stat.S_ISLNK(st.st_mode) or os.readlink(path) != data["stored"]:
            raise ActionFailed(f"cannot undo: {show(ctx, path)} is no longer the link nlsh made")
    elif (st.st_dev, st.st_ino) != tuple(data["inode"]):
        raise ActionFailed(f"cannot undo: {show(ctx, path)} is no longer the link nlsh made")
    os.unlink(path)
    return f"removed the link {show(ctx, path)}"


@action("files.link", capabilities=("fs.write",), risk=Risk.R1, reversible=True,
        preview=_preview_link, undo=_undo_link)
def link(ctx: ActionContext, target: InPath, link: OutPath, symbolic: bool = True) -> ActionResult:
    """Make a link to a file or folder, like `ln -s TARGET LINK` (or `ln TARGET LINK` for a hard link).

    Args:
        target: the existing file or folder the link points to.
        link: the name of the new link (given a folder, the link is made inside it).
        symbolic: a symbolic link (the default); false makes a hard link (files only).
    """
    where, text = _where(ctx, target, link, symbolic)
    try:
        if text is not None:
            os.symlink(text, where)
        else:
            os.link(target, where, follow_symlinks=False)
    except OSError as exc:
        raise fail(ctx, exc, f"cannot make the link {show(ctx, where)}") from None
    st = os.lstat(where)
    arrow = f" -> {show(ctx, target)}" if text is not None else f" => {show(ctx, target)}"
    return ActionResult(
        output=f"made the link {show(ctx, where)}{arrow}",
        data={"link": where, "target": target, "symbolic": symbolic, "stored": text},
        undo={"link": where, "stored": text, "inode": [st.st_dev, st.st_ino]},
    )
