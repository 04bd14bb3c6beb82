"""The one output writer, and the command's end: interrupts, closed pipes, full disks."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from sim import output
from sim.errors import InputError, OutputError, OutputExistsError

ROOT = Path(__file__).resolve().parent.parent
SIM = [sys.executable, "-m", "sim"]


def _files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_writes_whole_and_refuses_to_overwrite(tmp_path):
    target = tmp_path / "a.txt"
    assert output.write_atomic(target, "one") == target
    with pytest.raises(OutputExistsError):
        output.write_atomic(target, "two")
    output.write_atomic(target, b"three", force=True)
    assert target.read_text() == "three" and _files(tmp_path) == ["a.txt"]


def test_keeps_the_mode_of_the_file_it_replaces(tmp_path):
    target = tmp_path / "a.txt"
    target.write_text("x")
    target.chmod(0o600)
    output.write_atomic(target, "y", force=True)
    assert target.stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize("make, why", [
    (lambda p: p.mkdir(), "it is a folder"),
    (lambda p: os.mkfifo(p), "not a regular file"),
    (lambda p: (p.with_name("real").mkdir(), p.symlink_to("real")), "it is a folder"),
    (lambda p: (os.mkfifo(p.with_name("pipe")), p.symlink_to("pipe")), "not a regular file"),
])
def test_refuses_folders_devices_and_links_to_them_even_with_force(tmp_path, make, why):
    target = tmp_path / "out"
    make(target)
    before = _files(tmp_path)
    with pytest.raises(OutputError, match=why):
        output.write_atomic(target, "x", force=True)
    assert _files(tmp_path) == before


def test_a_device_is_never_replaced():
    with pytest.raises(OutputError, match="not a regular file"):
        output.check_writable("/dev/null", force=True)


def test_follows_a_link_to_a_file_and_keeps_the_link(tmp_path):
    (tmp_path / "real.txt").write_text("old")
    (tmp_path / "link.txt").symlink_to("real.txt")
    output.write_atomic(tmp_path / "link.txt", "new", force=True)
    assert (tmp_path / "link.txt").is_symlink() and (tmp_path / "real.txt").read_text() == "new"


def test_an_empty_path_and_a_missing_folder_are_refused(tmp_path):
    with pytest.raises(InputError, match="is empty"):
        output.write_atomic("", "x")
    with pytest.raises(OutputError, match="does not exist"):
        output.write_atomic(tmp_path / "no" / "x.txt", "x")


@pytest.mark.parametrize("code, words", [(errno.ENOSPC, "the disk is full"),
                                         (errno.EACCES, "permission denied"),
                                         (errno.EROFS, "read-only"), (errno.EIO, "input/output")])
def test_a_failing_disk_is_one_clear_error_and_leaves_nothing(tmp_path, monkeypatch, code, words):
    real_write = os.write

    def failing_fsync(fd):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "fsync", failing_fsync)
    with pytest.raises(OutputError, match=words):
        output.write_atomic(tmp_path / "a.txt", "x" * 100_000)
    with pytest.raises(OutputError, match=words):
        output.write_files(tmp_path / "csv", {"places.csv": "a", "roads.csv": "b"})
    assert _files(tmp_path) == [] and os.write is real_write


def test_files_of_a_folder_are_written_all_or_nothing(tmp_path, monkeypatch):
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "roads.csv").write_text("keep")
    with pytest.raises(OutputExistsError):
        output.write_files(tmp_path / "out", {"places.csv": "p", "roads.csv": "r"})
    assert _files(tmp_path / "out") == ["roads.csv"]
    real = output._place
    calls = []

    def second_fails(tmp, target, given, force):
        calls.append(target)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "full")
        real(tmp, target, given, force)

    monkeypatch.setattr(output, "_place", second_fails)
    with pytest.raises(OutputError, match="the disk is full"):
        output.write_files(tmp_path / "new", {"places.csv": "p", "roads.csv": "r"})
    assert not (tmp_path / "new").exists()  # the folder it made is gone again


def test_two_writers_of_one_folder_never_collide(tmp_path):
    errors = []

    def export(n):
        try:
            output.write_files(tmp_path / "out", {"places.csv": f"p{n}", "roads.csv": f"r{n}"},
                               force=True)
        except OutputError as exc:  # pragma: no cover - a collision would land here
            errors.append(exc)

    threads = [threading.Thread(target=export, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and _files(tmp_path / "out") == ["places.csv", "roads.csv"]


def test_without_force_a_file_that_appears_meanwhile_is_kept(tmp_path, monkeypatch):
    target = tmp_path / "a.txt"
    real = output._stage

    def racing(t, raw):
        target.write_text("theirs")  # another run writes the file after the check
        return real(t, raw)

    monkeypatch.setattr(output, "_stage", racing)
    with pytest.raises(OutputExistsError):
        output.write_atomic(target, "mine")
    assert target.read_text() == "theirs" and _files(tmp_path) == ["a.txt"]


def test_an_interrupt_while_writing_leaves_no_temporary_file(tmp_path, monkeypatch):
    def interrupted(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        output.write_atomic(tmp_path / "a.geojson", "x")
    assert _files(tmp_path) == []


# ---------------------------------------------------------------- the command's end

def _sim(*args, **kw):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([*SIM, *args], capture_output=True, text=True, env=env, cwd=ROOT,
                          timeout=120, **kw)


def test_stdout_on_a_full_disk_is_one_line_and_exit_3():
    with open("/dev/full", "w") as full:
        r = subprocess.run([*SIM, "places"], stdout=full, stderr=subprocess.PIPE, text=True,
                           env={**os.environ, "PYTHONPATH": str(ROOT)}, cwd=ROOT, timeout=120)
    assert r.returncode == 3
    assert r.stderr == "error: cannot write to standard output: the disk is full\n"


def test_a_closed_pipe_ends_quietly_with_exit_3():
    p = subprocess.Popen([*SIM, "places"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         env={**os.environ, "PYTHONPATH": str(ROOT)}, cwd=ROOT)
    p.stdout.close()
    assert p.wait(timeout=120) == 3
    assert p.stderr.read() == b""


def test_an_interrupt_during_start_up_is_exit_130_without_traceback(monkeypatch, capsys):
    import builtins

    import sim.__main__ as entry

    real_import = builtins.__import__

    def interrupted(name, *args, **kwargs):
        if name == "cli" or name.endswith("sim.cli"):
            raise KeyboardInterrupt
        return real_import(name, *args, **kwargs)

    monkeypatch.setitem(sys.modules, "sim.cli", None)  # force the import to run again
    del sys.modules["sim.cli"]
    monkeypatch.setattr(builtins, "__import__", interrupted)
    with pytest.raises(SystemExit) as done:
        entry.main()
    assert done.value.code == 130
    assert "Traceback" not in capsys.readouterr().err


def _wait_for_main(p: subprocess.Popen) -> None:
    """Wait until the process runs sim's own code: its SIGTERM handler is installed (the
    interpreter's own start-up, before any code of sim runs, is no program's to handle)."""
    status = Path(f"/proc/{p.pid}/status")
    for _ in range(2000):
        caught = next((line.split()[1] for line in status.read_text().splitlines()
                       if line.startswith("SigCgt:")), "0")
        if int(caught, 16) & (1 << (signal.SIGTERM - 1)):
            return
        time.sleep(0.005)
    raise AssertionError("sim never started")


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_while_a_chart_is_drawn_leaves_no_file(tmp_path, sig):
    """The chart is drawn (slow: seconds) and then written; a signal at any moment ends
    the run with 130 and leaves the folder as it was."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for delay in (0.0, 0.5, 1.5):
        p = subprocess.Popen([*SIM, "what-if", "--fall", "homs", "--chart",
                              str(tmp_path / "c.png")], stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, env=env, cwd=ROOT)
        _wait_for_main(p)
        time.sleep(delay)
        p.send_signal(sig)
        code = p.wait(timeout=120)
        err = p.stderr.read().decode()
        assert "Traceback" not in err
        assert code in (0, 130), err
        left = _files(tmp_path)
        assert left in ([], ["c.png"]) and (code == 0) == (left == ["c.png"]), (code, left)
        for name in left:
            (tmp_path / name).unlink()
