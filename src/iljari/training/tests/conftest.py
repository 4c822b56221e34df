"""A forklift course and a public-job program, set up through the real services."""

from datetime import time, timedelta

import pytest
from django.utils import timezone

from iljari.core.choices import KoreanLevel
from iljari.employers.services import EmployerInput, employers_create
from iljari.reference.models import Dong, Licence, Occupation, TargetGroup
from iljari.training.models import ProgramType, SelectionCriterion
from iljari.training.rules import Declared
from iljari.training.services import ProgramInput, SessionInput, enrollment_create, program_create
from iljari.vacancies.models import Vacancy
from iljari.vacancies.services import VacancyInput, vacancies_create


def forklift_jobs(n: int, *, licensed: bool = True, wage: int = 2_700_000, korean: int = 0) -> list[Vacancy]:
    """``n`` open forklift vacancies at 한빛물류 in 원곡동, asking for 지게차운전기능사 unless ``licensed``
    is False (what the forklift course stands between) and for the Korean level ``korean``."""
    employer = employers_create(
        inputs=[EmployerInput(name="한빛물류", dong=Dong.objects.get(name="원곡동"))], actor="t"
    )[0]
    licence = Licence.objects.get(name="지게차운전기능사")
    return vacancies_create(
        inputs=[
            VacancyInput(
                employer=employer,
                title="지게차운전원",
                occupation=Occupation.objects.filter(title="지게차운전원").first(),
                wage_type="monthly",
                wage_amount=wage,
                hours_start=time(8, 30),
                hours_end=time(17, 30),
                weekly_hours=40,
                dong=Dong.objects.get(name="원곡동"),
                required_licences=[licence] if licensed else [],
                korean_level_min=korean,
                posted_on=timezone.localdate(),
            )
            for _ in range(n)
        ],
        actor="t",
    )


@pytest.fixture
def enroll(counselor):
    """Apply through the real service, with a paper consent given today: ``enroll(program, seeker, income_percent=40)``."""

    def make(program, seeker, **declared):
        return enrollment_create(
            program=program,
            seeker=seeker,
            declared=Declared(**declared),
            consent_method="paper",
            consent_given_on=timezone.localdate(),
            actor=counselor,
        )

    return make


@pytest.fixture
def forklift(db):
    """지게차운전기능사 과정: 4 sessions, the first two already held."""
    today = timezone.localdate()
    start = today - timedelta(days=7)
    return program_create(
        data=ProgramInput(
            name="지게차운전기능사 과정",
            provider="안산 직업전문학교",
            program_type=ProgramType.objects.get(code="vocational"),
            starts_on=start,
            ends_on=start + timedelta(days=28),
            capacity=10,
            licences=[Licence.objects.get(name="지게차운전기능사")],
            occupations=list(Occupation.objects.filter(title="지게차운전원")[:1]),
            residents_only=True,
            completion_percent=50,
        ),
        sessions=[
            SessionInput(start + timedelta(days=7 * n), time(9), time(13), "안산 직업전문학교 실습장") for n in range(4)
        ],
        actor="test",
    )


@pytest.fixture
def korean_course(db):
    """직무 한국어 과정: a Korean course for 결혼이민여성 that leads to 중(업무 지시 이해), starting next week.
    Raise or lower what it leads to with ``korean_level_after`` on the program."""
    start = timezone.localdate() + timedelta(days=7)
    return program_create(
        data=ProgramInput(
            name="직무 한국어 과정",
            provider="안산시 가족센터",
            starts_on=start,
            ends_on=start + timedelta(days=28),
            capacity=20,
            korean_level_after=KoreanLevel.INTERMEDIATE,
        ),
        sessions=[SessionInput(start, time(10), time(12), "가족센터 강의실")],
        actor="test",
    )


@pytest.fixture
def senior_jobs(db):
    """어르신 공공일자리: 2 places, 만 65세 이상, 소득 기준중위소득 150% 이하, published criteria."""
    kind = ProgramType.objects.get(code="senior-public")
    kind.criteria.all().delete()  # this test's own published criteria, not the city's
    for n, (criterion, rule, points) in enumerate(
        [
            ("소득 수준", "income_at_most:50", 30),
            ("소득 수준", "income_at_most:100", 20),
            ("세대 구성", "single_household", 15),
            ("참여 이력", "first_time", 10),
        ]
    ):
        SelectionCriterion.objects.create(
            program_type=kind, criterion=criterion, rule=rule, points=points, sort_order=n
        )
    today = timezone.localdate()
    return program_create(
        data=ProgramInput(
            name="어르신 공공일자리(환경정비)",
            provider="안산시니어클럽",
            program_type=kind,
            starts_on=today,
            ends_on=today + timedelta(days=90),
            capacity=2,
            age_min=65,
            income_max_percent=150,
            target_groups=[TargetGroup.objects.get(code="senior")],
        ),
        sessions=[SessionInput(today + timedelta(days=d), time(9), time(12), "와동 행정복지센터") for d in (0, 7)],
        actor="test",
    )
