"""The process's matching indexes: built from the database, saved beside it, kept in step.

Every request first asks the database what changed since the last look (one indexed
query on ``updated_at``) and folds those rows in, so a vacancy saved a moment ago is
matched without a rebuild; ``iljari reindex`` rebuilds everything from scratch.
"""

import json
import logging
import os
import shutil
import threading
import time
import zipfile
from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from iljari.matching.catalogue import Progress, engine_catalogue, engine_visa_rules, licence_names, normalizer
from iljari.matching.engine.candidates.texts import TextSpace
from iljari.matching.engine.columns import VisaRules
from iljari.matching.engine.embeddings import QUERY, CachedEmbedder, E5Embedder, USEEmbedder, embedder
from iljari.matching.engine.matcher import SeekerIndex, VacancyIndex
from iljari.matching.engine.records import SeekerRecord
from iljari.matching.engine.saved import read_indexes, write_indexes
from iljari.matching.models import OccupationGuess
from iljari.matching.models_runtime import embedding_cache
from iljari.matching.records import (
    PAGE,
    in_pages,
    seeker_records,
    seekers_for_index,
    vacancies_for_index,
    vacancy_records,
)
from iljari.reference.models import MinimumWage
from iljari.seekers.models import Seeker
from iljari.vacancies.models import Vacancy
from iljari.vacancies.selectors import vacancies_open

# Rows changed this close to the last sync are read again: clocks and transactions overlap.
SYNC_OVERLAP = timedelta(seconds=2)
log = logging.getLogger(__name__)
FORMAT = 2  # bump when the saved layout changes; older saves are then rebuilt


def index_folder() -> Path:
    return Path(settings.VAR_DIR) / "index"


class MatchingIndexes:
    page = PAGE  # rows read from the database at once

    def __init__(self) -> None:
        catalogue, self.occupation_index = engine_catalogue()
        rules = engine_visa_rules()
        self.visa_rules = {r.code: r for r in rules}
        visas = VisaRules(rules)
        names = licence_names()
        model = CachedEmbedder(embedder(E5Embedder.name), embedding_cache())
        self._empty = lambda: (
            VacancyIndex(catalogue, visas, names, TextSpace(model)),
            SeekerIndex(catalogue, visas, names, TextSpace(model)),
        )
        self.vacancies, self.seekers = self._empty()
        self.synced_at: datetime | None = None
        self.lock = threading.RLock()

    @property
    def minimum_hourly(self) -> float:
        wage = MinimumWage.objects.filter(year__lte=timezone.localdate().year).order_by("-year").first()
        return float(wage.hourly) if wage else 0.0

    def sync(self) -> int:
        """Fold in what changed since the last sync; returns the number of records read."""
        with self.lock:
            started = timezone.now()
            if self.synced_at is None:
                vacancies = vacancies_open(on=timezone.localdate())
                seekers = Seeker.objects.filter(status=Seeker.Status.ACTIVE)
            else:
                since = self.synced_at - SYNC_OVERLAP
                vacancies = Vacancy.objects.filter(
                    Q(updated_at__gte=since) | Q(referrals__referred_at__gte=since) | Q(referrals__result_at__gte=since)
                ).distinct()
                seekers = Seeker.objects.filter(updated_at__gte=since)
            fresh = self.synced_at is None  # every row is read: the lists are sorted once, at the end
            read = 0
            for page in in_pages(vacancies_for_index(vacancies), self.page):
                rows = vacancy_records(page, self.occupation_index)
                self._licence_names(read)
                self.vacancies.upsert(rows, lists=not fresh)
                read += len(rows)
            for page in in_pages(seekers_for_index(seekers), self.page):
                rows = seeker_records(page, self.occupation_index, self.visa_rules)
                self._licence_names(read)
                self.seekers.upsert(rows, [s.status == Seeker.Status.ACTIVE for s in page], lists=not fresh)
                read += len(rows)
            if fresh:
                self.vacancies.rebuild_lists()
                self.seekers.rebuild_lists()
            self.synced_at = started
            return read

    def _licence_names(self, read: int) -> None:
        """Licence names as of this sync, looked up once it has read a row (most requests read none)."""
        if not read:
            self.vacancies.licence_names = self.seekers.licence_names = licence_names()

    def save(self, folder: Path | None = None) -> None:
        """Write a new generation of the saved index beside the old one, then switch ``current`` to it
        with one atomic rename: a save killed half-way leaves the previous index in use, never a broken one."""
        root = folder or index_folder()
        root.mkdir(parents=True, exist_ok=True)
        generation = f"g{time.time_ns()}-{os.getpid()}"
        target = root / generation
        target.mkdir()
        with self.lock:
            write_indexes(target, vacancies=self.vacancies, seekers=self.seekers)
            (target / "state.json").write_text(
                json.dumps(
                    {
                        "format": FORMAT,
                        "synced_at": self.synced_at.isoformat() if self.synced_at else None,
                        "occupations": len(self.occupation_index),
                    }
                )
            )
        for path in target.iterdir():  # on disk before the switch, so a crash cannot expose empty files
            with path.open("rb") as fh:
                os.fsync(fh.fileno())
        pointer = root / f"current.{generation}.tmp"
        pointer.write_text(generation)
        os.replace(pointer, root / "current")
        for old in root.iterdir():  # earlier generations, files of the old layout, and any left by a killed save
            if old.name in (generation, "current"):
                continue
            if old.is_dir():
                shutil.rmtree(old, ignore_errors=True)
            else:
                old.unlink(missing_ok=True)

    def load(self, folder: Path | None = None) -> bool:
        """Restore the current saved index; False (and nothing half-restored) when there is none, it was
        made for another catalogue, or it cannot be read — the indexes are then rebuilt from the database."""
        root = folder or index_folder()
        pointer = root / "current"
        if not pointer.exists():
            return False
        target = root / pointer.read_text().strip()
        try:
            state = json.loads((target / "state.json").read_text())
            if state.get("format") != FORMAT or state.get("occupations") != len(self.occupation_index):
                return False
            with self.lock:
                read_indexes(target, vacancies=self.vacancies, seekers=self.seekers)
                self.synced_at = datetime.fromisoformat(state["synced_at"]) if state["synced_at"] else None
        except (OSError, ValueError, EOFError, KeyError, zipfile.BadZipFile) as exc:
            log.warning("saved matching index %s cannot be read (%s); rebuilding from the database", target, exc)
            with self.lock:
                self.vacancies, self.seekers = self._empty()
                self.synced_at = None
            return False
        return True


