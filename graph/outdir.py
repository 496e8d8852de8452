"""The output folder as one transaction: a run replaces its earlier results whole, or not at all.

A run writes into a staging folder *inside* the output folder (so it is on
the same filesystem, whatever is mounted or linked there) and, when it
completes, moves its files in:

1. every target is checked before the first move (a folder where a file goes,
   a file where a folder goes, a target on another filesystem);
2. a journal names the files about to move; each earlier file is moved aside
   into the staging folder before the new one takes its place;
3. a failure or a signal (SIGINT, SIGTERM, SIGHUP) during the moves rolls
   everything back, so the earlier results stay byte-identical; the journal is
   removed only once every file is in place.

A staging folder is locked by the run that owns it; a run killed outright
(SIGKILL, power loss) leaves it behind, and the next run into the same folder
rolls back its journal, if any, and removes it. The journal is written whole
or not at all, and read with distrust (:mod:`graph.journal`): one that names
anything outside the folder, or reaches it through a link, is not obeyed but
reported (:data:`NOTES`), and the run goes on; an empty or unreadable one
means nothing was moved, and its staging folder is removed. Each run writes
``manifest.json`` (path, size and SHA-256 of every file, the command, the
version): the next run removes the files listed there that it does not
write itself and that nobody changed since, and never touches other files.
A folder that cannot be written (read-only, full, a dangling link, a name in
the way) is a :class:`~graph.errors.DataError` naming the path and the fix.

Examples
--------
>>> import tempfile, pathlib
>>> tmp = tempfile.TemporaryDirectory()
>>> out = pathlib.Path(tmp.name) / "out"
>>> with staged_dir(out) as stage:
...     _ = (stage / "a.txt").write_text("new")
>>> sorted(p.name for p in out.iterdir())
['a.txt', 'manifest.json']
>>> with staged_dir(out) as stage:
...     _ = (stage / "b.txt").write_text("other")
>>> sorted(p.name for p in out.iterdir())  # a.txt was this tool's, b.txt replaces it
['b.txt', 'manifest.json']
>>> tmp.cleanup()
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import signal
import tempfile
import threading
import warnings
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path, PurePosixPath

from graph import __version__
from graph.errors import DataError, Problem
from graph.journal import (
    JOURNAL,
    STAGE_PREFIX,
    Unreadable,
    Untrusted,
    is_own,
    read_journal,
    safe_name,
    sha256,
    write_journal,
)

try:
    import fcntl
except ImportError:  # pragma: no cover - not on POSIX: no locks, no recovery of killed runs
    fcntl = None

__all__ = [
    "MANIFEST",
    "STAGE_PREFIX",
    "COMMAND",
    "NOTES",
    "staged_dir",
    "commits",
    "read_manifest",
]

#: The file, in the output folder, that lists what the last run wrote.
MANIFEST = "manifest.json"
#: The command recorded in the manifest (the command line sets it; else the ``command`` given).
COMMAND: ContextVar[str | None] = ContextVar("actor_graph_command", default=None)
#: Where a run's remarks on the folder go (a staging folder it would not obey): a list the
#: command line sets and prints; unset, they are issued as :class:`RuntimeWarning` s.
NOTES: ContextVar[list[str] | None] = ContextVar("actor_graph_outdir_notes", default=None)

_JOURNAL = JOURNAL
_NEW, _OLD = "new", "old"
_SIGNALS = tuple(getattr(signal, n) for n in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, n))
_commits = [0]

#: errno -> (what went wrong, what would fix it) for a folder that cannot be written.
_WRITE_ERRORS = {
    errno.EROFS: ("is on a read-only filesystem", "choose a writable folder with --out"),
    errno.EACCES: ("cannot be written (permission denied)", "choose a folder you can write to"),
    errno.EPERM: ("cannot be written (operation not permitted)", "choose another folder"),
    errno.ENOSPC: ("cannot be written: the disk is full", "free some space or choose another disk"),
    errno.EDQUOT: ("cannot be written: the disk quota is used up", "free some space"),
    errno.EFBIG: ("cannot be written: a file is too large for the disk", "choose another disk"),
    errno.ENAMETOOLONG: ("has a name too long for the disk", "choose a shorter path"),
    errno.EXDEV: ("is on another filesystem than its staging folder", "choose another folder"),
    errno.EIO: ("cannot be written (input/output error)", "check the disk"),
}


def commits() -> int:
    """How many runs of this process have moved their results into place.

    The command line compares it before and after a run that was interrupted,
    to say truly whether the results were written.

    Examples
    --------
    >>> commits() >= 0
    True
    """
    return _commits[0]


def read_manifest(folder: str | os.PathLike) -> dict[str, dict]:
    """The files the last run wrote into ``folder``: relative path -> {"bytes", "sha256"}.

    An absent or unreadable manifest, and entries that point outside the
    folder, give nothing.

    Examples
    --------
    >>> read_manifest("no/such/folder")
    {}
    """
    try:
        data = json.loads((Path(folder) / MANIFEST).read_text(encoding="utf-8"))
        files = data["files"]
        entries = {f["path"]: {"bytes": int(f["bytes"]), "sha256": str(f["sha256"])} for f in files}
    except (OSError, ValueError, KeyError, TypeError):
        return {}
    return {p: e for p, e in entries.items() if _safe_relative(p)}


def _safe_relative(path: object) -> bool:
    """A relative path inside the folder, not the manifest itself, not a staging folder."""
    return safe_name(path) and path != MANIFEST


def _problem(path, message: str, fix: str) -> DataError:
    return DataError([Problem(str(path), message=message, fix=fix)])


def _os_error(exc: OSError, path) -> DataError:
    """An OSError met while writing ``path``, as one line naming it."""
    message, fix = _WRITE_ERRORS.get(
        exc.errno, (f"cannot be written ({exc.strerror or exc})", "check the folder")
    )
    return _problem(path, message, fix)


def _within(path, folder: Path) -> bool:
    try:
        return Path(path).absolute().is_relative_to(Path(folder).absolute())
    except (TypeError, ValueError):
        return False


_sha256 = sha256


def _write_json(path: Path, data: dict) -> None:
    """Write a small JSON file (created with the user's umask), synced to disk."""
    with path.open("w", encoding="utf-8") as f:
        f.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        f.flush()
        os.fsync(f.fileno())


# ------------------------------------------------------------------- locks


def _lock(path: Path, *, wait: bool) -> int | None:
    """An exclusive lock on a folder (an open descriptor), or None if another process holds it."""
    fd = os.open(path, os.O_RDONLY)
    if fcntl is None:  # pragma: no cover
        return fd
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
    except BlockingIOError:
        os.close(fd)
        return None
    except BaseException:
        os.close(fd)
        raise
    return fd


@contextmanager
def _locked(folder: Path):
    fd = _lock(folder, wait=True)
    try:
        yield
    finally:
        os.close(fd)


class _Held:
    """SIGINT, SIGTERM and SIGHUP held during the moves: those received, the handlers before."""

    def __init__(self) -> None:
        self.received: list[int] = []
        self.previous: dict = {}

    def stops(self, index: int) -> BaseException | None:
        """Let the handler from before take signal ``received[index]``: what it raised, if it did.

        A handler that returns (or ignores the signal) lets the run go on; a
        default disposition (the process would end) counts as a stop, and
        :meth:`resend` delivers the signal again once the folder is in order.
        """
        signum = self.received[index]
        handler = self.previous.get(signum, signal.SIG_DFL)
        if handler == signal.SIG_IGN:
            return None
        if not callable(handler):
            return _Resend(signum)
        try:
            handler(signum, None)
        except BaseException as exc:
            return exc
        return None


class _Resend(BaseException):
    """A signal whose default action (ending the process) waits until the folder is in order."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


@contextmanager
def _signals_held():
    """Hold SIGINT, SIGTERM and SIGHUP (main thread only); yield a :class:`_Held`."""
    held = _Held()
    if threading.current_thread() is not threading.main_thread():
        yield held
        return
    for s in _SIGNALS:
        held.previous[s] = signal.signal(s, lambda signum, frame: held.received.append(signum))
    try:
        yield held
    finally:
        for s, handler in held.previous.items():
            signal.signal(s, handler)


# ------------------------------------------------------------------ folder


def _prepare(out: Path) -> None:
    """Make sure ``out`` is a folder this run can write into; else a one-line DataError."""
    try:
        out.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise _problem(
                out, "is a link that leads back to itself", "fix or remove the link"
            ) from None
    if out.is_symlink() and not out.exists():
        target = str(out.readlink())
        raise _problem(
            out,
            f"is a link to {target!r}, which does not exist",
            "create that folder, remove the link, or choose another --out",
        )
    if out.exists() and not out.is_dir():
        raise _problem(out, "is a file, not a folder", "choose a folder with --out")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        blocker = next((p for p in reversed(out.parents) if p.exists() and not p.is_dir()), out)
        raise _problem(
            out, f"cannot be created: {str(blocker)!r} is a file", "choose another --out"
        ) from None
    except OSError as exc:
        raise _os_error(exc, out) from None
    if not os.access(out, os.W_OK | os.X_OK):
        probe = _os_error(OSError(errno.EACCES, "permission denied"), out)
        with contextlib.suppress(OSError):
            if os.statvfs(out).f_flag & os.ST_RDONLY:
                probe = _os_error(OSError(errno.EROFS, "read-only"), out)
        raise probe


def _recover(folder: Path) -> list[str]:
    """Roll back and remove the staging folders of runs that were killed (unlocked ones).

    Returns what the caller should be told: the staging folders left alone
    because their journal could not be trusted (or read, with earlier files
    in them); the run goes on beside them.
    """
    notes = []
    for stage in sorted(folder.glob(STAGE_PREFIX + "*")):
        if stage.is_symlink() or not stage.is_dir():
            continue
        fd = _lock(stage, wait=False)
        if fd is None:  # a live run
            continue
        try:
            try:
                plan = read_journal(folder, stage)
            except Untrusted as exc:
                notes.append(f"{stage}: a journal that {exc} was not obeyed; check and delete it")
                continue
            except Unreadable as exc:
                if _holds_files(stage / _OLD):
                    notes.append(
                        f"{stage}: {exc}; the earlier files it holds in {_OLD}/ were not put "
                        f"back: move them into {folder} by hand, then delete the folder"
                    )
                    continue
                plan = None  # killed as it wrote the journal: nothing was moved yet
            if plan is not None:
                try:
                    _rollback(folder, stage, plan)
                except OSError as exc:
                    raise _problem(
                        stage,
                        f"holds files of an interrupted run that could not be put back ({exc})",
                        f"move the files in {stage / _OLD} back into {folder} by hand, "
                        "then delete the folder",
                    ) from None
            shutil.rmtree(stage, ignore_errors=True)
        finally:
            os.close(fd)
    return notes


def _holds_files(path: Path) -> bool:
    return path.is_dir() and not path.is_symlink() and any(_files(path))


def _tell(notes: list[str]) -> None:
    collected = NOTES.get()
    for note in notes:
        if collected is not None:
            collected.append(note)
        else:
            warnings.warn(note, RuntimeWarning, stacklevel=4)


# ------------------------------------------------------------------ commit


def _files(root: Path) -> list[str]:
    return sorted(
        p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file() or p.is_symlink()
    )


def _check_targets(folder: Path, stage: Path, new: list[str]) -> None:
    """Every target can take its file: no folder in the way, no file where a folder goes."""
    problems = []
    device = stage.stat().st_dev
    for rel in new:
        dst = folder / rel
        for parent in list(dst.relative_to(folder).parents)[-2::-1]:
            p = folder / parent
            if os.path.lexists(p) and not p.is_dir():
                problems.append(
                    Problem(
                        str(p),
                        message="is a file where the run needs a folder",
                        fix="move or delete that file, or choose another --out",
                    )
                )
                break
        else:
            if dst.is_dir() and not dst.is_symlink():
                problems.append(
                    Problem(
                        str(dst),
                        message="is a folder where the run writes a file",
                        fix="move or delete that folder, or choose another --out",
                    )
                )
            elif dst.parent.exists() and dst.parent.stat().st_dev != device:
                problems.append(
                    Problem(
                        str(dst.parent),
                        message="is on another filesystem than the output folder",
                        fix="choose another --out",
                    )
                )
    if problems:
        raise DataError(problems[:25], more=max(0, len(problems) - 25))


def _stale(folder: Path, new: list[str]) -> list[str]:
    """Files the last run wrote, that this run does not write, unchanged since: to remove."""
    out, new, real = [], set(new), folder.resolve()
    for rel, entry in read_manifest(folder).items():
        p = folder / rel
        if rel in new or p.is_symlink() or not p.is_file() or p.resolve() != real / rel:
            continue  # written now, not a plain file, or reached through a link
        with contextlib.suppress(OSError):
            if p.stat().st_size == entry["bytes"] and _sha256(p) == entry["sha256"]:
                out.append(rel)
    return sorted(out)


def _rollback(folder: Path, stage: Path, plan: dict) -> None:
    """Put back every earlier file; remove the new ones that had no earlier file. Idempotent.

    ``plan`` is a journal that :func:`graph.journal.read_journal` checked (or
    this run's own). A new file is removed only when it is the file this run
    moved there (its SHA-256 is the journal's).
    """
    existed = plan["existed"]  # the new files (keys) and whether each had an earlier one
    for rel in reversed(plan["new"] + plan["stale"]):
        old, new, dst = stage / _OLD / rel, stage / _NEW / rel, folder / rel
        if os.path.lexists(old):
            old.replace(dst)
        elif existed.get(rel) is False and not os.path.lexists(new):
            if is_own(dst, plan["sha256"].get(rel)):
                with contextlib.suppress(FileNotFoundError):
                    dst.unlink()


def _commit(folder: Path, stage: Path) -> None:
    """Move the staged files into ``folder``, all or none (see the module's notes)."""
    new = _files(stage / _NEW)
    _check_targets(folder, stage, new)
    stale = _stale(folder, new)
    plan = {
        "new": new,
        "stale": stale,
        "existed": {rel: os.path.lexists(folder / rel) for rel in new},
        "sha256": _hashes(stage / _NEW, new),
    }
    write_journal(stage, plan)
    made: list[Path] = []
    failure: BaseException | None = None
    with _signals_held() as held:
        try:
            _move(folder, stage, plan, made)
        except OSError as exc:
            failure = _os_error(exc, exc.filename or folder)
        offered = 0
        if failure is None and held.received:  # the handlers from before decide
            failure, offered = held.stops(0), 1
        if failure is not None:
            try:
                _rollback(folder, stage, plan)
            except OSError as exc:
                raise _problem(
                    folder,
                    f"could not be put back as it was ({exc.strerror}: {exc.filename}); "
                    f"the earlier files are in {stage / _OLD}",
                    "the next run into this folder puts them back; or move them back by hand",
                ) from None
            for d in reversed(made):
                with contextlib.suppress(OSError):
                    d.rmdir()
        (stage / _JOURNAL).unlink()  # after a success: the point of no return
        if failure is None:
            _commits[0] += 1
    if isinstance(failure, _Resend):
        # the default action ends the process here, before staged_dir's cleanup: the folder
        # is as it was and the journal gone, so the staging folder goes now
        shutil.rmtree(stage, ignore_errors=True)
        signal.raise_signal(failure.signum)
    if failure is not None:
        raise failure
    for rel in stale:  # folders emptied by the removal of stale files
        for parent in PurePosixPath(rel).parents:
            if str(parent) != ".":
                with contextlib.suppress(OSError):
                    (folder / parent).rmdir()
    if held.received[offered:]:  # a default action may end the process: clean up first
        shutil.rmtree(stage, ignore_errors=True)
    for signum in held.received[offered:]:  # after the point of no return: as if just received
        signal.raise_signal(signum)


def _hashes(root: Path, names: list[str]) -> dict[str, str]:
    """SHA-256 of each new file: from the manifest the run wrote (it hashed them all)."""
    listed = {}
    with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
        listed = {
            e["path"]: e["sha256"]
            for e in json.loads((root / MANIFEST).read_text(encoding="utf-8"))["files"]
        }
    return {rel: listed.get(rel) or sha256(root / rel) for rel in names}


def _move(folder: Path, stage: Path, plan: dict, made: list[Path]) -> None:
    """Move each earlier file aside, then each new file in (folders made are added to ``made``)."""
    for rel in plan["new"] + plan["stale"]:
        dst = folder / rel
        if os.path.lexists(dst):
            (stage / _OLD / rel).parent.mkdir(parents=True, exist_ok=True)
            dst.replace(stage / _OLD / rel)
        if rel in plan["existed"]:  # a new file, not a stale one
            for parent in list(PurePosixPath(rel).parents)[-2::-1]:
                if not (folder / parent).exists():
                    (folder / parent).mkdir()
                    made.append(folder / parent)
            (stage / _NEW / rel).replace(dst)


def _manifest(root: Path, command: str | None) -> dict:
    files = []
    for rel in _files(root):
        p = root / rel
        files.append({"path": rel, "bytes": p.stat().st_size, "sha256": _sha256(p)})
    return {
        "tool": "actor-graph",
        "version": __version__,
        "command": COMMAND.get() or command,
        "files": files,
    }


@contextmanager
def staged_dir(out: str | os.PathLike, *, command: str | None = None):
    """Yield a staging folder inside ``out``; move its files into ``out`` when the block ends.

    Parameters
    ----------
    out : str or path-like
        The output folder (created if missing; a link to a folder is followed).
    command : str, optional
        What wrote the files, recorded in ``manifest.json`` unless the command
        line recorded its own (:data:`COMMAND`).

    Yields
    ------
    pathlib.Path
        An empty folder to write this run's files into.

    Raises
    ------
    graph.errors.DataError
        When ``out`` cannot be written (read-only, full, a dangling link, a
        file or folder in the way): the earlier results are left as they were.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> tmp = tempfile.TemporaryDirectory()
    >>> out = pathlib.Path(tmp.name) / "out"
    >>> with staged_dir(out) as stage:
    ...     _ = (stage / "a.txt").write_text("new")
    >>> try:
    ...     with staged_dir(out) as stage:
    ...         _ = (stage / "a.txt").write_text("half")
    ...         raise RuntimeError("stop")
    ... except RuntimeError:
    ...     pass
    >>> (out / "a.txt").read_text(), sorted(p.name for p in out.iterdir())
    ('new', ['a.txt', 'manifest.json'])
    >>> tmp.cleanup()
    """
    folder = Path(out)
    _prepare(folder)
    try:
        with _locked(folder):
            notes = _recover(folder)
            stage = Path(tempfile.mkdtemp(prefix=STAGE_PREFIX, dir=folder))
            fd = _lock(stage, wait=False)
    except OSError as exc:
        raise _os_error(exc, folder) from None
    _tell(notes)
    try:
        (stage / _NEW).mkdir()
        try:
            yield stage / _NEW
            manifest = _manifest(stage / _NEW, command)
            _write_json(stage / _NEW / MANIFEST, manifest)
        except OSError as exc:
            inside = exc.filename is None or _within(exc.filename, folder)
            if exc.errno in _WRITE_ERRORS and inside:
                raise _os_error(exc, folder) from None
            raise
        with _locked(folder):
            _commit(folder, stage)
    finally:
        # a signal now would stop the removal half way: held until the staging folder is gone
        with _signals_held() as held:
            os.close(fd)
            if not (stage / _JOURNAL).exists():  # else: a rollback failed; the next run retries
                shutil.rmtree(stage, ignore_errors=True)
        for signum in held.received:  # as if it came just after
            signal.raise_signal(signum)
