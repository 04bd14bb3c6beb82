"""Maps fit for a classroom: colours told apart with colour-blind eyes and in black and
white, names that cover nothing, marks that do not hide each other, a legend of only what
is drawn, titles that wrap, a scale bar in a free corner, presets, the holdings map.

The checks read the drawn artists themselves (their gids and window extents): a label
is ``label:<id>``, a place's marker ``place:<id>``, its marks ``mark:<id>:<what>``."""

from __future__ import annotations

import dataclasses
import itertools
import warnings

import numpy as np
import pytest

import sim
from sim.plot import style

# ---------------------------------------------------------------- colour vision

#: Machado, Oliveira & Fernandes (2009), "A physiologically-based model for simulation
#: of color vision deficiency", severity 1.0, applied to linear sRGB.
MACHADO = {
    "deuteranopia": np.array([[0.367322, 0.860646, -0.227968],
                              [0.280085, 0.672501, 0.047413],
                              [-0.011820, 0.042940, 0.968881]]),
    "protanopia": np.array([[0.152286, 1.052583, -0.204868],
                            [0.114503, 0.786281, 0.099216],
                            [-0.003882, -0.048116, 1.051998]]),
}
#: The smallest CIEDE2000 difference allowed between two colours the map relies on
#: (about 2 is just noticeable side by side; 15 reads at a glance as another colour).
MIN_DELTA_E = 15.0


def _linear(c):
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def _srgb(c):
    c = np.clip(c, 0, 1)
    return np.where(c <= 0.0031308, 12.92 * c, 1.055 * c ** (1 / 2.4) - 0.055)


def _rgb(hex_colour: str):
    h = hex_colour.lstrip("#")
    return np.array([int(h[i:i + 2], 16) / 255 for i in (0, 2, 4)])


def seen(hex_colour: str, vision: str):
    """The colour as an eye of ``vision`` sees it, in sRGB."""
    rgb = _rgb(hex_colour)
    return rgb if vision == "normal" else _srgb(MACHADO[vision] @ _linear(rgb))


