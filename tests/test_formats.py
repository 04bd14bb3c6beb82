"""Your own road networks: GraphML, GeoJSON and CSV theatres in, the same out.

The OSMnx GraphML file in tests/data is map data © OpenStreetMap contributors,
available under the Open Database License (ODbL); see tests/data/README.md.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sim import formats, io
from sim.cli import app
from sim.errors import InputError, ValidationError

ROOT = Path(__file__).resolve().parent.parent
OAKLAND = ROOT / "tests" / "data" / "west-oakland.graphml"
TINY = ROOT / "docs" / "examples" / "tiny"
TINY_SCENARIO = ROOT / "docs" / "examples" / "tiny-scenario.toml"
OAKLAND_CONTROL = ROOT / "docs" / "examples" / "oakland-control.csv"
OUT_NAME = {"geojson": "out.geojson", "graphml": "out.graphml", "csv": "out"}

runner = CliRunner()


def holders(scenario):
    return {p: (h.faction, h.status) for p, h in scenario.control.holdings.items()}


def problems_of(excinfo) -> str:
    return "\n".join(excinfo.value.problems)


# ---------------------------------------------------------------- round trips

def _tiny():
    scen = io.load_scenario(TINY_SCENARIO)
    # A contested place, so that status survives the trip too.
    return scen.with_control(scen.control.with_holder("elm", "blue", status="contested"))


def _oakland():
    return io.load_scenario(theatre=OAKLAND, control=OAKLAND_CONTROL, default_holder="blue",
                            home_country="US")


@pytest.mark.parametrize("fmt", formats.EXPORT_FORMATS)
@pytest.mark.parametrize("make", [_tiny, _oakland], ids=["tiny-csv", "oakland-graphml"])
def test_load_export_load_gives_the_same_places_roads_and_holders(fmt, make, tmp_path):
    scen = make()
    out = tmp_path / OUT_NAME[fmt]
    io.write_export(out, formats.export(scen, scen.factions["blue"], fmt))
    back = io.load_scenario(theatre=out)  # the exported file names its own holders
    assert dict(back.theatre.places) == dict(scen.theatre.places)
    assert dict(back.theatre.roads) == dict(scen.theatre.roads)
    assert holders(back) == holders(scen)
    assert back.theatre.home_country == scen.theatre.home_country
    if fmt != "csv":  # CSV has nowhere to keep credits
        assert back.theatre.credits == scen.theatre.credits


@pytest.mark.parametrize("fmt", formats.EXPORT_FORMATS)
def test_exports_are_byte_stable(fmt):
    scen = _tiny()
    assert formats.export(scen, scen.factions["blue"], fmt) == \
        formats.export(_tiny(), _tiny().factions["blue"], fmt)


def test_export_carries_holders_and_the_factions_analysis():
    scen = io.load_scenario(TINY_SCENARIO)
    places, roads = formats.export_tables(scen, scen.factions["blue"])
    by_id = {row["id"]: row for row in places}
    # Birch and Cedar Junction are the chokepoints of Alder - the coast.
    assert [p for p, row in by_id.items() if row["chokepoint"]] == ["birch", "cedar"]
    assert by_id["fenwick"]["holder"] == "red" and by_id["fenwick"]["pocket"] is None
    assert by_id["dunmore"]["stronghold"] == "connected" and by_id["dunmore"]["main_pocket"]
    usable = {(r["a"], r["b"]): r["usable"] for r in roads}
    assert usable[("alder", "birch")] and not usable[("alder", "fenwick")]

    after = scen.with_control(scen.control.with_holder("cedar", "red").with_road("dunmore", "elm",
                                                                                   True))
    places, roads = formats.export_tables(after, after.factions["blue"])
    by_id = {row["id"]: row for row in places}
    assert by_id["dunmore"]["stronghold"] == "cut-off"
    assert (by_id["dunmore"]["pocket"], by_id["elm"]["pocket"]) == (2, 3)
    assert not by_id["dunmore"]["main_pocket"]
    cut = {(r["a"], r["b"]): (r["cut"], r["usable"]) for r in roads}
    assert cut[("dunmore", "elm")] == (True, False)


def test_geojson_export_is_a_feature_collection_qgis_can_read():
    scen = io.load_scenario(TINY_SCENARIO)
    doc = json.loads(formats.export_geojson(scen, scen.factions["blue"]))
    kinds = [f["geometry"]["type"] for f in doc["features"]]
    assert doc["type"] == "FeatureCollection"
    assert kinds.count("Point") == 6 and kinds.count("LineString") == 7
    alder = doc["features"][0]
    assert alder["geometry"]["coordinates"] == [20.0, 10.0]  # lon, lat


def _sim_imports(module: str) -> set[str]:
    """The sim modules ``module`` imports, directly or through them (read from the source,
    so that the package's own ``__init__``, which offers the whole API, does not count)."""
    import ast
    import importlib.util

    seen, todo = set(), [module]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        spec = importlib.util.find_spec(name)
        tree = ast.parse(open(spec.origin, encoding="utf-8").read())
        package = name if spec.origin.endswith("__init__.py") else name.rpartition(".")[0]
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                base = importlib.util.resolve_name("." * node.level + (node.module or ""),
                                                   package) if node.level else node.module
                if not base.startswith("sim"):
                    continue
                for alias in node.names:
                    full = f"{base}.{alias.name}"
                    todo.append(full if importlib.util.find_spec(full.rpartition(".")[0])
                                and _is_module(full) else base)
            elif isinstance(node, ast.Import):
                todo += [a.name for a in node.names if a.name.startswith("sim")]
    return seen - {"sim"}


def _is_module(name: str) -> bool:
    import importlib.util

    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False


def test_the_readers_do_not_import_the_analysis():
    readers = ["common", "csv", "geojson", "graphml", "control", "theatre"]
    for reader in readers:
        reached = _sim_imports(f"sim.formats.{reader}")
        assert not {m for m in reached if m.startswith("sim.analysis")}, reader
        assert "sim.formats.exports" not in reached, reader
    assert any(m.startswith("sim.analysis") for m in _sim_imports("sim.formats.exports"))


def test_the_formats_package_keeps_its_names():
    names = ["EXPORT_FORMATS", "FACTION_PALETTE", "Loaded", "OSM_CREDIT", "UNKNOWN_COUNTRY",
             "check_control", "default_faction", "export", "export_geojson", "export_graphml",
             "export_csv", "export_tables", "faction_names", "format_of", "read_control_csv",
             "read_control_toml", "read_csv", "read_geojson", "read_graphml", "with_factions",
             "slug", "home_country_of", "SNAP_KM", "PLACE_COLUMNS", "ROAD_COLUMNS"]
    assert all(callable(getattr(formats, n)) or getattr(formats, n) is not None for n in names)
    assert set(names) <= set(formats.__all__)
    with pytest.raises(AttributeError):
        formats.no_such_name  # noqa: B018


def test_an_unknown_export_format_names_the_argument_not_a_flag():
    scen = io.load_scenario(TINY_SCENARIO)
    with pytest.raises(InputError) as err:
        formats.export(scen, scen.factions["blue"], "shp")
    assert err.value.key == "fmt" and "--" not in str(err.value)


# ---------------------------------------------------------------- governorates

REGION_PLACES = ("id,name,lat,lon,kind,country,governorate,population,aliases\n"
                 "daraa,Daraa,32.62,36.10,city,SY,Daraa,97969,Deraa\n"
                 "izra,Izra,32.87,36.25,town,SY,Daraa,,\n"
                 "deir,Deir ez-Zor,35.34,40.14,city,SY,Deir ez-Zor,,\n"
                 "ramtha,Ramtha,32.56,36.01,city,JO,Irbid,,\n"
                 "jn,Junction,33.0,37.0,junction,SY,,,\n")
REGION_ROADS = "a,b,km,class,ref\n" + "daraa,izra,30,,\nizra,deir,400,,\ndaraa,ramtha,20,,\ndeir,jn,300,,\n"
REGIONS = {"daraa": "Daraa", "izra": "Daraa", "deir": "Deir ez-Zor", "ramtha": "Irbid",
           "jn": None}


def _regions_folder(tmp_path):
    folder = tmp_path / "regions"
    folder.mkdir()
    (folder / "places.csv").write_text(REGION_PLACES)
    (folder / "roads.csv").write_text(REGION_ROADS)
    return folder


def test_a_csv_theatre_reads_the_governorate_column():
    th = formats.read_csv(REGION_PLACES, REGION_ROADS).theatre
    assert {p: place.governorate for p, place in th.places.items()} == REGIONS
    assert th.governorate_places("daraa") == ("daraa", "izra")


@pytest.mark.parametrize("fmt", formats.EXPORT_FORMATS)
def test_the_governorate_survives_every_export_format(fmt, tmp_path):
    scen = io.load_scenario(theatre=_regions_folder(tmp_path), default_holder="blue")
    out = tmp_path / OUT_NAME[fmt]
    io.write_export(out, formats.export(scen, scen.factions["blue"], fmt))
    back = io.load_scenario(theatre=out)
    assert {p: place.governorate for p, place in back.theatre.places.items()} == REGIONS
    assert dict(back.theatre.places) == dict(scen.theatre.places)


@pytest.mark.parametrize("fmt", formats.EXPORT_FORMATS)
def test_the_syria_theatre_exports_and_reads_back_with_its_governorates(fmt, tmp_path):
    scen = io.load_scenario("syria-2024-12-06")
    out = tmp_path / OUT_NAME[fmt]
    io.write_export(out, formats.export(scen, scen.factions["government"], fmt))
    back = io.load_scenario(theatre=out)
    # Exports do not write where the coordinates came from; the rest reads back as it was.
    assert dict(back.theatre.places) == {p: replace(place, source="") for p, place in
                                         scen.theatre.places.items()}
    assert back.theatre.governorates == scen.theatre.governorates
    assert back.theatre.governorate_places("Daraa") == scen.theatre.governorate_places("Daraa")


def test_exports_write_the_governorate_where_a_place_has_one(tmp_path):
    scen = io.load_scenario(theatre=_regions_folder(tmp_path), default_holder="blue")
    blue = scen.factions["blue"]
    rows = formats.export_csv(scen, blue)["places.csv"].splitlines()
    assert rows[0].startswith("id,name,lat,lon,kind,country,governorate,population,")
    assert rows[2].startswith("deir,Deir ez-Zor,35.34,40.14,city,SY,Deir ez-Zor,,")
    assert rows[3].startswith("izra,Izra,32.87,36.25,town,SY,Daraa,,")
    props = {f["properties"]["id"]: f["properties"] for f in
             json.loads(formats.export_geojson(scen, blue))["features"] if "id" in f["properties"]}
    assert props["izra"]["governorate"] == "Daraa" and props["jn"]["governorate"] is None
    graphml = formats.export_graphml(scen, blue)
    key = re.search(r'<key id="(d\d+)" for="node" attr.name="governorate"', graphml).group(1)
    assert graphml.count(f'<data key="{key}">Daraa</data>') == 2
    assert graphml.count(f'<data key="{key}">') == 4  # not for the junction, which has none


def test_a_bad_governorate_names_its_file_and_line_in_every_format(tmp_path):
    with pytest.raises(ValidationError) as err:
        formats.read_csv(REGION_PLACES.replace("Deir ez-Zor,,", "1234,,"), REGION_ROADS,
                         folder="regions")
    assert err.value.file == "regions"
    assert err.value.problems == ["places.csv:4: governorate must be a name, got '1234'"]
    with pytest.raises(ValidationError) as err:
        formats.read_geojson(_collection(_point(0, 0, id="a", governorate="Idlib"),
                                         _point(0, 1, id="b", governorate=["Idlib"])),
                             file="g.geojson")
    assert err.value.file == "g.geojson"
    assert err.value.problems == ["features[1] (id 'b'): governorate must be a name, "
                                  "got ['Idlib']"]
    graphml = GRAPHML_NODES.replace("<node id=\"b\">", "<node id=\"b\"><data key=\"g\">7</data>")
    with pytest.raises(ValidationError) as err:
        formats.read_graphml(graphml, file="g.graphml")
    assert err.value.problems == ["node 'b' (line 6): governorate must be a name, got '7'"]


GRAPHML_NODES = """<?xml version="1.0"?>
<graphml><key id="x" for="node" attr.name="x"/><key id="y" for="node" attr.name="y"/>
<key id="g" for="node" attr.name="governorate"/>
<graph>
<node id="a"><data key="x">0</data><data key="y">0</data></node>
<node id="b"><data key="x">1</data><data key="y">0</data></node>
<edge source="a" target="b"/></graph></graphml>
"""


def test_an_osmnx_graph_names_no_governorates():
    th = io.load_theatre(OAKLAND, home_country="US")
    assert th.governorates == () and {p.governorate for p in th.places.values()} == {None}


# ---------------------------------------------------------------- the real OSMnx file

def test_the_osmnx_graphml_file_loads_with_lengths_in_km_and_parallel_edges_collapsed():
    th = io.load_theatre(OAKLAND, home_country="US")
    assert len(th.places) == 47
    assert len(th.roads) == 57          # 106 directed edges, many parallel or opposite
    assert th.credits == (formats.OSM_CREDIT,)  # OSMnx made it: OpenStreetMap data
    p = th.places["53055512"]
    assert (p.name, p.kind, p.country) == ("53055512", "junction", "US")
    assert (p.lat, p.lon) == (37.8089334, -122.2995085)
    # Willow Street, 755.24 m in the file.
    assert th.road("53055512", "53104328").km == pytest.approx(0.7552394385825736)
    # Two parallel ways join these nodes, 12.1 m and 89.5 m: the shortest wins.
    road = th.road("3160526702", "3160526703")
    assert road.km == pytest.approx(0.012124639491184851)
    assert road.note == "Willow Street" and road.sourced
    assert all(r.road_class == "secondary" for r in th.roads.values())


def test_the_home_country_is_declared_or_else_unknown():
    assert io.load_theatre(OAKLAND).home_country == formats.UNKNOWN_COUNTRY
    assert io.load_theatre(TINY).home_country == "XA"  # the places' commonest country


def test_osm_highway_values_become_road_classes():
    assert formats._class_from_osm("motorway_link") == "motorway"
    assert formats._class_from_osm("['service', 'trunk']") == "primary"
    assert formats._class_from_osm("residential") == "secondary"


# ---------------------------------------------------------------- malformed files

def _graphml(nodes: str, edges: str, extra_keys: str = "") -> str:
    return f"""<?xml version="1.0"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="d0" for="node" attr.name="y" attr.type="string"/>
  <key id="d1" for="node" attr.name="x" attr.type="string"/>
  <key id="d2" for="edge" attr.name="length" attr.type="string"/>{extra_keys}
  <graph edgedefault="directed">
{nodes}
{edges}
  </graph>
</graphml>
"""


def _node(nid: str, y: str | None = "1.0", x: str | None = "2.0") -> str:
    data = "".join(f'<data key="{k}">{v}</data>' for k, v in (("d0", y), ("d1", x)) if v is not None)
    return f'    <node id="{nid}">{data}</node>'


def _edge(u: str, v: str, length: str = "100") -> str:
    return f'    <edge source="{u}" target="{v}"><data key="d2">{length}</data></edge>'


def test_graphml_problems_name_the_node_or_edge_and_line_all_at_once():
    text = _graphml("\n".join([_node("1"), _node("2", x=None), _node("3", y="north"), _node("1")]),
                    "\n".join([_edge("1", "2", "long"), _edge("1", "9"), _edge("3", "3")]))
    with pytest.raises(ValidationError) as err:
        formats.read_graphml(text, file="bad.graphml")
    found = problems_of(err)
    assert err.value.file == "bad.graphml"
    assert "node '2' (line 8): missing lon" in found
    assert "node '3' (line 9): lat 'north' is not a number" in found
    assert "node '1' (line 10): duplicate place id '1' (first at node '1' (line 7))" in found
    assert "edge 1->2 (line 11): length 'long' is not a number" in found
    assert "edge 1->9 (line 12): road names unknown place '9'" in found
    assert len(err.value.problems) == 5  # the self-loop 3->3 is dropped, not an error


def test_graphml_edge_without_length_is_measured_between_its_nodes():
    text = _graphml(_node("a", "0", "0") + "\n" + _node("b", "0", "1"),
                    '    <edge source="a" target="b"/>')
    road = formats.read_graphml(text).theatre.road("a", "b")
    assert road.km == pytest.approx(111.19, abs=0.01) and not road.sourced


def test_graphml_in_metres_is_refused_with_advice():
    text = _graphml(_node("a", "4190000", "560000"), "",
                    '\n  <key id="d9" for="graph" attr.name="crs" attr.type="string"/>'
                    ).replace('<graph edgedefault="directed">',
                              '<graph edgedefault="directed"><data key="d9">epsg:32610</data>')
    with pytest.raises(ValidationError, match="not degrees; save the graph unprojected"):
        formats.read_graphml(text)


def test_broken_xml_names_its_line():
    with pytest.raises(InputError) as err:
        formats.read_graphml('<?xml version="1.0"?>\n<graphml>\n<graph>\n</graphml>', file="x.graphml")
    assert err.value.line == 4 and "not valid XML" in str(err.value)


def test_xml_entity_declarations_are_refused():
    text = ('<?xml version="1.0"?>\n<!DOCTYPE g [<!ENTITY a "aaaa">]>\n'
            '<graphml><graph></graph></graphml>')
    with pytest.raises(InputError, match="entity declarations are not allowed"):
        formats.read_graphml(text)


PLACES = "id,name,lat,lon,kind,country,population,aliases\n"
ROADS = "a,b,km,class,ref\n"


def test_csv_problems_name_file_and_line_all_at_once():
    places = PLACES + "a,A,1,2,town,XA,,\nb,B,,2,town,XA,,\nc,C,1,3,hamlet,XA,many,\na,A2,1,2,town,,,\n"
    roads = ROADS + "a,b,ten,primary,\na,zed,10,primary,\na,c,5,trail,\n"
    with pytest.raises(ValidationError) as err:
        formats.read_csv(places, roads, folder="mine")
    found = problems_of(err)
    assert err.value.file == "mine"
    assert "places.csv:3: missing lat" in found
    assert "places.csv:4: kind must be one of" in found
    assert "places.csv:4: population 'many' is not a whole number" in found
    assert "places.csv:5: duplicate place id 'a' (first at places.csv:2)" in found
    assert "roads.csv:2: km 'ten' is not a number" in found
    assert "roads.csv:3: road names unknown place 'zed'" in found
    assert "roads.csv:4: class must be one of" in found
    assert len(err.value.problems) == 7


def test_csv_duplicate_roads_and_missing_columns():
    places = PLACES + "a,A,1,2,town,XA,,\nb,B,1,3,town,XA,,\n"
    with pytest.raises(ValidationError, match=r"roads.csv:3: duplicate road b-a \(first at roads.csv:2\)"):
        formats.read_csv(places, ROADS + "a,b,10,,\nb,a,12,,\n")
    with pytest.raises(ValidationError, match="roads.csv:1: header must name columns a, b, km"):
        formats.read_csv(places, "from,to,km\na,b,1\n")


def test_csv_aliases_population_and_default_country():
    loaded = formats.read_csv(PLACES + "a,Alpha,1,2,city,,1200,Alfa;Alef\nb,,1,3,,,,\n",
                              ROADS + "a,b,10,,\n", home_country="xa")
    a, b = loaded.theatre.places["a"], loaded.theatre.places["b"]
    assert (a.aliases, a.population, a.country) == (("Alfa", "Alef"), 1200, "XA")
    assert (b.name, b.kind) == ("b", "town")
    assert loaded.theatre.place("Alef").id == "a"


def _feature(geometry: dict | None, **props) -> dict:
    return {"type": "Feature", "geometry": geometry, "properties": props}


def _point(lon, lat, **props):
    return _feature({"type": "Point", "coordinates": [lon, lat]}, **props)


def _line(*coords, **props):
    return _feature({"type": "LineString", "coordinates": [list(c) for c in coords]}, **props)


def _collection(*features) -> str:
    return json.dumps({"type": "FeatureCollection", "features": list(features)})


def test_geojson_problems_name_the_feature_all_at_once():
    text = _collection(
        _point(0, 0, id="a"),
        _feature({"type": "Point"}, id="b"),
        _point(0, 1, id="a"),
        _line((0, 0), (0, 1), a="a", b="b", km="far"),
        _line((0, 0), (0, 1), a="a", b="nowhere", km=3),
        _feature({"type": "Polygon", "coordinates": []}, id="p"),
    )
    with pytest.raises(ValidationError) as err:
        formats.read_geojson(text, file="mine.geojson")
    found = problems_of(err)
    assert "features[1] (id 'b'): Point needs coordinates [lon, lat], got None" in found
    assert "features[2] (id 'a'): duplicate place id 'a' (first at features[0] (id 'a'))" in found
    assert "features[3]: km 'far' is not a number" in found
    assert "features[4]: road names unknown place 'nowhere'" in found
    assert "features[5]: geometry must be a Point (place) or a LineString (road), got 'Polygon'" in found
    assert len(err.value.problems) == 5


def test_geojson_lines_without_ends_snap_to_near_places_and_say_so():
    text = _collection(_point(0, 0, id="a"), _point(0, 0.1, id="b"), _point(0, 0.2, id="c"),
                       _line((0.001, 0), (0, 0.05), (0, 0.1)),
                       _line((0, 0.1), (0.5, 0.5)))
    with pytest.raises(ValidationError) as err:
        formats.read_geojson(text)
    assert "features[4]: no 'b' given and no place within 0.5 km of the line's end " \
           "(nearest: 'c'," in problems_of(err)
    loaded = formats.read_geojson(_collection(*json.loads(text)["features"][:4]), file="m.geojson")
    road = loaded.theatre.road("a", "b")
    assert road.km == pytest.approx(11.12, abs=0.01)  # measured along the line
    assert "snapped" in road.note and not road.sourced
    assert loaded.notes == ("m.geojson features[3]: ends snapped to the nearest places: "
                            "a=a (111 m away), b=b (0 m away)",)


def test_geojson_length_in_metres_and_bad_json():
    loaded = formats.read_geojson(_collection(_point(0, 0, id="a"), _point(0, 1, id="b"),
                                              _line((0, 0), (0, 1), a="a", b="b", length_m=2500)))
    assert loaded.theatre.road("a", "b").km == 2.5
    with pytest.raises(InputError) as err:
        formats.read_geojson('{"type": "FeatureCollection",\n "features": [,]}', file="x.geojson")
    assert err.value.line == 2
    with pytest.raises(InputError, match="must be a FeatureCollection"):
        formats.read_geojson('{"type": "Feature"}')


# ---------------------------------------------------------------- holders and factions

def test_factions_named_by_a_control_file_join_a_theatre_without_a_catalogue(tmp_path):
    control = tmp_path / "holders.toml"
    control.write_text('default_holder = "Blue Team"\ndate = "2025-02-01"\n'
                       '[[control]]\nfaction = "Red Team"\nplaces = ["53127629"]\n'
                       'status = "contested"\n')
    scen = io.load_scenario(theatre=OAKLAND, control=control)
    assert scen.date == "2025-02-01"
    assert [(f.id, f.name, f.colour) for f in scen.theatre.factions.values()] == [
        ("blue-team", "Blue Team", formats.FACTION_PALETTE[0]),
        ("red-team", "Red Team", formats.FACTION_PALETTE[1])]
    assert scen.control.holdings["53127629"].status == "contested"
    assert len(scen.control.places_of("blue-team")) == 46


def test_a_control_file_without_a_date_makes_an_undated_scenario():
    scen = _oakland()
    assert (scen.id, scen.date) == ("west-oakland", "undated")
    assert scen.control.holder("53127629") == "red"


def test_control_file_problems_name_the_line_and_suggest(tmp_path):
    control = tmp_path / "c.csv"
    control.write_text("place,faction,status\n53127628,red,held\n53127629,red,overrun\n")
    with pytest.raises(ValidationError) as err:
        io.load_scenario(theatre=OAKLAND, control=control, default_holder="blue")
    assert "line 3: status must be one of held, contested, besieged, got 'overrun'" in \
        problems_of(err)
    control.write_text("place,faction\n53127628,red\n")
    with pytest.raises(ValidationError, match="line 2: unknown place '53127628'.*did you mean: "
                                              "53127629"):
        io.load_scenario(theatre=OAKLAND, control=control, default_holder="blue")


def test_a_scenario_names_its_theatre_by_a_path_relative_to_itself(tmp_path):
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "oak.graphml").write_bytes(OAKLAND.read_bytes())
    scen_file = tmp_path / "drill.toml"
    scen_file.write_text('[scenario]\nid = "drill"\ndate = "2025-01-15"\n'
                         'theatre = "maps/oak.graphml"\nhome_country = "US"\n'
                         'default_holder = "blue"\n'
                         '[factions.blue]\nname = "Blue Team"\ncapital = "53055512"\n'
                         '[[lifeline]]\nname = "Willow - Wood"\nfaction = "blue"\n'
                         'source = "53055512"\ntargets = ["53131081"]\n')
    scen = io.load_scenario(scen_file)
    assert scen.theatre.id == "oak" and scen.theatre.home_country == "US"
    assert scen.theatre.factions["blue"].name == "Blue Team"
    assert scen.factions["blue"].capital == "53055512"


