"""Running git safely: argv lists, a neutralised configuration, nlsh's sandbox, clear errors.

Every git command goes through `Repo.run`, which builds

    git -c core.hooksPath=/dev/null -c core.fsmonitor=false ... [driver overrides] -C TOP ARGS

and hands it to `ctx.run_program`, nlsh's sandboxed runner. A repository's own config can
name programs for git to run: hooks, an fsmonitor, a pager, an editor, signing and
credential programs, filter / diff / merge drivers and a remote's upload-pack. The fixed
overrides (`SAFE_CONFIG`) switch off those with fixed names; the ones named after a driver
are found by listing the config (`git config --list` runs nothing) and switched off one by
one; fetch, pull and push name upload-pack / receive-pack on their own command line. The sandbox is the second wall: whatever slipped through could still write only
the workspace, and reach the network only when the action was granted "net".
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, Sequence

import nlsh

from .text import one_line

__all__ = ["SAFE_CONFIG", "GitOutput", "Repo", "check_revision", "driver_overrides", "object_id", "invoke_outside", "safe_argv"]

SAFE_CONFIG = (
    "core.hooksPath=/dev/null",
    "core.fsmonitor=false",
    "core.pager=cat",
    "core.editor=true",
    "sequence.editor=true",
    "core.askPass=",
    "core.sshCommand=ssh",
    "core.alternateRefsCommand=",
    "credential.helper=",
    "protocol.file.allow=user",
    "protocol.ext.allow=never",
    "submodule.recurse=false",
    "gc.auto=0",
    "maintenance.auto=false",
    "commit.gpgSign=false",
    "tag.gpgSign=false",
    "tag.forceSignAnnotated=false",
    "log.showSignature=false",
    "merge.verifySignatures=false",
    "gpg.program=gpg",
    "gpg.ssh.program=ssh-keygen",
    "gpg.x509.program=gpgsm",
    "color.ui=never",
    "core.quotePath=false",
    "advice.detachedHead=false",
)
LOCAL_TIMEOUT = 120.0
NETWORK_TIMEOUT = 600.0
# remote.<name>.uploadpack / receivepack: the first value wins there, so `-c` cannot override
# them; fetch, pull and push name the programs on their command line instead
UPLOAD_PACK = "--upload-pack=git-upload-pack"
RECEIVE_PACK = "--receive-pack=git-receive-pack"

# config keys named after a driver or remote, and the value that makes each harmless
_DRIVER_KEYS = (
    (re.compile(r"^filter\.(.+)\.(?:clean|smudge|process|required)$", re.S),
     lambda name: {f"filter.{name}.clean": "", f"filter.{name}.smudge": "",
                   f"filter.{name}.process": "", f"filter.{name}.required": "false"}),
    (re.compile(r"^merge\.(.+)\.driver$", re.S), lambda name: {f"merge.{name}.driver": "false"}),
    (re.compile(r"^diff\.(.+)\.(?:textconv|command)$", re.S),
     lambda name: {f"diff.{name}.textconv": "cat", f"diff.{name}.command": "false",
                   f"diff.{name}.cachetextconv": "false"}),
)


@dataclass(frozen=True)
class GitOutput:
    exit: int | None
    stdout: str
    stderr: str
    truncated: bool = False


def driver_overrides(config_listing: str) -> tuple[str, ...]:
    """`-c` values neutralising every filter, diff and merge driver the listed config names.

    `config_listing` is the output of `git config -z --list`. A name that cannot be written
    as a `-c key=value` (it holds "=" or a newline) is refused rather than left armed.
    """
    overrides: dict[str, str] = {}
    for entry in config_listing.split("\0"):
        key = entry.split("\n", 1)[0]
        for pattern, neutral in _DRIVER_KEYS:
            found = pattern.match(key)
            if found is None:
                continue
            name = found.group(1)
            if "=" in name or "\n" in name:
                raise nlsh.ActionFailed(
                    f"this repository's config names a driver git cannot be told to ignore: {one_line(name)}",
                    hint="inspect .git/config; nlsh will not run git here",
                )
            overrides.update(neutral(name))
    return tuple(f"{key}={value}" for key, value in sorted(overrides.items()))


def safe_argv(where: Path, args: Sequence[str], extra_config: Sequence[str] = ()) -> list[str]:
    argv = ["git"]
    for setting in (*SAFE_CONFIG, *extra_config):
        argv += ["-c", setting]
    return argv + ["-C", str(where), *args]


class Repo:
    """One work tree: its top folder, and the overrides its config calls for."""

    def __init__(self, ctx: nlsh.ActionContext, top: Path, config_listing: str,
                 trusted: tuple[str, ...] = ()) -> None:
        self.ctx = ctx
        self.top = top
        self.trusted = trusted  # safe.directory for reading the person's own repository (see _own_repository)
        self.config_keys = {e.split("\n", 1)[0] for e in config_listing.split("\0") if e}
        self.overrides = driver_overrides(config_listing)

    @classmethod
    def at(cls, ctx: nlsh.ActionContext, where: str | None = None) -> "Repo":
        """The repository containing `where` (default: the current folder)."""
        start = Path(ctx.cwd, where) if where else Path(ctx.cwd)
        while not start.is_dir() and start != start.parent:
            start = start.parent
        found = _invoke(ctx, start, ["rev-parse", "--show-toplevel"], (), read_only=True)
        mine = _own_repository(found)
        trusted = (f"safe.directory={mine}",) if mine else ()
        if trusted:
            found = _invoke(ctx, start, ["rev-parse", "--show-toplevel"], trusted, read_only=True)
        if found.exit != 0:
            raise _failure(["rev-parse"], found, ctx.display(start))
        top = Path(found.stdout.strip())
        listing = _invoke(ctx, top, ["config", "-z", "--list"], trusted, read_only=True)
        if listing.exit != 0:
            raise _failure(["config"], listing, ctx.display(top))
        return cls(ctx, top, listing.stdout, trusted)

    def run(self, *args: str, write: bool = False, net: bool = False, ok: Sequence[int] = (0,),
            stdin: str | None = None, timeout: float | None = None) -> GitOutput:
        """Run `git ARGS` in this repository; raise ActionFailed unless its exit is in `ok`."""
        extra = self.overrides + (self.identity() if write else self.trusted)
        caps = ["git.read"] + (["git.write"] if write else []) + (["net"] if net else [])
        out = _invoke(self.ctx, self.top, list(args), extra, read_only=not write, capabilities=caps,
                      stdin=stdin, timeout=timeout or (NETWORK_TIMEOUT if net else LOCAL_TIMEOUT))
        if out.exit not in ok:
            raise _failure(list(args), out, self.ctx.display(self.top))
        return out

    def text(self, *args: str, **kwargs) -> str:
        return self.run(*args, **kwargs).stdout

    def head(self) -> str | None:
        """The commit HEAD points at, or None on a branch with no commits yet."""
        out = self.run("rev-parse", "--verify", "-q", "HEAD^{commit}", ok=(0, 1))
        return out.stdout.strip() or None

    def branch(self) -> str | None:
        """The current branch's short name, or None when HEAD is detached."""
        out = self.run("symbolic-ref", "-q", "--short", "HEAD", ok=(0, 1))
        return out.stdout.strip() or None

    def resolve(self, revision: str) -> str:
        """The full commit id a revision names; ActionFailed when it names none."""
        check_revision(revision)
        out = self.run("rev-parse", "--verify", "-q", "--end-of-options", f"{revision}^{{commit}}", ok=(0, 1))
        if not out.stdout.strip():
            raise nlsh.ActionFailed(f"no commit named {one_line(revision)} in this repository",
                                    hint="list them with 'show branches' or 'show the last 10 commits'")
        return out.stdout.strip()

    def relative(self, path: str) -> str:
        """A path (absolute, or relative to the person's folder) relative to the top."""
        absolute = Path(self.ctx.cwd, path)
        try:
            rel = Path(_normal(absolute)).relative_to(_normal(self.top))
        except ValueError:
            raise nlsh.ActionFailed(f"{one_line(self.ctx.display(absolute))} is not in the repository "
                                    f"{one_line(self.ctx.display(self.top))}") from None
        return rel.as_posix()

    def pathspec(self, path: str) -> str:
        """A pathspec from the top: literal, unless the name has glob characters and no such
        file exists (then a git wildcard: "*.py" matches at any depth). Magic in the name itself is never honoured."""
        rel = self.relative(path)
        absolute = Path(self.ctx.cwd, path)
        if set("*?[") & set(rel) and not os.path.lexists(absolute):
            return ":(top)" + rel
        return ":(top,literal)" + ("" if rel == "." else rel)

    def show(self, rel: str) -> str:
        """A repository-relative path as the person would type it, on one line."""
        return one_line(self.ctx.display(self.top / rel))

    def identity(self) -> tuple[str, ...]:
        """`-c user.name=... -c user.email=...` when the repository's config has neither."""
        missing = [k for k in ("user.name", "user.email") if k not in self.config_keys]
        if not missing:
            return ()
        found = configured_identity(self.ctx)
        return tuple(f"{key}={found[key]}" for key in missing if found.get(key))


