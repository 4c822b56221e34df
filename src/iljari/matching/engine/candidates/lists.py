"""Candidate lists: key (occupation, KECO group, title text) → the rows that have it.

A query's candidates are the rows under its occupations, its most similar titles and the
rest of its KECO groups, gathered from these lists instead of scanning every row.
"""

from collections import defaultdict

import numpy as np


class Lists:
    """Key → rows as a CSR structure (built in bulk with one sort), plus rows added one by one."""

    def __init__(self) -> None:
        self._ptr = np.zeros(1, dtype=np.int64)
        self._rows = np.zeros(0, dtype=np.int64)
        self._extra: dict[int, list[int]] = defaultdict(list)

    def bulk(self, keys: np.ndarray, rows: np.ndarray) -> None:
        keep = keys >= 0
        keys, rows = keys[keep].astype(np.int64), rows[keep].astype(np.int64)
        order = np.argsort(keys, kind="stable")
        counts = np.bincount(keys, minlength=int(keys.max()) + 1 if len(keys) else 0)
        self._ptr = np.concatenate([[0], np.cumsum(counts)])
        self._rows = rows[order]
        self._extra.clear()

    def add(self, key: int, row: int) -> None:
        if key >= 0:
            self._extra[key].append(row)

    def get(self, key: int) -> np.ndarray:
        return self.get_many(np.array([key], dtype=np.int64))

    def get_many(self, keys: np.ndarray) -> np.ndarray:
        """The rows of all ``keys``, key by key in the given order."""
        keys = keys[(keys >= 0) & (keys < len(self._ptr) - 1)] if len(keys) else keys
        starts, ends = self._ptr[keys], self._ptr[keys + 1]
        lengths = ends - starts
        total = int(lengths.sum())
        if total:
            offsets = np.repeat(starts - np.concatenate([[0], np.cumsum(lengths)[:-1]]), lengths)
            found = self._rows[offsets + np.arange(total)]
        else:
            found = np.zeros(0, dtype=np.int64)
        extra = [row for key in keys.tolist() for row in self._extra.get(key, ())] if self._extra else []
        return np.concatenate([found, np.array(extra, dtype=np.int64)]) if extra else found
