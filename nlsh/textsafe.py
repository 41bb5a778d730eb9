"""Neutralise untrusted text before it reaches a terminal.

File names, file contents, command output and mail can carry control characters, ANSI/OSC
escape sequences (clear screen, set title, OSC 52 clipboard), bidi overrides and zero-width
characters. Everything shown to a person passes through one of these functions.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["escape_name", "escape_output", "suspicious", "to_display"]

_BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
_ZERO_WIDTH = set("\u200b\u200c\u200d\u2060\ufeff\u180e")
_C1 = re.compile(r"[\x80-\x9f]")


def _escape_char(ch: str) -> str:
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte kept by surrogateescape
        return f"\\x{code - 0xDC00:02x}"
    if code < 0x100:
        return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(ch, f"\\x{code:02x}")
    return f"\\u{code:04x}"


def _needs_escape(ch: str, keep: str) -> bool:
    if ch in keep:
        return False
    code = ord(ch)
    if code < 0x20 or code == 0x7F or 0x80 <= code <= 0x9F or 0xDC80 <= code <= 0xDCFF:
        return True
    if ch in _BIDI or ch in _ZERO_WIDTH:
        return True
    return code > 0x7F and unicodedata.category(ch) in ("Cc", "Cf", "Co", "Cs")


def _escape(text: str, keep: str) -> str:
    if text.isascii() and text.isprintable():
        return text
    return "".join(_escape_char(c) if _needs_escape(c, keep) else c for c in text)


def escape_name(text: str) -> str:
    """One name on one line: every control, newline, bidi and zero-width character escaped."""
    return _escape(text, keep="")


def escape_output(text: str) -> str:
    """Multi-line output: newlines and tabs kept, every other control or escape neutralised."""
    return _escape(text, keep="\n\t")


def to_display(text: str) -> str:
    """Alias used by front ends for any untrusted text shown inline."""
    return escape_name(text)


def suspicious(text: str) -> list[str]:
    """Reasons to flag a name or command: bidi overrides, zero-width or control characters."""
    reasons = []
    if any(c in _BIDI for c in text):
        reasons.append("bidi override character")
    if any(c in _ZERO_WIDTH for c in text):
        reasons.append("zero-width character")
    if any(ord(c) < 0x20 or ord(c) == 0x7F for c in text) or _C1.search(text):
        reasons.append("control character")
    if any(0xDC80 <= ord(c) <= 0xDCFF for c in text):
        reasons.append("bytes that are not UTF-8")
    return reasons
