"""The interactive shell: read a line, run it through the pipeline, show what happened.

`run_repl(env, model=...)` is what `nlsh` with no arguments calls. It shows the prompt at
once: the Session (plugins, policy) is built on a background thread after the prompt is up,
and the model loads on another, while the prompt shows "loading". `Repl` holds the logic
and takes its terminal (prompt_toolkit input and output) from outside, so tests drive it
through a pipe.

Every line is a built-in (help, cd, undo…), a follow-up ("now delete them"), or goes to
`Session.handle` like a one-shot request; the REPL only renders. Ctrl-C while a turn runs
stops it (see progress.py), writes an "interrupted" audit record and returns to the prompt.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any, Callable, Iterable

from ...env import Environment
from ...errors import NlshError, UsageError
from ...types import ExitStatus, Request, Turn
from .background import SessionLoader
from .builtins import BUILTINS, ExitRepl, find_builtin
from .context import Conversation
from .output import Console, render_turn
from .progress import Activity, Interrupts
from .prompt import PROMPT_STYLE, PromptInfo, prompt_fragments

__all__ = ["INTERRUPTED", "Repl", "run_repl"]

INTERRUPTED = 130


class Repl:
    def __init__(self, env: Environment, session: Any, *, console: Console, confirmer: Any = None,
                 history: Any = None, model_setting: str = "none", shell_history: Any = None) -> None:
        from .completion import CommandIndex

        self.env = env
        self.console = console
        self.activity = Activity(console)
        self.interrupts = Interrupts(self.activity)
        self.confirmer = confirmer  # the session's ReplConfirmer: it hands over edited steps
        self.history = history if history is not None else _memory_history()
        self.conversation = Conversation()
        self.commands = CommandIndex(env.environ.get("PATH", ""))
        self.info = PromptInfo(env.cwd, env.home)
        self.model_setting = model_setting
        self.shell_history = shell_history
        self.last_turn: Turn | None = None
        self.status = 0
        self.prompt_session: Any = None
        self._loader = SessionLoader(session)
        self.previous_cwd: Path | None = None  # for `cd -`
        self.workspace_roots = (env.home, env.cwd)  # where the workspace may follow `cd` (builtins._cd)

    # -- the session and its state -----------------------------------------------------------

    @property
    def session(self) -> Any:
        return self._loader.get()

    @property
    def cwd(self) -> Path:
        return self.session.cwd if self._loader.ready else self.env.cwd

    def model_state(self) -> str:
        from .background import model_state

        if not self._loader.ready:
            return "off" if self.model_setting.strip().lower() in ("none", "off", "no") else "loading"
        try:
            return model_state(self.session.planner)
        except NlshError:  # the session could not be built; handle() says why
            return "failed"

    def describe_model(self) -> str:
        from ...llm.select import describe_model

        state = self.model_state()
        words = {"off": "fast path only", "loading": "loading", "ready": "ready", "failed": "failed"}[state]
        from ...textsafe import escape_output

        text = f"model: {describe_model(self.model_setting, self.session.paths)} ({words})"
        error = getattr(self.session.planner, "error", "")
        return escape_output(text + (f"\n  {error}" if error else ""))

    def set_model(self, value: str) -> None:
        from .background import BackgroundModel, make_planner

        planner = make_planner(value, self.session)  # None for "none"; a missing file: UsageError
        self.session.planner = BackgroundModel(planner, on_change=self.invalidate, wait_label=self.activity.label) \
            if planner is not None else None
        self.model_setting = "" if value == "default" else value

    def invalidate(self) -> None:
        """Redraw the prompt (the model finished loading)."""
        app = getattr(self.prompt_session, "app", None)
        if app is not None and app.is_running:
            app.invalidate()

    # -- reading lines -------------------------------------------------------------------------

    def run(self) -> int:
        """The interactive loop; returns the exit status for `exit N` (0 on Ctrl-D)."""
        self.prompt_session = self._build_prompt()
        self.info.refresh(self.cwd)
        self.prompt_session.app.after_render += lambda app: self._loader.start()  # prompt first, then the rest
        while True:
            try:
                line = self.prompt_session.prompt()
            except KeyboardInterrupt:
                continue
            except EOFError:
                return 0
            try:
                self.handle(line)
            except ExitRepl as exc:
                return exc.code
            except KeyboardInterrupt:
                self.console.error("interrupted")
            self.info.refresh(self.cwd)

    def run_lines(self, lines: Iterable[str]) -> int:
        """Without a terminal (lines piped in): each line in turn, nothing confirmed."""
        for line in lines:
            try:
                self.handle(line.rstrip("\n"))
            except ExitRepl as exc:
                return exc.code
        return self.status

    def _build_prompt(self) -> Any:
        from prompt_toolkit import PromptSession
        from prompt_toolkit.auto_suggest import AutoSuggestFromHistory
        from prompt_toolkit.output.color_depth import ColorDepth
        from prompt_toolkit.styles import Style

        from .completion import ReplCompleter
        from .keys import TOOLBAR, load_repl_bindings
        from .lexer import LineLexer

        def action_names() -> list[str]:
            return [spec.name for spec in self.session.catalog.actions] if self._loader.ready else []

        completer = ReplCompleter(cwd=lambda: self.cwd, home=self.env.home, builtins=BUILTINS, actions=action_names,
                                  commands=self.commands, history=self.history)
        style = {**PROMPT_STYLE, "builtin": "bold", "explain": "italic"}
        return PromptSession(
            message=self._message, history=self.history, input=self.console.input, output=self.console.output,
            completer=completer, complete_while_typing=False, auto_suggest=AutoSuggestFromHistory(),
            lexer=LineLexer(which=self.commands.which, builtins=frozenset(BUILTINS)),
            style=Style.from_dict(style), bottom_toolbar=TOOLBAR, key_bindings=load_repl_bindings(),
            color_depth=None if self.console.color else ColorDepth.DEPTH_1_BIT,
            enable_open_in_editor=True, reserve_space_for_menu=6,
        )

    def _message(self) -> list[tuple[str, str]]:
        self.info.model = self.model_state()
        return prompt_fragments(self.info)

    # -- one line --------------------------------------------------------------------------------

    def handle(self, line: str) -> int:
        """Run one line; returns (and remembers, for the prompt) its exit status."""
        text = line.strip()
        if not text:
            return self.status
        try:
            status = int(self._dispatch(text))
        except NlshError as exc:
            self.console.error(str(exc))
            status = ExitStatus.USAGE if isinstance(exc, UsageError) else ExitStatus.FAILED
        self.status = self.info.status = int(status)
        return self.status

    def _dispatch(self, text: str) -> int:
        found = find_builtin(text)
        if found is not None:
            builtin, args = found
            return builtin.run(self, args)
        follow = self.conversation.resolve(text, self.session.catalog)
        if follow is not None and follow.undo_ids:
            return self.undo(list(follow.undo_ids))
        if follow is not None:
            request = Request(text, "request", text)
            return self._turn(text, lambda session: session.run_plan(request, follow.plan))
        return self._turn(text, lambda session: session.handle(text))

    def _turn(self, text: str, work: Callable[[Any], Turn]) -> int:
        session = self.session
        # Session.context() hands these to actions once it supports them (see the REPL notes).
        session.progress = self.activity.progress
        session.cancelled = self.interrupts.cancelled
        try:
            with self.interrupts.guard(), self.activity.running():
                turn = self._with_edits(session, work(session))
        except KeyboardInterrupt:
            self._interrupted(session, text)
            return INTERRUPTED
        self.last_turn = turn
        self.conversation.record(turn, session.cwd)
        self._append_shell_history(turn)
        render_turn(self.console, turn)
        return int(turn.status)

    def _with_edits(self, session: Any, turn: Turn) -> Turn:
        """The person pressed "e": run the edited plan from the top (ground, policy, confirm)."""
        while turn.status == ExitStatus.DECLINED and turn.plan is not None and self._pending_edit() is not None:
            edit = self._pending_edit()
            self.confirmer.pending_edit = None
            steps = list(turn.plan.steps)
            steps[edit.index - 1] = edit.call
            turn = session.run_plan(turn.request, replace(turn.plan, steps=tuple(steps)))
        return turn

    def _pending_edit(self) -> Any:
        return getattr(self.confirmer, "pending_edit", None)

    def _interrupted(self, session: Any, text: str) -> None:
        try:
            session.audit.append("interrupted", actor="person", extra={"line": text})
        finally:
            self.console.error("interrupted: stopped what was running; back at the prompt")

    def _append_shell_history(self, turn: Turn) -> None:
        from .history import commands_ran

        if self.shell_history is None:
            return
        try:
            self.shell_history.append(commands_ran(turn))
        except OSError as exc:
            self.console.error(f"could not add to {self.shell_history.path}: {exc.strerror or exc}")

    # -- services for the built-ins ------------------------------------------------------------

    def undo(self, ids: list[str | None]) -> int:
        from ...textsafe import escape_output

        for entry_id in ids:
            outcome = self.session.undo(entry_id)
            if not outcome.ok:
                self.console.error(f"undo failed: {outcome.error}")
                return ExitStatus.FAILED
            self.console.write(f"undone: {escape_output(outcome.data['summary'])}", "green")
            if outcome.output:
                self.console.write(escape_output(outcome.output).rstrip("\n"))
        return ExitStatus.OK


def _memory_history() -> Any:
    from prompt_toolkit.history import InMemoryHistory

    return InMemoryHistory()


def run_repl(env: Environment, *, model: str | None = None) -> int:
    from ...llm.select import backend_factory
    from .history import open_history, shell_history_from

    from ...config import load_paths_and_settings

    paths, settings = load_paths_and_settings(env)
    model_setting = settings.model if model is None else model
    if backend_factory(model_setting, paths) is None:  # a missing model file is reported now
        model_setting = "none"
    shell_history = shell_history_from(settings, env.home)
    if not env.stdin_isatty:
        from ...app import open_session
        from ...confirm import AlwaysNo

        reason = "no terminal to confirm on: use nlsh -c TEXT --yes"
        repl = Repl(env, lambda: open_session(env, confirmer=AlwaysNo(reason), model=model_setting),
                    console=Console(env), model_setting=model_setting, shell_history=shell_history)
        return repl.run_lines(env.stdin)

    from prompt_toolkit.input import create_input
    from prompt_toolkit.output import create_output

    from .background import BackgroundModel
    from .confirm import ReplConfirmer

    console = Console(env, input=create_input(env.stdin), output=create_output(env.stdout))
    confirmer = ReplConfirmer(console)

    def build() -> Any:
        from ...app import open_session

        session = open_session(env, confirmer=confirmer, model=model_setting)
        if session.planner is not None:
            session.planner = BackgroundModel(session.planner, on_change=repl.invalidate,
                                              wait_label=repl.activity.label)
        return session

    repl = Repl(env, build, console=console, confirmer=confirmer, history=open_history(paths.state / "history"),
                model_setting=model_setting, shell_history=shell_history)
    confirmer.which = repl.commands.which
    confirmer.pause = repl.activity.paused
    return repl.run()