def configured_identity(ctx: nlsh.ActionContext) -> dict[str, str]:
    """user.name / user.email from config.toml's [git], else the person's ~/.gitconfig.

    Programs in the sandbox get a private home, so git there cannot read ~/.gitconfig itself.
    """
    settings = ctx.settings.extra.get("git", {}) if isinstance(ctx.settings.extra, Mapping) else {}
    found = {"user.name": str(settings.get("user_name", "") or ""),
             "user.email": str(settings.get("user_email", "") or "")}
    env = ctx.env.environ
    xdg = env.get("XDG_CONFIG_HOME") or str(ctx.env.home / ".config")
    for config in (Path(xdg) / "git" / "config", ctx.env.home / ".gitconfig"):
        for key, value in read_user_section(config).items():
            if not found.get(key):
                found[key] = value
    return {k: v for k, v in found.items() if v and "\n" not in v}


def read_user_section(path: Path) -> dict[str, str]:
    """name and email from the [user] section of a git config file (a small, strict reader)."""
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return {}
    found: dict[str, str] = {}
    section = ""
    for line in lines:
        line = line.strip()
        header = re.match(r"^\[\s*([A-Za-z0-9.-]+)\s*\]", line)
        if header:
            section = header.group(1).lower()
            continue
        pair = re.match(r"^([A-Za-z][A-Za-z0-9-]*)\s*=\s*(.*)$", line)
        if section == "user" and pair and pair.group(1).lower() in ("name", "email"):
            value = re.sub(r"\s+[#;].*$", "", pair.group(2)).strip()
            if len(value) >= 2 and value[0] == value[-1] == '"':
                value = value[1:-1]
            found[f"user.{pair.group(1).lower()}"] = value
    return found