def test_nothing_says_who_holds_the_places():
    with pytest.raises(InputError, match="say who holds the places of 'west-oakland'"):
        io.load_scenario(theatre=OAKLAND)


# ---------------------------------------------------------------- the command line

def test_cli_what_if_on_oakland_with_a_control_file():
    result = runner.invoke(app, ["what-if", "--theatre", str(OAKLAND), "--control",
                                 str(OAKLAND_CONTROL), "--default-holder", "blue",
                                 "--fall", "53027354:red", "--faction", "blue", "--json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert [len(p["places"]) for p in doc["pockets"]["before"]] == [46]
    assert [len(p["places"]) for p in doc["pockets"]["after"]] == [29, 15, 1]


def test_cli_show_and_places_take_a_csv_folder():
    result = runner.invoke(app, ["show", "--theatre", str(TINY), "--default-holder", "blue"])
    assert result.exit_code == 0, result.output
    assert "blue (6): Alder, Birch, Cedar Junction, Dunmore, Elm, Fenwick" in result.stdout
    result = runner.invoke(app, ["places", "--theatre", str(TINY / "places.csv"),
                                 "--default-holder", "blue", "--json"])
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)["places"]) == 6


def test_cli_export_writes_once_and_refuses_to_overwrite(tmp_path):
    out = tmp_path / "tiny.geojson"
    args = ["export", str(TINY_SCENARIO), "-o", str(out)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "Wrote 6 places and 7 roads of tiny, seen by the Blue Coalition" in result.stdout
    first = out.read_bytes()
    result = runner.invoke(app, args)
    assert result.exit_code == 3 and "exists" in result.stderr
    result = runner.invoke(app, [*args, "--force", "--faction", "red"])
    assert result.exit_code == 0 and out.read_bytes() != first


def test_cli_export_csv_is_all_or_nothing(tmp_path):
    folder = tmp_path / "tiny"
    folder.mkdir()
    (folder / "roads.csv").write_text("keep me\n")
    result = runner.invoke(app, ["export", str(TINY_SCENARIO), "--format", "csv", "-o", str(folder)])
    assert result.exit_code == 3
    assert sorted(p.name for p in folder.iterdir()) == ["roads.csv"]
    result = runner.invoke(app, ["export", str(TINY_SCENARIO), "--format", "csv", "-o", str(folder),
                                 "--force", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["files"] == [str(folder / "places.csv"),
                                                  str(folder / "roads.csv")]
    assert sorted(p.name for p in folder.iterdir()) == ["places.csv", "roads.csv"]


def test_cli_export_to_standard_output_and_bad_formats():
    result = runner.invoke(app, ["export", str(TINY_SCENARIO), "--format", "graphml", "-o", "-"])
    assert result.exit_code == 0
    assert formats.read_graphml(result.stdout).theatre.places.keys() == \
        io.load_theatre(TINY).places.keys()
    result = runner.invoke(app, ["export", str(TINY_SCENARIO), "-o", "map.shp"])
    assert result.exit_code == 2 and "format must be one of geojson, graphml, csv" in result.stderr


def test_cli_malformed_theatre_is_one_clear_error_without_traceback(tmp_path):
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "places.csv").write_text(PLACES + "a,A,1,,town,XA,,\n")
    (bad / "roads.csv").write_text(ROADS)
    result = runner.invoke(app, ["show", "--theatre", str(bad), "--default-holder", "blue"])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"error: {bad}: 1 problem(s)",
                                          "  places.csv:2: missing lon"]


def test_cli_snapping_is_noted_on_stderr(tmp_path):
    path = tmp_path / "snap.geojson"
    path.write_text(_collection(_point(0, 0, id="a"), _point(0, 0.1, id="b"),
                                _line((0, 0.0001), (0, 0.1))))
    result = runner.invoke(app, ["places", "--theatre", str(path), "--default-holder", "blue"])
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith("note: ") and "ends snapped" in result.stderr
