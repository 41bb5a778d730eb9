"""Fast-path patterns for the common mail requests, and worked examples for the model."""

from __future__ import annotations

import re
import shlex
from typing import Callable

import nlsh

__all__ = ["EXAMPLES", "PATTERNS"]

ADDRS = r"(?P<to>[^\s@,;]+@[^\s,;]+(?:(?:,\s*|\s+and\s+|\s+)[^\s@,;]+@[^\s,;]+)*)"
QUOTED = r"""(?:"(?P<{0}q>[^"]+)"|'(?P<{0}s>[^']+)'|(?P<{0}>.+?))"""
SUBJECT = r"(?: (?:with |and )?(?:the )?subject:? " + QUOTED.format("subject") + ")?"
BODY = r"(?: (?:saying|that says|with (?:the )?(?:body|text|message)):? " + QUOTED.format("body") + ")?"
MAIL = r"(?:e-?mail|mail|send)"
Build = Callable[[re.Match], "list[nlsh.ActionCall] | None"]


def _group(m: re.Match, name: str) -> str | None:
    for key in (name + "q", name + "s", name):
        value = m.groupdict().get(key)
        if value:
            return value.strip()
    return None


def _addresses(text: str) -> list[str]:
    return [a for a in re.split(r",\s*|\s+and\s+|\s+", text) if a]


def _files(text: str) -> list[str]:
    text = re.sub(r",|\band\b", " ", text)
    try:
        return [f for f in shlex.split(text) if f]
    except ValueError:
        return text.split()


def _call(action: str, **args) -> list[nlsh.ActionCall]:
    return [nlsh.ActionCall(action, {k: v for k, v in args.items() if v is not None})]


def _send(m: re.Match) -> list[nlsh.ActionCall]:
    files = m.groupdict().get("files")
    if files and re.fullmatch(r"(?:an? |the )?(?:e-?mail|mail|message|note)", files.strip(), re.I):
        files = None
    attachments = _files(files) if files else None
    subject = _group(m, "subject") or (", ".join(f.rsplit("/", 1)[-1] for f in attachments) if attachments else "")
    return _call("mail.send", to=_addresses(m.group("to")), subject=subject, body=_group(m, "body"),
                 attachments=attachments)


def _uid(m: re.Match) -> int | None:
    return int(m.group("uid")) if m.groupdict().get("uid") else None


MSG = r"(?:the )?(?:e-?mail|mail|message)(?: number)? (?P<uid>\d+)"

PATTERNS: list[tuple[str, Build]] = [
    (MAIL + r" (?P<files>.+?) to " + ADDRS + SUBJECT + BODY, _send),
    (r"(?:send |write )?(?:an? )?e-?mail to " + ADDRS + SUBJECT + BODY, _send),
    (r"(?:show|list|check|read|what(?:'s| is| are))(?: me)? (?:my |the |all )?(?:new |unread )(?:e-?mails?|mail|messages)"
     r"|(?:do i have |any )(?:new |unread )?(?:e-?mails?|mail|messages)|check (?:my )?(?:e-?mail|mail)",
     lambda m: _call("mail.list", unread_only=True)),
    (r"(?:show|list|open)(?: me)? (?:my |the )?(?:inbox|e-?mails|mail|messages)(?: in (?P<folder>\S+))?",
     lambda m: _call("mail.list", folder=m.group("folder"))),
    (r"(?:show|list|find|search)(?: me)? (?:my |the |all )?(?:e-?mails?|mail|messages) from (?P<sender>\S+)"
     r"(?: (?:since|after) (?P<since>.+))?",
     lambda m: _call("mail.search", sender=m.group("sender"), since=m.group("since"))),
    (r"(?:search|find|show)(?: me)? (?:my |the )?(?:e-?mails?|mail|messages|inbox) (?:about|for|with subject|"
     r"mentioning) " + QUOTED.format("subject"),
     lambda m: _call("mail.search", subject=_group(m, "subject"))),
    (r"(?:read|open|show)(?: me)? " + MSG + r"|(?:read|open|show)(?: me)? (?:my |the )?(?:latest|newest|last) "
     r"(?:e-?mail|mail|message)", lambda m: _call("mail.read", uid=_uid(m))),
    (r"save (?:the )?attachments? (?:of|from|in) " + MSG + r"(?: (?:to|into|in) (?P<dest>\S+))?",
     lambda m: _call("mail.save_attachments", uid=_uid(m), destination=m.group("dest"))),
    (r"reply to " + MSG + r"(?P<all> and everyone| to all)? (?:saying|with):? " + QUOTED.format("body"),
     lambda m: _call("mail.reply", uid=_uid(m), body=_group(m, "body"), reply_all=True if m.group("all") else None)),
    (r"move " + MSG + r" to (?:the )?(?P<dest>\S+)(?: folder)?",
     lambda m: _call("mail.move", uid=_uid(m), to_folder=m.group("dest"))),
    (r"(?:archive) " + MSG, lambda m: _call("mail.move", uid=_uid(m), to_folder="Archive")),
    (r"mark " + MSG + r" (?:as )?(?P<state>read|unread|seen|unseen)",
     lambda m: _call("mail.mark_read", uid=_uid(m), unread=True if m.group("state") in ("unread", "unseen") else None)),
    (r"(?:show|list)(?: me)? (?:my |the )?(?:mail|e-?mail) folders", lambda m: _call("mail.folders")),
]


def _c(action: str, **args) -> nlsh.ActionCall:
    return nlsh.ActionCall(action, args)


EXAMPLES: list[tuple[str, list[nlsh.ActionCall]]] = [
    ("email report.pdf to bob@example.com with subject Q3",
     [_c("mail.send", to=["bob@example.com"], subject="Q3", body="", attachments=["report.pdf"])]),
    ("tell alice@example.com the meeting moved to 3pm",
     [_c("mail.send", to=["alice@example.com"], subject="Meeting moved", body="The meeting moved to 3pm.")]),
    ("send the slides to the team@example.com list and cc my boss carol@example.com",
     [_c("mail.send", to=["team@example.com"], cc=["carol@example.com"], subject="Slides", body="",
         attachments=["slides.pdf"])]),
    ("show my unread mail", [_c("mail.list", unread_only=True)]),
    ("anything new from bob?", [_c("mail.search", sender="bob", unread_only=True)]),
    ("mails about the invoice since last week", [_c("mail.search", subject="invoice", since="last week")]),
    ("what did message 12 say", [_c("mail.read", uid=12)]),
    ("download the attachments of mail 7 into docs", [_c("mail.save_attachments", uid=7, destination="docs")]),
    ("answer message 12: thanks, will do", [_c("mail.reply", uid=12, body="Thanks, will do.")]),
    ("file message 12 under Archive", [_c("mail.move", uid=12, to_folder="Archive")]),
    ("mark message 12 unread", [_c("mail.mark_read", uid=12, unread=True)]),
]
