"""The center's numbers: defined once, computed by SQL, the same on the dashboard, in Excel and on paper."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from iljari.employers.services import EmployerInput, employers_create
from iljari.reference.models import Dong, TargetGroup
from iljari.referrals.services import (
    follow_up_record,
    placement_record_direct,
    referral_create,
    referral_record_outcome,
    referral_schedule_interview,
)
from iljari.reports.kpis import kpi_table
from iljari.reports.monthly import monthly_report, year_trend
from iljari.reports.pdf import monthly_pdf
from iljari.reports.xlsx import monthly_xlsx
from iljari.vacancies.models import Vacancy
from iljari.vacancies.services import VacancyInput, vacancies_create

OCTOBER = (date(2026, 10, 1), date(2026, 10, 31))


@pytest.fixture
def october(make_seeker, counselor):
    """Four seekers served in October 2026: two young, one senior, one with no group; two placed."""
    youth, senior = TargetGroup.objects.get(code="youth"), TargetGroup.objects.get(code="senior")
    employer = employers_create(
        inputs=[EmployerInput(name="세원테크", dong=Dong.objects.get(name="초지동"))], actor="t"
    )[0]
    vacancy = vacancies_create(
        inputs=[
            VacancyInput(
                employer=employer,
                title="포장원",
                wage_type="monthly",
                wage_amount=2_400_000,
                openings=3,
                posted_on=date(2026, 10, 2),
            )
        ],
        actor="t",
    )[0]
    a = make_seeker(target_groups=[youth], registered_on=date(2026, 10, 3))
    b = make_seeker(target_groups=[youth], registered_on=date(2026, 10, 5))
    c = make_seeker(target_groups=[senior], registered_on=date(2026, 9, 20))  # served through a referral
    make_seeker(registered_on=date(2026, 10, 20))
    make_seeker(target_groups=[senior], registered_on=date(2026, 8, 1))  # not served in October
    at = timezone.make_aware(timezone.datetime(2026, 10, 6, 10))
    for seeker, hired in ((a, True), (c, False)):
        referral = referral_create(seeker=seeker, vacancy=vacancy, counselor=counselor, at=at)
        referral_schedule_interview(referral=referral, at=at + timedelta(days=1), actor=counselor)
        referral_record_outcome(
            referral=referral,
            hired=hired,
            reason="" if hired else "wage",
            actor=counselor,
            at=at + timedelta(days=2),
            started_on=date(2026, 10, 12),
        )
    placement = placement_record_direct(
        seeker=b, employer_name="동네 식당", started_on=date(2026, 10, 15), actor=counselor
    )
    return {"placement": placement}


def test_totals_follow_the_definitions(october):
    total = kpi_table(start=OCTOBER[0], end=OCTOBER[1], breakdown=None).total
    assert total["registered"] == 3 and total["served"] == 4
    assert (total["referrals"], total["interviews"], total["placements"], total["placed_people"]) == (2, 2, 2, 2)
    assert total["placement_rate"] == 50.0
    assert (total["vacancies"], total["openings"]) == (1, 3)


def test_breakdown_by_target_group_counts_each_group(october):
    rows = kpi_table(start=OCTOBER[0], end=OCTOBER[1], breakdown="target_group").rows
    assert rows["청년"]["served"] == 2 and rows["청년"]["placement_rate"] == 100.0
    assert rows["어르신"]["served"] == 1 and rows["어르신"]["placement_rate"] == 0.0
    assert rows["(미지정)"]["served"] == 1


def test_retention_counts_follow_ups_due_in_the_period(october, counselor):
    one_month = october["placement"].follow_ups.get(months_after=1)  # due 2026-11-15
    follow_up_record(follow_up=one_month, still_employed=True, actor=counselor, done_on=date(2026, 11, 16))
    november = kpi_table(start=date(2026, 11, 1), end=date(2026, 11, 30), breakdown=None).total
    assert november["retention_1"] == 100.0


def test_monthly_workbook_has_a_sheet_per_breakdown_with_totals(october, tmp_path):
    path = tmp_path / "2026-10.xlsx"
    monthly_xlsx(monthly_report(month=date(2026, 10, 1)), path)
    book = load_workbook(path)
    assert book.sheetnames == [
        "요약",
        "대상계층",
        "창구",
        "상담사",
        "행정동",
        "직종(KECO 대분류)",
        "월별 추이",
        "직원 보호",  # the whole center's workbook: the safety app's sheet
        "교육·일자리 사업",  # and the programs' outcomes beside similar non-participants
        "용어 정의",
    ]
    groups = book["대상계층"]
    assert [c.value for c in groups[1]][:3] == ["대상계층", "등록 구직자", "서비스 구직자"]
    assert groups.cell(groups.max_row, 1).value == "합계" and groups.cell(groups.max_row, 3).value == 4
    assert groups.cell(2, 8).number_format == "0.0"
    assert "취업률(%)" in [c.value for c in book["요약"]["A"]]


def test_printed_report_is_a_korean_pdf(october, tmp_path):
    path = tmp_path / "2026-10.pdf"
    monthly_pdf(monthly_report(month=date(2026, 10, 1)), path)
    reader = PdfReader(path)
    text = "".join(page.extract_text() for page in reader.pages)
    assert len(reader.pages) >= 2 and "2026년 10월 취업지원 실적" in text and "행정동별 취업률" in text


def test_manager_sees_the_dashboard_and_a_counselor_does_not(client, october, manager, counselor):
    client.force_login(manager)
    page = client.get(reverse("reports:dashboard"), {"month": "2026-10"})
    html = page.content.decode()
    assert page.status_code == 200 and "2026년 10월 취업지원 실적" in html and "<svg" in html
    assert "취업자 ÷ 서비스 구직자" in html
    assert client.get(reverse("reports:xlsx"), {"month": "2026-10"})["Content-Disposition"].endswith('2026-10.xlsx"')
    client.force_login(counselor)
    assert client.get(reverse("reports:dashboard")).status_code == 403


def test_fairness_report_compares_each_group_with_the_whole(client, october, manager, matching):
    client.force_login(manager)
    html = client.get(reverse("reports:fairness"), {"month": "2026-10"}).content.decode()
    assert "전체 취업률은 50.0%입니다" in html and "청년" in html and "어르신" in html


def test_cached_figures_change_as_soon_as_the_records_do(client, october, manager, make_seeker, counselor):
    client.force_login(manager)
    before = client.get(reverse("reports:dashboard"), {"month": "2026-10"}).content.decode()
    placement_record_direct(
        seeker=make_seeker(registered_on=date(2026, 10, 9)),
        employer_name="새 직장",
        started_on=date(2026, 10, 20),
        actor=counselor,
    )
    after = client.get(reverse("reports:dashboard"), {"month": "2026-10"}).content.decode()
    assert "<strong>3</strong> 취업" in after and "<strong>2</strong> 취업" in before


def test_more_breakdowns_open_on_demand(client, october, manager):
    client.force_login(manager)
    html = client.get(reverse("reports:section", args=["desk"]), {"month": "2026-10"}).content.decode()
    assert "창구별 실적" in html and "와동 행정복지센터" in html
    assert client.get(reverse("reports:section", args=["nothing"])).status_code == 404


def test_the_years_trend_counts_each_served_seeker_once_a_month_by_local_time(october, make_seeker, counselor):
    late = make_seeker(registered_on=date(2026, 6, 1))
    vacancy = Vacancy.objects.get(title="포장원")
    # 00:30 on 1 November in Seoul is still 31 October in UTC: the month is the center's, not UTC's
    referral_create(
        seeker=late, vacancy=vacancy, counselor=counselor, at=timezone.make_aware(timezone.datetime(2026, 11, 1, 0, 30))
    )
    trend = dict(year_trend(end_month=date(2026, 11, 1), user=None))
    assert trend["2026-11"]["served"] == 1
    assert trend["2026-10"]["served"] == 4  # registered and referred in October: still one person
    assert (trend["2026-09"]["served"], trend["2026-08"]["served"], trend["2026-06"]["served"]) == (1, 1, 1)
    for month, row in trend.items():  # the same definition as the month's own table
        start = date(int(month[:4]), int(month[5:]), 1)
        end = (start + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        assert row["served"] == kpi_table(start=start, end=end, breakdown=None).total["served"]
