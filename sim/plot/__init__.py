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


def day_frame(answer, date: str, *, preset: str = "screen", labels: str | None = None):
    """The map of one day (YYYY-MM-DD) of a timeline (an answer of :func:`sim.timeline`):
    who holds what, the date large, the day's changes highlighted, its verdict as
    the caption. Returns ``(fig, ax)``."""
    from .frames import draw_day

    return draw_day(answer, answer.value.day(date), preset=preset, labels=labels)


def check_animation(filepath: str | Path, suffix: str, key: str, *, force: bool = False) -> Path:
    """Refuse an animation (``.gif``) or flip-book (``.pdf``) file that can't be written."""
    from .. import output
    from ..errors import InputError

    if Path(filepath).suffix.lower() != suffix:
        raise InputError(f"must end in {suffix}, got {Path(filepath).name!r}", key=key)
    return output.check_writable(filepath, force=force, key=key)


def check_frames(answer, folder: str | Path, *, force: bool = False) -> None:
    """Refuse, before any drawing, a frames folder that can't be written: a file in its
    place, a missing parent, or a frame already there (without ``force``)."""
    from .. import output
    from ..errors import OutputError
    from .frames import frame_names

    root = Path(folder)
    if root.is_dir():
        for name in frame_names(answer):
            output.check_writable(root / name, force=force, key="frames")
    elif root.exists():
        raise OutputError(f"cannot write {folder}: it is a file, and the frames need a folder")
    elif not root.parent.is_dir():
        raise OutputError(f"cannot write {folder}: folder {root.parent} does not exist")


def timeline_pictures(answer, *, gif: str | Path | None = None, frames: str | Path | None = None,
                      pdf: str | Path | None = None, preset: str = "screen",
                      labels: str | None = None, dpi: int | None = None,
                      force: bool = False) -> list[Path]:
    """Draw a timeline (an answer of :func:`sim.timeline`) as an animated GIF (a frame a
    day, a pause on the last), a folder of PNGs (one a day: ``2024-12-08.png``) and a
    flip-book PDF (an A4 page a day), whichever are given; every target is checked
    before any drawing, each file written whole or not at all. Returns the paths."""
    from .. import output
    from .frames import frame_files, gif_bytes, pdf_bytes

    check_style(preset, labels, dpi)
    if gif is not None:
        check_animation(gif, ".gif", "gif", force=force)
    if pdf is not None:
        check_animation(pdf, ".pdf", "pdf", force=force)
    if frames is not None:
        check_frames(answer, frames, force=force)
    written = []
    if gif is not None or frames is not None:
        pngs = frame_files(answer, preset=preset, labels=labels, dpi=dpi)
        if gif is not None:
            written.append(output.write_atomic(gif, gif_bytes(pngs=list(pngs.values())),
                                               force=force, key="gif"))
        if frames is not None:
            written += output.write_files(frames, pngs, force=force, key="frames")
    if pdf is not None:
        written.append(output.write_atomic(pdf, pdf_bytes(answer, labels=labels), force=force,
                                           key="pdf"))
    return written


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


def _saved(fig, path: Path | None, force: bool) -> None:
    if path is not None:
        _write(fig, path, force)


def critical(data, *, faction: str | None = None, by: str = "people", top: int = 10,
             preset="screen", title: str | None = None, ax=None,
             filepath: str | Path | None = None, force: bool = False):
    """A bar chart of the places whose fall alone would cut off the most people
    (``by="people"``) or strongholds (``by="strongholds"``) from the faction's capital,
    the first ``top``; a hatched bar's fall would also cut or end a lifeline, and the
    capital's own fall is given apart, under the bars. ``data``: an answer of
    :func:`sim.critical`, or a scenario (then ``faction``, default: the owner of the
    first lifeline). ``preset``: ``screen``, ``projector`` or ``handout``; ``title``
    replaces the title written from the values. Returns ``(fig, ax)``."""
    from .charts import plot_critical

    path = check_path(filepath, force=force) if filepath is not None else None
    fig, ax = plot_critical(data, faction=faction, by=by, top=top, preset=preset, title=title,
                            ax=ax)
    _saved(fig, path, force)
    return fig, ax


def lifelines(data, *, faction: str | None = None, preset="screen", title: str | None = None,
              ax=None, filepath: str | Path | None = None, force: bool = False):
    """Each lifeline's shortest route (km) day by day over a campaign; where it was first
    cut or lost, its line stops in a cross labelled with the date. ``data``: an answer
    of :func:`sim.timeline`, or a scenario with dated events (then ``faction``).
    Returns ``(fig, ax)``."""
    from .charts import plot_lifelines

    path = check_path(filepath, force=force) if filepath is not None else None
    fig, ax = plot_lifelines(data, faction=faction, preset=preset, title=title, ax=ax)
    _saved(fig, path, force)
    return fig, ax


def campaign(data, *, preset="screen", title: str | None = None, ax=None,
             panels=("places", "people"), filepath: str | Path | None = None,
             force: bool = False):
    """A campaign's control over time: each faction's places held, and the people of its
    main pocket (the pocket holding its capital), date by date, in two panels sharing
    the dates. ``data``: a scenario with dated events, or an answer of
    :func:`sim.timeline`. ``ax``: None, or one axis per panel of ``panels``.
    Returns ``(fig, (ax_places, ax_people))`` (``(fig, ax)`` for one panel)."""
    from .charts import plot_campaign

    path = check_path(filepath, force=force) if filepath is not None else None
    fig, ax = plot_campaign(data, preset=preset, title=title, ax=ax, panels=panels)
    _saved(fig, path, force)
    return fig, ax


__all__ = ["CHART_SUFFIXES", "LABEL_LEVELS", "PRESETS", "Preset", "Style", "campaign",
           "check_animation", "check_frames", "check_path", "check_style", "control_map",
           "critical", "day_frame", "faction_styles", "holdings", "lifelines", "preset", "save",
           "scenario", "timeline_pictures", "to_bytes", "what_if"]
