"""Grounding: check a plan step against the workspace before anything runs.

Path arguments are resolved against the working directory, globs are expanded into
concrete targets, missing files are reported with a near match ("readme" -> README.md),
and the side-effect-free preview is computed. Plans from the model may not use paths that
escape the workspace ("..", absolute paths elsewhere, encoded traversal).
"""

from __future__ import annotations

import difflib
import glob
import os
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from .actions.context import ActionContext
from .actions.registry import ActionSpec, Param
from .errors import ActionFailed, BadArguments, NlshError, PathOutsideWorkspace
from .sandbox.paths import is_within, resolve
from .textsafe import escape_name
from .types import ActionCall, PlannedStep, Preview

__all__ = ["ground"]

_GLOB_CHARS = set("*?[")


def ground(call: ActionCall, spec: ActionSpec, ctx: ActionContext, *, source: str) -> PlannedStep:
    """Validate and resolve one step; raise BadArguments (or PathOutsideWorkspace)."""
    args = spec.validate(call.args)
    resources: list[str] = []
    for param in spec.params:
        if not param.path_role or args.get(param.name) is None:
            continue
        values = args[param.name] if param.is_list else [args[param.name]]
        resolved = [p for v in values for p in _ground_path(v, param, spec, ctx, source)]
        args[param.name] = resolved if param.is_list else resolved[0]
        resources += resolved
    declared = spec.extra.get("resources")
    if declared is not None:
        resources += [str(r) for r in declared(dict(args))]
    preview = _preview(spec, ctx, args, resources)
    return PlannedStep(
        call=call,
        args=args,
        capabilities=spec.capabilities,
        risk=spec.risk,
        resources=tuple(resources),
        preview=preview,
    )


def _ground_path(value: str, param: Param, spec: ActionSpec, ctx: ActionContext, source: str) -> list[str]:
    if not value.strip():
        raise BadArguments(f"{spec.name}: {param.name} is empty", action=spec.name)
    if "\x00" in value:
        raise BadArguments(f"{spec.name}: {param.name} contains a NUL byte", action=spec.name)
    if source == "model":
        _check_model_path(value, spec, ctx)
    path = resolve(value, ctx.cwd, ctx.env.home)
    if param.path_role == "existing" and _GLOB_CHARS & set(value) and not os.path.lexists(path):
        matches = sorted(glob.glob(str(path), recursive=True))
        if not matches:
            raise BadArguments(f"no files match {escape_name(value)}", action=spec.name)
        return matches
    if param.path_role == "existing" and not os.path.lexists(path):
        return [str(_near_match(path, value, spec))]
    return [str(path)]


def _check_model_path(value: str, spec: ActionSpec, ctx: ActionContext) -> None:
    decoded = unquote(value)
    parts = Path(decoded).parts
    if ".." in parts or decoded != value and ("/" in decoded or ".." in decoded):
        raise PathOutsideWorkspace(
            f"{spec.name}: path {escape_name(value)!r} climbs out of the workspace",
            action=spec.name,
            hint="name a path inside the workspace",
        )
    path = resolve(decoded, ctx.cwd, ctx.env.home)
    if not is_within(path, ctx.workspace):
        raise PathOutsideWorkspace(
            f"{spec.name}: {escape_name(value)} is outside the workspace {ctx.workspace}",
            action=spec.name,
            hint="type the request with that path yourself, or start nlsh there (--cwd)",
        )


def _near_match(path: Path, value: str, spec: ActionSpec) -> Path:
    """A unique case-insensitive match is taken; otherwise the error suggests the closest."""
    parent = path.parent
    try:
        names = os.listdir(parent)
    except OSError:
        raise BadArguments(f"no such file or folder: {escape_name(value)}", action=spec.name) from None
    wanted = path.name.lower()
    same = [n for n in names if n.lower() == wanted]
    stem = [n for n in names if n.lower().rsplit(".", 1)[0] == wanted]
    for candidates in (same, stem):
        if len(candidates) == 1:
            return parent / candidates[0]
    close = difflib.get_close_matches(path.name, names, n=3, cutoff=0.6)
    hint = "did you mean " + " or ".join(escape_name(c) for c in close) + "?" if close else ""
    raise BadArguments(f"no such file or folder: {escape_name(value)}", action=spec.name, hint=hint)


def _preview(spec: ActionSpec, ctx: ActionContext, args: dict[str, Any], resources: list[str]) -> Preview:
    if spec.preview is not None:
        try:
            return spec.preview(ctx, **args)
        except NlshError:
            raise
        except Exception as exc:  # a plugin's bug is reported, not a traceback
            raise ActionFailed(f"{spec.name}: its preview failed ({type(exc).__name__}: {exc}); nothing ran") from None
    shown = ", ".join(escape_name(r) for r in resources[:5]) + (" …" if len(resources) > 5 else "")
    return Preview(
        summary=f"{spec.summary.rstrip('.')}" + (f": {shown}" if shown else ""),
        targets=tuple(resources),
        reversible=spec.reversible,
    )
