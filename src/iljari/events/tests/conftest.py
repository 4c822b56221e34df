"""A small fair: three companies' booths (welding, packing, care) at a morning event today."""

from datetime import date, time

import pytest
from django.utils import timezone

from iljari.employers.services import EmployerInput, employers_create
from iljari.events.models import Booth, HiringEvent
from iljari.events.services import EventInput, booth_add, event_create
from iljari.reference.models import Dong, Occupation
from iljari.vacancies.services import VacancyInput, vacancies_create

BOOTHS = [
    ("(주)대한정밀", "아크용접원", "초지동"),
    ("세원포장", "포장원", "원곡동"),
    ("늘봄요양원", "요양보호사", "와동"),
]


@pytest.fixture
def event(desk, manager) -> HiringEvent:
    return event_create(
        data=EventInput(
            name="시험 채용의 날",
            kind="weekly",
            date=timezone.localdate(),
            place="일자리센터",
            starts_at=time(9),
            ends_at=time(12),
            slot_minutes=20,
            desk=desk,
        ),
        actor=manager,
    )


@pytest.fixture
def booths(event, manager, matching) -> dict[str, Booth]:
    made = {}
    for name, title, dong in BOOTHS:
        employer = employers_create(inputs=[EmployerInput(name=name, dong=Dong.objects.get(name=dong))], actor="t")[0]
        vacancy = vacancies_create(
            inputs=[
                VacancyInput(
                    employer=employer,
                    title=title,
                    occupation=Occupation.objects.filter(title=title).first(),
                    wage_type="monthly",
                    wage_amount=2_600_000,
                    hours_start=time(8, 30),
                    hours_end=time(17, 30),
                    weekly_hours=40,
                    dong=Dong.objects.get(name=dong),
                    openings=2,
                    posted_on=date(2026, 11, 2),
                )
            ],
            actor="t",
        )[0]
        made[title] = booth_add(event=event, employer=employer, vacancies=[vacancy], actor=manager)
    return made
