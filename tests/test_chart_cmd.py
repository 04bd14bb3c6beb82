"""`sim chart` draws every kind of chart by name; `sim timeline` draws a campaign as an
animation (a frame a date), a folder of maps and a flip-book."""

from __future__ import annotations

import io
import re

import numpy as np
import pytest
from typer.testing import CliRunner

import sim
from sim.cli import app
from sim.plot.kinds import KINDS

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args))


def ink(png: bytes) -> float:
    """The share of pixels that are not the figure's white background."""
    from matplotlib.image import imread

    img = imread(io.BytesIO(png))[..., :3]
    return float(np.mean(np.any(img < 0.97, axis=-1)))


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_writes_a_picture_that_is_not_blank(kind, tmp_path):
    out = tmp_path / f"{kind}.png"
    events = ["--fall", "homs"] if kind in ("map", "before-after") else []
    r = run("chart", "--kind", kind, *events, "--dpi", "40", "-o", str(out))
    assert r.exit_code == 0, r.output
    assert ink(out.read_bytes()) > 0.05
    assert f"A {kind} chart of" in r.stdout


def test_a_chart_kind_is_checked_and_events_go_only_where_they_mean_something(tmp_path):
    r = run("chart", "--kind", "mapp", "-o", str(tmp_path / "x.png"))
    assert r.exit_code == 2 and "did you mean: map?" in r.stderr
    r = run("chart", "--kind", "critical", "--fall", "homs", "-o", str(tmp_path / "x.png"))
    assert r.exit_code == 2 and "takes no events" in r.stderr
    r = run("chart", "--kind", "lifelines", "syria-2024-12-06", "-o", str(tmp_path / "x.png"))
    assert r.exit_code == 2 and "lists no dated events" in r.stderr
    r = run("chart", "--preset", "slides", "-o", str(tmp_path / "x.png"))
    assert r.exit_code == 2 and "unknown preset 'slides'" in r.stderr
    assert not list(tmp_path.iterdir())


def test_chart_options_title_and_dpi(tmp_path):
    from matplotlib.image import imread

    out = tmp_path / "m.png"
    r = run("chart", "--kind", "map", "--title", "Our own title", "--dpi", "30", "-o", str(out))
    assert r.exit_code == 0, r.output
    small = imread(str(out)).shape
    fig, ax = sim.plot.holdings(sim.load(), title="Our own title")
    assert ax.get_title(loc="left") == "Our own title"
    assert small[1] == round(fig.get_figwidth() * 30)


@pytest.fixture(scope="module")
def drawn(tmp_path_factory):
    folder = tmp_path_factory.mktemp("timeline")
    gif, pdf, frames = folder / "c.gif", folder / "c.pdf", folder / "frames"
    r = run("timeline", "--gif", str(gif), "--frames", str(frames), "--pdf", str(pdf),
            "--dpi", "30", "--labels", "none", "--json")
    assert r.exit_code == 0, r.output
    return gif, pdf, frames


def test_the_gif_has_a_frame_a_date_and_pauses_on_the_last(drawn):
    from PIL import Image

    gif, _, _ = drawn
    days = sim.timeline(sim.load("syria-2024-campaign")).days
    with Image.open(gif) as im:
        assert im.n_frames == len(days) == 12
        durations = []
        for i in range(im.n_frames):
            im.seek(i)
            durations.append(im.info["duration"])
    assert durations[-1] > 2 * durations[0]


def test_the_frames_are_one_png_a_date_and_the_flipbook_a_page_a_date(drawn):
    _, pdf, frames = drawn
    days = [d.date for d in sim.timeline(sim.load("syria-2024-campaign")).days]
    assert sorted(p.name for p in frames.iterdir()) == [f"{d}.png" for d in days]
    assert len(re.findall(rb"/Type /Page\b", pdf.read_bytes())) == len(days)
    r = run("timeline", "--frames", str(frames), "--dpi", "30")
    assert r.exit_code != 0 and "--force" in r.stderr


def test_a_day_frame_carries_the_date_and_the_day_s_verdict():
    t = sim.timeline(sim.load("syria-2024-campaign"))
    fig, ax = sim.plot.day_frame(t, "2024-12-08", labels="none")
    texts = [x.get_text().replace("\n", " ") for x in fig.texts]
    assert "8 December 2024" in texts
    assert t.day_verdict("2024-12-08") in texts


def test_timeline_pictures_refuse_a_bad_target_before_drawing(tmp_path):
    a_file = tmp_path / "a-file"
    a_file.write_text("x")
    for args, words in ((["--frames", str(a_file)], "it is a file"),
                        (["--frames", str(tmp_path / "no" / "frames")], "does not exist"),
                        (["--gif", str(tmp_path / "c.png")], "must end in .gif"),
                        (["--pdf", str(tmp_path / "c.gif")], "must end in .pdf"),
                        (["--preset", "poster", "--gif", str(tmp_path / "c.gif")],
                         "unknown preset 'poster'")):
        r = run("timeline", *args)
        assert r.exit_code in (2, 3) and words in r.stderr and "Traceback" not in r.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file"]
