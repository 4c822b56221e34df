"""A visit logged twice over a bad connection is one visit; its note becomes a 구인표; duplicate
companies are found and merged with their history; likely-to-hire and routes; team numbers."""

from datetime import date, datetime, time

import pytest
from django.utils import timezone

from iljari.demo.discovery import discovery_demo_generate, truth_path
from iljari.discovery.duplicates import duplicate_pairs
from iljari.discovery.likely import evaluate, likely_scores
from iljari.discovery.models import Visit
from iljari.discovery.routing import Stop, plan_route, route_minutes
from iljari.discovery.selectors import team_stats
from iljari.discovery.services import DiscoveryError, VisitInput, employers_merge, vacancy_from_visit, visit_log
from iljari.employers.models import Employer
from iljari.employers.services import EmployerInput, employer_possible_duplicate, employers_create
from iljari.privacy.models import AuditEvent
from iljari.reference.models import Dong, Occupation
from iljari.vacancies.models import Vacancy
from iljari.vacancies.services import VacancyInput, vacancies_create

pytestmark = pytest.mark.postgres


def _visit(company: Employer, staff, key: str = "") -> tuple[Visit, bool]:
    return visit_log(
        data=VisitInput(
            employer=company,
            staff=staff,
            team=Visit.Team.SMART_HUB,
            visited_on=date(2026, 11, 20),
            note="사출 2명 주간 월 240 기숙사O",
            hiring_plan=Visit.Plan.NOW,
            client_key=key,
        ),
        actor=staff,
    )


def test_a_resent_visit_is_recorded_once_and_its_note_becomes_a_discovered_vacancy(company, counselor):
    first, created = _visit(company, counselor, key="phone-1")
    again, created_again = _visit(company, counselor, key="phone-1")
    assert created and not created_again and first.pk == again.pk and Visit.objects.count() == 1
    vacancy = vacancy_from_visit(
        visit=first,
        data=VacancyInput(
            employer=company,
            title="사출성형기조작원",
            wage_type="monthly",
            wage_amount=2_400_000,
            occupation=Occupation.objects.get(title="사출성형기조작원"),
            openings=2,
        ),
        actor=counselor,
    )
    first.refresh_from_db()
    assert first.vacancy == vacancy and vacancy.source == Vacancy.Source.DISCOVERY
    with pytest.raises(DiscoveryError):
        vacancy_from_visit(
            visit=first,
            data=VacancyInput(employer=company, title="x", wage_type="monthly", wage_amount=2_400_000),
            actor=counselor,
        )


def test_the_same_company_entered_twice_is_found_on_entry_and_in_the_report(company):
    chojidong = Dong.objects.get(name="초지동")
    assert employer_possible_duplicate(name="대한정밀 주식회사", business_number="", dong=chojidong) is not None
    near = employer_possible_duplicate(name="대한정말", business_number="", dong=chojidong, address="")
    assert near is None  # a different name key below the similarity bar is not a match
    same_address = employer_possible_duplicate(
        name="대한 하이텍",
        business_number="",
        dong=Dong.objects.get(name="원곡동"),
        address="경기도 안산시 단원구 초지동 12-3",
    )
    assert same_address is not None and same_address.existing == company
    twin, other_entity, elsewhere = employers_create(
        inputs=[
            EmployerInput(name="대한정밀 주식회사", dong=chojidong),
            EmployerInput(name="대한정밀", business_number="124-81-00998", dong=chojidong),  # another legal entity
            EmployerInput(name="세원포장", dong=Dong.objects.get(name="원곡동")),
        ],
        actor="t",
    )
    pairs = {(p.a.pk, p.b.pk) for p in duplicate_pairs()}
    assert (company.pk, twin.pk) in pairs
    assert (company.pk, other_entity.pk) not in pairs  # two 사업자번호 are two companies
    assert not any(elsewhere.pk in pair for pair in pairs)


def test_merging_moves_vacancies_and_visits_keeps_the_number_and_is_audited(company, counselor, manager):
    twin = employers_create(
        inputs=[EmployerInput(name="대한정밀 주식회사", address="초지동 12-3", employees=40, dong=company.dong)],
        actor="t",
    )[0]
    vacancies_create(
        inputs=[VacancyInput(employer=twin, title="포장원", wage_type="monthly", wage_amount=2_300_000)], actor="t"
    )
    _visit(twin, counselor)
    moved = employers_merge(keep=company, duplicate=twin, actor=manager)
    assert moved == {"vacancies": 1, "visits": 1, "booths": 0}
    company.refresh_from_db()
    assert company.employees == 40 and company.business_number == "2208162517"
    assert not Employer.objects.filter(pk=twin.pk).exists()
    assert company.vacancies.count() == 1 and company.visits.count() == 1
    audit = AuditEvent.objects.get(action="merge", object_id=str(company.pk))
    assert audit.detail["removed"] == "대한정밀 주식회사"
    other = employers_create(inputs=[EmployerInput(name="대한정밀", business_number="124-81-00998")], actor="t")[0]
    with pytest.raises(DiscoveryError):
        employers_merge(keep=company, duplicate=other, actor=manager)


def test_likely_to_hire_beats_last_years_hiring_on_a_demo_history_and_explains_itself(db, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    dongs = list(Dong.objects.all())
    employers_create(
        inputs=[
            EmployerInput(
                name=f"시험산업{i:03d}",
                dong=dongs[i % len(dongs)],
                employees=5 + (i * 37) % 200,
                in_smart_hub=i % 3 != 0,
                is_demo=True,
            )
            for i in range(150)
        ],
        actor="t",
    )
    today = date(2026, 11, 23)
    made = discovery_demo_generate(today=today)
    assert made["중복 입력 업체(정답 보관)"] == 30 and truth_path().exists()
    result = evaluate(today=today)
    assert result.auc_model > 0.7 and result.auc_model >= result.auc_baseline - 0.02, result
    scores = likely_scores(today=today)
    top = max(scores.values(), key=lambda s: s.probability)
    assert 0.5 < top.probability <= 1 and top.reasons and all(isinstance(r, str) and r for r in top.reasons)


def test_route_visits_every_stop_once_and_is_no_longer_than_the_listed_order():
    start = Stop(0, "시청", 37.3219, 126.8309)
    stops = [
        Stop(1, "A", 37.30, 126.78),
        Stop(2, "B", 37.34, 126.85),
        Stop(3, "C", 37.31, 126.79),
        Stop(4, "D", 37.35, 126.86),
    ]
    legs = plan_route(start, stops, timezone.make_aware(datetime.combine(date(2026, 11, 24), time(9, 30))))
    assert sorted(leg.stop.key for leg in legs) == [1, 2, 3, 4]
    assert route_minutes(start, [leg.stop for leg in legs]) <= route_minutes(start, stops)
    assert legs[0].arrive.hour == 9 and legs[1].arrive > legs[0].arrive


def test_team_statistics_count_visits_vacancies_and_openings(company, counselor):
    visit, _ = _visit(company, counselor)
    vacancy_from_visit(
        visit=visit,
        data=VacancyInput(
            employer=company, title="사출성형기조작원", wage_type="monthly", wage_amount=2_400_000, openings=3
        ),
        actor=counselor,
    )
    _visit(company, counselor, key="second")
    [row] = team_stats(by="team")
    assert row == {
        "key": "스마트허브 전담팀",
        "visits": 2,
        "companies": 1,
        "vacancies": 1,
        "openings": 3,
        "placements": 0,
    }
    assert team_stats(by="month")[0]["key"] == "2026-11"
