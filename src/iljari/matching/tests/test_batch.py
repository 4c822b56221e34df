"""일괄 추천: ``iljari match --all`` stores every active seeker's top 50 with reasons, continues a killed
run from the shards not done, runs the same on a real local Ray, and the seeker page shows the stored list."""

import math
import shutil
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from iljari.demo.generator import DemoSize, demo_generate
from iljari.matching.batch import match_all, seeker_matches_refresh
from iljari.matching.indexes import index_folder, matching_indexes
from iljari.matching.models import MatchRun, MatchShard, StoredMatches
from iljari.matching.reasons import reason_text
from iljari.matching.records import seeker_records, seekers_for_index
from iljari.matching.selectors import stored_vacancies_for_seeker
from iljari.reference.services import city_load
from iljari.seekers.models import Seeker
from iljari.vacancies.selectors import vacancies_open

SMALL = DemoSize(seekers=240, employers=40, vacancies=300)


@pytest.fixture
def demo(matching):
    demo_generate(city=city_load(Path(settings.ILJARI_CITY_DIR)), size=SMALL, today=date(2026, 11, 2))


def _lists() -> dict[int, list]:
    return {s.seeker_id: s.items for s in StoredMatches.objects.all()}


@pytest.mark.postgres
def test_match_all_stores_each_active_seekers_top_50_with_reasons(demo):
    out = StringIO()
    call_command("match", "--all", "--shard-size", "50", stdout=out)

    run = MatchRun.objects.get()
    active = set(Seeker.objects.filter(status=Seeker.Status.ACTIVE).values_list("pk", flat=True))
    assert run.status == MatchRun.Status.DONE and run.seekers == len(active)
    assert run.shards.count() == math.ceil(len(active) / 50)
    assert set(run.shards.values_list("status", flat=True)) == {MatchShard.Status.DONE}
    assert f"일괄 추천 #{run.pk} 완료: 구직자 {len(active):,}명" in out.getvalue()
    assert "묶음 1/" in out.getvalue()
    lists = _lists()
    assert set(lists) == active  # every active seeker, no one else
    assert sum(len(items) for items in lists.values()) > len(lists)
    open_ids = set(vacancies_open(on=timezone.localdate()).values_list("pk", flat=True))
    for items in lists.values():
        scores = [score for _, score, _ in items]
        assert scores == sorted(scores, reverse=True) and len(items) <= 50
        assert {vacancy for vacancy, _, _ in items} <= open_ids
    assert not (Path(settings.VAR_DIR) / "batch" / f"run-{run.pk}").exists()  # the snapshot is removed

    # the same ranking as the live recommendations of the page (the engine's one-seeker path)
    indexes = matching_indexes()
    for pk in sorted(lists, key=lambda pk: -len(lists[pk]))[:5]:
        [profile] = seeker_records(
            seekers_for_index(Seeker.objects.filter(pk=pk)), indexes.occupation_index, indexes.visa_rules
        )
        live = indexes.vacancies.match(profile, k=50, minimum_hourly=indexes.minimum_hourly, near_misses=0)
        assert [(m.record_id, round(m.score, 5)) for m in live.matches] == [(v, s) for v, s, _ in lists[pk]]
        places = {"from", "to"}  # a commute's 동 are filled in by the page, not stored
        assert [
            [[r.code, {k: v for k, v in r.params.items() if k not in places}, r.positive] for r in m.reasons]
            for m in live.matches
        ] == [r for _, _, r in lists[pk]]

    # the stored list is what one seeker's 다시 계산 computes: the same ranking, the same reasons
    seeker = Seeker.objects.get(pk=max(lists, key=lambda pk: len(lists[pk])))
    before = lists[seeker.pk]
    refreshed = seeker_matches_refresh(seeker=seeker)
    assert refreshed.run is None and refreshed.computed_at > StoredMatches.objects.exclude(run=None).first().computed_at
    assert [v for v, _, _ in refreshed.items] == [v for v, _, _ in before]
    assert refreshed.items == before


def test_the_seeker_page_shows_the_stored_list_with_its_date_and_refreshes_it(demo, client, manager):
    match_all(shard_size=100)
    stored = max(StoredMatches.objects.all(), key=lambda s: len(s.items))
    seeker = stored.seeker
    StoredMatches.objects.filter(pk=seeker.pk).update(
        computed_at=timezone.make_aware(timezone.datetime(2026, 12, 2, 3))
    )
    client.force_login(manager)

    panel = client.get(reverse("matching:seeker_recommendations", args=[seeker.pk])).content.decode()
    assert "추천 목록: 2026-12-02 03:00 기준" in panel
    shown = stored_vacancies_for_seeker(seeker=seeker, k=10)
    first = shown.result.matches[0]
    assert first.vacancy.title in panel
    assert first.reasons and all(escape(text) in panel for text in first.reasons)  # the stored reasons, in Korean
    [_, _, codes] = stored.items[0]
    assert first.reasons == [reason_text(r) for r in shown.result.matches[0].codes if r.positive]
    assert not any(code in panel for code, _, _ in codes)  # no engine code leaks onto the page

    panel = client.post(
        reverse("matching:seeker_recommendations_refresh", args=[seeker.pk]), HTTP_HX_REQUEST="true"
    ).content.decode()
    now = timezone.localtime(StoredMatches.objects.get(seeker=seeker).computed_at)
    assert f"추천 목록: {now:%Y-%m-%d %H:%M} 기준" in panel and "2026-12-02 03:00" not in panel


