"""The pieces of English the fast-path patterns are built from.

Regex fragments (TOKEN, PLACE, SIZE, AGE, NUM, EXT) capture candidate text; the functions
(`place`, `target`, `sources`, `parse_size`, `parse_age`, `number`) read that text precisely
and return None when it is not clearly a path, a size or an age, so that a pattern can pass
instead of guessing. Nothing here touches the file system: patterns are pure functions of
the request text.

A bare word counts as a path where the sentence makes it one ("in src", "read notes",
"copy a to b") but, where the verb alone leaves it open ("list users", "delete build"),
only when it looks like a path: it has a "/", ".", "~", "_", "-", a digit or a glob
character, is a well-known file name (Makefile), is quoted, or is called a file or folder.
"""

from __future__ import annotations

import posixpath
import re

__all__ = [
    "AGE",
    "ALL_OF",
    "EXT",
    "KIND",
    "NOUN",
    "NUM",
    "PLACE",
    "PLURAL_EXT",
    "SIZE",
    "TOKEN",
    "archive_like",
    "ext_of",
    "dirlike",
    "file_like",
    "folder_contents",
    "glob_phrase",
    "named",
    "number",
    "parse_age",
    "parse_size",
    "pathish",
    "place",
    "sources",
    "split_items",
    "target",
    "unquote",
]

FLAGS = re.I

TOKEN = r"""(?:"[^"]+"|'[^']+'|[^\s"',]+)"""

NOUN = r"(?:folder|directory|dir|file)"

_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "fifteen": 15, "twenty": 20, "thirty": 30, "fifty": 50, "hundred": 100,
    "a hundred": 100, "a couple of": 2, "a couple": 2,
}
NUM = (r"(?:\d+|a\s+hundred|a\s+couple(?:\s+of)?|one|two|three|four|five|six|seven|eight|nine|ten"
       r"|eleven|twelve|fifteen|twenty|thirty|fifty|hundred|an?)")

# Words for file kinds that name exactly one extension.
EXT_WORDS = {
    "python": "py", "py": "py", "javascript": "js", "js": "js", "typescript": "ts", "ts": "ts",
    "text": "txt", "txt": "txt", "markdown": "md", "md": "md", "json": "json", "yaml": "yaml",
    "yml": "yml", "csv": "csv", "log": "log", "pdf": "pdf", "html": "html", "css": "css",
    "java": "java", "c": "c", "cpp": "cpp", "c++": "cpp", "rust": "rs", "go": "go",
    "ruby": "rb", "shell": "sh", "bash": "sh", "sh": "sh", "php": "php", "sql": "sql",
    "xml": "xml", "toml": "toml", "ini": "ini", "png": "png", "jpg": "jpg", "jpeg": "jpeg",
    "gif": "gif", "svg": "svg", "mp3": "mp3", "mp4": "mp4", "wav": "wav", "zip": "zip",
    "iso": "iso", "doc": "doc", "docx": "docx", "xlsx": "xlsx", "pptx": "pptx", "odt": "odt",
    "epub": "epub", "bak": "bak", "tmp": "tmp", "swp": "swp", "pyc": "pyc", "rst": "rst",
    "ipynb": "ipynb", "conf": "conf", "cfg": "cfg", "tex": "tex", "kotlin": "kt", "swift": "swift",
}
_PLURALS = {p + "s": EXT_WORDS[p] for p in (
    "pdf", "png", "jpg", "jpeg", "gif", "svg", "csv", "mp3", "mp4", "iso", "zip", "docx", "wav",
)}
# EXT only delimits a candidate word; ext_of() decides whether it names an extension.
EXT = r"(?:\*?\.[A-Za-z0-9]{1,10}|[A-Za-z][\w+]{0,11})"
PLURAL_EXT = "(?:" + "|".join(sorted(_PLURALS, key=len, reverse=True)) + r")\b"
KIND = r"(?:files?|scripts?|documents?|sources?|source\s+files?)"

_SIZE_UNITS = (r"(?:[kmgt]i?b|bytes?|kilo(?:byte)?s?|megs?|mega(?:byte)?s?|gigs?|giga(?:byte)?s?|tera(?:byte)?s?"
               r"|[kmgtb])")
SIZE = rf"(?:\d+(?:\.\d+)?\s*{_SIZE_UNITS}?|(?:an?|one)\s+{_SIZE_UNITS})(?![\w.])"

_AGE_UNITS = r"(?:minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|[mhdw])"
AGE = rf"(?:(?:{NUM})\s*)?{_AGE_UNITS}(?!\w)"

