"""One schema for places and roads: every reader reports every bad value at once, and none
of them trips over one (a ValidationError or InputError naming the file and the line or key,
never another exception)."""

from __future__ import annotations

import json
import math
import shutil
from pathlib import Path

import pytest
import tomli_w
from typer.testing import CliRunner

from sim import formats, io, schema
from sim.cli import app
from sim.errors import InputError, SimError, ValidationError
from sim.schema import Problems

ROOT = Path(__file__).resolve().parent.parent
TINY = ROOT / "docs" / "examples" / "tiny"
TINY_SCENARIO = ROOT / "docs" / "examples" / "tiny-scenario.toml"

runner = CliRunner()

#: Values a careless file may hold where a text, a number or a list belongs.
BAD_VALUES = ["many", "x", -3, 0, 7, True, 10**30, 2**70, math.nan, math.inf, [], [1, 2],
              {"a": 1}, "", ["x", {"y": 1}]]


def problems_of(excinfo) -> str:
    return "\n".join(excinfo.value.problems)


# ---------------------------------------------------------------- the collector and the fields

def test_problems_are_collected_with_their_line_or_key_and_raised_at_once():
    found = Problems("s.toml")
    found.add("must be YYYY-MM-DD", key="scenario.date")
    found.add("unknown place 'x'", key="control[0].places[0]", line=12)
    found.add("km 'ten' is not a number", at="roads.csv:4")
    found.add("missing lat", line=3)
    with pytest.raises(ValidationError) as err:
        found.raise_if_any()
    assert err.value.file == "s.toml"
    assert err.value.problems == ["[scenario.date] must be YYYY-MM-DD",
                                  "line 12: [control[0].places[0]] unknown place 'x'",
                                  "roads.csv:4: km 'ten' is not a number",
                                  "line 3: missing lat"]
    Problems("empty.toml").raise_if_any()  # nothing found: nothing raised


@pytest.mark.parametrize("value, expected", [
    ("1200", 1200), (1200, 1200), (1200.0, 1200), ("1.2e3", 1200), (None, None), ("", None),
    (0, 0)])
def test_a_population_is_a_whole_number_of_people(value, expected):
    found = Problems()
    assert schema.population(value, "x", found) == expected
    assert not found.messages


@pytest.mark.parametrize("value", ["many", -5, 12.5, True, [3], {"n": 3}, math.nan, math.inf,
                                   10**30, "1" * 5000, "1e400"])
def test_a_population_that_is_no_whole_number_of_people_is_a_problem(value):
    found = Problems()
    assert schema.population(value, "places.csv:3", found) is None
    assert len(found.messages) == 1 and found.messages[0].startswith("places.csv:3: population ")


@pytest.mark.parametrize("value, message", [
    ("x", "lat 'x' is not a number"), (math.nan, "lat nan is not a finite number"),
    (math.inf, "lat inf is not a finite number"), (10**400, "is not a finite number"),
    (91, "lat 91.0 is out of range (-90 to 90)"), (None, "missing lat"),
    ([1], "lat [1] is not a number"), (True, "lat True is not a number")])
def test_a_latitude_is_a_finite_number_of_degrees(value, message):
    found = Problems()
    assert schema.latitude(value, "[place[0]]", found) is None
    assert found.messages[0].startswith("[place[0]]: ") and message in found.messages[0]


@pytest.mark.parametrize("value, expected", [
    ("Idlib", "Idlib"), ("  Deir ez-Zor ", "Deir ez-Zor"), ("Rif Dimashq", "Rif Dimashq"),
    ("Şanlıurfa", "Şanlıurfa"), ("درعا", "درعا"), (None, None), ("", None), ("  ", None)])
def test_a_governorate_is_a_name_or_none(value, expected):
    found = Problems()
    assert schema.governorate(value, "x", found) == expected
    assert not found.messages


@pytest.mark.parametrize("value", [5, 2.5, True, ["Idlib"], {"name": "Idlib"}, math.nan, "4021",
                                   "-1", ";", "9" * 5000])
def test_a_governorate_that_is_no_name_is_a_problem(value):
    found = Problems()
    assert schema.governorate(value, "places.csv:3", found) is None
    assert len(found.messages) == 1
    assert found.messages[0].startswith("places.csv:3: governorate must be a name, got ")
    assert len(found.messages[0]) < 120  # a long value is not echoed whole


