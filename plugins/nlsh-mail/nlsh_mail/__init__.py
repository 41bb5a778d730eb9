"""nlsh-mail: send and read mail as typed, policed, audited nlsh actions."""

__version__ = "0.1.0"
