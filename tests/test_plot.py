"""Charts: the plot functions' shape (data first, ax=None, (fig, ax)), files written once
and atomically, the same bytes for the same question, and the command's --chart."""

from __future__ import annotations

import subprocess
import sys

import pytest
from typer.testing import CliRunner

import sim
from sim.cli import app

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args))


@pytest.fixture(scope="module")
def s():
    return sim.load("syria-2024-12-06")


def _modules_after(statement: str) -> set[str]:
    code = f"import sys; {statement}; print(' '.join(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def test_matplotlib_is_imported_only_to_draw():
    assert "matplotlib" not in _modules_after("import sim.plot")
    assert "matplotlib" in _modules_after("import sim.plot._draw")


def test_plot_returns_fig_and_ax_and_draws_on_a_given_axis(s, tmp_path):
    from matplotlib.figure import Figure

    r = sim.what_if(s, fall=["homs"])
    fig = Figure()
    ax = fig.add_subplot()
    got_fig, got_ax = sim.plot.what_if(r, ax=ax)
    assert got_fig is fig and got_ax is ax
    assert ax.get_title(loc="left").startswith("If Homs falls")
    fig2, ax2 = sim.plot.scenario(s, filepath=tmp_path / "s.png")
    assert (tmp_path / "s.png").stat().st_size > 10_000
    with pytest.raises(sim.OutputExistsError):
        sim.plot.scenario(s, filepath=tmp_path / "s.png")
    with pytest.raises(sim.InputError):
        sim.plot.scenario(s, filepath=tmp_path / "s.jpg")


def test_chart_is_written_once_and_not_overwritten(tmp_path):
    out = tmp_path / "homs.png"
    r = run("what-if", "--fall", "homs", "--chart", str(out))
    assert r.exit_code == 0, r.output
    data = out.read_bytes()
    assert data.startswith(b"\x89PNG") and len(data) > 50_000
    r2 = run("what-if", "--fall", "homs", "--chart", str(out))
    assert r2.exit_code != 0 and "--force" in r2.stderr
    assert out.read_bytes() == data
    assert run("what-if", "--fall", "homs", "--chart", str(out), "--force").exit_code == 0
    assert out.read_bytes() == data  # the same question draws the same bytes
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_show_draws_a_scenario_map(tmp_path):
    out = tmp_path / "sdf.png"
    r = run("show", "syria-2024-11-26", "--faction", "sdf", "--chart", str(out))
    assert r.exit_code == 0, r.output
    assert out.read_bytes().startswith(b"\x89PNG")
    assert run("show", "--chart", str(out)).exit_code != 0  # exists, no --force


def test_chart_in_a_missing_folder_is_refused(tmp_path):
    r = run("what-if", "--fall", "homs", "--chart", str(tmp_path / "nope" / "x.png"))
    assert r.exit_code != 0
    assert "does not exist" in r.stderr
    assert "Traceback" not in r.output


def test_basemap_is_read_once(s):
    from sim import io

    assert io.load_basemap(s.theatre) is io.load_basemap(s.theatre)