def test_a_blank_governorate_is_none_in_csv_but_a_problem_in_toml():
    found = Problems()
    assert schema.place({"id": "a", "lat": 0, "lon": 0, "governorate": ""}, "places.csv:2",
                        found).governorate is None
    assert schema.place({"id": "a", "lat": 0, "lon": 0, "governorate": " "}, "[place[0]]", found,
                        sep=None) is None
    assert found.messages == ["[place[0]]: governorate must be a name, got ' '"]


def test_lengths_are_positive_and_choices_are_named():
    found = Problems()
    assert schema.positive(-3, "km", "line 4", found) is None
    assert schema.choice(7, "kind", schema.PLACE_KINDS, "[place[2]]", found) is None
    assert schema.choice(None, "status", schema.STATUSES, "line 5", found, default="held") == "held"
    assert schema.strings(5, "aliases", "[place[1]]", found) == ()
    assert schema.flag("perhaps", "secondary", "[source[0]]", found) is False
    assert found.messages == [
        "line 4: km must be positive, got -3",
        "[place[2]]: kind must be one of city, town, junction, crossing, port, airbase, got '7'",
        "[place[1]]: aliases must be a list of strings, got 5",
        "[source[0]]: secondary must be true or false, got 'perhaps'"]


def test_one_place_record_means_the_same_whatever_file_it_comes_from():
    record = {"id": "homs", "name": "Homs", "lat": "34.73", "lon": 36.72, "kind": "city",
              "country": "sy", "population": "775404", "aliases": "Hims;Emesa"}
    place = schema.place(record, "places.csv:2", Problems())
    assert (place.id, place.lat, place.country, place.population, place.aliases) == (
        "homs", 34.73, "SY", 775404, ("Hims", "Emesa"))
    assert schema.place({**record, "aliases": ["Hims", "Emesa"]}, "[place[0]]",
                        Problems()) == place


def test_a_bad_place_record_names_every_problem():
    found = Problems()
    bad = {"id": "x", "lat": "north", "lon": 500, "kind": 7, "population": "many",
           "aliases": 5, "country": "Syria"}
    assert schema.place(bad, "[place[4]] (id 'x')", found) is None
    assert found.messages == [
        "[place[4]] (id 'x'): lat 'north' is not a number",
        "[place[4]] (id 'x'): lon 500.0 is out of range (-180 to 180)",
        "[place[4]] (id 'x'): kind must be one of city, town, junction, crossing, port, "
        "airbase, got '7'",
        "[place[4]] (id 'x'): country must be a two-letter ISO code, got 'Syria'",
        "[place[4]] (id 'x'): population 'many' is not a whole number",
        "[place[4]] (id 'x'): aliases must be a list of strings, got 5"]


def test_a_bad_road_record_names_every_problem():
    found = Problems()
    assert schema.road({"a": "a", "b": "a", "km": "-3", "class": "trail", "km_basis": "guess"},
                       "roads.csv:7", found) is None
    assert found.messages == [
        "roads.csv:7: road joins 'a' to itself",
        "roads.csv:7: km must be positive, got '-3'",
        "roads.csv:7: class must be one of motorway, primary, secondary, mountain, desert, "
        "got 'trail'",
        "roads.csv:7: km_basis must be one of sourced, estimated, got 'guess'"]


# ---------------------------------------------------------------- theatre folders

THEATRE = {"theatre": {"id": "t", "name": "T", "home_country": "XA"}}
PLACES = {"place": [{"id": "a", "name": "A", "lat": 1.0, "lon": 2.0, "country": "XA"},
                    {"id": "b", "name": "B", "lat": 1.0, "lon": 3.0, "country": "XA"}]}
FACTIONS = {"faction": [{"id": "blue", "name": "Blue", "colour": "#1f77b4"}]}
ROADS = "a,b,km,class\na,b,10,primary\n"


