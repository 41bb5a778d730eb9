"""nlsh-git: git as typed, policed, audited and undoable nlsh actions."""

__version__ = "0.1.0"
