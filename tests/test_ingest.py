"""`sim ingest`: short texts of the project's own, each with the claims it must give.

Every text is dated 2024-12-07 (a Saturday) unless a test says otherwise, so
"on Friday" is 2024-12-06 and "on Thursday" 2024-12-05.
"""

from __future__ import annotations

import json
import os
import re
import sys
import threading
import tomllib
import types
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sim import ingest as ingest_module
from sim import io
from sim.cli import app
from sim.control import Control
from sim.errors import InputError
from sim.ingest import (DEFAULT_MIN_CONFIDENCE, ingest, ingest_text, parse_document,
                        scenario_data)
from sim.report.ingest import review_text, to_json
from sim.model import FactionInfo, Place, Theatre

ROOT = Path(__file__).resolve().parent.parent
DIGEST = ROOT / "seeds" / "2024-12-06-rebels-seize-fourth-city.md"
DIGEST_SOURCE = "rebels-seize-fourth-city-2024-12-06"
DAY = "2024-12-07"
runner = CliRunner()


@pytest.fixture(scope="module")
def syria() -> Theatre:
    return io.load_theatre("syria")


def applied(result) -> set[tuple[str, str | None, str]]:
    return {(c.place, c.faction, c.kind) for c in result.claims if c.applied}


def read(text: str, theatre: Theatre, **kw):
    kw.setdefault("date", DAY)
    return ingest_text(text, theatre, **kw)


# ---------------------------------------------------------------- texts with claims

CLAIMS = [
    pytest.param("The southern city of Deraa fell to insurgents on Friday, residents said.",
                 {("daraa", "opposition", "captured")}, id="fell-to, Deraa, insurgents"),
    pytest.param("Hama was captured by rebels on Thursday after days of street fighting.",
                 {("hama", "opposition", "captured")}, id="passive by-agent"),
    pytest.param("The SDF took control of Dayr az-Zawr after government forces and "
                 "Iranian-backed militias withdrew from the city.",
                 {("deir-ez-zor", "sdf", "captured"), ("deir-ez-zor", "sdf", "withdrawn")},
                 id="SDF, Dayr az-Zawr, 'the city' refers back"),
    pytest.param("The army denied that rebels had entered Hama.",
                 {("hama", "government", "held")}, id="denial: the denier keeps the place"),
    pytest.param("A U.S.-backed alliance led by Syrian Kurdish fighters seized Raqqa's northern "
                 "districts.", {("raqqa", "sdf", "contested")},
                 id="districts: the place is contested, not taken"),
    pytest.param("By nightfall a U.S.-backed alliance led by Syrian Kurdish fighters had overrun "
                 "Deir el-Zor, a key government bastion.",
                 {("deir-ez-zor", "sdf", "captured")}, id="long alias, Deir el-Zor, appositive"),
    pytest.param("Hama, which rebels captured last week, was calm on Sunday.",
                 {("hama", "opposition", "captured")}, id="relative clause, capture"),
    pytest.param("Lattakia, which the army still holds, was quiet.",
                 {("latakia", "government", "held")}, id="relative clause, hold"),
    pytest.param("Opposition fighters took over Daraa's main square on Saturday.",
                 {("daraa", "opposition", "captured")}, id="possessive"),
    pytest.param("Government warplanes pounded rebel strongholds in Idleb, Hamah and Halab.",
                 {("idlib", "opposition", "held"), ("hama", "opposition", "held"),
                  ("aleppo", "opposition", "held")}, id="rebel strongholds list, spellings"),
    pytest.param("Families fled south towards the government strongholds of Lattakia and "
                 "Tartous.",
                 {("latakia", "government", "held"), ("tartus", "government", "held")},
                 id="government strongholds, Lattakia, Tartous"),
    pytest.param("Regime troops handed Suwayda over to local Druze factions without a fight.",
                 {("suwayda", "druze", "withdrawn")}, id="handed over to"),
    pytest.param("Rebels stormed Dar'a on Friday. Later that day the army withdrew from "
                 "Daraa entirely.",
                 {("daraa", "opposition", "captured"), ("daraa", "opposition", "withdrawn")},
                 id="withdrawal, taker from the same text"),
    pytest.param("Insurgents were closing in on Hims on Wednesday, and fighting raged on the "
                 "city's outskirts.",
                 {("homs", "opposition", "contested")}, id="closing in, Hims"),
    pytest.param("HTS fighters besieged Salamiyah overnight.",
                 {("salamiyah", "opposition", "contested")}, id="besieging, acronym"),
    pytest.param("Hezbollah sent units to bolster the Syrian army's defences around Qusayr.",
                 {("qusayr", "government", "held")}, id="bolstering defences"),
    pytest.param("The Syrian National Army said it had liberated Tal Rifaat on Sunday.",
                 {("tell-rifaat", "sna", "captured")}, id="liberated, Tal Rifaat"),
    pytest.param("In the desert, Islamic State fighters overran Sukhnah and Al-Qaryatayn.",
                 {("sukhnah", "islamic-state", "captured"),
                  ("al-qaryatayn", "islamic-state", "captured")}, id="list of two, IS"),
    pytest.param("By Saturday evening Palmyra had come under the control of the SFA.",
                 {("palmyra", "sfa", "captured")}, id="came under control"),
    pytest.param("Idlib, under rebel control since 2015, was calm on Monday.",
                 {("idlib", "opposition", "held")}, id="under control"),
    pytest.param("REBELS CAPTURE HAMA AS ARMY PULLS OUT",
                 {("hama", "opposition", "captured")}, id="all-caps headline"),
    pytest.param("Assad's forces still hold the capital, Damascus, and rebel-held Idlib is "
                 "quiet.",
                 {("damascus", "government", "held"), ("idlib", "opposition", "held")},
                 id="hold, rebel-held"),
    pytest.param("Homs remains in government hands; rebels advanced on Talbiseh, north of "
                 "the city.",
                 {("homs", "government", "held"), ("talbiseh", "opposition", "contested")},
                 id="in hands, advancing on"),
    pytest.param("Government troops surrendered Khan Sheikhoun to HTS on Friday.",
                 {("khan-shaykhun", "opposition", "withdrawn")}, id="surrendered to"),
    pytest.param("Opposition forces are at the gates of Hama.",
                 {("hama", "opposition", "contested")}, id="at the gates of"),
    pytest.param("Kurdish-led forces seized Mayadin, Al-Bukamal, and the Abu Kamal crossing.",
                 {("mayadin", "sdf", "captured"), ("al-bukamal", "sdf", "captured")},
                 id="list with Oxford comma and a duplicate spelling"),
]