def theatre_folder(tmp_path: Path, *, theatre=None, places=None, factions=None,
                   roads: str = ROADS, raw: dict[str, str] | None = None) -> Path:
    """A theatre folder with the given file contents (data as TOML, or raw text)."""
    folder = tmp_path / "mine"
    folder.mkdir(exist_ok=True)
    for name, data in (("theatre.toml", theatre or THEATRE), ("places.toml", places or PLACES),
                       ("factions.toml", factions or FACTIONS)):
        (folder / name).write_text(tomli_w.dumps(data))
    (folder / "roads.csv").write_text(roads)
    for name, text in (raw or {}).items():
        (folder / name).write_text(text)
    return folder


def test_a_good_theatre_folder_loads(tmp_path):
    th = io.load_theatre(theatre_folder(tmp_path))
    assert (th.id, len(th.places), th.road("a", "b").km) == ("t", 2, 10.0)
    assert th.factions["blue"].colour == "#1f77b4"


def test_every_bad_place_of_a_theatre_is_named_by_its_key_at_once(tmp_path):
    places = {"place": [{"id": "a", "name": "A", "lat": 1.0, "lon": 2.0, "population": "many"},
                        {"id": "b", "name": "B", "lat": "x", "lon": 3.0, "aliases": 5},
                        {"id": "c", "name": "C", "lat": 1.0, "lon": 4.0, "kind": 7},
                        {"id": "a", "name": "A again", "lat": 1.0, "lon": 2.0},
                        {"name": "nameless", "lat": math.nan, "lon": math.inf}]}
    with pytest.raises(ValidationError) as err:
        io.load_theatre(theatre_folder(tmp_path, places=places))
    assert err.value.file.endswith("places.toml")
    assert err.value.problems == [
        "[place[0]] (id 'a'): population 'many' is not a whole number",
        "[place[1]] (id 'b'): lat 'x' is not a number",
        "[place[1]] (id 'b'): aliases must be a list of strings, got 5",
        "[place[2]] (id 'c'): kind must be one of city, town, junction, crossing, port, "
        "airbase, got '7'",
        "[place[3]] (id 'a'): duplicate place id 'a' (first at [place[0]] (id 'a'))",
        "[place[4]]: missing id", "[place[4]]: lat nan is not a finite number",
        "[place[4]]: lon inf is not a finite number"]


REGION_TOML = """[[place]]
id = "a"
name = "A"
lat = 1.0
lon = 2.0
governorate = "Deir ez-Zor"

[[place]]
id = "b"
name = "B"
lat = 1.0
lon = 3.0
"""


def test_a_theatre_folder_reads_each_places_governorate(tmp_path):
    th = io.load_theatre(theatre_folder(tmp_path, raw={"places.toml": REGION_TOML}))
    assert (th.places["a"].governorate, th.places["b"].governorate) == ("Deir ez-Zor", None)
    assert th.governorate_places("deir ez zor") == ("a",)


@pytest.mark.parametrize("value, shown", [('5', "5"), ('""', "''"), ('["Idlib"]', "['Idlib']"),
                                          ('true', "True"), ('{ name = "Idlib" }',
                                                             "{'name': 'Idlib'}")])
def test_a_bad_governorate_in_places_toml_names_the_file_line_and_place(tmp_path, value, shown):
    text = REGION_TOML + f"governorate = {value}\n"
    with pytest.raises(ValidationError) as err:
        io.load_theatre(theatre_folder(tmp_path, raw={"places.toml": text}))
    assert err.value.file.endswith("places.toml")
    assert err.value.problems == [f"line 8 [place[1]] (id 'b'): governorate must be a name, "
                                  f"got {shown}"]


def test_a_misspelt_governorate_key_is_named_with_the_right_one(tmp_path):
    text = REGION_TOML + 'governate = "Idlib"\n'
    with pytest.raises(ValidationError) as err:
        io.load_theatre(theatre_folder(tmp_path, raw={"places.toml": text}))
    assert "did you mean: governorate?" in problems_of(err)


def test_every_bad_road_of_a_theatre_is_named_by_its_line_at_once(tmp_path):
    roads = "a,b,km,class\na,b,-3,primary\na,zed,5,\nb,a,ten,trail\nb\na,b,1,2,3\n"
    with pytest.raises(ValidationError) as err:
        io.load_theatre(theatre_folder(tmp_path, roads=roads))
    assert err.value.file.endswith("roads.csv")
    assert err.value.problems == [
        "line 2: km must be positive, got '-3'",
        "line 3: road names unknown place 'zed'",
        "line 4: km 'ten' is not a number",
        "line 4: class must be one of motorway, primary, secondary, mountain, desert, "
        "got 'trail'",
        "line 5: missing road end b", "line 5: missing km",
        "line 6: more fields than header columns"]


