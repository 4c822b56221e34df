"""Candidate lists keep every row, in order, whether it came in bulk or one by one."""

import numpy as np

from iljari.matching.engine.candidates import lists
from iljari.matching.engine.candidates.lists import Lists


def _listed(many: Lists, keys: list[int]) -> list[int]:
    return many.get_many(np.array(keys, dtype=np.int64)).tolist()


def test_rows_added_one_by_one_are_found_before_and_after_they_are_folded_into_the_arrays(monkeypatch):
    monkeypatch.setattr(lists, "COMPACT_AT", 4)
    many = Lists()
    many.bulk(np.array([0, 1, 0]), np.array([10, 11, 12]))
    many.add(1, 13)
    many.add(5, 14)  # a key the bulk load never saw
    assert _listed(many, [1, 0]) == [11, 10, 12, 13]  # the arrays' rows, then those added
    assert _listed(many, [5]) == [14]
    many.add(0, 15)
    many.add(-1, 16)  # no key: not listed
    many.add(5, 17)  # the fourth row added: folded into the arrays
    assert not many._extra
    assert _listed(many, [1, 0, 5]) == [11, 13, 10, 12, 15, 14, 17]  # key by key, each in the order added
    assert _listed(many, [7, -1]) == []


def test_a_large_batch_added_after_the_bulk_load_is_folded_at_once_in_order(monkeypatch):
    monkeypatch.setattr(lists, "COMPACT_AT", 3)
    many = Lists()
    many.bulk(np.array([0, 1]), np.array([10, 11]))
    many.add_many([1, 0], [12, 13])  # a small batch: kept aside, as rows added one by one
    assert many._extra and _listed(many, [0, 1]) == [10, 11, 13, 12]  # those added come last until folded
    many.add_many([2, 0, -1, 1], [14, 15, 16, 17])  # a chunk of a large import: folded with those kept aside
    assert not many._extra
    assert _listed(many, [0, 1, 2]) == [10, 13, 15, 11, 12, 17, 14]
