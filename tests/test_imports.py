"""Importing the library and its analyses must not pull in matplotlib (or scipy)."""

from __future__ import annotations

import subprocess
import sys


def _modules_after(statement: str) -> set[str]:
    code = f"import sys; {statement}; print(' '.join(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def test_import_sim_and_analysis_does_not_import_matplotlib():
    mods = _modules_after("import sim, sim.analysis, sim.report, sim.io, sim.cli")
    assert "sim.analysis" in mods
    assert not any(m == "matplotlib" or m.startswith("matplotlib.") for m in mods)
    assert not any(m == "scipy" or m.startswith("scipy.") for m in mods)


def test_the_command_line_starts_without_numpy_formats_or_ingest():
    mods = _modules_after("import sim.cli")
    assert not {"numpy", "scipy", "matplotlib", "sim.formats", "sim.ingest"} & mods