def object_id(value: str) -> str:
    """A full object id (as resolve() returns and undo data records), checked to be one.

    `git reset` will not take --end-of-options before its commit, so what it gets is checked here.
    """
    if not re.fullmatch(r"[0-9a-f]{40}|[0-9a-f]{64}", value or ""):
        raise nlsh.ActionFailed(f"not a commit id: {one_line(str(value))!r}")
    return value


def check_revision(revision: str) -> None:
    """Refuse a revision that git could read as an option or that holds control characters."""
    if not revision or revision.startswith("-") or not revision.isprintable() or " " in revision:
        raise nlsh.ActionFailed(f"not a revision name: {one_line(revision)!r}",
                                hint="a branch, tag or commit id, e.g. main, v1.0, HEAD~2")


def _own_repository(out: GitOutput) -> str | None:
    """The repository git refused only because the sandbox runs it as another user, if it is
    the person's own.

    Running as root, nlsh starts programs as the workspace's owner, or as nobody when root owns
    it; git then refuses root's repository ("dubious ownership"). When the repository belongs to
    the person running nlsh, reading it is what they asked for: reads get safe.directory for it
    (its config is neutralised like any other's). Writes do not: nobody could not write it anyway.
    """
    found = re.search(r"detected dubious ownership in repository at '([^'\n]+)'", out.stderr)
    if not found:
        return None
    try:
        return found.group(1) if os.stat(found.group(1)).st_uid == os.geteuid() else None
    except OSError:
        return None


