"""Wiring: build a Session from the environment, settings, plugins and a model choice.

Front ends (one-shot CLI, REPL, TUI) call `open_session`; tests pass their own parts. The
model is loaded lazily: a request the fast path understands never touches it.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any, Callable

from .audit.log import AuditLog
from .config import Paths, load_paths_and_settings
from .confirm import Confirmer
from .env import Environment
from .plugins import Catalog, load_catalog
from .session import Session
from .types import Plan

__all__ = ["LazyPlanner", "open_session"]


class LazyPlanner:
    """Builds the model planner on first use, so fast-path requests never load a model."""

    def __init__(self, factory: Callable[[], Any]) -> None:
        self._factory = factory
        self._planner: Any = None

    @property
    def loaded(self) -> bool:
        return self._planner is not None

    def get(self) -> Any:
        if self._planner is None:
            self._planner = self._factory()
        return self._planner

    def plan(self, text: str) -> Plan:
        return self.get().plan(text)

    def __getattr__(self, name: str) -> Any:  # repair() and anything else the planner offers
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.get(), name)


def open_session(
    env: Environment,
    *,
    confirmer: Confirmer,
    model: str | None = None,
    catalog: Catalog | None = None,
    planner: Any = None,
) -> Session:
    paths, settings = load_paths_and_settings(env)
    catalog = catalog or load_catalog(disabled=settings.disabled_plugins)
    workspace = Path(settings.workspace).expanduser() if settings.workspace else env.cwd
    if planner is None:
        planner = _model_planner(model if model is not None else settings.model, paths, catalog)
    return Session(
        env=env,
        paths=paths,
        settings=settings,
        catalog=catalog,
        confirmer=confirmer,
        audit=AuditLog(paths.audit_log, session=uuid.uuid4().hex[:12], clock=env.clock),
        planner=planner,
        workspace=workspace,
    )


def _model_planner(model: str, paths: Paths, catalog: Catalog) -> LazyPlanner | None:
    from .llm.select import backend_factory

    make_backend = backend_factory(model, paths)
    if make_backend is None:
        return None

    def build() -> Any:
        from .intent.planner import ModelPlanner
        from .intent.trace import TraceLog
        from .services.modelqueue import QueuedBackend

        return ModelPlanner(QueuedBackend(make_backend()), catalog.actions, catalog.examples,
                            on_trace=TraceLog(paths.state / "trace.jsonl").append)

    return LazyPlanner(build)