def test_a_theatre_file_of_the_wrong_shape_is_reported_not_tripped_over(tmp_path):
    with pytest.raises(ValidationError) as err:
        io.load_theatre(theatre_folder(tmp_path, raw={"theatre.toml": 'theatre = "syria"\n'}))
    assert err.value.file.endswith("theatre.toml")
    assert "[theatre] must be a table, got 'syria'" in problems_of(err)
    assert "[theatre.id] is required" in problems_of(err)
    bad = {"theatre": {"id": ["t"], "name": "T", "home_country": "Syria", "credits": 5},
           "countries": "SY"}
    with pytest.raises(ValidationError) as err:
        io.load_theatre(theatre_folder(tmp_path, theatre=bad))
    assert err.value.problems == [
        "[theatre]: id must be text, got ['t']",
        "[theatre]: home_country must be a two-letter ISO code, got 'Syria'",
        "[theatre]: credits must be a list of strings, got 5",
        "[countries] must be a table, got 'SY'"]


def test_a_list_or_a_text_where_tables_belong_is_reported(tmp_path):
    with pytest.raises(ValidationError, match=r"\[place\] must be a list of tables"):
        io.load_theatre(theatre_folder(tmp_path, raw={"places.toml": 'place = "homs"\n'}))
    with pytest.raises(ValidationError, match=r"\[faction\[0\]\] must be a table, got 'blue'"):
        io.load_theatre(theatre_folder(tmp_path, raw={"factions.toml": 'faction = ["blue"]\n'}))
    with pytest.raises(ValidationError, match=r"colour must be written #rrggbb, got 'blue'"):
        io.load_theatre(theatre_folder(tmp_path, factions={"faction": [{"id": "b",
                                                                        "colour": "blue"}]}))


def test_a_faction_s_plural_is_a_boolean(tmp_path):
    th = io.load_theatre(theatre_folder(tmp_path, factions={"faction": [
        {"id": "druze", "short": "Druze factions", "plural": True}, {"id": "blue"}]}))
    assert th.factions["druze"].plural and not th.factions["blue"].plural
    (tmp_path / "bad").mkdir()
    with pytest.raises(ValidationError, match=r"plural must be true or false, got 'many'"):
        io.load_theatre(theatre_folder(tmp_path / "bad", factions={"faction": [
            {"id": "b", "plural": "many"}]}))


@pytest.mark.parametrize("text", ["a = " + "1" * 5000, "a = " + "[" * 5000 + "]" * 5000,
                                  "\x00\x01\x02", "a = 1\nb = [1, "])
def test_toml_that_cannot_be_parsed_is_one_input_error(tmp_path, text):
    with pytest.raises(InputError) as err:
        io.load_theatre(theatre_folder(tmp_path, raw={"places.toml": text}))
    assert "places.toml" in str(err.value) and "TOML" in str(err.value)


@pytest.mark.parametrize("key", ["id", "name", "lat", "lon", "kind", "country", "governorate",
                                 "population", "aliases", "coord_source"])
@pytest.mark.parametrize("bad", BAD_VALUES, ids=repr)
def test_no_bad_place_value_trips_the_theatre_reader(tmp_path, key, bad):
    places = {"place": [{**PLACES["place"][0], key: bad}, PLACES["place"][1]]}
    try:
        io.load_theatre(theatre_folder(tmp_path, places=places))
    except ValidationError as exc:  # a bad id leaves the road to place 'a' without an end
        assert (exc.file.endswith("places.toml") and all("[place[" in p for p in exc.problems)
                or exc.problems == ["line 2: road names unknown place 'a'"]), exc


# ---------------------------------------------------------------- CSV, GeoJSON, GraphML

CSV_PLACES = "id,name,lat,lon,kind,country,population,aliases\n"


