"""The audited map: every pocket and chokepoint of the bundled scenarios, pinned.

Each faction's pockets apart from its capital's, and each lifeline's chokepoints, are
the ones docs/data-sources.md ("Pockets and chokepoints, audited") lists with a reason:
real enclaves and real junctions, not gaps in the road data. A new road or holding that
opens or closes a pocket, or adds or removes a chokepoint, must change both places.

Lifelines are found by their faction, source and targets rather than by name, so a
renamed lifeline does not break the facts. Populations and report wording are not
pinned here.
"""

from __future__ import annotations

import pytest

import sim
from sim.analysis import assess

# scenario -> faction -> the sets of places of its non-main pockets
POCKETS = {
    "syria-2024-11-26": {
        "government": set(),
        "opposition": set(),
        # The Tell Rifaat / Shahba enclave north of Aleppo, ringed by the SNA and the
        # government, had been the SDF's since 2016: a real enclave.
        "sdf": {frozenset({"tell-rifaat"})},
        "sna": set(),
        "sfa": set(),
        "islamic-state": set(),
    },
    "syria-2024-12-06": {
        "government": {
            # The desert road from Salamiyah (lost 5 Dec) to the Resafa crossroads.
            frozenset({"ithriya", "resafa"}),
            # The west bank between Raqqa and Deir ez-Zor (both SDF-held).
            frozenset({"maadan"}),
            # The Ghab town between Jisr al-Shughur and Mhardeh (both opposition).
            frozenset({"suqaylabiyah"}),
        },
        # The southern rebels count as "opposition", whose capital is Idlib: their
        # whole area is one pocket, apart from Idlib's by the width of Syria.
        "opposition": {frozenset({"daraa", "nasib", "izra", "sheikh-miskin", "sanamayn",
                                  "ghabagheb", "jasim"})},
        "sdf": set(),
        # As-Safira and Khanasir on the desert road south-east of Aleppo.
        "sna": {frozenset({"as-safira", "khanasir"})},
        "sfa": set(),
        "druze": set(),
        "islamic-state": set(),
    },
}

# scenario -> (faction, source, targets) -> the lifeline's chokepoints
CHOKEPOINTS = {
    "syria-2024-11-26": {
        ("government", "damascus", ("latakia", "tartus")): {"homs"},
        ("government", "damascus", ("homs",)): set(),
        ("government", "damascus", ("daraa", "nasib")): {"daraa"},
        ("government", "damascus", ("aleppo",)): {"homs"},
        ("government", "damascus", ("deir-ez-zor",)): {"palmyra", "sukhnah"},
        ("opposition", "idlib", ("bab-al-hawa",)): {"dana"},
        ("sdf", "qamishli", ("raqqa", "tabqa")): {"hasakah", "raqqa"},
        ("sna", "azaz", ("al-bab",)): set(),
    },
    "syria-2024-12-06": {
        ("government", "damascus", ("latakia", "tartus")): {"homs"},
        ("government", "damascus", ("homs",)): set(),
        ("government", "damascus", ("daraa", "nasib")): set(),      # targets lost
        ("government", "damascus", ("aleppo",)): set(),            # target lost
        ("government", "damascus", ("deir-ez-zor",)): set(),       # target lost
        ("opposition", "idlib", ("bab-al-hawa",)): {"dana"},
        ("opposition", "idlib", ("aleppo", "hama")): set(),
        ("sdf", "qamishli", ("raqqa", "tabqa")): {"hasakah", "raqqa"},
        ("sna", "azaz", ("al-bab",)): set(),
    },
}

SCENARIOS = sorted(POCKETS)


@pytest.fixture(scope="module", params=SCENARIOS)
def audited(request):
    scen = sim.load_scenario(request.param)
    return request.param, scen, {
        fid: assess(scen.theatre, scen.control, fac, scen.lifelines)
        for fid, fac in scen.factions.items()
    }


def test_every_faction_is_audited(audited):
    sid, scen, _ = audited
    assert set(scen.factions) == set(POCKETS[sid])


def test_non_main_pockets_are_the_audited_ones(audited):
    sid, _, assessments = audited
    for fid, expected in POCKETS[sid].items():
        found = {frozenset(p.places) for p in assessments[fid].pockets if not p.main}
        assert found == expected, fid


def test_every_faction_with_a_held_capital_has_a_main_pocket(audited):
    _, scen, assessments = audited
    for fid, fac in scen.factions.items():
        if fac.capital and scen.control.holder(fac.capital) == fid:
            assert assessments[fid].main_pocket is not None, fid
            assert fac.capital in assessments[fid].main_pocket.places


def test_every_lifeline_is_audited(audited):
    sid, scen, _ = audited
    keys = {(lf.faction, lf.source, tuple(lf.targets)) for lf in scen.lifelines}
    assert keys == set(CHOKEPOINTS[sid])


def test_chokepoints_are_the_audited_ones(audited):
    sid, scen, assessments = audited
    for lf in scen.lifelines:
        expected = CHOKEPOINTS[sid][(lf.faction, lf.source, tuple(lf.targets))]
        found = assessments[lf.faction].chokepoints[lf.name]
        assert set(found) == expected, lf.name
        assert len(found) == len(set(found)), lf.name


# ---------------------------------------------------------------- the fixes, one by one

def test_the_coast_is_reached_from_homs_by_three_roads_on_december_6():
    # M1 through Talkalakh; the Wadi al-Nasara road to Safita; the Homs-Masyaf road.
    scen = sim.load_scenario("syria-2024-12-06")
    theatre = scen.theatre
    for a, b in [("homs", "talkalakh"), ("talkalakh", "safita"), ("homs", "masyaf"),
                 ("safita", "wadi-al-oyoun"), ("masyaf", "qadmus")]:
        assert theatre.road(a, b) is not None, (a, b)
    gov = scen.factions["government"]
    a = assess(theatre, scen.control, gov, scen.lifelines)
    coast = next(lf for lf in scen.lifelines if lf.targets == ("latakia", "tartus"))
    assert "talkalakh" not in a.chokepoints[coast.name]
    assert "tartus" not in a.chokepoints[coast.name]


def test_the_sna_crosses_turkey_and_no_one_else_does():
    for sid in SCENARIOS:
        control = sim.load_scenario(sid).control
        assert "TR" in control.transit_for({"sna"})
        for other in ("government", "opposition", "sdf"):
            assert "TR" not in control.transit_for({other}), (sid, other)


def test_hajin_reaches_the_sdf_by_the_khabur_and_east_bank_roads():
    scen = sim.load_scenario("syria-2024-11-26")
    assert scen.control.holder("busayrah") == "sdf"
    assert scen.theatre.road("shaddadi", "busayrah") is not None
    assert scen.theatre.road("busayrah", "hajin") is not None