# Every shape the clause reader is taught, each in words of the project's own (the
# texts of tests/data/ingest/ exercise them again in whole reports).
SHAPES = [
    pytest.param("Kurdish-led militias moved into Tabqa and into Raqqa on Friday.",
                 {("tabqa", "sdf", "captured"), ("raqqa", "sdf", "captured")},
                 id="X-led Y; into A and into B"),
    pytest.param("Fighters of the Syrian Free Army (SFA) entered Al-Qaryatayn. The SFA then "
                 "took Sukhnah.",
                 {("al-qaryatayn", "sfa", "captured"), ("sukhnah", "sfa", "captured")},
                 id="fighters of Y (ACRONYM), then the acronym"),
    pytest.param("By the evening the town of Izra was back in opposition hands.",
                 {("izra", "opposition", "held")}, id="back in X hands"),
    pytest.param("Jisr al-Shughur passed into the hands of the rebels on Friday.",
                 {("jisr-al-shughur", "opposition", "captured")}, id="passed into the hands of"),
    pytest.param("Maarat al-Numan and Saraqib now lie behind rebel lines.",
                 {("maarat-al-numan", "opposition", "held"), ("saraqib", "opposition", "held")},
                 id="lie behind X lines"),
    pytest.param("Rebels entered Sanamayn overnight. #Sanamayn is free!",
                 {("sanamayn", "opposition", "captured")}, id="#Town is free, actor carried"),
    pytest.param("The Southern Operations Room said the whole of Quneitra province was under "
                 "its control.",
                 {("quneitra", "opposition", "held"), ("khan-arnabah", "opposition", "held")},
                 id="the whole of a province, 'its' control"),
    pytest.param("Opposition fighters took the central city of Hama.",
                 {("hama", "opposition", "captured")}, id="the central city of X"),
    pytest.param("Palmyra, also known as Tadmur, fell to the SFA.",
                 {("palmyra", "sfa", "captured")}, id="also known as"),
    pytest.param("HTS consolidated control over Saraqib on Sunday.",
                 {("saraqib", "opposition", "held")}, id="consolidated control over"),
    pytest.param("Units loyal to the army remained inside Hama, the monitor said.",
                 {("hama", "government", "held")}, id="units loyal to X remained inside"),
    pytest.param("The SDF, which took Raqqa in 2017, still holds it.",
                 {("raqqa", "sdf", "held")}, id="relative clause with an old year; it"),
    pytest.param("Pro-government forces abandoned Mayadin, and the SDF moved in.",
                 {("mayadin", "sdf", "withdrawn"), ("mayadin", "sdf", "captured")},
                 id="pro-X; moved in (there)"),
    pytest.param("Statement of the General Command of the Syrian Democratic Forces. Our forces "
                 "have taken over Deir ez-Zor city.",
                 {("deir-ez-zor", "sdf", "captured")}, id="our forces: the author"),
    pytest.param("Turkish-backed factions took Tell Rifaat. They then advanced on Manbij.",
                 {("tell-rifaat", "sna", "captured"), ("manbij", "sna", "contested")},
                 id="they: the actor of the sentence before"),
    pytest.param("Rebels reached Hama on Monday. They were in full control of the city by "
                 "Thursday.",
                 {("hama", "opposition", "contested"), ("hama", "opposition", "held")},
                 id="the city: the place before"),
    pytest.param("The army handed Salamiyah, a town east of Hama, over to the opposition.",
                 {("salamiyah", "opposition", "withdrawn")}, id="handed X, appositive, over to"),
    pytest.param("The government has lost control of Nasib, and local rebels now hold the "
                 "crossing.", {("nasib", "opposition", "withdrawn"),
                               ("nasib", "opposition", "held")},
                 id="lost control of; the taker holds it"),
]


