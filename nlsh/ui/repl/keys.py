"""Key bindings added to prompt_toolkit's Emacs defaults (Up/Down, Ctrl-R, Ctrl-A/E... stay).

    Alt-.        insert the last word of the previous line (as in bash)
    Ctrl-Space   open the completion menu
    F1           show help
"""

from __future__ import annotations

import shlex

from prompt_toolkit.filters import has_completions
from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent

__all__ = ["load_repl_bindings", "TOOLBAR"]

TOOLBAR = (" Enter run · !cmd command · ?req plan only · Tab complete · Ctrl-R search"
           " · Alt-. last word · F1 help · Ctrl-D exit")


def _last_word(line: str) -> str:
    try:
        words = shlex.split(line)
    except ValueError:
        words = line.split()
    return words[-1] if words else ""


def load_repl_bindings() -> KeyBindings:
    bindings = KeyBindings()

    @bindings.add("escape", ".")
    def _insert_last_word(event: KeyPressEvent) -> None:
        strings = event.current_buffer.history.get_strings()
        if strings:
            word = _last_word(strings[-1])
            if word:
                event.current_buffer.insert_text(shlex.quote(word) if " " in word else word)

    @bindings.add("c-space", filter=~has_completions)
    def _complete(event: KeyPressEvent) -> None:
        event.current_buffer.start_completion(select_first=False)

    @bindings.add("f1")
    def _help(event: KeyPressEvent) -> None:
        event.current_buffer.text = "help"
        event.current_buffer.validate_and_handle()

    return bindings
