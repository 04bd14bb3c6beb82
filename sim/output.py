"""The one writer of every file ``sim`` makes: charts, exports, scenarios, frames, pages.

A file is written whole or not at all. Its bytes go to a temporary file beside the
target, with a name no other run can pick; the file is flushed to the disk
(``fsync``), then moved into place in one step. Without ``force`` the move is a
hard link, which the operating system refuses if the target appeared meanwhile, so
two runs writing one file never overwrite each other. Whatever goes wrong, an
error of the disk, an exception or an interrupt (Ctrl-C, or SIGTERM, which the
command line turns into one), the temporary file is removed and the target is as
it was.

Refused, before any work: an empty path, a folder that does not exist, a target
that is a folder, a device, a pipe or a link to one, and an existing file without
``force``. A link to a regular file is followed: the file it points to is
replaced, the link kept. Every error of the disk becomes one
:class:`~sim.errors.OutputError` line naming the file and the reason.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> write_atomic(folder / "a.txt", "hello").read_text()
'hello'
>>> write_atomic(folder / "a.txt", "again")
Traceback (most recent call last):
...
sim.errors.OutputExistsError: ...a.txt exists
>>> sorted(p.name for p in folder.iterdir())
['a.txt']
"""

from __future__ import annotations

import errno
import os
import queue
import stat
import tempfile
import threading
from collections.abc import Iterable, Mapping
from pathlib import Path

from .errors import InputError, OutputError, OutputExistsError

__all__ = ["check_writable", "reason", "stdout_failed", "write_atomic", "write_files"]

#: What the disk said, in words, by errno.
_REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EFBIG: "the file is larger than this file system allows",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EROFS: "the file system is read-only",
    errno.ENOENT: "the folder does not exist",
    errno.ENOTDIR: "a part of the path is not a folder",
    errno.EISDIR: "it is a folder",
    errno.ENAMETOOLONG: "the name is too long",
    errno.EIO: "input/output error (the disk failed)",
}


def reason(exc: OSError) -> str:
    """An OS error in a few words.

    >>> reason(OSError(28, "No space left on device"))
    'the disk is full'
    """
    return _REASONS.get(exc.errno or 0) or (exc.strerror or str(exc)).lower()


def stdout_failed(exc: OSError) -> OutputError | None:
    """What to report after writing standard output failed with ``exc``: None for a closed
    pipe (its reader is gone: nothing to say), else the error. Standard output is pointed
    at nothing first, so that the interpreter's last flush can't fail again."""
    import sys

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    if exc.errno == errno.EPIPE:
        return None
    return OutputError(f"cannot write to standard output: {reason(exc)}")


def _refused(path: Path, why: str) -> OutputError:
    return OutputError(f"cannot write {path}: {why}")


def check_writable(path: str | Path, *, force: bool = False, key: str = "output") -> Path:
    """The file to write for ``path`` (a link's target), or an error saying why it can't be.

    Refuses an empty path (an :class:`~sim.errors.InputError` at ``key``), a missing
    folder, a folder, a device or a pipe in the way (:class:`~sim.errors.OutputError`)
    and an existing file unless ``force`` (:class:`~sim.errors.OutputExistsError`).
    Commands call it before slow work, so that they fail first.
    """
    if not str(path).strip():
        raise InputError("is empty: name the file to write", key=key)
    given = Path(path)
    target = Path(os.path.realpath(given)) if given.is_symlink() else given
    try:
        info = target.stat()
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise _refused(given, reason(exc)) from None
    if info is not None:
        if stat.S_ISDIR(info.st_mode):
            raise _refused(given, "it is a folder")
        if not stat.S_ISREG(info.st_mode):
            raise _refused(given, "it is not a regular file (a device, a pipe or a socket)")
        if not force:
            raise OutputExistsError(given)
    parent = target.parent
    if not parent.is_dir():
        what = "is not a folder" if parent.exists() else "does not exist"
        raise _refused(given, f"folder {parent} {what}")
    return target