@pytest.mark.parametrize("text, expected", SHAPES)
def test_each_shape_gives_exactly_these_applied_claims(text, expected, syria):
    assert applied(read(text, syria)) == expected


@pytest.mark.parametrize("text, expected", CLAIMS)
def test_text_gives_exactly_these_applied_claims(text, expected, syria):
    assert applied(read(text, syria)) == expected


def test_there_are_at_least_fifteen_texts_with_claims():
    assert len(CLAIMS) >= 15


# ---------------------------------------------------------------- texts without control

NO_CONTROL = [
    pytest.param("Russian jets bombed Idlib and Hama overnight, killing at least 20 civilians.",
                 id="air strike"),
    pytest.param("Dozens of soldiers were killed near Homs.", id="casualties"),
    pytest.param("Thousands of refugees fled to Latakia and Tartus.", id="refugee destination"),
    pytest.param("Homs, which rebels hope to capture soon, was tense.", id="relative clause, hope"),
    pytest.param("Diplomats from Turkey and Iran met in Damascus to discuss a ceasefire.",
                 id="diplomacy"),
    pytest.param("Rebels have not captured Homs.", id="negation"),
    pytest.param("Rebels captured a village near Homs.", id="near, not the place"),
    pytest.param("Syrian rebels seize Halab airport, enter city", id="airport, not the city"),
    pytest.param("The Israeli military entered Quneitra.", id="a foreign army is no faction"),
    pytest.param("Rebels captured the Homs-Hama highway.", id="a road named by its ends"),
    pytest.param("If rebels take Homs, Damascus would be cut off from the coast.",
                 id="conditional"),
    pytest.param("HTS threatens to storm Hama within days.", id="threatens to"),
    pytest.param("Capturing Latakia would give the opposition a port.", id="gerund would"),
    pytest.param("The army aims to retake Aleppo before the new year.", id="aims to"),
    pytest.param("Rebels could reach Damascus by Sunday, analysts said.", id="could"),
    pytest.param("Who holds Saraqib now?", id="a question"),
    pytest.param("Rebels held Saraqib until the government offensive of 2020.",
                 id="a holding that ended"),
    pytest.param("Eastern Aleppo was held by the opposition until December 2016.",
                 id="an old year"),
    pytest.param("Unconfirmed reports said rebels had entered Hama.", id="unconfirmed"),
    pytest.param("The insurgents vowed to seize Homs within a week.", id="vowed to"),
    pytest.param("The army withdrew towards Palmyra.", id="withdrew towards: no place left"),
]


@pytest.mark.parametrize("text", NO_CONTROL)
def test_text_changes_no_control(text, syria):
    r = read(text, syria)
    assert applied(r) == set()
    assert dict(r.control) == {} and r.contested == ()