def lab(rgb):
    m = np.array([[0.4124564, 0.3575761, 0.1804375], [0.2126729, 0.7151522, 0.0721750],
                  [0.0193339, 0.1191920, 0.9503041]])
    xyz = m @ _linear(rgb) / np.array([0.95047, 1.0, 1.08883])
    f = np.where(xyz > (6 / 29) ** 3, np.cbrt(xyz), xyz / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def ciede2000(lab1, lab2) -> float:
    """CIEDE2000 colour difference (Sharma, Wu & Dalal 2005)."""
    (l1, a1, b1), (l2, a2, b2) = lab1, lab2
    cb = (np.hypot(a1, b1) + np.hypot(a2, b2)) / 2
    g = 0.5 * (1 - np.sqrt(cb ** 7 / (cb ** 7 + 25 ** 7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = np.hypot(a1p, b1), np.hypot(a2p, b2)
    h1p, h2p = np.degrees(np.arctan2(b1, a1p)) % 360, np.degrees(np.arctan2(b2, a2p)) % 360
    dh = 0.0 if c1p * c2p == 0 else (h2p - h1p + 180) % 360 - 180
    dhp = 2 * np.sqrt(c1p * c2p) * np.sin(np.radians(dh / 2))
    lbp, cbp = (l1 + l2) / 2, (c1p + c2p) / 2
    if c1p * c2p == 0:
        hbp = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        hbp = (h1p + h2p) / 2
    else:
        hbp = (h1p + h2p + 360) / 2 if h1p + h2p < 360 else (h1p + h2p - 360) / 2
    t = (1 - 0.17 * np.cos(np.radians(hbp - 30)) + 0.24 * np.cos(np.radians(2 * hbp))
         + 0.32 * np.cos(np.radians(3 * hbp + 6)) - 0.20 * np.cos(np.radians(4 * hbp - 63)))
    rc = 2 * np.sqrt(cbp ** 7 / (cbp ** 7 + 25 ** 7))
    sl = 1 + 0.015 * (lbp - 50) ** 2 / np.sqrt(20 + (lbp - 50) ** 2)
    sc, sh = 1 + 0.045 * cbp, 1 + 0.015 * cbp * t
    rt = -np.sin(np.radians(60 * np.exp(-((hbp - 275) / 25) ** 2))) * rc
    dl, dc = (l2 - l1) / sl, (c2p - c1p) / sc
    return float(np.sqrt(dl ** 2 + dc ** 2 + (dhp / sh) ** 2 + rt * dc * (dhp / sh)))


def test_ciede2000_matches_the_published_test_pairs():
    # Pairs 1, 7 and 17 of Sharma, Wu & Dalal's table of test data.
    assert ciede2000((50, 2.6772, -79.7751), (50, 0, -82.7485)) == pytest.approx(2.0425, abs=1e-4)
    assert ciede2000((50, 0, 0), (50, -1, 2)) == pytest.approx(2.3669, abs=1e-4)
    assert ciede2000((50, 2.5, 0), (73, 25, -18)) == pytest.approx(27.1492, abs=1e-4)


@pytest.mark.parametrize("vision", ["normal", "deuteranopia", "protanopia"])
def test_faction_colours_stay_apart_for_colour_blind_eyes(vision):
    theatre = sim.load().theatre
    colours = {f"faction {fid}": st.colour for fid, st in style.faction_styles(theatre).items()}
    assert len(colours) == 7
    grounds = {"foreign place grey": style.FOREIGN, "land": style.LAND,
               "home land": style.HOME_LAND}
    everything = {**colours, **grounds}
    close = []
    for (na, ca), (nb, cb) in itertools.combinations(everything.items(), 2):
        if na in grounds and nb in grounds:
            continue
        d = ciede2000(lab(seen(ca, vision)), lab(seen(cb, vision)))
        if d < MIN_DELTA_E:
            close.append(f"{na} / {nb}: {d:.1f}")
    assert not close, close


def test_every_faction_has_its_own_marker_and_the_handout_its_own_fill():
    theatre = sim.load().theatre
    for bw in (False, True):
        styles = style.faction_styles(theatre, bw=bw)
        markers = [st.marker for st in styles.values()]
        assert len(set(markers)) == len(markers) == 7  # shape alone tells them apart
        assert not {"s", "D", "*", "X"} & set(markers)  # kept for other meanings
    bw = style.faction_styles(theatre, bw=True)
    assert len({st.fill for st in bw.values()}) > 1
    assert style.faction_styles(theatre) == style.faction_styles(theatre)
    assert list(style.faction_styles(theatre)) == list(theatre.factions)


# ---------------------------------------------------------------- what is drawn

def _fast(name: str):
    """A preset at a low resolution: the same layout, drawn quicker."""
    return dataclasses.replace(style.preset(name), dpi=60)


def _box(artist, renderer):
    bb = artist.get_window_extent(renderer)
    return (bb.x0, bb.y0, bb.x1, bb.y1)


def _overlap(a, b, tol: float = 0.5) -> bool:
    return (a[0] + tol < b[2] and a[2] - tol > b[0] and a[1] + tol < b[3]
            and a[3] - tol > b[1])


def _union(boxes):
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes),
            max(b[3] for b in boxes))


def drawn(ax):
    """What a map drew, by gid: labels {id: box}, marks [(ids, box)], the scale bar's
    box, the legend's box, area names [box], places [id]."""
    renderer = ax.figure.canvas.get_renderer()
    out = {"labels": {}, "marks": [], "scalebar": [], "areas": [], "places": []}
    for art in [*ax.get_children(), *ax.texts]:
        gid = art.get_gid() or ""
        if gid.startswith("label:"):
            out["labels"][gid[6:]] = _box(art, renderer)
        elif gid.startswith(("place:", "mark:")):
            ids = gid.split(":")[1]
            out["marks"].append((set(ids.split("+")), _box(art, renderer)))
            if gid.startswith("place:"):
                out["places"].append(ids)
        elif gid == "scalebar":
            out["scalebar"].append(_box(art, renderer))
        elif gid.startswith("area:"):
            out["areas"].append(_box(art, renderer))
    legends = [ax.get_legend()] if ax.get_legend() else []
    out["legend"] = [_box(leg, renderer) for leg in legends]
    out["scalebar"] = _union(out["scalebar"]) if out["scalebar"] else None
    return out


def check_map(ax, level: str) -> None:
    """No two names overlap; no name covers a marker but its own, the legend or the
    scale bar; the scale bar covers no marker; the names of seas and countries cover
    nothing; at ``all`` every place in the frame is named."""
    d = drawn(ax)
    labels = d["labels"]
    problems = [f"{a} / {b}" for (a, ba), (b, bb) in itertools.combinations(labels.items(), 2)
                if _overlap(ba, bb)]
    for pid, box in labels.items():
        problems += [f"{pid} on the marker of {'+'.join(sorted(ids))}"
                     for ids, mark in d["marks"] if pid not in ids and _overlap(box, mark)]
        problems += [f"{pid} on the legend" for leg in d["legend"] if _overlap(box, leg)]
        if d["scalebar"] and _overlap(box, d["scalebar"]):
            problems.append(f"{pid} on the scale bar")
    assert d["scalebar"] is not None
    problems += [f"scale bar on {'+'.join(ids)}" for ids, mark in d["marks"]
                 if _overlap(d["scalebar"], mark)]
    for area in d["areas"]:
        taken = [m for _ids, m in d["marks"]] + list(labels.values()) + d["legend"]
        problems += ["a sea or country name covers something"
                     for box in [*taken, d["scalebar"]] if _overlap(area, box)]
    assert not problems, problems
    if level == "none":
        assert not labels
    if level == "all":
        assert d["places"] and set(labels) == set(d["places"])
    else:
        assert set(labels) <= set(d["places"])


@pytest.fixture(scope="module")
def s6():
    return sim.load("syria-2024-12-06")


@pytest.fixture(scope="module")
def s26():
    return sim.load("syria-2024-11-26")


@pytest.fixture(scope="module")
def homs(s6):
    return sim.what_if(s6, fall=["homs"])


PRESETS = ("screen", "projector", "handout")


@pytest.mark.parametrize("preset, level", [*itertools.product(PRESETS, ("all", "major")),
                                           ("screen", "none")])
def test_names_cover_no_other_name_marker_legend_or_scale_bar(s6, s26, homs, preset, level):
    pr = _fast(preset)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        _fig, ax = sim.plot.scenario(s6, preset=pr, labels=level)
        check_map(ax, level)
        _fig, ax = sim.plot.holdings(s26, preset=pr, labels=level)
        check_map(ax, level)
        _fig, (before, after) = sim.plot.what_if(homs, preset=pr, labels=level)
    check_map(before, level)
    check_map(after, level)


def test_every_place_in_the_frame_is_named_at_all(s6):
    _fig, ax = sim.plot.scenario(s6, labels="all", preset=_fast("screen"))
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    inside = {pid for pid, p in s6.theatre.places.items()
              if x0 <= p.lon <= x1 and y0 <= p.lat <= y1}
    assert len(inside) > 100 and set(drawn(ax)["labels"]) == inside


def test_the_check_fails_when_names_are_placed_without_looking(s6, monkeypatch):
    """The collision check can fail: with every spot taken for free, names collide."""
    from sim.plot.boxes import Boxes

    monkeypatch.setattr(Boxes, "hit_mask", lambda self, cands, owner=None:
                        np.zeros(len(cands), dtype=bool))
    _fig, ax = sim.plot.scenario(s6, labels="all", preset=_fast("screen"))
    with pytest.raises(AssertionError):
        check_map(ax, "all")


def test_the_major_names_include_strongholds_capitals_and_the_fallen(homs):
    _fig, ax = sim.plot.what_if(homs, ax=_axis(), labels="major")
    labels = set(drawn(ax)["labels"])
    assert {"homs", "damascus", "idlib", "latakia", "tartus", "aleppo"} <= labels
    _fig, ax = sim.plot.what_if(homs, ax=_axis(), labels="major", preset="projector")
    assert {"homs", "damascus", "latakia", "tartus"} <= set(drawn(ax)["labels"])


def _axis():
    from matplotlib.figure import Figure

    return Figure(figsize=(9, 9), dpi=60).add_subplot()


def test_seas_and_neighbouring_countries_are_named(s6):
    _fig, ax = sim.plot.scenario(s6, preset=_fast("screen"))
    names = {t.get_text() for t in ax.texts if (t.get_gid() or "").startswith("area:")}
    assert {"Mediterranean Sea", "Turkey", "Iraq", "Jordan", "Lebanon", "Israel"} <= names
    assert "Syria" not in names  # the home country is the map itself
    italic = {t.get_fontstyle() for t in ax.texts if (t.get_gid() or "").startswith("area:")}
    assert italic == {"italic"}


# ---------------------------------------------------------------- marks

def _marks(ax, what: str):
    renderer = ax.figure.canvas.get_renderer()
    return {art.get_gid().split(":")[1]: _box(art, renderer) for art in ax.get_lines()
            if (art.get_gid() or "").startswith("mark:") and art.get_gid().endswith(what)}


def test_the_contested_ring_shows_round_a_chokepoint_diamond(s6):
    _fig, ax = sim.plot.scenario(s6, preset=_fast("screen"), labels="none")
    ring, diamond = _marks(ax, ":contested")["homs"], _marks(ax, ":chokepoint")["homs"]
    assert ring[0] < diamond[0] and ring[1] < diamond[1]
    assert ring[2] > diamond[2] and ring[3] > diamond[3]  # outside it, all round


def test_neighbouring_chokepoints_share_one_diamond(s6):
    r = sim.what_if(s6, fall=["homs"], open_transit=["LB"],
                    open_road=[("jdeidat-yabous", "masnaa")])
    assert {"masnaa", "jdeidat-yabous"} <= set(r.value.after.chokepoints["Damascus - the coast"])
    _fig, (_b, ax) = sim.plot.what_if(r, preset=_fast("screen"), labels="none")
    diamonds = _marks(ax, ":chokepoint")
    assert any(set(k.split("+")) == {"jdeidat-yabous", "masnaa"} for k in diamonds)
    for (a, ba), (b, bb) in itertools.combinations(diamonds.items(), 2):
        # A diamond is a ball of the L1 distance round its centre.
        (ca, ra), (cb, rb) = _diamond(ba), _diamond(bb)
        assert abs(ca[0] - cb[0]) + abs(ca[1] - cb[1]) >= ra + rb, (a, b)


def _diamond(box):
    return ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2), (box[2] - box[0]) / 2


# ---------------------------------------------------------------- legend

def _legend_texts(fig, ax) -> list[str]:
    legends = [ax.get_legend()] if ax.get_legend() else list(fig.legends)
    return [t.get_text() for leg in legends for t in leg.get_texts()]


def test_the_legend_lists_only_what_the_map_draws(s6):
    fig, ax = sim.plot.scenario(s6, preset=_fast("screen"), labels="none")
    texts = _legend_texts(fig, ax)
    assert {"road cut", "contested place (dashed ring)", "foreign place",
            "chokepoint of a lifeline", "held by the government"} <= set(texts)
    held = {h.faction for pid, h in s6.control.holdings.items()}
    assert "held by the Islamic State" not in texts or "islamic-state" in held
    assert "place that falls" not in texts and "stronghold cut off from the capital" not in texts
    calm = dataclasses.replace(s6.control, cut_roads=frozenset(), holdings={
        pid: dataclasses.replace(h, status="held") for pid, h in s6.control.holdings.items()})
    fig, ax = sim.plot.control_map(s6, calm, s6.factions["government"], labels="none",
                                   preset=_fast("screen"))
    texts = _legend_texts(fig, ax)
    assert "road cut" not in texts and "contested place (dashed ring)" not in texts


def test_a_map_without_foreign_places_or_base_map_has_no_legend_for_them():
    from conftest import toy
    from sim.control import Control, Faction, Lifeline
    from sim.model import FactionInfo
    from sim.scenario import Scenario

    t = toy({"cap": (0, 0), "hub": (0, 1), "port": (0, 2), "far": (1, 1)},
            [("cap", "hub", 100), ("hub", "port", 100), ("hub", "far", 90)],
            factions=[FactionInfo("gov", "Government", "#d55e00"),
                      FactionInfo("reb", "Rebels", "#009e73"),
                      FactionInfo("ghost", "Nobody here", "#0072b2")])
    control = Control.of({"cap": "gov", "hub": "gov", "port": "gov", "far": "reb"})
    gov = Faction("gov", adversary="reb", capital="cap", strongholds=("cap", "port"))
    scen = Scenario("toy", "Toy", "2024-01-01", t, control,
                    {"gov": gov, "reb": Faction("reb", adversary="gov")},
                    (Lifeline("Capital - port", "gov", "cap", ("port",)),))
    fig, ax = sim.plot.control_map(scen, control, gov, preset=_fast("screen"))
    texts = _legend_texts(fig, ax)
    assert "held by the Government" in texts[0] and "held by the Rebels" in texts[1]
    assert not [x for x in texts if "Nobody" in x or "foreign" in x or "Golan" in x
                or "road cut" in x or "contested" in x]
    fig, ax = sim.plot.holdings(scen, preset=_fast("handout"), labels="all")
    check_map(ax, "all")
    assert "primary road" in _legend_texts(fig, ax)


# ---------------------------------------------------------------- titles and layout

def _fig_box(fig, gid: str):
    renderer = fig.canvas.get_renderer()
    found = [_box(t, renderer) for t in fig.texts if t.get_gid() == gid]
    return found[0] if found else None


@pytest.mark.parametrize("preset", PRESETS)
@pytest.mark.parametrize("question", [{"fall": ["damascus"]},
                                      {"fall": ["homs"], "open_transit": ["LB"],
                                       "open_road": [("jdeidat-yabous", "masnaa")]}])
def test_long_titles_wrap_above_the_maps_inside_the_figure(s6, preset, question):
    fig, axes = sim.plot.what_if(sim.what_if(s6, **question), preset=_fast(preset),
                                 labels="none")
    renderer = fig.canvas.get_renderer()
    page = (0, 0, fig.bbox.width, fig.bbox.height)
    title, summary, credit = (_fig_box(fig, g) for g in ("title", "summary", "credit"))
    assert fig.texts[0].get_text().count("\n") >= 1  # the verdict is long: it wraps
    maps = [_box(ax, renderer) for ax in axes]
    heads = [ax.get_tightbbox(renderer) for ax in axes]
    heads = [(b.x0, b.y0, b.x1, b.y1) for b in heads]
    blocks = [title, summary, credit, *heads]
    blocks += [_box(leg, renderer) for leg in fig.legends]
    for box in blocks:
        assert page[0] <= box[0] and box[2] <= page[2] + 0.5 and page[1] <= box[1]
        assert box[3] <= page[3] + 0.5
    for a, b in itertools.combinations(blocks, 2):
        assert not _overlap(a, b), (a, b)
    assert title[1] >= summary[3] - 0.5 and summary[1] >= max(m[3] for m in maps)
    assert not _overlap(*maps)


def test_a_title_given_replaces_the_verdict(homs):
    fig, _axes = sim.plot.what_if(homs, title="Homs", preset=_fast("screen"), labels="none")
    assert [t.get_text() for t in fig.texts if t.get_gid() == "title"] == ["Homs"]
    _fig, ax = sim.plot.scenario(homs.scenario, title="Our map", preset=_fast("screen"),
                                 labels="none")
    assert ax.get_title(loc="left") == "Our map"


# ---------------------------------------------------------------- presets, files

def test_presets_have_their_shapes_and_unknown_names_are_refused(s6, tmp_path):
    assert style.preset("screen").figsize == (10.0, 9.6)
    w, h = style.preset("projector").figsize
    assert w / h == pytest.approx(16 / 9)
    assert style.preset("handout").figsize == (8.27, 11.69) and style.preset("handout").bw
    assert style.preset("projector").font_scale > 1.3 and style.preset("projector").line_scale > 1
    with pytest.raises(sim.InputError, match="handout, projector, screen"):
        sim.plot.scenario(s6, preset="poster")
    with pytest.raises(sim.InputError, match="all, major, none"):
        sim.plot.holdings(s6, labels="some")
    assert not list(tmp_path.iterdir())
    fig, _ax = sim.plot.holdings(s6, preset="handout", labels="none")
    assert (fig.get_figwidth(), fig.get_figheight()) == (8.27, 11.69)


def test_save_honours_dpi_and_draws_the_same_bytes_twice(s6, tmp_path):
    import struct

    fig, _ax = sim.plot.holdings(s6, preset=_fast("screen"), labels="none")
    path = sim.plot.save(fig, tmp_path / "h.png", dpi=30)
    width, height = struct.unpack(">II", path.read_bytes()[16:24])
    assert (width, height) == (300, 288)
    fig2, _ax = sim.plot.holdings(s6, preset=_fast("screen"), labels="none")
    assert sim.plot.to_bytes(fig, dpi=30) == sim.plot.to_bytes(fig2, dpi=30)


def test_the_holdings_map_takes_no_side(s26):
    fig, ax = sim.plot.holdings(s26, mark=["Saraqib"], preset=_fast("screen"))
    assert ax.get_title(loc="left") == f"{s26.title} ({s26.date})"
    gids = {line.get_gid() for line in ax.get_lines()}
    assert "mark:saraqib:marked" in gids
    capitals = {g.split(":")[1] for g in gids if g and g.endswith(":capital")}
    assert {"damascus", "idlib", "azaz", "qamishli"} <= capitals
    texts = _legend_texts(fig, ax)
    assert "place that changed" in texts and "capital of a faction" in texts
    assert not [t for t in texts if "can use" in t or "stronghold" in t or "lifeline" in t]
    assert {"motorway", "primary road"} <= set(texts)
    looks = sorted(c.get_gid() for c in ax.collections if (c.get_gid() or "").startswith("roads:"))
    assert looks == ["roads:class:desert", "roads:class:motorway", "roads:class:mountain",
                     "roads:class:primary", "roads:class:secondary"]  # whoever holds the ends


def test_every_bundled_scenario_charts_without_warnings():
    """(The collision test above draws every preset and labels level with warnings as
    errors too.)"""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for entry in sim.scenarios():
            scen = sim.load(entry["id"])
            fig, _ax = sim.plot.scenario(scen, preset=_fast("handout"))
            sim.plot.to_bytes(fig, dpi=20)
            fig, _ax = sim.plot.holdings(scen, preset=_fast("projector"), labels="none")
            sim.plot.to_bytes(fig, "svg")
