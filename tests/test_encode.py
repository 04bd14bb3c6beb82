"""The column encoders of the exports against the per-value writers they replace, on
random columns: the GeoJSON, GraphML and CSV texts must not change by a byte."""

from __future__ import annotations

import csv
import json
from io import StringIO
from xml.sax.saxutils import escape, quoteattr

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sim.formats import stream
from sim.formats.common import PLACE_COLUMNS, ROAD_COLUMNS
from sim.formats.encode import attr_column, csv_column, interleave, json_column, xml_column

# ---------------------------------------------------------------- the old writers, verbatim

_js = json.encoder.encode_basestring


def old_json(v):
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, str):
        return _js(v)
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(_js(x) for x in v) + "]"
    return repr(v)


def old_xml(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return escape(";".join(value))
    return escape(repr(value) if isinstance(value, float) else str(value))


def old_xml_line(value, open_, close):
    if value is None or value == "" or value == [] or value == ():
        return ""
    return open_ + old_xml(value) + close


def old_csv_cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, (list, tuple)):
        return ";".join(value)
    return value


def old_csv(columns, names):
    buf = StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(names)
    n = len(columns[names[0]])
    writer.writerows(zip(*([old_csv_cell(v) for v in columns[c][:n]] for c in names)))
    return buf.getvalue()


def old_geojson(cols):
    head = json.dumps({"type": "FeatureCollection", "sim": cols.meta}, ensure_ascii=False)
    p, r = cols.places, cols.roads
    lon, lat = [old_json(v) for v in p["lon"]], [old_json(v) for v in p["lat"]]
    keys = [k for k in PLACE_COLUMNS if k not in ("lat", "lon")]
    index = {pid: i for i, pid in enumerate(p["id"])}
    lines = []
    for j in range(len(p["id"])):
        props = ", ".join(f'"{k}": {old_json(p[k][j])}' for k in keys)
        lines.append(f'{{"type": "Feature", "properties": {{{props}}}, "geometry": '
                     f'{{"type": "Point", "coordinates": [{lon[j]}, {lat[j]}]}}}}')
    for j in range(len(r["a"])):
        a, b = index[r["a"][j]], index[r["b"][j]]
        props = ", ".join(f'"{k}": {old_json(r[k][j])}' for k in ROAD_COLUMNS)
        lines.append(f'{{"type": "Feature", "properties": {{{props}}}, "geometry": '
                     f'{{"type": "LineString", "coordinates": [[{lon[a]}, {lat[a]}], '
                     f'[{lon[b]}, {lat[b]}]]}}}}')
    return head[:-1] + ', "features": [\n' + ",\n".join(lines) + "\n]}\n"


def old_graphml_rows(cols):
    p, r, first = cols.places, cols.roads, len(cols.meta)
    node_cols = {**p, "x": p["lon"], "y": p["lat"]}
    edge_cols = {**r, "length": [km * 1000 for km in r["km"]]}
    ids = {name: f"d{first + k}"
           for k, (name, _) in enumerate(stream._NODE_KEYS + stream._EDGE_KEYS)}
    out = []
    for domain, cs, keys, n in (("node", node_cols, stream._NODE_KEYS, len(p["id"])),
                                ("edge", edge_cols, stream._EDGE_KEYS, len(r["a"]))):
        for j in range(n):
            out.append(f"    <node id={quoteattr(p['id'][j])}>" if domain == "node" else
                       f"    <edge source={quoteattr(r['a'][j])} target={quoteattr(r['b'][j])}>")
            for name, _ in keys:
                value = cs[name][j]
                if not (value is None or value == "" or value == [] or value == ()):
                    out.append(f'      <data key="{ids[name]}">{old_xml(value)}</data>')
            out.append(f"    </{domain}>")
    return "".join(line + "\n" for line in out)


# ---------------------------------------------------------------- random columns

tricky = st.sampled_from(['", "', '", ', ', "', '"', "\\", '\\"', "\\\\", "a, b", "é", "日本",
                          "\x00", "\n", "\r", "\t", "\x7f", "\u2028", "&", "<>", "'", "' \"", "",
                          " ", ";", ","])
texts = st.one_of(st.text(max_size=8), tricky, st.lists(tricky, max_size=3).map("".join))
floats = st.one_of(st.floats(), st.sampled_from([0.0, -0.0, 1e-7, 1e22, 1e16, 0.1, 35.001,
                                                 float("nan"), float("inf"), -float("inf")]))