_HOME_DIRS = {"downloads": "Downloads", "documents": "Documents", "desktop": "Desktop",
              "pictures": "Pictures", "photos": "Pictures", "music": "Music", "videos": "Videos"}

# PLACE only delimits a candidate (a path, maybe with "the", "my", "this", "folder");
# place() and named() decide what, if anything, it names.
PLACE = (rf"(?:(?:(?:the|this|my|current|present|working|right|in|parent|{NOUN})\s+){{0,3}}"
         rf"(?!recursively(?![^\s,]))"  # "in the current directory recursively": the adverb names nothing
         rf"{TOKEN}(?:\s+{NOUN})?)")

STOPWORDS = frozenset(
    """a an the it its this that these those them they everything anything something nothing
    all every each any some file files folder folders directory directories dir dirs stuff
    things thing here there me my mine you your process processes program programs which what
    other others rest more too also empty new old same both whole entire contents content item
    items one ones and or of in to from with for on at by up down out away now please junk
    mess crap garbage lines line text words today yesterday tomorrow recently ago week weeks month
    months year years day days hour hours minute minutes""".split()
)

KNOWN_FILES = frozenset(
    """makefile dockerfile readme license licence changelog procfile gemfile rakefile
    vagrantfile jenkinsfile containerfile justfile authors contributing copying notice""".split()
)

_ROOTS = frozenset({".", "./", "..", "../", "/", "~", "~/", "*", "**", "./*", "/*", "~/*", "../*", "**/*"})
_ARCHIVE_EXT = r"\.(?:zip|tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz)$"
_QUOTES = {'"': '"', "'": "'"}


def unquote(token: str) -> tuple[str, bool]:
    """The token without surrounding quotes, and whether it was quoted."""
    if len(token) >= 2 and token[0] in _QUOTES and token[-1] == _QUOTES[token[0]]:
        return token[1:-1], True
    return token, False


def number(text: str) -> int | None:
    text = re.sub(r"\s+", " ", text.strip().lower())
    if text.isdigit():
        return int(text)
    return _NUMBER_WORDS.get(text)


def file_like(word: str) -> bool:
    """A name with an extension, a dotfile, or a well-known extensionless file name."""
    base = word.rstrip("/").rsplit("/", 1)[-1]
    if base.lower() in KNOWN_FILES:
        return True
    return bool(re.fullmatch(r"(?:[^/]+\.[A-Za-z0-9]{1,10}|\.[^./][^/]*)", base)) and not word.endswith("/")


def archive_like(word: str) -> bool:
    return bool(re.search(_ARCHIVE_EXT, word, FLAGS))


def pathish(word: str) -> bool:
    return bool(re.search(r"[/.~*?\[_\-\d]", word)) or word.lower() in KNOWN_FILES


def dirlike(word: str) -> bool:
    return word.endswith("/") or word in (".", "..", "~")


_DIR_PARTS = frozenset("tree hierarchy structure listing layout size sizes path name".split())


def named(chunk: str) -> tuple[str, str, bool] | None:
    """(word, noun, quoted) for "notes.txt", "the file 'a b.txt'", "the logs folder".

    noun is "file", "dir" or "" as the sentence calls the thing.
    """
    m = re.fullmatch(rf"(?:the\s+)?(?:(?:whole|entire|complete|empty)\s+)?"
                     rf"(?:(?P<pre>{NOUN})\s+(?:(?:that\s+is\s+)?(?:named|called)\s+)?)?(?P<tok>{TOKEN})"
                     rf"(?:\s+(?P<post>{NOUN}))?",
                     chunk.strip(), FLAGS)
    if not m:
        return None
    word, quoted = unquote(m["tok"])
    if not word.strip() or (not quoted and word.lower() in STOPWORDS):
        return None
    noun = (m["pre"] or m["post"] or "").lower()
    if m["pre"] and not m["post"] and not quoted and word.lower() in _DIR_PARTS:
        return None  # "the directory tree", "the folder structure": a view of a folder, not one called "tree"
    if m["post"] and noun != "file" and not quoted and word.lower() == "parent":
        return "..", "dir", False  # "the parent folder" is "..", not a folder called parent
    return word, ("file" if noun == "file" else "dir" if noun else ""), quoted


def target(chunk: str, *, strict: bool = False) -> str | None:
    """A path named by `chunk` ("notes.txt", "the file 'a b.txt'", "the logs folder").

    strict: a bare word must look like a path unless the sentence calls it a file or folder;
    and paths that stand for everything (".", "~", "*") are refused.
    """
    found = named(chunk)
    if found is None:
        return None
    word, noun, quoted = found
    if strict:
        if word.strip() in _ROOTS:
            return None
        if not (quoted or noun or pathish(word)):
            return None
    return word