def test_a_killed_run_continues_from_the_shards_not_done(demo):
    """The state ``kill -9`` leaves: shards done and written, one sent to a worker and never written, the
    driving process gone. The next ``match --all`` computes only what was not done, in the same run."""
    match_all(shard_size=60)
    first = MatchRun.objects.get()
    expected = _lists()
    shards = list(first.shards.all())
    assert len(shards) >= 3
    StoredMatches.objects.filter(seeker_id__gte=shards[1].first_seeker).delete()
    MatchRun.objects.filter(pk=first.pk).update(
        status=MatchRun.Status.RUNNING, finished_at=None, driver_pid_started="1.00"
    )
    MatchShard.objects.filter(pk=shards[1].pk).update(status=MatchShard.Status.RUNNING)
    MatchShard.objects.filter(pk__in=[s.pk for s in shards[2:]]).update(status=MatchShard.Status.PENDING)
    kept = StoredMatches.objects.filter(seeker_id__lte=shards[0].last_seeker)
    kept_at = set(kept.values_list("computed_at", flat=True))

    out = StringIO()
    call_command("match", "--all", "--shard-size", "60", stdout=out)

    assert MatchRun.objects.count() == 1  # continued, not started again
    run = MatchRun.objects.get()
    assert run.status == MatchRun.Status.DONE
    assert f"묶음 {len(shards)}/{len(shards)} 저장" in out.getvalue() and "묶음 1/" not in out.getvalue()
    assert set(kept.values_list("computed_at", flat=True)) == kept_at  # the done shard was not recomputed
    assert _lists() == expected


def test_a_run_whose_driver_still_runs_is_not_taken_over(demo):
    match_all(shard_size=100)
    MatchRun.objects.update(status=MatchRun.Status.RUNNING)  # driven by this very process, which is alive
    with pytest.raises(Exception, match="이미 실행 중입니다"):
        call_command("match", "--all")


def test_ranking_never_sees_age_sex_or_nationality(demo, make_seeker):
    alike = {"desired_job_text": "플라스틱 사출 보조", "reservation_wage": 2_300_000}
    one = make_seeker(birth_date=date(1961, 5, 1), sex="M", nationality="KR", **alike)
    other = make_seeker(birth_date=date(2003, 9, 9), sex="F", nationality="VN", **alike)

    match_all(shard_size=1000)

    lists = _lists()
    assert lists[one.pk] and lists[other.pk] == lists[one.pk]


def test_a_run_on_a_real_local_ray_stores_what_the_in_process_run_stores(demo):
    ray = pytest.importorskip("ray")
    match_all(shard_size=80)
    in_process = _lists()
    StoredMatches.objects.all().delete()
    ray.init(num_cpus=1, include_dashboard=False, log_to_driver=False)
    try:
        run = match_all(ray="local", shard_size=80)
    finally:
        ray.shutdown()
    assert run.backend == "ray:local"
    assert _lists() == in_process
    workers = set(run.shards.values_list("worker", flat=True))
    assert all(":" in w for w in workers) and not any(w.endswith(f":{__import__('os').getpid()}") for w in workers)


def test_the_nightly_job_runs_on_the_queue_and_in_iljari_nightly_once_matching_is_set_up(demo):
    from iljari.core.jobs import enqueue, periodic_jobs
    from iljari.core.models import Job
    from iljari.front.scheduled import nightly_run
    from iljari.matching.tasks import match_all_nightly

    assert "iljari.matching.tasks.match_all_nightly" in {p.path for p in periodic_jobs()}
    assert nightly_run(today=timezone.localdate())["추천 목록 일괄 계산"] == 0  # no index was ever saved
    assert not StoredMatches.objects.exists()

    record = enqueue(match_all_nightly)
    record.refresh_from_db()
    active = Seeker.objects.filter(status=Seeker.Status.ACTIVE).count()
    assert record.status == Job.Status.SUCCEEDED and record.result["seekers"] == active
    assert StoredMatches.objects.count() == active

    matching_indexes().save()
    try:
        assert nightly_run(today=timezone.localdate())["추천 목록 일괄 계산"] == active
        assert MatchRun.objects.filter(status=MatchRun.Status.DONE).count() == 2
    finally:
        shutil.rmtree(index_folder())  # later tests must not load this demo's saved index


def test_title_similarities_of_many_queries_are_those_of_one_query_bit_for_bit():
    """The batch computes many 희망직종's similarities at once, one query's product each time: with one BLAS
    thread (a Ray task's) they are exactly the one-query product, so a stored list is what main's ranking gave.
    A subprocess, as OpenBLAS's thread count is fixed when it loads (several threads split one product by
    thread, and a query's values then depend on the thread count, many queries or one)."""
    import os
    import subprocess
    import sys

    check = """
import numpy as np
from iljari.matching.engine.candidates.texts import ROWS_AT_ONCE, TextSpace
rng = np.random.default_rng(3)
space = TextSpace(None)
space.texts = [f"t{i}" for i in range(3 * ROWS_AT_ONCE + 37)]
space.vectors = rng.standard_normal((len(space.texts), 384)).astype(np.float32)
queries = list(rng.standard_normal((70, 384)).astype(np.float32)) + [rng.standard_normal(384)]
many = space.similarities_many(queries)
assert all(np.array_equal(m, space.similarities(q)) for m, q in zip(many, queries, strict=True))
assert many[-1].dtype == np.float64  # a query of another precision takes the one-query product
"""
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}
    subprocess.run([sys.executable, "-c", check], env=env, check=True)
