"""The prompt: where you are, which git branch, whether the model is ready, how the last turn went.

    ~/src/nlsh (main) [ready] >            everything fine
    ~/src/nlsh [fast-path only] [4] >      no model configured; the last request was declined

The git branch is read from .git/HEAD directly (no git process per prompt), once per
prompt, not once per key press.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ...textsafe import escape_name

__all__ = ["PROMPT_STYLE", "PromptInfo", "git_branch", "prompt_fragments", "prompt_text", "short_cwd"]

MAX_CWD = 32
_MAX_HEAD = 4096

PROMPT_STYLE = {
    "cwd": "ansiblue bold",
    "branch": "ansimagenta",
    "model.loading": "ansiyellow",
    "model.ready": "ansigreen",
    "model.off": "ansibrightblack",
    "model.failed": "ansired",
    "status.bad": "ansired bold",
    "arrow": "bold",
    "bottom-toolbar": "noreverse ansibrightblack",
}


def short_cwd(path: Path, home: Path, width: int = MAX_CWD) -> str:
    """~ for home; fish-style initials for the middle folders when the path is long."""
    text = str(path)
    home_text = str(home).rstrip("/")
    if home_text and (text == home_text or text.startswith(home_text + "/")):
        text = "~" + text[len(home_text):]
    if len(text) > width:
        parts = text.split("/")
        parts = [p[:1] if 0 < i < len(parts) - 1 and p else p for i, p in enumerate(parts)]
        text = "/".join(parts)
    return escape_name(text)


def _git_dir(start: Path) -> Path | None:
    for folder in (start, *start.parents):
        dot_git = folder / ".git"
        if dot_git.is_dir():
            return dot_git
        if dot_git.is_file():  # a worktree or submodule: "gitdir: PATH"
            try:
                text = dot_git.read_text(encoding="utf-8", errors="replace")[:_MAX_HEAD].strip()
            except OSError:
                return None
            if text.startswith("gitdir:"):
                target = Path(text[len("gitdir:"):].strip())
                return target if target.is_absolute() else folder / target
            return None
    return None


def git_branch(cwd: Path) -> str:
    """The checked-out branch (or a short commit when detached); "" outside a repository."""
    git_dir = _git_dir(cwd)
    if git_dir is None:
        return ""
    try:
        head = (git_dir / "HEAD").read_text(encoding="utf-8", errors="replace")[:_MAX_HEAD].strip()
    except OSError:
        return ""
    if head.startswith("ref:"):
        ref = head[len("ref:"):].strip()
        return escape_name(ref.removeprefix("refs/heads/"))
    return escape_name(head[:7]) if head else ""


@dataclass
class PromptInfo:
    """What the prompt shows; the REPL updates it after every turn."""

    cwd: Path
    home: Path
    branch: str = ""
    model: str = "off"  # "loading", "ready", "off" (fast path only) or "failed"
    status: int = 0

    def refresh(self, cwd: Path) -> None:
        self.cwd = cwd
        self.branch = git_branch(cwd)


_MODEL_WORDS = {"loading": "loading model", "ready": "ready", "off": "fast-path only", "failed": "model failed"}


def prompt_fragments(info: PromptInfo) -> list[tuple[str, str]]:
    """The prompt as prompt_toolkit (style, text) fragments."""
    parts: list[tuple[str, str]] = [("class:cwd", short_cwd(info.cwd, info.home))]
    if info.branch:
        parts += [("", " "), ("class:branch", f"({info.branch})")]
    parts += [("", " "), (f"class:model.{info.model}", f"[{_MODEL_WORDS.get(info.model, info.model)}]")]
    if info.status:
        parts += [("", " "), ("class:status.bad", f"[{info.status}]")]
    parts.append(("class:arrow", " > "))
    return parts


def prompt_text(info: PromptInfo) -> str:
    """The prompt as plain text (what tmux shows; used by tests)."""
    return "".join(text for _, text in prompt_fragments(info))
