"""Reading mail: list a folder (or just the unread), search, read one message, list folders.

What a message says is untrusted: senders, subjects and bodies are escaped for the terminal,
the body is fenced as quoted text, and every result carries {"taint": "mail"} in its data so
that nothing derived from it runs without confirmation.
"""

from __future__ import annotations

import datetime

import nlsh

from .accounts import find_account
from .dates import imap_date, parse_day
from .imap import Mailbox, Summary, quote
from .messages import attachments_of, body_text, header, one_line

__all__ = ["folders", "inbox", "read", "search"]

READ = ("mail.read", "net")
TAINT = "mail"
MAX_COUNT = 200


def _listing(summaries: list[Summary], folder: str, what: str) -> nlsh.ActionResult:
    lines = [f"{s.uid:>6}  {'  ' if s.seen else 'N '}{one_line(s.date)[:31]:<31}  {one_line(s.sender)[:40]:<40}  "
             f"{one_line(s.subject)[:80]}" for s in summaries]
    output = "\n".join(lines) if lines else f"no {what} in {one_line(folder)}"
    return nlsh.ActionResult(output=output, data={"taint": TAINT, "folder": folder,
                                                  "messages": [s.as_data() for s in summaries]})


def _count(count: int) -> int:
    if not 1 <= count <= MAX_COUNT:
        raise nlsh.ActionFailed(f"count must be between 1 and {MAX_COUNT}")
    return count


@nlsh.action("mail.list", capabilities=READ, risk=nlsh.Risk.R0)
def inbox(ctx: nlsh.ActionContext, unread_only: bool = False, folder: str = "INBOX", count: int = 20,
          account: str | None = None) -> nlsh.ActionResult:
    """List the newest messages in a mail folder (N marks unread ones), or only the unread ones.

    Args:
        unread_only: only messages not read yet.
        folder: the folder, e.g. INBOX, Archive.
        count: how many messages to show at most.
        account: the mail account; default: [mail] default, or the only one.
    """
    acct = find_account(ctx.settings, account)
    with Mailbox(acct) as box:
        uids = box.search(folder, "UNSEEN" if unread_only else "ALL")[-_count(count):]
        summaries = box.summaries(folder, uids)
    return _listing(summaries, folder, "unread messages" if unread_only else "messages")


@nlsh.action("mail.search", capabilities=READ, risk=nlsh.Risk.R0)
def search(ctx: nlsh.ActionContext, sender: str | None = None, subject: str | None = None,
           since: str | None = None, text: str | None = None, unread_only: bool = False, folder: str = "INBOX",
           count: int = 20, account: str | None = None) -> nlsh.ActionResult:
    """Search a mail folder by sender, subject, words in the message, or date.

    Args:
        sender: the sender's address or name contains this.
        subject: the subject contains this.
        since: only messages from this day on, e.g. yesterday, 3 days ago, last week, 2024-05-01.
        text: the message (headers or body) contains this.
        unread_only: only messages not read yet.
        folder: the folder to search.
        count: how many messages to show at most.
        account: the mail account; default: [mail] default, or the only one.
    """
    criteria: list[str] = ["UNSEEN"] if unread_only else []
    for key, value in (("FROM", sender), ("SUBJECT", subject), ("TEXT", text)):
        if value:
            criteria += [key, quote(value)]
    if since:
        today = datetime.date.fromtimestamp(ctx.env.clock())
        criteria += ["SINCE", imap_date(parse_day(since, today))]
    if not criteria:
        raise nlsh.ActionFailed("say what to search for: a sender, a subject, words or a date")
    acct = find_account(ctx.settings, account)
    with Mailbox(acct) as box:
        uids = box.search(folder, *criteria)[-_count(count):]
        summaries = box.summaries(folder, uids)
    return _listing(summaries, folder, "matching messages")


@nlsh.action("mail.read", capabilities=READ, risk=nlsh.Risk.R0)
def read(ctx: nlsh.ActionContext, uid: int | None = None, folder: str = "INBOX",
         account: str | None = None) -> nlsh.ActionResult:
    """Show one message: its sender, recipients, date, subject, text and attachments (not marked read).

    Args:
        uid: the message's number, as listed by mail.list; default: the newest message.
        folder: the folder the message is in.
        account: the mail account; default: [mail] default, or the only one.
    """
    acct = find_account(ctx.settings, account)
    with Mailbox(acct) as box:
        if uid is None:
            newest = box.search(folder, "ALL")
            if not newest:
                return nlsh.ActionResult(output=f"{one_line(folder)} is empty", data={"taint": TAINT})
            uid = newest[-1]
        msg = box.fetch(folder, uid)
    files = attachments_of(msg)
    text = body_text(msg)
    heads = {name: header(msg, name) for name in ("From", "To", "Cc", "Date", "Subject")}
    lines = [f"{name}: {one_line(value)}" for name, value in heads.items() if value]
    lines += [f"Attachment: {one_line(a.name)} ({a.size} bytes)" for a in files]
    lines.append(f"----- message {uid} (untrusted text from the sender) -----")
    lines += [f"| {line}" for line in text.splitlines()]
    lines.append("----- end of message -----")
    return nlsh.ActionResult(output="\n".join(lines), data={
        "taint": TAINT, "uid": uid, "folder": folder, **{k.lower(): v for k, v in heads.items()},
        "body": text, "attachments": [{"name": a.name, "size": a.size} for a in files]})


@nlsh.action("mail.folders", capabilities=READ, risk=nlsh.Risk.R0)
def folders(ctx: nlsh.ActionContext, account: str | None = None) -> nlsh.ActionResult:
    """List the mail folders of an account.

    Args:
        account: the mail account; default: [mail] default, or the only one.
    """
    with Mailbox(find_account(ctx.settings, account)) as box:
        names = box.folders()
    return nlsh.ActionResult(output="\n".join(one_line(n) for n in names), data={"folders": names})
