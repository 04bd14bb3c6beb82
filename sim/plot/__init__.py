"""Charts: maps of a faction's roads, pockets and lifelines, before and after events.

Shaped like OSMnx's plot functions: the data first, ``ax=None``, keyword-only
options; each returns ``(fig, ax)``, never calls ``show()``, and writes a
file only when given ``filepath``. matplotlib is imported only when a chart
is drawn, and the base map is read once per process.

>>> import sim
>>> r = sim.what_if(sim.load(), fall=["Hims"])
>>> fig, (before, after) = sim.plot.what_if(r)
>>> after.get_title(loc="left")
'After: Homs falls to the opposition'

In a notebook, draw on your own axis: ``fig, ax = plt.subplots();
sim.plot.what_if(r, ax=ax)`` draws the map after the events, titled with the
verdict.
"""

from __future__ import annotations

from pathlib import Path

from .style import LABEL_LEVELS, PRESETS, Preset, preset

CHART_SUFFIXES = (".png", ".svg", ".pdf")


def check_path(filepath: str | Path, *, force: bool = False) -> Path:
    """Refuse a chart file that can't be written: a suffix other than .png, .svg or
    .pdf, a missing folder, or an existing file without ``force``."""
    from .. import output
    from ..errors import InputError

    path = Path(filepath)
    output.check_writable(filepath, force=force, key="filepath")
    if path.suffix.lower() not in CHART_SUFFIXES:
        raise InputError(f"chart file must end in .png, .svg or .pdf, got {path.name!r}",
                         key="filepath")
    return path


def save(fig, filepath: str | Path, *, force: bool = False) -> Path:
    """Write ``fig`` to ``filepath`` (its suffix gives the format) atomically and
    deterministically; an existing file only with ``force``."""
    return _write(fig, check_path(filepath, force=force), force)


def _write(fig, path: Path, force: bool) -> Path:
    from .. import output
    from ._draw import figure_bytes

    return output.write_atomic(path, figure_bytes(fig, path.suffix.lower().lstrip(".")),
                               force=force, key="filepath")


def to_bytes(fig, fmt: str = "png") -> bytes:
    """The figure as png, svg or pdf bytes, the same bytes every time."""
    from ._draw import figure_bytes

    return figure_bytes(fig, fmt)


def scenario(scen, *, faction: str | None = None, ax=None, filepath: str | Path | None = None,
             force: bool = False):
    """A map of a scenario as ``faction`` sees it (default: the owner of the first
    lifeline): its usable roads, pockets, lifeline routes, chokepoints and cut-off
    strongholds. Returns ``(fig, ax)``."""
    from ..api import default_faction, resolve_faction
    from ._draw import plot_scenario

    path = check_path(filepath, force=force) if filepath is not None else None
    fac = resolve_faction(scen, faction) if faction else default_faction(scen)
    fig, ax = plot_scenario(scen, fac, ax=ax)
    if path is not None:
        _write(fig, path, force)
    return fig, ax


def what_if(result, *, ax=None, filepath: str | Path | None = None, force: bool = False):
    """The map of a what-if (an answer of :func:`sim.what_if`).

    With ``ax=None``: a new figure of two maps, before and after, under the
    verdict; returns ``(fig, (ax_before, ax_after))``. With one axis: the map
    after the events, titled with the verdict; returns ``(fig, ax)``. With a
    pair of axes: before and after on them.
    """
    from ._draw import plot_after, plot_whatif

    path = check_path(filepath, force=force) if filepath is not None else None
    if ax is None or isinstance(ax, (tuple, list)):
        fig, ax = plot_whatif(result.scenario, result.value, axes=ax)
    else:
        fig, ax = plot_after(result.scenario, result.value, ax=ax)
    if path is not None:
        _write(fig, path, force)
    return fig, ax


def control_map(scen, control, faction, *, ax=None, title: str = "", mark=(),
                routes: bool = True, legend: bool = True):
    """``faction``'s view (a :class:`~sim.control.Faction`) of the map under any
    ``control``: usable roads solid, others dashed, places coloured by holder,
    cut-off strongholds ringed, chokepoints as diamonds, ``mark`` starred.
    Returns ``(fig, ax)``."""
    from ._draw import plot_map

    return plot_map(scen, control, faction, ax=ax, title=title, mark=mark, routes=routes,
                    legend=legend)


__all__ = ["CHART_SUFFIXES", "LABEL_LEVELS", "PRESETS", "Preset", "check_path", "control_map",
           "preset", "save", "scenario", "to_bytes", "what_if"]
