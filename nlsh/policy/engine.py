"""The policy stage: rules from config, the workspace and memory, applied to a step."""

from __future__ import annotations

from pathlib import Path

from ..config import Paths, Settings
from ..errors import UsageError
from ..types import Decision, PlannedStep
from .decide import decide
from .remember import Remembered
from .risk import assess
from .rules import RuleSet, builtin_denies, parse_rules

__all__ = ["Policy", "WORKSPACE_POLICY"]

WORKSPACE_POLICY = ".nlsh/policy.toml"


class Policy:
    def __init__(self, paths: Paths, settings: Settings, *, workspace: Path, home: Path) -> None:
        self.workspace = workspace
        self.home = home
        self.mode = settings.mode
        self.remembered = Remembered(paths.remembered, workspace)
        configured = parse_rules(settings.rules, source="config", home=home)
        local = _workspace_rules(workspace, home)
        self.rules = RuleSet(builtin_denies(home, paths.protected()), local + configured)

    def evaluate(self, step: PlannedStep, cwd: Path | None = None) -> Decision:
        from ..actions.processes import protected_pids

        risk, why = assess(
            base=step.risk,
            capabilities=step.capabilities,
            resources=step.resources,
            args=dict(step.args),
            workspace=self.workspace,
            home=self.home,
            tainted=bool(step.call.taint),
            protected_pids=frozenset(protected_pids()) if any(r.startswith("pid:") for r in step.resources) else frozenset(),
            cwd=str(cwd or self.workspace),
        )
        rules = self.rules.with_rules(self.remembered.rules())
        return decide(step, risk, why, rules, mode=self.mode)


def _workspace_rules(workspace: Path, home: Path) -> tuple:
    """A policy file inside the workspace can only tighten: its allow rules are dropped."""
    import tomllib

    path = workspace / WORKSPACE_POLICY
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return ()
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise UsageError(f"cannot read the workspace policy {path}: {exc}", hint="fix or remove it") from None
    tables = raw.get("rules", [])
    if not isinstance(tables, list):
        raise UsageError(f"{path}: rules must be a list of tables")
    tightening = [t for t in tables if isinstance(t, dict) and t.get("effect") in ("deny", "ask")]
    return parse_rules(tightening, source="workspace", home=home, base=workspace)
