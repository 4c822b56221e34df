"""A counselor's day in a real browser: Debian's chromium driven by Playwright against a live server.

Screenshots of the main pages (desktop and phone width) are written to
``test-artifacts/screenshots/`` for people to look at.
"""

import re
from datetime import date, time
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from playwright.sync_api import expect

from iljari.accounts.models import User
from iljari.conftest import TEST_KECO, _staff
from iljari.employers.services import EmployerInput, employers_create
from iljari.front.setup import reference_load_all
from iljari.matching.catalogue import OccupationNormalizer, use_normalizer
from iljari.matching.indexes import forget_indexes
from iljari.privacy.models import AuditEvent
from iljari.reference.models import Dong, Licence, Occupation
from iljari.referrals.models import Referral
from iljari.seekers.models import Seeker
from iljari.seekers.services import SeekerInput, seeker_create
from iljari.testing.browser import login, serious_violations, shot
from iljari.vacancies.services import VacancyInput, vacancies_create

pytestmark = pytest.mark.browser


@pytest.fixture
def center(transactional_db, live_server):
    """A live server with the reference data, staff, an employer and two open vacancies."""
    reference_load_all(city_folder=Path(settings.ILJARI_CITY_DIR))
    use_normalizer(OccupationNormalizer(list(Occupation.objects.filter(keco_code__in=TEST_KECO).order_by("pk"))))
    forget_indexes()
    wadong = Dong.objects.get(name="와동")
    staff = {
        "counselor": _staff("counselor", User.Role.COUNSELOR, wadong.desks.get()),
        "other": _staff("other", User.Role.COUNSELOR, Dong.objects.get(name="원곡동").desks.get()),
        "manager": _staff("manager", User.Role.MANAGER, None),
    }
    employer = employers_create(
        inputs=[
            EmployerInput(name="(주)대한정밀", business_number="220-81-62517", dong=Dong.objects.get(name="초지동"))
        ],
        actor="test",
    )[0]
    welding = vacancies_create(
        inputs=[
            VacancyInput(
                employer=employer,
                title="아크용접원",
                occupation=Occupation.objects.get(title="아크용접원"),
                wage_type="monthly",
                wage_amount=2_700_000,
                hours_start=time(8, 30),
                hours_end=time(17, 30),
                weekly_hours=40,
                required_licences=[Licence.objects.get(name="용접기능사")],
                posted_on=date.today(),
            )
        ],
        actor="test",
    )[0]
    yield {"url": live_server.url, "staff": staff, "vacancy": welding, "employer": employer}
    forget_indexes()
    use_normalizer(None)


@pytest.fixture
def page(chromium, center):
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="ko-KR")
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    context.close()


def test_counselor_registers_seeker_and_refers_to_recommended_vacancy(page, center):
    base = center["url"]
    login(page, base, "counselor")
    page.goto(f"{base}/seekers/new/")
    page.get_by_label("성명").fill("정새봄")
    page.get_by_label("생년월일").fill("1990-04-12")
    page.get_by_label("휴대전화").fill("010-12")
    page.get_by_label("거주 행정동").select_option(label="와동")
    expect(page.locator("#errors-phone")).to_contain_text("010-1234-5678 형식")  # validated as typed
    page.get_by_label("휴대전화").fill("010-1234-9876")
    expect(page.locator("#errors-phone")).to_be_empty()
    page.get_by_label("희망직종").fill("아크용접원")
    page.get_by_label("희망임금(월, 원)").fill("250만")
    page.get_by_label("자격증").fill("용접기능사")
    page.get_by_label("개인정보 수집·이용(취업지원 상담·알선)에 동의를 받았습니다.").check()
    shot(page, "seeker-register-desktop")
    page.get_by_role("button", name="등록").click()

    expect(page.get_by_role("heading", name=re.compile("정새봄"))).to_be_visible()
    recommendation = page.locator(".rec").filter(has_text="아크용접원")
    expect(recommendation).to_contain_text("용접기능사 보유 (필수)")
    expect(recommendation).to_contain_text("희망임금보다 월 20만원 높음")
    shot(page, "seeker-detail-desktop")
    recommendation.get_by_role("button", name="알선하기").click()
    expect(recommendation).to_contain_text("알선했습니다")
    seeker = Seeker.objects.get(phone_hash__isnull=False, desired_job_text="아크용접원")
    assert Referral.objects.get().seeker == seeker and Referral.objects.get().vacancy == center["vacancy"]


