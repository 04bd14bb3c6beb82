"""Arrays of a theatre, and the array forms of the main-pocket rule, on a tiny named map.

    cap -- jn -- port          (100 km, 50 km)
            \\
             al -- far         (20 km, 30 km: the ally's junction, then a town of the
                                faction's own across the border)

Places are numbered in id order: al 0, cap 1, far 2, jn 3, port 4.
"""

from __future__ import annotations

import numpy as np
import pytest

from sim.analysis.arrays import (
    from_edges, held_mask, main_pocket, main_pocket_trials, passable_arrays, reached_from,
    theatre_arrays,
)
from sim.control import Control
from sim.errors import UnknownNameError
from sim.model import Place, Road, Theatre

AL, CAP, FAR, JN, PORT = range(5)


@pytest.fixture
def fork():
    t = Theatre.build("fork", "Fork", "SY",
                      [Place("cap", "Cap", 0, 0, population=1000),
                       Place("jn", "Jn", 0, 1, population=10),
                       Place("port", "Port", 0, 2),
                       Place("al", "Al", 1, 1, population=5),
                       Place("far", "Far", 1, 2, country="LB", population=7)],
                      [Road("cap", "jn", 100), Road("jn", "port", 50), Road("jn", "al", 20),
                       Road("al", "far", 30)])
    c = Control.of({"cap": "gov", "jn": "gov", "port": "gov", "al": "ally", "far": "gov"})
    return t, c


def names(arr, mask) -> set[str]:
    return {arr.ids[i] for i in np.flatnonzero(mask).tolist()}


def without(g, *places):
    removed = np.zeros(g.n, dtype=bool)
    removed[list(places)] = True
    return g.without(removed)


def test_places_are_numbered_in_id_order_and_roads_run_low_to_high(fork):
    t, _ = fork
    arr = theatre_arrays(t)
    assert arr.ids == ("al", "cap", "far", "jn", "port")
    assert arr.resolve("jn") == JN
    assert sorted((arr.ids[u], arr.ids[v], km) for u, v, km in
                  zip(arr.edge_u.tolist(), arr.edge_v.tolist(), arr.edge_km.tolist())) == [
        ("al", "far", 30.0), ("al", "jn", 20.0), ("cap", "jn", 100.0), ("jn", "port", 50.0)]
    assert (arr.edge_u < arr.edge_v).all()
    found = arr.edge_ids([("port", "jn"), ("far", "al"), ("cap", "far")])
    assert sorted((arr.ids[arr.edge_u[e]], arr.ids[arr.edge_v[e]]) for e in found.tolist()) == [
        ("al", "far"), ("jn", "port")]
    assert theatre_arrays(t) is arr  # built once per theatre
    with pytest.raises(UnknownNameError):
        arr.resolve("nowhere")


def test_people_weights_count_own_home_places_and_flag_unknown_ones(fork):
    t, c = fork
    arr = theatre_arrays(t)
    held = held_mask(c, "gov", arr)
    assert names(arr, held) == {"cap", "jn", "port", "far"}
    known, unknown = arr.people_weights(held)
    # al is the ally's; far is abroad; port's population is unknown.
    assert known.tolist() == [0, 1000, 0, 10, 0]
    assert names(arr, unknown) == {"port"}


def test_the_passable_arrays_follow_holders_and_cut_roads(fork):
    t, c = fork
    g = passable_arrays(t, c, {"gov", "ally"})
    assert g.mask.all() and g.degree().tolist() == [2, 1, 1, 3, 1]
    alone = passable_arrays(t, c, {"gov"})
    assert names(alone.arrays, alone.mask) == {"cap", "jn", "port", "far"}
    assert alone.neighbours(JN).tolist() == [CAP, PORT] and alone.neighbours(FAR).tolist() == []
    cut = passable_arrays(t, c.with_road("jn", "port", cut=True), {"gov"})
    assert cut.mask[PORT] and cut.neighbours(PORT).tolist() == []
    assert without(g, JN).degree().tolist() == [1, 0, 1, 0, 0]


def test_from_edges_drops_loops_and_duplicates():
    a = from_edges(4, [0, 1, 2, 3, 3], [1, 0, 2, 2, 1])
    assert list(zip(a.edge_u.tolist(), a.edge_v.tolist())) == [(0, 1), (1, 3), (2, 3)]


def test_the_main_pocket_is_the_capitals_piece_while_it_holds_an_own_place(fork):
    t, c = fork
    g = passable_arrays(t, c, {"gov", "ally"})
    arr = g.arrays
    held = held_mask(c, "gov", arr)
    assert names(arr, reached_from(g, CAP)) == set(arr.ids)
    assert names(arr, main_pocket(g, CAP, held)) == set(arr.ids)
    # Without jn, the ally's junction and the town beyond it form a piece of their own,
    # a pocket thanks to far.
    assert names(arr, main_pocket(without(g, JN), AL, held)) == {"al", "far"}
    # With far gone too, al's piece holds nothing of the faction's own: no main pocket.
    assert names(arr, reached_from(without(g, JN, FAR), AL)) == {"al"}
    assert not main_pocket(without(g, JN, FAR), AL, held).any()
    assert not main_pocket(g, None, held).any()
    assert not main_pocket(passable_arrays(t, c, {"gov"}), AL, held).any()  # impassable


def test_in_bits_the_main_pocket_stands_in_the_trials_where_an_own_place_is_reached():
    reach = np.asarray([[0b1111], [0b0101], [0b0011]], dtype=np.uint64)
    # Rows 1 and 2 hold own places: the pocket stands in trials 0, 1 and 2, not in trial 3.
    assert main_pocket_trials(reach, np.asarray([1, 2])).tolist() == [0b0111]
    assert main_pocket_trials(reach, np.asarray([], dtype=np.int64)).tolist() == [0]
