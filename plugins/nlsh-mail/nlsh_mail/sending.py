"""mail.send and mail.reply: R3, confirmed every time with the full preview, rate limited.

The preview shows the sender, every recipient (those never mailed before flagged NEW), the
subject, the whole body (up to a screenful) and each attachment's name and size. A send is
refused when the rate limit ([mail] max_sends per window_minutes) is reached.
"""

from __future__ import annotations

from pathlib import Path

import nlsh

from .accounts import Account, find_account, limits
from .imap import Mailbox
from .messages import address_list, build, check_address, header, one_line
from .passwords import require_password
from .state import RateLimit, SeenRecipients

__all__ = ["reply", "send", "smtp_send"]

CAPABILITIES = ("mail.send", "net")
MAX_RECIPIENTS = 50
BODY_LINES = 30


def _size(n: int) -> str:
    return f"{n} B" if n < 1024 else f"{n / 1024:.1f} KiB" if n < 1 << 20 else f"{n / (1 << 20):.1f} MiB"


def _rate(ctx: nlsh.ActionContext) -> RateLimit:
    limit = limits(ctx.settings)
    return RateLimit(ctx.paths.state, limit.max_sends, limit.window_minutes * 60)


def _recipients(to: list[str], cc: list[str] | None) -> tuple[list[str], list[str]]:
    to_list, cc_list = address_list(to), address_list(cc)
    if not to_list:
        raise nlsh.ActionFailed("say who the mail goes to", hint="e.g. to bob@example.com")
    if len(to_list) + len(cc_list) > MAX_RECIPIENTS:
        raise nlsh.ActionFailed(f"more than {MAX_RECIPIENTS} recipients: nlsh does not send bulk mail")
    return to_list, [a for a in cc_list if a not in to_list]


def _preview(ctx: nlsh.ActionContext, account: Account, to: list[str], cc: list[str], subject: str, body: str,
             files: list[str], what: str = "send mail") -> nlsh.Preview:
    new = set(SeenRecipients(ctx.paths.data).new(to + cc))
    details = [f"from: {one_line(account.sender)} (account {one_line(account.name)})"]
    for label, addresses in (("to", to), ("cc", cc)):
        for address in addresses:
            flag = "  [!] NEW: never mailed before" if address in new else ""
            details.append(f"{label}: {one_line(address)}{flag}")
    details.append(f"subject: {one_line(subject)}")
    sizes = [(Path(f).name, Path(f).stat().st_size) for f in files]
    details += [f"attachment: {one_line(name)} ({_size(size)})" for name, size in sizes]
    lines = (body or "").splitlines() or [""]
    details.append("body:")
    details += [f"  | {line}" for line in lines[:BODY_LINES]]
    if len(lines) > BODY_LINES:
        details.append(f"  … and {len(lines) - BODY_LINES} more lines")
    rate = _rate(ctx)
    details.append(f"rate limit: {rate.left(ctx.env.clock())} of {rate.max_sends} sends left in "
                   f"{rate.window / 60:g} minutes")
    everyone = to + cc
    summary = f"{what} to {', '.join(map(one_line, everyone[:3]))}" + (" …" if len(everyone) > 3 else "") \
        + f": {one_line(subject)}" + (f" ({len(new)} new recipient{'s' if len(new) != 1 else ''})" if new else "")
    return nlsh.Preview(summary=summary, targets=tuple(files), count=len(everyone),
                        bytes=sum(s for _, s in sizes) if sizes else None, details=tuple(details), reversible=False)


def _preview_send(ctx: nlsh.ActionContext, to: list[str], subject: str, body: str = "", cc: list[str] | None = None,
                  attachments: list[str] | None = None, account: str | None = None) -> nlsh.Preview:
    to_list, cc_list = _recipients(to, cc)
    return _preview(ctx, find_account(ctx.settings, account), to_list, cc_list, subject, body, attachments or [])


def smtp_send(account: Account, msg, recipients: list[str]) -> None:
    import smtplib
    import ssl

    if not account.smtp_host:
        raise nlsh.ActionFailed(f"mail account {account.name} has no smtp_host", hint="set it in config.toml")
    password = require_password(account)
    context = ssl.create_default_context()
    try:
        if account.smtp_tls == "ssl":
            server = smtplib.SMTP_SSL(account.smtp_host, account.smtp_port, timeout=account.timeout, context=context)
        else:
            server = smtplib.SMTP(account.smtp_host, account.smtp_port, timeout=account.timeout)
        with server:
            if account.smtp_tls == "starttls":
                server.starttls(context=context)
            server.login(account.user, password)
            refused = server.send_message(msg, to_addrs=recipients)
    except smtplib.SMTPAuthenticationError:
        raise nlsh.ActionFailed(f"the mail server refused the login for {account.user}",
                                hint=f"check the password: nlsh mail login {account.name}") from None
    except smtplib.SMTPRecipientsRefused as exc:
        raise nlsh.ActionFailed("the mail server refused every recipient: "
                                + ", ".join(map(one_line, exc.recipients))) from None
    except smtplib.SMTPException as exc:
        raise nlsh.ActionFailed(f"sending failed: {one_line(str(exc))[:200]}") from None
    except OSError as exc:
        raise nlsh.ActionFailed(f"cannot reach {account.smtp_host}:{account.smtp_port}: {exc.strerror or exc}") from None
    if refused:
        raise nlsh.ActionFailed("sent, but the server refused: " + ", ".join(map(one_line, refused)))


