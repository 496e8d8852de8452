"""The journal of a run's moves into its output folder: written whole, read with distrust.

Before the first file moves into the output folder, a run writes a journal
into its staging folder: the names of the files it is about to move in (as
they are named in the folder, never as paths), which of them replace an
earlier file, the earlier files it removes as stale, and the SHA-256 of
every new file. :func:`write_journal` writes it to a temporary name, syncs
it and renames it into place, so a journal is either absent (nothing was
moved yet) or whole; it is the only record a killed run leaves of what to
undo.

A journal is read back from a folder that anyone who can write to the output
folder can write to, so :func:`read_journal` trusts nothing in it: every name
must be a plain relative name inside the folder (no ``..``, no absolute path,
no backslash, not a staging folder), and neither the output folder's
subfolders nor the staging folder's may be links that lead elsewhere. A
journal that fails any check raises :class:`Untrusted` and is not obeyed; an
empty or unreadable one (a run killed while writing it, by an older version)
raises :class:`Unreadable`. A new file is proven this run's own by its hash
(:func:`is_own`) before a rollback removes it.

Examples
--------
>>> import tempfile, pathlib
>>> tmp = tempfile.TemporaryDirectory()
>>> out = pathlib.Path(tmp.name); stage = out / ".actor-graph-partial-x"; stage.mkdir()
>>> plan = {"new": ["a.txt"], "stale": [], "existed": {"a.txt": False}, "sha256": {}}
>>> write_journal(stage, plan)
>>> read_journal(out, stage) == plan
True
>>> write_journal(stage, {**plan, "new": ["../a.txt"]})
>>> read_journal(out, stage)
Traceback (most recent call last):
...
graph.journal.Untrusted: names '../a.txt', which is not a file inside the output folder
>>> tmp.cleanup()
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from pathlib import Path, PurePosixPath

__all__ = [
    "JOURNAL",
    "STAGE_PREFIX",
    "Unreadable",
    "Untrusted",
    "write_journal",
    "read_journal",
    "is_own",
    "safe_name",
    "sha256",
]

#: The journal's file name in a staging folder.
JOURNAL = "journal.json"
#: Name prefix of staging folders (hidden; never results).
STAGE_PREFIX = ".actor-graph-partial-"
_KEYS = {"new": list, "stale": list, "existed": dict, "sha256": dict}


class Unreadable(Exception):
    """A journal that is empty or not a journal at all: no move can have followed it."""


class Untrusted(Exception):
    """A journal that names something outside the output folder, or reaches it through a link."""


def sha256(path: Path) -> str:
    """The SHA-256 of a file's bytes, in hexadecimal.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = pathlib.Path(d) / "x"; _ = p.write_bytes(b"")
    ...     sha256(p)[:12]
    'e3b0c44298fc'
    """
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def safe_name(name: object) -> bool:
    r"""A file's name relative to the output folder: no ``..``, not absolute, not a staging folder.

    Examples
    --------
    >>> [safe_name(n) for n in ("a.csv", "sub/b.png", "../x", "/etc/passwd", "a\\b", "")]
    [True, True, False, False, False, False]
    """
    if not isinstance(name, str) or not name or "\\" in name or "\x00" in name:
        return False
    p = PurePosixPath(name)
    return (
        not p.is_absolute()
        and ".." not in p.parts
        and "." not in name.split("/")
        and p.parts[0] != ""
        and not p.parts[0].startswith(STAGE_PREFIX)
    )


def write_journal(stage: Path, plan: dict) -> None:
    """Write ``plan`` as the staging folder's journal, whole or not at all (synced, renamed)."""
    tmp = stage / (JOURNAL + ".tmp")
    with tmp.open("w", encoding="utf-8") as f:
        f.write(json.dumps(plan, indent=1, ensure_ascii=False) + "\n")
        f.flush()
        os.fsync(f.fileno())
    tmp.replace(stage / JOURNAL)
    with contextlib.suppress(OSError):  # the rename itself reaches the disk
        fd = os.open(stage, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _inside(path: Path, root: Path, rel: PurePosixPath) -> bool:
    """``path`` (``root``/``rel``) has the place its name says: no link on the way leads off."""
    return Path(os.path.realpath(path.parent)) == Path(os.path.realpath(root)).joinpath(
        *rel.parent.parts
    )


def read_journal(folder: Path, stage: Path) -> dict | None:
    """The staging folder's journal, checked; None if there is none (nothing was moved).

    Raises
    ------
    Unreadable
        An empty, truncated or malformed journal.
    Untrusted
        A name that is not a file's name inside ``folder``, or a subfolder of
        ``folder`` or of the staging folder that is a link leading elsewhere.
    """
    path = stage / JOURNAL
    if not os.path.lexists(path):
        return None
    if path.is_symlink() or not path.is_file():
        raise Untrusted(f"{JOURNAL} is not a plain file")
    try:
        plan = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise Unreadable(f"{JOURNAL} cannot be read ({exc})") from None
    if not isinstance(plan, dict) or any(not isinstance(plan.get(k), t) for k, t in _KEYS.items()):
        raise Unreadable(f"{JOURNAL} is not a journal of this tool")
    names = [*plan["new"], *plan["stale"], *plan["existed"], *plan["sha256"]]
    old = stage / "old"
    if old.is_symlink():
        raise Untrusted("its folder of earlier files is a link")
    for name in names:
        if not safe_name(name) and name != "manifest.json":
            raise Untrusted(f"names {str(name)!r}, which is not a file inside the output folder")
        rel = PurePosixPath(name)
        if not _inside(folder / rel, folder, rel) or not _inside(old / rel, old, rel):
            raise Untrusted(f"reaches {name!r} through a link that leads out of the folder")
    if not all(isinstance(v, bool) for v in plan["existed"].values()):
        raise Unreadable(f"{JOURNAL} is not a journal of this tool")
    return plan


def is_own(path: Path, digest: object) -> bool:
    """``path`` is a plain file with the SHA-256 ``digest``: the file a run wrote there."""
    if not isinstance(digest, str) or path.is_symlink() or not path.is_file():
        return False
    try:
        return sha256(path) == digest
    except OSError:
        return False