def _mode(target: Path) -> int:
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _stage(target: Path, raw: bytes | Iterable[str]) -> str:
    """Write ``raw`` (bytes, or text in chunks) to a new temporary file beside ``target``;
    return its path."""
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            if isinstance(raw, bytes):
                handle.write(raw)
            else:
                _write_chunks(handle, raw)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, _mode(target))
    except BaseException:
        _remove(tmp)
        raise
    return tmp


def _write_chunks(handle, chunks: Iterable[str]) -> None:
    """Write text ``chunks`` as UTF-8 to ``handle``, a thread writing each chunk while
    the next is made (the disk's time and the making's overlap)."""
    pending: queue.Queue = queue.Queue(maxsize=2)
    failed: list[BaseException] = []

    def writer() -> None:
        while (data := pending.get()) is not None:
            if not failed:
                try:
                    handle.write(data)
                except BaseException as exc:  # handed to the making thread, raised there
                    failed.append(exc)

    thread = threading.Thread(target=writer, name="sim-write", daemon=True)
    thread.start()
    try:
        for chunk in chunks:
            if failed:
                break
            pending.put(chunk.encode("utf-8"))
    finally:
        pending.put(None)
        thread.join()
    if failed:
        raise failed[0]


def _place(tmp: str, target: Path, given: Path, force: bool) -> None:
    """Move the staged file into place: a replace with ``force``, else a link that fails
    if the target exists."""
    if force:
        os.replace(tmp, target)
        return
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise OutputExistsError(given) from None
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK):
            raise
        if target.exists():  # a file system without hard links: check, then replace
            raise OutputExistsError(given) from None
        os.replace(tmp, target)
    _remove(tmp)


def _remove(tmp: str) -> None:
    try:
        os.unlink(tmp)
    except FileNotFoundError:
        pass


def _sync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_atomic(path: str | Path, data: str | bytes | Iterable[str], *, force: bool = False,
                 key: str = "output") -> Path:
    """Write ``data`` (text is UTF-8; an iterable of text is written chunk by chunk, a
    large export streamed) to ``path`` whole or not at all; refuse to overwrite unless
    ``force``. Returns the path written (``path`` as given)."""
    target = check_writable(path, force=force, key=key)
    given = Path(path)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    tmp = None
    try:
        tmp = _stage(target, raw)
        _place(tmp, target, given, force)
    except OSError as exc:
        raise _refused(given, reason(exc)) from None
    finally:
        if tmp is not None:
            _remove(tmp)
    _sync_folder(target.parent)
    return given


def write_files(folder: str | Path, content: Mapping[str, str | bytes | Iterable[str]], *,
                force: bool = False, key: str = "output") -> list[Path]:
    """Write several files into ``folder`` all or nothing (a CSV export's two files).

    The folder is made if it is missing (and removed again if the writing fails).
    Every target is checked first, then every file is staged, then all are moved
    into place.
    """
    given = Path(folder)
    if not str(folder).strip():
        raise InputError("is empty: name the folder to write", key=key)
    root = Path(os.path.realpath(given)) if given.is_symlink() else given
    if root.exists() and not root.is_dir():
        raise _refused(given, "it is a file, and this format needs a folder")
    if not root.parent.is_dir():
        raise _refused(given, f"folder {root.parent} does not exist")
    made = False
    if not root.exists():
        try:
            root.mkdir()
            made = True
        except FileExistsError:  # another run made it meanwhile
            pass
        except OSError as exc:
            raise _refused(given, reason(exc)) from None
    targets = {name: root / name for name in content}
    if not made:
        for name, target in targets.items():
            check_writable(target, force=force, key=key)
    staged: dict[str, str] = {}
    placed: list[Path] = []
    try:
        for name, text in content.items():
            raw = text.encode("utf-8") if isinstance(text, str) else text
            staged[name] = _stage(targets[name], raw)
        for name, tmp in staged.items():
            _place(tmp, targets[name], given / name, force)
            placed.append(targets[name])
    except BaseException as exc:
        for tmp in staged.values():
            _remove(tmp)
        if made:
            for target in placed:
                _remove(str(target))
            try:
                root.rmdir()
            except OSError:
                pass
        if isinstance(exc, OSError):
            raise _refused(given, reason(exc)) from None
        raise
    _sync_folder(root)
    return [given / name for name in content]