def test_counselor_cannot_open_seeker_of_another_desk(page, center):
    theirs = seeker_create(
        data=SeekerInput(desk=center["staff"]["other"].desk, name="원곡주민", birth_date=date(1988, 1, 2)), actor="test"
    )
    login(page, center["url"], "counselor")
    response = page.goto(f"{center['url']}/seekers/{theirs.pk}/")
    assert response.status == 404
    expect(page.get_by_role("heading", name="찾을 수 없습니다")).to_be_visible()
    expect(page.locator("body")).not_to_contain_text("원곡주민")
    from iljari.accounts.services import api_token_create

    key = api_token_create(user=center["staff"]["counselor"], name="browser", actor="test")
    api = page.request.get(f"{center['url']}/api/seekers/{theirs.pk}", headers={"Authorization": f"Bearer {key}"})
    assert api.status == 404


def test_rrn_typed_in_note_is_refused_and_rest_of_form_kept(page, center):
    seeker = seeker_create(
        data=SeekerInput(desk=center["staff"]["counselor"].desk, name="김상담", birth_date=date(1975, 6, 6)),
        actor="test",
    )
    login(page, center["url"], "counselor")
    page.goto(f"{center['url']}/seekers/{seeker.pk}/")
    page.get_by_label("상담 방법").select_option(label="전화")
    page.get_by_label("상담 내용").fill("본인 확인 750606-1234567 완료. 야간 근무 가능.")
    page.get_by_role("button", name="상담일지 저장").click()
    expect(page.locator("#errors-text")).to_contain_text("주민등록번호(외국인등록번호)는 입력하실 수 없습니다")
    expect(page.get_by_label("상담 방법")).to_have_value("phone")
    expect(page.get_by_label("상담 내용")).to_have_value("본인 확인 ******-******* 완료. 야간 근무 가능.")
    assert not seeker.notes.exists()
    shot(page, "note-rrn-refused-desktop")


def test_manager_sees_audit_trail_of_a_seeker(page, center, chromium):
    seeker = seeker_create(
        data=SeekerInput(desk=center["staff"]["counselor"].desk, name="이감사", birth_date=date(1969, 3, 3)),
        actor="test",
    )
    login(page, center["url"], "counselor")
    page.goto(f"{center['url']}/seekers/{seeker.pk}/")
    manager = chromium.new_context(viewport={"width": 1280, "height": 900}).new_page()
    login(manager, center["url"], "manager")
    manager.goto(f"{center['url']}/seekers/{seeker.pk}/")
    trail = manager.locator("section").filter(has_text="열람·변경 기록")
    expect(trail).to_contain_text("counselor")
    expect(trail).to_contain_text("구직자 상세 조회")
    manager.goto(f"{center['url']}/privacy/audit/?object_type=seeker&object_id={seeker.pk}")
    expect(manager.locator("table")).to_contain_text("manager")
    shot(manager, "audit-log-desktop")
    assert AuditEvent.objects.filter(object_id=str(seeker.pk), action="read").count() >= 2
    manager.context.close()


PAGES = [
    "/",
    "/seekers/",
    "/seekers/new/",
    "/seekers/{seeker}/",
    "/employers/",
    "/employers/new/",
    "/employers/{employer}/",
    "/vacancies/",
    "/vacancies/{vacancy}/",
    "/vacancies/new/?employer={employer}",
    "/desks/",
    "/occupations/",
    "/occupations/{occupation}/",
    "/privacy/audit/",
]


def test_pages_have_no_serious_accessibility_violations_at_desktop_and_phone_width(chromium, center):
    seeker = seeker_create(
        data=SeekerInput(
            desk=center["staff"]["counselor"].desk,
            name="박접근",
            birth_date=date(1980, 8, 8),
            desired_job_text="아크용접원",
        ),
        actor="test",
    )
    ids = {
        "seeker": seeker.pk,
        "employer": center["employer"].pk,
        "vacancy": center["vacancy"].pk,
        "occupation": Occupation.objects.get(title="아크용접원").pk,
    }
    axe = Axe()
    problems = []
    for width, label in ((1280, "desktop"), (390, "phone")):
        context = chromium.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        page.goto(f"{center['url']}/login/")
        problems += serious_violations(axe, page, "/login/")
        login(page, center["url"], "manager")
        for path in PAGES:
            page.goto(center["url"] + path.format(**ids))
            page.wait_for_load_state("networkidle")
            problems += serious_violations(axe, page, path)
            shot(
                page,
                f"{path.strip('/').split('?')[0].replace('/', '-').replace('{', '').replace('}', '') or 'home'}"
                f"-{label}",
            )
        context.close()
    assert problems == []