def test_csv_values_are_checked_by_the_same_rules():
    places = CSV_PLACES + "a,A,1,2,town,XA,1e30,\nb,B,nan,2,,XA,,\nc,C,1,inf,,,,\n"
    with pytest.raises(ValidationError) as err:
        formats.read_csv(places, "a,b,km\na,b,-3\n")
    assert err.value.problems == [
        "places.csv:2: population '1e30' is more than any place holds",
        "places.csv:3: lat 'nan' is not a finite number",
        "places.csv:4: lon 'inf' is not a finite number",
        "roads.csv:2: km must be positive, got '-3'"]


def _collection(*features, **extra) -> str:
    return json.dumps({"type": "FeatureCollection", "features": list(features), **extra})


def _point(lon, lat, **props):
    return {"type": "Feature", "properties": props,
            "geometry": {"type": "Point", "coordinates": [lon, lat]}}


def test_geojson_values_of_the_wrong_kind_are_problems_of_their_feature():
    text = _collection(_point(0, 0, id="a", population=10**30, aliases=5),
                       _point(0, 1, id="b", kind=7, name={"en": "B"}),
                       _point(math.nan, 1, id="c"),
                       {"type": "Feature", "properties": {"a": "a", "b": "b", "km": [3]},
                        "geometry": {"type": "LineString", "coordinates": [[0, 0], [0, 1]]}},
                       "not a feature",
                       sim={"home_country": ["XA"]})
    with pytest.raises(ValidationError) as err:
        formats.read_geojson(text, file="mine.geojson")
    assert err.value.file == "mine.geojson"
    assert err.value.problems == [
        "features[0] (id 'a'): population 1000000000000000000000000000000 is more than any "
        "place holds",
        "features[0] (id 'a'): aliases must be a list of strings, got 5",
        "features[1] (id 'b'): name must be text, got {'en': 'B'}",
        "features[1] (id 'b'): kind must be one of city, town, junction, crossing, port, "
        "airbase, got '7'",
        "features[2] (id 'c'): Point needs coordinates [lon, lat], got [nan, 1]",
        "features[4]: must be a Feature (type \"Feature\"), got 'not a feature'",
        "features[3]: km [3] is not a number",
        "sim: home_country must be text, got ['XA']"]


@pytest.mark.parametrize("text", ["1" * 5000, "[" * 100000, "", "\ufeff{", '{"type": 5}'])
def test_geojson_that_is_no_feature_collection_is_one_input_error(text):
    with pytest.raises(InputError) as err:
        formats.read_geojson(text, file="x.geojson")
    assert err.value.file == "x.geojson"


GRAPHML = """<?xml version="1.0"?>
<graphml>
  <key id="y" for="node" attr.name="y"/><key id="x" for="node" attr.name="x"/>
  <key id="k" for="node" attr.name="kind"/><key id="p" for="node" attr.name="population"/>
  <key id="l" for="edge" attr.name="length"/>
  <graph>
    <node id="a"><data key="y">1</data><data key="x">2</data><data key="k">7</data></node>
    <node id="b"><data key="y">NaN</data><data key="x">3</data><data key="p">many</data></node>
    <edge source="a" target="b"><data key="l">-3</data></edge>
  </graph>
</graphml>
"""


def test_graphml_values_are_checked_by_the_same_rules():
    with pytest.raises(ValidationError) as err:
        formats.read_graphml(GRAPHML, file="g.graphml")
    assert err.value.problems == [
        "node 'a' (line 7): kind must be one of city, town, junction, crossing, port, "
        "airbase, got '7'",
        "node 'b' (line 8): lat 'NaN' is not a finite number",
        "node 'b' (line 8): population 'many' is not a whole number",
        "edge a->b (line 9): length must be positive, got '-3'"]


# ---------------------------------------------------------------- control files and scenarios

