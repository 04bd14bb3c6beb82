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

from .style import LABEL_LEVELS, PRESETS, Preset, Style, faction_styles, preset

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


def save(fig, filepath: str | Path, *, force: bool = False, dpi: float | None = None) -> Path:
    """Write ``fig`` to ``filepath`` (its suffix gives the format) atomically and
    deterministically, at ``dpi`` (default: the figure's own, which is its
    preset's); an existing file only with ``force``."""
    return _write(fig, check_path(filepath, force=force), force, dpi)


def _write(fig, path: Path, force: bool, dpi: float | None = None) -> Path:
    from .. import output
    from ._draw import figure_bytes

    return output.write_atomic(path, figure_bytes(fig, path.suffix.lower().lstrip("."), dpi),
                               force=force, key="filepath")


def to_bytes(fig, fmt: str = "png", *, dpi: float | None = None) -> bytes:
    """The figure as png, svg or pdf bytes, the same bytes every time."""
    from ._draw import figure_bytes

    return figure_bytes(fig, fmt, dpi)


def _checked(filepath, force: bool, preset_name, labels) -> Path | None:
    """Check the options before drawing anything: the file, the preset, the labels."""
    from .style import check_labels

    path = check_path(filepath, force=force) if filepath is not None else None
    check_labels(labels, preset(preset_name).labels)
    return path


def scenario(scen, *, faction: str | None = None, ax=None, filepath: str | Path | None = None,
             force: bool = False, preset: str | Preset = "screen", labels: str | None = None,
             title: str | None = None):
    """A map of a scenario as ``faction`` sees it (default: the owner of the first
    lifeline): its usable roads, pockets, lifeline routes, chokepoints and cut-off
    strongholds. ``preset``: ``screen``, ``projector`` or ``handout`` (see
    :class:`Preset`); ``labels``: ``all``, ``major`` or ``none`` (default: the
    preset's); ``title`` replaces the scenario's. Returns ``(fig, ax)``."""
    from ..api import default_faction, resolve_faction
    from ._draw import plot_scenario

    path = _checked(filepath, force, preset, labels)
    fac = resolve_faction(scen, faction) if faction else default_faction(scen)
    fig, ax = plot_scenario(scen, fac, ax=ax, title=title, preset=preset, labels=labels)
    if path is not None:
        _write(fig, path, force)
    return fig, ax


def what_if(result, *, ax=None, filepath: str | Path | None = None, force: bool = False,
            preset: str | Preset = "screen", labels: str | None = None,
            title: str | None = None):
    """The map of a what-if (an answer of :func:`sim.what_if`).

    With ``ax=None``: a new figure of two maps, before and after, under the
    verdict; returns ``(fig, (ax_before, ax_after))``. With one axis: the map
    after the events, titled with the verdict; returns ``(fig, ax)``. With a
    pair of axes: before and after on them. ``title`` replaces the verdict;
    ``preset`` and ``labels`` as for :func:`scenario`.
    """
    from ._draw import plot_after, plot_whatif

    path = _checked(filepath, force, preset, labels)
    if ax is None or isinstance(ax, (tuple, list)):
        fig, ax = plot_whatif(result.scenario, result.value, axes=ax, title=title, preset=preset,
                              labels=labels)
    else:
        fig, ax = plot_after(result.scenario, result.value, ax=ax, title=title, preset=preset,
                             labels=labels)
    if path is not None:
        _write(fig, path, force)
    return fig, ax


def check_style(preset: str = "screen", labels: str | None = None,
                dpi: int | None = None) -> None:
    """Refuse an unknown preset or labels level, or a dpi below 1, before slow work."""
    from ..errors import InputError
    from .style import check_labels
    from .style import preset as lookup

    lookup(preset)
    check_labels(labels)
    if dpi is not None and dpi < 1:
        raise InputError(f"must be at least 1, got {dpi}", key="dpi")


def day_frame(answer, date: str, *, preset: str = "screen", labels: str = "major"):
    """The map of one day (YYYY-MM-DD) of a timeline (an answer of :func:`sim.timeline`):
    who holds what, the date large, the day's changes highlighted, its verdict as
    the caption. Returns ``(fig, ax)``."""
    from .frames import draw_day

    return draw_day(answer, answer.value.day(date), preset=preset, labels=labels)


