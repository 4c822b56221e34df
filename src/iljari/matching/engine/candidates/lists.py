"""Candidate lists: key (occupation, KECO group, title text) → the rows that have it.

A query's candidates are the rows under its occupations, its most similar titles and the
rest of its KECO groups, gathered from these lists instead of scanning every row.
"""

from collections import defaultdict

import numpy as np

COMPACT_AT = 4096  # rows added one by one that are folded into the CSR arrays (or an eighth of them)


class Lists:
    """Key → rows as a CSR structure (built in bulk with one sort), plus rows added one by one.

    Rows added one by one are folded into the arrays once there are many of them: read from Python
    lists, 800k rows added after a bulk load of 200k made one query's candidates cost 1 ms more.
    """

    def __init__(self) -> None:
        self._ptr = np.zeros(1, dtype=np.int64)
        self._rows = np.zeros(0, dtype=np.int64)
        self._extra: dict[int, list[int]] = defaultdict(list)
        self._added = 0

    def bulk(self, keys: np.ndarray, rows: np.ndarray) -> None:
        keep = keys >= 0
        keys, rows = keys[keep].astype(np.int64), rows[keep].astype(np.int64)
        order = np.argsort(keys, kind="stable")
        counts = np.bincount(keys, minlength=int(keys.max()) + 1 if len(keys) else 0)
        self._ptr = np.concatenate([[0], np.cumsum(counts)])
        self._rows = rows[order]
        self._extra = defaultdict(list)
        self._added = 0

    def add(self, key: int, row: int) -> None:
        if key < 0:
            return
        self._extra[key].append(row)
        self._added += 1
        if self._added >= max(COMPACT_AT, len(self._rows) // 8):
            self._compact()

    def add_many(self, keys: list[int], rows: list[int]) -> None:
        """Rows added after the bulk load; a batch of many (a chunk of a large import) is folded at once."""
        if len(rows) < COMPACT_AT:
            for key, row in zip(keys, rows, strict=True):
                self.add(key, row)
            return
        self._compact(np.asarray(keys, dtype=np.int64), np.asarray(rows, dtype=np.int64))

    def _compact(self, more_keys: np.ndarray | None = None, more_rows: np.ndarray | None = None) -> None:
        """Fold the rows added one by one (then ``more_rows``) into the arrays, after each key's earlier rows."""
        keys = np.repeat(np.arange(len(self._ptr) - 1), np.diff(self._ptr))
        extra_keys = [key for key, rows in self._extra.items() for _ in rows]
        extra_rows = [row for rows in self._extra.values() for row in rows]
        empty = np.zeros(0, dtype=np.int64)
        self.bulk(
            np.concatenate([keys, np.array(extra_keys, dtype=np.int64), empty if more_keys is None else more_keys]),
            np.concatenate(
                [self._rows, np.array(extra_rows, dtype=np.int64), empty if more_rows is None else more_rows]
            ),
        )

    def get(self, key: int) -> np.ndarray:
        return self.get_many(np.array([key], dtype=np.int64))

    def get_many(self, keys: np.ndarray) -> np.ndarray:
        """The rows of all ``keys``, key by key in the given order (rows added since the last fold come last)."""
        keys = keys[keys >= 0] if len(keys) else keys
        listed = keys[keys < len(self._ptr) - 1]  # a key first seen after the bulk load has only added rows
        starts, ends = self._ptr[listed], self._ptr[listed + 1]
        lengths = ends - starts
        total = int(lengths.sum())
        if total:
            offsets = np.repeat(starts - np.concatenate([[0], np.cumsum(lengths)[:-1]]), lengths)
            found = self._rows[offsets + np.arange(total)]
        else:
            found = np.zeros(0, dtype=np.int64)
        extra = [row for key in keys.tolist() for row in self._extra.get(key, ())] if self._extra else []
        return np.concatenate([found, np.array(extra, dtype=np.int64)]) if extra else found
