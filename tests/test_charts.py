"""The three charts that are not maps: criticality bars, lifelines over a campaign, and a
campaign's control over time.

Each chart returns ``(fig, ax)``, draws on a given axis, writes by suffix only when
given a path, draws the figures its answer holds (read back from the artists), prints
sentences true of them, and keeps every text inside the figure, apart from the
others. Charts render at a low dpi here, to stay fast.
"""

from __future__ import annotations

import dataclasses
import io
import math
import subprocess
import sys

import numpy as np
import pytest

import sim
from sim.analysis.timeline import standings
from sim.plot import series
from sim.plot.style import preset as find_preset
from sim.report import words

CAMPAIGN = """\
[scenario]
id = "test-campaign"
title = "A small test campaign"
date = "2024-12-09"
theatre = "syria"
extends = "syria-2024-11-26"

[[source]]
id = "wire"
title = "Test wire"
outlet = "Test"
date = "2024-11-30"

[[event]]
date = "2024-11-30"
place = "aleppo"
faction = "opposition"
source = "wire"

[[event]]
date = "2024-12-05"
place = "hama"
faction = "opposition"

[[event]]
date = "2024-12-06"
place = "daraa"
faction = "opposition"

[[event]]
date = "2024-12-07"
place = "homs"
faction = "opposition"

[[event]]
date = "2024-12-08"
place = "damascus"
faction = "opposition"
"""

PRESETS = ("screen", "projector", "handout")


def low(name: str, dpi: int = 30):
    """A preset at a low dpi, so that tests render fast."""
    return dataclasses.replace(find_preset(name), dpi=dpi)


@pytest.fixture(scope="module")
def camp(tmp_path_factory):
    path = tmp_path_factory.mktemp("campaign") / "campaign.toml"
    path.write_text(CAMPAIGN, encoding="utf-8")
    return sim.load(str(path))


@pytest.fixture(scope="module")
def s():
    return sim.load("syria-2024-12-06")


def draw(kind: str, s, camp, **kw):
    """One chart of each kind, on the data it takes."""
    if kind == "critical":
        return sim.plot.critical(s, faction="government", **kw)
    if kind == "lifelines":
        return sim.plot.lifelines(camp, **kw)
    return sim.plot.campaign(camp, **kw)


KINDS = ("critical", "lifelines", "campaign")


def texts_of(fig):
    """Every visible, non-empty text of ``fig`` and its box in pixels."""
    from matplotlib.text import Text

    fig.canvas.draw()  # as saving does: legends place their texts when drawn
    r = fig.canvas.get_renderer()
    undrawn = set()  # matplotlib keeps the labels of ticks outside the view, undrawn
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            lo, hi = sorted(axis.get_view_interval())
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                if not lo - 1e-9 <= tick.get_loc() <= hi + 1e-9:
                    undrawn |= {id(tick.label1), id(tick.label2)}
    out = []
    for t in fig.findobj(Text):
        owner = t.axes
        if not t.get_visible() or not t.get_text().strip() or id(t) in undrawn:
            continue
        if owner is not None and not owner.get_visible():
            continue
        out.append((t, Text.get_window_extent(t, r)))  # the text, not an annotation's arrow
    return out


def decoded(data: bytes) -> np.ndarray:
    import matplotlib.image as mpimg

    return mpimg.imread(io.BytesIO(data), format="png")


# ---------------------------------------------------------------- the shape of every chart

