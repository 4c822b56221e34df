"""The discovery pages as a team member uses them: visit form → draft → 구인표, plan, merge, numbers."""

import io
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from iljari.accounts.models import User
from iljari.conftest import _staff
from iljari.demo.discovery import discovery_demo_generate
from iljari.discovery.likely import likely_scores
from iljari.discovery.models import Visit
from iljari.employers.models import Employer
from iljari.employers.services import EmployerInput, employers_create
from iljari.reference.models import Dong
from iljari.vacancies.models import Vacancy

NOTE = "사출 2명 주간 8-17 월 230 기숙사O E-9 가능 지게차 우대 남자만"


@pytest.fixture
def member(client, desk) -> User:
    user = _staff("finder", User.Role.DISCOVERY, desk)
    client.force_login(user)
    return user


@pytest.fixture
def company(db) -> Employer:
    return employers_create(
        inputs=[EmployerInput(name="(주)한빛정밀", dong=Dong.objects.get(name="초지동"))], actor="t"
    )[0]


def test_the_note_preview_shows_fields_their_words_and_the_flag(client, member):
    page = client.post(reverse("discovery:preview"), {"note": NOTE}).content.decode()
    assert "사출성형기조작원 (8522)" in page and "월급 2,300,000원" in page and "“월 230”" in page
    assert "차별 조건" in page and "남녀고용평등" in page


def test_a_visit_with_a_note_leads_to_a_prefilled_vacancy_form_and_a_discovered_vacancy(client, member, company):
    response = client.post(
        reverse("discovery:visit_new"),
        {
            "employer": company.pk,
            "visited_on": "2026-11-20",
            "team": "smart_hub",
            "hiring_plan": "now",
            "note": NOTE,
            "make_vacancy": "on",
            "client_key": "k-1",
        },
    )
    visit = Visit.objects.get()
    assert response.status_code == 302 and response.url == reverse("discovery:vacancy", args=[visit.pk])
    form = client.get(response.url).context["form"]
    assert form.initial["title"] == "사출성형기조작원" and form.initial["openings"] == 2
    assert form.initial["wage_amount"] == "2,300,000" and form.initial["shift"] == "day"
    assert form.initial["preferred_licences"] == "지게차운전기능사" and form.initial["benefits"] == ["dormitory"]
    data = {
        "employer": company.pk,
        "title": "사출성형기조작원",
        "wage_type": "monthly",
        "wage_amount": "2,300,000",
        "hours_start": "08:00",
        "hours_end": "17:00",
        "shift": "day",
        "employment_type": "regular",
        "openings": 2,
        "korean_level_min": 0,
        "benefits": ["dormitory"],
        "preferred_licences": "지게차운전기능사",
    }
    saved = client.post(response.url, data)
    vacancy = Vacancy.objects.get()
    assert saved.status_code == 302 and vacancy.source == "discovery" and Visit.objects.get().vacancy == vacancy
    again = client.post(
        reverse("discovery:visit_new"),
        {
            "employer": company.pk,
            "visited_on": "2026-11-20",
            "team": "smart_hub",
            "hiring_plan": "now",
            "client_key": "k-1",
        },
    )
    assert again.status_code == 302 and Visit.objects.count() == 1  # the resend is the same visit


def test_a_bad_visit_keeps_what_was_typed(client, member, company):
    response = client.post(
        reverse("discovery:visit_new"),
        {
            "employer": company.pk,
            "visited_on": "2026-11-20",
            "team": "smart_hub",
            "hiring_plan": "soon",
            "note": "",
            "make_vacancy": "on",
            "follow_up_on": "2026-11-01",
            "met_person": "김과장",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200 and not Visit.objects.exists()
    assert "현장 메모를 적어 주십시오" in page and "방문일 이후여야" in page and "김과장" in page


def test_plan_page_orders_a_route_and_duplicates_can_be_merged(client, member, company):
    other = employers_create(
        inputs=[
            EmployerInput(name="세원포장", dong=Dong.objects.get(name="원곡동")),
            EmployerInput(name="한빛정밀 주식회사", dong=company.dong),
        ],
        actor="t",
    )
    page = client.get(reverse("discovery:plan"), {"stop": [company.pk, other[0].pk], "day": "2026-11-25"})
    assert page.status_code == 200 and len(page.context["route"]) == 2 and "<svg" in page.content.decode()
    listed = client.get(reverse("discovery:duplicates")).context["pairs"]
    assert [(p.a.pk, p.b.pk) for p in listed] == [(company.pk, other[1].pk)]
    client.post(reverse("discovery:merge"), {"keep": company.pk, "remove": other[1].pk})
    assert not Employer.objects.filter(pk=other[1].pk).exists()


def test_team_numbers_page(client, member, company):
    Visit.objects.create(employer=company, staff=member, team="smart_hub", visited_on=date(2026, 11, 2))
    for by in ("staff", "team", "dong", "month"):
        rows = client.get(reverse("discovery:stats"), {"by": by}).context["rows"]
        assert sum(r["visits"] for r in rows) == 1
    response = client.get(reverse("discovery:stats_xlsx"))
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["방문자별", "발굴팀별", "행정동별", "월별"]
    assert [c.value for c in book["발굴팀별"][2]] == ["스마트허브 전담팀", 1, 1, 0, 0, 0]


def test_the_company_page_shows_field_visits_to_counselors_too(client, member, company, counselor):
    Visit.objects.create(
        employer=company,
        staff=member,
        team="smart_hub",
        visited_on=date(2026, 11, 2),
        hiring_plan="soon",
        note="다음 달 사출 2명 충원 예정",
    )
    client.force_login(counselor)
    page = client.get(reverse("employers:detail", args=[company.pk])).content.decode()
    assert "발굴팀 방문 기록" in page and "다음 달 사출 2명 충원 예정" in page and "3개월 안에 채용 예정" in page
    assert reverse("discovery:visit_new") not in page  # counselors read visits; the teams log them


def test_the_company_page_shows_the_likely_to_hire_score_once_trained_and_never_trains_itself(
    client, member, settings, tmp_path
):
    settings.VAR_DIR = tmp_path
    dongs = list(Dong.objects.all())
    employers_create(
        inputs=[
            EmployerInput(
                name=f"시험산업{i:03d}", dong=dongs[i % len(dongs)], employees=20 + i, in_smart_hub=True, is_demo=True
            )
            for i in range(60)
        ],
        actor="t",
    )
    discovery_demo_generate(today=timezone.localdate())
    busiest = max(Employer.objects.all(), key=lambda e: e.vacancies.count())
    page = reverse("employers:detail", args=[busiest.pk])
    assert "90일 안 구인 가능성" not in client.get(page).content.decode()  # not trained yet: no wait, no score
    assert likely_scores()[busiest.pk].reasons
    assert "90일 안 구인 가능성" in client.get(page).content.decode()
