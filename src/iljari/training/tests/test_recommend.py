"""A counselor sees which programs would open the most vacancies for a seeker, with eligibility."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

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