def timeline_gif(answer, filepath: str | Path, *, preset: str = "screen", labels: str = "major",
                 dpi: int | None = None, force: bool = False) -> Path:
    """Write a timeline as an animated GIF: a frame a day, a pause on the last."""
    from .. import output
    from ..errors import InputError
    from .frames import gif_bytes

    if Path(filepath).suffix.lower() != ".gif":
        raise InputError(f"an animation must end in .gif, got {Path(filepath).name!r}",
                         key="gif")
    output.check_writable(filepath, force=force, key="gif")
    return output.write_atomic(filepath, gif_bytes(answer, preset=preset, labels=labels, dpi=dpi),
                               force=force, key="gif")


def timeline_frames(answer, folder: str | Path, *, preset: str = "screen",
                    labels: str = "major", dpi: int | None = None,
                    force: bool = False) -> list[Path]:
    """Write a timeline as one PNG a day (``2024-12-08.png``) into ``folder`` (made if
    missing); all or nothing, no existing frame overwritten without ``force``."""
    from .. import output
    from .frames import frame_files

    return output.write_files(folder, frame_files(answer, preset=preset, labels=labels, dpi=dpi),
                              force=force, key="frames")


def timeline_pdf(answer, filepath: str | Path, *, labels: str = "major",
                 force: bool = False) -> Path:
    """Write a timeline as a flip-book handout: an A4 PDF, a page a day."""
    from .. import output
    from ..errors import InputError
    from .frames import pdf_bytes

    if Path(filepath).suffix.lower() != ".pdf":
        raise InputError(f"a flip-book must end in .pdf, got {Path(filepath).name!r}", key="pdf")
    output.check_writable(filepath, force=force, key="pdf")
    return output.write_atomic(filepath, pdf_bytes(answer, labels=labels), force=force,
                               key="pdf")


def control_map(scen, control, faction, *, ax=None, title: str = "", mark=(),
                routes: bool = True, legend: bool = True, preset: str | Preset = "screen",
                labels: str | None = None):
    """``faction``'s view (a :class:`~sim.control.Faction`) of the map under any
    ``control``: usable roads solid, others dashed, places by holder (colour and
    shape), cut-off strongholds ringed, chokepoints in diamonds, ``mark`` starred.
    Returns ``(fig, ax)``."""
    from ._draw import plot_map

    return plot_map(scen, control, faction, ax=ax, title=title, mark=mark, routes=routes,
                    legend=legend, preset=preset, labels=labels)


def holdings(scen, control=None, *, preset: str | Preset = "screen", labels: str | None = None,
             title: str | None = None, mark=(), ax=None, filepath: str | Path | None = None,
             force: bool = False):
    """Who holds what, from no one's point of view: the map of ``control`` (default:
    the scenario's own) with every road drawn alike by its class, each place in
    its holder's colour and shape, contested places in dashed rings, cut roads
    crossed, each faction's capital marked, and the places in ``mark`` (say, what
    changed that day) in a thick ring. ``title`` defaults to the scenario's title
    and date. Returns ``(fig, ax)``.

    >>> import sim
    >>> s = sim.load("syria-2024-12-06")
    >>> fig, ax = sim.plot.holdings(s, mark=["homs"], labels="none")
    >>> ax.get_title(loc="left")
    'Syria on 6 December 2024 (2024-12-06)'
    """
    from ._draw import plot_holdings

    path = _checked(filepath, force, preset, labels)
    if mark:
        mark = [scen.theatre.place(m).id for m in mark]
    fig, ax = plot_holdings(scen, control, ax=ax, title=title, mark=mark, preset=preset,
                            labels=labels)
    if path is not None:
        _write(fig, path, force)
    return fig, ax


__all__ = ["CHART_SUFFIXES", "LABEL_LEVELS", "PRESETS", "Preset", "Style", "check_path",
           "check_style", "control_map", "day_frame", "faction_styles", "holdings", "preset",
           "save", "scenario", "timeline_frames", "timeline_gif", "timeline_pdf", "to_bytes",
           "what_if"]