def place(chunk: str, *, bare: bool = True) -> str | None:
    """A folder named by `chunk`: "here", "this folder", "my downloads", "~", "src", ...

    bare: accept a bare word ("src") as a folder name; otherwise it must look like a path.
    """
    text = re.sub(r"\s+", " ", chunk.strip())
    low = text.lower()
    if re.fullmatch(r"(?:right |in )?here|\.|\./|(?:the )?cwd|this (?:folder|directory|dir)"
                    r"|(?:the |this )?(?:current|present|working)(?: working)? (?:folder|directory|dir)", low):
        return "."
    if re.fullmatch(r"~/?|\$home|\$\{home\}|(?:my |the )?home(?: (?:folder|directory|dir))?", low):
        return "~"
    if re.fullmatch(r"(?:the|this|my|our) (?:(?:whole|entire) )?(?:project|repo|repository|codebase|code base)", low):
        return "."  # "in the project": where the person works
    if re.fullmatch(r"\.\./?|(?:the )?parent (?:folder|directory|dir)", low):
        return ".."
    m = re.fullmatch(r"my (\w+)(?: (?:folder|directory|dir))?", low)
    if m:
        return "~/" + _HOME_DIRS[m[1]] if m[1] in _HOME_DIRS else None
    found = named(text)
    if found is None:
        return None
    word, noun, quoted = found
    if not bare and not (quoted or noun or pathish(word)):
        return None
    return word


def ext_of(word: str) -> str | None:
    """The extension a kind word or glob names: "python" -> "py", ".log" / "*.log" -> "log"."""
    m = re.fullmatch(r"\*?\.([A-Za-z0-9]{1,10})", word)
    if m:
        return m[1]
    low = word.lower()
    return EXT_WORDS.get(low) or _PLURALS.get(low)


_GLOB_PHRASE = (
    rf"(?:(?:all|every|each|any)\s+(?:of\s+)?)?(?:the\s+|my\s+)?"
    rf"(?:(?P<ext>{EXT})\s+{KIND}|(?P<plural>{PLURAL_EXT})|(?P<glob>\*[^\s/]*)"
    rf"|(?:(?<=\bevery\s)|(?<=\beach\s))(?P<one>{EXT})(?!\s+{KIND})"  # "every png": a kind, said once
    rf"|{KIND}\s+(?:with|having)\s+(?:the\s+|an?\s+)?(?P<ext2>\.?[A-Za-z0-9]{{1,10}})\s+(?:extension|suffix)"
    rf"|(?:{KIND}|everything|anything)\s+(?:named|called|matching)\s+(?P<glob2>\*[^\s/]*)"
    rf"|(?:{KIND}|everything|anything)\s+(?:ending|(?:that|which)\s+ends?)\s+(?:in|with)\s+"
    rf"(?P<ext3>\.[A-Za-z0-9]{{1,10}}))"
    rf"(?:\s+(?:in|from|inside|under|within)\s+(?P<dir>{PLACE}))?"
    rf"(?P<rec>\s+(?:recursively|everywhere|in\s+all\s+sub-?(?:folders|directories)"
    rf"|(?:and|including)\s+(?:in\s+)?(?:all\s+)?sub-?(?:folders|directories)))?"
)


def glob_phrase(chunk: str, *, recursive_ok: bool = True) -> str | None:
    """A glob for "all .log files in build", "the PDFs", "python files everywhere"."""
    m = re.fullmatch(_GLOB_PHRASE, chunk.strip(), FLAGS)
    if not m or (m["rec"] and not recursive_ok):
        return None
    if m["glob"] or m["glob2"]:
        pattern = m["glob"] or m["glob2"]
        if pattern.strip("*") == "":
            return None
    else:
        named_ext = m["ext2"] or m["ext3"]
        ext = ext_of("." + named_ext.lstrip(".")) if named_ext else ext_of(m["ext"] or m["plural"] or m["one"])
        if ext is None:
            return None
        pattern = f"*.{ext}"
    if m["rec"]:
        pattern = "**/" + pattern
    if m["dir"]:
        folder = place(m["dir"])
        if folder is None:
            return None
        return pattern if folder == "." else posixpath.join(folder, pattern)
    return pattern


ALL_OF = (r"(?:(?:all\s+(?:of\s+)?)?(?:the\s+)?(?:(?:files|contents?|everything|items|entries)"
           r"(?:\s+and\s+(?:folders|directories))?)|(?:every|each)(?:\s+single)?\s+(?:file|item|entry))")


