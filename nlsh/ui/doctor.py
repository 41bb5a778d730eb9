"""`nlsh doctor`: what nlsh runs with, and whether anything is wrong."""

from __future__ import annotations

import platform
import sys

from ..env import Environment
from ..types import ExitStatus

__all__ = ["run_doctor"]


def run_doctor(env: Environment) -> int:
    from ..config import load_paths_and_settings
    from ..audit.verify import verify
    from ..llm.select import describe_model
    from ..plugins import load_catalog

    paths, settings = load_paths_and_settings(env)
    catalog = load_catalog(disabled=settings.disabled_plugins)
    rows: list[tuple[str, str]] = [
        ("nlsh", "0.1.0"),
        ("python", f"{platform.python_version()} ({sys.executable})"),
        ("model", describe_model(settings.model, paths)),
    ]
    try:
        from ..sandbox.level import FORCE_LEVEL_VAR, describe

        rows += describe(env.environ.get(FORCE_LEVEL_VAR) or None)
    except ImportError:
        rows.append(("sandbox", "none: programs run unsandboxed, each one confirmed"))
    rows += [
        ("config", str(paths.config_file)),
        ("state", f"{paths.state} (audit, history, undo journal)"),
        ("data", f"{paths.data} (trash, memory)"),
        ("actions", str(len(catalog.actions))),
        ("plugins", ", ".join(p for p in catalog.plugins if not p.startswith("nlsh.")) or "none besides built-ins"),
    ]
    problems = 0
    for name, reason in catalog.broken.items():
        rows.append(("BROKEN plugin", f"{name}: {reason}"))
        problems += 1
    report = verify(paths.audit_log)
    if report.ok:
        rows.append(("audit", f"ok, {report.records} records"))
    else:
        rows.append(("audit", f"BROKEN at line {report.first_bad_line}: run `nlsh audit verify`"))
        problems += 1
    width = max(len(k) for k, _ in rows)
    for key, value in rows:
        env.stdout.write(f"{key:>{width}}  {value}\n")
    return ExitStatus.FAILED if problems else ExitStatus.OK