@pytest.mark.parametrize("text, place, faction, args", [
    ("If rebels take Homs, Damascus would be cut off from the coast.", "homs", "opposition",
     ("--fall", "homs:opposition")),
    ("HTS threatens to storm Hama within days.", "hama", "opposition",
     ("--fall", "hama:opposition")),
    ("Capturing Latakia would give the opposition a port.", "latakia", None,
     ("--fall", "latakia")),
    ("The army aims to retake Aleppo before the new year.", "aleppo", "government",
     ("--fall", "aleppo:government")),
    ("Rebels could soon besiege Hama.", "hama", "opposition", ("--contest", "hama")),
])
def test_hypotheticals_are_listed_as_what_ifs(text, place, faction, args, syria):
    r = read(text, syria, min_confidence=0.0)
    assert applied(r) == set()
    hypo = [c for c in r.claims if c.kind == "hypothetical"]
    assert [(c.place, c.faction, c.applied) for c in hypo] == [(place, faction, False)]
    assert [w.args for w in r.what_ifs] == [args]


def test_a_what_if_names_what_it_would_cut_off(syria):
    r = read("If rebels take Homs, Damascus would be cut off from the coast.", syria)
    assert r.what_ifs[0].threatens == ("damascus",)


def test_what_if_args_are_accepted_by_sim_what_if(syria):
    r = read("Rebels capturing Homs would isolate Damascus from the sea.", syria)
    args = list(r.what_ifs[0].args)
    out = runner.invoke(app, ["what-if", *args, "--json"])
    assert out.exit_code == 0, out.output
    assert json.loads(out.stdout)["events"] == [
        {"type": "fall", "place": "homs", "faction": "opposition"}]


def test_a_strike_sentence_still_names_the_strongholds_it_hit(syria):
    r = read("Warplanes pounded rebel strongholds in Hama and Aleppo overnight, killing "
             "dozens.", syria)
    assert applied(r) == {("hama", "opposition", "held"), ("aleppo", "opposition", "held")}


# ---------------------------------------------------------------- confidence

def test_unsure_claims_are_listed_but_not_applied_unless_the_bar_is_lowered(syria):
    text = "Unconfirmed reports said rebels had seized Homs."
    r = read(text, syria)
    [c] = r.claims
    assert (c.place, c.faction, c.kind, c.applied) == ("homs", "opposition", "captured", False)
    assert c.confidence < DEFAULT_MIN_CONFIDENCE
    assert applied(read(text, syria, min_confidence=0.4)) == {("homs", "opposition", "captured")}


def test_an_old_event_is_not_applied(syria):
    [c] = read("Government forces recaptured Aleppo in 2016.", syria).claims
    assert c.date_basis == "historic" and not c.applied


def test_entering_is_less_sure_than_capturing(syria):
    entered = read("Rebels entered Hama.", syria).claims[0].confidence
    captured = read("Rebels captured Hama.", syria).claims[0].confidence
    assert DEFAULT_MIN_CONFIDENCE <= entered < captured <= 1


def test_a_withdrawal_with_nobody_named_needs_the_base_adversary(syria):
    text = "The army withdrew from Mayadin overnight."
    [c] = read(text, syria).claims
    assert (c.faction, c.applied) == (None, False)
    # The base scenario's adversary is only a guess: listed, not applied by default ...
    r = read(text, syria, adversaries={"government": "sdf"})
    [c] = r.claims
    assert (c.faction, c.applied) == ("sdf", False)
    assert c.confidence < DEFAULT_MIN_CONFIDENCE
    # ... unless the user lowers the bar.
    r = read(text, syria, adversaries={"government": "sdf"}, min_confidence=0.5)
    assert applied(r) == {("mayadin", "sdf", "withdrawn")}


def test_contested_keeps_the_base_holder(syria):
    base = Control.of({"homs": "government", "hama": "government"})
    r = read("Rebels were closing in on Homs.", syria, base=base)
    assert r.contested == ("homs",) and dict(r.control) == {}
    assert r.holdings["homs"].faction == "government"
    assert r.holdings["homs"].status == "contested"


def test_a_capture_of_the_same_date_ends_the_contest(syria):
    r = read("Rebels advanced on Hama. On Saturday rebels captured Hama.", syria)
    assert r.contested == () and dict(r.control) == {"hama": "opposition"}


# ---------------------------------------------------------------- dates and order

def test_weekdays_and_month_days_are_resolved_against_the_document_date(syria):
    r = read("Rebels took Hama on Thursday. The SDF captured Raqqa on December 3. "
             "Rebels captured Aleppo yesterday.", syria)
    assert {c.place: c.date for c in r.claims} == {
        "hama": "2024-12-05", "raqqa": "2024-12-03", "aleppo": "2024-12-06"}