def folder_contents(chunk: str) -> list[str] | None:
    """"everything in docs", "the contents of docs", "all files from docs": docs/*, as `cp -r docs/* x` takes it.

    The current folder, home and the root are refused: "everything here" is no path to act on.
    """
    m = re.fullmatch(rf"{ALL_OF}\s+(?:of|in|from|inside|within)\s+(?P<dir>{PLACE})", chunk.strip(), FLAGS)
    folder = place(m["dir"]) if m else None
    if folder is None or folder.strip("./~") == "" or file_like(folder) and not folder.endswith("/"):
        return None
    return [posixpath.join(folder, "*")]


def split_items(chunk: str) -> list[str] | None:
    """Split "a.txt, b.txt and 'c d.txt'" into its items (quotes respected)."""
    items: list[str] = []
    current: list[str] = []
    for m in re.finditer(r""""[^"]*"|'[^']*'|,|\S+|\s+""", chunk):
        piece = m.group()
        if piece == "," or piece.lower() == "and":
            items.append("".join(current).strip())
            current = []
        elif piece.endswith(",") and not piece.startswith(("'", '"')):
            current.append(piece[:-1])
            items.append("".join(current).strip())
            current = []
        else:
            current.append(piece)
    items.append("".join(current).strip())
    items = [i for i in items if i]
    return items or None


def sources(chunk: str, *, strict: bool = False, recursive_ok: bool = True) -> list[str] | None:
    """The paths in "a.txt and b.txt", "all .log files in build", "the file 'x y'"."""
    whole = glob_phrase(chunk, recursive_ok=recursive_ok)
    if whole is not None:
        return [whole]
    plural = re.fullmatch(r"(?:the\s+|both\s+(?:the\s+)?)?(?P<noun>files|folders|directories|dirs)\s+"
                          r"(?:(?:named|called)\s+)?(?P<rest>.+)", chunk.strip(), FLAGS)
    if plural:  # "the files a.txt and b.txt": each item is called a file
        noun = {"files": "file", "folders": "folder"}.get(plural["noun"].lower(), "directory")
        chunk = ", ".join(f"{noun} {item}" for item in split_items(plural["rest"]) or [])
    items = split_items(chunk)
    if not items:
        return None
    out = []
    for item in items:
        path = glob_phrase(item, recursive_ok=recursive_ok) or target(item, strict=strict)
        if path is None:
            return None
        out.append(path)
    return out


_SIZE_PARTS = r"(\d+(?:\.\d+)?|an?|one)\s*([a-z]*)"
_SIZE_SCALE = {"": 0, "b": 0, "k": 1, "m": 2, "g": 3, "t": 4}
_SIZE_SUFFIX = {0: "", 1: "k", 2: "M", 3: "G"}


def parse_size(text: str) -> str | None:
    """"10 MB" -> "10M", "1.5g" -> "1536M", "500 kilobytes" -> "500k", "200" -> "200"."""
    m = re.fullmatch(_SIZE_PARTS, text.strip(), FLAGS)
    if not m:
        return None
    amount = 1.0 if m[1].isalpha() else float(m[1])
    unit = m[2].lower()
    key = "" if unit.startswith("byte") else unit[:1]
    if key not in _SIZE_SCALE or (m[1].isalpha() and not unit):
        return None
    scale = _SIZE_SCALE[key]
    while scale > 0 and (amount != int(amount) or scale > 3):
        amount *= 1024
        scale -= 1
    if amount != int(amount):
        amount = round(amount)
    return f"{int(amount)}{_SIZE_SUFFIX[scale]}"


_AGE_PARTS = rf"(?:({NUM})\s*)?([a-z]+)"


def parse_age(text: str) -> str | None:
    """"2 days" -> "2d", "a week" -> "1w", "36 hours" -> "36h", "3 months" -> "90d"."""
    m = re.fullmatch(_AGE_PARTS, text.strip(), FLAGS)
    if not m:
        return None
    n = number(m[1]) if m[1] else 1
    unit = m[2].lower()
    if n is None:
        return None
    if unit in ("m", "min", "mins") or unit.startswith("minute"):
        return f"{n}m"
    if unit in ("h", "hr", "hrs") or unit.startswith("hour"):
        return f"{n}h"
    if unit == "d" or unit.startswith("day"):
        return f"{n}d"
    if unit == "w" or unit.startswith("week"):
        return f"{n}w"
    if unit.startswith("month"):
        return f"{30 * n}d"
    if unit.startswith("year"):
        return f"{365 * n}d"
    return None
