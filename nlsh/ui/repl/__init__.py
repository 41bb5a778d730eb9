"""The interactive shell (`nlsh` with no arguments), built on prompt_toolkit.

Only `app.run_repl` is imported from outside; prompt_toolkit is imported here and nowhere
on the one-shot path, so `nlsh -c` stays fast.
"""
