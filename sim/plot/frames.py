"""A campaign as pictures: a map a day, an animated GIF, a flip-book PDF.

Each frame is the neutral "who holds what" map of one day of a timeline
(:func:`sim.timeline`): the date large at the top, the places that changed
hands that day highlighted, and the day's verdict as the caption. The GIF
shows the frames in date order and pauses on the last; the PDF is a handout
with a page a day.
"""

from __future__ import annotations

import io as _bytes_io
from collections.abc import Sequence

from ..analysis.timeline import Day
from ..report.timeline import day_verdict
from ..report.words import date_words

#: How long a GIF shows each day, and the last one (milliseconds).
FRAME_MS = 1600
LAST_FRAME_MS = 6000


def changed_places(day: Day) -> list[str]:
    """The places whose holder or status the day's changes of hands changed."""
    before, after = day.control_before, day.control
    out = []
    for event in day.events:
        b, a = before.holdings.get(event.place), after.holdings.get(event.place)
        moved = (b.faction, b.status) != (a.faction, a.status) if b and a else b is not a
        if moved and event.place not in out:
            out.append(event.place)
    return out


def draw_day(answer, day: Day, *, preset: str = "screen", labels: str | None = None):
    """One frame: the holdings map of ``day`` (a :class:`~sim.analysis.timeline.Day` of
    the timeline ``answer``) under the date, large, and the day's verdict; the
    places whose holder or status changed that day ringed. Returns ``(fig, ax)``."""
    from ._draw import _options, compose
    from .plan import neutral_plan

    scen = answer.scenario
    pr, level = _options(preset, labels)
    plan = neutral_plan(scen, day.control, changed_places(day))
    fig, axes = compose(scen, [plan], [""], pr=pr, level=level,
                        fig_title=date_words(day.date), summary=day_verdict(scen, day),
                        title_kind="date")
    return fig, axes[0]


def _pngs(answer, days: Sequence[Day], preset: str, labels: str | None,
          dpi: int | None) -> list[bytes]:
    from ._draw import figure_bytes

    out = []
    for day in days:
        fig, _ = draw_day(answer, day, preset=preset, labels=labels)
        if dpi:
            fig.set_dpi(dpi)
        out.append(figure_bytes(fig, "png"))
    return out


def frame_names(answer) -> list[str]:
    """The file name of each day's frame: ``2024-12-08.png``."""
    return [f"{d.date}.png" for d in answer.value.days]


def frame_files(answer, *, preset: str = "screen", labels: str | None = None,
                dpi: int | None = None) -> dict[str, bytes]:
    """Every day of the timeline ``answer`` as a PNG, by file name (``2024-12-08.png``)."""
    days = answer.value.days
    return dict(zip(frame_names(answer), _pngs(answer, days, preset, labels, dpi)))


def gif_bytes(answer=None, *, preset: str = "screen", labels: str | None = None,
              dpi: int | None = None, pngs: Sequence[bytes] | None = None) -> bytes:
    """The timeline ``answer`` as an animated GIF: a frame a day, the last held longer
    (``pngs``: the frames already drawn, in date order)."""
    from PIL import Image

    if pngs is None:
        pngs = _pngs(answer, answer.value.days, preset, labels, dpi)
    frames = [Image.open(_bytes_io.BytesIO(raw)).convert("RGB") for raw in pngs]
    if not frames:
        raise ValueError("a timeline without days has no frames")
    palette = [f.quantize(colors=255, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
               for f in frames]
    durations = [FRAME_MS] * (len(frames) - 1) + [LAST_FRAME_MS]
    buf = _bytes_io.BytesIO()
    palette[0].save(buf, format="GIF", save_all=True, append_images=palette[1:],
                    duration=durations, loop=0, optimize=False, disposal=1)
    return buf.getvalue()


def pdf_bytes(answer, *, labels: str | None = None) -> bytes:
    """The timeline ``answer`` as a flip-book handout: an A4 page a day."""
    from matplotlib.backends.backend_pdf import PdfPages

    buf = _bytes_io.BytesIO()
    with PdfPages(buf, metadata={"CreationDate": None, "Creator": "sim"}) as pdf:
        for day in answer.value.days:
            fig, _ = draw_day(answer, day, preset="handout", labels=labels)
            pdf.savefig(fig)
    return buf.getvalue()
