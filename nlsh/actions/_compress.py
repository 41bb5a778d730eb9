"""One file in, one file out: files.compress (gzip, bzip2, xz) and files.decompress (gunzip...).

Registered by nlsh.actions.archive. Like the classic tools, the original is removed unless
it is kept; here it goes to nlsh's trash, so undo can bring it back. The new file is
written under a temporary name and renamed into place without replacing anything.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any, Callable, Literal

from ..errors import ActionFailed
from ..sandbox.fsops import Rollback, human_size, rename_noreplace, staging_path
from ..sandbox.trash import Trash
from ..types import Preview, Risk
from ._fschange import fail, outside_workspace, reports_failure, restore_all, show, trash_all
from .context import ActionContext, ActionResult
from .registry import InPath, action

__all__ = ["compress", "decompress"]

Codec = Literal["gzip", "bzip2", "xz"]
_SUFFIX = {"gzip": ".gz", "bzip2": ".bz2", "xz": ".xz"}
_BY_SUFFIX = {".gz": "gzip", ".bz2": "bzip2", ".xz": "xz", ".lzma": "xz"}
_CHUNK = 1 << 20


def _opener(codec: str) -> Callable[..., Any]:
    if codec == "gzip":
        import gzip

        return gzip.open
    if codec == "bzip2":
        import bz2

        return bz2.open
    import lzma

    return lzma.open


def _regular(ctx: ActionContext, path: str) -> os.stat_result:
    try:
        st = os.lstat(path)
    except OSError as exc:
        raise fail(ctx, exc, f"cannot read {show(ctx, path)}") from None
    if not stat.S_ISREG(st.st_mode):
        raise ActionFailed(f"{show(ctx, path)} is not a regular file",
                           hint="to pack a folder, make an archive of it (files.archive)")
    return st


def _free(ctx: ActionContext, path: str) -> None:
    if os.path.lexists(path):
        raise ActionFailed(f"{show(ctx, path)} already exists", hint="move it away first")


def _compressed_name(path: str, codec: str) -> str:
    return path + _SUFFIX[codec]


def _plain_name(ctx: ActionContext, path: str) -> tuple[str, str]:
    base, ext = os.path.splitext(path)
    codec = _BY_SUFFIX.get(ext.lower())
    if codec is None or not os.path.basename(base):
        raise ActionFailed(f"{show(ctx, path)} does not end in .gz, .bz2 or .xz",
                           hint="to unpack an archive (.zip, .tar.gz, .tgz), extract it (files.extract)")
    return base, codec


def _copy(ctx: ActionContext, read: Any, write: Any) -> None:
    while chunk := read.read(_CHUNK):
        if ctx.cancelled.is_set():
            raise ActionFailed("cancelled", hint="nothing was changed")
        write.write(chunk)


def _convert(ctx: ActionContext, source: str, target: str, codec: str, packing: bool) -> None:
    """Write target from source through the codec, under a temporary name, then rename it."""
    from lzma import LZMAError

    staged = staging_path(Path(target))
    try:
        with open(source, "rb") if packing else _opener(codec)(source, "rb") as src:
            with _opener(codec)(staged, "xb") if packing else open(staged, "xb") as dst:
                _copy(ctx, src, dst)
        os.chmod(staged, stat.S_IMODE(os.stat(source).st_mode))
        rename_noreplace(staged, target)
    except (EOFError, ValueError, LZMAError) as exc:  # a truncated or corrupt stream
        raise ActionFailed(f"{show(ctx, source)} is not valid {codec} data: {exc}") from None
    except OSError as exc:
        if exc.errno is None and not packing:  # gzip and bz2 report bad data as OSError
            raise ActionFailed(f"{show(ctx, source)} is not valid {codec} data: {exc}") from None
        raise fail(ctx, exc, f"cannot write {show(ctx, target)}") from None
    finally:
        if os.path.lexists(staged):
            os.unlink(staged)


def _finish(ctx: ActionContext, source: str, target: str, keep: bool, verb: str) -> ActionResult:
    before, after = os.path.getsize(source), os.path.getsize(target)
    trashed: list[list[str]] = []
    if not keep:
        trash = Trash(ctx.paths.trash, ctx.workspace)
        try:
            trashed = [[source, trash.put(Path(source))]]
        except ActionFailed:
            os.unlink(target)  # leave things as they were
            raise
    note = "" if keep else f"; moved {show(ctx, source)} to the trash"
    return ActionResult(
        output=f"{verb} {show(ctx, source)} into {show(ctx, target)}{note}",
        data={"source": source, "target": target, "kept": keep, "bytes": after, "source_bytes": before},
        undo={"target": target, "trashed": trashed},
    )


def _undo(ctx: ActionContext, data: dict) -> str:
    """Move the file that was made to the trash, and bring back the original if it was trashed."""
    trash = Trash(ctx.paths.trash, ctx.workspace)
    with Rollback() as rollback:
        messages = trash_all(ctx, trash, [Path(data["target"])], "file", rollback)
        messages += restore_all(ctx, trash, data.get("trashed") or [], rollback)
    return "\n".join(messages)


def _preview(ctx: ActionContext, source: str, target: str, keep: bool, verb: str) -> Preview:
    st = _regular(ctx, source)
    _free(ctx, target)
    fate = "keeping the original" if keep else "moving the original to the trash"
    return Preview(
        summary=f"{verb} {show(ctx, source)} ({human_size(st.st_size)}) into {show(ctx, target)}, {fate}",
        targets=(source, target), count=1, bytes=st.st_size,
        outside_workspace=outside_workspace(ctx, [source, target]),
    )


@reports_failure
def _preview_compress(ctx: ActionContext, path: str, format: str = "gzip", keep: bool = False) -> Preview:
    return _preview(ctx, path, _compressed_name(path, format), keep, "compress")


@action("files.compress", capabilities=("fs.read", "fs.write"), risk=Risk.R1, reversible=True,
        preview=_preview_compress, undo=_undo)
def compress(ctx: ActionContext, path: InPath, format: Codec = "gzip", keep: bool = False) -> ActionResult:
    """Compress one file into FILE.gz (or .bz2, .xz), like `gzip FILE`.

    Args:
        path: the file to compress (to pack a folder, use files.archive).
        format: "gzip" (.gz), "bzip2" (.bz2) or "xz" (.xz).
        keep: keep the original file, like `gzip -k`; otherwise it goes to the trash.
    """
    _regular(ctx, path)
    target = _compressed_name(path, format)
    _free(ctx, target)
    _convert(ctx, path, target, format, packing=True)
    return _finish(ctx, path, target, keep, "compressed")


@reports_failure
def _preview_decompress(ctx: ActionContext, path: str, keep: bool = False) -> Preview:
    return _preview(ctx, path, _plain_name(ctx, path)[0], keep, "decompress")


@action("files.decompress", capabilities=("fs.read", "fs.write"), risk=Risk.R1, reversible=True,
        preview=_preview_decompress, undo=_undo)
def decompress(ctx: ActionContext, path: InPath, keep: bool = False) -> ActionResult:
    """Decompress one FILE.gz, FILE.bz2 or FILE.xz into FILE, like `gunzip FILE.gz`.

    Args:
        path: the compressed file (to unpack an archive such as .tar.gz or .zip, use files.extract).
        keep: keep the compressed file, like `gunzip -k`; otherwise it goes to the trash.
    """
    target, codec = _plain_name(ctx, path)
    _regular(ctx, path)
    _free(ctx, target)
    _convert(ctx, path, target, codec, packing=False)
    return _finish(ctx, path, target, keep, "decompressed")
