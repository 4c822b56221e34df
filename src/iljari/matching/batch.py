"""일괄 추천 — every active seeker's top 50 with reasons, computed in shards and stored for the pages.

``iljari match --all`` (and the nightly job) syncs the matching indexes with the database, saves a
snapshot of them for the run (``engine/batch.py``: the workers read only that, never Django), splits
the active seekers into id ranges, and writes each shard's lists back in one transaction that also
marks the shard done. A run whose driving process died (``kill -9``, a reboot) is continued by the
next ``match --all`` from the shards not done; a shard is either wholly written or not at all.
"""

import os
import shutil
import time
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path

import numpy as np
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from iljari.core.errors import IljariError
from iljari.core.jobs import this_process, worker_alive
from iljari.core.models import Worker
from iljari.matching.engine import batch as engine
from iljari.matching.engine.columns import SeekerColumns
from iljari.matching.engine.embeddings import QUERY, for_embedding
from iljari.matching.engine.saved import write_indexes
from iljari.matching.indexes import MatchingIndexes, index_folder, matching_indexes
from iljari.matching.models import MatchRun, MatchShard, StoredMatches
from iljari.matching.records import seeker_records, seekers_for_index
from iljari.seekers.models import Seeker

SHARD_SIZE = 5000
Progress = Callable[[MatchShard, int, int], None]


class BatchError(IljariError):
    pass


def _snapshot_root() -> Path:
    return Path(settings.VAR_DIR) / "batch"


def _driver_fields() -> dict:
    me = this_process()
    return {
        "driver_host": me.host,
        "driver_boot_id": me.boot_id,
        "driver_pid": me.pid,
        "driver_pid_started": me.pid_started,
        "beat_at": timezone.now(),
    }


def _driver_alive(run: MatchRun) -> bool:
    if run.driver_pid is None:
        return False
    driver = Worker(
        host=run.driver_host,
        boot_id=run.driver_boot_id,
        pid=run.driver_pid,
        pid_started=run.driver_pid_started,
        beat_at=run.beat_at,
    )
    return worker_alive(driver)


def _claim(*, shard_size: int, k: int, backend: str) -> MatchRun:
    """The unfinished run, taken over from its dead driver, or a new run with its shards."""
    for run in MatchRun.objects.filter(status=MatchRun.Status.RUNNING).order_by("pk"):
        if _driver_alive(run):
            raise BatchError(
                f"일괄 추천 #{run.pk}이(가) 이미 실행 중입니다({run.driver_host}, 프로세스 {run.driver_pid}). "
                "끝난 뒤에 다시 실행하십시오."
            )
        claimed = MatchRun.objects.filter(pk=run.pk, driver_pid=run.driver_pid, beat_at=run.beat_at).update(
            backend=backend, **_driver_fields()
        )
        if claimed:
            # sent to a worker by the dead driver and never written: to be computed again
            run.shards.filter(status=MatchShard.Status.RUNNING).update(status=MatchShard.Status.PENDING, worker="")
            run.refresh_from_db()
            return run
    ids = list(Seeker.objects.filter(status=Seeker.Status.ACTIVE).order_by("pk").values_list("pk", flat=True))
    with transaction.atomic():
        run = MatchRun.objects.create(shard_size=shard_size, k=k, seekers=len(ids), backend=backend, **_driver_fields())
        MatchShard.objects.bulk_create(
            MatchShard(
                run=run,
                number=n,
                first_seeker=part[0],
                last_seeker=part[-1],
                seekers=len(part),
            )
            for n, part in enumerate(ids[i : i + shard_size] for i in range(0, len(ids), shard_size))
        )
    return run


def _write_snapshot(run: MatchRun, indexes: MatchingIndexes) -> Path:
    """The run's copy of the indexes and what the workers need beside them, written whole or not at all."""
    root = _snapshot_root()
    folder = root / f"run-{run.pk}"
    if (folder / engine.CONTEXT).exists():
        return folder  # a continued run scores against the data it started with
    started = time.perf_counter()
    partial = root / f"run-{run.pk}.{os.getpid()}.tmp"
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    with indexes.lock:
        write_indexes(partial, vacancies=indexes.vacancies, seekers=indexes.seekers)
        texts = indexes.seekers.texts.texts
        embedder = indexes.vacancies.texts.embedder
        asked = [i for i, t in enumerate(texts) if t.strip()]
        queries = np.zeros((len(texts), embedder.dim), dtype=np.float32)
        if asked:
            queries[asked] = embedder.embed([for_embedding(texts[i]) for i in asked], QUERY)
        engine.write_context(
            partial,
            catalogue=indexes.vacancies.occupations,
            visa_rules=indexes.vacancies.visas.rules,
            licence_names=indexes.vacancies.licence_names,
            minimum_hourly=indexes.minimum_hourly,
            k=run.k,
            queries=queries,
        )
    shutil.rmtree(folder, ignore_errors=True)
    os.replace(partial, folder)
    MatchRun.objects.filter(pk=run.pk).update(
        snapshot=str(folder), snapshot_seconds=round(time.perf_counter() - started, 2)
    )
    return folder


def _insert_lists(run: MatchRun | None, computed_at: datetime, lists: list[tuple[int, str]]) -> None:
    """Stored lists given as the engine's JSON text, inserted as they are: by COPY on PostgreSQL, one
    ``executemany`` elsewhere. The text goes to the database unparsed, so a shard's 5,000 lists cost
    the driver little more than the bytes."""
    table = connection.ops.quote_name(StoredMatches._meta.db_table)
    columns = "(seeker_id, run_id, computed_at, items)"
    when = connection.ops.adapt_datetimefield_value(computed_at)
    run_id = run.pk if run else None
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} {columns} FROM STDIN") as copy:
                for seeker, items in lists:
                    copy.write_row((seeker, run_id, when, items))
        else:
            cursor.executemany(
                f"INSERT INTO {table} {columns} VALUES (%s, %s, %s, %s)",
                [(seeker, run_id, when, items) for seeker, items in lists],
            )