@pytest.mark.parametrize("text, problem", [
    ('control = "homs"\n', "[control] must be a list of tables ([[control]]), got 'homs'"),
    ('control = ["homs"]\n', "[control[0]] must be a table, got 'homs'"),
    ('[[control]]\nfaction = "red"\nplaces = "alder"\n',
     "[control[0]]: places must be a list of place names, got 'alder'"),
    ('[[control]]\nfaction = ["red"]\nplaces = ["alder"]\n',
     "[control[0].places[0]]: faction must be text, got ['red']"),
    ('[[control]]\nfaction = "red"\nplaces = ["alder"]\nstatus = 7\n',
     "[control[0].places[0]]: status must be one of held, contested, besieged, got '7'"),
    ('default_holder = ["blue"]\n', "[default_holder]: default_holder must be text"),
    ('holders = 1\n', "[holders] is not a key of a control file"),
])
def test_control_toml_of_the_wrong_shape_is_reported(tmp_path, text, problem):
    path = tmp_path / "c.toml"
    path.write_text(text)
    with pytest.raises(ValidationError) as err:
        io.load_scenario(theatre=TINY, control=path, default_holder="blue")
    assert err.value.file.endswith("c.toml") and problem in problems_of(err)


def test_control_csv_rows_are_checked_by_their_line(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("place,faction,status\nalder,red,held\n,red,\nbirch,,sieged\nelm,red,held,x\n")
    with pytest.raises(ValidationError) as err:
        io.load_scenario(theatre=TINY, control=path, default_holder="blue")
    assert err.value.problems == [
        "line 3: missing place",
        "line 4: missing faction",
        "line 4: status must be one of held, contested, besieged, got 'sieged'",
        "line 5: more fields than header columns"]


def scenario_file(tmp_path: Path, data: dict, name: str = "s.toml") -> Path:
    if not (tmp_path / "tiny").exists():
        shutil.copytree(TINY, tmp_path / "tiny")
    path = tmp_path / name
    path.write_text(tomli_w.dumps(data))
    return path


def tiny_data() -> dict:
    import tomllib

    return tomllib.loads(TINY_SCENARIO.read_text())


def test_a_scenario_of_the_wrong_shape_names_every_key_at_once(tmp_path):
    data = tiny_data()
    data["policy"] = "closed"
    data["source"] = {"id": "s"}
    data["control"] = [{"faction": "red", "places": ["fenwick"], "status": ["held"],
                        "source": ["s"], "fact": {"a": 1}}, "birch"]
    data["factions"]["blue"]["strongholds"] = "dunmore"
    data["factions"]["blue"]["colour"] = "blue"
    data["factions"]["red"] = "Red Front"
    data["lifeline"] = [{"name": 5, "faction": "blue", "source": "alder", "targets": [7]}]
    data["road"] = [{"a": "alder", "b": "birch", "state": math.nan}]
    with pytest.raises(ValidationError) as err:
        io.load_scenario(scenario_file(tmp_path, data))
    assert err.value.file.endswith("s.toml")
    assert "line " in err.value.problems[6]  # the locator found "nan" in the file
    assert [p.split(": ", 1)[1] if p.startswith("line ") else p for p in err.value.problems] == [
        "[policy] must be a table, got 'closed'",
        "[source] must be a list of tables ([[source]]), got {'id': 's'}",
        "[control[1]] must be a table, got 'birch'",
        "[control[0].status] must be text, got ['held']",
        "[control[0].source] must be text, got ['s']",
        "[control[0].fact] must be text, got {'a': 1}",
        "[road[0].state] must be text, got nan",
        "[factions.red] must be a table, got 'Red Front'",
        "[factions.blue.colour] must be written #rrggbb, got 'blue'",
        "[factions.blue.strongholds] must be a list, got 'dunmore'",
        "[lifeline[0].targets[0]] must be a place name, got 7",
        "[lifeline[0].targets] names no place"]


@pytest.mark.parametrize("bad", BAD_VALUES, ids=repr)
@pytest.mark.parametrize("path", [
    ("scenario",), ("scenario", "id"), ("scenario", "date"), ("scenario", "theatre"),
    ("scenario", "default_holder"), ("scenario", "extends"), ("scenario", "home_country"),
    ("factions",), ("factions", "blue"), ("factions", "blue", "capital"),
    ("factions", "blue", "allies"), ("factions", "blue", "transit"), ("control",),
    ("control", 0), ("control", 0, "places"), ("control", 0, "status"), ("lifeline",),
    ("lifeline", 0, "targets"), ("policy",), ("source",), ("road",)],
    ids=lambda path: "/".join(map(str, path)))
def test_no_bad_value_trips_the_scenario_reader(tmp_path, path, bad):
    data = tiny_data()
    data.update(policy={"contested": "holder"}, source=[{"id": "s"}], road=[])
    table = data
    for key in path[:-1]:
        table = table[key]
    table[path[-1]] = bad
    try:
        io.load_scenario(scenario_file(tmp_path, data))
    except SimError as exc:
        assert isinstance(exc, InputError) or "unknown" in str(exc)


def test_a_scenario_extending_another_keeps_the_wrong_shapes_for_the_report(tmp_path):
    scenario_file(tmp_path, tiny_data(), "parent.toml")
    child = {"scenario": {"id": "c", "date": "2025-01-02", "extends": "parent"},
             "policy": ["closed"], "factions": {"blue": "x"}, "lifeline": "none"}
    with pytest.raises(ValidationError) as err:
        io.load_scenario(scenario_file(tmp_path, child, "child.toml"))
    assert err.value.problems == ["[policy] must be a table, got ['closed']",
                                  "[factions.blue] must be a table, got 'x'",
                                  "[lifeline] must be a list of tables ([[lifeline]]), got 'none'"]
    child["scenario"]["extends"] = ["parent"]
    with pytest.raises(InputError, match=r"\[scenario.extends\]: must name a scenario"):
        io.load_scenario(scenario_file(tmp_path, child, "child.toml"))


# ---------------------------------------------------------------- the command line

def _no_traceback(result, code: int = 2) -> None:
    """One clear error: exit 2 for bad input, 1 when ``sim validate`` finds problems."""
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    assert result.stderr.startswith("error: ")
    assert not isinstance(result.exception, Exception) or isinstance(result.exception,
                                                                     SystemExit)


def test_cli_validate_a_bad_theatre_folder_lists_every_problem(tmp_path):
    places = {"place": [{"id": "a", "name": "A", "lat": "x", "lon": 2.0, "population": "many"},
                        {"id": "b", "name": "B", "lat": 1.0, "lon": 3.0, "aliases": 5}]}
    folder = theatre_folder(tmp_path, places=places)
    result = runner.invoke(app, ["validate", str(folder)])
    _no_traceback(result, 1)
    assert result.stderr.splitlines()[1:] == [
        "  [place[0]] (id 'a'): lat 'x' is not a number",
        "  [place[0]] (id 'a'): population 'many' is not a whole number",
        "  [place[1]] (id 'b'): aliases must be a list of strings, got 5"]
    assert "places.toml: 3 problem(s)" in result.stderr.splitlines()[0]


def test_cli_show_a_theatre_with_a_bad_road(tmp_path):
    folder = theatre_folder(tmp_path, roads="a,b,km\na,b,-3\n")
    result = runner.invoke(app, ["show", "--theatre", str(folder), "--default-holder", "blue"])
    _no_traceback(result)
    assert "roads.csv: 1 problem(s)" in result.stderr
    assert "line 2: km must be positive, got '-3'" in result.stderr


def test_cli_validate_a_scenario_of_the_wrong_shape(tmp_path):
    data = tiny_data()
    data["factions"] = ["blue", "red"]
    data["control"][0]["places"] = {"fenwick": True}
    result = runner.invoke(app, ["validate", str(scenario_file(tmp_path, data))])
    _no_traceback(result, 1)
    assert "[factions] must be a table, got ['blue', 'red']" in result.stderr
    assert "[control[0].places] must be a list, got {'fenwick': True}" in result.stderr


def test_cli_show_a_geojson_theatre_of_the_wrong_shape(tmp_path):
    path = tmp_path / "bad.geojson"
    path.write_text(_collection(_point(0, 0, id="a", population="many"), _point(0, 1, id=["b"])))
    result = runner.invoke(app, ["show", "--theatre", str(path), "--default-holder", "blue"])
    _no_traceback(result)
    assert "features[0] (id 'a'): population 'many' is not a whole number" in result.stderr
    assert "features[1] (id \"['b']\"): id must be text, got ['b']" in result.stderr


def test_cli_a_home_country_that_is_no_iso_code(tmp_path):
    result = runner.invoke(app, ["show", "--theatre", str(TINY), "--default-holder", "blue",
                                 "--home-country", "Atlantis"])
    _no_traceback(result)
    assert "home country must be a two-letter ISO code, got 'Atlantis'" in result.stderr