def test_document_date_from_front_matter_or_dateline(syria):
    fm = ingest_text("---\ndate: 2024-12-05\n---\nRebels captured Hama.", syria)
    line = ingest_text("BEIRUT, Dec. 5, 2024\n\nRebels captured Hama.", syria)
    forced = ingest_text("BEIRUT, Dec. 5, 2024\n\nRebels captured Hama.", syria,
                         date="2024-12-06")
    in_sentence = ingest_text("Rebels captured Hama on Dec. 4, 2024.", syria, date="2024-12-06")
    assert in_sentence.claims[0].date == "2024-12-04"
    assert fm.claims[0].date == line.claims[0].date == "2024-12-05"
    assert fm.documents[0].date_basis == "front matter" and line.documents[0].date_basis == "text"
    assert forced.claims[0].date == "2024-12-06"


def test_later_documents_override_earlier_ones_whatever_the_argument_order(syria):
    early = parse_document("---\ndate: 2024-12-01\n---\nGovernment forces held Hama.", "a.md")
    late = parse_document("---\ndate: 2024-12-05\n---\nHama fell to rebels.", "b.md")
    for docs in ([early, late], [late, early]):
        r = ingest(docs, syria)
        assert dict(r.control) == {"hama": "opposition"}
        assert all(c.applied for c in r.claims)
        assert r.contradictions == ()


def test_earlier_events_come_before_the_rest_of_the_day(syria):
    r = read("Government troops retook Hama on Saturday. Earlier, rebels had captured Hama.",
             syria)
    assert dict(r.control) == {"hama": "government"}
    assert r.contradictions == ()


def test_contradictions_of_one_date_are_reported_and_the_surer_claim_wins(syria):
    r = read("Rebels captured Hama on Thursday. State media said government troops still "
             "held Hama on Thursday.", syria)
    assert dict(r.control) == {"hama": "opposition"}
    [x] = r.contradictions
    assert x.place == "hama" and x.date == "2024-12-05" and x.winner.faction == "opposition"
    loser = next(c for c in r.claims if c.faction == "government")
    assert not loser.applied and any("outweighed" in n for n in loser.notes)


# ---------------------------------------------------------------- spans, output, determinism

def test_every_span_points_at_its_evidence(syria):
    text = DIGEST.read_text(encoding="utf-8")
    r = ingest([parse_document(text, "digest.md")], syria)
    assert r.claims
    for c in r.claims:
        a, b = c.span
        assert " ".join(text[a:b].split()) == c.evidence


def test_output_is_deterministic_and_sorted(syria):
    docs = [io.read_document(DIGEST)]
    one = json.dumps(to_json(ingest(docs, syria)), sort_keys=True)
    two = json.dumps(to_json(ingest(docs, syria)), sort_keys=True)
    assert one == two
    doc = json.loads(one)
    assert doc["schema"] == "sim.ingest/1"
    assert {"place", "faction", "kind", "date", "confidence", "applied", "evidence",
            "span"} <= set(doc["claims"][0])
    assert doc["contested"] == sorted(doc["contested"])
    assert list(doc["control"]) == sorted(doc["control"])


def test_names_come_from_the_theatre_not_from_code():
    toy = Theatre.build(
        "toy", "Toy", "SY",
        places=[Place("north", "Northtown", 1, 0, aliases=("Nordstadt",)),
                Place("south", "Southport", 0, 0)],
        roads=[], factions=[FactionInfo("blue", "Blue League", aliases=("the blues",)),
                            FactionInfo("red", "Red Front", aliases=("red militias",))])
    r = ingest_text("The blues seized Nordstadt on Friday, and red militias still hold "
                    "Southport.", toy, date=DAY)
    assert applied(r) == {("north", "blue", "captured"), ("south", "red", "held")}


# ---------------------------------------------------------------- the seed digest

SEED_CONTROL = {"aleppo": "opposition", "hama": "opposition", "idlib": "opposition",
                "daraa": "opposition", "deir-ez-zor": "sdf", "damascus": "government",
                "latakia": "government", "tartus": "government", "homs": "government"}


def test_the_digest_gives_the_picture_of_6_december(syria):
    r = ingest([io.read_document(DIGEST)], syria)
    assert r.documents[0].source == DIGEST_SOURCE
    assert r.documents[0].date == "2024-12-06"
    assert dict(r.control) == SEED_CONTROL
    assert r.contested == ("homs",)
    assert [w.events for w in r.what_ifs] == [(("fall", "homs", "opposition"),),
                                              (("fall", "homs", None),)]
    assert "damascus" in r.what_ifs[0].threatens
    assert not any(c.applied for c in r.claims if c.kind == "hypothetical")


