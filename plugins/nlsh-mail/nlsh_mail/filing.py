"""Acting on received mail: save its attachments, move it to a folder, mark it read or unread.

Each is undoable: saved files are removed again (only if unchanged), a moved message goes
back, a flag is flipped back.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import nlsh

from .accounts import find_account
from .imap import Mailbox
from .messages import attachments_of, one_line, safe_filename

__all__ = ["mark_read", "move", "save_attachments"]


def _plan(folder_path: Path, names: list[str]) -> list[Path]:
    """Where each attachment goes: its safe name, made unique (never overwriting anything)."""
    taken: set[Path] = set()
    targets = []
    for name in names:
        base = safe_filename(name)
        stem, dot, suffix = base.rpartition(".") if "." in base else (base, "", "")
        candidate, n = folder_path / base, 1
        while candidate.exists() or candidate.is_symlink() or candidate in taken:
            candidate = folder_path / (f"{stem} ({n}).{suffix}" if dot else f"{base} ({n})")
            n += 1
        taken.add(candidate)
        targets.append(candidate)
    return targets


def _destination(ctx: nlsh.ActionContext, destination: str | None) -> Path:
    where = Path(destination) if destination else Path(ctx.cwd)
    if where.exists() and not where.is_dir():
        raise nlsh.ActionFailed(f"{one_line(ctx.display(where))} is not a folder")
    return where


def _preview_save(ctx: nlsh.ActionContext, uid: int, destination: str | None = None, folder: str = "INBOX",
                  account: str | None = None) -> nlsh.Preview:
    with Mailbox(find_account(ctx.settings, account)) as box:
        files = attachments_of(box.fetch(folder, uid))
    targets = _plan(_destination(ctx, destination), [a.name for a in files])
    return nlsh.Preview(summary=f"save {len(files)} attachment(s) of message {uid}", targets=tuple(map(str, targets)),
                        count=len(files), bytes=sum(a.size for a in files), reversible=True,
                        details=("names come from the sender: made safe, never overwriting a file",))


def undo_save(ctx: nlsh.ActionContext, data: dict) -> str:
    removed = 0
    for entry in data["files"]:
        path = Path(entry["path"])
        try:
            same = hashlib.sha256(path.read_bytes()).hexdigest() == entry["sha256"]
        except OSError:
            continue
        if not same:
            raise nlsh.ActionFailed(f"{one_line(ctx.display(path))} was changed since; it was kept")
        path.unlink()
        removed += 1
    return f"removed {removed} saved attachment(s)"


@nlsh.action("mail.save_attachments", capabilities=("mail.read", "net", "fs.write"), risk=nlsh.Risk.R1,
             reversible=True, preview=_preview_save, undo=undo_save)
def save_attachments(ctx: nlsh.ActionContext, uid: int, destination: nlsh.OutPath | None = None,
                     folder: str = "INBOX", account: str | None = None) -> nlsh.ActionResult:
    """Save a message's attachments as files (existing files are never overwritten).

    Args:
        uid: the message's number, as listed by mail.list.
        destination: the folder to save them in; default: the current folder.
        folder: the mail folder the message is in.
        account: the mail account; default: [mail] default, or the only one.
    """
    with Mailbox(find_account(ctx.settings, account)) as box:
        files = attachments_of(box.fetch(folder, uid))
    if not files:
        return nlsh.ActionResult(output=f"message {uid} has no attachments", data={"files": []})
    where = _destination(ctx, destination)
    where.mkdir(parents=True, exist_ok=True)
    saved = []
    for attachment, target in zip(files, _plan(where, [a.name for a in files])):
        payload = attachment.part.get_payload(decode=True) or b""
        with open(target, "xb") as out:  # x: never replace a file that appeared meanwhile
            out.write(payload)
        saved.append({"path": str(target), "name": attachment.name, "bytes": len(payload),
                      "sha256": hashlib.sha256(payload).hexdigest()})
    lines = [f"{one_line(ctx.display(s['path']))} ({s['bytes']} bytes)" for s in saved]
    return nlsh.ActionResult(output="saved:\n" + "\n".join(lines), data={"files": saved, "taint": "mail"},
                             undo={"files": saved})


def _preview_move(ctx: nlsh.ActionContext, uid: int, to_folder: str, folder: str = "INBOX",
                  account: str | None = None) -> nlsh.Preview:
    return nlsh.Preview(summary=f"move message {uid} from {one_line(folder)} to {one_line(to_folder)}",
                        reversible=True)


def undo_move(ctx: nlsh.ActionContext, data: dict) -> str:
    if data.get("new_uid") is None:
        raise nlsh.ActionFailed("the server did not say where the message went; move it back by hand")
    with Mailbox(find_account(ctx.settings, data["account"])) as box:
        box.move(data["to"], int(data["new_uid"]), data["from"])
    return f"moved the message back to {one_line(data['from'])}"


@nlsh.action("mail.move", capabilities=("mail.read", "mail.write", "net"), risk=nlsh.Risk.R1, reversible=True,
             preview=_preview_move, undo=undo_move)
def move(ctx: nlsh.ActionContext, uid: int, to_folder: str, folder: str = "INBOX",
         account: str | None = None) -> nlsh.ActionResult:
    """Move a message to another mail folder (e.g. Archive).

    Args:
        uid: the message's number, as listed by mail.list.
        to_folder: the folder to move it to.
        folder: the folder it is in now.
        account: the mail account; default: [mail] default, or the only one.
    """
    acct = find_account(ctx.settings, account)
    if to_folder == folder:
        raise nlsh.ActionFailed(f"message {uid} is already in {one_line(folder)}")
    with Mailbox(acct) as box:
        if to_folder not in box.folders():
            raise nlsh.ActionFailed(f"no mail folder named {one_line(to_folder)!r}",
                                    hint="list them with 'show my mail folders'")
        box.is_seen(folder, uid)  # fails clearly when there is no such message
        new_uid = box.move(folder, uid, to_folder)
    return nlsh.ActionResult(output=f"moved message {uid} to {one_line(to_folder)}",
                             data={"uid": uid, "new_uid": new_uid, "folder": to_folder},
                             undo={"account": acct.name, "from": folder, "to": to_folder, "new_uid": new_uid})


def undo_mark(ctx: nlsh.ActionContext, data: dict) -> str:
    with Mailbox(find_account(ctx.settings, data["account"])) as box:
        box.set_seen(data["folder"], int(data["uid"]), bool(data["was_seen"]))
    return f"message {data['uid']} is {'read' if data['was_seen'] else 'unread'} again"


@nlsh.action("mail.mark_read", capabilities=("mail.read", "mail.write", "net"), risk=nlsh.Risk.R1, reversible=True,
             undo=undo_mark)
def mark_read(ctx: nlsh.ActionContext, uid: int, unread: bool = False, folder: str = "INBOX",
              account: str | None = None) -> nlsh.ActionResult:
    """Mark a message as read (or, with unread, as not read yet).

    Args:
        uid: the message's number, as listed by mail.list.
        unread: mark it unread instead.
        folder: the folder it is in.
        account: the mail account; default: [mail] default, or the only one.
    """
    acct = find_account(ctx.settings, account)
    with Mailbox(acct) as box:
        was_seen = box.is_seen(folder, uid)
        box.set_seen(folder, uid, not unread)
    state = "unread" if unread else "read"
    return nlsh.ActionResult(output=f"marked message {uid} as {state}", data={"uid": uid, "seen": not unread},
                             undo={"account": acct.name, "folder": folder, "uid": uid, "was_seen": was_seen})
