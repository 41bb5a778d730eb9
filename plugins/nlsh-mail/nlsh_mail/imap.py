"""A small IMAP client over the standard library's imaplib: list, search, fetch, move, flag.

Messages are named by their IMAP UID in a folder. Reading never sets \\Seen by itself: it uses
BODY.PEEK on a folder opened read-only; flags change only through `set_seen`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import nlsh

from .accounts import Account
from .passwords import require_password

__all__ = ["Mailbox", "Summary", "quote"]

_SUMMARY_HEADERS = "FROM TO CC SUBJECT DATE MESSAGE-ID"


@dataclass
class Summary:
    uid: int
    seen: bool
    sender: str
    subject: str
    date: str
    size: int

    def as_data(self) -> dict[str, Any]:
        return {"uid": self.uid, "seen": self.seen, "from": self.sender, "subject": self.subject,
                "date": self.date, "size": self.size}


def quote(text: str) -> str:
    """An IMAP quoted string (folder names, search terms); ASCII only, no line breaks."""
    if any(c in text for c in "\r\n\0") or not text.isascii():
        raise nlsh.ActionFailed(f"IMAP names and search terms must be plain ASCII text: {text!r:.60}")
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


class Mailbox:
    """One logged-in IMAP connection; use as a context manager."""

    def __init__(self, account: Account) -> None:
        if not account.imap_host:
            raise nlsh.ActionFailed(f"mail account {account.name} has no imap_host", hint="set it in config.toml")
        self.account = account
        self.conn: Any = None
        self.selected: tuple[str, bool] | None = None

    def __enter__(self) -> "Mailbox":
        import imaplib
        import ssl

        a = self.account
        try:
            if a.imap_tls == "ssl":
                self.conn = imaplib.IMAP4_SSL(a.imap_host, a.imap_port, ssl_context=ssl.create_default_context(),
                                              timeout=a.timeout)
            else:
                self.conn = imaplib.IMAP4(a.imap_host, a.imap_port, timeout=a.timeout)
                if a.imap_tls == "starttls":
                    self.conn.starttls(ssl.create_default_context())
            self.conn.login(a.user, require_password(a))
        except imaplib.IMAP4.error as exc:
            self._close()
            raise nlsh.ActionFailed(f"the mail server refused the login for {a.user}: {_text(exc)}",
                                    hint=f"check the password: nlsh mail login {a.name}") from None
        except (OSError, ssl.SSLError) as exc:
            self._close()
            raise nlsh.ActionFailed(f"cannot reach {a.imap_host}:{a.imap_port}: {exc.strerror or exc}") from None
        return self

    def __exit__(self, *exc: object) -> None:
        self._close()

    def _close(self) -> None:
        if self.conn is None:
            return
        try:
            self.conn.logout()
        except Exception:  # the connection may already be gone
            pass
        self.conn = None

    def _ok(self, what: str, result: tuple) -> list:
        status, data = result
        if status != "OK":
            raise nlsh.ActionFailed(f"the mail server refused {what}: {_text(data)}")
        return data

    def select(self, folder: str, *, write: bool = False) -> None:
        if self.selected == (folder, write):
            return
        status, data = self.conn.select(quote(folder), readonly=not write)
        if status != "OK":
            raise nlsh.ActionFailed(f"no mail folder named {folder!r}", hint="list them with 'show my mail folders'")
        self.selected = (folder, write)

    def folders(self) -> list[str]:
        names = []
        for line in self._ok("listing folders", self.conn.list()):
            text = line.decode("utf-8", "replace") if isinstance(line, bytes) else str(line)
            found = re.match(r'^\((?P<flags>[^)]*)\) (?:"[^"]*"|NIL) (?P<name>.+)$', text)
            if found and "\\Noselect" not in found.group("flags"):
                name = found.group("name")
                names.append(name[1:-1].replace('\\"', '"').replace("\\\\", "\\") if name.startswith('"') else name)
        return names

    def search(self, folder: str, *criteria: str) -> list[int]:
        self.select(folder)
        data = self._ok("the search", self.conn.uid("SEARCH", *(criteria or ("ALL",))))
        return sorted(int(n) for n in b" ".join(d for d in data if d).split())

    def summaries(self, folder: str, uids: list[int]) -> list[Summary]:
        if not uids:
            return []
        from email.parser import BytesHeaderParser
        from email.policy import default

        self.select(folder)
        query = f"(UID FLAGS RFC822.SIZE BODY.PEEK[HEADER.FIELDS ({_SUMMARY_HEADERS})])"
        data = self._ok("fetching messages", self.conn.uid("FETCH", ",".join(map(str, uids)), query))
        found = []
        for item in data:
            if not isinstance(item, tuple):
                continue
            meta = item[0].decode("ascii", "replace")
            uid = re.search(r"UID (\d+)", meta)
            if uid is None:
                continue
            flags = re.search(r"FLAGS \(([^)]*)\)", meta)
            size = re.search(r"RFC822\.SIZE (\d+)", meta)
            headers = BytesHeaderParser(policy=default).parsebytes(item[1])
            found.append(Summary(int(uid.group(1)), bool(flags and "\\Seen" in flags.group(1)),
                                 str(headers.get("From", "")), str(headers.get("Subject", "")),
                                 str(headers.get("Date", "")), int(size.group(1)) if size else 0))
        return sorted(found, key=lambda s: -s.uid)

    def fetch(self, folder: str, uid: int):
        """The whole message, parsed (email.message.EmailMessage), without marking it read."""
        from email import message_from_bytes
        from email.policy import default

        self.select(folder)
        data = self._ok("fetching the message", self.conn.uid("FETCH", str(uid), "(BODY.PEEK[])"))
        raw = next((item[1] for item in data if isinstance(item, tuple)), None)
        if raw is None:
            raise nlsh.ActionFailed(f"there is no message {uid} in {folder}", hint="list them with 'show my mail'")
        return message_from_bytes(raw, policy=default)

    def is_seen(self, folder: str, uid: int) -> bool:
        self.select(folder)
        data = self._ok("reading flags", self.conn.uid("FETCH", str(uid), "(FLAGS)"))
        text = b" ".join(d if isinstance(d, bytes) else d[0] for d in data if d).decode("ascii", "replace")
        if "FLAGS" not in text:
            raise nlsh.ActionFailed(f"there is no message {uid} in {folder}")
        return "\\Seen" in text

    def set_seen(self, folder: str, uid: int, seen: bool) -> None:
        self.select(folder, write=True)
        self._ok("changing flags", self.conn.uid("STORE", str(uid), "+FLAGS" if seen else "-FLAGS", "(\\Seen)"))

    def move(self, folder: str, uid: int, destination: str) -> int | None:
        """Move a message; the UID it has in the destination when the server says (UIDPLUS)."""
        self.select(folder, write=True)
        capabilities = getattr(self.conn, "capabilities", ())
        if "MOVE" in capabilities:
            self._ok("moving the message", self.conn.uid("MOVE", str(uid), quote(destination)))
        else:
            self._ok("copying the message", self.conn.uid("COPY", str(uid), quote(destination)))
            self._ok("removing the original", self.conn.uid("STORE", str(uid), "+FLAGS", "(\\Deleted)"))
            self._ok("removing the original", self.conn.expunge())
        _, codes = self.conn.response("COPYUID")
        for code in codes or []:
            parts = (code.decode() if isinstance(code, bytes) else str(code)).split()
            if len(parts) == 3 and parts[2].isdigit():
                return int(parts[2])
        return None


def _text(data: Any) -> str:
    if isinstance(data, (list, tuple)):
        data = b" ".join(d for d in data if isinstance(d, bytes)) or str(data)
    if isinstance(data, bytes):
        data = data.decode("utf-8", "replace")
    return str(data).strip()[:200]