_indexes: MatchingIndexes | None = None
_lock = threading.Lock()


def matching_indexes() -> MatchingIndexes:
    """The process's indexes, loaded from disk or built on first use, then kept in sync."""
    global _indexes
    with _lock:
        if _indexes is None:
            indexes = MatchingIndexes()
            indexes.load()
            _indexes = indexes
    _indexes.sync()
    return _indexes


def matching_warm_up() -> None:
    """Load now what the first recommendation of a new process would otherwise wait for.

    The saved indexes, the occupation normalizer over the whole catalogue (Kiwi, BM25 and both
    embedders: built on the first 희망직종 nobody typed before, ~10 s on two cores) and the query
    side of each model, exercised once on a made-up profile. ``iljari serve`` calls it before it
    listens; nothing is written.
    """
    indexes = matching_indexes()
    [guesses] = normalizer().guess(["용접 보조"])
    for name in (E5Embedder.name, USEEmbedder.name):  # past the cache: a model's first run is the slow one
        embedder(name).embed(["용접 보조"], QUERY)
    probe = SeekerRecord(
        seeker_id=0,
        desired_text="용접 보조",
        occupations=[(indexes.occupation_index[pk], c) for pk, c in guesses if pk in indexes.occupation_index],
    )
    with indexes.lock:
        indexes.vacancies.match(probe, k=1, minimum_hourly=indexes.minimum_hourly)


def reindex(progress: Progress | None = None) -> MatchingIndexes:
    """Rebuild every index from the database (catalogue embeddings first) and save it.

    The cached occupation guesses are dropped too, so a changed normalizer takes effect.
    """
    global _indexes
    normalizer(progress)
    OccupationGuess.objects.all().delete()  # guesses are recomputed by the current normalizer
    indexes = MatchingIndexes()
    indexes.sync()
    indexes.save()
    with _lock:
        _indexes = indexes
    return indexes


def forget_indexes() -> None:
    """Drop the in-memory indexes (tests, or after the catalogue changed)."""
    global _indexes
    with _lock:
        _indexes = None
