"""Fast-path patterns for exporting a commit, branch or tag as a tar or zip file (git.archive).

A request is git's only when it names a revision in git's words ("the main branch", "tag
v1.0", "the latest commit", "HEAD"); "zip the docs folder" stays a plain file job.
"""

from __future__ import annotations

import re
from typing import Callable

import nlsh

from .archiving import format_of
from .wording import call, name_arg, named, unquote

__all__ = ["SPECIFIC"]

Build = Callable[[re.Match], "list[nlsh.ActionCall] | None"]

_VERB = (r"(?:create|make|build|produce|generate|export|save|write|archive|pack(?:age)?|dump|put|bundle"
         r"|zip(?:\s+up)?|tar(?:\s+up)?)(?:\s+me)?")
# "zip up the main branch", "archive tag v1": the verb alone says what to write
_ZIP_VERB = r"(?P<verb>zip|tar|archive)(?:\s+up)?"
_KINDS = {"zip": "zip", "tar": "tar", "tarball": "tar.gz", "tar.gz": "tar.gz", "tgz": "tgz", "gzipped tar": "tar.gz",
          "compressed tar": "tar.gz"}
_KIND = r"(?:zip|tar\.gz|tgz|tar|tarball|gzipped\s+tar|compressed\s+tar)"
_HEAD = (r"(?:the\s+)?(?:current|latest|last|most\s+recent|newest|head)\s+commit|head"
         r"|(?:the\s+)?(?:current\s+)?(?:repo|repository|project|code)\s+(?:at|as\s+of)\s+(?:the\s+)?"
         r"(?:head|current\s+commit|latest\s+commit)")

# "export the commit log", "the tag list": words after "commit" / "tag" that name no revision
_NOT_REVISIONS = frozenset("log logs history list lists message messages graph names name info details".split())


def _rev(n: str) -> str:
    """A revision in git's words: HEAD, or a branch, tag or commit that says what it is."""
    return (rf"(?:(?P<head{n}>{_HEAD})"
            rf"|(?:the\s+)?(?:(?:repo|repository|project|code)\s+(?:at|as\s+of)\s+(?:the\s+)?)?"
            rf"(?:branch|tag|commit|revision|commit\s+tagged)\s+{named('rev' + n)}"
            rf"|(?:the\s+)?(?:(?:repo|repository|project|code)\s+(?:at|as\s+of)\s+(?:the\s+)?)?{named('rev' + n + 'x')}"
            rf"\s+(?:branch|tag|commit))")


def _file(n: str) -> str:
    return rf"""(?P<out{n}>"[^"]+"|'[^']+'|[^\s"',]+)"""


def _as(n: str) -> str:
    """"as release.tar", "into a zip", "to a tarball called x.tgz"."""
    return (rf"\s+(?:as|into|to|in)\s+(?:a\s+|an\s+)?(?:(?P<kind{n}>{_KIND})(?:\s+(?:file|archive))?(?:\s+(?:called"
            rf"|named)\s+{_file(n + 'a')})?|(?:the\s+)?(?:file\s+|archive\s+)?{_file(n + 'b')})")


EXPORT = (
    # "export the main branch as release.tar", "zip up tag v1 into v1.zip"
    rf"{_VERB}\s+{_rev('')}{_as('')}"
    # "create a zip of the latest commit (called x.zip)"
    rf"|{_VERB}\s+(?:a\s+|an\s+)?(?P<kind2>{_KIND})(?:\s+(?:file|archive|export|snapshot))?\s+(?:of|from|for)\s+"
    rf"{_rev('2')}(?:\s+(?:called|named|as|into|to|in)\s+(?:the\s+file\s+)?{_file('2')})?"
    rf"|{_ZIP_VERB}\s+{_rev('5')}"
    # "git archive main to out.zip", "git archive -o out.zip HEAD"
    rf"|git\s+archive\s+{named('rev3')}\s+(?:(?:to|as|into)\s+)?{_file('3')}"
    rf"|git\s+archive\s+(?:-o|--output)[\s=]+{_file('4')}\s+{named('rev4')}"
)


def _export(m: re.Match) -> list[nlsh.ActionCall] | None:
    found = {k: v for k, v in m.groupdict().items() if v is not None}
    head = any(k.startswith("head") for k in found)
    text = next((v for k, v in found.items() if k.startswith("rev")), None)
    head = head or (text or "").lower() == "head"
    revision = None if head or (text or "").lower() in _NOT_REVISIONS else name_arg(text)
    if not head and revision is None:
        return None
    output = next((unquote(v) for k, v in found.items() if k.startswith("out")), None)
    kind = next((re.sub(r"\s+", " ", v.lower()) for k, v in found.items() if k.startswith("kind")), None)
    verb = found.get("verb", "").lower()
    kind = kind or ("zip" if verb in ("zip", "archive") else "tar" if verb == "tar" else None)
    if output is not None and format_of(output) is None:
        return None  # "export main to docs": a name that is no archive
    if output is None and kind is None:
        return None
    return call("git.archive", revision=revision, output=output,
                format=_KINDS[kind] if kind and output is None else None)


SPECIFIC: list[tuple[str, Build]] = [(EXPORT, _export)]
