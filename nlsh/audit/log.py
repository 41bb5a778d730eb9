"""The append-only, hash-chained audit log (one canonical JSON record per line).

Every record carries `prev`, the hash of the record before it, and `hash`, the SHA-256 of its
own canonical form without `hash`. Writers in any number of processes append under an
exclusive `flock`: each reads only the tail of the file to find the previous record, writes
its whole line with one `os.write` and fsyncs. A line torn by a killed writer is closed with
a newline and the chain continues from the last valid record; `verify.py` reports it.
"""

from __future__ import annotations

import enum
import errno
import hashlib
import json
import os
import stat
import time
from pathlib import Path
from typing import Any, Callable, Iterator

from ..errors import NlshError

__all__ = [
    "AuditLog",
    "FORMAT_VERSION",
    "canonical",
    "decoded",
    "encodable",
    "output_sha256",
    "parse_record",
    "record_hash",
    "reverse_lines",
]

FORMAT_VERSION = 1
_FIRST_CHUNK = 8192
_OPEN_FLAGS = os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK
_ACTION_KEYS = ("name", "args", "capabilities")
_RESULT_KEYS = ("exit", "signal", "ms", "output_sha256")


def canonical(record: dict) -> str:
    """The one serialisation that is hashed and written: sorted keys, compact, ASCII only."""
    return json.dumps(record, sort_keys=True, separators=(",", ":"), ensure_ascii=True, allow_nan=False)


def record_hash(record: dict) -> str:
    """SHA-256 (hex) of the canonical record without its `hash` field."""
    body = {key: value for key, value in record.items() if key != "hash"}
    return hashlib.sha256(canonical(body).encode("ascii")).hexdigest()


def _raw_bytes(text: str) -> bytes:
    """The bytes a str stands for; undecodable bytes kept by surrogateescape come back as is."""
    try:
        return os.fsencode(text)
    except UnicodeEncodeError:  # a lone surrogate not made by surrogateescape
        return text.encode("utf-8", "surrogatepass")


def output_sha256(text: str | bytes) -> str:
    """SHA-256 (hex) of an action's output, exact even for non-UTF-8 bytes."""
    data = text if isinstance(text, bytes) else _raw_bytes(text)
    return hashlib.sha256(data).hexdigest()


def _is_utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _bytes_value(data: bytes) -> dict:
    import base64

    return {"text": data.decode("utf-8", "replace"), "b64": base64.b64encode(data).decode("ascii")}


