"""Messages: building what we send, and turning what we receive into safe text.

Everything taken from a received message (headers, body, attachment names) is untrusted: it
is shown escaped, and it reaches the planner marked as tainted ("mail").
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import nlsh

if TYPE_CHECKING:  # the email package costs milliseconds at every start: imported when a message is built
    from email.message import EmailMessage

__all__ = ["Attachment", "address_list", "attachments_of", "body_text", "build", "check_address",
           "header", "one_line", "safe_filename"]

MAX_ATTACHMENTS_BYTES = 25 << 20
_ADDRESS = re.compile(r"^[^\s@<>(),;:\"\[\]\\]+@[A-Za-z0-9.-]+\.[A-Za-z0-9-]+$|^[^\s@<>(),;:\"\[\]\\]+@localhost$")


def _escape(ch: str) -> str:
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"
    if code < 0x100:
        return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(ch, f"\\x{code:02x}")
    return f"\\u{code:04x}"


def one_line(text: str) -> str:
    """Untrusted text on one line: every control, bidi and invisible character escaped."""
    text = str(text)
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() or c == " " else _escape(c) for c in text)


def check_address(value: str) -> str:
    """A bare address (bob@example.test); anything that could smuggle a header is refused."""
    from email.utils import parseaddr

    if any(c in value for c in "\r\n\0"):
        raise nlsh.ActionFailed(f"not an email address: {one_line(value)!r}")
    _, address = parseaddr(value)
    if not address or not _ADDRESS.match(address):
        raise nlsh.ActionFailed(f"not an email address: {one_line(value)!r}", hint="e.g. bob@example.com")
    return address


def address_list(values: list[str] | None) -> list[str]:
    found: list[str] = []
    for value in values or []:
        for part in re.split(r"[,;]\s*|\s+and\s+|\s+", value.strip()):
            address = check_address(part) if part else ""
            if address and address not in found:
                found.append(address)
    return found


def build(*, sender: str, to: list[str], cc: list[str], subject: str, body: str,
          files: list[str], in_reply_to: str = "", references: str = "") -> EmailMessage:
    """An RFC 5322 message with the files attached (types guessed from their names)."""
    import mimetypes
    from email.message import EmailMessage
    from email.utils import formatdate, make_msgid

    if any(c in subject for c in "\r\n"):
        raise nlsh.ActionFailed("the subject must be one line")
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = ", ".join(to)
    if cc:
        msg["Cc"] = ", ".join(cc)
    msg["Subject"] = subject
    msg["Date"] = formatdate(localtime=True)
    msg["Message-ID"] = make_msgid(domain=sender.rsplit("@", 1)[-1].strip(">") or None)
    parent = re.findall(r"<[^<>\s]+>", in_reply_to)[:1]  # message ids only: the rest is untrusted text
    if parent:
        msg["In-Reply-To"] = parent[0]
        msg["References"] = " ".join(re.findall(r"<[^<>\s]+>", references)[-20:] + parent)
    msg.set_content(body or "")
    total = 0
    for path in files:
        data = Path(path).read_bytes()
        total += len(data)
        if total > MAX_ATTACHMENTS_BYTES:
            raise nlsh.ActionFailed(f"the attachments are larger than {MAX_ATTACHMENTS_BYTES >> 20} MiB")
        kind, _ = mimetypes.guess_type(path)
        maintype, subtype = (kind or "application/octet-stream").split("/", 1)
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=Path(path).name)
    return msg


def header(msg, name: str) -> str:
    value = msg.get(name, "")
    return str(value) if value is not None else ""


class Attachment:
    def __init__(self, name: str, size: int, part) -> None:
        self.name, self.size, self.part = name, size, part


def attachments_of(msg) -> list[Attachment]:
    found = []
    for part in msg.iter_attachments():
        payload = part.get_payload(decode=True) or b""
        found.append(Attachment(part.get_filename() or "attachment", len(payload), part))
    return found


def body_text(msg) -> str:
    """The message's text: its text/plain part, else (or when that is blank) its HTML as text."""
    for kind in ("plain", "html"):
        part = msg.get_body(preferencelist=(kind,))
        if part is None:
            continue
        try:
            text = part.get_content()
        except (LookupError, UnicodeDecodeError):
            text = (part.get_payload(decode=True) or b"").decode("utf-8", "replace")
        text = _html_to_text(text) if kind == "html" else text
        if text.strip():
            return text.replace("\r\n", "\n")
    return ""


def _html_to_text(html: str) -> str:
    from html.parser import HTMLParser

    class Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.out: list[str] = []
            self.skip = 0

        def handle_starttag(self, tag, attrs):
            if tag in ("script", "style"):
                self.skip += 1
            elif tag in ("br", "p", "div", "li", "tr", "h1", "h2", "h3"):
                self.out.append("\n")

        def handle_endtag(self, tag):
            if tag in ("script", "style") and self.skip:
                self.skip -= 1

        def handle_data(self, data):
            if not self.skip:
                self.out.append(data)

    parser = Text()
    parser.feed(html)
    return re.sub(r"\n{3,}", "\n\n", "".join(parser.out)).strip() + "\n"


def safe_filename(name: str) -> str:
    """An attachment's name made safe to create: no folders, no controls, no leading dots."""
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(c if c.isprintable() and c not in "/\0" else "_" for c in name).strip().lstrip(".")
    return name[:200] or "attachment"
