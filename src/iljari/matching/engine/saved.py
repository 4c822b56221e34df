"""The saved form of the two indexes: one folder of NumPy files, texts and JSON, read by the web
process (``matching/indexes.py``) and by batch workers (``batch.py``) alike."""

import json
from pathlib import Path

import numpy as np

from iljari.matching.engine.matcher import SeekerIndex, VacancyIndex


def write_indexes(folder: Path, *, vacancies: VacancyIndex, seekers: SeekerIndex) -> None:
    for name, index in (("vacancies", vacancies), ("seekers", seekers)):
        np.savez(folder / f"{name}.npz", **index.columns.save())
        index.texts.save(folder, f"{name}.texts")
        size = index.columns.size
        meta = {"places": [index.places.get(r, "") for r in range(size)]}
        if name == "vacancies":
            meta["titles"] = [index.titles_text.get(r, "") for r in range(size)]
        (folder / f"{name}.meta.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")


def read_indexes(folder: Path, *, vacancies: VacancyIndex, seekers: SeekerIndex) -> None:
    """Restore both indexes in place; raises OSError, ValueError or KeyError on a damaged folder."""
    for name, index in (("vacancies", vacancies), ("seekers", seekers)):
        with np.load(folder / f"{name}.npz") as arrays:
            index.columns.restore(dict(arrays))
        index.texts.load(folder, f"{name}.texts")
        meta = json.loads((folder / f"{name}.meta.json").read_text(encoding="utf-8"))
        index.places = dict(enumerate(meta["places"]))
        if name == "vacancies":
            index.titles_text = dict(enumerate(meta["titles"]))
        index.rebuild_lists()
