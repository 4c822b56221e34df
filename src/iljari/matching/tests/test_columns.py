"""The column stores hand back exactly the rows asked for, every attribute of each."""

import numpy as np

from iljari.matching.engine.columns import MAX_REQUIRED, VacancyColumns


def test_taken_rows_are_the_stored_rows_in_the_order_asked_for():
    store = VacancyColumns()
    n = 50
    store.upsert_rows(
        list(range(100, 100 + n)),
        {
            "occupation": list(range(n)),
            "lat": [37.3 + i / 1000 if i % 3 else float("nan") for i in range(n)],
            "required": [[i, -1, i + 1][:MAX_REQUIRED] for i in range(n)],
            "visas": [1 << (i % 40) for i in range(n)],
            "active": [i % 2 == 0 for i in range(n)],
        },
    )
    rows = np.array([7, 0, 49, 7, 23])
    taken = store.take(rows)
    assert taken.dtype == store.data.dtype
    assert taken["occupation"].tolist() == [7, 0, 49, 7, 23]
    assert taken["required"].tolist() == [[7, -1, 8], [0, -1, 1], [49, -1, 50], [7, -1, 8], [23, -1, 24]]
    assert taken["visas"].tolist() == [1 << 7, 1, 1 << 9, 1 << 7, 1 << 23]
    assert taken["active"].tolist() == [False, True, False, False, False]
    assert np.isnan(taken["lat"]).tolist() == [False, True, False, False, False]
    assert taken["lat"][0] == np.float32(37.307)
    assert taken.tobytes() == store.data[rows].tobytes()  # the same bytes as NumPy's own gather, NaNs included
    assert taken["keco"].tolist() == [-1] * 5  # attributes never written keep their empty value


def test_records_not_stored_are_exactly_the_rows_given_with_unset_attributes_empty():
    store = VacancyColumns()
    one = store.records({"occupation": [5], "hourly": [10_030.0]})
    assert len(one) == 1 and one.dtype == store.data.dtype
    assert one["occupation"].tolist() == [5] and one["hourly"].tolist() == [10_030.0]
    assert one["keco"].tolist() == [-1] and np.isnan(one["lat"]).all()
    assert store.size == 0 and not store.row_of  # nothing was stored
