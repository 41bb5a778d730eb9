"""The full-screen desktop (`nlsh tui`): textual panes over the same Session pipeline."""
