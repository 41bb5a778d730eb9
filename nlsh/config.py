"""Where nlsh keeps its state, and the settings read from config.toml.

Directories follow XDG (config, state, data, cache); NLSH_HOME=DIR puts all four under one
folder, which tests and evaluations use. Settings are validated here, at the edge, and
passed on as a frozen value.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Mapping

from .errors import UsageError

if TYPE_CHECKING:
    from .env import Environment

__all__ = ["Paths", "Settings", "load_paths_and_settings", "load_settings"]


@dataclass(frozen=True)
class Paths:
    config: Path
    state: Path
    data: Path
    cache: Path

    @classmethod
    def from_environ(cls, environ: Mapping[str, str], home: Path) -> "Paths":
        root = environ.get("NLSH_HOME")
        if root:
            base = Path(root).expanduser().absolute()
            return cls(base / "config", base / "state", base / "data", base / "cache")

        def xdg(var: str, default: str) -> Path:
            value = environ.get(var, "")
            return Path(value) if value and Path(value).is_absolute() else home / default

        return cls(
            xdg("XDG_CONFIG_HOME", ".config") / "nlsh",
            xdg("XDG_STATE_HOME", ".local/state") / "nlsh",
            xdg("XDG_DATA_HOME", ".local/share") / "nlsh",
            xdg("XDG_CACHE_HOME", ".cache") / "nlsh",
        )

    @property
    def config_file(self) -> Path:
        return self.config / "config.toml"

    @property
    def audit_log(self) -> Path:
        return self.state / "audit.jsonl"

    @property
    def undo_log(self) -> Path:
        return self.state / "undo.jsonl"

    @property
    def trash(self) -> Path:
        return self.data / "trash"

    @property
    def remembered(self) -> Path:
        return self.config / "remembered.json"

    def protected(self) -> tuple[Path, ...]:
        """nlsh's own files that no action may write: config/policy, audit, trash."""
        return (self.config, self.state, self.data / "trash")

    def ensure(self) -> None:
        for path in (self.config, self.state, self.data, self.cache):
            path.mkdir(parents=True, exist_ok=True, mode=0o700)


@dataclass(frozen=True)
class Settings:
    """Validated settings. `rules` are raw dicts checked by policy.rules.parse_rules."""

    model: str = ""
    mode: str = "normal"
    rules: tuple[Mapping[str, Any], ...] = ()
    workspace: str = ""
    shell_timeout: float = 60.0
    disabled_plugins: tuple[str, ...] = ()
    extra: Mapping[str, Any] = field(default_factory=dict)


_MODES = ("normal", "cautious")


def load_settings(path: Path) -> Settings:
    """Read config.toml; a missing file gives the defaults, a broken one a UsageError."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings()
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise UsageError(f"cannot read {path}: {exc}", hint="fix or remove the file") from exc
    model = raw.get("model", {})
    policy = raw.get("policy", {})
    plugins = raw.get("plugins", {})
    if not isinstance(model, dict) or not isinstance(policy, dict) or not isinstance(plugins, dict):
        raise UsageError(f"{path}: [model], [policy] and [plugins] must be tables")
    mode = policy.get("mode", "normal")
    if mode not in _MODES:
        raise UsageError(f"{path}: policy.mode must be one of {', '.join(_MODES)}, not {mode!r}")
    rules = policy.get("rules", [])
    if not isinstance(rules, list) or not all(isinstance(r, dict) for r in rules):
        raise UsageError(f"{path}: policy.rules must be a list of tables")
    timeout = raw.get("shell", {}).get("timeout", 60.0)
    if not isinstance(timeout, (int, float)) or timeout <= 0:
        raise UsageError(f"{path}: shell.timeout must be a positive number of seconds")
    known = {"model", "policy", "plugins", "workspace"}
    return Settings(
        model=str(model.get("path", "")),
        mode=mode,
        rules=tuple(rules),
        workspace=str(raw.get("workspace", "")),
        shell_timeout=float(timeout),
        disabled_plugins=tuple(plugins.get("disabled", ())),
        extra={k: v for k, v in raw.items() if k not in known},
    )


def load_paths_and_settings(env: "Environment") -> tuple[Paths, Settings]:
    """The state folders for this environment (created, 0700) and the validated settings."""
    paths = Paths.from_environ(env.environ, env.home)
    try:
        paths.ensure()
    except OSError as exc:
        raise UsageError(f"cannot create nlsh's folders under {paths.state.parent}: {exc.strerror}") from None
    return paths, load_settings(paths.config_file)
