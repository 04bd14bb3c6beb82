"""The streaming JSON writer against json.dumps, on random documents."""

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from sim.report.jsonstream import chunks

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                    st.text())
docs = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=12), st.dictionaries(st.text(), inner, max_size=6)), max_leaves=60)


@settings(max_examples=400)
@given(docs)
def test_chunks_write_what_json_dumps_writes(doc):
    assert "".join(chunks(doc)) == json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False)


def test_long_lists_of_ids_come_whole():
    doc = {"places": [f"p{i}" for i in range(20)], "n": 20}
    assert "".join(chunks(doc)) == json.dumps(doc, indent=2, sort_keys=True)


tricky = st.text(alphabet=st.sampled_from(['"', ",", " ", "\\", "a", "é", "\n", "\x00"]),
                 max_size=8)


@settings(max_examples=300)
@given(st.lists(tricky, min_size=1, max_size=20))
def test_lists_of_strings_split_only_between_items(ids):
    doc = {"places": ids, "more": [ids]}
    assert "".join(chunks(doc)) == json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False)


def test_a_string_ending_in_a_quoted_separator_is_not_split():
    doc = {"places": ['a", ', "b", 'c\\', "d"]}
    assert "".join(chunks(doc)) == json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False)
