"""What loads off the main thread, so that the prompt is usable at once: the Session and the model.

`SessionLoader` builds the Session (plugins, policy) once the prompt is on screen; the first
line typed waits for it if it is not ready yet. `BackgroundModel` stands where the Session
expects its planner: it starts loading the model as soon as it is made, the prompt shows
"loading" until it is ready, and a request that needs the model before then waits for it
(Ctrl-C still works). A request the fast path understands never waits.
"""

from __future__ import annotations

import threading
from typing import Any, Callable

from ...errors import NlshError, NotUnderstood
from ...types import Plan

__all__ = ["BackgroundModel", "SessionLoader", "make_planner", "model_state"]


class SessionLoader:
    """The Session, built on a background thread once the prompt is up; get() waits for it."""

    def __init__(self, source: Any) -> None:
        self._build: Callable[[], Any] | None = source if callable(source) else None
        self._value = None if callable(source) else source
        self._error: NlshError | None = None
        self._thread: threading.Thread | None = None

    @property
    def ready(self) -> bool:
        return self._build is None or (self._thread is not None and not self._thread.is_alive())

    def start(self) -> None:
        if self._build is not None and self._thread is None:
            self._thread = threading.Thread(target=self._run, name="nlsh-session", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        try:
            self._value = self._build()
        except NlshError as exc:  # handed to whoever needs the session, every time
            self._error = exc
        except Exception as exc:  # a broken plugin or file: said in one line, never a traceback
            self._error = NlshError(f"nlsh could not start: {type(exc).__name__}: {exc}",
                                    hint="`nlsh doctor` may say more")

    def get(self) -> Any:
        self.start()
        while self._thread is not None and self._thread.is_alive():
            self._thread.join(0.1)  # short joins: Ctrl-C stays responsive
        if self._error is not None:
            raise self._error
        return self._value


class BackgroundModel:
    def __init__(self, planner: Any, *, on_change: Callable[[], None] = lambda: None,
                 wait_label: Callable[[str], None] = lambda text: None) -> None:
        self.planner = planner  # a LazyPlanner (app.py): get() builds the real one
        self.on_change = on_change
        self.wait_label = wait_label
        self.error = ""
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._load, name="nlsh-model", daemon=True)
        self._thread.start()

    @property
    def state(self) -> str:
        if not self._done.is_set():
            return "loading"
        return "failed" if self.error else "ready"

    def _load(self) -> None:
        try:
            self.planner.get()
        except NlshError as exc:
            self.error = str(exc)
        except Exception as exc:  # a broken model file or library: say so, keep the fast path
            self.error = f"{type(exc).__name__}: {exc}"
        finally:
            self._done.set()
            self.on_change()

    def wait(self) -> None:
        if not self._done.is_set():
            self.wait_label("waiting for the model to load")
        while not self._done.wait(0.1):  # short waits: Ctrl-C stays responsive
            pass
        if self.error:
            raise NotUnderstood(f"the model could not be loaded: {self.error}",
                                hint="check `model` and `doctor`; the fast path still works")

    def plan(self, text: str) -> Plan:
        self.wait()
        self.wait_label("thinking")
        return self.planner.plan(text)

    def __getattr__(self, name: str) -> Any:  # repair() and anything else the planner offers
        if name.startswith("_"):
            raise AttributeError(name)
        self.wait()
        return getattr(self.planner, name)


def make_planner(model: str, session: Any) -> Any:
    """A LazyPlanner for a model setting (GGUF path, server URL, "default"), or None for "none"."""
    from ...app import LazyPlanner
    from ...llm.select import backend_factory

    make_backend = backend_factory("" if model == "default" else model, session.paths)
    if make_backend is None:
        return None
    catalog = session.catalog

    def build() -> Any:
        from ...intent.planner import ModelPlanner

        return ModelPlanner(make_backend(), catalog.actions, catalog.examples)

    return LazyPlanner(build)


def model_state(planner: Any) -> str:
    """"off" (fast path only), "loading", "ready" or "failed", for the prompt."""
    if planner is None:
        return "off"
    state = getattr(planner, "state", None)
    if isinstance(state, str):
        return state
    return "ready" if getattr(planner, "loaded", True) else "loading"