def encodable(value: Any) -> Any:
    """`value` made JSON-safe and exact: a str that is not valid UTF-8 (or bytes) becomes
    {"text": lossy text, "b64": base64 of its bytes}; dicts and lists are walked; paths become
    str, tuples and sets lists, enums their str(), other objects their str()."""
    if isinstance(value, enum.Enum):
        return encodable(str(value))
    if isinstance(value, str):
        return value if _is_utf8(value) else _bytes_value(_raw_bytes(value))
    if value is None or isinstance(value, (bool, int)):
        return value
    if isinstance(value, float):
        return value if value == value and value not in (float("inf"), float("-inf")) else str(value)
    if isinstance(value, (bytes, bytearray)):
        return _bytes_value(bytes(value))
    if isinstance(value, dict):
        return {_key(k): encodable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [encodable(item) for item in value]
    if isinstance(value, (set, frozenset)):
        return sorted((encodable(item) for item in value), key=canonical)
    if isinstance(value, os.PathLike):
        return encodable(os.fspath(value))
    return encodable(str(value))


def _key(key: Any) -> str:
    text = key if isinstance(key, str) else str(os.fspath(key) if isinstance(key, os.PathLike) else key)
    return text if _is_utf8(text) else _raw_bytes(text).decode("utf-8", "backslashreplace")


def decoded(value: Any) -> Any:
    """The inverse of `encodable` for stored values: {"text","b64"} back to a str whose
    undecodable bytes are surrogate-escaped (as os.listdir would have returned it)."""
    if isinstance(value, dict):
        if set(value) == {"text", "b64"} and isinstance(value["b64"], str):
            import base64

            return os.fsdecode(base64.b64decode(value["b64"]))
        return {k: decoded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [decoded(item) for item in value]
    return value


def parse_record(line: bytes) -> dict | None:
    """A line's record if it is a JSON object with an int `seq` and a str `hash`, else None."""
    try:
        record = json.loads(line)
    except ValueError:
        return None
    if not isinstance(record, dict):
        return None
    seq, digest = record.get("seq"), record.get("hash")
    if not isinstance(seq, int) or isinstance(seq, bool) or not isinstance(digest, str):
        return None
    return record


def reverse_lines(fd: int, size: int) -> Iterator[bytes]:
    """The lines of the first `size` bytes of `fd`, last first, read in growing chunks from
    the end. An unterminated last fragment (a torn write) is yielded first, like a line."""
    chunk, pos, pending, at_end = _FIRST_CHUNK, size, b"", True
    while pos > 0:
        step = min(chunk, pos)
        pos -= step
        pending = os.pread(fd, step, pos) + pending
        chunk *= 2
        first, *complete = pending.split(b"\n")
        pending = first  # may continue further back
        for line in reversed(complete):
            if not (at_end and line == b""):  # the empty "line" after a final newline
                yield line
            at_end = False
    if pending:
        yield pending


def _last_record(fd: int, size: int) -> dict | None:
    for line in reverse_lines(fd, size):
        record = parse_record(line)
        if record is not None:
            return record
    return None


def _build_action(action: dict | None) -> dict:
    action = dict(action or {})
    unknown = set(action) - set(_ACTION_KEYS)
    if unknown:
        raise ValueError(f"unknown audit action fields: {sorted(unknown)}")
    return {
        "name": encodable(action.get("name", "")),
        "args": encodable(action.get("args") or {}),
        "capabilities": encodable(list(action.get("capabilities") or ())),
    }


def _build_result(result: dict | None) -> dict:
    result = dict(result or {})
    unknown = set(result) - set(_RESULT_KEYS)
    if unknown:
        raise ValueError(f"unknown audit result fields: {sorted(unknown)}")
    return {
        "exit": encodable(result.get("exit")),
        "signal": encodable(result.get("signal")),
        "ms": encodable(result.get("ms")),
        "output_sha256": encodable(result.get("output_sha256", "")),
    }


def _text(value: Any) -> Any:
    """A top-level text field: enums (Risk) as their str(), anything else made encodable."""
    return encodable(value if isinstance(value, str) else str(value))


class AuditLog:
    """Appends hash-chained records to one JSON-lines file, safely across processes."""

    def __init__(self, path: Path, *, session: str, clock: Callable[[], float] = time.time) -> None:
        self.path = Path(path)
        self.session = session
        self.clock = clock

    def append(
        self,
        event: str,
        *,
        actor: str = "nlsh",
        parent_id: str = "",
        action: dict | None = None,
        resources: list | None = None,
        risk: str = "",
        decision: str = "",
        rule: str = "",
        confirmed_by: str = "",
        taint: list | None = None,
        sandbox: str = "",
        result: dict | None = None,
        undo: str = "",
        model: str = "",
        extra: dict | None = None,
    ) -> dict:
        """Write one record and return it as written (with `seq`, `id`, `prev` and `hash`)."""
        record: dict[str, Any] = {
            "v": FORMAT_VERSION,
            "session": _text(self.session),
            "id": os.urandom(16).hex(),
            "parent_id": _text(parent_id),
            "actor": _text(actor),
            "event": _text(event),
            "action": _build_action(action),
            "resources": encodable(list(resources or ())),
            "risk": _text(risk),
            "decision": _text(decision),
            "rule": _text(rule),
            "confirmed_by": _text(confirmed_by),
            "taint": encodable(list(taint or ())),
            "sandbox": _text(sandbox),
            "result": _build_result(result),
            "undo": _text(undo),
            "model": _text(model),
        }
        if extra:
            record["extra"] = encodable(extra)
        try:
            return self._write(record)
        except OSError as exc:
            raise _log_error(self.path, exc) from None

    def _open(self) -> int:
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(self.path, _OPEN_FLAGS, 0o600)
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                raise OSError(errno.EINVAL, "not a regular file")
            if info.st_mode & 0o077 and info.st_uid == os.geteuid():
                os.fchmod(fd, 0o600)
        except BaseException:
            os.close(fd)
            raise
        return fd

    def _write(self, record: dict) -> dict:
        import fcntl

        fd = self._open()
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            size = os.fstat(fd).st_size
            torn = size > 0 and os.pread(fd, 1, size - 1) != b"\n"
            last = _last_record(fd, size)
            record["seq"] = last["seq"] + 1 if last else 1
            record["ts"] = self.clock()
            record["prev"] = last["hash"] if last else ""
            record["hash"] = record_hash(record)
            data = (b"\n" if torn else b"") + canonical(record).encode("ascii") + b"\n"
            _write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)  # closing releases the lock
        return record


def _write_all(fd: int, data: bytes) -> None:
    written = os.write(fd, data)
    while written < len(data):  # a short write on a regular file: only on a full disk
        written += os.write(fd, data[written:])


def _log_error(path: Path, exc: OSError) -> NlshError:
    if exc.errno == errno.ELOOP:
        return NlshError(
            f"refusing to write the audit log {path}: it is a symbolic link",
            hint="remove the link; nlsh only appends to a regular file it owns",
        )
    if exc.errno == errno.EINVAL and "regular" in str(exc):
        return NlshError(f"refusing to write the audit log {path}: it is not a regular file")
    reason = exc.strerror or str(exc)
    return NlshError(f"cannot write the audit log {path}: {reason}", hint="check the state directory")
