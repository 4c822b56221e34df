"""A counselor sees which programs would open the most vacancies for a seeker, with eligibility."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from iljari.core.choices import KoreanLevel
from iljari.privacy.models import AuditEvent
from iljari.training.recommend import programs_for_seeker
from iljari.training.tests.conftest import forklift_jobs

pytestmark = pytest.mark.usefixtures("matching")


def test_the_forklift_course_opens_the_vacancies_that_ask_for_its_licence(forklift, senior_jobs, make_seeker):
    licensed = forklift_jobs(3)
    forklift_jobs(2, licensed=False)  # fit already: not counted as opened by the course
    forklift_jobs(1, wage=2_200_000)  # below the seeker's 희망임금: the licence would not change that
    seeker = make_seeker(desired_job_text="지게차 운전", reservation_wage=2_500_000)

    fits = programs_for_seeker(seeker=seeker)

    top = fits[0]
    assert top.program == forklift
    assert sorted(top.vacancy_ids) == sorted(v.pk for v in licensed)
    assert top.eligible and top.failing == []
    senior = next(f for f in fits if f.program == senior_jobs)
    assert senior.vacancy_ids == [] and not senior.eligible
    assert "참여 연령(만 65세 이상)이 아닙니다" in " ".join(senior.failing)


def test_a_korean_course_opens_the_vacancies_only_the_seekers_korean_kept_them_from(
    korean_course, forklift, make_seeker
):
    """The engine turns a vacancy away when it asks for two levels more Korean than the seeker has."""
    asking = forklift_jobs(3, licensed=False, korean=KoreanLevel.ADVANCED)
    forklift_jobs(2, licensed=False)  # no Korean asked: fit already
    forklift_jobs(1, licensed=False, korean=KoreanLevel.ADVANCED, wage=2_200_000)  # the wage, not the Korean
    forklift_jobs(1, korean=KoreanLevel.ADVANCED)  # also the licence: Korean alone does not open it
    seeker = make_seeker(desired_job_text="지게차 운전", reservation_wage=2_500_000, korean_level=KoreanLevel.NONE)

    fits = {f.program: f for f in programs_for_seeker(seeker=seeker)}

    course = fits[korean_course]
    assert sorted(course.vacancy_ids) == sorted(v.pk for v in asking)
    assert course.leads_to == "한국어 중(업무 지시 이해)"
    assert "구인표 3건이 더 맞습니다" in course.headline

    korean_course.korean_level_after = KoreanLevel.BASIC  # still two levels short of 상
    korean_course.save()
    assert next(f for f in programs_for_seeker(seeker=seeker) if f.program == korean_course).vacancy_ids == []


def test_a_korean_course_below_what_the_seeker_already_speaks_opens_nothing(korean_course, make_seeker):
    forklift_jobs(2, licensed=False, korean=KoreanLevel.NATIVE)
    seeker = make_seeker(desired_job_text="지게차 운전", korean_level=KoreanLevel.ADVANCED)  # fits already
    [fit] = [f for f in programs_for_seeker(seeker=seeker) if f.program == korean_course]
    assert fit.vacancy_ids == []


def test_program_recommend_command_prints_json_last(forklift, make_seeker):
    licensed = forklift_jobs(2)
    seeker = make_seeker(desired_job_text="지게차 운전")
    out = StringIO()
    call_command("program", "recommend", str(seeker.pk), "--json", stdout=out)
    last = json.loads(out.getvalue().strip().splitlines()[-1])
    assert last["programs"][0] == {
        "program": forklift.pk,
        "name": "지게차운전기능사 과정",
        "eligible": True,
        "failing": [],
        "vacancies": sorted(v.pk for v in licensed),  # equal fit: in the order they were posted
    }
    assert AuditEvent.objects.filter(object_type="seeker", object_id=seeker.pk, purpose__contains="사업 추천").exists()