def _deliver(ctx: nlsh.ActionContext, account: Account, to: list[str], cc: list[str], msg) -> nlsh.ActionResult:
    rate = _rate(ctx)
    now = ctx.env.clock()
    wait = rate.wait(now)
    if wait > 0:
        raise nlsh.ActionFailed(f"rate limit: {rate.max_sends} mails were sent in the last {rate.window / 60:g} "
                                f"minutes; the next may go in {int(wait) + 1} s",
                                hint="[mail] max_sends and window_minutes in config.toml set the limit")
    smtp_send(account, msg, to + cc)
    rate.record(now)
    SeenRecipients(ctx.paths.data).add(to + cc)
    files = [p.get_filename() for p in msg.iter_attachments()]
    extra = f" with {len(files)} attachment{'s' if len(files) != 1 else ''}" if files else ""
    return nlsh.ActionResult(output=f"sent to {', '.join(map(one_line, to + cc))}{extra}: {one_line(msg['Subject'])}",
                             data={"message_id": str(msg["Message-ID"]), "to": to, "cc": cc,
                                   "subject": str(msg["Subject"]), "attachments": files})


def _recipient_resources(args: dict) -> list[str]:
    """Recipients as policy resources, so rules like {recipient = "*@example.org"} apply."""
    return [f"mail:{r}" for r in list(args.get("to") or []) + list(args.get("cc") or [])]


@nlsh.action("mail.send", capabilities=CAPABILITIES, risk=nlsh.Risk.R3, preview=_preview_send,
             resources=_recipient_resources)
def send(ctx: nlsh.ActionContext, to: list[str], subject: str, body: str = "", cc: list[str] | None = None,
         attachments: nlsh.InPaths | None = None, account: str | None = None) -> nlsh.ActionResult:
    """Send an email, optionally with files from the workspace attached.

    Args:
        to: the recipients' addresses.
        subject: the subject line.
        body: the text of the message.
        cc: addresses to send a copy to.
        attachments: files to attach.
        account: the mail account to send from; default: [mail] default, or the only one.
    """
    acct = find_account(ctx.settings, account)
    to_list, cc_list = _recipients(to, cc)
    msg = build(sender=acct.sender, to=to_list, cc=cc_list, subject=subject, body=body, files=attachments or [])
    return _deliver(ctx, acct, to_list, cc_list, msg)


def _original(ctx: nlsh.ActionContext, acct: Account, uid: int, folder: str, reply_all: bool):
    with Mailbox(acct) as box:
        original = box.fetch(folder, uid)
    sender = check_address(header(original, "Reply-To") or header(original, "From"))
    cc: list[str] = []
    if reply_all:
        from email.utils import getaddresses

        own = check_address(acct.sender)
        others = getaddresses([header(original, "To"), header(original, "Cc")])
        cc = [check_address(a) for _, a in others if a and a.lower() not in (own.lower(), sender.lower())]
    subject = header(original, "Subject")
    subject = subject if subject.lower().startswith("re:") else f"Re: {subject}"
    return original, [sender], cc, " ".join(subject.split())


def _preview_reply(ctx: nlsh.ActionContext, uid: int, body: str, reply_all: bool = False, folder: str = "INBOX",
                   account: str | None = None) -> nlsh.Preview:
    acct = find_account(ctx.settings, account)
    _, to, cc, subject = _original(ctx, acct, uid, folder, reply_all)
    return _preview(ctx, acct, to, cc, subject, body, [], what="reply")


@nlsh.action("mail.reply", capabilities=CAPABILITIES + ("mail.read",), risk=nlsh.Risk.R3, preview=_preview_reply)
def reply(ctx: nlsh.ActionContext, uid: int, body: str, reply_all: bool = False, folder: str = "INBOX",
          account: str | None = None) -> nlsh.ActionResult:
    """Reply to a message (to its sender, or to everyone on it).

    Args:
        uid: the message's number, as listed by mail.list.
        body: the text of the reply.
        reply_all: also send to everyone the message went to.
        folder: the folder the message is in.
        account: the mail account; default: [mail] default, or the only one.
    """
    acct = find_account(ctx.settings, account)
    original, to, cc, subject = _original(ctx, acct, uid, folder, reply_all)
    msg = build(sender=acct.sender, to=to, cc=cc, subject=subject, body=body, files=[],
                in_reply_to=header(original, "Message-ID"), references=header(original, "References"))
    return _deliver(ctx, acct, to, cc, msg)
