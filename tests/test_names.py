"""Name resolution: any case, accent, article or apostrophe; suggestions on a miss."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sim.errors import UnknownNameError
from sim.names import AmbiguousNameError, NameIndex, loose_key, normalize

INDEX = NameIndex("place", {"homs": ["Homs", "Hims", "Ḥimṣ"],
                            "deir-ez-zor": ["Deir ez-Zor", "Dayr az-Zawr"]})


@pytest.mark.parametrize("name", ["homs", "HOMS", "Ḥimṣ", "hims"])
def test_spellings_resolve(name):
    assert INDEX.resolve(name) == "homs"


def test_articles_and_hyphens_do_not_matter():
    assert INDEX.resolve("Deir el-Zor") == "deir-ez-zor"
    assert INDEX.resolve("dayr az zawr") == "deir-ez-zor"


def test_a_miss_suggests_the_closest():
    with pytest.raises(UnknownNameError) as caught:
        INDEX.resolve("Homz")
    assert caught.value.suggestions[0] == "homs"
    assert "did you mean: homs" in str(caught.value)


def test_two_entries_may_not_share_a_spelling():
    with pytest.raises(AmbiguousNameError):
        NameIndex("place", {"a": ["Same"], "b": ["same"]})


def test_normalize_and_loose_key():
    assert normalize("  Ḥamā ") == "hama"
    assert loose_key("al-Bab") == loose_key("Bab")


@settings(max_examples=300)
@given(st.lists(st.text(), max_size=8))
def test_normalize_many_is_normalize_of_each(texts):
    from sim.names import normalize_many
    assert normalize_many(texts) == [normalize(t) for t in texts]
