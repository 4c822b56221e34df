"""The demo generator is deterministic and covers what a real center's records hold."""

from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from iljari.core.models import StatusChange
from iljari.demo.generator import DemoSize, demo_generate
from iljari.reference.services import city_load
from iljari.seekers.models import Seeker
from iljari.vacancies.models import Vacancy
from iljari.vacancies.wages import minimum_wage_shortfall

SMALL = DemoSize(seekers=400, employers=60, vacancies=200)
DAY = date(2026, 11, 2)


class _Rollback(Exception):
    pass


def _generate_and_read(seed: int) -> list[tuple]:
    rows: list[tuple] = []
    try:
        with transaction.atomic():
            demo_generate(city=city_load(Path(settings.ILJARI_CITY_DIR)), size=SMALL, seed=seed, today=DAY)
            rows = [(s.name, s.phone, s.desired_job_text) for s in Seeker.objects.order_by("id")]
            raise _Rollback
    except _Rollback:
        return rows


def test_the_same_seed_gives_the_same_people(db):
    assert _generate_and_read(7) == _generate_and_read(7)
    assert _generate_and_read(7) != _generate_and_read(8)


def test_demo_data_covers_every_group_and_stays_legal(db):
    counts = demo_generate(city=city_load(Path(settings.ILJARI_CITY_DIR)), size=SMALL, today=DAY)
    seekers = Seeker.objects.prefetch_related("target_groups")
    groups = Counter(g.code for s in seekers for g in s.target_groups.all())
    assert set(groups) == {"youth", "middle_aged", "senior", "disabled", "marriage_migrant", "foreign", "career_break"}
    foreign = seekers.filter(target_groups__code="foreign")
    assert foreign.exists() and not foreign.filter(visa_type__isnull=True).exists()
    assert all(s.is_demo for s in seekers)
    assert len({s.home_dong_id for s in seekers}) == 25
    vacancies = list(Vacancy.objects.all())
    # The main set plus three years of hiring history for the discovery teams' likely-to-hire model.
    assert len(vacancies) == SMALL.vacancies + counts["구인 이력(3년)"] and all(v.is_demo for v in vacancies)
    assert not [
        v
        for v in vacancies
        if minimum_wage_shortfall(
            wage_type=v.wage_type, amount=v.wage_amount, on=v.posted_on, weekly_hours=v.weekly_hours
        )
    ]
    assert Vacancy.objects.filter(status="open").count() > SMALL.vacancies // 5


def test_demo_records_have_lived_their_lifecycles(db):
    demo_generate(city=city_load(Path(settings.ILJARI_CITY_DIR)), size=SMALL, today=DAY)
    # Nothing is 모집 중 past its 마감일: those ended as 채용 완료, 모집 취소 or 기간 만료, with a dated history.
    assert not Vacancy.objects.filter(status="open", closes_on__lt=DAY).exists()
    assert set(Vacancy.objects.values_list("status", flat=True)) == {"open", "filled", "cancelled", "expired"}
    assert {"active", "placed", "withdrawn", "lapsed"} <= set(Seeker.objects.values_list("status", flat=True))
    expiries = StatusChange.objects.filter(object_type="vacancy", move="expire")
    assert expiries.exists()
    for change in expiries.select_related(None)[:50]:
        closes_on = Vacancy.objects.get(pk=change.object_id).closes_on
        assert timezone.localdate(change.at) == closes_on + timedelta(days=1)  # the night after its 마감일
    moved = set(StatusChange.objects.filter(object_type="seeker").values_list("object_id", flat=True))
    assert set(Seeker.objects.exclude(status="active").values_list("pk", flat=True)) <= moved


@pytest.mark.parametrize("kind", ["factory", "shop"])
def test_factories_cluster_in_the_industrial_complex(db, kind):
    demo_generate(city=city_load(Path(settings.ILJARI_CITY_DIR)), size=SMALL, today=DAY)
    industrial = set(city_load(Path(settings.ILJARI_CITY_DIR)).industrial_dongs)
    # Counted per workplace: a few companies post most vacancies (each has its own hiring rate).
    places = set(
        Vacancy.objects.filter(employer__in_smart_hub=(kind == "factory")).values_list("employer", "dong__name")
    )
    share = sum(dong in industrial for _, dong in places) / len(places)
    assert share == 1.0 if kind == "factory" else share < 0.5