ints = st.integers(min_value=-10**30, max_value=10**30)
scalars = st.one_of(st.none(), st.booleans(), ints, floats, texts)
string_lists = st.one_of(st.lists(texts, max_size=3), st.lists(texts, max_size=3).map(tuple))
values = st.one_of(scalars, string_lists)
# columns of one kind (the fast ways) or mixed (the fall-backs), often repeating values
columns = st.one_of(*(st.lists(s, max_size=30) for s in (
    values, st.none(), st.booleans(), ints, floats, texts, string_lists,
    st.one_of(st.none(), texts), st.one_of(st.none(), ints), st.one_of(st.none(), floats),
    st.one_of(st.none(), st.booleans()), st.one_of(st.booleans(), ints),
    st.sampled_from(["town", "city", None]), st.sampled_from([0.0, -0.0, 1.5]),
    st.sampled_from([(), ("a", "b"), ("x",)]), st.sampled_from([1, True, 1.0, 0, False]))))


def _joined(texts, q):
    return [q + t + q for t in texts]


@settings(max_examples=600)
@given(columns)
def test_json_column_writes_what_each_value_writes(col):
    assert _joined(*json_column(col)) == [old_json(v) for v in col]


@pytest.mark.parametrize("col", [['", ', ''], ['a\\', 'b'], ['\\", ', '"'],
                                 ['x", ', 'y", ', '", "'], ['", "', '", '], ['\\'] * 3])
def test_json_strings_that_look_like_the_separator_between_them(col):
    assert _joined(*json_column(col)) == [old_json(v) for v in col]


@settings(max_examples=600)
@given(columns)
def test_xml_column_writes_the_lines_each_value_writes(col):
    assert interleave(xml_column(col, "<d>", "</d>\n"), len(col)) == \
        "".join(old_xml_line(v, "<d>", "</d>\n") for v in col)


@settings(max_examples=300)
@given(st.lists(texts, max_size=30))
def test_attr_column_quotes_as_quoteattr(col):
    assert _joined(*attr_column(col)) == [quoteattr(v) for v in col]


@settings(max_examples=600)
@given(columns)
def test_csv_column_cells_are_the_old_cells_as_text(col):
    cells = csv_column(col)
    old = [old_csv_cell(v) for v in col]
    if cells is not None:  # else left to the CSV writer, with the old cells
        assert cells == [c if isinstance(c, str) else str(c) for c in old]
    if all(isinstance(v, (str, float)) for v in col):
        assert cells is not None


@settings(max_examples=300)
@given(st.integers(1, 4).flatmap(lambda k: st.lists(columns, min_size=k, max_size=k)),
       st.integers(1, 7))
def test_csv_chunks_write_what_the_csv_writer_wrote(cols, block):
    n = min(map(len, cols))
    names = [f"c{i}" for i in range(len(cols))]
    columns = {name: col[:n] for name, col in zip(names, cols)}
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(stream, "BLOCK", block)
        assert "".join(stream.csv_chunks(columns, names)) == old_csv(columns, names)


@st.composite
def export_columns(draw):
    ids = draw(st.lists(texts, min_size=0, max_size=8, unique=True))
    n = len(ids)
    m = draw(st.integers(0, 10)) if n else 0

    def col(size):
        return draw(st.one_of(st.lists(values, min_size=size, max_size=size),
                              st.lists(floats, min_size=size, max_size=size),
                              st.lists(st.sampled_from(["", "x", None]), min_size=size,
                                       max_size=size)))

    places = {k: col(n) for k in PLACE_COLUMNS}
    places["id"] = ids
    roads = {k: col(m) for k in ROAD_COLUMNS}
    roads["a"] = draw(st.lists(st.sampled_from(ids), min_size=m, max_size=m)) if m else []
    roads["b"] = draw(st.lists(st.sampled_from(ids), min_size=m, max_size=m)) if m else []
    roads["km"] = draw(st.lists(floats, min_size=m, max_size=m))
    meta = {"theatre": draw(texts), "credits": draw(texts)}
    ends = None
    if draw(st.booleans()):  # the roads' ends as place indices, as export_columns gives
        ends = tuple(np.array([ids.index(x) for x in roads[k]], dtype=np.int64) for k in "ab")
    return stream.ExportColumns(places, roads, meta, ends)


@settings(max_examples=300)
@given(export_columns(), st.integers(1, 4))
def test_geojson_and_graphml_write_what_the_row_by_row_writers_wrote(cols, block):
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(stream, "BLOCK", block)
        assert "".join(stream.geojson_chunks(cols)) == old_geojson(cols)
        pieces = list(stream.graphml_chunks(cols))
    # the first piece, the keys and the graph's data, is as it was: the rows follow
    assert "".join(pieces[1:]) == old_graphml_rows(cols) + "  </graph>\n</graphml>\n"