def test_the_bundled_scenario_is_derived_from_the_digest(syria):
    """Ingesting the digest over the eve of the offensive gives every holding that
    scenarios/syria-2024-12-06.toml cites the digest's source for."""
    eve = io.load_scenario("syria-2024-11-26")
    dec6 = io.load_scenario("syria-2024-12-06")
    cited = {p: h for p, h in dec6.control.holdings.items() if h.source == DIGEST_SOURCE}
    assert cited, "syria-2024-12-06 cites no holding to the digest"
    r = ingest([io.read_document(DIGEST)], eve.theatre, base=eve.control,
               adversaries={f.id: f.adversary for f in eve.factions.values()})
    after = r.control_over(eve.control)
    for place, h in sorted(cited.items()):
        assert after.holder(place) == h.faction, place
        assert after.is_contested(place) == (h.status in ("contested", "besieged")), place
        assert place in r.holdings, f"{place} comes from the base, not from the digest"


# ---------------------------------------------------------------- command line

def cli(*args: str):
    return runner.invoke(app, ["ingest", *args])


def base_scenario(folder: Path) -> Path:
    path = folder / "eve.toml"
    path.write_text('[scenario]\nid = "eve"\ntitle = "Eve"\ndate = "2024-11-26"\n'
                    'theatre = "syria"\ndefault_holder = "government"\n\n'
                    '[factions.government]\nadversary = "opposition"\ncapital = "damascus"\n\n'
                    '[factions.opposition]\nadversary = "government"\n', encoding="utf-8")
    return path


def test_cli_review_table_is_the_default(tmp_path):
    doc = tmp_path / "r.txt"
    doc.write_text("Rebels captured Hama on Thursday. Rebels could take Homs.", encoding="utf-8")
    out = cli(str(doc), "--date", DAY)
    assert out.exit_code == 0, out.output
    lines = out.stdout.splitlines()
    header = next(line for line in lines if "evidence" in line)
    assert header.split() == ["place", "faction", "kind", "conf", "date", "evidence"]
    assert any(line.startswith("*") and "hama" in line and "captured" in line for line in lines)
    assert "sim what-if --fall homs:opposition" in out.stdout


def test_cli_json(tmp_path):
    doc = tmp_path / "r.txt"
    doc.write_text("Rebels captured Hama on Thursday. Rebels could take Homs.", encoding="utf-8")
    out = cli(str(doc), "--date", DAY, "--json")
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    assert data["control"] == {"hama": "opposition"} and data["contested"] == []
    assert [c["kind"] for c in data["claims"]] == ["captured", "hypothetical"]
    assert data["what_ifs"][0]["args"] == ["--fall", "homs:opposition"]


def test_cli_writes_a_scenario_that_extends_the_base(tmp_path):
    base = base_scenario(tmp_path)
    target = tmp_path / "derived.toml"
    out = cli(str(DIGEST), "--base", str(base), "-o", str(target))
    assert out.exit_code == 0, out.output
    data = tomllib.loads(target.read_text(encoding="utf-8"))
    assert data["scenario"]["extends"] == "eve" and data["scenario"]["date"] == "2024-12-06"
    assert [s["id"] for s in data["source"]] == [DIGEST_SOURCE]
    assert all(e["source"] == DIGEST_SOURCE and e["evidence"] for e in data["control"])
    scen = io.load_scenario(target)
    for place, faction in SEED_CONTROL.items():
        assert scen.control.holder(place) == faction
    assert scen.control.status("homs") == "contested"
    assert scen.control.holdings["hama"].source == DIGEST_SOURCE
    again = cli(str(DIGEST), "--base", str(base), "-o", str(target))
    assert again.exit_code != 0 and "--force" in again.stderr
    assert cli(str(DIGEST), "--base", str(base), "-o", str(target), "--force").exit_code == 0


def test_scenario_data_round_trips_through_the_loader(syria, tmp_path):
    import tomli_w
    base_scenario(tmp_path)
    r = ingest([io.read_document(DIGEST)], syria)
    data = scenario_data(r, id="x", title="X", date="2024-12-06", theatre="syria",
                         extends="eve")
    (tmp_path / "x.toml").write_text(tomli_w.dumps(data), encoding="utf-8")
    assert io.load_scenario(tmp_path / "x.toml").control.holder("deir-ez-zor") == "sdf"
    assert "homs" in review_text(r)