def _normal(path: Path) -> str:
    return os.path.realpath(path)


def invoke_outside(ctx: nlsh.ActionContext, where: Path, args: list[str], *,
                   capabilities: Sequence[str], timeout: float = LOCAL_TIMEOUT) -> GitOutput:
    """Run git outside any repository (clone), with the same neutralising overrides."""
    return _invoke(ctx, where, args, configured_identity_overrides(ctx), read_only=False,
                   capabilities=("git.read", *capabilities), timeout=timeout)


def configured_identity_overrides(ctx: nlsh.ActionContext) -> tuple[str, ...]:
    return tuple(f"{key}={value}" for key, value in configured_identity(ctx).items())


def _invoke(ctx: nlsh.ActionContext, where: Path, args: list[str], extra: Sequence[str], *,
            read_only: bool, capabilities: Sequence[str] = ("git.read",), stdin: str | None = None,
            timeout: float = LOCAL_TIMEOUT) -> GitOutput:
    if ctx.run_program is None:
        raise nlsh.ActionFailed("nlsh has no program runner here, so git cannot run")
    prefix = ["--no-optional-locks"] if read_only else []
    argv = safe_argv(where, prefix + args, extra)
    result = ctx.run_program(argv, timeout=timeout, capabilities=tuple(capabilities), stdin=stdin)
    if getattr(result, "timed_out", False):
        raise nlsh.ActionFailed(f"git {args[0]} took longer than {timeout:g} s and was stopped")
    return GitOutput(result.exit, result.stdout, result.stderr, bool(getattr(result, "truncated", False)))


def _failure(args: list[str], out: GitOutput, where: str) -> nlsh.ActionFailed:
    err = out.stderr
    sub = args[0] if args else "git"
    if out.exit == 127:
        return nlsh.ActionFailed("git is not installed", hint="install it, e.g. apt-get install git")
    if out.exit == 125 and "nlsh sandbox" in err:
        return nlsh.ActionFailed("the sandbox could not start git: " + one_line(err.strip())[:300])
    if "dubious ownership" in err:
        return nlsh.ActionFailed(
            f"git refuses {one_line(where)}: it belongs to another user than the one git runs as",
            hint="nlsh runs programs as the workspace's owner; give the repository to that user",
        )
    if "not a git repository" in err:
        return nlsh.ActionFailed(f"{one_line(where)} is not inside a git repository",
                                 hint="cd into a repository first, or clone one")
    if "Please tell me who you are" in err or "empty ident name" in err:
        return nlsh.ActionFailed("git does not know who you are, so it cannot record this",
                                 hint="set user_name and user_email under [git] in nlsh's config.toml, "
                                      "or run: git config user.name 'Your Name'")
    lines = [ln.strip() for ln in err.splitlines() if ln.strip()]
    chosen = next((ln for ln in lines if ln.startswith(("fatal:", "error:"))), lines[-1] if lines else "")
    chosen = re.sub(r"^(fatal|error):\s*", "", chosen)
    status = f"exit {out.exit}" if out.exit is not None else "killed by a signal"
    return nlsh.ActionFailed(f"git {sub} failed: {one_line(chosen)[:300] or status}")