def _write_shard(run: MatchRun, shard: MatchShard, result: engine.ShardResult) -> None:
    """One transaction: the shard's old lists out, its new ones in, the shard marked done."""
    now, started = timezone.now(), time.perf_counter()
    with transaction.atomic():
        existing = set(
            Seeker.objects.filter(pk__in=list(result.lists)).values_list("pk", flat=True)
        )  # a seeker deleted since the snapshot has no list to store
        StoredMatches.objects.filter(seeker_id__gte=shard.first_seeker, seeker_id__lte=shard.last_seeker).delete()
        _insert_lists(run, now, [(seeker, items) for seeker, items in result.lists.items() if seeker in existing])
        MatchShard.objects.filter(pk=shard.pk).update(
            status=MatchShard.Status.DONE,
            worker=result.worker[:200],
            seconds=round(result.seconds, 3),
            peak_rss_mb=round(result.peak_rss_mb, 1),
            finished_at=now,
            write_seconds=round(time.perf_counter() - started, 3),
        )
        MatchRun.objects.filter(pk=run.pk).update(beat_at=now)


def match_all(
    *, ray: str | None = None, workers: int = 1, shard_size: int = SHARD_SIZE, progress: Progress | None = None
) -> MatchRun:
    """Compute and store every active seeker's top 50, continuing an unfinished run if there is one.

    ``ray``: None runs in this process (``workers`` > 1: a pool of processes on this machine); "local",
    "auto" or a cluster address runs the shards as Ray tasks (``engine.run_ray``).
    """
    if shard_size < 1:
        raise BatchError("묶음 크기는 1 이상이어야 합니다.")
    backend = f"ray:{ray}" if ray else f"local×{max(workers, 1)}"
    run = _claim(shard_size=shard_size, k=engine.TOP_K, backend=backend)
    todo = list(run.shards.exclude(status=MatchShard.Status.DONE))
    if todo:
        folder = _write_snapshot(run, matching_indexes())
        run.shards.filter(pk__in=[s.pk for s in todo]).update(status=MatchShard.Status.RUNNING)
        by_number = {s.number: s for s in todo}
        shards = [(s.number, s.first_seeker, s.last_seeker) for s in todo]
        key = f"{folder}:{run.started_at.timestamp()}"
        results: Iterator[engine.ShardResult] = (
            engine.run_ray(shards, key=key, folder=folder, address=ray, workers=workers if workers > 1 else None)
            if ray
            else engine.run_local(shards, key=key, folder=folder, workers=workers)
        )
        total, done = run.shards.count(), run.shards.filter(status=MatchShard.Status.DONE).count()
        for result in results:
            shard = by_number[result.number]
            _write_shard(run, shard, result)
            done += 1
            if progress:
                shard.refresh_from_db()
                progress(shard, done, total)
    MatchRun.objects.filter(pk=run.pk).update(status=MatchRun.Status.DONE, finished_at=timezone.now())
    shutil.rmtree(_snapshot_root() / f"run-{run.pk}", ignore_errors=True)
    run.refresh_from_db()
    return run


def match_all_configured(*, progress: Progress | None = None) -> MatchRun:
    """``match_all`` as this installation runs it at night: ``ILJARI_MATCH_RAY`` and ``ILJARI_MATCH_WORKERS``."""
    return match_all(ray=settings.ILJARI_MATCH_RAY or None, workers=settings.ILJARI_MATCH_WORKERS, progress=progress)


def match_all_nightly(*, today: date) -> list[int]:
    """The nightly run for ``iljari nightly``: the seekers whose lists were stored.

    Nothing where matching was never set up (``iljari init --no-index``, no ``iljari reindex`` since):
    a night is no time to embed the whole catalogue; ``iljari match --all`` still can.
    """
    if not (index_folder() / "current").exists():
        return []
    run = match_all_configured()
    return list(StoredMatches.objects.filter(run=run).values_list("seeker_id", flat=True))


def seeker_matches_refresh(*, seeker: Seeker) -> StoredMatches:
    """This seeker's stored list computed again now, by the same ranking as the nightly run.

    The caller has already checked and audited that the user may read this seeker.
    """
    indexes = matching_indexes()
    [profile] = seeker_records(
        seekers_for_index(Seeker.objects.filter(pk=seeker.pk)), indexes.occupation_index, indexes.visa_rules
    )
    with indexes.lock:
        single = SeekerColumns()
        single.upsert_rows([profile.seeker_id], single.values([profile], np.array([0]), indexes.vacancies.visas))
        vector = indexes.vacancies.texts.query_vector(profile.desired_text)
        found = engine.top_matches(
            indexes.vacancies,
            single.take(np.array([0])),
            ids=np.array([profile.seeker_id]),
            texts=[profile.desired_text],
            vectors={profile.desired_text: vector},
            k=engine.TOP_K,
            minimum_hourly=indexes.minimum_hourly,
        )
    with transaction.atomic():
        StoredMatches.objects.filter(seeker=seeker).delete()
        _insert_lists(None, timezone.now(), [(seeker.pk, found[seeker.pk])])
    return StoredMatches.objects.get(seeker=seeker)