@pytest.mark.parametrize("content, message", [
    (b"", "empty"),
    (b"   \n\n", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
    (b"\xff\xfe\xfa bad bytes", "UTF-8"),
    ("Les rebelles ont pris le contr\u00f4le de la ville de Hama jeudi, selon des "
     "habitants de la r\u00e9gion.".encode(), "English"),
    ("\u0633\u064a\u0637\u0631 \u0627\u0644\u0645\u0639\u0627\u0631\u0636\u0648\u0646 "
     "\u0639\u0644\u0649 \u0645\u062f\u064a\u0646\u0629 \u062d\u0645\u0627\u0629 "
     "\u064a\u0648\u0645 \u0627\u0644\u062e\u0645\u064a\u0633".encode(), "English"),
    (b"The weather in the capital was mild and markets were busy on Thursday.", "no place"),
])
def test_bad_documents_give_one_clear_line_and_write_nothing(content, message, tmp_path):
    base = base_scenario(tmp_path)
    doc = tmp_path / "bad.txt"
    doc.write_bytes(content)
    target = tmp_path / "out.toml"
    out = cli(str(doc), "--base", str(base), "-o", str(target), "--date", DAY)
    assert out.exit_code != 0
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "bad.txt" in lines[0]
    assert message in lines[0]
    assert "Traceback" not in out.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.txt", "eve.toml"]


def test_missing_file_exits_non_zero(tmp_path):
    out = cli(str(tmp_path / "nope.txt"))
    assert out.exit_code != 0 and "file not found" in out.stderr


def test_one_bad_file_among_good_ones_writes_nothing(tmp_path):
    base = base_scenario(tmp_path)
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    target = tmp_path / "out.toml"
    out = cli(str(DIGEST), str(tmp_path / "empty.txt"), "--base", str(base), "-o", str(target))
    assert out.exit_code != 0 and not target.exists()


def test_o_needs_a_base_and_dated_documents(tmp_path):
    doc = tmp_path / "r.txt"
    doc.write_text("Rebels captured Hama.", encoding="utf-8")
    target = tmp_path / "out.toml"
    no_base = cli(str(doc), "-o", str(target))
    assert no_base.exit_code != 0 and "--base" in no_base.stderr
    undated = cli(str(doc), "--base", str(base_scenario(tmp_path)), "-o", str(target))
    assert undated.exit_code != 0 and "--date" in undated.stderr
    assert not target.exists()


def test_bad_options_are_reported(tmp_path):
    doc = tmp_path / "r.txt"
    doc.write_text("Rebels captured Hama.", encoding="utf-8")
    assert "YYYY-MM-DD" in cli(str(doc), "--date", "6 Dec").stderr
    assert "between 0 and 1" in cli(str(doc), "--min-confidence", "1.5").stderr


def test_front_matter_errors_name_the_file():
    with pytest.raises(InputError, match="x.md"):
        parse_document("---\ndate: yesterday\n---\nRebels took Hama.", "x.md")


def test_a_dateline_without_a_year_takes_it_from_the_base_scenario(syria):
    text = "DAMASCUS, Dec 7 (Wire) - Rebels captured Hama."
    assert read(text, syria, date=None).documents[0].date is None
    r = read(text, syria, date=None, base_date="2024-11-26")
    assert r.documents[0].date == "2024-12-07"
    assert r.documents[0].date_basis == "text, year from the base scenario"


# ---------------------------------------------------------------- size limit

def one_error_line(out) -> str:
    assert out.exit_code != 0
    assert "Traceback" not in out.output
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), out.stderr
    return lines[0]


def test_a_document_over_the_size_limit_is_refused_in_one_line(tmp_path, monkeypatch):
    text = "Rebels captured Hama on Thursday. Rebels could take Homs."
    monkeypatch.setattr(ingest_module, "MAX_DOCUMENT_BYTES", len(text.encode()))
    at_limit, over = tmp_path / "at-limit.txt", tmp_path / "over.txt"
    at_limit.write_text(text, encoding="utf-8")
    over.write_text(text + " ", encoding="utf-8")
    assert cli(str(at_limit), "--date", DAY).exit_code == 0
    line = one_error_line(cli(str(over), "--date", DAY))
    assert "over.txt" in line
    assert line.endswith(f"larger than the {len(text)} bytes a document may be")
    with pytest.raises(InputError, match="larger than"):
        io.read_document(over)