def test_importing_the_chart_words_and_series_needs_no_matplotlib():
    code = ("import sys, sim.plot, sim.plot.series, sim.report.charts; "
            "print(any(m.split('.')[0] == 'matplotlib' for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize("kind", KINDS)
def test_each_chart_returns_its_figure_and_axes_and_draws_on_a_given_one(kind, s, camp):
    from matplotlib.figure import Figure

    fig, ax = draw(kind, s, camp, preset=low("screen"))
    assert isinstance(fig, Figure)
    axes = ax if isinstance(ax, tuple) else (ax,)
    assert all(a.figure is fig for a in axes)
    mine = Figure()
    given = tuple(mine.subplots(2, 1)) if kind == "campaign" else mine.add_subplot()
    got_fig, got_ax = draw(kind, s, camp, ax=given, preset=low("screen"))
    assert got_fig is mine and got_ax == given
    for a in (given if isinstance(given, tuple) else (given,)):
        assert a.lines or a.patches


@pytest.mark.parametrize("kind", KINDS)
def test_a_chart_is_written_by_its_suffix_once_and_only_with_force_again(kind, s, camp,
                                                                        tmp_path):
    magic = {".png": b"\x89PNG", ".svg": b"<?xml", ".pdf": b"%PDF"}
    for suffix, head in magic.items():
        path = tmp_path / f"{kind}{suffix}"
        draw(kind, s, camp, preset=low("screen"), filepath=path)
        assert path.read_bytes().startswith(head)
    with pytest.raises(sim.OutputExistsError):
        draw(kind, s, camp, preset=low("screen"), filepath=tmp_path / f"{kind}.png")
    before = (tmp_path / f"{kind}.png").read_bytes()
    draw(kind, s, camp, preset=low("screen"), filepath=tmp_path / f"{kind}.png", force=True)
    assert (tmp_path / f"{kind}.png").read_bytes() == before  # the same bytes again
    with pytest.raises(sim.InputError):
        draw(kind, s, camp, preset=low("screen"), filepath=tmp_path / f"{kind}.jpg")
    assert not (tmp_path / f"{kind}.jpg").exists()


@pytest.mark.parametrize("kind", KINDS)
def test_nothing_is_written_without_a_path(kind, s, camp, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    draw(kind, s, camp, preset=low("screen"))
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("kind", KINDS)
def test_the_png_is_not_blank(kind, s, camp):
    fig, _ = draw(kind, s, camp, preset=low("screen", 40))
    pixels = decoded(sim.plot.to_bytes(fig))[..., :3]
    ink = np.any(pixels < 0.9, axis=-1).mean()
    colours = len(np.unique((pixels * 255).astype(np.uint8).reshape(-1, 3), axis=0))
    assert ink > 0.02 and colours > 20


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("name", PRESETS)
def test_every_text_stays_inside_the_figure_and_clear_of_the_others(kind, name, s, camp):
    fig, _ = draw(kind, s, camp, preset=low(name, 50))
    found = texts_of(fig)
    assert len(found) > 10
    frame = fig.bbox
    for t, box in found:
        assert (box.x0 >= frame.x0 - 0.5 and box.x1 <= frame.x1 + 0.5 and box.y0 >= frame.y0 - 0.5
                and box.y1 <= frame.y1 + 0.5), f"{t.get_text()!r} is clipped"
    clashes = [(a.get_text(), b.get_text())
               for i, (a, ba) in enumerate(found) for b, bb in found[i + 1:]
               if ba.expanded(0.98, 0.9).overlaps(bb.expanded(0.98, 0.9))]
    assert not clashes


@pytest.mark.parametrize("kind", KINDS)
def test_presets_give_the_sizes_they_promise(kind, s, camp):
    sizes = {name: draw(kind, s, camp, preset=low(name, 20))[0].get_size_inches()
             for name in PRESETS}
    assert sizes["projector"][0] / sizes["projector"][1] == pytest.approx(16 / 9)
    assert tuple(sizes["handout"]) == pytest.approx((8.27, 11.69))
    fig, _ = draw(kind, s, camp, preset="screen")
    assert fig.dpi == find_preset("screen").dpi


def _title_size(fig) -> float:
    return max(t.get_fontsize() for t in fig.texts)


def test_the_projector_prints_larger_type_than_the_screen(s):
    screen = _title_size(sim.plot.critical(s, faction="government", preset=low("screen"))[0])
    room = _title_size(sim.plot.critical(s, faction="government", preset=low("projector"))[0])
    assert room >= 1.5 * screen


@pytest.mark.parametrize("kind", ("lifelines", "campaign"))
def test_the_handout_is_black_and_white(kind, s, camp):
    from matplotlib.colors import to_rgb

    fig, ax = draw(kind, s, camp, preset=low("handout"))
    for axis in ax if isinstance(ax, tuple) else (ax,):
        for line in axis.lines:
            r, g, b = to_rgb(line.get_color())
            assert r == g == b, line.get_label()


def test_lines_differ_by_more_than_colour(camp):
    _, ax = sim.plot.lifelines(camp, preset=low("screen"))
    drawn = [ln for ln in ax.lines if not ln.get_label().startswith("_")]
    shapes = {(str(ln.get_linestyle()), str(ln.get_dashes() if hasattr(ln, "get_dashes") else ""),
               ln.get_marker()) for ln in drawn}
    assert len({ln.get_marker() for ln in drawn}) == len(drawn) == len(shapes)
    _, (places, people) = sim.plot.campaign(camp, preset=low("screen"))
    faction_lines = [ln for ln in places.lines if not ln.get_label().startswith("_")]
    assert len({ln.get_marker() for ln in faction_lines}) == len(faction_lines)


def test_unknown_presets_and_scenarios_without_events_are_input_errors(s, camp):
    for kind in KINDS:
        with pytest.raises(sim.InputError, match="unknown preset 'slides'"):
            draw(kind, s, camp, preset="slides")
    for chart in (sim.plot.lifelines, sim.plot.campaign):
        with pytest.raises(sim.InputError) as err:
            chart(s)
        assert "\n" not in str(err.value)
        assert "dated events" in str(err.value)


def test_a_given_title_replaces_the_computed_one(s, camp):
    fig, _ = sim.plot.critical(s, faction="government", title="Which fall hurts most?",
                               preset=low("screen"))
    assert any(t.get_text() == "Which fall hurts most?" for t in fig.texts)
    assert not any("the capital aside:" in t.get_text() for t in fig.texts)


# ---------------------------------------------------------------- critical

def _bars(ax):
    names = [t.get_text() for t in ax.get_yticklabels()]
    widths = [p.get_width() for p in ax.patches]
    return names, widths, list(ax.patches)


@pytest.mark.parametrize("by", series.RANK_BY)
def test_critical_bars_are_in_descending_order_and_are_sim_criticals_figures(by, s):
    answer = sim.critical(s, faction="government")
    fig, ax = sim.plot.critical(answer, by=by, top=4, preset=low("screen"))
    names, widths, _ = _bars(ax)
    assert widths == sorted(widths, reverse=True) and len(widths) == 4
    by_name = {s.theatre.places[e.place].name: e for e in answer.value.places}
    for name, width in zip(names, widths):
        entry = by_name[name]
        want = entry.population / 1e6 if by == "people" else len(entry.strongholds)
        assert width == pytest.approx(want)
    everyone = sorted((e.population if by == "people" else len(e.strongholds))
                      for e in answer.value.places)
    top4 = everyone[::-1][:4]
    assert [round(w * (1e6 if by == "people" else 1)) for w in widths] == top4


def test_critical_labels_give_each_bars_figure_in_the_reports_words(s):
    answer = sim.critical(s, faction="government")
    _, ax = sim.plot.critical(answer, preset=low("screen"))
    labels = [t.get_text() for t in ax.texts]
    first = series.ranked(answer.value, "people")[0]
    assert labels[0].startswith(words.people_figure(first.population, first.unknown))
    assert labels[0].startswith("1.40 million + 7 unknown")
    assert "cuts 1 lifeline, ends 1" in labels[0]  # the coast cut; Damascus - Homs ended


def test_critical_hatches_the_bars_whose_fall_cuts_a_lifeline(s):
    answer = sim.critical(s, faction="government")
    _, ax = sim.plot.critical(answer, preset=low("screen"))
    ranked = series.ranked(answer.value, "people")
    hatched = [bool(p.get_hatch()) for p in ax.patches]
    assert hatched == [bool(e.lifelines) for e in ranked[:len(hatched)]]
    assert any(hatched) and not all(hatched)
    legend = [t.get_text() for leg in ax.figure.legends for t in leg.get_texts()]
    assert any(text.startswith("hatched:") for text in legend)


def test_the_capitals_fall_is_listed_apart_not_ranked(s):
    from sim.report.analyses import capital_fall_words

    answer = sim.critical(s, faction="government")
    fig, ax = sim.plot.critical(answer, top=40, preset=low("screen"))
    names, _, _ = _bars(ax)
    assert "Damascus" not in names
    notes = " ".join(t.get_text().replace("\n", " ") for t in fig.texts)
    assert " ".join(capital_fall_words(s, answer.value).split()) in " ".join(notes.split())


def test_the_critical_title_is_the_top_bars_place_and_figure(s):
    fig, ax = sim.plot.critical(s, faction="government", by="strongholds",
                                preset=low("screen"))
    title = " ".join(fig.texts[0].get_text().split())
    assert title.startswith("Homs is the government place whose fall alone would cut off "
                            "the most strongholds from Damascus, the capital aside: 3 strongholds")
    assert ax.get_yticklabels()[0].get_text() == "Homs"


def test_a_ranking_with_nothing_to_rank_says_so(s):
    fig, ax = sim.plot.critical(sim.load("syria-2024-11-26"), faction="opposition",
                                preset=low("screen"))
    assert not ax.patches and not ax.get_visible()
    assert fig.texts[0].get_text().replace("\n", " ").startswith("No opposition place")


def test_bad_ranking_options_are_input_errors(s):
    with pytest.raises(sim.InputError, match="by must be"):
        sim.plot.critical(s, faction="government", by="size")
    with pytest.raises(sim.InputError, match="top"):
        sim.plot.critical(s, faction="government", top=0)


# ---------------------------------------------------------------- lifelines

def _xs(line) -> list[float]:
    return [x for x, y in zip(line.get_xdata(), line.get_ydata()) if not math.isnan(y)]


def test_each_broken_lifelines_line_ends_on_its_first_cut_date(camp):
    answer = sim.timeline(camp)
    dates = series.timeline_dates(answer.value)
    _, ax = sim.plot.lifelines(answer, preset=low("screen"))
    by_label = {ln.get_label(): ln for ln in ax.lines}
    breaks = answer.value.first_breaks
    assert len(breaks) == 5
    for name, brk in breaks.items():
        cut_at = dates.index(brk.date)
        cross = by_label[f"_cross:{name}"]
        assert list(cross.get_xdata()) == [cut_at]
        assert max(_xs(by_label[name])) == cut_at - 1  # connected the day before
        assert max(by_label[f"_stop:{name}"].get_xdata()) == cut_at
        assert max(max(_xs(ln)) for label, ln in by_label.items()
                   if label.endswith(name) or label == name) == cut_at


def test_lifeline_km_are_the_timelines_routes(camp):
    answer = sim.timeline(camp)
    _, ax = sim.plot.lifelines(answer, preset=low("screen"))
    by_label = {ln.get_label(): ln for ln in ax.lines}
    coast = by_label["Damascus - the coast"]
    start = answer.value.start.lifelines[0]
    assert coast.get_ydata()[0] == pytest.approx(start.route.km)
    for k, day in enumerate(answer.value.days[:3], 1):
        assert coast.get_ydata()[k] == pytest.approx(day.assessment.lifelines[0].route.km)


def test_lifeline_labels_name_the_date_of_the_cut(camp):
    _, ax = sim.plot.lifelines(camp, preset=low("screen"))
    labels = [t.get_text() for t in ax.texts]
    assert "Damascus - the south\ncut on 6 Dec" in labels
    assert "Damascus - Aleppo\nlost on 30 Nov (no target held)" in labels
    assert "Damascus - Deir ez-Zor\nlost on 8 Dec (source not held)" in labels


def test_a_lifeline_connected_throughout_runs_to_the_last_date(camp):
    answer = sim.timeline(camp, faction="opposition")
    dates = series.timeline_dates(answer.value)
    _, ax = sim.plot.lifelines(answer, preset=low("screen"))
    line = next(ln for ln in ax.lines if ln.get_label() == "Idlib - the Turkish border")
    assert max(_xs(line)) == len(dates) - 1
    last = answer.value.days[-1].assessment.lifelines[0].route.km
    assert any(t.get_text().endswith(words.km(last)) for t in ax.texts)
    assert not [ln for ln in ax.lines if ln.get_label().startswith("_cross")]


def test_the_date_axis_has_a_tick_at_every_date(camp):
    answer = sim.timeline(camp)
    dates = series.timeline_dates(answer.value)
    assert dates[0] == "2024-11-26" and dates[-1] == "2024-12-09"  # from the eve it extends
    _, ax = sim.plot.lifelines(answer, preset=low("screen", 110))
    assert list(ax.get_xticks()) == list(range(len(dates)))
    labels = [t.get_text() for t in ax.get_xticklabels()]
    assert labels[0] in ("26 Nov", "26\nNov") and labels[5] in ("1 Dec", "1\nDec")


def test_the_lifelines_title_is_the_timelines_span_and_verdict(camp):
    answer = sim.timeline(camp)
    fig, _ = sim.plot.lifelines(answer, preset=low("screen"))
    texts = [" ".join(t.get_text().split()) for t in fig.texts]
    assert texts[0] == ("The shortest route of each government lifeline, day by day, "
                        "26 November - 9 December 2024")
    assert texts[1] == answer.verdict


# ---------------------------------------------------------------- campaign

def test_campaign_values_are_the_standings_of_each_date(camp):
    fig, (places, people) = sim.plot.campaign(camp, preset=low("screen"))
    dates = series.timeline_dates(sim.timeline(camp).value)
    controls = [camp.start] + [camp.control_on(d) for d in dates[1:]]
    rows = [{st.faction: st for st in standings(camp.theatre, c, camp.factions)}
            for c in controls]
    lines = {ln.get_label(): ln for ln in places.lines}
    drawn = [fid for fid in camp.factions if any(r[fid].places for r in rows)]
    assert sorted(lines) == sorted(drawn)
    for fid in drawn:
        assert list(lines[fid].get_ydata()) == [r[fid].places for r in rows]
    gov = next(ln for ln in people.lines if ln.get_label() == "government")
    held = [c.holder("damascus") == "government" for c in controls]
    for y, row, h in zip(gov.get_ydata(), rows, held):
        if h:
            assert y == pytest.approx(row["government"].main_people / 1e6)
        else:
            assert math.isnan(y)  # no main pocket without the capital
    assert places.get_shared_x_axes().joined(places, people)
    assert len(lines["government"].get_xdata()) == len(dates)  # the lifelines' dates


def test_campaign_lines_wear_their_factions_colours(camp):
    from matplotlib.colors import to_hex

    _, (places, _) = sim.plot.campaign(camp, preset=low("screen"))
    for line in places.lines:
        if not line.get_label().startswith("_"):
            want = camp.theatre.factions[line.get_label()].colour
            assert to_hex(line.get_color()) == to_hex(want)


def test_campaign_marks_the_capitals_loss_and_says_it(camp):
    fig, (_, people) = sim.plot.campaign(camp, preset=low("screen"))
    dates = series.timeline_dates(sim.timeline(camp).value)
    cross = next(ln for ln in people.lines if ln.get_label() == "_cross:government")
    assert list(cross.get_xdata()) == [dates.index("2024-12-08")]
    assert "government: Damascus lost on 8 Dec" in [t.get_text() for t in people.texts]
    summary = " ".join(fig.texts[1].get_text().split())
    start, end = camp.start, camp.control
    a, b = len(start.places_of("government")), len(end.places_of("government"))
    assert f"The government goes from {a} to {b} places held" in summary
    assert "the government loses Damascus, its capital, on 8 December 2024" in summary


def test_campaign_draws_one_panel_on_one_axis(camp):
    from matplotlib.figure import Figure

    fig = Figure()
    ax = fig.add_subplot()
    got_fig, got = sim.plot.campaign(camp, ax=ax, panels=("people",), preset=low("screen"))
    assert got is ax and got_fig is fig
    assert any(ln.get_label() == "opposition" for ln in ax.lines)
    with pytest.raises(sim.InputError, match="one axis per panel"):
        sim.plot.campaign(camp, ax=ax)


# ---------------------------------------------------------------- words

def test_chart_words_are_true_of_their_values():
    from sim.report import charts as cw

    s = sim.load("syria-2024-12-06")
    held = {"government": (65, 31), "opposition": (7, 34), "sdf": (17, 17)}
    text = cw.campaign_summary(s, held, {})
    assert text == ("The government goes from 65 to 31 places held and the opposition goes "
                    "from 7 to 34.")
    assert cw.campaign_summary(s, {"sdf": (17, 17)}, {}) == (
        "No faction's count of places held changes.")
    assert words.break_label("source-lost", "2024-12-08") == "lost on 8 Dec (source not held)"
    assert words.people_figure(0, 0) == "0"
    assert cw.date_tick_labels(["2024-11-29", "2024-11-30", "2024-12-01"]) == [
        "29 Nov", "30 Nov", "1 Dec"]


RETAKEN = """\
[scenario]
id = "retaken"
title = "Homs lost and retaken"
date = "2024-12-10"
theatre = "syria"
extends = "syria-2024-12-06"

[[event]]
date = "2024-12-07"
place = "homs"
faction = "opposition"

[[event]]
date = "2024-12-09"
place = "homs"
faction = "government"
"""


def test_a_lifeline_connected_again_is_drawn_again_after_its_first_cut(tmp_path):
    path = tmp_path / "retaken.toml"
    path.write_text(RETAKEN, encoding="utf-8")
    answer = sim.timeline(sim.load(str(path)))
    dates = series.timeline_dates(answer.value)
    _, ax = sim.plot.lifelines(answer, preset=low("screen"))
    by_label = {ln.get_label(): ln for ln in ax.lines}
    coast = "Damascus - the coast"
    assert answer.value.first_breaks[coast].date == "2024-12-07"
    assert list(by_label[f"_cross:{coast}"].get_xdata()) == [dates.index("2024-12-07")]
    assert max(_xs(by_label[coast])) == dates.index("2024-12-06")
    again = _xs(by_label[f"_again:{coast}"])
    assert again == [dates.index("2024-12-09"), dates.index("2024-12-10")]


@pytest.mark.parametrize("name", PRESETS)
def test_the_lifeline_labels_hide_no_line(name):
    """On the bundled campaign, the label of Aleppo's cut sits just under the Deir
    ez-Zor line: it must go where it hides no line."""
    from matplotlib.text import Text

    from sim.plot.frame import _segments, crosses

    fig, ax = sim.plot.lifelines(sim.load("syria-2024-campaign"), preset=low(name, 50))
    fig.canvas.draw()
    r = fig.canvas.get_renderer()
    segments = _segments(ax)
    for label in ax.texts:
        box = Text.get_window_extent(label, r)
        assert not any(crosses(s, box) for s in segments), label.get_text()