def test_the_size_limit_is_32_mib_and_named_in_mib(tmp_path, monkeypatch):
    assert ingest_module.MAX_DOCUMENT_BYTES == 32 * 2**20
    monkeypatch.setattr(ingest_module, "MAX_DOCUMENT_BYTES", 2**20)
    big = tmp_path / "big.txt"
    big.write_bytes(b"Rebels captured Hama. " * (2**20 // 22 + 1))
    assert "larger than the 1 MiB a document may be" in one_error_line(cli(str(big)))


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_a_device_that_never_ends_is_refused_not_read_whole():
    """/dev/zero would fill memory: at most the limit and one byte are read."""
    line = one_error_line(cli("/dev/zero", "--date", DAY))
    assert "/dev/zero" in line and "larger than the 32 MiB a document may be" in line
    assert "not a regular file" in line


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")
def test_a_pipe_is_read_up_to_the_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(ingest_module, "MAX_DOCUMENT_BYTES", 1000)
    fifo = tmp_path / "pipe"

    def writer(data: bytes) -> None:
        try:
            with open(fifo, "wb") as fh:
                fh.write(data)
        except BrokenPipeError:
            pass                      # the reader stopped at the limit

    for data, ok in ((b"Rebels captured Hama on Thursday.", True), (b"Rebels took Homs. " * 200,
                                                                        False)):
        os.mkfifo(fifo)
        thread = threading.Thread(target=writer, args=(data,))
        thread.start()
        out = cli(str(fifo), "--date", DAY)
        thread.join(10)
        fifo.unlink()
        if ok:
            assert out.exit_code == 0 and "hama" in out.stdout, out.output
        else:
            assert "larger than the 1,000 bytes a document may be (not a regular file" in \
                one_error_line(out)


# ---------------------------------------------------------------- linear work

INGEST_DIR = str(Path(ingest_module.__file__).resolve().parent)


@pytest.fixture
def line_work():
    """Counts the lines of sim.ingest's code that reading one text executes (a trace of
    ``line`` events in the files of the package). A deterministic stand-in for time: a
    loop over the whole sentence for every clause, the usual way to make reading
    quadratic, shows up here (the benchmark, tools/bench_ingest.py, measures time)."""
    def work(text: str, theatre: Theatre) -> tuple[int, int]:
        count = 0

        def tracer(frame, event, arg):
            nonlocal count
            if not frame.f_code.co_filename.startswith(INGEST_DIR):
                return None
            if event == "line":
                count += 1
            return tracer

        ingest_text(text[:200], theatre, date=DAY)       # lexicon and names built once
        sys.settrace(tracer)
        try:
            r = ingest_text(text, theatre, date=DAY)
        finally:
            sys.settrace(None)
        return count, len(r.claims)
    return work


CLAUSES = ("rebels advanced on Hama", "government forces withdrew from Homs and Tartus",
           "the army still holds Latakia, Jableh and Baniyas",
           "insurgents captured Daraa on Friday", '"the SDF took Raqqa" a resident said',
           "fighting raged on the outskirts of Aleppo", "the road from Idlib to Saraqib was cut")
LIST = ("Hama", "Homs", "Tartus", "Latakia", "Jableh", "Baniyas", "Daraa", "Raqqa", "Aleppo",
        "Idlib", "Saraqib", "Palmyra", "Suwayda")


def one_sentence(n: int) -> str:
    """n clauses and no full stop."""
    return "Reports said " + ", while ".join(CLAUSES[i % len(CLAUSES)] for i in range(n))


def one_list(n: int) -> str:
    """One sentence naming n places."""
    return ("Rebels said they now hold " + ", and ".join(LIST[i % len(LIST)] for i in range(n))
            + " and Qusayr, and the army withdrew from Homs.")


def one_block(n: int) -> str:
    """n sentences, one a line, and no blank line: a single paragraph."""
    return "\n".join(f"{CLAUSES[i % len(CLAUSES)][0].upper()}{CLAUSES[i % len(CLAUSES)][1:]}."
                      for i in range(n))


@pytest.mark.parametrize("make", [one_sentence, one_list, one_block])
def test_reading_takes_work_linear_in_the_text(make, line_work, syria):
    """Twice the text, about twice the work (no timing: counted, see line_work)."""
    (small, claims), (large, _) = line_work(make(150), syria), line_work(make(300), syria)
    assert claims > 0
    assert 1.8 < large / small < 2.25, (small, large)
